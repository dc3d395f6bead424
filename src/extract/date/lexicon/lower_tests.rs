//! The case helpers of the date lexicon against the standard library.

use super::{any_case, lower_same_len};

#[test]
fn any_case_matches_upper_letters_after_ascii_lowering() {
    let re = regex::Regex::new(&any_case("(?:październik|ł[ąb]d)\\.?")).unwrap();
    for t in ["PAŹDZIERNIK", "paŹdziernik", "ŁĄd", "łbd"] {
        assert!(re.is_match(&t.to_ascii_lowercase()), "{t}");
    }
    assert!(!re.is_match("pazdziernik"));
}

#[test]
fn lower_keeps_lengths_and_lowers_what_it_can() {
    let text = "Żółć GĘŚLĄ jaźń, İstanbul ẞ ǅ Ωmega ŃĄ 12.III.2024 r.\n\nﬁ X";
    let want: String = text
        .chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect();
    assert_eq!(lower_same_len(text), want);
    assert_eq!(want.len(), text.len());
}
