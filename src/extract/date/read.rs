//! Reading a matched date expression: its words become numbers, months, ordinals and range
//! words, and these become an ISO 8601 value, or nothing when they do not make a date
//! (31 June, a range that runs backwards, two months in one day).

use super::lexicon::{Lexicon, Relative};
use crate::civil::days_in_month;

mod classify;
mod kind;
mod list;
mod tokens;
use classify::{classify, Item};
pub use kind::Kind;
pub use list::read_list;
use tokens::{tokenize, Tok};

#[cfg(test)]
mod tests;

/// One end of a date expression, as far as it goes.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Part {
    y: Option<i32>,
    m: Option<u32>,
    d: Option<u32>,
    shift: Option<i32>,
    /// A day of the document's month, shifted by this many months ("28 bm.").
    month_shift: Option<i32>,
    /// A quarter or a half-year: first and last month.
    period: Option<(u32, u32)>,
    weekday: Option<(u32, usize, usize)>,
}

fn valid_day(y: Option<i32>, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y.unwrap_or(2000), m)
}

fn part(items: &[Item]) -> Option<Part> {
    let mut p = Part::default();
    let (mut month, mut roman) = (None, None);
    let mut nums: Vec<(u32, usize)> = Vec::new();
    let mut ords: Vec<u32> = Vec::new();
    let mut mark = false;
    let mut period = None;
    for it in items {
        match *it {
            Item::Month(m) => {
                if month.replace(m).is_some() {
                    return None;
                }
            }
            Item::Roman(r) => {
                if roman.replace(r).is_some() {
                    return None;
                }
            }
            Item::Num { value, digits } => nums.push((value, digits)),
            Item::Ordinal(n) => ords.push(n),
            Item::Weekday(w, s, e) => p.weekday = Some((w, s, e)),
            Item::YearMark => mark = true,
            Item::Relative(Relative::Year(s)) => p.shift = Some(s),
            Item::Relative(Relative::Month(s)) => p.month_shift = Some(s),
            Item::Period { months, needs_year } => period = Some((months, needs_year)),
            Item::Dash { .. } | Item::Other | Item::Comma => {}
            Item::From(_) | Item::To(_) | Item::And | Item::Turn => return None,
        }
    }
    let ord = match ords[..] {
        [] => None,
        [n] => Some(n),
        [t, u] if (t == 20 || t == 30) && u < 10 => Some(t + u),
        _ => return None,
    };
    let year = |n: &(u32, usize)| (n.1 == 4 && (1000..=2099).contains(&n.0)).then_some(n.0 as i32);
    if let Some((months, needs_year)) = period {
        if month.is_some() {
            return None;
        }
        let mut n = ord.or(roman);
        for x in &nums {
            match (year(x), x.1) {
                (Some(y), _) if p.y.is_none() => p.y = Some(y),
                (None, 1) if n.is_none() => n = Some(x.0),
                _ => return None,
            }
        }
        let n = n?;
        if n == 0 || n > 12 / months || needs_year && p.y.is_none() {
            return None;
        }
        p.period = Some((months * (n - 1) + 1, months * n));
        return Some(p);
    }
    if month.is_some() && roman.is_some() {
        return None;
    }
    if let Some(m) = month.or(roman) {
        p.m = Some(m);
        p.d = ord;
        for x in &nums {
            if let (Some(y), None) = (year(x), p.y) {
                p.y = Some(y);
            } else if x.1 <= 2 && p.d.is_none() {
                p.d = Some(x.0);
            } else {
                return None;
            }
        }
        if roman.is_some() && (p.d.is_none() || p.y.is_none()) {
            return None;
        }
        if let Some(d) = p.d {
            if !valid_day(p.y, m, d) {
                return None;
            }
        }
        return Some(p);
    }
    if ord.is_some() || roman.is_some() {
        return None;
    }
    match nums[..] {
        [y] if year(&y).is_some() => p.y = year(&y),
        [(d, digits)] if digits <= 2 && !mark && (1..=31).contains(&d) => p.d = Some(d),
        // "05.2023": a month in figures and its year
        [(m, 2), y] if year(&y).is_some() && (1..=12).contains(&m) => {
            (p.m, p.y) = (Some(m), year(&y));
        }
        // "09.05." (the rule asks for a two-digit month and a closing dot or "br.")
        [(d, dd), (m, 2)] if dd <= 2 && !mark && valid_day(None, m, d) => {
            (p.m, p.d) = (Some(m), Some(d));
        }
        [a, b, c] => {
            let (y, m, d) = if let Some(y) = year(&a) {
                (y, b, c)
            } else if let Some(y) = year(&c) {
                (y, b, a)
            } else if c.1 == 2 && mark {
                (2000 + c.0 as i32, b, a)
            } else {
                return None;
            };
            if m.1 > 2 || d.1 > 2 || !valid_day(Some(y), m.0, d.0) {
                return None;
            }
            (p.y, p.m, p.d) = (Some(y), Some(m.0), Some(d.0));
        }
        _ => return None,
    }
    Some(p)
}

/// What a date expression says.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub value: String,
    pub kind: &'static str,
    /// For a value without its year: the shift from the document's year ("ubiegłego roku").
    pub shift: i32,
    /// The weekday written beside a day, and the byte range of its word in the span.
    pub weekday: Option<(u32, usize, usize)>,
    /// For a day of the document's month (value `---DD`): the shift in months from it
    /// ("28 bm.": 0, "5 ub.m.": -1).
    pub month_shift: Option<i32>,
}

fn ymd(p: &Part) -> String {
    let y = p.y.map(|y| format!("{y:04}")).unwrap_or_else(|| "-".into());
    match (p.m, p.d) {
        (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y}-{m:02}"),
        _ => y,
    }
}

fn value(p: &Part) -> Option<String> {
    if p.month_shift.is_some() {
        // only a day: "28 bm.", not "28 maja bm." nor "bm." alone
        return match (p.y, p.m, p.d, p.shift, p.period) {
            (None, None, Some(d), None, None) => Some(format!("---{d:02}")),
            _ => None,
        };
    }
    if let Some((a, b)) = p.period {
        let y = p.y.map(|y| format!("{y:04}")).unwrap_or_else(|| "-".into());
        let last = days_in_month(p.y.unwrap_or(2001), b);
        return Some(format!("{y}-{a:02}-01/{y}-{b:02}-{last:02}"));
    }
    if p.m.is_none() && (p.d.is_some() || p.y.is_none()) {
        return None;
    }
    Some(ymd(p))
}

/// The first day of a part, for ordering the ends of a range.
fn key(p: &Part) -> (i32, u32, u32) {
    (p.y.unwrap_or(0), p.m.unwrap_or(1), p.d.unwrap_or(1))
}

fn range(mut l: Part, r: Part) -> Option<Reading> {
    if l.period.is_some() || r.period.is_some() {
        return None;
    }
    let own_month = l.m.is_some();
    // "od 5 do 12 bm.": the left end is a day of the same month
    if l.d.is_some() && l.m.is_none() && l.month_shift.is_none() && r.month_shift.is_some() {
        l.month_shift = r.month_shift;
    }
    if l.month_shift.is_some() || r.month_shift.is_some() {
        if l.month_shift != r.month_shift || key(&l) >= key(&r) {
            return None;
        }
        return Some(Reading {
            value: format!("{}/{}", value(&l)?, value(&r)?),
            kind: "interval",
            shift: 0,
            weekday: None,
            month_shift: l.month_shift,
        });
    }
    if l.d.is_some() && l.m.is_none() {
        l.m = Some(r.m?);
    }
    let mut inherited = false;
    if l.y.is_none() && l.shift.is_none() && r.y.is_some() {
        l.y = r.y;
        inherited = true;
    }
    if l.y.is_none() && r.y.is_none() {
        l.shift = l.shift.or(r.shift);
        if r.shift.is_some_and(|s| Some(s) != l.shift) {
            return None;
        }
    }
    // a left end with a month needs a right end with one, and the other way round
    if l.m.is_some() != r.m.is_some() {
        return None;
    }
    if key(&l) >= key(&r) {
        if inherited && own_month {
            l.y = l.y.map(|y| y - 1);
        } else {
            return None;
        }
    }
    if let (Some(m), Some(d)) = (l.m, l.d) {
        if !valid_day(l.y, m, d) {
            return None;
        }
    }
    if l.m.is_none() && r.y.zip(l.y).is_some_and(|(b, a)| b - a > 30) {
        return None;
    }
    // "--07-01/2022-07-15" cannot be: both ends know the year or neither does
    if l.y.is_some() != r.y.is_some() {
        return None;
    }
    Some(Reading {
        value: format!("{}/{}", value(&l)?, value(&r)?),
        kind: "interval",
        shift: l.shift.or(r.shift).unwrap_or(0),
        weekday: None,
        month_shift: None,
    })
}

fn point(p: Part, kind: &'static str) -> Option<Reading> {
    Some(Reading {
        value: value(&p)?,
        kind: if p.period.is_some() && kind == "point" {
            "interval"
        } else {
            kind
        },
        shift: p.shift.unwrap_or(0),
        weekday: p.weekday.filter(|_| p.d.is_some()),
        month_shift: p.month_shift,
    })
}

/// The items after the words that only lead (`Other`), when the first other item is what
/// `opens` takes.
fn after_opener(items: &[Item], opens: impl Fn(&Item) -> bool) -> Option<&[Item]> {
    let k = items.iter().position(|i| *i != Item::Other)?;
    opens(&items[k]).then(|| &items[k + 1..])
}

/// Reads the date expression `s` as a match of a rule of kind `kind` (not `List`), or
/// `None` when its words do not make that.
pub fn read(lex: &Lexicon, s: &str, kind: Kind) -> Option<Reading> {
    let mut items = classify(lex, s)?;
    if kind == Kind::SchoolYear {
        full_second_year(&mut items);
    }
    match kind {
        Kind::Point => match part(&items) {
            Some(p) => point(p, "point"),
            None => None,
        },
        Kind::Start => point(
            part(after_opener(&items, |i| *i == Item::From(true))?)?,
            "start",
        ),
        Kind::Deadline => point(
            part(after_opener(&items, |i| *i == Item::To(true))?)?,
            "deadline",
        ),
        Kind::Range | Kind::SchoolYear => {
            let from = items.iter().position(|i| matches!(i, Item::From(_)));
            let to = items.iter().position(|i| matches!(i, Item::To(_)));
            match (from, to) {
                (Some(f), Some(t)) if f < t => {
                    range(part(&items[f + 1..t])?, part(&items[t + 1..])?)
                }
                (None, Some(_)) | (Some(_), Some(_)) => None,
                (Some(_), None) => dashed(after_opener(&items, |i| matches!(i, Item::From(_)))?),
                (None, None) => dashed(&items),
            }
        }
        Kind::Turn => {
            let rest = after_opener(&items, |i| *i == Item::Turn)?;
            let and = rest.iter().position(|i| *i == Item::And)?;
            let mut r = range(part(&rest[..and])?, part(&rest[and + 1..])?)?;
            r.kind = "interval";
            Some(r)
        }
        Kind::List => None,
    }
}

/// A range written with a dash: "13-15 lipca", "01.04.2018 - 31.03.2021", "2014-2020".
/// A spaced dash is tried first.
fn dashed(items: &[Item]) -> Option<Reading> {
    let dashes = |spaced: bool| {
        items
            .iter()
            .enumerate()
            .filter(move |(_, i)| **i == Item::Dash { spaced })
            .map(|(k, _)| k)
    };
    dashes(true)
        .chain(dashes(false))
        .find_map(|k| range(part(&items[..k])?, part(&items[k + 1..])?))
}

/// A school year's second year written with two digits ("2023/24") is the year after the
/// first: its number is made the full year. Two digits that are not the next year's stay
/// as they are (and do not read as a range of years).
fn full_second_year(items: &mut [Item]) {
    if let [.., Item::Num {
        value: first,
        digits: 4,
    }, Item::Dash { .. }, Item::Num { value, digits }] = items
    {
        if *digits == 2 && *value == (*first + 1) % 100 {
            *value = *first + 1;
            *digits = 4;
        }
    }
}
