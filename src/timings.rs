//! Where the time goes: per-stage CPU time summed over all threads, shown by `--timings`.
//! Each stage adds its elapsed time to a global counter; the cost is two clock reads per
//! stage and document.

use crate::extract::KINDS;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// The stages that are timed, in pipeline order.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    /// Reading the file's bytes from disk.
    Read,
    /// Detecting the encoding and decoding to text (PDF and DOCX: taking their text out).
    Decode,
    /// Making the readable view of HTML or markdown, and finding the title.
    View,
    /// Normalising the text for the extractors.
    Normalise,
    /// Deciding the release's language.
    Language,
    /// Extracting the facts of kind `k` of [`crate::extract::KINDS`] (the table of the
    /// extractors: dates, sums, officials, institutions, gminas and localities).
    Extract(usize),
    /// Computing a document's features for the event stage (its sketch).
    Sketch,
    /// Grouping documents into events.
    Cluster,
    /// Filling year-less dates from events and building the event records.
    Events,
    /// Writing the output files.
    Write,
}

/// The stages before the extractors, with their names.
const BEFORE: [(Stage, &str); 5] = [
    (Stage::Read, "read"),
    (Stage::Decode, "decode"),
    (Stage::View, "html/markdown"),
    (Stage::Normalise, "normalise"),
    (Stage::Language, "language"),
];

/// The stages after the extractors, with their names.
const AFTER: [(Stage, &str); 4] = [
    (Stage::Sketch, "sketch"),
    (Stage::Cluster, "events: grouping"),
    (Stage::Events, "events: records"),
    (Stage::Write, "write"),
];

/// How many stages there are: one per extractor and the others.
const COUNT: usize = BEFORE.len() + KINDS.len() + AFTER.len();

static NANOS: [AtomicU64; COUNT] = [const { AtomicU64::new(0) }; COUNT];

impl Stage {
    /// The stage's counter in [`NANOS`], in pipeline order.
    fn slot(self) -> usize {
        match self {
            Stage::Read => 0,
            Stage::Decode => 1,
            Stage::View => 2,
            Stage::Normalise => 3,
            Stage::Language => 4,
            Stage::Extract(k) => BEFORE.len() + k,
            Stage::Sketch => BEFORE.len() + KINDS.len(),
            Stage::Cluster => BEFORE.len() + KINDS.len() + 1,
            Stage::Events => BEFORE.len() + KINDS.len() + 2,
            Stage::Write => BEFORE.len() + KINDS.len() + 3,
        }
    }
}

/// Runs `f`, adding its time to `stage`.
pub fn time<T>(stage: Stage, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    NANOS[stage.slot()].fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
    r
}

/// Wall-clock phases of a run (rules, releases, events, write), in the order they ended,
/// with the process's peak and final resident memory in each (KiB) when measured.
static PHASES: Mutex<Vec<Phase>> = Mutex::new(Vec::new());

/// A phase's name, wall seconds and (peak, end) resident memory in KiB.
type Phase = (&'static str, f64, Option<(u64, u64)>);

/// Whether [`phase`] measures memory (set by `--timings`).
static MEMORY: AtomicBool = AtomicBool::new(false);

/// Makes [`phase`] measure the peak resident memory of each phase (Linux: the peak is
/// reset through `/proc/self/clear_refs` at the phase's start and read from
/// `/proc/self/status` at its end; elsewhere nothing is measured).
pub fn measure_memory() {
    MEMORY.store(true, Ordering::Relaxed);
}

/// Resets the process's peak resident memory to its current value (Linux).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The process's peak and current resident memory in KiB (`VmHWM`, `VmRSS`), Linux only.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

/// Runs `f`, recording its wall-clock time as the phase `name`.
pub fn phase<T>(name: &'static str, f: impl FnOnce() -> T) -> T {
    let measure = MEMORY.load(Ordering::Relaxed);
    if measure {
        reset_peak();
    }
    let t = Instant::now();
    let r = f();
    let s = t.elapsed().as_secs_f64();
    let mem = if measure { memory() } else { None };
    if let Ok(mut p) = PHASES.lock() {
        p.push((name, s, mem));
    }
    r
}

/// Which engine ran where a rule set can be read by more than one ("money purpose":
/// "reader" or "regex"), said once by the rule loader and printed by [`report`].
static ENGINES: Mutex<Vec<(&'static str, &'static str)>> = Mutex::new(Vec::new());

/// Records that `what` runs on `engine` in this run.
pub fn engine(what: &'static str, engine: &'static str) {
    if let Ok(mut e) = ENGINES.lock() {
        if !e.iter().any(|(w, _)| *w == what) {
            e.push((what, engine));
        }
    }
}

/// A table of the stages' times (seconds, summed over threads) and shares.
pub fn report() -> String {
    let total: u64 = NANOS.iter().map(|n| n.load(Ordering::Relaxed)).sum();
    let mut out = String::from("stage                  cpu s   share\n");
    let extractors = KINDS
        .iter()
        .enumerate()
        .map(|(k, kind)| (Stage::Extract(k), format!("extract {kind}")));
    let named = |list: &[(Stage, &str)]| {
        list.iter()
            .map(|(s, n)| (*s, n.to_string()))
            .collect::<Vec<_>>()
    };
    let stages = named(&BEFORE)
        .into_iter()
        .chain(extractors)
        .chain(named(&AFTER));
    for (stage, name) in stages {
        let n = NANOS[stage.slot()].load(Ordering::Relaxed);
        let share = if total > 0 {
            n as f64 * 100.0 / total as f64
        } else {
            0.0
        };
        out.push_str(&format!("{name:<20}{:>8.3}{share:>7.1}%\n", n as f64 / 1e9));
    }
    out.push_str(&format!("{:<20}{:>8.3}\n", "total", total as f64 / 1e9));
    if let Ok(phases) = PHASES.lock() {
        if !phases.is_empty() {
            out.push_str("phase                 wall s  peak MiB   end MiB\n");
            for (name, s, mem) in phases.iter() {
                out.push_str(&format!("{name:<20}{s:>8.3}"));
                if let Some((peak, now)) = mem {
                    out.push_str(&format!(
                        "{:>10.0}{:>10.0}",
                        *peak as f64 / 1024.0,
                        *now as f64 / 1024.0
                    ));
                }
                out.push('\n');
            }
        }
    }
    if let Ok(engines) = ENGINES.lock() {
        for (what, engine) in engines.iter() {
            out.push_str(&format!("{what} engine: {engine}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// The peak and current resident memory are read from the process's status (Linux),
    /// and the peak is reset to the current size.
    #[cfg(target_os = "linux")]
    #[test]
    fn memory_is_read_and_its_peak_reset() {
        let big = vec![1u8; 64 << 20];
        assert!(big.iter().all(|&b| b == 1));
        let (peak, now) = super::memory().expect("/proc/self/status");
        assert!(peak >= now && now >= 64 << 10, "{peak} {now}");
        drop(big);
        super::reset_peak();
        let (peak_after, now_after) = super::memory().expect("/proc/self/status");
        assert!(peak_after < peak, "{peak_after} {peak}");
        assert!(peak_after >= now_after);
    }
    /// The names `--timings` prints (the README and docs quote them), in pipeline order.
    #[test]
    fn the_report_names_every_stage_in_pipeline_order() {
        let report = super::report();
        let names: Vec<&str> = report
            .lines()
            .skip(1)
            .take(super::COUNT)
            .map(|l| l[..20].trim_end())
            .collect();
        assert_eq!(
            names,
            [
                "read",
                "decode",
                "html/markdown",
                "normalise",
                "language",
                "extract date",
                "extract official",
                "extract money",
                "extract institution",
                "extract gmina",
                "sketch",
                "events: grouping",
                "events: records",
                "write"
            ]
        );
    }
}
