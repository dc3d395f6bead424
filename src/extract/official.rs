//! official extractor (rules in `rules/official/`).
//!
//! An official is an office word followed by its complement and a person's name
//! ("Starostę Staszowskiego – Pana Józefa Żółciaka", "wójt gminy Raków Sławomir Dudek"),
//! or a name followed by a dash or comma and the office ("Andrzej Bętkowski - Marszałek
//! Województwa Świętokrzyskiego"), or an office and a name a verb apart ("przewodniczącą
//! Rady wybrana została Bożena Krawiec"). The name comes back to the nominative through
//! `names::Names`, the role through the office table and the adjective endings.

mod around;
mod complement;
mod head;
mod lexicon;
mod list;
mod names;
mod public;
mod role;

use super::facts::Columns;
use super::{Context, Extractor, Fact, Found, Landing};
use crate::error::RuleError;
use crate::record::Official;
use crate::rules::RuleFiles;
use crate::text::tokens::{self, capitalised, Kind, Toks};
use lexicon::{Cases, Gender, Lexicon, OfficeForm};
use names::{Names, Person};

use crate::text::words::{lower_eq, LowerMap};

/// The official rules, loaded once.
#[derive(Debug)]
pub struct OfficialRules {
    lex: Lexicon,
    names: Names,
}

/// Longest run of complement tokens after an office word.
const MAX_COMPLEMENT: usize = 14;
/// The most tokens a quoted name inside a role spans, its closing quote included.
const MAX_QUOTED: usize = 8;

/// A person found beside an office word.
struct Hit {
    /// Token range of the mention (from the head of the role: "I", "Vice", "Małopolski").
    first: usize,
    last: usize,
    /// The first token of the role (before `office` when an ordinal, a detached prefix
    /// or an adjective stands there).
    head: usize,
    office: usize,
    form: OfficeForm,
    /// Complement tokens of the role.
    complement: std::ops::Range<usize>,
    person: Person,
    /// The person holds the office as acting ("p.o. dyrektora", "obowiązki dyrektora
    /// pełni …").
    acting: bool,
}

impl Extractor for OfficialRules {
    type Finds = Vec<Found<Official>>;

    /// Reads the office words and the name lists (`rules/official/`).
    fn load(files: &RuleFiles) -> Result<OfficialRules, RuleError> {
        Ok(OfficialRules {
            lex: Lexicon::load(files)?,
            names: Names::load(files)?,
        })
    }

    /// The officials the document names, with their ranges in the normalised text.
    fn extract(&self, ctx: &Context) -> Vec<Found<Official>> {
        let text = ctx.text;
        let starts = ctx.word_starts();
        // the tokens before an office word that are looked at: the name, a dash and a
        // patron marker before the name (see `backward`)
        let margin = 8 + self
            .lex
            .patron_markers
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        let toks = Toks::new(text, 0);
        let toks = &toks;
        let mut out: Vec<Found<Official>> = Vec::new();
        let mut keys: Vec<(String, String)> = Vec::new();
        // the end of the last mention: no later one starts before it
        let mut used = 0;
        // plural titles that may head a list one name a line, read after the others
        let mut vertical = Vec::new();
        for (n, w) in starts.iter().enumerate() {
            let p = w.at;
            if p < used || !self.lex.office_may_start(w.head, text, p) {
                continue;
            }
            let forms = self.lex.office(tokens::word_at(text, p));
            if forms.is_empty() {
                continue;
            }
            // the tokens from `margin` words before on (all of them near the start)
            let from = n.checked_sub(margin).map_or(0, |m| starts[m].at);
            toks.reset(from);
            let Some(i) = toks.index_of(p) else {
                continue;
            };
            let head = head::head(&self.lex, &|w| self.names.is_first_name(w), toks, i, used);
            // "im. Marszałka Józefa Piłsudskiego": a patron's title, not an office held
            if head.former || self.not_public(toks, i) || self.after_patron(toks, head.first) {
                continue;
            }
            let hits = if list::is_plural(forms) {
                let hits = self.list(toks, head.first, i, forms);
                if hits.is_empty() {
                    vertical.push((from, head.first, i, forms));
                }
                hits
            } else {
                let hit = self.forward(toks, i, head.first, forms).map(|mut h| {
                    (h.first, h.head) = (head.first, head.first);
                    h
                });
                let back = || self.backward(toks, head.first, i, forms, used);
                // "Panu Janowi Lisowi, Posłowi na Sejm, Panu Adamowi Nowakowi, Staroście":
                // an office between commas is the name's before it
                let hit = match hit {
                    Some(h) if (h.complement.end..h.last).any(|k| toks.at(k).is_punct(',')) => {
                        back().or(Some(h))
                    }
                    Some(h) if self.own_office_after(toks, &h) => back(),
                    None => back(),
                    h => h,
                };
                hit.into_iter().collect()
            };
            for mut hit in hits {
                hit.acting |= head.acting;
                used = toks.at(hit.last).end;
                if self.for_a_firm(text, toks, &hit) {
                    continue;
                }
                self.push(toks, &hit, &mut out, &mut keys);
            }
        }
        for (from, first, i, forms) in vertical {
            toks.reset(from);
            for hit in self.vertical_list(toks, first, i, forms) {
                self.push(toks, &hit, &mut out, &mut keys);
            }
        }
        out
    }

    /// The officials land in `officials`.
    fn land(&self, finds: Vec<Found<Official>>, into: &mut Landing) {
        into.put(finds, false);
    }
}

/// Officials: rows of kind `official` with the name and the office; the event stage reads
/// these two.
impl Fact for Official {
    const KIND: &'static str = "official";
    const EXAMPLES: &'static str = "official";
    const FOR_EVENTS: bool = true;
    super::facts::record_field!(officials);

    fn mention(&self) -> Columns {
        Columns {
            value: Some(self.name.clone()),
            role: Some(self.role.clone()),
            ..Columns::default()
        }
    }

    fn keep_for_events(&mut self) {
        self.given_name = None;
        self.surname = None;
        self.gender = None;
        self.organisation = None;
    }
}

impl OfficialRules {
    /// Adds the official of `hit`, one mention per person and role.
    fn push(
        &self,
        toks: &Toks,
        hit: &Hit,
        out: &mut Vec<Found<Official>>,
        keys: &mut Vec<(String, String)>,
    ) {
        {
            let mut item = role::official(&self.lex, toks, hit);
            item.acting = hit.acting;
            let range = toks.at(hit.first).start..toks.at(hit.last).end;
            let key = (item.name.to_lowercase(), item.role.to_lowercase());
            // one mention per person and role: a role that is a prefix of another is the
            // same role said shorter; the more specific mention stays
            match keys
                .iter()
                .position(|k| k.0 == key.0 && (k.1.starts_with(&key.1) || key.1.starts_with(&k.1)))
            {
                Some(p) if key.1.len() > keys[p].1.len() => {
                    keys[p] = key;
                    out[p] = Found::new(range, item);
                }
                Some(_) => {}
                None => {
                    keys.push(key);
                    out.push(Found::new(range, item));
                }
            }
        }
    }

    /// Office word, complement, then the name (after a dash, courtesy title, signature
    /// mark or rank); or, when the office (from its head `first`) stands alone on its line,
    /// the name alone on the next line: a signature.
    fn forward(&self, toks: &Toks, i: usize, first: usize, forms: &[OfficeForm]) -> Option<Hit> {
        let agree = |g: Gender, c: Cases| forms.iter().any(|f| f.agrees(g, c));
        // the office at `i`, its complement up to `end`, the person ending at `last`
        let hit = |person: Person, last: usize, end: usize| Hit {
            first: i,
            last,
            head: i,
            office: i,
            form: best_form(forms, &person),
            complement: i + 1..end,
            person,
            acting: false,
        };
        let mut j = i + 1;
        let mut steps = 0;
        loop {
            // the capitalised word after "wsi", "sołectwa" is the place's name
            let place = j > i + 1
                && word_in(&self.lex.place_nouns, toks, j - 1)
                && toks.get(j).is_some_and(|t| t.is_word());
            let k = self.skip_zone(toks, j);
            let named = self
                .name_at(toks, k, Some(&agree))
                .or_else(|| self.apposition(toks, first, j, &agree));
            if let Some((person, last)) = named.filter(|_| !place) {
                // "dziekan ks. Jan Nowak": a priest holds no public office
                if self.clergy_before(toks, k) {
                    return None;
                }
                // "Starosta Staszowski i Adam Lis": Lis is another person
                if j > i + 1 && self.coordinator_at(toks, j - 1) {
                    return None;
                }
                return Some(hit(person, last, j));
            }
            if steps >= MAX_COMPLEMENT {
                break;
            }
            match self.complement_step(toks, j, forms) {
                Some(next) => {
                    j = next;
                    steps += 1;
                }
                None => break,
            }
        }
        if let Some((person, last)) = self.signed(toks, first, j, &agree) {
            return Some(hit(person, last, j));
        }
        // a verb between the role and the name
        let mut k = j;
        while toks.has(k) && k - j < 2 && word_in(&self.lex.gap_words, toks, k) {
            k += 1;
        }
        if k == j {
            return None;
        }
        let k = self.skip_zone(toks, k);
        let (person, last) = self.name_at(toks, k, None)?;
        // "obowiązki dyrektora szkoły pełni Anna Lis": the duties of the office, held
        let duties = first
            .checked_sub(1)
            .is_some_and(|b| word_in(&self.lex.acting_duties, toks, b));
        Some(Hit {
            acting: duties,
            ..hit(person, last, j)
        })
    }

    /// Name, then the office word (from its head `first`) and its complement: after a dash,
    /// a comma or a parenthesis, or right after the name when the name agrees with the
    /// office word ("Jan Nowak Wójt Gminy Oksa"), or a signature: the name alone on its
    /// line and the office alone on the next; the name starts at byte `used` or after.
    fn backward(
        &self,
        toks: &Toks,
        first: usize,
        i: usize,
        forms: &[OfficeForm],
        used: usize,
    ) -> Option<Hit> {
        let sep = first.checked_sub(1).map(|b| toks.at(b))?;
        let apart = sep.is_punct('-') || sep.is_punct(',') || sep.is_punct('(');
        let line_break = |k: usize| around::line_break(toks, k);
        let signed = sep.is_punct('\n') && first >= 2 && !line_break(first - 2);
        if !apart && !signed && !sep.is_word() {
            return None;
        }
        let end = if apart || signed {
            first.checked_sub(2)?
        } else {
            first - 1
        };
        let mut found = None;
        // a courtesy title right before the name picks its reading ("Pana Erwina Marsolka
        // - Zastępcę Wójta": Erwin Marsolek, not Erwina)
        let courtesy = |s: usize| {
            s.checked_sub(1)
                .filter(|&b| toks.at(b).is_word())
                .and_then(|b| self.lex.honorific_gender.get(toks.str(b)).copied())
        };
        // three tokens before the last: a double surname with a stray space at its hyphen
        for width in [3usize, 2, 1] {
            let Some(s) = end.checked_sub(width) else {
                continue;
            };
            if toks.at(s).start < used || self.after_patron(toks, s) {
                continue;
            }
            let gendered = courtesy(s);
            let fits = |g: Gender, _: Cases| gendered == Some(g);
            let agree: Option<&dyn Fn(Gender, Cases) -> bool> = gendered.map(|_| &fits as _);
            if let Some((p, last)) = self.name_at(toks, s, agree) {
                let agrees = apart || forms.iter().any(|f| f.agrees(p.gender, p.cases));
                let place = s > 0 && word_in(&self.lex.place_nouns, toks, s - 1);
                let alone = !signed || s == 0 || line_break(s - 1);
                if last == end && agrees && !place && alone && !self.clergy_before(toks, s) {
                    found = Some((s, p));
                    break;
                }
            }
        }
        let (s, person) = found?;
        let mut j = i + 1;
        let mut steps = 0;
        while steps < MAX_COMPLEMENT {
            // another person: "Jan Nowak Starosta Staszowski i Adam Lis Wicestarosta"
            let next_person = if self.coordinator_at(toks, j) {
                self.name_at(toks, j + 1, None).is_some()
            } else {
                !word_in(&self.lex.place_nouns, toks, j - 1)
                    && self.name_at(toks, j, None).is_some()
            };
            if next_person {
                break;
            }
            match self.complement_step(toks, j, forms) {
                Some(next) => {
                    j = next;
                    steps += 1;
                }
                None => break,
            }
        }
        if signed && toks.has(j) && !line_break(j) || self.offices_of_the_next(toks, j) {
            return None;
        }
        let complement = i + 1..role::trim(&self.lex, toks, i + 1, j);
        let last = if complement.end > complement.start {
            complement.end - 1
        } else {
            i
        };
        let form = best_form(forms, &person);
        Some(Hit {
            first: s,
            last,
            head: first,
            office: i,
            form,
            complement,
            person,
            acting: false,
        })
    }

    /// Is token `k` a coordinator or a comma joining two people or titles?
    fn coordinator_at(&self, toks: &Toks, k: usize) -> bool {
        toks.get(k).is_some_and(|t| {
            (t.is_word() || t.is_punct(',')) && self.lex.coordinators.contains(toks.str(k))
        })
    }

    /// A person's name starting at token `k`: a first name and one surname word (two when
    /// the register knows both). Returns the person and the index of the last token.
    fn name_at(
        &self,
        toks: &Toks,
        k: usize,
        agree: Option<&dyn Fn(Gender, Cases) -> bool>,
    ) -> Option<(Person, usize)> {
        let word = |n: usize| {
            toks.get(n)
                .filter(|t| t.is_word())
                .map(|t| t.text(toks.text))
                .filter(|w| capitalised(w))
        };
        let first = word(k)?;
        // an initial for the first name after an office ("Przewodniczący Rady A. Nowak")
        if first.chars().nth(1).is_none() && toks.get(k + 1).is_some_and(|t| t.is_punct('.')) {
            let s = word(k + 2).filter(|_| !self.after_patron(toks, k))?;
            return self.names.initialled(first, s, agree?).map(|p| (p, k + 2));
        }
        if !self.names.is_first_name(first) || self.after_patron(toks, k) {
            return None;
        }
        let s1 = word(k + 1)?;
        if s1.chars().count() < 2 || self.lex.honorifics.contains(toks.str(k + 1)) {
            return None;
        }
        if let Some(p) = self.split_double_surname(toks, k, first, s1, agree) {
            return Some(p);
        }
        if let Some(s2) = word(k + 2) {
            // a second first name: "Jan Filip Nowak", "Henrykiem Janem Szulcem"
            if self.names.is_first_name(s1)
                && !self.names.is_first_name(s2)
                && self.lex.office(s2).is_empty()
            {
                if let Some(mut p) = self.names.person(first, &[s2], agree) {
                    let second = self.names.first_in(s1, p.gender, p.cases);
                    if p.known > 0 && second.is_some() {
                        p.middle = second;
                        return Some((p, k + 2));
                    }
                }
            }
            // a voivodeship's adjective before an office word heads the role
            let regional_head =
                || word(k + 3).is_some_and(|w| head::regional_head(&self.lex, &toks.low(k + 2), w));
            if !self.names.is_first_name(s2) && self.lex.office(s2).is_empty() && !regional_head() {
                if let Some(p) = self.names.person(first, &[s1, s2], agree) {
                    let parts = s1.split('-').count() + s2.split('-').count();
                    if p.known == parts {
                        return Some((p, k + 2));
                    }
                }
            }
        }
        let p = self.names.person(first, &[s1], agree)?;
        Some((p, k + 1))
    }
}

/// The reading of the office word that fits the person.
fn best_form(forms: &[OfficeForm], p: &Person) -> OfficeForm {
    forms
        .iter()
        .find(|f| f.agrees(p.gender, p.cases))
        .or_else(|| forms.iter().find(|f| f.holder == p.gender))
        .unwrap_or(&forms[0])
        .clone()
}

/// How many tokens at `k` spell `pieces` (lowercase words and "."), if all of them.
fn matches_pieces(toks: &Toks, k: usize, pieces: &[String]) -> Option<usize> {
    if pieces.is_empty() || !toks.has(k + pieces.len() - 1) {
        return None;
    }
    for (n, p) in pieces.iter().enumerate() {
        if !lower_eq(toks.str(k + n), p) {
            return None;
        }
    }
    Some(pieces.len())
}

/// Whether token `k` is a word whose lower-case form is in `set`.
fn word_in(set: &LowerMap<()>, toks: &Toks, k: usize) -> bool {
    toks.at(k).is_word() && set.contains(toks.str(k))
}
