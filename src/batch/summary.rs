//! `DIR/summary.json`: what one run did, for machines.

use super::ids::Root;
use super::pass::Pass;
use crate::store::Stable;
use serde::Serialize;
use std::time::Instant;

/// The summary of a run (the keys are part of the output contract; more may come).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Entries the walk found (files and entries that failed).
    pub files_seen: usize,
    /// Files the store did not know.
    pub files_new: usize,
    /// Known files whose content changed.
    pub files_changed: usize,
    /// Known files with the stored content (their records come from the store unless the
    /// binary, the rules or the options changed: see `records_reused`).
    pub files_unchanged: usize,
    /// Files that could not become documents (in errors.jsonl).
    pub files_failed: usize,
    /// Files of a type komunikat does not read (in errors.jsonl too).
    pub files_skipped: usize,
    /// Files read and analysed in this run.
    pub files_analysed: usize,
    /// Documents in the set (new, changed and unchanged files).
    pub documents: usize,
    /// Events in the set.
    pub events: usize,
    /// Events with an id never written before.
    pub events_created: usize,
    /// Events that kept their id and changed their releases.
    pub events_updated: usize,
    /// Stored events absorbed into another (their ids are in its `replaces`).
    pub events_merged: usize,
    /// Parts split off a stored event (new ids; the `redirects` table says from which).
    pub events_split: usize,
    /// Stored events whose releases are all gone.
    pub events_removed: usize,
    /// Wall time of the run up to the writing of the set.
    pub wall_seconds: f64,
    /// The absolute paths of the inputs (a file's folder for a file); a record's `root` is
    /// an index into this list and its `path` is below that root.
    pub input_roots: Vec<String>,
    /// The run's number in the store.
    pub run: i64,
    /// Whether the store was started anew (`--fresh`).
    pub fresh: bool,
    /// Whether stored records could be taken (same binary, rules and options).
    pub records_reused: bool,
    /// The output folder, absolute.
    pub out: String,
}

impl Summary {
    /// The counts of a pass and of the stable event ids.
    pub fn new(p: &Pass, roots: &[Root], stable: &Stable, events: usize, t0: Instant) -> Summary {
        let c = p.counts;
        Summary {
            files_seen: c.seen,
            files_new: c.new,
            files_changed: c.changed,
            files_unchanged: c.unchanged,
            files_failed: c.failed,
            files_skipped: c.skipped,
            files_analysed: c.analysed,
            documents: p.documents.len(),
            events,
            events_created: stable.created,
            events_updated: stable.updated,
            events_merged: stable.merged,
            events_split: stable.split,
            events_removed: stable.removed,
            wall_seconds: (t0.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            input_roots: roots
                .iter()
                .map(|r| r.abs.to_string_lossy().into_owned())
                .collect(),
            ..Summary::default()
        }
    }
}
