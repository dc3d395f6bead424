//! Where a text is: the powiats and voivodeships it names ("powiat krośnieński",
//! "województwo podkarpackie", "starosta kielecki"), used to tell apart gminas that share
//! a name.

use crate::error::RuleError;
use crate::rules::{fold, fold_into, RuleFiles};
use crate::text::tokens::{word_token, Token, WordStart};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub powiat_words: Vec<String>,
    pub voivodeship_words: Vec<String>,
    pub lookback: usize,
    pub adjective_endings: Vec<String>,
    pub stem_endings: Vec<String>,
    pub powiat: f64,
    pub voivodeship: f64,
    pub bare_adjective: f64,
    pub other_gmina: f64,
    pub powiat_in_voivodeship: f64,
    pub near_bytes: usize,
    pub near_factor: f64,
}

/// What a place word points at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    Powiat(u16),
    Voivodeship(u16),
}

/// One piece of evidence: a place named at a byte offset, with a weight.
#[derive(Debug, Clone, Copy)]
pub struct Clue {
    pub at: usize,
    pub place: Place,
    pub weight: f64,
}

#[derive(Debug)]
pub struct Places {
    pub weights: Weights,
    /// Folded adjective stem → land powiat codes ("kieleck" → 2604).
    powiats: HashMap<String, Vec<u16>>,
    /// Folded adjective stem → voivodeship code ("podkarpack" → 18).
    voivodeships: HashMap<String, u16>,
    endings: Vec<String>,
    /// The first `prefix_len` bytes of every stem (folded), for a quick first test.
    prefixes: HashSet<u32>,
    /// The bytes of the shortest stem, at most four.
    prefix_len: usize,
}

/// Up to four bytes packed in one number.
fn prefix_key(bytes: impl Iterator<Item = u8>) -> u32 {
    bytes.fold(0, |k, b| k << 8 | u32::from(b))
}

/// The stem of an adjectival name: without the first of `endings` it ends in
/// (`stem_endings` of `context.toml`: -ie, -i, -y, -e).
fn stem<'a>(folded: &'a str, endings: &[String]) -> &'a str {
    endings
        .iter()
        .find_map(|e| folded.strip_suffix(e.as_str()))
        .unwrap_or(folded)
}

impl Places {
    pub fn load(files: &RuleFiles, weights: Weights) -> Result<Places, RuleError> {
        let ends = &weights.stem_endings;
        for e in ends.iter().chain(&weights.adjective_endings) {
            if e.is_empty() || fold(e) != *e {
                let file = "gmina/context.toml";
                let line = files.text(file).ok().and_then(|t| {
                    let word = if ends.contains(e) {
                        "stem_endings"
                    } else {
                        "adjective_endings"
                    };
                    t.lines().position(|l| l.starts_with(word)).map(|n| n + 1)
                });
                return Err(RuleError::new(
                    files.path(file),
                    line,
                    format!("ending {e:?}: endings are written folded (lower case, no diacritics) and not empty"),
                ));
            }
        }
        let p = files.tsv("gmina/powiats.tsv")?;
        let (pc, pn, pt) = (p.column("code")?, p.column("name")?, p.column("type")?);
        let mut powiats: HashMap<String, Vec<u16>> = HashMap::default();
        for row in &p.rows {
            if row.fields[pt] != "powiat" {
                continue;
            }
            let code: u16 = row.fields[pc]
                .parse()
                .map_err(|_| p.error(row, format!("bad powiat code {:?}", row.fields[pc])))?;
            powiats
                .entry(stem(&fold(&row.fields[pn]), ends).to_string())
                .or_default()
                .push(code);
        }
        let v = files.tsv("gmina/voivodeships.tsv")?;
        let (vc, vn) = (v.column("code")?, v.column("name")?);
        let mut voivodeships = HashMap::default();
        for row in &v.rows {
            let code: u16 = row.fields[vc]
                .parse()
                .map_err(|_| v.error(row, format!("bad voivodeship code {:?}", row.fields[vc])))?;
            voivodeships.insert(stem(&fold(&row.fields[vn]), ends).to_string(), code);
        }
        let stems = || powiats.keys().chain(voivodeships.keys());
        let prefix_len = stems().map(String::len).min().unwrap_or(0).min(4);
        let prefixes = stems()
            .map(|s| prefix_key(s.bytes().take(prefix_len)))
            .collect();
        let mut endings = weights.adjective_endings.clone();
        endings.sort_by_key(|e| std::cmp::Reverse(e.len()));
        Ok(Places {
            weights,
            powiats,
            voivodeships,
            endings,
            prefixes,
            prefix_len,
        })
    }

    /// The powiats and voivodeship a folded word may be an adjective of.
    fn adjective(&self, folded: &str) -> (Option<&[u16]>, Option<u16>) {
        let mut pw = None;
        let mut vv = None;
        for end in &self.endings {
            if let Some(s) = folded.strip_suffix(end.as_str()) {
                if pw.is_none() {
                    pw = self.powiats.get(s).map(Vec::as_slice);
                }
                if vv.is_none() {
                    vv = self.voivodeships.get(s).copied();
                }
            }
        }
        (pw, vv)
    }

    /// Whether a word (of five bytes or more) may fold to a stem and an ending: the first
    /// `prefix_len` bytes of its folded form are those of a stem. If so, `buf` holds the
    /// folded word.
    fn may_be_adjective(&self, word: &str, buf: &mut String) -> bool {
        let n = self.prefix_len;
        let head = &word.as_bytes()[..n.min(word.len())];
        buf.clear();
        if head.len() == n && head.is_ascii() {
            // ASCII is folded byte by byte (lower-cased), so the folded form starts so.
            let key = prefix_key(head.iter().map(u8::to_ascii_lowercase));
            if !self.prefixes.contains(&key) {
                return false;
            }
            fold_into(word, buf);
            return true;
        }
        fold_into(word, buf);
        buf.len() >= n && self.prefixes.contains(&prefix_key(buf.bytes().take(n)))
    }

    /// Every powiat and voivodeship the text names, in text order; `starts` are where the
    /// words of `text` start ([`crate::extract::Context::word_starts`]).
    pub fn clues(&self, text: &str, starts: &[WordStart]) -> Vec<Clue> {
        let w = &self.weights;
        let mut out = Vec::new();
        let mut folded = String::new();
        let mut back_folded: Vec<String> = vec![String::new(); w.lookback];
        // The last `lookback` words before the current one, oldest first.
        let mut back: Vec<Token> = Vec::with_capacity(w.lookback + 1);
        for t in starts.iter().map(|s| word_token(text, s.at)) {
            let word = t.text(text);
            if word.len() >= 5 && self.may_be_adjective(word, &mut folded) {
                let (pw, vv) = self.adjective(&folded);
                if pw.is_some() || vv.is_some() {
                    for (b, f) in back.iter().zip(back_folded.iter_mut()) {
                        f.clear();
                        fold_into(b.text(text), f);
                    }
                    let back = &back_folded[..back.len()];
                    let has = |words: &[String]| {
                        back.iter()
                            .any(|b| words.iter().any(|p| b.starts_with(p.as_str())))
                    };
                    let (is_powiat, is_voiv) = (has(&w.powiat_words), has(&w.voivodeship_words));
                    self.push_clues(&mut out, t.start, (pw, vv), (is_powiat, is_voiv));
                }
            }
            if w.lookback > 0 {
                if back.len() == w.lookback {
                    back.remove(0);
                }
                back.push(t);
            }
        }
        out
    }

    /// The clues of an adjective at `at`: the powiats and voivodeship it may name, and
    /// whether a powiat or voivodeship word stands before it.
    fn push_clues(
        &self,
        out: &mut Vec<Clue>,
        at: usize,
        (pw, vv): (Option<&[u16]>, Option<u16>),
        (is_powiat, is_voiv): (bool, bool),
    ) {
        let w = &self.weights;
        if let Some(codes) = pw {
            if !is_voiv || vv.is_none() {
                let weight = if is_powiat {
                    w.powiat
                } else {
                    w.bare_adjective
                };
                for &c in codes {
                    out.push(Clue {
                        at,
                        place: Place::Powiat(c),
                        weight,
                    });
                }
            }
        }
        if let Some(c) = vv {
            if !is_powiat || pw.is_none() {
                let weight = if is_voiv {
                    w.voivodeship
                } else {
                    w.bare_adjective
                };
                out.push(Clue {
                    at,
                    place: Place::Voivodeship(c),
                    weight,
                });
            }
        }
    }

    /// Sums the clues (sorted by offset) per place, for scoring.
    pub fn summary(&self, clues: Vec<Clue>) -> Summary {
        let mut s = Summary {
            clues,
            ..Summary::default()
        };
        for c in &s.clues {
            match c.place {
                Place::Powiat(p) => {
                    *s.powiat.entry(p).or_default() += c.weight;
                    *s.powiats_of_voivodeship.entry(p / 100).or_default() += c.weight;
                }
                Place::Voivodeship(v) => *s.voivodeship.entry(v).or_default() += c.weight,
            }
        }
        s
    }

    /// How well the clues fit a gmina of powiat `powiat` named at `at`: every clue counts,
    /// those within `near_bytes` `near_factor` times.
    pub fn score(&self, s: &Summary, at: usize, powiat: u16) -> f64 {
        let w = &self.weights;
        let voiv = powiat / 100;
        let fit = |place: Place| match place {
            Place::Powiat(p) if p == powiat => 1.0,
            Place::Powiat(p) if p / 100 == voiv => w.powiat_in_voivodeship,
            Place::Voivodeship(v) if v == voiv => 1.0,
            _ => 0.0,
        };
        let own = s.powiat.get(&powiat).copied().unwrap_or(0.0);
        let all = own
            + w.powiat_in_voivodeship
                * (s.powiats_of_voivodeship.get(&voiv).copied().unwrap_or(0.0) - own)
            + s.voivodeship.get(&voiv).copied().unwrap_or(0.0);
        let lo = s.clues.partition_point(|c| c.at + w.near_bytes < at);
        let near: f64 = s.clues[lo..]
            .iter()
            .take_while(|c| c.at <= at + w.near_bytes)
            .map(|c| fit(c.place) * c.weight)
            .sum();
        all + (w.near_factor - 1.0) * near
    }
}

/// The clues of a document, summed per place.
#[derive(Debug, Default)]
pub struct Summary {
    clues: Vec<Clue>,
    powiat: HashMap<u16, f64>,
    powiats_of_voivodeship: HashMap<u16, f64>,
    voivodeship: HashMap<u16, f64>,
}

#[cfg(test)]
mod tests {
    use crate::extract::gmina::GminaRules;
    use crate::extract::Extractor;
    use crate::rules::RuleFiles;

    #[test]
    fn an_ending_not_folded_is_a_load_error_naming_the_line() {
        let files = RuleFiles::embedded();
        let text = files.text("gmina/context.toml").unwrap().replace(
            r#"stem_endings = ["ie", "i", "y", "e"]"#,
            r#"stem_endings = ["ie", "", "y", "e"]"#,
        );
        let files = files.with_file("gmina/context.toml", &text);
        let line = text
            .lines()
            .position(|l| l.starts_with("stem_endings"))
            .unwrap()
            + 1;
        let e = GminaRules::load(&files).unwrap_err().to_string();
        assert!(e.contains(&format!("context.toml:{line}:")), "{e}");
    }
}
