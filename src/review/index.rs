//! The list pages: events with their filters (`index.html`), documents, errors.

use super::html::{a, doc_link, event_link, shell, t};
use super::load::{items, scalar, str_of, strings, Record};
use super::Site;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The sum kinds of the contract, for the filter.
pub const SUM_KINDS: [&str; 6] = [
    "grant",
    "own_contribution",
    "total_cost",
    "contract_value",
    "budget",
    "other",
];

/// An event's sum with its kind: the event's own `kind`, else the kind a source document
/// gives the same value and currency, else "".
pub fn event_sums<'a>(site: &Site<'a>, e: &'a Record) -> Vec<(f64, String, &'a str, String)> {
    items(e, "sums")
        .map(|s| {
            let (value, cur) = (str_of(s, "value"), str_of(s, "currency"));
            let mut kind = str_of(s, "kind").to_string();
            if kind.is_empty() {
                kind = strings(s, "sources")
                    .filter_map(|d| site.document(d))
                    .flat_map(|d| items(d, "sums"))
                    .find(|ds| str_of(ds, "value") == value && str_of(ds, "currency") == cur)
                    .map(|ds| str_of(ds, "kind").to_string())
                    .unwrap_or_default();
            }
            (value.parse().unwrap_or(0.0), value.to_string(), cur, kind)
        })
        .collect()
}

/// "|a|b|": a list that a filter can test with `includes("|a|")`.
fn bars<'x>(values: impl IntoIterator<Item = &'x str>) -> String {
    let set: BTreeSet<&str> = values.into_iter().filter(|v| !v.is_empty()).collect();
    let mut s = String::from("|");
    for v in set {
        s.push_str(v);
        s.push('|');
    }
    s
}

fn options(id: &str, label: &str, values: &BTreeSet<&str>) -> String {
    let mut s = format!("<label>{label} <select id=\"{id}\"><option value=\"\">all</option>");
    for v in values {
        let _ = write!(s, "<option value=\"{}\">{}</option>", a(v), t(v));
    }
    s.push_str("</select></label>\n");
    s
}

/// `index.html`: one row per event; the filters run in the page (`review.js`).
pub fn events(site: &Site<'_>) -> String {
    let (mut voivs, mut powiats, mut gminas, mut people) = Default::default();
    let mut rows = String::new();
    for e in &site.out.events {
        rows.push_str(&event_row(
            site,
            e,
            &mut voivs,
            &mut powiats,
            &mut gminas,
            &mut people,
        ));
    }
    let mut body = format!(
        "<h1>Events</h1>\n<form id=\"filters\" onsubmit=\"return false\">\n{}{}{}",
        options("f-voivodeship", "Voivodeship", &voivs),
        options("f-powiat", "Powiat", &powiats),
        options("f-gmina", "Gmina", &gminas),
    );
    body.push_str(
        "<label>From <input type=\"date\" id=\"f-from\"></label>\n\
         <label>To <input type=\"date\" id=\"f-to\"></label>\n\
         <label>Official <input type=\"search\" id=\"f-official\" list=\"officials\"></label>\n\
         <label>Minimum sum <input type=\"number\" id=\"f-min-sum\" min=\"0\" step=\"any\"></label>\n",
    );
    body.push_str(&options(
        "f-sum-kind",
        "Sum kind",
        &SUM_KINDS.into_iter().collect(),
    ));
    body.push_str("<button type=\"reset\" id=\"f-reset\">Clear</button>\n</form>\n<datalist id=\"officials\">");
    for p in &people {
        let _ = write!(body, "<option value=\"{}\">", a(p));
    }
    let _ = write!(
        body,
        "</datalist>\n<p id=\"shown\">{n} of {n} events</p>\n<table id=\"events\">\n<thead><tr>\
         <th>Date</th><th>Title</th><th>Gminas</th><th>Officials</th><th>Largest sum</th>\
         <th>Sources</th><th>Conflicts</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>",
        n = site.out.events.len()
    );
    shell("Events", "", &body)
}

fn event_row<'a>(
    site: &Site<'a>,
    e: &'a Record,
    voivs: &mut BTreeSet<&'a str>,
    powiats: &mut BTreeSet<&'a str>,
    gminas: &mut BTreeSet<&'a str>,
    people: &mut BTreeSet<&'a str>,
) -> String {
    let mut places = String::new();
    let (mut vs, mut ps, mut gs) = (Vec::new(), Vec::new(), Vec::new());
    for g in items(e, "gminas") {
        let name = str_of(g, "name");
        let (mut powiat, mut voiv) = (str_of(g, "powiat"), str_of(g, "voivodeship"));
        if let Some(&(p, v)) = site.places.get(str_of(g, "teryt")) {
            powiat = if powiat.is_empty() { p } else { powiat };
            voiv = if voiv.is_empty() { v } else { voiv };
        }
        let _ = write!(
            places,
            "<span class=\"place\" title=\"TERYT {}\">{} <small>(pow. {}, woj. {})</small></span> ",
            a(str_of(g, "teryt")),
            t(name),
            t(powiat),
            t(voiv)
        );
        vs.push(voiv);
        ps.push(powiat);
        gs.push(name);
    }
    voivs.extend(vs.iter().filter(|v| !v.is_empty()));
    powiats.extend(ps.iter().filter(|v| !v.is_empty()));
    gminas.extend(gs.iter().filter(|v| !v.is_empty()));
    let mut officials = String::new();
    let mut names = Vec::new();
    for o in items(e, "officials") {
        let _ = write!(
            officials,
            "<span class=\"person\">{} <small>{}</small></span> ",
            t(str_of(o, "name")),
            t(str_of(o, "role"))
        );
        names.push(str_of(o, "name"));
    }
    people.extend(names.iter().filter(|v| !v.is_empty()));
    let sums = event_sums(site, e);
    let largest = sums
        .iter()
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, v, cur, kind)| {
            let kind = if kind.is_empty() {
                String::new()
            } else {
                format!(" <small>{}</small>", t(kind))
            };
            format!("{} {}{kind}", t(v), t(cur))
        })
        .unwrap_or_default();
    let data_sums: Vec<String> = sums.iter().map(|(n, _, _, k)| format!("{k}={n}")).collect();
    let conflicts = e
        .get("conflicts")
        .and_then(|c| c.as_array())
        .map_or(0, Vec::len);
    let sources = strings(e, "sources").count();
    let date = scalar(e.get("date"));
    format!(
        "<tr class=\"event\" data-id=\"{id}\" data-date=\"{date}\" data-voivodeships=\"{v}\" \
         data-powiats=\"{p}\" data-gminas=\"{g}\" data-officials=\"{o}\" data-sums=\"{s}\">\
         <td>{date_t}</td><td>{link}</td><td>{places}</td><td>{officials}</td><td>{largest}</td>\
         <td class=\"n\">{sources}</td><td class=\"n{c}\">{conflicts}</td></tr>\n",
        id = a(str_of(e, "id")),
        date = a(&date),
        v = a(&bars(vs)),
        p = a(&bars(ps)),
        g = a(&bars(gs)),
        o = a(&bars(names).to_lowercase()),
        s = a(&data_sums.join(";")),
        date_t = t(&date),
        link = event_link(str_of(e, "id"), str_of(e, "title"), ""),
        c = if conflicts > 0 { " conflict" } else { "" },
    )
}

/// `documents.html`: every document, also those with no event.
pub fn documents(site: &Site<'_>) -> String {
    let mut body = String::from(
        "<h1>Documents</h1>\n<table id=\"documents\">\n<thead><tr><th>Document</th><th>Title</th>\
         <th>Format</th><th>Encoding</th><th>Polish</th><th>Facts</th><th>Event</th></tr></thead>\n<tbody>\n",
    );
    for d in &site.out.documents {
        let id = str_of(d, "id");
        let n = super::facts::facts(d).len();
        let event = site
            .event_of
            .get(id)
            .map(|e| event_link(e, e, ""))
            .unwrap_or_else(|| "<em>none</em>".into());
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{n}</td><td>{event}</td></tr>",
            doc_link(id, ""),
            t(str_of(d, "title")),
            t(str_of(d, "format")),
            t(str_of(d, "encoding")),
            scalar(d.get("polish")),
        );
    }
    body.push_str("</tbody>\n</table>");
    shell("Documents", "", &body)
}

/// `errors.html`: the files that could not become documents.
pub fn errors(site: &Site<'_>) -> String {
    let mut body = format!(
        "<h1>Errors</h1>\n<p>{} files could not be read.</p>\n<table id=\"errors\">\n\
         <thead><tr><th>File</th><th>Reason</th></tr></thead>\n<tbody>\n",
        site.out.errors.len()
    );
    for e in &site.out.errors {
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{}</td></tr>",
            t(str_of(e, "path")),
            t(str_of(e, "error"))
        );
    }
    body.push_str("</tbody>\n</table>");
    shell("Errors", "", &body)
}
