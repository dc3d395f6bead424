//! gmina extractor (rules in `rules/gmina/`).

use super::{Context, Found};
use crate::error::RuleError;
use crate::record::Gmina;
use crate::rules::RuleFiles;

/// The gmina rules, loaded once.
#[derive(Debug)]
pub struct GminaRules {}

impl GminaRules {
    pub fn load(_files: &RuleFiles) -> Result<GminaRules, RuleError> {
        Ok(GminaRules {})
    }

    pub fn extract(&self, _ctx: &Context) -> Vec<Found<Gmina>> {
        Vec::new()
    }
}
