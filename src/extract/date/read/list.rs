//! Lists of days of one month ("13 i 14 lipca", "14, 15, 16 maja 2024 r."): a date for
//! each day, each with its own span.

use super::{classify, read, tokenize, valid_day, Item, Kind, Reading, Tok};
use crate::extract::date::lexicon::{Lexicon, Word};

/// Reads a list of days of one month ("13 i 14 lipca", "14, 15, 16 maja 2024 r."): for each
/// day, its byte range in `s` (the last day's runs to the end) and its reading.
pub fn read_list(lex: &Lexicon, s: &str) -> Option<Vec<(std::ops::Range<usize>, Reading)>> {
    let items = classify(lex, s)?;
    let toks = tokenize(s);
    // the day numbers before the month, with their token ranges
    let month_at = toks.iter().position(|t| {
        matches!(&t.0, Tok::Word { folded, .. } if matches!(lex.word(folded), Some(Word::Month(_))))
    })?;
    let days: Vec<(u32, usize, usize)> = toks[..month_at]
        .iter()
        .filter_map(|t| match t.0 {
            Tok::Num { value, digits } if digits <= 2 => Some((value, t.1, t.2)),
            _ => None,
        })
        .collect();
    let (&(_, last_start, _), earlier) = days.split_last()?;
    if earlier.is_empty() {
        return None;
    }
    let mut last = read(lex, &s[last_start..], Kind::Point)?;
    last.weekday = None;
    // the words between the days are joiners and commas only
    let joined = items.iter().all(|i| {
        matches!(
            i,
            Item::Num { .. }
                | Item::And
                | Item::Comma
                | Item::Other
                | Item::Month(_)
                | Item::YearMark
                | Item::Relative(_)
        )
    });
    if !joined || last.value.len() < 7 {
        return None;
    }
    // "--07-14" or "2024-07-14": each earlier day takes the last one's month and year
    let prefix = &last.value[..last.value.len() - 2];
    let y: Option<i32> = prefix.get(..4).and_then(|y| y.parse().ok());
    let m: u32 = prefix[prefix.len() - 3..prefix.len() - 1].parse().ok()?;
    let mut out = Vec::new();
    let mut prev = 0;
    for &(d, a, b) in earlier {
        if d <= prev || !valid_day(y, m, d) {
            return None;
        }
        prev = d;
        out.push((
            a..b,
            Reading {
                value: format!("{prefix}{d:02}"),
                ..last.clone()
            },
        ));
    }
    if last.value[last.value.len() - 2..].parse::<u32>().ok()? <= prev {
        return None;
    }
    out.push((last_start..s.len(), last));
    Some(out)
}
