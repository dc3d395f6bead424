//! The money tables read from TSV: multipliers and currencies.

use crate::error::RuleError;
use crate::rules::Tsv;
use std::collections::HashMap;

/// Where a currency word stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// After the number: "56 tys. zł".
    After,
    /// Before the number: "PLN 50 000,00".
    Before,
    /// After the number, only at a line end (a paragraph cut inside "zł").
    LineEnd,
}

/// Form → factor in hundredths, and the forms that may stand with no currency.
pub fn load_multipliers(tsv: &Tsv) -> Result<(HashMap<String, i128>, Vec<String>), RuleError> {
    let (f, x, a) = (
        tsv.column("form")?,
        tsv.column("factor")?,
        tsv.column("alone")?,
    );
    let mut out = HashMap::new();
    let mut alone = Vec::new();
    for row in &tsv.rows {
        let factor: i128 = row.fields[x]
            .parse()
            .ok()
            .filter(|&n: &i128| n > 0 && n <= 1_000_000_000_000)
            .ok_or_else(|| {
                tsv.error(
                    row,
                    format!("factor {:?} is not a positive integer", row.fields[x]),
                )
            })?;
        match row.fields[a].as_str() {
            "yes" => alone.push(row.fields[f].clone()),
            "no" => {}
            other => {
                return Err(tsv.error(row, format!("alone {other:?} is neither yes nor no")));
            }
        }
        out.insert(row.fields[f].to_lowercase(), factor * 100);
    }
    Ok((out, alone))
}

pub fn load_currencies(tsv: &Tsv) -> Result<HashMap<(String, Place), String>, RuleError> {
    let (f, c, p) = (
        tsv.column("form")?,
        tsv.column("code")?,
        tsv.column("place")?,
    );
    let mut out = HashMap::new();
    for row in &tsv.rows {
        let code = &row.fields[c];
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(tsv.error(row, format!("code {code:?} is not an ISO 4217 code")));
        }
        let place = match row.fields[p].as_str() {
            "after" => Place::After,
            "before" => Place::Before,
            "line_end" => Place::LineEnd,
            other => {
                return Err(tsv.error(
                    row,
                    format!("place {other:?} is not one of after, before, line_end"),
                ))
            }
        };
        out.insert((row.fields[f].to_lowercase(), place), code.clone());
    }
    Ok(out)
}
