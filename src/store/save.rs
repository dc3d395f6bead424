//! Saving a run: documents, records, mentions, events and their rows, redirects and the
//! run's summary, in one transaction.

use super::rows::{self, Row};
use super::stream::Streamed;
use super::{fail, DocRow, Save, Store};
use crate::record::{DocumentRecord, EventRecord};
use anyhow::Context;
use rayon::prelude::*;
use rusqlite::params;
use std::io::Write;

/// Documents whose mention rows are made at once.
const STORE_BLOCK: usize = 2048;

impl Store {
    /// Writes the run's documents (inside the run's transaction, opened here unless
    /// [`Store::begin`] opened it for the documents streamed during the pass): afterwards
    /// every document of the run has its final line in `records` and `last_run = run`
    /// ([`Store::write_records`] reads them back).
    pub fn save_documents(
        &mut self,
        run: i64,
        documents: &[DocRow],
        streamed: bool,
    ) -> anyhow::Result<()> {
        self.begin()?;
        // Documents are written again below: their mentions are found by document.
        self.make_indexes(Some("mentions"))?;
        let path = self.path.clone();
        let f = fail(&path);
        // The documents' rows are made on the pool, a block of documents at a time (not
        // all of them held at once). Documents streamed in the pass are written again
        // only when the event stage filled years in them.
        for block in documents.chunks(STORE_BLOCK) {
            // A streamed document the event stage filled years in is kept in memory with
            // only what that stage reads: it is rebuilt from its stored line.
            let stored: Vec<Option<String>> = block
                .iter()
                .map(|d| {
                    if d.analysed && streamed && d.patches.is_some() {
                        self.stored_line(&d.doc.id).map(Some)
                    } else {
                        Ok(None)
                    }
                })
                .collect::<anyhow::Result<_>>()?;
            let rows: Vec<anyhow::Result<Option<Streamed>>> = block
                .par_iter()
                .zip(stored.par_iter())
                .map(|(d, stored)| {
                    let streamed = d.analysed && streamed;
                    if streamed && d.patches.is_none() {
                        return Ok(None);
                    }
                    let full = stored.as_deref().map(|l| rebuilt(l, d.doc)).transpose()?;
                    let doc = full.as_ref().unwrap_or(d.doc);
                    let line = serde_json::to_string(doc)?;
                    let hash = xxhash_rust::xxh3::xxh3_64(line.as_bytes());
                    if !d.analysed && d.stored_line == Some(hash) {
                        return Ok(None);
                    }
                    let with_sketch = d.analysed && !streamed;
                    Streamed::of(
                        doc,
                        &d.place,
                        Some(line),
                        d.patches.clone(),
                        with_sketch,
                        true,
                    )
                    .map(Some)
                })
                .collect();
            let mut again = Vec::new();
            for (d, row) in block.iter().zip(rows) {
                match row.context("a record cannot be stored")? {
                    Some(row) => again.push(row),
                    None if !(d.analysed && streamed) => {
                        self.conn
                            .prepare_cached(
                                "UPDATE documents SET last_run = ?2, present = 1, source = ?3 \
                                 WHERE id = ?1",
                            )
                            .and_then(|mut st| st.execute(params![d.doc.id, run, d.doc.source]))
                            .map_err(&f)?;
                    }
                    None => {}
                }
            }
            self.write_documents(&again, run)?;
        }
        Ok(())
    }

    /// The stored line of document `id`.
    fn stored_line(&self, id: &str) -> anyhow::Result<String> {
        self.conn
            .prepare_cached("SELECT record FROM records WHERE doc_id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)))
            .map_err(fail(&self.path))
    }

    /// Writes the stored lines of the documents of `run` (each with a line break), sorted
    /// by id as documents.jsonl has them (BINARY collation: the byte order of Rust's
    /// `String`); how many. Called after [`Store::save_documents`], inside the transaction.
    pub fn write_records(&self, run: i64, w: &mut dyn Write) -> anyhow::Result<usize> {
        let f = fail(&self.path);
        let mut st = self
            .conn
            .prepare(
                "SELECT r.record FROM documents d JOIN records r ON r.doc_id = d.id \
                 WHERE d.last_run = ?1 ORDER BY d.id",
            )
            .map_err(&f)?;
        let mut rows = st.query([run]).map_err(&f)?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(&f)? {
            let line = row.get_ref(0).and_then(|v| Ok(v.as_str()?)).map_err(&f)?;
            w.write_all(line.as_bytes())?;
            w.write_all(b"\n")?;
            n += 1;
        }
        Ok(n)
    }

    /// Saves the rest of a run (after [`Store::save_documents`]) and commits its
    /// transaction.
    pub fn save(&mut self, s: &Save) -> anyhow::Result<()> {
        let path = self.path.clone();
        let f = fail(&path);
        self.begin()?;
        let tx = &self.conn;
        // (every document of a new store is of this run)
        if !self.is_new() {
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
        }
        save_events(tx, s, self.is_new()).map_err(&f)?;
        self.make_indexes(None)?;
        let tx = &self.conn;
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
        tx.execute_batch("COMMIT").map_err(&f)?;
        self.put_in_place()
    }
}

fn save_events(tx: &rusqlite::Connection, s: &Save, new: bool) -> rusqlite::Result<()> {
    let mut rows = EventRows::default();
    if new {
        // A new store holds no event: each is inserted with its rows, nothing to clear;
        // a block of events at a time (not the rows of all held at once).
        const BLOCK: usize = 4096;
        let lines = s.events.chunks(BLOCK).zip(s.event_lines.chunks(BLOCK));
        for (block, block_lines) in lines {
            let mut rows = EventRows::default();
            let events: Vec<NewEvent> = block
                .iter()
                .zip(block_lines)
                .map(|((e, replaces), line)| {
                    rows.add(e);
                    NewEvent {
                        event: e,
                        record: String::from_utf8_lossy(line),
                        replaces: json(replaces),
                        run: s.run,
                    }
                })
                .collect();
            rows::insert(
                tx,
                "INSERT INTO events (id, date, title, record, replaces, first_run, last_run, \
                 active)",
                &events,
            )?;
            rows.insert(tx)?;
        }
        return redirects(tx, s);
    }
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
        // (inserted after the loop: the rows cleared are this event's only)
        rows.add(e);
    }
    rows.insert(tx)?;
    tx.execute_batch(
        "UPDATE events SET active = 0 WHERE active = 1 AND id NOT IN (SELECT id FROM current_events); \
         DELETE FROM event_sources WHERE event_id IN (SELECT id FROM events WHERE active = 0); \
         DELETE FROM event_facts WHERE event_id IN (SELECT id FROM events WHERE active = 0); \
         DELETE FROM conflicts WHERE event_id IN (SELECT id FROM events WHERE active = 0);",
    )?;
    redirects(tx, s)
}

fn redirects(tx: &rusqlite::Connection, s: &Save) -> rusqlite::Result<()> {
    let mut redirect = tx.prepare("INSERT INTO redirects VALUES (?1, ?2, ?3, ?4)")?;
    for r in s.redirects {
        redirect.execute(params![r.old, r.new, r.reason, s.run])?;
    }
    Ok(())
}

/// A row of `events` in a new store.
struct NewEvent<'a> {
    event: &'a EventRecord,
    /// Its line in events.jsonl.
    record: std::borrow::Cow<'a, str>,
    replaces: String,
    run: i64,
}

impl Row for NewEvent<'_> {
    const COLUMNS: usize = 8;
    fn bind(&self, st: &mut rusqlite::Statement, i: usize) -> rusqlite::Result<()> {
        st.raw_bind_parameter(i, &self.event.id)?;
        st.raw_bind_parameter(i + 1, &self.event.date)?;
        st.raw_bind_parameter(i + 2, &self.event.title)?;
        st.raw_bind_parameter(i + 3, self.record.trim_end())?;
        st.raw_bind_parameter(i + 4, &self.replaces)?;
        st.raw_bind_parameter(i + 5, self.run)?;
        st.raw_bind_parameter(i + 6, self.run)?;
        st.raw_bind_parameter(i + 7, 1)
    }
}

/// A row of `event_sources`: event and document.
struct Source<'a>(&'a str, &'a str);

impl Row for Source<'_> {
    const COLUMNS: usize = 2;
    fn bind(&self, st: &mut rusqlite::Statement, i: usize) -> rusqlite::Result<()> {
        st.raw_bind_parameter(i, self.0)?;
        st.raw_bind_parameter(i + 1, self.1)
    }
}

/// A row of `event_facts`.
struct Fact<'a> {
    event: &'a str,
    kind: &'static str,
    value: &'a str,
    role: Option<&'a str>,
    teryt: Option<&'a str>,
    currency: Option<&'a str>,
    sources: String,
}

impl Row for Fact<'_> {
    const COLUMNS: usize = 7;
    fn bind(&self, st: &mut rusqlite::Statement, i: usize) -> rusqlite::Result<()> {
        st.raw_bind_parameter(i, self.event)?;
        st.raw_bind_parameter(i + 1, self.kind)?;
        st.raw_bind_parameter(i + 2, self.value)?;
        st.raw_bind_parameter(i + 3, self.role)?;
        st.raw_bind_parameter(i + 4, self.teryt)?;
        st.raw_bind_parameter(i + 5, self.currency)?;
        st.raw_bind_parameter(i + 6, &self.sources)
    }
}

/// A row of `conflicts`.
struct ConflictRow<'a> {
    event: &'a str,
    field: &'a str,
    values: String,
    sources: String,
}

impl Row for ConflictRow<'_> {
    const COLUMNS: usize = 4;
    fn bind(&self, st: &mut rusqlite::Statement, i: usize) -> rusqlite::Result<()> {
        st.raw_bind_parameter(i, self.event)?;
        st.raw_bind_parameter(i + 1, self.field)?;
        st.raw_bind_parameter(i + 2, &self.values)?;
        st.raw_bind_parameter(i + 3, &self.sources)
    }
}

/// The sources, facts and conflicts of the events written, inserted together.
#[derive(Default)]
struct EventRows<'a> {
    sources: Vec<Source<'a>>,
    facts: Vec<Fact<'a>>,
    conflicts: Vec<ConflictRow<'a>>,
}

impl<'a> EventRows<'a> {
    /// Adds the rows of event `e`.
    fn add(&mut self, e: &'a EventRecord) {
        let id = e.id.as_str();
        self.sources.extend(e.sources.iter().map(|d| Source(id, d)));
        let fact = |kind, value: &'a str, sources: &[String]| Fact {
            event: id,
            kind,
            value,
            role: None,
            teryt: None,
            currency: None,
            sources: json(sources),
        };
        self.facts.extend(e.officials.iter().map(|o| Fact {
            role: Some(&o.item.role),
            ..fact("official", &o.item.name, &o.sources)
        }));
        self.facts.extend(e.gminas.iter().map(|g| Fact {
            teryt: Some(&g.item.teryt),
            ..fact("gmina", &g.item.name, &g.sources)
        }));
        self.facts.extend(
            e.institutions
                .iter()
                .map(|i| fact("institution", &i.item.name, &i.sources)),
        );
        self.facts.extend(e.sums.iter().map(|m| Fact {
            currency: Some(&m.item.currency),
            ..fact("sum", &m.item.value, &m.sources)
        }));
        self.facts.extend(
            e.dates
                .iter()
                .map(|d| fact("date", &d.item.value, &d.sources)),
        );
        self.conflicts
            .extend(e.conflicts.iter().map(|c| ConflictRow {
                event: id,
                field: &c.field,
                values: json(&c.values),
                sources: json(&c.sources),
            }));
    }

    fn insert(&self, tx: &rusqlite::Connection) -> rusqlite::Result<()> {
        rows::insert(
            tx,
            "INSERT OR IGNORE INTO event_sources (event_id, doc_id)",
            &self.sources,
        )?;
        rows::insert(
            tx,
            "INSERT INTO event_facts (event_id, kind, value, role, teryt, currency, sources)",
            &self.facts,
        )?;
        rows::insert(
            tx,
            "INSERT INTO conflicts (event_id, field, \"values\", sources)",
            &self.conflicts,
        )
    }
}

/// A list written as JSON into a column.
fn json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The whole record of a document kept in memory with only what the event stage reads
/// ([`DocumentRecord::keep_for_events`]): its stored line (as the pass made it) with the
/// dates, whole in memory, as the event stage left them.
fn rebuilt(line: &str, doc: &DocumentRecord) -> anyhow::Result<DocumentRecord> {
    let mut full: DocumentRecord = serde_json::from_str(line)?;
    anyhow::ensure!(
        full.id == doc.id && full.dates.len() == doc.dates.len(),
        "the stored record of {} is not the one in memory",
        doc.id
    );
    for (f, d) in full.dates.iter_mut().zip(&doc.dates) {
        f.item = d.item.clone();
    }
    // (a float read back is not always the one written)
    full.language_confidence = doc.language_confidence;
    Ok(full)
}

#[cfg(test)]
mod tests;
