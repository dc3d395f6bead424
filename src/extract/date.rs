//! date extractor (rules in `rules/date/`).

use super::{Context, Found};
use crate::error::RuleError;
use crate::record::Date;
use crate::rules::RuleFiles;

/// The date rules, loaded once.
#[derive(Debug)]
pub struct DateRules {}

impl DateRules {
    pub fn load(_files: &RuleFiles) -> Result<DateRules, RuleError> {
        Ok(DateRules {})
    }

    pub fn extract(&self, _ctx: &Context) -> Vec<Found<Date>> {
        Vec::new()
    }
}

impl DateRules {
    /// The release's own publication date, when it states one.
    pub fn publication(&self, _ctx: &Context, _dates: &[Found<Date>]) -> Option<crate::civil::Ymd> {
        None
    }
}
