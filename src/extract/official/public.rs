//! Offices that are not public ones: a firm's ("prezes" in a sentence naming a firm or a
//! contractor) and a site's or a parish's ("kierownik budowy", "inspektor nadzoru").

use super::{Hit, OfficialRules};
use crate::text::tokens::Toks;

impl OfficialRules {
    /// Is the bare office of `hit` ("prezes Jan Nowak") a firm's, its sentence naming a
    /// firm or a contractor before it?
    pub(super) fn for_a_firm(&self, text: &str, toks: &Toks, hit: &Hit) -> bool {
        if !hit.complement.is_empty()
            || hit.head != hit.office
            || !self.lex.company_offices.contains(hit.form.lemma.as_str())
        {
            return false;
        }
        let p = toks.at(hit.office).start;
        let line = text[..p].rfind('\n').map_or(0, |n| n + 1);
        // the sentence: after the last full stop followed by a space and a capital
        let b = text.as_bytes();
        let start = (line..p)
            .rev()
            .find(|&k| {
                b[k] == b'.'
                    && b.get(k + 1) == Some(&b' ')
                    && text[k + 2..].chars().next().is_some_and(char::is_uppercase)
            })
            .map_or(line, |k| k + 1);
        text[start..p]
            .split(|c: char| !c.is_alphabetic())
            .any(|w| !w.is_empty() && self.lex.company_words.contains(w))
    }

    /// Is the office word at `i` a function of a firm, a site or a parish ("inspektor
    /// nadzoru", "kierownik budowy")?
    pub(super) fn not_public(&self, toks: &Toks, i: usize) -> bool {
        toks.get(i + 1)
            .is_some_and(|t| t.is_word() && self.lex.not_public.contains(toks.str(i + 1)))
    }
}
