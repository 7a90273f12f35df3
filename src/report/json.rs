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
///
/// The bytes are those of `serde_json::to_writer_pretty` on [`Report`], but the claims,
/// findings and articles are rendered on the thread pool, a batch of entries at a time,
/// and written in order: see [`write_pretty_array`].
pub fn write_json(corpus: &Corpus, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
    let report = Report::with(corpus, ctx);
    // The fields of `Report`, in its order, as serde_json's pretty printer lays out an
    // object at the top level: `{`, each field on its own line indented one level, `}`.
    let key = |out: &mut dyn Write, first: bool, name: &str| -> std::io::Result<()> {
        out.write_all(if first { b"\n  \"" } else { b",\n  \"" })?;
        out.write_all(name.as_bytes())?;
        out.write_all(b"\": ")
    };
    out.write_all(b"{")?;
    key(out, true, "schema")?;
    write_pretty_at(out, 1, &report.schema)?;
    key(out, false, "version")?;
    write_pretty_at(out, 1, &report.version)?;
    key(out, false, "articles")?;
    write_pretty_array(out, 1, &report.articles)?;
    key(out, false, "claims")?;
    write_pretty_array(out, 1, report.claims)?;
    key(out, false, "findings")?;
    write_pretty_array(out, 1, &report.findings)?;
    if let Some(check) = &report.check {
        key(out, false, "check")?;
        write_pretty_at(out, 1, check)?;
    }
    out.write_all(b"\n}\n")
}

/// Entries of an array rendered per batch on the thread pool: enough to keep every
/// worker busy, few enough that a batch's text stays small (a few MB).
const ARRAY_BATCH: usize = 4096;
/// Entries rendered by one task.
const ARRAY_CHUNK: usize = 64;

/// `value` as serde_json's pretty printer writes it when it stands `level` levels deep
/// (two spaces a level): the same bytes that the value has inside the whole document.
fn write_pretty_at<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    level: usize,
    value: &T,
) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Pretty::at(level));
    value.serialize(&mut ser)?;
    Ok(())
}

/// The array `items` standing `level` levels deep, byte for byte as serde_json's pretty
/// printer writes it (`[]` when empty; else each entry on its own line, one level
/// deeper, separated by commas, and the `]` on a line of its own). The entries are
/// rendered in parallel, [`ARRAY_CHUNK`] to a task, and written in order, so the bytes
/// do not depend on the number of threads.
fn write_pretty_array<T: Serialize + Sync>(
    out: &mut dyn Write,
    level: usize,
    items: &[T],
) -> std::io::Result<()> {
    out.write_all(b"[")?;
    let indent = "  ".repeat(level + 1);
    let mut first = true;
    for batch in items.chunks(ARRAY_BATCH) {
        let texts: Vec<std::io::Result<Vec<u8>>> = batch
            .par_chunks(ARRAY_CHUNK)
            .map(|chunk| {
                let mut buf = Vec::new();
                for (i, item) in chunk.iter().enumerate() {
                    buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
                    buf.extend_from_slice(indent.as_bytes());
                    write_pretty_at(&mut buf, level + 1, item)?;
                }
                Ok(buf)
            })
            .collect();
        for text in texts {
            let text = text?;
            // Each chunk opens with a newline; all but the array's first follow a comma.
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            out.write_all(&text)?;
        }
    }
    if !first {
        out.write_all(b"\n")?;
        out.write_all(&indent.as_bytes()[2..])?;
    }
    out.write_all(b"]")
}

/// serde_json's `PrettyFormatter` (two-space indent) starting `level` levels deep, so
/// that a value rendered on its own has the bytes it has inside the whole document.
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn at(level: usize) -> Self {
        Pretty {
            level,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    /// An array or object opens: one level deeper, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(mark)
    }

    /// It closes: on a line of its own when it held anything.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(mark)
    }

    /// An element or key starts a new line (after a comma unless it is the first).
    fn entry<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.entry(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.entry(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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

    fn serde_pretty(corpus: &Corpus, ctx: &Context) -> String {
        serde_json::to_string_pretty(&Report::with(corpus, ctx)).unwrap() + "\n"
    }

    #[test]
    fn parallel_json_is_serde_pretty_across_batches_and_chunks() {
        let mut corpus = corpus();
        let one = corpus.claims[0].clone();
        corpus.claims = (0..ARRAY_BATCH + ARRAY_CHUNK + 3)
            .map(|i| {
                let mut c = one.clone();
                c.id = format!("a#{i}").into();
                c
            })
            .collect();
        let ctx = Context::default();
        for threads in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let text = pool.install(|| json_with(&corpus, &ctx));
            assert_eq!(text, serde_pretty(&corpus, &ctx));
        }
        corpus.claims.clear();
        corpus.articles.clear();
        assert_eq!(json_with(&corpus, &ctx), serde_pretty(&corpus, &ctx));
        assert!(json_with(&corpus, &ctx).contains("\"claims\": [],"));
    }

    #[test]
    fn parallel_json_is_serde_pretty_on_a_real_corpus_with_a_check() {
        let rules =
            crate::rules::Rules::new(crate::rules::RuleSet::load(None, true).unwrap()).unwrap();
        let corpus = crate::pipeline::run(
            &[std::path::PathBuf::from("fixtures/articles")],
            &Default::default(),
            &rules,
        )
        .unwrap();
        assert!(corpus.claims.len() > ARRAY_CHUNK && !corpus.findings.is_empty());
        let check = Context {
            check: Some(CheckSummary {
                fail_on: vec![crate::model::FindingKind::Contradiction],
                min_confidence: 0.5,
                baseline: Some("b.json".into()),
                since: None,
                failing: 2,
                baselined: 1,
                stale: vec!["x".into(), "y".into()],
            }),
            ..Default::default()
        };
        for ctx in [Context::default(), check] {
            assert_eq!(json_with(&corpus, &ctx), serde_pretty(&corpus, &ctx));
        }
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
