//! The records of `../shared/CONTRACT.md`: field names and formats are fixed there; more
//! fields may be added, none renamed.

use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !*b
}

/// An extracted item with the words as they stand in the source and their byte offsets
/// in the decoded source: `source[start..end] == text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Located<T> {
    /// The words exactly as they stand in the decoded source (for HTML, markup included).
    pub text: String,
    /// UTF-8 byte offset of the first byte in the decoded source.
    pub start: usize,
    /// UTF-8 byte offset just after the last byte in the decoded source.
    pub end: usize,
    /// The normalised fact itself; its fields are written beside `text`, `start`, `end`.
    #[serde(flatten)]
    pub item: T,
}

/// A date, a month, a year or an interval, as ISO 8601.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Date {
    /// `2019-06-04`, `2019-06`, `2019`, `2018-04-01/2021-03-31`, `2014/2020`, or `--06-04`.
    pub value: String,
    /// point | interval | deadline | start
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The text gives no year ("4 czerwca"); the year was taken from elsewhere (`year_from`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub year_inferred: bool,
    /// The weekday written beside the date when it does not fit the date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday_mismatch: Option<String>,
    /// Where the year of a year-less date came from (with `year_inferred`): "publication"
    /// (the release's publication line), "text" (another full date of the release),
    /// "weekday" (the written weekday fits that year), "event", "now" (`--now`). A day of
    /// the release's month ("28 bm.") takes its month from there too ("publication", "now").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_from: Option<String>,
    /// The release's own publication date (its publication line, or a date alone on a line
    /// under the title).
    #[serde(default, skip_serializing_if = "is_false")]
    pub published: bool,
    /// For a year-less value: the shift from the document's year ("ubiegłego roku": -1).
    #[serde(skip)]
    pub year_shift: i32,
    /// For a day of the document's month (value `---DD` until resolved): the shift from
    /// that month ("28 bm.": 0, "5 ub.m.": -1).
    #[serde(skip)]
    pub month_shift: Option<i32>,
    /// The weekday written beside a day (0 = Monday) and its words, checked once the year
    /// is known.
    #[serde(skip)]
    pub weekday: Option<(u32, String)>,
    /// Read by a rule of kind `school_year` ("rok szkolny 2023/2024").
    #[serde(skip)]
    pub school_year: bool,
    /// The date of a cited legal act ("ustawą z dnia 17 lutego 1960 r."): it does not
    /// give the release its year, nor its happening's day.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cited: bool,
    /// A day of every year ("do 31 marca każdego roku"): it keeps no year.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recurring: bool,
    /// A date before the year of `[history]` in the date rules ("11 listopada 1918 roku"):
    /// history the release retells; it gives neither the release's year nor its event's day.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub historical: bool,
}

/// A sum of money, exact.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Sum {
    /// Decimal string with two decimals in the currency's unit: `"56000.00"`.
    pub value: String,
    /// ISO 4217.
    pub currency: String,
    /// "ok.", "blisko", "ponad" and the like.
    #[serde(default, skip_serializing_if = "is_false")]
    pub approximate: bool,
    /// The phrase that says what the money is ("Całkowita wartość przedsięwzięcia"), when
    /// the release says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// `grant`, `own_contribution`, `total_cost`, `contract_value`, `budget` or `other`
    /// (`rules/money/kinds.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A person holding an office.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Official {
    /// Nominative, title case.
    pub name: String,
    /// The office in the nominative as written, capitalised on its first letter.
    pub role: String,
    /// The first given name, nominative (a second given name stands only in `name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// The surname, nominative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    /// f | m
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// The body the office belongs to, when the role names it ("Województwo Świętokrzyskie").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The person holds the office as acting ("p.o. dyrektora", "pełniący obowiązki …").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
}

/// A specific institution, nominative singular.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Institution {
    /// The institution in the nominative singular, one spelling per entity.
    pub name: String,
    /// What it is (`office`, `school`, `library`, ...), from `rules/institution/heads.tsv`
    /// and `kinds.tsv`; absent when the rules do not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The abbreviation the release uses for it beside the full name ("GOPS").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    /// The gmina the institution belongs to, when its name says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gmina: Option<String>,
}

/// A gmina named as one, linked to TERYT.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Gmina {
    /// The gmina in the nominative: "Bogoria" for "Gminę Bogoria".
    pub name: String,
    /// Its 7-digit TERYT code (powiat, gmina, type digit).
    pub teryt: String,
    /// The powiat's name ("jędrzejowski").
    pub powiat: String,
    /// The voivodeship's name ("świętokrzyskie").
    pub voivodeship: String,
}

/// A village or town the release names, resolved to one locality (SIMC) in context.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Locality {
    /// Nominative, as in the SIMC register.
    pub name: String,
    /// The locality's 7-digit SIMC code.
    pub simc: String,
    /// The TERYT code of the gmina it lies in.
    pub gmina_teryt: String,
    /// wieś, miasto, kolonia, osada, osada leśna, osiedle.
    pub kind: String,
}

/// One release: the contract's document record.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Unique and stable: the file stem, with `#2`, `#3`, ... on a stem seen again.
    pub id: String,
    /// The file's path as it was read (relative when given relative).
    pub source: String,
    /// How the file was read: `txt`, `md`, `html`, `pdf` or `docx`.
    pub format: String,
    /// The encoding the file was decoded from, as detected (`utf-8`, `windows-1250`, ...);
    /// offsets count bytes of the decoded text re-encoded as UTF-8.
    pub encoding: String,
    /// ISO 639-1 code of the release's language, or `und`.
    pub language: String,
    /// How sure the language decision is, 0 to 1.
    pub language_confidence: f64,
    /// Whether the release is Polish; when `false` the fact lists are empty.
    pub polish: bool,
    /// The release's headline (HTML title or headline, markdown heading, else the first
    /// line of content).
    pub title: String,
    // The lists of facts: a field for each kind of fact of the extractors' table, declared
    // by its extractor (`crate::extract::Fact`); a test there checks that these are the
    // lists of that table.
    /// Every date the release states.
    pub dates: Vec<Located<Date>>,
    /// People holding an office.
    pub officials: Vec<Located<Official>>,
    /// Amounts of money.
    pub sums: Vec<Located<Sum>>,
    /// Named public bodies, schools, associations and the like.
    pub institutions: Vec<Located<Institution>>,
    /// Municipalities named as gminas, linked to TERYT.
    pub gminas: Vec<Located<Gmina>>,
    /// Villages and towns the release names (optional in the contract).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub localities: Vec<Located<Locality>>,
    /// The release's own date when it states one ("Opublikowano 12 lutego 2013 r.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// "gate" (letter statistics) or "lingua".
    pub language_method: String,
    /// Size of the source file in bytes.
    pub bytes: usize,
    /// `source` below its input root (`input_roots` in summary.json), `/`-separated;
    /// `%XX` escapes where the name is not UTF-8 or holds a `%`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The index of the source's input root in summary.json's `input_roots`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<usize>,
    /// `source`'s bytes, percent-encoded, when the name is not UTF-8 (`source` is then
    /// written with U+FFFD in their place).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_bytes: Option<String>,
    /// Items of each kind left out of a very long document beyond the cap
    /// (`long::MAX_ITEMS`), by kind ("sums": 1234); absent when nothing was left out.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub truncated: std::collections::BTreeMap<String, usize>,
    /// The event stage's features of the text (not written out).
    #[serde(skip)]
    pub sketch: Option<Box<crate::sketch::Sketch>>,
}

/// A file that could not become a document (`errors.jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// The file's path as walked.
    pub path: String,
    /// Why it failed (cannot read, empty file, not text, cannot decode, too large, ...).
    pub error: String,
}

/// An entry of an event's union, with the releases it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sourced<T> {
    /// The merged fact; its fields are written beside `sources`.
    #[serde(flatten)]
    pub item: T,
    /// The ids of the event's documents that state it.
    pub sources: Vec<String>,
    /// Each place a release states it: the document and the byte offsets of the words.
    #[serde(default)]
    pub mentions: Vec<Mention>,
}

/// Where a fact of an event stands: `doc`'s source, bytes `start..end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The document's id.
    pub doc: String,
    /// UTF-8 byte offset of the first byte in the document's decoded source.
    pub start: usize,
    /// UTF-8 byte offset just after the last byte.
    pub end: usize,
}

/// Why releases of an event were merged: a join of two of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The ids of the two joined documents.
    pub docs: [String; 2],
    /// Text similarity (0-1) with chrome and boilerplate left out.
    pub similarity: f64,
    /// One release is a copy of the other.
    #[serde(default, skip_serializing_if = "is_false")]
    pub copy: bool,
    /// The facts both releases state.
    pub shared: SharedFacts,
}

/// The facts two joined releases both state.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SharedFacts {
    /// Date values (ISO 8601) both state.
    pub dates: Vec<String>,
    /// Names of the officials both name (one person under either spelling).
    pub officials: Vec<String>,
    /// Names of the gminas both name (matched by TERYT, else by name).
    pub gminas: Vec<String>,
    /// Names of the institutions both name.
    pub institutions: Vec<String>,
    /// Sums both state, as "value currency" ("56000.00 PLN").
    pub sums: Vec<String>,
}

/// A point where an event's releases disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// What they disagree on: `date`, `officials.role (Jan Nowak)` or `sums (purpose)`.
    pub field: String,
    /// The values that differ, one per distinct value.
    pub values: Vec<String>,
    /// The ids of the documents involved.
    pub sources: Vec<String>,
}

/// An official of an event, merged over its releases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventOfficial {
    /// The name most releases give, nominative.
    pub name: String,
    /// The longest role the releases give; empty when none gives one.
    pub role: String,
}

/// A gmina of an event, merged over its releases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventGmina {
    /// The name most releases give, nominative.
    pub name: String,
    /// Its 7-digit TERYT code.
    pub teryt: String,
}

/// An institution of an event, merged over its releases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventName {
    /// The name most releases give, nominative singular.
    pub name: String,
}

/// A sum of an event, merged over its releases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSum {
    /// Exact decimal with two decimals, as in [`Sum::value`].
    pub value: String,
    /// ISO 4217 code.
    pub currency: String,
}

/// A date of an event, merged over its releases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// ISO 8601, as in [`Date::value`].
    pub value: String,
}

/// Releases that retell one happening, merged (`events.jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// The event's id, stable once written: its date and a slug of its place
    /// (`2019-06-04-kielce`; `undated-...` without a date).
    pub id: String,
    /// The happening's date, ISO 8601; `None` when no release gives one.
    pub date: Option<String>,
    /// The headline of one of its releases.
    pub title: String,
    /// The ids of the merged documents.
    pub sources: Vec<String>,
    /// The officials any of its releases names.
    pub officials: Vec<Sourced<EventOfficial>>,
    /// The gminas any of its releases names.
    pub gminas: Vec<Sourced<EventGmina>>,
    /// The institutions any of its releases names.
    pub institutions: Vec<Sourced<EventName>>,
    /// The sums any of its releases states.
    pub sums: Vec<Sourced<EventSum>>,
    /// The dates any of its releases states.
    pub dates: Vec<Sourced<EventDate>>,
    /// Where its releases disagree.
    pub conflicts: Vec<Conflict>,
    /// "publication" when the date comes only from the releases' publication lines,
    /// "text" when a release's text states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_from: Option<String>,
    /// Why the releases were merged (events of two or more sources), strongest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Joins left out of `evidence` (beyond `max_evidence`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub evidence_omitted: usize,
}

impl EventRecord {
    /// What the store's rows of the event read once its line is made: the places of its
    /// facts and the evidence are dropped.
    pub fn keep_for_store(&mut self) {
        fn clear<T>(v: &mut [Sourced<T>]) {
            for s in v {
                s.mentions = Vec::new();
            }
        }
        clear(&mut self.officials);
        clear(&mut self.gminas);
        clear(&mut self.institutions);
        clear(&mut self.sums);
        clear(&mut self.dates);
        self.evidence = Vec::new();
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
