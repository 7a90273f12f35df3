//! Plain text and Markdown files: front matter and Markdown markup.
//!
//! Front matter is a block at the very start of the file fenced by `---` lines (YAML,
//! parsed with `serde-saphyr`; `...` may also close it) or by `+++` lines (TOML, parsed
//! with `toml`). Its keys give metadata (names and aliases in `rules/metadata.toml`,
//! `[keys]`); the block and its fences are not content, and byte offsets stay those of the
//! file. In a Markdown file, front matter that does not parse is a warning naming its line
//! and the block is still left out of the content; in a plain-text file a fenced block
//! counts as front matter only when it parses and has at least one known key, so a text
//! that merely opens with a `---` rule is read as it is.
//!
//! In Markdown, markup that is not prose is blanked with spaces (same length, line breaks
//! kept): link targets and brackets, images, `**`/`__` emphasis marks, code blocks, HTML
//! comments and tags, reference definitions and horizontal rules. Headings (`#`) and block
//! quotes (`>`) stay for the segmenter, which knows them.
//!
//! Does not own: boilerplate or inferred metadata (`load`, `infer`).

use super::infer::{KeyRole, Keys};
use super::{Field, LoadRules, RawFields, apply_fields, next_line_end};
use crate::model::{Article, FieldSource, Format, Problem, Severity, Span};

/// Longest link (label and target) or inline tag recognised, in bytes.
const MAX_LINK: usize = 512;

/// Which front matter syntax a file opens with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontMatterKind {
    /// `---` fences, YAML.
    Yaml,
    /// `+++` fences, TOML.
    Toml,
}

/// Where the front matter lies in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// YAML or TOML.
    pub kind: FrontMatterKind,
    /// From the opening fence to the end of the closing fence's line.
    pub block: Span,
    /// Between the fences.
    pub inner: Span,
    /// 1-based line of the first line between the fences.
    pub inner_line: usize,
}

/// The front matter syntax the first line of `text` opens, if any.
pub fn front_matter_kind(text: &str) -> Option<FrontMatterKind> {
    let end = next_line_end(text.as_bytes(), 0, text.len());
    match text.get(..end)?.trim_end() {
        "---" => Some(FrontMatterKind::Yaml),
        "+++" => Some(FrontMatterKind::Toml),
        _ => None,
    }
}

/// An opening front matter fence that is never closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unclosed;

/// The front matter block of `text`: `Ok(None)` when there is none, `Err(Unclosed)` when
/// an opening fence is never closed.
pub fn find_front_matter(text: &str) -> Result<Option<FrontMatter>, Unclosed> {
    let Some(kind) = front_matter_kind(text) else {
        return Ok(None);
    };
    let bytes = text.as_bytes();
    let inner_start = next_line_end(bytes, 0, text.len());
    let mut pos = inner_start;
    while pos < text.len() {
        let end = next_line_end(bytes, pos, text.len());
        let line = text.get(pos..end).unwrap_or("").trim_end();
        let closes = match kind {
            FrontMatterKind::Yaml => line == "---" || line == "...",
            FrontMatterKind::Toml => line == "+++",
        };
        if closes {
            return Ok(Some(FrontMatter {
                kind,
                block: Span::new(0, end),
                inner: Span::new(inner_start, pos),
                inner_line: 2,
            }));
        }
        pos = end;
    }
    Err(Unclosed)
}

/// A front matter parse failure: 1-based line in the file and the parser's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    /// Line in the file.
    pub line: usize,
    /// What the parser said.
    pub message: String,
}

/// The metadata fields of front matter `fm` in `text`, in key-rank order, and warnings about
/// values that are not text.
pub fn parse_front_matter(
    text: &str,
    fm: &FrontMatter,
    keys: &Keys,
) -> Result<(RawFields, Vec<String>), FrontMatterError> {
    let inner = text.get(fm.inner.start..fm.inner.end).unwrap_or("");
    if inner.trim().is_empty() {
        return Ok((vec![], vec![]));
    }
    let pairs: Vec<(String, Option<String>)> = match fm.kind {
        FrontMatterKind::Yaml => {
            let mut options = serde_saphyr::Options::default();
            options.with_snippet = false;
            let value: serde_json::Value = serde_saphyr::from_str_with_options(inner, options)
                .map_err(|e| FrontMatterError {
                    line: fm.inner_line
                        + e.location()
                            .map_or(0, |l| l.line().saturating_sub(1) as usize),
                    message: first_line(&e.to_string()),
                })?;
            match value {
                serde_json::Value::Object(map) => {
                    map.into_iter().map(|(k, v)| (k, json_text(&v))).collect()
                }
                serde_json::Value::Null => vec![],
                _ => {
                    return Err(FrontMatterError {
                        line: fm.inner_line,
                        message: "front matter is not a mapping of keys to values".into(),
                    });
                }
            }
        }
        FrontMatterKind::Toml => {
            let table: toml::Table = toml::from_str(inner).map_err(|e| {
                let offset = e.span().map_or(0, |s| s.start);
                let (line, _) = crate::rules::line_column(inner, offset);
                FrontMatterError {
                    line: fm.inner_line + line - 1,
                    message: first_line(e.message()),
                }
            })?;
            table.into_iter().map(|(k, v)| (k, toml_text(&v))).collect()
        }
    };
    let mut ranked: Vec<(Field, usize, String)> = Vec::new();
    let mut warnings = Vec::new();
    for (key, value) in pairs {
        let Some((KeyRole::Field(field), rank)) = keys.role(&key) else {
            continue;
        };
        match value {
            Some(v) => ranked.push((field, rank, v)),
            None => warnings.push(format!(
                "front matter key {key:?} is not text, a number or a date; ignored"
            )),
        }
    }
    ranked.sort_by_key(|(f, rank, _)| (*f, *rank));
    Ok((
        ranked.into_iter().map(|(f, _, v)| (f, v)).collect(),
        warnings,
    ))
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

/// A JSON (or YAML) value as metadata text: strings and numbers; the first item of a list;
/// the `name` of an object (`publisher: {name: ...}`).
pub fn json_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Array(a) => a.first().and_then(json_text),
        serde_json::Value::Object(o) => o.get("name").and_then(json_text),
        _ => None,
    }
}

fn toml_text(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Array(a) => a.first().and_then(toml_text),
        toml::Value::Table(t) => t.get("name").and_then(toml_text),
        toml::Value::Boolean(_) => None,
    }
}

/// A plain-text or Markdown article over `text`: front matter read and left out of the
/// content, Markdown markup blanked.
pub fn load(id: &str, path: &str, format: Format, text: String, rules: &LoadRules) -> Article {
    let keys = &rules.infer.keys;
    let mut problems = Vec::new();
    let mut fields: RawFields = Vec::new();
    let mut body_start = 0;
    let mut fm_line = None;
    match find_front_matter(&text) {
        Ok(Some(fm)) => match parse_front_matter(&text, &fm, keys) {
            Ok((f, warnings)) => {
                if format == Format::Markdown || !f.is_empty() {
                    body_start = fm.block.end;
                    fields = f;
                    fm_line = Some(fm.inner_line);
                    problems.extend(warnings.into_iter().map(|message| Problem {
                        severity: Severity::Warning,
                        line: Some(1),
                        message,
                    }));
                }
            }
            Err(e) => {
                if format == Format::Markdown {
                    body_start = fm.block.end;
                    problems.push(Problem {
                        severity: Severity::Warning,
                        line: Some(e.line),
                        message: format!(
                            "malformed front matter ({}); its metadata was ignored and the rest of the file read as text",
                            e.message
                        ),
                    });
                }
            }
        },
        Ok(None) => {}
        Err(Unclosed) => {
            if format == Format::Markdown {
                problems.push(Problem {
                    severity: Severity::Warning,
                    line: Some(1),
                    message: "front matter opened on line 1 is never closed; the whole file was read as text".into(),
                });
            }
        }
    }
    let text = if format == Format::Markdown {
        mask_markdown(text, body_start)
    } else {
        text
    };
    let mut article = Article::new(id, path, format, text);
    article.content = if body_start < article.text.len() {
        vec![Span::new(body_start, article.text.len())]
    } else {
        vec![]
    };
    article.problems = problems;
    apply_fields(
        &mut article,
        &fields,
        FieldSource::FrontMatter,
        fm_line,
        rules,
    );
    article
}

/// `text` with Markdown markup after `from` blanked by spaces (line breaks kept).
pub fn mask_markdown(text: String, from: usize) -> String {
    let mut b = text.into_bytes();
    let n = b.len();
    let from = from.min(n);
    let mut pos = from;
    let mut fence: Option<(u8, usize)> = None;
    while pos < n {
        let end = next_line_end(&b, pos, n);
        let line_len = trim_eol(&b[pos..end]);
        let line = &b[pos..pos + line_len];
        let indent = line.iter().take_while(|&&c| c == b' ').count();
        let rest = &line[indent.min(line.len())..];
        if let Some((ch, count)) = fence {
            let run = rest.iter().take_while(|&&c| c == ch).count();
            let closes = run >= count && rest[run..].iter().all(|c| c.is_ascii_whitespace());
            blank(&mut b, pos, pos + line_len);
            if closes {
                fence = None;
            }
            pos = end;
            continue;
        }
        if indent <= 3 {
            if let Some(&ch) = rest.first() {
                let run = rest.iter().take_while(|&&c| c == ch).count();
                if (ch == b'`' || ch == b'~') && run >= 3 {
                    fence = Some((ch, run));
                    blank(&mut b, pos, pos + line_len);
                    pos = end;
                    continue;
                }
                if is_rule(rest) || is_reference_definition(rest) {
                    blank(&mut b, pos, pos + line_len);
                    pos = end;
                    continue;
                }
            }
        }
        mask_inline(&mut b, pos, pos + line_len);
        pos = end;
    }
    String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Length of `line` without its line break.
fn trim_eol(line: &[u8]) -> usize {
    let mut len = line.len();
    while len > 0 && matches!(line[len - 1], b'\n' | b'\r') {
        len -= 1;
    }
    len
}

fn blank(b: &mut [u8], start: usize, end: usize) {
    for c in &mut b[start..end] {
        if *c != b'\n' && *c != b'\r' {
            *c = b' ';
        }
    }
}

/// `---`, `***`, `___`, `===` (also spaced, `- - -`): a rule or a setext underline.
fn is_rule(rest: &[u8]) -> bool {
    let Some(&ch) = rest.first() else {
        return false;
    };
    if !matches!(ch, b'-' | b'*' | b'_' | b'=') {
        return false;
    }
    let count = rest.iter().filter(|&&c| c == ch).count();
    count >= 3 && rest.iter().all(|&c| c == ch || c == b' ' || c == b'\t')
}

/// `[label]: https://...`
fn is_reference_definition(rest: &[u8]) -> bool {
    if rest.first() != Some(&b'[') {
        return false;
    }
    match rest.windows(2).position(|w| w == b"]:") {
        Some(i) => i > 1 && rest[i + 2..].iter().any(|c| !c.is_ascii_whitespace()),
        None => false,
    }
}

/// Blank inline markup on one line `b[start..end]`.
fn mask_inline(b: &mut [u8], start: usize, end: usize) {
    // Where the next `]` and `>` are: a `[` or `<` with none after it on the line cannot
    // open a link or tag, so it costs nothing to pass (keeps hostile lines linear).
    let mut next_close = start;
    let mut next_gt = start;
    let mut i = start;
    while i < end {
        if next_close <= i {
            next_close = memchr_from(b, i, end, b']');
        }
        if next_gt <= i {
            next_gt = memchr_from(b, i, end, b'>');
        }
        match b[i] {
            b'[' | b'<'
                if (b[i] == b'[' && next_close >= end) || (b[i] == b'<' && next_gt >= end) =>
            {
                i += 1;
            }
            b'\\' if i + 1 < end && b[i + 1].is_ascii_punctuation() => {
                b[i] = b' ';
                i += 2;
            }
            b'<' => {
                if let Some(close) = html_like_end(b, i, end) {
                    blank(b, i, close);
                    i = close;
                } else {
                    i += 1;
                }
            }
            b'!' if b.get(i + 1) == Some(&b'[') && i + 1 < end => {
                if let Some((_, close)) = link_end(b, i + 1, end) {
                    blank(b, i, close);
                    i = close;
                } else {
                    i += 1;
                }
            }
            b'[' => {
                if let Some((label_end, close)) = link_end(b, i, end) {
                    b[i] = b' ';
                    blank(b, label_end, close);
                    i = label_end;
                } else {
                    i += 1;
                }
            }
            b'*' | b'_' if b.get(i + 1) == Some(&b[i]) && i + 1 < end => {
                let ch = b[i];
                let before = i > start && b[i - 1].is_ascii_alphanumeric();
                let after = i + 2 < end && b[i + 2].is_ascii_alphanumeric();
                if ch == b'*' || !(before && after) {
                    b[i] = b' ';
                    b[i + 1] = b' ';
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
}

/// The first `c` in `b[from..end]`, or `end`.
fn memchr_from(b: &[u8], from: usize, end: usize, c: u8) -> usize {
    b[from..end]
        .iter()
        .position(|&x| x == c)
        .map_or(end, |p| from + p)
}

/// For `[text](target)` or `[text][ref]` starting at `b[open]`: the offset of the `]` and
/// one past the closing `)` or `]`.
fn link_end(b: &[u8], open: usize, end: usize) -> Option<(usize, usize)> {
    // Bounded so that a line of many unclosed brackets stays linear.
    let end = end.min(open + MAX_LINK);
    let mut depth = 0usize;
    let mut i = open;
    let label_end = loop {
        if i >= end {
            return None;
        }
        match b[i] {
            b'[' => depth += 1,
            b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break i;
                }
            }
            _ => {}
        }
        i += 1;
    };
    let (opener, closer) = match b.get(label_end + 1) {
        Some(b'(') => (b'(', b')'),
        Some(b'[') => (b'[', b']'),
        _ => return None,
    };
    let mut depth = 0usize;
    let mut j = label_end + 1;
    while j < end {
        if b[j] == opener {
            depth += 1;
        } else if b[j] == closer {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some((label_end, j + 1));
            }
        }
        j += 1;
    }
    None
}

/// One past the `>` of an HTML tag, comment or autolink starting at `b[i]` on this line.
fn html_like_end(b: &[u8], i: usize, end: usize) -> Option<usize> {
    let end = end.min(i + MAX_LINK);
    let next = *b.get(i + 1)?;
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
        return None;
    }
    let close = b[i..end].iter().position(|&c| c == b'>')?;
    Some(i + close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::LoadRules;
    use crate::rules::RuleSet;

    fn rules() -> LoadRules {
        LoadRules::compile(&RuleSet::embedded()).unwrap()
    }

    #[test]
    fn yaml_front_matter_gives_metadata_and_is_not_content() {
        let text = "---\ntitle: Port strike ends\nsource: Reuters\ndate: 2024-03-02\ntags: [a, b]\n---\nDock workers went back to work.\n";
        let a = load("a", "a.md", Format::Markdown, text.into(), &rules());
        assert_eq!(a.meta.title.as_deref(), Some("Port strike ends"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Reuters"));
        assert_eq!(a.meta.published.as_deref(), Some("2024-03-02"));
        assert_eq!(a.meta.source.get("outlet"), Some(&FieldSource::FrontMatter));
        let start = text.find("Dock").unwrap();
        assert_eq!(a.content, vec![Span::new(start, text.len())]);
        assert!(a.problems.is_empty(), "{:?}", a.problems);
    }

    #[test]
    fn toml_front_matter_with_a_date_value() {
        let text = "+++\ntitle = \"Council votes\"\npublished = 2023-11-05\noutlet = \"The Guardian\"\nlanguage = \"en-GB\"\n+++\n\nThe council voted 7-2.\n";
        let a = load("a", "a.md", Format::Markdown, text.into(), &rules());
        assert_eq!(a.meta.published.as_deref(), Some("2023-11-05"));
        assert_eq!(a.meta.outlet.as_deref(), Some("The Guardian"));
        assert_eq!(a.meta.language.as_deref(), Some("en"));
        assert!(a.content[0].start > text.find("+++\n\n").unwrap());
    }

    #[test]
    fn malformed_yaml_is_a_warning_at_its_line() {
        let text = "---\ntitle: ok\noutlet: [unclosed\n---\nBody text here.\n";
        let a = load("a", "a.md", Format::Markdown, text.into(), &rules());
        let p = &a.problems[0];
        assert_eq!(p.severity, Severity::Warning);
        assert!(
            p.message.contains("malformed front matter"),
            "{}",
            p.message
        );
        assert!(matches!(p.line, Some(2..=4)), "{:?}", p.line);
        assert_eq!(a.meta.title, None);
        assert_eq!(a.content[0].start, text.find("Body").unwrap());
    }

    #[test]
    fn malformed_toml_names_its_line() {
        let text = "+++\ntitle = \"ok\"\npublished = = 3\n+++\nBody.\n";
        let a = load("a", "a.md", Format::Markdown, text.into(), &rules());
        assert_eq!(a.problems[0].line, Some(3));
    }

    #[test]
    fn unclosed_front_matter_reads_the_file_as_text() {
        let text = "---\ntitle: never closed\nBody.\n";
        let a = load("a", "a.md", Format::Markdown, text.into(), &rules());
        assert_eq!(a.content[0].start, 0);
        assert!(a.problems[0].message.contains("never closed"));
    }

    #[test]
    fn a_rule_at_the_top_of_a_text_file_is_not_front_matter() {
        let text = "---\nThe mayor spoke.\n---\nMore.\n";
        let a = load("a", "a.txt", Format::Text, text.into(), &rules());
        assert_eq!(a.content[0].start, 0);
        assert!(a.problems.is_empty());
        let text = "---\noutlet: BBC\n---\nThe mayor spoke.\n";
        let a = load("a", "a.txt", Format::Text, text.into(), &rules());
        assert_eq!(a.meta.outlet.as_deref(), Some("BBC"));
        assert!(a.content[0].start > 0);
    }

    #[test]
    fn front_matter_with_crlf_line_ends() {
        let text = "---\r\npublished: \"March 4, 2022\"\r\n---\r\nBody.\r\n";
        let a = load("a", "a.md", Format::Markdown, text.into(), &rules());
        assert_eq!(a.meta.published.as_deref(), Some("2022-03-04"));
        assert_eq!(&a.text[a.content[0].start..], "Body.\r\n");
    }

    #[test]
    fn markdown_links_and_emphasis_are_blanked_in_place() {
        let text = "The **minister** said [in a post](https://x.example/a_(b)) that ![map](m.png) rates rise.<!-- c -->\n";
        let masked = mask_markdown(text.into(), 0);
        assert_eq!(masked.len(), text.len());
        let words: Vec<&str> = masked.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "The", "minister", "said", "in", "a", "post", "that", "rates", "rise."
            ]
        );
    }

    #[test]
    fn code_blocks_rules_and_reference_definitions_are_blanked() {
        let text =
            "Intro line.\n```\nlet x = 1;\n```\n***\n[1]: https://example.org\nsnake_case stays\n";
        let masked = mask_markdown(text.into(), 0);
        assert_eq!(masked.lines().count(), text.lines().count());
        assert!(!masked.contains("let x"));
        assert!(!masked.contains("example.org"));
        assert!(masked.contains("snake_case stays"));
    }
}
