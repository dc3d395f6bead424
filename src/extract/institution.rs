//! institution extractor (rules in `rules/institution/`).

use super::{Context, Found};
use crate::error::RuleError;
use crate::record::Institution;
use crate::rules::RuleFiles;

/// The institution rules, loaded once.
#[derive(Debug)]
pub struct InstitutionRules {}

impl InstitutionRules {
    pub fn load(_files: &RuleFiles) -> Result<InstitutionRules, RuleError> {
        Ok(InstitutionRules {})
    }

    pub fn extract(&self, _ctx: &Context) -> Vec<Found<Institution>> {
        Vec::new()
    }
}
