//! The event pass on records kept for the event stage.

use crate::record::DocumentRecord;

#[test]
fn the_event_pass_on_kept_records_frees_the_features_and_gives_the_same_events() {
    let rules = crate::pipeline::RuleSet::embedded().unwrap();
    let (full, want) = crate::store::bundled_events(&rules);
    let mut kept: Vec<DocumentRecord> = crate::store::bundled_records(&rules);
    for d in &mut kept {
        d.keep_for_events();
    }
    let (days, undo) = super::event_pass(&rules.events, &mut kept);
    // grouped: only the dates' cues are left of the features
    assert!(kept.iter().all(|d| d
        .sketch
        .as_ref()
        .is_none_or(|s| s.bins.is_empty() && s.paragraphs.is_empty())));
    assert!(kept
        .iter()
        .any(|d| d.sketch.as_ref().is_some_and(|s| !s.cues.is_empty())));
    let events = crate::consolidate::records(&kept, days);
    assert_eq!(events, want);
    assert!(events.iter().any(|e| e.sources.len() > 1));
    // the years filled are those of the whole records, and undo says where
    for ((f, k), undo) in full.iter().zip(&kept).zip(&undo) {
        let items =
            |d: &DocumentRecord| -> Vec<_> { d.dates.iter().map(|x| x.item.clone()).collect() };
        assert_eq!(items(f), items(k));
        let filled = f
            .dates
            .iter()
            .any(|x| x.item.year_from.as_deref() == Some("event"));
        assert_eq!(undo.is_some(), filled, "{}", f.id);
    }
    assert!(undo.iter().any(Option::is_some));
}
