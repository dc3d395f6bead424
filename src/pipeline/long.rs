//! Long documents in bounded memory.
//!
//! A press release is a few kilobytes; a file of tens of megabytes is a register, a
//! budget or a dump of many pages. Read whole, such a file took about seventeen times its
//! size in memory (the mapped, normalised and folded copies of its text, its tokens, its
//! facts and the JSON of its record). So:
//! - a plain text (also the text of a PDF or DOCX) longer than [`WINDOW_BYTES`] is
//!   analysed window by window, each window cut at a paragraph break (else a line break),
//!   with every offset moved back into the whole text; what the document as a whole
//!   decides (title, language, publication date, the event features) comes from its
//!   first window, and a year-less date in a later window takes its year from that
//!   window's own text;
//! - a document keeps at most [`MAX_ITEMS`] items of each kind, in text order, and the
//!   record says how many of each kind it left out (`truncated`).
//!
//! Releases of ordinary size are untouched: one window, far below the cap.

use super::{analyse, Options, RuleSet};
use crate::extract::{each_fact, EachFact, Fact};
use crate::ingest::{Decoded, Format};
use crate::record::{DocumentRecord, Located};
use std::collections::BTreeMap;
use std::ops::Range;

/// Plain texts longer than this are analysed window by window.
pub const WINDOW_BYTES: usize = 1 << 19;

/// At most this many items of one kind per document.
pub const MAX_ITEMS: usize = 5_000;

/// Whether a text of this format and length is read window by window (HTML and markdown
/// are read whole: their structure spans the file).
pub fn windowed(format: Format, len: usize, window: usize) -> bool {
    matches!(format, Format::Txt | Format::Pdf | Format::Docx) && len > window
}

/// Cuts `text` into consecutive windows of at most `max` bytes (at least 4), each ending
/// at a paragraph break in its second half, else at a line break there, else at a
/// character boundary. The windows cover the text exactly.
pub fn windows(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(4);
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let mut limit = start + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let half = start + max / 2;
        let part = &text.as_bytes()[half..limit];
        let cut = find_last(part, b"\n\n")
            .map(|i| half + i + 2)
            .or_else(|| part.iter().rposition(|&b| b == b'\n').map(|i| half + i + 1))
            .unwrap_or(limit);
        out.push(start..cut);
        start = cut;
    }
    out.push(start..text.len());
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Analyses a decoded file: in windows when it is long (see the module's notes), with
/// at most `max_items` items of each kind.
#[allow(clippy::too_many_arguments)]
pub fn analyse_bounded(
    rules: &RuleSet,
    id: &str,
    source: &str,
    format: Format,
    decoded: &Decoded,
    bytes: usize,
    opts: &Options,
    (window, max_items): (usize, usize),
) -> DocumentRecord {
    let text = decoded.text.as_str();
    if !windowed(format, text.len(), window) {
        let mut rec = analyse(rules, id, source, format, decoded, bytes, opts);
        cap(&mut rec, max_items);
        return rec;
    }
    let mut whole: Option<DocumentRecord> = None;
    for range in windows(text, window) {
        let part = Decoded {
            text: text[range.clone()].to_string(),
            encoding: decoded.encoding,
        };
        let mut rec = analyse(rules, id, source, format, &part, bytes, opts);
        drop(part);
        shift(&mut rec, range.start);
        match whole.as_mut() {
            None => {
                cap(&mut rec, max_items);
                whole = Some(rec);
            }
            Some(w) => append(w, rec, max_items),
        }
    }
    whole.expect("a text has at least one window")
}

/// Moves every offset of `rec` forward by `by` (a window's items into the whole text).
fn shift(rec: &mut DocumentRecord, by: usize) {
    struct Shift<'a>(&'a mut DocumentRecord, usize);
    impl EachFact for Shift<'_> {
        fn fact<T: Fact>(&mut self) {
            for l in T::list_mut(self.0) {
                l.start += self.1;
                l.end += self.1;
            }
        }
    }
    each_fact(&mut Shift(rec, by));
}

/// Moves `more` after the items of `v`, keeping at most `max` in all and counting the rest
/// under `field`.
fn keep<T>(
    v: &mut Vec<Located<T>>,
    more: Vec<Located<T>>,
    max: usize,
    field: &str,
    left: &mut BTreeMap<String, usize>,
) {
    let room = max.saturating_sub(v.len());
    let over = more.len().saturating_sub(room);
    v.extend(more.into_iter().take(room));
    v.shrink_to_fit();
    if over > 0 {
        *left.entry(field.to_string()).or_default() += over;
    }
}

/// Keeps at most `max` items in each list of `rec`.
fn cap(rec: &mut DocumentRecord, max: usize) {
    struct Cap<'a>(&'a mut DocumentRecord, usize);
    impl EachFact for Cap<'_> {
        fn fact<T: Fact>(&mut self) {
            let (rec, max) = (&mut *self.0, self.1);
            // (a release of ordinary size is left as it is)
            if T::list(rec).len() > max {
                let all = std::mem::take(T::list_mut(rec));
                let mut left = std::mem::take(&mut rec.truncated);
                keep(T::list_mut(rec), all, max, T::FIELD, &mut left);
                rec.truncated = left;
            }
        }
    }
    each_fact(&mut Cap(rec, max));
}

/// Appends the items of a later window's record to `w`, at most `max` in each list.
fn append(w: &mut DocumentRecord, mut part: DocumentRecord, max: usize) {
    struct Append<'a>(&'a mut DocumentRecord, &'a mut DocumentRecord, usize);
    impl EachFact for Append<'_> {
        fn fact<T: Fact>(&mut self) {
            let more = std::mem::take(T::list_mut(self.1));
            let mut left = std::mem::take(&mut self.0.truncated);
            keep(T::list_mut(self.0), more, self.2, T::FIELD, &mut left);
            self.0.truncated = left;
        }
    }
    each_fact(&mut Append(w, &mut part, max));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn windows_end_at_paragraph_breaks_then_line_breaks() {
        let t = "aaaa\n\nbbbb\ncccc\ndddd";
        assert_eq!(windows(t, 8), vec![0..6, 6..11, 11..16, 16..20]);
        assert_eq!(windows(t, 100), vec![0..20]);
        // no break in the second half: cut at a character boundary
        assert_eq!(windows("żżżżżż", 5), vec![0..4, 4..8, 8..12]);
    }

    proptest! {
        #[test]
        fn windows_cover_the_text_in_order_within_the_size(
            t in "[a-zł \n]{0,300}", max in 4usize..40
        ) {
            let w = windows(&t, max);
            prop_assert_eq!(w.first().map(|r| r.start), Some(0));
            prop_assert_eq!(w.last().map(|r| r.end), Some(t.len()));
            for pair in w.windows(2) {
                prop_assert_eq!(pair[0].end, pair[1].start);
            }
            for r in &w {
                prop_assert!(r.end - r.start <= max);
                prop_assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
            }
        }
    }

    fn rules() -> RuleSet {
        RuleSet::embedded().unwrap()
    }

    fn decoded(t: &str) -> Decoded {
        Decoded {
            text: t.to_string(),
            encoding: "utf-8",
        }
    }

    #[test]
    fn a_windowed_text_keeps_its_offsets_and_a_cap_counts_what_it_left_out() {
        let r = rules();
        let para = "Wójt Gminy Dwikozy Jan Kowalski podpisał 12 maja 2024 r. umowę na kwotę \
                    1 200 000 zł.\n\n";
        let text = format!("Umowy gminy\n\n{}", para.repeat(30));
        let opts = Options::default();
        let src = decoded(&text);
        let run = |window, max_items| {
            analyse_bounded(
                &r,
                "d",
                "d.txt",
                Format::Txt,
                &src,
                text.len(),
                &opts,
                (window, max_items),
            )
        };
        let whole = run(1 << 20, 1000);
        let win = run(400, 1000);
        assert_eq!(whole.sums.len(), 30);
        assert_eq!(win.sums.len(), 30);
        for s in &win.sums {
            assert_eq!(&text[s.start..s.end], s.text);
        }
        let starts =
            |v: &[Located<crate::record::Sum>]| v.iter().map(|s| s.start).collect::<Vec<_>>();
        assert_eq!(starts(&win.sums), starts(&whole.sums));
        assert_eq!(win.title, whole.title);
        assert!(win.truncated.is_empty());
        let capped = run(400, 7);
        assert_eq!(capped.sums.len(), 7);
        assert_eq!(capped.truncated.get("sums"), Some(&23));
        assert_eq!(capped.sums[6].start, whole.sums[6].start);
    }
}
