//! What identifies the running binary in the store's fingerprint (its code decides the
//! records; records made by another binary are made again).
//!
//! The linker's build id (ELF note `NT_GNU_BUILD_ID`) when the binary has one: a hash
//! the linker computes over the whole linked output, so any change of code or data gives
//! another; it sits in the first pages of the file and is read instead of the ~100 MB of
//! the binary. Without one (another linker, another format), the whole file is hashed.

use std::io::Read;

/// The binary's fingerprint: a hash of its build id, else of its whole file (0 when it
/// cannot be read).
pub fn fingerprint() -> u64 {
    let Ok(exe) = std::env::current_exe() else {
        return 0;
    };
    let head = std::fs::File::open(&exe).and_then(|f| {
        let mut head = Vec::with_capacity(HEAD);
        f.take(HEAD as u64).read_to_end(&mut head)?;
        Ok(head)
    });
    match head.ok().as_deref().and_then(build_id) {
        // (a prefix keeps a build id's hash apart from a whole file's)
        Some(id) => xxhash_rust::xxh3::xxh3_64(&[b"build-id:".as_slice(), id].concat()),
        None => file_hash(&exe).unwrap_or(0),
    }
}

/// How much of the file's start is read for the build id.
const HEAD: usize = 1 << 16;

/// A hash of the whole file, read in blocks: reading it whole was most of a run's peak
/// memory.
pub fn file_hash(path: &std::path::Path) -> std::io::Result<u64> {
    let mut file = std::fs::File::open(path)?;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut block = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut block)? {
            0 => return Ok(h.digest()),
            n => h.update(&block[..n]),
        }
    }
}

/// The `NT_GNU_BUILD_ID` note of a 64-bit little-endian ELF file whose start is `head`,
/// found through its program headers (`PT_NOTE`) within `head`.
pub fn build_id(head: &[u8]) -> Option<&[u8]> {
    let u16_at = |o: usize| Some(u16::from_le_bytes(head.get(o..o + 2)?.try_into().ok()?));
    let u32_at = |o: usize| Some(u32::from_le_bytes(head.get(o..o + 4)?.try_into().ok()?));
    let u64_at = |o: usize| Some(u64::from_le_bytes(head.get(o..o + 8)?.try_into().ok()?));
    // ELF magic, 64-bit, little-endian
    if head.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let phoff = usize::try_from(u64_at(0x20)?).ok()?;
    let phentsize = usize::from(u16_at(0x36)?);
    let phnum = usize::from(u16_at(0x38)?);
    for i in 0..phnum {
        let ph = phoff.checked_add(i.checked_mul(phentsize)?)?;
        const PT_NOTE: u32 = 4;
        if u32_at(ph)? != PT_NOTE {
            continue;
        }
        let start = usize::try_from(u64_at(ph + 8)?).ok()?;
        let size = usize::try_from(u64_at(ph + 32)?).ok()?;
        let notes = head.get(start..start.checked_add(size)?)?;
        if let Some(id) = gnu_build_id(notes) {
            return Some(id);
        }
    }
    None
}

/// The build id among the notes of a `PT_NOTE` segment (each: name size, description
/// size, type, then the name and the description, each padded to 4 bytes).
fn gnu_build_id(mut notes: &[u8]) -> Option<&[u8]> {
    const NT_GNU_BUILD_ID: u32 = 3;
    let pad = |n: usize| n.checked_add(3).map(|n| n & !3);
    while notes.len() >= 12 {
        let word =
            |o: usize| u32::from_le_bytes([notes[o], notes[o + 1], notes[o + 2], notes[o + 3]]);
        let (namesz, descsz, kind) = (word(0) as usize, word(4) as usize, word(8));
        let desc_at = 12usize.checked_add(pad(namesz)?)?;
        let end = desc_at.checked_add(pad(descsz)?)?;
        let name = notes.get(12..12 + namesz)?;
        let desc = notes.get(desc_at..desc_at.checked_add(descsz)?)?;
        if kind == NT_GNU_BUILD_ID && name == b"GNU\0" && !desc.is_empty() {
            return Some(desc);
        }
        notes = notes.get(end..)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_hash_read_in_blocks_equals_the_hash_of_the_whole_file() {
        let exe = std::env::current_exe().unwrap();
        let whole = std::fs::read(&exe).unwrap();
        assert_eq!(file_hash(&exe).unwrap(), xxhash_rust::xxh3::xxh3_64(&whole));
        assert_ne!(fingerprint(), 0);
    }

    /// An ELF head with one `PT_NOTE` segment holding `notes`.
    fn elf_with_notes(notes: &[u8]) -> Vec<u8> {
        let mut f = vec![0u8; 0x40 + 56];
        f[..6].copy_from_slice(b"\x7fELF\x02\x01");
        f[0x20..0x28].copy_from_slice(&0x40u64.to_le_bytes());
        f[0x36..0x38].copy_from_slice(&56u16.to_le_bytes());
        f[0x38..0x3a].copy_from_slice(&1u16.to_le_bytes());
        let ph = 0x40;
        f[ph..ph + 4].copy_from_slice(&4u32.to_le_bytes());
        f[ph + 8..ph + 16].copy_from_slice(&((0x40 + 56) as u64).to_le_bytes());
        f[ph + 32..ph + 40].copy_from_slice(&(notes.len() as u64).to_le_bytes());
        f.extend_from_slice(notes);
        f
    }

    fn note(name: &[u8], kind: u32, desc: &[u8]) -> Vec<u8> {
        let mut n = Vec::new();
        n.extend_from_slice(&(name.len() as u32).to_le_bytes());
        n.extend_from_slice(&(desc.len() as u32).to_le_bytes());
        n.extend_from_slice(&kind.to_le_bytes());
        n.extend_from_slice(name);
        n.resize(n.len().next_multiple_of(4), 0);
        n.extend_from_slice(desc);
        n.resize(n.len().next_multiple_of(4), 0);
        n
    }

    #[test]
    fn the_build_id_is_found_after_other_notes_and_only_as_a_gnu_build_id() {
        let id = [0xab, 0xcd, 0xef, 0x01, 0x23];
        let mut notes = note(b"GNU\0", 1, &[0, 0, 0, 0, 3, 0, 0, 0]);
        notes.extend(note(b"GNU\0", 3, &id));
        assert_eq!(build_id(&elf_with_notes(&notes)), Some(id.as_slice()));
        assert_eq!(build_id(&elf_with_notes(&note(b"GNU\0", 1, &id))), None);
        assert_eq!(build_id(&elf_with_notes(&note(b"XYZ\0", 3, &id))), None);
        // cut short, or not an ELF file: none
        let whole = elf_with_notes(&note(b"GNU\0", 3, &id));
        assert_eq!(build_id(&whole[..whole.len() - 4]), None);
        assert_eq!(build_id(b"#!/bin/sh\n"), None);
    }

    #[test]
    fn this_binary_s_fingerprint_is_its_build_id_s_hash_when_it_has_one() {
        let exe = std::env::current_exe().unwrap();
        let whole = std::fs::read(&exe).unwrap();
        let want = match build_id(&whole[..whole.len().min(HEAD)]) {
            Some(id) => {
                assert!(id.len() >= 8, "{id:?}");
                xxhash_rust::xxh3::xxh3_64(&[b"build-id:".as_slice(), id].concat())
            }
            None => xxhash_rust::xxh3::xxh3_64(&whole),
        };
        assert_eq!(fingerprint(), want);
    }
}
