//! Encoding detection and decoding on any bytes: a text or a clear error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = komunikat::ingest::decode(data);
});
