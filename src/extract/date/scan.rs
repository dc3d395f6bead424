//! The automata of the date rules: the line filter and the rules, each a lazy DFA that
//! only ever searches forward (no reverse automata, no prefilters are built), with their
//! caches kept per thread.
//!
//! The rules are one automaton of many patterns. A rule's match begins where a word
//! begins (the extractor drops the others), so the rules are not searched for through
//! the text: at each word start of a line, one anchored search tells whether any rule
//! matches there (most die within a byte or two), and only then each rule's own anchored
//! search gives its match. A rule's leftmost match from a position is its anchored match
//! at the first position where it has one, so this finds what searching finds.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures, NFA};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind, PatternID};

/// The automata's size limit: the rules' automata are large (month and ordinal words in
/// every case).
const LIMIT: usize = 256 << 20;

type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync>;

pub struct Scan {
    /// `lines` of `patterns.toml`, searched unanchored for its earliest match.
    gate: DFA,
    /// The rules, one pattern each, searched anchored.
    rules: DFA,
    caches: Pool<Caches, MakeCaches>,
}

/// The search state of one thread.
#[derive(Debug)]
pub struct Caches {
    gate: Cache,
    rules: Cache,
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
        let dfa = |nfa: NFA, per_pattern: bool| {
            DFA::builder()
                .configure(config.clone().starts_for_each_pattern(per_pattern))
                .build_from_nfa(nfa)
                .map_err(|e| ScanError {
                    pattern: None,
                    message: e.to_string(),
                })
        };
        let gate = dfa(gate_nfa, false)?;
        let rules = dfa(rules_nfa, true)?;
        let (g, r) = (gate.clone(), rules.clone());
        let make: MakeCaches = Box::new(move || Caches {
            gate: g.create_cache(),
            rules: r.create_cache(),
        });
        Ok(Scan {
            gate,
            rules,
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

    /// Whether any rule matches in `hay` starting at `at`.
    pub fn any_at(&self, caches: &mut Caches, hay: &str, at: usize) -> bool {
        let input = Input::new(hay)
            .range(at..)
            .anchored(Anchored::Yes)
            .earliest(true);
        !matches!(
            self.rules.try_search_fwd(&mut caches.rules, &input),
            Ok(None)
        )
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
