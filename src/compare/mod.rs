//! Stage 5, `compare`: findings across articles (agreements, contradictions, updates,
//! misquotes, misattributions, single-source claims), each with its evidence.
//!
//! Owns: turning claims into normalised propositions (who, frame, value, when, where,
//! polarity), blocking them by canonical entities and frames so that only claims that can
//! be about the same thing are paired, deciding what each pair means, counting
//! independent sources, confidences and the default threshold. Does not own: extracting
//! or resolving claims (speaker ids, dates, places and quantities come from `resolve`),
//! nor rendering findings (`report`).
//!
//! Families, one module each: [`quotes`] (direct quotes: misquote, misattribution,
//! quote agreement), [`numbers`] (quantity frames), [`events`] (dates and places of
//! events), [`polarity`] (statements: negation and antonyms), [`roles`] (who holds a
//! role). Each family builds items, gives each item block keys, and judges candidate
//! pairs; [`assemble`] turns the judged pairs into findings. Rules live in
//! `rules/frames.toml` and `rules/antonyms.toml`.

mod events;
pub mod explain;
pub mod memo;
mod numbers;
mod polarity;
mod quotes;
mod roles;
pub mod text;

use crate::error::{Error, Result};
use crate::model::{
    Article, Claim, ClaimIds, Detail, Finding, FindingKind, Interner, QuoteKind, SharedStr,
    SpeakerKind,
};
use crate::rules::{Fnv, RuleSet};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use text::{Tok, WordList, WordSet, Words, fold, strip_possessive, tokenize};

pub use quotes::word_diff;

/// Findings below this confidence are produced but not shown by default (`report`,
/// `eval`); `--min-confidence` changes it. See README.md ("Comparing") for how each rule scores.
pub const DEFAULT_MIN_CONFIDENCE: f64 = 0.6;

/// Blocks up to this size are compared all pairs against all; larger blocks are sorted
/// by value and each item is compared with the next [`WINDOW`] items only.
pub const FULL_BLOCK: usize = 64;

/// Neighbours each item of a large block is compared with.
pub const WINDOW: usize = 32;

/// How many of an article's most frequent anchors describe its story.
pub const STORY: usize = 6;

/// How many of an article's most quoted people join its story, after its anchors.
pub const STORY_SPEAKERS: usize = 1;

/// Letters of an acronym that a name's initials may spell ("MCT" for "Merrowgate
/// Container Terminals").
pub const ACRONYM_MAX: usize = 6;

/// What the whole corpus says about names, for reading each claim's anchors.
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// A speaker's surname (folded) -> its canonical id key ("id:..."), when only one
    /// speaker has it.
    pub surname_ids: HashMap<String, String>,
    /// Words the corpus writes in lower case and never capitalised inside a sentence.
    pub common: HashSet<String>,
    /// Acronyms the corpus writes, folded, without dots ("mct").
    pub acronyms: HashSet<String>,
}

/// What the comparer asks of the resolver's knowledge. The default, [`Equality`], treats
/// two places as compatible only when their keys are equal; the resolver's gazetteer
/// adds containment ("Miami" is in "Florida").
pub trait Lookup: Send + Sync {
    /// Whether places `a` and `b` (gazetteer ids, or lowercase names when unresolved) can
    /// be the same place: equal, or one inside the other.
    fn places_compatible(&self, a: &str, b: &str) -> bool;

    /// Whether place `a` is too large for two mentions of it to confirm where something
    /// happened (a continent): such a place never makes an agreement. None is, by default.
    fn too_broad(&self, _a: &str) -> bool {
        false
    }

    /// The name of the place a demonym is of ("Ukrainian" → "Ukraine"), so that statements
    /// compare "the Ukrainian Donbas" with "Ukraine's Donbas". None, by default.
    fn demonym_of(&self, _word: &str) -> Option<&str> {
        None
    }
}

/// Places are compatible only when equal.
#[derive(Clone, Copy, Debug, Default)]
pub struct Equality;

impl Lookup for Equality {
    fn places_compatible(&self, a: &str, b: &str) -> bool {
        a == b
    }
}

impl<F: Fn(&str, &str) -> bool + Send + Sync> Lookup for F {
    fn places_compatible(&self, a: &str, b: &str) -> bool {
        self(a, b)
    }
}

/// Which findings [`compare`] returns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CompareOptions {
    /// Findings below this confidence are left out.
    pub min_confidence: f64,
    /// Include single-source findings.
    pub single_source: bool,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            min_confidence: DEFAULT_MIN_CONFIDENCE,
            single_source: false,
        }
    }
}

impl CompareOptions {
    /// Everything: no threshold, single-source findings included (for `explain`).
    pub fn all() -> Self {
        CompareOptions {
            min_confidence: 0.0,
            single_source: true,
        }
    }
}

/// The kind of thing a frame describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FrameKind {
    /// A number with a unit.
    Quantity,
    /// Something that happens at a date and a place.
    Event,
    /// A yes/no proposition.
    Statement,
    /// Who holds a role.
    Role,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameEntry {
    name: String,
    kind: Option<FrameKind>,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    window: Option<usize>,
    #[serde(default)]
    positive: Vec<String>,
    #[serde(default)]
    negative: Vec<String>,
    min_shared: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnchorsSection {
    #[serde(default)]
    ignore: Vec<String>,
    weak_share: Option<f64>,
    #[serde(default)]
    locative: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesSection {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeSection {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    past: Vec<String>,
    #[serde(default)]
    now: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsSection {
    #[serde(default)]
    words: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TextSection {
    #[serde(default)]
    stopwords: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersSection {
    #[serde(default)]
    approximate: Vec<String>,
    tolerance: Option<f64>,
    open_window: Option<usize>,
    open_agree: Option<usize>,
    open_differ: Option<usize>,
    #[serde(default)]
    measures: Vec<String>,
    #[serde(default)]
    same_units: Vec<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsSection {
    max_gap_days: Option<i64>,
    #[serde(default)]
    clause_joins: Vec<String>,
    #[serde(default)]
    presence: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FramesFile {
    #[serde(default)]
    anchors: AnchorsSection,
    #[serde(default)]
    dates: DatesSection,
    #[serde(default)]
    change: ChangeSection,
    #[serde(default)]
    numbers: NumbersSection,
    #[serde(default)]
    events: EventsSection,
    #[serde(default)]
    distinct: WordsSection,
    #[serde(default)]
    text: TextSection,
    #[serde(default)]
    frame: Vec<FrameEntry>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PairEntry {
    #[serde(default)]
    positive: Vec<String>,
    #[serde(default)]
    negative: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AntonymsFile {
    #[serde(default)]
    negations: Vec<String>,
    #[serde(default)]
    not_negations: Vec<String>,
    scope: Option<usize>,
    #[serde(default)]
    hedges: Vec<String>,
    #[serde(default)]
    exclusions: Vec<String>,
    #[serde(default)]
    pair: Vec<PairEntry>,
    #[serde(default)]
    synonyms: Vec<SynonymEntry>,
}

/// One `[[synonyms]]` group of `antonyms.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymEntry {
    #[serde(default)]
    words: Vec<String>,
}

/// One compiled frame from `rules/frames.toml`.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Unique id.
    pub name: String,
    /// Quantity, event, statement or role.
    pub kind: FrameKind,
    /// Readable name of what it is about.
    pub topic: String,
    pub(crate) keywords: WordList,
    pub(crate) also: WordList,
    pub(crate) units: Vec<String>,
    pub(crate) window: usize,
    pub(crate) positive: WordList,
    pub(crate) negative: WordList,
    pub(crate) min_shared: usize,
}

impl Frame {
    /// Token positions where a keyword occurs (and, when the frame has `also` words, one
    /// of them occurs within `window` tokens).
    pub(crate) fn hits(&self, toks: &[Tok]) -> Vec<usize> {
        self.keywords
            .positions(toks)
            .into_iter()
            .map(|(i, _)| i)
            .filter(|&i| {
                self.also.is_empty()
                    || self
                        .also
                        .any_in(toks, i.saturating_sub(self.window), i + self.window + 1)
            })
            .collect()
    }
}

/// The word lists every family shares.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    pub anchor_ignore: WordSet,
    /// Words after which a place is where something happens ("in", "visited").
    pub locative: WordSet,
    pub weak_share: f64,
    pub dates: WordList,
    pub change: WordList,
    pub past: WordList,
    pub now: WordList,
    pub approximate: WordList,
    pub tolerance: f64,
    /// Open quantities (a number and its unit in no quantity frame): context words are
    /// read this many tokens either side of the number (0: open quantities are off).
    pub open_window: usize,
    /// Context stems two open quantities must share to agree / to differ.
    pub open_agree: usize,
    pub open_differ: usize,
    /// Open-quantity units that are amounts, not counts of things (unit keys): they
    /// differ only on `open_differ` shared context stems.
    pub measures: HashSet<String>,
    /// Unit key → the unit key it is compared as (`same_units`).
    pub same_unit: HashMap<String, String>,
    pub max_gap_days: i64,
    /// Words that, after a comma, join two clauses that may tell two events ("..., and").
    pub clause_joins: WordSet,
    /// Words saying that someone was somewhere ("arrived", "took place").
    pub presence: WordList,
    pub distinct: WordList,
    pub stopwords: WordSet,
    pub negations: WordList,
    pub not_negations: WordList,
    pub scope: usize,
    pub hedges: WordList,
    /// Phrases that exclude their object as a possibility ("ruled out arson", "arson was
    /// ruled out"); negated, they leave it open ("has not ruled out arson").
    pub exclusions: WordList,
    /// Every antonym word, and for each entry its pair and whether it is the negative side.
    pub antonyms: WordList,
    pub antonym_of: Vec<(usize, bool)>,
    /// Every synonym word, and for each entry its group.
    pub synonyms: WordList,
    pub synonym_of: Vec<usize>,
}

/// The comparer's compiled rules and options.
#[derive(Clone)]
pub struct CompareRules {
    /// Frames from `rules/frames.toml`.
    pub frames: Vec<Frame>,
    pub(crate) lex: Lexicon,
    /// Which findings [`compare`] returns.
    pub options: CompareOptions,
    lookup: Arc<dyn Lookup>,
}

impl std::fmt::Debug for CompareRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompareRules")
            .field("frames", &self.frames.len())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Default for CompareRules {
    fn default() -> Self {
        CompareRules {
            frames: Vec::new(),
            lex: Lexicon {
                weak_share: 0.25,
                tolerance: 0.1,
                max_gap_days: 14,
                scope: 4,
                ..Lexicon::default()
            },
            options: CompareOptions::default(),
            lookup: Arc::new(Equality),
        }
    }
}

fn invalid(set: &RuleSet, file: &str, rule: &str, message: impl Into<String>) -> Error {
    Error::RuleInvalid {
        path: set.path_of(file),
        rule: rule.to_string(),
        message: message.into(),
    }
}

impl CompareRules {
    /// Compile `frames.toml` and `antonyms.toml`.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let f: FramesFile = set.get("frames.toml")?;
        let a: AntonymsFile = set.get("antonyms.toml")?;
        let mut frames: Vec<Frame> = Vec::new();
        let mut names = BTreeSet::new();
        for e in f.frame {
            let name = e.name.trim().to_string();
            if name.is_empty() {
                return Err(invalid(
                    set,
                    "frames.toml",
                    "[[frame]]",
                    "a frame needs a name",
                ));
            }
            if !names.insert(name.clone()) {
                // A user's frame of the same name replaces the built-in one.
                frames.retain(|fr| fr.name != name);
            }
            let Some(kind) = e.kind else {
                return Err(invalid(
                    set,
                    "frames.toml",
                    &name,
                    "kind is missing (quantity, event, statement or role)",
                ));
            };
            if e.keywords.is_empty() {
                return Err(invalid(set, "frames.toml", &name, "keywords is empty"));
            }
            if kind == FrameKind::Quantity && e.units.is_empty() {
                return Err(invalid(
                    set,
                    "frames.toml",
                    &name,
                    "a quantity frame needs units",
                ));
            }
            if e.min_shared == Some(0) {
                return Err(invalid(
                    set,
                    "frames.toml",
                    &name,
                    "min_shared must be at least 1",
                ));
            }
            let topic = if e.topic.trim().is_empty() {
                name.replace('-', " ")
            } else {
                e.topic.trim().to_string()
            };
            frames.push(Frame {
                kind,
                topic,
                keywords: WordList::new(&e.keywords),
                also: WordList::new(&e.also),
                units: e.units.iter().map(|u| unit_key(u)).collect(),
                window: e.window.unwrap_or(8).clamp(1, 50),
                positive: WordList::new(&e.positive),
                negative: WordList::new(&e.negative),
                min_shared: e.min_shared.unwrap_or(2),
                name,
            });
        }
        let weak_share = f.anchors.weak_share.unwrap_or(0.25);
        if !(0.0..=1.0).contains(&weak_share) {
            return Err(invalid(
                set,
                "frames.toml",
                "anchors.weak_share",
                "must lie between 0 and 1",
            ));
        }
        let tolerance = f.numbers.tolerance.unwrap_or(0.1);
        if !(0.0..1.0).contains(&tolerance) {
            return Err(invalid(
                set,
                "frames.toml",
                "numbers.tolerance",
                "must lie between 0 and 1",
            ));
        }
        let mut dates = f.dates.words.clone();
        dates.extend(f.dates.phrases.iter().cloned());
        let mut antonym_words: Vec<String> = Vec::new();
        let mut antonym_of: Vec<(usize, bool)> = Vec::new();
        for (k, p) in a.pair.iter().enumerate() {
            for (list, negative) in [(&p.positive, false), (&p.negative, true)] {
                for w in list {
                    antonym_words.push(w.clone());
                    antonym_of.push((k, negative));
                }
            }
        }
        let mut synonym_words: Vec<String> = Vec::new();
        let mut synonym_of: Vec<usize> = Vec::new();
        for (k, g) in a.synonyms.iter().enumerate() {
            for w in &g.words {
                synonym_words.push(w.clone());
                synonym_of.push(k);
            }
        }
        let lex = Lexicon {
            antonyms: WordList::new(&antonym_words),
            antonym_of,
            synonyms: WordList::new(&synonym_words),
            synonym_of,
            anchor_ignore: WordSet::new(&f.anchors.ignore),
            locative: WordSet::new(&f.anchors.locative),
            weak_share,
            dates: WordList::new(&dates),
            change: WordList::new(&f.change.words),
            past: WordList::new(&f.change.past),
            now: WordList::new(&f.change.now),
            approximate: WordList::new(&f.numbers.approximate),
            tolerance,
            open_window: f.numbers.open_window.unwrap_or(0).min(20),
            open_agree: f.numbers.open_agree.unwrap_or(1).max(1),
            open_differ: f.numbers.open_differ.unwrap_or(2).max(1),
            measures: f.numbers.measures.iter().map(|u| unit_key(u)).collect(),
            same_unit: f
                .numbers
                .same_units
                .iter()
                .filter_map(|g| {
                    let first = unit_key(g.first()?);
                    Some(g.iter().map(move |u| (unit_key(u), first.clone())))
                })
                .flatten()
                .collect(),
            max_gap_days: f.events.max_gap_days.unwrap_or(14).max(0),
            clause_joins: WordSet::new(&f.events.clause_joins),
            presence: WordList::new(&f.events.presence),
            distinct: WordList::new(&f.distinct.words),
            stopwords: WordSet::new(&f.text.stopwords),
            negations: WordList::new(&a.negations),
            not_negations: WordList::new(&a.not_negations),
            scope: a.scope.unwrap_or(4).clamp(1, 20),
            hedges: WordList::new(&a.hedges),
            exclusions: WordList::new(&a.exclusions),
        };
        Ok(CompareRules {
            frames,
            lex,
            options: CompareOptions::default(),
            lookup: Arc::new(Equality),
        })
    }

    /// Use `lookup` (the resolver's gazetteer) to decide whether two places are compatible.
    pub fn set_lookup(&mut self, lookup: Arc<dyn Lookup>) {
        self.lookup = lookup;
    }

    /// Whether place `a` is too large to confirm where something happened.
    pub fn too_broad(&self, a: &str) -> bool {
        self.lookup.too_broad(a)
    }

    /// Whether places `a` and `b` can be the same place.
    pub fn places_compatible(&self, a: &str, b: &str) -> bool {
        a == b || self.lookup.places_compatible(a, b) || self.lookup.places_compatible(b, a)
    }
}

/// The unit key of a unit noun: folded, singular.
pub(crate) fn unit_key(u: &str) -> String {
    let f = fold(u.trim());
    for (plural, singular) in [
        ("people", "people"),
        ("ies", "y"),
        ("ches", "ch"),
        ("shes", "sh"),
    ] {
        if let Some(s) = f.strip_suffix(plural) {
            return format!("{s}{singular}");
        }
    }
    match f.strip_suffix('s') {
        Some(s) if !s.ends_with('s') && s.len() >= 2 => s.to_string(),
        _ => f,
    }
}

/// A named participant or place in a claim's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Anchor {
    /// Matching key: a place key, an entity id, or the folded last name word.
    pub key: SharedStr,
    /// As written.
    pub display: SharedStr,
    /// Token position.
    pub pos: usize,
    /// Token position just after the run of words it was read from.
    pub end: usize,
    /// A place.
    pub place: bool,
    /// A place written where something happens ("in Florida", "visited Moscow"), not a
    /// party to it ("U.S. envoys", "Ukraine's push").
    pub locative: bool,
    /// Too common in this corpus to tell subjects apart.
    pub weak: bool,
}

/// A claim prepared for comparison.
#[derive(Debug)]
pub(crate) struct Prep<'a> {
    pub claim: &'a Claim,
    pub article: Option<&'a Article>,
    /// Independence key.
    pub source: SharedStr,
    /// Speaker key: canonical id, else the folded name.
    pub speaker: SharedStr,
    /// The content's tokens, compactly ([`Prep::toks`] or [`Prep::tokd`] gives them).
    pub words: Words,
    pub anchors: Vec<Anchor>,
    /// The claim's date, when its content holds exactly one date expression.
    pub event_date: Option<&'a str>,
    /// Place keys and display forms.
    pub places: Vec<(SharedStr, SharedStr)>,
    /// The content says something is uncertain or conditional.
    pub hedged: bool,
    /// The speaker's anchor key when the content refers back to the speaker ("he would
    /// meet Sarkis"): the speaker takes part in what the content reports.
    pub speaker_anchor: Option<SharedStr>,
    /// A person speaker's anchor key (the key an anchor of their last name has), whether
    /// or not the content refers back.
    pub speaker_surname: Option<SharedStr>,
    /// The most frequent strong anchors of the claim's article: what its story is about,
    /// for claims whose own content names nothing ("the document now has 27 points").
    /// One list per article, shared by its claims.
    pub story: Arc<[String]>,
    /// Fingerprint of everything above, the claim and its article (see [`memo`]); zero
    /// when no memo is in use.
    pub fp: memo::Fp,
}

impl<'a> Prep<'a> {
    /// The content's tokens, as [`tokenize`] gives them (worked out again from
    /// [`Prep::words`]: every claim's tokens held at once would take 40 bytes a token).
    pub fn toks(&self) -> Vec<Tok> {
        self.words.toks(&self.claim.content)
    }
    /// The prep with its tokens, for a family building its items from it.
    pub fn tokd(&self) -> Tokd<'_, 'a> {
        Tokd {
            prep: self,
            toks: self.toks(),
        }
    }
    /// `article-id:line`, for details.
    pub fn loc(&self) -> String {
        format!("{}:{}", self.claim.article, self.claim.line)
    }
    /// Strong anchor keys.
    pub fn strong(&self) -> impl Iterator<Item = &Anchor> {
        self.anchors.iter().filter(|a| !a.weak)
    }
}

/// A prep with its content's tokens (see [`Prep::tokd`]); derefs to the prep.
pub(crate) struct Tokd<'p, 'a> {
    pub prep: &'p Prep<'a>,
    pub toks: Vec<Tok>,
}

impl<'a> std::ops::Deref for Tokd<'_, 'a> {
    type Target = Prep<'a>;
    fn deref(&self) -> &Prep<'a> {
        self.prep
    }
}

/// The independence key of a claim: the outlet it cites, else the wire its article
/// relays, else its article's outlet, else its article.
pub fn independence_key(claim: &Claim, article: Option<&Article>) -> String {
    let norm = |s: &str| {
        let f = fold(s.trim());
        f.strip_prefix("the ").unwrap_or(&f).trim().to_string()
    };
    if let Some(o) = claim
        .cited_outlet
        .as_deref()
        .filter(|o| !o.trim().is_empty())
    {
        return norm(o);
    }
    if let Some(a) = article {
        if let Some(w) = a.meta.wire.as_deref().filter(|o| !o.trim().is_empty()) {
            return norm(w);
        }
        if let Some(o) = a.meta.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
            return norm(o);
        }
    }
    format!("article:{}", claim.article)
}

/// The key a speaker is compared by: the canonical id, else the folded name without a
/// leading article.
pub fn speaker_key(claim: &Claim) -> String {
    if let Some(id) = claim.speaker.id.as_deref().filter(|i| !i.is_empty()) {
        return format!("id:{id}");
    }
    let f = fold(claim.speaker.name.trim());
    let f = f
        .strip_prefix("the ")
        .or_else(|| f.strip_prefix("a "))
        .unwrap_or(&f);
    f.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The stable id of a finding: `F-` and 10 hex digits of a hash of its kind, rule and
/// sorted claim ids.
pub fn finding_id<S: AsRef<str>>(kind: FindingKind, rule: &str, claims: &[S]) -> String {
    finding_id_of(kind, rule, claims.iter().map(AsRef::as_ref))
}

/// [`finding_id`] over any iterator of claim ids.
fn finding_id_of<'x>(
    kind: FindingKind,
    rule: &str,
    claims: impl Iterator<Item = &'x str>,
) -> String {
    let mut ids: Vec<&str> = claims.collect();
    ids.sort_unstable();
    ids.dedup();
    let mut h = Fnv::new();
    h.write(kind.as_str().as_bytes());
    h.write(rule.as_bytes());
    for id in ids {
        h.write(id.as_bytes());
    }
    format!("F-{:010x}", h.finish() & 0xff_ffff_ffff)
}

/// The corpus prepared for comparison.
pub(crate) struct Ctx<'a> {
    pub rules: &'a CompareRules,
    pub preps: Vec<Prep<'a>>,
    /// Each prep's claim id, one shared string that every finding naming it refers to;
    /// the table that findings over runs of prep indices ([`ClaimIds::from_runs`]) share.
    pub ids: Arc<[Arc<str>]>,
    /// The previous run's judgements, and this run's, when memoising (`--cache`).
    pub memo: Option<&'a memo::Judgements>,
    /// The findings' topics, one shared copy of each (many findings share a topic).
    topics: Interner,
}

impl<'a> Ctx<'a> {
    fn new(
        articles: &'a [Article],
        claims: &'a [Claim],
        rules: &'a CompareRules,
        memo: Option<&'a memo::Judgements>,
    ) -> Self {
        // A canonical order, so that nothing depends on the order claims come in.
        let mut claims: Vec<&'a Claim> = claims.iter().collect();
        claims.par_sort_by(|a, b| {
            (
                a.article.as_str(),
                a.line,
                a.content_span.start,
                a.id.as_str(),
            )
                .cmp(&(
                    b.article.as_str(),
                    b.line,
                    b.content_span.start,
                    b.id.as_str(),
                ))
        });
        let by_id: HashMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
        // Surnames of speakers with a canonical id, so that "Putin" in one claim's content
        // and the speaker "Vladimir Putin" elsewhere share an anchor.
        let mut surname_ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for c in &claims {
            if let Some(id) = c.speaker.id.as_deref().filter(|i| !i.is_empty()) {
                if c.speaker.kind == SpeakerKind::Person {
                    if let Some(last) = c.speaker.name.split_whitespace().last() {
                        surname_ids
                            .entry(strip_possessive(&fold(last)).to_string())
                            .or_default()
                            .insert(id.to_string());
                    }
                }
            }
        }
        let surname_ids: HashMap<String, String> = surname_ids
            .into_iter()
            .filter(|(_, ids)| ids.len() == 1)
            .filter_map(|(k, ids)| ids.into_iter().next().map(|id| (k, format!("id:{id}"))))
            .collect();
        // A capitalised word that opens a sentence is not a name when the corpus writes it
        // in lower case elsewhere and never with a capital inside a sentence.
        // Claims tokenised on the thread pool; sets, so the result is the same whatever
        // the split.
        // Each claim is tokenised once, here: its tokens are kept compactly and read
        // back from that form below and by the families.
        let words: Vec<Words> = claims
            .par_iter()
            .map(|c| Words::of(&tokenize(&c.content)))
            .collect();
        // Acronyms ("MCT"): a name whose words' initials spell one is that acronym.
        type Seen = (HashSet<String>, HashSet<String>, HashSet<String>);
        let (names_seen, lower_seen, acronyms): Seen = claims
            .par_iter()
            .zip(&words)
            .fold(
                Seen::default,
                |(mut names_seen, mut lower_seen, mut acronyms), (c, w)| {
                    for t in w.iter(&c.content) {
                        if t.acronym {
                            let a = strip_possessive(&t.norm).replace('.', "");
                            if (2..=ACRONYM_MAX).contains(&a.len()) {
                                acronyms.insert(a);
                            }
                        }
                        if t.cap && !t.initial {
                            names_seen.insert(strip_possessive(&t.norm).to_string());
                        } else if !t.cap {
                            lower_seen.insert(strip_possessive(&t.norm).to_string());
                        }
                    }
                    (names_seen, lower_seen, acronyms)
                },
            )
            .reduce(Seen::default, |mut a, b| {
                a.0.extend(b.0);
                a.1.extend(b.1);
                a.2.extend(b.2);
                a
            });
        // Common words: seen in lower case and never with a capital inside a sentence.
        let names_seen: HashSet<String> = lower_seen
            .into_iter()
            .filter(|w| !names_seen.contains(w))
            .collect();
        let names = Names {
            surname_ids,
            common: names_seen,
            acronyms,
        };
        // Each claim on its own, in parallel; an indexed collect keeps the order. The
        // preps' keys and names recur across claims: one shared copy of each.
        let pool = Interner::default();
        let mut preps: Vec<Prep> = claims
            .into_par_iter()
            .zip(words)
            .map(|(c, w)| {
                prepare(
                    c,
                    w,
                    by_id.get(c.article.as_str()).copied(),
                    rules,
                    &names,
                    &pool,
                )
            })
            .collect();
        // Anchors carried by too many claims are weak.
        let mut weak: HashSet<String> = HashSet::new();
        if preps.len() >= 20 {
            let mut df: HashMap<&str, usize> = HashMap::new();
            for p in &preps {
                let keys: HashSet<&str> = p.anchors.iter().map(|a| a.key.as_str()).collect();
                for k in keys {
                    *df.entry(k).or_default() += 1;
                }
            }
            let limit = (rules.lex.weak_share * preps.len() as f64).max(2.0);
            weak = df
                .into_iter()
                .filter(|&(_, n)| n as f64 > limit)
                .map(|(k, _)| k.to_string())
                .collect();
            for p in &mut preps {
                for a in &mut p.anchors {
                    a.weak = weak.contains(a.key.as_str());
                }
            }
        }
        // Each article's story: the names its text mentions most (see
        // [`article_story`]; its claims' most frequent anchors when its text gives none),
        // then the people it quotes most (a person speaker of two claims or more is part
        // of the story even where the contents name no one: "turnout was 45.2 per cent",
        // Horvat said).
        type Counts<'k> = BTreeMap<&'k str, usize>;
        /// Per article: the article, its claims' places, its anchors' counts and its
        /// person speakers'.
        #[derive(Default)]
        struct PerArticle<'k, 'a> {
            article: Option<&'a Article>,
            places: Vec<(SharedStr, SharedStr)>,
            counts: Counts<'k>,
            speakers: Counts<'k>,
        }
        let mut per_article: BTreeMap<&str, PerArticle> = BTreeMap::new();
        for p in &preps {
            let PerArticle {
                article,
                places,
                counts,
                speakers,
            } = per_article.entry(p.claim.article.as_str()).or_default();
            *article = article.or(p.article);
            for pl in &p.places {
                if !places.iter().any(|x| x.0 == pl.0) {
                    places.push(pl.clone());
                }
            }
            for a in p.strong() {
                *counts.entry(a.key.as_str()).or_default() += 1;
            }
            if let Some(s) = p
                .speaker_surname
                .as_deref()
                // A name too many claims carry tells no story apart, as a speaker
                // either.
                .filter(|s| !weak.contains(*s))
            {
                *speakers.entry(s).or_default() += 1;
            }
        }
        fn ranked(counts: BTreeMap<&str, usize>) -> Vec<(&str, usize)> {
            let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            v
        }
        // Every strong anchor some claim carries: the names a story is told in.
        let claim_keys: HashSet<&str> = preps
            .iter()
            .flat_map(|p| p.strong().map(|a| a.key.as_str()))
            .collect();
        let story: BTreeMap<&str, Arc<[String]>> = per_article
            .into_par_iter()
            .map(|(art, per)| {
                let PerArticle {
                    article,
                    places,
                    counts,
                    speakers,
                } = per;
                let mut keys: Vec<String> = article
                    .map(|a| {
                        article_story(a, &places, &rules.lex, &names, &pool, &weak, &claim_keys)
                    })
                    .unwrap_or_default();
                if keys.is_empty() {
                    keys = ranked(counts)
                        .into_iter()
                        .take(STORY)
                        .map(|(k, _)| k.to_string())
                        .collect();
                }
                let quoted: Vec<String> = ranked(speakers)
                    .into_iter()
                    .filter(|&(k, n)| n >= 2 && !keys.iter().any(|x| x == k))
                    .take(STORY_SPEAKERS)
                    .map(|(k, _)| k.to_string())
                    .collect();
                keys.extend(quoted);
                (art, keys.into())
            })
            .collect();
        drop(pool);
        for p in &mut preps {
            p.story = story
                .get(p.claim.article.as_str())
                .cloned()
                .unwrap_or_default();
        }
        if memo.is_some() {
            let article_fps: HashMap<&str, memo::Fp> = articles
                .par_iter()
                .map(|a| (a.id.as_str(), memo::article_fp(a)))
                .collect();
            preps.par_iter_mut().for_each(|p| {
                p.fp = memo::prep_fp(p, p.article.and_then(|a| article_fps.get(a.id.as_str())));
            });
        }
        // The claims' own shared ids, not copies.
        let ids = preps.iter().map(|p| p.claim.id.as_arc().clone()).collect();
        Ctx {
            rules,
            preps,
            ids,
            memo,
            topics: Interner::default(),
        }
    }

    /// The ids of the claims behind prep indices, sorted and unique: the shared
    /// strings of `ids`, not copies.
    fn claim_ids(&self, members: &[usize]) -> Vec<Arc<str>> {
        let set: BTreeSet<usize> = members.iter().copied().collect();
        set.into_iter()
            .filter_map(|i| self.ids.get(i))
            .cloned()
            .collect()
    }

    /// Number of independent sources behind prep indices.
    pub fn sources(&self, members: &[usize]) -> usize {
        members
            .iter()
            .filter_map(|&i| self.preps.get(i))
            .map(|p| p.source.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// The source behind a prep, as a reader knows it: the wire or cited outlet, or the
    /// article itself.
    pub fn source_name(&self, i: usize) -> &str {
        self.preps
            .get(i)
            .map(|p| p.source.strip_prefix("article:").unwrap_or(&p.source))
            .unwrap_or_default()
    }

    /// Number of articles behind prep indices.
    pub fn articles(&self, members: &[usize]) -> usize {
        members
            .iter()
            .filter_map(|&i| self.preps.get(i))
            .map(|p| p.claim.article.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// Locations (`article:line`) of prep indices, sorted, unique, joined.
    pub fn locs(&self, members: &[usize]) -> String {
        let set: BTreeSet<String> = members
            .iter()
            .filter_map(|&i| self.preps.get(i))
            .map(Prep::loc)
            .collect();
        set.into_iter().collect::<Vec<_>>().join(", ")
    }

    /// A finding over prep indices; None unless they span at least two articles (every
    /// kind but single-source is about more than one article).
    pub fn finding(
        &self,
        kind: FindingKind,
        rule: &str,
        topic: String,
        members: &[usize],
        detail: String,
        confidence: f64,
    ) -> Option<Finding> {
        if kind != FindingKind::SingleSource && self.articles(members) < 2 {
            return None;
        }
        let claims = self.claim_ids(members);
        Some(Finding {
            id: finding_id(kind, rule, &claims),
            kind,
            topic: self.topics.get(&topic),
            claims: claims.into(),
            detail: detail.into(),
            rule: SharedStr::pooled(rule),
            confidence: (confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0,
            sources: self.sources(members),
        })
    }
}

impl Ctx<'_> {
    /// [`Ctx::finding`] over sorted runs of prep indices (each a group of claims that
    /// other findings name too, shared rather than copied), with a detail of parts.
    /// The same finding as `finding` over the runs' union.
    pub fn finding_runs(
        &self,
        kind: FindingKind,
        rule: &str,
        topic: String,
        runs: Vec<Arc<[u32]>>,
        detail: Detail,
        confidence: f64,
    ) -> Option<Finding> {
        let members: Vec<usize> = runs
            .iter()
            .flat_map(|r| r.iter().map(|&i| i as usize))
            .collect();
        if kind != FindingKind::SingleSource && self.articles(&members) < 2 {
            return None;
        }
        let sources = self.sources(&members);
        drop(members);
        let claims = ClaimIds::from_runs(self.ids.clone(), runs);
        Some(Finding {
            id: finding_id_of(kind, rule, claims.iter().map(AsRef::as_ref)),
            kind,
            topic: self.topics.get(&topic),
            claims,
            detail,
            rule: SharedStr::pooled(rule),
            confidence: (confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0,
            sources,
        })
    }
}

/// Token positions where each date expression of `toks` starts, in order (adjacent date
/// words make one expression; ISO dates written as digits count too).
pub(crate) fn date_expression_starts(toks: &[Tok], lex: &Lexicon) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut last_end: Option<usize> = None;
    for (i, n) in lex.dates.positions(toks) {
        let adjacent = last_end.is_some_and(|e| i <= e + 1);
        if !adjacent {
            starts.push(i);
        }
        last_end = Some(i + n - 1);
    }
    // "May" is no date word (it is a modal verb) but next to a day of the month it is
    // the month ("from May 4", "on 4 May").
    let day = |t: Option<&Tok>| {
        t.and_then(|t| t.norm.parse::<u8>().ok())
            .is_some_and(|d| (1..=31).contains(&d))
    };
    for (i, t) in toks.iter().enumerate() {
        if t.norm != "may" {
            continue;
        }
        if day(i.checked_sub(1).and_then(|j| toks.get(j))) {
            starts.push(i - 1);
        } else if day(toks.get(i + 1)) {
            starts.push(i);
        }
    }
    starts.extend(toks.iter().enumerate().filter_map(|(i, t)| {
        let b = t.norm.as_bytes();
        (b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(k, c)| k == 4 || k == 7 || c.is_ascii_digit()))
        .then_some(i)
    }));
    starts.sort_unstable();
    starts
}

fn prepare<'a>(
    claim: &'a Claim,
    words: Words,
    article: Option<&'a Article>,
    rules: &CompareRules,
    names: &Names,
    pool: &Interner,
) -> Prep<'a> {
    let lex = &rules.lex;
    let toks = words.toks(&claim.content);
    let places: Vec<(SharedStr, SharedStr)> = claim
        .places
        .iter()
        .map(|p| {
            let key =
                p.id.as_deref()
                    .filter(|i| !i.is_empty())
                    .map_or_else(|| fold(p.text.trim()), |i| format!("place:{i}"));
            (pool.get(&key), pool.get(p.text.trim()))
        })
        .collect();
    let mut anchors = anchors(&claim.content, &toks, &places, lex, names, pool);
    // Held to the end of the comparison: no growth slack.
    anchors.shrink_to_fit();
    let event_date = match date_expression_starts(&toks, lex).as_slice() {
        [start] if !dated_by_attribution(claim) && !reported_on(&toks, *start, lex) => {
            claim.date.as_deref().filter(|d| !d.is_empty())
        }
        _ => None,
    };
    let refers_back = claim.speaker.kind == SpeakerKind::Person
        && toks.iter().any(|t| {
            matches!(
                t.norm.as_str(),
                "he" | "she" | "i" | "we" | "him" | "her" | "me"
            ) || (t.norm == "us" && !t.acronym)
        });
    let speaker_surname = (claim.speaker.kind == SpeakerKind::Person)
        .then(|| claim.speaker.name.split_whitespace().last())
        .flatten()
        .map(|last| {
            let base = strip_possessive(&fold(last)).replace('.', "");
            pool.get(names.surname_ids.get(&base).unwrap_or(&base))
        });
    let speaker_anchor = refers_back.then(|| speaker_surname.clone()).flatten();
    Prep {
        story: Arc::from(Vec::new()),
        fp: memo::Fp::default(),
        speaker_anchor,
        speaker_surname,
        claim,
        article,
        source: pool.get(&independence_key(claim, article)),
        speaker: pool.get(&speaker_key(claim)),
        hedged: lex.hedges.any(&toks),
        words,
        anchors,
        event_date,
        places,
    }
}

/// Whether the date expression starting at token `start` dates an earlier report the
/// content refers back to ("63 now, up from the 27 it reported on Sunday", "the figure
/// the council announced late on Friday"): a verb of saying with its date closing the
/// content. That is the day something was said before, not the day of what the claim
/// reports, so it dates no event. A verb of saying that opens what follows ("Arvane
/// said on Friday it was extending the recall") frames the claim and keeps its date.
fn reported_on(toks: &[Tok], start: usize, lex: &Lexicon) -> bool {
    // The date closes the content: only date words and figures after `start`.
    let mut k = start;
    while k < toks.len() {
        match lex.dates.match_at(toks, k) {
            Some(n) => k += n,
            None if toks[k].norm.chars().all(|c| c.is_ascii_digit()) => k += 1,
            None => return false,
        }
    }
    let mut i = start;
    // "reported on Sunday", "said late on Sunday": a word or two may come between.
    for _ in 0..3 {
        let Some(prev) = i.checked_sub(1).and_then(|j| toks.get(j)) else {
            return false;
        };
        if REPORT_VERBS.contains(&prev.norm.as_str()) {
            return true;
        }
        if !matches!(prev.norm.as_str(), "last" | "early" | "late" | "on") {
            return false;
        }
        i -= 1;
    }
    false
}

/// Verbs of saying whose date, written right after them, is the day of the saying.
const REPORT_VERBS: &[&str] = &[
    "said",
    "reported",
    "announced",
    "told",
    "stated",
    "confirmed",
    "published",
];

/// Whether the claim's date is the day its attribution names ("..., the governor said on
/// Tuesday"): the resolver falls back to it when the content's own date could not be
/// read. That is when the words were said, not when what they report happens, so it
/// never dates an event for comparison.
pub(crate) fn dated_by_attribution(claim: &Claim) -> bool {
    claim
        .date_source
        .as_deref()
        .is_some_and(|s| s.starts_with("attribution"))
}

/// Named participants and places: each run of capitalised words becomes one anchor (its
/// last word not in `anchors.ignore`), or the place it names. `toks` are `src`'s tokens.
fn anchors(
    src: &str,
    toks: &[Tok],
    places: &[(SharedStr, SharedStr)],
    lex: &Lexicon,
    names: &Names,
    pool: &Interner,
) -> Vec<Anchor> {
    let mut out = mentions(src, toks, places, lex, names, pool);
    for (key, display) in places {
        if !out.iter().any(|a| &a.key == key) {
            out.push(Anchor {
                key: key.clone(),
                display: display.clone(),
                pos: toks.len(),
                end: toks.len(),
                place: true,
                locative: false,
                weak: false,
            });
        }
    }
    // One anchor per key.
    let mut seen = HashSet::new();
    out.retain(|a| seen.insert(a.key.clone()));
    out
}

/// Every mention of a name or place in `src` (whose tokens are `toks`), in text order,
/// a key as often as it is written: the runs of capitalised words [`anchors`] reads.
fn mentions(
    src: &str,
    toks: &[Tok],
    places: &[(SharedStr, SharedStr)],
    lex: &Lexicon,
    names: &Names,
    pool: &Interner,
) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    let place_by_text: HashMap<String, &(SharedStr, SharedStr)> =
        places.iter().map(|p| (fold(&p.1), p)).collect();
    let eligible = |t: &Tok| {
        let base = strip_possessive(&t.norm);
        (t.cap || t.acronym) && !lex.anchor_ignore.contains(base) && !base.is_empty() && {
            // Digits are not names.
            base.chars().any(char::is_alphabetic)
        }
    };
    let capitalised = |t: &Tok| t.cap || t.acronym;
    let mut i = 0;
    while i < toks.len() {
        if !capitalised(&toks[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && capitalised(&toks[j]) && !toks[j].breaks && !toks[j].initial {
            // A possessive ends a name: "Trump's envoys"; so does a date word: "in Paris
            // Monday" names Paris.
            if toks[j - 1].possessive() || lex.dates.match_at(toks, j).is_some() {
                break;
            }
            j += 1;
        }
        let run = &toks[i..j];
        // One capitalised word opening a sentence that the corpus otherwise writes in
        // lower case is a common word ("Nobody will...", "Negotiators said...").
        if j == i + 1
            && toks[i].initial
            && !toks[i].acronym
            && names.common.contains(strip_possessive(&toks[i].norm))
        {
            i = j;
            continue;
        }
        // "in Moscow", "at the Elysee", "visited Moscow": where something happens.
        let before = |k: usize| i.checked_sub(k).map(|x| toks[x].norm.as_str());
        let locative = lex.locative.contains(before(1).unwrap_or(""))
            || (before(1) == Some("the") && lex.locative.contains(before(2).unwrap_or("")));
        // A place even when the resolver did not say so, after a preposition of place.
        let place_like = i > 0
            && !toks[i].initial
            && matches!(
                toks[i - 1].norm.as_str(),
                "in" | "at" | "near" | "outside" | "inside" | "across"
            );
        // The run as written, to find places.
        let run_text = fold(
            &run.iter()
                .map(|t| strip_possessive(&t.norm).to_string())
                .collect::<Vec<_>>()
                .join(" "),
        );
        if let Some((key, display)) = place_by_text
            .iter()
            .find(|(text, _)| run_text == **text || run_text.ends_with(&format!(" {text}")))
            .map(|(_, p)| (p.0.clone(), p.1.clone()))
        {
            out.push(Anchor {
                key,
                display,
                pos: i,
                end: j,
                place: true,
                locative,
                weak: false,
            });
        } else if let Some(last) = run.iter().rev().find(|t| eligible(t)) {
            // A sentence-initial capital alone is a name only if it is not a common word,
            // which `anchors.ignore` lists.
            let base = strip_possessive(&last.norm).replace('.', "");
            let clean = |t: &Tok| {
                t.text(src)
                    .trim_end_matches("'s")
                    .trim_end_matches("\u{2019}s")
                    .to_string()
            };
            // "Merrowgate Container Terminals" is the "MCT" the corpus also writes.
            let initials: String = run.iter().filter_map(|t| t.norm.chars().next()).collect();
            let (key, display) = if run.len() >= 2 && names.acronyms.contains(&initials) {
                (pool.get(&initials), pool.get(&clean(last)))
            } else if place_like {
                (
                    pool.get(&run_text),
                    pool.get(&run.iter().map(clean).collect::<Vec<_>>().join(" ")),
                )
            } else {
                (
                    pool.get(names.surname_ids.get(&base).unwrap_or(&base)),
                    pool.get(&clean(last)),
                )
            };
            out.push(Anchor {
                key,
                display,
                pos: i,
                end: j,
                place: place_like,
                locative: place_like,
                weak: false,
            });
        }
        i = j;
    }
    out
}

/// Whether a line of an article reads as prose (a sentence or a headline) rather than
/// a masthead, a menu, a byline or a timestamp: three lower-case words or more, and at
/// least a quarter of its words in lower case ("Russian President Vladimir Putin met
/// envoys in Moscow" is prose; "RADIO NORTH | Live | News | Podcasts" is not).
fn prose(toks: &[Tok]) -> bool {
    let words = toks
        .iter()
        .filter(|t| t.norm.chars().any(char::is_alphabetic))
        .count();
    let lower = toks
        .iter()
        .filter(|t| !t.cap && !t.acronym && t.norm.chars().any(char::is_alphabetic))
        .count();
    lower >= 3 && lower * 4 >= words
}

/// An article's story: the [`STORY`] names and places its own text mentions most (its
/// content, line by line; `places` are the places its claims name, so that their keys
/// are the claims' keys), ties broken by the earliest mention (a headline's and a lede's
/// names come first), then by key. Read from the whole text rather than from the claims,
/// the story does not change when one claim does, nor follow the alphabet where every
/// name is written once. Names in `weak` (too many claims carry them) are left out, and
/// so is a capitalised word only ever written alone at the start of a sentence
/// ("Officials said"): it may be a common word.
fn article_story(
    article: &Article,
    places: &[(SharedStr, SharedStr)],
    lex: &Lexicon,
    names: &Names,
    pool: &Interner,
    weak: &HashSet<String>,
    claim_keys: &HashSet<&str>,
) -> Vec<String> {
    // Per key: mentions, first position, and whether it is ever written as a name
    // rather than as a lone sentence-initial capital.
    let mut seen: HashMap<SharedStr, (usize, usize, bool)> = HashMap::new();
    let mut base = 0usize;
    for span in &article.content {
        let Some(text) = article.text.get(span.start..span.end) else {
            continue;
        };
        for line in text.lines() {
            let toks = tokenize(line);
            if !prose(&toks) {
                base += toks.len();
                continue;
            }
            for a in mentions(line, &toks, places, lex, names, pool) {
                let lone_initial =
                    a.end == a.pos + 1 && toks.get(a.pos).is_some_and(|t| t.initial && !t.acronym);
                let e = seen.entry(a.key).or_insert((0, base + a.pos, false));
                e.0 += 1;
                e.2 |= !lone_initial;
            }
            base += toks.len();
        }
    }
    // The outlet's and the wire's own names are where the article comes from, not what
    // it is about ("told Radio Merrow", a masthead).
    let own: Vec<String> = [&article.meta.outlet, &article.meta.wire]
        .into_iter()
        .flatten()
        .filter_map(|o| o.split_whitespace().last())
        .map(|w| strip_possessive(&fold(w)).to_string())
        .collect();
    let mut ranked: Vec<(SharedStr, usize, usize)> = seen
        .into_iter()
        .filter(|(k, (_, _, named))| {
            *named
                && !weak.contains(k.as_str())
                && !own.iter().any(|o| o == k.as_str())
                && claim_keys.contains(k.as_str())
        })
        .map(|(k, (n, first, _))| (k, n, first))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.2.cmp(&b.2))
            .then(a.0.as_str().cmp(b.0.as_str()))
    });
    ranked
        .into_iter()
        .take(STORY)
        .map(|(k, _, _)| k.as_str().to_string())
        .collect()
}

/// Whether two claims' speakers are the same person or body.
pub(crate) fn same_speaker(ctx: &Ctx, a: usize, b: usize) -> bool {
    let (pa, pb) = (&ctx.preps[a], &ctx.preps[b]);
    if pa.speaker == pb.speaker {
        return true;
    }
    let (sa, sb) = (&pa.claim.speaker, &pb.claim.speaker);
    // With canonical ids on both sides, the resolver has decided, unless both hold one
    // office and their surnames differ only in spelling: one person transliterated two
    // ways ("Interior Minister Olek Brzenko" / "Interior Minister Oleg Brzhenko").
    if sa.id.is_some() && sb.id.is_some() {
        return same_office_variant(sa, sb);
    }
    let (na, nb) = (fold(&sa.name), fold(&sb.name));
    let last = |s: &str| {
        s.split_whitespace()
            .last()
            .map(str::to_string)
            .unwrap_or_default()
    };
    let (la, lb) = (last(&na), last(&nb));
    sa.kind == SpeakerKind::Person
        && sb.kind == SpeakerKind::Person
        && !la.is_empty()
        && (la == lb || (text::spelling_variant(&la, &lb) && strsim::jaro_winkler(&na, &nb) >= 0.9))
}

/// Whether two person speakers hold the same office (their roles, folded, are equal and
/// not empty) and their surnames differ only in spelling ([`text::spelling_variant`]):
/// one office is held by one person, whose name two outlets transliterate differently.
fn same_office_variant(sa: &crate::model::Speaker, sb: &crate::model::Speaker) -> bool {
    let role = |s: &crate::model::Speaker| s.role.as_deref().map(fold).unwrap_or_default();
    let last = |s: &crate::model::Speaker| {
        s.name
            .split_whitespace()
            .last()
            .map(|w| strip_possessive(&fold(w)).to_string())
            .unwrap_or_default()
    };
    sa.kind == SpeakerKind::Person
        && sb.kind == SpeakerKind::Person
        && !role(sa).is_empty()
        && role(sa) == role(sb)
        && text::spelling_variant(&last(sa), &last(sb))
}

/// Whether two claims are about the same story: their contents share a strong anchor,
/// or one person says both, or their articles share two of their main anchors, or neither
/// says anything about it.
pub(crate) fn same_story(a: &Prep, b: &Prep) -> bool {
    let own_a: BTreeSet<&str> = a.strong().map(|x| x.key.as_str()).collect();
    if b.strong().any(|x| own_a.contains(x.key.as_str())) {
        return true;
    }
    if a.speaker_surname.is_some() && a.speaker_surname == b.speaker_surname {
        return true;
    }
    let sa: BTreeSet<&str> = a.story.iter().map(String::as_str).chain(own_a).collect();
    let sb: BTreeSet<&str> = b
        .story
        .iter()
        .map(String::as_str)
        .chain(b.strong().map(|x| x.key.as_str()))
        .collect();
    (sa.is_empty() && sb.is_empty()) || sa.intersection(&sb).count() >= 2
}

/// Whether token `t`, read as `norm`, is a plain content word: three letters or more,
/// all alphabetic, not capitalised inside a sentence (a name), not an acronym, not a stop
/// word nor a word anchors ignore.
pub(crate) fn content_word(t: &Tok, norm: &str, lex: &Lexicon) -> bool {
    norm.chars().count() >= 3
        && norm.chars().all(char::is_alphabetic)
        && (!t.cap || t.initial)
        && !t.acronym
        && !lex.stopwords.contains(norm)
        && !lex.anchor_ignore.contains(norm)
}

/// For blocking by rare words: how many of `sets` hold each word.
pub(crate) fn word_counts<'w, W: AsRef<str> + 'w, S: IntoIterator<Item = &'w W>>(
    sets: impl IntoIterator<Item = S>,
) -> HashMap<&'w str, usize> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    for set in sets {
        for w in set {
            *df.entry(w.as_ref()).or_default() += 1;
        }
    }
    df
}

/// `words` rarest first by `df` (ties by the word), each with its count.
pub(crate) fn rarest_first<'w, W: AsRef<str> + 'w>(
    words: impl IntoIterator<Item = &'w W>,
    df: &HashMap<&str, usize>,
) -> Vec<(&'w str, usize)> {
    let mut ws: Vec<(&str, usize)> = words
        .into_iter()
        .map(|w| (w.as_ref(), df.get(w.as_ref()).copied().unwrap_or(0)))
        .collect();
    ws.sort_by_key(|&(w, n)| (n, w));
    ws
}

/// Whether both claims name something in their content (strong anchors), share no name,
/// and neither names anything the other's article is about (its story): then they are
/// about different things ("the Gortoel ring road" / "the Rigor ring road"), whatever
/// else their articles share. The parties of one story are not different things ("gives
/// Kestria a share" / "after Marovia objected", in articles about both).
pub(crate) fn named_apart(a: &Prep, b: &Prep) -> bool {
    let na: BTreeSet<&str> = a.strong().map(|x| x.key.as_str()).collect();
    let nb: BTreeSet<&str> = b.strong().map(|x| x.key.as_str()).collect();
    let told = |n: &BTreeSet<&str>, p: &Prep| p.story.iter().any(|s| n.contains(s.as_str()));
    !na.is_empty() && !nb.is_empty() && na.is_disjoint(&nb) && !told(&na, b) && !told(&nb, a)
}

/// Union-find over `n` items.
pub(crate) struct Dsu(Vec<usize>);

impl Dsu {
    pub fn new(n: usize) -> Self {
        Dsu((0..n).collect())
    }
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index is the root, so components are stable.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// Candidate pairs `(i, j)`, `i < j`, of items sharing a block key. Blocks up to
/// [`FULL_BLOCK`] items give all their pairs; larger blocks are sorted by `sort` and
/// each item is paired with its next [`WINDOW`] neighbours, so the cost stays linear.
///
/// The pairs come sorted and without repeats (a pair may share several blocks), one
/// item's at a time: they are never all held at once (on a large corpus they would be
/// tens of millions), only the blocks are.
pub(crate) fn candidate_pairs<B: std::hash::Hash + Eq, K: Ord>(
    keyed: impl IntoIterator<Item = (B, usize)>,
    sort: impl Fn(usize) -> K,
) -> Pairs {
    let mut blocks: HashMap<B, Vec<usize>> = HashMap::new();
    for (k, i) in keyed {
        blocks.entry(k).or_default().push(i);
    }
    // Each block of two or more members, in the order its pairs are taken: by index
    // (all pairs), or by sort key (neighbours within the window).
    let mut lists: Vec<(bool, Vec<usize>)> = Vec::new();
    for (_, mut members) in blocks {
        members.sort_unstable();
        members.dedup();
        if members.len() < 2 {
            continue;
        }
        if members.len() <= FULL_BLOCK {
            members.shrink_to_fit();
            lists.push((true, members));
        } else {
            // Sort keys computed once per member.
            let mut keyed: Vec<(K, usize)> = members.iter().map(|&x| (sort(x), x)).collect();
            keyed.sort();
            lists.push((false, keyed.into_iter().map(|(_, x)| x).collect()));
        }
    }
    // Where each item stands: (block, position) entries, grouped by item.
    let n = lists
        .iter()
        .flat_map(|(_, l)| l.iter())
        .max()
        .map_or(0, |&m| m + 1);
    let mut first = vec![0usize; n + 1];
    for (_, l) in &lists {
        for &x in l {
            first[x + 1] += 1;
        }
    }
    for i in 0..n {
        first[i + 1] += first[i];
    }
    let mut fill = first.clone();
    let mut at = vec![(0u32, 0u32); first[n]];
    for (b, (_, l)) in lists.iter().enumerate() {
        for (pos, &x) in l.iter().enumerate() {
            // Blocks and positions fit in u32: there are fewer than 2^32 items.
            at[fill[x]] = (b as u32, pos as u32);
            fill[x] += 1;
        }
    }
    Pairs {
        lists,
        first,
        at,
        next: 0,
        partners: Vec::new(),
        k: 0,
    }
}

/// The pairs of [`candidate_pairs`], in order: `(i, j)` by `i`, then `j`.
pub(crate) struct Pairs {
    /// Blocks: whether all pairs are taken, and the members in order.
    lists: Vec<(bool, Vec<usize>)>,
    /// Item `i`'s entries are `at[first[i]..first[i + 1]]`.
    first: Vec<usize>,
    at: Vec<(u32, u32)>,
    /// The next item whose partners to gather.
    next: usize,
    /// The current item's partners (`j > i`), sorted and unique, and how many are given.
    partners: Vec<usize>,
    k: usize,
}

impl Iterator for Pairs {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            if let Some(&j) = self.partners.get(self.k) {
                self.k += 1;
                return Some((self.next - 1, j));
            }
            let i = self.next;
            if i + 1 >= self.first.len() {
                return None;
            }
            self.next += 1;
            self.partners.clear();
            self.k = 0;
            for &(b, pos) in &self.at[self.first[i]..self.first[i + 1]] {
                let (all, list) = &self.lists[b as usize];
                let pos = pos as usize;
                if *all {
                    // Members by index: those after `i`.
                    self.partners.extend_from_slice(&list[pos + 1..]);
                } else {
                    // Neighbours within the window, either side, after `i`.
                    let lo = pos.saturating_sub(WINDOW);
                    let hi = (pos + WINDOW + 1).min(list.len());
                    self.partners
                        .extend(list[lo..hi].iter().copied().filter(|&j| j > i));
                }
            }
            self.partners.sort_unstable();
            self.partners.dedup();
        }
    }
}

/// A judged pair of items of one family.
#[derive(Clone, Debug)]
pub(crate) enum Judgement {
    /// Same subject, same value.
    Same(f64),
    /// Same subject, different values.
    Differ {
        confidence: f64,
        /// Contradiction, update (the thing changed over time), misquote or
        /// misattribution.
        kind: FindingKind,
        /// The rule that fired.
        rule: &'static str,
    },
}

/// A family's judged pairs `(i, j, judgement)`, held compactly: 12 bytes a pair (two
/// `u32` item indices and the index of the judgement in a table of the distinct
/// judgements seen) instead of 48. On a large corpus a family judges tens of millions
/// of pairs, all held until [`assemble`] has its components.
/// A judgement's identity in [`Judged`]'s table: confidence bits, and for a difference
/// its kind and rule.
type JudgementKey = (u64, Option<(FindingKind, &'static str)>);

#[derive(Default)]
pub(crate) struct Judged {
    pairs: Vec<(u32, u32, u32)>,
    table: Vec<Judgement>,
    index: HashMap<JudgementKey, u32>,
}

impl Judged {
    /// Add the judged pair `(i, j)`.
    pub fn push(&mut self, i: usize, j: usize, jd: Judgement) {
        let key = match &jd {
            Judgement::Same(c) => (c.to_bits(), None),
            Judgement::Differ {
                confidence,
                kind,
                rule,
            } => (confidence.to_bits(), Some((*kind, *rule))),
        };
        let next = self.table.len() as u32;
        let t = *self.index.entry(key).or_insert(next);
        if t == next {
            self.table.push(jd);
        }
        // Items are counted in `u32`: fewer than 2^32 per family.
        self.pairs.push((i as u32, j as u32, t));
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Renumber the items of the pairs to `0..k`, in their order, keeping only the items
    /// (of `0..n`) that some pair names; the old number of each new one, ascending.
    pub fn compact(&mut self, n: usize) -> Vec<u32> {
        const UNUSED: u32 = u32::MAX;
        let mut new_of = vec![UNUSED; n];
        for &(i, j, _) in &self.pairs {
            new_of[i as usize] = 0;
            new_of[j as usize] = 0;
        }
        let mut used: Vec<u32> = Vec::new();
        for (k, slot) in new_of.iter_mut().enumerate() {
            if *slot != UNUSED {
                *slot = used.len() as u32;
                // Items are counted in `u32` (see `push`).
                used.push(k as u32);
            }
        }
        for p in &mut self.pairs {
            p.0 = new_of[p.0 as usize];
            p.1 = new_of[p.1 as usize];
        }
        used.shrink_to_fit();
        used
    }

    /// The pairs in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, &Judgement)> + '_ {
        self.pairs
            .iter()
            .map(|&(i, j, t)| (i as usize, j as usize, &self.table[t as usize]))
    }
}

impl FromIterator<(usize, usize, Judgement)> for Judged {
    fn from_iter<T: IntoIterator<Item = (usize, usize, Judgement)>>(iter: T) -> Self {
        let mut out = Judged::default();
        for (i, j, jd) in iter {
            out.push(i, j, jd);
        }
        out
    }
}

/// What a family tells [`assemble`] about its items.
pub(crate) trait Family {
    /// Prep index of item `i`.
    fn prep(&self, i: usize) -> usize;
    /// The value of item `i`, readable ("28 points", "2025-12-02").
    fn value(&self, i: usize) -> String;
    /// The topic of a set of items.
    fn topic(&self, items: &[usize]) -> String;
    /// Rule name for agreements.
    fn agreement_rule(&self) -> &'static str;
    /// Rule name for updates.
    fn update_rule(&self) -> &'static str;
    /// Order of item `i` in a timeline (earlier first).
    fn timeline(&self, i: usize) -> (u8, String) {
        (1, format!("{:012}", self.prep(i)))
    }
    /// A one-line explanation of a difference between items `a` and `b`, when the
    /// family has a better one than "value (where) vs value (where)".
    fn detail(&self, _a: usize, _b: usize, _kind: FindingKind) -> Option<String> {
        None
    }
}

/// Everything a family found: its findings and the pairs of claims that agree (whatever
/// the number of sources), for single-source grouping.
#[derive(Default)]
pub(crate) struct FamilyOut {
    pub findings: Vec<Finding>,
    /// Pairs of preps whose claims agree: enough of them to give the components of all
    /// agreeing pairs (a spanning forest), not every pair.
    pub same: Vec<(usize, usize)>,
    pub checkable: Vec<usize>,
}

/// The items of each component, by root: one vector of the items ordered by (root,
/// item) and each root's range in it. What a map from root to a vector of items gives
/// (the same roots in the same order, the same items in each), without a vector per
/// item: on a large corpus a family has millions of items, most of them alone.
struct Members {
    items: Vec<usize>,
    /// Root, start and end in `items`, ordered by root.
    roots: Vec<(usize, usize, usize)>,
}

impl Members {
    /// The components of items `0..n` in `dsu`.
    fn new(dsu: &mut Dsu, n: usize) -> Members {
        let mut order: Vec<(usize, usize)> = (0..n).map(|i| (dsu.find(i), i)).collect();
        order.sort_unstable();
        let mut roots: Vec<(usize, usize, usize)> = Vec::new();
        for (k, &(r, _)) in order.iter().enumerate() {
            match roots.last_mut() {
                Some(last) if last.0 == r => last.2 = k + 1,
                _ => roots.push((r, k, k + 1)),
            }
        }
        roots.shrink_to_fit();
        let items = order.into_iter().map(|(_, i)| i).collect();
        Members { items, roots }
    }

    /// Each root with its items, roots in order.
    fn iter(&self) -> impl Iterator<Item = (usize, &[usize])> + '_ {
        self.roots
            .iter()
            .map(|&(r, a, b)| (r, self.items.get(a..b).unwrap_or_default()))
    }

    /// The roots in order.
    fn keys(&self) -> impl Iterator<Item = usize> + '_ {
        self.roots.iter().map(|&(r, _, _)| r)
    }

    /// The items of the component with root `root` (none when it is not a root).
    fn of(&self, root: usize) -> &[usize] {
        match self.roots.binary_search_by_key(&root, |&(r, _, _)| r) {
            Ok(k) => {
                let (_, a, b) = self.roots[k];
                self.items.get(a..b).unwrap_or_default()
            }
            Err(_) => &[],
        }
    }
}

/// Turn judged pairs into findings: agreeing items are joined into components; a
/// component from two or more independent sources is an agreement; components that
/// differ are contradictions, or, when a change over time explains the difference, one
/// update per connected timeline.
///
/// Items that no judged pair names are alone in their component and take part in no
/// finding: the components are made over the named items only, renumbered in order
/// ([`Judged::compact`]), so that the union-finds, the members and the maps below are as
/// large as the judged part of the family, not the whole (at 100 MB of corpus a third of
/// the polarity family's 2 M pivots are never judged). The renumbering keeps the
/// items' order, and with it every root, order and finding.
pub(crate) fn assemble<F: Family>(ctx: &Ctx, fam: &F, n: usize, mut judged: Judged) -> FamilyOut {
    let used = judged.compact(n);
    let fam = Compacted { fam, used };
    let n = fam.used.len();
    assemble_dense(ctx, &fam, n, judged)
}

/// A family seen through a renumbering of its items: item `i` here is item `used[i]` of
/// `fam`.
struct Compacted<'f, F> {
    fam: &'f F,
    used: Vec<u32>,
}

impl<F> Compacted<'_, F> {
    fn orig(&self, i: usize) -> usize {
        self.used[i] as usize
    }
}

impl<F: Family> Family for Compacted<'_, F> {
    fn prep(&self, i: usize) -> usize {
        self.fam.prep(self.orig(i))
    }
    fn value(&self, i: usize) -> String {
        self.fam.value(self.orig(i))
    }
    fn topic(&self, items: &[usize]) -> String {
        let items: Vec<usize> = items.iter().map(|&i| self.orig(i)).collect();
        self.fam.topic(&items)
    }
    fn agreement_rule(&self) -> &'static str {
        self.fam.agreement_rule()
    }
    fn update_rule(&self) -> &'static str {
        self.fam.update_rule()
    }
    fn timeline(&self, i: usize) -> (u8, String) {
        self.fam.timeline(self.orig(i))
    }
    fn detail(&self, a: usize, b: usize, kind: FindingKind) -> Option<String> {
        self.fam.detail(self.orig(a), self.orig(b), kind)
    }
}

/// [`assemble`] over items `0..n`, every one of which may be named by `judged`.
fn assemble_dense<F: Family>(ctx: &Ctx, fam: &F, n: usize, judged: Judged) -> FamilyOut {
    let mut out = FamilyOut::default();
    let mut dsu = Dsu::new(n);
    let mut conf_sum: BTreeMap<usize, (f64, usize)> = BTreeMap::new();
    for (i, j, jd) in judged.iter() {
        // Only the edges that join two components: they give the same components as
        // every agreeing pair, and on a large corpus there are millions of those.
        if let Judgement::Same(_) = jd {
            if dsu.find(i) != dsu.find(j) {
                dsu.union(i, j);
                out.same.push((fam.prep(i), fam.prep(j)));
            }
        }
    }
    let members = Members::new(&mut dsu, n);
    for (i, _, jd) in judged.iter() {
        if let Judgement::Same(c) = jd {
            let e = conf_sum.entry(dsu.find(i)).or_default();
            e.0 += c;
            e.1 += 1;
        }
    }
    let preps_of = |items: &[usize]| -> Vec<usize> { items.iter().map(|&i| fam.prep(i)).collect() };
    // Agreements.
    for (root, items) in members.iter() {
        if items.len() < 2 {
            continue;
        }
        let preps = preps_of(items);
        let sources = ctx.sources(&preps);
        // Two articles relaying one wire story agree, but as one source: the finding
        // says so (`sources` 1), and it never counts as corroboration.
        if sources < 2 && ctx.articles(&preps) < 2 {
            continue;
        }
        let (sum, k) = conf_sum.get(&root).copied().unwrap_or((0.0, 0));
        let conf = if k == 0 { 0.0 } else { sum / k as f64 };
        let detail = if sources < 2 {
            format!(
                "{} articles relay one source ({}) on {}: {}",
                ctx.articles(&preps),
                ctx.source_name(preps[0]),
                fam.value(items[0]),
                ctx.locs(&preps)
            )
        } else {
            format!(
                "{sources} independent sources agree on {}: {}",
                fam.value(items[0]),
                ctx.locs(&preps)
            )
        };
        if let Some(f) = ctx.finding(
            FindingKind::Agreement,
            fam.agreement_rule(),
            fam.topic(items),
            &preps,
            detail,
            conf,
        ) {
            out.findings.push(f);
        }
    }
    // Differences, between components.
    // Per pair of components: confidence, kind, rule and the two items that showed it.
    type Difference = (f64, FindingKind, &'static str, usize, usize);
    let mut differ: BTreeMap<(usize, usize), Difference> = BTreeMap::new();
    for (i, j, jd) in judged.iter() {
        if let Judgement::Differ {
            confidence,
            kind,
            rule,
        } = jd
        {
            let (a, b) = (dsu.find(i), dsu.find(j));
            if a == b {
                continue;
            }
            let key = (a.min(b), a.max(b));
            let (x, y) = if a < b { (i, j) } else { (j, i) };
            let e = differ
                .entry(key)
                .or_insert((*confidence, *kind, rule, x, y));
            // An update anywhere between two components explains the difference.
            if *kind == FindingKind::Update && e.1 != FindingKind::Update
                || (*kind == e.1 && *confidence > e.0)
            {
                *e = (*confidence, *kind, rule, x, y);
            }
        }
    }
    // The pairs are not read past here.
    drop(judged);
    // Updates join into timelines.
    let mut timeline = Dsu::new(n);
    let mut tl_conf: BTreeMap<usize, f64> = BTreeMap::new();
    for (&(a, b), e) in &differ {
        if e.1 == FindingKind::Update {
            timeline.union(a, b);
        }
    }
    for (&(a, _), e) in &differ {
        if e.1 == FindingKind::Update {
            let r = timeline.find(a);
            let c = tl_conf.entry(r).or_insert(0.0);
            *c = c.max(e.0);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (root, items) in members.iter() {
        let r = timeline.find(root);
        if tl_conf.contains_key(&r) {
            groups.entry(r).or_default().extend(items.iter().copied());
        }
    }
    for (r, mut items) in groups {
        items.sort_by(|&x, &y| fam.timeline(x).cmp(&fam.timeline(y)).then(x.cmp(&y)));
        let mut steps: Vec<String> = Vec::new();
        let mut run_value: Option<String> = None;
        let mut run: Vec<usize> = Vec::new();
        for &i in &items {
            let v = fam.value(i);
            if run_value.as_deref() != Some(v.as_str()) {
                if let Some(rv) = run_value.take() {
                    steps.push(format!("{rv} ({})", ctx.locs(&run)));
                }
                run.clear();
                run_value = Some(v);
            }
            run.push(fam.prep(i));
        }
        if let Some(rv) = run_value {
            steps.push(format!("{rv} ({})", ctx.locs(&run)));
        }
        let preps = preps_of(&items);
        let detail = format!("timeline: {}", steps.join(" -> "));
        if let Some(f) = ctx.finding(
            FindingKind::Update,
            fam.update_rule(),
            fam.topic(&items),
            &preps,
            detail,
            tl_conf.get(&r).copied().unwrap_or(0.0),
        ) {
            out.findings.push(f);
        }
    }
    // Misattributions join: one quotation credited to k speakers is one finding naming
    // them all, not k(k-1)/2 findings, one per pair of speakers.
    let mut credits = Dsu::new(n);
    let mut credit_best: BTreeMap<usize, Difference> = BTreeMap::new();
    for (&(a, b), &e) in &differ {
        if e.1 == FindingKind::Misattribution {
            credits.union(a, b);
        }
    }
    for (&(a, _), &e) in &differ {
        if e.1 == FindingKind::Misattribution {
            let best = credit_best.entry(credits.find(a)).or_insert(e);
            if e.0 > best.0 {
                *best = e;
            }
        }
    }
    let mut credited: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for root in members.keys() {
        let r = credits.find(root);
        if credit_best.contains_key(&r) {
            credited.entry(r).or_default().push(root);
        }
    }
    for (r, components) in &credited {
        let Some(&(c, kind, rule, x, y)) = credit_best.get(r) else {
            continue;
        };
        if components.len() == 2 {
            continue; // a pair: reported below with the pair's own explanation
        }
        let mut items: Vec<usize> = components
            .iter()
            .flat_map(|&root| members.of(root).iter().copied())
            .collect();
        items.sort_unstable();
        let preps = preps_of(&items);
        let credits: Vec<String> = components
            .iter()
            .map(|root| {
                let m = members.of(*root);
                let name = &ctx.preps[fam.prep(m[0])].claim.speaker.name;
                format!("{name} ({})", ctx.locs(&preps_of(m)))
            })
            .collect();
        let detail = format!(
            "credited to {} different speakers: {}; for instance {}",
            components.len(),
            credits.join("; "),
            fam.detail(x, y, kind).unwrap_or_default()
        );
        if let Some(f) = ctx.finding(kind, rule, fam.topic(&items), &preps, detail, c) {
            out.findings.push(f);
        }
    }
    // Other differences, unless a timeline explains them or they belong to a quotation
    // credited to three or more speakers (above).
    let mut groups_of: BTreeMap<usize, (Arc<[u32]>, Arc<str>)> = BTreeMap::new();
    let vs: Arc<str> = Arc::from(" vs ");
    for (&(a, b), &(c, kind, rule, x, y)) in &differ {
        if kind == FindingKind::Update {
            continue;
        }
        let ra = timeline.find(a);
        if ra == timeline.find(b) && tl_conf.contains_key(&ra) {
            continue;
        }
        if kind == FindingKind::Misattribution
            && credited
                .get(&credits.find(a))
                .is_some_and(|components| components.len() > 2)
        {
            continue;
        }
        let (ma, mb) = (members.of(a), members.of(b));
        let mut items: Vec<usize> = ma.iter().chain(mb.iter()).copied().collect();
        items.sort_unstable();
        let topic = fam.topic(&items);
        drop(items);
        // Each component's claims and "value (locations)" are built once and shared by
        // every difference it takes part in: a large component (a quantity repeated
        // across thousands of articles) differs from many others.
        let mut side = |root: usize, m: &[usize]| {
            groups_of
                .entry(root)
                .or_insert_with(|| {
                    let mut run: Vec<u32> = preps_of(m).into_iter().map(|p| p as u32).collect();
                    run.sort_unstable();
                    run.dedup();
                    let head = format!("{} ({})", fam.value(m[0]), ctx.locs(&preps_of(m)));
                    (run.into(), head.into())
                })
                .clone()
        };
        let (run_a, head_a) = side(a, ma);
        let (run_b, head_b) = side(b, mb);
        let detail = match fam.detail(x, y, kind) {
            Some(d) => Detail::Text(d),
            None => Detail::Parts(vec![head_a, vs.clone(), head_b].into_boxed_slice()),
        };
        if let Some(f) = ctx.finding_runs(kind, rule, topic, vec![run_a, run_b], detail, c) {
            out.findings.push(f);
        }
    }
    out
}

/// Every finding over the corpus's claims, shown or not: no threshold, single-source
/// findings included. Sorted by kind, topic and id.
pub fn compare_all(articles: &[Article], claims: &[Claim], rules: &CompareRules) -> Vec<Finding> {
    compare_all_with(articles, claims, rules, None)
}

/// [`compare_all`] reusing the judgements in `memo` (the previous run's, see [`memo`])
/// for pairs of items that have not changed, and recording this run's in it. The
/// findings are those of [`compare_all`], to the byte.
pub fn compare_all_memo(
    articles: &[Article],
    claims: &[Claim],
    rules: &CompareRules,
    memo: &memo::Judgements,
) -> Vec<Finding> {
    compare_all_with(articles, claims, rules, Some(memo))
}

fn compare_all_with(
    articles: &[Article],
    claims: &[Claim],
    rules: &CompareRules,
    memo: Option<&memo::Judgements>,
) -> Vec<Finding> {
    let ctx = Ctx::new(articles, claims, rules, memo);
    probe("prepared");
    // The families are independent: run side by side on the current thread pool (the
    // caller's `--jobs`), gathered in a fixed order so the output does not depend on it.
    let ctx = &ctx;
    let ((quotes, numbers), (events, (polarity, roles))) = rayon::join(
        || {
            rayon::join(
                || probed("quotes", || quotes::run(ctx)),
                || probed("numbers", || numbers::run(ctx)),
            )
        },
        || {
            rayon::join(
                || probed("events", || events::run(ctx)),
                || {
                    rayon::join(
                        || probed("polarity", || polarity::run(ctx)),
                        || probed("roles", || roles::run(ctx)),
                    )
                },
            )
        },
    );
    let outs = [quotes, numbers, events, polarity, roles];
    // Each family's findings stay in their own vector until the single-source findings
    // are made, and are then moved once into a vector of the exact total (growing one
    // vector family by family held up to twice the findings' array at each step).
    let mut per_family: Vec<Vec<Finding>> = Vec::with_capacity(outs.len());
    let mut same_dsu = Dsu::new(ctx.preps.len());
    let mut checkable: BTreeSet<usize> = BTreeSet::new();
    // Moved, not cloned: on a large corpus the families' findings take gigabytes (an
    // agreement or difference lists every claim of its components).
    for o in outs {
        per_family.push(o.findings);
        for &(a, b) in &o.same {
            same_dsu.union(a, b);
        }
        checkable.extend(o.checkable);
    }
    probe("merge");
    // Single-source: checkable claims that no agreement of two or more independent
    // sources carries; claims that agree within one source are one finding.
    let corroborated: HashSet<&str> = per_family
        .iter()
        .flatten()
        .filter(|f| f.kind == FindingKind::Agreement && f.sources >= 2)
        .flat_map(|f| f.claims.iter().map(AsRef::as_ref))
        .collect();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &checkable {
        if ctx.preps[i].claim.quote == QuoteKind::Narrative {
            continue;
        }
        if !corroborated.contains(ctx.preps[i].claim.id.as_str()) {
            groups.entry(same_dsu.find(i)).or_default().push(i);
        }
    }
    drop(corroborated);
    drop(checkable);
    // One finding per group, made on the thread pool and gathered in group order.
    let groups: Vec<Vec<usize>> = groups.into_values().collect();
    let single: Vec<Finding> = groups
        .par_iter()
        .filter_map(|items| {
            let p = &ctx.preps[items[0]];
            let sources = ctx.sources(items);
            if sources > 1 {
                return None;
            }
            let detail = format!(
                "only {} carries it: {}",
                ctx.source_name(items[0]),
                ctx.locs(items)
            );
            let topic = format!("claim by {}", p.claim.speaker.name);
            ctx.finding(
                FindingKind::SingleSource,
                "single-source",
                topic,
                items,
                detail,
                0.9,
            )
        })
        .collect();
    drop(groups);
    let total = per_family.iter().map(Vec::len).sum::<usize>() + single.len();
    let mut findings: Vec<Finding> = Vec::with_capacity(total);
    for v in per_family {
        findings.extend(v);
    }
    findings.extend(single);
    probe("single-source");
    dedupe(&mut findings);
    probe("dedupe");
    // Stable, as `sort_by`.
    findings.par_sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| a.topic.cmp(&b.topic))
            .then_with(|| a.id.cmp(&b.id))
    });
    findings
}

/// [`crate::pipeline::rss_probe`] (silent unless `CROSSCHECK_RSS_PROBE` is set).
pub(crate) fn probe(label: &str) {
    crate::pipeline::rss_probe(label);
}

/// `f()`, then a probe labelled `label`.
fn probed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let out = f();
    probe(label);
    out
}

/// Drop duplicate findings: same kind and same claims (keep the most confident, but a
/// plain statement agreement only when no other rule found it), and agreements whose
/// claims another agreement already covers.
fn dedupe(findings: &mut Vec<Finding>) {
    let plain = |f: &Finding| f.rule == "statement-agreement";
    // Stable, as `sort_by`: findings that compare equal keep their order.
    findings.par_sort_by(|a, b| {
        plain(a)
            .cmp(&plain(b))
            .then_with(|| b.confidence.total_cmp(&a.confidence))
            .then_with(|| b.claims.len().cmp(&a.claims.len()))
            .then_with(|| a.id.cmp(&b.id))
    });
    // The date and the place of one event are different facts; other families saying
    // the same thing about the same claims are one finding.
    let facet = |rule: &str| match rule.split('-').next() {
        Some(f @ ("date" | "place")) => f.to_string(),
        _ => String::new(),
    };
    // Keys borrow each finding's claims (not a copy of every list). A finding is kept
    // unless an earlier one has its key. The keys' hashes (over every claim id) are
    // taken on the thread pool; findings whose hashes meet are then compared in full, in
    // order, so the result is that of one pass with a set.
    let keep: Vec<bool> = {
        let keys: Vec<(FindingKind, &ClaimIds, String)> = findings
            .iter()
            .map(|f| (f.kind, &f.claims, facet(&f.rule)))
            .collect();
        let hasher = std::hash::RandomState::new();
        let mut by_hash: Vec<(u64, usize)> = keys
            .par_iter()
            .enumerate()
            .map(|(i, k)| (std::hash::BuildHasher::hash_one(&hasher, k), i))
            .collect();
        by_hash.par_sort_unstable();
        let mut keep = vec![true; keys.len()];
        for run in by_hash.chunk_by(|a, b| a.0 == b.0) {
            for (x, &(_, i)) in run.iter().enumerate() {
                if run[..x].iter().any(|&(_, j)| keep[j] && keys[j] == keys[i]) {
                    keep[i] = false;
                }
            }
        }
        keep
    };
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    // Agreements contained in a larger agreement of the same family of evidence.
    // Each agreement's claim ids, sorted and unique (a set in a slice: on a large corpus
    // the agreements name millions of claims, and a tree set's nodes took half as much
    // again).
    let agreements: Vec<(usize, Box<[&str]>)> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FindingKind::Agreement)
        .map(|(i, f)| {
            let mut ids: Vec<&str> = f.claims.iter().map(AsRef::as_ref).collect();
            ids.sort_unstable();
            ids.dedup();
            (i, ids.into_boxed_slice())
        })
        .collect();
    let mut drop: HashSet<usize> = HashSet::new();
    let mut by_claim: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (_, set)) in agreements.iter().enumerate() {
        for c in set {
            by_claim.entry(c).or_default().push(k);
        }
    }
    for (k, (i, set)) in agreements.iter().enumerate() {
        let Some(first) = set.first() else {
            continue;
        };
        // A plain statement agreement says less than any other agreement over the same
        // claims; other agreements are covered by a larger one of their own rule.
        let plain = findings[*i].rule == "statement-agreement";
        let covered = by_claim.get(first).is_some_and(|others| {
            others.iter().any(|&o| {
                o != k && {
                    let (oi, oset) = &agreements[o];
                    let other_rule = &findings[*oi].rule;
                    !drop.contains(oi)
                        && sorted_subset(set, oset)
                        && ((oset.len() > set.len() && *other_rule == findings[*i].rule)
                            || (plain && other_rule != "statement-agreement"))
                }
            })
        });
        if covered {
            drop.insert(*i);
        }
    }
    let mut idx = 0;
    findings.retain(|_| {
        let keep = !drop.contains(&idx);
        idx += 1;
        keep
    });
}

/// Whether every element of `a` is in `b` (both sorted ascending, without repeats).
fn sorted_subset<T: Ord>(a: &[T], b: &[T]) -> bool {
    if a.len() > b.len() {
        return false;
    }
    let mut rest = b;
    for x in a {
        match rest.binary_search(x) {
            Ok(k) => rest = rest.get(k + 1..).unwrap_or_default(),
            Err(_) => return false,
        }
    }
    true
}

/// The findings shown under `rules.options`: at or above the confidence threshold, and
/// single-source findings only when asked for. Sorted by kind, topic and id.
pub fn compare(articles: &[Article], claims: &[Claim], rules: &CompareRules) -> Vec<Finding> {
    shown(compare_all(articles, claims, rules), rules.options)
}

/// The findings of [`compare_all`]'s output that [`compare`] returns under `opts`.
pub fn shown(findings: Vec<Finding>, opts: CompareOptions) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| f.confidence + 1e-9 >= opts.min_confidence)
        .filter(|f| opts.single_source || f.kind != FindingKind::SingleSource)
        .collect()
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Claims and articles built by hand for the families' tests.
    use crate::model::*;

    /// An article with an outlet (and optional wire), published on `date`.
    pub fn article(id: &str, outlet: &str, wire: Option<&str>, date: &str) -> Article {
        let mut a = Article::new(id, format!("{id}.txt"), Format::Text, String::new());
        a.meta.outlet = Some(outlet.into());
        a.meta.wire = wire.map(Into::into);
        a.meta.published = Some(date.into());
        a
    }

    /// A claim by `speaker` in `article` with `content`.
    pub fn claim(article: &str, n: usize, speaker: &str, quote: QuoteKind, content: &str) -> Claim {
        Claim {
            id: format!("{article}#{n}").into(),
            article: article.into(),
            speaker: Speaker {
                text: speaker.into(),
                name: speaker.into(),
                kind: SpeakerKind::Person,
                role: None,
                id: None,
            },
            cue: "said".into(),
            cue_class: CueClass::Neutral,
            quote,
            content: content.into(),
            content_span: Span::new(0, content.len()),
            span: Span::new(0, content.len()),
            line: n,
            cited_outlet: None,
            date: None,
            date_source: None,
            places: vec![],
            quantities: vec![],
            flags: vec![],
        }
    }

    /// Add a quantity written `text` with `value` and `unit`.
    pub fn qty(mut c: Claim, text: &str, value: f64, unit: &str) -> Claim {
        c.quantities.push(Quantity {
            text: text.into(),
            value,
            unit: Some(unit.into()),
            span: Span::default(),
        });
        c
    }

    /// Add a place.
    pub fn place(mut c: Claim, text: &str) -> Claim {
        c.places.push(Place {
            text: text.into(),
            id: None,
            span: Span::default(),
        });
        c
    }

    /// Set the date.
    pub fn dated(mut c: Claim, date: &str) -> Claim {
        c.date = Some(date.into());
        c
    }

    /// The built-in rules.
    pub fn rules() -> super::CompareRules {
        super::CompareRules::compile(&crate::rules::RuleSet::embedded()).unwrap()
    }

    /// Everything compare_all finds.
    pub fn find_all(articles: &[Article], claims: &[Claim]) -> Vec<Finding> {
        super::compare_all(articles, claims, &rules())
    }

    /// Findings of one kind.
    pub fn of(findings: &[Finding], kind: FindingKind) -> Vec<&Finding> {
        findings.iter().filter(|f| f.kind == kind).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;
    use crate::model::{FindingKind, QuoteKind};

    #[test]
    fn members_group_items_as_a_map_of_vectors_does() {
        let mut dsu = Dsu::new(7);
        for (a, b) in [(5, 1), (3, 6), (1, 4), (6, 0)] {
            dsu.union(a, b);
        }
        let mut map: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..7 {
            map.entry(dsu.find(i)).or_default().push(i);
        }
        let members = Members::new(&mut dsu, 7);
        let got: Vec<(usize, Vec<usize>)> = members.iter().map(|(r, m)| (r, m.to_vec())).collect();
        let want: Vec<(usize, Vec<usize>)> = map.clone().into_iter().collect();
        assert_eq!(got, want);
        assert_eq!(
            members.keys().collect::<Vec<_>>(),
            map.keys().copied().collect::<Vec<_>>()
        );
        for (r, m) in &map {
            assert_eq!(members.of(*r), m.as_slice());
        }
        let not_root = (0..7).find(|i| !map.contains_key(i)).unwrap_or(7);
        assert!(members.of(not_root).is_empty());
    }

    #[test]
    fn a_plain_statement_agreement_yields_to_another_rule_over_the_same_claims() {
        // Same speaker, same words: the plain statement (0.8 + same speaker) scores above
        // the numeric agreement, which still says more.
        let say = |art: &str| {
            qty(
                claim(
                    art,
                    1,
                    "Olena Marchuk",
                    QuoteKind::Indirect,
                    "the peace plan for Tarnow has 28 points",
                ),
                "28 points",
                28.0,
                "point",
            )
        };
        let arts = [
            article("a", "Alpha News", None, "2025-12-01"),
            article("b", "Beta Times", None, "2025-12-02"),
        ];
        let f = compare_all(&arts, &[say("a"), say("b")], &rules());
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{f:#?}");
        assert_eq!(ag[0].rule, "numeric-agreement");
    }

    #[test]
    fn builtin_rules_compile() {
        let r = rules();
        assert!(r.frames.iter().any(|f| f.name == "plan-size"));
        assert!(r.frames.iter().any(|f| f.kind == FrameKind::Event));
    }

    /// The pairs as the comparer first collected them: all at once, sorted, unique.
    fn pairs_collected(keyed: &[(u64, usize)], sort: impl Fn(usize) -> u64) -> Vec<(usize, usize)> {
        let mut blocks: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
        for &(k, i) in keyed {
            blocks.entry(k).or_default().push(i);
        }
        let mut pairs = Vec::new();
        for (_, mut m) in blocks {
            m.sort_unstable();
            m.dedup();
            if m.len() <= FULL_BLOCK {
                for (a, &i) in m.iter().enumerate() {
                    pairs.extend(m[a + 1..].iter().map(|&j| (i, j)));
                }
            } else {
                let mut k: Vec<(u64, usize)> = m.iter().map(|&x| (sort(x), x)).collect();
                k.sort();
                for (a, &(_, i)) in k.iter().enumerate() {
                    for &(_, j) in k.iter().skip(a + 1).take(WINDOW) {
                        pairs.push((i.min(j), i.max(j)));
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    #[test]
    fn streamed_pairs_are_the_collected_pairs() {
        // Small and large blocks, items in several blocks, repeated keys, sort keys out
        // of index order.
        let mut x: u64 = 12345;
        let mut rnd = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        for (items, keys, per) in [(10, 3, 2), (300, 4, 3), (2000, 20, 3), (500, 2, 1)] {
            let mut keyed = Vec::new();
            for i in 0..items {
                for _ in 0..per {
                    keyed.push((rnd(keys), i));
                }
            }
            let sort = |i: usize| (i as u64 * 7919) % 1009;
            let streamed: Vec<(usize, usize)> = candidate_pairs(keyed.clone(), sort).collect();
            assert_eq!(streamed, pairs_collected(&keyed, sort), "{items} items");
            assert!(!streamed.is_empty());
        }
        assert_eq!(
            candidate_pairs(Vec::<(u64, usize)>::new(), |i| i).count(),
            0
        );
        assert_eq!(candidate_pairs(vec![(1u64, 5)], |i| i).count(), 0);
    }

    #[test]
    fn judged_pairs_come_back_as_pushed() {
        let input = [
            (0, 1, Judgement::Same(0.7)),
            (0, 2, Judgement::Same(0.8)),
            (
                1,
                2,
                Judgement::Differ {
                    confidence: 0.75,
                    kind: FindingKind::Contradiction,
                    rule: "numeric-contradiction",
                },
            ),
            (
                3,
                4,
                Judgement::Differ {
                    confidence: 0.75,
                    kind: FindingKind::Update,
                    rule: "numeric-update",
                },
            ),
            (5, 6, Judgement::Same(0.7)),
            (
                7,
                8,
                Judgement::Differ {
                    confidence: 0.75,
                    kind: FindingKind::Contradiction,
                    rule: "numeric-contradiction",
                },
            ),
        ];
        let judged: Judged = input.iter().cloned().collect();
        // Equal judgements share one table entry.
        assert_eq!(judged.table.len(), 4);
        let back: Vec<String> = judged
            .iter()
            .map(|(i, j, jd)| format!("{i} {j} {jd:?}"))
            .collect();
        let want: Vec<String> = input
            .iter()
            .map(|(i, j, jd)| format!("{i} {j} {jd:?}"))
            .collect();
        assert_eq!(back, want);
    }

    #[test]
    fn sorted_subsets_are_the_sets_subsets() {
        use super::sorted_subset;
        assert!(sorted_subset::<u8>(&[], &[]));
        assert!(sorted_subset(&["a", "c"], &["a", "b", "c"]));
        assert!(sorted_subset(&["a", "b", "c"], &["a", "b", "c"]));
        assert!(!sorted_subset(&["a", "d"], &["a", "b", "c"]));
        assert!(!sorted_subset(&["a", "b", "c", "d"], &["a", "b", "c"]));
        assert!(!sorted_subset(&["0"], &["a"]));
    }

    #[test]
    fn finding_ids_are_stable_and_order_free() {
        let a = finding_id(FindingKind::Agreement, "r", &["x#1", "y#2"]);
        let b = finding_id(FindingKind::Agreement, "r", &["y#2", "x#1"]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 12);
        assert_ne!(
            a,
            finding_id(FindingKind::Contradiction, "r", &["x#1", "y#2"])
        );
    }

    #[test]
    fn independence_key_prefers_cited_outlet_then_wire_then_outlet() {
        let a = article("a", "The Daily", Some("Reuters"), "2025-01-01");
        let b = article("b", "The Daily", None, "2025-01-01");
        let mut c = claim("a", 1, "X", QuoteKind::Indirect, "x");
        assert_eq!(independence_key(&c, Some(&a)), "reuters");
        assert_eq!(independence_key(&c, Some(&b)), "daily");
        c.cited_outlet = Some("Axios".into());
        assert_eq!(independence_key(&c, Some(&a)), "axios");
        c.cited_outlet = None;
        assert_eq!(independence_key(&c, None), "article:a");
    }

    #[test]
    fn anchors_take_the_last_name_word_and_places() {
        let r = rules();
        let src = "Russian President Vladimir Putin met Trump's envoy Steve Witkoff in Moscow.";
        let toks = tokenize(src);
        let places = vec![(SharedStr::from("moscow"), SharedStr::from("Moscow"))];
        let pool = Interner::default();
        let a = anchors(src, &toks, &places, &r.lex, &Names::default(), &pool);
        assert_eq!(a[0].key, "putin");
        let common = Names {
            common: ["russian".to_string()].into(),
            ..Names::default()
        };
        let b = anchors(src, &toks, &places, &r.lex, &common, &pool);
        assert_eq!(b[0].key, "putin", "a run of several words is kept");
        let src = "Nobody met Putin.";
        let toks = tokenize(src);
        let common = Names {
            common: ["nobody".to_string()].into(),
            ..Names::default()
        };
        let c = anchors(src, &toks, &[], &r.lex, &common, &pool);
        assert_eq!(c.len(), 1);
        let keys: Vec<&str> = a.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["putin", "trump", "witkoff", "moscow"]);
        assert!(a[3].place);
    }

    #[test]
    fn a_name_whose_initials_spell_an_acronym_of_the_corpus_is_that_acronym() {
        let r = rules();
        let pool = Interner::default();
        let src = "the Talvik Ferry Company raised fares on the Osby Line";
        let toks = tokenize(src);
        let keys = |acronyms: &[&str]| -> Vec<String> {
            let names = Names {
                acronyms: acronyms.iter().map(|a| a.to_string()).collect(),
                ..Names::default()
            };
            anchors(src, &toks, &[], &r.lex, &names, &pool)
                .iter()
                .map(|a| a.key.to_string())
                .collect()
        };
        assert_eq!(keys(&["tfc"]), ["tfc", "line"]);
        // No such acronym in the corpus: the last word, as before.
        assert_eq!(keys(&[]), ["company", "line"]);
    }

    #[test]
    fn a_date_written_after_a_verb_of_saying_dates_no_event() {
        let r = rules();
        let at = |s: &str| {
            let toks = tokenize(s);
            let starts = date_expression_starts(&toks, &r.lex);
            reported_on(&toks, starts[0], &r.lex)
        };
        assert!(at(
            "40 pupils were off sick, up from the 12 the school reported on Tuesday"
        ));
        assert!(at(
            "the toll is 9, not the 7 the council announced late on Friday"
        ));
        // Opening what follows, the saying frames the claim.
        assert!(!at("the council said on Friday it would close the bridge"));
        assert!(!at("the bridge was closed on Friday"));
        assert!(!at("the strike will last until Sunday"));
        assert!(!at("staff have been on strike since Monday"));
    }

    #[test]
    fn one_office_with_two_spellings_of_a_surname_is_one_speaker() {
        let person = |name: &str, role: &str, id: &str| crate::model::Speaker {
            text: format!("{role} {name}"),
            name: name.into(),
            kind: SpeakerKind::Person,
            role: Some(role.into()),
            id: Some(id.into()),
        };
        let a = person("Olek Brzenko", "Interior Minister", "olek-brzenko");
        let b = person("Oleg Brzhenko", "Interior Minister", "oleg-brzhenko");
        assert!(same_office_variant(&a, &b));
        // Another office, or another surname, is another person.
        let c = person("Oleg Brzhenko", "Finance Minister", "oleg-brzhenko");
        assert!(!same_office_variant(&a, &c));
        let d = person("Olek Marenko", "Interior Minister", "olek-marenko");
        assert!(!same_office_variant(&a, &d));
    }

    #[test]
    fn prose_lines_are_sentences_not_mastheads_or_menus() {
        assert!(prose(&tokenize(
            "Regional Governor Anna Kessel met envoys from Brindle in Oskarsby on Monday."
        )));
        assert!(prose(&tokenize("Ferry fares to rise as fuel costs bite")));
        assert!(!prose(&tokenize(
            "NORTHERN POST | Live | News | Sport | Podcasts"
        )));
        assert!(!prose(&tokenize("Share this story: Facebook | Email")));
        assert!(!prose(&tokenize("By Jon Arlen, Chief Reporter")));
    }

    #[test]
    fn a_story_is_the_names_its_text_repeats_then_the_first_written() {
        let r = rules();
        let text = "FENWICK COURIER | News | Sport\n\
                    Ferry fares to rise at Oskarsby as fuel costs bite\n\
                    Brindle Ferries will raise fares at Oskarsby from May, the company said.\n\
                    Officials said the Oskarsby route loses money. Mayor Anna Kessel objected.\n\
                    The rival operator Zeller made no comment.";
        let mut a =
            crate::model::Article::new("a", "a.txt", crate::model::Format::Text, text.to_string());
        a.meta.outlet = Some("Fenwick Courier".into());
        let pool = Interner::default();
        let keys: HashSet<&str> = [
            "oskarsby",
            "ferries",
            "kessel",
            "zeller",
            "courier",
            "officials",
        ]
        .into_iter()
        .collect();
        let story = article_story(
            &a,
            &[],
            &r.lex,
            &Names::default(),
            &pool,
            &HashSet::new(),
            &keys,
        );
        // Oskarsby three times, then in order of first mention; the outlet, the menu and a
        // lone sentence-initial "Officials" are not the story.
        assert_eq!(story, ["oskarsby", "ferries", "kessel", "zeller"]);
        // Every name written once: the first written come first, whatever the alphabet.
        let weak: HashSet<String> = ["oskarsby".to_string()].into();
        let story = article_story(&a, &[], &r.lex, &Names::default(), &pool, &weak, &keys);
        assert_eq!(story, ["ferries", "kessel", "zeller"]);
    }

    #[test]
    fn date_expression_starts_count_adjacent_words_once() {
        let r = rules();
        let n = |s: &str| date_expression_starts(&tokenize(s), &r.lex).len();
        assert_eq!(n("they met on Tuesday, Dec. 2 in Moscow"), 1);
        assert_eq!(n("they met on Monday and again on Friday"), 2);
        assert_eq!(n("they met"), 0);
        assert_eq!(n("talks took place the next day"), 1);
        assert_eq!(n("payments will reach families from May 4"), 1);
        assert_eq!(n("payments start on 4 May"), 1);
        assert_eq!(n("payments may start soon"), 0);
    }

    #[test]
    fn user_rules_add_frames_and_bad_frames_are_reported() {
        let mut set = RuleSet::embedded();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("frames.toml"),
            "[[frame]]\nname = \"goals\"\nkind = \"quantity\"\nunits = [\"goal\"]\nkeywords = [\"scored\"]\n",
        )
        .unwrap();
        set = RuleSet::load(Some(dir.path()), true).unwrap_or(set);
        let r = CompareRules::compile(&set).unwrap();
        assert!(r.frames.iter().any(|f| f.name == "goals"));
        std::fs::write(
            dir.path().join("frames.toml"),
            "[[frame]]\nname = \"bad\"\nkind = \"quantity\"\nkeywords = [\"x\"]\n",
        )
        .unwrap();
        let set = RuleSet::load(Some(dir.path()), true).unwrap();
        let err = CompareRules::compile(&set).unwrap_err().to_string();
        assert!(err.contains("bad") && err.contains("units"), "{err}");
    }

    #[test]
    fn threshold_and_single_source_filter_what_compare_returns() {
        let arts = [
            article("a", "Alpha", None, "2025-03-01"),
            article("b", "Beta", None, "2025-03-01"),
        ];
        let claims = [
            claim(
                "a",
                1,
                "Ann Lee",
                QuoteKind::Direct,
                "We will open the new bridge to traffic in May",
            ),
            claim(
                "b",
                1,
                "Bob Stone",
                QuoteKind::Direct,
                "The river flooded three villages overnight and more rain is due",
            ),
        ];
        let mut r = rules();
        let all = compare_all(&arts, &claims, &r);
        assert_eq!(of(&all, FindingKind::SingleSource).len(), 2);
        assert!(compare(&arts, &claims, &r).is_empty());
        r.options.single_source = true;
        assert_eq!(compare(&arts, &claims, &r).len(), 2);
    }
}
