//! The readable text of a release with every fact highlighted, nested spans drawn one
//! under another (as displaCy's span style draws them).
//!
//! [`readable`] is the one place the review site reads a release: it re-reads the source,
//! decodes it and runs the pipeline's reader ([`crate::pipeline::read_view`]), so that a
//! change of readers is seen here without a second copy.

use super::facts::{tooltip, Fact};
use crate::error::InputError;
use crate::pipeline::RuleSet;
use crate::text::Mapped;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

/// A release as a reader sees it: the decoded source and its readable text, each byte of
/// which maps back into the source.
#[derive(Debug)]
pub struct Readable {
    /// The decoded source: what the records' byte offsets count in.
    pub source: String,
    /// The encoding it was decoded from, as the records name it.
    pub encoding: &'static str,
    /// The readable text (for HTML: without markup), mapped onto `source`.
    pub view: Mapped,
}

/// Reads, decodes and reads the release at `path` as the pipeline does (with the page
/// rules of `rules`).
pub fn readable(rules: &RuleSet, path: &Path) -> Result<Readable, InputError> {
    let src = crate::pipeline::read_source(path, None)?;
    let (view, _title) = crate::pipeline::read_view(rules, src.format, &src.decoded.text);
    Ok(Readable {
        source: src.decoded.text,
        encoding: src.decoded.encoding,
        view,
    })
}

/// For each character of the view: its byte range in the view and in the source.
fn char_sources(view: &Mapped) -> Vec<(Range<usize>, Range<usize>)> {
    let mut cursor = view.cursor();
    view.as_str()
        .char_indices()
        .map(|(i, c)| {
            let n = c.len_utf8();
            (i..i + n, cursor.char_source(i, n))
        })
        .collect()
}

/// The stretch of the view whose characters come from inside `span` of the source.
fn view_range(chars: &[(Range<usize>, Range<usize>)], span: &Range<usize>) -> Option<Range<usize>> {
    let inside =
        |s: &Range<usize>| span.start <= s.start && s.end <= span.end && s.start < span.end;
    let first = chars.iter().find(|(_, s)| inside(s))?;
    let last = chars.iter().rev().find(|(_, s)| inside(s))?;
    Some(first.0.start..last.0.end.max(first.0.start))
}

/// The highlighted text: `html` for the text (to go inside an element that keeps line
/// breaks), `missing` for facts no character of the view comes from (shown apart, so
/// that every fact still has its element).
#[derive(Debug, Default)]
pub struct Highlighted {
    /// The readable text as escaped HTML, each fact a `<mark>` element.
    pub html: String,
    /// The `<mark>` elements of the facts the readable text does not hold (only in markup).
    pub missing: String,
}

/// Escaped text, runs of blank lines shown as one (pages and banners leave many).
fn push_text(out: &mut String, s: &str) {
    static BLANKS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let blanks = BLANKS.get_or_init(|| {
        regex::Regex::new(r"\n[ \t\r]*\n(?:[ \t\r]*\n)+").unwrap_or_else(|e| unreachable!("{e}"))
    });
    out.push_str(&text(&blanks.replace_all(s, "\n\n")));
}

/// One highlighted fact's opening tag.
pub fn mark_open(out: &mut String, doc: &str, f: &Fact<'_>, depth: usize) {
    let _ = write!(
        out,
        "<mark class=\"f k-{kind} d{d}\" tabindex=\"0\" data-kind=\"{kind}\" data-start=\"{s}\" \
         data-end=\"{e}\" data-doc=\"{doc}\" data-value=\"{value}\" title=\"{tip}\">",
        kind = f.kind,
        d = depth.min(5),
        s = f.start,
        e = f.end,
        doc = attr(doc),
        value = attr(&f.value),
        tip = attr(&tooltip(f)),
    );
}

/// Draws `facts` (sorted by start, longer first) over the readable text. Facts that cross
/// another's end are cut at that end, so that every fact is one element.
pub fn highlight(doc: &str, view: &Mapped, facts: &[Fact<'_>]) -> Highlighted {
    let chars = char_sources(view);
    let t = view.as_str();
    let mut placed: Vec<(Range<usize>, &Fact<'_>)> = Vec::new();
    let mut out = Highlighted::default();
    for f in facts {
        match view_range(&chars, &(f.start..f.end)) {
            Some(r) => placed.push((r, f)),
            None => {
                mark_open(&mut out.missing, doc, f, 0);
                let _ = write!(out.missing, "{}</mark> ", text(f.text));
            }
        }
    }
    placed.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut open: Vec<usize> = Vec::new(); // the ends of the open elements
    let mut pos = 0;
    let html = &mut out.html;
    for (r, f) in placed {
        while let Some(&end) = open.last() {
            if end > r.start {
                break;
            }
            push_text(html, &t[pos..end]);
            html.push_str("</mark>");
            pos = end;
            open.pop();
        }
        push_text(html, &t[pos..r.start]);
        pos = r.start;
        let end = open.last().map_or(r.end, |&outer| r.end.min(outer));
        mark_open(html, doc, f, open.len());
        open.push(end);
    }
    while let Some(end) = open.pop() {
        push_text(html, &t[pos..end]);
        html.push_str("</mark>");
        pos = end;
    }
    push_text(html, &t[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::facts::facts;

    fn count(s: &str, what: &str) -> usize {
        s.matches(what).count()
    }

    #[test]
    fn nested_facts_are_nested_elements_and_text_is_escaped() {
        let src = "<p>Kierownik Ośrodka w Bogorii &amp; <b>x</b> <script>alert(1)</script></p>";
        let rules = RuleSet::embedded().expect("embedded rules load");
        let view = crate::pipeline::read_view(&rules, crate::ingest::Format::Html, src).0;
        let s = src.find("Kierownik").unwrap();
        let e = src.find(" &amp;").unwrap();
        let i = src.find("Ośrodka").unwrap();
        let a = src.find("alert").unwrap();
        let json = format!(
            r#"{{"officials":[{{"text":"","start":{s},"end":{e},"name":"<b>N</b>","role":"Kierownik"}}],
               "institutions":[{{"text":"","start":{i},"end":{e},"name":"Ośrodek w Bogorii"}}],
               "dates":[{{"text":"","start":{a},"end":{b},"value":"2019"}}]}}"#,
            b = a + 5
        );
        let doc: super::super::load::Record = serde_json::from_str(&json).unwrap();
        let h = highlight("d\"1", &view, &facts(&doc));
        assert_eq!(count(&h.html, "<mark"), 2, "{}", h.html);
        assert_eq!(count(&h.html, "</mark>"), 2);
        // The institution is inside the official's element, one level down.
        let off = h.html.find("data-kind=\"official\"").unwrap();
        let inst = h.html.find("data-kind=\"institution\"").unwrap();
        let close = h.html.find("</mark>").unwrap();
        assert!(off < inst && inst < close, "{}", h.html);
        assert!(h.html.contains("class=\"f k-institution d1\""));
        assert!(
            h.html.contains("data-value=\"&lt;b&gt;N&lt;/b&gt;\""),
            "{}",
            h.html
        );
        assert!(h.html.contains("data-doc=\"d&quot;1\""));
        assert!(
            h.html.contains("Ośrodka w Bogorii</mark></mark> &amp; x"),
            "{}",
            h.html
        );
        assert!(!h.html.contains("<script"));
        // A fact only in markup has no text in the view: it is listed apart.
        assert_eq!(count(&h.missing, "<mark"), 1);
    }

    #[test]
    fn blank_lines_shrink() {
        let mut s = String::new();
        push_text(&mut s, "a\n\n \n\n\t\nb\n\nc<");
        assert_eq!(s, "a\n\nb\n\nc&lt;");
    }

    #[test]
    fn crossing_facts_stay_one_element_each() {
        let src = "aaa bbb ccc";
        let view = Mapped::identity(src);
        let doc: super::super::load::Record = serde_json::from_str(
            r#"{"dates":[{"text":"aaa bbb","start":0,"end":7,"value":"1"},
                         {"text":"bbb ccc","start":4,"end":11,"value":"2"}]}"#,
        )
        .unwrap();
        let h = highlight("d", &view, &facts(&doc));
        assert_eq!(count(&h.html, "<mark"), 2);
        assert!(h.html.ends_with("bbb</mark></mark> ccc"), "{}", h.html);
    }
}
