//! The path of one release: ingest → read (HTML, markdown) → normalise → language →
//! extract → resolve, into a document record. Rules are loaded once into a [`RuleSet`]
//! shared by all threads.

use crate::civil::Ymd;
use crate::error::{InputError, RuleError};
use crate::extract::{self, Context, Extractor, Found, Landing};
use crate::ingest::{self, Decoded, Format};
use crate::language;
use crate::normalise::{self, NormaliseRules, Normalised};
use crate::record::DocumentRecord;
use crate::rules::RuleFiles;
use crate::text::Mapped;
use crate::timings::{time, Stage};
use std::path::Path;

pub mod long;

/// Makes [`RuleSet`] with a field for each extractor of the table `extract::extractors!`,
/// its parallel load, and [`extract_into`], which runs the extractors on a document.
macro_rules! rule_set {
    ($($kind:ident: $rules:ty [$($item:ty),*] $(=> $hook:ident)?,)*) => {
        /// Every rule komunikat uses, compiled once.
        #[derive(Debug)]
        pub struct RuleSet {
            /// Which lines are boilerplate (`rules/normalise/`).
            pub normalise: NormaliseRules,
            $(
                #[doc = concat!("The ", stringify!($kind), " extractor's rules (`rules/",
                    stringify!($kind), "/`).")]
                pub $kind: $rules,
            )*
            /// The language gate's votes (`rules/language/gate.toml`).
            pub language: language::GateRules,
            /// How releases are grouped into events (`rules/events/events.toml`).
            pub events: crate::sketch::EventRules,
            /// How pages are read: chrome, the release, titles (`rules/html/page.toml`).
            pub page: crate::html::PageRules,
        }

        impl RuleSet {
            /// Loads every kind's rules; the kinds are loaded in parallel (on the current
            /// rayon pool), the first error in kind order is reported.
            pub fn load(files: &RuleFiles) -> Result<RuleSet, RuleError> {
                $(let mut $kind = None;)*
                let (mut n, mut e, mut p, mut l) = (None, None, None, None);
                // The date rules are half of the work: spawned first, they are the first a
                // second thread steals (the spawning thread runs its spawns last first),
                // and the rest is done meanwhile on the spawning thread.
                rayon::scope(|s| {
                    $(s.spawn(|_| $kind = Some(<$rules as Extractor>::load(files)));)*
                    s.spawn(|_| n = Some(NormaliseRules::load(files)));
                    s.spawn(|_| e = Some(crate::sketch::EventRules::load(files)));
                    s.spawn(|_| p = Some(crate::html::PageRules::load(files)));
                    s.spawn(|_| l = Some(language::GateRules::load(files)));
                });
                Ok(RuleSet {
                    normalise: loaded(n)?,
                    $($kind: loaded($kind)?,)*
                    language: loaded(l)?,
                    events: loaded(e)?,
                    page: loaded(p)?,
                })
            }
        }

        /// Runs the extractors on a document, in the order of the table, each timed as
        /// `extract <kind>`; a kind's hook sees its finds before they land.
        #[allow(unused_assignments)]
        fn extract_into(rules: &RuleSet, into: &mut Landing, sketch: &mut crate::sketch::Sketch) {
            let mut k = 0;
            $(
                let finds = time(Stage::Extract(k), || rules.$kind.extract(into.ctx));
                $($hook(rules, into.ctx.norm, &finds, sketch);)?
                rules.$kind.land(finds, into);
                k += 1;
            )*
        }
    };
}
extract::extractors!(rule_set);

impl RuleSet {
    /// The rules built into the binary.
    pub fn embedded() -> Result<RuleSet, RuleError> {
        RuleSet::load(&RuleFiles::embedded())
    }
}

/// The result of a load that `rayon::scope` has run.
fn loaded<T>(slot: Option<Result<T, RuleError>>) -> Result<T, RuleError> {
    slot.expect("rayon::scope returns only when every load has run")
}

/// Options of a run that change what comes out.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Year-less dates of a document that names no year fall back to this date's year.
    pub now: Option<Ymd>,
    /// Files larger than this are refused.
    pub max_file_size: Option<u64>,
}

/// A file read and decoded: what it is (sniffed from its bytes), its decoded text and its
/// size in bytes.
pub struct Source {
    /// How the file is read, sniffed from its bytes (and name).
    pub format: Format,
    /// The decoded text and the encoding it came from (PDF, DOCX: their text as UTF-8).
    pub decoded: Decoded,
    /// The file's size in bytes, as stored.
    pub bytes: usize,
}

/// Reads and decodes one file: mirrored pages (.php, no extension) are read by what their
/// bytes are, images, style sheets and archives are `InputError::Skipped`, PDF and DOCX
/// give their extracted text. Also the review site's reader (`review::highlight`).
pub fn read_source(path: &Path, max_file_size: Option<u64>) -> Result<Source, InputError> {
    let bytes = time(Stage::Read, || ingest::read(path, max_file_size))?;
    source_of(path, bytes)
}

/// The bytes of the file at `path` (read by [`ingest::read`]) sniffed and decoded.
pub fn source_of(path: &Path, bytes: Vec<u8>) -> Result<Source, InputError> {
    let format = match crate::sniff::sniff(path, &bytes) {
        crate::sniff::Kind::Read(f) => f,
        crate::sniff::Kind::Skip(what) => return Err(InputError::Skipped(what.to_string())),
    };
    let n = bytes.len();
    let decoded = time(Stage::Decode, || match format {
        Format::Pdf => Ok(Decoded {
            text: crate::attach::pdf_text(&bytes)?,
            encoding: "utf-8",
        }),
        Format::Docx => Ok(Decoded {
            text: crate::attach::docx_text(&bytes)?,
            encoding: "utf-8",
        }),
        _ => ingest::decode_owned(bytes),
    })?;
    Ok(Source {
        format,
        decoded,
        bytes: n,
    })
}

/// Reads, decodes and analyses one file.
pub fn process_file(
    rules: &RuleSet,
    path: &Path,
    opts: &Options,
) -> Result<DocumentRecord, InputError> {
    let bytes = time(Stage::Read, || ingest::read(path, opts.max_file_size))?;
    process_bytes(rules, path, bytes, opts)
}

/// Analyses the bytes of the file at `path`, as [`ingest::read`] gave them (the store's
/// pass reads a file once: it hashes these bytes too).
pub fn process_bytes(
    rules: &RuleSet,
    path: &Path,
    bytes: Vec<u8>,
    opts: &Options,
) -> Result<DocumentRecord, InputError> {
    let src = source_of(path, bytes)?;
    Ok(long::analyse_bounded(
        rules,
        &ingest::doc_id(path),
        &path.to_string_lossy(),
        src.format,
        &src.decoded,
        src.bytes,
        opts,
        (long::WINDOW_BYTES, long::MAX_ITEMS),
    ))
}

/// Analyses a text given directly (tests and the examples harness): a plain-text release.
pub fn analyse_text(rules: &RuleSet, id: &str, text: &str, now: Option<Ymd>) -> DocumentRecord {
    let decoded = Decoded {
        text: text.to_string(),
        encoding: "utf-8",
    };
    let opts = Options {
        now,
        ..Options::default()
    };
    analyse(rules, id, id, Format::Txt, &decoded, text.len(), &opts)
}

/// The text view of a source and the title the reader found (also the review site's
/// reader: `review::highlight::readable`).
pub fn read_view(rules: &RuleSet, format: Format, src: &str) -> (Mapped, Option<String>) {
    match format {
        Format::Html => {
            let page = crate::html::read(src, &rules.page);
            (page.text, page.title)
        }
        Format::Md => crate::markdown::read_titled(src, &rules.page),
        Format::Txt | Format::Pdf | Format::Docx => (Mapped::identity(src), None),
    }
}

/// Analyses one decoded release.
pub fn analyse(
    rules: &RuleSet,
    id: &str,
    source: &str,
    format: Format,
    decoded: &Decoded,
    bytes: usize,
    opts: &Options,
) -> DocumentRecord {
    let src = decoded.text.as_str();
    let (view, title) = time(Stage::View, || read_view(rules, format, src));
    let norm = time(Stage::Normalise, || {
        normalise::normalise(&view, &rules.normalise)
    });
    let content = norm.content();
    let lang = time(Stage::Language, || {
        language::detect(&content, &rules.language)
    });
    let polish = lang.code == "pl";
    let title = title.unwrap_or_else(|| first_line(&norm, rules));
    let mut rec = DocumentRecord {
        id: id.to_string(),
        source: source.to_string(),
        format: match format {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
        .to_string(),
        encoding: decoded.encoding.to_string(),
        language: lang.code.to_string(),
        language_confidence: lang.confidence,
        polish,
        title,
        language_method: lang.method.to_string(),
        bytes,
        // no facts yet: the extractors land them
        ..DocumentRecord::default()
    };
    if !polish {
        return rec;
    }
    let mut sketch = time(Stage::Sketch, || {
        crate::sketch::sketch(&rules.events, &content)
    });
    let ctx = Context::new(&norm, opts.now);
    let mut into = Landing {
        rec: &mut rec,
        ctx: &ctx,
        src,
    };
    extract_into(rules, &mut into, &mut sketch);
    rec.sketch = Some(Box::new(sketch));
    rec
}

/// The event features that need the date finds and the source: where each date stands
/// on its line, the release's own date line, and where each paragraph of the content
/// ends in the source. The date extractor's hook (`extract::extractors!`), timed as the
/// sketch.
fn event_features(
    rules: &RuleSet,
    norm: &Normalised,
    dates: &[Found<crate::record::Date>],
    sketch: &mut crate::sketch::Sketch,
) {
    time(Stage::Sketch, || {
        let finds: Vec<crate::sketch::DateFind> = dates
            .iter()
            .map(|f| crate::sketch::DateFind {
                range: f.range.clone(),
                source_start: norm.text.source_span(f.range.clone()).start,
                point: matches!(f.item.kind.as_deref(), None | Some("point")),
                weekday: f.item.weekday.is_some(),
                day: crate::sketch::day_key(&f.item.value),
            })
            .collect();
        (sketch.cues, sketch.publication) =
            crate::sketch::date_cues(&rules.events, norm.as_str(), &finds);
        // the dates' ranges in text order (the extractor's finds do not overlap)
        let mut ranges: Vec<std::ops::Range<usize>> = finds.into_iter().map(|f| f.range).collect();
        ranges.sort_by_key(|r| r.start);
        let weekdays = rules.date.bare_weekdays(norm.as_str(), &ranges);
        sketch.day_cue = rules.events.weekday.cue(norm.as_str(), &weekdays);
        // content offsets -> normalised text (the boilerplate left out of the content put
        // back) -> source
        let (mut removed, mut next) = (0usize, 0usize);
        for end in &mut sketch.paragraph_ends {
            while let Some(r) = norm.boilerplate.get(next) {
                if r.start > *end + removed {
                    break;
                }
                removed += r.end - r.start;
                next += 1;
            }
            let at = *end + removed;
            *end = norm.text.source_span(at..at).start;
        }
    })
}

/// The first line of content that does not name the site ("GMINA RAKÓW") and is no
/// breadcrumb, menu or date line ([`crate::html::PageRules::is_not_title`]): the title of a
/// plain-text release; when every line is one of those, the first that does not name the
/// site.
fn first_line(norm: &Normalised, rules: &RuleSet) -> String {
    let page = &rules.page;
    let t = norm.as_str();
    let mut at = 0;
    let mut fallback = None;
    for line in t.split_inclusive('\n') {
        let body = line.trim();
        if !body.is_empty() && !norm.in_boilerplate(at + line.find(body).unwrap_or(0)) {
            let clean =
                body.trim_matches(|c: char| c == '#' || c == '*' || c == '"' || c.is_whitespace());
            if !page.is_site_title(clean) {
                if !page.is_not_title(clean) && !rules.date.is_publication_line(clean) {
                    return clean.chars().take(200).collect();
                }
                fallback = fallback.or(Some(clean));
            }
        }
        at += line.len();
    }
    fallback
        .map(|c| c.chars().take(200).collect())
        .unwrap_or_default()
}
