//! Small pieces of HTML shared by the pages: the page shell, escaping, file names.

use html_escape::{encode_double_quoted_attribute, encode_text};
use std::borrow::Cow;

/// Text for an element's content.
pub fn t(s: &str) -> Cow<'_, str> {
    encode_text(s)
}

/// Text for a double-quoted attribute value.
pub fn a(s: &str) -> Cow<'_, str> {
    encode_double_quoted_attribute(s)
}

/// The file name of a record's page: the id, with `/`, `\` and control characters made
/// harmless (ids are file stems or event ids, so this rarely changes anything).
pub fn file_name(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let safe = if safe.is_empty() || safe.starts_with('.') {
        format!("_{safe}")
    } else {
        safe
    };
    format!("{safe}.html")
}

/// A relative link to a file name: every byte outside `A-Za-z0-9._-` percent-encoded
/// (ids may hold `#`, `?`, `%` or spaces).
pub fn href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A link to a document's page from a page `up` folders below `review/`.
pub fn doc_link(id: &str, up: &str) -> String {
    format!(
        "<a href=\"{up}documents/{}\">{}</a>",
        href(&file_name(id)),
        t(id)
    )
}

/// A link to an event's page.
pub fn event_link(id: &str, label: &str, up: &str) -> String {
    format!(
        "<a href=\"{up}events/{}\">{}</a>",
        href(&file_name(id)),
        t(label)
    )
}

/// A whole page: `up` is the way back to `review/` (`""` or `"../"`).
pub fn shell(title: &str, up: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"pl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} — komunikat</title>\n<link rel=\"stylesheet\" href=\"{up}review.css\">\n\
         </head>\n<body>\n<nav><a href=\"{up}index.html\">Events</a> \
         <a href=\"{up}documents.html\">Documents</a> <a href=\"{up}errors.html\">Errors</a> \
         <button type=\"button\" id=\"export\">Export corrections</button> \
         <span id=\"verdict-count\"></span></nav>\n<main>\n{body}\n</main>\n\
         <script src=\"{up}review.js\"></script>\n</body>\n</html>\n",
        title = t(title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_links_are_safe() {
        assert_eq!(file_name("001_ab"), "001_ab.html");
        assert_eq!(file_name("a/b#2"), "a_b#2.html");
        assert_eq!(file_name(".."), "_...html");
        assert_eq!(href("a b#2.html"), "a%20b%232.html");
        assert_eq!(href("łódź.html"), "%C5%82%C3%B3d%C5%BA.html");
        assert!(shell("<x>", "", "").contains("<title>&lt;x&gt; — komunikat</title>"));
        assert_eq!(
            doc_link("a\"<", "../"),
            "<a href=\"../documents/a%22%3C.html\">a\"&lt;</a>"
        );
    }
}
