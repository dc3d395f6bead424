//! Localities (villages and towns of `rules/gmina/localities.tsv`) named in a release:
//! "we wsi Beszowa", "sołectwo Zawodzie", "mieszkańcy Kopytówki", "w Wojtaszycach". A name
//! is read only after a word that tells its case ([`LocalityConfig`]); its inflected forms
//! are made at load time from `locality_endings.tsv`. Every candidate is evidence for the
//! gmina of a shared gmina name; a locality is listed when it resolves to one place.

use super::GminaRules;
use crate::error::RuleError;
use crate::rules::{fold, fold_into, RuleFiles, Table};
use crate::text::tokens::{word_token, Token, WordStart};
use crate::text::words::capital_at;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::ops::Range;

mod forms;
use forms::{load_endings, Forms, Maker};

/// `[locality]` of `context.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalityConfig {
    nominative_before: Vec<String>,
    genitive_before: Vec<String>,
    locative_prepositions: Vec<String>,
    genitive_prepositions: Vec<String>,
    min_letters: usize,
    unique_kinds: Vec<String>,
    pub weight: f64,
}

/// One locality of `localities.tsv`.
#[derive(Debug)]
pub struct Place {
    pub simc: String,
    pub name: String,
    pub kind: String,
    pub gmina_teryt: String,
}

/// Cases, as bits of a form's case set.
const NOM: u8 = 1;
const GEN: u8 = 2;
const LOC: u8 = 4;

/// What the word before a name tells: its case, and whether the word is a locality word
/// ("wsi") or only a preposition.
#[derive(Debug, Clone, Copy)]
struct Cue {
    case: u8,
    strong: bool,
}

#[derive(Debug)]
pub struct Localities {
    pub places: Vec<Place>,
    /// Folded form (words joined by one space) → the places and the cases it stands for.
    forms: Forms,
    max_words: usize,
    /// Folded word before a name → what it tells.
    cues: HashMap<String, Cue>,
    /// The ASCII heads ([`crate::text::words::ascii_head`]) of the folded cue words: a
    /// word with a head none of them has is no cue. `None` when a cue has no head.
    cue_heads: Option<rustc_hash::FxHashSet<u64>>,
    min_letters: usize,
    unique_kinds: Vec<String>,
    pub weight: f64,
}

/// A locality name found after a cue, before it is resolved.
#[derive(Debug, PartialEq)]
pub struct Mention {
    pub range: Range<usize>,
    /// The places it may name.
    pub ids: Vec<u32>,
    /// After a locality word ("wsi"), not only a preposition.
    pub strong: bool,
}

impl Localities {
    pub fn load(files: &RuleFiles, cfg: LocalityConfig) -> Result<Localities, RuleError> {
        let (word, adj) = load_endings(files)?;
        let table = Table::open(files, "gmina/localities.tsv")?;
        let mut places = Vec::with_capacity(table.len());
        let mut forms = Forms::with_capacity(table.len() * 3);
        let mut maker = Maker::new(&word, &adj);
        let mut folded = String::new();
        let mut max_words = 1;
        table.rows(
            ["simc", "name", "kind", "gmina_teryt"],
            |line, [simc, name, kind, teryt]| {
                if teryt.len() != 7 || !teryt.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(table.error(
                        line,
                        &format!("gmina TERYT must be 7 digits, not {teryt:?}"),
                    ));
                }
                if name.trim().is_empty() {
                    return Err(table.error(line, "empty name"));
                }
                let id = places.len() as u32;
                max_words = max_words.max(name.split(' ').count());
                folded.clear();
                fold_into(name, &mut folded);
                forms.add(&folded, id, NOM);
                maker.forms(name, false, |f| forms.add(f, id, GEN));
                maker.forms(name, true, |f| forms.add(f, id, LOC));
                places.push(Place {
                    simc: simc.to_string(),
                    name: name.to_string(),
                    kind: kind.to_string(),
                    gmina_teryt: teryt.to_string(),
                });
                Ok(())
            },
        )?;
        forms.finish();
        let mut cues = HashMap::default();
        for (words, case, strong) in [
            (&cfg.nominative_before, NOM, true),
            (&cfg.genitive_before, GEN, true),
            (&cfg.locative_prepositions, LOC, false),
            (&cfg.genitive_prepositions, GEN, false),
        ] {
            for w in words {
                cues.insert(fold(w), Cue { case, strong });
            }
        }
        let cue_heads = cues
            .keys()
            .map(|w| crate::text::words::ascii_head(w.as_bytes(), 0))
            .collect();
        Ok(Localities {
            places,
            forms,
            max_words,
            cues,
            cue_heads,
            min_letters: cfg.min_letters,
            unique_kinds: cfg.unique_kinds,
            weight: cfg.weight,
        })
    }

    /// Every locality name standing after a cue word, in text order; `starts` are where
    /// the words of `text` start ([`crate::text::tokens::word_starts`]). Only a
    /// capitalised word one space after a short word is looked at, and only its words
    /// are read whole.
    pub fn mentions(&self, text: &str, starts: &[WordStart]) -> Vec<Mention> {
        let bytes = text.as_bytes();
        let token = |k: usize| word_token(text, starts[k].at);
        let mut out = Vec::new();
        let mut buf = String::new();
        let mut ws: Vec<Token> = Vec::new();
        let mut i = 1;
        while i < starts.len() {
            let at = starts[i].at;
            let prev = starts[i - 1].at;
            // One space after a word of at most 14 bytes (so it starts at most 15 bytes
            // before), and a capital.
            // The word before: a head no cue has rules it out (a word folded to a cue has
            // the cue's head: its first letters are ASCII, and folding only lowers them).
            let head = starts[i - 1].head;
            if bytes[at - 1] != b' '
                || at - prev > 15
                || !capital_at(text, at)
                || (head != 0 && self.cue_heads.as_ref().is_some_and(|h| !h.contains(&head)))
            {
                i += 1;
                continue;
            }
            let p = token(i - 1);
            let t = token(i);
            if !spaced(text, p, t) {
                i += 1;
                continue;
            }
            buf.clear();
            fold_into(p.text(text), &mut buf);
            let Some(&cue) = self.cues.get(buf.as_str()) else {
                i += 1;
                continue;
            };
            ws.clear();
            ws.push(t);
            ws.extend((i + 1..starts.len().min(i + self.max_words.max(2))).map(token));
            match self.name_at(text, &ws, cue, &mut buf) {
                Some((n, m)) => {
                    out.push(m);
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest locality name in the case of `cue` starting at `ws[0]`: its words and
    /// the mention.
    fn name_at(
        &self,
        text: &str,
        ws: &[Token],
        cue: Cue,
        key: &mut String,
    ) -> Option<(usize, Mention)> {
        let mut n_max = 1;
        while n_max < self.max_words && n_max < ws.len() && spaced(text, ws[n_max - 1], ws[n_max]) {
            n_max += 1;
        }
        for n in (1..=n_max).rev() {
            key.clear();
            for (k, w) in ws[..n].iter().enumerate() {
                if k > 0 {
                    key.push(' ');
                }
                fold_into(w.text(text), key);
            }
            if key.chars().filter(|c| c.is_alphabetic()).count() < self.min_letters {
                continue;
            }
            let Some(v) = self.forms.get(key.as_str()) else {
                continue;
            };
            let ids: Vec<u32> = v
                .iter()
                .filter(|(_, c)| c & cue.case != 0)
                .map(|(id, _)| *id)
                .collect();
            if ids.is_empty() {
                continue;
            }
            // "sołtys Marek Nowak": a one-word name before a capitalised word is a person's,
            // unless the word told a nominative ("wsi Beszowa Jan Nowak").
            let person = n == 1
                && cue.case != NOM
                && ws.len() > 1
                && spaced(text, ws[0], ws[1])
                && ws[1].capital(text);
            if person {
                return None;
            }
            let m = Mention {
                range: ws[0].start..ws[n - 1].end,
                ids,
                strong: cue.strong,
            };
            return Some((n, m));
        }
        None
    }

    /// The one place a mention names, given the gminas the release names: after a
    /// preposition the one town of its name; else the one place of the mention within the
    /// gminas, or else the one place of its name in the country when the name followed a
    /// locality word or is a town's. `gminas`: the TERYT codes, sorted, each once.
    pub fn resolve(&self, m: &Mention, gminas: &[&str]) -> Option<u32> {
        let inside: Vec<u32> = m
            .ids
            .iter()
            .copied()
            .filter(|&id| {
                gminas
                    .binary_search(&self.places[id as usize].gmina_teryt.as_str())
                    .is_ok()
            })
            .collect();
        // After a preposition, a name one town has is the town's ("w Jędrzejowie"), even
        // where a village of the gminas found has it too.
        if !m.strong {
            let towns: Vec<u32> = m
                .ids
                .iter()
                .copied()
                .filter(|&id| self.unique_kinds.contains(&self.places[id as usize].kind))
                .collect();
            if let [town] = towns[..] {
                return Some(town);
            }
        }
        match (&inside[..], &m.ids[..]) {
            ([one], _) => Some(*one),
            ([], [one])
                if m.strong || self.unique_kinds.contains(&self.places[*one as usize].kind) =>
            {
                Some(*one)
            }
            _ => None,
        }
    }
}

/// Whether `b` follows `a` after one space.
fn spaced(text: &str, a: Token, b: Token) -> bool {
    b.start == a.end + 1 && text.as_bytes()[a.end] == b' '
}

impl GminaRules {
    /// The evidence of the localities a release names for the gminas of `candidates` in
    /// powiat `powiat`: the weight of each mention with a place in one of them.
    pub(super) fn locality_score(
        &self,
        candidates: &[u32],
        powiat: u16,
        places: &[Mention],
    ) -> f64 {
        let entries = &self.gazetteer.entries;
        let gminas: Vec<&super::gazetteer::Entry> = candidates
            .iter()
            .map(|&id| &entries[id as usize])
            .filter(|e| e.powiat_code == powiat)
            .collect();
        let lp = &self.localities.places;
        // A place named like the gmina (its seat) tells nothing: every gmina of the name
        // has one or none.
        let n = places
            .iter()
            .filter(|m| {
                m.ids.iter().any(|&id| {
                    let p = &lp[id as usize];
                    gminas
                        .iter()
                        .any(|g| g.teryt == p.gmina_teryt && p.name != g.name)
                })
            })
            .count();
        self.localities.weight * n as f64
    }
}

#[cfg(test)]
mod tests;
