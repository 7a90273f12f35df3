//! The polarity family: statements that one source asserts and another denies.
//!
//! Two kinds of items:
//!
//! - **framed statements**: a statement frame's keyword ("agreement", "progress") with
//!   its polarity: negations within `scope` words in the same clause ("no concrete
//!   agreement was reached", "did not make progress") and the frame's or antonyms.toml's
//!   negative words ("stalemate", "rejected") flip it. Blocked by frame and named anchor
//!   (or date); two items are about the same thing when they share an anchor (or the
//!   date), their places are compatible, and the words around the keyword overlap
//!   (Jaccard >= [`FOCUS`]) — so "agreement on the border annex" is not compared with
//!   "agreement on the water annex".
//! - **plain statements**: any claim's content as a set of word stems (stop words and
//!   negations left out, antonyms mapped to their pair). Two claims whose sets overlap
//!   by Jaccard >= [`SIMILAR`] with the same polarity say the same thing (agreement);
//!   overlapping by >= [`CONTRADICT`] with different polarities, opposite things
//!   (contradiction). Blocked by the three rarest stems of each claim.
//!
//! - **pivots**: the word a claim negates ("will *not appear* before the committee") or
//!   an antonym pair's word ("shares *fell*"), with the words of its clause within
//!   [`PIVOT_REACH`] tokens; a claim that uses the same word without the negation (or the
//!   pair's other side) is its counterpart. Two pivots contradict when their words
//!   overlap (Jaccard >= [`PIVOT_FOCUS`], at least [`PIVOT_SHARED`] words), the claims
//!   are about the same story, their named subjects (names before the pivot) are not
//!   different people, and their dates (if both have one) are the same day. Same-side
//!   pivots only group claims (below any threshold), so that a wire story's copies make
//!   one side of one finding. This catches what whole-content overlap misses: a reason
//!   clause that differs ("was not protected ... because the union filed late") or a
//!   figure that differs with the direction ("fell 6.4%" vs "rose 1.5 per cent").
//!
//! Hedged statements ("close to an agreement", "could reach a deal") are never compared:
//! they neither assert nor deny. Rules: `polarity-contradiction` (a negation),
//! `antonym-contradiction` (an antonym), `statement-agreement`.

use super::text::clip;
use super::text::{Stems, Tok, stem};
use super::{Ctx, Family, FamilyOut, FrameKind, Judgement, Lexicon, assemble, candidate_pairs};
use crate::model::{CueClass, FindingKind, QuoteKind, SpeakerKind};
use compact_str::CompactString;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// Jaccard overlap of the words around two framed keywords needed to compare them.
pub const FOCUS: f64 = 0.4;
/// Jaccard overlap of two plain statements' stems needed to call them the same.
pub const SIMILAR: f64 = 0.6;
/// Jaccard overlap needed to call them opposite: higher, since one changed word
/// ("fisheries annex" for "dredging annex") may change the subject.
pub const CONTRADICT: f64 = 0.8;
/// Confidence added to a plain statements' agreement when both claims have the same
/// named speaker.
pub const SAME_SPEAKER: f64 = 0.05;
/// Plain statements with fewer stems are not compared.
pub const MIN_STEMS: usize = 3;
/// Pivots: tokens on each side of the pivot word whose words are compared.
pub const PIVOT_REACH: usize = 5;
/// Pivots: Jaccard overlap of the words around two pivots needed to compare them...
pub const PIVOT_FOCUS: f64 = 0.5;
/// ... and the words they must share at least.
pub const PIVOT_SHARED: usize = 2;
/// Pivots on the same side are grouped (one side of a finding) only from this overlap.
pub const PIVOT_GROUP: f64 = 0.8;
/// Antonym pivots: tokens after the pivot whose words are compared (its object, to the
/// clause end): "turned down the labour ministry's offer of mediation" and "accepted an
/// offer of mediation from the Ministry of Labour" differ in order, not in object.
pub const OBJECT_REACH: usize = 10;
/// Exclusions ("ruled out X" / "has not ruled out X"): Jaccard overlap of their objects'
/// words needed to compare them.
pub const EXCLUSION_FOCUS: f64 = 0.5;
/// Exclusions: words of an object at most (a noun phrase, not a clause).
const EXCLUSION_WORDS: usize = 4;
/// Forms of "be" and "have" between a passive object and its exclusion ("arson has been
/// ruled out").
const PASSIVE: &[&str] = &["be", "been", "being", "was", "were", "is", "are"];
/// Claims whose pivots are found at a time (see `run_pivots`).
const PIVOT_BLOCK: usize = 16_384;

/// Words that never count around a pivot (besides stop words, negations, dates and
/// numbers): the units a percentage is written with, and auxiliaries a negation skips.
const PIVOT_SKIP: &[&str] = &[
    "per", "cent", "percent", "pct", "be", "been", "being", "was", "were", "is", "are", "am",
    "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should", "can", "could",
    "may", "might", "must", "yet", "also", "still", "ever",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Polarity {
    negative: bool,
    antonym: bool,
}

/// Whether a negation starts at token `i` (and how long it is), not counting phrases
/// such as "not only".
fn negation_at(toks: &[Tok], i: usize, lex: &Lexicon) -> Option<usize> {
    if lex.not_negations.match_at(toks, i).is_some() {
        return None;
    }
    lex.negations.match_at(toks, i)
}

/// Which antonym pair token `i` belongs to, and whether on the negative side.
fn antonym_at(toks: &[Tok], i: usize, lex: &Lexicon) -> Option<(usize, bool)> {
    antonym_span(toks, i, lex).map(|(pair, neg, _)| (pair, neg))
}

/// [`antonym_at`], with the number of tokens of the antonym ("turned down": 2).
fn antonym_span(toks: &[Tok], i: usize, lex: &Lexicon) -> Option<(usize, bool, usize)> {
    let (entry, n) = lex.antonyms.longest_at(toks, i)?;
    lex.antonym_of.get(entry).map(|&(pair, neg)| (pair, neg, n))
}

/// The clause around token `k`: from the last break before it to the next break.
fn clause(toks: &[Tok], k: usize, reach: usize) -> (usize, usize) {
    let mut lo = k;
    while lo > 0 && k - lo < reach && !toks[lo].breaks {
        lo -= 1;
    }
    let mut hi = k + 1;
    while hi < toks.len() && hi - k <= reach && !toks[hi].breaks {
        hi += 1;
    }
    (lo, hi)
}

/// Plain statement stems (antonyms as `~N`, synonyms as `=N`, a demonym as the stems of
/// its place's name) and polarity of a whole content.
fn statement(toks: &[Tok], lex: &Lexicon, lookup: &dyn super::Lookup) -> (Stems, Polarity) {
    let mut keys: Vec<CompactString> = Vec::new();
    let mut flips = 0;
    let mut antonym = false;
    let mut i = 0;
    while i < toks.len() {
        if let Some(n) = lex.not_negations.match_at(toks, i) {
            i += n;
            continue;
        }
        if let Some(n) = lex.negations.match_at(toks, i) {
            flips += 1;
            i += n;
            continue;
        }
        if let Some((p, neg)) = antonym_at(toks, i, lex) {
            keys.push(compact_str::format_compact!("~{p}"));
            if neg {
                flips += 1;
                antonym = true;
            }
            i += 1;
            continue;
        }
        if let Some((entry, n)) = lex.synonyms.longest_at(toks, i) {
            if let Some(g) = lex.synonym_of.get(entry) {
                keys.push(compact_str::format_compact!("={g}"));
                i += n.max(1);
                continue;
            }
        }
        let norm = &toks[i].norm;
        let bare = super::text::strip_possessive(norm);
        if let Some(place) = lookup.demonym_of(bare) {
            for w in place.split_whitespace() {
                let w = w.to_lowercase();
                if !lex.stopwords.contains(&w) {
                    keys.push(stem(&w).into());
                }
            }
        } else if !lex.stopwords.contains(bare) {
            keys.push(stem(norm).into());
        }
        i += 1;
    }
    (
        keys.into_iter().collect(),
        Polarity {
            negative: flips % 2 == 1,
            antonym,
        },
    )
}

fn jaccard(a: &Stems, b: &Stems) -> f64 {
    jaccard_of(a.shared(b), a.len(), b.len())
}

/// Jaccard overlap of two sets of `la` and `lb` words sharing `inter`.
fn jaccard_of(inter: usize, la: usize, lb: usize) -> f64 {
    let union = la + lb - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

struct Item {
    prep: usize,
    /// Frame index for framed statements.
    frame: Option<usize>,
    polarity: Polarity,
    /// Framed: words around the keyword; plain: all stems (inline strings: one set per
    /// claim is kept).
    words: Stems,
}

struct Statements<'c, 'a> {
    ctx: &'c Ctx<'a>,
    items: Vec<Item>,
}

impl Family for Statements<'_, '_> {
    fn prep(&self, i: usize) -> usize {
        self.items[i].prep
    }
    fn value(&self, i: usize) -> String {
        let it = &self.items[i];
        let p = &self.ctx.preps[it.prep];
        format!(
            "{} \u{201c}{}\u{201d}",
            if it.polarity.negative { "no:" } else { "yes:" },
            clip(&p.claim.content, 14)
        )
    }
    fn topic(&self, items: &[usize]) -> String {
        let Some(&first) = items.first() else {
            return String::new();
        };
        let it = &self.items[first];
        let p = &self.ctx.preps[it.prep];
        match it.frame {
            Some(f) => {
                let frame = &self.ctx.rules.frames[f];
                let mut shared: Option<BTreeSet<&str>> = None;
                for &i in items {
                    let keys: BTreeSet<&str> = self.ctx.preps[self.items[i].prep]
                        .strong()
                        .map(|a| a.key.as_str())
                        .collect();
                    shared = Some(match shared {
                        None => keys,
                        Some(s) => s.intersection(&keys).copied().collect(),
                    });
                }
                let names: Vec<String> = shared
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|k| p.anchors.iter().find(|a| a.key == *k))
                    .map(|a| a.display.to_string())
                    .collect();
                if names.is_empty() {
                    frame.topic.clone()
                } else {
                    format!("{} ({})", frame.topic, names.join(", "))
                }
            }
            None => {
                // "statement by Russia “...”" when every claim has that named speaker.
                let one_speaker = named_speaker(p).is_some_and(|k| {
                    items
                        .iter()
                        .all(|&i| self.ctx.preps[self.items[i].prep].speaker == k)
                });
                let by = if one_speaker {
                    format!(" by {}", p.claim.speaker.name)
                } else {
                    String::new()
                };
                format!(
                    "statement{by} \u{201c}{}\u{201d}",
                    clip(&p.claim.content, 10)
                )
            }
        }
    }
    fn agreement_rule(&self) -> &'static str {
        "statement-agreement"
    }
    fn update_rule(&self) -> &'static str {
        "statement-update"
    }
}

/// Compare framed and plain statements.
pub(crate) fn run(ctx: &Ctx) -> FamilyOut {
    // Each prep's statements on the thread pool, gathered in prep order.
    let per_prep: Vec<(Vec<Item>, Option<Item>)> = ctx
        .preps
        .par_iter()
        .enumerate()
        .map(|(pi, p)| statements_of(ctx, pi, p))
        .collect();
    let mut framed: Vec<Item> = Vec::new();
    let mut plain: Vec<Item> = Vec::new();
    for (f, p) in per_prep {
        framed.extend(f);
        plain.extend(p);
    }
    super::probe(&format!(
        "polarity: {} framed, {} plain",
        framed.len(),
        plain.len()
    ));
    // The framed and the plain statements and the pivots are judged side by side; their
    // findings are gathered framed first, pivots last.
    let ((framed_out, plain_out), pivot_out) = rayon::join(
        || rayon::join(|| run_framed(ctx, framed), || run_plain(ctx, plain)),
        || run_pivots(ctx),
    );
    // Pivots make no claim checkable: their words are a part of the claim only. A
    // pivot's contradiction among claims that a framed or plain contradiction already
    // holds says nothing more.
    // Each contradiction's claim ids, sorted (a set's worth in a slice: a large corpus
    // has many contradictions between large groups of claims).
    let held: Vec<Box<[&str]>> = framed_out
        .findings
        .iter()
        .chain(&plain_out.findings)
        .filter(|f| f.kind == FindingKind::Contradiction)
        .map(|f| {
            let mut ids: Vec<&str> = f.claims.iter().map(AsRef::as_ref).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.into_boxed_slice()
        })
        .collect();
    let said = |f: &crate::model::Finding| {
        f.kind == FindingKind::Contradiction
            && held.iter().any(|h| {
                f.claims
                    .iter()
                    .all(|c| h.binary_search(&AsRef::<str>::as_ref(c)).is_ok())
            })
    };
    let pivot_findings: Vec<crate::model::Finding> = pivot_out
        .findings
        .into_iter()
        .filter(|f| !said(f))
        .collect();
    drop(held);
    // Framed, plain, then the pivots', each moved once into a vector of the exact total.
    let mut out = FamilyOut::default();
    out.findings
        .reserve_exact(framed_out.findings.len() + plain_out.findings.len() + pivot_findings.len());
    for o in [framed_out, plain_out] {
        out.findings.extend(o.findings);
        out.same.extend(o.same);
        out.checkable.extend(o.checkable);
    }
    out.findings.extend(pivot_findings);
    out.same.extend(pivot_out.same);
    out
}

/// A pivot of a claim: the key of its word (a stem, or `~N` for antonym pair N), where it
/// is, and whether the claim denies it (a negation before it, or the pair's negative
/// side).
struct PivotAt {
    key: CompactString,
    pos: usize,
    /// Tokens of the pivot's word or phrase.
    len: usize,
    negative: bool,
    antonym: bool,
}

/// The first content word after a negation at `i` (of `n` tokens), skipping
/// auxiliaries, within its clause: what the negation denies.
fn negated_word(toks: &[Tok], i: usize, n: usize, lex: &Lexicon) -> Option<usize> {
    let mut j = i + n;
    let end = (i + n + 3).min(toks.len());
    while j < end {
        if toks[j].breaks {
            return None;
        }
        // The word the negation denies comes right after it and its auxiliaries ("had
        // not accepted", "will not appear"); "neither does the dam" denies no word.
        let norm = toks[j].norm.as_str();
        if !PIVOT_SKIP.contains(&norm) {
            return (!lex.stopwords.contains(norm) && norm.chars().any(char::is_alphabetic))
                .then_some(j);
        }
        j += 1;
    }
    None
}

/// The claim's own pivots: negated words and antonym words (the first of each key).
fn own_pivots(toks: &[Tok], lex: &Lexicon) -> Vec<PivotAt> {
    let mut out: Vec<PivotAt> = Vec::new();
    let mut negated_until = 0usize;
    let mut i = 0;
    while i < toks.len() {
        if toks[i].breaks {
            negated_until = 0;
        }
        if let Some(n) = lex.not_negations.match_at(toks, i) {
            i += n;
            continue;
        }
        if let Some(n) = lex.negations.match_at(toks, i) {
            negated_until = i + n + lex.scope;
            // "has not ruled out X" is an exclusion's business (`exclusion_pivots`).
            if let Some(j) = negated_word(toks, i, n, lex) {
                if antonym_at(toks, j, lex).is_none() && lex.exclusions.match_at(toks, j).is_none()
                {
                    let key = CompactString::from(stem(&toks[j].norm));
                    if !out.iter().any(|p| p.key == key) {
                        out.push(PivotAt {
                            key,
                            pos: j,
                            len: 1,
                            negative: true,
                            antonym: false,
                        });
                    }
                }
            }
            i += n;
            continue;
        }
        if let Some((pair, neg, len)) = antonym_span(toks, i, lex) {
            let key = compact_str::format_compact!("~{pair}");
            if !out.iter().any(|p| p.key == key) {
                out.push(PivotAt {
                    key,
                    pos: i,
                    len,
                    negative: neg != (i < negated_until),
                    antonym: neg,
                });
            }
        }
        i += 1;
    }
    out
}

/// The words around a pivot at `k` (of `len` tokens): stems of the content words of its
/// clause within [`PIVOT_REACH`] tokens before it and `after` tokens after it, but the
/// pivot's own, negations, antonyms, dates and numbers.
fn pivot_words(toks: &[Tok], k: usize, len: usize, after: usize, lex: &Lexicon) -> Stems {
    let (lo, _) = clause(toks, k, PIVOT_REACH);
    let (_, hi) = clause(toks, k, after.max(len));
    (lo..hi)
        .filter(|&i| i < k || i >= k + len)
        .filter(|&i| {
            let norm = super::text::strip_possessive(&toks[i].norm);
            !lex.stopwords.contains(norm)
                && !PIVOT_SKIP.contains(&norm)
                && !norm.chars().any(|c| c.is_ascii_digit())
                && lex.negations.match_at(toks, i).is_none()
                && lex.dates.match_at(toks, i).is_none()
                && antonym_at(toks, i, lex).is_none()
        })
        .map(|i| CompactString::from(stem(&toks[i].norm)))
        .collect()
}

/// A claim's exclusions: "ruled out arson", "arson had been ruled out" (denied as a
/// possibility: negative) and "have not ruled out arson", "refused to rule out a sale"
/// (left open: positive). Each is a pivot keyed `^` and the stem of its object's last
/// word, with the object's words (up to [`EXCLUSION_WORDS`] content words: after the
/// phrase when something follows it in its clause and no form of "be" comes before it,
/// else before it, past negations and auxiliaries).
fn exclusion_pivots(toks: &[Tok], lex: &Lexicon) -> Vec<(PivotAt, Stems)> {
    let mut out: Vec<(PivotAt, Stems)> = Vec::new();
    let content = |t: &Tok| {
        let norm = super::text::strip_possessive(&t.norm);
        !lex.stopwords.contains(norm)
            && !PIVOT_SKIP.contains(&norm)
            && norm.chars().all(char::is_alphabetic)
            && !norm.is_empty()
    };
    let mut i = 0;
    while i < toks.len() {
        let Some(n) = lex.exclusions.match_at(toks, i) else {
            i += 1;
            continue;
        };
        // Negations just before the phrase, in its clause ("not", "refused to").
        let mut flips = 0;
        let mut k = i.saturating_sub(3);
        while k < i {
            if toks[k + 1..=i].iter().any(|t| t.breaks) {
                k += 1;
                continue;
            }
            match negation_at(toks, k, lex) {
                Some(m) if k + m <= i => {
                    flips += 1;
                    k += m;
                }
                _ => k += 1,
            }
        }
        let passive = toks[i.saturating_sub(3)..i]
            .iter()
            .any(|t| PASSIVE.contains(&t.norm.as_str()));
        let after = i + n;
        let active = !passive && after < toks.len() && !toks[after].breaks;
        let mut object: Vec<usize> = Vec::new();
        if active {
            // "ruled out (a) tax rise (for next year)": content words from the first,
            // to the next word that is none.
            let mut j = after;
            while j < toks.len() && object.len() < EXCLUSION_WORDS {
                if j > after && toks[j].breaks {
                    break;
                }
                if content(&toks[j]) && lex.dates.match_at(toks, j).is_none() {
                    object.push(j);
                } else if !object.is_empty() {
                    break;
                }
                j += 1;
            }
        } else {
            // "(the) tax rise (has not been) ruled out": back past negations and
            // auxiliaries, then content words to the next word that is none.
            let mut j = i;
            let mut skipping = true;
            while j > 0 && object.len() < EXCLUSION_WORDS {
                if toks[j].breaks {
                    break;
                }
                j -= 1;
                let t = &toks[j];
                let norm = t.norm.as_str();
                if skipping
                    && (PIVOT_SKIP.contains(&norm)
                        || PASSIVE.contains(&norm)
                        || negation_at(toks, j, lex).is_some()
                        || norm.ends_with("n't"))
                {
                    continue;
                }
                skipping = false;
                if content(t) && lex.dates.match_at(toks, j).is_none() {
                    object.insert(0, j);
                } else {
                    break;
                }
            }
        }
        if let Some(&last) = object.last() {
            let key = compact_str::format_compact!("^{}", stem(&toks[last].norm));
            if !out.iter().any(|(p, _)| p.key == key) {
                let words: Stems = object
                    .iter()
                    .map(|&j| CompactString::from(stem(&toks[j].norm)))
                    .collect();
                out.push((
                    PivotAt {
                        key,
                        pos: i,
                        len: n,
                        negative: flips % 2 == 0,
                        antonym: false,
                    },
                    words,
                ));
            }
        }
        i += n;
    }
    out
}

/// A pivot while it is found: its key and words as strings.
struct Pivot<W> {
    prep: usize,
    key: CompactString,
    pos: usize,
    polarity: Polarity,
    words: W,
}

/// A found pivot, compactly (24 bytes; a large corpus has millions of pivots, all held
/// while they are judged): its key's number in [`Pivots::keys`] and its words' sorted
/// numbers as a range of [`Pivots::words`].
struct PivotC {
    prep: u32,
    key: u32,
    pos: u32,
    /// Start and end of its words in [`Pivots::words`].
    words: (u32, u32),
    polarity: Polarity,
}

/// Every pivot of the corpus, with the tables their numbers refer to.
#[derive(Default)]
struct Pivots {
    pivots: Vec<PivotC>,
    /// Keys by number, each once.
    keys: Vec<CompactString>,
    /// Words by number, each once.
    lexicon: Vec<CompactString>,
    /// Every pivot's word numbers, one pivot's after another's.
    words: Vec<u32>,
}

impl Pivots {
    fn key(&self, p: &PivotC) -> &str {
        self.keys
            .get(p.key as usize)
            .map_or("", CompactString::as_str)
    }
    fn words(&self, p: &PivotC) -> &[u32] {
        self.words
            .get(p.words.0 as usize..p.words.1 as usize)
            .unwrap_or_default()
    }
}

/// Find, judge and assemble the pivots of every claim that is not hedged.
fn run_pivots(ctx: &Ctx) -> FamilyOut {
    let lex = &ctx.rules.lex;
    let usable = |p: &super::Prep| !p.hedged;
    // Each claim's own pivots; then the words some claim negates, which other claims'
    // plain uses of them answer.
    let own: Vec<Vec<PivotAt>> = ctx
        .preps
        .par_iter()
        .map(|p| {
            if usable(p) {
                own_pivots(&p.toks(), lex)
            } else {
                Vec::new()
            }
        })
        .collect();
    let negated: BTreeSet<&str> = own
        .iter()
        .flatten()
        .filter(|p| !p.antonym && p.negative)
        .map(|p| p.key.as_str())
        .collect();
    // A block of claims at a time: its pivots are found with their words as strings on
    // the thread pool, then numbered (in order of first appearance) and moved into
    // `pivots` before the next block, so that only one block's string words are alive at
    // once (finding every pivot first held all of them: +370 MB at 100 MB of corpus).
    let mut table = Pivots::default();
    let mut index: HashMap<CompactString, u32> = HashMap::new();
    let mut key_index: HashMap<CompactString, u32> = HashMap::new();
    for (b, (preps, own)) in ctx
        .preps
        .chunks(PIVOT_BLOCK)
        .zip(own.chunks(PIVOT_BLOCK))
        .enumerate()
    {
        let base = b * PIVOT_BLOCK;
        let per_prep: Vec<Vec<Pivot<Stems>>> = preps
            .par_iter()
            .zip(own)
            .enumerate()
            .map(|(k, (p, own))| {
                let pi = base + k;
                // Claims that are not usable have no pivots of their own.
                if !usable(p) {
                    return Vec::new();
                }
                let p = &p.tokd();
                let mut v: Vec<Pivot<Stems>> = own
                    .iter()
                    .map(|o| Pivot {
                        prep: pi,
                        key: o.key.clone(),
                        pos: o.pos,
                        polarity: Polarity {
                            negative: o.negative,
                            antonym: o.antonym,
                        },
                        words: pivot_words(
                            &p.toks,
                            o.pos,
                            o.len,
                            if o.key.starts_with('~') {
                                OBJECT_REACH
                            } else {
                                PIVOT_REACH
                            },
                            lex,
                        ),
                    })
                    .collect();
                if usable(p) && !negated.is_empty() {
                    for (k, t) in p.toks.iter().enumerate() {
                        if lex.stopwords.contains(t.norm.as_str())
                            || lex.exclusions.match_at(&p.toks, k).is_some()
                        {
                            continue;
                        }
                        let key = stem(&t.norm);
                        if negated.contains(key.as_str()) && !v.iter().any(|x| x.key == key) {
                            v.push(Pivot {
                                prep: pi,
                                key: CompactString::from(key),
                                pos: k,
                                polarity: Polarity {
                                    negative: false,
                                    antonym: false,
                                },
                                words: pivot_words(&p.toks, k, 1, PIVOT_REACH, lex),
                            });
                        }
                    }
                }
                v.retain(|x| x.words.len() >= PIVOT_SHARED);
                if usable(p) {
                    for (o, words) in exclusion_pivots(&p.toks, lex) {
                        v.push(Pivot {
                            prep: pi,
                            key: o.key,
                            pos: o.pos,
                            polarity: Polarity {
                                negative: o.negative,
                                antonym: o.antonym,
                            },
                            words,
                        });
                    }
                }
                v
            })
            .collect();
        table
            .pivots
            .reserve_exact(per_prep.iter().map(Vec::len).sum());
        for v in per_prep {
            for p in v {
                let start = table.words.len() as u32;
                for w in &p.words {
                    let id = *index.entry(w.clone()).or_insert_with(|| {
                        table.lexicon.push(w.clone());
                        (table.lexicon.len() - 1) as u32
                    });
                    table.words.push(id);
                }
                let end = table.words.len() as u32;
                if let Some(ids) = table.words.get_mut(start as usize..) {
                    ids.sort_unstable();
                }
                let key = *key_index.entry(p.key).or_insert_with_key(|k| {
                    table.keys.push(k.clone());
                    (table.keys.len() - 1) as u32
                });
                // Prep indices, positions and numbers fit in u32: fewer than 2^32 of
                // each.
                table.pivots.push(PivotC {
                    prep: p.prep as u32,
                    key,
                    pos: p.pos as u32,
                    words: (start, end),
                    polarity: p.polarity,
                });
            }
        }
    }
    // Each claim's own pivots, the negated words and the word and key indexes are not
    // needed past here.
    drop(index);
    drop(key_index);
    drop(negated);
    drop(own);
    table.words.shrink_to_fit();
    super::probe(&format!("polarity: {} pivots", table.pivots.len()));
    let pivots = &table.pivots;
    let keyed = pivots.iter().enumerate().map(|(k, it)| (it.key, k));
    let pairs = candidate_pairs(keyed, |k| pivots[k].prep);
    let judged = super::memo::judge_pairs(
        ctx,
        super::memo::Site::PolarityPivot,
        pivots,
        |it| it.prep as usize,
        |it, h| {
            use sha2::Digest;
            h.update(table.key(it).as_bytes());
            h.update(u64::from(it.pos).to_le_bytes());
            h.update([
                u8::from(it.polarity.negative),
                u8::from(it.polarity.antonym),
            ]);
            // The words in their own order, as the set they were numbered from.
            let mut words: Vec<&str> = table
                .words(it)
                .iter()
                .filter_map(|&w| table.lexicon.get(w as usize).map(CompactString::as_str))
                .collect();
            words.sort_unstable();
            super::memo::put_words(h, words.into_iter());
        },
        pairs,
        |a, b| judge_pivot(ctx, &table, &pivots[a], &pivots[b]),
    );
    // Only the pivots that some judged pair names take part in a finding (a third are
    // never judged at 100 MB of corpus: a negated word makes a pivot of every plain use):
    // items for those only, renumbered in order as `assemble` would. `assemble` reads
    // no words: they are not carried over.
    let mut judged = judged;
    let used = judged.compact(pivots.len());
    super::probe(&format!(
        "polarity pivots: {} judged, {} pivots judged",
        judged.len(),
        used.len()
    ));
    let items: Vec<Item> = used
        .iter()
        .filter_map(|&k| pivots.get(k as usize))
        .map(|p| Item {
            prep: p.prep as usize,
            frame: None,
            polarity: p.polarity,
            words: Stems::default(),
        })
        .collect();
    drop(used);
    drop(table);
    let fam = Statements { ctx, items };
    assemble(ctx, &fam, fam.items.len(), judged)
}

/// Names before the pivot that are not places: who the pivot is about.
fn subjects<'p>(p: &'p super::Prep, pos: usize) -> BTreeSet<&'p str> {
    p.strong()
        .filter(|a| !a.place && a.end <= pos)
        .map(|a| a.key.as_str())
        .collect()
}

fn judge_pivot(ctx: &Ctx, t: &Pivots, a: &PivotC, b: &PivotC) -> Option<Judgement> {
    if a.prep == b.prep || a.key != b.key {
        return None;
    }
    let (pa, pb) = (&ctx.preps[a.prep as usize], &ctx.preps[b.prep as usize]);
    // An exclusion's object is what it is about; other pivots' words are their context,
    // of which two must be shared.
    let exclusion = t.key(a).starts_with('^');
    // Within one article, only the same exclusion twice (a headline and its story) is
    // grouped.
    if pa.claim.article == pb.claim.article
        && (!exclusion || a.polarity.negative != b.polarity.negative)
    {
        return None;
    }
    if !statements_comparable(pa, pb) {
        return None;
    }
    if let (Some(x), Some(y)) = (pa.event_date, pb.event_date) {
        if !super::events::same_day(x, y) {
            return None;
        }
    }
    let (wa, wb) = (t.words(a), t.words(b));
    let shared = super::text::shared_sorted(wa, wb);
    let focus = jaccard_of(shared, wa.len(), wb.len());
    if exclusion {
        if focus < EXCLUSION_FOCUS {
            return None;
        }
    } else if shared < PIVOT_SHARED || focus < PIVOT_FOCUS {
        return None;
    }
    let (sa, sb) = (subjects(pa, a.pos as usize), subjects(pb, b.pos as usize));
    if !sa.is_empty() && !sb.is_empty() && sa.is_disjoint(&sb) {
        return None;
    }
    if !super::same_story(pa, pb) {
        return None;
    }
    if a.polarity.negative == b.polarity.negative {
        // The same object excluded (or left open) twice is one statement. Other pivots
        // only group claims (copies of one story: near-identical words); their plain
        // statements say whether they agree.
        let conf = if exclusion { 0.5 + 0.35 * focus } else { 0.3 };
        return (focus >= PIVOT_GROUP).then_some(Judgement::Same(conf));
    }
    Some(differ(0.5 + 0.35 * focus, a.polarity, b.polarity))
}

/// The framed statements of prep `pi` (one per statement frame that fires) and its plain
/// statement, if it has one.
fn statements_of(ctx: &Ctx, pi: usize, p: &super::Prep) -> (Vec<Item>, Option<Item>) {
    let lex = &ctx.rules.lex;
    let mut framed: Vec<Item> = Vec::new();
    let mut plain: Option<Item> = None;
    {
        let toks = &p.toks();
        for (fi, f) in ctx.rules.frames.iter().enumerate() {
            if f.kind != FrameKind::Statement {
                continue;
            }
            let Some(&k) = f.hits(toks).first() else {
                continue;
            };
            let (lo, hi) = clause(toks, k, 8);
            if lex.hedges.any_in(toks, lo, hi.min(k + 3)) {
                continue;
            }
            let scope = lex.scope;
            let mut flips = 0;
            let mut antonym = false;
            let (nlo, nhi) = (lo.max(k.saturating_sub(scope)), hi.min(k + scope + 1));
            let mut i = nlo;
            while i < nhi {
                if let Some(n) = negation_at(toks, i, lex) {
                    flips += 1;
                    i += n;
                    continue;
                }
                if f.negative.match_at(toks, i).is_some() {
                    flips += 1;
                    antonym = true;
                } else if f.positive.match_at(toks, i).is_none() {
                    if let Some((_, true)) = antonym_at(toks, i, lex) {
                        flips += 1;
                        antonym = true;
                    }
                }
                i += 1;
            }
            let keywords = &f.keywords;
            let words: Stems = (lo..hi)
                .filter(|&i| {
                    let norm = super::text::strip_possessive(&toks[i].norm);
                    !lex.stopwords.contains(norm)
                        && keywords.match_at(toks, i).is_none()
                        && lex.negations.match_at(toks, i).is_none()
                        && f.negative.match_at(toks, i).is_none()
                        && f.positive.match_at(toks, i).is_none()
                        && antonym_at(toks, i, lex).is_none()
                })
                .map(|i| CompactString::from(stem(&toks[i].norm)))
                .collect();
            framed.push(Item {
                prep: pi,
                frame: Some(fi),
                polarity: Polarity {
                    negative: flips % 2 == 1,
                    antonym,
                },
                words,
            });
        }
        if !p.hedged {
            let (keys, polarity) = statement(toks, lex, ctx.rules.lookup.as_ref());
            if keys.len() >= MIN_STEMS {
                plain = Some(Item {
                    prep: pi,
                    frame: None,
                    polarity,
                    words: keys,
                });
            }
        }
    }
    (framed, plain)
}

/// Judge and assemble the framed statements.
fn run_framed(ctx: &Ctx, framed: Vec<Item>) -> FamilyOut {
    let mut out = FamilyOut::default();
    {
        let keyed = framed.iter().enumerate().flat_map(|(k, it)| {
            let p = &ctx.preps[it.prep];
            let f = it.frame.unwrap_or(0);
            let mut keys: Vec<(String, usize)> =
                p.strong().map(|a| (format!("{f}|{}", a.key), k)).collect();
            if let Some(d) = p.event_date {
                keys.push((format!("{f}|date:{d}"), k));
            }
            keys
        });
        let pairs = candidate_pairs(keyed, |k| framed[k].prep);
        let judged = super::memo::judge_pairs(
            ctx,
            super::memo::Site::PolarityFramed,
            &framed,
            |it| it.prep,
            item_fields,
            pairs,
            |a, b| judge_framed(ctx, &framed[a], &framed[b]),
        );
        super::probe(&format!("polarity framed: {} judged", judged.len()));
        out.checkable.extend(framed.iter().map(|it| it.prep));
        let fam = Statements {
            ctx,
            items: without_words(framed),
        };
        let o = assemble(ctx, &fam, fam.items.len(), judged);
        out.findings.extend(o.findings);
        out.same.extend(o.same);
    }
    out
}

/// Judge and assemble the plain statements, blocked by their rarest stems.
fn run_plain(ctx: &Ctx, plain: Vec<Item>) -> FamilyOut {
    let mut out = FamilyOut::default();
    {
        let df = super::word_counts(plain.iter().map(|it| &it.words));
        let keyed: Vec<(&str, usize)> = plain
            .iter()
            .enumerate()
            .flat_map(|(k, it)| {
                super::rarest_first(&it.words, &df)
                    .into_iter()
                    .take(3)
                    .map(move |(w, _)| (w, k))
                    .collect::<Vec<_>>()
            })
            .collect();
        drop(df);
        let pairs = candidate_pairs(keyed, |k| plain[k].prep);
        let judged = super::memo::judge_pairs(
            ctx,
            super::memo::Site::PolarityPlain,
            &plain,
            |it| it.prep,
            item_fields,
            pairs,
            |a, b| judge_plain(ctx, &plain[a], &plain[b]),
        );
        super::probe(&format!("polarity plain: {} judged", judged.len()));
        let fam = Statements {
            ctx,
            items: without_words(plain),
        };
        let o = assemble(ctx, &fam, fam.items.len(), judged);
        out.findings.extend(o.findings);
        out.same.extend(o.same);
    }
    out
}

/// `items` with their words freed: [`assemble`] reads no words, and on a large corpus
/// they are most of the items' memory.
fn without_words(mut items: Vec<Item>) -> Vec<Item> {
    for it in &mut items {
        it.words = Stems::default();
    }
    items
}

/// The claim's speaker key when the speaker is a named person or organisation (not an
/// anonymous source, an outlet or the article itself).
fn named_speaker<'p>(p: &'p super::Prep) -> Option<&'p str> {
    (matches!(
        p.claim.speaker.kind,
        SpeakerKind::Person | SpeakerKind::Organisation
    ) && !p.speaker.is_empty())
    .then_some(p.speaker.as_str())
}

/// An item's own fields, but its prep index, for its memo fingerprint.
fn item_fields(it: &Item, h: &mut sha2::Sha256) {
    use sha2::Digest;
    match it.frame {
        Some(f) => h.update((f as u64 + 1).to_le_bytes()),
        None => h.update(0u64.to_le_bytes()),
    }
    h.update([
        u8::from(it.polarity.negative),
        u8::from(it.polarity.antonym),
    ]);
    super::memo::put_words(h, it.words.iter());
}

/// A contradiction between two polarities: by an antonym when only one side has one.
fn differ(confidence: f64, a: Polarity, b: Polarity) -> Judgement {
    let antonym = a.antonym != b.antonym;
    Judgement::Differ {
        confidence,
        kind: FindingKind::Contradiction,
        rule: if antonym {
            "antonym-contradiction"
        } else {
            "polarity-contradiction"
        },
    }
}

fn judge_framed(ctx: &Ctx, a: &Item, b: &Item) -> Option<Judgement> {
    if a.prep == b.prep || a.frame != b.frame {
        return None;
    }
    let (pa, pb) = (&ctx.preps[a.prep], &ctx.preps[b.prep]);
    // Within one article, only agreement links (a headline and its story).
    let same_article = pa.claim.article == pb.claim.article;
    if same_article && a.polarity.negative != b.polarity.negative {
        return None;
    }
    let ka: BTreeSet<&str> = pa.strong().map(|x| x.key.as_str()).collect();
    let kb: BTreeSet<&str> = pb.strong().map(|x| x.key.as_str()).collect();
    let shared = ka.intersection(&kb).count();
    let same_day = matches!((pa.event_date, pb.event_date), (Some(x), Some(y)) if x == y);
    if shared == 0 && !same_day {
        return None;
    }
    if let (Some(x), Some(y)) = (pa.event_date, pb.event_date) {
        if x != y {
            return None;
        }
    }
    if !pa.places.is_empty()
        && !pb.places.is_empty()
        && !pa.places.iter().any(|(x, _)| {
            pb.places
                .iter()
                .any(|(y, _)| ctx.rules.places_compatible(x, y))
        })
    {
        return None;
    }
    let focus = jaccard(&a.words, &b.words);
    if focus < FOCUS {
        return None;
    }
    let conf = 0.5 + 0.05 * shared.min(3) as f64 + 0.3 * focus;
    if a.polarity.negative == b.polarity.negative {
        Some(Judgement::Same(conf))
    } else {
        Some(differ(conf, a.polarity, b.polarity))
    }
}

fn digits(ctx: &Ctx, prep: usize) -> BTreeSet<String> {
    let p = &ctx.preps[prep];
    let content = p.claim.content.as_str();
    // The folded words holding a digit; an ASCII word without one is skipped unfolded.
    p.words
        .spans()
        .filter_map(|(start, end, _)| {
            let text = content
                .get(start as usize..end as usize)
                .unwrap_or_default();
            if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_digit()) {
                return None;
            }
            let norm = super::text::fold_compact(text);
            norm.chars()
                .any(|c| c.is_ascii_digit())
                .then(|| norm.to_string())
        })
        .collect()
}

/// Whether two claims' statements (plain or pivots) are compared at all. Two direct
/// quotes are the quotes family's business (misquote, with a diff). What someone demands
/// or expects is not what someone asserts happened: such claims are compared only with
/// claims of their own cue class.
fn statements_comparable(pa: &super::Prep, pb: &super::Prep) -> bool {
    let wish = |c: CueClass| matches!(c, CueClass::Directive | CueClass::Expectation);
    !(pa.claim.quote == QuoteKind::Direct && pb.claim.quote == QuoteKind::Direct)
        && !((wish(pa.claim.cue_class) || wish(pb.claim.cue_class))
            && pa.claim.cue_class != pb.claim.cue_class)
}

fn judge_plain(ctx: &Ctx, a: &Item, b: &Item) -> Option<Judgement> {
    let (pa, pb) = (&ctx.preps[a.prep], &ctx.preps[b.prep]);
    // Within one article, only agreement links (a headline and its story).
    if pa.claim.article == pb.claim.article && a.polarity.negative != b.polarity.negative {
        return None;
    }
    if !statements_comparable(pa, pb) {
        return None;
    }
    let j = jaccard(&a.words, &b.words);
    if j < SIMILAR {
        return None;
    }
    // Named anchors must not tell the subjects apart.
    let ka: BTreeSet<&str> = pa.strong().map(|x| x.key.as_str()).collect();
    let kb: BTreeSet<&str> = pb.strong().map(|x| x.key.as_str()).collect();
    if !ka.is_empty() && !kb.is_empty() && ka.is_disjoint(&kb) {
        return None;
    }
    // Numbers are the numbers family's business.
    let (da, db) = (digits(ctx, a.prep), digits(ctx, b.prep));
    if da != db {
        return None;
    }
    if a.polarity.negative != b.polarity.negative {
        if j < CONTRADICT {
            return None;
        }
        return Some(differ(0.45 + 0.4 * j, a.polarity, b.polarity));
    }
    {
        // Word overlap is weak evidence of saying the same thing: one changed word
        // ("northern" for "southern") keeps the overlap high. The same named speaker
        // in both is a little more.
        let same_speaker = named_speaker(pa).is_some_and(|k| k == pb.speaker);
        Some(Judgement::Same(
            0.3 + 0.5 * j + if same_speaker { SAME_SPEAKER } else { 0.0 },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::SAME_SPEAKER;
    use crate::compare::DEFAULT_MIN_CONFIDENCE as DEFAULT;
    use crate::model::{CueClass, FindingKind, QuoteKind, SpeakerKind};

    #[test]
    fn numbered_words_share_as_their_words_do() {
        use super::super::text::Stems;
        use compact_str::CompactString;
        let (x, y): (Stems, Stems) = (
            ["talk", "~3", "cease", "fire"]
                .map(CompactString::from)
                .into_iter()
                .collect(),
            ["fire", "agre", "talk"]
                .map(CompactString::from)
                .into_iter()
                .collect(),
        );
        // Numbered in order of first appearance, then sorted by number.
        let lexicon = ["talk", "agre", "~3", "fire", "cease"];
        let ids = |s: &Stems| {
            let mut v: Vec<u32> = s
                .iter()
                .filter_map(|w| lexicon.iter().position(|l| *l == w.as_str()))
                .map(|i| i as u32)
                .collect();
            v.sort_unstable();
            v
        };
        let (ix, iy) = (ids(&x), ids(&y));
        assert_eq!(super::super::text::shared_sorted(&ix, &iy), x.shared(&y));
        assert_eq!(super::super::text::shared_sorted(&ix, &iy), 2);
        assert_eq!(
            super::jaccard_of(
                super::super::text::shared_sorted(&ix, &iy),
                ix.len(),
                iy.len()
            ),
            super::jaccard(&x, &y)
        );
        assert_eq!(super::super::text::shared_sorted(&[], &ix), 0);
    }

    fn arts() -> Vec<crate::model::Article> {
        vec![
            article("a", "Alpha News", None, "2025-12-01"),
            article("b", "Beta Times", None, "2025-12-02"),
            article("c", "Gamma Post", None, "2025-12-03"),
        ]
    }

    fn c(art: &str, n: usize, content: &str) -> crate::model::Claim {
        claim(art, n, "Someone", QuoteKind::Indirect, content)
    }

    #[test]
    fn a_negated_word_contradicts_its_plain_use_whatever_the_reason_clause() {
        let claims = [
            c(
                "a",
                1,
                "the Tembo strike was protected under the Mining Act because the union had followed the notice rules",
            ),
            c(
                "b",
                1,
                "the Tembo strike was not protected under the Mining Act because the union filed its notice late",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].rule, "polarity-contradiction");
        assert!(k[0].confidence >= DEFAULT, "{}", k[0].confidence);
    }

    #[test]
    fn ruling_out_contradicts_not_ruling_out_the_same_object() {
        // Active against passive, a negation before the phrase.
        let claims = [
            c("a", 1, "investigators in Velmar had ruled out sabotage"),
            c(
                "b",
                1,
                "sabotage has not been ruled out at the Velmar pumping station",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].rule, "polarity-contradiction");
        assert!(k[0].confidence >= DEFAULT, "{}", k[0].confidence);
        // "refused to rule out" leaves its object open; "was ruled out" excludes it.
        let claims = [
            c("a", 1, "the Velmar board refused to rule out a merger"),
            c("b", 1, "a merger was ruled out by the Velmar board"),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 1, "{f:#?}");
    }

    #[test]
    fn exclusions_of_different_objects_or_one_side_are_not_contradictions() {
        // Different objects.
        let claims = [
            c("a", 1, "the Velmar board had ruled out a strike"),
            c("b", 1, "the Velmar board has not ruled out a lockout"),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        // The same side twice.
        let claims = [
            c("a", 1, "police in Velmar have not ruled out arson"),
            c("b", 1, "arson has not been ruled out in Velmar"),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        // The object and the polarity of each form.
        let rules = crate::rules::Rules::embedded().unwrap().compare;
        let got = |s: &str| -> Vec<(String, bool, Vec<String>)> {
            let toks = super::super::text::tokenize(s);
            super::exclusion_pivots(&toks, &rules.lex)
                .into_iter()
                .map(|(p, w)| {
                    (
                        p.key.to_string(),
                        p.negative,
                        w.iter().map(|x| x.to_string()).collect(),
                    )
                })
                .collect()
        };
        assert_eq!(
            got("arson had been ruled out"),
            [("^arson".to_string(), true, vec!["arson".to_string()])]
        );
        assert!(
            !got("Ferry link: fare rise not ruled out")[0].1,
            "left open"
        );
        let rise = format!("^{}", super::super::text::stem("rise"));
        assert_eq!(got("they ruled out a fare rise for 2027")[0].0, rise);
        assert!(got("nothing was ruled out").is_empty());
    }

    #[test]
    fn an_antonym_is_compared_on_its_object_whatever_the_order() {
        let claims = [
            c(
                "a",
                1,
                "the union had accepted an offer of arbitration from the Tolvane transport board",
            ),
            c(
                "b",
                1,
                "The firm that operates the Tolvane bus depots has turned down the transport board's offer of arbitration",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].rule, "antonym-contradiction");
        // Another object: no contradiction.
        let claims = [
            c(
                "a",
                1,
                "the union had accepted an offer of arbitration from the Tolvane transport board",
            ),
            c(
                "b",
                1,
                "The firm that operates the Tolvane bus depots has turned down the union's demand for a pay rise",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn opposite_directions_contradict_whatever_the_figures() {
        let claims = [
            c("a", 1, "Shares in Orlo Foods fell 6.4% in Lisbon on Monday"),
            c(
                "b",
                1,
                "Orlo Foods shares rose 1.5 per cent in Lisbon on Monday",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].rule, "antonym-contradiction");
    }

    #[test]
    fn pivots_of_different_subjects_or_no_denied_word_are_not_compared() {
        // Different people, the same act.
        let claims = [
            c("a", 1, "Falk will not chair the Brennhaven hearing"),
            c("b", 1, "Lindqvist will chair the Brennhaven hearing"),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        // "neither does the dam" denies no word: "dam" is not a pivot.
        let rules = crate::rules::Rules::embedded().unwrap().compare;
        let lex = &rules.lex;
        let toks = super::super::text::tokenize(
            "the river does not belong to one nation, and neither does the dam",
        );
        let keys: Vec<String> = super::own_pivots(&toks, lex)
            .into_iter()
            .map(|p| p.key.to_string())
            .collect();
        assert_eq!(keys, ["belong"]);
    }

    #[test]
    fn negation_of_a_framed_statement_contradicts() {
        let claims = [
            c(
                "a",
                1,
                "no agreement was reached at the Geneva talks with Okafor",
            ),
            c(
                "b",
                1,
                "an agreement was reached at the Geneva talks with Okafor",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].rule, "polarity-contradiction");
        assert!(
            k[0].topic.starts_with("whether an agreement was reached"),
            "{}",
            k[0].topic
        );
        assert!(k[0].confidence >= DEFAULT);
    }

    #[test]
    fn antonyms_contradict() {
        let claims = [
            c(
                "a",
                1,
                "the Harlow council approved the new budget for the river port",
            ),
            c(
                "b",
                1,
                "the Harlow council rejected the new budget for the river port",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].rule, "antonym-contradiction");
    }

    #[test]
    fn will_go_against_will_not_go() {
        let claims = [
            c("a", 1, "the envoys will go to Kyiv after the Moscow talks"),
            c(
                "b",
                1,
                "the envoys will not go to Kyiv after the Moscow talks",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 1, "{f:#?}");
    }

    #[test]
    fn hedged_statements_are_not_compared() {
        let claims = [
            c(
                "a",
                1,
                "no concrete agreement was reached in the Okafor talks",
            ),
            c(
                "b",
                1,
                "the parties are close to an agreement in the Okafor talks",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn different_sub_topics_of_one_event_do_not_contradict() {
        let claims = [
            c(
                "a",
                1,
                "delegates agreed on the water-sharing annex in Geneva",
            ),
            c(
                "b",
                1,
                "no agreement was reached on the border demarcation annex in Geneva",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        // Different subjects named.
        let claims = [
            c("a", 1, "Russia has not agreed to the ceasefire plan"),
            c("b", 1, "Ukraine has agreed to the ceasefire plan"),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn one_changed_subject_word_is_not_a_contradiction() {
        let claims = [
            c("a", 1, "agreement was reached on the fisheries annex"),
            c(
                "b",
                1,
                "no agreement has been reached on the dredging annex",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn not_only_is_not_a_negation() {
        let claims = [
            c(
                "a",
                1,
                "the deal is not only about the Tarn harbour but about jobs",
            ),
            c("b", 1, "the deal is about the Tarn harbour and about jobs"),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    /// The built-in rules with the gazetteer (demonyms, places), as the pipeline has them.
    fn with_places() -> crate::compare::CompareRules {
        crate::rules::Rules::embedded().unwrap().compare
    }

    /// A claim by an organisation with a cue class.
    fn by(art: &str, who: &str, class: CueClass, content: &str) -> crate::model::Claim {
        let mut c = claim(art, 1, who, QuoteKind::Indirect, content);
        c.speaker.kind = SpeakerKind::Organisation;
        c.cue_class = class;
        c
    }

    fn agreements(rules: &crate::compare::CompareRules, claims: &[crate::model::Claim]) -> usize {
        let f = crate::compare::compare_all(&arts(), claims, rules);
        of(&f, FindingKind::Agreement).len()
    }

    #[test]
    fn synonyms_and_demonyms_make_two_wordings_of_one_demand_agree() {
        let d = CueClass::Directive;
        let claims = [
            by(
                "a",
                "Azerbaijan",
                d,
                "Armenia withdraw troops from the Kelbajar district",
            ),
            by(
                "b",
                "Azerbaijan",
                d,
                "surrender the Armenian Kelbajar district",
            ),
        ];
        let gaz = with_places();
        let f = crate::compare::compare_all(&arts(), &claims, &gaz);
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{f:#?}");
        assert_eq!(ag[0].rule, "statement-agreement");
        assert!(
            ag[0].topic.starts_with("statement by Azerbaijan"),
            "{}",
            ag[0].topic
        );
        // Same speaker: a little more confident than the words alone (4 of 5 stems).
        assert!((ag[0].confidence - (0.3 + 0.5 * 0.8 + SAME_SPEAKER)).abs() < 1e-9);
        // Without the gazetteer "Armenian" is not "Armenia": too few shared words.
        assert_eq!(agreements(&rules(), &claims), 0);
        // Without the synonym, "withdraw" and "surrender" differ: too few shared words.
        let other = [
            claims[0].clone(),
            by(
                "b",
                "Azerbaijan",
                d,
                "abolish the Armenian Kelbajar district",
            ),
        ];
        assert_eq!(agreements(&gaz, &other), 0);
    }

    #[test]
    fn a_demand_is_compared_only_with_demands() {
        let (d, n) = (CueClass::Directive, CueClass::Neutral);
        let demand = by(
            "a",
            "Azerbaijan",
            d,
            "Armenia withdraw troops from the Kelbajar district",
        );
        let done = by(
            "b",
            "Armenia",
            n,
            "Armenia withdrew troops from the Kelbajar district",
        );
        let gaz = with_places();
        assert_eq!(agreements(&gaz, &[demand.clone(), done.clone()]), 0);
        let said = by(
            "a",
            "Armenia",
            n,
            "Armenia withdrew its troops from the Kelbajar district",
        );
        assert_eq!(agreements(&gaz, &[said, done]), 1);
    }

    #[test]
    fn same_statement_from_two_sources_agrees() {
        let claims = [
            c(
                "a",
                1,
                "the Harlow council approved the new budget for the river port",
            ),
            c(
                "b",
                1,
                "the Harlow council has approved a new budget for the river port",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{f:#?}");
        assert_eq!(ag[0].sources, 2);
    }
}
