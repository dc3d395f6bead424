//! Every module stays within 500 lines.
//!
//! The module graph of the library has no cycle: no top-level module (`src/<name>.rs` with
//! its submodules in `src/<name>/`) reaches itself through the `crate::` paths of the
//! source, and no extractor (`src/extract/<kind>`) takes anything from another.
//!
//! The paths are read from the source text: every `crate::a::…` and every item of a
//! `crate::{a, b::…}` group outside comments names module `a`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The first segment of each item of a `use` group (`{a, b::c, d::{e, f}}`), `text` starting
/// after the opening brace.
fn group_heads(text: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut at_item = true;
    let mut word = String::new();
    for c in text.chars() {
        if depth == 0 && at_item {
            if c.is_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                heads.push(std::mem::take(&mut word));
                at_item = false;
            } else if c.is_whitespace() {
                continue;
            }
        }
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => at_item = true,
            _ => {}
        }
    }
    heads
}

/// The modules named right after `prefix` (`"crate::"`, `"super::"`, …) in the paths of one
/// source file (comments skipped).
fn paths_after(source: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in source.lines() {
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        let mut from = 0;
        while let Some(i) = code[from..].find(prefix) {
            let start = from + i;
            from = start + prefix.len();
            let before = code[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[from..];
            if let Some(group) = rest.strip_prefix('{') {
                // A group may run over several lines: read it from the whole source.
                let offset =
                    source.find(line).unwrap() + (group.as_ptr() as usize - line.as_ptr() as usize);
                out.extend(group_heads(&source[offset..]));
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    out
}

/// The module graph under `root`: for each module (a file `name.rs` with its folder
/// `name/`), the modules it names by the paths `paths` reads from a file (given the file's
/// depth below `root`), with the first file that names each.
fn graph(
    root: &Path,
    paths: impl Fn(&str, usize) -> BTreeSet<String>,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in rust_files(root) {
        let rel = file.strip_prefix(root).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if ["lib", "main", "mod"].contains(&module.as_str()) {
            continue;
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for path in paths(&source, rel.components().count() - 1) {
            if path != module {
                edges
                    .entry(module.clone())
                    .or_default()
                    .entry(path)
                    .or_insert_with(|| file.display().to_string());
            }
        }
    }
    edges
}

/// The modules in a cycle: each strongly connected set of two or more, as the edges
/// within it with the file that makes each.
fn cycles(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<String> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(m) = stack.pop() {
            for next in edges.get(&m).into_iter().flat_map(|e| e.keys()) {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let mut out = Vec::new();
    for (a, targets) in edges {
        let from_a = reach(a);
        for (b, file) in targets {
            // The edge a → b lies on a cycle when b reaches a back.
            if from_a.contains(b) && reach(b).contains(a) {
                out.push(format!("{a} -> {b} (in {file})"));
            }
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn top_level_modules_form_no_cycle() {
    let edges = graph(&src(), |source, _| paths_after(source, "crate::"));
    assert!(edges.len() > 10, "the graph was read: {edges:?}");
    let found = cycles(&edges);
    assert!(
        found.is_empty(),
        "edges on an import cycle:\n{}",
        found.join("\n")
    );
}

#[test]
fn extractors_take_nothing_from_each_other() {
    let root = src().join("extract");
    let kinds: BTreeSet<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert!(kinds.len() >= 5, "{kinds:?}");
    let mut found = Vec::new();
    // `crate::extract::x`, or `super::x` from `extract/<kind>.rs`, `super::super::x` from
    // `extract/<kind>/<part>.rs`, and so on.
    let paths = |source: &str, depth: usize| {
        let mut names = paths_after(source, "crate::extract::");
        names.extend(paths_after(source, &"super::".repeat(depth + 1)));
        names
    };
    for (from, targets) in graph(&root, paths) {
        for (to, file) in targets {
            if kinds.contains(&from) && kinds.contains(&to) {
                found.push(format!("{from} -> {to} (in {file})"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "extractors importing each other:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_reader_sees_groups_and_skips_comments() {
    let source = "use crate::a::x;\n// crate::b::y\nuse crate::{c::z,\n    d, e::{f, g}};\nfn f() { my_crate::h(); crate::i::j(); }\n";
    let names: Vec<String> = paths_after(source, "crate::").into_iter().collect();
    assert_eq!(names, ["a", "c", "d", "e", "i"]);
    let mut edges = BTreeMap::new();
    edges.insert(
        "a".to_string(),
        BTreeMap::from([("b".to_string(), "f1".to_string())]),
    );
    edges.insert(
        "b".to_string(),
        BTreeMap::from([("a".to_string(), "f2".to_string())]),
    );
    edges.insert(
        "c".to_string(),
        BTreeMap::from([("a".to_string(), "f3".to_string())]),
    );
    assert_eq!(cycles(&edges), ["a -> b (in f1)", "b -> a (in f2)"]);
}

#[test]
fn no_module_is_over_500_lines() {
    let files = rust_files(&src());
    assert!(files.len() > 50, "{} files", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 500).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "modules over 500 lines: {long:?}");
}
