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
            .max(ceil_boundary(text, start.saturating_sub(REACH)));
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
            .min(ceil_boundary(text, end.saturating_add(REACH)));
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

/// The first char boundary at or after `i`.
fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::Left;
    use crate::rules::{Patterns, RuleFiles};
    use regex::Regex;

    /// The money patterns, with the sum pieces (which do not matter here) as "x".
    fn patterns(files: &RuleFiles) -> Patterns {
        let lists: super::PurposeLists = files.toml("money/purpose.toml").unwrap();
        let mut extra = lists.patterns();
        for name in [
            "Multiplier",
            "CurrencyAfter",
            "CurrencyBefore",
            "CurrencyAfterWord",
            "CurrencyAfterMark",
            "CurrencyLineEnd",
            "Hedge",
            "NumberWord",
            "ImpliedMultiplier",
            "RangeFrom",
            "RangeJoinWord",
            "RangeJoinMark",
        ] {
            extra.push((name, "x".to_string()));
        }
        files.patterns("money/patterns.toml", &extra).unwrap()
    }

    /// The anchored tries find what one search with `(?:^|[^\pL\pN])` before the phrase
    /// finds, on clauses that open with the phrase, with a mark, or with other words.
    #[test]
    fn anchored_tries_match_one_search() {
        let files = RuleFiles::embedded();
        let rules = super::super::MoneyRules::load(&files).unwrap();
        let p = patterns(&files);
        let body = p.get("PurposeLeftBody").unwrap();
        let one = Regex::new(&format!("(?i)(?:^|[^\\pL\\pN])(?:{body})")).unwrap();
        let mut found = 0;
        for prefix in [
            "Całkowita wartość przedsięwzięcia to:",
            "(Całkowita wartość przedsięwzięcia to:",
            " przy czym koszt projektu stanowi",
            "Gmina otrzyma dofinansowanie w wysokości",
            "-wartość to",
            "wartość to wartość to",
            "„Koszt” zadania wynosi",
            "koszt́ projektu to",
            "X koszt to",
            "9koszt to",
            "ĄKOSZT TO",
            "Koszt.wartość to:",
            "",
            "to:",
        ] {
            let want = one
                .captures(prefix)
                .and_then(|c| c.name("purpose").map(|m| m.as_str().to_string()));
            let got = rules.purpose.left_phrase(prefix).map(str::to_string);
            assert_eq!(got, want, "{prefix:?}");
            found += usize::from(got.is_some());
        }
        assert!(found >= 8, "only {found} phrases found");
    }

    /// The reader is taken only for the body's own shape and a word that is one class
    /// repeated; any other pattern falls back to the regexes.
    #[test]
    fn reader_only_for_the_shape_it_reads() {
        let files = RuleFiles::embedded();
        let p = patterns(&files);
        let lists: super::PurposeLists = files.toml("money/purpose.toml").unwrap();
        let body = p.get("PurposeLeftBody").unwrap().to_string();
        let word = p.get("PurposeWord").unwrap().to_string();
        // what `Left::new` chooses with some patterns changed
        let choose = |changed: &[(&str, String)]| {
            let get = |name: &str| match changed.iter().find(|(n, _)| *n == name) {
                Some((_, to)) => Ok(to.as_str()),
                None => p.get(name).map_err(|_| "no such pattern"),
            };
            match Left::new(&lists, get, || Err("compiled")) {
                Ok(Left::Reader(_)) => "reader",
                Ok(Left::Regex(..)) => "regex",
                Err(e) => e,
            }
        };
        assert_eq!(choose(&[]), "reader");
        // another spelling of the same expression, or another word limit: still the reader
        for same in [
            body.replace("{0,8}?", "{0,5}?"),
            body.replace("(?P<purpose>", "(?P<purpose>(?:")
                .replace(") ?(?:", ")) ?(?:"),
        ] {
            assert_ne!(same, body);
            assert_eq!(choose(&[("PurposeLeftBody", same)]), "reader");
        }
        for other in [
            body.replace("{0,8}?", "{0,8}"),
            body.replace("{0,8}?", "{1,8}?"),
            body.replace(" ?(?:", "(?:"),
        ] {
            assert_ne!(other, body);
            assert_eq!(choose(&[("PurposeLeftBody", other)]), "compiled");
        }
        // a word that is not one class repeated, in the body as well
        for w in ["[^ ,]+?", "\\w{2,}"] {
            let changed = [
                ("PurposeWord", w.to_string()),
                ("PurposeLeftBody", body.replace(&word, w)),
            ];
            assert_eq!(choose(&changed), "compiled");
        }
        let narrower = "[^ ,]+".to_string();
        let changed = [
            ("PurposeWord", narrower.clone()),
            ("PurposeLeftBody", body.replace(&word, &narrower)),
        ];
        assert_eq!(choose(&changed), "reader");
    }

    /// The reader matches where the regexes match and gives the `purpose` group they
    /// capture, on clauses built from the word lists: modifiers, heads (two-word ones
    /// too), up to and past the word limit, links glued to words, odd cases and letters
    /// that fold ("ſ", the Kelvin sign, U+0345), marks.
    #[test]
    fn reader_reads_what_the_regexes_capture() {
        let files = RuleFiles::embedded();
        let rules = super::super::MoneyRules::load(&files).unwrap();
        let Left::Reader(reader) = &rules.purpose.left else {
            panic!("the reader is off");
        };
        let p = patterns(&files);
        let left = p.regex("PurposeLeft").unwrap();
        let after_mark = p.regex("PurposeLeftAfterMark").unwrap();
        let lists: super::PurposeLists = files.toml("money/purpose.toml").unwrap();
        let pick = |v: &[String], n: usize| v[n % v.len()].clone();
        let fillers = [
            "projektu",
            "drogi",
            "gminnej",
            "KOSZT",
            "\u{212a}oszt",
            "to",
            "w",
            "wysokości",
            "na",
            "x-y",
            "Łączna",
            "kosztem",
            "ſkala",
            "wartośćto",
            "a/b",
            "„cel”",
            "-",
        ];
        let (mut matched, mut tried) = (0, 0);
        let mut n = 0usize;
        for round in 0..3000 {
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = |k: u32| (n >> (k * 5)) & 31;
            let mut words: Vec<String> = Vec::new();
            if r(1) % 3 == 0 {
                words.push(format!(
                    "{}{}",
                    pick(&lists.modifiers, r(2)),
                    ["a", "e", "ych", "", "\u{345}", "-a"][r(3) % 6]
                ));
            }
            words.push(pick(&lists.heads, r(4) + round));
            for k in 0..(r(5) % 11) {
                words.push(fillers[(r(6) + k * 7 + round) % fillers.len()].to_string());
            }
            let link = pick(&lists.links, r(7) + round);
            let mut clause = words.join(" ");
            if r(8) % 4 == 0 {
                clause.push_str(&link);
            } else {
                clause.push(' ');
                clause.push_str(&link);
            }
            if r(9) % 3 == 0 {
                clause = clause.to_uppercase();
            }
            let lead = ["", "(", "ok ", "- ", "x", "\u{345}"][r(10) % 6];
            let prefix = format!("{lead}{clause}");
            let group = |c: regex::Captures<'_>| c.name("purpose").map(|m| m.as_str().to_string());
            let want = left.captures(&prefix).and_then(group);
            let got = reader
                .purpose_end(&prefix, 0)
                .map(|e| prefix[..e].to_string());
            assert_eq!(got, want, "{prefix:?}");
            for (i, c) in prefix.char_indices() {
                let want = after_mark.captures(&prefix[i..]).and_then(group);
                let body = i + c.len_utf8();
                let got = reader
                    .is_mark(c)
                    .then(|| reader.purpose_end(&prefix, body))
                    .flatten()
                    .map(|e| prefix[body..e].to_string());
                assert_eq!(got, want, "{prefix:?} at {i}");
                matched += usize::from(got.is_some());
                tried += 1;
            }
        }
        assert!(matched > 1000, "only {matched} of {tried} tries matched");
    }
}
