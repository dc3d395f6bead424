//! Date extractor (rules in `rules/date/`): days, months, years, quarters and intervals
//! as ISO 8601 values.
//!
//! The patterns of `patterns.toml` find where date expressions stand; every match is a
//! candidate, and candidates are taken longest first, each only when its words read as a
//! valid date (`read`) and it overlaps no candidate taken before. Year-less dates come out
//! as `--MM-DD` and get their year in `resolve`.

mod around;
mod lexicon;
mod names;
mod publication;
mod read;
mod scan;
#[cfg(test)]
mod tests;
mod weekday;

use super::facts::Columns;
use super::{Context, Extractor, Fact, Found, Landing};
use crate::civil::Ymd;
use crate::error::RuleError;
use crate::record::Date;
use crate::resolve;
use crate::rules::RuleFiles;
use lexicon::Lexicon;
use read::Kind;
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
    /// How each rule's matches are read, in the order of the rules.
    kinds: Vec<Kind>,
    /// Weekdays with no date beside them, for the event stage.
    weekdays: weekday::Weekdays,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleList {
    rule: Vec<toml::Spanned<RuleEntry>>,
    lines: String,
    /// Read by `files.patterns`.
    #[serde(rename = "patterns")]
    _patterns: serde::de::IgnoredAny,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    pattern: String,
    kind: String,
}

impl Extractor for DateRules {
    type Finds = Vec<Found<Date>>;

    /// Reads and compiles the date rules (`rules/date/`); an error names the file and line.
    fn load(files: &RuleFiles) -> Result<DateRules, RuleError> {
        let lex = Lexicon::load(files)?;
        let extra: Vec<(&str, String)> = lex.pieces.iter().map(|(n, p)| (*n, p.clone())).collect();
        let patterns = files.patterns(PATTERNS, &extra)?;
        let list: RuleList = files.toml(PATTERNS)?;
        let lines = lexicon::any_case(patterns.get(&list.lines)?);
        let text = files.text(PATTERNS)?;
        let mut kinds = Vec::new();
        let mut rules = Vec::new();
        let mut names = Vec::new();
        for r in &list.rule {
            let line = Some(crate::rules::line_of(text, r.span().start));
            let e = r.get_ref();
            let err = |m: String| RuleError::new(files.path(PATTERNS), line, m);
            let kind = Kind::parse(&e.kind).ok_or_else(|| {
                let known: Vec<&str> = Kind::NAMES.iter().map(|(n, _)| *n).collect();
                err(format!(
                    "rule {:?}: kind {:?} is not one the reader knows ({})",
                    e.pattern,
                    e.kind,
                    known.join(", ")
                ))
            })?;
            let pat = patterns
                .get(&e.pattern)
                .map_err(|_| err(format!("rule: no pattern named {:?}", e.pattern)))?;
            kinds.push(kind);
            rules.push(pat);
            names.push(e.pattern.clone());
        }
        if rules.len() > 64 {
            return Err(RuleError::new(
                files.path(PATTERNS),
                None,
                "more than 64 rules: the engine tells rules apart in a 64-bit set",
            ));
        }
        let scan = Scan::new(&lines, &rules).map_err(|e| {
            // a pattern that does not parse: the regex builder names it and its line
            let named = e.pattern.and_then(|i| {
                let (name, pat) = match i.checked_sub(1) {
                    None => (&list.lines, lines.as_str()),
                    Some(r) => (&names[r], rules[r]),
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
        let weekdays = weekday::Weekdays::new(&lex.weekday_acc).map_err(|e| {
            let m = format!("the weekdays' accusative forms: {e}");
            RuleError::new(files.path("date/weekdays.tsv"), None, m)
        })?;
        Ok(DateRules {
            lex,
            scan,
            kinds,
            weekdays,
        })
    }

    /// The dates the document states, with their ranges in the normalised text (the
    /// ranges do not overlap).
    fn extract(&self, ctx: &Context) -> Vec<Found<Date>> {
        let text = ctx.text;
        let cands = self.candidates(text, true);
        // taken ranges are disjoint: start -> end
        // a calendar word anywhere in the text, else no date is a calendar's
        let calendar = self
            .lex
            .calendar_any
            .as_ref()
            .is_some_and(|r| r.is_match(text));
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        let mut out = Vec::new();
        let free = |taken: &BTreeMap<usize, usize>, c: &Range<usize>| {
            taken
                .range(..c.end)
                .next_back()
                .is_none_or(|(_, &end)| end <= c.start)
        };
        for (c, rule) in cands {
            if !free(&taken, &c) {
                continue;
            }
            let span = &text[c.clone()];
            let kind = self.kinds[rule];
            let lead = self.lead_len(span);
            let readings: Vec<(Range<usize>, read::Reading)> = if kind == Kind::List {
                let Some(list) = read::read_list(&self.lex, span) else {
                    continue;
                };
                list.into_iter()
                    .map(|(r, x)| (c.start + r.start..c.start + r.end, x))
                    .collect()
            } else {
                let Some(reading) = read::read(&self.lex, span, kind) else {
                    continue;
                };
                vec![(c.start + lead..c.end, reading)]
            };
            // a day glued to the word before ("świetlicy12 października") only as a whole day
            let glued = text[..c.start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
            if glued && !readings.iter().all(|(_, r)| is_day(&r.value)) {
                continue;
            }
            if kind == Kind::Range && lead == 0 && self.in_name(text, &c, &readings[0].1) {
                continue;
            }
            if lead == 0 && self.in_patron(text, &c) {
                continue;
            }
            if readings
                .iter()
                .any(|(_, r)| self.lex.reject_values.contains(&r.value))
                || calendar && self.calendar(text, &c)
            {
                continue;
            }
            for (range, reading) in readings {
                let weekday = reading
                    .weekday
                    .and_then(|(w, s, e)| span.get(s..e).map(|t| (w, t.to_string())));
                out.push(Found::new(
                    range,
                    Date {
                        value: reading.value,
                        kind: Some(reading.kind.to_string()),
                        year_shift: reading.shift,
                        month_shift: reading.month_shift,
                        weekday,
                        school_year: kind == Kind::SchoolYear,
                        ..Date::default()
                    },
                ));
            }
            taken.insert(c.start, c.end);
        }
        out.sort_by_key(|f| f.range.start);
        out
    }

    /// The dates land in `dates`, the publication date (marked `published`) also in
    /// `published`; year-less dates get the document's year (`resolve`).
    fn land(&self, mut finds: Vec<Found<Date>>, into: &mut Landing) {
        let published = self.publication(into.ctx, &finds).map(|i| {
            finds[i].item.published = true;
            finds[i].item.value.clone()
        });
        let published = published.as_deref().and_then(Ymd::parse);
        into.rec.published = published.map(|p| p.to_string());
        // a day of the document's month ("28 bm.") from the publication date, else `--now`
        let reference =
            (published.map(|p| (p, "publication"))).or(into.ctx.now.map(|n| (n, "now")));
        finds.retain_mut(|f| resolve::resolve_month(&mut f.item, reference));
        for f in finds.iter_mut() {
            f.item.cited = self.cited(into.ctx.text, f.range.start);
            f.item.recurring =
                f.item.value.starts_with("--") && self.recurring(into.ctx.text, f.range.end);
            f.item.historical = f
                .item
                .value
                .get(..4)
                .and_then(|y| y.parse::<i32>().ok())
                .is_some_and(|y| y < self.lex.history_before);
        }
        let dates = into.locate(finds, false);
        let mut values: Vec<_> = dates.iter().map(|d| d.item.clone()).collect();
        let year = resolve::document_year(&values, published, into.ctx.now);
        // with no year of its own a release about a school year is dated by it
        match resolve::school_year(&values).filter(|_| year.is_none_or(|y| y.1 == "now")) {
            Some(first) => resolve::resolve_school_years(&mut values, first),
            None => resolve::resolve_years(&mut values, year),
        }
        into.rec.dates = dates;
        for (d, v) in into.rec.dates.iter_mut().zip(values) {
            d.item = v;
        }
    }
}

/// Dates: rows of kind `date` with their ISO value; the event stage reads them whole.
impl Fact for Date {
    const KIND: &'static str = "date";
    const EXAMPLES: &'static str = "date";
    const FOR_EVENTS: bool = true;
    super::facts::record_field!(dates);

    fn mention(&self) -> Columns {
        Columns {
            value: Some(self.value.clone()),
            ..Columns::default()
        }
    }
}

impl DateRules {
    /// Every rule's matches in `text`, bounded to whole words, with the rule's index, longest
    /// first. With `gated`, only the lines `lines` lets through are searched (the extractor);
    /// without, every line (the test that the filter loses no match).
    fn candidates(&self, text: &str, gated: bool) -> Vec<(Range<usize>, usize)> {
        let mut cands: Vec<(Range<usize>, usize)> = Vec::new();
        // no match crosses a line: the rules search only the lines `lines` lets through,
        // each run of such lines at once. `lines` sees the text with its ASCII in lower
        // case, the rules see the lines it lets through in lower case; offsets are the same.
        let mut caches = self.scan.caches();
        let runs = if gated {
            let ascii = text.to_ascii_lowercase();
            self.dated_runs(&mut caches, &ascii)
        } else {
            std::iter::once(0..text.len()).collect()
        };
        for run in runs {
            let lower = lexicon::lower_same_len(&text[run.clone()]);
            self.find_in_lines(&mut caches, text, &lower, run.start, &mut cands);
        }
        drop(caches);
        cands.sort_by_key(|(r, rule)| (std::cmp::Reverse(r.len()), r.start, *rule));
        cands.dedup();
        cands
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
        cands: &mut Vec<(Range<usize>, usize)>,
    ) {
        let lines = Lines { text, lower, base };
        // Every word start is tried for every rule, also inside an earlier match of the same
        // rule: when the longer match does not read, the shorter one inside it may.
        for at in word_starts(text, base..base + lower.len()) {
            let which = self.scan.rules_at(caches, lower, at - base);
            if which == 0 {
                continue;
            }
            for rule in 0..self.scan.rule_count() {
                if which & 1 << rule.min(63) == 0 {
                    continue;
                }
                let Some(end) = self.scan.rule_at(caches, rule, lower, at - base) else {
                    continue;
                };
                if let Some(r) = self.bounded(caches, rule, &lines, at, base + end) {
                    cands.push((r, rule));
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
        if before.is_some_and(char::is_alphanumeric) && !glued_day(text, start) {
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
}

/// The positions in `range` of `text` where a word begins: after a character that is not
/// a letter or a digit, or at the start of the text.
///
/// Not the text layer's word starts (`Context::word_starts`): a date may begin at a number
/// or a bracket, in a word after its hyphen ("1-5 maja", "maja-czerwca") and at a day
/// number glued to a word ("świetlicy12 października"), and the patterns are tried at each
/// such place. At letters and digits these are the starts of the shared tokens (words,
/// numbers and the parts of a hyphenated word) not glued to a letter or digit before them,
/// and glued day numbers (`match_starts_are_the_shared_tokens_not_glued_to_one`).
fn word_starts(text: &str, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let mut prev_alnum = text[..range.start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let mut prev_letter = text[..range.start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic);
    text[range.clone()]
        .char_indices()
        .filter_map(move |(i, c)| {
            let starts = !prev_alnum
                || c.is_ascii_digit() && prev_letter && glued_day(text, range.start + i);
            prev_alnum = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric()
            };
            prev_letter = prev_alnum && !c.is_ascii_digit();
            starts.then_some(range.start + i)
        })
}

/// Whether a day number at `at` is glued to a word of at least three lower-case letters
/// before it ("świetlicy12 października"): such a number may begin a date.
fn glued_day(text: &str, at: usize) -> bool {
    if !text[at..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut n = 0;
    for c in text[..at].chars().rev() {
        if c.is_lowercase() {
            n += 1;
        } else if c.is_alphanumeric() {
            return false;
        } else {
            break;
        }
        if n >= 3 {
            return true;
        }
    }
    false
}

/// Whether a value is one day: "2024-07-01" or "--07-01".
fn is_day(v: &str) -> bool {
    v.len() == 10 && !v.contains('/') && v.as_bytes()[7] == b'-'
}

/// Lines of a text in lower case: `lower` is the part of `text` from `base`.
struct Lines<'a> {
    text: &'a str,
    lower: &'a str,
    base: usize,
}

impl DateRules {
    /// The weekdays of `text` written with no date beside them (their ranges and weekdays,
    /// 0 = Monday), given the ranges of the dates found in it (sorted).
    pub fn bare_weekdays(&self, text: &str, dates: &[Range<usize>]) -> Vec<(Range<usize>, u32)> {
        self.weekdays.find(text, dates)
    }

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
