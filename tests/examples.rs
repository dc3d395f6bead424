//! The examples harness: every `rules/<kind>/examples.toml` runs as tests, in the manner
//! of Duckling's per-dimension `Corpus.hs` with one generic assertion and a pinned "now".
//! The format is documented in `rules/README.md`.

use komunikat::civil::Ymd;
use komunikat::pipeline::{analyse_text, RuleSet};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// The pinned date of every example document (year-less dates resolve to its year).
    now: String,
    #[serde(default)]
    example: Vec<Example>,
    #[serde(default)]
    negative: Vec<Negative>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    name: String,
    /// Fields the item must have (a subset of the record's fields).
    expect: BTreeMap<String, Value>,
    texts: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Negative {
    name: String,
    /// Fields no item may have; when absent, the text must give no item at all.
    #[serde(default)]
    reject: Option<BTreeMap<String, Value>>,
    texts: Vec<String>,
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::embedded().expect("embedded rules load"))
}

/// The list of items of `kind` that `text` gives, as JSON.
fn items(kind: &str, text: &str, now: Ymd) -> Vec<Value> {
    let rec = analyse_text(rules(), "example", text, Some(now));
    let v = serde_json::to_value(&rec).unwrap();
    let field = match kind {
        "date" => "dates",
        "money" => "sums",
        "official" => "officials",
        "institution" => "institutions",
        "gmina" => "gminas",
        "locality" => "localities",
        other => panic!("unknown kind {other}"),
    };
    v[field].as_array().cloned().unwrap_or_default()
}

fn matches(item: &Value, fields: &BTreeMap<String, Value>) -> bool {
    fields.iter().all(|(k, want)| &item[k] == want)
}

/// Runs one kind's examples; returns the failures.
fn run_kind(kind: &str) -> (usize, Vec<String>) {
    // Localities are the gmina extractor's: their examples live beside the gmina rules.
    let file = match kind {
        "locality" => "gmina/locality_examples.toml".to_string(),
        k => format!("{k}/examples.toml"),
    };
    let path = format!("{}/rules/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let now = Ymd::parse(&file.now).unwrap_or_else(|| panic!("{path}: bad now {:?}", file.now));
    let mut names = HashSet::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for ex in &file.example {
        assert!(
            names.insert(ex.name.clone()),
            "{path}: duplicate name {}",
            ex.name
        );
        assert!(
            !ex.texts.is_empty(),
            "{path}: example {} has no texts",
            ex.name
        );
        for t in &ex.texts {
            checked += 1;
            let got = items(kind, t, now);
            if !got.iter().any(|i| matches(i, &ex.expect)) {
                failures.push(format!(
                    "[{kind}] {}: {t:?}\n    expected {}\n    got {}",
                    ex.name,
                    serde_json::to_string(&ex.expect).unwrap(),
                    serde_json::to_string(&got).unwrap()
                ));
            }
        }
    }
    for neg in &file.negative {
        assert!(
            names.insert(neg.name.clone()),
            "{path}: duplicate name {}",
            neg.name
        );
        for t in &neg.texts {
            checked += 1;
            let got = items(kind, t, now);
            let bad: Vec<&Value> = match &neg.reject {
                Some(r) => got.iter().filter(|i| matches(i, r)).collect(),
                None => got.iter().collect(),
            };
            if !bad.is_empty() {
                failures.push(format!(
                    "[{kind}] negative {}: {t:?}\n    must not give {}",
                    neg.name,
                    serde_json::to_string(&bad).unwrap()
                ));
            }
        }
    }
    (checked, failures)
}

fn check(kind: &str) {
    let (checked, failures) = run_kind(kind);
    assert!(checked > 0, "no examples for {kind}");
    assert!(
        failures.is_empty(),
        "{} of {checked} {kind} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn date() {
    check("date");
}

#[test]
fn money() {
    check("money");
}

#[test]
fn official() {
    check("official");
}

#[test]
fn institution() {
    check("institution");
}

#[test]
fn gmina() {
    check("gmina");
}

#[test]
fn locality() {
    check("locality");
}
