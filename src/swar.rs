//! Eight bytes at a time in one `u64` (first byte lowest): the tests the tokenisers and the
//! sketch use to step over runs of ASCII letters.

/// Every byte's high bit.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// A byte value in every byte.
pub const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The eight bytes of `bytes` from `at`, zeros past its end.
#[inline(always)]
pub fn load8(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) => {
            u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7])
        }
        _ => {
            let mut buf = [0u8; 8];
            for (d, s) in buf.iter_mut().zip(bytes.get(at..).unwrap_or(&[])) {
                *d = *s;
            }
            u64::from_le_bytes(buf)
        }
    }
}

/// The high bit of each byte of `x` that lies in `lo..=hi` (all three ASCII; bytes not
/// ASCII never do).
#[inline(always)]
pub fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & !HIGH;
    // a byte below 0x80 plus at most 0x7F carries into no other byte
    let from = low7 + splat(0x80 - lo);
    let past = low7 + splat(0x80 - hi - 1);
    from & !past & !x & HIGH
}

/// The high bit of each byte of `x` that is an ASCII letter, either case.
#[inline(always)]
pub fn ascii_letter_bits(x: u64) -> u64 {
    in_range(x | splat(0x20), b'a', b'z')
}

/// How many bytes of `x` (from the lowest) have their high bit in `mask` before one that
/// has not.
#[inline(always)]
pub fn leading(mask: u64) -> usize {
    ((!mask & HIGH).trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_tests_agree_with_one_byte_at_a_time() {
        let samples: [&[u8]; 5] = [
            b"Gmina Oksa",
            b"@[`{AZaz09",
            "żółć ab".as_bytes(),
            b"",
            b"abcdefgh",
        ];
        for s in samples {
            for at in 0..=s.len() + 1 {
                let x = load8(s, at);
                let bytes: Vec<u8> = (0..8)
                    .map(|k| s.get(at + k).copied().unwrap_or(0))
                    .collect();
                assert_eq!(x.to_le_bytes().to_vec(), bytes);
                let letters = ascii_letter_bits(x);
                for (k, b) in bytes.iter().enumerate() {
                    assert_eq!(
                        letters >> (8 * k + 7) & 1 == 1,
                        b.is_ascii_alphabetic(),
                        "{b}"
                    );
                    let digit = in_range(x, b'0', b'9') >> (8 * k + 7) & 1 == 1;
                    assert_eq!(digit, b.is_ascii_digit());
                }
                let run = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
                assert_eq!(leading(letters), run);
            }
        }
    }
}
