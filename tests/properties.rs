//! Properties over generated input (issue 7): segment spans tile the text, every claim
//! span lies inside its article, and the report is the same bytes for any order of the
//! input files and any `--jobs`.

use crosscheck::extract::extract;
use crosscheck::load::{LoadOptions, load_bytes};
use crosscheck::model::{Article, Format, Span, Status};
use crosscheck::rules::Rules;
use crosscheck::segment::segment;
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("embedded rules compile"))
}

/// Pieces of news text: speakers, cues, quotes of every kind, abbreviations, markup and
/// line ends of every kind, so that generated articles reach the extractor's patterns.
const PIECES: &[&str] = &[
    "Mayor Ana Diaz",
    "the minister",
    "A source with knowledge of the talks",
    "Top Kremlin aide Yuri Ushakov, who attended,",
    "he",
    "she",
    "Reuters",
    " said",
    " told Axios",
    " claimed",
    " according to CNN",
    " declared",
    " described the meeting as",
    " that ",
    " the bridge would reopen on Monday",
    " 40 people were hurt",
    "\"We will win,\"",
    "\"It is over.",
    "“Curly quote,”",
    "‘single’",
    "«guillemets»",
    "\"",
    "'",
    ", ",
    ". ",
    "? ",
    "! ",
    ": ",
    "U.S. ",
    "Dec. 3 ",
    "Mr. ",
    "J. D. Vance ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "- ",
    "1. ",
    "# ",
    "> ",
    "Photo: Reuters",
    "**bold** ",
    "[link](http://x.example) ",
    "<p>",
    "</p>",
    "<br>",
    "<script>x</script>",
    "&amp; ",
    "&ldquo;",
    "é ",
    "Зеленський ",
    "\t",
    " ",
];

fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop::sample::select(vec![
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Jsonl,
    ])
}

/// `text` as a file of `format` (JSONL: one record holding it).
fn file_bytes(text: &str, format: Format) -> Vec<u8> {
    match format {
        Format::Jsonl => {
            let mut line = serde_json::json!({ "text": text }).to_string();
            line.push('\n');
            line.into_bytes()
        }
        Format::Html => format!("<html><body><article>{text}</article></body></html>").into_bytes(),
        _ => text.as_bytes().to_vec(),
    }
}

fn load(text: &str, format: Format) -> Vec<Article> {
    load_bytes(
        "prop",
        "prop",
        &file_bytes(text, format),
        Some(format),
        &LoadOptions::default(),
        &rules().load,
        &[],
    )
    .into_iter()
    .filter(|a| a.status == Status::Ok)
    .collect()
}

fn in_content(a: &Article, s: Span) -> bool {
    a.content
        .iter()
        .any(|c| c.start <= s.start && s.end <= c.end)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Sentences tile the content: in order, not overlapping, on char boundaries, each
    /// inside one content region, and every letter of the content inside a sentence (what
    /// lies between sentences is white space, punctuation or a list number only).
    #[test]
    fn segment_spans_tile_the_content(text in article_text(), format in format()) {
        for a in load(&text, format) {
            let seg = segment(&a, &rules().segment);
            let mut last = 0;
            for s in &seg.sentences {
                prop_assert!(s.span.start >= last && s.span.start < s.span.end, "{:?}", s);
                prop_assert!(a.text.is_char_boundary(s.span.start) && a.text.is_char_boundary(s.span.end));
                prop_assert!(in_content(&a, s.span), "{:?} outside content", s);
                prop_assert_eq!(s.line, a.line_of(s.span.start));
                last = s.span.end;
            }
            for c in &a.content {
                for (i, ch) in a.text[c.start..c.end].char_indices() {
                    let at = c.start + i;
                    // Letters only: a numbered item's marker ("1.") is not part of its
                    // sentence, by design.
                    if ch.is_alphabetic() {
                        prop_assert!(
                            seg.sentences.iter().any(|s| s.span.start <= at && at < s.span.end),
                            "{:?} at {} in no sentence; text {:?}", ch, at, a.text
                        );
                    }
                }
            }
        }
    }

    /// Every claim's span and content span lie inside its article's text, on char
    /// boundaries, with the line of its content; ids are `ARTICLE#N` in order.
    #[test]
    fn every_claim_span_lies_inside_its_article(text in article_text(), format in format()) {
        for a in load(&text, format) {
            let seg = segment(&a, &rules().segment);
            let claims = extract(&a, &seg, &rules().extract);
            for (n, c) in claims.iter().enumerate() {
                prop_assert_eq!(&c.id, &format!("{}#{}", a.id, n + 1));
                for s in [c.span, c.content_span] {
                    prop_assert!(s.start <= s.end && s.end <= a.text.len(), "{}: {:?}", c.id, s);
                    prop_assert!(a.text.is_char_boundary(s.start) && a.text.is_char_boundary(s.end));
                }
                // Both ends inside the article's content (a quote over several
                // paragraphs may cross the gap between two content regions).
                let inside = |at: usize| a.content.iter().any(|r| r.start <= at && at < r.end);
                if !c.content_span.is_empty() {
                    prop_assert!(inside(c.content_span.start) && inside(c.content_span.end - 1),
                        "{}: content {:?} outside content {:?}", c.id, c.content_span, a.content);
                }
                prop_assert_eq!(c.line, a.line_of(c.content_span.start));
            }
        }
    }
}

/// The corpus the order and `--jobs` property runs on: the bundled varied fixtures plus
/// the format samples (JSONL, HTML, Markdown with front matter, a manifest).
fn corpus_files() -> Vec<String> {
    let mut files: Vec<String> = ["fixtures/varied", "fixtures/formats"]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
        .map(|e| e.path().display().to_string())
        .filter(|p| !p.ends_with(".toml"))
        .collect();
    files.sort();
    files
}

fn report(files: &[String], jobs: usize) -> (i32, Vec<u8>) {
    let out = assert_cmd::Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["--jobs", &jobs.to_string(), "report", "--format", "json"])
        .args(files)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), out.stdout)
}

proptest! {
    // Each case runs the binary on about thirty articles: few cases, still every shape of
    // order (shuffled) and worker count.
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn report_is_identical_for_any_file_order_and_jobs(
        order in Just(corpus_files()).prop_shuffle(),
        jobs in 1usize..5,
    ) {
        static WANT: OnceLock<(i32, Vec<u8>)> = OnceLock::new();
        let want = WANT.get_or_init(|| report(&corpus_files(), 1));
        prop_assert_eq!(want.0, 0);
        let got = report(&order, jobs);
        prop_assert_eq!(got.0, want.0);
        prop_assert!(got.1 == want.1, "order {:?} --jobs {} gave other bytes", order, jobs);
    }
}
