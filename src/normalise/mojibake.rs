//! UTF-8 read as a single-byte code page and written out again ("mojibake"): a crawl that
//! took a page's UTF-8 bytes for windows-1252 or windows-1250 stores "ÅšwiÄ…tniki" or
//! "ĹšwiÄ…tniki" for "Świątniki". Each such run of characters is turned back into the
//! character its bytes spell, mapped to the whole run in the source, so that extractors read
//! "Świątniki" while an item's `text` and offsets stay those of the source.
//!
//! A run is a character whose code page byte leads a UTF-8 sequence (0xC2..=0xC5, 0xE2)
//! followed by characters whose bytes continue it (0x80..=0xBF), the bytes decoding to one
//! character above U+007F that such text holds ([`plausible`]). A text is repaired only when one code page gives
//! [`MIN_RUNS`] runs or more (a lone "Ä»" may be German and a quote); the code page with
//! more runs is used.

use crate::text::{Builder, Mapped};
use memchr::memmem;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The lead bytes of the two-byte UTF-8 forms of U+00A0..=U+017F and of the three-byte
/// forms of U+2000..=U+2FFF: the characters [`plausible`] takes. (They make seven lead
/// characters in the two code pages, none a Polish letter: the search for them is quick.)
const LEAD2: std::ops::RangeInclusive<u8> = 0xC2..=0xC5;
const LEAD3: u8 = 0xE2;

/// Runs a text needs before it is taken for mojibake.
pub const MIN_RUNS: usize = 2;

/// One code page read backwards: the byte each of its characters above U+007F stands for
/// (undefined bytes read as the C1 control of the same number, as lenient decoders do).
struct Page {
    byte: HashMap<char, u8>,
}

impl Page {
    fn new(enc: &'static encoding_rs::Encoding) -> Page {
        let mut byte = HashMap::new();
        for b in 0x80..=0xFFu8 {
            let one = [b];
            let (s, errors) = enc.decode_without_bom_handling(&one);
            let c = s.chars().next().filter(|_| !errors);
            byte.insert(c.unwrap_or(char::from(b)), b);
            if b < 0xA0 {
                byte.entry(char::from(b)).or_insert(b);
            }
        }
        Page { byte }
    }

    /// The character the run at the start of `s` spells and the run's length in bytes.
    fn run(&self, s: &str) -> Option<(char, usize)> {
        let mut chars = s.char_indices();
        let (_, lead) = chars.next()?;
        let lead = *self.byte.get(&lead)?;
        let need = match lead {
            b if LEAD2.contains(&b) => 1,
            LEAD3 => 2,
            _ => return None,
        };
        let mut bytes = [lead, 0, 0];
        let mut end = 0;
        for slot in &mut bytes[1..=need] {
            let (at, c) = chars.next()?;
            let b = *self.byte.get(&c)?;
            if !(0x80..=0xBF).contains(&b) {
                return None;
            }
            *slot = b;
            end = at + c.len_utf8();
        }
        let c = std::str::from_utf8(&bytes[..=need]).ok()?.chars().next()?;
        plausible(c).then_some((c, end))
    }
}

/// The characters a run may spell: Latin letters and signs (U+00A0..=U+017F), and
/// punctuation (dashes, quotes, bullets, the ellipsis), the euro sign and the trade mark.
/// Others come from right text: capitals of Polish in windows-1250 bytes, "ÓŻ" (D3 AF),
/// spell Cyrillic or IPA letters.
fn plausible(c: char) -> bool {
    matches!(c, '\u{A0}'..='\u{17F}' | '\u{2010}'..='\u{203A}' | '\u{20AC}' | '\u{2122}')
}

/// The two code pages and the characters that may open a run in either (their UTF-8
/// forms, for a quick search).
struct Pages {
    pages: [Page; 2],
    /// A search for each (`memmem`: two bytes at a time, so the Polish letters that share a
    /// first byte with them, "ó" and "ą", cost nothing).
    finders: Vec<memmem::Finder<'static>>,
}

fn pages() -> &'static Pages {
    static PAGES: OnceLock<Pages> = OnceLock::new();
    PAGES.get_or_init(|| {
        let pages = [
            Page::new(encoding_rs::WINDOWS_1252),
            Page::new(encoding_rs::WINDOWS_1250),
        ];
        let leads: std::collections::BTreeSet<char> = (pages.iter())
            .flat_map(|p| p.byte.iter())
            .filter(|(_, &b)| LEAD2.contains(&b) || b == LEAD3)
            .map(|(&c, _)| c)
            .collect();
        let finders = (leads.iter())
            .map(|c| memmem::Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned())
            .collect();
        Pages { pages, finders }
    })
}

/// The runs of `text` in `page`: (start, end, character), in order, not overlapping.
fn runs(text: &str, page: &Page, starts: &[usize]) -> Vec<(usize, usize, char)> {
    let mut out = Vec::new();
    let mut after = 0;
    for &at in starts {
        if at < after {
            continue;
        }
        if let Some((c, len)) = page.run(&text[at..]) {
            out.push((at, at + len, c));
            after = at + len;
        }
    }
    out
}

/// `input` with its mojibake repaired, or `None` when it has none (see the module's
/// comment).
pub fn repair(input: &Mapped) -> Option<Mapped> {
    let text = input.as_str();
    let p = pages();
    let mut starts: Vec<usize> = (p.finders.iter())
        .flat_map(|f| f.find_iter(text.as_bytes()))
        .collect();
    starts.sort_unstable();
    if starts.len() < MIN_RUNS {
        return None;
    }
    let best = p
        .pages
        .iter()
        .map(|page| runs(text, page, &starts))
        .max_by_key(Vec::len)?;
    if best.len() < MIN_RUNS {
        return None;
    }
    let mut out = Builder::with_capacity(text.len());
    let mut at = 0;
    for (start, end, c) in best {
        out.push_from(input, at..start);
        out.push_char(c, input.source_span(start..end));
        at = end;
    }
    out.push_from(input, at..text.len());
    Some(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `s` as a crawl stores it after reading its UTF-8 bytes as `enc`.
    fn garble(s: &str, enc: &'static encoding_rs::Encoding) -> String {
        enc.decode_without_bom_handling(s.as_bytes()).0.into_owned()
    }

    const POLISH: &str =
        "Zażółć gęślą jaźń. ŚWIĄTNIKI, Łódź, Żółkiewka: „cudzysłów” – 5 °C, 100 € i ©. \
                          ZAŻÓŁĆ GĘŚLĄ JAŹŃ, ŁÓŻKO, MĘŻNY, SĘDZIA, WÓJT GMINY ŁUBNICE.";

    #[test]
    fn text_read_as_either_code_page_comes_back() {
        for enc in [encoding_rs::WINDOWS_1252, encoding_rs::WINDOWS_1250] {
            let bad = garble(POLISH, enc);
            assert_ne!(bad, POLISH);
            let fixed = repair(&Mapped::identity(&bad)).expect("repaired");
            assert_eq!(fixed.as_str(), POLISH, "{}", enc.name());
        }
    }

    #[test]
    fn each_repaired_character_maps_to_its_whole_run() {
        let bad = garble("Beata Tarczyńska, wójt Świątnik", encoding_rs::WINDOWS_1252);
        let fixed = repair(&Mapped::identity(&bad)).expect("repaired");
        let t = fixed.as_str();
        let n = t.find('ń').unwrap();
        let src = fixed.source_span(n..n + 'ń'.len_utf8());
        assert_eq!(&bad[src.clone()], "Å„");
        let w = t.find("Świątnik").unwrap();
        let src = fixed.source_span(w..w + "Świątnik".len());
        assert_eq!(&bad[src], "ÅšwiÄ…tnik");
        // the words around are copied with their own offsets
        let b = t.find("Beata").unwrap();
        assert_eq!(fixed.source_span(b..b + 5), 0..5);
    }

    #[test]
    fn the_lead_characters_are_seven_and_none_is_polish() {
        let p = pages();
        // every lead character is two bytes long in UTF-8 and has its search
        let leads: Vec<&[u8]> = p.finders.iter().map(|f| f.needle()).collect();
        assert_eq!(leads.len(), 7);
        assert!(leads.iter().all(|l| l.len() == 2));
        for c in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".chars() {
            let mut b = [0u8; 4];
            let pair = <[u8; 2]>::try_from(c.encode_utf8(&mut b).as_bytes()).unwrap();
            assert!(!leads.contains(&&pair[..]), "{c}");
        }
    }

    #[test]
    fn right_text_is_left_alone() {
        for s in [
            POLISH,
            "Österreich, Ärzte und Äpfel; Å is a Swedish letter; â la carte.",
            "Ä» is one odd pair, and only one.",
            "",
        ] {
            assert!(repair(&Mapped::identity(s)).is_none(), "{s}");
        }
    }
}
