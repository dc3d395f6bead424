//! Extractors: one module per kind of fact, each driven by its rules in `rules/<kind>/`.
//!
//! An extractor ([`Extractor`]) reads the normalised text and returns what it found with
//! byte ranges in that text; where the finds land in the record is the extractor's to say,
//! and [`Landing::locate`] maps their ranges back to the source, dropping finds that start
//! in boilerplate.
//!
//! The extractors are listed in one table, `extractors!`, with the item types of the facts
//! each lands in the record; each item type is a kind of fact ([`Fact`], in
//! [`facts`]), declared by its extractor's module: its name, its record field, its examples
//! folder, its row in the store's `mentions` table, what the event stage keeps of it. Made
//! from the table: the pipeline's rule set, the parallel load of the rules, the calls on
//! each document, the `--timings` lines (`extract <kind>`), and everything that goes over
//! every kind of fact ([`each_fact`], [`FACTS`]): the store's mention rows, the windows and
//! caps of long documents, what stays of a record for the event stage, `rules check`, the
//! review site's facts, the corrections' gold files, the CSV export's counts.
//!
//! Adding a kind of fact takes:
//! 1. `src/extract/<kind>.rs` (and its folder, if any): its rules type implementing
//!    [`Extractor`] (`land` puts the finds with [`Landing::put`]) and `impl Fact` for its
//!    item type (`record_field!(<field>)` gives the field);
//! 2. `rules/<kind>/` with its rule files and an `examples.toml`;
//! 3. in this file, `pub mod <kind>;` and its line in `extractors!`;
//! 4. in `src/record.rs`, its item type and its field of [`DocumentRecord`] (serde writes
//!    the record from the struct); in `schema/document.json`, the field and the item's
//!    `$defs` entry, and in `docs/output.md` its fields (a new item field is also a column
//!    of `mentions.csv`: `export::MENTION_COLUMNS`).
//!
//! Tests fail until these agree: the table and the record's lists (`facts::tests`), the
//! schema and the CSV columns (`tests/schema.rs`), the documented fields, the examples
//! folders (`rules check`); and three tests spell out the kinds with their values, to be
//! told of the new one: this table's order (`facts::tests`), the `--timings` lines
//! (`timings::tests`), the columns of `documents.csv` (`export::tests`). Tried with a toy
//! kind (`email`, an optional field): that was all it took, its finds reached the JSON, the
//! store's `mentions`, the CSV export and `--timings`. The store's tables and the contract
//! do not change: a kind whose row in `mentions` needs a column that table lacks, or that
//! events should merge (the event stage, `consolidate` and `dedup`, reads the kinds it
//! knows by name), is a change of the contract, not of this list.

pub mod date;
pub mod facts;
pub mod gmina;
pub mod institution;
pub mod money;
pub mod official;

use crate::civil::Ymd;
use crate::error::RuleError;
use crate::normalise::Normalised;
use crate::record::{DocumentRecord, Located};
use crate::rules::RuleFiles;
pub use facts::{each_fact, EachFact, Fact, FACTS};
use std::cell::OnceCell;
use std::ops::Range;

/// The extractors, in the order they run on a document (and are timed and reported by
/// `--timings`). A line gives the kind (the field of its rules in
/// [`crate::pipeline::RuleSet`], its folder `rules/<kind>/`, `extract <kind>` in
/// `--timings`), the type of its rules (an [`Extractor`]), in brackets the item types of the
/// facts it lands in the record (each a [`Fact`]; their order, over the table, is the order
/// of the record's fields) and, after `=>`, a hook: a function of the pipeline that sees the
/// finds before they land (the dates' event features). `$then!` is called with the table.
macro_rules! extractors {
    ($then:ident) => {
        $then! {
            date: crate::extract::date::DateRules [crate::record::Date] => event_features,
            official: crate::extract::official::OfficialRules [crate::record::Official],
            money: crate::extract::money::MoneyRules [crate::record::Sum],
            institution: crate::extract::institution::InstitutionRules
                [crate::record::Institution],
            gmina: crate::extract::gmina::GminaRules [crate::record::Gmina, crate::record::Locality],
        }
    };
}
pub(crate) use extractors;

/// The names of the kinds of `extractors!`, in its order.
macro_rules! kinds {
    ($($kind:ident: $rules:ty [$($item:ty),*] $(=> $hook:ident)?,)*) => {
        /// The extractors, by the name of their kind, in the order they run (the table
        /// `extractors!`).
        pub const KINDS: &[&str] = &[$(stringify!($kind)),*];
    };
}
extractors!(kinds);

/// One kind of fact: its rules, loaded once, run on every document, and where its finds go
/// in the record.
pub trait Extractor: Sized + Send + Sync {
    /// What the extractor finds in one document (finds with ranges in the normalised text).
    type Finds;

    /// Reads and compiles the rules (`rules/<kind>/`); an error names the file and line.
    fn load(files: &RuleFiles) -> Result<Self, RuleError>;

    /// What the document states of this kind, with ranges in the normalised text.
    fn extract(&self, ctx: &Context) -> Self::Finds;

    /// Puts a document's finds into its record ([`Landing::put`]; whether finds in a
    /// site's name are let through: [`Landing::locate`]).
    fn land(&self, finds: Self::Finds, into: &mut Landing);
}

/// Where the finds of a document land: its record, mapped to the source.
pub struct Landing<'a> {
    /// The record the finds go into.
    pub rec: &'a mut DocumentRecord,
    /// The document as the extractors saw it.
    pub ctx: &'a Context<'a>,
    /// The decoded source, which the record's offsets count in.
    pub src: &'a str,
}

impl Landing<'_> {
    /// Puts finds of a kind into its field of the record ([`Fact::list_mut`]), located
    /// ([`Landing::locate`]).
    pub fn put<T: Fact>(&mut self, finds: Vec<Found<T>>, site_names: bool) {
        let located = self.locate(finds, site_names);
        *T::list_mut(self.rec) = located;
    }

    /// Maps finds to source spans, dropping those that start in boilerplate (but for those
    /// wholly in a site's name when `site_names`: [`Normalised::site_names`]), in text
    /// order. The vector is exactly as long as it needs to be: records are kept until the
    /// end of a run.
    pub fn locate<T>(&self, mut finds: Vec<Found<T>>, site_names: bool) -> Vec<Located<T>> {
        let norm = self.ctx.norm;
        finds.sort_by_key(|f| (f.range.start, f.range.end));
        let in_site_name = |f: &Found<T>| {
            site_names && norm.in_site_name(f.range.start) && norm.in_site_name(f.range.end - 1)
        };
        let mut located: Vec<Located<T>> = finds
            .into_iter()
            .filter(|f| !norm.in_boilerplate(f.range.start) || in_site_name(f))
            .filter_map(|f| {
                let span = norm.text.source_span(f.range.clone());
                let text = self.src.get(span.clone())?.to_string();
                Some(Located {
                    text,
                    start: span.start,
                    end: span.end,
                    item: f.item,
                })
            })
            .collect();
        located.shrink_to_fit();
        located
    }
}

/// What every extractor sees of a document.
pub struct Context<'a> {
    /// The normalised text.
    pub text: &'a str,
    /// The normalised document: its mapped text and boilerplate lines.
    pub norm: &'a Normalised,
    /// A pinned "now" (tests, `--now`): year-less dates fall back to its year.
    pub now: Option<Ymd>,
    /// Where the words of `text` start, found on first use and shared by the extractors
    /// that read tokens around words (official, institution, gmina, locality).
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
