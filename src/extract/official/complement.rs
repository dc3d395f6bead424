//! The words of an office's complement ("Gminy Kije", "Szkoły Podstawowej nr 2 im. Jana
//! Pawła II w Kielcach"): one token at a time.

use super::*;

impl OfficialRules {
    /// One more complement token at `j`; returns the index after what it took.
    pub(super) fn complement_step(
        &self,
        toks: &Toks,
        j: usize,
        forms: &[OfficeForm],
    ) -> Option<usize> {
        let t = toks.get(j)?;
        match t.kind {
            Kind::Number => Some(j + 1),
            Kind::Punct('(') | Kind::Punct(')') => Some(j + 1),
            // a quoted name ("Prezes Stowarzyszenia „Razem dla Kij” Elżbieta Kowal"), whole
            Kind::Punct('"') => (j + 1..=j + MAX_QUOTED)
                .take_while(|&q| toks.get(q).is_some_and(|t| !t.is_punct('\n')))
                .find(|&q| toks.at(q).is_punct('"'))
                .filter(|&q| q > j + 1)
                .map(|q| q + 1),
            Kind::Punct('.') => {
                let prev = toks.get(j.checked_sub(1)?)?;
                (prev.is_word() && self.lex.role_abbreviations.contains(toks.str(j - 1)))
                    .then_some(j + 1)
            }
            Kind::Punct(',') => self.listed_in_name(toks, j).then_some(j + 1),
            // "Warmińsko – Mazurskiego Urzędu": a compound adjective with a spaced dash
            Kind::Punct(_) if compound_dash(&self.lex, toks, j) => Some(j + 1),
            Kind::Punct(_) => None,
            Kind::Word => {
                // a patron takes its capitalised words with it
                for m in &self.lex.patron_markers {
                    if let Some(n) = matches_pieces(toks, j, m) {
                        let mut k = j + n;
                        while toks.has(k) && toks.at(k).is_word() {
                            let w = toks.str(k);
                            // a title or an initial with its dot ("gen.", "F.")
                            let dotted = (self.lex.patron_titles.contains(w)
                                || capitalised(w) && w.chars().count() == 1)
                                && toks.get(k + 1).is_some_and(|t| t.is_punct('.'));
                            if dotted {
                                k += 2;
                            } else if capitalised(w) || self.lex.patron_lower.contains(w) {
                                k += 1;
                            } else {
                                break;
                            }
                        }
                        return Some(k);
                    }
                }
                let w = toks.str(j);
                if self.lex.honorifics.contains(w) {
                    return None;
                }
                let other = self.lex.office(w);
                if !other.is_empty() {
                    let after_and = j
                        .checked_sub(1)
                        .is_some_and(|p| self.coordinator_at(toks, p));
                    let both_nom = other.iter().any(|o| o.cases.meets(Cases::NOM))
                        && forms.iter().any(|f| f.cases.meets(Cases::NOM));
                    // only an office in the genitive is the role's ("Zastępca Dyrektora");
                    // a title as written in the nominative is the next person's ("dyrektora
                    // PCPR wicedyrektor Centrum Aleksandrze Witoszek")
                    let low = toks.low(j);
                    let genitive = other
                        .iter()
                        .any(|o| o.cases.meets(Cases::GEN) && *low != *o.lemma);
                    return (!after_and && !both_nom && genitive).then_some(j + 1);
                }
                // "z Posterunku Policji": a unit after the office
                if self.lex.unit_connectors.contains(w) {
                    let unit = toks.get(j + 1).is_some_and(|t| t.is_word())
                        && self.lex.units.contains(toks.str(j + 1));
                    return unit.then_some(j + 1);
                }
                if capitalised(w)
                    || self.lex.connectors.contains(w)
                    || self.lex.role_nouns.contains(w)
                    || after_ds(toks, j)
                {
                    return Some(j + 1);
                }
                let lower = toks.low(j);
                if self.lex.institution_nouns.contains_key(&*lower) {
                    return Some(j + 1);
                }
                // a lowercase adjective stands in a role after the office word or after
                // another lowercase word ("komendant miejski", "referatu gospodarki
                // komunalnej"); after a name it is the next phrase's ("Wójta Gminy Lipnica
                // pamiątkowy puchar")
                let after_name = j.checked_sub(1).is_some_and(|p| {
                    let w = toks.str(p);
                    toks.at(p).is_word() && capitalised(w) && self.lex.office(w).is_empty()
                });
                // an adjective in -ą agrees only with a word in -ą before it ("komendantką
                // miejską"); after "szkoły" it is the next phrase's ("dyrektora szkoły
                // pamiątkową statuetkę")
                let agrees = !lower.ends_with('ą') || toks.low(j - 1).ends_with('ą');
                (!after_name && agrees && self.lex.is_role_adjective(&lower)).then_some(j + 1)
            }
        }
    }

    /// The comma at `j` opens a list inside a department's name, closed by a joiner: ",
    /// Sportu i Turystyki" ("Zastępca Dyrektora Departamentu Kultury, Sportu i Turystyki"),
    /// after one of `listing_nouns`. A first name or an office word after it is a person or
    /// another title.
    fn listed_in_name(&self, toks: &Toks, j: usize) -> bool {
        let name_word = |q: usize| {
            toks.get(q).is_some_and(|t| t.is_word())
                && capitalised(toks.str(q))
                && !self.names.is_first_name(toks.str(q))
                && self.lex.office(toks.str(q)).is_empty()
        };
        let listing = (j.saturating_sub(4)..j)
            .any(|b| toks.at(b).is_word() && self.lex.listing_nouns.contains(toks.str(b)));
        if !listing {
            return false;
        }
        let mut q = j + 1;
        let mut seen = false;
        while toks.has(q) {
            if name_word(q) {
                seen = true;
            } else if !(seen && toks.at(q).is_punct(',')) {
                break;
            }
            q += 1;
        }
        seen && toks.get(q).is_some_and(|t| t.is_word())
            && self.lex.coordinators.contains(toks.str(q))
            && name_word(q + 1)
    }
}

/// Whether token `k` is the dash of a compound adjective its writer spaced ("Warmińsko –
/// Mazurskiego"): a capitalised word before it whose ending is one of `compound_endings`
/// (`institution/words.toml`), a capitalised word after it.
pub(super) fn compound_dash(lex: &Lexicon, toks: &Toks, k: usize) -> bool {
    let word = |i: usize| toks.get(i).is_some_and(|t| t.is_word()) && capitalised(toks.str(i));
    let dash = toks
        .get(k)
        .is_some_and(|t| t.is_punct('-') || t.is_punct('–'));
    dash && k > 0
        && word(k - 1)
        && word(k + 1)
        && crate::words::is_compound_part(toks.str(k - 1), &lex.compound_endings)
}

/// Whether the lower-case word at `j` names the field of a role after "ds." ("inspektor ds.
/// inwestycji", "pełnomocnik … ds. promocji polskiej marki"): "ds." and at most two more
/// lower-case words before it.
fn after_ds(toks: &Toks, j: usize) -> bool {
    let mut p = j;
    for _ in 0..3 {
        let Some(b) = p.checked_sub(1) else {
            return false;
        };
        if toks.at(b).is_punct('.') {
            return b > 0 && toks.at(b - 1).is_word() && toks.str(b - 1) == "ds";
        }
        if !toks.at(b).is_word() || capitalised(toks.str(b)) {
            return false;
        }
        p = b;
    }
    false
}
