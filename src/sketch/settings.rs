//! The settings and weights of the event stage, one type for each table of
//! `rules/events/events.toml` (read by [`super::EventRules::load`]).

use serde::Deserialize;

/// How a release's text is sketched (`[sketch]` of `rules/events/events.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SketchSettings {
    /// Words per shingle (word n-gram) hashed into the MinHash.
    pub shingle: usize,
    /// Bins of the sketch: a multiple of `rows` and of `copy_rows`, at most 1024.
    pub bins: usize,
    /// Bins per LSH band: two releases are a candidate pair when all bins of one band agree.
    pub rows: usize,
    /// Bins per band when looking for near copies (wider bands, fewer template-only pairs).
    pub copy_rows: usize,
    /// Paragraphs of fewer words never count as boilerplate by frequency.
    pub min_paragraph_words: usize,
}

/// What is too common to tell releases apart (`[frequency]` of `events.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frequency {
    /// A paragraph in more releases than this is boilerplate: its shingles are ignored.
    pub max_paragraph_df: u32,
    /// A blocking bucket (LSH band or shared fact) of more releases than this is not paired
    /// all with all; at least 2.
    pub max_bucket: usize,
    /// In an oversized LSH bucket, each release is paired with the first this many only.
    pub star: usize,
}

/// When two releases retell one happening (`[decide]` of `events.toml`): similarity
/// thresholds (0–1) and the weights of the evidence score.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decide {
    /// Text similarity from which two releases are one unless their dates disagree.
    pub near_duplicate: f64,
    /// Text similarity from which two releases are one whatever their dates say.
    pub override_dates: f64,
    /// Text similarity from which a release counts as a copy of the other (in the evidence).
    pub copy: f64,
    /// Fewer comparable bins than this: the text similarity is taken as 0.
    pub min_bins: usize,
    /// Score needed to join two releases when their dates agree or one is unknown.
    pub threshold: f64,
    /// Score added when both releases state the same day in their text.
    pub same_date: f64,
    /// Score added when the days agree but one is known only from a publication line.
    pub near_date: f64,
    /// Score taken off when either day is unknown and no sum is shared: people and places
    /// recur on a site's releases, the happening's facts must weigh more.
    pub unknown_date: f64,
    /// Weight of the text similarity in the score.
    pub text: f64,
    /// Score per shared official, for at most `official_cap` of them.
    pub official: f64,
    /// How many shared officials count at most.
    pub official_cap: usize,
    /// Score per shared sum, for at most `sum_cap` of them.
    pub sum: f64,
    /// How many shared sums count at most.
    pub sum_cap: usize,
    /// Score per shared gmina, for at most `gmina_cap` of them.
    pub gmina: f64,
    /// How many shared gminas count at most.
    pub gmina_cap: usize,
    /// Score per shared institution, for at most `institution_cap` of them.
    pub institution: f64,
    /// How many shared institutions count at most.
    pub institution_cap: usize,
    /// At most this many joins are listed as an event's evidence (strongest first).
    pub max_evidence: usize,
}

/// How a release's dates are read as the happening's day (`[dates]` of `events.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// Days a happening may precede its release's publication line at most.
    pub publication_lag: i64,
    /// A text date more than this many days before the publication line is background,
    /// not the happening's day.
    pub background_days: i64,
    /// Years an inferred year may lie from the publication year before it is replaced by
    /// the year that puts the day nearest the publication.
    pub year_window: i32,
    /// A publication date line above the body has at most this many words.
    pub header_words: usize,
    /// The body starts at the first line of this many words.
    pub body_words: usize,
    /// Weight of a day known only from a publication line when an event's releases vote
    /// on its day (a text day weighs 1 plus its cue's score).
    pub publication_weight: f64,
}

/// Score of a day date as the happening's day, by where it stands on its line
/// (`[cue_weights]` of `events.toml`, see [`super::CueKind`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueWeights {
    /// A weekday written beside it ("we wtorek, 4 czerwca").
    pub weekday: f64,
    /// At most two words before it on its line, a clause after ("Dnia 4 czerwca podpisano").
    pub line_start: f64,
    /// Inside a sentence.
    pub plain: f64,
    /// Alone on a short line (lists of other news, captions); below 0: never the day.
    pub standalone: f64,
    /// Added for each further mention of the same date in the release.
    pub mention: f64,
    /// A weekday with no date, its day read from the publication line (`[weekday]`).
    pub bare_weekday: f64,
}
