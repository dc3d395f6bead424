//! Deduplicate: group releases that retell one happening.
//!
//! Near-linear: candidate pairs come only from shared buckets — LSH bands of the text
//! sketches and rare shared facts (an official, a sum, a gmina, an institution, the
//! happening's day) — never from comparing every pair. In three passes:
//! 1. exact copies (the same paragraphs in the same order) become one class, and near
//!    copies (text similarity from `copy`, days not disagreeing) join theirs, so that a
//!    release republished a thousand times is one candidate, not a bucket too large to use;
//! 2. a site's chrome is learnt from the classes' releases folder by folder (`chrome`),
//!    and paragraphs found in many classes are boilerplate: neither counts as shared text,
//!    and facts in chrome do not count;
//! 3. a candidate pair is one happening when its discounted text similarity marks a
//!    republished release, or when the happening days agree (or one is unknown) and the
//!    shared facts and text weigh enough. Pairs are joined strongest first in a
//!    union-find that refuses to join groups whose days disagree.
//!
//! Each join is kept as a [`Link`]: why the releases of a group are one.

mod chrome;
mod day;
mod groups;
mod keys;
mod signatures;

pub use day::{agree, happening, publication, Happening};
pub use keys::{name_key, person_key};

use crate::record::DocumentRecord;
use crate::sketch::{day_number, hash_str, mix, EventRules, EMPTY, MASKED};
use groups::Groups;
use keys::{copy_key, key_hash, push_sorted, shared, FnvStream};
use rayon::prelude::*;
use signatures::{signatures, similarity, Signatures};

/// Releases (indices into the documents) that retell one happening, and the joins that
/// made them one.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// In ascending order.
    pub members: Vec<usize>,
    /// The joins that made the members one group (indices into the documents).
    pub links: Vec<Link>,
}

/// Two releases joined, with their text similarity (chrome and boilerplate left out; for
/// copies, of the whole text).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// One release, as an index into the documents.
    pub a: usize,
    /// The other release, as an index into the documents.
    pub b: usize,
    /// Their text similarity, 0 to 1.
    pub similarity: f64,
    /// One is a copy of the other (exact or near).
    pub copy: bool,
    /// The decision's weight (`100 + similarity` for republications).
    pub score: f64,
}

/// The facts of one release that decide, as sorted hashes: the officials', the sums', the
/// gminas' and the institutions' keys one after the other in one vector.
#[derive(Debug, Default)]
struct Facts {
    keys: Vec<u64>,
    /// Where the officials', sums', gminas' and institutions' keys end in `keys`.
    ends: [usize; 4],
    day: Option<Happening>,
}

impl Facts {
    fn list(&self, k: usize) -> &[u64] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        self.keys.get(start..self.ends[k]).unwrap_or(&[])
    }

    fn officials(&self) -> &[u64] {
        self.list(0)
    }

    fn sums(&self) -> &[u64] {
        self.list(1)
    }

    fn gminas(&self) -> &[u64] {
        self.list(2)
    }

    fn institutions(&self) -> &[u64] {
        self.list(3)
    }
}

/// The facts of a release outside its chrome paragraphs.
fn facts(d: &DocumentRecord, chrome: &[bool], day: Option<Happening>) -> Facts {
    let in_chrome = |start: usize| {
        d.sketch
            .as_ref()
            .is_some_and(|s| chrome.get(s.paragraph_at(start)).copied().unwrap_or(false))
    };
    let mut keys = Vec::with_capacity(
        d.officials.len() + d.sums.len() + d.gminas.len() + d.institutions.len(),
    );
    let officials = push_sorted(
        &mut keys,
        d.officials
            .iter()
            .filter(|o| !in_chrome(o.start))
            .map(|o| key_hash(&o.item.name, 4))
            // a key of two words at least
            .filter(|k| k.1 >= 2)
            .map(|k| k.0),
    );
    let sums = push_sorted(
        &mut keys,
        d.sums.iter().filter(|s| !in_chrome(s.start)).map(|s| {
            let mut h = FnvStream::new();
            h.bytes(s.item.value.as_bytes());
            h.bytes(b" ");
            h.bytes(s.item.currency.as_bytes());
            h.finish()
        }),
    );
    let gminas = push_sorted(
        &mut keys,
        d.gminas.iter().filter(|g| !in_chrome(g.start)).map(|g| {
            hash_str(if g.item.teryt.is_empty() {
                &g.item.name
            } else {
                &g.item.teryt
            })
        }),
    );
    let institutions = push_sorted(
        &mut keys,
        d.institutions
            .iter()
            .filter(|i| !in_chrome(i.start))
            .map(|i| key_hash(&i.item.name, usize::MAX).0),
    );
    Facts {
        keys,
        ends: [officials, sums, gminas, institutions],
        day,
    }
}

/// Sorts `keys` and writes to `pairs` each pair of releases that share a key whose bucket
/// holds from two to `cap` releases; a larger bucket is skipped, or with `star` pairs each
/// of its releases with its first `star` ones. `(a, b)` packed as `a << 32 | b` (sorts as
/// the pairs do). Each call's keys are one band's (small: sorted on one thread) or the
/// facts' keys.
fn bucket_pairs(
    keys: &mut Vec<(u64, u32)>,
    cap: usize,
    star: Option<usize>,
    parallel: bool,
    pairs: &mut Vec<u64>,
) {
    if parallel {
        keys.par_sort_unstable();
    } else {
        keys.sort_unstable();
    }
    keys.dedup();
    let pack = |x: u32, y: u32| u64::from(x) << 32 | u64::from(y);
    for run in keys.chunk_by(|a, b| a.0 == b.0) {
        if run.len() < 2 {
            continue;
        }
        let firsts = match star {
            _ if run.len() <= cap => run.len(),
            Some(s) => s.min(run.len()),
            None => continue,
        };
        for x in 0..firsts {
            for y in x + 1..run.len() {
                pairs.push(pack(run[x].1, run[y].1));
            }
        }
    }
}

/// Pairs of the `active` releases that share an LSH band of `rows` bins of `sigs`; a
/// band's bucket larger than `max_bucket` pairs each release with its first `star`
/// releases. A band with a masked bin is never a key; one with an empty bin is not either
/// unless `empty_ok` (copies: a short release leaves many bins empty, and its copies leave
/// the same ones empty), and a band all empty never is.
fn band_pairs(
    rules: &EventRules,
    sigs: &Signatures,
    active: &[bool],
    rows: usize,
    empty_ok: bool,
) -> Vec<u64> {
    let n = sigs.len();
    let bands = rules.sketch.bins / rows;
    let band_seed = hash_str("band");
    let (cap, star) = (rules.frequency.max_bucket, Some(rules.frequency.star));
    let band = |band: usize| -> Vec<u64> {
        let mut keys: Vec<(u64, u32)> = Vec::with_capacity(n);
        for i in (0..n).filter(|&i| active[i]) {
            let Some(part) = sigs.of(i).get(band * rows..(band + 1) * rows) else {
                continue;
            };
            let unusable = if empty_ok {
                part.contains(&MASKED) || part.iter().all(|&v| v == EMPTY)
            } else {
                part.iter().any(|&v| v == EMPTY || v == MASKED)
            };
            if unusable {
                continue;
            }
            let mut h = band_seed ^ band as u64;
            for &v in part {
                h = mix(h.rotate_left(11) ^ u64::from(v));
            }
            keys.push((h, i as u32));
        }
        let mut pairs = Vec::new();
        bucket_pairs(&mut keys, cap, star, false, &mut pairs);
        pairs
    };
    let per_band: Vec<Vec<u64>> = (0..bands).into_par_iter().map(band).collect();
    per_band.concat()
}

/// The keys of a release's day: its day, or for a day known only from the publication
/// line, each day the happening may have been.
fn day_keys(rules: &EventRules, h: &Happening) -> Vec<u64> {
    let Some(y) = h.day.0 else {
        return Vec::new();
    };
    let d = day_number(h.day, y);
    let back = if h.from_publication {
        rules.dates.publication_lag
    } else {
        0
    };
    (d - back..=d)
        .map(|n| mix(hash_str("day") ^ n as u64))
        .collect()
}

/// Pairs of the `active` releases that share a band or a bucket of facts no larger than
/// the cap.
fn candidates(
    rules: &EventRules,
    sigs: &Signatures,
    facts: &[Facts],
    active: &[bool],
) -> Vec<(u32, u32)> {
    let cap = rules.frequency.max_bucket;
    let (mut pairs, fact_pairs) = rayon::join(
        || band_pairs(rules, sigs, active, rules.sketch.rows, false),
        || {
            let mut keys: Vec<(u64, u32)> = Vec::new();
            for (i, f) in facts.iter().enumerate().filter(|(i, _)| active[*i]) {
                let i = i as u32;
                let lists: [(u64, &[u64]); 4] = [
                    (1, f.officials()),
                    (2, f.sums()),
                    (3, f.gminas()),
                    (4, f.institutions()),
                ];
                for (tag, list) in lists {
                    for &k in list {
                        keys.push((mix(k ^ tag), i));
                    }
                }
                for day in f.day.iter().flat_map(|h| day_keys(rules, h)) {
                    keys.push((day, i));
                    for &k in f.officials().iter().chain(f.gminas()) {
                        keys.push((mix(day ^ k.rotate_left(17)), i));
                    }
                }
            }
            let mut pairs = Vec::new();
            bucket_pairs(&mut keys, cap, None, true, &mut pairs);
            pairs
        },
    );
    pairs.extend(fact_pairs);
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|p| ((p >> 32) as u32, p as u32))
        .collect()
}

/// Whether two releases' days may be one: `None` when one is unknown.
fn days_agree(rules: &EventRules, a: &Facts, b: &Facts) -> Option<bool> {
    match (&a.day, &b.day) {
        (Some(x), Some(y)) => Some(agree(rules, x, y)),
        _ => None,
    }
}

/// How strongly two releases look like one happening, with their text similarity;
/// `None` when they cannot be. The flag is set for texts so alike that they join whatever
/// their dates say.
fn decide(
    rules: &EventRules,
    sa: &[u32],
    sb: &[u32],
    a: &Facts,
    b: &Facts,
) -> Option<(f64, f64, bool)> {
    let c = &rules.decide;
    let text = similarity(rules, sa, sb);
    let dates_agree = days_agree(rules, a, b);
    let sums = shared(a.sums(), b.sums());
    if text >= c.override_dates || (text >= c.near_duplicate && dates_agree != Some(false)) {
        return Some((100.0 + text, text, dates_agree == Some(false)));
    }
    let mut score = c.text * text;
    match dates_agree {
        Some(false) => return None,
        Some(true) => {
            let both_text = !a.day.is_some_and(|h| h.from_publication)
                && !b.day.is_some_and(|h| h.from_publication);
            score += if both_text { c.same_date } else { c.near_date };
        }
        // people and places recur on a site's releases; a sum is the happening's own
        None if sums == 0 => score -= c.unknown_date,
        None => {}
    }
    score += c.official * shared(a.officials(), b.officials()).min(c.official_cap) as f64;
    score += c.sum * sums.min(c.sum_cap) as f64;
    score += c.gmina * shared(a.gminas(), b.gminas()).min(c.gmina_cap) as f64;
    score +=
        c.institution * shared(a.institutions(), b.institutions()).min(c.institution_cap) as f64;
    (score >= c.threshold).then_some((score, text, false))
}

/// Groups of indices into `docs`, each group one happening (Polish releases only),
/// sorted by their first index, each with the joins that made it.
pub fn cluster(rules: &EventRules, docs: &[DocumentRecord]) -> Vec<Group> {
    let index: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].polish).collect();
    let polish: Vec<&DocumentRecord> = index.iter().map(|&i| &docs[i]).collect();
    let n = polish.len();
    let days: Vec<Option<Happening>> = polish.par_iter().map(|d| happening(rules, d)).collect();
    let mut groups = Groups {
        rules,
        parent: (0..n as u32).collect(),
        day: days.clone(),
    };
    let mut links: Vec<Link> = Vec::new();
    let mut link = |groups: &mut Groups, a: u32, b: u32, similarity: f64, copy: bool, score| {
        if groups.join(a, b, false) {
            links.push(Link {
                a: a as usize,
                b: b as usize,
                similarity,
                copy,
                score,
            });
        }
    };

    // 1. exact copies, then near copies of the classes' first releases
    let mut by_copy: Vec<(u64, u32)> = polish
        .par_iter()
        .enumerate()
        .filter_map(|(i, d)| copy_key(d).map(|k| (k, i as u32)))
        .collect();
    by_copy.par_sort_unstable();
    for run in by_copy.chunk_by(|a, b| a.0 == b.0) {
        for x in &run[1..] {
            link(&mut groups, run[0].1, x.1, 1.0, true, 101.0);
        }
    }
    let heads =
        |groups: &mut Groups| -> Vec<bool> { (0..n as u32).map(|i| groups.find(i) == i).collect() };
    let active = heads(&mut groups);
    let no_chrome: Vec<Vec<bool>> = vec![Vec::new(); n];
    let raw = signatures(rules, &polish, &no_chrome, &active, false);
    let mut near: Vec<(f64, u32, u32)> =
        band_pairs(rules, &raw, &active, rules.sketch.copy_rows, true)
            .into_par_iter()
            .filter_map(|p| {
                let (a, b) = ((p >> 32) as u32, p as u32);
                let (ua, ub) = (a as usize, b as usize);
                let sim = similarity(rules, raw.of(ua), raw.of(ub));
                let apart =
                    matches!((&days[ua], &days[ub]), (Some(x), Some(y)) if !agree(rules, x, y));
                (sim >= rules.decide.copy && !apart).then_some((sim, a, b))
            })
            .collect();
    drop(raw);
    near.par_sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    for (sim, a, b) in near {
        link(&mut groups, a, b, sim, true, 100.0 + sim);
    }

    // 2. chrome and boilerplate, learnt from one release of each class
    let active = heads(&mut groups);
    let learnt = {
        let heads: Vec<&DocumentRecord> =
            (0..n).filter(|&i| active[i]).map(|i| polish[i]).collect();
        let mut it = chrome::learn(&heads).into_iter();
        (0..n)
            .map(|i| {
                if active[i] {
                    it.next().unwrap_or_default()
                } else {
                    Vec::new()
                }
            })
            .collect::<Vec<Vec<bool>>>()
    };
    let sigs = signatures(rules, &polish, &learnt, &active, true);
    let facts: Vec<Facts> = (0..n)
        .into_par_iter()
        .map(|i| {
            if active[i] {
                facts(polish[i], &learnt[i], days[i])
            } else {
                Facts::default()
            }
        })
        .collect();

    // 3. retellings
    let mut decided: Vec<(f64, f64, bool, u32, u32)> = candidates(rules, &sigs, &facts, &active)
        .into_par_iter()
        .filter_map(|(a, b)| {
            let (ua, ub) = (a as usize, b as usize);
            decide(rules, sigs.of(ua), sigs.of(ub), &facts[ua], &facts[ub])
                .map(|(s, sim, force)| (s, sim, force, a, b))
        })
        .collect();
    decided.par_sort_by(|x, y| y.0.total_cmp(&x.0).then((x.3, x.4).cmp(&(y.3, y.4))));
    for (score, sim, force, a, b) in decided {
        if groups.join(a, b, force) {
            links.push(Link {
                a: a as usize,
                b: b as usize,
                similarity: sim,
                copy: false,
                score,
            });
        }
    }

    // groups in the order of their first member
    let mut slot: Vec<u32> = vec![u32::MAX; n];
    let mut out: Vec<Group> = Vec::new();
    for i in 0..n as u32 {
        let r = groups.find(i) as usize;
        if slot[r] == u32::MAX {
            slot[r] = out.len() as u32;
            out.push(Group {
                members: Vec::new(),
                links: Vec::new(),
            });
        }
        out[slot[r] as usize].members.push(index[i as usize]);
    }
    for l in links {
        let r = groups.find(l.a as u32) as usize;
        out[slot[r] as usize].links.push(Link {
            a: index[l.a],
            b: index[l.b],
            ..l
        });
    }
    out
}
