//! Baselines: the findings a team has reviewed and accepted, recorded by stable
//! fingerprint in a `crosscheck/baseline/v1` file, so that `check --baseline` fails only on
//! new ones.
//!
//! Owns: the fingerprint of a finding, the baseline file format (read, write, build,
//! prune) and matching findings against it. Does not own: deciding which findings fail a
//! run (`crate::check`) or rendering (`crate::report`).
//!
//! A fingerprint is derived from the finding's kind and rule and, for each claim, the
//! article id and the claim's normalised content. It does not depend on line numbers,
//! claim numbers or finding ids, so adding an unrelated article, or a line above a claim,
//! leaves it unchanged; editing the claim's words or renaming the article changes it.

use crate::error::{Error, Result};
use crate::model::{Finding, FindingKind};
use crate::report::Index;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The baseline file's schema name and version.
pub const BASELINE_SCHEMA: &str = "crosscheck/baseline/v1";

/// Whether a finding was in the baseline (SARIF's `baselineState` values that apply).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BaselineState {
    /// Not in the baseline: it fails the run when its kind does.
    New,
    /// In the baseline: accepted.
    Unchanged,
}

/// Lowercase, NFKC, words of letters and digits separated by single spaces: the form of
/// a claim's content that fingerprints use, so quotation marks, punctuation, case and
/// spacing do not matter.
pub fn normalise(content: &str) -> String {
    if content.is_ascii() {
        // NFKC leaves ASCII as it is and its lower case is ASCII's: the same words
        // without the Unicode tables.
        join_words(
            content.len(),
            content.bytes().map(|b| char::from(b.to_ascii_lowercase())),
        )
    } else {
        normalise_unicode(content)
    }
}

/// [`normalise`] through NFKC and Unicode lower case, for any text.
fn normalise_unicode(content: &str) -> String {
    join_words(content.len(), content.nfkc().flat_map(char::to_lowercase))
}

/// The runs of letters and digits of `chars`, joined by single spaces.
fn join_words(capacity: usize, chars: impl Iterator<Item = char>) -> String {
    let mut out = String::with_capacity(capacity);
    let mut gap = false;
    for c in chars {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// The stable fingerprint of finding `f`: 32 hex digits.
pub fn fingerprint(f: &Finding, index: &Index<'_>) -> String {
    let mut parts: Vec<(&str, &str)> = f
        .claims
        .iter()
        .map(|id| match index.claim_normalised(id) {
            Some((c, norm)) => (c.article.as_str(), norm),
            None => (&**id, ""),
        })
        .collect();
    parts.sort();
    parts.dedup();
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    field("crosscheck-fingerprint/v1");
    field(f.kind.as_str());
    field(&f.rule);
    for (article, content) in &parts {
        field(article);
        field(content);
    }
    hex(&h.finalize()[..16])
}

/// Lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// One claim of a baseline entry, for the people reviewing the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryClaim {
    /// Article id.
    #[serde(default)]
    pub article: String,
    /// Path of the article when the baseline was written.
    #[serde(default)]
    pub path: String,
    /// Line when the baseline was written (informative; matching ignores it).
    #[serde(default)]
    pub line: usize,
    /// Speaker's name.
    #[serde(default)]
    pub speaker: String,
    /// The claim's content.
    #[serde(default)]
    pub content: String,
}

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The finding's fingerprint: what matching uses.
    pub fingerprint: String,
    /// Kind, for people.
    #[serde(default = "default_kind")]
    pub kind: FindingKind,
    /// Rule, for people.
    #[serde(default)]
    pub rule: String,
    /// Topic, for people.
    #[serde(default)]
    pub topic: String,
    /// The claims, for people.
    #[serde(default)]
    pub claims: Vec<EntryClaim>,
    /// Why it is accepted ("known dispute, reviewed 2025-12-04"); empty until someone
    /// writes one. Kept when the baseline is rewritten.
    #[serde(default)]
    pub reason: String,
}

fn default_kind() -> FindingKind {
    FindingKind::Contradiction
}

/// A baseline file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// Always [`BASELINE_SCHEMA`].
    pub schema: String,
    /// Accepted findings, sorted by fingerprint.
    pub findings: Vec<Entry>,
}

impl Default for Baseline {
    fn default() -> Self {
        Baseline {
            schema: BASELINE_SCHEMA.into(),
            findings: vec![],
        }
    }
}

impl Baseline {
    /// Read a baseline file.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Baseline::parse(&text).map_err(|message| Error::BadFile {
            path: path.display().to_string(),
            message,
        })
    }

    /// Parse a baseline file's text.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let b: Baseline =
            serde_json::from_str(text).map_err(|e| format!("not a crosscheck baseline ({e})"))?;
        if b.schema != BASELINE_SCHEMA {
            return Err(format!(
                "schema is {:?}; this crosscheck reads {BASELINE_SCHEMA:?}",
                b.schema
            ));
        }
        Ok(b)
    }

    /// The file's text: pretty JSON, entries sorted by fingerprint, final newline.
    pub fn to_json(&self) -> String {
        let mut b = self.clone();
        b.findings.sort_by(|x, y| x.fingerprint.cmp(&y.fingerprint));
        b.findings.dedup_by(|x, y| x.fingerprint == y.fingerprint);
        let mut s = serde_json::to_string_pretty(&b).unwrap_or_default();
        s.push('\n');
        s
    }

    /// A baseline of `findings`, keeping the reasons `previous` gave for the same
    /// fingerprints.
    pub fn record<'a>(
        findings: impl IntoIterator<Item = &'a Finding>,
        index: &Index<'_>,
        previous: Option<&Baseline>,
    ) -> Baseline {
        let reasons: BTreeMap<&str, &str> = previous
            .map(|p| {
                p.findings
                    .iter()
                    .map(|e| (e.fingerprint.as_str(), e.reason.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        let mut entries: Vec<Entry> = findings
            .into_iter()
            .map(|f| {
                let fp = fingerprint(f, index);
                let claims = index
                    .evidence(f)
                    .into_iter()
                    .map(|(c, a)| EntryClaim {
                        article: c.article.to_string(),
                        path: a.path.clone(),
                        line: c.line,
                        speaker: c.speaker.name.to_string(),
                        content: c.content.clone(),
                    })
                    .collect();
                Entry {
                    reason: reasons.get(fp.as_str()).copied().unwrap_or("").to_string(),
                    fingerprint: fp,
                    kind: f.kind,
                    rule: f.rule.to_string(),
                    topic: f.topic.to_string(),
                    claims,
                }
            })
            .collect();
        entries.sort_by(|x, y| x.fingerprint.cmp(&y.fingerprint));
        entries.dedup_by(|x, y| x.fingerprint == y.fingerprint);
        Baseline {
            schema: BASELINE_SCHEMA.into(),
            findings: entries,
        }
    }

    /// The fingerprints it accepts.
    pub fn fingerprints(&self) -> BTreeSet<&str> {
        self.findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect()
    }

    /// Entries whose fingerprint is not in `current`.
    pub fn stale(&self, current: &BTreeSet<String>) -> Vec<&Entry> {
        self.findings
            .iter()
            .filter(|e| !current.contains(&e.fingerprint))
            .collect()
    }

    /// This baseline without the entries whose fingerprint is not in `current`; the
    /// number removed.
    pub fn pruned(&self, current: &BTreeSet<String>) -> (Baseline, usize) {
        let kept: Vec<Entry> = self
            .findings
            .iter()
            .filter(|e| current.contains(&e.fingerprint))
            .cloned()
            .collect();
        let removed = self.findings.len() - kept.len();
        (
            Baseline {
                schema: BASELINE_SCHEMA.into(),
                findings: kept,
            },
            removed,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_ignores_case_punctuation_and_spacing() {
        assert_eq!(
            normalise("  “The plan has 28 points,” he said. "),
            "the plan has 28 points he said"
        );
        assert_eq!(normalise("ＦＵＬＬ-width"), "full width");
        assert_eq!(normalise("Élan  vital"), "élan vital");
        assert_eq!(normalise("..."), "");
    }

    #[test]
    fn the_ascii_path_of_normalise_is_the_unicode_path() {
        let all: String = (0u8..128).map(char::from).collect();
        for s in [
            all.as_str(),
            "  The plan has 28 points, he said. ",
            "A-B_c\tD\n9z",
            "",
            "...",
            "x",
        ] {
            assert!(s.is_ascii());
            assert_eq!(normalise(s), normalise_unicode(s), "{s:?}");
        }
    }

    #[test]
    fn hex_is_lowercase_two_digits_per_byte() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }

    #[test]
    fn parse_rejects_other_schemas_and_garbage() {
        assert!(Baseline::parse("{\"schema\":\"x\",\"findings\":[]}").is_err());
        assert!(Baseline::parse("not json").is_err());
        let b = Baseline::parse(
            "{\"schema\":\"crosscheck/baseline/v1\",\"findings\":[{\"fingerprint\":\"ab\"}]}",
        )
        .unwrap();
        assert_eq!(b.findings[0].reason, "");
    }

    #[test]
    fn prune_keeps_only_current_entries() {
        let entry = |fp: &str| Entry {
            fingerprint: fp.into(),
            kind: FindingKind::Misquote,
            rule: "r".into(),
            topic: "t".into(),
            claims: vec![],
            reason: format!("reason {fp}"),
        };
        let b = Baseline {
            schema: BASELINE_SCHEMA.into(),
            findings: vec![entry("b"), entry("a")],
        };
        let current: BTreeSet<String> = ["a".to_string()].into();
        let (p, removed) = b.pruned(&current);
        assert_eq!(removed, 1);
        assert_eq!(p.findings, vec![entry("a")]);
        assert_eq!(b.stale(&current), vec![&entry("b")]);
        let text = b.to_json();
        assert!(text.find("\"a\"").unwrap() < text.find("\"b\"").unwrap());
    }
}
