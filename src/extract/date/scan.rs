//! The automata of the date rules: the line filter and the rules, each a lazy DFA that
//! only ever searches forward (no reverse automata, no prefilters are built), with their
//! caches kept per thread.
//!
//! The rules are one automaton of many patterns. A rule's match begins where a word
//! begins (the extractor drops the others), so the rules are not searched for through
//! the text: at each word start of a line, a table of the two bytes a match can begin
//! with (made from the automaton at load) and then a walk of the anchored automaton tell
//! whether any rule matches there (most places fail within a byte or two); only then an
//! overlapping search tells which rules, and each of those rules' own anchored search
//! gives its match. A rule's leftmost match from a position is its anchored match at the
//! first position where it has one, so this finds what searching finds.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures, NFA};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind, PatternID, PatternSet};

/// The automata's size limit: the rules' automata are large (month and ordinal words in
/// every case).
const LIMIT: usize = 256 << 20;

type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync>;

pub struct Scan {
    /// `lines` of `patterns.toml`, searched unanchored for its earliest match.
    gate: DFA,
    /// The rules, one pattern each, searched anchored.
    rules: DFA,
    /// The same, telling all the rules that match at a place.
    which: DFA,
    /// For each two bytes, bit `b1 << 8 | b2`: whether a match of a rule can begin with
    /// them (all set when the rules look around).
    pairs: Vec<u64>,
    caches: Pool<Caches, MakeCaches>,
}

/// The search state of one thread.
#[derive(Debug)]
pub struct Caches {
    gate: Cache,
    rules: Cache,
    which: Cache,
    set: PatternSet,
}

impl std::fmt::Debug for Scan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scan")
            .field("rules", &self.rules.pattern_len())
            .finish_non_exhaustive()
    }
}

/// Why a pattern did not compile: which one (an index into the patterns given), or none
/// when the automaton of them all is too large.
pub struct ScanError {
    pub pattern: Option<usize>,
    pub message: String,
}

impl Scan {
    /// The line filter `gate` and the `rules` (regular expressions in the syntax of the
    /// `regex` crate) made into automata. A pattern index in an error counts `gate` as 0.
    pub fn new(gate: &str, rules: &[&str]) -> Result<Scan, ScanError> {
        let gate_nfa = nfa(&[gate]).map_err(|e| e.shifted(0))?;
        let rules_nfa = nfa(rules).map_err(|e| e.shifted(1))?;
        let config = DFA::config()
            .match_kind(MatchKind::LeftmostFirst)
            .cache_capacity(LIMIT);
        let dfa = |nfa: NFA, config: regex_automata::hybrid::dfa::Config| {
            DFA::builder()
                .configure(config)
                .build_from_nfa(nfa)
                .map_err(|e| ScanError {
                    pattern: None,
                    message: e.to_string(),
                })
        };
        let gate = dfa(gate_nfa, config.clone())?;
        let which = dfa(rules_nfa.clone(), config.clone().match_kind(MatchKind::All))?;
        let rules = dfa(rules_nfa, config.starts_for_each_pattern(true))?;
        let pairs = first_pairs(&rules).unwrap_or_else(|| vec![u64::MAX; 1 << 10]);
        let (g, r, w) = (gate.clone(), rules.clone(), which.clone());
        let make: MakeCaches = Box::new(move || Caches {
            gate: g.create_cache(),
            rules: r.create_cache(),
            which: w.create_cache(),
            set: PatternSet::new(w.pattern_len()),
        });
        Ok(Scan {
            gate,
            rules,
            which,
            pairs,
            caches: Pool::new(make),
        })
    }

    /// A thread's caches (taken back when dropped).
    pub fn caches(&self) -> impl std::ops::DerefMut<Target = Caches> + '_ {
        self.caches.get()
    }

    /// The end of the earliest match of the line filter in `hay` from `at`, if any.
    pub fn gate_at(&self, caches: &mut Caches, hay: &str, at: usize) -> Option<usize> {
        let input = Input::new(hay).range(at..).earliest(true);
        match self.gate.try_search_fwd(&mut caches.gate, &input) {
            Ok(m) => m.map(|m| m.offset()),
            // cannot happen (the lazy DFA never gives up, no pattern needs to quit);
            // a line wrongly let through costs only a search
            Err(_) => Some(at.max(1).min(hay.len())),
        }
    }

    /// The rules that match in `hay` starting at `at`: bit `i` for rule `i` (bit 63 for
    /// every rule from the 63rd on).
    pub fn rules_at(&self, caches: &mut Caches, hay: &str, at: usize) -> u64 {
        if let Some(&[b1, b2]) = hay.as_bytes().get(at..at + 2) {
            let i = usize::from(b1) << 8 | usize::from(b2);
            if self.pairs[i / 64] & (1 << (i % 64)) == 0 {
                return 0;
            }
        }
        // most places have no match, found soonest by walking the automaton
        if self.any_at(&mut caches.rules, hay.as_bytes(), at) == Some(false) {
            return 0;
        }
        let input = Input::new(hay).range(at..).anchored(Anchored::Yes);
        caches.set.clear();
        let found =
            self.which
                .try_which_overlapping_matches(&mut caches.which, &input, &mut caches.set);
        if found.is_err() {
            // cannot happen (see `gate_at`); every rule is then searched
            return u64::MAX;
        }
        caches
            .set
            .iter()
            .fold(0, |m, p| m | 1 << p.as_usize().min(63))
    }

    /// Whether any rule matches in `hay` from `at`; `None` when the automaton cannot tell.
    fn any_at(&self, cache: &mut Cache, hay: &[u8], at: usize) -> Option<bool> {
        let dfa = &self.rules;
        let config = regex_automata::util::start::Config::new()
            .anchored(Anchored::Yes)
            .look_behind(at.checked_sub(1).and_then(|i| hay.get(i).copied()));
        let mut sid = dfa.start_state(cache, &config).ok()?;
        for &b in hay.get(at..)? {
            sid = dfa.next_state(cache, sid, b).ok()?;
            if sid.is_tagged() {
                if sid.is_match() {
                    return Some(true);
                }
                if sid.is_dead() {
                    return Some(false);
                }
                if sid.is_quit() {
                    return None;
                }
            }
        }
        Some(dfa.next_eoi_state(cache, sid).ok()?.is_match())
    }

    /// The end of the match of rule `rule` in `hay` starting at `at`, if any.
    pub fn rule_at(&self, caches: &mut Caches, rule: usize, hay: &str, at: usize) -> Option<usize> {
        let id = PatternID::new(rule).ok()?;
        let input = Input::new(hay).range(at..).anchored(Anchored::Pattern(id));
        match self.rules.try_search_fwd(&mut caches.rules, &input) {
            Ok(m) => m.map(|m| m.offset()),
            Err(_) => None,
        }
    }

    /// How many rules there are.
    pub fn rule_count(&self) -> usize {
        self.rules.pattern_len()
    }
}

/// For each two bytes whether an anchored match of `dfa` can begin with them (see
/// `Scan::pairs`); `None` when that cannot be told from two bytes alone.
fn first_pairs(dfa: &DFA) -> Option<Vec<u64>> {
    // a pattern that looks around may depend on what comes before the match
    if !dfa.get_nfa().look_set_any().is_empty() {
        return None;
    }
    let mut cache = dfa.create_cache();
    let config = regex_automata::util::start::Config::new().anchored(Anchored::Yes);
    let start = dfa.start_state(&mut cache, &config).ok()?;
    let mut pairs = vec![0u64; 1 << 10];
    for b1 in 0..=255u8 {
        let s1 = dfa.next_state(&mut cache, start, b1).ok()?;
        if s1.is_dead() {
            continue;
        }
        for b2 in 0..=255u8 {
            let s2 = dfa.next_state(&mut cache, s1, b2).ok()?;
            if !s2.is_dead() {
                let i = usize::from(b1) << 8 | usize::from(b2);
                pairs[i / 64] |= 1 << (i % 64);
            }
        }
    }
    Some(pairs)
}

/// The forward automaton of `patterns`, without capture states.
fn nfa(patterns: &[&str]) -> Result<NFA, ScanError> {
    let hirs = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| {
            syntax::parse_with(p, &syntax::Config::new()).map_err(|e| ScanError {
                pattern: Some(i),
                message: e.to_string(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .which_captures(WhichCaptures::None)
                .nfa_size_limit(Some(LIMIT)),
        )
        .build_many_from_hir(&hirs)
        .map_err(|e| ScanError {
            pattern: None,
            message: e.to_string(),
        })
}

impl ScanError {
    fn shifted(self, by: usize) -> ScanError {
        ScanError {
            pattern: self.pattern.map(|i| i + by),
            message: self.message,
        }
    }
}
