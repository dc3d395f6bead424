//! Words and punctuation of the normalised text, with byte ranges.

use crate::words::{is_letter, is_upper, lower};
use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with inner hyphens joined ("Busku-Zdroju", "Sowy-Kamińskiej").
    Word,
    /// Digits.
    Number,
    /// One punctuation character; a line break is `'\n'`.
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// What [`scan`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// Letters, with inner hyphens joined.
    Word,
    /// ASCII digits.
    Number,
    /// Any other character (tabs and line breaks included; plain spaces are skipped).
    Other(char),
}

/// The character at byte `i` and its length.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some((char::from(b), 1)),
        Some(_) => text
            .get(i..)
            .and_then(|s| s.chars().next())
            .map(|c| (c, c.len_utf8())),
        None => None,
    }
}

/// The end of the word whose letters continue at byte `j`: letters, and a hyphen between
/// two letters ("Busku-Zdroju"); a hyphen before anything else is a dash.
#[inline(always)]
fn word_end(text: &str, mut j: usize) -> usize {
    let b = text.as_bytes();
    loop {
        j += b.get(j..).map_or(0, |r| {
            r.iter().take_while(|c| c.is_ascii_alphabetic()).count()
        });
        match char_at(text, j) {
            Some((c, n)) if !c.is_ascii() && is_letter(c) => j += n,
            Some(('-', _)) if char_at(text, j + 1).is_some_and(|(d, _)| is_letter(d)) => j += 1,
            _ => return j,
        }
    }
}

/// Splits `text` into words, numbers and single other characters: `f(start, end, piece)`.
/// Plain spaces separate tokens and are not reported.
#[inline]
pub fn scan(text: &str, mut f: impl FnMut(usize, usize, Piece)) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x == b' ' {
            i += 1;
        } else if x.is_ascii_alphabetic() {
            let end = word_end(text, i + 1);
            f(i, end, Piece::Word);
            i = end;
        } else if x.is_ascii_digit() {
            let mut end = i + 1;
            while b.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            f(i, end, Piece::Number);
            i = end;
        } else if x.is_ascii() {
            f(i, i + 1, Piece::Other(char::from(x)));
            i += 1;
        } else {
            let Some((c, n)) = char_at(text, i) else {
                break;
            };
            if is_letter(c) {
                let end = word_end(text, i + n);
                f(i, end, Piece::Word);
                i = end;
            } else {
                f(i, i + n, Piece::Other(c));
                i += n;
            }
        }
    }
}

/// Splits `text` into tokens; spaces, tabs and carriage returns separate them and are
/// dropped, line breaks are tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut list = Vec::with_capacity(text.len() / 5);
    scan(text, |start, end, piece| {
        let kind = match piece {
            Piece::Word => Kind::Word,
            Piece::Number => Kind::Number,
            Piece::Other(' ' | '\t' | '\r') => return,
            Piece::Other(c) => Kind::Punct(c),
        };
        list.push(Token { start, end, kind });
    });
    list
}

/// The tokens of a text.
pub struct Toks<'a> {
    pub text: &'a str,
    list: &'a [Token],
}

impl<'a> Toks<'a> {
    /// The tokens `list` of `text` (made by [`tokenize`]).
    pub fn new(text: &'a str, list: &'a [Token]) -> Toks<'a> {
        Toks { text, list }
    }

    /// The text of token `k` ("" past the end).
    pub fn str(&self, k: usize) -> &'a str {
        self.list.get(k).map_or("", |t| t.text(self.text))
    }

    /// Token `k` in lower case (`str::to_lowercase`; "" past the end), borrowed when it
    /// is written so.
    pub fn low(&self, k: usize) -> Cow<'a, str> {
        lower(self.str(k))
    }
}

impl std::ops::Deref for Toks<'_> {
    type Target = [Token];

    fn deref(&self) -> &[Token] {
        self.list
    }
}

/// True when every letter of `w` is uppercase and there are at least two.
pub fn all_caps(w: &str) -> bool {
    let mut n = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            n += 1;
        }
    }
    n >= 2
}

/// True when the word starts with an uppercase letter.
#[inline]
pub fn capitalised(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => w.chars().next().is_some_and(is_upper),
        None => false,
    }
}

/// "józef" / "JÓZEF" → "Józef"; each hyphen-joined part is capitalised ("Sowa-Kamińska").
pub fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == '-';
    }
    out
}

/// The first letter uppercase, the rest as it is.
pub fn upper_first(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_inner_hyphens_and_splits_dashes() {
        let t = "Sowy-Kamińskiej, Bogorii- Pani 12 r.";
        let list = tokenize(t);
        let toks = Toks::new(t, &list);
        let words: Vec<&str> = (0..toks.len()).map(|k| toks.str(k)).collect();
        assert_eq!(
            words,
            [
                "Sowy-Kamińskiej",
                ",",
                "Bogorii",
                "-",
                "Pani",
                "12",
                "r",
                "."
            ]
        );
        assert_eq!(toks.low(0), "sowy-kamińskiej");
        // every character between letters, as `char::is_alphabetic` has it
        for c in ('\u{80}'..='\u{2FF}').chain(['-', '\u{2028}', 'Σ', 'ж', '中']) {
            for t in [
                format!("a{c}b"),
                format!("a{c}"),
                format!("{c}b"),
                format!("ą{c}-ż"),
            ] {
                let list = tokenize(&t);
                let toks = Toks::new(&t, &list);
                let words: Vec<&str> = (0..toks.len())
                    .filter(|&k| toks[k].is_word())
                    .map(|k| toks.str(k))
                    .collect();
                let mut want: Vec<String> = Vec::new();
                let mut cur = String::new();
                let cs: Vec<char> = t.chars().collect();
                for (i, &d) in cs.iter().enumerate() {
                    let inner_hyphen = d == '-'
                        && !cur.is_empty()
                        && cs.get(i + 1).is_some_and(|n| n.is_alphabetic());
                    if d.is_alphabetic() || inner_hyphen {
                        cur.push(d);
                    } else if !cur.is_empty() {
                        want.push(std::mem::take(&mut cur));
                    }
                }
                if !cur.is_empty() {
                    want.push(cur);
                }
                assert_eq!(words, want, "{t:?}");
            }
        }
        assert_eq!(toks.low(4), "pani");
        assert_eq!(toks.low(99), "");
    }

    #[test]
    fn title_cases_capitals() {
        assert_eq!(title_case("KOZIEŁ"), "Kozieł");
        assert_eq!(title_case("sowa-kamińska"), "Sowa-Kamińska");
        assert!(all_caps("WÓJT"));
        assert!(!all_caps("Wójt"));
    }
}
