//! Findings against the hand-made findings gold (`tests/gold/*-findings.json`).
//!
//! - `comparer_on_gold_claims_*`: the comparer alone, fed the hand-annotated claims of
//!   `tests/gold/event.json` (dates resolved by a small helper below, places and numbers
//!   left to the comparer's own fallbacks). Holds the targets today.
//! - `pipeline_*`: the whole pipeline (`crosscheck eval --gold ...-findings.json`), which
//!   needs the extractor and the resolver; ignored until they land.

use crosscheck::compare::{CompareRules, compare};
use crosscheck::eval::{FindingsGold, GoldArticle, score_findings};
use crosscheck::load::{LoadOptions, discover, load_inputs};
use crosscheck::model::{Article, Claim, CueClass, FindingKind, QuoteKind, Span, Speaker};
use crosscheck::rules::{RuleSet, Rules};
use std::path::{Path, PathBuf};

const RECALL: f64 = 0.8;
const PRECISION: f64 = 0.9;

fn articles(dir: &str) -> Vec<Article> {
    let rules = Rules::embedded().unwrap();
    let mut arts = load_inputs(
        &discover(&[PathBuf::from(dir)]),
        &LoadOptions::default(),
        &rules.load,
    );
    // Until the loader reads front matter, take the outlet from it here.
    for a in &mut arts {
        if a.meta.outlet.is_none() {
            a.meta.outlet = a
                .text
                .lines()
                .take_while(|l| !l.is_empty())
                .find_map(|l| l.strip_prefix("outlet:"))
                .map(|o| o.trim().to_string());
        }
    }
    arts
}

fn month(name: &str) -> Option<u32> {
    let m = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let n = name.to_lowercase();
    m.iter()
        .position(|p| n.starts_with(p))
        .map(|i| i as u32 + 1)
}

/// Days since 1970-01-01 and back (test helper only: the resolver owns dates).
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

fn civil(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The date a claim's content gives, against the publication date: "March 20",
/// "yesterday", a weekday (the next one for future tense, else the last one).
fn date_of(content: &str, published: &str) -> Option<String> {
    let p: Vec<i64> = published
        .split('-')
        .filter_map(|x| x.parse().ok())
        .collect();
    let pub_day = days(*p.first()?, *p.get(1)?, *p.get(2)?);
    let words: Vec<String> = content
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    for w in words.windows(2) {
        if let (Some(m), Ok(d)) = (month(&w[0]), w[1].parse::<i64>()) {
            if w[0].chars().next().is_some_and(char::is_uppercase) && (1..=31).contains(&d) {
                return Some(civil(days(p[0], i64::from(m), d)));
            }
        }
    }
    let lower = content.to_lowercase();
    if lower.contains("yesterday") {
        return Some(civil(pub_day - 1));
    }
    let weekdays = [
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
    ];
    for (i, wd) in weekdays.iter().enumerate() {
        if words.iter().any(|w| w.to_lowercase() == *wd) {
            // 1970-01-01 was a Thursday.
            let today = pub_day.rem_euclid(7);
            let future = lower.contains("will ") || lower.contains(" to ");
            let delta = (i as i64 - today).rem_euclid(7);
            return Some(civil(if future {
                pub_day + if delta == 0 { 7 } else { delta }
            } else {
                pub_day - if delta == 0 { 7 } else { 7 - delta }
            }));
        }
    }
    None
}

/// Claims built from a claims gold file (`crosscheck/gold/v1`).
fn gold_claims(gold: &Path, arts: &[Article]) -> Vec<Claim> {
    let text = std::fs::read_to_string(gold).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let by_article: std::collections::BTreeMap<String, GoldArticle> =
        serde_json::from_value(v["articles"].clone()).unwrap();
    let mut out = Vec::new();
    for (id, g) in by_article {
        let a = arts
            .iter()
            .find(|a| a.id == id)
            .expect("gold article exists");
        for (n, gc) in g.claims.iter().enumerate() {
            let start = a.line_starts[gc.line - a.first_line];
            let end = a
                .line_starts
                .get(gc.line - a.first_line + 1)
                .copied()
                .unwrap_or(a.text.len());
            let line_text = &a.text[start..end];
            let content_span = line_text
                .find(gc.content.as_str())
                .map_or(Span::new(start, end), |at| {
                    Span::new(start + at, start + at + gc.content.len())
                });
            let quote = match gc.quote.as_str() {
                "direct" => QuoteKind::Direct,
                "mixed" => QuoteKind::Mixed,
                _ => QuoteKind::Indirect,
            };
            // The speaker as the sentence writes it: the full name, else its last word.
            let last = gc.speaker.split_whitespace().last().unwrap_or("");
            let text = if line_text.contains(gc.speaker.as_str()) || !line_text.contains(last) {
                gc.speaker.clone()
            } else {
                last.to_string()
            };
            out.push(Claim {
                id: format!("{id}#{}", n + 1).into(),
                article: id.as_str().into(),
                speaker: Speaker {
                    text,
                    name: gc.speaker.as_str().into(),
                    kind: gc.speaker_kind,
                    role: None,
                    id: None,
                },
                cue: gc.cue.as_str().into(),
                cue_class: CueClass::Neutral,
                quote,
                content: gc.content.clone(),
                content_span,
                span: Span::new(start, end),
                line: gc.line,
                cited_outlet: gc.cited_outlet.as_deref().map(Into::into),
                date: a
                    .meta
                    .published
                    .as_deref()
                    .and_then(|p| date_of(&gc.content, p))
                    .map(Into::into),
                date_source: None,
                places: vec![],
                quantities: vec![],
                flags: vec![],
            });
        }
    }
    out
}

#[test]
fn date_helper_resolves_the_corpus_forms() {
    assert_eq!(
        date_of("they held talks on Tuesday", "2026-03-11").as_deref(),
        Some("2026-03-10")
    );
    assert_eq!(
        date_of("they will sign on Friday", "2026-03-11").as_deref(),
        Some("2026-03-13")
    );
    assert_eq!(
        date_of("met in Geneva yesterday", "2026-03-11").as_deref(),
        Some("2026-03-10")
    );
    assert_eq!(
        date_of("on Friday, March 20, in Lausanne", "2026-03-13").as_deref(),
        Some("2026-03-20")
    );
    assert_eq!(date_of("no date here", "2026-03-13"), None);
}

#[test]
fn comparer_on_gold_claims_meets_the_targets_on_the_event_corpus() {
    let arts = articles("fixtures/event");
    assert_eq!(arts.len(), 8);
    let claims = gold_claims(Path::new("tests/gold/event.json"), &arts);
    let rules = CompareRules::compile(&RuleSet::embedded()).unwrap();
    let findings = compare(&arts, &claims, &rules);
    let gold = FindingsGold::read(Path::new("tests/gold/event-findings.json")).unwrap();
    let s = score_findings(&gold, &claims, &findings);
    let report = crosscheck::eval::render_findings_text(&s);
    eprintln!("{report}");
    if std::env::var_os("SHOW_FINDINGS").is_some() {
        let all = crosscheck::compare::compare_all(&arts, &claims, &rules);
        for f in &all {
            eprintln!(
                "{} {:<14} {:.2} {:<22} {} | {} | {:?}",
                f.id,
                f.kind.as_str(),
                f.confidence,
                f.rule,
                f.topic,
                f.detail,
                f.claims
            );
        }
    }
    assert!(s.recall >= RECALL, "recall {:.3}\n{report}", s.recall);
    assert!(
        s.precision >= PRECISION,
        "precision {:.3}\n{report}",
        s.precision
    );
    // Every planted kind is found.
    for kind in [
        FindingKind::Agreement,
        FindingKind::Contradiction,
        FindingKind::Update,
        FindingKind::Misquote,
        FindingKind::Misattribution,
    ] {
        let k = s.kinds.iter().find(|k| k.kind == kind).unwrap();
        assert!(k.found >= 1, "{kind:?} not found\n{report}");
    }
    // Every contradiction type planted.
    for rule in [
        "numeric-contradiction",
        "date-contradiction",
        "place-contradiction",
        "polarity-contradiction",
        "antonym-contradiction",
    ] {
        assert!(
            findings.iter().any(|f| f.rule == rule),
            "no {rule}\n{report}"
        );
    }
}

#[test]
fn relayed_wire_copies_are_one_source() {
    let arts = articles("fixtures/event");
    let claims = gold_claims(Path::new("tests/gold/event.json"), &arts);
    let rules = CompareRules::compile(&RuleSet::embedded()).unwrap();
    let findings = compare(&arts, &claims, &rules);
    // The two CPA copies agree on everything, but that is one source: an agreement of
    // theirs alone says `sources: 1`; every other agreement has two or more.
    let cpa: std::collections::BTreeSet<&str> =
        ["01_harbour_cpa_geneva", "02_northgate_cpa_geneva"]
            .into_iter()
            .collect();
    let mut relays = 0;
    for f in &findings {
        if f.kind == FindingKind::Agreement {
            let articles: std::collections::BTreeSet<&str> = f
                .claims
                .iter()
                .map(|c| c.split('#').next().unwrap())
                .collect();
            if articles == cpa {
                assert_eq!(f.sources, 1, "{f:#?}");
                assert!(f.detail.contains("relay one source ("), "{}", f.detail);
                relays += 1;
            } else {
                assert!(f.sources >= 2, "{f:#?}");
            }
        }
    }
    assert!(relays > 0, "{findings:#?}");
}

fn eval_json(gold: &str, dir: &str) -> serde_json::Value {
    let out = assert_cmd::Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["eval", "--json", "--gold", gold, dir])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn pipeline_meets_the_targets_on_the_event_corpus() {
    let s = eval_json("tests/gold/event-findings.json", "fixtures/event");
    assert!(s["recall"].as_f64().unwrap() >= RECALL, "{s:#}");
    assert!(s["precision"].as_f64().unwrap() >= PRECISION, "{s:#}");
}

#[test]
fn pipeline_meets_the_targets_on_the_bundled_corpus() {
    let s = eval_json("tests/gold/articles-findings.json", "fixtures/articles");
    assert!(s["recall"].as_f64().unwrap() >= RECALL, "{s:#}");
    assert!(s["precision"].as_f64().unwrap() >= PRECISION, "{s:#}");
}

#[test]
fn eval_reads_findings_gold_and_reports_per_kind() {
    // Runs today: with no claims yet, nothing is predicted, nothing found.
    let s = eval_json("tests/gold/articles-findings.json", "fixtures/articles");
    let kinds = s["kinds"].as_array().unwrap();
    assert_eq!(kinds.len(), 5);
    assert_eq!(
        s["gold"].as_u64(),
        Some(9),
        "optional findings are not required"
    );
}

#[test]
fn comparer_on_gold_claims_is_precise_on_the_bundled_corpus() {
    // The bundled gold has findings over narrative sentences (the articles' own
    // statements), which the claims gold does not list: recall is not measurable here,
    // precision is.
    let arts = articles("fixtures/articles");
    let claims = gold_claims(Path::new("tests/gold/articles.json"), &arts);
    let rules = CompareRules::compile(&RuleSet::embedded()).unwrap();
    let findings = compare(&arts, &claims, &rules);
    let gold = FindingsGold::read(Path::new("tests/gold/articles-findings.json")).unwrap();
    let s = score_findings(&gold, &claims, &findings);
    let report = crosscheck::eval::render_findings_text(&s);
    eprintln!("{report}");
    if std::env::var_os("SHOW_FINDINGS").is_some() {
        for f in crosscheck::compare::compare_all(&arts, &claims, &rules) {
            eprintln!(
                "{} {:<14} {:.2} {:<22} {} | {} | {:?}",
                f.id,
                f.kind.as_str(),
                f.confidence,
                f.rule,
                f.topic,
                f.detail,
                f.claims
            );
        }
    }
    assert!(
        s.precision >= PRECISION,
        "precision {:.3}\n{report}",
        s.precision
    );
}

/// The articles' own sentences as narrative claims (speaker: the outlet), for the
/// sentences on lines the claims gold leaves free.
fn narrative_claims(arts: &[Article], claims: &[Claim]) -> Vec<Claim> {
    let rules = Rules::embedded().unwrap();
    let mut out = Vec::new();
    for a in arts {
        let seg = crosscheck::segment::segment(a, &rules.segment);
        for (k, s) in seg.sentences.iter().enumerate() {
            if claims.iter().any(|c| c.article == a.id && c.line == s.line) {
                continue;
            }
            let text = a.slice(s.span).to_string();
            let outlet = a.meta.outlet.clone().unwrap_or_else(|| a.id.clone());
            out.push(Claim {
                id: format!("{}#n{}", a.id, k + 1).into(),
                article: a.id.as_str().into(),
                speaker: Speaker {
                    text: outlet.clone(),
                    name: outlet.into(),
                    kind: crosscheck::model::SpeakerKind::Outlet,
                    role: None,
                    id: None,
                },
                cue: Default::default(),
                cue_class: CueClass::Neutral,
                quote: QuoteKind::Narrative,
                date: a
                    .meta
                    .published
                    .as_deref()
                    .and_then(|p| date_of(&text, p))
                    .map(Into::into),
                content: text,
                content_span: s.span,
                span: s.span,
                line: s.line,
                cited_outlet: None,
                date_source: None,
                places: vec![],
                quantities: vec![],
                flags: vec![],
            });
        }
    }
    out
}

#[test]
fn comparer_with_narrative_sentences_on_the_bundled_corpus() {
    // What the comparer finds when the extractor also emits the articles' own sentences
    // as narrative claims: most of the bundled corpus's cross-source findings are there.
    let arts = articles("fixtures/articles");
    let mut claims = gold_claims(Path::new("tests/gold/articles.json"), &arts);
    let narrative = narrative_claims(&arts, &claims);
    claims.extend(narrative);
    let rules = CompareRules::compile(&RuleSet::embedded()).unwrap();
    let findings = compare(&arts, &claims, &rules);
    let gold = FindingsGold::read(Path::new("tests/gold/articles-findings.json")).unwrap();
    let s = score_findings(&gold, &claims, &findings);
    let report = crosscheck::eval::render_findings_text(&s);
    eprintln!("{report}");
    if std::env::var_os("SHOW_FINDINGS").is_some() {
        for f in &findings {
            eprintln!(
                "{} {:<14} {:.2} {:<22} {} | {} | {:?}",
                f.id,
                f.kind.as_str(),
                f.confidence,
                f.rule,
                f.topic,
                f.detail,
                f.claims
            );
        }
    }
    assert!(
        s.precision >= PRECISION,
        "precision {:.3}\n{report}",
        s.precision
    );
    // The 28 -> 20 -> 27 points timeline is an update, not a contradiction.
    assert!(
        s.matches.iter().any(|(g, _)| g == "plan-points-timeline"),
        "{report}"
    );
    assert!(
        !findings
            .iter()
            .any(|f| f.kind == FindingKind::Contradiction && f.topic.contains("points")),
        "{findings:#?}"
    );
}

/// The blind set (fixtures/blind2, written by someone who had not seen the rules; first
/// scored at recall 0.143, precision 1.000). Since then tuned on, so a floor against
/// regressions, not a target: findings on unseen topics are the comparer's weak spot.
#[test]
fn blind_set_findings_stay_above_their_floor() {
    let s = eval_json("tests/gold/blind2-findings.json", "fixtures/blind2");
    assert!(s["recall"].as_f64().unwrap() >= 0.75, "{s:#}");
    assert!(s["precision"].as_f64().unwrap() >= 0.9, "{s:#}");
}

/// The third blind set (fixtures/blind3, session 8; first scored at recall 0.188,
/// precision 1.000 before the excerpt misquotes and the pivots). A floor, as for blind2.
#[test]
fn third_blind_set_findings_stay_above_their_floor() {
    let s = eval_json("tests/gold/blind3-findings.json", "fixtures/blind3");
    assert!(s["recall"].as_f64().unwrap() >= 0.65, "{s:#}");
    assert!(s["precision"].as_f64().unwrap() >= 0.95, "{s:#}");
}

/// The fourth blind set (fixtures/blind4, session 12), never tuned on; first scored at
/// recall 0.457, precision 0.947 (one contradiction of thirteen found); 0.543 / 1.000
/// after session 13's counted-noun and change rules (docs/contra.md); 0.514 / 1.000 with
/// session 13's extraction fixes merged (the ships-waiting update is lost: see
/// notes/session13.md); 0.657 / 1.000 after session 14's exclusions, antonym objects and
/// acronyms (docs/contra2.md); 0.600 / 1.000 once a dateline is a credit line of its own
/// (two port findings, workers on strike and the daily cost, depended on the narrative
/// claims the dateline's date made in two articles, through the article's story: its six
/// most frequent anchors, which ties at one mention decide by spelling; notes/session14.md);
/// 0.686 / 0.962 with the story read from the article's own text (docs/story.md: both
/// port findings back, the evacuation update found, one extra agreement on the earlier
/// evacuation figure). A floor.
#[test]
fn fourth_blind_set_findings_stay_above_their_floor() {
    let s = eval_json("tests/gold/blind4-findings.json", "fixtures/blind4");
    assert!(s["recall"].as_f64().unwrap() >= 0.68, "{s:#}");
    assert!(s["precision"].as_f64().unwrap() >= 0.95, "{s:#}");
}

/// The fifth blind set (fixtures/blind5, session 13), written blind; first scored at
/// recall 0.524, precision 0.875 on main before session 13's extraction and comparer
/// changes, 0.571 / 0.893 after them (the comparer changes looked at blind4 only; the
/// extraction fixes looked at blind4's and blind5's claim misses); 0.667 / 0.933 after
/// session 14's comparer changes (docs/contra2.md). A floor.
#[test]
fn fifth_blind_set_findings_stay_above_their_floor() {
    let s = eval_json("tests/gold/blind5-findings.json", "fixtures/blind5");
    assert!(s["recall"].as_f64().unwrap() >= 0.65, "{s:#}");
    assert!(s["precision"].as_f64().unwrap() >= 0.92, "{s:#}");
}

/// The sixth blind set (fixtures/blind6, session 14; notes/blind6.md), written blind and never
/// tuned on; first scored at recall 0.465, precision 0.917 (contradictions 4 of 19, updates
/// 3 of 7, misquotes 1 of 3, misattributions 3 of 3, agreements 9 of 11); 0.512 / 0.929
/// with the story read from the article's own text, 0.581 / 0.935 with title
/// contradictions (docs/story.md). A floor.
#[test]
fn sixth_blind_set_findings_stay_above_their_floor() {
    let s = eval_json("tests/gold/blind6-findings.json", "fixtures/blind6");
    assert!(s["recall"].as_f64().unwrap() >= 0.57, "{s:#}");
    assert!(s["precision"].as_f64().unwrap() >= 0.90, "{s:#}");
}

/// The seventh blind set (fixtures/blind7, session 15; notes/blind7.md), written blind and
/// never tuned on; first scored at recall 0.275, precision 0.957 (contradictions 2 of 19, both
/// matched by line overlap for the wrong reason, updates 0 of 4, misquotes 0 of 3,
/// misattributions 2 of 3, agreements 7 of 11). A floor 0.02 under it.
#[test]
fn seventh_blind_set_findings_stay_above_their_floor() {
    let s = eval_json("tests/gold/blind7-findings.json", "fixtures/blind7");
    assert!(s["recall"].as_f64().unwrap() >= 0.25, "{s:#}");
    assert!(s["precision"].as_f64().unwrap() >= 0.93, "{s:#}");
}
