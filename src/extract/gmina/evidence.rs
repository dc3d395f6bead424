//! Where a text is: the powiats and voivodeships it names ("powiat krośnieński",
//! "województwo podkarpackie", "starosta kielecki"), used to tell apart gminas that share
//! a name.

use super::tokens::Token;
use crate::error::RuleError;
use crate::rules::{fold, RuleFiles};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub powiat_words: Vec<String>,
    pub voivodeship_words: Vec<String>,
    pub lookback: usize,
    pub adjective_endings: Vec<String>,
    pub powiat: f64,
    pub voivodeship: f64,
    pub bare_adjective: f64,
    pub other_gmina: f64,
    pub powiat_in_voivodeship: f64,
    pub near_bytes: usize,
    pub near_factor: f64,
}

/// What a place word points at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    Powiat(u16),
    Voivodeship(u16),
}

/// One piece of evidence: a place named at a byte offset, with a weight.
#[derive(Debug, Clone, Copy)]
pub struct Clue {
    pub at: usize,
    pub place: Place,
    pub weight: f64,
}

#[derive(Debug)]
pub struct Places {
    pub weights: Weights,
    /// Folded adjective stem → land powiat codes ("kieleck" → 2604).
    powiats: HashMap<String, Vec<u16>>,
    /// Folded adjective stem → voivodeship code ("podkarpack" → 18).
    voivodeships: HashMap<String, u16>,
    endings: Vec<String>,
}

/// The stem of an adjectival name: without its final -ie, -i, -y or -e.
fn stem(folded: &str) -> &str {
    for end in ["ie", "i", "y", "e"] {
        if let Some(s) = folded.strip_suffix(end) {
            return s;
        }
    }
    folded
}

impl Places {
    pub fn load(files: &RuleFiles, weights: Weights) -> Result<Places, RuleError> {
        let p = files.tsv("gmina/powiats.tsv")?;
        let (pc, pn, pt) = (p.column("code")?, p.column("name")?, p.column("type")?);
        let mut powiats: HashMap<String, Vec<u16>> = HashMap::new();
        for row in &p.rows {
            if row.fields[pt] != "powiat" {
                continue;
            }
            let code: u16 = row.fields[pc]
                .parse()
                .map_err(|_| p.error(row, format!("bad powiat code {:?}", row.fields[pc])))?;
            powiats
                .entry(stem(&fold(&row.fields[pn])).to_string())
                .or_default()
                .push(code);
        }
        let v = files.tsv("gmina/voivodeships.tsv")?;
        let (vc, vn) = (v.column("code")?, v.column("name")?);
        let mut voivodeships = HashMap::new();
        for row in &v.rows {
            let code: u16 = row.fields[vc]
                .parse()
                .map_err(|_| v.error(row, format!("bad voivodeship code {:?}", row.fields[vc])))?;
            voivodeships.insert(stem(&fold(&row.fields[vn])).to_string(), code);
        }
        let mut endings = weights.adjective_endings.clone();
        endings.sort_by_key(|e| std::cmp::Reverse(e.len()));
        Ok(Places {
            weights,
            powiats,
            voivodeships,
            endings,
        })
    }

    /// The powiats and voivodeship a folded word may be an adjective of.
    fn adjective(&self, folded: &str) -> (Option<&[u16]>, Option<u16>) {
        let mut pw = None;
        let mut vv = None;
        for end in &self.endings {
            if let Some(s) = folded.strip_suffix(end.as_str()) {
                if pw.is_none() {
                    pw = self.powiats.get(s).map(Vec::as_slice);
                }
                if vv.is_none() {
                    vv = self.voivodeships.get(s).copied();
                }
            }
        }
        (pw, vv)
    }

    /// Every powiat and voivodeship the text names.
    pub fn clues(&self, text: &str, tokens: &[Token]) -> Vec<Clue> {
        let w = &self.weights;
        let mut out = Vec::new();
        let folded: Vec<String> = tokens.iter().map(|t| fold(t.text(text))).collect();
        for (i, f) in folded.iter().enumerate() {
            if f.len() < 5 {
                continue;
            }
            let (pw, vv) = self.adjective(f);
            if pw.is_none() && vv.is_none() {
                continue;
            }
            let back = &folded[i.saturating_sub(w.lookback)..i];
            let has = |words: &[String]| {
                back.iter()
                    .any(|b| words.iter().any(|p| b.starts_with(p.as_str())))
            };
            let (is_powiat, is_voiv) = (has(&w.powiat_words), has(&w.voivodeship_words));
            let at = tokens[i].start;
            if let Some(codes) = pw {
                if !is_voiv || vv.is_none() {
                    let weight = if is_powiat {
                        w.powiat
                    } else {
                        w.bare_adjective
                    };
                    for &c in codes {
                        out.push(Clue {
                            at,
                            place: Place::Powiat(c),
                            weight,
                        });
                    }
                }
            }
            if let Some(c) = vv {
                if !is_powiat || pw.is_none() {
                    let weight = if is_voiv {
                        w.voivodeship
                    } else {
                        w.bare_adjective
                    };
                    out.push(Clue {
                        at,
                        place: Place::Voivodeship(c),
                        weight,
                    });
                }
            }
        }
        out
    }

    /// How well the clues fit a gmina at `at` in powiat `powiat` and voivodeship `voiv`.
    pub fn score(&self, clues: &[Clue], at: usize, powiat: u16, voiv: u16) -> f64 {
        let w = &self.weights;
        clues
            .iter()
            .map(|c| {
                let fit = match c.place {
                    Place::Powiat(p) if p == powiat => 1.0,
                    Place::Powiat(p) if p / 100 == voiv => w.powiat_in_voivodeship,
                    Place::Voivodeship(v) if v == voiv => 1.0,
                    _ => 0.0,
                };
                let near = if c.at.abs_diff(at) <= w.near_bytes {
                    w.near_factor
                } else {
                    1.0
                };
                fit * near * c.weight
            })
            .sum()
    }
}
