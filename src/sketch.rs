//! Sketch: what the event stage needs of a release's text, computed in the parallel
//! per-document stage so that the text itself can be dropped: a one-permutation MinHash of
//! its word shingles (each bin remembering the paragraph its minimum came from), the
//! hashes of its paragraphs, and the cues beside its day dates ("We wtorek, 4 czerwca",
//! "Opublikowano: 16.03.2023") that tell the happening's date from a publication date.

use crate::error::RuleError;
use crate::record::DocumentRecord;
use crate::rules::{alternation, fold, line_of, RuleFiles};
use regex::Regex;
use serde::Deserialize;

mod words;
pub use words::{hash_str, mix};
use words::{paragraph_words, Paragraph};

const FILE: &str = "events/events.toml";

/// An empty bin of the sketch.
pub const EMPTY: u32 = u32::MAX;
/// A bin left out of comparisons (its minimum lies in boilerplate).
pub const MASKED: u32 = u32::MAX - 1;

#[derive(Debug, Clone, Deserialize)]
pub struct SketchSettings {
    pub shingle: usize,
    pub bins: usize,
    pub rows: usize,
    pub min_paragraph_words: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Frequency {
    pub max_paragraph_df: u32,
    pub max_bucket: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Decide {
    pub near_duplicate: f64,
    pub override_dates: f64,
    pub min_bins: usize,
    pub threshold: f64,
    pub same_date: f64,
    pub text: f64,
    pub official: f64,
    pub official_cap: usize,
    pub sum: f64,
    pub sum_cap: usize,
    pub gmina: f64,
    pub gmina_cap: usize,
    pub institution: f64,
    pub institution_cap: usize,
}

#[derive(Debug, Clone, Deserialize)]
struct CueWords {
    weekday: Vec<String>,
    day: Vec<String>,
    publication: Vec<String>,
    deadline: Vec<String>,
    months: Vec<String>,
    roman: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CueWeights {
    pub weekday: f64,
    pub day: f64,
    pub line_start: f64,
    pub plain: f64,
    pub standalone: f64,
    pub publication: f64,
    pub deadline: f64,
    pub mention: f64,
}

#[derive(Debug, Clone, Deserialize)]
struct File {
    sketch: SketchSettings,
    frequency: Frequency,
    decide: Decide,
    cues: CueWords,
    cue_weights: CueWeights,
}

/// The event stage's settings and the compiled cue pattern.
#[derive(Debug)]
pub struct EventRules {
    pub sketch: SketchSettings,
    pub frequency: Frequency,
    pub decide: Decide,
    pub weights: CueWeights,
    cue: Regex,
    months: Vec<String>,
    roman: Vec<String>,
    /// The first bytes of `months` and `roman`.
    month_first: [bool; 256],
}

impl EventRules {
    pub fn load(files: &RuleFiles) -> Result<EventRules, RuleError> {
        let f: File = files.toml(FILE)?;
        let text = files.text(FILE)?;
        let bad = |section: &str, msg: &str| {
            let line = text.find(section).map(|at| line_of(text, at));
            RuleError::new(files.path(FILE), line, msg)
        };
        let s = &f.sketch;
        if s.rows == 0 || s.bins == 0 || !s.bins.is_multiple_of(s.rows) || s.bins > 1024 {
            return Err(bad(
                "[sketch]",
                "bins must be a multiple of rows, at most 1024",
            ));
        }
        if s.shingle == 0 {
            return Err(bad("[sketch]", "shingle must be at least 1"));
        }
        if f.cues.months.len() != 12 || f.cues.roman.len() != 12 {
            return Err(bad("[cues]", "months and roman need 12 entries each"));
        }
        let alt = |w: &[String]| {
            let folded: Vec<String> = w.iter().map(|x| fold(x)).collect();
            alternation(folded.iter().map(String::as_str))
        };
        let months: Vec<String> = f.cues.months.iter().map(|m| fold(m)).collect();
        let roman: Vec<String> = f.cues.roman.iter().map(|m| fold(m)).collect();
        let pattern = format!(
            r"(?:(?-u:\b)(?:(?P<wd>{wd})|(?P<dn>{dn})|(?P<pb>{pb})|(?P<dl>{dl}))[\s:,.]*)?(?-u:\b)(?:(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})|(?P<d2>\d{{1,2}})\.(?P<m2>\d{{1,2}})\.\d{{4}}|(?P<d1>\d{{1,2}})\s*\.?\s*(?:(?P<mn>{mn})(?-u:\b)|(?P<mr>{mr})\s+\d{{4}}))",
            wd = alt(&f.cues.weekday),
            dn = alt(&f.cues.day),
            pb = alt(&f.cues.publication),
            dl = alt(&f.cues.deadline),
            mn = alternation(months.iter().map(String::as_str)),
            mr = alternation(roman.iter().map(String::as_str)),
        );
        let cue = Regex::new(&pattern).map_err(|e| bad("[cues]", &format!("cue pattern: {e}")))?;
        let mut month_first = [false; 256];
        for m in months.iter().chain(&roman) {
            if let Some(&b) = m.as_bytes().first() {
                month_first[usize::from(b)] = true;
            }
        }
        Ok(EventRules {
            sketch: f.sketch,
            frequency: f.frequency,
            decide: f.decide,
            weights: f.cue_weights,
            cue,
            months,
            roman,
            month_first,
        })
    }
}

/// What stands beside a day date in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, Deserialize)]
pub enum CueKind {
    Weekday,
    Day,
    LineStart,
    Plain,
    Standalone,
    Publication,
    Deadline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Cue {
    pub month: u8,
    pub day: u8,
    pub kind: CueKind,
}

/// The per-release features of the event stage (kept by the archive store).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, Deserialize)]
pub struct Sketch {
    /// One-permutation MinHash: the least shingle hash of each bin, or [`EMPTY`].
    pub bins: Vec<u32>,
    /// The paragraph (index into `paragraphs`) each bin's minimum came from.
    pub bin_paragraph: Vec<u16>,
    /// Hash of each paragraph (0 for paragraphs too short to count).
    pub paragraphs: Vec<u64>,
    /// Day dates with their cues, in text order.
    pub cues: Vec<Cue>,
}

/// Adds the shingles of `k` words of a paragraph (index `pi`) to `bins` (see [`sketch`]),
/// and returns the paragraph's hash (before its low bit is set). `K`, when not 0, is `k`
/// known at compile time.
#[inline(always)]
fn shingles<const K: usize>(
    words: &[u64],
    k: usize,
    n_bins: usize,
    bins: &mut [u64],
    pi: u64,
) -> u64 {
    let k = if K > 0 { K } else { k };
    // a power of two of bins takes its bin by a mask
    let mask = n_bins.is_power_of_two().then(|| n_bins as u64 - 1);
    // The paragraph's hash is one long chain of `mix`es: it is taken along in the loop over
    // the shingles (each its own short chain), so that the CPU overlaps them.
    let mut ph: u64 = 0;
    for win in words.windows(k) {
        ph = mix(ph.rotate_left(5) ^ win[0]);
        let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
        for &w in win {
            h = mix(h.rotate_left(7) ^ w);
        }
        let bin = match mask {
            Some(m) => ((h >> 32) & m) as usize,
            None => ((h >> 32) % n_bins as u64) as usize,
        };
        let v = u64::from((h as u32).min(MASKED - 1));
        if let Some(b) = bins.get_mut(bin) {
            *b = (*b).min(v << 16 | pi);
        }
    }
    let shingled = (words.len() + 1).saturating_sub(k);
    for &w in &words[shingled..] {
        ph = mix(ph.rotate_left(5) ^ w);
    }
    ph
}

/// Builds the sketch of a release's content text (normalised, boilerplate removed).
pub fn sketch(rules: &EventRules, content: &str) -> Sketch {
    let s = &rules.sketch;
    let mut out = Sketch {
        paragraphs: Vec::new(),
        cues: Vec::new(),
        ..Sketch::default()
    };
    // Each bin as (value << 16 | paragraph): the least is the least value, and of equal
    // values the first paragraph's, as a strict `<` on the value alone would keep.
    let mut bins: Vec<u64> = vec![u64::from(EMPTY) << 16; s.bins];
    let mut words: Vec<u64> = Vec::new();
    let mut folded = String::new();
    let mut found = Paragraph {
        end: 0,
        cue_lines: Vec::new(),
    };
    let mut start = 0;
    // the paragraphs of `content.split("\n\n")`
    loop {
        if out.paragraphs.len() >= u16::MAX as usize {
            break;
        }
        let pi = out.paragraphs.len() as u64;
        paragraph_words(rules, content, start, &mut words, &mut found);
        let end = found.end;
        // the shingle of the settings (5) with the window's length known to the compiler
        let ph = match s.shingle {
            5 => shingles::<5>(&words, s.shingle, s.bins, &mut bins, pi),
            _ => shingles::<0>(&words, s.shingle, s.bins, &mut bins, pi),
        };
        out.paragraphs
            .push(if words.len() >= s.min_paragraph_words {
                ph | 1
            } else {
                0
            });
        for line in &found.cue_lines {
            folded.clear();
            crate::rules::fold_into(content.get(line.clone()).unwrap_or(""), &mut folded);
            line_cues(rules, &folded, &mut out.cues);
        }
        if end >= content.len() {
            break;
        }
        start = end + 2;
    }
    out.bins = bins.iter().map(|&b| (b >> 16) as u32).collect();
    out.bin_paragraph = bins.iter().map(|&b| b as u16).collect();
    out
}

/// Finds day dates and their cues in one folded line (with its '\n', if any).
#[inline(never)]
fn line_cues(rules: &EventRules, line: &str, out: &mut Vec<Cue>) {
    let lead = line.len()
        - line
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    for c in rules.cue.captures_iter(line) {
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u8>().ok());
        let (day, month) = if let Some(d) = num("d3") {
            (Some(d), num("m3"))
        } else if let Some(d) = num("d2") {
            (Some(d), num("m2"))
        } else {
            let m = c
                .name("mn")
                .and_then(|m| rules.months.iter().position(|x| x == m.as_str()))
                .or_else(|| {
                    c.name("mr")
                        .and_then(|m| rules.roman.iter().position(|x| x == m.as_str()))
                })
                .map(|i| i as u8 + 1);
            (num("d1"), m)
        };
        let (Some(day), Some(month)) = (day, month) else {
            continue;
        };
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            continue;
        }
        let Some(whole) = c.get(0) else { continue };
        let kind = if c.name("wd").is_some() {
            CueKind::Weekday
        } else if c.name("dn").is_some() {
            CueKind::Day
        } else if c.name("pb").is_some() {
            CueKind::Publication
        } else if c.name("dl").is_some() {
            CueKind::Deadline
        } else if whole.start() == lead {
            let rest = line.get(whole.end()..).unwrap_or("");
            let words = rest
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| w.chars().count() > 1)
                .count();
            if words >= 3 {
                CueKind::LineStart
            } else {
                CueKind::Standalone
            }
        } else {
            CueKind::Plain
        };
        out.push(Cue { month, day, kind });
    }
}

/// A day date: year (when known), month, day.
pub type DayKey = (Option<i32>, u8, u8);

/// Parses a point day date "2019-06-04" or a year-less one "--06-04".
pub fn day_key(value: &str) -> Option<DayKey> {
    if value.contains('/') {
        return None;
    }
    let (year, md) = match value.strip_prefix("--") {
        Some(md) => (None, md),
        None => {
            let (y, md) = value.split_at_checked(4)?;
            (Some(y.parse::<i32>().ok()?), md.strip_prefix('-')?)
        }
    };
    let (m, d) = md.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some((year, month, day))
}

/// Two day dates that may be the same day (a missing year fits any).
pub fn compatible(a: DayKey, b: DayKey) -> bool {
    a.1 == b.1 && a.2 == b.2 && (a.0.is_none() || b.0.is_none() || a.0 == b.0)
}

/// The release's own best guess of the happening's date, with its score: day dates that
/// are points (not intervals, deadlines or the publication date), scored by their cues
/// and mentions; the earliest wins a tie.
pub fn happening(rules: &EventRules, doc: &DocumentRecord) -> Option<(DayKey, f64)> {
    let w = &rules.weights;
    let published = doc.published.as_deref().and_then(day_key);
    let cues = doc
        .sketch
        .as_ref()
        .map(|s| s.cues.as_slice())
        .unwrap_or(&[]);
    let mut cands: Vec<(DayKey, f64)> = Vec::new();
    for d in &doc.dates {
        if matches!(
            d.item.kind.as_deref(),
            Some("interval" | "deadline" | "start")
        ) {
            continue;
        }
        let Some(k) = day_key(&d.item.value) else {
            continue;
        };
        if let Some(c) = cands.iter_mut().find(|c| c.0 == k) {
            c.1 += w.mention;
            continue;
        }
        // The strongest cue wins; a publication or deadline cue only when no cue marks
        // the date as the happening's (a release may be published on the day itself).
        let (mut best, mut veto): (Option<f64>, Option<f64>) = (None, None);
        for c in cues.iter().filter(|c| c.month == k.1 && c.day == k.2) {
            match c.kind {
                CueKind::Publication => veto = Some(veto.unwrap_or(0.0).min(w.publication)),
                CueKind::Deadline => veto = Some(veto.unwrap_or(0.0).min(w.deadline)),
                kind => {
                    let s = match kind {
                        CueKind::Weekday => w.weekday,
                        CueKind::Day => w.day,
                        CueKind::LineStart => w.line_start,
                        CueKind::Standalone => w.standalone,
                        _ => w.plain,
                    };
                    best = Some(best.map_or(s, |b: f64| b.max(s)));
                }
            }
        }
        if published.is_some_and(|p| compatible(p, k)) {
            veto = Some(veto.unwrap_or(0.0).min(w.publication));
        }
        let score = match (best, veto) {
            (Some(b), _) if b > w.plain => b,
            (_, Some(v)) => v,
            (b, None) => b.unwrap_or(w.plain),
        };
        cands.push((k, score));
    }
    cands.into_iter().filter(|c| c.1 >= 0.0).max_by(|a, b| {
        a.1.total_cmp(&b.1)
            .then_with(|| (b.0 .0, b.0 .1, b.0 .2).cmp(&(a.0 .0, a.0 .1, a.0 .2)))
    })
}

#[cfg(test)]
mod tests {
    use super::words::{fnv_prefix, polish_at, polish_plain, FNV_PRIME, FNV_START};
    use super::*;
    use crate::swar::{in_range, leading};

    fn rules() -> EventRules {
        EventRules::load(&RuleFiles::embedded()).expect("event rules load")
    }

    #[test]
    fn finds_cues_beside_day_dates() {
        let r = rules();
        let s = sketch(
            &r,
            "Opublikowano: 2023-11-27\n\nDnia 24 XI 2023 r. dokonano odbioru drogi.\n\n\
             We wtorek, 7 maja 2024 r., radni zebrali się. Realizacja potrwa do 31.03.2021 r.\n\n\
             17.06.2024\n\n15 czerwca br. w Czarnorzekach odbyło się spotkanie strażaków.",
        );
        let kinds: Vec<(u8, u8, CueKind)> =
            s.cues.iter().map(|c| (c.month, c.day, c.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (11, 27, CueKind::Publication),
                (11, 24, CueKind::Day),
                (5, 7, CueKind::Weekday),
                (3, 31, CueKind::Deadline),
                (6, 17, CueKind::Standalone),
                (6, 15, CueKind::LineStart),
            ]
        );
    }

    #[test]
    fn near_duplicates_share_bins_and_paragraphs() {
        let r = rules();
        let a = "Marszałek podpisał umowy z gminami na budowę dróg lokalnych w regionie.\n\n\
                 Całkowita wartość projektu wynosi kilka milionów złotych i obejmuje sześć gmin powiatu.";
        let b =
            format!("{a}\n\nDodatkowy akapit o czymś zupełnie innym niż poprzednie zdania tutaj.");
        let (sa, sb) = (sketch(&r, a), sketch(&r, &b));
        assert_eq!(sa.paragraphs[..2], sb.paragraphs[..2]);
        assert_ne!(sa.paragraphs[0], 0);
        let same = sa
            .bins
            .iter()
            .zip(&sb.bins)
            .filter(|(x, y)| x == y && **x != EMPTY)
            .count();
        let filled = sa.bins.iter().filter(|x| **x != EMPTY).count();
        assert!(filled >= 10, "filled {filled}");
        assert!(same * 2 >= filled, "same {same} of {filled}");
    }

    #[test]
    fn polish_letters_by_their_bytes() {
        let mut buf = [0u8; 4];
        for c in (0x80..0x800u32).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(polish_at(bytes), polish_plain(c).unwrap_or(0), "{c}");
        }
        assert_eq!(polish_at("ż".as_bytes()), b'z');
        assert_eq!(polish_at("Ó".as_bytes()), b'o');
        assert_eq!(polish_at(&[0xC5]), 0);
        assert_eq!(polish_at(b"z"), 0);
    }

    #[test]
    fn word_hashes_are_hashes_of_words() {
        let text =
            "Ala, MA 2 Kwietnia 3 Koty;;\nŹDŹBŁO 4 osoby İstanbul ẞ ǅ ﬁx\n\nx1.2.2020y  Ωmega.";
        let mut got = vec![7];
        let mut found = Paragraph {
            end: 0,
            cue_lines: vec![0..1, 2..3],
        };
        let r = rules();
        paragraph_words(&r, text, 0, &mut got, &mut found);
        let end = found.end;
        assert_eq!(end, text.find("\n\n").unwrap_or(0));
        // the first line (with its '\n') may have a date, the second not
        let first = text.find('\n').map_or(0, |n| n + 1);
        assert_eq!(
            (found.cue_lines.len(), &found.cue_lines[0]),
            (1, &(0..first))
        );
        let mut rest = vec![7];
        paragraph_words(&r, text, end + 2, &mut rest, &mut found);
        assert_eq!(found.end, text.len());
        assert_eq!(
            (found.cue_lines.len(), &found.cue_lines[0]),
            (1, &(end + 2..text.len()))
        );
        got.extend(rest);
        let want: Vec<u64> = fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(hash_str)
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn letter_masks() {
        for b in 0..=255u8 {
            let x = u64::from(b) << 24 | 0x4141;
            let got = in_range(x, b'a', b'z') >> 24 & 0x80 != 0;
            assert_eq!(got, b.is_ascii_lowercase(), "{b}");
            let got = in_range(x, b'A', b'Z') >> 24 & 0x80 != 0;
            assert_eq!(got, b.is_ascii_uppercase(), "{b}");
        }
        let x = u64::from_le_bytes(*b"abcD efg");
        assert_eq!(leading(in_range(x, b'a', b'z')), 3);
        assert_eq!(
            leading(in_range(u64::from_le_bytes(*b"abcdefgh"), b'a', b'z')),
            8
        );
        let mut h = FNV_START;
        for b in b"abc" {
            h = (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME);
        }
        assert_eq!(fnv_prefix(FNV_START, x, 3), h);
    }

    /// The sketch as first written: fold each paragraph, split it into words, hash them.
    fn reference(rules: &EventRules, content: &str) -> Sketch {
        let s = &rules.sketch;
        let mut out = Sketch {
            bins: vec![EMPTY; s.bins],
            bin_paragraph: vec![0; s.bins],
            ..Sketch::default()
        };
        for (pi, para) in content.split("\n\n").enumerate() {
            let folded = fold(para);
            let words: Vec<u64> = folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(hash_str)
                .collect();
            let mut ph: u64 = 0;
            if words.len() >= s.min_paragraph_words {
                for &w in &words {
                    ph = mix(ph.rotate_left(5) ^ w);
                }
                ph |= 1;
            }
            out.paragraphs.push(ph);
            for win in words.windows(s.shingle) {
                let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
                for &w in win {
                    h = mix(h.rotate_left(7) ^ w);
                }
                let bin = ((h >> 32) % s.bins as u64) as usize;
                let v = (h as u32).min(MASKED - 1);
                if v < out.bins[bin] {
                    out.bins[bin] = v;
                    out.bin_paragraph[bin] = pi as u16;
                }
            }
            // every cue has a day in ASCII digits
            for line in folded
                .split_inclusive('\n')
                .filter(|l| l.bytes().any(|b| b.is_ascii_digit()))
            {
                line_cues(rules, line, &mut out.cues);
            }
        }
        out
    }

    #[test]
    fn sketch_is_the_reference_sketch() {
        let r = rules();
        let long = "Wójt Gminy ŁĘCZNA podpisał umowę na budowę drogi w Ząbkach za 1 200 000 zł.\n\n\
                    We wtorek, 7 maja 2024 r., radni zebrali się İstanbul ẞ ǅ ﬁ Ωmega.\n\
                    17.06.2024\n\n\nDnia 24 XI 2023 r. dokonano odbioru drogi w gminie Żółkiewka.\n\n";
        for text in [
            "",
            "\n\n",
            "\n\n\n",
            "jedno słowo",
            "a\n\n\n\nb c d e f g h i j k l m n o p",
            long,
            // lines where the day-date gate must open, and some where it may stay shut
            "Kwota 1 200 000 zł, 5 mln, 3 km, 10 proc. w 2023 r.\n7 MAJA\n3 . Maja 2020\n\
             W dniu 15\tczerwca\n1\u{b} lipca\nDnia 1 xii 2020\n2 i 3\n12 \u{130}\n\
             Opublikowano: 2023-11-27\n5.6.2024\n9 \u{a0}maja\n8 Śr\n4 stycznia",
            "do 31.03.2021 r.\n\ndata 2021-3-1, 2021-03-01, 7-8 maja, 1.2, 3-4, 7 IV 2020",
            // words of eight letters and more, at the end of a line, a paragraph, the text
            "ABCDEFGH abcdefghijklmnop Współpracownikami MIESZKAŃCÓW\nabcdefgh\n\nQRSTUVWX",
            "zażółćgęśląjaźń12345678abcdefgh ABCDEFGHIJKLMNOPQRSTUVW@[`{ abcdefgh",
        ] {
            assert_eq!(sketch(&r, text), reference(&r, text), "{text:?}");
        }
        let s = sketch(&r, long);
        assert!(s.bins.iter().any(|&b| b != EMPTY));
        assert!(!s.cues.is_empty());
    }

    #[test]
    fn shingles_known_and_unknown_length_agree() {
        let words: Vec<u64> = (0..40u64).map(|n| mix(n * 7 + 1)).collect();
        for n in [0, 1, 4, 5, 6, 40] {
            let (mut a, mut b) = (vec![u64::MAX; 64], vec![u64::MAX; 64]);
            let pa = shingles::<5>(&words[..n], 5, 64, &mut a, 3);
            let pb = shingles::<0>(&words[..n], 5, 64, &mut b, 3);
            assert_eq!((pa, &a), (pb, &b), "{n}");
            // bins not a power of two take theirs by the remainder
            let (mut a, mut b) = (vec![u64::MAX; 48], vec![u64::MAX; 48]);
            shingles::<5>(&words[..n], 5, 48, &mut a, 3);
            shingles::<0>(&words[..n], 5, 48, &mut b, 3);
            assert_eq!(a, b, "{n}");
            assert_eq!(n >= 5, a.iter().any(|&x| x != u64::MAX), "{n}");
        }
    }

    #[test]
    fn day_keys() {
        assert_eq!(day_key("2019-06-04"), Some((Some(2019), 6, 4)));
        assert_eq!(day_key("--06-04"), Some((None, 6, 4)));
        assert_eq!(day_key("2014/2020"), None);
        assert_eq!(day_key("2019-06"), None);
        assert_eq!(day_key("--07-01/--07-15"), None);
        assert_eq!(day_key("2019-13-04"), None);
        assert!(compatible((None, 6, 4), (Some(2019), 6, 4)));
        assert!(!compatible((Some(2018), 6, 4), (Some(2019), 6, 4)));
    }
}
