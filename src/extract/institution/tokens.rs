//! Words, numbers and punctuation of the normalised text, with what stands between them.

use crate::extract::official::{Token, TokenKind};
use crate::text::Mapped;
use crate::words::{is_upper, LowerMap};
use std::cell::Cell;

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

/// The tokens with their text, and tests on them.
pub struct Toks<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// The source map: gaps are measured in the source, when asked.
    map: Option<&'a Mapped>,
    max_gap: usize,
    /// [`Toks::wide_gap`] of each token once asked: 0 not yet, 1 narrow, 2 wide.
    gaps: Vec<Cell<u8>>,
    /// Small words of prose: a line with one is no menu.
    prose: &'a LowerMap<()>,
    /// The last line asked about by [`Toks::in_menu`]: its token range and the answer.
    menu: Cell<(usize, usize, bool)>,
}

impl<'a> Toks<'a> {
    /// The tokens of `text` (its shared token list `list`); with `map`, gaps are measured
    /// in the source and menu lines marked (`max_gap`: the widest source gap, in bytes,
    /// inside a name). A line with one of `prose` ("w", "i") is no menu.
    pub fn new(
        text: &'a str,
        list: &[Token],
        map: Option<&'a Mapped>,
        max_gap: usize,
        prose: &'a LowerMap<()>,
    ) -> Toks<'a> {
        let mut toks: Vec<Tok> = Vec::with_capacity(list.len());
        let mut newline = false;
        for t in list {
            let (kind, cap) = match t.kind {
                TokenKind::Word => (Kind::Word, starts_upper(text, t.start)),
                TokenKind::Number => (Kind::Number, false),
                // Line breaks and other white space become the next token's flag.
                TokenKind::Punct(c) if c.is_whitespace() => {
                    newline |= c == '\n';
                    continue;
                }
                TokenKind::Punct(_) => (Kind::Punct, false),
            };
            toks.push(Tok {
                start: t.start,
                end: t.end,
                kind,
                after_newline: newline,
                cap,
            });
            newline = false;
        }
        let gaps = if map.is_some() {
            vec![Cell::new(0); toks.len()]
        } else {
            Vec::new()
        };
        Toks {
            text,
            toks,
            map,
            max_gap,
            gaps,
            prose,
            menu: Cell::new((0, 0, false)),
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn str(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct) && self.str(i).starts_with(c)
    }

    /// A word that starts with a capital letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
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
                .toks
                .get(i)
                .is_some_and(|t| !t.after_newline && !self.wide_gap(i))
    }

    /// The source between tokens `i - 1` and `i` is more than a space (a menu's double
    /// spaces, link markup): the two do not belong to one name.
    fn wide_gap(&self, i: usize) -> bool {
        let Some(known) = self.gaps.get(i) else {
            return false;
        };
        match known.get() {
            0 => {}
            k => return k == 2,
        }
        let wide = self.measure_gap(i);
        known.set(if wide { 2 } else { 1 });
        wide
    }

    /// [`Toks::wide_gap`], measured in the source map.
    fn measure_gap(&self, i: usize) -> bool {
        let (Some(m), Some(prev), Some(cur)) = (
            self.map,
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) else {
            return false;
        };
        let prev = m.source_span(prev.start..prev.end).end;
        let cur = m.source_span(cur.start..cur.end).start;
        cur.saturating_sub(prev) > self.max_gap
    }

    /// Token `i` stands on a menu line: five words or more, every one capitalised, no
    /// punctuation of prose or lists and none of the prose words.
    pub fn in_menu(&self, i: usize) -> bool {
        if i >= self.toks.len() {
            return false;
        }
        let (start, end, menu) = self.menu.get();
        if start <= i && i < end {
            return menu;
        }
        let start = (1..=i)
            .rev()
            .find(|&k| self.toks[k].after_newline)
            .unwrap_or(0);
        let end = (i + 1..self.toks.len())
            .find(|&k| self.toks[k].after_newline)
            .unwrap_or(self.toks.len());
        let menu = self.menu_line(&self.toks[start..end]);
        self.menu.set((start, end, menu));
        menu
    }

    /// [`Toks::in_menu`] of the tokens of one line; cheapest tests first.
    fn menu_line(&self, line: &[Tok]) -> bool {
        let mut words = 0;
        for t in line {
            match t.kind {
                Kind::Word if !t.cap => return false,
                Kind::Word => words += 1,
                // Quotes, brackets, commas and list dashes belong to prose and lists.
                Kind::Punct => {
                    let c = self.text.get(t.start..).and_then(|s| s.chars().next());
                    if !matches!(c, Some('|' | '·' | '•' | '/' | '›' | '»' | '>')) {
                        return false;
                    }
                }
                Kind::Number => {}
            }
        }
        words >= 5
            && !line.iter().any(|t| {
                t.kind == Kind::Word
                    && self
                        .prose
                        .contains(self.text.get(t.start..t.end).unwrap_or(""))
            })
    }

    /// The first token that starts at or after byte `at`.
    pub fn at_byte(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.start < at)
    }
}

/// Whether the character at byte `at` of `text` is uppercase.
#[inline]
fn starts_upper(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => text
            .get(at..)
            .and_then(|s| s.chars().next())
            .is_some_and(is_upper),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::official::tokenize;

    #[test]
    fn words_numbers_punctuation() {
        let text = "w Busku-Zdroju (GOPS) nr 12,\nSzkoła- Pani";
        let none = LowerMap::new([]);
        let t = Toks::new(text, &tokenize(text), None, 6, &none);
        let words: Vec<&str> = (0..t.len()).map(|i| t.str(i)).collect();
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
        assert!(t.toks[8].after_newline);
        assert!(!t.joined(8));
        assert!(t.is_all_caps(3));
        assert!(t.is_capitalised(1));
    }

    #[test]
    fn menu_lines_and_wide_gaps() {
        let src = "Start  Gmina  Urząd  Oświata  Kontakt\nUrząd Gminy w Oksie\n- Lokalna Grupa Działania \"Ziemia Jędrzejowska\" GRYF";
        let m = Mapped::identity(src);
        let prose = LowerMap::new([("w".into(), ())]);
        let t = Toks::new(src, &tokenize(src), Some(&m), 1, &prose);
        assert!(t.in_menu(0) && t.in_menu(4));
        assert!(!t.in_menu(5));
        assert!(!t.joined(1));
        assert!(t.joined(6));
        assert!(!t.in_menu(t.len() - 1));
        // a prose word in any letter case, or prose punctuation: no menu
        for src in [
            "Start Gmina W Urząd Kontakt",
            "Start Gmina, Urząd Oświata Kontakt",
        ] {
            let t = Toks::new(src, &tokenize(src), None, 1, &prose);
            assert!(!t.in_menu(0) && !t.in_menu(4), "{src}");
        }
        let src = "x\nStart Gmina | Urząd Oświata Kontakt\ny";
        let t = Toks::new(src, &tokenize(src), None, 1, &prose);
        assert!(!t.in_menu(0) && t.in_menu(1) && t.in_menu(6) && !t.in_menu(7));
    }
}
