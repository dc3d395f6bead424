//! Saving a run: documents, records, mentions, events and their rows, redirects and the
//! run's summary, in one transaction.

use super::{fail, Save, Store};
use crate::record::DocumentRecord;
use anyhow::Context;
use rayon::prelude::*;
use rusqlite::params;

/// Documents whose mention rows are made at once.
const STORE_BLOCK: usize = 2048;

impl Store {
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
