//! The words of a release's content as hashes: FNV-1a over the folded bytes of each word
//! (runs of ASCII letters eight bytes at a time).

use crate::swar::{in_range, leading, load8, splat};

/// A 64-bit finaliser (splitmix64): deterministic across runs and platforms.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A deterministic 64-bit hash of a string.
pub fn hash_str(w: &str) -> u64 {
    let mut h: u64 = FNV_START;
    for b in w.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    mix(h)
}

/// FNV-1a, the byte hash under [`hash_str`].
pub(super) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
pub(super) const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The Polish letters, either case, without their diacritics.
pub(super) const fn polish_plain(c: char) -> Option<u8> {
    Some(match c {
        'ą' | 'Ą' => b'a',
        'ć' | 'Ć' => b'c',
        'ę' | 'Ę' => b'e',
        'ł' | 'Ł' => b'l',
        'ń' | 'Ń' => b'n',
        'ó' | 'Ó' => b'o',
        'ś' | 'Ś' => b's',
        'ź' | 'ż' | 'Ź' | 'Ż' => b'z',
        _ => return None,
    })
}

/// The first code point of [`POLISH`]: the Polish letters are U+00D3..U+017C, written in
/// UTF-8 as two bytes, the first 0xC3..=0xC5.
const POLISH_FIRST: u32 = 0xC0;

/// `polish_plain` of the code points U+00C0..U+017F, 0 for other letters.
const POLISH: [u8; 0xC0] = {
    let mut t = [0u8; 0xC0];
    let mut i = 0;
    while i < t.len() {
        if let Some(c) = char::from_u32(POLISH_FIRST + i as u32) {
            if let Some(p) = polish_plain(c) {
                t[i] = p;
            }
        }
        i += 1;
    }
    t
};

/// `polish_plain` of the character whose UTF-8 form starts `bytes`, or 0.
pub(super) fn polish_at(bytes: &[u8]) -> u8 {
    match bytes {
        [b0 @ 0xC3..=0xC5, b1, ..] => {
            let cp = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
            cp.checked_sub(POLISH_FIRST)
                .and_then(|i| POLISH.get(i as usize))
                .copied()
                .unwrap_or(0)
        }
        _ => 0,
    }
}

/// What [`paragraph_words`] found in a paragraph.
pub(super) struct Paragraph {
    /// Where the paragraph ends: at the next "\n\n" or at the end of the text.
    pub(super) end: usize,
}

/// FNV-1a from `h` over the lowest `n` (1..=8) bytes of `x`: all eight steps are taken and
/// the `n`th kept, so that the length of a word costs no branch.
pub(super) fn fnv_prefix(mut h: u64, x: u64, n: usize) -> u64 {
    let mut steps = [0u64; 8];
    for (k, step) in steps.iter_mut().enumerate() {
        h = (h ^ ((x >> (8 * k)) & 0xFF)).wrapping_mul(FNV_PRIME);
        *step = h;
    }
    steps.get(n.wrapping_sub(1)).copied().unwrap_or(h)
}

/// Reads the paragraph of `text` that starts at `start`: writes to `words` the `hash_str`
/// of each word (run of alphanumeric characters) of its folded form, without building that
/// form. Runs of ASCII letters (the bulk of
/// the text) are read eight bytes at a time. (Kept out of line: the loop gets the registers
/// to itself, and profiles name it.)
#[inline(never)]
pub(super) fn paragraph_words(
    text: &str,
    start: usize,
    words: &mut Vec<u64>,
    found: &mut Paragraph,
) {
    words.clear();
    let f = text.as_bytes();
    let (mut h, mut in_word) = (FNV_START, false);
    let mut i = start;
    while i < f.len() {
        let x = load8(f, i);
        // the ASCII letters from `i` (zeros past the end are none), lower-cased
        let n = leading(in_range(x | splat(0x20), b'a', b'z'));
        if n > 0 {
            h = fnv_prefix(h, x | splat(0x20), n);
            in_word = true;
            i += n;
            if n == 8 {
                continue;
            }
        }
        let Some(&b) = f.get(i) else { break };
        if b.is_ascii_digit() {
            h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
            in_word = true;
            i += 1;
            continue;
        }
        if b >= 0x80 {
            let p = polish_at(&f[i..]);
            if p != 0 {
                h = (h ^ u64::from(p)).wrapping_mul(FNV_PRIME);
                in_word = true;
                i += 2;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            for l in c.to_lowercase() {
                let l = crate::rules::fold_letter(l);
                if l.is_alphanumeric() {
                    let mut buf = [0u8; 4];
                    for &b in l.encode_utf8(&mut buf).as_bytes() {
                        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                    }
                    in_word = true;
                } else if in_word {
                    words.push(mix(h));
                    (h, in_word) = (FNV_START, false);
                }
            }
            continue;
        }
        if b == b'\n' && f.get(i + 1) == Some(&b'\n') {
            break;
        }
        i += 1;
        if in_word {
            words.push(mix(h));
            (h, in_word) = (FNV_START, false);
        }
    }
    if in_word {
        words.push(mix(h));
    }
    found.end = i.min(f.len());
}
