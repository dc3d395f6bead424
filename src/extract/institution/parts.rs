//! The parts of an institution's name after its head: the complement in the genitive, a
//! proper name, a number, a patron, a quoted name and the places of its seat.

use super::*;

impl InstitutionRules {
    /// The complement from token `k`: capitalised words, joined by "i" or by a list of
    /// commas closed by "i" ("Rodziny, Pracy i Polityki Społecznej"). Returns its end,
    /// its word count and whether its last word is a territorial unit ("Gminy").
    pub(super) fn complement(&self, t: &Toks, mut k: usize, caps: bool) -> (usize, usize, bool) {
        let lex = &self.lex;
        let mut words = 0;
        let mut unit_last = false;
        // A letter with a dot is an initial or a legal form ("S.A."), not a word of the name.
        let initial = |j: usize| t.str(j).chars().nth(1).is_none() && t.is_punct(j + 1, '.');
        // A word with a dot that opens a legal form ("Sp. z o.o.", pattern Company) ends it too.
        let legal = |j: usize| {
            t.is_punct(j + 1, '.')
                && (t.text.get(t.tok(j).start..)).is_some_and(|rest| self.company.is_match(rest))
        };
        let ok = |j: usize, unit_before: bool| {
            self.name_word(t, j)
                && !initial(j)
                && !legal(j)
                // In capitals every word is capitalised: only a unit and its name.
                && (!caps || lex.is_unit(t.str(j)) || unit_before)
        };
        // "na rzecz Rozwoju", "nad Demokracją": a preposition joined to the name and a word
        // of it after: the token after the phrase
        let prep = |j: usize| {
            lex.comp_preps.iter().find_map(|p| {
                let n = p.len();
                let fits = (0..n).all(|m| {
                    t.is_word(j + m)
                        && t.joined(j + m)
                        && crate::words::lower_eq(t.str(j + m), &p[m])
                });
                (fits && ok(j + n, false)).then_some(j + n)
            })
        };
        // A person after the name ("… Pomocy Społecznej Jana Kowalskiego"): a first name,
        // then a surname (not "II", not a second first name: "Jana Pawła"), not after a
        // saint's word or another name.
        let person = |j: usize| {
            t.is_word(j)
                && lex.is_person_form(t.str(j))
                && ok(j + 1, false)
                && t.str(j + 1).chars().any(char::is_lowercase)
                && !lex.is_person_form(t.str(j + 1))
                && !lex.is_saint(t.str(j - 1))
                && !lex.is_person_form(t.str(j - 1))
        };
        // An office in the genitive may open a complement of two words or more
        // ("Kancelaria Prezesa Rady Ministrów"); elsewhere it stands before a person ("Pani
        // Urszuli Nowak").
        let office_first = t.joined(k)
            && t.is_capitalised(k)
            && !caps
            && lex.is_stop(t.str(k))
            && !lex.is_first_name(t.str(k))
            && ok(k + 1, false)
            && !person(k + 1);
        // "Fundacja na rzecz Rozwoju Wsi": a complement opened by a preposition
        if let Some(n) = prep(k).filter(|_| !caps) {
            words += 1;
            k = n;
        } else if !(ok(k, false) || office_first)
            || !lex.opens_complement(t.str(k), t.joined(k + 1).then(|| t.str(k + 1)))
        {
            return (k, 0, false);
        }
        if office_first {
            words += 1;
            k += 1;
        }
        while words < lex.limits.complement_words {
            if person(k) {
                break;
            }
            if ok(k, unit_last) {
                unit_last = lex.is_unit(t.str(k));
                words += 1;
                k += 1;
                continue;
            }
            if words == 0 || !t.joined(k) {
                break;
            }
            if let Some(n) = prep(k) {
                k = n;
                continue;
            }
            // "Fundacja Królowej św. Jadwigi": a saint's title inside the complement
            if t.is_word(k) && lex.is_saint(t.str(k)) && t.is_punct(k + 1, '.') && ok(k + 2, false)
            {
                k += 2;
                continue;
            }
            let w = lower(t.str(k));
            // not a second institution: "Ośrodkiem Kultury i Gminną Biblioteką", "Urzędu
            // Gminy i GKRPA" (an abbreviation in a name not written in capitals)
            if t.is_word(k)
                && lex.is_joiner(&w)
                && ok(k + 1, false)
                && !lex.is_head_form(t.str(k + 1))
                && (caps || !t.is_all_caps(k + 1))
                && !(ok(k + 2, false) && lex.is_head_form(t.str(k + 2)))
            {
                k += 1;
                continue;
            }
            // ", Pracy i Polityki": a list inside the complement, closed by a joiner; not
            // after a unit ("Urzędu Gminy, Policji i Pogotowia": bodies listed)
            if t.is_punct(k, ',') && !caps && !unit_last {
                let mut u = k + 1;
                let mut seen = false;
                let mut closed = false;
                while t.has(u) && t.joined(u) {
                    if ok(u, false) && !lex.is_head_form(t.str(u)) {
                        seen = true;
                    } else if t.is_punct(u, ',') && seen {
                    } else if seen
                        && t.is_word(u)
                        && lex.is_joiner(&lower(t.str(u)))
                        && ok(u + 1, false)
                        && !lex.is_head_form(t.str(u + 1))
                    {
                        closed = true;
                        break;
                    } else {
                        break;
                    }
                    u += 1;
                }
                if closed {
                    k = u + 1;
                    continue;
                }
            }
            break;
        }
        (k, words, unit_last)
    }

    /// A proper name at token `k` ("OSP Busówno", "Nadleśnictwo Staszów"): capitalised
    /// words with a lower-case letter, not a head, a stop word or a first name. Its end.
    pub(super) fn proper_name(&self, t: &Toks, k: usize) -> Option<usize> {
        let lex = &self.lex;
        let good = |j: usize| {
            t.joined(j)
                && t.is_word(j)
                && t.is_capitalised(j)
                && t.str(j).chars().any(char::is_lowercase)
                && t.str(j).chars().count() > 2
                && !lex.is_head_form(t.str(j))
                && !lex.is_stop(t.str(j))
                && !lex.is_person_form(t.str(j))
                && !lex.is_unit(t.str(j))
        };
        // a second word only when the two make a place's name with an adjective in the
        // nominative ("OSP Nowa Wieś", "OSP Wola Radziszowska"), not a person after it
        let adjective = |j: usize| {
            [lexicon::Gender::M, lexicon::Gender::F, lexicon::Gender::N]
                .into_iter()
                .any(|g| lex.adjective(t.str(j), g, false, 0).is_some())
        };
        let mut e = k;
        while e - k < lex.limits.name_words
            && good(e)
            && (e == k || adjective(e - 1) || adjective(e))
        {
            e += 1;
        }
        (e > k).then_some(e)
    }

    /// "nr 1" at token `k`: the token after it.
    pub(super) fn number_at(&self, t: &Toks, k: usize) -> Option<usize> {
        if !t.joined(k) || !self.lex.is_number(&lower(t.str(k))) {
            return None;
        }
        let at = t.tok(k).start;
        let m = self.number.find(t.text.get(at..)?)?;
        let end = t.at_byte(at + m.end());
        (end > k + 1).then_some(end)
    }

    /// "im. Jana Pawła II" at token `k`.
    pub(super) fn patron_at(&self, t: &Toks, k: usize) -> Option<usize> {
        if !t.joined(k) || !self.lex.is_patron(&lower(t.str(k))) || !t.is_punct(k + 1, '.') {
            return None;
        }
        let lex = &self.lex;
        let mut j = k + 2;
        let mut words = 0;
        let mut named = false;
        // a first name of the patron was read ("Wacława")
        let mut first_name = false;
        while words < lex.limits.patron_words && t.joined(j) {
            let w = t.str(j);
            // a title or an initial with its dot: "gen.", "ks.", "F."
            let initial = t.is_capitalised(j) && w.chars().count() == 1;
            // a first name after the patron's first name and surname is another person's
            // ("im. ks. Wacława Rabczyńskiego Lucynie Bejm"); right after a first name it is
            // the patron's second ("im. Jana Pawła II"), after a title the patron's first
            // ("im. Marszałka Józefa Piłsudskiego")
            let person_form = lex.is_person_form(w);
            let person_after = first_name && person_form && !lex.is_person_form(t.str(j - 1));
            first_name |= person_form;
            if (initial || lex.is_patron_title(&lower(w))) && t.is_punct(j + 1, '.') {
                j += 2;
            } else if person_after {
                break;
            } else if t.is_capitalised(j) && !lex.is_location(w) {
                named = true;
                j += 1;
            } else if lex.is_patron_lower(w) {
                j += 1;
            } else if named
                && lex.is_coordinator(&lower(w))
                && t.joined(j + 1)
                && t.is_capitalised(j + 1)
                && !lex.is_location(t.str(j + 1))
                && !lex.is_head_form(t.str(j + 1))
            {
                // two patrons (not a second institution: "… II i Przedszkole"): "im. Żwirki i Wigury", "im. Cyryla i Metodego"
                j += 1;
            } else {
                break;
            }
            words += 1;
        }
        // the patron ends with a capitalised word ("gen." alone is none)
        while j > k + 2 && !(t.is_word(j - 1) && t.is_capitalised(j - 1)) {
            j -= 1;
        }
        // or with a year ("im. Bohaterów Września 1939 r.", "im. Powstańców 1863 roku")
        let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
        if named && j > k + 2 && t.joined(j) && year(t.str(j)) {
            j += 1;
            if t.joined(j) && lex.is_year_word(t.str(j)) {
                j += 1 + usize::from(t.is_punct(j + 1, '.'));
            }
        }
        (named && j > k + 2).then_some(j)
    }

    /// A quoted name at token `k` ("Razem dla Tuczęp"), with a name in capitals after it.
    pub(super) fn quote_at(&self, t: &Toks, k: usize) -> Option<usize> {
        if !t.joined(k) || !t.is_punct(k, '"') {
            return None;
        }
        let mut j = k + 1;
        while t.has(j) && t.joined(j) && !t.is_punct(j, '"') {
            if j - k > self.lex.limits.quoted_words {
                return None;
            }
            j += 1;
        }
        if !t.is_punct(j, '"') || j == k + 1 || !t.is_capitalised(k + 1) {
            return None;
        }
        j += 1;
        if t.joined(j) && t.is_all_caps(j) {
            j += 1;
        }
        Some(j)
    }

    /// The seat at token `k` ("w Kielcach"); for a plural, the coordinated seats
    /// ("w Białymstoku, Kielcach i Lublinie"). Each with its preposition as written.
    pub(super) fn places(&self, t: &Toks, k: usize, plural: bool) -> Vec<(String, Range<usize>)> {
        let lex = &self.lex;
        let mut out = Vec::new();
        if !t.joined(k) || !t.is_word(k) {
            return out;
        }
        let prep = t.str(k);
        if !lex.is_location(prep) {
            return out;
        }
        let Some((mut j, r)) = self.place(t, k + 1) else {
            return out;
        };
        out.push((prep.to_string(), r));
        while plural && t.has(out.len()) {
            let sep = t.is_punct(j, ',') || lex.is_coordinator(&lower(t.str(j)));
            if !t.joined(j) || !sep {
                break;
            }
            match self.place(t, j + 1) {
                // not a second seat but a second body in the nominative ("Filia Biblioteki w
                // Witoni oraz Świetlica Środowiskowa w Kozankach") or the instrumental ("…
                // w Ciechanowie, Wodnym Ochotniczym Pogotowiem"): a place after "w" is in the
                // locative, whose words never end so; nor the adjectives of a second body's
                // head ("… w Ciechanowie, Wodnym Ochotniczym Pogotowiem")
                Some((e, _))
                    if (j + 1..e).any(|w| lex.not_locative(t.str(w)))
                        || (t.joined(e) && lex.is_head_form(t.str(e))) =>
                {
                    break
                }
                Some((e, r)) => {
                    out.push((prep.to_string(), r));
                    j = e;
                }
                None => break,
            }
        }
        out
    }

    /// One place from token `j`: a capitalised word and the words that belong to it.
    pub(super) fn place(&self, t: &Toks, j: usize) -> Option<(usize, Range<usize>)> {
        let lex = &self.lex;
        let good = |j: usize| {
            t.joined(j)
                && t.is_capitalised(j)
                && !lex.is_head_form(t.str(j))
                && !lex.is_stop(t.str(j))
        };
        if !good(j) {
            return None;
        }
        let mut e = j + 1;
        while e - j < lex.limits.place_words
            && good(e)
            && lex.place_continues(t.str(e - 1), t.str(e))
        {
            e += 1;
        }
        // "Biblioteki w Europejskich Dniach Dziedzictwa": a happening, not a seat
        if (j..e).any(|w| lex.not_place(t.str(w))) {
            return None;
        }
        Some((e, t.tok(j).start..t.tok(e - 1).end))
    }

    /// Whether token `j` may be a word of a name: capitalised, joined to the word before,
    /// not a stop word, and not a seat's preposition or a number word in any letter case
    /// ("Nr 2" after a complement is the number's; "Klubu Seniora W spotkaniu": a
    /// preposition after a lost full stop).
    fn name_word(&self, t: &Toks, j: usize) -> bool {
        let lex = &self.lex;
        t.joined(j)
            && t.is_capitalised(j)
            && !lex.is_stop(t.str(j))
            && !lex.is_location_or_number_any_case(t.str(j))
    }

    /// Whether the name goes on at token `k` in a word the reader does not take into it: a
    /// word of a name ([`Self::name_word`]) that is not an abbreviation, a person's name or
    /// a head (each of which ends a name).
    pub(super) fn goes_on(&self, t: &Toks, k: usize) -> bool {
        let lex = &self.lex;
        self.name_word(t, k)
            && t.is_word(k)
            && !t.is_all_caps(k)
            && !lex.is_person_form(t.str(k))
            && !lex.is_first_name(t.str(k))
            && !lex.is_head_form(t.str(k))
    }

    /// The first part of a compound adjective written with a spaced dash before the
    /// adjective at `p` ("Warmińsko – Mazurskiego", "Szkolno- Przedszkolnego"): a capitalised
    /// word of four letters or more with an ending of `compound_endings`, the dash between.
    pub(super) fn compound_first(&self, t: &Toks, p: usize) -> Option<usize> {
        let f = p.checked_sub(2)?;
        (is_dash(t, p - 1) && t.joined(p) && t.joined(p - 1) && self.compound_part(t, f))
            .then_some(f)
    }

    /// The adjective after the first part of a compound at `k` ("Szkolno – Wychowawczy").
    pub(super) fn compound_second(&self, t: &Toks, k: usize) -> Option<usize> {
        (is_dash(t, k + 1)
            && t.joined(k + 1)
            && t.joined(k + 2)
            && t.is_capitalised(k + 2)
            && self.compound_part(t, k))
        .then_some(k + 2)
    }

    fn compound_part(&self, t: &Toks, f: usize) -> bool {
        t.is_word(f) && t.is_capitalised(f) && self.lex.is_compound_part(t.str(f))
    }
}

/// Whether token `k` is a hyphen or a dash.
fn is_dash(t: &Toks, k: usize) -> bool {
    t.is_punct(k, '-') || t.is_punct(k, '–')
}
