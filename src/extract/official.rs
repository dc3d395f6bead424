//! official extractor (rules in `rules/official/`).

use super::{Context, Found};
use crate::error::RuleError;
use crate::record::Official;
use crate::rules::RuleFiles;

/// The official rules, loaded once.
#[derive(Debug)]
pub struct OfficialRules {}

impl OfficialRules {
    pub fn load(_files: &RuleFiles) -> Result<OfficialRules, RuleError> {
        Ok(OfficialRules {})
    }

    pub fn extract(&self, _ctx: &Context) -> Vec<Found<Official>> {
        Vec::new()
    }
}
