//! Stage 1, `load`: turn paths into [`Article`]s.
//!
//! Owns: walking folders in a sorted order, reading bytes, decoding (UTF-8 with or without
//! BOM, lossy UTF-8 with a warning, UTF-16 with a BOM), telling formats apart, metadata
//! (flags > manifest > front matter > inference from the text) and marking boilerplate
//! so that it is not content. Byte offsets stay those of the decoded file.
//!
//! Does not own: sentences (`segment`) or anything about claims. A file that cannot be
//! read becomes a skipped article with its reason, never an error that stops the run.

use crate::error::Result;
use crate::model::{Article, FieldSource, Format, Problem, Severity, Span};
use crate::rules::{RuleSet, compile_regex};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// `rules/boilerplate.toml`: lines that are not article content.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BoilerplateFile {
    /// Regular expressions; a line (trimmed) that matches one is boilerplate.
    #[serde(default)]
    line: Vec<String>,
    /// Regular expressions; a line that matches one ends the content (what follows is
    /// footer: "RELATED STORIES", "Copyright").
    #[serde(default)]
    end: Vec<String>,
}

/// `rules/metadata.toml`: how to infer metadata from text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetadataFile {
    /// Patterns with named groups `y`, `m` (number or month name), `d` that give the
    /// publication date.
    #[serde(default)]
    date: Vec<String>,
    /// Patterns with a named group `outlet` naming the outlet that wrote the article.
    #[serde(default)]
    outlet: Vec<String>,
    /// Patterns with a named group `outlet` naming the wire service the whole article is
    /// credited to.
    #[serde(default)]
    wire: Vec<String>,
}

/// The loader's compiled rules.
#[derive(Debug)]
pub struct LoadRules {
    boilerplate_line: Vec<regex::Regex>,
    boilerplate_end: Vec<regex::Regex>,
    date: Vec<regex::Regex>,
    outlet: Vec<regex::Regex>,
    wire: Vec<regex::Regex>,
}

impl LoadRules {
    /// Compile `boilerplate.toml` and `metadata.toml`.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let b: BoilerplateFile = set.get("boilerplate.toml")?;
        let m: MetadataFile = set.get("metadata.toml")?;
        let bp = set.path_of("boilerplate.toml");
        let mp = set.path_of("metadata.toml");
        let all = |path: &str, v: &[String]| {
            v.iter()
                .map(|p| compile_regex(path, p))
                .collect::<Result<Vec<_>>>()
        };
        Ok(LoadRules {
            boilerplate_line: all(&bp, &b.line)?,
            boilerplate_end: all(&bp, &b.end)?,
            date: all(&mp, &m.date)?,
            outlet: all(&mp, &m.outlet)?,
            wire: all(&mp, &m.wire)?,
        })
    }
}

/// What the command line says about loading.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// `--outlet`: overrides every other source.
    pub outlet: Option<String>,
    /// `--published`: overrides every other source.
    pub published: Option<String>,
}

/// One input file found by walking the paths.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// Where to read it (`-` is standard input).
    pub path: PathBuf,
    /// Set when the path could not be walked; the article will be skipped with it.
    pub problem: Option<String>,
}

/// Expand files and folders into a sorted list of inputs. Folders are walked recursively
/// (hidden entries and symlinked folders are not followed). A missing path becomes an
/// input with a problem, so it is reported as skipped rather than lost.
pub fn discover(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input {
                path: p.clone(),
                problem: None,
            });
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => out.push(Input {
                path: p.clone(),
                problem: Some(e.to_string()),
            }),
            Ok(m) if m.is_dir() => walk(p, &mut out),
            Ok(_) => out.push(Input {
                path: p.clone(),
                problem: None,
            }),
        }
    }
    out.sort();
    out.dedup();
    out
}

fn walk(dir: &Path, out: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Input {
                path: dir.to_path_buf(),
                problem: Some(e.to_string()),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, out);
        } else if meta.is_file() || (meta.file_type().is_symlink() && path.is_file()) {
            if format_of(&path).is_some() {
                out.push(Input {
                    path,
                    problem: None,
                });
            }
        }
    }
}

/// The format a file name says, or `None` for files a folder walk should pass over.
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        _ => None,
    }
}

/// Decode bytes: UTF-8 (BOM dropped), UTF-16 with a BOM, else lossy UTF-8 with a warning.
/// NUL bytes in undecoded input mean a binary file: `Err` with the reason.
pub fn decode(bytes: &[u8]) -> std::result::Result<(String, Vec<Problem>), String> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), vec![])),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let warning = Problem {
                severity: Severity::Warning,
                line: Some(line),
                message: "invalid UTF-8; undecodable bytes were replaced with U+FFFD".into(),
            };
            Ok((text, vec![warning]))
        }
    }
}

fn decode_utf16(
    bytes: &[u8],
    f: fn([u8; 2]) -> u16,
) -> std::result::Result<(String, Vec<Problem>), String> {
    let units = bytes.chunks(2).map(|c| f([c[0], *c.get(1).unwrap_or(&0)]));
    let mut problems = vec![];
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                if problems.is_empty() {
                    problems.push(Problem {
                        severity: Severity::Warning,
                        line: None,
                        message: "invalid UTF-16; undecodable units were replaced with U+FFFD"
                            .into(),
                    });
                }
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    Ok((text, problems))
}

/// Read every input into articles, in input order. Never fails as a whole: unreadable
/// inputs become skipped articles.
pub fn load_inputs(inputs: &[Input], opts: &LoadOptions, rules: &LoadRules) -> Vec<Article> {
    let mut articles = Vec::new();
    for input in inputs {
        articles.extend(load_input(input, opts, rules));
    }
    make_ids_unique(&mut articles);
    articles
}

fn load_input(input: &Input, opts: &LoadOptions, rules: &LoadRules) -> Vec<Article> {
    let shown = display_path(&input.path);
    let id = input
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("stdin")
        .to_string();
    let format = format_of(&input.path).unwrap_or(Format::Text);
    let skip = |message: String| {
        vec![Article::skipped(
            &id,
            &shown,
            format,
            Problem {
                severity: Severity::Error,
                line: None,
                message,
            },
        )]
    };
    if let Some(problem) = &input.problem {
        return skip(problem.clone());
    }
    let bytes = if input.path.as_os_str() == "-" {
        let mut buf = Vec::new();
        match std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf) {
            Ok(_) => buf,
            Err(e) => return skip(e.to_string()),
        }
    } else {
        match std::fs::read(&input.path) {
            Ok(b) => b,
            Err(e) => return skip(e.to_string()),
        }
    };
    let (text, problems) = match decode(&bytes) {
        Ok(t) => t,
        Err(reason) => return skip(reason),
    };
    let mut article = Article::new(id, shown, format, text);
    article.problems = problems;
    prepare(&mut article, opts, rules);
    vec![article]
}

/// Mark boilerplate, infer metadata and apply the command line's metadata to an article
/// whose `text` is set.
pub fn prepare(article: &mut Article, opts: &LoadOptions, rules: &LoadRules) {
    article.content = content_spans(&article.text, &article.content, rules);
    if article
        .content
        .iter()
        .all(|s| article.text[s.start..s.end].trim().is_empty())
    {
        article.status = crate::model::Status::Skipped;
        article.problems.push(Problem {
            severity: Severity::Error,
            line: None,
            message: "no text".into(),
        });
        return;
    }
    infer_metadata(article, rules);
    let meta = &mut article.meta;
    if let Some(o) = &opts.outlet {
        meta.outlet = Some(o.clone());
        meta.source.insert("outlet".into(), FieldSource::Flag);
    }
    if let Some(p) = &opts.published {
        meta.published = Some(p.clone());
        meta.source.insert("published".into(), FieldSource::Flag);
    }
}

/// The content spans of `text` within `within`: lines matching a boilerplate rule are
/// dropped, and everything from an end-of-content line on.
fn content_spans(text: &str, within: &[Span], rules: &LoadRules) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    'outer: for region in within {
        let mut pos = region.start;
        while pos < region.end {
            let line_end = text[pos..region.end]
                .find('\n')
                .map_or(region.end, |i| pos + i + 1);
            let line = text[pos..line_end].trim();
            if rules.boilerplate_end.iter().any(|r| r.is_match(line)) {
                break 'outer;
            }
            if !rules.boilerplate_line.iter().any(|r| r.is_match(line)) {
                match out.last_mut() {
                    Some(last) if last.end == pos => last.end = line_end,
                    _ => out.push(Span::new(pos, line_end)),
                }
            }
            pos = line_end;
        }
    }
    out
}

fn infer_metadata(article: &mut Article, rules: &LoadRules) {
    let text = &article.text;
    let content: String = article
        .content
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    let meta = &mut article.meta;
    if meta.title.is_none() {
        if let Some(line) = content.lines().map(str::trim).find(|l| !l.is_empty()) {
            meta.title = Some(line.to_string());
            meta.source.insert("title".into(), FieldSource::Inferred);
        }
    }
    if meta.published.is_none() {
        if let Some(date) = rules
            .date
            .iter()
            .find_map(|r| r.captures(text).and_then(|c| date_from_captures(&c)))
        {
            meta.published = Some(date);
            meta.source
                .insert("published".into(), FieldSource::Inferred);
        }
    }
    if meta.wire.is_none() {
        if let Some(o) = rules
            .wire
            .iter()
            .find_map(|r| r.captures(text).and_then(|c| c.name("outlet")))
        {
            meta.wire = Some(o.as_str().trim().to_string());
            meta.source.insert("wire".into(), FieldSource::Inferred);
        }
    }
    if meta.outlet.is_none() {
        if let Some(o) = rules
            .outlet
            .iter()
            .find_map(|r| r.captures(text).and_then(|c| c.name("outlet")))
        {
            meta.outlet = Some(o.as_str().trim().to_string());
            meta.source.insert("outlet".into(), FieldSource::Inferred);
        }
    }
}

/// An ISO date from captures named `y`, `m` (number or English month name) and `d`.
fn date_from_captures(c: &regex::Captures) -> Option<String> {
    let y: i16 = c.name("y")?.as_str().parse().ok()?;
    let m_text = c.name("m")?.as_str();
    let m: i8 = m_text.parse().ok().or_else(|| month_number(m_text))?;
    let d: i8 = c.name("d")?.as_str().parse().ok()?;
    let date = jiff::civil::Date::new(y, m, d).ok()?;
    Some(date.to_string())
}

/// 1 to 12 for an English month name or its abbreviation ("Dec", "Dec.", "December").
pub fn month_number(name: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (0..12)
        .find(|&i| full[i] == lower || MONTHS[i] == lower || (lower == "sept" && i == 8))
        .map(|i| i as i8 + 1)
}

fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Give articles that share an id (same file stem in two folders) distinct ids, in order.
fn make_ids_unique(articles: &mut [Article]) {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for a in articles.iter_mut() {
        let n = seen.entry(a.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            a.id = format!("{}~{}", a.id, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> LoadRules {
        LoadRules::compile(&RuleSet::embedded()).unwrap()
    }

    #[test]
    fn bom_is_dropped_and_utf16_decoded() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap().0, "hi");
        assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap().0, "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i").unwrap().0, "hi");
    }

    #[test]
    fn invalid_utf8_is_lossy_with_a_warning_at_its_line() {
        let (text, problems) = decode(b"ok\nbad \xFF here").unwrap();
        assert!(text.contains('\u{FFFD}'));
        assert_eq!(problems[0].line, Some(2));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(decode(b"abc\0def").unwrap_err().contains("binary"));
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("Dec."), Some(12));
        assert_eq!(month_number("September"), Some(9));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("Ma"), None);
    }

    #[test]
    fn dateline_gives_published_date() {
        let mut a = Article::new(
            "a",
            "a.txt",
            Format::Text,
            "Europe\n2025.12.01 21:11 GMT+8\n\nText here.\n".into(),
        );
        prepare(&mut a, &LoadOptions::default(), &rules());
        assert_eq!(a.meta.published.as_deref(), Some("2025-12-01"));
        assert_eq!(a.meta.source.get("published"), Some(&FieldSource::Inferred));
    }

    #[test]
    fn footer_and_banner_are_not_content() {
        let text = "Title\nBody sentence.\nBy staying online, you consent to the use of cookies files.\nSource(s): Reuters\nRELATED STORIES\nOther story\n";
        let mut a = Article::new("a", "a.txt", Format::Text, text.into());
        prepare(&mut a, &LoadOptions::default(), &rules());
        let content: String = a.content.iter().map(|s| &a.text[s.start..s.end]).collect();
        assert!(content.contains("Body sentence."));
        assert!(!content.contains("cookies"));
        assert!(!content.contains("Other story"));
        assert_eq!(a.meta.wire.as_deref(), Some("Reuters"));
    }

    #[test]
    fn empty_text_is_skipped() {
        let mut a = Article::new("a", "a.txt", Format::Text, "  \n \n".into());
        prepare(&mut a, &LoadOptions::default(), &rules());
        assert_eq!(a.status, crate::model::Status::Skipped);
    }
}
