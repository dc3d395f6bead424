//! money extractor (rules in `rules/money/`).

use super::{Context, Found};
use crate::error::RuleError;
use crate::record::Sum;
use crate::rules::RuleFiles;

/// The money rules, loaded once.
#[derive(Debug)]
pub struct MoneyRules {}

impl MoneyRules {
    pub fn load(_files: &RuleFiles) -> Result<MoneyRules, RuleError> {
        Ok(MoneyRules {})
    }

    pub fn extract(&self, _ctx: &Context) -> Vec<Found<Sum>> {
        Vec::new()
    }
}
