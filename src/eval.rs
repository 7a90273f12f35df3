//! `crosscheck eval`: score extracted claims against a gold annotation
//! (`crosscheck/gold/v1`, documented in `tests/gold/README.md` and README.md).
//!
//! Owns: reading gold files, matching predicted to gold claims (same article, content
//! token F1 >= 0.5, best pairs first), and the scores. Does not own: extraction.

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

/// Score `claims` against `gold`. Only articles the gold names are scored. Outlet names
/// are compared after `canonical` (the outlet rules' aliases: "AP" is "Associated Press").
pub fn score(gold: &Gold, claims: &[Claim], canonical: &dyn Fn(&str) -> String) -> Scores {
    let mut pairs = Vec::new();
    let mut misses = Vec::new();
    let mut extras = Vec::new();
    let mut predicted = 0;
    let mut gold_count = 0;
    for (article, g) in &gold.articles {
        let preds: Vec<&Claim> = claims.iter().filter(|c| &c.article == article).collect();
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
                predicted: pc.id.clone(),
                predicted_speaker: pc.speaker.name.clone(),
                predicted_outlet: pc.cited_outlet.clone(),
                f1,
                speaker_ok: speaker_matches(gc, &pc.speaker.name),
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
}
