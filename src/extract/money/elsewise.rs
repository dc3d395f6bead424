//! Sums written otherwise than a number before its currency: the currency before the
//! number ("PLN 50 000,00", pattern `SumBefore`, with its cheap gate) and a number with a
//! large multiplier whose currency the sums before it give ("ponad 2,2 mln.", pattern
//! `SumImplied`).

use super::{sum, Candidate, MoneyRules, Place};
use regex::Captures;

impl MoneyRules {
    /// Whether a currency form (ASCII, any case) stands just before a number, with at most
    /// a space or a line break between: `SumBefore` matches nothing else that
    /// `sum_before` keeps (its forms are found again in lower case).
    pub(super) fn before_gate(&self, text: &str) -> bool {
        let Some(forms) = &self.before_ascii else {
            return true;
        };
        let b = text.as_bytes();
        let mut prev_digit = true;
        for (i, &c) in b.iter().enumerate() {
            let digit = c.is_ascii_digit();
            if digit && !prev_digit {
                let mut end = i;
                if end > 0 && matches!(b[end - 1], b' ' | b'\n') {
                    end -= 1;
                }
                if forms
                    .iter()
                    .any(|f| end >= f.len() && b[end - f.len()..end].eq_ignore_ascii_case(f))
                {
                    return true;
                }
            }
            prev_digit = digit;
        }
        false
    }

    /// "ponad 2,2 mln." after sums in zł: the currency is filled in from the sum before.
    pub(super) fn sum_implied(&self, text: &str, caps: &Captures, out: &mut Vec<Candidate>) {
        let Some(whole) = caps.get(0) else { return };
        // "2 mln mieszkańców", "2 mln zł" (a sum of its own): a word or number follows
        let next = text[whole.end()..].chars().find(|&c| c != ' ');
        if next.is_some_and(char::is_alphanumeric) {
            return;
        }
        let Some(value) = self.amount(caps, "num", "mult", None) else {
            return;
        };
        out.push(Candidate {
            range: whole.range(),
            sum: sum(value, "", caps.name("hedge").is_some()),
            pair: None,
            mult: None,
            listed_bare: false,
        });
    }

    /// "PLN 50 000,00".
    pub(super) fn sum_before(&self, text: &str, caps: &Captures, out: &mut Vec<Candidate>) {
        let (Some(curb), Some(whole)) = (caps.name("curb"), caps.get(0)) else {
            return;
        };
        if text[whole.end()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            return;
        }
        let Some(code) = self
            .currencies
            .get(&(curb.as_str().to_lowercase(), Place::Before))
        else {
            return;
        };
        let Some(value) = self.amount(caps, "num", "mult", None) else {
            return;
        };
        out.push(Candidate {
            range: whole.range(),
            sum: sum(value, code, caps.name("hedge").is_some()),
            pair: None,
            mult: caps.name("mult").map(|m| m.range()),
            listed_bare: false,
        });
    }
}
