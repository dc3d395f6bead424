//! gmina extractor (rules in `rules/gmina/`): a municipality named as a gmina ("Gminę
//! Bogoria", "GMINĄ ŁONIÓW", "Wójt Gminy Oksa", "gmin Jedlicze, Chorkówka i Wojaszówka"),
//! linked to its TERYT code.
//!
//! A name counts only right after a gmina word ("gmina" in any case, "gm."), so "w Kielcach"
//! or "Miasto Kielce" are not gminas. The words after it are looked up, folded, among every
//! inflected form of every gmina name; a misspelt name is matched within a small edit
//! distance. A name several gminas share is resolved with the powiats and voivodeships
//! the text names and the other gminas it names ([`evidence`]), then with the kind the text
//! gives ("Miasto i Gmina", "Gmina Miejska") or, failing that, the rural gmina of a
//! town/rural pair.

mod evidence;
mod gazetteer;
mod tokens;

use super::{Context, Found};
use crate::error::RuleError;
use crate::record::Gmina;
use crate::rules::{fold, RuleFiles};
use aho_corasick::AhoCorasick;
use evidence::{Clue, Place, Places, Summary, Weights};
use gazetteer::{Gazetteer, Kind};
use serde::Deserialize;
use std::collections::HashSet;
use tokens::Token;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Qualifier {
    kind: String,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fuzzy {
    one_edit_from: usize,
    two_edits_from: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextFile {
    context_words: Vec<String>,
    abbreviations: Vec<String>,
    list_words: Vec<String>,
    list_joiners: Vec<String>,
    qualifier: Vec<Qualifier>,
    prefix: Vec<Qualifier>,
    plain_kind_order: Vec<String>,
    fuzzy: Fuzzy,
    evidence: Weights,
}

/// The gmina rules, loaded once.
#[derive(Debug)]
pub struct GminaRules {
    gazetteer: Gazetteer,
    places: Places,
    /// Finds the stretches of text worth a look ("gmin", "gm.").
    trigger: AhoCorasick,
    context_words: HashSet<String>,
    abbreviations: HashSet<String>,
    list_words: HashSet<String>,
    list_joiners: HashSet<String>,
    qualifiers: Vec<(String, Kind)>,
    prefixes: Vec<(String, Kind)>,
    kind_order: Vec<Kind>,
    fuzzy: Fuzzy,
}

/// A gmina name found in the text, before it is resolved to one gmina.
struct Mention {
    range: std::ops::Range<usize>,
    candidates: Vec<u32>,
    kind: Option<Kind>,
}

const CONTEXT_FILE: &str = "gmina/context.toml";

fn folded_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| fold(w)).collect()
}

impl GminaRules {
    pub fn load(files: &RuleFiles) -> Result<GminaRules, RuleError> {
        let cf: ContextFile = files.toml(CONTEXT_FILE)?;
        let kind = |s: &str| {
            Kind::parse(s).ok_or_else(|| {
                RuleError::new(
                    files.path(CONTEXT_FILE),
                    None,
                    format!("unknown gmina kind {s:?} (miejska, wiejska, miejsko-wiejska)"),
                )
            })
        };
        let mut qualifiers = Vec::new();
        for q in &cf.qualifier {
            let k = kind(&q.kind)?;
            qualifiers.extend(q.words.iter().map(|w| (fold(w), k)));
        }
        let mut prefixes = Vec::new();
        for q in &cf.prefix {
            let k = kind(&q.kind)?;
            prefixes.extend(q.words.iter().map(|w| (fold(w), k)));
        }
        let kind_order = cf
            .plain_kind_order
            .iter()
            .map(|s| kind(s))
            .collect::<Result<Vec<_>, _>>()?;
        let mut triggers: Vec<String> = vec!["gmin".to_string()];
        triggers.extend(cf.abbreviations.iter().map(|a| format!("{}.", fold(a))));
        triggers.extend(cf.context_words.iter().map(|w| fold(w)));
        let trigger = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&triggers)
            .map_err(|e| RuleError::new(files.path(CONTEXT_FILE), None, e.to_string()))?;
        Ok(GminaRules {
            gazetteer: Gazetteer::load(files)?,
            places: Places::load(files, cf.evidence)?,
            trigger,
            context_words: folded_set(&cf.context_words),
            abbreviations: folded_set(&cf.abbreviations),
            list_words: folded_set(&cf.list_words),
            list_joiners: folded_set(&cf.list_joiners),
            qualifiers,
            prefixes,
            kind_order,
            fuzzy: cf.fuzzy,
        })
    }

    pub fn extract(&self, ctx: &Context) -> Vec<Found<Gmina>> {
        let text = ctx.text;
        if !self.trigger.is_match(text) {
            return Vec::new();
        }
        // Only the lines with a gmina word are split into words.
        let mut mentions = Vec::new();
        let mut toks = Vec::new();
        let mut done_to = 0;
        for hit in self.trigger.find_iter(text) {
            if hit.start() < done_to {
                continue;
            }
            let from = text[..hit.start()].rfind('\n').map_or(0, |i| i + 1);
            let to = text[hit.end()..]
                .find('\n')
                .map_or(text.len(), |i| hit.end() + i);
            toks.clear();
            tokens::tokens_into(text, from..to, &mut toks);
            for i in 0..toks.len() {
                self.mentions_at(text, &toks, i, &mut mentions);
            }
            done_to = to;
        }
        if mentions.is_empty() {
            return Vec::new();
        }
        self.resolve(text, mentions)
    }

    /// The mentions introduced by a gmina word at token `i`.
    fn mentions_at(&self, text: &str, toks: &[Token], i: usize, out: &mut Vec<Mention>) {
        let t = toks[i];
        let word = t.text(text);
        if !(2..=8).contains(&word.len()) || !word.starts_with(['g', 'G']) {
            return;
        }
        let f = fold(word);
        let abbreviated = self.abbreviations.contains(&f) && text[t.end..].starts_with('.');
        if !abbreviated && !self.context_words.contains(&f) {
            return;
        }
        let mut start = t.start;
        let mut kind = None;
        if i >= 2 && spaced(text, toks, i - 2, i - 1) && spaced(text, toks, i - 1, i) {
            let before = format!(
                "{} {}",
                fold(toks[i - 2].text(text)),
                fold(toks[i - 1].text(text))
            );
            if let Some((_, k)) = self.prefixes.iter().find(|(p, _)| *p == before) {
                kind = Some(*k);
                start = toks[i - 2].start;
            }
        }
        let mut j = i + 1;
        let Some(next) = toks.get(j) else { return };
        let gap = &text[t.end..next.start];
        if !(gap == " " || abbreviated && (gap == ". " || gap == ".")) {
            return;
        }
        // A qualifier of one or two words: "Gmina Miejska X", "Gmina i Miasto X".
        for n in [2, 1] {
            if (1..n).any(|d| !spaced(text, toks, j + d - 1, j + d))
                || !spaced(text, toks, j + n - 1, j + n)
            {
                continue;
            }
            let q = toks[j..j + n]
                .iter()
                .map(|t| fold(t.text(text)))
                .collect::<Vec<_>>()
                .join(" ");
            if let Some((_, k)) = self.qualifiers.iter().find(|(w, _)| *w == q) {
                kind = Some(*k);
                j += n;
                break;
            }
        }
        let Some((end, candidates)) = self.name_at(text, toks, j, true) else {
            return;
        };
        out.push(Mention {
            range: start..toks[end - 1].end,
            candidates,
            kind,
        });
        if !self.list_words.contains(&f) {
            return;
        }
        // "gmin Jedlicze, Chorkówka i Wojaszówka"
        let mut k = end;
        while k < toks.len() {
            let gap = &text[toks[k - 1].end..toks[k].start];
            let next = if gap == ", " {
                k
            } else if gap == " "
                && self.list_joiners.contains(&fold(toks[k].text(text)))
                && spaced(text, toks, k, k + 1)
            {
                k + 1
            } else {
                break;
            };
            let Some((e, candidates)) = self.name_at(text, toks, next, false) else {
                break;
            };
            out.push(Mention {
                range: toks[next].start..toks[e - 1].end,
                candidates,
                kind: None,
            });
            k = e;
        }
    }

    /// A gmina name starting at token `j`: the token after it and the gminas it may name.
    /// The longest name wins; `near` allows a misspelt name.
    fn name_at(
        &self,
        text: &str,
        toks: &[Token],
        j: usize,
        near: bool,
    ) -> Option<(usize, Vec<u32>)> {
        if !toks.get(j)?.capitalised(text) {
            return None;
        }
        let mut n_max = 1;
        while n_max < self.gazetteer.max_words && spaced(text, toks, j + n_max - 1, j + n_max) {
            n_max += 1;
        }
        let words: Vec<String> = toks[j..j + n_max]
            .iter()
            .map(|t| fold(t.text(text)))
            .collect();
        let key = |n: usize| words[..n].join(" ");
        // A first name followed by a capitalised word is a person ("Wójt Gminy Marek
        // Nowak"), unless a longer name takes both words.
        let person = |n: usize, k: &str| {
            n == 1
                && self.gazetteer.is_first_name(k)
                && spaced(text, toks, j, j + 1)
                && toks[j + 1].capitalised(text)
        };
        for n in (1..=n_max).rev() {
            let k = key(n);
            if let Some(ids) = self.gazetteer.exact(&k) {
                if person(n, &k) {
                    return None;
                }
                return Some((j + n, self.prefer_nominative(&k, ids)));
            }
        }
        if !near {
            return None;
        }
        for n in (1..=n_max.min(2)).rev() {
            if n == 2 && !toks[j + 1].capitalised(text) {
                continue;
            }
            let k = key(n);
            let letters = k.chars().filter(|c| c.is_alphabetic()).count();
            let edits = if letters >= self.fuzzy.two_edits_from {
                2
            } else if letters >= self.fuzzy.one_edit_from {
                1
            } else {
                continue;
            };
            if person(n, &k) {
                return None;
            }
            if let Some(ids) = self.gazetteer.near(&k, edits) {
                return Some((j + n, ids));
            }
        }
        None
    }

    /// Of the gminas a form may name, those whose name it is in the nominative, if any.
    fn prefer_nominative(&self, key: &str, ids: &[u32]) -> Vec<u32> {
        let nom: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&id| {
                // "Dobra (Szczecińska)" is written "Dobra".
                let name = &self.gazetteer.entries[id as usize].name;
                fold(name.split(" (").next().unwrap_or(name)) == key
            })
            .collect();
        if nom.is_empty() {
            ids.to_vec()
        } else {
            nom
        }
    }

    /// Picks one gmina for every mention.
    fn resolve(&self, text: &str, mentions: Vec<Mention>) -> Vec<Found<Gmina>> {
        let entries = &self.gazetteer.entries;
        let powiats = |c: &[u32]| {
            let mut p: Vec<u16> = c
                .iter()
                .map(|&id| entries[id as usize].powiat_code)
                .collect();
            p.sort_unstable();
            p.dedup();
            p
        };
        let mut mentions = mentions;
        for m in &mut mentions {
            if let Some(k) = m.kind {
                if m.candidates
                    .iter()
                    .any(|&id| entries[id as usize].kind == k)
                {
                    m.candidates.retain(|&id| entries[id as usize].kind == k);
                }
            }
        }
        let mut clues: Option<Summary> = None;
        let mut out = Vec::with_capacity(mentions.len());
        for m in &mentions {
            let ps = powiats(&m.candidates);
            let powiat = if ps.len() == 1 {
                ps[0]
            } else {
                let clues = clues.get_or_insert_with(|| {
                    let mut c = self.places.clues(text, &tokens::tokens(text));
                    for o in &mentions {
                        if let [p] = powiats(&o.candidates)[..] {
                            c.push(Clue {
                                at: o.range.start,
                                place: Place::Powiat(p),
                                weight: self.places.weights.other_gmina,
                            });
                        }
                    }
                    c.sort_by_key(|c| c.at);
                    self.places.summary(c)
                });
                let mut best = (f64::MIN, ps[0]);
                for &p in &ps {
                    let s = self.places.score(clues, m.range.start, p);
                    if s > best.0 {
                        best = (s, p);
                    }
                }
                best.1
            };
            let in_powiat = m
                .candidates
                .iter()
                .copied()
                .filter(|&id| entries[id as usize].powiat_code == powiat);
            let Some(id) = in_powiat.min_by_key(|&id| {
                self.kind_order
                    .iter()
                    .position(|&k| k == entries[id as usize].kind)
                    .unwrap_or(usize::MAX)
            }) else {
                continue;
            };
            let e = &entries[id as usize];
            out.push(Found::new(
                m.range.clone(),
                Gmina {
                    name: e.name.clone(),
                    teryt: e.teryt.clone(),
                    powiat: e.powiat.clone(),
                    voivodeship: e.voivodeship.clone(),
                },
            ));
        }
        out
    }
}

/// Whether tokens `a` and `b` both exist and stand one space apart.
fn spaced(text: &str, toks: &[Token], a: usize, b: usize) -> bool {
    match (toks.get(a), toks.get(b)) {
        (Some(x), Some(y)) => text.get(x.end..y.start) == Some(" "),
        _ => false,
    }
}
