//! The entries of the word lists of `words.toml`, checked at load: what the engine cannot
//! use fails the load with the file and the entry's line.

use super::{Entry, MAX_PHRASE, WORDS};
use crate::error::RuleError;
use crate::rules::{line_of, RuleFiles};

/// What an entry of `words.toml` may be: one word, or a phrase of words.
#[derive(Clone, Copy, PartialEq)]
pub enum Shape {
    Word,
    Phrase,
}

/// The entries of one list of `words.toml`, checked: each is letters (a phrase: words of
/// letters joined by single spaces), or the load fails naming the file and the entry's line.
pub fn entries(
    files: &RuleFiles,
    list: &[Entry],
    shape: Shape,
    what: &str,
) -> Result<Vec<String>, RuleError> {
    let text = files.text(WORDS)?;
    list.iter()
        .map(|e| {
            let v = e.get_ref();
            let words: Vec<&str> = v.split(' ').collect();
            let problem = if v.is_empty() || words.iter().any(|w| w.is_empty()) {
                Some("is empty or has a double space".to_string())
            } else if let Some(c) = v.chars().find(|c| !c.is_alphabetic() && *c != ' ') {
                Some(format!(
                    "has {c:?}: the reader takes only letters and spaces"
                ))
            } else if shape == Shape::Word && words.len() > 1 {
                Some("is a phrase, but the engine reads this list one word at a time".into())
            } else if words.len() > MAX_PHRASE {
                Some(format!("has more than {MAX_PHRASE} words"))
            } else {
                None
            };
            match problem {
                Some(p) => Err(RuleError::new(
                    files.path(WORDS),
                    Some(line_of(text, e.span().start)),
                    format!("{what} entry {v:?} {p}"),
                )),
                None => Ok(v.clone()),
            }
        })
        .collect()
}
