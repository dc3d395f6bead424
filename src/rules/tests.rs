use super::*;

#[test]
fn fold_lowers_and_drops_polish_diacritics() {
    for t in [
        "GMINĄ ŁONIÓW İstanbul ẞ ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ Ǆ",
        "Żółć GĘŚLĄ jaźń, Ńą İstanbul ẞ ǅ Ωmega 12.03.2024 r. – ﬁ\n\nx",
    ] {
        let want: String = t
            .chars()
            .flat_map(char::to_lowercase)
            .map(fold_letter)
            .collect();
        assert_eq!(fold(t), want);
        let mut out = String::from("kept ");
        fold_into(t, &mut out);
        assert_eq!(out, format!("kept {want}"));
    }
    assert_eq!(fold("Łódź ŻABNO"), "lodz zabno");
}

#[test]
fn references_expand_and_compile() {
    let f = RuleFiles::from_pairs(&[(
        "x/patterns.toml",
        "[patterns]\nDay = '\\d{1,2}'\nDate = '{Day}\\.{Month}'\n",
    )]);
    let p = f
        .patterns("x/patterns.toml", &[("Month", "[01]?\\d".into())])
        .unwrap();
    assert_eq!(p.get("Date").unwrap(), "(?:\\d{1,2})\\.(?:[01]?\\d)");
    assert!(p.regex("Date").unwrap().is_match("4.06"));
}

#[test]
fn unknown_reference_names_file_and_line() {
    let f = RuleFiles::from_pairs(&[("x/p.toml", "[patterns]\nA = 'a'\nB = '{A}{Nope}'\n")]);
    let e = f.patterns("x/p.toml", &[]).unwrap_err().to_string();
    assert_eq!(
        e,
        "rules/x/p.toml:3: pattern \"B\" refers to {Nope}, which is not defined"
    );
}

#[test]
fn cycles_and_bad_regexes_are_errors() {
    let f = RuleFiles::from_pairs(&[("p.toml", "[patterns]\nA = '{B}'\nB = '{A}'\nC = '(['\n")]);
    assert!(f
        .patterns("p.toml", &[])
        .unwrap_err()
        .to_string()
        .contains("cycle"));
    let f = RuleFiles::from_pairs(&[("p.toml", "[patterns]\nA = 'a'\n\nC = '(['\n")]);
    let e = f
        .patterns("p.toml", &[])
        .unwrap()
        .regex("C")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("rules/p.toml:4: pattern \"C\" does not compile"),
        "{e}"
    );
}

#[test]
fn bad_tsv_and_toml_name_the_line() {
    let f = RuleFiles::from_pairs(&[
        ("a.tsv", "# comment\nname\tcase\nAnna\tgen\nBad row\n"),
        ("b.toml", "x = 1\ny = \n"),
    ]);
    assert_eq!(
        f.tsv("a.tsv").unwrap_err().to_string(),
        "rules/a.tsv:4: expected 2 tab-separated columns (name, case), found 1"
    );
    assert!(f
        .toml::<toml::Value>("b.toml")
        .unwrap_err()
        .to_string()
        .starts_with("rules/b.toml:2:"));
    assert!(f
        .tsv("missing.tsv")
        .unwrap_err()
        .to_string()
        .contains("missing"));
}

#[test]
fn fold_strips_diacritics() {
    assert_eq!(fold("ŁONIÓW Żółć"), "loniow zolc");
}
