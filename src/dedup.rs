//! Deduplicate: group releases that retell one happening.

use crate::record::DocumentRecord;

/// Groups of indices into `docs`, each group one happening (Polish releases only).
pub fn cluster(docs: &[DocumentRecord]) -> Vec<Vec<usize>> {
    docs.iter()
        .enumerate()
        .filter(|(_, d)| d.polish)
        .map(|(i, _)| vec![i])
        .collect()
}
