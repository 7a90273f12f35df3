//! Incremental runs with `--cache`: the whole `crosscheck` process on a generated corpus of
//! 10,000 articles, without a cache, cold (empty cache), unchanged, and after adding one
//! article. The target is that the run after adding one article takes under a tenth of
//! the cold one; with `CROSSCHECK_BENCH_STRICT=1` the bench exits 1 when it does not.
//!
//! Run: `cargo bench --bench incremental` (release build). `CROSSCHECK_BENCH_ARTICLES=N`
//! changes the corpus size; `CROSSCHECK_BENCH_KEEP=DIR` keeps the generated corpus in DIR.
//! Prints the figures as a Markdown table.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const OUTLETS: &[&str] = &[
    "Harbour Herald",
    "Valley Post",
    "Evening Star",
    "Northern Ledger",
    "City Courier",
    "Coastal Press",
    "Morning Tribune",
    "Daily Compass",
    "Plains Gazette",
    "River Times",
    "Metro Wire",
    "Island Observer",
];
const FIRST: &[&str] = &[
    "Ana", "Bo", "Carla", "Dmytro", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Lena", "Mateo", "Nadia", "Olu", "Priya",
];
const LAST: &[&str] = &[
    "Diaz", "Lin", "Moreau", "Hnatenko", "Yilmaz", "Haddad", "Okafor", "Tanaka", "Silva", "Berg",
    "Adeyemi", "Novak", "Rossi", "Karimi", "Mensah", "Sharma",
];
const ROLES: &[&str] = &[
    "the mayor",
    "the finance minister",
    "a spokesperson for the council",
    "the chief executive",
    "the union leader",
    "a senior official",
    "the head of the agency",
];
const THINGS: &[&str] = &[
    "budget",
    "harbour bridge",
    "new hospital wing",
    "rail line",
    "housing plan",
    "water tariff",
    "school programme",
    "flood barrier",
];
const VERBS: &[&str] = &["rise", "fall", "grow", "shrink", "change"];

/// A small deterministic generator (xorshift), so every run builds the same corpus.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn num(&mut self, max: u64) -> u64 {
        self.next() % max + 1
    }
}

fn article(i: usize) -> String {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64 + 1).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let outlet = r.pick(OUTLETS);
    let day = i % 28 + 1;
    let month = i % 12 + 1;
    let thing = r.pick(THINGS);
    let mut s = format!(
        "---\ntitle: The {thing} debate, part {i}\noutlet: {outlet}\npublished: 2025-{month:02}-{day:02}\n---\n\
         The {thing} debate goes on\n\n"
    );
    let paragraphs = 8 + r.num(8);
    for _ in 0..paragraphs {
        let name = format!("{} {}", r.pick(FIRST), r.pick(LAST));
        let role = r.pick(ROLES);
        let other = r.pick(OUTLETS);
        let n = r.num(90);
        let verb = r.pick(VERBS);
        let line = match r.num(6) {
            1 => format!(
                "{name}, {role}, said the cost of the {thing} would {verb} by {n} percent next year.\n"
            ),
            2 => format!(
                "\"We will not accept a {thing} that leaves {n} families behind,\" {name} told {other} on Tuesday.\n"
            ),
            3 => format!(
                "According to {other}, {n} people attended the meeting about the {thing}, and {name} said more would come.\n"
            ),
            4 => format!(
                "The {thing} has been delayed {n} times, {role} {name} claimed, adding that \"the plan is sound.\"\n"
            ),
            5 => format!(
                "Residents gathered outside the town hall on {} March to discuss the {thing}.\n",
                n % 28 + 1
            ),
            _ => format!(
                "{name} described the {thing} as \"a project for the next {n} years\" in an interview.\n"
            ),
        };
        s.push_str(&line);
        s.push('\n');
    }
    s
}

fn run(bin: &Path, corpus: &Path, cache: Option<&Path>) -> Duration {
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
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "crosscheck failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("incremental: bench");
        return;
    }
    let n: usize = std::env::var("CROSSCHECK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary
        // without it, as a smoke test on a small corpus.
        .unwrap_or(if std::env::args().any(|a| a == "--bench") {
            10_000
        } else {
            100
        });
    let bin = Path::new(env!("CARGO_BIN_EXE_crosscheck"));
    let dir = tempfile::tempdir().expect("temp dir");
    // CROSSCHECK_BENCH_KEEP=DIR keeps the generated corpus there, for profiling.
    let keep = std::env::var_os("CROSSCHECK_BENCH_KEEP").map(std::path::PathBuf::from);
    let corpus = keep.clone().unwrap_or_else(|| dir.path().join("corpus"));
    let _ = std::fs::remove_dir_all(&corpus);
    std::fs::create_dir_all(&corpus).expect("corpus dir");
    let mut bytes = 0;
    for i in 0..n {
        let text = article(i);
        bytes += text.len();
        std::fs::write(corpus.join(format!("a{i:05}.md")), text).expect("write");
    }
    let cache = dir.path().join("cache");
    // The first run also warms the file system cache, so later runs read from memory.
    let _ = run(bin, &corpus, None);
    let plain = run(bin, &corpus, None);
    let cold = run(bin, &corpus, Some(&cache));
    let unchanged = run(bin, &corpus, Some(&cache));
    std::fs::write(corpus.join("z-new.md"), article(n + 1)).expect("write");
    let one_more = run(bin, &corpus, Some(&cache));
    let ratio = one_more.as_secs_f64() / cold.as_secs_f64();

    println!(
        "| corpus | no cache | cold (empty cache) | unchanged | one article added | added / cold |"
    );
    println!("|---|---|---|---|---|---|");
    println!(
        "| {n} articles, {:.1} MB | {:.2} s | {:.2} s | {:.2} s | {:.2} s | {:.3} |",
        bytes as f64 / 1e6,
        plain.as_secs_f64(),
        cold.as_secs_f64(),
        unchanged.as_secs_f64(),
        one_more.as_secs_f64(),
        ratio
    );
    let met = ratio < 0.1;
    println!(
        "\nadding one article took {ratio:.3} of the cold time: target (< 0.1) {}",
        if met { "met" } else { "NOT met" }
    );
    if !met {
        println!(
            "(the cache saves segmenting and extracting; loading, resolving, comparing and \
             rendering still run over the whole corpus: with no cache the run took {:.2} s)",
            plain.as_secs_f64()
        );
        if std::env::var_os("CROSSCHECK_BENCH_STRICT").is_some() {
            std::process::exit(1);
        }
    }
}
