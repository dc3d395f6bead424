//! Date extractor (rules in `rules/date/`): days, months, years, quarters and intervals
//! as ISO 8601 values.
//!
//! The patterns of `patterns.toml` find where date expressions stand; every match is a
//! candidate, and candidates are taken longest first, each only when its words read as a
//! valid date (`read`) and it overlaps no candidate taken before. Year-less dates come out
//! as `--MM-DD` and get their year in `resolve`.

mod lexicon;
mod read;
mod scan;

use super::{Context, Found};
use crate::civil::Ymd;
use crate::error::RuleError;
use crate::record::Date;
use crate::rules::{fold, RuleFiles};
use lexicon::Lexicon;
use scan::{Caches, Scan};
use std::collections::BTreeMap;
use std::ops::Range;

const PATTERNS: &str = "date/patterns.toml";

/// The date rules, loaded once.
#[derive(Debug)]
pub struct DateRules {
    lex: Lexicon,
    /// What every match of every rule holds (lines without it are not searched), and the
    /// rules, searched in the lines it lets through.
    scan: Scan,
}

#[derive(serde::Deserialize)]
struct RuleList {
    rules: Vec<String>,
    lines: String,
}

impl DateRules {
    pub fn load(files: &RuleFiles) -> Result<DateRules, RuleError> {
        let lex = Lexicon::load(files)?;
        let extra: Vec<(&str, String)> = lex.pieces.iter().map(|(n, p)| (*n, p.clone())).collect();
        let patterns = files.patterns(PATTERNS, &extra)?;
        let list: RuleList = files.toml(PATTERNS)?;
        let lines = lexicon::any_case(patterns.get(&list.lines)?);
        let rules = list
            .rules
            .iter()
            .map(|name| patterns.get(name))
            .collect::<Result<Vec<_>, _>>()?;
        let scan = Scan::new(&lines, &rules).map_err(|e| {
            // a pattern that does not parse: the regex builder names it and its line
            let named = e.pattern.and_then(|i| {
                let (name, pat) = match i.checked_sub(1) {
                    None => (&list.lines, lines.as_str()),
                    Some(r) => (&list.rules[r], rules[r]),
                };
                patterns.compile(name, pat, 1 << 20).err()
            });
            named.unwrap_or_else(|| {
                RuleError::new(
                    files.path(PATTERNS),
                    None,
                    format!("the date rules do not compile: {}", e.message),
                )
            })
        })?;
        Ok(DateRules { lex, scan })
    }

    pub fn extract(&self, ctx: &Context) -> Vec<Found<Date>> {
        let text = ctx.text;
        let mut cands: Vec<Range<usize>> = Vec::new();
        // no match crosses a line: the rules search only the lines `lines` lets through,
        // each run of such lines at once. `lines` sees the text with its ASCII in lower
        // case, the rules see the lines it lets through in lower case; offsets are the same.
        let ascii = text.to_ascii_lowercase();
        let mut caches = self.scan.caches();
        for run in self.dated_runs(&mut caches, &ascii) {
            let lower = lexicon::lower_same_len(&text[run.clone()]);
            self.find_in_lines(&mut caches, text, &lower, run.start, &mut cands);
        }
        drop(caches);
        cands.sort_by_key(|r| (std::cmp::Reverse(r.len()), r.start));
        cands.dedup();
        // taken ranges are disjoint: start -> end
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        let mut out = Vec::new();
        for c in cands {
            if taken
                .range(..c.end)
                .next_back()
                .is_some_and(|(_, &end)| end > c.start)
            {
                continue;
            }
            let span = &text[c.clone()];
            let Some(reading) = read::read(&self.lex, span) else {
                continue;
            };
            let start = c.start + self.lead_len(span);
            let weekday_mismatch = None;
            let weekday = reading
                .weekday
                .and_then(|(w, s, e)| span.get(s..e).map(|t| (w, t.to_string())));
            out.push(Found::new(
                start..c.end,
                Date {
                    value: reading.value,
                    kind: Some(reading.kind.to_string()),
                    year_inferred: false,
                    year_from: None,
                    weekday_mismatch,
                    year_shift: reading.shift,
                    weekday,
                },
            ));
            taken.insert(c.start, c.end);
        }
        out.sort_by_key(|f| f.range.start);
        out
    }

    /// The matches of every rule in the lines `lower` (in lower case) that start at `base`
    /// in `text`, each bounded to whole words. Each rule's matches are those of a search
    /// from `base` that goes on after each match: only matches that begin where a word
    /// begins can be bounded, so only word starts are tried.
    fn find_in_lines(
        &self,
        caches: &mut Caches,
        text: &str,
        lower: &str,
        base: usize,
        cands: &mut Vec<Range<usize>>,
    ) {
        let lines = Lines { text, lower, base };
        // for each rule, where its search goes on
        let mut next = vec![base; self.scan.rule_count()];
        for at in word_starts(text, base..base + lower.len()) {
            if next.iter().all(|&n| at < n) {
                continue;
            }
            let which = self.scan.rules_at(caches, lower, at - base);
            if which == 0 {
                continue;
            }
            for (rule, next) in next.iter_mut().enumerate() {
                if at < *next || which & 1 << rule.min(63) == 0 {
                    continue;
                }
                let Some(end) = self.scan.rule_at(caches, rule, lower, at - base) else {
                    continue;
                };
                if let Some(r) = self.bounded(caches, rule, &lines, at, base + end) {
                    *next = r.end;
                    cands.push(r);
                }
            }
        }
    }

    /// The match `start..end` of rule `rule`, shortened until it ends at a word's end and stands
    /// apart from the numbers and words around it; `None` when it cannot.
    fn bounded(
        &self,
        caches: &mut Caches,
        rule: usize,
        lines: &Lines,
        start: usize,
        end: usize,
    ) -> Option<Range<usize>> {
        let text = lines.text;
        let before = text[..start].chars().next_back();
        if before.is_some_and(char::is_alphanumeric) {
            return None;
        }
        if matches!(before, Some('.' | '-' | '/' | ','))
            && text[..start - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
        // "31 czerwca 2019": a month that follows a number is that number's, or nothing
        if text[..start]
            .trim_end_matches(' ')
            .ends_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        if self.after_reject_word(&text[..start]) {
            return None;
        }
        let mut end = end;
        loop {
            let mut after = text[end..].chars();
            let ok = match after.next() {
                Some(c) if c.is_alphanumeric() => false,
                Some('.' | '-' | '/' | ',') => !after.next().is_some_and(|c| c.is_ascii_digit()),
                _ => true,
            };
            if ok {
                return Some(start..end);
            }
            let shorter = text[..end].char_indices().next_back()?.0;
            let lower = lines.lower.get(..shorter - lines.base)?;
            end = lines.base + self.scan.rule_at(caches, rule, lower, start - lines.base)?;
            if end == start {
                return None;
            }
        }
    }

    /// Whether the word before a match makes it a street or a patron ("ul. 3 Maja"), or
    /// is a month name whose date did not read ("31 czerwca 2019 r.": not "2019 r.").
    fn after_reject_word(&self, before: &str) -> bool {
        let b = before.trim_end().trim_end_matches('.');
        let w = b
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or_default();
        if w.is_empty() {
            return false;
        }
        let w = fold(w);
        self.lex.reject_before.contains(&w)
            || before.ends_with(' ') && self.lex.month_names.contains(&w)
    }

    /// The length of the words that open `span` but are not part of the date ("w dniu ").
    fn lead_len(&self, span: &str) -> usize {
        let mut at = 0;
        loop {
            let rest = &span[at..];
            let w_end = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            let gap = match &rest[w_end..] {
                r if r.starts_with(". ") => 2,
                r if r.starts_with(' ') => 1,
                _ => return at,
            };
            if w_end == 0 || !self.lex.trim.contains(&fold(&rest[..w_end])) {
                return at;
            }
            at += w_end + gap;
        }
    }
}

impl DateRules {
    /// The release's own publication date, when it states one: a full date after a
    /// publication word on its line ("Opublikowano 12 lutego 2013 r.", "Dodano: 25.10.2023"),
    /// else a full date standing alone on a line near the top ("24 października 2023").
    pub fn publication(&self, ctx: &Context, dates: &[Found<Date>]) -> Option<Ymd> {
        let text = ctx.text;
        let full = |f: &&Found<Date>| f.item.value.len() == 10 && !f.item.value.starts_with('-');
        let line_of = |r: &Range<usize>| {
            // Lines are looked at within 200 bytes of the date, so that a document on a
            // single line stays linear.
            let lo = floor_boundary(text, r.start.saturating_sub(200));
            let hi = floor_boundary(text, r.end.saturating_add(200).min(text.len())).max(r.end);
            let ls = text[lo..r.start].rfind('\n').map_or(lo, |i| lo + i + 1);
            let le = text[r.end..hi].find('\n').map_or(hi, |i| r.end + i);
            (&text[ls..r.start], &text[r.end..le])
        };
        let marks = |c: char| !c.is_alphanumeric();
        for f in dates.iter().filter(full) {
            let (before, _) = line_of(&f.range);
            // Only the words just before the date can be a publication label; folding the
            // whole line would make a single-line document quadratic.
            let near = before
                .char_indices()
                .rev()
                .nth(60)
                .map_or(before, |(i, _)| &before[i..]);
            let b = fold(near.trim_end_matches(marks));
            if self.lex.publication.iter().any(|k| {
                b.strip_suffix(k.as_str())
                    .is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
            }) {
                return Ymd::parse(&f.item.value);
            }
        }
        let limit = content_start(ctx) + self.lex.standalone_within;
        for f in dates.iter().filter(full) {
            if f.range.start > limit {
                break;
            }
            let (before, after) = line_of(&f.range);
            let after = after.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
            if before.trim_matches(marks).is_empty()
                && (after.trim_matches(marks).is_empty()
                    || after.starts_with(|c: char| c.is_ascii_digit() || c == '|'))
            {
                return Ymd::parse(&f.item.value);
            }
        }
        None
    }
}

/// The positions in `range` of `text` where a word begins: after a character that is not
/// a letter or a digit, or at the start of the text.
fn word_starts(text: &str, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let mut prev_alnum = text[..range.start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    text[range.clone()]
        .char_indices()
        .filter_map(move |(i, c)| {
            let starts = !prev_alnum;
            prev_alnum = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric()
            };
            starts.then_some(range.start + i)
        })
}

/// Lines of a text in lower case: `lower` is the part of `text` from `base`.
struct Lines<'a> {
    text: &'a str,
    lower: &'a str,
    base: usize,
}

impl DateRules {
    /// The runs of consecutive lines of `text` (its ASCII in lower case) where the line
    /// filter matches, each with the line break that ends it. One search through the
    /// text: after a match, the search goes on from the next line.
    fn dated_runs(&self, caches: &mut Caches, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        let bytes = text.as_bytes();
        let mut at = 0;
        // The match that ends first is on the line of the leftmost one (no match crosses a
        // line), and its end is found without looking back for its start.
        while let Some(end) = self.scan.gate_at(caches, text, at) {
            let last = if end > at { end - 1 } else { at };
            // the line of the match: from after the line break before `last` to after the
            // one at or after it
            let start = memchr::memrchr(b'\n', &bytes[..last]).map_or(0, |i| i + 1);
            let next = memchr::memchr(b'\n', &bytes[last..]).map_or(text.len(), |i| last + i + 1);
            match out.last_mut() {
                Some(run) if run.end == start => run.end = next,
                _ => out.push(start..next),
            }
            if next >= text.len() {
                break;
            }
            at = next;
        }
        out
    }
}

/// Where the text after the leading boilerplate (navigation, cookie banners) begins.
fn content_start(ctx: &Context) -> usize {
    let text = ctx.text;
    let mut pos = 0;
    for r in &ctx.norm.boilerplate {
        pos += text[pos..].len() - text[pos..].trim_start().len();
        if r.start > pos {
            break;
        }
        pos = pos.max(r.end);
    }
    pos
}

/// The last char boundary at or before `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_file_errors_name_the_line() {
        let files = RuleFiles::embedded();
        let bad = files
            .text("date/months.tsv")
            .unwrap()
            .replace("4\tkwietnia\tgen", "13\tkwietnia\tgen");
        let e = DateRules::load(&files.clone().with_file("date/months.tsv", &bad))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("rules/date/months.tsv:") && e.contains("\"13\" is not 1-12"),
            "{e}"
        );
        let bad = files
            .text("date/patterns.toml")
            .unwrap()
            .replace("Point = '", "Point = '{Nope}");
        let e = DateRules::load(&files.with_file("date/patterns.toml", &bad))
            .unwrap_err()
            .to_string();
        assert!(e.contains("patterns.toml:") && e.contains("{Nope}"), "{e}");
    }
}
