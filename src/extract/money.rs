//! money extractor (rules in `rules/money/`): sums of money, exact, with the currency, the
//! hedge ("ok.", "blisko", "ponad") and the phrase that says what the money is.
//!
//! A sum is a number (digits with space or dot thousands and a decimal comma, or Polish
//! number words), an optional multiplier ("tys.", "mln", "miliardów") and a currency word
//! ("zł", "PLN", "euro"); ranges ("od 50 do 80 tys. zł") give both ends. Values are
//! computed in hundredths as integers (see `amount`).

mod amount;
mod before;
mod elsewise;
mod fact;
mod kind;
mod lean;
mod load;
mod phrase;
mod purpose;
mod ranges;
mod tables;

use super::{Context, Extractor, Found, Landing};
use crate::error::RuleError;
use crate::record::Sum;
use crate::rules::{alternation, RuleFiles};
use aho_corasick::AhoCorasick;
use amount::{add_units, format_cents, grosze, parse_number, scale, NumberWords};
use kind::KindRules;
use lean::CapturesAt;
use purpose::PurposeRules;
use ranges::Ranges;
use regex::{Captures, Regex};
use std::collections::HashMap;
use tables::{load_currencies, load_multipliers, Place};

/// A pattern that matches nothing (an empty class).
const NEVER: &str = "[a&&b]";

/// The money rules, loaded once.
#[derive(Debug)]
pub struct MoneyRules {
    sum_after: lean::SumAfter,
    sum_before: Regex,
    /// A number with a large multiplier and no currency ("ponad 2,2 mln."): a sum in the
    /// currency of the sum before it.
    sum_implied: Regex,
    /// Which opener takes which join in a range.
    ranges: Ranges,
    /// The cue words of sum kinds.
    kinds: KindRules,
    /// Where a sum may stand: the sum patterns run only on the paragraphs it matches in.
    trigger: Regex,
    /// The same at the end of the text.
    trigger_end: Regex,
    /// The forms of the line-end currencies (lower case): triggers before a line break.
    line_end_forms: Vec<String>,
    /// The ASCII bytes that lower-cased end a line-end form: a text ending in another
    /// ASCII byte ends with none of them.
    line_end_last: [bool; 128],
    /// The forms of `sum_before`'s currencies: the regex runs only where one occurs.
    before_forms: AhoCorasick,
    /// The same forms in lower case, when all are ASCII: then a form must stand just before
    /// a number (a space or a line break between) for `sum_before` to be worth running.
    before_ascii: Option<Vec<Vec<u8>>>,
    /// Lowercase form → factor in hundredths (1000 → 100 000).
    multipliers: HashMap<String, i128>,
    /// (lowercase form, place) → ISO code.
    currencies: HashMap<(String, Place), String>,
    words: NumberWords,
    purpose: PurposeRules,
    /// The words that make the sum after them a restatement of the one before ("słownie:").
    restated: Regex,
    /// A number with its multiplier and a list word, right before a sum (`listed`).
    listed: Regex,
}

/// A sum found, before its purpose is known.
struct Candidate {
    range: std::ops::Range<usize>,
    sum: Sum,
    /// The other end of a range ("od 50 do 80 tys. zł"): an index into the candidates.
    pair: Option<usize>,
    /// Where the sum's multiplier stands ("tys." of "10 tys. zł"), which a bare number
    /// listed before it takes ("5 i 10 tys. zł").
    mult: Option<std::ops::Range<usize>>,
    /// A bare number listed before a sum that took its multiplier ("5" of "5 i 10 tys.").
    listed_bare: bool,
}

impl Extractor for MoneyRules {
    type Finds = Vec<Found<Sum>>;

    fn load(files: &RuleFiles) -> Result<MoneyRules, RuleError> {
        MoneyRules::from_files(files)
    }

    /// The sums of money the document states, with their ranges in the normalised text.
    fn extract(&self, ctx: &Context) -> Vec<Found<Sum>> {
        self.extract_text(ctx.text, true)
    }

    /// The sums land in `sums`.
    fn land(&self, finds: Vec<Found<Sum>>, into: &mut Landing) {
        into.put(finds, false);
    }
}

impl MoneyRules {
    /// Which engine reads the phrase before a sum (`"reader"` or `"regex"`), as the rules
    /// loaded chose it.
    pub fn purpose_engine(&self) -> &'static str {
        self.purpose.engine()
    }

    /// The sums of `text`; with `filtered` false the sum patterns run over the whole
    /// text instead of the paragraphs the triggers pick (a test compares the two).
    fn extract_text(&self, text: &str, filtered: bool) -> Vec<Found<Sum>> {
        let mut cands = if filtered {
            self.candidates(text)
        } else {
            let (mut cands, mut before) = (Vec::new(), Vec::new());
            each_match(&self.sum_after, text, 0, |c| {
                self.sum_after(text, c, &mut cands)
            });
            each_match(&self.sum_before, text, 0, |c| {
                self.sum_before(text, c, &mut before)
            });
            cands.extend(before);
            cands
        };
        self.listed(text, &mut cands);
        // sums whose currency the sums before them give, after the first of those
        let real = cands.len();
        if let Some(first) = cands.iter().map(|c| c.range.end).min() {
            each_match(&self.sum_implied, text, first, |caps| {
                self.sum_implied(text, caps, &mut cands)
            });
        }
        self.finish(text, cands, real)
    }

    /// The candidates of the sum patterns, run on the paragraphs that hold a trigger:
    /// those of `sum_after`, then those of `sum_before`.
    fn candidates(&self, text: &str) -> Vec<Candidate> {
        let mut cands: Vec<Candidate> = Vec::new();
        let mut before: Vec<Candidate> = Vec::new();
        // No sum holds an empty line ("\n\n"), so the sums of the whole text are the sums of
        // its paragraphs, each searched on its own; a paragraph without a trigger has none
        // that the extractor keeps.
        let bytes = text.as_bytes();
        let tail = self.trigger_end.find(text).map(|m| m.start());
        // a line-end form's last byte, before a line break or the end of the text
        let mut line_ends = memchr::memchr_iter(b'\n', bytes)
            .chain(std::iter::once(text.len()))
            .filter(|&i| {
                // an ASCII character lower-cases to one ASCII character: the form's last
                i > 0
                    && (!bytes[i - 1].is_ascii()
                        || self.line_end_last[usize::from(bytes[i - 1].to_ascii_lowercase())])
                    && ends_with_form(&text[..i], &self.line_end_forms)
            })
            .map(|i| i - 1)
            .peekable();
        let mut floor = 0;
        loop {
            // `t`: a byte of the first trigger at or after `floor`
            while line_ends.next_if(|&i| i < floor).is_some() {}
            let found = self.trigger.find_at(text, floor).map(|m| m.start());
            let Some(t) = [
                found,
                line_ends.peek().copied(),
                tail.filter(|&t| t >= floor),
            ]
            .into_iter()
            .flatten()
            .min() else {
                break;
            };
            let start =
                memchr::memmem::rfind(&bytes[floor..t], b"\n\n").map_or(floor, |i| floor + i + 2);
            let end = memchr::memmem::find(&bytes[t..], b"\n\n").map_or(text.len(), |i| t + i);
            // the haystack ends with the paragraph but keeps the text before it, so that
            // `\b` sees the same byte before a match as in the whole text
            let hay = &text[..end];
            each_match(&self.sum_after, hay, start, |caps| {
                self.sum_after(text, caps, &mut cands)
            });
            let para = &text[start..end];
            if self.before_gate(para) && self.before_forms.is_match(para) {
                each_match(&self.sum_before, hay, start, |caps| {
                    self.sum_before(text, caps, &mut before)
                });
            }
            floor = end;
        }
        // the candidates of `sum_before` after all others, as one pass over the whole text
        // put them: ties in the sort below keep this order
        cands.extend(before);
        cands
    }

    /// The sums kept of the candidates (the first `real` with their own currency, the
    /// rest implied), with their purposes and kinds.
    fn finish(&self, text: &str, mut cands: Vec<Candidate>, real: usize) -> Vec<Found<Sum>> {
        // Earlier first; of two overlapping finds the earlier one stays.
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by_key(|&i| (cands[i].range.start, std::cmp::Reverse(cands[i].range.end)));
        let mut kept: Vec<usize> = Vec::with_capacity(order.len());
        for i in order {
            if kept
                .last()
                .is_none_or(|&k| cands[k].range.end <= cands[i].range.start)
            {
                kept.push(i);
            }
        }
        // a sum restated in words ("150 000 zł (słownie: sto pięćdziesiąt tysięcy złotych)")
        // is the sum before it, not another
        kept.retain(|&i| !self.restated(text, cands[i].range.start));
        // a sum that starts inside a number ("5.249,871,89 zł": separators mixed) or right
        // after a number's unit ("3 mln 196 131 tys. 61 zł") is an amount's tail, no sum
        kept.retain(|&i| {
            let start = cands[i].range.start;
            !amount::inside_number(text, start)
                && !amount::after_unit(text, start, &self.multipliers)
        });
        // an implied sum takes the currency of the nearest kept sum before it that has one
        let mut currency: Option<String> = None;
        kept.retain(|&i| {
            if i < real {
                currency = Some(cands[i].sum.currency.clone());
                return true;
            }
            match &currency {
                Some(c) => {
                    cands[i].sum.currency.clone_from(c);
                    true
                }
                None => false,
            }
        });
        // Purposes: each sum looks between the previous sum and the next one.
        let mut purposes: Vec<Option<String>> = vec![None; cands.len()];
        let mut kinds: Vec<&str> = vec![kind::OTHER; cands.len()];
        for (n, &i) in kept.iter().enumerate() {
            let prev_end = n.checked_sub(1).map_or(0, |p| cands[kept[p]].range.end);
            let next_start = kept
                .get(n + 1)
                .map_or(text.len(), |&k| cands[k].range.start);
            purposes[i] = self
                .purpose
                .find(text, cands[i].range.clone(), prev_end, next_start);
            kinds[i] = self
                .kinds
                .kind(text, cands[i].range.clone(), prev_end, next_start);
        }
        for &i in &kept {
            if let Some(p) = cands[i].pair {
                if purposes[i].is_none() {
                    purposes[i] = purposes[p].clone();
                }
                if kinds[i] == kind::OTHER {
                    kinds[i] = kinds[p];
                }
            }
        }
        kept.iter()
            .map(|&i| {
                let mut sum = cands[i].sum.clone();
                sum.purpose = purposes[i].clone();
                sum.kind = Some(kinds[i].to_string());
                Found::new(cands[i].range.clone(), sum)
            })
            .collect()
    }

    /// "ok. 56 tys. zł", "od 50 do 80 tys. zł", "pięćdziesiąt sześć tysięcy złotych".
    fn sum_after(&self, text: &str, caps: &Captures, out: &mut Vec<Candidate>) {
        let Some(cur) = caps.name("cur") else { return };
        let form = cur.as_str().to_lowercase();
        let next = text[cur.end()..].chars().next();
        let (code, line_end) = match self.currencies.get(&(form.clone(), Place::After)) {
            Some(c) => (c, false),
            None => match self.currencies.get(&(form, Place::LineEnd)) {
                Some(c) => (c, true),
                None => return,
            },
        };
        if line_end {
            // "56 tys. z" cut at the end of a line: only when it reads as money.
            let moneyish = caps.name("mult").is_some()
                || caps
                    .name("num")
                    .is_some_and(|n| n.as_str().contains([',', ' ']));
            if !(next.is_none() || next == Some('\n')) || !moneyish {
                return;
            }
        } else if cur.as_str().ends_with(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric)
        {
            return; // "euro" of "europejskich"
        }
        let hedge = caps.name("hedge");
        let Some(mut value) = self.amount(caps, "num", "mult", None) else {
            return;
        };
        let mut end = cur.end();
        if let Some(gr) = grosze(text, caps, code) {
            value += gr.0;
            end = gr.1;
        }
        let Some(body) = caps.name("num").or_else(|| caps.name("words")) else {
            return;
        };
        let approximate = hedge.is_some();
        let low = caps.name("lo").and_then(|lo| {
            let inherited = caps.name("mult").map(|m| m.as_str());
            let lo_value = self.amount(caps, "lo", "lomult", inherited)?;
            let from = caps.name("from").map(|f| f.as_str());
            let join = caps.name("join").map_or("", |j| j.as_str());
            self.ranges
                .accepts(from, join, lo_value, value)
                .then_some((lo, lo_value))
        });
        let hi_start = if low.is_some() {
            body.start()
        } else {
            hedge.map_or(body.start(), |h| h.start())
        };
        let hi_index = out.len();
        out.push(Candidate {
            range: hi_start..end,
            sum: sum(value, code, approximate),
            pair: None,
            mult: caps.name("mult").map(|m| m.range()),
            listed_bare: false,
        });
        if let Some((lo, lo_value)) = low {
            let end = caps.name("lomult").map_or(lo.end(), |m| m.end());
            let start = hedge.map_or(lo.start(), |h| h.start());
            out[hi_index].pair = Some(hi_index + 1);
            out.push(Candidate {
                range: start..end,
                sum: sum(lo_value, code, approximate),
                pair: Some(hi_index),
                mult: None,
                listed_bare: false,
            });
        }
    }

    /// The amount in hundredths of the number in group `num` (or the words in `words`,
    /// when `num` is the high end) times the multiplier in group `mult` (or `inherited`).
    fn amount(
        &self,
        caps: &Captures,
        num: &str,
        mult: &str,
        inherited: Option<&str>,
    ) -> Option<i128> {
        let value = match caps.name(num) {
            Some(n) => {
                let (mantissa, decimals) = parse_number(n.as_str())?;
                let factor = match caps.name(mult).map(|m| m.as_str()).or(inherited) {
                    Some(m) => *self.multipliers.get(&m.to_lowercase())?,
                    None => 100,
                };
                let value = scale(mantissa, decimals, factor)?;
                match caps.name("more").filter(|_| num == "num") {
                    Some(more) => add_units(value, factor, more.as_str(), &self.multipliers)?,
                    None => value,
                }
            }
            None if num == "num" => self.words.value(caps.name("words")?.as_str())?,
            None => return None,
        };
        (value > 0).then_some(value)
    }
}

/// Whether `head` ends with a string whose lower case is one of `forms` (lower case).
fn ends_with_form(head: &str, forms: &[String]) -> bool {
    forms.iter().any(|f| {
        // each character lowers to one or more: the string has at most as many as `f`
        head.char_indices()
            .rev()
            .take(f.chars().count())
            .any(|(j, _)| head[j..].chars().flat_map(char::to_lowercase).eq(f.chars()))
    })
}

/// Calls `f` on each match of `re` in `hay` from `at` on, as `captures_iter` would.
fn each_match<'h>(
    re: &impl CapturesAt,
    hay: &'h str,
    mut at: usize,
    mut f: impl FnMut(&Captures<'h>),
) {
    while let Some(caps) = re.captures_at(hay, at) {
        f(&caps);
        match caps.get(0) {
            // an empty match (neither sum pattern has one) would not move on
            Some(m) if m.end() > at => at = m.end(),
            _ => break,
        }
    }
}

fn sum(cents: i128, code: &str, approximate: bool) -> Sum {
    Sum {
        value: format_cents(cents),
        currency: code.to_string(),
        approximate,
        purpose: None,
        kind: None,
    }
}

/// `alt`, or a pattern that matches nothing when it is empty (an empty alternation would
/// match the empty string).
fn or_never(alt: String) -> String {
    if alt.is_empty() {
        NEVER.to_string()
    } else {
        alt
    }
}

#[cfg(test)]
mod tests;
