use super::*;

#[test]
fn lower_map_finds_any_letter_case() {
    let m = LowerMap::new([
        ("wójt".to_string(), 1),
        ("starosta".to_string(), 2),
        ("σος".to_string(), 3),
    ]);
    assert_eq!(m.get("WÓJT"), Some(&1));
    assert_eq!(m.get("Wójt"), Some(&1));
    assert_eq!(m.get("wójta"), None);
    assert_eq!(m.get("wój"), None);
    assert_eq!(m.get("StaroSTA"), Some(&2));
    assert_eq!(m.get("ΣΟΣ"), Some(&3));
    assert!(!m.contains("Starost"));
    let i = Initials::new(["wójt", "ab"]);
    assert!(i.may_hold("WÓJT") && i.may_hold("Ab") && i.may_hold("İx"));
    // same initials, other length in lower case
    assert!(!i.may_hold("WÓJCIK") && !i.may_hold("abb"));
    assert!(!i.may_hold("abc") && !i.may_hold("wóz") && !i.may_hold("a"));
    // by the first bytes of a word in a text
    let t = "ab, Abb wÓjt abc a-b a WÓJT ab";
    let at = |w: &str| t.find(w).unwrap_or(t.len());
    assert!(i.may_start(t, 0) && !i.may_start(t, at("Abb")) && i.may_start(t, at("wÓjt")));
    assert!(!i.may_start(t, at("abc")) && !i.may_start(t, at("a W")));
    // a hyphen after the first letters, a letter outside ASCII: char by char
    assert!(i.may_start(t, at("a-b")) && i.may_start(t, at("WÓJT")));
    assert!(!i.may_start("wÓz", 0) && i.may_start("x ab-", 2) && !i.may_start("abą", 0));
    for c in ('\u{C0}'..='\u{23F}').filter(|&c| is_letter(c)) {
        let t = format!("{c}a{c}");
        assert_eq!(initials_at_chars(&t, 0), initials_bit(&t), "{t}");
    }
    for t in [
        "ab-c", "wójt", "ab", "abc", "a-b", "Wó-j", "Żó", "ą", "İx", "Σς-ж",
    ] {
        assert_eq!(initials_at_chars(t, 0), initials_bit(t), "{t}");
    }
    assert!(i.may_start(t, t.len() - 2));
    // by the first five letters, or the whole word
    let m = LowerMap::new([
        ("wójt".to_string(), ()),
        ("przewodniczący".to_string(), ()),
        ("szef".to_string(), ()),
    ]);
    let t = "PRZEWODNICZĄCEGO przez szef Szefa szef-x wÓjt przew";
    let at = |w: &str| t.find(w).unwrap_or(t.len());
    assert!(m.may_start(t, 0) && m.may_start(t, at("szef ")) && m.may_start(t, at("wÓjt")));
    assert!(!m.may_start(t, at("przez")) && !m.may_start(t, at("Szefa")));
    assert!(m.may_start(t, at("szef-x")) && m.may_start(t, at("przew")));
}

#[test]
fn letters_as_the_standard_library() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
    }
}

#[test]
fn lower_case_as_the_standard_library() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let w = c.to_string();
        let mut out = String::new();
        push_lower(&w, &mut out);
        assert_eq!(out, w.to_lowercase(), "{c:?}");
        assert_eq!(lower(&w), w.to_lowercase(), "{c:?}");
    }
    for w in ["ŻÓŁĆ Gęślą", "ΟΔΟΣ", "İstanbul", "ŚWIĘTOKRZYSKIEGO"] {
        let mut out = String::from("x");
        push_lower(w, &mut out);
        assert_eq!(out, format!("x{}", w.to_lowercase()));
        assert_eq!(lower(w), w.to_lowercase());
    }
}
