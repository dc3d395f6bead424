//! Load tests of the office tables and word lists.

use super::*;

fn with(rel: &str, edit: impl Fn(&str) -> String) -> Result<Lexicon, RuleError> {
    let files = RuleFiles::embedded();
    let text = edit(files.text(rel).expect("rule file"));
    Lexicon::load(&files.with_file(rel, &text))
}

#[test]
fn titles_come_from_the_paradigm_table_also_without_polish_letters() {
    let lex = Lexicon::load(&RuleFiles::embedded()).expect("official rules load");
    let wojt = lex.office("Wójta");
    assert!(wojt
        .iter()
        .any(|f| f.lemma == "wójt" && f.cases.meets(Cases(2))));
    assert_eq!(lex.office("Wojta"), wojt);
    let radni = lex.office("radni");
    assert!(radni.iter().all(|f| f.cases == Cases::PLURAL));
    assert!(radni
        .iter()
        .any(|f| f.lemma == "radna" && f.holder == Gender::F));
    assert!(lex
        .office("Wicestarostą")
        .iter()
        .any(|f| f.lemma == "wicestarosta"));
}

#[test]
fn a_title_written_twice_is_an_error_at_its_line() {
    let err = with("official/office_paradigms.tsv", |t| {
        format!("{t}m\twójt\twójta\twójtowi\twójta\twójtem\twójcie\t-\n")
    })
    .expect_err("a second row for wójt");
    let lines = RuleFiles::embedded()
        .text("official/office_paradigms.tsv")
        .map(|t| t.lines().count())
        .unwrap_or(0);
    assert_eq!(err.line, Some(lines + 1));
    assert!(err.to_string().contains("office_paradigms.tsv"), "{err}");
}

#[test]
fn a_phrase_where_one_token_is_read_is_an_error_at_its_line() {
    let err = with("official/words.toml", |t| {
        t.replace(
            "coordinators = [\"i\", \"oraz\", \",\"]",
            "coordinators = [\"i\", \"oraz\", \",\",\n  \"a także\"]",
        )
    })
    .expect_err("a phrase in coordinators");
    let text = RuleFiles::embedded()
        .text("official/words.toml")
        .map(str::to_string)
        .unwrap_or_default();
    let at = text.find("coordinators = [").unwrap_or(0);
    assert_eq!(err.line, Some(crate::rules::line_of(&text, at) + 1));
    assert!(err.to_string().contains("a także"), "{err}");
}
