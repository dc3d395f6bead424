//! Markdown reader: the text of a markdown release without its markup, mapped back.
//!
//! The source is parsed by pulldown-cmark (CommonMark, with tables and strikethrough) and
//! read through its offset iterator: every text event is copied from its source range
//! character by character, so each byte of the text maps to the byte that made it.
//! Markup (heading and list markers, emphasis, link targets, reference definitions, fences,
//! table rules) is dropped; link, image and code texts are kept; inline HTML is dropped
//! (a `<br>` is a space) and an HTML block is read as HTML ([`crate::html::push_fragment`]).
//! Line structure is kept: every line break of the source between two texts is a line
//! break of the text, so paragraphs stay paragraphs. Table cells of a row are separated by
//! a space.

use crate::text::{Builder, Mapped};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

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

/// The text being written, with where the last copied source byte ended.
struct Reader<'a> {
    src: &'a str,
    out: Builder,
    /// The end of the source range of the last event read.
    pos: usize,
    /// The heading being read (its level, 1 or 2) and its text so far.
    heading: Option<(usize, String)>,
    headings: [Option<String>; 2],
}

/// The text and the first level-1 and level-2 headings.
fn read_headings(src: &str) -> (Mapped, [Option<String>; 2]) {
    let mut r = Reader {
        src,
        out: Builder::with_capacity(src.len()),
        pos: 0,
        heading: None,
        headings: [None, None],
    };
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut in_html_block = false;
    let mut first_cell = false;
    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                r.gap(range.start);
                crate::html::push_fragment(&mut r.out, src, range.clone());
                r.pos = range.end;
                in_html_block = true;
            }
            Event::End(TagEnd::HtmlBlock) => in_html_block = false,
            _ if in_html_block => {}
            Event::Start(Tag::Heading { level, .. }) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 0,
                };
                r.heading = (level > 0).then(|| (level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, t)) = r.heading.take() {
                    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !t.is_empty() {
                        r.headings[level - 1].get_or_insert(t);
                    }
                }
            }
            Event::Start(Tag::TableRow | Tag::TableHead) => first_cell = true,
            Event::Start(Tag::TableCell) => {
                if !first_cell {
                    r.separate(range.start);
                }
                first_cell = false;
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                r.text(&t, range)
            }
            Event::SoftBreak | Event::HardBreak => {
                let nl = src[range.clone()].rfind('\n').map(|k| range.start + k);
                r.gap(nl.unwrap_or(range.start));
                match nl {
                    Some(k) => r.out.push_char('\n', k..k + 1),
                    None => r.out.push_char('\n', range.clone()),
                }
                r.pos = range.end;
            }
            Event::InlineHtml(h) => {
                let tag = h.trim_start_matches('<').trim_start_matches('/');
                if tag.get(..2).is_some_and(|t| t.eq_ignore_ascii_case("br")) {
                    r.separate(range.start);
                }
                r.pos = r.pos.max(range.end);
            }
            _ => {}
        }
    }
    r.gap(src.len());
    (r.out.finish(), r.headings)
}

impl Reader<'_> {
    /// Writes the line breaks of the source between the last event read and `to`.
    fn gap(&mut self, to: usize) {
        if to <= self.pos {
            return;
        }
        let from = self.pos;
        for (k, b) in self.src.as_bytes()[from..to].iter().enumerate() {
            if *b == b'\n' {
                self.out.push_char('\n', from + k..from + k + 1);
            }
        }
        self.pos = to;
    }

    /// Writes the gap up to `at`, then a space (made by the markup at `at`) unless the text
    /// already ends in white space.
    fn separate(&mut self, at: usize) {
        self.gap(at);
        if self.out.last_char().is_some_and(|c| !c.is_whitespace()) {
            self.out.push_char(' ', at..at);
        }
    }

    /// Writes a text event: copied from its range where the source holds it (escapes and
    /// code spans hold it a little later than the range starts), else made from the range
    /// as a whole (an entity, whose decoded character may also occur in it: `&amp;`).
    fn text(&mut self, t: &str, range: Range<usize>) {
        if t.is_empty() {
            return;
        }
        self.gap(range.start);
        if let Some((_, h)) = &mut self.heading {
            h.push_str(t);
        }
        let raw = &self.src[range.clone()];
        let entity = raw != t && raw.starts_with('&') && raw.ends_with(';');
        match raw.find(t).filter(|_| !entity) {
            Some(k) => {
                let mut at = range.start + k;
                for c in t.chars() {
                    self.out.push_char(c, at..at + c.len_utf8());
                    at += c.len_utf8();
                }
            }
            None => self.out.push_str(t, range.clone()),
        }
        self.pos = self.pos.max(range.end);
    }
}

#[cfg(test)]
mod tests;
