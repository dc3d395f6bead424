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
use crate::rules::fold_letter;
use crate::sketch::{compatible, happening, hash_str, DayKey, EventRules, EMPTY, MASKED};
use rayon::prelude::*;

/// The key an official is matched by: folded words cut to their first four letters, so
/// that "Andrzeja Bętkowskiego" and "Andrzej Bętkowski" meet.
pub fn person_key(name: &str) -> String {
    key_string(name, 4)
}

/// The key a name is matched by: folded, quotes and punctuation dropped, single spaces.
pub fn name_key(name: &str) -> String {
    key_string(name, usize::MAX)
}

/// The folded words (runs of alphanumeric characters) of `name`, each cut to its first
/// `letters` characters, joined by single spaces.
fn key_string(name: &str, letters: usize) -> String {
    let mut out = String::with_capacity(name.len());
    key_chars(name, letters, |c| out.push(c.unwrap_or(' ')));
    out
}

/// Calls `f` with each character of the key [`key_string`] builds, `None` for each space
/// between two words; returns the number of words.
fn key_chars(name: &str, letters: usize, mut f: impl FnMut(Option<char>)) -> usize {
    let (mut words, mut in_word, mut taken) = (0usize, false, 0usize);
    folded_chars(name, |c| {
        if !c.is_alphanumeric() {
            in_word = false;
            return;
        }
        if !in_word {
            if words > 0 {
                f(None);
            }
            (words, in_word, taken) = (words + 1, true, 0);
        }
        if taken < letters {
            f(Some(c));
            taken += 1;
        }
    });
    words
}

/// Calls `f` with each character of `name` lowercased and folded ([`fold_letter`]), as
/// `name.chars().flat_map(char::to_lowercase).map(fold_letter)` gives them; ASCII
/// characters take a shorter way.
fn folded_chars(name: &str, mut f: impl FnMut(char)) {
    for c in name.chars() {
        if c.is_ascii() {
            f(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                f(fold_letter(l));
            }
        }
    }
}

/// The facts of one release that decide, as sorted hashes: the officials', the sums', the
/// gminas' and the institutions' keys one after the other in one vector.
#[derive(Debug, Default)]
struct Facts {
    keys: Vec<u64>,
    /// Where the officials', sums', gminas' and institutions' keys end in `keys`.
    ends: [usize; 4],
    day: Option<DayKey>,
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

/// Appends `keys` to `out` sorted, each once.
fn push_sorted(out: &mut Vec<u64>, keys: impl Iterator<Item = u64>) -> usize {
    let start = out.len();
    out.extend(keys);
    out[start..].sort_unstable();
    let mut kept = start;
    for i in start..out.len() {
        if kept == start || out[i] != out[kept - 1] {
            out[kept] = out[i];
            kept += 1;
        }
    }
    out.truncate(kept);
    kept
}

/// `hash_str` of a key built from the folded words of `name` joined by single spaces, each
/// word cut to its first `letters` characters ([`person_key`], [`name_key`]), computed
/// without building the key; with the number of words.
fn key_hash(name: &str, letters: usize) -> (u64, usize) {
    let mut h = FnvStream::new();
    let words = key_chars(name, letters, |c| match c {
        Some(c) => {
            let mut buf = [0u8; 4];
            h.bytes(c.encode_utf8(&mut buf).as_bytes());
        }
        None => h.bytes(b" "),
    });
    (h.finish(), words)
}

/// `hash_str` of text fed in pieces.
struct FnvStream(u64);

impl FnvStream {
    fn new() -> Self {
        FnvStream(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 = (self.0 ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        crate::sketch::mix(self.0)
    }
}

fn facts(rules: &EventRules, d: &DocumentRecord) -> Facts {
    let mut keys = Vec::with_capacity(
        d.officials.len() + d.sums.len() + d.gminas.len() + d.institutions.len(),
    );
    let officials = push_sorted(
        &mut keys,
        d.officials
            .iter()
            .map(|o| key_hash(&o.item.name, 4))
            // a key of two words at least
            .filter(|k| k.1 >= 2)
            .map(|k| k.0),
    );
    let sums = push_sorted(
        &mut keys,
        d.sums.iter().map(|s| {
            let mut h = FnvStream::new();
            h.bytes(s.item.value.as_bytes());
            h.bytes(b" ");
            h.bytes(s.item.currency.as_bytes());
            h.finish()
        }),
    );
    let gminas = push_sorted(
        &mut keys,
        d.gminas.iter().map(|g| {
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
            .map(|i| key_hash(&i.item.name, usize::MAX).0),
    );
    Facts {
        keys,
        ends: [officials, sums, gminas, institutions],
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

/// The text sketches of all releases in one array, with the bins of frequent paragraphs
/// masked.
struct Signatures {
    bins: Vec<u32>,
    /// Where each release's bins start in `bins` (one more entry than releases).
    starts: Vec<usize>,
}

impl Signatures {
    fn of(&self, i: usize) -> &[u32] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.bins.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The text sketches with the bins of frequent paragraphs masked.
fn clean_signatures(rules: &EventRules, docs: &[&DocumentRecord]) -> Signatures {
    // each release's paragraphs once, then all of them sorted: a paragraph's runs is its
    // document frequency
    let mut all: Vec<u64> = docs
        .par_iter()
        .flat_map_iter(|d| {
            let mut seen: Vec<u64> = d.sketch.as_ref().map_or_else(Vec::new, |s| {
                s.paragraphs.iter().copied().filter(|&p| p != 0).collect()
            });
            seen.sort_unstable();
            seen.dedup();
            seen
        })
        .collect();
    all.par_sort_unstable();
    let max = rules.frequency.max_paragraph_df as usize;
    let mut frequent: Vec<u64> = Vec::new();
    for run in all.chunk_by(|a, b| a == b) {
        if run.len() > max {
            frequent.push(run[0]);
        }
    }
    let is_frequent = |ph: u64| ph != 0 && frequent.binary_search(&ph).is_ok();
    // every release's bins in one array, each release filling its own part
    let mut starts = Vec::with_capacity(docs.len() + 1);
    starts.push(0);
    for d in docs {
        let n = d
            .sketch
            .as_ref()
            .map_or(0, |s| s.bins.len().min(s.bin_paragraph.len()));
        starts.push(starts.last().copied().unwrap_or(0) + n);
    }
    let mut bins = vec![0u32; starts.last().copied().unwrap_or(0)];
    let mut parts: Vec<&mut [u32]> = Vec::with_capacity(docs.len());
    let mut rest = bins.as_mut_slice();
    for w in starts.windows(2) {
        let (part, tail) = rest.split_at_mut(w[1] - w[0]);
        parts.push(part);
        rest = tail;
    }
    parts.into_par_iter().zip(docs).for_each(|(part, d)| {
        let Some(s) = &d.sketch else {
            return;
        };
        // whether each paragraph is frequent, on the stack for all but long releases
        let mut on_stack = [false; 256];
        let mut on_heap = Vec::new();
        let masked: &mut [bool] = if s.paragraphs.len() <= on_stack.len() {
            &mut on_stack[..s.paragraphs.len()]
        } else {
            on_heap.resize(s.paragraphs.len(), false);
            &mut on_heap
        };
        for (m, &ph) in masked.iter_mut().zip(&s.paragraphs) {
            *m = is_frequent(ph);
        }
        for ((out, &v), &p) in part.iter_mut().zip(&s.bins).zip(&s.bin_paragraph) {
            *out = if v != EMPTY && masked.get(p as usize).copied().unwrap_or(false) {
                MASKED
            } else {
                v
            };
        }
    });
    Signatures { bins, starts }
}

/// Estimated Jaccard similarity of the shingles outside boilerplate (one-permutation
/// MinHash: bins empty on one side count as different, bins in boilerplate not at all).
fn similarity(rules: &EventRules, a: &[u32], b: &[u32]) -> f64 {
    // branch-free, so that the loop is vectorised
    let (mut n, mut same) = (0usize, 0usize);
    for (&x, &y) in a.iter().zip(b) {
        let skip = x == MASKED || y == MASKED || (x == EMPTY && y == EMPTY);
        n += usize::from(!skip);
        same += usize::from(!skip & (x == y));
    }
    if n < rules.decide.min_bins {
        0.0
    } else {
        same as f64 / n as f64
    }
}

/// Sorts `keys` and writes to `pairs` each pair of releases that share a key whose bucket
/// holds from two to `cap` releases; `(a, b)` packed as `a << 32 | b` (sorts as the pairs
/// do). Each call's keys are one band's (small: sorted on one thread) or the facts' keys.
fn bucket_pairs(keys: &mut Vec<(u64, u32)>, cap: usize, parallel: bool, pairs: &mut Vec<u64>) {
    if parallel {
        keys.par_sort_unstable();
    } else {
        keys.sort_unstable();
    }
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
                    pairs.push(u64::from(keys[x].1) << 32 | u64::from(keys[y].1));
                }
            }
        }
        i = j;
    }
}

/// Pairs of releases that share a bucket no larger than the cap.
fn candidates(rules: &EventRules, sigs: &Signatures, facts: &[Facts]) -> Vec<(u32, u32)> {
    let cap = rules.frequency.max_bucket;
    let n = sigs.starts.len().saturating_sub(1);
    let rows = rules.sketch.rows;
    let bands = rules.sketch.bins / rows;
    let band_seed = hash_str("band");
    // the bands' buckets, one band per task
    let band_pairs = |band: usize| -> Vec<u64> {
        let mut keys: Vec<(u64, u32)> = Vec::with_capacity(n);
        for i in 0..n {
            let Some(part) = sigs.of(i).get(band * rows..(band + 1) * rows) else {
                continue;
            };
            if part.iter().any(|&v| v == EMPTY || v == MASKED) {
                continue;
            }
            let mut h = band_seed ^ band as u64;
            for &v in part {
                h = crate::sketch::mix(h.rotate_left(11) ^ u64::from(v));
            }
            keys.push((h, i as u32));
        }
        let mut pairs = Vec::new();
        bucket_pairs(&mut keys, cap, false, &mut pairs);
        pairs
    };
    let (per_band, mut pairs): (Vec<Vec<u64>>, Vec<u64>) = rayon::join(
        || (0..bands).into_par_iter().map(band_pairs).collect(),
        || {
            let mut keys: Vec<(u64, u32)> = Vec::new();
            for (i, f) in facts.iter().enumerate() {
                let i = i as u32;
                let lists: [(u64, &[u64]); 4] = [
                    (1, f.officials()),
                    (2, f.sums()),
                    (3, f.gminas()),
                    (4, f.institutions()),
                ];
                for (tag, list) in lists {
                    for &k in list {
                        keys.push((crate::sketch::mix(k ^ tag), i));
                    }
                }
                if let Some((Some(y), m, d)) = f.day {
                    let day = hash_str(&format!("{y:04}-{m:02}-{d:02}"));
                    keys.push((day, i));
                    for &k in f.officials().iter().chain(f.gminas()) {
                        keys.push((crate::sketch::mix(day ^ k.rotate_left(17)), i));
                    }
                }
            }
            let mut pairs = Vec::new();
            bucket_pairs(&mut keys, cap, true, &mut pairs);
            pairs
        },
    );
    for p in per_band {
        pairs.extend(p);
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|p| ((p >> 32) as u32, p as u32))
        .collect()
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
    score += c.official * shared(a.officials(), b.officials()).min(c.official_cap) as f64;
    score += c.sum * shared(a.sums(), b.sums()).min(c.sum_cap) as f64;
    score += c.gmina * shared(a.gminas(), b.gminas()).min(c.gmina_cap) as f64;
    score +=
        c.institution * shared(a.institutions(), b.institutions()).min(c.institution_cap) as f64;
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
    // Facts and pair decisions are computed in parallel, in the same order as one by one.
    let facts: Vec<Facts> = polish.par_iter().map(|d| facts(rules, d)).collect();
    let sigs = clean_signatures(rules, &polish);
    let pairs = candidates(rules, &sigs, &facts);
    let mut links: Vec<(f64, bool, u32, u32)> = pairs
        .into_par_iter()
        .filter_map(|(a, b)| {
            let (ua, ub) = (a as usize, b as usize);
            decide(rules, sigs.of(ua), sigs.of(ub), &facts[ua], &facts[ub])
                .map(|(s, force)| (s, force, a, b))
        })
        .collect();
    links.par_sort_by(|x, y| y.0.total_cmp(&x.0).then((x.2, x.3).cmp(&(y.2, y.3))));
    let mut groups = Groups {
        parent: (0..polish.len() as u32).collect(),
        day: facts.iter().map(|f| f.day).collect(),
    };
    for (_, force, a, b) in links {
        groups.join(a, b, force);
    }
    // groups in the order of their first member
    let mut slot: Vec<u32> = vec![u32::MAX; polish.len()];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in 0..polish.len() as u32 {
        let r = groups.find(i) as usize;
        if slot[r] == u32::MAX {
            slot[r] = out.len() as u32;
            out.push(Vec::new());
        }
        out[slot[r] as usize].push(index[i as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_hashes_are_hashes_of_the_keys() {
        for name in [
            "Andrzeja Bętkowskiego",
            "  ŁUKASZ  Żółć-Gęślą ",
            "Urząd Gminy \"Oksa\" (Nowy)",
            "Jan",
            "",
            "İzabela ẞtraße Ωmega 12",
        ] {
            let person = person_key(name);
            let folded = crate::rules::fold(name);
            let words = || {
                folded
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
            };
            let cut: Vec<String> = words().map(|w| w.chars().take(4).collect()).collect();
            assert_eq!(person, cut.join(" "));
            assert_eq!(name_key(name), words().collect::<Vec<_>>().join(" "));
            let (h, words) = key_hash(name, 4);
            assert_eq!(h, hash_str(&person), "{name}");
            assert_eq!(words, person.split(' ').filter(|w| !w.is_empty()).count());
            assert_eq!(key_hash(name, usize::MAX).0, hash_str(&name_key(name)));
        }
        assert_eq!(person_key("Andrzeja Bętkowskiego"), "andr betk");
    }

    #[test]
    fn similarity_skips_masked_and_twice_empty_bins() {
        let rules = EventRules::load(&crate::rules::RuleFiles::embedded()).expect("rules");
        let n = rules.decide.min_bins.max(1);
        let mut a = vec![5u32; n + 3];
        let mut b = a.clone();
        a[0] = MASKED;
        b[1] = MASKED;
        (a[2], b[2]) = (EMPTY, EMPTY);
        b[3] = 6;
        let want = (n - 1) as f64 / n as f64;
        assert_eq!(similarity(&rules, &a, &b), want);
        assert_eq!(similarity(&rules, &a[..2], &b[..2]), 0.0);
    }
}
