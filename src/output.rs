//! Write: JSON lines, written to a temporary file beside the target and renamed into
//! place, so an interrupted run never leaves a half-written output.

use serde::Serialize;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A JSONL file being written; it appears under its name only on [`JsonlFile::commit`].
pub struct JsonlFile {
    tmp: PathBuf,
    target: PathBuf,
    out: BufWriter<File>,
}

impl JsonlFile {
    pub fn create(target: &Path) -> io::Result<JsonlFile> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let out = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        Ok(JsonlFile {
            tmp,
            target: target.to_path_buf(),
            out,
        })
    }

    pub fn write<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        write_line(&mut self.out, record)
    }

    /// Appends bytes that are already JSON lines.
    pub fn write_raw(&mut self, lines: &[u8]) -> io::Result<()> {
        self.out.write_all(lines)
    }

    /// Flushes and syncs the file to disk (still under its temporary name).
    pub fn sync(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.out.get_ref().sync_all()
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> io::Result<()> {
        self.sync()?;
        std::fs::rename(&self.tmp, &self.target)?;
        Ok(())
    }
}

impl Drop for JsonlFile {
    fn drop(&mut self) {
        // Not committed: leave no temporary file behind.
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// Writes one record as one line of JSON.
pub fn write_line<T: Serialize, W: Write>(out: &mut W, record: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
