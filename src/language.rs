//! Language: is this release Polish?
//!
//! A cheap gate first: Polish writes ą ę ł ń ś ź ż ć, which Czech and Slovak do not, and
//! they write ř ě ů č š ď ť ň ľ ĺ ŕ ô, which Polish does not. A text dense in the first and
//! free of the second is Polish without further ado. Anything the gate is not sure of goes
//! to lingua, built once with only the languages that occur here, on a bounded sample of
//! the text's content (boilerplate such as an English cookie banner left out).

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::OnceLock;

pub mod vote;

pub use vote::GateRules;

/// The languages lingua tells apart: Polish, its neighbours and the usual intruders.
pub const LANGUAGES: [Language; 7] = [
    Language::Polish,
    Language::Czech,
    Language::Slovak,
    Language::English,
    Language::German,
    Language::Ukrainian,
    Language::Russian,
];

/// How much content lingua reads when the gate is not sure.
const SAMPLE_CHARS: usize = 600;

/// The language decision for one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// ISO 639-1, or "und".
    pub code: &'static str,
    /// How sure the decision is, 0 to 1, rounded to two decimals.
    pub confidence: f64,
    /// "gate" or "lingua": which of the two decided.
    pub method: &'static str,
}

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| LanguageDetectorBuilder::from_languages(&LANGUAGES).build())
}

/// Letter counts the gate decides on.
#[derive(Debug, Default, Clone, Copy)]
struct Letters {
    all: usize,
    polish: usize,
    czech_slovak: usize,
    cyrillic: usize,
}

/// How many characters the gate reads: enough for stable letter rates.
const GATE_CHARS: usize = 12_000;

/// The first [`GATE_CHARS`] characters of `text`: what the gate reads.
fn head(text: &str) -> &str {
    if text.len() <= GATE_CHARS {
        text
    } else {
        let cut = text
            .char_indices()
            .nth(GATE_CHARS)
            .map_or(text.len(), |(i, _)| i);
        &text[..cut]
    }
}

/// The letters of `text` (the head the gate reads), Latin ones by `latin` ([`latin_table`]).
fn count(text: &str, latin: &[u8; 192]) -> Letters {
    let bytes = text.as_bytes();
    let mut n = Letters {
        all: ascii_letters(bytes),
        ..Letters::default()
    };
    let mut i = 0;
    while let Some(at) = crate::text::next_non_ascii(bytes, i) {
        // U+00C0..U+017F (lead bytes C3..C5) from a table; other characters decoded.
        if let (Some(kind), Some(&second)) = (
            bytes[at].checked_sub(0xC3).filter(|&k| k < 3),
            bytes.get(at + 1),
        ) {
            i = at + 2;
            match latin[usize::from(kind) * 64 + usize::from(second & 0x3F)] {
                POLISH => n.polish += 1,
                CZECH_SLOVAK => n.czech_slovak += 1,
                NOT_LETTER => continue,
                _ => {}
            }
            n.all += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        i = at + c.len_utf8();
        // (Polish, Czech and Slovak letters all lie in the table's range.)
        match c {
            '\u{400}'..='\u{4FF}' if c.is_alphabetic() => n.cyrillic += 1,
            c if is_latin_letter(c) || c.is_alphabetic() => {}
            _ => continue,
        }
        n.all += 1;
    }
    n
}

const OTHER_LETTER: u8 = 0;
const POLISH: u8 = 1;
const CZECH_SLOVAK: u8 = 2;
const NOT_LETTER: u8 = 3;

/// The gate's view of U+00C0..U+017F, by code point minus U+00C0: `polish` and
/// `czech_slovak` letters (`[first_test]` of `rules/language/gate.toml`, either case)
/// marked, '×' and '÷' not letters. A listed character outside that range is returned as
/// the error.
fn latin_table(polish: &str, czech_slovak: &str) -> Result<[u8; 192], char> {
    let mut t = [OTHER_LETTER; 192];
    t[0xD7 - 0xC0] = NOT_LETTER;
    t[0xF7 - 0xC0] = NOT_LETTER;
    for (letters, kind) in [(polish, POLISH), (czech_slovak, CZECH_SLOVAK)] {
        for c in letters
            .chars()
            .flat_map(|c| std::iter::once(c).chain(c.to_uppercase()))
        {
            if !is_latin_letter(c) {
                return Err(c);
            }
            t[c as usize - 0xC0] = kind;
        }
    }
    Ok(t)
}

/// ASCII letters in `bytes`, counted in blocks with byte-wide counters (vectorised).
fn ascii_letters(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            let mut k = 0u8;
            for &b in block {
                k += u8::from((b | 0x20).wrapping_sub(b'a') < 26);
            }
            usize::from(k)
        })
        .sum()
}

/// U+00C0..U+017F are all letters but '×' and '÷' (a shortcut past the Unicode tables).
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{17F}') && c != '\u{D7}' && c != '\u{F7}'
}

/// Detects the language of `content` (the text without boilerplate): the letter test,
/// then the votes of `gate` (function words; Cyrillic letters), then lingua.
pub fn detect(content: &str, gate: &GateRules) -> Detected {
    let head = head(content);
    let n = count(head, gate.latin());
    if n.all == 0 {
        return Detected {
            code: "und",
            confidence: 0.0,
            method: "gate",
        };
    }
    let polish_rate = n.polish as f64 / n.all as f64;
    // Polish prose has 3-5% of these letters; 1.5% with almost no Czech/Slovak letters
    // and no Cyrillic is Polish beyond doubt.
    if n.all >= 200
        && polish_rate >= 0.015
        && n.czech_slovak * 20 <= n.polish
        && n.cyrillic * 50 <= n.all
    {
        return Detected {
            code: "pl",
            confidence: ((0.9 + polish_rate * 2.0).min(0.99) * 100.0).round() / 100.0,
            method: "gate",
        };
    }
    // Mostly Cyrillic or mostly Latin: the votes; a mix goes to lingua.
    let cyrillic = n.cyrillic * 2 >= n.all;
    let vote = if cyrillic || n.cyrillic * 5 < n.all {
        gate.vote(head, cyrillic)
    } else {
        None
    };
    if let Some(v) = vote {
        return Detected {
            code: v.code,
            confidence: (v.share.min(0.99) * 100.0).round() / 100.0,
            method: "gate",
        };
    }
    let sample = sample(content, SAMPLE_CHARS);
    let values = detector().compute_language_confidence_values(sample);
    match values.first() {
        Some(&(lang, conf)) if conf > 0.0 => Detected {
            code: iso(lang),
            confidence: (conf * 100.0).round() / 100.0,
            method: "lingua",
        },
        _ => Detected {
            code: "und",
            confidence: 0.0,
            method: "lingua",
        },
    }
}

/// Up to `max` characters of the longest paragraphs, where the release itself stands.
fn sample(content: &str, max: usize) -> &str {
    let best = content
        .split("\n\n")
        .max_by_key(|p| p.chars().filter(|c| c.is_alphabetic()).count())
        .unwrap_or(content);
    match best.char_indices().nth(max) {
        Some((i, _)) => &best[..i],
        None => best,
    }
}

fn iso(lang: Language) -> &'static str {
    match lang {
        Language::Polish => "pl",
        Language::Czech => "cs",
        Language::Slovak => "sk",
        Language::English => "en",
        Language::German => "de",
        Language::Ukrainian => "uk",
        Language::Russian => "ru",
        #[allow(unreachable_patterns)]
        _ => "und",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letter_shortcut_agrees_with_unicode() {
        for c in '\u{80}'..='\u{24F}' {
            if is_latin_letter(c) {
                assert!(c.is_alphabetic(), "{c:?}");
            }
        }
        assert_eq!(
            ('\u{C0}'..='\u{17F}')
                .filter(|c| !c.is_alphabetic())
                .count(),
            2
        );
    }

    #[test]
    fn letters_are_counted_as_the_char_iterator_does() {
        let text = "Wójt Łoniowa, Ørsted і Київ; ×÷ ř ô @[`{ 2024 r.".repeat(500);
        for cut in [0, 1, 7, 100, GATE_CHARS] {
            let t: String = text.chars().take(cut + 3).collect();
            let n = count(head(&t), gate().latin());
            let head = || t.chars().take(GATE_CHARS);
            assert_eq!(n.all, head().filter(|c| c.is_alphabetic()).count());
            assert_eq!(n.polish, head().filter(|c| "łŁ".contains(*c)).count());
            assert_eq!(n.czech_slovak, head().filter(|c| "řô".contains(*c)).count());
            assert_eq!(n.cyrillic, head().filter(|c| "іКиїв".contains(*c)).count());
        }
    }

    #[test]
    fn latin_table_agrees_with_the_letter_lists() {
        let (polish, czech_slovak) = ("ąęłńśźżćĄĘŁŃŚŹŻĆ", "řěůčšďťňľĺŕôŘĚŮČŠĎŤŇĽĹŔÔ");
        let table = latin_table("ąęłńśźżć", "řěůčšďťňľĺŕô").unwrap();
        for c in '\u{C0}'..='\u{17F}' {
            let want = if polish.contains(c) {
                POLISH
            } else if czech_slovak.contains(c) {
                CZECH_SLOVAK
            } else if c.is_alphabetic() {
                OTHER_LETTER
            } else {
                NOT_LETTER
            };
            assert_eq!(table[c as usize - 0xC0], want, "{c:?}");
        }
        assert_eq!(latin_table("ąx", ""), Err('x'));
        assert_eq!(&table, gate().latin(), "the rules file lists these letters");
    }

    #[test]
    fn polish_passes_the_gate() {
        let d = detect(&"Wójt Gminy Łoniów podpisał umowę o dofinansowanie przebudowy drogi gminnej w miejscowości Świniary. ".repeat(3), &gate());
        assert_eq!((d.code, d.method), ("pl", "gate"));
    }

    #[test]
    fn czech_and_slovak_and_english_are_not_polish() {
        let cs = "Obec Horní Bečva převzala nový cisternový automobil pro jednotku sboru dobrovolných hasičů. Vozidlo stálo 8,5 mil. Kč a obec na něj získala dotaci z rozpočtu kraje.";
        let sk = "Obec Oravská Polhora získala dotáciu na rekonštrukciu miestnej cesty. Dňa 12. marca 2024 podpísal starosta obce zmluvu s predsedom Žilinského samosprávneho kraja.";
        let en = "The Marshal of the Małopolska Region signed agreements worth EUR 2.6 billion with local authorities to improve the energy efficiency of schools.";
        for (text, code) in [(cs, "cs"), (sk, "sk"), (en, "en")] {
            assert_eq!(detect(text, &gate()).code, code, "{text}");
        }
    }

    fn gate() -> GateRules {
        GateRules::embedded().unwrap()
    }

    /// Pages the letter test leaves open, each decided by the votes without lingua.
    #[test]
    fn the_votes_decide_what_the_letters_leave_open() {
        let cases = [
            // Polish typed without diacritics
            ("pl", "Wojt Gminy Dobra podpisal w srode umowe na przebudowe drogi, ktora laczy dwie wsie. \
                    Prace zostana wykonane przez firme z Limanowej, a ich koszt wyniesie 2 mln zl. \
                    Droga jest waznym polaczeniem dla mieszkancow oraz dla autobusow szkolnych, \
                    ktore kursuja przez wies codziennie. Gmina zlozyla tez wniosek o kolejne srodki, \
                    ktory zostal juz oceniony pozytywnie. Remont ma sie zakonczyc jesienia."),
            // a Polish page with a Ukrainian banner line
            ("pl", "Інформація для громадян України. Starosta podpisał w poniedziałek porozumienie \
                    o współpracy z nadleśnictwem w sprawie bezpieczeństwa na szlakach wodnych. \
                    Dokument przewiduje wspólne patrole oraz szkolenia dla ratowników, które odbędą \
                    się jeszcze przed wakacjami. Jest to już trzecie takie porozumienie w powiecie."),
            ("cs", "Zastupitelstvo obce schválilo rozpočet na příští rok. Peníze půjdou na opravu \
                    místní komunikace, která vede ke škole, a také na nové hřiště pro děti. Podle \
                    starosty jsou práce naplánovány na jaro, kdy se také začne s rekonstrukcí mostu \
                    mezi oběma částmi obce, který je již ve špatném stavu."),
            ("sk", "Obecné zastupiteľstvo schválilo rozpočet na budúci rok. Peniaze pôjdu na opravu \
                    miestnej cesty, ktorá vedie ku škole, a tiež na nové ihrisko pre deti. Podľa \
                    starostu sú práce naplánované na jar, keď sa začne aj s rekonštrukciou mosta \
                    medzi oboma časťami obce, ktorý bol postavený pred päťdesiatimi rokmi."),
            ("de", "Der Bürgermeister hat am Montag die Vereinbarung mit der Partnergemeinde \
                    unterzeichnet. Die Zusammenarbeit soll sich auf Kultur und Sport konzentrieren, \
                    und es wird auch ein Austausch von Schülern geplant, der im Sommer beginnen \
                    soll. Die Kosten werden aus einem Programm der Europäischen Union gedeckt."),
            ("uk", "Міська рада інформує, що прийом громадян України відбувається щовівторка. \
                    Для отримання допомоги необхідно мати при собі паспорт і заяву. Інформацію \
                    можна також отримати телефоном у відділі соціальної підтримки."),
        ];
        for (code, text) in cases {
            let d = detect(text, &gate());
            assert_eq!((d.code, d.method), (code, "gate"), "{text}");
            assert!(d.confidence >= 0.8 && d.confidence <= 0.99, "{d:?}");
        }
    }

    /// Too few votes, or two languages close: lingua decides.
    #[test]
    fn a_close_or_thin_vote_goes_to_lingua() {
        let g = gate();
        assert_eq!(g.vote("Obec przez the", false), None);
        let mixed = "the and of is for that with was se jsou který také při pro ve nebo";
        assert_eq!(g.vote(mixed, false), None);
        let en = "The council said that the road, which was closed for the winter, is open again and the buses are back.";
        assert_eq!(g.vote(en, false).map(|v| v.code), Some("en"));
    }

    #[test]
    fn a_broken_gate_file_names_its_line() {
        let base = crate::rules::RuleFiles::embedded();
        let text = base.text("language/gate.toml").unwrap();
        // The error of the gate file with `from` replaced by `to`, checked to stand on the
        // line of `to` and to say `says`.
        let broken = |from: &str, to: &str, says: &str| {
            let edited = text.replace(from, to);
            let files = base.clone().with_file("language/gate.toml", &edited);
            let e = GateRules::load(&files).unwrap_err();
            let line = edited.lines().position(|l| l.contains(to)).unwrap() + 1;
            assert_eq!(e.line, Some(line), "{e}");
            assert!(e.to_string().contains(says), "{e}");
        };
        broken(
            "\"vo\",",
            "\"vo\", \"oraz\",",
            "\"oraz\" is listed for pl and sk",
        );
        broken("de = [", "xx = [", "unknown language \"xx\"");
        broken(
            "polish = \"ąęłńśźżć\"",
            "polish = \"ąęłńśźżćж\"",
            "not a letter of U+00C0..U+017F",
        );
        broken("\"oraz\", \"przez\"", "\"Oraz\", \"przez\"", "lowercase");
    }
}
