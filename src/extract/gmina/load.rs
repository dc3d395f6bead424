//! Loading the gmina rules: the context words, qualifiers and settings of
//! `gmina/context.toml`, the gazetteer and the localities.

use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Fuzzy {
    pub(super) one_edit_from: usize,
    pub(super) two_edits_from: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Qualifier {
    kind: String,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextFile {
    context_words: Vec<String>,
    abbreviations: Vec<String>,
    list_words: Vec<String>,
    list_joiners: Vec<String>,
    list_gaps: Vec<String>,
    list_words_before_colon: usize,
    qualifier: Vec<Qualifier>,
    prefix: Vec<Qualifier>,
    plain_kind_order: Vec<String>,
    fuzzy: Fuzzy,
    evidence: Weights,
    locality: LocalityConfig,
}

const CONTEXT_FILE: &str = "gmina/context.toml";

fn folded_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| fold(w)).collect()
}

impl GminaRules {
    /// Reads the gmina and locality registers and the context rules (`rules/gmina/`):
    /// [`Extractor::load`].
    pub(super) fn from_files(files: &RuleFiles) -> Result<GminaRules, RuleError> {
        let cf: ContextFile = files.toml(CONTEXT_FILE)?;
        let kind = |s: &str| {
            Kind::parse(s).ok_or_else(|| {
                RuleError::new(
                    files.path(CONTEXT_FILE),
                    None,
                    format!("unknown gmina kind {s:?} (miejska, wiejska, miejsko-wiejska)"),
                )
            })
        };
        let mut qualifiers = Vec::new();
        for q in &cf.qualifier {
            let k = kind(&q.kind)?;
            qualifiers.extend(q.words.iter().map(|w| (fold(w), k)));
        }
        let mut prefixes = Vec::new();
        for q in &cf.prefix {
            let k = kind(&q.kind)?;
            prefixes.extend(q.words.iter().map(|w| (fold(w), k)));
        }
        let mut qualifier_starts = [false; 128];
        for (q, _) in &qualifiers {
            match q.bytes().next() {
                Some(b) if b.is_ascii() => qualifier_starts[usize::from(b)] = true,
                // A qualifier starting otherwise: any word may start one.
                _ => qualifier_starts = [true; 128],
            }
        }
        let kind_order = cf
            .plain_kind_order
            .iter()
            .map(|s| kind(s))
            .collect::<Result<Vec<_>, _>>()?;
        let mut triggers: Vec<String> = vec!["gmin".to_string()];
        triggers.extend(cf.abbreviations.iter().map(|a| format!("{}.", fold(a))));
        triggers.extend(cf.context_words.iter().map(|w| fold(w)));
        triggers.sort_unstable();
        triggers.dedup();
        // A line with a word that contains another is a line with the other: the shorter
        // words find the same lines.
        let shortest: Vec<&String> = triggers
            .iter()
            .filter(|t| !triggers.iter().any(|o| o != *t && t.contains(o.as_str())))
            .collect();
        let trigger = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&shortest)
            .map_err(|e| RuleError::new(files.path(CONTEXT_FILE), None, e.to_string()))?;
        let context_words = folded_set(&cf.context_words);
        let abbreviations = folded_set(&cf.abbreviations);
        let mut word_starts: Vec<[char; 2]> = context_words
            .iter()
            .chain(&abbreviations)
            .filter_map(|w| {
                let mut c = w.chars();
                Some([c.next()?, c.next()?])
            })
            .collect();
        word_starts.sort_unstable();
        word_starts.dedup();
        Ok(GminaRules {
            gazetteer: Gazetteer::load(files)?,
            places: Places::load(files, cf.evidence)?,
            trigger,
            context_words,
            abbreviations,
            word_starts,
            list_words: folded_set(&cf.list_words),
            list_joiners: folded_set(&cf.list_joiners),
            list_gaps: cf.list_gaps,
            list_words_before_colon: cf.list_words_before_colon,
            qualifiers,
            qualifier_starts,
            prefixes,
            kind_order,
            fuzzy: cf.fuzzy,
            localities: Localities::load(files, cf.locality)?,
        })
    }
}
