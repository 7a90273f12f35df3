//! The JSON report of the bundled corpus, as a reviewed snapshot
//! (`tests/snapshots/report_snapshot__bundled_corpus_json.snap`). A change in extraction,
//! resolution or comparison shows up here as a diff to review; accept it with
//! `INSTA_UPDATE=always cargo test --test report_snapshot` once reviewed.

use assert_cmd::Command;

#[test]
fn bundled_corpus_json() {
    let out = Command::cargo_bin("crosscheck")
        .expect("binary builds")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "report",
            "fixtures/articles",
            "--format",
            "json",
            "--jobs",
            "2",
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8(out.stdout).expect("utf-8");
    insta::assert_snapshot!(json);
}
