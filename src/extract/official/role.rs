//! The role in the nominative and the official's record.

use super::complement::compound_dash;
use super::lexicon::{Cases, Gender, Lexicon};
use super::tokens::{all_caps, capitalised, title_case, upper_first, Kind, Toks};
use super::Hit;
use crate::record::Official;
use crate::text::words::lower_eq;

/// The end of the complement `start..end` without trailing connectors, punctuation and
/// a trailing parenthesis ("(GOPS)").
pub fn trim(lex: &Lexicon, toks: &Toks, start: usize, mut end: usize) -> usize {
    // a parenthesis left open ends the role: "Wójt Gminy Kuślin (1 mln zł na drogę"
    let mut open = None;
    for k in start..end {
        match toks.at(k).kind {
            Kind::Punct('(') => open = open.or(Some(k)),
            Kind::Punct(')') => open = None,
            _ => {}
        }
    }
    if let Some(k) = open {
        end = k;
    }
    loop {
        if end <= start {
            return start;
        }
        let t = toks.at(end - 1);
        match t.kind {
            Kind::Punct(')') => {
                // drop the whole parenthesis
                let mut k = end - 1;
                while k > start && !toks.at(k).is_punct('(') {
                    k -= 1;
                }
                if toks.at(k).is_punct('(') {
                    end = k;
                } else {
                    end -= 1;
                }
            }
            Kind::Punct('.') => {
                // the word before the dot may be the office word itself ("dyr.")
                let keep = end >= 2
                    && end > start
                    && lex.role_abbreviations.contains(toks.str(end - 2))
                    && !lower_eq(toks.str(end - 2), "im");
                if keep {
                    return end;
                }
                end -= 1;
            }
            // a quoted name's closing quote stays ("Prezes Stowarzyszenia "Razem"")
            Kind::Punct('"')
                if (start..end - 1)
                    .filter(|&k| toks.at(k).is_punct('"'))
                    .count()
                    % 2
                    == 1 =>
            {
                return end
            }
            Kind::Punct(_) => end -= 1,
            Kind::Word if lex.connectors.contains(toks.str(end - 1)) => end -= 1,
            Kind::Word if toks.str(end - 1).eq_ignore_ascii_case("nr") => end -= 1,
            _ => return end,
        }
    }
}

/// A complement word as the role shows it: in a role written in capitals, words are
/// title-cased except short acronyms, connectors lowercase.
fn shown(lex: &Lexicon, word: &str, caps: bool) -> String {
    if !caps || !all_caps(word) {
        return word.to_string();
    }
    let lower = word.to_lowercase();
    if lex.connectors.contains(&lower) {
        lower
    } else if word.chars().count() <= 3 && !lex.institution_nouns.contains_key(&lower) {
        word.to_string()
    } else {
        title_case(word)
    }
}

/// Does the word after an adjective run show that the adjectives agree with the office
/// (an abbreviation, which declines with no adjective: "Komendantowi Gminnemu OSP";
/// nothing; or, after a masculine office, a feminine genitive noun such as "Policji"),
/// not with the next noun? After a feminine office a feminine noun may be the adjective's
/// ("Przewodniczącą Gminnej Rady Kobiet"): it is taken to be.
fn adjectives_belong_to_office(lex: &Lexicon, next: Option<&str>, holder: Gender) -> bool {
    match next {
        None => true,
        Some(w) if w.chars().count() >= 2 && all_caps(w) => true,
        Some(_) if holder == Gender::F => false,
        Some(w) => {
            let l = w.to_lowercase();
            lex.feminine_genitive_endings
                .iter()
                .any(|e| l.ends_with(e.as_str()))
        }
    }
}

pub(super) fn official(lex: &Lexicon, toks: &Toks, hit: &Hit) -> Official {
    let text = toks.text;
    let head = toks.at(hit.office).text(text);
    let caps = all_caps(head);
    let start = hit.complement.start;
    let end = trim(lex, toks, start, hit.complement.end);

    // complement words as shown, oblique adjectives agreeing with the office made nominative
    let mut words: Vec<String> = (start..end)
        .map(|k| shown(lex, toks.at(k).text(text), caps))
        .collect();
    if hit.form.cases == Cases::PLURAL {
        // "radni powiatowi" -> "Radna powiatowa"
        let g = match hit.form.holder.code() {
            "f" => "pf",
            _ => "pm",
        };
        for w in words.iter_mut() {
            if let Some(sg) = lex.adjective_nominative(w, g) {
                *w = sg;
            }
        }
    } else if !hit.form.cases.meets(Cases::NOM) {
        let mut run = 0;
        // an office word ends the run: "Zastępcą Przewodniczącego Rady" is the deputy of
        // the chair, whose word stays in the genitive
        // (a compound's first part and its spaced dash go with the adjective after them:
        // "Wojewodą Warmińsko – Mazurskim")
        let compound = |k: usize| compound_dash(lex, toks, k) || compound_dash(lex, toks, k + 1);
        let office_adjective = |k: usize| {
            let w = toks.at(k).text(text);
            toks.at(k).is_word()
                && lex.office(w).is_empty()
                && lex
                    .adjective_nominative(w, hit.form.holder.code())
                    .is_some()
                && lex.looks_office_adjective(w)
        };
        while start + run < end && (compound(start + run) || office_adjective(start + run)) {
            run += 1;
        }
        let next = (start + run < end).then(|| toks.at(start + run).text(text));
        if run > 0 && adjectives_belong_to_office(lex, next, hit.form.holder) {
            for w in words.iter_mut().take(run) {
                if let Some(nom) = lex.adjective_nominative(w, hit.form.holder.code()) {
                    *w = nom;
                }
            }
        }
    }

    // the head before the office word ("I", "Vice", "Małopolski") as written, an oblique
    // adjective in the nominative
    let mut role = String::new();
    for k in hit.head..hit.office {
        let w = toks.at(k).text(text);
        let w = if hit.form.cases.meets(Cases::NOM) {
            None
        } else {
            lex.adjective_nominative(w, hit.form.holder.code())
        }
        .unwrap_or_else(|| shown(lex, w, caps));
        role.push_str(&w);
        role.push(' ');
    }
    if role.is_empty() || capitalised(head) {
        role.push_str(&upper_first(&hit.form.lemma));
    } else {
        // "świętokrzyski konserwator zabytków": the role starts with a capital, the office
        // word keeps its lowercase
        role = upper_first(&role);
        role.push_str(&hit.form.lemma);
    }
    // whether each word of the complement is glued to the one before (a quote, a dot)
    let mut glued = Vec::with_capacity(words.len());
    for (n, k) in (start..end).enumerate() {
        // the first word after the office word, or a dot glued to it ("dyr. szkoły")
        let gap = if k == start && !(k == hit.office + 1 && toks.at(k).is_punct('.')) {
            " "
        } else {
            text.get(toks.at(k - 1).end..toks.at(k).start)
                .unwrap_or(" ")
        };
        // a compound's spaced dash is written as a hyphen between its parts
        let dash = compound_dash(lex, toks, k);
        if dash {
            words[n] = "-".to_string();
        }
        let gap = if dash || k > 0 && compound_dash(lex, toks, k - 1) {
            ""
        } else {
            gap
        };
        glued.push(gap.is_empty());
        role.push_str(if gap.is_empty() { "" } else { " " });
        role.push_str(&words[n]);
    }

    let organisation = organisation(lex, &words).map(|o| join(&o, &glued));
    let p = &hit.person;
    Official {
        name: match &p.middle {
            Some(m) => format!("{} {m} {}", p.given, p.surname),
            None => format!("{} {}", p.given, p.surname),
        },
        role,
        given_name: Some(p.given.clone()),
        surname: Some(p.surname.clone()),
        gender: Some(p.gender.code().to_string()),
        organisation,
        acting: false,
    }
}

/// The grammatical gender of a noun in the nominative, by its ending (`noun_genders` in
/// `words.toml`; masculine when no ending fits).
fn noun_gender<'a>(lex: &'a Lexicon, nom: &str) -> &'a str {
    lex.noun_genders
        .iter()
        .find(|(_, e)| nom.ends_with(e.as_str()))
        .map_or("m", |(g, _)| g.as_str())
}

/// The institution the role names, in the nominative: "wójt gminy Raków" → "Gmina Raków",
/// "Marszałek Województwa Świętokrzyskiego" → "Województwo Świętokrzyskie". A bare noun
/// ("Gminy") names none.
fn organisation(lex: &Lexicon, words: &[String]) -> Option<Vec<String>> {
    let first = words.first()?;
    if let Some(nom) = lex.institution_nouns.get(&first.to_lowercase()) {
        if words.len() < 2 {
            return None;
        }
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut gender = noun_gender(lex, nom);
        out.push(upper_first(nom));
        // the nouns coordinated with it and the adjectives agreeing with them
        let mut k = 1;
        while k < words.len() {
            let w = &words[k];
            let lower = w.to_lowercase();
            if lower == "i" && k + 1 < words.len() {
                if let Some(n2) = lex.institution_nouns.get(&words[k + 1].to_lowercase()) {
                    out.push(w.clone());
                    out.push(if capitalised(&words[k + 1]) {
                        upper_first(n2)
                    } else {
                        n2.clone()
                    });
                    gender = noun_gender(lex, n2);
                    k += 2;
                    continue;
                }
            }
            match lex.adjective_nominative(w, gender) {
                Some(a) if k == out.len() => out.push(a),
                _ => break,
            }
            k += 1;
        }
        out.extend(words[k..].iter().cloned());
        return Some(out);
    }
    if all_caps(first) && first.chars().count() >= 3 {
        return Some(words.to_vec());
    }
    None
}

/// The words of a name, each after a space unless `glued` says it was glued to the word
/// before ("LKS „Sokół” Witonia", not "LKS " Sokół " Witonia").
fn join(words: &[String], glued: &[bool]) -> String {
    let mut out = String::new();
    for (n, w) in words.iter().enumerate() {
        if n > 0 && !glued.get(n).copied().unwrap_or(false) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
