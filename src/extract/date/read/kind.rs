//! What a date rule's match is read as: the `kind` beside its pattern in `patterns.toml`.

/// How a rule's match is read (`kind` in `patterns.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Point,
    Start,
    Deadline,
    Range,
    List,
    Turn,
    /// A range of two years read as a school or academic year: the release's year-less days
    /// fall in it (September to August; [`crate::resolve::school_year`]).
    SchoolYear,
}

impl Kind {
    pub const NAMES: [(&'static str, Kind); 7] = [
        ("point", Kind::Point),
        ("start", Kind::Start),
        ("deadline", Kind::Deadline),
        ("range", Kind::Range),
        ("list", Kind::List),
        ("turn", Kind::Turn),
        ("school_year", Kind::SchoolYear),
    ];

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::NAMES.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }
}
