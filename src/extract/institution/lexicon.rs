//! The institution lexicon: head nouns with their forms, adjective endings, the words that
//! build a name, and the names that are not institutions. All of it from `rules/institution/`.

use crate::error::RuleError;
use crate::rules::{fold, RuleFiles};
use crate::words::{lower, FxHashMap, FxHashSet, LowerMap};
use std::collections::HashMap;

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

#[derive(Debug, serde::Deserialize)]
struct WordLists {
    location: Vec<String>,
    coordinators: Vec<String>,
    complement_joiners: Vec<String>,
    patron: Vec<String>,
    number: Vec<String>,
    adjective_stem_finals: Vec<String>,
    complement_endings: Vec<String>,
    complement_adjective_endings: Vec<String>,
    place_adjective_endings: Vec<String>,
    units: Vec<String>,
    stop: Vec<String>,
    company: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
struct WordsFile {
    limits: Limits,
    words: WordLists,
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
    number: FxHashSet<String>,
    stem_finals: Vec<String>,
    comp_endings: Vec<String>,
    comp_adj_endings: Vec<String>,
    place_endings: Vec<String>,
    units: LowerMap<()>,
    /// Small words of prose (prepositions of place, joiners), lower case.
    prose: LowerMap<()>,
    /// Stop words and first names, lower case.
    stop: LowerMap<()>,
    /// Words before a company's name ("firma"), lower case.
    company: FxHashSet<String>,
    /// Folded prefixes of names that are not institutions.
    non_institutions: Vec<String>,
    /// Folded phrase → kind, in file order.
    kinds: Vec<(String, String)>,
    /// Abbreviation → the heads it may stand for.
    abbreviations: FxHashMap<String, Vec<usize>>,
}

const DIR: &str = "institution";

/// Head forms of this many letters or fewer are not read without their diacritics.
const MIN_PLAIN_FORM: usize = 4;

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

fn gender(s: &str) -> Option<Gender> {
    match s {
        "m" => Some(Gender::M),
        "f" => Some(Gender::F),
        "n" => Some(Gender::N),
        _ => None,
    }
}

impl Lexicon {
    pub fn load(files: &RuleFiles) -> Result<Lexicon, RuleError> {
        let words: WordsFile = files.toml(&format!("{DIR}/words.toml"))?;
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<FxHashSet<_>>();
        let set = |v: FxHashSet<String>| LowerMap::new(v.into_iter().map(|w| (w, ())));
        let mut stop = lower(&words.words.stop);
        let mut lex = Lexicon {
            heads: Vec::new(),
            forms: LowerMap::new([]),
            endings: Vec::new(),
            ending_groups: std::array::from_fn(|_| 0..0),
            location: lower(&words.words.location),
            coordinators: lower(&words.words.coordinators),
            joiners: lower(&words.words.complement_joiners),
            patron: lower(&words.words.patron),
            number: lower(&words.words.number),
            stem_finals: words.words.adjective_stem_finals.clone(),
            comp_endings: words.words.complement_endings.clone(),
            comp_adj_endings: words.words.complement_adjective_endings.clone(),
            place_endings: words.words.place_adjective_endings.clone(),
            units: set(lower(&words.words.units)),
            prose: set(lower(&words.words.location)
                .into_iter()
                .chain(lower(&words.words.complement_joiners))
                .collect()),
            stop: LowerMap::new([]),
            company: lower(&words.words.company),
            limits: words.limits,
            non_institutions: Vec::new(),
            kinds: Vec::new(),
            abbreviations: FxHashMap::default(),
        };
        lex.load_heads(files)?;
        lex.load_endings(files)?;
        let names = files.tsv(&format!("{DIR}/first_names.tsv"))?;
        let col = names.column("name")?;
        for row in &names.rows {
            stop.insert(row.fields[col].to_lowercase());
        }
        lex.stop = set(stop);
        let non = files.tsv(&format!("{DIR}/non_institutions.tsv"))?;
        let col = non.column("prefix")?;
        for row in &non.rows {
            let p = fold(&row.fields[col]);
            if p.is_empty() {
                return Err(non.error(row, "empty prefix"));
            }
            lex.non_institutions.push(p);
        }
        let kinds = files.tsv(&format!("{DIR}/kinds.tsv"))?;
        let (cp, ck) = (kinds.column("phrase")?, kinds.column("kind")?);
        for row in &kinds.rows {
            if row.fields[cp].is_empty() || row.fields[ck].is_empty() {
                return Err(kinds.error(row, "empty phrase or kind"));
            }
            lex.kinds
                .push((fold(&row.fields[cp]), row.fields[ck].clone()));
        }
        let abbr = files.tsv(&format!("{DIR}/abbreviations.tsv"))?;
        let (ca, ch) = (abbr.column("abbreviation")?, abbr.column("head")?);
        for row in &abbr.rows {
            let head = lex
                .heads
                .iter()
                .position(|h| h.lemma == row.fields[ch])
                .ok_or_else(|| {
                    abbr.error(
                        row,
                        format!("unknown head {:?} (not in heads.tsv)", row.fields[ch]),
                    )
                })?;
            lex.abbreviations
                .entry(row.fields[ca].clone())
                .or_default()
                .push(head);
        }
        Ok(lex)
    }

    fn load_heads(&mut self, files: &RuleFiles) -> Result<(), RuleError> {
        let mut all: HashMap<String, Vec<Reading>> = HashMap::new();
        let tsv = files.tsv(&format!("{DIR}/heads.tsv"))?;
        let c = |n| tsv.column(n);
        let (cl, cg, ck, cn, cs, cp) = (
            c("lemma")?,
            c("gender")?,
            c("kind")?,
            c("needs")?,
            c("sg")?,
            c("pl")?,
        );
        for row in &tsv.rows {
            let f = &row.fields;
            let g = gender(&f[cg]).ok_or_else(|| tsv.error(row, "gender must be m, f or n"))?;
            let mut needs = Evidence::default();
            for n in f[cn].split(',').map(str::trim) {
                match n {
                    "adj" => needs.adj = true,
                    "comp" => needs.comp = true,
                    "loc" => needs.loc = true,
                    "quote" => needs.quote = true,
                    "im" => needs.im = true,
                    "nr" => needs.nr = true,
                    "name" => needs.name = true,
                    other => {
                        return Err(tsv.error(
                            row,
                            format!("unknown need {other:?} (adj, comp, loc, quote, im, nr, name)"),
                        ))
                    }
                }
            }
            let head = self.heads.len();
            for (col, plural) in [(cs, false), (cp, true)] {
                let forms: Vec<&str> = f[col].split(',').map(str::trim).collect();
                if forms.len() != CASES.len() || forms.iter().any(|s| s.is_empty()) {
                    return Err(tsv.error(
                        row,
                        format!("{} needs 6 forms: nom,gen,dat,acc,ins,loc", tsv.header[col]),
                    ));
                }
                for (case, form) in forms.iter().enumerate() {
                    let r = Reading { head, case, plural };
                    // A form written without its diacritics ("Urzedu") reads as the form,
                    // when it is long enough not to be another word ("Sąd" / "sad").
                    let folded = fold(form);
                    let lower = form.to_lowercase();
                    let plain = (folded != lower && folded.chars().count() > MIN_PLAIN_FORM)
                        .then_some(folded);
                    for key in std::iter::once(lower).chain(plain) {
                        let v = all.entry(key).or_default();
                        if !v.contains(&r) {
                            v.push(r);
                        }
                    }
                }
            }
            self.heads.push(Head {
                lemma: f[cl].clone(),
                gender: g,
                kind: f[ck].clone(),
                needs,
            });
        }
        self.forms = LowerMap::new(all);
        Ok(())
    }

    fn load_endings(&mut self, files: &RuleFiles) -> Result<(), RuleError> {
        let tsv = files.tsv(&format!("{DIR}/adjective_endings.tsv"))?;
        let c = |n| tsv.column(n);
        let (cg, cn, cc, ce, cm) = (
            c("gender")?,
            c("number")?,
            c("case")?,
            c("ending")?,
            c("nominative")?,
        );
        for row in &tsv.rows {
            let f = &row.fields;
            let g = gender(&f[cg]).ok_or_else(|| tsv.error(row, "gender must be m, f or n"))?;
            let plural = match f[cn].as_str() {
                "sg" => false,
                "pl" => true,
                _ => return Err(tsv.error(row, "number must be sg or pl")),
            };
            let case = CASES
                .iter()
                .position(|c| *c == f[cc])
                .ok_or_else(|| tsv.error(row, "case must be nom, gen, dat, acc, ins or loc"))?;
            if f[ce].is_empty() || f[cm].is_empty() {
                return Err(tsv.error(row, "empty ending"));
            }
            self.endings.push(Ending {
                gender: g,
                plural,
                case,
                ending: f[ce].to_lowercase(),
                nominative: f[cm].to_lowercase(),
            });
        }
        self.endings
            .sort_by_key(|e| std::cmp::Reverse(e.ending.chars().count()));
        // a stable sort: longest first within each group still
        self.endings
            .sort_by_key(|e| ending_key(e.gender, e.plural, e.case));
        for (k, group) in self.ending_groups.iter_mut().enumerate() {
            let start = self
                .endings
                .partition_point(|e| ending_key(e.gender, e.plural, e.case) < k);
            let end = self
                .endings
                .partition_point(|e| ending_key(e.gender, e.plural, e.case) <= k);
            *group = start..end;
        }
        Ok(())
    }

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
            || self.forms.contains(&lower)
            || self.units.contains(&lower)
            || self.stop.contains(&lower)
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
    pub fn is_coordinator(&self, w: &str) -> bool {
        self.coordinators.contains(w)
    }
    pub fn is_joiner(&self, w: &str) -> bool {
        self.joiners.contains(w)
    }
    pub fn is_patron(&self, w: &str) -> bool {
        self.patron.contains(w)
    }
    pub fn is_number(&self, w: &str) -> bool {
        self.number.contains(w)
    }
    pub fn is_unit(&self, w: &str) -> bool {
        self.units.contains(w)
    }
    pub fn is_stop(&self, w: &str) -> bool {
        self.stop.contains(w)
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
        let folded = fold(name);
        let mut rest = folded.as_str();
        for _ in 0..=starts {
            if self
                .non_institutions
                .iter()
                .any(|p| starts_with_words(rest, p))
            {
                return true;
            }
            match rest.split_once(' ') {
                Some((_, r)) => rest = r,
                None => break,
            }
        }
        false
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

/// `s` starts with `prefix` ending at a word boundary.
fn starts_with_words(s: &str, prefix: &str) -> bool {
    s.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::load(&RuleFiles::embedded()).unwrap()
    }

    #[test]
    fn adjectives_go_to_the_nominative() {
        let l = lex();
        let gen = 1;
        let loc = 5;
        assert_eq!(
            l.adjective("Wojewódzkiej", Gender::F, false, gen)
                .as_deref(),
            Some("Wojewódzka")
        );
        assert_eq!(
            l.adjective("Świętokrzyskim", Gender::M, false, loc)
                .as_deref(),
            Some("Świętokrzyski")
        );
        assert_eq!(
            l.adjective("Powiatowego", Gender::N, false, gen).as_deref(),
            Some("Powiatowe")
        );
        assert_eq!(
            l.adjective("Regionalne", Gender::M, true, 0).as_deref(),
            Some("Regionalny")
        );
        assert_eq!(
            l.adjective("MARSZAŁKOWSKIM", Gender::M, false, loc)
                .as_deref(),
            Some("MARSZAŁKOWSKI")
        );
        // A noun in the genitive is no adjective, nor is a unit.
        assert_eq!(l.adjective("Pomocy", Gender::M, false, 0), None);
        assert_eq!(l.adjective("Gminy", Gender::M, false, 0), None);
    }

    #[test]
    fn head_forms_have_readings() {
        let l = lex();
        let r = l.readings("Urzędzie");
        assert!(r.iter().any(|r| r.case == 5 && !r.plural));
        assert!(l.readings("szkoły").iter().any(|r| r.plural));
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let files = RuleFiles::embedded().with_file(
            "institution/heads.tsv",
            "lemma\tgender\tkind\tneeds\tsg\tpl\nDom\tx\tcentre\tcomp\ta,b,c,d,e,f\ta,b,c,d,e,f\n",
        );
        let e = Lexicon::load(&files).unwrap_err().to_string();
        assert!(
            e.ends_with("institution/heads.tsv:2: gender must be m, f or n"),
            "{e}"
        );
        let files = RuleFiles::embedded().with_file(
            "institution/heads.tsv",
            "lemma\tgender\tkind\tneeds\tsg\tpl\nDom\tm\tcentre\tcomp\ta,b\ta,b,c,d,e,f\n",
        );
        let e = Lexicon::load(&files).unwrap_err().to_string();
        assert!(e.contains("heads.tsv:2: sg needs 6 forms"), "{e}");
    }

    #[test]
    fn programmes_are_not_institutions() {
        let l = lex();
        assert!(l.is_non_institution("Operacyjny Europejski Fundusz Społeczny", 2));
        assert!(l.is_non_institution("Zarząd Województwa Małopolskiego", 0));
        assert!(!l.is_non_institution("Wojewódzki Fundusz Ochrony Środowiska", 1));
    }
}
