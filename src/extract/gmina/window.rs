//! The words of a line after a gmina word, read as far as they are asked for from the
//! text layer's word starts ([`crate::extract::Context::word_starts`]). The gmina extractor
//! has no tokenizer of its own: its words are the shared tokens ("Kudowa-Zdrój",
//! "Miejsko-Wiejska": letters, with a hyphen between two letters kept).

use crate::text::tokens::{word_token, Token, WordStart};

/// The words of one line from a word on: word 0 is the word at a given word start, `get(i)`
/// reads on up to word `i`.
pub struct Window<'a> {
    text: &'a str,
    /// Where the words of `text` start.
    starts: &'a [WordStart],
    /// The index in `starts` of word 0.
    first: usize,
    /// Words start before this byte (the line's end).
    limit: usize,
    toks: Vec<Token>,
}

impl<'a> Window<'a> {
    /// The window on `text`, whose words start at `starts`.
    pub fn new(text: &'a str, starts: &'a [WordStart]) -> Window<'a> {
        Window {
            text,
            starts,
            first: 0,
            limit: 0,
            toks: Vec::new(),
        }
    }

    /// Starts over at the word `starts[first]` (word 0), reading the words that start
    /// before `limit`.
    pub fn reset(&mut self, first: usize, limit: usize) {
        self.first = first;
        self.limit = limit;
        self.toks.clear();
    }

    /// Word `i`, if there is one before the limit.
    pub fn get(&mut self, i: usize) -> Option<Token> {
        while self.toks.len() <= i {
            let at = self.starts.get(self.first + self.toks.len())?.at;
            if at >= self.limit {
                return None;
            }
            self.toks.push(word_token(self.text, at));
        }
        Some(self.toks[i])
    }

    /// The word `n` words before word 0 (1: the one right before it), if there is one.
    pub fn before(&self, n: usize) -> Option<Token> {
        let k = self.first.checked_sub(n)?;
        Some(word_token(self.text, self.starts[k].at))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::word_starts;

    /// Words as the gmina extractor's own tokeniser read them, char by char.
    fn reference(text: &str) -> Vec<(usize, usize)> {
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
                out.push((s, i));
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
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
        "Wójt Gminy Oksa, Jędrzejów i Nagłowice",
    ];

    /// The window reads the words of the char-by-char reading, from every word on, up to
    /// the line's end, and the words before.
    #[test]
    fn window_reads_the_words_of_the_char_by_char_reading() {
        for t in SAMPLES {
            let want = reference(t);
            let starts = word_starts(t);
            let got: Vec<(usize, usize)> = starts
                .iter()
                .map(|s| word_token(t, s.at))
                .map(|w| (w.start, w.end))
                .collect();
            assert_eq!(got, want, "{t:?}");
            let mut w = Window::new(t, &starts);
            for first in 0..want.len() {
                let limit = t[want[first].0..]
                    .find('\n')
                    .map_or(t.len(), |i| want[first].0 + i);
                w.reset(first, limit);
                let line: Vec<(usize, usize)> = (0..)
                    .map_while(|i| w.get(i))
                    .map(|x| (x.start, x.end))
                    .collect();
                let in_line: Vec<(usize, usize)> = want[first..]
                    .iter()
                    .copied()
                    .take_while(|x| x.0 < limit)
                    .collect();
                assert_eq!(line, in_line, "{t:?} from {first}");
                for n in 1..=first {
                    let b = w.before(n).unwrap();
                    assert_eq!((b.start, b.end), want[first - n], "{t:?}");
                }
                assert!(w.before(first + 1).is_none());
            }
        }
    }
}
