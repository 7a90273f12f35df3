//! The command line around findings: `explain`, `report --min-confidence`,
//! `report --single-source`, `eval` with a findings gold, and the rule files.

use assert_cmd::Command;

fn crosscheck() -> Command {
    Command::cargo_bin("crosscheck").unwrap()
}

#[test]
fn explain_an_unknown_finding_is_a_usage_error() {
    let out = crosscheck()
        .args(["explain", "F-0000000000", "fixtures/event"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no finding \"F-0000000000\""), "{err}");
}

#[test]
fn min_confidence_must_be_between_0_and_1() {
    let out = crosscheck()
        .args(["report", "--min-confidence", "1.5", "fixtures/event"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("between 0 and 1"));
}

#[test]
fn report_accepts_the_findings_flags() {
    let out = crosscheck()
        .args([
            "report",
            "--format",
            "json",
            "--min-confidence",
            "0",
            "--single-source",
            "fixtures/event",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["findings"].is_array());
}

#[test]
fn eval_scores_a_findings_gold() {
    let out = crosscheck()
        .args([
            "eval",
            "--gold",
            "tests/gold/event-findings.json",
            "fixtures/event",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("findings: gold 18"), "{text}");
    for kind in [
        "agreement",
        "contradiction",
        "update",
        "misquote",
        "misattribution",
    ] {
        assert!(text.contains(kind), "{text}");
    }
}

#[test]
fn a_bad_findings_gold_names_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("g.json");
    std::fs::write(
        &gold,
        r#"{"schema": "crosscheck/findings-gold/v1", "findings": [{"id": "x", "kind": "agreement", "claims": [{"article": "a", "line": 1}]}]}"#,
    )
    .unwrap();
    let out = crosscheck()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg("fixtures/event")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("g.json") && err.contains("at least two claims"),
        "{err}"
    );
}

#[test]
fn the_comparer_rule_files_are_listed_and_checked() {
    let out = crosscheck().args(["rules", "list"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("frames.toml") && text.contains("antonyms.toml"),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("frames.toml"),
        "[[frame]]\nname = \"x\"\nkind = \"quantity\"\nkeywords = [\"x\"]\n",
    )
    .unwrap();
    let out = crosscheck()
        .args(["rules", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs units"));
}
