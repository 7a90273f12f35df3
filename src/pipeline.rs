//! Runs the stages in order over a corpus: `load` → `segment` → `extract` → `resolve` →
//! `compare`. Owns the order of work and parallelism (per article, on `--jobs` threads)
//! and nothing else; the result is the same whatever the thread count.

use crate::compare::compare;
use crate::error::{Error, Result};
use crate::extract::extract;
use crate::load::{LoadOptions, load};
use crate::model::{Article, Claim, Finding, Status};
use crate::resolve::resolve;
use crate::rules::Rules;
use crate::segment::segment;
use rayon::prelude::*;
use std::path::PathBuf;

/// How to run the pipeline.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Metadata from the command line.
    pub load: LoadOptions,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
}

/// Everything the pipeline found.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Every article given, skipped ones included, in path order.
    pub articles: Vec<Article>,
    /// Every claim, in article order then text order.
    pub claims: Vec<Claim>,
    /// Every finding.
    pub findings: Vec<Finding>,
}

impl Corpus {
    /// The article with id `id`.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }
    /// The claim with id `id`.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }
    /// Number of articles that were skipped.
    pub fn skipped(&self) -> usize {
        self.articles
            .iter()
            .filter(|a| a.status == Status::Skipped)
            .count()
    }
}

/// Load, segment and extract (no resolving or comparing): the claims of each article.
pub fn extract_all(paths: &[PathBuf], opts: &Options, rules: &Rules) -> Result<Corpus> {
    extract_all_with(paths, opts, rules, &Hooks::default())
}

/// Reports progress over the articles being extracted (for a progress bar).
pub trait Progress: Sync {
    /// Extraction of `articles` articles begins.
    fn start(&self, articles: usize);
    /// One more article is done.
    fn advance(&self);
    /// All are done.
    fn finish(&self);
}

/// Optional hooks into the per-article stages.
#[derive(Default)]
pub struct Hooks<'a> {
    /// Reuse and store each article's claims (`--cache DIR`).
    pub cache: Option<&'a crate::cache::Cache>,
    /// Told about each article done.
    pub progress: Option<&'a dyn Progress>,
}

/// [`extract_all`] with hooks: a cache and a progress reporter.
pub fn extract_all_with(
    paths: &[PathBuf],
    opts: &Options,
    rules: &Rules,
    hooks: &Hooks<'_>,
) -> Result<Corpus> {
    extract_in(&pool(opts.jobs)?, paths, opts, rules, hooks)
}

/// [`extract_all_with`] on a given pool. The whole run uses one pool, so that its worker
/// threads (and the allocator's per-thread arenas) are the same in every stage: memory
/// freed after extraction is reused by `resolve` and `compare` instead of new arenas
/// growing beside it.
fn extract_in(
    pool: &rayon::ThreadPool,
    paths: &[PathBuf],
    opts: &Options,
    rules: &Rules,
    hooks: &Hooks<'_>,
) -> Result<Corpus> {
    let articles = pool.install(|| load(paths, &opts.load, &rules.load))?;
    if let Some(p) = hooks.progress {
        p.start(articles.len());
    }
    let per_article: Vec<Vec<Claim>> = pool.install(|| {
        articles
            .par_iter()
            .map(|a| {
                if a.status == Status::Skipped {
                    if let Some(p) = hooks.progress {
                        p.advance();
                    }
                    return Vec::new();
                }
                let fresh = || {
                    let seg = segment(a, &rules.segment);
                    extract(a, &seg, &rules.extract)
                };
                let claims = match hooks.cache {
                    Some(cache) => cache.get_or_extract(a, fresh),
                    None => fresh(),
                };
                if let Some(p) = hooks.progress {
                    p.advance();
                }
                claims
            })
            .collect()
    });
    if let Some(p) = hooks.progress {
        p.finish();
    }
    // Sized once: growing by doubling would copy every claim and leave the old buffers
    // behind as free memory.
    let mut claims = Vec::with_capacity(per_article.iter().map(Vec::len).sum());
    for c in per_article {
        claims.extend(c);
    }
    Ok(Corpus {
        articles,
        claims,
        findings: Vec::new(),
    })
}

/// A pool of `jobs` worker threads (0: one per core) for the stages that run in parallel.
fn pool(jobs: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {jobs} worker threads: {e}")))
}

/// The whole pipeline.
pub fn run(paths: &[PathBuf], opts: &Options, rules: &Rules) -> Result<Corpus> {
    run_with(paths, opts, rules, &Hooks::default())
}

/// The whole pipeline, with hooks (see [`extract_all_with`]).
pub fn run_with(
    paths: &[PathBuf],
    opts: &Options,
    rules: &Rules,
    hooks: &Hooks<'_>,
) -> Result<Corpus> {
    let pool = pool(opts.jobs)?;
    let mut corpus = extract_in(&pool, paths, opts, rules, hooks)?;
    // With a cache, an unchanged corpus takes its resolved claims and findings from the
    // run memo (see `cache`).
    let memo = hooks.cache.map(|c| (c, c.run_key(&corpus.articles)));
    pool.install(|| {
        crate::resolve::resolve_articles(&mut corpus.articles, &rules.resolve);
        if let Some((claims, all)) = memo.as_ref().and_then(|(c, key)| c.load_run(key)) {
            corpus.claims = claims;
            corpus.findings = crate::compare::shown(all, rules.compare.options);
            return;
        }
        resolve(&corpus.articles, &mut corpus.claims, &rules.resolve);
        match &memo {
            Some((cache, key)) => {
                let all =
                    crate::compare::compare_all(&corpus.articles, &corpus.claims, &rules.compare);
                cache.store_run(key, &corpus.claims, &all);
                corpus.findings = crate::compare::shown(all, rules.compare.options);
            }
            None => {
                corpus.findings = compare(&corpus.articles, &corpus.claims, &rules.compare);
            }
        }
    });
    Ok(corpus)
}
