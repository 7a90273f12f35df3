//! Fuzz the segmenter on loaded text: sentence spans must lie inside the content, in order,
//! on char boundaries; quotations inside the text.
#![no_main]

use crosscheck::load::{LoadOptions, load_bytes};
use crosscheck::model::{Format, Status};
use crosscheck::rules::Rules;
use crosscheck::segment::segment;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static RULES: OnceLock<Rules> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let rules = RULES.get_or_init(|| Rules::embedded().expect("embedded rules compile"));
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let format =
        [Format::Text, Format::Markdown, Format::Html, Format::Jsonl][usize::from(which) % 4];
    for a in load_bytes(
        "fuzz",
        "fuzz",
        rest,
        Some(format),
        &LoadOptions::default(),
        &rules.load,
        &[],
    ) {
        if a.status == Status::Skipped {
            continue;
        }
        let seg = segment(&a, &rules.segment);
        let mut last = 0;
        for s in &seg.sentences {
            assert!(s.span.start >= last && s.span.end <= a.text.len(), "{s:?}");
            assert!(a.text.is_char_boundary(s.span.start) && a.text.is_char_boundary(s.span.end));
            assert!(
                a.content.iter().any(|c| c.contains(s.span)),
                "{s:?} outside content"
            );
            last = s.span.end;
        }
        for q in &seg.quotations {
            assert!(q.span.end <= a.text.len() && q.inner.start >= q.span.start);
        }
    }
});
