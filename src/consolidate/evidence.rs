//! Why releases were merged: for each join of two releases, their text similarity and the
//! facts both state, so that a reviewer can judge the merge.

use super::{person_words, same_person};
use crate::dedup::{name_key, Link};
use crate::record::{DocumentRecord, Evidence, SharedFacts};
use crate::sketch::EventRules;

/// Items of `a` that `b` has too (by `key`, compared by `same`), in `a`'s order, each
/// once.
fn both<T>(
    a: &[T],
    b: &[T],
    key: impl Fn(&T) -> String,
    same: impl Fn(&str, &str) -> bool,
    shown: impl Fn(&T) -> String,
) -> Vec<String> {
    let kb: Vec<String> = b.iter().map(&key).filter(|k| !k.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    for x in a {
        let k = key(x);
        if !k.is_empty() && kb.iter().any(|y| same(&k, y)) {
            let s = shown(x);
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// The facts both releases state.
pub(super) fn shared(a: &DocumentRecord, b: &DocumentRecord) -> SharedFacts {
    let eq = |x: &str, y: &str| x == y;
    SharedFacts {
        dates: both(
            &a.dates,
            &b.dates,
            |d| d.item.value.clone(),
            eq,
            |d| d.item.value.clone(),
        ),
        officials: both(
            &a.officials,
            &b.officials,
            |o| person_words(&o.item.name),
            same_person,
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
            eq,
            |g| g.item.name.clone(),
        ),
        institutions: both(
            &a.institutions,
            &b.institutions,
            |i| name_key(&i.item.name),
            eq,
            |i| i.item.name.clone(),
        ),
        sums: both(
            &a.sums,
            &b.sums,
            |s| format!("{} {}", s.item.value, s.item.currency),
            eq,
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
