//! The grammar of office words: case sets, the holder's gender and one reading of a
//! title.

/// A set of grammatical cases as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cases(pub u8);

impl Cases {
    pub const NOM: Cases = Cases(1);
    pub const GEN: Cases = Cases(2);
    /// The nominative plural of a title heading a list of names ("radni: …").
    pub const PLURAL: Cases = Cases(64);
    /// Each singular case on its own, nominative to locative (the bits `parse` gives).
    pub const SINGULAR: [Cases; 6] = [Cases(1), Cases(2), Cases(4), Cases(8), Cases(16), Cases(32)];

    pub fn parse(list: &str) -> Option<Cases> {
        let mut bits = 0;
        for c in list.split(',').map(str::trim) {
            bits |= match c {
                "nom" => 1,
                "gen" => 2,
                "dat" => 4,
                "acc" => 8,
                "inst" => 16,
                "loc" => 32,
                "pl" => 64,
                "voc" => 0,
                _ => return None,
            };
        }
        Some(Cases(bits))
    }

    pub fn meets(self, other: Cases) -> bool {
        self.0 & other.0 != 0
    }

    pub fn union(self, other: Cases) -> Cases {
        Cases(self.0 | other.0)
    }
}

/// Who a title word is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    M,
    F,
}

impl Gender {
    pub fn parse(s: &str) -> Option<Gender> {
        match s {
            "m" => Some(Gender::M),
            "f" => Some(Gender::F),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Gender::M => "m",
            Gender::F => "f",
        }
    }
}

/// One reading of an office word.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeForm {
    /// Nominative of the title, lowercase ("wicestarosta").
    pub lemma: String,
    pub cases: Cases,
    pub holder: Gender,
}

impl OfficeForm {
    /// Can a person of `gender` named in `cases` hold this form of the title?
    pub fn agrees(&self, gender: Gender, cases: Cases) -> bool {
        match (self.holder, gender) {
            (Gender::F, Gender::M) => false,
            (Gender::M, Gender::F) => self.cases.meets(Cases::NOM) || self.cases.meets(cases),
            _ => self.cases.meets(cases),
        }
    }
}
