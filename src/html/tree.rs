//! The page as a flat list of elements and text runs, from html5gum's tokens (a
//! WHATWG-compliant tokenizer with byte spans).
//!
//! No DOM is built: elements are kept in document (pre-)order with their parent, and each
//! run of text or line break knows the innermost element open around it. Mis-nesting is
//! repaired as the HTML tree builder does for what matters here: an end tag of a block
//! element closes everything opened inside it (so an unclosed `<nav>` ends with the
//! `</header>` around it); `<p>`, `<li>`, headings and table cells close their open
//! predecessor; an end tag with no open element of its name is ignored. Every step is
//! constant or amortised constant time, so any nesting depth reads in linear time.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::ops::Range;

/// No parent.
pub const NONE: u32 = u32::MAX;

/// How far up the stack a formatting end tag (`</b>`, `</span>`) looks for its element.
const INLINE_REACH: usize = 64;

/// One element, in document order.
#[derive(Debug, Clone)]
pub struct Element {
    pub name: Box<str>,
    pub parent: u32,
    /// The index of its last descendant (itself when it has none): its subtree is
    /// `index..=last`.
    pub last: u32,
    /// Its class names and id, lowered (space-separated).
    pub words: Box<str>,
    /// `role` attribute, lowered.
    pub role: Box<str>,
    /// `itemprop` attribute, lowered.
    pub itemprop: Box<str>,
    /// `property`/`name` and `content` of a `<meta>`.
    pub meta: Option<(Box<str>, Box<str>)>,
    /// Whether its end tag was seen (an element closed by the end of the page or by an
    /// ancestor's end tag was not).
    pub closed: bool,
    /// The source span of its start tag.
    pub tag: Range<usize>,
}

/// What a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// Text of the source (entities still to decode).
    Text,
    /// A line break made by a block element's tag (the span is the tag).
    Break,
    /// A space made by an image or another element between words.
    Space,
}

/// A stretch of readable text, or a break, with the innermost element around it.
#[derive(Debug, Clone)]
pub struct Run {
    pub kind: RunKind,
    pub span: Range<usize>,
    pub elem: u32,
    /// Inside an `<a>`.
    pub link: bool,
}

/// The tokenised page.
#[derive(Debug, Default)]
pub struct Tree {
    pub elements: Vec<Element>,
    pub runs: Vec<Run>,
    /// The text of `<title>` (decoded by the tokenizer).
    pub title: Option<String>,
}

/// Elements with no content and no end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
    )
}

/// Elements whose text is never read (raw text, scripts, forms' widgets, the head).
pub fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "object"
            | "select"
            | "button"
            | "head"
            | "math"
            | "canvas"
            | "title"
            | "textarea"
            | "noembed"
            | "noframes"
            | "xmp"
    )
}

/// Elements that start and end a line.
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "br"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "caption"
            | "summary"
            | "details"
            | "body"
            | "html"
            | "center"
            | "fieldset"
            | "menu"
            | "dialog"
            | "hgroup"
            | "search"
    )
}

/// Block elements whose end tag closes every element opened inside them (the tree
/// builder's "end tag whose tag name is one of address, article, aside, ...").
fn closes_inside(name: &str) -> bool {
    is_block(name) && !matches!(name, "br" | "hr" | "p" | "li" | "dd" | "dt")
}

/// Elements after which a `<p>`, a heading or a list item being open is closed.
fn closes_p(name: &str) -> bool {
    is_block(name) && !matches!(name, "br" | "body" | "html" | "td" | "th" | "tr")
}

/// Builds the tree of `src`.
pub fn build(src: &str) -> Tree {
    let mut b = TreeBuilder::default();
    // Everything sits in one root, so that text outside `<html>` has an element too.
    b.start(
        Element {
            name: "#document".into(),
            parent: NONE,
            last: 0,
            words: "".into(),
            role: "".into(),
            itemprop: "".into(),
            meta: None,
            closed: false,
            tag: 0..0,
        },
        false,
    );
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut in_title = false;
    let mut title = String::new();
    for Ok(token) in Tokenizer::new_with_emitter(src, emitter) {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |k: &str| {
                    tag.attributes
                        .get(k.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).to_lowercase())
                        .unwrap_or_default()
                };
                let mut words = attr("class");
                let id = attr("id");
                if !id.is_empty() {
                    words.push(' ');
                    words.push_str(&id);
                }
                let meta = (name == "meta").then(|| {
                    let key = [attr("property"), attr("name")]
                        .into_iter()
                        .find(|k| !k.is_empty())
                        .unwrap_or_default();
                    let content = tag
                        .attributes
                        .get(b"content".as_slice())
                        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
                        .unwrap_or_default();
                    (key.into_boxed_str(), content.into_boxed_str())
                });
                in_title = name == "title" && !tag.self_closing;
                let span = tag.span.start..tag.span.end;
                b.start(
                    Element {
                        name: name.into_boxed_str(),
                        parent: NONE,
                        last: 0,
                        words: words.into_boxed_str(),
                        role: attr("role").into_boxed_str(),
                        itemprop: attr("itemprop").into_boxed_str(),
                        meta,
                        closed: false,
                        tag: span,
                    },
                    tag.self_closing,
                );
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if name == "title" && in_title {
                    in_title = false;
                    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
                    if b.title.is_none() && !t.is_empty() {
                        b.title = Some(t);
                    }
                    title.clear();
                }
                b.end(&name, tag.span.start..tag.span.end);
            }
            Token::String(s) => {
                if in_title {
                    title.push_str(&String::from_utf8_lossy(&s.value));
                } else {
                    b.text(s.span.start..s.span.end);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    b.finish()
}

#[derive(Default)]
struct TreeBuilder {
    elements: Vec<Element>,
    runs: Vec<Run>,
    /// Open elements, innermost last.
    stack: Vec<u32>,
    /// How many elements of each name are open (names are few; a small vector).
    open: Vec<(Box<str>, usize)>,
    /// Open `<a>` elements.
    links: usize,
    /// Open hidden elements.
    hidden: usize,
    title: Option<String>,
}

impl TreeBuilder {
    fn open_count(&self, name: &str) -> usize {
        self.open
            .iter()
            .find(|(n, _)| &**n == name)
            .map_or(0, |(_, c)| *c)
    }

    fn count(&mut self, name: &str, up: bool) {
        match self.open.iter_mut().find(|(n, _)| &**n == name) {
            Some((_, c)) if up => *c += 1,
            Some((_, c)) => *c = c.saturating_sub(1),
            None if up => self.open.push((name.into(), 1)),
            None => {}
        }
    }

    fn top_name(&self) -> Option<&str> {
        self.stack.last().map(|&i| &*self.elements[i as usize].name)
    }

    fn start(&mut self, mut el: Element, self_closing: bool) {
        let name: &str = &el.name.clone();
        // Implied end tags: a new paragraph, list item, heading or cell closes the one
        // open before it; a block closes an open paragraph.
        if closes_p(name) {
            self.close_nearby(&["p"]);
        }
        match name {
            "li" => self.close_nearby(&["li"]),
            "dt" | "dd" => self.close_nearby(&["dt", "dd"]),
            "td" | "th" => self.close_nearby(&["td", "th"]),
            "tr" => self.close_nearby(&["tr", "td", "th"]),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if self
                    .top_name()
                    .is_some_and(|t| matches!(t, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
                {
                    self.pop();
                }
                // Navigation never holds the release: a headline closes an open menu.
                if name == "h1" {
                    self.close_open("nav");
                }
            }
            "main" | "article" => self.close_open("nav"),
            _ => {}
        }
        if is_block(name) {
            let at = el.tag.clone();
            self.brk(at);
        } else if matches!(name, "img" | "input" | "td" | "th") {
            let at = el.tag.clone();
            self.push_run(RunKind::Space, at);
        }
        let index = self.elements.len() as u32;
        el.parent = self.stack.last().copied().unwrap_or(NONE);
        el.last = index;
        let void = is_void(name) || self_closing && !is_hidden(name);
        self.elements.push(el);
        if !void {
            self.stack.push(index);
            self.count(name, true);
            if name == "a" {
                self.links += 1;
            }
            if is_hidden(name) {
                self.hidden += 1;
            }
        }
    }

    /// Closes the innermost open element named in `names` when no block boundary stands
    /// between it and the top of the stack (a search of at most `INLINE_REACH`).
    fn close_nearby(&mut self, names: &[&str]) {
        if names.iter().all(|n| self.open_count(n) == 0) {
            return;
        }
        let mut depth = None;
        for (k, &i) in self.stack.iter().rev().take(INLINE_REACH).enumerate() {
            let n = &*self.elements[i as usize].name;
            if names.contains(&n) {
                depth = Some(k);
                break;
            }
            if closes_inside(n) {
                break;
            }
        }
        if let Some(k) = depth {
            for _ in 0..=k {
                self.pop();
            }
        }
    }

    /// Closes the innermost open `name` and all open inside it, when one is open.
    fn close_open(&mut self, name: &str) {
        if self.open_count(name) == 0 {
            return;
        }
        while let Some(i) = self.pop() {
            if &*self.elements[i as usize].name == name {
                break;
            }
        }
    }

    /// Pops the innermost open element; its subtree ends here.
    fn pop(&mut self) -> Option<u32> {
        let i = self.stack.pop()?;
        let last = self.elements.len() as u32 - 1;
        let name = self.elements[i as usize].name.clone();
        self.elements[i as usize].last = last;
        self.count(&name, false);
        if &*name == "a" {
            self.links = self.links.saturating_sub(1);
        }
        if is_hidden(&name) {
            self.hidden = self.hidden.saturating_sub(1);
        }
        Some(i)
    }

    fn end(&mut self, name: &str, span: Range<usize>) {
        if self.open_count(name) == 0 {
            if name == "br" || name == "p" {
                // `</br>` and a stray `</p>` still end a line.
                self.brk(span);
            }
            return;
        }
        let reach = if closes_inside(name) || matches!(name, "p" | "li" | "dd" | "dt") {
            usize::MAX
        } else {
            INLINE_REACH
        };
        let Some(k) = self
            .stack
            .iter()
            .rev()
            .take(reach)
            .position(|&i| &*self.elements[i as usize].name == name)
        else {
            return;
        };
        for _ in 0..k {
            self.pop();
        }
        if let Some(i) = self.pop() {
            self.elements[i as usize].closed = true;
        }
        if is_block(name) {
            self.brk(span);
        }
    }

    fn brk(&mut self, span: Range<usize>) {
        if self.hidden == 0 {
            self.push_run(RunKind::Break, span);
        }
    }

    fn text(&mut self, span: Range<usize>) {
        if self.hidden == 0 && span.start < span.end {
            self.push_run(RunKind::Text, span);
        }
    }

    fn push_run(&mut self, kind: RunKind, span: Range<usize>) {
        let elem = self.stack.last().copied().unwrap_or(NONE);
        self.runs.push(Run {
            kind,
            span,
            elem,
            link: self.links > 0,
        });
    }

    fn finish(mut self) -> Tree {
        while self.pop().is_some() {}
        Tree {
            elements: self.elements,
            runs: self.runs,
            title: self.title,
        }
    }
}
