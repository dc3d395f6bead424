//! The keys facts are matched by: folded words, hashed without building the key.

use crate::record::DocumentRecord;
use crate::rules::fold_letter;
use crate::sketch::{hash_str, mix};

/// The key an official is matched by: folded words cut to their first four letters, so
/// that "Andrzeja Bętkowskiego" and "Andrzej Bętkowski" meet.
pub fn person_key(name: &str) -> String {
    key_string(name, 4)
}

/// The key a name is matched by: folded, quotes and punctuation dropped, single spaces.
pub fn name_key(name: &str) -> String {
    key_string(name, usize::MAX)
}

/// The folded words (runs of alphanumeric characters) of `name`, each cut to its first
/// `letters` characters, joined by single spaces.
fn key_string(name: &str, letters: usize) -> String {
    let mut out = String::with_capacity(name.len());
    key_chars(name, letters, |c| out.push(c.unwrap_or(' ')));
    out
}

/// Calls `f` with each character of the key [`key_string`] builds, `None` for each space
/// between two words; returns the number of words.
fn key_chars(name: &str, letters: usize, mut f: impl FnMut(Option<char>)) -> usize {
    let (mut words, mut in_word, mut taken) = (0usize, false, 0usize);
    folded_chars(name, |c| {
        if !c.is_alphanumeric() {
            in_word = false;
            return;
        }
        if !in_word {
            if words > 0 {
                f(None);
            }
            (words, in_word, taken) = (words + 1, true, 0);
        }
        if taken < letters {
            f(Some(c));
            taken += 1;
        }
    });
    words
}

/// Calls `f` with each character of `name` lowercased and folded ([`fold_letter`]), as
/// `name.chars().flat_map(char::to_lowercase).map(fold_letter)` gives them; ASCII
/// characters take a shorter way.
fn folded_chars(name: &str, mut f: impl FnMut(char)) {
    for c in name.chars() {
        if c.is_ascii() {
            f(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                f(fold_letter(l));
            }
        }
    }
}

/// Appends `keys` to `out` sorted, each once.
pub(super) fn push_sorted(out: &mut Vec<u64>, keys: impl Iterator<Item = u64>) -> usize {
    let start = out.len();
    out.extend(keys);
    out[start..].sort_unstable();
    let mut kept = start;
    for i in start..out.len() {
        if kept == start || out[i] != out[kept - 1] {
            out[kept] = out[i];
            kept += 1;
        }
    }
    out.truncate(kept);
    kept
}

/// `hash_str` of a key built from the folded words of `name` joined by single spaces, each
/// word cut to its first `letters` characters ([`person_key`], [`name_key`]), computed
/// without building the key; with the number of words.
pub(super) fn key_hash(name: &str, letters: usize) -> (u64, usize) {
    let mut h = FnvStream::new();
    let words = key_chars(name, letters, |c| match c {
        Some(c) => {
            let mut buf = [0u8; 4];
            h.bytes(c.encode_utf8(&mut buf).as_bytes());
        }
        None => h.bytes(b" "),
    });
    (h.finish(), words)
}

/// `hash_str` of text fed in pieces.
pub(super) struct FnvStream(u64);

impl FnvStream {
    pub(super) fn new() -> Self {
        FnvStream(0xcbf2_9ce4_8422_2325)
    }

    pub(super) fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 = (self.0 ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub(super) fn finish(&self) -> u64 {
        crate::sketch::mix(self.0)
    }
}

/// How many keys two sorted lists share.
pub(super) fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The key of an exact copy: the hashes of all paragraphs in order; `None` for a release
/// with no words.
pub(super) fn copy_key(d: &DocumentRecord) -> Option<u64> {
    let s = d.sketch.as_ref()?;
    if s.paragraphs.iter().all(|&p| p == 0) {
        return None;
    }
    let mut h = hash_str("copy");
    for &p in &s.paragraphs {
        h = mix(h.rotate_left(13) ^ p);
    }
    Some(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sketch::hash_str;

    #[test]
    fn key_hashes_are_hashes_of_the_keys() {
        for name in [
            "Andrzeja Bętkowskiego",
            "  ŁUKASZ  Żółć-Gęślą ",
            "Urząd Gminy \"Oksa\" (Nowy)",
            "Jan",
            "",
            "İzabela ẞtraße Ωmega 12",
        ] {
            let person = person_key(name);
            let folded = crate::rules::fold(name);
            let words = || {
                folded
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
            };
            let cut: Vec<String> = words().map(|w| w.chars().take(4).collect()).collect();
            assert_eq!(person, cut.join(" "));
            assert_eq!(name_key(name), words().collect::<Vec<_>>().join(" "));
            let (h, words) = key_hash(name, 4);
            assert_eq!(h, hash_str(&person), "{name}");
            assert_eq!(words, person.split(' ').filter(|w| !w.is_empty()).count());
            assert_eq!(key_hash(name, usize::MAX).0, hash_str(&name_key(name)));
        }
        assert_eq!(person_key("Andrzeja Bętkowskiego"), "andr betk");
    }
}
