//! Consolidate: one event record per group of releases, with provenance.

use crate::record::{DocumentRecord, EventRecord};

/// Builds the event records of `groups` (indices into `docs`), sorted by id.
pub fn events(docs: &mut [DocumentRecord], groups: &[Vec<usize>]) -> Vec<EventRecord> {
    let mut out: Vec<EventRecord> = groups
        .iter()
        .map(|g| {
            let d = &docs[g[0]];
            EventRecord {
                id: d.id.clone(),
                date: None,
                title: d.title.clone(),
                sources: g.iter().map(|&i| docs[i].id.clone()).collect(),
                officials: Vec::new(),
                gminas: Vec::new(),
                institutions: Vec::new(),
                sums: Vec::new(),
                dates: Vec::new(),
                conflicts: Vec::new(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}
