//! The library's one error type. Every variant names the file (and line, where there is
//! one) it is about, so the CLI can print it as it is. Per-article reading problems are
//! not errors: they are [`crate::model::Problem`]s on the article, so one bad article
//! never stops the others.

use thiserror::Error;

/// Everything that can stop a crosscheck command.
#[derive(Debug, Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A rules file is not valid (syntax, unknown key, wrong type).
    #[error("{path}:{line}:{column}: {message}")]
    RuleSyntax {
        /// The rules file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A rule parses but cannot be used (a pattern that does not compile, say).
    #[error("{path}: rule {rule:?} cannot be used: {message}")]
    RuleInvalid {
        /// The rules file.
        path: String,
        /// The rule's text or name.
        rule: String,
        /// What is wrong.
        message: String,
    },
    /// A gold annotation or manifest file is not valid.
    #[error("{path}: {message}")]
    BadFile {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The corpus manifest (`crosscheck.toml`) is not valid (syntax, unknown key, a date
    /// that is not a date).
    #[error("{path}:{line}:{column}: {message}")]
    Manifest {
        /// The manifest file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }
}

/// Result with crosscheck's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
