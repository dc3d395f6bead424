//! Helpers shared by the command-line tests.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The built `komunikat` binary.
pub fn komunikat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_komunikat"))
}

/// The records of a JSONL file.
pub fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
