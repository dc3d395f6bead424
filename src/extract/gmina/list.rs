//! Lists of gminas after a plural gmina word: "gmin Jedlicze, Chorkówka i Wojaszówka",
//! "gminy członkowskie stowarzyszenia: Biały Dunajec, Poronin i Szaflary".

use super::window::{spaced, Scratch, Window};
use super::{GminaRules, Mention};
use crate::rules::fold_into;
use crate::text::tokens::Token;

impl GminaRules {
    /// After a plural gmina word (word 0 of `w`) and words in lower case, the colon of a
    /// list ("gminy członkowskie stowarzyszenia: A, B i C"): the index of the word after
    /// it, that word and the gap before it. `None` when words of another kind (a powiat
    /// or voivodeship word: "gminom województw: ...") or no colon come first.
    pub(super) fn colon_after_words<'a>(
        &self,
        text: &'a str,
        w: &mut Window<'a>,
        s: &mut Scratch,
    ) -> Option<(usize, Token, &'a str)> {
        for m in 1..=self.list_words_before_colon {
            let (Some(a), Some(b)) = (w.get(m), w.get(m + 1)) else {
                break;
            };
            s.key.clear();
            fold_into(a.text(text), &mut s.key);
            let wt = &self.places.weights;
            let mut other_kind = wt.powiat_words.iter().chain(&wt.voivodeship_words);
            if a.capital(text) || other_kind.any(|p| s.key.starts_with(p.as_str())) {
                break;
            }
            let g = &text[a.end..b.start];
            if self.list_gaps.iter().any(|x| x == g) {
                return Some((m + 1, b, g));
            }
            if g != " " {
                break;
            }
        }
        None
    }

    /// The names that go on a list whose first name ends before word `end` of `w`:
    /// after a comma or a joining word ("gmin Jedlicze, Chorkówka i Wojaszówka").
    pub(super) fn list_rest<'a>(
        &self,
        text: &'a str,
        w: &mut Window<'a>,
        s: &mut Scratch,
        end: usize,
        out: &mut Vec<Mention>,
    ) {
        // "gmin Jedlicze, Chorkówka i Wojaszówka"
        let mut k = end;
        while let (Some(prev), Some(tk)) = (w.get(k - 1), w.get(k)) {
            let gap = &text[prev.end..tk.start];
            let next = if gap == ", " {
                k
            } else if gap == " " && spaced(text, w, k, k + 1) && {
                s.key.clear();
                fold_into(tk.text(text), &mut s.key);
                self.list_joiners.contains(&s.key)
            } {
                k + 1
            } else {
                break;
            };
            let Some((e, candidates)) = self.name_at(text, w, next, false, s) else {
                break;
            };
            let (Some(a), Some(b)) = (w.get(next), w.get(e - 1)) else {
                break;
            };
            out.push(Mention {
                range: a.start..b.end,
                candidates,
                kind: None,
            });
            k = e;
        }
    }
}
