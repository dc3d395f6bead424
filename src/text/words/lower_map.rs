//! Word maps looked up in any letter case ([`LowerMap`]), with the hasher of their keys.

use super::*;

/// Whether `word` in lower case surely has as many bytes: ASCII and Latin-1 and
/// Latin Extended-A letters but İ (U+0130, lowercased to two characters).
#[inline]
pub(super) fn same_length_lower(word: &str) -> bool {
    let b = word.as_bytes();
    b.iter().all(|&x| x < 0xC6) && !b.windows(2).any(|w| w == [0xC4, 0xB0])
}

/// The hash of `word` in lower case, char by char; `None` for a word with a capital sigma
/// (its lower case depends on the neighbours).
#[inline]
fn lower_hash(word: &str) -> Option<u64> {
    let mut h = FxHasher::default();
    let b = word.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x >= 0x80 {
            break;
        }
        h.write_u32(u32::from(x.to_ascii_lowercase()));
        i += 1;
    }
    for c in word.get(i..)?.chars() {
        if c.is_ascii() {
            h.write_u32(u32::from(c.to_ascii_lowercase()));
        } else if let Some(l) = latin_lower(c) {
            h.write_u32(u32::from(l));
        } else if c == 'Σ' {
            return None;
        } else {
            c.to_lowercase().for_each(|l| h.write_u32(u32::from(l)));
        }
    }
    Some(h.finish())
}

/// Whether `word` without a capital sigma lowercases to `lower`.
#[inline]
fn lowers_to(word: &str, lower: &str) -> bool {
    let mut want = lower.chars();
    for c in word.chars() {
        let ok = if c.is_ascii() {
            want.next() == Some(c.to_ascii_lowercase())
        } else if let Some(l) = latin_lower(c) {
            want.next() == Some(l)
        } else {
            c.to_lowercase().all(|l| want.next() == Some(l))
        };
        if !ok {
            return false;
        }
    }
    want.next().is_none()
}

/// A map from lower-case words, looked up with a word in any letter case (as
/// `str::to_lowercase` makes it) without building the lower-case word.
#[derive(Debug)]
pub struct LowerMap<V> {
    initials: Initials,
    /// The lower-case keys' first [`HEAD`] letters (or the whole key when shorter) as
    /// [`head_bit`]s, for keys whose first letters are ASCII.
    heads: Vec<u64>,
    table: HashMap<u64, Vec<(String, V)>, BuildHasherDefault<U64Hasher>>,
}

impl<V> LowerMap<V> {
    /// The map of lower-case keys (keys not in lower case are never found).
    pub fn new(entries: impl IntoIterator<Item = (String, V)>) -> LowerMap<V> {
        let mut table: HashMap<u64, Vec<(String, V)>, BuildHasherDefault<U64Hasher>> =
            HashMap::default();
        for (k, v) in entries {
            if let Some(h) = lower_hash(&k) {
                table.entry(h).or_default().push((k, v));
            }
        }
        let initials = Initials::new(table.values().flatten().map(|(k, _)| k.as_str()));
        let mut heads = vec![0u64; 1 << HEAD_BITS >> 6];
        for (k, _) in table.values().flatten() {
            if let Some(h) = ascii_head(k.as_bytes(), 0) {
                let i = head_bit(h);
                if let Some(b) = heads.get_mut(i / 64) {
                    *b |= 1 << (i % 64);
                }
            }
        }
        LowerMap {
            initials,
            heads,
            table,
        }
    }

    /// The value of `word` in lower case.
    #[inline(always)]
    pub fn get(&self, word: &str) -> Option<&V> {
        if !self.initials.may_hold(word) {
            return None;
        }
        self.lookup(word)
    }

    /// False when the word that starts at byte `p` of `text` is surely no key (a cheap
    /// test of its first letters, made before the word's end is looked for).
    #[inline(always)]
    pub fn may_start(&self, text: &str, p: usize) -> bool {
        match ascii_head(text.as_bytes(), p) {
            Some(h) => bit(&self.heads, head_bit(h)),
            None => self.initials.may_start(text, p),
        }
    }

    /// [`LowerMap::may_start`] with the word's [`ascii_head`] known (0 for none).
    #[inline(always)]
    pub fn may_start_with(&self, head: u64, text: &str, p: usize) -> bool {
        if head != 0 {
            bit(&self.heads, head_bit(head))
        } else {
            self.initials.may_start(text, p)
        }
    }

    /// [`LowerMap::get`] past the test of the initials.
    #[inline(never)]
    fn lookup(&self, word: &str) -> Option<&V> {
        let b = word.as_bytes();
        if b.is_ascii() {
            let mut h = FxHasher::default();
            for &x in b {
                h.write_u32(u32::from(x.to_ascii_lowercase()));
            }
            return self.find(h.finish(), |k| {
                k.len() == b.len() && k.bytes().zip(b).all(|(x, &y)| x == y.to_ascii_lowercase())
            });
        }
        let Some(h) = lower_hash(word) else {
            let l = word.to_lowercase();
            return self.find(lower_hash(&l)?, |k| k == l);
        };
        self.find(h, |k| lowers_to(word, k))
    }

    /// Whether `word`, in any letter case, is a key.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    fn find(&self, h: u64, same: impl Fn(&str) -> bool) -> Option<&V> {
        self.table
            .get(&h)?
            .iter()
            .find(|(k, _)| same(k))
            .map(|(_, v)| v)
    }
}

/// The hasher of keys that are hashes already.
#[derive(Default, Clone, Copy)]
pub struct U64Hasher(u64);

impl Hasher for U64Hasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(SEED);
        }
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of words from a rule list, looked up in any letter case.
pub fn lower_set(words: &[String]) -> LowerMap<()> {
    LowerMap::new(words.iter().map(|s| (s.to_lowercase(), ())))
}

/// Whether `word` lowercases to `lower` (`word.to_lowercase() == lower`).
#[inline]
pub fn lower_eq(word: &str, lower: &str) -> bool {
    let (w, l) = (word.as_bytes(), lower.as_bytes());
    if w.is_ascii() {
        w.len() == l.len() && w.iter().zip(l).all(|(&a, &b)| a.to_ascii_lowercase() == b)
    } else if word.contains('Σ') {
        word.to_lowercase() == lower
    } else {
        lowers_to(word, lower)
    }
}
