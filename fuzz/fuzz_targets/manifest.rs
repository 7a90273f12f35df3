//! Fuzz the manifest parser: arbitrary text must give a manifest or an error with a line
//! and column, never a panic.
#![no_main]

use crosscheck::load::manifest;
use crosscheck::rules::Rules;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static RULES: OnceLock<Rules> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let rules = RULES.get_or_init(|| Rules::embedded().expect("embedded rules compile"));
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(m) = manifest::parse(text, "crosscheck.toml", "/corpus".into(), &rules.load) {
        let _ = m.fields("a/b/c.txt");
        let _ = m.fields("");
    }
});
