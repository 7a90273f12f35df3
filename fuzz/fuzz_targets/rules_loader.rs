//! Fuzz the rules loader: arbitrary TOML text as any rules file, merged over the built-in
//! rules (or alone), must parse and compile or fail with an error, never panic.
//!
//! The first byte picks the file (and, from 128 up, drops the built-in rules); the rest is
//! its text. Only the compile steps of `Rules::new` that read that file run
//! (`Rules::check_file`): the other stages would compile the same built-in text on every
//! input, which took 95% of the time (5 execs/s) and added nothing.
#![no_main]

use crosscheck::rules::{EMBEDDED, RuleSet, RuleSource, Rules};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (name, _) = EMBEDDED[usize::from(which) % EMBEDDED.len()];
    let mut set = if which >= 128 {
        RuleSet::default()
    } else {
        RuleSet::embedded()
    };
    set.push(
        name,
        RuleSource {
            path: format!("fuzz/{name}"),
            text: text.to_string(),
        },
    );
    let _ = Rules::check_file(&set, name);
});
