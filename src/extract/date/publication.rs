//! The release's own publication date: its publication line, or a full date alone on a line
//! near the top (`[publication]` of `rules/date/words.toml`).

use super::lexicon::Word;
use super::{Context, Date, DateRules, Found};
use crate::rules::fold;
use std::ops::Range;

impl DateRules {
    /// The release's own publication date, when it states one (its index in `dates`): a
    /// full date after a publication word on its line ("Opublikowano 12 lutego 2013 r.",
    /// "Dodano: 25.10.2023"), else a full date standing alone on a line near the top
    /// ("24 października 2023"), or after a place and a comma ("Dobra, 29.08.2023").
    pub fn publication(&self, ctx: &Context, dates: &[Found<Date>]) -> Option<usize> {
        let text = ctx.text;
        let full = |f: &&Found<Date>| f.item.value.len() == 10 && !f.item.value.starts_with('-');
        let line_of = |r: &Range<usize>| {
            // Lines are looked at within 200 bytes of the date, so that a document on a
            // single line stays linear.
            let lo = text.floor_char_boundary(r.start.saturating_sub(200));
            let hi = text
                .floor_char_boundary(r.end.saturating_add(200))
                .max(r.end);
            let ls = text[lo..r.start].rfind('\n').map_or(lo, |i| lo + i + 1);
            let le = text[r.end..hi].find('\n').map_or(hi, |i| r.end + i);
            (&text[ls..r.start], &text[r.end..le])
        };
        let marks = |c: char| !c.is_alphanumeric();
        for (i, f) in dates.iter().enumerate().filter(|(_, f)| full(f)) {
            let (before, _) = line_of(&f.range);
            // Only the words just before the date can be a publication label; folding the
            // whole line would make a single-line document quadratic.
            let near = before
                .char_indices()
                .rev()
                .nth(60)
                .map_or(before, |(i, _)| &before[i..]);
            let b = fold(near.trim_end_matches(marks));
            if self.lex.publication.iter().any(|k| {
                b.strip_suffix(k.as_str())
                    .is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
            }) {
                return Some(i);
            }
        }
        let limit = content_start(ctx) + self.lex.standalone_within;
        for (i, f) in dates.iter().enumerate().filter(|(_, f)| full(f)) {
            if f.range.start > limit {
                break;
            }
            let (before, after) = line_of(&f.range);
            let after = after.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
            // a date on the next line too: a list of dates (a schedule), not the release's
            // ("12.03.2024" on one line, "26.03.2024 – sesja" at the start of the next or
            // the one before)
            let next_line = |a: &Found<Date>, b: &Found<Date>| {
                let between = text.get(a.range.end..b.range.start).unwrap_or("");
                between.matches('\n').count() == 1
                    && line_of(&a.range).0.trim_matches(marks).is_empty()
                    && line_of(&b.range).0.trim_matches(marks).is_empty()
            };
            let listed = dates.get(i + 1).is_some_and(|n| next_line(f, n))
                || i.checked_sub(1).is_some_and(|p| next_line(&dates[p], f));
            if listed {
                continue;
            }
            if (before.trim_matches(marks).is_empty()
                || place_and_comma(self.without_lead_words(before)))
                && (after.trim_matches(marks).is_empty()
                    || after.starts_with(|c: char| c.is_ascii_digit() || c == '|'))
            {
                return Some(i);
            }
        }
        None
    }
}

impl DateRules {
    /// Whether `line` opens with a publication word and then a date's figures
    /// ("Opublikowano: 10.03.2021", "Data publikacji: 16.03.2023r."): the release's date
    /// line, not its title.
    pub fn is_publication_line(&self, line: &str) -> bool {
        let folded = fold(line.trim_start());
        self.lex.publication.iter().any(|k| {
            folded.strip_prefix(k.as_str()).is_some_and(|rest| {
                rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace())
                    .starts_with(|c: char| c.is_ascii_digit())
            })
        })
    }

    /// `before` without the lead words ([lead] of `words.toml`) that may stand between a
    /// place's comma and its date ("Sobków, dnia ", "Kielce, w dniu ").
    fn without_lead_words<'a>(&self, before: &'a str) -> &'a str {
        let mut t = before.trim_end();
        loop {
            let word = t.trim_end_matches('.');
            let cut = word.rfind(' ').map_or(0, |i| i + 1);
            if cut == 0 || self.lex.word(&fold(&word[cut..])) != Some(Word::Skip) {
                return t;
            }
            t = word[..cut].trim_end();
        }
    }
}

/// Whether the words before a date on its line are a place and a comma ("Dobra, ",
/// "Nowa Dęba, "): one to three capitalised words.
fn place_and_comma(before: &str) -> bool {
    let Some(place) = before.trim_end().strip_suffix(',') else {
        return false;
    };
    let words: Vec<&str> = place.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
}

/// Where the text after the leading boilerplate (navigation, cookie banners) begins.
fn content_start(ctx: &Context) -> usize {
    let text = ctx.text;
    let mut pos = 0;
    for r in &ctx.norm.boilerplate {
        pos += text[pos..].len() - text[pos..].trim_start().len();
        if r.start > pos {
            break;
        }
        pos = pos.max(r.end);
    }
    pos
}
