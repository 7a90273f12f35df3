//! Fuzz the extractor: arbitrary bytes loaded in the format the first byte picks,
//! segmented and extracted with the built-in rules; nothing may panic and every claim's
//! spans must lie inside its article's text on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((format, rest)) = crosscheck_fuzz::pick_format(data) else {
        return;
    };
    for (a, seg) in crosscheck_fuzz::load_and_segment(rest, format) {
        if let Some(seg) = seg {
            crosscheck_fuzz::extract_checked(&a, &seg);
        }
    }
});
