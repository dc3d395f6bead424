//! Loading the institution lexicon from its rule files: word lists and limits, head nouns
//! with their case forms, adjective endings, kinds and abbreviations.

use super::*;

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WordLists {
    location: Vec<String>,
    coordinators: Vec<String>,
    complement_joiners: Vec<String>,
    complement_prepositions: Vec<String>,
    patron: Vec<String>,
    patron_titles: Vec<String>,
    patron_words_lower: Vec<String>,
    number: Vec<String>,
    adjective_stem_finals: Vec<String>,
    not_adjective_endings: Vec<String>,
    complement_endings: Vec<String>,
    complement_adjective_endings: Vec<String>,
    place_adjective_endings: Vec<String>,
    not_locative_endings: Vec<String>,
    not_places: Vec<String>,
    possessives: Vec<String>,
    verbal_noun_endings: Vec<String>,
    compound_endings: Vec<String>,
    seat_forms: Vec<toml::Spanned<String>>,
    units: Vec<String>,
    stop: Vec<String>,
    saints: Vec<String>,
    company: Vec<String>,
    commanders: Vec<String>,
    organs: Vec<toml::Spanned<String>>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    limits: Limits,
    words: WordLists,
}

const DIR: &str = "institution";

/// The date rules' words, of which a patron's year reads `year_words` ("1939 r.").
const DATE_WORDS: &str = "date/words.toml";

#[derive(Debug, serde::Deserialize)]
struct DateWords {
    year_words: Vec<String>,
}

/// The officials' declension table: the commanders' case forms and the offices'
/// nominatives that end a complement are read from it.
const OFFICES: &str = "official/office_paradigms.tsv";

/// Head forms of this many letters or fewer are not read without their diacritics.
const MIN_PLAIN_FORM: usize = 4;

fn gender(s: &str) -> Option<Gender> {
    match s {
        "m" => Some(Gender::M),
        "f" => Some(Gender::F),
        "n" => Some(Gender::N),
        _ => None,
    }
}

impl Lexicon {
    pub fn load(files: &RuleFiles) -> Result<Lexicon, RuleError> {
        let words: WordsFile = files.toml(&format!("{DIR}/words.toml"))?;
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<FxHashSet<_>>();
        let set = |v: FxHashSet<String>| LowerMap::new(v.into_iter().map(|w| (w, ())));
        let mut stop = lower(&words.words.stop);
        let mut lex = Lexicon {
            heads: Vec::new(),
            forms: LowerMap::new([]),
            endings: Vec::new(),
            ending_groups: std::array::from_fn(|_| 0..0),
            location: lower(&words.words.location),
            coordinators: lower(&words.words.coordinators),
            joiners: lower(&words.words.complement_joiners),
            patron: lower(&words.words.patron),
            patron_titles: lower(&words.words.patron_titles),
            patron_lower: lower(&words.words.patron_words_lower),
            year_words: lower(&files.toml::<DateWords>(DATE_WORDS)?.year_words),
            number: lower(&words.words.number),
            short_max: words
                .words
                .location
                .iter()
                .chain(&words.words.number)
                .map(|w| w.to_lowercase().len())
                .max()
                .unwrap_or(0),
            stem_finals: words.words.adjective_stem_finals.clone(),
            not_adjective: words.words.not_adjective_endings.clone(),
            comp_endings: words.words.complement_endings.clone(),
            comp_adj_endings: words.words.complement_adjective_endings.clone(),
            place_endings: words.words.place_adjective_endings.clone(),
            not_locative: words.words.not_locative_endings.clone(),
            not_places: lower(&words.words.not_places),
            comp_preps: words
                .words
                .complement_prepositions
                .iter()
                .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            possessives: lower(&words.words.possessives),
            verbal_nouns: words.words.verbal_noun_endings.clone(),
            compound_endings: words.words.compound_endings.clone(),
            seat_forms: Vec::new(),
            units: set(lower(&words.words.units)),
            prose: set(lower(&words.words.location)
                .into_iter()
                .chain(lower(&words.words.complement_joiners))
                .collect()),
            stop: LowerMap::new([]),
            company: lower(&words.words.company),
            saints: lower(&words.words.saints),
            person_forms: LowerMap::new([]),
            first_names: LowerMap::new([]),
            commanders: FxHashSet::default(),
            limits: words.limits,
            non_institutions: Vec::new(),
            non_institution_set: FxHashSet::default(),
            non_institution_words: 0,
            kinds: Vec::new(),
            abbreviations: FxHashMap::default(),
        };
        let offices = files.tsv(OFFICES)?;
        lex.commanders = commander_forms(files, &offices, &words.words.commanders)?;
        lex.load_heads(files)?;
        lex.load_endings(files)?;
        let names = files.tsv(&format!("{DIR}/first_names.tsv"))?;
        let col = names.column("name")?;
        let mut first = FxHashSet::default();
        for row in &names.rows {
            stop.insert(row.fields[col].to_lowercase());
            first.insert(row.fields[col].as_str());
        }
        // an office in the nominative after a name starts a person's title ("Kancelarii
        // Prezesa Rady Ministrów Minister Jan Nowak")
        let nom = offices.column("nom")?;
        stop.extend(offices.rows.iter().map(|r| r.fields[nom].to_lowercase()));
        lex.stop = set(stop);
        lex.first_names = set(first.iter().map(|n| n.to_lowercase()).collect());
        let forms = files.tsv("official/names/first_name_forms.tsv")?;
        let (cl, cc, cf) = (
            forms.column("lemma")?,
            forms.column("case")?,
            forms.column("form")?,
        );
        let person = forms.rows.iter().filter(|r| {
            let f = &r.fields;
            first.contains(f[cl].as_str()) && f[cc] != "nom"
        });
        lex.person_forms = set(person.map(|r| r.fields[cf].to_lowercase()).collect());
        let rel = format!("{DIR}/words.toml");
        for pair in &words.words.seat_forms {
            let (nom, loc) = pair
                .get_ref()
                .split_once(' ')
                .filter(|(n, l)| !n.is_empty() && !l.is_empty() && !l.contains(' '))
                .ok_or_else(|| {
                    let m = "is not a nominative, a space and a locative";
                    files.error_at(
                        &rel,
                        pair.span().start,
                        format!("seat_forms: {:?} {m}", pair.get_ref()),
                    )
                })?;
            lex.seat_forms.push((fold(nom), fold(loc)));
        }
        for organ in &words.words.organs {
            let head = lex.heads.iter_mut().find(|h| h.lemma == *organ.get_ref());
            match head {
                Some(h) => h.organ = true,
                None => {
                    let m = format!("organs: {:?} is no lemma of heads.tsv", organ.get_ref());
                    return Err(files.error_at(&rel, organ.span().start, m));
                }
            }
        }
        let non = files.tsv(&format!("{DIR}/non_institutions.tsv"))?;
        let col = non.column("prefix")?;
        for row in &non.rows {
            let p = fold(&row.fields[col]);
            if p.is_empty() {
                return Err(non.error(row, "empty prefix"));
            }
            lex.non_institutions.push(p);
        }
        lex.non_institution_set = lex.non_institutions.iter().cloned().collect();
        lex.non_institution_words = lex
            .non_institutions
            .iter()
            .map(|p| p.split(' ').count())
            .max()
            .unwrap_or(0);
        let kinds = files.tsv(&format!("{DIR}/kinds.tsv"))?;
        let (cp, ck) = (kinds.column("phrase")?, kinds.column("kind")?);
        for row in &kinds.rows {
            if row.fields[cp].is_empty() || row.fields[ck].is_empty() {
                return Err(kinds.error(row, "empty phrase or kind"));
            }
            lex.kinds
                .push((fold(&row.fields[cp]), row.fields[ck].clone()));
        }
        let abbr = files.tsv(&format!("{DIR}/abbreviations.tsv"))?;
        let (ca, ch) = (abbr.column("abbreviation")?, abbr.column("head")?);
        for row in &abbr.rows {
            let head = lex
                .heads
                .iter()
                .position(|h| h.lemma == row.fields[ch])
                .ok_or_else(|| {
                    abbr.error(
                        row,
                        format!("unknown head {:?} (not in heads.tsv)", row.fields[ch]),
                    )
                })?;
            lex.abbreviations
                .entry(row.fields[ca].clone())
                .or_default()
                .push(head);
        }
        Ok(lex)
    }

    fn load_heads(&mut self, files: &RuleFiles) -> Result<(), RuleError> {
        let mut all: HashMap<String, Vec<Reading>> = HashMap::new();
        let tsv = files.tsv(&format!("{DIR}/heads.tsv"))?;
        let c = |n| tsv.column(n);
        let (cl, cg, ck, cn, cs, cp) = (
            c("lemma")?,
            c("gender")?,
            c("kind")?,
            c("needs")?,
            c("sg")?,
            c("pl")?,
        );
        for row in &tsv.rows {
            let f = &row.fields;
            let g = gender(&f[cg]).ok_or_else(|| tsv.error(row, "gender must be m, f or n"))?;
            let mut needs = Evidence::default();
            for n in f[cn].split(',').map(str::trim) {
                match n {
                    "adj" => needs.adj = true,
                    "comp" => needs.comp = true,
                    "loc" => needs.loc = true,
                    "quote" => needs.quote = true,
                    "im" => needs.im = true,
                    "nr" => needs.nr = true,
                    "name" => needs.name = true,
                    other => {
                        return Err(tsv.error(
                            row,
                            format!("unknown need {other:?} (adj, comp, loc, quote, im, nr, name)"),
                        ))
                    }
                }
            }
            let head = self.heads.len();
            for (col, plural) in [(cs, false), (cp, true)] {
                let forms: Vec<&str> = f[col].split(',').map(str::trim).collect();
                if forms.len() != CASES.len() || forms.iter().any(|s| s.is_empty()) {
                    return Err(tsv.error(
                        row,
                        format!("{} needs 6 forms: nom,gen,dat,acc,ins,loc", tsv.header[col]),
                    ));
                }
                for (case, form) in forms.iter().enumerate() {
                    let r = Reading { head, case, plural };
                    // A form written without its diacritics ("Urzedu") reads as the form,
                    // when it is long enough not to be another word ("Sąd" / "sad").
                    let folded = fold(form);
                    let lower = form.to_lowercase();
                    let plain = (folded != lower && folded.chars().count() > MIN_PLAIN_FORM)
                        .then_some(folded);
                    for key in std::iter::once(lower).chain(plain) {
                        let v = all.entry(key).or_default();
                        if !v.contains(&r) {
                            v.push(r);
                        }
                    }
                }
            }
            self.heads.push(Head {
                lemma: f[cl].clone(),
                gender: g,
                kind: f[ck].clone(),
                needs,
                organ: false,
            });
        }
        self.forms = LowerMap::new(all);
        Ok(())
    }

    fn load_endings(&mut self, files: &RuleFiles) -> Result<(), RuleError> {
        let tsv = files.tsv(&format!("{DIR}/adjective_endings.tsv"))?;
        let c = |n| tsv.column(n);
        let (cg, cn, cc, ce, cm) = (
            c("gender")?,
            c("number")?,
            c("case")?,
            c("ending")?,
            c("nominative")?,
        );
        for row in &tsv.rows {
            let f = &row.fields;
            let g = gender(&f[cg]).ok_or_else(|| tsv.error(row, "gender must be m, f or n"))?;
            let plural = match f[cn].as_str() {
                "sg" => false,
                "pl" => true,
                _ => return Err(tsv.error(row, "number must be sg or pl")),
            };
            let case = CASES
                .iter()
                .position(|c| *c == f[cc])
                .ok_or_else(|| tsv.error(row, "case must be nom, gen, dat, acc, ins or loc"))?;
            if f[ce].is_empty() || f[cm].is_empty() {
                return Err(tsv.error(row, "empty ending"));
            }
            self.endings.push(Ending {
                gender: g,
                plural,
                case,
                ending: f[ce].to_lowercase(),
                nominative: f[cm].to_lowercase(),
            });
        }
        self.endings
            .sort_by_key(|e| std::cmp::Reverse(e.ending.chars().count()));
        // a stable sort: longest first within each group still
        self.endings
            .sort_by_key(|e| ending_key(e.gender, e.plural, e.case));
        for (k, group) in self.ending_groups.iter_mut().enumerate() {
            let start = self
                .endings
                .partition_point(|e| ending_key(e.gender, e.plural, e.case) < k);
            let end = self
                .endings
                .partition_point(|e| ending_key(e.gender, e.plural, e.case) <= k);
            *group = start..end;
        }
        Ok(())
    }
}

/// Every case form of the commanders' titles of `words.toml` (`commanders`), read from the
/// officials' declension table (`official/office_paradigms.tsv`, each title's row: the table
/// is the one place a title is declined; a prefix before a title of the table is kept:
/// "wicekomendant"). A title the table does not hold is a load error with its line.
fn commander_forms(
    files: &RuleFiles,
    table: &crate::rules::Tsv,
    titles: &[String],
) -> Result<FxHashSet<String>, RuleError> {
    let cols = ["nom", "gen", "dat", "acc", "inst", "loc", "nom_pl"]
        .iter()
        .map(|c| table.column(c))
        .collect::<Result<Vec<_>, _>>()?;
    let rel = format!("{DIR}/words.toml");
    let mut out = FxHashSet::default();
    for title in titles {
        let title = title.to_lowercase();
        // the row of the longest title of the table that ends `title`; the rest is a prefix
        let row = table
            .rows
            .iter()
            .filter(|r| title.ends_with(&r.fields[cols[0]].to_lowercase()))
            .max_by_key(|r| r.fields[cols[0]].len());
        let Some(row) = row else {
            let text = files.text(&rel)?;
            let line = text
                .find(&format!("\"{title}\""))
                .map(|at| crate::rules::line_of(text, at));
            return Err(RuleError::new(
                files.path(&rel),
                line,
                format!("commander `{title}` is no title of {OFFICES}"),
            ));
        };
        let base = row.fields[cols[0]].to_lowercase();
        let prefix = title.strip_suffix(base.as_str()).unwrap_or_default();
        for &c in &cols {
            let form = row.fields[c].to_lowercase();
            if form != "-" {
                out.insert(format!("{prefix}{form}"));
            }
        }
    }
    Ok(out)
}
