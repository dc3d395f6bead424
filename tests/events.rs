//! The event stage over whole batches: a snapshot of the events of the bundled corpus,
//! republications that must collapse (100 copies of every bundled release, 1,000 copies of
//! one), and two releases of one site that share only its chrome.

use komunikat::batch::{build_events, process};
use komunikat::pipeline::{Options, RuleSet};
use komunikat::record::{DocumentRecord, EventRecord};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::embedded().expect("embedded rules load"))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The documents of `paths`, each id made unique by the folder it was read from (below
/// `base`), sources relative to `base`.
fn documents(paths: &[PathBuf], base: &Path) -> Vec<DocumentRecord> {
    let mut docs = process(rules(), paths, &Options::default(), false).documents;
    for d in &mut docs {
        let rel = Path::new(&d.source)
            .strip_prefix(base)
            .unwrap_or(Path::new(&d.source))
            .to_string_lossy()
            .replace('\\', "/");
        d.id = rel
            .rsplit_once('.')
            .map_or(rel.clone(), |(s, _)| s.to_string());
        d.source = rel;
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs
}

/// What an event is, whatever copy its releases came from: its date, title and the
/// releases' file names.
fn shape(events: &[EventRecord]) -> BTreeSet<(Option<String>, String, BTreeSet<String>)> {
    events
        .iter()
        .map(|e| {
            let names = e
                .sources
                .iter()
                .map(|s| s.rsplit('/').next().unwrap_or(s).to_string())
                .collect();
            (e.date.clone(), e.title.clone(), names)
        })
        .collect()
}

#[test]
fn events_of_the_bundled_corpus() {
    let mut docs = documents(&[root().join("corpus")], root());
    let events = build_events(rules(), &mut docs);
    // every fact's mention slices its words out of its release's source
    for e in &events {
        let facts = e
            .officials
            .iter()
            .flat_map(|x| &x.mentions)
            .chain(e.gminas.iter().flat_map(|x| &x.mentions))
            .chain(e.institutions.iter().flat_map(|x| &x.mentions))
            .chain(e.sums.iter().flat_map(|x| &x.mentions))
            .chain(e.dates.iter().flat_map(|x| &x.mentions));
        for m in facts {
            let d = docs
                .iter()
                .find(|d| d.id == m.doc)
                .expect("mention's release");
            assert!(m.start < m.end, "{}: {m:?}", e.id);
            // the mention is one of the release's extracted items, whose words are checked
            // against the source by tests/corpus.rs
            assert!(
                d.spans().any(|(s, e, _)| (s, e) == (m.start, m.end)),
                "{}: {m:?}",
                e.id
            );
        }
        if e.sources.len() > 1 {
            assert!(!e.evidence.is_empty(), "{} says why it was merged", e.id);
        }
    }
    insta::assert_json_snapshot!(events);
}

/// Writes `copies` copies of the files of `from` (each folder's files) under `dir`, copy
/// `k` in nested folders `k % 7 / k / <folder>`, each with a line of its own at the end as
/// a crawl gives (a visit counter; in HTML a paragraph before `</body>`), so that no two
/// copies are the same file.
fn copy_files(from: &[PathBuf], dir: &Path, copies: usize) {
    for k in 0..copies {
        for f in from {
            let folder = f.parent().and_then(Path::file_name).unwrap_or_default();
            let to = dir
                .join((k % 7).to_string())
                .join(k.to_string())
                .join(folder);
            std::fs::create_dir_all(&to).expect("folder");
            let bytes = std::fs::read(f).expect("read");
            // ASCII, so that it reads the same in every encoding of the corpus
            let line = format!("Licznik odwiedzin: {}", 1000 + 37 * k);
            let html = f
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
            let copy = match find(&bytes, b"</body>").filter(|_| html) {
                Some(at) => [
                    &bytes[..at],
                    format!("<p>{line}</p>\n").as_bytes(),
                    &bytes[at..],
                ]
                .concat(),
                None => [&bytes[..], format!("\n\n{line}\n").as_bytes()].concat(),
            };
            std::fs::write(to.join(f.file_name().expect("name")), copy).expect("copy");
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

fn files(folders: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for f in folders {
        for e in std::fs::read_dir(root().join("corpus").join(f)).expect("corpus folder") {
            out.push(e.expect("entry").path());
        }
    }
    out.sort();
    out
}

#[test]
fn a_hundred_copies_of_every_release_give_the_events_of_one() {
    let originals = files(&["seeds", "dev", "real-style", "own-style"]);
    let one = tempfile::tempdir().expect("temp dir");
    copy_files(&originals, one.path(), 1);
    let mut docs = documents(&[one.path().to_path_buf()], one.path());
    let want = build_events(rules(), &mut docs);
    assert!(want.len() > 5);

    let many = tempfile::tempdir().expect("temp dir");
    copy_files(&originals, many.path(), 100);
    let mut docs = documents(&[many.path().to_path_buf()], many.path());
    assert_eq!(docs.len(), 100 * originals.len());
    let got = build_events(rules(), &mut docs);
    assert_eq!(got.len(), want.len());
    assert_eq!(shape(&got), shape(&want));
    for e in &got {
        assert_eq!(e.sources.len() % 100, 0, "{}: {:?}", e.id, e.sources.len());
    }
}

#[test]
fn a_thousand_copies_of_one_release_give_one_event() {
    let original = root().join("corpus/seeds").join(
        files(&["seeds"])
            .first()
            .and_then(|p| p.file_name())
            .expect("a seed"),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    copy_files(&[original], dir.path(), 1000);
    let mut docs = documents(&[dir.path().to_path_buf()], dir.path());
    assert_eq!(docs.len(), 1000);
    let events = build_events(rules(), &mut docs);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].sources.len(), 1000);
    assert!(events[0].evidence.len() <= 20);
    assert_eq!(events[0].evidence.len() + events[0].evidence_omitted, 999);
    assert!(events[0].evidence.iter().all(|e| e.copy));
}

const HEADER: &str = "Gmina Wrzosowa Dolina – serwis urzędu\n\
    Start | Aktualności | Urząd Gminy | Turystyka | Kontakt\n\
    Wójt Gminy Wrzosowa Dolina Tomasz Jaworek zaprasza do odwiedzin gminy w każdy weekend.\n\n";
const FOOTER: &str = "\n\nUrząd Gminy Wrzosowa Dolina, ul. Kwiatowa 4, 99-999 Wrzosowa Dolina. \
    Godziny pracy urzędu: poniedziałek od 8 do 16, wtorek do piątku od 7.30 do 15.30.\n\
    Strona używa plików cookies, by działać lepiej; korzystając z niej, zgadzasz się na to.";

#[test]
fn two_releases_of_one_site_sharing_only_its_chrome_stay_apart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("wrzosowa-dolina");
    std::fs::create_dir_all(&site).expect("folder");
    let festival = "Dożynki gminne w Kłosowie\n\n\
        W niedzielę 3 września 2023 r. w Kłosowie odbyły się dożynki gminne. Korowód \
        wieńców przeszedł spod kościoła na boisko szkolne, gdzie koła gospodyń wiejskich \
        przygotowały stoiska z chlebem i miodem, a starostami dożynek byli rolnicy z Żytnicy.\n\n\
        Wieczorem zagrała orkiestra dęta, a najpiękniejszy wieniec wybrało jury złożone \
        z mieszkańców sołectw.";
    let signing = "Umowa na przebudowę drogi do Żytnicy podpisana\n\n\
        W niedzielę 3 września 2023 r. w Lublinie Wicewojewoda Lubelski Karolina Sosnowska \
        wręczyła promesę na przebudowę drogi gminnej do Żytnicy. Dotacja z Rządowego \
        Funduszu Rozwoju Dróg wynosi 2 400 000 zł, a wkład własny gminy 600 000 zł.\n\n\
        Prace obejmą odcinek o długości 2,1 km wraz z chodnikiem i odwodnieniem; przetarg \
        zostanie ogłoszony jesienią.";
    for (name, body) in [("dozynki.txt", festival), ("droga.txt", signing)] {
        std::fs::write(site.join(name), format!("{HEADER}{body}{FOOTER}")).expect("write");
    }
    let mut docs = documents(&[dir.path().to_path_buf()], dir.path());
    assert_eq!(docs.len(), 2);
    assert!(docs
        .iter()
        .all(|d| d.officials.iter().any(|o| o.item.name == "Tomasz Jaworek")));
    let events = build_events(rules(), &mut docs);
    assert_eq!(events.len(), 2, "{events:#?}");
    for e in &events {
        assert_eq!(e.date.as_deref(), Some("2023-09-03"));
        // the festival's event does not borrow the signing's officials
        if e.title.starts_with("Dożynki") {
            assert!(!e
                .officials
                .iter()
                .any(|o| o.item.name == "Karolina Sosnowska"));
        }
    }
}

/// Writes each (folder/name, text) under a new temporary folder and builds the events.
fn events_of(files: &[(&str, &str)]) -> (Vec<DocumentRecord>, Vec<EventRecord>) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(path, text).expect("write");
    }
    let mut docs = documents(&[dir.path().to_path_buf()], dir.path());
    let events = build_events(rules(), &mut docs);
    (docs, events)
}

const OFFICE: &str = "Lubelski Urząd Wojewódzki w Lublinie\n\
    Aktualnie znajdujesz się na: 14.03.2019\n\
    Strona główna > Aktualności > Drogi\n\n\
    Promesy na drogi lokalne przekazane\n\n\
    Wojewoda Lubelski Marek Zawilski wręczył w Lublinie promesy na przebudowę dróg \
    lokalnych. Gmina Kraśniczyn otrzyma 1 200 000 zł na drogę w Bończy, a Gmina Izbica \
    850 000 zł na ulicę Lubelską. Umowy podpisali Wójt Gminy Kraśniczyn Anna Malicka \
    i Wójt Gminy Izbica Piotr Lisowy.";

const RETELLING: &str = "Gmina Kraśniczyn\nOpublikowano: 15.03.2019\n\n\
    Promesa na drogę w Bończy\n\n\
    W czwartek 14 marca 2019 r. w Lublinie Wójt Gminy Kraśniczyn Anna Malicka odebrała \
    z rąk Wojewody Lubelskiego Marka Zawilskiego promesę na 1 200 000 zł. Za te pieniądze \
    przebudujemy drogę w Bończy wraz z poboczami i przepustami.";

#[test]
fn a_page_dated_only_by_its_breadcrumb_is_dated_by_it_and_merges_with_its_retelling() {
    let (_, alone) = events_of(&[("uw/promesy.txt", OFFICE)]);
    assert_eq!(alone.len(), 1);
    assert_eq!(alone[0].date.as_deref(), Some("2019-03-14"));
    assert_eq!(alone[0].date_from.as_deref(), Some("publication"));

    let (_, events) = events_of(&[
        ("uw/promesy.txt", OFFICE),
        ("krasniczyn/promesa.txt", RETELLING),
    ]);
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = &events[0];
    assert_eq!(e.date.as_deref(), Some("2019-03-14"));
    assert_eq!(e.date_from.as_deref(), Some("text"));
    assert_eq!(e.evidence.len(), 1);
    let shared = &e.evidence[0].shared;
    assert!(
        shared.officials.iter().any(|o| o == "Anna Malicka"),
        "{shared:?}"
    );
    assert!(
        shared.sums.iter().any(|s| s == "1200000.00 PLN"),
        "{shared:?}"
    );
    assert!(e.conflicts.is_empty(), "{:?}", e.conflicts);
}

#[test]
fn a_historical_year_never_dates_the_event() {
    let text = "Gmina Dębowa Kłoda\nOpublikowano: 11.06.2019\n\n\
        Odpust w Dębowej Kłodzie\n\n\
        W niedzielę 9 czerwca w kościele erygowanym w 1267 roku odprawiono mszę odpustową. \
        Wójt Gminy Dębowa Kłoda Jan Wierzbicki podziękował parafianom za przygotowanie \
        procesji i festynu na placu przy szkole.";
    let (_, events) = events_of(&[("debowa/odpust.txt", text)]);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].date.as_deref(), Some("2019-06-09"), "{events:#?}");
}

#[test]
fn a_popular_boilerplate_paragraph_chains_no_happenings_even_when_copied() {
    const PROJECT: &str = "Projekt jest współfinansowany ze środków Unii Europejskiej w ramach \
        programu regionalnego na lata 2021-2027, którego celem jest wzmocnienie współpracy \
        samorządów, organizacji pozarządowych i mieszkańców obszarów wiejskich przy tworzeniu \
        usług społecznych, kulturalnych i edukacyjnych dostępnych dla wszystkich pokoleń.";
    let places = [
        "Brzozówce",
        "Dąbrowie",
        "Jaworzu",
        "Lipinach",
        "Olszynach",
        "Sosnowicy",
        "Wierzbnie",
        "Grabowie",
        "Klonowie",
        "Bukowinie",
        "Jesionce",
        "Modrzewiu",
    ];
    let things = [
        (
            "otwarto nową bibliotekę",
            "Księgozbiór liczy trzy tysiące tomów dla dzieci i dorosłych.",
        ),
        (
            "zorganizowano warsztaty garncarskie",
            "Uczestnicy lepili misy i dzbany z miejscowej gliny.",
        ),
        (
            "odbył się turniej szachowy",
            "Zwyciężył uczeń szkoły podstawowej, który nie przegrał partii.",
        ),
        (
            "posadzono aleję lip",
            "Drzewa posadzili uczniowie razem z leśnikami i sołtysem.",
        ),
        (
            "otwarto siłownię plenerową",
            "Urządzenia stanęły obok boiska i placu zabaw.",
        ),
        (
            "przeprowadzono ćwiczenia strażaków",
            "Druhowie gasili pozorowany pożar stodoły.",
        ),
        (
            "wyremontowano świetlicę",
            "Wymieniono dach, okna i ogrzewanie budynku.",
        ),
        (
            "zorganizowano piknik rodzinny",
            "Były konkursy, loteria fantowa i grochówka.",
        ),
        (
            "odbył się koncert chóru",
            "Chór zaśpiewał pieśni ludowe i kolędy z regionu.",
        ),
        (
            "uruchomiono punkt szczepień",
            "Przez dwa dni zaszczepiono ponad sto osób starszych.",
        ),
        (
            "otwarto ścieżkę rowerową",
            "Trasa prowadzi przez las do sąsiedniego sołectwa.",
        ),
        (
            "odbyło się spotkanie seniorów",
            "Seniorzy rozmawiali o planach wycieczek na lato.",
        ),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for copy in 0..30 {
        for (k, (place, (what, more))) in places.iter().zip(things).enumerate() {
            let folder = dir.path().join(format!("kopia{copy}/strona{k}"));
            std::fs::create_dir_all(&folder).expect("folder");
            let text = format!(
                "Wieści z {place}\n\nW {place} {what} dla mieszkańców całej okolicy. {more}\n\n{PROJECT}"
            );
            std::fs::write(folder.join(format!("wiesc{k}.txt")), text).expect("write");
        }
    }
    let mut docs = documents(&[dir.path().to_path_buf()], dir.path());
    assert_eq!(docs.len(), 30 * places.len());
    let events = build_events(rules(), &mut docs);
    assert_eq!(
        events.len(),
        places.len(),
        "{:?}",
        events.iter().map(|e| e.sources.len()).collect::<Vec<_>>()
    );
    for e in &events {
        assert_eq!(e.sources.len(), 30);
    }
}

/// Two releases of one site with no day, about two happenings, naming the same wójt, poseł
/// and wicestarosta in the same gmina: the people recur on the site, they are two events.
#[test]
fn the_same_guests_without_a_day_do_not_make_one_happening() {
    let school = "Nowe przedszkole w Lisowie\n\n\
        Mury nowego przedszkola otwarto dla dzieci z gminy Lisów. Na uroczystość przybyli \
        Wójt Gminy Lisów Adam Kowalczyk, Poseł na Sejm Jan Wróblewski oraz Wicestarosta \
        Kolski Tomasz Malinowski. Dzieci zaśpiewały piosenki, a rodzice zwiedzili sale.";
    let engine = "Nowy wóz dla strażaków z Dębiny\n\n\
        Druhowie z Dębiny odebrali średni samochód ratowniczo-gaśniczy. Kluczyki przekazali \
        Wójt Gminy Lisów Adam Kowalczyk, Poseł na Sejm Jan Wróblewski i Wicestarosta Kolski \
        Tomasz Malinowski, a proboszcz poświęcił pojazd przed remizą.";
    let (docs, events) = events_of(&[("lisow/przedszkole.txt", school), ("lisow/woz.txt", engine)]);
    assert!(docs
        .iter()
        .all(|d| d.officials.len() == 3 && d.dates.is_empty()));
    assert_eq!(events.len(), 2, "{events:#?}");
}
