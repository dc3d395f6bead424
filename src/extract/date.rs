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
use crate::error::RuleError;
use crate::record::Date;
use crate::rules::{fold, RuleFiles};
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
}

#[derive(serde::Deserialize)]
struct RuleList {
    rule: Vec<toml::Spanned<RuleEntry>>,
    lines: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    pattern: String,
    kind: String,
}

impl DateRules {
    pub fn load(files: &RuleFiles) -> Result<DateRules, RuleError> {
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
        Ok(DateRules { lex, scan, kinds })
    }

    pub fn extract(&self, ctx: &Context) -> Vec<Found<Date>> {
        let text = ctx.text;
        let cands = self.candidates(text, true);
        // taken ranges are disjoint: start -> end
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
                        weekday,
                        ..Date::default()
                    },
                ));
            }
            taken.insert(c.start, c.end);
        }
        out.sort_by_key(|f| f.range.start);
        out
    }

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

    /// Whether the span of years `c` (read as `reading`, with no lead word) is part of a
    /// programme's name (`[names]` of words.toml): after an abbreviation in capitals, inside
    /// quotes, or at the end of a capitalised name in the nominative with a head word.
    fn in_name(&self, text: &str, c: &Range<usize>, reading: &read::Reading) -> bool {
        let v = reading.value.as_bytes();
        if !(v.len() == 9 && v[4] == b'/') {
            return false;
        }
        let line_start = text[..c.start].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..c.start];
        // inside quotes: an opening quote not closed before the span
        let mut open = false;
        for ch in before.chars() {
            match ch {
                '„' | '«' => open = true,
                '”' | '»' => open = false,
                '"' | '“' => open = !open,
                _ => {}
            }
        }
        if open {
            return true;
        }
        let words: Vec<&str> = before
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let Some(last) = words.last() else {
            return false;
        };
        if before.trim_end().ends_with(char::is_alphabetic)
            && last.chars().count() >= 2
            && last.chars().all(char::is_uppercase)
        {
            return true;
        }
        // the capitalised name before the span (small words such as "dla" inside it)
        for w in words.iter().rev() {
            let first = w.chars().next().unwrap_or(' ');
            if first.is_uppercase() {
                if self.lex.name_heads.contains(&fold(w)) {
                    return true;
                }
            } else if w.chars().count() > 3 {
                return false;
            }
        }
        false
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
    /// The release's own publication date, when it states one (its index in `dates`): a
    /// full date after a publication word on its line ("Opublikowano 12 lutego 2013 r.",
    /// "Dodano: 25.10.2023"), else a full date standing alone on a line near the top
    /// ("24 października 2023"), or after a place and a comma ("Dobra, 29.08.2023").
    pub fn publication(&self, ctx: &Context, dates: &[Found<Date>]) -> Option<usize> {
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
        for (i, f) in dates.iter().enumerate().filter(|(_, f)| full(f)) {
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
                return Some(i);
            }
        }
        let limit = content_start(ctx) + self.lex.standalone_within;
        for (i, f) in dates.iter().enumerate().filter(|(_, f)| full(f)) {
            if f.range.start > limit {
                break;
            }
            let (before, after) = line_of(&f.range);
            let after = after.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
            if (before.trim_matches(marks).is_empty() || place_and_comma(before))
                && (after.trim_matches(marks).is_empty()
                    || after.starts_with(|c: char| c.is_ascii_digit() || c == '|'))
            {
                return Some(i);
            }
        }
        None
    }
}

/// Whether the words before a date on its line are a place and a comma ("Dobra, ",
/// "Nowa Dęba, "): one to three capitalised words.
fn place_and_comma(before: &str) -> bool {
    let Some(place) = before.trim_end().strip_suffix(',') else {
        return false;
    };
    let words: Vec<&str> = place.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
}

/// The positions in `range` of `text` where a word begins: after a character that is not
/// a letter or a digit, or at the start of the text.
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

#[cfg(test)]
mod filter_tests {
    use super::*;
    use std::path::Path;

    /// Every text of every `examples.toml` and every bundled corpus file.
    fn texts() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in std::fs::read_dir(root.join("rules")).unwrap() {
            let path = dir.unwrap().path().join("examples.toml");
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let v: toml::Value = toml::from_str(&text).unwrap();
            for table in ["example", "negative"] {
                for ex in v
                    .get(table)
                    .and_then(|x| x.as_array())
                    .into_iter()
                    .flatten()
                {
                    for t in ex["texts"].as_array().unwrap() {
                        out.push(t.as_str().unwrap().to_string());
                    }
                }
            }
        }
        for e in walkdir::WalkDir::new(root.join("corpus")) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// The line filter `lines` of patterns.toml lets through every line where a rule has a
    /// match: on every example text and corpus file, the rules find the same matches
    /// whether the filter is used or not.
    #[test]
    fn the_line_filter_loses_no_match() {
        let rules = DateRules::load(&RuleFiles::embedded()).unwrap();
        let texts = texts();
        assert!(texts.len() > 300, "{} texts", texts.len());
        for t in &texts {
            let gated = rules.candidates(t, true);
            let all = rules.candidates(t, false);
            assert_eq!(gated, all, "the line filter loses matches in {t:?}");
        }
    }

    /// The rules' kinds and word lists fail the load with file and line when the engine
    /// cannot use them; phrases in the range words are read.
    #[test]
    fn unusable_entries_fail_the_load() {
        let files = RuleFiles::embedded();
        let words = files.text("date/words.toml").unwrap().to_string();
        let pats = files.text("date/patterns.toml").unwrap().to_string();
        let load_words = |w: &str| {
            DateRules::load(&files.clone().with_file("date/words.toml", w))
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        let e =
            load_words(&words.replace("trim = [\"w\",", "trim = [\"w dniu\", \"w\",")).unwrap_err();
        assert!(
            e.starts_with("rules/date/words.toml:") && e.contains("\"w dniu\" is a phrase"),
            "{e}"
        );
        let e = load_words(&words.replace("to = [\"do\", \"a\"]", "to = [\"do\", \"a-\"]"))
            .unwrap_err();
        assert!(e.contains("words.toml:") && e.contains("'-'"), "{e}");
        let e = load_words(&words.replace("to = [\"do\", \"a\"]", "to = []")).unwrap_err();
        assert!(e.contains("`from` and `to` go together"), "{e}");
        let e = DateRules::load(&files.clone().with_file(
            "date/patterns.toml",
            &pats.replace("kind = \"list\"", "kind = \"lists\""),
        ))
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("patterns.toml:") && e.contains("\"lists\""),
            "{e}"
        );
        let e = DateRules::load(&files.clone().with_file(
            "date/patterns.toml",
            &pats.replace("pattern = \"DayList\"", "pattern = \"DayLists\""),
        ))
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("patterns.toml:") && e.contains("DayLists"),
            "{e}"
        );
        // a phrase among the start words is read as one
        load_words(&words.replace("start = [\"od\",", "start = [\"od\", \"ze skutkiem od\","))
            .unwrap();
    }

    /// "z dniem 1 lipca 2024 r." is found with the phrase in the start words, without it,
    /// and with "dniem" alone added to the range words (an edit that once made it vanish).
    #[test]
    fn edited_range_words_never_lose_a_date() {
        let files = RuleFiles::embedded();
        let words = files.text("date/words.toml").unwrap().to_string();
        let text = "Urząd gminy informuje, że z dniem 1 lipca 2024 r. zmieniają się godziny \
                    pracy urzędu dla wszystkich mieszkańców gminy.";
        let edits = [
            words.clone(),
            words.replace("start = [\"od\", \"z dniem\",", "start = [\"od\","),
            words
                .replace("from = [\"od\",", "from = [\"od\", \"dniem\",")
                .replace("start = [\"od\",", "start = [\"od\", \"dniem\","),
        ];
        assert!(edits[1] != words && edits[2] != words);
        for w in &edits {
            let set =
                crate::pipeline::RuleSet::load(&files.clone().with_file("date/words.toml", w))
                    .unwrap();
            let rec = crate::pipeline::analyse_text(&set, "t", text, None);
            assert!(
                rec.dates.iter().any(|d| d.item.value == "2024-07-01"),
                "{:?}",
                rec.dates
            );
        }
    }
}
