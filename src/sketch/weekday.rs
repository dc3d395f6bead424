//! A weekday with no date beside it ("W niedzielę w Węglewicach odbyły się dożynki") in a
//! release dated only by its publication line: the happening is that weekday before or
//! after the publication day, as the words around it say (`[weekday]` of
//! `rules/events/events.toml`, where what each list reads is declared). The weekday
//! words are the date extractor's (`DateRules::bare_weekdays`); here only the words
//! around them count.

use crate::text::words::WordSearch;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::ops::Range;

/// Which of the weekday's days around the publication day is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reads {
    /// The weekday on or before the publication day (a past tense: "odbyły się").
    Before,
    /// The weekday on or after it ("zapraszamy", "odbędzie się").
    After,
    /// The weekday before it, never the day itself ("w ubiegłą sobotę").
    Last,
    /// The weekday after it, never the day itself ("w najbliższą sobotę").
    Next,
}

impl Reads {
    /// Days from the publication day (of weekday `published`) to the weekday `w`
    /// (0 = Monday): negative before it.
    pub fn offset(self, published: u32, w: u32) -> i64 {
        let back = i64::from((published + 7 - w) % 7);
        let ahead = i64::from((w + 7 - published) % 7);
        match self {
            Reads::Before => -back,
            Reads::After => ahead,
            Reads::Last => -(if back == 0 { 7 } else { back }),
            Reads::Next => {
                if ahead == 0 {
                    7
                } else {
                    ahead
                }
            }
        }
    }
}

/// What a release's text says of its happening's day counted from its publication day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayCue {
    /// A weekday named with no date.
    Weekday {
        /// 0 = Monday … 6 = Sunday.
        weekday: u8,
        /// Which of its days around the publication day its words mean.
        reads: Reads,
    },
    /// This many days from the publication day ("wczoraj": -1).
    Days(i8),
}

impl DayCue {
    /// Days from a publication day of weekday `published` (0 = Monday) to the happening:
    /// negative before it.
    pub fn offset(self, published: u32) -> i64 {
        match self {
            DayCue::Weekday { weekday, reads } => reads.offset(published, weekday.into()),
            DayCue::Days(n) => n.into(),
        }
    }
}

/// `[weekday]` of `events.toml`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekdaySettings {
    prepositions: Vec<String>,
    last: Vec<String>,
    next: Vec<String>,
    this: Vec<String>,
    after: Vec<String>,
    before_endings: Vec<String>,
    min_letters: usize,
    not_verbs: Vec<String>,
    days: std::collections::BTreeMap<String, i8>,
}

/// The same in lower case, as sets.
#[derive(Debug, Clone)]
pub struct WeekdayRules {
    prepositions: HashSet<String>,
    last: HashSet<String>,
    next: HashSet<String>,
    this: HashSet<String>,
    after: HashSet<String>,
    before_endings: Vec<String>,
    min_letters: usize,
    not_verbs: HashSet<String>,
    /// The words of `days` (each also with a capital first letter), searched at once, with
    /// the days each counts from the publication day.
    days: WordSearch<i8>,
}

/// The words of `s`: runs of letters.
fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
}

/// The sentence around `at` in `text`, looked at within 300 bytes each way: from after a
/// line break or a '.', '!' or '?' that ends a sentence (a space and a capital letter
/// after it, not "godz. 10.00") to the next such end.
fn sentence(text: &str, at: Range<usize>) -> Range<usize> {
    let b = text.as_bytes();
    let ends_at = |i: usize| match b[i] {
        b'\n' => true,
        b'.' | b'!' | b'?' => match &b[i + 1..] {
            [] | [b'\n', ..] | [b' ', b'\n', ..] | [b' '] => true,
            [b' ', ..] => text[i + 2..].starts_with(char::is_uppercase),
            _ => false,
        },
        _ => false,
    };
    // the ends found are ASCII bytes: char boundaries, as are the look-around's bounds
    let lo = text.floor_char_boundary(at.start.saturating_sub(300));
    let hi = text.floor_char_boundary(at.end + 300).max(at.end);
    let start = (lo..at.start)
        .rev()
        .find(|&i| ends_at(i))
        .map_or(lo, |i| i + 1);
    let end = (at.end..hi).find(|&i| ends_at(i)).unwrap_or(hi);
    start..end
}

impl WeekdayRules {
    /// The settings as sets in lower case; an entry the engine cannot use (not one word
    /// of letters, in two lists of words, no preposition) is an error with the key of its
    /// list.
    pub fn new(s: WeekdaySettings) -> Result<WeekdayRules, (&'static str, String)> {
        let lists: [(&'static str, &[String]); 7] = [
            ("prepositions =", &s.prepositions),
            ("last =", &s.last),
            ("next =", &s.next),
            ("this =", &s.this),
            ("after =", &s.after),
            ("before_endings =", &s.before_endings),
            ("not_verbs =", &s.not_verbs),
        ];
        let mut seen: std::collections::HashMap<String, &str> = Default::default();
        for (key, list) in lists {
            for w in list {
                if w.is_empty() || !w.chars().all(char::is_alphabetic) {
                    return Err((
                        key,
                        format!("{w:?} in [weekday] is not one word of letters"),
                    ));
                }
                // the words that read a time are in one list each
                if !matches!(key, "before_endings =" | "not_verbs =") {
                    if let Some(other) = seen.insert(w.to_lowercase(), key) {
                        let m = format!("{w:?} is in two lists of [weekday]: {other} and {key}");
                        return Err((key, m));
                    }
                }
            }
        }
        if s.prepositions.is_empty() {
            return Err(("prepositions =", "[weekday] needs a preposition".into()));
        }
        for (w, &n) in &s.days {
            if !w.chars().all(char::is_alphabetic) || !(-7..=7).contains(&n) {
                let m = format!("days: {w:?} = {n} is not one word a week or less away");
                return Err(("[weekday.days]", m));
            }
        }
        let days = WordSearch::new(s.days.iter().map(|(w, &n)| (w.as_str(), n)))
            .ok_or(("[weekday.days]", "the words cannot be searched".to_string()))?;
        let set = |words: &[String]| words.iter().map(|w| w.to_lowercase()).collect();
        Ok(WeekdayRules {
            prepositions: set(&s.prepositions),
            last: set(&s.last),
            next: set(&s.next),
            this: set(&s.this),
            after: set(&s.after),
            before_endings: s.before_endings.iter().map(|w| w.to_lowercase()).collect(),
            min_letters: s.min_letters,
            not_verbs: set(&s.not_verbs),
            days,
        })
    }

    /// Whether `word` (lower case) is a past-tense verb by its ending: a word of
    /// `min_letters` or more ending in one of `before_endings`, not one of `not_verbs`.
    fn past(&self, word: &str) -> bool {
        word.chars().count() >= self.min_letters
            && !self.not_verbs.contains(word)
            && self
                .before_endings
                .iter()
                .any(|e| word.ends_with(e.as_str()))
    }

    /// What a word of the weekday's sentence says of its time: `after` words, past-tense
    /// verbs in lower case.
    fn tense(&self, word: &str) -> Option<Reads> {
        let lower = word.to_lowercase();
        if self.after.contains(&lower) {
            Some(Reads::After)
        } else if word.starts_with(char::is_lowercase) && self.past(&lower) {
            Some(Reads::Before)
        } else {
            None
        }
    }

    /// The first cue of `text` to the happening's day from the publication day: a word of
    /// `days` ("wczoraj"), or one of `found` (weekday words of `text`, in text order)
    /// whose words say its time ([`WeekdayRules::weekday`]).
    pub fn cue(&self, text: &str, found: &[(Range<usize>, u32)]) -> Option<DayCue> {
        let day = self
            .days
            .find_iter(text)
            .next()
            .map(|(m, n)| (m.start, DayCue::Days(n)));
        let weekday = found
            .iter()
            .take_while(|(r, _)| day.is_none_or(|(at, _)| r.start < at))
            .find_map(|(r, w)| self.weekday(text, r, *w));
        weekday.or(day.map(|(_, c)| c))
    }

    /// What the words around weekday `w` at `r` say of its time: after a preposition (and
    /// at most one word of `last`, `next` or `this`), the word between, else the nearest
    /// word of its sentence with a tense, after the weekday first.
    fn weekday(&self, text: &str, r: &Range<usize>, w: u32) -> Option<DayCue> {
        let s = sentence(text, r.clone());
        let mut before = words(&text[s.start..r.start]).rev();
        let first = before.next()?.to_lowercase();
        let between = if self.prepositions.contains(&first) {
            None
        } else if self.prepositions.contains(&before.next()?.to_lowercase()) {
            Some(first)
        } else {
            return None;
        };
        let reads = match between {
            Some(b) if self.last.contains(&b) => Some(Reads::Last),
            Some(b) if self.next.contains(&b) => Some(Reads::Next),
            Some(b) if !self.this.contains(&b) => return None,
            _ => None,
        };
        let reads = reads.or_else(|| {
            words(&text[r.end..s.end])
                .chain(words(&text[s.start..r.start]).rev())
                .find_map(|x| self.tense(x))
        })?;
        Some(DayCue::Weekday {
            weekday: w as u8,
            reads,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleFiles;

    #[test]
    fn the_days_filter_is_the_words_pieces_and_loses_no_word() {
        let rules = crate::sketch::EventRules::load(&RuleFiles::embedded()).expect("rules");
        let w = &rules.weekday;
        let pieces: Vec<&str> = w
            .days
            .filter_pieces()
            .into_iter()
            .map(|p| std::str::from_utf8(p).unwrap())
            .collect();
        assert_eq!(pieces, ["utro", "utrze", "czoraj"]);
        // a text with a word of `days` gets past the filter
        for text in [
            "Wczoraj podpisano umowę.",
            "W dniu wczorajszym radni obradowali.",
            "Przedwczoraj otwarto drogę.",
            "Jutro radni zbiorą się na sesji.",
            "Pojutrze ruszy nabór.",
        ] {
            assert!(w.days.find_iter(text).next().is_some(), "{text}");
        }
    }

    #[test]
    fn offsets_around_the_publication_day() {
        // published on a Tuesday (1); the weekday a Sunday (6) or a Tuesday
        assert_eq!(Reads::Before.offset(1, 6), -2);
        assert_eq!(Reads::Before.offset(1, 1), 0);
        assert_eq!(Reads::Last.offset(1, 1), -7);
        assert_eq!(Reads::After.offset(1, 6), 5);
        assert_eq!(Reads::After.offset(1, 1), 0);
        assert_eq!(Reads::Next.offset(1, 1), 7);
    }

    #[test]
    fn the_words_around_a_weekday_say_its_time() {
        let rules = crate::sketch::EventRules::load(&RuleFiles::embedded()).expect("rules");
        let w = &rules.weekday;
        let cue = |text: &str| {
            let at = ["niedzielę", "Niedzielę", "sobotę", "wtorek"]
                .iter()
                .find_map(|d| text.find(d).map(|i| i..i + d.len()))
                .expect("a weekday");
            match w.cue(text, &[(at, 6)]) {
                Some(DayCue::Weekday { reads, .. }) => Some(reads),
                _ => None,
            }
        };
        assert_eq!(
            cue("W niedzielę w Węglewicach odbyły się dożynki."),
            Some(Reads::Before)
        );
        assert_eq!(cue("W niedzielę podpisano umowę."), Some(Reads::Before));
        assert_eq!(cue("W niedzielę zapraszamy na festyn."), Some(Reads::After));
        assert_eq!(cue("W ubiegłą niedzielę rano padało."), Some(Reads::Last));
        assert_eq!(cue("W najbliższą sobotę festyn."), Some(Reads::Next));
        // the nearest word with a tense, after the weekday first
        assert_eq!(
            cue("Dożynki odbyły się w niedzielę. Zapraszamy do galerii."),
            Some(Reads::Before)
        );
        assert_eq!(
            cue("Jak co roku w niedzielę odbędzie się festyn, który zorganizowało koło."),
            Some(Reads::After)
        );
        // a sentence does not end at "godz. 10.00"
        assert_eq!(
            cue("W sobotę o godz. 10.00 rozpoczął się turniej."),
            Some(Reads::Before)
        );
        // no tense; nouns with a verb's ending; another word before the weekday
        assert_eq!(cue("W niedzielę rano święto szkoły."), None);
        assert_eq!(cue("Urząd czynny we wtorek do 17."), None);
        assert_eq!(cue("W każdą sobotę spotkali się seniorzy."), None);
        assert_eq!(cue("Niedzielę spędzili na łące."), None);
    }
}
