//! The gate's second test (`rules/language/gate.toml`): function words and letters that
//! only one candidate language writes, counted as votes. A language wins with `min_votes` votes and `margin`
//! times the votes of the runner-up; otherwise the page goes to lingua.

use crate::error::RuleError;
use crate::rules::{line_of, RuleFiles};
use std::collections::{BTreeMap, HashMap};

const FILE: &str = "language/gate.toml";

/// The codes the gate may decide: the languages lingua is built with.
const CODES: [&str; 7] = ["pl", "cs", "sk", "en", "de", "uk", "ru"];

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    min_votes: usize,
    margin: usize,
    first_test: FirstTest,
    words: BTreeMap<toml::Spanned<String>, Vec<toml::Spanned<String>>>,
    letters: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
}

/// `[first_test]`: the letters of the engine's first test.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FirstTest {
    polish: toml::Spanned<String>,
    czech_slovak: toml::Spanned<String>,
}

/// The compiled gate rules.
#[derive(Debug, Clone)]
pub struct GateRules {
    /// A winner needs at least this many votes.
    min_votes: usize,
    /// ... and this many times the runner-up's.
    margin: usize,
    /// Word (lowercase) -> index into [`CODES`].
    words: HashMap<String, u8>,
    /// Letter -> index into [`CODES`].
    letters: HashMap<char, u8>,
    /// The longest listed word in bytes: longer words are not looked up.
    longest: usize,
    /// The first test's view of U+00C0..U+017F (`super::latin_table`).
    latin: [u8; 192],
}

/// A decision of the second test: the language's code and how clear the vote was.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vote {
    /// ISO 639-1.
    pub code: &'static str,
    /// The winner's share of the winner's and runner-up's votes (0.5-1).
    pub share: f64,
}

impl GateRules {
    /// Loads `rules/language/gate.toml`: an unknown language, a word listed twice, a word
    /// not in lowercase or a letter that is not one character is an error with its line.
    pub fn load(files: &RuleFiles) -> Result<GateRules, RuleError> {
        let text = files.text(FILE)?;
        let file: File = files.toml(FILE)?;
        let err =
            |at: usize, msg: String| RuleError::new(files.path(FILE), Some(line_of(text, at)), msg);
        let code = |k: &toml::Spanned<String>| {
            CODES
                .iter()
                .position(|c| c == k.get_ref())
                .map(|i| i as u8)
                .ok_or_else(|| {
                    err(
                        k.span().start,
                        format!(
                            "unknown language {:?}: the gate decides {CODES:?}",
                            k.get_ref()
                        ),
                    )
                })
        };
        if file.min_votes == 0 || file.margin == 0 {
            return Err(RuleError::new(
                files.path(FILE),
                None,
                "min_votes and margin must be at least 1",
            ));
        }
        let mut words = HashMap::new();
        for (lang, list) in &file.words {
            let i = code(lang)?;
            for w in list {
                let word = w.get_ref();
                if word.is_empty() || *word != word.to_lowercase() {
                    return Err(err(
                        w.span().start,
                        format!("{word:?}: words are listed in lowercase"),
                    ));
                }
                if let Some(j) = words.insert(word.clone(), i) {
                    return Err(err(
                        w.span().start,
                        format!(
                            "{word:?} is listed for {} and {}: a vote must name one language",
                            CODES[j as usize], CODES[i as usize]
                        ),
                    ));
                }
            }
        }
        let first = &file.first_test;
        let latin = super::latin_table(first.polish.get_ref(), first.czech_slovak.get_ref())
            .map_err(|c| {
                let at = if first.polish.get_ref().contains(c) {
                    first.polish.span().start
                } else {
                    first.czech_slovak.span().start
                };
                err(at, format!("{c:?} is not a letter of U+00C0..U+017F"))
            })?;
        let mut letters = HashMap::new();
        // The first test's Polish letters vote for Polish too.
        let pl = toml::Spanned::new(0..0, "pl".to_string());
        let polish = (&pl, &first.polish);
        for (lang, list) in file.letters.iter().chain([polish]) {
            let i = code(lang)?;
            for c in list.get_ref().chars() {
                if c.is_ascii() {
                    return Err(err(
                        list.span().start,
                        format!("letter {c:?}: only letters outside ASCII can vote"),
                    ));
                }
                for c in std::iter::once(c).chain(c.to_uppercase()) {
                    if let Some(j) = letters.insert(c, i) {
                        if j != i {
                            return Err(err(
                                list.span().start,
                                format!(
                                    "letter {c:?} is listed for {} and {}",
                                    CODES[j as usize], CODES[i as usize]
                                ),
                            ));
                        }
                    }
                }
            }
        }
        let longest = words.keys().map(String::len).max().unwrap_or(0);
        Ok(GateRules {
            min_votes: file.min_votes,
            margin: file.margin,
            words,
            letters,
            longest,
            latin,
        })
    }

    /// The first test's table of U+00C0..U+017F: Polish, Czech/Slovak, other letters and
    /// the two signs that are not letters.
    pub(super) fn latin(&self) -> &[u8; 192] {
        &self.latin
    }

    /// The rules built into the binary.
    pub fn embedded() -> Result<GateRules, RuleError> {
        GateRules::load(&RuleFiles::embedded())
    }

    /// The vote of the words and letters of `text` (its head, as the gate reads it), on a
    /// page mostly in Cyrillic (`cyrillic`) or mostly in Latin letters: only letters of the
    /// page's own script vote, so a Ukrainian banner on a Polish page does not.
    pub fn vote(&self, text: &str, cyrillic: bool) -> Option<Vote> {
        let mut votes = [0usize; CODES.len()];
        self.count_words(text, &mut votes);
        self.count_letters(text, cyrillic, &mut votes);
        self.decide(&votes)
    }

    fn count_words(&self, text: &str, votes: &mut [usize; CODES.len()]) {
        let mut word = String::new();
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() || w.len() > self.longest {
                continue;
            }
            word.clear();
            word.extend(w.chars().flat_map(char::to_lowercase));
            if let Some(&i) = self.words.get(&word) {
                votes[i as usize] += 1;
            }
        }
    }

    fn count_letters(&self, text: &str, cyrillic: bool, votes: &mut [usize; CODES.len()]) {
        // The listed letters are all outside ASCII.
        let own = |c: &char| !c.is_ascii() && matches!(c, '\u{400}'..='\u{4FF}') == cyrillic;
        for c in text.chars().filter(own) {
            if let Some(&i) = self.letters.get(&c) {
                votes[i as usize] += 1;
            }
        }
    }

    /// The winner of `votes`, if it has `min_votes` and `margin` times the runner-up's
    /// (a tie never wins).
    fn decide(&self, votes: &[usize; CODES.len()]) -> Option<Vote> {
        let mut order: Vec<usize> = (0..CODES.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(votes[i]));
        let (n, second) = (votes[order[0]], votes[order[1]]);
        (n >= self.min_votes && n > second && n >= self.margin * second).then(|| Vote {
            code: CODES[order[0]],
            share: n as f64 / (n + second) as f64,
        })
    }
}
