//! The institution lexicon: head nouns with their forms, adjective endings, the words that
//! build a name, and the names that are not institutions. All of it from `rules/institution/`.

use crate::error::RuleError;
use crate::rules::{fold, RuleFiles};
use crate::text::words::{lower, FxHashMap, FxHashSet, LowerMap};
use std::collections::HashMap;

mod load;

pub const CASES: [&str; 6] = ["nom", "gen", "dat", "acc", "ins", "loc"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    M,
    F,
    N,
}

/// What may make a head specific (see `heads.tsv`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    pub adj: bool,
    pub comp: bool,
    pub loc: bool,
    pub quote: bool,
    pub im: bool,
    pub nr: bool,
    /// A proper name right after the head ("OSP Busówno").
    pub name: bool,
}

impl Evidence {
    /// Whether some evidence in `self` is among what `needs` accepts.
    pub fn satisfies(&self, needs: &Evidence) -> bool {
        (self.adj && needs.adj)
            || (self.comp && needs.comp)
            || (self.loc && needs.loc)
            || (self.quote && needs.quote)
            || (self.im && needs.im)
            || (self.nr && needs.nr)
            || (self.name && needs.name)
    }
}

#[derive(Debug)]
pub struct Head {
    pub lemma: String,
    pub gender: Gender,
    pub kind: String,
    pub needs: Evidence,
    /// The head names a body's organ when its complement names a body ("Zarząd
    /// Ochotniczej Straży Pożarnej"; `organs` of `words.toml`).
    pub organ: bool,
}

/// One reading of a head form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub head: usize,
    pub case: usize,
    pub plural: bool,
}

#[derive(Debug)]
struct Ending {
    gender: Gender,
    plural: bool,
    case: usize,
    ending: String,
    nominative: String,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub pre_adjectives: usize,
    pub post_adjectives: usize,
    pub complement_words: usize,
    pub patron_words: usize,
    pub quoted_words: usize,
    pub place_words: usize,
    pub name_words: usize,
    pub max_gap: usize,
}

#[derive(Debug)]
pub struct Lexicon {
    pub heads: Vec<Head>,
    /// Lower-case form → its readings.
    forms: LowerMap<Vec<Reading>>,
    /// Grouped by gender, number and case ([`ending_key`]), longest ending first in each.
    endings: Vec<Ending>,
    /// The range of `endings` of each [`ending_key`].
    ending_groups: [std::ops::Range<usize>; ENDING_KEYS],
    pub limits: Limits,
    location: FxHashSet<String>,
    coordinators: FxHashSet<String>,
    joiners: FxHashSet<String>,
    patron: FxHashSet<String>,
    /// Lowercase titles before a patron's name, without their dot ("gen", "ks").
    patron_titles: FxHashSet<String>,
    /// Lowercase words of a patron's rank written out ("broni").
    patron_lower: FxHashSet<String>,
    /// Words after a year that ends a patron ("r", "roku"; `year_words` of the date rules).
    year_words: FxHashSet<String>,
    number: FxHashSet<String>,
    /// The longest word of `location` and `number`, in bytes.
    short_max: usize,
    stem_finals: Vec<String>,
    /// Endings of words that are no adjective though an adjective's ending ends them
    /// ("Uczniowie"), lower case.
    not_adjective: Vec<String>,
    comp_endings: Vec<String>,
    comp_adj_endings: Vec<String>,
    place_endings: Vec<String>,
    /// Endings no word of a place in the locative has ("-a", "-em"), lower case.
    not_locative: Vec<String>,
    /// Nouns in the locative that name no place after "w" (`not_places`, lower case).
    not_places: FxHashSet<String>,
    /// Endings of the first part of a compound adjective (`compound_endings`).
    compound_endings: Vec<String>,
    /// Prepositional phrases inside a complement (`complement_prepositions`), word by word
    /// in lower case.
    pub comp_preps: Vec<Vec<String>>,
    /// Possessive pronouns, no adjectives of a head (`possessives`, lower case).
    possessives: FxHashSet<String>,
    /// Endings of verbal nouns in the genitive ("Zarządzania"), lower case.
    verbal_nouns: Vec<String>,
    /// Folded nominative and locative of place words the prefix test cannot pair.
    seat_forms: Vec<(String, String)>,
    units: LowerMap<()>,
    /// Small words of prose (prepositions of place, joiners), lower case.
    prose: LowerMap<()>,
    /// Stop words and first names, lower case.
    stop: LowerMap<()>,
    /// First names in the other cases (not the nominative), lower case: a person after an
    /// institution's name ("Jana Kowalskiego").
    person_forms: LowerMap<()>,
    /// First names in the nominative, lower case (also stop words).
    first_names: LowerMap<()>,
    /// Words before a saint's or patron's name ("Świętej"), lower case.
    saints: FxHashSet<String>,
    /// Words before a company's name ("firma"), lower case.
    company: FxHashSet<String>,
    /// A commander's office words ("komendanta"), lower case: the service named after them
    /// is the commander's unit, not an institution of its own.
    commanders: FxHashSet<String>,
    /// Folded prefixes of names that are not institutions.
    non_institutions: Vec<String>,
    /// The same prefixes as a set, and the most words one has: a name's word prefixes are
    /// looked up instead of comparing it with every prefix.
    non_institution_set: FxHashSet<String>,
    non_institution_words: usize,
    /// Folded phrase → kind, in file order.
    kinds: Vec<(String, String)>,
    /// Abbreviation → the heads it may stand for.
    abbreviations: FxHashMap<String, Vec<usize>>,
}

/// Groups of adjective endings: gender × number × case.
const ENDING_KEYS: usize = 3 * 2 * CASES.len();

/// The group of adjective endings of a gender, number and case (past the groups for a
/// case out of range).
fn ending_key(gender: Gender, plural: bool, case: usize) -> usize {
    if case >= CASES.len() {
        return ENDING_KEYS;
    }
    let g = match gender {
        Gender::M => 0,
        Gender::F => 1,
        Gender::N => 2,
    };
    (g * 2 + usize::from(plural)) * CASES.len() + case
}

impl Lexicon {
    /// The readings of a word as a head noun.
    #[inline]
    pub fn readings(&self, word: &str) -> &[Reading] {
        self.forms.get(word).map_or(&[], Vec::as_slice)
    }

    /// False when the word at byte `p` of `text` (its ASCII head `head`, 0 for none) is
    /// surely no head form (its first letters tell).
    #[inline(always)]
    pub fn head_may_start(&self, head: u64, text: &str, p: usize) -> bool {
        self.forms.may_start_with(head, text, p)
    }

    pub fn is_head_form(&self, word: &str) -> bool {
        self.forms.contains(word)
    }

    /// `word` as an adjective agreeing with a head of `gender` in `case`, in the nominative
    /// singular ("Wojewódzkiej", f, gen → "Wojewódzka"); `None` when it is no such adjective.
    pub fn adjective(
        &self,
        word: &str,
        gender: Gender,
        plural: bool,
        case: usize,
    ) -> Option<String> {
        let lower = lower(word);
        if lower.chars().count() < 4 {
            return None;
        }
        // the cheap tests on the ending first, the word lists last
        let group = self
            .ending_groups
            .get(ending_key(gender, plural, case))
            .and_then(|r| self.endings.get(r.clone()))?;
        let e = group.iter().find(|e| lower.ends_with(&e.ending))?;
        let stem = &lower[..lower.len() - e.ending.len()];
        if stem.chars().count() < 3
            || !self.stem_finals.iter().any(|s| stem.ends_with(s.as_str()))
            || self
                .not_adjective
                .iter()
                .any(|e| lower.ends_with(e.as_str()))
            || self.forms.contains(&lower)
            || self.units.contains(&lower)
            || self.stop.contains(&lower)
            || self.possessives.contains(lower.as_ref())
        {
            return None;
        }
        // The stem as written: same characters as `lower`, counted from the start.
        let n = stem.chars().count();
        let written: String = word.chars().take(n).collect();
        let caps = !word.chars().any(char::is_lowercase);
        let ending = if caps {
            e.nominative.to_uppercase()
        } else {
            e.nominative.clone()
        };
        Some(written + &ending)
    }

    /// Small words of prose (prepositions of place, joiners): a line with one is no menu.
    pub fn prose(&self) -> &LowerMap<()> {
        &self.prose
    }

    pub fn is_location(&self, w: &str) -> bool {
        self.location.contains(w)
    }
    /// The prepositions of a seat ("w", "we").
    pub fn location(&self) -> impl Iterator<Item = &str> {
        self.location.iter().map(String::as_str)
    }
    pub fn is_company_word(&self, w: &str) -> bool {
        self.company.contains(w)
    }
    pub fn is_commander_word(&self, w: &str) -> bool {
        self.commanders.contains(w)
    }
    pub fn is_coordinator(&self, w: &str) -> bool {
        self.coordinators.contains(w)
    }
    pub fn is_joiner(&self, w: &str) -> bool {
        self.joiners.contains(w)
    }
    pub fn is_patron(&self, w: &str) -> bool {
        self.patron.contains(w)
    }
    pub fn is_patron_title(&self, w: &str) -> bool {
        self.patron_titles.contains(w)
    }
    pub fn is_patron_lower(&self, w: &str) -> bool {
        self.patron_lower.contains(w)
    }
    pub fn is_year_word(&self, w: &str) -> bool {
        self.year_words.contains(w)
    }
    pub fn is_number(&self, w: &str) -> bool {
        self.number.contains(w)
    }
    /// Whether `w` in any letter case is a seat's preposition or a number word ("W", "Nr"):
    /// words longer than the longest of them are not lowered.
    pub fn is_location_or_number_any_case(&self, w: &str) -> bool {
        w.len() <= self.short_max && {
            let l = w.to_lowercase();
            self.location.contains(&l) || self.number.contains(&l)
        }
    }
    pub fn is_unit(&self, w: &str) -> bool {
        self.units.contains(w)
    }
    pub fn is_stop(&self, w: &str) -> bool {
        self.stop.contains(w)
    }
    /// A first name in another case than the nominative ("Jana", "Rafałem").
    pub fn is_person_form(&self, w: &str) -> bool {
        self.person_forms.contains(w)
    }
    /// A first name in the nominative ("Anna").
    pub fn is_first_name(&self, w: &str) -> bool {
        self.first_names.contains(w)
    }
    pub fn is_saint(&self, w: &str) -> bool {
        self.saints.contains(&w.to_lowercase())
    }
    /// Whether a word of four letters or more can be the first part of a compound adjective
    /// ("Warmińsko" of "Warmińsko-Mazurski"; `compound_endings`).
    pub fn is_compound_part(&self, w: &str) -> bool {
        crate::words::is_compound_part(w, &self.compound_endings)
    }
    /// Whether a noun after "w" names a happening or a scheme, no place (`not_places`).
    pub fn not_place(&self, w: &str) -> bool {
        self.not_places.contains(&w.to_lowercase())
    }
    /// Whether a place's word cannot be in the locative ("Kozankach" can; "Świetlica",
    /// "Pogotowiem" cannot): a second seat after "w … i" is then a second body.
    pub fn not_locative(&self, w: &str) -> bool {
        ends_with_any(w, &self.not_locative)
    }

    /// Whether a word is a verbal noun in the genitive ("Zarządzania", "Kształcenia"): an
    /// adjective after it is its own.
    pub fn is_verbal_noun(&self, w: &str) -> bool {
        ends_with_any(w, &self.verbal_nouns)
    }

    /// Place words whose nominative and locative share too few letters ("wies", "wsi").
    pub fn seat_forms(&self) -> &[(String, String)] {
        &self.seat_forms
    }

    /// A place's next word belongs to it: "Świniarach Starych", "Nowym Targu".
    pub fn place_continues(&self, first: &str, next: &str) -> bool {
        let (a, b) = (first.to_lowercase(), next.to_lowercase());
        self.place_endings
            .iter()
            .any(|e| a.ends_with(e.as_str()) || b.ends_with(e.as_str()))
    }

    /// Whether `word` (followed by `next`, if any) may open a genitive complement.
    pub fn opens_complement(&self, word: &str, next: Option<&str>) -> bool {
        let lower = word.to_lowercase();
        let caps = word.chars().filter(|c| c.is_uppercase()).count() >= 2;
        caps || self
            .comp_endings
            .iter()
            .any(|e| lower.ends_with(e.as_str()))
            || next.is_some_and(|n| {
                let n = n.to_lowercase();
                self.comp_adj_endings
                    .iter()
                    .any(|e| n.ends_with(e.as_str()))
            })
    }

    /// Whether a name (nominative) is a programme, a council, a board or a department.
    /// Looked at from each of its first `starts` words: "Operacyjny Europejski Fundusz
    /// Społeczny" is the programme "Europejski Fundusz ...".
    pub fn is_non_institution(&self, name: &str, starts: usize) -> bool {
        from_each_start(name, starts, |rest| {
            // the prefixes of `rest` that end where a word ends, up to the longest entry's
            rest.match_indices(' ')
                .map(|(at, _)| at)
                .chain(std::iter::once(rest.len()))
                .take(self.non_institution_words)
                .any(|at| self.non_institution_set.contains(&rest[..at]))
        })
    }

    /// [`Lexicon::is_non_institution`] by comparing the name with every prefix: the simple
    /// version the look-up must equal.
    #[cfg(test)]
    pub fn is_non_institution_reference(&self, name: &str, starts: usize) -> bool {
        from_each_start(name, starts, |rest| {
            self.non_institutions
                .iter()
                .any(|p| starts_with_words(rest, p))
        })
    }

    /// The folded prefixes of non-institutions (for tests).
    #[cfg(test)]
    pub fn non_institution_prefixes(&self) -> &[String] {
        &self.non_institutions
    }

    /// The kind of an institution named `name` with head `head`.
    pub fn kind(&self, name: &str, head: usize) -> String {
        let f = fold(name);
        self.kinds
            .iter()
            .find(|(p, _)| f.contains(p.as_str()))
            .map(|(_, k)| k.clone())
            .unwrap_or_else(|| self.heads[head].kind.clone())
    }

    /// Whether `abbr` may stand for an institution with head `head` and name `name`.
    pub fn abbreviation_fits(&self, abbr: &str, head: usize, name: &str) -> bool {
        if self
            .abbreviations
            .get(abbr)
            .is_some_and(|v| v.contains(&head))
        {
            return true;
        }
        let initials: String = name
            .split(' ')
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        let caps: String = abbr.chars().filter(|c| c.is_uppercase()).collect();
        caps.chars().count() >= 2 && initials.starts_with(&caps)
    }
}

/// Whether `w`, lower-cased, ends with one of `endings` (lower case).
fn ends_with_any(w: &str, endings: &[String]) -> bool {
    let w = w.to_lowercase();
    endings.iter().any(|e| w.ends_with(e.as_str()))
}

/// Whether `test` holds for the folded `name` from one of its first `starts + 1` words on.
fn from_each_start(name: &str, starts: usize, test: impl Fn(&str) -> bool) -> bool {
    let folded = fold(name);
    let mut rest = folded.as_str();
    for _ in 0..=starts {
        if test(rest) {
            return true;
        }
        match rest.split_once(' ') {
            Some((_, r)) => rest = r,
            None => break,
        }
    }
    false
}

/// `s` starts with `prefix` ending at a word boundary.
#[cfg(test)]
fn starts_with_words(s: &str, prefix: &str) -> bool {
    s.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

#[cfg(test)]
mod tests;
