//! Office words, case sets and the small word lists of `rules/official/`.

use crate::error::RuleError;
use crate::rules::{RuleFiles, Tsv, TsvRow};
use crate::words::{lower_set, FxHashMap, LowerMap};
use serde::Deserialize;

/// A set of grammatical cases as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cases(pub u8);

impl Cases {
    pub const NOM: Cases = Cases(1);

    pub fn parse(list: &str) -> Option<Cases> {
        let mut bits = 0;
        for c in list.split(',').map(str::trim) {
            bits |= match c {
                "nom" => 1,
                "gen" => 2,
                "dat" => 4,
                "acc" => 8,
                "inst" => 16,
                "loc" => 32,
                "voc" => 0,
                _ => return None,
            };
        }
        Some(Cases(bits))
    }

    pub fn meets(self, other: Cases) -> bool {
        self.0 & other.0 != 0
    }

    pub fn union(self, other: Cases) -> Cases {
        Cases(self.0 | other.0)
    }
}

/// Who a title word is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    M,
    F,
}

impl Gender {
    pub fn parse(s: &str) -> Option<Gender> {
        match s {
            "m" => Some(Gender::M),
            "f" => Some(Gender::F),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Gender::M => "m",
            Gender::F => "f",
        }
    }
}

/// One reading of an office word.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeForm {
    /// Nominative of the title, lowercase ("wicestarosta").
    pub lemma: String,
    pub cases: Cases,
    pub holder: Gender,
}

impl OfficeForm {
    /// Can a person of `gender` named in `cases` hold this form of the title?
    pub fn agrees(&self, gender: Gender, cases: Cases) -> bool {
        match (self.holder, gender) {
            (Gender::F, Gender::M) => false,
            (Gender::M, Gender::F) => self.cases.meets(Cases::NOM) || self.cases.meets(cases),
            _ => self.cases.meets(cases),
        }
    }
}

#[derive(Debug, Deserialize)]
struct WordsFile {
    office_prefixes: Vec<String>,
    honorifics: Vec<String>,
    ranks: Vec<String>,
    connectors: Vec<String>,
    adjective_endings: Vec<String>,
    gap_words: Vec<String>,
    patron_markers: Vec<String>,
    role_abbreviations: Vec<String>,
}

/// Everything about offices and the words around them.
#[derive(Debug)]
pub struct Lexicon {
    /// Lowercase office word, bare or with a prefix ("wicestarosty") → its readings.
    offices: LowerMap<Vec<OfficeForm>>,
    max_len: usize,
    pub honorifics: LowerMap<()>,
    /// Each rank as its lowercase word/punctuation pieces ("st. bryg." → st . bryg .),
    /// filed under its first piece.
    pub ranks: LowerMap<Vec<Vec<String>>>,
    pub connectors: LowerMap<()>,
    adjective_endings: Vec<String>,
    pub gap_words: LowerMap<()>,
    pub patron_markers: Vec<Vec<String>>,
    pub role_abbreviations: LowerMap<()>,
    /// Institution noun in the genitive → nominative.
    pub institution_nouns: FxHashMap<String, String>,
    /// Adjective endings: gender (m f n), oblique, nominative (longest first).
    pub adjective_back: Vec<(String, String, String)>,
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

impl Lexicon {
    pub fn load(files: &RuleFiles) -> Result<Lexicon, RuleError> {
        let t = files.tsv("official/offices.tsv")?;
        let (cf, cl, cc, ch) = (
            t.column("form")?,
            t.column("lemma")?,
            t.column("cases")?,
            t.column("holder")?,
        );
        let mut offices: FxHashMap<String, Vec<OfficeForm>> = FxHashMap::default();
        for row in &t.rows {
            let cases = Cases::parse(field(&t, row, cc)?)
                .ok_or_else(|| t.error(row, "unknown case (nom gen dat acc inst loc)"))?;
            let holder = Gender::parse(field(&t, row, ch)?)
                .ok_or_else(|| t.error(row, "holder must be m or f"))?;
            let form = field(&t, row, cf)?.to_lowercase();
            let lemma = field(&t, row, cl)?.to_lowercase();
            if form.is_empty() || lemma.is_empty() {
                return Err(t.error(row, "empty form or lemma"));
            }
            let v = offices.entry(form).or_default();
            if let Some(o) = v
                .iter_mut()
                .find(|o| o.lemma == lemma && o.holder == holder)
            {
                o.cases = o.cases.union(cases);
            } else {
                v.push(OfficeForm {
                    lemma,
                    cases,
                    holder,
                });
            }
        }

        let w: WordsFile = files.toml("official/words.toml")?;

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
            if !matches!(g, "m" | "f" | "n") {
                return Err(t.error(row, "gender must be m, f or n"));
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
        let mut ranks: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        for r in &w.ranks {
            let p = pieces(r);
            if let Some(first) = p.first() {
                ranks.entry(first.clone()).or_default().push(p);
            }
        }
        Ok(Lexicon {
            offices: LowerMap::new(offices),
            max_len,
            honorifics: lower_set(&w.honorifics),
            ranks: LowerMap::new(ranks),
            connectors: lower_set(&w.connectors),
            adjective_endings,
            gap_words: lower_set(&w.gap_words),
            patron_markers: w.patron_markers.iter().map(|r| pieces(r)).collect(),
            role_abbreviations: lower_set(&w.role_abbreviations),
            institution_nouns,
            adjective_back,
        })
    }

    /// The readings of an office word (any letter case), with a prefix such as "wice-".
    #[inline(always)]
    pub fn office(&self, word: &str) -> &[OfficeForm] {
        if word.len() < 4 || word.len() > self.max_len {
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
                let nom = if crate::extract::official::tokens::all_caps(word) {
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
