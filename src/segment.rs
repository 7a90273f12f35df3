//! Stage 2, `segment`: split an article's content into sentences, headlines, bullets and
//! captions, each with its byte span and line, and find the quotations in it (a
//! quotation may span several sentences).
//!
//! Owns: paragraphs, sentence boundaries (abbreviations and initials from
//! `rules/abbreviations.toml`), unit kinds, quotation marks. Does not own: what a
//! sentence says (`extract`), or which text is content (`load`).

use crate::error::Result;
use crate::load::next_line_end;
use crate::model::{Article, Format, Quotation, Segmented, Sentence, SentenceKind, Span};
use crate::rules::{RuleSet, compile_regex};
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AbbreviationsFile {
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    before_number: Vec<String>,
    #[serde(default)]
    may_end: Vec<String>,
    #[serde(default)]
    sentence_starters: Vec<String>,
    #[serde(default)]
    bullets: Vec<String>,
    #[serde(default)]
    caption: Vec<String>,
}

/// The segmenter's compiled rules.
#[derive(Debug)]
pub struct SegmentRules {
    titles: HashSet<String>,
    before_number: HashSet<String>,
    may_end: HashSet<String>,
    starters: HashSet<String>,
    bullets: Vec<String>,
    caption: Vec<Caption>,
}

impl SegmentRules {
    /// Compile `abbreviations.toml`.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let f: AbbreviationsFile = set.get("abbreviations.toml")?;
        let path = set.path_of("abbreviations.toml");
        let mut bullets = f.bullets;
        // Longest first, so that a marker that begins with another is tried first.
        bullets.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        Ok(SegmentRules {
            titles: f.titles.into_iter().collect(),
            before_number: f.before_number.into_iter().collect(),
            may_end: f.may_end.into_iter().collect(),
            starters: f.sentence_starters.into_iter().collect(),
            bullets,
            caption: f
                .caption
                .iter()
                .map(|p| {
                    Ok(Caption {
                        regex: compile_regex(&path, p)?,
                        needs: required_bytes_of(p),
                    })
                })
                .collect::<Result<_>>()?,
        })
    }
}

/// A caption pattern with the bytes every match of it contains: a line without one of
/// them cannot match, and is not searched (most lines, for patterns such as `\(...\)$`).
#[derive(Debug)]
struct Caption {
    regex: regex::Regex,
    needs: Vec<u8>,
}

impl Caption {
    fn is_match(&self, line: &str) -> bool {
        let bytes = line.as_bytes();
        self.needs.iter().all(|b| bytes.contains(b)) && self.regex.is_match(line)
    }
}

/// The bytes that every match of `pattern` contains (sorted), found conservatively from
/// its syntax: literals and one-character classes on every path. Empty when the pattern
/// does not parse (the regex compiler reports that) or nothing is certain.
fn required_bytes_of(pattern: &str) -> Vec<u8> {
    match regex_syntax::Parser::new().parse(pattern) {
        Ok(hir) => required_bytes(&hir).into_iter().collect(),
        Err(_) => Vec::new(),
    }
}

fn required_bytes(hir: &regex_syntax::hir::Hir) -> std::collections::BTreeSet<u8> {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Literal(lit) => lit.0.iter().copied().collect(),
        HirKind::Class(Class::Unicode(c)) => match c.ranges() {
            [r] if r.start() == r.end() && r.start().is_ascii() => {
                std::iter::once(r.start() as u8).collect()
            }
            _ => Default::default(),
        },
        HirKind::Class(Class::Bytes(c)) => match c.ranges() {
            [r] if r.start() == r.end() => std::iter::once(r.start()).collect(),
            _ => Default::default(),
        },
        HirKind::Repetition(rep) if rep.min >= 1 => required_bytes(&rep.sub),
        HirKind::Capture(cap) => required_bytes(&cap.sub),
        HirKind::Concat(subs) => subs.iter().flat_map(required_bytes).collect(),
        HirKind::Alternation(subs) => {
            let mut sets = subs.iter().map(required_bytes);
            let first = sets.next().unwrap_or_default();
            sets.fold(first, |acc, s| acc.intersection(&s).copied().collect())
        }
        _ => Default::default(),
    }
}

/// Longest paragraph of one line that can still be a headline, in words.
const HEADLINE_MAX_WORDS: usize = 30;

/// One paragraph: a span and whether it is a bullet, caption or (maybe) headline.
struct Paragraph {
    span: Span,
    kind: SentenceKind,
}

/// Segment `article` (its content spans only).
pub fn segment(article: &Article, rules: &SegmentRules) -> Segmented {
    let text = article.text.as_str();
    let mut out = Segmented::default();
    let joined = is_hard_wrapped(text, &article.content);
    let mut lede = true;
    for (p_index, para) in paragraphs(text, &article.content, article.format, joined, rules)
        .into_iter()
        .enumerate()
    {
        let first = out.sentences.len();
        match para.kind {
            SentenceKind::Body | SentenceKind::Bullet => {
                let mut body = para.span;
                if para.kind == SentenceKind::Body {
                    // A dateline opening the paragraph ("PARIS, Dec 3 (AFP) -", "NEW
                    // DELHI:") is a credit line of its own, not part of the first sentence.
                    let t = &text[body.start..body.end];
                    let d = dateline_len(t).max(if lede { colon_dateline_len(t) } else { 0 });
                    lede = false;
                    if d > 0 && d < t.len() {
                        let credit = trim_span(text, Span::new(body.start, body.start + d));
                        out.sentences.push(Sentence {
                            span: credit,
                            line: article.line_of(credit.start),
                            kind: SentenceKind::Caption,
                            paragraph: p_index,
                        });
                        body = Span::new(body.start + d, body.end);
                    }
                }
                for span in split_sentences(text, body, rules) {
                    out.sentences.push(Sentence {
                        span,
                        line: article.line_of(span.start),
                        kind: para.kind,
                        paragraph: p_index,
                    });
                }
            }
            kind => out.sentences.push(Sentence {
                span: para.span,
                line: article.line_of(para.span.start),
                kind,
                paragraph: p_index,
            }),
        }
        find_quotations(
            text,
            para.span,
            &out.sentences[first..],
            first,
            &mut out.quotations,
        );
    }
    out
}

/// True when most lines of the content end mid-sentence within a narrow band of lengths:
/// then a line break inside a block is not a paragraph break.
fn is_hard_wrapped(text: &str, content: &[Span]) -> bool {
    let mut lines = 0usize;
    let mut wrapped = 0usize;
    for span in content {
        for line in lines_of(text, *span) {
            let t = text[line.start..line.end].trim();
            if t.is_empty() {
                continue;
            }
            lines += 1;
            let len = t.chars().count();
            if (50..=100).contains(&len) && !ends_sentence(t) {
                wrapped += 1;
            }
        }
    }
    lines >= 4 && wrapped * 2 > lines
}

/// The lines of `span` in `text`, each with its line end (`\n`, `\r\n` or a lone `\r`,
/// as the loader and `Article::line_of` count them).
fn lines_of(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let end = span.end.min(text.len());
    let mut pos = span.start.min(end);
    std::iter::from_fn(move || {
        (pos < end).then(|| {
            let line_end = next_line_end(text.as_bytes(), pos, end);
            let line = Span::new(pos, line_end);
            pos = line_end;
            line
        })
    })
}

fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ';', '…', ')'])
}

/// Split content into paragraphs: a line is a paragraph of its own unless the text is
/// hard-wrapped, in which case lines join until a blank line, a bullet or a heading.
fn paragraphs(
    text: &str,
    content: &[Span],
    format: Format,
    joined: bool,
    rules: &SegmentRules,
) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false; // the last paragraph may take the next line
    for region in content {
        let mut pos = region.start;
        while pos < region.end {
            let end = next_line_end(text.as_bytes(), pos, region.end);
            let raw = &text[pos..end];
            let span = trim_span(text, Span::new(pos, end));
            pos = end;
            if span.is_empty() {
                open = false;
                continue;
            }
            let line = &text[span.start..span.end];
            if let Some(body) = strip_bullet(text, span, rules) {
                out.push(Paragraph {
                    span: body,
                    kind: SentenceKind::Bullet,
                });
                open = false;
                continue;
            }
            if format == Format::Markdown {
                if let Some(stripped) = strip_markdown_heading(text, span) {
                    out.push(Paragraph {
                        span: stripped,
                        kind: SentenceKind::Headline,
                    });
                    open = false;
                    continue;
                }
            }
            let span = if format == Format::Markdown {
                strip_blockquote(text, span)
            } else {
                span
            };
            if span.is_empty() {
                // A block quote marker alone ("> "): no text, like a blank line.
                open = false;
                continue;
            }
            // One pattern at a time, each behind its required bytes: a `RegexSet` of them
            // scanned every line whole.
            let caption = rules.caption.iter().any(|c| c.is_match(line));
            if caption {
                out.push(Paragraph {
                    span,
                    kind: SentenceKind::Caption,
                });
                open = false;
                continue;
            }
            if joined && open {
                if let Some(last) = out.last_mut() {
                    last.span.end = span.end;
                    open = !ends_sentence(raw.trim()) || joined;
                    continue;
                }
            }
            out.push(Paragraph {
                span,
                kind: SentenceKind::Body,
            });
            open = joined;
        }
        open = false;
    }
    for p in &mut out {
        if p.kind == SentenceKind::Body {
            let t = &text[p.span.start..p.span.end];
            // (The line-break test finds its bytes with `memchr`: they are ASCII.)
            if !ends_sentence(t)
                && memchr::memchr2(b'\n', b'\r', t.as_bytes()).is_none()
                && t.split_whitespace().count() <= HEADLINE_MAX_WORDS
            {
                p.kind = SentenceKind::Headline;
            }
        }
    }
    out
}

/// The longest wire dateline ("TASHKUL, April 14 (Orbis) - ").
const DATELINE_MAX_BYTES: usize = 80;

/// The first dash that can end a dateline in `head`, with its length: the earliest of
/// " - ", " — ", " – ", "—" and "–" (a spaced dash starts at its space). One scan for `-`
/// and the lead byte of the two dashes (`0xE2`), where five substring searches were.
pub(crate) fn first_dash(head: &str) -> Option<(usize, usize)> {
    let bytes = head.as_bytes();
    memchr::memchr2_iter(b'-', 0xE2, bytes).find_map(|q| {
        let spaced = q > 0 && bytes[q - 1] == b' ';
        if bytes[q] == b'-' {
            (spaced && bytes.get(q + 1) == Some(&b' ')).then(|| (q - 1, 3))
        } else {
            let rest = &head[q..];
            (rest.starts_with('—') || rest.starts_with('–')).then(|| {
                if spaced && bytes.get(q + 3) == Some(&b' ') {
                    (q - 1, 5)
                } else {
                    (q, 3)
                }
            })
        }
    })
}

/// Bytes of a wire dateline opening `text` ("TASHKUL, April 14 (Orbis) - ", "WASHINGTON
/// (Reuters) — ", "Kalundu, 4 March 2026 - "), through the dash and the spaces after it;
/// 0 when `text` opens with none. A dateline is at most 80 bytes of capitalised words,
/// numbers and punctuation before a dash, and holds a date, a parenthesised credit or an
/// all-capitals place name.
pub(crate) fn dateline_len(text: &str) -> usize {
    let mut cut = text.len().min(DATELINE_MAX_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let Some((at, dash)) = first_dash(head) else {
        return 0;
    };
    // A dash inside the credit's parentheses ("MOSCOW (UrduPoint News / Sputnik - 23rd
    // November, 2020) A suspect ..."): the dateline ends at the closing parenthesis.
    let (at, dash) = match paren_close(text, at, cut) {
        Some(close) => (close, 1),
        None => (at, dash),
    };
    let prefix = &text[..at];
    let words: Vec<&str> = prefix
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/'))
        .filter(|w| !w.is_empty())
        .collect();
    let all_caps = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    };
    let datey = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || crate::load::infer::month_number(&w.trim_end_matches('.').to_lowercase()).is_some()
    };
    let shaped = !words.is_empty()
        && (prefix.contains(',') || prefix.contains('('))
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || w.trim_end_matches('.').len() <= 2
        });
    let marked = words.first().is_some_and(|w| all_caps(w))
        || words.iter().any(|w| datey(w))
        || prefix.contains('(');
    if !(shaped && marked) {
        return 0;
    }
    let rest = &text[at + dash..];
    at + dash + (rest.len() - rest.trim_start().len())
}

/// Where the parenthesis left open before `at` closes (within `cut` bytes), when one is:
/// the byte of the `)`, which must be followed by a space and a capital letter.
fn paren_close(text: &str, at: usize, cut: usize) -> Option<usize> {
    let before = &text[..at];
    let open = before.rfind('(')?;
    if before[open..].contains(')') {
        return None;
    }
    let close = at + text.get(at..cut)?.find(')')?;
    let after = &text[close + 1..];
    let rest = after.trim_start();
    (after.len() > rest.len() && rest.starts_with(|c: char| c.is_uppercase())).then_some(close)
}

/// Bytes of a place-and-colon dateline opening the first paragraph of an article
/// ("NEW DELHI: Prime Minister ...", "New Delhi: The court ..."), through the colon
/// and the spaces after it; 0 when there is none. The place is one or more words in
/// capitals, or two or three capitalised words, of at most 40 bytes; what follows
/// starts with a capital letter, has at least six words and is not in the first or
/// second person (a transcript's "Vladimir Putin: We will ..." is a speaker's label).
pub(crate) fn colon_dateline_len(text: &str) -> usize {
    let Some(colon) = text.get(..text.len().min(41)).and_then(|h| h.find(':')) else {
        return 0;
    };
    let place = &text[..colon];
    let words: Vec<&str> = place.split_whitespace().collect();
    let capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\''))
    };
    let capitalised = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
    };
    let shaped = !words.is_empty()
        && words
            .iter()
            .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
            .sum::<usize>()
            >= 3
        && (words.iter().all(|w| capitals(w))
            || ((2..=3).contains(&words.len()) && words.iter().all(|w| capitalised(w))));
    if !shaped {
        return 0;
    }
    let after = &text[colon + 1..];
    let rest = after.trim_start();
    let first_word = rest.split_whitespace().next().unwrap_or("");
    let personal = matches!(
        first_word.to_lowercase().as_str(),
        "i" | "we" | "you" | "my" | "our" | "your" | "us" | "me"
    );
    if after.len() == rest.len()
        || !rest.starts_with(|c: char| c.is_uppercase())
        || rest.split_whitespace().count() < 6
        || personal
    {
        return 0;
    }
    colon + 1 + (after.len() - rest.len())
}

/// Trim white space (including no-break spaces) from both ends of `span`.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    if end < start {
        Span::new(start, start)
    } else {
        Span::new(start, end)
    }
}

fn strip_bullet(text: &str, span: Span, rules: &SegmentRules) -> Option<Span> {
    let line = &text[span.start..span.end];
    for b in &rules.bullets {
        if let Some(rest) = line.strip_prefix(b.as_str()) {
            if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() {
                return Some(trim_span(text, Span::new(span.start + b.len(), span.end)));
            }
        }
    }
    // Numbered: "1." or "1)" then a space.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if (rest.starts_with(". ") || rest.starts_with(") ")) && !rest[2..].trim().is_empty() {
            return Some(trim_span(
                text,
                Span::new(span.start + digits + 2, span.end),
            ));
        }
    }
    None
}

fn strip_markdown_heading(text: &str, span: Span) -> Option<Span> {
    let line = &text[span.start..span.end];
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        let inner = trim_span(text, Span::new(span.start + hashes, span.end));
        return (!inner.is_empty()).then_some(inner);
    }
    None
}

fn strip_blockquote(text: &str, span: Span) -> Span {
    let line = &text[span.start..span.end];
    match line.strip_prefix('>') {
        Some(_) => trim_span(text, Span::new(span.start + 1, span.end)),
        None => span,
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Where the next search for lead bytes found one (`None`: not searched yet; `Some(None)`:
/// none left), for [`next_byte_of`].
type Lead = Option<Option<usize>>;

/// The first byte at or after `from` that `ascii` or `lead` finds (two `memchr` searches
/// merged; a lead byte found beyond the ASCII one is kept for the next call); `bytes.len()`
/// when there is none.
fn next_byte_of(
    bytes: &[u8],
    from: usize,
    lead: &mut Lead,
    ascii: impl Fn(&[u8]) -> Option<usize>,
    leads: impl Fn(&[u8]) -> Option<usize>,
) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    let l = match *lead {
        Some(Some(p)) if p >= from => Some(p),
        Some(None) => None,
        _ => {
            let p = leads(rest).map(|p| from + p);
            *lead = Some(p);
            p
        }
    };
    // Search for the ASCII bytes only up to the lead byte, if any.
    let upto = l.map_or(rest, |p| &rest[..p - from]);
    match ascii(upto) {
        Some(p) => from + p,
        None => l.unwrap_or(bytes.len()),
    }
}

/// The character that starts at byte `i` of `s` (`i` on a character boundary); `'\0'` past
/// the end (callers check the length first).
fn char_at(s: &str, i: usize) -> char {
    match s.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => b as char,
        _ => s.get(i..).and_then(|r| r.chars().next()).unwrap_or('\0'),
    }
}

/// The character that ends just before byte `i` of `s` (`i` on a character boundary).
fn char_before(s: &str, i: usize) -> Option<char> {
    match i.checked_sub(1).map(|p| s.as_bytes()[p]) {
        Some(b) if b.is_ascii() => Some(b as char),
        _ => s.get(..i).and_then(|r| r.chars().next_back()),
    }
}

/// The sentences of one paragraph, trimmed, tiling it apart from white space.
///
/// Reads the paragraph's bytes in place: only `.`, `!`, `?` and the lead byte of `…`
/// (`0xE2`) can start a terminal run, and no continuation byte equals one of them, so the
/// bytes in between are skipped by `memchr` without decoding (the character-list version
/// is the definition, in the tests).
pub fn split_sentences(text: &str, para: Span, rules: &SegmentRules) -> Vec<Span> {
    let s = &text[para.start..para.end];
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut out = Vec::new();
    let mut start = 0usize; // byte offset in s
    let mut i = 0usize; // byte offset in s
    let mut lead = Lead::default();
    loop {
        i = next_byte_of(
            bytes,
            i,
            &mut lead,
            |r| memchr::memchr3(b'.', b'!', b'?', r),
            |r| memchr::memchr(0xE2, r),
        );
        if i >= n {
            break;
        }
        let c = char_at(s, i);
        if !is_terminal(c) {
            i += c.len_utf8();
            continue;
        }
        // Run of terminal punctuation and closers: "...", ".”", "?)".
        let mut j = i + c.len_utf8();
        while j < n {
            let d = char_at(s, j);
            if !(is_terminal(d) || is_closer(d)) {
                break;
            }
            j += d.len_utf8();
        }
        if j >= n {
            break;
        }
        let end = j;
        let single_period = c == '.' && j == i + 1;
        let next = char_at(s, j);
        let boundary = if next.is_whitespace() {
            let mut k = j;
            while k < n {
                let d = char_at(s, k);
                if !d.is_whitespace() {
                    break;
                }
                k += d.len_utf8();
            }
            k < n && starts_sentence(s, i, single_period, k, rules)
        } else {
            // Run-on: "by telephone.He said" — a plain word, a period, a capitalised word.
            single_period && is_run_on(s, i, rules)
        };
        if boundary {
            let span = trim_span(text, Span::new(para.start + start, para.start + end));
            if !span.is_empty() {
                out.push(span);
            }
            start = end;
        }
        i = j;
    }
    let span = trim_span(text, Span::new(para.start + start, para.end));
    if !span.is_empty() {
        out.push(span);
    }
    out
}

/// The word just before byte `i` (a period) of `s`: letters, digits, periods, apostrophes.
fn word_before(s: &str, i: usize) -> &str {
    let mut b = i;
    while let Some(c) = char_before(s, b) {
        if c.is_alphanumeric() || c == '.' || c == '\'' || c == '’' {
            b -= c.len_utf8();
        } else {
            break;
        }
    }
    &s[b..i]
}

/// The run of letters and digits that starts at byte `k` of `s`.
fn word_at(s: &str, k: usize) -> &str {
    let rest = &s[k..];
    let end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(p, _)| p);
    &rest[..end]
}

/// Whether a sentence starts at byte `k` of `s`, after terminal punctuation starting at
/// byte `i` (a lone period when `single_period`) and white space.
fn starts_sentence(s: &str, i: usize, single_period: bool, k: usize, rules: &SegmentRules) -> bool {
    let next = char_at(s, k);
    let opens = matches!(
        next,
        '"' | '“' | '‘' | '\'' | '«' | '(' | '[' | '—' | '–' | '-' | '•'
    );
    if !(next.is_uppercase() || next.is_ascii_digit() || opens) {
        return false;
    }
    if !single_period {
        return true;
    }
    let word = word_before(s, i);
    let bare = word.trim_start_matches(['\'', '’']);
    if bare.is_empty() {
        return true;
    }
    if rules.titles.contains(bare) {
        return false;
    }
    if rules.before_number.contains(bare) {
        return !next.is_ascii_digit();
    }
    let mut letters = bare.chars();
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    if initial && !opens {
        return false;
    }
    let dotted = bare.contains('.') && bare.split('.').all(|p| p.chars().count() == 1);
    if rules.may_end.contains(bare) || dotted {
        let w = word_at(s, k);
        return rules.starters.contains(w) || opens;
    }
    true
}

/// Whether the period at byte `i` of `s`, with no space after it, ends a sentence.
fn is_run_on(s: &str, i: usize, rules: &SegmentRules) -> bool {
    let mut after = s[i + 1..].chars();
    let (Some(a), Some(b)) = (after.next(), after.next()) else {
        return false;
    };
    if !(a.is_uppercase() && b.is_lowercase()) {
        return false;
    }
    let word = word_before(s, i);
    word.chars().count() >= 3
        && word.chars().all(|c| c.is_lowercase())
        && !rules.titles.contains(word)
        && !rules.may_end.contains(word)
}

fn is_open_double(c: char) -> bool {
    matches!(c, '“' | '«' | '„')
}
fn is_close_double(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Find quotations in one paragraph. Double quotes (straight or curly) are tracked first;
/// single quotes only where no double quote is open, and only at word edges (so that
/// apostrophes are not taken for quotes).
///
/// Reads the paragraph's bytes in place: a quotation mark is `"`, `'`, or starts with byte
/// `0xE2` (‘ ’ “ ” „) or `0xC2` (« »), and no continuation byte equals one of those, so
/// `memchr` finds the candidates.
fn find_quotations(
    text: &str,
    para: Span,
    sentences: &[Sentence],
    first: usize,
    out: &mut Vec<Quotation>,
) {
    let s = &text[para.start..para.end];
    let sentence_of = |pos: usize| -> usize {
        let abs = para.start + pos;
        let idx = sentences
            .iter()
            .rposition(|x| x.span.start <= abs)
            .unwrap_or(0);
        first + idx
    };
    let mut double: Option<usize> = None; // byte offset in s of the open mark
    let mut single: Option<usize> = None;
    let mut push = |open: usize, open_len: usize, close: usize, close_len: usize, closed: bool| {
        let span = Span::new(para.start + open, para.start + close + close_len);
        let inner = Span::new(para.start + open + open_len, para.start + close);
        if sentences.is_empty() || inner.is_empty() {
            return;
        }
        out.push(Quotation {
            span,
            inner,
            first_sentence: sentence_of(open),
            last_sentence: sentence_of(close.saturating_sub(1).max(open)),
            closed,
        });
    };
    let bytes = s.as_bytes();
    let mut at = 0usize;
    let mut lead = Lead::default();
    loop {
        at = next_byte_of(
            bytes,
            at,
            &mut lead,
            |r| memchr::memchr2(b'"', b'\'', r),
            |r| memchr::memchr2(0xE2, 0xC2, r),
        );
        if at >= bytes.len() {
            break;
        }
        let pos = at;
        let c = char_at(s, pos);
        at += c.len_utf8();
        // Only quotation marks open or close anything below.
        if !(c == '"'
            || c == '\''
            || c == '‘'
            || c == '’'
            || is_open_double(c)
            || is_close_double(c))
        {
            continue;
        }
        let prev = char_before(s, pos);
        let next = s[at..].chars().next();
        let at_word_start = prev.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '“' | '"')
        });
        let before_word_end = next.is_none_or(|n| !n.is_alphanumeric());
        match double {
            Some(open) => {
                if is_close_double(c) || c == '"' {
                    let open_len = s[open..].chars().next().map_or(1, char::len_utf8);
                    push(open, open_len, pos, c.len_utf8(), true);
                    double = None;
                    single = None;
                }
            }
            None => {
                if is_open_double(c) || (c == '"' && next.is_some_and(|n| !n.is_whitespace())) {
                    double = Some(pos);
                    single = None;
                    continue;
                }
                match single {
                    None => {
                        if (c == '‘' || (c == '\'' && at_word_start))
                            && next.is_some_and(char::is_alphanumeric)
                        {
                            single = Some(pos);
                        }
                    }
                    Some(open) => {
                        let letter_before = prev.is_some_and(|p| !p.is_whitespace());
                        if (c == '’' || c == '\'') && letter_before && before_word_end {
                            push(
                                open,
                                1.max(s[open..].chars().next().map_or(1, char::len_utf8)),
                                pos,
                                c.len_utf8(),
                                true,
                            );
                            single = None;
                        }
                    }
                }
            }
        }
    }
    if let Some(open) = double {
        let open_len = s[open..].chars().next().map_or(1, char::len_utf8);
        let end = s.trim_end().len();
        if end > open + open_len {
            push(open, open_len, end, 0, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn rules() -> SegmentRules {
        SegmentRules::compile(&RuleSet::embedded()).unwrap()
    }

    /// The character-list version of `split_sentences` and `find_quotations` (the code
    /// before they read bytes in place): the definition the byte scans must agree with.
    mod by_chars {
        use super::super::{SegmentRules, trim_span};
        use crate::model::{Quotation, Sentence, Span};

        /// Fill `chars` with the characters of `s` and their byte offsets (its old contents go):
        /// `s.char_indices()`, with runs of ASCII bytes copied as they are (the definition is
        /// `char_indices`; see the tests).
        pub fn chars_of(s: &str, chars: &mut Vec<(usize, char)>) {
            chars.clear();
            // At most one character per byte: no growth while extending.
            chars.reserve(s.len());
            let bytes = s.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let run = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii())
                    .map_or(bytes.len(), |n| i + n);
                chars.extend(
                    bytes[i..run]
                        .iter()
                        .enumerate()
                        .map(|(k, &b)| (i + k, b as char)),
                );
                i = run;
                if let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
                    chars.push((i, c));
                    i += c.len_utf8();
                }
            }
        }

        fn is_closer(c: char) -> bool {
            matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
        }

        fn is_terminal(c: char) -> bool {
            matches!(c, '.' | '!' | '?' | '…')
        }

        /// The sentences of one paragraph, trimmed, tiling it apart from white space.
        pub fn split_sentences(text: &str, para: Span, rules: &SegmentRules) -> Vec<Span> {
            let mut chars = Vec::new();
            chars_of(&text[para.start..para.end], &mut chars);
            split_sentences_in(text, para, rules, &chars)
        }

        /// [`split_sentences`] given `chars`, the paragraph's characters (`chars_of`).
        fn split_sentences_in(
            text: &str,
            para: Span,
            rules: &SegmentRules,
            chars: &[(usize, char)],
        ) -> Vec<Span> {
            let s = &text[para.start..para.end];
            let mut out = Vec::new();
            let mut start = 0usize; // byte offset in s
            let mut i = 0usize; // index in chars
            while i < chars.len() {
                let (pos, c) = chars[i];
                if !is_terminal(c) {
                    i += 1;
                    continue;
                }
                // Run of terminal punctuation and closers: "...", ".”", "?)".
                let mut j = i + 1;
                while j < chars.len() && (is_terminal(chars[j].1) || is_closer(chars[j].1)) {
                    j += 1;
                }
                let end = chars.get(j).map_or(s.len(), |&(p, _)| p);
                if j >= chars.len() {
                    break;
                }
                let next = chars[j].1;
                let boundary = if next.is_whitespace() {
                    let mut k = j;
                    while k < chars.len() && chars[k].1.is_whitespace() {
                        k += 1;
                    }
                    k < chars.len() && starts_sentence(s, chars, i, j, k, rules)
                } else {
                    // Run-on: "by telephone.He said" — a plain word, a period, a capitalised word.
                    c == '.' && j == i + 1 && is_run_on(s, chars, i, rules)
                };
                if boundary {
                    let span = trim_span(text, Span::new(para.start + start, para.start + end));
                    if !span.is_empty() {
                        out.push(span);
                    }
                    start = end;
                }
                let _ = pos;
                i = j;
            }
            let span = trim_span(text, Span::new(para.start + start, para.end));
            if !span.is_empty() {
                out.push(span);
            }
            out
        }

        /// The word just before index `i` (a period) in `s`: letters, digits, periods, apostrophes.
        fn word_before<'s>(s: &'s str, chars: &[(usize, char)], i: usize) -> &'s str {
            let end = chars[i].0;
            let mut b = i;
            while b > 0 {
                let c = chars[b - 1].1;
                if c.is_alphanumeric() || c == '.' || c == '\'' || c == '’' {
                    b -= 1;
                } else {
                    break;
                }
            }
            &s[chars.get(b).map_or(end, |&(p, _)| p)..end]
        }

        fn word_at<'s>(s: &'s str, chars: &[(usize, char)], k: usize) -> &'s str {
            let start = chars[k].0;
            let end = chars[k..]
                .iter()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(s.len(), |&(p, _)| p);
            &s[start..end]
        }

        /// Whether a sentence starts at char `k`, after terminal punctuation at `i..j` and white space.
        fn starts_sentence(
            s: &str,
            chars: &[(usize, char)],
            i: usize,
            j: usize,
            k: usize,
            rules: &SegmentRules,
        ) -> bool {
            let next = chars[k].1;
            let opens = matches!(
                next,
                '"' | '“' | '‘' | '\'' | '«' | '(' | '[' | '—' | '–' | '-' | '•'
            );
            if !(next.is_uppercase() || next.is_ascii_digit() || opens) {
                return false;
            }
            let single_period = chars[i].1 == '.' && j == i + 1;
            if !single_period {
                return true;
            }
            let word = word_before(s, chars, i);
            let bare = word.trim_start_matches(['\'', '’']);
            if bare.is_empty() {
                return true;
            }
            if rules.titles.contains(bare) {
                return false;
            }
            if rules.before_number.contains(bare) {
                return !next.is_ascii_digit();
            }
            let mut letters = bare.chars();
            let initial =
                matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
            if initial && !opens {
                return false;
            }
            let dotted = bare.contains('.') && bare.split('.').all(|p| p.chars().count() == 1);
            if rules.may_end.contains(bare) || dotted {
                let w = word_at(s, chars, k);
                return rules.starters.contains(w) || opens;
            }
            true
        }

        fn is_run_on(s: &str, chars: &[(usize, char)], i: usize, rules: &SegmentRules) -> bool {
            let after = &chars[i + 1..];
            let (Some(&(_, a)), Some(&(_, b))) = (after.first(), after.get(1)) else {
                return false;
            };
            if !(a.is_uppercase() && b.is_lowercase()) {
                return false;
            }
            let word = word_before(s, chars, i);
            word.chars().count() >= 3
                && word.chars().all(|c| c.is_lowercase())
                && !rules.titles.contains(word)
                && !rules.may_end.contains(word)
        }

        fn is_open_double(c: char) -> bool {
            matches!(c, '“' | '«' | '„')
        }
        fn is_close_double(c: char) -> bool {
            matches!(c, '”' | '»')
        }

        /// Find quotations in one paragraph. Double quotes (straight or curly) are tracked first;
        /// single quotes only where no double quote is open, and only at word edges (so that
        /// apostrophes are not taken for quotes).
        pub fn find_quotations(
            text: &str,
            para: Span,
            sentences: &[Sentence],
            first: usize,
            out: &mut Vec<Quotation>,
            chars: &[(usize, char)],
        ) {
            let s = &text[para.start..para.end];
            let sentence_of = |pos: usize| -> usize {
                let abs = para.start + pos;
                let idx = sentences
                    .iter()
                    .rposition(|x| x.span.start <= abs)
                    .unwrap_or(0);
                first + idx
            };
            let mut double: Option<usize> = None; // byte offset in s of the open mark
            let mut single: Option<usize> = None;
            let mut push =
                |open: usize, open_len: usize, close: usize, close_len: usize, closed: bool| {
                    let span = Span::new(para.start + open, para.start + close + close_len);
                    let inner = Span::new(para.start + open + open_len, para.start + close);
                    if sentences.is_empty() || inner.is_empty() {
                        return;
                    }
                    out.push(Quotation {
                        span,
                        inner,
                        first_sentence: sentence_of(open),
                        last_sentence: sentence_of(close.saturating_sub(1).max(open)),
                        closed,
                    });
                };
            for (idx, &(pos, c)) in chars.iter().enumerate() {
                // Only quotation marks open or close anything below.
                if !(c == '"'
                    || c == '\''
                    || c == '‘'
                    || c == '’'
                    || is_open_double(c)
                    || is_close_double(c))
                {
                    continue;
                }
                let prev = idx.checked_sub(1).map(|p| chars[p].1);
                let next = chars.get(idx + 1).map(|&(_, c)| c);
                let at_word_start = prev.is_none_or(|p| {
                    p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '“' | '"')
                });
                let before_word_end = next.is_none_or(|n| !n.is_alphanumeric());
                match double {
                    Some(open) => {
                        if is_close_double(c) || c == '"' {
                            let open_len = s[open..].chars().next().map_or(1, char::len_utf8);
                            push(open, open_len, pos, c.len_utf8(), true);
                            double = None;
                            single = None;
                        }
                    }
                    None => {
                        if is_open_double(c)
                            || (c == '"' && next.is_some_and(|n| !n.is_whitespace()))
                        {
                            double = Some(pos);
                            single = None;
                            continue;
                        }
                        match single {
                            None => {
                                if (c == '‘' || (c == '\'' && at_word_start))
                                    && next.is_some_and(char::is_alphanumeric)
                                {
                                    single = Some(pos);
                                }
                            }
                            Some(open) => {
                                let letter_before = prev.is_some_and(|p| !p.is_whitespace());
                                if (c == '’' || c == '\'') && letter_before && before_word_end {
                                    push(
                                        open,
                                        1.max(s[open..].chars().next().map_or(1, char::len_utf8)),
                                        pos,
                                        c.len_utf8(),
                                        true,
                                    );
                                    single = None;
                                }
                            }
                        }
                    }
                }
            }
            if let Some(open) = double {
                let open_len = s[open..].chars().next().map_or(1, char::len_utf8);
                let end = s.trim_end().len();
                if end > open + open_len {
                    push(open, open_len, end, 0, false);
                }
            }
        }
    }

    fn chars_agree(s: &str) {
        let mut chars = vec![(7, 'x')];
        by_chars::chars_of(s, &mut chars);
        assert_eq!(chars, s.char_indices().collect::<Vec<_>>(), "{s:?}");
    }

    #[test]
    fn chars_of_is_char_indices() {
        for s in [
            "",
            "plain",
            "é",
            "“Quoted,” she said — twice…",
            "ab\u{a0}cd\u{1F600}e",
            "€",
            "a€",
            "€a",
        ] {
            chars_agree(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn chars_of_is_char_indices_on_any_text(s in "(.|[a-z “”’—])*") {
            chars_agree(&s);
        }
    }

    fn sentences(text: &str) -> Vec<String> {
        let a = Article::new("t", "t.txt", Format::Text, text.to_string());
        segment(&a, &rules())
            .sentences
            .iter()
            .map(|s| a.slice(s.span).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let got = sentences(
            "The U.S. Treasury met Mr. Smith on Dec. 3 at 10 a.m. in St. Louis. Gen. John A. Smith Jr. agreed. Then J. D. Vance spoke on Nov. 30 about No. 2 issues.",
        );
        assert_eq!(
            got,
            [
                "The U.S. Treasury met Mr. Smith on Dec. 3 at 10 a.m. in St. Louis.",
                "Gen. John A. Smith Jr. agreed.",
                "Then J. D. Vance spoke on Nov. 30 about No. 2 issues."
            ]
        );
    }

    #[test]
    fn may_end_abbreviation_splits_before_a_sentence_starter() {
        let got = sentences("He flew to the U.S. The talks began at once.");
        assert_eq!(got, ["He flew to the U.S.", "The talks began at once."]);
        let got = sentences("He met U.S. President Donald Trump.");
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn run_on_text_splits_only_where_a_sentence_plainly_ends() {
        let got = sentences(
            "They spoke by telephone.He said it went well. See president.gov.ua for more.",
        );
        assert_eq!(
            got,
            [
                "They spoke by telephone.",
                "He said it went well.",
                "See president.gov.ua for more."
            ]
        );
    }

    #[test]
    fn quote_final_punctuation_ends_the_sentence_after_the_mark() {
        let got = sentences("\"It was useful.\" He left. \"Is it?\" she asked.");
        assert_eq!(
            got,
            ["\"It was useful.\"", "He left.", "\"Is it?\" she asked."]
        );
    }

    fn units(text: &str) -> Vec<(SentenceKind, String)> {
        let a = Article::new("t", "t.txt", Format::Text, text.to_string());
        segment(&a, &rules())
            .sentences
            .iter()
            .map(|s| (s.kind, a.slice(s.span).to_string()))
            .collect()
    }

    #[test]
    fn a_dateline_is_a_credit_line_of_its_own() {
        let cap = |s: &str| (SentenceKind::Caption, s.to_string());
        let body = |s: &str| (SentenceKind::Body, s.to_string());
        assert_eq!(
            units(
                "VALDORA, Kestria, March 18, 2026 (KNA/AFP) \u{2013} Police arrested a man on Monday, a spokesman said."
            ),
            [
                cap("VALDORA, Kestria, March 18, 2026 (KNA/AFP) \u{2013}"),
                body("Police arrested a man on Monday, a spokesman said.")
            ]
        );
        // A dash inside the credit's parentheses: the dateline ends with them.
        assert_eq!(
            units(
                "TARNOW (City Wire / Orbis - 23rd November, 2025) A suspect was arrested, police said."
            ),
            [
                cap("TARNOW (City Wire / Orbis - 23rd November, 2025)"),
                body("A suspect was arrested, police said.")
            ]
        );
        // A place and a colon open the first paragraph only.
        assert_eq!(
            units(
                "Port Avila: Prime Minister Ana Sol on Monday accused the opposition of stalling.\n\nPort Avila: a harbour town of some size and many ferries."
            ),
            [
                cap("Port Avila:"),
                body("Prime Minister Ana Sol on Monday accused the opposition of stalling."),
                body("Port Avila: a harbour town of some size and many ferries."),
            ]
        );
        assert_eq!(
            units("TARNOW: The council voted to close the old bridge for repairs.")[0],
            cap("TARNOW:")
        );
        // A transcript's speaker label, a short line and a sentence are not datelines.
        for text in [
            "Vladimir Sol: We will never give up the harbour to anyone at all.",
            "Ana Sol: Talks end",
            "The mayor said: Repairs start on Monday after a long delay.",
            "Putin, Trump - the two leaders met.",
        ] {
            assert!(
                units(text).iter().all(|u| u.0 != SentenceKind::Caption),
                "{text}"
            );
        }
    }

    #[test]
    fn headlines_bullets_and_captions_are_their_own_units() {
        let text = "Talks end without a deal, minister says\n\nPhoto: The minister (gov.example)\n• First point here\n- Second point. With two sentences.\n1. Numbered item\nBody text goes here.\n";
        let a = Article::new("t", "t.txt", Format::Text, text.to_string());
        let seg = segment(&a, &rules());
        let kinds: Vec<_> = seg
            .sentences
            .iter()
            .map(|s| (s.kind, a.slice(s.span)))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    SentenceKind::Headline,
                    "Talks end without a deal, minister says"
                ),
                (SentenceKind::Caption, "Photo: The minister (gov.example)"),
                (SentenceKind::Bullet, "First point here"),
                (SentenceKind::Bullet, "Second point."),
                (SentenceKind::Bullet, "With two sentences."),
                (SentenceKind::Bullet, "Numbered item"),
                (SentenceKind::Body, "Body text goes here."),
            ]
        );
        assert_eq!(seg.sentences[6].line, 7);
    }

    #[test]
    fn required_bytes_are_on_every_path() {
        assert_eq!(required_bytes_of(r"\((a|b)\)"), b"()".to_vec());
        // An alternation requires only what all its branches do.
        assert_eq!(required_bytes_of(r"\(a|b\)"), Vec::<u8>::new());
        assert_eq!(required_bytes_of(r"x/(ab|cb)+z?"), b"/bx".to_vec());
        assert_eq!(required_bytes_of(r"a*b{0,3}"), Vec::<u8>::new());
        // Case-insensitive letters are classes of two: not required.
        assert_eq!(required_bytes_of(r"(?i)photo:"), b":".to_vec());
        assert_eq!(required_bytes_of(r"[(]\w+\.com"), b"(.cmo".to_vec());
        assert_eq!(required_bytes_of(r"bad(pattern"), Vec::<u8>::new());
    }

    #[test]
    fn caption_prefilter_never_hides_a_match() {
        let lines = [
            "Photo: Jan Novak / Reuters",
            "A man walks past / Getty Images/ AFP",
            "Flooded streets in the north (Photo: city council)",
            "The minister said the plan was good (gov.example.org/plan)",
            "Crowds gathered (example.com)",
            "Nothing to see here.",
            "Kyiv / Reuters",
        ];
        for c in &rules().caption {
            for line in lines {
                assert_eq!(c.is_match(line), c.regex.is_match(line), "{line}");
            }
        }
        assert!(rules().caption.iter().any(|c| c.is_match(lines[2])));
        assert!(!rules().caption.iter().any(|c| c.is_match(lines[5])));
    }

    #[test]
    fn credit_line_caption() {
        let text = "Macron welcomes Zelenskyy to the Elysee Palace on Monday. /Gonzalo Fuentes/Reuters\nBody.\n";
        let a = Article::new("t", "t.txt", Format::Text, text.to_string());
        assert_eq!(
            segment(&a, &rules()).sentences[0].kind,
            SentenceKind::Caption
        );
    }

    #[test]
    fn quotation_spanning_sentences_is_one() {
        let text = "\"We continue. It is hard,\" Rubio said. \"More work.\"\n";
        let a = Article::new("t", "t.txt", Format::Text, text.to_string());
        let seg = segment(&a, &rules());
        assert_eq!(seg.quotations.len(), 2);
        assert_eq!(a.slice(seg.quotations[0].inner), "We continue. It is hard,");
        assert_eq!(
            (
                seg.quotations[0].first_sentence,
                seg.quotations[0].last_sentence
            ),
            (0, 1)
        );
    }

    #[test]
    fn curly_and_single_quotes_but_not_apostrophes() {
        let text = "Ukraine’s envoy called it “very useful” and the talks 'productive' today.\n";
        let a = Article::new("t", "t.txt", Format::Text, text.to_string());
        let seg = segment(&a, &rules());
        let q: Vec<_> = seg.quotations.iter().map(|q| a.slice(q.inner)).collect();
        assert_eq!(q, ["very useful", "productive"]);
    }

    #[test]
    fn unclosed_quote_runs_to_the_paragraph_end() {
        let text = "\"We will win, he said. Nothing more.\nNext paragraph.\n";
        let a = Article::new("t", "t.txt", Format::Text, text.to_string());
        let seg = segment(&a, &rules());
        assert_eq!(seg.quotations.len(), 1);
        assert!(!seg.quotations[0].closed);
        assert_eq!(
            a.slice(seg.quotations[0].inner),
            "We will win, he said. Nothing more."
        );
    }

    #[test]
    fn hard_wrapped_text_joins_lines() {
        let text = "The minister said on Tuesday that the new budget would\nbe presented to parliament next month, after a long\ndebate among the members of the ruling coalition and\nthe opposition parties, who have demanded changes to it.\n";
        let got = sentences(text);
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn crlf_and_lone_cr_lines() {
        let a = Article::new(
            "t",
            "t.txt",
            Format::Text,
            "One.\r\nTwo.\rThree.".to_string(),
        );
        let seg = segment(&a, &rules());
        let lines: Vec<_> = seg.sentences.iter().map(|s| s.line).collect();
        assert_eq!(lines, [1, 2, 3]);
    }

    /// A file with lone CR line ends (old Mac OS) has the same paragraphs, kinds and
    /// lines as the same file with LF or CRLF ends.
    #[test]
    fn lone_cr_lines_are_paragraphs_like_lf_and_crlf() {
        let lf = "Library hours cut in budget\nThe library will close on Mondays, the council said.\n\n\"We have no choice,\" the mayor said.\n";
        let shape = |text: &str| {
            let a = Article::new("t", "t.txt", Format::Text, text.to_string());
            let seg = segment(&a, &rules());
            let sentences: Vec<_> = seg
                .sentences
                .iter()
                .map(|s| (s.kind, a.slice(s.span).to_string(), s.line, s.paragraph))
                .collect();
            let quotes: Vec<_> = seg
                .quotations
                .iter()
                .map(|q| (a.slice(q.inner).to_string(), q.closed))
                .collect();
            (sentences, quotes)
        };
        let want = shape(lf);
        assert_eq!(want.0.len(), 3, "{want:?}");
        assert_eq!(want.0[0].0, SentenceKind::Headline);
        assert_eq!(want.0[2].2, 4);
        assert_eq!(shape(&lf.replace('\n', "\r")), want);
        assert_eq!(shape(&lf.replace('\n', "\r\n")), want);
        // An unclosed quotation stops at the end of its paragraph, however lines end.
        let open = "\"We will win, he said.\rNext paragraph here.\r";
        let a = Article::new("t", "t.txt", Format::Text, open.to_string());
        let seg = segment(&a, &rules());
        assert_eq!(a.slice(seg.quotations[0].inner), "We will win, he said.");
    }

    /// Found by `tests/properties.rs`: a Markdown block quote marker with nothing after it
    /// gave an empty sentence.
    #[test]
    fn an_empty_block_quote_line_is_no_sentence() {
        let a = Article::new(
            "t",
            "t.md",
            Format::Markdown,
            "> \n>\nThe dam held.\n".into(),
        );
        let seg = segment(&a, &rules());
        assert_eq!(seg.sentences.len(), 1, "{:?}", seg.sentences);
        assert!(seg.sentences.iter().all(|s| !s.span.is_empty()));
    }

    #[test]
    fn hard_wrapped_text_with_lone_cr_joins_lines() {
        let text = "The minister said on Tuesday that the new budget would\nbe presented to parliament next month, after a long\ndebate among the members of the ruling coalition and\nthe opposition parties, who have demanded changes to it.\n";
        let got = sentences(&text.replace('\n', "\r"));
        assert_eq!(got.len(), 1, "{got:?}");
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn spans_are_ordered_on_char_boundaries_and_cover_all_words(text in "(\\PC|[\\n\"'“”.!? ]){0,300}") {
                let a = Article::new("t", "t.txt", Format::Text, text.clone());
                let seg = segment(&a, &rules());
                let mut last = 0;
                for s in &seg.sentences {
                    prop_assert!(s.span.start >= last && s.span.start <= s.span.end);
                    prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
                    // Between sentences there is only white space, punctuation or a list number.
                    let gap = &text[last..s.span.start];
                    prop_assert!(gap.chars().all(|c| !c.is_alphabetic()), "gap {:?}", gap);
                    last = s.span.end;
                }
                prop_assert!(text[last..].chars().all(|c| !c.is_alphabetic()));
                for q in &seg.quotations {
                    prop_assert!(q.span.contains(q.inner) && q.span.end <= text.len());
                    prop_assert!(q.first_sentence <= q.last_sentence && q.last_sentence < seg.sentences.len());
                }
            }

            /// The byte scans agree with the character-list definition, on text dense in
            /// terminals, closers, quotation marks, initials and abbreviations.
            #[test]
            fn byte_scans_agree_with_the_character_lists(text in "(\\PC|[ .!?…\"'“”‘’„«»()\\[\\]—–-]|Mr|St|U|S|a|he|No|The|\u{a0}|  ){0,120}") {
                let rules = rules();
                let para = Span::new(0, text.len());
                let got = split_sentences(&text, para, &rules);
                prop_assert_eq!(&got, &by_chars::split_sentences(&text, para, &rules));
                let sentences: Vec<Sentence> = got
                    .iter()
                    .map(|&span| Sentence { span, line: 1, kind: SentenceKind::Body, paragraph: 0 })
                    .collect();
                let (mut a, mut b) = (Vec::new(), Vec::new());
                find_quotations(&text, para, &sentences, 3, &mut a);
                let mut chars = Vec::new();
                by_chars::chars_of(&text, &mut chars);
                by_chars::find_quotations(&text, para, &sentences, 3, &mut b, &chars);
                prop_assert_eq!(a, b);
            }
        }
    }
}
