//! Extractors: one module per kind of fact, each driven by its rules in `rules/<kind>/`.
//!
//! An extractor reads the normalised text and returns what it found with byte ranges in
//! that text; the pipeline maps the ranges back to the source and drops finds that start
//! in boilerplate.

pub mod date;
pub mod gmina;
pub mod institution;
pub mod money;
pub mod official;

use crate::civil::Ymd;
use crate::normalise::Normalised;
use std::cell::OnceCell;
use std::ops::Range;

/// What every extractor sees of a document.
pub struct Context<'a> {
    /// The normalised text.
    pub text: &'a str,
    /// The normalised document: its mapped text and boilerplate lines.
    pub norm: &'a Normalised,
    /// A pinned "now" (tests, `--now`): year-less dates fall back to its year.
    pub now: Option<Ymd>,
    /// Where the words of `text` start, found on first use and shared by the extractors
    /// that read tokens around words (official, institution).
    word_starts: OnceCell<Vec<crate::text::tokens::WordStart>>,
}

impl<'a> Context<'a> {
    /// The context of the normalised document `norm`, with `now` pinned or not.
    pub fn new(norm: &'a Normalised, now: Option<Ymd>) -> Context<'a> {
        Context {
            text: norm.as_str(),
            norm,
            now,
            word_starts: OnceCell::new(),
        }
    }

    /// The bytes where the words of the normalised text start, found once.
    pub(crate) fn word_starts(&self) -> &[crate::text::tokens::WordStart] {
        self.word_starts
            .get_or_init(|| crate::text::tokens::word_starts(self.text))
    }
}

/// A find: a range of the normalised text and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    /// Byte range of the find's words in the normalised text.
    pub range: Range<usize>,
    /// What the words mean: the normalised fact.
    pub item: T,
}

impl<T> Found<T> {
    /// A find of `item` at `range` of the normalised text.
    pub fn new(range: Range<usize>, item: T) -> Found<T> {
        Found { range, item }
    }
}

/// The texts of `corpus/` (their bytes read as text): what the extractors' fast paths are
/// compared with their simple versions on.
#[cfg(test)]
pub(crate) fn corpus_texts() -> Vec<String> {
    let mut texts = Vec::new();
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                texts.push(String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned());
            }
        }
    }
    texts
}
