//! `crosscheck eval`: score extracted claims against a gold annotation
//! (`crosscheck/gold/v1`, documented in `tests/gold/README.md` and README.md).
//!
//! Owns: reading gold files, matching predicted to gold claims (same article, content
//! token F1 >= 0.5, best pairs first), and the scores. Also scores findings against a
//! findings gold (`crosscheck/findings-gold/v1`): recall and precision per kind, a
//! prediction matching a gold finding when their (article, line) claims overlap on at
//! least two articles. Does not own: extraction or comparison.

use crate::error::{Error, Result};
use crate::model::{Claim, SpeakerKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// Token F1 at or above which a predicted claim matches a gold claim.
pub const MATCH_F1: f64 = 0.5;

/// One gold claim.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldClaim {
    /// 1-based line where the content starts.
    pub line: usize,
    /// Fullest name of the speaker in that article, or the anonymous description.
    pub speaker: String,
    /// Speaker kind.
    pub speaker_kind: SpeakerKind,
    /// The cue as written.
    #[serde(default)]
    pub cue: String,
    /// direct, indirect or mixed.
    #[serde(default)]
    pub quote: String,
    /// What is asserted.
    pub content: String,
    /// Outlet the claim is relayed through.
    #[serde(default)]
    pub cited_outlet: Option<String>,
}

/// One article's gold claims.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct GoldArticle {
    /// Its claims.
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
}

/// A gold file.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Gold {
    /// `crosscheck/gold/v1`.
    pub schema: String,
    /// By article id.
    pub articles: BTreeMap<String, GoldArticle>,
}

impl Gold {
    /// Read and check a gold file.
    pub fn read(path: &std::path::Path) -> Result<Gold> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let gold: Gold = serde_json::from_str(&text).map_err(|e| Error::BadFile {
            path: format!("{}:{}:{}", path.display(), e.line(), e.column()),
            message: e.to_string(),
        })?;
        if gold.schema != "crosscheck/gold/v1" {
            return Err(Error::BadFile {
                path: path.display().to_string(),
                message: format!(
                    "schema is {:?}; expected \"crosscheck/gold/v1\"",
                    gold.schema
                ),
            });
        }
        Ok(gold)
    }
}

/// A gold claim paired with the predicted claim that matched it.
#[derive(Clone, Debug, Serialize)]
pub struct Pair {
    /// Article id.
    pub article: String,
    /// Gold claim.
    pub gold: GoldClaim,
    /// Predicted claim id.
    pub predicted: String,
    /// Predicted speaker name.
    pub predicted_speaker: String,
    /// Predicted cited outlet.
    pub predicted_outlet: Option<String>,
    /// Content token F1.
    pub f1: f64,
    /// Speaker counted as right.
    pub speaker_ok: bool,
    /// Cited outlet counted as right.
    pub outlet_ok: bool,
}

/// The scores and the evidence behind them.
#[derive(Clone, Debug, Serialize)]
pub struct Scores {
    /// Gold claims.
    pub gold: usize,
    /// Predicted claims (in articles the gold covers).
    pub predicted: usize,
    /// Matched pairs.
    pub matched: usize,
    /// matched / gold.
    pub recall: f64,
    /// matched / predicted.
    pub precision: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// Share of matched pairs with the right speaker.
    pub speaker_accuracy: f64,
    /// Share of matched pairs with the right cited outlet (both none counts as right).
    pub outlet_accuracy: f64,
    /// Every matched pair.
    pub pairs: Vec<Pair>,
    /// Gold claims no prediction matched: (article, claim).
    pub misses: Vec<(String, GoldClaim)>,
    /// Predictions that matched no gold claim.
    pub extras: Vec<Claim>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Lowercase word tokens, ASCII-folded, punctuation dropped.
pub fn tokens(s: &str) -> Vec<String> {
    deunicode::deunicode(s)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Token F1 between two texts (bag of words).
pub fn token_f1(a: &str, b: &str) -> f64 {
    let ta = tokens(a);
    let tb = tokens(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for t in &tb {
        *counts.entry(t.as_str()).or_default() += 1;
    }
    let mut common = 0usize;
    for t in &ta {
        if let Some(n) = counts.get_mut(t.as_str()) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / ta.len() as f64;
    let r = common as f64 / tb.len() as f64;
    2.0 * p * r / (p + r)
}

fn strip_article(s: &str) -> String {
    let t = tokens(s);
    let start = usize::from(matches!(
        t.first().map(String::as_str),
        Some("the" | "a" | "an")
    ));
    t[start..].join(" ")
}

/// Whether a predicted speaker name matches the gold one: equal after folding (articles
/// dropped); for people, the same surname; for anonymous sources, the same head noun.
pub fn speaker_matches(gold: &GoldClaim, predicted: &str) -> bool {
    let g = strip_article(&gold.speaker);
    let p = strip_article(predicted);
    if g == p {
        return true;
    }
    match gold.speaker_kind {
        SpeakerKind::Person => {
            let gl = g.split(' ').next_back().unwrap_or("");
            let pl = p.split(' ').next_back().unwrap_or("");
            !gl.is_empty() && gl == pl
        }
        SpeakerKind::Anonymous => token_f1(&g, &p) >= 0.5,
        _ => g.ends_with(&p) || p.ends_with(&g),
    }
}

fn outlet_matches(
    gold: Option<&str>,
    predicted: Option<&str>,
    canonical: &dyn Fn(&str) -> String,
) -> bool {
    match (gold, predicted) {
        (None, None) => true,
        (Some(g), Some(p)) => strip_article(&canonical(g)) == strip_article(&canonical(p)),
        _ => false,
    }
}

/// Score `claims` against `gold`. Only articles the gold names are scored, and only
/// attributed claims: narrative claims (an article's own statements, for the comparer)
/// are not what a claims gold annotates. Outlet names are compared after `canonical`
/// (the outlet rules' aliases: "AP" is "Associated Press").
pub fn score(gold: &Gold, claims: &[Claim], canonical: &dyn Fn(&str) -> String) -> Scores {
    let mut pairs = Vec::new();
    let mut misses = Vec::new();
    let mut extras = Vec::new();
    let mut predicted = 0;
    let mut gold_count = 0;
    for (article, g) in &gold.articles {
        let preds: Vec<&Claim> = claims
            .iter()
            .filter(|c| &c.article == article && c.quote != crate::model::QuoteKind::Narrative)
            .collect();
        predicted += preds.len();
        gold_count += g.claims.len();
        let mut candidates = Vec::new();
        for (gi, gc) in g.claims.iter().enumerate() {
            for (pi, pc) in preds.iter().enumerate() {
                let f1 = token_f1(&gc.content, &pc.content);
                if f1 >= MATCH_F1 {
                    // Prefer higher F1, then closer lines.
                    let dist = gc.line.abs_diff(pc.line);
                    candidates.push((f1, dist, gi, pi));
                }
            }
        }
        candidates.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        let mut used_g = HashSet::new();
        let mut used_p = HashSet::new();
        for (f1, _, gi, pi) in candidates {
            if used_g.contains(&gi) || used_p.contains(&pi) {
                continue;
            }
            used_g.insert(gi);
            used_p.insert(pi);
            let gc = &g.claims[gi];
            let pc = preds[pi];
            pairs.push(Pair {
                article: article.clone(),
                gold: gc.clone(),
                predicted: pc.id.to_string(),
                predicted_speaker: pc.speaker.name.to_string(),
                predicted_outlet: pc.cited_outlet.as_deref().map(str::to_string),
                f1,
                // An outlet as the speaker is compared as outlets are ("AFP" =
                // "Agence France-Presse").
                speaker_ok: speaker_matches(gc, &pc.speaker.name)
                    || (gc.speaker_kind == SpeakerKind::Outlet
                        && outlet_matches(
                            Some(gc.speaker.as_str()),
                            Some(pc.speaker.name.as_str()),
                            canonical,
                        )),
                outlet_ok: outlet_matches(
                    gc.cited_outlet.as_deref(),
                    pc.cited_outlet.as_deref(),
                    canonical,
                ),
            });
        }
        for (gi, gc) in g.claims.iter().enumerate() {
            if !used_g.contains(&gi) {
                misses.push((article.clone(), gc.clone()));
            }
        }
        for (pi, pc) in preds.iter().enumerate() {
            if !used_p.contains(&pi) {
                extras.push((*pc).clone());
            }
        }
    }
    let matched = pairs.len();
    let recall = ratio(matched, gold_count);
    let precision = ratio(matched, predicted);
    let f1 = if recall + precision == 0.0 {
        0.0
    } else {
        2.0 * recall * precision / (recall + precision)
    };
    Scores {
        gold: gold_count,
        predicted,
        matched,
        recall,
        precision,
        f1,
        speaker_accuracy: ratio(pairs.iter().filter(|p| p.speaker_ok).count(), matched),
        outlet_accuracy: ratio(pairs.iter().filter(|p| p.outlet_ok).count(), matched),
        pairs,
        misses,
        extras,
    }
}

/// A plain-text account of `scores`: the figures, then misses, wrong speakers and extras.
pub fn render_text(s: &Scores) -> String {
    let mut out = format!(
        "claims: gold {} predicted {} matched {}\nrecall {:.3}  precision {:.3}  F1 {:.3}\nspeaker accuracy {:.3}  cited-outlet accuracy {:.3}\n",
        s.gold,
        s.predicted,
        s.matched,
        s.recall,
        s.precision,
        s.f1,
        s.speaker_accuracy,
        s.outlet_accuracy
    );
    let clip = |t: &str| crate::report::terminal_safe(&crate::report::ellipsize(t, 110));
    if !s.misses.is_empty() {
        out.push_str(&format!("\nmissed ({}):\n", s.misses.len()));
        for (a, g) in &s.misses {
            out.push_str(&format!(
                "  {a}:{} [{}] {}\n",
                g.line,
                clip(&g.speaker),
                clip(&g.content)
            ));
        }
    }
    let wrong: Vec<&Pair> = s
        .pairs
        .iter()
        .filter(|p| !p.speaker_ok || !p.outlet_ok)
        .collect();
    if !wrong.is_empty() {
        out.push_str(&format!("\nwrong speaker or outlet ({}):\n", wrong.len()));
        for p in wrong {
            out.push_str(&format!(
                "  {}:{} gold [{} via {:?}] predicted [{} via {:?}] {}\n",
                p.article,
                p.gold.line,
                clip(&p.gold.speaker),
                p.gold.cited_outlet,
                clip(&p.predicted_speaker),
                p.predicted_outlet,
                clip(&p.gold.content)
            ));
        }
    }
    if !s.extras.is_empty() {
        out.push_str(&format!("\nextra ({}):\n", s.extras.len()));
        for c in &s.extras {
            out.push_str(&format!(
                "  {}:{} [{}] {}\n",
                c.article,
                c.line,
                clip(&c.speaker.name),
                clip(&c.content)
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Findings gold (`crosscheck/findings-gold/v1`, documented in tests/gold/README.md).

/// Schema name of a claims gold file.
pub const CLAIMS_SCHEMA: &str = "crosscheck/gold/v1";
/// Schema name of a findings gold file.
pub const FINDINGS_SCHEMA: &str = "crosscheck/findings-gold/v1";

/// The `schema` of a gold file, without reading the rest of it.
pub fn schema_of(path: &std::path::Path) -> Result<String> {
    #[derive(Deserialize)]
    struct Head {
        schema: String,
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let head: Head = serde_json::from_str(&text).map_err(|e| Error::BadFile {
        path: format!("{}:{}:{}", path.display(), e.line(), e.column()),
        message: e.to_string(),
    })?;
    Ok(head.schema)
}

/// A claim in a findings gold file: the article and the line where its content starts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub struct ClaimRef {
    /// Article id (file name without extension).
    pub article: String,
    /// 1-based line.
    pub line: usize,
}

/// One hand-annotated finding.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoldFinding {
    /// A name for the finding, unique in the file ("moscow-meeting-date").
    pub id: String,
    /// Its kind.
    pub kind: crate::model::FindingKind,
    /// For contradictions and agreements: what differs or agrees (`numeric`, `date`,
    /// `place`, `polarity`, `quote`, `role`, `statement`); informative only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// What it is about.
    #[serde(default)]
    pub topic: String,
    /// The claims involved.
    pub claims: Vec<ClaimRef>,
    /// A finding annotators may reasonably disagree on: finding it is not required (no
    /// miss when absent), and a prediction matching it is not a false positive.
    #[serde(default)]
    pub optional: bool,
    /// Why it is a finding.
    #[serde(default)]
    pub note: String,
}

fn default_kinds() -> Vec<crate::model::FindingKind> {
    use crate::model::FindingKind::*;
    vec![Agreement, Contradiction, Update, Misquote, Misattribution]
}

/// A findings gold file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FindingsGold {
    /// `crosscheck/findings-gold/v1`.
    pub schema: String,
    /// The corpus folder it annotates (informative).
    #[serde(default)]
    pub corpus: String,
    /// The kinds annotated exhaustively; predictions of other kinds are not scored.
    /// Default: every kind but single-source.
    #[serde(default = "default_kinds")]
    pub kinds: Vec<crate::model::FindingKind>,
    /// The findings.
    pub findings: Vec<GoldFinding>,
}

impl FindingsGold {
    /// Read and check a findings gold file.
    pub fn read(path: &std::path::Path) -> Result<FindingsGold> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let gold: FindingsGold = serde_json::from_str(&text).map_err(|e| Error::BadFile {
            path: format!("{}:{}:{}", path.display(), e.line(), e.column()),
            message: e.to_string(),
        })?;
        let bad = |message: String| Error::BadFile {
            path: path.display().to_string(),
            message,
        };
        if gold.schema != FINDINGS_SCHEMA {
            return Err(bad(format!(
                "schema is {:?}; expected {FINDINGS_SCHEMA:?}",
                gold.schema
            )));
        }
        let mut ids = HashSet::new();
        for f in &gold.findings {
            if !ids.insert(f.id.as_str()) {
                return Err(bad(format!("finding id {:?} is used twice", f.id)));
            }
            if f.claims.len() < 2 && f.kind != crate::model::FindingKind::SingleSource {
                return Err(bad(format!("finding {:?} needs at least two claims", f.id)));
            }
        }
        Ok(gold)
    }
}

/// Recall and precision for one finding kind.
#[derive(Clone, Debug, Serialize)]
pub struct KindScore {
    /// The kind.
    pub kind: crate::model::FindingKind,
    /// Required gold findings (not optional).
    pub gold: usize,
    /// Required gold findings some prediction matched.
    pub found: usize,
    /// Predicted findings of this kind.
    pub predicted: usize,
    /// Predictions that matched a gold finding (optional ones included).
    pub correct: usize,
    /// found / gold.
    pub recall: f64,
    /// correct / predicted.
    pub precision: f64,
}

/// A predicted finding with its claims as (article, line).
#[derive(Clone, Debug, Serialize)]
pub struct PredictedFinding {
    /// The finding.
    pub finding: crate::model::Finding,
    /// Its claims' locations.
    pub claims: Vec<ClaimRef>,
}

/// Findings scores and the evidence behind them.
#[derive(Clone, Debug, Serialize)]
pub struct FindingScores {
    /// Per kind, in the order of [`crate::model::FindingKind`].
    pub kinds: Vec<KindScore>,
    /// Required gold findings over all kinds.
    pub gold: usize,
    /// Found over all kinds.
    pub found: usize,
    /// Predictions over all kinds.
    pub predicted: usize,
    /// Correct predictions over all kinds.
    pub correct: usize,
    /// found / gold.
    pub recall: f64,
    /// correct / predicted.
    pub precision: f64,
    /// (gold id, predicted finding id) for every match.
    pub matches: Vec<(String, String)>,
    /// Required gold findings nothing matched.
    pub misses: Vec<GoldFinding>,
    /// Predictions that matched no gold finding.
    pub extras: Vec<PredictedFinding>,
}

/// Whether a predicted finding (its claims at `pred`) matches a gold one: the shared
/// (article, line) pairs cover at least two articles, or every article of the gold
/// finding when it has only one.
pub fn finding_matches(gold: &[ClaimRef], pred: &[ClaimRef]) -> bool {
    let g: HashSet<&ClaimRef> = gold.iter().collect();
    let shared: HashSet<&str> = pred
        .iter()
        .filter(|c| g.contains(c))
        .map(|c| c.article.as_str())
        .collect();
    let gold_articles: HashSet<&str> = gold.iter().map(|c| c.article.as_str()).collect();
    let need = gold_articles.len().min(2);
    need > 0 && shared.len() >= need
}

/// Score predicted `findings` (over `claims`) against `gold`, for the kinds it annotates.
/// A prediction is correct when it matches some gold finding of its kind; a gold finding
/// is found when some prediction of its kind matches it.
pub fn score_findings(
    gold: &FindingsGold,
    claims: &[Claim],
    findings: &[crate::model::Finding],
) -> FindingScores {
    let locate = |f: &crate::model::Finding| -> Vec<ClaimRef> {
        let mut v: Vec<ClaimRef> = f
            .claims
            .iter()
            .filter_map(|id| claims.iter().find(|c| *c.id == **id))
            .map(|c| ClaimRef {
                article: c.article.to_string(),
                line: c.line,
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let preds: Vec<PredictedFinding> = findings
        .iter()
        .filter(|f| gold.kinds.contains(&f.kind))
        .map(|f| PredictedFinding {
            claims: locate(f),
            finding: f.clone(),
        })
        .collect();
    let mut matches = Vec::new();
    let mut found_gold: HashSet<usize> = HashSet::new();
    let mut correct_pred: HashSet<usize> = HashSet::new();
    for (pi, p) in preds.iter().enumerate() {
        for (gi, g) in gold.findings.iter().enumerate() {
            if g.kind == p.finding.kind && finding_matches(&g.claims, &p.claims) {
                matches.push((g.id.clone(), p.finding.id.clone()));
                found_gold.insert(gi);
                correct_pred.insert(pi);
            }
        }
    }
    let mut kinds = Vec::new();
    let mut all_kinds = gold.kinds.clone();
    all_kinds.sort();
    all_kinds.dedup();
    for &kind in &all_kinds {
        let req: Vec<usize> = (0..gold.findings.len())
            .filter(|&i| gold.findings[i].kind == kind && !gold.findings[i].optional)
            .collect();
        let found = req.iter().filter(|i| found_gold.contains(i)).count();
        let pk: Vec<usize> = (0..preds.len())
            .filter(|&i| preds[i].finding.kind == kind)
            .collect();
        let correct = pk.iter().filter(|i| correct_pred.contains(i)).count();
        kinds.push(KindScore {
            kind,
            gold: req.len(),
            found,
            predicted: pk.len(),
            correct,
            recall: ratio(found, req.len()),
            precision: ratio(correct, pk.len()),
        });
    }
    let gold_n: usize = kinds.iter().map(|k| k.gold).sum();
    let found: usize = kinds.iter().map(|k| k.found).sum();
    let predicted: usize = kinds.iter().map(|k| k.predicted).sum();
    let correct: usize = kinds.iter().map(|k| k.correct).sum();
    FindingScores {
        kinds,
        gold: gold_n,
        found,
        predicted,
        correct,
        recall: ratio(found, gold_n),
        precision: ratio(correct, predicted),
        matches,
        misses: gold
            .findings
            .iter()
            .enumerate()
            .filter(|(i, g)| !g.optional && !found_gold.contains(i))
            .map(|(_, g)| g.clone())
            .collect(),
        extras: preds
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !correct_pred.contains(i))
            .map(|(_, p)| p)
            .collect(),
    }
}

fn refs(v: &[ClaimRef]) -> String {
    v.iter()
        .map(|c| format!("{}:{}", c.article, c.line))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A plain-text account of findings scores: per kind, then misses and extras.
pub fn render_findings_text(s: &FindingScores) -> String {
    let mut out = format!(
        "findings: gold {} found {} predicted {} correct {}\nrecall {:.3}  precision {:.3}\n\n{:<16}{:>6}{:>7}{:>8}{:>11}{:>9}{:>11}\n",
        s.gold,
        s.found,
        s.predicted,
        s.correct,
        s.recall,
        s.precision,
        "kind",
        "gold",
        "found",
        "recall",
        "predicted",
        "correct",
        "precision"
    );
    for k in &s.kinds {
        out.push_str(&format!(
            "{:<16}{:>6}{:>7}{:>8.3}{:>11}{:>9}{:>11.3}\n",
            k.kind.as_str(),
            k.gold,
            k.found,
            k.recall,
            k.predicted,
            k.correct,
            k.precision
        ));
    }
    let clip = |t: &str| crate::report::terminal_safe(&crate::report::ellipsize(t, 90));
    if !s.misses.is_empty() {
        out.push_str(&format!("\nmissed ({}):\n", s.misses.len()));
        for g in &s.misses {
            out.push_str(&format!(
                "  [{}] {}: {} ({})\n",
                g.kind.as_str(),
                g.id,
                clip(&g.topic),
                refs(&g.claims)
            ));
        }
    }
    if !s.extras.is_empty() {
        out.push_str(&format!("\nextra ({}):\n", s.extras.len()));
        for p in &s.extras {
            out.push_str(&format!(
                "  [{}] {} {}: {} ({})\n",
                p.finding.kind.as_str(),
                p.finding.id,
                p.finding.rule,
                clip(&p.finding.topic),
                refs(&p.claims)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_f1_basics() {
        assert!((token_f1("a b c d", "a b c d") - 1.0).abs() < 1e-9);
        assert!(token_f1("a b", "c d") == 0.0);
        assert!((token_f1("a b c d", "a b") - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn speaker_matching() {
        let g = GoldClaim {
            line: 1,
            speaker: "Marco Rubio".into(),
            speaker_kind: SpeakerKind::Person,
            cue: String::new(),
            quote: String::new(),
            content: String::new(),
            cited_outlet: None,
        };
        assert!(speaker_matches(&g, "Rubio"));
        assert!(!speaker_matches(&g, "Marco Polo"));
        let a = GoldClaim {
            speaker: "source with knowledge of the call".into(),
            speaker_kind: SpeakerKind::Anonymous,
            ..g
        };
        assert!(speaker_matches(&a, "a source with knowledge of the call"));
    }

    fn r(a: &str, l: usize) -> ClaimRef {
        ClaimRef {
            article: a.into(),
            line: l,
        }
    }

    #[test]
    fn findings_match_on_two_articles() {
        let g = [r("a", 1), r("b", 2), r("c", 3)];
        assert!(finding_matches(&g, &[r("a", 1), r("b", 2)]));
        assert!(finding_matches(&g, &[r("a", 1), r("c", 3), r("d", 9)]));
        assert!(!finding_matches(&g, &[r("a", 1), r("b", 9)]));
        assert!(!finding_matches(&g, &[r("a", 1)]));
        // A gold finding within one article needs that article only.
        assert!(finding_matches(
            &[r("a", 1), r("a", 2)],
            &[r("a", 2), r("b", 5)]
        ));
    }

    #[test]
    fn narrative_claims_are_not_scored_against_a_claims_gold() {
        use crate::model::QuoteKind;
        let gold: Gold = serde_json::from_str(
            r#"{"schema": "crosscheck/gold/v1", "articles": {"a": {"claims": [
                {"line": 1, "speaker": "X", "speaker_kind": "person", "cue": "said",
                 "quote": "indirect", "content": "the talks went well"}
            ]}}}"#,
        )
        .unwrap();
        let said = crate::compare::testutil::claim(
            "a",
            1,
            "X",
            QuoteKind::Indirect,
            "the talks went well",
        );
        let own = crate::compare::testutil::claim(
            "a",
            2,
            "Alpha News",
            QuoteKind::Narrative,
            "The talks resumed in Geneva on Monday",
        );
        let s = score(&gold, &[said, own], &|o: &str| o.to_string());
        assert_eq!((s.predicted, s.matched), (1, 1));
    }

    #[test]
    fn an_outlet_speaker_is_matched_by_its_canonical_name() {
        use crate::model::QuoteKind;
        let gold: Gold = serde_json::from_str(
            r#"{"schema": "crosscheck/gold/v1", "articles": {"a": {"claims": [
                {"line": 1, "speaker": "AFP", "speaker_kind": "outlet", "cue": "reported",
                 "quote": "indirect", "content": "the mayor won by 312 votes"}
            ]}}}"#,
        )
        .unwrap();
        let mut c = crate::compare::testutil::claim(
            "a",
            1,
            "Agence France-Presse",
            QuoteKind::Indirect,
            "the mayor won by 312 votes",
        );
        c.speaker.kind = SpeakerKind::Outlet;
        let canonical = |o: &str| {
            if o == "AFP" {
                "Agence France-Presse"
            } else {
                o
            }
            .to_string()
        };
        assert!(score(&gold, &[c.clone()], &canonical).pairs[0].speaker_ok);
        // Without the alias they differ.
        assert!(!score(&gold, &[c], &|o: &str| o.to_string()).pairs[0].speaker_ok);
    }

    #[test]
    fn findings_scores_per_kind() {
        use crate::model::{Finding, FindingKind};
        let gold: FindingsGold = serde_json::from_str(
            r#"{"schema": "crosscheck/findings-gold/v1", "findings": [
                {"id": "g1", "kind": "agreement", "claims": [{"article": "a", "line": 1}, {"article": "b", "line": 1}]},
                {"id": "g2", "kind": "contradiction", "type": "numeric", "claims": [{"article": "a", "line": 2}, {"article": "b", "line": 2}]},
                {"id": "g3", "kind": "contradiction", "optional": true, "claims": [{"article": "a", "line": 3}, {"article": "c", "line": 3}]}
            ]}"#,
        )
        .unwrap();
        let claim = |id: &str, art: &str, line: usize| {
            let mut c = crate::compare::testutil::claim(
                art,
                line,
                "X",
                crate::model::QuoteKind::Indirect,
                "x",
            );
            c.id = id.into();
            c
        };
        let claims = vec![
            claim("a1", "a", 1),
            claim("b1", "b", 1),
            claim("a3", "a", 3),
            claim("c3", "c", 3),
            claim("a4", "a", 4),
            claim("c4", "c", 4),
        ];
        let f = |id: &str, kind, cl: &[&str]| Finding {
            id: id.into(),
            kind,
            topic: Default::default(),
            claims: cl.iter().map(|&s| s.into()).collect(),
            detail: Default::default(),
            rule: Default::default(),
            confidence: 1.0,
            sources: 2,
        };
        let preds = vec![
            f("p1", FindingKind::Agreement, &["a1", "b1"]),
            f("p2", FindingKind::Contradiction, &["a3", "c3"]),
            f("p3", FindingKind::Contradiction, &["a4", "c4"]),
            f("p4", FindingKind::SingleSource, &["a4"]),
        ];
        let s = score_findings(&gold, &claims, &preds);
        let k = |kind| s.kinds.iter().find(|k| k.kind == kind).unwrap();
        assert_eq!(
            (
                k(FindingKind::Agreement).recall,
                k(FindingKind::Agreement).precision
            ),
            (1.0, 1.0)
        );
        let c = k(FindingKind::Contradiction);
        assert_eq!((c.gold, c.found, c.predicted, c.correct), (1, 0, 2, 1));
        assert_eq!(s.misses.len(), 1);
        assert_eq!(s.misses[0].id, "g2");
        assert_eq!(s.extras.len(), 1);
        assert_eq!(s.extras[0].finding.id, "p3");
        assert_eq!(s.predicted, 3, "single-source is not scored");
        let t = render_findings_text(&s);
        assert!(
            t.contains("contradiction") && t.contains("missed (1)"),
            "{t}"
        );
    }
}
