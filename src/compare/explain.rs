//! `crosscheck explain FINDING_ID`: one finding with the full sentences of its claims and
//! where they are (file:line), for a person deciding whether to believe it.
//!
//! Owns: looking a finding up by id (or unique prefix) and rendering it as text or JSON.
//! Does not own: producing findings.

use crate::model::{Article, Claim, Finding};
use crate::report::terminal_safe;
use serde::Serialize;

/// The finding whose id is `id` or starts with it (case-insensitive), when exactly one
/// does; otherwise a message saying why not.
pub fn lookup<'a>(findings: &'a [Finding], id: &str) -> Result<&'a Finding, String> {
    let want = id.trim().to_ascii_lowercase();
    if let Some(f) = findings.iter().find(|f| f.id.to_ascii_lowercase() == want) {
        return Ok(f);
    }
    let hits: Vec<&Finding> = findings
        .iter()
        .filter(|f| !want.is_empty() && f.id.to_ascii_lowercase().starts_with(&want))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "no finding {id:?} in these articles ({} findings; list them with `crosscheck report --format json --min-confidence 0 --single-source`)",
            findings.len()
        )),
        many => Err(format!(
            "{id:?} is the start of {} finding ids ({}); give more of it",
            many.len(),
            many.iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// One claim of an explained finding.
#[derive(Debug, Serialize)]
pub struct Evidence<'a> {
    /// `path:line`.
    pub location: String,
    /// The article's outlet, as known.
    pub outlet: Option<&'a str>,
    /// The sentence (or sentences) holding the attribution, in full.
    pub sentence: &'a str,
    /// The claim.
    pub claim: &'a Claim,
}

/// A finding with its evidence.
#[derive(Debug, Serialize)]
pub struct Explained<'a> {
    /// The finding.
    pub finding: &'a Finding,
    /// Its claims, in the finding's order.
    pub evidence: Vec<Evidence<'a>>,
}

/// Gather the evidence of `finding`.
pub fn explain<'a>(
    articles: &'a [Article],
    claims: &'a [Claim],
    finding: &'a Finding,
) -> Explained<'a> {
    let evidence = finding
        .claims
        .iter()
        .filter_map(|id| claims.iter().find(|c| *c.id == **id))
        .map(|c| {
            let article = articles.iter().find(|a| a.id == c.article);
            let sentence = article
                .map(|a| a.slice(c.span))
                .filter(|s| !s.trim().is_empty())
                .unwrap_or(c.content.as_str());
            Evidence {
                location: format!(
                    "{}:{}",
                    article.map_or(c.article.as_str(), |a| a.path.as_str()),
                    c.line
                ),
                outlet: article.and_then(|a| a.meta.outlet.as_deref()),
                sentence,
                claim: c,
            }
        })
        .collect();
    Explained { finding, evidence }
}

/// The explanation as text for a terminal.
pub fn render_text(e: &Explained) -> String {
    let f = e.finding;
    let safe = |s: &str| terminal_safe(s);
    let mut out = format!(
        "{}  {}  (rule {}, confidence {:.2}, {} independent source{})\n",
        f.id,
        f.kind.as_str(),
        safe(&f.rule),
        f.confidence,
        f.sources,
        if f.sources == 1 { "" } else { "s" }
    );
    out.push_str(&format!("topic:  {}\n", safe(&f.topic)));
    out.push_str(&format!("detail: {}\n", safe(&f.detail.text())));
    for ev in &e.evidence {
        let c = ev.claim;
        out.push('\n');
        out.push_str(&format!(
            "{}{}\n",
            safe(&ev.location),
            ev.outlet
                .map_or(String::new(), |o| format!("  ({})", safe(o)))
        ));
        let mut who = format!(
            "  {} [{}] {} \"{}\"",
            safe(&c.speaker.name),
            format!("{:?}", c.speaker.kind).to_lowercase(),
            format!("{:?}", c.quote).to_lowercase(),
            safe(&c.cue)
        );
        if let Some(o) = &c.cited_outlet {
            who.push_str(&format!(" via {}", safe(o)));
        }
        if let Some(d) = &c.date {
            who.push_str(&format!(
                "; date {}{}",
                safe(d),
                c.date_source
                    .as_deref()
                    .map_or(String::new(), |s| format!(" ({})", safe(s)))
            ));
        }
        if !c.places.is_empty() {
            let p: Vec<String> = c.places.iter().map(|p| safe(&p.text)).collect();
            who.push_str(&format!("; places {}", p.join(", ")));
        }
        out.push_str(&who);
        out.push('\n');
        out.push_str(&format!("  > {}\n", safe(ev.sentence.trim())));
    }
    out
}

/// The explanation as pretty JSON with a final newline.
pub fn render_json(e: &Explained) -> String {
    serde_json::to_string_pretty(e).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::model::{FindingKind, QuoteKind, Span};

    #[test]
    fn explains_with_full_sentences_and_locations() {
        let mut arts = vec![
            article("a", "Alpha News", None, "2025-03-01"),
            article("b", "Beta Times", None, "2025-03-01"),
        ];
        arts[0].text =
            "Headline\nThe reservoir will run dry before the end of August, Tom Berg said.".into();
        arts[0].line_starts = crate::model::line_starts(&arts[0].text);
        arts[1].text =
            "Lena Fischer said: \"The reservoir will run dry before the end of August.\"".into();
        let mut c1 = claim(
            "a",
            2,
            "Tom Berg",
            QuoteKind::Direct,
            "The reservoir will run dry before the end of August",
        );
        c1.span = Span::new(9, arts[0].text.len());
        let mut c2 = claim(
            "b",
            1,
            "Lena Fischer",
            QuoteKind::Direct,
            "The reservoir will run dry before the end of August",
        );
        c2.span = Span::new(0, arts[1].text.len());
        let claims = vec![c1, c2];
        let fs = find_all(&arts, &claims);
        let f = fs
            .iter()
            .find(|f| f.kind == FindingKind::Misattribution)
            .unwrap();
        let e = explain(&arts, &claims, f);
        let t = render_text(&e);
        assert!(t.starts_with(&f.id), "{t}");
        assert!(t.contains("a.txt:2  (Alpha News)"), "{t}");
        assert!(
            t.contains("> The reservoir will run dry before the end of August, Tom Berg said."),
            "{t}"
        );
        assert!(t.contains("b.txt:1"), "{t}");
        let j: serde_json::Value = serde_json::from_str(&render_json(&e)).unwrap();
        assert_eq!(j["evidence"].as_array().unwrap().len(), 2);
        // Prefix lookup.
        assert_eq!(lookup(&fs, &f.id[..8]).map(|x| &x.id), Ok(&f.id));
        assert!(lookup(&fs, "F-zzzz").unwrap_err().contains("no finding"));
    }
}
