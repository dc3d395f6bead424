//! A release's own guess of its happening's day, from the date extractor's finds in the
//! document record and where each stands on its line (the sketch's cues); and when two
//! such guesses may be one day.

use crate::civil::Ymd;
use crate::record::DocumentRecord;
use crate::sketch::{compatible, day_key, day_number, CueKind, DayCue, DayKey, EventRules};

/// A release's happening day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Happening {
    /// The day (year when known, month, day).
    pub day: DayKey,
    /// How strongly the text marks it (its cue and mentions); 0 for a publication day.
    pub score: f64,
    /// No date of the text is the happening's: the day is the release's publication line
    /// (the happening is that day or up to `publication_lag` days before).
    pub from_publication: bool,
    /// No date of the text is the happening's: the day is a weekday the text names with no
    /// date, or a day it counts ("wczoraj"), from the publication line
    /// ([`crate::sketch::DayCue`]).
    pub from_relative: bool,
}

/// The release's publication day and where its date line starts in the source (when it
/// is a date of the record): the date extractor's `published`, else the sketch's date
/// line (with the year the document resolved for it).
pub fn publication(d: &DocumentRecord) -> Option<(DayKey, Option<usize>)> {
    if let Some(p) = d.published.as_deref().and_then(day_key) {
        let at = d
            .dates
            .iter()
            .find(|x| day_key(&x.item.value) == Some(p))
            .map(|x| x.start);
        return Some((p, at));
    }
    let line = d.sketch.as_ref()?.publication?;
    let resolved = d
        .dates
        .iter()
        .find(|x| x.start == line.start)
        .and_then(|x| day_key(&x.item.value));
    Some((resolved.unwrap_or(line.day), Some(line.start)))
}

/// `day` in the year that puts it nearest to `near` (one of the year before, the same
/// year and the year after).
fn nearest_year(day: DayKey, near: DayKey) -> DayKey {
    let Some(py) = near.0 else { return day };
    let target = day_number(near, py);
    let y = [py - 1, py, py + 1]
        .into_iter()
        .min_by_key(|&y| (day_number((Some(y), day.1, day.2), y) - target).abs())
        .unwrap_or(py);
    (Some(y), day.1, day.2)
}

/// The release's own best guess of the happening's day: day dates that are points (not
/// intervals, deadlines, starts, the publication line or a cited act's), scored by their cues and
/// mentions, the first in the text winning a tie; dates long before the publication are
/// background, and a year the text did not write is taken near the publication. With no
/// such date, the publication day.
pub fn happening(rules: &EventRules, doc: &DocumentRecord) -> Option<Happening> {
    let w = &rules.weights;
    let published = publication(doc);
    let sketch = doc.sketch.as_deref();
    let mut cands: Vec<(DayKey, f64)> = Vec::new();
    for d in &doc.dates {
        // a cited act's date is no happening ("ustawy z dnia 8 marca 1990 r.")
        if !matches!(d.item.kind.as_deref(), None | Some("point"))
            || d.item.cited
            || d.item.recurring
            || d.item.historical
        {
            continue;
        }
        let Some(mut k) = day_key(&d.item.value) else {
            continue;
        };
        if let Some((p, at)) = published {
            if at == Some(d.start) {
                continue;
            }
            if d.item.year_inferred && p.0.is_some() && k.0 != p.0 {
                let near = nearest_year(k, p);
                if (near.0.unwrap_or(0) - k.0.unwrap_or(0)).abs() > rules.dates.year_window {
                    k = near;
                }
            }
            if let (Some(_), Some(py)) = (k.0, p.0) {
                if day_number(k, py) < day_number(p, py) - rules.dates.background_days {
                    continue;
                }
            }
        }
        if let Some(c) = cands.iter_mut().find(|c| c.0 == k) {
            c.1 += w.mention;
            continue;
        }
        let cue = sketch.and_then(|s| s.cue_at(d.start));
        let score = match cue {
            Some(CueKind::Weekday) => w.weekday,
            Some(CueKind::LineStart) => w.line_start,
            Some(CueKind::Standalone) => w.standalone,
            Some(CueKind::Plain) | None => w.plain,
        };
        // The publication day itself only when the text marks it as the happening's (a
        // release may be published on the day).
        if published.is_some_and(|(p, _)| compatible(p, k)) && score <= w.plain {
            continue;
        }
        cands.push((k, score));
    }
    // the highest score; of equal scores the first in the text (a list of other news
    // comes after the release)
    let best =
        cands
            .into_iter()
            .filter(|c| c.1 >= 0.0)
            .fold(None, |best: Option<(DayKey, f64)>, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            });
    match (best, published) {
        (Some((day, score)), _) => Some(Happening {
            day,
            score,
            from_publication: false,
            from_relative: false,
        }),
        (None, Some((day, _))) => Some(
            match sketch
                .and_then(|s| s.day_cue)
                .and_then(|c| counted_from(day, c))
            {
                Some(day) => Happening {
                    day,
                    score: w.bare_weekday,
                    from_publication: false,
                    from_relative: true,
                },
                None => Happening {
                    day,
                    score: 0.0,
                    from_publication: true,
                    from_relative: false,
                },
            },
        ),
        (None, None) => None,
    }
}

/// The day `cue` means, counted from the publication day `published` (its year known).
fn counted_from(published: DayKey, cue: DayCue) -> Option<DayKey> {
    let p = Ymd::new(published.0?, published.1.into(), published.2.into())?;
    let d = Ymd::from_days(p.days() + cue.offset(p.weekday()));
    Some((Some(d.year), d.month as u8, d.day as u8))
}

/// Whether two happening days may be one: two days of the text must be the same day; a
/// publication day fits a day of the text up to `publication_lag` days before it, and
/// another publication day as many days apart.
pub fn agree(rules: &EventRules, a: &Happening, b: &Happening) -> bool {
    let lag = rules.dates.publication_lag;
    if !a.from_publication && !b.from_publication {
        return compatible(a.day, b.day);
    }
    let year = a.day.0.or(b.day.0).unwrap_or(2000);
    let (x, y) = (day_number(a.day, year), day_number(b.day, year));
    match (a.from_publication, b.from_publication) {
        (true, true) => (x - y).abs() <= lag,
        (true, false) => y <= x && x - y <= lag,
        _ => x <= y && y - x <= lag,
    }
}

/// The day a group keeps when two are joined: a day of the text before a publication
/// day, a day with its year before one without, else the earlier.
pub fn joined(a: Happening, b: Happening) -> Happening {
    match (a.from_publication, b.from_publication) {
        (false, true) => a,
        (true, false) => b,
        (false, false) => {
            if a.day.0.is_some() || b.day.0.is_none() {
                a
            } else {
                b
            }
        }
        (true, true) => {
            let year = a.day.0.or(b.day.0).unwrap_or(2000);
            if day_number(b.day, year) < day_number(a.day, year) {
                b
            } else {
                a
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleFiles;

    fn h(day: DayKey, from_publication: bool) -> Happening {
        Happening {
            day,
            score: 0.0,
            from_publication,
            from_relative: false,
        }
    }

    #[test]
    fn publication_days_fit_the_days_just_before() {
        let r = EventRules::load(&RuleFiles::embedded()).expect("rules");
        let text = |d| h((Some(2021), 9, d), false);
        let publ = |d| h((Some(2021), 9, d), true);
        assert!(agree(&r, &text(5), &text(5)));
        assert!(!agree(&r, &text(5), &text(6)));
        assert!(agree(&r, &publ(6), &text(5)));
        assert!(agree(&r, &text(5), &publ(6)));
        assert!(agree(&r, &text(6), &publ(6)));
        // a happening after its publication line, or long before it, is another
        assert!(!agree(&r, &publ(6), &text(7)));
        assert!(!agree(&r, &publ(20), &text(5)));
        assert!(agree(&r, &publ(6), &publ(8)));
        assert!(!agree(&r, &publ(1), &publ(8)));
        assert_eq!(joined(publ(6), text(5)), text(5));
        assert_eq!(joined(publ(8), publ(6)), publ(6));
        assert_eq!(
            nearest_year((Some(2024), 8, 28), (Some(2023), 8, 29)),
            (Some(2023), 8, 28)
        );
        assert_eq!(
            nearest_year((Some(2020), 12, 30), (Some(2021), 1, 3)),
            (Some(2020), 12, 30)
        );
    }
}
