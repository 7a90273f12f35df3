//! CSV (RFC 4180) for spreadsheets: one row per finding (or, for `extract`, one row per
//! claim), a header row first, fields separated by commas, records ended by CRLF, a field
//! quoted with `"` (inner quotes doubled) when it holds a comma, a quote, CR or LF.
//!
//! Article text is untrusted, and spreadsheets run a cell that starts with `=`, `+`, `-`,
//! `@`, tab or CR as a formula ("CSV injection"): such a cell gets a leading `'`, which
//! spreadsheets show as text. Other control characters are removed.
//!
//! Owns: the CSV layout and the formula guard. Does not own: which findings are in scope.

use super::{Context, Index, RenderOptions, sorted_findings};
use crate::pipeline::Corpus;

/// The header of the findings CSV.
pub const FINDING_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "topic",
    "confidence",
    "sources",
    "claims",
    "explanation",
    "rule",
    "fingerprint",
    "fails",
    "baseline_state",
];

/// The header of the claims CSV (`extract --format csv`).
pub const CLAIM_COLUMNS: &[&str] = &[
    "id",
    "article",
    "location",
    "speaker",
    "speaker_kind",
    "cue",
    "cue_class",
    "quote",
    "content",
    "cited_outlet",
    "date",
];

/// A cell made safe for spreadsheets: control characters other than tab, CR and LF
/// removed, then a leading `'` when the cell starts with `=`, `+`, `-`, `@`, tab or CR.
pub fn guard(cell: &str) -> String {
    let cleaned: String = cell
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\r' | '\n'))
        .filter(|c| !super::is_bidi_control(*c))
        .collect();
    match cleaned.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cleaned}"),
        _ => cleaned,
    }
}

/// One RFC 4180 field: quoted when it holds `,`, `"`, CR or LF.
pub fn field(cell: &str) -> String {
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

fn push_record<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    let row: Vec<String> = cells.iter().map(|c| field(&guard(c.as_ref()))).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

/// The CSV of `corpus`: findings (claims when `opts.claims_table`).
pub fn csv(corpus: &Corpus, opts: RenderOptions, ctx: &Context) -> String {
    if opts.claims_table {
        return claims_csv(corpus, ctx);
    }
    let index = Index::new(corpus);
    let mut out = String::new();
    push_record(&mut out, FINDING_COLUMNS);
    for f in sorted_findings(corpus) {
        let claims: Vec<String> = index
            .evidence(f)
            .into_iter()
            .map(|(c, a)| format!("{}:{}", ctx.artifact_path(&a.path), c.line))
            .collect();
        let state = ctx.state(f).map_or("", |s| match s {
            crate::baseline::BaselineState::New => "new",
            crate::baseline::BaselineState::Unchanged => "unchanged",
        });
        push_record(
            &mut out,
            &[
                f.id.clone(),
                f.kind.as_str().to_string(),
                f.topic.to_string(),
                format!("{:.2}", f.confidence),
                f.sources.to_string(),
                claims.join("; "),
                f.detail.to_string(),
                f.rule.to_string(),
                crate::baseline::fingerprint(f, &index),
                if ctx.fails(f) { "yes" } else { "no" }.to_string(),
                state.to_string(),
            ],
        );
    }
    out
}

/// The name an enum has in the JSON report.
fn name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn claims_csv(corpus: &Corpus, ctx: &Context) -> String {
    let index = Index::new(corpus);
    let mut out = String::new();
    push_record(&mut out, CLAIM_COLUMNS);
    for c in &corpus.claims {
        let path = index
            .article(&c.article)
            .map_or_else(|| c.article.to_string(), |a| ctx.artifact_path(&a.path));
        push_record(
            &mut out,
            &[
                c.id.to_string(),
                c.article.to_string(),
                format!("{path}:{}", c.line),
                c.speaker.name.to_string(),
                name(&c.speaker.kind),
                c.cue.to_string(),
                name(&c.cue_class),
                name(&c.quote),
                c.content.clone(),
                c.cited_outlet.as_deref().unwrap_or_default().to_string(),
                c.date.as_deref().unwrap_or_default().to_string(),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_a_leading_quote() {
        for s in [
            "=SUM(A1)",
            "+1",
            "-2+3",
            "@cmd",
            "\tx",
            "\r=x",
            "=HYPERLINK(\"http://e\")",
        ] {
            assert!(guard(s).starts_with('\''), "{s:?} -> {:?}", guard(s));
        }
        assert_eq!(guard("=1+1"), "'=1+1");
        assert_eq!(guard("-"), "'-");
    }

    #[test]
    fn ordinary_cells_are_left_alone() {
        for s in ["", "plain", "1.5", "a=b", " =x", "'quoted", "x-y", "é@"] {
            assert_eq!(guard(s), s);
        }
    }

    #[test]
    fn control_characters_go_but_line_breaks_stay() {
        assert_eq!(guard("a\u{1b}[31mb\u{0}c\nd"), "a[31mbc\nd");
        // A control character cannot hide a formula behind it.
        assert_eq!(guard("\u{1b}=cmd"), "'=cmd");
        assert_eq!(guard("\u{202e}=cmd"), "'=cmd");
    }

    #[test]
    fn fields_are_quoted_per_rfc_4180() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("cr\r"), "\"cr\r\"");
    }

    #[test]
    fn records_end_with_crlf_and_guard_before_quoting() {
        let mut out = String::new();
        push_record(&mut out, &["=a,b", "x"]);
        assert_eq!(out, "\"'=a,b\",x\r\n");
    }
}
