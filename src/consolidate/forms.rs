//! The forms of one fact in several releases: the form given most often, whether two person
//! keys name one person, and the slug of an event's id.

use super::*;

/// The form given most often; a tie goes to the shortest, then the first in order.
pub(super) fn most_common<'a>(forms: impl Iterator<Item = &'a str>) -> String {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for f in forms {
        *count.entry(f).or_insert(0) += 1;
    }
    count
        .into_iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(b.0.chars().count().cmp(&a.0.chars().count()))
                .then(b.0.cmp(a.0))
        })
        .map(|(f, _)| f.to_string())
        .unwrap_or_default()
}

/// Two person keys naming one person: as many words, each pair sharing a stem.
pub(super) fn same_person(a: &str, b: &str) -> bool {
    let (mut wa, mut wb) = (a.split(' '), b.split(' '));
    loop {
        match (wa.next(), wb.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                let common = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
                let shorter = x.chars().count().min(y.chars().count());
                if !(common >= 3.min(shorter) && common + 3 >= shorter) {
                    return false;
                }
            }
            // as many words on both sides
            _ => return false,
        }
    }
}

/// Folded words of a name, each whole (the stems are compared by [`same_person`]).
pub(super) fn person_words(name: &str) -> String {
    name_key(name)
}

pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    for w in fold(s).split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            if out.len() + w.len() > 40 {
                break;
            }
            out.push('-');
        }
        out.push_str(w);
    }
    out
}
