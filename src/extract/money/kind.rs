//! The kind of a sum (`grant`, `own_contribution`, `total_cost`, `contract_value`,
//! `budget`, `other`), read from cue words near it: `rules/money/kinds.toml`.

use crate::error::RuleError;
use crate::rules::RuleFiles;
use std::collections::BTreeMap;
use std::ops::Range;

/// The kinds a cue may give; a sum with no cue is `OTHER`.
const KINDS: [&str; 5] = [
    "grant",
    "own_contribution",
    "total_cost",
    "contract_value",
    "budget",
];
pub const OTHER: &str = "other";

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    left_words: usize,
    right_words: usize,
    cues: BTreeMap<String, toml::Spanned<Vec<toml::Spanned<String>>>>,
}

/// One word of a cue: lower case, and whether it is a word beginning (`*`).
#[derive(Debug)]
struct CueWord {
    text: String,
    prefix: bool,
}

impl CueWord {
    fn matches(&self, word: &str) -> bool {
        if self.prefix {
            word.starts_with(&self.text)
        } else {
            word == self.text
        }
    }
}

#[derive(Debug)]
struct Cue {
    words: Vec<CueWord>,
    kind: &'static str,
}

/// The cue table, loaded once.
#[derive(Debug)]
pub struct KindRules {
    cues: Vec<Cue>,
    /// The cues (their indices, in table order) by the first character of their first
    /// word, sorted by it: a word that a cue's first word matches starts with it.
    by_first: Vec<(char, Vec<usize>)>,
    left_words: usize,
    right_words: usize,
}

/// A cue found at words `start..end` of a window.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    kind: &'static str,
}

impl KindRules {
    pub fn load(files: &RuleFiles, rel: &str) -> Result<KindRules, RuleError> {
        let file: File = files.toml(rel)?;
        let err = |at: usize, m: String| files.error_at(rel, at, m);
        let mut cues = Vec::new();
        for (kind, list) in &file.cues {
            let Some(&kind) = KINDS.iter().find(|k| *k == kind) else {
                return Err(err(
                    list.span().start,
                    format!(
                        "sum kind {kind:?} is not one of {} (a sum with no cue is {OTHER})",
                        KINDS.join(", ")
                    ),
                ));
            };
            for cue in list.get_ref() {
                let mut words = Vec::new();
                for w in cue.get_ref().split_whitespace() {
                    let (body, prefix) = match w.strip_suffix('*') {
                        Some(b) => (b, true),
                        None => (w, false),
                    };
                    if body.is_empty() || !body.chars().all(char::is_alphanumeric) {
                        return Err(err(
                            cue.span().start,
                            format!(
                                "cue {:?}: {w:?} is not a word (letters, and `*` at the end only)",
                                cue.get_ref()
                            ),
                        ));
                    }
                    words.push(CueWord {
                        text: body.to_lowercase(),
                        prefix,
                    });
                }
                if words.is_empty() {
                    return Err(err(cue.span().start, "an empty cue".to_string()));
                }
                cues.push(Cue { words, kind });
            }
        }
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, cue) in cues.iter().enumerate() {
            // every cue word has a letter or digit (checked above)
            let Some(c) = cue.words[0].text.chars().next() else {
                continue;
            };
            match by_first.binary_search_by_key(&c, |b| b.0) {
                Ok(at) => by_first[at].1.push(i),
                Err(at) => by_first.insert(at, (c, vec![i])),
            }
        }
        Ok(KindRules {
            cues,
            by_first,
            left_words: file.left_words,
            right_words: file.right_words,
        })
    }

    /// The kind of the sum at `sum` in `text`, reading back no further than `prev_end`
    /// and on no further than `next_start` (the neighbouring sums).
    ///
    /// Only the words read are lower-cased (the last `left_words` of the clause before,
    /// the first `right_words` after), and at each word only the cues whose first word
    /// starts with its first character are tried, in table order: the hits are those of
    /// [`KindRules::kind_reference`], in the same order (a test compares the two).
    pub fn kind(
        &self,
        text: &str,
        sum: Range<usize>,
        prev_end: usize,
        next_start: usize,
    ) -> &'static str {
        let before = before_window(text, &sum, prev_end);
        let mut left: Vec<String> = before
            .split(|c: char| !c.is_alphanumeric())
            .rev()
            .filter(|w| !w.is_empty())
            .take(self.left_words)
            .map(str::to_lowercase)
            .collect();
        left.reverse();
        let best_left = self
            .hits_indexed(&left)
            .max_by_key(|h| (h.end, std::cmp::Reverse(h.start)));
        if let Some(h) = best_left {
            return h.kind;
        }
        let right: Vec<String> = after_window(text, &sum, next_start)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(self.right_words)
            .map(str::to_lowercase)
            .collect();
        self.hits_indexed(&right)
            .min_by_key(|h| (h.start, std::cmp::Reverse(h.end)))
            .map_or(OTHER, |h| h.kind)
    }

    /// The simple version [`KindRules::kind`] must equal: every word of the clause
    /// lower-cased, every cue tried at every word.
    #[cfg(test)]
    pub fn kind_reference(
        &self,
        text: &str,
        sum: Range<usize>,
        prev_end: usize,
        next_start: usize,
    ) -> &'static str {
        let left = words(before_window(text, &sum, prev_end));
        let left = &left[left.len().saturating_sub(self.left_words)..];
        let best_left = self
            .hits(left)
            .max_by_key(|h| (h.end, std::cmp::Reverse(h.start)));
        if let Some(h) = best_left {
            return h.kind;
        }
        let right = words(after_window(text, &sum, next_start));
        let right = &right[..right.len().min(self.right_words)];
        self.hits(right)
            .min_by_key(|h| (h.start, std::cmp::Reverse(h.end)))
            .map_or(OTHER, |h| h.kind)
    }

    /// The hits of `hits`, trying at each word only the cues of its first character.
    fn hits_indexed<'a>(&'a self, words: &'a [String]) -> impl Iterator<Item = Hit> + 'a {
        (0..words.len()).flat_map(move |i| {
            let first = words[i].chars().next();
            let cues = first
                .and_then(|c| self.by_first.binary_search_by_key(&c, |b| b.0).ok())
                .map_or(&[][..], |at| &self.by_first[at].1[..]);
            cues.iter()
                .filter_map(move |&ci| self.hit_at(words, i, &self.cues[ci]))
        })
    }

    /// Every cue that matches in `words`, at every word.
    #[cfg(test)]
    fn hits<'a>(&'a self, words: &'a [String]) -> impl Iterator<Item = Hit> + 'a {
        (0..words.len()).flat_map(move |i| {
            self.cues
                .iter()
                .filter_map(move |c| self.hit_at(words, i, c))
        })
    }

    /// The hit of cue `c` at word `i` of `words`, if it matches there.
    fn hit_at(&self, words: &[String], i: usize, c: &Cue) -> Option<Hit> {
        let end = i + c.words.len();
        (end <= words.len()
            && c.words
                .iter()
                .zip(&words[i..end])
                .all(|(c, w)| c.matches(w)))
        .then_some(Hit {
            start: i,
            end,
            kind: c.kind,
        })
    }
}

/// The text the cues are read in before the sum: back to `prev_end` or the start of the
/// sentence.
fn before_window<'t>(text: &'t str, sum: &Range<usize>, prev_end: usize) -> &'t str {
    let from = prev_end.min(sum.start);
    let before = &text[from..sum.start];
    &before[sentence_start(before)..]
}

/// The text the cues are read in after the sum: on to `next_start`, the end of the
/// sentence, a comma or a bracket.
fn after_window<'t>(text: &'t str, sum: &Range<usize>, next_start: usize) -> &'t str {
    let to = next_start.max(sum.end).min(text.len());
    let after = &text[sum.end..to];
    // after the sum, a comma ends the reading too ("…, a dotacja pokryje resztę")
    let after = &after[..sentence_end(after)];
    after.split([',', '(']).next().unwrap_or(after)
}

/// The words (runs of letters and digits) of `s`, in lower case.
#[cfg(test)]
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the character at byte `i` of `s` ends a sentence: "!", "?", ";", a line break,
/// or a full stop before a space and a capital letter.
fn ends_sentence(s: &str, i: usize, c: char) -> bool {
    match c {
        '!' | '?' | ';' | '\n' => true,
        '.' => {
            let mut rest = s[i + 1..].chars();
            rest.next().is_some_and(char::is_whitespace)
                && rest
                    .find(|c| !c.is_whitespace())
                    .is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

/// The byte after the last sentence end in `s` (0 when none).
fn sentence_start(s: &str) -> usize {
    s.char_indices()
        .rev()
        .find(|&(i, c)| ends_sentence(s, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The byte of the first sentence end in `s` (its length when none).
fn sentence_end(s: &str) -> usize {
    s.char_indices()
        .find(|&(i, c)| ends_sentence(s, i, c))
        .map_or(s.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str, sum: &str) -> &'static str {
        let rules = KindRules::load(&RuleFiles::embedded(), "money/kinds.toml").unwrap();
        let start = text.find(sum).unwrap();
        rules.kind(text, start..start + sum.len(), 0, text.len())
    }

    #[test]
    fn the_nearest_cue_wins() {
        assert_eq!(
            kind("Wkład własny gminy wyniesie 20 tys. zł.", "20 tys. zł"),
            "own_contribution"
        );
        assert_eq!(
            kind("Na budowę wydano 2 mln zł z budżetu gminy.", "2 mln zł"),
            "own_contribution"
        );
        assert_eq!(
            kind("Środki z budżetu państwa to 5 mln zł.", "5 mln zł"),
            "grant"
        );
        assert_eq!(
            kind(
                "Dofinansowanie z funduszu sołeckiego wyniesie 9 tys. zł.",
                "9 tys. zł"
            ),
            "budget"
        );
        assert_eq!(
            kind("Drogę oddano. Kosztowała 3 mln zł.", "3 mln zł"),
            "total_cost"
        );
        assert_eq!(
            kind("Dotacja już jest. Gmina wyda 3 mln zł.", "3 mln zł"),
            "other"
        );
    }

    #[test]
    fn bad_kinds_and_cues_name_the_line() {
        for (content, line) in [
            ("left_words = 9\nright_words = 6\n[cues]\ngrant = [\"dotacj*\"]\nloan = [\"pożycz*\"]\n", 5),
            ("left_words = 9\nright_words = 6\n[cues]\ngrant = [\n  \"dot*acja\",\n]\n", 5),
        ] {
            let files = RuleFiles::embedded().with_file("money/kinds.toml", content);
            let e = KindRules::load(&files, "money/kinds.toml").unwrap_err();
            assert_eq!(e.line, Some(line), "{e}");
        }
    }
}
