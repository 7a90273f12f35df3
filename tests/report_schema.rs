//! The JSON report, its JSON Lines form, the baseline file and SARIF, validated against
//! their schemas: `schemas/report-v1.schema.json`, `schemas/baseline-v1.schema.json` and
//! the SARIF 2.1.0 schema (copied into `tests/schemas/`). Both synthetic corpora and the
//! real binary's output on the fixtures are checked.

mod common;

use assert_cmd::Command;
use common::*;
use crosscheck::baseline::{Baseline, BaselineState};
use crosscheck::report::{self, CheckSummary, Context, Index, OutputFormat, RenderOptions};

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).expect("valid JSON")
}

fn check_context(corpus: &crosscheck::pipeline::Corpus) -> Context {
    Context {
        baseline: Some(
            corpus
                .findings
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let s = if i == 0 {
                        BaselineState::Unchanged
                    } else {
                        BaselineState::New
                    };
                    (f.id.clone(), s)
                })
                .collect(),
        ),
        failing: Some(
            corpus
                .findings
                .iter()
                .skip(1)
                .map(|f| f.id.clone())
                .collect(),
        ),
        check: Some(CheckSummary {
            fail_on: report::DEFAULT_FAIL_ON.to_vec(),
            min_confidence: 0.5,
            baseline: Some("crosscheck-baseline.json".into()),
            since: Some("main".into()),
            failing: 2,
            baselined: 1,
            stale: vec!["0123456789abcdef0123456789abcdef".into()],
        }),
        absent: vec![stale_entry()],
        ..Default::default()
    }
}

/// A baseline entry that matches nothing, with hostile text in its topic and reason.
fn stale_entry() -> crosscheck::baseline::Entry {
    crosscheck::baseline::Entry {
        fingerprint: "0123456789abcdef0123456789abcdef".into(),
        kind: crosscheck::model::FindingKind::Misquote,
        rule: "quote-words".into(),
        topic: "old [dispute](https://evil.example)".into(),
        claims: vec![
            crosscheck::baseline::EntryClaim {
                article: "gone".into(),
                path: "news/gone.txt".into(),
                line: 3,
                speaker: "Ana Diaz".into(),
                content: "we will reopen in May".into(),
            },
            crosscheck::baseline::EntryClaim {
                article: "other".into(),
                path: "news/other file.txt".into(),
                line: 0,
                speaker: "Ana Diaz".into(),
                content: "we reopen in June".into(),
            },
        ],
        reason: "known dispute, reviewed 2025-12-04".into(),
    }
}

#[test]
fn report_json_validates() {
    let v = validator("schemas/report-v1.schema.json");
    for corpus in [sample(), hostile(), Default::default()] {
        assert_valid(&v, &json(&report::json(&corpus)), "report");
        let ctx = check_context(&corpus);
        let out = report::render_with(&corpus, OutputFormat::Json, RenderOptions::default(), &ctx);
        assert_valid(&v, &json(&out), "check report");
    }
}

#[test]
fn the_schema_rejects_what_it_should() {
    let v = validator("schemas/report-v1.schema.json");
    let mut doc = json(&report::json(&sample()));
    assert!(v.is_valid(&doc));
    doc["findings"][0]["kind"] = "rumour".into();
    assert!(!v.is_valid(&doc), "unknown kind accepted");
    let mut doc = json(&report::json(&sample()));
    doc["claims"][0]["surprise"] = 1.into();
    assert!(!v.is_valid(&doc), "unknown claim field accepted");
    let mut doc = json(&report::json(&sample()));
    doc["schema"] = "crosscheck/report/v2".into();
    assert!(!v.is_valid(&doc), "other schema accepted");
}

#[test]
fn report_jsonl_records_validate() {
    let v = record_validator();
    for corpus in [sample(), hostile()] {
        let ctx = check_context(&corpus);
        let out = report::render_with(&corpus, OutputFormat::Jsonl, RenderOptions::default(), &ctx);
        let mut n = 0;
        for line in out.lines() {
            assert_valid(&v, &json(line), line);
            n += 1;
        }
        assert!(n > 5);
    }
    assert!(!v.is_valid(&serde_json::json!({"record": "article", "id": "x"})));
}

#[test]
fn sarif_validates() {
    let v = sarif_validator();
    for corpus in [sample(), hostile(), Default::default()] {
        let out = report::render(&corpus, OutputFormat::Sarif, RenderOptions::default());
        assert_valid(&v, &json(&out), "SARIF");
        let ctx = check_context(&corpus);
        let out = report::render_with(&corpus, OutputFormat::Sarif, RenderOptions::default(), &ctx);
        let doc = json(&out);
        assert_valid(&v, &doc, "SARIF with baseline");
        if corpus.findings.len() > 1 {
            let states: Vec<&str> = doc["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["baselineState"].as_str().unwrap())
                .collect();
            assert!(states.contains(&"new") && states.contains(&"unchanged"));
        }
        // The stale entry is one more result, absent, raising no alert.
        let results = doc["runs"][0]["results"].as_array().unwrap();
        let absent: Vec<&serde_json::Value> = results
            .iter()
            .filter(|r| r["baselineState"] == "absent")
            .collect();
        assert_eq!(absent.len(), 1, "{doc:#}");
        let r = absent[0];
        assert_eq!(r["level"], "none");
        assert_eq!(r["kind"], "informational");
        assert_eq!(r["ruleId"], "misquote");
        assert_eq!(
            r["partialFingerprints"]["crosscheckFinding/v1"],
            "0123456789abcdef0123456789abcdef"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "news/gone.txt");
        assert_eq!(loc["region"]["startLine"], 3);
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
            1
        );
        assert!(!r["message"]["text"].as_str().unwrap().contains("[dispute]"));
        // Without a baseline there is no absent result.
        let plain = json(&report::render(
            &corpus,
            OutputFormat::Sarif,
            RenderOptions::default(),
        ));
        assert!(
            plain["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r.get("baselineState").is_none())
        );
    }
    // The validator does reject broken SARIF.
    assert!(!v.is_valid(&serde_json::json!({"version": "2.1.0", "runs": [{"results": 3}]})));
}

#[test]
fn baseline_file_validates() {
    let v = validator("schemas/baseline-v1.schema.json");
    let corpus = sample();
    let index = Index::new(&corpus);
    let b = Baseline::record(corpus.findings.iter(), &index, None);
    assert_valid(&v, &json(&b.to_json()), "baseline");
}

fn bin() -> Command {
    let mut c = Command::cargo_bin("crosscheck").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("CI");
    c
}

#[test]
fn check_with_a_stale_baseline_writes_absent_sarif_results() {
    let v = sarif_validator();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("news")).unwrap();
    std::fs::write(
        dir.path().join("news/calm.txt"),
        "Harbour works go on\n\nMayor Ana Diaz said the harbour works will end in May.\n",
    )
    .unwrap();
    let b = Baseline {
        findings: vec![stale_entry()],
        ..Default::default()
    };
    std::fs::write(dir.path().join("crosscheck-baseline.json"), b.to_json()).unwrap();
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("CI")
        .args([
            "check",
            "--format",
            "sarif",
            "--baseline",
            "crosscheck-baseline.json",
            "news",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&String::from_utf8_lossy(&out.stdout));
    assert_valid(&v, &doc, "check SARIF with a stale baseline");
    let states: Vec<&str> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["baselineState"].as_str())
        .collect();
    assert_eq!(states, ["absent"], "{doc:#}");
}

#[test]
fn real_output_on_the_fixtures_validates() {
    let report_v = validator("schemas/report-v1.schema.json");
    let record_v = record_validator();
    let sarif_v = sarif_validator();
    let baseline_v = validator("schemas/baseline-v1.schema.json");
    for dir in ["fixtures/articles", "fixtures/varied"] {
        let out = bin()
            .args(["report", "--format", "json", dir])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_valid(&report_v, &json(&String::from_utf8_lossy(&out.stdout)), dir);

        let out = bin()
            .args(["report", "--format", "jsonl", dir])
            .output()
            .unwrap();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            assert_valid(&record_v, &json(line), line);
        }

        let out = bin()
            .args(["check", "--format", "json", dir])
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1));
        assert_valid(&report_v, &json(&String::from_utf8_lossy(&out.stdout)), dir);

        let out = bin()
            .args(["check", "--format", "sarif", dir])
            .output()
            .unwrap();
        assert_valid(&sarif_v, &json(&String::from_utf8_lossy(&out.stdout)), dir);

        let out = bin().args(["baseline", dir]).output().unwrap();
        assert!(out.status.success());
        assert_valid(
            &baseline_v,
            &json(&String::from_utf8_lossy(&out.stdout)),
            dir,
        );
    }
}
