//! `komunikat export DIR --csv`: the outputs in DIR as CSV files for spreadsheets, in
//! `DIR/csv/`: `documents.csv` (one row per document), `mentions.csv` (one row per fact
//! of a document, with its byte offsets), `events.csv` (one row per event) and
//! `event_sources.csv` (one row per event and source). UTF-8 with a byte-order mark, so
//! that spreadsheet programs read Polish letters right.

use crate::review::facts::facts;
use crate::review::load::{items, scalar, str_of, strings, Outputs, Record};
use anyhow::Context as _;
use std::path::{Path, PathBuf};

/// The first columns of `documents.csv`: fields of the record, then the document's event;
/// the number of facts of each kind follows ([`document_columns`]).
pub const DOCUMENT_COLUMNS: [&str; 12] = [
    "id",
    "source",
    "format",
    "encoding",
    "language",
    "language_confidence",
    "language_method",
    "polish",
    "title",
    "published",
    "bytes",
    "event",
];

/// The columns of `documents.csv`: [`DOCUMENT_COLUMNS`], then the record field of each
/// kind of fact ([`crate::extract::FACTS`]), counting its items.
pub fn document_columns() -> Vec<&'static str> {
    let facts = crate::extract::FACTS.iter().map(|k| k.field);
    DOCUMENT_COLUMNS.into_iter().chain(facts).collect()
}

/// The columns of `mentions.csv`: where the fact is, what it says, and the fields of each
/// kind (empty where a kind has no such field). `item_kind` is the item's own `kind`
/// (a date's point/interval/..., a sum's grant/own_contribution/..., an institution's kind).
pub const MENTION_COLUMNS: [&str; 28] = [
    "doc",
    "kind",
    "start",
    "end",
    "text",
    "value",
    "item_kind",
    "name",
    "role",
    "given_name",
    "surname",
    "gender",
    "organisation",
    "acting",
    "currency",
    "approximate",
    "purpose",
    "year_inferred",
    "year_from",
    "weekday_mismatch",
    "cited",
    "recurring",
    "historical",
    "teryt",
    "powiat",
    "voivodeship",
    "abbreviation",
    "simc",
];

/// The columns of `events.csv`; lists are joined with "; ".
pub const EVENT_COLUMNS: [&str; 12] = [
    "id",
    "date",
    "date_from",
    "title",
    "sources",
    "officials",
    "gminas",
    "institutions",
    "sums",
    "dates",
    "conflicts",
    "replaces",
];

/// The columns of `event_sources.csv`.
pub const EVENT_SOURCE_COLUMNS: [&str; 3] = ["event", "doc", "title"];

/// Writes the four CSV files into `DIR/csv/`; returns that folder.
pub fn write_csv(dir: &Path) -> anyhow::Result<PathBuf> {
    let out = Outputs::read(dir)?;
    let csv_dir = dir.join("csv");
    std::fs::create_dir_all(&csv_dir)
        .with_context(|| format!("cannot create {}", csv_dir.display()))?;
    let event_of: std::collections::HashMap<&str, &str> = out
        .events
        .iter()
        .flat_map(|e| strings(e, "sources").map(move |s| (s, str_of(e, "id"))))
        .collect();

    let mut docs = Vec::new();
    let mut mentions = Vec::new();
    for d in &out.documents {
        let id = str_of(d, "id");
        let mut row: Vec<String> = DOCUMENT_COLUMNS[..11]
            .iter()
            .map(|c| scalar(d.get(*c)))
            .collect();
        row.push(event_of.get(id).copied().unwrap_or("").to_string());
        for k in crate::extract::FACTS {
            row.push(items(d, k.field).count().to_string());
        }
        docs.push(row);
        for f in facts(d) {
            let mut row = vec![
                id.to_string(),
                f.kind.to_string(),
                f.start.to_string(),
                f.end.to_string(),
                f.text.to_string(),
                str_of(f.item, "value").to_string(),
                str_of(f.item, "kind").to_string(),
            ];
            row.extend(MENTION_COLUMNS[7..].iter().map(|c| scalar(f.item.get(*c))));
            mentions.push(row);
        }
    }
    let mut events = Vec::new();
    let mut sources = Vec::new();
    for e in &out.events {
        let id = str_of(e, "id");
        let list = |field: &str, show: &dyn Fn(&Record) -> String| {
            items(e, field).map(show).collect::<Vec<_>>().join("; ")
        };
        events.push(vec![
            id.to_string(),
            scalar(e.get("date")),
            scalar(e.get("date_from")),
            str_of(e, "title").to_string(),
            strings(e, "sources").collect::<Vec<_>>().join(" "),
            list("officials", &|o| {
                format!("{} ({})", str_of(o, "name"), str_of(o, "role"))
            }),
            list("gminas", &|g| {
                format!("{} ({})", str_of(g, "name"), str_of(g, "teryt"))
            }),
            list("institutions", &|i| str_of(i, "name").to_string()),
            list("sums", &|s| {
                format!("{} {}", str_of(s, "value"), str_of(s, "currency"))
            }),
            list("dates", &|x| str_of(x, "value").to_string()),
            items(e, "conflicts").count().to_string(),
            strings(e, "replaces").collect::<Vec<_>>().join(" "),
        ]);
        for s in strings(e, "sources") {
            let title = out.document(s).map_or("", |d| str_of(d, "title"));
            sources.push(vec![id.to_string(), s.to_string(), title.to_string()]);
        }
    }
    write_file(&csv_dir.join("documents.csv"), &document_columns(), &docs)?;
    write_file(&csv_dir.join("mentions.csv"), &MENTION_COLUMNS, &mentions)?;
    write_file(&csv_dir.join("events.csv"), &EVENT_COLUMNS, &events)?;
    write_file(
        &csv_dir.join("event_sources.csv"),
        &EVENT_SOURCE_COLUMNS,
        &sources,
    )?;
    Ok(csv_dir)
}

/// One CSV file: the byte-order mark, the header, the rows.
fn write_file(path: &Path, header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    let fail = || format!("cannot write {}", path.display());
    let mut buf = "\u{FEFF}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut buf);
        w.write_record(header).with_context(fail)?;
        for r in rows {
            w.write_record(r).with_context(fail)?;
        }
        w.flush().with_context(fail)?;
    }
    std::fs::write(path, buf).with_context(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_carry_the_facts_and_a_bom() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("documents.jsonl"),
            r#"{"id":"a","title":"Wójt, \"Łódź\"","polish":true,"sums":[{"text":"1 mln zł","start":3,"end":11,"value":"1000000.00","currency":"PLN","kind":"grant"}]}
"#,
        )
        .unwrap();
        std::fs::write(
            dir.path().join("events.jsonl"),
            r#"{"id":"e1","date":null,"title":"T","sources":["a"],"sums":[{"value":"1000000.00","currency":"PLN","sources":["a"]}]}
"#,
        )
        .unwrap();
        let csv_dir = write_csv(dir.path()).unwrap();
        let docs = std::fs::read_to_string(csv_dir.join("documents.csv")).unwrap();
        assert!(docs.starts_with("\u{FEFF}id,source,format,"), "{docs}");
        assert!(
            docs.contains(",bytes,event,dates,officials,sums,institutions,gminas,localities\n"),
            "{docs}"
        );
        assert!(
            docs.contains("\na,,,,,,,true,\"Wójt, \"\"Łódź\"\"\",,,e1,0,0,1,0,0,0\n"),
            "{docs}"
        );
        let m = std::fs::read_to_string(csv_dir.join("mentions.csv")).unwrap();
        assert!(m.contains("\na,sum,3,11,1 mln zł,1000000.00,grant,"), "{m}");
        let e = std::fs::read_to_string(csv_dir.join("events.csv")).unwrap();
        assert!(e.contains("\ne1,,,T,a,,,,1000000.00 PLN,,0,\n"), "{e}");
        let s = std::fs::read_to_string(csv_dir.join("event_sources.csv")).unwrap();
        assert_eq!(s, "\u{FEFF}event,doc,title\ne1,a,\"Wójt, \"\"Łódź\"\"\"\n");
    }
}
