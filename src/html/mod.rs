//! HTML reader: the readable text of a page's release, every byte mapped back into the
//! markup.
//!
//! The page is tokenised by html5gum (WHATWG tokenizer, byte spans) into elements and text
//! runs (`tree`); chrome (menus, sidebars, lists of other releases, page headers and
//! footers, cookie banners) is dropped and the release's own block chosen (`content`,
//! rules in `rules/html/page.toml`). Text is copied from the source span by span, entities
//! decoded, so every byte of the text maps to the source bytes it came from; block
//! elements end a line. The title is the release's headline (`title`).

mod content;
mod rules;
mod tree;

pub use rules::PageRules;

use crate::text::{Builder, Mapped};
use tree::RunKind;

/// What the reader found in a page.
pub struct Page {
    /// The release's readable text (chrome dropped), each byte mapped into the markup.
    pub text: Mapped,
    /// The release's headline, when the page has one.
    pub title: Option<String>,
}

/// Reads `src` (decoded HTML) into the release's text mapped onto `src`.
pub fn read(src: &str, rules: &PageRules) -> Page {
    let tree = tree::build(src);
    let choice = content::choose(&tree, src, rules);
    let mut out = Builder::with_capacity(src.len() / 2);
    for (run, &keep) in tree.runs.iter().zip(&choice.keep) {
        if !keep {
            continue;
        }
        push_run(&mut out, src, run.kind, run.span.clone());
    }
    let title = title(&tree, &choice, src, rules);
    Page {
        text: out.finish(),
        title,
    }
}

/// Appends the text of the HTML fragment `src[span]` (a markdown file's HTML block), every
/// run kept (no content choice), mapped onto `src`; block elements end a line.
pub fn push_fragment(out: &mut Builder, src: &str, span: std::ops::Range<usize>) {
    let Some(fragment) = src.get(span.clone()) else {
        return;
    };
    let tree = tree::build(fragment);
    for run in &tree.runs {
        let at = span.start + run.span.start..span.start + run.span.end;
        push_run(out, src, run.kind, at);
    }
}

/// Appends one run: its text, or a line break or space unless one is already there.
fn push_run(out: &mut Builder, src: &str, kind: RunKind, span: std::ops::Range<usize>) {
    match kind {
        RunKind::Text => push_text(out, src, span),
        RunKind::Break => {
            if out.last_char().is_some_and(|c| c != '\n') {
                out.push_char('\n', span);
            }
        }
        RunKind::Space => {
            if out.last_char().is_some_and(|c| !c.is_whitespace()) {
                out.push_char(' ', span);
            }
        }
    }
}

/// Copies `src[span]` with its entities decoded.
fn push_text(out: &mut Builder, src: &str, span: std::ops::Range<usize>) {
    let Some(text) = src.get(span.clone()) else {
        return;
    };
    let mut i = 0;
    while i < text.len() {
        let at = span.start + i;
        if text.as_bytes()[i] == b'&' {
            let (decoded, len) = entity(&text[i..]);
            match decoded {
                Some(s) => out.push_str(&s, at..at + len),
                None => out.push_char('&', at..at + 1),
            }
            i += len.max(1);
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            out.push_char(c, at..at + c.len_utf8());
            i += c.len_utf8();
        }
    }
}

/// The release's title: the headline (`<h1>`, or `itemprop="headline"`), else `og:title`, else the page's `<title>`
/// without the site's name, else the first heading read; never a title that names the
/// site ("GMINA RAKÓW", "Aktualności").
fn title(
    tree: &tree::Tree,
    choice: &content::Choice,
    src: &str,
    rules: &PageRules,
) -> Option<String> {
    let good =
        |t: &str| t.chars().filter(|c| c.is_alphanumeric()).count() >= 3 && !rules.is_site_title(t);
    let text_of = |e: u32| content::element_text(tree, src, e, choice.first_run[e as usize]);
    if let Some(h) = choice.headline {
        let t = text_of(h);
        if good(&t) {
            return Some(t);
        }
    }
    let marked = tree.elements.iter().enumerate().find_map(|(i, e)| {
        (&*e.itemprop == "headline" && !choice.dropped[i] && choice.first_run[i] != usize::MAX)
            .then(|| text_of(i as u32))
            .filter(|t| good(t))
    });
    if marked.is_some() {
        return marked;
    }
    let og = tree.elements.iter().find_map(|e| match &e.meta {
        Some((k, v)) if &**k == "og:title" => Some(v.to_string()),
        _ => None,
    });
    for t in og.iter().chain(tree.title.iter()) {
        if let Some(t) = without_site(t, &good) {
            return Some(t);
        }
    }
    tree.elements.iter().enumerate().find_map(|(i, e)| {
        let heading = matches!(&*e.name, "h2" | "h3" | "h4");
        if !heading || choice.dropped[i] || choice.first_run[i] == usize::MAX {
            return None;
        }
        let t = text_of(i as u32);
        (good(&t) && !rules.is_related_heading(&t)).then_some(t)
    })
}

/// A page title ("Headline - Site name") without the part that names the site.
fn without_site(title: &str, good: &dyn Fn(&str) -> bool) -> Option<String> {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut parts = vec![t.as_str()];
    for sep in [" | ", " - ", " – ", " — ", " :: ", " » ", " « "] {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .find(|p| good(p))
        .map(str::to_string)
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

    fn read(src: &str) -> Page {
        super::read(src, &PageRules::embedded().unwrap())
    }

    #[test]
    fn text_entities_and_spans() {
        let src = "<html><head><title>Tytuł &oacute;smy</title><script>var a='<p>';</script></head>\
                   <body><nav><ul><li>Menu</li></ul></nav><p>Gmina&nbsp;Koniusza <b>Wójt</b></p></body>";
        let page = read(src);
        assert_eq!(page.title.as_deref(), Some("Tytuł ósmy"));
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
