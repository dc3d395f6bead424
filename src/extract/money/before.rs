//! What stands just before a sum on its line: "słownie", making it a restatement of the sum
//! before (pattern `Restated`), or sums listed before it that share its currency ("250 tys.
//! i 30 tys. zł", "1,2 mln, 800 tys. oraz 300 tys. zł"). A number with its multiplier, joined to the sum after it by
//! a list word or a comma (pattern `ListedBefore`), is a sum in that sum's currency. A
//! short bare number takes the sum's multiplier too: "5 i 10 tys. zł" is 5 and 10 thousand,
//! as "od 5 do 10 tys. zł" is.

use super::{sum, Candidate, MoneyRules};

/// How far before a sum (bytes) the words of `restated` and `listed` are looked for.
const LOOK_BACK: usize = 48;

/// Where the words before a sum starting at `start` are looked at from: [`LOOK_BACK`] bytes
/// before it at most, on its line, at a character boundary.
fn look_back(text: &str, start: usize) -> usize {
    let line = text[..start].rfind('\n').map_or(0, |n| n + 1);
    let mut from = start.saturating_sub(LOOK_BACK).max(line);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

impl MoneyRules {
    /// Whether the words before a sum starting at `start` (on its line) say that it restates
    /// the sum before it (`Restated` of patterns.toml: "słownie:").
    pub(super) fn restated(&self, text: &str, start: usize) -> bool {
        self.restated.is_match(&text[look_back(text, start)..start])
    }

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
        let mut from = look_back(text, end);
        // a window cut short starts at a space, so that it never starts inside a number
        if from > 0 && !text[..from].ends_with('\n') {
            from += text[from..end].find(' ')?;
        }
        let window = &text[from..end];
        // (most sums have none: the quick test first, the groups only for a match)
        if !self.listed.is_match(window) {
            return None;
        }
        let caps = self.listed.captures(window)?;
        let num = caps.name("num")?;
        let (end, mult, inherited) = match caps.name("mult") {
            Some(m) => (m.end(), Some(from + m.start()..from + m.end()), None),
            None => {
                // joined by a list word, or by a comma inside such a list ("5, 10 i 15 tys.
                // zł"; not "Zadanie 3, 150 tys. zł"), and no number before it
                let joined = caps.name("word").is_some() || c.listed_bare;
                let before = text[..from + num.start()].trim_end_matches([' ', '(']);
                if !joined || before.ends_with(|c: char| c.is_ascii_digit()) {
                    return None;
                }
                match c.mult.clone() {
                    // "5 i 10 tys. zł": the sum's multiplier (not "1 500 i 10 tys. zł")
                    Some(of_sum) if bare_number(num.as_str()) => {
                        (num.end(), Some(of_sum.clone()), Some(&text[of_sum]))
                    }
                    // "300, 200 i 100 zł", "1 500 i 1 000 zł": in the currency's units
                    None if plain_amount(num.as_str()) => (num.end(), None, None),
                    _ => return None,
                }
            }
        };
        let value = self.amount(&caps, "num", "mult", inherited)?;
        Some(Candidate {
            range: from + num.start()..from + end,
            sum: sum(value, &c.sum.currency, c.sum.approximate),
            pair: Some(i),
            listed_bare: caps.name("mult").is_none(),
            mult,
        })
    }
}

/// A number listed before a sum without a multiplier that is an amount of the currency:
/// at most three digits, or thousands apart ("300", "12,50", "1 500"; not "2024").
fn plain_amount(num: &str) -> bool {
    let whole = num.split(',').next().unwrap_or(num);
    bare_number(num) || whole.contains([' ', '.'])
}

/// A number short enough to take the multiplier of the sum after it: at most three digits
/// before a decimal comma, no thousands ("5", "2,5"; not "1 500", "2024").
fn bare_number(num: &str) -> bool {
    let whole = num.split(',').next().unwrap_or(num);
    (1..=3).contains(&whole.len()) && whole.bytes().all(|b| b.is_ascii_digit())
}
