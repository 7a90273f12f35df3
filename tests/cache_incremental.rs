//! `--cache DIR` through the binary: a run with a cache (cold, unchanged, or after adding,
//! changing and removing articles) writes the same bytes, in every format, as a run
//! without one over the same corpus; a corrupted cache is ignored with a warning, gives
//! the same bytes, and is rebuilt.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const FORMATS: &[&str] = &[
    "json", "jsonl", "table", "markdown", "html", "sarif", "github", "csv",
];

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("crosscheck").unwrap();
    c.current_dir(dir);
    c.env_remove("CI");
    c.env_remove("NO_COLOR");
    c.env("COLUMNS", "120");
    c
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A corpus of the event fixtures (one story told by several outlets) and the five
/// fixture articles, minus the last event article (added later).
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    for sub in ["event", "articles"] {
        for e in std::fs::read_dir(fixtures().join(sub)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("08_") {
                continue;
            }
            std::fs::copy(&p, news.join(name)).unwrap();
        }
    }
    dir
}

/// Every format's bytes for one `report` run (one process: `--format json` plus
/// `--save` for the others), and the run's standard error.
fn report(dir: &Path, cache: Option<&str>, tag: &str) -> (Vec<(String, Vec<u8>)>, String) {
    report_with(dir, cache, None, tag)
}

/// [`report`] with `--rules DIR` when `rules` is given.
fn report_with(
    dir: &Path,
    cache: Option<&str>,
    rules: Option<&Path>,
    tag: &str,
) -> (Vec<(String, Vec<u8>)>, String) {
    let out_dir = dir.join(format!("out-{tag}"));
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut cmd = bin(dir);
    cmd.args(["report", "news", "--single-source", "--format", FORMATS[0]]);
    cmd.arg("--output").arg(out_dir.join(FORMATS[0]));
    for f in &FORMATS[1..] {
        cmd.arg("--save")
            .arg(format!("{f}={}", out_dir.join(f).display()));
    }
    if let Some(c) = cache {
        cmd.args(["--cache", c]);
    }
    if let Some(r) = rules {
        cmd.arg("--rules").arg(r);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "report failed: {stderr}");
    let files = FORMATS
        .iter()
        .map(|f| (f.to_string(), std::fs::read(out_dir.join(f)).unwrap()))
        .collect();
    (files, stderr)
}

fn assert_same(what: &str, got: &[(String, Vec<u8>)], want: &[(String, Vec<u8>)]) {
    for ((f, a), (_, b)) in got.iter().zip(want) {
        assert!(
            a == b,
            "{what}: --format {f} differs from a run without cache ({} vs {} bytes)",
            a.len(),
            b.len()
        );
    }
}

fn findings(files: &[(String, Vec<u8>)]) -> usize {
    let json: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
    json["findings"].as_array().map_or(0, Vec::len)
}

#[test]
fn cached_runs_write_the_same_bytes_as_uncached_runs() {
    let dir = corpus();
    let d = dir.path();
    let (plain, _) = report(d, None, "plain");
    assert!(findings(&plain) > 0, "the corpus gives findings to compare");
    let (cold, _) = report(d, Some("cache"), "cold");
    assert_same("cold cache", &cold, &plain);
    assert!(
        d.join("cache/v1/run.memo").is_file(),
        "the run memo is written"
    );
    let (warm, _) = report(d, Some("cache"), "warm");
    assert_same("unchanged corpus, warm cache", &warm, &plain);

    // Add an article, change one, remove one.
    let news = d.join("news");
    std::fs::copy(
        fixtures().join("event/08_meridian_parliament.md"),
        news.join("08_meridian_parliament.md"),
    )
    .unwrap();
    let changed = news.join("03_kestria_today_geneva.md");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str(
        "\n\"We will not sign anything before the vote,\" the foreign minister said on Friday.\n",
    );
    std::fs::write(&changed, text).unwrap();
    let removed = std::fs::read_dir(&news)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .min()
        .unwrap();
    std::fs::remove_file(removed).unwrap();

    let (plain2, _) = report(d, None, "plain2");
    assert_ne!(plain2[0].1, plain[0].1, "the corpus did change");
    let (warm2, _) = report(d, Some("cache"), "warm2");
    assert_same("after adding, changing and removing", &warm2, &plain2);
    let (warm3, _) = report(d, Some("cache"), "warm3");
    assert_same("unchanged again", &warm3, &plain2);
}

#[test]
fn a_rules_change_invalidates_every_cached_stage() {
    let dir = corpus();
    let d = dir.path();
    // User rules that change what `resolve` makes of the corpus: a place (claims
    // mentioning the river get its id) and a person entity with a role.
    let rules = d.join("my-rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("places.toml"),
        "[[place]]\nid = \"selva-river\"\nname = \"Selva River\"\nkind = \"place\"\n",
    )
    .unwrap();
    std::fs::write(
        rules.join("entities.toml"),
        "[[entity]]\nid = \"maria-castell\"\nkind = \"person\"\nname = \"Maria Castell\"\n\
         aliases = [\"Castell\"]\nroles = [\"UN envoy\"]\n",
    )
    .unwrap();
    let (plain, _) = report(d, None, "plain");
    let (plain_rules, _) = report_with(d, None, Some(&rules), "plain-rules");
    assert_ne!(plain[0].1, plain_rules[0].1, "the rules change the report");
    // Warm the cache without the rules, then run with them, then without again, then
    // with them after an article changed.
    report(d, Some("cache"), "cold");
    let (got, _) = report_with(d, Some("cache"), Some(&rules), "rules");
    assert_same("--rules after a run without", &got, &plain_rules);
    let (got, _) = report(d, Some("cache"), "back");
    assert_same("no --rules after a run with", &got, &plain);
    let changed = d.join("news/01_harbour_cpa_geneva.md");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nCastell said the Selva River talks resume on Monday.\n");
    std::fs::write(&changed, text).unwrap();
    let (want, _) = report_with(d, None, Some(&rules), "plain-rules2");
    report(d, Some("cache"), "warm-norules");
    let (got, _) = report_with(d, Some("cache"), Some(&rules), "rules2");
    assert_same("--rules after an article changed", &got, &want);
    let (got, _) = report_with(d, Some("cache"), Some(&rules), "rules3");
    assert_same("--rules, unchanged", &got, &want);
}

#[test]
fn a_corrupted_cache_is_ignored_with_a_warning_and_rebuilt() {
    let dir = corpus();
    let d = dir.path();
    let (plain, _) = report(d, None, "plain");
    report(d, Some("cache"), "cold");
    // Garble every file of the cache: extraction entries and the run memo.
    let mut garbled = 0;
    let mut stack = vec![d.join("cache")];
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(&p).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                std::fs::write(&path, b"\x00garbage{\"claims\": [").unwrap();
                garbled += 1;
            }
        }
    }
    assert!(garbled > 2);
    let (got, stderr) = report(d, Some("cache"), "garbled");
    assert_same("corrupted cache", &got, &plain);
    assert!(
        stderr.contains("warning") && stderr.contains("could not be read"),
        "no warning about the corrupted cache: {stderr}"
    );
    // Rebuilt: the next run reads it without complaint.
    let (again, stderr) = report(d, Some("cache"), "rebuilt");
    assert_same("rebuilt cache", &again, &plain);
    assert!(!stderr.contains("could not be read"), "{stderr}");

    // A run memo whose first line is right but whose body is cut short.
    let memo = d.join("cache/v1/run.memo");
    let bytes = std::fs::read(&memo).unwrap();
    std::fs::write(&memo, &bytes[..bytes.len() / 2]).unwrap();
    let (cut, stderr) = report(d, Some("cache"), "cut");
    assert_same("truncated run memo", &cut, &plain);
    assert!(stderr.contains("could not be read"), "{stderr}");

    // The comparer's judgements cut short (and no run memo, so that they are read).
    let judge = d.join("cache/v1/judge.memo");
    let bytes = std::fs::read(&judge).unwrap();
    std::fs::write(&judge, &bytes[..bytes.len() - bytes.len() / 3]).unwrap();
    std::fs::remove_file(&memo).unwrap();
    let (cut, stderr) = report(d, Some("cache"), "cut-judgements");
    assert_same("truncated judgements", &cut, &plain);
    assert!(stderr.contains("could not be read"), "{stderr}");
    std::fs::remove_file(&memo).unwrap();
    let (again, stderr) = report(d, Some("cache"), "judgements-rebuilt");
    assert_same("judgements rebuilt", &again, &plain);
    assert!(!stderr.contains("could not be read"), "{stderr}");
}

/// The ids of the findings of a `--format json` report.
fn finding_ids(files: &[(String, Vec<u8>)]) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
    json["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn memoised_judgements_give_the_bytes_of_a_cold_run_when_articles_are_added() {
    let dir = corpus();
    let d = dir.path();
    report(d, Some("cache"), "cold");
    assert!(
        d.join("cache/v1/judge.memo").is_file(),
        "the comparer's judgements are stored"
    );
    let news = d.join("news");
    let before = finding_ids(&report(d, None, "plain0").0);

    // An article that brings a new finding: Castell's quote, changed.
    std::fs::write(
        news.join("10_valley_post_geneva.md"),
        "---\ntitle: Envoy on the Selva talks\noutlet: Valley Post\npublished: 2026-03-12\n---\n\n\
         # Envoy on the Selva talks\n\n\
         UN envoy Maria Castell spoke to reporters in Geneva on Wednesday.\n\n\
         \"The river does belong to one nation, and so does the dam,\" Castell said.\n",
    )
    .unwrap();
    let (plain, _) = report(d, None, "plain1");
    let after = finding_ids(&plain);
    assert!(
        after.iter().any(|id| !before.contains(id)),
        "the new article brings a finding"
    );
    let (warm, _) = report(d, Some("cache"), "warm1");
    assert_same("an article with a new finding", &warm, &plain);

    // An article that joins existing findings: the draft accord's 14 articles, and the
    // talks, told once more by another outlet.
    std::fs::write(
        news.join("11_coastal_wire_geneva.md"),
        "---\ntitle: Draft accord on the Selva\noutlet: Coastal Wire\npublished: 2026-03-12\n---\n\n\
         # Draft accord on the Selva\n\n\
         Castell said the draft accord has 14 articles and still needs the approval of both \
         governments.\n\n\
         UN envoy Maria Castell said Dana Okoro and Piotr Lenz held talks in Geneva on Tuesday.\n",
    )
    .unwrap();
    let (plain2, _) = report(d, None, "plain2");
    assert_ne!(
        plain2[0].1, plain[0].1,
        "the second article changes the report"
    );
    let (warm2, _) = report(d, Some("cache"), "warm2");
    assert_same("an article joining existing findings", &warm2, &plain2);

    // A changed article (another speaker for the quote) and an unchanged rerun.
    let changed = news.join("10_valley_post_geneva.md");
    let text = std::fs::read_to_string(&changed)
        .unwrap()
        .replace("\" Castell said", "\" Okoro said");
    std::fs::write(&changed, text).unwrap();
    let (plain3, _) = report(d, None, "plain3");
    let (warm3, _) = report(d, Some("cache"), "warm3");
    assert_same("an article changed", &warm3, &plain3);
    let (warm4, _) = report(d, Some("cache"), "warm4");
    assert_same("unchanged", &warm4, &plain3);
}
