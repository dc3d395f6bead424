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
    gminas: Vec<u32>,
}

#[derive(Debug)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Folded form (words joined by one space) → the gminas it may name.
    forms: HashMap<String, Vec<u32>>,
    /// Single-word and multi-word forms by their first letter, for near look-ups.
    near: HashMap<char, Vec<NearForm>>,
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
        let mut near: HashMap<char, Vec<NearForm>> = HashMap::new();
        for (k, ids) in &forms {
            if let Some(c) = k.chars().next() {
                near.entry(c).or_default().push(NearForm {
                    chars: k.chars().collect(),
                    gminas: ids.clone(),
                });
            }
        }
        let gtsv = files.tsv("gmina/first_names.tsv")?;
        let gform = gtsv.column("form")?;
        let first_names = gtsv.rows.iter().map(|r| fold(&r.fields[gform])).collect();
        Ok(Gazetteer {
            entries,
            forms,
            near,
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
        let mut best = max_edits + 1;
        let mut found: Vec<u32> = Vec::new();
        for f in self.near.get(&first)? {
            if f.chars.len().abs_diff(chars.len()) > max_edits {
                continue;
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

/// Optimal string alignment distance (Levenshtein with adjacent transpositions); any value
/// at or above `cap` is returned as `cap`.
pub fn osa_distance(a: &[char], b: &[char], cap: usize) -> usize {
    if a.len().abs_diff(b.len()) >= cap {
        return cap;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min >= cap {
            return cap;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(cap)
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
