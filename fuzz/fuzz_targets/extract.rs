//! Every extractor through the whole pipeline: no panic, and every item's text is the
//! source slice its offsets name.
#![no_main]
use komunikat::pipeline::{analyse_text, RuleSet};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static R: OnceLock<RuleSet> = OnceLock::new();
    R.get_or_init(|| RuleSet::embedded().unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    // Polish context so that the extractors run.
    let text = format!("Wójt Gminy Łoniów podpisał umowę. Źródło: świętokrzyskie, żółć. {src}");
    let rec = analyse_text(rules(), "fuzz", &text, None);

    for (s, e, t) in rec.spans() {
        assert_eq!(text.get(s..e), Some(t));
    }
});
