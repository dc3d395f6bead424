//! The archive store: `DIR/komunikat.sqlite` (SQLite, bundled with rusqlite) keeps every
//! document's record and what the event stage needs of it, the ids issued, the events and
//! their history, so that a later run reads only new or changed files and keeps ids.
//! The tables are meant for analysts too (`schema.sql`, README "The archive store").
//! A run's writes are one transaction: the store is at one run's end or the one before.

#![warn(missing_docs)]

pub mod stable;

use crate::record::{DocumentRecord, EventRecord};
use anyhow::Context;
use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension};
pub use stable::{stabilise, OldEvent, Redirect, Stable};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Documents whose mention rows are made at once.
const STORE_BLOCK: usize = 2048;

/// The tables (created when missing).
pub const SCHEMA: &str = include_str!("schema.sql");
const VERSION: &str = "1";

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// A new store being built in this temporary file.
    building: Option<PathBuf>,
}

impl Drop for Store {
    fn drop(&mut self) {
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
    /// The record as written (years filled).
    pub doc: &'a DocumentRecord,
    /// The file's path key (root and path below it).
    pub key: &'a str,
    /// The input root, absolute.
    pub root: &'a str,
    /// The path below the root.
    pub path: &'a str,
    /// The file stem.
    pub stem: &'a str,
    /// xxh3-128 of the content, hex.
    pub hash: &'a str,
    /// The record's line in documents.jsonl (without the line break).
    pub line: &'a [u8],
    /// The years the event stage filled, to be undone when the record is taken again.
    pub patches: Option<String>,
    /// Whether the record was made in this run (its features are saved too).
    pub analysed: bool,
    /// Whether the row is written whole (made in this run, or its line changed since it
    /// was stored); otherwise only its run and patches are updated.
    pub rewrite: bool,
}

/// Everything a run saves.
pub struct Save<'a> {
    /// The run's number.
    pub run: i64,
    /// The binary, rules and options the records were made with.
    pub fingerprint: &'a str,
    /// Every document of the run.
    pub documents: Vec<DocRow<'a>>,
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
                crate::batch::outset::random_u32()
            ));
            let conn = Connection::open_with_flags(
                &tmp,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                    | rusqlite::OpenFlags::SQLITE_OPEN_CREATE
                    | rusqlite::OpenFlags::SQLITE_OPEN_NOFOLLOW
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| anyhow::anyhow!("store {}: {e}", tmp.display()))?;
            conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
                .map_err(&f)?;
            (conn, Some(tmp))
        } else {
            let conn = Connection::open(path).map_err(&f)?;
            conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
                .map_err(&f)?;
            (conn, None)
        };
        conn.execute_batch(SCHEMA).map_err(&f)?;
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
        })
    }

    /// A new store's file renamed into place (the old store's journal files go first: they
    /// belong to the file replaced).
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
        std::fs::rename(&tmp, &self.path).with_context(|| {
            format!(
                "store {}: cannot rename {} into place",
                self.path.display(),
                tmp.display()
            )
        })?;
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

    /// Saves a run in one transaction.
    pub fn save(&mut self, s: &Save) -> anyhow::Result<()> {
        let path = self.path.clone();
        let f = fail(&path);
        let tx = self.conn.transaction().map_err(&f)?;
        {
            let mut upsert = tx
                .prepare(
                    "INSERT INTO documents (id, path_key, root, path, stem, source, content_hash, \
                     format, encoding, language, polish, title, published, bytes, first_run, \
                     last_run, present) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, 1) \
                     ON CONFLICT(id) DO UPDATE SET path_key = ?2, root = ?3, path = ?4, stem = ?5, \
                     source = ?6, content_hash = ?7, format = ?8, encoding = ?9, language = ?10, \
                     polish = ?11, title = ?12, published = ?13, bytes = ?14, last_run = ?15, \
                     present = 1",
                )
                .map_err(&f)?;
            let mut upsert_record = tx
                .prepare(
                    "INSERT INTO records (doc_id, record, patches, sketch) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT(doc_id) DO UPDATE SET record = ?2, patches = ?3, \
                     sketch = COALESCE(?4, sketch)",
                )
                .map_err(&f)?;
            let mut touch = tx
                .prepare(
                    "UPDATE documents SET last_run = ?2, present = 1, source = ?3 WHERE id = ?1",
                )
                .map_err(&f)?;
            let mut drop_mentions = tx
                .prepare("DELETE FROM mentions WHERE doc_id = ?1")
                .map_err(&f)?;
            let mut add_mention = tx
                .prepare(
                    "INSERT INTO mentions (doc_id, kind, start, end, text, value, role, teryt, \
                     powiat, voivodeship, currency, purpose, sum_kind) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .map_err(&f)?;
            // The mention rows and the features' bytes are made on the pool, a block of
            // documents at a time (not all of them held at once).
            let prepared = s.documents.chunks(STORE_BLOCK).flat_map(|block| {
                let rows: Result<Vec<_>, postcard::Error> = block
                    .par_iter()
                    .map(|d| {
                        if !d.rewrite {
                            return Ok((Vec::new(), None));
                        }
                        let sketch = match (&d.doc.sketch, d.analysed) {
                            (Some(sk), true) => Some(postcard::to_stdvec(sk.as_ref())?),
                            _ => None,
                        };
                        Ok((mentions_of(d.doc), sketch))
                    })
                    .collect();
                match rows {
                    Ok(rows) => rows.into_iter().map(Ok).collect::<Vec<_>>(),
                    Err(e) => vec![Err(e)],
                }
            });
            for (d, row) in s.documents.iter().zip(prepared) {
                let (ms, sketch) = row?;
                let doc = d.doc;
                if d.rewrite {
                    let line = std::str::from_utf8(d.line).context("a record is not UTF-8")?;
                    upsert
                        .execute(params![
                            doc.id,
                            d.key,
                            d.root,
                            d.path,
                            d.stem,
                            doc.source,
                            d.hash,
                            doc.format,
                            doc.encoding,
                            doc.language,
                            doc.polish,
                            doc.title,
                            doc.published,
                            doc.bytes as i64,
                            s.run,
                        ])
                        .map_err(&f)?;
                    upsert_record
                        .execute(params![doc.id, line, d.patches, sketch])
                        .map_err(&f)?;
                    drop_mentions.execute([&doc.id]).map_err(&f)?;
                    for m in ms {
                        add_mention
                            .execute(params![
                                doc.id,
                                m.kind,
                                m.start as i64,
                                m.end as i64,
                                m.text,
                                m.value,
                                m.role,
                                m.teryt,
                                m.powiat,
                                m.voivodeship,
                                m.currency,
                                m.purpose,
                                m.sum_kind,
                            ])
                            .map_err(&f)?;
                    }
                } else {
                    touch
                        .execute(params![doc.id, s.run, doc.source])
                        .map_err(&f)?;
                }
            }
            tx.execute(
                "UPDATE documents SET present = 0 WHERE present = 1 AND last_run < ?1",
                [s.run],
            )
            .map_err(&f)?;
            tx.execute(
                "DELETE FROM mentions WHERE doc_id IN (SELECT id FROM documents WHERE present = 0)",
                [],
            )
            .map_err(&f)?;
            save_events(&tx, s).map_err(&f)?;
            tx.execute(
                "INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?1)",
                [s.fingerprint],
            )
            .map_err(&f)?;
            tx.execute(
                "INSERT INTO runs (run, finished, summary) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2)",
                params![s.run, s.summary],
            )
            .map_err(&f)?;
        }
        tx.commit().map_err(&f)?;
        self.put_in_place()
    }
}

fn save_events(tx: &rusqlite::Transaction, s: &Save) -> rusqlite::Result<()> {
    // Only events that are new or changed are written with their rows; the others keep
    // theirs (a run over an unchanged archive writes little).
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS current_events (id TEXT PRIMARY KEY); \
         DELETE FROM current_events;",
    )?;
    let mut current = tx.prepare("INSERT INTO current_events VALUES (?1)")?;
    let mut upsert = tx.prepare(
        "INSERT INTO events (id, date, title, record, replaces, first_run, last_run, active) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 1) ON CONFLICT(id) DO UPDATE SET date = ?2, \
         title = ?3, record = ?4, replaces = ?5, last_run = ?6, active = 1 \
         WHERE events.record IS NOT ?4 OR events.replaces IS NOT ?5 OR events.active = 0",
    )?;
    let mut clear = tx.prepare("DELETE FROM event_sources WHERE event_id = ?1")?;
    let mut clear_facts = tx.prepare("DELETE FROM event_facts WHERE event_id = ?1")?;
    let mut clear_conflicts = tx.prepare("DELETE FROM conflicts WHERE event_id = ?1")?;
    let mut source = tx.prepare("INSERT OR IGNORE INTO event_sources VALUES (?1, ?2)")?;
    let mut fact = tx.prepare(
        "INSERT INTO event_facts (event_id, kind, value, role, teryt, currency, sources) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut conflict = tx.prepare("INSERT INTO conflicts VALUES (?1, ?2, ?3, ?4)")?;
    for ((e, replaces), line) in s.events.iter().zip(s.event_lines) {
        let line = String::from_utf8_lossy(line);
        current.execute([&e.id])?;
        let written = upsert.execute(params![
            e.id,
            e.date,
            e.title,
            line.trim_end(),
            json(replaces),
            s.run
        ])?;
        if written == 0 {
            continue;
        }
        clear.execute([&e.id])?;
        clear_facts.execute([&e.id])?;
        clear_conflicts.execute([&e.id])?;
        for d in &e.sources {
            source.execute(params![e.id, d])?;
        }
        for o in &e.officials {
            fact.execute(params![
                e.id,
                "official",
                o.item.name,
                o.item.role,
                None::<String>,
                None::<String>,
                json(&o.sources)
            ])?;
        }
        for g in &e.gminas {
            fact.execute(params![
                e.id,
                "gmina",
                g.item.name,
                None::<String>,
                g.item.teryt,
                None::<String>,
                json(&g.sources)
            ])?;
        }
        for i in &e.institutions {
            fact.execute(params![
                e.id,
                "institution",
                i.item.name,
                None::<String>,
                None::<String>,
                None::<String>,
                json(&i.sources)
            ])?;
        }
        for m in &e.sums {
            fact.execute(params![
                e.id,
                "sum",
                m.item.value,
                None::<String>,
                None::<String>,
                m.item.currency,
                json(&m.sources)
            ])?;
        }
        for d in &e.dates {
            fact.execute(params![
                e.id,
                "date",
                d.item.value,
                None::<String>,
                None::<String>,
                None::<String>,
                json(&d.sources)
            ])?;
        }
        for c in &e.conflicts {
            conflict.execute(params![e.id, c.field, json(&c.values), json(&c.sources)])?;
        }
    }
    tx.execute_batch(
        "UPDATE events SET active = 0 WHERE active = 1 AND id NOT IN (SELECT id FROM current_events); \
         DELETE FROM event_sources WHERE event_id IN (SELECT id FROM events WHERE active = 0); \
         DELETE FROM event_facts WHERE event_id IN (SELECT id FROM events WHERE active = 0); \
         DELETE FROM conflicts WHERE event_id IN (SELECT id FROM events WHERE active = 0);",
    )?;
    let mut redirect = tx.prepare("INSERT INTO redirects VALUES (?1, ?2, ?3, ?4)")?;
    for r in s.redirects {
        redirect.execute(params![r.old, r.new, r.reason, s.run])?;
    }
    Ok(())
}

/// A list written as JSON into a column.
fn json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// One row of `mentions`.
struct Mention {
    kind: &'static str,
    start: usize,
    end: usize,
    text: String,
    value: Option<String>,
    role: Option<String>,
    teryt: Option<String>,
    powiat: Option<String>,
    voivodeship: Option<String>,
    currency: Option<String>,
    purpose: Option<String>,
    sum_kind: Option<String>,
}

/// The mention rows of a record, read from its JSON form, so that fields other stages
/// add (a sum's `kind`, `localities`) are kept without this module knowing their types.
fn mentions_of(doc: &DocumentRecord) -> Vec<Mention> {
    let Ok(serde_json::Value::Object(rec)) = serde_json::to_value(doc) else {
        return Vec::new();
    };
    let kinds = [
        ("dates", "date"),
        ("officials", "official"),
        ("sums", "sum"),
        ("institutions", "institution"),
        ("gminas", "gmina"),
        ("localities", "locality"),
    ];
    let mut out = Vec::new();
    for (field, kind) in kinds {
        let Some(serde_json::Value::Array(items)) = rec.get(field) else {
            continue;
        };
        for it in items {
            let s = |k: &str| it.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let n = |k: &str| it.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0) as usize;
            out.push(Mention {
                kind,
                start: n("start"),
                end: n("end"),
                text: s("text").unwrap_or_default(),
                value: s("value").or_else(|| s("name")),
                role: s("role"),
                teryt: s("teryt").or_else(|| s("gmina_teryt")),
                powiat: s("powiat"),
                voivodeship: s("voivodeship"),
                currency: s("currency"),
                purpose: s("purpose"),
                sum_kind: if kind == "sum" { s("kind") } else { None },
            });
        }
    }
    out
}
