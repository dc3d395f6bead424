//! Day dates as the event stage compares them: a year (when known), a month and a day.

use crate::civil::days_from_civil;

/// A day date: year (when known), month, day.
pub type DayKey = (Option<i32>, u8, u8);

/// Parses a point day date "2019-06-04" or a year-less one "--06-04".
pub fn day_key(value: &str) -> Option<DayKey> {
    if value.contains('/') {
        return None;
    }
    let (year, md) = match value.strip_prefix("--") {
        Some(md) => (None, md),
        None => {
            let (y, md) = value.split_at_checked(4)?;
            (Some(y.parse::<i32>().ok()?), md.strip_prefix('-')?)
        }
    };
    let (m, d) = md.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some((year, month, day))
}

/// "2019-06-04", or "--06-04" without a year.
pub fn day_string(k: DayKey) -> String {
    match k.0 {
        Some(y) => format!("{y:04}-{:02}-{:02}", k.1, k.2),
        None => format!("--{:02}-{:02}", k.1, k.2),
    }
}

/// Two day dates that may be the same day (a missing year fits any).
pub fn compatible(a: DayKey, b: DayKey) -> bool {
    a.1 == b.1 && a.2 == b.2 && (a.0.is_none() || b.0.is_none() || a.0 == b.0)
}

/// The day's number (days from 1970-01-01), a missing year taken as `year`.
pub fn day_number(k: DayKey, year: i32) -> i64 {
    days_from_civil(k.0.unwrap_or(year), u32::from(k.1), u32::from(k.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_keys() {
        assert_eq!(day_key("2019-06-04"), Some((Some(2019), 6, 4)));
        assert_eq!(day_key("--06-04"), Some((None, 6, 4)));
        assert_eq!(day_key("2014/2020"), None);
        assert_eq!(day_key("2019-06"), None);
        assert_eq!(day_key("--07-01/--07-15"), None);
        assert_eq!(day_key("2019-13-04"), None);
        assert!(compatible((None, 6, 4), (Some(2019), 6, 4)));
        assert!(!compatible((Some(2018), 6, 4), (Some(2019), 6, 4)));
        assert_eq!(day_string((None, 6, 4)), "--06-04");
        assert_eq!(
            day_number((Some(2020), 3, 1), 0) - day_number((None, 2, 28), 2020),
            2
        );
    }
}
