//! Fuzz the html loader: decode arbitrary bytes, read them as Html, prepare the
//! articles; nothing may panic and every article must keep the loader's invariants.
#![no_main]

use crosscheck::load::{LoadOptions, check_invariants, load_bytes};
use crosscheck::model::Format;
use crosscheck::rules::Rules;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static RULES: OnceLock<Rules> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let rules = RULES.get_or_init(|| Rules::embedded().expect("embedded rules compile"));
    let articles = load_bytes(
        "fuzz",
        "fuzz",
        data,
        Some(Format::Html),
        &LoadOptions::default(),
        &rules.load,
        &[],
    );
    assert!(!articles.is_empty());
    for a in &articles {
        if let Err(e) = check_invariants(a) {
            panic!("{e}");
        }
        for s in &a.content {
            let _ = a.line_of(s.start);
            let _ = a.column_of(s.end);
        }
    }
});
