//! The facts of a document record as the review site and the exports see them: one kind
//! per record field (the kinds of the extractors' table, [`crate::extract::FACTS`]), the
//! value that identifies the fact, and the details of a tooltip.

use super::load::{items, scalar, str_of, Record};
use crate::extract::FACTS;
use serde_json::Value;

/// The record field of a kind (`"date"` → `"dates"`).
pub fn field_of(kind: &str) -> Option<&'static str> {
    crate::extract::facts::kind(kind).map(|k| k.field)
}

/// One extracted item of a document.
#[derive(Debug, Clone)]
pub struct Fact<'a> {
    /// Its kind: `date`, `official`, `sum`, `institution`, `gmina` or `locality`.
    pub kind: &'static str,
    /// UTF-8 byte offset of its first byte in the decoded source.
    pub start: usize,
    /// UTF-8 byte offset just after its last byte.
    pub end: usize,
    /// The words as they stand in the source.
    pub text: &'a str,
    /// What the fact says: the date's or sum's value, the person's or place's name.
    pub value: String,
    /// The item's whole JSON object, every field of it (for the tooltip).
    pub item: &'a Record,
}

/// The value that identifies an item: its `value` (a date's, a sum's: then with its
/// currency) when it has one, else its `name`.
pub fn value_of(item: &Record) -> String {
    let value = match item.get("value") {
        Some(_) => str_of(item, "value"),
        None => str_of(item, "name"),
    };
    match str_of(item, "currency") {
        "" => value.to_string(),
        cur => format!("{value} {cur}"),
    }
}

/// Every fact of a document, all kinds, in source order (then longer first).
pub fn facts(doc: &Record) -> Vec<Fact<'_>> {
    let mut out = Vec::new();
    for k in FACTS {
        for item in items(doc, k.field) {
            let (Some(start), Some(end)) = (
                item.get("start").and_then(Value::as_u64),
                item.get("end").and_then(Value::as_u64),
            ) else {
                continue;
            };
            out.push(Fact {
                kind: k.kind,
                start: start as usize,
                end: end as usize,
                text: str_of(item, "text"),
                value: value_of(item),
                item,
            });
        }
    }
    out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    out
}

/// The tooltip of a fact: its kind and value, then every other field of the item
/// (role, TERYT, powiat, purpose, sum kind, approximate, year_inferred, year_from, ...),
/// one `name: value` a line.
pub fn tooltip(f: &Fact<'_>) -> String {
    let mut lines = vec![format!("{}: {}", f.kind, f.value)];
    for (k, v) in f.item {
        if matches!(k.as_str(), "text" | "start" | "end" | "value" | "name") {
            continue;
        }
        let shown = match v {
            Value::Array(_) | Value::Object(_) => v.to_string(),
            other => scalar(Some(other)),
        };
        // A sum's kind is not the fact's kind: say which.
        let label = match (f.kind, k.as_str()) {
            ("sum", "kind") => "sum kind",
            ("official", "kind") | ("institution", "kind") => "kind",
            _ => k.as_str(),
        };
        lines.push(format!("{label}: {shown}"));
    }
    lines.push(format!("bytes {}..{}", f.start, f.end));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(json: &str) -> Record {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn facts_come_in_source_order_with_their_values() {
        let d = doc(r#"{"id":"x",
            "dates":[{"text":"4 czerwca","start":40,"end":49,"value":"2019-06-04","year_inferred":true,"year_from":"publication"}],
            "sums":[{"text":"56 tys. zł","start":10,"end":21,"value":"56000.00","currency":"PLN","kind":"grant"}],
            "officials":[{"text":"wójt Jan Nowak","start":10,"end":60,"name":"Jan Nowak","role":"Wójt"}],
            "gminas":[{"no":"offsets"}]}"#);
        let f = facts(&d);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.kind, f.start, f.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("official", 10, "Jan Nowak"),
                ("sum", 10, "56000.00 PLN"),
                ("date", 40, "2019-06-04")
            ]
        );
        let tip = tooltip(&f[2]);
        assert!(tip.contains("year_inferred: true"), "{tip}");
        assert!(tip.contains("year_from: publication"), "{tip}");
        assert!(tooltip(&f[1]).contains("sum kind: grant"));
        assert_eq!(field_of("locality"), Some("localities"));
        assert_eq!(field_of("person"), None);
    }
}
