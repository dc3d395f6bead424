//! Weekdays written with no date beside them ("W niedzielę w Węglewicach odbyły się
//! dożynki"): not dates of the record (the gold counts none), but the event stage reads
//! the happening's day from such a weekday and the publication line (`src/sketch/
//! weekday.rs`). Only the accusative forms of `weekdays.tsv` (kind `acc`, the form after
//! "w"/"we"), as whole words, and none that a date found by the rules holds or that
//! opens one ("w niedzielę, 9 czerwca").

use crate::text::words::WordSearch;
use std::ops::Range;

/// The accusative weekday forms, searched at once.
#[derive(Debug)]
pub struct Weekdays {
    /// Each form's weekday (0 = Monday).
    search: WordSearch<u32>,
}

impl Weekdays {
    /// The search of `forms` (lower case), each also with a capital first letter.
    pub fn new(forms: &[(String, u32)]) -> Result<Weekdays, String> {
        let search = WordSearch::new(forms.iter().map(|(f, w)| (f.as_str(), *w)))
            .ok_or("the forms cannot be searched")?;
        Ok(Weekdays { search })
    }

    /// Each weekday word of `text` (its range and weekday) that is a whole word, inside
    /// none of `dates` (sorted by start, not overlapping) and not followed by one.
    pub fn find(&self, text: &str, dates: &[Range<usize>]) -> Vec<(Range<usize>, u32)> {
        self.search
            .find_iter(text)
            .filter(|(m, _)| {
                // the first date that ends after the weekday starts: inside it, or right
                // after the weekday past spaces, commas and an opening bracket
                let i = dates.partition_point(|d| d.end <= m.start);
                let after = text[m.end..]
                    .find(|c: char| !matches!(c, ' ' | ',' | '(' | '\u{a0}'))
                    .map_or(text.len(), |k| m.end + k);
                dates.get(i).is_none_or(|d| d.start > m.start.max(after))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_accusative_words_outside_dates() {
        let w = Weekdays::new(&[("sobotę".into(), 5), ("niedzielę".into(), 6)]).unwrap();
        let text = "W niedzielę odbyły się dożynki. W sobotę, 9 czerwca festyn. Niedzielę \
                    wolną. Sobotęx";
        let date = text.find("9 czerwca").unwrap();
        let dates: Vec<Range<usize>> = std::iter::once(date..date + "9 czerwca".len()).collect();
        let found = w.find(text, &dates);
        let words: Vec<(&str, u32)> = found.iter().map(|(r, d)| (&text[r.clone()], *d)).collect();
        assert_eq!(words, [("niedzielę", 6), ("Niedzielę", 6)]);
        // a weekday inside a date's range
        let inside = text.find("sobotę").unwrap();
        let around: Vec<Range<usize>> = std::iter::once(inside - 2..date + 9).collect();
        assert_eq!(w.find(text, &around).len(), 2);
    }
}
