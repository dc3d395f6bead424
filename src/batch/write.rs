//! Writing the output set: one JSON line per record, serialised on the pool in blocks,
//! each file synced before the set is switched.

use super::outset::OutDir;
use crate::output;
use crate::record::EventRecord;
use crate::store::Store;
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
                // the lines are held until the store is saved: no spare room
                Ok(if buf.capacity() - buf.len() > 256 {
                    buf.as_slice().to_vec()
                } else {
                    buf
                })
            })
            .collect()
    })
}

/// Writes a file of the new set and syncs it.
pub(super) fn write_lines(outdir: &OutDir, name: &str, lines: &[Vec<u8>]) -> anyhow::Result<()> {
    write_file(outdir, name, |w| {
        lines.iter().try_for_each(|l| w.write_all(l))
    })
}

/// Writes documents.jsonl of the new set from the lines the store holds for `run` (see
/// [`Store::write_records`]), checking that it holds one for each of the run's
/// `documents`.
pub(super) fn write_documents(
    outdir: &OutDir,
    store: &Store,
    run: i64,
    documents: usize,
) -> anyhow::Result<()> {
    let mut written = 0;
    write_file(outdir, "documents.jsonl", |w| {
        written = store.write_records(run, w).map_err(std::io::Error::other)?;
        Ok(())
    })?;
    anyhow::ensure!(
        written == documents,
        "the store holds {written} records of this run for {documents} documents"
    );
    Ok(())
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
