//! The DOCX reader on any bytes: text or an error, no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = komunikat::attach::docx_text(data);
});
