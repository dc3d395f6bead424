//! Where each input file sits and what it is called: its input root (recorded with its
//! absolute path), its path below that root (kept reversibly when the name is not UTF-8)
//! and its document id.
//!
//! A document id is the file stem when no other file of the archive has that stem (the
//! scorer and the gold key on it); otherwise the stem, `~` and 8 hex digits of a hash of
//! the path below the root (16 digits of the whole path where that still collides). Ids
//! never depend on the order of the walk, and the store keeps an id once issued for a path.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One `PATH` of the command line.
#[derive(Debug, Clone)]
pub struct Root {
    /// As given (the walk's paths start with it).
    pub given: PathBuf,
    /// Absolute, links resolved: the folder given, or the folder of a file given.
    pub abs: PathBuf,
    /// Whether `given` names a file rather than a folder.
    pub file: bool,
}

/// The roots of `paths`; a path that does not exist keeps its given form (the walk
/// reports it).
pub fn roots(paths: &[PathBuf]) -> Vec<Root> {
    paths
        .iter()
        .map(|p| {
            let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            let file = abs.is_file();
            let abs = if file {
                abs.parent().map(Path::to_path_buf).unwrap_or(abs)
            } else {
                abs
            };
            Root {
                given: p.clone(),
                abs,
                file,
            }
        })
        .collect()
}

/// A file to read, placed below its root.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The path as walked (what is opened, and the record's `source`).
    pub path: PathBuf,
    /// Index into the roots.
    pub root: usize,
    /// The path below the root, `/`-separated; `%XX` escapes when the name is not UTF-8
    /// or holds a `%` (see [`encode`]).
    pub rel: String,
    /// The root's absolute path and `rel`: unique among the archive's files.
    pub key: String,
    /// The file stem (lossy where not UTF-8).
    pub stem: String,
}

impl Placed {
    /// The name below the root as raw bytes, percent-encoded, when it is not UTF-8
    /// (the record's `source_bytes`); `None` for UTF-8 names.
    pub fn source_bytes(&self) -> Option<String> {
        self.path
            .to_str()
            .is_none()
            .then(|| encode(self.path.as_os_str().as_encoded_bytes()))
    }
}

/// Places a walked path below the first root it starts with.
pub fn place(roots: &[Root], path: &Path) -> Placed {
    let (root, below) = roots
        .iter()
        .enumerate()
        .find_map(|(i, r)| {
            let below = if r.file {
                (path == r.given).then(|| PathBuf::from(path.file_name().unwrap_or_default()))
            } else {
                path.strip_prefix(&r.given).ok().map(Path::to_path_buf)
            };
            below.map(|b| (i, b))
        })
        .unwrap_or((usize::MAX, path.to_path_buf()));
    let mut rel = Vec::new();
    for (n, c) in below.components().enumerate() {
        if n > 0 {
            rel.push(b'/');
        }
        rel.extend_from_slice(c.as_os_str().as_encoded_bytes());
    }
    let rel = encode_if_needed(&rel);
    let root_abs = roots
        .get(root)
        .map(|r| encode_if_needed(r.abs.as_os_str().as_encoded_bytes()))
        .unwrap_or_default();
    Placed {
        path: path.to_path_buf(),
        root,
        key: format!("{root_abs}//{rel}"),
        rel,
        stem: crate::ingest::doc_id(path),
    }
}

/// Bytes as text, losslessly: UTF-8 without `%` as it is, anything else with every byte
/// outside printable ASCII (and `%`) written `%XX`.
pub fn encode_if_needed(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.contains('%') => s.to_string(),
        _ => encode(bytes),
    }
}

/// Percent-encoding of every byte outside printable ASCII, and of `%`.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if (0x21..0x7f).contains(&b) && b != b'%' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn hash_hex(s: &str, digits: usize) -> String {
    let h = xxhash_rust::xxh3::xxh3_64(s.as_bytes());
    format!("{h:016x}")[..digits].to_string()
}

/// The ids of `files`: `issued` (key → id) keeps the ids the store gave before; `others`
/// are the keys of the archive's other files (counted for stem uniqueness); no new id
/// takes one of `issued`'s ids. The result does not depend on the order of `files`.
pub fn assign(
    files: &[Placed],
    issued: &HashMap<String, String>,
    other_stems: &HashMap<String, usize>,
) -> Vec<String> {
    let mut stems: HashMap<&str, usize> = HashMap::new();
    for f in files {
        *stems.entry(f.stem.as_str()).or_insert(0) += 1;
    }
    let mut taken: HashSet<String> = issued.values().cloned().collect();
    let mut ids: Vec<Option<String>> = files.iter().map(|f| issued.get(&f.key).cloned()).collect();
    // New files in key order: where a collision is settled by a counter, the counter
    // follows the keys, not the walk.
    let mut order: Vec<usize> = (0..files.len()).filter(|&i| ids[i].is_none()).collect();
    order.sort_by(|&a, &b| files[a].key.cmp(&files[b].key));
    // First the ids each new file would take alone, so that two new files that want
    // one id both step aside.
    let want = |f: &Placed| -> Vec<String> {
        let alone = stems.get(f.stem.as_str()).copied().unwrap_or(0)
            + other_stems.get(&f.stem).copied().unwrap_or(0)
            == 1;
        let mut c = Vec::new();
        if alone {
            c.push(f.stem.clone());
        }
        c.push(format!("{}~{}", f.stem, hash_hex(&f.rel, 8)));
        c.push(format!("{}~{}", f.stem, hash_hex(&f.key, 16)));
        c
    };
    let wants: Vec<Vec<String>> = order.iter().map(|&i| want(&files[i])).collect();
    let mut wanted: HashMap<&str, usize> = HashMap::new();
    for w in &wants {
        for c in w {
            *wanted.entry(c.as_str()).or_insert(0) += 1;
        }
    }
    for (&i, w) in order.iter().zip(&wants) {
        let pick = w
            .iter()
            .find(|c| wanted[c.as_str()] == 1 && !taken.contains(*c))
            .cloned()
            .unwrap_or_else(|| {
                let base = w.last().cloned().unwrap_or_default();
                (2..)
                    .map(|n| format!("{base}~{n}"))
                    .find(|c| !taken.contains(c))
                    .unwrap_or(base)
            });
        taken.insert(pick.clone());
        ids[i] = Some(pick);
    }
    ids.into_iter().map(Option::unwrap_or_default).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(paths: &[&str]) -> Vec<Placed> {
        let roots = vec![Root {
            given: PathBuf::from("in"),
            abs: PathBuf::from("/abs/in"),
            file: false,
        }];
        paths
            .iter()
            .map(|p| place(&roots, &Path::new("in").join(p)))
            .collect()
    }

    #[test]
    fn a_unique_stem_is_the_id_and_shared_stems_are_told_apart_by_their_path() {
        let files = placed(&["a.md", "a.txt", "a#2.txt", "x/b.txt", "c.txt"]);
        let ids = assign(&files, &HashMap::new(), &HashMap::new());
        assert_eq!(ids[2], "a#2");
        assert_eq!(ids[3], "b");
        assert_eq!(ids[4], "c");
        assert!(ids[0].starts_with("a~") && ids[1].starts_with("a~"));
        assert_ne!(ids[0], ids[1]);
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
    }

    #[test]
    fn ids_do_not_depend_on_the_order_of_the_files() {
        let files = placed(&["x/index.txt", "y/index.txt", "z/index.html", "q.txt"]);
        let ids = assign(&files, &HashMap::new(), &HashMap::new());
        let mut rev = files.clone();
        rev.reverse();
        let mut rev_ids = assign(&rev, &HashMap::new(), &HashMap::new());
        rev_ids.reverse();
        assert_eq!(ids, rev_ids);
    }

    #[test]
    fn an_issued_id_is_kept_and_never_given_to_another_file() {
        let files = placed(&["a.txt", "sub/a.txt"]);
        let mut issued = HashMap::new();
        issued.insert(files[0].key.clone(), "a".to_string());
        let ids = assign(&files, &issued, &HashMap::new());
        assert_eq!(ids[0], "a");
        assert!(ids[1].starts_with("a~"), "{}", ids[1]);
    }

    #[test]
    fn names_that_are_not_utf8_are_kept_reversibly() {
        assert_eq!(encode_if_needed(b"ab/c.txt"), "ab/c.txt");
        assert_eq!(encode_if_needed(b"a\xffb.txt"), "a%FFb.txt");
        assert_eq!(encode_if_needed(b"100%.txt"), "100%25.txt");
        assert_eq!(encode(b"a b"), "a%20b");
    }
}
