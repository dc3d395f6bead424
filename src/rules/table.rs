//! A borrowing reader for big tables (the name lists): the format and the errors of
//! [`super::Tsv`] (header line, `#` comments, trimmed tab-separated fields, every row as
//! wide as the header), without a `String` for every field. Both share the line filter and
//! the error messages below.

use super::RuleFiles;
use crate::error::RuleError;
use std::path::PathBuf;

/// A TSV file checked for its shape, its rows not yet read.
pub struct Table<'a> {
    path: PathBuf,
    text: &'a str,
    header: Vec<&'a str>,
    rows: usize,
}

/// The lines that are not blank nor comments, numbered from 0 (lines as `str::lines`
/// splits them).
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
    .enumerate()
    .filter(|(_, l)| match l.as_bytes().first() {
        // A line starting with a visible ASCII character is not blank.
        Some(b) if b.is_ascii_graphic() => *b != b'#',
        _ => {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        }
    })
}

/// `field.trim()`, at once for a field that starts and ends with visible ASCII.
pub(super) fn trim_field(field: &str) -> &str {
    match (field.as_bytes().first(), field.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => field,
        _ => field.trim(),
    }
}

impl<'a> Table<'a> {
    /// The TSV file `rel`, every row checked to be as wide as the header (as
    /// `Tsv::parse` does before any row is read).
    pub fn open(files: &'a RuleFiles, rel: &str) -> Result<Table<'a>, RuleError> {
        let path = files.path(rel);
        let text = files.text(rel)?;
        let Some((_, head)) = lines(text).next() else {
            return Err(RuleError::new(
                path,
                Some(1),
                "empty TSV file: a header line is needed",
            ));
        };
        let header: Vec<&str> = head.split('\t').map(str::trim).collect();
        let mut rows = 0;
        for (i, l) in lines(text).skip(1) {
            let n = l.bytes().filter(|&b| b == b'\t').count() + 1;
            if n != header.len() {
                return Err(width_error(path, i + 1, &header, n));
            }
            rows += 1;
        }
        Ok(Table {
            path,
            text,
            header,
            rows,
        })
    }

    /// How many rows the file has.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether the file has no row.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// An error about the row on `line`.
    pub fn error(&self, line: usize, message: &str) -> RuleError {
        RuleError::new(self.path.clone(), Some(line), message)
    }

    /// Calls `f(line, fields)` for every row, with the fields of `columns` in that order.
    pub fn rows<const N: usize>(
        &self,
        columns: [&str; N],
        mut f: impl FnMut(usize, [&'a str; N]) -> Result<(), RuleError>,
    ) -> Result<(), RuleError> {
        let mut cols = [0usize; N];
        for (c, name) in cols.iter_mut().zip(columns) {
            *c = self
                .header
                .iter()
                .position(|h| *h == name)
                .ok_or_else(|| missing_column(self.path.clone(), name, &self.header))?;
        }
        for (i, l) in lines(self.text).skip(1) {
            let mut got = [""; N];
            let mut rest = l;
            for k in 0.. {
                let (field, more) = match memchr::memchr(b'\t', rest.as_bytes()) {
                    Some(t) => (&rest[..t], Some(&rest[t + 1..])),
                    None => (rest, None),
                };
                for (slot, &c) in got.iter_mut().zip(&cols) {
                    if c == k {
                        *slot = trim_field(field);
                    }
                }
                match more {
                    Some(m) => rest = m,
                    None => break,
                }
            }
            f(i + 1, got)?;
        }
        Ok(())
    }
}

/// A row not as wide as the header.
pub(super) fn width_error(path: PathBuf, line: usize, header: &[&str], n: usize) -> RuleError {
    RuleError::new(
        path,
        Some(line),
        format!(
            "expected {} tab-separated columns ({}), found {}",
            header.len(),
            header.join(", "),
            n
        ),
    )
}

/// A column the header lacks.
pub(super) fn missing_column(path: PathBuf, name: &str, header: &[&str]) -> RuleError {
    RuleError::new(
        path,
        Some(1),
        format!("missing column {name:?} in header {header:?}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows and errors are those of `Tsv`.
    #[test]
    fn reads_as_tsv_does() {
        let text = "# note\nname\tgender\tcount\n\nAnna\tf\t 5\n# x\nJan\tm\t3\n";
        let files = RuleFiles::from_pairs(&[("a.tsv", text)]);
        let mut got = Vec::new();
        let table = Table::open(&files, "a.tsv").unwrap();
        assert_eq!(table.len(), 2);
        assert!(!table.is_empty());
        table
            .rows(["count", "name"], |line, [c, n]| {
                got.push((line, c.to_string(), n.to_string()));
                Ok(())
            })
            .unwrap();
        let t = files.tsv("a.tsv").unwrap();
        let want: Vec<_> = t
            .rows
            .iter()
            .map(|r| (r.line, r.fields[2].clone(), r.fields[0].clone()))
            .collect();
        assert_eq!(got, want);

        let bad = |text: &str, col: &str| {
            let files = RuleFiles::from_pairs(&[("a.tsv", text)]);
            let mine = Table::open(&files, "a.tsv")
                .and_then(|t| t.rows([col], |_, _| Ok(())))
                .unwrap_err()
                .to_string();
            let theirs = files
                .tsv("a.tsv")
                .and_then(|t| t.column(col).map(|_| ()))
                .unwrap_err()
                .to_string();
            assert_eq!(mine, theirs);
        };
        bad("a\tb\n1\t2\n3\n", "a");
        bad("a\tb\n1\t2\n", "c");
        bad("# only\n\n", "a");
    }
}
