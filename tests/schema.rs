//! The JSON Schemas of the records: printed by `komunikat schema`, met by every record of
//! the bundled corpus, and every field they name documented in `docs/output.md`.

mod common;

use common::{komunikat, lines};
use serde_json::Value;
use std::path::Path;

fn schema(which: &str) -> Value {
    let out = komunikat().args(["schema", which]).output().unwrap();
    assert!(out.status.success());
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("schema/{which}.json"));
    let on_disk: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(
        printed, on_disk,
        "komunikat schema {which} is schema/{which}.json"
    );
    printed
}

#[test]
fn both_schemas_are_printed_together() {
    let out = komunikat().arg("schema").output().unwrap();
    let both: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(both["document"], schema("document"));
    assert_eq!(both["event"], schema("event"));
}

#[test]
fn every_record_of_the_corpus_meets_its_schema() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema-run");
    common::run_corpus(&dir);
    for (which, file, least) in [
        ("document", "documents.jsonl", 50),
        ("event", "events.jsonl", 25),
    ] {
        let validator = jsonschema::validator_for(&schema(which)).unwrap();
        let records = lines(&dir.join(file));
        assert!(records.len() >= least, "{file}: {} records", records.len());
        for r in &records {
            let errors: Vec<String> = validator
                .iter_errors(r)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{which} {}: {errors:?}", r["id"]);
        }
    }
}

#[test]
fn the_schemas_reject_broken_records() {
    let doc = jsonschema::validator_for(&schema("document")).unwrap();
    let good: Value = serde_json::json!({
        "id": "a", "source": "a.txt", "format": "txt", "encoding": "utf-8", "language": "pl",
        "language_confidence": 0.9, "language_method": "gate", "polish": true, "title": "",
        "bytes": 10, "dates": [{"text": "2019 r.", "start": 0, "end": 7, "value": "2019"}],
        "officials": [], "sums": [], "institutions": [], "gminas": []
    });
    assert!(doc.is_valid(&good));
    for (path, bad) in [
        ("/format", serde_json::json!("pdfx")),
        ("/dates/0/value", serde_json::json!("4 czerwca")),
        ("/dates/0/start", serde_json::json!(-1)),
        (
            "/sums",
            serde_json::json!([{"text": "5 zł", "start": 0, "end": 5, "value": "5", "currency": "PLN"}]),
        ),
        (
            "/gminas",
            serde_json::json!([{"text": "g", "start": 0, "end": 1, "name": "Oksa", "teryt": "26"}]),
        ),
    ] {
        let mut r = good.clone();
        *r.pointer_mut(path).unwrap() = bad;
        assert!(!doc.is_valid(&r), "{path} should be refused");
    }
}

/// Every property a schema names, with its path.
fn properties(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Object(props)) = m.get("properties") {
                out.extend(props.keys().cloned());
            }
            m.values().for_each(|x| properties(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| properties(x, out)),
        _ => {}
    }
}

#[test]
fn every_field_is_documented() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/output.md"))
        .unwrap();
    let mut names = Vec::new();
    properties(&schema("document"), &mut names);
    properties(&schema("event"), &mut names);
    for n in names {
        assert!(
            doc.contains(&format!("`{n}`")),
            "docs/output.md does not name `{n}`"
        );
    }
}

/// Every kind of fact of the extractors' table is a list of the document schema, of items
/// under the kind's name in `$defs` (located: text, start, end), required unless the
/// contract makes it optional; every other field of its items is a column of
/// `mentions.csv`; and the schema has no list of facts the table does not know.
#[test]
fn every_kind_of_fact_has_its_schema_and_its_csv_columns() {
    let doc = schema("document");
    let required: Vec<&str> = doc["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let columns = komunikat::export::MENTION_COLUMNS;
    // Fields mentions.csv leaves out today (found by this test; whether they become
    // columns is for the export to decide): a new field of an item is a column or is
    // named here.
    let left_out = [
        ("date", "published"),
        ("institution", "gmina"),
        ("locality", "gmina_teryt"),
    ];
    for k in komunikat::extract::FACTS {
        let prop = &doc["properties"][k.field];
        assert_eq!(prop["type"], "array", "{}", k.field);
        let reference = format!("#/$defs/{}", k.kind);
        assert_eq!(prop["items"]["$ref"], reference.as_str(), "{}", k.field);
        assert_eq!(required.contains(&k.field), !k.optional, "{}", k.field);
        let def = &doc["$defs"][k.kind];
        assert_eq!(def["allOf"][0]["$ref"], "#/$defs/located", "{}", k.kind);
        for field in def["properties"].as_object().unwrap().keys() {
            let column = if field == "kind" { "item_kind" } else { field };
            assert!(
                columns.contains(&column) != left_out.contains(&(k.kind, field.as_str())),
                "{}.{field}: a column of mentions.csv or left out, not both",
                k.kind
            );
        }
    }
    let lists: Vec<&str> = doc["properties"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| v["type"] == "array")
        .map(|(name, _)| name.as_str())
        .collect();
    let fields: Vec<&str> = komunikat::extract::FACTS.iter().map(|k| k.field).collect();
    assert_eq!(lists.len(), fields.len(), "{lists:?}");
    assert!(lists.iter().all(|l| fields.contains(l)), "{lists:?}");
}
