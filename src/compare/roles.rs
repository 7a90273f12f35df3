//! The roles family: who holds a role ("head of the Ukrainian delegation") as different
//! articles describe it.
//!
//! Two kinds of item. A **speaker** item: a person speaker with a role frame's words in
//! the speaker's role (as the extractor recorded it) or next to the speaker's name in the
//! attribution ("Rustem Umerov, who leads the Ukrainian delegation, said"). A **content**
//! item: a role phrase inside what a claim says, with the names that hold it written
//! right before its verb or noun ("Umerov and Hnatov led the Ukrainian delegation",
//! "Umerov, who leads the delegation") or right after it ("the head of the delegation,
//! Umerov,"); an article's own sentences (narrative claims) give most of these.
//!
//! Items are blocked by frame and the named qualifiers of the role, read from the noun
//! phrase that ends in the frame's keyword ("the *Ukrainian* delegation"), which must be
//! equal: "head of the Russian delegation" is another role. The same holder from two
//! independent sources: **agreement** (`role-agreement`). Different holders:
//! `role-contradiction`, with a low confidence (roles are often shared or change hands),
//! below the default threshold.

use super::text::{Tok, tokenize};
use super::{
    Ctx, Family, FamilyOut, FrameKind, Judged, Judgement, assemble, candidate_pairs, same_speaker,
};
use crate::model::{FindingKind, SpeakerKind};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// Bytes of attribution text read on each side of the speaker's name.
const NEAR_NAME: usize = 90;

struct Item {
    prep: usize,
    frame: usize,
    qualifiers: BTreeSet<String>,
    display: Vec<String>,
    /// Anchor keys of who holds the role; for a speaker item, the speaker's.
    holders: BTreeSet<String>,
    /// A speaker item (the holder is the claim's speaker).
    speaker: bool,
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
            .to_string()
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

/// Words that open the noun phrase of a role: the qualifiers lie between them and the
/// keyword ("head of *the* Ukrainian delegation").
fn opens_phrase(norm: &str) -> bool {
    matches!(
        norm,
        "the"
            | "a"
            | "an"
            | "of"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "this"
            | "that"
            | "who"
            | "which"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "and"
            | "or"
    )
}

/// The named qualifiers of the role whose keyword is at `k`: capitalised words of the
/// noun phrase that ends there ("the Ukrainian delegation" -> Ukrainian, "Kyiv's
/// negotiating team" -> Kyiv), not the holder's own name.
fn qualifiers(
    src: &str,
    toks: &[Tok],
    k: usize,
    window: usize,
    name: &BTreeSet<String>,
    ctx: &Ctx,
) -> (BTreeSet<String>, Vec<String>) {
    let mut keys = BTreeSet::new();
    let mut display = Vec::new();
    let lo = k.saturating_sub(window);
    let mut i = k;
    while i > lo {
        let t = &toks[i - 1];
        if opens_phrase(&t.norm) || toks[i].breaks {
            break;
        }
        let base = super::text::strip_possessive(&t.norm).to_string();
        if (t.cap || t.acronym)
            && !ctx.rules.lex.anchor_ignore.contains(&base)
            && !name.contains(&base)
            && keys.insert(base)
        {
            display.insert(0, t.text(src).trim_end_matches("'s").to_string());
        }
        i -= 1;
    }
    (keys, display)
}

/// Positions of the names that hold a role whose phrase spans tokens `lo..=hi` (its
/// keyword and its verb or noun). When the verb or noun comes first ("Umerov and Hnatov
/// *led* the delegation", "Umerov, who *leads* the delegation", "the *head* of the
/// delegation, Umerov"), the run of capitalised words, "and" and "who" right before it;
/// in every case the run of capitalised words right after the phrase, or after "by"
/// ("delegation, Rustem Umerov,", "the delegation headed by Umerov").
fn holder_positions(toks: &[Tok], lo: usize, hi: usize, verb_first: bool) -> Vec<usize> {
    let name = |t: &Tok| t.cap || t.acronym;
    let mut out = Vec::new();
    let mut i = lo;
    while verb_first
        && i > 0
        && (name(&toks[i - 1]) || matches!(toks[i - 1].norm.as_str(), "and" | "who"))
    {
        if name(&toks[i - 1]) {
            out.push(i - 1);
        }
        i -= 1;
    }
    let mut j = hi + 1;
    if toks.get(j).is_some_and(|t| t.norm == "by") {
        j += 1;
    }
    let first = j;
    while j < toks.len() && name(&toks[j]) && (j == first || !toks[j].breaks) {
        out.push(j);
        j += 1;
    }
    out
}

/// Compare who holds each role.
/// Compare who holds each role.
pub(crate) fn run(ctx: &Ctx) -> FamilyOut {
    // Each prep's items on the thread pool, gathered in prep order.
    let items: Vec<Item> = (0..ctx.preps.len())
        .into_par_iter()
        .map(|pi| {
            let mut items = Vec::new();
            speaker_items(ctx, pi, &mut items);
            content_items(ctx, pi, &mut items);
            items
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let keyed = items.iter().enumerate().map(|(k, it)| {
        let q: Vec<&str> = it.qualifiers.iter().map(String::as_str).collect();
        (format!("{}|{}", it.frame, q.join("|")), k)
    });
    let pairs = candidate_pairs(keyed, |k| items[k].prep);
    let mut judged = Judged::default();
    for (a, b) in pairs {
        let (ia, ib) = (&items[a], &items[b]);
        let (pa, pb) = (&ctx.preps[ia.prep], &ctx.preps[ib.prep]);
        if pa.claim.article == pb.claim.article {
            continue;
        }
        let same = if ia.speaker && ib.speaker {
            same_speaker(ctx, ia.prep, ib.prep)
        } else {
            !ia.holders.is_disjoint(&ib.holders)
        };
        let j = if same {
            Judgement::Same(0.7)
        } else {
            Judgement::Differ {
                confidence: 0.45,
                kind: FindingKind::Contradiction,
                rule: "role-contradiction",
            }
        };
        judged.push(a, b, j);
    }
    let fam = Roles { ctx, items };
    let mut out = assemble(ctx, &fam, fam.items.len(), judged);
    out.findings.extend(title_contradictions(ctx));
    out
}

/// Words that name a post in a speaker's role ("chief executive", "associate
/// professor"), each with the one spelling it is compared under.
const TITLE_WORDS: &[(&str, &str)] = &[
    ("executive", "executive"),
    ("chief", "chief"),
    ("director", "director"),
    ("professor", "professor"),
    ("lecturer", "lecturer"),
    ("researcher", "researcher"),
    ("minister", "minister"),
    ("secretary", "secretary"),
    ("president", "president"),
    ("chairman", "chair"),
    ("chairwoman", "chair"),
    ("chairperson", "chair"),
    ("chair", "chair"),
    ("spokesman", "spokesperson"),
    ("spokeswoman", "spokesperson"),
    ("spokesperson", "spokesperson"),
    ("manager", "manager"),
    ("editor", "editor"),
    ("governor", "governor"),
    ("mayor", "mayor"),
    ("commissioner", "commissioner"),
    ("ambassador", "ambassador"),
    ("treasurer", "treasurer"),
    ("adviser", "adviser"),
    ("advisor", "adviser"),
];

/// Words that rank a post ("junior minister", "deputy mayor"): a post with one is not
/// the post without it.
const RANK_WORDS: &[&str] = &[
    "junior",
    "deputy",
    "assistant",
    "associate",
    "acting",
    "vice",
    "interim",
    "postdoctoral",
];

/// The title words and rank words of a role, folded.
fn title_of(role: &str) -> (BTreeSet<&'static str>, BTreeSet<&'static str>) {
    let mut titles = BTreeSet::new();
    let mut ranks = BTreeSet::new();
    for t in tokenize(role) {
        let w = super::text::strip_possessive(&t.norm);
        if let Some(&(_, as_compared)) = TITLE_WORDS.iter().find(|(x, _)| *x == w) {
            titles.insert(as_compared);
        }
        if let Some(&r) = RANK_WORDS.iter().find(|x| **x == w) {
            ranks.insert(r);
        }
    }
    (titles, ranks)
}

/// Whether two roles of one person name different posts: each has a title word, and
/// neither's title words hold the other's ("chief executive" / "operations director"),
/// or one ranks the post and the other does not or ranks it otherwise ("junior health
/// minister" / "Health Minister"). A role that only adds to the other ("Drummelin Water
/// chief executive" / "chief executive") names the same post.
fn titles_differ(a: &str, b: &str) -> bool {
    let ((ta, ra), (tb, rb)) = (title_of(a), title_of(b));
    !ta.is_empty()
        && !tb.is_empty()
        && ((!ta.is_subset(&tb) && !tb.is_subset(&ta))
            || (ra != rb && !(ra.is_empty() && rb.is_empty())))
}

/// Whether some article of side `a` and some article of side `b` tell one story: their
/// stories share two names besides the person's own. One name in two unrelated stories
/// may be two people (or one person years apart).
fn stories_meet(ctx: &Ctx, a: &[usize], b: &[usize]) -> bool {
    a.iter().any(|&i| {
        b.iter().any(|&j| {
            let (pi, pj) = (&ctx.preps[i], &ctx.preps[j]);
            let own = |k: &str| {
                pi.speaker_surname.as_deref() == Some(k) || pj.speaker_surname.as_deref() == Some(k)
            };
            pi.story
                .iter()
                .filter(|k| !own(k) && pj.story.contains(k))
                .count()
                >= 2
        })
    })
}

/// One person (a speaker with a canonical id) given different posts by different
/// articles that tell one story (see [`stories_meet`]): `title-contradiction`. Each side is every claim whose speaker's role names
/// that post.
fn title_contradictions(ctx: &Ctx) -> Vec<crate::model::Finding> {
    // Per person: per role as written (folded), the preps.
    let mut people: std::collections::BTreeMap<
        &str,
        std::collections::BTreeMap<String, Vec<usize>>,
    > = std::collections::BTreeMap::new();
    for (i, p) in ctx.preps.iter().enumerate() {
        let sp = &p.claim.speaker;
        let (Some(id), Some(role)) = (sp.id.as_deref(), sp.role.as_deref()) else {
            continue;
        };
        if sp.kind != SpeakerKind::Person || id.is_empty() || title_of(role).0.is_empty() {
            continue;
        }
        people
            .entry(id)
            .or_default()
            .entry(super::text::fold(role))
            .or_default()
            .push(i);
    }
    let mut out = Vec::new();
    for roles in people.values() {
        let roles: Vec<(&String, &Vec<usize>)> = roles.iter().collect();
        // Roles that name one post are one side: the first role of each post.
        for (x, &(ra, pa)) in roles.iter().enumerate() {
            for &(rb, pb) in roles.iter().skip(x + 1) {
                if !titles_differ(ra, rb) {
                    continue;
                }
                // Sides: every role naming the same post as ra, resp. rb.
                let side = |r: &str| -> Vec<usize> {
                    roles
                        .iter()
                        .filter(|(o, _)| !titles_differ(r, o) && title_of(r) == title_of(o))
                        .flat_map(|(_, ps)| ps.iter().copied())
                        .collect()
                };
                let (sa, sb) = (side(ra), side(rb));
                // Only the first pair of roles for each pair of posts.
                let first = |r: &str, s: &[usize]| {
                    s.first()
                        .and_then(|&i| ctx.preps[i].claim.speaker.role.as_deref())
                        .map(super::text::fold)
                        .is_some_and(|f| f == r)
                };
                if !first(ra, &sa) || !first(rb, &sb) || pa.is_empty() || pb.is_empty() {
                    continue;
                }
                let arts = |s: &[usize]| -> BTreeSet<&str> {
                    s.iter()
                        .map(|&i| ctx.preps[i].claim.article.as_str())
                        .collect()
                };
                if arts(&sa).is_disjoint(&arts(&sb)) && stories_meet(ctx, &sa, &sb) {
                    let members: Vec<usize> = sa.iter().chain(&sb).copied().collect();
                    let name = &ctx.preps[sa[0]].claim.speaker.name;
                    let shown = |i: usize| {
                        ctx.preps[i]
                            .claim
                            .speaker
                            .role
                            .as_deref()
                            .unwrap_or_default()
                            .to_string()
                    };
                    let detail = format!(
                        "{} ({}) vs {} ({})",
                        shown(sa[0]),
                        ctx.locs(&sa),
                        shown(sb[0]),
                        ctx.locs(&sb)
                    );
                    if let Some(f) = ctx.finding(
                        FindingKind::Contradiction,
                        "title-contradiction",
                        format!("post of {name}"),
                        &members,
                        detail,
                        0.65,
                    ) {
                        out.push(f);
                    }
                }
            }
        }
    }
    out
}

/// Items for a person speaker whose role or attribution names a role frame.
fn speaker_items(ctx: &Ctx, pi: usize, items: &mut Vec<Item>) {
    let p = &ctx.preps[pi];
    if p.claim.speaker.kind != SpeakerKind::Person {
        return;
    }
    // The name only: the speaker as written may hold the role itself ("The head of the
    // Kestrian delegation, Dana Okoro"), whose qualifiers must stay.
    let name: BTreeSet<String> = tokenize(&p.claim.speaker.name)
        .into_iter()
        .map(|t| super::text::strip_possessive(&t.norm).to_string())
        .collect();
    let holders: BTreeSet<String> = p.speaker_surname.iter().map(|s| s.to_string()).collect();
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
            let (q, display) = qualifiers(&text, &toks, k, f.window, &name, ctx);
            seen.insert(fi);
            items.push(Item {
                prep: pi,
                frame: fi,
                qualifiers: q,
                display,
                holders: holders.clone(),
                speaker: true,
            });
        }
    }
}

/// Items for role phrases inside a claim's content, with the names that hold them.
fn content_items(ctx: &Ctx, pi: usize, items: &mut Vec<Item>) {
    let p = &ctx.preps[pi];
    let toks = &p.toks();
    for (fi, f) in ctx.rules.frames.iter().enumerate() {
        if f.kind != FrameKind::Role {
            continue;
        }
        for k in f.hits(toks) {
            let width = f.keywords.match_at(toks, k).unwrap_or(1);
            // The role phrase: the keyword and the nearest `also` word within the window.
            let (mut lo, mut hi) = (k, k + width - 1);
            let mut verb_first = false;
            if !f.also.is_empty() {
                let near = (k.saturating_sub(f.window)..(k + width + f.window).min(toks.len()))
                    .filter(|&i| f.also.any_in(toks, i, i + 1))
                    .min_by_key(|&i| i.abs_diff(k));
                let Some(a) = near else { continue };
                verb_first = a < k;
                lo = lo.min(a);
                hi = hi.max(a);
            }
            let at = holder_positions(toks, lo, hi, verb_first);
            let holders: BTreeSet<String> = p
                .strong()
                .filter(|a| !a.place && at.contains(&a.pos))
                .map(|a| a.key.to_string())
                .collect();
            if holders.is_empty() {
                continue;
            }
            let name: BTreeSet<String> = at
                .iter()
                .map(|&i| super::text::strip_possessive(&toks[i].norm).to_string())
                .collect();
            let (q, display) = qualifiers(&p.claim.content, toks, k, f.window, &name, ctx);
            items.push(Item {
                prep: pi,
                frame: fi,
                qualifiers: q,
                display,
                holders,
                speaker: false,
            });
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::compare::DEFAULT_MIN_CONFIDENCE as DEFAULT;
    use crate::model::{FindingKind, QuoteKind, Span};

    #[test]
    fn two_posts_differ_unless_one_role_only_adds_to_the_other() {
        use super::titles_differ;
        assert!(titles_differ(
            "Fenwick Rail chief executive",
            "Fenwick Rail's finance director"
        ));
        assert!(titles_differ(
            "a postdoctoral researcher",
            "an associate professor of law"
        ));
        assert!(titles_differ(
            "Junior transport minister",
            "Transport Minister"
        ));
        assert!(!titles_differ(
            "Fenwick Rail chief executive",
            "chief executive"
        ));
        assert!(!titles_differ(
            "spokesman for the council",
            "council spokeswoman"
        ));
        // A role with no post in it says nothing about the post.
        assert!(!titles_differ("a local resident", "the chief executive"));
    }

    #[test]
    fn one_person_given_two_posts_in_one_story_is_a_contradiction() {
        let mut arts = vec![
            article("a", "Alpha News", None, "2025-12-01"),
            article("b", "Beta Times", None, "2025-12-02"),
        ];
        let text = "Fenwick Rail cancelled trains at Oskarsby after a signal fault at Oskarsby.";
        arts[0].text = text.into();
        arts[1].text = text.into();
        arts[0].content = vec![Span::new(0, text.len())];
        arts[1].content = vec![Span::new(0, text.len())];
        let mut claims = Vec::new();
        for (art, role) in [
            ("a", "Fenwick Rail chief executive"),
            ("b", "Fenwick Rail's operations director"),
        ] {
            let mut c = claim(
                art,
                1,
                "Mara Lindqvist",
                QuoteKind::Indirect,
                "Fenwick Rail would run buses from Oskarsby",
            );
            c.speaker.role = Some(role.into());
            c.speaker.id = Some("mara-lindqvist".into());
            claims.push(c);
        }
        let f = find_all(&arts, &claims);
        let t: Vec<_> = f
            .iter()
            .filter(|f| f.rule == "title-contradiction")
            .collect();
        assert_eq!(t.len(), 1, "{f:#?}");
        assert_eq!(t[0].kind, FindingKind::Contradiction);
        assert!(t[0].confidence >= DEFAULT);
        // The same post in other words is no contradiction.
        claims[1].speaker.role = Some("chief executive".into());
        let f = find_all(&arts, &claims);
        assert!(f.iter().all(|f| f.rule != "title-contradiction"), "{f:#?}");
    }

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
        let mut c1 = said("a", "Rustem Umerov", s1, "Washington shares Kyiv's goals");
        c1.speaker.text = "Umerov".into();
        let c2 = said("b", "Rustem Umerov", s2, "both sides discussed the results");
        let f = find_all(&arts, &[c1.clone(), c2.clone()]);
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{f:#?}");
        assert_eq!(ag[0].rule, "role-agreement");
        assert_eq!(ag[0].topic, "head of the delegation (Ukrainian)");
        assert!(ag[0].confidence >= DEFAULT);

        // The head of another delegation is another role.
        let s3 = "Sergei Lavrov, who leads the Russian delegation, said both sides discussed the results.";
        arts[1].text = s3.into();
        let c3 = said("b", "Sergei Lavrov", s3, "both sides discussed the results");
        let f = find_all(&arts, &[c1, c3]);
        assert!(f.iter().all(|f| !f.rule.starts_with("role-")), "{f:#?}");
    }

    /// `speaker`'s claim of `content`, in the one-sentence article `art` whose text is
    /// `sentence`.
    fn said(art: &str, speaker: &str, sentence: &str, content: &str) -> crate::model::Claim {
        let mut c = claim(art, 1, speaker, QuoteKind::Indirect, content);
        c.span = Span::new(0, sentence.len());
        c
    }

    fn sole_claim(art: &str, speaker: &str, text: &str) -> crate::model::Claim {
        let mut c = claim(art, 1, speaker, QuoteKind::Narrative, text);
        c.speaker.kind = crate::model::SpeakerKind::Outlet;
        c.span = Span::new(0, text.len());
        c.content_span = Span::new(0, text.len());
        c
    }

    #[test]
    fn a_speaker_written_with_the_role_keeps_its_qualifiers() {
        let mut arts = vec![
            article("a", "Alpha News", None, "2026-03-11"),
            article("b", "Beta Times", None, "2026-03-11"),
        ];
        let s1 = "The head of the Kestrian delegation, Dana Okoro, said the talks were honest.";
        let s2 = "Dana Okoro, who leads the Kestrian delegation, said Marovia had accepted.";
        arts[0].text = s1.into();
        arts[1].text = s2.into();
        let mut c1 = said("a", "Dana Okoro", s1, "the talks were honest");
        c1.speaker.text = "The head of the Kestrian delegation, Dana Okoro".into();
        c1.speaker.role = Some("The head of the Kestrian delegation".into());
        let c2 = said("b", "Dana Okoro", s2, "Marovia had accepted");
        let f = find_all(&arts, &[c1, c2]);
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{f:#?}");
        assert_eq!(ag[0].topic, "head of the delegation (Kestrian)");
    }

    #[test]
    fn a_role_stated_in_the_content_agrees_with_a_speaker_holding_it() {
        let mut arts = vec![
            article("a", "Alpha News", None, "2025-12-01"),
            article("b", "Beta Times", None, "2025-12-02"),
        ];
        let s1 = "Umerov and Hnatov led the Ukrainian delegation that met Rubio in Florida.";
        let s2 = "Rustem Umerov, who leads the Ukrainian delegation, said both sides discussed the results.";
        arts[0].text = s1.into();
        arts[1].text = s2.into();
        let c1 = sole_claim("a", "Alpha News", s1);
        let c2 = said("b", "Rustem Umerov", s2, "both sides discussed the results");
        let f = find_all(&arts, &[c1.clone(), c2.clone()]);
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{f:#?}");
        assert_eq!(ag[0].rule, "role-agreement");

        // "the head of the delegation, X," and "the delegation headed by X" name X too.
        for s in [
            "On Monday the head of the Ukrainian delegation, Rustem Umerov, flew to Miami.",
            "The Ukrainian delegation headed by Umerov flew to Miami on Monday.",
        ] {
            arts[0].text = s.into();
            let f = find_all(&arts, &[sole_claim("a", "Alpha News", s), c2.clone()]);
            assert_eq!(of(&f, FindingKind::Agreement).len(), 1, "{s}: {f:#?}");
        }
    }

    #[test]
    fn who_meets_a_delegation_does_not_hold_its_role() {
        let mut arts = vec![
            article("a", "Alpha News", None, "2025-12-01"),
            article("b", "Beta Times", None, "2025-12-02"),
        ];
        let s2 = "Rustem Umerov, who leads the Ukrainian delegation, said both sides discussed the results.";
        arts[1].text = s2.into();
        let c2 = said("b", "Rustem Umerov", s2, "both sides discussed the results");
        for s in [
            "Rubio met with a Ukrainian delegation led by a new chief negotiator in Florida.",
            "The talks on Sunday were led by the Ukrainian delegation and Rubio.",
        ] {
            arts[0].text = s.into();
            let f = find_all(&arts, &[sole_claim("a", "Alpha News", s), c2.clone()]);
            assert!(
                f.iter().all(|f| !f.rule.starts_with("role-")),
                "{s}: {f:#?}"
            );
        }
    }
}
