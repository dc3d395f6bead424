//! The gmina gazetteer: every gmina with its TERYT code, powiat and voivodeship, and every
//! written form of its name folded (lowercase, no diacritics) for exact and near look-ups.

use crate::error::RuleError;
use crate::rules::fold_into;
use crate::rules::{fold, RuleFiles};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Mutex;

/// The kind of gmina, the last digit of its TERYT code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Urban,
    Rural,
    UrbanRural,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "miejska" => Some(Kind::Urban),
            "wiejska" => Some(Kind::Rural),
            "miejsko-wiejska" => Some(Kind::UrbanRural),
            _ => None,
        }
    }
}

/// One gmina of `gminas.tsv`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub teryt: String,
    pub name: String,
    pub kind: Kind,
    pub powiat: String,
    pub voivodeship: String,
    /// The first four digits of the TERYT code.
    pub powiat_code: u16,
}

/// A folded form of a name, for near look-ups: its letters are
/// `Gazetteer::chars[start..start + len]`, the gminas it may name `Gazetteer::ids[ids.0..ids.1]`.
#[derive(Debug)]
struct NearForm {
    first: char,
    /// The second letter ('\0' if none).
    second: char,
    last: char,
    len: u32,
    start: u32,
    /// The letters it has ([`letter_set`]).
    letters: u64,
    ids: (u32, u32),
}

/// The set of letters of a word as bits (letters outside a-z share the upper bits). Each
/// letter one word has and the other lacks costs at least one edit, so the count of such
/// letters is a lower bound of the distance.
fn letter_set(chars: &[char]) -> u64 {
    chars.iter().fold(0, |m, &c| {
        let bit = if c.is_ascii_lowercase() {
            c as u32 - 'a' as u32
        } else {
            26 + c as u32 % 38
        };
        m | 1 << bit
    })
}

/// Whether more than `k` bits of `x` are set.
fn more_than(mut x: u64, k: usize) -> bool {
    for _ in 0..k {
        x &= x.wrapping_sub(1);
    }
    x != 0
}

/// A sort key of forms: two letters and a length.
fn pack(a: char, b: char, len: usize) -> u64 {
    u64::from(a) << 42 | u64::from(b) << 21 | len.min(0x1f_ffff) as u64
}

/// The entries of a view (sorted by key) with a key in `lo..=hi`.
fn run(view: &[(u64, u32)], lo: u64, hi: u64) -> &[(u64, u32)] {
    let from = view.partition_point(|e| e.0 < lo);
    let to = view.partition_point(|e| e.0 <= hi);
    &view[from..to.max(from)]
}

#[derive(Debug)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Folded form (words joined by one space) → its index.
    forms: HashMap<String, u32>,
    /// The gminas each form may name: a range of `ids`.
    spans: Vec<(u32, u32)>,
    /// The gminas of every form, one run per form.
    ids: Vec<u32>,
    /// Every form, for near look-ups.
    near: Vec<NearForm>,
    /// Indices into `near` sorted by [`pack`] keys of first letter and length, of first
    /// and second letter and length, of first and last letter and length: the forms a
    /// look-up may reach are one run of a view.
    by_length: Vec<(u64, u32)>,
    by_second: Vec<(u64, u32)>,
    by_last: Vec<(u64, u32)>,
    /// The letters of the forms of `near`.
    chars: Vec<char>,
    /// Most words in a name.
    pub max_words: usize,
    /// First-name forms that are, or nearly are, a gmina form (folded).
    first_names: HashSet<String>,
    /// The answers of [`Gazetteer::near`] so far, by the number of edits allowed.
    near_memo: [Mutex<NearMemo>; 3],
}

/// Folded words and the gminas they are near to.
type NearMemo = HashMap<String, Option<Box<[u32]>>>;

/// The most words [`Gazetteer::near`] remembers (of each number of edits).
const NEAR_MEMO_MAX: usize = 1 << 16;

fn code(s: &str, digits: usize) -> Option<u16> {
    s.get(..digits)?.parse().ok()
}

impl Gazetteer {
    pub fn load(files: &RuleFiles) -> Result<Gazetteer, RuleError> {
        let mut tsv = files.tsv("gmina/gminas.tsv")?;
        let (ct, cn, ck, cp, cv) = (
            tsv.column("teryt")?,
            tsv.column("name")?,
            tsv.column("kind")?,
            tsv.column("powiat")?,
            tsv.column("voivodeship")?,
        );
        let rows = std::mem::take(&mut tsv.rows);
        let mut entries = Vec::with_capacity(rows.len());
        for mut row in rows {
            let teryt = &row.fields[ct];
            if teryt.len() != 7 || !teryt.bytes().all(|b| b.is_ascii_digit()) {
                return Err(tsv.error(&row, format!("TERYT must be 7 digits, not {teryt:?}")));
            }
            let kind = Kind::parse(&row.fields[ck]).ok_or_else(|| {
                tsv.error(&row, format!("unknown gmina kind {:?}", row.fields[ck]))
            })?;
            let Some(powiat_code) = code(teryt, 4) else {
                return Err(tsv.error(&row, "bad TERYT"));
            };
            let mut take = |c: usize| std::mem::take(&mut row.fields[c]);
            entries.push(Entry {
                teryt: take(ct),
                name: take(cn),
                kind,
                powiat: take(cp),
                voivodeship: take(cv),
                powiat_code,
            });
        }
        let mut by_name: HashMap<&str, Vec<u32>> =
            HashMap::with_capacity_and_hasher(entries.len(), Default::default());
        for (id, e) in entries.iter().enumerate() {
            by_name.entry(e.name.as_str()).or_default().push(id as u32);
        }
        // Every folded form gets an index; every (form, gmina) pair is a link.
        let ftsv = files.tsv("gmina/gmina_forms.tsv")?;
        let (fname, fform) = (ftsv.column("name")?, ftsv.column("form")?);
        let mut forms: HashMap<String, u32> =
            HashMap::with_capacity_and_hasher(by_name.len() + ftsv.rows.len(), Default::default());
        let mut links: Vec<(u32, u32)> = Vec::with_capacity(entries.len() + ftsv.rows.len());
        let mut key = String::new();
        let mut add = |form: &str, ids: &[u32]| {
            key.clear();
            fold_into(form, &mut key);
            let f = match forms.get(key.as_str()) {
                Some(&f) => f,
                None => {
                    let n = forms.len() as u32;
                    forms.insert(key.clone(), n);
                    n
                }
            };
            links.extend(ids.iter().map(|&id| (f, id)));
        };
        for (name, ids) in &by_name {
            add(name, ids);
        }
        for row in &ftsv.rows {
            let ids = by_name.get(row.fields[fname].as_str()).ok_or_else(|| {
                ftsv.error(
                    row,
                    format!("{:?} is not a gmina of gminas.tsv", row.fields[fname]),
                )
            })?;
            add(&row.fields[fform], ids);
        }
        drop(ftsv);
        // The links grouped by form (a counting sort), each form's gminas once.
        let mut spans = vec![(0u32, 0u32); forms.len()];
        for &(f, _) in &links {
            spans[f as usize].1 += 1;
        }
        let mut at = 0;
        for s in &mut spans {
            (s.0, s.1, at) = (at, at, at + s.1);
        }
        let mut ids = vec![0u32; links.len()];
        for &(f, id) in &links {
            let s = &mut spans[f as usize];
            if !ids[s.0 as usize..s.1 as usize].contains(&id) {
                ids[s.1 as usize] = id;
                s.1 += 1;
            }
        }
        for &(from, to) in &spans {
            ids[from as usize..to as usize].sort_unstable();
        }
        let mut near = Vec::with_capacity(forms.len());
        let mut chars = Vec::with_capacity(forms.len() * 12);
        let mut max_words = 1;
        for (key, &f) in &forms {
            max_words = max_words.max(key.split(' ').count());
            let start = chars.len();
            chars.extend(key.chars());
            let form = &chars[start..];
            if let (Some(&first), Some(&last)) = (form.first(), form.last()) {
                near.push(NearForm {
                    first,
                    second: form.get(1).copied().unwrap_or('\0'),
                    last,
                    len: form.len() as u32,
                    start: start as u32,
                    letters: letter_set(form),
                    ids: spans[f as usize],
                });
            }
        }
        let view = |key: &dyn Fn(&NearForm) -> u64| {
            let mut v: Vec<(u64, u32)> = near
                .iter()
                .enumerate()
                .map(|(i, f)| (key(f), i as u32))
                .collect();
            v.sort_unstable();
            v
        };
        let by_length = view(&|f| pack(f.first, '\0', f.len as usize));
        let by_second = view(&|f| pack(f.first, f.second, f.len as usize));
        let by_last = view(&|f| pack(f.first, f.last, f.len as usize));
        let gtsv = files.tsv("gmina/first_names.tsv")?;
        let gform = gtsv.column("form")?;
        let first_names = gtsv.rows.iter().map(|r| fold(&r.fields[gform])).collect();
        Ok(Gazetteer {
            entries,
            forms,
            spans,
            ids,
            near,
            by_length,
            by_second,
            by_last,
            chars,
            max_words,
            first_names,
            near_memo: Default::default(),
        })
    }

    /// The gminas a folded form names exactly.
    pub fn exact(&self, folded: &str) -> Option<&[u32]> {
        let (from, to) = self.spans[*self.forms.get(folded)? as usize];
        Some(&self.ids[from as usize..to as usize])
    }

    /// The gminas of one name whose form is nearest to `folded`, within `max_edits` and
    /// with the same first letter; `None` when none is that near or the nearest forms
    /// belong to different names. The answers are remembered: the same capitalised words
    /// (first names, surnames) follow gmina words in release after release.
    pub fn near(&self, folded: &str, max_edits: usize) -> Option<Vec<u32>> {
        let memo = self.near_memo.get(max_edits);
        if let Some(m) = memo {
            if let Some(found) = m.lock().unwrap_or_else(|e| e.into_inner()).get(folded) {
                return found.as_ref().map(|f| f.to_vec());
            }
        }
        let found = self.nearest(folded, max_edits);
        if let Some(m) = memo {
            let mut m = m.lock().unwrap_or_else(|e| e.into_inner());
            if m.len() < NEAR_MEMO_MAX {
                m.insert(folded.to_string(), found.as_deref().map(Box::from));
            }
        }
        found
    }

    /// [`Gazetteer::near`] worked out.
    fn nearest(&self, folded: &str, max_edits: usize) -> Option<Vec<u32>> {
        let chars: Vec<char> = folded.chars().collect();
        let first = *chars.first()?;
        let letters = letter_set(&chars);
        let len = chars.len();
        let mut best = max_edits + 1;
        let mut found: Vec<u32> = Vec::new();
        let pattern = if max_edits > 1 {
            Pattern::new(&chars)
        } else {
            None
        };
        // Each letter one word has and the other lacks costs an edit.
        let may = |f: &NearForm| {
            !more_than(letters & !f.letters, max_edits)
                && !more_than(f.letters & !letters, max_edits)
        };
        let mut consider = |f: &NearForm| {
            let form = &self.chars[f.start as usize..(f.start + f.len) as usize];
            let d = if max_edits == 1 {
                within_one(&chars, form)
            } else if let Some(p) = &pattern {
                p.distance(form, max_edits + 1)
            } else {
                osa_distance(&chars, form, max_edits + 1)
            };
            if d < best {
                best = d;
                found.clear();
            }
            if d == best && d <= max_edits {
                for id in &self.ids[f.ids.0 as usize..f.ids.1 as usize] {
                    if !found.contains(id) {
                        found.push(*id);
                    }
                }
            }
        };
        if max_edits == 1 && len >= 5 {
            // One edit leaves a word of four letters or more its second letter or its
            // last: the forms sharing either (the first letter kept, the length within
            // one) are two runs.
            let (second, last) = (chars[1], chars[len - 1]);
            for &(_, i) in run(
                &self.by_second,
                pack(first, second, len - 1),
                pack(first, second, len + 1),
            ) {
                let f = &self.near[i as usize];
                if may(f) {
                    consider(f);
                }
            }
            for &(_, i) in run(
                &self.by_last,
                pack(first, last, len - 1),
                pack(first, last, len + 1),
            ) {
                let f = &self.near[i as usize];
                if f.second != second && may(f) {
                    consider(f);
                }
            }
        } else {
            // The forms with the same first letter and a length within `max_edits`.
            for &(_, i) in run(
                &self.by_length,
                pack(first, '\0', len.saturating_sub(max_edits)),
                pack(first, '\0', len + max_edits),
            ) {
                let f = &self.near[i as usize];
                if may(f) {
                    consider(f);
                }
            }
        }
        if found.is_empty() {
            return None;
        }
        // In one order whatever the order of the forms.
        found.sort_unstable();
        let name = &self.entries[found[0] as usize].name;
        found
            .iter()
            .all(|&id| &self.entries[id as usize].name == name)
            .then_some(found)
    }

    /// Whether a folded word is a first-name form close to a gmina form.
    pub fn is_first_name(&self, folded: &str) -> bool {
        self.first_names.contains(folded)
    }
}

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
struct Pattern {
    ascii: [u64; 128],
    other: Vec<(char, u64)>,
    len: usize,
}

impl Pattern {
    fn new(word: &[char]) -> Option<Pattern> {
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
    fn distance(&self, b: &[char], cap: usize) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa_distance(&a, &b, 9)
    }

    /// The nearest forms by a scan of every form.
    fn near_by_scan(g: &Gazetteer, folded: &str, max_edits: usize) -> Option<Vec<u32>> {
        let q: Vec<char> = folded.chars().collect();
        let mut best = max_edits + 1;
        let mut found = Vec::new();
        for f in &g.near {
            let form = &g.chars[f.start as usize..(f.start + f.len) as usize];
            if form.first() != q.first() {
                continue;
            }
            let d = osa_distance(&q, form, max_edits + 1);
            if d < best {
                best = d;
                found.clear();
            }
            if d == best && d <= max_edits {
                found.extend_from_slice(&g.ids[f.ids.0 as usize..f.ids.1 as usize]);
            }
        }
        found.sort_unstable();
        found.dedup();
        let name = &g.entries[*found.first()? as usize].name;
        found
            .iter()
            .all(|&id| &g.entries[id as usize].name == name)
            .then_some(found)
    }

    #[test]
    fn near_finds_what_a_full_scan_finds() {
        let g = Gazetteer::load(&RuleFiles::embedded()).unwrap();
        let mut forms: Vec<&String> = g.forms.keys().collect();
        forms.sort();
        let mut queries = Vec::new();
        for (n, form) in forms.iter().enumerate().step_by(41) {
            let c: Vec<char> = form.chars().collect();
            let at = n % c.len().max(1);
            let edit = |f: &dyn Fn(&mut Vec<char>)| {
                let mut c = c.clone();
                f(&mut c);
                c.into_iter().collect::<String>()
            };
            queries.push(form.to_string());
            queries.push(edit(&|c| {
                c.remove(at);
            }));
            queries.push(edit(&|c| c.insert(at, 'k')));
            queries.push(edit(&|c| c[at] = 'y'));
            queries.push(edit(&|c| {
                if at + 1 < c.len() {
                    c.swap(at, at + 1)
                }
            }));
            queries.push(edit(&|c| {
                c.remove(at);
                c.insert(c.len() / 2, 'a');
            }));
        }
        for q in &queries {
            for edits in [1, 2] {
                let scan = near_by_scan(&g, q, edits);
                assert_eq!(g.near(q, edits), scan, "{q:?} {edits}");
                // Again, from the memo.
                assert_eq!(g.near(q, edits), scan, "{q:?} {edits}");
            }
        }
    }

    /// The distance computed on every cell.
    fn osa_full(a: &[char], b: &[char]) -> usize {
        let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, v) in d[0].iter_mut().enumerate() {
            *v = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn one_edit_check_is_the_distance_capped_at_two() {
        let words = small_words();
        for a in &words {
            for b in &words {
                assert_eq!(within_one(a, b), osa_full(a, b).min(2), "{a:?} {b:?}");
            }
        }
    }

    /// Every word of up to five letters of a three-letter alphabet.
    fn small_words() -> Vec<Vec<char>> {
        let mut words: Vec<Vec<char>> = vec![vec![]];
        let mut last = vec![vec![]];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|w: &Vec<char>| {
                    ['a', 'b', 'c'].map(|c| {
                        let mut w = w.clone();
                        w.push(c);
                        w
                    })
                })
                .collect();
            words.extend(last.iter().cloned());
        }
        words
    }

    #[test]
    fn banded_distance_is_the_full_one_capped() {
        let words = small_words();
        for a in words.iter().step_by(3) {
            for b in &words {
                let full = osa_full(a, b);
                for cap in 1..=4 {
                    assert_eq!(osa_distance(a, b, cap), full.min(cap), "{a:?} {b:?} {cap}");
                }
            }
        }
    }

    #[test]
    fn bit_vector_distance_is_the_full_one_capped() {
        let words = small_words();
        for a in words.iter().filter(|a| !a.is_empty()) {
            let p = Pattern::new(a).unwrap();
            for b in &words {
                let full = osa_full(a, b);
                for cap in [1, 3, 9] {
                    assert_eq!(p.distance(b, cap), full.min(cap), "{a:?} {b:?} {cap}");
                }
            }
        }
        let long: Vec<char> = "żółwiowskażółwiowskażółwiowskażółwiowskażółwiowskażółwiowskaxyzw"
            .chars()
            .collect();
        assert_eq!(long.len(), 64);
        let mut other = long.clone();
        other.swap(10, 11);
        other[40] = 'q';
        assert_eq!(Pattern::new(&long).unwrap().distance(&other, 9), 2);
        assert_eq!(osa_full(&long, &other), 2);
        assert!(Pattern::new(&[long.clone(), vec!['a']].concat()).is_none());
    }

    #[test]
    fn distance_counts_swaps_as_one_edit() {
        assert_eq!(d("bodzentny", "bodzentyn"), 1);
        assert_eq!(d("lonow", "loniow"), 1);
        assert_eq!(d("konisza", "koniusza"), 1);
        assert_eq!(d("oksa", "oksa"), 0);
        assert_eq!(d("kielce", "bogoria"), 7);
    }
}
