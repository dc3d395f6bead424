//! The command line: `run`, `extract` and `events`, as `../shared/CONTRACT.md` fixes them.
//! `main` calls `run`; a file that fails is reported and the batch goes on.

use crate::civil::Ymd;
use crate::error::InputError;
use crate::ingest::{self, Found};
use crate::output::{self, JsonlFile};
use crate::pipeline::{self, Options, RuleSet};
use crate::record::{DocumentRecord, ErrorRecord, EventRecord};
use crate::rules::RuleFiles;
use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "komunikat",
    version,
    about = "Structured facts from Polish local-government press releases",
    long_about = "komunikat reads press releases (.txt, .md, .html; UTF-8, windows-1250 or \
ISO-8859-2), finds the officials, dates, sums, institutions and gminas they name, with byte \
offsets into each source, and merges releases that retell one happening into events.\n\n\
Exit status: 0 when at least one document was processed; 1 when nothing could be processed, \
or when a file failed and --strict was given; 2 on bad usage or unusable rules."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write documents.jsonl, events.jsonl and errors.jsonl into DIR
    Run {
        #[command(flatten)]
        common: Common,
        /// Output folder (created if missing); files in it are replaced atomically
        #[arg(long, value_name = "DIR", default_value = "out")]
        out: PathBuf,
    },
    /// Write document records (JSONL) to FILE or standard output
    Extract {
        #[command(flatten)]
        common: Common,
        /// Output file; standard output when absent
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write event records (JSONL) to FILE or standard output
    Events {
        #[command(flatten)]
        common: Common,
        /// Output file; standard output when absent
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Args, Debug, Clone)]
pub struct Common {
    /// Files or folders to read (folders recursively): .txt, .md, .html, .htm
    #[arg(value_name = "PATH", default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Exit with status 1 when any file could not be processed
    #[arg(long)]
    pub strict: bool,
    /// Worker threads (default: one per core)
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Load rules from this folder instead of the rules built into the binary
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Refuse files larger than this many bytes (reported in the errors)
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Resolve year-less dates of documents that name no year against this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub now: Option<Ymd>,
    /// Never show a progress bar (it is shown only when standard error is a terminal)
    #[arg(long)]
    pub no_progress: bool,
    /// Print the time spent in each stage (summed over threads) to standard error
    #[arg(long)]
    pub timings: bool,
    /// Follow symbolic links (by default links are not followed out of the input roots)
    #[arg(long)]
    pub follow_links: bool,
    /// Walk hidden files and folders (names starting with '.'), skipped by default
    #[arg(long)]
    pub hidden: bool,
}

/// Worker threads: as asked, at most four per core (0: one per core).
fn threads(asked: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    asked.unwrap_or(0).min(cores * 4)
}

/// A name as it may be printed on a terminal: control characters (escape sequences)
/// written as `\u{..}`.
pub fn for_terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_day(s: &str) -> Result<Ymd, String> {
    Ymd::parse(s).ok_or_else(|| format!("{s:?} is not a day in the form YYYY-MM-DD"))
}

/// Parses the arguments and runs; returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match run_keeping(cli) {
        Ok((code, leftovers)) => {
            // The process ends here: its memory goes back whole, without freeing the
            // rules and every record one by one first.
            std::mem::forget(leftovers);
            code
        }
        Err(e) => {
            eprintln!("komunikat: {e:#}");
            2
        }
    }
}

/// The outcome of processing every input.
pub struct Batch {
    pub documents: Vec<DocumentRecord>,
    pub errors: Vec<ErrorRecord>,
    /// Files that are not releases (images, style sheets, archives, links not followed).
    pub skipped: usize,
}

/// Runs a parsed command line; `Err` only for problems that stop the whole run.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    run_keeping(cli).map(|(code, _)| code)
}

/// What a run has built, handed back so that `main` need not free it.
struct Leftovers {
    _rules: RuleSet,
    _batch: Batch,
    _events: Vec<EventRecord>,
}

/// [`run`], with what it built.
fn run_keeping(cli: Cli) -> anyhow::Result<(i32, Leftovers)> {
    let common = match &cli.command {
        Command::Run { common, .. }
        | Command::Extract { common, .. }
        | Command::Events { common, .. } => common.clone(),
    };
    let files = match &common.rules {
        Some(dir) => RuleFiles::from_dir(dir)?,
        None => RuleFiles::embedded(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads(common.threads))
        .build()?;
    // The input is walked on its own thread while the rules load on the pool.
    let (rules, walked) = crate::timings::phase("rules", || {
        std::thread::scope(|s| {
            let walk = ingest::WalkOptions {
                follow_links: common.follow_links,
                hidden: common.hidden,
            };
            let walker = s.spawn(move || ingest::walk_with(&common.paths, walk));
            let rules = pool.install(|| RuleSet::load(&files));
            let walked = walker
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (rules, walked)
        })
    });
    let rules = rules?;
    let opts = Options {
        now: common.now,
        max_file_size: Some(common.max_file_size),
    };
    let progress = !common.no_progress && std::io::stderr().is_terminal();
    let mut batch = crate::timings::phase("releases", || {
        pool.install(|| process_walked(&rules, walked, &opts, progress))
    });
    for e in &batch.errors {
        eprintln!("komunikat: {}: {}", for_terminal(&e.path), e.error);
    }
    let processed = batch.documents.len();
    let events = match cli.command {
        Command::Run { out, .. } => {
            std::fs::create_dir_all(&out)?;
            let days = crate::timings::phase("events", || {
                pool.install(|| group_and_fill(&rules, &mut batch.documents))
            });
            let events =
                crate::timings::phase("records+write", || write_run(&pool, &out, &batch, days))?;
            eprintln!(
                "komunikat: {} documents, {} events, {} errors, {} skipped -> {}",
                processed,
                events.len(),
                batch.errors.len(),
                batch.skipped,
                out.display()
            );
            events
        }
        Command::Extract { output, .. } => {
            // Year-less dates take the year of their event.
            let events = pool.install(|| build_events(&rules, &mut batch.documents));
            emit(&pool, output.as_deref(), &batch.documents)?;
            events
        }
        Command::Events { output, .. } => {
            let events = pool.install(|| build_events(&rules, &mut batch.documents));
            emit(&pool, output.as_deref(), &events)?;
            events
        }
    };
    if common.timings {
        eprint!("{}", crate::timings::report());
    }
    let code = if common.strict && !batch.errors.is_empty() {
        1
    } else if processed == 0 {
        eprintln!("komunikat: no document could be processed");
        1
    } else {
        0
    };
    let leftovers = Leftovers {
        _rules: rules,
        _batch: batch,
        _events: events,
    };
    Ok((code, leftovers))
}

/// Reads and analyses every input file in parallel; documents sorted by id.
pub fn process(rules: &RuleSet, paths: &[PathBuf], opts: &Options, progress: bool) -> Batch {
    process_walked(rules, ingest::walk(paths), opts, progress)
}

/// [`process`] over what [`ingest::walk`] found.
fn process_walked(rules: &RuleSet, walked: Vec<Found>, opts: &Options, progress: bool) -> Batch {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    let mut skipped = 0;
    for f in walked {
        match f {
            Found::File(p) => files.push(p),
            Found::Failed(p, e) => errors.push(error_record(&p, &e)),
            Found::Skipped(_) => skipped += 1,
        }
    }
    let ids = unique_ids(&files);
    let bar = progress.then(|| {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} releases {per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    // Documents and errors are collected apart at once: no second copy of the records.
    let (mut documents, failed): (Vec<DocumentRecord>, Vec<Option<ErrorRecord>>) = files
        .par_iter()
        .zip(ids.par_iter())
        .map(|(path, id)| {
            let r = pipeline::process_file(rules, path, opts)
                .map(|mut d| {
                    d.id.clone_from(id);
                    d
                })
                .map_err(|e| match e {
                    InputError::Skipped(_) => None,
                    e => Some(error_record(path, &e)),
                });
            if let Some(b) = &bar {
                b.inc(1);
            }
            r
        })
        .partition_map(|r| match r {
            Ok(d) => rayon::iter::Either::Left(d),
            Err(e) => rayon::iter::Either::Right(e),
        });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    skipped += failed.iter().filter(|f| f.is_none()).count();
    errors.extend(failed.into_iter().flatten());
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    Batch {
        documents,
        errors,
        skipped,
    }
}

/// Ids are file stems; a stem seen again gets "#2", "#3", ... in path order.
fn unique_ids(files: &[PathBuf]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    files
        .iter()
        .map(|p| {
            let stem = ingest::doc_id(p);
            let n = seen.entry(stem.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                stem
            } else {
                format!("{stem}#{n}")
            }
        })
        .collect()
}

fn error_record(path: &Path, e: &InputError) -> ErrorRecord {
    ErrorRecord {
        path: path.to_string_lossy().into_owned(),
        error: e.to_string(),
    }
}

/// Groups the documents into events; fills year-less dates from their event.
pub fn build_events(rules: &RuleSet, documents: &mut [DocumentRecord]) -> Vec<EventRecord> {
    let days = group_and_fill(rules, documents);
    crate::timings::time(crate::timings::Stage::Events, || {
        crate::consolidate::records(documents, days)
    })
}

/// The first half of [`build_events`]: groups the documents and fills year-less dates;
/// the documents are final from here on.
fn group_and_fill(rules: &RuleSet, documents: &mut [DocumentRecord]) -> crate::consolidate::Days {
    use crate::timings::{time, Stage};
    let groups = time(Stage::Cluster, || {
        crate::dedup::cluster(&rules.events, documents)
    });
    time(Stage::Events, || {
        crate::consolidate::fill_years(&rules.events, documents, &groups)
    })
}

/// The rest of `run` once the documents are final: documents.jsonl is written and synced
/// on its own thread while the event records are built and written; then the three files
/// are renamed into place together.
fn write_run(
    pool: &rayon::ThreadPool,
    out: &Path,
    batch: &Batch,
    days: crate::consolidate::Days,
) -> anyhow::Result<Vec<EventRecord>> {
    use crate::timings::{time, Stage};
    std::thread::scope(|s| {
        let documents = s.spawn(|| {
            time(Stage::Write, || {
                let (path, mut f) =
                    write_uncommitted(pool, &out.join("documents.jsonl"), &batch.documents)?;
                f.sync()
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                anyhow::Ok((path, f))
            })
        });
        let events = pool.install(|| {
            time(Stage::Events, || {
                crate::consolidate::records(&batch.documents, days)
            })
        });
        let (events_file, errors_file) = time(Stage::Write, || -> anyhow::Result<_> {
            Ok((
                write_uncommitted(pool, &out.join("events.jsonl"), &events)?,
                write_uncommitted(pool, &out.join("errors.jsonl"), &batch.errors)?,
            ))
        })?;
        let documents_file = documents
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        time(Stage::Write, || {
            commit_all([documents_file, events_file, errors_file])
        })?;
        Ok(events)
    })
}

/// Records are serialised in parallel, a block at a time, and written in order.
fn write_all<T: serde::Serialize + Sync>(
    pool: &rayon::ThreadPool,
    path: &Path,
    records: &[T],
) -> anyhow::Result<()> {
    commit_all([write_uncommitted(pool, path, records)?])
}

/// Commits files (each synced to disk, then renamed into place) at the same time: the
/// waits for the disk overlap.
fn commit_all<const N: usize>(files: [(PathBuf, JsonlFile); N]) -> anyhow::Result<()> {
    std::thread::scope(|s| {
        let commits: Vec<_> = files
            .into_iter()
            .map(|(path, f)| s.spawn(move || (path, f.commit())))
            .collect();
        for c in commits {
            match c.join() {
                Ok((_, Ok(()))) => {}
                Ok((path, Err(e))) => anyhow::bail!("cannot write {}: {e}", path.display()),
                Err(p) => std::panic::resume_unwind(p),
            }
        }
        Ok(())
    })
}

/// [`write_all`] up to the commit: the file written under its temporary name. Blocks are
/// serialised on the pool and written on the calling thread.
fn write_uncommitted<T: serde::Serialize + Sync>(
    pool: &rayon::ThreadPool,
    path: &Path,
    records: &[T],
) -> anyhow::Result<(PathBuf, JsonlFile)> {
    let fail = |e: std::io::Error| anyhow::anyhow!("cannot write {}: {e}", path.display());
    let mut f = JsonlFile::create(path).map_err(fail)?;
    for block in records.chunks(WRITE_BLOCK) {
        let lines: Vec<Vec<u8>> = pool
            .install(|| {
                block
                    .par_chunks(64)
                    .map(|chunk| {
                        let mut buf = Vec::with_capacity(chunk.len() * 1024);
                        for r in chunk {
                            output::write_line(&mut buf, r)?;
                        }
                        Ok(buf)
                    })
                    .collect::<std::io::Result<_>>()
            })
            .map_err(fail)?;
        for buf in &lines {
            f.write_raw(buf).map_err(fail)?;
        }
    }
    Ok((path.to_path_buf(), f))
}

/// Records serialised at once before they are written.
const WRITE_BLOCK: usize = 4096;

fn emit<T: serde::Serialize + Sync>(
    pool: &rayon::ThreadPool,
    path: Option<&Path>,
    records: &[T],
) -> anyhow::Result<()> {
    match path {
        Some(p) => write_all(pool, p, records),
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            for r in records {
                output::write_line(&mut out, r)?;
            }
            out.flush()?;
            Ok(())
        }
    }
}
