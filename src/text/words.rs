//! Words for the extractors: fast paths for the per-character tests of the tokenisers
//! (letters, lower case) and word maps looked up in any letter case. Each answers exactly as the standard library does; the
//! Latin letters of Polish text are answered without the Unicode tables. The word maps
//! hash with rustc-hash's FxHash: rule words only are inserted, text is only looked up.

use rustc_hash::FxHasher;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

mod lower_map;
mod search;
use lower_map::same_length_lower;
pub use lower_map::{lower_eq, lower_set, LowerMap, U64Hasher};
pub use search::WordSearch;

/// Whether `c` is alphabetic (`char::is_alphabetic`).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{C0}'..='\u{24F}').contains(&c) {
        // Latin-1 letters and Latin Extended-A/B: all letters but × and ÷
        c != '×' && c != '÷'
    } else {
        c.is_alphabetic()
    }
}

/// The lower case of `c` when it is one character and a Latin-1 or Latin Extended-A
/// letter (or any other character of those blocks, unchanged); `None` elsewhere.
#[inline]
const fn latin_lower(c: char) -> Option<char> {
    let n = c as u32;
    let l = match n {
        0xC0..=0xDE if n != 0xD7 => n + 0x20,
        0xDF..=0xFF => n,
        // pairs upper (even) / lower (odd); U+0130 İ lowercases to two characters
        0x100..=0x137 if n != 0x130 => n | 1,
        0x138 => n,
        // pairs upper (odd) / lower (even)
        0x139..=0x148 => n + (n & 1),
        0x149 => n,
        0x14A..=0x177 => n | 1,
        0x178 => 0xFF,
        0x179..=0x17E => n + (n & 1),
        0x17F => n,
        _ => return None,
    };
    char::from_u32(l)
}

/// Whether `c` is uppercase (`char::is_uppercase`).
#[inline]
pub fn is_upper(c: char) -> bool {
    match latin_lower(c) {
        Some(l) => l != c,
        None => c.is_uppercase(),
    }
}

/// Whether the character at byte `at` of `text` (a char boundary) is a capital letter, as
/// `char::is_uppercase` has it (a title-case letter such as "ǅ" is none, unlike
/// [`is_upper`]).
pub fn capital_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => text
            .get(at..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase),
        None => false,
    }
}

/// Appends `word` in lower case to `out`, exactly as `str::to_lowercase` would.
pub fn push_lower(word: &str, out: &mut String) {
    if word.is_ascii() {
        let at = out.len();
        out.push_str(word);
        if let Some(s) = out.get_mut(at..) {
            s.make_ascii_lowercase();
        }
    } else if word.contains('Σ') {
        // the final sigma depends on its neighbours: the standard library knows how
        out.push_str(&word.to_lowercase());
    } else {
        for c in word.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if let Some(l) = latin_lower(c) {
                out.push(l);
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// Whether `c` is its own lower case.
#[inline]
pub fn lower_stable(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_uppercase()
    } else if let Some(l) = latin_lower(c) {
        l == c
    } else {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    }
}

/// Whether `word` can be the first part of a compound adjective ("Warmińsko" of
/// "Warmińsko-Mazurski"): four letters or more, ending in one of `endings` (lower case; the
/// `compound_endings` of `rules/institution/words.toml`, which the institutions and the
/// officials' roles both read).
pub fn is_compound_part(word: &str, endings: &[String]) -> bool {
    word.chars().count() >= 4 && {
        let l = lower(word);
        endings.iter().any(|e| l.ends_with(e.as_str()))
    }
}

/// `word` in lower case, as `str::to_lowercase` makes it; borrowed when it is written so.
pub fn lower(word: &str) -> Cow<'_, str> {
    let stable = if word.is_ascii() {
        !word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().all(lower_stable)
    };
    if stable {
        Cow::Borrowed(word)
    } else {
        let mut out = String::with_capacity(word.len());
        push_lower(word, &mut out);
        Cow::Owned(out)
    }
}

/// Multiplier of [`U64Hasher`]'s fallback for keys that are not one `u64`.
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The first three letters of words, as a cheap test that a word cannot be in a list: a
/// bit for each triple of lower-case Polish letters (or end of word), and the lengths in
/// bytes of the words of each triple. A word whose first letters are outside that alphabet
/// always passes.
#[derive(Debug)]
pub struct Initials {
    bits: Vec<u64>,
    /// A bit for each triple and length in bytes ([`length_bit`]), triples of the alphabet
    /// only.
    lengths: Vec<u64>,
}

/// Bits of [`Initials::lengths`].
const LENGTH_BITS: u32 = 16;

/// The bit of triple `i` and a word of `len` bytes (a hash: words of other lengths may
/// share it).
#[inline(always)]
fn length_bit(i: usize, len: usize) -> usize {
    let key = (i as u64) << 6 | len.min(63) as u64;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - LENGTH_BITS)) as usize
}

/// Whether triple `i` has a letter outside the alphabet.
#[inline(always)]
fn has_other(i: usize) -> bool {
    i >> 12 == OTHER || i >> 6 & 63 == OTHER || i & 63 == OTHER
}

/// Whether bit `i` of `bits` is set.
#[inline(always)]
fn bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|b| b >> (i % 64) & 1 == 1)
}

const OTHER: usize = 63;
const END: usize = 62;

/// The letter `c` (any case) as a number below 35, or [`OTHER`].
#[inline]
const fn symbol(c: char) -> usize {
    let l = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        match latin_lower(c) {
            Some(l) => l,
            None => return OTHER,
        }
    };
    match l {
        'a'..='z' => l as usize - 'a' as usize,
        'ą' => 26,
        'ć' => 27,
        'ę' => 28,
        'ł' => 29,
        'ń' => 30,
        'ó' => 31,
        'ś' => 32,
        'ź' => 33,
        'ż' => 34,
        _ => OTHER,
    }
}

/// [`symbol`] of each character of U+00C0..U+023F (two bytes in UTF-8, first byte
/// 0xC3..=0xC8).
static LATIN_SYMBOL: [u8; 0x180] = {
    let mut t = [OTHER as u8; 0x180];
    let mut i = 0;
    while i < 0x180 {
        if let Some(c) = char::from_u32(0xC0 + i as u32) {
            t[i] = symbol(c) as u8;
        }
        i += 1;
    }
    t
};

/// [`symbol`] of each ASCII character.
static ASCII_SYMBOL: [u8; 128] = {
    let mut t = [OTHER as u8; 128];
    let mut i = 0;
    while i < 26 {
        t[b'a' as usize + i] = i as u8;
        t[b'A' as usize + i] = i as u8;
        i += 1;
    }
    t
};

/// The bit of a word's first three letters ([`OTHER`] for a letter outside the alphabet,
/// [`END`] past the end).
#[inline(always)]
fn initials_bit(word: &str) -> usize {
    if let [x, y, z, ..] = *word.as_bytes() {
        if (x | y | z) < 0x80 {
            let s = |c: u8| usize::from(ASCII_SYMBOL[usize::from(c)]);
            return s(x) << 12 | s(y) << 6 | s(z);
        }
    }
    initials_bit_chars(word)
}

/// [`initials_bit`] of the word that starts at byte `p` of `b`, when its first letters
/// are ASCII and it has three of them or ends in an ASCII byte other than a hyphen.
#[inline(always)]
fn initials_at(b: &[u8], p: usize) -> Option<usize> {
    let s = |c: u8| usize::from(ASCII_SYMBOL[usize::from(c)]);
    // the word ends at an ASCII byte other than a letter or hyphen (or the text's end)
    let ends = |c: Option<&u8>| c.is_none_or(|&c| c < 0x80 && c != b'-');
    let x = *b.get(p)?;
    if !x.is_ascii_alphabetic() {
        return None;
    }
    let y = b.get(p + 1);
    if !y.is_some_and(u8::is_ascii_alphabetic) {
        return ends(y).then_some(s(x) << 12 | END << 6 | END);
    }
    let y = *y?;
    let z = b.get(p + 2);
    if !z.is_some_and(u8::is_ascii_alphabetic) {
        return ends(z).then_some(s(x) << 12 | s(y) << 6 | END);
    }
    Some(s(x) << 12 | s(y) << 6 | s(*z?))
}

/// Letters of a word's head (see [`ascii_head`]).
const HEAD: usize = 5;
/// Bits of [`LowerMap::heads`].
const HEAD_BITS: u32 = 16;

/// The bit of head `h` (a hash: other heads may share it).
#[inline(always)]
fn head_bit(h: u64) -> usize {
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - HEAD_BITS)) as usize
}

/// The head of the word that starts at byte `p` of `b`, in lower case, as the bytes of a
/// number: its first `HEAD` letters when they are ASCII letters, or the whole word when
/// it is shorter and ends at an ASCII byte other than a hyphen (or the end of `b`);
/// `None` otherwise. A word whose lower case is a key has the key's head, if any.
#[inline(always)]
pub fn ascii_head(b: &[u8], p: usize) -> Option<u64> {
    let v = crate::swar::load8(b, p);
    let n = crate::swar::leading(crate::swar::ascii_letter_bits(v));
    if n < HEAD {
        let stop = (v >> (8 * n)) as u8;
        if stop >= 0x80 || stop == b'-' || n == 0 {
            return None;
        }
    }
    let n = n.min(HEAD);
    // ASCII letters in lower case, the bytes after the head cleared
    Some((v | 0x2020_2020_2020_2020) & ((1u64 << (8 * n)) - 1))
}

/// [`initials_bit`] of the word that starts at byte `p` of `text` (letters, and a hyphen
/// between letters); the letters of U+00C0..U+023F decoded from their two bytes.
#[inline(never)]
fn initials_at_chars(text: &str, p: usize) -> usize {
    let b = text.as_bytes();
    let mut i = p;
    let mut idx = 0;
    let mut ended = false;
    for _ in 0..3 {
        let s = if ended {
            END
        } else {
            match symbol_at(text, i) {
                Some((s, n)) => {
                    i += n;
                    s
                }
                None if b.get(i) == Some(&b'-') && symbol_at(text, i + 1).is_some() => {
                    i += 1;
                    OTHER
                }
                None => {
                    ended = true;
                    END
                }
            }
        };
        idx = idx * 64 + s;
    }
    idx
}

/// The [`symbol`] of the letter at byte `i` of `text` and its length in bytes, if a
/// letter starts there.
#[inline(always)]
fn symbol_at(text: &str, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let x = *b.get(i)?;
    if x < 0x80 {
        return x
            .is_ascii_alphabetic()
            .then_some((usize::from(ASCII_SYMBOL[usize::from(x)]), 1));
    }
    if (0xC3..=0xC8).contains(&x) {
        let y = *b.get(i + 1)?;
        // U+00D7 × and U+00F7 ÷ are no letters
        if (0x80..0xC0).contains(&y) && !(x == 0xC3 && (y == 0x97 || y == 0xB7)) {
            let k = usize::from(x - 0xC3) << 6 | usize::from(y & 0x3F);
            return LATIN_SYMBOL.get(k).map(|&s| (usize::from(s), 2));
        }
    }
    let c = text.get(i..)?.chars().next()?;
    is_letter(c).then(|| (symbol(c), c.len_utf8()))
}

/// [`initials_bit`] char by char.
#[inline(never)]
fn initials_bit_chars(word: &str) -> usize {
    let mut cs = word.chars();
    let mut idx = 0;
    for _ in 0..3 {
        idx = idx * 64 + cs.next().map_or(END, symbol);
    }
    idx
}

impl Initials {
    /// The initials of the list `words`, for [`Initials::may_hold`] and
    /// [`Initials::may_start`] to test other words against.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Initials {
        let mut bits = vec![0u64; 64 * 64 * 64 / 64];
        let mut lengths = vec![0u64; 1 << LENGTH_BITS >> 6];
        for w in words {
            let i = initials_bit(w);
            if let Some(b) = bits.get_mut(i / 64) {
                *b |= 1 << (i % 64);
            }
            let l = length_bit(i, w.len());
            if let Some(b) = lengths.get_mut(l / 64) {
                *b |= 1 << (l % 64);
            }
        }
        // a word with a letter outside the alphabet among its first three always passes:
        // bit OTHER of each word, every bit of the words of first or second letter OTHER
        for (w, b) in bits.iter_mut().enumerate() {
            *b |= 1 << OTHER;
            if w >> 6 == OTHER || w & 63 == OTHER {
                *b = u64::MAX;
            }
        }
        Initials { bits, lengths }
    }

    /// False when no word of the list lowercases to the lower case of the word that
    /// starts at byte `p` of `text`; told by its first bytes when they are ASCII letters
    /// and the word's end, true otherwise.
    #[inline(always)]
    pub fn may_start(&self, text: &str, p: usize) -> bool {
        let i = match initials_at(text.as_bytes(), p) {
            Some(i) => i,
            None => initials_at_chars(text, p),
        };
        bit(&self.bits, i)
    }

    /// False when no word of the list lowercases to `word`'s lower case.
    #[inline(always)]
    pub fn may_hold(&self, word: &str) -> bool {
        let i = initials_bit(word);
        // a triple with a letter outside the alphabet stands for several: any length
        bit(&self.bits, i)
            && (bit(&self.lengths, length_bit(i, word.len()))
                || has_other(i)
                || !same_length_lower(word))
    }
}

pub use rustc_hash::{FxHashMap, FxHashSet};

#[cfg(test)]
mod tests;
