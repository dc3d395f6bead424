//! `SumAfter` with a leaner twin for its groups. The groups of a match are read by the
//! regex's capture engine (a backtracker over the match), which tries every path of the
//! pattern, those of its optional range opener `RangeLow` ("od 50 do", "1,5-") included:
//! half its work on a sum that is no range. Where `RangeLow` matches nowhere in the match
//! found, `SumAfter` without it reads the same groups (the range's are unset either way);
//! `RangeLow` and the twin are both made from the patterns as loaded.

use crate::error::RuleError;
use regex::{Captures, Regex};

/// A regex whose matches `each_match` walks.
pub trait CapturesAt {
    /// The groups of the first match in `hay` at or after `at`, as `Regex::captures_at`.
    fn captures_at<'h>(&self, hay: &'h str, at: usize) -> Option<Captures<'h>>;
}

impl CapturesAt for Regex {
    fn captures_at<'h>(&self, hay: &'h str, at: usize) -> Option<Captures<'h>> {
        Regex::captures_at(self, hay, at)
    }
}

/// `SumAfter`, and when the patterns allow, `RangeLow` and the twin without it.
#[derive(Debug)]
pub struct SumAfter {
    full: Regex,
    lean: Option<Lean>,
}

#[derive(Debug)]
struct Lean {
    /// `RangeLow`, case-insensitive (a match of it under any flags is one of this).
    range: Regex,
    /// `SumAfter` with its optional `RangeLow` taken out.
    twin: Regex,
}

impl SumAfter {
    /// `sum_after`, `range_low`: the expanded patterns `SumAfter` and `RangeLow`. The twin
    /// is made when `SumAfter` holds the optional `RangeLow` (as the patterns expand
    /// `(?:{RangeLow})?`) once, with no flag but `i` set before it (flags in a group of
    /// their own, `(?-u:\b)`, end with it): there `RangeLow` matches only what the
    /// case-insensitive regex of its own matches. Else the full regex reads every match.
    pub fn new(
        sum_after: &str,
        range_low: &str,
        compile: impl Fn(&str) -> Result<Regex, RuleError>,
    ) -> Result<SumAfter, RuleError> {
        let full = compile(sum_after)?;
        let optional = format!("(?:(?:{range_low}))?");
        let lean = if sum_after.matches(&optional).count() == 1
            && sum_after
                .find(&optional)
                .is_some_and(|at| !sets_flags_but_i(&sum_after[..at]))
        {
            Some(Lean {
                range: compile(&format!("(?i)(?:{range_low})"))?,
                twin: compile(&sum_after.replacen(&optional, "", 1))?,
            })
        } else {
            None
        };
        Ok(SumAfter { full, lean })
    }

    /// Whether the twin is there (a test holds it for the rules shipped).
    #[cfg(test)]
    pub fn has_twin(&self) -> bool {
        self.lean.is_some()
    }

    /// The simple version `captures_at` must equal: the full regex's groups.
    #[cfg(test)]
    pub fn full(&self) -> &Regex {
        &self.full
    }

    /// Whether the twin reads the match at `hay[start..end]`: `RangeLow` matches nowhere
    /// in it. A `RangeLow` the match takes ends before its amount and currency, so its
    /// assertions look at no byte past the match: cutting the haystack there hides none.
    fn twin_reads(&self, hay: &str, start: usize, end: usize) -> Option<&Regex> {
        let lean = self.lean.as_ref()?;
        (!lean.range.is_match_at(&hay[..end], start)).then_some(&lean.twin)
    }
}

/// Whether `head` sets a flag but `i` for the rest of its group ("(?x)", "(?-i)", "(?is)").
fn sets_flags_but_i(head: &str) -> bool {
    head.match_indices("(?").any(|(i, _)| {
        let rest = &head[i + 2..];
        let flags = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-');
        let set = &rest[..rest.len() - flags.len()];
        flags.starts_with(')') && set != "i"
    })
}

impl CapturesAt for SumAfter {
    fn captures_at<'h>(&self, hay: &'h str, at: usize) -> Option<Captures<'h>> {
        if self.lean.is_none() {
            return self.full.captures_at(hay, at);
        }
        let m = self.full.find_at(hay, at)?;
        // The match is the highest-priority path from its start; with no `RangeLow` in it
        // the twin has the same paths there, in the same order, ending at its end.
        self.twin_reads(hay, m.start(), m.end())
            .and_then(|twin| twin.captures_at(&hay[..m.end()], m.start()))
            .filter(|c| c.get(0).is_some_and(|g| g.range() == m.range()))
            .or_else(|| self.full.captures_at(hay, m.start()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_before_the_range_are_found() {
        assert!(!sets_flags_but_i(
            "(?i)(?:(?P<hedge>(?-u:\\b)(?:ok\\.))[ \\n]?)?"
        ));
        assert!(!sets_flags_but_i("(?i)\\(?x"));
        for head in ["(?x)", "(?i)(?-i)", "(?is)", "(?i)(?:(?U)a)"] {
            assert!(sets_flags_but_i(head), "{head}");
        }
        let compile = |p: &str| Ok(Regex::new(p).unwrap());
        let low = "(?P<lo>[0-9]+)-";
        let with = |head: &str| format!("{head}(?:(?:{low}))?(?P<num>[0-9]+) zł");
        assert!(SumAfter::new(&with("(?i)"), low, compile)
            .unwrap()
            .has_twin());
        assert!(!SumAfter::new(&with("(?i)(?x)"), low, compile)
            .unwrap()
            .has_twin());
    }
}
