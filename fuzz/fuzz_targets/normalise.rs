//! The markdown reader and the normaliser with its offset map: spans always slice the source.
#![no_main]
use komunikat::normalise::{normalise, NormaliseRules};
use komunikat::rules::RuleFiles;
use komunikat::text::Mapped;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static NormaliseRules {
    static R: OnceLock<NormaliseRules> = OnceLock::new();
    R.get_or_init(|| NormaliseRules::load(&RuleFiles::embedded()).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    for view in [Mapped::identity(src), komunikat::markdown::read(src).0] {
        let n = normalise(&view, rules());
        let t = n.as_str();
        let mut last = 0;
        for (i, c) in t.char_indices() {
            let span = n.text.source_span(i..i + c.len_utf8());
            assert!(span.start <= span.end && span.end <= src.len());
            assert!(src.is_char_boundary(span.start) && src.is_char_boundary(span.end));
            assert!(span.start >= last);
            last = span.start;
        }
    }
});
