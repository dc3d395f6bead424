//! The command line as the contract fixes it: outputs, exit codes, error records.

mod common;

use common::{komunikat, lines};
use std::path::Path;

const RELEASE: &str = "Gmina Oksa podpisała umowę\n\nDnia 4 czerwca 2019 r. w Kielcach \
wójt Gminy Oksa Tadeusz Soboń podpisał porozumienie o współpracy. Całkowita wartość \
przedsięwzięcia to 12 893 583,46 zł. Środki pochodzą z Europejskiego Funduszu Społecznego.\n";

/// A folder with good releases and every kind of bad file.
fn messy_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("good.txt"), RELEASE).unwrap();
    std::fs::write(
        p.join("good_bom.md"),
        format!("\u{FEFF}# Tytuł\n\n{RELEASE}"),
    )
    .unwrap();
    std::fs::write(p.join("empty.txt"), "").unwrap();
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(p.join("random.txt"), noise).unwrap();
    std::fs::write(p.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(p.join("notes.pdf"), b"%PDF-1.4").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(p.join("missing.txt"), p.join("dangling.txt")).unwrap();
        std::fs::create_dir(p.join("loop")).unwrap();
        std::os::unix::fs::symlink(p, p.join("loop/back")).unwrap();
    }
    dir
}

#[test]
fn run_accounts_for_every_file() {
    let dir = messy_folder();
    let out = tempfile::tempdir().unwrap();
    let st = komunikat()
        .args(["run", "--no-progress"])
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        st.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let docs = lines(&out.path().join("documents.jsonl"));
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["good", "good_bom"]);
    assert_eq!(docs[0]["polish"], true);
    let errors = lines(&out.path().join("errors.jsonl"));
    let reason = |name: &str| -> String {
        errors
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("no error for {name}: {errors:?}"))["error"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(reason("empty.txt"), "empty file");
    assert!(
        reason("random.txt").starts_with("not text"),
        "{}",
        reason("random.txt")
    );
    // An image is skipped (counted), not an error; a broken PDF is an error that says so.
    assert!(!errors
        .iter()
        .any(|e| e["path"].as_str().unwrap().ends_with("image.txt")));
    assert!(
        reason("notes.pdf").starts_with("cannot read the document: PDF"),
        "{}",
        reason("notes.pdf")
    );
    // Links are not followed by default: counted as skipped.
    #[cfg(unix)]
    for name in ["dangling.txt", "back"] {
        assert!(!errors
            .iter()
            .any(|e| e["path"].as_str().unwrap().ends_with(name)));
    }
    let stderr = String::from_utf8_lossy(&st.stderr);
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    // Events: the two Polish releases tell the same thing.
    let events = lines(&out.path().join("events.jsonl"));
    let sources: usize = events
        .iter()
        .map(|e| e["sources"].as_array().unwrap().len())
        .sum();
    assert_eq!(sources, 2);
}

#[test]
fn strict_fails_on_a_bad_file_and_usage_errors_are_2() {
    let dir = messy_folder();
    let st = komunikat()
        .args(["extract", "--strict", "--no-progress"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(1));
    // The good documents are still written.
    let stdout = String::from_utf8_lossy(&st.stdout);
    assert_eq!(stdout.lines().count(), 2);
    let st = komunikat()
        .args(["extract", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(2));
    let st = komunikat().args(["frobnicate"]).output().unwrap();
    assert_eq!(st.status.code(), Some(2));
    let st = komunikat()
        .args(["extract", "--now", "2019-02-30", "x"])
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(2));
}

#[test]
fn nothing_processed_is_status_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let st = komunikat()
        .args(["extract"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(1));
}

#[test]
fn bad_rules_name_file_and_line() {
    let rules = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        let to = rules.path().join(e.path().strip_prefix(&src).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let bad = rules.path().join("normalise/boilerplate.toml");
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(
        &bad,
        text.replace("BoilerplateLine = '{SkipLink}", "BoilerplateLine = '{Nope}"),
    )
    .unwrap();
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("a.txt"), RELEASE).unwrap();
    let st = komunikat()
        .args(["extract", "--rules"])
        .arg(rules.path())
        .arg(corpus.path())
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&st.stderr);
    assert!(
        stderr.contains("normalise/boilerplate.toml:")
            && stderr.contains("{Nope}, which is not defined"),
        "{stderr}"
    );
}

/// `-o -` is standard output (as Unix tools read it): the same lines as without `-o`, and
/// no file named "-".
#[test]
fn dash_output_is_standard_output() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let cwd = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let o = komunikat()
            .current_dir(cwd.path())
            .args(args)
            .arg(&corpus)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        o.stdout
    };
    for cmd in ["extract", "events"] {
        let plain = run(&[cmd]);
        assert!(!plain.is_empty());
        assert_eq!(run(&[cmd, "-o", "-"]), plain);
        assert!(!cwd.path().join("-").exists());
    }
}

#[test]
fn output_is_the_same_for_one_and_two_threads() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let run = |j: &str| {
        let o = komunikat()
            .args(["extract", "-j", j])
            .arg(&corpus)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        o.stdout
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn help_explains_every_option() {
    let o = komunikat().args(["run", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&o.stdout);
    for opt in [
        "--out",
        "--strict",
        "--threads",
        "--rules",
        "--max-file-size",
        "--now",
        "--no-progress",
    ] {
        assert!(help.contains(opt), "{opt} missing from help:\n{help}");
    }
}
