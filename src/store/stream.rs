//! Documents streamed to the store as the per-document pass makes them: each worker turns
//! its record into the rows of `documents`, `records` and `mentions` ([`Streamed`]) and
//! sends them through a bounded channel to one writer thread ([`Store::stream`]), so that
//! SQLite works while the releases are read instead of after them, and no document's rows
//! wait in memory. The run's transaction is opened before ([`Store::begin`]) and
//! committed by [`Store::save`].

use super::rows::{self, Row};
use super::{fail, Store};
use crate::extract::facts::{self, Columns};
use crate::extract::{each_fact, EachFact, Fact};
use crate::record::DocumentRecord;
use rusqlite::params;
use std::sync::mpsc::{Receiver, SyncSender};

/// Documents in flight between the workers and the writer, at most (in batches of
/// [`BATCH`]).
pub const IN_FLIGHT: usize = 256;

/// Documents a worker sends to the writer at once: one wake-up of the writer for many
/// documents instead of one for each.
pub const BATCH: usize = 16;

/// One row of `mentions`: a fact's kind, place and words, and the columns its kind
/// gives it ([`Fact::mention`]).
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) struct Mention {
    kind: &'static str,
    start: usize,
    end: usize,
    text: String,
    columns: Columns,
}

/// Where a document's file sits, as the store keys it.
pub struct Place<'a> {
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
}

/// A document's rows, made on the worker that made the record.
pub struct Streamed {
    id: String,
    key: String,
    root: String,
    path: String,
    stem: String,
    hash: String,
    source: String,
    format: String,
    encoding: String,
    language: String,
    polish: bool,
    title: String,
    published: Option<String>,
    bytes: i64,
    /// The record's line (without the line break).
    line: String,
    patches: Option<String>,
    /// The event stage's features, when the record was made in this run.
    sketch: Option<Vec<u8>>,
    mentions: Vec<Mention>,
    /// The store may hold mentions of this id already (to be deleted first).
    known: bool,
}

impl Streamed {
    /// The rows of `doc` at `place`; `line` is its documents.jsonl line (made here when
    /// `None`), `with_sketch` saves its features too.
    pub fn of(
        doc: &DocumentRecord,
        place: &Place,
        line: Option<String>,
        patches: Option<String>,
        with_sketch: bool,
        known: bool,
    ) -> anyhow::Result<Streamed> {
        let line = match line {
            Some(l) => l,
            None => serde_json::to_string(doc)?,
        };
        let sketch = match (&doc.sketch, with_sketch) {
            (Some(sk), true) => Some(postcard::to_stdvec(sk.as_ref())?),
            _ => None,
        };
        Ok(Streamed {
            id: doc.id.clone(),
            key: place.key.to_string(),
            root: place.root.to_string(),
            path: place.path.to_string(),
            stem: place.stem.to_string(),
            hash: place.hash.to_string(),
            source: doc.source.clone(),
            format: doc.format.clone(),
            encoding: doc.encoding.clone(),
            language: doc.language.clone(),
            polish: doc.polish,
            title: doc.title.clone(),
            published: doc.published.clone(),
            bytes: doc.bytes as i64,
            line,
            patches,
            sketch,
            mentions: mentions_of(doc),
            known,
        })
    }
}

/// The sending end the workers hold, with the store's keys of the input roots.
pub struct Streamer {
    /// To the writer, a batch of documents at a time.
    pub tx: SyncSender<Vec<Streamed>>,
    /// The input roots' keys (absolute), by root index.
    pub root_keys: Vec<String>,
}

/// A worker's documents on their way to the writer: sent when [`BATCH`] are together,
/// the rest when the batch is dropped (at the end of the worker's part of the pass).
pub struct Batch<'a> {
    tx: &'a SyncSender<Vec<Streamed>>,
    rows: Vec<Streamed>,
}

impl<'a> Batch<'a> {
    /// An empty batch for `streamer`'s writer.
    pub fn new(streamer: &'a Streamer) -> Batch<'a> {
        Batch {
            tx: &streamer.tx,
            rows: Vec::with_capacity(BATCH),
        }
    }

    /// Adds a document's rows; sends the batch when it is full.
    pub fn push(&mut self, row: Streamed) {
        self.rows.push(row);
        if self.rows.len() >= BATCH {
            self.send();
        }
    }

    fn send(&mut self) {
        if !self.rows.is_empty() {
            let rows = std::mem::replace(&mut self.rows, Vec::with_capacity(BATCH));
            // a writer that stopped reports its error when joined
            let _ = self.tx.send(rows);
        }
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        self.send();
    }
}

impl Store {
    /// Opens the run's transaction (committed by [`Store::save`]; rolled back when the
    /// store is dropped before).
    pub fn begin(&mut self) -> anyhow::Result<()> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN").map_err(fail(&self.path))?;
        }
        Ok(())
    }

    /// Writes the documents received until every sender is gone; how many.
    pub fn stream(&mut self, run: i64, rx: Receiver<Vec<Streamed>>) -> anyhow::Result<usize> {
        let mut n = 0;
        for batch in rx {
            self.write_documents(&batch, run)?;
            n += batch.len();
        }
        Ok(n)
    }

    /// Writes documents' rows (inside the run's transaction): each document's row and
    /// record, then the mentions of them all.
    pub(super) fn write_documents(&self, docs: &[Streamed], run: i64) -> anyhow::Result<()> {
        // Documents the store cannot hold yet (a new store's, never seen): their rows go in
        // many to a statement, with nothing to update.
        let (new, known): (Vec<&Streamed>, Vec<&Streamed>) =
            docs.iter().partition(|s| self.is_new() && !s.known);
        let f = fail(&self.path);
        let rows: Vec<NewDocument> = new.iter().map(|&s| NewDocument(s, run)).collect();
        rows::insert(&self.conn, NEW_DOCUMENT, &rows).map_err(&f)?;
        let rows: Vec<NewRecord> = new.iter().map(|&s| NewRecord(s)).collect();
        rows::insert(&self.conn, NEW_RECORD, &rows).map_err(&f)?;
        for s in known {
            self.write_document(s, run)?;
        }
        let rows: Vec<MentionRow> = docs
            .iter()
            .flat_map(|s| s.mentions.iter().map(|m| MentionRow(&s.id, m)))
            .collect();
        rows::insert(
            &self.conn,
            "INSERT INTO mentions (doc_id, kind, start, end, text, value, role, teryt, \
             powiat, voivodeship, currency, purpose, sum_kind)",
            &rows,
        )
        .map_err(fail(&self.path))
    }

    /// Writes a document's row and record; clears its mentions when the store may hold
    /// some ([`Store::write_documents`] writes them).
    fn write_document(&self, s: &Streamed, run: i64) -> anyhow::Result<()> {
        let f = fail(&self.path);
        let c = &self.conn;
        c.prepare_cached(
            "INSERT INTO documents (id, path_key, root, path, stem, source, content_hash, \
             format, encoding, language, polish, title, published, bytes, first_run, \
             last_run, present) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, 1) \
             ON CONFLICT(id) DO UPDATE SET path_key = ?2, root = ?3, path = ?4, stem = ?5, \
             source = ?6, content_hash = ?7, format = ?8, encoding = ?9, language = ?10, \
             polish = ?11, title = ?12, published = ?13, bytes = ?14, last_run = ?15, \
             present = 1",
        )
        .and_then(|mut st| {
            st.execute(params![
                s.id,
                s.key,
                s.root,
                s.path,
                s.stem,
                s.source,
                s.hash,
                s.format,
                s.encoding,
                s.language,
                s.polish,
                s.title,
                s.published,
                s.bytes,
                run,
            ])
        })
        .map_err(&f)?;
        c.prepare_cached(
            "INSERT INTO records (doc_id, record, patches, sketch) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(doc_id) DO UPDATE SET record = ?2, patches = ?3, \
             sketch = COALESCE(?4, sketch)",
        )
        .and_then(|mut st| st.execute(params![s.id, s.line, s.patches, s.sketch]))
        .map_err(&f)?;
        if s.known {
            c.prepare_cached("DELETE FROM mentions WHERE doc_id = ?1")
                .and_then(|mut st| st.execute([&s.id]))
                .map_err(&f)?;
        }
        Ok(())
    }
}

/// The columns of a new document's row ([`NewDocument`]).
const NEW_DOCUMENT: &str = "INSERT INTO documents (id, path_key, root, path, stem, source, \
    content_hash, format, encoding, language, polish, title, published, bytes, first_run, \
    last_run, present)";

/// A new document's row in `documents` (as [`Store::write_document`] inserts it), in the
/// run given.
struct NewDocument<'a>(&'a Streamed, i64);

impl Row for NewDocument<'_> {
    const COLUMNS: usize = 17;
    fn bind(&self, st: &mut rusqlite::Statement, i: usize) -> rusqlite::Result<()> {
        let (s, run) = (self.0, &self.1);
        rows::bind_all(
            st,
            i,
            &[
                &s.id,
                &s.key,
                &s.root,
                &s.path,
                &s.stem,
                &s.source,
                &s.hash,
                &s.format,
                &s.encoding,
                &s.language,
                &s.polish,
                &s.title,
                &s.published,
                &s.bytes,
                run,
                run,
                &1,
            ],
        )
    }
}

/// The columns of a new document's record ([`NewRecord`]).
const NEW_RECORD: &str = "INSERT INTO records (doc_id, record, patches, sketch)";

/// A new document's row in `records`.
struct NewRecord<'a>(&'a Streamed);

impl Row for NewRecord<'_> {
    const COLUMNS: usize = 4;
    fn bind(&self, st: &mut rusqlite::Statement, i: usize) -> rusqlite::Result<()> {
        let s = self.0;
        rows::bind_all(st, i, &[&s.id, &s.line, &s.patches, &s.sketch])
    }
}

/// A row of `mentions`: the document's id and the mention.
struct MentionRow<'a>(&'a str, &'a Mention);

impl Row for MentionRow<'_> {
    const COLUMNS: usize = 13;
    fn bind(&self, st: &mut rusqlite::Statement, i: usize) -> rusqlite::Result<()> {
        let (m, c) = (self.1, &self.1.columns);
        st.raw_bind_parameter(i, self.0)?;
        st.raw_bind_parameter(i + 1, m.kind)?;
        st.raw_bind_parameter(i + 2, m.start as i64)?;
        st.raw_bind_parameter(i + 3, m.end as i64)?;
        st.raw_bind_parameter(i + 4, &m.text)?;
        st.raw_bind_parameter(i + 5, &c.value)?;
        st.raw_bind_parameter(i + 6, &c.role)?;
        st.raw_bind_parameter(i + 7, &c.teryt)?;
        st.raw_bind_parameter(i + 8, &c.powiat)?;
        st.raw_bind_parameter(i + 9, &c.voivodeship)?;
        st.raw_bind_parameter(i + 10, &c.currency)?;
        st.raw_bind_parameter(i + 11, &c.purpose)?;
        st.raw_bind_parameter(i + 12, &c.sum_kind)
    }
}

/// The mention rows of a record, made from its typed lists, each kind's columns as its
/// [`Fact::mention`] gives them (its JSON form is the reference: the test below reads the
/// rows from it and compares).
fn mentions_of(doc: &DocumentRecord) -> Vec<Mention> {
    struct Rows<'a>(&'a DocumentRecord, Vec<Mention>);
    impl EachFact for Rows<'_> {
        fn fact<T: Fact>(&mut self) {
            self.1.extend(T::list(self.0).iter().map(|l| Mention {
                kind: T::KIND,
                start: l.start,
                end: l.end,
                text: l.text.clone(),
                columns: l.item.mention(),
            }));
        }
    }
    let mut rows = Rows(doc, Vec::with_capacity(facts::count(doc)));
    each_fact(&mut rows);
    rows.1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: the rows read from the record's JSON, field by field.
    fn mentions_from_json(doc: &DocumentRecord) -> Vec<Mention> {
        let serde_json::Value::Object(rec) = serde_json::to_value(doc).unwrap() else {
            unreachable!("a record is a JSON object")
        };
        let mut out = Vec::new();
        for &facts::Kind { field, kind, .. } in facts::FACTS {
            let Some(serde_json::Value::Array(items)) = rec.get(field) else {
                continue;
            };
            for it in items {
                let s = |k: &str| it.get(k).and_then(|v| v.as_str()).map(str::to_string);
                let n = |k: &str| it.get(k).and_then(serde_json::Value::as_u64).unwrap() as usize;
                out.push(Mention {
                    kind,
                    start: n("start"),
                    end: n("end"),
                    text: s("text").unwrap(),
                    columns: Columns {
                        value: s("value").or_else(|| s("name")),
                        role: s("role"),
                        teryt: s("teryt").or_else(|| s("gmina_teryt")),
                        powiat: s("powiat"),
                        voivodeship: s("voivodeship"),
                        currency: s("currency"),
                        purpose: s("purpose"),
                        sum_kind: if kind == "sum" { s("kind") } else { None },
                    },
                });
            }
        }
        out
    }

    #[test]
    fn the_typed_rows_equal_the_rows_read_from_json_on_the_bundled_corpus() {
        let rules = crate::pipeline::RuleSet::embedded().unwrap();
        let mut kinds = std::collections::BTreeSet::new();
        let mut n = 0;
        for doc in super::super::bundled_records(&rules) {
            let rows = mentions_of(&doc);
            kinds.extend(rows.iter().map(|m| m.kind));
            n += rows.len();
            assert_eq!(rows, mentions_from_json(&doc), "{}", doc.source);
        }
        assert_eq!(kinds.len(), facts::FACTS.len(), "{kinds:?}");
        assert!(n > 1000, "{n} rows");
    }
}
