//! How the comparer scales: synthetic corpora of 1,000 to 100,000 claims (ten claims per
//! story, four articles per story, every finding family exercised), timed with criterion
//! and then fitted: the exponent of time ~ claims^k is printed at the end.
//!
//! Run: `cargo bench --bench compare` (add `-- --quick` for a faster, rougher run).
//! `CROSSCHECK_BENCH_MAX=30000` caps the largest corpus.

use criterion::{BenchmarkId, Criterion, Throughput};
use crosscheck::compare::{CompareRules, compare_all};
use crosscheck::model::{Article, Claim, CueClass, Format, QuoteKind, Span, Speaker, SpeakerKind};
use crosscheck::rules::RuleSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

const SIZES: &[usize] = &[1_000, 3_000, 10_000, 30_000, 100_000];

/// A made-up capitalised name, unique for `i`.
fn name(i: usize) -> String {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ra", "to", "ve", "sa", "du", "ne", "pi", "gor", "lan", "bes", "tor",
        "vin", "mar",
    ];
    let mut s = String::new();
    let mut x = i + 16 * 16;
    while x > 0 {
        s.push_str(SYL[x % 16]);
        x /= 16;
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn claim(id: String, article: String, speaker: &str, quote: QuoteKind, content: String) -> Claim {
    Claim {
        line: 1,
        id: id.into(),
        article: article.into(),
        speaker: Speaker {
            text: speaker.to_string(),
            name: speaker.into(),
            kind: SpeakerKind::Person,
            role: None,
            id: None,
        },
        cue: "said".into(),
        cue_class: CueClass::Neutral,
        quote,
        content_span: Span::new(0, content.len()),
        span: Span::new(0, content.len()),
        content,
        cited_outlet: None,
        date: None,
        date_source: None,
        places: vec![],
        quantities: vec![],
        flags: vec![],
    }
}

/// `n` claims in `n / 10` stories.
fn corpus(n: usize) -> (Vec<Article>, Vec<Claim>) {
    let stories = n.div_ceil(10);
    let mut articles = Vec::new();
    let mut claims = Vec::new();
    for s in 0..stories {
        let (a, b, p) = (name(3 * s), name(3 * s + 1), name(3 * s + 2));
        let month = MONTHS[s % 12];
        let day = 1 + s % 27;
        let date = format!("2026-{:02}-{day:02}", s % 12 + 1);
        let k = 10 + s % 20;
        for j in 0..4 {
            let mut art = Article::new(
                format!("s{s}a{j}"),
                format!("s{s}a{j}.txt"),
                Format::Text,
                String::new(),
            );
            art.meta.outlet = Some(format!("Outlet {}", (s * 4 + j) % 40));
            if j == 3 && s % 3 == 0 {
                art.meta.wire = Some("Wire One".into());
            }
            art.meta.published = Some(date.clone());
            articles.push(art);
        }
        let twist = s % 5 == 0;
        let contents: [(QuoteKind, &str, String); 10] = [
            (
                QuoteKind::Indirect,
                "Aide",
                format!("{a} and {b} met in {p} on {month} {day}"),
            ),
            (
                QuoteKind::Indirect,
                "Aide",
                format!(
                    "{b} met {a} in {p} on {month} {}",
                    if twist { day + 1 } else { day }
                ),
            ),
            (
                QuoteKind::Indirect,
                "Aide",
                format!("the {a} plan has {k} points"),
            ),
            (
                QuoteKind::Indirect,
                "Aide",
                format!("the {a} plan has {} points", if twist { k + 1 } else { k }),
            ),
            (
                QuoteKind::Direct,
                &a,
                format!("We will not sign any deal that divides the {p} valley this year"),
            ),
            (
                QuoteKind::Direct,
                &a,
                format!(
                    "We will not sign any deal that divides the {p} {} this year",
                    if twist { "river" } else { "valley" }
                ),
            ),
            (
                QuoteKind::Direct,
                &b,
                format!("Nobody in {p} will lose their land because of this deal"),
            ),
            (
                QuoteKind::Indirect,
                "Aide",
                format!("the {p} council approved the {a} budget"),
            ),
            (
                QuoteKind::Indirect,
                "Aide",
                format!(
                    "the {p} council {} the {a} budget",
                    if twist { "rejected" } else { "approved" }
                ),
            ),
            (
                QuoteKind::Indirect,
                "Aide",
                format!("{a} said talks with {b} would continue next month"),
            ),
        ];
        for (i, (quote, speaker, content)) in contents.into_iter().enumerate() {
            if claims.len() >= n {
                break;
            }
            let art = format!("s{s}a{}", i % 4);
            let mut c = claim(format!("{art}#{i}"), art, speaker, quote, content);
            if i < 2 {
                c.date = Some(
                    if i == 1 && twist {
                        format!("2026-{:02}-{:02}", s % 12 + 1, day + 1)
                    } else {
                        date.clone()
                    }
                    .into(),
                );
            }
            claims.push(c);
        }
    }
    (articles, claims)
}

fn time_once(rules: &CompareRules, arts: &[Article], claims: &[Claim]) -> Duration {
    let t = Instant::now();
    black_box(compare_all(arts, claims, rules));
    t.elapsed()
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it,
    // as a smoke test on the smallest corpus only.
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let max: usize = std::env::var("CROSSCHECK_BENCH_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if bench_mode { usize::MAX } else { SIZES[0] });
    let sizes: Vec<usize> = SIZES.iter().copied().filter(|&n| n <= max).collect();
    let rules = CompareRules::compile(&RuleSet::embedded()).expect("built-in rules compile");
    let corpora: Vec<(usize, Vec<Article>, Vec<Claim>)> = sizes
        .iter()
        .map(|&n| {
            let (a, c) = corpus(n);
            (n, a, c)
        })
        .collect();

    let mut c = Criterion::default()
        .sample_size(10)
        .without_plots()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    {
        let mut g = c.benchmark_group("compare_all");
        for (n, arts, claims) in &corpora {
            g.throughput(Throughput::Elements(*n as u64));
            g.bench_with_input(
                BenchmarkId::from_parameter(n),
                &(arts, claims),
                |b, (a, cl)| b.iter(|| compare_all(a, cl, &rules)),
            );
        }
        g.finish();
    }
    c.final_summary();

    // Fit time ~ n^k by least squares on logarithms (best of three runs per size).
    let mut points = Vec::new();
    println!("\nclaims      findings   best of 3 (ms)   us/claim");
    for (n, arts, claims) in &corpora {
        let best = (0..3)
            .map(|_| time_once(&rules, arts, claims))
            .min()
            .unwrap_or_default();
        let findings = compare_all(arts, claims, &rules).len();
        let ms = best.as_secs_f64() * 1e3;
        println!(
            "{n:>7} {findings:>12} {ms:>16.1} {:>10.1}",
            ms * 1e3 / *n as f64
        );
        points.push(((*n as f64).ln(), best.as_secs_f64().max(1e-9).ln()));
    }
    if points.len() >= 2 {
        let m = points.len() as f64;
        let (sx, sy) = points
            .iter()
            .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
        let (mx, my) = (sx / m, sy / m);
        let (num, den) = points.iter().fold((0.0, 0.0), |(a, b), (x, y)| {
            (a + (x - mx) * (y - my), b + (x - mx) * (x - mx))
        });
        println!("fitted exponent (time ~ claims^k): k = {:.2}", num / den);
    }
}
