//! Readings of date expressions, by kind.

use super::*;
use crate::rules::RuleFiles;

fn lex() -> Lexicon {
    Lexicon::load(&RuleFiles::embedded()).expect("date rules load")
}

/// The reading of `s` by the first kind that reads it.
fn any(lex: &Lexicon, s: &str) -> Option<Reading> {
    [
        Kind::Point,
        Kind::Start,
        Kind::Deadline,
        Kind::Range,
        Kind::Turn,
    ]
    .into_iter()
    .find_map(|k| read(lex, s, k))
}

fn val(lex: &Lexicon, s: &str) -> Option<(String, &'static str)> {
    any(lex, s).map(|r| (r.value, r.kind))
}

#[test]
fn reads_days_months_years() {
    let l = lex();
    let v = |s| val(&l, s).map(|(v, _)| v);
    assert_eq!(v("4 czerwca 2019 r.").as_deref(), Some("2019-06-04"));
    assert_eq!(v("18-tego Lutego").as_deref(), Some("--02-18"));
    assert_eq!(
        v("dwudziestego pierwszego maja").as_deref(),
        Some("--05-21")
    );
    assert_eq!(v("4.VI.2019").as_deref(), Some("2019-06-04"));
    assert_eq!(v("4.vi.2019"), None, "Roman months only in upper case");
    assert_eq!(v("12.03.21 r.").as_deref(), Some("2021-03-12"));
    assert_eq!(v("12.03.21"), None, "a two-digit year needs r.");
    assert_eq!(v("2015-3-3").as_deref(), Some("2015-03-03"));
    assert_eq!(v("marcu 2022 r.").as_deref(), Some("2022-03"));
    assert_eq!(v("2019r").as_deref(), Some("2019"));
    assert_eq!(v("31 czerwca 2019"), None);
    assert_eq!(v("29 lutego"), Some("--02-29".into()));
    assert_eq!(v("29 lutego 2023"), None);
}

#[test]
fn reads_ranges_and_kinds() {
    let l = lex();
    assert_eq!(
        val(&l, "od 1 do 15 lipca 2022 r."),
        Some(("2022-07-01/2022-07-15".into(), "interval"))
    );
    assert_eq!(
        val(&l, "od 28 grudnia do 3 stycznia 2024 r."),
        Some(("2023-12-28/2024-01-03".into(), "interval"))
    );
    assert_eq!(val(&l, "od 15 do 1 lipca 2022"), None);
    assert_eq!(
        val(&l, "01.04.2018-31.03.2021"),
        Some(("2018-04-01/2021-03-31".into(), "interval"))
    );
    assert_eq!(val(&l, "2014-2020"), Some(("2014/2020".into(), "interval")));
    assert_eq!(val(&l, "2020-2014"), None);
    assert_eq!(val(&l, "1990-2099"), None, "not a span of years");
    assert_eq!(
        val(&l, "do 30 czerwca 2023 r."),
        Some(("2023-06-30".into(), "deadline"))
    );
    assert_eq!(val(&l, "od 1996 r."), Some(("1996".into(), "start")));
    assert_eq!(
        val(&l, "II kwartale 2024 r."),
        Some(("2024-04-01/2024-06-30".into(), "interval"))
    );
    assert_eq!(val(&l, "V kwartał 2024"), None);
    assert_eq!(
        val(&l, "drugiej połowie 2022 r."),
        Some(("2022-07-01/2022-12-31".into(), "interval"))
    );
}

#[test]
fn relative_years_and_weekdays() {
    let l = lex();
    let r = any(&l, "5 października ubiegłego roku").unwrap();
    assert_eq!((r.value.as_str(), r.shift), ("--10-05", -1));
    let r = any(&l, "5 maja b. r.").unwrap();
    assert_eq!((r.value.as_str(), r.shift), ("--05-05", 0));
    let r = any(&l, "wtorek, 7 maja 2024 r.").unwrap();
    assert_eq!(r.weekday, Some((1, 0, 6)));
}

#[test]
fn lists_and_turns() {
    let l = lex();
    let vals = |s| {
        read_list(&l, s).map(|v| {
            v.into_iter()
                .map(|(r, x)| (&s[r], x.value))
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        vals("13 i 14 lipca"),
        Some(vec![
            ("13", "--07-13".into()),
            ("14 lipca", "--07-14".into())
        ])
    );
    assert_eq!(
        vals("14, 15 oraz 16 maja 2024 r.").map(|v| v.len()),
        Some(3)
    );
    assert_eq!(vals("14 i 13 lipca"), None, "days go forward");
    assert_eq!(vals("30 i 31 czerwca"), None);
    assert_eq!(
        val(&l, "przełomie maja i czerwca 2024 r."),
        Some(("2024-05/2024-06".into(), "interval"))
    );
    assert_eq!(
        val(&l, "przełomie 2016 i 2017 roku"),
        Some(("2016/2017".into(), "interval"))
    );
    assert_eq!(val(&l, "przełomie czerwca i maja"), None);
}

#[test]
fn odd_input_reads_as_nothing() {
    let l = lex();
    for s in [
        "",
        "-",
        "od",
        "do do",
        "b.",
        "r.",
        "9999999999999999999 maja",
        "ł.ą-ż",
        "—–",
    ] {
        assert_eq!(any(&l, s), None, "{s:?}");
        assert_eq!(read_list(&l, s), None, "{s:?}");
    }
}
