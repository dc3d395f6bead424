//! Snapshot of the document record of every release in `corpus/` (insta's three-argument
//! `glob!` over a folder outside `tests/`). Review changed snapshots before accepting them.

use komunikat::pipeline::{process_file, Options, RuleSet};
use std::path::Path;

#[test]
fn corpus_records() {
    let rules = RuleSet::embedded().expect("embedded rules load");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    insta::glob!("..", "corpus/**/*.*", |path| {
        let mut rec = process_file(&rules, path, &Options::default()).expect("corpus file reads");
        rec.source = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        // Every span slices its text out of the decoded source.
        let bytes = std::fs::read(path).unwrap();
        let src = komunikat::ingest::decode(&bytes).unwrap().text;

        for (s, e, t) in rec.spans() {
            assert_eq!(&src[s..e], t, "{}", rec.id);
        }
        insta::assert_json_snapshot!(rec);
    });
}
