//! The records kept for the event stage and the events kept for the store's rows.
use super::*;

#[test]
fn a_record_kept_for_events_gives_the_same_events_and_is_rebuilt_whole() {
    let rules = crate::pipeline::RuleSet::embedded().unwrap();
    let mut full = super::super::bundled_records(&rules);
    // (the event stage as `batch::build_events` runs it)
    let events_of = |docs: &mut [DocumentRecord]| {
        let groups = crate::dedup::cluster(&rules.events, docs);
        let days = crate::consolidate::fill_years(&rules.events, docs, &groups);
        crate::consolidate::records(docs, days)
    };
    let lines: Vec<String> = full
        .iter()
        .map(|d| serde_json::to_string(d).unwrap())
        .collect();
    let mut kept = full.clone();
    for d in &mut kept {
        d.keep_for_events();
    }
    assert_ne!(kept, full);
    let events = events_of(&mut full);
    let events_kept = events_of(&mut kept);
    assert_eq!(events, events_kept);
    let mut filled = 0;
    for ((f, k), line) in full.iter().zip(&kept).zip(&lines) {
        filled += usize::from(serde_json::to_string(f).unwrap() != *line);
        assert_eq!(
            serde_json::to_string(&rebuilt(line, k).unwrap()).unwrap(),
            serde_json::to_string(f).unwrap()
        );
    }
    assert!(filled > 0, "no year filled by an event");
}

#[test]
fn records_kept_by_id_and_events_kept_for_their_rows_lose_nothing_the_store_reads() {
    let rules = crate::pipeline::RuleSet::embedded().unwrap();
    let (full, want) = super::super::bundled_events(&rules);
    // a record kept for its id and an event kept for its store rows
    let mut only_id = full[0].clone();
    only_id.keep_id();
    assert_eq!(only_id.id, full[0].id);
    assert!(only_id.dates.is_empty() && only_id.sketch.is_none() && only_id.title.is_empty());
    let trimmed: Vec<EventRecord> = want
        .iter()
        .map(|e| {
            let mut t = e.clone();
            t.keep_for_store();
            t
        })
        .collect();
    assert!(trimmed
        .iter()
        .all(|t| t.evidence.is_empty() && t.officials.iter().all(|o| o.mentions.is_empty())));
    let rows = |events: &[EventRecord]| {
        let mut r = EventRows::default();
        for e in events {
            r.add(e);
        }
        let facts: Vec<_> = r
            .facts
            .iter()
            .map(|f| {
                (
                    f.event,
                    f.kind,
                    f.value,
                    f.role,
                    f.teryt,
                    f.currency,
                    f.sources.clone(),
                )
            })
            .collect();
        let sources: Vec<_> = r.sources.iter().map(|s| (s.0, s.1)).collect();
        let conflicts: Vec<_> = r
            .conflicts
            .iter()
            .map(|c| (c.event, c.field, c.values.clone(), c.sources.clone()))
            .collect();
        format!("{facts:?} {sources:?} {conflicts:?}")
    };
    assert_eq!(rows(&trimmed), rows(&want));
    assert!(rows(&want).contains("official"));
}
