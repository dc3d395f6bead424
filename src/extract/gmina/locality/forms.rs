//! The inflected forms of the localities' names, made at load time from
//! `locality_endings.tsv`, and the table they are looked up in: one text holding every
//! folded form and a hash table of their indices, no `String` nor `Vec` a form (the
//! 53,260 names give about 175,000 forms).

use crate::error::RuleError;
use crate::rules::{ascii_runs_lowered_into, fold_into, RuleFiles};
use std::hash::BuildHasher;
use std::ops::Range;

/// Most forms made of one name (the alternatives of its words multiplied).
const MAX_FORMS: usize = 16;

/// A row of `locality_endings.tsv`.
#[derive(Debug)]
pub(super) struct Ending {
    pub(super) ending: String,
    gen: Vec<String>,
    loc: Vec<String>,
}

pub(super) fn load_endings(files: &RuleFiles) -> Result<(Endings, Endings), RuleError> {
    let tsv = files.tsv("gmina/locality_endings.tsv")?;
    let (ce, cp, cg, cl) = (
        tsv.column("ending")?,
        tsv.column("position")?,
        tsv.column("gen")?,
        tsv.column("loc")?,
    );
    let alts = |s: &str| -> Vec<String> {
        s.split(',')
            .map(|a| a.trim().to_lowercase())
            .filter(|a| a != "-")
            .collect()
    };
    let (mut word, mut adj) = (Vec::new(), Vec::new());
    for row in &tsv.rows {
        let f = &row.fields;
        if f[ce].is_empty() || f[cg].is_empty() || f[cl].is_empty() {
            return Err(tsv.error(row, "empty ending or form (write \"-\" for none)"));
        }
        let e = Ending {
            ending: f[ce].to_lowercase(),
            gen: alts(&f[cg]),
            loc: alts(&f[cl]),
        };
        match f[cp].as_str() {
            "word" => word.push(e),
            "adj" => adj.push(e),
            other => return Err(tsv.error(row, format!("position {other:?}: word or adj"))),
        }
    }
    Ok((Endings::new(word), Endings::new(adj)))
}

/// The rows of one position, longest ending first, and for each last byte the rows
/// whose ending ends with it (in the same order), so a word is compared with a few rows.
#[derive(Debug)]
pub(super) struct Endings {
    pub(super) rows: Vec<Ending>,
    by_last: Vec<Vec<u16>>,
}

impl Endings {
    fn new(mut rows: Vec<Ending>) -> Endings {
        rows.sort_by_key(|e| std::cmp::Reverse(e.ending.chars().count()));
        let mut by_last = vec![Vec::new(); 256];
        for (i, e) in rows.iter().enumerate() {
            // (load_endings refuses an empty ending)
            if let Some(&b) = e.ending.as_bytes().last() {
                by_last[usize::from(b)].push(i as u16);
            }
        }
        Endings { rows, by_last }
    }

    /// The row of the longest ending `word` ends with (a nonempty word).
    pub(super) fn fitting(&self, word: &str) -> Option<&Ending> {
        let last = *word.as_bytes().last()?;
        self.by_last[usize::from(last)]
            .iter()
            .map(|&i| &self.rows[usize::from(i)])
            .find(|e| word.ends_with(e.ending.as_str()))
    }
}

/// The forms of one word in a case (`gen` or `loc`) by the longest ending of `rules`.
#[cfg(test)]
fn word_forms(word: &str, rules: &Endings, loc: bool, out: &mut Vec<String>) {
    if let Some(e) = rules.fitting(word) {
        let stem = &word[..word.len() - e.ending.len()];
        for r in if loc { &e.loc } else { &e.gen } {
            let mut form = String::with_capacity(stem.len() + r.len());
            form.push_str(stem);
            form.push_str(r);
            out.push(form);
        }
    }
}

/// The forms of a name (lower case) in the genitive or the locative, as first written:
/// the reference [`Maker`] is compared with.
#[cfg(test)]
pub(super) fn name_forms(name: &str, word: &Endings, adj: &Endings, loc: bool) -> Vec<String> {
    let several = name.contains(' ');
    let mut out: Vec<String> = Vec::new();
    let mut frozen = false;
    for (i, w) in name.split(' ').enumerate() {
        frozen |= w.chars().next().is_some_and(char::is_lowercase);
        let lw = w.to_lowercase();
        let mut alts = Vec::new();
        if frozen {
            alts.push(lw);
        } else {
            word_forms(&lw, word, loc, &mut alts);
            if several {
                word_forms(&lw, adj, loc, &mut alts);
            }
            alts.dedup();
        }
        if alts.is_empty() {
            return Vec::new();
        }
        if i == 0 {
            out = alts;
        } else {
            let mut next = Vec::with_capacity(out.len() * alts.len());
            for o in &out {
                for a in &alts {
                    next.push(format!("{o} {a}"));
                }
            }
            out = next;
        }
        out.truncate(MAX_FORMS);
    }
    out
}

/// Makes the folded forms of names: those of [`name_forms`], folded, in its order, in
/// buffers kept from name to name.
pub(super) struct Maker<'e> {
    word: &'e Endings,
    adj: &'e Endings,
    /// A word lower-cased.
    lower: String,
    /// The alternatives of a word as [`name_forms`] makes them (not folded).
    raw: String,
    /// The alternatives folded, and where each ends in `alts`.
    alts: String,
    alt_ends: Vec<usize>,
    /// The forms of the words so far (folded, at most [`MAX_FORMS`]), and where each ends.
    out: String,
    out_ends: Vec<usize>,
    next: String,
    next_ends: Vec<usize>,
}

impl<'e> Maker<'e> {
    pub(super) fn new(word: &'e Endings, adj: &'e Endings) -> Maker<'e> {
        Maker {
            word,
            adj,
            lower: String::new(),
            raw: String::new(),
            alts: String::new(),
            alt_ends: Vec::new(),
            out: String::new(),
            out_ends: Vec::new(),
            next: String::new(),
            next_ends: Vec::new(),
        }
    }

    /// Calls `f` with each folded form of `name` in the genitive or (`loc`) the locative,
    /// in the order of [`name_forms`].
    pub(super) fn forms(&mut self, name: &str, loc: bool, mut f: impl FnMut(&str)) {
        let several = name.contains(' ');
        let mut frozen = false;
        self.out.clear();
        self.out_ends.clear();
        for (i, w) in name.split(' ').enumerate() {
            frozen |= w.chars().next().is_some_and(char::is_lowercase);
            lower_into(w, &mut self.lower);
            self.alts.clear();
            self.alt_ends.clear();
            // (the last alternative kept, not folded: `Vec::dedup` of the reference)
            let mut last: Option<Range<usize>> = None;
            let mut push =
                |alt: Range<usize>, raw: &str, alts: &mut String, ends: &mut Vec<usize>| {
                    if last
                        .as_ref()
                        .is_some_and(|l| raw[l.clone()] == raw[alt.clone()])
                    {
                        return;
                    }
                    fold_into(&raw[alt.clone()], alts);
                    ends.push(alts.len());
                    last = Some(alt);
                };
            self.raw.clear();
            if frozen {
                self.raw.push_str(&self.lower);
                push(
                    0..self.raw.len(),
                    &self.raw,
                    &mut self.alts,
                    &mut self.alt_ends,
                );
            } else {
                let rules: &[&Endings] = if several {
                    &[self.word, self.adj]
                } else {
                    &[self.word]
                };
                for rules in rules {
                    let Some(e) = rules.fitting(&self.lower) else {
                        continue;
                    };
                    let stem = &self.lower[..self.lower.len() - e.ending.len()];
                    for r in if loc { &e.loc } else { &e.gen } {
                        let at = self.raw.len();
                        self.raw.push_str(stem);
                        self.raw.push_str(r);
                        push(
                            at..self.raw.len(),
                            &self.raw,
                            &mut self.alts,
                            &mut self.alt_ends,
                        );
                    }
                }
            }
            if self.alt_ends.is_empty() {
                return;
            }
            if i == 0 {
                std::mem::swap(&mut self.out, &mut self.alts);
                std::mem::swap(&mut self.out_ends, &mut self.alt_ends);
                self.out_ends.truncate(MAX_FORMS);
                continue;
            }
            self.next.clear();
            self.next_ends.clear();
            'all: for o in spans(&self.out_ends) {
                for a in spans(&self.alt_ends) {
                    if self.next_ends.len() == MAX_FORMS {
                        break 'all;
                    }
                    self.next.push_str(&self.out[o.clone()]);
                    self.next.push(' ');
                    self.next.push_str(&self.alts[a]);
                    self.next_ends.push(self.next.len());
                }
            }
            std::mem::swap(&mut self.out, &mut self.next);
            std::mem::swap(&mut self.out_ends, &mut self.next_ends);
        }
        for o in spans(&self.out_ends) {
            f(&self.out[o]);
        }
    }
}

/// The ranges of the pieces of a text that end at `ends`.
fn spans(ends: &[usize]) -> impl Iterator<Item = Range<usize>> + '_ {
    ends.iter()
        .scan(0, |start, &end| Some(std::mem::replace(start, end)..end))
}

/// `w.to_lowercase()` into `out` (emptied first) without a new `String`: runs of ASCII at
/// once, the Polish letters by a short path, other characters as `char::to_lowercase`
/// gives them (what `str::to_lowercase` does for every character but a final sigma: a
/// word with a capital sigma is left to it).
fn lower_into(w: &str, out: &mut String) {
    out.clear();
    let mut sigma = false;
    ascii_runs_lowered_into(w, out, |c, out| match c {
        'ą' | 'ć' | 'ę' | 'ł' | 'ń' | 'ó' | 'ś' | 'ź' | 'ż' => out.push(c),
        'Ą' => out.push('ą'),
        'Ć' => out.push('ć'),
        'Ę' => out.push('ę'),
        'Ł' => out.push('ł'),
        'Ń' => out.push('ń'),
        'Ó' => out.push('ó'),
        'Ś' => out.push('ś'),
        'Ź' => out.push('ź'),
        'Ż' => out.push('ż'),
        c => {
            sigma |= c == 'Σ';
            out.extend(c.to_lowercase());
        }
    });
    if sigma {
        out.clear();
        out.push_str(&w.to_lowercase());
    }
}

/// Folded form → the places it names and the cases it stands for in each: one text
/// holding every form, their indices in a hash table, and each form's places in one list.
#[derive(Debug, Default)]
pub(super) struct Forms {
    text: String,
    /// Form `k` is `text[ends[k - 1]..ends[k]]` (from 0 for the first).
    ends: Vec<u32>,
    /// Form `k`'s places are `places[at[k]..at[k + 1]]`, in the order of the ids.
    at: Vec<u32>,
    places: Vec<(u32, u8)>,
    table: hashbrown::HashTable<u32>,
    /// While the table is made: (form, place, case) in the order added.
    added: Vec<(u32, u32, u8)>,
}

const HASH: rustc_hash::FxBuildHasher = rustc_hash::FxBuildHasher;

impl Forms {
    /// A table for about `n` forms.
    pub(super) fn with_capacity(n: usize) -> Forms {
        Forms {
            text: String::with_capacity(n * 12),
            ends: Vec::with_capacity(n),
            table: hashbrown::HashTable::with_capacity(n),
            added: Vec::with_capacity(n),
            ..Forms::default()
        }
    }

    fn form<'t>(text: &'t str, ends: &[u32], k: u32) -> &'t str {
        let k = k as usize;
        let start = if k == 0 { 0 } else { ends[k - 1] as usize };
        &text[start..ends[k] as usize]
    }

    /// Adds that `form` (folded) stands for place `id` in `case`; ids are added in
    /// increasing order.
    pub(super) fn add(&mut self, form: &str, id: u32, case: u8) {
        let Forms {
            text, ends, table, ..
        } = self;
        let hash = HASH.hash_one(form);
        let k = match table.find(hash, |&k| Self::form(text, ends, k) == form) {
            Some(&k) => k,
            None => {
                let k = ends.len() as u32;
                text.push_str(form);
                ends.push(text.len() as u32);
                table.insert_unique(hash, k, |&k| HASH.hash_one(Self::form(text, ends, k)));
                k
            }
        };
        self.added.push((k, id, case));
    }

    /// Gathers each form's places (a form's cases for one place in one entry) once every
    /// form is added.
    pub(super) fn finish(&mut self) {
        let n = self.ends.len();
        let mut at = vec![0u32; n + 1];
        for &(k, _, _) in &self.added {
            at[k as usize + 1] += 1;
        }
        for k in 0..n {
            at[k + 1] += at[k];
        }
        let mut fill: Vec<u32> = at[..n].to_vec();
        let mut slots = vec![(u32::MAX, 0u8); self.added.len()];
        for &(k, id, case) in &self.added {
            let k = k as usize;
            let last = fill[k].checked_sub(1).filter(|&l| l >= at[k]);
            match last {
                Some(l) if slots[l as usize].0 == id => slots[l as usize].1 |= case,
                _ => {
                    slots[fill[k] as usize] = (id, case);
                    fill[k] += 1;
                }
            }
        }
        // (merged entries leave room at the end of a form's part: closed up here)
        let mut places = Vec::with_capacity(self.added.len());
        let mut starts = Vec::with_capacity(n + 1);
        for k in 0..n {
            starts.push(places.len() as u32);
            places.extend_from_slice(&slots[at[k] as usize..fill[k] as usize]);
        }
        starts.push(places.len() as u32);
        self.at = starts;
        self.places = places;
        self.added = Vec::new();
        self.text.shrink_to_fit();
    }

    /// The places `key` (folded) names, with the cases, in the order of their ids.
    pub(super) fn get(&self, key: &str) -> Option<&[(u32, u8)]> {
        let k = *self.table.find(HASH.hash_one(key), |&k| {
            Self::form(&self.text, &self.ends, k) == key
        })? as usize;
        Some(&self.places[self.at[k] as usize..self.at[k + 1] as usize])
    }

    /// How many forms the table holds.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }
}

#[cfg(test)]
mod tests {
    /// `lower_into` is `str::to_lowercase`, final sigma and other scripts included.
    #[test]
    fn lower_into_is_to_lowercase() {
        let mut out = String::from("old");
        for w in [
            "ŁÓDŹ",
            "Żółć-Ąę",
            "Nowa",
            "ΣΑΣ",
            "ΟΔΟΣ",
            "İstanbul",
            "ÄÖÜß",
            "ǅ",
            "",
            "abc",
            "ĘĆŃŚŹ",
        ] {
            super::lower_into(w, &mut out);
            assert_eq!(out, w.to_lowercase(), "{w}");
        }
    }
}
