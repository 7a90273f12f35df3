//! Stage 1, `load`: turn paths into [`Article`]s.
//!
//! Owns: walking folders in a sorted order (symbolic links followed, loops reported),
//! reading bytes, decoding (UTF-8 with or without BOM, lossy UTF-8 with a warning, UTF-16
//! with a BOM), telling formats apart (by extension, then by content), the formats
//! themselves ([`markdown`] front matter, [`html`] masking, [`jsonl`] records), the corpus
//! [`manifest`], metadata (flags > manifest > front matter > inference from the text, see
//! [`infer`]) and marking boilerplate so that it is not content. Byte offsets stay those of
//! the file (of the record's `text` for JSONL).
//!
//! Does not own: sentences (`segment`) or anything about claims. A file that cannot be
//! read becomes a skipped article with its reason, never an error that stops the run; only
//! a broken manifest or an invalid command-line value stops it.

pub mod html;
pub mod infer;
pub mod jsonl;
pub mod manifest;
pub mod markdown;

use crate::error::{Error, Result};
use crate::model::{Article, FieldSource, Format, Metadata, Problem, Severity, Span, Status};
use crate::rules::{RuleSet, compile_regex};
use manifest::Manifest;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `rules/boilerplate.toml`: text that is not article content.
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
    /// HTML elements whose whole contents are not article text.
    #[serde(default)]
    html_skip: Vec<String>,
    /// HTML elements that are page chrome outside `<article>`/`<main>` but part of the
    /// article inside them (`header` holds the headline there).
    #[serde(default)]
    html_skip_outside_main: Vec<String>,
    /// Regular expressions on an element's `class`, `id` and `role` values: a match hides
    /// the element and its contents (related-story boxes, share bars, comment threads).
    #[serde(default)]
    html_skip_attr: Vec<String>,
}

/// The loader's compiled rules.
#[derive(Debug)]
pub struct LoadRules {
    boilerplate_line: Vec<regex::Regex>,
    boilerplate_end: Vec<regex::Regex>,
    /// HTML masking rules.
    pub html: html::HtmlRules,
    /// Metadata keys and inference rules.
    pub infer: infer::InferRules,
}

impl LoadRules {
    /// Compile `boilerplate.toml`, `metadata.toml` and the outlet names of `outlets.toml`.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let b: BoilerplateFile = set.get("boilerplate.toml")?;
        let bp = set.path_of("boilerplate.toml");
        let all = |path: &str, v: &[String]| {
            v.iter()
                .map(|p| compile_regex(path, p))
                .collect::<Result<Vec<_>>>()
        };
        Ok(LoadRules {
            boilerplate_line: all(&bp, &b.line)?,
            boilerplate_end: all(&bp, &b.end)?,
            html: html::HtmlRules {
                skip: b.html_skip.iter().map(|t| t.to_ascii_lowercase()).collect(),
                skip_outside_main: b
                    .html_skip_outside_main
                    .iter()
                    .map(|t| t.to_ascii_lowercase())
                    .collect(),
                skip_attr: all(&bp, &b.html_skip_attr)?,
            },
            infer: infer::InferRules::compile(set)?,
        })
    }
}

/// Largest article text read by default (`--max-article-size`): 8 MiB, some forty times
/// the longest news story, so a dump or a runaway file is skipped with its reason
/// instead of taking minutes and gigabytes.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 8 << 20;

/// What the command line says about loading.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// `--outlet`: overrides every other source.
    pub outlet: Option<String>,
    /// `--published`: overrides every other source.
    pub published: Option<String>,
    /// `--manifest`: the corpus manifest to use instead of looking for `crosscheck.toml`.
    pub manifest: Option<PathBuf>,
    /// `--max-article-size`: an article whose content is longer is skipped (0: no limit).
    pub max_article_bytes: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            outlet: None,
            published: None,
            manifest: None,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

/// A metadata field that can be given by flags, manifest, front matter or inference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Headline.
    Title,
    /// Publishing outlet.
    Outlet,
    /// Publication date.
    Published,
    /// Canonical address.
    Url,
    /// Language code.
    Language,
    /// Wire service credited with the whole article.
    Wire,
}

impl Field {
    /// Every field, in a fixed order.
    pub const ALL: [Field; 6] = [
        Field::Title,
        Field::Outlet,
        Field::Published,
        Field::Url,
        Field::Language,
        Field::Wire,
    ];

    /// The field's name in JSON, manifests and front matter.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Outlet => "outlet",
            Field::Published => "published",
            Field::Url => "url",
            Field::Language => "language",
            Field::Wire => "wire",
        }
    }

    fn slot(self, meta: &mut Metadata) -> &mut Option<String> {
        match self {
            Field::Title => &mut meta.title,
            Field::Outlet => &mut meta.outlet,
            Field::Published => &mut meta.published,
            Field::Url => &mut meta.url,
            Field::Language => &mut meta.language,
            Field::Wire => &mut meta.wire,
        }
    }
}

/// Longest metadata value kept, in chars; longer values are cut at a word boundary.
const MAX_FIELD_CHARS: usize = 300;

/// Set `field` to `value` from `source` unless a source of equal or higher precedence has
/// already set it. Returns whether it was set.
pub fn set_field(meta: &mut Metadata, field: Field, value: &str, source: FieldSource) -> bool {
    let value = clip(&collapse_ws(value), MAX_FIELD_CHARS);
    if value.is_empty() {
        return false;
    }
    if let Some(&existing) = meta.source.get(field.name()) {
        if existing <= source {
            return false;
        }
    }
    *field.slot(meta) = Some(value);
    meta.source.insert(field.name().to_string(), source);
    true
}

/// White space runs (including no-break spaces and line breaks) as one space, trimmed.
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` cut to at most `max` chars at a word boundary, with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// Metadata values a format found in the file itself (front matter, HTML meta tags, JSONL
/// keys), in priority order, before cleaning.
pub type RawFields = Vec<(Field, String)>;

/// Clean `raw` values and set them on `article` with `source`: dates normalised to ISO,
/// outlets to their canonical name, languages to their primary subtag. A value that cannot
/// be used becomes a warning (at `line`).
pub fn apply_fields(
    article: &mut Article,
    raw: &[(Field, String)],
    source: FieldSource,
    line: Option<usize>,
    rules: &LoadRules,
) {
    for (field, value) in raw {
        match clean_value(*field, value, &rules.infer) {
            Ok(v) => {
                set_field(&mut article.meta, *field, &v, source);
            }
            Err(message) => article.problems.push(Problem {
                severity: Severity::Warning,
                line,
                message,
            }),
        }
    }
}

/// A metadata value as stored: `Err` says why it cannot be used.
pub fn clean_value(
    field: Field,
    value: &str,
    rules: &infer::InferRules,
) -> std::result::Result<String, String> {
    let v = collapse_ws(value);
    match field {
        Field::Published => infer::normalize_date(&v, rules).ok_or_else(|| {
            format!(
                "published {:?} is not a date crosscheck can read; ignored",
                clip(&v, 60)
            )
        }),
        Field::Outlet | Field::Wire => {
            if v.starts_with("http://") || v.starts_with("https://") {
                Err(format!(
                    "{} {:?} is an address, not an outlet name; ignored",
                    field.name(),
                    clip(&v, 60)
                ))
            } else {
                Ok(rules
                    .outlets
                    .canonical(&v)
                    .map_or(v.clone(), str::to_string))
            }
        }
        Field::Language => Ok(normalize_language(&v)),
        Field::Title | Field::Url => Ok(v),
    }
}

/// `en-US`, `en_GB`, `EN` → `en`; anything that is not a language tag stays as given.
pub fn normalize_language(v: &str) -> String {
    let primary = v.split(['-', '_']).next().unwrap_or(v);
    if (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        primary.to_ascii_lowercase()
    } else {
        v.to_string()
    }
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
/// in sorted order; hidden entries (names starting with `.`) and files whose extension is
/// not a known format are passed over. Symbolic links are followed; a link that leads back
/// into a folder being walked, or that is broken, becomes an input with a problem, as does
/// a missing or unreadable path, so it is reported as skipped rather than lost. A file
/// reached twice (through a link, or given twice) is read once.
pub fn discover(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
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
                problem: Some(io_reason(p, &e)),
            }),
            Ok(m) if m.is_dir() => {
                let mut ancestors = Vec::new();
                walk(p, &mut ancestors, &mut seen, &mut out);
            }
            Ok(_) => {
                if first_visit(p, &mut seen) {
                    out.push(Input {
                        path: p.clone(),
                        problem: None,
                    });
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// True the first time the file behind `path` is seen.
fn first_visit(path: &Path, seen: &mut BTreeSet<PathBuf>) -> bool {
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    seen.insert(key)
}

/// A user-facing reason for an I/O error on `path`.
fn io_reason(path: &Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let looped = e.raw_os_error() == Some(40) // ELOOP on Linux
        || e.to_string().to_ascii_lowercase().contains("symbolic links");
    if looped {
        return "symbolic link loop: the link never reaches a file".into();
    }
    match e.kind() {
        ErrorKind::NotFound => {
            if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                "broken symbolic link: its target does not exist".into()
            } else {
                "no such file or folder".into()
            }
        }
        ErrorKind::PermissionDenied => "permission denied: the file cannot be read".into(),
        _ => format!("cannot read: {e}"),
    }
}

fn walk(
    dir: &Path,
    ancestors: &mut Vec<PathBuf>,
    seen: &mut BTreeSet<PathBuf>,
    out: &mut Vec<Input>,
) {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if let Some(a) = ancestors.iter().find(|a| **a == canonical) {
        out.push(Input {
            path: dir.to_path_buf(),
            problem: Some(format!(
                "symbolic link loop: leads back to {}, which is already being read",
                display_path(a)
            )),
        });
        return;
    }
    if !seen.insert(canonical.clone()) {
        // The same folder reached again through another link: already read.
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Input {
                path: dir.to_path_buf(),
                problem: Some(io_reason(dir, &e)),
            });
            return;
        }
    };
    ancestors.push(canonical);
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        let Ok(link_meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let meta = if link_meta.file_type().is_symlink() {
            match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    // Broken or looping link: report it when it looks like an input.
                    if format_of(&path).is_some() || e.raw_os_error() == Some(40) {
                        out.push(Input {
                            problem: Some(io_reason(&path, &e)),
                            path,
                        });
                    }
                    continue;
                }
            }
        } else {
            link_meta
        };
        if meta.is_dir() {
            walk(&path, ancestors, seen, out);
        } else if meta.is_file() && format_of(&path).is_some() && first_visit(&path, seen) {
            out.push(Input {
                path,
                problem: None,
            });
        }
    }
    ancestors.pop();
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
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        _ => None,
    }
}

/// The format of `text` judged by its content: HTML when it opens with a doctype or an
/// `<html>`/`<head>`/`<body>` tag, JSON Lines when its first line is a JSON object,
/// Markdown when it opens with front matter, else plain text.
pub fn sniff(text: &str) -> Format {
    if looks_like_html(text) {
        return Format::Html;
    }
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    if let Some(line) = first {
        if line.starts_with('{')
            && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line).is_ok()
        {
            return Format::Jsonl;
        }
    }
    if markdown::front_matter_kind(text).is_some() {
        return Format::Markdown;
    }
    Format::Text
}

/// True when `text` opens (after white space and comments) with `<!doctype html`,
/// `<html`, `<head` or `<body`: then the extension `.txt` or `.md` is wrong.
pub fn looks_like_html(text: &str) -> bool {
    let mut t = text.trim_start();
    while let Some(rest) = t.strip_prefix("<!--") {
        match rest.find("-->") {
            Some(i) => t = rest[i + 3..].trim_start(),
            None => return false,
        }
    }
    let head: String = t.chars().take(16).collect::<String>().to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|p| head.starts_with(p))
}

/// Decode bytes: UTF-8 (BOM dropped), UTF-16 with a BOM, else lossy UTF-8 with a warning
/// at the line of the first undecodable byte. NUL bytes (in UTF-8 input, or decoded from
/// UTF-16) mean a binary file: `Err` with the reason.
pub fn decode(bytes: &[u8]) -> std::result::Result<(String, Vec<Problem>), String> {
    let decoded = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        decode_utf16(rest, u16::from_be_bytes)
    } else {
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        if bytes.contains(&0) {
            return Err("binary file (contains NUL bytes)".into());
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), vec![]),
            Err(e) => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
                let line = 1 + valid
                    .iter()
                    .enumerate()
                    .filter(|&(i, &c)| {
                        c == b'\n' || (c == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                    })
                    .count();
                let bad = text.matches('\u{FFFD}').count();
                let warning = Problem {
                    severity: Severity::Warning,
                    line: Some(line),
                    message: format!(
                        "invalid UTF-8: {bad} undecodable byte sequence(s) replaced with U+FFFD, the first on this line"
                    ),
                };
                (text, vec![warning])
            }
        }
    };
    if decoded.0.contains('\0') {
        return Err("binary file (contains NUL characters)".into());
    }
    Ok(decoded)
}

fn decode_utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> (String, Vec<Problem>) {
    let units = bytes
        .chunks(2)
        .map(|c| f([c[0], c.get(1).copied().unwrap_or(0)]));
    let mut problems = vec![];
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                if problems.is_empty() {
                    problems.push(Problem {
                        severity: Severity::Warning,
                        line: None,
                        message: "invalid UTF-16: undecodable units replaced with U+FFFD".into(),
                    });
                }
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if bytes.len() % 2 == 1 && problems.is_empty() {
        problems.push(Problem {
            severity: Severity::Warning,
            line: None,
            message: "UTF-16 text with an odd number of bytes; the last byte was padded".into(),
        });
    }
    (text, problems)
}

/// Load every path: find the manifests, walk the folders, read each file. Fails only when
/// a manifest is broken or a command-line value cannot be used; unreadable inputs become
/// skipped articles.
pub fn load(paths: &[PathBuf], opts: &LoadOptions, rules: &LoadRules) -> Result<Vec<Article>> {
    let mut opts = opts.clone();
    if let Some(p) = &opts.published {
        let date = infer::normalize_date(p, &rules.infer).ok_or_else(|| {
            Error::Usage(format!(
                "--published {p:?} is not a date; write it as YYYY-MM-DD"
            ))
        })?;
        opts.published = Some(date);
    }
    let manifests = match &opts.manifest {
        Some(path) => vec![Manifest::read(path, rules)?],
        None => manifest::find(paths)
            .iter()
            .map(|p| Manifest::read(p, rules))
            .collect::<Result<Vec<_>>>()?,
    };
    let inputs = discover(paths);
    Ok(load_with(&inputs, &opts, &manifests, rules))
}

/// Read every input into articles, in input order, without a manifest. Never fails as a
/// whole: unreadable inputs become skipped articles.
pub fn load_inputs(inputs: &[Input], opts: &LoadOptions, rules: &LoadRules) -> Vec<Article> {
    load_with(inputs, opts, &[], rules)
}

fn load_with(
    inputs: &[Input],
    opts: &LoadOptions,
    manifests: &[Manifest],
    rules: &LoadRules,
) -> Vec<Article> {
    let per_input: Vec<Vec<Article>> = inputs
        .par_iter()
        .map(|input| load_input(input, opts, manifests, rules))
        .collect();
    let mut articles: Vec<Article> = per_input.into_iter().flatten().collect();
    make_ids_unique(&mut articles);
    articles
}

fn load_input(
    input: &Input,
    opts: &LoadOptions,
    manifests: &[Manifest],
    rules: &LoadRules,
) -> Vec<Article> {
    let stdin = input.path.as_os_str() == "-";
    let shown = if stdin {
        "<stdin>".to_string()
    } else {
        display_path(&input.path)
    };
    let id = if stdin {
        "stdin".to_string()
    } else {
        input
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone())
    };
    let format = format_of(&input.path);
    let skip = |message: String| {
        vec![Article::skipped(
            &id,
            &shown,
            format.unwrap_or(Format::Text),
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
    let bytes = if stdin {
        let mut buf = Vec::new();
        match std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf) {
            Ok(_) => buf,
            Err(e) => return skip(format!("cannot read standard input: {e}")),
        }
    } else {
        match std::fs::read(&input.path) {
            Ok(b) => b,
            Err(e) => return skip(io_reason(&input.path, &e)),
        }
    };
    let manifest_fields = if stdin {
        // Only an explicit --manifest speaks for standard input.
        match (&opts.manifest, manifests.first()) {
            (Some(_), Some(m)) => m.defaults().to_vec(),
            _ => vec![],
        }
    } else {
        manifest::fields_for(manifests, &input.path)
    };
    let mut articles = load_bytes(&id, &shown, &bytes, format, opts, rules, &manifest_fields);
    for a in &mut articles {
        a.path = shown.clone();
    }
    articles
}

/// Read one file's bytes into articles (several for JSON Lines): decode, pick the format
/// (`format` from the extension, else judged by content), parse it, apply the manifest's
/// fields and the command line's, mark boilerplate and infer what is still missing.
pub fn load_bytes(
    id: &str,
    path: &str,
    bytes: &[u8],
    format: Option<Format>,
    opts: &LoadOptions,
    rules: &LoadRules,
    manifest_fields: &[(Field, String)],
) -> Vec<Article> {
    let fallback = format.unwrap_or(Format::Text);
    let skipped = |message: String| {
        Article::skipped(
            id,
            path,
            fallback,
            Problem {
                severity: Severity::Error,
                line: None,
                message,
            },
        )
    };
    if bytes.is_empty() {
        return vec![skipped("empty file".into())];
    }
    let (text, problems) = match decode(bytes) {
        Ok(t) => t,
        Err(reason) => return vec![skipped(reason)],
    };
    let format = match format {
        None => sniff(&text),
        Some(Format::Text | Format::Markdown) if looks_like_html(&text) => Format::Html,
        Some(f) => f,
    };
    let mut articles = match format {
        Format::Jsonl => jsonl::load(id, path, &text, rules),
        Format::Html => vec![html::load(id, path, text, rules)],
        Format::Text | Format::Markdown => vec![markdown::load(id, path, format, text, rules)],
    };
    for a in &mut articles {
        let mut warnings = problems.clone();
        warnings.append(&mut a.problems);
        a.problems = warnings;
        if a.status == Status::Skipped {
            continue;
        }
        apply_fields(a, manifest_fields, FieldSource::Manifest, None, rules);
        prepare(a, opts, rules);
    }
    articles
}

/// Mark boilerplate, infer missing metadata and apply the command line's metadata to an
/// article whose `text` and `content` (front matter and markup already excluded) are set.
/// An article left with no content is skipped ("no text").
pub fn prepare(article: &mut Article, opts: &LoadOptions, rules: &LoadRules) {
    let body = match (article.content.first(), article.content.last()) {
        (Some(first), Some(last)) => Span::new(first.start, last.end),
        _ => Span::new(0, 0),
    };
    let size: usize = article.content.iter().map(|s| s.len()).sum();
    if opts.max_article_bytes > 0 && size > opts.max_article_bytes {
        article.status = Status::Skipped;
        article.content.clear();
        article.problems.push(Problem {
            severity: Severity::Error,
            line: None,
            message: format!(
                "too large: {} of text, over the limit of {} per article (raise it with --max-article-size)",
                human_size(size),
                human_size(opts.max_article_bytes)
            ),
        });
        return;
    }
    article.content = content_spans(&article.text, &article.content, rules);
    let has_text = article.content.iter().any(|s| {
        article
            .text
            .get(s.start..s.end)
            .is_some_and(|t| t.chars().any(|c| !c.is_whitespace()))
    });
    if !has_text {
        article.status = Status::Skipped;
        article.content.clear();
        let message = if article.text.trim().is_empty() {
            "no text: the file is empty or only white space"
        } else {
            "no text: everything in the file is markup, front matter or boilerplate"
        };
        article.problems.push(Problem {
            severity: Severity::Error,
            line: None,
            message: message.into(),
        });
        return;
    }
    infer::infer(article, body, &rules.infer);
    if let Some(o) = &opts.outlet {
        let o = rules.infer.outlets.canonical(o).unwrap_or(o).to_string();
        set_field(&mut article.meta, Field::Outlet, &o, FieldSource::Flag);
    }
    if let Some(p) = &opts.published {
        let p = infer::normalize_date(p, &rules.infer).unwrap_or_else(|| p.clone());
        set_field(&mut article.meta, Field::Published, &p, FieldSource::Flag);
    }
}

/// A byte count for people: "512 bytes", "3.2 MiB".
pub fn human_size(bytes: usize) -> String {
    const UNITS: [&str; 3] = ["KiB", "MiB", "GiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut v = bytes as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    let v = format!("{v:.1}");
    format!("{} {}", v.trim_end_matches(".0"), UNITS[unit])
}

/// The content spans of `text` within `within`: lines matching a boilerplate rule are
/// dropped, and everything from an end-of-content line on. Lines end at `\n` (HTML masking
/// turns block boundaries into `\n`); a lone `\r` also ends a line.
fn content_spans(text: &str, within: &[Span], rules: &LoadRules) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    'outer: for region in within {
        let end = region.end.min(text.len());
        let mut pos = region.start.min(end);
        while pos < end {
            let line_end = next_line_end(text.as_bytes(), pos, end);
            let line = text.get(pos..line_end).unwrap_or("").trim();
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

/// One past the end of the line starting at `pos` (its `\n`, `\r\n` or lone `\r`
/// included), at most `end`.
pub(crate) fn next_line_end(bytes: &[u8], pos: usize, end: usize) -> usize {
    let Some(window) = bytes.get(pos..end) else {
        return end;
    };
    match memchr::memchr2(b'\n', b'\r', window) {
        None => end,
        Some(k) => {
            let i = pos + k;
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') && i + 1 < end {
                i + 2
            } else {
                i + 1
            }
        }
    }
}

/// A path as shown in reports: `/` separators, no leading `./`.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Give articles that share an id (same file stem in two folders) distinct ids, in order.
fn make_ids_unique(articles: &mut [Article]) {
    let taken: BTreeSet<String> = articles.iter().map(|a| a.id.clone()).collect();
    let mut seen = BTreeMap::<String, usize>::new();
    for a in articles.iter_mut() {
        let n = seen.entry(a.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let mut k = *n;
            let mut candidate = format!("{}~{}", a.id, k);
            while taken.contains(&candidate) {
                k += 1;
                candidate = format!("{}~{}", a.id, k);
            }
            a.id = candidate;
        }
    }
}

/// Check what every loaded article promises (used by tests and fuzz targets): content
/// spans sorted, disjoint, inside the text and on char boundaries; line starts from 0,
/// increasing, inside the text; a skipped article has an error and an ok one has content;
/// every recorded metadata source has its field set.
pub fn check_invariants(a: &Article) -> std::result::Result<(), String> {
    let mut last_end = 0;
    for s in &a.content {
        if s.start < last_end || s.end <= s.start || s.end > a.text.len() {
            return Err(format!("{}: bad content span {s:?}", a.id));
        }
        if !a.text.is_char_boundary(s.start) || !a.text.is_char_boundary(s.end) {
            return Err(format!("{}: content span {s:?} cuts a char", a.id));
        }
        last_end = s.end;
    }
    if a.line_starts.first() != Some(&0)
        || a.line_starts.windows(2).any(|w| w[0] >= w[1])
        || a.line_starts.iter().any(|&l| l > a.text.len())
    {
        return Err(format!("{}: bad line starts", a.id));
    }
    if a.first_line == 0 {
        return Err(format!("{}: first line 0", a.id));
    }
    let has_error = a.problems.iter().any(|p| p.severity == Severity::Error);
    match a.status {
        Status::Skipped if !has_error => return Err(format!("{}: skipped without a reason", a.id)),
        Status::Ok if has_error || a.content.is_empty() => {
            return Err(format!("{}: ok but with an error or no content", a.id));
        }
        _ => {}
    }
    for f in Field::ALL {
        let set = match f {
            Field::Title => a.meta.title.is_some(),
            Field::Outlet => a.meta.outlet.is_some(),
            Field::Published => a.meta.published.is_some(),
            Field::Url => a.meta.url.is_some(),
            Field::Language => a.meta.language.is_some(),
            Field::Wire => a.meta.wire.is_some(),
        };
        if set != a.meta.source.contains_key(f.name()) {
            return Err(format!(
                "{}: field {} and its source disagree",
                a.id,
                f.name()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
