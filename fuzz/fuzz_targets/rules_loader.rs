//! Fuzz the rules loader: arbitrary TOML text as any rules file, merged over the built-in
//! rules, must compile or fail with an error, never panic.
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
    let _ = Rules::new(set);
});
