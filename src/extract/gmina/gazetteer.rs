//! The gmina gazetteer: every gmina with its TERYT code, powiat and voivodeship, and every
//! written form of its name folded (lowercase, no diacritics) for exact and near look-ups.

use crate::error::RuleError;
use crate::rules::{fold, RuleFiles};
use std::collections::{HashMap, HashSet};

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

#[derive(Debug)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Folded form (words joined by one space) → its index.
    forms: HashMap<String, u32>,
    /// The gminas each form may name: a range of `ids`.
    spans: Vec<(u32, u32)>,
    /// The gminas of every form, one run per form.
    ids: Vec<u32>,
    /// Every form, for near look-ups, sorted by first letter and length (so the forms a
    /// near look-up may reach are one run).
    near: Vec<NearForm>,
    /// The letters of the forms of `near`.
    chars: Vec<char>,
    /// Most words in a name.
    pub max_words: usize,
    /// First-name forms that are, or nearly are, a gmina form (folded).
    first_names: HashSet<String>,
}

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
        let mut by_name: HashMap<&str, Vec<u32>> = HashMap::with_capacity(entries.len());
        for (id, e) in entries.iter().enumerate() {
            by_name.entry(e.name.as_str()).or_default().push(id as u32);
        }
        // Every folded form gets an index; every (form, gmina) pair is a link.
        let ftsv = files.tsv("gmina/gmina_forms.tsv")?;
        let (fname, fform) = (ftsv.column("name")?, ftsv.column("form")?);
        let mut forms: HashMap<String, u32> =
            HashMap::with_capacity(by_name.len() + ftsv.rows.len());
        let mut links: Vec<(u32, u32)> = Vec::with_capacity(entries.len() + ftsv.rows.len());
        let mut add = |form: &str, ids: &[u32]| {
            let n = forms.len() as u32;
            let f = *forms.entry(fold(form)).or_insert(n);
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
            if let Some(&first) = form.first() {
                near.push(NearForm {
                    first,
                    len: form.len() as u32,
                    start: start as u32,
                    letters: letter_set(form),
                    ids: spans[f as usize],
                });
            }
        }
        near.sort_unstable_by_key(|f| u64::from(f.first) << 32 | u64::from(f.len));
        let gtsv = files.tsv("gmina/first_names.tsv")?;
        let gform = gtsv.column("form")?;
        let first_names = gtsv.rows.iter().map(|r| fold(&r.fields[gform])).collect();
        Ok(Gazetteer {
            entries,
            forms,
            spans,
            ids,
            near,
            chars,
            max_words,
            first_names,
        })
    }

    /// The gminas a folded form names exactly.
    pub fn exact(&self, folded: &str) -> Option<&[u32]> {
        let (from, to) = self.spans[*self.forms.get(folded)? as usize];
        Some(&self.ids[from as usize..to as usize])
    }

    /// The gminas of one name whose form is nearest to `folded`, within `max_edits` and
    /// with the same first letter; `None` when none is that near or the nearest forms
    /// belong to different names.
    pub fn near(&self, folded: &str, max_edits: usize) -> Option<Vec<u32>> {
        let chars: Vec<char> = folded.chars().collect();
        let first = *chars.first()?;
        let letters = letter_set(&chars);
        // The forms with the same first letter and a length within `max_edits`: one run.
        let (lo, hi) = (chars.len().saturating_sub(max_edits), chars.len() + max_edits);
        let from = self
            .near
            .partition_point(|f| (f.first, f.len as usize) < (first, lo));
        let to = self
            .near
            .partition_point(|f| (f.first, f.len as usize) <= (first, hi));
        let mut best = max_edits + 1;
        let mut found: Vec<u32> = Vec::new();
        for f in &self.near[from..to] {
            if (letters & !f.letters).count_ones() as usize > max_edits
                || (f.letters & !letters).count_ones() as usize > max_edits
            {
                continue;
            }
            let form = &self.chars[f.start as usize..(f.start + f.len) as usize];
            let d = osa_distance(&chars, form, max_edits + 1);
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

/// Optimal string alignment distance (Levenshtein with adjacent transpositions); any value
/// at or above `cap` is returned as `cap`.
pub fn osa_distance(a: &[char], b: &[char], cap: usize) -> usize {
    const MAX: usize = 64;
    if a.len().abs_diff(b.len()) >= cap || b.len() >= MAX {
        return cap;
    }
    let w = b.len() + 1;
    let mut rows = [[0usize; MAX]; 3];
    let (mut p2, mut p1, mut cur) = (0, 1, 2);
    for (j, v) in rows[p1][..w].iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[p1][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[p1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[p2][j - 2] + 1);
            }
            rows[cur][j] = v;
            row_min = row_min.min(v);
        }
        if row_min >= cap {
            return cap;
        }
        (p2, p1, cur) = (p1, cur, p2);
    }
    rows[p1][b.len()].min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa_distance(&a, &b, 9)
    }

    #[test]
    fn distance_counts_swaps_as_one_edit() {
        assert_eq!(d("bodzentny", "bodzentyn"), 1);
        assert_eq!(d("lonow", "loniow"), 1);
        assert_eq!(d("konisza", "koniusza"), 1);
        assert_eq!(d("oksa", "oksa"), 0);
        assert_eq!(d("kielce", "bogoria"), 7);
    }
}
