//! Rules are data: month names, offices, gazetteers and patterns live in `rules/` as TOML
//! and TSV files. They are read once (embedded at build time, or from `--rules DIR`) and
//! every problem in them is an error that names the file and the line.
//!
//! Patterns are named regex pieces composed with `{Name}` placeholders, in the manner of
//! Recognizers-Text; references are resolved and checked when the file is loaded.

use crate::error::RuleError;
use regex::Regex;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod table;
pub use table::Table;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/rules_embedded.rs"));
}

/// The rule files: path under `rules/` → content.
#[derive(Debug, Clone)]
pub struct RuleFiles {
    root: PathBuf,
    files: BTreeMap<String, String>,
}

impl RuleFiles {
    /// The rules this binary was built with.
    pub fn embedded() -> RuleFiles {
        RuleFiles {
            root: PathBuf::from("rules"),
            files: embedded::EMBEDDED
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect(),
        }
    }

    /// A hash of every file's name and content: records made with rules of another digest
    /// are made again by the archive store.
    pub fn digest(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for (name, text) in &self.files {
            h.update(name.as_bytes());
            h.update(&[0]);
            h.update(text.as_bytes());
            h.update(&[0]);
        }
        h.digest()
    }

    /// Every `.toml` and `.tsv` file below `dir`.
    pub fn from_dir(dir: &Path) -> Result<RuleFiles, RuleError> {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                RuleError::new(e.path().unwrap_or(dir).to_path_buf(), None, e.to_string())
            })?;
            let p = entry.path();
            if !entry.file_type().is_file()
                || !matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "tsv"))
            {
                continue;
            }
            let text = std::fs::read_to_string(p)
                .map_err(|e| RuleError::new(p.to_path_buf(), None, e.to_string()))?;
            let rel = p
                .strip_prefix(dir)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, text);
        }
        Ok(RuleFiles {
            root: dir.to_path_buf(),
            files,
        })
    }

    /// Rule files given directly (tests of the loader).
    pub fn from_pairs(pairs: &[(&str, &str)]) -> RuleFiles {
        RuleFiles {
            root: PathBuf::from("rules"),
            files: pairs
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect(),
        }
    }

    /// Replaces or adds one file (tests of bad rule files).
    pub fn with_file(mut self, rel: &str, content: &str) -> RuleFiles {
        self.files.insert(rel.to_string(), content.to_string());
        self
    }

    /// The path of a rule file as errors name it.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// An error about rule file `rel` at byte `at` of its text (a TOML entry's span), naming
    /// the file and the line.
    pub fn error_at(&self, rel: &str, at: usize, message: impl Into<String>) -> RuleError {
        let line = self.text(rel).ok().map(|t| line_of(t, at));
        RuleError::new(self.path(rel), line, message)
    }

    /// The content of the rule file `rel` (a path under `rules/`); an error when there is
    /// no such file.
    pub fn text(&self, rel: &str) -> Result<&str, RuleError> {
        self.files
            .get(rel)
            .map(String::as_str)
            .ok_or_else(|| RuleError::new(self.path(rel), None, "rule file is missing"))
    }

    /// The files under a folder, e.g. every `gazetteer/*.tsv`.
    pub fn list(&self, prefix: &str) -> Vec<&str> {
        self.files
            .keys()
            .filter(|k| k.starts_with(prefix))
            .map(String::as_str)
            .collect()
    }

    /// A TOML file deserialised into `T`; a syntax or shape error names its line.
    pub fn toml<T: serde::de::DeserializeOwned>(&self, rel: &str) -> Result<T, RuleError> {
        let text = self.text(rel)?;
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            RuleError::new(self.path(rel), line, e.message().to_string())
        })
    }

    /// A TSV file with a header line; every row must have the header's column count.
    pub fn tsv(&self, rel: &str) -> Result<Tsv, RuleError> {
        Tsv::parse(self.path(rel), self.text(rel)?)
    }

    /// The `[patterns]` table of a TOML file that holds nothing else: another key is a load
    /// error naming its line, not a setting silently ignored.
    pub fn patterns_only(
        &self,
        rel: &str,
        extra: &[(&str, String)],
    ) -> Result<Patterns, RuleError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Only {
            #[serde(rename = "patterns")]
            _patterns: serde::de::IgnoredAny,
        }
        self.toml::<Only>(rel)?;
        self.patterns(rel, extra)
    }

    /// The `[patterns]` table of a TOML file, `{Name}` references expanded. `extra` adds
    /// named patterns made from data (alternations of gazetteer words).
    pub fn patterns(&self, rel: &str, extra: &[(&str, String)]) -> Result<Patterns, RuleError> {
        Patterns::parse(self.path(rel), self.text(rel)?, extra)
    }
}

/// 1-based line of byte `at` in `text`.
pub fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A tab-separated table: header and rows, each row with its line number.
#[derive(Debug, Clone)]
pub struct Tsv {
    /// The file, as errors name it.
    pub path: PathBuf,
    /// The column names of the header line, trimmed.
    pub header: Vec<String>,
    /// The data rows (blank and comment lines left out), in file order.
    pub rows: Vec<TsvRow>,
}

/// One data row of a [`Tsv`].
#[derive(Debug, Clone)]
pub struct TsvRow {
    /// Its 1-based line in the file.
    pub line: usize,
    /// Its fields, trimmed, as many as the header has columns.
    pub fields: Vec<String>,
}

impl Tsv {
    /// Parses `text` (the content of `path`): a header line, then rows as wide as the
    /// header; blank and comment lines are skipped. An error names the file and line.
    pub fn parse(path: PathBuf, text: &str) -> Result<Tsv, RuleError> {
        let mut lines = table::lines(text);
        let Some((_, head)) = lines.next() else {
            return Err(RuleError::new(
                path,
                Some(1),
                "empty TSV file: a header line is needed",
            ));
        };
        let header: Vec<String> = head.split('\t').map(|s| s.trim().to_string()).collect();
        let mut rows = Vec::new();
        for (i, l) in lines {
            let fields: Vec<String> = l
                .split('\t')
                .map(|s| table::trim_field(s).to_string())
                .collect();
            if fields.len() != header.len() {
                let names: Vec<&str> = header.iter().map(String::as_str).collect();
                return Err(table::width_error(path, i + 1, &names, fields.len()));
            }
            rows.push(TsvRow {
                line: i + 1,
                fields,
            });
        }
        Ok(Tsv { path, header, rows })
    }

    /// The index of a column, or an error naming the file.
    pub fn column(&self, name: &str) -> Result<usize, RuleError> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            let names: Vec<&str> = self.header.iter().map(String::as_str).collect();
            table::missing_column(self.path.clone(), name, &names)
        })
    }

    /// An error about one row.
    pub fn error(&self, row: &TsvRow, message: impl Into<String>) -> RuleError {
        RuleError::new(self.path.clone(), Some(row.line), message)
    }
}

/// Named regex patterns with `{Name}` references expanded.
#[derive(Debug, Clone)]
pub struct Patterns {
    path: PathBuf,
    expanded: BTreeMap<String, String>,
    lines: BTreeMap<String, Option<usize>>,
}

impl Patterns {
    /// Reads the `[patterns]` table of the TOML `text` (the content of `path`), adds the
    /// `extra` patterns made from data and expands every `{Name}` reference; an unknown
    /// or circular reference is an error naming the file and line.
    pub fn parse(
        path: PathBuf,
        text: &str,
        extra: &[(&str, String)],
    ) -> Result<Patterns, RuleError> {
        #[derive(serde::Deserialize)]
        struct File {
            #[serde(default)]
            patterns: BTreeMap<String, String>,
        }
        let file: File = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            RuleError::new(path.clone(), line, e.message().to_string())
        })?;
        let mut raw: BTreeMap<String, String> = file.patterns;
        let mut lines = BTreeMap::new();
        for name in raw.keys() {
            lines.insert(name.clone(), key_line(text, name));
        }
        for (name, pat) in extra {
            if raw.contains_key(*name) {
                return Err(RuleError::new(
                    path.clone(),
                    lines.get(*name).copied().flatten(),
                    format!(
                        "pattern {name:?} is made from data by the extractor: use another name"
                    ),
                ));
            }
            raw.insert(name.to_string(), pat.clone());
        }
        let mut expanded = BTreeMap::new();
        for name in raw.keys() {
            let mut stack = Vec::new();
            expand(name, &raw, &mut expanded, &mut stack, &path, &lines)?;
        }
        Ok(Patterns {
            path,
            expanded,
            lines,
        })
    }

    /// Whether the pattern `name` holds a Unicode word boundary (`\b`): the lazy DFA gives
    /// up on the first non-ASCII letter near one and the search goes to the PikeVM, so a
    /// pattern searched on every line of a release must not (write `(?:\W|$)`, `(?:^|\W)`).
    #[cfg(test)]
    pub(crate) fn has_unicode_word_boundary(&self, name: &str) -> bool {
        let hir = regex_syntax::parse(self.get(name).unwrap()).unwrap();
        hir.properties().look_set().contains_word_unicode()
    }

    /// The expanded pattern called `name`.
    pub fn get(&self, name: &str) -> Result<&str, RuleError> {
        self.expanded.get(name).map(String::as_str).ok_or_else(|| {
            RuleError::new(
                self.path.clone(),
                None,
                format!("no pattern named {name:?}"),
            )
        })
    }

    /// The pattern `name` compiled; a regex error names the file and the pattern's line.
    pub fn regex(&self, name: &str) -> Result<Regex, RuleError> {
        self.compile(name, self.get(name)?, 64 << 20)
    }

    /// `pat` (the pattern `name`, or one made from it) compiled with up to `limit` bytes
    /// for its automata; an error names the file and the pattern's line.
    pub fn compile(&self, name: &str, pat: &str, limit: usize) -> Result<Regex, RuleError> {
        regex::RegexBuilder::new(pat)
            .size_limit(limit)
            .dfa_size_limit(limit)
            .build()
            .map_err(|e| {
                RuleError::new(
                    self.path.clone(),
                    self.lines.get(name).copied().flatten(),
                    format!("pattern {name:?} does not compile: {e}"),
                )
            })
    }

    /// The names of all patterns, those made from data included, in name order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.expanded.keys().map(String::as_str)
    }
}

/// The line on which `name = ...` stands in a TOML text.
fn key_line(text: &str, name: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.strip_prefix(name)
                .map(|r| r.trim_start().starts_with('='))
                .unwrap_or(false)
        })
        .map(|i| i + 1)
}

fn expand(
    name: &str,
    raw: &BTreeMap<String, String>,
    done: &mut BTreeMap<String, String>,
    stack: &mut Vec<String>,
    path: &Path,
    lines: &BTreeMap<String, Option<usize>>,
) -> Result<String, RuleError> {
    if let Some(d) = done.get(name) {
        return Ok(d.clone());
    }
    if stack.iter().any(|s| s == name) {
        let line = lines.get(stack[0].as_str()).copied().flatten();
        return Err(RuleError::new(
            path.to_path_buf(),
            line,
            format!(
                "patterns refer to each other in a cycle: {} -> {name}",
                stack.join(" -> ")
            ),
        ));
    }
    let pat = &raw[name];
    stack.push(name.to_string());
    let mut out = String::with_capacity(pat.len());
    let mut rest = pat.as_str();
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let ident_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let is_ref = ident_len > 0
            && after.as_bytes()[0].is_ascii_alphabetic()
            && after[ident_len..].starts_with('}');
        let escaped = i > 0 && rest.as_bytes()[i - 1] == b'\\';
        if is_ref && !escaped {
            let r = &after[..ident_len];
            if !raw.contains_key(r) {
                let line = lines.get(name).copied().flatten();
                return Err(RuleError::new(
                    path.to_path_buf(),
                    line,
                    format!("pattern {name:?} refers to {{{r}}}, which is not defined"),
                ));
            }
            let sub = expand(r, raw, done, stack, path, lines)?;
            out.push_str("(?:");
            out.push_str(&sub);
            out.push(')');
            rest = &after[ident_len + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    stack.pop();
    done.insert(name.to_string(), out.clone());
    Ok(out)
}

/// Lowercases and strips Polish diacritics: the key gazetteer look-ups fold to.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends `fold(s)` to `out`: every character lower-cased, Polish letters without their
/// diacritics. Runs of ASCII are copied and lower-cased at once; the Polish letters take a
/// short path.
pub fn fold_into(s: &str, out: &mut String) {
    ascii_runs_lowered_into(s, out, |c, out| match c {
        'ą' | 'Ą' => out.push('a'),
        'ć' | 'Ć' => out.push('c'),
        'ę' | 'Ę' => out.push('e'),
        'ł' | 'Ł' => out.push('l'),
        'ń' | 'Ń' => out.push('n'),
        'ó' | 'Ó' => out.push('o'),
        'ś' | 'Ś' => out.push('s'),
        'ź' | 'Ź' | 'ż' | 'Ż' => out.push('z'),
        c => out.extend(c.to_lowercase().map(fold_letter)),
    });
}

/// Appends `s` to `out`, its runs of ASCII copied and lower-cased at once and every other
/// character as `other` writes it (the loop of [`fold_into`] and of lower-casing a name).
#[inline]
pub fn ascii_runs_lowered_into(
    s: &str,
    out: &mut String,
    mut other: impl FnMut(char, &mut String),
) {
    out.reserve(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let n = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let at = out.len();
        out.push_str(&rest[..n]);
        out[at..].make_ascii_lowercase();
        rest = &rest[n..];
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        other(c, out);
    }
}

/// A lower-case Polish letter without its diacritic ('ż' → 'z'); other characters as they are.
pub fn fold_letter(c: char) -> char {
    match c {
        'ą' => 'a',
        'ć' => 'c',
        'ę' => 'e',
        'ł' => 'l',
        'ń' => 'n',
        'ó' => 'o',
        'ś' => 's',
        'ź' | 'ż' => 'z',
        c => c,
    }
}

/// A regex alternation of literal words, longest first (so a longer word wins).
pub fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut w: Vec<&str> = words.into_iter().filter(|w| !w.is_empty()).collect();
    w.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    w.dedup();
    w.iter()
        .map(|s| regex::escape(s))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests;
