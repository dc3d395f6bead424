//! Property tests: whatever the readers and the normaliser change, every span of the
//! normalised text maps back to a slice of the source, and every word of the normalised
//! text comes from source text that normalises to that word.

use komunikat::html;
use komunikat::normalise::{normalise, NormaliseRules};
use komunikat::rules::RuleFiles;
use komunikat::text::Mapped;
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static NormaliseRules {
    static R: OnceLock<NormaliseRules> = OnceLock::new();
    R.get_or_init(|| NormaliseRules::load(&RuleFiles::embedded()).unwrap())
}

/// Text made of the pieces that the normaliser rewrites.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Gmina".to_string()),
        Just("Oksa".to_string()),
        Just("wójt".to_string()),
        Just("Łoniów".to_string()),
        Just(" ".to_string()),
        Just("\u{A0}".to_string()),
        Just("\u{2009}".to_string()),
        Just("\u{AD}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("-".to_string()),
        Just("\u{2013}".to_string()),
        Just("„".to_string()),
        Just("”".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("z\u{307}".to_string()),
        Just("e\u{328}".to_string()),
        Just("\u{301}".to_string()),
        Just("12 893 583,46 zł".to_string()),
        Just("Psychologiczno- ".to_string()),
        Just("realiza-\n".to_string()),
        Just("Przejdź do treści\n".to_string()),
        // a wrapped paragraph: a full line broken mid-sentence, going on in lower case
        Just("Nagrody wręczyli laureatom Starosta\n".to_string()),
        Just("w sali narad Wójt Gminy\n".to_string()),
        "[a-zA-ZąęłńśźżóĄĘŁŃŚŹŻÓ0-9.,;:()]{1,8}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check(src: &str, view: &Mapped) -> Result<(), TestCaseError> {
    let n = normalise(view, rules());
    let t = n.as_str();
    let mut bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
    bounds.push(t.len());
    let mut last_start = 0;
    for w in bounds.windows(2) {
        let span = n.text.source_span(w[0]..w[1]);
        prop_assert!(span.start <= span.end && span.end <= src.len());
        prop_assert!(src.is_char_boundary(span.start) && src.is_char_boundary(span.end));
        prop_assert!(span.start >= last_start, "source starts go forward");
        last_start = span.start;
    }
    for (at, word) in words(t) {
        let span = n.text.source_span(at..at + word.len());
        let again = normalise(&Mapped::identity(&src[span.clone()]), rules());
        prop_assert_eq!(again.as_str().trim(), word, "source {:?}", &src[span]);
    }
    Ok(())
}

/// Runs of letters and digits with their positions.
fn words(t: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &t[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn plain_text_spans_survive_normalisation(src in messy_text()) {
        check(&src, &Mapped::identity(&src))?;
    }

    #[test]
    fn html_spans_survive_reading_and_normalisation(src in messy_text()) {
        let page = format!("<html><body><p class=\"x\">{}</p><nav>menu</nav>&oacute;&nbsp;<b>{}</b></body></html>", src, src);
        let view = html::read(&page, &html::PageRules::embedded().unwrap()).text;
        let n = normalise(&view, rules());
        for (at, word) in words(n.as_str()) {
            let span = n.text.source_span(at..at + word.len());
            prop_assert!(page.is_char_boundary(span.start) && page.is_char_boundary(span.end));
            prop_assert!(span.start <= span.end && span.end <= page.len());
        }
    }
}
