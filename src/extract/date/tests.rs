//! The date rules' own tests: errors that name the line, the line filter against every
//! example and corpus text, and edited copies of the rules.

use super::*;
use std::path::Path;

#[test]
fn rule_file_errors_name_the_line() {
    let files = RuleFiles::embedded();
    let bad = files
        .text("date/months.tsv")
        .unwrap()
        .replace("4\tkwietnia\tgen", "13\tkwietnia\tgen");
    let e = DateRules::load(&files.clone().with_file("date/months.tsv", &bad))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("rules/date/months.tsv:") && e.contains("\"13\" is not 1-12"),
        "{e}"
    );
    let bad = files
        .text("date/patterns.toml")
        .unwrap()
        .replace("Point = '", "Point = '{Nope}");
    let e = DateRules::load(&files.with_file("date/patterns.toml", &bad))
        .unwrap_err()
        .to_string();
    assert!(e.contains("patterns.toml:") && e.contains("{Nope}"), "{e}");
}

/// Every text of every `examples.toml` and every bundled corpus file.
fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in std::fs::read_dir(root.join("rules")).unwrap() {
        let path = dir.unwrap().path().join("examples.toml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let v: toml::Value = toml::from_str(&text).unwrap();
        for table in ["example", "negative"] {
            for ex in v
                .get(table)
                .and_then(|x| x.as_array())
                .into_iter()
                .flatten()
            {
                for t in ex["texts"].as_array().unwrap() {
                    out.push(t.as_str().unwrap().to_string());
                }
            }
        }
    }
    for e in walkdir::WalkDir::new(root.join("corpus")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                out.push(t);
            }
        }
    }
    out
}

/// The line filter `lines` of patterns.toml lets through every line where a rule has a
/// match: on every example text and corpus file, the rules find the same matches
/// whether the filter is used or not.
#[test]
fn the_line_filter_loses_no_match() {
    let rules = DateRules::load(&RuleFiles::embedded()).unwrap();
    let texts = texts();
    assert!(texts.len() > 300, "{} texts", texts.len());
    for t in &texts {
        let gated = rules.candidates(t, true);
        let all = rules.candidates(t, false);
        assert_eq!(gated, all, "the line filter loses matches in {t:?}");
    }
}

/// The rules' kinds and word lists fail the load with file and line when the engine
/// cannot use them; phrases in the range words are read.
#[test]
fn unusable_entries_fail_the_load() {
    let files = RuleFiles::embedded();
    let words = files.text("date/words.toml").unwrap().to_string();
    let pats = files.text("date/patterns.toml").unwrap().to_string();
    let load_words = |w: &str| {
        DateRules::load(&files.clone().with_file("date/words.toml", w))
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let e = load_words(&words.replace("trim = [\"w\",", "trim = [\"w dniu\", \"w\",")).unwrap_err();
    assert!(
        e.starts_with("rules/date/words.toml:") && e.contains("\"w dniu\" is a phrase"),
        "{e}"
    );
    let e =
        load_words(&words.replace("to = [\"do\", \"a\"]", "to = [\"do\", \"a-\"]")).unwrap_err();
    assert!(e.contains("words.toml:") && e.contains("'-'"), "{e}");
    let e = load_words(&words.replace("to = [\"do\", \"a\"]", "to = []")).unwrap_err();
    assert!(e.contains("`from` and `to` go together"), "{e}");
    let load_pats = |from: &str, to: &str| {
        DateRules::load(
            &files
                .clone()
                .with_file("date/patterns.toml", &pats.replace(from, to)),
        )
        .map(|_| ())
        .unwrap_err()
        .to_string()
    };
    let e = load_pats("kind = \"list\"", "kind = \"lists\"");
    assert!(
        e.contains("patterns.toml:") && e.contains("\"lists\""),
        "{e}"
    );
    let e = load_pats("pattern = \"DayList\"", "pattern = \"DayLists\"");
    assert!(
        e.contains("patterns.toml:") && e.contains("DayLists"),
        "{e}"
    );
    let e = load_pats("TurnOf = '", "Turn = '");
    assert!(
        e.contains("patterns.toml:") && e.contains("made from data"),
        "{e}"
    );
    // a phrase among the start words is read as one
    load_words(&words.replace("start = [\"od\",", "start = [\"od\", \"ze skutkiem od\",")).unwrap();
}

/// At letters and digits, the places a date is looked for are the starts of the shared
/// tokens (words and numbers, and the parts of a hyphenated word) that no letter or digit
/// stands right before, and day numbers glued to a word.
#[test]
fn match_starts_are_the_shared_tokens_not_glued_to_one() {
    use crate::text::tokens::{tokenize, Kind};
    let after_alnum = |t: &str, i: usize| {
        t[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    let samples =
        ["1-5 maja, Busku-Zdroju świetlicy12 października ab12 (12.05) ²3 Ⅻ-a".to_string()];
    for text in samples.into_iter().chain(crate::extract::corpus_texts()) {
        let t = text.as_str();
        let got: Vec<usize> = word_starts(t, 0..t.len())
            .filter(|&i| {
                t[i..].starts_with(|c: char| c.is_ascii_digit() || crate::text::words::is_letter(c))
            })
            .collect();
        let mut want = Vec::new();
        for tok in tokenize(t) {
            match tok.kind {
                Kind::Number if !after_alnum(t, tok.start) || glued_day(t, tok.start) => {
                    want.push(tok.start)
                }
                Kind::Word => {
                    if !after_alnum(t, tok.start) {
                        want.push(tok.start);
                    }
                    let word = tok.text(t);
                    want.extend(word.match_indices('-').map(|(i, _)| tok.start + i + 1));
                }
                _ => {}
            }
        }
        assert_eq!(got, want, "{t:?}");
    }
}

#[test]
fn publication_lines_open_with_a_publication_word_and_figures() {
    let r = DateRules::load(&RuleFiles::embedded()).unwrap();
    for l in [
        "Opublikowano: 10.03.2021, 09:15",
        "Data publikacji: 16.03.2023r.",
        "Dodano 25.10.2023",
    ] {
        assert!(r.is_publication_line(l), "{l}");
    }
    for l in [
        "Data spisu rolnego przesunięta",
        "Dodano nowe zdjęcia z dożynek",
    ] {
        assert!(!r.is_publication_line(l), "{l}");
    }
}

/// The calendar's speed filter finds every calendar word of the rules as written, in capitals
/// and folded, so that a document it passes over has no date the check would drop.
#[test]
fn the_calendar_filter_finds_every_calendar_word() {
    let r = DateRules::load(&RuleFiles::embedded()).unwrap();
    let any = r.lex.calendar_any.as_ref().expect("calendar words");
    assert!(!r.lex.calendar.is_empty());
    for w in &r.lex.calendar {
        for shape in [w.clone(), w.to_uppercase(), crate::rules::fold(w)] {
            assert!(any.is_match(&format!("x {shape}: y")), "{shape}");
        }
    }
    // (the check itself, with the filter on, is the example "a-sites-calendar-is-no-date"
    // of rules/date/examples.toml)
}
