//! The words of Polish dates, loaded from `rules/date/`: month names, weekdays, ordinals,
//! parts of the year and the small words of `words.toml`. Every look-up key is folded
//! (lowercase, no diacritics), so "Października", "pazdziernika" and "PAŹDZIERNIKA" are
//! one word.

use crate::error::RuleError;
use crate::rules::{alternation, fold, RuleFiles};
use std::collections::{BTreeMap, HashMap, HashSet};

mod entries;
mod file;
use entries::{entries, Shape};
use file::{Entry, WordsFile};

const MONTHS: &str = "date/months.tsv";
const WEEKDAYS: &str = "date/weekdays.tsv";
const ORDINALS: &str = "date/ordinals.tsv";
const PERIODS: &str = "date/periods.tsv";
const WORDS: &str = "date/words.toml";

/// What one word of a date expression means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Month(u32),
    Weekday(u32),
    Ordinal(u32),
    /// A part of a year of this many months.
    Period(u32),
    YearMark,
    /// The word before a range; `true` when it also makes a start alone ("od").
    From(bool),
    /// The word between the ends of a range; `true` when it also makes a deadline alone.
    To(bool),
    /// A word that may stand in a date expression without adding to it.
    Skip,
    /// A word that joins the days of a list or the two sides of a turn ("i", "oraz").
    And,
    /// A word for the turn of two months or years ("przełomie").
    Turn,
}

/// A phrase that stands for the document's year or month, with the shift from it
/// ("ubiegłego roku": `Year(-1)`, "bm.": `Month(0)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    Year(i32),
    Month(i32),
}

/// The longest phrase the reader looks up.
pub const MAX_PHRASE: usize = 3;

/// The date vocabulary, keyed by folded form.
#[derive(Debug)]
pub struct Lexicon {
    /// Every word a date expression may contain (month names and abbreviations, weekdays,
    /// ordinals, periods, year words, range words, lead and skip words), and the phrases
    /// of several words among them ("z dniem"), their words joined by one space.
    words: HashMap<String, Word>,
    /// Folded heads of programme names ("program", "fundusze"): a span of years right
    /// after such a name is part of it.
    pub name_heads: HashSet<String>,
    /// Folded words that open a patron's name, and how many capitalised words may follow
    /// before a date that belongs to it (`[names]` patrons, patron_words).
    pub patrons: HashSet<String>,
    pub patron_words: usize,
    /// Month names written out (no abbreviations), folded.
    pub month_names: HashSet<String>,
    /// Roman month numbers, upper case as written.
    pub roman: HashMap<String, u32>,
    /// Letters that may follow a day number ("tego" in "18-tego").
    pub suffixes: HashSet<String>,
    /// One- or two-word phrases for the document's year or month, with their shift.
    pub relative: HashMap<String, Relative>,
    /// Words left out of a span when they open it ("w", "dnia", "na lata").
    pub trim: HashSet<String>,
    /// Periods that need a year after them ("połowa").
    pub period_needs_year: HashSet<String>,
    /// Folded keywords of a publication line.
    pub publication: Vec<String>,
    pub standalone_within: usize,
    /// Folded words after which a date is a street or a patron ("ul.", "im.").
    pub reject_before: HashSet<String>,
    /// Values that are no date of a release ("1970-01-01", a CMS's empty date field).
    pub reject_values: HashSet<String>,
    /// Folded words of a site's calendar, and the longest line a calendar's date stands on
    /// (`[reject]` calendar, calendar_words).
    pub calendar: Vec<String>,
    pub calendar_words: usize,
    /// Any calendar word, written or folded, in any letter case: a document without one has
    /// no calendar (the speed filter of [`super::DateRules::calendar`], made from `calendar`;
    /// a test checks it finds every word in every shape the check reads).
    pub calendar_any: Option<regex::Regex>,
    /// Folded words of a cited legal act ("ustawy"), and how many words may stand between
    /// one and the "z" before its date (`[citations]`).
    pub acts: HashSet<String>,
    pub act_within: usize,
    /// Folded phrases after a year-less day that make it recur every year ("31 marca
    /// każdego roku"): no year is given to it (`[recurring]`).
    pub recurring: Vec<String>,
    /// Dates before this year are history the release retells (`[history]`).
    pub history_before: i32,
    /// Pattern pieces made from the data (see `patterns.toml`).
    pub pieces: Vec<(&'static str, String)>,
    /// The weekdays' accusative forms ("sobotę"), written and folded, in lower case.
    pub weekday_acc: Vec<(String, u32)>,
}

/// The written form and its folded form, both in lower case (the folded one for
/// ASCII-only writing).
fn both(form: &str) -> [String; 2] {
    [form.to_lowercase(), fold(form)]
}

/// `s` in lower case wherever that keeps every character's length in bytes (all of
/// Polish does), so that offsets in it are offsets in `s`.
pub fn lower_same_len(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = s.to_ascii_lowercase();
    let two = two_byte_lower();
    let mut i = 0;
    // ASCII is lowered above; only the other characters are looked at one by one
    while let Some(skip) = bytes[i..].iter().position(|&b| b >= 0x80) {
        i += skip;
        // two-byte characters (Latin letters with diacritics) from the table
        if let (0xC2..=0xDF, Some(&b1)) = (bytes[i], bytes.get(i + 1)) {
            let cp = (usize::from(bytes[i] & 0x1F) << 6) | usize::from(b1 & 0x3F);
            if let Some(&Some(l)) = two.get(cp - 0x80) {
                let mut buf = [0; 4];
                out.replace_range(i..i + 2, l.encode_utf8(&mut buf));
            }
            i += 2;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let n = c.len_utf8();
        let mut l = c.to_lowercase();
        if let (Some(x), None) = (l.next(), l.next()) {
            if x != c && x.len_utf8() == n {
                let mut buf = [0; 4];
                out.replace_range(i..i + n, x.encode_utf8(&mut buf));
            }
        }
        i += n;
    }
    out
}

/// `pattern` (written in lower case) made to match the text whatever the case of its
/// letters other than ASCII, once the text's ASCII is in lower case: each such letter also
/// matches every character that `lower_same_len` turns into it ("ł" also "Ł").
pub fn any_case(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let (mut in_class, mut escaped) = (false, false);
    for c in pattern.chars() {
        let upper: Vec<char> = if c.is_ascii() || escaped {
            Vec::new()
        } else {
            uppers_of(c)
        };
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => in_class = true,
            ']' => in_class = false,
            _ => {}
        }
        if upper.is_empty() {
            out.push(c);
        } else {
            if !in_class {
                out.push('[');
            }
            out.push(c);
            out.extend(upper);
            if !in_class {
                out.push(']');
            }
        }
    }
    out
}

/// The characters other than `c` that `lower_same_len` turns into `c`.
fn uppers_of(c: char) -> Vec<char> {
    if c.len_utf8() == 2 {
        return two_byte_lower()
            .iter()
            .enumerate()
            .filter(|(_, l)| **l == Some(c))
            .filter_map(|(i, _)| char::from_u32(i as u32 + 0x80))
            .collect();
    }
    let (lo, hi) = match c.len_utf8() {
        3 => (0x800, 0x10000),
        _ => (0x10000, 0x110000),
    };
    (lo..hi)
        .filter_map(char::from_u32)
        .filter(|&u| {
            let mut l = u.to_lowercase();
            u != c && l.next() == Some(c) && l.next().is_none()
        })
        .collect()
}

/// The same-length lower case of every two-byte character (U+0080..U+07FF) that has one
/// other than itself, indexed by code point - 0x80.
fn two_byte_lower() -> &'static [Option<char>] {
    static TABLE: std::sync::OnceLock<Vec<Option<char>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80u32..0x800)
            .map(|cp| {
                let c = char::from_u32(cp)?;
                let mut l = c.to_lowercase();
                match (l.next(), l.next()) {
                    (Some(x), None) if x != c && x.len_utf8() == 2 => Some(x),
                    _ => None,
                }
            })
            .collect()
    })
}

impl Lexicon {
    pub fn load(files: &RuleFiles) -> Result<Lexicon, RuleError> {
        let mut words: HashMap<String, Word> = HashMap::new();
        let mut roman = HashMap::new();
        let mut month_names = HashSet::new();
        let (mut full, mut loc, mut abbr, mut romans) = (vec![], vec![], vec![], vec![]);
        let mut nom = vec![];

        let months = files.tsv(MONTHS)?;
        let (cm, cf, cc) = (
            months.column("month")?,
            months.column("form")?,
            months.column("case")?,
        );
        for row in &months.rows {
            let f = &row.fields;
            let m: u32 = f[cm]
                .parse()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| months.error(row, format!("month {:?} is not 1-12", f[cm])))?;
            let form = f[cf].as_str();
            match f[cc].as_str() {
                "roman" => {
                    roman.insert(form.to_string(), m);
                    romans.push(form.to_lowercase());
                    continue;
                }
                "abbr" => abbr.extend(both(form)),
                "nom" | "gen" | "dat" | "acc" | "inst" => {
                    if f[cc] == "nom" {
                        nom.extend(both(form));
                    }
                    full.extend(both(form));
                    month_names.insert(fold(form));
                }
                "loc" => {
                    month_names.insert(fold(form));
                    full.extend(both(form));
                    loc.extend(both(form));
                }
                other => {
                    return Err(months.error(row, format!("unknown case {other:?}")));
                }
            }
            words.insert(fold(form), Word::Month(m));
        }

        let weekdays = files.tsv(WEEKDAYS)?;
        let (cw, cf) = (weekdays.column("weekday")?, weekdays.column("form")?);
        let ck = weekdays.column("kind")?;
        let (mut wd, mut weekday_acc) = (vec![], vec![]);
        for row in &weekdays.rows {
            let f = &row.fields;
            let w: u32 =
                f[cw].parse().ok().filter(|w| *w < 7).ok_or_else(|| {
                    weekdays.error(row, format!("weekday {:?} is not 0-6", f[cw]))
                })?;
            let forms = both(&f[cf]);
            match f[ck].as_str() {
                "acc" => weekday_acc.extend(forms.iter().map(|form| (form.clone(), w))),
                "full" | "abbr" => {}
                other => {
                    let m = format!("kind {other:?} is not full, acc or abbr");
                    return Err(weekdays.error(row, m));
                }
            }
            wd.extend(forms);
            words.insert(fold(&f[cf]), Word::Weekday(w));
        }

        let ordinals = files.tsv(ORDINALS)?;
        let (cv, cf) = (ordinals.column("value")?, ordinals.column("form")?);
        let mut ord = vec![];
        for row in &ordinals.rows {
            let f = &row.fields;
            let v: u32 = f[cv]
                .parse()
                .ok()
                .filter(|v| (1..=31).contains(v))
                .ok_or_else(|| ordinals.error(row, format!("value {:?} is not 1-31", f[cv])))?;
            ord.extend(both(&f[cf]));
            words.insert(fold(&f[cf]), Word::Ordinal(v));
        }

        let periods = files.tsv(PERIODS)?;
        let (cf, cm, cy) = (
            periods.column("form")?,
            periods.column("months")?,
            periods.column("year")?,
        );
        let (mut pfree, mut pyear) = (vec![], vec![]);
        let mut period_needs_year = HashSet::new();
        for row in &periods.rows {
            let f = &row.fields;
            let m: u32 = f[cm]
                .parse()
                .ok()
                .filter(|m| matches!(m, 3 | 6))
                .ok_or_else(|| periods.error(row, format!("months {:?} is not 3 or 6", f[cm])))?;
            match f[cy].as_str() {
                "yes" => {
                    pyear.extend(both(&f[cf]));
                    period_needs_year.insert(fold(&f[cf]));
                }
                "no" => pfree.extend(both(&f[cf])),
                other => return Err(periods.error(row, format!("year {other:?} is not yes/no"))),
            }
            words.insert(fold(&f[cf]), Word::Period(m));
        }

        let w: WordsFile = files.toml(WORDS)?;
        let phrase = |list: &[Entry], what: &str| entries(files, list, Shape::Phrase, what);
        let word = |list: &[Entry], what: &str| entries(files, list, Shape::Word, what);
        let (from, start) = (
            phrase(&w.ranges.from, "from")?,
            phrase(&w.ranges.start, "start")?,
        );
        let (to, deadline) = (
            phrase(&w.ranges.to, "to")?,
            phrase(&w.ranges.deadline, "deadline")?,
        );
        if from.is_empty() != to.is_empty() {
            return Err(RuleError::new(
                files.path(WORDS),
                None,
                "[ranges]: `from` and `to` go together: a range needs words for both ends",
            ));
        }
        let (trim, skip) = (
            word(&w.lead.trim, "lead.trim")?,
            word(&w.lead.skip, "lead.skip")?,
        );
        let forms = word(&w.ordinal_suffixes.forms, "ordinal_suffixes")?;
        let reject_before = word(&w.reject.before, "reject.before")?;
        let mut reject_values = HashSet::new();
        for v in &w.reject.values {
            if crate::civil::Ymd::parse(v.get_ref()).is_none() {
                let line = crate::rules::line_of(files.text(WORDS)?, v.span().start);
                return Err(RuleError::new(
                    files.path(WORDS),
                    Some(line),
                    format!("[reject] values: {:?} is no day (YYYY-MM-DD)", v.get_ref()),
                ));
            }
            reject_values.insert(v.get_ref().clone());
        }
        let and = word(&w.lists.and, "lists.and")?;
        let turn = phrase(&w.lists.turn, "lists.turn")?;
        let heads = word(&w.names.heads, "names.heads")?;
        let acts = word(&w.citations.acts, "citations.acts")?;
        let recurring = phrase(&w.recurring.after, "recurring.after")?;
        let history_before = *w.history.before.get_ref();
        if !(1000..=2100).contains(&history_before) {
            let line = crate::rules::line_of(files.text(WORDS)?, w.history.before.span().start);
            return Err(RuleError::new(
                files.path(WORDS),
                Some(line),
                format!("[history] before: {history_before} is no year (1000 to 2100)"),
            ));
        }
        for y in &w.year_words {
            words.insert(fold(y), Word::YearMark);
        }
        for x in &from {
            words.insert(fold(x), Word::From(false));
        }
        for x in &start {
            words.insert(fold(x), Word::From(true));
        }
        for x in &to {
            words.insert(fold(x), Word::To(false));
        }
        for x in &deadline {
            words.insert(fold(x), Word::To(true));
        }
        for x in &and {
            words.insert(fold(x), Word::And);
        }
        for x in &turn {
            words.insert(fold(x), Word::Turn);
        }
        for x in trim.iter().chain(&skip) {
            words.entry(fold(x)).or_insert(Word::Skip);
        }
        let relative: HashMap<String, Relative> = (w.relative_years.iter())
            .map(|(k, v)| (fold(k), Relative::Year(*v)))
            .chain((w.relative_months.iter()).map(|(k, v)| (fold(k), Relative::Month(*v))))
            .collect();
        // "br", "b r", "bm" and "b m" are written with dots; the patterns spell those out.
        let phrases = |table: &BTreeMap<String, i32>| -> Vec<String> {
            (table.keys())
                .filter(|k| k.contains(' ') && k.len() > 3)
                .flat_map(|k| both(k))
                .collect()
        };
        let rel_phrases = phrases(&w.relative_years);
        let rel_month_phrases = phrases(&w.relative_months);
        let suffixes: HashSet<String> = forms.iter().map(|s| fold(s)).collect();
        let lead_words: Vec<String> = trim.iter().chain(&skip).flat_map(|s| both(s)).collect();
        let both_all = |v: &[String]| v.iter().flat_map(|s| both(s)).collect::<Vec<_>>();

        let alt = |v: &[String]| alternation(v.iter().map(String::as_str));
        let pieces = vec![
            ("MonthFull", alt(&full)),
            ("MonthLoc", alt(&loc)),
            ("MonthNom", alt(&nom)),
            ("MonthAbbr", alt(&abbr)),
            ("MonthRoman", alt(&romans)),
            ("Weekday", alt(&wd)),
            ("OrdinalWord", alt(&ord)),
            ("OrdSuffix", alt(&forms)),
            (
                "YearWord",
                alternation(w.year_words.iter().map(String::as_str)),
            ),
            ("RelYear", alt(&rel_phrases)),
            ("RelMonth", alt(&rel_month_phrases)),
            ("PeriodFree", alt(&pfree)),
            ("PeriodYear", alt(&pyear)),
            ("From", alt(&both_all(&from))),
            ("To", alt(&both_all(&to))),
            ("Start", alt(&both_all(&start))),
            ("Deadline", alt(&both_all(&deadline))),
            ("And", alt(&both_all(&and))),
            ("Turn", alt(&both_all(&turn))),
            ("Lead", alt(&lead_words)),
        ];
        Ok(Lexicon {
            words,
            month_names,
            roman,
            suffixes,
            relative,
            trim: trim.iter().map(|s| fold(s)).collect(),
            name_heads: heads.iter().map(|s| fold(s)).collect(),
            patrons: word(&w.names.patrons, "names.patrons")?
                .iter()
                .map(|s| fold(s))
                .collect(),
            patron_words: w.names.patron_words,
            period_needs_year,
            publication: w.publication.keywords.iter().map(|s| fold(s)).collect(),
            standalone_within: w.publication.standalone_within,
            reject_before: reject_before.iter().map(|s| fold(s)).collect(),
            reject_values,
            calendar_any: super::around::calendar_any(&word(
                &w.reject.calendar,
                "reject.calendar",
            )?),
            calendar: word(&w.reject.calendar, "reject.calendar")?
                .iter()
                .map(|s| fold(s))
                .collect(),
            calendar_words: w.reject.calendar_words,
            acts: acts.iter().map(|s| fold(s)).collect(),
            act_within: w.citations.within,
            recurring: recurring.iter().map(|p| fold(p)).collect(),
            history_before,
            pieces,
            weekday_acc,
        })
    }

    /// The meaning of a folded word.
    pub fn word(&self, folded: &str) -> Option<Word> {
        self.words.get(folded).copied()
    }
}

#[cfg(test)]
mod lower_tests;
