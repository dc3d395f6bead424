//! Ranges of sums ("od 50 do 80 tys. zł"): the `[ranges]` table of `patterns.toml` names
//! the words before a range's low end and the words that join it to the high end. The
//! same table makes the named patterns `RangeFrom`, `RangeJoinWord` and `RangeJoinMark`
//! (used by `RangeLow`) and tells the reader which opener takes which joins, so a word
//! added there is both matched and read.

use crate::error::RuleError;
use crate::rules::{alternation, RuleFiles};
use std::collections::BTreeMap;

use super::or_never;

/// The part of `patterns.toml` read here (the `[patterns]` table is read by the extractor).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    ranges: BTreeMap<String, toml::Spanned<Vec<String>>>,
    range_ratio: RatioFile,
    /// Read by `files.patterns` (`MoneyRules::load`).
    #[serde(rename = "patterns")]
    _patterns: serde::de::IgnoredAny,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RatioFile {
    marked: i64,
    bare: i64,
}

/// The range table, in lower case with single spaces.
#[derive(Debug)]
pub struct Ranges {
    /// opener ("" for none) → the joins it takes.
    pairs: BTreeMap<String, Vec<String>>,
    /// How far apart the ends may be (high / low at most) when the range is marked (an
    /// opener, or a mark joined without spaces: "50-80 tys. zł") ...
    ratio_marked: i128,
    /// ... and when it is not ("50 - 80 tys. zł", which list items also look like).
    ratio_bare: i128,
}

/// Lower case, runs of whitespace as one space, trimmed.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A join made of marks only ("-"), not of words ("do", "aż do").
fn is_mark(join: &str) -> bool {
    !join.chars().any(char::is_alphanumeric)
}

impl Ranges {
    pub fn load(files: &RuleFiles, rel: &str) -> Result<Ranges, RuleError> {
        let file: File = files.toml(rel)?;
        let err = |at: usize, m: String| files.error_at(rel, at, m);
        let mut pairs = BTreeMap::new();
        for (opener, joins) in &file.ranges {
            let at = joins.span().start;
            if opener.chars().any(|c| !c.is_alphabetic() && c != ' ') {
                return Err(err(at, format!("range opener {opener:?} is not words")));
            }
            if joins.get_ref().is_empty() {
                return Err(err(
                    at,
                    format!("range opener {opener:?} has no join word: a range needs both"),
                ));
            }
            let mut list = Vec::new();
            for j in joins.get_ref() {
                let n = norm(j);
                let words = n.chars().all(|c| c.is_alphabetic() || c == ' ');
                if n.is_empty() || !(words || is_mark(&n) && !n.contains(' ')) {
                    return Err(err(
                        at,
                        format!("range join {j:?} is neither words nor one mark"),
                    ));
                }
                list.push(n);
            }
            pairs.insert(norm(opener), list);
        }
        let r = &file.range_ratio;
        if r.marked < 1 || r.bare < 1 {
            return Err(RuleError::new(
                files.path(rel),
                None,
                "range_ratio: marked and bare must be at least 1",
            ));
        }
        Ok(Ranges {
            pairs,
            ratio_marked: i128::from(r.marked),
            ratio_bare: i128::from(r.bare),
        })
    }

    /// The named patterns made from the table: `RangeFrom` (the openers), `RangeJoinWord`
    /// (joins of words, a space between words matching a space or a line break) and
    /// `RangeJoinMark` (joins of marks).
    pub fn patterns(&self) -> Vec<(&'static str, String)> {
        let joins = || self.pairs.values().flatten().map(String::as_str);
        let words = alternation(joins().filter(|j| !is_mark(j))).replace(' ', "[ \\n]");
        vec![
            (
                "RangeFrom",
                or_never(alternation(self.pairs.keys().map(String::as_str)).replace(' ', "[ \\n]")),
            ),
            ("RangeJoinWord", or_never(words)),
            (
                "RangeJoinMark",
                or_never(alternation(joins().filter(|j| is_mark(j)))),
            ),
        ]
    }

    /// Whether a low end `lo` and a high end `hi` (hundredths) opened by `from` (absent
    /// when none) and joined by `join` (as matched, with its spaces) are one range.
    pub fn accepts(&self, from: Option<&str>, join: &str, lo: i128, hi: i128) -> bool {
        let opener = from.map(norm).unwrap_or_default();
        let word = norm(join);
        let Some(joins) = self.pairs.get(&opener) else {
            return false;
        };
        if !joins.contains(&word) {
            return false;
        }
        let marked = !opener.is_empty() || is_mark(&word) && join == word;
        let ratio = if marked {
            self.ratio_marked
        } else {
            self.ratio_bare
        };
        lo < hi && hi <= lo.saturating_mul(ratio)
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::money::MoneyRules;
    use crate::extract::Extractor;
    use crate::rules::RuleFiles;

    /// The patterns file with its `[ranges]` table replaced by `table`.
    fn with_ranges(table: &str) -> RuleFiles {
        let files = RuleFiles::embedded();
        let text = files.text("money/patterns.toml").unwrap();
        let cut = text.find("\n[ranges]\n").unwrap() + 1;
        let end = text.find("\n[range_ratio]\n").unwrap() + 1;
        let new = format!("{}[ranges]\n{table}\n{}", &text[..cut], &text[end..]);
        files.with_file("money/patterns.toml", &new)
    }

    fn values(files: &RuleFiles, text: &str) -> Vec<String> {
        use crate::extract::Context;
        use crate::normalise::{normalise, NormaliseRules};
        use crate::text::Mapped;
        let rules = MoneyRules::load(files).unwrap();
        let norm = normalise(
            &Mapped::identity(text),
            &NormaliseRules::load(files).unwrap(),
        );
        rules
            .extract(&Context::new(&norm, None))
            .into_iter()
            .map(|f| f.item.value)
            .collect()
    }

    #[test]
    fn a_join_added_to_the_table_is_matched_and_read() {
        let text = "Dotacje wyniosą od 50 aż do 80 tys. zł na sołectwo.";
        assert_eq!(values(&RuleFiles::embedded(), text), ["80000.00"]);
        let files = with_ranges("\"od\" = [\"do\", \"aż do\", \"-\"]\n\"\" = [\"-\"]");
        assert_eq!(values(&files, text), ["50000.00", "80000.00"]);
        // taken out of the table, "między 30 a 60" is no range any more
        let text = "Dotacje wyniosą między 30 a 60 tys. zł na sołectwo.";
        assert_eq!(values(&files, text), ["60000.00"]);
    }

    #[test]
    fn an_opener_without_joins_or_a_bad_join_is_a_load_error_with_its_line() {
        for table in [
            "\"od\" = []",
            "\"od\" = [\"do\", \"5\"]",
            "\"od 1\" = [\"do\"]",
        ] {
            let files = with_ranges(table);
            let e = MoneyRules::load(&files).unwrap_err();
            let text = files.text("money/patterns.toml").unwrap();
            let line = text.lines().position(|l| l == table).unwrap() + 1;
            assert_eq!(e.line, Some(line), "{e}");
            assert!(
                e.to_string().starts_with("rules/money/patterns.toml:"),
                "{e}"
            );
        }
    }
}
