//! Words of the normalised text: runs of letters, with a hyphen inside a word kept
//! ("Kudowa-Zdrój", "Miejsko-Wiejska"). A hyphen belongs to a word when letters stand on
//! both sides of it, so a word starts and ends with a letter.

/// A word: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether the word starts with a capital letter.
    pub fn capitalised(&self, text: &str) -> bool {
        capital_at(text, self.start)
    }
}

/// Whether the character at byte `at` of `text` (a char boundary) is a capital letter.
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

use crate::text::words::is_letter;

/// The letter starting at byte `i` of `text` (on a char boundary) and its length in bytes,
/// or `None` for any other character (or the end).
#[inline]
fn letter_at(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return b.is_ascii_alphabetic().then_some(1);
    }
    let c = text.get(i..)?.chars().next()?;
    is_letter(c).then(|| c.len_utf8())
}

/// The letter ending at byte `i` of `text` (on a char boundary) and its length in bytes,
/// or `None` for any other character (or the start).
#[inline]
fn letter_before(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i.checked_sub(1)?)?;
    if b.is_ascii() {
        return b.is_ascii_alphabetic().then_some(1);
    }
    let c = text.get(..i)?.chars().next_back()?;
    is_letter(c).then(|| c.len_utf8())
}

/// The end of the word starting at byte `start` (a letter), not past `limit`.
pub fn word_end(text: &str, start: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < limit {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            i += 1;
        } else if b == b'-' {
            if i + 1 < limit && letter_at(text, i + 1).is_some() {
                i += 1;
            } else {
                break;
            }
        } else if b.is_ascii() {
            break;
        } else if let Some(n) = letter_at(text, i) {
            i += n;
        } else {
            break;
        }
    }
    i
}

/// The first word of `text[from..limit]` (`from` not inside a word, on a char boundary).
pub fn next_word(text: &str, from: usize, limit: usize) -> Option<Token> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < limit {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_alphabetic() {
                break;
            }
            i += 1;
        } else {
            match text.get(i..).and_then(|s| s.chars().next()) {
                Some(c) if is_letter(c) => break,
                Some(c) => i += c.len_utf8(),
                None => i += 1,
            }
        }
    }
    (i < limit).then(|| Token {
        start: i,
        end: word_end(text, i, limit),
    })
}

/// Whether a word of the whole text starts at byte `i` (a letter).
pub fn starts_word(text: &str, i: usize) -> bool {
    if letter_before(text, i).is_some() {
        return false;
    }
    // A hyphen with a letter on both sides is inside a word.
    !(i >= 1 && text.as_bytes()[i - 1] == b'-' && letter_before(text, i - 1).is_some())
}

/// The word ending at byte `end` (just after a letter) of the whole text.
pub fn word_ending_at(text: &str, end: usize) -> Token {
    let bytes = text.as_bytes();
    let mut i = end;
    loop {
        if let Some(n) = letter_before(text, i) {
            i -= n;
        } else if i >= 2 && bytes[i - 1] == b'-' && letter_before(text, i - 1).is_some() {
            i -= 1;
        } else {
            return Token { start: i, end };
        }
    }
}

/// The words of `text`, in order.
#[cfg(test)]
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    tokens_into(text, 0..text.len(), &mut out);
    out
}

/// Appends the words of `text[range]` (a range on char boundaries) to `out`, with offsets
/// in `text`.
#[cfg(test)]
pub fn tokens_into(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>) {
    if text.get(range.clone()).is_none() {
        return;
    }
    let mut at = range.start;
    while let Some(t) = next_word(text, at, range.end) {
        out.push(t);
        at = t.end;
    }
}

/// The words of one line, read as far as they are asked for: `get(i)` reads on up to word
/// `i`. The first words may be given (the words before a gmina word).
pub struct Window<'a> {
    text: &'a str,
    toks: Vec<Token>,
    at: usize,
    limit: usize,
}

impl<'a> Window<'a> {
    pub fn new() -> Window<'a> {
        Window {
            text: "",
            toks: Vec::new(),
            at: 0,
            limit: 0,
        }
    }

    /// Starts over with the words `first` (the last of them ending where reading goes
    /// on), then the words of `text[.. limit]`.
    pub fn reset(&mut self, text: &'a str, first: &[Token], limit: usize) {
        self.text = text;
        self.toks.clear();
        self.toks.extend_from_slice(first);
        self.at = first.last().map_or(limit, |t| t.end);
        self.limit = limit;
    }

    pub fn get(&mut self, i: usize) -> Option<Token> {
        while self.toks.len() <= i {
            let t = next_word(self.text, self.at, self.limit)?;
            self.at = t.end;
            self.toks.push(t);
        }
        Some(self.toks[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words as the first tokeniser read them, char by char.
    fn reference(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphabetic() {
                start.get_or_insert(i);
                continue;
            }
            if c == '-' && start.is_some() && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
            {
                continue;
            }
            if let Some(s) = start.take() {
                out.push(Token { start: s, end: i });
            }
        }
        if let Some(s) = start {
            out.push(Token {
                start: s,
                end: text.len(),
            });
        }
        out
    }

    const SAMPLES: &[&str] = &[
        "Gmin Oksa, Kudowa-Zdrój - gminą",
        "a--b -c d- e-f-g Ż-ó ź-1 x-",
        "ĄĘ-ść,żółw 12ab-cd. -- Łódź-\nBiała\n-Ą",
        "",
        "-",
        "é-ß—ŉ ǅ",
    ];

    #[test]
    fn words_keep_inner_hyphens() {
        let t = "Gmin Oksa, Kudowa-Zdrój - gminą";
        let w: Vec<&str> = tokens(t).iter().map(|x| x.text(t)).collect();
        assert_eq!(w, ["Gmin", "Oksa", "Kudowa-Zdrój", "gminą"]);
        let mut part = Vec::new();
        tokens_into(t, 5..23, &mut part);
        let w: Vec<&str> = part.iter().map(|x| x.text(t)).collect();
        assert_eq!(w, ["Oksa", "Kudowa-Zdró"]);
    }

    #[test]
    fn same_words_as_the_char_by_char_reading() {
        for t in SAMPLES {
            let words = tokens(t);
            assert_eq!(words, reference(t), "{t:?}");
            for w in &words {
                assert!(starts_word(t, w.start), "{t:?} {w:?}");
                assert_eq!(word_ending_at(t, w.end), *w, "{t:?}");
            }
            for (i, _) in t.char_indices() {
                let is_start = words.iter().any(|w| w.start == i);
                if letter_at(t, i).is_some() {
                    assert_eq!(starts_word(t, i), is_start, "{t:?} at {i}");
                }
            }
        }
    }

    #[test]
    fn window_reads_on_demand() {
        let t = "Wójt Gminy Oksa, Jędrzejów i Nagłowice";
        let all = tokens(t);
        let mut w = Window::new();
        w.reset(t, &all[..2], t.len());
        for (i, x) in all.iter().enumerate() {
            assert_eq!(w.get(i), Some(*x));
        }
        assert_eq!(w.get(all.len()), None);
    }
}

/// Whether words `a` and `b` both exist and stand one space apart.
pub(super) fn spaced(text: &str, w: &mut Window, a: usize, b: usize) -> bool {
    match (w.get(a), w.get(b)) {
        (Some(x), Some(y)) => y.start == x.end + 1 && text.as_bytes()[x.end] == b' ',
        _ => false,
    }
}

/// Buffers reused across the words of a document.
#[derive(Default)]
pub(super) struct Scratch {
    /// A folded word.
    pub(super) word: String,
    /// Folded words joined by one space.
    pub(super) key: String,
    /// Where each word of `key` ends.
    pub(super) ends: Vec<usize>,
}
