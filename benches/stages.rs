//! Per-stage benchmarks on the bundled corpus: `cargo bench --bench stages`.
//! Throughput is reported in bytes of source per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use komunikat::extract::{Context, Extractor};
use komunikat::ingest::{self, Format};
use komunikat::normalise::normalise;
use komunikat::pipeline::{self, Options, RuleSet};
use komunikat::text::Mapped;
use std::hint::black_box;
use std::path::PathBuf;

struct Doc {
    path: PathBuf,
    bytes: Vec<u8>,
    text: String,
    format: Format,
}

fn corpus() -> Vec<Doc> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(root).sort_by_file_name() {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let path = e.into_path();
        let bytes = std::fs::read(&path).unwrap();
        let text = ingest::decode(&bytes).unwrap().text;
        let format = Format::from_path(&path).unwrap();
        out.push(Doc {
            path,
            bytes,
            text,
            format,
        });
    }
    out
}

fn view(d: &Doc, rules: &RuleSet) -> Mapped {
    match d.format {
        Format::Html => komunikat::html::read(&d.text, &rules.page).text,
        Format::Md => komunikat::markdown::read(&d.text).0,
        _ => Mapped::identity(&d.text),
    }
}

fn stages(c: &mut Criterion) {
    let rules = RuleSet::embedded().unwrap();
    let docs = corpus();
    let total: u64 = docs.iter().map(|d| d.bytes.len() as u64).sum();
    let views: Vec<Mapped> = docs.iter().map(|d| view(d, &rules)).collect();
    let norms: Vec<_> = views
        .iter()
        .map(|v| normalise(v, &rules.normalise))
        .collect();
    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(total));
    g.bench_function("decode", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| ingest::decode(black_box(&d.bytes)).unwrap().text.len())
                .sum::<usize>()
        })
    });
    g.bench_function("read", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| view(black_box(d), &rules).len())
                .sum::<usize>()
        })
    });
    g.bench_function("normalise", |b| {
        b.iter(|| {
            views
                .iter()
                .map(|v| normalise(black_box(v), &rules.normalise).as_str().len())
                .sum::<usize>()
        })
    });
    g.bench_function("language", |b| {
        b.iter(|| {
            norms
                .iter()
                .map(|n| komunikat::language::detect(&n.content(), &rules.language).confidence)
                .sum::<f64>()
        })
    });
    macro_rules! extractor {
        ($name:literal, $field:ident) => {
            g.bench_function($name, |b| {
                b.iter(|| {
                    norms
                        .iter()
                        .map(|n| {
                            black_box(rules.$field.extract(&Context::new(black_box(n), None)));
                        })
                        .count()
                })
            });
        };
    }
    extractor!("extract_date", date);
    extractor!("extract_money", money);
    extractor!("extract_official", official);
    extractor!("extract_institution", institution);
    extractor!("extract_gmina", gmina);
    g.bench_function("analyse_file", |b| {
        let opts = Options::default();
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    pipeline::process_file(&rules, black_box(&d.path), &opts)
                        .unwrap()
                        .dates
                        .len()
                })
                .sum::<usize>()
        })
    });
    let records: Vec<_> = docs
        .iter()
        .map(|d| pipeline::process_file(&rules, &d.path, &Options::default()).unwrap())
        .collect();
    g.bench_function("events", |b| {
        b.iter(|| {
            let mut r = records.clone();
            komunikat::batch::build_events(&rules, black_box(&mut r)).len()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
