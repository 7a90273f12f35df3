//! Stage 6, `report`: render a [`Corpus`] for people (terminal table, Markdown, HTML) and
//! for machines (the versioned JSON document, JSON Lines, SARIF, GitHub workflow
//! commands).
//!
//! Owns: the `crosscheck/report/v1` contract (`schemas/report-v1.schema.json`), every
//! output format, and making untrusted article text safe for each medium (control
//! characters and escape sequences out of the terminal, HTML escaped, Markdown and SARIF
//! link syntax neutralised, workflow-command syntax encoded). Does not own: deciding
//! anything about claims, or which findings fail a run (`crate::check`).
//!
//! One module per format: [`table`], [`json`] (JSON and JSON Lines), [`markdown`],
//! [`html`] (with its SVG pictures in [`svg`]), [`sarif`], [`github`] and [`csv`].

pub mod csv;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod svg;
pub mod table;

use crate::baseline::BaselineState;
use crate::model::{Article, Claim, Finding, FindingKind};
use crate::pipeline::Corpus;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use json::{ArticleEntry, FindingEntry, Report, json, jsonl};
pub use markdown::{markdown, markdown_escape};
pub use table::table;

/// The JSON report's schema name and version.
pub const SCHEMA: &str = "crosscheck/report/v1";

/// What GitHub accepts in `$GITHUB_STEP_SUMMARY`: 1 MiB.
pub const STEP_SUMMARY_LIMIT: usize = 1024 * 1024;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A table for the terminal.
    Table,
    /// The versioned JSON document (crosscheck/report/v1).
    Json,
    /// One JSON record per line: header, articles, claims, findings.
    Jsonl,
    /// GitHub-flavoured Markdown, sized for `$GITHUB_STEP_SUMMARY`.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::...`).
    Github,
    /// CSV (RFC 4180) for spreadsheets: one row per finding (per claim for `extract`).
    Csv,
}

/// How to render.
#[derive(Clone, Copy, Debug)]
pub struct RenderOptions {
    /// Use colours (table only).
    pub color: bool,
    /// Table width in columns.
    pub width: u16,
    /// Show claims rather than findings in the table (the `extract` command).
    pub claims_table: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: 100,
            claims_table: false,
        }
    }
}

/// What a `check` run decided, for the formats that show it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct CheckSummary {
    /// The finding kinds that fail the run.
    pub fail_on: Vec<FindingKind>,
    /// Findings below this confidence do not fail the run.
    pub min_confidence: f64,
    /// The baseline file, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// The git revision of `--since`, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Findings that fail the run (new ones, when there is a baseline).
    pub failing: usize,
    /// Findings in scope that the baseline accepts.
    pub baselined: usize,
    /// Baseline entries that no longer match any finding (fingerprints).
    pub stale: Vec<String>,
}

/// Everything besides the corpus that some formats show: where the repository root is,
/// and what `check` decided. The default is a plain `report`.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// Artifact paths in SARIF and GitHub annotations are made relative to this folder
    /// (the repository root); `None` leaves them as given.
    pub root: Option<PathBuf>,
    /// The current folder, against which relative article paths are resolved.
    pub cwd: Option<PathBuf>,
    /// Per finding id: new or unchanged against the baseline (only when one was given).
    pub baseline: Option<BTreeMap<String, BaselineState>>,
    /// Ids of the findings that fail the run (only in `check`).
    pub failing: Option<BTreeSet<String>>,
    /// The `check` summary.
    pub check: Option<CheckSummary>,
    /// Byte budget of the Markdown output; `None` means [`STEP_SUMMARY_LIMIT`].
    pub markdown_limit: Option<usize>,
    /// Baseline entries that match no current finding (stale): SARIF lists them as
    /// results with `baselineState: "absent"`.
    pub absent: Vec<crate::baseline::Entry>,
}

impl Context {
    /// True when finding `f` fails the run: as decided by `check`, or, in a plain report,
    /// when its kind fails runs by default.
    pub fn fails(&self, f: &Finding) -> bool {
        match &self.failing {
            Some(set) => set.contains(&f.id),
            None => default_failing(f.kind),
        }
    }

    /// The baseline state of finding `f`, when a baseline was given.
    pub fn state(&self, f: &Finding) -> Option<BaselineState> {
        self.baseline.as_ref().and_then(|m| m.get(&f.id).copied())
    }

    /// `path` (as given on the command line or found by walking) relative to the root,
    /// with `/` separators; the path as given when it is not under the root.
    pub fn artifact_path(&self, path: &str) -> String {
        relative_to_root(path, self.root.as_deref(), self.cwd.as_deref())
    }
}

/// The kinds that fail a `check` run unless `--fail-on` says otherwise.
pub const DEFAULT_FAIL_ON: &[FindingKind] = &[
    FindingKind::Contradiction,
    FindingKind::Misquote,
    FindingKind::Misattribution,
];

/// True for the kinds in [`DEFAULT_FAIL_ON`].
pub fn default_failing(kind: FindingKind) -> bool {
    DEFAULT_FAIL_ON.contains(&kind)
}

/// Every finding kind, in the order reports list them.
pub const ALL_KINDS: &[FindingKind] = &FindingKind::ALL;

/// Render `corpus` in `format` as a plain report.
pub fn render(corpus: &Corpus, format: OutputFormat, opts: RenderOptions) -> String {
    render_with(corpus, format, opts, &Context::default())
}

/// Render `corpus` in `format` with what `check` decided.
pub fn render_with(
    corpus: &Corpus,
    format: OutputFormat,
    opts: RenderOptions,
    ctx: &Context,
) -> String {
    match format {
        OutputFormat::Json => json::json_with(corpus, ctx),
        OutputFormat::Jsonl => json::jsonl_with(corpus, ctx),
        OutputFormat::Markdown => markdown::markdown_with(corpus, ctx),
        OutputFormat::Table => table::table_with(corpus, opts, ctx),
        OutputFormat::Html => html::html(corpus, ctx),
        OutputFormat::Sarif => sarif::sarif(corpus, ctx),
        OutputFormat::Github => github::github(corpus, ctx),
        OutputFormat::Csv => csv::csv(corpus, opts, ctx),
    }
}

/// Write `corpus` in `format` to `out`: the bytes of [`render_with`]. The JSON and JSON
/// Lines formats are serialised straight into `out`, record by record, so that the
/// report of a large corpus is never held whole in memory; the other formats are
/// rendered first (they are smaller, or sized for a summary).
pub fn write_with(
    corpus: &Corpus,
    format: OutputFormat,
    opts: RenderOptions,
    ctx: &Context,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => json::write_json(corpus, ctx, out),
        OutputFormat::Jsonl => json::write_jsonl(corpus, ctx, out),
        other => out.write_all(render_with(corpus, other, opts, ctx).as_bytes()),
    }
}

/// Claims and articles by id, for the formats that follow a finding to its evidence.
/// It also owns the normalised content of each claim (`baseline::normalise`), computed
/// at most once per run however many findings' fingerprints name the claim.
#[derive(Debug)]
pub struct Index<'a> {
    claims: HashMap<&'a str, (&'a Claim, OnceLock<String>)>,
    articles: HashMap<&'a str, &'a Article>,
}

impl<'a> Index<'a> {
    /// Index `corpus`.
    pub fn new(corpus: &'a Corpus) -> Self {
        Index {
            claims: corpus
                .claims
                .iter()
                .map(|c| (c.id.as_str(), (c, OnceLock::new())))
                .collect(),
            articles: corpus.articles.iter().map(|a| (a.id.as_str(), a)).collect(),
        }
    }
    /// The claim with id `id`.
    pub fn claim(&self, id: &str) -> Option<&'a Claim> {
        self.claims.get(id).map(|(c, _)| *c)
    }
    /// The claim with id `id` and its content as `baseline::normalise` gives it
    /// (computed on the first call for that claim, then kept).
    pub fn claim_normalised(&self, id: &str) -> Option<(&'a Claim, &str)> {
        let (c, norm) = self.claims.get(id)?;
        Some((
            *c,
            norm.get_or_init(|| crate::baseline::normalise(&c.content)),
        ))
    }
    /// The article with id `id`.
    pub fn article(&self, id: &str) -> Option<&'a Article> {
        self.articles.get(id).copied()
    }
    /// The claims of finding `f` that exist, with their articles, in the finding's order.
    pub fn evidence(&self, f: &Finding) -> Vec<(&'a Claim, &'a Article)> {
        f.claims
            .iter()
            .filter_map(|id| {
                let c = self.claim(id)?;
                Some((c, self.article(&c.article)?))
            })
            .collect()
    }
}

/// The findings in report order: by kind (failing kinds first), topic, then id.
pub fn sorted_findings(corpus: &Corpus) -> Vec<&Finding> {
    // Grouped by topic; topics with a contradiction first (kinds in enum order).
    let mut first_kind: BTreeMap<&str, crate::model::FindingKind> = BTreeMap::new();
    for f in &corpus.findings {
        let k = first_kind.entry(f.topic.as_str()).or_insert(f.kind);
        *k = (*k).min(f.kind);
    }
    let mut findings: Vec<&Finding> = corpus.findings.iter().collect();
    findings.sort_by(|a, b| {
        first_kind[a.topic.as_str()]
            .cmp(&first_kind[b.topic.as_str()])
            .then_with(|| a.topic.cmp(&b.topic))
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.id.cmp(&b.id))
    });
    findings
}

/// Number of claims per article id.
pub fn claim_counts(corpus: &Corpus) -> BTreeMap<&str, usize> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &corpus.claims {
        *counts.entry(c.article.as_str()).or_default() += 1;
    }
    counts
}

/// Number of findings each article takes part in, by article id.
pub fn finding_counts<'a>(corpus: &'a Corpus, index: &Index<'a>) -> BTreeMap<&'a str, usize> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &corpus.findings {
        let mut seen = BTreeSet::new();
        for id in &f.claims {
            if let Some(c) = index.claim(id) {
                if seen.insert(c.article.as_str()) {
                    *counts.entry(c.article.as_str()).or_default() += 1;
                }
            }
        }
    }
    counts
}

/// "ok" or "skipped: reason".
pub fn status_text(a: &Article) -> String {
    match a.status {
        crate::model::Status::Ok => "ok".to_string(),
        crate::model::Status::Skipped => format!(
            "skipped: {}",
            a.problems.last().map_or("", |p| p.message.as_str())
        ),
    }
}

/// The article's outlet, with the wire service it is credited to when that differs.
pub fn describe_outlet(a: &Article) -> String {
    match (&a.meta.outlet, &a.meta.wire) {
        (Some(o), Some(w)) if o != w => format!("{o} (via {w})"),
        (Some(o), _) => o.clone(),
        (None, Some(w)) => format!("? (via {w})"),
        (None, None) => "?".into(),
    }
}

/// Where a claim's content lies in its file: 1-based start line and column, end line and
/// end column (one past the last character), columns in Unicode code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// First line.
    pub start_line: usize,
    /// Column of the first character.
    pub start_column: usize,
    /// Last line.
    pub end_line: usize,
    /// Column after the last character.
    pub end_column: usize,
}

/// The region of `claim`'s content in `article`'s file. Columns are only meaningful
/// where the article's text is the file itself (not for JSONL records): `None` there.
pub fn claim_region(article: &Article, claim: &Claim) -> (usize, Option<Region>) {
    let span = claim.content_span;
    let valid = !span.is_empty()
        && span.end <= article.text.len()
        && article.text.is_char_boundary(span.start)
        && article.text.is_char_boundary(span.end);
    if !valid || article.format == crate::model::Format::Jsonl {
        return (claim.line.max(1), None);
    }
    let start_line = article.line_of(span.start);
    let start_column = article.column_of(span.start);
    // The end column is exclusive, so locate the last character and add one.
    let last = article
        .text
        .get(..span.end)
        .and_then(|s| s.char_indices().next_back())
        .map_or(span.start, |(i, _)| i);
    let end_line = article.line_of(last);
    let end_column = article.column_of(last) + 1;
    (
        start_line,
        Some(Region {
            start_line,
            start_column,
            end_line,
            end_column,
        }),
    )
}

/// `path` relative to `root` with `/` separators, when it lies under it; else `path` as
/// given (with `/` separators).
pub fn relative_to_root(path: &str, root: Option<&Path>, cwd: Option<&Path>) -> String {
    let given = path.replace('\\', "/");
    let Some(root) = root else {
        return given.trim_start_matches("./").to_string();
    };
    let p = Path::new(path);
    let absolute = if p.is_absolute() {
        p.to_path_buf()
    } else {
        match cwd {
            Some(c) => c.join(p),
            None => return given.trim_start_matches("./").to_string(),
        }
    };
    let absolute = std::fs::canonicalize(&absolute).unwrap_or_else(|_| normalise_path(&absolute));
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    match absolute.strip_prefix(&root) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => given,
    }
}

/// Remove `.` and resolve `..` components lexically.
fn normalise_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// The repository root above `dir`: the nearest folder holding `.git`.
pub fn find_repo_root(dir: &Path) -> Option<PathBuf> {
    let dir = std::fs::canonicalize(dir).ok()?;
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Remove control characters (escape sequences included) from text bound for a terminal;
/// line breaks and tabs become spaces. Bidirectional overrides are removed too, so text
/// cannot reorder what is shown around it.
pub fn terminal_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Drop the whole escape sequence: ESC [ ... final byte, ESC ] ... BEL/ST, or ESC x.
            match chars.peek() {
                Some('[') => {
                    chars.next();
                    for n in chars.by_ref() {
                        if ('@'..='~').contains(&n) {
                            break;
                        }
                    }
                }
                Some(']') | Some('P') | Some('_') | Some('^') => {
                    chars.next();
                    while let Some(n) = chars.next() {
                        if n == '\u{7}' || n == '\u{9c}' {
                            break;
                        }
                        if n == '\u{1b}' && chars.peek() == Some(&'\\') {
                            chars.next();
                            break;
                        }
                    }
                }
                _ => {
                    chars.next();
                }
            }
            continue;
        }
        if c == '\u{9b}' {
            // C1 control sequence introducer: drop through the final byte, like ESC [.
            for n in chars.by_ref() {
                if ('@'..='~').contains(&n) {
                    break;
                }
            }
            continue;
        }
        if c == '\n' || c == '\r' || c == '\t' {
            out.push(' ');
        } else if !c.is_control() && !is_bidi_control(c) {
            out.push(c);
        }
    }
    out
}

/// Bidirectional formatting characters (marks, embeddings, overrides, isolates).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Shorten `s` to at most `max` chars, ending with "…" when cut.
pub fn ellipsize(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Span};

    #[test]
    fn terminal_safe_strips_escape_sequences() {
        assert_eq!(
            terminal_safe("a\u{1b}]0;evil\u{7}b\u{1b}[2Jc\u{1b}[31md"),
            "abcd"
        );
        assert_eq!(terminal_safe("x\ny\tz\u{0}"), "x y z");
        assert_eq!(terminal_safe("bidi\u{202e}txt"), "biditxt");
        assert_eq!(terminal_safe("c1\u{9b}31mred\u{85}"), "c1red");
        assert_eq!(terminal_safe("st\u{1b}]8;;http://e\u{1b}\\link"), "stlink");
    }

    #[test]
    fn ellipsize_counts_chars() {
        assert_eq!(ellipsize("héllo", 3), "hé…");
        assert_eq!(ellipsize("hi", 3), "hi");
    }

    #[test]
    fn region_counts_code_points_and_is_end_exclusive() {
        let text = "Title\nÉlan said “go now” today.\n".to_string();
        let a = Article::new("a", "a.txt", Format::Text, text.clone());
        let start = text.find("go").unwrap();
        let end = start + "go now".len();
        let c = test_claim("a#1", "a", Span::new(start, end), 2);
        let (line, region) = claim_region(&a, &c);
        assert_eq!(line, 2);
        let r = region.unwrap();
        // "Élan said “" is 11 code points, so "go" starts at column 12.
        assert_eq!((r.start_line, r.start_column), (2, 12));
        assert_eq!((r.end_line, r.end_column), (2, 18));
    }

    #[test]
    fn region_is_lines_only_for_jsonl_and_bad_spans() {
        let mut a = Article::new("a", "a.jsonl", Format::Jsonl, "x said y".into());
        a.first_line = 4;
        let c = test_claim("a#1", "a", Span::new(0, 1), 4);
        assert_eq!(claim_region(&a, &c), (4, None));
        let b = Article::new("b", "b.txt", Format::Text, "é".into());
        let c = test_claim("b#1", "b", Span::new(1, 2), 1);
        assert_eq!(claim_region(&b, &c), (1, None));
    }

    #[test]
    fn paths_are_made_relative_to_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("news/x")).unwrap();
        std::fs::write(root.join("news/x/a b.txt"), "t").unwrap();
        let cwd = root.join("news");
        assert_eq!(
            relative_to_root("x/a b.txt", Some(root), Some(&cwd)),
            "news/x/a b.txt"
        );
        assert_eq!(
            relative_to_root("./x/a b.txt", None, Some(&cwd)),
            "x/a b.txt"
        );
        assert_eq!(
            relative_to_root("/elsewhere/z.txt", Some(root), Some(&cwd)),
            "/elsewhere/z.txt"
        );
    }

    /// A claim for tests in this module and the format modules.
    pub(crate) fn test_claim(id: &str, article: &str, span: Span, line: usize) -> Claim {
        Claim {
            id: id.into(),
            article: article.into(),
            speaker: crate::model::Speaker {
                text: "X".into(),
                name: "X".into(),
                kind: crate::model::SpeakerKind::Person,
                role: None,
                id: None,
            },
            cue: "said".into(),
            cue_class: crate::model::CueClass::Neutral,
            quote: crate::model::QuoteKind::Direct,
            content: "c".into(),
            content_span: span,
            span,
            line,
            cited_outlet: None,
            date: None,
            date_source: None,
            places: vec![],
            quantities: vec![],
            flags: vec![],
        }
    }
}
