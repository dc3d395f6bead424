//! The words around a date: lead words left out of its span ("w dniu"), words that make a
//! match no date ("ul. 3 Maja") and cited legal acts ("ustawą z dnia 17 lutego 1960 r.":
//! dates of the record that never give the release its year; `[citations]` of
//! `rules/date/words.toml`).

use super::DateRules;
use crate::rules::fold;

impl DateRules {
    /// Whether the word before a match makes it a street or a patron ("ul. 3 Maja"), or
    /// is a month name whose date did not read ("31 czerwca 2019 r.": not "2019 r.").
    pub(super) fn after_reject_word(&self, before: &str) -> bool {
        let b = before.trim_end().trim_end_matches('.');
        let w = b
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or_default();
        if w.is_empty() {
            return false;
        }
        let w = fold(w);
        self.lex.reject_before.contains(&w)
            || before.ends_with(' ') && self.lex.month_names.contains(&w)
    }

    /// The length of the words that open `span` but are not part of the date ("w dniu ").
    pub(super) fn lead_len(&self, span: &str) -> usize {
        let mut at = 0;
        loop {
            let rest = &span[at..];
            let w_end = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            let gap = match &rest[w_end..] {
                r if r.starts_with(". ") => 2,
                r if r.starts_with(' ') => 1,
                _ => return at,
            };
            if w_end == 0 || !self.lex.trim.contains(&fold(&rest[..w_end])) {
                return at;
            }
            at += w_end + gap;
        }
    }

    /// Whether the date at `range` is a site's calendar: a short line with a calendar word
    /// on it or on the next line with words ("Czwartek, 28 marca 2024" / "Imieniny: …").
    pub(super) fn calendar(&self, text: &str, range: &std::ops::Range<usize>) -> bool {
        let lo = text.floor_char_boundary(range.start.saturating_sub(200));
        let hi = text.floor_char_boundary((range.end + 300).min(text.len()));
        let start = text[lo..range.start].rfind('\n').map_or(lo, |i| lo + i + 1);
        let mut lines = text[start..hi].split('\n');
        let line = lines.next().unwrap_or_default();
        // the words of a line, counted up to one more than a calendar's line holds
        let words = |l: &str| {
            l.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(self.lex.calendar_words + 1)
                .count()
        };
        if words(line) > self.lex.calendar_words {
            return false;
        }
        let next = lines.find(|l| words(l) > 0).unwrap_or_default();
        [line, next].iter().any(|l| {
            fold(l)
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| self.lex.calendar.iter().any(|k| k == w))
        })
    }

    /// Whether the words right after a date ending at `end` make it recur every year
    /// ("do 31 marca każdego roku": `[recurring]`).
    pub(super) fn recurring(&self, text: &str, end: usize) -> bool {
        let hi = text.floor_char_boundary((end + 80).min(text.len()));
        let after = fold(text[end..hi].trim_start_matches([' ', ',']));
        self.lex.recurring.iter().any(|p| {
            after
                .strip_prefix(p.as_str())
                .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        })
    }

    /// Whether the date that starts at `start` in `text` is a cited act's: "z" right before
    /// it (lead words such as "dnia" between), and an act word at most `act_within` words
    /// before the "z", on the same line.
    pub(super) fn cited(&self, text: &str, start: usize) -> bool {
        let lo = text.floor_char_boundary(start.saturating_sub(300));
        let line = &text[lo..start];
        let line = line.rfind('\n').map_or(line, |i| &line[i + 1..]);
        let mut words = line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .rev()
            .map(fold)
            .skip_while(|w| self.lex.trim.contains(w));
        words.next().is_some_and(|z| z == "z")
            && words
                .take(self.lex.act_within + 1)
                .any(|w| self.lex.acts.contains(&w))
    }
}

/// A case-insensitive search for any of `words` as written or folded (no diacritics), or
/// none for no words: what [`super::DateRules::calendar`] looks for, in any text it could
/// find it in but one that keeps some of a word's diacritics and drops others.
pub(super) fn calendar_any(words: &[String]) -> Option<regex::Regex> {
    let alts: Vec<String> = words
        .iter()
        .flat_map(|w| [regex::escape(w), regex::escape(&fold(w))])
        .collect();
    (!alts.is_empty())
        .then(|| regex::Regex::new(&format!("(?i){}", alts.join("|"))).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use crate::extract::{date::DateRules, Extractor};
    use crate::rules::RuleFiles;

    #[test]
    fn a_date_after_an_act_and_z_is_cited() {
        let rules = DateRules::load(&RuleFiles::embedded()).unwrap();
        let cited = |text: &str, date: &str| rules.cited(text, text.find(date).unwrap());
        let t = "Medal ustanowiono ustawą z dnia 17 lutego 1960 r. o orderach.";
        assert!(cited(t, "17 lutego"));
        let t = "zgodnie z § 2 rozporządzenia Ministra Zdrowia i Opieki z 5 maja 2020 r.";
        assert!(cited(t, "5 maja"));
        // the act too far before the "z", another word before the date, another line
        let t = "ustawy, o której mówiono na spotkaniu sołtysów w sali gminy, z dnia 5 maja";
        assert!(!cited(t, "5 maja"));
        let t = "ustawy o samorządzie, podpisanej 5 maja 2020 r.";
        assert!(!cited(t, "5 maja"));
        let t = "Zmiany ustawy omówiono.\nZ dnia 5 maja obowiązuje nowy regulamin.";
        assert!(!cited(t, "5 maja"));
        let t = "Sesja odbyła się z dnia 5 maja na 6 maja.";
        assert!(!cited(t, "5 maja"));
    }
}
