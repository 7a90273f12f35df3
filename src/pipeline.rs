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
    rss_probe("load");
    let corpus = extract_loaded(pool, articles, rules, hooks, None).0;
    rss_probe("extract");
    Ok(corpus)
}

/// Articles extracted at a time (see [`extract_loaded`]): enough to keep every worker
/// busy, few enough that a chunk's claims are a small part of the whole.
const EXTRACT_CHUNK: usize = 256;

/// Bytes of article text per claim reserved for up front (claims are rarer than one per
/// 64 bytes; the reservation is virtual memory until it is written).
const CLAIM_BYTES: usize = 64;

/// Segment and extract loaded articles (through the cache when there is one; `keys`, when
/// given, are the articles' cache keys); also the number of claims of each article.
fn extract_loaded(
    pool: &rayon::ThreadPool,
    articles: Vec<Article>,
    rules: &Rules,
    hooks: &Hooks<'_>,
    keys: Option<&[String]>,
) -> (Corpus, Vec<usize>) {
    if let Some(p) = hooks.progress {
        p.start(articles.len());
    }
    // A chunk of articles at a time: each chunk's per-article claim vectors are moved
    // into `claims` and freed before the next chunk, which reuses their memory. Extracting
    // every article first and then gathering left the freed per-article vectors behind as
    // holes (a third of the memory after extraction on a large corpus). The claims'
    // vector is reserved up front and not shrunk (its untouched pages are not resident),
    // so it is not normally copied.
    let text: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut claims: Vec<Claim> = Vec::with_capacity(text / CLAIM_BYTES + 1);
    let mut counts: Vec<usize> = Vec::with_capacity(articles.len());
    for (c, chunk) in articles.chunks(EXTRACT_CHUNK).enumerate() {
        let base = c * EXTRACT_CHUNK;
        let per_article: Vec<Vec<Claim>> = pool.install(|| {
            chunk
                .par_iter()
                .enumerate()
                .map(|(k, a)| {
                    let i = base + k;
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
                    let claims = match (hooks.cache, keys.and_then(|k| k.get(i))) {
                        (Some(cache), Some(key)) => cache.get_or_extract_keyed(key, fresh),
                        (Some(cache), None) => cache.get_or_extract(a, fresh),
                        (None, _) => fresh(),
                    };
                    if let Some(p) = hooks.progress {
                        p.advance();
                    }
                    claims
                })
                .collect()
        });
        for v in per_article {
            counts.push(v.len());
            claims.extend(v);
        }
    }
    if let Some(p) = hooks.progress {
        p.finish();
    }
    let corpus = Corpus {
        articles,
        claims,
        findings: Vec::new(),
    };
    (corpus, counts)
}

/// With `CROSSCHECK_RSS_PROBE` set, prints `rss LABEL: VmRSS (peak VmHWM)` from
/// `/proc/self/status` to standard error (for measuring where the memory goes, stage by
/// stage; run with `--jobs 1` so that the comparer's families run one after another).
/// Silent, and nearly free, otherwise.
pub fn rss_probe(label: &str) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*ON.get_or_init(|| std::env::var_os("CROSSCHECK_RSS_PROBE").is_some()) {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| {
                v.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .unwrap_or(0)
                    / 1024
            })
            .unwrap_or(0)
    };
    eprintln!(
        "rss {label}: {} MB (peak {} MB)",
        field("VmRSS:"),
        field("VmHWM:")
    );
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
    if let Some(cache) = hooks.cache {
        return run_cached(&pool, cache, paths, opts, rules, hooks);
    }
    let mut corpus = extract_in(&pool, paths, opts, rules, hooks)?;
    pool.install(|| {
        crate::resolve::resolve_articles(&mut corpus.articles, &rules.resolve);
        resolve(&corpus.articles, &mut corpus.claims, &rules.resolve);
        rss_probe("resolve");
        corpus.findings = compare(&corpus.articles, &corpus.claims, &rules.compare);
        rss_probe("compare");
    });
    Ok(corpus)
}

/// [`run_with`] with a cache (see `cache`): an unchanged corpus takes its resolved claims
/// and findings from the run memo, checked before any extraction look-up; otherwise each
/// article's claims come from its extraction entry and the per-article part of `resolve`
/// from the last run's results for the same article key, and only the corpus-wide parts
/// (speaker clustering, `compare`) run over everything.
fn run_cached(
    pool: &rayon::ThreadPool,
    cache: &crate::cache::Cache,
    paths: &[PathBuf],
    opts: &Options,
    rules: &Rules,
    hooks: &Hooks<'_>,
) -> Result<Corpus> {
    let mut articles = pool.install(|| load(paths, &opts.load, &rules.load))?;
    let keys = pool.install(|| cache.keys(&articles));
    let run_key = cache.run_key_of(&articles, &keys);
    if let Some((claims, all)) = cache.load_run(&run_key) {
        crate::resolve::resolve_articles(&mut articles, &rules.resolve);
        return Ok(Corpus {
            articles,
            claims,
            findings: crate::compare::shown(all, rules.compare.options),
        });
    }
    let (mut corpus, counts) = extract_loaded(pool, articles, rules, hooks, Some(&keys));
    pool.install(|| {
        crate::resolve::resolve_articles(&mut corpus.articles, &rules.resolve);
        crate::resolve::resolve_speakers(&corpus.articles, &mut corpus.claims, &rules.resolve);
        resolve_local_cached(
            cache,
            &corpus.articles,
            &mut corpus.claims,
            &keys,
            &counts,
            rules,
        );
        // Judgements of pairs of unchanged items come from the last run's table.
        let judgements = cache.load_judgements();
        let all = crate::compare::compare_all_memo(
            &corpus.articles,
            &corpus.claims,
            &rules.compare,
            &judgements,
        );
        cache.store_judgements(&judgements);
        drop(judgements);
        cache.store_run(&run_key, &corpus.claims, &all);
        corpus.findings = crate::compare::shown(all, rules.compare.options);
    });
    Ok(corpus)
}

/// [`crate::resolve::resolve_local`] over the claims of the articles the cache has no
/// results for; the others take the last run's results for their article key. `claims`
/// holds `counts[i]` claims of article `i` (whose key is `keys[i]`), in article order.
/// Stores this run's results for the next.
fn resolve_local_cached(
    cache: &crate::cache::Cache,
    articles: &[Article],
    claims: &mut [Claim],
    keys: &[String],
    counts: &[usize],
    rules: &Rules,
) {
    use crate::cache::Local;
    let mut old = cache.load_locals();
    let mut ranges = Vec::with_capacity(counts.len());
    let mut start = 0;
    for &n in counts {
        ranges.push(start..start + n);
        start += n;
    }
    let mut fresh: Vec<usize> = Vec::new();
    let mut missing = false;
    for (key, range) in keys.iter().zip(&ranges) {
        match old.remove(key) {
            Some(locals) if locals.len() == range.len() => {
                for (c, l) in claims[range.clone()].iter_mut().zip(locals) {
                    l.apply(c);
                }
            }
            _ => {
                missing = true;
                fresh.extend(range.clone());
            }
        }
    }
    if !fresh.is_empty() {
        let mut subset: Vec<Claim> = fresh.iter().map(|&i| claims[i].clone()).collect();
        crate::resolve::resolve_local(articles, &mut subset, &rules.resolve);
        for (&i, c) in fresh.iter().zip(subset) {
            claims[i] = c;
        }
    }
    let now: std::collections::BTreeMap<&str, Vec<Local>> = keys
        .iter()
        .zip(&ranges)
        .map(|(k, r)| {
            (
                k.as_str(),
                claims[r.clone()].iter().map(Local::of).collect(),
            )
        })
        .collect();
    // Rewritten when an article is new or one is gone.
    if missing || !old.is_empty() {
        cache.store_locals(&now);
    }
}
