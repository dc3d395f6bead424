//! komunikat turns Polish local-government press releases into structured, reviewable
//! facts: officials, dates, sums, institutions and gminas, with byte offsets into the
//! source, and merges releases that retell one happening into event records.
//!
//! Data flows one way: [`ingest`] → [`html`]/[`markdown`] → [`normalise`] → [`language`]
//! → [`extract`] → [`resolve`] → [`dedup`] → [`consolidate`] → [`output`].

#![warn(missing_docs)]

pub mod attach;
pub mod batch;
pub mod civil;
pub mod cli;
pub mod consolidate;
pub mod corrections;
pub mod dedup;
pub mod error;
pub mod export;
pub mod extract;
pub mod html;
pub mod ingest;
pub mod language;
pub mod markdown;
pub mod normalise;
pub mod output;
pub mod pipeline;
pub mod record;
pub mod resolve;
pub mod review;
pub mod rules;
pub mod rules_check;
pub mod schema;
pub mod sketch;
pub mod sniff;
pub mod store;
pub mod swar;
pub mod text;
pub mod timings;
/// The old path of [`text::words`], kept while other branches still name it.
pub use text::words;
