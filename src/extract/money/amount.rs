//! Exact amounts: written numbers become hundredths of the currency's unit (grosze,
//! eurocents) as `i128`; no floating point anywhere.

use crate::error::RuleError;
use crate::rules::Tsv;
use std::collections::HashMap;

/// Hundredths per unit.
const CENTS: i128 = 100;

/// The grosze written after a sum in złote ("2 460 zł 50 gr"), with where they end: only
/// after a whole number of PLN with no multiplier, and not before a letter or digit
/// ("5 zł 12 grudnia").
pub fn grosze(text: &str, caps: &regex::Captures, code: &str) -> Option<(i128, usize)> {
    let minor = caps.name("minor")?;
    let whole = caps.name("num").is_some_and(|n| !n.as_str().contains(','));
    let free = !text[minor.end()..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    if code != "PLN" || caps.name("mult").is_some() || !whole || !free {
        return None;
    }
    let gr: i128 = caps.name("gr")?.as_str().parse().ok()?;
    Some((gr, minor.end()))
}

/// A decimal number as written in a rule file ("1000", "0.5"), in hundredths.
pub fn parse_decimal_cents(s: &str) -> Option<i128> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    if int.is_empty() && frac.is_empty() || frac.len() > 2 {
        return None;
    }
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let i: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut f: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    if frac.len() == 1 {
        f *= 10;
    }
    i.checked_mul(CENTS)?.checked_add(f)
}

/// A number as the sum patterns match it: "12 893 583,46", "4.875.257,14", "2,6", "50,-",
/// "12.50". Returns the digits as an integer and the number of decimals.
pub fn parse_number(s: &str) -> Option<(i128, u32)> {
    let (int, frac) = match s.split_once(',') {
        // "48 215, 30": a stray space after the comma
        Some((i, f)) => (i, f.trim_start_matches(' ').trim_matches('-')),
        None => match dot_decimal(s) {
            Some((i, f)) => (i, f),
            None => (s, ""),
        },
    };
    let mut mantissa: i128 = 0;
    let mut digits = 0usize;
    for b in int.bytes().chain(frac.bytes()) {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa
                    .checked_mul(10)?
                    .checked_add(i128::from(b - b'0'))?;
                digits += 1;
            }
            b' ' | b'.' | b'\n' => {}
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    Some((mantissa, frac.len() as u32))
}

/// "12.50" (one or two digits after the last dot) is a decimal point, not thousands; so
/// is the last dot after thousands ("40 500.00", "268.320.00").
fn dot_decimal(s: &str) -> Option<(&str, &str)> {
    let (i, f) = s.rsplit_once('.')?;
    if f.is_empty() || f.len() > 2 {
        return None;
    }
    Some((i, f))
}

/// `value` (hundredths, the last unit `factor`) plus the further units of a mixed
/// amount ("300 tys." after "2 mln", "123 tys. 550" after "4 mln"), the units' factors in
/// `multipliers` (lower-case form → hundredths): each unit smaller
/// than the one before and each number below it; else no amount.
pub fn add_units(
    mut value: i128,
    mut factor: i128,
    more: &str,
    multipliers: &HashMap<String, i128>,
) -> Option<i128> {
    let mut rest = more.trim_start();
    while !rest.is_empty() {
        let n_end = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '-')))
            .unwrap_or(rest.len());
        let (n, tail) = rest.split_at(n_end);
        let (mantissa, decimals) = parse_number(n)?;
        let tail = tail.trim_start();
        let m_end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        let unit = match multipliers.get(&tail[..m_end].to_lowercase()) {
            Some(&f) if m_end > 0 => f,
            // the last number, in units of the currency
            _ if tail.is_empty() => 100,
            _ => return None,
        };
        let part = scale(mantissa, decimals, unit)?;
        if unit >= factor || part >= factor {
            return None;
        }
        value = value.checked_add(part)?;
        factor = unit;
        rest = tail[m_end..].trim_start();
    }
    Some(value)
}

/// `mantissa / 10^decimals * factor`, in hundredths, rounded half up.
pub fn scale(mantissa: i128, decimals: u32, factor_cents: i128) -> Option<i128> {
    let num = mantissa.checked_mul(factor_cents)?;
    let den = 10i128.checked_pow(decimals)?;
    let q = num / den;
    Some(if (num % den) * 2 >= den { q + 1 } else { q })
}

/// Hundredths as the contract writes a value: "56000.00".
pub fn format_cents(c: i128) -> String {
    format!("{}.{:02}", c / CENTS, c % CENTS)
}

/// What a number word does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum WordKind {
    /// Adds up ("pięćdziesiąt sześć").
    Number,
    /// Multiplies what stands before it ("tysięcy").
    Scale,
    /// A scale word that may start a number on its own ("tysiąc").
    ScaleOne,
}

/// The number words of `number_words.tsv`, lowercase form → (value in hundredths, kind).
#[derive(Debug, Default)]
pub struct NumberWords {
    words: HashMap<String, (i128, WordKind)>,
}

impl NumberWords {
    pub fn load(tsv: &Tsv) -> Result<NumberWords, RuleError> {
        let (f, v, k) = (
            tsv.column("form")?,
            tsv.column("value")?,
            tsv.column("kind")?,
        );
        let mut words = HashMap::new();
        for row in &tsv.rows {
            let value = parse_decimal_cents(&row.fields[v]).ok_or_else(|| {
                tsv.error(
                    row,
                    format!("value {:?} is not a decimal number", row.fields[v]),
                )
            })?;
            let kind = match row.fields[k].as_str() {
                "number" => WordKind::Number,
                "scale" => WordKind::Scale,
                "scale_one" => WordKind::ScaleOne,
                other => {
                    return Err(tsv.error(
                        row,
                        format!("kind {other:?} is not one of number, scale, scale_one"),
                    ))
                }
            };
            words.insert(row.fields[f].to_lowercase(), (value, kind));
        }
        Ok(NumberWords { words })
    }

    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(String::as_str)
    }

    /// "pięćdziesiąt sześć tysięcy" → 5 600 000 hundredths. `None` when the words do not
    /// make a number (a plural scale word first: "tysięcy" alone is not 1000).
    pub fn value(&self, words: &str) -> Option<i128> {
        let mut total: i128 = 0;
        let mut current: i128 = 0;
        for (i, w) in words.split_whitespace().enumerate() {
            let (v, kind) = *self.words.get(&w.to_lowercase())?;
            match kind {
                WordKind::Number => current = current.checked_add(v)?,
                WordKind::Scale | WordKind::ScaleOne => {
                    if i == 0 && kind == WordKind::Scale {
                        return None;
                    }
                    let base = if current == 0 { CENTS } else { current };
                    // v is the factor in hundredths: base * factor / 100
                    total = total.checked_add(base.checked_mul(v)? / CENTS)?;
                    current = 0;
                }
            }
        }
        let sum = total.checked_add(current)?;
        (sum > 0).then_some(sum)
    }
}

/// Whether byte `start` of `text` follows a digit and a dot or a comma: the match starts
/// inside a number it could not read whole.
pub fn inside_number(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    start >= 2 && matches!(b[start - 1], b'.' | b',') && b[start - 2].is_ascii_digit()
}

/// Whether the sum at byte `start` of `text` comes right after a number and a multiplier
/// ("3 mln 196 131 tys. 61 zł": units that do not fit below each other, so the whole was
/// not read): it would be the tail of an amount, not a sum.
pub fn after_unit(text: &str, start: usize, multipliers: &HashMap<String, i128>) -> bool {
    let before = text[..start].trim_end_matches([' ', '\n']);
    let word = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let (rest, w) = before.split_at(word);
    let w = w.to_lowercase();
    !w.is_empty()
        && (multipliers.contains_key(&w) || multipliers.contains_key(w.trim_end_matches('.')))
        && rest
            .trim_end_matches([' ', '\n'])
            .ends_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_exact() {
        let n = |s| parse_number(s).unwrap();
        assert_eq!(n("12 893 583,46"), (1_289_358_346, 2));
        assert_eq!(n("4.875.257,14"), (487_525_714, 2));
        assert_eq!(n("2,6"), (26, 1));
        assert_eq!(n("50,-"), (50, 0));
        assert_eq!(n("12.50"), (1250, 2));
        assert_eq!(n("2.600"), (2600, 0));
        assert_eq!(n("40 500.00"), (4_050_000, 2));
        assert_eq!(n("268.320.00"), (26_832_000, 2));
        assert_eq!(n("4.875.257"), (4_875_257, 0));
        assert_eq!(parse_number("x"), None);
        assert_eq!(scale(26, 1, 1_000_000_000 * CENTS), Some(260_000_000_000));
        assert_eq!(format_cents(260_000_000_000), "2600000000.00");
        assert_eq!(scale(1234, 3, CENTS), Some(123)); // 1,234 → 1.23
        assert_eq!(scale(1235, 3, CENTS), Some(124));
        assert_eq!(parse_decimal_cents("0.5"), Some(50));
        assert_eq!(parse_decimal_cents("1000"), Some(100_000));
        assert_eq!(parse_decimal_cents("1.x"), None);
    }

    #[test]
    fn a_tail_after_a_unit_or_inside_a_number_is_seen() {
        let m: HashMap<String, i128> = [("mln".to_string(), 100), ("tys.".to_string(), 1)]
            .into_iter()
            .collect();
        let t = "kwotą 3 mln 196 131 tys. 61 zł";
        assert!(after_unit(t, t.find("196").unwrap(), &m));
        let t = "kwotą 3 mln zł i 196 131 zł";
        assert!(!after_unit(t, t.find("196").unwrap(), &m));
        let t = "wynosi mln zł, a 196 zł";
        assert!(!after_unit(t, t.find("196").unwrap(), &m));
        let t = "Koszt 5.249,871,89 zł";
        assert!(inside_number(t, t.find("871").unwrap()));
        assert!(!inside_number(t, t.find("5.").unwrap()));
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let s = "9".repeat(60);
        assert_eq!(parse_number(&s), None);
        assert_eq!(scale(i128::MAX / 10, 0, 1000), None);
    }
}
