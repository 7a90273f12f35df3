//! The HTML report: one self-contained page (no external asset, no network), for editors.
//!
//! Findings are grouped by topic; each topic opens with its timeline, and each finding
//! shows its evidence sentences side by side with the words that differ between them
//! highlighted. A small inline script filters findings by kind and outlet. The relay graph
//! shows who is quoted through whom. Pictures are drawn by [`super::svg`].
//!
//! Safety: every piece of article text goes through [`esc`]; the page's
//! Content-Security-Policy allows no network access and only the page's own script (by
//! its hash), so even a missed escape could neither load nor run anything.
//!
//! Owns: the page. Does not own: the pictures' layout (`svg`), what findings mean.

use super::svg::{OutletColors, claim_date, esc, outlet_of, relay_graph, timeline};
use super::{
    Context, Index, claim_counts, describe_outlet, ellipsize, sorted_findings, status_text,
};
use crate::baseline::BaselineState;
use crate::model::{Article, Claim, Finding};
use crate::pipeline::Corpus;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The page's only script: filters findings by kind and outlet (preset by the address's
/// fragment, `#kind=contradiction,misquote&outlet=Name`). It never writes markup, only
/// toggles `hidden` and sets a count's text.
pub const SCRIPT: &str = r#"(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('#filters input[data-kind]'));
  var select = document.getElementById('outlet-filter');
  var count = document.getElementById('shown-count');
  function apply() {
    var kinds = {};
    boxes.forEach(function (b) { if (b.checked) { kinds[b.getAttribute('data-kind')] = true; } });
    var outlet = select ? select.value : '';
    var shown = 0;
    Array.prototype.forEach.call(document.querySelectorAll('.finding'), function (f) {
      var outlets = JSON.parse(f.getAttribute('data-outlets') || '[]');
      var ok = kinds[f.getAttribute('data-kind')] === true &&
        (outlet === '' || outlets.indexOf(outlet) >= 0);
      f.hidden = !ok;
      if (ok) { shown += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll('.topic'), function (t) {
      t.hidden = t.querySelector('.finding:not([hidden])') === null;
    });
    if (count) { count.textContent = String(shown); }
  }
  // A link can preselect filters: report.html#kind=contradiction,misquote&outlet=Name
  (location.hash || '').replace(/^#/, '').split('&').forEach(function (kv) {
    var i = kv.indexOf('=');
    if (i < 0) { return; }
    var key = kv.slice(0, i), value;
    try { value = decodeURIComponent(kv.slice(i + 1)); } catch (e) { return; }
    if (key === 'kind') {
      var want = value.split(',');
      boxes.forEach(function (b) { b.checked = want.indexOf(b.getAttribute('data-kind')) >= 0; });
    } else if (key === 'outlet' && select) {
      select.value = value;
    }
  });
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  if (select) { select.addEventListener('change', apply); }
  apply();
  document.body.setAttribute('data-ready', 'true');
})();
"#;

const STYLE: &str = r#"
:root { --fg: #1d2329; --muted: #5f6b76; --line: #d5dbe1; --bg: #fff; --card: #f7f9fb; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0 auto; max-width: 1200px; padding: 1.5rem; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; } h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
.muted, .meta { color: var(--muted); font-size: .9rem; }
#filters { position: sticky; top: 0; background: var(--bg); padding: .6rem 0; border-bottom: 1px solid var(--line);
  display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; z-index: 1; }
#filters label { white-space: nowrap; }
.topic { border-top: 2px solid var(--line); margin-top: 1.5rem; }
.finding { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; margin: .8rem 0; }
.finding > header { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.kind { font-weight: 600; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; padding: .1rem .45rem;
  border-radius: 4px; color: #fff; background: #777; }
.kind-contradiction { background: #c0392b; } .kind-misquote, .kind-misattribution { background: #8e44ad; }
.kind-update { background: #16808a; } .kind-agreement { background: #2e7d32; } .kind-single-source { background: #6d6d6d; }
.state { font-size: .8rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 .35rem; }
.evidence { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .8rem; margin-top: .6rem; }
.claim { margin: 0; background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--outlet, #999);
  border-radius: 6px; padding: .6rem .8rem; }
.claim figcaption { font-size: .85rem; color: var(--muted); }
.claim blockquote { margin: .4rem 0 0; }
.claim .content { background: #fff6d5; }
mark { background: #ffd54f; padding: 0 .1em; border-radius: 2px; }
svg { max-width: 100%; height: auto; display: block; margin: .5rem 0; }
svg text { font: 12px system-ui, sans-serif; fill: #333; }
svg .lane { stroke: #e3e7eb; } svg .axis { stroke: #999; } svg .tick { text-anchor: middle; fill: #666; }
svg .value { font-size: 11px; font-weight: 600; } svg .col-head { font-weight: 600; }
svg .contradiction { stroke: #c0392b; stroke-width: 2; stroke-dasharray: 5 4; }
svg .contradicting circle { stroke: #c0392b; stroke-width: 3; }
svg .edge { opacity: .75; } svg .edge.direct { opacity: .35; stroke-dasharray: 3 3; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; }
"#;

/// Standard base64 (for the script hash in the Content-Security-Policy).
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The Content-Security-Policy of the page: nothing from the network, the page's own
/// style, and only the script whose hash is given.
pub fn content_security_policy() -> String {
    let hash = base64(&Sha256::digest(SCRIPT.as_bytes()));
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
         script-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'"
    )
}

/// Lowercase words of letters and digits in `s`, with their byte ranges.
fn words(s: &str) -> Vec<(usize, usize, String)> {
    let mut out = vec![];
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((st, i, s[st..i].to_lowercase()));
        }
    }
    if let Some(st) = start {
        out.push((st, s.len(), s[st..].to_lowercase()));
    }
    out
}

/// `text` escaped, with each word that some other claim lacks wrapped in `<mark>`.
fn highlight(text: &str, others: &[HashSet<String>]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (s, e, w) in words(text) {
        if others.iter().any(|o| !o.contains(&w)) {
            out.push_str(&esc(&text[at..s]));
            out.push_str("<mark>");
            out.push_str(&esc(&text[s..e]));
            out.push_str("</mark>");
            at = e;
        }
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// The words of a claim used for comparing: those under its content span, or its content.
fn content_text<'a>(c: &'a Claim, a: &'a Article) -> &'a str {
    let s = a.slice(c.content_span);
    if s.trim().is_empty() { &c.content } else { s }
}

/// One finding as an `<article>` card.
fn finding_card(f: &Finding, index: &Index<'_>, colors: &OutletColors, ctx: &Context) -> String {
    let evidence = index.evidence(f);
    let mut outlets = BTreeSet::new();
    for (c, a) in &evidence {
        outlets.insert(outlet_of(a).to_string());
        if let Some(o) = &c.cited_outlet {
            outlets.insert(o.to_string());
        }
    }
    let outlets_json = serde_json::to_string(&outlets).unwrap_or_else(|_| "[]".into());
    let state = match ctx.state(f) {
        Some(BaselineState::Unchanged) => "<span class=\"state\">accepted in baseline</span>",
        Some(BaselineState::New) => "<span class=\"state\">new</span>",
        None => "",
    };
    let fails = if ctx.check.is_some() && ctx.fails(f) {
        "<span class=\"state\">fails the run</span>"
    } else {
        ""
    };
    let mut s = format!(
        "<article class=\"finding\" id=\"{}\" data-kind=\"{}\" data-outlets=\"{}\">\
         <header><span class=\"kind kind-{}\">{}</span>{state}{fails}<strong>{}</strong>\
         <span class=\"meta\">confidence {:.2} · {} independent source{} · rule {} · {}</span></header>\
         <div class=\"evidence\">",
        esc(&f.id),
        f.kind.as_str(),
        esc(&outlets_json),
        f.kind.as_str(),
        f.kind.as_str(),
        esc(&f.detail.text()),
        f.confidence,
        f.sources,
        if f.sources == 1 { "" } else { "s" },
        esc(&f.rule),
        esc(&f.id),
    );
    let sets: Vec<HashSet<String>> = evidence
        .iter()
        .map(|(c, a)| words(content_text(c, a)).into_iter().map(|w| w.2).collect())
        .collect();
    for (i, (c, a)) in evidence.iter().enumerate() {
        let others: Vec<HashSet<String>> = sets
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, s)| s.clone())
            .collect();
        let sentence = a.slice(c.span);
        let inside = c.span.contains(c.content_span)
            && !a.slice(c.content_span).is_empty()
            && !sentence.is_empty();
        let quote = if inside {
            let before = a.text.get(c.span.start..c.content_span.start).unwrap_or("");
            let after = a.text.get(c.content_span.end..c.span.end).unwrap_or("");
            format!(
                "{}<span class=\"content\">{}</span>{}",
                esc(&ellipsize(before, 600)),
                highlight(a.slice(c.content_span), &others),
                esc(&ellipsize(after, 600))
            )
        } else {
            format!(
                "<span class=\"content\">{}</span>",
                highlight(&c.content, &others)
            )
        };
        let mut who = c.speaker.name.to_string();
        if let Some(r) = &c.speaker.role {
            who = format!("{r} {who}");
        }
        let via = c
            .cited_outlet
            .as_deref()
            .map(|o| format!(" · via {}", esc(o)))
            .unwrap_or_default();
        s.push_str(&format!(
            "<figure class=\"claim\" style=\"--outlet: {}\"><figcaption><strong>{}</strong>{via} · {} · \
             <code>{}:{}</code></figcaption><div><strong>{}</strong> <em>{}</em></div>\
             <blockquote>{quote}</blockquote></figure>",
            colors.color(outlet_of(a)),
            esc(&describe_outlet(a)),
            esc(claim_date(c, a).unwrap_or("undated")),
            esc(&a.path),
            c.line,
            esc(&who),
            esc(&c.cue),
        ));
    }
    s.push_str("</div></article>");
    s
}

/// The HTML page.
pub fn html(corpus: &Corpus, ctx: &Context) -> String {
    let index = Index::new(corpus);
    let colors = OutletColors::new(corpus);
    let findings = sorted_findings(corpus);
    let mut by_topic: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &findings {
        by_topic.entry(f.topic.as_str()).or_default().push(f);
    }
    let mut kinds: BTreeMap<crate::model::FindingKind, usize> = BTreeMap::new();
    let mut outlets: BTreeSet<String> = BTreeSet::new();
    for f in &findings {
        *kinds.entry(f.kind).or_default() += 1;
        for (c, a) in index.evidence(f) {
            outlets.insert(outlet_of(a).to_string());
            if let Some(o) = &c.cited_outlet {
                outlets.insert(o.to_string());
            }
        }
    }

    let mut h = String::with_capacity(64 * 1024);
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"crosscheck {}\">\
         <title>crosscheck report</title><style>{STYLE}</style></head><body>\n",
        esc(&content_security_policy()),
        env!("CARGO_PKG_VERSION")
    ));
    h.push_str(&format!(
        "<header><h1>crosscheck report</h1><p class=\"muted\" id=\"summary\">{} articles ({} skipped), \
         {} claims, {} findings.</p>",
        corpus.articles.len(),
        corpus.skipped(),
        corpus.claims.len(),
        corpus.findings.len()
    ));
    if let Some(check) = &ctx.check {
        h.push_str(&format!(
            "<p id=\"check\"><strong>{} finding{} fail{} the run</strong>{}</p>",
            check.failing,
            if check.failing == 1 { "" } else { "s" },
            if check.failing == 1 { "s" } else { "" },
            if check.baseline.is_some() {
                format!(
                    "; {} accepted by the baseline, {} stale baseline entries",
                    check.baselined,
                    check.stale.len()
                )
            } else {
                String::new()
            }
        ));
    }
    h.push_str("</header>\n");

    // Filters.
    if !findings.is_empty() {
        h.push_str("<nav id=\"filters\" aria-label=\"Filters\"><span>Show:</span>");
        for (kind, n) in &kinds {
            h.push_str(&format!(
                "<label><input type=\"checkbox\" data-kind=\"{k}\" checked> \
                 <span class=\"kind kind-{k}\">{k}</span> {n}</label>",
                k = kind.as_str()
            ));
        }
        h.push_str(
            "<label>Outlet <select id=\"outlet-filter\"><option value=\"\">all outlets</option>",
        );
        for o in &outlets {
            h.push_str(&format!(
                "<option value=\"{}\">{}</option>",
                esc(o),
                esc(&ellipsize(o, 60))
            ));
        }
        h.push_str(&format!(
            "</select></label><span class=\"muted\"><span id=\"shown-count\">{}</span> shown</span></nav>\n",
            findings.len()
        ));
    }

    // Findings by topic.
    h.push_str("<main id=\"findings\">");
    if findings.is_empty() {
        h.push_str("<p id=\"no-findings\">No findings.</p>");
    }
    for (topic, list) in &by_topic {
        let pairs: Vec<(crate::model::FindingKind, &crate::model::ClaimIds)> =
            list.iter().map(|f| (f.kind, &f.claims)).collect();
        h.push_str(&format!(
            "<section class=\"topic\"><h2>{}</h2>{}",
            esc(topic),
            timeline(&pairs, &index, &colors)
        ));
        for f in list {
            h.push_str(&finding_card(f, &index, &colors, ctx));
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n");

    // Relay graph.
    let (graph, shared) = relay_graph(corpus, &index, &colors);
    h.push_str("<section id=\"relay\"><h2>Who is quoted through whom</h2>\
        <p class=\"muted\">Publishing outlet → the outlet a claim is relayed through (cited, or the wire \
        service the article is credited to) → speaker. Faint dashed lines: claims the outlet reports itself.</p>");
    h.push_str(&graph);
    if !shared.is_empty() {
        h.push_str("<ul class=\"shared\">");
        for (relay, n) in &shared {
            h.push_str(&format!(
                "<li><strong>{}</strong> is relayed by {n} outlets: their claims from it are one source, not {n}.</li>",
                esc(relay)
            ));
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>\n");

    // Articles.
    let claims = claim_counts(corpus);
    h.push_str(
        "<section id=\"articles\"><h2>Articles</h2><table><thead><tr><th>article</th><th>title</th>\
        <th>outlet</th><th>published</th><th>claims</th><th>status</th></tr></thead><tbody>",
    );
    for a in &corpus.articles {
        h.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&a.path),
            esc(a.meta.title.as_deref().unwrap_or("")),
            esc(&describe_outlet(a)),
            esc(a.meta.published.as_deref().unwrap_or("?")),
            claims.get(a.id.as_str()).copied().unwrap_or(0),
            esc(&status_text(a))
        ));
    }
    h.push_str("</tbody></table></section>\n");
    h.push_str(&format!("<script>{SCRIPT}</script>\n</body></html>\n"));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn highlight_marks_words_the_other_claim_lacks() {
        let other: HashSet<String> = ["the", "plan", "has", "28", "points"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            highlight("The plan has 20 points", &[other]),
            "The plan has <mark>20</mark> points"
        );
    }

    #[test]
    fn highlight_escapes_what_it_does_not_mark() {
        let other: HashSet<String> = ["script"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            highlight("<script>x", &[other]),
            "&lt;script&gt;<mark>x</mark>"
        );
    }
}
