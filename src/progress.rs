//! A progress bar on stderr for long runs (indicatif), shown only when stderr is a
//! terminal, `CI` is not set and the user did not ask for quiet; otherwise nothing is
//! drawn, so logs and pipes stay clean.
//!
//! Owns: when and how progress is drawn. Does not own: the work it counts (`pipeline`).

use crate::pipeline::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Runs with fewer articles than this finish too fast to need a bar.
pub const MIN_ARTICLES: usize = 200;

/// True when a progress bar should be drawn: stderr is a terminal, `CI` is unset (or
/// empty) and `quiet` is false.
pub fn wanted(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none_or(|v| v.is_empty())
}

/// A progress bar over the articles being extracted.
#[derive(Debug)]
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar drawn on stderr.
    pub fn stderr() -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} extracting {pos}/{len} articles [{bar:30}] {elapsed_precise} (eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Bar { bar }
    }
}

impl Progress for Bar {
    fn start(&self, articles: usize) {
        if articles < MIN_ARTICLES {
            self.bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        self.bar.set_length(articles as u64);
    }
    fn advance(&self) {
        self.bar.inc(1);
    }
    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
