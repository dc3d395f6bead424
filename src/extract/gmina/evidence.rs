//! Where a text is: the powiats and voivodeships it names ("powiat krośnieński",
//! "województwo podkarpackie", "starosta kielecki"), used to tell apart gminas that share
//! a name.

use super::tokens::Token;
use crate::error::RuleError;
use crate::rules::{fold, RuleFiles};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub powiat_words: Vec<String>,
    pub voivodeship_words: Vec<String>,
    pub lookback: usize,
    pub adjective_endings: Vec<String>,
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
    /// The first two letters of every stem (folded, ASCII), for a quick first test.
    starts: Vec<bool>,
}

/// Index of a pair of ASCII lowercase letters, if both are.
fn pair(a: char, b: char) -> Option<usize> {
    (a.is_ascii_lowercase() && b.is_ascii_lowercase())
        .then(|| (a as usize - 'a' as usize) * 26 + (b as usize - 'a' as usize))
}

/// The first two letters of a word, folded as [`fold`] does.
fn first_pair(word: &str) -> Option<usize> {
    let mut it = word.chars().map(|c| {
        let l = c.to_lowercase().next().unwrap_or(c);
        fold_letter(l)
    });
    pair(it.next()?, it.next()?)
}

use crate::rules::fold_letter;

/// The stem of an adjectival name: without its final -ie, -i, -y or -e.
fn stem(folded: &str) -> &str {
    for end in ["ie", "i", "y", "e"] {
        if let Some(s) = folded.strip_suffix(end) {
            return s;
        }
    }
    folded
}

impl Places {
    pub fn load(files: &RuleFiles, weights: Weights) -> Result<Places, RuleError> {
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
                .entry(stem(&fold(&row.fields[pn])).to_string())
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
            voivodeships.insert(stem(&fold(&row.fields[vn])).to_string(), code);
        }
        let mut starts = vec![false; 26 * 26];
        for stem in powiats.keys().chain(voivodeships.keys()) {
            let mut it = stem.chars();
            if let (Some(a), Some(b)) = (it.next(), it.next()) {
                if let Some(i) = pair(a, b) {
                    starts[i] = true;
                }
            }
        }
        let mut endings = weights.adjective_endings.clone();
        endings.sort_by_key(|e| std::cmp::Reverse(e.len()));
        Ok(Places {
            weights,
            powiats,
            voivodeships,
            endings,
            starts,
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

    /// Every powiat and voivodeship the text names, in text order.
    pub fn clues(&self, text: &str, tokens: &[Token]) -> Vec<Clue> {
        let w = &self.weights;
        let mut out = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let word = t.text(text);
            if word.len() < 5 || !first_pair(word).is_some_and(|i| self.starts[i]) {
                continue;
            }
            let f = fold(word);
            let (pw, vv) = self.adjective(&f);
            if pw.is_none() && vv.is_none() {
                continue;
            }
            let back: Vec<String> = tokens[i.saturating_sub(w.lookback)..i]
                .iter()
                .map(|b| fold(b.text(text)))
                .collect();
            let has = |words: &[String]| {
                back.iter()
                    .any(|b| words.iter().any(|p| b.starts_with(p.as_str())))
            };
            let (is_powiat, is_voiv) = (has(&w.powiat_words), has(&w.voivodeship_words));
            let at = t.start;
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
        out
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
