//! Stage 4, `resolve`: turn surface mentions into canonical entities, places, dates and
//! quantities across the whole corpus.
//!
//! Owns: speaker canonical names and ids, claim dates (absolute and relative to the
//! article's publication date), places and quantities in claim content. Does not own:
//! finding claims (`extract`) or comparing them (`compare`).

use crate::error::Result;
use crate::model::{Article, Claim};
use crate::rules::RuleSet;

/// The resolver's compiled rules.
#[derive(Debug, Default)]
pub struct ResolveRules {}

impl ResolveRules {
    /// Compile the resolver's rule files.
    pub fn compile(_set: &RuleSet) -> Result<Self> {
        Ok(ResolveRules {})
    }
}

/// Resolve every claim's speaker, date, places and quantities, in place.
pub fn resolve(_articles: &[Article], _claims: &mut [Claim], _rules: &ResolveRules) {}
