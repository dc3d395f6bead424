//! The HTML reader on any input: no panic, and every text byte maps into the source.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static komunikat::html::PageRules {
    static R: OnceLock<komunikat::html::PageRules> = OnceLock::new();
    R.get_or_init(|| komunikat::html::PageRules::embedded().expect("embedded rules load"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let page = komunikat::html::read(src, rules());
        let t = page.text.as_str();
        for (i, c) in t.char_indices() {
            let span = page.text.source_span(i..i + c.len_utf8());
            assert!(span.end <= src.len() && src.is_char_boundary(span.start) && src.is_char_boundary(span.end));
        }
    }
});
