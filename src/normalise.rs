//! Normalise: one pass that makes the text uniform for the extractors while keeping the
//! offset map. NFC; every space a plain space (runs folded); dashes '-', quotes '"' and
//! '\''; soft hyphens and zero-width characters dropped; hyphenation broken by a line end
//! or a stray space joined; words glued by a lost line break split ("OksaGmina");
//! navigation and cookie boilerplate marked so that extractors skip it; the line breaks of
//! a hard-wrapped paragraph written as spaces (`wrap`). Before all that,
//! UTF-8 that a crawl read as windows-1252 or -1250 ("ÅšwiÄ…tniki") is read again
//! (`mojibake`).

use crate::text::{Builder, Mapped};
use std::ops::Range;

mod boilerplate;
mod line_regex;
mod mojibake;
mod wrap;
use boilerplate::mark_boilerplate;
pub use boilerplate::NormaliseRules;
pub use line_regex::LineRegex;

/// The normalised text of a document with its boilerplate lines.
#[derive(Debug, Clone)]
pub struct Normalised {
    /// The normalised text, mapped back to the decoded source byte by byte.
    pub text: Mapped,
    /// Byte ranges of `text` that are navigation, accessibility or cookie boilerplate.
    pub boilerplate: Vec<Range<usize>>,
    /// The first item of each menu row among the text's first lines: the site's name at
    /// the head of its menu ("Urząd Gminy Dwikozy • BIP • Kontakt"). Boilerplate, but it
    /// names the release's publisher: the institution extractor's finds in it are kept.
    pub site_names: Vec<Range<usize>>,
}

impl Normalised {
    /// The normalised text, boilerplate included.
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// Whether byte `pos` of the normalised text lies in a site's name ([`Self::site_names`]).
    pub fn in_site_name(&self, pos: usize) -> bool {
        self.site_names.iter().any(|r| r.contains(&pos))
    }

    /// Whether byte `pos` of the normalised text lies in boilerplate.
    pub fn in_boilerplate(&self, pos: usize) -> bool {
        let i = self.boilerplate.partition_point(|r| r.end <= pos);
        self.boilerplate.get(i).is_some_and(|r| r.start <= pos)
    }

    /// The text with boilerplate lines left out (for language detection and sketches).
    pub fn content(&self) -> String {
        let t = self.as_str();
        let mut out = String::with_capacity(t.len());
        let mut at = 0;
        for r in &self.boilerplate {
            out.push_str(&t[at..r.start]);
            at = r.end;
        }
        out.push_str(&t[at.min(t.len())..]);
        out
    }
}

/// Normalises `input` (the source text, or the text an HTML/markdown reader made of it).
pub fn normalise(input: &Mapped, rules: &NormaliseRules) -> Normalised {
    let repaired = mojibake::repair(input);
    let mut text = fold_characters(repaired.as_ref().unwrap_or(input));
    let (boilerplate, site_names) = mark_boilerplate(text.as_str(), rules);
    let soft = wrap::soft_breaks(text.as_str(), &boilerplate, &rules.wrap);
    text.soften_breaks(&soft);
    Normalised {
        text,
        boilerplate,
        site_names,
    }
}

/// Printable ASCII other than capitals: copied as it is.
const fn is_plain(b: u8) -> bool {
    b >= 0x21 && b <= 0x7E && !b.is_ascii_uppercase()
}

fn is_hspace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

fn is_vspace(c: char) -> bool {
    matches!(
        c,
        '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\r' | '\u{0}'..='\u{8}' | '\u{E}'..='\u{1F}' | '\u{7F}'
    )
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}'
        | '\u{FF02}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}'
        | '\u{203A}' => '\'',
        '\u{2026}' => '…',
        c => c,
    }
}

/// How many bytes from `from` on the character loop would copy unchanged, each
/// mapped as it is (`before`: the last two bytes written, 'o' and '-' standing for
/// missing ones). These are: printable ASCII other than capitals; a letter of
/// U+00C0..U+017F other than a capital; a capital, either, after ASCII other than a
/// lower-case letter (no glued word can end there); one space, or one line break, before printable
/// ASCII or such a letter, after anything but a hyphen (that gap is written as the very
/// space or line break), or after a hyphen that follows anything but 'o' (no compound
/// adjective: the space stays). Anything else is left to the character loop.
fn plain_run(bytes: &[u8], from: usize, before: [u8; 2]) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    // Read in place when the bytes before are the ones written before.
    let in_place = from >= 2 && bytes.get(from - 2..from) == Some(&before[..]);
    let mut j = 0;
    loop {
        // The block from `j` with the two bytes before it and the one after it, or a
        // copy of them, past the text's end filled with zeros (a zero is not taken).
        let mut copy = [0u8; BLOCK + 3];
        let whole = if j >= 2 || in_place {
            bytes.get(from + j - 2..from + j + BLOCK + 1)
        } else {
            None
        };
        let window = match whole {
            Some(w) => w,
            None => {
                let (pre, at) = if j == 0 {
                    (&before[..], 0)
                } else {
                    (&[][..], j - 2)
                };
                let tail = rest.get(at..).unwrap_or_default();
                let tail = &tail[..tail.len().min(BLOCK + 3 - pre.len())];
                copy[..pre.len()].copy_from_slice(pre);
                copy[pre.len()..pre.len() + tail.len()].copy_from_slice(tail);
                &copy[..]
            }
        };
        let Ok(window) = <&[u8; BLOCK + 3]>::try_from(window) else {
            return j.min(rest.len());
        };
        match first_stop(window) {
            Some(k) => return (j + k).min(rest.len()),
            None => j += BLOCK,
        }
    }
}

/// The last two bytes of `text`, 'o' and '-' standing for missing ones (see [`plain_run`]).
fn written_before(text: &str) -> [u8; 2] {
    match text.as_bytes() {
        [.., a, b] => [*a, *b],
        [b] => [b'o', *b],
        [] => [b'o', b'-'],
    }
}

/// Bytes tested at a time by [`plain_run`].
const BLOCK: usize = 32;

/// The first of the `BLOCK` bytes from `w[2]` on that [`plain_run`] does not take, if
/// any (`w`: two bytes before them, then them, then the byte after them). Each is tested
/// on its own with the bytes around it, without branches, so that the test vectorises.
/// (A UTF-8 continuation byte is taken after a lead byte of U+00C0..U+017F: the lead's
/// test covers the character.)
fn first_stop(w: &[u8; BLOCK + 3]) -> Option<usize> {
    let mut stops = [0u8; BLOCK];
    for (k, stop) in stops.iter_mut().enumerate() {
        let (p2, p, c, n) = (w[k], w[k + 1], w[k + 2], w[k + 3]);
        let plain = |b: u8| (b.wrapping_sub(0x21) < 0x5E) & !b.is_ascii_uppercase();
        let lead = |b: u8| b.wrapping_sub(0xC3) < 3;
        // No glued word ends before a capital here.
        let word_start = (p < 0x80) & !p.is_ascii_lowercase();
        // A gap here is written as it is.
        let gap = ((p != b'-') | ((p2 != b'o') & (p2 != b'O')))
            & (plain(n) | n.is_ascii_uppercase() | lead(n));
        let taken = plain(c)
            | (c.is_ascii_uppercase() & word_start)
            | (lead(c) & (!latin_upper(c, n) | word_start))
            | ((c & 0xC0 == 0x80) & lead(p))
            | ((c == b' ') & gap)
            | ((c == b'\n') & (p != b'-') & gap);
        *stop = u8::from(!taken);
    }
    // The first byte set, eight at a time.
    stops.chunks_exact(8).enumerate().find_map(|(i, eight)| {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        let word = u64::from_le_bytes(word);
        (word != 0).then(|| i * 8 + word.trailing_zeros() as usize / 8)
    })
}

/// Whether the two bytes `c` (C3..C5) and `n` (a continuation byte) encode a capital of
/// U+00C0..U+017F, by comparisons only (checked against `char::is_uppercase` in a test).
fn latin_upper(c: u8, n: u8) -> bool {
    let x = n & 0x3F;
    let odd = x & 1 == 1;
    let c3 = (x < 0x1F) & (x != 0x17);
    let c4 = ((x < 0x38) & !odd) | ((x > 0x38) & odd);
    let c5 = ((0x01..=0x08).contains(&x) & odd)
        | ((0x0A..=0x37).contains(&x) & !odd)
        | (x == 0x38)
        | ((0x39..=0x3E).contains(&x) & odd);
    ((c == 0xC3) & c3) | ((c == 0xC4) & c4) | ((c == 0xC5) & c5)
}

/// Byte classes for [`plain_run`].
const OTHER: u8 = 0;
const PLAIN: u8 = 1;
const CAPITAL: u8 = 2;
const SPACE: u8 = 3;
const LATIN: u8 = 4;

const CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        t[b] = if x.is_ascii_uppercase() {
            CAPITAL
        } else if is_plain(x) {
            PLAIN
        } else if x == b' ' {
            SPACE
        } else if x >= 0xC3 && x <= 0xC5 {
            LATIN
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// Pending white space between two visible characters.
#[derive(Default)]
struct Gap {
    src: Option<Range<usize>>,
    newlines: usize,
}

fn fold_characters(input: &Mapped) -> Mapped {
    fold_with(input, plain_run)
}

/// [`fold_characters`] with `run` saying how many bytes can be copied as they are.
fn fold_with(input: &Mapped, run: impl Fn(&[u8], usize, [u8; 2]) -> usize) -> Mapped {
    let s = input.as_str();
    let mut out = Builder::with_capacity(s.len());
    let mut gap = Gap::default();
    let mut cursor = input.cursor();
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut after_run = false;
    while i < bytes.len() {
        // Fast path: a run that needs no rewriting is copied whole, with its mapping.
        // (Right after one, the next byte is known not to start another.)
        if gap.src.is_none() && !std::mem::take(&mut after_run) {
            let run = run(bytes, i, written_before(out.as_str()));
            if run > 0 {
                out.push_through(&mut cursor, i..i + run);
                i += run;
                after_run = true;
                continue;
            }
        }
        if gap.src.is_none() {
            // Line breaks between two visible characters, not after a hyphen: written as
            // the gap would be, without the character loop.
            let breaks = bytes[i..].iter().take_while(|&&b| b == b'\n').count();
            let next = bytes.get(i + breaks).map(|&b| CLASS[usize::from(b)]);
            let last = out.as_str().as_bytes().last();
            if breaks > 0
                && matches!(next, Some(PLAIN | CAPITAL | LATIN))
                && last.is_some_and(|&b| b != b'-')
            {
                let mut src = cursor.char_source(i, 1);
                for k in i + 1..i + breaks {
                    src.end = src.end.max(cursor.char_source(k, 1).end);
                }
                if breaks == 1 {
                    out.push_char('\n', src);
                } else {
                    out.push_str("\n\n", src);
                }
                i += breaks;
                continue;
            }
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let n = c.len_utf8();
        let at = i;
        i += n;
        let i = at;
        let src = cursor.char_source(i, n);
        if is_invisible(c) {
            continue;
        }
        if is_hspace(c) || is_vspace(c) {
            let r = gap.src.get_or_insert(src.clone());
            r.end = r.end.max(src.end);
            if is_vspace(c) {
                gap.newlines += 1;
            }
            continue;
        }
        // NFC: a combining mark joins the character before it.
        if gap.src.is_none() && is_combining(c) {
            if let Some((prev, psrc)) = out.pop() {
                let composed = unicode_normalization::char::compose(prev, c);
                match composed {
                    Some(k) => out.push_char(k, psrc.start..src.end),
                    None => {
                        out.push_char(prev, psrc);
                        out.push_char(c, src);
                    }
                }
                continue;
            }
        }
        let c = fold_char(c);
        if let Some(g) = gap.src.take() {
            emit_gap(&mut out, g, gap.newlines, c);
            gap.newlines = 0;
        } else if c.is_uppercase()
            && glued(out.as_str())
            && s[i + n..].chars().next().is_some_and(char::is_lowercase)
        {
            // "OksaGmina": a lost line break between two words.
            out.push_char(' ', src.start..src.start);
        }
        out.push_char(c, src);
    }
    if let Some(g) = gap.src.take() {
        if gap.newlines > 0 {
            out.push_char('\n', g);
        }
    }
    out.finish()
}

/// Writes the white space before `next`: joins broken hyphenation, else one space or up
/// to two line breaks (a paragraph break).
fn emit_gap(out: &mut Builder, src: Range<usize>, newlines: usize, next: char) {
    let text = out.as_str();
    if text.is_empty() {
        return;
    }
    let mut tail = text.chars().rev();
    let hyphen = tail.next() == Some('-');
    let before = tail.next();
    if hyphen && before.is_some_and(char::is_alphabetic) && next.is_alphabetic() {
        if newlines == 1 && next.is_lowercase() && before.is_some_and(char::is_lowercase) {
            // "realiza-\ncji": the hyphen only broke the word.
            out.pop();
            return;
        }
        if newlines <= 1 && matches!(before, Some('o' | 'O')) {
            // "Psychologiczno- Pedagogiczna": a compound adjective; the hyphen stays.
            return;
        }
    }
    match newlines {
        0 => out.push_char(' ', src),
        1 => out.push_char('\n', src),
        _ => out.push_str("\n\n", src),
    }
}

/// Whether the text ends in two lower-case letters (a word that a capital may be glued to).
fn glued(text: &str) -> bool {
    let mut t = text.chars().rev();
    matches!((t.next(), t.next()), (Some(a), Some(b)) if a.is_lowercase() && b.is_lowercase())
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

#[cfg(test)]
mod tests;
