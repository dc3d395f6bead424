//! The examples harness: every `rules/<kind>/examples.toml` runs as tests through
//! `komunikat::rules_check`, the code behind `komunikat rules check` and the check that
//! `run --rules DIR` makes first. The format is documented in `rules/README.md`.

use komunikat::pipeline::RuleSet;
use komunikat::rules::RuleFiles;
use komunikat::rules_check::{check_kind, kinds};
use std::path::Path;
use std::sync::OnceLock;

/// The rules folder of the source tree, and the rules loaded from it.
fn rules() -> &'static (RuleFiles, RuleSet) {
    static RULES: OnceLock<(RuleFiles, RuleSet)> = OnceLock::new();
    RULES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let files = RuleFiles::from_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
        let rules = RuleSet::load(&files).unwrap_or_else(|e| panic!("{e}"));
        (files, rules)
    })
}

fn check(kind: &str) {
    let (files, rules) = rules();
    let report = check_kind(rules, files, kind).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.checked > 0, "no examples for {kind}");
    assert!(report.passed(), "{}", report.summary());
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

/// An examples file of another kind (a new extractor's) runs too.
#[test]
fn every_other_examples_file() {
    for kind in kinds(&rules().0) {
        if !["date", "money", "official", "institution", "gmina"].contains(&kind.as_str()) {
            check(&kind);
        }
    }
}
