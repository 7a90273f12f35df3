//! Every output format on synthetic corpora (no comparer needed): layout, content,
//! determinism, and hostile article text made safe for each medium.

mod common;

use common::*;
use crosscheck::baseline::BaselineState;
use crosscheck::model::FindingKind;
use crosscheck::report::{self, Context, OutputFormat, RenderOptions};

fn opts(color: bool, width: u16) -> RenderOptions {
    RenderOptions {
        color,
        width,
        claims_table: false,
    }
}

const ALL_FORMATS: [OutputFormat; 8] = [
    OutputFormat::Table,
    OutputFormat::Json,
    OutputFormat::Jsonl,
    OutputFormat::Markdown,
    OutputFormat::Html,
    OutputFormat::Sarif,
    OutputFormat::Github,
    OutputFormat::Csv,
];

#[test]
fn every_format_is_deterministic_and_ignores_finding_order() {
    let a = sample();
    let mut b = sample();
    b.findings.reverse();
    for f in ALL_FORMATS {
        let x = report::render(&a, f, opts(false, 100));
        assert_eq!(x, report::render(&a, f, opts(false, 100)), "{f:?}");
        if !matches!(f, OutputFormat::Json | OutputFormat::Jsonl) {
            // JSON keeps the corpus order; every other format sorts.
            assert_eq!(x, report::render(&b, f, opts(false, 100)), "{f:?}");
        }
    }
}

#[test]
fn table_fits_the_width_and_wraps() {
    for width in [60u16, 80, 120] {
        let out = report::table(&sample(), opts(false, width));
        for line in out.lines() {
            assert!(
                line.chars().count() <= width as usize,
                "line wider than {width}: {line:?}"
            );
        }
        // Every claim is there, even when wrapped.
        assert!(out.contains("F-0000000001") && out.contains("14"), "{out}");
    }
    let narrow = report::table(&sample(), opts(false, 60));
    let wide = report::table(&sample(), opts(false, 200));
    assert!(narrow.lines().count() > wide.lines().count());
}

#[test]
fn table_colours_kinds_only_when_asked() {
    let plain = report::table(&sample(), opts(false, 100));
    assert!(!plain.contains('\u{1b}'));
    let coloured = report::table(&sample(), opts(true, 100));
    // Red for the contradiction.
    assert!(
        coloured.contains("\u{1b}[38;5;9m") || coloured.contains("\u{1b}[31m"),
        "{coloured:?}"
    );
}

#[test]
fn table_strips_control_characters_from_article_text() {
    let out = report::table(&hostile(), opts(false, 200));
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(!out.contains('\u{7}'));
}

#[test]
fn json_has_fingerprints_and_check_state() {
    let corpus = sample();
    let v: serde_json::Value = serde_json::from_str(&report::json(&corpus)).unwrap();
    assert_eq!(v["schema"], "crosscheck/report/v1");
    let f = &v["findings"][0];
    assert_eq!(f["fingerprint"].as_str().unwrap().len(), 32);
    assert!(f.get("baseline_state").is_none());
    assert!(v.get("check").is_none());

    let ctx = Context {
        baseline: Some(
            [(corpus.findings[0].id.clone(), BaselineState::Unchanged)]
                .into_iter()
                .collect(),
        ),
        check: Some(Default::default()),
        ..Default::default()
    };
    let v: serde_json::Value = serde_json::from_str(&report::render_with(
        &corpus,
        OutputFormat::Json,
        opts(false, 100),
        &ctx,
    ))
    .unwrap();
    assert_eq!(v["findings"][0]["baseline_state"], "unchanged");
    assert!(v["check"].is_object());
}

#[test]
fn jsonl_has_one_record_per_line_in_order() {
    let corpus = sample();
    let out = report::jsonl(&corpus);
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let kinds: Vec<&str> = records
        .iter()
        .map(|r| r["record"].as_str().unwrap())
        .collect();
    assert_eq!(kinds[0], "header");
    assert_eq!(kinds.iter().filter(|k| **k == "article").count(), 3);
    assert_eq!(kinds.iter().filter(|k| **k == "claim").count(), 5);
    assert_eq!(kinds.iter().filter(|k| **k == "finding").count(), 3);
    let mut sorted = kinds.clone();
    let rank = |k: &&str| {
        ["header", "article", "claim", "finding", "check"]
            .iter()
            .position(|x| x == k)
    };
    sorted.sort_by_key(rank);
    assert_eq!(kinds, sorted);
}

#[test]
fn markdown_has_a_findings_table_and_collapsible_evidence() {
    let out = report::markdown(&sample());
    assert!(out.contains("| finding | kind | topic |"));
    assert_eq!(out.matches("<details>").count(), 3);
    assert_eq!(out.matches("</details>").count(), 3);
    // Colons are escaped so that no address in article text becomes a link.
    assert!(out.contains("news/post.md\\:3"), "{out}");
    assert!(!out.contains("Cut to stay under"));
}

#[test]
fn markdown_stays_under_its_budget_and_says_what_it_cut() {
    let mut s = Synth::new();
    let mut text = String::from("Big\n\n");
    for i in 0..400 {
        text.push_str(&format!("Speaker {i} said the figure is {i} thousand.\n"));
    }
    s.article(
        "big",
        "news/big.txt",
        Some("Big"),
        Some("2025-01-01"),
        &text,
    );
    let mut ids = vec![];
    for i in 0..400 {
        ids.push(s.claim(
            "big",
            &format!("Speaker {i}"),
            &format!("the figure is {i} thousand"),
        ));
    }
    for i in 1..400 {
        s.finding(
            FindingKind::Contradiction,
            &format!("figure {i} {}", "long topic words ".repeat(20)),
            &[&ids[i - 1], &ids[i]],
            0.9,
        );
    }
    let corpus = s.build();
    let full = report::markdown(&corpus);
    assert!(full.len() < report::STEP_SUMMARY_LIMIT);
    for limit in [20_000usize, 60_000] {
        let ctx = Context {
            markdown_limit: Some(limit),
            ..Default::default()
        };
        let out = report::render_with(&corpus, OutputFormat::Markdown, opts(false, 100), &ctx);
        assert!(out.len() <= limit, "{} > {limit}", out.len());
        assert!(out.contains("Cut to stay under"), "no note at {limit}");
        assert!(out.contains("of 399 findings in the table"));
        // No half-open details block.
        assert_eq!(
            out.matches("<details>").count(),
            out.matches("</details>").count()
        );
    }
}

#[test]
fn markdown_neutralises_html_and_links_from_articles() {
    let out = report::markdown(&hostile());
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("<img"));
    assert!(!out.contains("<b>"));
    assert!(!out.contains("](https"));
    assert!(!out.contains('\u{1b}'));
    // The only raw HTML is crosscheck's own.
    let tags: Vec<&str> = out
        .match_indices('<')
        .map(|(i, _)| &out[i..(i + 10).min(out.len())])
        .collect();
    for t in tags {
        assert!(
            ["<details>", "<summary>", "</summary", "</details", "<br>"]
                .iter()
                .any(|ok| t.starts_with(ok)),
            "unexpected tag {t:?}"
        );
    }
}

#[test]
fn github_annotations_point_at_the_first_claim() {
    let out = report::render(&sample(), OutputFormat::Github, opts(false, 100));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let contradiction = lines
        .iter()
        .find(|l| l.contains("crosscheck contradiction"))
        .unwrap();
    // "Mayor Ana Diaz said " is 20 characters: the content starts at column 21 of line 3.
    assert!(
        contradiction.starts_with("::error file=news/herald.txt,line=3,endLine=3,col=21,endColumn=63,title=crosscheck contradiction%3A date the harbour bridge reopens::"),
        "{contradiction}"
    );
    assert!(contradiction.contains("%0Anews/post.md:3 (Valley Post)"));
    let agreement = lines.iter().find(|l| l.contains("agreement")).unwrap();
    assert!(agreement.starts_with("::notice "));
}

#[test]
fn github_annotations_cannot_be_broken_by_article_text() {
    let out = report::render(&hostile(), OutputFormat::Github, opts(false, 100));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\r'));
    let (props, _) = out.trim_start_matches("::error ").split_once("::").unwrap();
    // Property values cannot hold a raw ':' or ','.
    for p in props.split(',') {
        let (_, v) = p.split_once('=').unwrap();
        assert!(!v.contains(':'), "{p}");
    }
}

#[test]
fn github_leaves_out_findings_the_baseline_accepts() {
    let corpus = sample();
    let ctx = Context {
        baseline: Some(
            corpus
                .findings
                .iter()
                .map(|f| (f.id.clone(), BaselineState::Unchanged))
                .collect(),
        ),
        ..Default::default()
    };
    let out = report::render_with(&corpus, OutputFormat::Github, opts(false, 100), &ctx);
    assert_eq!(out, "");
}

#[test]
fn html_is_self_contained() {
    let out = report::render(&sample(), OutputFormat::Html, opts(false, 100));
    assert!(out.starts_with("<!DOCTYPE html>"));
    for bad in ["src=", "href=", "url(", "@import", "<link", "<iframe"] {
        assert!(!out.contains(bad), "external reference {bad}");
    }
    // The only addresses are the SVG namespace.
    for (i, _) in out
        .match_indices("http:")
        .chain(out.match_indices("https:"))
    {
        assert!(
            out[i..].starts_with("http://www.w3.org/2000/svg"),
            "{}",
            &out[i..i + 40]
        );
    }
    assert!(out.contains("Content-Security-Policy"));
    assert!(out.contains("default-src &#39;none&#39;"));
}

#[test]
fn html_groups_by_topic_with_pictures_and_highlights() {
    let out = report::render(&sample(), OutputFormat::Html, opts(false, 100));
    // Two topics, each with a timeline; one relay graph.
    assert_eq!(out.matches("<section class=\"topic\">").count(), 2);
    assert_eq!(out.matches("<svg class=\"timeline\"").count(), 2);
    assert_eq!(out.matches("<svg class=\"relay\"").count(), 1);
    assert_eq!(out.matches("class=\"finding\"").count(), 3);
    // The differing dates are highlighted, the shared words are not.
    assert!(out.contains("<mark>14</mark>"));
    assert!(out.contains("<mark>21</mark>"));
    assert!(!out.contains("<mark>bridge</mark> will reopen on <mark>"));
    // Filters for the kinds present.
    for k in ["contradiction", "misquote", "agreement"] {
        assert!(out.contains(&format!("data-kind=\"{k}\" checked")), "{k}");
    }
    // The relay graph shows the wire service both other outlets go through.
    assert!(
        out.contains("Coastal Press</strong> is relayed by 2 outlets"),
        "{out}"
    );
    // A red line joins the contradicting claims.
    assert!(out.contains("class=\"contradiction\""));
}

#[test]
fn html_escapes_every_piece_of_article_text() {
    let out = report::render(&hostile(), OutputFormat::Html, opts(false, 100));
    assert!(!out.contains("<script>document"), "script got through");
    assert!(!out.contains("<img"), "img got through");
    assert!(!out.contains("<b>Bad"));
    assert!(!out.contains("<svg onload"));
    assert!(!out.contains("<i>Outlet"));
    assert!(!out.contains('\u{1b}'));
    assert!(out.contains("&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;script&#39;)&lt;/script&gt;"));
    assert!(out.contains("&quot;&gt;&lt;img src=x onerror="));
    // Exactly one script element: crosscheck's own, at the end.
    assert_eq!(out.matches("<script>").count(), 1);
    assert!(out.contains(&format!("<script>{}</script>", report::html::SCRIPT)));
}

#[test]
fn sarif_locations_regions_and_related_locations() {
    let corpus = sample();
    let v: serde_json::Value = serde_json::from_str(&report::render(
        &corpus,
        OutputFormat::Sarif,
        opts(false, 100),
    ))
    .unwrap();
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 6);
    for r in rules {
        for k in ["id", "shortDescription", "fullDescription", "help"] {
            assert!(r.get(k).is_some(), "rule lacks {k}");
        }
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let c = results
        .iter()
        .find(|r| r["ruleId"] == "contradiction")
        .unwrap();
    assert_eq!(c["level"], "error");
    assert_eq!(
        rules[c["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "contradiction"
    );
    let loc = &c["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "news/herald.txt");
    assert_eq!(loc["region"]["startLine"], 3);
    assert_eq!(loc["region"]["startColumn"], 21);
    assert_eq!(loc["region"]["endLine"], 3);
    assert_eq!(loc["region"]["endColumn"], 63);
    let rel = &c["relatedLocations"][0];
    assert_eq!(rel["id"], 1);
    assert_eq!(
        rel["physicalLocation"]["artifactLocation"]["uri"],
        "news/post.md"
    );
    assert!(c["message"]["text"].as_str().unwrap().contains("](1)"));
    assert_eq!(
        c["partialFingerprints"]["crosscheckFinding/v1"]
            .as_str()
            .unwrap()
            .len(),
        32
    );
    assert!(c.get("baselineState").is_none());
    let a = results.iter().find(|r| r["ruleId"] == "agreement").unwrap();
    assert_eq!(a["level"], "note");
}

#[test]
fn sarif_messages_carry_no_links_from_article_text() {
    let v: serde_json::Value = serde_json::from_str(&report::render(
        &hostile(),
        OutputFormat::Sarif,
        opts(false, 100),
    ))
    .unwrap();
    let msg = v["runs"][0]["results"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(msg.contains("\\[click\\](https"), "{msg}");
    assert!(!msg.contains('\u{1b}'));
    // The one real link is crosscheck's, to related location 1.
    assert_eq!(
        msg.matches("](").count() - msg.matches("\\](").count(),
        1,
        "{msg}"
    );
}

#[test]
fn sarif_paths_are_relative_to_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("desk/news")).unwrap();
    std::fs::write(root.join("desk/news/herald.txt"), HERALD).unwrap();
    let mut corpus = sample();
    corpus.articles[0].path = "news/herald.txt".into();
    let ctx = Context {
        root: Some(root.to_path_buf()),
        cwd: Some(root.join("desk")),
        ..Default::default()
    };
    let v: serde_json::Value = serde_json::from_str(&report::render_with(
        &corpus,
        OutputFormat::Sarif,
        opts(false, 100),
        &ctx,
    ))
    .unwrap();
    let uris: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"desk/news/herald.txt"), "{uris:?}");
}

/// Parse RFC 4180 CSV strictly: CRLF records, quoted fields with doubled quotes.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' => {
                assert!(cell.is_empty(), "quote inside an unquoted field: {cell:?}");
                quoted = true;
            }
            ',' => row.push(std::mem::take(&mut cell)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "bare CR outside quotes");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            '\n' => panic!("bare LF outside quotes"),
            c => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "unterminated record"
    );
    rows
}

#[test]
fn csv_has_one_row_per_finding_with_locations() {
    let corpus = sample();
    let out = report::render(&corpus, OutputFormat::Csv, opts(false, 100));
    let rows = parse_csv(&out);
    assert_eq!(
        rows[0],
        crosscheck::report::csv::FINDING_COLUMNS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(rows.len(), 1 + corpus.findings.len());
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    let contradiction = rows.iter().find(|r| r[1] == "contradiction").unwrap();
    assert_eq!(contradiction[2], "date the harbour bridge reopens");
    assert_eq!(contradiction[3], "0.90");
    assert!(
        contradiction[5].contains("news/herald.txt:") && contradiction[5].contains("news/post.md:"),
        "{contradiction:?}"
    );
    assert_eq!(contradiction[9], "yes");
    assert_eq!(
        contradiction[10], "",
        "no baseline state without a baseline"
    );
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let mut corpus = hostile();
    corpus.findings[0].topic = "=cmd|' /C calc'!A0".into();
    corpus.findings[0].detail = "-2+3, \"quoted\"\nnext line".into();
    corpus.findings[0].rule = "@SUM(1)".into();
    corpus.articles[1].path = "+evil.txt".into();
    let out = report::render(&corpus, OutputFormat::Csv, opts(false, 100));
    assert!(!out.contains('\u{1b}'));
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 2);
    for cell in rows.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "formula cell {cell:?}"
        );
    }
    let r = &rows[1];
    assert_eq!(r[2], "'=cmd|' /C calc'!A0");
    assert_eq!(r[6], "'-2+3, \"quoted\"\nnext line");
    assert_eq!(r[7], "'@SUM(1)");
    // A claims cell starting with an article path is guarded too.
    let mut corpus = hostile();
    corpus.articles.swap(0, 1);
    corpus.articles[0].path = "-x.txt".into();
    corpus.articles[1].path = "-y.txt".into();
    let rows = parse_csv(&report::render(
        &corpus,
        OutputFormat::Csv,
        opts(false, 100),
    ));
    assert!(rows[1][5].starts_with("'-"), "{:?}", rows[1][5]);
}

#[test]
fn csv_of_claims_for_extract() {
    let corpus = sample();
    let mut o = opts(false, 100);
    o.claims_table = true;
    let rows = parse_csv(&report::render(&corpus, OutputFormat::Csv, o));
    assert_eq!(rows.len(), 1 + corpus.claims.len());
    assert_eq!(rows[0][0], "id");
    assert!(rows.iter().skip(1).all(|r| r[2].contains(':')));
}
