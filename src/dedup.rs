//! Deduplicate: group releases that retell one happening.
//!
//! Near-linear: candidate pairs come only from shared buckets — LSH bands of the text
//! sketches (bins whose minimum lies in a paragraph found in many releases are left out)
//! and rare shared facts (an official, a sum, a gmina, an institution, the happening's
//! day) — never from comparing every pair. A candidate pair is one happening when its
//! discounted text similarity marks a republished release, or when the happening dates do
//! not disagree and the shared facts and text weigh enough. Pairs are joined strongest
//! first in a union-find that refuses to join groups with different happening days.

use crate::record::DocumentRecord;
use crate::rules::fold;
use crate::sketch::{compatible, happening, hash_str, DayKey, EventRules, EMPTY, MASKED};
use std::collections::HashMap;

/// The key an official is matched by: folded words cut to their first four letters, so
/// that "Andrzeja Bętkowskiego" and "Andrzej Bętkowski" meet.
pub fn person_key(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(4).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key a name is matched by: folded, quotes and punctuation dropped, single spaces.
pub fn name_key(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The facts of one release that decide, as sorted hashes.
#[derive(Debug, Default)]
struct Facts {
    officials: Vec<u64>,
    sums: Vec<u64>,
    gminas: Vec<u64>,
    institutions: Vec<u64>,
    day: Option<DayKey>,
}

fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v
}

fn facts(rules: &EventRules, d: &DocumentRecord) -> Facts {
    Facts {
        officials: sorted(
            d.officials
                .iter()
                .map(|o| person_key(&o.item.name))
                .filter(|k| k.contains(' '))
                .map(|k| hash_str(&k))
                .collect(),
        ),
        sums: sorted(
            d.sums
                .iter()
                .map(|s| hash_str(&format!("{} {}", s.item.value, s.item.currency)))
                .collect(),
        ),
        gminas: sorted(
            d.gminas
                .iter()
                .map(|g| {
                    hash_str(if g.item.teryt.is_empty() {
                        &g.item.name
                    } else {
                        &g.item.teryt
                    })
                })
                .collect(),
        ),
        institutions: sorted(
            d.institutions
                .iter()
                .map(|i| hash_str(&name_key(&i.item.name)))
                .collect(),
        ),
        day: happening(rules, d).map(|h| h.0),
    }
}

fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The text sketch with the bins of frequent paragraphs emptied.
fn clean_signatures(rules: &EventRules, docs: &[&DocumentRecord]) -> Vec<Vec<u32>> {
    let mut df: HashMap<u64, u32> = HashMap::new();
    let mut seen: Vec<u64> = Vec::new();
    for d in docs {
        if let Some(s) = &d.sketch {
            seen.clear();
            seen.extend(s.paragraphs.iter().copied().filter(|&p| p != 0));
            seen.sort_unstable();
            seen.dedup();
            for &p in &seen {
                *df.entry(p).or_insert(0) += 1;
            }
        }
    }
    let max = rules.frequency.max_paragraph_df;
    docs.iter()
        .map(|d| match &d.sketch {
            Some(s) => s
                .bins
                .iter()
                .zip(&s.bin_paragraph)
                .map(|(&v, &p)| {
                    let ph = s.paragraphs.get(p as usize).copied().unwrap_or(0);
                    if v != EMPTY && ph != 0 && df.get(&ph).copied().unwrap_or(0) > max {
                        MASKED
                    } else {
                        v
                    }
                })
                .collect(),
            None => Vec::new(),
        })
        .collect()
}

/// Estimated Jaccard similarity of the shingles outside boilerplate (one-permutation
/// MinHash: bins empty on one side count as different, bins in boilerplate not at all).
fn similarity(rules: &EventRules, a: &[u32], b: &[u32]) -> f64 {
    let (mut n, mut same) = (0usize, 0usize);
    for (&x, &y) in a.iter().zip(b) {
        if x == MASKED || y == MASKED || (x == EMPTY && y == EMPTY) {
            continue;
        }
        n += 1;
        same += usize::from(x == y);
    }
    if n < rules.decide.min_bins {
        0.0
    } else {
        same as f64 / n as f64
    }
}

/// Pairs of releases that share a bucket no larger than the cap.
fn candidates(rules: &EventRules, sigs: &[Vec<u32>], facts: &[Facts]) -> Vec<(u32, u32)> {
    let cap = rules.frequency.max_bucket;
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(sigs.len());
    let flush = |keys: &mut Vec<(u64, u32)>, pairs: &mut Vec<(u32, u32)>| {
        keys.sort_unstable();
        keys.dedup();
        let mut i = 0;
        while i < keys.len() {
            let mut j = i + 1;
            while j < keys.len() && keys[j].0 == keys[i].0 {
                j += 1;
            }
            if j - i >= 2 && j - i <= cap {
                for x in i..j {
                    for y in x + 1..j {
                        pairs.push((keys[x].1, keys[y].1));
                    }
                }
            }
            i = j;
        }
        keys.clear();
    };
    let rows = rules.sketch.rows;
    let bands = rules.sketch.bins / rows;
    for band in 0..bands {
        for (i, s) in sigs.iter().enumerate() {
            let Some(part) = s.get(band * rows..(band + 1) * rows) else {
                continue;
            };
            if part.iter().any(|&v| v == EMPTY || v == MASKED) {
                continue;
            }
            let mut h = hash_str("band") ^ band as u64;
            for &v in part {
                h = crate::sketch::mix(h.rotate_left(11) ^ u64::from(v));
            }
            keys.push((h, i as u32));
        }
        flush(&mut keys, &mut pairs);
    }
    for (i, f) in facts.iter().enumerate() {
        let i = i as u32;
        let lists: [(u64, &Vec<u64>); 4] = [
            (1, &f.officials),
            (2, &f.sums),
            (3, &f.gminas),
            (4, &f.institutions),
        ];
        for (tag, list) in lists {
            for &k in list {
                keys.push((crate::sketch::mix(k ^ tag), i));
            }
        }
        if let Some((Some(y), m, d)) = f.day {
            let day = hash_str(&format!("{y:04}-{m:02}-{d:02}"));
            keys.push((day, i));
            for &k in f.officials.iter().chain(&f.gminas) {
                keys.push((crate::sketch::mix(day ^ k.rotate_left(17)), i));
            }
        }
    }
    flush(&mut keys, &mut pairs);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// How strongly two releases look like one happening; `None` when they cannot be.
/// The flag is set for texts so alike that they join whatever their dates say.
fn decide(rules: &EventRules, sa: &[u32], sb: &[u32], a: &Facts, b: &Facts) -> Option<(f64, bool)> {
    let c = &rules.decide;
    let text = similarity(rules, sa, sb);
    let dates_agree = match (a.day, b.day) {
        (Some(x), Some(y)) => Some(compatible(x, y)),
        _ => None,
    };
    if text >= c.override_dates || (text >= c.near_duplicate && dates_agree != Some(false)) {
        return Some((100.0 + text, dates_agree == Some(false)));
    }
    let mut score = c.text * text;
    match dates_agree {
        Some(false) => return None,
        Some(true) => score += c.same_date,
        None => {}
    }
    score += c.official * shared(&a.officials, &b.officials).min(c.official_cap) as f64;
    score += c.sum * shared(&a.sums, &b.sums).min(c.sum_cap) as f64;
    score += c.gmina * shared(&a.gminas, &b.gminas).min(c.gmina_cap) as f64;
    score += c.institution * shared(&a.institutions, &b.institutions).min(c.institution_cap) as f64;
    (score >= c.threshold).then_some((score, false))
}

struct Groups {
    parent: Vec<u32>,
    day: Vec<Option<DayKey>>,
}

impl Groups {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    fn join(&mut self, a: u32, b: u32, force: bool) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (da, db) = (self.day[ra as usize], self.day[rb as usize]);
        let day = match (da, db) {
            (Some(x), Some(y)) if !compatible(x, y) => {
                if !force {
                    return;
                }
                Some(x)
            }
            (Some(x), Some(y)) => Some(if x.0.is_some() { x } else { y }),
            (x, y) => x.or(y),
        };
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child as usize] = root;
        self.day[root as usize] = day;
    }
}

/// Groups of indices into `docs`, each group one happening (Polish releases only),
/// sorted by their first index.
pub fn cluster(rules: &EventRules, docs: &[DocumentRecord]) -> Vec<Vec<usize>> {
    let index: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].polish).collect();
    let polish: Vec<&DocumentRecord> = index.iter().map(|&i| &docs[i]).collect();
    let facts: Vec<Facts> = polish.iter().map(|d| facts(rules, d)).collect();
    let sigs = clean_signatures(rules, &polish);
    let pairs = candidates(rules, &sigs, &facts);
    let mut links: Vec<(f64, bool, u32, u32)> = pairs
        .into_iter()
        .filter_map(|(a, b)| {
            let (ua, ub) = (a as usize, b as usize);
            decide(rules, &sigs[ua], &sigs[ub], &facts[ua], &facts[ub])
                .map(|(s, force)| (s, force, a, b))
        })
        .collect();
    links.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.2, x.3).cmp(&(y.2, y.3))));
    let mut groups = Groups {
        parent: (0..polish.len() as u32).collect(),
        day: facts.iter().map(|f| f.day).collect(),
    };
    for (_, force, a, b) in links {
        groups.join(a, b, force);
    }
    let mut by_root: HashMap<u32, Vec<usize>> = HashMap::new();
    for i in 0..polish.len() as u32 {
        let r = groups.find(i);
        by_root.entry(r).or_default().push(index[i as usize]);
    }
    let mut out: Vec<Vec<usize>> = by_root.into_values().collect();
    out.sort_by_key(|g| g[0]);
    out
}
