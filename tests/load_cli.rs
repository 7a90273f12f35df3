//! The loader through the binary: every input format, metadata precedence, and bad input
//! of every kind (nothing lost, a reason for each skipped file, the documented exit code).

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

struct Run {
    code: i32,
    json: Value,
    stderr: String,
}

fn crosscheck(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::cargo_bin("crosscheck").unwrap();
    cmd.args(args).env("NO_COLOR", "1");
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    Run {
        code: out.status.code().unwrap_or(-1),
        json: serde_json::from_str(&stdout).unwrap_or(Value::Null),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn report(paths: &[&Path], extra: &[&str]) -> Run {
    let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    args.extend(["report", "--format", "json"].map(String::from));
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    crosscheck(&refs, None)
}

fn articles(run: &Run) -> &Vec<Value> {
    run.json["articles"]
        .as_array()
        .unwrap_or_else(|| panic!("no articles; stderr: {}", run.stderr))
}

/// The article whose path ends with `name` (or whose id is `name`).
fn article<'a>(run: &'a Run, name: &str) -> &'a Value {
    articles(run)
        .iter()
        .find(|a| {
            a["path"].as_str().is_some_and(|p| p.ends_with(name)) || a["id"].as_str() == Some(name)
        })
        .unwrap_or_else(|| panic!("{name} not in report: {:#}", run.json["articles"]))
}

fn status(a: &Value) -> &str {
    a["status"].as_str().unwrap_or("")
}

fn reason(a: &Value) -> String {
    a["problems"]
        .as_array()
        .and_then(|p| p.last())
        .and_then(|p| p["message"].as_str())
        .unwrap_or("")
        .to_string()
}

fn good(dir: &Path) {
    std::fs::write(
        dir.join("good.txt"),
        "Bridge reopens after repairs\nThe bridge reopened on Monday, the city said.\n",
    )
    .unwrap();
}

#[test]
fn every_format_in_the_bundled_samples() {
    let r = report(&[Path::new("fixtures/formats")], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = article(&r, "harbour_strike.md");
    assert_eq!(md["format"], "markdown");
    assert_eq!(md["outlet"], "Kyiv Post");
    assert_eq!(md["published"], "2024-03-02");
    assert_eq!(md["metadata_source"]["published"], "front_matter");
    let toml = article(&r, "school_meals.md");
    assert_eq!(toml["outlet"], "The Guardian");
    assert_eq!(toml["published"], "2023-11-05");
    let html = article(&r, "rail_tunnel.html");
    assert_eq!(html["format"], "html");
    assert_eq!(html["title"], "Rail tunnel reopens after flood repairs");
    assert_eq!(html["outlet"], "Sky News");
    assert_eq!(html["published"], "2024-10-14");
    assert_eq!(html["url"], "https://example.org/rail-tunnel");
    let txt = article(&r, "glacier_melt.txt");
    assert_eq!(txt["published"], "2024-06-03");
    assert_eq!(txt["metadata_source"]["published"], "inferred");
    assert_eq!(txt["outlet"], "Euronews");
    assert_eq!(txt["metadata_source"]["outlet"], "manifest");
    assert_eq!(txt["wire"], "Reuters");
    // JSON Lines: one article per record, ids from `id` or stem#line.
    let ids: Vec<&str> = articles(&r)
        .iter()
        .filter(|a| a["format"] == "jsonl")
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["feed-1", "wire_feed#2", "feed-3"]);
    assert_eq!(article(&r, "wire_feed#2")["published"], "2025-02-11");
    assert_eq!(article(&r, "wire_feed#2")["outlet"], "Agence France-Presse");
}

#[test]
fn html_sentences_keep_the_file_line_numbers() {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["segment", "fixtures/formats/rail_tunnel.html"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let file = std::fs::read_to_string("fixtures/formats/rail_tunnel.html").unwrap();
    let line_of = |needle: &str| {
        file.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap()
    };
    let seg_line = |needle: &str| -> usize {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not segmented:\n{text}"))
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(
        seg_line("Severn rail tunnel"),
        line_of("Severn rail tunnel")
    );
    assert_eq!(seg_line("180 trains"), line_of("180 trains"));
    for hidden in [
        "Home",
        "cookies",
        "tracking",
        "Most read",
        "Floods hit Wales",
        "Sky UK",
    ] {
        assert!(!text.contains(hidden), "{hidden} leaked:\n{text}");
    }
}

#[test]
fn precedence_flag_over_manifest_over_front_matter_over_inference() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("crosscheck.toml"),
        "[defaults]\nlanguage = \"en\"\n\n[files.\"a.md\"]\noutlet = \"Reuters\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("a.md"),
        "---\noutlet: BBC\npublished: 2023-05-06\ntitle: Front matter title\nlanguage: fr\n---\nCNN\n2022-01-01\nThe minister resigned on Friday, aides said.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("b.txt"),
        "Ferry service resumes on the island\nCNN\n2022-01-01\nThe ferry sailed again, the operator said.\n",
    )
    .unwrap();
    let r = report(&[d], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a = article(&r, "a.md");
    assert_eq!(a["outlet"], "Reuters");
    assert_eq!(a["metadata_source"]["outlet"], "manifest");
    assert_eq!(a["language"], "en");
    assert_eq!(a["metadata_source"]["language"], "manifest");
    assert_eq!(a["published"], "2023-05-06");
    assert_eq!(a["metadata_source"]["published"], "front_matter");
    assert_eq!(a["title"], "Front matter title");
    let b = article(&r, "b.txt");
    assert_eq!(b["outlet"], "CNN");
    assert_eq!(b["metadata_source"]["outlet"], "inferred");
    assert_eq!(b["published"], "2022-01-01");
    assert_eq!(b["metadata_source"]["title"], "inferred");
    // Flags beat everything.
    let r = report(&[d], &["--outlet", "Axios", "--published", "2024-02-29"]);
    for name in ["a.md", "b.txt"] {
        let a = article(&r, name);
        assert_eq!(a["outlet"], "Axios");
        assert_eq!(a["metadata_source"]["outlet"], "flag");
        assert_eq!(a["published"], "2024-02-29");
        assert_eq!(a["metadata_source"]["published"], "flag");
    }
}

#[test]
fn explicit_manifest_and_folder_keys() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("corpus/wire")).unwrap();
    std::fs::write(
        d.join("meta.toml"),
        "[files.\"corpus/wire/\"]\noutlet = \"Reuters\"\npublished = 2021-09-09\n",
    )
    .unwrap();
    std::fs::write(
        d.join("corpus/wire/x.txt"),
        "Copper hits record high\nCopper rose 2 per cent, traders said.\n",
    )
    .unwrap();
    let r = report(
        &[&d.join("corpus")],
        &["--manifest", d.join("meta.toml").to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let x = article(&r, "x.txt");
    assert_eq!(x["outlet"], "Reuters");
    assert_eq!(x["published"], "2021-09-09");
}

#[test]
fn a_broken_manifest_stops_the_run_with_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    good(d);
    std::fs::write(
        d.join("crosscheck.toml"),
        "[defaults]\noutlet = \"BBC\"\nurl = \n",
    )
    .unwrap();
    let r = report(&[d], &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("crosscheck.toml:3:"),
        "stderr: {}",
        r.stderr
    );
    std::fs::write(d.join("crosscheck.toml"), "[defaults]\noutlte = \"BBC\"\n").unwrap();
    let r = report(&[d], &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("crosscheck.toml:2:1:"),
        "stderr: {}",
        r.stderr
    );
}

#[test]
fn a_bad_published_flag_is_a_usage_error() {
    let r = report(
        &[Path::new("fixtures/formats")],
        &["--published", "next week"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--published"), "{}", r.stderr);
}

#[test]
fn standard_input_is_one_article() {
    let r = crosscheck(
        &["report", "--format", "json", "-"],
        Some(b"<!doctype html><title>Dam holds | BBC</title><p>The dam held overnight, engineers said.</p>"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a = article(&r, "stdin");
    assert_eq!(a["format"], "html");
    assert_eq!(a["title"], "Dam holds");
    assert_eq!(a["path"], "<stdin>");
}

/// One folder holding one good article and one bad input of each kind.
#[test]
fn bad_inputs_are_listed_with_reasons_and_the_rest_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    good(d);
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(d.join("blank.txt"), b"  \n\t\n\r\n").unwrap();
    std::fs::write(d.join("binary.txt"), b"PK\x03\x04\x00\x00binary").unwrap();
    std::fs::write(
        d.join("latin1.txt"),
        b"Caf\xe9 owners protest rent rise\nOwners said rents doubled.\n",
    )
    .unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Harbour reopens after storm damage\nThe harbour reopened, officials said.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(d.join("utf16.txt"), utf16).unwrap();
    std::fs::write(
        d.join("crlf.txt"),
        "Tram line extended to airport\r\nThe tram line opened on Sunday.\r\n",
    )
    .unwrap();
    std::fs::write(
        d.join("cr.txt"),
        "Library hours cut in budget\rThe library will close on Mondays.\r",
    )
    .unwrap();
    std::fs::write(
        d.join("badfront.md"),
        "---\ntitle: [unclosed\n---\nThe museum reopened, its director said.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("feed.jsonl"),
        "{\"text\": \"Rates were held, the bank said.\"}\n{\"text\": oops}\n{\"text\": \"Exports fell, the ministry said.\"}\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(d, d.join("loop")).unwrap();
    std::os::unix::fs::symlink(d.join("self.txt"), d.join("self.txt")).unwrap();
    let missing = d.join("missing.txt");
    let r = report(&[d, &missing], &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);

    assert_eq!(status(article(&r, "good.txt")), "ok");
    assert_eq!(reason(article(&r, "empty.txt")), "empty file");
    assert!(reason(article(&r, "blank.txt")).contains("no text"));
    assert!(reason(article(&r, "binary.txt")).contains("binary"));
    let latin = article(&r, "latin1.txt");
    assert_eq!(status(latin), "ok");
    assert_eq!(latin["problems"][0]["severity"], "warning");
    assert_eq!(latin["problems"][0]["line"], 1);
    assert!(reason(latin).contains("invalid UTF-8"));
    let u16 = article(&r, "utf16.txt");
    assert_eq!(status(u16), "ok");
    assert_eq!(u16["title"], "Harbour reopens after storm damage");
    assert_eq!(
        article(&r, "crlf.txt")["title"],
        "Tram line extended to airport"
    );
    assert_eq!(
        article(&r, "cr.txt")["title"],
        "Library hours cut in budget"
    );
    let bad = article(&r, "badfront.md");
    assert_eq!(status(bad), "ok");
    assert_eq!(bad["problems"][0]["line"], 2);
    assert!(reason(bad).contains("malformed front matter"));
    let broken = article(&r, "feed#2");
    assert_eq!(status(broken), "skipped");
    assert_eq!(broken["problems"][0]["line"], 2);
    assert_eq!(status(article(&r, "feed#1")), "ok");
    assert_eq!(status(article(&r, "feed#3")), "ok");
    assert!(reason(article(&r, "loop")).contains("symbolic link loop"));
    assert!(reason(article(&r, "self.txt")).contains("symbolic link loop"));
    assert!(reason(article(&r, "missing.txt")).contains("no such file"));
    // Every skipped input is also named on stderr.
    for name in ["empty.txt", "binary.txt", "missing.txt", "feed.jsonl:2"] {
        assert!(
            r.stderr.contains(name),
            "{name} not on stderr: {}",
            r.stderr
        );
    }
}

#[test]
fn an_unreadable_file_is_skipped_with_its_reason() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    good(d);
    let locked = d.join("locked.txt");
    std::fs::write(&locked, "Secret plans\nNobody can read this.\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        eprintln!("skipped: files with mode 000 are readable here (root)");
        return;
    }
    let r = report(&[d], &[]);
    assert_eq!(r.code, 3);
    assert_eq!(status(article(&r, "good.txt")), "ok");
    assert!(reason(article(&r, "locked.txt")).contains("permission denied"));
}

#[test]
fn nothing_readable_exits_2_and_still_lists_the_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(d.join("nul.md"), b"\0\0").unwrap();
    let r = report(&[d], &[]);
    assert_eq!(r.code, 2);
    assert_eq!(articles(&r).len(), 2);
    assert!(r.stderr.contains("no input could be read"));
}

#[test]
fn output_is_the_same_for_any_job_count() {
    let paths = [
        Path::new("fixtures/formats"),
        Path::new("fixtures/articles"),
    ];
    let one = report(&paths, &["--jobs", "1"]);
    let two = report(&paths, &["--jobs", "2"]);
    assert_eq!(one.code, 0);
    assert_eq!(one.json, two.json);
}

#[test]
fn manifest_defaults_apply_to_standard_input_only_when_given() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.toml");
    std::fs::write(&m, "[defaults]\noutlet = \"NPR\"\n").unwrap();
    let text: &[u8] = b"Snow closes schools\nSchools closed on Monday, officials said.\n";
    let r = crosscheck(
        &[
            "--manifest",
            m.to_str().unwrap(),
            "report",
            "--format",
            "json",
            "-",
        ],
        Some(text),
    );
    assert_eq!(article(&r, "stdin")["outlet"], "NPR");
    let r = crosscheck(&["report", "--format", "json", "-"], Some(text));
    assert_eq!(article(&r, "stdin")["outlet"], Value::Null);
}

#[test]
fn huge_lines_unbalanced_and_deep_quotes_and_deep_markup_are_read_or_skipped_with_the_size() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sentence = "The council said the bridge would reopen on Monday. ";
    // 50 MB on one line: over the default per-article limit, skipped with its size.
    let huge = sentence.repeat(50_000_000 / sentence.len());
    std::fs::write(d.join("huge.txt"), format!("Dump headline\n{huge}\n")).unwrap();
    // A long single line under the limit is read whole.
    let long = sentence.repeat(100_000 / sentence.len());
    std::fs::write(
        d.join("long.txt"),
        format!("Bridge story headline here\n{long}\n"),
    )
    .unwrap();
    let quotes = "He said \"it will open ".repeat(10_000);
    std::fs::write(
        d.join("quotes.txt"),
        format!("Quotes story headline here\n{quotes}\n"),
    )
    .unwrap();
    let nested = "\u{201c}The mayor said \u{2018}the aide said \"".repeat(500);
    std::fs::write(
        d.join("nested.txt"),
        format!("Nested quotes headline\n{nested}the dam held\".\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("deep.html"),
        "<div>".repeat(100_000) + "The dam held, engineers said.",
    )
    .unwrap();
    let r = report(&[d], &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_eq!(articles(&r).len(), 5);
    let skipped = article(&r, "huge.txt");
    assert_eq!(status(skipped), "skipped");
    assert!(
        reason(skipped).contains("too large: 47.7 MiB of text, over the limit of 8 MiB"),
        "{}",
        reason(skipped)
    );
    assert!(r.stderr.contains("huge.txt"), "{}", r.stderr);
    let long = article(&r, "long.txt");
    assert_eq!(status(long), "ok");
    assert_eq!(long["title"], "Bridge story headline here");
    for name in ["quotes.txt", "nested.txt", "deep.html"] {
        assert_eq!(status(article(&r, name)), "ok", "{name}");
    }
    let claims = r.json["claims"].as_array().unwrap();
    let from_long = claims
        .iter()
        .filter(|c| c["article"].as_str().is_some_and(|a| a.contains("long")))
        .count();
    assert_eq!(from_long, 100_000 / sentence.len());
}
