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
