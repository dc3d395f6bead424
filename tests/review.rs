//! The review site, the CSV export and the corrections, on the bundled corpus: `komunikat
//! run` then `komunikat review`, checked as files and in a real headless Chromium (the
//! DOM after the script has run, the filters, the export of verdicts, a screenshot).

mod common;

use common::{komunikat, komunikat_ok, lines, run_corpus};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// `komunikat run corpus --out DIR && komunikat review DIR`, once per test process.
fn site() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review-site");
        run_corpus(&dir);
        let review = komunikat_ok(&["review".as_ref(), dir.as_os_str()]);
        let said = String::from_utf8_lossy(&review.stderr);
        assert!(said.contains("(0 sources unreadable)"), "{said}");
        dir
    })
}

fn documents() -> Vec<Value> {
    lines(&site().join("documents.jsonl"))
}

fn events() -> Vec<Value> {
    lines(&site().join("events.jsonl"))
}

/// (kind, start, end, value) of every fact of a document record, sorted (two facts may
/// share their words: "Ośrodki ... w Kielcach i Lublinie" names two institutions).
fn facts_of(doc: &Value) -> Vec<(String, u64, u64, String)> {
    let mut out = Vec::new();
    for k in komunikat::extract::FACTS {
        for it in doc[k.field].as_array().into_iter().flatten() {
            let kind = k.kind.to_string();
            let value = match kind.as_str() {
                "date" => it["value"].as_str().unwrap().to_string(),
                "sum" => format!(
                    "{} {}",
                    it["value"].as_str().unwrap(),
                    it["currency"].as_str().unwrap()
                ),
                _ => it["name"].as_str().unwrap().to_string(),
            };
            out.push((
                kind,
                it["start"].as_u64().unwrap(),
                it["end"].as_u64().unwrap(),
                value,
            ));
        }
    }
    out.sort();
    out
}

fn file_url(p: &Path) -> String {
    let p = p.canonicalize().unwrap();
    let mut url = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/._-".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[test]
fn the_site_has_every_page_and_no_outside_resource() {
    let dir = site().join("review");
    for f in [
        "index.html",
        "documents.html",
        "errors.html",
        "review.js",
        "review.css",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let docs = documents();
    assert!(
        docs.len() >= 50,
        "the bundled corpus has {} documents",
        docs.len()
    );
    for d in &docs {
        let page = dir
            .join("documents")
            .join(format!("{}.html", d["id"].as_str().unwrap()));
        let html = std::fs::read_to_string(&page).unwrap();
        assert_eq!(
            html.matches("<mark ").count(),
            facts_of(d).len(),
            "{}",
            page.display()
        );
        for bad in ["http://", "https://", "<script>", "src=\"//"] {
            assert!(!html.contains(bad), "{} holds {bad}", page.display());
        }
    }
    for e in events() {
        let page = dir
            .join("events")
            .join(format!("{}.html", e["id"].as_str().unwrap()));
        let html = std::fs::read_to_string(&page).unwrap();
        for s in e["sources"].as_array().unwrap() {
            assert!(html.contains(&format!(
                "<section class=\"release\" data-doc=\"{}\">",
                s.as_str().unwrap()
            )));
        }
        assert_eq!(
            html.contains("<ul id=\"conflicts\" class=\"conflict\">"),
            !e["conflicts"].as_array().unwrap().is_empty()
        );
    }
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert_eq!(index.matches("<tr class=\"event\"").count(), events().len());
}

#[test]
fn csv_export_has_a_row_per_record_and_fact() {
    komunikat_ok(&["export".as_ref(), "--csv".as_ref(), site().as_os_str()]);
    let csv_dir = site().join("csv");
    let read = |name: &str| -> Vec<csv::StringRecord> {
        let bytes = std::fs::read(csv_dir.join(name)).unwrap();
        assert!(
            bytes.starts_with("\u{FEFF}".as_bytes()),
            "{name} has no BOM"
        );
        csv::Reader::from_reader(&bytes[3..])
            .records()
            .map(Result::unwrap)
            .collect()
    };
    let docs = documents();
    let evs = events();
    assert_eq!(read("documents.csv").len(), docs.len());
    assert_eq!(read("events.csv").len(), evs.len());
    let facts: usize = docs.iter().map(|d| facts_of(d).len()).sum();
    let mentions = read("mentions.csv");
    assert_eq!(mentions.len(), facts);
    // Every mention's offsets are the record's: the words are the source's bytes.
    let m = &mentions[0];
    let doc = docs.iter().find(|d| d["id"] == m[0]).unwrap();
    let source =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc["source"].as_str().unwrap()))
            .unwrap();
    let (s, e): (usize, usize) = (m[2].parse().unwrap(), m[3].parse().unwrap());
    if doc["encoding"] == "utf-8" {
        assert_eq!(&source[s..e], m[4].as_bytes());
    }
    let pairs: usize = evs
        .iter()
        .map(|e| e["sources"].as_array().unwrap().len())
        .sum();
    assert_eq!(read("event_sources.csv").len(), pairs);
    // Without --csv there is nothing to export: a usage error.
    let bad = komunikat().arg("export").arg(site()).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// The Chromium of the machine (`.ci/run` installs it), or a clear failure.
fn chromium() -> PathBuf {
    let path = std::env::var_os("KOMUNIKAT_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.is_file(),
        "Chromium is missing at {}: install it (apt-get install -y chromium; .ci/run does) \
         or set KOMUNIKAT_CHROMIUM to its path. The review site is tested in a real browser.",
        path.display()
    );
    path
}

fn browser(profile: &Path) -> Browser {
    let options = LaunchOptions {
        path: Some(chromium()),
        headless: true,
        sandbox: false,
        enable_gpu: false,
        window_size: Some((1400, 1000)),
        user_data_dir: Some(profile.to_path_buf()),
        args: vec![
            OsStr::new("--disable-component-update"),
            OsStr::new("--disable-background-networking"),
            OsStr::new("--disable-sync"),
            OsStr::new("--no-first-run"),
        ],
        idle_browser_timeout: Duration::from_secs(120),
        ..LaunchOptions::default()
    };
    Browser::new(options).expect("Chromium starts headless")
}

/// Opens a page and waits until its script has run.
fn open(tab: &Tab, page: &Path) {
    tab.navigate_to(&file_url(page)).unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("#verdict").unwrap();
}

fn eval(tab: &Tab, js: &str) -> Value {
    tab.evaluate(js, false)
        .unwrap_or_else(|e| panic!("{js}: {e}"))
        .value
        .unwrap_or(Value::Null)
}

#[test]
fn chromium_shows_every_fact_filters_rows_and_exports_verdicts() {
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(profile.path());
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(30));
    let dir = site().join("review");

    // One highlight per fact, with the record's offsets, on every document's page.
    for d in documents() {
        let id = d["id"].as_str().unwrap();
        open(&tab, &dir.join("documents").join(format!("{id}.html")));
        let got = eval(
            &tab,
            "JSON.stringify(Array.from(document.querySelectorAll('mark[data-kind]'))\
             .map(m => [m.dataset.kind, Number(m.dataset.start), Number(m.dataset.end), m.dataset.value]))",
        );
        let mut got: Vec<(String, u64, u64, String)> =
            serde_json::from_str(got.as_str().unwrap()).unwrap();
        got.sort();
        assert_eq!(got, facts_of(&d), "{id}");
    }

    // The filters change the visible rows.
    let evs = events();
    open(&tab, &dir.join("index.html"));
    let visible = |tab: &Tab| {
        eval(
            tab,
            "document.querySelectorAll('#events tr.event:not([hidden])').length",
        )
        .as_u64()
        .unwrap() as usize
    };
    assert_eq!(visible(&tab), evs.len());
    let set = |tab: &Tab, id: &str, value: &str| {
        eval(
            tab,
            &format!(
                "(function(){{var e=document.getElementById({id:?});e.value={value:?};\
                 e.dispatchEvent(new Event('change',{{bubbles:true}}));return e.value}})()"
            ),
        );
    };
    let million = evs
        .iter()
        .filter(|e| {
            e["sums"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["value"].as_str().unwrap().parse::<f64>().unwrap() >= 1_000_000.0)
        })
        .count();
    assert!(million > 0 && million < evs.len());
    set(&tab, "f-min-sum", "1000000");
    assert_eq!(visible(&tab), million);
    set(&tab, "f-min-sum", "");
    let voiv = "świętokrzyskie";
    set(&tab, "f-voivodeship", voiv);
    let n = visible(&tab);
    assert!(n > 0 && n < evs.len(), "{n} rows for {voiv}");
    let rows = eval(
        &tab,
        "Array.from(document.querySelectorAll('#events tr.event:not([hidden])')).map(r => r.dataset.voivodeships).join('\\n')",
    );
    assert!(rows
        .as_str()
        .unwrap()
        .lines()
        .all(|l| l.contains("|świętokrzyskie|")));
    assert_eq!(
        eval(&tab, "document.getElementById('shown').textContent"),
        Value::from(format!("{n} of {} events", evs.len()))
    );
    set(&tab, "f-voivodeship", "");
    set(&tab, "f-official", "adam jarubas");
    let n = visible(&tab);
    assert!(n >= 1 && n < evs.len(), "{n} rows for one official");
    set(&tab, "f-official", "");
    set(&tab, "f-from", "2030-01-01");
    assert_eq!(visible(&tab), 0);

    // Verdicts on an event's facts are exported as corrections lines.
    let event = evs
        .iter()
        .find(|e| e["sources"].as_array().unwrap().len() >= 2)
        .unwrap();
    let eid = event["id"].as_str().unwrap();
    open(&tab, &dir.join("events").join(format!("{eid}.html")));
    eval(
        &tab,
        "(function(){var m=document.querySelectorAll('mark.f');\
         komunikat.setVerdict(m[0],'right','checked');\
         komunikat.setVerdict(m[1],'wrong','not this one','');\
         m[2].click(); document.querySelector('#verdict button[data-v=wrong]').click();\
         return m.length})()",
    );
    let text = eval(&tab, "komunikat.corrections()");
    let text = text.as_str().unwrap().to_string();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{text}");
    let docs = documents();
    for l in &lines {
        for k in ["doc", "kind", "start", "end", "value", "verdict", "note"] {
            assert!(l.get(k).is_some(), "{k} missing in {l}");
        }
        let doc = docs.iter().find(|d| d["id"] == l["doc"]).unwrap();
        let fact = (
            l["kind"].as_str().unwrap().to_string(),
            l["start"].as_u64().unwrap(),
            l["end"].as_u64().unwrap(),
            l["value"].as_str().unwrap().to_string(),
        );
        assert!(facts_of(doc).contains(&fact), "{l}");
    }
    let verdicts: BTreeSet<&str> = lines
        .iter()
        .map(|l| l["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, BTreeSet::from(["right", "wrong"]));
    assert_eq!(
        eval(&tab, "document.querySelectorAll('mark.v-wrong').length"),
        Value::from(2)
    );

    // ... and become gold files.
    let file = site().join("corrections.jsonl");
    std::fs::write(&file, &text).unwrap();
    let gold = site().join("gold");
    let documents = site().join("documents.jsonl");
    komunikat_ok(&[
        "corrections".as_ref(),
        file.as_os_str(),
        "--documents".as_ref(),
        documents.as_os_str(),
        "--out".as_ref(),
        gold.as_os_str(),
    ]);
    let n_gold = std::fs::read_dir(&gold).unwrap().count();
    let n_docs: BTreeSet<&str> = lines.iter().map(|l| l["doc"].as_str().unwrap()).collect();
    assert_eq!(n_gold, n_docs.len());

    // A screenshot of the event page, of a sane size.
    tab.set_bounds(headless_chrome::types::Bounds::Normal {
        left: Some(0),
        top: Some(0),
        width: Some(1400.0),
        height: Some(1000.0),
    })
    .unwrap();
    eval(
        &tab,
        "document.getElementById('releases').scrollIntoView(); window.scrollBy(0, -40); 0",
    );
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .unwrap();
    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/review-event.png");
    std::fs::write(&shot, &png).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert!(
        (800..=4000).contains(&width) && (600..=4000).contains(&height),
        "{width}x{height}"
    );
    assert!(
        png.len() > 20_000 && png.len() < 10_000_000,
        "{} bytes",
        png.len()
    );
}
