use super::Left;
use crate::extract::Extractor;
use crate::rules::{Patterns, RuleFiles};
use regex::Regex;

/// The money patterns, with the sum pieces (which do not matter here) as "x".
fn patterns(files: &RuleFiles) -> Patterns {
    let lists: super::PurposeLists = files.toml("money/purpose.toml").unwrap();
    let mut extra = lists.patterns();
    for name in [
        "Multiplier",
        "CurrencyAfter",
        "CurrencyBefore",
        "CurrencyAfterWord",
        "CurrencyAfterMark",
        "CurrencyLineEnd",
        "Hedge",
        "NumberWord",
        "ImpliedMultiplier",
        "RangeFrom",
        "RangeJoinWord",
        "RangeJoinMark",
    ] {
        extra.push((name, "x".to_string()));
    }
    files.patterns("money/patterns.toml", &extra).unwrap()
}

/// The anchored tries find what one search with `(?:^|[^\pL\pN])` before the phrase
/// finds, on clauses that open with the phrase, with a mark, or with other words.
#[test]
fn anchored_tries_match_one_search() {
    let files = RuleFiles::embedded();
    let rules = super::super::MoneyRules::load(&files).unwrap();
    let p = patterns(&files);
    let body = p.get("PurposeLeftBody").unwrap();
    let one = Regex::new(&format!("(?i)(?:^|[^\\pL\\pN])(?:{body})")).unwrap();
    let mut found = 0;
    for prefix in [
        "Całkowita wartość przedsięwzięcia to:",
        "(Całkowita wartość przedsięwzięcia to:",
        " przy czym koszt projektu stanowi",
        "Gmina otrzyma dofinansowanie w wysokości",
        "-wartość to",
        "wartość to wartość to",
        "„Koszt” zadania wynosi",
        "koszt́ projektu to",
        "X koszt to",
        "9koszt to",
        "ĄKOSZT TO",
        "Koszt.wartość to:",
        "",
        "to:",
    ] {
        let want = one
            .captures(prefix)
            .and_then(|c| c.name("purpose").map(|m| m.as_str().to_string()));
        let got = rules.purpose.left_phrase(prefix).map(str::to_string);
        assert_eq!(got, want, "{prefix:?}");
        found += usize::from(got.is_some());
    }
    assert!(found >= 8, "only {found} phrases found");
}

/// The reader is taken only for the body's own shape and a word that is one class
/// repeated; any other pattern falls back to the regexes.
#[test]
fn reader_only_for_the_shape_it_reads() {
    let files = RuleFiles::embedded();
    let p = patterns(&files);
    let lists: super::PurposeLists = files.toml("money/purpose.toml").unwrap();
    let body = p.get("PurposeLeftBody").unwrap().to_string();
    let word = p.get("PurposeWord").unwrap().to_string();
    // what `Left::new` chooses with some patterns changed
    let choose = |changed: &[(&str, String)]| {
        let get = |name: &str| match changed.iter().find(|(n, _)| *n == name) {
            Some((_, to)) => Ok(to.as_str()),
            None => p.get(name).map_err(|_| "no such pattern"),
        };
        match Left::new(&lists, get, || Err("compiled")) {
            Ok(Left::Reader(_)) => "reader",
            Ok(Left::Regex(..)) => "regex",
            Err(e) => e,
        }
    };
    assert_eq!(choose(&[]), "reader");
    // another spelling of the same expression, or another word limit: still the reader
    for same in [
        body.replace("{0,8}?", "{0,5}?"),
        body.replace("(?P<purpose>", "(?P<purpose>(?:")
            .replace(") ?(?:", ")) ?(?:"),
    ] {
        assert_ne!(same, body);
        assert_eq!(choose(&[("PurposeLeftBody", same)]), "reader");
    }
    for other in [
        body.replace("{0,8}?", "{0,8}"),
        body.replace("{0,8}?", "{1,8}?"),
        body.replace(" ?(?:", "(?:"),
    ] {
        assert_ne!(other, body);
        assert_eq!(choose(&[("PurposeLeftBody", other)]), "compiled");
    }
    // a word that is not one class repeated, in the body as well
    for w in ["[^ ,]+?", "\\w{2,}"] {
        let changed = [
            ("PurposeWord", w.to_string()),
            ("PurposeLeftBody", body.replace(&word, w)),
        ];
        assert_eq!(choose(&changed), "compiled");
    }
    let narrower = "[^ ,]+".to_string();
    let changed = [
        ("PurposeWord", narrower.clone()),
        ("PurposeLeftBody", body.replace(&word, &narrower)),
    ];
    assert_eq!(choose(&changed), "reader");
}

/// The reader matches where the regexes match and gives the `purpose` group they
/// capture, on clauses built from the word lists: modifiers, heads (two-word ones
/// too), up to and past the word limit, links glued to words, odd cases and letters
/// that fold ("ſ", the Kelvin sign, U+0345), marks.
#[test]
fn reader_reads_what_the_regexes_capture() {
    let files = RuleFiles::embedded();
    let rules = super::super::MoneyRules::load(&files).unwrap();
    let Left::Reader(reader) = &rules.purpose.left else {
        panic!("the reader is off");
    };
    let p = patterns(&files);
    let left = p.regex("PurposeLeft").unwrap();
    let after_mark = p.regex("PurposeLeftAfterMark").unwrap();
    let lists: super::PurposeLists = files.toml("money/purpose.toml").unwrap();
    let pick = |v: &[String], n: usize| v[n % v.len()].clone();
    let fillers = [
        "projektu",
        "drogi",
        "gminnej",
        "KOSZT",
        "\u{212a}oszt",
        "to",
        "w",
        "wysokości",
        "na",
        "x-y",
        "Łączna",
        "kosztem",
        "ſkala",
        "wartośćto",
        "a/b",
        "„cel”",
        "-",
    ];
    let (mut matched, mut tried) = (0, 0);
    let mut n = 0usize;
    for round in 0..3000 {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = |k: u32| (n >> (k * 5)) & 31;
        let mut words: Vec<String> = Vec::new();
        if r(1) % 3 == 0 {
            words.push(format!(
                "{}{}",
                pick(&lists.modifiers, r(2)),
                ["a", "e", "ych", "", "\u{345}", "-a"][r(3) % 6]
            ));
        }
        words.push(pick(&lists.heads, r(4) + round));
        for k in 0..(r(5) % 11) {
            words.push(fillers[(r(6) + k * 7 + round) % fillers.len()].to_string());
        }
        let link = pick(&lists.links, r(7) + round);
        let mut clause = words.join(" ");
        if r(8) % 4 == 0 {
            clause.push_str(&link);
        } else {
            clause.push(' ');
            clause.push_str(&link);
        }
        if r(9) % 3 == 0 {
            clause = clause.to_uppercase();
        }
        let lead = ["", "(", "ok ", "- ", "x", "\u{345}"][r(10) % 6];
        let prefix = format!("{lead}{clause}");
        let group = |c: regex::Captures<'_>| c.name("purpose").map(|m| m.as_str().to_string());
        let want = left.captures(&prefix).and_then(group);
        let got = reader
            .purpose_end(&prefix, 0)
            .map(|e| prefix[..e].to_string());
        assert_eq!(got, want, "{prefix:?}");
        for (i, c) in prefix.char_indices() {
            let want = after_mark.captures(&prefix[i..]).and_then(group);
            let body = i + c.len_utf8();
            let got = reader
                .is_mark(c)
                .then(|| reader.purpose_end(&prefix, body))
                .flatten()
                .map(|e| prefix[body..e].to_string());
            assert_eq!(got, want, "{prefix:?} at {i}");
            matched += usize::from(got.is_some());
            tried += 1;
        }
    }
    assert!(matched > 1000, "only {matched} of {tried} tries matched");
}
