//! Event ids that stay: an event of this run takes the id of the stored event it shares the
//! most releases with; an id once written is never given to another event. Stored events
//! absorbed into another one are listed in its `replaces`; every change of that kind
//! (merged, split, removed) is a row of the `redirects` table.

use crate::record::EventRecord;
use std::collections::{BTreeMap, HashMap, HashSet};

/// An event of the previous run, as the store keeps it.
#[derive(Debug, Clone)]
pub struct OldEvent {
    /// Its id.
    pub id: String,
    /// Its releases (document ids).
    pub sources: Vec<String>,
    /// Ids it had absorbed.
    pub replaces: Vec<String>,
}

/// What became of an old id.
#[derive(Debug, Clone, PartialEq)]
pub struct Redirect {
    /// The stored id.
    pub old: String,
    /// The event that holds (most of) its releases now; `None` when they are all gone.
    pub new: Option<String>,
    /// `merged`, `split` or `removed`.
    pub reason: &'static str,
}

/// The ids of this run's events.
#[derive(Debug, Default)]
pub struct Stable {
    /// Final id of each new event (same order as given).
    pub ids: Vec<String>,
    /// Ids each event absorbed, over all runs.
    pub replaces: Vec<Vec<String>>,
    /// Stored ids merged, split or removed.
    pub redirects: Vec<Redirect>,
    /// Events with a new id.
    pub created: usize,
    /// Events that kept their id and changed their releases.
    pub updated: usize,
    /// Stored events absorbed into another.
    pub merged: usize,
    /// Parts split off a stored event.
    pub split: usize,
    /// Stored events whose releases are all gone.
    pub removed: usize,
}

/// Matches `new` events (with the ids the event stage proposes) to the `old` ones;
/// `issued` holds every event id ever written into the store.
pub fn stabilise(new: &[EventRecord], old: &[OldEvent], issued: &HashSet<String>) -> Stable {
    let mut old_of_doc: HashMap<&str, usize> = HashMap::new();
    for (j, o) in old.iter().enumerate() {
        for s in &o.sources {
            old_of_doc.insert(s.as_str(), j);
        }
    }
    // overlap[(new, old)] = shared releases
    let mut overlap: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (i, e) in new.iter().enumerate() {
        for s in &e.sources {
            if let Some(&j) = old_of_doc.get(s.as_str()) {
                *overlap.entry((i, j)).or_insert(0) += 1;
            }
        }
    }
    let mut pairs: Vec<(usize, usize, usize)> =
        overlap.iter().map(|(&(i, j), &n)| (n, i, j)).collect();
    pairs.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| old[a.2].id.cmp(&old[b.2].id))
            .then_with(|| new[a.1].id.cmp(&new[b.1].id))
    });
    let mut match_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut match_old: Vec<Option<usize>> = vec![None; old.len()];
    for &(_, i, j) in &pairs {
        if match_new[i].is_none() && match_old[j].is_none() {
            match_new[i] = Some(j);
            match_old[j] = Some(i);
        }
    }
    let mut out = Stable {
        ids: vec![String::new(); new.len()],
        replaces: vec![Vec::new(); new.len()],
        ..Stable::default()
    };
    let mut taken: HashSet<String> = issued.clone();
    for (i, m) in match_new.iter().enumerate() {
        if let Some(j) = *m {
            out.ids[i] = old[j].id.clone();
            out.replaces[i] = old[j].replaces.clone();
            taken.insert(old[j].id.clone());
            let mut a = new[i].sources.clone();
            let mut b = old[j].sources.clone();
            a.sort();
            b.sort();
            if a != b {
                out.updated += 1;
            }
        }
    }
    // New events in the order of their proposed ids: a clash is settled the same way
    // whatever the order of the records.
    let mut fresh: Vec<usize> = (0..new.len()).filter(|&i| match_new[i].is_none()).collect();
    fresh.sort_by(|&a, &b| {
        new[a]
            .id
            .cmp(&new[b].id)
            .then(new[a].sources.cmp(&new[b].sources))
    });
    for i in fresh {
        let base = &new[i].id;
        let id = if taken.contains(base) {
            (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|c| !taken.contains(c))
                .unwrap_or_else(|| base.clone())
        } else {
            base.clone()
        };
        taken.insert(id.clone());
        out.ids[i] = id;
        out.created += 1;
    }
    // Where the releases of each old event went.
    for (j, o) in old.iter().enumerate() {
        let mut went: BTreeMap<usize, usize> = BTreeMap::new();
        for (&(i, jj), &n) in &overlap {
            if jj == j {
                went.insert(i, n);
            }
        }
        match match_old[j] {
            Some(kept) => {
                for &i in went.keys().filter(|&&i| i != kept) {
                    if match_new[i].is_none() {
                        out.split += 1;
                        out.redirects.push(Redirect {
                            old: o.id.clone(),
                            new: Some(out.ids[i].clone()),
                            reason: "split",
                        });
                    }
                }
            }
            None => {
                let most = went
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(&i, _)| i);
                match most {
                    Some(i) => {
                        out.merged += 1;
                        let absorbed =
                            std::iter::once(o.id.clone()).chain(o.replaces.iter().cloned());
                        out.replaces[i].extend(absorbed);
                        out.redirects.push(Redirect {
                            old: o.id.clone(),
                            new: Some(out.ids[i].clone()),
                            reason: "merged",
                        });
                    }
                    None => {
                        out.removed += 1;
                        out.redirects.push(Redirect {
                            old: o.id.clone(),
                            new: None,
                            reason: "removed",
                        });
                    }
                }
            }
        }
    }
    for r in &mut out.replaces {
        r.sort();
        r.dedup();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: &str, sources: &[&str]) -> EventRecord {
        EventRecord {
            id: id.into(),
            date: None,
            title: String::new(),
            sources: sources.iter().map(|s| s.to_string()).collect(),
            officials: vec![],
            gminas: vec![],
            institutions: vec![],
            sums: vec![],
            dates: vec![],
            conflicts: vec![],
            date_from: None,
            evidence: vec![],
            evidence_omitted: 0,
        }
    }

    fn old(id: &str, sources: &[&str]) -> OldEvent {
        OldEvent {
            id: id.into(),
            sources: sources.iter().map(|s| s.to_string()).collect(),
            replaces: vec![],
        }
    }

    #[test]
    fn an_event_keeps_its_id_when_a_release_that_sorts_earlier_arrives() {
        let issued: HashSet<String> = ["2019-06-04-oksa".to_string()].into();
        let new = [
            ev("2019-06-04-oksa", &["a"]),
            ev("2019-06-04-oksa-2", &["b", "c"]),
        ];
        let s = stabilise(&new, &[old("2019-06-04-oksa", &["b", "c"])], &issued);
        assert_eq!(s.ids, ["2019-06-04-oksa-2", "2019-06-04-oksa"]);
        assert_eq!((s.created, s.updated, s.merged), (1, 0, 0));
    }

    #[test]
    fn a_merge_keeps_the_larger_id_and_records_the_other() {
        let issued: HashSet<String> = ["x".to_string(), "y".to_string()].into();
        let new = [ev("z", &["a", "b", "c"])];
        let s = stabilise(&new, &[old("x", &["a", "b"]), old("y", &["c"])], &issued);
        assert_eq!(s.ids, ["x"]);
        assert_eq!(s.replaces[0], ["y"]);
        assert_eq!(s.merged, 1);
        assert_eq!(s.redirects[0].reason, "merged");
    }

    #[test]
    fn a_split_keeps_the_id_on_the_larger_part_and_never_reuses_an_id() {
        let issued: HashSet<String> = ["x".to_string(), "w".to_string()].into();
        let new = [ev("x", &["c"]), ev("w", &["a", "b"])];
        let s = stabilise(&new, &[old("x", &["a", "b", "c"])], &issued);
        assert_eq!(s.ids, ["x-2", "x"]);
        assert_eq!(s.split, 1);
        assert_eq!(s.redirects[0].new.as_deref(), Some("x-2"));
    }
}
