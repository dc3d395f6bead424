//! The per-document pass: every walked file becomes a document record or an error record,
//! in parallel. With a store, a file whose path and content hash are the stored ones is
//! not analysed again: its stored record is taken.

use super::ids::{self, Placed, Root};
use super::signal;
use crate::error::InputError;
use crate::ingest::Found;
use crate::pipeline::{self, Options, RuleSet};
use crate::record::{DocumentRecord, ErrorRecord};
use crate::store::stream::{Batch, Place, Streamed, Streamer};
use crate::store::{DocRow, Known, Store};
use crate::timings::{time, Stage};

/// A file whose stored record is taken: its id, place and content hash.
pub type Pending = (String, Placed, String);
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// What the store knows, for an incremental pass.
pub struct Prior<'a> {
    /// The stored files, ids and settings.
    pub known: &'a Known,
    /// Whether stored records were made with this binary, these rules and options.
    pub reuse: bool,
    /// Where each record made is sent as it is made ([`crate::store::Store::stream`]).
    pub stream: Option<&'a Streamer>,
}

/// How the files of a pass fared.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Entries the walk found (files, failures and skipped entries).
    pub seen: usize,
    /// Files analysed that the store did not know.
    pub new: usize,
    /// Files the store knew, analysed again (content, rules or options changed).
    pub changed: usize,
    /// Files whose stored record is taken as it is.
    pub unchanged: usize,
    /// Files that became error records.
    pub failed: usize,
    /// Entries not read and not errors: links not followed, hidden names, files that are
    /// not releases (images, style sheets, archives) or of an unsupported type.
    pub skipped: usize,
    /// Files read and analysed in this pass (the rest came from the store).
    pub analysed: usize,
}

/// Where a document came from (parallel to [`Pass::documents`]).
#[derive(Debug)]
pub struct DocMeta {
    /// The file and where it sits below its input root.
    pub placed: Placed,
    /// xxh3-128 of the file's bytes (empty without a store).
    pub hash: String,
    /// Made in this pass (not taken from the store).
    pub analysed: bool,
    /// The hash of the stored line, for a record taken from the store.
    pub stored_line: Option<u64>,
}

/// The outcome of the per-document pass.
pub struct Pass {
    /// Sorted by id; as the pass made them (before the event pass), those streamed to the
    /// store with only what the event stage reads ([`DocumentRecord::keep_for_events`]).
    pub documents: Vec<DocumentRecord>,
    /// Where each document came from (same order as `documents`).
    pub meta: Vec<DocMeta>,
    /// Sorted by path.
    pub errors: Vec<ErrorRecord>,
    /// How the files fared.
    pub counts: Counts,
    /// A problem that stops the run (the store could not be read, a signal).
    pub failure: Option<anyhow::Error>,
    /// Unchanged files whose records are to be taken from the store ([`Pass::take_stored`]).
    pub pending: Vec<Pending>,
}

enum Outcome {
    Made(Box<DocumentRecord>, String, bool),
    Same(String),
    Failed(ErrorRecord, bool),
    /// Not a release (an image, a style sheet, an archive): counted, not an error.
    Skipped,
    Stopped,
}

/// `analyse_with` over an engine's walk, on its pool.
pub fn analyse(
    engine: &super::Engine,
    found: Vec<Found>,
    opts: &Options,
    prior: Option<&Prior>,
    progress: bool,
) -> Pass {
    engine
        .pool
        .install(|| analyse_with(&engine.rules, &engine.roots, found, opts, prior, progress))
}

/// Analyses every walked file (on the current pool); `prior`: take unchanged files'
/// records from the store.
pub fn analyse_with(
    rules: &RuleSet,
    roots: &[Root],
    found: Vec<Found>,
    opts: &Options,
    prior: Option<&Prior>,
    progress: bool,
) -> Pass {
    let mut errors = Vec::new();
    let mut counts = Counts::default();
    let mut placed = Vec::new();
    for f in found {
        counts.seen += 1;
        match f {
            Found::File(p) => placed.push(ids::place(roots, &p)),
            Found::Failed(p, e) => {
                counts.failed += 1;
                errors.push(error_record(&p, &e));
            }
            // Links not followed, hidden names: counted, not errors.
            Found::Skipped(_) => counts.skipped += 1,
        }
    }
    let empty = Known::default();
    let known = prior.map_or(&empty, |p| p.known);
    let issued: HashMap<String, String> = known
        .files
        .iter()
        .map(|(k, f)| (k.clone(), f.id.clone()))
        .collect();
    let here: std::collections::HashSet<&str> = placed.iter().map(|p| p.key.as_str()).collect();
    let mut other_stems: HashMap<String, usize> = HashMap::new();
    for (k, stem) in &known.stems {
        if !here.contains(k.as_str()) {
            *other_stems.entry(stem.clone()).or_insert(0) += 1;
        }
    }
    let doc_ids = ids::assign(&placed, &issued, &other_stems);
    let bar = progress.then(|| {
        let b = indicatif::ProgressBar::new(placed.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} releases {per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let stream = prior.and_then(|p| p.stream);
    let outcomes: Vec<Outcome> = placed
        .par_iter()
        .zip(doc_ids.par_iter())
        .map_init(
            || stream.map(Batch::new),
            |batch, (pl, id)| {
                let r = one(rules, roots, pl, id, opts, prior, batch.as_mut());
                if let Some(b) = &bar {
                    b.inc(1);
                }
                r
            },
        )
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let made = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Made(..)))
        .count();
    let mut documents = Vec::with_capacity(made);
    let mut meta = Vec::with_capacity(made);
    let mut same: Vec<Pending> = Vec::new();
    let mut failure = None;
    for ((o, pl), id) in outcomes.into_iter().zip(placed).zip(doc_ids) {
        match o {
            Outcome::Made(d, hash, was_known) => {
                counts.analysed += 1;
                if was_known {
                    counts.changed += 1;
                } else {
                    counts.new += 1;
                }
                documents.push(*d);
                meta.push(DocMeta {
                    placed: pl,
                    hash,
                    analysed: true,
                    stored_line: None,
                });
            }
            Outcome::Same(hash) => {
                counts.unchanged += 1;
                same.push((id, pl, hash));
            }
            Outcome::Failed(e, skipped) => {
                if skipped {
                    counts.skipped += 1;
                } else {
                    counts.failed += 1;
                }
                errors.push(e);
            }
            Outcome::Skipped => counts.skipped += 1,
            Outcome::Stopped => failure = Some(anyhow::Error::new(signal::Interrupted)),
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    let mut pass = Pass {
        documents,
        meta,
        errors,
        counts,
        failure,
        pending: same,
    };
    pass.sort();
    pass
}

/// One file: its stored record when its content is the stored one, else analysed (and
/// streamed to the store when the pass streams: `batch` is the worker's).
fn one(
    rules: &RuleSet,
    roots: &[Root],
    pl: &Placed,
    id: &str,
    opts: &Options,
    prior: Option<&Prior>,
    batch: Option<&mut Batch>,
) -> Outcome {
    if signal::requested() {
        return Outcome::Stopped;
    }
    let path = pl.path.as_path();
    // With a store the file is read here, hashed, and its bytes analysed (read once).
    let (hash, stored, made) = match prior {
        Some(prior) => {
            let read = time(Stage::Read, || {
                crate::ingest::read(path, opts.max_file_size)
            });
            let bytes = match read {
                Ok(b) => b,
                Err(e) => return failed(path, &e),
            };
            let hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes));
            let stored = prior.known.files.get(&pl.key);
            if prior.reuse && stored.is_some_and(|s| s.hash == hash && s.id == id) {
                return Outcome::Same(hash);
            }
            let made = pipeline::process_bytes(rules, path, bytes, opts);
            (hash, stored.is_some(), made)
        }
        None => (
            String::new(),
            false,
            pipeline::process_file(rules, path, opts),
        ),
    };
    match made {
        Ok(mut d) => {
            d.id = id.to_string();
            set_place(&mut d, pl, roots);
            if let (Some(stream), Some(batch)) = (prior.and_then(|p| p.stream), batch) {
                let place = Place {
                    key: &pl.key,
                    root: stream.root_keys.get(pl.root).map_or("", String::as_str),
                    path: &pl.rel,
                    stem: &pl.stem,
                    hash: &hash,
                };
                match Streamed::of(&d, &place, None, None, true, stored) {
                    Ok(row) => {
                        batch.push(row);
                        // the rest is in the store now
                        d.keep_for_events();
                    }
                    Err(e) => {
                        return Outcome::Failed(
                            ErrorRecord {
                                path: path.to_string_lossy().into_owned(),
                                error: format!("the record cannot be stored: {e}"),
                            },
                            false,
                        )
                    }
                }
            }
            Outcome::Made(Box::new(d), hash, stored)
        }
        Err(e) => failed(path, &e),
    }
}

fn failed(path: &Path, e: &InputError) -> Outcome {
    if matches!(e, InputError::Skipped(_)) {
        return Outcome::Skipped;
    }
    Outcome::Failed(
        error_record(path, e),
        matches!(e, InputError::Unsupported(_)),
    )
}

/// Where the record's file sits: `source` as walked, `path` below the root, the root's
/// index, `source_bytes` where the name is not UTF-8.
fn set_place(d: &mut DocumentRecord, pl: &Placed, roots: &[Root]) {
    d.source = pl.path.to_string_lossy().into_owned();
    d.path = Some(pl.rel.clone());
    d.root = (pl.root < roots.len()).then_some(pl.root);
    d.source_bytes = pl.source_bytes();
}

/// The error record of a file that failed: its path as walked and the error's message.
pub fn error_record(path: &Path, e: &InputError) -> ErrorRecord {
    ErrorRecord {
        path: path.to_string_lossy().into_owned(),
        error: e.to_string(),
    }
}

impl Pass {
    /// Takes the stored records of the unchanged files (see [`Pass::pending`]).
    pub fn take_stored(&mut self, store: &Store, roots: &[Root]) -> anyhow::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        let want: Vec<String> = pending.iter().map(|s| s.0.clone()).collect();
        let loaded = store.load(&want)?;
        for ((mut d, line), (_, pl, hash)) in loaded.into_iter().zip(pending) {
            set_place(&mut d, &pl, roots);
            self.documents.push(d);
            self.meta.push(DocMeta {
                placed: pl,
                hash,
                analysed: false,
                stored_line: Some(line),
            });
        }
        self.sort();
        Ok(())
    }

    /// Documents and their origins sorted together by id (in place: the records are
    /// not copied into new lists).
    fn sort(&mut self) {
        let docs = &mut self.documents;
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
        // the element for place i is order[i]: follow each cycle of the permutation
        let mut done = vec![false; order.len()];
        for start in 0..order.len() {
            let mut at = start;
            while !done[at] {
                done[at] = true;
                let from = order[at];
                if from != start {
                    docs.swap(at, from);
                    self.meta.swap(at, from);
                }
                at = from;
            }
        }
    }

    /// The store's rows of this pass's documents, given the years the event pass filled.
    pub fn rows<'a>(
        &'a self,
        root_keys: &'a [String],
        undo: &'a [Option<String>],
    ) -> Vec<DocRow<'a>> {
        self.documents
            .iter()
            .zip(&self.meta)
            .zip(undo)
            .map(|((doc, m), undo)| DocRow {
                doc,
                place: Place {
                    key: &m.placed.key,
                    root: root_keys.get(m.placed.root).map_or("", String::as_str),
                    path: &m.placed.rel,
                    stem: &m.placed.stem,
                    hash: &m.hash,
                },
                patches: undo.clone(),
                analysed: m.analysed,
                stored_line: m.stored_line,
            })
            .collect()
    }
}
