//! The gminas and the localities as kinds of fact ([`Fact`]): what their rows in the
//! store's `mentions` table hold and what the event stage keeps of them.

use super::super::facts::{Columns, Fact};
use crate::record::{Gmina, Locality};

/// Gminas: rows of kind `gmina` with the name, TERYT code, powiat and voivodeship; the
/// event stage reads the name and the TERYT code.
impl Fact for Gmina {
    const KIND: &'static str = "gmina";
    const EXAMPLES: &'static str = "gmina";
    const FOR_EVENTS: bool = true;
    super::super::facts::record_field!(gminas);

    fn mention(&self) -> Columns {
        Columns {
            value: Some(self.name.clone()),
            teryt: Some(self.teryt.clone()),
            powiat: Some(self.powiat.clone()),
            voivodeship: Some(self.voivodeship.clone()),
            ..Columns::default()
        }
    }

    fn keep_for_events(&mut self) {
        self.powiat = String::new();
        self.voivodeship = String::new();
    }
}

/// Localities (examples in `rules/locality/`; optional in the contract): rows of kind
/// `locality` with the name and the TERYT code of their gmina; the event stage does not
/// read them.
impl Fact for Locality {
    const KIND: &'static str = "locality";
    const EXAMPLES: &'static str = "locality";
    const OPTIONAL: bool = true;
    super::super::facts::record_field!(localities);

    fn mention(&self) -> Columns {
        Columns {
            value: Some(self.name.clone()),
            teryt: Some(self.gmina_teryt.clone()),
            ..Columns::default()
        }
    }
}
