//! `crosscheck check` and `crosscheck baseline` through the binary: exit codes, baseline
//! files, `--save`, `--cache`, `--since`, no progress bar off a terminal, and hostile
//! article text kept away from the terminal. Findings themselves need the comparer; the
//! decisions on findings are tested on synthetic corpora in `ci_baseline.rs`.

use assert_cmd::Command;
use std::path::Path;

const CALM: &str = "Harbour works go on\n\nMayor Ana Diaz said the harbour works will end in May.\n\"We are on schedule,\" she told reporters.\n";

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("crosscheck").unwrap();
    c.current_dir(dir);
    c.env_remove("CI");
    c.env_remove("NO_COLOR");
    c.env("COLUMNS", "120");
    c
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("news")).unwrap();
    std::fs::write(dir.path().join("news/calm.txt"), CALM).unwrap();
    dir
}

fn code(out: &std::process::Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_clean_corpus_exits_0() {
    let dir = corpus();
    let out = bin(dir.path()).args(["check", "news"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("0 findings fail the run"));
    assert!(text(&out.stderr).contains("0 fail the run"));
}

#[test]
fn an_unreadable_input_exits_2_even_with_exit_zero() {
    let dir = corpus();
    std::fs::write(dir.path().join("news/binary.txt"), b"\x00\x01\x02garbage").unwrap();
    for extra in [&[][..], &["--exit-zero"][..]] {
        let out = bin(dir.path())
            .args(["check", "news"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{}", text(&out.stderr));
        let err = text(&out.stderr);
        assert!(
            err.contains("binary.txt") && err.contains("could not be read"),
            "{err}"
        );
        // The report was still written: the unreadable input listed, the other counted.
        let report = text(&out.stdout);
        assert!(
            report.contains("binary.txt") && report.contains("skipped"),
            "{report}"
        );
        assert!(
            report.contains("1 other article read, in no finding."),
            "{report}"
        );
    }
    let out = bin(dir.path())
        .args(["check", "news/calm.txt", "news/missing.txt"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
}

#[test]
fn bad_flags_and_baselines_exit_2_with_a_message() {
    let dir = corpus();
    let cases: &[(&[&str], &str)] = &[
        (
            &["check", "--fail-on", "rumour", "news"],
            "unknown finding kind",
        ),
        (
            &["check", "--min-confidence", "1.5", "news"],
            "between 0 and 1",
        ),
        (&["check", "--baseline", "nope.json", "news"], "nope.json"),
        (&["check", "--save", "pdf=x.pdf", "news"], "pdf"),
        (&["baseline", "--prune", "news"], "--baseline"),
    ];
    for (args, needle) in cases {
        let out = bin(dir.path()).args(*args).output().unwrap();
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(
            text(&out.stderr).contains(needle),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    std::fs::write(dir.path().join("bad.json"), "{\"schema\":\"eslint\"}").unwrap();
    let out = bin(dir.path())
        .args(["check", "--baseline", "bad.json", "news"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        text(&out.stderr).contains("bad.json"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn baseline_writes_a_file_and_prune_rewrites_it_in_place() {
    let dir = corpus();
    let out = bin(dir.path()).args(["baseline", "news"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let b = crosscheck::baseline::Baseline::parse(&text(&out.stdout)).unwrap();
    assert_eq!(b.schema, "crosscheck/baseline/v1");

    // An entry that matches nothing is stale: check says so, prune removes it.
    let stale = serde_json::json!({
        "schema": "crosscheck/baseline/v1",
        "findings": [{"fingerprint": "0123456789abcdef0123456789abcdef", "kind": "contradiction",
                      "rule": "r", "topic": "t", "claims": [], "reason": "known dispute"}]
    });
    let path = dir.path().join("crosscheck-baseline.json");
    std::fs::write(&path, serde_json::to_string_pretty(&stale).unwrap()).unwrap();
    let out = bin(dir.path())
        .args(["check", "--baseline", "crosscheck-baseline.json", "news"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
    assert!(
        text(&out.stderr).contains("stale baseline entry 0123456789abcdef0123456789abcdef"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("1 stale baseline entry"));

    let out = bin(dir.path())
        .args([
            "baseline",
            "--prune",
            "--baseline",
            "crosscheck-baseline.json",
            "news",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "prune writes the file, not stdout");
    assert!(text(&out.stderr).contains("removed 1 stale entries"));
    let pruned = crosscheck::baseline::Baseline::read(&path).unwrap();
    assert!(pruned.findings.is_empty());
}

#[test]
fn baseline_refuses_to_write_when_an_input_is_unreadable() {
    let dir = corpus();
    std::fs::write(dir.path().join("news/binary.txt"), b"\x00\x00").unwrap();
    let out = bin(dir.path())
        .args(["baseline", "news", "--output", "b.json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(!dir.path().join("b.json").exists());
}

#[test]
fn save_writes_every_format_asked_for() {
    let dir = corpus();
    let out = bin(dir.path())
        .args([
            "check",
            "news",
            "--format",
            "github",
            "--save",
            "sarif=out/crosscheck.sarif",
            "--save",
            "markdown=summary.md",
            "--save",
            "html=report.html",
        ])
        .output()
        .unwrap();
    // out/ does not exist: that is an error, reported with the path.
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("out/crosscheck.sarif"));
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let out = bin(dir.path())
        .args([
            "check",
            "news",
            "--format",
            "github",
            "--save",
            "sarif=out/crosscheck.sarif",
            "--save",
            "markdown=summary.md",
            "--save",
            "html=report.html",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/crosscheck.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let md = std::fs::read_to_string(dir.path().join("summary.md")).unwrap();
    assert!(md.starts_with("# crosscheck report"));
    assert!(md.contains("0 findings fail the run"));
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
}

#[test]
fn the_cache_is_filled_then_reused_with_the_same_output() {
    let dir = corpus();
    for i in 0..5 {
        std::fs::write(
            dir.path().join(format!("news/extra{i}.txt")),
            format!("Note {i}\n\nOfficial Bo Lin said the road {i} is closed.\n"),
        )
        .unwrap();
    }
    let run = |cache: bool| {
        let mut c = bin(dir.path());
        c.args(["report", "--format", "json", "news"]);
        if cache {
            c.args(["--cache", "cache-dir"]);
        }
        let out = c.output().unwrap();
        assert_eq!(code(&out), 0, "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let plain = run(false);
    let cold = run(true);
    let entries = |d: &Path| {
        walk(d)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .count()
    };
    assert_eq!(entries(&dir.path().join("cache-dir")), 6);
    let warm = run(true);
    assert_eq!(plain, cold);
    assert_eq!(cold, warm);
    // A changed article gets a new entry; the others are reused.
    std::fs::write(
        dir.path().join("news/extra0.txt"),
        "Changed\n\nBo Lin said no.\n",
    )
    .unwrap();
    run(true);
    assert_eq!(entries(&dir.path().join("cache-dir")), 7);
    // A cache that cannot be created is an error.
    std::fs::write(dir.path().join("file"), "x").unwrap();
    let out = bin(dir.path())
        .args(["check", "news", "--cache", "file/sub"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
}

fn walk(d: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    if let Ok(rd) = std::fs::read_dir(d) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..crosscheck::progress::MIN_ARTICLES + 10 {
        std::fs::write(
            dir.path().join(format!("a{i:04}.txt")),
            format!("Item {i}\n\nClerk Mo Ray said item {i} is filed.\n"),
        )
        .unwrap();
    }
    let out = bin(dir.path()).args(["check", "."]).output().unwrap();
    assert_eq!(code(&out), 0);
    let err = text(&out.stderr);
    assert!(
        !err.contains("extracting") && !err.contains('\u{1b}'),
        "{err}"
    );
}

fn git(dir: &Path, args: &[&str]) {
    let st = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .unwrap();
    assert!(st.status.success(), "git {args:?}: {}", text(&st.stderr));
}

#[test]
fn since_asks_git_and_fails_cleanly_outside_a_repository() {
    let dir = corpus();
    let out = bin(dir.path())
        .args(["check", "--since", "HEAD", "news"])
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("git"), "{}", text(&out.stderr));

    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "first"]);
    std::fs::write(dir.path().join("news/new.txt"), CALM.replace("May", "June")).unwrap();
    let out = bin(dir.path())
        .args(["check", "--since", "HEAD", "--format", "json", "news"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["check"]["since"], "HEAD");
    let out = bin(dir.path())
        .args(["check", "--since", "no-such-rev", "news"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("no-such-rev"));
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let evil_name = "evil\u{1b}]0;owned\u{7}\u{1b}[2J.md";
    let article = "---\ntitle: \"\\e]0;title\\a Title\"\noutlet: \"\\e[31mRed News\\e[0m\"\npublished: 2025-03-01\n---\n\
                   Harbour\u{1b}[2J news \u{9b}31m\n\nMayor Ana Diaz said the \u{1b}]8;;http://evil.example\u{1b}\\works\u{1b}]8;;\u{1b}\\ end in May.\u{7}\n";
    std::fs::write(dir.path().join(evil_name), article).unwrap();
    std::fs::write(dir.path().join("plain.txt"), CALM).unwrap();
    for args in [
        &["report", "--format", "table", "--color", "never", "."][..],
        &["check", "."][..],
        &["extract", "--format", "table", "."][..],
        &["segment", evil_name][..],
        &["check", "--format", "github", "."][..],
        &["check", "--format", "markdown", "."][..],
    ] {
        let out = bin(dir.path()).args(args).output().unwrap();
        assert!(code(&out) < 2, "{args:?}: {}", text(&out.stderr));
        for (what, s) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let s = text(s);
            for bad in ['\u{1b}', '\u{7}', '\u{9b}'] {
                assert!(!s.contains(bad), "{args:?} {what} has {bad:?}: {s:?}");
            }
        }
    }
    // The article itself was read, not skipped.
    let out = bin(dir.path())
        .args(["report", "--format", "json", "."])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["articles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["status"] == "ok")
    );
}
