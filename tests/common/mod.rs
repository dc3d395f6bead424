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

#[allow(dead_code)]
/// `komunikat ARGS...` run in the crate's folder (so that `corpus` and the records'
/// `source` paths resolve); panics with its standard error when it fails.
pub fn komunikat_ok(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let out = komunikat()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `komunikat run corpus --out DIR` on the bundled corpus.
#[allow(dead_code)]
pub fn run_corpus(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    komunikat_ok(&[
        "run".as_ref(),
        "corpus".as_ref(),
        "--no-progress".as_ref(),
        "--out".as_ref(),
        dir.as_os_str(),
    ]);
}

/// `komunikat run [EXTRA...] INPUT --out OUT --no-progress`, which must exit 0; returns its
/// standard error.
#[allow(dead_code)]
pub fn run_ok(input: &Path, out: &Path, extra: &[&str]) -> String {
    let st = komunikat()
        .args(["run", "--no-progress"])
        .args(extra)
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&st.stderr).into_owned();
    assert_eq!(st.status.code(), Some(0), "{stderr}");
    stderr
}
