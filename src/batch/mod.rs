//! The batch as a library: walk the inputs and load the rules (at once), the per-document
//! pass (in parallel; with the archive store, only new or changed files are read), the
//! event pass (grouping, then the years it gives to year-less dates, applied in one place:
//! [`event_pass`]), and the writing of `run`'s output set or of `extract`/`events`' JSONL.
//! `cli` parses the arguments, calls [`run`] or [`export`] and prints.

mod binary;
pub mod ids;
pub mod outset;
mod pass;
pub mod signal;
mod summary;
mod write;

use crate::civil::Ymd;
use crate::consolidate::Days;
use crate::ingest::{self, Found};
use crate::output::{self, Sink};
use crate::pipeline::{Options, RuleSet};
use crate::record::{DocumentRecord, ErrorRecord, EventRecord};
use crate::rules::RuleFiles;
use crate::sketch::EventRules;
use crate::store::{self, Store};
use crate::timings::{phase, time, Stage};
use anyhow::Context;
use ids::Root;
use outset::OutDir;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub use pass::{analyse, Pass, Prior};
pub use summary::Summary;
use write::{lines, write_documents, write_lines, EventLine};

/// What a batch reads and how.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Files or folders (walked recursively).
    pub paths: Vec<PathBuf>,
    /// A rules folder instead of the rules built into the binary.
    pub rules: Option<PathBuf>,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// How the inputs are walked (links, hidden names).
    pub walk: ingest::WalkOptions,
    /// Options that change the records.
    pub options: Options,
    /// Show a progress bar on standard error.
    pub progress: bool,
    /// `run`: exit status 1 when a file failed.
    pub strict: bool,
}

/// The rules, the thread pool and the walked inputs: ready for [`analyse`].
pub struct Engine {
    /// The rules, compiled.
    pub rules: RuleSet,
    /// The worker threads.
    pub pool: rayon::ThreadPool,
    /// The input roots, in command-line order.
    pub roots: Vec<Root>,
    /// A hash of the rules and of the binary: records made under another are made again.
    pub fingerprint: String,
}

impl Engine {
    /// Loads the rules on the pool while the inputs are walked; returns the engine and what
    /// the walk found, without the entries at or below `exclude` (the output folder,
    /// absolute).
    pub fn load(cfg: &Config, exclude: Option<&Path>) -> anyhow::Result<(Engine, Vec<Found>)> {
        let files = match &cfg.rules {
            Some(dir) => RuleFiles::from_dir(dir)?,
            None => RuleFiles::embedded(),
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(cfg.threads.unwrap_or(0))
            .build()?;
        let roots = ids::roots(&cfg.paths);
        let (rules, (found, binary)) = phase("rules", || {
            std::thread::scope(|s| {
                let walker = s.spawn(|| {
                    (
                        ingest::walk_with(&cfg.paths, cfg.walk),
                        binary::fingerprint(),
                    )
                });
                let rules = pool.install(|| RuleSet::load(&files));
                let walked = walker
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p));
                (rules, walked)
            })
        });
        let rules = rules?;
        crate::timings::engine("money purpose", rules.money.purpose_engine());
        if cfg.rules.is_some() {
            // A rules folder is used only when its examples pass.
            let report = crate::rules_check::check(&rules, &files)?;
            if !report.passed() {
                anyhow::bail!("the rules fail their examples:\n{}", report.summary());
            }
        }
        let found = match exclude {
            Some(out) => exclude_below(&roots, found, out),
            None => found,
        };
        let o = &cfg.options;
        let fingerprint = format!(
            "{binary:016x}-{:016x}-{}-{}",
            files.digest(),
            o.now.map(|d| d.to_string()).unwrap_or_default(),
            o.max_file_size.unwrap_or(0)
        );
        Ok((
            Engine {
                rules,
                pool,
                roots,
                fingerprint,
            },
            found,
        ))
    }
}

/// Drops what the walk found inside `out` (an output folder inside an input tree is not
/// read back).
fn exclude_below(roots: &[Root], found: Vec<Found>, out: &Path) -> Vec<Found> {
    let below: Vec<PathBuf> = roots
        .iter()
        .filter(|r| !r.file)
        .filter_map(|r| out.strip_prefix(&r.abs).ok().map(|rel| r.given.join(rel)))
        .collect();
    if below.is_empty() {
        return found;
    }
    found
        .into_iter()
        .filter(|f| {
            let p = match f {
                Found::File(p) | Found::Failed(p, _) | Found::Skipped(p) => p,
            };
            !below.iter().any(|b| p.starts_with(b))
        })
        .collect()
}

/// Groups the documents into events and fills the years the events give to year-less
/// dates: the one place where records change after the per-document pass. Returns the
/// events' days (for [`crate::consolidate::records`]) and, per document, what to undo to
/// get its record as the per-document pass made it (`None`: nothing filled).
pub fn event_pass(
    rules: &EventRules,
    documents: &mut [DocumentRecord],
) -> (Days, Vec<Option<String>>) {
    let before: Vec<Vec<(usize, String, bool)>> = documents
        .iter()
        .map(|d| {
            d.dates
                .iter()
                .enumerate()
                .filter(|(_, x)| x.item.value.contains("--"))
                .map(|(i, x)| (i, x.item.value.clone(), x.item.year_inferred))
                .collect()
        })
        .collect();
    let groups = time(Stage::Cluster, || crate::dedup::cluster(rules, documents));
    // Grouped: of the features only the dates' cues are read from here on.
    documents.par_iter_mut().for_each(|d| {
        if let Some(s) = &mut d.sketch {
            s.keep_cues();
        }
    });
    let days = time(Stage::Events, || {
        crate::consolidate::fill_years(rules, documents, &groups)
    });
    let undo = documents
        .iter()
        .zip(before)
        .map(|(d, before)| {
            let changed: Vec<_> = before
                .into_iter()
                .filter(|(i, v, y)| {
                    d.dates
                        .get(*i)
                        .is_some_and(|x| x.item.value != *v || x.item.year_inferred != *y)
                })
                .collect();
            (!changed.is_empty()).then(|| serde_json::to_string(&changed).unwrap_or_default())
        })
        .collect();
    (days, undo)
}

/// Groups the documents into events; fills year-less dates from their event.
pub fn build_events(rules: &RuleSet, documents: &mut [DocumentRecord]) -> Vec<EventRecord> {
    let (days, _) = event_pass(&rules.events, documents);
    time(Stage::Events, || {
        crate::consolidate::records(documents, days)
    })
}

/// The outcome of the per-document pass without a store (tests, examples, benches).
pub struct Batch {
    /// Document records, sorted by id.
    pub documents: Vec<DocumentRecord>,
    /// Files that could not become documents, sorted by path.
    pub errors: Vec<ErrorRecord>,
}

/// Reads and analyses every input file in parallel with the given rules; documents sorted
/// by id.
pub fn process(rules: &RuleSet, paths: &[PathBuf], opts: &Options, progress: bool) -> Batch {
    let roots = ids::roots(paths);
    let p = pass::analyse_with(rules, &roots, ingest::walk(paths), opts, None, progress);
    Batch {
        documents: p.documents,
        errors: p.errors,
    }
}

/// The outcome of [`run`] or [`export`].
pub struct Outcome {
    /// The exit status.
    pub code: i32,
    /// What to tell the user on standard error (one line), if anything.
    pub message: Option<String>,
    /// Errors of single files (printed on standard error).
    pub errors: Vec<ErrorRecord>,
}

/// `komunikat run`: the documents, events, errors and summary of `cfg.paths` as one set in
/// `out`, the archive's state in `out/komunikat.sqlite` (`fresh`: started anew).
pub fn run(cfg: &Config, out: &Path, fresh: bool) -> anyhow::Result<Outcome> {
    let t0 = Instant::now();
    signal::install();
    let outdir = OutDir::prepare(out)?;
    let out_abs = std::fs::canonicalize(out).with_context(|| format!("--out {}", out.display()))?;
    let mut store = Store::open(&out.join("komunikat.sqlite"), fresh)?;
    let known = store.known()?;
    let (engine, found) = Engine::load(cfg, Some(&out_abs))?;
    let same = known.fingerprint.as_deref() == Some(engine.fingerprint.as_str());
    let root_keys: Vec<String> = engine
        .roots
        .iter()
        .map(|r| ids::encode_if_needed(r.abs.as_os_str().as_encoded_bytes()))
        .collect();
    let run_number = known.last_run + 1;
    // Each record made goes to the store's writer as it is made (bounded: the workers
    // wait for SQLite rather than hold rows), inside the run's one transaction.
    store.begin()?;
    let (mut p, streamed) = std::thread::scope(|s| {
        let (tx, rx) =
            std::sync::mpsc::sync_channel(store::stream::IN_FLIGHT / store::stream::BATCH);
        let store = &mut store;
        let writer = s.spawn(move || store.stream(run_number, rx));
        let streamer = store::stream::Streamer {
            tx,
            root_keys: root_keys.clone(),
        };
        let prior = Prior {
            known: &known,
            reuse: same,
            stream: Some(&streamer),
        };
        let p = phase("releases", || {
            analyse(&engine, found, &cfg.options, Some(&prior), cfg.progress)
        });
        drop(streamer);
        let streamed = writer
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (p, streamed)
    });
    streamed?;
    store.sync_ahead();
    if let Some(e) = p.failure.take() {
        return Err(e);
    }
    signal::check()?;
    phase("stored", || p.take_stored(&store, &engine.roots))?;
    if p.documents.is_empty() {
        return Ok(Outcome {
            code: 1,
            message: Some(format!(
                "no document could be processed; the outputs in {} are kept",
                out.display()
            )),
            errors: p.errors,
        });
    }
    // From here on only the event stage's rules are read: the others are freed (on a
    // thread of their own) before the event stage's memory is taken.
    let Engine {
        rules,
        pool,
        roots,
        fingerprint,
    } = engine;
    let event_rules = rules.events.clone();
    let freed_rules = free_aside(rules);
    let (days, undo) = phase("events", || {
        pool.install(|| event_pass(&event_rules, &mut p.documents))
    });
    signal::check()?;
    let (old_events, issued) = store.events()?;
    let events = phase("records", || {
        pool.install(|| {
            time(Stage::Events, || {
                crate::consolidate::records(&p.documents, days)
            })
        })
    });
    // Nothing after the event stage reads the features, nor more than the id of a
    // document in the store already whose years the event stage left as they were.
    p.documents
        .par_iter_mut()
        .zip(&p.meta)
        .zip(&undo)
        .for_each(|((d, m), undo)| {
            d.sketch = None;
            if m.analysed && undo.is_none() {
                d.keep_id();
            }
        });
    let stable = store::stabilise(&events, &old_events, &issued);
    let mut events: Vec<(EventRecord, Vec<String>)> = events
        .into_iter()
        .zip(
            stable
                .ids
                .iter()
                .cloned()
                .zip(stable.replaces.iter().cloned()),
        )
        .map(|(mut e, (id, replaces))| {
            e.id = id;
            (e, replaces)
        })
        .collect();
    events.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let event_views: Vec<EventLine> = events
        .iter()
        .map(|(e, r)| EventLine {
            event: e,
            replaces: r,
        })
        .collect();
    let event_lines = lines(&pool, &event_views)?;
    drop(event_views);
    // The store's rows of an event take neither the places of its facts nor the evidence
    // (they are in its line).
    events.par_iter_mut().for_each(|(e, _)| e.keep_for_store());
    let summary = Summary {
        run: known.last_run + 1,
        fresh,
        records_reused: same,
        out: out_abs.to_string_lossy().into_owned(),
        ..Summary::new(&p, &roots, &stable, events.len(), t0)
    };
    time(Stage::Write, || -> anyhow::Result<()> {
        write_lines(&outdir, "events.jsonl", &event_lines)?;
        write_lines(&outdir, "errors.jsonl", &lines(&pool, &p.errors)?)?;
        let mut s = serde_json::to_vec_pretty(&summary)?;
        s.push(b'\n');
        write_lines(&outdir, "summary.json", &[s])
    })?;
    signal::check()?;
    let summary_text = serde_json::to_string(&summary)?;
    // The pool is done with: freed on a thread of their own while the store is saved on
    // this one (as are the documents once in the store).
    let freed_pool = free_aside(pool);
    // The documents' final lines go to the store (only those the event stage changed are
    // written again), and documents.jsonl is read back from it in id order.
    phase("store", || {
        store.save_documents(run_number, &p.rows(&root_keys, &undo), true)
    })?;
    let n_documents = p.documents.len();
    let freed_documents = free_aside((
        std::mem::take(&mut p.documents),
        std::mem::take(&mut p.meta),
    ));
    time(Stage::Write, || {
        write_documents(&outdir, &store, run_number, n_documents)
    })?;
    phase("store", || {
        store.save(&store::Save {
            run: run_number,
            fingerprint: &fingerprint,
            events: &events,
            event_lines: &event_lines,
            redirects: &stable.redirects,
            summary: &summary_text,
        })
    })?;
    let n_events = events.len();
    let freed_events = free_aside((events, event_lines));
    outdir.switch()?;
    for freed in [freed_rules, freed_pool, freed_documents, freed_events] {
        freed
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
    }
    let code = i32::from(cfg.strict && !p.errors.is_empty());
    Ok(Outcome {
        code,
        message: Some(format!(
            "{} documents ({} read), {} events, {} errors, {} skipped -> {}",
            n_documents,
            summary.files_analysed,
            n_events,
            p.errors.len(),
            summary.files_skipped,
            out.display()
        )),
        errors: p.errors,
    })
}

/// Drops `v` on a thread of its own (joined by the caller).
fn free_aside<T: Send + 'static>(v: T) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || drop(v))
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// Document records (`extract`).
    Documents,
    /// Event records (`events`).
    Events,
}

/// `komunikat extract` / `events`: the records of `cfg.paths` to `output` (a file written
/// whole or not at all, a device, a pipe) or to standard output.
pub fn export(cfg: &Config, output: Option<&Path>, what: Export) -> anyhow::Result<Outcome> {
    signal::install();
    let mut sink = Sink::open(output)?;
    let (engine, found) = Engine::load(cfg, None)?;
    let mut p = phase("releases", || {
        analyse(&engine, found, &cfg.options, None, cfg.progress)
    });
    if let Some(e) = p.failure.take() {
        return Err(e);
    }
    if p.documents.is_empty() {
        return Ok(Outcome {
            code: 1,
            message: Some("no document could be processed".into()),
            errors: p.errors,
        });
    }
    let events = engine
        .pool
        .install(|| build_events(&engine.rules, &mut p.documents));
    signal::check()?;
    let written = match what {
        Export::Documents => lines(&engine.pool, &p.documents),
        Export::Events => {
            let views: Vec<EventLine> = events
                .iter()
                .map(|e| EventLine {
                    event: e,
                    replaces: &[],
                })
                .collect();
            lines(&engine.pool, &views)
        }
    };
    let result = written.map_err(anyhow::Error::from).and_then(|ls| {
        for l in &ls {
            sink.write_raw(l)?;
        }
        sink.finish()
    });
    match result {
        Ok(()) => {}
        Err(e) if output::is_broken_pipe(&e) => {}
        Err(e) => return Err(e),
    }
    let code = i32::from(cfg.strict && !p.errors.is_empty());
    Ok(Outcome {
        code,
        message: None,
        errors: p.errors,
    })
}

/// Parses a day given on the command line.
pub fn parse_day(s: &str) -> Result<Ymd, String> {
    Ymd::parse(s).ok_or_else(|| format!("{s:?} is not a day in the form YYYY-MM-DD"))
}

#[cfg(test)]
mod tests;
