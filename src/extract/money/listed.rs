//! Sums listed before a sum that shares their currency: "250 tys. i 30 tys. zł", "1,2 mln,
//! 800 tys. oraz 300 tys. zł". A number with its multiplier, joined to the sum after it by
//! a list word or a comma (pattern `ListedBefore`), is a sum in that sum's currency. The
//! number needs its own multiplier: in "5 i 10 tys. zł" the reader cannot tell 5 zł from
//! 5 tys. zł.

use super::{sum, Candidate, MoneyRules};

/// How far before a sum (bytes) a listed sum and its joiner are looked for.
const WITHIN: usize = 48;

impl MoneyRules {
    /// Adds to `cands` the sums listed before each sum with a currency (and before those,
    /// in turn), each paired with the sum it shares the currency of.
    pub(super) fn listed(&self, text: &str, cands: &mut Vec<Candidate>) {
        let mut i = 0;
        while i < cands.len() {
            if let Some(found) = self.listed_before(text, &cands[i], i) {
                cands.push(found);
            }
            i += 1;
        }
    }

    /// The sum listed right before candidate `c` (number `i`), if any.
    fn listed_before(&self, text: &str, c: &Candidate, i: usize) -> Option<Candidate> {
        let end = c.range.start;
        let line = text[..end].rfind('\n').map_or(0, |n| n + 1);
        let mut from = end.saturating_sub(WITHIN).max(line);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        // the window starts at a space, so that it never starts inside a number
        if from > line {
            from += text[from..end].find(' ')?;
        }
        let window = &text[from..end];
        // (most sums have none: the quick test first, the groups only for a match)
        if !self.listed.is_match(window) {
            return None;
        }
        let caps = self.listed.captures(window)?;
        let num = caps.name("num")?;
        let mult = caps.name("mult")?;
        let value = self.amount(&caps, "num", "mult", None)?;
        Some(Candidate {
            range: from + num.start()..from + mult.end(),
            sum: sum(value, &c.sum.currency, c.sum.approximate),
            pair: Some(i),
        })
    }
}
