//! Fuzz the loader on input of unknown format (a file without a known extension, or
//! standard input): the format is judged by content, then the input read and segmented;
//! nothing may panic and every article must keep the loader's and segmenter's invariants.
#![no_main]

use crosscheck::model::Status;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for a in crosscheck_fuzz::load_checked_as(data, None) {
        if a.status == Status::Ok {
            crosscheck_fuzz::segment_checked(&a);
        }
    }
});
