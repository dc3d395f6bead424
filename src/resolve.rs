//! Resolve: give year-less dates ("4 czerwca", "1 sierpnia br.") the year the document
//! makes known, and mark them `year_inferred`.

use crate::civil::Ymd;
use crate::record::Date;

/// Replaces the missing year of every part of `value` ("--06-04", "--07-01/--07-15") by
/// `year`; `None` when the value has no missing year or the day does not exist that year.
pub fn fill_year(value: &str, year: i32) -> Option<String> {
    if !value.contains("--") {
        return None;
    }
    let parts: Vec<String> = value
        .split('/')
        .map(|p| match p.strip_prefix("--") {
            Some(md) => format!("{year:04}-{md}"),
            None => p.to_string(),
        })
        .collect();
    for p in &parts {
        if p.len() == 10 && Ymd::parse(p).is_none() {
            return None;
        }
    }
    Some(parts.join("/"))
}

/// The year of a document: its publication date's, else the most frequent year among
/// its full dates, else the pinned "now".
pub fn document_year(dates: &[Date], published: Option<Ymd>, now: Option<Ymd>) -> Option<i32> {
    if let Some(p) = published {
        return Some(p.year);
    }
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for d in dates {
        if d.value.len() == 10 {
            if let Some(ymd) = Ymd::parse(&d.value) {
                match counts.iter_mut().find(|(y, _)| *y == ymd.year) {
                    Some(c) => c.1 += 1,
                    None => counts.push((ymd.year, 1)),
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|&&(y, n)| (n, y))
        .map(|&(y, _)| y)
        .or(now.map(|n| n.year))
}

/// Fills the year of every year-less date with `year` (shifted for "ubiegłego roku"),
/// then checks the weekday written beside each day: one that does not fit is kept in
/// `weekday_mismatch`.
pub fn resolve_years(dates: &mut [Date], year: Option<i32>) {
    for d in dates.iter_mut() {
        if let Some(year) = year {
            if let Some(v) = fill_year(&d.value, year + d.year_shift) {
                d.value = v;
                d.year_inferred = true;
            }
        }
        check_weekday(d);
    }
}

/// Sets `weekday_mismatch` when the weekday written beside a full day does not fit it.
pub fn check_weekday(d: &mut Date) {
    if let Some((w, text)) = &d.weekday {
        if let Some(day) = Ymd::parse(&d.value) {
            d.weekday_mismatch = (day.weekday() != *w).then(|| text.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_missing_years() {
        assert_eq!(fill_year("--06-04", 2019).as_deref(), Some("2019-06-04"));
        assert_eq!(
            fill_year("--07-01/--07-15", 2022).as_deref(),
            Some("2022-07-01/2022-07-15")
        );
        assert_eq!(fill_year("--02-29", 2023), None);
        assert_eq!(fill_year("2019-06-04", 2020), None);
    }

    #[test]
    fn document_year_prefers_publication() {
        let d = |v: &str| Date {
            value: v.into(),
            ..Date::default()
        };
        let dates = [d("2018-08-01"), d("2018-09-01"), d("2021-03-31")];
        assert_eq!(document_year(&dates, None, None), Some(2018));
        assert_eq!(
            document_year(&dates, Ymd::new(2019, 1, 1), None),
            Some(2019)
        );
        assert_eq!(document_year(&[], None, Ymd::new(2013, 2, 12)), Some(2013));
    }

    #[test]
    fn shifts_years_and_checks_weekdays() {
        let mut dates = [
            Date {
                value: "--03-15".into(),
                year_shift: -1,
                ..Date::default()
            },
            Date {
                value: "--02-06".into(),
                weekday: Some((1, "wtorek".into())),
                ..Date::default()
            },
            Date {
                value: "2024-02-07".into(),
                weekday: Some((1, "wtorek".into())),
                ..Date::default()
            },
        ];
        resolve_years(&mut dates, Some(2024));
        assert_eq!(dates[0].value, "2023-03-15");
        assert!(dates[0].year_inferred);
        assert_eq!(dates[1].value, "2024-02-06");
        assert_eq!(dates[1].weekday_mismatch, None);
        assert!(!dates[2].year_inferred);
        assert_eq!(dates[2].weekday_mismatch.as_deref(), Some("wtorek"));
    }
}
