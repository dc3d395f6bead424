//! `komunikat corrections FILE`: verdicts exported by the review site
//! (`corrections.jsonl`) become gold files in the format of `../shared/gold/`
//! (`<doc>.json`, scored by `shared/eval/score.py`), so that a correction becomes a test.
//!
//! A line: `{"doc", "kind", "start", "end", "value", "verdict", "note"}` and, optionally,
//! `"correct"` (the right value). `verdict` is `right`, `wrong` or `missing` (a fact the
//! run did not find: `value` or `correct` holds it; offsets may be 0). The gold file of a
//! document starts from the gold file already in the output folder, else from the
//! document's record (facts without a verdict count as right); a wrong fact is dropped,
//! and its `correct` value, when given, is added.

use crate::extract::FACTS;
use crate::review::facts::{field_of, value_of};
use crate::review::load::{items, read_jsonl, str_of, Outputs, Record};
use anyhow::Context as _;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One verdict, checked.
#[derive(Debug, Clone)]
struct Verdict {
    line: usize,
    doc: String,
    kind: &'static str,
    start: u64,
    end: u64,
    verdict: String,
    value: String,
    correct: String,
}

fn parse(file: &Path, line: usize, r: &Record) -> anyhow::Result<Verdict> {
    let at = || format!("{}:{line}", file.display());
    let kind = str_of(r, "kind");
    let kind = crate::extract::facts::kind(kind)
        .map(|k| k.kind)
        .with_context(|| format!("{}: unknown kind {kind:?}", at()))?;
    let verdict = str_of(r, "verdict");
    if !matches!(verdict, "right" | "wrong" | "missing") {
        anyhow::bail!(
            "{}: verdict {verdict:?} is not right, wrong or missing",
            at()
        );
    }
    let num = |k: &str| -> anyhow::Result<u64> {
        match r.get(k) {
            Some(v) => v
                .as_u64()
                .with_context(|| format!("{}: {k} is not a byte offset", at())),
            None if verdict == "missing" => Ok(0),
            None => anyhow::bail!("{}: no {k}", at()),
        }
    };
    let doc = str_of(r, "doc");
    if doc.is_empty() {
        anyhow::bail!("{}: no doc", at());
    }
    Ok(Verdict {
        line,
        doc: doc.to_string(),
        kind,
        start: num("start")?,
        end: num("end")?,
        verdict: verdict.to_string(),
        value: str_of(r, "value").to_string(),
        correct: str_of(r, "correct").trim().to_string(),
    })
}

/// The head of an office as the gold files write it: its first word ("Marszałek"), with
/// an ordinal before it kept ("I Wicewojewoda").
pub fn title_of(role: &str) -> String {
    let mut words = role.split_whitespace();
    let first = words.next().unwrap_or("");
    if !first.is_empty() && first.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        if let Some(next) = words.next() {
            return format!("{first} {next}");
        }
    }
    first.to_string()
}

/// A document record's facts as gold entries, by kind.
fn gold_of_record(d: &Record) -> BTreeMap<&'static str, Vec<Value>> {
    let mut g = BTreeMap::new();
    for k in FACTS {
        let list: Vec<Value> = items(d, k.field).map(|it| entry(k.kind, it)).collect();
        g.insert(k.kind, list);
    }
    g
}

/// The gold entry of one item: the scored kinds' as `../shared/gold/` writes them; a kind
/// the gold files do not score, by its name (as [`typed`] makes it).
fn entry(kind: &str, it: &Record) -> Value {
    match kind {
        "date" => json!(str_of(it, "value")),
        "official" => json!({"name": str_of(it, "name"), "title": title_of(str_of(it, "role"))}),
        "sum" => json!({"value": str_of(it, "value"), "currency": str_of(it, "currency")}),
        "institution" => json!(str_of(it, "name")),
        "gmina" => json!({"name": str_of(it, "name"), "teryt": str_of(it, "teryt")}),
        "locality" => json!({"name": str_of(it, "name"), "simc": str_of(it, "simc")}),
        _ => json!({"name": str_of(it, "name")}),
    }
}

/// The value a gold entry is compared by (as [`value_of`] gives it for a record item).
fn key(e: &Value) -> String {
    match e {
        Value::String(s) => s.clone(),
        Value::Object(m) => value_of(m),
        _ => String::new(),
    }
}

/// An entry made from a typed value: a sum "1000.00" or "1000.00 EUR"; a gmina "Name" or
/// "Name 1234567"; an official's name keeps the title of the fact it corrects.
fn typed(kind: &str, value: &str, was: Option<&Value>) -> Value {
    match kind {
        "date" | "institution" => json!(value),
        "sum" => {
            let mut parts = value.split_whitespace();
            let v = parts.next().unwrap_or("").replace(',', ".");
            let v = v.parse::<f64>().map_or(v, |n| format!("{n:.2}"));
            json!({"value": v, "currency": parts.next().unwrap_or("PLN")})
        }
        "gmina" => {
            let (name, teryt) = match value.rsplit_once(' ') {
                Some((n, t)) if t.len() == 7 && t.bytes().all(|b| b.is_ascii_digit()) => (n, t),
                _ => (value, was.and_then(|w| w["teryt"].as_str()).unwrap_or("")),
            };
            json!({"name": name, "teryt": teryt})
        }
        "official" => {
            let title = was.and_then(|w| w["title"].as_str()).unwrap_or("");
            json!({"name": value, "title": title})
        }
        _ => json!({"name": value}),
    }
}

/// Writes one gold file per corrected document into `out`; returns the files written.
/// `documents`: the `documents.jsonl` the verdicts were made on.
pub fn to_gold(file: &Path, documents: &Path, out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let lines = read_jsonl(file)?;
    let mut verdicts: BTreeMap<String, Vec<Verdict>> = BTreeMap::new();
    for (n, r) in lines.iter().enumerate() {
        let v = parse(file, n + 1, r)?;
        verdicts.entry(v.doc.clone()).or_default().push(v);
    }
    let docs = Outputs {
        documents: read_jsonl(documents)?,
        ..Outputs::default()
    };
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut written = Vec::new();
    for (doc, vs) in verdicts {
        let rec = docs.document(&doc).with_context(|| {
            format!(
                "{}:{}: document {doc:?} is not in {}",
                file.display(),
                vs[0].line,
                documents.display()
            )
        })?;
        let target = out.join(format!("{doc}.json"));
        let mut gold = gold_of_record(rec);
        let mut polish = rec.get("polish").and_then(Value::as_bool).unwrap_or(true);
        if target.is_file() {
            let old: Value = serde_json::from_str(&std::fs::read_to_string(&target)?)
                .with_context(|| format!("{} is not JSON", target.display()))?;
            for k in FACTS {
                if let Some(list) = old.get(k.field).and_then(Value::as_array) {
                    gold.insert(k.kind, list.clone());
                }
            }
            polish = old.get("polish").and_then(Value::as_bool).unwrap_or(polish);
        }
        for v in &vs {
            apply(file, rec, &mut gold, v)?;
        }
        let mut obj = serde_json::Map::new();
        obj.insert("id".into(), json!(doc));
        for k in FACTS {
            let list = gold.remove(k.kind).unwrap_or_default();
            if !k.optional || !list.is_empty() {
                obj.insert(k.field.into(), Value::Array(list));
            }
        }
        obj.insert("polish".into(), json!(polish));
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        serde::Serialize::serialize(&Value::Object(obj), &mut ser)?;
        buf.push(b'\n');
        std::fs::write(&target, buf)
            .with_context(|| format!("cannot write {}", target.display()))?;
        written.push(target);
    }
    Ok(written)
}

/// Applies one verdict to a document's gold entries.
fn apply(
    file: &Path,
    rec: &Record,
    gold: &mut BTreeMap<&'static str, Vec<Value>>,
    v: &Verdict,
) -> anyhow::Result<()> {
    let list = gold.entry(v.kind).or_default();
    let field = field_of(v.kind).unwrap_or("");
    // Two facts may share their words ("Ośrodki ... w Kielcach i Lublinie"): the value
    // tells them apart.
    let at = |it: &&Record| {
        it.get("start").and_then(Value::as_u64) == Some(v.start)
            && it.get("end").and_then(Value::as_u64) == Some(v.end)
    };
    let item = items(rec, field)
        .filter(at)
        .find(|it| value_of(it) == v.value)
        .or_else(|| items(rec, field).find(at));
    let add = |list: &mut Vec<Value>, e: Value| {
        if !list.iter().any(|x| key(x) == key(&e)) {
            list.push(e);
        }
    };
    match v.verdict.as_str() {
        "missing" => {
            let value = if v.correct.is_empty() {
                &v.value
            } else {
                &v.correct
            };
            add(list, typed(v.kind, value, None));
        }
        verdict => {
            let item = item.with_context(|| {
                format!(
                    "{}:{}: {doc} has no {kind} at bytes {s}..{e}",
                    file.display(),
                    v.line,
                    doc = v.doc,
                    kind = v.kind,
                    s = v.start,
                    e = v.end
                )
            })?;
            if verdict == "wrong" {
                let was = entry(v.kind, item);
                let k = key(&was);
                let old = list
                    .iter()
                    .position(|x| key(x) == k)
                    .map(|i| list.remove(i));
                if !v.correct.is_empty() {
                    add(list, typed(v.kind, &v.correct, old.as_ref().or(Some(&was))));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_heads_of_offices() {
        assert_eq!(
            title_of("Marszałek Województwa Świętokrzyskiego"),
            "Marszałek"
        );
        assert_eq!(title_of("I Wicewojewoda Świętokrzyski"), "I Wicewojewoda");
        assert_eq!(title_of(""), "");
    }

    #[test]
    fn verdicts_change_the_gold() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("documents.jsonl");
        std::fs::write(
            &docs,
            r#"{"id":"d1","polish":true,
"dates":[{"text":"4 czerwca","start":0,"end":9,"value":"2019-06-04"},{"text":"2019","start":20,"end":24,"value":"2019"}],
"officials":[{"text":"wójt Jan Nowak","start":30,"end":44,"name":"Jan Nowak","role":"Wójt Gminy Oksa"}],
"sums":[{"text":"5 tys. zł","start":50,"end":59,"value":"500.00","currency":"PLN"}],
"institutions":[],"gminas":[{"text":"Gminy Oksa","start":35,"end":44,"name":"Oksa","teryt":"2602052"}]}
"#.replace('\n', "").replace("}{", "}\n{"),
        )
        .unwrap();
        let file = dir.path().join("corrections.jsonl");
        std::fs::write(
            &file,
            "{\"doc\":\"d1\",\"kind\":\"date\",\"start\":20,\"end\":24,\"value\":\"2019\",\"verdict\":\"wrong\",\"note\":\"\"}\n\
             {\"doc\":\"d1\",\"kind\":\"sum\",\"start\":50,\"end\":59,\"value\":\"500.00 PLN\",\"verdict\":\"wrong\",\"note\":\"tys.\",\"correct\":\"5000\"}\n\
             {\"doc\":\"d1\",\"kind\":\"official\",\"start\":30,\"end\":44,\"value\":\"Jan Nowak\",\"verdict\":\"right\",\"note\":\"\"}\n\
             {\"doc\":\"d1\",\"kind\":\"institution\",\"value\":\"Urząd Gminy Oksa\",\"verdict\":\"missing\",\"note\":\"\"}\n",
        )
        .unwrap();
        let out = dir.path().join("gold");
        let written = to_gold(&file, &docs, &out).unwrap();
        assert_eq!(written, [out.join("d1.json")]);
        let g: Value =
            serde_json::from_str(&std::fs::read_to_string(&written[0]).unwrap()).unwrap();
        assert_eq!(g["id"], "d1");
        assert_eq!(g["dates"], json!(["2019-06-04"]));
        assert_eq!(g["sums"], json!([{"value": "5000.00", "currency": "PLN"}]));
        assert_eq!(
            g["officials"],
            json!([{"name": "Jan Nowak", "title": "Wójt"}])
        );
        assert_eq!(g["institutions"], json!(["Urząd Gminy Oksa"]));
        assert_eq!(g["gminas"], json!([{"name": "Oksa", "teryt": "2602052"}]));
        assert_eq!(g["polish"], true);
        assert!(g.get("localities").is_none());

        // A second file of verdicts builds on the gold already written.
        std::fs::write(
            &file,
            "{\"doc\":\"d1\",\"kind\":\"gmina\",\"start\":35,\"end\":44,\"value\":\"Oksa\",\"verdict\":\"wrong\",\"note\":\"\"}\n",
        )
        .unwrap();
        to_gold(&file, &docs, &out).unwrap();
        let g: Value =
            serde_json::from_str(&std::fs::read_to_string(&written[0]).unwrap()).unwrap();
        assert_eq!(g["gminas"], json!([]));
        assert_eq!(g["sums"], json!([{"value": "5000.00", "currency": "PLN"}]));
    }

    #[test]
    fn bad_lines_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("documents.jsonl");
        std::fs::write(&docs, "{\"id\":\"d1\",\"dates\":[]}\n").unwrap();
        let file = dir.path().join("c.jsonl");
        let out = dir.path().join("gold");
        for (line, want) in [
            (
                "{\"doc\":\"d1\",\"kind\":\"person\",\"verdict\":\"right\"}",
                "c.jsonl:1: unknown kind \"person\"",
            ),
            (
                "{\"doc\":\"d1\",\"kind\":\"date\",\"start\":1,\"end\":2,\"verdict\":\"maybe\"}",
                "c.jsonl:1: verdict \"maybe\"",
            ),
            (
                "{\"doc\":\"d1\",\"kind\":\"date\",\"start\":1,\"end\":2,\"verdict\":\"right\"}",
                "c.jsonl:1: d1 has no date at bytes 1..2",
            ),
            (
                "{\"doc\":\"zz\",\"kind\":\"date\",\"start\":1,\"end\":2,\"verdict\":\"right\"}",
                "c.jsonl:1: document \"zz\" is not in",
            ),
        ] {
            std::fs::write(&file, format!("{line}\n")).unwrap();
            let err = format!("{:#}", to_gold(&file, &docs, &out).unwrap_err());
            assert!(err.contains(want), "{err} <> {want}");
        }
    }
}
