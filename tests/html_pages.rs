//! The HTML reader on page shapes of Polish municipal sites (our own small pages, written
//! in the structure those CMSs use): the release is read, chrome is not, and the title is
//! the release's headline.

use komunikat::html::{read, Page, PageRules};
use std::sync::OnceLock;

fn rules() -> &'static PageRules {
    static R: OnceLock<PageRules> = OnceLock::new();
    R.get_or_init(|| PageRules::embedded().expect("embedded page rules load"))
}

fn page(src: &str) -> Page {
    let p = read(src, rules());
    // Every character maps to source bytes on character boundaries.
    let t = p.text.as_str();
    for (i, c) in t.char_indices() {
        let s = p.text.source_span(i..i + c.len_utf8());
        assert!(s.end <= src.len() && src.is_char_boundary(s.start) && src.is_char_boundary(s.end));
    }
    p
}

fn has(p: &Page, s: &str) -> bool {
    p.text.as_str().contains(s)
}

/// Joomla-like: `item-page`, headline in `page-header`, body in `itemprop="articleBody"`;
/// a side module headed "Najnowsze aktualności" with no class that says so.
#[test]
fn joomla_item_page_with_an_unmarked_news_module() {
    let src = r#"<!DOCTYPE html><html><head><title>Gmina Lipnik - Oficjalny serwis</title></head>
<body><div id="wrapper"><div class="row">
<div class="col-md-8"><div class="item-page">
<div class="page-header"><h2 itemprop="headline">Remont remizy w Słupczy zakończony</h2></div>
<dd class="published">Opublikowano: 12 września 2023</dd>
<div itemprop="articleBody"><p>W piątek 8 września 2023 r. wójt gminy Jan Kowalik odebrał wyremontowaną remizę.
Prace kosztowały 412 000 zł i objęły dach oraz elewację budynku.</p>
<p>Druhowie z Słupczy podziękowali radnym za wsparcie inwestycji, a gospodarze poczęstowali gości kawą.</p></div>
</div></div>
<div class="col-md-4"><div class="moduletable"><h3>Najnowsze aktualności</h3>
<ul><li><a href="/a1">Sesja Rady Gminy 28 sierpnia 2023</a></li>
<li><a href="/a2">Sołtys Anna Wrona zaprasza na festyn 2 września</a></li></ul></div></div>
</div></div></body></html>"#;
    let p = page(src);
    assert!(has(&p, "wójt gminy Jan Kowalik") && has(&p, "412 000 zł"));
    assert!(
        has(&p, "Opublikowano: 12 września 2023"),
        "{:?}",
        p.text.as_str()
    );
    assert!(!has(&p, "Najnowsze") && !has(&p, "Anna Wrona") && !has(&p, "28 sierpnia"));
    assert_eq!(
        p.title.as_deref(),
        Some("Remont remizy w Słupczy zakończony")
    );
}

/// WordPress-like: `article` with its own header (headline, date) and footer, a widget
/// sidebar, a page-level header with the site's name in `h1`.
#[test]
fn wordpress_article_keeps_its_own_header() {
    let src = r#"<html><head><meta property="og:title" content="Dzień Seniora w Bukowcu"><title>Dzień Seniora w Bukowcu – GMINA BUKOWIEC</title></head>
<body class="post-template has-sidebar">
<header id="masthead" class="site-header"><h1 class="site-title">GMINA BUKOWIEC</h1>
<nav class="main-navigation"><ul><li>Start</li><li>Urząd</li></ul></nav></header>
<div id="content" class="site-content">
<article class="post type-post">
<header class="entry-header"><h2 class="entry-title">Dzień Seniora w Bukowcu</h2>
<time datetime="2022-10-03">3 października 2022</time></header>
<div class="entry-content"><p>W sobotę 1 października 2022 r. burmistrz Ewa Lis spotkała się z seniorami w sali OSP.
Na poczęstunek gmina przeznaczyła 6 tys. zł z budżetu.</p></div>
<footer class="entry-footer">Kategoria: Seniorzy</footer>
</article>
<aside id="secondary" class="widget-area"><section class="widget"><h2>Ostatnie wpisy</h2>
<ul><li>Zastępca burmistrza Piotr Sowa o budżecie 2023</li></ul></section></aside>
</div>
<footer class="site-footer">© 2022 Gmina Bukowiec. Wszelkie prawa zastrzeżone.</footer>
</body></html>"#;
    let p = page(src);
    assert!(has(&p, "3 października 2022") && has(&p, "burmistrz Ewa Lis"));
    assert!(!has(&p, "Piotr Sowa") && !has(&p, "GMINA BUKOWIEC") && !has(&p, "© 2022"));
    assert!(!has(&p, "Start"));
    // The site's h1 is chrome: the title is og:title.
    assert_eq!(p.title.as_deref(), Some("Dzień Seniora w Bukowcu"));
}

/// An unclosed `<nav>` must not swallow the release: the headline closes it.
#[test]
fn unclosed_nav_does_not_drop_the_article() {
    let src = r#"<html><body>
<nav class="menu"><ul><li><a href="/">Strona główna</a></li><li><a href="/k">Kontakt</a></li></ul>
<div class="news"><h1>Nowy chodnik w Zalesiu</h1>
<p>Dnia 14 maja 2021 r. starosta Marek Nowik otworzył chodnik wzdłuż drogi powiatowej w Zalesiu.</p>
</div></body></html>"#;
    let p = page(src);
    assert!(has(&p, "starosta Marek Nowik"), "{:?}", p.text.as_str());
    assert!(!has(&p, "Kontakt"));
    assert_eq!(p.title.as_deref(), Some("Nowy chodnik w Zalesiu"));
    // Unclosed, and closed only by the end of the header around it.
    let src2 = r#"<html><body><header><h2 class="logo">Gmina Zalesie</h2><nav><ul><li>Start</li></ul>
</header><div class="container"><div class="tresc"><h1>Festyn w Zalesiu</h1>
<p>Wójt Gminy Zalesie Adam Lis zaprasza na festyn 20 czerwca 2021 r. na boisku szkolnym, gdzie wystąpią zespoły z całego powiatu.</p></div></div></body></html>"#;
    let p = page(src2);
    assert!(
        has(&p, "Adam Lis zaprasza") && !has(&p, "Start"),
        "{:?}",
        p.text.as_str()
    );
}

/// An old table layout with no semantic markup: the densest cell is the release.
#[test]
fn table_layout_densest_cell() {
    let src = r#"<html><body><table width="100%"><tr>
<td class="lewa"><a href="/1">Gmina</a><br><a href="/2">Rada</a><br><a href="/3">Ogłoszenia</a><br><a href="/4">Przetargi</a></td>
<td><b>Zebranie wiejskie w Brzozowie</b><p>W dniu 3 marca 2020 r. odbyło się zebranie wiejskie, na którym sołtys Zofia Kruk przedstawiła sprawozdanie z wydatków funduszu sołeckiego.</p>
<p>Mieszkańcy zdecydowali, że 24 500 zł z funduszu na 2021 rok trafi na oświetlenie ulicy.</p></td>
<td><a href="/x">Archiwum</a><br><a href="/y">Zarządzenie wójta 15/2020</a></td>
</tr></table></body></html>"#;
    let p = page(src);
    assert!(has(&p, "Zofia Kruk") && has(&p, "24 500 zł"));
    assert!(!has(&p, "Przetargi") && !has(&p, "Zarządzenie wójta"));
}

/// A list of other releases inside the release's own container, after it, is cut off;
/// cookie banners and page footers go, the publisher's address stays.
#[test]
fn related_list_in_the_same_container_cookie_banner_and_footer() {
    let src = r#"<html><body>
<div class="cookie-info">Ta strona używa ciasteczek. <button>Akceptuję</button></div>
<main><h1>Dotacja na kanalizację w Wólce</h1>
<p>Gmina Wólka otrzymała 1,2 mln zł dotacji na budowę kanalizacji. Umowę podpisał wójt Tomasz Bąk.</p>
<h4>Zobacz także</h4>
<p><a href="/z">Przewodniczący rady Jerzy Mak zwołuje sesję na 30 czerwca 2021</a></p>
</main>
<footer><p>Urząd Gminy Wólka, ul. Główna 1, 21-000 Wólka, tel. 81 000 00 00</p>
<p>Wszelkie prawa zastrzeżone 2021</p></footer></body></html>"#;
    let p = page(src);
    assert!(has(&p, "wójt Tomasz Bąk"));
    assert!(!has(&p, "Jerzy Mak") && !has(&p, "Zobacz także") && !has(&p, "ciasteczek"));
    assert!(
        has(&p, "Urząd Gminy Wólka, ul. Główna 1"),
        "{:?}",
        p.text.as_str()
    );
    assert!(!has(&p, "prawa zastrzeżone"));
}

/// Titles: the site's name is never the title; the page title loses the site's part.
#[test]
fn titles_are_headlines_not_site_names() {
    let src = r#"<html><head><title>Aktualności | Nabór wniosków o dotacje na wymianę pieców | Urząd Miasta Oleszno</title></head>
<body><div class="content"><h1>Aktualności</h1><p>Burmistrz Oleszna ogłasza nabór wniosków do 30 kwietnia 2024 r., a pula dotacji wynosi 300 tys. zł dla mieszkańców.</p></div></body></html>"#;
    assert_eq!(
        page(src).title.as_deref(),
        Some("Nabór wniosków o dotacje na wymianę pieców")
    );
    let src = r#"<html><head><title>GMINA RAKOWICE</title></head><body><article><h2>Sprawdź wiadomości z Gminy</h2><h3>Nowe boisko przy szkole</h3><p>Wójt oddał do użytku boisko wielofunkcyjne przy szkole podstawowej w Rakowicach.</p></article></body></html>"#;
    assert_eq!(page(src).title.as_deref(), Some("Nowe boisko przy szkole"));
}

/// Scripts, styles and comments are never text; entities map back to their markup.
#[test]
fn hidden_elements_and_entities() {
    let src = "<html><body><script>var s = '<p>Wójt</p>';</script><style>p{}</style><!-- <p>stare</p> -->\
               <article><p>Sko&#322;oszowy &amp; Wola&nbsp;Dębowa &ndash; 5&nbsp;tys.&nbsp;zł</p></article></body></html>";
    let p = page(src);
    let t = p.text.as_str();
    assert!(
        t.contains("Skołoszowy & Wola\u{a0}Dębowa – 5\u{a0}tys.\u{a0}zł"),
        "{t:?}"
    );
    assert!(!t.contains("var") && !t.contains("stare") && !t.contains("p{}"));
    let at = t.find("Skołoszowy").unwrap();
    let span = p.text.source_span(at..at + "Skołoszowy".len());
    assert_eq!(&src[span], "Sko&#322;oszowy");
}

/// A voivodeship office's page whose date stands only at the end of its breadcrumb trail
/// (inside an unclosed menu, or in a block classed as a trail): the trail is read for
/// that date; a trail without a date, and the dated titles of a "Zobacz także" list,
/// are not.
#[test]
fn a_breadcrumb_trail_ending_with_a_date_is_read() {
    let in_menu = r#"<html><body><div id="top">Urząd Wojewódzki | <a href="/bip">BIP</a></div>
<nav class="menu"><a href="/">Start</a> <a href="/news">Aktualności</a>
<div class="path">Aktualnie znajdujesz się na: 14.03.2019</div>
<div id="content"><h1>Nowe wozy dla strażaków z trzech powiatów</h1>
<p>Wojewoda Adam Nowacki przekazał w czwartek kluczyki do czterech wozów bojowych jednostkom
ochotniczych straży pożarnych. Samochody kosztowały razem 3,2 mln zł.</p></div>
<div class="news-list"><h3>Zobacz także</h3><ul><li><a href="/n/1">Odprawa służb (12.03.2019)</a></li></ul></div>
</body></html>"#;
    let p = page(in_menu);
    assert!(
        has(&p, "Aktualnie znajdujesz się na: 14.03.2019"),
        "{:?}",
        p.text.as_str()
    );
    assert!(has(&p, "Wojewoda Adam Nowacki") && !has(&p, "12.03.2019"));
    let t = p.text.as_str();
    assert!(
        t.find("14.03.2019") < t.find("Wojewoda"),
        "the trail stays above the release"
    );

    let classed = r#"<html><body><div class="breadcrumb-wrap"><a href="/">Start</a> » <a href="/a">Aktualności</a> » 05.11.2024</div>
<article><h1>Drogowcy skończyli remont mostu w Lubczy</h1>
<p>Most na rzece Wisłoce znowu jest przejezdny. Remont prowadził Zarząd Dróg Powiatowych,
a prace odebrał starosta Marek Wrona razem z wójtem gminy.</p></article></body></html>"#;
    let p = page(classed);
    assert!(
        has(&p, "05.11.2024") && has(&p, "starosta Marek Wrona"),
        "{:?}",
        p.text.as_str()
    );

    let undated = classed.replace(" » 05.11.2024", " » Drogi");
    let p = page(&undated);
    assert!(!has(&p, "Drogi") && !has(&p, "Aktualności") && has(&p, "starosta Marek Wrona"));
}
