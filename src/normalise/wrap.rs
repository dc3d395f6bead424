//! Lines of a wrapped paragraph joined. A text hard-wrapped at a width (a PDF's text
//! layer, a transcript, a page that breaks its paragraphs with `<br>`) has line breaks
//! inside names, offices and dates ("objął Marszałek\nWojewództwa Łódzkiego Jan\nZięba").
//! Such a break is soft: it is written as a space (one byte for one byte, so the offset
//! map stays as it is).
//!
//! A paragraph (lines without a blank one between) is wrapped when one of its lines of at
//! least `min_line_chars` characters ends mid-sentence (a letter, a digit, a comma, a dash
//! or a closing bracket or quote) and the next line goes on in lower case ("nagrody
//! wręczyli\nlaureatom"). In a wrapped paragraph every break is soft except one before a
//! line that the rules' `ListItem` pattern matches ("- ", "2. ", "b) "), one after a
//! line ending in ':' or ';', one next to a boilerplate line, and the one after the text's
//! first line (a plain text's title). Paragraphs of short lines (menus, addresses, lists)
//! are never joined.

use std::ops::Range;

/// The settings of `[wrap]` in `rules/normalise/boilerplate.toml`.
#[derive(Debug)]
pub struct WrapRules {
    /// A line shows its paragraph is wrapped only when it has this many characters.
    pub min_line_chars: usize,
    /// A line this matches (from its start) is an item of its own: the break before it
    /// stays.
    pub list_item: regex::Regex,
}

/// The byte offsets of the soft line breaks of `text` (a normalised text: lines end in
/// one '\n', paragraphs in "\n\n"), in order; `boilerplate` are its boilerplate ranges.
pub fn soft_breaks(text: &str, boilerplate: &[Range<usize>], rules: &WrapRules) -> Vec<usize> {
    // the first line of content (a title) is never joined to the next
    let title_end = first_content_line_end(text, boilerplate);
    let soft = |b: &Break| {
        joinable(
            &text[b.line_before..b.at],
            &text[b.at + 1..b.line_after_end],
            rules,
        ) && title_end != Some(b.at)
            && !in_any(boilerplate, b.at.saturating_sub(1))
            && !in_any(boilerplate, b.at + 1)
    };
    let mut out = Vec::new();
    // the breaks of the paragraph read so far, and whether one shows it is wrapped
    let mut para: Vec<Break> = Vec::new();
    let mut wrapped = false;
    let mut flush = |para: &mut Vec<Break>, wrapped: &mut bool| {
        if std::mem::take(wrapped) {
            out.extend(para.iter().filter(|b| soft(b)).map(|b| b.at));
        }
        para.clear();
    };
    let mut line_before: Option<usize> = None;
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for end in ends {
        if start == end {
            // an empty line ends the paragraph
            flush(&mut para, &mut wrapped);
            line_before = None;
        } else {
            if let Some(before) = line_before {
                let b = Break {
                    line_before: before,
                    at: start - 1,
                    line_after_end: end,
                };
                // the cheap test first: few lines go on in the next
                wrapped = wrapped
                    || goes_on(&text[before..b.at], &text[start..end], rules.min_line_chars)
                        && soft(&b);
                para.push(b);
            }
            line_before = Some(start);
        }
        start = end + 1;
    }
    flush(&mut para, &mut wrapped);
    out
}

/// A line break of a paragraph: its offset, where the line before it starts and where the
/// line after it ends.
struct Break {
    line_before: usize,
    at: usize,
    line_after_end: usize,
}

/// Whether the break between lines `a` and `b` may be soft: `b` is no item of its own and
/// `a` introduces nothing.
fn joinable(a: &str, b: &str, rules: &WrapRules) -> bool {
    let (a, b) = (a.trim_end(), b.trim_start());
    !a.is_empty()
        && !b.is_empty()
        && !a.ends_with([':', ';'])
        && !rules.list_item.is_match(b)
        && !opens_with_abbreviation(b)
}

/// Whether line `b` goes on with the sentence that line `a` (a full line) broke off: `a`
/// ends mid-sentence and `b` opens with a lower-case word (not an abbreviation such as
/// "tel." or "ks.", which open lines of contacts and lists).
fn goes_on(a: &str, b: &str, min_chars: usize) -> bool {
    // a character has at least one byte: a short line is rejected before it is counted
    if a.len() < min_chars || !opens_with_word(b.trim_start()) {
        return false;
    }
    let a = a.trim_end();
    a.chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '-' | ')' | '"'))
        && a.chars().count() >= min_chars
}

/// The first word of `line` (its leading letters) and what follows it.
fn first_word(line: &str) -> (&str, &str) {
    line.split_at(
        line.find(|c: char| !c.is_alphabetic())
            .unwrap_or(line.len()),
    )
}

/// Whether `line` opens with a lower-case word followed by a space, a comma or its end.
fn opens_with_word(line: &str) -> bool {
    if !line.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let (word, rest) = first_word(line);
    word.chars().all(char::is_lowercase) && matches!(rest.chars().next(), None | Some(' ' | ','))
}

/// Whether `line` opens with a lower-case abbreviation ("ks. Jan Kos", "tel. 12 345"):
/// a line of a list or of contacts, never joined to the line before.
fn opens_with_abbreviation(line: &str) -> bool {
    let (word, rest) = first_word(line.trim_start());
    !word.is_empty() && word.chars().all(char::is_lowercase) && rest.starts_with('.')
}

/// Where the text's first line that is not boilerplate ends (its '\n').
fn first_content_line_end(text: &str, boilerplate: &[Range<usize>]) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let end = at + line.len();
        if !line.trim().is_empty() && !in_any(boilerplate, at) {
            return line.ends_with('\n').then_some(end - 1);
        }
        at = end;
    }
    None
}

/// Whether byte `pos` lies in one of the sorted, disjoint `ranges`.
fn in_any(ranges: &[Range<usize>], pos: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= pos);
    ranges.get(i).is_some_and(|r| r.start <= pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules' own `[wrap]` settings and `ListItem` pattern.
    fn rules() -> &'static WrapRules {
        static R: std::sync::OnceLock<super::super::NormaliseRules> = std::sync::OnceLock::new();
        &R.get_or_init(|| {
            super::super::NormaliseRules::load(&crate::rules::RuleFiles::embedded()).unwrap()
        })
        .wrap
    }

    /// The text with its soft breaks written as spaces.
    fn joined(text: &str) -> String {
        let soft = soft_breaks(text, &[], rules());
        let mut b = text.as_bytes().to_vec();
        for p in soft {
            b[p] = b' ';
        }
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn a_wrapped_paragraph_is_one_line() {
        let t = "Tytuł\n\nDyplomy, statuetki i nagrody wręczyli\nlaureatom Starosta Jan Wilk oraz Marszałek\nWojewództwa Łódzkiego Adam\nZięba.";
        assert_eq!(
            joined(t),
            "Tytuł\n\nDyplomy, statuetki i nagrody wręczyli laureatom Starosta Jan Wilk oraz Marszałek Województwa Łódzkiego Adam Zięba."
        );
    }

    #[test]
    fn lists_menus_and_titles_keep_their_lines() {
        // no line goes on in lower case after a full line
        let menu = "Tytuł\n\nStrona główna\nAktualności\nKontakt";
        assert_eq!(joined(menu), menu);
        let list = "Tytuł\n\nW sesji udział wzięli następujący zaproszeni goście\n- Pan Ludwik Czapla\n- sekretarz gminy,\n2. Pani Ewa Lis";
        assert_eq!(joined(list), list);
        // the title's line stays, and so does a line ending in ':'
        let t = "Umowa podpisana w sali narad urzędu gminy\nw obecności radnych gminy Witonia oraz\nsołtysów wsi. Obecni byli:\nJan Kos";
        assert_eq!(
            joined(t),
            "Umowa podpisana w sali narad urzędu gminy\nw obecności radnych gminy Witonia oraz sołtysów wsi. Obecni byli:\nJan Kos"
        );
    }

    #[test]
    fn short_lines_do_not_show_a_wrap() {
        let t = "Tytuł\n\nUrząd Gminy Witonia\nul. Główna 1\n99-335 Witonia";
        assert_eq!(joined(t), t);
    }

    #[test]
    fn lines_of_contacts_and_ranks_stay() {
        // an abbreviation in lower case opens a line of its own
        let footer = "Tytuł\n\nUrząd Gminy Witonia, Główna 1, 99-335 Witonia\ntel. 24 123 45 67\ne-mail: gmina@witonia.pl";
        assert_eq!(joined(footer), footer);
        let list = "Tytuł\n\nW uroczystości udział wzięli:\nJan Kos – Starosta Powiatu Łęczyckiego\nbryg. Adam Lis – Komendant Powiatowy PSP\nks. Piotr Wrona – proboszcz parafii";
        assert_eq!(joined(list), list);
    }

    #[test]
    fn a_lower_case_word_goes_on_a_sentence() {
        assert!(opens_with_word("w sali narad"));
        assert!(opens_with_word("laureatom, a potem"));
        assert!(!opens_with_word("tel. 12 345"));
        assert!(!opens_with_word("e-mail: x@y.pl"));
        assert!(!opens_with_word("Zięba."));
        assert!(opens_with_abbreviation("ks. Jan Kos"));
        assert!(!opens_with_abbreviation("w sali"));
    }

    #[test]
    fn breaks_next_to_boilerplate_stay() {
        let t = "Tytuł\n\nDyplomy, statuetki i nagrody wręczyli\nlaureatom w sali.\nDrukuj";
        let drukuj = t.len() - "Drukuj".len()..t.len();
        assert_eq!(
            soft_breaks(t, std::slice::from_ref(&drukuj), rules()),
            vec![t.find("\nlaureatom").unwrap()]
        );
    }
}
