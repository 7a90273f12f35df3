//! The HTML report in a real browser: headless Chromium (Debian's `chromium`) loads the
//! page, runs its script under its own Content-Security-Policy, and dumps the DOM; the test
//! checks that the findings rendered, that filters preset from the address work, and that
//! hostile article text stayed text. A screenshot is kept as
//! `target/crosscheck-report.png` for people to look at.
//!
//! Without chromium the test is skipped with a message, unless `CI` is set: then it fails
//! (`.ci/install-chromium.sh` installs it).

mod common;

use common::*;
use crosscheck::report::{self, OutputFormat, RenderOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// The browser, or `None` (after saying why) when the test should be skipped.
fn browser_or_skip() -> Option<PathBuf> {
    match chromium() {
        Some(p) => Some(p),
        None if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) => panic!(
            "CI is set but no chromium was found: run .ci/install-chromium.sh \
             (apt-get install chromium) before the tests"
        ),
        None => {
            eprintln!(
                "SKIPPED report_html_chromium: no chromium on PATH (apt-get install chromium, \
                 or set CHROMIUM=/path/to/browser)"
            );
            None
        }
    }
}

/// Run chromium headless with `args`, killing it after two minutes. Its stdout.
fn run(browser: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let mut stdout = stdout;
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

fn page(corpus: &crosscheck::pipeline::Corpus, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        report::render(corpus, OutputFormat::Html, RenderOptions::default()),
    )
    .unwrap();
    path
}

fn dump(browser: &Path, url: &str) -> String {
    run(
        browser,
        &[
            "--virtual-time-budget=5000".into(),
            "--dump-dom".into(),
            url.into(),
        ],
    )
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn findings_render_and_filters_work_in_chromium() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = page(&sample(), dir.path(), "report.html");

    let dom = dump(&browser, &url(&path));
    assert!(
        dom.contains("data-ready=\"true\""),
        "the page's script did not run:\n{dom}"
    );
    assert_eq!(dom.matches("class=\"finding\"").count(), 3, "{dom}");
    assert!(
        !dom.contains("hidden=\"\""),
        "nothing is filtered by default"
    );
    assert!(dom.contains("<mark>14</mark>"));
    assert_eq!(dom.matches("<svg class=\"timeline\"").count(), 2);
    assert!(dom.contains("<svg class=\"relay\""));

    // Filters preset from the address: only the misquote stays visible.
    let dom = dump(
        &browser,
        &format!(
            "{}#kind=misquote,contradiction&outlet=Evening%20Star",
            url(&path)
        ),
    );
    let shown = dom.matches("<article class=\"finding\" id=").count()
        - dom.matches("hidden=\"\"><header>").count();
    assert_eq!(shown, 1, "{dom}");
    assert!(dom.contains("<span id=\"shown-count\">1</span>"), "{dom}");

    // A screenshot for people, kept under target/.
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target).unwrap();
    let shot = target.join("crosscheck-report.png");
    let _ = std::fs::remove_file(&shot);
    run(
        &browser,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".into(),
            url(&path),
        ],
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 10_000, "screenshot missing or empty ({size} bytes)");
}

#[test]
fn hostile_text_stays_text_in_chromium() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = page(&hostile(), dir.path(), "hostile.html");
    let dom = dump(&browser, &url(&path));
    assert!(dom.contains("data-ready=\"true\""), "{dom}");
    assert!(
        !dom.contains("data-pwned=\""),
        "article text ran as script:\n{dom}"
    );
    assert!(!dom.contains("<img"), "article text became an element");
    assert!(!dom.contains("<b>Bad"));
    // It is shown as text.
    assert!(dom.contains("&lt;script&gt;document.body.setAttribute"));
    assert!(dom.contains("&lt;img src=x onerror="));
    assert_eq!(dom.matches("class=\"finding\"").count(), 1);
}
