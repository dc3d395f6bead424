//! Words and punctuation of the normalised text, with byte ranges.

use crate::swar::{ascii_letter_bits, leading, load8};
use crate::words::{ascii_head, is_letter, is_upper, lower, lower_stable};
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

/// The bytes where the words of `text` start, as [`tokenize`] finds them, without
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
/// ([`crate::words::ascii_head`], 0 for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordStart {
    pub at: usize,
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
mod tests {
    use super::*;

    #[test]
    fn joins_inner_hyphens_and_splits_dashes() {
        let t = "Sowy-Kamińskiej, Bogorii- Pani 12 r.";
        let toks = Toks::new(t, 0);
        let words: Vec<&str> = (0..)
            .take_while(|&k| toks.has(k))
            .map(|k| toks.str(k))
            .collect();
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
                let toks = Toks::new(&t, 0);
                let words: Vec<&str> = (0..)
                    .take_while(|&k| toks.has(k))
                    .filter(|&k| toks.at(k).is_word())
                    .map(|k| toks.str(k))
                    .collect();
                let starts: Vec<&str> = word_starts(&t).iter().map(|w| word_at(&t, w.at)).collect();
                assert_eq!(starts, words, "{t:?}");
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
    fn word_starts_as_the_tokeniser_finds_them() {
        let pieces = [
            "a", "Ż", "ó", "-", " ", "\n", "1", "×", "÷", "ė", "…", "€", "Σ", "ж", "\"", "Wójt",
            "x-", "İ",
        ];
        // every string of up to three pieces, and longer ones across the eight-byte chunks
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            let mut more = Vec::new();
            for t in &texts {
                for p in pieces {
                    more.push(format!("{t}{p}"));
                }
            }
            texts.extend(more);
            texts.dedup();
        }
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..20 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            texts.push(t);
        }
        for t in &texts {
            let want: Vec<usize> = tokenize(t)
                .iter()
                .filter(|k| k.is_word())
                .map(|k| k.start)
                .collect();
            let starts: Vec<usize> = word_starts(t).iter().map(|w| w.at).collect();
            assert_eq!(starts, want, "{t:?}");
            for k in tokenize(t).iter().filter(|k| k.is_word()) {
                assert_eq!(word_at(t, k.start), k.text(t));
            }
            // from any token boundary, the lazy tokens are the rest of the list
            let list = tokenize(t);
            for (n, k) in list.iter().enumerate() {
                let toks = Toks::new(t, k.start);
                assert_eq!(toks.get(list.len() - n - 1), list.last().copied());
                assert!(!toks.has(list.len() - n));
                assert_eq!(toks.at(0), *k);
            }
        }
    }

    #[test]
    fn letters_eight_at_a_time() {
        for x in 0..=255u8 {
            for at in 0..8 {
                let mut v = *b"abcdWXYZ";
                v[at] = x;
                let want = if x.is_ascii_alphabetic() { 8 } else { at };
                assert_eq!(
                    leading(ascii_letter_bits(u64::from_le_bytes(v))),
                    want,
                    "{x} at {at}"
                );
            }
        }
        let t = "Przewodniczącego Rady Miejskiej@Kraków×Żółć-Abcdefghij-x Zdroju-";
        let words: Vec<&str> = tokenize(t)
            .iter()
            .filter(|k| k.is_word())
            .map(|k| k.text(t))
            .collect();
        assert_eq!(
            words,
            [
                "Przewodniczącego",
                "Rady",
                "Miejskiej",
                "Kraków",
                "Żółć-Abcdefghij-x",
                "Zdroju"
            ]
        );
    }

    #[test]
    fn title_cases_capitals() {
        assert_eq!(title_case("KOZIEŁ"), "Kozieł");
        assert_eq!(title_case("sowa-kamińska"), "Sowa-Kamińska");
        for w in [
            "Józef",
            "józef",
            "JÓZEF",
            "Sowa-Kamińska",
            "Sowa-kamińska",
            "ǅemal",
            "İlker",
            "Ölçer",
            "ΣΟΣ",
            "Σος",
            "A",
            "",
            "-A",
            "Ab-",
            "Straße",
            "ﬁx",
            "Ǆ",
        ] {
            assert_eq!(is_title_case(w), title_case(w) == w, "{w}");
        }
        assert!(all_caps("WÓJT"));
        assert!(!all_caps("Wójt"));
    }
}
