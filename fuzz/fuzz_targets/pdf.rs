//! The PDF reader on any bytes: text or an error, never a crash of the run.
//!
//! pdf-extract panics on some malformed files; `attach::pdf_text` catches that and makes it
//! the file's error. libfuzzer-sys's panic hook aborts on every panic, caught or not, so the
//! init replaces it with one that stays quiet about panics inside the PDF crates: a panic
//! that escapes `pdf_text` still aborts (libfuzzer-sys's own catch) and is a crash.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(|info| {
            let file = info.location().map(|l| l.file()).unwrap_or("");
            if !(file.contains("pdf-extract") || file.contains("lopdf")) {
                eprintln!("{info}");
            }
        }));
    },
    |data: &[u8]| {
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.extend_from_slice(data);
        let _ = komunikat::attach::pdf_text(&bytes);
    }
);
