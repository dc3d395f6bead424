//! Which lines hold which anchors (`patterns.toml`), found in one pass over the text.
//!
//! An anchor written as an alternation of word-list pieces (`{MonthFull}`) and digit runs
//! (`[0-9]`, `[0-9]{4}`) is looked for with one word automaton and one byte scan shared by
//! all anchors; any other anchor falls back to its regex.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;

/// The anchors of the rules, each a bit of a line's mask.
#[derive(Debug)]
pub struct Anchors {
    /// All the words of the anchors' pieces, with the anchors each word stands for.
    words: Option<AhoCorasick>,
    word_masks: Vec<u64>,
    /// The anchors met by a run of this many ASCII digits.
    runs: Vec<(usize, u64)>,
    /// Anchors that are not alternations of words and digit runs.
    regexes: Vec<(Regex, u64)>,
}

/// What one anchor is made of.
pub enum Part<'a> {
    Words(&'a [String]),
    Digits(usize),
}

/// The parts of the anchor `raw` (its definition before expansion), `None` when it is not
/// an alternation of pieces named in `lists` and digit runs.
pub fn parts<'a>(raw: &str, lists: &'a [(&'static str, Vec<String>)]) -> Option<Vec<Part<'a>>> {
    raw.split('|')
        .map(|alt| {
            if let Some(name) = alt.strip_prefix('{').and_then(|a| a.strip_suffix('}')) {
                let (_, words) = lists.iter().find(|(n, _)| *n == name)?;
                return Some(Part::Words(words));
            }
            let rest = alt.strip_prefix("[0-9]")?;
            if rest.is_empty() {
                return Some(Part::Digits(1));
            }
            let n: usize = rest.strip_prefix('{')?.strip_suffix('}')?.parse().ok()?;
            (n > 0).then_some(Part::Digits(n))
        })
        .collect()
}

impl Anchors {
    /// `anchors[i]` is anchor `i`: its parts, else its regex.
    pub fn new(anchors: Vec<Result<Vec<Part>, Regex>>) -> Result<Anchors, String> {
        let mut words: Vec<&str> = Vec::new();
        let mut word_masks: Vec<u64> = Vec::new();
        let mut runs: Vec<(usize, u64)> = Vec::new();
        let mut regexes = Vec::new();
        if anchors.len() > 64 {
            return Err("more than 64 anchors".into());
        }
        for (i, a) in anchors.into_iter().enumerate() {
            let bit = 1u64 << i;
            match a {
                Err(re) => regexes.push((re, bit)),
                Ok(parts) => {
                    for p in parts {
                        match p {
                            Part::Digits(n) => match runs.iter_mut().find(|(m, _)| *m == n) {
                                Some((_, mask)) => *mask |= bit,
                                None => runs.push((n, bit)),
                            },
                            Part::Words(list) => {
                                for w in list.iter().filter(|w| !w.is_empty()) {
                                    match words.iter().position(|x| x == w) {
                                        Some(at) => word_masks[at] |= bit,
                                        None => {
                                            words.push(w);
                                            word_masks.push(bit);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        runs.sort_unstable();
        let words = if words.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&words)
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(Anchors {
            words,
            word_masks,
            runs,
            regexes,
        })
    }

    /// For each line of `lower` (starting at `lines`), the mask of the anchors it holds.
    pub fn lines(&self, lower: &str, lines: &[usize]) -> Vec<u64> {
        let all_words = self.word_masks.iter().fold(0, |a, m| a | m);
        let all_runs = self.runs.iter().fold(0, |a, (_, m)| a | m);
        let mut out = Vec::with_capacity(lines.len());
        for (n, &start) in lines.iter().enumerate() {
            let end = lines.get(n + 1).copied().unwrap_or(lower.len());
            let line = &lower.as_bytes()[start..end];
            let mut mask = 0;
            if let Some(ac) = &self.words {
                for m in ac.find_overlapping_iter(line) {
                    mask |= self.word_masks[m.pattern().as_usize()];
                    if mask & all_words == all_words {
                        break;
                    }
                }
            }
            if all_runs != 0 {
                mask |= self.digit_runs(line, all_runs);
            }
            out.push(mask);
        }
        for (re, bit) in &self.regexes {
            for (n, hit) in lines_with(re, lower, lines).into_iter().enumerate() {
                if hit {
                    out[n] |= bit;
                }
            }
        }
        out
    }

    /// The anchors met by the runs of ASCII digits in `line`.
    fn digit_runs(&self, line: &[u8], all: u64) -> u64 {
        let mut mask = 0;
        let mut run = 0;
        for &b in line {
            if b.is_ascii_digit() {
                run += 1;
                for &(n, m) in &self.runs {
                    if n == run {
                        mask |= m;
                    }
                }
                if mask == all {
                    break;
                }
            } else {
                run = 0;
            }
        }
        mask
    }
}

/// For each line (starting at `lines`) whether `re` matches in it. One search through the
/// text: after a match, the search goes on from the next line.
fn lines_with(re: &Regex, text: &str, lines: &[usize]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let mut at = 0;
    while let Some(m) = re.find_at(text, at) {
        // the line of the match: the last line start at or before it
        let n = lines.partition_point(|&s| s <= m.start()).saturating_sub(1);
        out[n] = true;
        match lines.get(n + 1) {
            Some(&next) => at = next,
            None => break,
        }
    }
    out
}
