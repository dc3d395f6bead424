//! The tokens of a matched date expression: numbers, words (folded) and punctuation,
//! each with its byte range in the span.
//!
//! This reader stays apart from the text layer's tokenizer (`crate::text::tokens`) because
//! a date reads words another way: a hyphen between two words is a range's dash
//! ("stycznia-lutego", "I-III kwartał"), where the shared tokens join it into one word
//! ("Busku-Zdroju"); a full stop between letters stays in the word ("b.r.", "r.b.":
//! abbreviations the lexicon knows without the stops); white space, line breaks too, only
//! parts tokens; and a number carries its value. It reads only the short span a date
//! pattern matched. The test below holds it to the shared tokens, these differences
//! aside, on every text of `corpus/`.

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::{tokenize as shared, Kind};

    /// What a token is, without its value: 'n' number, 'w' word, or the punctuation.
    fn shape(t: &Tok) -> char {
        match t {
            Tok::Num { .. } => 'n',
            Tok::Word { .. } => 'w',
            Tok::Punct(c) => *c,
        }
    }

    /// The shared tokens of `s` read as a date reads them: words split at their hyphens,
    /// words joined over a full stop between letters, white space dropped.
    fn from_shared(s: &str) -> Vec<(char, usize, usize)> {
        let mut out: Vec<(char, usize, usize)> = Vec::new();
        for t in shared(s) {
            match t.kind {
                Kind::Number => out.push(('n', t.start, t.end)),
                Kind::Punct(c) if c.is_whitespace() => {}
                Kind::Punct(c) => out.push((c, t.start, t.end)),
                Kind::Word => {
                    let mut at = t.start;
                    for piece in t.text(s).split('-') {
                        if at > t.start {
                            out.push(('-', at - 1, at));
                        }
                        let end = at + piece.len();
                        // "b" "." "r": one word
                        match out.as_slice() {
                            [.., ('w', _, e), ('.', d, _)] if *e == *d && d + 1 == at => {
                                out.pop();
                                out.last_mut().expect("a word").2 = end;
                            }
                            _ => out.push(('w', at, end)),
                        }
                        at = end + 1;
                    }
                }
            }
        }
        out
    }

    #[test]
    fn the_tokens_of_a_date_are_the_shared_ones_read_as_a_date_reads() {
        let samples = [
            "1-5 maja b.r. (pon.) stycznia-lutego, I–III kw. 2019r.",
            "a.b.c a.-b 1.a ab-cd.ef Busku-Zdroju\n12\u{a0}czerwca",
        ];
        let corpus = crate::extract::corpus_texts();
        for text in samples
            .iter()
            .copied()
            .chain(corpus.iter().map(String::as_str))
        {
            for line in text.lines() {
                let got: Vec<(char, usize, usize)> = tokenize(line)
                    .iter()
                    .map(|(t, a, b)| (shape(t), *a, *b))
                    .collect();
                assert_eq!(got, from_shared(line), "{line:?}");
            }
        }
    }
}
