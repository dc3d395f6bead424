//! `komunikat rules check`: every `rules/<kind>/examples.toml` run against a set of rules,
//! in the manner of Duckling's per-dimension corpus with one generic assertion and a
//! pinned "now". Each case that fails is reported with its file and line. The examples
//! test (`tests/examples.rs`) and `run --rules DIR` call the same code. The file format
//! is documented in `rules/README.md`.

use crate::civil::Ymd;
use crate::error::RuleError;
use crate::pipeline::{analyse_text, RuleSet};
use crate::rules::{line_of, RuleFiles};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// The pinned date of every example document (year-less dates resolve to its year).
    now: Spanned<String>,
    #[serde(default)]
    example: Vec<Example>,
    #[serde(default)]
    negative: Vec<Negative>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    name: Spanned<String>,
    /// Fields the item must have (a subset of the record's fields).
    expect: BTreeMap<String, Value>,
    texts: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Negative {
    name: Spanned<String>,
    /// Fields no item may have; when absent, the text must give no item at all.
    #[serde(default)]
    reject: Option<BTreeMap<String, Value>>,
    texts: Vec<Spanned<String>>,
}

/// One case that failed: where it stands and what went wrong.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The examples file.
    pub path: PathBuf,
    /// The 1-based line of the failing case in it.
    pub line: usize,
    /// What went wrong (an item missing or unwanted, a duplicate case name, ...).
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// The examples files read (path under the rules folder).
    pub files: Vec<String>,
    /// Texts run.
    pub checked: usize,
    /// The cases that failed, in file order.
    pub failures: Vec<Failure>,
}

impl Report {
    /// Whether every case passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// A summary line, and every failure on a line of its own.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "{} example texts in {} files: {} failed\n",
            self.checked,
            self.files.len(),
            self.failures.len()
        );
        for f in &self.failures {
            out.push_str(&format!("{f}\n"));
        }
        out
    }
}

/// The record field that holds the items of an extractor's `kind` (its rules folder); `""`
/// for a kind whose examples describe the record itself (`language`: its `language`,
/// `language_method`, `polish`) or the text's event record (`events`).
pub fn field_of(kind: &str) -> Option<&'static str> {
    if kind == "language" || kind == EVENTS {
        return Some("");
    }
    crate::extract::FACTS
        .iter()
        .find(|k| k.examples == kind)
        .map(|k| k.field)
}

/// The kind whose examples describe the event record of each text, a release of its own
/// (`events`: its `date`, `date_from`).
const EVENTS: &str = "events";

/// The kinds whose folder in `files` holds an `examples.toml`.
pub fn kinds(files: &RuleFiles) -> Vec<String> {
    files
        .list("")
        .into_iter()
        .filter_map(|rel| rel.strip_suffix("/examples.toml"))
        .filter(|k| !k.contains('/'))
        .map(str::to_string)
        .collect()
}

/// Runs every examples file of `files` against `rules`.
pub fn check(rules: &RuleSet, files: &RuleFiles) -> Result<Report, RuleError> {
    let mut report = Report::default();
    for kind in kinds(files) {
        let r = check_kind(rules, files, &kind)?;
        report.files.extend(r.files);
        report.checked += r.checked;
        report.failures.extend(r.failures);
    }
    Ok(report)
}

/// Runs `<kind>/examples.toml` of `files` against `rules`. A file that cannot be read as
/// examples is an error; a case that fails is a failure in the report.
pub fn check_kind(rules: &RuleSet, files: &RuleFiles, kind: &str) -> Result<Report, RuleError> {
    let rel = format!("{kind}/examples.toml");
    let path = files.path(&rel);
    let text = files.text(&rel)?;
    let file: File = files.toml(&rel)?;
    let err = |at: usize, m: String| RuleError::new(path.clone(), Some(line_of(text, at)), m);
    let Some(field) = field_of(kind) else {
        return Err(RuleError::new(
            path.clone(),
            None,
            format!("no record field holds the items of {kind:?}"),
        ));
    };
    let now = Ymd::parse(file.now.get_ref()).ok_or_else(|| {
        err(
            file.now.span().start,
            format!("now {:?} is not YYYY-MM-DD", file.now.get_ref()),
        )
    })?;
    let mut report = Report {
        files: vec![rel.clone()],
        ..Report::default()
    };
    let mut names: HashMap<String, usize> = HashMap::new();
    let fail = |at: usize, message: String| Failure {
        path: path.clone(),
        line: line_of(text, at),
        message,
    };
    let mut name_ok = |name: &Spanned<String>, failures: &mut Vec<Failure>| {
        let line = line_of(text, name.span().start);
        if let Some(first) = names.insert(name.get_ref().clone(), line) {
            failures.push(Failure {
                path: path.clone(),
                line,
                message: format!(
                    "[{kind}] duplicate name {:?} (first on line {first})",
                    name.get_ref()
                ),
            });
        }
    };
    let items = |t: &str| -> Vec<Value> {
        let rec = analyse_text(rules, "example", t, Some(now));
        if kind == EVENTS {
            let docs = &mut [rec];
            let groups = crate::dedup::cluster(&rules.events, docs);
            let events = crate::consolidate::events(&rules.events, docs, &groups);
            return events
                .iter()
                .map(|e| serde_json::to_value(e).unwrap_or(Value::Null))
                .collect();
        }
        let v = serde_json::to_value(&rec).unwrap_or(Value::Null);
        if field.is_empty() {
            return vec![v];
        }
        v[field].as_array().cloned().unwrap_or_default()
    };
    for ex in &file.example {
        name_ok(&ex.name, &mut report.failures);
        if ex.texts.is_empty() {
            let m = format!("[{kind}] {}: no texts", ex.name.get_ref());
            report.failures.push(fail(ex.name.span().start, m));
        }
        for t in &ex.texts {
            report.checked += 1;
            let got = items(t.get_ref());
            if !got.iter().any(|i| matches(i, &ex.expect)) {
                let m = format!(
                    "[{kind}] {}: {:?}\n    expected {}\n    got {}",
                    ex.name.get_ref(),
                    t.get_ref(),
                    json(&ex.expect),
                    json(&got)
                );
                report.failures.push(fail(t.span().start, m));
            }
        }
    }
    for neg in &file.negative {
        name_ok(&neg.name, &mut report.failures);
        for t in &neg.texts {
            report.checked += 1;
            let got = items(t.get_ref());
            let bad: Vec<&Value> = match &neg.reject {
                Some(r) => got.iter().filter(|i| matches(i, r)).collect(),
                None => got.iter().collect(),
            };
            if !bad.is_empty() {
                let m = format!(
                    "[{kind}] negative {}: {:?}\n    must not give {}",
                    neg.name.get_ref(),
                    t.get_ref(),
                    json(&bad)
                );
                report.failures.push(fail(t.span().start, m));
            }
        }
    }
    Ok(report)
}

/// Whether `item` has every field of `fields` with its value.
fn matches(item: &Value, fields: &BTreeMap<String, Value>) -> bool {
    fields.iter().all(|(k, want)| &item[k] == want)
}

fn json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// `komunikat rules check [DIR]`: loads the rules (of `dir`, else the built-in ones),
/// runs every examples file against them and prints what failed. Exit status: 0 when every
/// case passes, 1 when one fails, 2 when the rules cannot be loaded.
pub fn run_check(dir: Option<&std::path::Path>) -> i32 {
    let loaded = match dir {
        Some(d) => RuleFiles::from_dir(d),
        None => Ok(RuleFiles::embedded()),
    }
    .and_then(|files| Ok((RuleSet::load(&files)?, files)))
    .and_then(|(rules, files)| check(&rules, &files));
    match loaded {
        Ok(report) => {
            print!("{}", report.summary());
            i32::from(!report.passed())
        }
        Err(e) => {
            eprintln!("komunikat: {e}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_case_is_reported_with_its_file_and_line() {
        let examples = "now = \"2024-06-15\"\n\n[[example]]\nname = \"a\"\n\
            expect = { value = \"56000.00\" }\ntexts = [\n  \"Gmina dostała 56 tys. zł.\",\n  \
            \"Gmina dostała 57 tys. zł.\",\n]\n\n[[negative]]\nname = \"b\"\n\
            texts = [\"Gmina liczy 56 tys. mieszkańców.\", \"Bilet: 5 zł.\"]\n\n\
            [[negative]]\nname = \"a\"\ntexts = []\n";
        let files = RuleFiles::embedded().with_file("money/examples.toml", examples);
        let rules = RuleSet::load(&files).unwrap();
        let r = check_kind(&rules, &files, "money").unwrap();
        assert_eq!(r.checked, 4);
        let lines: Vec<usize> = r.failures.iter().map(|f| f.line).collect();
        assert_eq!(lines, [8, 13, 16], "{}", r.summary());
        assert!(r.failures[0]
            .to_string()
            .starts_with("rules/money/examples.toml:8: [money] a:"));
        assert!(r.failures[2].message.contains("duplicate name"));
    }

    #[test]
    fn every_folder_of_examples_has_its_record_field_from_the_extractors() {
        for kind in kinds(&RuleFiles::embedded()) {
            assert!(field_of(&kind).is_some(), "{kind}");
        }
        assert_eq!(field_of("money"), Some("sums"));
        assert_eq!(field_of("locality"), Some("localities"));
        assert_eq!(field_of("events"), Some(""));
        assert_eq!(field_of("event"), None);
    }

    #[test]
    fn a_bad_now_is_an_error_with_its_line() {
        let files =
            RuleFiles::embedded().with_file("money/examples.toml", "\nnow = \"15.06.2024\"\n");
        let rules = RuleSet::load(&RuleFiles::embedded()).unwrap();
        let e = check_kind(&rules, &files, "money").err().unwrap();
        assert_eq!(e.line, Some(2), "{e}");
    }
}
