//! The `check` command's decisions: which findings are in scope (`--since`), which fail
//! the run (`--fail-on`, `--min-confidence`, `--baseline`), which baseline entries are
//! stale, and the exit code.
//!
//! Exit codes (like Vale and Ruff): 0 nothing fails the run, 1 findings do, 2 crosscheck
//! could not run or an input could not be read. `--exit-zero` turns 1 into 0, never 2.
//!
//! Owns: those decisions and asking git what changed. Does not own: running the pipeline
//! (`crate::pipeline`), the baseline file (`crate::baseline`) or rendering
//! (`crate::report`).

use crate::baseline::{Baseline, BaselineState, fingerprint};
use crate::error::{Error, Result};
use crate::model::{Finding, FindingKind};
use crate::pipeline::Corpus;
use crate::report::{CheckSummary, Context, Index};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Which findings fail a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// Kinds that fail the run.
    pub fail_on: Vec<FindingKind>,
    /// Findings below this confidence are not reported by `check`.
    pub min_confidence: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            fail_on: crate::report::DEFAULT_FAIL_ON.to_vec(),
            min_confidence: 0.0,
        }
    }
}

impl Policy {
    /// True when `f` is of a failing kind and confident enough.
    pub fn applies(&self, f: &Finding) -> bool {
        self.fail_on.contains(&f.kind) && f.confidence >= self.min_confidence
    }
}

/// Parse `--fail-on`: kinds separated by commas (`contradiction,misquote`), `all`, or
/// `none`.
pub fn parse_kinds(s: &str) -> Result<Vec<FindingKind>> {
    let mut kinds = BTreeSet::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part {
            "all" => kinds.extend(crate::report::ALL_KINDS.iter().copied()),
            "none" => {}
            _ => {
                let k = crate::report::ALL_KINDS
                    .iter()
                    .find(|k| k.as_str() == part)
                    .ok_or_else(|| {
                        let known: Vec<&str> = crate::report::ALL_KINDS
                            .iter()
                            .map(|k| k.as_str())
                            .collect();
                        Error::Usage(format!(
                            "--fail-on: unknown finding kind {part:?}; use {}, all or none",
                            known.join(", ")
                        ))
                    })?;
                kinds.insert(*k);
            }
        }
    }
    Ok(kinds.into_iter().collect())
}

/// The files a git revision range touched.
#[derive(Clone, Debug, Default)]
pub struct Changed {
    /// The revision given.
    pub rev: String,
    /// Absolute, canonical paths of files added or changed since `rev` (committed, staged,
    /// in the work tree, or untracked and not ignored).
    pub files: BTreeSet<PathBuf>,
}

impl Changed {
    /// Ask git, in the current folder, which files changed since `rev`.
    pub fn since(rev: &str) -> Result<Self> {
        Changed::since_in(rev, Path::new("."))
    }

    /// Ask git, in folder `dir`, which files changed since `rev`.
    pub fn since_in(rev: &str, dir: &Path) -> Result<Self> {
        if rev.starts_with('-') {
            return Err(Error::Usage(format!(
                "--since {rev:?}: a revision cannot start with '-'"
            )));
        }
        let root = git(dir, &["rev-parse", "--show-toplevel"])?;
        let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
        let mut files = BTreeSet::new();
        let diff = git(
            dir,
            &["diff", "--name-only", "-z", "--no-renames", rev, "--"],
        )?;
        let untracked = git(
            dir,
            &[
                "ls-files",
                "--others",
                "--exclude-standard",
                "--full-name",
                "-z",
            ],
        )?;
        for name in diff.split('\0').chain(untracked.split('\0')) {
            if name.is_empty() {
                continue;
            }
            let p = root.join(name);
            // Deleted files cannot be in the corpus.
            if let Ok(c) = std::fs::canonicalize(&p) {
                files.insert(c);
            }
        }
        Ok(Changed {
            rev: rev.to_string(),
            files,
        })
    }

    /// True when the article at `path` (as the corpus gives it) is among the changed files.
    pub fn contains(&self, path: &str) -> bool {
        if path == "-" {
            return false;
        }
        std::fs::canonicalize(path).is_ok_and(|c| self.files.contains(&c))
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| Error::Usage(format!("--since needs git, which could not be run: {e}")))?;
    if !out.status.success() {
        return Err(Error::Usage(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// What `check` decided.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Ids of the findings in scope (reported), in corpus order.
    pub reported: Vec<String>,
    /// Ids of the reported findings that fail the run.
    pub failing: BTreeSet<String>,
    /// Baseline state of each reported finding, when a baseline was given.
    pub states: Option<BTreeMap<String, BaselineState>>,
    /// Fingerprints of the baseline entries that match no current finding.
    pub stale: Vec<String>,
    /// Those entries themselves (for SARIF's `baselineState: "absent"`).
    pub absent: Vec<crate::baseline::Entry>,
    /// Articles that could not be read.
    pub unreadable: usize,
}

impl Outcome {
    /// The exit code: 2 when an input could not be read, 1 when findings fail the run
    /// (0 with `exit_zero`), else 0.
    pub fn exit_code(&self, exit_zero: bool) -> u8 {
        if self.unreadable > 0 {
            2
        } else if !self.failing.is_empty() && !exit_zero {
            1
        } else {
            0
        }
    }
}

/// Decide, and keep in `corpus.findings` only the findings in scope: those the policy
/// applies to and, with `changed`, that involve at least one changed article. Staleness is
/// judged against every finding, so `--since` does not make entries look stale.
pub fn apply(
    corpus: &mut Corpus,
    policy: &Policy,
    baseline: Option<&Baseline>,
    changed: Option<&Changed>,
) -> Outcome {
    let index = Index::new(corpus);
    let prints: Vec<String> = corpus
        .findings
        .iter()
        .map(|f| fingerprint(f, &index))
        .collect();
    let changed_articles: Option<BTreeSet<&str>> = changed.map(|ch| {
        corpus
            .articles
            .iter()
            .filter(|a| ch.contains(&a.path))
            .map(|a| a.id.as_str())
            .collect()
    });
    let mut keep = vec![false; corpus.findings.len()];
    let mut outcome = Outcome {
        unreadable: corpus.skipped(),
        ..Outcome::default()
    };
    let accepted = baseline.map(Baseline::fingerprints).unwrap_or_default();
    let mut states = BTreeMap::new();
    for (i, f) in corpus.findings.iter().enumerate() {
        if !policy.applies(f) {
            continue;
        }
        if let Some(set) = &changed_articles {
            let touches = f
                .claims
                .iter()
                .filter_map(|id| index.claim(id))
                .any(|c| set.contains(c.article.as_str()));
            if !touches {
                continue;
            }
        }
        keep[i] = true;
        outcome.reported.push(f.id.clone());
        let known = accepted.contains(prints[i].as_str());
        if baseline.is_some() {
            states.insert(
                f.id.clone(),
                if known {
                    BaselineState::Unchanged
                } else {
                    BaselineState::New
                },
            );
        }
        if !known {
            outcome.failing.insert(f.id.clone());
        }
    }
    if let Some(b) = baseline {
        let current: BTreeSet<String> = prints.iter().cloned().collect();
        outcome.absent = b.stale(&current).into_iter().cloned().collect();
        outcome.stale = outcome
            .absent
            .iter()
            .map(|e| e.fingerprint.clone())
            .collect();
        outcome.states = Some(states);
    }
    let mut i = 0;
    corpus.findings.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    outcome
}

/// The render context for `outcome`.
pub fn context(
    outcome: &Outcome,
    policy: &Policy,
    baseline_path: Option<&Path>,
    since: Option<&str>,
) -> Context {
    let cwd = std::env::current_dir().ok();
    let root = cwd.as_deref().and_then(crate::report::find_repo_root);
    let baselined = outcome.states.as_ref().map_or(0, |s| {
        s.values()
            .filter(|v| **v == BaselineState::Unchanged)
            .count()
    });
    Context {
        root,
        cwd,
        baseline: outcome.states.clone(),
        failing: Some(outcome.failing.clone()),
        check: Some(CheckSummary {
            fail_on: policy.fail_on.clone(),
            min_confidence: policy.min_confidence,
            baseline: baseline_path.map(|p| p.display().to_string()),
            since: since.map(str::to_string),
            failing: outcome.failing.len(),
            baselined,
            stale: outcome.stale.clone(),
        }),
        markdown_limit: None,
        absent: outcome.absent.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_with_all_and_none() {
        assert_eq!(
            parse_kinds("misquote, contradiction").unwrap(),
            vec![FindingKind::Contradiction, FindingKind::Misquote]
        );
        assert_eq!(parse_kinds("all").unwrap().len(), 6);
        assert!(parse_kinds("none").unwrap().is_empty());
        let err = parse_kinds("contradictions").unwrap_err().to_string();
        assert!(
            err.contains("contradictions") && err.contains("single-source"),
            "{err}"
        );
    }

    #[test]
    fn exit_codes_follow_the_contract() {
        let mut o = Outcome::default();
        assert_eq!(o.exit_code(false), 0);
        o.failing.insert("F-1".into());
        assert_eq!(o.exit_code(false), 1);
        assert_eq!(o.exit_code(true), 0);
        o.unreadable = 1;
        assert_eq!(o.exit_code(true), 2);
    }

    #[test]
    fn revisions_cannot_be_options() {
        assert!(Changed::since_in("--output=x", Path::new(".")).is_err());
    }
}
