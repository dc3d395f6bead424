//! Writing the output set: one JSON line per record, serialised on the pool in blocks,
//! each file synced before the set is switched.

use super::outset::OutDir;
use crate::output;
use crate::record::EventRecord;
use rayon::prelude::*;
use std::io::Write;

/// An event as written: the record and the ids it absorbed.
#[derive(serde::Serialize)]
pub(super) struct EventLine<'a> {
    #[serde(flatten)]
    pub(super) event: &'a EventRecord,
    pub(super) replaces: &'a [String],
}

/// One JSON line per record, serialised on the pool.
pub(super) fn lines<T: serde::Serialize + Sync>(
    pool: &rayon::ThreadPool,
    records: &[T],
) -> std::io::Result<Vec<Vec<u8>>> {
    pool.install(|| {
        records
            .par_iter()
            .map(|r| {
                let mut buf = Vec::with_capacity(2048);
                output::write_line(&mut buf, r)?;
                Ok(buf)
            })
            .collect()
    })
}

/// Records serialised at once by [`write_records`].
const WRITE_BLOCK: usize = 4096;

/// Writes a file of the new set and syncs it.
pub(super) fn write_lines(outdir: &OutDir, name: &str, lines: &[Vec<u8>]) -> anyhow::Result<()> {
    write_file(outdir, name, |w| {
        lines.iter().try_for_each(|l| w.write_all(l))
    })
}

/// Writes one JSON line per record into a file of the new set, a block of records
/// serialised on the pool at a time (the lines of all are never held at once).
pub(super) fn write_records<T: serde::Serialize + Sync>(
    outdir: &OutDir,
    name: &str,
    pool: &rayon::ThreadPool,
    records: &[T],
) -> anyhow::Result<()> {
    write_file(outdir, name, |w| {
        for block in records.chunks(WRITE_BLOCK) {
            for l in lines(pool, block)? {
                w.write_all(&l)?;
            }
        }
        Ok(())
    })
}

/// Writes a file of the new set with `body` and syncs it.
pub(super) fn write_file(
    outdir: &OutDir,
    name: &str,
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let path = outdir.staging().join(name);
    let fail = |e: std::io::Error| anyhow::anyhow!("cannot write {}: {e}", path.display());
    let mut w = std::io::BufWriter::with_capacity(1 << 20, outdir.create(name)?);
    body(&mut w).map_err(fail)?;
    let f = w.into_inner().map_err(|e| fail(e.into_error()))?;
    f.sync_all().map_err(fail)
}
