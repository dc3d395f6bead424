//! The text layer the extractors share: the mapped text (this module), letters and
//! folding in any letter case ([`words`]), and the one tokenizer with its word starts
//! ([`tokens`]), found once per document when first asked for (`extract::Context`) and
//! read by the official, institution, gmina and locality extractors. Extractors take words
//! and tokens from here, never from each other (`tests/modules.rs` checks it); the two
//! readers of a date that stay apart (a date expression's tokens, the places a date pattern
//! is tried) say why in their docs and are tested against the shared tokens.
//!
//! Text that remembers where every byte came from.
//!
//! Every stage before extraction (HTML and markdown reading, normalisation) turns one text
//! into another. [`Mapped`] keeps, for each byte of the new text, the byte range of the
//! decoded source that produced it, so that a span found in the normalised text can be
//! mapped back to `source[start..end]` exactly, whatever the stages dropped or inserted.
//!
//! The map is stored as pieces, not per byte: a piece is a stretch of the text that is
//! either copied from the source character for character (each character maps to the
//! same character of the source, a fixed distance away) or made from one source range
//! (every byte of the stretch maps to that range). Plain text is one piece; a page or a
//! normalised text has a piece for each place where something was dropped or rewritten.

use std::ops::Range;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;

/// Where the bytes of one piece come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Src {
    /// Copied: the character at `piece.start + k` comes from the source character at
    /// `at + k` (same length).
    Copy { at: usize },
    /// Every byte of the piece comes from `start..end` (which may be empty or reversed).
    Fixed { start: usize, end: usize },
}

/// A stretch of the text from `start` to the next piece's start (or the text's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    start: usize,
    src: Src,
}

/// A text with, for each of its bytes, the source range it came from.
#[derive(Debug, Default)]
pub struct Mapped {
    text: String,
    pieces: Vec<Piece>,
    /// The piece of the last look-up: look-ups mostly go forward a little at a time, so
    /// it (or the next one) usually holds the next byte asked for.
    hint: AtomicUsize,
}

impl Clone for Mapped {
    fn clone(&self) -> Mapped {
        Mapped {
            text: self.text.clone(),
            pieces: self.pieces.clone(),
            hint: AtomicUsize::new(self.hint.load(Relaxed)),
        }
    }
}

impl Mapped {
    /// The text mapped onto itself: each byte maps to the character that holds it.
    pub fn identity(source: &str) -> Mapped {
        let pieces = if source.is_empty() {
            Vec::new()
        } else {
            vec![Piece {
                start: 0,
                src: Src::Copy { at: 0 },
            }]
        };
        Mapped {
            text: source.to_string(),
            pieces,
            hint: AtomicUsize::new(0),
        }
    }

    /// The text itself (not the source it maps to).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Writes the line breaks at byte offsets `at` as spaces (one ASCII byte for another:
    /// the offset map is unchanged). Offsets that hold no '\n' are left alone.
    pub fn soften_breaks(&mut self, at: &[usize]) {
        for &p in at {
            if self.text.as_bytes().get(p) == Some(&b'\n') {
                self.text.replace_range(p..p + 1, " ");
            }
        }
    }

    /// Length of the text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Index of the piece that holds byte `i`.
    fn piece_at(&self, i: usize) -> usize {
        self.pieces
            .partition_point(|p| p.start <= i)
            .saturating_sub(1)
    }

    /// Index of the piece that holds byte `i` (`< len`), starting from the last one found.
    fn piece_near(&self, i: usize) -> usize {
        let pieces = &self.pieces;
        let h = self.hint.load(Relaxed).min(pieces.len().saturating_sub(1));
        let holds = |k: usize| {
            pieces.get(k).is_some_and(|p| p.start <= i)
                && pieces.get(k + 1).is_none_or(|q| i < q.start)
        };
        let k = if holds(h) {
            h
        } else if holds(h + 1) {
            h + 1
        } else {
            self.piece_at(i)
        };
        self.hint.store(k, Relaxed);
        k
    }

    /// The source range of byte `i` (`< len`) of this text.
    fn source_of_byte(&self, i: usize) -> (usize, usize) {
        let k = if self.pieces.len() > 1 {
            self.piece_near(i)
        } else {
            0
        };
        let Some(p) = self.pieces.get(k) else {
            return (0, 0);
        };
        match p.src {
            Src::Copy { at } => {
                // The character that holds `i`, within the piece (pieces start and end
                // on character boundaries).
                let end = self.pieces.get(k + 1).map_or(self.text.len(), |q| q.start);
                let b = self.text.as_bytes();
                let mut s = i;
                while s > p.start && is_continuation(b[s]) {
                    s -= 1;
                }
                let mut e = i + 1;
                if b[s] >= 0x80 {
                    e = (s + utf8_len(b[s])).min(end).max(e);
                }
                (at + (s - p.start), at + (e - p.start))
            }
            Src::Fixed { start, end } => (start, end),
        }
    }

    /// The start of the source of byte `first` and the end of the source of byte `last`
    /// (both `< len`).
    fn source_ends(&self, first: usize, last: usize) -> (usize, usize) {
        let (start, end) = self.source_of_byte(first);
        if last == first {
            return (start, end);
        }
        (start, self.source_of_byte(last).1)
    }

    /// Source range of the byte at `i` of this text.
    pub fn source_of(&self, i: usize) -> Range<usize> {
        if self.text.is_empty() {
            return 0..0;
        }
        let i = i.min(self.text.len() - 1);
        let (start, end) = self.source_ends(i, i);
        start..end
    }

    /// The source range that produced `range` of this text: from the start of its first
    /// byte's source to the end of its last byte's source. An empty range maps to an empty
    /// range at the source position of the next byte (or the end of the last one).
    pub fn source_span(&self, range: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        if len == 0 {
            return 0..0;
        }
        if range.start >= range.end {
            let at = if range.start < len {
                self.source_ends(range.start, range.start).0
            } else {
                self.source_ends(len - 1, len - 1).1
            };
            return at..at;
        }
        let (start, end) = self.source_ends(range.start.min(len - 1), (range.end - 1).min(len - 1));
        start..end.max(start)
    }

    /// A reader of the source ranges of characters at increasing positions.
    pub(crate) fn cursor(&self) -> Cursor<'_> {
        Cursor { map: self, k: 0 }
    }
}

/// Reads source ranges of characters in text order from the pieces (no tables).
pub(crate) struct Cursor<'a> {
    map: &'a Mapped,
    k: usize,
}

impl Cursor<'_> {
    /// Moves to the piece that holds byte `i`.
    fn seek(&mut self, i: usize) {
        let pieces = &self.map.pieces;
        while pieces.get(self.k + 1).is_some_and(|p| p.start <= i) {
            self.k += 1;
        }
    }

    /// The source range of the character at `i..i + n` (positions must not go back).
    pub(crate) fn char_source(&mut self, i: usize, n: usize) -> Range<usize> {
        self.seek(i);
        match self.map.pieces.get(self.k).map(|p| (p.start, p.src)) {
            Some((start, Src::Copy { at })) => at + (i - start)..at + (i - start) + n,
            Some((_, Src::Fixed { start, end })) => start..end.max(start),
            None => 0..0,
        }
    }
}

/// The first byte at or after `from` that is not ASCII.
pub(crate) fn next_non_ascii(bytes: &[u8], mut from: usize) -> Option<usize> {
    while from < bytes.len() {
        let chunk = &bytes[from..(from + 16).min(bytes.len())];
        if !chunk.is_ascii() {
            return chunk.iter().position(|b| !b.is_ascii()).map(|k| from + k);
        }
        from += chunk.len();
    }
    None
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Length of the UTF-8 sequence that `lead` starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Builds a [`Mapped`] text piece by piece.
#[derive(Debug, Default)]
pub struct Builder {
    text: String,
    pieces: Vec<Piece>,
}

impl Builder {
    /// An empty builder with room for `n` bytes of text.
    pub fn with_capacity(n: usize) -> Builder {
        Builder {
            text: String::with_capacity(n),
            pieces: Vec::new(),
        }
    }

    /// Starts a piece at the current end of the text, unless it continues the last one.
    /// (Pieces are never empty: every `open` is followed by a write.)
    fn open(&mut self, src: Src) {
        let here = self.text.len();
        if let Some(last) = self.pieces.last() {
            let continues = match (last.src, src) {
                (Src::Copy { at: a }, Src::Copy { at: b }) => a + (here - last.start) == b,
                (a, b) => a == b,
            };
            if continues {
                return;
            }
        }
        self.pieces.push(Piece { start: here, src });
    }

    /// Appends `c`, produced by the source range `src`.
    pub fn push_char(&mut self, c: char, src: Range<usize>) {
        let n = c.len_utf8();
        if src.end.checked_sub(src.start) == Some(n) {
            self.open(Src::Copy { at: src.start });
        } else {
            self.open(Src::Fixed {
                start: src.start,
                end: src.end,
            });
        }
        self.text.push(c);
    }

    /// Appends `s`, every byte of it produced by the source range `src`.
    pub fn push_str(&mut self, s: &str, src: Range<usize>) {
        if s.is_empty() {
            return;
        }
        self.open(Src::Fixed {
            start: src.start,
            end: src.end,
        });
        self.text.push_str(s);
    }

    /// Appends `range` of an earlier layer, keeping that layer's mapping.
    pub fn push_from(&mut self, from: &Mapped, range: Range<usize>) {
        self.copy_pieces(from, range.clone(), from.piece_at(range.start));
    }

    /// [`Builder::push_from`] for ranges read in text order through `cursor`.
    pub(crate) fn push_through(&mut self, cursor: &mut Cursor<'_>, range: Range<usize>) {
        cursor.seek(range.start);
        let pieces = &cursor.map.pieces;
        // Mostly the range lies in one piece.
        if let (Some(p), Some(s)) = (pieces.get(cursor.k), cursor.map.text.get(range.clone())) {
            if !s.is_empty()
                && pieces
                    .get(cursor.k + 1)
                    .is_none_or(|q| range.end <= q.start)
            {
                self.open(match p.src {
                    Src::Copy { at } => Src::Copy {
                        at: at + (range.start - p.start),
                    },
                    fixed => fixed,
                });
                self.text.push_str(s);
                return;
            }
        }
        cursor.k = self.copy_pieces(cursor.map, range, cursor.k);
    }

    /// Copies `range` of `from`, whose piece `k` holds its first byte; returns the index
    /// of the piece that holds its last byte.
    fn copy_pieces(&mut self, from: &Mapped, range: Range<usize>, mut k: usize) -> usize {
        if from.text[range.clone()].is_empty() {
            return k;
        }
        let mut cur = range.start;
        while let Some(p) = from.pieces.get(k).filter(|p| p.start < range.end) {
            let at = p.start.max(range.start);
            self.text.push_str(&from.text[cur..at]);
            cur = at;
            self.open(match p.src {
                Src::Copy { at: src } => Src::Copy {
                    at: src + (at - p.start),
                },
                fixed => fixed,
            });
            k += 1;
        }
        self.text.push_str(&from.text[cur..range.end]);
        k.saturating_sub(1)
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
        let last = *self.pieces.last()?;
        let src = match last.src {
            Src::Copy { at } => {
                let s = at + (n - last.start);
                s..s + c.len_utf8()
            }
            Src::Fixed { start, end } => start..end,
        };
        if last.start >= n {
            self.pieces.pop();
        }
        Some((c, src))
    }

    /// The text built, with its map to the source.
    pub fn finish(self) -> Mapped {
        Mapped {
            text: self.text,
            pieces: self.pieces,
            hint: AtomicUsize::new(0),
        }
    }
}

pub mod tokens;
pub mod words;

#[cfg(test)]
mod tests;
