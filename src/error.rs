//! Errors that carry what they are about: the input file, or the rule file and line.

use std::path::PathBuf;

/// Why one input file could not become a document. The batch goes on without it.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot walk: {0}")]
    Walk(String),
    #[error("empty file")]
    Empty,
    #[error("file of {size} bytes is larger than --max-file-size {limit}")]
    TooLarge { size: u64, limit: u64 },
    #[error("not text: {0}")]
    Binary(&'static str),
    #[error("cannot decode as {0}")]
    Undecodable(&'static str),
    #[error("unsupported file type {0:?} (expected .txt, .md, .html or .htm)")]
    Unsupported(String),
    #[error("cannot read the document: {0}")]
    Document(String),
    /// Not a release (an image, a style sheet, an archive): counted, not an error.
    #[error("skipped: {0}")]
    Skipped(String),
    #[error("duplicate document id {id:?}: already used by {first}")]
    DuplicateId { id: String, first: String },
}

/// A rule file that cannot be used: names the file and, where known, the line.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct RuleError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl RuleError {
    pub fn new(path: impl Into<PathBuf>, line: Option<usize>, message: impl Into<String>) -> Self {
        RuleError {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}
