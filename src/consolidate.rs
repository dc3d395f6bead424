//! Consolidate: one event record per group of releases, with provenance.
//!
//! The event's date is the happening's day its releases agree on (each release's own
//! guess weighed by its cues); year-less dates of the releases take the event's year and
//! are marked `year_inferred`. Officials, gminas, institutions, sums and dates are merged
//! into one entry per real thing (folded keys), each with the releases it came from, and
//! disagreements between releases are listed as conflicts.

mod evidence;
mod forms;
use forms::{most_common, person_words, same_person, slug};

use crate::dedup::{happening, name_key, Group, Happening};
use crate::record::{
    Conflict, DocumentRecord, EventDate, EventGmina, EventName, EventOfficial, EventRecord,
    EventSum, Mention, Sourced,
};
use crate::resolve::fill_year;
use crate::rules::fold;
use crate::sketch::{day_string, DayKey, EventRules};
use crate::words::FxHashMap;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The event's day from its releases' own guesses: the month-day with the most weight (a
/// day of the text weighs 1 and its cue's score, a publication day `publication_weight`;
/// of equal weights the earliest), then the year most of them give; `None` when no
/// release names the year. With it, what gave it: `publication` when only publication
/// lines did, `relative` when only they and the weekdays or days ("wczoraj") of the texts
/// counted from them did, else `text`.
fn event_day(rules: &EventRules, guesses: &[(usize, Happening)]) -> Option<(DayKey, &'static str)> {
    let mut weight: BTreeMap<(u8, u8), f64> = BTreeMap::new();
    for (_, h) in guesses {
        let w = if h.from_publication {
            rules.dates.publication_weight
        } else {
            1.0 + h.score.max(0.0)
        };
        *weight.entry((h.day.1, h.day.2)).or_insert(0.0) += w;
    }
    let (&(m, d), _) = weight.iter().rev().max_by(|a, b| a.1.total_cmp(b.1))?;
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    let (mut from_publication, mut from_relative) = (true, true);
    for (_, h) in guesses {
        if (h.day.1, h.day.2) == (m, d) {
            from_publication &= h.from_publication;
            from_relative &= h.from_publication || h.from_relative;
            if let Some(y) = h.day.0 {
                *years.entry(y).or_insert(0) += 1;
            }
        }
    }
    let (&y, _) = years.iter().rev().max_by_key(|(_, n)| **n)?;
    let basis = if from_publication {
        "publication"
    } else if from_relative {
        "relative"
    } else {
        "text"
    };
    Some(((Some(y), m, d), basis))
}

/// A form of a fact, the release it came from and where it stands there.
type Form<'a, T> = (T, &'a str, usize, usize);

/// Entries keyed by a match key, keeping every form seen and the sources.
struct Union<'a, T> {
    entries: Vec<(String, Vec<Form<'a, T>>)>,
    /// Where each key stands in `entries`, for the forms added by equal keys
    /// (`add_exact`): a long release with thousands of sums or dates made the linear
    /// search quadratic.
    index: FxHashMap<String, usize>,
}

impl<'a, T> Union<'a, T> {
    fn new() -> Self {
        Union {
            entries: Vec::new(),
            index: FxHashMap::default(),
        }
    }

    /// Adds `form` to the first entry whose key is `same` as `key`, or as a new entry.
    fn add(&mut self, key: String, form: Form<'a, T>, same: impl Fn(&str, &str) -> bool) {
        match self.entries.iter_mut().find(|e| same(&e.0, &key)) {
            Some(e) => e.1.push(form),
            None => self.entries.push((key, vec![form])),
        }
    }

    /// `add` with `same` as equality, found through the index. A union takes either
    /// `add` or `add_exact`, never both (the index knows only the keys it added).
    fn add_exact(&mut self, key: String, form: Form<'a, T>) {
        match self.index.get(&key) {
            Some(&i) => self.entries[i].1.push(form),
            None => {
                self.index.insert(key.clone(), self.entries.len());
                self.entries.push((key, vec![form]));
            }
        }
    }
}

fn sources_of<T>(items: &[Form<T>]) -> Vec<String> {
    let mut s: Vec<&str> = items.iter().map(|i| i.1).collect();
    s.sort_unstable();
    s.dedup();
    s.into_iter().map(str::to_string).collect()
}

/// Where each form stands, by document and offset.
fn mentions_of<T>(items: &[Form<T>]) -> Vec<Mention> {
    let mut m: Vec<Mention> = items
        .iter()
        .map(|i| Mention {
            doc: i.1.to_string(),
            start: i.2,
            end: i.3,
        })
        .collect();
    m.sort_by(|a, b| (&a.doc, a.start, a.end).cmp(&(&b.doc, b.start, b.end)));
    m.dedup();
    m
}

/// An entry of the event's union with its sources and mentions.
fn sourced<T, I>(item: I, forms: &[Form<T>]) -> Sourced<I> {
    Sourced {
        item,
        sources: sources_of(forms),
        mentions: mentions_of(forms),
    }
}

/// Builds the event records of `groups` (indices into `docs`), sorted by id; fills the
/// year of year-less dates of each release from its event.
pub fn events(
    rules: &EventRules,
    docs: &mut [DocumentRecord],
    groups: &[Group],
) -> Vec<EventRecord> {
    let days = fill_years(rules, docs, groups);
    records(docs, days)
}

/// The days of the events of `groups`, found once the releases are grouped; the input of
/// [`records`].
pub struct Days(Vec<Day>, EventRules);

/// The first half of [`events`]: finds each group's day and fills the year of year-less
/// dates of its releases (`year_from: "event"`). The releases are final from here on
/// (they can be written while [`records`] builds the event records).
pub fn fill_years(rules: &EventRules, docs: &mut [DocumentRecord], groups: &[Group]) -> Days {
    // Each release is in one group: the days are found and the years filled group by
    // group, then the records are built from the filled releases, both in parallel.
    let days: Vec<Day> = groups
        .par_iter()
        .filter(|g| !g.members.is_empty())
        .map(|g| event_day_of(rules, docs, g))
        .collect();
    for day in &days {
        if let Some(((Some(year), _, _), _)) = day.day {
            for &i in &day.members {
                for d in docs[i].dates.iter_mut().filter(|d| !d.item.recurring) {
                    if let Some(v) = fill_year(&d.item.value, year) {
                        d.item.value = v;
                        d.item.year_inferred = true;
                        d.item.year_from = Some("event".into());
                    }
                }
            }
        }
    }
    Days(days, rules.clone())
}

/// The second half of [`events`]: the event records, sorted by id.
pub fn records(docs: &[DocumentRecord], days: Days) -> Vec<EventRecord> {
    let Days(days, rules) = days;
    let mut out: Vec<EventRecord> = days
        .into_par_iter()
        .map(|d| event(&rules, docs, d))
        .collect();
    out.par_sort_by(|a, b| a.id.cmp(&b.id).then(a.sources.cmp(&b.sources)));
    // Ids repeat when events share a day and a place: "-2", "-3", ... in order. The next
    // number to try is remembered per id, so that many alike ids stay linear.
    let mut used: HashSet<String> = HashSet::new();
    let mut next: HashMap<String, usize> = HashMap::new();
    for e in &mut out {
        if !used.insert(e.id.clone()) {
            let n = next.entry(e.id.clone()).or_insert(2);
            while used.contains(&format!("{}-{n}", e.id)) {
                *n += 1;
            }
            e.id = format!("{}-{}", e.id, *n);
            *n += 1;
            used.insert(e.id.clone());
        }
    }
    out.par_sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// An event's releases (sorted by id), what each says of the day of the happening, the
/// day they agree on (and whether only publication lines gave it), and the joins that
/// made the group.
struct Day {
    members: Vec<usize>,
    guesses: Vec<(usize, Happening)>,
    day: Option<(DayKey, &'static str)>,
    links: Vec<crate::dedup::Link>,
}

fn event_day_of(rules: &EventRules, docs: &[DocumentRecord], group: &Group) -> Day {
    let mut members: Vec<usize> = group.members.clone();
    members.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
    let guesses: Vec<(usize, Happening)> = members
        .iter()
        .filter_map(|&i| happening(rules, &docs[i]).map(|h| (i, h)))
        .collect();
    let day = event_day(rules, &guesses);
    Day {
        members,
        guesses,
        day,
        links: group.links.clone(),
    }
}

/// The event record of releases whose year-less dates have their event's year.
fn event(rules: &EventRules, docs: &[DocumentRecord], day: Day) -> EventRecord {
    let Day {
        members,
        guesses,
        day,
        links,
    } = day;
    let mut conflicts = Vec::new();
    if let Some((ev, _)) = day {
        let as_text = Happening {
            day: ev,
            score: 0.0,
            from_publication: false,
            from_relative: false,
        };
        let off: Vec<&(usize, Happening)> = guesses
            .iter()
            .filter(|g| !crate::dedup::agree(rules, &g.1, &as_text))
            .collect();
        if !off.is_empty() {
            let mut values = vec![day_string(ev)];
            values.extend(off.iter().map(|g| day_string(g.1.day)));
            values.dedup();
            let mut sources: Vec<String> = guesses.iter().map(|g| docs[g.0].id.clone()).collect();
            sources.sort();
            sources.dedup();
            conflicts.push(Conflict {
                field: "date".into(),
                values,
                sources,
            });
        }
    }

    let mut officials: Union<(&str, &str)> = Union::new();
    let mut gminas: Union<(&str, &str)> = Union::new();
    let mut institutions: Union<&str> = Union::new();
    let mut sums: Union<(&str, &str, Option<&str>)> = Union::new();
    let mut dates: Union<&str> = Union::new();
    for &i in &members {
        let d = &docs[i];
        for o in &d.officials {
            // a name with no word has no key
            let key = person_words(&o.item.name);
            if key.is_empty() {
                continue;
            }
            officials.add(
                key,
                (
                    (o.item.name.as_str(), o.item.role.as_str()),
                    &d.id,
                    o.start,
                    o.end,
                ),
                same_person,
            );
        }
        for g in &d.gminas {
            let key = if g.item.teryt.is_empty() {
                name_key(&g.item.name)
            } else {
                g.item.teryt.clone()
            };
            gminas.add_exact(key, ((&g.item.name, &g.item.teryt), &d.id, g.start, g.end));
        }
        for n in &d.institutions {
            institutions.add_exact(
                name_key(&n.item.name),
                (&n.item.name, &d.id, n.start, n.end),
            );
        }
        for s in &d.sums {
            let key = format!("{} {}", s.item.value, s.item.currency);
            let item = (
                s.item.value.as_str(),
                s.item.currency.as_str(),
                s.item.purpose.as_deref(),
            );
            sums.add_exact(key, (item, &d.id, s.start, s.end));
        }
        for t in &d.dates {
            dates.add_exact(t.item.value.clone(), (&t.item.value, &d.id, t.start, t.end));
        }
    }

    let officials: Vec<Sourced<EventOfficial>> = officials
        .entries
        .iter()
        .map(|(_, forms)| {
            let name = most_common(forms.iter().map(|f| f.0 .0));
            let roles: Vec<&(&str, &str)> = forms
                .iter()
                .map(|f| &f.0)
                .filter(|r| !r.1.is_empty())
                .collect();
            let role = roles
                .iter()
                .map(|r| r.1)
                .max_by(|a, b| a.chars().count().cmp(&b.chars().count()).then(b.cmp(a)))
                .map(str::to_string)
                .unwrap_or_default();
            // Offices that are not one the other's shorter form disagree.
            let mut distinct: Vec<String> = Vec::new();
            for r in &roles {
                let k = name_key(r.1);
                if !distinct
                    .iter()
                    .any(|x| x.starts_with(k.as_str()) || k.starts_with(x.as_str()))
                {
                    distinct.push(k);
                }
            }
            if distinct.len() > 1 {
                let mut values: Vec<String> = Vec::new();
                for r in &roles {
                    if !values.iter().any(|v| v == r.1) {
                        values.push(r.1.to_string());
                    }
                }
                conflicts.push(Conflict {
                    field: format!("officials.role ({name})"),
                    values,
                    sources: sources_of(forms),
                });
            }
            sourced(EventOfficial { name, role }, forms)
        })
        .collect();

    // A different sum for the same purpose in different releases.
    let mut by_purpose: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (key, forms) in &sums.entries {
        for f in forms {
            if let Some(p) = f.0 .2 {
                let pk = name_key(p);
                if !pk.is_empty() {
                    by_purpose
                        .entry(pk)
                        .or_default()
                        .push((key.clone(), f.1.to_string()));
                }
            }
        }
    }
    for (purpose, list) in by_purpose {
        let mut values: Vec<String> = list.iter().map(|x| x.0.clone()).collect();
        values.sort();
        values.dedup();
        let mut sources: Vec<String> = list.iter().map(|x| x.1.clone()).collect();
        sources.sort();
        sources.dedup();
        if values.len() > 1 && sources.len() > 1 {
            conflicts.push(Conflict {
                field: format!("sums ({purpose})"),
                values,
                sources,
            });
        }
    }

    let gminas: Vec<Sourced<EventGmina>> = gminas
        .entries
        .iter()
        .map(|(_, forms)| {
            let item = EventGmina {
                name: most_common(forms.iter().map(|f| f.0 .0)),
                teryt: forms[0].0 .1.to_string(),
            };
            sourced(item, forms)
        })
        .collect();
    let institutions: Vec<Sourced<EventName>> = institutions
        .entries
        .iter()
        .map(|(_, forms)| {
            let item = EventName {
                name: most_common(forms.iter().map(|f| f.0)),
            };
            sourced(item, forms)
        })
        .collect();
    let sums: Vec<Sourced<EventSum>> = sums
        .entries
        .iter()
        .map(|(_, forms)| {
            let item = EventSum {
                value: forms[0].0 .0.to_string(),
                currency: forms[0].0 .1.to_string(),
            };
            sourced(item, forms)
        })
        .collect();
    let dates: Vec<Sourced<EventDate>> = dates
        .entries
        .iter()
        .map(|(k, forms)| sourced(EventDate { value: k.clone() }, forms))
        .collect();

    // The place named by most releases; a tie goes to the one named first.
    let place = gminas
        .iter()
        .rev()
        .max_by_key(|g| g.sources.len())
        .map(|g| g.item.name.clone())
        .or_else(|| {
            institutions
                .iter()
                .rev()
                .max_by_key(|n| n.sources.len())
                .map(|n| n.item.name.clone())
        });
    let best = guesses
        .iter()
        .filter(|g| !docs[g.0].title.is_empty())
        .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)))
        .map(|g| g.0)
        .or_else(|| members.iter().copied().find(|&i| !docs[i].title.is_empty()))
        .unwrap_or(members[0]);
    let title = docs[best].title.clone();
    let place_slug = place
        .map(|p| slug(&p))
        .filter(|s| !s.is_empty())
        .or_else(|| Some(slug(&title)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| slug(&docs[members[0]].id));
    let date = day.filter(|k| k.0 .0.is_some()).map(|k| day_string(k.0));
    let date_from = day.filter(|k| k.0 .0.is_some()).map(|k| k.1.to_string());
    let id = format!("{}-{}", date.as_deref().unwrap_or("undated"), place_slug);
    let (evidence, evidence_omitted) = evidence::evidence(rules, docs, &links);
    EventRecord {
        id,
        date,
        title,
        sources: members.iter().map(|&i| docs[i].id.clone()).collect(),
        officials,
        gminas,
        institutions,
        sums,
        dates,
        conflicts,
        date_from,
        evidence,
        evidence_omitted,
    }
}

#[cfg(test)]
mod tests;
