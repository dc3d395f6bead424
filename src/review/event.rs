//! One event's page: the facts × sources table, the conflicts, why the releases were
//! merged, and the releases side by side with their facts highlighted.

use super::html::{a, doc_link, shell, t};
use super::load::{items, scalar, str_of, strings, Record};
use super::Site;
use serde_json::Value;
use std::fmt::Write as _;

/// The event fields of facts, with the kind each holds, in the order of the event page (a
/// test checks that each is a kind of the extractors' table under its field; a kind the
/// event stage does not merge need not be here).
const FIELDS: [(&str, &str); 6] = [
    ("officials", "official"),
    ("gminas", "gmina"),
    ("localities", "locality"),
    ("institutions", "institution"),
    ("sums", "sum"),
    ("dates", "date"),
];

/// The words of a fact row: its value, and the key a conflict names it by.
fn label(kind: &str, item: &Record) -> (String, String) {
    match kind {
        "official" => (
            format!("{} — {}", str_of(item, "name"), str_of(item, "role")),
            str_of(item, "name").to_string(),
        ),
        "gmina" => (
            format!("{} ({})", str_of(item, "name"), str_of(item, "teryt")),
            str_of(item, "name").to_string(),
        ),
        _ => {
            let v = super::facts::value_of(item);
            (v.clone(), v)
        }
    }
}

/// Whether a conflict concerns this row: it names the row's field and either the row's
/// key (in `field`) or one of the row's values.
fn in_conflict(conflicts: &[&Record], field: &str, key: &str, item: &Record) -> bool {
    conflicts.iter().any(|c| {
        let f = str_of(c, "field");
        f.starts_with(field.trim_end_matches('s'))
            && (f.contains(&format!("({key})"))
                || strings(c, "values")
                    .any(|v| v == key || v == str_of(item, "role") || v == str_of(item, "value")))
    })
}

/// The mentions of a fact in one source, as "start–end" (the agreed `mentions` field).
fn mentions_in(item: &Record, doc: &str) -> Vec<String> {
    items(item, "mentions")
        .filter(|m| str_of(m, "doc") == doc)
        .map(|m| format!("{}–{}", scalar(m.get("start")), scalar(m.get("end"))))
        .collect()
}

fn facts_table(e: &Record, sources: &[&str], conflicts: &[&Record]) -> String {
    let mut s =
        String::from("<table id=\"facts\" class=\"grid\"><thead><tr><th>Kind</th><th>Fact</th>");
    for (n, d) in sources.iter().enumerate() {
        let _ = write!(s, "<th title=\"{}\">{}</th>", a(d), n + 1);
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for (field, kind) in FIELDS {
        for item in items(e, field) {
            let (shown, key) = label(kind, item);
            let bad = in_conflict(conflicts, field, &key, item);
            let _ = write!(
                s,
                "<tr class=\"k-{kind}{}\"><td>{kind}</td><td>{}</td>",
                if bad { " conflict" } else { "" },
                t(&shown)
            );
            let said: Vec<&str> = strings(item, "sources").collect();
            for d in sources {
                let m = mentions_in(item, d);
                if said.contains(d) {
                    let _ = write!(
                        s,
                        "<td class=\"said\" title=\"{}\">✓</td>",
                        a(&if m.is_empty() {
                            d.to_string()
                        } else {
                            format!("{d}: bytes {}", m.join(", "))
                        })
                    );
                } else {
                    s.push_str("<td></td>");
                }
            }
            s.push_str("</tr>\n");
        }
    }
    s.push_str("</tbody></table>\n");
    s
}

fn conflicts_block(conflicts: &[&Record]) -> String {
    if conflicts.is_empty() {
        return "<p>No conflicts.</p>\n".into();
    }
    let mut s = String::from("<ul id=\"conflicts\" class=\"conflict\">\n");
    for c in conflicts {
        let values: Vec<_> = strings(c, "values")
            .map(|v| format!("“{}”", t(v)))
            .collect();
        let docs: Vec<_> = strings(c, "sources").map(|d| doc_link(d, "../")).collect();
        let _ = writeln!(
            s,
            "<li><b>{}</b>: {} ({})</li>",
            t(str_of(c, "field")),
            values.join(" / "),
            docs.join(", ")
        );
    }
    s.push_str("</ul>\n");
    s
}

/// The agreed `evidence` field: which releases, how similar, which facts they share.
fn evidence_block(e: &Record) -> String {
    let ev: Vec<&Record> = items(e, "evidence").collect();
    if ev.is_empty() {
        return if strings(e, "sources").count() > 1 {
            "<p>The record gives no evidence.</p>\n".into()
        } else {
            "<p>One source.</p>\n".into()
        };
    }
    let mut s = String::from("<ul id=\"evidence\">\n");
    for x in ev {
        let docs: Vec<_> = strings(x, "docs").map(|d| doc_link(d, "../")).collect();
        let _ = write!(
            s,
            "<li>{} — similarity {}",
            docs.join(" + "),
            t(&scalar(x.get("similarity")))
        );
        if let Some(Value::Object(shared)) = x.get("shared") {
            s.push_str("<ul>");
            for (k, v) in shared {
                let vals: Vec<String> = match v {
                    Value::Array(vs) => vs
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                        .collect(),
                    other => vec![other.to_string()],
                };
                if !vals.is_empty() {
                    let _ = write!(s, "<li>shared {}: {}</li>", t(k), t(&vals.join("; ")));
                }
            }
            s.push_str("</ul>");
        }
        s.push_str("</li>\n");
    }
    s.push_str("</ul>\n");
    s
}

/// `events/<id>.html`.
pub fn page(site: &Site<'_>, e: &Record) -> String {
    let id = str_of(e, "id");
    let sources: Vec<&str> = strings(e, "sources").collect();
    let conflicts: Vec<&Record> = items(e, "conflicts").collect();
    let mut body = format!(
        "<h1>{}</h1>\n<dl class=\"meta\"><dt>Event</dt><dd id=\"event-id\">{}</dd><dt>Date</dt><dd>{}</dd>",
        t(str_of(e, "title")),
        t(id),
        t(&scalar(e.get("date"))),
    );
    if let Some(from) = e.get("date_from") {
        let _ = write!(
            body,
            "<dt>Date from</dt><dd>{}</dd>",
            t(&scalar(Some(from)))
        );
    }
    let replaces: Vec<&str> = strings(e, "replaces").collect();
    if !replaces.is_empty() {
        let _ = write!(
            body,
            "<dt>Replaces</dt><dd>{}</dd>",
            t(&replaces.join(", "))
        );
    }
    let _ = write!(body, "<dt>Sources</dt><dd><ol>");
    for d in &sources {
        let title = site.document(d).map(|r| str_of(r, "title")).unwrap_or("");
        let _ = write!(body, "<li>{} {}</li>", doc_link(d, "../"), t(title));
    }
    body.push_str("</ol></dd></dl>\n<h2>Facts and sources</h2>\n");
    body.push_str(&facts_table(e, &sources, &conflicts));
    body.push_str("<h2>Conflicts</h2>\n");
    body.push_str(&conflicts_block(&conflicts));
    body.push_str("<h2>Why merged</h2>\n");
    body.push_str(&evidence_block(e));
    body.push_str("<h2 id=\"releases\">Releases</h2>\n<div class=\"releases\">\n");
    for d in &sources {
        let title = site.document(d).map(|r| str_of(r, "title")).unwrap_or("");
        let _ = writeln!(
            body,
            "<section class=\"release\" data-doc=\"{}\"><h3>{} <small>{}</small></h3>{}</section>",
            a(d),
            doc_link(d, "../"),
            t(title),
            site.text_block(d)
        );
    }
    body.push_str("</div>");
    shell(str_of(e, "title"), "../", &body)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_event_page_shows_kinds_of_fact_under_their_fields() {
        for &(field, kind) in &super::FIELDS {
            let k = crate::extract::facts::kind(kind);
            assert_eq!(k.map(|k| k.field), Some(field), "{kind}");
        }
        assert_eq!(super::FIELDS[0], ("officials", "official"));
    }
}
