//! Stage 6, `report`: render a [`Corpus`] for people (terminal table, Markdown) and for
//! machines (the versioned JSON document, JSON Lines).
//!
//! Owns: the `crosscheck/report/v1` contract, output formats and making untrusted article
//! text safe for each medium (control characters out of the terminal, Markdown/HTML
//! neutralised). Does not own: deciding anything about claims.

use crate::model::{Article, Claim, FieldSource, Finding, Problem, Status};
use crate::pipeline::Corpus;
use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use serde::Serialize;
use std::collections::BTreeMap;

/// The JSON report's schema name and version.
pub const SCHEMA: &str = "crosscheck/report/v1";

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A table for the terminal.
    Table,
    /// The versioned JSON document.
    Json,
    /// One JSON record per line: articles, claims, findings.
    Jsonl,
    /// GitHub-flavoured Markdown.
    Markdown,
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

/// The whole JSON report.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// Every article given, skipped ones included.
    pub articles: Vec<ArticleEntry<'a>>,
    /// Every claim.
    pub claims: &'a [Claim],
    /// Every finding.
    pub findings: &'a [Finding],
}

impl<'a> Report<'a> {
    /// The report of `corpus`.
    pub fn new(corpus: &'a Corpus) -> Self {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &corpus.claims {
            *counts.entry(c.article.as_str()).or_default() += 1;
        }
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
        Report {
            schema: SCHEMA,
            articles,
            claims: &corpus.claims,
            findings: &corpus.findings,
        }
    }
}

/// Render `corpus` in `format`.
pub fn render(corpus: &Corpus, format: OutputFormat, opts: RenderOptions) -> String {
    match format {
        OutputFormat::Json => json(corpus),
        OutputFormat::Jsonl => jsonl(corpus),
        OutputFormat::Markdown => markdown(corpus),
        OutputFormat::Table => table(corpus, opts),
    }
}

/// The JSON document, pretty-printed, with a final newline.
pub fn json(corpus: &Corpus) -> String {
    let mut s = serde_json::to_string_pretty(&Report::new(corpus)).unwrap_or_default();
    s.push('\n');
    s
}

/// One record per line: `{"record":"article",...}`, then claims, then findings.
pub fn jsonl(corpus: &Corpus) -> String {
    #[derive(Serialize)]
    struct Rec<'a, T: Serialize> {
        record: &'static str,
        #[serde(flatten)]
        value: &'a T,
    }
    let report = Report::new(corpus);
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!("{{\"record\":\"header\",\"schema\":\"{SCHEMA}\"}}"));
    for a in &report.articles {
        line(
            serde_json::to_string(&Rec {
                record: "article",
                value: a,
            })
            .unwrap_or_default(),
        );
    }
    for c in report.claims {
        line(
            serde_json::to_string(&Rec {
                record: "claim",
                value: c,
            })
            .unwrap_or_default(),
        );
    }
    for f in report.findings {
        line(
            serde_json::to_string(&Rec {
                record: "finding",
                value: f,
            })
            .unwrap_or_default(),
        );
    }
    out
}

/// Remove control characters (escape sequences included) from text bound for a terminal;
/// line breaks and tabs become spaces.
pub fn terminal_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Drop the whole escape sequence: ESC [ ... final byte, ESC ] ... BEL/ST, or ESC x.
            match chars.peek() {
                Some('[') => {
                    chars.next();
                    while let Some(n) = chars.next() {
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
        if c == '\n' || c == '\r' || c == '\t' {
            out.push(' ');
        } else if !c.is_control()
            && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            out.push(c);
        }
    }
    out
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

fn new_table(opts: RenderOptions) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(opts.width);
    if !opts.color {
        t.force_no_tty();
    } else {
        t.enforce_styling();
    }
    t
}

fn kind_color(kind: crate::model::FindingKind) -> Color {
    use crate::model::FindingKind::*;
    match kind {
        Contradiction => Color::Red,
        Misquote | Misattribution => Color::Magenta,
        Update => Color::Cyan,
        Agreement => Color::Green,
        SingleSource => Color::Grey,
    }
}

/// The terminal report: findings (or claims), then a per-article summary.
pub fn table(corpus: &Corpus, opts: RenderOptions) -> String {
    let mut out = String::new();
    if opts.claims_table {
        let mut t = new_table(opts);
        t.set_header(["claim", "speaker", "cue", "kind", "content"]);
        for c in &corpus.claims {
            let path = corpus.article(&c.article).map_or("", |a| a.path.as_str());
            let mut speaker = c.speaker.name.clone();
            if let Some(o) = &c.cited_outlet {
                speaker.push_str(&format!(" (via {o})"));
            }
            t.add_row([
                Cell::new(terminal_safe(&format!("{path}:{}", c.line))),
                Cell::new(terminal_safe(&speaker)),
                Cell::new(terminal_safe(&c.cue)),
                Cell::new(format!("{:?}", c.quote).to_lowercase()),
                Cell::new(terminal_safe(&ellipsize(&c.content, 300))),
            ]);
        }
        out.push_str(&format!("{t}\n"));
    } else if corpus.findings.is_empty() {
        out.push_str("No findings.\n");
    } else {
        let mut t = new_table(opts);
        t.set_header(["finding", "kind", "topic", "sources", "evidence"]);
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
        for f in findings {
            let evidence: Vec<String> = f
                .claims
                .iter()
                .filter_map(|id| corpus.claim(id))
                .map(|c| {
                    let path = corpus.article(&c.article).map_or("", |a| a.path.as_str());
                    format!(
                        "{path}:{} {}: {}",
                        c.line,
                        c.speaker.name,
                        ellipsize(&c.content, 120)
                    )
                })
                .collect();
            let mut kind = Cell::new(f.kind.as_str());
            if opts.color {
                kind = kind.fg(kind_color(f.kind));
            }
            t.add_row([
                Cell::new(&f.id),
                kind,
                Cell::new(terminal_safe(&f.topic)),
                Cell::new(f.sources.to_string()),
                Cell::new(
                    evidence
                        .iter()
                        .map(|e| terminal_safe(e))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
            ]);
        }
        out.push_str(&format!("{t}\n"));
    }
    out.push_str(&article_table(corpus, opts));
    out
}

fn article_table(corpus: &Corpus, opts: RenderOptions) -> String {
    let mut t = new_table(opts);
    t.set_header([
        "article",
        "outlet",
        "published",
        "claims",
        "findings",
        "status",
    ]);
    let mut findings: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &corpus.findings {
        let mut seen = std::collections::BTreeSet::new();
        for id in &f.claims {
            if let Some(c) = corpus.claim(id) {
                if seen.insert(c.article.as_str()) {
                    *findings.entry(c.article.as_str()).or_default() += 1;
                }
            }
        }
    }
    let mut claims: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &corpus.claims {
        *claims.entry(c.article.as_str()).or_default() += 1;
    }
    for a in &corpus.articles {
        let status = match a.status {
            Status::Ok => "ok".to_string(),
            Status::Skipped => format!(
                "skipped: {}",
                a.problems.last().map_or("", |p| p.message.as_str())
            ),
        };
        t.add_row([
            terminal_safe(&a.path),
            terminal_safe(&describe_outlet(a)),
            a.meta.published.clone().unwrap_or_else(|| "?".into()),
            claims.get(a.id.as_str()).copied().unwrap_or(0).to_string(),
            findings
                .get(a.id.as_str())
                .copied()
                .unwrap_or(0)
                .to_string(),
            terminal_safe(&status),
        ]);
    }
    format!("{t}\n")
}

fn describe_outlet(a: &Article) -> String {
    match (&a.meta.outlet, &a.meta.wire) {
        (Some(o), Some(w)) if o != w => format!("{o} (via {w})"),
        (Some(o), _) => o.clone(),
        (None, Some(w)) => format!("? (via {w})"),
        (None, None) => "?".into(),
    }
}

/// Escape text for a Markdown table cell or paragraph: HTML, links, emphasis and pipes are
/// neutralised.
pub fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in terminal_safe(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' => out.push_str("\\|"),
            '[' | ']' | '(' | ')' | '*' | '_' | '`' | '#' | '!' | '\\' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// GitHub-flavoured Markdown.
pub fn markdown(corpus: &Corpus) -> String {
    let mut out = String::from("# crosscheck report\n\n");
    out.push_str(&format!(
        "{} articles ({} skipped), {} claims, {} findings.\n\n",
        corpus.articles.len(),
        corpus.skipped(),
        corpus.claims.len(),
        corpus.findings.len()
    ));
    if !corpus.findings.is_empty() {
        out.push_str(
            "## Findings\n\n| finding | kind | topic | sources | claims |\n|---|---|---|---|---|\n",
        );
        for f in &corpus.findings {
            let claims: Vec<String> = f
                .claims
                .iter()
                .filter_map(|id| corpus.claim(id))
                .map(|c| {
                    let path = corpus.article(&c.article).map_or("", |a| a.path.as_str());
                    markdown_escape(&format!("{path}:{}", c.line))
                })
                .collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                f.id,
                f.kind.as_str(),
                markdown_escape(&f.topic),
                f.sources,
                claims.join("<br>")
            ));
        }
        out.push('\n');
    }
    out.push_str("## Articles\n\n| article | outlet | published | claims | status |\n|---|---|---|---|---|\n");
    let mut claims: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &corpus.claims {
        *claims.entry(c.article.as_str()).or_default() += 1;
    }
    for a in &corpus.articles {
        let status = match a.status {
            Status::Ok => "ok".to_string(),
            Status::Skipped => format!(
                "skipped: {}",
                a.problems.last().map_or("", |p| p.message.as_str())
            ),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            markdown_escape(&a.path),
            markdown_escape(&describe_outlet(a)),
            a.meta.published.as_deref().unwrap_or("?"),
            claims.get(a.id.as_str()).copied().unwrap_or(0),
            markdown_escape(&status)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_safe_strips_escape_sequences() {
        assert_eq!(
            terminal_safe("a\u{1b}]0;evil\u{7}b\u{1b}[2Jc\u{1b}[31md"),
            "abcd"
        );
        assert_eq!(terminal_safe("x\ny\tz\u{0}"), "x y z");
        assert_eq!(terminal_safe("bidi\u{202e}txt"), "biditxt");
    }

    #[test]
    fn markdown_escape_neutralises_html_and_links() {
        let s = markdown_escape("<script>alert(1)</script> [x](http://e) | y");
        assert!(!s.contains('<') && !s.contains("]("));
        assert!(s.contains("\\|"));
    }

    #[test]
    fn ellipsize_counts_chars() {
        assert_eq!(ellipsize("héllo", 3), "hé…");
        assert_eq!(ellipsize("hi", 3), "hi");
    }
}
