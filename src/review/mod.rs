//! `komunikat review DIR`: a static review site in `DIR/review/`, made from the outputs
//! of a run (`documents.jsonl`, `events.jsonl`, `errors.jsonl`) and each document's
//! source file.
//!
//! The site opens from disk (no server, no network): `index.html` (the events, with
//! filters), `documents.html`, `errors.html`, `events/<event id>.html` and
//! `documents/<document id>.html`, one script (`review.js`) and one stylesheet
//! (`review.css`). Every highlighted fact is an element with `data-kind`, `data-start`
//! and `data-end` (the record's byte offsets); the script records right/wrong verdicts in
//! the browser and exports them as `corrections.jsonl` (see [`crate::corrections`]).

mod document;
mod event;
pub mod facts;
pub mod highlight;
mod html;
mod index;
pub mod load;

use anyhow::Context as _;
use highlight::Highlighted;
use load::{items, str_of, Outputs, Record};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The script and the stylesheet of the site.
const SCRIPT: &str = include_str!("assets/review.js");
const STYLE: &str = include_str!("assets/review.css");

/// What [`write_site`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The site's folder, `DIR/review/`.
    pub dir: PathBuf,
    /// Event pages written.
    pub events: usize,
    /// Document pages written.
    pub documents: usize,
    /// Documents whose source could not be read again (their pages list the facts alone).
    pub unreadable: usize,
}

/// A document's readable text, highlighted, or why it could not be shown.
enum Text {
    Shown(Highlighted),
    /// Why, and the facts (all listed apart).
    Unreadable(String, Highlighted),
}

/// Everything the pages are made from.
struct Site<'a> {
    out: &'a Outputs,
    texts: HashMap<&'a str, Text>,
    /// Document id → the id of its event.
    event_of: HashMap<&'a str, &'a str>,
    /// TERYT → (powiat, voivodeship), from the documents' gminas.
    places: HashMap<&'a str, (&'a str, &'a str)>,
}

/// Writes `DIR/review/` from the outputs in `DIR`. Sources are looked for at the path a
/// record names, then beside `DIR`.
pub fn write_site(dir: &Path) -> anyhow::Result<Written> {
    let out = Outputs::read(dir)?;
    // The page rules the readers need (the built-in rules: the review shows what the
    // bundled readers read).
    let rules = crate::pipeline::RuleSet::embedded()?;
    let mut texts = HashMap::new();
    let mut unreadable = 0;
    for d in &out.documents {
        let id = str_of(d, "id");
        let found = facts::facts(d);
        let apart = || highlight::highlight(id, &crate::text::Mapped::identity(""), &found);
        let text = match source_path(dir, str_of(d, "source")) {
            Some(p) => match highlight::readable(&rules, &p) {
                Ok(r) => Text::Shown(highlight::highlight(id, &r.view, &found)),
                Err(e) => Text::Unreadable(format!("{}: {e}", p.display()), apart()),
            },
            None => Text::Unreadable(format!("{}: not found", str_of(d, "source")), apart()),
        };
        if matches!(text, Text::Unreadable(..)) {
            unreadable += 1;
        }
        texts.insert(id, text);
    }
    let mut event_of = HashMap::new();
    for e in &out.events {
        for s in load::strings(e, "sources") {
            event_of.insert(s, str_of(e, "id"));
        }
    }
    let mut places = HashMap::new();
    for d in &out.documents {
        for g in items(d, "gminas") {
            places
                .entry(str_of(g, "teryt"))
                .or_insert((str_of(g, "powiat"), str_of(g, "voivodeship")));
        }
    }
    let site = Site {
        out: &out,
        texts,
        event_of,
        places,
    };
    let root = dir.join("review");
    for sub in ["events", "documents"] {
        let p = root.join(sub);
        // Pages of records gone since the last review must not stay behind.
        if p.is_dir() {
            std::fs::remove_dir_all(&p).with_context(|| format!("cannot clear {}", p.display()))?;
        }
        std::fs::create_dir_all(&p).with_context(|| format!("cannot create {}", p.display()))?;
    }
    let write = |rel: String, body: String| -> anyhow::Result<()> {
        let p = root.join(rel);
        std::fs::write(&p, body).with_context(|| format!("cannot write {}", p.display()))
    };
    write("review.js".into(), SCRIPT.into())?;
    write("review.css".into(), STYLE.into())?;
    write("index.html".into(), index::events(&site))?;
    write("documents.html".into(), index::documents(&site))?;
    write("errors.html".into(), index::errors(&site))?;
    for e in &out.events {
        write(
            format!("events/{}", html::file_name(str_of(e, "id"))),
            event::page(&site, e),
        )?;
    }
    for d in &out.documents {
        write(
            format!("documents/{}", html::file_name(str_of(d, "id"))),
            document::page(&site, d),
        )?;
    }
    Ok(Written {
        dir: root,
        events: out.events.len(),
        documents: out.documents.len(),
        unreadable,
    })
}

/// Where a record's source is: the path as written (relative to the working folder), or
/// relative to the folder that holds `DIR`.
fn source_path(dir: &Path, source: &str) -> Option<PathBuf> {
    if source.is_empty() {
        return None;
    }
    let p = PathBuf::from(source);
    if p.is_file() {
        return Some(p);
    }
    let beside = dir.parent()?.join(source);
    beside.is_file().then_some(beside)
}

impl Site<'_> {
    /// A document's highlighted text block (or why there is none).
    fn text_block(&self, id: &str) -> String {
        match self.texts.get(id) {
            Some(Text::Shown(h)) => {
                let mut s = format!("<div class=\"text\">{}</div>", h.html);
                if !h.missing.is_empty() {
                    s.push_str(&format!(
                        "<p class=\"missing\">Not in the readable text: {}</p>",
                        h.missing
                    ));
                }
                s
            }
            Some(Text::Unreadable(why, h)) => format!(
                "<p class=\"unreadable\">The source cannot be shown: {}</p>\
                 <p class=\"missing\">{}</p>",
                html::t(why),
                h.missing
            ),
            None => String::new(),
        }
    }

    fn document(&self, id: &str) -> Option<&Record> {
        self.out.document(id)
    }
}
