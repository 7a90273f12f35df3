//! The machine-readable report: the `crosscheck/report/v1` JSON document and its JSON
//! Lines form. `schemas/report-v1.schema.json` describes both; the tests validate real
//! output against it, so a change here is a change of contract.
//!
//! Owns: the report's shape. Does not own: the model types it embeds (`crate::model`).

use super::{CheckSummary, Context, SCHEMA, claim_counts};
use crate::baseline::{BaselineState, fingerprint};
use crate::model::{Claim, FieldSource, Finding, Problem, Status};
use crate::pipeline::Corpus;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

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
        // Fingerprints (a hash over each finding's claims) on the thread pool, in order.
        let findings = corpus
            .findings
            .par_iter()
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
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and serde_json writes valid UTF-8.
    let _ = write_json(corpus, ctx, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write the JSON document (the bytes of [`json_with`]) to `out` as it is serialised,
/// without holding it whole in memory.
pub fn write_json(corpus: &Corpus, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Report::with(corpus, ctx))?;
    out.write_all(b"\n")
}

/// One record per line: a header, then articles, claims, findings, and the `check`
/// summary when there is one. Each record has a `record` key naming its type.
pub fn jsonl(corpus: &Corpus) -> String {
    jsonl_with(corpus, &Context::default())
}

/// JSON Lines with what `check` decided.
pub fn jsonl_with(corpus: &Corpus, ctx: &Context) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and serde_json writes valid UTF-8.
    let _ = write_jsonl(corpus, ctx, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write the JSON Lines form (the bytes of [`jsonl_with`]) to `out` record by record.
pub fn write_jsonl(corpus: &Corpus, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
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
    fn line<T: Serialize>(
        out: &mut dyn Write,
        record: &'static str,
        value: &T,
    ) -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, &Rec { record, value })?;
        out.write_all(b"\n")
    }
    let report = Report::with(corpus, ctx);
    line(
        out,
        "header",
        &Header {
            schema: SCHEMA,
            version: report.version,
        },
    )?;
    for a in &report.articles {
        line(out, "article", a)?;
    }
    for c in report.claims {
        line(out, "claim", c)?;
    }
    for f in &report.findings {
        line(out, "finding", f)?;
    }
    if let Some(check) = &report.check {
        line(out, "check", check)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Format, Span};

    fn corpus() -> Corpus {
        let text = "Ana Lopez said “the bridge opens in May”.\n".to_string();
        let a = Article::new("a", "a.txt", Format::Text, text);
        let b = Article::new("b", "b.txt", Format::Text, "Nothing here.\n".into());
        let c = crate::report::tests::test_claim("a#1", "a", Span::new(17, 40), 1);
        Corpus {
            articles: vec![a, b],
            claims: vec![c],
            findings: vec![],
        }
    }

    #[test]
    fn streamed_json_is_the_whole_document_serialised_at_once() {
        let corpus = corpus();
        let ctx = Context::default();
        let mut streamed = Vec::new();
        write_json(&corpus, &ctx, &mut streamed).unwrap();
        let whole = serde_json::to_string_pretty(&Report::with(&corpus, &ctx)).unwrap() + "\n";
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
    }

    #[test]
    fn streamed_jsonl_has_one_record_per_line() {
        let corpus = corpus();
        let mut streamed = Vec::new();
        write_jsonl(&corpus, &Context::default(), &mut streamed).unwrap();
        let text = String::from_utf8(streamed).unwrap();
        let records: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let kinds: Vec<&str> = records
            .iter()
            .map(|r| r["record"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["header", "article", "article", "claim"]);
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn a_failing_writer_is_reported() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        assert!(write_json(&corpus(), &Context::default(), &mut Full).is_err());
        assert!(write_jsonl(&corpus(), &Context::default(), &mut Full).is_err());
    }
}
