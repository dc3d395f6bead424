//! The tokens of a matched date expression: numbers, words (folded) and punctuation,
//! each with its byte range in the span.

use crate::rules::fold;

/// One token of a matched span, with its byte range in the span.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Num { value: u32, digits: usize },
    Word { folded: String, upper: bool },
    Punct(char),
}

pub fn tokenize(s: &str) -> Vec<(Tok, usize, usize)> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            let mut value: u32 = c.to_digit(10).unwrap_or(0);
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                value = value
                    .saturating_mul(10)
                    .saturating_add(d.to_digit(10).unwrap_or(0));
                end = j + 1;
                it.next();
            }
            out.push((
                Tok::Num {
                    value,
                    digits: end - i,
                },
                i,
                end,
            ));
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            loop {
                match it.peek() {
                    Some(&(j, d)) if d.is_alphabetic() => {
                        end = j + d.len_utf8();
                        it.next();
                    }
                    // "b.r": a dot between letters stays in the word
                    Some(&(j, '.'))
                        if s[j + 1..].chars().next().is_some_and(char::is_alphabetic) =>
                    {
                        end = j + 1;
                        it.next();
                    }
                    _ => break,
                }
            }
            let word = &s[i..end];
            out.push((
                Tok::Word {
                    folded: fold(word).replace('.', ""),
                    upper: word.chars().all(|c| !c.is_lowercase()),
                },
                i,
                end,
            ));
        } else if !c.is_whitespace() {
            out.push((Tok::Punct(c), i, i + c.len_utf8()));
        }
    }
    out
}
