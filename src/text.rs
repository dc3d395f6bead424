//! Text that remembers where every byte came from.
//!
//! Every stage before extraction (HTML and markdown reading, normalisation) turns one text
//! into another. [`Mapped`] keeps, for each byte of the new text, the byte range of the
//! decoded source that produced it, so that a span found in the normalised text can be
//! mapped back to `source[start..end]` exactly, whatever the stages dropped or inserted.

use std::ops::Range;

/// A text with, for each of its bytes, the source range it came from.
#[derive(Debug, Clone, Default)]
pub struct Mapped {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Mapped {
    /// The text mapped onto itself: each byte maps to the character that holds it.
    pub fn identity(source: &str) -> Mapped {
        let mut starts = Vec::with_capacity(source.len());
        let mut ends = Vec::with_capacity(source.len());
        for (i, c) in source.char_indices() {
            let n = c.len_utf8();
            for _ in 0..n {
                starts.push(off(i));
                ends.push(off(i + n));
            }
        }
        Mapped {
            text: source.to_string(),
            starts,
            ends,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Source range of the byte at `i` of this text.
    pub fn source_of(&self, i: usize) -> Range<usize> {
        self.starts[i] as usize..self.ends[i] as usize
    }

    /// The source range that produced `range` of this text: from the start of its first
    /// byte's source to the end of its last byte's source. An empty range maps to an empty
    /// range at the source position of the next byte (or the end of the last one).
    pub fn source_span(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end {
            let at = if range.start < self.starts.len() {
                self.starts[range.start] as usize
            } else {
                self.ends.last().copied().unwrap_or(0) as usize
            };
            return at..at;
        }
        let start = self.starts[range.start] as usize;
        let end = self.ends[range.end - 1] as usize;
        start..end.max(start)
    }
}

/// Builds a [`Mapped`] text piece by piece.
#[derive(Debug, Default)]
pub struct Builder {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

fn off(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl Builder {
    pub fn with_capacity(n: usize) -> Builder {
        Builder {
            text: String::with_capacity(n),
            starts: Vec::with_capacity(n),
            ends: Vec::with_capacity(n),
        }
    }

    /// Appends `c`, produced by the source range `src`.
    pub fn push_char(&mut self, c: char, src: Range<usize>) {
        let n = c.len_utf8();
        self.text.push(c);
        for _ in 0..n {
            self.starts.push(off(src.start));
            self.ends.push(off(src.end));
        }
    }

    /// Appends `s`, every byte of it produced by the source range `src`.
    pub fn push_str(&mut self, s: &str, src: Range<usize>) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.starts.push(off(src.start));
            self.ends.push(off(src.end));
        }
    }

    /// Appends `range` of an earlier layer, keeping that layer's mapping.
    pub fn push_from(&mut self, from: &Mapped, range: Range<usize>) {
        self.text.push_str(&from.text[range.clone()]);
        self.starts.extend_from_slice(&from.starts[range.clone()]);
        self.ends.extend_from_slice(&from.ends[range]);
    }

    /// The last character written, if any.
    pub fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Removes the last character and returns it with its source range.
    pub fn pop(&mut self) -> Option<(char, Range<usize>)> {
        let c = self.text.pop()?;
        let n = self.text.len();
        let src = self.starts[n] as usize..self.ends[self.ends.len() - 1] as usize;
        self.starts.truncate(n);
        self.ends.truncate(n);
        Some((c, src))
    }

    pub fn finish(self) -> Mapped {
        Mapped {
            text: self.text,
            starts: self.starts,
            ends: self.ends,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_each_char_to_itself() {
        let m = Mapped::identity("Bętków");
        assert_eq!(m.source_span(0..3), 0..3);
        assert_eq!(&"Bętków"[m.source_span(1..3)], "ę");
    }

    #[test]
    fn dropped_and_replaced_pieces_map_back() {
        let src = "a&oacute;<b>c</b>";
        let mut b = Builder::default();
        b.push_char('a', 0..1);
        b.push_char('ó', 1..9);
        b.push_char('c', 12..13);
        let m = b.finish();
        assert_eq!(m.as_str(), "aóc");
        assert_eq!(&src[m.source_span(0..4)], "a&oacute;<b>c");
        assert_eq!(&src[m.source_span(1..3)], "&oacute;");
        assert_eq!(m.source_span(4..4), 13..13);
    }

    #[test]
    fn pop_returns_the_whole_source_of_the_char() {
        let mut b = Builder::default();
        b.push_char('x', 0..1);
        b.push_char('ż', 1..4);
        assert_eq!(b.pop(), Some(('ż', 1..4)));
        assert_eq!(b.as_str(), "x");
    }
}
