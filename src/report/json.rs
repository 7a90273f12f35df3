//! The machine-readable report: the `crosscheck/report/v1` JSON document and its JSON
//! Lines form. `schemas/report-v1.schema.json` describes both; the tests validate real
//! output against it, so a change here is a change of contract.
//!
//! Owns: the report's shape. Does not own: the model types it embeds (`crate::model`).

use super::{CheckSummary, Context, SCHEMA, claim_counts};
use crate::baseline::{BaselineState, fingerprint};
use crate::model::{Claim, FieldSource, Finding, Problem, Status};
use crate::pipeline::Corpus;
use serde::Serialize;
use std::collections::BTreeMap;

/// One article's entry in the JSON report.
#[derive(Debug, Serialize)]
pub struct ArticleEntry<'a> {
    /// Article id.
    pub id: &'a str,
    /// Path.
    pub path: &'a str,
    /// Storage format.
    pub format: crate::model::Format,
    /// Headline.
    pub title: Option<&'a str>,
    /// Publishing outlet.
    pub outlet: Option<&'a str>,
    /// Publication date.
    pub published: Option<&'a str>,
    /// Address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// Language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'a str>,
    /// Wire service the article is credited to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wire: Option<&'a str>,
    /// Where each metadata field came from.
    pub metadata_source: &'a BTreeMap<String, FieldSource>,
    /// Ok or skipped.
    pub status: Status,
    /// Warnings and errors.
    pub problems: &'a [Problem],
    /// Number of claims.
    pub claims: usize,
}

/// One finding in the JSON report: the finding itself plus its stable fingerprint and,
/// in `check` with a baseline, whether the baseline knew it.
#[derive(Debug, Serialize)]
pub struct FindingEntry<'a> {
    /// The finding.
    #[serde(flatten)]
    pub finding: &'a Finding,
    /// Stable across runs: see [`crate::baseline::fingerprint`].
    pub fingerprint: String,
    /// `new` or `unchanged`, when a baseline was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_state: Option<BaselineState>,
}

/// The whole JSON report.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The crosscheck version that wrote it.
    pub version: &'static str,
    /// Every article given, skipped ones included.
    pub articles: Vec<ArticleEntry<'a>>,
    /// Every claim.
    pub claims: &'a [Claim],
    /// Every finding (in `check`, those in scope).
    pub findings: Vec<FindingEntry<'a>>,
    /// What `check` decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckSummary>,
}

impl<'a> Report<'a> {
    /// The report of `corpus`.
    pub fn new(corpus: &'a Corpus) -> Self {
        Report::with(corpus, &Context::default())
    }

    /// The report of `corpus` with what `check` decided.
    pub fn with(corpus: &'a Corpus, ctx: &Context) -> Self {
        let counts = claim_counts(corpus);
        let articles = corpus
            .articles
            .iter()
            .map(|a| ArticleEntry {
                id: &a.id,
                path: &a.path,
                format: a.format,
                title: a.meta.title.as_deref(),
                outlet: a.meta.outlet.as_deref(),
                published: a.meta.published.as_deref(),
                url: a.meta.url.as_deref(),
                language: a.meta.language.as_deref(),
                wire: a.meta.wire.as_deref(),
                metadata_source: &a.meta.source,
                status: a.status,
                problems: &a.problems,
                claims: counts.get(a.id.as_str()).copied().unwrap_or(0),
            })
            .collect();
        let index = super::Index::new(corpus);
        let findings = corpus
            .findings
            .iter()
            .map(|f| FindingEntry {
                finding: f,
                fingerprint: fingerprint(f, &index),
                baseline_state: ctx.state(f),
            })
            .collect();
        Report {
            schema: SCHEMA,
            version: env!("CARGO_PKG_VERSION"),
            articles,
            claims: &corpus.claims,
            findings,
            check: ctx.check.clone(),
        }
    }
}

/// The JSON document, pretty-printed, with a final newline.
pub fn json(corpus: &Corpus) -> String {
    json_with(corpus, &Context::default())
}

/// The JSON document with what `check` decided.
pub fn json_with(corpus: &Corpus, ctx: &Context) -> String {
    let mut s = serde_json::to_string_pretty(&Report::with(corpus, ctx)).unwrap_or_default();
    s.push('\n');
    s
}

/// One record per line: a header, then articles, claims, findings, and the `check`
/// summary when there is one. Each record has a `record` key naming its type.
pub fn jsonl(corpus: &Corpus) -> String {
    jsonl_with(corpus, &Context::default())
}

/// JSON Lines with what `check` decided.
pub fn jsonl_with(corpus: &Corpus, ctx: &Context) -> String {
    #[derive(Serialize)]
    struct Rec<'a, T: Serialize> {
        record: &'static str,
        #[serde(flatten)]
        value: &'a T,
    }
    #[derive(Serialize)]
    struct Header {
        schema: &'static str,
        version: &'static str,
    }
    fn line<T: Serialize>(out: &mut String, record: &'static str, value: &T) {
        out.push_str(&serde_json::to_string(&Rec { record, value }).unwrap_or_default());
        out.push('\n');
    }
    let report = Report::with(corpus, ctx);
    let mut out = String::new();
    line(
        &mut out,
        "header",
        &Header {
            schema: SCHEMA,
            version: report.version,
        },
    );
    for a in &report.articles {
        line(&mut out, "article", a);
    }
    for c in report.claims {
        line(&mut out, "claim", c);
    }
    for f in &report.findings {
        line(&mut out, "finding", f);
    }
    if let Some(check) = &report.check {
        line(&mut out, "check", check);
    }
    out
}
