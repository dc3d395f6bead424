//! Words and punctuation of the normalised text, with byte ranges.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with inner hyphens joined ("Busku-Zdroju", "Sowy-Kamińskiej").
    Word,
    /// Digits.
    Number,
    /// One punctuation character; a line break is `'\n'`.
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Splits `text` into tokens; spaces and tabs separate them and are dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphabetic() {
                    end = j + d.len_utf8();
                    it.next();
                } else if d == '-' {
                    // an inner hyphen joins two words; a hyphen before a space is a dash
                    let next = text[j + 1..].chars().next();
                    if next.is_some_and(char::is_alphabetic) {
                        end = j + 1;
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Token {
                start: i,
                end,
                kind: Kind::Word,
            });
        } else if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                start: i,
                end,
                kind: Kind::Number,
            });
        } else if c == ' ' || c == '\t' || c == '\r' {
            continue;
        } else {
            out.push(Token {
                start: i,
                end: i + c.len_utf8(),
                kind: Kind::Punct(c),
            });
        }
    }
    out
}

/// True when every letter of `w` is uppercase and there are at least two.
pub fn all_caps(w: &str) -> bool {
    let mut n = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            n += 1;
        }
    }
    n >= 2
}

/// True when the word starts with an uppercase letter.
pub fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// "józef" / "JÓZEF" → "Józef"; each hyphen-joined part is capitalised ("Sowa-Kamińska").
pub fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == '-';
    }
    out
}

/// The first letter uppercase, the rest as it is.
pub fn upper_first(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_inner_hyphens_and_splits_dashes() {
        let t = "Sowy-Kamińskiej, Bogorii- Pani 12 r.";
        let toks = tokenize(t);
        let words: Vec<&str> = toks.iter().map(|k| k.text(t)).collect();
        assert_eq!(
            words,
            [
                "Sowy-Kamińskiej",
                ",",
                "Bogorii",
                "-",
                "Pani",
                "12",
                "r",
                "."
            ]
        );
    }

    #[test]
    fn title_cases_capitals() {
        assert_eq!(title_case("KOZIEŁ"), "Kozieł");
        assert_eq!(title_case("sowa-kamińska"), "Sowa-Kamińska");
        assert!(all_caps("WÓJT"));
        assert!(!all_caps("Wójt"));
    }
}
