use super::*;

#[test]
fn joins_inner_hyphens_and_splits_dashes() {
    let t = "Sowy-Kamińskiej, Bogorii- Pani 12 r.";
    let toks = Toks::new(t, 0);
    let words: Vec<&str> = (0..)
        .take_while(|&k| toks.has(k))
        .map(|k| toks.str(k))
        .collect();
    assert_eq!(
        words,
        [
            "Sowy-Kamińskiej",
            ",",
            "Bogorii",
            "-",
            "Pani",
            "12",
            "r",
            "."
        ]
    );
    assert_eq!(toks.low(0), "sowy-kamińskiej");
    // every character between letters, as `char::is_alphabetic` has it
    for c in ('\u{80}'..='\u{2FF}').chain(['-', '\u{2028}', 'Σ', 'ж', '中']) {
        for t in [
            format!("a{c}b"),
            format!("a{c}"),
            format!("{c}b"),
            format!("ą{c}-ż"),
        ] {
            let toks = Toks::new(&t, 0);
            let words: Vec<&str> = (0..)
                .take_while(|&k| toks.has(k))
                .filter(|&k| toks.at(k).is_word())
                .map(|k| toks.str(k))
                .collect();
            let starts: Vec<&str> = word_starts(&t).iter().map(|w| word_at(&t, w.at)).collect();
            assert_eq!(starts, words, "{t:?}");
            let mut want: Vec<String> = Vec::new();
            let mut cur = String::new();
            let cs: Vec<char> = t.chars().collect();
            for (i, &d) in cs.iter().enumerate() {
                let inner_hyphen =
                    d == '-' && !cur.is_empty() && cs.get(i + 1).is_some_and(|n| n.is_alphabetic());
                if d.is_alphabetic() || inner_hyphen {
                    cur.push(d);
                } else if !cur.is_empty() {
                    want.push(std::mem::take(&mut cur));
                }
            }
            if !cur.is_empty() {
                want.push(cur);
            }
            assert_eq!(words, want, "{t:?}");
        }
    }
    assert_eq!(toks.low(4), "pani");
    assert_eq!(toks.low(99), "");
}

#[test]
fn word_starts_as_the_tokeniser_finds_them() {
    let pieces = [
        "a", "Ż", "ó", "-", " ", "\n", "1", "×", "÷", "ė", "…", "€", "Σ", "ж", "\"", "Wójt", "x-",
        "İ",
    ];
    // every string of up to three pieces, and longer ones across the eight-byte chunks
    let mut texts: Vec<String> = vec![String::new()];
    for _ in 0..3 {
        let mut more = Vec::new();
        for t in &texts {
            for p in pieces {
                more.push(format!("{t}{p}"));
            }
        }
        texts.extend(more);
        texts.dedup();
    }
    let mut seed = 7u64;
    for _ in 0..3000 {
        let mut t = String::new();
        for _ in 0..20 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        texts.push(t);
    }
    for t in &texts {
        let want: Vec<usize> = tokenize(t)
            .iter()
            .filter(|k| k.is_word())
            .map(|k| k.start)
            .collect();
        let starts: Vec<usize> = word_starts(t).iter().map(|w| w.at).collect();
        assert_eq!(starts, want, "{t:?}");
        for k in tokenize(t).iter().filter(|k| k.is_word()) {
            assert_eq!(word_at(t, k.start), k.text(t));
        }
        // from any token boundary, the lazy tokens are the rest of the list
        let list = tokenize(t);
        for (n, k) in list.iter().enumerate() {
            let toks = Toks::new(t, k.start);
            assert_eq!(toks.get(list.len() - n - 1), list.last().copied());
            assert!(!toks.has(list.len() - n));
            assert_eq!(toks.at(0), *k);
        }
    }
}

#[test]
fn letters_eight_at_a_time() {
    for x in 0..=255u8 {
        for at in 0..8 {
            let mut v = *b"abcdWXYZ";
            v[at] = x;
            let want = if x.is_ascii_alphabetic() { 8 } else { at };
            assert_eq!(
                leading(ascii_letter_bits(u64::from_le_bytes(v))),
                want,
                "{x} at {at}"
            );
        }
    }
    let t = "Przewodniczącego Rady Miejskiej@Kraków×Żółć-Abcdefghij-x Zdroju-";
    let words: Vec<&str> = tokenize(t)
        .iter()
        .filter(|k| k.is_word())
        .map(|k| k.text(t))
        .collect();
    assert_eq!(
        words,
        [
            "Przewodniczącego",
            "Rady",
            "Miejskiej",
            "Kraków",
            "Żółć-Abcdefghij-x",
            "Zdroju"
        ]
    );
}

#[test]
fn title_cases_capitals() {
    assert_eq!(title_case("KOZIEŁ"), "Kozieł");
    assert_eq!(title_case("sowa-kamińska"), "Sowa-Kamińska");
    for w in [
        "Józef",
        "józef",
        "JÓZEF",
        "Sowa-Kamińska",
        "Sowa-kamińska",
        "ǅemal",
        "İlker",
        "Ölçer",
        "ΣΟΣ",
        "Σος",
        "A",
        "",
        "-A",
        "Ab-",
        "Straße",
        "ﬁx",
        "Ǆ",
    ] {
        assert_eq!(is_title_case(w), title_case(w) == w, "{w}");
    }
    assert!(all_caps("WÓJT"));
    assert!(!all_caps("Wójt"));
}
