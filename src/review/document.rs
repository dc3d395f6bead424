//! One document's page: its record's fields, the readable text with every fact
//! highlighted, and the facts as a table.

use super::facts::{facts, tooltip};
use super::html::{a, event_link, shell, t};
use super::load::{scalar, str_of, Record};
use super::Site;
use serde_json::Value;
use std::fmt::Write as _;

/// `documents/<id>.html`.
pub fn page(site: &Site<'_>, d: &Record) -> String {
    let id = str_of(d, "id");
    let mut body = format!(
        "<h1>{}</h1>\n<dl class=\"meta\" id=\"document\" data-doc=\"{}\">",
        t(str_of(d, "title")),
        a(id)
    );
    // Every field that is not a list of facts, as it stands in the record.
    for (k, v) in d {
        if matches!(v, Value::Array(_) | Value::Object(_)) {
            continue;
        }
        let _ = write!(body, "<dt>{}</dt><dd>{}</dd>", t(k), t(&scalar(Some(v))));
    }
    let event = site
        .event_of
        .get(id)
        .map(|e| event_link(e, e, "../"))
        .unwrap_or_else(|| "<em>none</em>".into());
    let _ = write!(body, "<dt>event</dt><dd>{event}</dd></dl>\n<h2>Text</h2>\n");
    body.push_str(&site.text_block(id));
    body.push_str(
        "\n<h2>Facts</h2>\n<table class=\"grid\" id=\"fact-list\"><thead><tr><th>Kind</th>\
         <th>Words</th><th>Value</th><th>Details</th><th>Bytes</th></tr></thead>\n<tbody>\n",
    );
    for f in facts(d) {
        let details = tooltip(&f);
        let details = details.split_once('\n').map_or("", |(_, rest)| rest);
        let _ = writeln!(
            body,
            "<tr class=\"k-{}\"><td>{}</td><td>{}</td><td>{}</td><td><pre>{}</pre></td><td>{}–{}</td></tr>",
            f.kind,
            f.kind,
            t(f.text),
            t(&f.value),
            t(details),
            f.start,
            f.end
        );
    }
    body.push_str("</tbody></table>");
    shell(str_of(d, "title"), "../", &body)
}
