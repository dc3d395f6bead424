use komunikat::pipeline::{process_file, Options, RuleSet};
use std::time::Instant;
#[test]
fn per_file() {
    let rules = RuleSet::embedded().unwrap();
    let opts = Options::default();
    let mut rows = vec![];
    for dir in [
        "corpus/dev",
        "corpus/real-style",
        "corpus/seeds",
        "corpus/own-style",
    ] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let _ = process_file(&rules, &p, &opts);
            let t = Instant::now();
            for _ in 0..50 {
                let _ = process_file(&rules, &p, &opts);
            }
            let us = t.elapsed().as_secs_f64() * 1e6 / 50.0;
            rows.push((
                us,
                std::fs::metadata(&p).unwrap().len(),
                p.display().to_string(),
            ));
        }
    }
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    let total: f64 = rows.iter().map(|r| r.0).sum();
    for r in &rows[..15] {
        println!("{:8.0} us {:6} B {}", r.0, r.1, r.2);
    }
    println!(
        "mean {:.0} us over {}",
        total / rows.len() as f64,
        rows.len()
    );
}
