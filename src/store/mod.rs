//! The archive store: `DIR/komunikat.sqlite` (SQLite, bundled with rusqlite) keeps every
//! document's record and what the event stage needs of it, the ids issued, the events and
//! their history, so that a later run reads only new or changed files and keeps ids.
//! The tables are meant for analysts too (`schema.sql`, README "The archive store").
//! A run's writes are one transaction: the store is at one run's end or the one before.

#![warn(missing_docs)]

mod rows;
mod save;
pub mod stable;
pub mod stream;

use crate::record::{DocumentRecord, EventRecord};
use anyhow::Context;
use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension};
pub use stable::{stabilise, OldEvent, Redirect, Stable};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The tables (created when missing).
pub const SCHEMA: &str = include_str!("schema.sql");
const VERSION: &str = "1";

/// The statements of [`SCHEMA`] that create tables (`indexes: false`) or its secondary
/// indexes (`true`: its one-line `CREATE INDEX` statements). A new store makes its
/// secondary indexes once the rows are in (one sort instead of a B-tree insert a row).
fn schema_part(indexes: bool) -> String {
    SCHEMA
        .lines()
        .filter(|l| l.starts_with("CREATE INDEX") == indexes)
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Settings of a new store while it is built (one connection, no journal: the file is
/// renamed into place when saved). Bigger pages hold the records with less waste.
const BUILDING: &str = "PRAGMA page_size = 8192; PRAGMA journal_mode = OFF; \
    PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY;";

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// A new store being built in this temporary file.
    building: Option<PathBuf>,
    /// Work on the store's files done on threads of their own (the sync ahead, the
    /// freeing of the file replaced), joined when the store is dropped.
    aside: Vec<std::thread::JoinHandle<()>>,
}

impl Drop for Store {
    fn drop(&mut self) {
        for t in self.aside.drain(..) {
            let _ = t.join();
        }
        if let Some(tmp) = &self.building {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// A file the store has seen.
#[derive(Debug, Clone)]
pub struct StoredFile {
    /// The document id issued for the file.
    pub id: String,
    /// xxh3-128 of the content, hex.
    pub hash: String,
}

/// What the store knows before a run.
#[derive(Debug, Default)]
pub struct Known {
    /// By path key (see [`crate::batch::ids::Placed::key`]).
    pub files: HashMap<String, StoredFile>,
    /// Stem of every stored document, by path key.
    pub stems: HashMap<String, String>,
    /// The settings the stored records were made with; records made with others are
    /// made again.
    pub fingerprint: Option<String>,
    /// The number of the last run (0 before the first).
    pub last_run: i64,
}

/// One document as a run saves it.
pub struct DocRow<'a> {
    /// The record with the years the event stage filled (of a document streamed in the
    /// pass, only what that stage reads: [`DocumentRecord::keep_for_events`]).
    pub doc: &'a DocumentRecord,
    /// Where its file sits.
    pub place: stream::Place<'a>,
    /// The years the event stage filled, to be undone when the record is taken again.
    pub patches: Option<String>,
    /// Whether the record was made in this run (its features are saved too).
    pub analysed: bool,
    /// For a record taken from the store, the hash of its stored line: the row is written
    /// whole when its line changed (years filled otherwise), else only its run is updated.
    pub stored_line: Option<u64>,
}

/// What a run saves after its documents ([`Store::save_documents`]).
pub struct Save<'a> {
    /// The run's number.
    pub run: i64,
    /// The binary, rules and options the records were made with.
    pub fingerprint: &'a str,
    /// Events with their final ids, and the ids each replaces.
    pub events: &'a [(EventRecord, Vec<String>)],
    /// The events' lines in events.jsonl (same order as `events`).
    pub event_lines: &'a [Vec<u8>],
    /// What became of stored event ids.
    pub redirects: &'a [Redirect],
    /// summary.json of the run.
    pub summary: &'a str,
}

fn fail(path: &Path) -> impl Fn(rusqlite::Error) -> anyhow::Error + '_ {
    move |e| anyhow::anyhow!("store {}: {e}", path.display())
}

impl Store {
    /// Opens the store at `path`. A new store (none yet, or `fresh`) is built in a
    /// temporary file beside it, without a journal, and renamed over `path` when the run is
    /// saved: a run that fails or is stopped leaves the store before it untouched.
    pub fn open(path: &Path, fresh: bool) -> anyhow::Result<Store> {
        let f = fail(path);
        let new = fresh || !path.exists();
        let (conn, building) = if new {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = path.with_file_name(format!(
                ".{name}.{}-{:08x}.tmp",
                std::process::id(),
                random_u32()
            ));
            let conn = Connection::open_with_flags(
                &tmp,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                    | rusqlite::OpenFlags::SQLITE_OPEN_CREATE
                    | rusqlite::OpenFlags::SQLITE_OPEN_NOFOLLOW
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| anyhow::anyhow!("store {}: {e}", tmp.display()))?;
            conn.execute_batch(BUILDING).map_err(&f)?;
            (conn, Some(tmp))
        } else {
            let conn = Connection::open(path).map_err(&f)?;
            conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
                .map_err(&f)?;
            (conn, None)
        };
        // (rows inserted many to a statement: a few statements for each table)
        conn.set_prepared_statement_cache_capacity(64);
        // (a new store's secondary indexes: see `Store::make_indexes`)
        let schema = if building.is_some() {
            schema_part(false)
        } else {
            SCHEMA.to_string()
        };
        conn.execute_batch(&schema).map_err(&f)?;
        let version: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(&f)?;
        match version.as_deref() {
            None => {
                conn.execute("INSERT INTO meta VALUES ('schema', ?1)", [VERSION])
                    .map_err(&f)?;
            }
            Some(VERSION) => {}
            Some(v) => anyhow::bail!(
                "store {}: schema version {v}, this komunikat reads {VERSION} (run with --fresh)",
                path.display()
            ),
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            building,
            aside: Vec::new(),
        })
    }

    /// Whether the store is new in this run (built in a temporary file: it has no rows
    /// of an earlier run).
    pub fn is_new(&self) -> bool {
        self.building.is_some()
    }

    /// Starts writing what a new store's file holds so far to the disk, on a thread of its
    /// own while the run goes on: the sync before the file is renamed into place (which
    /// stays, and decides) then has less left to write.
    pub fn sync_ahead(&mut self) {
        if let Some(tmp) = &self.building {
            let tmp = tmp.clone();
            self.aside.push(std::thread::spawn(move || {
                let _ = std::fs::File::open(tmp).and_then(|f| f.sync_data());
            }));
        }
    }

    /// Makes the secondary indexes of `SCHEMA` that are missing (of a new store: once
    /// its rows are in); `table`: only those on that table.
    fn make_indexes(&self, table: Option<&str>) -> anyhow::Result<()> {
        let all = schema_part(true);
        let wanted: String = all
            .lines()
            .filter(|l| table.is_none_or(|t| l.contains(&format!(" ON {t}("))))
            .collect();
        self.conn.execute_batch(&wanted).map_err(fail(&self.path))
    }

    /// A new store's file renamed into place (the old store's journal files go first: they
    /// belong to the file replaced). The file replaced is held open over the rename and
    /// closed on a thread of its own: its blocks and cached pages are freed at that last
    /// close (a crash closes it too), not in the rename.
    fn put_in_place(&mut self) -> anyhow::Result<()> {
        let Some(tmp) = self.building.take() else {
            return Ok(());
        };
        let conn = std::mem::replace(
            &mut self.conn,
            Connection::open_in_memory().map_err(fail(&self.path))?,
        );
        conn.close().map_err(|(_, e)| fail(&self.path)(e))?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .with_context(|| format!("store {}", tmp.display()))?;
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut p = self.path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(&p);
        }
        let replaced = std::fs::File::open(&self.path).ok();
        std::fs::rename(&tmp, &self.path).with_context(|| {
            format!(
                "store {}: cannot rename {} into place",
                self.path.display(),
                tmp.display()
            )
        })?;
        if let Some(file) = replaced {
            self.aside.push(std::thread::spawn(move || drop(file)));
        }
        self.conn = Connection::open(&self.path).map_err(fail(&self.path))?;
        Ok(())
    }

    /// The files, ids and settings of the stored archive.
    pub fn known(&self) -> anyhow::Result<Known> {
        let f = fail(&self.path);
        let mut k = Known::default();
        let mut st = self
            .conn
            .prepare("SELECT path_key, id, content_hash, stem FROM documents")
            .map_err(&f)?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(&f)?;
        for row in rows {
            let (key, id, hash, stem) = row.map_err(&f)?;
            k.stems.insert(key.clone(), stem);
            k.files.insert(key, StoredFile { id, hash });
        }
        k.fingerprint = self.meta("fingerprint")?;
        k.last_run = self
            .conn
            .query_row("SELECT COALESCE(MAX(run), 0) FROM runs", [], |r| r.get(0))
            .map_err(&f)?;
        Ok(k)
    }

    fn meta(&self, key: &str) -> anyhow::Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(fail(&self.path))
    }

    /// The stored records of `ids` as the event stage takes them (years it filled undone,
    /// features attached), each with the hash of its stored line.
    pub fn load(&self, ids: &[String]) -> anyhow::Result<Vec<(DocumentRecord, u64)>> {
        let f = fail(&self.path);
        let mut st = self
            .conn
            .prepare_cached("SELECT record, patches, sketch FROM records WHERE doc_id = ?1")
            .map_err(&f)?;
        let mut raw = Vec::with_capacity(ids.len());
        for id in ids {
            let row: (String, Option<String>, Option<Vec<u8>>) = st
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .map_err(&f)?;
            raw.push(row);
        }
        raw.into_par_iter()
            .map(|(record, patches, sketch)| {
                let hash = xxhash_rust::xxh3::xxh3_64(record.as_bytes());
                let mut doc: DocumentRecord = serde_json::from_str(&record)?;
                if let Some(p) = patches {
                    let undo: Vec<(usize, String, bool)> = serde_json::from_str(&p)?;
                    for (i, value, inferred) in undo {
                        if let Some(d) = doc.dates.get_mut(i) {
                            d.item.value = value;
                            d.item.year_inferred = inferred;
                        }
                    }
                }
                if let Some(s) = sketch {
                    doc.sketch = Some(Box::new(postcard::from_bytes(&s)?));
                }
                Ok((doc, hash))
            })
            .collect::<anyhow::Result<Vec<_>>>()
            .with_context(|| {
                format!(
                    "store {}: a stored record cannot be read",
                    self.path.display()
                )
            })
    }

    /// The events of the last run, and every event id ever written.
    pub fn events(&self) -> anyhow::Result<(Vec<OldEvent>, HashSet<String>)> {
        let f = fail(&self.path);
        let mut issued = HashSet::new();
        let mut active: Vec<OldEvent> = Vec::new();
        let mut st = self
            .conn
            .prepare("SELECT id, replaces, active FROM events ORDER BY id")
            .map_err(&f)?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(&f)?;
        let mut index: HashMap<String, usize> = HashMap::new();
        for row in rows {
            let (id, replaces, is_active) = row.map_err(&f)?;
            issued.insert(id.clone());
            if is_active == 1 {
                index.insert(id.clone(), active.len());
                active.push(OldEvent {
                    id,
                    sources: Vec::new(),
                    replaces: serde_json::from_str(&replaces).unwrap_or_default(),
                });
            }
        }
        let mut st = self
            .conn
            .prepare("SELECT event_id, doc_id FROM event_sources ORDER BY event_id, doc_id")
            .map_err(&f)?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(&f)?;
        for row in rows {
            let (event, doc) = row.map_err(&f)?;
            if let Some(&i) = index.get(&event) {
                active[i].sources.push(doc);
            }
        }
        Ok((active, issued))
    }
}

/// A random number for temporary names (not for anything secret).
pub fn random_u32() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.finish() as u32
}

/// The records of the bundled releases (`corpus/`), in a fixed order, as the pipeline
/// makes them: the store's tests run on them.
#[cfg(test)]
pub(crate) fn bundled_records(
    rules: &crate::pipeline::RuleSet,
) -> Vec<crate::record::DocumentRecord> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flat_map(|dir| std::fs::read_dir(dir.unwrap().path()).unwrap())
        .map(|f| f.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| crate::pipeline::process_file(rules, p, &Default::default()).unwrap())
        .collect()
}

/// The bundled releases' records with the years their events fill, and the events (the
/// event stage on the whole records, as `batch::build_events` runs it).
#[cfg(test)]
pub(crate) fn bundled_events(
    rules: &crate::pipeline::RuleSet,
) -> (
    Vec<crate::record::DocumentRecord>,
    Vec<crate::record::EventRecord>,
) {
    let mut full = bundled_records(rules);
    let groups = crate::dedup::cluster(&rules.events, &full);
    let days = crate::consolidate::fill_years(&rules.events, &mut full, &groups);
    let events = crate::consolidate::records(&full, days);
    (full, events)
}
