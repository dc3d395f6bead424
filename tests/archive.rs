//! The archive: the store and incremental runs, stable ids, and an output folder that
//! always holds one whole set (failed, empty and interrupted runs keep the previous one).

mod common;

use common::{komunikat, lines};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every file of the bundled corpus, relative to it, sorted.
fn corpus_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walk(&bundled())
        .into_iter()
        .map(|p| p.strip_prefix(bundled()).unwrap().to_path_buf())
        .collect();
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn copy(files: &[PathBuf], to: &Path) {
    for f in files {
        let dest = to.join(f);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(bundled().join(f), dest).unwrap();
    }
}

fn run(input: &Path, out: &Path, extra: &[&str]) -> Output {
    komunikat()
        .args(["run", "--no-progress"])
        .args(extra)
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn summary(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap()
}

#[test]
fn incremental_runs_give_what_one_fresh_run_gives() {
    let files = corpus_files();
    let first: Vec<PathBuf> = files.iter().step_by(2).cloned().collect();
    let second: Vec<PathBuf> = files.iter().skip(1).step_by(2).cloned().collect();
    let input = tempfile::tempdir().unwrap();
    let inc = tempfile::tempdir().unwrap();
    let fresh = tempfile::tempdir().unwrap();
    copy(&first, input.path());
    ok(&run(input.path(), inc.path(), &[]));
    let first_events = lines(&inc.path().join("events.jsonl"));
    let s1 = summary(inc.path());
    assert_eq!(s1["files_new"], first.len());
    copy(&second, input.path());
    ok(&run(input.path(), inc.path(), &[]));
    let s2 = summary(inc.path());
    assert_eq!(s2["files_new"], second.len());
    assert_eq!(s2["files_unchanged"], first.len());
    assert_eq!(s2["files_analysed"], second.len());
    ok(&run(input.path(), fresh.path(), &["--fresh"]));
    let read = |d: &Path, f: &str| std::fs::read_to_string(d.join(f)).unwrap();
    assert_eq!(
        read(inc.path(), "documents.jsonl"),
        read(fresh.path(), "documents.jsonl")
    );
    // The same events with the same contents. An id differs from the fresh run's only
    // where the first run issued it for (some of) the same releases, or gave the fresh
    // run's id to another event: ids once written are kept.
    let first_ids: BTreeSet<String> = first_events
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let strip = |d: &Path| -> Vec<(Value, String)> {
        let mut v: Vec<(Value, String)> = lines(&d.join("events.jsonl"))
            .into_iter()
            .map(|mut e| {
                let id = e["id"].as_str().unwrap().to_string();
                let o = e.as_object_mut().unwrap();
                o.remove("id");
                o.remove("replaces");
                (e, id)
            })
            .collect();
        v.sort_by_key(|(e, _)| e["sources"].to_string());
        v
    };
    let (inc_events, fresh_events) = (strip(inc.path()), strip(fresh.path()));
    assert_eq!(inc_events.len(), fresh_events.len());
    for ((a, id_a), (b, id_b)) in inc_events.iter().zip(&fresh_events) {
        assert_eq!(a, b);
        // (or the fresh run's id is one the first run gave to another event)
        assert!(
            id_a == id_b || first_ids.contains(id_a) || first_ids.contains(id_b),
            "{id_a} / {id_b}"
        );
    }
    // A third run reads nothing and writes the same.
    let before = read(inc.path(), "events.jsonl");
    ok(&run(input.path(), inc.path(), &[]));
    let s3 = summary(inc.path());
    assert_eq!(s3["files_analysed"], 0);
    assert_eq!(s3["files_unchanged"], files.len());
    assert_eq!(s3["events_created"], 0);
    assert_eq!(read(inc.path(), "events.jsonl"), before);
    assert_eq!(
        read(inc.path(), "documents.jsonl"),
        read(fresh.path(), "documents.jsonl")
    );
}

#[test]
fn a_changed_file_is_read_again_and_ids_stay() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let seeds: Vec<PathBuf> = corpus_files()
        .into_iter()
        .filter(|f| f.starts_with("seeds"))
        .collect();
    copy(&seeds, input.path());
    ok(&run(input.path(), out.path(), &[]));
    let ids = |d: &Path| -> BTreeSet<String> {
        lines(&d.join("events.jsonl"))
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    let before = ids(out.path());
    // A file that sorts first and shares a stem with nothing; one changed file.
    std::fs::write(
        input.path().join("000_aaa.txt"),
        "Zebranie wiejskie\n\nSołtys wsi Mokra zaprasza na zebranie 3 marca 2021 r.\n",
    )
    .unwrap();
    let changed = input.path().join(&seeds[1]);
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nDodano 5 czerwca 2019 r.\n");
    std::fs::write(&changed, text).unwrap();
    ok(&run(input.path(), out.path(), &[]));
    let s = summary(out.path());
    assert_eq!(
        (s["files_new"].as_u64(), s["files_changed"].as_u64()),
        (Some(1), Some(1))
    );
    let after = ids(out.path());
    assert!(before.is_subset(&after), "{before:?} -> {after:?}");
}

#[test]
fn the_store_answers_an_analysts_query() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::write(
        input.path().join("a.txt"),
        "Umowa na drogę w Gminie Oksa\n\nDnia 4 czerwca 2019 r. wójt Gminy Oksa Tadeusz Soboń \
         podpisał umowę o dofinansowanie w wysokości 1 250 000,00 zł na przebudowę drogi.\n",
    )
    .unwrap();
    std::fs::write(
        input.path().join("b.txt"),
        "Festyn w Bogorii\n\nDnia 8 czerwca 2019 r. wójt Gminy Bogoria Anna Nowak otworzyła \
         festyn. Koszt festynu wyniósł 20 000 zł.\n",
    )
    .unwrap();
    ok(&run(input.path(), out.path(), &[]));
    let db = rusqlite::Connection::open(out.path().join("komunikat.sqlite")).unwrap();
    // README, query 1: officials at events with sums over 1 mln zł in one powiat.
    let mut st = db
        .prepare(include_str!("../docs/queries/officials_big_sums.sql"))
        .unwrap();
    let rows: Vec<(String, String)> = st
        .query_map(["jędrzejowski"], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].1, "Tadeusz Soboń");
    // The README's other queries run on the store as it is.
    let sums: Vec<String> = db
        .prepare(include_str!("../docs/queries/sums_of_an_official.sql"))
        .unwrap()
        .query_map(["Tadeusz Soboń"], |r| r.get(2))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(sums, ["1250000.00"]);
    let months: i64 = db
        .prepare(include_str!("../docs/queries/events_per_gmina_month.sql"))
        .unwrap()
        .query_map([], |r| r.get::<_, i64>(3))
        .unwrap()
        .map(Result::unwrap)
        .sum();
    assert_eq!(months, 2);
    let mentions: i64 = db
        .query_row(
            "SELECT count(*) FROM mentions WHERE doc_id = 'a' AND kind = 'sum'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mentions, 1);
}

/// Issue 15's question, asked of the bundled corpus: which officials appeared at events with
/// grants over 1 mln zł in the puławski powiat? (One release, retelling the handing over of
/// Polski Ład cheques in Baranów.)
#[test]
fn the_store_answers_the_analysts_question_on_the_bundled_corpus() {
    let out = tempfile::tempdir().unwrap();
    ok(&run(&bundled(), out.path(), &[]));
    let db = rusqlite::Connection::open(out.path().join("komunikat.sqlite")).unwrap();
    let rows: Vec<(String, String)> = db
        .prepare(include_str!("../docs/queries/officials_big_sums.sql"))
        .unwrap()
        .query_map(["puławski"], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let want = [
        "Jolanta Gil",
        "Mariusz Bartnik",
        "Paweł Szymczak",
        "Witold Domański",
    ];
    assert_eq!(
        rows,
        want.map(|o| ("2022-01-20-baranow".to_string(), o.to_string()))
    );
}

#[test]
fn ids_are_unique_and_do_not_follow_the_walk() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let text = "Gmina Oksa\n\nWójt Gminy Oksa Tadeusz Soboń otworzył 4 czerwca 2019 r. drogę.\n";
    for name in [
        "a.md",
        "a.txt",
        "a#2.txt",
        "x/index.txt",
        "y/index.txt",
        "solo.txt",
    ] {
        let p = input.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    ok(&run(input.path(), out.path(), &[]));
    let docs = lines(&out.path().join("documents.jsonl"));
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    let unique: BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), 6, "{ids:?}");
    assert!(ids.contains(&"solo") && ids.contains(&"a#2"), "{ids:?}");
    let paths: BTreeSet<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert!(paths.contains("x/index.txt"));
    let s = summary(out.path());
    let root = std::fs::canonicalize(input.path()).unwrap();
    assert_eq!(s["input_roots"][0], root.to_string_lossy().as_ref());
    // A file that sorts before all the others changes no id.
    std::fs::write(input.path().join("0.txt"), text).unwrap();
    ok(&run(input.path(), out.path(), &[]));
    let again = lines(&out.path().join("documents.jsonl"));
    let ids2: BTreeSet<&str> = again.iter().map(|d| d["id"].as_str().unwrap()).collect();
    for id in &ids {
        assert!(ids2.contains(id), "{id} lost: {ids2:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_kept_reversibly() {
    use std::os::unix::ffi::OsStrExt;
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"komunikat_\xb3\xf3d\xbc.txt");
    std::fs::write(
        input.path().join(name),
        "Gmina Oksa\n\nWójt Gminy Oksa otworzył 4 czerwca 2019 r. drogę.\n",
    )
    .unwrap();
    ok(&run(input.path(), out.path(), &[]));
    let docs = lines(&out.path().join("documents.jsonl"));
    let bytes = docs[0]["source_bytes"].as_str().unwrap();
    assert!(bytes.ends_with("komunikat_%B3%F3d%BC.txt"), "{bytes}");
    assert_eq!(docs[0]["path"], "komunikat_%B3%F3d%BC.txt");
}

#[test]
fn a_typo_or_an_empty_folder_keeps_the_outputs() {
    let out = tempfile::tempdir().unwrap();
    ok(&run(&bundled().join("seeds"), out.path(), &[]));
    let before = std::fs::read(out.path().join("documents.jsonl")).unwrap();
    let typo = run(&bundled().join("seedz"), out.path(), &[]);
    assert_eq!(typo.status.code(), Some(1));
    let empty = tempfile::tempdir().unwrap();
    let st = run(empty.path(), out.path(), &[]);
    assert_eq!(st.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&st.stderr).contains("are kept"));
    assert_eq!(
        std::fs::read(out.path().join("documents.jsonl")).unwrap(),
        before
    );
    assert_eq!(leftover_sets(out.path()), 1);
}

/// Sets in `DIR/.runs`.
fn leftover_sets(out: &Path) -> usize {
    std::fs::read_dir(out.join(".runs")).unwrap().count()
}

#[test]
fn output_problems_are_named_before_any_work() {
    let out = tempfile::tempdir().unwrap();
    ok(&run(&bundled().join("seeds"), out.path(), &[]));
    let before = std::fs::read(out.path().join("documents.jsonl")).unwrap();
    // events.jsonl made a folder: refused, nothing changed
    std::fs::remove_file(out.path().join("events.jsonl")).unwrap();
    std::fs::create_dir(out.path().join("events.jsonl")).unwrap();
    let st = run(&bundled().join("seeds"), out.path(), &[]);
    assert_eq!(st.status.code(), Some(2));
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(err.contains("events.jsonl"), "{err}");
    assert_eq!(
        std::fs::read(out.path().join("documents.jsonl")).unwrap(),
        before
    );
    // --out names a file
    let file = out.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let st = run(&bundled().join("seeds"), &file, &[]);
    assert_eq!(st.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&st.stderr).contains("plain"));
    // -o into a folder that does not exist
    let st = komunikat()
        .args(["extract", "--no-progress", "-o"])
        .arg(out.path().join("nowhere/x.jsonl"))
        .arg(bundled().join("seeds"))
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&st.stderr).contains("nowhere"));
}

#[test]
fn an_output_folder_inside_the_input_is_not_read_back() {
    let input = tempfile::tempdir().unwrap();
    copy(
        &corpus_files()
            .into_iter()
            .filter(|f| f.starts_with("seeds"))
            .collect::<Vec<_>>(),
        input.path(),
    );
    // an output that a walk would read: a release-like .txt inside the output folder
    let out = input.path().join("out");
    ok(&run(input.path(), &out, &[]));
    std::fs::write(out.join("stray.txt"), "Wójt Gminy Oksa 4 czerwca 2019 r.\n").unwrap();
    let n = lines(&out.join("documents.jsonl")).len();
    ok(&run(input.path(), &out, &[]));
    assert_eq!(lines(&out.join("documents.jsonl")).len(), n);
    assert_eq!(lines(&out.join("errors.jsonl")).len(), 0);
}

#[cfg(unix)]
#[test]
fn o_onto_a_pipe_or_a_link_writes_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let st = komunikat()
        .args(["extract", "--no-progress", "-o"])
        .arg(&fifo)
        .arg(bundled().join("seeds"))
        .output()
        .unwrap();
    ok(&st);
    let got = reader.join().unwrap();
    assert_eq!(got.lines().count(), walk(&bundled().join("seeds")).len());
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    // a link: its target is written, the link stays
    let target = dir.path().join("real.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    ok(&komunikat()
        .args(["events", "--no-progress", "-o"])
        .arg(&link)
        .arg(bundled().join("seeds"))
        .output()
        .unwrap());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .starts_with("{\"id\""));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let mut child = komunikat()
        .args(["extract", "--no-progress"])
        .arg(bundled())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"id\""));
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Broken pipe"));
}

/// The set `out` shows is whole: every event's releases are documents of the set.
fn whole_set(out: &Path) -> usize {
    let docs = lines(&out.join("documents.jsonl"));
    let ids: BTreeSet<String> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    for e in lines(&out.join("events.jsonl")) {
        for s in e["sources"].as_array().unwrap() {
            assert!(
                ids.contains(s.as_str().unwrap()),
                "event of another set: {e}"
            );
        }
    }
    docs.len()
}

#[cfg(unix)]
#[test]
fn a_run_killed_while_writing_leaves_one_whole_set() {
    let input = tempfile::tempdir().unwrap();
    let files = corpus_files();
    for copy_n in 0..12 {
        copy(&files, &input.path().join(format!("c{copy_n:02}")));
    }
    let out = tempfile::tempdir().unwrap();
    ok(&run(&bundled().join("seeds"), out.path(), &[]));
    let small = whole_set(out.path());
    let mut full = None;
    for (i, delay) in [5u64, 40, 120, 250, 400, 600, 900, 1300].iter().enumerate() {
        let sig = if i % 2 == 0 { "-TERM" } else { "-INT" };
        let mut child = komunikat()
            .args(["run", "--no-progress", "--fresh"])
            .arg(input.path())
            .arg("--out")
            .arg(out.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(*delay));
        let _ = std::process::Command::new("kill")
            .arg(sig)
            .arg(child.id().to_string())
            .status();
        let st = child.wait().unwrap();
        // A signal that comes before the run installs its handler (a slow start on a busy
        // machine) ends the process at once, before it writes anything.
        let before_handler = {
            use std::os::unix::process::ExitStatusExt;
            matches!(st.signal(), Some(2) | Some(15))
        };
        assert!(
            matches!(st.code(), Some(0) | Some(130)) || before_handler,
            "{st:?}"
        );
        let n = whole_set(out.path());
        if st.code() == Some(0) {
            full = Some(n);
        }
        assert!(
            n == small || Some(n) == full || n == files.len() * 12,
            "{n}"
        );
        assert_eq!(leftover_sets(out.path()), 1, "after a signal at {delay} ms");
    }
    // A run killed outright leaves its folder; the next run removes it.
    let mut child = komunikat()
        .args(["run", "--no-progress"])
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    child.kill().unwrap();
    child.wait().unwrap();
    whole_set(out.path());
    ok(&run(&bundled().join("seeds"), out.path(), &[]));
    assert_eq!(whole_set(out.path()), small);
    assert_eq!(leftover_sets(out.path()), 1);
}

/// documents.jsonl of `run` is read back from the store: it is what `extract` serialises
/// from the records in memory, after a fresh run and after an incremental one (records
/// taken from the store, a changed file, a release whose year-less date the event stage
/// fills only once its event's other release arrives).
#[test]
fn documents_read_back_from_the_store_are_the_records_serialised() {
    let files = corpus_files();
    let patched = "000_5c4e3563c6dba2da.txt";
    let first: Vec<PathBuf> = files
        .iter()
        .step_by(2)
        .filter(|f| !f.ends_with(patched))
        .cloned()
        .collect();
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let extract = || {
        let o = komunikat()
            .args(["extract", "--no-progress"])
            .arg(input.path())
            .output()
            .unwrap();
        ok(&o);
        String::from_utf8(o.stdout).unwrap()
    };
    let documents = || std::fs::read_to_string(out.path().join("documents.jsonl")).unwrap();
    copy(&first, input.path());
    ok(&run(input.path(), out.path(), &["--fresh"]));
    assert_eq!(documents(), extract());
    copy(&files, input.path());
    let changed = input.path().join(&first[0]);
    let mut bytes = std::fs::read(&changed).unwrap();
    bytes.extend_from_slice(b"\n");
    std::fs::write(&changed, bytes).unwrap();
    ok(&run(input.path(), out.path(), &[]));
    let s = summary(out.path());
    assert_eq!(s["files_unchanged"], first.len() - 1);
    assert_eq!(s["files_changed"], 1);
    let all = documents();
    assert_eq!(all, extract());
    assert_eq!(all.lines().count(), files.len());
    let filled = all
        .lines()
        .find(|l| l.contains(patched))
        .expect("the release is a document");
    assert!(filled.contains(r#""year_from":"event""#), "{filled}");
}
