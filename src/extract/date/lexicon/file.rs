//! The shape of `rules/date/words.toml`: every section and key the lexicon reads; any
//! other fails the load with its line.

use std::collections::BTreeMap;
use toml::Spanned;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WordsFile {
    pub year_words: Vec<String>,
    pub relative_years: BTreeMap<String, i32>,
    pub relative_months: BTreeMap<String, i32>,
    pub ranges: Ranges,
    pub lead: Lead,
    pub ordinal_suffixes: Suffixes,
    pub publication: Publication,
    pub reject: Reject,
    pub lists: Lists,
    pub names: Names,
    pub citations: Citations,
    pub recurring: Recurring,
    pub history: History,
}

/// A list entry with where it stands in its file.
pub(super) type Entry = Spanned<String>;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Ranges {
    pub from: Vec<Entry>,
    pub start: Vec<Entry>,
    pub to: Vec<Entry>,
    pub deadline: Vec<Entry>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Lead {
    pub trim: Vec<Entry>,
    pub skip: Vec<Entry>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Suffixes {
    pub forms: Vec<Entry>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Lists {
    pub and: Vec<Entry>,
    pub turn: Vec<Entry>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Names {
    pub heads: Vec<Entry>,
    pub patrons: Vec<Entry>,
    pub patron_words: usize,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Publication {
    pub keywords: Vec<String>,
    pub standalone_within: usize,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Reject {
    pub before: Vec<Entry>,
    pub values: Vec<Entry>,
    pub calendar: Vec<Entry>,
    pub calendar_words: usize,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Citations {
    pub acts: Vec<Entry>,
    pub within: usize,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Recurring {
    pub after: Vec<Entry>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct History {
    pub before: Spanned<i32>,
}
