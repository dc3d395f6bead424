//! Tests of the money extractor as a whole.

use super::*;
use crate::extract::corpus_texts;
use crate::normalise::{normalise, NormaliseRules};
use crate::text::Mapped;

fn sums(text: &str) -> Vec<(String, String, String)> {
    let files = RuleFiles::embedded();
    let rules = MoneyRules::load(&files).unwrap();
    let norm = normalise(
        &Mapped::identity(text),
        &NormaliseRules::load(&files).unwrap(),
    );
    let ctx = Context::new(&norm, None);
    rules
        .extract(&ctx)
        .into_iter()
        .map(|f| (ctx.text[f.range].to_string(), f.item.value, f.item.currency))
        .collect()
}

#[test]
fn ranges_give_both_ends_with_their_own_spans() {
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        sums("Gminy otrzymają od 50 do 80 tys. zł na projekt."),
        vec![
            s("50", "50000.00", "PLN"),
            s("80 tys. zł", "80000.00", "PLN")
        ]
    );
    assert_eq!(
        sums("Koszt: ok. 1,5-2 mln euro."),
        vec![
            s("ok. 1,5", "1500000.00", "EUR"),
            s("2 mln euro", "2000000.00", "EUR")
        ]
    );
}

#[test]
fn spans_cover_hedge_number_and_currency_only() {
    let got = sums("Trafi tam blisko 98 mln zł. Pozostałe 56 tys. z\n");
    assert_eq!(got[0].0, "blisko 98 mln zł");
    assert_eq!(got[1].0, "56 tys. z");
    assert_eq!(got[1].1, "56000.00");
}

#[test]
fn sums_are_found_in_every_paragraph_that_holds_one() {
    let got = sums(
        "Brak kwot.\n\nKoszt ok. 56\ntys.\nzł oraz PLN\n70,00.\n\nPozostałe 56 tys. z\n\n\
         Z 5 z 10 zł na drogę.\n\nRazem 5 mln EURO",
    );
    let spans: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(
        spans,
        [
            "ok. 56\ntys.\nzł",
            "PLN\n70,00",
            "56 tys. z",
            "10 zł",
            "5 mln EURO"
        ]
    );
    assert_eq!(got[4].1, "5000000.00");
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "zł",
        "0 zł",
        "ok. zł",
        "9999999999999999999999 mld zł",
        "ż1 zł€",
        "od 1 do",
    ] {
        let _ = sums(t);
    }
    assert!(sums("0 zł").is_empty());
}

#[test]
fn bad_rule_rows_name_file_and_line() {
    let files = RuleFiles::embedded().with_file(
        "money/multipliers.tsv",
        "form\tfactor\talone\ntys.\t1000\tno\nmln\tdużo\tyes\n",
    );
    let e = MoneyRules::load(&files).unwrap_err().to_string();
    assert!(e.starts_with("rules/money/multipliers.tsv:3:"), "{e}");
    let files = RuleFiles::embedded().with_file(
        "money/currencies.tsv",
        "form\tcode\tplace\nzł\tPLN\tbeside\n",
    );
    let e = MoneyRules::load(&files).unwrap_err().to_string();
    assert!(e.starts_with("rules/money/currencies.tsv:2:"), "{e}");
    let files = RuleFiles::embedded().with_file(
        "money/number_words.tsv",
        "form\tvalue\tkind\nsto\tsto\tnumber\n",
    );
    let e = MoneyRules::load(&files).unwrap_err().to_string();
    assert!(e.starts_with("rules/money/number_words.tsv:2:"), "{e}");
}

/// Every example text of every `rules/*/examples.toml` (`[[example]]` and `[[negative]]`).
fn example_texts(files: &RuleFiles) -> Vec<String> {
    let mut out = Vec::new();
    for rel in files.list("") {
        if !rel.ends_with("/examples.toml") {
            continue;
        }
        let v: toml::Value = files.toml(rel).unwrap();
        for table in ["example", "negative"] {
            for case in v
                .get(table)
                .and_then(|t| t.as_array())
                .into_iter()
                .flatten()
            {
                for t in case["texts"].as_array().unwrap() {
                    out.push(t.as_str().unwrap().to_string());
                }
            }
        }
    }
    out
}

/// `SumTrigger`, `SumTriggerEnd`, the line-end forms and the `SumBefore` gate only pick
/// the paragraphs the sum patterns run on: on every example text, the sums are those the
/// patterns find running over the whole text.
#[test]
fn the_trigger_lets_through_every_sum_of_every_example() {
    let files = RuleFiles::embedded();
    let rules = MoneyRules::load(&files).unwrap();
    let norm_rules = NormaliseRules::load(&files).unwrap();
    let texts = example_texts(&files);
    assert!(texts.len() > 500, "only {} example texts", texts.len());
    let mut with_sums = 0;
    for t in &texts {
        let norm = normalise(&Mapped::identity(t), &norm_rules);
        let text = Context::new(&norm, None).text;
        let key = |f: Found<Sum>| (f.range, f.item);
        let filtered: Vec<_> = rules
            .extract_text(text, true)
            .into_iter()
            .map(key)
            .collect();
        let whole: Vec<_> = rules
            .extract_text(text, false)
            .into_iter()
            .map(key)
            .collect();
        assert_eq!(filtered, whole, "{t:?}");
        with_sums += usize::from(!whole.is_empty());
    }
    assert!(with_sums > 100, "only {with_sums} texts with sums");
}

/// The rules with `from` replaced by `to` in `money/patterns.toml`.
fn patterns_changed(from: &str, to: &str) -> RuleFiles {
    let files = RuleFiles::embedded();
    let text = files.text("money/patterns.toml").unwrap();
    assert!(text.contains(from), "{from}");
    let changed = text.replace(from, to);
    files.with_file("money/patterns.toml", &changed)
}

fn purposes(files: &RuleFiles, text: &str) -> Vec<Option<String>> {
    let rules = MoneyRules::load(files).unwrap();
    rules
        .extract_text(text, true)
        .into_iter()
        .map(|f| f.item.purpose)
        .collect()
}

/// The reader takes the word limit of `PurposeLeftBody` from the parsed pattern.
#[test]
fn the_word_limit_is_read_from_the_pattern() {
    let text = "Koszt budowy nowej drogi to 5 tys. zł.";
    let files = RuleFiles::embedded();
    assert_eq!(MoneyRules::load(&files).unwrap().purpose_engine(), "reader");
    assert_eq!(
        purposes(&files, text),
        [Some("Koszt budowy nowej drogi".to_string())]
    );
    let two = patterns_changed("{0,8}?", "{0,2}?");
    assert_eq!(MoneyRules::load(&two).unwrap().purpose_engine(), "reader");
    assert_eq!(purposes(&two, text), [None]);
    let greedy = patterns_changed("{0,8}?", "{0,2}");
    assert_eq!(MoneyRules::load(&greedy).unwrap().purpose_engine(), "regex");
}

/// The characters that end a clause before a sum are those `PurposeWord` leaves out:
/// a mark taken out of the word ends the clause, for the reader and the regexes alike.
#[test]
fn clause_breaks_follow_the_word_pattern() {
    let text = "Koszt budowy drogi/chodnika to 5 tys. zł.";
    let whole = Some("Koszt budowy drogi/chodnika".to_string());
    assert_eq!(purposes(&RuleFiles::embedded(), text), [whole]);
    let word = r#"PurposeWord = '[^ \n,.;:!?()"\[\]|*]+'"#;
    let slash = patterns_changed(word, r#"PurposeWord = '[^ \n,.;:!?()"\[\]|*/]+'"#);
    assert_eq!(MoneyRules::load(&slash).unwrap().purpose_engine(), "reader");
    assert_eq!(purposes(&slash, text), [None]);
    let lazy = patterns_changed(word, r#"PurposeWord = '[^ \n,.;:!?()"\[\]|*/]+?'"#);
    assert_eq!(MoneyRules::load(&lazy).unwrap().purpose_engine(), "regex");
    assert_eq!(purposes(&lazy, text), [None]);
}

/// The kind read with the cue index and only the words it needs is the simple version's,
/// for every word of every example text and every file of `corpus/` taken as a sum, with
/// the words two back and two on as its neighbours (and with none).
#[test]
fn kinds_equal_the_simple_version() {
    let files = RuleFiles::embedded();
    let rules = MoneyRules::load(&files).unwrap();
    let mut texts = example_texts(&files);
    texts.extend(corpus_texts());
    texts.push("Wkład WŁASNY; İstanbul dotacjİ 5 zł, a DOTACJA… ŚRODKI Z budżetu 7 zł".into());
    let mut cued = 0;
    let word = regex::Regex::new(r"[\pL\pN]+").unwrap();
    for t in &texts {
        let spans: Vec<std::ops::Range<usize>> = word.find_iter(t).map(|m| m.range()).collect();
        for (i, s) in spans.iter().enumerate() {
            let prev = i.checked_sub(2).map_or(0, |p| spans[p].end);
            let next = spans.get(i + 2).map_or(t.len(), |n| n.start);
            for (p, n) in [(prev, next), (0, t.len())] {
                let fast = rules.kinds.kind(t, s.clone(), p, n);
                assert_eq!(
                    fast,
                    rules.kinds.kind_reference(t, s.clone(), p, n),
                    "{t:?} {s:?}"
                );
                cued += usize::from(fast != kind::OTHER);
            }
        }
    }
    assert!(cued > 1000, "only {cued} words with a cue");
}

/// The groups of every `SumAfter` match are those of the full regex, whether the twin
/// without `RangeLow` or the full regex read them: on every example text and every file
/// of `corpus/`, normalised, from every match start on.
#[test]
fn sum_after_groups_equal_the_full_regex() {
    let files = RuleFiles::embedded();
    let rules = MoneyRules::load(&files).unwrap();
    assert!(rules.sum_after.has_twin());
    let norm_rules = NormaliseRules::load(&files).unwrap();
    let mut texts = example_texts(&files);
    texts.extend(corpus_texts());
    texts.push("ok. 1,5-2 mln euro, od 50 do 80 tys. zł, między 5 a 7 zł; 2 - 3 tys. zł".into());
    let full = rules.sum_after.full();
    let names: Vec<&str> = full.capture_names().flatten().collect();
    let groups = |c: &Captures| -> Vec<Option<std::ops::Range<usize>>> {
        let mut g = vec![c.get(0).map(|m| m.range())];
        g.extend(names.iter().map(|n| c.name(n).map(|m| m.range())));
        g
    };
    let (mut matches, mut ranges) = (0, 0);
    for t in &texts {
        let norm = normalise(&Mapped::identity(t), &norm_rules);
        let text = Context::new(&norm, None).text;
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let want = full.captures_at(text, at);
            let got = CapturesAt::captures_at(&rules.sum_after, text, at);
            assert_eq!(
                got.as_ref().map(groups),
                want.as_ref().map(groups),
                "{text:?} {at}"
            );
            if let Some(w) = &want {
                if w.get(0).unwrap().start() == at {
                    matches += 1;
                    ranges += usize::from(w.name("lo").is_some());
                }
            }
        }
    }
    assert!(
        matches > 500 && ranges > 20,
        "{matches} matches, {ranges} ranges"
    );
}

/// A listed sum is found whatever stands before it within the look-back, multi-byte
/// letters at the window's edge included (the window moves to a character boundary).
#[test]
fn listed_sums_after_any_prefix() {
    let files = RuleFiles::embedded();
    let rules = MoneyRules::load(&files).unwrap();
    let tail = " 250 tys. i 30 tys. zł na wyposażenie.";
    for n in 0..60 {
        let text = format!(
            "{}{tail}",
            "źółż ąęść ".repeat(6).chars().take(n).collect::<String>()
        );
        let got: Vec<String> = rules
            .extract_text(&text, true)
            .into_iter()
            .map(|f| f.item.value)
            .collect();
        assert_eq!(got, ["250000.00", "30000.00"], "{text:?}");
    }
}
