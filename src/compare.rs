//! Stage 5, `compare`: findings across articles (agreements, contradictions, updates,
//! misquotes, misattributions, single-source claims), each with its evidence.
//!
//! Owns: pairing claims by canonical entity and frame, deciding what the pair means,
//! counting independent sources. Does not own: extracting or resolving claims.

use crate::error::Result;
use crate::model::{Article, Claim, Finding};
use crate::rules::RuleSet;

/// The comparer's compiled rules.
#[derive(Debug, Default)]
pub struct CompareRules {}

impl CompareRules {
    /// Compile the comparer's rule files.
    pub fn compile(_set: &RuleSet) -> Result<Self> {
        Ok(CompareRules {})
    }
}

/// Every finding over the corpus's claims, in a deterministic order.
pub fn compare(_articles: &[Article], _claims: &[Claim], _rules: &CompareRules) -> Vec<Finding> {
    Vec::new()
}
