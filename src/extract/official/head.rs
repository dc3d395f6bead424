//! What stands right before an office word: an ordinal ("I Wicewojewoda"), a prefix written
//! apart ("Vice Marszałek") or an adjective ("Małopolski Kurator Oświaty") kept at the head
//! of the role, and a word saying the office is no longer held ("były sołtys").

use super::lexicon::{Cases, Lexicon};
use super::tokens::{capitalised, Toks};
use crate::error::RuleError;
use crate::rules::RuleFiles;

/// The stems of the voivodeships' adjectives, their names without the neuter ending
/// ("mazowieck" of "mazowieckie", "kujawsko-pomorsk"), read from the gazetteer: the head
/// of a regional title, also after a name ("Jarosława Nowaka Mazowieckiego Komendanta
/// Wojewódzkiego PSP"), where another adjective would be the name's.
pub(super) fn regional_stems(files: &RuleFiles) -> Result<Vec<String>, RuleError> {
    let t = files.tsv("gmina/voivodeships.tsv")?;
    let c = t.column("name")?;
    let mut stems = Vec::new();
    for row in &t.rows {
        let name = row
            .fields
            .get(c)
            .map(|n| n.to_lowercase())
            .unwrap_or_default();
        match name.strip_suffix("ie") {
            Some(stem) if !stem.is_empty() => stems.push(stem.to_string()),
            _ => return Err(t.error(row, "a voivodeship's name ends in -ie")),
        }
    }
    Ok(stems)
}

/// An adjective of a voivodeship ("Mazowieckiego", "Śląski") heading the office word
/// `office`: in the nominative before a nominative form, oblique before an oblique one
/// ("Urzędu Marszałkowskiego Województwa Opolskiego Marszałek" is no head).
pub(super) fn regional_head(lex: &Lexicon, lower: &str, office: &str) -> bool {
    lex.is_role_adjective(lower)
        && lex.regional.iter().any(|s| lower.starts_with(s.as_str()))
        && same_case(lex, lower, office)
}

/// The adjective `lower` may stand in the case of the office word `office`: both in the
/// nominative or both oblique ("w Limanowej Marszałek" is a place before the office).
fn same_case(lex: &Lexicon, lower: &str, office: &str) -> bool {
    let oblique = lex.looks_office_adjective(lower);
    let forms = lex.office(office);
    forms.is_empty() || forms.iter().any(|f| f.cases.meets(Cases::NOM) != oblique)
}

/// The head of a role before its office word.
pub(super) struct Head {
    /// The first token of the role (the office word when nothing stands before it).
    pub first: usize,
    /// The person no longer holds the office.
    pub former: bool,
    /// The person holds the office as acting ("p.o. dyrektora").
    pub acting: bool,
}

/// The head of the role whose office word is token `i`; no token before byte `used` is
/// taken.
pub(super) fn head(
    lex: &Lexicon,
    is_first_name: &dyn Fn(&str) -> bool,
    toks: &Toks,
    i: usize,
    used: usize,
) -> Head {
    let mut first = i;
    let word_before = |k: usize| {
        k.checked_sub(1)
            .filter(|&b| toks.at(b).is_word() && toks.at(b).start >= used)
    };
    // nearest first: an adjective or a detached prefix, then an ordinal
    if let Some(b) = word_before(first) {
        let w = toks.str(b);
        // a lowercase one right after a dash: "Anna Lis – mazowiecki konserwator zabytków"
        let after_dash = b.checked_sub(1).is_some_and(|a| toks.at(a).is_punct('-'));
        let adjective = ((capitalised(w) && capitalised(toks.str(i))) || after_dash)
            && lex.is_role_adjective(&toks.low(b))
            && same_case(lex, &toks.low(b), toks.str(i))
            // the adjective starts its phrase: no capitalised word before it but an
            // ordinal or a sentence's first word that is no first name ("Jan Kowalski Wójt")
            && word_before(b).is_none_or(|a| {
                let w = toks.str(a);
                !capitalised(w)
                    || lex.ordinals.iter().any(|o| o == w)
                    || (!is_first_name(w) && a.checked_sub(1).is_none_or(|z| {
                        let t = toks.at(z);
                        t.is_punct('.') || t.is_punct('\n') || t.is_punct(':')
                    }))
            });
        let regional = || {
            capitalised(w)
                && capitalised(toks.str(i))
                && regional_head(lex, &toks.low(b), toks.str(i))
        };
        if lex.detached_prefixes.contains(w) || adjective || regional() {
            first = b;
        }
    }
    if let Some(b) = word_before(first) {
        if lex.ordinals.iter().any(|o| o == toks.str(b)) {
            first = b;
        }
    }
    // "były sołtys", "poprzednia pani sołtys"
    let mut k = first;
    let mut former = false;
    for _ in 0..2 {
        let Some(b) = k.checked_sub(1).filter(|&b| toks.at(b).is_word()) else {
            break;
        };
        let w = toks.str(b);
        let verb_apart = || {
            b.checked_sub(1).is_none_or(|a| {
                let t = toks.at(a);
                !t.is_word() || lex.former_verb_after.contains(toks.str(a))
            })
        };
        if lex.former_markers.contains(w) || (lex.former_verb_forms.contains(w) && verb_apart()) {
            former = true;
            break;
        }
        if !lex.honorifics.contains(toks.str(b)) {
            break;
        }
        k = b;
    }
    let acting = lex.acting_markers.iter().any(|m| {
        first
            .checked_sub(m.len())
            .is_some_and(|k| super::matches_pieces(toks, k, m) == Some(m.len()))
    });
    Head {
        first,
        former,
        acting,
    }
}
