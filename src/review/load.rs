//! The outputs of a run, read back from a folder (`documents.jsonl`, `events.jsonl`,
//! `errors.jsonl`) for the review site, the CSV export and the corrections.
//!
//! Records are kept as JSON values, not as [`crate::record`] types: the pages and tables
//! show every field a record has, also fields added after this module was written, and
//! work when optional fields are absent.

use anyhow::Context as _;
use serde_json::{Map, Value};
use std::path::Path;

/// One record: a JSON object.
pub type Record = Map<String, Value>;

/// The three output files of a run.
#[derive(Debug, Default)]
pub struct Outputs {
    /// The document records, in file order.
    pub documents: Vec<Record>,
    /// The event records (none when `events.jsonl` is missing).
    pub events: Vec<Record>,
    /// The error records (none when `errors.jsonl` is missing).
    pub errors: Vec<Record>,
}

impl Outputs {
    /// Reads `DIR/documents.jsonl` (required), `DIR/events.jsonl` and `DIR/errors.jsonl`
    /// (either may be missing).
    pub fn read(dir: &Path) -> anyhow::Result<Outputs> {
        let documents = dir.join("documents.jsonl");
        if !documents.is_file() {
            anyhow::bail!(
                "{} not found: run `komunikat run --out {}` first",
                documents.display(),
                dir.display()
            );
        }
        Ok(Outputs {
            documents: read_jsonl(&documents)?,
            events: read_optional(&dir.join("events.jsonl"))?,
            errors: read_optional(&dir.join("errors.jsonl"))?,
        })
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Record> {
        self.documents.iter().find(|d| str_of(d, "id") == id)
    }
}

fn read_optional(path: &Path) -> anyhow::Result<Vec<Record>> {
    if path.is_file() {
        read_jsonl(path)
    } else {
        Ok(Vec::new())
    }
}

/// Every non-blank line of a JSONL file, each a JSON object; a bad line is an error that
/// names the file and the line.
pub fn read_jsonl(path: &Path) -> anyhow::Result<Vec<Record>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(m)) => out.push(m),
            Ok(_) => anyhow::bail!("{}:{}: not a JSON object", path.display(), n + 1),
            Err(e) => anyhow::bail!("{}:{}: not JSON: {e}", path.display(), n + 1),
        }
    }
    Ok(out)
}

/// A string field, or "" when absent or not a string.
pub fn str_of<'a>(r: &'a Record, key: &str) -> &'a str {
    r.get(key).and_then(Value::as_str).unwrap_or("")
}

/// An array field's objects (none when absent).
pub fn items<'a>(r: &'a Record, key: &str) -> impl Iterator<Item = &'a Record> {
    r.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

/// An array field's strings (none when absent).
pub fn strings<'a>(r: &'a Record, key: &str) -> impl Iterator<Item = &'a str> {
    r.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// A scalar shown as text: strings as they are, numbers and booleans as JSON, null and
/// absent as "".
pub fn scalar(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("documents.jsonl");
        std::fs::write(&p, "{\"id\":\"a\"}\n\n[1]\n").unwrap();
        let err = read_jsonl(&p).unwrap_err().to_string();
        assert!(
            err.ends_with("documents.jsonl:3: not a JSON object"),
            "{err}"
        );
        std::fs::write(&p, "{\"id\":\"a\"}\n").unwrap();
        let out = Outputs::read(dir.path()).unwrap();
        assert_eq!(out.documents.len(), 1);
        assert!(out.events.is_empty());
        assert_eq!(str_of(out.document("a").unwrap(), "id"), "a");
    }

    #[test]
    fn a_folder_without_documents_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Outputs::read(dir.path()).unwrap_err().to_string();
        assert!(err.contains("documents.jsonl not found"), "{err}");
    }
}
