//! What stands between an office and a name: a dash, a signature mark, a courtesy title,
//! ranks; a name set off by commas; a signature's name on the line below the office; a double
//! surname with a stray space at its hyphen.

use super::*;

impl OfficialRules {
    /// Whether the name `h` read after its office, in the nominative, is followed by an
    /// office of its own that agrees with it and has no name after it ("W imieniu Wójta
    /// Gminy – Anna Lis Zastępca Wójta podziękowała": Anna Lis is the deputy, read back from
    /// that office; not "dla Wójta Jana Nowaka Przewodniczący Rady złożył").
    pub(super) fn own_office_after(&self, toks: &Toks, h: &Hit) -> bool {
        let k = h.last + 1;
        if !h.person.cases.meets(Cases::NOM)
            || !toks.get(k).is_some_and(|t| t.is_word())
            || around::line_break(toks, k)
        {
            return false;
        }
        let forms = self.lex.office(toks.str(k));
        !forms.is_empty()
            && forms
                .iter()
                .any(|f| f.agrees(h.person.gender, h.person.cases))
            && self.forward(toks, k, k, forms).is_none()
    }

    /// Whether a comma at `j` goes on to another office whose holder is named after a
    /// courtesy title ("…, sekretarz stanu, pełnomocnik rządu ds. … pan Edward Siarka"):
    /// the office before the comma is one of that person's, not the name's before it.
    pub(super) fn offices_of_the_next(&self, toks: &Toks, j: usize) -> bool {
        if !toks.get(j).is_some_and(|t| t.is_punct(','))
            || !toks.get(j + 1).is_some_and(|t| t.is_word())
        {
            return false;
        }
        let forms = self.lex.office(toks.str(j + 1));
        !forms.is_empty()
            && self.forward(toks, j + 1, j + 1, forms).is_some_and(|h| {
                (h.complement.end..h.last).any(|k| word_in(&self.lex.honorifics, toks, k))
            })
    }

    /// Is the name at token `k` a priest's: a clergy word before it, titles and dots
    /// between ("ks. dr. Jana Nowaka dziekana")?
    pub(super) fn clergy_before(&self, toks: &Toks, k: usize) -> bool {
        let mut b = k;
        while let Some(p) = b.checked_sub(1) {
            let t = toks.at(p);
            if word_in(&self.lex.clergy, toks, p) {
                return true;
            }
            if !(t.is_punct('.') || word_in(&self.lex.clergy_titles, toks, p)) || k - p > 6 {
                return false;
            }
            b = p;
        }
        false
    }

    /// Is token `k` right after a patron marker ("im.")?
    pub(super) fn after_patron(&self, toks: &Toks, k: usize) -> bool {
        self.lex
            .patron_markers
            .iter()
            .any(|m| k >= m.len() && matches_pieces(toks, k - m.len(), m) == Some(m.len()))
    }

    /// A name set off by commas after the office, then a lower-case word ("Wójt Gminy Kije,
    /// Dariusz Mazurkiewicz, podziękował"), or after a comma at the end of its sentence or
    /// line, or after a comma and before a lower-case word that joins no one to it
    /// ("wojewoda lubuski, Władysław Dajczak wznowił spotkania", not when that word is an
    /// office: then the name is its); a capitalised word after
    /// the second comma makes it a list of people, not an apposition.
    pub(super) fn apposition(
        &self,
        toks: &Toks,
        first: usize,
        j: usize,
        agree: &dyn Fn(Gender, Cases) -> bool,
    ) -> Option<(Person, usize)> {
        if !toks.get(j)?.is_punct(',') {
            return None;
        }
        let (person, last) = self.name_at(toks, self.skip_zone(toks, j + 1), Some(agree))?;
        let list_item = first > 0 && toks.at(first - 1).is_punct(',');
        let closed = match toks.get(last + 1) {
            // the sentence, the clause or the line ends with the name ("Sesję prowadziła
            // przewodnicząca Rady Powiatu, Małgorzata Sowa."), unless the office is itself
            // an item of a list ("udział wzięli: sołtysi, skarbnik, Anna Zawada.")
            None => !list_item,
            Some(t) if t.is_punct('.') || t.is_punct(';') || t.is_punct('\n') => !list_item,
            // not an office after the name: "wójt, Jan Nowak przewodniczący rady" lists Jan
            // Nowak with his own office
            Some(t) if t.is_word() => {
                !list_item
                    && !capitalised(toks.str(last + 1))
                    && !self.coordinator_at(toks, last + 1)
                    && self.lex.office(toks.str(last + 1)).is_empty()
            }
            Some(t) => {
                t.is_punct(',')
                    && toks
                        .get(last + 2)
                        .is_some_and(|t| t.is_word() && !capitalised(toks.str(last + 2)))
            }
        };
        closed.then_some((person, last))
    }

    /// The name of a signature: the office (from `first`) alone on its line up to the line
    /// break at `j`, then on the next line a name alone (after a mark or a rank), also after
    /// a blank line ("Wójt Gminy", a blank line, "Jan Nowak": a page's paragraphs).
    pub(super) fn signed(
        &self,
        toks: &Toks,
        first: usize,
        mut j: usize,
        agree: &dyn Fn(Gender, Cases) -> bool,
    ) -> Option<(Person, usize)> {
        let line_break = |k: usize| line_break(toks, k);
        let line_start = first == 0 || line_break(first - 1);
        if line_break(j) && line_break(j + 1) && toks.has(j + 2) && !line_break(j + 2) {
            j += 1;
        }
        if !line_break(j) || !line_start || line_break(j + 1) {
            return None;
        }
        let (person, last) = self.name_at(toks, self.skip_zone(toks, j + 1), Some(agree))?;
        (!toks.has(last + 1) || line_break(last + 1)).then_some((person, last))
    }

    /// The signature mark at token `k` ("/-/"): the tokens it takes.
    fn signature_mark(&self, toks: &Toks, k: usize) -> usize {
        self.lex
            .signature_marks
            .iter()
            .find(|m| {
                m.iter()
                    .enumerate()
                    .all(|(n, &c)| toks.get(k + n).is_some_and(|t| t.is_punct(c)))
            })
            .map_or(0, Vec::len)
    }

    /// Skips a dash, a signature mark, a courtesy title and ranks before a name.
    pub(super) fn skip_zone(&self, toks: &Toks, mut k: usize) -> usize {
        k += self.signature_mark(toks, k);
        if toks.has(k) && (toks.at(k).is_punct('-') || toks.at(k).is_punct(':')) {
            k += 1;
        } else if toks.has(k + 1)
            && toks.at(k).is_punct(',')
            && word_in(&self.lex.honorifics, toks, k + 1)
        {
            // "Dyrektorem Zarządu Dróg, Panem Adamem Wroną"
            k += 1;
        }
        if toks.has(k) && word_in(&self.lex.honorifics, toks, k) {
            k += 1;
        }
        for _ in 0..3 {
            let Some(n) = self
                .lex
                .ranks
                .get(toks.str(k))
                .into_iter()
                .flatten()
                .filter_map(|r| matches_pieces(toks, k, r))
                .max()
            else {
                break;
            };
            k += n;
        }
        k
    }

    /// A double surname whose hyphen lost the space on one side ("Alicja Sowińska- Gawron",
    /// "Sowińska -Gawron"), or has spaces on both in a list where a dash follows ("Monika Żak
    /// – Kruk – Burmistrz"): the person with the two parts joined, when the register knows
    /// both and the second is no office word ("Kowalski- Wójt Gminy" is a name and its
    /// office).
    pub(super) fn split_double_surname(
        &self,
        toks: &Toks,
        k: usize,
        first: &str,
        s1: &str,
        agree: Option<&dyn Fn(Gender, Cases) -> bool>,
    ) -> Option<(Person, usize)> {
        let (a, dash, b) = (toks.get(k + 1)?, toks.get(k + 2)?, toks.get(k + 3)?);
        // the bytes of space before and after the dash: one on one side only, or one on
        // both in a list where a dash leads on to the office ("Monika Żak – Kruk – Burmistrz")
        let spaced = match (dash.start - a.end, b.start - dash.end) {
            (0, 1) | (1, 0) => true,
            (1, 1) => toks.get(k + 4).is_some_and(|t| t.is_punct('-')),
            _ => false,
        };
        let s2 = toks.str(k + 3);
        if !dash.is_punct('-')
            || !spaced
            || !b.is_word()
            || !capitalised(s2)
            || self.names.is_first_name(s2)
            || !self.lex.office(s2).is_empty()
            || toks.text[a.end..b.start].contains('\n')
        {
            return None;
        }
        let p = self.names.person(first, &[&format!("{s1}-{s2}")], agree)?;
        (p.known == 2).then_some((p, k + 3))
    }
}

/// Whether token `k` is a line break.
pub(super) fn line_break(toks: &Toks, k: usize) -> bool {
    toks.get(k).is_some_and(|t| t.is_punct('\n'))
}
