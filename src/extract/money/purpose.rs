//! The phrase that says what a sum is: before it and joined by a link ("Całkowita wartość
//! przedsięwzięcia to: 12 893 583,46 zł"), or after it with "na" ("850 000 złotych na
//! budowę chodnika"). Word lists in `rules/money/purpose.toml`, patterns in
//! `rules/money/patterns.toml`.

use super::phrase::{in_class, lazy_limit, same_expression, word_class, PhraseReader, MAX_WORDS};
use crate::rules::alternation;
use regex::Regex;
use std::ops::Range;

/// How far from a sum its purpose is looked for, in bytes.
const REACH: usize = 200;

/// `purpose.toml`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurposeLists {
    heads: Vec<String>,
    modifiers: Vec<String>,
    links: Vec<String>,
    right_not_first: Vec<String>,
    right_stops: Vec<String>,
}

impl PurposeLists {
    /// The named patterns made from the lists.
    pub fn patterns(&self) -> Vec<(&'static str, String)> {
        vec![
            (
                "PurposeHead",
                alternation(self.heads.iter().map(String::as_str)),
            ),
            (
                "PurposeModifier",
                format!(
                    "(?:{})\\pL*",
                    alternation(self.modifiers.iter().map(String::as_str))
                ),
            ),
            (
                "PurposeLink",
                alternation(self.links.iter().map(String::as_str)),
            ),
        ]
    }
}

#[derive(Debug)]
pub struct PurposeRules {
    /// The phrase before a sum.
    left: Left,
    right: Regex,
    not_first: Vec<String>,
    stops: Vec<Vec<String>>,
    /// The links in lower case (`lower_fold`): `left` matches only a text ending with one.
    links: Vec<String>,
    /// The most characters of a link.
    link_chars: usize,
    /// `PurposeWord`'s class when it is one class repeated: the characters outside it but
    /// the space and the line break end a clause, which no purpose runs across.
    word: Option<Vec<(char, char)>>,
}

/// The body `PhraseReader` reads, N words at most between the head and the link.
const BODY_SHAPE: &str = "(?P<purpose>(?:(?:{PurposeModifier}) )?(?:{PurposeHead})(?: {PurposeWord}){0,N}?) ?(?:{PurposeLink})$";

/// How the phrase before a sum is found.
#[derive(Debug)]
pub enum Left {
    /// By the reader, which takes the paths `PurposeLeftBody` takes (a test checks it
    /// against the regexes).
    Reader(PhraseReader),
    /// By the regexes `PurposeLeft` (the phrase opening the clause) and
    /// `PurposeLeftAfterMark` (after a mark, which opens the match), when the patterns
    /// allow another number of words than the reader takes.
    Regex(Regex, Regex),
}

impl Left {
    /// The reader if the pattern `PurposeLeftBody` (from `get`, with the other named
    /// patterns), parsed, is the expression the reader takes (with the word limit N the
    /// pattern's lazy repetition gives) and `PurposeWord` is one class repeated, else the
    /// regexes `compile` makes.
    pub fn new<'p, E>(
        lists: &PurposeLists,
        get: impl Fn(&str) -> Result<&'p str, E>,
        compile: impl FnOnce() -> Result<(Regex, Regex), E>,
    ) -> Result<Left, E> {
        let word = get("PurposeWord")?;
        let body = get("PurposeLeftBody")?;
        if let Some(n) = lazy_limit(body).filter(|&n| n <= MAX_WORDS) {
            // the expression the reader takes, with the pattern's own pieces
            let mut shape = BODY_SHAPE.replace("{0,N}", &format!("{{0,{n}}}"));
            for name in [
                "PurposeModifier",
                "PurposeHead",
                "PurposeWord",
                "PurposeLink",
            ] {
                shape = shape.replace(&format!("{{{name}}}"), &format!("(?:{})", get(name)?));
            }
            if same_expression(body, &shape) {
                if let Some(word) = word_class(word) {
                    return Ok(Left::Reader(PhraseReader::new(
                        &lists.modifiers,
                        &lists.heads,
                        &lists.links,
                        word,
                        n,
                    )));
                }
            }
        }
        let (left, after_mark) = compile()?;
        Ok(Left::Regex(left, after_mark))
    }
}

impl Left {
    /// Which engine reads the phrase before a sum: `"reader"` or `"regex"`.
    pub fn engine(&self) -> &'static str {
        match self {
            Left::Reader(_) => "reader",
            Left::Regex(..) => "regex",
        }
    }
}

impl PurposeRules {
    /// `word`: the pattern `PurposeWord`.
    pub fn new(lists: PurposeLists, left: Left, right: Regex, word: &str) -> PurposeRules {
        let links: Vec<String> = lists.links.iter().map(|l| lower_fold(l)).collect();
        let link_chars = lists
            .links
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        PurposeRules {
            word: word_class(word),
            links,
            link_chars,
            left,
            right,
            not_first: lists
                .right_not_first
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            stops: lists
                .right_stops
                .iter()
                .map(|s| s.split_whitespace().map(str::to_lowercase).collect())
                .filter(|s: &Vec<String>| !s.is_empty())
                .collect(),
        }
    }

    /// Which engine reads the phrase before a sum: `"reader"` or `"regex"`.
    pub fn engine(&self) -> &'static str {
        self.left.engine()
    }

    /// The purpose of the sum at `sum` in `text`, looking no further back than `prev_end`
    /// and no further on than `next_start` (the neighbouring sums).
    pub fn find(
        &self,
        text: &str,
        sum: Range<usize>,
        prev_end: usize,
        next_start: usize,
    ) -> Option<String> {
        self.before(text, sum.start, prev_end)
            .or_else(|| self.after(text, sum.end, next_start))
    }

    fn before(&self, text: &str, start: usize, prev_end: usize) -> Option<String> {
        // Search for the line start only within reach: a single-line document must not
        // make every sum scan back to its beginning.
        let window = prev_end
            .min(start)
            .max(text.ceil_char_boundary(start.saturating_sub(REACH)));
        let from = text[window..start]
            .rfind('\n')
            .map_or(window, |i| window + i + 1);
        if from >= start {
            return None;
        }
        let mut prefix = text[from..start].trim_end();
        // A purpose does not run across punctuation (see `PurposeWord`), except for the
        // link's own colon at the very end: look only at the last clause.
        if let (Some(body), Some(word)) = (prefix.get(..prefix.len().saturating_sub(1)), &self.word)
        {
            let breaks = |c: char| c != ' ' && c != '\n' && !in_class(word, c);
            if let Some((i, c)) = body.char_indices().rev().find(|&(_, c)| breaks(c)) {
                prefix = &prefix[i + c.len_utf8()..];
            }
        }
        // `left` ends with a link: a text that does not cannot match
        let tail = prefix
            .char_indices()
            .rev()
            .nth(self.link_chars)
            .map_or(prefix, |(i, _)| &prefix[i..]);
        let tail = lower_fold(tail);
        if !self.links.iter().any(|l| tail.ends_with(l.as_str())) {
            return None;
        }
        let p = self.left_phrase(prefix)?.trim();
        (!p.is_empty()).then(|| p.to_string())
    }

    /// The `purpose` group of the leftmost match of the phrase in `prefix`: at its start,
    /// else after the first mark it can follow. Each try is anchored, so no search runs
    /// backwards through the clause.
    fn left_phrase<'h>(&self, prefix: &'h str) -> Option<&'h str> {
        match &self.left {
            Left::Reader(r) => {
                if let Some(end) = r.purpose_end(prefix, 0) {
                    return prefix.get(..end);
                }
                prefix
                    .char_indices()
                    .filter(|&(_, c)| maybe_mark(c) && r.is_mark(c))
                    .find_map(|(i, c)| {
                        let body = i + c.len_utf8();
                        let end = r.purpose_end(prefix, body)?;
                        prefix.get(body..end)
                    })
            }
            Left::Regex(left, after_mark) => {
                let caps = left.captures(prefix).or_else(|| {
                    prefix
                        .char_indices()
                        .filter(|&(_, c)| maybe_mark(c))
                        .find_map(|(i, _)| after_mark.captures(&prefix[i..]))
                })?;
                caps.name("purpose").map(|m| m.as_str())
            }
        }
    }

    fn after(&self, text: &str, end: usize, next_start: usize) -> Option<String> {
        let reach = next_start
            .max(end)
            .min(text.ceil_char_boundary(end.saturating_add(REACH)));
        let to = text[end..reach].find('\n').map_or(reach, |i| end + i);
        if to <= end {
            return None;
        }
        let caps = self.right.captures(&text[end..to])?;
        let words: Vec<&str> = caps.name("purpose")?.as_str().split(' ').collect();
        let first = words.first()?;
        if !first.starts_with(char::is_alphabetic) || self.not_first.contains(&first.to_lowercase())
        {
            return None;
        }
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let cut = (1..words.len())
            .find(|&i| {
                self.stops
                    .iter()
                    .any(|s| lower[i..].iter().take(s.len()).eq(s.iter()))
            })
            .unwrap_or(words.len());
        Some(words[..cut].join(" "))
    }
}

/// Whether `c` may be a mark (`[^\pL\pN]`): every character but ASCII letters and digits
/// and Polish letters.
fn maybe_mark(c: char) -> bool {
    !(c.is_ascii_alphanumeric()
        || matches!(
            c,
            'ą' | 'ć'
                | 'ę'
                | 'ł'
                | 'ń'
                | 'ó'
                | 'ś'
                | 'ź'
                | 'ż'
                | 'Ą'
                | 'Ć'
                | 'Ę'
                | 'Ł'
                | 'Ń'
                | 'Ó'
                | 'Ś'
                | 'Ź'
                | 'Ż'
        ))
}

/// `s` in lower case, with the long s (which case-insensitive patterns take for "s") as
/// "s": two texts that patterns match case-insensitively are equal here.
fn lower_fold(s: &str) -> String {
    s.to_lowercase().replace('\u{17f}', "s")
}

#[cfg(test)]
mod tests;
