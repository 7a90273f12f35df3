//! Stage 4, `resolve`: turn surface mentions into canonical entities, places, dates and
//! quantities across the whole corpus.
//!
//! Owns: speaker canonical names and ids, claim dates (absolute and relative to the
//! article's publication date), places and quantities in claim content. Does not own:
//! finding claims (`extract`) or comparing them (`compare`).

pub mod dates;
pub mod names;
pub mod places;
pub mod quantities;

use crate::error::Result;
use crate::model::{Article, Claim};
use crate::rules::RuleSet;

/// The resolver's compiled rules.
#[derive(Debug)]
pub struct ResolveRules {
    /// Name comparison (`names.toml`).
    pub names: names::NameRules,
    /// Gazetteer (`places.toml`).
    pub places: places::Gazetteer,
    /// Dates (`dates.toml`).
    pub dates: dates::DateRules,
    /// Quantities (`quantities.toml`).
    pub quantities: quantities::QuantityRules,
}

impl ResolveRules {
    /// Compile the resolver's rule files.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        Ok(ResolveRules {
            names: names::NameRules::compile(set)?,
            places: places::Gazetteer::compile(set)?,
            dates: dates::DateRules::compile(set)?,
            quantities: quantities::QuantityRules::compile(set)?,
        })
    }
}

/// Resolve every claim's speaker, date, places and quantities, in place.
pub fn resolve(_articles: &[Article], _claims: &mut [Claim], _rules: &ResolveRules) {}
