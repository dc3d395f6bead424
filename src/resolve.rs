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

/// A day of a month named relative to `reference` ("28 bm.": value `---28`, shift 0;
/// "od 5 do 12 ub.m.": `---05/---12`, shift -1) as a full date or interval: the month
/// `shift` months from the reference's, in its year; `None` when the day does not exist
/// in that month or the value has another form.
pub fn fill_month(value: &str, reference: Ymd, shift: i32) -> Option<String> {
    let months = reference.year * 12 + reference.month as i32 - 1 + shift;
    let (year, month) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    let parts: Option<Vec<String>> = value
        .split('/')
        .map(|p| {
            let day: u32 = p.strip_prefix("---")?.parse().ok()?;
            Ymd::new(year, month, day).map(|d| d.to_string())
        })
        .collect();
    parts.map(|p| p.join("/"))
}

/// Fills a day of a relative month ("28 bm.": `month_shift` set) from `reference` (the
/// publication date or `--now`, with its `year_from` name); `false` when it cannot be (no
/// reference, or no such day that month): then it is no date. Other dates stay as they are.
pub fn resolve_month(d: &mut Date, reference: Option<(Ymd, &'static str)>) -> bool {
    let Some(shift) = d.month_shift else {
        return true;
    };
    let Some((value, from)) =
        reference.and_then(|(r, from)| Some((fill_month(&d.value, r, shift)?, from)))
    else {
        return false;
    };
    d.value = value;
    d.year_inferred = true;
    d.year_from = Some(from.to_string());
    true
}

/// The year of a document and where it comes from (`year_from`): its publication date's
/// ("publication"), else the most frequent year among its full days (an interval's first),
/// cited acts' and historical dates left out ("text"), else the pinned "now" ("now"). A month or a year alone ("w 2019 r.",
/// "od roku 2010", "w 1267 roku") never gives the year: it is as often a past year as the
/// release's.
pub fn document_year(
    dates: &[Date],
    published: Option<Ymd>,
    now: Option<Ymd>,
) -> Option<(i32, &'static str)> {
    if let Some(p) = published {
        return Some((p.year, "publication"));
    }
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for d in dates {
        // a full day, or an interval that starts on one ("od 16 do 30 czerwca 2022 r.")
        let day = d.value.split('/').next().unwrap_or("");
        if day.len() != 10 || day.starts_with('-') || d.cited || d.historical {
            continue;
        }
        if let Some(y) = day.get(..4).and_then(|y| y.parse::<i32>().ok()) {
            match counts.iter_mut().find(|(c, _)| *c == y) {
                Some(c) => c.1 += 1,
                None => counts.push((y, 1)),
            }
        }
    }
    let text = counts.iter().max_by_key(|&&(y, n)| (n, y)).map(|&(y, _)| y);
    text.map(|y| (y, "text")).or(now.map(|n| (n.year, "now")))
}

/// Fills the year of every year-less date with `year` (shifted for "ubiegłego roku"),
/// then checks the weekday written beside each day: one that does not fit is kept in
/// `weekday_mismatch`. A year-less day whose weekday fits the year before or after but not
/// `year` takes that year ("piątek, 29 grudnia" in a January release; `year_from`
/// "weekday"); a weekday never moves a date further than a year.
pub fn resolve_years(dates: &mut [Date], year: Option<(i32, &'static str)>) {
    for d in dates.iter_mut().filter(|d| !d.recurring) {
        if let Some((year, from)) = year {
            let base = year + d.year_shift;
            let fits = |y: i32| {
                let v = fill_year(&d.value, y)?;
                let w = d.weekday.as_ref()?.0;
                (Ymd::parse(&v)?.weekday() == w).then_some(v)
            };
            let chosen = match fits(base) {
                Some(v) => Some((v, from)),
                None => match fits(base - 1).or_else(|| fits(base + 1)) {
                    Some(v) => Some((v, "weekday")),
                    None => fill_year(&d.value, base).map(|v| (v, from)),
                },
            };
            if let Some((v, from)) = chosen {
                d.value = v;
                d.year_inferred = true;
                d.year_from = Some(from.to_string());
            }
        }
        check_weekday(d);
    }
}

/// The first year of the one school year the dates name (a date of kind `school_year` in
/// the date rules, "rok szkolny 2023/2024": 2023, its two years consecutive); none when they
/// name none, or two different ones.
pub fn school_year(dates: &[Date]) -> Option<i32> {
    let mut found = None;
    for d in dates.iter().filter(|d| d.school_year) {
        let Some((a, b)) = d.value.split_once('/') else {
            continue;
        };
        let (Ok(a), Ok(b)) = (a.parse::<i32>(), b.parse::<i32>()) else {
            continue;
        };
        if (1000..10000).contains(&a) && b == a + 1 {
            if found.is_some_and(|f| f != a) {
                return None;
            }
            found = Some(a);
        }
    }
    found
}

/// Fills the year-less dates of a release about the school year that begins in September
/// of `first`: a day from September to December takes `first`, a day from January to
/// August the year after (`year_from` "text"), as [`resolve_years`] does.
pub fn resolve_school_years(dates: &mut [Date], first: i32) {
    for d in dates.iter_mut() {
        let month = d.value.strip_prefix("--").and_then(|v| v.get(..2));
        let year = match month.and_then(|m| m.parse::<u32>().ok()) {
            Some(m) if m < 9 => first + 1,
            _ => first,
        };
        resolve_years(std::slice::from_mut(d), Some((year, "text")));
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
    fn a_school_year_dates_the_days_of_its_release() {
        let date = |v: &str| Date {
            value: v.to_string(),
            school_year: v.contains('/'),
            ..Date::default()
        };
        let mut dates = vec![
            date("2024/2025"),
            date("--09-02"),
            date("--06-27"),
            date("2014/2020"),
        ];
        assert_eq!(school_year(&dates), Some(2024));
        resolve_school_years(&mut dates, 2024);
        assert_eq!(dates[1].value, "2024-09-02");
        assert_eq!(dates[2].value, "2025-06-27");
        assert_eq!(dates[2].year_from.as_deref(), Some("text"));
        assert_eq!(dates[3].value, "2014/2020");
        // two school years: none is the release's
        assert_eq!(school_year(&[date("2023/2024"), date("2024/2025")]), None);
        assert_eq!(school_year(&[date("2014/2020")]), None);
        // a range of two years that no school-year rule read ("na lata 2024-2025")
        let years = Date {
            school_year: false,
            ..date("2024/2025")
        };
        assert_eq!(school_year(&[years]), None);
    }

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
    fn fills_days_of_a_relative_month_across_years() {
        let jan = Ymd::new(2024, 1, 15).unwrap();
        assert_eq!(fill_month("---28", jan, 0).as_deref(), Some("2024-01-28"));
        assert_eq!(fill_month("---05", jan, -1).as_deref(), Some("2023-12-05"));
        assert_eq!(fill_month("---05", jan, 12).as_deref(), Some("2025-01-05"));
        assert_eq!(
            fill_month("---04/---08", jan, 1).as_deref(),
            Some("2024-02-04/2024-02-08")
        );
        // no 30 February; a value of another form is not filled
        assert_eq!(fill_month("---30", jan, 1), None);
        assert_eq!(fill_month("--01-05", jan, 0), None);
    }

    #[test]
    fn document_year_prefers_publication() {
        let d = |v: &str| Date {
            value: v.into(),
            ..Date::default()
        };
        let dates = [d("2018-08-01"), d("2018-09-01"), d("2021-03-31")];
        assert_eq!(document_year(&dates, None, None), Some((2018, "text")));
        // an interval of full days counts once, by its first day
        let spans = [d("2021-03-31"), d("2022-06-16/2022-06-30"), d("2022-07-01")];
        assert_eq!(document_year(&spans, None, None), Some((2022, "text")));
        let years = [d("2014/2020"), d("2022-06-16/2022-06-30")];
        assert_eq!(document_year(&years, None, None), Some((2022, "text")));
        assert_eq!(
            document_year(&dates, Ymd::new(2019, 1, 1), None),
            Some((2019, "publication"))
        );
        assert_eq!(
            document_year(&[], None, Ymd::new(2013, 2, 12)),
            Some((2013, "now"))
        );
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
        resolve_years(&mut dates, Some((2024, "publication")));
        assert_eq!(dates[0].value, "2023-03-15");
        assert_eq!(dates[0].year_from.as_deref(), Some("publication"));
        assert!(dates[0].year_inferred);
        assert_eq!(dates[1].value, "2024-02-06");
        assert_eq!(dates[1].weekday_mismatch, None);
        assert!(!dates[2].year_inferred);
        assert_eq!(dates[2].weekday_mismatch.as_deref(), Some("wtorek"));

        // 29 December 2023 was a Friday; 29 December 2024 is a Sunday
        let mut late = [Date {
            value: "--12-29".into(),
            weekday: Some((4, "piątek".into())),
            ..Date::default()
        }];
        resolve_years(&mut late, Some((2024, "text")));
        assert_eq!(late[0].value, "2023-12-29");
        assert_eq!(late[0].year_from.as_deref(), Some("weekday"));
        assert_eq!(late[0].weekday_mismatch, None);
    }

    #[test]
    fn months_and_years_alone_never_give_the_year() {
        let d = |v: &str| Date {
            value: v.into(),
            ..Date::default()
        };
        let dates = [
            d("2014/2020"),
            d("2024"),
            d("1267"),
            d("2019-03"),
            d("--06-04"),
        ];
        assert_eq!(document_year(&dates, None, None), None);
        assert_eq!(
            document_year(&dates, None, Ymd::new(2023, 1, 1)),
            Some((2023, "now"))
        );
    }
}
