//! The roles family: who holds a role ("head of the Ukrainian delegation") as different
//! articles describe the speaker.
//!
//! An item is a person speaker with a role frame's words in the speaker's role (as the
//! extractor recorded it) or next to the speaker's name in the attribution ("Rustem
//! Umerov, who leads the Ukrainian delegation, said"). Items are blocked by frame and the
//! named qualifiers of the role ("Ukrainian"), which must be equal: "head of the Russian
//! delegation" is another role. The same person from two independent sources:
//! **agreement** (`role-agreement`). Different people: `role-contradiction`, with a low
//! confidence (roles are often shared or change hands), below the default threshold.

use super::text::{Tok, tokenize};
use super::{
    Ctx, Family, FamilyOut, FrameKind, Judgement, assemble, candidate_pairs, same_speaker,
};
use crate::model::{FindingKind, SpeakerKind};
use std::collections::BTreeSet;

/// Bytes of attribution text read on each side of the speaker's name.
const NEAR_NAME: usize = 90;

struct Item {
    prep: usize,
    frame: usize,
    qualifiers: BTreeSet<String>,
    display: Vec<String>,
}

/// The role text of a claim: the extractor's role, plus the attribution near the name.
fn role_texts(ctx: &Ctx, prep: usize) -> Vec<String> {
    let p = &ctx.preps[prep];
    let mut out = Vec::new();
    if let Some(r) = p
        .claim
        .speaker
        .role
        .as_deref()
        .filter(|r| !r.trim().is_empty())
    {
        out.push(r.to_string());
    }
    if let Some(a) = p.article {
        let sentence = a.slice(p.claim.span);
        let outside = sentence.replace(p.claim.content.as_str(), " \u{2026} ");
        let name = p.claim.speaker.text.trim();
        if !name.is_empty() {
            if let Some(at) = outside.find(name) {
                let mut lo = at.saturating_sub(NEAR_NAME);
                while !outside.is_char_boundary(lo) {
                    lo -= 1;
                }
                let mut hi = (at + name.len() + NEAR_NAME).min(outside.len());
                while !outside.is_char_boundary(hi) {
                    hi += 1;
                }
                // Stop at the content or a sentence end.
                let before = &outside[lo..at];
                let before = before
                    .rsplit(['\u{2026}', '.', '"', '\u{201d}'])
                    .next()
                    .unwrap_or("");
                let after = &outside[at..hi];
                let after = after
                    .split(['\u{2026}', '"', '\u{201c}'])
                    .next()
                    .unwrap_or("");
                out.push(format!("{before}{after}"));
            }
        }
    }
    out
}

struct Roles<'c, 'a> {
    ctx: &'c Ctx<'a>,
    items: Vec<Item>,
}

impl Family for Roles<'_, '_> {
    fn prep(&self, i: usize) -> usize {
        self.items[i].prep
    }
    fn value(&self, i: usize) -> String {
        self.ctx.preps[self.items[i].prep]
            .claim
            .speaker
            .name
            .clone()
    }
    fn topic(&self, items: &[usize]) -> String {
        let Some(&first) = items.first() else {
            return String::new();
        };
        let it = &self.items[first];
        let f = &self.ctx.rules.frames[it.frame];
        if it.display.is_empty() {
            f.topic.clone()
        } else {
            format!("{} ({})", f.topic, it.display.join(", "))
        }
    }
    fn agreement_rule(&self) -> &'static str {
        "role-agreement"
    }
    fn update_rule(&self) -> &'static str {
        "role-update"
    }
}

fn qualifiers(toks: &[Tok], name: &BTreeSet<String>, ctx: &Ctx) -> (BTreeSet<String>, Vec<String>) {
    let mut keys = BTreeSet::new();
    let mut display = Vec::new();
    for t in toks {
        let base = super::text::strip_possessive(&t.norm).to_string();
        if (t.cap || t.acronym)
            && !ctx.rules.lex.anchor_ignore.contains(&base)
            && !name.contains(&base)
            && keys.insert(base)
        {
            display.push(t.text.trim_end_matches("'s").to_string());
        }
    }
    (keys, display)
}

/// Compare who holds each role.
pub(crate) fn run(ctx: &Ctx) -> FamilyOut {
    let mut items = Vec::new();
    for (pi, p) in ctx.preps.iter().enumerate() {
        if p.claim.speaker.kind != SpeakerKind::Person {
            continue;
        }
        let name: BTreeSet<String> = tokenize(&p.claim.speaker.name)
            .into_iter()
            .chain(tokenize(&p.claim.speaker.text))
            .map(|t| super::text::strip_possessive(&t.norm).to_string())
            .collect();
        let mut seen = BTreeSet::new();
        for text in role_texts(ctx, pi) {
            let toks = tokenize(&text);
            for (fi, f) in ctx.rules.frames.iter().enumerate() {
                if f.kind != FrameKind::Role || seen.contains(&fi) {
                    continue;
                }
                let Some(&k) = f.hits(&toks).first() else {
                    continue;
                };
                let lo = k.saturating_sub(f.window);
                let hi = (k + f.window + 1).min(toks.len());
                let (q, display) = qualifiers(&toks[lo..hi], &name, ctx);
                seen.insert(fi);
                items.push(Item {
                    prep: pi,
                    frame: fi,
                    qualifiers: q,
                    display,
                });
            }
        }
    }
    let keyed = items.iter().enumerate().map(|(k, it)| {
        let q: Vec<&str> = it.qualifiers.iter().map(String::as_str).collect();
        (format!("{}|{}", it.frame, q.join("|")), k)
    });
    let pairs = candidate_pairs(keyed, |k| items[k].prep);
    let mut judged = Vec::new();
    for (a, b) in pairs {
        let (ia, ib) = (&items[a], &items[b]);
        let (pa, pb) = (&ctx.preps[ia.prep], &ctx.preps[ib.prep]);
        if pa.claim.article == pb.claim.article {
            continue;
        }
        let j = if same_speaker(ctx, ia.prep, ib.prep) {
            Judgement::Same(0.7)
        } else {
            Judgement::Differ {
                confidence: 0.45,
                kind: FindingKind::Contradiction,
                rule: "role-contradiction",
            }
        };
        judged.push((a, b, j));
    }
    let fam = Roles { ctx, items };
    assemble(ctx, &fam, fam.items.len(), &judged)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::compare::DEFAULT_MIN_CONFIDENCE as DEFAULT;
    use crate::model::{FindingKind, QuoteKind, Span};

    #[test]
    fn the_same_head_of_delegation_in_two_sources_agrees() {
        let mut arts = vec![
            article("a", "Alpha News", None, "2025-12-01"),
            article("b", "Beta Times", None, "2025-12-02"),
        ];
        let s1 = "The head of the Ukrainian delegation, Umerov, noted that Washington shares Kyiv's goals.";
        let s2 = "Rustem Umerov, who leads the Ukrainian delegation, said both sides discussed the results.";
        arts[0].text = s1.into();
        arts[1].text = s2.into();
        let mut c1 = claim(
            "a",
            1,
            "Rustem Umerov",
            QuoteKind::Indirect,
            "Washington shares Kyiv's goals",
        );
        c1.speaker.text = "Umerov".into();
        c1.span = Span::new(0, s1.len());
        let mut c2 = claim(
            "b",
            1,
            "Rustem Umerov",
            QuoteKind::Indirect,
            "both sides discussed the results",
        );
        c2.span = Span::new(0, s2.len());
        let f = find_all(&arts, &[c1.clone(), c2.clone()]);
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{f:#?}");
        assert_eq!(ag[0].rule, "role-agreement");
        assert_eq!(ag[0].topic, "head of the delegation (Ukrainian)");
        assert!(ag[0].confidence >= DEFAULT);

        // The head of another delegation is another role.
        let s3 = "Sergei Lavrov, who leads the Russian delegation, said both sides discussed the results.";
        arts[1].text = s3.into();
        let mut c3 = claim(
            "b",
            1,
            "Sergei Lavrov",
            QuoteKind::Indirect,
            "both sides discussed the results",
        );
        c3.span = Span::new(0, s3.len());
        let f = find_all(&arts, &[c1, c3]);
        assert!(f.iter().all(|f| !f.rule.starts_with("role-")), "{f:#?}");
    }
}
