//! Incremental runs with `--cache`: the whole `crosscheck report` process on a generated
//! corpus (the shared generator of `benches/support/corpus.rs`, as `benches/extract.rs`
//! and `examples/gencorpus.rs` use), cold (empty cache), unchanged (warm cache), and
//! after adding one article. The target is that the run after adding one article takes
//! under a tenth of the cold one; with `CROSSCHECK_BENCH_STRICT=1` the bench exits 1 when
//! it does not.
//!
//! Run: `cargo bench --bench incremental` (release build): 2,000 and 10,000 articles.
//! `CROSSCHECK_BENCH_ARTICLES=N[,M...]` changes the corpus sizes;
//! `CROSSCHECK_BENCH_PLAIN=1` also times a run without a cache;
//! `CROSSCHECK_BENCH_KEEP=DIR` keeps the generated corpora (and caches) in DIR.
//! Prints the figures as a Markdown table: wall time and CPU time (user + sys of the
//! child process, from `/proc/self/stat`; the ratios are given for both, since on a
//! shared machine wall time is disturbed by other work). Under `cargo test
//! --all-targets` (no `--bench`) it runs one small corpus as a smoke test.

#[path = "support/corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Wall and CPU seconds of one run.
#[derive(Clone, Copy, Default)]
struct Took {
    wall: f64,
    cpu: Option<f64>,
}

impl Took {
    fn show(self) -> String {
        match self.cpu {
            Some(c) => format!("{:.2} s ({:.2} s CPU)", self.wall, c),
            None => format!("{:.2} s", self.wall),
        }
    }
}

/// User + sys seconds of this process's waited-for children (Linux), from
/// `/proc/self/stat` (fields 16 and 17, in clock ticks).
fn children_cpu(ticks: f64) -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state): cutime is field 16, cstime field 17.
    let cutime: f64 = f.get(13)?.parse().ok()?;
    let cstime: f64 = f.get(14)?.parse().ok()?;
    Some((cutime + cstime) / ticks)
}

fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

fn run(bin: &Path, corpus: &Path, cache: Option<&Path>, ticks: f64) -> Took {
    let cpu0 = children_cpu(ticks);
    let start = Instant::now();
    let mut cmd = Command::new(bin);
    cmd.args([
        "report",
        "--format",
        "jsonl",
        "--output",
        "/dev/null",
        "--quiet",
    ]);
    if let Some(cache) = cache {
        cmd.arg("--cache").arg(cache);
    }
    let out = cmd
        .arg(corpus)
        .env("CI", "true")
        .output()
        .expect("crosscheck runs");
    let wall = start.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "crosscheck failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cpu = match (cpu0, children_cpu(ticks)) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    Took { wall, cpu }
}

/// The first files of the generated corpus holding `n` articles, and one more file of a
/// single article (the next the generator makes) to add.
fn generate(generator: &corpus::Generator, n: usize) -> (Vec<corpus::Doc>, corpus::Doc) {
    let mut docs = Vec::new();
    let mut articles = 0;
    let mut extra = None;
    // The sink stops the generator (with an error) once it has what it needs.
    let _ = generator.generate(usize::MAX, corpus::DEFAULT_SEED, |doc| {
        if articles < n {
            articles += doc.articles;
            docs.push(doc);
            Ok(())
        } else if doc.articles == 1 {
            extra = Some(doc);
            Err(std::io::Error::other("enough"))
        } else {
            Ok(())
        }
    });
    (docs, extra.expect("the generator never runs dry"))
}

fn write(dir: &Path, doc: &corpus::Doc) -> usize {
    let path = dir.join(&doc.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("corpus dir");
    }
    std::fs::write(path, &doc.text).expect("write");
    doc.text.len()
}

fn ratio(a: Took, b: Took) -> (f64, Option<f64>) {
    let cpu = match (a.cpu, b.cpu) {
        (Some(x), Some(y)) if y > 0.0 => Some(x / y),
        _ => None,
    };
    (a.wall / b.wall, cpu)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("incremental: bench");
        return;
    }
    let bench = std::env::args().any(|a| a == "--bench");
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary
    // without it, as a smoke test on a small corpus.
    let sizes: Vec<usize> = match std::env::var("CROSSCHECK_BENCH_ARTICLES") {
        Ok(v) => v
            .split(',')
            .filter_map(|s| s.trim().replace('_', "").parse().ok())
            .collect(),
        Err(_) if bench => vec![2_000, 10_000],
        Err(_) => vec![40],
    };
    let plain_too = std::env::var_os("CROSSCHECK_BENCH_PLAIN").is_some();
    let bin = Path::new(env!("CARGO_BIN_EXE_crosscheck"));
    let generator = corpus::Generator::here().expect("fixtures readable");
    let ticks = clock_ticks();
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = std::env::var_os("CROSSCHECK_BENCH_KEEP")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());

    println!(
        "| corpus | {}cold (empty cache) | unchanged | one article added | added / cold, CPU | added / cold, wall |",
        if plain_too { "no cache | " } else { "" }
    );
    println!(
        "|---|{}---|---|---|---|---|",
        if plain_too { "---|" } else { "" }
    );
    let mut missed = false;
    for n in sizes {
        let (docs, extra) = generate(&generator, n);
        let corpus = root.join(format!("corpus-{n}"));
        let cache = root.join(format!("cache-{n}"));
        let _ = std::fs::remove_dir_all(&corpus);
        let _ = std::fs::remove_dir_all(&cache);
        std::fs::create_dir_all(&corpus).expect("corpus dir");
        let bytes: usize = docs.iter().map(|d| write(&corpus, d)).sum();
        let articles: usize = docs.iter().map(|d| d.articles).sum();
        let plain = plain_too.then(|| run(bin, &corpus, None, ticks));
        let cold = run(bin, &corpus, Some(&cache), ticks);
        let unchanged = run(bin, &corpus, Some(&cache), ticks);
        write(&corpus, &extra);
        let added = run(bin, &corpus, Some(&cache), ticks);
        let (wall, cpu) = ratio(added, cold);
        let judged = cpu.unwrap_or(wall);
        missed |= judged >= 0.1;
        println!(
            "| {articles} articles, {} files, {:.1} MB | {}{} | {} | {} | {} | {wall:.3} |",
            docs.len(),
            bytes as f64 / 1e6,
            plain
                .map(|p| format!("{} | ", p.show()))
                .unwrap_or_default(),
            cold.show(),
            unchanged.show(),
            added.show(),
            cpu.map_or("-".to_string(), |c| format!("{c:.3}")),
        );
    }
    println!(
        "\ntarget: adding one article re-runs in under 0.1 of the cold time (CPU time where \
         available): {}",
        if missed { "NOT met" } else { "met" }
    );
    if missed && std::env::var_os("CROSSCHECK_BENCH_STRICT").is_some() {
        std::process::exit(1);
    }
}
