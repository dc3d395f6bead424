//! Sketch: what the event stage needs of a release's text, computed in the parallel
//! per-document stage so that the text itself can be dropped: a one-permutation MinHash of
//! its word shingles (each bin remembering the paragraph its minimum came from), the
//! hashes and source ends of its paragraphs (for boilerplate and site chrome), and where
//! each date the date extractor found stands on its line (`cues`). The features are a
//! plain type: they know nothing of the document record.

use crate::error::RuleError;
use crate::rules::{line_of, RuleFiles};
use serde::Deserialize;

mod cues;
mod day;
mod settings;
mod weekday;
mod words;
pub use cues::{date_cues, Cue, CueKind, DateFind, PublicationLine};
pub use day::{compatible, day_key, day_number, day_string, DayKey};
pub use settings::{CueWeights, Dates, Decide, Frequency, SketchSettings};
pub use weekday::{DayCue, Reads, WeekdayRules};
pub use words::{hash_str, mix};
use words::{paragraph_words, Paragraph};

const FILE: &str = "events/events.toml";

/// An empty bin of the sketch.
pub const EMPTY: u32 = u32::MAX;
/// A bin left out of comparisons (its minimum lies in boilerplate).
pub const MASKED: u32 = u32::MAX - 1;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    sketch: SketchSettings,
    frequency: Frequency,
    decide: Decide,
    dates: Dates,
    cue_weights: CueWeights,
    weekday: weekday::WeekdaySettings,
}

/// The event stage's settings and weights.
#[derive(Debug, Clone)]
pub struct EventRules {
    /// How texts are sketched.
    pub sketch: SketchSettings,
    /// What is too common to pair releases on.
    pub frequency: Frequency,
    /// When two releases are one happening.
    pub decide: Decide,
    /// How dates are read as the happening's day.
    pub dates: Dates,
    /// Scores of a date by where it stands (`[cue_weights]`).
    pub weights: CueWeights,
    /// What a weekday with no date says of the happening's day (`[weekday]`).
    pub weekday: WeekdayRules,
}

impl EventRules {
    /// Reads and checks `events/events.toml`; an error names the file and, where it can,
    /// the line of the offending setting.
    pub fn load(files: &RuleFiles) -> Result<EventRules, RuleError> {
        let f: File = files.toml(FILE)?;
        let text = files.text(FILE)?;
        // the line where `key` ("copy =", "[dates]") starts
        let bad = |key: &str, msg: &str| {
            let line = text
                .find(&format!("\n{key}"))
                .map(|at| line_of(text, at + 1));
            RuleError::new(files.path(FILE), line, msg)
        };
        let s = &f.sketch;
        if s.rows == 0 || s.bins == 0 || !s.bins.is_multiple_of(s.rows) || s.bins > 1024 {
            return Err(bad(
                "bins =",
                "bins must be a multiple of rows, at most 1024",
            ));
        }
        if s.copy_rows == 0 || !s.bins.is_multiple_of(s.copy_rows) {
            return Err(bad("copy_rows =", "bins must be a multiple of copy_rows"));
        }
        if s.shingle == 0 {
            return Err(bad("shingle =", "shingle must be at least 1"));
        }
        if f.frequency.max_bucket < 2 || f.frequency.star == 0 {
            return Err(bad(
                "max_bucket =",
                "max_bucket must be at least 2 and star at least 1",
            ));
        }
        let d = &f.dates;
        if d.publication_lag < 0 || d.background_days < 0 || d.year_window < 0 {
            return Err(bad(
                "[dates]",
                "publication_lag, background_days and year_window cannot be negative",
            ));
        }
        let c = &f.decide;
        if !(0.0..=1.0).contains(&c.copy) || c.copy < c.override_dates {
            return Err(bad(
                "copy =",
                "copy must be a similarity (0 to 1) no lower than override_dates",
            ));
        }
        let weekday = WeekdayRules::new(f.weekday).map_err(|(key, m)| bad(key, &m))?;
        Ok(EventRules {
            sketch: f.sketch,
            frequency: f.frequency,
            decide: f.decide,
            dates: f.dates,
            weights: f.cue_weights,
            weekday,
        })
    }
}

/// The per-release features of the event stage (kept by the archive store).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Sketch {
    /// One-permutation MinHash: the least shingle hash of each bin, or [`EMPTY`].
    pub bins: Vec<u32>,
    /// The paragraph (index into `paragraphs`) each bin's minimum came from.
    pub bin_paragraph: Vec<u16>,
    /// Hash of each paragraph; the low bit is set for paragraphs long enough to count as
    /// boilerplate when many releases hold them (`min_paragraph_words`).
    pub paragraphs: Vec<u64>,
    /// Where each paragraph ends: in the text given to [`sketch`], then (set by the
    /// caller) in the source, so that a fact can be placed in its paragraph.
    pub paragraph_ends: Vec<usize>,
    /// Where each date of the release stands ([`date_cues`]), by its source offset.
    pub cues: Vec<Cue>,
    /// The release's own date line when it has one ([`date_cues`]).
    pub publication: Option<PublicationLine>,
    /// A weekday the text names with no date and what its words make of it, or a day it
    /// counts ("wczoraj") ([`WeekdayRules::cue`]): the happening's day when only the
    /// publication line dates the release.
    pub day_cue: Option<DayCue>,
}

impl Sketch {
    /// Drops the spare capacity of its lists (a sketch kept for the event stage).
    pub fn shrink_to_fit(&mut self) {
        self.bins.shrink_to_fit();
        self.bin_paragraph.shrink_to_fit();
        self.paragraphs.shrink_to_fit();
        self.paragraph_ends.shrink_to_fit();
        self.cues.shrink_to_fit();
    }

    /// Keeps only what the happening's day is read from once the releases are grouped
    /// (the cues and the publication line); the text's features are freed.
    pub fn keep_cues(&mut self) {
        self.bins = Vec::new();
        self.bin_paragraph = Vec::new();
        self.paragraphs = Vec::new();
        self.paragraph_ends = Vec::new();
    }

    /// The paragraph that holds source byte `at`.
    pub fn paragraph_at(&self, at: usize) -> usize {
        self.paragraph_ends.partition_point(|&e| e <= at)
    }

    /// The cue of the date that starts at source byte `start`.
    pub fn cue_at(&self, start: usize) -> Option<CueKind> {
        self.cues
            .binary_search_by_key(&start, |c| c.start)
            .ok()
            .map(|i| self.cues[i].kind)
    }
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

/// Builds the sketch of a release's content text (normalised, boilerplate removed): the
/// bins and the paragraphs; `cues` and `publication` are the caller's ([`date_cues`]).
pub fn sketch(rules: &EventRules, content: &str) -> Sketch {
    let s = &rules.sketch;
    let mut out = Sketch::default();
    // Each bin as (value << 16 | paragraph): the least is the least value, and of equal
    // values the first paragraph's, as a strict `<` on the value alone would keep.
    let mut bins: Vec<u64> = vec![u64::from(EMPTY) << 16; s.bins];
    let mut words: Vec<u64> = Vec::new();
    let mut found = Paragraph { end: 0 };
    let mut start = 0;
    // the paragraphs of `content.split("\n\n")`
    loop {
        if out.paragraphs.len() >= u16::MAX as usize {
            break;
        }
        let pi = out.paragraphs.len() as u64;
        paragraph_words(content, start, &mut words, &mut found);
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
                ph & !1
            });
        out.paragraph_ends.push(end);
        if end >= content.len() {
            break;
        }
        start = end + 2;
    }
    out.bins = bins.iter().map(|&b| (b >> 16) as u32).collect();
    out.bin_paragraph = bins.iter().map(|&b| b as u16).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::words::{fnv_prefix, polish_at, polish_plain, FNV_PRIME, FNV_START};
    use super::*;
    use crate::rules::fold;
    use crate::swar::{in_range, leading};

    fn rules() -> EventRules {
        EventRules::load(&RuleFiles::embedded()).expect("event rules load")
    }

    #[test]
    fn an_unusable_setting_is_a_load_error_with_its_line() {
        let files = RuleFiles::embedded();
        let text = files.text(FILE).expect("events.toml").to_string();
        for (from, to, line_of_key) in [
            // a word list the engine no longer reads
            ("[cue_weights]\n", "[cue_weights]\nday = 3.0\n", "day = 3.0"),
            ("copy_rows = 8", "copy_rows = 7", "copy_rows = 7"),
            ("copy = 0.9", "copy = 0.5", "copy = 0.5"),
        ] {
            let bad = text.replacen(from, to, 1);
            let err = EventRules::load(&RuleFiles::embedded().with_file(FILE, &bad))
                .expect_err("unusable setting");
            let want = bad.find(line_of_key).map(|at| line_of(&bad, at));
            assert!(err.path.ends_with(FILE), "{err}");
            assert_eq!(err.line, want, "{err}");
        }
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
        assert_eq!(sa.paragraphs[0] & 1, 1);
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
        let mut found = Paragraph { end: 0 };
        paragraph_words(text, 0, &mut got, &mut found);
        let end = found.end;
        assert_eq!(end, text.find("\n\n").unwrap_or(0));
        let mut rest = vec![7];
        paragraph_words(text, end + 2, &mut rest, &mut found);
        assert_eq!(found.end, text.len());
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
        let mut end = 0;
        for (pi, para) in content.split("\n\n").enumerate() {
            end += para.len();
            out.paragraph_ends.push(end);
            end += 2;
            let folded = fold(para);
            let words: Vec<u64> = folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(hash_str)
                .collect();
            let mut ph: u64 = 0;
            for &w in &words {
                ph = mix(ph.rotate_left(5) ^ w);
            }
            out.paragraphs
                .push(if words.len() >= s.min_paragraph_words {
                    ph | 1
                } else {
                    ph & !1
                });
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
}
