//! GitHub-flavoured Markdown, made for `$GITHUB_STEP_SUMMARY`: a summary line, a findings
//! table, each finding's evidence in a collapsible `<details>` block, and the articles.
//!
//! It stays under a byte budget (1 MiB by default, GitHub's limit for a step summary):
//! sections are added whole while they fit, and a closing note says what was cut.
//! Article text is neutralised with [`markdown_escape`]: no HTML, links, images, emphasis
//! or table breaks can come from it.
//!
//! Owns: the Markdown layout. Does not own: which findings are in scope (`crate::check`).

use super::{
    Context, Index, STEP_SUMMARY_LIMIT, claim_counts, describe_outlet, ellipsize, sorted_findings,
    status_text, terminal_safe,
};
use crate::baseline::BaselineState;
use crate::pipeline::Corpus;

/// Escape text for a Markdown table cell or paragraph: HTML, links, emphasis and pipes are
/// neutralised, control characters removed and line breaks made spaces.
pub fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in terminal_safe(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' => out.push_str("\\|"),
            '[' | ']' | '(' | ')' | '*' | '_' | '`' | '#' | '!' | '\\' | '~' | '@' | ':' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// GitHub-flavoured Markdown of a plain report.
pub fn markdown(corpus: &Corpus) -> String {
    markdown_with(corpus, &Context::default())
}

/// Appends sections while they fit in a byte budget, counting what it had to leave out.
struct Budget {
    out: String,
    limit: usize,
    cut: bool,
}

impl Budget {
    /// Append `s` if it fits (keeping `reserve` bytes free); false when it did not fit.
    fn push(&mut self, s: &str, reserve: usize) -> bool {
        if self.cut || self.out.len() + s.len() + reserve > self.limit {
            self.cut = true;
            return false;
        }
        self.out.push_str(s);
        true
    }
}

/// Room kept for the closing note and section ends.
const RESERVE: usize = 1024;

/// GitHub-flavoured Markdown with what `check` decided, within the context's byte budget.
pub fn markdown_with(corpus: &Corpus, ctx: &Context) -> String {
    let limit = ctx.markdown_limit.unwrap_or(STEP_SUMMARY_LIMIT);
    let index = Index::new(corpus);
    let findings = sorted_findings(corpus);
    let mut head = String::from("# crosscheck report\n\n");
    head.push_str(&format!(
        "{} articles ({} skipped), {} claims, {} findings.\n\n",
        corpus.articles.len(),
        corpus.skipped(),
        corpus.claims.len(),
        corpus.findings.len()
    ));
    if let Some(check) = &ctx.check {
        let kinds: Vec<&str> = check.fail_on.iter().map(|k| k.as_str()).collect();
        head.push_str(&format!(
            "**{} finding{} fail{} the run** (failing kinds: {}; minimum confidence {}).",
            check.failing,
            if check.failing == 1 { "" } else { "s" },
            if check.failing == 1 { "s" } else { "" },
            if kinds.is_empty() {
                "none".to_string()
            } else {
                kinds.join(", ")
            },
            check.min_confidence
        ));
        if check.baseline.is_some() {
            head.push_str(&format!(
                " {} accepted by the baseline; {} stale baseline entr{}.",
                check.baselined,
                check.stale.len(),
                if check.stale.len() == 1 { "y" } else { "ies" }
            ));
        }
        if let Some(rev) = &check.since {
            head.push_str(&format!(
                " Only findings involving articles changed since `{}`.",
                markdown_escape(rev).replace('`', "")
            ));
        }
        head.push_str("\n\n");
    }
    let mut b = Budget {
        out: String::new(),
        limit: limit.max(RESERVE * 2),
        cut: false,
    };
    b.push(&head, RESERVE);

    let mut rows_shown = 0;
    let mut details_shown = 0;
    if !findings.is_empty() {
        let with_state = ctx.baseline.is_some();
        let mut header = String::from(
            "## Findings\n\n| finding | kind | topic | confidence | sources | claims |",
        );
        let mut rule = String::from("|---|---|---|---|---|---|");
        if with_state {
            header.push_str(" baseline |");
            rule.push_str("---|");
        }
        b.push(&format!("{header}\n{rule}\n"), RESERVE);
        for f in &findings {
            let claims: Vec<String> = index
                .evidence(f)
                .into_iter()
                .map(|(c, a)| markdown_escape(&format!("{}:{}", a.path, c.line)))
                .collect();
            let mut row = format!(
                "| {} | {}{} | {} | {:.2} | {} | {} |",
                markdown_escape(&f.id),
                f.kind.as_str(),
                if ctx.fails(f) && ctx.check.is_some() {
                    " ❌"
                } else {
                    ""
                },
                markdown_escape(&f.topic),
                f.confidence,
                f.sources,
                claims.join("<br>")
            );
            if with_state {
                row.push_str(match ctx.state(f) {
                    Some(BaselineState::Unchanged) => " accepted |",
                    _ => " new |",
                });
            }
            row.push('\n');
            if !b.push(&row, RESERVE) {
                break;
            }
            rows_shown += 1;
        }
        b.push("\n", RESERVE);
        b.push("## Evidence\n\n", RESERVE);
        for f in findings.iter().take(rows_shown) {
            let mut d = format!(
                "<details><summary>{} · {} · {}</summary>\n\n{}\n\n",
                markdown_escape(&f.id),
                f.kind.as_str(),
                markdown_escape(&ellipsize(&f.topic, 120)),
                markdown_escape(&f.detail.text())
            );
            for (c, a) in index.evidence(f) {
                let mut who = c.speaker.name.to_string();
                if let Some(o) = &c.cited_outlet {
                    who.push_str(&format!(" via {o}"));
                }
                d.push_str(&format!(
                    "- {}:{} ({}, {}): {} {}: “{}”\n",
                    markdown_escape(&a.path),
                    c.line,
                    markdown_escape(&describe_outlet(a)),
                    markdown_escape(a.meta.published.as_deref().unwrap_or("undated")),
                    markdown_escape(&who),
                    markdown_escape(&c.cue),
                    markdown_escape(&ellipsize(&c.content, 500))
                ));
            }
            d.push_str("\n</details>\n\n");
            if !b.push(&d, RESERVE) {
                break;
            }
            details_shown += 1;
        }
    }

    let mut articles_shown = 0;
    b.push(
        "## Articles\n\n| article | outlet | published | claims | status |\n|---|---|---|---|---|\n",
        RESERVE,
    );
    let claims = claim_counts(corpus);
    for a in &corpus.articles {
        let row = format!(
            "| {} | {} | {} | {} | {} |\n",
            markdown_escape(&a.path),
            markdown_escape(&describe_outlet(a)),
            markdown_escape(a.meta.published.as_deref().unwrap_or("?")),
            claims.get(a.id.as_str()).copied().unwrap_or(0),
            markdown_escape(&status_text(a))
        );
        if !b.push(&row, RESERVE) {
            break;
        }
        articles_shown += 1;
    }

    let mut out = b.out;
    if b.cut {
        out.push_str(&format!(
            "\n> **Cut to stay under {} bytes:** {} of {} findings in the table, {} of {} \
             evidence blocks and {} of {} articles are shown. Run `crosscheck report --format \
             html` (or json) for the whole report.\n",
            limit,
            rows_shown,
            findings.len(),
            details_shown,
            findings.len(),
            articles_shown,
            corpus.articles.len()
        ));
    }
    // Whatever happens above, never exceed the limit (a pathological limit smaller than
    // the reserve): cut at a char boundary.
    if out.len() > limit {
        let mut end = limit;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escape_neutralises_html_and_links() {
        let s = markdown_escape("<script>alert(1)</script> [x](http://e) | y ![i](u) @team");
        assert!(!s.contains('<') && !s.contains("](") && !s.contains("!["));
        assert!(s.contains("\\|"));
        assert!(s.contains("\\@team"));
        assert!(!s.contains("http://"), "{s}");
    }

    #[test]
    fn markdown_escape_removes_line_breaks_and_controls() {
        assert_eq!(markdown_escape("a\n# b\u{1b}[2J"), "a \\# b");
    }
}
