use super::*;
use crate::record::{Date, Located, Official, Sum};
use crate::rules::RuleFiles;

fn at<T>(item: T) -> Located<T> {
    Located {
        text: String::new(),
        start: 0,
        end: 0,
        item,
    }
}

fn doc(
    rules: &EventRules,
    id: &str,
    text: &str,
    dates: &[&str],
    people: &[(&str, &str)],
    sums: &[&str],
) -> DocumentRecord {
    DocumentRecord {
        id: id.into(),
        // each release from its own site
        source: format!("{id}/{id}.txt"),
        format: "txt".into(),
        encoding: "utf-8".into(),
        language: "pl".into(),
        language_confidence: 1.0,
        polish: true,
        title: format!("Tytuł {id}"),
        dates: dates
            .iter()
            .map(|v| {
                at(Date {
                    value: (*v).into(),
                    ..Date::default()
                })
            })
            .collect(),
        officials: people
            .iter()
            .map(|(n, r)| {
                at(Official {
                    name: (*n).into(),
                    role: (*r).into(),
                    ..Official::default()
                })
            })
            .collect(),
        sums: sums
            .iter()
            .map(|v| {
                at(Sum {
                    value: (*v).into(),
                    currency: "PLN".into(),
                    ..Sum::default()
                })
            })
            .collect(),
        language_method: "gate".into(),
        bytes: text.len(),
        sketch: Some(Box::new(crate::sketch::sketch(rules, text))),
        ..DocumentRecord::default()
    }
}

const SHARED: &str = "Celem głównym projektu jest wypracowanie i wdrożenie modelu kooperacji pomiędzy instytucjami pomocy i integracji społecznej dla gmin wiejskich.";

/// A release: its own opening, a paragraph of its own and the shared boilerplate.
fn text(opening: &str, own: &str) -> String {
    format!("{opening}\n\n{own}\n\n{SHARED}")
}

#[test]
fn merges_one_signing_and_keeps_another_apart() {
    let rules = EventRules::load(&RuleFiles::embedded()).expect("rules");
    let mut docs = vec![
            doc(
                &rules,
                "a",
                &text(
                    "Dnia 4 czerwca podpisano porozumienia w Kielcach.",
                    "W uroczystości wzięli udział przedstawiciele czterech powiatów i sześciu gmin, a marszałek podziękował samorządowcom za gotowość do wspólnej pracy na rzecz mieszkańców wsi.",
                ),
                &["--06-04"],
                &[
                    ("Andrzeja Bętkowskiego", "Marszałek Województwa"),
                    ("Renata Janik", "Wicemarszałek"),
                ],
                &["56000.00"],
            ),
            doc(
                &rules,
                "b",
                &text(
                    "We wtorek, 04 czerwca 2019r w bibliotece podpisano porozumienia.",
                    "Powiat staszowski reprezentowali starosta i skarbnik, a gminę Bogoria zastępca wójta oraz kierownik ośrodka pomocy społecznej, który przedstawił plany szkoleń.",
                ),
                &["2019-06-04", "2021-03-31"],
                &[
                    ("Andrzej Bętkowski", "Marszałek"),
                    ("Renata Janik", "Wicemarszałek"),
                ],
                &["56000.00", "12893583.46"],
            ),
            doc(
                &rules,
                "c",
                &text(
                    "W bibliotece podpisano porozumienia o współpracy.",
                    "Każdy samorząd otrzyma wsparcie finansowe na pakiet socjalny: poradnictwo, terapię, warsztaty i szkolenia kadr, a powiaty skorzystają z doradztwa oraz badań fokusowych.",
                ),
                &[],
                &[
                    ("Andrzej Bętkowski", "Starosta Kielecki"),
                    ("Renata Janik", "Wicemarszałek"),
                ],
                &["12893583.46"],
            ),
            doc(
                &rules,
                "d",
                &text(
                    "Dnia 1 sierpnia 2018 r. podpisano umowy.",
                    "Z każdego województwa wytypowano osiem gmin wiejskich, które przez trzy lata będą testować nowy sposób współdziałania szkół, policji, poradni i ośrodków kultury.",
                ),
                &["2018-08-01"],
                &[
                    ("Adam Jarubas", "Marszałek"),
                    ("Renata Janik", "Wicemarszałek"),
                ],
                &["56000.00"],
            ),
            doc(
                &rules,
                "e",
                &text(
                    "Przedstawiciele gmin podpisali 1 sierpnia umowy.",
                    "Liderem projektu na terenie gminy jest ośrodek pomocy, a do partnerstwa przystąpiły przychodnia, komisariat, poradnia psychologiczna i lokalna grupa działania.",
                ),
                &["2018-08-01"],
                &[
                    ("Adama Jarubasa", "Marszałek"),
                    ("Piotr Żołądek", "Członek Zarządu"),
                ],
                &[],
            ),
        ];
    let groups = crate::dedup::cluster(&rules, &docs);
    let members: Vec<&[usize]> = groups.iter().map(|g| g.members.as_slice()).collect();
    assert_eq!(members, vec![&[0, 1, 2][..], &[3, 4][..]]);
    // two joins made the first event, one the second, each said in the evidence
    assert_eq!(groups[0].links.len(), 2);
    let ev = events(&rules, &mut docs, &groups);
    assert_eq!(ev.len(), 2);
    assert_eq!(ev[0].date.as_deref(), Some("2018-08-01"));
    assert_eq!(ev[1].date.as_deref(), Some("2019-06-04"));
    assert!(ev[1].id.starts_with("2019-06-04-"), "{}", ev[1].id);
    assert_eq!(ev[1].sources, vec!["a", "b", "c"]);
    assert_eq!(ev[1].evidence.len(), 2);
    assert!(ev[1]
        .evidence
        .iter()
        .any(|e| e.shared.officials.contains(&"Renata Janik".to_string())));
    assert_eq!(ev[1].date_from.as_deref(), Some("text"));
    assert_eq!(docs[0].dates[0].item.year_from.as_deref(), Some("event"));
    // The year-less date of "a" takes the event's year.
    assert_eq!(docs[0].dates[0].item.value, "2019-06-04");
    assert!(docs[0].dates[0].item.year_inferred);
    // One person under two case forms; the office given for them disagrees once.
    let b = ev[1]
        .officials
        .iter()
        .find(|o| o.item.name == "Andrzej Bętkowski")
        .expect("merged");
    assert_eq!(b.sources, vec!["a", "b", "c"]);
    assert_eq!(ev[1].officials.len(), 2);
    assert!(ev[1]
        .conflicts
        .iter()
        .any(|c| c.field.starts_with("officials.role")
            && c.values.contains(&"Starosta Kielecki".to_string())));
    let s = ev[1]
        .sums
        .iter()
        .find(|s| s.item.value == "12893583.46")
        .expect("sum");
    assert_eq!(s.sources, vec!["b", "c"]);
    // Same input, same ids.
    let again = events(&rules, &mut docs.clone(), &groups);
    assert_eq!(
        again.iter().map(|e| &e.id).collect::<Vec<_>>(),
        ev.iter().map(|e| &e.id).collect::<Vec<_>>()
    );
}
