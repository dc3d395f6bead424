//! HTML reader: the readable text of a page, every byte mapped back into the markup.
//!
//! A single forward scan, no tree and no recursion, so that any nesting depth is safe.
//! `script`, `style`, `nav` and other non-content elements are dropped with what they
//! hold; block elements end a line; entities are decoded. The `<title>` is kept apart.

use crate::text::{Builder, Mapped};

/// Elements whose content is never readable text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "svg", "iframe", "object", "select",
    "button", "head", "math", "canvas",
];

/// Elements that start or end a line of text.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "summary",
    "details",
    "body",
    "html",
    "title",
];

/// What the reader found in a page.
pub struct Page {
    pub text: Mapped,
    pub title: Option<String>,
}

/// Reads `src` (decoded HTML) into text mapped onto `src`.
pub fn read(src: &str) -> Page {
    let bytes = src.as_bytes();
    let mut out = Builder::with_capacity(src.len() / 2);
    let mut title: Option<String> = None;
    let mut in_title = false;
    let mut title_buf = String::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                if src[i..].starts_with("<!--") {
                    i = find(src, i + 4, "-->").map_or(bytes.len(), |j| j + 3);
                    continue;
                }
                let Some(tag) = parse_tag(src, i) else {
                    // A lone '<' is text.
                    out.push_char('<', i..i + 1);
                    i += 1;
                    continue;
                };
                let name = tag.name.as_str();
                if name == "title" && !tag.closing {
                    in_title = true;
                } else if name == "title" && tag.closing {
                    in_title = false;
                    if title.is_none() && !title_buf.trim().is_empty() {
                        title = Some(title_buf.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                }
                if !tag.closing && !tag.self_closing && SKIP.contains(&name) && name != "head" {
                    i = skip_element(src, tag.end, name);
                    continue;
                }
                if BLOCK.contains(&name) && out.last_char().is_some_and(|c| c != '\n') {
                    out.push_char('\n', i..tag.end);
                } else if matches!(name, "img" | "input") {
                    // An image between words separates them.
                    if out.last_char().is_some_and(|c| !c.is_whitespace()) {
                        out.push_char(' ', i..tag.end);
                    }
                }
                i = tag.end;
            }
            b'&' => {
                let (decoded, len) = entity(&src[i..]);
                match decoded {
                    Some(s) => {
                        if in_title {
                            title_buf.push_str(&s);
                        } else {
                            out.push_str(&s, i..i + len);
                        }
                    }
                    None => {
                        if in_title {
                            title_buf.push('&');
                        } else {
                            out.push_char('&', i..i + 1);
                        }
                    }
                }
                i += len.max(1);
            }
            _ => {
                let c = src[i..].chars().next().unwrap_or('\u{FFFD}');
                let n = c.len_utf8();
                if in_title {
                    title_buf.push(c);
                } else {
                    out.push_char(c, i..i + n);
                }
                i += n;
            }
        }
    }
    Page {
        text: out.finish(),
        title,
    }
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    end: usize,
}

/// Parses a tag starting at `at` ('<'); `None` when it is not a tag.
fn parse_tag(src: &str, at: usize) -> Option<Tag> {
    let b = src.as_bytes();
    let mut i = at + 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let first = *b.get(i)?;
    if first == b'!' || first == b'?' {
        // Doctype, CDATA, processing instruction: skip to '>'.
        let end = src[i..].find('>').map_or(b.len(), |j| i + j + 1);
        return Some(Tag {
            name: String::from("!"),
            closing: false,
            self_closing: true,
            end,
        });
    }
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
        i += 1;
    }
    let name = src[name_start..i].to_ascii_lowercase();
    // Attributes: quoted values may hold '>'.
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => {
                let self_closing = i > 0 && b[i - 1] == b'/';
                return Some(Tag {
                    name,
                    closing,
                    self_closing,
                    end: i + 1,
                });
            }
            None => {}
        }
        i += 1;
    }
    Some(Tag {
        name,
        closing,
        self_closing: true,
        end: b.len(),
    })
}

/// Skips past the end tag of `name` (same-name nesting counted), from `from`.
fn skip_element(src: &str, from: usize, name: &str) -> usize {
    let raw_text = matches!(name, "script" | "style" | "template" | "noscript");
    let mut depth = 1usize;
    let mut i = from;
    while let Some(j) = src[i..].find('<').map(|j| i + j) {
        if raw_text {
            let rest = &src[j..];
            if rest.len() >= name.len() + 2
                && rest.as_bytes()[1] == b'/'
                && rest.as_bytes()[2..2 + name.len()].eq_ignore_ascii_case(name.as_bytes())
            {
                return src[j..].find('>').map_or(src.len(), |k| j + k + 1);
            }
            i = j + 1;
            continue;
        }
        if src[j..].starts_with("<!--") {
            i = find(src, j + 4, "-->").map_or(src.len(), |k| k + 3);
            continue;
        }
        match parse_tag(src, j) {
            Some(t) if t.name == name && !t.self_closing => {
                if t.closing {
                    depth -= 1;
                    if depth == 0 {
                        return t.end;
                    }
                } else {
                    depth += 1;
                }
                i = t.end;
            }
            Some(t) => i = t.end.max(j + 1),
            None => i = j + 1,
        }
    }
    src.len()
}

fn find(src: &str, from: usize, needle: &str) -> Option<usize> {
    src.get(from..)?.find(needle).map(|j| from + j)
}

/// Decodes the entity at the start of `s` ('&'): the text and how many bytes it took.
fn entity(s: &str) -> (Option<String>, usize) {
    let b = s.as_bytes();
    let mut j = 1;
    while j < b.len() && j < 40 && (b[j].is_ascii_alphanumeric() || b[j] == b'#') {
        j += 1;
    }
    if j < b.len() && b[j] == b';' && j > 1 {
        let ent = &s[..=j];
        let dec = html_escape::decode_html_entities(ent);
        if dec != ent {
            return (Some(dec.into_owned()), j + 1);
        }
    }
    (None, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_entities_and_spans() {
        let src = "<html><head><title>T&oacute;</title><script>var a='<p>';</script></head>\
                   <body><nav><ul><li>Menu</li></ul></nav><p>Gmina&nbsp;Koniusza <b>Wójt</b></p></body>";
        let page = read(src);
        assert_eq!(page.title.as_deref(), Some("Tó"));
        let t = page.text.as_str();
        assert!(t.contains("Gmina\u{a0}Koniusza Wójt"), "{t:?}");
        assert!(!t.contains("Menu") && !t.contains("var"));
        let at = t.find("Koniusza").unwrap();
        let span = page.text.source_span(at..at + "Koniusza Wójt".len());
        assert_eq!(&src[span], "Koniusza <b>Wójt");
        let nb = t.find('\u{a0}').unwrap();
        assert_eq!(&src[page.text.source_span(nb..nb + 2)], "&nbsp;");
    }

    #[test]
    fn deep_nesting_and_broken_markup_do_not_fail() {
        let deep = "<div>".repeat(200_000) + "tekst" + &"</div>".repeat(10);
        assert!(read(&deep).text.as_str().contains("tekst"));
        let broken = "<p a=\"x>y\">ok</p><nav><nav>a</nav>b</nav>c < d & e &#x;";
        let t = read(broken).text.as_str().to_string();
        assert!(
            t.contains("ok") && t.contains("c < d & e &#x;") && !t.contains('b'),
            "{t:?}"
        );
    }
}
