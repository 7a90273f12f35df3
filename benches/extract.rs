//! Extraction throughput on one thread, in MB/s (1 MB = 1,000,000 bytes of input files), on
//! generated corpora of 1 MB and 10 MB (see `benches/support/corpus.rs`):
//!
//! - `extract_1thread/segment+extract`: articles already loaded; segmenting and extracting.
//! - `extract_1thread/load+segment+extract`: from the files' bytes in memory (decoding,
//!   front matter, HTML, JSON Lines, boilerplate, metadata inference), then as above.
//! - `resolve_compare`: resolving and comparing the claims of the loaded corpus (per claim).
//!
//! Then a plain summary: the median of five timed runs of each, as a Markdown table, and
//! whether extraction meets the target of 20 MB/s on one thread.
//!
//! Run: `cargo bench --bench extract` (add `-- --quick` for a faster, rougher run).
//! `CROSSCHECK_BENCH_SIZES=1MB,10MB,100MB` picks the corpora; `CROSSCHECK_BENCH_STRICT=1`
//! exits 1 when the target is not met. Under `cargo test` (no `--bench`) it runs once on a
//! 100 KB corpus, as a smoke test.
//!
//! For a profiler: `CROSSCHECK_BENCH_PROFILE=segment+extract` (or `load+segment+extract`,
//! `resolve+compare`) skips criterion and runs only that stage, three times, on the first
//! corpus, e.g. `CROSSCHECK_BENCH_SIZES=10MB CROSSCHECK_BENCH_PROFILE=segment+extract
//! perf record -g target/release/deps/extract-HASH --bench`.

#[path = "support/corpus.rs"]
mod corpus;

/// mimalloc: about a tenth less CPU than the system allocator over the whole pipeline
/// (crosscheck allocates many small strings and vectors per sentence and claim).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput};
use crosscheck::compare::compare;
use crosscheck::load::{LoadOptions, format_of, load_bytes};
use crosscheck::model::{Article, Claim, Status};
use crosscheck::resolve::{resolve, resolve_articles};
use crosscheck::rules::Rules;
use crosscheck::segment::segment;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// Extraction target on one thread, MB/s.
const TARGET_MB_S: f64 = 20.0;

struct Corpus {
    label: String,
    docs: Vec<corpus::Doc>,
    bytes: usize,
    articles: Vec<Article>,
    claims: Vec<Claim>,
}

fn load_doc(doc: &corpus::Doc, rules: &Rules) -> Vec<Article> {
    let path = Path::new(&doc.path);
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    load_bytes(
        &id,
        &doc.path,
        doc.text.as_bytes(),
        format_of(path),
        &LoadOptions::default(),
        &rules.load,
        &[],
    )
}

fn extract_one(a: &Article, rules: &Rules) -> Vec<Claim> {
    if a.status == Status::Skipped {
        return Vec::new();
    }
    let seg = segment(a, &rules.segment);
    crosscheck::extract::extract(a, &seg, &rules.extract)
}

/// Segment and extract every loaded article; the number of claims.
fn segment_extract(articles: &[Article], rules: &Rules) -> usize {
    articles.iter().map(|a| extract_one(a, rules).len()).sum()
}

/// Load every file from its bytes, then segment and extract; the number of claims.
fn load_segment_extract(docs: &[corpus::Doc], rules: &Rules) -> usize {
    docs.iter()
        .flat_map(|d| load_doc(d, rules))
        .map(|a| extract_one(&a, rules).len())
        .sum()
}

/// Resolve and compare (on copies); the number of findings.
fn resolve_compare(articles: &mut [Article], claims: &mut [Claim], rules: &Rules) -> usize {
    resolve_articles(articles, &rules.resolve);
    resolve(articles, claims, &rules.resolve);
    compare(articles, claims, &rules.compare).len()
}

/// CPU time of the calling thread so far (Linux `/proc/thread-self/schedstat`, nanoseconds
/// on the CPU), so that figures taken on a shared machine mean something; `None` elsewhere.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without
    // it, as a smoke test on a small corpus.
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let sizes: Vec<(String, usize)> = match std::env::var("CROSSCHECK_BENCH_SIZES") {
        Ok(v) => v
            .split(',')
            .filter_map(|s| Some((s.trim().to_string(), corpus::parse_size(s)?)))
            .collect(),
        Err(_) if bench_mode => vec![("1MB".into(), 1_000_000), ("10MB".into(), 10_000_000)],
        Err(_) => vec![("100KB".into(), 100_000)],
    };
    let rules = Rules::embedded().expect("built-in rules compile");
    let generator = corpus::Generator::here().expect("fixtures readable");
    // One worker thread, in case any stage reaches for rayon's pool.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    pool.install(|| run(&sizes, &generator, &rules, bench_mode));
}

fn run(sizes: &[(String, usize)], generator: &corpus::Generator, rules: &Rules, bench_mode: bool) {
    let corpora: Vec<Corpus> = sizes
        .iter()
        .map(|(label, size)| {
            let docs = generator.docs(*size, corpus::DEFAULT_SEED);
            let bytes = docs.iter().map(|d| d.text.len()).sum();
            let articles: Vec<Article> = docs.iter().flat_map(|d| load_doc(d, rules)).collect();
            let claims: Vec<Claim> = articles
                .iter()
                .flat_map(|a| extract_one(a, rules))
                .collect();
            Corpus {
                label: label.clone(),
                docs,
                bytes,
                articles,
                claims,
            }
        })
        .collect();

    if let Ok(stage) = std::env::var("CROSSCHECK_BENCH_PROFILE") {
        let k = &corpora[0];
        for _ in 0..3 {
            let t = Instant::now();
            let cpu = thread_cpu();
            let n = match stage.as_str() {
                "segment+extract" => segment_extract(&k.articles, rules),
                "load+segment+extract" => load_segment_extract(&k.docs, rules),
                "resolve+compare" => {
                    let (mut a, mut cl) = (k.articles.clone(), k.claims.clone());
                    resolve_compare(&mut a, &mut cl, rules)
                }
                other => panic!("CROSSCHECK_BENCH_PROFILE={other:?}: not a stage"),
            };
            let cpu = thread_cpu().zip(cpu).map(|(b, a)| b.saturating_sub(a));
            let mb = k.bytes as f64 / 1e6;
            match cpu {
                Some(c) => println!(
                    "{stage} on {}: {n} items in {:.2?} wall, {:.2?} CPU ({:.1} MB/s of CPU)",
                    k.label,
                    t.elapsed(),
                    c,
                    mb / c.as_secs_f64().max(1e-9)
                ),
                None => println!("{stage} on {}: {n} items in {:.2?}", k.label, t.elapsed()),
            }
        }
        return;
    }

    let mut c = Criterion::default()
        .sample_size(10)
        .without_plots()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    {
        let mut g = c.benchmark_group("extract_1thread");
        for k in &corpora {
            g.throughput(Throughput::BytesDecimal(k.bytes as u64));
            g.bench_with_input(
                BenchmarkId::new("segment+extract", &k.label),
                &k.articles,
                |b, arts| b.iter(|| segment_extract(arts, rules)),
            );
            g.bench_with_input(
                BenchmarkId::new("load+segment+extract", &k.label),
                &k.docs,
                |b, docs| b.iter(|| load_segment_extract(docs, rules)),
            );
        }
        g.finish();
    }
    {
        let mut g = c.benchmark_group("resolve_compare");
        for k in &corpora {
            g.throughput(Throughput::Elements(k.claims.len() as u64));
            g.bench_with_input(
                BenchmarkId::from_parameter(&k.label),
                &(&k.articles, &k.claims),
                |b, (arts, claims)| {
                    b.iter_batched(
                        || (arts.to_vec(), claims.to_vec()),
                        |(mut a, mut cl)| resolve_compare(&mut a, &mut cl, rules),
                        BatchSize::LargeInput,
                    )
                },
            );
        }
        g.finish();
    }
    c.final_summary();

    // The plain figures: median of five runs (one when smoke testing).
    let runs = if bench_mode { 5 } else { 1 };
    println!(
        "\n| corpus | files | articles | claims | segment+extract | load+segment+extract | resolve+compare |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut worst = f64::INFINITY;
    for k in &corpora {
        let mb = k.bytes as f64 / 1e6;
        let se = time(runs, || segment_extract(&k.articles, rules));
        let lse = time(runs, || load_segment_extract(&k.docs, rules));
        let rc = time(runs, || {
            let (mut a, mut cl) = (k.articles.clone(), k.claims.clone());
            resolve_compare(&mut a, &mut cl, rules)
        });
        let (se_mb, lse_mb) = (mb / se.as_secs_f64(), mb / lse.as_secs_f64());
        worst = worst.min(se_mb);
        println!(
            "| {} ({mb:.1} MB) | {} | {} | {} | {:.2} s, {se_mb:.1} MB/s | {:.2} s, {lse_mb:.1} MB/s | {:.2} s, {:.1} us/claim |",
            k.label,
            k.docs.len(),
            k.articles.len(),
            k.claims.len(),
            se.as_secs_f64(),
            lse.as_secs_f64(),
            rc.as_secs_f64(),
            rc.as_secs_f64() * 1e6 / k.claims.len().max(1) as f64,
        );
    }
    let met = worst >= TARGET_MB_S;
    println!(
        "\nextraction on one thread: {worst:.1} MB/s at worst; target (>= {TARGET_MB_S} MB/s) {}",
        if met { "met" } else { "NOT met" }
    );
    if !met && std::env::var_os("CROSSCHECK_BENCH_STRICT").is_some() {
        std::process::exit(1);
    }
}
