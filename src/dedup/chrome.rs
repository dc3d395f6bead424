//! Site chrome, learnt from the batch: the paragraphs a site repeats at the top and the
//! bottom of its pages (header, menu, footer, cookie text, address). Releases of one
//! folder are compared with each other: a paragraph that two or more of them hold and
//! that stands in a release's leading or trailing run of such paragraphs is chrome there,
//! unless no long paragraph of the release would be left (then it is a copy of another
//! with a line of its own, such as a crawl's counter or download date, not chrome). Near-linear: one sort of (folder, paragraph) keys.

use crate::record::DocumentRecord;
use crate::sketch::{hash_str, mix};
use rayon::prelude::*;

/// The folder of a release's source (its site, for a crawl that keeps one folder a site).
fn folder(source: &str) -> u64 {
    let cut = source.rfind(['/', '\\']).unwrap_or(0);
    hash_str(&source[..cut])
}

/// The key of a paragraph in a folder.
fn key(folder: u64, paragraph: u64) -> u64 {
    mix(folder ^ (paragraph | 1).rotate_left(29))
}

/// For each release (`docs`), for each of its paragraphs, whether it is chrome.
pub fn learn(docs: &[&DocumentRecord]) -> Vec<Vec<bool>> {
    let folders: Vec<u64> = docs.par_iter().map(|d| folder(&d.source)).collect();
    // (folder, paragraph) once per release, sorted: a run is its folder's count
    let mut keys: Vec<u64> = docs
        .par_iter()
        .zip(&folders)
        .flat_map_iter(|(d, &f)| {
            let mut ps: Vec<u64> = d.sketch.as_ref().map_or_else(Vec::new, |s| {
                s.paragraphs.iter().map(|&p| key(f, p)).collect()
            });
            ps.sort_unstable();
            ps.dedup();
            ps
        })
        .collect();
    keys.par_sort_unstable();
    let mut shared: Vec<u64> = Vec::new();
    for run in keys.chunk_by(|a, b| a == b) {
        if run.len() >= 2 {
            shared.push(run[0]);
        }
    }
    drop(keys);
    docs.par_iter()
        .zip(&folders)
        .map(|(d, &f)| {
            let Some(s) = &d.sketch else {
                return Vec::new();
            };
            // empty paragraphs (hash 0) belong to the run they stand in
            let repeated = |p: u64| p == 0 || shared.binary_search(&key(f, p)).is_ok();
            let n = s.paragraphs.len();
            let lead = s.paragraphs.iter().take_while(|&&p| repeated(p)).count();
            if lead == n {
                return vec![false; n];
            }
            let trail = s
                .paragraphs
                .iter()
                .rev()
                .take_while(|&&p| repeated(p))
                .count();
            let mut chrome = vec![false; n];
            // a release with no long paragraph between its runs (only a counter or a
            // download date of its own) is a copy of another, not a page in its chrome
            let body = s
                .paragraphs
                .get(lead..n.saturating_sub(trail))
                .unwrap_or(&[]);
            if !body.iter().any(|&p| p & 1 == 1) {
                return chrome;
            }
            for c in chrome.iter_mut().take(lead) {
                *c = true;
            }
            for c in chrome.iter_mut().rev().take(trail) {
                *c = true;
            }
            chrome
        })
        .collect()
}
