//! Inputs that crashed a fuzz target (`fuzz/`), replayed with the target's checks. Each
//! file in `tests/fuzz_regressions/TARGET/` is the raw fuzz input; for `segment` and
//! `extract` its first byte picks the format as in `fuzz/src/lib.rs`.

use crosscheck::extract::extract;
use crosscheck::load::{LoadOptions, check_invariants, load_bytes};
use crosscheck::model::{Format, QuoteKind, Status};
use crosscheck::rules::Rules;
use crosscheck::segment::segment;

fn replay(data: &[u8], rules: &Rules) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let format =
        [Format::Text, Format::Markdown, Format::Html, Format::Jsonl][usize::from(which) % 4];
    let articles = load_bytes(
        "fuzz",
        "fuzz",
        rest,
        Some(format),
        &LoadOptions::default(),
        &rules.load,
        &[],
    );
    assert!(!articles.is_empty());
    for a in articles.iter().filter(|a| a.status == Status::Ok) {
        check_invariants(a).unwrap();
        let seg = segment(a, &rules.segment);
        let mut last = 0;
        for s in &seg.sentences {
            assert!(
                s.span.start >= last && s.span.start < s.span.end && s.span.end <= a.text.len(),
                "{s:?}"
            );
            assert!(a.content.iter().any(|c| c.contains(s.span)), "{s:?}");
            last = s.span.end;
        }
        for c in extract(a, &seg, &rules.extract) {
            assert!(c.span.end <= a.text.len() && c.content_span.end <= a.text.len());
            // Narrative claims (the article's own sentences) have no cue; others do.
            assert_eq!(c.cue.is_empty(), c.quote == QuoteKind::Narrative, "{c:?}");
        }
    }
}

#[test]
fn every_saved_fuzz_crash_now_passes() {
    let rules = Rules::embedded().unwrap();
    let mut n = 0;
    for target in ["segment", "extract"] {
        let dir = std::path::Path::new("tests/fuzz_regressions").join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let data = std::fs::read(e.path()).unwrap();
            eprintln!("replaying {}", e.path().display());
            replay(&data, &rules);
            n += 1;
        }
    }
    assert!(n >= 1, "no saved crash found");
}
