//! Fuzz the segmenter on loaded text (the first byte picks the format): sentence spans
//! must lie inside the content, in order, on char boundaries; quotations inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((format, rest)) = crosscheck_fuzz::pick_format(data) {
        crosscheck_fuzz::load_and_segment(rest, format);
    }
});
