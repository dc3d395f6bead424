//! Edit distances between folded words: one edit or fewer in one pass, and a bounded optimal
//! string alignment distance (bit-parallel for words up to 64 letters).

/// Forms this long or longer are never near another word.
const OSA_MAX: usize = 64;

/// [`osa_distance`] with a cap of 2 (0, 1, or 2 for more than one edit), in one pass: one
/// edit is one letter changed, added or dropped, or two neighbours swapped.
pub fn within_one(a: &[char], b: &[char]) -> usize {
    if b.len() >= OSA_MAX {
        return 2;
    }
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[same..], &b[same..]);
    let one = match (ra.len(), rb.len()) {
        (0, 0) => return 0,
        (x, y) if x == y => {
            ra[1..] == rb[1..] || x >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..]
        }
        (x, y) if x == y + 1 => ra[1..] == *rb,
        (x, y) if x + 1 == y => *ra == rb[1..],
        _ => false,
    };
    if one {
        1
    } else {
        2
    }
}

/// A word of 1 to 64 letters, ready for [`Pattern::distance`]: for each letter, the
/// positions where it stands as bits.
pub(super) struct Pattern {
    ascii: [u64; 128],
    other: Vec<(char, u64)>,
    len: usize,
}

impl Pattern {
    pub(super) fn new(word: &[char]) -> Option<Pattern> {
        if word.is_empty() || word.len() > 64 {
            return None;
        }
        let mut p = Pattern {
            ascii: [0; 128],
            other: Vec::new(),
            len: word.len(),
        };
        for (i, &c) in word.iter().enumerate() {
            match p.ascii.get_mut(c as usize) {
                Some(m) => *m |= 1 << i,
                None => match p.other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, m)) => *m |= 1 << i,
                    None => p.other.push((c, 1 << i)),
                },
            }
        }
        Some(p)
    }

    fn positions(&self, c: char) -> u64 {
        match self.ascii.get(c as usize) {
            Some(&m) => m,
            None => self
                .other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |&(_, m)| m),
        }
    }

    /// [`osa_distance`] from this word to `b`, capped at `cap`, computed a column of the
    /// table at a time with one bit per row (Hyyrö's bit-vector algorithm with adjacent
    /// transpositions): a few operations per letter of `b`.
    pub(super) fn distance(&self, b: &[char], cap: usize) -> usize {
        if self.len.abs_diff(b.len()) >= cap {
            return cap;
        }
        let top = 1u64 << (self.len - 1);
        // Vertical deltas (+1, -1) of the column, the diagonal zero-deltas of the last
        // column, and the positions of the previous letter of `b`.
        let (mut pv, mut mv, mut d0, mut prev) = (!0u64, 0u64, 0u64, 0u64);
        let mut score = self.len;
        for &c in b {
            let eq = self.positions(c);
            let swap = ((!d0 & eq) << 1) & prev;
            d0 = ((eq & pv).wrapping_add(pv) ^ pv) | eq | mv | swap;
            let ph = mv | !(d0 | pv);
            let mh = pv & d0;
            if ph & top != 0 {
                score += 1;
            } else if mh & top != 0 {
                score -= 1;
            }
            let (ph, mh) = (ph << 1 | 1, mh << 1);
            pv = mh | !(d0 | ph);
            mv = ph & d0;
            prev = eq;
        }
        score.min(cap)
    }
}

/// Optimal string alignment distance (Levenshtein with adjacent transpositions); any value
/// at or above `cap` is returned as `cap`. Only the cells within `cap` of the diagonal are
/// computed: the others cost `cap` or more (a distance is at least the difference of the
/// lengths), and every value is kept at most `cap`.
#[inline(never)]
pub fn osa_distance(a: &[char], b: &[char], cap: usize) -> usize {
    const MAX: usize = OSA_MAX;
    if a.len().abs_diff(b.len()) >= cap || b.len() >= MAX {
        return cap;
    }
    let w = b.len() + 1;
    // Every cell read is written first (row 0 whole, then the band and its two edges).
    let mut rows = [[0usize; MAX]; 3];
    let (mut p2, mut p1, mut cur) = (0, 1, 2);
    for (j, v) in rows[p1][..w].iter_mut().enumerate() {
        *v = j.min(cap);
    }
    for i in 1..=a.len() {
        let lo = (i + 1).saturating_sub(cap).max(1);
        let hi = (i + cap - 1).min(b.len());
        rows[cur][0] = i.min(cap);
        rows[cur][lo - 1] = if lo == 1 { i.min(cap) } else { cap };
        if hi < b.len() {
            rows[cur][hi + 1] = cap;
        }
        let mut row_min = rows[cur][0];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[p1][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[p1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[p2][j - 2] + 1);
            }
            let v = v.min(cap);
            rows[cur][j] = v;
            row_min = row_min.min(v);
        }
        if row_min >= cap {
            return cap;
        }
        (p2, p1, cur) = (p1, cur, p2);
    }
    rows[p1][b.len()]
}
