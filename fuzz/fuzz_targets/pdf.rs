//! The PDF reader on any bytes: text or an error, never a crash of the run.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend_from_slice(data);
    let _ = komunikat::attach::pdf_text(&bytes);
});
