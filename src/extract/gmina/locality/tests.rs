use super::forms::{name_forms, Endings};
use super::*;
use crate::extract::Extractor;

fn endings() -> (Endings, Endings) {
    load_endings(&RuleFiles::embedded()).unwrap()
}

/// Mentions found from the shared word starts are the reference's, on every file of
/// `corpus/` (its bytes read as text) and on texts made to trip the word reading.
#[test]
fn mentions_from_word_starts_equal_the_reference() {
    let rules = super::GminaRules::load(&RuleFiles::embedded()).unwrap();
    let loc = &rules.localities;
    assert!(loc.cue_heads.is_some(), "every cue of rules/ has a head");
    let mut texts: Vec<String> = [
        "we wsi Beszowa Jan Nowak, w Kopytówce i w Wojtaszycach",
        "z  Beszowej; w-Beszowej w Beszowej-Dolnej w\tBeszowej \nw Beszowej",
        "mieszkańcy Kopytówki, sołectwo Zawodzie, w Jabłonnie Pierwszej, we Wsi Nowej Wsi",
        "ĄĘ-ść w Łoniowie w Łoniowie-Kolonii w×Łoniowie 12 w 3 Łoniowie wŁoniowie",
        "wsi\nBeszowa w Rudzie nad Wisłą, przeciwdziałanieprzeciwdziałanie Beszowa",
        "w",
        "",
        "W Beszowej",
    ]
    .map(String::from)
    .to_vec();
    texts.extend(crate::extract::corpus_texts());
    let mut found = 0;
    for t in &texts {
        let starts = crate::text::tokens::word_starts(t);
        let got = loc.mentions(t, &starts);
        assert_eq!(got, mentions_reference(loc, t), "{t:?}");
        found += got.len();
    }
    assert!(texts.len() > 70 && found > 50, "{} {found}", texts.len());
}

/// The rows looked up by last byte are the rows a scan of all of them finds, for every
/// word of every locality's name (the simple version it must equal).
#[test]
fn endings_by_last_byte_equal_the_scan_of_all_rows() {
    let (w, a) = endings();
    let files = RuleFiles::embedded();
    let tsv = files.tsv("gmina/localities.tsv").unwrap();
    let cn = tsv.column("name").unwrap();
    let mut n = 0;
    for row in &tsv.rows {
        for word in row.fields[cn].split(' ') {
            let lw = word.to_lowercase();
            for rules in [&w, &a] {
                let scan = rules.rows.iter().find(|e| {
                    lw.ends_with(e.ending.as_str()) && lw.chars().count() > e.ending.chars().count()
                        || lw == e.ending
                });
                let fit = rules.fitting(&lw);
                assert_eq!(fit.map(|e| &e.ending), scan.map(|e| &e.ending), "{lw}");
                n += usize::from(fit.is_some());
            }
        }
    }
    assert!(n > 40_000, "{n}");
}

#[test]
fn names_are_inflected_word_by_word() {
    let (w, a) = endings();
    let loc = |n: &str| name_forms(n, &w, &a, true);
    let gen = |n: &str| name_forms(n, &w, &a, false);
    assert!(loc("Kopytówka").contains(&"kopytówce".to_string()));
    assert!(gen("Kopytówka").contains(&"kopytówki".to_string()));
    assert!(loc("Wojtaszyce").contains(&"wojtaszycach".to_string()));
    assert!(gen("Beszowa").contains(&"beszowej".to_string()));
    assert!(loc("Jabłonna Pierwsza").contains(&"jabłonnie pierwszej".to_string()));
    assert!(gen("Nowa Wieś").contains(&"nowej wsi".to_string()));
    assert!(loc("Łoniów").contains(&"łoniowie".to_string()));
    assert!(loc("Ruda nad Wisłą").contains(&"rudzie nad wisłą".to_string()));
}

/// The forms table of the loaded localities is the map of the load as first written
/// (`name_forms` of every name, folded, each form's places and cases in a `Vec`), form
/// for form, on the whole `localities.tsv`.
#[test]
fn forms_equal_the_map_made_as_first_written() {
    let files = RuleFiles::embedded();
    let rules = super::GminaRules::load(&files).unwrap();
    let loc = &rules.localities;
    let (w, a) = endings();
    let mut maker = Maker::new(&w, &a);
    let mut map: HashMap<String, Vec<(u32, u8)>> = HashMap::default();
    for (id, p) in loc.places.iter().enumerate() {
        let id = id as u32;
        let mut add = |form: &str, case: u8| {
            let v = map.entry(fold(form)).or_default();
            match v.iter_mut().find(|(i, _)| *i == id) {
                Some((_, c)) => *c |= case,
                None => v.push((id, case)),
            }
        };
        add(&p.name, NOM);
        for (loc, case) in [(false, GEN), (true, LOC)] {
            let forms = name_forms(&p.name, &w, &a, loc);
            let mut made = Vec::new();
            maker.forms(&p.name, loc, |f| made.push(f.to_string()));
            let want: Vec<String> = forms.iter().map(|f| fold(f)).collect();
            assert_eq!(made, want, "{}", p.name);
            for f in forms {
                add(&f, case);
            }
        }
    }
    assert!(map.len() > 100_000, "{}", map.len());
    assert_eq!(loc.forms.len(), map.len());
    let mut shared = 0;
    for (form, places) in &map {
        assert_eq!(loc.forms.get(form), Some(places.as_slice()), "{form}");
        shared += usize::from(places.len() > 1 || places[0].1.count_ones() > 1);
    }
    assert!(shared > 1000, "{shared}");
    assert_eq!(loc.forms.get("beszowej x"), None);
    assert_eq!(loc.forms.get(""), None);
}

/// [`Localities::mentions`] as first written, every word of the text made a token:
/// the reference the tests compare it with.
fn mentions_reference(loc: &Localities, text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let words: Vec<Token> = crate::text::tokens::tokenize(text)
        .into_iter()
        .filter(Token::is_word)
        .collect();
    let mut buf = String::new();
    let mut i = 1;
    while i < words.len() {
        let (p, t) = (words[i - 1], words[i]);
        if !t.capital(text) || !spaced(text, p, t) || p.end - p.start > 14 {
            i += 1;
            continue;
        }
        buf.clear();
        fold_into(p.text(text), &mut buf);
        let Some(&cue) = loc.cues.get(buf.as_str()) else {
            i += 1;
            continue;
        };
        match loc.name_at(text, &words[i..], cue, &mut buf) {
            Some((n, m)) => {
                out.push(m);
                i += n;
            }
            None => i += 1,
        }
    }
    out
}
