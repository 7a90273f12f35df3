//! Dates (`rules/dates.toml`): calendar dates read from text, absolute ("Dec. 2",
//! "2 December", "2025-12-02", "December 5, 2025") or relative to the article's
//! publication date ("on Sunday", "yesterday", "last week", "two weeks ago") or to the
//! date just mentioned ("a day later", "the next day").
//!
//! Owns: finding date expressions, resolving them to a day or a range of days, and saying
//! how (`DateMention::source`). Does not own: which date a claim is about (`resolve`
//! picks the first in the content) or comparing dates (`compare`).
//!
//! Conventions (documented in README.md ("Resolving")):
//! - A date without a year takes the year (publication year, the one before or after) that
//!   puts it nearest the publication date.
//! - A bare weekday is the most recent such day on or before publication (news
//!   convention: "said on Sunday"), unless the nearest tense marker in its sentence is a
//!   future one ("will meet on Tuesday", "Witkoff to meet Putin on Tuesday"): then it is
//!   the next such day on or after publication. "last Tuesday" is strictly before,
//!   "next Tuesday" strictly after.
//! - Without a publication date, relative dates are left unresolved and say so.

use crate::error::{Error, Result};
use crate::model::Span;
use crate::resolve::quantities::QuantityRules;
use crate::rules::RuleSet;
use jiff::civil::Date;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedNumber {
    number: i8,
    names: Vec<String>,
}

/// What range a relative phrase gives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum RangeKind {
    #[default]
    Day,
    Week,
    Month,
    Year,
    WeekSoFar,
    Weekend,
}

/// What a relative phrase is counted from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Anchor {
    #[default]
    Publication,
    Previous,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelativeRule {
    phrase: String,
    #[serde(default)]
    days: i64,
    #[serde(default)]
    months: i64,
    #[serde(default)]
    years: i64,
    #[serde(default)]
    range: RangeKind,
    #[serde(default)]
    anchor: Anchor,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    #[serde(default)]
    future_markers: Vec<String>,
    #[serde(default)]
    past_markers: Vec<String>,
    #[serde(default)]
    reported_markers: Vec<String>,
    #[serde(default)]
    saying_verbs: Vec<String>,
    #[serde(default)]
    month: Vec<NamedNumber>,
    #[serde(default)]
    weekday: Vec<NamedNumber>,
    #[serde(default)]
    relative: Vec<RelativeRule>,
}

/// A day or an inclusive range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateRange {
    /// First day.
    pub start: Date,
    /// Last day (equal to `start` for a single day).
    pub end: Date,
}

impl DateRange {
    /// One day.
    pub fn day(d: Date) -> Self {
        DateRange { start: d, end: d }
    }

    /// ISO 8601: `2025-12-02`, or an interval `2025-11-24/2025-11-30`.
    pub fn iso(&self) -> String {
        if self.start == self.end {
            self.start.to_string()
        } else {
            format!("{}/{}", self.start, self.end)
        }
    }

    /// Read what [`DateRange::iso`] writes (the form of `Claim.date`).
    pub fn from_iso(s: &str) -> Option<Self> {
        match s.split_once('/') {
            Some((a, b)) => Some(DateRange {
                start: parse_published(a)?,
                end: parse_published(b)?,
            }),
            None => parse_published(s).map(DateRange::day),
        }
    }

    /// True when the two share at least one day (a day inside a week, say).
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// True for a single day.
    pub fn is_day(&self) -> bool {
        self.start == self.end
    }
}

/// A date expression found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// As written ("on Sunday" is kept as "Sunday").
    pub text: String,
    /// Where it is in the text given to [`DateRules::find`].
    pub span: Span,
    /// The day or days it means; `None` when it cannot be resolved (a relative date in an
    /// article with no publication date).
    pub value: Option<DateRange>,
    /// How it was resolved ("absolute", "weekday on or before publication", "relative to
    /// Nov. 30 (a day later)", "unresolved: ...").
    pub source: String,
    /// A month and day written without a year in an article with no publication date
    /// ("Dec. 2"), as ISO 8601's reduced form `--MM-DD`; `None` otherwise. The comparer
    /// takes it to be the same day as any full date with that month and day.
    pub day_without_year: Option<String>,
    /// Written as a possessive ("Sunday's run-off", "Monday’s talks"): the date of an
    /// event the phrase names, not of what the clause around it reports.
    pub possessive: bool,
    /// Right after a reporting verb and ending its clause ("..., Nazarov said on
    /// Tuesday", "told reporters on Monday."): the date of the saying, not of what is
    /// said.
    pub saying: bool,
}

/// Whether `rest` (the text just after a date expression) ends its clause: nothing, or
/// punctuation, before the next word ("..., the governor said on Tuesday." but not
/// "Arvane said on Friday it was extending the recall").
fn ends_clause(rest: &str) -> bool {
    rest.trim_start().chars().next().is_none_or(|c| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '\u{201d}'
        )
    })
}

/// Whether `rest` (the text just after a date expression) opens with a possessive `'s`.
fn possessive_after(rest: &str) -> bool {
    let mut c = rest.chars();
    matches!(c.next(), Some('\'' | '\u{2019}'))
        && matches!(c.next(), Some('s' | 'S'))
        && !c.next().is_some_and(char::is_alphanumeric)
}

/// The day of weekday `wd` nearest `p` (the earlier one on a tie).
fn weekday_nearest(p: Date, wd: i64) -> Option<Date> {
    let before = weekday_on_or_before(p, wd, false);
    let after = weekday_on_or_after(p, wd, false);
    match (before, after) {
        (Some(b), Some(a)) => Some(if days_between(b, p) <= days_between(p, a) {
            b
        } else {
            a
        }),
        (b, a) => b.or(a),
    }
}

/// Parse a publication date `YYYY-MM-DD` (a time after it is ignored).
pub fn parse_published(s: &str) -> Option<Date> {
    let s = s.trim();
    let head = s.get(..10).unwrap_or(s);
    head.parse::<Date>().ok()
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    let span = jiff::Span::new().try_days(n).ok()?;
    d.checked_add(span).ok()
}

fn add_months(d: Date, months: i64, years: i64) -> Option<Date> {
    let span = jiff::Span::new()
        .try_months(months)
        .ok()?
        .try_years(years)
        .ok()?;
    d.checked_add(span).ok()
}

fn days_between(a: Date, b: Date) -> i64 {
    a.duration_until(b).as_secs() / 86_400
}

fn weekday_num(d: Date) -> i64 {
    i64::from(d.weekday().to_monday_one_offset())
}

/// The most recent `wd` (1 = Monday) on or before `d` (strictly before when `strict`).
fn weekday_on_or_before(d: Date, wd: i64, strict: bool) -> Option<Date> {
    let mut delta = (weekday_num(d) - wd).rem_euclid(7);
    if delta == 0 && strict {
        delta = 7;
    }
    add_days(d, -delta)
}

/// The next `wd` on or after `d` (strictly after when `strict`).
fn weekday_on_or_after(d: Date, wd: i64, strict: bool) -> Option<Date> {
    let mut delta = (wd - weekday_num(d)).rem_euclid(7);
    if delta == 0 && strict {
        delta = 7;
    }
    add_days(d, delta)
}

fn week_of(d: Date) -> Option<DateRange> {
    let monday = weekday_on_or_before(d, 1, false)?;
    Some(DateRange {
        start: monday,
        end: add_days(monday, 6)?,
    })
}

/// Which way a clause points in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// Past or present: the default in news.
    Past,
    /// A future marker is nearest.
    Future,
    /// Future seen from the past ("said he would meet ... on Tuesday", "talks were
    /// expected to resume on Friday"): the statement was made near publication, so the
    /// such day nearest publication, before or after.
    Reported,
}

#[derive(Clone, Debug)]
enum Cand {
    Full(i16, i8, i8),
    NoYear(i8, i8),
    Month(i8, Option<i16>, Option<String>),
    Year(i16),
    Weekday(i8, Option<String>),
    Relative(usize),
    Counted {
        n: f64,
        unit: String,
        dir: String,
        approx: bool,
    },
}

/// The compiled `rules/dates.toml`.
#[derive(Clone, Debug)]
pub struct DateRules {
    months: BTreeMap<String, i8>,
    weekdays: BTreeMap<String, i8>,
    relative: Vec<RelativeRule>,
    future: Vec<Vec<String>>,
    past: Vec<Vec<String>>,
    reported: Vec<Vec<String>>,
    saying: Vec<String>,
    numbers: QuantityRules,
    re_iso: Regex,
    re_md: Regex,
    re_dm: Regex,
    re_my: Regex,
    re_month_prep: Regex,
    re_year: Regex,
    re_weekday: Regex,
    re_relative: Option<Regex>,
    re_counted: Regex,
    re_numeric: Regex,
    /// Characters no date pattern can match (see [`SPLITTERS`]): the text is searched
    /// in the pieces between them.
    splitters: Vec<char>,
}

/// Punctuation and symbols outside ASCII that split a text into pieces searched one by
/// one: none is a word character, whitespace or a digit, and a splitter is dropped from
/// the list when any date pattern names it. No date expression can contain one, and
/// `\b` sees the same boundary at a piece's edge as beside the splitter, so the matches
/// are exactly those in the whole text; but the fast DFA of the `regex` crate gives up
/// on a haystack with any non-ASCII byte when a pattern has a Unicode `\b` (all of these
/// do), and news text is full of curly quotes and dashes: searching the whole text took
/// a slow backtracking engine through every article, more than half of resolve's time.
const SPLITTERS: &[char] = &[
    '\u{201c}', '\u{201d}', '\u{2018}', '\u{201e}', '\u{00ab}', '\u{00bb}', '\u{2039}', '\u{203a}',
    '\u{2014}', '\u{2013}', '\u{2015}', '\u{2022}', '\u{25cf}', '\u{2026}', '\u{00a9}', '\u{00ae}',
    '\u{2122}', '\u{00b7}', '\u{2032}', '\u{2033}', '\u{00a7}', '\u{00b6}', '\u{00a3}', '\u{20ac}',
    '\u{00a5}', '\u{00b0}',
];

/// A capture group, its offsets in the whole text.
#[derive(Clone, Copy, Debug)]
struct Found<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl<'t> Found<'t> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn as_str(&self) -> &'t str {
        self.text
    }
}

/// The captures of one match in a piece starting at `offset`.
struct Caps<'t> {
    caps: regex::Captures<'t>,
    offset: usize,
}

impl<'t> Caps<'t> {
    fn at(&self, m: regex::Match<'t>) -> Found<'t> {
        Found {
            start: m.start() + self.offset,
            end: m.end() + self.offset,
            text: m.as_str(),
        }
    }
    fn get(&self, i: usize) -> Option<Found<'t>> {
        self.caps.get(i).map(|m| self.at(m))
    }
    fn name(&self, n: &str) -> Option<Found<'t>> {
        self.caps.name(n).map(|m| self.at(m))
    }
}

/// The pieces of `text` between splitters, as (start, end); one piece when it is ASCII.
fn pieces(text: &str, splitters: &[char]) -> Vec<(usize, usize)> {
    if text.is_ascii() {
        return vec![(0, text.len())];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if !ch.is_ascii() && splitters.contains(&ch) {
            if start < i {
                out.push((start, i));
            }
            start = i + ch.len_utf8();
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// Every match of `re` in the pieces of `text`, in text order.
fn captures<'r, 't>(
    re: &'r Regex,
    text: &'t str,
    pieces: &'r [(usize, usize)],
) -> impl Iterator<Item = Caps<'t>> + 'r
where
    't: 'r,
{
    pieces.iter().flat_map(move |&(s, e)| {
        re.captures_iter(&text[s..e])
            .map(move |caps| Caps { caps, offset: s })
    })
}

/// Irregular past-tense verbs that tell a clause is about the past.
const PAST_VERBS: &[&str] = &[
    "said",
    "met",
    "held",
    "told",
    "went",
    "came",
    "spoke",
    "took",
    "gave",
    "made",
    "was",
    "were",
    "had",
    "did",
    "saw",
    "left",
    "flew",
    "began",
    "led",
    "sent",
    "brought",
    "found",
    "thought",
    "became",
    "kept",
    "stood",
    "ran",
    "won",
    "lost",
    "paid",
    "wrote",
    "knew",
    "got",
    "put",
    "set",
    "hit",
    "struck",
    "fell",
    "rose",
    "sat",
    "heard",
    "felt",
    "chose",
    "drove",
    "broke",
    "spent",
    "sold",
    "bought",
    "caught",
    "taught",
    "fought",
    "meant",
    "began",
    "understood",
    "withdrew",
    "overtook",
    "undertook",
    "been",
];

/// Words ending in -ed that are not past tenses.
const NOT_PAST: &[&str] = &[
    "need", "speed", "proceed", "exceed", "succeed", "feed", "seed", "breed", "bleed", "embed",
    "shed", "hundred", "red", "bed", "led", "wed", "indeed", "steed", "creed", "greed", "weed",
    "reed", "deed", "freed",
];

/// Base verbs after "to" that make a headline future ("Witkoff to meet Putin").
const INFINITIVES: &[&str] = &[
    "meet", "visit", "hold", "host", "travel", "sign", "attend", "discuss", "talk", "speak",
    "address", "announce", "present", "receive", "join", "vote", "unveil", "launch", "begin",
    "start", "resume", "return", "fly", "head", "brief", "see", "hold", "decide", "rule",
    "testify", "appear", "face", "lead", "open", "close", "end", "release", "publish",
];

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "st", "no", "jr", "sr", "lt", "col",
    "prof", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "u.s", "u.k", "u.n",
    "e.u", "d.c", "a.m", "p.m", "inc", "corp", "ltd", "co", "adm", "capt", "sgt",
];

fn alternation(names: &[String]) -> String {
    let mut v: Vec<String> = names
        .iter()
        .map(|n| regex::escape(n.trim_end_matches('.')))
        .collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v.join("|")
}

fn compile(path: &str, pattern: &str) -> Result<Regex> {
    crate::rules::compile_regex(path, pattern)
}

impl DateRules {
    /// Compile `dates.toml` (and the number words of `quantities.toml`) from `set`.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let f: DatesFile = set.get("dates.toml")?;
        let path = set.path_of("dates.toml");
        let mut months = BTreeMap::new();
        for m in &f.month {
            if !(1..=12).contains(&m.number) {
                return Err(Error::RuleInvalid {
                    path,
                    rule: format!("month {}", m.number),
                    message: "month numbers run from 1 to 12".into(),
                });
            }
            for n in &m.names {
                months.insert(n.to_lowercase().trim_end_matches('.').to_string(), m.number);
            }
        }
        let mut weekdays = BTreeMap::new();
        for w in &f.weekday {
            if !(1..=7).contains(&w.number) {
                return Err(Error::RuleInvalid {
                    path,
                    rule: format!("weekday {}", w.number),
                    message: "weekday numbers run from 1 (Monday) to 7 (Sunday)".into(),
                });
            }
            for n in &w.names {
                weekdays.insert(n.to_lowercase(), w.number);
            }
        }
        let numbers = QuantityRules::compile(set)?;
        let month_names: Vec<String> = months.keys().cloned().collect();
        let full_months: Vec<String> = month_names
            .iter()
            .filter(|n| {
                n.len() > 4 || n.as_str() == "may" || n.as_str() == "june" || n.as_str() == "july"
            })
            .cloned()
            .collect();
        let mon = alternation(&month_names);
        let full = alternation(&full_months);
        // Weekday names: full names bare; abbreviations only with their period.
        let mut wd_alts: Vec<String> = weekdays
            .keys()
            .map(|n| {
                if n.ends_with('.') {
                    regex::escape(n)
                } else {
                    format!(r"{}\b", regex::escape(n))
                }
            })
            .collect();
        wd_alts.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let wd = wd_alts.join("|");
        let mut phrases: Vec<String> = f
            .relative
            .iter()
            .map(|r| regex::escape(&r.phrase.to_lowercase()))
            .collect();
        phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let number_words: Vec<String> = numbers_alternation(&numbers);
        let numw = number_words.join("|");
        let re_relative = if phrases.is_empty() {
            None
        } else {
            Some(compile(
                &path,
                &format!(r"(?i)\b(?:{})\b", phrases.join("|")),
            )?)
        };
        let split = |v: &[String]| -> Vec<Vec<String>> {
            v.iter()
                .map(|m| {
                    m.to_lowercase()
                        .replace('’', "'")
                        .split_whitespace()
                        .map(str::to_string)
                        .collect()
                })
                .filter(|v: &Vec<String>| !v.is_empty())
                .collect()
        };
        let rules = DateRules {
            splitters: Vec::new(),
            re_iso: compile(
                &path,
                r"\b(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})\b",
            )?,
            re_md: compile(
                &path,
                &format!(
                    r"(?i)\b(?P<mon>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"
                ),
            )?,
            re_dm: compile(
                &path,
                &format!(
                    r"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon})\b\.?(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"
                ),
            )?,
            re_my: compile(
                &path,
                &format!(r"(?i)\b(?P<mon>{mon})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b"),
            )?,
            re_month_prep: compile(
                &path,
                &format!(
                    r"(?i)\b(?P<prep>in|since|until|till|by|during|early|late|mid|mid-|from|through|throughout|next|last|this|before|after)[\s-]+(?P<mon>{full})\b"
                ),
            )?,
            re_year: compile(
                &path,
                r"(?i)\b(?:in|since|until|by|during|early|late|mid|mid-|of|throughout)[\s-]+(?P<y>(?:19|20)\d{2})\b",
            )?,
            re_weekday: compile(
                &path,
                &format!(
                    r"(?i)\b(?:(?P<mod>last|next|this|coming|past)\s+)?(?P<wd>{wd})(?:'s|’s)?"
                ),
            )?,
            re_relative,
            re_counted: compile(
                &path,
                &format!(
                    r"(?i)\b(?:(?P<approx>some|about|around|roughly|nearly|almost|more than|less than|over|under|just over|just under|only|barely|at least)\s+)?(?P<n>\d+|an?|(?:{numw})(?:[-\s](?:{numw}))*)\s+(?P<unit>day|week|month|year|fortnight)s?\s+(?P<dir>ago|earlier|later|before|after|afterwards|previously)\b"
                ),
            )?,
            re_numeric: compile(
                &path,
                r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})\b",
            )?,
            months,
            weekdays,
            relative: f.relative,
            future: split(&f.future_markers),
            past: split(&f.past_markers),
            reported: split(&f.reported_markers),
            saying: f.saying_verbs.iter().map(|v| v.to_lowercase()).collect(),
            numbers,
        };
        let patterns: Vec<&str> = [
            &rules.re_iso,
            &rules.re_md,
            &rules.re_dm,
            &rules.re_my,
            &rules.re_month_prep,
            &rules.re_year,
            &rules.re_weekday,
            &rules.re_counted,
            &rules.re_numeric,
        ]
        .into_iter()
        .chain(&rules.re_relative)
        .map(Regex::as_str)
        .collect();
        let splitters = SPLITTERS
            .iter()
            .copied()
            .filter(|&ch| !patterns.iter().any(|p| p.contains(ch)))
            .collect();
        Ok(DateRules { splitters, ..rules })
    }

    fn month(&self, s: &str) -> Option<i8> {
        self.months
            .get(s.to_lowercase().trim_end_matches('.'))
            .copied()
    }

    /// Every date expression in `text`, in text order, resolved against `published`.
    /// Spans are byte offsets into `text`.
    pub fn find(&self, text: &str, published: Option<Date>) -> Vec<DateMention> {
        let cands = self.candidates(text);
        let sentences = sentence_starts(text);
        let sentence_of = |pos: usize| match sentences.binary_search(&pos) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let mut out: Vec<DateMention> = Vec::new();
        let mut sent_idx: Vec<usize> = Vec::new();
        for (span, cand) in cands {
            let raw = text.get(span.start..span.end).unwrap_or("").to_string();
            let sent = sentence_of(span.start);
            let sentence_start = sentences.get(sent).copied().unwrap_or(0);
            let sentence_end = sentences.get(sent + 1).copied().unwrap_or(text.len());
            // Mentions come in text order, so only the tail can be in this sentence or
            // the one before.
            let anchor = out
                .iter()
                .zip(&sent_idx)
                .rev()
                .take_while(|(_, s)| **s + 1 >= sent)
                .find(|(m, _)| m.value.is_some())
                .map(|(m, _)| m);
            let possessive = possessive_after(text.get(span.end..).unwrap_or(""));
            // A possessive weekday names an event ("the recount of Sunday's run-off will
            // take place ..."): the verb after it is the clause's, not the event's, so
            // only a marker before it counts; with none, the such day nearest publication.
            let marker_before = || {
                let w = words(text.get(sentence_start..span.start).unwrap_or(""));
                (0..w.len()).rev().find_map(|k| self.marker_at(&w, k))
            };
            let (value, source) = match (&cand, published) {
                (Cand::Weekday(wd, None), Some(p)) if possessive && marker_before().is_none() => {
                    match weekday_nearest(p, i64::from(*wd)) {
                        Some(d) => (
                            Some(DateRange::day(d)),
                            "weekday nearest publication (possessive)".to_string(),
                        ),
                        None => (None, format!("unresolved: out of range ({raw})")),
                    }
                }
                _ => self.resolve_cand(&cand, &raw, published, anchor, || {
                    self.tense(text, span, sentence_start, sentence_end)
                }),
            };
            let day_without_year = match &cand {
                Cand::NoYear(m, d) if value.is_none() && published.is_none() => {
                    // Only a real calendar day (Feb. 29 exists in some year).
                    Date::new(2024, *m, *d)
                        .ok()
                        .map(|_| format!("--{m:02}-{d:02}"))
                }
                _ => None,
            };
            out.push(DateMention {
                text: raw,
                span,
                value,
                source,
                day_without_year,
                possessive,
                saying: self.after_saying(text.get(sentence_start..span.start).unwrap_or(""))
                    && ends_clause(text.get(span.end..).unwrap_or("")),
            });
            sent_idx.push(sent);
        }
        out
    }

    /// Resolve one phrase on its own ("Dec. 2", "last Tuesday", "two weeks ago") against
    /// `published`; the tense is read from the phrase itself. `None` when it holds no date
    /// expression.
    pub fn parse_phrase(&self, phrase: &str, published: Option<Date>) -> Option<DateMention> {
        self.find(phrase, published).into_iter().next()
    }

    /// All candidate expressions, longest first at each position, not overlapping.
    fn candidates(&self, text: &str) -> Vec<(Span, Cand)> {
        let mut c: Vec<(Span, Cand)> = Vec::new();
        let pieces = pieces(text, &self.splitters);
        let cap = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        for m in captures(&self.re_iso, text, &pieces) {
            let (Some(all), Some(y), Some(mo), Some(d)) =
                (m.get(0), m.name("y"), m.name("m"), m.name("d"))
            else {
                continue;
            };
            if let (Ok(y), Ok(mo), Ok(d)) =
                (y.as_str().parse(), mo.as_str().parse(), d.as_str().parse())
            {
                c.push((Span::new(all.start(), all.end()), Cand::Full(y, mo, d)));
            }
        }
        for m in captures(&self.re_numeric, text, &pieces) {
            let (Some(all), Some(a), Some(b), Some(y)) =
                (m.get(0), m.name("a"), m.name("b"), m.name("y"))
            else {
                continue;
            };
            let (Ok(a), Ok(b), Ok(y)) = (
                a.as_str().parse::<i8>(),
                b.as_str().parse::<i8>(),
                y.as_str().parse::<i16>(),
            ) else {
                continue;
            };
            // Only unambiguous numeric dates: 25/12/2025 or 12/25/2025.
            let (mo, d) = if a > 12 && b <= 12 {
                (b, a)
            } else if b > 12 && a <= 12 {
                (a, b)
            } else {
                continue;
            };
            c.push((Span::new(all.start(), all.end()), Cand::Full(y, mo, d)));
        }
        for re in [&self.re_md, &self.re_dm] {
            for m in captures(re, text, &pieces) {
                let (Some(all), Some(mon), Some(d)) = (m.get(0), m.name("mon"), m.name("d")) else {
                    continue;
                };
                if !cap(mon.as_str()) {
                    continue;
                }
                let (Some(mo), Ok(d)) = (self.month(mon.as_str()), d.as_str().parse::<i8>()) else {
                    continue;
                };
                let cand = match m.name("y").and_then(|y| y.as_str().parse::<i16>().ok()) {
                    Some(y) => Cand::Full(y, mo, d),
                    None => Cand::NoYear(mo, d),
                };
                c.push((Span::new(all.start(), all.end()), cand));
            }
        }
        for m in captures(&self.re_my, text, &pieces) {
            let (Some(all), Some(mon), Some(y)) = (m.get(0), m.name("mon"), m.name("y")) else {
                continue;
            };
            if !cap(mon.as_str()) {
                continue;
            }
            if let (Some(mo), Ok(y)) = (self.month(mon.as_str()), y.as_str().parse::<i16>()) {
                c.push((
                    Span::new(all.start(), all.end()),
                    Cand::Month(mo, Some(y), None),
                ));
            }
        }
        for m in captures(&self.re_month_prep, text, &pieces) {
            let (Some(mon), Some(prep)) = (m.name("mon"), m.name("prep")) else {
                continue;
            };
            if !cap(mon.as_str()) {
                continue;
            }
            if let Some(mo) = self.month(mon.as_str()) {
                let p = prep.as_str().to_lowercase();
                let modifier = matches!(p.as_str(), "next" | "last" | "this").then_some(p);
                let start = if modifier.is_some() {
                    prep.start()
                } else {
                    mon.start()
                };
                c.push((Span::new(start, mon.end()), Cand::Month(mo, None, modifier)));
            }
        }
        for m in captures(&self.re_year, text, &pieces) {
            let Some(y) = m.name("y") else { continue };
            if let Ok(v) = y.as_str().parse::<i16>() {
                c.push((Span::new(y.start(), y.end()), Cand::Year(v)));
            }
        }
        for m in captures(&self.re_weekday, text, &pieces) {
            let (Some(all), Some(wd)) = (m.get(0), m.name("wd")) else {
                continue;
            };
            if !cap(wd.as_str()) {
                continue;
            }
            let Some(n) = self.weekdays.get(&wd.as_str().to_lowercase()).copied() else {
                continue;
            };
            let modifier = m.name("mod").map(|x| x.as_str().to_lowercase());
            let start = if modifier.is_some() {
                all.start()
            } else {
                wd.start()
            };
            c.push((Span::new(start, wd.end()), Cand::Weekday(n, modifier)));
        }
        if let Some(re) = &self.re_relative {
            for m in captures(re, text, &pieces).filter_map(|c| c.get(0)) {
                let lower = m.as_str().to_lowercase();
                let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(i) = self
                    .relative
                    .iter()
                    .position(|r| r.phrase.to_lowercase() == lower)
                {
                    // "USA Today" and the "Today" show are names, not dates.
                    if m.as_str().starts_with('T') && text[..m.start()].trim_end().ends_with("USA")
                    {
                        continue;
                    }
                    c.push((Span::new(m.start(), m.end()), Cand::Relative(i)));
                }
            }
        }
        for m in captures(&self.re_counted, text, &pieces) {
            let (Some(all), Some(n), Some(unit), Some(dir)) =
                (m.get(0), m.name("n"), m.name("unit"), m.name("dir"))
            else {
                continue;
            };
            let dir = dir.as_str().to_lowercase();
            // "two days before the summit" counts from an event we cannot date.
            if matches!(dir.as_str(), "before" | "after") {
                let next = text[all.end()..]
                    .trim_start_matches([' ', '\t'])
                    .chars()
                    .next();
                if next.is_some_and(|ch| ch.is_alphanumeric()) {
                    continue;
                }
            }
            let nl = n.as_str().to_lowercase();
            let value = if nl == "a" || nl == "an" {
                Some(1.0)
            } else {
                self.numbers.number(&nl)
            };
            let Some(value) = value else { continue };
            c.push((
                Span::new(all.start(), all.end()),
                Cand::Counted {
                    n: value,
                    unit: unit.as_str().to_lowercase(),
                    dir,
                    approx: m.name("approx").is_some(),
                },
            ));
        }
        // Longest first at each start; drop overlaps.
        c.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.len().cmp(&a.0.len())));
        let mut kept: Vec<(Span, Cand)> = Vec::new();
        for (span, cand) in c {
            if kept.last().is_some_and(|(s, _)| span.start < s.end) {
                continue;
            }
            kept.push((span, cand));
        }
        // "Monday, Dec. 1": the weekday only restates the date that follows.
        let mut out: Vec<(Span, Cand)> = Vec::new();
        for i in 0..kept.len() {
            if let (Cand::Weekday(_, None), Some((next, Cand::Full(..) | Cand::NoYear(..)))) =
                (&kept[i].1, kept.get(i + 1))
            {
                let between = text.get(kept[i].0.end..next.start).unwrap_or("x");
                if between
                    .trim_matches(|ch: char| ch == ',' || ch.is_whitespace())
                    .is_empty()
                {
                    continue;
                }
            }
            out.push(kept[i].clone());
        }
        out
    }

    #[allow(clippy::too_many_lines)]
    fn resolve_cand(
        &self,
        cand: &Cand,
        raw: &str,
        published: Option<Date>,
        anchor: Option<&DateMention>,
        tense: impl Fn() -> Tense,
    ) -> (Option<DateRange>, String) {
        let unresolved = |why: &str| (None, format!("unresolved: {why} ({raw})"));
        match cand {
            Cand::Full(y, m, d) => match Date::new(*y, *m, *d) {
                Ok(date) => (Some(DateRange::day(date)), "absolute".into()),
                Err(_) => unresolved("not a calendar date"),
            },
            Cand::NoYear(m, d) => {
                let Some(p) = published else {
                    return unresolved("no year and no publication date");
                };
                let t = tense();
                let cands: Vec<DateRange> = [p.year() - 1, p.year(), p.year() + 1]
                    .into_iter()
                    .filter_map(|yy| Date::new(yy, *m, *d).ok())
                    .map(DateRange::day)
                    .collect();
                match pick_year(&cands, p, t) {
                    Some(v) => (Some(v), "absolute, year from publication".into()),
                    None => unresolved("not a calendar date"),
                }
            }
            Cand::Month(m, year, modifier) => {
                let month_of = |yy: i16| {
                    Date::new(yy, *m, 1).ok().map(|first| DateRange {
                        start: first,
                        end: first.last_of_month(),
                    })
                };
                if let Some(y) = year {
                    return match month_of(*y) {
                        Some(v) => (Some(v), "absolute month".into()),
                        None => unresolved("not a calendar month"),
                    };
                }
                let Some(p) = published else {
                    return unresolved("no year and no publication date");
                };
                let (py, pm) = (p.year(), p.month());
                let chosen = match modifier.as_deref() {
                    Some("last") => month_of(if *m < pm { py } else { py - 1 }),
                    Some("next") => month_of(if *m > pm { py } else { py + 1 }),
                    Some("this") => month_of(py),
                    _ => {
                        let cands: Vec<DateRange> = [py - 1, py, py + 1]
                            .into_iter()
                            .filter_map(month_of)
                            .collect();
                        pick_year(&cands, p, tense())
                    }
                };
                match (chosen, modifier) {
                    (Some(v), Some(md)) => {
                        (Some(v), format!("month relative to publication ({md})"))
                    }
                    (Some(v), None) => (Some(v), "month, year from publication".into()),
                    (None, _) => unresolved("not a calendar month"),
                }
            }
            Cand::Year(y) => match (Date::new(*y, 1, 1), Date::new(*y, 12, 31)) {
                (Ok(s), Ok(e)) => (Some(DateRange { start: s, end: e }), "absolute year".into()),
                _ => unresolved("not a year"),
            },
            Cand::Weekday(wd, modifier) => {
                let Some(p) = published else {
                    return unresolved("weekday without a publication date");
                };
                let wd = i64::from(*wd);
                let (date, how) = match modifier.as_deref() {
                    Some("last") | Some("past") => (
                        weekday_on_or_before(p, wd, true),
                        "weekday before publication (last)",
                    ),
                    Some("next") | Some("coming") => (
                        weekday_on_or_after(p, wd, true),
                        "weekday after publication (next)",
                    ),
                    _ => match tense() {
                        Tense::Future => (
                            weekday_on_or_after(p, wd, false),
                            "weekday on or after publication (future tense)",
                        ),
                        Tense::Past => (
                            weekday_on_or_before(p, wd, false),
                            "weekday on or before publication",
                        ),
                        Tense::Reported => (
                            weekday_nearest(p, wd),
                            "weekday nearest publication (future in reported speech)",
                        ),
                    },
                };
                match date {
                    Some(d) => (Some(DateRange::day(d)), how.into()),
                    None => unresolved("out of range"),
                }
            }
            Cand::Relative(i) => {
                let Some(rule) = self.relative.get(*i) else {
                    return unresolved("unknown phrase");
                };
                let phrase = raw.to_lowercase();
                let (base, how) = match (rule.anchor, anchor, published) {
                    (Anchor::Previous, Some(a), _) => match a.value {
                        Some(v) => (v, format!("relative to {} ({phrase})", a.text)),
                        None => return unresolved("the date before it is unresolved"),
                    },
                    (Anchor::Previous, None, Some(p)) => (
                        DateRange::day(p),
                        format!(
                            "relative to publication ({phrase}; no date mentioned just before)"
                        ),
                    ),
                    (Anchor::Publication, _, Some(p)) => (
                        DateRange::day(p),
                        format!("relative to publication ({phrase})"),
                    ),
                    (_, _, None) => {
                        return unresolved("relative date without a publication date");
                    }
                };
                match self.apply(rule, base, &tense) {
                    Some(v) => (Some(v), how),
                    None => unresolved("out of range"),
                }
            }
            Cand::Counted {
                n,
                unit,
                dir,
                approx,
            } => {
                let back = matches!(dir.as_str(), "ago" | "earlier" | "before" | "previously");
                let from_anchor = dir != "ago";
                let (base, how) = match (from_anchor, anchor, published) {
                    (true, Some(a), _) => match a.value {
                        Some(v) => (v, format!("relative to {}", a.text)),
                        None => return unresolved("the date before it is unresolved"),
                    },
                    (_, _, Some(p)) => (DateRange::day(p), "relative to publication".to_string()),
                    (_, _, None) => return unresolved("relative date without a publication date"),
                };
                let sign: i64 = if back { -1 } else { 1 };
                let whole = n.round() as i64;
                let approx_note = if *approx || unit != "day" {
                    ", approximate"
                } else {
                    ""
                };
                let phrase = raw.to_lowercase();
                let value = match unit.as_str() {
                    "day" => add_days(base.start, sign * whole)
                        .zip(add_days(base.end, sign * whole))
                        .map(|(s, e)| DateRange { start: s, end: e }),
                    "week" | "fortnight" => {
                        let days = if unit == "fortnight" { 14 } else { 7 } * whole * sign;
                        add_days(base.start, days - 3)
                            .zip(add_days(base.end, days + 3))
                            .map(|(s, e)| DateRange { start: s, end: e })
                    }
                    "month" => add_months(base.start, sign * whole, 0).map(|d| DateRange {
                        start: d.first_of_month(),
                        end: d.last_of_month(),
                    }),
                    "year" => add_months(base.start, 0, sign * whole).map(|d| DateRange {
                        start: d.first_of_year(),
                        end: d.last_of_year(),
                    }),
                    _ => None,
                };
                let value = if *approx && unit == "day" {
                    value.and_then(|v| {
                        Some(DateRange {
                            start: add_days(v.start, -1)?,
                            end: add_days(v.end, 1)?,
                        })
                    })
                } else {
                    value
                };
                match value {
                    Some(v) => (Some(v), format!("{how} ({phrase}{approx_note})")),
                    None => unresolved("out of range"),
                }
            }
        }
    }

    fn apply(
        &self,
        rule: &RelativeRule,
        base: DateRange,
        tense: &impl Fn() -> Tense,
    ) -> Option<DateRange> {
        let start = add_months(add_days(base.start, rule.days)?, rule.months, rule.years)?;
        let end = add_months(add_days(base.end, rule.days)?, rule.months, rule.years)?;
        Some(match rule.range {
            RangeKind::Day => DateRange { start, end },
            RangeKind::Week => {
                let w = week_of(start)?;
                DateRange {
                    start: w.start,
                    end: week_of(end)?.end,
                }
            }
            RangeKind::Month => DateRange {
                start: start.first_of_month(),
                end: end.last_of_month(),
            },
            RangeKind::Year => DateRange {
                start: start.first_of_year(),
                end: end.last_of_year(),
            },
            RangeKind::WeekSoFar => {
                // From the Monday of the anchor's week up to the offset day; on a Monday,
                // "earlier this week" can only be that Monday.
                let monday = weekday_on_or_before(base.start, 1, false)?;
                if end < monday {
                    DateRange::day(monday)
                } else {
                    DateRange { start: monday, end }
                }
            }
            RangeKind::Weekend => {
                let saturday = match tense() {
                    Tense::Future => weekday_on_or_after(start, 6, false)?,
                    Tense::Past | Tense::Reported => {
                        // The weekend that holds `start` or the last one before it.
                        let sunday = weekday_on_or_before(start, 7, false)?;
                        add_days(sunday, -1)?
                    }
                };
                DateRange {
                    start: saturday,
                    end: add_days(saturday, 1)?,
                }
            }
        })
    }

    /// The tense of the clause around `span`: the nearest marker before it in its
    /// sentence (or, when there is none, after it) decides. Past markers and past-tense
    /// verbs give [`Tense::Past`], future markers ("will", "is expected to", headline
    /// "X to meet") [`Tense::Future`]; with no marker, [`Tense::Past`].
    pub fn tense(
        &self,
        text: &str,
        span: Span,
        sentence_start: usize,
        sentence_end: usize,
    ) -> Tense {
        let before = text.get(sentence_start..span.start).unwrap_or("");
        let after = text.get(span.end..sentence_end.max(span.end)).unwrap_or("");
        let words_before = words(before);
        for k in (0..words_before.len()).rev() {
            if let Some(t) = self.marker_at(&words_before, k) {
                return t;
            }
        }
        let words_after = words(after);
        for k in 0..words_after.len() {
            if let Some(t) = self.marker_at(&words_after, k) {
                return t;
            }
        }
        Tense::Past
    }

    /// Whether a date written right after `before` (the text of its sentence up to it)
    /// dates a saying: a reporting verb, then at most two words ("told reporters"), then
    /// at most a preposition ("on", "late on"), all in one clause.
    fn after_saying(&self, before: &str) -> bool {
        let clause = before
            .rfind([',', ';', ':', '"', '\u{201c}', '\u{201d}', '(', ')'])
            .map_or(before, |i| before.get(i + 1..).unwrap_or(""));
        let w = words(clause);
        let mut end = w.len();
        while end > 0 && matches!(w[end - 1].0.as_str(), "on" | "late" | "early" | "at") {
            end -= 1;
        }
        (end.saturating_sub(3)..end).any(|k| self.saying.contains(&w[k].0))
    }

    /// The tense marker ending at word `k`, if any.
    fn marker_at(&self, w: &[(String, bool)], k: usize) -> Option<Tense> {
        let ends_here = |m: &[String]| {
            m.len() <= k + 1
                && m.iter()
                    .rev()
                    .zip(w[..=k].iter().rev())
                    .all(|(a, (b, _))| a == b)
        };
        if self.past.iter().any(|m| ends_here(m)) {
            return Some(Tense::Past);
        }
        if self.reported.iter().any(|m| ends_here(m)) {
            return Some(Tense::Reported);
        }
        if self.future.iter().any(|m| ends_here(m)) {
            return Some(Tense::Future);
        }
        let (word, _) = &w[k];
        // Headline infinitive: "Witkoff to meet Putin".
        if INFINITIVES.contains(&word.as_str()) && k >= 2 && w[k - 1].0 == "to" && w[k - 2].1 {
            return Some(Tense::Future);
        }
        let is_past_verb = PAST_VERBS.contains(&word.as_str())
            || (word.len() > 4 && word.ends_with("ed") && !NOT_PAST.contains(&word.as_str()));
        if is_past_verb {
            // "will be held": a participle after "be" takes the tense of what comes before.
            if k >= 1 && matches!(w[k - 1].0.as_str(), "be" | "being" | "to") {
                return None;
            }
            return Some(Tense::Past);
        }
        None
    }
}

/// Of the same day or month in neighbouring years, the one nearest `p`; in a past-tense
/// clause, ones more than 30 days after publication are left out, in a future-tense clause
/// ones more than 30 days before it.
fn pick_year(cands: &[DateRange], p: Date, tense: Tense) -> Option<DateRange> {
    let distance = |r: &DateRange| -> i64 {
        if p < r.start {
            days_between(p, r.start)
        } else if p > r.end {
            -days_between(r.end, p)
        } else {
            0
        }
    };
    let fits = |r: &&DateRange| match tense {
        Tense::Past => distance(r) <= 30,
        Tense::Future => distance(r) >= -30,
        Tense::Reported => true,
    };
    let nearest = |it: &mut dyn Iterator<Item = &DateRange>| {
        it.min_by_key(|r| (distance(r).abs(), r.start)).copied()
    };
    nearest(&mut cands.iter().filter(fits)).or_else(|| nearest(&mut cands.iter()))
}

fn numbers_alternation(q: &QuantityRules) -> Vec<String> {
    let mut v: Vec<String> = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "dozen",
        "couple",
    ]
    .iter()
    .filter(|w| q.is_number_word(w))
    .map(|w| w.to_string())
    .collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v
}

/// Lowercase words of `s` with whether each was capitalised; apostrophes normalised.
fn words(s: &str) -> Vec<(String, bool)> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            let mut l = w.to_lowercase().replace('’', "'");
            // "Russia's" → "russia's"; "we'll" → "we" + "'ll" is matched as a marker below.
            if let Some(stem) = l.strip_suffix("'ll") {
                l = format!("{stem} 'll");
            }
            (l, cap)
        })
        .flat_map(|(w, cap)| {
            w.split(' ')
                .map(|p| (p.to_string(), cap))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Byte offsets where sentences start in `text` (always begins with 0): after `.`, `!`
/// or `?` (and any closing quotes) followed by white space and a capital, digit or quote,
/// unless the word before the period is an abbreviation; and after every line break.
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            if i + 1 < bytes.len() {
                starts.push(i + 1);
            }
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            // closing quotes (ASCII or UTF-8 ”)
            while j < bytes.len() {
                if bytes[j] == b'"' || bytes[j] == b'\'' {
                    j += 1;
                } else if text[j..].starts_with('”') || text[j..].starts_with('’') {
                    j += '”'.len_utf8();
                } else {
                    break;
                }
            }
            let ws_start = j;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            if j > ws_start && j < bytes.len() {
                let next = text[j..].chars().next();
                let starts_sentence = next.is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“'
                });
                let word: String = text[..i]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic() || *c == '.')
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect::<String>()
                    .to_lowercase();
                let abbrev = b == b'.'
                    && (ABBREVIATIONS.contains(&word.as_str())
                        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic)));
                if starts_sentence && !abbrev {
                    starts.push(j);
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> DateRules {
        DateRules::compile(&RuleSet::embedded()).unwrap()
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn splitters_are_neither_words_nor_spaces_nor_in_any_pattern() {
        let r = rules();
        for ch in SPLITTERS {
            assert!(
                !ch.is_ascii() && !ch.is_alphanumeric() && !ch.is_whitespace(),
                "{ch:?}"
            );
        }
        // The curly apostrophe is in the weekday pattern ("Monday’s"): not a splitter.
        assert!(!r.splitters.contains(&'\u{2019}'));
        assert!(r.splitters.contains(&'\u{201c}'));
        assert_eq!(pieces("plain ASCII", &r.splitters), vec![(0, 11)]);
        let t = "“Yes”—on May 5";
        let p = pieces(t, &r.splitters);
        let got: Vec<&str> = p.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(got, vec!["Yes", "on May 5"]);
    }

    #[test]
    fn searching_by_pieces_finds_what_the_whole_text_holds() {
        // The same text with straight and with curly punctuation: the same mentions at
        // the same places (offsets shifted by the wider characters).
        let r = rules();
        let p = Some(d("2025-12-03"));
        let straight = "\"On Monday, Dec. 1,\" she said - two weeks ago - and \"on 2 December 2025\" (Monday's) \"last March\" \"yesterday\"";
        let curly = straight
            .replacen('"', "\u{201c}", 1)
            .replace(" - ", " \u{2014} ")
            .replace("\" ", "\u{201d} ")
            .replace(" \"", " \u{201c}")
            .replace('"', "\u{201d}")
            .replace('\'', "\u{2019}");
        assert!(!curly.contains('"'));
        let a: Vec<(String, Option<DateRange>, String)> = r
            .find(straight, p)
            .into_iter()
            .map(|m| (m.text.replace('\'', "\u{2019}"), m.value, m.source))
            .collect();
        let b: Vec<(String, Option<DateRange>, String)> = r
            .find(&curly, p)
            .into_iter()
            .map(|m| (m.text, m.value, m.source))
            .collect();
        assert_eq!(a, b);
        assert!(a.len() >= 5, "{a:?}");
    }

    /// (text as found, ISO value or "-", source) of every mention.
    fn found(text: &str, published: Option<&str>) -> Vec<(String, String, String)> {
        rules()
            .find(text, published.map(d))
            .into_iter()
            .map(|m| {
                (
                    m.text,
                    m.value.map_or_else(|| "-".to_string(), |v| v.iso()),
                    m.source,
                )
            })
            .collect()
    }

    fn iso(text: &str, published: Option<&str>) -> Vec<String> {
        found(text, published)
            .into_iter()
            .map(|(_, v, _)| v)
            .collect()
    }

    #[test]
    fn absolute_dates_in_common_news_forms() {
        let p = Some("2025-12-04");
        assert_eq!(iso("talks in Moscow on Dec. 2", p), vec!["2025-12-02"]);
        assert_eq!(iso("on December 5 the envoys", p), vec!["2025-12-05"]);
        assert_eq!(iso("on 2 December they met", p), vec!["2025-12-02"]);
        assert_eq!(iso("dated 2025-12-02 in the file", p), vec!["2025-12-02"]);
        assert_eq!(iso("in Florida on Nov. 30", p), vec!["2025-11-30"]);
        assert_eq!(
            iso("signed on December 5, 2024, in Rome", p),
            vec!["2024-12-05"]
        );
        assert_eq!(iso("the 2nd of December", p), vec!["2025-12-02"]);
        assert_eq!(iso("Updated 2025.12.01 21:11", p), vec!["2025-12-01"]);
        assert_eq!(iso("filed 25/12/2024", p), vec!["2024-12-25"]);
        let f = found("on Dec. 2", p);
        assert_eq!(f[0].2, "absolute, year from publication");
        assert_eq!(found("on December 5, 2025", p)[0].2, "absolute");
    }

    #[test]
    fn a_missing_year_is_the_one_nearest_publication() {
        // Published early January: "Dec. 30" is last year's.
        assert_eq!(
            iso("met on Dec. 30", Some("2026-01-03")),
            vec!["2025-12-30"]
        );
        // Published late December: "Jan. 4" is next year's.
        assert_eq!(
            iso("will meet on Jan. 4", Some("2025-12-29")),
            vec!["2026-01-04"]
        );
        assert_eq!(
            iso("since March", Some("2025-12-01")),
            vec!["2025-03-01/2025-03-31"]
        );
    }

    #[test]
    fn weekdays_count_back_from_publication_unless_future() {
        // Monday 1 December 2025.
        let p = Some("2025-12-01");
        assert_eq!(iso("talks in Florida on Sunday", p), vec!["2025-11-30"]);
        assert_eq!(iso("Sunday's talks were productive", p), vec!["2025-11-30"]);
        assert_eq!(
            iso("Zelenskyy was in Paris on Monday", p),
            vec!["2025-12-01"]
        );
        assert_eq!(
            iso("Witkoff will meet Putin on Tuesday", p),
            vec!["2025-12-02"]
        );
        assert_eq!(
            iso("US envoy Witkoff to meet Russia's Putin on Tuesday", p),
            vec!["2025-12-02"]
        );
        assert_eq!(
            iso("talks are expected to resume on Friday", p),
            vec!["2025-12-05"]
        );
        assert_eq!(
            iso("the vote will be held on Thursday", p),
            vec!["2025-12-04"]
        );
        assert_eq!(iso("they met last Monday", p), vec!["2025-11-24"]);
        // Future seen from the past: the such day nearest publication.
        assert_eq!(
            iso("Trump said Witkoff would meet Putin on Tuesday", p),
            vec!["2025-12-02"]
        );
        assert_eq!(
            iso("he expected the results would be hammered out on Sunday", p),
            vec!["2025-11-30"]
        );
        assert_eq!(
            iso("talks were expected to resume on Friday", p),
            vec!["2025-11-28"]
        );
        assert_eq!(iso("they meet next Monday", p), vec!["2025-12-08"]);
        // Past and future in one sentence, each clause its own.
        assert_eq!(
            iso(
                "Zelenskyy said on Sunday that Witkoff will meet Putin on Tuesday",
                p
            ),
            vec!["2025-11-30", "2025-12-02"]
        );
        assert_eq!(
            iso("On Tuesday, Witkoff will meet Putin", p),
            vec!["2025-12-02"]
        );
        let f = found("on Sunday", p);
        assert_eq!(f[0].2, "weekday on or before publication");
        let f = found("will meet on Tuesday", p);
        assert_eq!(f[0].2, "weekday on or after publication (future tense)");
    }

    #[test]
    fn a_possessive_weekday_is_the_nearest_unless_a_marker_before_says_otherwise() {
        // Tuesday 10 March 2026: the verb after "Sunday's run-off" is the recount's.
        let p = Some("2026-03-10");
        assert_eq!(
            iso(
                "The recount of Sunday\u{2019}s run-off will take place on Wednesday",
                p
            ),
            vec!["2026-03-08", "2026-03-11"]
        );
        let f = found("Sunday's vote will decide it", p);
        assert_eq!(f[0].1, "2026-03-08");
        assert_eq!(f[0].2, "weekday nearest publication (possessive)");
        // Friday 13 March: the coming Sunday is nearer.
        assert_eq!(
            iso("Sunday's vote will decide it", Some("2026-03-13")),
            vec!["2026-03-15"]
        );
        // A marker before the possessive still decides; "Sundays" is no possessive.
        assert_eq!(
            iso("they said next Sunday's vote would decide it", p),
            vec!["2026-03-15"]
        );
        assert_eq!(
            iso("it had been planned before Thursday's talks", p),
            vec!["2026-03-05"]
        );
        assert!(possessive_after("'s run-off") && possessive_after("\u{2019}s."));
        assert!(!possessive_after("'said") && !possessive_after("s") && !possessive_after(""));
    }

    #[test]
    fn a_date_right_after_a_reporting_verb_dates_the_saying() {
        let r = rules();
        let saying =
            |text: &str| -> Vec<bool> { r.find(text, None).iter().map(|m| m.saying).collect() };
        assert_eq!(saying("the governor said on Tuesday"), vec![true]);
        assert_eq!(saying("Nazarov told reporters late on Monday"), vec![true]);
        assert_eq!(saying("the ministry said Monday"), vec![true]);
        // Near misses: the verb is too far back, or in another clause.
        assert_eq!(
            saying("she said the vote would be held on Tuesday"),
            vec![false]
        );
        assert_eq!(
            saying("as the ministry said, on Tuesday the talks resume"),
            vec![false]
        );
        assert_eq!(
            saying("the recall, announced yesterday, covers 48,000 cars"),
            vec![false]
        );
        // A leading attribution dates what it introduces ("said on Friday it was
        // extending the recall"): only a trailing one is the saying's alone.
        assert_eq!(
            saying("Arvane said on Friday it was extending the recall"),
            vec![false]
        );
        assert_eq!(
            saying("it approved the budget, Nazarov said on Tuesday, adding"),
            vec![true]
        );
    }

    #[test]
    fn weekday_before_a_date_restates_it() {
        assert_eq!(
            iso("on Monday, Dec. 1, in Paris", Some("2025-12-03")),
            vec!["2025-12-01"]
        );
    }

    #[test]
    fn relative_words_count_from_publication() {
        let p = Some("2025-12-03"); // a Wednesday
        assert_eq!(iso("a two-hour conversation today", p), vec!["2025-12-03"]);
        assert_eq!(iso("he said yesterday", p), vec!["2025-12-02"]);
        assert_eq!(iso("they fly tomorrow", p), vec!["2025-12-04"]);
        assert_eq!(iso("talks last week", p), vec!["2025-11-24/2025-11-30"]);
        assert_eq!(
            iso("traveled to France earlier in the week", p),
            vec!["2025-12-01/2025-12-02"]
        );
        assert_eq!(
            iso("the plan of last month", p),
            vec!["2025-11-01/2025-11-30"]
        );
        assert_eq!(iso("the day before yesterday", p), vec!["2025-12-01"]);
        let f = found("he said yesterday", p);
        assert_eq!(f[0].2, "relative to publication (yesterday)");
    }

    #[test]
    fn counted_phrases_give_approximate_ranges() {
        let p = Some("2025-12-03");
        assert_eq!(iso("three days ago", p), vec!["2025-11-30"]);
        assert_eq!(iso("some two weeks ago", p), vec!["2025-11-16/2025-11-22"]);
        assert_eq!(iso("two weeks ago", p), vec!["2025-11-16/2025-11-22"]);
        assert_eq!(iso("a year ago", p), vec!["2024-01-01/2024-12-31"]);
        let f = found("some two weeks ago", p);
        assert!(f[0].2.contains("approximate"), "{}", f[0].2);
        // Counted from an event we cannot date: not a date.
        assert!(iso("two days before the summit", p).is_empty());
    }

    #[test]
    fn a_day_later_counts_from_the_date_just_mentioned() {
        let p = Some("2025-12-03");
        let text = "They met in Florida on Nov. 30, and Umerov and Witkoff held another meeting a day later.";
        let f = found(text, p);
        assert_eq!(f[1].1, "2025-12-01");
        assert_eq!(f[1].2, "relative to Nov. 30 (a day later)");
        // The anchor may be in the previous sentence.
        let text = "Witkoff flew to Moscow on Dec. 2. The next day he met Kushner.";
        assert_eq!(iso(text, p), vec!["2025-12-02", "2025-12-03"]);
        // ... but not further back.
        let text = "Witkoff flew to Moscow on Dec. 2. He rested. Then he read. The next day he met Kushner.";
        let f = found(text, p);
        assert_eq!(f[1].1, "2025-12-04");
        assert!(
            f[1].2.contains("no date mentioned just before"),
            "{}",
            f[1].2
        );
        let text = "The vote was held on Monday, March 3. Two days later the results came.";
        assert_eq!(
            iso(text, Some("2025-03-10")),
            vec!["2025-03-03", "2025-03-05"]
        );
    }

    #[test]
    fn without_publication_date_relative_dates_stay_unresolved() {
        let f = found(
            "He spoke on Sunday and yesterday, on Dec. 2 and on December 5, 2025.",
            None,
        );
        let values: Vec<&str> = f.iter().map(|(_, v, _)| v.as_str()).collect();
        assert_eq!(values, vec!["-", "-", "-", "2025-12-05"]);
        assert!(
            f[0].2
                .starts_with("unresolved: weekday without a publication date")
        );
        assert!(
            f[1].2
                .starts_with("unresolved: relative date without a publication date")
        );
        assert!(
            f[2].2
                .starts_with("unresolved: no year and no publication date")
        );
    }

    #[test]
    fn non_dates_are_not_dates() {
        let p = Some("2025-12-03");
        assert!(iso("you may march on", p).is_empty());
        assert!(iso("27 points were agreed", p).is_empty());
        assert!(iso("a story in USA Today", p).is_empty());
        assert!(iso("the sun rose", p).is_empty());
    }

    #[test]
    fn ranges_round_trip_and_overlap() {
        let r = DateRange::from_iso("2025-11-24/2025-11-30").unwrap();
        assert_eq!(r.iso(), "2025-11-24/2025-11-30");
        assert!(r.overlaps(&DateRange::from_iso("2025-11-30").unwrap()));
        assert!(!r.overlaps(&DateRange::from_iso("2025-12-01").unwrap()));
        assert!(DateRange::from_iso("soon").is_none());
    }

    #[test]
    fn parse_phrase_is_for_one_phrase() {
        let r = rules();
        let m = r
            .parse_phrase("last Tuesday", Some(d("2025-12-03")))
            .unwrap();
        // Published on a Wednesday: the most recent Tuesday before it.
        assert_eq!(m.value.unwrap().iso(), "2025-12-02");
        assert!(r.parse_phrase("soon", Some(d("2025-12-03"))).is_none());
    }

    #[test]
    fn sentences_split_after_periods_but_not_abbreviations() {
        let t = "Talks on Dec. 2 in the U.S. Embassy ended. Then Gen. Smith spoke.\nNext line";
        let s = sentence_starts(t);
        assert_eq!(s.len(), 3, "{s:?}");
    }
}
