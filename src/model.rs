//! The types every pipeline stage shares: [`Article`], [`Sentence`], [`Claim`],
//! [`Speaker`], [`Finding`] and the byte [`Span`]s that tie them to the original text.
//!
//! This module owns data only. It does not load, parse or decide anything; the stages
//! (`load`, `segment`, `extract`, `resolve`, `compare`, `report`) do.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A half-open byte range `start..end` into an article's `text`.
///
/// Serialized as a two-element array `[start, end]`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<[usize; 2]> for Span {
    fn from(a: [usize; 2]) -> Self {
        Span::new(a[0], a[1])
    }
}
impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}

/// How an article's text was stored on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown, optionally with YAML or TOML front matter.
    Markdown,
    /// HTML; the main text is kept, markup is masked out.
    Html,
    /// One JSON object per line, each an article.
    Jsonl,
}

/// Where a metadata field's value came from, in order of precedence (highest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldSource {
    /// A command-line flag.
    Flag,
    /// The corpus manifest (`crosscheck.toml`).
    Manifest,
    /// Front matter, HTML meta tags or the JSONL record's own keys.
    FrontMatter,
    /// Inferred from the text by the rules in `rules/metadata.toml`.
    Inferred,
}

/// An article's metadata. Every field that is set records its [`FieldSource`] in `source`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// The outlet that published the article.
    pub outlet: Option<String>,
    /// Publication date, ISO `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Canonical address.
    pub url: Option<String>,
    /// Language code such as `en`.
    pub language: Option<String>,
    /// The wire service or outlet the whole article is credited to (`Source(s): Reuters`).
    pub wire: Option<String>,
    /// Where each field that is set came from, keyed by field name.
    pub source: BTreeMap<String, FieldSource>,
}

/// How serious a [`Problem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the article was read.
    Warning,
    /// The article could not be read and was skipped.
    Error,
}

/// Something that went wrong reading one article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Warning or error.
    pub severity: Severity,
    /// 1-based line in the file, where one applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What happened, in words a user can act on.
    pub message: String,
}

/// Whether an article made it through loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Read; its claims are in the report.
    Ok,
    /// Could not be read; `problems` says why.
    Skipped,
}

/// One article: its text, where its content lies in that text, and its metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: the file stem (with `#N` for the Nth record of a JSONL file), made
    /// unique across the corpus.
    pub id: String,
    /// The path as given or found, with `/` separators.
    pub path: String,
    /// Storage format.
    pub format: Format,
    /// The decoded text. For plain text it is the file itself; for Markdown it is the file
    /// with non-prose markup (link targets, emphasis marks, code blocks) replaced by spaces;
    /// for HTML it is the file with markup replaced by spaces and block boundaries by `\n`
    /// (so byte offsets match the file, and `line_starts` are the file's); for JSONL it is
    /// the record's `text` value.
    pub text: String,
    /// Byte ranges of `text` that are article content: front matter, markup and
    /// boilerplate lie outside them. Sorted, non-overlapping.
    pub content: Vec<Span>,
    /// Line in the file where `text` begins (1 except for JSONL records).
    pub first_line: usize,
    /// Byte offset of each line start in the file (always begins with 0). For HTML these
    /// are the original file's lines; for a JSONL record only `[0]`, so that every offset
    /// lies on the record's line.
    pub line_starts: Vec<usize>,
    /// Metadata from flags, manifest, front matter or inference.
    pub meta: Metadata,
    /// Ok or skipped.
    pub status: Status,
    /// Warnings and, for skipped articles, the reason.
    pub problems: Vec<Problem>,
}

impl Article {
    /// A readable article over `text`, with all of it as content.
    pub fn new(
        id: impl Into<String>,
        path: impl Into<String>,
        format: Format,
        text: String,
    ) -> Self {
        let line_starts = line_starts(&text);
        let content = if text.is_empty() {
            vec![]
        } else {
            vec![Span::new(0, text.len())]
        };
        Article {
            id: id.into(),
            path: path.into(),
            format,
            text,
            content,
            first_line: 1,
            line_starts,
            meta: Metadata::default(),
            status: Status::Ok,
            problems: vec![],
        }
    }

    /// An article that could not be read, with the reason.
    pub fn skipped(
        id: impl Into<String>,
        path: impl Into<String>,
        format: Format,
        problem: Problem,
    ) -> Self {
        let mut a = Article::new(id, path, format, String::new());
        a.status = Status::Skipped;
        a.problems.push(problem);
        a
    }

    /// The 1-based line in the file of byte `offset` of `text`.
    pub fn line_of(&self, offset: usize) -> usize {
        let idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        self.first_line + idx
    }

    /// The 1-based column (in Unicode scalar values) of byte `offset` of `text`.
    pub fn column_of(&self, offset: usize) -> usize {
        let line = self.line_of(offset) - self.first_line;
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let end = offset.min(self.text.len());
        self.text
            .get(start..end)
            .map_or(1, |s| s.chars().count() + 1)
    }

    /// The text under `span`, or "" when the span does not fall on char boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// Byte offsets of line starts: 0 and every byte after `\n`, or after a lone `\r`.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_line && i + 1 < bytes.len() {
            starts.push(i + 1);
        }
    }
    starts
}

/// What kind of unit a sentence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceKind {
    /// Running text.
    Body,
    /// A headline or section heading: a short line with no final punctuation.
    Headline,
    /// A bullet or numbered list item.
    Bullet,
    /// A photo caption or credit line.
    Caption,
}

/// One sentence (or headline, bullet, caption) of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte range in the article's text, trimmed of surrounding white space
    /// (and, for bullets, of the bullet marker).
    pub span: Span,
    /// 1-based line in the file where it starts.
    pub line: usize,
    /// Body, headline, bullet or caption.
    pub kind: SentenceKind,
    /// Index of the paragraph (block of lines between blank lines, or one line) it is in.
    pub paragraph: usize,
}

/// A quotation found by the segmenter: its marks may lie in different sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quotation {
    /// From the opening mark to the closing mark, both included.
    pub span: Span,
    /// Inside the marks.
    pub inner: Span,
    /// Index of the sentence holding the opening mark.
    pub first_sentence: usize,
    /// Index of the sentence holding the closing mark.
    pub last_sentence: usize,
    /// False when no closing mark was found before the paragraph ended (the news
    /// convention of reopening a quote at each paragraph, or a stray mark).
    pub closed: bool,
}

/// The sentences and quotations of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segmented {
    /// In text order, not overlapping.
    pub sentences: Vec<Sentence>,
    /// In text order.
    pub quotations: Vec<Quotation>,
}

/// An immutable string that clones share (an `Arc<str>`): the claim fields whose values
/// recur across claims (article id, cue, speaker name and id, cited outlet, date and its
/// source) hold one copy per distinct value instead of one per claim. It reads, compares,
/// hashes, prints and serialises as the string it holds (a JSON string, as `String` does).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedStr(Arc<str>);

impl SharedStr {
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The shared string itself (for tables that refer to it rather than copy it).
    pub fn as_arc(&self) -> &Arc<str> {
        &self.0
    }
    /// The one shared copy of `s` in a process-wide pool, for values from small
    /// vocabularies (cues, dates, date sources, outlets): every claim with the same
    /// value holds the same string. The pool keeps what it has seen for the life of the
    /// process; do not use it for values that do not recur (ids, contents).
    pub fn pooled(s: &str) -> Self {
        static POOL: std::sync::OnceLock<Interner> = std::sync::OnceLock::new();
        POOL.get_or_init(Interner::default).get(s)
    }
}

impl std::ops::Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}
impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}
impl std::fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}
impl std::fmt::Display for SharedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&*self.0, f)
    }
}
impl From<&str> for SharedStr {
    fn from(s: &str) -> Self {
        SharedStr(Arc::from(s))
    }
}
impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        SharedStr(Arc::from(s))
    }
}
impl From<&String> for SharedStr {
    fn from(s: &String) -> Self {
        SharedStr(Arc::from(s.as_str()))
    }
}
impl From<Arc<str>> for SharedStr {
    fn from(s: Arc<str>) -> Self {
        SharedStr(s)
    }
}
impl From<SharedStr> for String {
    fn from(s: SharedStr) -> Self {
        s.0.to_string()
    }
}
impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}
impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}
impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}
impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == &*other.0
    }
}
impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == &*other.0
    }
}
impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        **self == *other.0
    }
}
impl Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d).map(SharedStr::from)
    }
}

/// A set of [`SharedStr`]s handing out one shared copy per distinct value; safe to use
/// from several threads (the set is split in shards, each behind its own lock).
#[derive(Default)]
pub struct Interner {
    shards: [std::sync::Mutex<std::collections::HashSet<Arc<str>, rustc_hash::FxBuildHasher>>;
        INTERNER_SHARDS],
}

const INTERNER_SHARDS: usize = 16;

impl Interner {
    /// The shared copy of `s` (made on first sight).
    pub fn get(&self, s: &str) -> SharedStr {
        use std::hash::BuildHasher;
        let h = rustc_hash::FxBuildHasher.hash_one(s) as usize;
        let shard = &self.shards[h % INTERNER_SHARDS];
        // A poisoned shard only means another thread panicked mid-insert; the set is
        // still a valid set.
        let mut set = shard
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(a) = set.get(s) {
            return SharedStr(a.clone());
        }
        let a: Arc<str> = Arc::from(s);
        set.insert(a.clone());
        SharedStr(a)
    }
    /// [`Interner::get`] for an optional value.
    pub fn get_opt(&self, s: Option<&str>) -> Option<SharedStr> {
        s.map(|s| self.get(s))
    }
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Interner")
    }
}

/// Who a claim is credited to, as far as the text says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named person.
    Person,
    /// A government, company, institution or group.
    Organisation,
    /// A news outlet.
    Outlet,
    /// A document, report or statement.
    Document,
    /// A described but unnamed source, or a pronoun that could not be resolved.
    Anonymous,
}

/// The source a claim is credited to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The words in the sentence that name the source ("he", "Top Kremlin aide Yuri Ushakov").
    pub text: String,
    /// The name: the full name a pronoun or surname refers to, canonical after `resolve`.
    pub name: SharedStr,
    /// Person, organisation, outlet, document or anonymous.
    pub kind: SpeakerKind,
    /// A title or description given with the name ("Top Kremlin aide").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<SharedStr>,
    /// Canonical entity id, set by `resolve`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<SharedStr>,
}

/// How the content is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Entirely inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Reported speech with quoted fragments.
    Mixed,
    /// The article's own statement (not emitted by default).
    Narrative,
}

/// The stance a cue takes towards what it reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueClass {
    /// said, told, added
    Neutral,
    /// confirmed, declared, stressed
    Assertive,
    /// claimed, alleged
    Distancing,
    /// reported, according to
    Reporting,
    /// described as, called
    Evaluative,
    /// expected, promised
    Expectation,
    /// instructed, urged
    Directive,
}

/// A place mentioned in a claim, resolved against the gazetteer when known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// As written.
    pub text: SharedStr,
    /// Canonical gazetteer id, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<SharedStr>,
    /// Where it is in the article's text.
    pub span: Span,
}

/// A number with the noun it counts or measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// As written ("28-point", "two-hour").
    pub text: String,
    /// The value.
    pub value: f64,
    /// The unit noun, singular ("point", "hour"), when one follows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<SharedStr>,
    /// Where it is in the article's text.
    pub span: Span,
}

/// One attributed claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// `ARTICLE#N`, N counting from 1 in text order.
    pub id: SharedStr,
    /// The article's id.
    pub article: SharedStr,
    /// Who the claim is credited to.
    pub speaker: Speaker,
    /// The reporting word or phrase ("said", "according to", "described ... as").
    pub cue: SharedStr,
    /// The cue's stance.
    pub cue_class: CueClass,
    /// Direct, indirect, mixed or narrative.
    pub quote: QuoteKind,
    /// What is asserted, as written (quotation marks removed for direct quotes).
    pub content: String,
    /// Where the content is in the article's text.
    pub content_span: Span,
    /// The whole attribution (the sentence or sentences holding it).
    pub span: Span,
    /// 1-based line in the file where the content starts.
    pub line: usize,
    /// The outlet the article relays this claim through (`told Axios`, `according to CNN`).
    pub cited_outlet: Option<SharedStr>,
    /// Calendar date the claim is about, ISO, set by `resolve`.
    pub date: Option<SharedStr>,
    /// How `date` was resolved ("absolute", "weekday before publication", ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<SharedStr>,
    /// Places in the content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
    /// Quantities in the content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<Quantity>,
    /// Notes for the reader, e.g. `unresolved-pronoun`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
}

/// What a finding says about a set of claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Claims that contradict each other.
    Contradiction,
    /// One speaker's quote rendered differently.
    Misquote,
    /// One quote credited to different speakers.
    Misattribution,
    /// Values that differ because the thing changed over time.
    Update,
    /// Independent sources asserting the same thing.
    Agreement,
    /// A claim only one independent source carries.
    SingleSource,
}

impl FindingKind {
    /// Every kind, in the order reports list them. The judgement memo stores a kind as
    /// its position here: reordering needs a bump of the memo's schema (`src/cache.rs`).
    pub const ALL: [FindingKind; 6] = [
        FindingKind::Contradiction,
        FindingKind::Misquote,
        FindingKind::Misattribution,
        FindingKind::Update,
        FindingKind::Agreement,
        FindingKind::SingleSource,
    ];

    /// The kebab-case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Contradiction => "contradiction",
            FindingKind::Misquote => "misquote",
            FindingKind::Misattribution => "misattribution",
            FindingKind::Update => "update",
            FindingKind::Agreement => "agreement",
            FindingKind::SingleSource => "single-source",
        }
    }
}

/// A conclusion about a set of claims, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable id derived from the kind, rule and claims (`F-` and 10 hex digits).
    pub id: String,
    /// Contradiction, agreement, ...
    pub kind: FindingKind,
    /// What it is about, readable ("number of points in the peace plan"). Shared: many
    /// findings have the same topic.
    pub topic: SharedStr,
    /// Ids of the claims involved. Shared, and for a difference between two large
    /// groups of claims held as the groups' shared lists (see [`ClaimIds`]): on a large
    /// corpus the findings list tens of millions of claim ids.
    pub claims: ClaimIds,
    /// One-line explanation; built from shared parts where the same text (a group's
    /// locations) recurs in many findings (see [`Detail`]).
    pub detail: Detail,
    /// The rule that fired (one shared copy per rule name).
    pub rule: SharedStr,
    /// 0.0 to 1.0.
    pub confidence: f64,
    /// Number of independent sources behind the claims.
    pub sources: usize,
}

/// The claim ids of a [`Finding`], in order: a list of shared ids, or the merge of
/// sorted runs of indices into a shared table of ids (each run a group of claims that
/// many findings name, held once). Behaves as the list of ids it stands for: iteration,
/// equality, hashing and serialisation (a JSON array of strings) see only the ids.
#[derive(Clone, Debug, Default)]
pub struct ClaimIds {
    repr: IdsRepr,
    len: usize,
}

#[derive(Clone, Debug)]
enum IdsRepr {
    List(Vec<Arc<str>>),
    Runs {
        table: Arc<[Arc<str>]>,
        runs: Box<[Arc<[u32]>]>,
    },
}

impl Default for IdsRepr {
    fn default() -> Self {
        IdsRepr::List(Vec::new())
    }
}

impl ClaimIds {
    /// The ids `table[i]` for every `i` of the runs, in ascending `i` without repeats.
    /// Each run must be sorted ascending; indices past the table are skipped.
    pub fn from_runs(table: Arc<[Arc<str>]>, runs: Vec<Arc<[u32]>>) -> Self {
        let mut ids = ClaimIds {
            repr: IdsRepr::Runs {
                table,
                runs: runs.into_boxed_slice(),
            },
            len: 0,
        };
        ids.len = ids.iter().count();
        ids
    }
    /// Number of ids.
    pub fn len(&self) -> usize {
        self.len
    }
    /// True when there is no id.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// The ids in order.
    pub fn iter(&self) -> ClaimIdsIter<'_> {
        match &self.repr {
            IdsRepr::List(v) => ClaimIdsIter::List(v.iter()),
            IdsRepr::Runs { table, runs } => ClaimIdsIter::Runs {
                table,
                runs,
                pos: vec![0; runs.len()],
                last: None,
                left: self.len,
            },
        }
    }
    /// The ids as a vector.
    pub fn to_vec(&self) -> Vec<Arc<str>> {
        self.iter().cloned().collect()
    }
    /// True when `id` is one of the ids.
    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|c| &**c == id)
    }
    /// Reverse the order of the ids.
    pub fn reverse(&mut self) {
        let mut v = self.to_vec();
        v.reverse();
        *self = ClaimIds::from(v);
    }
}

/// Iterator over [`ClaimIds`].
#[derive(Debug)]
pub enum ClaimIdsIter<'a> {
    /// A plain list.
    #[doc(hidden)]
    List(std::slice::Iter<'a, Arc<str>>),
    /// A merge of sorted runs.
    #[doc(hidden)]
    Runs {
        /// The shared ids.
        table: &'a [Arc<str>],
        /// Sorted runs of indices into `table`.
        runs: &'a [Arc<[u32]>],
        /// Next position in each run.
        pos: Vec<usize>,
        /// The index given last (to skip repeats).
        last: Option<u32>,
        /// Ids still to come (when known).
        left: usize,
    },
}

impl<'a> Iterator for ClaimIdsIter<'a> {
    type Item = &'a Arc<str>;
    fn next(&mut self) -> Option<&'a Arc<str>> {
        match self {
            ClaimIdsIter::List(it) => it.next(),
            ClaimIdsIter::Runs {
                table,
                runs,
                pos,
                last,
                left,
            } => loop {
                let mut best: Option<(u32, usize)> = None;
                for (r, run) in runs.iter().enumerate() {
                    if let Some(&v) = run.get(pos[r]) {
                        if best.is_none_or(|(b, _)| v < b) {
                            best = Some((v, r));
                        }
                    }
                }
                let (v, r) = best?;
                pos[r] += 1;
                if *last == Some(v) {
                    continue;
                }
                *last = Some(v);
                if let Some(id) = table.get(v as usize) {
                    *left = left.saturating_sub(1);
                    return Some(id);
                }
            },
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            ClaimIdsIter::List(it) => it.size_hint(),
            // Exact once `len` is known (`from_runs` counts with `next` alone).
            ClaimIdsIter::Runs { left, .. } => (*left, Some(*left)),
        }
    }
}

impl<'a> IntoIterator for &'a ClaimIds {
    type Item = &'a Arc<str>;
    type IntoIter = ClaimIdsIter<'a>;
    fn into_iter(self) -> ClaimIdsIter<'a> {
        self.iter()
    }
}

impl From<Vec<Arc<str>>> for ClaimIds {
    fn from(v: Vec<Arc<str>>) -> Self {
        ClaimIds {
            len: v.len(),
            repr: IdsRepr::List(v),
        }
    }
}

impl FromIterator<Arc<str>> for ClaimIds {
    fn from_iter<T: IntoIterator<Item = Arc<str>>>(iter: T) -> Self {
        ClaimIds::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl PartialEq for ClaimIds {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl Eq for ClaimIds {}

impl std::hash::Hash for ClaimIds {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_usize(self.len);
        for id in self {
            id.hash(state);
        }
    }
}

impl Serialize for ClaimIds {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.len))?;
        for id in self {
            seq.serialize_element(&**id)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for ClaimIds {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Arc<str>>::deserialize(d).map(ClaimIds::from)
    }
}

/// A finding's one-line explanation: a string, or the concatenation of shared parts (a
/// difference between two groups of claims names each group's locations, and a large
/// group takes part in many differences). Displays and serialises as the whole text.
#[derive(Clone, Debug)]
pub enum Detail {
    /// The whole text.
    Text(String),
    /// The text is these parts, joined.
    Parts(Box<[Arc<str>]>),
}

impl Default for Detail {
    fn default() -> Self {
        Detail::Text(String::new())
    }
}

impl Detail {
    /// The whole text.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Detail::Text(s) => std::borrow::Cow::Borrowed(s),
            Detail::Parts(p) => std::borrow::Cow::Owned(p.concat()),
        }
    }
    /// True when the text is empty.
    pub fn is_empty(&self) -> bool {
        match self {
            Detail::Text(s) => s.is_empty(),
            Detail::Parts(p) => p.iter().all(|s| s.is_empty()),
        }
    }
    /// True when the text contains `pat`.
    pub fn contains(&self, pat: &str) -> bool {
        self.text().contains(pat)
    }
    /// True when the text starts with `pat`.
    pub fn starts_with(&self, pat: &str) -> bool {
        self.text().starts_with(pat)
    }
}

impl std::fmt::Display for Detail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Detail::Text(s) => f.write_str(s),
            Detail::Parts(p) => p.iter().try_for_each(|s| f.write_str(s)),
        }
    }
}

impl From<String> for Detail {
    fn from(s: String) -> Self {
        Detail::Text(s)
    }
}

impl From<&str> for Detail {
    fn from(s: &str) -> Self {
        Detail::Text(s.to_string())
    }
}

impl PartialEq for Detail {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl Serialize for Detail {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Detail::Text(t) => s.serialize_str(t),
            Detail::Parts(_) => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Detail {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Detail::Text)
    }
}

#[cfg(test)]
mod compact_tests {
    use super::*;

    #[test]
    fn shared_strings_read_and_serialise_as_strings() {
        let s = SharedStr::from("Reuters");
        assert_eq!(s, "Reuters");
        assert_eq!("Reuters", s);
        assert_eq!(s, String::from("Reuters"));
        assert_eq!(s.as_str(), "Reuters");
        assert_eq!(format!("{s} {s:?}"), "Reuters \"Reuters\"");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"Reuters\"");
        let back: SharedStr = serde_json::from_str("\"Reuters\"").unwrap();
        assert_eq!(back, s);
        assert_eq!(
            serde_json::to_string(&Some(SharedStr::from("x"))).unwrap(),
            serde_json::to_string(&Some("x".to_string())).unwrap()
        );
    }

    #[test]
    fn an_interner_hands_out_one_copy_per_value() {
        let pool = Interner::default();
        let a = pool.get("said");
        let b = pool.get(&String::from("said"));
        let c = pool.get("told");
        assert!(Arc::ptr_eq(a.as_arc(), b.as_arc()));
        assert!(!Arc::ptr_eq(a.as_arc(), c.as_arc()));
        assert_eq!(pool.get_opt(None), None);
        assert_eq!(pool.get_opt(Some("told")), Some(c));
        let p = SharedStr::pooled("percent");
        assert!(Arc::ptr_eq(
            p.as_arc(),
            SharedStr::pooled("percent").as_arc()
        ));
    }

    fn ids(v: &[&str]) -> Vec<Arc<str>> {
        v.iter().map(|s| Arc::from(*s)).collect()
    }

    #[test]
    fn runs_merge_in_index_order_without_repeats() {
        let table: Arc<[Arc<str>]> = ids(&["a#1", "a#2", "b#1", "b#2", "c#1"]).into();
        let merged = ClaimIds::from_runs(
            table,
            vec![Arc::from(vec![0u32, 3, 4]), Arc::from(vec![1u32, 3, 9])],
        );
        assert_eq!(merged.len(), 4);
        let flat = ClaimIds::from(ids(&["a#1", "a#2", "b#2", "c#1"]));
        assert_eq!(merged, flat);
        assert_eq!(merged.iter().size_hint(), (4, Some(4)));
        assert_eq!(
            serde_json::to_string(&merged).unwrap(),
            serde_json::to_string(&flat).unwrap()
        );
        assert!(merged.contains("b#2") && !merged.contains("b#1"));
        let hash = |c: &ClaimIds| {
            use std::hash::{BuildHasher, BuildHasherDefault};
            BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(c)
        };
        assert_eq!(hash(&merged), hash(&flat));
    }

    #[test]
    fn a_detail_of_parts_is_its_text() {
        let parts = Detail::Parts(
            vec![
                Arc::from("27 points (a:3)"),
                Arc::from(" vs \"q\"\n"),
                Arc::from("x"),
            ]
            .into_boxed_slice(),
        );
        let text = Detail::from("27 points (a:3) vs \"q\"\nx");
        assert_eq!(parts, text);
        assert_eq!(parts.to_string(), text.to_string());
        assert_eq!(
            serde_json::to_string(&parts).unwrap(),
            serde_json::to_string(&text).unwrap()
        );
        assert!(!parts.is_empty() && parts.starts_with("27") && parts.contains("vs"));
    }
}
