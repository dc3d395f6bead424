//! Markdown reader: the text of a markdown release without its markup, mapped back.
//!
//! Headings, emphasis, block quotes, table rules and link targets are markup; link and
//! image texts are kept. Line structure is kept so paragraphs stay paragraphs.

use crate::text::{Builder, Mapped};

/// Reads markdown `src` into text mapped onto `src`, with the first level-2 heading as
/// title, else the first level-1 heading.
pub fn read(src: &str) -> (Mapped, Option<String>) {
    let (text, [h1, h2]) = read_headings(src);
    (text, h2.or(h1))
}

/// Reads markdown `src` into text mapped onto `src`, with the release's title: its first
/// `#` heading, unless that names the site (`# Gmina X`), then its first `##`.
pub fn read_titled(src: &str, page: &crate::html::PageRules) -> (Mapped, Option<String>) {
    let (text, [h1, h2]) = read_headings(src);
    let h1 = h1.filter(|t| !page.is_site_title(t));
    (text, h1.or(h2))
}

/// The text and the first level-1 and level-2 headings.
fn read_headings(src: &str) -> (Mapped, [Option<String>; 2]) {
    let mut out = Builder::with_capacity(src.len());
    let mut headings: [Option<String>; 2] = [None, None];
    let mut line_start = 0;
    for line in src.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let mut i = line_start;
        let end = line_start + body.len();
        let trimmed = body.trim_start();
        i += body.len() - trimmed.len();
        if is_rule(trimmed) {
            push_newline(&mut out, line, line_start, end);
            line_start += line.len();
            continue;
        }
        // Block markers at the start of the line: headings and quotes.
        let mut level = 0;
        let bytes = src.as_bytes();
        while i < end && bytes[i] == b'#' {
            i += 1;
            level += 1;
        }
        if level > 0 && i < end && bytes[i] == b' ' {
            i += 1;
            let t = clean_inline(&src[i..end]);
            if level <= 2 && !t.is_empty() {
                headings[level - 1].get_or_insert(t);
            }
        }
        while i < end && (bytes[i] == b'>') {
            i += 1;
            while i < end && bytes[i] == b' ' {
                i += 1;
            }
        }
        inline(src, i, end, &mut out);
        push_newline(&mut out, line, line_start, end);
        line_start += line.len();
    }
    (out.finish(), headings)
}

fn push_newline(out: &mut Builder, line: &str, line_start: usize, end: usize) {
    if line.ends_with('\n') {
        out.push_char('\n', end..line_start + line.len());
    }
}

/// A thematic break or a table's header rule: only `-`, `*`, `_`, `|`, `:` and spaces.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.chars()
            .all(|c| matches!(c, '-' | '*' | '_' | '|' | ':' | ' '))
        && t.chars()
            .filter(|&c| c == '-' || c == '*' || c == '_')
            .count()
            >= 3
}

/// Copies `src[i..end]` without inline markup: `**`, `*`, `` ` ``, link targets.
fn inline(src: &str, mut i: usize, end: usize, out: &mut Builder) {
    let b = src.as_bytes();
    while i < end {
        let c = b[i];
        match c {
            b'*' | b'`' => i += 1,
            b'_' if is_emphasis_underscore(b, i, end) => i += 1,
            b'!' if i + 1 < end && b[i + 1] == b'[' => i += 1,
            b'[' => i += 1,
            b']' if i + 1 < end && b[i + 1] == b'(' => {
                // Drop the link target "(...)".
                match src[i + 1..end].find(')') {
                    Some(k) => i = i + 1 + k + 1,
                    None => i += 1,
                }
            }
            b']' => i += 1,
            b'|' => {
                out.push_char(' ', i..i + 1);
                i += 1;
            }
            b'\\' if i + 1 < end && b[i + 1].is_ascii_punctuation() => i += 1,
            _ => {
                let ch = src[i..].chars().next().unwrap_or(' ');
                out.push_char(ch, i..i + ch.len_utf8());
                i += ch.len_utf8();
            }
        }
    }
}

fn is_emphasis_underscore(b: &[u8], i: usize, end: usize) -> bool {
    let before = i == 0 || !b[i - 1].is_ascii_alphanumeric();
    let after = i + 1 >= end || !b[i + 1].is_ascii_alphanumeric();
    before || after
}

fn clean_inline(s: &str) -> String {
    let mut b = Builder::default();
    inline(s, 0, s.len(), &mut b);
    b.finish().as_str().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_hash_heading_is_the_title_unless_it_names_the_site() {
        let page = crate::html::PageRules::embedded().unwrap();
        let (_, t) = read_titled("# Nowa droga w Oksie\n\n## Galeria\n\ntekst", &page);
        assert_eq!(t.as_deref(), Some("Nowa droga w Oksie"));
        let (_, t) = read_titled("# GMINA RAKÓW\n\n## Festyn w Rakowie\n\ntekst", &page);
        assert_eq!(t.as_deref(), Some("Festyn w Rakowie"));
    }

    #[test]
    fn markup_goes_text_stays() {
        let src = "# Gmina X\n\n[Strona](/) | [Kontakt](/k)\n\n## Tytuł\n\n**W sobotę, 15 czerwca 2024 r.** tekst\n---\n> cytat";
        let (m, title) = read(src);
        assert_eq!(title.as_deref(), Some("Tytuł"));
        let t = m.as_str();
        assert!(t.contains("Strona   Kontakt"), "{t:?}");
        assert!(t.contains("W sobotę, 15 czerwca 2024 r. tekst"));
        assert!(!t.contains('#') && !t.contains("---") && !t.contains('>'));
        let at = t.find("15 czerwca").unwrap();
        assert_eq!(&src[m.source_span(at..at + 10)], "15 czerwca");
    }
}
