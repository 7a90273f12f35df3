//! The quotes family: direct quotations (whole direct claims and the quoted fragments of
//! mixed ones) compared word by word across articles.
//!
//! - the same speaker, the same words (or one quote a part of the other, ellipses
//!   allowed): **agreement** (`quote-agreement`);
//! - the same speaker, near-identical words: **misquote** (`misquote`), with a word diff;
//! - different speakers, the same or near-identical words: **misattribution**
//!   (`misattribution`), unless one claim relays the other speaker ("quoting Putin",
//!   the other speaker's name in the attribution), or a speaker is anonymous, an outlet
//!   or a document (they relay rather than say).
//!
//! Candidate pairs share a three-word shingle of the quote; spelling variants
//! ("organisation"/"organization", "Zelensky"/"Zelenskyy") count as the same word.

use super::text::fold;
use super::text::spelling_variant as variant;
use super::text::{Stems, clip};
use super::{
    Ctx, FULL_BLOCK, Family, FamilyOut, Judgement, assemble, candidate_pairs, same_speaker,
    same_story,
};
use crate::model::{FindingKind, QuoteKind, SpeakerKind};
use crate::rules::Fnv;
use compact_str::CompactString;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Shingles per quote used as block keys.
pub const SHINGLES: usize = 8;

/// Quotes shorter than this (in words) are not compared: short phrases are said by many.
pub const MIN_WORDS: usize = 4;
/// Quotes shorter than this are never called misattributed.
pub const MIN_WORDS_MISATTRIBUTION: usize = 6;
/// Word-sequence similarity (2 x common / total) at or above which two quotes are
/// near-identical.
pub const NEAR: f64 = 0.7;
/// A quote at least this many words longer than another is also searched for a stretch
/// that the shorter one renders (an excerpt).
pub const EXCERPT_MARGIN: usize = 3;
/// Excerpts shorter than this (in words) are not compared with a stretch of a longer
/// quote: a few common words ("work to be done") match many stretches.
pub const EXCERPT_MIN_WORDS: usize = 8;

/// Cues by which a speaker relays someone else's words.
const RELAY_CUES: &[&str] = &[
    "quoted",
    "quoting",
    "quotes",
    "citing",
    "cited",
    "cites",
    "repeated",
    "repeating",
    "echoed",
    "echoing",
    "read",
    "recalled",
];

struct Item {
    prep: usize,
    /// Where the quote, as written and trimmed, lies in its claim's content.
    text: Range<usize>,
    /// Folded words.
    norms: Vec<CompactString>,
    /// Folded words of each part between ellipses; empty when the quote has no ellipsis
    /// (its one part is `norms`).
    parts: Vec<Vec<CompactString>>,
}

impl Item {
    /// The quote as written.
    fn text<'a>(&self, ctx: &Ctx<'a>) -> &'a str {
        ctx.preps[self.prep]
            .claim
            .content
            .get(self.text.clone())
            .unwrap_or("")
    }

    /// Folded words of each part between ellipses.
    fn parts(&self) -> &[Vec<CompactString>] {
        if self.parts.is_empty() {
            std::slice::from_ref(&self.norms)
        } else {
            &self.parts
        }
    }
}

/// A well-spread 64-bit hash of an index (splitmix64's finaliser).
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Quoted fragments of `content`: byte ranges of the text between matching quotation
/// marks.
fn fragments(content: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = content.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (b, c) = chars[k];
        let close = match c {
            '\u{201c}' => Some('\u{201d}'),
            '"' => Some('"'),
            '\u{ab}' => Some('\u{bb}'),
            '\u{2018}' => Some('\u{2019}'),
            '\'' if k == 0 || !chars[k - 1].1.is_alphanumeric() => Some('\''),
            _ => None,
        };
        let Some(close) = close else {
            k += 1;
            continue;
        };
        let start = b + c.len_utf8();
        let mut m = k + 1;
        let mut found = None;
        while m < chars.len() {
            let (bm, cm) = chars[m];
            let next_alnum = chars.get(m + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
            if cm == close && !(matches!(close, '\'' | '\u{2019}') && next_alnum) {
                found = Some((bm, m));
                break;
            }
            m += 1;
        }
        match found {
            Some((end, m)) => {
                out.push(start..end);
                k = m + 1;
            }
            None => k += 1,
        }
    }
    out
}

fn words_of(s: &str) -> (Vec<&str>, Vec<CompactString>) {
    let toks = super::text::tokenize(s);
    (
        toks.iter().map(|t| t.text(s)).collect(),
        toks.into_iter().map(|t| t.norm).collect(),
    )
}

fn norms_of(s: &str) -> Vec<CompactString> {
    let mut v: Vec<CompactString> = super::text::tokenize(s)
        .into_iter()
        .map(|t| t.norm)
        .collect();
    v.shrink_to_fit();
    v
}

/// The quote at `range` of `content`, when it has enough words to compare.
fn item(prep: usize, content: &str, range: Range<usize>) -> Option<Item> {
    let text = content.get(range.clone())?;
    let norms = norms_of(text);
    if norms.len() < MIN_WORDS {
        return None;
    }
    let parts = if text.contains(['\u{2026}']) || text.contains("...") {
        text.split(['\u{2026}'])
            .flat_map(|p| p.split("..."))
            .map(norms_of)
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        // One part, the whole quote: `norms`.
        Vec::new()
    };
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let start = range.start + lead;
    Some(Item {
        prep,
        text: start..start + trimmed.len(),
        norms,
        parts,
    })
}

/// Longest common subsequence alignment of two word lists: the pairs of aligned indices.
fn align<S: AsRef<str>>(a: &[S], b: &[S]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len().min(400), b.len().min(400));
    let mut dp = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if variant(a[i].as_ref(), b[j].as_ref()) {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if variant(a[i].as_ref(), b[j].as_ref()) && dp[i][j] == dp[i + 1][j + 1] + 1 {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if dp[i + 1][j] >= dp[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The best local alignment of the whole of a shorter quote of `n` words inside a longer
/// one of `m` (Smith-Waterman over words, `same(i, j)` telling whether word `i` of the
/// shorter and word `j` of the longer are the same word: one scores 2, a changed, added
/// or dropped word -1): the number of aligned words and the range of the longer quote
/// the alignment covers. `None` when nothing aligns.
fn local_align_by(
    n: usize,
    m: usize,
    same: impl Fn(usize, usize) -> bool,
) -> Option<(usize, Range<usize>)> {
    const MATCH: i32 = 2;
    const COST: i32 = 1;
    let (n, m) = (n.min(400), m.min(400));
    // Score, aligned words and start in `long` of the best alignment ending at (i, j).
    let mut prev = vec![(0i32, 0usize, 0usize); m + 1];
    let mut cur = prev.clone();
    let mut best = (0i32, 0usize, 0usize, 0usize);
    for i in 1..=n {
        cur[0] = (0, 0, 0);
        for j in 1..=m {
            let (ds, dn, dst) = prev[j - 1];
            let diag = if same(i - 1, j - 1) {
                (ds + MATCH, dn + 1, if ds == 0 { j - 1 } else { dst })
            } else {
                (ds - COST, dn, dst)
            };
            let up = (prev[j].0 - COST, prev[j].1, prev[j].2);
            let left = (cur[j - 1].0 - COST, cur[j - 1].1, cur[j - 1].2);
            let mut cell = (0, 0, j);
            for c in [diag, up, left] {
                if c.0 > cell.0 {
                    cell = c;
                }
            }
            cur[j] = cell;
            if cell.0 > best.0 {
                best = (cell.0, cell.1, cell.2, j);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (best.0 > 0).then_some((best.1, best.2..best.3))
}

/// How closely the shorter quote matches a stretch of the longer one (2 x aligned words /
/// (the shorter's words + the stretch's words)), and that stretch: an excerpt of a
/// longer quote with a word changed ("will not stop until every car is safe" in "We let
/// our customers down, and we will not rest until every car is safe. ..."). The shorter
/// quote's words left out of the alignment count against it.
fn excerpt_sim<S: AsRef<str>>(short: &[S], long: &[S]) -> Option<(f64, Range<usize>)> {
    excerpt_sim_by(short.len(), long.len(), |i, j| {
        variant(short[i].as_ref(), long[j].as_ref())
    })
}

/// [`excerpt_sim`] over `n` and `m` words compared by `same(i, j)`.
fn excerpt_sim_by(
    n: usize,
    m: usize,
    same: impl Fn(usize, usize) -> bool,
) -> Option<(f64, Range<usize>)> {
    let (common, window) = local_align_by(n, m, same)?;
    let sim = 2.0 * common as f64 / (n + window.len()) as f64;
    Some((sim, window))
}

/// The distinct words of every quote, numbered, with what the spelling-variant test
/// reads first, so that aligning two quotes compares numbers and calls
/// [`variant`] only for words that could be variants.
struct WordIds {
    words: Vec<Lexeme>,
}

struct Lexeme {
    word: CompactString,
    /// Long enough and free of digits to be a spelling variant of anything.
    eligible: bool,
    first: u8,
    chars: usize,
}

impl WordIds {
    /// Numbers every word of `items` (in order of first appearance) and gives each item's
    /// word numbers.
    fn build(items: &[Item]) -> (WordIds, Vec<Vec<u32>>) {
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut words: Vec<Lexeme> = Vec::new();
        let ids = items
            .iter()
            .map(|it| {
                it.norms
                    .iter()
                    .map(|w| {
                        *index.entry(w.as_str()).or_insert_with(|| {
                            words.push(Lexeme {
                                word: w.clone(),
                                eligible: w.len() >= 5
                                    && w.chars().count() >= 5
                                    && !w.chars().any(|c| c.is_ascii_digit()),
                                first: w.as_bytes().first().copied().unwrap_or(0),
                                chars: w.chars().count(),
                            });
                            (words.len() - 1) as u32
                        })
                    })
                    .collect()
            })
            .collect();
        (WordIds { words }, ids)
    }

    /// Exactly [`variant`] of the two words.
    fn same(&self, x: u32, y: u32) -> bool {
        if x == y {
            return true;
        }
        let (Some(a), Some(b)) = (self.words.get(x as usize), self.words.get(y as usize)) else {
            return false;
        };
        // Necessary conditions of `variant`, tested on numbers first.
        a.eligible
            && b.eligible
            && a.first == b.first
            && a.chars.abs_diff(b.chars) <= 1
            && variant(&a.word, &b.word)
    }

    /// The length of the longest common subsequence of two quotes' words (what
    /// [`align`] gives the pairs of), in two rows.
    fn lcs_len(&self, a: &[u32], b: &[u32]) -> usize {
        let (n, m) = (a.len().min(400), b.len().min(400));
        let mut prev = vec![0u16; m + 1];
        let mut cur = vec![0u16; m + 1];
        for i in (0..n).rev() {
            cur[m] = 0;
            for j in (0..m).rev() {
                cur[j] = if self.same(a[i], b[j]) {
                    prev[j + 1] + 1
                } else {
                    prev[j].max(cur[j + 1])
                };
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        usize::from(prev[0])
    }
}

/// Whether `needle` occurs as consecutive words in `hay` from position `from`; returns
/// the position after it.
fn find_run(hay: &[CompactString], needle: &[CompactString], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return Some(from);
    }
    (from..=hay.len().saturating_sub(needle.len()))
        .find(|&s| needle.iter().zip(&hay[s..]).all(|(x, y)| variant(x, y)))
        .map(|s| s + needle.len())
}

/// Whether the quote `short` is part of `long`: each of its parts between ellipses occurs
/// in order as consecutive words.
fn contained(short: &Item, long: &Item) -> bool {
    let mut pos = 0;
    for p in short.parts() {
        match find_run(&long.norms, p, pos) {
            Some(next) => pos = next,
            None => return false,
        }
    }
    true
}

/// When one quote renders only a stretch of the other (see [`excerpt_sim`]), the word diff
/// of that stretch and the shorter quote, the elided rest marked `...`; else `None`.
fn excerpt_diff(a: &str, b: &str) -> Option<String> {
    let (na, nb) = (norms_of(a), norms_of(b));
    let a_long = na.len() >= nb.len();
    let (sn, ln, long_text) = if a_long { (&nb, &na, a) } else { (&na, &nb, b) };
    if sn.len() < EXCERPT_MIN_WORDS || ln.len() < sn.len() + EXCERPT_MARGIN {
        return None;
    }
    let global = 2.0 * align(&na, &nb).len() as f64 / (na.len() + nb.len()) as f64;
    let (local, window) = excerpt_sim(sn, ln)?;
    if global >= NEAR || local < NEAR || window.is_empty() {
        return None;
    }
    // The stretch as written: from its first word to its last, in the long quote's text.
    let toks = super::text::tokenize(long_text);
    let from = toks.get(window.start)?.start as usize;
    let to = toks.get(window.end - 1)?.end as usize;
    let stretch = long_text.get(from..to)?;
    let mut stretch_marked = String::new();
    if window.start > 0 {
        stretch_marked.push_str("... ");
    }
    stretch_marked.push_str(stretch);
    if window.end < ln.len() {
        stretch_marked.push_str(" ...");
    }
    let short_text = if a_long { b } else { a };
    Some(if a_long {
        word_diff(&stretch_marked, short_text)
    } else {
        word_diff(short_text, &stretch_marked)
    })
}

/// A one-line word diff of two quotes: unchanged words kept (long runs elided), removed
/// words as `[-...-]`, added words as `{+...+}`.
pub fn word_diff(a: &str, b: &str) -> String {
    let (wa, na) = words_of(a);
    let (wb, nb) = words_of(b);
    let pairs = align(&na, &nb);
    let mut out: Vec<String> = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut same: Vec<String> = Vec::new();
    let flush_same = |same: &mut Vec<String>, out: &mut Vec<String>, last: bool| {
        let first = out.is_empty();
        if same.len() > 6 {
            let head: Vec<String> = if first { vec![] } else { same[..3].to_vec() };
            let tail: Vec<String> = if last {
                vec![]
            } else {
                same[same.len() - 3..].to_vec()
            };
            out.extend(head);
            out.push("...".into());
            out.extend(tail);
        } else {
            out.append(same);
        }
        same.clear();
    };
    let emit_change =
        |del: &[&str], add: &[&str], same: &mut Vec<String>, out: &mut Vec<String>| {
            if del.is_empty() && add.is_empty() {
                return;
            }
            flush_same(same, out, false);
            if !del.is_empty() {
                out.push(format!("[-{}-]", del.join(" ")));
            }
            if !add.is_empty() {
                out.push(format!("{{+{}+}}", add.join(" ")));
            }
        };
    for &(pi, pj) in &pairs {
        emit_change(&wa[i..pi], &wb[j..pj], &mut same, &mut out);
        if wa[pi] == wb[pj] || na[pi] == nb[pj] {
            same.push(wb[pj].to_string());
        } else {
            same.push(format!("{}~{}", wa[pi], wb[pj]));
        }
        i = pi + 1;
        j = pj + 1;
    }
    emit_change(&wa[i..], &wb[j..], &mut same, &mut out);
    flush_same(&mut same, &mut out, true);
    out.join(" ")
}

/// Whether claim `a` relays the words of claim `b`'s speaker: a relay cue, or `b`'s
/// speaker named in `a`'s attribution sentence outside the quote.
fn relays(ctx: &Ctx, named: &Stems, a: usize, b: usize) -> bool {
    let pa = &ctx.preps[a];
    let cue = fold(&pa.claim.cue);
    if RELAY_CUES
        .iter()
        .any(|c| cue.split_whitespace().any(|w| w == *c))
    {
        return true;
    }
    let other = fold(&ctx.preps[b].claim.speaker.name);
    let Some(surname) = other.split_whitespace().last() else {
        return false;
    };
    named.contains(surname)
}

/// The words of a claim's attribution sentence and content (possessives stripped), to
/// see whom it names.
fn names_in(ctx: &Ctx, a: usize) -> Stems {
    let pa = &ctx.preps[a];
    let sentence = pa.article.map_or("", |art| art.slice(pa.claim.span));
    super::text::tokenize(sentence)
        .iter()
        .chain(pa.toks().iter())
        .map(|t| CompactString::from(super::text::strip_possessive(&t.norm)))
        .collect()
}

fn relaying_kind(kind: SpeakerKind) -> bool {
    matches!(
        kind,
        SpeakerKind::Anonymous | SpeakerKind::Outlet | SpeakerKind::Document
    )
}

struct Quotes<'c, 'a> {
    ctx: &'c Ctx<'a>,
    items: Vec<Item>,
}

impl Family for Quotes<'_, '_> {
    fn prep(&self, i: usize) -> usize {
        self.items[i].prep
    }
    fn value(&self, i: usize) -> String {
        let it = &self.items[i];
        format!(
            "{}: \u{201c}{}\u{201d}",
            self.ctx.preps[it.prep].claim.speaker.name,
            clip(it.text(self.ctx), 12)
        )
    }
    fn topic(&self, items: &[usize]) -> String {
        // One speaker under several spellings ("Ilse Varga", "Varga") is named once, by
        // the longest.
        let mut speakers: Vec<usize> = Vec::new();
        for &i in items {
            let p = self.items[i].prep;
            match speakers.iter_mut().find(|s| same_speaker(self.ctx, **s, p)) {
                Some(s) => {
                    let name = |x: usize| self.ctx.preps[x].claim.speaker.name.len();
                    if name(p) > name(*s) {
                        *s = p;
                    }
                }
                None => speakers.push(p),
            }
        }
        let speakers: Vec<&str> = speakers
            .iter()
            .map(|&p| self.ctx.preps[p].claim.speaker.name.as_str())
            .collect();
        let first = items
            .first()
            .map_or(String::new(), |&i| clip(self.items[i].text(self.ctx), 8));
        if speakers.len() == 1 {
            format!("quote by {}: \u{201c}{first}\u{201d}", speakers[0])
        } else {
            format!("quote \u{201c}{first}\u{201d}")
        }
    }
    fn agreement_rule(&self) -> &'static str {
        "quote-agreement"
    }
    fn update_rule(&self) -> &'static str {
        "quote-update"
    }
    fn detail(&self, a: usize, b: usize, kind: FindingKind) -> Option<String> {
        let (ia, ib) = (&self.items[a], &self.items[b]);
        let (pa, pb) = (&self.ctx.preps[ia.prep], &self.ctx.preps[ib.prep]);
        let diff = excerpt_diff(ia.text(self.ctx), ib.text(self.ctx))
            .unwrap_or_else(|| word_diff(ia.text(self.ctx), ib.text(self.ctx)));
        Some(match kind {
            FindingKind::Misattribution => format!(
                "credited to {} ({}) and to {} ({}); words: {}",
                pa.claim.speaker.name,
                pa.loc(),
                pb.claim.speaker.name,
                pb.loc(),
                if ia.norms == ib.norms {
                    "identical".to_string()
                } else {
                    diff
                }
            ),
            _ => format!("{} vs {}: {}", pa.loc(), pb.loc(), diff),
        })
    }
}

/// Compare every direct quotation.
pub(crate) fn run(ctx: &Ctx) -> FamilyOut {
    let mut items = Vec::new();
    for (i, p) in ctx.preps.iter().enumerate() {
        match p.claim.quote {
            QuoteKind::Direct => {
                // A direct claim may still carry its marks.
                let content = &p.claim.content;
                let frags = fragments(content);
                let range = if frags.len() == 1 && frags[0].len() + 4 >= content.len() {
                    frags[0].clone()
                } else {
                    0..content.len()
                };
                items.extend(item(i, content, range));
            }
            QuoteKind::Mixed => {
                for f in fragments(&p.claim.content) {
                    items.extend(item(i, &p.claim.content, f));
                }
            }
            _ => {}
        }
    }
    super::probe(&format!("quotes: {} items", items.len()));
    // Blocked by three-word shingles: for each quote the rarest ones that some other
    // quote shares too, so that formulas common to many quotes do not make huge blocks.
    let shingles: Vec<Vec<u64>> = items
        .iter()
        .map(|it| {
            let mut v: Vec<u64> = it
                .norms
                .windows(3)
                .map(|w| {
                    let mut h = Fnv::new();
                    for x in w {
                        h.write(x.as_bytes());
                    }
                    h.finish()
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    // Per shingle: how many quotes have it, and a signature of which ones (a sum of
    // their mixed indices), so that shingles shared by the same quotes count once: a
    // quote relayed word for word by a second outlet shares all its shingles with that
    // copy, and those must not crowd out the shingles it shares with other renderings.
    let mut df: HashMap<u64, (usize, u64)> = HashMap::new();
    for (k, v) in shingles.iter().enumerate() {
        let tag = mix(k as u64);
        for &h in v {
            let e = df.entry(h).or_default();
            e.0 += 1;
            e.1 = e.1.wrapping_add(tag);
        }
    }
    let keyed = shingles.iter().enumerate().flat_map(|(k, v)| {
        let mut shared: Vec<(usize, u64, u64)> = v
            .iter()
            .map(|h| {
                let (n, sig) = df.get(h).copied().unwrap_or((0, 0));
                (n, sig, *h)
            })
            .filter(|(n, _, _)| *n >= 2)
            .collect();
        shared.sort_unstable();
        shared.dedup_by_key(|(n, sig, _)| (*n, *sig));
        let shared: Vec<(usize, u64)> = shared.into_iter().map(|(n, _, h)| (n, h)).collect();
        // Shingles in small blocks when there are any; else the two rarest.
        let small = shared.iter().filter(|(n, _)| *n <= FULL_BLOCK).count();
        let take = if small > 0 { small.min(SHINGLES) } else { 2 };
        shared.into_iter().take(take).map(move |(_, h)| (h, k))
    });
    let sort_keys: Vec<String> = items.iter().map(|it| it.norms.join(" ")).collect();
    let pairs = candidate_pairs(keyed, |k| sort_keys[k].clone());
    drop(sort_keys);
    drop(shingles);
    drop(df);
    // The words of each item's attribution sentence, worked out when a judgement first
    // needs them (by any worker; the same whichever).
    let (lexicon, ids) = WordIds::build(&items);
    let named: Vec<OnceLock<Stems>> = items.iter().map(|_| OnceLock::new()).collect();
    let pairs = pairs.filter(|&(a, b)| {
        ctx.preps[items[a].prep].claim.article != ctx.preps[items[b].prep].claim.article
    });
    let judged = super::memo::judge_pairs(
        ctx,
        super::memo::Site::Quotes,
        &items,
        |it| it.prep,
        |it, h| {
            use sha2::Digest;
            h.update((it.text.start as u64).to_le_bytes());
            h.update((it.text.end as u64).to_le_bytes());
            super::memo::put_words(h, it.norms.iter());
            h.update((it.parts.len() as u64).to_le_bytes());
            for part in &it.parts {
                super::memo::put_words(h, part.iter());
            }
        },
        pairs,
        |a, b| {
            let named = |k: usize| named[k].get_or_init(|| names_in(ctx, items[k].prep));
            judge(
                ctx,
                &lexicon,
                (&ids[a], &ids[b]),
                &items[a],
                &items[b],
                || (named(a), named(b)),
            )
        },
    );
    super::probe(&format!("quotes: {} judged", judged.len()));
    let checkable: Vec<usize> = items.iter().map(|it| it.prep).collect();
    let fam = Quotes { ctx, items };
    let mut out = assemble(ctx, &fam, fam.items.len(), judged);
    super::probe(&format!("quotes: {} findings", out.findings.len()));
    out.checkable = checkable;
    out
}

/// `named` gives the words of `a`'s and `b`'s attribution sentences (worked out only when
/// needed).
fn judge<'n>(
    ctx: &Ctx,
    lexicon: &WordIds,
    (ids_a, ids_b): (&[u32], &[u32]),
    a: &Item,
    b: &Item,
    named: impl FnOnce() -> (&'n Stems, &'n Stems),
) -> Option<Judgement> {
    let identical =
        ids_a.len() == ids_b.len() && ids_a.iter().zip(ids_b).all(|(&x, &y)| lexicon.same(x, y));
    let (short, long, short_ids, long_ids) = if a.norms.len() <= b.norms.len() {
        (a, b, ids_a, ids_b)
    } else {
        (b, a, ids_b, ids_a)
    };
    let part = !identical && contained(short, long);
    let common = lexicon.lcs_len(ids_a, ids_b);
    let mut sim = 2.0 * common as f64 / (a.norms.len() + b.norms.len()) as f64;
    // A shorter quote against a stretch of a longer one (an excerpt with a word changed).
    let mut excerpt = false;
    if !identical
        && !part
        && sim < NEAR
        && short.norms.len() >= EXCERPT_MIN_WORDS
        && long.norms.len() >= short.norms.len() + EXCERPT_MARGIN
        // The excerpt's similarity is at most 2c / (short + c) with c the common words.
        && 2.0 * common as f64 >= NEAR * (short.norms.len() + common) as f64
    {
        if let Some((local, _)) = excerpt_sim_by(short_ids.len(), long_ids.len(), |i, j| {
            lexicon.same(short_ids[i], long_ids[j])
        }) {
            if local >= NEAR {
                sim = local;
                excerpt = true;
            }
        }
    }
    if !identical && !part && sim < NEAR {
        return None;
    }
    if same_speaker(ctx, a.prep, b.prep) {
        if identical || part {
            return Some(Judgement::Same(if identical { 0.95 } else { 0.85 }));
        }
        // A shorter rendering that is not a clean excerpt: the more of the shorter
        // quote is changed, the surer.
        let conf = 0.5 + 0.45 * sim;
        return Some(Judgement::Differ {
            confidence: conf,
            kind: FindingKind::Misquote,
            rule: "misquote",
        });
    }
    // An altered excerpt credited to someone else is too weak a sign of one quote.
    if excerpt {
        return None;
    }
    let (sa, sb) = (&ctx.preps[a.prep].claim, &ctx.preps[b.prep].claim);
    // Near-identical words from different stories are different quotes (a formula with
    // another place name in it); identical ones stay suspicious anywhere.
    if !identical && !part && !same_story(&ctx.preps[a.prep], &ctx.preps[b.prep]) {
        return None;
    }
    if short.norms.len() < MIN_WORDS_MISATTRIBUTION
        || sa
            .flags
            .iter()
            .chain(&sb.flags)
            .any(|f| f.contains("unresolved"))
        || {
            let (na, nb) = named();
            relays(ctx, na, a.prep, b.prep) || relays(ctx, nb, b.prep, a.prep)
        }
    {
        return None;
    }
    let mut conf = if identical || part {
        0.85
    } else {
        0.6 + 0.3 * sim
    };
    if relaying_kind(sa.speaker.kind) || relaying_kind(sb.speaker.kind) {
        // "An official told Axios" may well be the named person: below the threshold.
        conf -= 0.35;
    }
    Some(Judgement::Differ {
        confidence: conf,
        kind: FindingKind::Misattribution,
        rule: "misattribution",
    })
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::model::{FindingKind, QuoteKind, SpeakerKind};

    fn arts() -> Vec<crate::model::Article> {
        vec![
            article("a", "Alpha News", None, "2025-03-01"),
            article("b", "Beta Times", None, "2025-03-01"),
            article("c", "Gamma Post", None, "2025-03-02"),
        ]
    }

    #[test]
    fn fragments_of_mixed_quotes() {
        let fragments = |s: &str| -> Vec<String> {
            fragments(s).into_iter().map(|r| s[r].to_string()).collect()
        };
        assert_eq!(
            fragments(
                "the meeting as \u{201c}very useful, constructive\u{201d} and \"highly substantive\""
            ),
            ["very useful, constructive", "highly substantive"]
        );
        assert_eq!(
            fragments("the envoys' plan was 'dead on arrival' today"),
            ["dead on arrival"]
        );
        assert!(fragments("it's Ukraine's plan").is_empty());
    }

    #[test]
    fn word_diff_marks_changes() {
        let d = word_diff(
            "They promised they wouldn't go to Kyiv",
            "They promised they would go to Kyiv",
        );
        assert_eq!(d, "They promised they [-wouldn't-] {+would+} go to Kyiv");
        let d = word_diff(
            "We will not accept any plan that divides our country, not now and not ever",
            "We will not accept any plan that divides our nation, not now and not ever",
        );
        assert!(d.contains("[-country-] {+nation+}"), "{d}");
    }

    #[test]
    fn an_altered_excerpt_of_a_longer_quote_is_a_misquote() {
        let long = "We failed our passengers, and we will not rest until every ferry on the \
                    fjord is safe. That is the only promise that matters to me now";
        let claims = [
            claim("a", 1, "Ola Brekke", QuoteKind::Direct, long),
            claim(
                "b",
                1,
                "Ola Brekke",
                QuoteKind::Mixed,
                "the operator \"will not stop until every ferry on the fjord is safe\"",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let m = of(&f, FindingKind::Misquote);
        assert_eq!(m.len(), 1, "{f:#?}");
        // The diff is against the stretch the excerpt renders, not the whole quote.
        assert!(m[0].detail.contains("[-rest-] {+stop+}"), "{}", m[0].detail);
        assert!(!m[0].detail.contains("promise"), "{}", m[0].detail);
        assert!(m[0].confidence >= DEFAULT, "{}", m[0].confidence);
        // A clean excerpt is the same quote.
        let claims = [
            claim("a", 1, "Ola Brekke", QuoteKind::Direct, long),
            claim(
                "b",
                1,
                "Ola Brekke",
                QuoteKind::Mixed,
                "the operator \"will not rest until every ferry on the fjord is safe\"",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Misquote).is_empty(), "{f:#?}");
        assert_eq!(of(&f, FindingKind::Agreement).len(), 1, "{f:#?}");
    }

    #[test]
    fn short_or_loose_excerpts_are_not_misquotes() {
        let long = "There is more work to be done on the harbour plan. This is delicate and \
                    there are a lot of moving parts";
        for short in [
            // Four common words of six: too short to be told from a common phrase.
            "the minister said a lot of work to be done",
            // A stretch with half its words changed.
            "the minister said \"there is much more hard labour ahead for this delicate plan\"",
        ] {
            let claims = [
                claim("a", 1, "Ines Prado", QuoteKind::Direct, long),
                claim("b", 1, "Ines Prado", QuoteKind::Mixed, short),
            ];
            let f = find_all(&arts(), &claims);
            assert!(of(&f, FindingKind::Misquote).is_empty(), "{short}: {f:#?}");
        }
    }

    #[test]
    fn a_quote_relayed_by_two_outlets_is_still_compared_with_other_renderings() {
        // a and b carry the same wire copy: every shingle of a is shared with b. c's
        // rendering must still meet a and b.
        let long = "The river has taken our homes twice in ten years and we will not wait \
                    for a third flood before the dykes are raised by the province. We have \
                    written to the minister three times this winter and heard nothing back";
        let claims = [
            claim("a", 1, "Tomas Lind", QuoteKind::Direct, long),
            claim("b", 1, "Tomas Lind", QuoteKind::Direct, long),
            claim(
                "c",
                1,
                "Tomas Lind",
                QuoteKind::Direct,
                "The river has taken our homes twice in ten years and we will not wait \
                 for a fourth flood before the dykes are raised by the province",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let m = of(&f, FindingKind::Misquote);
        assert_eq!(m.len(), 1, "{f:#?}");
        assert_eq!(m[0].claims.len(), 3, "{f:#?}");
    }

    #[test]
    fn local_alignment_finds_the_rendered_stretch() {
        fn w(s: &str) -> Vec<&str> {
            s.split_whitespace().collect()
        }
        let long = w("we let them down and we will not rest until every car is safe that is all");
        let (sim, window) =
            excerpt_sim(&w("will not stop until every car is safe"), &long).expect("aligned");
        assert_eq!(window, 6..14);
        assert!((sim - 2.0 * 7.0 / 16.0).abs() < 1e-9, "{sim}");
        assert!(excerpt_sim(&w("nothing in common here"), &long).is_none());
    }

    #[test]
    fn same_speaker_near_identical_quote_is_a_misquote() {
        let claims = [
            claim(
                "a",
                1,
                "Maria Lopez",
                QuoteKind::Direct,
                "We will not sign any deal that closes the northern harbour",
            ),
            claim(
                "b",
                1,
                "Maria Lopez",
                QuoteKind::Direct,
                "We will not sign any deal that closes the southern harbour",
            ),
            claim(
                "c",
                1,
                "Lopez",
                QuoteKind::Direct,
                "We will not sign any deal that closes the northern harbour",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let m = of(&f, FindingKind::Misquote);
        assert_eq!(m.len(), 1, "{f:#?}");
        assert_eq!(m[0].claims.len(), 3);
        assert!(
            m[0].detail.contains("[-northern-] {+southern+}")
                || m[0].detail.contains("[-southern-] {+northern+}"),
            "{}",
            m[0].detail
        );
        assert!(m[0].confidence >= DEFAULT, "{}", m[0].confidence);
        // a and c agree.
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1);
        assert_eq!(
            ag[0].claims.to_vec(),
            [std::sync::Arc::from("a#1"), std::sync::Arc::from("c#1")]
        );
    }

    const DEFAULT: f64 = crate::compare::DEFAULT_MIN_CONFIDENCE;

    #[test]
    fn excerpts_ellipses_and_spelling_are_not_misquotes() {
        let claims = [
            claim(
                "a",
                1,
                "Ana Ruiz",
                QuoteKind::Direct,
                "There is more work to be done. This is delicate, and the organisation knows it",
            ),
            claim(
                "b",
                1,
                "Ana Ruiz",
                QuoteKind::Direct,
                "There is more work to be done",
            ),
            claim(
                "c",
                1,
                "Ana Ruiz",
                QuoteKind::Direct,
                "There is more work to be done ... the organization knows it",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Misquote).is_empty(), "{f:#?}");
        assert_eq!(of(&f, FindingKind::Agreement).len(), 1);
    }

    #[test]
    fn same_quote_two_speakers_is_a_misattribution() {
        let claims = [
            claim(
                "a",
                1,
                "Tom Berg",
                QuoteKind::Direct,
                "The reservoir will run dry before the end of August",
            ),
            claim(
                "b",
                1,
                "Lena Fischer",
                QuoteKind::Direct,
                "The reservoir will run dry before the end of August",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let m = of(&f, FindingKind::Misattribution);
        assert_eq!(m.len(), 1, "{f:#?}");
        assert!(m[0].detail.contains("Tom Berg") && m[0].detail.contains("Lena Fischer"));
        assert!(m[0].confidence >= DEFAULT);
    }

    #[test]
    fn one_quote_credited_to_three_speakers_is_one_misattribution() {
        let quote = "The reservoir will run dry before the end of August";
        let claims = [
            claim("a", 1, "Tom Berg", QuoteKind::Direct, quote),
            claim("b", 1, "Lena Fischer", QuoteKind::Direct, quote),
            claim("c", 1, "Omar Haddad", QuoteKind::Direct, quote),
        ];
        let f = find_all(&arts(), &claims);
        let m = of(&f, FindingKind::Misattribution);
        assert_eq!(
            m.len(),
            1,
            "one finding, not one per pair of speakers: {f:#?}"
        );
        assert_eq!(m[0].claims.len(), 3);
        for name in ["Tom Berg", "Lena Fischer", "Omar Haddad"] {
            assert!(m[0].detail.contains(name), "{}", m[0].detail);
        }
        assert!(
            m[0].detail.starts_with("credited to 3 different speakers"),
            "{}",
            m[0].detail
        );
    }

    #[test]
    fn a_speaker_quoting_someone_else_is_not_a_misattribution() {
        let mut relayed = claim(
            "b",
            1,
            "Lena Fischer",
            QuoteKind::Direct,
            "The reservoir will run dry before the end of August",
        );
        relayed.cue = "quoted".into();
        let claims = [
            claim(
                "a",
                1,
                "Tom Berg",
                QuoteKind::Direct,
                "The reservoir will run dry before the end of August",
            ),
            relayed,
        ];
        assert!(of(&find_all(&arts(), &claims), FindingKind::Misattribution).is_empty());
        // The other speaker named in the attribution sentence.
        let text = "Fischer recalled Berg's warning: \"The reservoir will run dry before the end of August.\"".to_string();
        let mut a = arts();
        a[1].text = text.clone();
        let mut c = claim(
            "b",
            1,
            "Lena Fischer",
            QuoteKind::Direct,
            "The reservoir will run dry before the end of August",
        );
        c.cue = "said".into();
        c.span = crate::model::Span::new(0, text.len());
        let claims = [
            claim(
                "a",
                1,
                "Tom Berg",
                QuoteKind::Direct,
                "The reservoir will run dry before the end of August",
            ),
            c,
        ];
        assert!(of(&find_all(&a, &claims), FindingKind::Misattribution).is_empty());
    }

    #[test]
    fn anonymous_or_outlet_speakers_are_below_the_threshold() {
        let mut anon = claim(
            "b",
            1,
            "a senior official",
            QuoteKind::Direct,
            "The reservoir will run dry before the end of August",
        );
        anon.speaker.kind = SpeakerKind::Anonymous;
        let claims = [
            claim(
                "a",
                1,
                "Tom Berg",
                QuoteKind::Direct,
                "The reservoir will run dry before the end of August",
            ),
            anon,
        ];
        let f = find_all(&arts(), &claims);
        let m = of(&f, FindingKind::Misattribution);
        assert!(m.iter().all(|m| m.confidence < DEFAULT), "{m:#?}");
    }

    #[test]
    fn short_or_different_quotes_are_not_compared() {
        let claims = [
            claim(
                "a",
                1,
                "Tom Berg",
                QuoteKind::Direct,
                "very productive talks",
            ),
            claim(
                "b",
                1,
                "Lena Fischer",
                QuoteKind::Direct,
                "very productive talks",
            ),
            claim(
                "a",
                2,
                "Tom Berg",
                QuoteKind::Direct,
                "The dam is safe and the water supply is secure for the summer",
            ),
            claim(
                "b",
                2,
                "Tom Berg",
                QuoteKind::Direct,
                "Farmers must cut their water use by a fifth from the first of June",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Misattribution).is_empty(), "{f:#?}");
        assert!(of(&f, FindingKind::Misquote).is_empty(), "{f:#?}");
    }

    #[test]
    fn mixed_quote_fragments_are_compared() {
        let claims = [
            claim(
                "a",
                1,
                "Yuri Petrov",
                QuoteKind::Mixed,
                "the envoys \u{201c}promised they wouldn't go to the capital, but return home\u{201d}",
            ),
            claim(
                "b",
                1,
                "Yuri Petrov",
                QuoteKind::Direct,
                "They promised they would go to the capital, but return home",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let m = of(&f, FindingKind::Misquote);
        assert_eq!(m.len(), 1, "{f:#?}");
        assert!(
            m[0].detail.contains("[-wouldn't-] {+would+}")
                || m[0].detail.contains("[-would-] {+wouldn't+}"),
            "{}",
            m[0].detail
        );
    }

    #[test]
    fn same_wire_copy_is_an_agreement_of_one_source() {
        let a = vec![
            article("a", "Alpha News", Some("Wire Co"), "2025-03-01"),
            article("b", "Beta Times", Some("Wire Co"), "2025-03-01"),
        ];
        let claims = [
            claim(
                "a",
                1,
                "Tom Berg",
                QuoteKind::Direct,
                "The reservoir will run dry before the end of August",
            ),
            claim(
                "b",
                1,
                "Tom Berg",
                QuoteKind::Direct,
                "The reservoir will run dry before the end of August",
            ),
        ];
        let f = find_all(&a, &claims);
        // The two copies agree, as one source: the agreement says so, and the claim is
        // still uncorroborated.
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{ag:#?}");
        assert_eq!(ag[0].sources, 1);
        assert!(
            ag[0]
                .detail
                .starts_with("2 articles relay one source (wire co)"),
            "{ag:#?}"
        );
        let s = of(&f, FindingKind::SingleSource);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].claims.len(), 2);
        assert_eq!(s[0].sources, 1);
    }
}
