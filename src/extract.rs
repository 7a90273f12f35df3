//! Stage 3, `extract`: attributed claims (who said what, through which cue, citing which
//! outlet) from one segmented article.
//!
//! Owns: finding cues, speaker phrases, content spans, quote kinds, pronoun and role
//! reference within the article, and the outlet a claim is relayed through. Does not own:
//! canonical names across articles (`resolve`) or comparing claims (`compare`).

use crate::error::Result;
use crate::model::{Article, Claim, CueClass, Segmented};
use crate::rules::RuleSet;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueList {
    #[serde(default)]
    verbs: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CuesFile {
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    passive: Vec<String>,
    #[serde(default)]
    neutral: CueList,
    #[serde(default)]
    assertive: CueList,
    #[serde(default)]
    distancing: CueList,
    #[serde(default)]
    reporting: CueList,
    #[serde(default)]
    evaluative: CueList,
    #[serde(default)]
    expectation: CueList,
    #[serde(default)]
    directive: CueList,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pronouns {
    #[serde(default)]
    male: Vec<String>,
    #[serde(default)]
    female: Vec<String>,
    #[serde(default)]
    plural: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakersFile {
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    organisations: Vec<String>,
    #[serde(default)]
    org_heads: Vec<String>,
    #[serde(default)]
    document_heads: Vec<String>,
    #[serde(default)]
    anonymous_heads: Vec<String>,
    #[serde(default)]
    leader_words: Vec<String>,
    #[serde(default)]
    skip: Vec<String>,
    #[serde(default)]
    name_particles: Vec<String>,
    #[serde(default)]
    female_names: Vec<String>,
    #[serde(default)]
    male_names: Vec<String>,
    #[serde(default)]
    pronouns: Pronouns,
}

/// One outlet from `rules/outlets.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletRule {
    /// Canonical name.
    pub name: String,
    /// Other spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A news agency whose stories others relay.
    #[serde(default)]
    pub wire: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletsFile {
    #[serde(default)]
    outlet: Vec<OutletRule>,
}

/// The extractor's compiled rules.
#[derive(Debug)]
pub struct ExtractRules {
    /// Cue word or phrase (lowercase) to its class.
    pub cues: HashMap<String, CueClass>,
    /// Source phrases ("according to"), lowercase.
    pub phrases: Vec<String>,
    /// Outlets.
    pub outlets: Vec<OutletRule>,
}

impl ExtractRules {
    /// Compile `cues.toml`, `speakers.toml` and `outlets.toml`.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let c: CuesFile = set.get("cues.toml")?;
        let _s: SpeakersFile = set.get("speakers.toml")?;
        let o: OutletsFile = set.get("outlets.toml")?;
        let mut cues = HashMap::new();
        for (class, list) in [
            (CueClass::Neutral, &c.neutral),
            (CueClass::Assertive, &c.assertive),
            (CueClass::Distancing, &c.distancing),
            (CueClass::Reporting, &c.reporting),
            (CueClass::Evaluative, &c.evaluative),
            (CueClass::Expectation, &c.expectation),
            (CueClass::Directive, &c.directive),
        ] {
            for v in &list.verbs {
                cues.entry(v.to_lowercase()).or_insert(class);
            }
        }
        let _ = c.passive;
        Ok(ExtractRules {
            cues,
            phrases: c.phrases.iter().map(|p| p.to_lowercase()).collect(),
            outlets: o.outlet,
        })
    }
}

/// Every attributed claim in `article`, in text order, ids `ARTICLE#1`, `ARTICLE#2`, ...
pub fn extract(_article: &Article, _seg: &Segmented, _rules: &ExtractRules) -> Vec<Claim> {
    Vec::new()
}
