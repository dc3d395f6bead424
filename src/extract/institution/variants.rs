//! One entity per name: words written without their diacritics get the Polish spelling the
//! rules know ("Nowym Tomyslu" → "Nowym Tomyślu"), names that are generic without a seat
//! ("Koło Gospodyń Wiejskich") are told apart, and within one release the variants of one
//! institution are folded into its fullest spelling ("Wielkopolski Urząd Wojewódzki" beside
//! "Wielkopolski Urząd Wojewódzki w Poznaniu").

use crate::error::RuleError;
use crate::extract::Found;
use crate::record::Institution;
use crate::rules::{fold, RuleFiles};
use crate::text::words::{FxHashMap, FxHashSet};

/// Spellings and generic names, from `rules/institution/spellings.tsv`,
/// `rules/institution/generic_names.tsv` and the gmina names of `rules/gmina/`.
#[derive(Debug)]
pub struct Variants {
    /// Folded word → its one Polish spelling (lower case), from the word list and the
    /// gmina names, then from the other forms of the gmina names ("Brzeznica" is the name
    /// "Brzeźnica", not its instrumental "Brzeźnicą").
    /// `None`: several spellings, the word is left as written.
    spellings: [FxHashMap<String, Option<String>>; 2],
    /// Folded names that are generic without a seat, a quoted name or a number.
    generic: FxHashSet<String>,
}

const SPELLINGS: &str = "institution/spellings.tsv";
const GENERIC: &str = "institution/generic_names.tsv";

impl Variants {
    pub fn load(files: &RuleFiles) -> Result<Variants, RuleError> {
        // Every spelling of a folded word; a word with two spellings is left as written.
        let mut all: [FxHashMap<String, FxHashSet<String>>; 2] = Default::default();
        let mut add = |tier: usize, word: &str| {
            let lower = word.to_lowercase();
            all[tier].entry(fold(&lower)).or_default().insert(lower);
        };
        let sp = files.tsv(SPELLINGS)?;
        let c = sp.column("word")?;
        for row in &sp.rows {
            let w = &row.fields[c];
            if w.is_empty() || w.contains(' ') {
                return Err(sp.error(row, "one word expected"));
            }
            if fold(w) == w.to_lowercase() {
                return Err(sp.error(row, format!("{w:?} has no letter with a diacritic")));
            }
            add(0, w);
        }
        // The place names of the gazetteer in every case ("Tomyślu", "Wągrowcu").
        let forms = files.tsv("gmina/gmina_forms.tsv")?;
        let cf = forms.column("form")?;
        for row in &forms.rows {
            row.fields[cf].split([' ', '-']).for_each(|w| add(1, w));
        }
        let gminas = files.tsv("gmina/gminas.tsv")?;
        let cn = gminas.column("name")?;
        for row in &gminas.rows {
            row.fields[cn].split([' ', '-']).for_each(|w| add(0, w));
        }
        let spellings = all.map(|tier| {
            tier.into_iter()
                .map(|(k, v)| {
                    let one = (v.len() == 1).then(|| v.into_iter().next()).flatten();
                    (k, one)
                })
                .collect()
        });
        let g = files.tsv(GENERIC)?;
        let c = g.column("name")?;
        let mut generic = FxHashSet::default();
        for row in &g.rows {
            if row.fields[c].is_empty() {
                return Err(g.error(row, "empty name"));
            }
            generic.insert(fold(&row.fields[c]));
        }
        Ok(Variants { spellings, generic })
    }

    /// `name` with every word written in plain ASCII letters that has one known Polish
    /// spelling put in that spelling, its capitals kept.
    pub fn respell(&self, name: &str) -> String {
        let mut out = String::with_capacity(name.len() + 8);
        for (i, word) in name.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let plain = word.chars().all(|c| c.is_ascii_alphabetic()) && word.len() > 2;
            let key = word.to_ascii_lowercase();
            // the first tier that knows the word decides
            let known = self.spellings.iter().find_map(|tier| tier.get(&key));
            match plain.then_some(known).flatten().and_then(Option::as_ref) {
                Some(sp) => {
                    // the letters of `sp` in the capitals of `word`, letter by letter
                    for (w, s) in word.chars().zip(sp.chars()) {
                        if w.is_uppercase() {
                            out.extend(s.to_uppercase());
                        } else {
                            out.push(s);
                        }
                    }
                }
                None => out.push_str(word),
            }
        }
        out
    }

    /// Whether a name is generic when nothing (seat, quoted name, number) follows it.
    pub fn is_generic(&self, name: &str) -> bool {
        self.generic.contains(&fold(name))
    }
}

/// Folds the variants of one institution within a release: names equal when folded take
/// the spelling with the most Polish letters; then a name that is a shorter form of
/// exactly one other name of the release takes that name ([`shorter_form`]). Each folded
/// name is compared once with each other (not once per find), its seat split off once.
pub fn fold_variants(found: &mut [Found<Institution>], location: &[&str], seats: &SeatForms) {
    let polish = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let keys: Vec<String> = found.iter().map(|f| fold(&f.item.name)).collect();
    let mut best: FxHashMap<&str, &str> = FxHashMap::default();
    for (f, key) in found.iter().zip(&keys) {
        match best.get(key.as_str()) {
            Some(b) if polish(b) >= polish(&f.item.name) => {}
            _ => {
                best.insert(key, &f.item.name);
            }
        }
    }
    let mut names: Vec<(&str, &str)> = best.iter().map(|(k, v)| (*k, *v)).collect();
    names.sort_unstable();
    let seated_names: Vec<Option<Seated>> =
        names.iter().map(|(k, _)| seated(k, location)).collect();
    let longer: Vec<Vec<usize>> = names
        .iter()
        .zip(&seated_names)
        .map(|(&(key, _), a_seat)| {
            (names.iter().zip(&seated_names).enumerate())
                .filter(|(_, ((k, _), b_seat))| {
                    shorter_form(key, a_seat.as_ref(), k, b_seat.as_ref(), location, seats)
                })
                .map(|(j, _)| j)
                .collect()
        })
        .collect();
    let mut memo = vec![None; names.len()];
    let renamed: FxHashMap<&str, String> = (0..names.len())
        .map(|i| {
            let end = final_form(i, &longer, &mut memo, 0);
            (names[i].0, names[end].1.to_string())
        })
        .collect();
    for (f, key) in found.iter_mut().zip(&keys) {
        f.item.name.clone_from(&renamed[key.as_str()]);
    }
}

/// The name that name `i` folds into: itself when no longer form of it is in the release;
/// else the one its longer forms all fold into, if they agree ("OSP Rżaniec" with "OSP w
/// Rżańcu" and "Ochotnicza Straż Pożarna w Rżańcu": the last), else itself. `longer[i]`:
/// the names of which `i` is a shorter form ([`shorter_form`]), each longer than `i`;
/// `memo` keeps each name's answer, so that a name reached along many chains is followed
/// once.
fn final_form(i: usize, longer: &[Vec<usize>], memo: &mut [Option<usize>], depth: usize) -> usize {
    if let Some(end) = memo[i] {
        return end;
    }
    if longer[i].is_empty() || depth > 8 {
        return i;
    }
    let mut first = None;
    let mut agree = true;
    for &j in &longer[i] {
        let end = final_form(j, longer, memo, depth + 1);
        agree &= *first.get_or_insert(end) == end;
    }
    let end = if agree { first.unwrap_or(i) } else { i };
    memo[i] = Some(end);
    end
}

/// A folded name split at its seat: the words before the last location word, and the
/// words after it (both nonempty).
struct Seated {
    body: String,
    seat: String,
}

/// `name` split at its seat, if it has one.
fn seated(name: &str, location: &[&str]) -> Option<Seated> {
    let words: Vec<&str> = name.split(' ').collect();
    let at = words.iter().rposition(|w| location.contains(w))?;
    (at > 0 && at + 1 < words.len()).then(|| Seated {
        body: words[..at].join(" "),
        seat: words[at + 1..].join(" "),
    })
}

/// Whether folded name `a` is a shorter form of folded name `b` (their seats as
/// [`seated`] splits them):
/// - `b` is `a` with a seat ("x" / "x w poznaniu");
/// - `a` is an abbreviation and a place, `b` the words it abbreviates, or the abbreviation
///   itself, with that place as its seat ("osp gorzkow" / "ochotnicza straz pozarna w
///   gorzkowie", "osp w gorzkowie");
/// - both start with the same head and have the same seat, and `b` has every word of `a`
///   ("szkola w kopytowce" / "szkola podstawowa im. jana w kopytowce").
fn shorter_form(
    a: &str,
    a_seat: Option<&Seated>,
    b: &str,
    b_seat: Option<&Seated>,
    location: &[&str],
    seats: &SeatForms,
) -> bool {
    if a == b {
        return false;
    }
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
    let Some(Seated {
        body: b_body,
        seat: b_seat,
    }) = b_seat
    else {
        return false;
    };
    // an abbreviation with its place, the words it abbreviates (or itself) with that seat
    if let Some((abbr, place)) = a.split_once(' ') {
        let initials: String = b_body.split(' ').filter_map(|w| w.chars().next()).collect();
        if abbr.chars().count() >= 2
            && (initials == abbr || b_body == abbr)
            && place_is_seat(place, b_seat, seats)
        {
            return true;
        }
    }
    // an abbreviation with the same seat ("wfosigw w rzeszowie")
    if a_seat.is_some_and(|a| a.seat == *b_seat && abbreviates(&a.body, b_body)) {
        return true;
    }
    // the same seat, fewer words
    match a_seat {
        Some(a) if a.seat == *b_seat => fewer_words(&a.body, b_body),
        _ => false,
    }
}

/// Whether folded body `a` is body `b` with fewer words: the same head and every word in `b`
/// ("szkola" / "szkola podstawowa im. jana"), or `b` without the adjectives before it, two
/// words or more ("urzad pracy" / "powiatowy urzad pracy").
fn fewer_words(a: &str, b: &str) -> bool {
    let b_words: Vec<&str> = b.split(' ').collect();
    (a.split(' ').next() == b.split(' ').next() && a.split(' ').all(|w| b_words.contains(&w)))
        || (a.contains(' ') && b.strip_suffix(a).is_some_and(|r| r.ends_with(' ')))
}

/// Word forms of places the common-prefix test cannot pair, folded: the nominative and the
/// locative ("wies", "wsi"), from `rules/institution/words.toml` (`seat_forms`).
pub type SeatForms = [(String, String)];

/// Whether folded `place` (after an abbreviation, in the nominative: "nowa wies") names the
/// folded seat (in the locative: "nowej wsi"): one word sharing at least four letters with
/// it and differing in at most two at its end ("gorzkow", "gorzkowie"), or losing a fleeting
/// e before its "-cu" ("rzaniec", "rzancu"); several words, word for word, each sharing three
/// such letters or a pair of `seats`.
fn place_is_seat(place: &str, seat: &str, seats: &SeatForms) -> bool {
    let matched = |p: &str, s: &str, least: usize| {
        let common = p.chars().zip(s.chars()).take_while(|(x, y)| x == y).count();
        // a fleeting e: "rzaniec" / "rzancu" (folded Rżaniec, Rżańcu), "dluzec" / "dluzcu"
        let fleeting = || {
            let stem = p.strip_suffix("iec").or_else(|| p.strip_suffix("ec"));
            stem.is_some_and(|st| st.chars().count() >= least && s.strip_suffix("cu") == Some(st))
        };
        (common >= least && common + 2 >= p.chars().count()) || fleeting()
    };
    if !place.contains(' ') {
        return matched(place, seat, 4);
    }
    place.split(' ').count() == seat.split(' ').count()
        && place
            .split(' ')
            .zip(seat.split(' '))
            .all(|(p, s)| matched(p, s, 3) || seats.iter().any(|(nom, loc)| nom == p && loc == s))
}

/// Whether `abbr` (one word, two letters or more) is made of the first letters of the
/// words of `name` ("wfosigw", "wojewodzki fundusz ochrony srodowiska i gospodarki wodnej").
fn abbreviates(abbr: &str, name: &str) -> bool {
    let initials: String = name.split(' ').filter_map(|w| w.chars().next()).collect();
    !abbr.contains(' ') && abbr.chars().count() >= 2 && initials == abbr
}

#[cfg(test)]
mod tests;
