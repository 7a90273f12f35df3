//! GitHub Actions workflow commands: one annotation per finding at its first claim,
//! `::error file=F,line=L,endLine=E,col=C,endColumn=K,title=T::message`, for runs that do
//! not upload SARIF. GitHub shows at most 10 errors and 10 warnings per step.
//!
//! Escaping follows GitHub's rules: in the message `%`, `\r` and `\n` are encoded; in
//! property values `:` and `,` too. Control characters and escape sequences are removed
//! first, so article text can neither end the command nor start another one.
//!
//! Owns: the annotation lines. Does not own: which findings are in scope.

use super::{Context, Index, claim_region, ellipsize, sorted_findings, terminal_safe};
use crate::model::{Finding, FindingKind};
use crate::pipeline::Corpus;

/// Encode a workflow command's message.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in strip_controls(s).chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Encode a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Control characters and escape sequences out, line breaks kept (they are encoded).
fn strip_controls(s: &str) -> String {
    s.split('\n')
        .map(terminal_safe)
        .collect::<Vec<_>>()
        .join("\n")
}

fn command(f: &Finding, ctx: &Context) -> &'static str {
    if ctx.check.is_some() {
        if ctx.fails(f) {
            return "error";
        }
        return match f.kind {
            FindingKind::Agreement | FindingKind::SingleSource => "notice",
            _ => "warning",
        };
    }
    match f.kind {
        FindingKind::Contradiction | FindingKind::Misquote | FindingKind::Misattribution => "error",
        FindingKind::Update => "warning",
        FindingKind::Agreement | FindingKind::SingleSource => "notice",
    }
}

/// One line per finding (those the baseline accepts are left out), in report order.
pub fn github(corpus: &Corpus, ctx: &Context) -> String {
    let index = Index::new(corpus);
    let mut out = String::new();
    for f in sorted_findings(corpus) {
        if ctx.state(f) == Some(crate::baseline::BaselineState::Unchanged) {
            continue;
        }
        let evidence = index.evidence(f);
        let Some(((c0, a0), rest)) = evidence.split_first() else {
            continue;
        };
        let (line, region) = claim_region(a0, c0);
        let mut props = vec![format!(
            "file={}",
            escape_property(&ctx.artifact_path(&a0.path))
        )];
        match region {
            Some(r) => {
                props.push(format!("line={}", r.start_line));
                props.push(format!("endLine={}", r.end_line));
                props.push(format!("col={}", r.start_column));
                props.push(format!("endColumn={}", r.end_column));
            }
            None => props.push(format!("line={line}")),
        }
        props.push(format!(
            "title={}",
            escape_property(&format!(
                "crosscheck {}: {}",
                f.kind.as_str(),
                ellipsize(&f.topic, 80)
            ))
        ));
        let mut msg = format!("{} said “{}”", c0.speaker.name, ellipsize(&c0.content, 200));
        for (c, a) in rest {
            msg.push_str(&format!(
                "\n{}:{} ({}): {} said “{}”",
                ctx.artifact_path(&a.path),
                c.line,
                a.meta.outlet.as_deref().unwrap_or("?"),
                c.speaker.name,
                ellipsize(&c.content, 200)
            ));
        }
        if !f.detail.is_empty() {
            msg.push_str(&format!("\n{}", f.detail));
        }
        msg.push_str(&format!("\n({} {})", f.id, f.rule));
        out.push_str(&format!(
            "::{} {}::{}\n",
            command(f, ctx),
            props.join(","),
            escape_data(&msg)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped() {
        assert_eq!(escape_data("100% a\r\nb"), "100%25 a %0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn escape_sequences_cannot_reach_the_log() {
        let s = escape_data("x\u{1b}]0;t\u{7}\n::error::fake");
        assert_eq!(s, "x%0A::error::fake");
        assert!(!s.contains('\n'));
    }
}
