use super::*;

#[test]
fn walk_goes_in_walkdirs_sorted_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("in");
    let names = [
        "a.txt",
        "a/b.txt",
        "a/a/z.md",
        "a-b.txt",
        "ab.txt",
        "A.txt",
        "a0/x.txt",
        "żaba.txt",
        "zeta/ą.html",
        "zeta.txt",
        "b/c/d/e.txt",
        "b.c/f.txt",
        "b/c.txt",
    ];
    for n in names {
        let p = root.join(n);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, "x").expect("write");
    }
    let want: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    for given in [root.clone(), PathBuf::from(format!("{}/", root.display()))] {
        let got: Vec<PathBuf> = walk(std::slice::from_ref(&given))
            .into_iter()
            .map(|f| match f {
                Found::File(p) => p,
                Found::Failed(p, e) => panic!("{}: {e}", p.display()),
                Found::Skipped(p) => panic!("{}: skipped", p.display()),
            })
            .collect();
        let strip = |v: &[PathBuf], r: &Path| -> Vec<PathBuf> {
            v.iter()
                .map(|p| p.strip_prefix(r).expect("below the root").to_path_buf())
                .collect()
        };
        assert_eq!(strip(&got, &given), strip(&want, &root));
        assert_eq!(got.len(), names.len());
    }
}

#[test]
fn utf8_with_bom_keeps_the_bom() {
    let d = decode("\u{FEFF}Gmina Oksa".as_bytes()).unwrap();
    assert_eq!(d.encoding, "utf-8");
    assert!(d.text.starts_with('\u{FEFF}'));
}

#[test]
fn windows_1250_is_detected() {
    // "Gmina Łoniów, wójt Szymon Kołacz, źródło: świętokrzyskie" in windows-1250
    let (bytes, _, _) = encoding_rs::WINDOWS_1250
        .encode("Gmina Łoniów, wójt Szymon Kołacz. Źródło: województwo świętokrzyskie, żółć.");
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, "windows-1250");
    assert!(d.text.contains("Łoniów"));
}

#[test]
fn mixed_utf8_and_windows_1250() {
    let mut bytes = "Gmina Łoniów — część UTF-8. ".as_bytes().to_vec();
    let (cp, _, _) = encoding_rs::WINDOWS_1250.encode("Wójt Szymon Kołacz, źródło.");
    bytes.extend_from_slice(&cp);
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, "utf-8+windows-1250");
    assert_eq!(
        d.text,
        "Gmina Łoniów — część UTF-8. Wójt Szymon Kołacz, źródło."
    );
}

#[test]
fn control_share_counts_characters_as_the_char_iterator_does() {
    let text = "a\u{0}\u{1}\n\t\u{7F}\u{80}\u{9F}\u{A0}ż\u{FFFD}\u{FFFE}€𝄞\u{C}\r";
    let expect = |max: usize| {
        let mut n = (0, 0);
        for c in text.chars().take(max) {
            n.0 += 1;
            if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C')) || c == '\u{FFFD}' {
                n.1 += 1;
            }
        }
        n
    };
    for max in 0..20 {
        assert_eq!(control_share(text, max), expect(max), "max {max}");
    }
    assert_eq!(control_share(text, 100), (16, 6));
    // Each bad character alone is seen by the quick pass; text without them is not.
    for c in text.chars() {
        let one = c.to_string();
        if control_share(&one, 10).1 > 0 {
            assert!(may_have_controls(one.as_bytes()), "{c:?}");
        }
    }
    let clean = "Wójt Gminy Łoniów\n\tpodpisał umowę „na drogę” – 2024 r.\r\n\u{C}€𝄞";
    assert!(!may_have_controls(clean.as_bytes()));
    assert_eq!(control_share(clean, 100).1, 0);
}

#[test]
fn png_and_empty_are_refused() {
    assert!(matches!(
        decode(b"\x89PNG\r\n\x1a\n\0\0"),
        Err(InputError::Binary(_))
    ));
    assert!(matches!(decode(b""), Err(InputError::Empty)));
    assert!(matches!(decode(b"  \n "), Err(InputError::Empty)));
}
