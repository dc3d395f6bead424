//! The text sketches of all releases in one array, with the bins whose minimum lies in
//! boilerplate masked: a site's chrome ([`super::chrome`]) and paragraphs found in many
//! releases (each class of copies counted once).

use crate::record::DocumentRecord;
use crate::sketch::{EventRules, EMPTY, MASKED};
use rayon::prelude::*;

pub(super) struct Signatures {
    bins: Vec<u32>,
    /// Where each release's bins start in `bins` (one more entry than releases).
    starts: Vec<usize>,
}

impl Signatures {
    pub(super) fn of(&self, i: usize) -> &[u32] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.bins.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(super) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

/// The sketches with the bins of chrome masked, and with those of paragraphs that more
/// than `max_paragraph_df` of the `counted` releases hold, when `frequent` is set.
pub(super) fn signatures(
    rules: &EventRules,
    docs: &[&DocumentRecord],
    chrome: &[Vec<bool>],
    counted: &[bool],
    frequent: bool,
) -> Signatures {
    let mut common: Vec<u64> = Vec::new();
    if frequent {
        // each counted release's long paragraphs once, then all of them sorted: a
        // paragraph's run is its document frequency
        let mut all: Vec<u64> = docs
            .par_iter()
            .zip(counted)
            .filter(|(_, &c)| c)
            .flat_map_iter(|(d, _)| {
                let mut seen: Vec<u64> = d.sketch.as_ref().map_or_else(Vec::new, |s| {
                    s.paragraphs
                        .iter()
                        .copied()
                        .filter(|&p| p & 1 == 1)
                        .collect()
                });
                seen.sort_unstable();
                seen.dedup();
                seen
            })
            .collect();
        all.par_sort_unstable();
        let max = rules.frequency.max_paragraph_df as usize;
        for run in all.chunk_by(|a, b| a == b) {
            if run.len() > max {
                common.push(run[0]);
            }
        }
    }
    let is_common = |ph: u64| ph & 1 == 1 && common.binary_search(&ph).is_ok();
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
    parts
        .into_par_iter()
        .zip(docs)
        .zip(chrome)
        .for_each(|((part, d), chrome)| {
            let Some(s) = &d.sketch else {
                return;
            };
            let masked: Vec<bool> = s
                .paragraphs
                .iter()
                .enumerate()
                .map(|(i, &ph)| chrome.get(i).copied().unwrap_or(false) || is_common(ph))
                .collect();
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
pub(super) fn similarity(rules: &EventRules, a: &[u32], b: &[u32]) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;

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
