//! The "Use it in CI" workflow of README.md, end to end: the same command lines, run by
//! `sh` with the real binary on PATH, in a temporary git repository of articles.
//!
//! 1. Adopt: record a baseline of the existing articles, commit it.
//! 2. Check (GitHub and GitLab command lines): exit 0, valid SARIF, a step summary.
//! 3. Add an article that contradicts an earlier one: `check` fails with exit 1 and a SARIF
//!    result at the new article's line (`new_contradiction_fails_until_baselined`).
//! 4. Baseline it: `check` exits 0 again.
//!
//! `docs_show_the_commands_the_tests_run` keeps the document and this test in step.

mod common;

use common::{assert_valid, sarif_validator};
use std::path::Path;
use std::process::Output;

const ADOPT: &str = "crosscheck baseline articles/ > crosscheck-baseline.json";
const GITHUB_CHECK: &str = "crosscheck check articles/ --baseline crosscheck-baseline.json --cache .crosscheck-cache --format github --save sarif=crosscheck.sarif --save markdown=crosscheck-summary.md";
const STEP_SUMMARY: &str = "cat crosscheck-summary.md >> \"$GITHUB_STEP_SUMMARY\"";
const GITLAB_CHECK: &str = "crosscheck check articles/ --baseline crosscheck-baseline.json --cache .crosscheck-cache --since \"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\" --save sarif=crosscheck.sarif --save html=crosscheck-report.html";
const ACCEPT: &str = "crosscheck baseline articles/ --baseline crosscheck-baseline.json --output crosscheck-baseline.json";
const PRUNE: &str = "crosscheck baseline --prune --baseline crosscheck-baseline.json articles/";

const HERALD: &str = "---\ntitle: Harbour bridge to reopen\noutlet: Harbour Herald\npublished: 2025-03-03\n---\n\
Harbour bridge to reopen in March\n\n\
Mayor Ana Diaz said the repairs to the harbour bridge will cost 4 million euros.\n\
\"The bridge reopens on 14 March,\" Diaz told reporters on Monday.\n";
const POST: &str = "---\ntitle: Bridge repairs on budget\noutlet: Valley Post\npublished: 2025-03-04\n---\n\
Bridge repairs on budget, mayor says\n\n\
The repairs to the harbour bridge will cost 4 million euros, Mayor Ana Diaz said on Tuesday.\n\
Traffic will return on 14 March, she added.\n";
/// Contradicts the herald and the post on the cost.
const STAR: &str = "---\ntitle: Bridge bill grows\noutlet: Evening Star\npublished: 2025-03-06\n---\n\
Bridge bill grows\n\n\
Residents queued at the town hall on Thursday.\n\
Mayor Ana Diaz said the repairs to the harbour bridge will cost 9 million euros.\n";

fn sh(dir: &Path, cmd: &str) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_crosscheck"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new("sh")
        .args(["-c", cmd])
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("CI")
        .env("GITHUB_STEP_SUMMARY", dir.join("step-summary.md"))
        .env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .unwrap()
}

fn ok(dir: &Path, cmd: &str) -> Output {
    let out = sh(dir, cmd);
    assert!(
        out.status.success(),
        "{cmd}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A repository with the herald and the post on `main`, and `origin/main` pointing there.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("articles")).unwrap();
    std::fs::write(d.join("articles/2025-03-03-herald.md"), HERALD).unwrap();
    std::fs::write(d.join("articles/2025-03-04-post.md"), POST).unwrap();
    std::fs::write(d.join(".gitignore"), ".crosscheck-cache/\n").unwrap();
    ok(
        d,
        "git init -q -b main && git add -A && git commit -qm articles",
    );
    ok(d, "git update-ref refs/remotes/origin/main HEAD");
    dir
}

fn sarif(dir: &Path) -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("crosscheck.sarif")).unwrap())
            .unwrap();
    assert_valid(&sarif_validator(), &v, "crosscheck.sarif");
    v
}

/// The 1-based line of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn the_documented_workflow_runs() {
    let dir = repo();
    let d = dir.path();
    // 1. Adopt.
    ok(d, ADOPT);
    let b = crosscheck::baseline::Baseline::read(&d.join("crosscheck-baseline.json")).unwrap();
    assert_eq!(b.schema, "crosscheck/baseline/v1");
    ok(
        d,
        "git add crosscheck-baseline.json && git commit -qm baseline",
    );

    // 2. Check as GitHub Actions would: exit 0, valid SARIF, a step summary.
    let out = ok(d, GITHUB_CHECK);
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        assert!(line.starts_with("::"), "not a workflow command: {line}");
    }
    let v = sarif(d);
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0);
    ok(d, STEP_SUMMARY);
    let summary = std::fs::read_to_string(d.join("step-summary.md")).unwrap();
    assert!(summary.contains("# crosscheck report") && summary.contains("0 findings fail the run"));
    assert!(
        d.join(".crosscheck-cache/v1").is_dir(),
        "the cache was filled"
    );

    // 3. A new article on a branch: what holds whatever the comparer finds is asserted here
    //    (the findings themselves: `new_contradiction_fails_until_baselined`).
    ok(d, "git checkout -qb more");
    std::fs::write(d.join("articles/2025-03-06-star.md"), STAR).unwrap();
    ok(d, "git add -A && git commit -qm star");
    let out = sh(d, GITHUB_CHECK);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    sarif(d);
    let out = sh(d, GITLAB_CHECK);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    sarif(d);
    let html = std::fs::read_to_string(d.join("crosscheck-report.html")).unwrap();
    assert!(html.contains("2025-03-06-star.md"));

    // 4. Accept what is there: exit 0.
    ok(d, ACCEPT);
    ok(d, GITHUB_CHECK);
    ok(d, GITLAB_CHECK);
    ok(d, PRUNE);
}

#[test]
fn new_contradiction_fails_until_baselined() {
    let dir = repo();
    let d = dir.path();
    ok(d, ADOPT);
    ok(
        d,
        "git add crosscheck-baseline.json && git commit -qm baseline",
    );
    ok(d, GITHUB_CHECK);

    std::fs::write(d.join("articles/2025-03-06-star.md"), STAR).unwrap();
    ok(d, "git add -A && git commit -qm star");
    let out = sh(d, GITHUB_CHECK);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the contradiction must fail the run"
    );
    let line = line_of(
        STAR,
        "the repairs to the harbour bridge will cost 9 million euros",
    );
    let uri = "articles/2025-03-06-star.md";
    let v = sarif(d);
    let results = v["runs"][0]["results"].as_array().unwrap();
    let at_line = |loc: &serde_json::Value| {
        loc["physicalLocation"]["artifactLocation"]["uri"] == uri
            && loc["physicalLocation"]["region"]["startLine"] == line
    };
    let hit = results.iter().find(|r| {
        r["ruleId"] == "contradiction"
            && r["baselineState"] == "new"
            && r["locations"]
                .as_array()
                .into_iter()
                .chain(r["relatedLocations"].as_array())
                .flatten()
                .any(at_line)
    });
    assert!(
        hit.is_some(),
        "no new contradiction at {uri}:{line}: {results:#?}"
    );
    let annotations = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        annotations.contains("::error file=articles/"),
        "{annotations}"
    );

    // Only the new article's findings: --since the main branch still fails.
    assert_eq!(sh(d, GITLAB_CHECK).status.code(), Some(1));

    // Baseline it: exit 0.
    ok(d, ACCEPT);
    let out = ok(d, GITHUB_CHECK);
    assert!(String::from_utf8_lossy(&out.stdout).is_empty());
    let v = sarif(d);
    assert!(
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["baselineState"] == "unchanged")
    );

    // Remove the article: its entry goes stale, prune removes it.
    ok(
        d,
        "git rm -q articles/2025-03-06-star.md && git commit -qm revert",
    );
    let out = ok(d, GITHUB_CHECK);
    assert!(String::from_utf8_lossy(&out.stderr).contains("stale baseline entry"));
    ok(d, PRUNE);
    let out = ok(d, GITHUB_CHECK);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("stale baseline entry"));
}

#[test]
fn docs_show_the_commands_the_tests_run() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    for cmd in [
        ADOPT,
        GITHUB_CHECK,
        STEP_SUMMARY,
        GITLAB_CHECK,
        ACCEPT,
        PRUNE,
    ] {
        assert!(doc.contains(cmd), "README.md does not show: {cmd}");
    }
    for needle in [
        "github/codeql-action/upload-sarif",
        "security-events: write",
        "GITHUB_STEP_SUMMARY",
        ".gitlab-ci.yml",
        "fetch-depth: 0",
    ] {
        assert!(doc.contains(needle), "README.md lacks {needle}");
    }
}
