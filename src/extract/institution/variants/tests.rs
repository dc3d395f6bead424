use super::*;

// fold_variants as first written (every find against every name, the seats split at
// each comparison): the reference it must equal.
/// Folds the variants of one institution within a release: names equal when folded take
/// the spelling with the most Polish letters; then a name that is a shorter form of other
/// names of the release ([`shorter_form`]) takes the name they all fold into, when they
/// agree.
fn fold_variants_reference(found: &mut [Found<Institution>], location: &[&str], seats: &SeatForms) {
    let polish = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let mut best: FxHashMap<String, String> = FxHashMap::default();
    for f in found.iter() {
        let key = fold(&f.item.name);
        match best.get(&key) {
            Some(b) if polish(b) >= polish(&f.item.name) => {}
            _ => {
                best.insert(key, f.item.name.clone());
            }
        }
    }
    let mut names: Vec<(&String, &String)> = best.iter().collect();
    names.sort();
    // the folded key a key ends in, following its longer forms while they agree
    fn end_of(
        key: &str,
        names: &[(&String, &String)],
        location: &[&str],
        seats: &SeatForms,
        depth: usize,
    ) -> String {
        let longer: Vec<&String> = names
            .iter()
            .filter(|(k, _)| shorter_form_reference(key, k, location, seats))
            .map(|(k, _)| *k)
            .collect();
        if longer.is_empty() || depth > 8 {
            return key.to_string();
        }
        let ends: Vec<String> = longer
            .iter()
            .map(|k| end_of(k, names, location, seats, depth + 1))
            .collect();
        if ends.iter().all(|e| *e == ends[0]) {
            ends[0].clone()
        } else {
            key.to_string()
        }
    }
    let mut renamed = Vec::with_capacity(found.len());
    for f in found.iter() {
        let key = fold(&f.item.name);
        let end = end_of(&key, &names, location, seats, 0);
        renamed.push(
            best.get(&end)
                .cloned()
                .unwrap_or_else(|| f.item.name.clone()),
        );
    }
    for (f, name) in found.iter_mut().zip(renamed) {
        f.item.name = name;
    }
}

/// Whether folded name `a` is a shorter form of folded name `b`:
/// - `b` is `a` with a seat ("x" / "x w poznaniu");
/// - `a` is an abbreviation and a place, `b` the words it abbreviates, or the abbreviation
///   itself, with that place as its seat ("osp gorzkow" / "ochotnicza straz pozarna w
///   gorzkowie", "osp w gorzkowie");
/// - both start with the same head and have the same seat, and `b` has every word of `a`
///   ("szkola w kopytowce" / "szkola podstawowa im. jana w kopytowce").
fn shorter_form_reference(a: &str, b: &str, location: &[&str], seats: &SeatForms) -> bool {
    if a == b {
        return false;
    }
    let seat_of = |s: &str| {
        let words: Vec<&str> = s.split(' ').collect();
        let at = words.iter().rposition(|w| location.contains(w))?;
        (at > 0 && at + 1 < words.len()).then(|| (words[..at].join(" "), words[at + 1..].join(" ")))
    };
    // a seat added
    if let Some(rest) = b.strip_prefix(a).and_then(|r| r.strip_prefix(' ')) {
        if rest
            .split(' ')
            .next()
            .is_some_and(|p| location.contains(&p))
        {
            return true;
        }
    }
    let Some((b_body, b_seat)) = seat_of(b) else {
        return false;
    };
    // an abbreviation with its place
    if let Some((abbr, place)) = a.split_once(' ') {
        let initials: String = b_body.split(' ').filter_map(|w| w.chars().next()).collect();
        if abbr.chars().count() >= 2
            && (initials == abbr || b_body == abbr)
            && place_is_seat(place, &b_seat, seats)
        {
            return true;
        }
    }
    // an abbreviation with the same seat ("wfosigw w rzeszowie")
    if seat_of(a).is_some_and(|(a_body, a_seat)| a_seat == b_seat && abbreviates(&a_body, &b_body))
    {
        return true;
    }
    // the same seat, fewer words
    match seat_of(a) {
        Some((a_body, a_seat)) if a_seat == b_seat => fewer_words(&a_body, &b_body),
        _ => false,
    }
}

/// On lists drawn from the names below (with repeats, spellings with and without
/// diacritics, abbreviations and seats), the names are the reference's.
#[test]
fn fold_variants_equals_the_reference() {
    let pool = [
        "Wielkopolski Urząd Wojewódzki",
        "Wielkopolski Urząd Wojewódzki w Poznaniu",
        "Wielkopolski Urzad Wojewodzki w Poznaniu",
        "OSP Gorzków",
        "OSP Gorzkow",
        "OSP w Gorzkowie",
        "OSP Wola Górecka",
        "OSP w Woli Góreckiej",
        "Ochotnicza Straż Pożarna w Gorzkowie",
        "Szkoła w Kopytowce",
        "Szkoła Podstawowa im. Jana Kota w Kopytówce",
        "Szkoła Podstawowa nr 1",
        "Szkoła Podstawowa nr 1 w Kielcach",
        "Szkoła Podstawowa nr 1 w Busku",
        "Urząd Gminy",
        "Urząd Gminy we Wierzbicy",
        "Gminny Ośrodek Kultury w Wierzbicy",
        "GOK Wierzbica",
        "GOK w Wierzbicy",
        "WFOŚiGW w Rzeszowie",
        "Wojewódzki Fundusz Ochrony Środowiska i Gospodarki Wodnej w Rzeszowie",
        "OSP Nowa Wieś",
        "OSP Stara Wieś",
        "Ochotnicza Straż Pożarna w Nowej Wsi",
        "OSP Wola Zaręcka",
        "Ochotnicza Straż Pożarna w Woli Zaręckiej",
        "Urząd Pracy w Turku",
        "Powiatowy Urząd Pracy w Turku",
        "Biblioteka Publiczna w Turku",
    ];
    let seats = [("wies".to_string(), "wsi".to_string())];
    let mut seed = 7u64;
    for _ in 0..400 {
        let mut f = Vec::new();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let n = 1 + (seed >> 60) as usize;
        for k in 0..n {
            let r = seed.rotate_left(7 * k as u32) as usize;
            f.push(found(pool[r % pool.len()]));
        }
        let mut g = f.clone();
        fold_variants(&mut f, &["w", "we"], &seats);
        fold_variants_reference(&mut g, &["w", "we"], &seats);
        let a: Vec<&str> = f.iter().map(|x| x.item.name.as_str()).collect();
        let b: Vec<&str> = g.iter().map(|x| x.item.name.as_str()).collect();
        assert_eq!(a, b);
    }
}

fn found(name: &str) -> Found<Institution> {
    Found::new(
        0..1,
        Institution {
            name: name.to_string(),
            ..Institution::default()
        },
    )
}

#[test]
fn plain_words_take_their_polish_spelling() {
    let v = Variants::load(&RuleFiles::embedded()).unwrap();
    assert_eq!(
        v.respell("Starostwo Powiatowe w Nowym Tomyslu"),
        "Starostwo Powiatowe w Nowym Tomyślu"
    );
    assert_eq!(v.respell("Urząd Gminy Wojcik"), "Urząd Gminy Wojcik");
    assert!(v.is_generic("Koło Gospodyń Wiejskich"));
    assert!(!v.is_generic("Koło Gospodyń Wiejskich w Rudzie"));
}

#[test]
fn variants_fold_into_the_seated_and_the_best_spelt_name() {
    let mut f = vec![
        found("Wielkopolski Urząd Wojewódzki"),
        found("Wielkopolski Urząd Wojewódzki w Poznaniu"),
        found("Starostwo Powiatowe w Nowym Tomyslu"),
        found("Starostwo Powiatowe w Nowym Tomyślu"),
        found("Urząd Marszałkowski"),
    ];
    fold_variants(&mut f, &["w", "we"], &[]);
    let names: Vec<&str> = f.iter().map(|f| f.item.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Wielkopolski Urząd Wojewódzki w Poznaniu",
            "Wielkopolski Urząd Wojewódzki w Poznaniu",
            "Starostwo Powiatowe w Nowym Tomyślu",
            "Starostwo Powiatowe w Nowym Tomyślu",
            "Urząd Marszałkowski",
        ]
    );
}

#[test]
fn abbreviations_and_short_forms_fold_into_the_full_name() {
    let mut f = vec![
        found("OSP Gorzków"),
        found("Ochotnicza Straż Pożarna w Gorzkowie"),
        found("Szkoła w Kopytowce"),
        found("Szkoła Podstawowa im. Jana Kota w Kopytówce"),
        found("OSP Beszowa"),
    ];
    fold_variants(&mut f, &["w", "we"], &[]);
    let names: Vec<&str> = f.iter().map(|f| f.item.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ochotnicza Straż Pożarna w Gorzkowie",
            "Ochotnicza Straż Pożarna w Gorzkowie",
            "Szkoła Podstawowa im. Jana Kota w Kopytówce",
            "Szkoła Podstawowa im. Jana Kota w Kopytówce",
            "OSP Beszowa",
        ]
    );
}

#[test]
fn an_abbreviation_with_a_seat_folds_into_the_name_it_abbreviates() {
    let full = "Wojewódzki Fundusz Ochrony Środowiska i Gospodarki Wodnej w Rzeszowie";
    let mut f = vec![
        found("WFOŚiGW w Rzeszowie"),
        found(full),
        found("GOK w Rzeszowie"),
    ];
    fold_variants(&mut f, &["w", "we"], &[]);
    let names: Vec<&str> = f.iter().map(|f| f.item.name.as_str()).collect();
    assert_eq!(names, [full, full, "GOK w Rzeszowie"]);
}

#[test]
fn two_seats_leave_the_bare_name_alone() {
    let mut f = vec![
        found("Szkoła Podstawowa nr 1"),
        found("Szkoła Podstawowa nr 1 w Kielcach"),
        found("Szkoła Podstawowa nr 1 w Busku"),
    ];
    fold_variants(&mut f, &["w"], &[]);
    assert_eq!(f[0].item.name, "Szkoła Podstawowa nr 1");
}
