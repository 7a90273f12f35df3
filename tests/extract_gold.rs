//! The extractor against hand-made gold annotations (tests/gold/*.json): the team's
//! yardstick. Prints the scores so that `cargo test -- --nocapture` shows them.

use crosscheck::eval::{Gold, Scores, score};
use crosscheck::pipeline::{Options, extract_all};
use crosscheck::rules::Rules;
use std::path::Path;

fn scores(gold: &str, folder: &str) -> Scores {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = Rules::embedded().expect("built-in rules compile");
    let gold = Gold::read(&root.join(gold)).expect("gold file reads");
    let corpus = extract_all(
        &[root.join(folder)],
        &Options {
            jobs: 1,
            ..Options::default()
        },
        &rules,
    )
    .expect("pipeline runs");
    let canonical = |o: &str| rules.extract.outlet(o).unwrap_or(o).to_string();
    let s = score(&gold, &corpus.claims, &canonical);
    println!(
        "{folder}: gold {} predicted {} matched {} | recall {:.3} precision {:.3} F1 {:.3} | speaker {:.3} outlet {:.3}",
        s.gold,
        s.predicted,
        s.matched,
        s.recall,
        s.precision,
        s.f1,
        s.speaker_accuracy,
        s.outlet_accuracy
    );
    s
}

fn assert_targets(s: &Scores, what: &str) {
    let report = crosscheck::eval::render_text(s);
    assert!(
        s.recall >= 0.95,
        "{what}: recall {:.3} < 0.95\n{report}",
        s.recall
    );
    assert!(
        s.precision >= 0.95,
        "{what}: precision {:.3} < 0.95\n{report}",
        s.precision
    );
    assert!(
        s.speaker_accuracy >= 0.95,
        "{what}: speaker accuracy {:.3} < 0.95\n{report}",
        s.speaker_accuracy
    );
}

#[test]
fn bundled_corpus_meets_the_targets() {
    let s = scores("tests/gold/articles.json", "fixtures/articles");
    assert!(s.gold >= 40, "the gold should cover the bundled corpus");
    assert_targets(&s, "fixtures/articles");
}

#[test]
fn varied_corpus_meets_the_targets() {
    let s = scores("tests/gold/varied.json", "fixtures/varied");
    assert!(s.gold >= 150);
    assert_targets(&s, "fixtures/varied");
}

/// The blind set (fixtures/blind2, written by someone who had not seen the rules; first
/// scored at recall 0.857, precision 0.981, speaker 0.843). Tuned on since, so a floor
/// against regressions below today's figures, not the targets above.
#[test]
fn blind_set_stays_above_its_floor() {
    let s = scores("tests/gold/blind2.json", "fixtures/blind2");
    assert!(s.gold >= 100);
    assert!(s.recall >= 0.9, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.95, "precision {:.3}", s.precision);
    assert!(
        s.speaker_accuracy >= 0.88,
        "speaker {:.3}",
        s.speaker_accuracy
    );
}

/// The third blind set (fixtures/blind3, session 8), never tuned on for extraction: its
/// first score (recall 0.895, precision 0.937, speaker 0.790) is the field estimate. A
/// floor against regressions.
#[test]
fn third_blind_set_stays_above_its_floor() {
    let s = scores("tests/gold/blind3.json", "fixtures/blind3");
    assert!(s.gold >= 120);
    assert!(s.recall >= 0.88, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.92, "precision {:.3}", s.precision);
    assert!(
        s.speaker_accuracy >= 0.90,
        "speaker {:.3}",
        s.speaker_accuracy
    );
}

/// The fourth blind set (fixtures/blind4, session 12), never tuned on: its first score
/// (recall 0.839, precision 0.943, speaker 0.809) is the field estimate. A floor
/// against regressions, raised in session 13 (extract5: recall 0.956, precision 0.978,
/// speaker 0.863 after tuning on it); speaker floor raised in session 14 (extract6:
/// organisation references, speaker 0.878).
#[test]
fn fourth_blind_set_stays_above_its_floor() {
    let s = scores("tests/gold/blind4.json", "fixtures/blind4");
    assert!(s.gold >= 130);
    assert!(s.recall >= 0.93, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.96, "precision {:.3}", s.precision);
    assert!(
        s.speaker_accuracy >= 0.87,
        "speaker {:.3}",
        s.speaker_accuracy
    );
}

/// The fifth blind set (fixtures/blind5, session 13): its first, untuned score (recall
/// 0.836, precision 0.929, speaker 0.821) is the field estimate. A floor just under the
/// figures after tuning on it (extract5: recall 0.921, precision 0.949, speaker 0.853;
/// extract6: speaker 0.891).
#[test]
fn fifth_blind_set_stays_above_its_floor() {
    let s = scores("tests/gold/blind5.json", "fixtures/blind5");
    assert!(s.gold >= 135);
    assert!(s.recall >= 0.90, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.93, "precision {:.3}", s.precision);
    assert!(
        s.speaker_accuracy >= 0.88,
        "speaker {:.3}",
        s.speaker_accuracy
    );
}

/// The sixth blind set (fixtures/blind6, session 14: a solvent leak, a science retraction,
/// a hospital strike; notes/blind6.md), written blind and never tuned on: its first score
/// (recall 0.919, precision 0.947, speaker 0.758) is the field estimate; speaker 0.790 after
/// session 14's organisation and role-reference rules (docs/extract6.md, written without
/// looking at this set). A floor just under it.
#[test]
fn sixth_blind_set_stays_above_its_floor() {
    let s = scores("tests/gold/blind6.json", "fixtures/blind6");
    assert!(s.gold >= 130);
    assert!(s.recall >= 0.90, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.93, "precision {:.3}", s.precision);
    assert!(
        s.speaker_accuracy >= 0.77,
        "speaker {:.3}",
        s.speaker_accuracy
    );
}

/// The seventh blind set (fixtures/blind7, session 15: an airline IT outage, a bridge
/// closure, a cycling doping case; notes/blind7.md), written blind and never tuned on: first
/// scored at recall 0.880, precision 0.928, speaker 0.816. A floor 0.02 under it.
#[test]
fn seventh_blind_set_stays_above_its_floor() {
    let s = scores("tests/gold/blind7.json", "fixtures/blind7");
    assert!(s.gold >= 115);
    assert!(s.recall >= 0.86, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.90, "precision {:.3}", s.precision);
    assert!(
        s.speaker_accuracy >= 0.79,
        "speaker {:.3}",
        s.speaker_accuracy
    );
}

#[test]
fn eval_is_honest_about_nothing_extracted() {
    // An empty prediction scores zero recall, not a pass.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = Gold::read(&root.join("tests/gold/articles.json")).unwrap();
    let s = score(&gold, &[], &|o: &str| o.to_string());
    assert_eq!(s.matched, 0);
    assert_eq!(s.recall, 0.0);
}
