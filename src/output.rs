//! Write: JSON lines to a file that appears whole or not at all, to a device or a pipe, or
//! to standard output.
//!
//! A regular file (or a missing one) is written to a temporary file beside it, created with
//! `create_new` under a random name (never through a planted link), synced and renamed
//! into place. A `-o` that is a link is written at the link's target, the link kept. A
//! device or a named pipe is written directly. Temporary files of killed runs
//! (`.<name>.<pid>.<random>.tmp` whose process is gone) are removed when the next one
//! starts.

use serde::Serialize;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Where records go.
pub enum Sink {
    /// Standard output; a closed pipe (`| head`) ends the writing quietly.
    Stdout(BufWriter<io::Stdout>),
    /// A device or a pipe named by `-o`, written as it is.
    Direct(BufWriter<File>, PathBuf),
    /// A regular file, written under a temporary name until [`Sink::finish`].
    Atomic(BufWriter<tempfile::NamedTempFile>, PathBuf),
}

impl Sink {
    /// Opens the destination (standard output when `None`), before any work is done, so
    /// that a bad path is reported at once, with the path.
    pub fn open(path: Option<&Path>) -> anyhow::Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        };
        let fail = |what: &str, e: io::Error| anyhow::anyhow!("-o {}: {what}: {e}", path.display());
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => anyhow::bail!("-o {}: is a folder", path.display()),
            Ok(m) if !m.is_file() => {
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| fail("cannot open", e))?;
                return Ok(Sink::Direct(
                    BufWriter::with_capacity(1 << 20, f),
                    path.into(),
                ));
            }
            _ => {}
        }
        // A link is followed to the file it names (a dangling link: to where it points).
        let target = match std::fs::read_link(path) {
            Ok(t) if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
                match std::fs::canonicalize(path) {
                    Ok(c) => c,
                    Err(_) => path.parent().unwrap_or(Path::new("")).join(t),
                }
            }
            _ => path.to_path_buf(),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| anyhow::anyhow!("-o {}: not a file name", path.display()))?;
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !parent.is_dir() {
            anyhow::bail!(
                "-o {}: the folder {} does not exist",
                path.display(),
                parent.display()
            );
        }
        remove_stale_temporaries(&parent, &name);
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}.{}.", std::process::id()))
            .suffix(".tmp")
            .tempfile_in(&parent)
            .map_err(|e| fail("cannot create a temporary file beside it", e))?;
        Ok(Sink::Atomic(BufWriter::with_capacity(1 << 20, tmp), target))
    }

    /// Appends bytes that are already JSON lines.
    pub fn write_raw(&mut self, lines: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(lines),
            Sink::Direct(w, _) => w.write_all(lines),
            Sink::Atomic(w, _) => w.write_all(lines),
        }
    }

    /// Flushes; a regular file is synced and renamed into place (readable by others as
    /// files written by `File::create` are).
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut w) => Ok(w.flush()?),
            Sink::Direct(mut w, p) => w
                .flush()
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display())),
            Sink::Atomic(w, target) => {
                let fail = |e: io::Error| anyhow::anyhow!("cannot write {}: {e}", target.display());
                let tmp = w.into_inner().map_err(|e| fail(e.into_error()))?;
                tmp.as_file().sync_all().map_err(fail)?;
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let _ = tmp
                        .as_file()
                        .set_permissions(std::fs::Permissions::from_mode(0o644));
                }
                tmp.persist(&target).map_err(|e| fail(e.error))?;
                Ok(())
            }
        }
    }
}

/// Whether an error is a reader that went away (`| head`): the writing stops quietly.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Removes `.<name>.<pid>.<random>.tmp` files of processes that no longer run.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(rest) = rest.strip_suffix(".tmp") else {
            continue;
        };
        let pid = rest.split('.').next().unwrap_or("");
        let gone = pid.parse::<u32>().is_ok_and(|pid| {
            pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()
        });
        if gone && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes one record as one line of JSON.
pub fn write_line<T: Serialize, W: Write>(out: &mut W, record: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
