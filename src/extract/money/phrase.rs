//! Matches `PurposeLeftBody` (`rules/money/patterns.toml`) and reads its `purpose` group:
//! the regex's capture engine walks a large case-insensitive automaton and tries every
//! link at every byte; this reader takes the same paths in the same order (leftmost-first)
//! over the words of `purpose.toml`, and nothing needs compiling. A test checks it against
//! the regexes `PurposeLeft` and `PurposeLeftAfterMark`.
//!
//! The body is `(?P<purpose>(?:(?:MOD)\pL* )?(?:HEAD)(?: WORD){0,N}?) ?(?:LINK)$` with
//! WORD = `[^ \n,.;:!?()"\[\]|*]+`; literals match as `(?i)` does, by simple case folding.

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};
use rustc_hash::FxHashMap;

/// The most words between the head and the link the reader takes (`{0,N}?` in
/// `PurposeLeftBody`, read from the parsed pattern); a larger N leaves the regexes on.
pub const MAX_WORDS: usize = 64;

/// A literal matched case-insensitively: per character, the ranges it matches.
#[derive(Debug)]
struct Literal(Vec<Vec<(char, char)>>);

impl Literal {
    fn new(word: &str) -> Literal {
        Literal(
            word.chars()
                .map(|c| {
                    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
                    class.case_fold_simple();
                    class.iter().map(|r| (r.start(), r.end())).collect()
                })
                .collect(),
        )
    }

    /// The end of this literal matched at `at`, if it matches there.
    fn end_at(&self, hay: &str, at: usize) -> Option<usize> {
        let mut chars = hay.get(at..)?.char_indices();
        for ranges in &self.0 {
            let (_, c) = chars.next()?;
            if !ranges.iter().any(|&(a, b)| a <= c && c <= b) {
                return None;
            }
        }
        Some(chars.next().map_or(hay.len(), |(i, _)| at + i))
    }
}

/// An alternation of literals, in order, with the ones each first character may start.
#[derive(Debug)]
struct Alternation {
    words: Vec<Literal>,
    by_first: FxHashMap<char, Vec<usize>>,
}

impl Alternation {
    /// In the order `rules::alternation` gives: longest first, then by text, once each.
    fn new(words: &[String]) -> Alternation {
        let mut w: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !w.is_empty())
            .collect();
        w.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        w.dedup();
        let words: Vec<Literal> = w.into_iter().map(Literal::new).collect();
        let mut by_first: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        for (i, l) in words.iter().enumerate() {
            for &(a, b) in &l.0[0] {
                for c in a..=b {
                    by_first.entry(c).or_default().push(i);
                }
            }
        }
        Alternation { words, by_first }
    }

    /// The ends of the literals that match at `at`, in the alternation's order.
    fn ends<'a>(&'a self, hay: &'a str, at: usize) -> impl Iterator<Item = usize> + 'a {
        let first = hay.get(at..).and_then(|s| s.chars().next());
        first
            .and_then(|c| self.by_first.get(&c))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(move |&i| self.words[i].end_at(hay, at))
    }
}

/// The word lists in the regex's alternation order.
#[derive(Debug)]
pub struct PhraseReader {
    modifiers: Alternation,
    heads: Alternation,
    links: Alternation,
    /// `(?i)\pL`, as ranges.
    letters: Vec<(char, char)>,
    /// `(?i)[^\pL\pN]` (the mark before a phrase), as ranges.
    marks: Vec<(char, char)>,
    /// The characters of a purpose word (`PurposeWord`'s class).
    word: Vec<(char, char)>,
    /// The most words between the head and the link.
    max_words: usize,
}

/// The class of a word pattern `[...]+` (as `(?i)` reads it), or `None` for another shape.
pub fn word_class(pattern: &str) -> Option<Vec<(char, char)>> {
    let HirKind::Repetition(rep) = regex_syntax::parse(&format!("(?i){pattern}"))
        .ok()?
        .into_kind()
    else {
        return None;
    };
    if rep.min != 1 || rep.max.is_some() || !rep.greedy {
        return None;
    }
    match rep.sub.into_kind() {
        HirKind::Class(Class::Unicode(c)) => Some(c.iter().map(|r| (r.start(), r.end())).collect()),
        _ => None,
    }
}

/// The upper bound N of the first lazy `{0,N}?` repetition in `pattern` (parsed, as
/// `(?i)` reads it), if it has one.
pub fn lazy_limit(pattern: &str) -> Option<usize> {
    fn walk(h: &Hir) -> Option<u32> {
        match h.kind() {
            HirKind::Repetition(r) if r.min == 0 && !r.greedy => r.max,
            HirKind::Repetition(r) => walk(&r.sub),
            HirKind::Capture(c) => walk(&c.sub),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().find_map(walk),
            _ => None,
        }
    }
    let hir = regex_syntax::parse(&format!("(?i){pattern}")).ok()?;
    walk(&hir).and_then(|n| usize::try_from(n).ok())
}

/// Whether two patterns parse (as `(?i)` reads them) to the same expression: the same
/// regex whatever their spelling (groups, escapes, repetition syntax).
pub fn same_expression(a: &str, b: &str) -> bool {
    let parse = |p: &str| regex_syntax::parse(&format!("(?i){p}")).ok();
    matches!((parse(a), parse(b)), (Some(x), Some(y)) if x == y)
}

/// The ranges of a class pattern.
fn class(pattern: &str) -> Vec<(char, char)> {
    match regex_syntax::parse(pattern).map(|h| h.into_kind()) {
        Ok(HirKind::Class(Class::Unicode(c))) => c.iter().map(|r| (r.start(), r.end())).collect(),
        _ => Vec::new(),
    }
}

pub fn in_class(ranges: &[(char, char)], c: char) -> bool {
    let i = ranges.partition_point(|&(_, b)| b < c);
    ranges.get(i).is_some_and(|&(a, _)| a <= c)
}

impl PhraseReader {
    /// A reader of the words of `purpose.toml`; `word` from [`word_class`].
    pub fn new(
        modifiers: &[String],
        heads: &[String],
        links: &[String],
        word: Vec<(char, char)>,
        max_words: usize,
    ) -> PhraseReader {
        PhraseReader {
            max_words,
            letters: class(r"(?i)\pL"),
            marks: class(r"(?i)[^\pL\pN]"),
            word,
            modifiers: Alternation::new(modifiers),
            heads: Alternation::new(heads),
            links: Alternation::new(links),
        }
    }

    fn is_letter(&self, c: char) -> bool {
        in_class(&self.letters, c)
    }

    /// Whether `c` is a mark a phrase may follow.
    pub fn is_mark(&self, c: char) -> bool {
        in_class(&self.marks, c)
    }

    /// The end of the `purpose` group of the body matched at `body` in `hay` (the body
    /// ends `hay`), or `None` if the body does not match there.
    pub fn purpose_end(&self, hay: &str, body: usize) -> Option<usize> {
        // `(?:MOD\pL* )?` is greedy: with a modifier first. `\pL*` takes every letter (a
        // shorter run leaves a letter, not the space), so each modifier gives one end.
        let mut tried: Vec<usize> = Vec::new();
        for x in self.modifiers.ends(hay, body) {
            let run = hay[x..]
                .char_indices()
                .find(|&(_, c)| !self.is_letter(c))
                .map_or(hay.len(), |(i, _)| x + i);
            if hay[run..].starts_with(' ') && !tried.contains(&(run + 1)) {
                tried.push(run + 1);
                if let Some(p) = self.after_modifier(hay, run + 1) {
                    return Some(p);
                }
            }
        }
        self.after_modifier(hay, body)
    }

    fn after_modifier(&self, hay: &str, at: usize) -> Option<usize> {
        self.heads.ends(hay, at).find_map(|a| self.words(hay, a))
    }

    /// `(?: WORD){0,N}?` from `a`, then the link: lazy, so each word's end is tried before
    /// another word; a word is greedy, so a whole word (the only kind another can follow)
    /// first, its shorter ends only once everything after it has failed.
    fn words(&self, hay: &str, a: usize) -> Option<usize> {
        if self.tail(hay, a) {
            return Some(a);
        }
        // (start of the word's first character, end of the whole word)
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(self.max_words);
        let mut s = a;
        while spans.len() < self.max_words && hay[s..].starts_with(' ') {
            let from = s + 1;
            let end = hay[from..]
                .char_indices()
                .find(|&(_, c)| !in_class(&self.word, c))
                .map_or(hay.len(), |(i, _)| from + i);
            if end == from {
                break;
            }
            if self.tail(hay, end) {
                return Some(end);
            }
            spans.push((from, end));
            s = end;
        }
        for &(from, end) in spans.iter().rev() {
            let first = from + hay[from..].chars().next().map_or(1, char::len_utf8);
            let mut q = end;
            while q > first {
                q -= hay[..q].chars().next_back().map_or(1, char::len_utf8);
                if self.tail(hay, q) {
                    return Some(q);
                }
            }
        }
        None
    }

    /// Whether ` ?LINK$` matches all of `hay[q..]`.
    fn tail(&self, hay: &str, q: usize) -> bool {
        let link_at = |x: usize| self.links.ends(hay, x).any(|e| e == hay.len());
        (hay[q..].starts_with(' ') && link_at(q + 1)) || link_at(q)
    }
}
