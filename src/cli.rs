//! The command line: `run`, `extract` and `events`, as `../shared/CONTRACT.md` fixes them.
//! `main` calls `run`; a file that fails is reported and the batch goes on.

use crate::batch::{self, signal, Config, Export, Outcome};
use crate::civil::Ymd;
use crate::pipeline::Options;
use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;

/// The parsed command line.
#[derive(Parser, Debug)]
#[command(
    name = "komunikat",
    version,
    about = "Structured facts from Polish local-government press releases",
    long_about = "komunikat reads press releases (.txt, .md, .html; UTF-8, windows-1250 or \
ISO-8859-2), finds the officials, dates, sums, institutions and gminas they name, with byte \
offsets into each source, and merges releases that retell one happening into events.\n\n\
Exit status: 0 when at least one document was processed; 1 when nothing could be processed, \
or when a file failed and --strict was given; 2 on bad usage, unusable rules or an output \
that cannot be written; 130 when stopped by a signal (SIGINT, SIGTERM, SIGHUP): the previous \
outputs are then kept."
)]
pub struct Cli {
    /// The subcommand given.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands of `komunikat`.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write documents.jsonl, events.jsonl and errors.jsonl into DIR
    Run {
        /// The inputs and how they are read.
        #[command(flatten)]
        common: Common,
        /// Output folder (created if missing): its files are replaced as one set, and the
        /// archive's state is kept in DIR/komunikat.sqlite
        #[arg(long, value_name = "DIR", default_value = "out")]
        out: PathBuf,
        /// Start the archive store anew (every file read again, ids issued anew)
        #[arg(long)]
        fresh: bool,
    },
    /// Write document records (JSONL) to FILE or standard output
    Extract {
        /// The inputs and how they are read.
        #[command(flatten)]
        common: Common,
        /// Output file; standard output when absent or '-'
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write event records (JSONL) to FILE or standard output
    Events {
        /// The inputs and how they are read.
        #[command(flatten)]
        common: Common,
        /// Output file; standard output when absent or '-'
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Work with rule folders
    Rules {
        /// What to do with the rules.
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Write a static review site into DIR/review/ from the outputs in DIR
    Review {
        /// The output folder of `komunikat run`
        #[arg(value_name = "DIR", default_value = "out")]
        dir: PathBuf,
    },
    /// Write the outputs in DIR as CSV files into DIR/csv/
    Export {
        /// The output folder of `komunikat run`
        #[arg(value_name = "DIR", default_value = "out")]
        dir: PathBuf,
        /// documents.csv, mentions.csv, events.csv, event_sources.csv (UTF-8 with BOM)
        #[arg(long, required = true)]
        csv: bool,
    },
    /// Print the JSON Schema of the records
    Schema {
        /// Which record's schema to print
        #[arg(value_enum, default_value = "all")]
        record: crate::schema::Which,
    },
    /// Turn the review site's corrections.jsonl into gold files (shared/gold format)
    Corrections {
        /// corrections.jsonl exported by the review site
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The documents.jsonl the verdicts were made on
        #[arg(long, value_name = "FILE", default_value = "out/documents.jsonl")]
        documents: PathBuf,
        /// Folder of the gold files (`<doc>.json`); existing ones are built on
        #[arg(long, value_name = "DIR", default_value = "gold")]
        out: PathBuf,
    },
}

/// The subcommands of `komunikat rules`.
#[derive(Subcommand, Debug)]
pub enum RulesAction {
    /// Run every rules/*/examples.toml against a rules folder (default: the built-in
    /// rules) and list each case that fails with its file and line; exit 1 when any fails
    Check {
        /// The rules folder
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The commands that read a run's outputs instead of releases; `None` for the others.
fn analyst_command(command: &Command) -> Option<anyhow::Result<i32>> {
    let done = |msg: String| {
        eprintln!("komunikat: {msg}");
        Ok(0)
    };
    Some(match command {
        Command::Review { dir } => crate::review::write_site(dir).and_then(|w| {
            if w.unreadable > 0 {
                eprintln!(
                    "komunikat: {} sources not found or unreadable: their pages list the facts \
                     without the text (run review from the folder `komunikat run` ran in)",
                    w.unreadable
                );
            }
            done(format!(
                "{} events, {} documents ({} sources unreadable) -> {}",
                w.events,
                w.documents,
                w.unreadable,
                w.dir.join("index.html").display()
            ))
        }),
        Command::Export { dir, .. } => crate::export::write_csv(dir)
            .and_then(|d| done(format!("CSV files -> {}", d.display()))),
        Command::Schema { record } => {
            print!("{}", crate::schema::text(*record));
            Ok(0)
        }
        Command::Corrections {
            file,
            documents,
            out,
        } => crate::corrections::to_gold(file, documents, out)
            .and_then(|w| done(format!("{} gold files -> {}", w.len(), out.display()))),
        _ => return None,
    })
}

/// The options of the commands that read releases (`run`, `extract`, `events`).
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
    #[arg(long, value_name = "DATE", value_parser = batch::parse_day)]
    pub now: Option<Ymd>,
    /// Never show a progress bar (it is shown only when standard error is a terminal)
    #[arg(long)]
    pub no_progress: bool,
    /// Print the time spent in each stage (summed over threads) and each phase's wall time
    /// and peak memory to standard error
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

/// Parses the arguments and runs; returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    if let Some(r) = analyst_command(&cli.command) {
        return r.unwrap_or_else(|e| {
            eprintln!("komunikat: {}", escape(&format!("{e:#}")));
            2
        });
    }
    if let Command::Rules {
        action: RulesAction::Check { dir },
    } = &cli.command
    {
        return crate::rules_check::run_check(dir.as_deref());
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) if e.is::<signal::Interrupted>() => {
            eprintln!("komunikat: {e}");
            signal::EXIT_INTERRUPTED
        }
        Err(e) => {
            eprintln!("komunikat: {}", escape(&format!("{e:#}")));
            2
        }
    }
}

/// Runs a parsed command line; `Err` only for problems that stop the whole run.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    let common = match &cli.command {
        Command::Run { common, .. }
        | Command::Extract { common, .. }
        | Command::Events { common, .. } => common.clone(),
        _ => anyhow::bail!("not a command that reads releases"),
    };
    let cfg = Config {
        paths: common.paths.clone(),
        rules: common.rules.clone(),
        threads: Some(threads(common.threads)),
        walk: crate::ingest::WalkOptions {
            follow_links: common.follow_links,
            hidden: common.hidden,
        },
        options: Options {
            now: common.now,
            max_file_size: Some(common.max_file_size),
        },
        progress: !common.no_progress && std::io::stderr().is_terminal(),
        strict: common.strict,
    };
    if common.timings {
        crate::timings::measure_memory();
    }
    let outcome = match &cli.command {
        Command::Run { out, fresh, .. } => batch::run(&cfg, out, *fresh)?,
        Command::Extract { output, .. } => batch::export(&cfg, to_file(output), Export::Documents)?,
        Command::Events { output, .. } => batch::export(&cfg, to_file(output), Export::Events)?,
        _ => anyhow::bail!("not a command that reads releases"),
    };
    report(&outcome);
    if common.timings {
        eprint!("{}", crate::timings::report());
    }
    // The process ends here: its memory goes back whole, without freeing every record one
    // by one first.
    let code = outcome.code;
    std::mem::forget(outcome);
    Ok(code)
}

/// Prints the errors of single files and the outcome's message on standard error.
fn report(o: &Outcome) {
    for e in &o.errors {
        eprintln!("komunikat: {}: {}", escape(&e.path), e.error);
    }
    if let Some(m) = &o.message {
        eprintln!("komunikat: {}", escape(m));
    }
}

/// Control characters (a file name's escape sequences) written as `\u{..}`, so that names
/// cannot drive the terminal.
fn escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The file `-o` names; `None` for standard output (no `-o`, or `-o -` as Unix tools
/// read it).
fn to_file(output: &Option<PathBuf>) -> Option<&std::path::Path> {
    output
        .as_deref()
        .filter(|p| p.as_os_str() != std::ffi::OsStr::new("-"))
}
