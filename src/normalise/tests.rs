use super::*;
use crate::rules::RuleFiles;

/// Runs as the character loop took them before [`plain_run`] tested blocks (fewer: no
/// line breaks, no capitals of U+00C0..U+017F, no spaces after hyphens), byte by byte:
/// goes on from `j` (a character's start) while bytes are taken, up to `limit`; returns
/// the position reached and whether it stopped at a byte not taken.
fn run_steps(rest: &[u8], mut j: usize, first_prev: u8, limit: usize) -> (usize, bool) {
    while j < rest.len() && j < limit {
        let b = rest[j];
        let class = CLASS[usize::from(b)];
        if class == PLAIN {
            // The common case: a stretch of plain bytes.
            j += 1;
            continue;
        }
        let prev = if j == 0 { first_prev } else { rest[j - 1] };
        let take = match class {
            CAPITAL => usize::from(prev.is_ascii() && !prev.is_ascii_lowercase()),
            SPACE => usize::from(
                prev != b'-'
                    && rest
                        .get(j + 1)
                        .is_some_and(|&n| matches!(CLASS[usize::from(n)], PLAIN | CAPITAL | LATIN)),
            ),
            // Two-byte characters U+00C0..U+017F; a capital may start a glued word.
            LATIN => match rest.get(j + 1) {
                Some(&b2) if !LATIN_UPPER[usize::from(b - 0xC3) << 6 | usize::from(b2 & 0x3F)] => 2,
                _ => 0,
            },
            _ => 0,
        };
        if take == 0 {
            return (j, true);
        }
        j += take;
    }
    (j, j < limit)
}

/// Whether the character U+00C0 + i (i < 192: lead bytes C3..C5) is a capital.
const LATIN_UPPER: [bool; 192] = {
    let mut t = [false; 192];
    let mut i = 0;
    while i < 192 {
        t[i] = match char::from_u32(0xC0 + i as u32) {
            Some(c) => c.is_uppercase(),
            None => false,
        };
        i += 1;
    }
    t
};

fn rules() -> NormaliseRules {
    NormaliseRules::load(&RuleFiles::embedded()).unwrap()
}

fn norm(s: &str) -> Normalised {
    normalise(&Mapped::identity(s), &rules())
}

#[test]
fn spaces_dashes_quotes() {
    let n = norm("56\u{A0}000  zł \u{2013} „Liderzy kooperacji”\r\n\r\n\r\nDalej");
    assert_eq!(n.as_str(), "56 000 zł - \"Liderzy kooperacji\"\n\nDalej");
}

#[test]
fn hyphenation_and_glued_words() {
    let n =
        norm("Poradnia Psychologiczno- Pedagogiczna, realiza-\ncja, OksaGmina Wodzisław, WFOŚiGW");
    assert_eq!(
        n.as_str(),
        "Poradnia Psychologiczno-Pedagogiczna, realizacja, Oksa Gmina Wodzisław, WFOŚiGW"
    );
    let src = "OksaGmina";
    let n = norm(src);
    let at = n.as_str().find("Gmina").unwrap();
    assert_eq!(&src[n.text.source_span(at..at + 5)], "Gmina");
}

#[test]
fn nfc_and_invisible_characters() {
    let src = "Z\u{307}o\u{301}\u{142}w \u{AD}Bo\u{AD}goria";
    let n = norm(src);
    assert_eq!(n.as_str(), "Żółw Bogoria");
    assert_eq!(&src[n.text.source_span(0..2)], "Z\u{307}");
}

#[test]
fn latin_capitals_by_comparisons() {
    for c in 0xC3..=0xC5u8 {
        for n in 0x80..=0xBFu8 {
            let ch = std::str::from_utf8(&[c, n])
                .unwrap()
                .chars()
                .next()
                .unwrap();
            assert_eq!(latin_upper(c, n), ch.is_uppercase(), "{ch}");
            let i = usize::from(c - 0xC3) << 6 | usize::from(n & 0x3F);
            assert_eq!(LATIN_UPPER[i], ch.is_uppercase(), "{ch}");
        }
    }
}

/// A small deterministic generator (no dependency needed).
fn next(seed: &mut u64) -> usize {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*seed >> 33) as usize
}

/// The text and the source of each byte of a normalised text.
fn mapping(m: &Mapped) -> (String, Vec<Range<usize>>) {
    let n = m.len();
    let mut map: Vec<Range<usize>> = (0..n).map(|i| m.source_of(i)).collect();
    map.push(m.source_span(n..n));
    (m.as_str().to_string(), map)
}

#[test]
fn block_runs_fold_as_the_character_loop_does() {
    const PIECES: [&str; 36] = [
        "a", "ab", "z", " ", "  ", "-", "o-", "O-", "a-", "- ", "X", "Ą", "ą", "ł", "Ż", "ß",
        "\u{D7}", "\u{17F}", "\n", "\n\n", "-\n", "„", "–", "\u{A0}", "7", ".", "\u{138}",
        "Z\u{307}", "\u{301}", "\u{AD}", "\r\n", "\t", "ĄB", "aŻ", "źX", "\u{2026}",
    ];
    // The character loop with the runs it took before blocks: byte by byte.
    let steps =
        |b: &[u8], from: usize, before: [u8; 2]| run_steps(&b[from..], 0, before[1], usize::MAX).0;
    let mut seed = 11;
    for round in 0..3000usize {
        let mut s = String::new();
        let len = next(&mut seed) % 150;
        while s.len() < len {
            // Mostly plain words, so that runs are long enough to cross blocks.
            if next(&mut seed).is_multiple_of(3) {
                s.push_str(PIECES[next(&mut seed) % PIECES.len()]);
            } else {
                s.push_str(["wojewódzki", "gmina", "Oksa", "dąb", "x"][next(&mut seed) % 5]);
            }
        }
        // The text as it is, and as a page reader may give it: some characters
        // made from longer or empty source ranges.
        let mut b = Builder::default();
        let mut src = 0;
        for c in s.chars() {
            let n = match next(&mut seed) % 8 {
                0 => 0,
                1 => c.len_utf8() + 4,
                _ => c.len_utf8(),
            };
            b.push_char(c, src..src + n);
            src += n + usize::from(round.is_multiple_of(2));
        }
        for input in [Mapped::identity(&s), b.finish()] {
            let want = mapping(&fold_with(&input, steps));
            assert_eq!(mapping(&fold_characters(&input)), want, "{s:?}");
        }
    }
}

#[test]
fn boilerplate_lines_are_marked() {
    let n = norm("Przejdź do treści\nPowiększ tekst: A A A\nStart | Aktualności | Urząd Gminy | Kontakt\nWójt Gminy Oksa podpisał umowę.\nUrząd Gminy Korczyna · 38-420 Korczyna · tel. 13 435 40 27");
    let t = n.as_str();
    assert!(n.in_boilerplate(0));
    assert!(n.in_boilerplate(t.find("Aktualności").unwrap()));
    assert!(!n.in_boilerplate(t.find("Wójt").unwrap()));
    assert!(!n.in_boilerplate(t.find("Urząd Gminy Korczyna").unwrap()));
    assert!(n
        .content()
        .trim()
        .starts_with("Wójt Gminy Oksa podpisał umowę."));
}

#[test]
fn the_site_name_heading_a_menu_row_among_the_first_lines() {
    let text =
        "Gmina Wierzbica\n  Urząd Gminy Wierzbica • BIP • Kontakt\nStart | Aktualności | Kontakt\n\
                Przejdź do treści\nx\nUrząd Miasta Radom | Mapa | RSS\nTreść komunikatu.";
    let n = norm(text);
    let names: Vec<&str> = n
        .site_names
        .iter()
        .map(|r| &n.as_str()[r.clone()])
        .collect();
    // Both rows among the first five lines give their first item; the skip link is
    // boilerplate by the pattern, not a menu; the sixth line is too far down.
    assert_eq!(names, ["Urząd Gminy Wierzbica", "Start"]);
    for r in &n.site_names {
        assert!(n.in_boilerplate(r.start) && n.in_site_name(r.end - 1));
    }
    assert!(!n.in_site_name(text.find("Radom").unwrap()));
}
