//! Sums as a kind of fact ([`Fact`]): what their rows in the store's `mentions` table hold
//! and what the event stage keeps of them.

use super::super::facts::{Columns, Fact};
use crate::record::Sum;

/// Sums (examples in `rules/money/`): rows of kind `sum` with the value, currency, purpose
/// and kind; the event stage reads all but the kind.
impl Fact for Sum {
    const KIND: &'static str = "sum";
    const EXAMPLES: &'static str = "money";
    const FOR_EVENTS: bool = true;
    super::super::facts::record_field!(sums);

    fn mention(&self) -> Columns {
        Columns {
            value: Some(self.value.clone()),
            currency: Some(self.currency.clone()),
            purpose: self.purpose.clone(),
            sum_kind: self.kind.clone(),
            ..Columns::default()
        }
    }

    fn keep_for_events(&mut self) {
        self.kind = None;
    }
}
