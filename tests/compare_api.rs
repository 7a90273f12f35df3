//! The comparer's library contract: deterministic output whatever the order of claims,
//! stable finding ids, and the default threshold.

use crosscheck::compare::{CompareRules, DEFAULT_MIN_CONFIDENCE, compare, compare_all};
use crosscheck::model::{
    Article, Claim, CueClass, FindingKind, Format, QuoteKind, Span, Speaker, SpeakerKind,
};
use crosscheck::rules::RuleSet;

fn article(id: &str, outlet: &str) -> Article {
    let mut a = Article::new(id, format!("{id}.txt"), Format::Text, String::new());
    a.meta.outlet = Some(outlet.into());
    a.meta.published = Some("2026-05-04".into());
    a
}

fn claim(article: &str, n: usize, speaker: &str, quote: QuoteKind, content: &str) -> Claim {
    Claim {
        id: format!("{article}#{n}").into(),
        article: article.into(),
        speaker: Speaker {
            text: speaker.into(),
            name: speaker.into(),
            kind: SpeakerKind::Person,
            role: None,
            id: None,
        },
        cue: "said".into(),
        cue_class: CueClass::Neutral,
        quote,
        content: content.into(),
        content_span: Span::new(0, content.len()),
        span: Span::new(0, content.len()),
        line: n,
        cited_outlet: None,
        date: None,
        date_source: None,
        places: vec![],
        quantities: vec![],
        flags: vec![],
    }
}

fn corpus() -> (Vec<Article>, Vec<Claim>) {
    let arts = vec![
        article("a", "Alpha"),
        article("b", "Beta"),
        article("c", "Gamma"),
    ];
    let mut claims = vec![
        claim(
            "a",
            1,
            "Nora Quist",
            QuoteKind::Direct,
            "The harbour will stay open to every fishing boat this winter",
        ),
        claim(
            "b",
            1,
            "Nora Quist",
            QuoteKind::Direct,
            "The harbour will stay open to most fishing boats this winter",
        ),
        claim(
            "c",
            1,
            "Ivo Marsh",
            QuoteKind::Direct,
            "The harbour will stay open to every fishing boat this winter",
        ),
        claim(
            "a",
            2,
            "Ivo Marsh",
            QuoteKind::Indirect,
            "the Porla council approved the harbour budget for next year",
        ),
        claim(
            "b",
            2,
            "Nora Quist",
            QuoteKind::Indirect,
            "the Porla council rejected the harbour budget for next year",
        ),
        claim(
            "c",
            2,
            "Ivo Marsh",
            QuoteKind::Indirect,
            "the storm killed 12 people in Porla",
        ),
        claim(
            "a",
            3,
            "Ivo Marsh",
            QuoteKind::Indirect,
            "the storm killed 15 people in Porla",
        ),
    ];
    claims[5].date = Some("2026-05-01".into());
    (arts, claims)
}

fn rules() -> CompareRules {
    CompareRules::compile(&RuleSet::embedded()).unwrap()
}

#[test]
fn output_does_not_depend_on_claim_order() {
    let (arts, claims) = corpus();
    let forward = compare_all(&arts, &claims, &rules());
    let mut reversed = claims.clone();
    reversed.reverse();
    let backward = compare_all(&arts, &reversed, &rules());
    assert_eq!(forward, backward);
    assert!(!forward.is_empty());
}

#[test]
fn every_kind_of_difference_is_found() {
    let (arts, claims) = corpus();
    let f = compare_all(&arts, &claims, &rules());
    let has = |kind, rule: &str| f.iter().any(|x| x.kind == kind && x.rule == rule);
    assert!(has(FindingKind::Misquote, "misquote"), "{f:#?}");
    assert!(has(FindingKind::Misattribution, "misattribution"), "{f:#?}");
    assert!(
        has(FindingKind::Contradiction, "antonym-contradiction"),
        "{f:#?}"
    );
    assert!(
        has(FindingKind::Contradiction, "numeric-contradiction"),
        "{f:#?}"
    );
}

#[test]
fn finding_ids_survive_a_rerun_and_shown_findings_pass_the_threshold() {
    let (arts, claims) = corpus();
    let a = compare(&arts, &claims, &rules());
    let b = compare(&arts, &claims, &rules());
    assert_eq!(a, b);
    assert!(a.iter().all(|f| f.confidence >= DEFAULT_MIN_CONFIDENCE));
    assert!(a.iter().all(|f| f.kind != FindingKind::SingleSource));
    assert!(a.iter().all(|f| f.id.starts_with("F-") && f.id.len() == 12));
}
