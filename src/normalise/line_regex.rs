//! A regex written for one line at a time (`^` and `$` are the line's ends), asked line
//! by line whether it matches, without reading every byte through the regex.
//!
//! The regex is rewritten so that no match can cross a line break (every class and
//! literal loses '\n'; `^` and `$` become line anchors), so a line holds a match of the
//! rewritten regex exactly when the original matches it. The branches anchored at a
//! line's start are tried at each line's start only (where they mostly fail within a few
//! bytes). The other branches are searched for on the lines that hold one of their
//! factors, literals derived from the regex at load time (one in each match, ASCII case
//! aside), which one vectorised search over the lower-cased text finds; on every line if
//! some branch has none.

use aho_corasick::{packed, AhoCorasick};
use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Class, Hir, HirKind, Look, Repetition};

/// Factors shorter than this would find nearly every line: lines are not filtered.
const MIN_FACTOR: usize = 3;

/// A line regex compiled for line-by-line questions (see the module's description).
#[derive(Debug)]
pub struct LineRegex {
    /// The branches anchored at a line's start, if any.
    anchored: Option<Regex>,
    /// The other branches, if any.
    other: Option<Regex>,
    /// What each match of `other` holds, if every branch of it has factors.
    factors: Option<Factors>,
}

/// Lower-case factors: each match of any branch not anchored at a line's start holds one
/// of them (its ASCII letters lower-cased).
#[derive(Debug)]
struct Factors {
    any: AhoCorasick,
    /// The same, searched for with vectors (when the machine has them).
    packed: Option<packed::Searcher>,
    /// Characters that case-insensitive classes of the factors also match besides the
    /// ASCII letter (such as the Kelvin sign for 'k'): a text with one is not filtered.
    folded: Vec<char>,
    /// The last bytes of their UTF-8 forms.
    ends: Vec<u8>,
}

impl LineRegex {
    /// `None` when `pattern` does not compile.
    pub fn new(pattern: &str) -> Option<LineRegex> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .ok()?;
        let hir = within_line(hir);
        let (anchored, other): (Vec<&Hir>, Vec<&Hir>) = branches(&hir)
            .into_iter()
            .partition(|b| b.properties().look_set_prefix().contains(Look::StartLF));
        let compile_all = |hirs: &[&Hir]| match hirs {
            [] => Some(None),
            _ => compile(&Hir::alternation(hirs.iter().map(|&h| h.clone()).collect())).map(Some),
        };
        Some(LineRegex {
            anchored: compile_all(&anchored)?,
            other: compile_all(&other)?,
            factors: (!other.is_empty()).then(|| Factors::new(&other)).flatten(),
        })
    }

    /// Asks line by line, in text order, whether lines of `text` hold a match.
    pub fn lines<'t>(&'t self, text: &'t str) -> LineMatches<'t> {
        let hits = match &self.factors {
            Some(f) if !f.holds_folded(text) => {
                let lower = text.to_ascii_lowercase();
                Some(match &f.packed {
                    Some(p) => p.find_iter(&lower).map(|m| m.start()).collect(),
                    None => f.any.find_iter(&lower).map(|m| m.start()).collect(),
                })
            }
            _ => None,
        };
        LineMatches {
            line: self,
            text,
            hits,
            next: 0,
        }
    }
}

/// Line by line answers for one text (see [`LineRegex::lines`]).
pub struct LineMatches<'t> {
    line: &'t LineRegex,
    text: &'t str,
    /// Where factors start in the text, in order (`None`: every line is searched).
    hits: Option<Vec<usize>>,
    /// The first of `hits` not yet passed.
    next: usize,
}

impl LineMatches<'_> {
    /// Whether the line `at..end` (from a line's start to its line break or the text's
    /// end) holds a match. Lines must be asked for in text order; some may be left out.
    pub fn matches(&mut self, at: usize, end: usize) -> bool {
        let line = Input::new(self.text).range(at..end).earliest(true);
        if let Some(anchored) = &self.line.anchored {
            if anchored
                .search_half(&line.clone().anchored(Anchored::Yes))
                .is_some()
            {
                return true;
            }
        }
        let Some(other) = &self.line.other else {
            return false;
        };
        if let Some(hits) = &self.hits {
            while hits.get(self.next).is_some_and(|&h| h < at) {
                self.next += 1;
            }
            if hits.get(self.next).is_none_or(|&h| h >= end) {
                return false;
            }
        }
        other.search_half(&line).is_some()
    }
}

fn compile(hir: &Hir) -> Option<Regex> {
    Regex::builder()
        .configure(
            Regex::config()
                .nfa_size_limit(Some(64 << 20))
                .hybrid_cache_capacity(64 << 20),
        )
        .build_from_hir(hir)
        .ok()
}

impl Factors {
    /// Whether `text` holds one of the folded characters (found by their last bytes in
    /// one vectorised pass when there are up to three of them).
    fn holds_folded(&self, text: &str) -> bool {
        let is_folded = |end: usize| {
            let start = text.floor_char_boundary(end);
            text[start..]
                .chars()
                .next()
                .is_some_and(|c| self.folded.contains(&c))
        };
        match self.ends[..] {
            [] => false,
            [a] => memchr::memchr_iter(a, text.as_bytes()).any(is_folded),
            [a, b] => memchr::memchr2_iter(a, b, text.as_bytes()).any(is_folded),
            [a, b, c] => memchr::memchr3_iter(a, b, c, text.as_bytes()).any(is_folded),
            _ => self.folded.iter().any(|&c| text.contains(c)),
        }
    }

    /// The factors of `branches`, if each has factors of at least [`MIN_FACTOR`] bytes.
    fn new(branches: &[&Hir]) -> Option<Factors> {
        let mut factors = Vec::new();
        let mut folded = Vec::new();
        for branch in branches {
            let f = required(branch, &mut folded)?;
            if f.iter().any(|s| s.len() < MIN_FACTOR) {
                return None;
            }
            factors.extend(f);
        }
        folded.sort_unstable();
        folded.dedup();
        let mut ends: Vec<u8> = folded
            .iter()
            .filter_map(|c| c.to_string().bytes().last())
            .collect();
        ends.sort_unstable();
        ends.dedup();
        Some(Factors {
            ends,
            packed: packed::Config::new().builder().extend(&factors).build(),
            any: AhoCorasick::new(&factors).ok()?,
            folded,
        })
    }
}

/// The branches of the alternation `hir` is (through groups), or `hir` itself.
fn branches(hir: &Hir) -> Vec<&Hir> {
    match hir.kind() {
        HirKind::Alternation(subs) => subs.iter().flat_map(branches).collect(),
        HirKind::Capture(c) => branches(&c.sub),
        _ => vec![hir],
    }
}

/// Lower-case strings one of which every match of `hir` holds when its ASCII letters
/// are lower-cased (in a text without the characters added to `folded`), or `None`.
fn required(hir: &Hir, folded: &mut Vec<char>) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => piece(hir, folded).map(|p| vec![p]),
        HirKind::Capture(c) => required(&c.sub, folded),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub, folded),
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for sub in subs {
                all.extend(required(sub, folded)?);
            }
            Some(all)
        }
        HirKind::Concat(subs) => {
            // Each run of characters side by side is required, and so is what each part
            // requires: the best of them is taken.
            let mut best = None;
            let mut run = Vec::new();
            for sub in subs {
                match piece(sub, folded) {
                    Some(p) => run.extend(p),
                    None => {
                        best = better(best, Some(vec![std::mem::take(&mut run)]));
                        best = better(best, required(sub, folded));
                    }
                }
            }
            better(best, Some(vec![run]))
        }
        _ => None,
    }
}

/// The better of two sets of factors: the longer shortest factor, then the fewer. (A
/// set with an empty factor says nothing.)
fn better(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    let useful = |s: Option<Vec<Vec<u8>>>| s.filter(|s| s.iter().all(|f| !f.is_empty()));
    let score = |s: &Option<Vec<Vec<u8>>>| {
        s.as_ref().map_or((0, 0), |s| {
            let shortest = s.iter().map(Vec::len).min().unwrap_or(0);
            (shortest, usize::MAX - s.len())
        })
    };
    let (a, b) = (useful(a), useful(b));
    if score(&b) > score(&a) {
        b
    } else {
        a
    }
}

/// The lower-cased bytes `hir` matches if it is a literal or a class of one character
/// (or of the two cases of one ASCII letter, with characters folded onto it, which go
/// to `folded`).
fn piece(hir: &Hir, folded: &mut Vec<char>) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(lit.0.to_ascii_lowercase()),
        HirKind::Class(Class::Unicode(c)) => {
            let mut chars = Vec::new();
            for r in c.ranges() {
                if chars.len() + (r.end() as usize - r.start() as usize) >= 4 {
                    return None;
                }
                chars.extend(r.start()..=r.end());
            }
            let (ascii, other): (Vec<char>, Vec<char>) = chars.iter().partition(|c| c.is_ascii());
            let mut lower: Vec<u8> = ascii
                .iter()
                .map(|&c| c.to_ascii_lowercase() as u8)
                .collect();
            lower.dedup();
            match (lower.as_slice(), other.as_slice()) {
                ([], [one]) => Some(one.to_string().into_bytes()),
                ([b], _) => {
                    // Only characters whose case maps onto this letter (the Kelvin sign,
                    // the long s) may come with it.
                    let onto = |c: &char| {
                        c.to_lowercase()
                            .chain(c.to_uppercase())
                            .any(|d| d.to_ascii_lowercase() == char::from(*b))
                    };
                    if !other.iter().all(onto) {
                        return None;
                    }
                    folded.extend(other);
                    Some(vec![*b])
                }
                _ => None,
            }
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut lower = Vec::new();
            for r in c.ranges() {
                if lower.len() + usize::from(r.end() - r.start()) >= 4 {
                    return None;
                }
                lower.extend((r.start()..=r.end()).map(|b| b.to_ascii_lowercase()));
            }
            lower.dedup();
            match lower.as_slice() {
                [b] => Some(vec![*b]),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `hir` with '\n' taken out of every class and literal, and the text's ends made line ends.
fn within_line(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Literal(lit) if lit.0.contains(&b'\n') => Hir::fail(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(Class::Unicode(mut c)) => {
            c.difference(&regex_syntax::hir::ClassUnicode::new([
                regex_syntax::hir::ClassUnicodeRange::new('\n', '\n'),
            ]));
            Hir::class(Class::Unicode(c))
        }
        HirKind::Class(Class::Bytes(mut c)) => {
            c.difference(&regex_syntax::hir::ClassBytes::new([
                regex_syntax::hir::ClassBytesRange::new(b'\n', b'\n'),
            ]));
            Hir::class(Class::Bytes(c))
        }
        HirKind::Look(Look::Start) => Hir::look(Look::StartLF),
        HirKind::Look(Look::End) => Hir::look(Look::EndLF),
        HirKind::Look(look) => Hir::look(look),
        HirKind::Empty => Hir::empty(),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(within_line(*r.sub)),
            ..r
        }),
        HirKind::Capture(mut c) => {
            c.sub = Box::new(within_line(*c.sub));
            Hir::capture(c)
        }
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(within_line).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(within_line).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that each line of `text` (every line, then every other one) is said to
    /// match exactly when a per-line search of `pattern` matches it.
    fn assert_lines(pattern: &str, text: &str) {
        let per_line = regex::Regex::new(pattern).unwrap();
        let re = LineRegex::new(pattern).unwrap();
        for step in [1, 2] {
            let mut matches = re.lines(text);
            let mut at = 0;
            for (i, line) in text.split('\n').enumerate() {
                if i % step == 0 {
                    let end = at + line.len();
                    assert_eq!(
                        matches.matches(at, end),
                        per_line.is_match(line),
                        "{line:?}"
                    );
                }
                at += line.len() + 1;
            }
        }
    }

    #[test]
    fn line_regex_finds_the_lines_a_per_line_search_finds() {
        let pattern = r"(?i)^\W*(drukuj|menu)\W*$|cookie|^\s*$|x\n?y|^\W*(A\s*){2,}\W*$|\Az\z";
        let re = LineRegex::new(pattern).unwrap();
        // `x\n?y` has no factor of three bytes: every line is searched.
        assert!(re.factors.is_none());
        let text = "---\ndrukuj\n\n  \nx\ny\nxy\nA A\n A\nz\nzz\nCookies tak\n- Menu -\nnic";
        assert_lines(pattern, text);
        assert_lines(r"^\s*$|^x", text);
        assert_lines(r"cookie|drukuj", text);
    }

    #[test]
    fn filtered_lines_are_the_lines_a_per_line_search_finds() {
        let pattern = r"(?i)^\W*(drukuj|menu|rss)\W*$|cookie|ciasteczk|^\s*$|^\W*(A\s*){2,}\W*$|\Az\z|wersja (kontrastowa|tekstowa)|polityk\w* prywatności|(powiększ|zmień) (tekst|rozmiar)";
        let re = LineRegex::new(pattern).unwrap();
        let factors = re.factors.as_ref().expect("factors");
        assert!(re.anchored.is_some());
        assert!(factors.folded.contains(&'\u{212A}') && factors.folded.contains(&'\u{17F}'));
        let text =
            "---\ndrukuj\n\n  \n RSS \nA A\n A\nz\nzz\nCookies tak\nCIASTECZKA\n- Menu -\nnic\n\
            Wersja tekstowa strony\nwersja  tekstowa\nPolityką prywatności\npolityka-prywatności\n\
            Powiększ TEKST\npowiększ\ntekst\nmenu główne\nx cookie\nzmień rozmiar";
        assert_lines(pattern, text);
        // Characters that case-insensitive letters also match: the text is searched whole.
        for odd in ["coo\u{212A}ie", "cia\u{17F}teczko", "\u{17F}"] {
            assert_lines(pattern, &format!("{text}\n{odd}\nnic"));
        }
    }

    #[test]
    fn the_boilerplate_rule_has_a_filter() {
        let files = crate::rules::RuleFiles::embedded();
        let p = files.patterns("normalise/boilerplate.toml", &[]).unwrap();
        let pattern = p.get("BoilerplateLine").unwrap();
        let re = LineRegex::new(pattern).unwrap();
        assert!(re.factors.is_some());
        // A Unicode word boundary (`\b`) makes the lazy DFA give up on the first non-ASCII
        // letter near it, and then every line of a Polish text goes through the PikeVM
        // (it tripled the normalise stage): write `(\W|$)` or `(^|\W)` instead.
        assert!(!p.has_unicode_word_boundary("BoilerplateLine"));
    }
}
