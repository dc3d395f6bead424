//! Union-find over releases, where a join also joins the groups' days and is refused when
//! the days disagree.

use super::day::{self, agree, Happening};
use crate::sketch::EventRules;

/// The groups made so far: a parent per release and the day of each root.
pub(super) struct Groups<'a> {
    pub(super) rules: &'a EventRules,
    pub(super) parent: Vec<u32>,
    pub(super) day: Vec<Option<Happening>>,
}

impl Groups<'_> {
    pub(super) fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    /// Joins the groups of `a` and `b` unless their days disagree (and `force` is not
    /// set); whether they were joined now.
    pub(super) fn join(&mut self, a: u32, b: u32, force: bool) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (da, db) = (self.day[ra as usize], self.day[rb as usize]);
        let day = match (da, db) {
            (Some(x), Some(y)) if !agree(self.rules, &x, &y) => {
                if !force {
                    return false;
                }
                Some(x)
            }
            (Some(x), Some(y)) => Some(day::joined(x, y)),
            (x, y) => x.or(y),
        };
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child as usize] = root;
        self.day[root as usize] = day;
        true
    }
}
