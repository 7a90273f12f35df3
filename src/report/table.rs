//! The terminal report: comfy-table tables that fit the given width, wrap long text and
//! colour findings by kind when asked to. Every piece of article text goes through
//! [`terminal_safe`] first.
//!
//! Owns: the table layout. Does not own: deciding the width or whether to colour (the
//! command line does, from `--color`, `NO_COLOR` and the terminal).

use super::{
    Context, Index, RenderOptions, claim_counts, describe_outlet, ellipsize, finding_counts,
    sorted_findings, status_text, terminal_safe,
};
use crate::baseline::BaselineState;
use crate::model::FindingKind;
use crate::pipeline::Corpus;
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, presets};

/// Keep the short columns (`columns`) unwrapped, so the long ones get the room.
fn keep_whole(t: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

fn new_table(opts: RenderOptions) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(opts.width);
    if opts.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

/// The colour a finding kind is shown in.
pub fn kind_color(kind: FindingKind) -> Color {
    match kind {
        FindingKind::Contradiction => Color::Red,
        FindingKind::Misquote | FindingKind::Misattribution => Color::Magenta,
        FindingKind::Update => Color::Cyan,
        FindingKind::Agreement => Color::Green,
        FindingKind::SingleSource => Color::Grey,
    }
}

/// The terminal report: findings (or claims), then a per-article summary.
pub fn table(corpus: &Corpus, opts: RenderOptions) -> String {
    table_with(corpus, opts, &Context::default())
}

/// The terminal report with what `check` decided: a baseline column when there is a
/// baseline, and a closing line saying how many findings fail the run.
pub fn table_with(corpus: &Corpus, opts: RenderOptions, ctx: &Context) -> String {
    let index = Index::new(corpus);
    let mut out = String::new();
    if opts.claims_table {
        let mut t = new_table(opts);
        t.set_header(["claim", "speaker", "cue", "kind", "content"]);
        for c in &corpus.claims {
            let path = index.article(&c.article).map_or("", |a| a.path.as_str());
            let mut speaker = c.speaker.name.to_string();
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
        t.set_header(["finding", "topic", "src", "evidence"]);
        for f in sorted_findings(corpus) {
            let evidence: Vec<String> = index
                .evidence(f)
                .into_iter()
                .map(|(c, a)| {
                    terminal_safe(&format!(
                        "{}:{} {}: {}",
                        a.path,
                        c.line,
                        c.speaker.name,
                        ellipsize(&c.content, 120)
                    ))
                })
                .collect();
            // Kind, id and (with a baseline) state, one per line.
            let mut first = format!("{}\n{}", f.kind.as_str(), terminal_safe(&f.id));
            if ctx.baseline.is_some() {
                first.push_str(match ctx.state(f) {
                    Some(BaselineState::Unchanged) => "\naccepted",
                    _ => "\nnew",
                });
            }
            let mut kind = Cell::new(first);
            if opts.color {
                kind = kind.fg(kind_color(f.kind));
            }
            t.add_row(vec![
                kind,
                Cell::new(terminal_safe(&f.topic)),
                Cell::new(f.sources.to_string()),
                Cell::new(evidence.join("\n")),
            ]);
        }
        let whole: &[usize] = &[0, 2];
        if let Some(c) = t.column_mut(1) {
            c.set_constraint(ColumnConstraint::UpperBoundary(
                comfy_table::Width::Percentage(30),
            ));
        }
        keep_whole(&mut t, whole);
        out.push_str(&format!("{t}\n"));
    }
    out.push_str(&article_table(corpus, opts, &index, ctx.check.is_some()));
    if let Some(check) = &ctx.check {
        out.push_str(&format!(
            "{} finding{} fail{} the run",
            check.failing,
            if check.failing == 1 { "" } else { "s" },
            if check.failing == 1 { "s" } else { "" },
        ));
        if check.baseline.is_some() {
            out.push_str(&format!(
                "; {} accepted by the baseline, {} stale baseline entr{}",
                check.baselined,
                check.stale.len(),
                if check.stale.len() == 1 { "y" } else { "ies" }
            ));
        }
        out.push_str(".\n");
    }
    out
}

/// The articles; in `check` (`only_notable`), only those in a finding or not read, with a
/// line counting the others, so a large corpus does not flood the CI log.
fn article_table(
    corpus: &Corpus,
    opts: RenderOptions,
    index: &Index<'_>,
    only_notable: bool,
) -> String {
    let mut t = new_table(opts);
    t.set_header([
        "article",
        "outlet",
        "published",
        "claims",
        "findings",
        "status",
    ]);
    let findings = finding_counts(corpus, index);
    let claims = claim_counts(corpus);
    let mut others = 0;
    for a in &corpus.articles {
        let notable = a.status != crate::model::Status::Ok
            || !a.problems.is_empty()
            || findings.contains_key(a.id.as_str());
        if only_notable && !notable {
            others += 1;
            continue;
        }
        t.add_row([
            terminal_safe(&a.path),
            terminal_safe(&describe_outlet(a)),
            terminal_safe(a.meta.published.as_deref().unwrap_or("?")),
            claims.get(a.id.as_str()).copied().unwrap_or(0).to_string(),
            findings
                .get(a.id.as_str())
                .copied()
                .unwrap_or(0)
                .to_string(),
            terminal_safe(&status_text(a)),
        ]);
    }
    let mut out = if t.row_count() > 0 {
        format!("{t}\n")
    } else {
        String::new()
    };
    if others > 0 {
        out.push_str(&format!(
            "{others} other article{} read, in no finding.\n",
            if others == 1 { "" } else { "s" }
        ));
    }
    out
}
