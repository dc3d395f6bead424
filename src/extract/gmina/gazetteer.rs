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

/// A folded form of a name, for near look-ups.
#[derive(Debug)]
struct NearForm {
    chars: Vec<char>,
    /// The letters it has ([`letter_set`]).
    letters: u64,
    gminas: Vec<u32>,
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
    /// Folded form (words joined by one space) → the gminas it may name.
    forms: HashMap<String, Vec<u32>>,
    /// Every form, for near look-ups, sorted by form.
    near: Vec<NearForm>,
    /// Each form and each form with one letter deleted → indices into `near` (a
    /// symmetric-delete index: two words one edit apart share a key).
    deletes: HashMap<String, Vec<u32>>,
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
        let tsv = files.tsv("gmina/gminas.tsv")?;
        let (ct, cn, ck, cp, cv) = (
            tsv.column("teryt")?,
            tsv.column("name")?,
            tsv.column("kind")?,
            tsv.column("powiat")?,
            tsv.column("voivodeship")?,
        );
        let mut entries = Vec::with_capacity(tsv.rows.len());
        let mut by_name: HashMap<String, Vec<u32>> = HashMap::new();
        for row in &tsv.rows {
            let f = &row.fields;
            let teryt = &f[ct];
            if teryt.len() != 7 || !teryt.bytes().all(|b| b.is_ascii_digit()) {
                return Err(tsv.error(row, format!("TERYT must be 7 digits, not {teryt:?}")));
            }
            let kind = Kind::parse(&f[ck])
                .ok_or_else(|| tsv.error(row, format!("unknown gmina kind {:?}", f[ck])))?;
            let Some(powiat_code) = code(teryt, 4) else {
                return Err(tsv.error(row, "bad TERYT"));
            };
            by_name
                .entry(f[cn].clone())
                .or_default()
                .push(entries.len() as u32);
            entries.push(Entry {
                teryt: teryt.clone(),
                name: f[cn].clone(),
                kind,
                powiat: f[cp].clone(),
                voivodeship: f[cv].clone(),
                powiat_code,
            });
        }
        let mut forms: HashMap<String, Vec<u32>> = HashMap::new();
        let mut add = |form: &str, ids: &[u32]| {
            let key = fold(form);
            let v = forms.entry(key).or_default();
            for id in ids {
                if !v.contains(id) {
                    v.push(*id);
                }
            }
        };
        for (name, ids) in &by_name {
            add(name, ids);
        }
        let ftsv = files.tsv("gmina/gmina_forms.tsv")?;
        let (fname, fform) = (ftsv.column("name")?, ftsv.column("form")?);
        for row in &ftsv.rows {
            let ids = by_name.get(&row.fields[fname]).ok_or_else(|| {
                ftsv.error(
                    row,
                    format!("{:?} is not a gmina of gminas.tsv", row.fields[fname]),
                )
            })?;
            add(&row.fields[fform], ids);
        }
        let max_words = forms
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        let mut near: Vec<NearForm> = Vec::with_capacity(forms.len());
        let mut deletes: HashMap<String, Vec<u32>> = HashMap::new();
        let mut keys: Vec<(&String, &Vec<u32>)> = forms.iter().collect();
        keys.sort();
        for (k, ids) in keys {
            let at = near.len() as u32;
            for d in one_deleted(k) {
                let v = deletes.entry(d).or_default();
                if v.last() != Some(&at) {
                    v.push(at);
                }
            }
            let chars: Vec<char> = k.chars().collect();
            near.push(NearForm {
                letters: letter_set(&chars),
                chars,
                gminas: ids.clone(),
            });
        }
        let gtsv = files.tsv("gmina/first_names.tsv")?;
        let gform = gtsv.column("form")?;
        let first_names = gtsv.rows.iter().map(|r| fold(&r.fields[gform])).collect();
        Ok(Gazetteer {
            entries,
            forms,
            near,
            deletes,
            max_words,
            first_names,
        })
    }

    /// The gminas a folded form names exactly.
    pub fn exact(&self, folded: &str) -> Option<&[u32]> {
        self.forms.get(folded).map(Vec::as_slice)
    }

    /// The gminas of one name whose form is nearest to `folded`, within `max_edits` and
    /// with the same first letter; `None` when none is that near or the nearest forms
    /// belong to different names.
    pub fn near(&self, folded: &str, max_edits: usize) -> Option<Vec<u32>> {
        let chars: Vec<char> = folded.chars().collect();
        let first = *chars.first()?;
        let letters = letter_set(&chars);
        let mut best = max_edits + 1;
        let mut found: Vec<u32> = Vec::new();
        let mut consider = |f: &NearForm| {
            if f.chars.first() != Some(&first)
                || f.chars.len().abs_diff(chars.len()) > max_edits
                || (letters & !f.letters).count_ones() as usize > max_edits
                || (f.letters & !letters).count_ones() as usize > max_edits
            {
                return;
            }
            let d = osa_distance(&chars, &f.chars, max_edits + 1);
            if d < best {
                best = d;
                found.clear();
            }
            if d == best && d <= max_edits {
                for id in &f.gminas {
                    if !found.contains(id) {
                        found.push(*id);
                    }
                }
            }
        };
        if max_edits <= 1 {
            let mut seen: Vec<u32> = Vec::new();
            for d in one_deleted(folded) {
                for &i in self.deletes.get(&d).map(Vec::as_slice).unwrap_or(&[]) {
                    if !seen.contains(&i) {
                        seen.push(i);
                        consider(&self.near[i as usize]);
                    }
                }
            }
        } else {
            // `near` is sorted, so the forms sharing the first letter are one run.
            let from = self
                .near
                .partition_point(|f| f.chars.first() < Some(&first));
            let to = self
                .near
                .partition_point(|f| f.chars.first() <= Some(&first));
            self.near[from..to].iter().for_each(consider);
        }
        if found.is_empty() {
            return None;
        }
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

/// A word and every way of deleting one of its letters.
fn one_deleted(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    for (i, c) in word.char_indices() {
        let mut d = String::with_capacity(word.len());
        d.push_str(&word[..i]);
        d.push_str(&word[i + c.len_utf8()..]);
        out.push(d);
    }
    out
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
