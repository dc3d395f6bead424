//! Institution extractor (rules in `rules/institution/`).
//!
//! A name is built around a head noun of the gazetteer (`heads.tsv`) found in any case:
//! adjectives that agree with it before and after it are put in the nominative (endings as
//! data, `adjective_endings.tsv`), the head takes its lemma, and what follows stays as
//! written: a genitive complement ("Pomocy Społecznej"), a patron ("im. Witolda
//! Gombrowicza"), a number ("nr 1"), a quoted name and the seat ("w Kielcach"). A plural head
//! with coordinated seats ("Regionalne Ośrodki ... w Białymstoku, Kielcach i Lublinie") gives
//! one institution per seat; any other plural is generic. A name needs what its head asks
//! for (`needs`), and names of programmes, councils and departments are dropped.

mod lexicon;
mod parts;
mod tokens;
mod variants;

use super::facts::Columns;
use super::{Context, Extractor, Fact, Found, Landing};
use crate::error::RuleError;
use crate::record::Institution;
use crate::rules::RuleFiles;
use crate::text::tokens::{upper_at, word_at};
use crate::text::words::lower;
use lexicon::{Evidence, Lexicon, Reading};
use regex::Regex;
use std::ops::Range;
use tokens::Toks;
use variants::Variants;

/// The institution rules, loaded once.
#[derive(Debug)]
pub struct InstitutionRules {
    lex: Lexicon,
    abbreviation: Regex,
    number: Regex,
    /// A company's legal form after a name ("sp. z o.o.", "S.A."): no institution.
    company: Regex,
    variants: Variants,
}

/// A name found around one head.
struct Candidate {
    range: Range<usize>,
    names: Vec<String>,
    head: usize,
    abbreviation: Option<String>,
    /// How well the reading fits: agreeing adjectives, then a plural with several seats,
    /// then the singular.
    score: (usize, bool, bool),
    /// The name is whole on its own (a seat, a quoted name, a number, a patron, or a unit
    /// with its name: "Urząd Gminy Dwikozy"), so it counts even in a menu line.
    whole: bool,
}

impl Extractor for InstitutionRules {
    type Finds = Vec<Found<Institution>>;

    /// Reads and compiles the institution rules (`rules/institution/`).
    fn load(files: &RuleFiles) -> Result<InstitutionRules, RuleError> {
        let lex = Lexicon::load(files)?;
        let p = files.patterns_only("institution/patterns.toml", &[])?;
        Ok(InstitutionRules {
            lex,
            abbreviation: p.regex("Abbreviation")?,
            number: p.regex("Number")?,
            company: p.regex("Company")?,
            variants: Variants::load(files)?,
        })
    }

    /// The institutions the document names, with their ranges in the normalised text.
    fn extract(&self, ctx: &Context) -> Vec<Found<Institution>> {
        let text = ctx.text;
        let t = Toks::new(
            text,
            Some(&ctx.norm.text),
            self.lex.limits.max_gap,
            self.lex.prose(),
        );
        let starts = ctx.word_starts();
        // the tokens before a head that are looked at: the adjectives before it (each may be
        // a compound of two words: "Warmińsko – Mazurskiego") and the two words before them
        let margin = 2 * self.lex.limits.pre_adjectives + 2;
        let mut cands: Vec<Candidate> = Vec::new();
        for (n, w) in starts.iter().enumerate() {
            let p = w.at;
            if !upper_at(text, p) || !self.lex.head_may_start(w.head, text, p) {
                continue;
            }
            let readings = self.lex.readings(word_at(text, p));
            if readings.is_empty() {
                continue;
            }
            // the menu test (a walk over the line) only for head words
            let menu = t.in_menu_at(p);
            // the tokens from `margin` words before on (all of them near the start)
            t.reset(n.checked_sub(margin).map_or(0, |m| starts[m].at));
            let Some(i) = t.index_of(p) else {
                continue;
            };
            let best = readings
                .iter()
                .filter_map(|r| self.build(&t, i, *r))
                .max_by_key(|c| c.score);
            if let Some(c) = best.filter(|c| !menu || c.whole) {
                cands.push(c);
            }
        }
        // A name inside a longer one is part of it ("... Urzędu Marszałkowskiego w Kielcach").
        cands.sort_by(|a, b| (a.range.start, b.range.end).cmp(&(b.range.start, a.range.end)));
        let kept = outermost(cands, |c| &c.range);
        let mut out: Vec<Found<Institution>> = Vec::new();
        for c in kept {
            for name in c.names {
                let kind = self.lex.kind(&name, c.head);
                out.push(Found::new(
                    c.range.clone(),
                    Institution {
                        name,
                        kind: Some(kind),
                        abbreviation: c.abbreviation.clone(),
                        gmina: None,
                    },
                ));
            }
        }
        let location: Vec<&str> = self.lex.location().collect();
        variants::fold_variants(&mut out, &location, self.lex.seat_forms());
        // A generic name ("Koło Gospodyń Wiejskich", "Komenda Powiatowa Policji") is no
        // institution unless it is a short form of a full name the release gives (folded
        // into it above): it still covers its words, so no name inside it is taken instead.
        out.retain(|f| !self.variants.is_generic(&f.item.name));
        out
    }

    /// The institutions land in `institutions`, also those in a site's name: the name
    /// heading a menu row names the publisher.
    fn land(&self, finds: Vec<Found<Institution>>, into: &mut Landing) {
        into.put(finds, true);
    }
}

/// Institutions: rows of kind `institution` with the name; the event stage reads the name.
impl Fact for Institution {
    const KIND: &'static str = "institution";
    const EXAMPLES: &'static str = "institution";
    const FOR_EVENTS: bool = true;
    super::facts::record_field!(institutions);

    fn mention(&self) -> Columns {
        Columns {
            value: Some(self.name.clone()),
            ..Columns::default()
        }
    }

    fn keep_for_events(&mut self) {
        self.kind = None;
        self.abbreviation = None;
        self.gmina = None;
    }
}

impl InstitutionRules {
    /// The name around head token `i` read as `r`, when it is a specific institution.
    fn build(&self, t: &Toks, i: usize, r: Reading) -> Option<Candidate> {
        let lex = &self.lex;
        let head = &lex.heads[r.head];
        // A name in capitals, unless the head itself is an abbreviation ("OSP").
        let caps = t.is_all_caps(i) && head.lemma.chars().any(char::is_lowercase);
        // Adjectives before the head.
        let mut pre: Vec<String> = Vec::new();
        let mut first = i;
        while pre.len() < lex.limits.pre_adjectives && first > 0 && t.joined(first) {
            let p = first - 1;
            if !t.is_capitalised(p) {
                break;
            }
            // "Zarządzania Kryzysowego Urzędu": the adjective is the verbal noun's, when that
            // noun stands inside a name (capitalised, after a word of it: not "Podziękowania
            // Gminnemu Ośrodkowi" at a sentence's start)
            if p > 1
                && t.joined(p)
                && t.joined(p - 1)
                && t.is_word(p - 2)
                && t.is_capitalised(p - 1)
                && lex.is_verbal_noun(t.str(p - 1))
            {
                break;
            }
            match lex.adjective(t.str(p), head.gender, r.plural, r.case) {
                Some(a) => pre.insert(0, a),
                None => break,
            }
            first = p;
            // "Warmińsko – Mazurskiego": a compound adjective written with a spaced dash
            if let Some(f) = self.compound_first(t, p) {
                pre[0] = format!("{}-{}", t.str(f), pre[0]);
                first = f;
            }
        }
        // "Województwem Świętokrzyskim Urzędem": the adjective is the unit's.
        if first < i && first > 0 && t.joined(first) && lex.is_unit(t.str(first - 1)) {
            pre.clear();
            first = i;
        }
        // Adjectives after the head.
        let mut post: Vec<String> = Vec::new();
        let mut k = i + 1;
        // A head that takes a proper name takes no adjective after it ("OSP Głowaczowa").
        while !head.needs.name
            && post.len() < lex.limits.post_adjectives
            && t.joined(k)
            && t.is_capitalised(k)
        {
            // "Ośrodek Szkolno – Wychowawczy": a compound adjective with a spaced dash
            let second = self.compound_second(t, k);
            let at = second.unwrap_or(k);
            match lex.adjective(t.str(at), head.gender, r.plural, r.case) {
                Some(a) if second.is_some() => post.push(format!("{}-{a}", t.str(k))),
                Some(a) => post.push(a),
                None => break,
            }
            k = at + 1;
        }
        let mut ev = Evidence {
            adj: !pre.is_empty() || !post.is_empty(),
            ..Evidence::default()
        };
        // The genitive complement, as written.
        let comp_from = k;
        // A head that takes a proper name and no complement ("OSP Głowaczowa Janowi ...").
        let (comp_end, comp_words, unit_last) = if head.needs.comp || !head.needs.name {
            self.complement(t, k, caps)
        } else {
            (k, 0, false)
        };
        // "Zarząd Ochotniczej Straży Pożarnej": a body's organ, no institution
        if head.organ && (comp_from..comp_end).any(|j| t.is_word(j) && lex.is_head_form(t.str(j))) {
            return None;
        }
        k = comp_end;
        ev.comp = comp_words > 0;
        // "Urząd Gminy Dwikozy": a unit and its name.
        let unit_named = comp_words >= 2 && !unit_last && lex.is_unit(t.str(comp_from));
        if !ev.comp && head.needs.name {
            if let Some(e) = self.proper_name(t, k) {
                ev.name = true;
                k = e;
            }
        }
        // Number, patron and quoted name, in any order.
        for _ in 0..3 {
            if let Some(e) = self.number_at(t, k) {
                ev.nr = true;
                k = e;
            } else if let Some(e) = self.patron_at(t, k) {
                ev.im = true;
                k = e;
            } else if let Some(e) = self.quote_at(t, k) {
                ev.quote = true;
                k = e;
            } else {
                break;
            }
        }
        let written_end = k;
        // The seat, or coordinated seats.
        let places = self.places(t, k, r.plural);
        ev.loc = !places.is_empty();
        if !ev.satisfies(&head.needs) {
            return None;
        }
        if unit_last && !ev.loc && !ev.quote {
            return None; // "Urząd Gminy" without the gmina
        }
        if r.plural && places.len() < 2 {
            return None; // generic plural
        }
        // The name goes on in words it cannot read ("Wojewódzkiego Związku Kółek i
        // Organizacji Rolniczych", "Ostrowskiego Klubu Karate Kyokushin"): no name rather
        // than a cut one.
        if places.is_empty() && !(ev.quote || ev.nr || ev.im || ev.name) && self.goes_on(t, k) {
            return None;
        }
        // The name.
        let mut prefix: Vec<String> = pre.clone();
        prefix.push(head.lemma.clone());
        prefix.extend(post.iter().cloned());
        let mut base = prefix.join(" ");
        if written_end > comp_from {
            let s = t.tok(comp_from).start;
            let e = t.tok(written_end - 1).end;
            base.push(' ');
            base.push_str(t.text.get(s..e)?);
        }
        let mut end = t.get(written_end.checked_sub(1)?)?.end;
        let mut names = Vec::new();
        if places.is_empty() {
            names.push(base.clone());
        } else {
            for (prep, place) in &places {
                names.push(format!("{base} {prep} {}", t.text.get(place.clone())?));
                end = end.max(place.end);
            }
        }
        if caps {
            names = names.into_iter().map(|n| title_case(&n, lex)).collect();
        }
        names = names
            .into_iter()
            .map(|n| self.variants.respell(&spaced_initials(&n)))
            .collect();
        if names.iter().any(|n| lex.is_non_institution(n, pre.len())) {
            return None;
        }
        // The word `n` tokens before the name, joined to it, is one of a list.
        let word_before = |n: usize, is: fn(&Lexicon, &str) -> bool| {
            first >= n
                && (first + 1 - n..=first).all(|k| t.joined(k))
                && is(lex, &lower(t.str(first - n)))
        };
        // A commander's unit: "Komendanta (Powiatowego) Państwowej Straży Pożarnej w X".
        let commander = Lexicon::is_commander_word;
        if word_before(1, commander) || (word_before(2, commander) && t.is_capitalised(first - 1)) {
            return None;
        }
        // A company: its legal form after the name, or "firma" before it.
        let after = t.text.get(end..).unwrap_or("");
        if self.company.is_match(after) || word_before(1, Lexicon::is_company_word) {
            return None;
        }
        let abbreviation = t
            .text
            .get(end..)
            .and_then(|rest| self.abbreviation.captures(rest))
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string())
            .filter(|a| lex.abbreviation_fits(a, r.head, &names[0]));
        Some(Candidate {
            range: t.tok(first).start..end,
            names,
            head: r.head,
            abbreviation,
            score: (pre.len() + post.len(), r.plural, !r.plural),
            whole: ev.loc || ev.quote || ev.nr || ev.im || unit_named,
        })
    }
}

/// A name found in capitals, in title case ("URZĄD MARSZAŁKOWSKI" → "Urząd Marszałkowski").
fn title_case(name: &str, lex: &Lexicon) -> String {
    name.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            if lex.is_location(&lower) || lex.is_joiner(&lower) {
                return lower;
            }
            // the first letter, and a letter after a hyphen or a quote ("ŚPIEWACZO-OBRZĘDOWY",
            // "\"MAŁE" → "Śpiewaczo-Obrzędowy", "\"Małe")
            let mut out = String::with_capacity(lower.len());
            let mut up = true;
            for c in lower.chars() {
                if up && c.is_alphabetic() {
                    out.extend(c.to_uppercase());
                    up = false;
                } else {
                    out.push(c);
                    up = (up && !c.is_alphanumeric()) || c == '-';
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An initial glued to the name after its dot gets a space: "im. F.Chopina" → "im. F.
/// Chopina" (one name however the page spaced it).
fn spaced_initials(name: &str) -> String {
    if !name.contains('.') {
        return name.to_string();
    }
    let cs: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 2);
    for (i, &c) in cs.iter().enumerate() {
        out.push(c);
        let initial = i >= 1 && cs[i - 1].is_uppercase() && (i < 2 || !cs[i - 2].is_alphabetic());
        // a word after the dot ("F.Chopina"), not another initial ("S.A.")
        let word = cs.get(i + 1).is_some_and(|n| n.is_uppercase())
            && cs.get(i + 2).is_some_and(|n| n.is_lowercase());
        if c == '.' && initial && word {
            out.push(' ');
        }
    }
    out
}

/// The items (sorted by start, longer first) that lie inside no item kept before them.
/// In that order an item lies inside a kept one exactly when it ends no later than the
/// furthest end kept so far, so one pass does it (`outermost_simple` in the tests is the
/// pairwise version it must equal).
fn outermost<T>(sorted: Vec<T>, range: impl Fn(&T) -> &std::ops::Range<usize>) -> Vec<T> {
    let mut kept: Vec<T> = Vec::new();
    let mut furthest = None;
    for c in sorted {
        let end = range(&c).end;
        if furthest.is_none_or(|f| end > f) {
            furthest = Some(furthest.map_or(end, |f: usize| f.max(end)));
            kept.push(c);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::{outermost, spaced_initials};

    #[test]
    fn an_initial_glued_to_its_name_is_spaced() {
        assert_eq!(
            spaced_initials("Szkoła Podstawowa im. F.Chopina w Lipnie"),
            "Szkoła Podstawowa im. F. Chopina w Lipnie"
        );
        // a spaced initial, another initial after the dot, no dot at all
        assert_eq!(spaced_initials("im. F. Chopina"), "im. F. Chopina");
        assert_eq!(spaced_initials("Bank S.A."), "Bank S.A.");
        assert_eq!(spaced_initials("Urząd Gminy Lipno"), "Urząd Gminy Lipno");
    }
    use proptest::prelude::*;
    use std::ops::Range;

    /// The pairwise version: an item is kept when no item kept before it encloses it.
    fn outermost_simple(sorted: Vec<Range<usize>>) -> Vec<Range<usize>> {
        let mut kept: Vec<Range<usize>> = Vec::new();
        for c in sorted {
            if !kept.iter().any(|k| k.start <= c.start && c.end <= k.end) {
                kept.push(c);
            }
        }
        kept
    }

    fn sorted(mut v: Vec<Range<usize>>) -> Vec<Range<usize>> {
        v.sort_by(|a, b| (a.start, b.end).cmp(&(b.start, a.end)));
        v
    }

    #[test]
    fn nested_names_keep_the_longest() {
        let v = sorted(vec![10..40, 0..5, 12..20, 30..50, 0..3, 45..50]);
        assert_eq!(outermost(v.clone(), |r| r), vec![0..5, 10..40, 30..50]);
        assert_eq!(outermost(v.clone(), |r| r), outermost_simple(v));
    }

    proptest! {
        #[test]
        fn one_pass_equals_the_pairwise_version(
            raw in prop::collection::vec((0usize..60, 0usize..20), 0..40)
        ) {
            let v = sorted(raw.into_iter().map(|(s, l)| s..s + l).collect());
            prop_assert_eq!(outermost(v.clone(), |r| r), outermost_simple(v));
        }
    }
}
