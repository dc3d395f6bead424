//! People's names back to the nominative: first names from the forms table, surnames by
//! the ending rules of `surname_endings.tsv`, checked against the surname register.

use super::lexicon::{Cases, Gender};
use super::tokens::{is_title_case, title_case};
use crate::error::RuleError;
use crate::rules::Table;
use crate::rules::{RuleFiles, Tsv, TsvRow};
use crate::text::words::FxHashMap;

/// One way to read a first-name form.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstReading {
    pub lemma: String,
    pub cases: Cases,
    pub gender: Gender,
    /// How many people bear the lemma (the register's count; 0 when not listed).
    pub count: u32,
}

#[derive(Debug)]
struct Rule {
    gender: Gender,
    cases: Cases,
    /// The oblique ending without the leading consonant mark.
    oblique: String,
    nominative: String,
    /// The rule starts with `C`: one consonant before the ending, kept.
    consonant: bool,
}

/// A person's name in the nominative.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub given: String,
    /// A second first name ("Jan Filip Nowak"), in the nominative.
    pub middle: Option<String>,
    pub surname: String,
    pub gender: Gender,
    /// The cases the name was written in.
    pub cases: Cases,
    /// How many surname parts the register knows for this gender.
    pub known: usize,
}

#[derive(Debug)]
pub struct Names {
    first: FxHashMap<String, Vec<FirstReading>>,
    surnames: FxHashMap<String, [u32; 2]>,
    rules: Vec<Rule>,
}

fn field<'a>(t: &Tsv, row: &'a TsvRow, col: usize) -> Result<&'a str, RuleError> {
    row.fields
        .get(col)
        .map(String::as_str)
        .ok_or_else(|| t.error(row, "missing column"))
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'ą' | 'e' | 'ę' | 'i' | 'o' | 'ó' | 'u' | 'y'
    )
}

fn gender_slot(g: Gender) -> usize {
    match g {
        Gender::M => 0,
        Gender::F => 1,
    }
}

impl Names {
    pub fn load(files: &RuleFiles) -> Result<Names, RuleError> {
        let mut genders: FxHashMap<&str, (Gender, u32)> = FxHashMap::default();
        let mut first: FxHashMap<String, Vec<FirstReading>> = FxHashMap::default();
        let t = Table::open(files, "official/names/first_names.tsv")?;
        t.rows(["name", "gender", "count"], |line, [name, g, count]| {
            let g = Gender::parse(g).ok_or_else(|| t.error(line, "gender must be m or f"))?;
            let count: u32 = count
                .parse()
                .map_err(|_| t.error(line, "count must be a number"))?;
            genders.entry(name).or_insert((g, count));
            first
                .entry(name.to_string())
                .or_default()
                .push(FirstReading {
                    lemma: name.to_string(),
                    cases: Cases::NOM,
                    gender: g,
                    count,
                });
            Ok(())
        })?;
        let t = Table::open(files, "official/names/first_name_forms.tsv")?;
        t.rows(["lemma", "case", "form"], |line, [lemma, case, form]| {
            let cases = Cases::parse(case).ok_or_else(|| t.error(line, "unknown case"))?;
            if cases.0 == 0 {
                return Ok(());
            }
            let (gender, count) = genders.get(lemma).copied().unwrap_or_else(|| {
                if lemma.ends_with('a') {
                    (Gender::F, 0)
                } else {
                    (Gender::M, 0)
                }
            });
            let v = first.entry(form.to_string()).or_default();
            match v
                .iter_mut()
                .find(|r| r.lemma == lemma && r.gender == gender)
            {
                Some(r) => r.cases = r.cases.union(cases),
                None => v.push(FirstReading {
                    lemma: lemma.to_string(),
                    cases,
                    gender,
                    count,
                }),
            }
            // the lemma itself is a nominative even when the register does not list it
            let n = first.entry(lemma.to_string()).or_default();
            if !n
                .iter()
                .any(|r| r.lemma == lemma && r.cases.meets(Cases::NOM))
            {
                n.push(FirstReading {
                    lemma: lemma.to_string(),
                    cases: Cases::NOM,
                    gender,
                    count,
                });
            }
            Ok(())
        })?;

        let t = Table::open(files, "official/names/surnames.tsv")?;
        let mut surnames: FxHashMap<String, [u32; 2]> = FxHashMap::default();
        surnames.reserve(t.len());
        t.rows(["name", "gender", "count"], |line, [name, g, count]| {
            let g = Gender::parse(g).ok_or_else(|| t.error(line, "gender must be m or f"))?;
            let n: u32 = count
                .parse()
                .map_err(|_| t.error(line, "count must be a number"))?;
            match surnames.get_mut(name) {
                Some(c) => c[gender_slot(g)] += n,
                None => {
                    let mut c = [0; 2];
                    c[gender_slot(g)] += n;
                    surnames.insert(name.to_string(), c);
                }
            }
            Ok(())
        })?;

        let t = files.tsv("official/surname_endings.tsv")?;
        let (cg, cc, co, cn) = (
            t.column("gender")?,
            t.column("cases")?,
            t.column("oblique")?,
            t.column("nominative")?,
        );
        let mut rules = Vec::new();
        for row in &t.rows {
            let gender = Gender::parse(field(&t, row, cg)?)
                .ok_or_else(|| t.error(row, "gender must be m or f"))?;
            let cases =
                Cases::parse(field(&t, row, cc)?).ok_or_else(|| t.error(row, "unknown case"))?;
            let obl = field(&t, row, co)?;
            let nom = field(&t, row, cn)?;
            let consonant = obl.starts_with('C');
            if consonant != nom.starts_with('C') {
                return Err(t.error(row, "`C` must begin both endings or neither"));
            }
            let strip = |s: &str| s.strip_prefix('C').unwrap_or(s).to_string();
            if strip(obl).is_empty() {
                return Err(t.error(row, "empty oblique ending"));
            }
            rules.push(Rule {
                gender,
                cases,
                oblique: strip(obl),
                nominative: strip(nom),
                consonant,
            });
        }
        Ok(Names {
            first,
            surnames,
            rules,
        })
    }

    /// Readings of a first-name form (any letter case).
    pub fn first_readings(&self, word: &str) -> &[FirstReading] {
        // most words come written so: no new string for them
        let found = if is_title_case(word) {
            self.first.get(word)
        } else {
            self.first.get(&title_case(word))
        };
        found.map(Vec::as_slice).unwrap_or(&[])
    }

    /// The nominative of a first-name form read as a person of `gender` in one of `cases`.
    pub fn first_in(&self, word: &str, gender: Gender, cases: Cases) -> Option<String> {
        self.first_readings(word)
            .iter()
            .filter(|r| r.gender == gender && r.cases.meets(cases))
            .max_by_key(|r| r.count)
            .map(|r| r.lemma.clone())
    }

    pub fn is_first_name(&self, word: &str) -> bool {
        !self.first_readings(word).is_empty()
    }

    fn count(&self, name: &str, g: Gender) -> u32 {
        self.surnames.get(name).map_or(0, |c| c[gender_slot(g)])
    }

    /// The nominative of one surname word (no hyphen) written in one of `cases`, with
    /// whether the register knows it.
    fn surname_part(&self, word: &str, g: Gender, cases: Cases) -> Option<(String, bool)> {
        let word = title_case(word);
        let mut cands: Vec<String> = Vec::new();
        let identity_first = cases.meets(Cases::NOM);
        if identity_first {
            cands.push(word.clone());
        }
        for r in &self.rules {
            if r.gender != g || !r.cases.meets(cases) {
                continue;
            }
            let Some(stem) = word.strip_suffix(r.oblique.as_str()) else {
                continue;
            };
            if r.consonant && stem.chars().next_back().is_none_or(is_vowel) {
                continue;
            }
            if stem.chars().count() < 2 {
                continue;
            }
            let c = format!("{stem}{}", r.nominative);
            if !cands.contains(&c) {
                cands.push(c);
            }
        }
        if g == Gender::F && !identity_first {
            cands.push(word.clone());
        }
        let best = cands
            .iter()
            .map(|c| (self.count(c, g), c))
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, _)| *n)
            .map(|(_, c)| c.clone());
        // a man's surname is often left undeclined after a declined first name ("Starostę
        // Sokólskiego Piotra Rećko", "Radnego Krzysztofa Buła", "Radnego Mieczysława
        // Pawelczyk"): as written when no declined reading is known ("Marcina Gaca" is Gac,
        // though Gaca is a surname too), when the register knows it; an unknown one only in
        // a consonant or in -o ("Cudejko": no declined form of a man's noun ends so but
        // "-em", which a rule reads), when no rule reads it
        let undeclined = g == Gender::M && !identity_first;
        match best {
            Some(c) => Some((c, true)),
            None if undeclined && self.count(&word, g) > 0 => Some((word, true)),
            None => match cands.into_iter().next() {
                Some(c) => Some((c, false)),
                None => (undeclined && word.ends_with(|c: char| c == 'o' || !is_vowel(c)))
                    .then_some((word, false)),
            },
        }
    }

    /// A surname of one or more hyphen-joined parts in the nominative.
    fn surname(&self, word: &str, g: Gender, cases: Cases) -> Option<(String, usize)> {
        let mut out = String::new();
        let mut known = 0;
        for (i, part) in word.split('-').enumerate() {
            if part.is_empty() {
                return None;
            }
            let (nom, k) = self.surname_part(part, g, cases)?;
            if i > 0 {
                out.push('-');
            }
            out.push_str(&nom);
            known += usize::from(k);
        }
        Some((out, known))
    }

    /// The person written as `first` followed by the surname words, read so that the
    /// cases agree (with the office form when `agree` is given); the reading whose
    /// surname the register knows wins.
    pub fn person(
        &self,
        first: &str,
        surname_words: &[&str],
        agree: Option<&dyn Fn(Gender, Cases) -> bool>,
    ) -> Option<Person> {
        let mut best: Option<((u32, u32, bool, u32), Person)> = None;
        let written = title_case(first);
        for r in self.first_readings(first) {
            let mut parts = Vec::new();
            let mut known = 0;
            let mut ok = true;
            for w in surname_words {
                match self.surname(w, r.gender, r.cases) {
                    Some((s, k)) => {
                        parts.push(s);
                        known += k;
                    }
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if !ok {
                continue;
            }
            let agrees = agree.is_none_or(|f| f(r.gender, r.cases));
            let score = (
                u32::from(agrees) * 1000 + known as u32 * 10 + u32::from(r.cases.meets(Cases::NOM)),
                // a name a hundred times as common wins: "Jackowi" is Jacek, not Jack
                r.count.checked_ilog10().map_or(0, |d| d / 2 + 1),
                // "Maksa" is rather Maks than Max
                written.starts_with(r.lemma.as_str()),
                r.count,
            );
            let p = Person {
                given: r.lemma.clone(),
                middle: None,
                surname: parts.join(" "),
                gender: r.gender,
                cases: r.cases,
                known,
            };
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, p));
            }
        }
        best.map(|(_, p)| p)
    }

    /// The person written with an initial for the first name ("A." of "Radnego A.
    /// Nowaka"), in a case and gender that agree with the office: the reading whose surname
    /// the register counts most for its gender (the nominative breaking a tie, then a man's).
    /// `None` when it knows no such surname.
    pub fn initialled(
        &self,
        initial: &str,
        surname: &str,
        agree: &dyn Fn(Gender, Cases) -> bool,
    ) -> Option<Person> {
        let mut best: Option<(u32, Person)> = None;
        for g in [Gender::M, Gender::F] {
            for case in Cases::SINGULAR {
                if !agree(g, case) {
                    continue;
                }
                let Some((nom, known)) = self.surname(surname, g, case) else {
                    continue;
                };
                let parts = surname.split('-').count();
                let score = self.count(&nom, g) + u32::from(case.meets(Cases::NOM));
                if known == parts && best.as_ref().is_none_or(|(s, _)| score > *s) {
                    let given = format!("{initial}.");
                    let p = Person {
                        given,
                        middle: None,
                        surname: nom,
                        gender: g,
                        cases: case,
                        known,
                    };
                    best = Some((score, p));
                }
            }
        }
        best.map(|(_, p)| p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::load(&RuleFiles::embedded()).expect("official name rules load")
    }

    fn nom(n: &Names, first: &str, surname: &[&str]) -> String {
        let p = n.person(first, surname, None).expect("a reading");
        format!("{} {}", p.given, p.surname)
    }

    #[test]
    fn surnames_come_back_to_the_register_nominative() {
        let n = names();
        assert_eq!(nom(&n, "Mariusza", &["Kozła"]), "Mariusz Kozieł");
        assert_eq!(nom(&n, "Mariusza", &["Kozieła"]), "Mariusz Kozieł");
        assert_eq!(nom(&n, "Marianem", &["Stępniem"]), "Marian Stępień");
        assert_eq!(nom(&n, "Roberta", &["Ziółka"]), "Robert Ziółek");
        assert_eq!(nom(&n, "Krzysztofa", &["Węgla"]), "Krzysztof Węgiel");
        assert_eq!(nom(&n, "Józefowi", &["Gąsiorowi"]), "Józef Gąsior");
        assert_eq!(nom(&n, "Halinie", &["Musze"]), "Halina Mucha");
        assert_eq!(
            nom(&n, "Elżbiety", &["Sowy-Kamińskiej"]),
            "Elżbieta Sowa-Kamińska"
        );
        assert_eq!(nom(&n, "Lucynie", &["Dudek"]), "Lucyna Dudek");
        assert_eq!(nom(&n, "Piotra", &["Rećko"]), "Piotr Rećko");
        assert_eq!(nom(&n, "Jarosława", &["Korzenia"]), "Jarosław Korzeń");
        assert_eq!(nom(&n, "Jarosławem", &["Korzeniem"]), "Jarosław Korzeń");
        assert_eq!(nom(&n, "Grzegorza", &["Biedronia"]), "Grzegorz Biedroń");
        assert_eq!(nom(&n, "Piotrem", &["Rećko"]), "Piotr Rećko");
        assert_eq!(nom(&n, "Andrzeja", &["Bętkowskiego"]), "Andrzej Bętkowski");
    }

    #[test]
    fn the_surname_decides_between_first_name_readings() {
        let n = names();
        // "Iwona" is a nominative and the genitive of Iwo; Bednarka only fits Iwo
        assert_eq!(nom(&n, "Iwona", &["Bednarka"]), "Iwo Bednarek");
        assert_eq!(nom(&n, "Iwona", &["Nowak"]), "Iwona Nowak");
        assert_eq!(nom(&n, "MARIUSZ", &["KOZIEŁ"]), "Mariusz Kozieł");
    }
}
