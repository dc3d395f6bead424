//! Office words, case sets and the small word lists of `rules/official/`.

use crate::error::RuleError;
use crate::rules::{RuleFiles, Tsv, TsvRow};
use crate::text::words::{lower_set, FxHashMap, LowerMap};
use serde::Deserialize;

mod grammar;
pub use grammar::{Cases, Gender, OfficeForm};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    office_prefixes: Vec<String>,
    honorifics: Vec<String>,
    male_honorifics: Vec<String>,
    female_honorifics: Vec<String>,
    signature_marks: Vec<String>,
    ranks: Vec<String>,
    connectors: Vec<String>,
    adjective_endings: Vec<String>,
    gap_words: Vec<String>,
    patron_markers: Vec<String>,
    acting_markers: Vec<String>,
    acting_duties: Vec<String>,
    clergy: Vec<String>,
    clergy_titles: Vec<String>,
    role_abbreviations: Vec<String>,
    office_adjective_endings: Vec<String>,
    office_adjective_stems: Vec<String>,
    coordinators: Vec<String>,
    place_nouns: Vec<String>,
    role_nouns: Vec<String>,
    unit_connectors: Vec<String>,
    units: Vec<String>,
    listing_nouns: Vec<String>,
    former_markers: Vec<String>,
    ordinals: Vec<String>,
    detached_prefixes: Vec<String>,
    not_public: Vec<String>,
    company_offices: Vec<String>,
    company_words: Vec<String>,
    former_verb_forms: Vec<String>,
    former_verb_after: Vec<String>,
    noun_genders: std::collections::BTreeMap<String, Vec<String>>,
    feminine_genitive_endings: Vec<String>,
}

/// The two lists of `institution/words.toml` the officials read (the rest is the
/// institutions' to check).
#[derive(Debug, Deserialize)]
struct InstitutionWords {
    words: InstitutionLists,
}

#[derive(Debug, Deserialize)]
struct InstitutionLists {
    patron_titles: Vec<String>,
    patron_words_lower: Vec<String>,
    compound_endings: Vec<String>,
}

/// Everything about offices and the words around them.
#[derive(Debug)]
pub struct Lexicon {
    /// Lowercase office word, bare or with a prefix ("wicestarosty") → its readings.
    offices: LowerMap<Vec<OfficeForm>>,
    max_len: usize,
    /// The shortest office form (bytes): shorter words are no office.
    min_len: usize,
    /// Stems of the voivodeships' adjectives ("mazowieck"): [`super::head::regional_stems`].
    pub regional: Vec<String>,
    pub honorifics: LowerMap<()>,
    /// Courtesy titles of a man and of a woman ("pana", "pani"), each one of `honorifics`.
    pub honorific_gender: LowerMap<Gender>,
    /// Each rank as its lowercase word/punctuation pieces ("st. bryg." → st . bryg .),
    /// filed under its first piece.
    pub ranks: LowerMap<Vec<Vec<String>>>,
    /// Signature marks between an office and a name ("/-/"), as their punctuation.
    pub signature_marks: Vec<Vec<char>>,
    pub connectors: LowerMap<()>,
    adjective_endings: Vec<String>,
    pub gap_words: LowerMap<()>,
    pub patron_markers: Vec<Vec<String>>,
    /// Words before an office that say its holder is acting ("p.o."), as pieces.
    pub acting_markers: Vec<Vec<String>>,
    /// Words right before an office whose holder is named after a verb ("obowiązki
    /// dyrektora pełni …"): acting.
    pub acting_duties: LowerMap<()>,
    /// Words that make the name after them a priest's ("ks."), lower case, no dot.
    pub clergy: LowerMap<()>,
    /// Titles between a clergy word and the name ("dr", "kan"), lower case, no dot.
    pub clergy_titles: LowerMap<()>,
    /// From `institution/words.toml`: titles in a patron's name without their dot ("gen"),
    /// a patron's rank written out ("broni"), the first part of a compound's ending ("sko").
    pub patron_titles: LowerMap<()>,
    pub patron_lower: LowerMap<()>,
    pub compound_endings: Vec<String>,
    pub role_abbreviations: LowerMap<()>,
    /// Institution noun in the genitive → nominative.
    pub institution_nouns: FxHashMap<String, String>,
    /// Adjective endings: gender (m f n, pm pf for plurals), oblique, nominative (longest
    /// first).
    pub adjective_back: Vec<(String, String, String)>,
    /// Endings and stems of an oblique adjective agreeing with the office word.
    office_adjective_endings: Vec<String>,
    office_adjective_stems: Vec<String>,
    /// Words joining two people or titles (a comma too).
    pub coordinators: LowerMap<()>,
    /// Nouns followed by a place's name ("wsi").
    pub place_nouns: LowerMap<()>,
    /// Lowercase nouns that may continue a role ("oświaty").
    pub role_nouns: LowerMap<()>,
    /// Words that join a unit to a role only before one of `units` ("z", "ze").
    pub unit_connectors: LowerMap<()>,
    /// Units in the genitive after `unit_connectors` ("posterunku").
    pub units: LowerMap<()>,
    /// Words whose complement may list its parts with commas ("Departamentu Kultury,
    /// Sportu i Turystyki").
    pub listing_nouns: LowerMap<()>,
    /// Words saying the office is no longer held ("były").
    pub former_markers: LowerMap<()>,
    /// Ordinals kept at the head of a role, exact letter case ("I").
    pub ordinals: Vec<String>,
    /// Prefixes written apart ("Vice").
    pub detached_prefixes: LowerMap<()>,
    /// Words making an office a firm's or a site's function ("nadzoru").
    pub not_public: LowerMap<()>,
    /// "była", "były": former only after punctuation or one of `former_verb_after`.
    pub former_verb_forms: LowerMap<()>,
    pub former_verb_after: LowerMap<()>,
    /// Noun endings and their gender (f, n), longest ending first.
    pub noun_genders: Vec<(String, String)>,
    /// Endings of a feminine genitive noun after office adjectives.
    pub feminine_genitive_endings: Vec<String>,
    /// Office lemmas a firm has too ("prezes").
    pub company_offices: LowerMap<()>,
    /// Words naming a firm or a contractor ("firma", "wykonawca").
    pub company_words: LowerMap<()>,
}

fn pieces(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        let w = w.to_lowercase();
        match w.strip_suffix('.') {
            Some(stem) => {
                if !stem.is_empty() {
                    out.push(stem.to_string());
                }
                out.push(".".to_string());
            }
            None => out.push(w),
        }
    }
    out
}

fn field<'a>(t: &Tsv, row: &'a TsvRow, col: usize) -> Result<&'a str, RuleError> {
    row.fields
        .get(col)
        .map(String::as_str)
        .ok_or_else(|| t.error(row, "missing column"))
}

/// An error about the entry `entry` of `words.toml`, at the line that holds it.
fn words_error(files: &RuleFiles, entry: &str, message: String) -> RuleError {
    const REL: &str = "official/words.toml";
    let line = files.text(REL).ok().and_then(|t| {
        t.find(&format!("\"{entry}\""))
            .or_else(|| t.find(&format!("{entry} = ")))
            .map(|at| crate::rules::line_of(t, at))
    });
    RuleError::new(files.path(REL), line, message)
}

/// The case columns of `office_paradigms.tsv` in order, with the cases each stands for.
const CASE_COLUMNS: [(&str, Cases); 7] = [
    ("nom", Cases(1)),
    ("gen", Cases(2)),
    ("dat", Cases(4)),
    ("acc", Cases(8)),
    ("inst", Cases(16)),
    ("loc", Cases(32)),
    ("nom_pl", Cases::PLURAL),
];

/// Every form of every title in `office_paradigms.tsv` (the hand-kept declension table),
/// lowercase, with its readings; a form shared by several cases is one reading.
fn paradigms(files: &RuleFiles) -> Result<FxHashMap<String, Vec<OfficeForm>>, RuleError> {
    let t = files.tsv("official/office_paradigms.tsv")?;
    let ch = t.column("holder")?;
    let cols = CASE_COLUMNS
        .iter()
        .map(|(name, c)| Ok((t.column(name)?, *c)))
        .collect::<Result<Vec<_>, RuleError>>()?;
    let mut offices: FxHashMap<String, Vec<OfficeForm>> = FxHashMap::default();
    let mut lemmas: FxHashMap<(String, &str), usize> = FxHashMap::default();
    for row in &t.rows {
        let holder = Gender::parse(field(&t, row, ch)?)
            .ok_or_else(|| t.error(row, "holder must be m or f"))?;
        let lemma = field(&t, row, cols[0].0)?.to_lowercase();
        if lemma.is_empty() || lemma == "-" {
            return Err(t.error(row, "a title needs its nominative"));
        }
        if let Some(first) = lemmas.insert((lemma.clone(), holder.code()), row.line) {
            return Err(t.error(row, format!("title `{lemma}` already on line {first}")));
        }
        for &(col, cases) in &cols {
            let form = field(&t, row, col)?.to_lowercase();
            if form == "-" {
                continue;
            }
            if form.is_empty() || form.contains(char::is_whitespace) {
                return Err(t.error(row, "a form is one word (or `-` for none)"));
            }
            let v = offices.entry(form).or_default();
            match v
                .iter_mut()
                .find(|o| o.lemma == lemma && o.holder == holder)
            {
                Some(o) => o.cases = o.cases.union(cases),
                None => v.push(OfficeForm {
                    lemma: lemma.clone(),
                    cases,
                    holder,
                }),
            }
        }
    }
    Ok(offices)
}

impl Lexicon {
    pub fn load(files: &RuleFiles) -> Result<Lexicon, RuleError> {
        let mut offices = paradigms(files)?;
        let w: WordsFile = files.toml("official/words.toml")?;
        // the titles inside a patron's name ("im. gen. Józefa Bema"), as the institutions read
        // them
        let inst: InstitutionWords = files.toml("institution/words.toml")?;

        let t = files.tsv("official/institution_nouns.tsv")?;
        let (cf, cn) = (t.column("form")?, t.column("nominative")?);
        let mut institution_nouns = FxHashMap::default();
        for row in &t.rows {
            institution_nouns.insert(
                field(&t, row, cf)?.to_lowercase(),
                field(&t, row, cn)?.to_lowercase(),
            );
        }

        let t = files.tsv("official/adjective_endings.tsv")?;
        let (cg, co, cn) = (
            t.column("gender")?,
            t.column("oblique")?,
            t.column("nominative")?,
        );
        let mut adjective_back = Vec::new();
        for row in &t.rows {
            let g = field(&t, row, cg)?;
            if !matches!(g, "m" | "f" | "n" | "pm" | "pf") {
                return Err(t.error(row, "gender must be m, f, n, pm or pf"));
            }
            adjective_back.push((
                g.to_string(),
                field(&t, row, co)?.to_string(),
                field(&t, row, cn)?.to_string(),
            ));
        }
        adjective_back.sort_by_key(|a| std::cmp::Reverse(a.1.len()));

        let mut adjective_endings: Vec<String> = w.adjective_endings.clone();
        adjective_endings.sort_by_key(|e| std::cmp::Reverse(e.len()));

        let longest_prefix = w.office_prefixes.iter().map(String::len).max().unwrap_or(0);
        let max_len = offices.keys().map(String::len).max().unwrap_or(0) + longest_prefix;
        let min_len = offices.keys().map(String::len).min().unwrap_or(0);
        // every office word with each prefix, in the order of the list; a bare word and
        // an earlier prefix win
        let bare: Vec<(String, Vec<OfficeForm>)> = offices
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for p in &w.office_prefixes {
            let p = p.to_lowercase();
            for (k, v) in &bare {
                offices.entry(format!("{p}{k}")).or_insert_with(|| {
                    v.iter()
                        .map(|o| OfficeForm {
                            lemma: format!("{p}{}", o.lemma),
                            ..o.clone()
                        })
                        .collect()
                });
            }
        }
        // a title written without its diacritics ("Wojt Gminy") reads as the title; a
        // form spelt so on purpose wins
        let spelt: Vec<(String, Vec<OfficeForm>)> = offices
            .iter()
            .map(|(k, v)| (crate::rules::fold(k), v.clone()))
            .collect();
        for (k, v) in spelt {
            offices.entry(k).or_insert(v);
        }
        let courtesy = lower_set(&w.honorifics);
        for h in w.male_honorifics.iter().chain(&w.female_honorifics) {
            if !courtesy.contains(h) {
                return Err(words_error(
                    files,
                    h,
                    format!(
                        "`{h}` of male_honorifics or female_honorifics is none of `honorifics`"
                    ),
                ));
            }
        }
        for (name, list) in [
            ("ordinals", &w.ordinals),
            ("office_adjective_endings", &w.office_adjective_endings),
            ("office_adjective_stems", &w.office_adjective_stems),
        ] {
            if let Some(bad) = list.iter().find(|e| e.is_empty() || e.contains(' ')) {
                return Err(words_error(
                    files,
                    bad,
                    format!("`{name}`: `{bad}` must be one word"),
                ));
            }
        }
        for (name, list) in [
            ("coordinators", &w.coordinators),
            ("place_nouns", &w.place_nouns),
            ("role_nouns", &w.role_nouns),
            ("unit_connectors", &w.unit_connectors),
            ("units", &w.units),
            ("listing_nouns", &w.listing_nouns),
            ("former_markers", &w.former_markers),
            ("detached_prefixes", &w.detached_prefixes),
            ("not_public", &w.not_public),
            ("company_offices", &w.company_offices),
            ("company_words", &w.company_words),
            ("former_verb_forms", &w.former_verb_forms),
            ("former_verb_after", &w.former_verb_after),
        ] {
            if let Some(bad) = list.iter().find(|e| e.trim().is_empty() || e.contains(' ')) {
                return Err(words_error(
                    files,
                    bad,
                    format!("`{name}`: `{bad}` is read as one token; a phrase is never matched"),
                ));
            }
        }
        let mut noun_genders = Vec::new();
        for (g, endings) in &w.noun_genders {
            if !matches!(g.as_str(), "f" | "n") {
                return Err(words_error(
                    files,
                    g,
                    format!("`noun_genders`: gender `{g}` must be f or n (m is the default)"),
                ));
            }
            for e in endings {
                noun_genders.push((g.clone(), e.to_lowercase()));
            }
        }
        noun_genders.sort_by_key(|(_, e)| std::cmp::Reverse(e.len()));
        let mut ranks: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        for r in &w.ranks {
            let p = pieces(r);
            if let Some(first) = p.first() {
                ranks.entry(first.clone()).or_default().push(p);
            }
        }
        let mut signature_marks = Vec::new();
        for m in &w.signature_marks {
            let mark: Vec<char> = m.chars().filter(|c| !c.is_whitespace()).collect();
            if mark.is_empty() || mark.iter().any(|c| c.is_alphanumeric()) {
                return Err(words_error(
                    files,
                    m,
                    format!("`signature_marks`: {m:?} must be punctuation only"),
                ));
            }
            signature_marks.push(mark);
        }
        Ok(Lexicon {
            regional: super::head::regional_stems(files)?,
            offices: LowerMap::new(offices),
            max_len,
            min_len,
            honorifics: lower_set(&w.honorifics),
            honorific_gender: LowerMap::new(
                (w.male_honorifics
                    .iter()
                    .map(|h| (h.to_lowercase(), Gender::M)))
                .chain(
                    w.female_honorifics
                        .iter()
                        .map(|h| (h.to_lowercase(), Gender::F)),
                ),
            ),
            ranks: LowerMap::new(ranks),
            signature_marks,
            connectors: lower_set(&w.connectors),
            adjective_endings,
            gap_words: lower_set(&w.gap_words),
            patron_markers: w.patron_markers.iter().map(|r| pieces(r)).collect(),
            acting_markers: w.acting_markers.iter().map(|r| pieces(r)).collect(),
            acting_duties: lower_set(&w.acting_duties),
            clergy: lower_set(&w.clergy),
            clergy_titles: lower_set(&w.clergy_titles),
            patron_titles: lower_set(&inst.words.patron_titles),
            patron_lower: lower_set(&inst.words.patron_words_lower),
            compound_endings: inst.words.compound_endings,
            role_abbreviations: lower_set(&w.role_abbreviations),
            institution_nouns,
            adjective_back,
            office_adjective_endings: w.office_adjective_endings.clone(),
            office_adjective_stems: w.office_adjective_stems.clone(),
            coordinators: lower_set(&w.coordinators),
            place_nouns: lower_set(&w.place_nouns),
            role_nouns: lower_set(&w.role_nouns),
            unit_connectors: lower_set(&w.unit_connectors),
            units: lower_set(&w.units),
            listing_nouns: lower_set(&w.listing_nouns),
            former_markers: lower_set(&w.former_markers),
            ordinals: w.ordinals.clone(),
            detached_prefixes: lower_set(&w.detached_prefixes),
            not_public: lower_set(&w.not_public),
            company_offices: lower_set(&w.company_offices),
            company_words: lower_set(&w.company_words),
            former_verb_forms: lower_set(&w.former_verb_forms),
            former_verb_after: lower_set(&w.former_verb_after),
            noun_genders,
            feminine_genitive_endings: w.feminine_genitive_endings.clone(),
        })
    }

    /// The readings of an office word (any letter case), with a prefix such as "wice-".
    #[inline(always)]
    pub fn office(&self, word: &str) -> &[OfficeForm] {
        if word.len() < self.min_len || word.len() > self.max_len {
            return &[];
        }
        self.offices.get(word).map_or(&[], Vec::as_slice)
    }

    /// False when the word at byte `p` of `text` (its ASCII head `head`, 0 for none) is
    /// surely no office word (its first letters tell).
    #[inline(always)]
    pub fn office_may_start(&self, head: u64, text: &str, p: usize) -> bool {
        self.offices.may_start_with(head, text, p)
    }

    /// An adjective agreeing with the office word, by its ending ("Powiatowego").
    pub fn looks_office_adjective(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        self.office_adjective_endings
            .iter()
            .any(|e| l.ends_with(e.as_str()))
            && self
                .office_adjective_stems
                .iter()
                .any(|s| l.contains(s.as_str()))
    }

    /// A lowercase adjective that may stand in a role ("kielecki", "miejski").
    pub fn is_role_adjective(&self, lower: &str) -> bool {
        self.adjective_endings
            .iter()
            .any(|e| lower.len() > e.len() + 1 && lower.ends_with(e.as_str()))
    }

    /// The nominative of an adjective agreeing with a noun of `gender` (m f n), if it has
    /// an oblique ending ("Staszowskiego" → "Staszowski").
    pub fn adjective_nominative(&self, word: &str, gender: &str) -> Option<String> {
        let lower = word.to_lowercase();
        for (g, obl, nom) in &self.adjective_back {
            if g == gender && lower.len() > obl.len() + 2 && lower.ends_with(obl.as_str()) {
                // cut the ending from the word as written, keep its letter case
                let keep = word
                    .char_indices()
                    .nth(word.chars().count() - obl.chars().count());
                let stem = &word[..keep.map(|(i, _)| i).unwrap_or(word.len())];
                let nom = if crate::text::tokens::all_caps(word) {
                    nom.to_uppercase()
                } else {
                    nom.clone()
                };
                return Some(format!("{stem}{nom}"));
            }
        }
        None
    }
}

#[cfg(test)]
#[path = "lexicon_tests.rs"]
mod tests;
