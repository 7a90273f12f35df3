//! `check`'s decisions and baselines on synthetic corpora (no comparer needed): which
//! findings fail, fingerprints that survive unrelated edits, new/unchanged/stale entries,
//! pruning, `--since` scoping and exit codes.

mod common;

use common::*;
use crosscheck::baseline::{Baseline, BaselineState, fingerprint};
use crosscheck::check::{self, Changed, Policy};
use crosscheck::model::FindingKind;
use crosscheck::pipeline::Corpus;
use crosscheck::report::Index;
use std::collections::BTreeSet;

fn prints(corpus: &Corpus) -> Vec<String> {
    let index = Index::new(corpus);
    corpus
        .findings
        .iter()
        .map(|f| fingerprint(f, &index))
        .collect()
}

#[test]
fn default_policy_fails_on_contradictions_misquotes_and_misattributions() {
    let mut corpus = sample();
    let outcome = check::apply(&mut corpus, &Policy::default(), None, None);
    // The agreement is out of scope.
    assert_eq!(outcome.reported.len(), 2);
    assert_eq!(corpus.findings.len(), 2);
    assert!(
        corpus
            .findings
            .iter()
            .all(|f| f.kind != FindingKind::Agreement)
    );
    assert_eq!(outcome.failing.len(), 2);
    assert_eq!(outcome.exit_code(false), 1);
    assert_eq!(outcome.exit_code(true), 0);
    assert!(outcome.states.is_none());
}

#[test]
fn fail_on_and_min_confidence_narrow_the_scope() {
    let mut corpus = sample();
    let policy = Policy {
        fail_on: vec![FindingKind::Misquote],
        min_confidence: 0.0,
    };
    let o = check::apply(&mut corpus, &policy, None, None);
    assert_eq!(o.failing.len(), 1);

    let mut corpus = sample();
    let policy = Policy {
        fail_on: check::parse_kinds("contradiction,misquote").unwrap(),
        min_confidence: 0.7,
    };
    let o = check::apply(&mut corpus, &policy, None, None);
    assert_eq!(
        o.failing.len(),
        1,
        "the 0.6 misquote is below the threshold"
    );
    assert_eq!(corpus.findings[0].kind, FindingKind::Contradiction);

    let mut corpus = sample();
    let policy = Policy {
        fail_on: vec![],
        min_confidence: 0.0,
    };
    let o = check::apply(&mut corpus, &policy, None, None);
    assert_eq!(o.exit_code(false), 0);
}

#[test]
fn an_unreadable_input_exits_2_even_with_exit_zero() {
    let mut corpus = sample();
    corpus.articles.push(crosscheck::model::Article::skipped(
        "bad",
        "news/bad.txt",
        crosscheck::model::Format::Text,
        crosscheck::model::Problem {
            severity: crosscheck::model::Severity::Error,
            line: None,
            message: "binary file".into(),
        },
    ));
    let o = check::apply(&mut corpus, &Policy::default(), None, None);
    assert_eq!(o.exit_code(false), 2);
    assert_eq!(o.exit_code(true), 2);
}

#[test]
fn fingerprints_survive_unrelated_articles_and_lines() {
    let before = prints(&sample());

    // An unrelated article first in the corpus, and a line inserted above every claim.
    let mut s = Synth::new();
    s.article(
        "aaa",
        "news/aaa.txt",
        Some("Other"),
        None,
        "Zoo\n\nKeeper Lu said the zoo opens.\n",
    );
    let extra = s.claim("aaa", "Lu", "the zoo opens");
    let mut shifted = sample();
    for a in &mut shifted.articles {
        a.text = format!("Updated at noon.\n{}", a.text);
        a.line_starts = crosscheck::model::line_starts(&a.text);
    }
    for c in &mut shifted.claims {
        c.line += 1;
        c.content_span =
            crosscheck::model::Span::new(c.content_span.start + 17, c.content_span.end + 17);
    }
    let mut corpus = s.build();
    corpus.articles.extend(shifted.articles);
    corpus.claims.extend(shifted.claims);
    // Finding ids and claim order may change too.
    for (i, mut f) in shifted.findings.into_iter().enumerate() {
        f.id = format!("F-other{i}");
        f.claims.reverse();
        corpus.findings.push(f);
    }
    corpus.findings.push(crosscheck::model::Finding {
        id: "F-zoo".into(),
        kind: FindingKind::SingleSource,
        topic: "zoo".into(),
        claims: vec![extra.into()].into(),
        detail: Default::default(),
        rule: "r".into(),
        confidence: 0.5,
        sources: 1,
    });
    let after = prints(&corpus);
    assert_eq!(&after[..3], &before[..]);

    // Re-punctuating or re-casing the content keeps it; changing its words does not.
    let mut corpus = sample();
    corpus.claims[0].content = "THE harbour bridge will  reopen on 14 March!".into();
    assert_eq!(prints(&corpus), before);
    corpus.claims[0].content = "the harbour bridge will reopen on 15 March".into();
    assert_ne!(prints(&corpus)[0], before[0]);
    // So does the rule or the kind.
    let mut corpus = sample();
    corpus.findings[0].rule = "another-rule".into();
    assert_ne!(prints(&corpus)[0], before[0]);
    let mut corpus = sample();
    corpus.findings[0].kind = FindingKind::Update;
    assert_ne!(prints(&corpus)[0], before[0]);
}

#[test]
fn a_baseline_accepts_known_findings_and_fails_new_ones() {
    let corpus = sample();
    let index = Index::new(&corpus);
    // Accept only the contradiction.
    let baseline = Baseline::record(corpus.findings.iter().take(1), &index, None);
    assert_eq!(baseline.findings.len(), 1);
    let mut c = sample();
    let o = check::apply(&mut c, &Policy::default(), Some(&baseline), None);
    let states = o.states.clone().unwrap();
    assert_eq!(states[&corpus.findings[0].id], BaselineState::Unchanged);
    assert_eq!(states[&corpus.findings[2].id], BaselineState::New);
    assert_eq!(o.failing, BTreeSet::from([corpus.findings[2].id.clone()]));
    assert!(o.stale.is_empty());
    assert_eq!(o.exit_code(false), 1);

    // Accept everything that fails: exit 0.
    let all = Baseline::record(corpus.findings.iter(), &index, None);
    let mut c = sample();
    let o = check::apply(&mut c, &Policy::default(), Some(&all), None);
    assert!(o.failing.is_empty());
    assert_eq!(o.exit_code(false), 0);
}

#[test]
fn stale_entries_are_reported_and_pruned_and_reasons_kept() {
    let corpus = sample();
    let index = Index::new(&corpus);
    let mut baseline = Baseline::record(corpus.findings.iter(), &index, None);
    for e in &mut baseline.findings {
        e.reason = format!("reviewed {}", e.kind.as_str());
    }
    // The misquote's article was edited: its finding is gone.
    let mut edited = sample();
    edited.findings.retain(|f| f.kind != FindingKind::Misquote);
    let mut c = edited.clone();
    let o = check::apply(&mut c, &Policy::default(), Some(&baseline), None);
    assert_eq!(o.stale.len(), 1);
    assert!(o.failing.is_empty());

    let current: BTreeSet<String> = prints(&edited).into_iter().collect();
    let (pruned, removed) = baseline.pruned(&current);
    assert_eq!(removed, 1);
    assert_eq!(pruned.findings.len(), 2);
    assert!(
        pruned
            .findings
            .iter()
            .all(|e| e.reason.starts_with("reviewed"))
    );

    // Re-recording keeps the reasons of entries that still match.
    let index = Index::new(&edited);
    let again = Baseline::record(edited.findings.iter(), &index, Some(&baseline));
    assert!(
        again
            .findings
            .iter()
            .all(|e| e.reason.starts_with("reviewed"))
    );
    // And the file round-trips.
    assert_eq!(Baseline::parse(&again.to_json()).unwrap(), again);
}

#[test]
fn since_keeps_findings_that_touch_a_changed_article() {
    let dir = tempfile::tempdir().unwrap();
    let corpus0 = sample();
    let mut corpus = corpus0.clone();
    for a in &mut corpus.articles {
        let p = dir.path().join(&a.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, &a.text).unwrap();
        a.path = p.display().to_string();
    }
    // Only the star (in the misquote) changed.
    let star = std::fs::canonicalize(dir.path().join("news/star.txt")).unwrap();
    let changed = Changed {
        rev: "HEAD~1".into(),
        files: BTreeSet::from([star]),
    };
    let mut c = corpus.clone();
    let o = check::apply(&mut c, &Policy::default(), None, Some(&changed));
    assert_eq!(c.findings.len(), 1);
    assert_eq!(c.findings[0].kind, FindingKind::Misquote);
    assert_eq!(o.failing.len(), 1);

    // Stale entries are judged on every finding, not only those in scope.
    let index = Index::new(&corpus0);
    let baseline = Baseline::record(corpus0.findings.iter(), &index, None);
    let mut c = corpus.clone();
    let o = check::apply(&mut c, &Policy::default(), Some(&baseline), Some(&changed));
    assert!(o.stale.is_empty());
    assert!(o.failing.is_empty());

    // Nothing changed: nothing reported.
    let none = Changed::default();
    let mut c = corpus.clone();
    let o = check::apply(&mut c, &Policy::default(), None, Some(&none));
    assert!(c.findings.is_empty() && o.exit_code(false) == 0);
}
