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
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if c == '-' && start.is_some() && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic()) {
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Token { start: s, end: i });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_hyphens() {
        let t = "Gmin Oksa, Kudowa-Zdrój - gminą";
        let w: Vec<&str> = tokens(t).iter().map(|x| x.text(t)).collect();
        assert_eq!(w, ["Gmin", "Oksa", "Kudowa-Zdrój", "gminą"]);
    }
}
