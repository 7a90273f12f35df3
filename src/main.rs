//! The `crosscheck` command line: parses arguments (clap derive), calls the library and
//! renders errors in one place. Exit codes are documented in `--help` and README.md.

/// mimalloc: about a tenth less CPU than the system allocator over the whole pipeline
/// (crosscheck allocates many small strings and vectors per sentence and claim), for
/// more peak memory (freed pages stay committed); `MIMALLOC_ARENA_EAGER_COMMIT=0
/// MIMALLOC_PURGE_DELAY=0` in the environment trades the speed back for memory (README,
/// "Speed and memory").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use crosscheck::baseline::Baseline;
use crosscheck::cache::Cache;
use crosscheck::check;
use crosscheck::error::Error;
use crosscheck::pipeline::{self, Corpus, Options};
use crosscheck::report::{self, OutputFormat, RenderOptions};
use crosscheck::rules::{RuleSet, Rules};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  findings that fail the run (`check`)
  2  crosscheck could not run: bad usage, bad rules, unreadable output, or no input could be read
     (`check` and `baseline`: any input that could not be read)
  3  the report was made, but some inputs were skipped (each is listed with its reason)";

const EXAMPLES: &str = "\
Examples:
  crosscheck report fixtures/articles              # table of findings and articles
  crosscheck report fixtures/articles --format json --output report.json
  crosscheck extract fixtures/articles/000_46f38496dd1a77a1.txt
  crosscheck segment fixtures/articles/001_e2c65b9bbdb5ae3c.txt
  crosscheck entities fixtures/articles              # who is who: canonical names, spellings seen
  crosscheck eval --gold tests/gold/articles.json fixtures/articles
  crosscheck eval --gold tests/gold/articles-findings.json fixtures/articles
  crosscheck explain F-0123456789 fixtures/articles   # a finding with its sentences
  crosscheck rules check my-rules/
  crosscheck check news/ --baseline crosscheck-baseline.json --save sarif=crosscheck.sarif
  crosscheck baseline news/ > crosscheck-baseline.json";

/// Cross-check news coverage: extract attributed claims and compare them across sources.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, after_help = format!("{EXAMPLES}\n\n{EXIT_CODES}"))]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct Global {
    /// Extra rules folder, merged over the built-in rules.
    #[arg(long, global = true, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Use only the rules in --rules, not the built-in ones.
    #[arg(long, global = true, requires = "rules")]
    no_default_rules: bool,
    /// Print nothing on stderr but errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Worker threads (0: one per core). Output is the same for any value.
    #[arg(short, long, global = true, default_value_t = 0)]
    jobs: usize,
    /// Outlet of every input, overriding manifest, front matter and inference.
    #[arg(long, global = true)]
    outlet: Option<String>,
    /// Publication date (YYYY-MM-DD) of every input, overriding other sources.
    #[arg(long, global = true, value_name = "DATE")]
    published: Option<String>,
    /// Corpus manifest giving metadata per file (default: the first crosscheck.toml in or
    /// above each input folder).
    #[arg(long, global = true, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// Skip an article whose text is longer than this many MiB (0: no limit).
    #[arg(long, global = true, value_name = "MIB", default_value_t = 8)]
    max_article_size: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the whole pipeline and print the report.
    Report(ReportArgs),
    /// Print the attributed claims only.
    Extract(OutputArgs),
    /// Show an article's sentences, headlines, bullets and captions with line numbers.
    Segment {
        /// The article.
        file: PathBuf,
    },
    /// Score extracted claims (gold schema crosscheck/gold/v1) or findings
    /// (crosscheck/findings-gold/v1) against a gold annotation.
    Eval {
        /// The gold file.
        #[arg(long)]
        gold: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
        /// Findings gold only: score findings at or above this confidence.
        #[arg(long, value_name = "X", value_parser = confidence)]
        min_confidence: Option<f64>,
        /// Articles (files or folders).
        paths: Vec<PathBuf>,
    },
    /// Show every canonical entity (people, organisations, outlets) with the spellings
    /// seen, its kind, roles and the articles it appears in; a wrong merge is fixed by an
    /// [[entity]] rule.
    Entities(OutputArgs),
    /// Run the pipeline and print one finding with the full sentences of its claims and
    /// their file:line. Any finding, shown by default or not.
    Explain {
        /// The finding's id (or the start of it), as in the report.
        id: String,
        /// Articles: files or folders (default: fixtures/articles when it exists).
        paths: Vec<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check articles for CI: exit 1 when findings fail the run (see --fail-on).
    Check(CheckArgs),
    /// Record the current findings as accepted, by stable fingerprint (a baseline file).
    Baseline(BaselineArgs),
    /// List or check rules.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
}

#[derive(Debug, Args)]
struct OutputArgs {
    /// Articles: files, folders (walked recursively) or - for standard input.
    /// Default: fixtures/articles when it exists, else the current folder.
    paths: Vec<PathBuf>,
    /// Output format (default: table on a terminal, json otherwise).
    #[arg(short, long, value_enum)]
    format: Option<OutputFormat>,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write the report in FORMAT to FILE (repeatable): --save sarif=out.sarif
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_save)]
    save: Vec<(OutputFormat, PathBuf)>,
    /// Keep each article's extraction in DIR and reuse it while the article, the rules and
    /// crosscheck are unchanged.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct PolicyArgs {
    /// Finding kinds that fail the run, comma-separated, or all / none.
    #[arg(
        long,
        value_name = "KINDS",
        default_value = "contradiction,misquote,misattribution"
    )]
    fail_on: String,
    /// Ignore findings below this confidence (0.0 to 1.0).
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    min_confidence: f64,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Fail only on findings not in this baseline file; report its stale entries.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Report only findings involving an article added or changed since git revision REV
    /// (the whole corpus is still compared).
    #[arg(long, value_name = "REV")]
    since: Option<String>,
    /// Exit 0 even when findings fail the run (still 2 when crosscheck cannot run).
    #[arg(long)]
    exit_zero: bool,
}

#[derive(Debug, Args)]
struct BaselineArgs {
    /// Articles: files or folders. Default: fixtures/articles when it exists, else the
    /// current folder.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    policy: PolicyArgs,
    /// An existing baseline: its reasons are kept; with --prune, it is the file pruned.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Remove the entries of --baseline that no longer match a finding (and add none);
    /// the file is rewritten in place unless --output is given.
    #[arg(long, requires = "baseline")]
    prune: bool,
    /// Write the baseline to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Extraction cache folder (as for `check`).
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
}

fn parse_save(s: &str) -> Result<(OutputFormat, PathBuf), String> {
    let (format, file) = s
        .split_once('=')
        .ok_or_else(|| format!("expected FORMAT=FILE, got {s:?}"))?;
    let format = <OutputFormat as ValueEnum>::from_str(format, true)?;
    if file.is_empty() {
        return Err("the file name is empty".into());
    }
    Ok((format, PathBuf::from(file)))
}

#[derive(Debug, Args)]
struct ReportArgs {
    #[command(flatten)]
    output: OutputArgs,
    /// Show findings at or above this confidence (0 to 1).
    #[arg(long, value_name = "X", value_parser = confidence,
          default_value_t = crosscheck::compare::DEFAULT_MIN_CONFIDENCE)]
    min_confidence: f64,
    /// Also show single-source findings (claims only one independent source carries).
    #[arg(long)]
    single_source: bool,
}

fn confidence(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a confidence between 0 and 1")),
    }
}

#[derive(Debug, Subcommand)]
enum RulesAction {
    /// List the rule files in force and how many entries each has.
    List,
    /// Check a rules folder (default: the built-in rules) and report every error.
    Check {
        /// The folder to check.
        dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("crosscheck: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if !paths.is_empty() {
        return paths;
    }
    let bundled = PathBuf::from("fixtures/articles");
    if bundled.is_dir() {
        vec![bundled]
    } else {
        vec![PathBuf::from(".")]
    }
}

fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn write_output(output: Option<&PathBuf>, text: &str) -> Result<(), Error> {
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| Error::io(path, e)),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Error::io("<stdout>", e))
                }
                _ => Ok(()),
            }
        }
    }
}

/// Like [`write_output`], but `write` produces the bytes into a buffered writer as it
/// goes, so a large report is never held whole in memory.
fn stream_output(
    output: Option<&PathBuf>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    match output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut out)
                .and_then(|_| out.flush())
                .map_err(|e| Error::io(path, e))
        }
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match write(&mut out).and_then(|_| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Error::io("<stdout>", e))
                }
                _ => Ok(()),
            }
        }
    }
}

/// Warn about skipped articles on stderr; the exit code for a finished run.
fn finish(corpus: &Corpus, quiet: bool) -> u8 {
    let ok = corpus.articles.len() - corpus.skipped();
    if !quiet {
        for a in &corpus.articles {
            for p in &a.problems {
                let line = p.line.map(|l| format!(":{l}")).unwrap_or_default();
                let what = match p.severity {
                    crosscheck::model::Severity::Error => "skipped",
                    crosscheck::model::Severity::Warning => "warning",
                };
                eprintln!(
                    "crosscheck: {what}: {}{line}: {}",
                    report::terminal_safe(&a.path),
                    report::terminal_safe(&p.message)
                );
            }
        }
    }
    if ok == 0 {
        if !quiet {
            eprintln!("crosscheck: error: no input could be read");
        }
        2
    } else if corpus.skipped() > 0 {
        3
    } else {
        0
    }
}

fn run(cli: Cli) -> Result<u8, Error> {
    let g = &cli.global;
    // The report is rendered outside the pipeline's pool, on rayon's global pool: the same
    // --jobs. It cannot have been started yet; were it, it would keep its size.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(g.jobs)
        .build_global();
    let set = RuleSet::load(g.rules.as_deref(), !g.no_default_rules)?;
    let opts = Options {
        load: crosscheck::load::LoadOptions {
            outlet: g.outlet.clone(),
            published: g.published.clone(),
            manifest: g.manifest.clone(),
            max_article_bytes: g.max_article_size.saturating_mul(1 << 20),
        },
        jobs: g.jobs,
    };
    let width = terminal_width().unwrap_or(100);
    let render = |claims_table| RenderOptions {
        color: color_enabled(g.color),
        width,
        claims_table,
    };
    let default_format = || {
        if std::io::stdout().is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Json
        }
    };
    match cli.command {
        Command::Rules {
            action: RulesAction::List,
        } => {
            let rules = Rules::new(set)?;
            let mut out = String::new();
            for (name, sources) in rules.set.sources() {
                let paths: Vec<&str> = sources.iter().map(|s| s.path.as_str()).collect();
                out.push_str(&format!("{name}: {}\n", paths.join(" + ")));
            }
            write_output(None, &out)?;
            Ok(0)
        }
        Command::Rules {
            action: RulesAction::Check { dir },
        } => {
            let set = match dir {
                Some(d) => RuleSet::load(Some(&d), false)?,
                None => set,
            };
            Rules::new(set)?;
            if !g.quiet {
                eprintln!("crosscheck: rules are valid");
            }
            Ok(0)
        }
        Command::Segment { file } => {
            let rules = Rules::new(set)?;
            let corpus = pipeline::extract_all(&[file], &Options { jobs: 1, ..opts }, &rules)?;
            let mut out = String::new();
            for a in &corpus.articles {
                if a.status == crosscheck::model::Status::Skipped {
                    continue;
                }
                let seg = crosscheck::segment::segment(a, &rules.segment);
                for s in &seg.sentences {
                    let kind = format!("{:?}", s.kind).to_lowercase();
                    out.push_str(&format!(
                        "{:>4} {:<8} {}\n",
                        s.line,
                        kind,
                        report::terminal_safe(a.slice(s.span))
                    ));
                }
            }
            write_output(None, &out)?;
            Ok(finish(&corpus, g.quiet))
        }
        Command::Eval {
            gold,
            json,
            min_confidence,
            paths,
        } => {
            let mut rules = Rules::new(set)?;
            if crosscheck::eval::schema_of(&gold)? == crosscheck::eval::FINDINGS_SCHEMA {
                let gold_data = crosscheck::eval::FindingsGold::read(&gold)?;
                if let Some(m) = min_confidence {
                    rules.compare.options.min_confidence = m;
                }
                let corpus = pipeline::run(&default_paths(paths), &opts, &rules)?;
                let scores =
                    crosscheck::eval::score_findings(&gold_data, &corpus.claims, &corpus.findings);
                let text = if json {
                    serde_json::to_string_pretty(&scores).unwrap_or_default() + "\n"
                } else {
                    crosscheck::eval::render_findings_text(&scores)
                };
                write_output(None, &text)?;
                return Ok(finish(&corpus, g.quiet));
            }
            let gold_data = crosscheck::eval::Gold::read(&gold)?;
            let corpus = pipeline::extract_all(&default_paths(paths), &opts, &rules)?;
            let canonical = |o: &str| rules.extract.outlet(o).unwrap_or(o).to_string();
            let scores = crosscheck::eval::score(&gold_data, &corpus.claims, &canonical);
            let text = if json {
                serde_json::to_string_pretty(&scores).unwrap_or_default() + "\n"
            } else {
                crosscheck::eval::render_text(&scores)
            };
            write_output(None, &text)?;
            Ok(finish(&corpus, g.quiet))
        }
        Command::Explain { id, paths, json } => {
            let mut rules = Rules::new(set)?;
            rules.compare.options = crosscheck::compare::CompareOptions::all();
            let corpus = pipeline::run(&default_paths(paths), &opts, &rules)?;
            let finding = crosscheck::compare::explain::lookup(&corpus.findings, &id)
                .map_err(Error::Usage)?;
            let e =
                crosscheck::compare::explain::explain(&corpus.articles, &corpus.claims, finding);
            let text = if json {
                crosscheck::compare::explain::render_json(&e)
            } else {
                crosscheck::compare::explain::render_text(&e)
            };
            write_output(None, &text)?;
            Ok(finish(&corpus, g.quiet))
        }
        Command::Report(ReportArgs {
            output: mut args,
            min_confidence,
            single_source,
        }) => {
            let mut rules = Rules::new(set)?;
            rules.compare.options.min_confidence = min_confidence;
            rules.compare.options.single_source = single_source;
            let paths = std::mem::take(&mut args.paths);
            let corpus = run_pipeline(paths, &opts, &rules, args.cache.as_ref(), g.quiet, false)?;
            let format = args.format.unwrap_or_else(default_format);
            let ctx = report::Context {
                cwd: std::env::current_dir().ok(),
                root: std::env::current_dir()
                    .ok()
                    .and_then(|d| report::find_repo_root(&d)),
                ..Default::default()
            };
            write_all(&corpus, &args, format, render(false), &ctx, g.color)?;
            pipeline::rss_probe("written");
            let code = finish(&corpus, g.quiet);
            exit_without_freeing(corpus);
            Ok(code)
        }
        Command::Entities(args) => {
            let rules = Rules::new(set)?;
            let mut corpus = pipeline::extract_all(&default_paths(args.paths), &opts, &rules)?;
            crosscheck::resolve::resolve_articles(&mut corpus.articles, &rules.resolve);
            let index = crosscheck::resolve::EntityIndex::build(
                &corpus.articles,
                &corpus.claims,
                &rules.resolve,
            );
            use crosscheck::resolve::entities;
            let text = match args.format.unwrap_or_else(default_format) {
                OutputFormat::Table => {
                    entities::entities_table(&index.rows, width, color_enabled(g.color))
                }
                OutputFormat::Json => entities::entities_json(&index.rows),
                OutputFormat::Jsonl => entities::entities_jsonl(&index.rows),
                OutputFormat::Markdown => entities::entities_markdown(&index.rows),
                other => {
                    return Err(Error::Usage(format!(
                        "`entities` prints table, json, jsonl or markdown, not {other:?}"
                    )));
                }
            };
            write_output(args.output.as_ref(), &text)?;
            Ok(finish(&corpus, g.quiet))
        }
        Command::Extract(mut args) => {
            let rules = Rules::new(set)?;
            let paths = std::mem::take(&mut args.paths);
            let corpus = run_pipeline(paths, &opts, &rules, args.cache.as_ref(), g.quiet, true)?;
            let format = args.format.unwrap_or_else(default_format);
            write_all(
                &corpus,
                &args,
                format,
                render(true),
                &Default::default(),
                g.color,
            )?;
            Ok(finish(&corpus, g.quiet))
        }
        Command::Check(mut args) => {
            let rules = Rules::new(set)?;
            let policy = policy(&args.policy)?;
            let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
            let changed = args
                .since
                .as_deref()
                .map(check::Changed::since)
                .transpose()?;
            let paths = std::mem::take(&mut args.out.paths);
            let mut corpus = run_pipeline(
                paths,
                &opts,
                &rules,
                args.out.cache.as_ref(),
                g.quiet,
                false,
            )?;
            let outcome = check::apply(&mut corpus, &policy, baseline.as_ref(), changed.as_ref());
            let ctx = check::context(
                &outcome,
                &policy,
                args.baseline.as_deref(),
                args.since.as_deref(),
            );
            let format = args.out.format.unwrap_or(OutputFormat::Table);
            write_all(&corpus, &args.out, format, render(false), &ctx, g.color)?;
            finish(&corpus, g.quiet);
            if !g.quiet {
                for fp in &outcome.stale {
                    eprintln!(
                        "crosscheck: stale baseline entry {fp}: it matches no finding any more \
                         (remove it with `crosscheck baseline --prune --baseline FILE`)"
                    );
                }
                if outcome.unreadable > 0 {
                    eprintln!(
                        "crosscheck: error: {} input(s) could not be read",
                        outcome.unreadable
                    );
                }
                eprintln!(
                    "crosscheck: {} finding(s) in scope, {} fail the run",
                    outcome.reported.len(),
                    outcome.failing.len()
                );
            }
            Ok(outcome.exit_code(args.exit_zero))
        }
        Command::Baseline(args) => {
            let rules = Rules::new(set)?;
            let policy = policy(&args.policy)?;
            let previous = args.baseline.as_deref().map(Baseline::read).transpose()?;
            let corpus = run_pipeline(
                args.paths,
                &opts,
                &rules,
                args.cache.as_ref(),
                g.quiet,
                false,
            )?;
            finish(&corpus, g.quiet);
            if corpus.skipped() > 0 {
                return Err(Error::Usage(format!(
                    "{} input(s) could not be read; the baseline was not written, since it would \
                     miss their findings",
                    corpus.skipped()
                )));
            }
            let index = report::Index::new(&corpus);
            let (baseline, note) = match (&previous, args.prune) {
                (Some(prev), true) => {
                    let current = corpus
                        .findings
                        .iter()
                        .map(|f| crosscheck::baseline::fingerprint(f, &index))
                        .collect();
                    let (pruned, removed) = prev.pruned(&current);
                    let kept = pruned.findings.len();
                    (
                        pruned,
                        format!("removed {removed} stale entries, kept {kept}"),
                    )
                }
                _ => {
                    let b = Baseline::record(
                        corpus.findings.iter().filter(|f| policy.applies(f)),
                        &index,
                        previous.as_ref(),
                    );
                    let n = b.findings.len();
                    (b, format!("recorded {n} findings"))
                }
            };
            let target = match (&args.output, args.prune) {
                (Some(o), _) => Some(o.clone()),
                (None, true) => args.baseline.clone(),
                (None, false) => None,
            };
            write_output(target.as_ref(), &baseline.to_json())?;
            if !g.quiet {
                eprintln!("crosscheck: baseline: {note}");
            }
            Ok(0)
        }
    }
}

/// Leave `corpus` to the operating system, which takes a process's memory back at once
/// when it exits: freeing a large corpus (millions of small allocations) one by one takes
/// about 1% of a `report` run, on one thread. Only for a corpus the process is done with,
/// right before `run` returns.
fn exit_without_freeing(corpus: Corpus) {
    std::mem::forget(corpus);
}

/// `COLUMNS` when set, else the terminal's width when stdout is one, else 100.
fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| {
            std::io::stdout()
                .is_terminal()
                .then(|| console::Term::stdout().size_checked().map(|(_, w)| w))
                .flatten()
        })
        .or(Some(100))
}

/// Run the pipeline with the cache and progress bar the flags ask for.
fn run_pipeline(
    paths: Vec<PathBuf>,
    opts: &Options,
    rules: &Rules,
    cache_dir: Option<&PathBuf>,
    quiet: bool,
    extract_only: bool,
) -> Result<Corpus, Error> {
    let cache = match cache_dir {
        Some(dir) => Some(Cache::open(dir, &rules.set)?),
        None => None,
    };
    let bar = crosscheck::progress::wanted(quiet).then(crosscheck::progress::Bar::stderr);
    let hooks = pipeline::Hooks {
        cache: cache.as_ref(),
        progress: bar.as_ref().map(|b| b as &dyn pipeline::Progress),
    };
    let paths = default_paths(paths);
    let corpus = if extract_only {
        pipeline::extract_all_with(&paths, opts, rules, &hooks)?
    } else {
        pipeline::run_with(&paths, opts, rules, &hooks)?
    };
    if let (Some(c), false) = (&cache, quiet) {
        let st = c.stats();
        if st.write_errors > 0 {
            eprintln!(
                "crosscheck: warning: {} cache entries could not be written",
                st.write_errors
            );
        }
        if st.corrupt > 0 {
            eprintln!(
                "crosscheck: warning: {} cache entries could not be read (corrupt or from \
                 another build); ignored and rebuilt",
                st.corrupt
            );
        }
    }
    Ok(corpus)
}

/// Write the main output and every --save file.
fn write_all(
    corpus: &Corpus,
    args: &OutputArgs,
    format: OutputFormat,
    render: RenderOptions,
    ctx: &report::Context,
    color: ColorChoice,
) -> Result<(), Error> {
    // Colour goes to a file only when asked for outright.
    let main = RenderOptions {
        color: render.color && (args.output.is_none() || color == ColorChoice::Always),
        ..render
    };
    stream_output(args.output.as_ref(), |out| {
        report::write_with(corpus, format, main, ctx, out)
    })?;
    for (format, path) in &args.save {
        let plain = RenderOptions {
            color: false,
            ..render
        };
        stream_output(Some(path), |out| {
            report::write_with(corpus, *format, plain, ctx, out)
        })?;
    }
    Ok(())
}

fn policy(args: &PolicyArgs) -> Result<check::Policy, Error> {
    if !(0.0..=1.0).contains(&args.min_confidence) {
        return Err(Error::Usage(format!(
            "--min-confidence must be between 0 and 1, not {}",
            args.min_confidence
        )));
    }
    Ok(check::Policy {
        fail_on: check::parse_kinds(&args.fail_on)?,
        min_confidence: args.min_confidence,
    })
}
