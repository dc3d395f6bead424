//! gmina extractor (rules in `rules/gmina/`): a municipality named as a gmina ("Gminę
//! Bogoria", "GMINĄ ŁONIÓW", "Wójt Gminy Oksa", "gmin Jedlicze, Chorkówka i Wojaszówka"),
//! linked to its TERYT code.
//!
//! A name counts only right after a gmina word ("gmina" in any case, "gm."), so "w Kielcach"
//! or "Miasto Kielce" are not gminas. The words after it are looked up, folded, among every
//! inflected form of every gmina name; a misspelt name is matched within a small edit
//! distance. A name several gminas share is resolved with the powiats and voivodeships
//! the text names and the other gminas it names (`evidence`), then with the kind the text
//! gives ("Miasto i Gmina", "Gmina Miejska") or, failing that, the rural gmina of a
//! town/rural pair.

mod evidence;
mod fact;
mod gazetteer;
mod list;
mod load;
mod locality;
mod window;

use super::{Context, Extractor, Found, Landing};
use crate::error::RuleError;
use crate::record::{Gmina, Locality};
use crate::rules::fold_into;
use crate::rules::{fold, fold_letter, RuleFiles};
use crate::text::tokens::{Token, WordStart};
use aho_corasick::AhoCorasick;
use aho_corasick::Input;
use evidence::{Clue, Place, Places, Summary, Weights};
use gazetteer::{Gazetteer, Kind};
use load::Fuzzy;
use locality::{Localities, LocalityConfig};
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use window::{spaced, Scratch, Window};

/// The gmina rules, loaded once.
#[derive(Debug)]
pub struct GminaRules {
    gazetteer: Gazetteer,
    places: Places,
    /// Finds the stretches of text worth a look ("gmin", "gm.").
    trigger: AhoCorasick,
    context_words: HashSet<String>,
    abbreviations: HashSet<String>,
    /// The first two letters of every context word and abbreviation, for a quick test.
    word_starts: Vec<[char; 2]>,
    list_words: HashSet<String>,
    list_joiners: HashSet<String>,
    /// What may stand between a plural gmina word and its list besides one space ("gmin: ").
    list_gaps: Vec<String>,
    /// Words in lower case that may stand between a plural gmina word and its colon.
    list_words_before_colon: usize,
    qualifiers: Vec<(String, Kind)>,
    /// The ASCII bytes a (folded) qualifier starts with.
    qualifier_starts: [bool; 128],
    prefixes: Vec<(String, Kind)>,
    kind_order: Vec<Kind>,
    fuzzy: Fuzzy,
    localities: Localities,
}

/// A gmina name found in the text, before it is resolved to one gmina.
struct Mention {
    range: std::ops::Range<usize>,
    candidates: Vec<u32>,
    kind: Option<Kind>,
}

impl Extractor for GminaRules {
    /// The gminas and the localities a release names.
    type Finds = (Vec<Found<Gmina>>, Vec<Found<Locality>>);
    fn load(files: &RuleFiles) -> Result<GminaRules, RuleError> {
        GminaRules::from_files(files)
    }

    /// The gminas the document names, linked to TERYT, and the localities it names, with
    /// their ranges in the normalised text; the localities help to resolve a gmina name
    /// several gminas share, and are resolved within the gminas found.
    fn extract(&self, ctx: &Context) -> Self::Finds {
        let places = self.localities.mentions(ctx.text, ctx.word_starts());
        let gminas = self.gminas(ctx, &places);
        // One entry per gmina (a list with one entry per mention made this quadratic on
        // long documents); `resolve` only asks whether a TERYT is among them.
        let mut teryts: Vec<&str> = gminas.iter().map(|g| g.item.teryt.as_str()).collect();
        teryts.sort_unstable();
        teryts.dedup();
        let localities = places
            .iter()
            .filter_map(|m| {
                let p = &self.localities.places[self.localities.resolve(m, &teryts)? as usize];
                Some(Found::new(
                    m.range.clone(),
                    Locality {
                        name: p.name.clone(),
                        simc: p.simc.clone(),
                        gmina_teryt: p.gmina_teryt.clone(),
                        kind: p.kind.clone(),
                    },
                ))
            })
            .collect();
        (gminas, localities)
    }

    /// The gminas land in `gminas`, the localities in `localities`.
    fn land(&self, (gminas, localities): Self::Finds, into: &mut Landing) {
        into.put(gminas, false);
        into.put(localities, false);
    }
}

impl GminaRules {
    fn gminas(&self, ctx: &Context, places: &[locality::Mention]) -> Vec<Found<Gmina>> {
        let text = ctx.text;
        let bytes = text.as_bytes();
        let starts = ctx.word_starts();
        // Only the lines with a gmina word are read, and in them only the words that may
        // be one (starting with "g") and the words around these.
        let mut mentions = Vec::new();
        let mut win = Window::new(text, starts);
        let mut scratch = Scratch::default();
        let mut at = 0;
        while let Some(hit) = self.trigger.find(Input::new(text).range(at..)) {
            let from = memchr::memrchr(b'\n', &bytes[..hit.start()]).map_or(0, |i| i + 1);
            let to =
                memchr::memchr(b'\n', &bytes[hit.end()..]).map_or(text.len(), |i| hit.end() + i);
            let first = starts.partition_point(|w| w.at < from);
            for (k, w) in starts.iter().enumerate().skip(first) {
                let start = w.at;
                if start >= to {
                    break;
                }
                if bytes[start] | 0x20 != b'g' {
                    continue;
                }
                // The word's first two letters (when ASCII) rule most words out at once.
                let head = &bytes[start..(start + 2).min(to)];
                if head.len() == 2 && head.is_ascii() && !self.may_be_context_word_ascii(head) {
                    continue;
                }
                win.reset(k, to);
                self.mentions_at(text, &mut win, &mut scratch, &mut mentions);
            }
            at = to;
        }
        if mentions.is_empty() {
            return Vec::new();
        }
        self.resolve(text, starts, mentions, places)
    }

    /// The mentions introduced by a gmina word, word 0 of `w` (which reads to the end of
    /// its line).
    fn mentions_at<'a>(
        &self,
        text: &'a str,
        w: &mut Window<'a>,
        s: &mut Scratch,
        out: &mut Vec<Mention>,
    ) {
        let Some(t) = w.get(0) else { return };
        let word = t.text(text);
        if !(2..=8).contains(&word.len()) {
            return;
        }
        if !self.may_be_context_word(word) {
            return;
        }
        s.word.clear();
        if word.is_ascii() {
            // Folding ASCII is lower-casing it.
            s.word.push_str(word);
            s.word.make_ascii_lowercase();
        } else {
            fold_into(word, &mut s.word);
        }
        let f = s.word.as_str();
        let abbreviated = self.abbreviations.contains(f) && text[t.end..].starts_with('.');
        if !abbreviated && !self.context_words.contains(f) {
            return;
        }
        let is_list = self.list_words.contains(f);
        let mut j = 1;
        let Some(mut next) = w.get(j) else { return };
        let mut gap = &text[t.end..next.start];
        if is_list && gap == " " && !next.capital(text) {
            if let Some((k, b, g)) = self.colon_after_words(text, w, s) {
                (j, next, gap) = (k, b, g);
            }
        }
        let list_gap = is_list && self.list_gaps.iter().any(|g| g == gap);
        if !(gap == " " || list_gap || abbreviated && (gap == ". " || gap == ".")) {
            return;
        }
        // A name is capitalised; a word that is not, and cannot start a qualifier, ends
        // the look-up at once.
        if !next.capital(text) && !self.may_start_qualifier(next.text(text)) {
            return;
        }
        // A qualifier of one or two words: "Gmina Miejska X", "Gmina i Miasto X"; two
        // words tried first.
        let mut kind = None;
        if spaced(text, w, j, j + 1) {
            let qualifier = |key: &str| self.qualifiers.iter().find(|(q, _)| q == key);
            s.key.clear();
            fold_into(w.get(j).map_or("", |t| t.text(text)), &mut s.key);
            let one = s.key.len();
            let mut found = None;
            if spaced(text, w, j + 1, j + 2) {
                s.key.push(' ');
                fold_into(w.get(j + 1).map_or("", |t| t.text(text)), &mut s.key);
                found = qualifier(&s.key).map(|(_, k)| (*k, 2));
            }
            if found.is_none() {
                found = qualifier(&s.key[..one]).map(|(_, k)| (*k, 1));
            }
            if let Some((k, n)) = found {
                kind = Some(k);
                j += n;
            }
        }
        let Some((end, candidates)) = self.name_at(text, w, j, true, s) else {
            return;
        };
        // Two words before the gmina word: "Miasto i Gmina X"; a qualifier after it
        // decides the kind.
        let mut start = t.start;
        if let Some((from, k)) = self.prefix_before(text, w, s) {
            start = from;
            kind = kind.or(Some(k));
        }
        let Some(last) = w.get(end - 1) else { return };
        out.push(Mention {
            range: start..last.end,
            candidates,
            kind,
        });
        if !is_list {
            return;
        }
        self.list_rest(text, w, s, end, out);
    }

    /// Whether a word may fold to a context word or abbreviation: its first two letters
    /// folded are those of one.
    fn may_be_context_word(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.len() >= 2 && b[..2].is_ascii() {
            return self.may_be_context_word_ascii(&b[..2]);
        }
        let pair = {
            // A letter lowercases to one letter or more.
            let mut it = word.chars().flat_map(char::to_lowercase).map(fold_letter);
            match (it.next(), it.next()) {
                (Some(a), Some(b)) => [a, b],
                _ => return true,
            }
        };
        self.word_starts.contains(&pair)
    }

    /// Whether a word may start a qualifier: its first byte (if ASCII) lower-cased is the
    /// first byte of one.
    fn may_start_qualifier(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(b) if b.is_ascii() => self.qualifier_starts[usize::from(b.to_ascii_lowercase())],
            _ => true,
        }
    }

    /// [`Self::may_be_context_word`] for a word starting with two ASCII bytes `head`.
    fn may_be_context_word_ascii(&self, head: &[u8]) -> bool {
        let pair = [
            char::from(head[0].to_ascii_lowercase()),
            char::from(head[1].to_ascii_lowercase()),
        ];
        self.word_starts.contains(&pair)
    }

    /// The start and kind of a prefix of two words ("Miasto i") standing one space apart
    /// before the gmina word (word 0 of `w`), if there is one.
    fn prefix_before(&self, text: &str, w: &mut Window, s: &mut Scratch) -> Option<(usize, Kind)> {
        // The word `n` before word 0, when it ends one space before `t` (the word after it).
        let t = w.get(0)?;
        let before = |t: Token, n: usize| {
            (t.start >= 2 && text.as_bytes()[t.start - 1] == b' ')
                .then(|| w.before(n))
                .flatten()
                .filter(|b| b.end == t.start - 1)
        };
        let b1 = before(t, 1)?;
        let b0 = before(b1, 2)?;
        s.key.clear();
        fold_into(b0.text(text), &mut s.key);
        s.key.push(' ');
        fold_into(b1.text(text), &mut s.key);
        let (_, k) = self.prefixes.iter().find(|(p, _)| *p == s.key)?;
        Some((b0.start, *k))
    }

    /// A gmina name starting at word `j`: the word after it and the gminas it may name.
    /// The longest name wins; `near` allows a misspelt name.
    fn name_at(
        &self,
        text: &str,
        w: &mut Window,
        j: usize,
        near: bool,
        s: &mut Scratch,
    ) -> Option<(usize, Vec<u32>)> {
        if !w.get(j)?.capital(text) {
            return None;
        }
        let mut n_max = 1;
        while n_max < self.gazetteer.max_words && spaced(text, w, j + n_max - 1, j + n_max) {
            n_max += 1;
        }
        // The folded words joined by one space; the first n words are a prefix of it.
        s.key.clear();
        s.ends.clear();
        for x in j..j + n_max {
            if x > j {
                s.key.push(' ');
            }
            let word = w.get(x).map_or("", |t| t.text(text));
            fold_into(word, &mut s.key);
            s.ends.push(s.key.len());
        }
        // A first name followed by a capitalised word is a person ("Wójt Gminy Marek
        // Nowak"), unless a longer name takes both words.
        let next_capitalised =
            spaced(text, w, j, j + 1) && w.get(j + 1).is_some_and(|t| t.capital(text));
        let person =
            |n: usize, k: &str| n == 1 && next_capitalised && self.gazetteer.is_first_name(k);
        for n in (1..=n_max).rev() {
            let k = &s.key[..s.ends[n - 1]];
            if let Some(ids) = self.gazetteer.exact(k) {
                if person(n, k) {
                    return None;
                }
                return Some((j + n, self.prefer_nominative(k, ids, &mut s.word)));
            }
        }
        if !near {
            return None;
        }
        for n in (1..=n_max.min(2)).rev() {
            if n == 2 && !w.get(j + 1).is_some_and(|t| t.capital(text)) {
                continue;
            }
            let k = &s.key[..s.ends[n - 1]];
            let letters = k
                .chars()
                .filter(|&c| crate::text::words::is_letter(c))
                .count();
            let edits = if letters >= self.fuzzy.two_edits_from {
                2
            } else if letters >= self.fuzzy.one_edit_from {
                1
            } else {
                continue;
            };
            if person(n, k) {
                return None;
            }
            if let Some(ids) = self.gazetteer.near(k, edits) {
                return Some((j + n, ids));
            }
        }
        None
    }

    /// Of the gminas a form may name, those whose name it is in the nominative, if any.
    fn prefer_nominative(&self, key: &str, ids: &[u32], buf: &mut String) -> Vec<u32> {
        let nom: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&id| {
                // "Dobra (Szczecińska)" is written "Dobra".
                let name = &self.gazetteer.entries[id as usize].name;
                buf.clear();
                fold_into(name.split(" (").next().unwrap_or(name), buf);
                buf == key
            })
            .collect();
        if nom.is_empty() {
            ids.to_vec()
        } else {
            nom
        }
    }

    /// Picks one gmina for every mention.
    fn resolve(
        &self,
        text: &str,
        starts: &[WordStart],
        mentions: Vec<Mention>,
        places: &[locality::Mention],
    ) -> Vec<Found<Gmina>> {
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
                    let mut c = self.places.clues(text, starts);
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
                    let s = self.places.score(clues, m.range.start, p)
                        + self.locality_score(&m.candidates, p, places);
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
