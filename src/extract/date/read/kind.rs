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
}

impl Kind {
    pub const NAMES: [(&'static str, Kind); 6] = [
        ("point", Kind::Point),
        ("start", Kind::Start),
        ("deadline", Kind::Deadline),
        ("range", Kind::Range),
        ("list", Kind::List),
        ("turn", Kind::Turn),
    ];

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::NAMES.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }
}
