//! Metadata from the article's own text, driven by `rules/metadata.toml`: the title (the
//! first content line that reads like a headline), the publication date (datelines near
//! the top), the outlet that wrote the article and the wire service it is credited to.
//! Outlet names are accepted only when `rules/outlets.toml` knows them, so that a random
//! capitalised line is never taken for an outlet.
//!
//! Also owns the key names that front matter, JSONL records and HTML `<meta>` tags may use
//! for each field, and reading a date written in any of the common ways into ISO form.
//!
//! Does not own: precedence between sources (`load::set_field`) or boilerplate.

use super::Field;
use crate::error::Result;
use crate::model::{Article, FieldSource, Span};
use crate::rules::{RuleSet, compile_regex};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Key names for each field, lower case; matching ignores case, `-` and `_`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyLists {
    #[serde(default)]
    title: Vec<String>,
    #[serde(default)]
    outlet: Vec<String>,
    #[serde(default)]
    published: Vec<String>,
    #[serde(default)]
    url: Vec<String>,
    #[serde(default)]
    language: Vec<String>,
    #[serde(default)]
    wire: Vec<String>,
    #[serde(default)]
    text: Vec<String>,
    #[serde(default)]
    id: Vec<String>,
}

/// `rules/metadata.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetadataFile {
    #[serde(default)]
    header_lines: Option<usize>,
    #[serde(default)]
    title_min_words: Option<usize>,
    #[serde(default)]
    title_max_chars: Option<usize>,
    #[serde(default)]
    title_skip: Vec<String>,
    #[serde(default)]
    date: Vec<String>,
    #[serde(default)]
    outlet: Vec<String>,
    #[serde(default)]
    outlet_header: Vec<String>,
    #[serde(default)]
    wire: Vec<String>,
    #[serde(default)]
    keys: KeyLists,
    #[serde(default)]
    html_meta: KeyLists,
}

/// The part of `rules/outlets.toml` the loader reads (the extractor owns the file; unknown
/// keys are ignored here on purpose so its format can grow).
#[derive(Debug, Default, Deserialize)]
struct OutletsFile {
    #[serde(default)]
    outlet: Vec<OutletEntry>,
    #[serde(default)]
    name_words: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct OutletEntry {
    #[serde(default)]
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// Known outlet names and aliases, to their canonical name.
#[derive(Debug, Default)]
pub struct OutletIndex {
    by_name: BTreeMap<String, String>,
}

impl OutletIndex {
    fn new(entries: &[OutletEntry]) -> Self {
        let mut by_name = BTreeMap::new();
        for e in entries {
            let name = e.name.trim();
            if name.is_empty() {
                continue;
            }
            for alias in std::iter::once(name).chain(e.aliases.iter().map(|a| a.trim())) {
                if !alias.is_empty() {
                    by_name
                        .entry(alias.to_string())
                        .or_insert_with(|| name.to_string());
                }
            }
        }
        OutletIndex { by_name }
    }

    /// The canonical name of the outlet `candidate` names (case-sensitive, a leading "the"
    /// optional, surrounding punctuation ignored), or `None` when it is not a known outlet.
    pub fn canonical(&self, candidate: &str) -> Option<&str> {
        let c = candidate
            .trim()
            .trim_matches(|c: char| c.is_whitespace() || ".,:;\"'“”‘’()[]|-–—*_".contains(c))
            .trim();
        if c.is_empty() || c.len() > 100 {
            return None;
        }
        let c = collapse(c);
        if let Some(n) = self.by_name.get(&c) {
            return Some(n);
        }
        for prefix in ["The ", "the "] {
            if let Some(rest) = c.strip_prefix(prefix) {
                if let Some(n) = self.by_name.get(rest) {
                    return Some(n);
                }
            }
        }
        self.by_name.get(&format!("The {c}")).map(String::as_str)
    }

    /// Number of names and aliases known.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// True when no outlet is known.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Key names per field for one kind of source (front matter keys or HTML meta names).
#[derive(Clone, Debug, Default)]
pub struct Keys {
    by_key: BTreeMap<String, (KeyRole, usize)>,
}

/// What a key gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyRole {
    /// A metadata field.
    Field(Field),
    /// A JSONL record's article text.
    Text,
    /// A JSONL record's id.
    Id,
}

impl Keys {
    fn new(lists: &KeyLists) -> Self {
        let mut by_key = BTreeMap::new();
        let roles: [(KeyRole, &Vec<String>); 8] = [
            (KeyRole::Field(Field::Title), &lists.title),
            (KeyRole::Field(Field::Outlet), &lists.outlet),
            (KeyRole::Field(Field::Published), &lists.published),
            (KeyRole::Field(Field::Url), &lists.url),
            (KeyRole::Field(Field::Language), &lists.language),
            (KeyRole::Field(Field::Wire), &lists.wire),
            (KeyRole::Text, &lists.text),
            (KeyRole::Id, &lists.id),
        ];
        for (role, list) in roles {
            for (rank, k) in list.iter().enumerate() {
                by_key.entry(key_form(k)).or_insert((role, rank));
            }
        }
        Keys { by_key }
    }

    /// What `key` gives, and its rank among the keys for the same thing (0 is preferred).
    pub fn role(&self, key: &str) -> Option<(KeyRole, usize)> {
        self.by_key.get(&key_form(key)).copied()
    }
}

/// A key as compared: lower case without `-`, `_`, `.` or spaces.
fn key_form(k: &str) -> String {
    k.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Inference rules compiled from `metadata.toml` and `outlets.toml`.
#[derive(Debug)]
pub struct InferRules {
    header_lines: usize,
    title_min_words: usize,
    title_max_chars: usize,
    title_skip: Vec<regex::Regex>,
    date: Vec<regex::Regex>,
    outlet: Vec<regex::Regex>,
    outlet_header: Vec<regex::Regex>,
    wire: Vec<regex::Regex>,
    /// Front matter, JSONL and manifest keys.
    pub keys: Keys,
    /// HTML `<meta name|property|itemprop>` names.
    pub html_meta: Keys,
    /// Known outlets.
    pub outlets: OutletIndex,
    /// Last words of outlet names (`name_words` in outlets.toml), lower case: a masthead
    /// line ("KARASU DAILY HERALD") ends with one.
    name_words: std::collections::HashSet<String>,
}

impl InferRules {
    /// Whether `word` is a last word of outlet names ("Herald", "NEWS"; case ignored).
    pub(crate) fn is_name_word(&self, word: &str) -> bool {
        self.name_words.contains(&word.to_lowercase())
    }

    /// Compile `metadata.toml` (and read outlet names from `outlets.toml`).
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let m: MetadataFile = set.get("metadata.toml")?;
        let o: OutletsFile = set.get("outlets.toml")?;
        let mp = set.path_of("metadata.toml");
        let all = |v: &[String]| {
            v.iter()
                .map(|p| compile_regex(&mp, p))
                .collect::<Result<Vec<_>>>()
        };
        Ok(InferRules {
            header_lines: m.header_lines.unwrap_or(12),
            title_min_words: m.title_min_words.unwrap_or(3),
            title_max_chars: m.title_max_chars.unwrap_or(300),
            title_skip: all(&m.title_skip)?,
            date: all(&m.date)?,
            outlet: all(&m.outlet)?,
            outlet_header: all(&m.outlet_header)?,
            wire: all(&m.wire)?,
            keys: Keys::new(&m.keys),
            html_meta: Keys::new(&m.html_meta),
            outlets: OutletIndex::new(&o.outlet),
            name_words: o.name_words.iter().map(|w| w.to_lowercase()).collect(),
        })
    }
}

/// Fill the metadata fields still unset from the text: `body` is the part of the text that
/// may carry signs (after front matter; the whole masked page for HTML); the title comes
/// from `article.content`.
pub fn infer(article: &mut Article, body: Span, rules: &InferRules) {
    let text = article.text.as_str();
    let body_text = text.get(body.start..body.end).unwrap_or("");
    let header = header_of(body_text, rules.header_lines);
    let mut found: Vec<(Field, String)> = Vec::new();
    if !article.meta.source.contains_key("title") {
        if let Some(t) = infer_title(text, &article.content, rules) {
            found.push((Field::Title, t));
        }
    }
    if !article.meta.source.contains_key("published") {
        if let Some(d) = first_date(header, &rules.date) {
            found.push((Field::Published, d));
        }
    }
    if !article.meta.source.contains_key("wire") {
        if let Some(w) = first_outlet(body_text, &rules.wire, &rules.outlets) {
            found.push((Field::Wire, w));
        }
    }
    if !article.meta.source.contains_key("outlet") {
        let o = first_outlet(body_text, &rules.outlet, &rules.outlets)
            .or_else(|| first_outlet(header, &rules.outlet_header, &rules.outlets))
            .or_else(|| {
                let first = header.lines().map(str::trim).find(|l| !l.is_empty())?;
                masthead(first, rules)
            });
        if let Some(o) = o {
            found.push((Field::Outlet, o));
        }
    }
    for (field, value) in found {
        super::set_field(&mut article.meta, field, &value, FieldSource::Inferred);
    }
}

/// The first `n` non-empty lines of `text`.
fn header_of(text: &str, n: usize) -> &str {
    let mut count = 0;
    let mut pos = 0;
    let bytes = text.as_bytes();
    while pos < text.len() && count < n {
        let end = super::next_line_end(bytes, pos, text.len());
        if text
            .get(pos..end)
            .is_some_and(|l| l.chars().any(|c| !c.is_whitespace()))
        {
            count += 1;
        }
        pos = end;
    }
    text.get(..pos).unwrap_or(text)
}

/// Words that contain a letter.
fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

fn infer_title(text: &str, content: &[Span], rules: &InferRules) -> Option<String> {
    let mut first: Option<&str> = None;
    let mut seen = 0;
    for span in content {
        let region = text.get(span.start..span.end).unwrap_or("");
        let mut pos = 0;
        while pos < region.len() && seen < rules.header_lines {
            let end = super::next_line_end(region.as_bytes(), pos, region.len());
            let line = region.get(pos..end).unwrap_or("").trim();
            pos = end;
            if line.is_empty() {
                continue;
            }
            seen += 1;
            first.get_or_insert(line);
            if masthead(line, rules).is_some() {
                continue;
            }
            let candidate = strip_dateline(line, &rules.date);
            let candidate = strip_markdown_heading(candidate);
            if word_count(candidate) < rules.title_min_words
                || candidate.chars().count() > rules.title_max_chars
                || rules.title_skip.iter().any(|r| r.is_match(candidate))
                || rules.outlets.canonical(candidate).is_some()
            {
                continue;
            }
            if is_prose(candidate) {
                // The body has begun: a headline comes before it.
                return None;
            }
            return Some(candidate.to_string());
        }
    }
    first
        .filter(|l| !is_prose(l))
        .map(|l| super::clip(strip_markdown_heading(l), rules.title_max_chars))
}

/// Words past which a line that reads as running text is not a headline.
const PROSE_WORDS: usize = 12;

/// A line of running text rather than a headline: more than [`PROSE_WORDS`] words that
/// end with a full stop, or that hold a sentence break ("... a 1-1 draw. The Red ..."). A
/// headline has no full stop ("Talks resume in Geneva", "Who pays for the dam?").
fn is_prose(line: &str) -> bool {
    if word_count(line) <= PROSE_WORDS {
        return false;
    }
    let end = line.trim_end_matches(['"', '\'', '”', '’', ')', ' ']);
    end.ends_with('.') && !end.ends_with("..")
        || line.match_indices(". ").any(|(i, _)| {
            let before = line[..i].rsplit(' ').next().unwrap_or("");
            let after = line[i + 2..].chars().next();
            before.chars().filter(|c| c.is_alphabetic()).count() > 2
                && after.is_some_and(char::is_uppercase)
        })
}

/// The outlet a masthead line names: up to 6 words in capitals (before any `|`) ending
/// with an outlet name word ("KARASU DAILY HERALD", "THE PORTWELL GAZETTE", "TRK 24 NEWS |
/// LIVE"), in title case ("Karasu Daily Herald"; words of up to 3 letters other than
/// "THE", "OF", "AND" keep their capitals: "TRK 24 News").
fn masthead(line: &str, rules: &InferRules) -> Option<String> {
    let name = line.split('|').next()?.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 6
        || !name.chars().any(char::is_alphabetic)
        || name
            .chars()
            .any(|c| c.is_lowercase() || matches!(c, '.' | ',' | ':' | '!' | '?' | '"' | '“'))
        || !rules.is_name_word(words[words.len() - 1])
    {
        return None;
    }
    let shown: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let lower = w.to_lowercase();
            match lower.as_str() {
                "the" if k == 0 => "The".to_string(),
                "the" | "of" | "and" => lower,
                _ if w.chars().count() <= 3 => (*w).to_string(),
                _ => {
                    let mut c = lower.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
            }
        })
        .collect();
    Some(shown.join(" "))
}

/// `line` without a date at its start ("date 2025-12-02 Ukrainian delegation ...").
fn strip_dateline<'a>(line: &'a str, date: &[regex::Regex]) -> &'a str {
    for r in date {
        if let Some(c) = r.captures(line) {
            if let Some(m) = c.get(0) {
                if m.start() == 0 && date_from_captures(&c).is_some() {
                    return line[m.end()..]
                        .trim_start_matches(|c: char| c.is_whitespace() || ",|-–—:".contains(c));
                }
            }
        }
    }
    line
}

fn strip_markdown_heading(line: &str) -> &str {
    let t = line.trim_start_matches('#');
    if t.len() < line.len() && t.starts_with(' ') {
        t.trim()
    } else {
        line
    }
}

/// The earliest date any rule finds in `text` (ties go to the rule listed first).
fn first_date(text: &str, rules: &[regex::Regex]) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for r in rules {
        for c in r.captures_iter(text) {
            let Some(start) = c.get(0).map(|m| m.start()) else {
                continue;
            };
            if best.as_ref().is_some_and(|(b, _)| *b <= start) {
                break;
            }
            if let Some(d) = date_from_captures(&c) {
                best = Some((start, d));
                break;
            }
        }
    }
    best.map(|(_, d)| d)
}

/// The first known outlet any rule's `outlet` group names (or any name an `agency` group
/// captures), in text order per rule.
fn first_outlet(text: &str, rules: &[regex::Regex], outlets: &OutletIndex) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for r in rules {
        for c in r.captures_iter(text) {
            // `agency`: a dateline's credit, kept even when outlets.toml does not know it.
            let (m, any_name) = match (c.name("outlet"), c.name("agency")) {
                (Some(m), _) => (m, false),
                (None, Some(m)) => (m, true),
                (None, None) => continue,
            };
            if best.as_ref().is_some_and(|(b, _)| *b <= m.start()) {
                break;
            }
            // "Source(s): Reuters, AFP": try each name in a list.
            let hit = m
                .as_str()
                .split([',', ';', '/', '&'])
                .find_map(|part| outlets.canonical(part))
                .or_else(|| outlets.canonical(m.as_str()))
                .map(str::to_string)
                .or_else(|| any_name.then(|| agency_name(m.as_str())).flatten());
            if let Some(name) = hit {
                best = Some((m.start(), name));
                break;
            }
        }
    }
    best.map(|(_, o)| o)
}

/// A dateline credit not in outlets.toml, as written: 2 to 40 characters starting with a
/// capital letter ("CPA", "Kestria Press"); `None` for anything else ("(pictured)").
fn agency_name(raw: &str) -> Option<String> {
    let name = raw.trim();
    let n = name.chars().count();
    ((2..=40).contains(&n) && name.chars().next().is_some_and(char::is_uppercase))
        .then(|| name.to_string())
}

/// An ISO date from captures named `y`, `m` (number or English month name) and `d`.
pub fn date_from_captures(c: &regex::Captures) -> Option<String> {
    let y: i16 = c.name("y")?.as_str().parse().ok()?;
    let m_text = c.name("m")?.as_str();
    let m: i8 = m_text.parse().ok().or_else(|| month_number(m_text))?;
    let d: i8 = c.name("d")?.as_str().parse().ok()?;
    let date = jiff::civil::Date::new(y, m, d).ok()?;
    Some(date.to_string())
}

/// The English month names, in lower case, January first.
pub const MONTH_NAMES: [&str; 12] = [
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

/// 1 to 12 for an English month name or its abbreviation ("Dec", "Dec.", "December").
pub fn month_number(name: &str) -> Option<i8> {
    // Compared without an ASCII-lower-case copy (the names are ASCII lower case, so
    // `eq_ignore_ascii_case` is equality with the copy).
    let name = name.trim_end_matches('.');
    if name.len() < 3 {
        return None;
    }
    let is = |w: &str| name.eq_ignore_ascii_case(w);
    (0..12)
        .find(|&i| is(MONTH_NAMES[i]) || is(&MONTH_NAMES[i][..3]) || (is("sept") && i == 8))
        .map(|i| i as i8 + 1)
}

/// ISO-like dates at the start of a value: `2025-12-01`, `2025/12/01`, `2025.12.01`,
/// optionally followed by a time (`T10:00:00Z`, ` 21:11 GMT+8`).
static ISO_DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:$|[T\s,]|[^\d])")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// Dates written with a month name anywhere in a value: `Mon, 01 Dec 2025 10:00:00 GMT`,
/// `December 5, 2025`, `5 December 2025`, `Dec. 5, 2025`.
static NAMED_DATES: LazyLock<[regex::Regex; 2]> = LazyLock::new(|| {
    let p = |s: &str| regex::Regex::new(s).unwrap_or_else(|_| unreachable!("constant pattern"));
    [
        p(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})\b"),
        p(r"\b(?P<m>[A-Za-z]{3,9})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"),
    ]
});

/// A date value (from a flag, manifest, front matter or meta tag) as ISO `YYYY-MM-DD`, or
/// `None` when it is not a date with a year, month and day.
pub fn normalize_date(value: &str, rules: &InferRules) -> Option<String> {
    let v = value.trim();
    if let Some(c) = ISO_DATE.captures(v) {
        return date_from_captures(&c);
    }
    for r in NAMED_DATES.iter().chain(rules.date.iter()) {
        if let Some(d) = r.captures(v).and_then(|c| date_from_captures(&c)) {
            return Some(d);
        }
    }
    None
}
