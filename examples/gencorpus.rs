//! Write a generated benchmark corpus (see `benches/support/corpus.rs`) to a folder.
//!
//! ```text
//! cargo run --release --example gencorpus -- --size 10MB --out target/bench-corpus/10MB
//! ```
//!
//! Options: `--size SIZE` (`1MB`, `10MB`, `100MB`, `512KB`, bytes; default 1MB), `--out DIR`
//! (required; must be empty or absent), `--seed N` (default: a fixed seed, so every run
//! writes the same bytes), `--repo DIR` (where the fixtures are read; default: this
//! checkout). Prints the totals as one line of JSON on standard output.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: gencorpus --size SIZE --out DIR [--seed N] [--repo DIR]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut size = 1_000_000;
    let mut out: Option<PathBuf> = None;
    let mut seed = corpus::DEFAULT_SEED;
    let mut repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let Some(v) = args.next() else {
            return usage();
        };
        match a.as_str() {
            "--size" => match corpus::parse_size(&v) {
                Some(s) if s > 0 => size = s,
                _ => {
                    eprintln!("gencorpus: {v:?} is not a size (write 10MB, 512KB or bytes)");
                    return ExitCode::from(2);
                }
            },
            "--out" => out = Some(PathBuf::from(v)),
            "--seed" => match v.parse() {
                Ok(s) => seed = s,
                Err(_) => return usage(),
            },
            "--repo" => repo = PathBuf::from(v),
            _ => return usage(),
        }
    }
    let Some(out) = out else {
        return usage();
    };
    if std::fs::read_dir(&out).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!("gencorpus: {} is not empty", out.display());
        return ExitCode::from(2);
    }
    let generator = match corpus::Generator::from_repo(&repo) {
        Ok(g) => g,
        Err(e) => {
            eprintln!(
                "gencorpus: cannot read the fixtures under {}: {e}",
                repo.display()
            );
            return ExitCode::from(2);
        }
    };
    match generator.write_dir(&out, size, seed) {
        Ok(s) => {
            println!(
                "{{\"dir\": {:?}, \"bytes\": {}, \"files\": {}, \"articles\": {}, \"stories\": {}, \"seed\": {seed}}}",
                out.display().to_string(),
                s.bytes,
                s.files,
                s.articles,
                s.stories
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gencorpus: cannot write {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}
