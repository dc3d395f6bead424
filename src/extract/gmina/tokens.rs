//! Words of the normalised text: runs of letters, with a hyphen inside a word kept
//! ("Kudowa-Zdrój", "Miejsko-Wiejska").

/// A word: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether the word starts with a capital letter.
    pub fn capitalised(&self, text: &str) -> bool {
        self.text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

/// The words of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    tokens_into(text, 0..text.len(), &mut out);
    out
}

/// Appends the words of `text[range]` (a range on char boundaries) to `out`, with offsets
/// in `text`.
pub fn tokens_into(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>) {
    let Some(part) = text.get(range.clone()) else {
        return;
    };
    let base = range.start;
    let mut start: Option<usize> = None;
    let mut chars = part.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic()) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if c == '-' && start.is_some() && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic()) {
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Token {
                start: base + s,
                end: base + i,
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: base + s,
            end: base + part.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_hyphens() {
        let t = "Gmin Oksa, Kudowa-Zdrój - gminą";
        let w: Vec<&str> = tokens(t).iter().map(|x| x.text(t)).collect();
        assert_eq!(w, ["Gmin", "Oksa", "Kudowa-Zdrój", "gminą"]);
        let mut part = Vec::new();
        tokens_into(t, 5..23, &mut part);
        let w: Vec<&str> = part.iter().map(|x| x.text(t)).collect();
        assert_eq!(w, ["Oksa", "Kudowa-Zdró"]);
    }
}
