//! Dev-only: the event stage on gold facts. Reads the corpus like `komunikat run`, then
//! replaces each release's extraction lists by its gold annotation (when one exists) and
//! builds the events, so that clustering can be measured apart from the extractors.
//!
//! cargo run --release --example gold_events -- OUT_DIR GOLD_DIR[,GOLD_DIR...] PATH...
//! then: python3 /work/shared/eval/score.py --pred OUT_DIR/documents.jsonl \
//!       --gold GOLD_DIR --events OUT_DIR/events.jsonl

use komunikat::batch::{build_events, process};
use komunikat::output::{write_line, Sink};
use komunikat::pipeline::{Options, RuleSet};
use komunikat::record::{Date, DocumentRecord, Gmina, Institution, Located, Official, Sum};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn at<T>(item: T, text: &str) -> Located<T> {
    Located {
        text: text.to_string(),
        start: 0,
        end: 0,
        item,
    }
}

fn s(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn fill(doc: &mut DocumentRecord, gold: &Value) {
    let list = |k: &str| {
        gold.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    doc.dates = list("dates")
        .iter()
        .filter_map(Value::as_str)
        .map(|v| {
            at(
                Date {
                    value: v.into(),
                    ..Date::default()
                },
                v,
            )
        })
        .collect();
    doc.officials = list("officials")
        .iter()
        .map(|o| {
            let item = Official {
                name: s(o, "name"),
                role: s(o, "title"),
                ..Official::default()
            };
            at(item, &s(o, "name"))
        })
        .collect();
    doc.sums = list("sums")
        .iter()
        .map(|o| {
            at(
                Sum {
                    value: s(o, "value"),
                    currency: s(o, "currency"),
                    ..Sum::default()
                },
                &s(o, "value"),
            )
        })
        .collect();
    doc.institutions = list("institutions")
        .iter()
        .filter_map(Value::as_str)
        .map(|n| {
            at(
                Institution {
                    name: n.into(),
                    ..Institution::default()
                },
                n,
            )
        })
        .collect();
    doc.gminas = list("gminas")
        .iter()
        .map(|g| {
            at(
                Gmina {
                    name: s(g, "name"),
                    teryt: s(g, "teryt"),
                    ..Gmina::default()
                },
                &s(g, "name"),
            )
        })
        .collect();
}

fn write<T: serde::Serialize>(path: &Path, records: &[T]) -> anyhow::Result<()> {
    let mut f = Sink::open(Some(path))?;
    let mut buf = Vec::new();
    for r in records {
        write_line(&mut buf, r)?;
    }
    f.write_raw(&buf)?;
    f.finish()
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        anyhow::bail!("usage: gold_events OUT_DIR GOLD_DIR[,GOLD_DIR...] PATH...");
    }
    let out = PathBuf::from(&args[0]);
    let golds: Vec<PathBuf> = args[1].split(',').map(PathBuf::from).collect();
    let paths: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
    let rules = RuleSet::embedded()?;
    let mut batch = process(&rules, &paths, &Options::default(), false);
    for d in &mut batch.documents {
        for g in &golds {
            let p = g.join(format!("{}.json", d.id));
            if let Ok(t) = std::fs::read_to_string(&p) {
                let v: Value = serde_json::from_str(&t)?;
                if d.polish {
                    fill(d, &v);
                }
            }
        }
    }
    if std::env::var_os("GOLD_EVENTS_DEBUG").is_some() {
        for d in &batch.documents {
            let cues = d
                .sketch
                .as_ref()
                .map(|s| s.cues.clone())
                .unwrap_or_default();
            eprintln!(
                "{} happening {:?} cues {:?}",
                d.id,
                komunikat::dedup::happening(&rules.events, d),
                cues
            );
        }
    }
    let t = std::time::Instant::now();
    let events = build_events(&rules, &mut batch.documents);
    eprintln!(
        "event stage: {:.3} s, {} events",
        t.elapsed().as_secs_f64(),
        events.len()
    );
    std::fs::create_dir_all(&out)?;
    write(&out.join("documents.jsonl"), &batch.documents)?;
    write(&out.join("events.jsonl"), &events)?;
    Ok(())
}
