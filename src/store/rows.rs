//! Rows inserted many to a statement (`INSERT … VALUES (…), (…), …`): SQLite runs the
//! statement's setup (cursors, the table's lookup) once for the group instead of once a
//! row. The rows go in the order given.

use rusqlite::{Connection, Statement};

/// Rows a statement inserts at most; fewer are inserted by halves (32, 16, …, 1), so that
/// a handful of statements is prepared (and cached) a table.
pub(super) const GROUP: usize = 64;

/// A row of one table, bound to a statement's parameters.
pub(super) trait Row {
    /// The columns it fills (`INSERT INTO t (these) …` when named).
    const COLUMNS: usize;
    /// Binds its values to parameters `first..first + COLUMNS`.
    fn bind(&self, st: &mut Statement, first: usize) -> rusqlite::Result<()>;
}

/// Binds `values` to parameters `first..` in order (a [`Row::bind`] of plain columns).
pub(super) fn bind_all(
    st: &mut Statement,
    first: usize,
    values: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<()> {
    for (k, v) in values.iter().enumerate() {
        st.raw_bind_parameter(first + k, v)?;
    }
    Ok(())
}

/// The SQL that inserts `n` rows: `head` (`INSERT INTO t (a, b)`) and `n` groups of
/// parameters (`?` are numbered in order).
fn values(head: &str, columns: usize, n: usize) -> String {
    let row = format!("({}?)", "?,".repeat(columns - 1));
    let mut sql = String::with_capacity(head.len() + 8 + n * (row.len() + 1));
    sql.push_str(head);
    sql.push_str(" VALUES ");
    for r in 0..n {
        if r > 0 {
            sql.push(',');
        }
        sql.push_str(&row);
    }
    sql
}

/// Inserts `rows` with `head` (`INSERT [OR …] INTO t (columns)`), [`GROUP`] rows a
/// statement (the rest by halves).
pub(super) fn insert<R: Row>(conn: &Connection, head: &str, rows: &[R]) -> rusqlite::Result<()> {
    let mut rest = rows;
    while !rest.is_empty() {
        let n = if rest.len() >= GROUP {
            GROUP
        } else {
            // the largest power of two not above what is left
            1 << (usize::BITS - 1 - rest.len().leading_zeros())
        };
        let (now, later) = rest.split_at(n);
        let mut st = conn.prepare_cached(&values(head, R::COLUMNS, n))?;
        for (i, row) in now.iter().enumerate() {
            row.bind(&mut st, i * R::COLUMNS + 1)?;
        }
        st.raw_execute()?;
        rest = later;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pair(i64, Option<String>);

    impl Row for Pair {
        const COLUMNS: usize = 2;
        fn bind(&self, st: &mut Statement, first: usize) -> rusqlite::Result<()> {
            st.raw_bind_parameter(first, self.0)?;
            st.raw_bind_parameter(first + 1, &self.1)
        }
    }

    #[test]
    fn every_row_goes_in_in_order_whatever_the_count() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a INTEGER, b TEXT)")
            .unwrap();
        for n in [0, 1, 2, 3, 63, 64, 65, 64 * 3 + 37] {
            conn.execute("DELETE FROM t", []).unwrap();
            let rows: Vec<Pair> = (0..n)
                .map(|i| Pair(i as i64, (i % 3 != 0).then(|| format!("r{i}"))))
                .collect();
            insert(&conn, "INSERT INTO t (a, b)", &rows).unwrap();
            let got: Vec<(i64, Option<String>)> = conn
                .prepare("SELECT a, b FROM t ORDER BY rowid")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let want: Vec<(i64, Option<String>)> = rows.into_iter().map(|p| (p.0, p.1)).collect();
            assert_eq!(got, want, "{n} rows");
        }
    }

    #[test]
    fn the_sql_has_a_group_of_parameters_a_row() {
        assert_eq!(
            values("INSERT INTO t (a, b)", 2, 2),
            "INSERT INTO t (a, b) VALUES (?,?),(?,?)"
        );
    }
}
