//! The release within a page: chrome marked, then the main content chosen as readability
//! and trafilatura do.
//!
//! 1. Chrome: `nav`, `aside`, `form`, `menu`, `dialog`; `header` and `footer` of the page
//!    (not of an article); roles navigation, banner, contentinfo, complementary, search;
//!    elements whose class or id is a chrome word of `rules/html/page.toml` (unless they
//!    hold most of the page's text: a `<body class="has-sidebar">` is not chrome); and a
//!    heading that opens a list of other releases ("Najnowsze aktualności") with what
//!    follows it in its container. Chrome is dropped with all it holds.
//! 2. The release: the element marked as the release (`article`, `main`, `role="main"`,
//!    `itemprop="articleBody"`, a content word as class or id) that holds the most text
//!    (the innermost of those holding nearly as much); without one, the densest block:
//!    each paragraph's text (links not counted) scores for its block, the block's parent
//!    and, half, its grandparent, and the best-scoring element wins.
//! 3. The page's headline (`<h1>`) is kept with the release: the release grows to the
//!    element holding both when that adds little text, or the headline is read as well.

use super::rules::PageRules;
use super::tree::{is_block, Element, RunKind, Tree, NONE};

/// Per-run verdict: read it or not; and the chosen root element, if any.
pub struct Choice {
    pub keep: Vec<bool>,
    /// The first `<h1>` that is not chrome.
    pub headline: Option<u32>,
    /// Elements dropped as chrome (with what they hold).
    pub dropped: Vec<bool>,
    /// The first run of each element's subtree (`usize::MAX`: none).
    pub first_run: Vec<usize>,
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn marks_release(e: &Element, rules: &PageRules) -> bool {
    matches!(&*e.name, "article" | "main")
        || &*e.role == "main"
        || &*e.itemprop == "articlebody"
        || e.words.split_whitespace().any(|w| rules.is_content_word(w))
}

/// Readable bytes of a run of source text: those that are not white space.
fn weight(src: &str, span: std::ops::Range<usize>) -> u64 {
    src.get(span).map_or(0, |s| {
        s.bytes().filter(|b| !b.is_ascii_whitespace()).count() as u64
    })
}

/// The text of an element (runs in its subtree), decoded roughly, for matching headings.
pub fn element_text(tree: &Tree, src: &str, e: u32, first_run: usize) -> String {
    let el = &tree.elements[e as usize];
    let mut s = String::new();
    for r in tree.runs.get(first_run..).unwrap_or_default() {
        if r.elem == NONE || r.elem < e || r.elem > el.last {
            break;
        }
        match r.kind {
            RunKind::Text => s.push_str(&html_escape::decode_html_entities(
                src.get(r.span.clone()).unwrap_or(""),
            )),
            RunKind::Break | RunKind::Space => s.push(' '),
        }
        if s.len() > 400 {
            break;
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Marks chrome and chooses the release.
pub fn choose(tree: &Tree, src: &str, rules: &PageRules) -> Choice {
    let n = tree.elements.len();
    let els = &tree.elements;
    // The first run of each element's subtree (runs and elements are in document order).
    let mut first_run = vec![usize::MAX; n];
    for (k, r) in tree.runs.iter().enumerate() {
        if r.elem != NONE && first_run[r.elem as usize] == usize::MAX {
            first_run[r.elem as usize] = k;
        }
    }
    for i in (0..n).rev() {
        let p = els[i].parent;
        if p != NONE {
            first_run[p as usize] = first_run[p as usize].min(first_run[i]);
        }
    }
    // Text weight per element's subtree (all runs), to guard chrome words.
    let mut total = vec![0u64; n];
    for r in &tree.runs {
        if r.elem != NONE && r.kind == RunKind::Text {
            total[r.elem as usize] += weight(src, r.span.clone());
        }
    }
    for i in (0..n).rev() {
        let p = els[i].parent;
        if p != NONE {
            total[p as usize] += total[i];
        }
    }
    let page_total: u64 = (0..n)
        .filter(|&i| els[i].parent == NONE)
        .map(|i| total[i])
        .sum::<u64>()
        .max(1);
    // Chrome, in document order (a parent comes before its children).
    let mut in_article = vec![false; n];
    let mut chrome = vec![false; n];
    for i in 0..n {
        let e = &els[i];
        let p = e.parent;
        let parent_article = p != NONE && in_article[p as usize];
        in_article[i] = parent_article || matches!(&*e.name, "article" | "main");
        chrome[i] = match &*e.name {
            "nav" | "aside" | "form" | "menu" | "dialog" => true,
            "header" | "footer" => !parent_article,
            "html" | "body" | "main" | "article" => false,
            _ => {
                matches!(
                    &*e.role,
                    "navigation" | "banner" | "contentinfo" | "complementary" | "search"
                ) || (!marks_release(e, rules)
                    && total[i] * 2 < page_total
                    && e.words.split_whitespace().any(|w| rules.is_chrome_word(w)))
            }
        };
    }
    // Headings that open lists of other releases: they and what follows them.
    let mut cut = vec![usize::MAX; n];
    for i in 0..n {
        let e = &els[i];
        if !is_heading(&e.name) || &*e.name == "h1" || chrome[i] || first_run[i] == usize::MAX {
            continue;
        }
        let p = e.parent;
        if p != NONE && cut[p as usize] != usize::MAX {
            continue;
        }
        let text = element_text(tree, src, i as u32, first_run[i]);
        if !rules.is_related_heading(&text) {
            continue;
        }
        chrome[i] = true;
        if p == NONE {
            continue;
        }
        let parent_last = els[p as usize].last as usize;
        for (j, sibling) in chrome
            .iter_mut()
            .enumerate()
            .take(parent_last + 1)
            .skip(e.last as usize + 1)
        {
            if els[j].parent == p {
                *sibling = true;
            }
        }
        cut[p as usize] = first_run[i];
    }
    let mut dropped = vec![false; n];
    for i in 0..n {
        let p = els[i].parent;
        dropped[i] = chrome[i] || (p != NONE && dropped[p as usize]);
    }
    let rescued = publisher_blocks(tree, src, rules, &chrome, &total, &first_run);
    let run_dropped = |k: usize| {
        let r = &tree.runs[k];
        r.elem != NONE
            && (dropped[r.elem as usize] || k >= cut[r.elem as usize])
            && !rescued.iter().any(|&(a, b)| a <= r.elem && r.elem <= b)
    };
    // Readable text of each subtree, without chrome: all of it, and what is not links.
    let mut good = vec![0u64; n];
    let mut score = vec![0u64; n];
    for (k, r) in tree.runs.iter().enumerate() {
        if r.elem == NONE || r.kind != RunKind::Text || run_dropped(k) {
            continue;
        }
        let w = weight(src, r.span.clone());
        if !r.link {
            good[r.elem as usize] += w;
            // The block that holds the run, its parent and (half) its grandparent.
            let mut b = r.elem;
            for _ in 0..32 {
                if is_block(&els[b as usize].name) || els[b as usize].parent == NONE {
                    break;
                }
                b = els[b as usize].parent;
            }
            score[b as usize] += 2 * w;
            let p = els[b as usize].parent;
            if p != NONE {
                score[p as usize] += 2 * w;
                let g = els[p as usize].parent;
                if g != NONE {
                    score[g as usize] += w;
                }
            }
        }
    }
    for i in (0..n).rev() {
        let p = els[i].parent;
        if p != NONE && !dropped[i] {
            good[p as usize] += good[i];
        }
    }
    let headline = (0..n).find(|&i| &*els[i].name == "h1" && !dropped[i] && good[i] > 0);
    let readable: u64 = (0..n)
        .filter(|&i| els[i].parent == NONE && !dropped[i])
        .map(|i| good[i])
        .sum();
    // The release: the marked element holding most text (the innermost of near ties) ...
    let marked: Vec<usize> = (0..n)
        .filter(|&i| !dropped[i] && marks_release(&els[i], rules))
        .collect();
    let most = marked.iter().map(|&i| good[i]).max().unwrap_or(0);
    let mut root = marked
        .iter()
        .copied()
        .filter(|&i| good[i] * 100 >= most * 85)
        .min_by_key(|&i| els[i].last as usize - i)
        .filter(|&i| good[i] >= 200 || good[i] * 5 >= readable * 2);
    // ... or the densest block.
    if root.is_none() {
        root = (0..n)
            .filter(|&i| !dropped[i] && score[i] > 0)
            .max_by_key(|&i| (score[i], std::cmp::Reverse(i)));
    }
    let mut include: Vec<(usize, usize)> = Vec::new();
    if let Some(r) = root {
        let mut r = r;
        if let Some(h) = headline {
            if !(r <= h && h <= els[r].last as usize) {
                let lca = common_ancestor(els, r, h);
                match lca {
                    Some(a) if good[a] * 2 <= good[r] * 3 + 800 => r = a,
                    _ => include.push((h, els[h].last as usize)),
                }
            }
        }
        include.push((r, els[r].last as usize));
    }
    let mut keep: Vec<bool> = tree
        .runs
        .iter()
        .enumerate()
        .map(|(k, run)| {
            if run_dropped(k) {
                return false;
            }
            if include.is_empty() {
                return true;
            }
            let e = run.elem as usize;
            run.elem != NONE
                && (include.iter().any(|&(a, b)| a <= e && e <= b)
                    || rescued.iter().any(|&(a, b)| a <= run.elem && run.elem <= b))
        })
        .collect();
    // Breadcrumb trails with a date, above the headline (or else the first text read).
    let above = headline
        .or_else(|| {
            (0..tree.runs.len())
                .find(|&k| {
                    let r = &tree.runs[k];
                    keep[k]
                        && r.kind == RunKind::Text
                        && r.elem != NONE
                        && weight(src, r.span.clone()) > 0
                })
                .map(|k| tree.runs[k].elem as usize)
        })
        .unwrap_or(n);
    for (a, b) in dated_trails(tree, src, rules, &total, &first_run, above) {
        // the runs of its subtree (elements `a..=b`) stand together from its first run
        for (k, run) in tree.runs.iter().enumerate().skip(first_run[a as usize]) {
            if run.elem == NONE || run.elem < a || run.elem > b {
                break;
            }
            keep[k] = true;
        }
    }
    Choice {
        keep,
        headline: headline.map(|h| h as u32),
        dropped,
        first_run,
    }
}

/// The blocks of the page's footer that give the publisher's address or contact (the
/// innermost short block whose text is a publisher line), as element ranges.
fn publisher_blocks(
    tree: &Tree,
    src: &str,
    rules: &PageRules,
    chrome: &[bool],
    total: &[u64],
    first_run: &[usize],
) -> Vec<(u32, u32)> {
    let els = &tree.elements;
    let n = els.len();
    let mut in_footer = vec![false; n];
    for i in 0..n {
        let e = &els[i];
        let footer = chrome[i]
            && (&*e.name == "footer"
                || &*e.role == "contentinfo"
                || e.words
                    .split_whitespace()
                    .any(|w| w.contains("footer") || w.contains("stopka")));
        in_footer[i] = footer || (e.parent != NONE && in_footer[e.parent as usize]);
    }
    let mut found: Vec<(u32, u32)> = Vec::new();
    let mut below = vec![false; n];
    for i in (0..n).rev() {
        if !in_footer[i] || first_run[i] == usize::MAX {
            continue;
        }
        let p = els[i].parent;
        if !below[i] && total[i] < 300 {
            let text = element_text(tree, src, i as u32, first_run[i]);
            if rules.is_publisher_line(&text) {
                found.push((i as u32, els[i].last));
                below[i] = true;
                if found.len() == 8 {
                    break;
                }
            }
        }
        if below[i] && p != NONE {
            below[p as usize] = true;
        }
    }
    found
}

/// The breadcrumb trails above the release (elements before `above`) that end with a
/// date (the innermost short block that is one), as element ranges: read though they are
/// chrome, for the release's own date.
fn dated_trails(
    tree: &Tree,
    src: &str,
    rules: &PageRules,
    total: &[u64],
    first_run: &[usize],
    above: usize,
) -> Vec<(u32, u32)> {
    let els = &tree.elements;
    let mut found: Vec<(u32, u32)> = Vec::new();
    for i in (0..above.min(els.len())).rev() {
        if first_run[i] == usize::MAX || total[i] >= 300 || (els[i].last as usize) >= above {
            continue;
        }
        // A trail is a block, or an element classed as one: the links and words of a menu
        // are not read one by one.
        if els[i].words.trim().is_empty() && !is_block(&els[i].name) {
            continue;
        }
        if found
            .iter()
            .any(|&(a, b)| i as u32 <= a && b <= els[i].last)
        {
            // holds a trail already found: the innermost is kept
            continue;
        }
        let text = element_text(tree, src, i as u32, first_run[i]);
        if rules.is_dated_trail(&els[i].words, &text) {
            found.push((i as u32, els[i].last));
            if found.len() == 2 {
                break;
            }
        }
    }
    found
}

/// The innermost element holding both `a` and `b`.
fn common_ancestor(els: &[Element], a: usize, b: usize) -> Option<usize> {
    let mut x = a;
    loop {
        if x <= b && b <= els[x].last as usize {
            return Some(x);
        }
        let p = els[x].parent;
        if p == NONE {
            return None;
        }
        x = p as usize;
    }
}
