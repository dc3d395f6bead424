use super::*;

#[test]
fn identity_maps_each_char_to_itself() {
    let m = Mapped::identity("Bętków");
    assert_eq!(m.source_span(0..3), 0..3);
    assert_eq!(&"Bętków"[m.source_span(1..3)], "ę");
    assert_eq!(m.source_span(2..2), 1..1);
    assert_eq!(m.source_span(8..8), 8..8);
    assert_eq!(m.source_of(2), 1..3);
}

#[test]
fn dropped_and_replaced_pieces_map_back() {
    let src = "a&oacute;<b>c</b>";
    let mut b = Builder::default();
    b.push_char('a', 0..1);
    b.push_char('ó', 1..9);
    b.push_char('c', 12..13);
    let m = b.finish();
    assert_eq!(m.as_str(), "aóc");
    assert_eq!(&src[m.source_span(0..4)], "a&oacute;<b>c");
    assert_eq!(&src[m.source_span(1..3)], "&oacute;");
    assert_eq!(m.source_span(4..4), 13..13);
}

#[test]
fn softened_breaks_are_spaces_and_keep_the_map() {
    let src = "Wójt Gminy\nWitonia Jan\nŻuraw";
    let mut m = Mapped::identity(src);
    let before: Vec<_> = (0..=src.len()).map(|i| m.source_span(i..i)).collect();
    // the second offset is no line break and stays as it is
    m.soften_breaks(&[11, 3, 23]);
    assert_eq!(m.as_str(), "Wójt Gminy Witonia Jan Żuraw");
    let after: Vec<_> = (0..=src.len()).map(|i| m.source_span(i..i)).collect();
    assert_eq!(before, after);
    assert_eq!(&src[m.source_span(12..30)], "Witonia Jan\nŻuraw");
}

#[test]
fn pop_returns_the_whole_source_of_the_char() {
    let mut b = Builder::default();
    b.push_char('x', 0..1);
    b.push_char('ż', 1..4);
    assert_eq!(b.pop(), Some(('ż', 1..4)));
    assert_eq!(b.as_str(), "x");
    b.push_char('ż', 1..3);
    assert_eq!(b.pop(), Some(('ż', 1..3)));
    assert_eq!(b.pop(), Some(('x', 0..1)));
    assert_eq!(b.pop(), None);
}

/// The map as it was first written: two tables with an entry per byte.
struct Tables {
    text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Tables {
    fn push(&mut self, s: &str, src: Range<usize>) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.starts.push(src.start);
            self.ends.push(src.end);
        }
    }

    fn push_from(&mut self, from: &Tables, range: Range<usize>) {
        self.text.push_str(&from.text[range.clone()]);
        self.starts.extend_from_slice(&from.starts[range.clone()]);
        self.ends.extend_from_slice(&from.ends[range]);
    }

    fn pop(&mut self) -> Option<(char, Range<usize>)> {
        let c = self.text.pop()?;
        let n = self.text.len();
        let src = self.starts[n]..*self.ends.last()?;
        self.starts.truncate(n);
        self.ends.truncate(n);
        Some((c, src))
    }

    fn assert_same(&self, m: &Mapped) {
        assert_eq!(self.text, m.as_str());
        for i in 0..self.text.len() {
            assert_eq!(m.source_of(i), self.starts[i]..self.ends[i], "byte {i}");
        }
        // Spans looked up out of order (the look-up hint must not matter).
        let n = self.text.len();
        let mut seed = n as u64;
        for _ in 0..n {
            let a = next(&mut seed) % (n + 1);
            let b = a + next(&mut seed) % (n + 1 - a);
            let want = if a < b {
                self.starts[a]..self.ends[b - 1].max(self.starts[a])
            } else if a < n {
                self.starts[a]..self.starts[a]
            } else {
                self.ends[n - 1]..self.ends[n - 1]
            };
            assert_eq!(m.source_span(a..b), want, "span {a}..{b}");
        }
        assert_eq!(
            m.source_span(self.text.len()..self.text.len()),
            self.ends.last().map_or(0..0, |&e| e..e)
        );
    }
}

/// A small deterministic generator (no dependency needed).
fn next(seed: &mut u64) -> usize {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*seed >> 33) as usize
}

#[test]
fn pieces_give_the_same_map_as_per_byte_tables() {
    const CHARS: [char; 6] = ['a', ' ', 'ł', '—', 'ż', '𝄞'];
    let mut seed = 7;
    for _ in 0..300 {
        // A first layer made of copies, replacements and drops, then a second layer
        // copying and rewriting pieces of the first.
        let mut b = Builder::default();
        let mut t = Tables {
            text: String::new(),
            starts: Vec::new(),
            ends: Vec::new(),
        };
        let mut src_at = 0;
        for _ in 0..next(&mut seed) % 30 {
            let c = CHARS[next(&mut seed) % CHARS.len()];
            let n = match next(&mut seed) % 4 {
                0 => 0,
                1 => c.len_utf8() + 3,
                _ => c.len_utf8(),
            };
            src_at += next(&mut seed) % 3;
            match next(&mut seed) % 5 {
                0 => {
                    b.push_str("ab", src_at..src_at + n);
                    t.push("ab", src_at..src_at + n);
                }
                1 => {
                    assert_eq!(b.pop(), t.pop());
                }
                _ => {
                    b.push_char(c, src_at..src_at + n);
                    t.push(c.encode_utf8(&mut [0; 4]), src_at..src_at + n);
                }
            }
            src_at += n;
        }
        let first = b.finish();
        t.assert_same(&first);
        let mut b2 = Builder::default();
        let mut t2 = Tables {
            text: String::new(),
            starts: Vec::new(),
            ends: Vec::new(),
        };
        let bounds: Vec<usize> = (0..=t.text.len())
            .filter(|&i| t.text.is_char_boundary(i))
            .collect();
        let mut cursor = first.cursor();
        let mut at = 0;
        while at + 1 < bounds.len() {
            let to = (at + 1 + next(&mut seed) % 4).min(bounds.len() - 1);
            let range = bounds[at]..bounds[to];
            match next(&mut seed) % 6 {
                0 => {
                    let src = first.source_span(range.clone());
                    b2.push_char('-', src.clone());
                    t2.push("-", src);
                }
                1 => {
                    // One character, its source read through the cursor.
                    let range = bounds[at]..bounds[at + 1];
                    let src = cursor.char_source(range.start, range.len());
                    assert_eq!(src, first.source_span(range.clone()));
                    b2.push_char('ż', src.clone());
                    t2.push("ż", src);
                }
                2 => {}
                3 => {
                    b2.push_through(&mut cursor, range.clone());
                    t2.push_from(&t, range);
                }
                _ => {
                    b2.push_from(&first, range.clone());
                    t2.push_from(&t, range);
                }
            }
            at = to;
        }
        t2.assert_same(&b2.finish());
    }
}
