//! Dates of cited legal acts ("ustawą z dnia 17 lutego 1960 r."): dates of the record that
//! never give the release its year (`[citations]` of `rules/date/words.toml`).

use super::DateRules;
use crate::rules::fold;

impl DateRules {
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
