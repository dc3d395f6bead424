//! A borrowing reader for the big name tables: the format and the errors of
//! [`crate::rules::Tsv`] (header line, `#` comments, trimmed tab-separated fields, every
//! row as wide as the header), without a `String` for every field.

use crate::error::RuleError;
use crate::rules::RuleFiles;

/// Calls `f(line, fields)` for every row of the TSV file `rel`, with the fields of
/// `columns`, in that order.
pub fn rows<'a, const N: usize>(
    files: &'a RuleFiles,
    rel: &str,
    columns: [&str; N],
    mut f: impl FnMut(usize, [&'a str; N]) -> Result<(), RuleError>,
) -> Result<(), RuleError> {
    let path = files.path(rel);
    let text = files.text(rel)?;
    let lines = || {
        text.lines().enumerate().filter(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
    };
    let Some((_, head)) = lines().next() else {
        return Err(RuleError::new(
            path,
            Some(1),
            "empty TSV file: a header line is needed",
        ));
    };
    let header: Vec<&str> = head.split('\t').map(str::trim).collect();
    // the whole file is checked before any row is read, as `Tsv::parse` does
    for (i, l) in lines().skip(1) {
        let n = l.bytes().filter(|&b| b == b'\t').count() + 1;
        if n != header.len() {
            return Err(RuleError::new(
                path,
                Some(i + 1),
                format!(
                    "expected {} tab-separated columns ({}), found {}",
                    header.len(),
                    header.join(", "),
                    n
                ),
            ));
        }
    }
    let mut cols = [0usize; N];
    for (c, name) in cols.iter_mut().zip(columns) {
        *c = header.iter().position(|h| *h == name).ok_or_else(|| {
            RuleError::new(
                path.clone(),
                Some(1),
                format!("missing column {name:?} in header {header:?}"),
            )
        })?;
    }
    let mut fields: Vec<&str> = Vec::with_capacity(header.len());
    for (i, l) in lines().skip(1) {
        fields.clear();
        fields.extend(l.split('\t').map(str::trim));
        f(i + 1, cols.map(|c| fields.get(c).copied().unwrap_or("")))?;
    }
    Ok(())
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
        rows(&files, "a.tsv", ["count", "name"], |line, [c, n]| {
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
            let mine = rows(&files, "a.tsv", [col], |_, _| Ok(()))
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
