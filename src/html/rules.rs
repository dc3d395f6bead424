//! The page rules of `rules/html/page.toml`: which class names and ids mark chrome or the
//! release, which headings open lists of other releases, which titles name the site.

use crate::error::RuleError;
use crate::rules::RuleFiles;
use regex::Regex;

const FILE: &str = "html/page.toml";

/// The compiled page rules.
#[derive(Debug, Clone)]
pub struct PageRules {
    chrome_word: Regex,
    content_word: Regex,
    related_heading: Regex,
    site_title: Regex,
    not_title: Regex,
    publisher_line: Regex,
    trail_word: Regex,
    trail_line: Regex,
    trail_date: Regex,
}

impl PageRules {
    /// Reads and compiles `html/page.toml`; an error names the file and the pattern's line.
    pub fn load(files: &RuleFiles) -> Result<PageRules, RuleError> {
        let p = files.patterns_only(FILE, &[])?;
        // Class names and ids are matched whole.
        let whole = |name: &str| -> Result<Regex, RuleError> {
            p.compile(name, &format!("^(?:{})$", p.get(name)?), 16 << 20)
        };
        Ok(PageRules {
            chrome_word: whole("ChromeWord")?,
            content_word: whole("ContentWord")?,
            related_heading: p.regex("RelatedHeading")?,
            site_title: p.regex("SiteTitle")?,
            not_title: p.regex("NotTitle")?,
            publisher_line: p.regex("PublisherLine")?,
            trail_word: whole("TrailWord")?,
            trail_line: p.regex("TrailLine")?,
            trail_date: p.regex("TrailDate")?,
        })
    }

    /// The rules built into the binary.
    pub fn embedded() -> Result<PageRules, RuleError> {
        PageRules::load(&RuleFiles::embedded())
    }

    /// `word` (a lowered class name or id) marks chrome.
    pub fn is_chrome_word(&self, word: &str) -> bool {
        self.chrome_word.is_match(word)
    }

    /// `word` (a lowered class name or id) marks the release.
    pub fn is_content_word(&self, word: &str) -> bool {
        self.content_word.is_match(word)
    }

    /// `text` heads a list of other releases.
    pub fn is_related_heading(&self, text: &str) -> bool {
        self.related_heading.is_match(text)
    }

    /// `text` (a block of a footer) gives the publisher's address or contact.
    pub fn is_publisher_line(&self, text: &str) -> bool {
        self.publisher_line.is_match(text)
    }

    /// A block with these class names or ids (`words`, lowered) and this text is a
    /// breadcrumb trail that ends with a date: read though it is chrome.
    pub fn is_dated_trail(&self, words: &str, text: &str) -> bool {
        (words
            .split_whitespace()
            .any(|w| self.trail_word.is_match(w))
            || self.trail_line.is_match(text))
            && self.trail_date.is_match(text)
    }

    /// `text` names the site, not a release.
    pub fn is_site_title(&self, text: &str) -> bool {
        self.site_title.is_match(text.trim())
    }

    /// `line` (a line of a plain-text page) is a breadcrumb, a menu, a date line or the
    /// site's name, never its title.
    pub fn is_not_title(&self, line: &str) -> bool {
        self.not_title.is_match(line.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `test` holds for every text of `yes` and for none of `no`.
    fn sorts(test: impl Fn(&str) -> bool, yes: &[&str], no: &[&str]) {
        for t in yes {
            assert!(test(t), "{t}");
        }
        for t in no {
            assert!(!test(t), "{t}");
        }
    }

    #[test]
    fn words_headings_and_site_titles() {
        let r = PageRules::embedded().unwrap();
        sorts(
            |w| r.is_chrome_word(w),
            &[
                "sidebar",
                "breadcrumbs",
                "cookie-bar",
                "latest-news",
                "main-menu",
            ],
            &["has-sidebar-left", "news-full", "container", "row"],
        );
        assert!(r.is_content_word("news-full") && r.is_content_word("tresc"));
        assert!(r.is_related_heading("Najnowsze aktualności"));
        assert!(r.is_related_heading("Zobacz także:"));
        assert!(!r.is_related_heading("Nowa droga w Wojtaszycach"));
        sorts(
            |t| r.is_site_title(t),
            &[
                "GMINA RAKÓW",
                "Sprawdź wiadomości z Gminy",
                "Urząd Gminy w Oksie",
                "Aktualności",
            ],
            &[
                "Gmina Baranów otrzymała czeki",
                "Nowa droga do Wojtaszyc otwarta",
            ],
        );
    }

    #[test]
    fn lines_that_are_no_title() {
        // A Unicode word boundary makes the lazy DFA give up on Polish letters and every
        // line goes through the PikeVM (it cost 100 K instructions a release).
        let p = RuleFiles::embedded().patterns(FILE, &[]).unwrap();
        assert!(!p.has_unicode_word_boundary("NotTitle"));
        let r = PageRules::embedded().unwrap();
        sorts(
            |t| r.is_not_title(t),
            &[
                "Aktualności / Inwestycje i fundusze",
                "Strona główna \" Sołectwa \" Owczary",
                "Jesteś tutaj: Start > Aktualności",
                "[Strona główna] [Aktualności] [Kontakt]",
                "12.06.2024",
                "Gmina Krasne - serwis informacyjny",
                "Powiat Staszowski - oficjalny serwis",
                "powiat opolski | województwo opolskie",
                "Jabłonna Pierwsza, gmina Jabłonna, powiat lubelski",
                "Gmina Dobra (powiat limanowski)",
                "Gmina Płaska - Serce Puszczy Augustowskiej",
                "GOPS Gorzyce",
                "WFOŚiGW w Rzeszowie",
                "BIP Urząd Gminy Sobków",
                "Świętokrzyski Urząd Wojewódzki w Kielcach",
                "Dobra, 29.08.2023",
                "Sobków, dnia 17 czerwca 2024 r.",
                "Wersja do druku",
                "A A A Kontrast",
                "Aktualności Wojewoda Urząd Załatw sprawę Bezpieczeństwo Kontakt",
                "Region Urząd Fundusze Europejskie Kultura Edukacja",
            ],
            &[
                "Otwarcie przebudowanej drogi Dobra - Wojtaszyce",
                "Gmina Baranów otrzymała czeki",
                "Nowy wóz bojowy dla OSP Głowaczowa",
                "GOPS informuje - Wigilia dla seniorów za nami",
                "Dożynki Miasta i Gminy Osiek 2022",
                "Ponad 11,2 mln zł z RFRD dla Kielc i powiatu kieleckiego",
                "ZAWIADOMIENIE",
                "Dzień Gminy Kije",
            ],
        );
    }

    #[test]
    fn a_pattern_that_does_not_compile_names_the_file() {
        let files = RuleFiles::embedded().with_file(
            FILE,
            "[patterns]\nChromeWord = 'nav'\nContentWord = '('\nRelatedHeading = 'x'\nSiteTitle = 'y'\nPublisherLine = 'z'\n",
        );
        let e = PageRules::load(&files).unwrap_err().to_string();
        assert!(e.contains("html/page.toml:3"), "{e}");
    }
}
