//! Words, numbers and punctuation of the normalised text, with what stands between them.
//!
//! A view of the text layer's tokens ([`crate::text::tokens::next_token`]), not a tokenizer
//! of its own: the same words, numbers and punctuation, with white space made a flag of
//! the token after it (`after_newline`), each word's capital read once and the gaps in the
//! source measured when asked, which institution names need (a test holds it to the
//! shared tokens on every text of `corpus/`).

use crate::text::tokens::{next_token, upper_at, Kind as TokenKind};
use crate::text::words::LowerMap;
use crate::text::Mapped;
use std::cell::{Cell, RefCell};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with inner hyphens: "Busku-Zdroju", "Psychologiczno-Pedagogiczna".
    Word,
    /// ASCII digits.
    Number,
    /// Any other visible character, one per token.
    Punct,
}

/// One token: a byte range of the text.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// A line break stands between the previous token and this one.
    pub after_newline: bool,
    /// A word that starts with a capital letter.
    pub cap: bool,
}

/// The tokens of a text from a token boundary on, made as far as they are asked for,
/// and tests on them.
pub struct Toks<'a> {
    pub text: &'a str,
    toks: RefCell<Vec<Tok>>,
    /// The byte where the next token is looked for.
    next: Cell<usize>,
    /// A line break since the last token.
    newline: Cell<bool>,
    /// The source map: gaps are measured in the source, when asked.
    map: Option<&'a Mapped>,
    max_gap: usize,
    /// [`Toks::wide_gap`] of each token once asked: 0 not yet, 1 narrow, 2 wide.
    gaps: RefCell<Vec<u8>>,
    /// Small words of prose: a line with one is no menu.
    prose: &'a LowerMap<()>,
    /// The last line asked about by [`Toks::in_menu`]: its byte range and the answer.
    menu: Cell<(usize, usize, bool)>,
}

/// What stands for a token past the end of the text.
const NONE: Tok = Tok {
    start: 0,
    end: 0,
    kind: Kind::Punct,
    after_newline: false,
    cap: false,
};

impl<'a> Toks<'a> {
    /// The tokens of `text` from its start; with `map`, gaps are measured in the source
    /// and menu lines marked (`max_gap`: the widest source gap, in bytes, inside a name).
    /// A line with one of `prose` ("w", "i") is no menu.
    pub fn new(
        text: &'a str,
        map: Option<&'a Mapped>,
        max_gap: usize,
        prose: &'a LowerMap<()>,
    ) -> Toks<'a> {
        Toks {
            text,
            toks: RefCell::new(Vec::with_capacity(32)),
            next: Cell::new(0),
            newline: Cell::new(false),
            map,
            max_gap,
            gaps: RefCell::new(Vec::with_capacity(32)),
            prose,
            menu: Cell::new((0, 0, false)),
        }
    }

    /// Starts again at byte `from`, a token boundary: token 0 is the one there (whether
    /// a line break stands before it is not known, and not asked: see [`Toks::joined`]).
    pub fn reset(&self, from: usize) {
        self.toks.borrow_mut().clear();
        self.gaps.borrow_mut().clear();
        self.next.set(from);
        self.newline.set(false);
    }

    /// Whether there is a token `i`.
    #[inline]
    pub fn has(&self, i: usize) -> bool {
        i < self.toks.borrow().len() || self.fill(i)
    }

    #[inline(never)]
    fn fill(&self, i: usize) -> bool {
        let mut toks = self.toks.borrow_mut();
        while toks.len() <= i {
            let Some((t, next)) = next_token(self.text, self.next.get()) else {
                self.next.set(self.text.len());
                return false;
            };
            self.next.set(next);
            let (kind, cap) = match t.kind {
                TokenKind::Word => (Kind::Word, upper_at(self.text, t.start)),
                TokenKind::Number => (Kind::Number, false),
                // Line breaks and other white space become the next token's flag.
                TokenKind::Punct(c) if c.is_whitespace() => {
                    if c == '\n' {
                        self.newline.set(true);
                    }
                    continue;
                }
                TokenKind::Punct(_) => (Kind::Punct, false),
            };
            toks.push(Tok {
                start: t.start,
                end: t.end,
                kind,
                after_newline: self.newline.replace(false),
                cap,
            });
            self.gaps.borrow_mut().push(0);
        }
        true
    }

    /// Token `i`, if there is one.
    #[inline]
    pub fn get(&self, i: usize) -> Option<Tok> {
        if let Some(t) = self.toks.borrow().get(i) {
            return Some(*t);
        }
        if self.fill(i) {
            self.toks.borrow().get(i).copied()
        } else {
            None
        }
    }

    /// Token `i` (a punctuation token of no text past the end).
    #[inline]
    pub fn tok(&self, i: usize) -> Tok {
        self.get(i).unwrap_or(NONE)
    }

    /// The index of the token that starts at byte `p`, a token start after the first.
    pub fn index_of(&self, p: usize) -> Option<usize> {
        let mut i = 0;
        loop {
            let t = self.get(i)?;
            if t.start >= p {
                return (t.start == p).then_some(i);
            }
            i += 1;
        }
    }

    pub fn str(&self, i: usize) -> &'a str {
        self.get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.get(i).is_some_and(|t| t.kind == Kind::Punct) && self.str(i).starts_with(c)
    }

    /// A word that starts with a capital letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.get(i).is_some_and(|t| t.cap)
    }

    /// A word of capitals only (two letters or more).
    pub fn is_all_caps(&self, i: usize) -> bool {
        let s = self.str(i);
        // a lower-case letter (most words have one early) rules it out first
        self.is_word(i)
            && !s.chars().any(char::is_lowercase)
            && s.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
    }

    /// Token `i` follows token `i - 1` on the same line.
    pub fn joined(&self, i: usize) -> bool {
        i > 0
            && self
                .get(i)
                .is_some_and(|t| !t.after_newline && !self.wide_gap(i))
    }

    /// The source between tokens `i - 1` and `i` (both made) is more than a space (a
    /// menu's double spaces, link markup): the two do not belong to one name.
    fn wide_gap(&self, i: usize) -> bool {
        if self.map.is_none() {
            return false;
        }
        match self.gaps.borrow().get(i) {
            Some(0) => {}
            Some(&k) => return k == 2,
            None => return false,
        }
        let wide = self.measure_gap(i);
        if let Some(k) = self.gaps.borrow_mut().get_mut(i) {
            *k = if wide { 2 } else { 1 };
        }
        wide
    }

    /// [`Toks::wide_gap`], measured in the source map.
    fn measure_gap(&self, i: usize) -> bool {
        let (Some(m), Some(prev), Some(cur)) = (
            self.map,
            i.checked_sub(1).and_then(|p| self.get(p)),
            self.get(i),
        ) else {
            return false;
        };
        let prev = m.source_span(prev.start..prev.end).end;
        let cur = m.source_span(cur.start..cur.end).start;
        cur.saturating_sub(prev) > self.max_gap
    }

    /// Token `i` stands on a menu line: five words or more, every one capitalised, no
    /// punctuation of prose or lists and none of the prose words.
    #[cfg(test)]
    pub fn in_menu(&self, i: usize) -> bool {
        self.get(i).is_some_and(|t| self.in_menu_at(t.start))
    }

    /// [`Toks::in_menu`] of the token at byte `p`.
    pub fn in_menu_at(&self, p: usize) -> bool {
        let b = self.text.as_bytes();
        let (start, end, menu) = self.menu.get();
        if start <= p && p < end {
            return menu;
        }
        let head = b.get(..p).unwrap_or(&[]);
        let start = memchr::memrchr(b'\n', head).map_or(0, |n| n + 1);
        let end = memchr::memchr(b'\n', b.get(p..).unwrap_or(&[])).map_or(b.len(), |n| p + n);
        let menu = self.menu_line(start, end);
        self.menu.set((start, end, menu));
        menu
    }

    /// [`Toks::in_menu`] of the line at bytes `start..end`; cheapest tests first.
    fn menu_line(&self, start: usize, end: usize) -> bool {
        let line = || {
            let mut at = start;
            std::iter::from_fn(move || {
                let (t, next) = next_token(self.text, at)?;
                at = next;
                (t.start < end).then_some(t)
            })
        };
        let mut words = 0;
        for t in line() {
            match t.kind {
                TokenKind::Word if !upper_at(self.text, t.start) => return false,
                TokenKind::Word => words += 1,
                TokenKind::Punct(c) if c.is_whitespace() => {}
                // Quotes, brackets, commas and list dashes belong to prose and lists.
                TokenKind::Punct(c) => {
                    if !matches!(c, '|' | '·' | '•' | '/' | '›' | '»' | '>') {
                        return false;
                    }
                }
                TokenKind::Number => {}
            }
        }
        words >= 5
            && !line().any(|t| t.kind == TokenKind::Word && self.prose.contains(t.text(self.text)))
    }

    /// The first token that starts at or after byte `at`.
    pub fn at_byte(&self, at: usize) -> usize {
        let mut i = 0;
        while self.get(i).is_some_and(|t| t.start < at) {
            i += 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_punctuation() {
        let text = "w Busku-Zdroju (GOPS) nr 12,\nSzkoła- Pani";
        let none = LowerMap::new([]);
        let t = Toks::new(text, None, 6, &none);
        let words: Vec<&str> = (0..).take_while(|&i| t.has(i)).map(|i| t.str(i)).collect();
        assert_eq!(
            words,
            [
                "w",
                "Busku-Zdroju",
                "(",
                "GOPS",
                ")",
                "nr",
                "12",
                ",",
                "Szkoła",
                "-",
                "Pani"
            ]
        );
        assert!(t.tok(8).after_newline);
        assert_eq!(t.at_byte(9), 2);
        assert_eq!(t.at_byte(999), 11);
        assert!(!t.joined(8));
        assert!(t.is_all_caps(3));
        assert!(t.is_capitalised(1));
        // from a token boundary on: the same tokens
        t.reset(text.find("GOPS").unwrap_or(0));
        assert_eq!(t.str(0), "GOPS");
        assert_eq!(t.index_of(text.find("Pani").unwrap_or(0)), Some(7));
        assert!(t.tok(5).after_newline && !t.joined(5) && t.joined(6));
    }

    /// The tokens are the shared ones but white space.
    #[test]
    fn the_tokens_are_the_shared_ones() {
        let none = LowerMap::new([]);
        for text in crate::extract::corpus_texts() {
            let t = Toks::new(&text, None, 6, &none);
            let got: Vec<(usize, usize)> = (0..)
                .take_while(|&i| t.has(i))
                .map(|i| (t.tok(i).start, t.tok(i).end))
                .collect();
            let want: Vec<(usize, usize)> = crate::text::tokens::tokenize(&text)
                .into_iter()
                .filter(|x| !matches!(x.kind, TokenKind::Punct(c) if c.is_whitespace()))
                .map(|x| (x.start, x.end))
                .collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn menu_lines_and_wide_gaps() {
        let src = "Start  Gmina  Urząd  Oświata  Kontakt\nUrząd Gminy w Oksie\n- Lokalna Grupa Działania \"Ziemia Jędrzejowska\" GRYF";
        let m = Mapped::identity(src);
        let prose = LowerMap::new([("w".into(), ())]);
        let t = Toks::new(src, Some(&m), 1, &prose);
        assert!(t.in_menu(0) && t.in_menu(4));
        assert!(!t.in_menu(5));
        assert!(!t.joined(1));
        assert!(t.joined(6));
        assert!(!t.in_menu(17) && t.has(17) && !t.has(18));
        // a prose word in any letter case, or prose punctuation: no menu
        for src in [
            "Start Gmina W Urząd Kontakt",
            "Start Gmina, Urząd Oświata Kontakt",
        ] {
            let t = Toks::new(src, None, 1, &prose);
            assert!(!t.in_menu(0) && !t.in_menu(4), "{src}");
        }
        let src = "x\nStart Gmina | Urząd Oświata Kontakt\ny";
        let t = Toks::new(src, None, 1, &prose);
        assert!(!t.in_menu(0) && t.in_menu(1) && t.in_menu(6) && !t.in_menu(7));
    }
}
