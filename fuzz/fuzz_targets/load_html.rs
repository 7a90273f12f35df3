//! Fuzz the html loader: decode arbitrary bytes, read them as Html, prepare the articles;
//! nothing may panic and every article must keep the loader's invariants.
#![no_main]

use crosscheck::model::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    crosscheck_fuzz::load_checked(data, Format::Html);
});
