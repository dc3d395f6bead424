//! Programme names: a span of years with no lead word that belongs to a programme's name
//! ("PROW 2014-2020", "Fundusze Europejskie dla Świętokrzyskiego 2021-2027") is not a date
//! (`[names]` of `rules/date/words.toml`).

use super::{read, DateRules};
use crate::rules::fold;
use std::ops::Range;

impl DateRules {
    /// Whether the date at `c` ends a patron's name: it opens with a capital (a month's
    /// name, no day: "im. Bohaterów Września 1939 r."), and a patron word ("im.") and then
    /// only capitalised words stand before it on its line, at most `patron_words`.
    pub(super) fn in_patron(&self, text: &str, c: &Range<usize>) -> bool {
        if !text[c.start..].starts_with(char::is_uppercase) {
            return false;
        }
        let lo = text.floor_char_boundary(c.start.saturating_sub(200));
        let before = &text[lo..c.start];
        let before = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
        let words = before
            .split(|ch: char| !ch.is_alphabetic())
            .filter(|w| !w.is_empty());
        for (n, w) in words.rev().enumerate() {
            if self.lex.patrons.contains(&fold(w)) {
                return n > 0;
            }
            if n >= self.lex.patron_words || !w.starts_with(char::is_uppercase) {
                return false;
            }
        }
        false
    }

    /// Whether the span of years `c` (read as `reading`, with no lead word) is part of a
    /// programme's name (`[names]` of words.toml): after an abbreviation in capitals, inside
    /// quotes, or at the end of a capitalised name in the nominative with a head word.
    pub(super) fn in_name(&self, text: &str, c: &Range<usize>, reading: &read::Reading) -> bool {
        let v = reading.value.as_bytes();
        if !(v.len() == 9 && v[4] == b'/') {
            return false;
        }
        let line_start = text[..c.start].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..c.start];
        // inside quotes: an opening quote not closed before the span
        let mut open = false;
        for ch in before.chars() {
            match ch {
                '„' | '«' => open = true,
                '”' | '»' => open = false,
                '"' | '“' => open = !open,
                _ => {}
            }
        }
        if open {
            return true;
        }
        let words: Vec<&str> = before
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let Some(last) = words.last() else {
            return false;
        };
        if before.trim_end().ends_with(char::is_alphabetic)
            && last.chars().count() >= 2
            && last.chars().all(char::is_uppercase)
        {
            return true;
        }
        // the capitalised name before the span (small words such as "dla" inside it)
        for w in words.iter().rev() {
            let first = w.chars().next().unwrap_or(' ');
            if first.is_uppercase() {
                if self.lex.name_heads.contains(&fold(w)) {
                    return true;
                }
            } else if w.chars().count() > 3 {
                return false;
            }
        }
        false
    }
}
