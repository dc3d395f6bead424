//! Edits of the rule files as a maintainer makes them, run through the whole pipeline.

use komunikat::rules::RuleFiles;

/// "z dniem 1 lipca 2024 r." is found with the phrase in the start words, without it,
/// and with "dniem" alone added to the range words (an edit that once made it vanish).
#[test]
fn edited_range_words_never_lose_a_date() {
    let files = RuleFiles::embedded();
    let words = files.text("date/words.toml").unwrap().to_string();
    let text = "Urząd gminy informuje, że z dniem 1 lipca 2024 r. zmieniają się godziny \
                pracy urzędu dla wszystkich mieszkańców gminy.";
    let edits = [
        words.clone(),
        words.replace("start = [\"od\", \"z dniem\",", "start = [\"od\","),
        words
            .replace("from = [\"od\",", "from = [\"od\", \"dniem\",")
            .replace("start = [\"od\",", "start = [\"od\", \"dniem\","),
    ];
    assert!(edits[1] != words && edits[2] != words);
    for w in &edits {
        let set =
            komunikat::pipeline::RuleSet::load(&files.clone().with_file("date/words.toml", w))
                .unwrap();
        let rec = komunikat::pipeline::analyse_text(&set, "t", text, None);
        assert!(
            rec.dates.iter().any(|d| d.item.value == "2024-07-01"),
            "{:?}",
            rec.dates
        );
    }
}

/// A signature mark with a letter fails the load with the file and the mark's line; a mark
/// added to the list is read between an office and a name.
#[test]
fn signature_marks_are_punctuation_and_edits_are_read() {
    let err = edit_fails_at_its_line(
        "official/words.toml",
        "signature_marks = [\"(-)\",",
        "signature_marks = [\"(x)\",",
    );
    assert!(err.message.contains("punctuation only"), "{err}");
    let files = RuleFiles::embedded();
    let words = files.text("official/words.toml").unwrap().to_string();

    let text = "Zarządzenie wchodzi w życie z dniem podpisania przez wszystkich.\n\n\
                Prezydent Miasta *-* Rafał Piech\n";
    let names = |w: &str| {
        analysed_with("official/words.toml", w, text)
            .officials
            .into_iter()
            .map(|o| o.item.name)
            .collect::<Vec<_>>()
    };
    assert!(names(&words).is_empty());
    let added = words.replace(
        "signature_marks = [\"(-)\",",
        "signature_marks = [\"(-)\", \"*-*\",",
    );
    assert_eq!(names(&added), ["Rafał Piech"]);
}

/// A key that no loader reads is a load error naming the file and the key's line, in every
/// TOML rule file (a misspelt setting must never be silently ignored).
#[test]
fn an_unknown_key_in_any_rule_file_is_a_load_error() {
    let files = RuleFiles::embedded();
    let tomls: Vec<String> = files
        .list("")
        .into_iter()
        .filter(|n| n.ends_with(".toml") && !n.ends_with("examples.toml"))
        .map(str::to_string)
        .collect();
    assert!(tomls.len() >= 13, "{tomls:?}");
    for rel in &tomls {
        let text = files.text(rel).unwrap();
        // a top-level key, before the first table
        let at = text
            .lines()
            .scan(0, |pos, l| {
                let here = *pos;
                *pos += l.len() + 1;
                Some((here, l))
            })
            .find(|(_, l)| l.starts_with('['))
            .map_or(text.len(), |(p, _)| p);
        let edited = format!("{}misspelt_setting = 1\n{}", &text[..at], &text[at..]);
        let line = text[..at].lines().count() + 1;
        let edited_files = files.clone().with_file(rel, &edited);
        let err = komunikat::pipeline::RuleSet::load(&edited_files)
            .err()
            .or_else(|| komunikat::html::PageRules::load(&edited_files).err())
            .unwrap_or_else(|| panic!("{rel}: an unknown key was ignored"));
        assert!(err.to_string().contains(rel), "{rel}: {err}");
        assert!(err.message.contains("misspelt_setting"), "{rel}: {err}");
        assert_eq!(err.line, Some(line), "{rel}: {err}");
    }
}

/// A `[weekday]` word in two lists, or an entry that is not one word, fails the load with
/// the file and the line of its list; a word moved from one list to another is read.
#[test]
fn weekday_lists_are_checked_and_edits_are_read() {
    let files = RuleFiles::embedded();
    let rel = "events/events.toml";
    let text = files.text(rel).unwrap().to_string();
    let line_of = |edited: &str, key: &str| {
        edited[..edited.find(&format!("\n{key}")).unwrap() + 1]
            .lines()
            .count()
            + 1
    };
    for (edited, key) in [
        (
            text.replace("this = [\"ten\",", "this = [\"ubiegły\", \"ten\","),
            "this =",
        ),
        (
            text.replace("prepositions = [\"w\",", "prepositions = [\"w ciągu\","),
            "prepositions =",
        ),
    ] {
        assert!(edited != text, "{key}");
        let err = komunikat::pipeline::RuleSet::load(&files.clone().with_file(rel, &edited))
            .err()
            .unwrap_or_else(|| panic!("{key}: accepted"));
        assert!(err.to_string().contains(rel), "{err}");
        assert_eq!(err.line, Some(line_of(&edited, key)), "{err}");
    }
    // "zapraszamy" read as a past tense: the Sunday before a Thursday's publication
    let release = "Festyn rodzinny\nOpublikowano: 16.10.2025\n\nW niedzielę zapraszamy \
                   mieszkańców na festyn rodzinny przy szkole, a na dzieci czekają konkursy.";
    for (words, date) in [
        (text.clone(), "2025-10-19"),
        (
            text.replace("\"zapraszamy\", ", "")
                .replace("before_endings = [", "before_endings = [\"amy\", "),
            "2025-10-12",
        ),
    ] {
        let set =
            komunikat::pipeline::RuleSet::load(&files.clone().with_file(rel, &words)).unwrap();
        let mut docs = [komunikat::pipeline::analyse_text(&set, "t", release, None)];
        let events = komunikat::batch::build_events(&set, &mut docs);
        assert_eq!(events[0].date.as_deref(), Some(date));
    }
}

#[test]
fn the_regional_heads_come_from_the_voivodeships_and_are_checked() {
    let files = RuleFiles::embedded();
    let rel = "gmina/voivodeships.tsv";
    let text = files.text(rel).unwrap().to_string();
    // a name not ending in -ie gives no stem: a load error at its line
    let edited = text.replace("\tmazowieckie\n", "\tMazowsze\n");
    assert!(edited != text);
    let line = edited[..edited.find("Mazowsze").unwrap()].lines().count();
    let Err(err) = komunikat::pipeline::RuleSet::load(&files.clone().with_file(rel, &edited))
    else {
        panic!("accepted")
    };
    assert!(err.to_string().contains(rel), "{err}");
    assert_eq!(err.line, Some(line), "{err}");
    // the stem read from the file heads the role after a name
    let release = "Sztandar\n\nSztandar przekazano na ręce Jarosława Nowaka Mazowieckiego \
                   Komendanta Wojewódzkiego PSP.";
    let set = komunikat::pipeline::RuleSet::load(&files).unwrap();
    let doc = komunikat::pipeline::analyse_text(&set, "t", release, None);
    let roles: Vec<(&str, &str)> = doc
        .officials
        .iter()
        .map(|o| (o.item.name.as_str(), o.item.role.as_str()))
        .collect();
    assert_eq!(
        roles,
        [("Jarosław Nowak", "Mazowiecki Komendant Wojewódzki PSP")]
    );
}

#[test]
fn gendered_courtesy_titles_are_checked_and_pick_the_reading() {
    let files = RuleFiles::embedded();
    let rel = "official/words.toml";
    let text = files.text(rel).unwrap().to_string();
    // a gendered title that is no courtesy title: a load error at its line
    let edited = text.replace(
        "male_honorifics = [\"pan\",",
        "male_honorifics = [\"druh\", \"pan\",",
    );
    assert!(edited != text);
    let line = edited[..edited.find("\"druh\", \"pan\"").unwrap()]
        .lines()
        .count();
    let Err(err) = komunikat::pipeline::RuleSet::load(&files.clone().with_file(rel, &edited))
    else {
        panic!("accepted")
    };
    assert!(err.to_string().contains(rel), "{err}");
    assert_eq!(err.line, Some(line), "{err}");
    // "Pana" before the name: Erwin Marsolek; with no gendered title the nominative
    // feminine reading wins ("Erwina Marsolka")
    let set = komunikat::pipeline::RuleSet::load(&files).unwrap();
    let names = |release: &str| -> Vec<String> {
        komunikat::pipeline::analyse_text(&set, "t", release, None)
            .officials
            .iter()
            .map(|o| o.item.name.clone())
            .collect()
    };
    let with = "Skład\n\nRada powołała:\n1. Pana Erwina Marsolka - Zastępcę Wójta\n";
    let without = "Skład\n\nRada powołała:\n1. Erwina Marsolka - Zastępcę Wójta\n";
    assert_eq!(names(with), ["Erwin Marsolek"]);
    assert_eq!(names(without), ["Erwina Marsolka"]);
}

/// The record of `text` analysed with the rule file `file` replaced by `contents`.
fn analysed_with(file: &str, contents: &str, text: &str) -> komunikat::record::DocumentRecord {
    let files = RuleFiles::embedded().with_file(file, contents);
    let set = komunikat::pipeline::RuleSet::load(&files).unwrap();
    komunikat::pipeline::analyse_text(&set, "t", text, None)
}

/// The rule file `file` with `from` replaced by `to` fails the load, naming the file and
/// the line of `to`; the error, for more checks.
fn edit_fails_at_its_line(file: &str, from: &str, to: &str) -> komunikat::error::RuleError {
    let files = RuleFiles::embedded();
    let words = files.text(file).unwrap().to_string();
    let bad = words.replace(from, to);
    assert!(bad != words);
    let err = komunikat::pipeline::RuleSet::load(&files.clone().with_file(file, &bad)).unwrap_err();
    let line = bad.lines().position(|l| l.contains(to)).map(|n| n + 1);
    assert_eq!(err.line, line, "{err}");
    assert!(err.to_string().contains(file), "{err}");
    err
}

/// The institutions' names (in order, repeats next to each other once) of `text` read
/// with `institution/words.toml` replaced by `words`.
fn institution_names(words: &str, text: &str) -> Vec<String> {
    let mut n: Vec<String> = analysed_with("institution/words.toml", words, text)
        .institutions
        .into_iter()
        .map(|i| i.item.name)
        .collect();
    n.dedup();
    n
}

/// The pairs of place forms are checked (a nominative, a space, a locative) and read: without
/// "wieś wsi" the abbreviation of a volunteer fire brigade in "Nowa Wieś" keeps its own name.
#[test]
fn seat_forms_are_checked_and_edits_are_read() {
    edit_fails_at_its_line(
        "institution/words.toml",
        "seat_forms = [\"wieś wsi\"]",
        "seat_forms = [\"wieśwsi\"]",
    );
    let words = RuleFiles::embedded()
        .text("institution/words.toml")
        .unwrap()
        .to_string();
    let text = "Jubileusz\n\nOchotnicza Straż Pożarna w Nowej Wsi obchodziła jubileusz. \
                Druhowie z OSP Nowa Wieś przygotowali pokaz.\n";
    assert_eq!(
        institution_names(&words, text),
        ["Ochotnicza Straż Pożarna w Nowej Wsi"]
    );
    let without = words.replace("seat_forms = [\"wieś wsi\"]", "seat_forms = []");
    assert_eq!(
        institution_names(&without, text),
        ["Ochotnicza Straż Pożarna w Nowej Wsi", "OSP Nowa Wieś"]
    );
}

/// The organs' heads are checked (a lemma of heads.tsv) and read: with "Zarząd" among them
/// a fire brigade's board is no institution, but the brigade it names is; without, the
/// board is one.
#[test]
fn organs_are_checked_and_edits_are_read() {
    edit_fails_at_its_line(
        "institution/words.toml",
        "organs = [\"Zarząd\", \"Archiwum\"]",
        "organs = [\"Zarządek\", \"Archiwum\"]",
    );
    let words = RuleFiles::embedded()
        .text("institution/words.toml")
        .unwrap()
        .to_string();
    let text = "Zebranie\n\nSprawozdanie przedstawił Zarząd Ochotniczej Straży Pożarnej w \
                Tęgoborzu. Wniosek złożył Zarząd Dróg Powiatowych w Ostrołęce.\n";
    assert_eq!(
        institution_names(&words, text),
        [
            "Ochotnicza Straż Pożarna w Tęgoborzu",
            "Zarząd Dróg Powiatowych w Ostrołęce"
        ]
    );
    let without = words.replace("organs = [\"Zarząd\", \"Archiwum\"]", "organs = []");
    assert_eq!(
        institution_names(&without, text),
        [
            "Zarząd Ochotniczej Straży Pożarnej w Tęgoborzu",
            "Zarząd Dróg Powiatowych w Ostrołęce"
        ]
    );
}

/// The year of `[history]` is checked (a year, with its line) and read: moved back to 1900,
/// a day of 1918 is no longer history and dates the release's year-less day.
#[test]
fn the_history_year_is_checked_and_edits_are_read() {
    edit_fails_at_its_line("date/words.toml", "before = 1990", "before = 19900");
    let files = RuleFiles::embedded();
    let words = files.text("date/words.toml").unwrap().to_string();

    let text = "Obchody odbyły się 11 listopada przy pomniku. Dnia 11 listopada 1918 r. \
                Polska odzyskała niepodległość.";
    let values = |w: &str| -> Vec<(String, bool)> {
        analysed_with("date/words.toml", w, text)
            .dates
            .into_iter()
            .map(|d| (d.item.value, d.item.historical))
            .collect()
    };
    let v = |s: &str, h| (s.to_string(), h);
    assert_eq!(values(&words), [v("--11-11", false), v("1918-11-11", true)]);
    let older = words.replace("before = 1990", "before = 1900");
    assert_eq!(
        values(&older),
        [v("1918-11-11", false), v("1918-11-11", false)]
    );
}
