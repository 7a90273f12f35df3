//! # crosscheck
//!
//! Cross-checks news coverage: reads a collection of articles, extracts every attributed
//! claim (who said what, through which cue, citing which outlet) and compares the claims
//! across sources, flagging agreements, contradictions, misquotes and misattributions.
//!
//! The pipeline has one module per stage:
//!
//! `load` → `segment` → `extract` → `resolve` → `compare` → `report`
//!
//! - [`load`]: files and folders to [`model::Article`]s (formats, decoding, metadata,
//!   boilerplate).
//! - [`segment`]: sentences, headlines, bullets and captions with byte spans and lines;
//!   quotations across sentences.
//! - [`extract`]: attributed [`model::Claim`]s with their [`model::Speaker`], cue and
//!   cited outlet.
//! - [`resolve`]: canonical entities, places, dates and quantities.
//! - [`compare`]: [`model::Finding`]s across articles.
//! - [`report`]: the JSON contract and the formats people and CI machines read.
//!
//! [`pipeline`] runs the stages in order; [`rules`] loads the data files in `rules/`
//! that drive them; [`eval`] scores the extractor against gold annotations.
//!
//! For CI: [`check`] decides which findings fail a run, [`baseline`] records accepted
//! findings by stable fingerprint, [`cache`] keeps each article's extraction between runs
//! and [`progress`] draws a progress bar on a terminal.
#![deny(missing_docs)]

pub mod baseline;
pub mod cache;
pub mod check;
pub mod compare;
pub mod error;
pub mod eval;
pub mod extract;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod segment;

pub use error::{Error, Result};
