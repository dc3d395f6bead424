//! Errors that carry what they are about: the input file, or the rule file and line.

use std::path::PathBuf;

/// Why one input file could not become a document. The batch goes on without it.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Opening or reading the file failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The directory walk could not reach the entry, or it is not a regular file (a
    /// socket, a fifo, a symlink loop); holds the reason.
    #[error("cannot walk: {0}")]
    Walk(String),
    /// The file has no bytes, or only whitespace once decoded.
    #[error("empty file")]
    Empty,
    /// The file is larger than `--max-file-size`.
    #[error("file of {size} bytes is larger than --max-file-size {limit}")]
    TooLarge {
        /// The file's size in bytes (as far as it was read).
        size: u64,
        /// The `--max-file-size` limit in bytes.
        limit: u64,
    },
    /// Binary data, not text: names the kind found (a signature, or control characters).
    #[error("not text: {0}")]
    Binary(&'static str),
    /// The bytes are not valid in the named encoding (or in any encoding tried).
    #[error("cannot decode as {0}")]
    Undecodable(&'static str),
    /// A file type komunikat does not read; holds the extension.
    #[error("unsupported file type {0:?} (expected .txt, .md, .html or .htm)")]
    Unsupported(String),
    /// A PDF or DOCX whose text could not be taken out; holds the reader's reason.
    #[error("cannot read the document: {0}")]
    Document(String),
    /// Not a release (an image, a style sheet, an archive): counted, not an error.
    #[error("skipped: {0}")]
    Skipped(String),
    /// Two files would get the same document id.
    #[error("duplicate document id {id:?}: already used by {first}")]
    DuplicateId {
        /// The id both would get.
        id: String,
        /// The file that was given the id first.
        first: String,
    },
}

/// A rule file that cannot be used: names the file and, where known, the line.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct RuleError {
    /// The rule file.
    pub path: PathBuf,
    /// The 1-based line in it, when the fault is on one line.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl RuleError {
    /// An error about `path` (at `line`, when known) saying `message`.
    pub fn new(path: impl Into<PathBuf>, line: Option<usize>, message: impl Into<String>) -> Self {
        RuleError {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}
