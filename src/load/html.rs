//! HTML: the page's main text, with byte offsets and line numbers of the file.
//!
//! [`mask`] returns a string exactly as long as the file in which everything that is not
//! readable text is replaced by spaces: tags, comments, doctype, and the whole contents of
//! `<head>`, `<script>`, `<style>` and the elements listed in `rules/boilerplate.toml`
//! (`html_skip`: nav, footer, aside, form, ...; `html_skip_outside_main`: header outside an
//! `<article>`/`<main>`; `html_skip_attr`: elements whose class, id or role name a share bar,
//! related-story box, comment thread and the like; also `hidden` elements). Because the
//! masked text keeps every offset, spans into it index the original file.
//!
//! Paragraphs: HTML ignores line breaks in running text, so a source line break becomes a
//! space (except inside `<pre>` and on blank lines), and the first byte of every block-level
//! tag (`p`, `div`, `h1`-`h6`, `li`, `br`, `tr`, `blockquote`, ...) becomes `\n`: each
//! paragraph and heading is one line of the masked text, which is what the segmenter
//! expects. `Article::line_starts` is computed from the original file, so line numbers are
//! the file's.
//!
//! Character references (`&amp;`, `&#8220;`, `&nbsp;`, ...) are decoded in place: the
//! character is written into the reference's bytes and the rest padded with spaces (every
//! reference is at least as long as its UTF-8 encoding), on the side away from the word it
//! touches (`&ldquo;Yes` → `    “Yes`, `no&rdquo;` → `no”    `). A reference inside a word
//! (`Wr&oacute;blewski`, `We&rsquo;re`, `AT&amp;T`) has letters on both sides: there the
//! rest of the word is moved up against the character and the padding put after the word
//! (`Wróblewski      `), so names and words stay whole; bytes never leave their line.
//!
//! Main text: the `<article>` with the most text, else `<main>`, else `<body>`, when it
//! holds at least a third of the page's visible text; else the whole page.
//!
//! Metadata (as front matter): `<title>`, `<meta>` names from `rules/metadata.toml`
//! `[html_meta]` (og:title, og:site_name, article:published_time, ...), JSON-LD
//! (`headline`, `datePublished`, `publisher.name`, `url`, `inLanguage`), the first `<h1>` of
//! the main text, `<link rel=canonical>`, `<time datetime>` and `<html lang>`.
//!
//! Why not `dom_smoothie` (the readability port suggested in ENGINEERING.md): it parses into
//! a DOM and serialises new text, so no byte of its output can be traced back to the file;
//! crosscheck's spans and line numbers must point into the file. The masker keeps its
//! element choice simple (largest `<article>`/`<main>` plus skip rules) in exchange.
//!
//! Does not own: boilerplate lines inside the text (`load`), inference from the text.

use super::infer::KeyRole;
use super::{Field, LoadRules, RawFields, apply_fields, collapse_ws};
use crate::model::{Article, FieldSource, Format, Span};

/// Masking rules from `rules/boilerplate.toml`.
#[derive(Debug, Default)]
pub struct HtmlRules {
    /// Elements whose contents are hidden (lower case).
    pub skip: Vec<String>,
    /// Elements hidden only outside `<article>`/`<main>`.
    pub skip_outside_main: Vec<String>,
    /// Patterns on `class`, `id` and `role` that hide an element.
    pub skip_attr: Vec<regex::Regex>,
}

/// Elements after which text starts a new paragraph.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose contents are raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Deepest element nesting tracked; deeper elements are treated as plain inline markup
/// (keeps end-tag matching linear on hostile input).
const MAX_DEPTH: usize = 512;

/// Largest JSON-LD block parsed, in bytes.
const MAX_JSON_LD: usize = 1 << 20;

/// The result of masking a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Masked {
    /// The page with markup replaced by spaces; as long as the page.
    pub text: String,
    /// The main text's range.
    pub main: Span,
    /// Metadata found in the markup, in priority order.
    pub fields: RawFields,
}

struct Open {
    name: String,
    hides: bool,
    start: usize,
}

#[derive(Default)]
struct Meta {
    lang: Option<String>,
    title: Option<String>,
    h1: Option<String>,
    canonical: Option<String>,
    time_pub: Option<String>,
    time_any: Option<String>,
    /// (field, rank, value) from `<meta>`.
    metas: Vec<(Field, usize, String)>,
    json_ld: Vec<(Field, String)>,
}

/// Mask `src` (see the module docs). When the skip rules hide everything (an unclosed
/// `<nav>`, say), the page is masked again without them.
pub fn mask(src: &str, rules: &LoadRules) -> Masked {
    let first = mask_with(src, rules, true);
    if has_text(&first.text, first.main) {
        return first;
    }
    let second = mask_with(src, rules, false);
    if has_text(&second.text, second.main) {
        second
    } else {
        first
    }
}

fn has_text(text: &str, span: Span) -> bool {
    text.get(span.start..span.end)
        .is_some_and(|t| t.chars().any(|c| !c.is_whitespace()))
}

fn lower_name(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_ascii_lowercase()
}

fn mask_with(src: &str, rules: &LoadRules, hide: bool) -> Masked {
    let b = src.as_bytes();
    let n = b.len();
    let mut out = b.to_vec();
    let mut stack: Vec<Open> = Vec::new();
    // How many elements of each name are open: an end tag with none open costs nothing.
    let mut open_count: std::collections::BTreeMap<String, usize> = Default::default();
    let mut hidden = 0usize; // open elements that hide their contents
    let mut pre = 0usize; // open <pre> elements
    let mut in_main = 0usize; // open <article>/<main> elements
    let mut line_has_content = false;
    let mut regions: Vec<(&'static str, Span)> = Vec::new();
    let mut h1_range: Option<(usize, Option<usize>)> = None;
    let mut meta = Meta::default();
    // Padding left by decoded character references, in text order.
    let mut pads: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c == b'<' {
            let next = b.get(i + 1).copied().unwrap_or(0);
            if b[i..].starts_with(b"<!--") {
                let end = find(b, i + 4, b"-->").map_or(n, |e| e + 3);
                blank(&mut out, i, end);
                line_has_content = true;
                i = end;
                continue;
            }
            if next == b'!' || next == b'?' {
                let end = memchr(b, i + 2, b'>').map_or(n, |e| e + 1);
                blank(&mut out, i, end);
                line_has_content = true;
                i = end;
                continue;
            }
            if next == b'/' && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
                let name_end = name_end(b, i + 2);
                let name = lower_name(&b[i + 2..name_end]);
                let end = memchr(b, name_end, b'>').map_or(n, |e| e + 1);
                blank(&mut out, i, end);
                if BLOCK.contains(&name.as_str()) {
                    out[i] = b'\n';
                }
                if name == "h1" {
                    if let Some((_, e @ None)) = &mut h1_range {
                        *e = Some(i);
                    }
                }
                let pos = if open_count.get(&name).is_some_and(|&c| c > 0) {
                    stack.iter().rposition(|o| o.name == name)
                } else {
                    None
                };
                if let Some(pos) = pos {
                    for o in stack.drain(pos..).rev() {
                        if let Some(c) = open_count.get_mut(&o.name) {
                            *c = c.saturating_sub(1);
                        }
                        if o.hides {
                            hidden -= 1;
                        }
                        match o.name.as_str() {
                            "pre" => pre = pre.saturating_sub(1),
                            "article" | "main" => {
                                in_main = in_main.saturating_sub(1);
                                regions.push((tag_kind(&o.name), Span::new(o.start, end)));
                            }
                            "body" => regions.push(("body", Span::new(o.start, end))),
                            _ => {}
                        }
                    }
                }
                line_has_content = true;
                i = end;
                continue;
            }
            if next.is_ascii_alphabetic() {
                let name_end = name_end(b, i + 1);
                let name = lower_name(&b[i + 1..name_end]);
                let (attrs, end, self_closing) = attributes(b, name_end);
                blank(&mut out, i, end);
                if BLOCK.contains(&name.as_str()) {
                    out[i] = b'\n';
                }
                line_has_content = true;
                collect_meta(&name, &attrs, hidden, rules, &mut meta);
                if RAW_TEXT.contains(&name.as_str()) {
                    let close = find_end_tag(b, end, name.as_bytes()).unwrap_or(n);
                    let inner = src.get(end..close).unwrap_or("");
                    if name == "title" && meta.title.is_none() && hidden_only_by_head(&stack) {
                        meta.title = Some(decode_entities(inner));
                    }
                    if name == "script"
                        && attr(&attrs, "type")
                            .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
                        && inner.len() <= MAX_JSON_LD
                    {
                        json_ld(inner, &mut meta.json_ld);
                    }
                    blank(&mut out, end, close);
                    i = close;
                    continue;
                }
                if VOID.contains(&name.as_str()) || self_closing || stack.len() >= MAX_DEPTH {
                    // Too deep to track: treated as inline markup, so nothing is hidden.
                    i = end;
                    continue;
                }
                let hides = hide && hides(&name, &attrs, in_main > 0, rules);
                if hides {
                    hidden += 1;
                }
                match name.as_str() {
                    "pre" => pre += 1,
                    "article" | "main" => in_main += 1,
                    "h1" if h1_range.is_none() && hidden == 0 => h1_range = Some((end, None)),
                    _ => {}
                }
                *open_count.entry(name.clone()).or_insert(0) += 1;
                stack.push(Open {
                    name,
                    hides,
                    start: i,
                });
                i = end;
                continue;
            }
            // A literal '<' in text.
        }
        if c == b'&' && hidden == 0 {
            if let Some((end, decoded)) = entity(b, i) {
                pads.extend(place_entity(&mut out, b, i, end, decoded));
                line_has_content = true;
                i = end;
                continue;
            }
        }
        if hidden > 0 {
            if c != b'\n' || line_has_content {
                out[i] = b' ';
            }
            if c == b'\n' {
                line_has_content = false;
            } else if !c.is_ascii_whitespace() {
                line_has_content = true;
            }
            i += 1;
            continue;
        }
        match c {
            b'\n' => {
                if pre == 0 && line_has_content {
                    out[i] = b' ';
                }
                line_has_content = false;
            }
            b'\r' => {
                if pre > 0 {
                    if b.get(i + 1) != Some(&b'\n') {
                        out[i] = b'\n';
                    }
                } else {
                    out[i] = b' ';
                }
            }
            b'\t' | b'\x0c' | b' ' => {}
            c if c < 0x20 || c == 0x7f => out[i] = b' ',
            _ => line_has_content = true,
        }
        i += 1;
    }
    for o in stack.drain(..) {
        match o.name.as_str() {
            "article" | "main" => regions.push((tag_kind(&o.name), Span::new(o.start, n))),
            "body" => regions.push(("body", Span::new(o.start, n))),
            _ => {}
        }
    }
    close_word_gaps(&mut out, &pads);
    let text = String::from_utf8(out).unwrap_or_else(|e| {
        // Cannot happen (every replaced range starts and ends on ASCII bytes); never panic.
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    });
    let main = choose_main(&text, &regions);
    if let Some((start, Some(end))) = h1_range {
        if main.contains(Span::new(start, end)) {
            meta.h1 = text.get(start..end).map(collapse_ws);
        }
    }
    let fields = meta_fields(meta, rules);
    Masked { text, main, fields }
}

fn tag_kind(name: &str) -> &'static str {
    if name == "article" { "article" } else { "main" }
}

/// True when the only hiding elements open are `<head>` (a `<title>` inside `<svg>` or a
/// skipped box is not the page's title).
fn hidden_only_by_head(stack: &[Open]) -> bool {
    stack.iter().all(|o| !o.hides || o.name == "head")
}

fn visible(text: &str, span: Span) -> usize {
    text.get(span.start..span.end).map_or(0, |t| {
        t.bytes().filter(|c| !c.is_ascii_whitespace()).count()
    })
}

/// Visible (non-white-space) bytes before each offset in `offsets` (sorted, deduplicated),
/// in one pass over the text.
fn visible_before(text: &str, offsets: &[usize]) -> std::collections::BTreeMap<usize, usize> {
    let mut out = std::collections::BTreeMap::new();
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut pos = 0;
    for &o in offsets {
        let o = o.min(bytes.len());
        count += bytes[pos..o]
            .iter()
            .filter(|c| !c.is_ascii_whitespace())
            .count();
        pos = o;
        out.insert(o, count);
    }
    out
}

fn choose_main(text: &str, regions: &[(&str, Span)]) -> Span {
    let whole = Span::new(0, text.len());
    let total = visible(text, whole);
    let mut offsets: Vec<usize> = regions.iter().flat_map(|(_, s)| [s.start, s.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let before = visible_before(text, &offsets);
    let count = |s: Span| {
        let at = |o: usize| before.get(&o.min(text.len())).copied().unwrap_or(0);
        at(s.end).saturating_sub(at(s.start))
    };
    for kind in ["article", "main", "body"] {
        let best = regions
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, s)| (count(*s), *s))
            .max_by_key(|(v, s)| (*v, std::cmp::Reverse(s.start)));
        if let Some((v, span)) = best {
            if v > 0 && v * 3 >= total {
                return span;
            }
        }
    }
    whole
}

fn hides(name: &str, attrs: &[(String, String)], in_main: bool, rules: &LoadRules) -> bool {
    let h = &rules.html;
    if name == "head" || h.skip.iter().any(|s| s == name) {
        return true;
    }
    if !in_main && h.skip_outside_main.iter().any(|s| s == name) {
        return true;
    }
    for (k, v) in attrs {
        match k.as_str() {
            "hidden" => return true,
            "aria-hidden" if v.eq_ignore_ascii_case("true") => return true,
            "style" => {
                let s: String = v.chars().filter(|c| !c.is_whitespace()).collect();
                if s.to_ascii_lowercase().contains("display:none") {
                    return true;
                }
            }
            "class" | "id" | "role" if h.skip_attr.iter().any(|r| r.is_match(v)) => {
                return true;
            }
            _ => {}
        }
    }
    false
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn collect_meta(
    name: &str,
    attrs: &[(String, String)],
    hidden: usize,
    rules: &LoadRules,
    meta: &mut Meta,
) {
    match name {
        "html" if meta.lang.is_none() => {
            meta.lang = attr(attrs, "lang").map(str::to_string);
        }
        "meta" => {
            let key = attr(attrs, "property")
                .or_else(|| attr(attrs, "name"))
                .or_else(|| attr(attrs, "itemprop"))
                .or_else(|| attr(attrs, "http-equiv"));
            let content = attr(attrs, "content");
            if let (Some(k), Some(v)) = (key, content) {
                if let Some((KeyRole::Field(f), rank)) = rules.infer.html_meta.role(k) {
                    meta.metas.push((f, rank, v.to_string()));
                }
            }
        }
        "link" => {
            let canonical = attr(attrs, "rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            });
            if canonical && meta.canonical.is_none() {
                meta.canonical = attr(attrs, "href").map(str::to_string);
            }
        }
        "time" => {
            if let Some(d) = attr(attrs, "datetime") {
                let published = attrs.iter().any(|(k, v)| {
                    k == "pubdate" || (k == "itemprop" && v.eq_ignore_ascii_case("datePublished"))
                });
                if published && meta.time_pub.is_none() {
                    meta.time_pub = Some(d.to_string());
                }
                if meta.time_any.is_none() && hidden == 0 {
                    meta.time_any = Some(d.to_string());
                }
            }
        }
        _ => {}
    }
}

fn meta_fields(meta: Meta, rules: &LoadRules) -> RawFields {
    let mut metas = meta.metas;
    metas.sort_by_key(|(f, rank, _)| (*f, *rank));
    let mut out: RawFields = Vec::new();
    let push = |out: &mut RawFields, f: Field, v: Option<String>| {
        if let Some(v) = v {
            let v = collapse_ws(&v);
            if !v.is_empty() {
                out.push((f, v));
            }
        }
    };
    for (f, _, v) in metas {
        push(&mut out, f, Some(v));
    }
    for (f, v) in meta.json_ld {
        push(&mut out, f, Some(v));
    }
    push(&mut out, Field::Published, meta.time_pub);
    push(&mut out, Field::Title, meta.h1);
    let site = out
        .iter()
        .find(|(f, _)| *f == Field::Outlet)
        .map(|(_, v)| v.clone());
    // No publisher named anywhere else: "Flood budget approved | The Steppe Courier" names it
    // in the title's suffix when that ends with an outlet name word.
    let site = site.or_else(|| {
        let suffix = meta
            .title
            .as_deref()
            .and_then(|t| site_suffix(&collapse_ws(t), rules));
        push(&mut out, Field::Outlet, suffix.clone());
        suffix
    });
    let title = meta
        .title
        .map(|t| strip_site_suffix(&collapse_ws(&t), site.as_deref(), rules));
    push(&mut out, Field::Title, title);
    push(&mut out, Field::Url, meta.canonical);
    push(&mut out, Field::Language, meta.lang);
    push(&mut out, Field::Published, meta.time_any);
    out
}

/// The part of a page title after its last separator when it reads as an outlet's name
/// that no rule lists: up to 5 capitalised words (with "of", "and", "the") ending with an
/// outlet name word ("... | The Steppe Courier", "... - PABC News").
fn site_suffix(title: &str, rules: &LoadRules) -> Option<String> {
    let (i, sep) = [" | ", " - ", " – ", " — ", " :: "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, sep.len())))
        .max()?;
    let tail = title[i + sep..].trim();
    let words: Vec<&str> = tail.split_whitespace().collect();
    let named = i > 0
        && !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(*w, "of" | "and" | "the")
        })
        && rules.infer.is_name_word(words[words.len() - 1]);
    named.then(|| tail.to_string())
}

/// "Port strike ends | The Guardian" → "Port strike ends" when the part after the last
/// separator names the site (its `og:site_name` or a known outlet).
fn strip_site_suffix(title: &str, site: Option<&str>, rules: &LoadRules) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(i) = title.rfind(sep) {
            let tail = title[i + sep.len()..].trim();
            let is_site = site.is_some_and(|s| s.eq_ignore_ascii_case(tail))
                || rules.infer.outlets.canonical(tail).is_some();
            if is_site && i > 0 {
                return title[..i].trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Headline, date, publisher, address and language of the first article-like object in a
/// JSON-LD block.
fn json_ld(text: &str, out: &mut Vec<(Field, String)>) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text.trim()) else {
        return;
    };
    let mut objects: Vec<&serde_json::Map<String, serde_json::Value>> = Vec::new();
    let mut todo = vec![&value];
    while let Some(v) = todo.pop() {
        match v {
            serde_json::Value::Array(a) => todo.extend(a.iter().rev()),
            serde_json::Value::Object(o) => {
                objects.push(o);
                if let Some(g) = o.get("@graph") {
                    todo.push(g);
                }
            }
            _ => {}
        }
        if objects.len() > 64 {
            break;
        }
    }
    let is_article = |o: &serde_json::Map<String, serde_json::Value>| {
        let t = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
        t.contains("Article") || t.contains("Posting") || o.contains_key("headline")
    };
    let Some(o) = objects.into_iter().find(|o| is_article(o)) else {
        return;
    };
    let text_of = |k: &str| o.get(k).and_then(super::markdown::json_text);
    let pairs = [
        (Field::Title, text_of("headline")),
        (Field::Published, text_of("datePublished")),
        (Field::Outlet, text_of("publisher")),
        (Field::Url, text_of("url")),
        (Field::Language, text_of("inLanguage")),
    ];
    for (f, v) in pairs {
        if let Some(v) = v {
            out.push((f, v));
        }
    }
}

/// One past the end of a tag name starting at `b[i]`.
fn name_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    i
}

/// Attributes of a start tag from `b[i]` (just after the name): (name, decoded value) pairs,
/// one past the closing `>` (or the end of input), and whether the tag ends with `/>`.
fn attributes(b: &[u8], mut i: usize) -> (Vec<(String, String)>, usize, bool) {
    let n = b.len();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < n && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= n {
            return (attrs, n, false);
        }
        if b[i] == b'>' {
            return (attrs, i + 1, self_closing);
        }
        self_closing = false;
        let start = i;
        while i < n && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        if i == start {
            // A stray '=': skip it.
            i += 1;
            continue;
        }
        let key = lower_name(&b[start..i]);
        while i < n && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < n && b[i] == b'=' {
            i += 1;
            while i < n && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < n && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vend = memchr(b, i + 1, q).unwrap_or(n);
                value = String::from_utf8_lossy(&b[i + 1..vend]).into_owned();
                i = (vend + 1).min(n);
            } else {
                let vstart = i;
                while i < n && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = String::from_utf8_lossy(&b[vstart..i]).into_owned();
            }
        }
        if attrs.len() < 64 {
            attrs.push((key, decode_entities(&value)));
        }
    }
}

fn memchr(b: &[u8], from: usize, c: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&x| x == c)
        .map(|p| p + from)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = b.get(from..)?;
    hay.windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Start of `</name` (any case, followed by white space, `/` or `>`) at or after `from`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(p) = memchr(b, i, b'<') {
        let after = p + 2 + name.len();
        if b.get(p + 1) == Some(&b'/')
            && b.get(p + 2..after)
                .is_some_and(|s| s.eq_ignore_ascii_case(name))
            && b.get(after)
                .is_none_or(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
        {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

fn blank(out: &mut [u8], start: usize, end: usize) {
    for c in &mut out[start..end] {
        *c = b' ';
    }
}

/// Named character references crosscheck decodes (the common ones in news pages).
const ENTITIES: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Agrave", 'À'),
    ("Auml", 'Ä'),
    ("Ccedil", 'Ç'),
    ("Eacute", 'É'),
    ("Egrave", 'È'),
    ("Iacute", 'Í'),
    ("Ntilde", 'Ñ'),
    ("Oacute", 'Ó'),
    ("Ouml", 'Ö'),
    ("Oslash", 'Ø'),
    ("Uacute", 'Ú'),
    ("Uuml", 'Ü'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", 'å'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("bull", '•'),
    ("ccedil", 'ç'),
    ("cent", '¢'),
    ("copy", '©'),
    ("deg", '°'),
    ("divide", '÷'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("gt", '>'),
    ("hellip", '…'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("iuml", 'ï'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("middot", '·'),
    ("minus", '−'),
    ("nbsp", ' '),
    ("ndash", '–'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("ograve", 'ò'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("para", '¶'),
    ("pound", '£'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("sect", '§'),
    ("shy", ' '),
    ("szlig", 'ß'),
    ("thinsp", ' '),
    ("times", '×'),
    ("trade", '™'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uuml", 'ü'),
    ("yen", '¥'),
    ("zwj", ' '),
    ("zwnj", ' '),
    ("zwsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
];

/// The character reference starting at `b[i]` (`&name;`, `&#NNN;`, `&#xHH;`): one past
/// its `;` and the character, when it is one crosscheck knows.
fn entity(b: &[u8], i: usize) -> Option<(usize, char)> {
    let semi = b
        .get(i + 1..(i + 34).min(b.len()))?
        .iter()
        .position(|&c| c == b';')?
        + i
        + 1;
    let body = std::str::from_utf8(b.get(i + 1..semi)?).ok()?;
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        match code {
            0 => char::REPLACEMENT_CHARACTER,
            // Windows-1252 quotes and dashes written as C1 codes.
            0x91 => '‘',
            0x92 => '’',
            0x93 => '“',
            0x94 => '”',
            0x96 => '–',
            0x97 => '—',
            c if c < 0x20 || (0x7f..0xa0).contains(&c) => ' ',
            c => char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER),
        }
    } else {
        ENTITIES
            .binary_search_by(|(name, _)| (*name).cmp(body))
            .ok()
            .map(|k| ENTITIES[k].1)?
    };
    Some((semi + 1, c))
}

/// Write `c` into `out[start..end]` (the reference's bytes), padded with spaces on the
/// side away from the word it touches; returns the padding's range (if any).
fn place_entity(out: &mut [u8], src: &[u8], start: usize, end: usize, c: char) -> Option<Span> {
    let mut buf = [0u8; 4];
    let enc = c.encode_utf8(&mut buf).as_bytes();
    let room = end - start;
    if enc.len() > room {
        blank(out, start, end);
        return None;
    }
    let before_space = start == 0 || src[start - 1].is_ascii_whitespace() || src[start - 1] == b'>';
    let after_word = src
        .get(end)
        .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'<');
    let at = if before_space && after_word {
        end - enc.len()
    } else {
        start
    };
    blank(out, start, end);
    out[at..at + enc.len()].copy_from_slice(enc);
    let pad = if at == start {
        Span::new(start + enc.len(), end)
    } else {
        Span::new(start, at)
    };
    (!pad.is_empty()).then_some(pad)
}

/// Move the padding of references inside a word to the word's end: for each run of
/// non-white-space bytes and `pads` (sorted, disjoint) in which some padding has word bytes
/// on both sides, the run's bytes are written in order without the padding, then spaces.
/// A run only holds non-white-space bytes, so nothing crosses a line; padding at a word's
/// edge (`    “Yes`) is left where it is.
fn close_word_gaps(out: &mut [u8], pads: &[Span]) {
    let n = out.len();
    let mut k = 0;
    while k < pads.len() {
        let mut s = pads[k].start;
        while s > 0 && !out[s - 1].is_ascii_whitespace() {
            s -= 1;
        }
        let mut j = k;
        let mut e = pads[k].end;
        loop {
            while e < n && !out[e].is_ascii_whitespace() {
                e += 1;
            }
            match pads.get(j + 1) {
                Some(p) if p.start == e => {
                    j += 1;
                    e = p.end;
                }
                _ => break,
            }
        }
        let run = &pads[k..=j];
        // The run's word bytes lie in stretches before, between and after its pads; some
        // padding has word bytes on both sides exactly when two stretches are non-empty.
        let mut from = s;
        let mut stretches = 0;
        for p in run {
            stretches += usize::from(p.start > from);
            from = p.end;
        }
        stretches += usize::from(e > from);
        let inside = stretches >= 2;
        if inside {
            let mut w = s;
            let mut r = s;
            for p in run {
                out.copy_within(r..p.start, w);
                w += p.start - r;
                r = p.end;
            }
            out.copy_within(r..e, w);
            w += e - r;
            out[w..e].fill(b' ');
        }
        k = j + 1;
    }
}

/// `s` with character references decoded (for attribute values and titles).
pub fn decode_entities(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut last = 0;
    while let Some(p) = memchr(b, i, b'&') {
        if let Some((end, c)) = entity(b, p) {
            out.push_str(&s[last..p]);
            out.push(c);
            last = end;
            i = end;
        } else {
            i = p + 1;
        }
    }
    out.push_str(&s[last..]);
    out
}

/// An HTML article over `src`: masked text, main text as content, metadata from markup,
/// line starts of the original file.
pub fn load(id: &str, path: &str, src: String, rules: &LoadRules) -> Article {
    let line_starts = crate::model::line_starts(&src);
    let masked = mask(&src, rules);
    let mut article = Article::new(id, path, Format::Html, masked.text);
    article.line_starts = line_starts;
    article.content = if masked.main.is_empty() {
        vec![]
    } else {
        vec![masked.main]
    };
    apply_fields(
        &mut article,
        &masked.fields,
        FieldSource::FrontMatter,
        None,
        rules,
    );
    article
}

/// The visible text of `masked` in `span`, white space collapsed (for tests and tools).
pub fn visible_text(text: &str, span: Span) -> String {
    collapse_ws(text.get(span.start..span.end).unwrap_or(""))
}

/// The non-empty lines of `text` in `span`, white space collapsed.
#[cfg(test)]
fn lines(text: &str, span: Span) -> Vec<String> {
    text.get(span.start..span.end)
        .unwrap_or("")
        .split('\n')
        .map(collapse_ws)
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn rules() -> LoadRules {
        LoadRules::compile(&RuleSet::embedded()).unwrap()
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
  <title>Port strike ends after 12 days | The Guardian</title>
  <meta property="og:site_name" content="The Guardian">
  <meta property="article:published_time" content="2024-03-02T08:15:00Z">
  <link rel="canonical" href="https://example.org/port-strike">
  <style>p { color: red; }</style>
  <script>var x = "<p>not text</p>";</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main>
<article>
<h1>Port strike ends after
  12 days</h1>
<p>Dock workers returned on Monday, the union said. The deal
raises pay by 6&nbsp;per cent.</p>
<p>&ldquo;We won,&rdquo; said Ana Ruiz, a union organiser.</p>
<div class="related-stories"><p>Other news you may like</p></div>
<ul><li>Ships waiting: 40</li><li>Backlog: two weeks</li></ul>
</article>
<aside>Most read: a celebrity story</aside>
</main>
<footer>Copyright 2024</footer>
</body>
</html>
"#;

    #[test]
    fn mask_keeps_length_and_line_breaks_of_the_file() {
        let m = mask(PAGE, &rules());
        assert_eq!(m.text.len(), PAGE.len());
        // Every offset of visible text holds the same bytes as the file.
        let p = m.text.find("Dock workers").unwrap();
        assert_eq!(&PAGE[p..p + 12], "Dock workers");
    }

    #[test]
    fn main_text_is_the_article_in_paragraph_lines() {
        let m = mask(PAGE, &rules());
        let got = lines(&m.text, m.main);
        assert_eq!(
            got,
            [
                "Port strike ends after 12 days",
                "Dock workers returned on Monday, the union said. The deal raises pay by 6 per cent.",
                "“We won,” said Ana Ruiz, a union organiser.",
                "Ships waiting: 40",
                "Backlog: two weeks",
            ]
        );
    }

    #[test]
    fn nothing_hidden_leaks_into_the_text() {
        let m = mask(PAGE, &rules());
        for hidden in [
            "color",
            "not text",
            "Home",
            "Most read",
            "Copyright",
            "Other news",
        ] {
            assert!(!m.text.contains(hidden), "{hidden} leaked");
        }
    }

    #[test]
    fn metadata_from_markup() {
        let a = load("p", "p.html", PAGE.to_string(), &rules());
        assert_eq!(
            a.meta.title.as_deref(),
            Some("Port strike ends after 12 days")
        );
        assert_eq!(a.meta.outlet.as_deref(), Some("The Guardian"));
        assert_eq!(a.meta.published.as_deref(), Some("2024-03-02"));
        assert_eq!(
            a.meta.url.as_deref(),
            Some("https://example.org/port-strike")
        );
        assert_eq!(a.meta.language.as_deref(), Some("en"));
        assert_eq!(a.meta.source.get("outlet"), Some(&FieldSource::FrontMatter));
    }

    #[test]
    fn line_numbers_are_those_of_the_file() {
        let a = load("p", "p.html", PAGE.to_string(), &rules());
        let p = a.text.find("raises pay").unwrap();
        let expected = PAGE[..p].matches('\n').count() + 1;
        assert_eq!(a.line_of(p), expected);
    }

    #[test]
    fn entities_are_decoded_in_place() {
        let src = "<p>AT&amp;T &#8220;yes&#8221; &quot;no&quot; caf&eacute; &bogus; &#x2014;</p>";
        let m = mask(src, &rules());
        assert_eq!(m.text.len(), src.len());
        let words = collapse_ws(&m.text);
        assert_eq!(words, "AT&T “yes” \"no\" café &bogus; —");
    }

    #[test]
    fn a_reference_inside_a_word_leaves_the_word_whole() {
        let src = "<p>Chief Tomasz Wr&oacute;blewski said: &ldquo;We&rsquo;re&nbsp;fighting.&rdquo;\n<p>caf&eacute;s d&eacute;j&agrave; vu</p>";
        let m = mask(src, &rules());
        assert_eq!(m.text.len(), src.len());
        assert_eq!(
            collapse_ws(&m.text),
            "Chief Tomasz Wróblewski said: “We’re fighting.” cafés déjà vu"
        );
        // Nothing moves across a line: the second paragraph starts on the second line.
        let nl = m.text.find('\n').unwrap();
        assert_eq!(src[..nl].matches('\n').count(), 0);
        assert!(m.text[nl..].contains("cafés"));
        // At a word's edge the padding stays where it was.
        let m = mask("<p>&ldquo;Yes&rdquo; no</p>", &rules());
        assert_eq!(&m.text[3..20], "    “Yes”    ");
    }

    #[test]
    fn titles_from_title_tag_when_no_og_title_or_h1() {
        let src = "<html><head><title>Rates held | Reuters</title></head><body><p>The bank held rates.</p></body></html>";
        let a = load("p", "p.html", src.into(), &rules());
        assert_eq!(a.meta.title.as_deref(), Some("Rates held"));
    }

    #[test]
    fn an_unlisted_outlet_in_the_title_suffix_is_the_publisher() {
        let src = "<html><head><title>Flood budget approved | The Steppe Courier</title></head><body><p>The council approved it.</p></body></html>";
        let a = load("p", "p.html", src.into(), &rules());
        assert_eq!(a.meta.outlet.as_deref(), Some("The Steppe Courier"));
        assert_eq!(a.meta.title.as_deref(), Some("Flood budget approved"));
        // A suffix that does not end with an outlet word is part of the title.
        let src = "<html><head><title>Talks resume - Day Two</title></head><body><p>Talks resumed.</p></body></html>";
        let a = load("p", "p.html", src.into(), &rules());
        assert_eq!(a.meta.outlet, None);
        assert_eq!(a.meta.title.as_deref(), Some("Talks resume - Day Two"));
        // og:site_name wins over the suffix.
        let src = "<html><head><meta property=\"og:site_name\" content=\"Metro Daily\"><title>Bus fares rise | City News</title></head><body><p>Fares rose.</p></body></html>";
        let a = load("p", "p.html", src.into(), &rules());
        assert_eq!(a.meta.outlet.as_deref(), Some("Metro Daily"));
    }

    #[test]
    fn json_ld_gives_metadata() {
        let src = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Floods recede","datePublished":"2023-07-09T10:00:00+02:00","publisher":{"@type":"Organization","name":"Deutsche Welle"}}</script></head><body><p>Water levels fell.</p></body></html>"#;
        let a = load("p", "p.html", src.into(), &rules());
        assert_eq!(a.meta.title.as_deref(), Some("Floods recede"));
        assert_eq!(a.meta.published.as_deref(), Some("2023-07-09"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Deutsche Welle"));
    }

    #[test]
    fn an_unclosed_skip_element_does_not_swallow_the_page() {
        let src = "<body><nav>Menu<p>The minister resigned on Friday.</p></body>";
        let m = mask(src, &rules());
        assert!(visible_text(&m.text, m.main).contains("minister"));
    }

    #[test]
    fn broken_markup_never_panics_and_keeps_length() {
        for src in [
            "<",
            "<a",
            "<a href=\"",
            "<!--",
            "<script>",
            "&",
            "&#",
            "&#x110000;",
            "</",
            "<p>é</p",
            "<p\u{e9}>x",
            "<a b='>'>c</a>",
            "<pre>\r\nx\ry</pre>",
        ] {
            let m = mask(src, &rules());
            assert_eq!(m.text.len(), src.len(), "{src:?}");
        }
    }

    #[test]
    fn pre_keeps_its_line_breaks_and_br_breaks_lines() {
        let src = "<p>one<br>two</p><pre>a\nb</pre>";
        let m = mask(src, &rules());
        assert_eq!(lines(&m.text, m.main), ["one", "two", "a", "b"]);
    }
}
