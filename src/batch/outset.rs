//! The output folder of `run`, switched as one set.
//!
//! A run writes its files into a fresh folder `DIR/.runs/<name>/` (created with
//! `create_dir`, so never an existing one) and then points `DIR/current` at it by renaming
//! a new symbolic link over the old one: one atomic step. `DIR/documents.jsonl`,
//! `DIR/events.jsonl`, `DIR/errors.jsonl` and `DIR/summary.json` are links to
//! `current/<name>`, so the contract's paths always open a file of the set `current`
//! points to. A reader that must see the files of one run together resolves `DIR/current`
//! once (`realpath`) and opens the files from there. The set before is removed once the
//! new one is in place (files already open stay readable); folders left by killed runs
//! are removed when a run starts. A lock file (`DIR/.lock`) keeps two runs
//! from writing into one folder at once.

use anyhow::{bail, Context};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The files of a set, each linked at `DIR/<name>`.
pub const SET: [&str; 4] = [
    "documents.jsonl",
    "events.jsonl",
    "errors.jsonl",
    "summary.json",
];

const RUNS: &str = ".runs";
const CURRENT: &str = "current";

/// An output folder being written; dropped without [`OutDir::switch`], its new set goes.
pub struct OutDir {
    dir: PathBuf,
    staging: PathBuf,
    switched: bool,
    _lock: File,
}

impl OutDir {
    /// Checks and prepares `dir` before any work: creates it, takes its lock, removes
    /// what killed runs left, and makes the new set's folder. Every problem names its path.
    pub fn prepare(dir: &Path) -> anyhow::Result<OutDir> {
        if let Ok(m) = std::fs::metadata(dir) {
            if !m.is_dir() {
                bail!("--out {}: exists and is not a folder", dir.display());
            }
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("--out {}: cannot create the folder", dir.display()))?;
        let lock_path = dir.join(".lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("--out {}: cannot open", lock_path.display()))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => bail!(
                "--out {}: another komunikat run is writing into this folder",
                dir.display()
            ),
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e)
                    .with_context(|| format!("--out {}: cannot lock", lock_path.display()))
            }
        }
        // Each contract path must be free, a link, or a regular file of an older version.
        for name in SET.iter().copied().chain([CURRENT]) {
            let p = dir.join(name);
            if let Ok(m) = std::fs::symlink_metadata(&p) {
                let ok = m.file_type().is_symlink() || (m.is_file() && name != CURRENT);
                if !ok {
                    bail!(
                        "--out: {} is in the way (not a file or a link)",
                        p.display()
                    );
                }
            }
        }
        let runs = dir.join(RUNS);
        std::fs::create_dir_all(&runs)
            .with_context(|| format!("--out: cannot create {}", runs.display()))?;
        remove_stale(dir, &runs);
        let staging = (0..100)
            .map(|_| runs.join(format!("{}-{:08x}", std::process::id(), random_u32())))
            .find_map(|p| match std::fs::create_dir(&p) {
                Ok(()) => Some(Ok(p)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
                Err(e) => {
                    Some(Err(e).with_context(|| format!("--out: cannot create {}", p.display())))
                }
            })
            .unwrap_or_else(|| bail!("--out: no free folder name in {}", runs.display()))?;
        Ok(OutDir {
            dir: dir.to_path_buf(),
            staging,
            switched: false,
            _lock: lock,
        })
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where this run writes its set.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Creates a file of the new set (never through a link: the folder is new and the
    /// file is created with `create_new`).
    pub fn create(&self, name: &str) -> anyhow::Result<File> {
        let p = self.staging.join(name);
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
            .with_context(|| format!("cannot create {}", p.display()))
    }

    /// Makes the new set the current one in one step; the files must be written and
    /// synced.
    pub fn switch(mut self) -> anyhow::Result<()> {
        sync_dir(&self.staging);
        let target = Path::new(RUNS).join(
            self.staging
                .file_name()
                .context("the new set's folder has no name")?,
        );
        replace_link(&self.dir, CURRENT, &target)?;
        self.switched = true;
        for name in SET {
            let want = Path::new(CURRENT).join(name);
            let p = self.dir.join(name);
            if std::fs::read_link(&p).ok().as_deref() != Some(want.as_path()) {
                replace_link(&self.dir, name, &want)?;
            }
        }
        sync_dir(&self.dir);
        // Files of the set before stay readable to readers that opened them.
        remove_stale(&self.dir, &self.dir.join(RUNS));
        Ok(())
    }
}

impl Drop for OutDir {
    fn drop(&mut self) {
        if !self.switched {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Points `dir/name` at `target` by renaming a new link over it.
fn replace_link(dir: &Path, name: &str, target: &Path) -> anyhow::Result<()> {
    let dest = dir.join(name);
    for _ in 0..100 {
        let tmp = dir.join(format!(
            ".{name}.{}-{:08x}.link",
            std::process::id(),
            random_u32()
        ));
        match std::os::unix::fs::symlink(target, &tmp) {
            Ok(()) => {
                return std::fs::rename(&tmp, &dest).map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    anyhow::anyhow!("cannot replace {}: {e}", dest.display())
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => bail!("cannot create a link in {}: {e}", dir.display()),
        }
    }
    bail!("no free temporary name in {}", dir.display())
}

/// Removes sets other than the current one and links left by killed runs (the lock is
/// held: no other run is writing).
fn remove_stale(dir: &Path, runs: &Path) {
    let current = std::fs::read_link(dir.join(CURRENT))
        .ok()
        .and_then(|t| t.file_name().map(|n| n.to_os_string()));
    if let Ok(entries) = std::fs::read_dir(runs) {
        for e in entries.flatten() {
            if Some(e.file_name()) != current {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && (name.ends_with(".link") || name.ends_with(".tmp")) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

pub use crate::store::random_u32;
