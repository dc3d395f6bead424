//! Calendar arithmetic on the proleptic Gregorian calendar: enough for validating dates,
//! checking weekdays and comparing days, without a date-time dependency.

use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    /// The year (2019).
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, from 1.
    pub day: u32,
}

impl Ymd {
    /// A valid day, or `None` (31 June, 29 February of a common year).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Ymd> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Ymd { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Ymd> {
        let mut it = s.splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Ymd::new(y, m, d)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.days() + 3).rem_euclid(7) as u32
    }

    /// The day `days` after 1970-01-01 (the inverse of [`Ymd::days`]; Howard Hinnant's
    /// civil-from-days).
    pub fn from_days(days: i64) -> Ymd {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Ymd { year, month, day }
    }
}

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `year` is a leap year of the Gregorian calendar.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1 to 12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Howard Hinnant's days-from-civil.
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_and_validity() {
        assert_eq!(Ymd::new(2019, 6, 4).unwrap().weekday(), 1); // a Tuesday
        assert_eq!(Ymd::new(2013, 2, 18).unwrap().weekday(), 0); // a Monday
        assert!(Ymd::new(2023, 2, 29).is_none());
        assert!(Ymd::new(2024, 2, 29).is_some());
        assert_eq!(Ymd::parse("2018-08-01").unwrap().to_string(), "2018-08-01");
        assert_eq!(Ymd::new(1970, 1, 1).unwrap().days(), 0);
    }

    #[test]
    fn from_days_is_the_inverse_of_days() {
        // every day from 1600 to 2400 against the day-by-day count
        let mut want = Ymd::new(1600, 1, 1).unwrap();
        for n in want.days()..Ymd::new(2400, 12, 31).unwrap().days() {
            assert_eq!(Ymd::from_days(n), want);
            want = Ymd::new(want.year, want.month, want.day + 1)
                .or_else(|| Ymd::new(want.year, want.month + 1, 1))
                .or_else(|| Ymd::new(want.year + 1, 1, 1))
                .unwrap();
        }
        assert_eq!(Ymd::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Ymd::from_days(-1).to_string(), "1969-12-31");
    }
}
