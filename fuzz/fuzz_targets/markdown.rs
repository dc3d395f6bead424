//! The markdown reader on any input: no panic, and every text byte maps into the source.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let (text, _) = komunikat::markdown::read(src);
        let t = text.as_str();
        for (i, c) in t.char_indices() {
            let span = text.source_span(i..i + c.len_utf8());
            assert!(span.end <= src.len() && src.is_char_boundary(span.start) && src.is_char_boundary(span.end));
        }
    }
});
