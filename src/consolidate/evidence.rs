//! Why releases were merged: for each join of two releases, their text similarity and the
//! facts both state, so that a reviewer can judge the merge.

use super::{person_words, same_person};
use crate::dedup::{name_key, Link};
use crate::record::{DocumentRecord, Evidence, SharedFacts};
use crate::sketch::EventRules;
use crate::words::FxHashSet;

/// Items of `a` that `b` has too (by `key`, compared by `same`, or by equality through a
/// set when `same` is `None`), in `a`'s order, each once.
fn both<T>(
    a: &[T],
    b: &[T],
    key: impl Fn(&T) -> String,
    same: Option<fn(&str, &str) -> bool>,
    shown: impl Fn(&T) -> String,
) -> Vec<String> {
    let kb: Vec<String> = b.iter().map(&key).filter(|k| !k.is_empty()).collect();
    let set: FxHashSet<&str> = match same {
        None => kb.iter().map(String::as_str).collect(),
        Some(_) => FxHashSet::default(),
    };
    let mut out: Vec<String> = Vec::new();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for x in a {
        let k = key(x);
        let found = match same {
            None => set.contains(k.as_str()),
            Some(same) => kb.iter().any(|y| same(&k, y)),
        };
        if !k.is_empty() && found {
            let s = shown(x);
            if seen.insert(s.clone()) {
                out.push(s);
            }
        }
    }
    out
}

/// The facts both releases state.
pub(super) fn shared(a: &DocumentRecord, b: &DocumentRecord) -> SharedFacts {
    SharedFacts {
        dates: both(
            &a.dates,
            &b.dates,
            |d| d.item.value.clone(),
            None,
            |d| d.item.value.clone(),
        ),
        officials: both(
            &a.officials,
            &b.officials,
            |o| person_words(&o.item.name),
            Some(same_person),
            |o| o.item.name.clone(),
        ),
        gminas: both(
            &a.gminas,
            &b.gminas,
            |g| {
                if g.item.teryt.is_empty() {
                    name_key(&g.item.name)
                } else {
                    g.item.teryt.clone()
                }
            },
            None,
            |g| g.item.name.clone(),
        ),
        institutions: both(
            &a.institutions,
            &b.institutions,
            |i| name_key(&i.item.name),
            None,
            |i| i.item.name.clone(),
        ),
        sums: both(
            &a.sums,
            &b.sums,
            |s| format!("{} {}", s.item.value, s.item.currency),
            None,
            |s| format!("{} {}", s.item.value, s.item.currency),
        ),
    }
}

/// The evidence of an event's joins, strongest first, at most `max_evidence`; with the
/// number left out.
pub(super) fn evidence(
    rules: &EventRules,
    docs: &[DocumentRecord],
    links: &[Link],
) -> (Vec<Evidence>, usize) {
    let mut sorted: Vec<&Link> = links.iter().collect();
    sorted.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| (&docs[x.a].id, &docs[x.b].id).cmp(&(&docs[y.a].id, &docs[y.b].id)))
    });
    let keep = rules.decide.max_evidence.min(sorted.len());
    let out = sorted[..keep]
        .iter()
        .map(|l| {
            let (a, b) = if docs[l.a].id <= docs[l.b].id {
                (&docs[l.a], &docs[l.b])
            } else {
                (&docs[l.b], &docs[l.a])
            };
            Evidence {
                docs: [a.id.clone(), b.id.clone()],
                similarity: (l.similarity * 1000.0).round() / 1000.0,
                copy: l.copy,
                shared: shared(a, b),
            }
        })
        .collect();
    (out, sorted.len() - keep)
}
