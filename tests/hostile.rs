//! Hostile input: a folder of everything messy next to the seeds. The run exits 0, every
//! file is accounted for (a document or an error record), nothing panics, and the outputs
//! of an earlier run survive a run that cannot write.

mod common;

use common::{komunikat, lines, run_ok};
use std::path::Path;

/// The number of skipped files the run's summary line gives.
fn skipped(stderr: &str) -> usize {
    let line = stderr
        .lines()
        .find(|l| l.contains(" skipped -> "))
        .unwrap_or_else(|| panic!("no summary line: {stderr}"));
    let before = line.split(" skipped -> ").next().unwrap_or("");
    before
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {line:?}"))
}

fn hostile_folder() -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let mut files = 0;
    for e in std::fs::read_dir(&seeds).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), p.join(e.file_name())).unwrap();
        files += 1;
    }
    let mut put = |name: &str, bytes: &[u8]| {
        std::fs::write(p.join(name), bytes).unwrap();
        files += 1;
    };
    put("empty.txt", b"");
    put("nul.txt", b"Gmina\0Oksa\0\0\0 wojt");
    let noise: Vec<u8> = (0..65536u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    put("random.txt", &noise);
    put("png.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    put(
        "bom.txt",
        "\u{FEFF}Wójt Gminy Łoniów Szymon Kołacz podpisał umowę 4 czerwca 2019 r. na 56 tys. zł."
            .as_bytes(),
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Wójt Gminy Oksa podpisał umowę w dniu 1 sierpnia 2018 r. Łączna kwota to 5 tys. zł."
        .encode_utf16()
    {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    put("utf16.txt", &utf16);
    let (cp1250, _, _) = encoding_rs::WINDOWS_1250.encode("Gmina Łoniów. Wójt Szymon Kołacz podpisał umowę dnia 4 czerwca 2019 r. Źródło: świętokrzyskie.");
    let mut mixed = "Gmina Łoniów — część UTF-8. ".as_bytes().to_vec();
    mixed.extend_from_slice(&cp1250);
    put("mixed.txt", &mixed);
    put(
        "deep.html",
        ("<div>".repeat(200_000)
            + "Wójt Gminy Oksa Tadeusz Soboń, 4 czerwca 2019 r."
            + &"</div>".repeat(200_000))
            .as_bytes(),
    );
    put(
        "digits.txt",
        ("Kwota: ".to_string()
            + &"7".repeat(1_000_000)
            + " zł, dnia 4 czerwca 2019 r. w gminie Oksa.")
            .as_bytes(),
    );
    let line: String =
        "Wójt Gminy Oksa podpisał umowę na 12 893 583,46 zł dnia 4 czerwca 2019 r. ".repeat(70_000);
    put("long_line.txt", line.as_bytes());
    put("huge.txt", &vec![b'a'; 40 * 1024 * 1024]);
    put(
        "tags.html",
        "<<<>>><p <a href='>'>&#99999999;&#x110000;&amp&;<script>"
            .repeat(1000)
            .as_bytes(),
    );
    put(
        "strona.php",
        "<html><head><title>Dotacja dla sołectwa Wola | Gmina Wola</title></head><body><nav>Start</nav>\
         <article><h1>Dotacja dla sołectwa Wola</h1><p>Wójt Gminy Wola Jan Mak przekazał 5 tys. zł 4 czerwca 2019 r.</p></article></body></html>"
            .as_bytes(),
    );
    put("style.css", b"body { color: red }");
    // A hidden folder is not walked (not counted either).
    std::fs::create_dir(p.join(".git")).unwrap();
    std::fs::write(p.join(".git/hidden.txt"), "Wójt Gminy Oksa").unwrap();
    #[cfg(unix)]
    {
        // A FIFO is opened without blocking and refused as not a regular file.
        let fifo = p.join("fifo.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        files += 1;
        // A link out of the tree is not followed.
        std::os::unix::fs::symlink("/etc/passwd", p.join("passwd.txt")).unwrap();
        files += 1;
        std::os::unix::fs::symlink(p.join("nowhere.txt"), p.join("dangling.txt")).unwrap();
        files += 1;
        std::fs::create_dir(p.join("sub")).unwrap();
        std::os::unix::fs::symlink(p, p.join("sub/loop")).unwrap();
        files += 1;
    }
    (dir, files)
}

#[test]
fn every_hostile_file_is_accounted_for() {
    let (dir, files) = hostile_folder();
    let out = tempfile::tempdir().unwrap();
    let stderr = run_ok(dir.path(), out.path(), &["--max-file-size", "33554432"]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let docs = lines(&out.path().join("documents.jsonl"));
    let errors = lines(&out.path().join("errors.jsonl"));
    assert_eq!(
        docs.len() + errors.len() + skipped(&stderr),
        files,
        "docs {docs:?}\nerrors {errors:?}\n{stderr}"
    );
    let doc = |id: &str| {
        docs.iter()
            .find(|d| d["id"] == id)
            .unwrap_or_else(|| panic!("no document {id}"))
    };
    for id in [
        "bom",
        "utf16",
        "mixed",
        "deep",
        "digits",
        "long_line",
        "tags",
        "000_5c4e3563c6dba2da",
    ] {
        doc(id);
    }
    assert_eq!(doc("utf16")["encoding"], "utf-16le");
    let err = |name: &str| {
        errors
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("no error for {name}"))["error"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(err("huge.txt").contains("larger than --max-file-size"));
    assert!(err("nul.txt").starts_with("not text"));
    assert!(!errors
        .iter()
        .any(|e| e["path"].as_str().unwrap().ends_with("png.txt")));
    assert_eq!(err("empty.txt"), "empty file");
    #[cfg(unix)]
    {
        assert_eq!(err("fifo.txt"), "cannot walk: not a regular file");
        assert!(!stderr.contains("root:x:0"));
    }
    // A page mirrored without the .html extension is read as HTML; a style sheet is not read.
    assert_eq!(doc("strona")["format"], "html");
    assert_eq!(doc("strona")["title"], "Dotacja dla sołectwa Wola");
    assert!(!docs
        .iter()
        .any(|d| d["id"] == "style" || d["id"] == "hidden"));
}

#[test]
fn a_failed_run_leaves_the_previous_outputs_intact() {
    let out = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let st = komunikat()
        .args(["run", "--no-progress"])
        .arg(&corpus)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(0));
    let before = std::fs::read(out.path().join("documents.jsonl")).unwrap();
    // A run whose rules are broken stops before writing anything.
    let bad_rules = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(bad_rules.path().join("normalise")).unwrap();
    std::fs::write(
        bad_rules.path().join("normalise/boilerplate.toml"),
        "[settings\n",
    )
    .unwrap();
    let st = komunikat()
        .args(["run", "--no-progress", "--rules"])
        .arg(bad_rules.path())
        .arg(&corpus)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(2));
    assert_eq!(
        std::fs::read(out.path().join("documents.jsonl")).unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// With --follow-links, a link is read once (device and inode), and the size limit holds
/// on what is read: a /proc file that reports a size of 0 is still cut at the limit.
#[cfg(unix)]
#[test]
fn follow_links_reads_each_file_once_and_the_limit_holds_on_reads() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("a.txt"),
        "Wójt Gminy Oksa Tadeusz Soboń podpisał umowę 4 czerwca 2019 r.",
    )
    .unwrap();
    std::os::unix::fs::symlink(p.join("a.txt"), p.join("b.txt")).unwrap();
    std::os::unix::fs::symlink("/proc/self/pagemap", p.join("pagemap.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    run_ok(
        p,
        out.path(),
        &["--follow-links", "--max-file-size", "4096"],
    );
    let docs = lines(&out.path().join("documents.jsonl"));
    assert_eq!(docs.len(), 1, "{docs:?}");
    let errors = lines(&out.path().join("errors.jsonl"));
    if std::path::Path::new("/proc/self/pagemap").exists() {
        let e = errors
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with("pagemap.txt"))
            .unwrap_or_else(|| panic!("{errors:?}"));
        assert!(
            e["error"]
                .as_str()
                .unwrap()
                .contains("larger than --max-file-size")
                || e["error"].as_str().unwrap().contains("cannot read"),
            "{e:?}"
        );
    }
}

/// Inputs the fuzz target `pdf` found (tests/data/fuzz, see docs/fuzzing.md): a font that
/// is not there (pdf-extract panics) and a page that is its own parent (pdf-extract
/// recursed forever). Each is an error of its file that says why.
#[test]
fn pdfs_found_by_fuzzing_are_errors_of_their_file() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let read = |name: &str| {
        let bytes = std::fs::read(data.join(name)).unwrap();
        match komunikat::attach::pdf_text(&bytes) {
            Ok(t) => panic!("{name} read as {t:?}"),
            Err(e) => e.to_string(),
        }
    };
    let e = read("pdf-font-missing.pdf");
    assert!(e.contains("malformed"), "{e}");
    let e = read("pdf-parent-loop.pdf");
    assert!(e.contains("/Parent chain loops"), "{e}");
}

/// A link to `/` is not followed (the run ends, nothing of the system is read); pages
/// mirrored with no extension or with a query in the name are sniffed as HTML; a name with
/// an escape sequence is printed escaped, never raw.
#[cfg(unix)]
#[test]
fn links_to_the_root_sniffed_pages_and_escaped_names() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::os::unix::fs::symlink("/", p.join("root")).unwrap();
    let page = "<!DOCTYPE html><html><head><title>Festyn w Woli | Gmina Wola</title></head><body>\
        <nav><a href='/'>Start</a></nav><main><h1>Festyn w Woli</h1><p>Wójt Gminy Wola Jan Mak \
        zaprasza 4 czerwca 2019 r. na festyn.</p></main></body></html>";
    std::fs::write(p.join("aktualnosc"), page).unwrap();
    std::fs::write(p.join("index.html?id=5"), page).unwrap();
    std::fs::write(p.join("zly\u{1b}[2Jplik.txt"), "").unwrap();
    let out = tempfile::tempdir().unwrap();
    let stderr = run_ok(p, out.path(), &[]);
    let docs = lines(&out.path().join("documents.jsonl"));
    assert_eq!(docs.len(), 2, "{docs:?}");
    for d in &docs {
        assert_eq!(d["format"], "html", "{d}");
        assert_eq!(d["title"], "Festyn w Woli", "{d}");
    }
    let errors = lines(&out.path().join("errors.jsonl"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.contains("zly\\u{1b}[2Jplik.txt"), "{stderr:?}");
}

/// `komunikat extract --no-progress ARGS... corpus/seeds`, which must exit 0; its output.
fn extract_seeds_ok(args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let o = komunikat()
        .args(["extract", "--no-progress"])
        .args(args)
        .arg(&seeds)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    o.stdout
}

/// `-o /dev/null` writes to the device and leaves it a device; `-j 20000` is capped and
/// the output is the one of `-j 1`.
#[cfg(unix)]
#[test]
fn o_onto_dev_null_and_a_huge_j() {
    use std::os::unix::fs::FileTypeExt;
    extract_seeds_ok(&["-o".as_ref(), "/dev/null".as_ref()]);
    let m = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(m.file_type().is_char_device());
    let ran = |j: &str| extract_seeds_ok(&["-j".as_ref(), j.as_ref()]);
    let one = ran("1");
    assert!(!one.is_empty());
    assert_eq!(ran("20000"), one);
}

/// Beside `-o`: a stale temporary file of a killed run is removed; a link planted under
/// such a name is not written through (nor removed: it is not the run's file); the run
/// leaves no temporary file of its own.
#[cfg(unix)]
#[test]
fn stale_and_planted_temporary_files_beside_o() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    // No process has this id (above the kernel's pid limit).
    let stale = dir.path().join(".out.jsonl.4194305.abcdef.tmp");
    std::fs::write(&stale, "{\"half\":").unwrap();
    let planted = dir.path().join(".out.jsonl.4194306.ghijkl.tmp");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let out = dir.path().join("out.jsonl");
    extract_seeds_ok(&["-o".as_ref(), out.as_os_str()]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(
        std::fs::symlink_metadata(&stale).is_err(),
        "stale file kept"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let tmp: Vec<&String> = names.iter().filter(|n| n.ends_with(".tmp")).collect();
    assert_eq!(tmp, [".out.jsonl.4194306.ghijkl.tmp"], "{names:?}");
    assert!(std::fs::read_to_string(dir.path().join("out.jsonl"))
        .unwrap()
        .starts_with("{\"id\""));
}

/// A markdown release read by its structure through the whole run: the setext heading is
/// the title, a reference link keeps its text (its definition is not read), a list item's
/// sum is found, and every item's span slices the source to its text.
#[test]
fn a_markdown_release_is_read_by_its_structure() {
    let dir = tempfile::tempdir().unwrap();
    let src = "Remont drogi w Woli\n===================\n\nWójt Gminy Wola [Jan Mak][wojt] \
        podpisał umowę 4 czerwca 2019 r.\n\n* koszt: 5 tys. zł\n* termin: do końca roku\n\n\
        [wojt]: https://example.org/wojt \"Wójt\"\n";
    std::fs::write(dir.path().join("remont.md"), src).unwrap();
    let out = tempfile::tempdir().unwrap();
    run_ok(dir.path(), out.path(), &[]);
    let docs = lines(&out.path().join("documents.jsonl"));
    let d = &docs[0];
    assert_eq!(d["title"], "Remont drogi w Woli", "{d}");
    assert_eq!(d["dates"][0]["value"], "2019-06-04", "{d}");
    assert_eq!(d["sums"][0]["value"], "5000.00", "{d}");
    for field in ["dates", "sums", "officials"] {
        for item in d[field].as_array().unwrap() {
            let (s, e) = (
                item["start"].as_u64().unwrap(),
                item["end"].as_u64().unwrap(),
            );
            assert_eq!(&src[s as usize..e as usize], item["text"], "{item}");
        }
    }
    assert!(!d.to_string().contains("example.org"), "{d}");
}
