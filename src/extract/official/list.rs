//! A plural title heading a list of names: "Członkowie Zarządu Powiatu: Jan Nowak, Anna Lis i
//! Adam Wrona", "radni powiatowi: …". Every person in the list holds the title in the
//! singular (a woman the feminine title when there is one: "radni" → Radna).

use super::lexicon::{Cases, Gender, OfficeForm};
use super::tokens::{Kind, Toks};
use super::{best_form, Hit, OfficialRules, MAX_COMPLEMENT};

/// Lines of a list read under a plural title, at most.
const MAX_LINES: usize = 40;

/// Is every reading of the office word a plural heading a list?
pub(super) fn is_plural(forms: &[OfficeForm]) -> bool {
    !forms.is_empty() && forms.iter().all(|f| f.cases == Cases::PLURAL)
}

impl OfficialRules {
    /// The people listed after the plural title at token `i` (its head from `first`), in
    /// the nominative, joined by commas and coordinators.
    pub(super) fn list(
        &self,
        toks: &Toks,
        first: usize,
        i: usize,
        forms: &[OfficeForm],
    ) -> Vec<Hit> {
        let name = |k: usize| self.nominative_name(toks, k);
        // the complement, then the first name (after a colon or a dash)
        let mut j = i + 1;
        let mut steps = 0;
        let (mut k, mut found) = loop {
            let k = if toks.has(j) && (toks.at(j).is_punct(':') || toks.at(j).is_punct('-')) {
                j + 1
            } else {
                j
            };
            if let Some(f) = name(k) {
                break (k, f);
            }
            if steps >= MAX_COMPLEMENT {
                return Vec::new();
            }
            match self.complement_step(toks, j, forms) {
                Some(next) => {
                    j = next;
                    steps += 1;
                }
                None => return Vec::new(),
            }
        };
        let complement = i + 1..j;
        let mut out = Vec::new();
        loop {
            let (person, last) = found;
            let start = if out.is_empty() { first } else { k };
            out.push(listed(start..last, (first, i), forms, &complement, person));
            // ", " "i" "oraz" ", oraz" before the next name
            let mut n = last + 1;
            let mut joined = false;
            while toks.has(n) && self.coordinator_at(toks, n) && n - last <= 2 {
                n += 1;
                joined = true;
            }
            match name(n).filter(|_| joined) {
                Some(f) => {
                    k = n;
                    found = f;
                }
                None => break,
            }
        }
        out
    }

    /// The people listed one a line under a plural title that ends its line with a colon
    /// ("Członkowie Zarządu Powiatu:" then "1. Jan Nowak", "2. Anna Lis"), each line
    /// opened by a number or a bullet or not; the list ends at an empty line or a line
    /// that does not open with a name. A line that gives its person a title of its own
    /// ("3. Ewa Kot - Wicestarosta") is left to that title.
    pub(super) fn vertical_list(
        &self,
        toks: &Toks,
        first: usize,
        i: usize,
        forms: &[OfficeForm],
    ) -> Vec<Hit> {
        let name = |k: usize| self.nominative_name(toks, k);
        let line_end = |k: usize| !toks.has(k) || toks.at(k).is_punct('\n');
        // the complement, up to the colon that ends the line
        let mut j = i + 1;
        for _ in 0..MAX_COMPLEMENT {
            if toks.has(j) && toks.at(j).is_punct(':') && toks.has(j + 1) && line_end(j + 1) {
                break;
            }
            j = match self.complement_step(toks, j, forms) {
                Some(next) => next,
                None => return Vec::new(),
            };
        }
        if !(toks.at(j).is_punct(':') && line_end(j + 1)) {
            return Vec::new();
        }
        let complement = i + 1..j;
        let mut out = Vec::new();
        let mut line = j + 2;
        for _ in 0..MAX_LINES {
            // "1." "1)" "-" "•" "*"
            let mut k = line;
            if toks.at(k).kind == Kind::Number
                && (toks.at(k + 1).is_punct('.') || toks.at(k + 1).is_punct(')'))
            {
                k += 2;
            } else if ['-', '•', '*'].iter().any(|&c| toks.at(k).is_punct(c)) {
                k += 1;
            }
            let Some((person, last)) = name(k) else {
                break;
            };
            let after = toks.at(last + 1);
            let bare = line_end(last + 1)
                || ([',', ';', '.'].iter().any(|&c| after.is_punct(c)) && line_end(last + 2));
            if bare {
                out.push(listed(k..last, (first, i), forms, &complement, person));
            }
            let mut n = last + 1;
            while !line_end(n) {
                n += 1;
            }
            // the text's end or an empty line
            if !toks.has(n) || line_end(n + 1) {
                break;
            }
            line = n + 1;
        }
        out
    }

    /// The person whose name starts at token `k`, in the nominative, and the name's last
    /// token.
    fn nominative_name(&self, toks: &Toks, k: usize) -> Option<(super::Person, usize)> {
        let nominative = |_: Gender, c: Cases| c.meets(Cases::NOM);
        self.name_at(toks, k, Some(&nominative))
            .filter(|(p, _)| p.cases.meets(Cases::NOM))
    }
}

/// The hit of a person listed under a plural title: the mention from token `span.start`
/// to `span.end` (the name's last), the title's head and office word `(head, office)`.
fn listed(
    span: std::ops::Range<usize>,
    (head, office): (usize, usize),
    forms: &[OfficeForm],
    complement: &std::ops::Range<usize>,
    person: super::Person,
) -> Hit {
    Hit {
        first: span.start,
        last: span.end,
        head,
        office,
        form: best_form(forms, &person),
        complement: complement.clone(),
        person,
        acting: false,
    }
}
