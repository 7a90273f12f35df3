//! What the fuzz targets share: the embedded rules, compiled once, and the checks every
//! loaded, segmented or extracted article must pass. A failed check panics, which is what
//! libFuzzer reports as a crash.

use crosscheck::load::{LoadOptions, check_invariants, load_bytes};
use crosscheck::model::{Article, Format, Segmented, Status};
use crosscheck::rules::Rules;
use crosscheck::segment::segment;
use std::sync::OnceLock;

/// The embedded rules, compiled on first use.
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("embedded rules compile"))
}

/// The format the first byte of a fuzz input picks (for targets that try every format),
/// and the rest of the input.
pub fn pick_format(data: &[u8]) -> Option<(Format, &[u8])> {
    let (&which, rest) = data.split_first()?;
    let format =
        [Format::Text, Format::Markdown, Format::Html, Format::Jsonl][usize::from(which) % 4];
    Some((format, rest))
}

/// Load `data` as `format` (decode, parse, prepare) and check the loader's invariants on
/// every article: at least one article, `check_invariants` holds, and line and column
/// lookups work on every content span.
pub fn load_checked(data: &[u8], format: Format) -> Vec<Article> {
    load_checked_as(data, Some(format))
}

/// As `load_checked`, the format given or (`None`) judged by content, as for a file of
/// unknown extension or standard input.
pub fn load_checked_as(data: &[u8], format: Option<Format>) -> Vec<Article> {
    let articles = load_bytes(
        "fuzz",
        "fuzz",
        data,
        format,
        &LoadOptions::default(),
        &rules().load,
        &[],
    );
    assert!(!articles.is_empty(), "no article for {} bytes", data.len());
    for a in &articles {
        if let Err(e) = check_invariants(a) {
            panic!("{e}");
        }
        for s in &a.content {
            let _ = a.line_of(s.start);
            let _ = a.column_of(s.end);
        }
    }
    articles
}

/// Segment an article that was read and check the segmenter's promises: sentence spans in
/// order, non-empty, on char boundaries, each inside one content span, with a line inside
/// the file; quotations inside the text and their sentences in range.
pub fn segment_checked(a: &Article) -> Segmented {
    let seg = segment(a, &rules().segment);
    let mut last = 0;
    for s in &seg.sentences {
        assert!(
            s.span.start >= last && s.span.start < s.span.end && s.span.end <= a.text.len(),
            "{s:?}"
        );
        assert!(a.text.is_char_boundary(s.span.start) && a.text.is_char_boundary(s.span.end));
        assert!(
            a.content.iter().any(|c| c.contains(s.span)),
            "{s:?} outside content"
        );
        assert!(s.line >= a.first_line && s.line == a.line_of(s.span.start));
        last = s.span.end;
    }
    for q in &seg.quotations {
        assert!(
            q.span.end <= a.text.len() && q.span.contains(q.inner),
            "{q:?}"
        );
        assert!(a.text.is_char_boundary(q.inner.start) && a.text.is_char_boundary(q.inner.end));
        assert!(q.first_sentence <= q.last_sentence && q.last_sentence < seg.sentences.len());
    }
    seg
}

/// Every article of `data` read as `format`, segmented (when read) and checked.
pub fn load_and_segment(data: &[u8], format: Format) -> Vec<(Article, Option<Segmented>)> {
    load_checked(data, format)
        .into_iter()
        .map(|a| {
            let seg = (a.status == Status::Ok).then(|| segment_checked(&a));
            (a, seg)
        })
        .collect()
}

/// Extract the claims of a segmented article and check what the extractor promises:
/// ids `ARTICLE#N` numbered in order, every span (the attribution and its content)
/// inside the article's text and on char boundaries, the line that of the content's
/// start, and no empty speaker or cue.
pub fn extract_checked(a: &Article, seg: &Segmented) -> Vec<crosscheck::model::Claim> {
    let claims = crosscheck::extract::extract(a, seg, &rules().extract);
    let in_text = |s: crosscheck::model::Span| {
        s.start <= s.end
            && s.end <= a.text.len()
            && a.text.is_char_boundary(s.start)
            && a.text.is_char_boundary(s.end)
    };
    for (n, c) in claims.iter().enumerate() {
        assert_eq!(c.id, format!("{}#{}", a.id, n + 1));
        assert_eq!(c.article, a.id);
        assert!(in_text(c.span), "{}: span {:?}", c.id, c.span);
        assert!(
            in_text(c.content_span),
            "{}: content span {:?}",
            c.id,
            c.content_span
        );
        assert_eq!(c.line, a.line_of(c.content_span.start), "{}", c.id);
        // The article's own sentences (narrative claims) have no cue; every attributed
        // claim has one.
        assert_eq!(
            c.cue.is_empty(),
            c.quote == crosscheck::model::QuoteKind::Narrative,
            "{}: cue {:?} on a {:?} claim",
            c.id,
            c.cue,
            c.quote
        );
    }
    claims
}
