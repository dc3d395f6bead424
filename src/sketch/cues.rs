//! Where each date the date extractor found stands: opening a line of text ("Dnia 4 czerwca
//! podpisano ...", "We wtorek, 7 maja radni ..."), alone on a short line (a list of other
//! news, a caption), or inside a sentence; and which date, if any, is the release's own
//! date line at its top ("Dodano przez: Wydział Promocji | 22.05.2023, 10:41", "Dobra,
//! 29.08.2023", "Aktualnie znajdujesz się na: 14.03.2019"). No word lists: the words of
//! dates are the date extractor's; here only the shape of the line counts.

use super::{DayKey, EventRules};
use std::ops::Range;

/// A date the date extractor found, as the event stage sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct DateFind {
    /// Where it stands in the text given to [`date_cues`].
    pub range: Range<usize>,
    /// Where it starts in the source (the document record's `start`).
    pub source_start: usize,
    /// A point in time (not an interval, a deadline or a start).
    pub point: bool,
    /// A weekday is written beside it.
    pub weekday: bool,
    /// Its day, when it names one.
    pub day: Option<DayKey>,
}

/// What stands beside a day date on its line.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum CueKind {
    /// A weekday is written beside it.
    Weekday,
    /// At most two words before it on its line, a clause after.
    LineStart,
    /// Inside a sentence.
    Plain,
    /// On a short line of its own (a list of other news, a caption).
    Standalone,
}

/// A date's cue, by the source offset of the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cue {
    /// Byte offset of the date in the decoded source.
    pub start: usize,
    /// Where it stands on its line.
    pub kind: CueKind,
}

/// The release's own date line: where its date starts in the source, and the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PublicationLine {
    /// Byte offset of the line's date in the decoded source.
    pub start: usize,
    /// The day it gives (year, month, day).
    pub day: DayKey,
}

/// The line of `text` around `range`, looked at within 300 bytes each way (so that a
/// text on one line stays linear): what stands before and after the range.
fn line_around<'t>(text: &'t str, range: &Range<usize>) -> (&'t str, &'t str) {
    let lo = text.floor_char_boundary(range.start.saturating_sub(300));
    let hi = text.floor_char_boundary(range.end + 300).max(range.end);
    let before = &text[lo..range.start];
    let after = &text[range.end..hi];
    let before = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    let after = after.find('\n').map_or(after, |i| &after[..i]);
    (before, after)
}

/// The words of `s` (runs of letters and digits) at least `min` characters long.
fn words(s: &str, min: usize) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= min)
        .count()
}

/// Where the body of the text begins: the first line of `body_words` words or more.
fn body_start(rules: &EventRules, text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if words(line, 1) >= rules.dates.body_words {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// The cues of `finds` (in text order), sorted by their source offsets, and the release's
/// own date line: the first date above the body on a short line that is not a sentence.
pub fn date_cues(
    rules: &EventRules,
    text: &str,
    finds: &[DateFind],
) -> (Vec<Cue>, Option<PublicationLine>) {
    let body = body_start(rules, text);
    let mut cues = Vec::with_capacity(finds.len());
    let mut publication = None;
    for f in finds {
        let Some(day) = f.day else { continue };
        if text.get(f.range.clone()).is_none() {
            continue;
        }
        let (before, after) = line_around(text, &f.range);
        let (wb, wa) = (words(before, 1), words(after, 2));
        let kind = if f.weekday {
            CueKind::Weekday
        } else if wb <= 2 && wa >= 3 {
            CueKind::LineStart
        } else if wb <= 2 {
            CueKind::Standalone
        } else {
            CueKind::Plain
        };
        cues.push(Cue {
            start: f.source_start,
            kind,
        });
        let line_words = wb + words(after, 1);
        let sentence = after.trim_end().ends_with('.') && line_words >= 4;
        if publication.is_none()
            && f.point
            && f.range.start < body
            && line_words <= rules.dates.header_words
            && !sentence
        {
            publication = Some(PublicationLine {
                start: f.source_start,
                day,
            });
        }
    }
    cues.sort_by_key(|c| c.start);
    cues.dedup_by_key(|c| c.start);
    (cues, publication)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleFiles;

    fn find(text: &str, date: &str, day: DayKey, weekday: bool) -> DateFind {
        let at = text.find(date).expect("date in text");
        DateFind {
            range: at..at + date.len(),
            source_start: at,
            point: true,
            weekday,
            day: Some(day),
        }
    }

    #[test]
    fn cues_by_the_shape_of_the_line() {
        let rules = EventRules::load(&RuleFiles::embedded()).expect("rules");
        let text = "Gmina Przykładowa\nStrona główna > Aktualności\n\
                    Dodano przez: Referat Promocji | 22.05.2023, 10:41\n\n\
                    Nowy wóz dla strażaków\n\n\
                    Dnia 19 maja w remizie w Nowej Wsi strażacy odebrali kluczyki do nowego \
                    wozu ratowniczo-gaśniczego z rąk wójta gminy i komendanta powiatowego.\n\n\
                    We wtorek, 16 maja radni przyjęli uchwałę, a umowę zawarto 3 marca 2023 r. \
                    po przetargu.\n\n\
                    Inne wiadomości\n12.05.2023\n";
        let finds = vec![
            find(text, "22.05.2023", (Some(2023), 5, 22), false),
            find(text, "19 maja", (None, 5, 19), false),
            find(text, "16 maja", (None, 5, 16), true),
            find(text, "3 marca 2023 r.", (Some(2023), 3, 3), false),
            find(text, "12.05.2023", (Some(2023), 5, 12), false),
        ];
        let (cues, publication) = date_cues(&rules, text, &finds);
        let kinds: Vec<CueKind> = cues.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            vec![
                CueKind::Plain,
                CueKind::LineStart,
                CueKind::Weekday,
                CueKind::Plain,
                CueKind::Standalone
            ]
        );
        assert_eq!(
            publication,
            Some(PublicationLine {
                start: finds[0].source_start,
                day: (Some(2023), 5, 22)
            })
        );
        // a short opening sentence is not a date line
        let lede = "Dnia 4 czerwca podpisano porozumienia w Kielcach.\n\nDalszy tekst.";
        let (_, publication) = date_cues(
            &rules,
            lede,
            &[find(lede, "4 czerwca", (None, 6, 4), false)],
        );
        assert_eq!(publication, None);
        // a place and a date above the body
        let letter =
            "Gmina Dobra\nDobra, 29.08.2023\n\nWójt podpisał umowę na prace przy kościele \
                      i przedstawił harmonogram prac konserwatorskich na najbliższe miesiące.";
        let (_, publication) = date_cues(
            &rules,
            letter,
            &[find(letter, "29.08.2023", (Some(2023), 8, 29), false)],
        );
        assert_eq!(publication.map(|p| p.day), Some((Some(2023), 8, 29)));
    }
}
