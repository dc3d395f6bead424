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

#[test]
fn commanders_are_declined_by_the_officials_table() {
    let l = lex();
    for w in [
        "komendant",
        "komendanta",
        "komendantem",
        "wicekomendanta",
        "wicekomendancie",
    ] {
        assert!(l.is_commander_word(w), "{w}");
    }
    assert!(!l.is_commander_word("komenda"));
    let files = RuleFiles::embedded();
    let text = files.text("institution/words.toml").unwrap();
    let bad = text.replace(
        "commanders = [\"komendant\", \"wicekomendant\"]",
        "commanders = [\"komendant\", \"dowódca\"]",
    );
    assert_ne!(bad, text);
    let err = Lexicon::load(&files.clone().with_file("institution/words.toml", &bad)).unwrap_err();
    let line = bad
        .lines()
        .position(|l| l.contains("\"dowódca\""))
        .map(|n| n + 1);
    assert_eq!(err.line, line, "{err}");
    assert!(err.message.contains("dowódca"), "{err}");
}

/// The look-up of name prefixes equals the comparison with every prefix, on names made
/// from each prefix (whole, extended, cut short, after other words, in capitals).
#[test]
fn non_institutions_by_look_up_equal_the_simple_scan() {
    let l = lex();
    let mut names = vec![
        "Operacyjny Europejski Fundusz Społeczny".to_string(),
        "Wojewódzki Fundusz Ochrony Środowiska".to_string(),
        "Gminny Ośrodek Kultury w Lipnie".to_string(),
        String::new(),
        "Zarząd".to_string(),
    ];
    for p in l.non_institution_prefixes() {
        let cut: String = p.chars().take(p.chars().count() - 1).collect();
        names.extend([
            p.clone(),
            format!("{p} w Lipnie"),
            format!("{p}x w Lipnie"),
            format!("Nowy {p}"),
            format!("Nowy Stary {p} Gminy"),
            cut,
            p.to_uppercase(),
        ]);
    }
    let mut hits = 0;
    for n in &names {
        for starts in 0..4 {
            let fast = l.is_non_institution(n, starts);
            assert_eq!(
                fast,
                l.is_non_institution_reference(n, starts),
                "{n:?} {starts}"
            );
            hits += usize::from(fast);
        }
    }
    // the cases hold both answers
    assert!(hits > l.non_institution_prefixes().len() && hits < names.len() * 4);
}
