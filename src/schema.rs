//! The JSON Schemas of the records (`schema/document.json`, `schema/event.json`), built
//! into the binary and printed by `komunikat schema`.

/// The schema of a document record (`documents.jsonl`).
pub const DOCUMENT: &str = include_str!("../schema/document.json");
/// The schema of an event record (`events.jsonl`).
pub const EVENT: &str = include_str!("../schema/event.json");

/// Which record's schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// Both, as one object: {"document": ..., "event": ...}
    All,
    /// The document record's (documents.jsonl)
    Document,
    /// The event record's (events.jsonl)
    Event,
}

/// The text `komunikat schema` prints.
pub fn text(which: Which) -> String {
    match which {
        Which::Document => DOCUMENT.to_string(),
        Which::Event => EVENT.to_string(),
        Which::All => format!(
            "{{\"document\": {},\n\"event\": {}}}\n",
            DOCUMENT.trim(),
            EVENT.trim()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_is_json_with_the_titles() {
        for w in [Which::All, Which::Document, Which::Event] {
            let v: serde_json::Value = serde_json::from_str(&text(w)).unwrap();
            assert!(v.is_object());
        }
        let all: serde_json::Value = serde_json::from_str(&text(Which::All)).unwrap();
        assert_eq!(all["document"]["title"], "komunikat document record");
        assert_eq!(all["event"]["title"], "komunikat event record");
    }
}
