//! [`WordSearch`]: the words of a short list found in a text, behind a filter of pieces
//! derived from the words.

/// Whole words of a short list found in a text, each word in lower case or with a capital
/// first letter, with the value given for it: the packed (SIMD) searcher of `aho-corasick`,
/// faster on Polish text than an automaton whose prefilter is one rare byte.
#[derive(Debug, Clone)]
pub struct WordSearch<T> {
    searcher: aho_corasick::packed::Searcher,
    values: Vec<T>,
    /// Pieces of bytes such that every form holds one ("czoraj" of "wczoraj", "Wczoraj",
    /// "przedwczoraj"; "utro" of "jutro", "Jutro"): a text
    /// holding none holds no word and is not searched (a filter derived from the words).
    /// Empty: every text is searched.
    filter: Vec<memchr::memmem::Finder<'static>>,
}

/// Pieces of [`MIN_PIECE`] bytes or more such that each of `forms` holds one: the forms
/// taken in order, each joining the first group whose common piece it keeps that long,
/// else starting a group. Empty when a group has no such piece or there would be
/// more than [`MAX_PIECES`] (a filter of many pieces costs more than the search).
fn pieces(forms: &[String]) -> Vec<Vec<u8>> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    for f in forms {
        let joined = groups.iter_mut().find(|g| {
            let mut with = g.to_vec();
            with.push(f.clone());
            common_piece(&with).is_some_and(|p| p.len() >= MIN_PIECE)
        });
        match joined {
            Some(g) => g.push(f.clone()),
            None => groups.push(vec![f.clone()]),
        }
    }
    let out: Option<Vec<Vec<u8>>> = groups
        .iter()
        .map(|g| {
            common_piece(g)
                .filter(|p| p.len() >= MIN_PIECE)
                .map(<[u8]>::to_vec)
        })
        .collect();
    match out {
        Some(out) if out.len() <= MAX_PIECES => out,
        _ => Vec::new(),
    }
}

/// The most pieces a word search filters its texts by.
const MAX_PIECES: usize = 3;

/// The shortest piece a text is filtered by: "utr" of "jutrzejszy" and "jutro" would
/// let through every "utrudnienia".
const MIN_PIECE: usize = 4;

/// The longest run of bytes that every one of `words` holds (the first such of the
/// shortest word), if any.
fn common_piece(words: &[String]) -> Option<&[u8]> {
    let shortest = words.iter().min_by_key(|w| w.len())?.as_bytes();
    (1..=shortest.len()).rev().find_map(|n| {
        shortest.windows(n).find(|piece| {
            words
                .iter()
                .all(|w| memchr::memmem::find(w.as_bytes(), piece).is_some())
        })
    })
}

impl<T: Copy> WordSearch<T> {
    /// The search of `words` (with their values); `None` when there are none or too many
    /// for the searcher.
    pub fn new<'a>(words: impl IntoIterator<Item = (&'a str, T)>) -> Option<WordSearch<T>> {
        let (mut forms, mut values) = (Vec::new(), Vec::new());
        for (w, v) in words {
            let lower = w.to_lowercase();
            let capital = crate::text::tokens::upper_first(&lower);
            for form in [lower, capital] {
                forms.push(form);
                values.push(v);
            }
        }
        let searcher = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostLongest)
            .builder()
            .extend(&forms)
            .build()?;
        let filter = pieces(&forms)
            .iter()
            .map(|p| memchr::memmem::Finder::new(p).into_owned())
            .collect();
        Some(WordSearch {
            searcher,
            values,
            filter,
        })
    }

    /// The filter's pieces of bytes (none: every text is searched).
    #[cfg(test)]
    pub(crate) fn filter_pieces(&self) -> Vec<&[u8]> {
        self.filter
            .iter()
            .map(memchr::memmem::Finder::needle)
            .collect()
    }

    /// Each word of the list in `text` that no letter or digit touches, with its value.
    pub fn find_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (std::ops::Range<usize>, T)> + 't {
        let touches = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let held = self.filter.is_empty()
            || self
                .filter
                .iter()
                .any(|f| f.find(text.as_bytes()).is_some());
        // a text without any of the words' pieces has nothing to search
        let text = if held { text } else { "" };
        self.searcher
            .find_iter(text)
            .filter(move |m| {
                !touches(text[..m.start()].chars().next_back())
                    && !touches(text[m.end()..].chars().next())
            })
            .map(|m| (m.range(), self.values[m.pattern().as_usize()]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_search_finds_whole_words_in_either_case_behind_its_filter() {
        assert_eq!(
            common_piece(&["abcd".into(), "xbcy".into(), "bc".into()]),
            Some(&b"bc"[..])
        );
        assert_eq!(common_piece(&["ab".into(), "cd".into()]), None);
        let s = WordSearch::new([("wczoraj", -1), ("przedwczoraj", -2)]).unwrap();
        assert_eq!(s.filter_pieces(), [&b"czoraj"[..]]);
        let text = "Wczoraj, a nie przedwczoraj ani wczorajszy.";
        let found: Vec<(&str, i32)> = s.find_iter(text).map(|(r, v)| (&text[r], v)).collect();
        assert_eq!(found, [("Wczoraj", -1), ("przedwczoraj", -2)]);
        // two groups of words: a piece for each, a text holding either is searched
        let s = WordSearch::new([("wczoraj", -1), ("jutro", 1), ("jutrzejszym", 1)]).unwrap();
        assert_eq!(
            s.filter_pieces(),
            [&b"czoraj"[..], &b"utro"[..], &b"utrzejszym"[..]]
        );
        let text = "Jutro, nie wczoraj.";
        let found: Vec<(&str, i32)> = s.find_iter(text).map(|(r, v)| (&text[r], v)).collect();
        assert_eq!(found, [("Jutro", 1), ("wczoraj", -1)]);
        assert_eq!(s.find_iter("W dniu jutrzejszym").count(), 1);
        assert_eq!(s.find_iter("Dziś i pojutrze").count(), 0);
        // a piece for each word and its capitalised form
        let s = WordSearch::new([("sobotę", 5), ("wtorek", 1)]).unwrap();
        assert_eq!(s.filter_pieces(), ["obotę".as_bytes(), b"torek"]);
        assert_eq!(s.find_iter("We wtorek").count(), 1);
        // words too short for a piece: every text is searched
        let s = WordSearch::new([("dla", 5), ("pod", 1)]).unwrap();
        assert!(s.filter_pieces().is_empty());
        assert_eq!(s.find_iter("Pod lasem").count(), 1);
        // more groups than MAX_PIECES: no filter
        let s = WordSearch::new([("abcd", 0), ("efgh", 0), ("ijkl", 0), ("mnop", 0)]).unwrap();
        assert!(s.filter_pieces().is_empty());
    }
}
