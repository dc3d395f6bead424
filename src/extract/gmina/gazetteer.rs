//! The gmina gazetteer: every gmina with its TERYT code, powiat and voivodeship, and every
//! written form of its name folded (lowercase, no diacritics) for exact and near look-ups.

use crate::error::RuleError;
use crate::rules::fold_into;
use crate::rules::{fold, RuleFiles};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Mutex;

/// The kind of gmina, the last digit of its TERYT code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Urban,
    Rural,
    UrbanRural,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "miejska" => Some(Kind::Urban),
            "wiejska" => Some(Kind::Rural),
            "miejsko-wiejska" => Some(Kind::UrbanRural),
            _ => None,
        }
    }
}

/// One gmina of `gminas.tsv`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub teryt: String,
    pub name: String,
    pub kind: Kind,
    pub powiat: String,
    pub voivodeship: String,
    /// The first four digits of the TERYT code.
    pub powiat_code: u16,
}

/// A folded form of a name, for near look-ups: its letters are
/// `Gazetteer::chars[start..start + len]`, the gminas it may name `Gazetteer::ids[ids.0..ids.1]`.
#[derive(Debug)]
struct NearForm {
    first: char,
    /// The second letter ('\0' if none).
    second: char,
    last: char,
    len: u32,
    start: u32,
    /// The letters it has ([`letter_set`]).
    letters: u64,
    ids: (u32, u32),
}

/// The set of letters of a word as bits (letters outside a-z share the upper bits). Each
/// letter one word has and the other lacks costs at least one edit, so the count of such
/// letters is a lower bound of the distance.
fn letter_set(chars: &[char]) -> u64 {
    chars.iter().fold(0, |m, &c| {
        let bit = if c.is_ascii_lowercase() {
            c as u32 - 'a' as u32
        } else {
            26 + c as u32 % 38
        };
        m | 1 << bit
    })
}

/// Whether more than `k` bits of `x` are set.
fn more_than(mut x: u64, k: usize) -> bool {
    for _ in 0..k {
        x &= x.wrapping_sub(1);
    }
    x != 0
}

/// A sort key of forms: two letters and a length.
fn pack(a: char, b: char, len: usize) -> u64 {
    u64::from(a) << 42 | u64::from(b) << 21 | len.min(0x1f_ffff) as u64
}

/// The entries of a view (sorted by key) with a key in `lo..=hi`.
fn run(view: &[(u64, u32)], lo: u64, hi: u64) -> &[(u64, u32)] {
    let from = view.partition_point(|e| e.0 < lo);
    let to = view.partition_point(|e| e.0 <= hi);
    &view[from..to.max(from)]
}

#[derive(Debug)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Folded form (words joined by one space) → its index.
    forms: HashMap<String, u32>,
    /// The gminas each form may name: a range of `ids`.
    spans: Vec<(u32, u32)>,
    /// The gminas of every form, one run per form.
    ids: Vec<u32>,
    /// Every form, for near look-ups.
    near: Vec<NearForm>,
    /// Indices into `near` sorted by [`pack`] keys of first letter and length, of first
    /// and second letter and length, of first and last letter and length: the forms a
    /// look-up may reach are one run of a view.
    by_length: Vec<(u64, u32)>,
    by_second: Vec<(u64, u32)>,
    by_last: Vec<(u64, u32)>,
    /// The letters of the forms of `near`.
    chars: Vec<char>,
    /// Most words in a name.
    pub max_words: usize,
    /// First-name forms that are, or nearly are, a gmina form (folded).
    first_names: HashSet<String>,
    /// The answers of [`Gazetteer::near`] so far, by the number of edits allowed.
    near_memo: [Mutex<NearMemo>; 3],
}

/// Folded words and the gminas they are near to.
type NearMemo = HashMap<String, Option<Box<[u32]>>>;

/// The most words [`Gazetteer::near`] remembers (of each number of edits).
const NEAR_MEMO_MAX: usize = 1 << 16;

fn code(s: &str, digits: usize) -> Option<u16> {
    s.get(..digits)?.parse().ok()
}

impl Gazetteer {
    pub fn load(files: &RuleFiles) -> Result<Gazetteer, RuleError> {
        let mut tsv = files.tsv("gmina/gminas.tsv")?;
        let (ct, cn, ck, cp, cv) = (
            tsv.column("teryt")?,
            tsv.column("name")?,
            tsv.column("kind")?,
            tsv.column("powiat")?,
            tsv.column("voivodeship")?,
        );
        let rows = std::mem::take(&mut tsv.rows);
        let mut entries = Vec::with_capacity(rows.len());
        for mut row in rows {
            let teryt = &row.fields[ct];
            if teryt.len() != 7 || !teryt.bytes().all(|b| b.is_ascii_digit()) {
                return Err(tsv.error(&row, format!("TERYT must be 7 digits, not {teryt:?}")));
            }
            let kind = Kind::parse(&row.fields[ck]).ok_or_else(|| {
                tsv.error(&row, format!("unknown gmina kind {:?}", row.fields[ck]))
            })?;
            let Some(powiat_code) = code(teryt, 4) else {
                return Err(tsv.error(&row, "bad TERYT"));
            };
            let mut take = |c: usize| std::mem::take(&mut row.fields[c]);
            entries.push(Entry {
                teryt: take(ct),
                name: take(cn),
                kind,
                powiat: take(cp),
                voivodeship: take(cv),
                powiat_code,
            });
        }
        let mut by_name: HashMap<&str, Vec<u32>> =
            HashMap::with_capacity_and_hasher(entries.len(), Default::default());
        for (id, e) in entries.iter().enumerate() {
            by_name.entry(e.name.as_str()).or_default().push(id as u32);
        }
        // Every folded form gets an index; every (form, gmina) pair is a link.
        let ftsv = files.tsv("gmina/gmina_forms.tsv")?;
        let (fname, fform) = (ftsv.column("name")?, ftsv.column("form")?);
        let mut forms: HashMap<String, u32> =
            HashMap::with_capacity_and_hasher(by_name.len() + ftsv.rows.len(), Default::default());
        let mut links: Vec<(u32, u32)> = Vec::with_capacity(entries.len() + ftsv.rows.len());
        let mut key = String::new();
        let mut add = |form: &str, ids: &[u32]| {
            key.clear();
            fold_into(form, &mut key);
            let f = match forms.get(key.as_str()) {
                Some(&f) => f,
                None => {
                    let n = forms.len() as u32;
                    forms.insert(key.clone(), n);
                    n
                }
            };
            links.extend(ids.iter().map(|&id| (f, id)));
        };
        for (name, ids) in &by_name {
            add(name, ids);
        }
        for row in &ftsv.rows {
            let ids = by_name.get(row.fields[fname].as_str()).ok_or_else(|| {
                ftsv.error(
                    row,
                    format!("{:?} is not a gmina of gminas.tsv", row.fields[fname]),
                )
            })?;
            add(&row.fields[fform], ids);
        }
        drop(ftsv);
        // The links grouped by form (a counting sort), each form's gminas once.
        let mut spans = vec![(0u32, 0u32); forms.len()];
        for &(f, _) in &links {
            spans[f as usize].1 += 1;
        }
        let mut at = 0;
        for s in &mut spans {
            (s.0, s.1, at) = (at, at, at + s.1);
        }
        let mut ids = vec![0u32; links.len()];
        for &(f, id) in &links {
            let s = &mut spans[f as usize];
            if !ids[s.0 as usize..s.1 as usize].contains(&id) {
                ids[s.1 as usize] = id;
                s.1 += 1;
            }
        }
        for &(from, to) in &spans {
            ids[from as usize..to as usize].sort_unstable();
        }
        let mut near = Vec::with_capacity(forms.len());
        let mut chars = Vec::with_capacity(forms.len() * 12);
        let mut max_words = 1;
        for (key, &f) in &forms {
            max_words = max_words.max(key.split(' ').count());
            let start = chars.len();
            chars.extend(key.chars());
            let form = &chars[start..];
            if let (Some(&first), Some(&last)) = (form.first(), form.last()) {
                near.push(NearForm {
                    first,
                    second: form.get(1).copied().unwrap_or('\0'),
                    last,
                    len: form.len() as u32,
                    start: start as u32,
                    letters: letter_set(form),
                    ids: spans[f as usize],
                });
            }
        }
        let view = |key: &dyn Fn(&NearForm) -> u64| {
            let mut v: Vec<(u64, u32)> = near
                .iter()
                .enumerate()
                .map(|(i, f)| (key(f), i as u32))
                .collect();
            v.sort_unstable();
            v
        };
        let by_length = view(&|f| pack(f.first, '\0', f.len as usize));
        let by_second = view(&|f| pack(f.first, f.second, f.len as usize));
        let by_last = view(&|f| pack(f.first, f.last, f.len as usize));
        let gtsv = files.tsv("gmina/first_names.tsv")?;
        let gform = gtsv.column("form")?;
        let first_names = gtsv.rows.iter().map(|r| fold(&r.fields[gform])).collect();
        Ok(Gazetteer {
            entries,
            forms,
            spans,
            ids,
            near,
            by_length,
            by_second,
            by_last,
            chars,
            max_words,
            first_names,
            near_memo: Default::default(),
        })
    }

    /// The gminas a folded form names exactly.
    pub fn exact(&self, folded: &str) -> Option<&[u32]> {
        let (from, to) = self.spans[*self.forms.get(folded)? as usize];
        Some(&self.ids[from as usize..to as usize])
    }

    /// The gminas of one name whose form is nearest to `folded`, within `max_edits` and
    /// with the same first letter; `None` when none is that near or the nearest forms
    /// belong to different names. The answers are remembered: the same capitalised words
    /// (first names, surnames) follow gmina words in release after release.
    pub fn near(&self, folded: &str, max_edits: usize) -> Option<Vec<u32>> {
        let memo = self.near_memo.get(max_edits);
        if let Some(m) = memo {
            if let Some(found) = m.lock().unwrap_or_else(|e| e.into_inner()).get(folded) {
                return found.as_ref().map(|f| f.to_vec());
            }
        }
        let found = self.nearest(folded, max_edits);
        if let Some(m) = memo {
            let mut m = m.lock().unwrap_or_else(|e| e.into_inner());
            if m.len() < NEAR_MEMO_MAX {
                m.insert(folded.to_string(), found.as_deref().map(Box::from));
            }
        }
        found
    }

    /// [`Gazetteer::near`] worked out.
    fn nearest(&self, folded: &str, max_edits: usize) -> Option<Vec<u32>> {
        let chars: Vec<char> = folded.chars().collect();
        let first = *chars.first()?;
        let letters = letter_set(&chars);
        let len = chars.len();
        let mut best = max_edits + 1;
        let mut found: Vec<u32> = Vec::new();
        let pattern = if max_edits > 1 {
            Pattern::new(&chars)
        } else {
            None
        };
        // Each letter one word has and the other lacks costs an edit.
        let may = |f: &NearForm| {
            !more_than(letters & !f.letters, max_edits)
                && !more_than(f.letters & !letters, max_edits)
        };
        let mut consider = |f: &NearForm| {
            let form = &self.chars[f.start as usize..(f.start + f.len) as usize];
            let d = if max_edits == 1 {
                within_one(&chars, form)
            } else if let Some(p) = &pattern {
                p.distance(form, max_edits + 1)
            } else {
                osa_distance(&chars, form, max_edits + 1)
            };
            if d < best {
                best = d;
                found.clear();
            }
            if d == best && d <= max_edits {
                for id in &self.ids[f.ids.0 as usize..f.ids.1 as usize] {
                    if !found.contains(id) {
                        found.push(*id);
                    }
                }
            }
        };
        if max_edits == 1 && len >= 5 {
            // One edit leaves a word of four letters or more its second letter or its
            // last: the forms sharing either (the first letter kept, the length within
            // one) are two runs.
            let (second, last) = (chars[1], chars[len - 1]);
            for &(_, i) in run(
                &self.by_second,
                pack(first, second, len - 1),
                pack(first, second, len + 1),
            ) {
                let f = &self.near[i as usize];
                if may(f) {
                    consider(f);
                }
            }
            for &(_, i) in run(
                &self.by_last,
                pack(first, last, len - 1),
                pack(first, last, len + 1),
            ) {
                let f = &self.near[i as usize];
                if f.second != second && may(f) {
                    consider(f);
                }
            }
        } else {
            // The forms with the same first letter and a length within `max_edits`.
            for &(_, i) in run(
                &self.by_length,
                pack(first, '\0', len.saturating_sub(max_edits)),
                pack(first, '\0', len + max_edits),
            ) {
                let f = &self.near[i as usize];
                if may(f) {
                    consider(f);
                }
            }
        }
        if found.is_empty() {
            return None;
        }
        // In one order whatever the order of the forms.
        found.sort_unstable();
        let name = &self.entries[found[0] as usize].name;
        found
            .iter()
            .all(|&id| &self.entries[id as usize].name == name)
            .then_some(found)
    }

    /// Whether a folded word is a first-name form close to a gmina form.
    pub fn is_first_name(&self, folded: &str) -> bool {
        self.first_names.contains(folded)
    }
}

mod distance;
use distance::Pattern;
pub use distance::{osa_distance, within_one};

#[cfg(test)]
mod tests;
