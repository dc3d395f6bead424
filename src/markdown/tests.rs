use super::*;

/// The source span of the first `needle` in the text read from `src`.
fn span(m: &Mapped, needle: &str) -> Range<usize> {
    let at = m.as_str().find(needle).expect(needle);
    m.source_span(at..at + needle.len())
}

/// Every character of the text maps into `src` on character boundaries.
fn assert_maps(m: &Mapped, src: &str) {
    for (i, c) in m.as_str().char_indices() {
        let s = m.source_span(i..i + c.len_utf8());
        assert!(s.end <= src.len() && src.is_char_boundary(s.start) && src.is_char_boundary(s.end));
    }
}

#[test]
fn list_markers_go_items_stay_on_their_lines() {
    let src = "Plan prac:\n\n* pierwsza droga\n- druga droga\n\n1. trzecia droga\n2) czwarta\n";
    let (m, title) = read(src);
    assert_eq!(
        m.as_str(),
        "Plan prac:\n\npierwsza droga\ndruga droga\n\ntrzecia droga\nczwarta\n"
    );
    assert_eq!(title, None);
    assert_eq!(span(&m, "druga droga"), 31..42);
    assert_eq!(span(&m, "trzecia droga"), 47..60);
    assert_eq!(span(&m, "czwarta"), 64..71);
    assert_eq!(span(&m, "\nczwarta"), 60..71);
    assert_maps(&m, src);
}

#[test]
fn setext_headings_are_headings_and_their_underlines_go() {
    let src = "Festyn w Rakowie\n================\n\nSołtys zaprasza\n---\n\nTekst.\n";
    let (m, title) = read(src);
    assert_eq!(
        m.as_str(),
        "Festyn w Rakowie\n\n\nSołtys zaprasza\n\n\nTekst.\n"
    );
    assert_eq!(title.as_deref(), Some("Sołtys zaprasza"));
    let page = crate::html::PageRules::embedded().unwrap();
    let (_, title) = read_titled(src, &page);
    assert_eq!(title.as_deref(), Some("Festyn w Rakowie"));
    assert_eq!(span(&m, "Sołtys zaprasza"), 35..51);
    assert_eq!(span(&m, "Tekst."), 57..63);
}

#[test]
fn reference_links_keep_their_text_and_drop_the_definition() {
    let src = "Umowę podpisał [wójt gminy][1] w piątek.\n\n[1]: https://example.org/wojt \"Wójt\"\n\nDalej.\n";
    let (m, _) = read(src);
    assert_eq!(
        m.as_str(),
        "Umowę podpisał wójt gminy w piątek.\n\n\n\nDalej.\n"
    );
    assert_eq!(span(&m, "wójt gminy"), 18..29);
    // A phrase across the link's markup covers the markup in the source.
    assert_eq!(span(&m, "wójt gminy w piątek"), 18..43);
    assert_eq!(span(&m, "Dalej."), 85..91);
}

#[test]
fn code_blocks_and_spans_keep_their_text() {
    let src = "Kod:\n\n```\nSELECT 1;\n```\n\n    wcięty kod\n\nKoniec `x = 2` tu.\n";
    let (m, _) = read(src);
    assert_eq!(
        m.as_str(),
        "Kod:\n\n\nSELECT 1;\n\n\nwcięty kod\n\nKoniec x = 2 tu.\n"
    );
    assert_eq!(span(&m, "SELECT 1;"), 10..19);
    assert_eq!(span(&m, "wcięty kod"), 29..40);
    assert_eq!(span(&m, "x = 2"), 50..55);
}

#[test]
fn emphasis_escapes_and_entities() {
    let src =
        "W **sobotę**, _15 czerwca_ 2024 r. *odbędzie się* ~~nie~~ festyn \\* ok &amp; dalej.\n";
    let (m, _) = read(src);
    assert_eq!(
        m.as_str(),
        "W sobotę, 15 czerwca 2024 r. odbędzie się nie festyn * ok & dalej.\n"
    );
    assert_eq!(span(&m, "sobotę"), 4..11);
    assert_eq!(span(&m, "15 czerwca"), 16..26);
    assert_eq!(span(&m, "15 czerwca 2024"), 16..32);
    assert_eq!(span(&m, "odbędzie się"), 37..51);
    assert_eq!(span(&m, "* ok"), 69..73);
    // A decoded entity maps to the whole entity.
    assert_eq!(span(&m, "&"), 74..79);
}

#[test]
fn inline_html_goes_and_html_blocks_are_read_as_html() {
    let src = "Zebranie<br>w środę o <span class=\"x\">17:00</span> w sali.\n\n<div class=\"info\">\n<p>Blok HTML: 5 000 zł</p>\n</div>\n\nPo bloku.\n";
    let (m, _) = read(src);
    let t = m.as_str();
    assert!(t.starts_with("Zebranie w środę o 17:00 w sali.\n"), "{t:?}");
    assert!(t.contains("\nBlok HTML: 5 000 zł\n"), "{t:?}");
    assert!(t.ends_with("\nPo bloku.\n"), "{t:?}");
    assert!(!t.contains('<') && !t.contains("class"), "{t:?}");
    assert_eq!(span(&m, "w środę"), 12..21);
    assert_eq!(span(&m, "17:00"), 40..45);
    assert_eq!(span(&m, "5 000 zł"), 95..104);
    assert_eq!(span(&m, "Po bloku."), 117..126);
    assert_maps(&m, src);
}

#[test]
fn table_cells_are_words_rows_are_lines() {
    let src = "| Zadanie | Kwota |\n|---|---:|\n| Droga | 1 200 zł |\n| Most | 300 zł |\n";
    let (m, _) = read(src);
    assert_eq!(m.as_str(), "Zadanie Kwota\n\nDroga 1 200 zł\nMost 300 zł\n");
    assert_eq!(span(&m, "Kwota"), 12..17);
    assert_eq!(span(&m, "1 200 zł"), 41..50);
    assert_eq!(span(&m, "Most"), 55..59);
    assert_maps(&m, src);
}

#[test]
fn hard_breaks_crlf_and_quotes() {
    let src = "Linia  \ntwarda\\\nkoniec\r\nCRLF\r\n> cytat **mocny**\n> dalej\n";
    let (m, _) = read(src);
    assert_eq!(
        m.as_str(),
        "Linia\ntwarda\nkoniec\nCRLF\ncytat mocny\ndalej\n"
    );
    assert_eq!(span(&m, "twarda"), 8..14);
    assert_eq!(span(&m, "\nkoniec"), 15..22);
    assert_eq!(span(&m, "CRLF"), 24..28);
    assert_eq!(span(&m, "mocny"), 40..45);
    assert_eq!(span(&m, "dalej"), 50..55);
    assert_maps(&m, src);
}

#[test]
fn the_first_hash_heading_is_the_title_unless_it_names_the_site() {
    let page = crate::html::PageRules::embedded().unwrap();
    let (_, t) = read_titled("# Nowa **droga** w `Oksie`\n\n## Galeria\n\ntekst", &page);
    assert_eq!(t.as_deref(), Some("Nowa droga w Oksie"));
    let (_, t) = read_titled("# GMINA RAKÓW\n\n## Festyn w Rakowie\n\ntekst", &page);
    assert_eq!(t.as_deref(), Some("Festyn w Rakowie"));
    let (_, t) = read_titled("### Drobne\n\ntekst bez nagłówka", &page);
    assert_eq!(t, None);
}

#[test]
fn markup_goes_text_stays() {
    let src = "# Gmina X\n\n[Strona](/) | [Kontakt](/k)\n\n## Tytuł\n\n**W sobotę, 15 czerwca 2024 r.** tekst\n---\n> cytat";
    let (m, title) = read(src);
    assert_eq!(title.as_deref(), Some("Tytuł"));
    let t = m.as_str();
    assert!(t.contains("Strona | Kontakt"), "{t:?}");
    assert!(t.contains("W sobotę, 15 czerwca 2024 r. tekst"));
    assert!(!t.contains('#') && !t.contains("---") && !t.contains('>') && !t.contains('/'));
    let at = t.find("15 czerwca").unwrap();
    assert_eq!(&src[m.source_span(at..at + 10)], "15 czerwca");
}
