//! Words and punctuation of the normalised text, with byte ranges.

use crate::swar::{ascii_letter_bits, leading, load8};
use crate::text::words::{ascii_head, capital_at, is_letter, is_upper, lower, lower_stable};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

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

/// A word, number or punctuation mark of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of its first byte in the text it was made from.
    pub start: usize,
    /// Byte offset just after its last byte.
    pub end: usize,
    /// Whether it is a word, a number or punctuation.
    pub kind: Kind,
}

impl Token {
    /// Its words in `text` (the text it was made from); empty when the range does not fit.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether it is a word (letters).
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// Whether it is the punctuation character `c` (`'\n'` for a line break).
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// Whether it starts with a capital letter ([`capital_at`]).
    pub fn capital(&self, text: &str) -> bool {
        capital_at(text, self.start)
    }
}

/// Byte classes of the tokeniser.
const SKIP: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const OTHER: u8 = 3;
/// Lead byte of a two-byte character U+00C0..U+023F: a letter but for × and ÷.
const LATIN: u8 = 4;
/// Any other byte of a non-ASCII character.
const HIGH: u8 = 5;

static CLASS: [u8; 256] = {
    let mut t = [HIGH; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b' ' || c == b'\t' || c == b'\r' {
            SKIP
        } else {
            OTHER
        };
        i += 1;
    }
    let mut i = 0xC3;
    while i <= 0xC8 {
        t[i] = LATIN;
        i += 1;
    }
    t
};

/// The length of the letter at byte `i`, if one starts there.
#[inline(always)]
fn letter_len(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let x = *b.get(i)?;
    match CLASS[usize::from(x)] {
        LETTER => Some(1),
        // U+00D7 × and U+00F7 ÷ are no letters
        LATIN if !(x == 0xC3 && matches!(b.get(i + 1), Some(0x97 | 0xB7))) => Some(2),
        LATIN | HIGH => {
            let c = text.get(i..)?.chars().next()?;
            is_letter(c).then(|| c.len_utf8())
        }
        _ => None,
    }
}

/// Bytes that go on a word: ASCII letters, lead bytes of U+00C0..U+023F (all letters but
/// × and ÷) and continuation bytes but 0x97 and 0xB7 (the second bytes of × and ÷). A word
/// is scanned over these and the rare stops inside a character are looked at one by one.
static IN_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphabetic()
            || (c >= 0xC3 && c <= 0xC8)
            || (c >= 0x80 && c <= 0xBF && c != 0x97 && c != 0xB7);
        i += 1;
    }
    t
};

/// The end of the word whose letters continue at byte `j`: letters, and a hyphen between
/// two letters ("Busku-Zdroju"); a hyphen before anything else is a dash.
#[inline(always)]
fn word_end(text: &str, mut j: usize) -> usize {
    let b = text.as_bytes();
    loop {
        while let Some(chunk) = b.get(j..j + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            let n = leading(ascii_letter_bits(u64::from_le_bytes(chunk)));
            j += n;
            if n < 8 {
                break;
            }
        }
        while b.get(j).is_some_and(|&x| IN_WORD[usize::from(x)]) {
            j += 1;
        }
        match b.get(j) {
            Some(b'-') => match letter_len(text, j + 1) {
                Some(n) => j += 1 + n,
                None => return j,
            },
            // a second byte 0x97 or 0xB7: back to its first
            Some(&x) if (0x80..0xC0).contains(&x) => match letter_len(text, j - 1) {
                Some(n) => j += n - 1,
                None => return j - 1,
            },
            Some(&x) if x >= 0x80 => match letter_len(text, j) {
                Some(n) => j += n,
                None => return j,
            },
            _ => return j,
        }
    }
}

/// The token at or after byte `i` (a token boundary) and the byte where the next one is
/// looked for; spaces, tabs and carriage returns separate tokens and are dropped, line
/// breaks are tokens.
#[inline]
pub fn next_token(text: &str, mut i: usize) -> Option<(Token, usize)> {
    let b = text.as_bytes();
    loop {
        let x = *b.get(i)?;
        let start = i;
        let kind = match CLASS[usize::from(x)] {
            SKIP => {
                i += 1;
                continue;
            }
            LETTER => {
                i = word_end(text, i + 1);
                Kind::Word
            }
            DIGIT => {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                Kind::Number
            }
            OTHER => {
                i += 1;
                Kind::Punct(char::from(x))
            }
            _ => match letter_len(text, i) {
                Some(n) => {
                    i = word_end(text, i + n);
                    Kind::Word
                }
                None => {
                    let c = text.get(i..)?.chars().next()?;
                    i += c.len_utf8();
                    Kind::Punct(c)
                }
            },
        };
        let token = Token {
            start,
            end: i,
            kind,
        };
        // most tokens are followed by one space: step over it without a class lookup
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
        return Some((token, i));
    }
}

/// Splits `text` into tokens ([`next_token`] from its start): the reference of the tests.
#[cfg(test)]
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut list = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while let Some((t, next)) = next_token(text, i) {
        list.push(t);
        i = next;
    }
    list
}

/// The word that starts at byte `p` (a start from [`word_starts`]).
pub fn word_at(text: &str, p: usize) -> &str {
    let end = match letter_len(text, p) {
        Some(n) => word_end(text, p + n),
        None => p,
    };
    text.get(p..end).unwrap_or("")
}

/// The word that starts at byte `p` (a start from [`word_starts`]) as a token.
pub fn word_token(text: &str, p: usize) -> Token {
    Token {
        start: p,
        end: p + word_at(text, p).len(),
        kind: Kind::Word,
    }
}

/// The bytes where the words of `text` start, as `tokenize` finds them, without
/// tokenising: eight bytes at a time, a letter after a byte that is no ASCII letter is
/// looked at.
pub fn word_starts(text: &str) -> Vec<WordStart> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 6);
    // the ASCII-letter bit of the byte before the chunk, as bit 7 of its first byte
    let mut carry = 0u64;
    let mut base = 0;
    while base < b.len() {
        let v = load8(b, base);
        let letters = ascii_letter_bits(v);
        // first bytes of characters of two bytes or more
        let leads = v & (v << 1) & crate::swar::HIGH;
        let after_letter = letters << 8 | carry;
        carry = letters >> 56;
        let mut cand = (letters | leads) & !after_letter;
        while cand != 0 {
            let p = base + cand.trailing_zeros() as usize / 8;
            cand &= cand - 1;
            if starts_word(text, p) {
                out.push(WordStart {
                    at: p,
                    head: ascii_head(b, p).unwrap_or(0),
                });
            }
        }
        base += 8;
    }
    out
}

/// Where a word starts, and its first letters when they are ASCII
/// ([`crate::text::words::ascii_head`], 0 for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordStart {
    /// Byte offset where the word starts.
    pub at: usize,
    /// Its lower-case head as [`crate::text::words::ascii_head`] packs it; 0 for none.
    pub head: u64,
}

/// Whether a word starts at byte `p`, an ASCII letter or the first byte of a character,
/// not after an ASCII letter.
#[inline]
fn starts_word(text: &str, p: usize) -> bool {
    let b = text.as_bytes();
    if b.get(p).is_some_and(|&x| x >= 0x80) && letter_len(text, p).is_none() {
        return false;
    }
    match p.checked_sub(1).and_then(|q| b.get(q)) {
        None => true,
        // a hyphen between two letters is inside a word
        Some(b'-') => !letter_before(text, p - 1),
        Some(&y) if y < 0x80 => true,
        Some(_) => !letter_before(text, p),
    }
}

/// Whether the character that ends at byte `q` is a letter.
#[inline]
fn letter_before(text: &str, q: usize) -> bool {
    let b = text.as_bytes();
    let Some(&y) = q.checked_sub(1).and_then(|k| b.get(k)) else {
        return false;
    };
    if y < 0x80 {
        return y.is_ascii_alphabetic();
    }
    // the second byte of U+00C0..U+023F: a letter but for × and ÷
    if let Some(&x) = q.checked_sub(2).and_then(|k| b.get(k)) {
        if (0xC3..=0xC8).contains(&x) && y < 0xC0 {
            return !(x == 0xC3 && (y == 0x97 || y == 0xB7));
        }
    }
    text.get(..q)
        .and_then(|s| s.chars().next_back())
        .is_some_and(is_letter)
}

/// Tokens of a text from a token boundary on, made as far as they are asked for.
pub struct Toks<'a> {
    /// The text the tokens are made from.
    pub text: &'a str,
    list: RefCell<Vec<Token>>,
    /// The byte where the next token is looked for.
    next: Cell<usize>,
}

/// What stands for a token past the end of the text (never a word).
const NONE: Token = Token {
    start: 0,
    end: 0,
    kind: Kind::Punct('\0'),
};

impl<'a> Toks<'a> {
    /// The tokens of `text` from byte `from`, a token boundary.
    pub fn new(text: &'a str, from: usize) -> Toks<'a> {
        Toks {
            text,
            list: RefCell::new(Vec::with_capacity(32)),
            next: Cell::new(from),
        }
    }

    /// Starts again at byte `from`, a token boundary.
    pub fn reset(&self, from: usize) {
        self.list.borrow_mut().clear();
        self.next.set(from);
    }

    /// Whether there is a token `k`.
    #[inline]
    pub fn has(&self, k: usize) -> bool {
        k < self.list.borrow().len() || self.fill(k)
    }

    #[inline(never)]
    fn fill(&self, k: usize) -> bool {
        let mut list = self.list.borrow_mut();
        while list.len() <= k {
            match next_token(self.text, self.next.get()) {
                Some((t, next)) => {
                    list.push(t);
                    self.next.set(next);
                }
                None => {
                    self.next.set(self.text.len());
                    return false;
                }
            }
        }
        true
    }

    /// Token `k`, if there is one.
    #[inline]
    pub fn get(&self, k: usize) -> Option<Token> {
        if let Some(t) = self.list.borrow().get(k) {
            return Some(*t);
        }
        if self.fill(k) {
            self.list.borrow().get(k).copied()
        } else {
            None
        }
    }

    /// Token `k` (a punctuation token of no text past the end).
    #[inline]
    pub fn at(&self, k: usize) -> Token {
        self.get(k).unwrap_or(NONE)
    }

    /// The index of the token that starts at byte `p`, a token start after the first.
    pub fn index_of(&self, p: usize) -> Option<usize> {
        let mut k = 0;
        loop {
            let t = self.get(k)?;
            if t.start >= p {
                return (t.start == p).then_some(k);
            }
            k += 1;
        }
    }

    /// The text of token `k` ("" past the end).
    pub fn str(&self, k: usize) -> &'a str {
        self.get(k).map_or("", |t| t.text(self.text))
    }

    /// Token `k` in lower case (`str::to_lowercase`; "" past the end), borrowed when it
    /// is written so.
    pub fn low(&self, k: usize) -> Cow<'a, str> {
        lower(self.str(k))
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

/// True when the word starts with an uppercase letter ([`upper_at`]).
#[inline]
pub fn capitalised(w: &str) -> bool {
    upper_at(w, 0)
}

/// Whether the character at byte `at` of `text` is uppercase ([`is_upper`]: a title-case
/// letter counts, unlike [`capital_at`]).
#[inline(always)]
pub fn upper_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => text
            .get(at..)
            .and_then(|s| s.chars().next())
            .is_some_and(is_upper),
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

/// Whether [`title_case`] leaves `w` as it is.
pub fn is_title_case(w: &str) -> bool {
    let mut start = true;
    for c in w.chars() {
        let same = if start {
            let mut u = c.to_uppercase();
            u.next() == Some(c) && u.next().is_none()
        } else {
            lower_stable(c)
        };
        if !same {
            return false;
        }
        start = c == '-';
    }
    true
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
mod tests;
