//! SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`).
//!
//! One rule per finding kind (`tool.driver.rules[]`, each with `id`, `name`,
//! `shortDescription`, `fullDescription`, `help` and a default level); one result per
//! finding: the first claim as `locations[0]` (path relative to the repository root, the
//! claim's content as the region, columns in Unicode code points as `run.columnKind`
//! declares), the other claims as `relatedLocations` linked from the message,
//! `partialFingerprints` from [`crate::baseline::fingerprint`] (stable across runs), and
//! `baselineState` when `check` was given a baseline: `new` or `unchanged` for current
//! findings, and one extra result per stale baseline entry with `baselineState: "absent"`
//! (kind `informational`, level `none`, so it raises no alert).
//!
//! Message text is untrusted article text: control characters are removed and SARIF's
//! link syntax (`[text](id)`) is escaped in it, so only crosscheck's own links are links.
//!
//! Owns: the SARIF mapping. Does not own: which findings are in scope (`crate::check`).

use super::{ALL_KINDS, Context, Index, claim_region, ellipsize, sorted_findings, terminal_safe};
use crate::baseline::{BaselineState, fingerprint};
use crate::model::{Article, Claim, Finding, FindingKind};
use crate::pipeline::Corpus;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// The schema address written in `$schema`.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// GitHub code scanning keeps at most this many results per run.
pub const MAX_RESULTS: usize = 25_000;

/// The `partialFingerprints` key crosscheck writes.
pub const FINGERPRINT_KEY: &str = "crosscheckFinding/v1";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Text {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
}

fn text(s: impl Into<String>) -> Text {
    Text {
        text: s.into(),
        markdown: None,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    precision: &'static str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    properties: ResultProperties,
}

#[derive(Serialize)]
struct ResultProperties {
    #[serde(rename = "crosscheck.id")]
    id: String,
    #[serde(rename = "crosscheck.rule")]
    rule: String,
    #[serde(rename = "crosscheck.topic")]
    topic: String,
    #[serde(rename = "crosscheck.confidence")]
    confidence: f64,
    #[serde(rename = "crosscheck.sources")]
    sources: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

impl ArtifactLocation {
    /// An article's file: relative to the repository root (`%SRCROOT%`) when it lies
    /// inside it, else an absolute `file://` URI.
    fn of(path: &str, ctx: &Context) -> Self {
        let path = ctx.artifact_path(path);
        let relative = !path.starts_with('/');
        ArtifactLocation {
            uri: if relative {
                percent_encode_path(&path)
            } else {
                format!("file://{}", percent_encode_path(&path))
            },
            uri_base_id: relative.then_some("%SRCROOT%"),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

/// Name, short description, full description and help of each kind's rule.
pub fn rule_text(kind: FindingKind) -> (&'static str, &'static str, &'static str, &'static str) {
    match kind {
        FindingKind::Contradiction => (
            "Contradiction",
            "Sources contradict each other",
            "Two or more sources attribute claims about the same thing that cannot all be true: \
             different numbers, dates, places or opposite statements.",
            "Check which source is right. If the difference is known and accepted, record it in \
             the baseline (crosscheck baseline) with a reason.",
        ),
        FindingKind::Misquote => (
            "Misquote",
            "A speaker's quote is rendered differently",
            "The same speaker's quotation appears with different words in different articles.",
            "Compare the quotations with the original statement and correct the article that \
             departs from it.",
        ),
        FindingKind::Misattribution => (
            "Misattribution",
            "One quote is credited to different speakers",
            "The same words are attributed to different speakers in different articles.",
            "Find who said it first and correct the attribution.",
        ),
        FindingKind::Update => (
            "Update",
            "A value changed over time",
            "Sources give different values for something that changed between their dates; \
             not an error, but readers should see the latest value.",
            "Make sure the later article gives the current value and says it changed.",
        ),
        FindingKind::Agreement => (
            "Agreement",
            "Independent sources agree",
            "Independent sources attribute the same claim.",
            "Nothing to do: this corroborates the claim.",
        ),
        FindingKind::SingleSource => (
            "SingleSource",
            "A claim rests on one independent source",
            "Every article carrying this claim relays the same single source (for example one \
             wire story), so repetition does not corroborate it.",
            "Look for an independent source before presenting the claim as established.",
        ),
    }
}

/// The SARIF level of a kind when nothing else decides it.
pub fn default_level(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Contradiction | FindingKind::Misquote | FindingKind::Misattribution => "error",
        FindingKind::Update => "warning",
        FindingKind::Agreement | FindingKind::SingleSource => "note",
    }
}

/// Text for a SARIF message: control characters removed, and `\`, `[` and `]` escaped so
/// that no link can come from it.
pub fn sarif_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in terminal_safe(s).chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn location(a: &Article, c: &Claim, ctx: &Context, id: Option<usize>) -> Location {
    let (line, region) = claim_region(a, c);
    let region = match region {
        Some(r) => Region {
            start_line: r.start_line,
            start_column: Some(r.start_column),
            end_line: Some(r.end_line),
            end_column: Some(r.end_column),
        },
        None => Region {
            start_line: line,
            start_column: None,
            end_line: None,
            end_column: None,
        },
    };
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation::of(&a.path, ctx),
            region,
        },
        message: id.map(|_| {
            text(sarif_text(&format!(
                "{}: {}",
                c.speaker.name,
                ellipsize(&c.content, 300)
            )))
        }),
    }
}

/// Percent-encode a path for a URI reference: unreserved characters and `/` stay.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn level(f: &Finding, ctx: &Context) -> &'static str {
    if ctx.check.is_some() {
        if ctx.fails(f) {
            return "error";
        }
        return match default_level(f.kind) {
            "error" => "warning",
            other => other,
        };
    }
    default_level(f.kind)
}

fn result(f: &Finding, index: &Index<'_>, ctx: &Context) -> Option<SarifResult> {
    let evidence = index.evidence(f);
    let (first, rest) = evidence.split_first()?;
    let (c0, a0) = first;
    let rule_index = ALL_KINDS.iter().position(|k| *k == f.kind).unwrap_or(0);
    let related: Vec<Location> = rest
        .iter()
        .enumerate()
        .map(|(i, (c, a))| location(a, c, ctx, Some(i + 1)))
        .collect();
    let mut msg = format!(
        "{}: {}. {} ({}): “{}”",
        rule_text(f.kind).1,
        sarif_text(&f.topic),
        sarif_text(&c0.speaker.name),
        sarif_text(a0.meta.outlet.as_deref().unwrap_or(&a0.path)),
        sarif_text(&ellipsize(&c0.content, 200)),
    );
    for (i, (c, a)) in rest.iter().enumerate() {
        msg.push_str(&format!(
            " — vs [{}:{}]({}) {} ({}): “{}”",
            sarif_text(&ctx.artifact_path(&a.path)),
            c.line,
            i + 1,
            sarif_text(&c.speaker.name),
            sarif_text(a.meta.outlet.as_deref().unwrap_or("?")),
            sarif_text(&ellipsize(&c.content, 200)),
        ));
    }
    if !f.detail.is_empty() {
        msg.push_str(&format!(" ({})", sarif_text(&f.detail.text())));
    }
    Some(SarifResult {
        rule_id: f.kind.as_str(),
        rule_index,
        kind: None,
        level: level(f, ctx),
        message: text(msg),
        locations: vec![location(a0, c0, ctx, None)],
        related_locations: related,
        partial_fingerprints: [(FINGERPRINT_KEY, fingerprint(f, index))].into(),
        baseline_state: ctx.state(f).map(|s| match s {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
        }),
        properties: ResultProperties {
            id: f.id.clone(),
            rule: f.rule.to_string(),
            topic: terminal_safe(&f.topic),
            confidence: f.confidence,
            sources: f.sources,
        },
    })
}

/// A baseline entry that matches no current finding, as a result with
/// `baselineState: "absent"`: `kind` `informational` and level `none` (SARIF requires level
/// `none` for any kind but `fail`), so code scanning does not raise an alert for it. Its
/// location is the entry's first claim as recorded in the baseline (when the file is still
/// there), its fingerprint the entry's.
fn absent_result(e: &crate::baseline::Entry, ctx: &Context) -> SarifResult {
    let rule_index = ALL_KINDS.iter().position(|k| *k == e.kind).unwrap_or(0);
    let loc = |c: &crate::baseline::EntryClaim, id: Option<usize>| Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation::of(&c.path, ctx),
            region: Region {
                start_line: c.line.max(1),
                start_column: None,
                end_line: None,
                end_column: None,
            },
        },
        message: id.map(|_| {
            text(sarif_text(&format!(
                "{}: {}",
                c.speaker,
                ellipsize(&c.content, 300)
            )))
        }),
    };
    let claims: Vec<&crate::baseline::EntryClaim> =
        e.claims.iter().filter(|c| !c.path.is_empty()).collect();
    let (locations, related) = match claims.split_first() {
        Some((first, rest)) => (
            vec![loc(first, None)],
            rest.iter()
                .enumerate()
                .map(|(i, c)| loc(c, Some(i + 1)))
                .collect(),
        ),
        None => (vec![], vec![]),
    };
    let mut msg = format!(
        "Baseline entry no longer matches any finding: {} ({}). Remove it with \
         `crosscheck baseline --prune`.",
        sarif_text(&e.topic),
        e.kind.as_str()
    );
    if !e.reason.is_empty() {
        msg.push_str(&format!(" Reason given: {}", sarif_text(&e.reason)));
    }
    SarifResult {
        rule_id: e.kind.as_str(),
        rule_index,
        kind: Some("informational"),
        level: "none",
        message: text(msg),
        locations,
        related_locations: related,
        partial_fingerprints: [(FINGERPRINT_KEY, e.fingerprint.clone())].into(),
        baseline_state: Some("absent"),
        properties: ResultProperties {
            id: format!("baseline:{}", e.fingerprint),
            rule: e.rule.clone(),
            topic: terminal_safe(&e.topic),
            confidence: 0.0,
            sources: e.claims.len(),
        },
    }
}

/// The SARIF log of `corpus`'s findings, pretty-printed, with a final newline.
pub fn sarif(corpus: &Corpus, ctx: &Context) -> String {
    let index = Index::new(corpus);
    let rules = ALL_KINDS
        .iter()
        .map(|&k| {
            let (name, short, full, help) = rule_text(k);
            Rule {
                id: k.as_str(),
                name,
                short_description: text(short),
                full_description: text(full),
                help: Text {
                    text: help.to_string(),
                    markdown: Some(format!("**{short}.** {help}")),
                },
                default_configuration: Configuration {
                    level: default_level(k),
                },
                properties: RuleProperties {
                    tags: vec!["news", "attribution", "crosscheck"],
                    precision: "medium",
                    problem_severity: match default_level(k) {
                        "error" => "error",
                        "warning" => "warning",
                        _ => "recommendation",
                    },
                },
            }
        })
        .collect();
    // Each result on the thread pool, gathered in order.
    let mut results: Vec<SarifResult> = sorted_findings(corpus)
        .into_par_iter()
        .filter_map(|f| result(f, &index, ctx))
        .collect();
    if ctx.baseline.is_some() {
        results.extend(ctx.absent.iter().map(|e| absent_result(e, ctx)));
    }
    let mut invocations = vec![];
    if results.len() > MAX_RESULTS {
        let total = results.len();
        // Keep the ones that fail the run first.
        results.sort_by_key(|r| match r.level {
            "error" => 0,
            "warning" => 1,
            "note" => 2,
            _ => 3,
        });
        results.truncate(MAX_RESULTS);
        invocations.push(Invocation {
            execution_successful: true,
            tool_execution_notifications: vec![Notification {
                level: "warning",
                message: text(format!(
                    "{total} findings; only the first {MAX_RESULTS} are in this log (GitHub's limit per run)."
                )),
            }],
        });
    }
    let log = Log {
        schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "crosscheck",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            invocations,
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sarif_text_escapes_link_syntax() {
        assert_eq!(sarif_text("see [x](1) \\ ok\n"), "see \\[x\\](1) \\\\ ok ");
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(percent_encode_path("news/a b#1.txt"), "news/a%20b%231.txt");
        assert_eq!(percent_encode_path("é"), "%C3%A9");
    }

    #[test]
    fn every_kind_has_a_rule_with_texts() {
        for k in ALL_KINDS {
            let (name, short, full, help) = rule_text(*k);
            assert!(!name.contains(' ') && !short.is_empty() && !full.is_empty());
            assert!(!help.is_empty());
        }
    }
}
