//! The words of a matched date expression classified: numbers, months, ordinals, range
//! words and the words that only lead.

use super::tokens::{tokenize, Tok};
use crate::extract::date::lexicon::{Lexicon, Relative, Word, MAX_PHRASE};

/// What a token means in a date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Item {
    Num {
        value: u32,
        digits: usize,
    },
    Month(u32),
    Roman(u32),
    Ordinal(u32),
    /// A weekday, with the byte range of its word in the span.
    Weekday(u32, usize, usize),
    YearMark,
    Relative(Relative),
    Period {
        months: u32,
        needs_year: bool,
    },
    /// `true`: a word that alone makes a start ("od").
    From(bool),
    /// `true`: a word that alone makes a deadline ("do").
    To(bool),
    Dash {
        spaced: bool,
    },
    /// A word joining days or the sides of a turn ("i").
    And,
    /// A turn word ("przełomie").
    Turn,
    /// A comma.
    Comma,
    Other,
}

pub(super) fn classify(lex: &Lexicon, s: &str) -> Option<Vec<Item>> {
    let toks = tokenize(s);
    let mut items = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let (tok, start, end) = &toks[i];
        let item = match tok {
            Tok::Num { value, digits } => Item::Num {
                value: *value,
                digits: *digits,
            },
            Tok::Punct('-') => Item::Dash {
                spaced: i > 0 && toks[i - 1].2 < *start
                    || toks.get(i + 1).is_some_and(|t| t.1 > *end),
            },
            Tok::Punct(',') => Item::Comma,
            // "2023/2024": a slash between years joins them like a dash
            Tok::Punct('/') => Item::Dash { spaced: false },
            Tok::Punct(_) => Item::Other,
            Tok::Word { folded, upper } => {
                // "18tego", "18-tego", "1szy": letters after a day number
                let after_num = match i {
                    0 => false,
                    _ => {
                        let prev = &toks[i - 1];
                        let glued = prev.2 == *start;
                        matches!(prev.0, Tok::Num { .. }) && glued
                            || prev.0 == Tok::Punct('-')
                                && glued
                                && i >= 2
                                && matches!(toks[i - 2].0, Tok::Num { .. })
                                && toks[i - 2].2 == prev.1
                    }
                };
                if after_num && lex.suffixes.contains(folded.as_str()) {
                    // the hyphen before the suffix is not a range dash
                    if let Some(Item::Dash { .. }) = items.last() {
                        items.pop();
                    }
                    i += 1;
                    continue;
                }
                // phrases of the word lists ("z dniem"): the longest first
                if let Some((w, n)) = phrase_at(lex, &toks, i) {
                    items.push(word_item(lex, w, folded, *start, *end));
                    i += n;
                    continue;
                }
                // "bieżącego roku", "b. r.": two words first
                let next_word = toks[i + 1..].iter().find_map(|t| match &t.0 {
                    Tok::Word { folded, .. } => Some(folded),
                    Tok::Punct('.') => None,
                    _ => Some(&EMPTY),
                });
                if let Some(nw) = next_word.filter(|w| !w.is_empty()) {
                    if let Some(&shift) = lex.relative.get(&format!("{folded} {nw}")) {
                        items.push(Item::Relative(shift));
                        // skip to after the second word
                        i += 1;
                        while i < toks.len() && !matches!(toks[i].0, Tok::Word { .. }) {
                            i += 1;
                        }
                        i += 1;
                        continue;
                    }
                }
                if let Some(&shift) = lex.relative.get(folded.as_str()) {
                    Item::Relative(shift)
                } else if let Some(&m) = upper.then(|| lex.roman.get(&s[*start..*end])).flatten() {
                    Item::Roman(m)
                } else {
                    word_item(lex, lex.word(folded)?, folded, *start, *end)
                }
            }
        };
        items.push(item);
        i += 1;
    }
    Some(items)
}

static EMPTY: String = String::new();

fn word_item(lex: &Lexicon, w: Word, folded: &str, start: usize, end: usize) -> Item {
    match w {
        Word::Month(m) => Item::Month(m),
        Word::Weekday(w) => Item::Weekday(w, start, end),
        Word::Ordinal(n) => Item::Ordinal(n),
        Word::Period(months) => Item::Period {
            months,
            needs_year: lex.period_needs_year.contains(folded),
        },
        Word::YearMark => Item::YearMark,
        Word::From(s) => Item::From(s),
        Word::To(d) => Item::To(d),
        Word::Skip => Item::Other,
        Word::And => Item::And,
        Word::Turn => Item::Turn,
    }
}

/// The longest phrase of the word lists (two words or more) that begins at token `i`,
/// and how many tokens it takes.
fn phrase_at(lex: &Lexicon, toks: &[(Tok, usize, usize)], i: usize) -> Option<(Word, usize)> {
    let mut key = String::new();
    let mut found = None;
    for (n, (tok, _, _)) in toks[i..].iter().enumerate().take(MAX_PHRASE) {
        let Tok::Word { folded, .. } = tok else {
            break;
        };
        if n > 0 {
            key.push(' ');
        }
        key.push_str(folded);
        if n > 0 {
            if let Some(w) = lex.word(&key) {
                found = Some((w, n + 1));
            }
        }
    }
    found
}
