//! Stage 3, `extract`: attributed claims (who said what, through which cue, citing which
//! outlet) from one segmented article.
//!
//! Owns: finding cues, speaker phrases, content spans, quote kinds, pronoun and role
//! reference within the article, and the outlet a claim is relayed through. Does not own:
//! canonical names across articles (`resolve`) or comparing claims (`compare`).
//!
//! How it works, per article:
//! 1. Each sentence is cut into tokens (words and punctuation with byte spans); tokens
//!    inside quotation marks are marked with their quotation.
//! 2. Quotations are paired with a speaker tag right after them (`"...," Rubio said`,
//!    `"...," said Rubio`) or right before them (`Rubio said: "..."`).
//! 3. Every other cue outside quotation marks is read in three shapes: a source phrase
//!    (`according to X, ...` / `..., according to X`), speaker then content
//!    (`X said (that) ...`, `X told Axios ...`, `X described Y as ...`), or content then
//!    speaker (`..., Zelensky said.`, `..., reports Axios.`). Coordinated cues without a
//!    subject (`... but noted that ...`, `..., adding that ...`) give a second claim by the
//!    same speaker.
//! 4. Quotations nobody claimed continue the previous speaker (quotes reopened at each
//!    paragraph, `"A," she said. "B."`), unless they are scare quotes or titles.
//! 5. Pronouns and roles ("he", "the Russian leader") are resolved to the nearest
//!    compatible person mentioned earlier; surnames to the fullest name in the article.
//! 6. The outlet a claim is relayed through: `told Axios`, `according to CNN`, an outlet in
//!    the speaker's role (`Axios journalist Barak Ravid`), a lead that relays an outlet
//!    (`..., reports Axios.` in the first paragraph credits its section), or the article's
//!    wire (`Source(s): Reuters`).

use crate::error::Result;
use crate::model::{
    Article, Claim, CueClass, QuoteKind, Segmented, Sentence, SentenceKind, SharedStr, Span,
    Speaker, SpeakerKind,
};
use crate::rules::RuleSet;
use crate::segment::dateline_len;
use serde::Deserialize;
// Word tables are looked up for every token: FxHash, not SipHash (no keys come from a
// party that could choose collisions, and nothing here iterates a map into output).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::BTreeSet;

mod narrative;
mod wordmap;

use wordmap::{WordMap, WordSet};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueList {
    #[serde(default)]
    verbs: Vec<String>,
    /// Nominal cues after a possessive speaker ("Russia's demand that ...").
    #[serde(default)]
    nouns: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CuesFile {
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    passive: Vec<String>,
    #[serde(default)]
    before_object: Vec<String>,
    #[serde(default)]
    neutral: CueList,
    #[serde(default)]
    assertive: CueList,
    #[serde(default)]
    distancing: CueList,
    #[serde(default)]
    reporting: CueList,
    #[serde(default)]
    evaluative: CueList,
    #[serde(default)]
    expectation: CueList,
    #[serde(default)]
    directive: CueList,
    #[serde(default)]
    narrative: narrative::NarrativeFile,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pronouns {
    #[serde(default)]
    male: Vec<String>,
    #[serde(default)]
    female: Vec<String>,
    #[serde(default)]
    plural: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakersFile {
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    organisations: Vec<String>,
    #[serde(default)]
    org_heads: Vec<String>,
    #[serde(default)]
    document_heads: Vec<String>,
    #[serde(default)]
    anonymous_heads: Vec<String>,
    #[serde(default)]
    leader_words: Vec<String>,
    #[serde(default)]
    skip: Vec<String>,
    #[serde(default)]
    name_particles: Vec<String>,
    #[serde(default)]
    female_names: Vec<String>,
    #[serde(default)]
    male_names: Vec<String>,
    #[serde(default)]
    pronouns: Pronouns,
    #[serde(default)]
    role_synonyms: Vec<Vec<String>>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    post_nominals: Vec<String>,
    #[serde(default)]
    person_nouns: Vec<String>,
}

/// One outlet from `rules/outlets.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletRule {
    /// Canonical name.
    pub name: String,
    /// Other spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A news agency whose stories others relay.
    #[serde(default)]
    pub wire: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletsFile {
    #[serde(default)]
    outlet: Vec<OutletRule>,
    /// Last words of outlet names no rule lists ("Journal", "Gazette").
    #[serde(default)]
    name_words: Vec<String>,
}

/// Gender a pronoun or name implies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Plural,
}

/// The extractor's compiled rules.
#[derive(Debug)]
pub struct ExtractRules {
    /// Cue word or phrase (lowercase, words joined by one space) to its class.
    cues: WordMap<CueClass>,
    /// Nominal cue (lowercase noun) to its class: "Russia's demand that ...".
    nominal: WordMap<CueClass>,
    /// Longest cue phrase, in words.
    cue_max_words: usize,
    /// First words of the cues: a token that is none of these starts no cue.
    cue_first_words: WordSet,
    /// Source phrases ("according to"), lowercase.
    phrases: Vec<Vec<String>>,
    /// Their first words: a token that is none of these starts no phrase (`None` when a
    /// phrase is empty, which any token starts).
    phrase_first_words: Option<WordSet>,
    passive: WordSet,
    /// Cues that are no speech before a noun phrase ("is recalling about 48,000 cars").
    before_object: WordSet,
    titles: WordSet,
    /// Titles written with a final period ("gen."), without it: `is_title` without a copy.
    dotted_titles: WordSet,
    organisations: WordSet,
    org_heads: WordSet,
    document_heads: WordSet,
    anonymous_heads: WordSet,
    leader_words: WordSet,
    skip: Vec<Vec<String>>,
    /// Indices into `skip` by the phrase's last word, in list order: a phrase can end at a
    /// token only when its last word is the token (`None` when a phrase is empty, which
    /// matches anywhere; `skip_left` then scans the whole list).
    skip_by_last: Option<HashMap<String, Vec<usize>>>,
    particles: WordSet,
    given_names: WordMap<Gender>,
    role_synonyms: Vec<Vec<String>>,
    not_names: WordSet,
    post_nominals: WordSet,
    /// Nouns for people that no suffix gives away ("widow", "mother").
    extra_roles: WordSet,
    pronouns: WordMap<Gender>,
    /// Outlet name or alias (as written, "The " dropped) to canonical name.
    outlets: WordMap<String>,
    /// Outlets, as in the rules file.
    pub outlet_rules: Vec<OutletRule>,
    outlet_words: WordSet,
    /// Which of an article's own sentences become narrative claims.
    narrative: narrative::Narrative,
}

/// `ExtractRules::skip_by_last` of `skip`.
fn skip_by_last(skip: &[Vec<String>]) -> Option<HashMap<String, Vec<usize>>> {
    let mut by_last: HashMap<String, Vec<usize>> = HashMap::default();
    for (k, phrase) in skip.iter().enumerate() {
        by_last.entry(phrase.last()?.clone()).or_default().push(k);
    }
    Some(by_last)
}

fn lower_set(v: &[String]) -> WordSet {
    v.iter().map(|s| s.to_lowercase()).collect()
}

fn words_of(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

impl ExtractRules {
    /// Compile `cues.toml`, `speakers.toml` and `outlets.toml`.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let c: CuesFile = set.get("cues.toml")?;
        let s: SpeakersFile = set.get("speakers.toml")?;
        let o: OutletsFile = set.get("outlets.toml")?;
        let mut cues = HashMap::default();
        let mut nominal = HashMap::default();
        for (class, list) in [
            (CueClass::Neutral, &c.neutral),
            (CueClass::Assertive, &c.assertive),
            (CueClass::Distancing, &c.distancing),
            (CueClass::Reporting, &c.reporting),
            (CueClass::Evaluative, &c.evaluative),
            (CueClass::Expectation, &c.expectation),
            (CueClass::Directive, &c.directive),
        ] {
            for v in &list.verbs {
                cues.entry(words_of(v).join(" ")).or_insert(class);
            }
            for n in &list.nouns {
                nominal.entry(n.trim().to_lowercase()).or_insert(class);
            }
        }
        let cue_max_words = cues.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        let cue_first_words = cues
            .keys()
            .filter_map(|k| k.split(' ').next())
            .map(str::to_string)
            .collect();
        let mut given_names = HashMap::default();
        for n in &s.male_names {
            given_names.insert(n.to_lowercase(), Gender::Male);
        }
        for n in &s.female_names {
            given_names.insert(n.to_lowercase(), Gender::Female);
        }
        let mut pronouns = HashMap::default();
        for (g, list) in [
            (Gender::Male, &s.pronouns.male),
            (Gender::Female, &s.pronouns.female),
            (Gender::Plural, &s.pronouns.plural),
        ] {
            for p in list {
                pronouns.insert(p.to_lowercase(), g);
            }
        }
        let mut outlets = HashMap::default();
        for rule in &o.outlet {
            for alias in std::iter::once(&rule.name).chain(&rule.aliases) {
                let key = alias
                    .strip_prefix("The ")
                    .or_else(|| alias.strip_prefix("the "))
                    .unwrap_or(alias);
                outlets.insert(key.to_string(), rule.name.clone());
            }
        }
        let mut skip: Vec<Vec<String>> = s.skip.iter().map(|p| words_of(p)).collect();
        skip.sort_by_key(|w| std::cmp::Reverse(w.len()));
        Ok(ExtractRules {
            cues: cues.into(),
            nominal: nominal.into(),
            cue_max_words,
            cue_first_words,
            phrases: c.phrases.iter().map(|p| words_of(p)).collect(),
            phrase_first_words: c
                .phrases
                .iter()
                .map(|p| words_of(p).into_iter().next())
                .collect(),
            passive: lower_set(&c.passive),
            before_object: lower_set(&c.before_object),
            narrative: narrative::Narrative::new(&c.narrative),
            titles: lower_set(&s.titles),
            dotted_titles: lower_set(&s.titles)
                .iter()
                .filter_map(|t| t.strip_suffix('.').map(str::to_string))
                .collect(),
            organisations: s.organisations.iter().cloned().collect(),
            org_heads: lower_set(&s.org_heads),
            document_heads: lower_set(&s.document_heads),
            anonymous_heads: lower_set(&s.anonymous_heads),
            leader_words: lower_set(&s.leader_words),
            skip_by_last: skip_by_last(&skip),
            skip,
            particles: lower_set(&s.name_particles),
            given_names: given_names.into(),
            role_synonyms: s
                .role_synonyms
                .iter()
                .map(|g| g.iter().map(|w| w.to_lowercase()).collect())
                .collect(),
            not_names: s.not_names.iter().cloned().collect(),
            post_nominals: s
                .post_nominals
                .iter()
                .map(|w| w.trim_end_matches('.').to_string())
                .collect(),
            extra_roles: lower_set(&s.person_nouns),
            pronouns: pronouns.into(),
            outlets: outlets.into(),
            outlet_rules: o.outlet,
            outlet_words: o.name_words.iter().cloned().collect(),
        })
    }

    /// Split typos where a cue runs into the pronoun after it ("He is reportedhe said").
    fn split_run_together<'a, 't>(&self, toks: &'t [Tok<'a>]) -> Cow<'t, [Tok<'a>]> {
        let splits = |t: &Tok| {
            // (The cheap tests first: most tokens fail them.)
            t.word
                && t.quote.is_none()
                && t.lower.len() >= 6
                && ["he", "she", "they", "we"].iter().any(|p| {
                    t.lower.strip_suffix(p).is_some_and(|stem| {
                        stem.len() >= 4
                            && self.cues.contains_key(stem)
                            && t.text.is_char_boundary(stem.len())
                    })
                })
        };
        if !toks.iter().any(splits) {
            return Cow::Borrowed(toks);
        }
        let mut out = Vec::with_capacity(toks.len() + 1);
        for t in toks.iter().cloned() {
            let split = ["he", "she", "they", "we"].iter().find_map(|p| {
                let stem = t.lower.strip_suffix(p)?;
                (t.word
                    && t.quote.is_none()
                    && stem.len() >= 4
                    && self.cues.contains_key(stem)
                    && t.text.is_char_boundary(stem.len()))
                .then_some(stem.len())
            });
            match split {
                Some(k) => {
                    let (a, b) = t.text.split_at(k);
                    out.push(Tok {
                        span: Span::new(t.span.start, t.span.start + k),
                        text: a,
                        lower: lowercase(a),
                        word: true,
                        quote: None,
                        name: Default::default(),
                        lex: Default::default(),
                    });
                    out.push(Tok {
                        span: Span::new(t.span.start + k, t.span.end),
                        text: b,
                        lower: lowercase(b),
                        word: true,
                        quote: None,
                        name: Default::default(),
                        lex: Default::default(),
                    });
                }
                None => out.push(t),
            }
        }
        Cow::Owned(out)
    }

    /// Split a word that glues two sentences together for a missing space
    /// ("Tarnholm.First", "channel.Season-ticket") into the two words and the period.
    /// Abbreviations (U.S.), titles (Dr.Smith) and lower-case continuations
    /// (example.com) stay whole.
    fn split_glued<'a, 't>(&self, toks: Cow<'t, [Tok<'a>]>) -> Cow<'t, [Tok<'a>]> {
        let glue = |t: &Tok| -> Option<usize> {
            if !t.word || t.quote.is_some() || !t.text.contains('.') {
                return None;
            }
            let p = t.text.rfind('.')?;
            let (before, after) = (&t.text[..p], &t.text[p + 1..]);
            let mut a = after.chars();
            let ok = before.chars().count() >= 4
                && before.chars().all(char::is_alphabetic)
                && before.chars().last().is_some_and(char::is_lowercase)
                && a.next().is_some_and(char::is_uppercase)
                && a.next().is_some_and(char::is_lowercase)
                && !self.is_title(&format!("{}.", before.to_lowercase()));
            ok.then_some(p)
        };
        if !toks.iter().any(|t| glue(t).is_some()) {
            return toks;
        }
        let mut out = Vec::with_capacity(toks.len() + 2);
        for t in toks.iter() {
            match glue(t) {
                Some(p) => {
                    let piece = |a: usize, b: usize, word: bool| Tok {
                        span: Span::new(t.span.start + a, t.span.start + b),
                        text: &t.text[a..b],
                        lower: lowercase(&t.text[a..b]),
                        word,
                        quote: None,
                        name: Default::default(),
                        lex: Default::default(),
                    };
                    out.push(piece(0, p, true));
                    out.push(piece(p, p + 1, false));
                    out.push(piece(p + 1, t.text.len(), true));
                }
                None => out.push(t.clone()),
            }
        }
        Cow::Owned(out)
    }

    /// The canonical outlet a phrase names ("the BBC", "NYT"), if any.
    pub fn outlet(&self, phrase: &str) -> Option<&str> {
        let p = strip_possessive(phrase.trim().trim_end_matches(['\'', '’']));
        let p = p
            .strip_prefix("The ")
            .or_else(|| p.strip_prefix("the "))
            .unwrap_or(p);
        self.outlets.get(p).map(String::as_str)
    }
}

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Debug)]
struct Tok<'a> {
    span: Span,
    text: &'a str,
    /// `text` in lower case; borrowed when it already is (most words).
    lower: Cow<'a, str>,
    word: bool,
    /// Index of the quotation (in `Segmented::quotations`) whose inner span holds it.
    quote: Option<usize>,
    /// [`ExtractRules::name_token`] of this token once computed: 0 not yet, 1 no, 2 yes.
    /// It depends on the token's text alone, and the passes ask it many times per token.
    name: std::cell::Cell<u8>,
    /// Word-list answers for `lower` once computed (see [`Lex`]): two bits per list, "known"
    /// and "yes". They depend on `lower` alone, and `read_phrase` asks them of the same
    /// tokens for every phrase it tries.
    lex: std::cell::Cell<u8>,
}

impl Tok<'_> {
    fn is(&self, s: &str) -> bool {
        self.lower == s
    }
    fn capitalised(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
    fn is_punct(&self, set: &[char]) -> bool {
        !self.word && self.text.chars().next().is_some_and(|c| set.contains(&c))
    }
}

/// The word lists whose answers a token keeps (`Tok::lex`).
#[derive(Clone, Copy)]
enum Lex {
    Title = 0,
    OrgHead = 1,
    Cue = 2,
}

/// `s` in lower case, without a copy when it has no ASCII capital and no other non-ASCII.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»' | '„')
}

/// The character at byte `p` of `s` and its length in bytes (`None` at the end). ASCII
/// bytes are taken as they are; other characters are decoded.
#[inline]
fn char_at(s: &str, p: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(p)?;
    if b.is_ascii() {
        Some((b as char, 1))
    } else {
        s.get(p..)
            .and_then(|r| r.chars().next())
            .map(|c| (c, c.len_utf8()))
    }
}

/// Words (letters, digits, and `.`/`'`/`’`/`-` between them) and single punctuation marks.
/// Reads the characters in place, one at a time (the definition is [`tokenize_by_chars`]
/// in the tests, over a collected character list).
#[cfg(test)]
fn tokenize<'a>(text: &'a str, span: Span, quotes: &[crate::model::Quotation]) -> Vec<Tok<'a>> {
    let mut lowers = Lowers::default();
    let mut toks = tokenize_in(text, span, quotes, 0, &mut lowers);
    for &(_, ti, a, b) in &lowers.fix {
        toks[ti].lower = Cow::Owned(lowers.buf[a..b].to_string());
    }
    toks
}

/// Lower-case copies of the tokens' texts that differ from the text (capitalised words),
/// for a whole article in one string, so that such a word costs no allocation of its own.
/// [`tokenize_in`] appends a copy to `buf` and notes in `fix` which token's `lower` is to
/// borrow it once all the article's tokens are cut: (sentence, token, start, end in `buf`).
#[derive(Default)]
struct Lowers {
    buf: String,
    fix: Vec<(usize, usize, usize, usize)>,
}

impl Lowers {
    /// `t.to_lowercase()`, as `Cow::Borrowed(t)` when that is `t` itself; otherwise an
    /// empty placeholder, with the copy appended to `buf` for token `ti` of sentence `si`.
    ///
    /// `ascii` tells what the caller already knows: `Some(false)` when `t` is ASCII without a
    /// capital, `Some(true)` when it is ASCII with one, `None` when it has not looked.
    fn lower<'a>(&mut self, t: &'a str, ascii: Option<bool>, si: usize, ti: usize) -> Cow<'a, str> {
        let at = self.buf.len();
        if ascii == Some(false)
            || ascii.is_none() && t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            return Cow::Borrowed(t);
        } else if ascii == Some(true) || t.is_ascii() {
            self.buf.push_str(t);
            self.buf[at..].make_ascii_lowercase();
        } else if t.chars().all(|c| {
            // A character that lower-cases to itself (no case, or lower case already).
            // `str::to_lowercase` maps each character by `char::to_lowercase` except a
            // capital sigma, which is not such a character: so then it gives `t`.
            let mut l = c.to_lowercase();
            l.next() == Some(c) && l.next().is_none()
        }) {
            return Cow::Borrowed(t);
        } else {
            self.buf.push_str(&t.to_lowercase());
        }
        self.fix.push((si, ti, at, self.buf.len()));
        Cow::Borrowed("")
    }
}

/// Class of a byte in [`tokenize_in`]'s runs of ASCII letters and digits: [`LOWER`] for a
/// lower-case letter or a digit, [`UPPER`] for a capital, 0 for any other byte (non-ASCII
/// bytes included).
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_alphanumeric() {
            LOWER
        } else {
            0
        };
        b += 1;
    }
    t
};
const LOWER: u8 = 1;
const UPPER: u8 = 2;

/// [`tokenize`], with the lower-case copies of the sentence `si`'s capitalised words left
/// in `lowers` (their tokens' `lower` is a placeholder until the caller points it there).
fn tokenize_in<'a>(
    text: &'a str,
    span: Span,
    quotes: &[crate::model::Quotation],
    si: usize,
    lowers: &mut Lowers,
) -> Vec<Tok<'a>> {
    let s = &text[span.start..span.end];
    let b = s.as_bytes();
    // About one token per five bytes in news text; a little over is cheaper than growing
    // the vector several times.
    let mut out = Vec::with_capacity(s.len() / 5 + 4);
    // Quotations are in text order and do not overlap, and tokens come in text order: the
    // candidate quotation of a token (the last one opening at or before it) only moves on.
    let mut next_quote = quotes.partition_point(|q| q.inner.start <= span.start);
    let mut p = 0;
    while let Some((c, clen)) = char_at(s, p) {
        if c.is_whitespace() {
            p += clen;
            continue;
        }
        let start = p;
        // `q` is the byte offset of the next character. The character before it (the last
        // one taken) is asked only whether it is `s` or an ASCII digit, which its last
        // byte `b[q - 1]` tells (the last byte of a longer character is not ASCII).
        let mut q = p + clen;
        let word = c.is_alphanumeric();
        // Whether the token is ASCII so far (`plain`), and the classes of its ASCII letters
        // and digits (`cls`, [`ASCII_CLASS`]): with both, its lower case needs no scan.
        let mut plain = c.is_ascii();
        let mut cls = ASCII_CLASS[usize::from(b[p])];
        if word {
            loop {
                // Runs of ASCII letters and digits are taken as they are.
                while let Some(&x) = b.get(q) {
                    let k = ASCII_CLASS[usize::from(x)];
                    if k == 0 {
                        break;
                    }
                    cls |= k;
                    q += 1;
                }
                let Some((d, dlen)) = char_at(s, q) else {
                    break;
                };
                let takes = d.is_alphanumeric() || {
                    let joiner = matches!(d, '.' | '\'' | '’' | '-' | '‑' | '&' | ',' | '/');
                    joiner && {
                        let next = char_at(s, q + dlen).map(|(n, _)| n);
                        let next_alnum = next.is_some_and(char::is_alphanumeric);
                        // A comma or slash joins only digits (1,800; 24/7).
                        let digit_join = matches!(d, ',' | '/')
                            && b[q - 1].is_ascii_digit()
                            && next.is_some_and(|n| n.is_ascii_digit());
                        next_alnum && (!matches!(d, ',' | '/') || digit_join)
                    }
                };
                if !takes {
                    break;
                }
                plain &= d.is_ascii();
                q += dlen;
            }
            // A plural possessive keeps its apostrophe ("the pilots' union").
            if let Some((d, dlen)) = char_at(s, q) {
                if matches!(d, '\'' | '’')
                    && b[q - 1] == b's'
                    && char_at(s, q + dlen).is_none_or(|(c, _)| c.is_whitespace())
                {
                    plain &= d.is_ascii();
                    q += dlen;
                }
            }
            // Keep the final period of dotted abbreviations (U.S., a.m.), initials (J.) and
            // short titles before a name (Dr. Hill, Mrs. Bankole).
            if b.get(q) == Some(&b'.') {
                let word = &s[start..q];
                let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
                let short_cap = word.chars().count() <= 4
                    && word.chars().next().is_some_and(char::is_uppercase)
                    && word.chars().skip(1).all(char::is_lowercase)
                    && b.get(q + 1) == Some(&b' ')
                    && char_at(s, q + 2).is_some_and(|(c, _)| c.is_uppercase());
                if dotted || short_cap {
                    q += 1;
                }
            }
        }
        let end = q;
        let abs = Span::new(span.start + start, span.start + end);
        let t = &s[start..end];
        while quotes
            .get(next_quote)
            .is_some_and(|q| q.inner.start <= abs.start)
        {
            next_quote += 1;
        }
        let quote = next_quote
            .checked_sub(1)
            .filter(|&k| abs.end <= quotes[k].inner.end);
        out.push(Tok {
            span: abs,
            text: t,
            lower: lowers.lower(t, plain.then_some(cls & UPPER != 0), si, out.len()),
            word,
            quote,
            name: Default::default(),
            lex: Default::default(),
        });
        p = q;
    }
    out
}

// ---------------------------------------------------------------------------------------
// Speaker phrases

/// A speaker phrase as read from the sentence, before pronoun and role resolution.
#[derive(Clone, Debug)]
struct Phrase {
    /// Token range in the sentence.
    start: usize,
    end: usize,
    kind: PhraseKind,
    /// The name part (person or organisation name) when there is one.
    name: Option<String>,
    /// Role words ("Top Kremlin aide"), when given.
    role: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PhraseKind {
    Pronoun(Gender),
    /// "the president", "the Russian leader": a role that refers back to a person.
    RoleRef,
    Person,
    Organisation,
    Outlet,
    Document,
    Anonymous,
}

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "many", "most",
    "another", "other", "both", "his", "her", "their", "its", "our", "senior", "two", "multiple",
    "few", "all", "no",
];

const PREPOSITIONS: &[&str] = &[
    "with",
    "of",
    "in",
    "at",
    "from",
    "for",
    "on",
    "close",
    "familiar",
    "knowledgeable",
    "briefed",
    "involved",
    "to",
    "who",
    "within",
    "inside",
    "near",
    "representing",
    "by",
];

/// Words that cannot be part of a role before a name ("After the game Smith said").
const ROLE_STOP: &[&str] = &[
    "however",
    "yesterday",
    "today",
    "meanwhile",
    "separately",
    "later",
    "earlier",
    "also",
    "but",
    "and",
    "so",
    "still",
    "then",
    "now",
    "instead",
    "moreover",
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "since",
    "when",
    "while",
    "because",
    "if",
    "although",
    "though",
    "as",
    "that",
    "which",
    "who",
    "where",
    "with",
    "by",
    "from",
    "into",
    "over",
    "under",
    "said",
    "says",
    "is",
    "was",
    "were",
    "are",
    "has",
    "had",
    "have",
    "will",
    "would",
];

/// The longest speaker phrase read ("the head of the Ukrainian delegation to the talks in
/// Florida, Rustem Umerov" is 14 tokens).
const MAX_PHRASE_TOKENS: usize = 24;

/// How far before a cue its subject, appositive included, may start.
const SUBJECT_WINDOW_TOKENS: usize = 64;
/// How far after "put" the "at" of an estimate may stand ("put the cost ... at 41 million").
const ESTIMATE_WINDOW_TOKENS: usize = 24;
/// The longest parenthetical crossed between a speaker and the cue ("(retd)", "(UDA)").
const PAREN_MAX_TOKENS: usize = 6;
/// The longest restrictive relative clause crossed between a speaker and the cue ("who
/// asked not to be named").
const RELATIVE_MAX_TOKENS: usize = 12;

/// `s` without its possessive endings: every trailing `'s`, then every trailing `’s`
/// (as `s.trim_end_matches("'s").trim_end_matches("’s")`, without building a string
/// searcher per call).
fn strip_possessive(s: &str) -> &str {
    let mut s = s;
    while let Some(r) = s.strip_suffix("'s") {
        s = r;
    }
    while let Some(r) = s.strip_suffix("’s") {
        s = r;
    }
    s
}

fn possessive(t: &str) -> bool {
    t.ends_with("'s") || t.ends_with("’s") || t.ends_with("s'") || t.ends_with("s’")
}

impl ExtractRules {
    /// The head noun of a description of unnamed people: its first word that names people
    /// (an anonymous-source head, a person noun or a role noun), read after a possessive
    /// ("company's spokeswoman"); a pronoun is its own head. `None` when no word is one.
    fn unnamed_head(&self, description: &str) -> Option<UnnamedHead> {
        description.split_whitespace().find_map(|w| {
            let lower = strip_possessive(w).to_lowercase();
            if let Some(&g) = self.pronouns.get(lower.as_str()) {
                return Some(UnnamedHead {
                    plural: g == Gender::Plural,
                    gender: (g != Gender::Plural).then_some(g),
                    noun: lower,
                });
            }
            let people = self.anonymous_heads.contains(lower.as_str())
                || self.extra_roles.contains(lower.as_str())
                || role_noun(&lower)
                || PLURAL_PEOPLE.contains(&lower.as_str());
            people.then(|| UnnamedHead {
                plural: PLURAL_PEOPLE.contains(&lower.as_str())
                    || (lower.ends_with('s') && !lower.ends_with("ss")),
                gender: noun_gender(&lower),
                noun: lower,
            })
        })
    }

    /// A speaker who is one unnamed person ("a senior official", "the minister" left
    /// unresolved, "he" left unresolved), with the head noun that says so; `None` for a
    /// named speaker, an organisation, or a group.
    fn lone_unnamed(&self, s: &Speaker) -> Option<UnnamedHead> {
        if s.kind != SpeakerKind::Anonymous {
            return None;
        }
        self.unnamed_head(&s.name).filter(|h| !h.plural)
    }

    fn is_title(&self, lower: &str) -> bool {
        let bare = lower.trim_end_matches('.');
        // (`bare` is `lower` itself unless it ends with a period: one look-up then.)
        self.titles.contains(lower)
            || (bare.len() < lower.len() && self.titles.contains(bare))
            || self.dotted_titles.contains(bare)
    }

    /// `list(t.lower)`, computed once per token (`bit` is one of the [`Lex`] bits).
    fn lex(&self, t: &Tok, bit: Lex, list: impl FnOnce(&str) -> bool) -> bool {
        let known = 1u8 << (2 * bit as u8);
        let yes = known << 1;
        let v = t.lex.get();
        if v & known != 0 {
            return v & yes != 0;
        }
        let answer = list(&t.lower);
        t.lex.set(v | known | if answer { yes } else { 0 });
        answer
    }

    /// [`ExtractRules::is_title`] of the token's lower case.
    fn tok_title(&self, t: &Tok) -> bool {
        self.lex(t, Lex::Title, |w| self.is_title(w))
    }

    /// Whether the token's lower case is an organisation head word.
    fn tok_org_head(&self, t: &Tok) -> bool {
        self.lex(t, Lex::OrgHead, |w| self.org_heads.contains(w))
    }

    /// [`ExtractRules::is_cue_word`] of the token's lower case.
    fn tok_cue(&self, t: &Tok) -> bool {
        self.lex(t, Lex::Cue, |w| self.is_cue_word(w))
    }

    fn is_cue_word(&self, lower: &str) -> bool {
        self.cues.contains_key(lower)
    }

    /// Whether a capitalised token can be part of a person's name.
    /// The name that ends at the possessive `toks[owner]`: the capitalised name words
    /// right before it (none before `floor`), then the owner without its "'s". Gives where
    /// the name starts and the name ("Vladimir Putin's" → "Vladimir Putin").
    fn possessor_name(&self, toks: &[Tok], floor: usize, owner: usize) -> (usize, String) {
        let first = (floor..owner)
            .rev()
            .take_while(|&k| toks[k].capitalised() && self.name_token(&toks[k]))
            .last()
            .unwrap_or(owner);
        let mut name = join_tokens(&toks[first..owner]);
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(strip_possessive(toks[owner].text));
        (first, name)
    }

    fn name_token(&self, t: &Tok) -> bool {
        match t.name.get() {
            1 => false,
            2 => true,
            _ => {
                let yes = self.name_token_uncached(t);
                t.name.set(if yes { 2 } else { 1 });
                yes
            }
        }
    }

    fn name_token_uncached(&self, t: &Tok) -> bool {
        if !t.word || possessive(t.text) {
            return false;
        }
        if self.particles.contains(&*t.lower) {
            return true;
        }
        let first = t.text.chars().next().unwrap_or(' ');
        if !first.is_uppercase() {
            return false;
        }
        // (Characters counted once.)
        let chars = t.text.chars().count();
        let initial = chars == 1 || (chars == 2 && t.text.ends_with('.'));
        if initial {
            return true;
        }
        let caps = chars > 1
            && t.text
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        if caps {
            // Acronyms are not names.
            return false;
        }
        !self.tok_title(t)
            && !self.not_names.contains(t.text)
            && !self.tok_org_head(t)
            && !self.organisations.contains(t.text)
            && !self.tok_cue(t)
            && !DETERMINERS.contains(&t.lower.as_ref())
    }

    /// Read tokens `toks[start..end]` as a speaker phrase, trying the longest acceptable
    /// suffix (so "Yesterday Umerov" reads as "Umerov").
    fn read_phrase(&self, toks: &[Tok], start: usize, end: usize) -> Option<Phrase> {
        // No speaker phrase is longer than this; the cap keeps long clauses linear.
        let start = start.max(end.saturating_sub(MAX_PHRASE_TOKENS));
        if start >= end {
            return None;
        }
        (start..end).find_map(|s| self.read_exact(toks, s, end))
    }

    /// Read exactly `toks[start..end]` as a speaker phrase.
    /// A document named without a determiner right after a source phrase: "according to
    /// exchange data", "according to preliminary results" (up to four lower-case words
    /// ending in a document head). Elsewhere a bare noun phrase is too often a subject
    /// to be read as a source.
    fn bare_document(&self, toks: &[Tok], start: usize, end: usize) -> Option<Phrase> {
        let t = toks.get(start..end)?;
        let last = t.last()?;
        let plain_words = t.iter().all(|x| {
            x.word
                && !x.capitalised()
                && !self.tok_cue(x)
                && !DETERMINERS.contains(&x.lower.as_ref())
                && !self.pronouns.contains_key(&*x.lower)
        });
        (t.len() <= 4 && plain_words && self.document_heads.contains(&last.lower)).then(|| Phrase {
            start,
            end,
            kind: PhraseKind::Document,
            name: Some(join_tokens(t)),
            role: None,
        })
    }

    fn read_exact(&self, toks: &[Tok], start: usize, end: usize) -> Option<Phrase> {
        let t = toks.get(start..end)?;
        if t.is_empty() {
            return None;
        }
        let owned;
        let t = if t
            .iter()
            .any(|x| x.quote.is_some() || x.is("(") || x.is(","))
        {
            owned = strip_nicknames(t)?;
            owned.as_slice()
        } else {
            t
        };
        if t.iter()
            .any(|x| x.quote.is_some() || x.is_punct(&['"', '“', '”', ':', ';', '(', ')']))
        {
            return None;
        }
        if t.first().is_some_and(|x| !x.word) || t.last().is_some_and(|x| !x.word) {
            return None;
        }
        if t.last().is_some_and(|x| {
            matches!(
                x.lower.as_ref(),
                "and"
                    | "or"
                    | "but"
                    | "the"
                    | "of"
                    | "a"
                    | "an"
                    | "to"
                    | "in"
                    | "on"
                    | "at"
                    | "for"
                    | "with"
                    | "by"
                    | "from"
                    | "that"
            )
        }) {
            return None;
        }
        // The first word in lower case (the whole list is built only for the last tests).
        let w0: &str = t.first().map_or("", |x| &x.lower);
        let text = join_tokens(t);
        let plain = |kind, name: Option<String>, role: Option<String>| {
            Some(Phrase {
                start,
                end,
                kind,
                name,
                role,
            })
        };
        // Pronoun.
        if t.len() == 1 {
            if let Some(&g) = self.pronouns.get(w0) {
                if matches!(
                    w0,
                    "he" | "she" | "they" | "we" | "i" | "him" | "her" | "them" | "it"
                ) {
                    return plain(PhraseKind::Pronoun(g), None, None);
                }
            }
            if w0 == "i" || w0 == "we" {
                return None;
            }
        }
        // Outlet ("Axios", "The New York Times").
        if let Some(o) = self.outlet(&text) {
            return plain(PhraseKind::Outlet, Some(o.to_string()), None);
        }
        // A capitalised name after "the" with no title in it is an organisation ("the Hallworth
        // Museum"), or an outlet when it ends like one ("The Health Service Journal").
        if w0 == "the"
            && t.len() >= 2
            && t[1].capitalised()
            && t[1..].iter().all(|x| {
                (x.capitalised() || matches!(x.lower.as_ref(), "of" | "for" | "and" | "&"))
                    && !self.tok_title(x)
            })
            && t.last().is_some_and(Tok::capitalised)
        {
            let name = join_tokens(&t[1..]);
            let kind = if t.last().is_some_and(|x| self.outlet_words.contains(x.text)) {
                PhraseKind::Outlet
            } else {
                PhraseKind::Organisation
            };
            return plain(kind, Some(name), None);
        }
        // Known organisation ("the Kremlin", "Russia", "the White House").
        let without_the = strip_determiner(&text);
        if self.organisations.contains(without_the) {
            return plain(
                PhraseKind::Organisation,
                Some(without_the.to_string()),
                None,
            );
        }
        // "Mei-Ling Chou of TrendForce", "Prof. Wei Zhang of Tsinghua University": the person
        // before "of", the affiliation after it.
        // (Every "of", leftmost first: "Professor Anselm Okonkwo-Grey of the University of
        // Tarnmouth" is the professor, not Tarnmouth.)
        for k in (0..t.len()).filter(|&k| t[k].is("of")) {
            // ("Tove Ringdal of the railway workers' union": a lower-case affiliation that
            // ends in an organisation head.)
            let after_caps = k + 1 < t.len()
                && t.last()
                    .is_some_and(|x| x.capitalised() || self.tok_org_head(x))
                && t[k + 1..].iter().all(|x| {
                    x.word && !self.tok_cue(x) && !ROLE_STOP.contains(&x.lower.as_ref())
                        || matches!(x.lower.as_ref(), "of" | "and" | "the" | "&")
                });
            let names = t[..k]
                .iter()
                .rev()
                .take_while(|x| self.name_token(x))
                .count();
            if after_caps && names >= 2 {
                if let Some(p) = self.read_exact(toks, start, start + k) {
                    if p.kind == PhraseKind::Person {
                        let role = Some(match &p.role {
                            Some(r) => format!("{r} ({})", join_tokens(&t[k + 1..])),
                            None => join_tokens(&t[k + 1..]),
                        });
                        return Some(Phrase { end, role, ..p });
                    }
                }
            }
        }
        // An acronym ("NASA said", "the city water utility EPSAS said").
        if let Some(last) = t.last() {
            let caps = last.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && last
                    .text
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '&');
            let role_ok = t[..t.len() - 1].iter().all(|x| {
                x.word
                    && (self.tok_org_head(x) || !x.capitalised() || possessive(x.text))
                    && !self.tok_cue(x)
            });
            if caps
                && !self.tok_title(last)
                && role_ok
                && (t.len() == 1 || t[..t.len() - 1].iter().any(|x| self.tok_org_head(x)))
            {
                let role = (t.len() > 1).then(|| join_tokens(&t[..t.len() - 1]));
                return plain(PhraseKind::Organisation, Some(last.text.to_string()), role);
            }
        }
        // A capitalised organisation name at the end ("Iraq's Ministry of Culture",
        // "the Nigeria Union of Teachers").
        {
            let mut k = t.len();
            while k > 0
                && (t[k - 1].capitalised()
                    && (!possessive(t[k - 1].text)
                        || k < t.len() && k >= 2 && t[k - 2].text.ends_with('.'))
                    || (k < t.len()
                        && matches!(t[k - 1].lower.as_ref(), "of" | "for" | "and" | "&")))
            {
                k -= 1;
            }
            while k < t.len() && !t[k].capitalised() {
                k += 1;
            }
            let run = &t[k..];
            let has_head = run
                .iter()
                .rposition(|x| self.tok_org_head(x))
                .is_some_and(|h| {
                    h + 1 == run.len() || matches!(run[h + 1].lower.as_ref(), "of" | "for" | "on")
                });
            let before_ok = t[..k].iter().all(|x| {
                possessive(x.text) || matches!(x.lower.as_ref(), "the" | "a") || x.capitalised()
            });
            if has_head && run.len() >= 2 && t.last().is_some_and(Tok::capitalised) && before_ok {
                let name = join_tokens(run);
                return plain(
                    PhraseKind::Organisation,
                    Some(name),
                    (k > 0).then(|| join_tokens(&t[..k])),
                );
            }
        }
        // Post-nominals ("Simon Fairweather KC", "John Smith Jr.") are not the name's end.
        if t.len() >= 2
            && self
                .post_nominals
                .contains(t[t.len() - 1].text.trim_end_matches('.'))
            && t[t.len() - 2].capitalised()
        {
            if let Some(p) = self.read_exact(toks, start, end - 1) {
                return Some(Phrase { end, ..p });
            }
        }
        // Name at the end, role words before it ("Top Kremlin aide Yuri Ushakov").
        let mut n = t.len();
        while n > 0 && (self.name_token(&t[n - 1]) && (t[n - 1].capitalised() || n < t.len())) {
            n -= 1;
        }
        // Particles may not open a name ("van der Zwaan", "Van der Zwaan"), but a
        // capitalised one before a name word may: "Ben Roe", "Van Morrison".
        while n < t.len()
            && self.particles.contains(&*t[n].lower)
            && (!t[n].capitalised()
                || t.get(n + 1)
                    .is_some_and(|x| self.particles.contains(&*x.lower)))
        {
            n += 1;
        }
        let name_len = t.len() - n;
        let common_noun = name_len == 1 && {
            let w: &str = &t[t.len() - 1].lower;
            self.anonymous_heads.contains(w)
                || self.org_heads.contains(w)
                || self.document_heads.contains(w)
        };
        if name_len > 0 && name_len <= 5 && t[t.len() - 1].capitalised() && !common_noun {
            let role_toks = &t[..n];
            // "churchwarden Priya Nandakumar": one lowercase word before a full name.
            let lone_role = role_toks.len() == 1
                && name_len >= 2
                && role_toks[0].word
                && !role_toks[0].capitalised()
                && !ROLE_STOP.contains(&role_toks[0].lower.as_ref())
                && !self.tok_cue(&role_toks[0])
                && !DETERMINERS.contains(&role_toks[0].lower.as_ref());
            let has_title = role_toks
                .iter()
                .any(|x| self.tok_title(x) || self.tok_org_head(x) || role_noun(&x.lower));
            let role_ok = lone_role
                || role_toks
                    .first()
                    .is_none_or(|x| !ROLE_STOP.contains(&x.lower.as_ref()))
                    && role_toks.iter().all(|x| {
                        (has_title
                            && x.word
                            && !self.tok_cue(x)
                            && !ROLE_STOP.contains(&x.lower.as_ref())
                            && !self.pronouns.contains_key(&*x.lower))
                            || x.capitalised()
                            || self.tok_title(x)
                            || x.is_punct(&[',', '-', '–', '.'])
                            || matches!(
                                x.lower.as_ref(),
                                "of" | "the"
                                    | "and"
                                    | "for"
                                    | "to"
                                    | "on"
                                    | "at"
                                    | "in"
                                    | "top"
                                    | "former"
                                    | "acting"
                                    | "deputy"
                                    | "chief"
                                    | "senior"
                                    | "interim"
                                    | "new"
                                    | "then"
                                    | "current"
                                    | "outgoing"
                                    | "incoming"
                                    | "&"
                            )
                            || possessive(x.text)
                            || self.tok_org_head(x)
                    });
            // "A senior official at the Ministry of Labour", "an aide to Governor Smith": an
            // unnamed person described by what they belong to, not the name at the end.
            let described = role_toks
                .first()
                .is_some_and(|x| matches!(x.lower.as_ref(), "a" | "an"))
                && role_toks
                    .iter()
                    .any(|x| PREPOSITIONS.contains(&x.lower.as_ref()));
            if role_ok && !described {
                let name = join_tokens(&t[n..]);
                let role = (!role_toks.is_empty()).then(|| join_tokens(role_toks));
                // ("the state operator Brenmark Rail": a name right after a lower-case
                // organisation noun names the organisation, unless it opens with a known
                // given name.)
                let introduced = role_toks.last().is_some_and(|x| {
                    x.word
                        && !x.capitalised()
                        && (COMPANY_NOUNS.contains(&x.lower.as_ref()) || self.tok_org_head(x))
                }) && !self.given_names.contains_key(&*t[n].lower);
                let org_name = self.organisations.contains(name.as_str())
                    || introduced
                    || t[n..].iter().any(|x| self.tok_org_head(x))
                    || name.split(' ').count() > 1 && t[t.len() - 1].lower.ends_with("co");
                if org_name {
                    return plain(PhraseKind::Organisation, Some(name), role);
                }
                return plain(PhraseKind::Person, Some(name), role);
            }
        }
        let words: Vec<&str> = t.iter().map(|x| x.lower.as_ref()).collect();
        // Determiner + modifiers + head (+ prepositional phrase).
        let det = DETERMINERS.contains(&words[0]);
        let tail_ok = |h: usize| {
            h + 1 == words.len()
                || (PREPOSITIONS.contains(&words[h + 1])
                    && words.len() - h <= 9
                    && !words[h + 1..].iter().any(|w| {
                        (w.ends_with("ed")
                            && w.len() > 4
                            && !matches!(
                                *w,
                                "based"
                                    | "related"
                                    | "involved"
                                    | "briefed"
                                    | "concerned"
                                    | "informed"
                            ))
                            || matches!(
                                *w,
                                "is" | "are"
                                    | "was"
                                    | "were"
                                    | "has"
                                    | "have"
                                    | "had"
                                    | "will"
                                    | "would"
                                    | "said"
                                    | "says"
                            )
                            || self.is_cue_word(w)
                    }))
        };
        let modifiers_ok = |h: usize| {
            t[..h].iter().enumerate().all(|(k, x)| {
                (x.word
                    && !self.tok_cue(x)
                    && !matches!(
                        x.lower.as_ref(),
                        "what"
                            | "that"
                            | "which"
                            | "who"
                            | "whom"
                            | "whose"
                            | "how"
                            | "is"
                            | "are"
                            | "was"
                            | "were"
                            | "has"
                            | "have"
                            | "had"
                    )
                    && (k == 0
                        || !DETERMINERS.contains(&x.lower.as_ref())
                        || matches!(
                            x.lower.as_ref(),
                            "two"
                                | "three"
                                | "four"
                                | "five"
                                | "senior"
                                | "several"
                                | "few"
                                | "other"
                        )))
                    || x.is_punct(&['-', ','])
            })
        };
        // The first word of the set that heads the phrase: in "the county fire service"
        // the head is "service", not the modifier "county".
        let head_at = |set: &WordSet| -> Option<usize> {
            let in_set = |w: &str| set.contains(w) || set.contains(w.trim_end_matches('s'));
            let first = words.iter().position(|w| in_set(w))?;
            Some(
                (first..words.len())
                    .find(|&h| in_set(words[h]) && tail_ok(h) && modifiers_ok(h))
                    .unwrap_or(first),
            )
        };
        let short = words.len() <= 12;
        if !short {
            return None;
        }
        // Role reference: "the president", "the Russian leader", "the NSDC Secretary".
        if words[0] == "the"
            && words.len() <= 4
            && (self.is_title(words[words.len() - 1])
                || role_noun(words[words.len() - 1])
                || self.extra_roles.contains(words[words.len() - 1]))
            && !self.org_heads.contains(words[words.len() - 1])
        {
            return plain(PhraseKind::RoleRef, None, Some(text));
        }
        // A bare role ("mayor says", "Council finance chair says", "CEO says").
        if !det
            && words.len() <= 4
            && self.is_title(words[words.len() - 1])
            && !self.org_heads.contains(words[words.len() - 1])
            && t.iter()
                .all(|x| x.word && !self.tok_cue(x) && !ROLE_STOP.contains(&x.lower.as_ref()))
        {
            return plain(PhraseKind::RoleRef, None, Some(text));
        }
        if let Some(h) = head_at(&self.document_heads) {
            if (det
                || h == 0
                || t[0].capitalised()
                || possessive(t[0].text)
                || words[0] == "earlier")
                && tail_ok(h)
                && modifiers_ok(h)
            {
                return plain(
                    PhraseKind::Document,
                    Some(strip_determiner(&text).to_string()),
                    None,
                );
            }
        }
        // "One senior buyer at a London department store": a described person.
        if det && words[0] != "the" {
            // (The first role noun that heads the phrase: "a senior manager" is a manager.)
            if (0..words.len()).any(|h| {
                (role_noun(words[h]) || self.extra_roles.contains(words[h]))
                    && tail_ok(h)
                    && modifiers_ok(h)
            }) {
                return plain(
                    PhraseKind::Anonymous,
                    Some(strip_determiner(&text).to_string()),
                    None,
                );
            }
        }
        if let Some(h) = head_at(&self.anonymous_heads) {
            let plural = words[h].ends_with('s')
                && words[h] != words[h].trim_end_matches('s').to_string() + "ss";
            if (det || h == 0 || t[0].capitalised() || plural) && tail_ok(h) && modifiers_ok(h) {
                return plain(
                    PhraseKind::Anonymous,
                    Some(strip_determiner(&text).to_string()),
                    None,
                );
            }
        }
        if let Some(h) = head_at(&self.org_heads) {
            // Headline style drops the article: "..., safety board says", "police say"
            // (right before its cue: "according to league figures" is a document).
            let bare = words.len() <= 3
                && h + 1 == words.len()
                && toks.get(end).is_some_and(|x| self.tok_cue(x));
            if (det || t[0].capitalised() || bare) && tail_ok(h) && modifiers_ok(h) {
                let kind =
                    if words[0] == "the" && h <= 2 && h + 1 == words.len() && !t[h].capitalised() {
                        PhraseKind::RoleRef
                    } else {
                        PhraseKind::Organisation
                    };
                return plain(kind, Some(strip_determiner(&text).to_string()), None);
            }
        }
        // A capitalised organisation name with "the" ("the Health Ministry" caught above;
        // "the Hallworth Museum").
        if words[0] == "the"
            && t.len() >= 2
            && t[1..]
                .iter()
                .all(|x| x.capitalised() || matches!(x.lower.as_ref(), "of" | "for" | "and"))
        {
            return plain(
                PhraseKind::Organisation,
                Some(strip_determiner(&text).to_string()),
                None,
            );
        }
        None
    }
}

/// Tokens without a nickname in quotation marks between two capitalised words
/// (Mohamed "Simo" Benjelloun); `None` when other quoted text remains.
fn strip_nicknames<'a>(t: &[Tok<'a>]) -> Option<Vec<Tok<'a>>> {
    let mut out = Vec::with_capacity(t.len());
    let mut i = 0;
    while i < t.len() {
        // "(NUT)" after a name.
        if t[i].is("(")
            && t.get(i + 2).is_some_and(|x| x.is(")"))
            && t.get(i + 1).is_some_and(|x| x.word)
        {
            i += 3;
            continue;
        }
        // ", 34," or a final ", 78" after a name: an age.
        if t[i].is(",")
            && t.get(i + 1)
                .is_some_and(|x| x.text.len() <= 3 && x.text.chars().all(|c| c.is_ascii_digit()))
            && t.get(i + 2).is_none_or(|x| x.is(","))
        {
            i += 2 + usize::from(t.get(i + 2).is_some());
            continue;
        }
        let opens = !t[i].word && t[i].text.chars().next().is_some_and(is_quote_char);
        if opens && i > 0 && t[i - 1].capitalised() {
            let q = t.get(i + 1).and_then(|x| x.quote);
            let n = t[i + 1..]
                .iter()
                .take_while(|x| x.quote.is_some() && x.quote == q)
                .count();
            let close = i + 1 + n;
            if q.is_some()
                && (1..=2).contains(&n)
                && t.get(close).is_some_and(|x| !x.word)
                && t.get(close + 1).is_some_and(Tok::capitalised)
            {
                i = close + 1;
                continue;
            }
        }
        if t[i].quote.is_some() {
            return None;
        }
        out.push(t[i].clone());
        i += 1;
    }
    // Nothing but an age or a nickname (", 34"): no phrase.
    (!out.is_empty()).then_some(out)
}

/// An affiliation that fills `toks[from..end]` after a source's name: "with the Riverton
/// Police Department (RPD)", "of Tarn University", "at the City Hospital": a preposition,
/// then capitalised words (with "the", "of", "and", "for", "&" between them), then an
/// optional acronym in parentheses. Returns the organisation's tokens (no acronym).
fn affiliation<'t, 'a>(toks: &'t [Tok<'a>], from: usize, end: usize) -> Option<&'t [Tok<'a>]> {
    let t = toks.get(from..end)?;
    let (prep, rest) = t.split_first()?;
    if !matches!(prep.lower.as_ref(), "with" | "of" | "at" | "from" | "for") {
        return None;
    }
    let open = rest.iter().position(|x| x.is("(")).unwrap_or(rest.len());
    let (org, paren) = rest.split_at(open);
    let org_ok = org.last().is_some_and(Tok::capitalised)
        && org.iter().all(|x| {
            x.word && x.capitalised()
                || matches!(x.lower.as_ref(), "the" | "of" | "and" | "for" | "&")
        });
    let acronym = |x: &Tok| {
        x.word
            && x.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && x.text
                .chars()
                .all(|c| c.is_uppercase() || c == '&' || c == '-')
    };
    let paren_ok = match paren {
        [] => true,
        [o, a, c] => o.is("(") && acronym(a) && c.is(")"),
        _ => false,
    };
    (org_ok && paren_ok).then_some(org)
}

/// The head noun of a description of unnamed people ("senior company official",
/// "source with knowledge of the talks", "company's spokeswoman"), as
/// `ExtractRules::unnamed_head` finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct UnnamedHead {
    /// The noun, lowercase.
    noun: String,
    /// More than one person ("officials", "two people", "police").
    plural: bool,
    /// The gender the noun itself gives ("spokeswoman", "father"), if any.
    gender: Option<Gender>,
}

/// Nouns for groups of people that are plural without a final "s".
const PLURAL_PEOPLE: &[&str] = &["people", "police", "staff", "crew", "personnel", "folk"];

/// The gender a noun for a person gives, when it gives one.
fn noun_gender(noun: &str) -> Option<Gender> {
    const FEMALE: &[&str] = &[
        "mother",
        "wife",
        "daughter",
        "sister",
        "widow",
        "girl",
        "aunt",
        "grandmother",
        "niece",
    ];
    const MALE: &[&str] = &[
        "father",
        "husband",
        "son",
        "brother",
        "widower",
        "boy",
        "uncle",
        "grandfather",
        "nephew",
    ];
    if noun.ends_with("woman") || FEMALE.contains(&noun) {
        Some(Gender::Female)
    } else if (noun.ends_with("man") && noun != "human") || MALE.contains(&noun) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// A lowercase word that names a person by what they do (glaciologist, rider, consultant).
fn role_noun(w: &str) -> bool {
    w.len() > 4
        && w.chars().all(|c| c.is_lowercase() || c == '-')
        && ["ist", "er", "or", "ian", "ant", "ent"]
            .iter()
            .any(|s| w.ends_with(s))
        && !matches!(
            w,
            "after"
                | "over"
                | "under"
                | "other"
                | "either"
                | "neither"
                | "whether"
                | "later"
                | "former"
                | "major"
                | "minor"
                | "recent"
                | "current"
                | "different"
                | "important"
                | "significant"
                | "senior"
                | "junior"
                | "superior"
                | "inferior"
                | "prior"
                | "interior"
                | "exterior"
        )
}

fn strip_determiner(s: &str) -> &str {
    for d in ["the ", "The ", "a ", "A ", "an ", "An ", "one ", "One "] {
        if let Some(rest) = s.strip_prefix(d) {
            return rest;
        }
    }
    s
}

/// Tokens joined with the spacing of the original text collapsed to single spaces.
fn join_tokens(t: &[Tok]) -> String {
    // The joined text is never longer than the stretch of text the tokens cover.
    let mut out = String::with_capacity(match (t.first(), t.last()) {
        (Some(a), Some(b)) => b.span.end.saturating_sub(a.span.start),
        _ => 0,
    });
    for (i, x) in t.iter().enumerate() {
        if i > 0 && x.span.start > t[i - 1].span.end {
            out.push(' ');
        }
        out.push_str(x.text);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Claims before reference resolution

#[derive(Clone, Debug)]
struct Draft {
    phrase: Phrase,
    /// Speaker phrase text as written.
    speaker_text: String,
    /// Byte offset of the speaker phrase.
    speaker_at: usize,
    cue: String,
    class: CueClass,
    content: Span,
    /// Further pieces of an interrupted quotation ("A," she said. "B.").
    more: Vec<Span>,
    span: Span,
    sentence: usize,
    /// Quotation indices this claim consumed.
    quotes: Vec<usize>,
    quote_kind: QuoteKind,
    cited_outlet: Option<String>,
    /// Unique within the article.
    id: usize,
    /// Id of the draft whose speaker this one shares (coordination or quote continuation).
    follows: Option<usize>,
    /// Credited through an outlet by "reports X" or "X reported" (for section carry-over).
    relays_outlet: bool,
}

/// A cue found in a sentence: token range and class.
#[derive(Clone, Debug)]
struct Cue {
    start: usize,
    end: usize,
    text: String,
    class: CueClass,
    /// A source phrase ("according to") rather than a verb.
    phrase: bool,
}

impl ExtractRules {
    fn find_cues(&self, toks: &[Tok]) -> Vec<Cue> {
        let mut out = Vec::new();
        // The cue keys tried, built in one buffer; a copy is taken only of one that is a cue.
        let mut key = String::new();
        let mut i = 0;
        while i < toks.len() {
            if toks[i].quote.is_some() || !toks[i].word {
                i += 1;
                continue;
            }
            let starts_phrase = self
                .phrase_first_words
                .as_ref()
                .is_none_or(|w| w.contains(&*toks[i].lower));
            if let Some(p) = self.phrases.iter().filter(|_| starts_phrase).find(|p| {
                p.iter().enumerate().all(|(k, w)| {
                    toks.get(i + k)
                        .is_some_and(|t| t.quote.is_none() && &t.lower == w)
                })
            }) {
                out.push(Cue {
                    start: i,
                    end: i + p.len(),
                    text: p.join(" "),
                    class: CueClass::Reporting,
                    phrase: true,
                });
                i += p.len();
                continue;
            }
            let mut found = None;
            // "continues to demand", "went on to say": a base form after "to".
            let after_to_verb = i >= 2
                && toks[i - 1].is("to")
                && self
                    .skip
                    .iter()
                    .any(|s| s.len() == 2 && s[1] == "to" && s[0] == toks[i - 2].lower);
            if after_to_verb && !toks[i].capitalised() {
                let w = &toks[i].lower;
                found = [
                    format!("{w}s"),
                    format!("{w}ed"),
                    format!("{w}d"),
                    format!("{w}es"),
                ]
                .iter()
                .find_map(|f| self.cues.get(f))
                .map(|&class| (1, class, w.to_string()));
            }
            // Longest cue first. A cue's first word is the token itself (tokens hold no
            // spaces), so tokens that start no cue are passed over without building keys.
            let starts_cue = found.is_none() && self.cue_first_words.contains(&*toks[i].lower);
            for n in (1..=self.cue_max_words).rev() {
                if found.is_some() || !starts_cue {
                    break;
                }
                if i + n > toks.len() || toks[i..i + n].iter().any(|t| !t.word || t.quote.is_some())
                {
                    continue;
                }
                key.clear();
                for (k, t) in toks[i..i + n].iter().enumerate() {
                    if k > 0 {
                        key.push(' ');
                    }
                    key.push_str(&t.lower);
                }
                if let Some(&class) = self.cues.get(key.as_str()) {
                    found = Some((n, class, key.clone()));
                    break;
                }
            }
            // Verbs are written in lower case; after a possessive or determiner a cue word
            // is a noun ("Russia's demand", "the report").
            // (Only asked when a cue was found: most tokens start none.)
            let noun = found.is_some()
                && i > 0
                && (possessive(toks[i - 1].text)
                    || (toks[i - 1].text.starts_with(|c: char| c.is_ascii_digit())
                        && toks[i - 1]
                            .text
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == ','))
                    || matches!(
                        toks[i - 1].lower.as_ref(),
                        "the"
                            | "a"
                            | "an"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "our"
                            | "this"
                            | "that"
                            | "these"
                            | "those"
                            | "no"
                            | "two"
                            | "three"
                            | "four"
                            | "five"
                            | "six"
                            | "several"
                            | "many"
                            | "some"
                            | "all"
                    ));
            // "reports of 17 fires", "claims of fraud": a word the rules know as a noun
            // (a nominal cue, a document) before "of" is that noun. "is recalling about
            // 48,000 cars": a cue listed in `before_object` before a determiner or a
            // number is no speech.
            let next = toks.get(i + 1);
            let noun_of = found.is_some()
                && next.is_some_and(|t| &*t.lower == "of")
                && (self.nominal.contains_key(&*toks[i].lower)
                    || self.document_heads.contains(&*toks[i].lower));
            let object = found.is_some()
                && self.before_object.contains(&*toks[i].lower)
                && next.is_some_and(|t| {
                    t.text.starts_with(|c: char| c.is_ascii_digit())
                        || matches!(
                            t.lower.as_ref(),
                            "the"
                                | "a"
                                | "an"
                                | "about"
                                | "some"
                                | "all"
                                | "its"
                                | "their"
                                | "more"
                                | "nearly"
                                | "almost"
                                | "around"
                                | "up"
                                | "over"
                                | "thousands"
                                | "hundreds"
                                | "millions"
                        )
                });
            if found.is_some() && (toks[i].capitalised() || noun || noun_of || object) {
                found = None;
            }
            // An estimate: "MCT puts the number of strikers at about 1,400", "Hagström put
            // the cost at 41 million euros a day" (only with a quantity after "at").
            if found.is_none()
                && matches!(toks[i].text, "put" | "puts")
                && !(i > 0 && DETERMINERS.contains(&toks[i - 1].lower.as_ref()))
                && estimate_at(toks, i + 1)
            {
                found = Some((1, CueClass::Assertive, toks[i].text.to_string()));
            }
            match found {
                Some((n, class, text)) => {
                    let passive = i > 0 && self.passive.contains(&*toks[i - 1].lower);
                    // "were expected to", "is widely seen": not an attribution.
                    let excluded = passive
                        && (matches!(class, CueClass::Expectation | CueClass::Evaluative | CueClass::Directive | CueClass::Assertive | CueClass::Reporting)
                            // "it is said", "was told"
                            || matches!(text.as_str(), "said" | "told" | "called"));
                    if !excluded {
                        out.push(Cue {
                            start: i,
                            end: i + n,
                            text,
                            class,
                            phrase: false,
                        });
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Skip adverbs and auxiliaries that stand before a cue ("also", "has", "on Monday").
    fn skip_left(&self, toks: &[Tok], mut end: usize) -> usize {
        loop {
            let before = end;
            let matches = |s: &[String]| {
                end >= s.len()
                    && toks[end - s.len()..end]
                        .iter()
                        .zip(s)
                        .all(|(t, w)| &t.lower == w)
            };
            // The first phrase in list order that ends here: among those whose last word
            // is the token before `end` when the index exists (no phrase is empty).
            let found = match &self.skip_by_last {
                Some(by_last) => end
                    .checked_sub(1)
                    .and_then(|k| by_last.get(toks[k].lower.as_ref()))
                    .and_then(|ks| ks.iter().map(|&k| &self.skip[k]).find(|s| matches(s))),
                None => self.skip.iter().find(|s| matches(s)),
            };
            if let Some(s) = found {
                end -= s.len();
            }
            // "-ly" adverbs ("reportedly", "positively").
            if end > 0
                && toks[end - 1].word
                && toks[end - 1].lower.ends_with("ly")
                && !toks[end - 1].capitalised()
                && toks[end - 1].lower.len() > 4
            {
                end -= 1;
            }
            if end == before {
                return end;
            }
        }
    }

    /// The speaker phrase that ends right before token `end` (after skipping adverbs), with
    /// appositives and relative clauses between commas crossed.
    fn subject_before(&self, toks: &[Tok], end: usize, floor: usize) -> Option<Phrase> {
        let end = self.skip_left(toks, end);
        // A subject (with its appositive) lies within a window before the cue, so a cue at
        // the end of a very long clause costs the same as one in a short clause.
        let floor = floor.max(end.saturating_sub(SUBJECT_WINDOW_TOKENS));
        if end <= floor {
            return None;
        }
        // "..., the National Weather Service, which described ...": the antecedent.
        if end >= floor + 3
            && matches!(toks[end - 1].lower.as_ref(), "which" | "who")
            && toks[end - 2].is(",")
        {
            let e = end - 2;
            let s = (floor..e)
                .rev()
                .find(|&k| toks[k].is_punct(&[',', ';', ':', '—', '–']) || toks[k].quote.is_some())
                .map_or(floor, |k| k + 1);
            return self.read_phrase(toks, s, e);
        }
        // Clause start: the nearest comma, semicolon, colon, dash or quote mark to the left.
        let boundary = |to: usize| -> usize {
            (floor..to)
                .rev()
                .find(|&k| {
                    toks[k].is_punct(&[',', ';', ':', '—', '–', '(', ')', '-'])
                        || toks[k].quote.is_some()
                        || toks[k].is_punct(&['"', '“', '”'])
                        || toks[k].is(that_word(&toks[k]))
                        || SUBORDINATORS.contains(&toks[k].lower.as_ref())
                })
                .map_or(floor, |k| k + 1)
        };
        // "Labour Minister Moses Kabwe (retd) said", "the Alliance (UDA) said": a short
        // parenthetical right before the cue belongs to the speaker phrase before it.
        if toks[end - 1].is(")") {
            if let Some(open) = (end.saturating_sub(PAREN_MAX_TOKENS + 2).max(floor)..end - 1)
                .rev()
                .find(|&k| toks[k].is("("))
                .filter(|&k| k > floor && toks[k + 1..end - 1].iter().all(|t| t.word))
            {
                return self.subject_before(toks, open, floor);
            }
        }
        let s0 = boundary(end);
        if s0 < end {
            return self
                .read_phrase(toks, s0, end)
                .or_else(|| self.restrictive_relative(toks, s0, end));
        }
        // "X, who participated in the talks, said" / "X, a doctor, said" /
        // "The head of the delegation, Umerov, noted": a comma right before the cue.
        if !(end > floor + 1 && toks[end - 1].is(",")) {
            return None;
        }
        // The segment between the two commas may hold quotes ("whose book "X" drew ...").
        let s1 = (floor..end - 1)
            .rev()
            .find(|&k| toks[k].is(",") || toks[k].is(";"))
            .map_or(floor, |k| k + 1);
        if !(s1 > floor + 1 && toks[s1 - 1].is(",")) || s1 >= end - 1 {
            return None;
        }
        let s2 = boundary(s1 - 1);
        let seg: Vec<&str> = toks[s1..end - 1].iter().map(|t| t.lower.as_ref()).collect();
        if matches!(seg.first(), Some(&("who" | "which" | "whose" | "whom"))) {
            // "Glenys Abbott, 81, who joined the protest, said": the age before the
            // relative clause is crossed too.
            // "Cllr Tobias Renwick-Akande (Lib), who chairs ..., said": the parenthetical
            // before the comma is crossed.
            let p = self
                .read_phrase(toks, s2, s1 - 1)
                .or_else(|| self.subject_before(toks, s1, floor))
                .or_else(|| {
                    (s1 >= 2 && toks[s1 - 2].is(")"))
                        .then(|| self.subject_before(toks, s1 - 1, floor))
                        .flatten()
                })?;
            // "The senior official, who spoke on condition of anonymity, said": a role
            // reference whose head is a title (not any "-er" noun: "the offer, which").
            let titled_role = p.kind == PhraseKind::RoleRef
                && p.end > p.start
                && self.tok_title(&toks[p.end - 1]);
            return (titled_role
                || matches!(
                    p.kind,
                    PhraseKind::Person
                        | PhraseKind::Organisation
                        | PhraseKind::Anonymous
                        | PhraseKind::Document
                        | PhraseKind::Outlet
                ))
            .then_some(p);
        }
        // "Russia, as part of the plan, continues to demand": a parenthetical.
        if matches!(
            seg.first(),
            Some(
                &("as"
                    | "in"
                    | "on"
                    | "at"
                    | "however"
                    | "meanwhile"
                    | "though"
                    | "too"
                    | "also"
                    | "like"
                    | "unlike"
                    | "after"
                    | "before"
                    | "during"
                    | "for"
                    | "with"
                    | "nonetheless"
                    | "nevertheless"
                    | "once"
                    | "again")
            )
        ) || seg.len() == 1 && seg[0].chars().all(|c| c.is_ascii_digit())
            // A participle after a short subject: ", speaking on condition of
            // anonymity,", "Tarrant, watching from the bank,", ", quoted by ...,". (After a
            // whole clause it is the clause's: "X held talks, focusing on ..., reports
            // Axios".)
            || (s1 - 1 - s2 <= 6
                && seg.first().is_some_and(|w| {
                    (w.len() > 5 && w.ends_with("ing") && w.chars().all(char::is_alphabetic))
                        || *w == "quoted"
                        // ", reached by phone,", ", contacted by the Echo,"
                        || (w.len() > 4 && w.ends_with("ed") && seg.get(1) == Some(&"by"))
                }))
            || toks[s1..end - 1]
                .iter()
                .all(|t| t.quote.is_some() || !t.word)
        {
            // ", 84,", ", speaking on condition of anonymity,", ", "Faith in the Countryside,"
            return self.read_phrase(toks, s2, s1 - 1);
        }
        // "Malawi's main opposition party, the United Democratic Alliance (UDA), says"
        if let Some(p0) = self
            .read_exact(toks, s1, end - 1)
            .filter(|p| matches!(p.kind, PhraseKind::Organisation | PhraseKind::Outlet))
        {
            let head = self.read_phrase(toks, s2, s1 - 1);
            if head.as_ref().is_some_and(|h| {
                matches!(
                    h.kind,
                    PhraseKind::Organisation | PhraseKind::Anonymous | PhraseKind::RoleRef
                )
            }) {
                return Some(Phrase {
                    start: s2,
                    role: Some(join_tokens(&toks[s2..s1 - 1])),
                    ..p0
                });
            }
        }
        // "Dr. Kavita Iyer, president of the Royal College, said" / "Liu Yang, of the Academy,"
        // (", one of the two councillors who voted against,")
        let role_like = matches!(
            seg.first(),
            Some(&("a" | "an" | "the" | "of" | "from" | "at"))
        ) || seg.first().is_some_and(|w| self.is_title(w))
            || (seg.first() == Some(&"one") && seg.get(1) == Some(&"of"));
        if role_like {
            // "Cllr Mo Farouk-Evans (Green), one of ...,": the parenthetical is crossed.
            if let Some(p) = self
                .read_phrase(toks, s2, s1 - 1)
                .or_else(|| {
                    (s1 >= 2 && toks[s1 - 2].is(")"))
                        .then(|| self.subject_before(toks, s1 - 1, floor))
                        .flatten()
                })
                .filter(|p| p.kind == PhraseKind::Person)
            {
                let appositive = join_tokens(&toks[s1..end - 1]);
                let role = Some(match &p.role {
                    Some(r) => format!("{r}, {appositive}"),
                    None => appositive,
                });
                return Some(Phrase {
                    role,
                    end: end - 1,
                    ..p
                });
            }
        }
        if let Some(p0) = self
            .read_exact(toks, s1, end - 1)
            .filter(|p| p.kind == PhraseKind::Person)
        {
            {
                let role_toks = &toks[s2..s1 - 1];
                let opens_role = matches!(
                    role_toks.first().map(|t| t.lower.as_ref()),
                    Some("the" | "a" | "an")
                ) || role_toks
                    .first()
                    .is_some_and(|t| possessive(t.text) || t.capitalised());
                if !role_toks.is_empty()
                    && role_toks.len() <= 12
                    && role_toks
                        .iter()
                        .any(|t| self.tok_title(t) || role_noun(&t.lower))
                    && opens_role
                    && !role_toks.iter().any(|t| t.quote.is_some())
                {
                    let role = match &p0.role {
                        Some(r) => format!("{}, {r}", join_tokens(role_toks)),
                        None => join_tokens(role_toks),
                    };
                    return Some(Phrase {
                        role: Some(role),
                        start: s2,
                        ..p0
                    });
                }
            }
            return None;
        }
        if matches!(seg.first(), Some(&("a" | "an" | "the")))
            || seg.first().is_some_and(|w| self.is_title(w))
        {
            let p = self.read_phrase(toks, s2, s1 - 1)?;
            if p.kind == PhraseKind::Person {
                return Some(Phrase {
                    role: Some(join_tokens(&toks[s1..end - 1])),
                    end: end - 1,
                    ..p
                });
            }
        }
        None
    }

    /// "A senior official who asked not to be named said": a speaker phrase followed by a
    /// restrictive relative clause (no commas) that ends at the cue. The phrase before
    /// "who" is the speaker when it reads as a person, organisation or unnamed source.
    fn restrictive_relative(&self, toks: &[Tok], start: usize, end: usize) -> Option<Phrase> {
        let who = (start + 1..end).find(|&k| matches!(toks[k].lower.as_ref(), "who" | "whom"))?;
        if end - who > RELATIVE_MAX_TOKENS || toks[who + 1..end].iter().any(|t| !t.word) {
            return None;
        }
        self.read_phrase(toks, start, who).filter(|p| {
            matches!(
                p.kind,
                PhraseKind::Person
                    | PhraseKind::Organisation
                    | PhraseKind::Anonymous
                    | PhraseKind::Document
            )
        })
    }

    /// The speaker phrase that starts right after token `start` ("said Rubio", "reports Axios").
    fn subject_after(&self, toks: &[Tok], start: usize) -> Option<Phrase> {
        let mut end = start;
        while end < toks.len()
            && !toks[end].is_punct(&[',', '.', ';', ':', '!', '?', '"', '“', '”', '—', '–'])
            && toks[end].quote.is_none()
        {
            end += 1;
        }
        // Longest prefix that reads as a phrase ("said Rubio after the talks").
        // "said it would ..." is not an inverted tag: pronouns never follow their cue.
        // "said the council had not been consulted": a noun phrase followed by a finite
        // verb is the subject of a that-less complement clause, not an inverted speaker.
        (start + 1..=end)
            .rev()
            .find_map(|e| {
                self.read_exact(toks, start, e)
                    .filter(|p| !matches!(p.kind, PhraseKind::Pronoun(_)))
            })
            .filter(|p| !toks.get(p.end).is_some_and(finite_verb))
    }
}

/// Whether the clause from token `from` holds "at" followed by a quantity ("at about 1,400",
/// "at 41 million", "at €2bn"), with a noun phrase before it.
fn estimate_at(toks: &[Tok], from: usize) -> bool {
    let Some(at) = toks
        .iter()
        .enumerate()
        .skip(from)
        .take(ESTIMATE_WINDOW_TOKENS)
        .take_while(|(_, t)| t.quote.is_none() && !t.is_punct(&[',', '.', ';', ':', '!', '?']))
        .find(|(_, t)| t.is("at"))
        .map(|(k, _)| k)
    else {
        return false;
    };
    if at <= from + 1 {
        return false;
    }
    let q = toks[at + 1..].iter().take(4).find(|t| {
        !matches!(
            t.lower.as_ref(),
            "about"
                | "around"
                | "some"
                | "roughly"
                | "approximately"
                | "nearly"
                | "almost"
                | "just"
                | "more"
                | "less"
                | "fewer"
                | "than"
                | "over"
                | "under"
                | "up"
                | "to"
                | "least"
                | "most"
                | "between"
                | "an"
                | "estimated"
        )
    });
    // ("£" may be a token of its own before the digits.)
    let q = q.and_then(|t| {
        if matches!(t.text, "€" | "$" | "£" | "¥") {
            let k = toks[at + 1..].iter().position(|x| std::ptr::eq(x, t))?;
            toks.get(at + 2 + k)
        } else {
            Some(t)
        }
    });
    q.is_some_and(|t| {
        let mut c = t.text.chars();
        match c.next() {
            Some(d) if d.is_ascii_digit() => true,
            Some('€' | '$' | '£' | '¥') => c.next().is_some_and(|d| d.is_ascii_digit()),
            _ => matches!(
                t.lower.as_ref(),
                "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "twenty"
                    | "fifty"
                    | "hundreds"
                    | "thousands"
                    | "millions"
                    | "dozens"
            ),
        }
    })
}

/// After a parenthetical tag ("Negotiations, he said, had been ..."), the token range
/// `(first, last)` of the rest of the clause when a comma is followed by its finite verb
/// (adverbs such as "already" may stand before it) and the clause runs to the sentence's
/// end.
fn resumed_clause(toks: &[Tok], after: usize) -> Option<(usize, usize)> {
    if !toks.get(after)?.is(",") {
        return None;
    }
    let first = after + 1;
    let verb = toks[first..].iter().find(|t| {
        !(t.word
            && (matches!(
                t.lower.as_ref(),
                "already" | "also" | "still" | "now" | "never"
            ) || (t.lower.ends_with("ly") && t.lower.len() > 4)))
    })?;
    if !finite_verb(verb) {
        return None;
    }
    let last = toks.iter().rposition(|t| !t.is_punct(&['.', '!', '?']))?;
    (last > first).then_some((first, last))
}

/// Token indices right after each period that ends a sentence glued to the next one: a
/// period with a word right before it and, right after it, a capitalised word or an
/// opening quotation mark ("last year."The track", "Tarnholm.First").
fn glued_ends<'a>(toks: &'a [Tok]) -> impl Iterator<Item = usize> + 'a {
    (1..toks.len().saturating_sub(1)).filter_map(move |k| {
        let (prev, dot, next) = (&toks[k - 1], &toks[k], &toks[k + 1]);
        (dot.text == "."
            && dot.quote.is_none()
            && prev.word
            && prev.span.end == dot.span.start
            && next.span.start == dot.span.end
            && (next.word && next.capitalised() && next.quote.is_none()
                || next.is_punct(&['"', '“'])
                    && toks
                        .get(k + 2)
                        .is_some_and(|t| t.capitalised() && t.span.start == next.span.end)))
        .then_some(k + 1)
    })
}

/// A word that opens a finite verb phrase after a subject: an auxiliary or modal ("had",
/// "would", "was") or a lower-case past form ("handed", "agreed").
fn finite_verb(t: &Tok) -> bool {
    t.word
        && t.quote.is_none()
        && (matches!(
            t.lower.as_ref(),
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "could"
                | "should"
                | "can"
                | "may"
                | "might"
                | "must"
                | "did"
                | "does"
        ) || (!t.capitalised()
            && t.lower.len() > 4
            && t.lower.ends_with("ed")
            && t.lower.chars().all(|c| c.is_ascii_lowercase())))
}

/// Words that open a subordinate clause: a cue's subject starts after them ("a man was
/// arrested after city police said ...": the speaker is "city police").
const SUBORDINATORS: [&str; 11] = [
    "after", "before", "when", "while", "because", "although", "though", "unless", "until",
    "whereas", "once",
];

fn that_word(t: &Tok) -> &'static str {
    if t.lower == "that" { "that" } else { "\u{0}" }
}

/// Nouns for a news outlet: "this magazine" is the article's own outlet, "to the
/// newspaper" no content.
const MEDIA_NOUNS: [&str; 10] = [
    "magazine",
    "newspaper",
    "paper",
    "outlet",
    "publication",
    "station",
    "broadcaster",
    "newsroom",
    "website",
    "programme",
];

/// The article's own outlet named as the recipient of "told" when no outlet rule knows
/// it: its outlet as the metadata gives it ("told Rowing Review"), that name's last word
/// after "the" ("told the Bulletin" in the Ridgeway Health Bulletin), its initials
/// ("told VRS" in the Velmar Regional Service), or the name a
/// masthead starts with (a short first line cut by " · ", " | " or a dash: "told NordTV"
/// under "NordTV News · Economy", "told Radio Glas" under "RADIO GLAS — LIVE"). Every
/// word must be capitalised: "told the committee" is no outlet.
fn own_outlet(article: &Article, phrase: &str) -> Option<String> {
    let phrase = strip_possessive(phrase.trim());
    let (the, name) = match phrase
        .strip_prefix("the ")
        .or_else(|| phrase.strip_prefix("The "))
    {
        Some(rest) => (true, rest.trim()),
        None => (false, phrase),
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    // "told this newspaper", "confirmed to this magazine": the article's own outlet.
    if let [this, noun] = words.as_slice()
        && this.eq_ignore_ascii_case("this")
        && MEDIA_NOUNS.contains(&noun.to_lowercase().as_str())
    {
        return article.meta.outlet.clone();
    }
    if words.is_empty()
        || !words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    let same = |a: &[&str], b: &[&str]| {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x.to_lowercase() == y.to_lowercase())
    };
    if let Some(own) = article.meta.outlet.as_deref() {
        let own_words: Vec<&str> = own
            .split_whitespace()
            .skip_while(|w| w.eq_ignore_ascii_case("the"))
            .collect();
        let last_word = the && words.len() == 1 && own_words.len() >= 2;
        // "told VRS" in the Velmar Regional Service: its initials.
        let initials: String = own_words
            .iter()
            .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
            .collect();
        let acronym = words.len() == 1
            && own_words.len() >= 2
            && words[0].chars().count() >= 2
            && words[0] == initials;
        if same(&words, &own_words)
            || (last_word && same(&words, &own_words[own_words.len() - 1..]))
            || acronym
        {
            return Some(own.to_string());
        }
    }
    let first_line = article.text.lines().find(|l| !l.trim().is_empty())?.trim();
    let head = [" · ", " | ", " — ", " – ", " - "]
        .iter()
        .filter_map(|sep| first_line.split_once(sep).map(|(h, _)| h))
        .min_by_key(|h| h.len())?;
    let head_words: Vec<&str> = head.split_whitespace().collect();
    // A masthead is a name, not a headline ("Trump says ... | CNN"): every word capitalised.
    (first_line.len() <= 80
        && head_words.len() >= words.len()
        && head_words.len() <= 4
        && head_words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && same(&words, &head_words[..words.len()]))
    .then(|| name.to_string())
}

/// Words after a cue that are not content: "told Axios", "on Dec. 2", "in a statement".
fn skip_after_cue(
    rules: &ExtractRules,
    article: &Article,
    toks: &[Tok],
    mut i: usize,
    cue: &Cue,
) -> (usize, Option<String>, bool) {
    let mut outlet = None;
    let mut skipped_object = false;
    let tell = matches!(
        cue.text.as_str(),
        "told" | "tells" | "telling" | "assured" | "assures"
    );
    if tell && i < toks.len() && toks[i].word {
        // The recipient: up to the next "that", comma, colon or quote.
        let mut j = i;
        while j < toks.len()
            && j < i + 6
            && toks[j].word
            && !toks[j].is("that")
            && toks[j].quote.is_none()
        {
            j += 1;
        }
        let recipient = join_tokens(&toks[i..j]);
        if let Some(o) = (i + 1..=j)
            .rev()
            .find_map(|k| rules.outlet(&join_tokens(&toks[i..k])))
        {
            outlet = Some(o.to_string());
        } else if let Some(o) = (i + 1..=j)
            .rev()
            .find_map(|k| own_outlet(article, &join_tokens(&toks[i..k])))
        {
            outlet = Some(o);
        }
        // Keep only a short recipient ("reporters", "the BBC", "analysts on a call"); with
        // no "that", a name ("told TRK 24 he would", "told Reuters the plan").
        // ("told MPs he would not resign": a subject pronoun opens the clause.)
        let stop = (i..j)
            .find(|&k| {
                toks[k].is("that")
                    || (k > i
                        && matches!(
                            toks[k].lower.as_ref(),
                            "he" | "she" | "they" | "we" | "i" | "it"
                        ))
            })
            .unwrap_or(j);
        let name_end = (i..j)
            .find(|&k| {
                !(toks[k].capitalised()
                    || (k > i && toks[k].text.chars().all(|c| c.is_ascii_digit()))
                    || (k == i && toks[k].is("the")))
            })
            .unwrap_or(j);
        i = if rules.outlet(&recipient).is_some() || stop - i <= 5 {
            stop
        } else if name_end > i && !(name_end == i + 1 && toks[i].is("the")) {
            name_end
        } else {
            i + 1
        };
        skipped_object = true;
    }
    // Time and medium adverbials: "on Dec. 2", "on X", "in a statement", "late on Monday".
    loop {
        let before = i;
        if i < toks.len()
            && matches!(
                toks[i].lower.as_ref(),
                "on" | "in"
                    | "at"
                    | "during"
                    | "late"
                    | "early"
                    | "earlier"
                    | "later"
                    | "last"
                    | "this"
                    | "yesterday"
                    | "today"
                    | "to"
            )
        {
            let mut j = i + 1;
            while j < toks.len()
                && j < i + 7
                && (toks[j].word || toks[j].is("."))
                && !toks[j].is("that")
                && toks[j].quote.is_none()
            {
                j += 1;
            }
            let phrase = join_tokens(&toks[i..j]).to_lowercase();
            let timeish = phrase.split(' ').skip(1).any(|w| {
                // "to reporters." at the end of the sentence: the period joins the word.
                let w = w.trim_end_matches('.');
                is_weekday(w)
                    || crate::load::infer::month_number(w).is_some()
                    || matches!(
                        w,
                        "x" | "twitter"
                            | "telegram"
                            | "facebook"
                            | "instagram"
                            | "tv"
                            | "television"
                            | "radio"
                            | "statement"
                            | "interview"
                            | "briefing"
                            | "conference"
                            | "call"
                            | "reporters"
                            | "journalists"
                            | "morning"
                            | "evening"
                            | "night"
                            | "afternoon"
                            | "week"
                            | "month"
                            | "year"
                            | "forum"
                            | "website"
                            | "blog"
                            | "channel"
                            | "podcast"
                            | "broadcast"
                            | "programme"
                            | "program"
                            | "message"
                            | "post"
                            | "platform"
                            | "letter"
                            | "speech"
                            | "hearing"
                            | "filing"
                            | "release"
                    )
                    || MEDIA_NOUNS.contains(&w)
            });
            // "confirmed to Reuters", "said to this magazine": the outlet told.
            let mut named_end = j;
            while named_end > i + 1 && !toks[named_end - 1].word {
                named_end -= 1;
            }
            let told_outlet = (toks[i].is("to") && named_end > i + 1)
                .then(|| {
                    let phrase = join_tokens(&toks[i + 1..named_end]);
                    rules
                        .outlet(&phrase)
                        .map(str::to_string)
                        .or_else(|| own_outlet(article, &phrase))
                })
                .flatten();
            let timeish = timeish || told_outlet.is_some();
            let followed = toks.get(j).is_some_and(|t| {
                t.is("that")
                    || t.is(":")
                    || t.is(",")
                    || t.quote.is_some()
                    || t.is_punct(&['"', '“'])
            });
            if timeish && (followed || j >= toks.len()) {
                if let Some(o) = told_outlet.or_else(|| {
                    (i + 1..j)
                        .find_map(|k| rules.outlet(&join_tokens(&toks[k..j])).map(str::to_string))
                }) {
                    outlet.get_or_insert(o);
                }
                i = j;
            } else if timeish && toks.get(j).is_some_and(|t| t.word) {
                // "said on Monday the talks were useful"
                i = j;
            }
        }
        if i < toks.len() && toks[i].is(",") && toks.get(i + 1).is_some_and(|t| t.is("that")) {
            i += 1;
        }
        // A bare date ("said April 21").
        if i + 1 < toks.len()
            && crate::load::infer::month_number(&toks[i].lower).is_some()
            && toks[i].capitalised()
            && toks[i + 1].text.chars().all(|c| c.is_ascii_digit())
        {
            i += 2;
        }
        // A bare time ("said Sunday", "said late Wednesday", "said backstage that").
        if i < toks.len()
            && (is_weekday(&toks[i].lower)
                || matches!(
                    toks[i].lower.as_ref(),
                    "yesterday" | "today" | "tonight" | "overnight"
                ))
        {
            i += 1;
            while i < toks.len()
                && matches!(
                    toks[i].lower.as_ref(),
                    "night" | "morning" | "afternoon" | "evening"
                )
            {
                i += 1;
            }
        }
        // "said repeatedly that", "warned investors that" (not "reported quarterly
        // earnings that failed ...": a relative clause after the object).
        if let Some(k) = (i..(i + 3).min(toks.len())).find(|&k| toks[k].is("that")) {
            if k > i
                && toks[i..k]
                    .iter()
                    .all(|t| t.word && !t.capitalised() && t.quote.is_none() && !rules.tok_cue(t))
                && !matches!(cue.text.as_str(), "told" | "tells")
                && (toks[i..k].iter().all(|t| adverb_like(&t.lower)) || recipient_cue(cue))
            {
                i = k;
            }
        }
        // ", however," / ", though,"
        if i + 2 < toks.len()
            && toks[i].is(",")
            && matches!(
                toks[i + 1].lower.as_ref(),
                "however" | "though" | "too" | "also" | "again" | "moreover"
            )
            && toks[i + 2].is(",")
        {
            i += 3;
        }
        if i == before {
            break;
        }
    }
    (i, outlet, skipped_object)
}

/// Cues whose object is who was told, so "CUE investors that ..." still reports what was
/// said ("warned investors that", "assured allies that").
const RECIPIENT_CUES: &[&str] = &[
    "told",
    "tells",
    "warned",
    "warns",
    "warn",
    "warning",
    "assured",
    "assures",
    "reminded",
    "reminds",
    "informed",
    "informs",
    "promised",
    "promises",
    "convinced",
    "persuaded",
    "notified",
    "notifies",
    "advised",
    "advises",
    "urged",
    "urges",
    "briefed",
    "briefs",
    "reassured",
];

/// Whether `cue` is one of [`RECIPIENT_CUES`] (as written, any case).
fn recipient_cue(cue: &Cue) -> bool {
    RECIPIENT_CUES.contains(&cue.text.to_lowercase().as_str())
}

/// "it reported quarterly earnings that failed to meet expectations": after the cue, a
/// lower-case object of one or two words, then "that" and a verb: a relative clause about
/// the object, not the content of a report ("warned investors that ..." keeps its
/// recipient; "said last week that ..." its adverbial).
fn object_relative(toks: &[Tok], after: usize, cue: &Cue) -> bool {
    let Some(k) = (after + 1..(after + 3).min(toks.len())).find(|&k| toks[k].is("that")) else {
        return false;
    };
    let object = &toks[after..k];
    object
        .iter()
        .all(|t| t.word && !t.capitalised() && t.quote.is_none())
        && !object.iter().all(|t| adverb_like(&t.lower))
        && !recipient_cue(cue)
        && toks.get(k + 1).is_some_and(finite_verb)
}

/// A word that can stand between a cue and "that" as an adverbial: "repeatedly",
/// "backstage", "again", "last week" (not a noun object such as "earnings").
fn adverb_like(w: &str) -> bool {
    (w.len() > 3 && w.ends_with("ly") && !matches!(w, "family" | "ally" | "supply" | "rally"))
        || matches!(
            w,
            "again"
                | "also"
                | "too"
                | "earlier"
                | "later"
                | "before"
                | "afterwards"
                | "afterward"
                | "backstage"
                | "then"
                | "once"
                | "twice"
                | "now"
                | "still"
                | "already"
                | "last"
                | "this"
                | "next"
                | "week"
                | "month"
                | "year"
                | "night"
                | "morning"
                | "afternoon"
                | "evening"
                | "weekend"
                | "there"
                | "here"
                | "today"
                | "yesterday"
                | "tonight"
                | "overnight"
                | "ago"
                | "days"
                | "weeks"
                | "months"
                | "years"
                | "often"
                | "always"
                | "never"
                | "even"
                | "just"
                | "elsewhere"
                | "abroad"
                | "online"
                | "onstage"
                | "offstage"
        )
}

/// The token before a speaker phrase that starts at `start`, looking past a possessive
/// pronoun ("..., his spokesman Oleg Tarasov said": the comma), or None at the start.
fn tag_lead(toks: &[Tok], start: usize) -> Option<usize> {
    let k = start.checked_sub(1)?;
    if matches!(
        toks[k].lower.as_ref(),
        "his" | "her" | "their" | "its" | "our"
    ) {
        k.checked_sub(1)
    } else {
        Some(k)
    }
}

/// Whether `toks[from..to]` reads as a clause: "that", a quotation, or an auxiliary,
/// modal or past-tense verb.
fn has_clause(toks: &[Tok], from: usize, to: usize) -> bool {
    let Some(first) = toks.get(from) else {
        return false;
    };
    if first.is("that") || first.quote.is_some() || first.is_punct(&['"', '“', ':']) {
        return true;
    }
    toks.get(from + 1..to.min(toks.len())).is_some_and(|rest| {
        rest.iter().any(|t| {
            t.quote.is_none()
                && (matches!(
                    t.lower.as_ref(),
                    "will"
                        | "would"
                        | "can"
                        | "could"
                        | "should"
                        | "may"
                        | "might"
                        | "must"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "had"
                        | "has"
                        | "have"
                        | "be"
                        | "been"
                        | "did"
                        | "does"
                        | "do"
                        | "shall"
                        | "that"
                ) || (t.lower.ends_with("ed") && t.lower.len() > 4))
        })
    })
}

/// "at the time." / "backstage." / "in Geneva.": a short phrase that ends a sentence after
/// its cue, with no verb in it.
fn trailing_adverbial(rest: &[Tok]) -> bool {
    // Six tokens are enough to tell: an adverbial has at most five words.
    let words: Vec<&Tok> = rest
        .iter()
        .take_while(|t| !t.is_punct(&['.', '!', '?']))
        .take(6)
        .collect();
    let ends = rest.iter().skip(words.len()).all(|t| !t.word);
    ends && !words.is_empty()
        && words.len() <= 5
        && words
            .iter()
            .all(|t| t.word && t.quote.is_none() && !(t.lower.ends_with("ed") && t.lower.len() > 4))
        && (words.len() == 1 && words[0].lower.ends_with("stage")
            || words.len() == 1 && words[0].lower.ends_with("ly")
            || matches!(
                words[0].lower.as_ref(),
                "at" | "in"
                    | "on"
                    | "after"
                    | "before"
                    | "during"
                    | "from"
                    | "outside"
                    | "inside"
                    | "near"
                    | "by"
                    | "to"
                    | "via"
                    | "over"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
                    | "backstage"
                    | "afterwards"
                    | "afterward"
                    | "yesterday"
                    | "today"
                    | "tonight"
            ))
}

/// Where a participle phrase after a document head ends ("[a timeline] published by the
/// county office", "[a memo] seen by the Daily", "[a report] presented to councillors"):
/// `from` is the token after the head, `end` the end of the source phrase. The phrase is a
/// past participle followed by "by" and a capitalised agent, with no finite verb after it; a
/// trailing "on Monday (afternoon)" or "yesterday" is left out (it dates the document's
/// publication, it does not name it). `None` when there is no such phrase.
fn document_modifier_end(toks: &[Tok], from: usize, end: usize) -> Option<usize> {
    let part = toks.get(from)?;
    let w: &str = &part.lower;
    let participle = part.word
        && !part.capitalised()
        && ((w.ends_with("ed") && w.len() > 4)
            || matches!(
                w,
                "seen"
                    | "sent"
                    | "written"
                    | "drawn"
                    | "shown"
                    | "given"
                    | "taken"
                    | "made"
                    | "leaked"
                    | "held"
                    | "kept"
                    | "read"
                    | "run"
                    | "put"
            ));
    // The agent after "by" (or "out by") is named in capitals: "published by the Solmere
    // County Office", not "published by the museum" (a back-reference that names nothing).
    let by = from + 1 + usize::from(toks.get(from + 1).is_some_and(|t| t.is("out")));
    let det = by + 1 + usize::from(toks.get(by + 1).is_some_and(|t| t.is("the")));
    let named_agent = toks.get(by).is_some_and(|t| t.is("by"))
        && toks.get(det).is_some_and(|t| t.word && t.capitalised());
    if !participle || !named_agent || end <= det || end - from > 16 {
        return None;
    }
    if toks[from + 1..end]
        .iter()
        .any(|t| !t.word && !t.is("&") && !t.is("'") && !t.is("’") || finite_verb(t))
    {
        return None;
    }
    let mut e = end;
    if toks[e - 1].lower == "yesterday" {
        e -= 1;
    } else {
        for back in [2, 3] {
            if e >= from + 2 + back
                && toks[e - back].is("on")
                && is_weekday(&toks[e - back + 1].lower)
                && (back == 2
                    || matches!(
                        toks[e - 1].lower.as_ref(),
                        "morning" | "afternoon" | "evening" | "night"
                    ))
            {
                e -= back;
                break;
            }
        }
    }
    (e > from + 2).then_some(e)
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// The kind of a content span from the quotations inside it.
fn quote_kind(
    article: &Article,
    content: Span,
    quotes: &[crate::model::Quotation],
) -> (QuoteKind, Vec<usize>) {
    let inside: Vec<usize> = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| content.start <= q.inner.start && q.inner.end <= content.end + 1)
        .map(|(i, _)| i)
        .collect();
    if inside.is_empty() {
        return (QuoteKind::Indirect, inside);
    }
    let quoted: usize = inside.iter().map(|&i| quotes[i].inner.len()).sum();
    let text = article.slice(content);
    let letters_outside = {
        let mut n = 0;
        let mut pos = content.start;
        for &i in &inside {
            let q = quotes[i].span;
            n += article
                .text
                .get(pos..q.start.max(pos))
                .map_or(0, |s| s.chars().filter(|c| c.is_alphanumeric()).count());
            pos = q.end.max(pos);
        }
        n += article
            .text
            .get(pos..content.end.max(pos))
            .map_or(0, |s| s.chars().filter(|c| c.is_alphanumeric()).count());
        n
    };
    let _ = (quoted, text);
    if letters_outside == 0 {
        (QuoteKind::Direct, inside)
    } else {
        (QuoteKind::Mixed, inside)
    }
}

/// Trim punctuation and white space that do not belong to content: a final comma or
/// period, "that", and quotation marks around a whole direct quote.
fn trim_content(text: &str, span: Span) -> Span {
    let mut s = span;
    loop {
        let t = &text[s.start..s.end];
        let before = s;
        let trimmed_start = t.trim_start_matches(|c: char| {
            c.is_whitespace() || c == ',' || c == ':' || c == '—' || c == '–'
        });
        s.start += t.len() - trimmed_start.len();
        let t = &text[s.start..s.end];
        let trimmed_end = t.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '—' | '–')
        });
        s.end = s.start + trimmed_end.len();
        let t = &text[s.start..s.end];
        if let Some(rest) = t.strip_prefix("that ") {
            s.start += t.len() - rest.len();
        }
        if s == before {
            return s;
        }
    }
}

/// Quotation marks removed from both ends of a span that is one quotation.
fn strip_marks(text: &str, span: Span) -> Span {
    let t = &text[span.start..span.end];
    let open = t
        .chars()
        .next()
        .filter(|&c| is_quote_char(c))
        .map_or(0, char::len_utf8);
    let close = t
        .chars()
        .next_back()
        .filter(|&c| is_quote_char(c))
        .map_or(0, char::len_utf8);
    if open > 0 && close > 0 && span.len() > open + close {
        Span::new(span.start + open, span.end - close)
    } else {
        span
    }
}

// ---------------------------------------------------------------------------------------
// The extractor

struct Ctx<'a> {
    article: &'a Article,
    seg: &'a Segmented,
    rules: &'a ExtractRules,
    /// Every sentence's tokens (captions too), cut once and shared by all passes.
    toks: Vec<Vec<Tok<'a>>>,
    /// `org_mentions`, computed when first needed.
    orgs: std::cell::OnceCell<Vec<(String, usize, usize)>>,
    next_id: std::cell::Cell<usize>,
    /// Unclosed quotations waiting for the next paragraph's claim.
    deferred: std::cell::RefCell<Vec<usize>>,
}

/// Every attributed claim in `article`, in text order, ids `ARTICLE#1`, `ARTICLE#2`, ...
pub fn extract(article: &Article, seg: &Segmented, rules: &ExtractRules) -> Vec<Claim> {
    let mut lowers = Lowers::default();
    let mut toks: Vec<Vec<Tok>> = seg
        .sentences
        .iter()
        .enumerate()
        .map(|(si, s)| tokenize_in(&article.text, s.span, &seg.quotations, si, &mut lowers))
        .collect();
    for &(si, ti, a, b) in &lowers.fix {
        toks[si][ti].lower = Cow::Borrowed(&lowers.buf[a..b]);
    }
    let ctx = Ctx {
        article,
        seg,
        rules,
        toks,
        orgs: Default::default(),
        next_id: std::cell::Cell::new(0),
        deferred: Default::default(),
    };
    let mut drafts: Vec<Draft> = Vec::new();
    let mut claimed_quotes: HashSet<usize> = HashSet::default();
    // Quotations by the sentence they end in.
    let mut ending: Vec<Vec<usize>> = vec![Vec::new(); seg.sentences.len()];
    for (qi, q) in seg.quotations.iter().enumerate() {
        if let Some(v) = ending.get_mut(q.last_sentence) {
            v.push(qi);
        }
    }
    let covered = Covered::new(&seg.quotations);
    for (si, sentence) in seg.sentences.iter().enumerate() {
        if sentence.kind == SentenceKind::Caption {
            continue;
        }
        let toks = rules.split_run_together(&ctx.toks[si]);
        let toks = rules.split_glued(toks);
        let before = drafts.len();
        // Two sentences the segmenter kept together for a missing space ("... last
        // year."The track ...", "... in Tarnholm.First readings, she said, ...") are read
        // one after the other.
        let mut from = 0;
        for k in glued_ends(&toks).chain(std::iter::once(toks.len())) {
            if k > from {
                ctx.sentence_claims(si, sentence, &toks[from..k], &mut drafts);
            }
            from = k;
        }
        for d in &drafts[before..] {
            claimed_quotes.extend(d.quotes.iter().copied());
            covered.mark(d.content, &mut claimed_quotes);
        }
        ctx.continuation_quotes(
            si,
            &toks,
            &ending[si],
            &covered,
            &mut drafts,
            &mut claimed_quotes,
        );
    }
    // Drafts by their first quotation, for the deferred quotations that precede it.
    let mut by_first_quote: HashMap<usize, usize> = HashMap::default();
    for (di, d) in drafts.iter().enumerate() {
        if d.quote_kind == QuoteKind::Direct {
            if let Some(&q) = d.quotes.first() {
                by_first_quote.entry(q).or_insert(di);
            }
        }
    }
    for qi in ctx.deferred.take() {
        let inner = trim_content(&article.text, seg.quotations[qi].inner);
        if let Some(d) = by_first_quote
            .get(&(qi + 1))
            .and_then(|&di| drafts.get_mut(di))
            .filter(|d| d.quotes.first() == Some(&(qi + 1)))
        {
            let first = std::mem::replace(&mut d.content, inner);
            d.more.insert(0, first);
            d.quotes.insert(0, qi);
            d.span = Span::new(
                seg.sentences[seg.quotations[qi].first_sentence].span.start,
                d.span.end,
            );
        }
    }
    let mut claims = ctx.finish(drafts);
    ctx.narrative_claims(&mut claims);
    claims
}

/// Finds the quotations that lie inside a claim's content, so that they are not taken
/// again as claims of their own: quotation indices sorted by where their inner text starts.
struct Covered<'a> {
    quotations: &'a [crate::model::Quotation],
    by_start: Vec<usize>,
}

impl<'a> Covered<'a> {
    fn new(quotations: &'a [crate::model::Quotation]) -> Self {
        let mut by_start: Vec<usize> = (0..quotations.len()).collect();
        by_start.sort_by_key(|&qi| (quotations[qi].inner.start, qi));
        Covered {
            quotations,
            by_start,
        }
    }

    /// Mark as claimed every quotation whose inner text lies within `content` (one byte of
    /// slack at the end for a closing mark).
    fn mark(&self, content: Span, claimed: &mut HashSet<usize>) {
        let first = self
            .by_start
            .partition_point(|&qi| self.quotations[qi].inner.start < content.start);
        for &qi in &self.by_start[first..] {
            let inner = self.quotations[qi].inner;
            if inner.start > content.end + 1 {
                break;
            }
            if inner.end <= content.end + 1 {
                claimed.insert(qi);
            }
        }
    }
}

impl Ctx<'_> {
    /// Claims whose cue is in this sentence.
    fn sentence_claims(
        &self,
        si: usize,
        sentence: &Sentence,
        toks: &[Tok],
        drafts: &mut Vec<Draft>,
    ) {
        let rules = self.rules;
        let cues = rules.find_cues(toks);
        let text = &self.article.text;
        let sent_span = sentence.span;
        let mut local: Vec<Draft> = Vec::new();
        let mut used_cue = vec![false; cues.len()];
        let mut last_subject: Option<Phrase> = None;
        // The floor and cue of the last claim made in a relative clause ("X, who ...").
        let mut relative_open: Option<(usize, usize)> = None;
        // For each token, the nearest token before it inside a quotation.
        // (Only the quotation tags below read it: none when the sentence has no verb cue.)
        let mut quote_before: Vec<Option<usize>> = Vec::new();
        if cues.iter().any(|c| !c.phrase) {
            quote_before.reserve(toks.len());
            let mut last_quote_tok = None;
            for (k, t) in toks.iter().enumerate() {
                quote_before.push(last_quote_tok);
                if t.quote.is_some() {
                    last_quote_tok = Some(k);
                }
            }
        }
        // Quotation tags: a quotation closing in this sentence followed by a tag, or a tag
        // followed by a quotation opening in this sentence.
        for (ci, cue) in cues.iter().enumerate() {
            if cue.phrase {
                continue;
            }
            // After a quotation: `"...," Rubio said` / `"...," said Rubio`.
            let q_before = quote_before
                .get(cue.start)
                .copied()
                .flatten()
                .map(|k| (k, toks[k].quote));
            if let Some((qk, Some(qi))) = q_before {
                let between: Vec<&Tok> = toks[qk + 1..cue.start].iter().collect();
                let marks_and_commas = between.iter().take_while(|t| !t.word).count();
                let q = &self.seg.quotations[qi];
                let close_in_sentence = q.span.end <= sent_span.end;
                if close_in_sentence
                    && marks_and_commas >= 1
                    && between
                        .iter()
                        .take(marks_and_commas)
                        .any(|t| t.is_punct(&['"', '”', '’', '\'', '»']))
                {
                    let subj_start = qk + 1 + marks_and_commas;
                    let phrase = if subj_start == cue.start {
                        rules.subject_after(toks, cue.end)
                    } else {
                        rules.read_exact(toks, subj_start, rules.skip_left(toks, cue.start))
                    };
                    if let Some(p) = phrase {
                        let tag_end = p.end.max(cue.end);
                        let quote_start = q.inner.start;
                        // Take the whole quotation, even if it opened sentences ago.
                        let content = trim_content(text, Span::new(quote_start, q.inner.end));
                        let mut cited = None;
                        let (after, outlet, _) =
                            skip_after_cue(rules, self.article, toks, cue.end, cue);
                        let _ = after;
                        if let Some(o) = outlet {
                            cited = Some(o);
                        }
                        let mut d = self.draft(
                            si,
                            toks,
                            p,
                            cue,
                            content,
                            vec![qi],
                            QuoteKind::Direct,
                            cited,
                        );
                        // `"A," he said, "but B."`: the quotation goes on after the tag.
                        if toks.get(tag_end).is_some_and(|t| t.is(","))
                            && toks
                                .get(tag_end + 1)
                                .is_some_and(|t| t.is_punct(&['"', '“', '‘', '«']))
                        {
                            if let Some(q2) = toks.get(tag_end + 2).and_then(|t| t.quote) {
                                d.more
                                    .push(trim_content(text, self.seg.quotations[q2].inner));
                                d.quotes.push(q2);
                            }
                        }
                        local.push(d);
                        used_cue[ci] = true;
                        continue;
                    }
                }
            }
            // Before a quotation: `Rubio said: "..."` / `He said, "..."` /
            // `Okoye posted a short message on Instagram: "..."`.
            let mut after_cue = skip_after_cue(rules, self.article, toks, cue.end, cue).0;
            if let Some(colon) =
                (after_cue..toks.len().min(after_cue + 12)).find(|&k| toks[k].is(":"))
            {
                let plain = toks[after_cue..colon]
                    .iter()
                    .all(|t| t.word && t.quote.is_none() && !rules.tok_cue(t) || t.is("."));
                if plain && toks.get(colon + 2).is_some_and(|t| t.quote.is_some()) {
                    after_cue = colon;
                }
            }
            let lead = toks[after_cue..]
                .iter()
                .take_while(|t| t.is_punct(&[',', ':']))
                .count();
            if let Some(qt) = toks.get(after_cue + lead + 1) {
                if toks[after_cue + lead].is_punct(&['"', '“', '‘', '\'', '«']) {
                    if let Some(qi) = qt.quote {
                        let q = &self.seg.quotations[qi];
                        let ends_with_quote = toks[after_cue + lead..]
                            .iter()
                            .rev()
                            .find(|t| !t.is_punct(&['.', '!', '?']))
                            .is_some_and(|t| {
                                t.quote.is_none() && t.is_punct(&['"', '”', '’', '\'', '»'])
                            })
                            || !q.closed;
                        if ends_with_quote || q.last_sentence > si {
                            if let Some(p) = rules.subject_before(toks, cue.start, 0) {
                                let content = trim_content(text, q.inner);
                                let outlet =
                                    skip_after_cue(rules, self.article, toks, cue.end, cue).1;
                                local.push(self.draft(
                                    si,
                                    toks,
                                    p,
                                    cue,
                                    content,
                                    vec![qi],
                                    QuoteKind::Direct,
                                    outlet,
                                ));
                                used_cue[ci] = true;
                                continue;
                            }
                        }
                    }
                }
            }
        }
        // "Zelensky's statement: ..." / "The minister's words:".
        if let Some(d) = self.possessive_statement(si, sentence, toks) {
            local.push(d);
        }
        // Every other cue. `ends` holds the content ends of the drafts so far (`local` only
        // grows), so each cue finds the last content before it in logarithmic time.
        let mut ends: BTreeSet<usize> = BTreeSet::new();
        let mut ended = 0usize;
        for (ci, cue) in cues.iter().enumerate() {
            if used_cue[ci] {
                continue;
            }
            if cue.phrase {
                if let Some(d) = self.source_phrase(si, sentence, toks, cue, &cues) {
                    local.push(d);
                }
                continue;
            }
            // Subject before the cue: "X said ...", "..., X said."
            ends.extend(
                local
                    .get(ended..)
                    .unwrap_or_default()
                    .iter()
                    .map(|d| d.content.end),
            );
            ended = local.len();
            let floor = ends
                .range(..=toks[cue.start].span.start)
                .next_back()
                .map_or(0, |&end| self.tok_index_after(toks, end));
            // "X, who has called the response "slow", said ...": the claim of the relative
            // clause set the floor inside the speaker's phrase, so the antecedent is read
            // from the relative clause's own floor.
            let subject = rules.subject_before(toks, cue.start, floor).or_else(|| {
                let (rel_floor, rel_cue) = relative_open?;
                (cue.start > 0 && toks[cue.start - 1].is(","))
                    .then(|| rules.subject_before(toks, cue.start, rel_floor))
                    .flatten()
                    .filter(|p| p.start < rel_cue)
            });
            let (after, outlet, skipped_object) =
                skip_after_cue(rules, self.article, toks, cue.end, cue);
            let next_cue_start = (ci + 1..cues.len())
                .find(|&j| !used_cue[j])
                .map(|j| cues[j].start);
            let subject_here = subject.clone();
            if let Some(p) = &subject {
                last_subject = Some(p.clone());
            }
            let tag_at_end = {
                // Nothing but punctuation or a trailing adverbial after the cue, and a comma
                // before the subject: the content is what precedes.
                let rest = &toks[after..];
                let rest_has_words = rest
                    .iter()
                    .take_while(|t| !t.is_punct(&['.', '!', '?']))
                    .any(|t| t.word);
                let trailing_comma = rest
                    .first()
                    .is_none_or(|t| t.is_punct(&[',', '.', '!', '?', ')']));
                // ("..., the county fire service said in its 8pm update.")
                trailing_comma
                    && (!rest_has_words
                        || rest.first().is_some_and(|t| t.is(","))
                        || skipped_object
                        || trailing_adverbial(rest))
                    || trailing_adverbial(rest)
            };
            match subject_here {
                Some(p)
                    if tag_at_end
                        && tag_lead(toks, p.start)
                            .is_some_and(|k| toks[k].is(",") || toks[k].is_punct(&['—', '–'])) =>
                {
                    // "..., Zelensky said." — content is the sentence up to the comma (or
                    // from the previous claim's end).
                    let start = floor;
                    let Some(comma) = tag_lead(toks, p.start) else {
                        continue;
                    };
                    if start >= comma {
                        continue;
                    }
                    let mut from = toks[start].span.start;
                    if from == sent_span.start {
                        from += dateline_len(&text[from..toks[comma].span.start]);
                    }
                    let content = trim_content(text, Span::new(from, toks[comma].span.start));
                    // "Negotiations, he said, had been going nowhere": the clause goes on
                    // after the tag with its verb, so both pieces are the content.
                    let resumed = resumed_clause(toks, after).map(|(a, b)| {
                        trim_content(text, Span::new(toks[a].span.start, toks[b].span.end))
                    });
                    if let Some(rest) = resumed.filter(|r| !r.is_empty() && !content.is_empty()) {
                        let whole = Span::new(content.start, rest.end);
                        let (kind, quotes) = quote_kind(self.article, whole, &self.seg.quotations);
                        let kind = if kind == QuoteKind::Direct {
                            QuoteKind::Mixed
                        } else {
                            kind
                        };
                        let mut d = self.draft(si, toks, p, cue, content, quotes, kind, outlet);
                        d.more.push(rest);
                        local.push(d);
                        continue;
                    }
                    if content.is_empty()
                        || toks[start..comma].iter().filter(|t| t.word).count() < 3
                    {
                        continue;
                    }
                    let (kind, quotes) = quote_kind(self.article, content, &self.seg.quotations);
                    let content = if kind == QuoteKind::Direct {
                        trim_content(text, strip_marks(text, content))
                    } else {
                        content
                    };
                    local.push(self.draft(si, toks, p, cue, content, quotes, kind, outlet));
                }
                Some(p) if !tag_at_end => {
                    let end = next_cue_start
                        .map_or(toks.len(), |n| self.coordination_start(toks, after, n));
                    // "X, who argued the case for ..., said": a cue in a relative clause
                    // reports something only when a clause follows it.
                    let k = rules.skip_left(toks, cue.start);
                    let relative = k > 0 && matches!(toks[k - 1].lower.as_ref(), "who" | "which");
                    // ("who has called the response "slow and badly coordinated"": an
                    // evaluation quoting the speaker's words is one too.)
                    let quoted_evaluation = cue.class == CueClass::Evaluative
                        && toks[after.min(end)..end].iter().any(|t| t.quote.is_some());
                    if relative && !has_clause(toks, after, end) && !quoted_evaluation {
                        continue;
                    }
                    if object_relative(toks, after, cue) {
                        continue;
                    }
                    if let Some(d) =
                        self.content_after(si, sentence, toks, p, cue, after, end, outlet)
                    {
                        local.push(d);
                        if relative {
                            relative_open = Some((floor, cue.start));
                        }
                    }
                }
                Some(_) => {}
                None => {
                    // Coordinated cue with no subject: "... but noted that ...", ", adding that".
                    let prev_local = local.last().cloned();
                    let coordinated = cue.start > 0 && {
                        let k = rules.skip_left(toks, cue.start);
                        k > 0
                            && (matches!(
                                toks[k - 1].lower.as_ref(),
                                "but" | "and" | "while" | "yet"
                            ) || (toks[k - 1].is(",") && cue.text.ends_with("ing")))
                    };
                    if coordinated
                        && prev_local.is_none()
                        && last_subject.is_none()
                        && cue.text.ends_with("ing")
                    {
                        let k = rules.skip_left(toks, cue.start).saturating_sub(1);
                        last_subject = (1..k.min(12))
                            .rev()
                            .find_map(|e| rules.read_exact(toks, 0, e))
                            .filter(|p| !matches!(p.kind, PhraseKind::Pronoun(_)));
                    }
                    if coordinated && prev_local.is_none() {
                        if let Some(p) = last_subject.clone() {
                            let end = next_cue_start
                                .map_or(toks.len(), |n| self.coordination_start(toks, after, n));
                            if let Some(d) =
                                self.content_after(si, sentence, toks, p, cue, after, end, outlet)
                            {
                                local.push(d);
                            }
                            continue;
                        }
                    }
                    if coordinated {
                        if let Some(prev) = prev_local {
                            let end = next_cue_start
                                .map_or(toks.len(), |n| self.coordination_start(toks, after, n));
                            if let Some(mut d) = self.content_after(
                                si,
                                sentence,
                                toks,
                                prev.phrase.clone(),
                                cue,
                                after,
                                end,
                                outlet.or(prev.cited_outlet.clone()),
                            ) {
                                d.follows = Some(prev.id);
                                d.speaker_text = prev.speaker_text.clone();
                                local.push(d);
                            }
                            continue;
                        }
                    }
                    // Inverted: "..., said Rubio." / "..., reports Axios." (Only when the
                    // content would start before the cue: an earlier claim of the sentence
                    // may already have taken the words up to it.)
                    if cue.start > floor
                        && (toks[cue.start - 1].is(",")
                            || toks[cue.start - 1].is_punct(&['"', '”']))
                    {
                        if let Some(p) = rules.subject_after(toks, cue.end) {
                            let start = floor;
                            let content = trim_content(
                                text,
                                Span::new(toks[start].span.start, toks[cue.start - 1].span.start),
                            );
                            if !content.is_empty()
                                && toks[start..cue.start].iter().filter(|t| t.word).count() >= 3
                            {
                                let (kind, quotes) =
                                    quote_kind(self.article, content, &self.seg.quotations);
                                let content = if kind == QuoteKind::Direct {
                                    trim_content(text, strip_marks(text, content))
                                } else {
                                    content
                                };
                                let relays = p.kind == PhraseKind::Outlet;
                                let cited = if relays { p.name.clone() } else { None };
                                let mut d =
                                    self.draft(si, toks, p, cue, content, quotes, kind, cited);
                                d.relays_outlet = relays;
                                local.push(d);
                            }
                        }
                    }
                }
            }
        }
        // "... regarding Russia's demand to surrender Donbas".
        let nominal = self.nominal_claims(si, toks, &local);
        local.extend(nominal);
        // "X insisted that A and that B": two claims.
        let mut split = Vec::with_capacity(local.len());
        for d in local {
            match self.split_and_that(toks, &d) {
                Some((a, b)) => {
                    let mut b = Draft {
                        content: b,
                        id: self.fresh_id(),
                        follows: Some(d.id),
                        more: Vec::new(),
                        ..d.clone()
                    };
                    let (kind, quotes) = quote_kind(self.article, b.content, &self.seg.quotations);
                    b.quote_kind = kind;
                    b.quotes = quotes;
                    let mut a_draft = Draft { content: a, ..d };
                    let (kind, quotes) =
                        quote_kind(self.article, a_draft.content, &self.seg.quotations);
                    a_draft.quote_kind = kind;
                    a_draft.quotes = quotes;
                    split.push(a_draft);
                    split.push(b);
                }
                None => split.push(d),
            }
        }
        let mut local = split;
        for d in &mut local {
            if d.phrase.kind == PhraseKind::Outlet && d.cited_outlet.is_none() {
                d.cited_outlet = d.phrase.name.clone();
                d.relays_outlet = matches!(d.class, CueClass::Reporting);
            }
            // "Axios journalist Barak Ravid reported": the outlet in the role.
            if d.cited_outlet.is_none() {
                if let Some(role) = &d.phrase.role {
                    d.cited_outlet = role
                        .split(' ')
                        .find_map(|w| rules.outlet(w))
                        .map(str::to_string);
                }
            }
        }
        drafts.extend(local);
    }

    /// "X's statement: CONTENT" (or the next paragraph when nothing follows the colon).
    fn possessive_statement(&self, si: usize, sentence: &Sentence, toks: &[Tok]) -> Option<Draft> {
        let colon = toks.iter().position(|t| t.is(":") && t.quote.is_none())?;
        if colon < 2
            || !matches!(
                toks[colon - 1].lower.as_ref(),
                "statement"
                    | "message"
                    | "words"
                    | "remarks"
                    | "comment"
                    | "comments"
                    | "reply"
                    | "response"
            )
        {
            return None;
        }
        let owner = colon - 2;
        if !possessive(toks[owner].text) {
            return None;
        }
        let start = (0..=owner).rev().take_while(|&k| toks[k].word).last()?;
        let mut phrase = self.rules.read_exact(toks, start, owner + 1).or_else(|| {
            // Read the possessor without its "'s": the capitalised words at its end.
            let (first_name, name) = self.rules.possessor_name(toks, start, owner);
            let role = (first_name > start).then(|| join_tokens(&toks[start..first_name]));
            toks[owner].capitalised().then_some(Phrase {
                start,
                end: owner + 1,
                kind: PhraseKind::Person,
                name: Some(name),
                role,
            })
        })?;
        if let Some(n) = &phrase.name {
            phrase.name = Some(strip_possessive(n).to_string());
        }
        let cue = Cue {
            start: colon - 1,
            end: colon,
            text: "statement".into(),
            class: CueClass::Neutral,
            phrase: false,
        };
        let after = if colon + 1 == toks.len() {
            colon
        } else {
            colon + 1
        };
        self.content_after(si, sentence, toks, phrase, &cue, after, toks.len(), None)
    }

    /// Claims told through a nominal cue after a possessive speaker that stands as an
    /// object ("no progress regarding Russia's demand to surrender Donbas", "Kyiv rejected
    /// Moscow's claim that ..."): the possessor's claim, cue the noun, content the rest of
    /// the clause after "to" or "that". It is credited to the outlet that relays the
    /// sentence (the claim of this sentence whose content holds the noun). A possessive
    /// at the head of its clause is a subject, whose content would run into the
    /// sentence's own verb ("Russia's demand ... was rejected"): not read.
    fn nominal_claims(&self, si: usize, toks: &[Tok], local: &[Draft]) -> Vec<Draft> {
        let rules = self.rules;
        let mut out = Vec::new();
        if rules.nominal.is_empty() {
            return out;
        }
        for k in 1..toks.len().saturating_sub(2) {
            let noun = &toks[k];
            if noun.quote.is_some() || !noun.word {
                continue;
            }
            let Some(&class) = rules.nominal.get(noun.lower.as_ref()) else {
                continue;
            };
            let owner = k - 1;
            if !possessive(toks[owner].text) || !toks[owner].capitalised() {
                continue;
            }
            let after = k + 2;
            let next = &toks[after];
            let opens = if toks[k + 1].is("to") {
                // "demand to surrender": a verb, not "call to Putin" or "to the talks".
                next.word
                    && !next.capitalised()
                    && !DETERMINERS.contains(&next.lower.as_ref())
                    && !rules.pronouns.contains_key(next.lower.as_ref())
            } else if toks[k + 1].is("that") {
                // "demands that were rejected": a relative clause, not a content.
                next.word
                    && !matches!(
                        next.lower.as_ref(),
                        "was"
                            | "were"
                            | "is"
                            | "are"
                            | "has"
                            | "have"
                            | "had"
                            | "will"
                            | "would"
                            | "could"
                            | "can"
                            | "may"
                            | "might"
                    )
            } else {
                false
            };
            if !opens {
                continue;
            }
            let (first, name) = rules.possessor_name(toks, 0, owner);
            let before = if first > 0 && toks[first - 1].is("the") {
                first - 1
            } else {
                first
            };
            // An object: right after a lowercase word (a verb or a preposition).
            if before == 0 || !toks[before - 1].word || toks[before - 1].capitalised() {
                continue;
            }
            let Some(phrase) = self.possessor(toks, first, owner, name) else {
                continue;
            };
            let end = (after..toks.len())
                .find(|&j| {
                    toks[j].quote.is_none()
                        && toks[j].is_punct(&[',', ';', ':', '—', '–', '.', '!', '?', '('])
                })
                .unwrap_or(toks.len());
            if toks[after..end].iter().filter(|t| t.word).count() < 2 {
                continue;
            }
            let content = trim_content(
                &self.article.text,
                Span::new(toks[after].span.start, toks[end - 1].span.end),
            );
            if content.is_empty() {
                continue;
            }
            let cue = Cue {
                start: k,
                end: k + 1,
                text: noun.lower.to_string(),
                class,
                phrase: false,
            };
            let relay = local
                .iter()
                .rfind(|d| d.content.start <= noun.span.start && noun.span.end <= d.content.end);
            let cited = relay.and_then(|d| {
                d.cited_outlet.clone().or_else(|| {
                    (d.phrase.kind == PhraseKind::Outlet)
                        .then(|| d.phrase.name.clone())
                        .flatten()
                })
            });
            let (kind, quotes) = quote_kind(self.article, content, &self.seg.quotations);
            let mut d = self.draft(si, toks, phrase, &cue, content, quotes, kind, cited);
            d.speaker_text = strip_possessive(&d.speaker_text).to_string();
            out.push(d);
        }
        out
    }

    /// The possessor `toks[first..=owner]` ("Russia's", "Vladimir Putin's", "the White
    /// House's"), named `name` (from [`ExtractRules::possessor_name`]), as a speaker
    /// phrase: an outlet, a known organisation, an acronym, or a person's name; `None` for
    /// anything else ("Monday's", "President's").
    fn possessor(&self, toks: &[Tok], first: usize, owner: usize, name: String) -> Option<Phrase> {
        let rules = self.rules;
        let last = strip_possessive(toks[owner].text);
        let lower = last.to_lowercase();
        let acronym = last.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && last
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '-');
        let (kind, name) = if let Some(o) = rules.outlet(&name) {
            (PhraseKind::Outlet, o.to_string())
        } else if rules.organisations.contains(name.as_str()) || (acronym && first == owner) {
            (PhraseKind::Organisation, name)
        } else if !acronym
            && !rules.is_title(&lower)
            && !rules.not_names.contains(last)
            && !rules.org_heads.contains(lower.as_str())
            && !rules.anonymous_heads.contains(lower.as_str())
            && !is_weekday(&lower)
        {
            (PhraseKind::Person, name)
        } else {
            return None;
        };
        Some(Phrase {
            start: first,
            end: owner + 1,
            kind,
            name: Some(name),
            role: None,
        })
    }

    /// "A and that B" (or "A but that B") in an indirect claim's content: the spans of A
    /// and B.
    fn split_and_that(&self, toks: &[Tok], d: &Draft) -> Option<(Span, Span)> {
        if d.quote_kind == QuoteKind::Direct || !d.more.is_empty() {
            return None;
        }
        let text = &self.article.text;
        let from = toks.partition_point(|t| t.span.start <= d.content.start);
        // (The first "and" followed by "that": "let food and medicine through, and that B".)
        let k = from
            + toks[from..]
                .iter()
                .take_while(|t| t.span.end < d.content.end)
                .enumerate()
                .position(|(j, t)| {
                    (t.is("and") || t.is("but"))
                        && t.quote.is_none()
                        && toks.get(from + j + 1).is_some_and(|n| n.is("that"))
                })?;
        let a = trim_content(text, Span::new(d.content.start, toks[k].span.start));
        let b = trim_content(text, Span::new(toks[k + 1].span.start, d.content.end));
        (!a.is_empty() && !b.is_empty()).then_some((a, b))
    }

    fn tok_index_after(&self, toks: &[Tok], byte: usize) -> usize {
        toks.partition_point(|t| t.span.start < byte)
    }

    /// Where content before a later cue stops: before the later cue's subject and any
    /// conjunction or comma that joins it.
    fn coordination_start(&self, toks: &[Tok], from: usize, next_cue: usize) -> usize {
        let rules = self.rules;
        let k = rules.skip_left(toks, next_cue);
        let subject_start = rules
            .subject_before(toks, next_cue, from)
            .map_or(k, |p| p.start);
        let mut s = subject_start.min(k);
        while s > from
            && (toks[s - 1].is(",")
                || matches!(
                    toks[s - 1].lower.as_ref(),
                    "but" | "and" | "while" | "yet" | "though" | "although" | "whereas"
                ))
        {
            s -= 1;
        }
        // The later cue is a tag for the whole sentence ("..., Zelensky said"): keep going.
        if s <= from { toks.len() } else { s }
    }

    /// A claim whose content follows the cue (after `after`, up to token `end`).
    #[allow(clippy::too_many_arguments)]
    fn content_after(
        &self,
        si: usize,
        sentence: &Sentence,
        toks: &[Tok],
        p: Phrase,
        cue: &Cue,
        after: usize,
        end: usize,
        outlet: Option<String>,
    ) -> Option<Draft> {
        let text = &self.article.text;
        let end = end.min(toks.len());
        // "Witkoff himself made a statement on this matter:" then the next paragraph.
        if after >= end || toks[after..end].iter().all(|t| !t.word) {
            let ends_colon = toks[after..].iter().any(|t| t.is(":"));
            if ends_colon {
                let next = self.seg.sentences.get(si + 1)?;
                if next.paragraph == sentence.paragraph {
                    return None;
                }
                // A next paragraph that quotes with an attribution of its own ("\"We
                // believe ...,\" Reed said."): its claims are its own, not this cue's
                // content. (A reported statement, "Both sides agreed that ...", is.)
                // The next paragraph's sentences (a paragraph's sentences are consecutive).
                let para = si + 1
                    ..si + 1
                        + self.seg.sentences[si + 1..]
                            .iter()
                            .take_while(|s| s.paragraph == next.paragraph)
                            .count();
                let quotes = self
                    .seg
                    .quotations
                    .iter()
                    .any(|q| para.contains(&q.first_sentence));
                let attributed = quotes
                    && para.clone().any(|k| {
                        self.toks
                            .get(k)
                            .is_some_and(|t| !self.rules.find_cues(t).is_empty())
                    });
                if attributed {
                    return None;
                }
                let para_end = self.seg.sentences[para.end - 1].span.end;
                let content = trim_content(text, Span::new(next.span.start, para_end));
                let (kind, quotes) = quote_kind(self.article, content, &self.seg.quotations);
                let content = if kind == QuoteKind::Direct {
                    trim_content(text, strip_marks(text, content))
                } else {
                    content
                };
                let mut d = self.draft(si, toks, p, cue, content, quotes, kind, outlet);
                d.span = Span::new(sentence.span.start, para_end);
                return Some(d);
            }
            return None;
        }
        // "Witkoff himself made a statement on this matter:" then the next paragraph.
        if toks.last().is_some_and(|t| t.is(":"))
            && !has_clause(toks, after, toks.len() - 1)
            && toks[after..].iter().all(|t| t.quote.is_none())
        {
            return self.content_after(
                si,
                sentence,
                toks,
                p,
                cue,
                toks.len() - 1,
                end.max(toks.len()),
                outlet,
            );
        }
        // "reported on the main emphases": an object, not a proposition. But "said about
        // 6,400 people ..." and "said up to 300 ..." approximate a number.
        let infinitive = toks[after].is("to")
            && matches!(cue.class, CueClass::Directive | CueClass::Expectation);
        let numeral = |k: usize| {
            toks.get(k)
                .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
        };
        let approximate = (toks[after].is("about") && numeral(after + 1))
            || (toks[after].is("up")
                && toks.get(after + 1).is_some_and(|t| t.is("to"))
                && numeral(after + 2));
        if !infinitive
            && !approximate
            && matches!(
                toks[after].lower.as_ref(),
                "on" | "about"
                    | "for"
                    | "with"
                    | "to"
                    | "by"
                    | "from"
                    | "of"
                    | "up"
                    | "out"
                    | "off"
            )
        {
            return None;
        }
        // "called the talks productive": the object and its complement, no more.
        let end = if matches!(
            cue.text.as_str(),
            "called"
                | "calls"
                | "dubbed"
                | "branded"
                | "labelled"
                | "labeled"
                | "declared"
                | "declares"
        ) {
            (after + 1..end)
                .find(|&k| {
                    toks[k].is(",")
                        || (toks[k].quote.is_none()
                            && matches!(
                                toks[k].lower.as_ref(),
                                "on" | "about"
                                    | "in"
                                    | "at"
                                    | "with"
                                    | "for"
                                    | "during"
                                    | "after"
                                    | "before"
                                    | "amid"
                            ))
                })
                .unwrap_or(end)
        } else {
            end
        };
        let content = trim_content(
            text,
            Span::new(toks[after].span.start, toks[end - 1].span.end),
        );
        if content.is_empty() || toks[after..end].iter().filter(|t| t.word).count() < 2 {
            return None;
        }
        // "announced the decision at a press conference": an object, not a proposition.
        let object_verb = [
            "announc",
            "reveal",
            "disclos",
            "confirm",
            "acknowledg",
            "admit",
            "reject",
            "report",
            "post",
            "wrote",
            "write",
            "unveil",
            "releas",
            "issue",
            "publish",
            "present",
            "outline",
            "detail",
        ]
        .iter()
        .any(|stem| cue.text.starts_with(stem));
        if object_verb
            && !toks[after].is("that")
            && toks[after].quote.is_none()
            && !toks[after].is_punct(&['"', '“', ':'])
        {
            let clause = has_clause(toks, after, end);
            if !clause {
                return None;
            }
        }
        let (kind, quotes) = quote_kind(self.article, content, &self.seg.quotations);
        let content = if kind == QuoteKind::Direct {
            trim_content(text, strip_marks(text, content))
        } else {
            content
        };
        Some(self.draft(si, toks, p, cue, content, quotes, kind, outlet))
    }

    /// "According to X, ..." / "..., according to X."
    fn source_phrase(
        &self,
        si: usize,
        sentence: &Sentence,
        toks: &[Tok],
        cue: &Cue,
        cues: &[Cue],
    ) -> Option<Draft> {
        let rules = self.rules;
        let text = &self.article.text;
        // The source: up to the next comma or the end.
        let mut end = cue.end;
        while end < toks.len()
            && !toks[end].is_punct(&[',', '.', ';', ':', '!', '?', '—', '–'])
            && toks[end].quote.is_none()
        {
            end += 1;
        }
        let mut p = (cue.end + 1..=end)
            .rev()
            .find_map(|e| rules.read_exact(toks, cue.end, e))
            .or_else(|| rules.bare_document(toks, cue.end, end))?;
        // "according to its distributor, Pyramide Films."
        if toks.get(p.end).is_some_and(|t| t.is(","))
            && matches!(
                p.kind,
                PhraseKind::RoleRef | PhraseKind::Anonymous | PhraseKind::Organisation
            )
        {
            let e = (p.end + 1..toks.len())
                .find(|&k| !toks[k].word)
                .unwrap_or(toks.len());
            if e == toks.len() || toks[e].is_punct(&['.', '!', '?']) {
                if let Some(q) = rules.read_exact(toks, p.end + 1, e) {
                    if matches!(
                        q.kind,
                        PhraseKind::Person | PhraseKind::Organisation | PhraseKind::Outlet
                    ) {
                        let role = Some(join_tokens(&toks[p.start..p.end]));
                        p = Phrase {
                            start: p.start,
                            role,
                            ..q
                        };
                    }
                }
            }
        }
        // "according to a timeline published by the emergency office", "an internal memo
        // seen by the Daily": the participle phrase is part of the document's name.
        // (The content then starts after the whole source phrase, trailing date included.)
        let mut pend = p.end;
        if p.kind == PhraseKind::Document {
            if let Some(e) = document_modifier_end(toks, p.end, end) {
                let name = strip_determiner(&join_tokens(&toks[p.start..e])).to_string();
                p = Phrase {
                    end: e,
                    name: Some(name),
                    ..p
                };
                pend = end;
            }
        }
        // "according to Sgt. Ana Sol with the Riverton Police Department (RPD), ...": the
        // affiliation after a name is the source's, not the content's.
        if matches!(p.kind, PhraseKind::Person | PhraseKind::Organisation) && pend == p.end {
            if let Some(org) = affiliation(toks, pend, end) {
                let org = join_tokens(org);
                p.role = Some(match p.role.take() {
                    Some(r) => format!("{r} ({org})"),
                    None => org,
                });
                pend = end;
            }
        }
        let content = if cue.start == 0 || toks[..cue.start].iter().all(|t| !t.word) {
            // According to X, CONTENT — up to a later cue's subject.
            let from = pend + usize::from(toks.get(pend).is_some_and(|t| t.is(",")));
            let stop = cues
                .iter()
                .find(|c| c.start > from)
                .map_or(toks.len(), |c| self.coordination_start(toks, from, c.start));
            if from >= stop {
                return None;
            }
            Span::new(toks[from].span.start, toks[stop - 1].span.end)
        } else {
            // CONTENT, according to X (the sentence up to the phrase).
            let start = cues
                .iter()
                .filter(|c| c.end <= cue.start && !c.phrase)
                .count();
            let _ = start;
            Span::new(toks[0].span.start, toks[cue.start - 1].span.end)
        };
        let content = trim_content(text, content);
        if content.is_empty() {
            return None;
        }
        let (kind, quotes) = quote_kind(self.article, content, &self.seg.quotations);
        let cited = if p.kind == PhraseKind::Outlet {
            p.name.clone()
        } else {
            None
        };
        let _ = sentence;
        let mut d = self.draft(si, toks, p, cue, content, quotes, kind, cited);
        d.relays_outlet = d.cited_outlet.is_some();
        Some(d)
    }

    #[allow(clippy::too_many_arguments)]
    fn draft(
        &self,
        si: usize,
        toks: &[Tok],
        phrase: Phrase,
        cue: &Cue,
        content: Span,
        quotes: Vec<usize>,
        kind: QuoteKind,
        cited: Option<String>,
    ) -> Draft {
        let sentence = &self.seg.sentences[si];
        let speaker_text = join_tokens(&toks[phrase.start..phrase.end.min(toks.len())]);
        let speaker_at = toks
            .get(phrase.start)
            .map_or(sentence.span.start, |t| t.span.start);
        let span = Span::new(
            sentence.span.start.min(content.start),
            sentence.span.end.max(content.end),
        );
        Draft {
            phrase,
            speaker_text,
            speaker_at,
            cue: cue.text.clone(),
            class: cue.class,
            content,
            more: Vec::new(),
            span,
            sentence: si,
            quotes,
            quote_kind: kind,
            cited_outlet: cited,
            id: self.fresh_id(),
            follows: None,
            relays_outlet: false,
        }
    }

    fn fresh_id(&self) -> usize {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        id
    }

    /// Quotations in this sentence that no claim took: they continue the previous speaker
    /// when they are long enough to be speech and follow a claim closely.
    /// Quotations ending in sentence `si` (`ending`) that no claim has taken yet: the
    /// continuation of the previous claim, or a claim of their own.
    fn continuation_quotes(
        &self,
        si: usize,
        toks: &[Tok],
        ending: &[usize],
        covered: &Covered,
        drafts: &mut Vec<Draft>,
        claimed: &mut HashSet<usize>,
    ) {
        let text = &self.article.text;
        let sentence = &self.seg.sentences[si];
        for &qi in ending {
            let q = &self.seg.quotations[qi];
            // Taken by a claim, or inside a claim's content (see `Covered`).
            if claimed.contains(&qi) {
                continue;
            }
            let inner = text.get(q.inner.start..q.inner.end).unwrap_or("");
            let words = inner.split_whitespace().count();
            // Scare quotes, nicknames and titles of works are short or Title Case.
            let title_case = inner.split_whitespace().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                    || matches!(
                        w,
                        "of" | "the"
                            | "and"
                            | "in"
                            | "on"
                            | "a"
                            | "an"
                            | "for"
                            | "to"
                            | "at"
                            | "by"
                            | "with"
                            | "from"
                    )
            });
            if words < 4 || (title_case && words <= 8) {
                continue;
            }
            // An unclosed quotation whose next paragraph opens another: the news convention
            // of reopening a quote at each paragraph, with the speaker named later. It joins
            // that quotation's claim once the claim exists (see `extract`).
            let next_para_quote = self.seg.quotations.get(qi + 1).is_some_and(|n| {
                let ns = &self.seg.sentences[n.first_sentence];
                ns.paragraph == sentence.paragraph + 1 && n.span.start == ns.span.start
            });
            let joins_previous = drafts.last().is_some_and(|prev| {
                prev.quote_kind == QuoteKind::Direct
                    && prev.quotes.last().is_some_and(|&pq| qi == pq + 1)
                    && self.seg.sentences[prev.sentence].paragraph
                        == self.seg.sentences[q.first_sentence].paragraph
            });
            if !q.closed && next_para_quote && !joins_previous {
                self.deferred.borrow_mut().push(qi);
                claimed.insert(qi);
                continue;
            }
            let Some(prev) = drafts.last() else { continue };
            let prev_sentence = &self.seg.sentences[prev.sentence];
            let first = &self.seg.sentences[q.first_sentence];
            let close = q.first_sentence <= prev.sentence + 2
                && first.paragraph <= prev_sentence.paragraph + 1;
            if !close {
                continue;
            }
            // A quotation that is the whole of its sentences is a direct continuation; a
            // fragment inside a sentence makes the sentence a mixed claim.
            let outside_words = (q.first_sentence..=si)
                .map(|k| {
                    if k == si {
                        toks.iter()
                            .filter(|t| t.word && t.quote != Some(qi))
                            .count()
                    } else {
                        self.toks[k]
                            .iter()
                            .filter(|t| t.word && t.quote != Some(qi))
                            .count()
                    }
                })
                .sum::<usize>();
            let whole = outside_words == 0;
            // A fragment in a sentence that already has its own attribution belongs to it;
            // a short fragment is a term, not speech.
            // Drafts come in sentence order, so the search stops at the previous sentence.
            let sentence_has_claim = drafts
                .iter()
                .rev()
                .take_while(|d| d.sentence >= si)
                .any(|d| d.sentence == si);
            if !whole && (sentence_has_claim || words < 6) {
                continue;
            }
            let sentences_span = Span::new(first.span.start, sentence.span.end);
            let (content, kind) = if whole {
                (trim_content(text, q.inner), QuoteKind::Direct)
            } else {
                (trim_content(text, sentences_span), QuoteKind::Mixed)
            };
            // An interrupted quote ("A," she said. "B.") joins the claim it continues.
            let joins = whole
                && prev.quote_kind == QuoteKind::Direct
                && prev.quotes.last().is_some_and(|&pq| {
                    qi == pq + 1
                        && q.first_sentence
                            <= self.seg.quotations[pq].last_sentence.max(prev.sentence) + 1
                });
            let prev_clone = prev.clone();
            claimed.insert(qi);
            if joins {
                if let Some(last) = drafts.last_mut() {
                    last.more.push(content);
                    last.span = Span::new(last.span.start, sentence.span.end.max(last.span.end));
                    last.quotes.push(qi);
                }
                continue;
            }
            covered.mark(content, claimed);
            drafts.push(Draft {
                content,
                more: Vec::new(),
                span: sentences_span,
                sentence: si,
                quotes: vec![qi],
                quote_kind: kind,
                id: self.fresh_id(),
                follows: Some(prev_clone.id),
                relays_outlet: false,
                ..prev_clone
            });
        }
    }

    /// Resolve references, credit outlets, and build the claims.
    fn finish(&self, drafts: Vec<Draft>) -> Vec<Claim> {
        let article = self.article;
        let mentions = Mentions::new(self.person_mentions());
        let lead_paragraph = self
            .seg
            .sentences
            .iter()
            .find(|s| s.kind == SentenceKind::Body)
            .map(|s| s.paragraph);
        let mut relay: Option<(String, usize)> = None; // outlet, section (headline count)
        // Headlines up to and including each sentence: the section a sentence is in.
        let sections: Vec<usize> = self
            .seg
            .sentences
            .iter()
            .scan(0usize, |n, s| {
                *n += usize::from(s.kind == SentenceKind::Headline);
                Some(*n)
            })
            .collect();
        let section_of = |si: usize| sections.get(si).copied().unwrap_or(0);
        let mut claims: Vec<Claim> = Vec::new();
        // One shared copy of the article's id for all its claims.
        let article_id = SharedStr::from(article.id.as_str());
        // Draft id, and the previous claim, to the index of its claim in `claims`: the
        // speaker is read from there, not kept in copies.
        let mut by_id: HashMap<usize, usize> = HashMap::default();
        let mut previous: Option<usize> = None;
        let mut previous_sentence = 0usize;
        for d in &drafts {
            let sentence = &self.seg.sentences[d.sentence];
            let mut flags = Vec::new();
            let followed = d
                .follows
                .and_then(|i| by_id.get(&i))
                .map(|&k| claims[k].speaker.clone());
            let speaker = if let Some(s) = followed {
                s
            } else {
                // The sentence the content starts in (sentences are in text order).
                let first = self
                    .seg
                    .sentences
                    .partition_point(|s| s.span.start <= d.content.start)
                    .checked_sub(1)
                    .unwrap_or(d.sentence);
                let recent = previous
                    .filter(|_| first.min(d.sentence) <= previous_sentence + 2)
                    .map(|k| &claims[k]);
                self.speaker_of(d, &mentions, recent, &mut flags)
            };
            let mut cited = d.cited_outlet.clone();
            if d.relays_outlet && Some(sentence.paragraph) == lead_paragraph {
                if let Some(o) = &cited {
                    relay = Some((o.clone(), section_of(d.sentence)));
                }
            }
            // A lead that relays an outlet ("..., reports Axios.") makes the unnamed sources
            // of its section that outlet's sources.
            if cited.is_none() && speaker.kind == SpeakerKind::Anonymous {
                if let Some((o, section)) = &relay {
                    if *section == section_of(d.sentence) {
                        cited = Some(o.clone());
                    }
                }
            }
            if cited.is_none() {
                cited = article
                    .meta
                    .wire
                    .as_deref()
                    .map(|w| self.rules.outlet(w).unwrap_or(w).to_string());
            }
            let mut content = article.slice(d.content).to_string();
            for piece in &d.more {
                content.push(' ');
                content.push_str(article.slice(*piece));
            }
            let content_span = Span::new(
                d.content.start,
                d.more.last().map_or(d.content.end, |p| p.end),
            );
            claims.push(Claim {
                id: SharedStr::default(),
                article: article_id.clone(),
                speaker,
                cue: SharedStr::pooled(&d.cue),
                cue_class: d.class,
                quote: d.quote_kind,
                content,
                content_span,
                span: d.span,
                line: article.line_of(d.content.start),
                cited_outlet: cited.as_deref().map(SharedStr::pooled),
                date: None,
                date_source: None,
                places: vec![],
                quantities: vec![],
                flags,
            });
            by_id.insert(d.id, claims.len() - 1);
            previous = Some(claims.len() - 1);
            previous_sentence = d.sentence;
        }
        let items: Vec<NestItem> = claims
            .iter()
            .zip(&drafts)
            .map(|(c, d)| NestItem {
                content: c.content_span,
                speaker: c.speaker.name.as_str(),
                sentence: d.sentence,
            })
            .collect();
        let sentence_spans: Vec<Span> = self.seg.sentences.iter().map(|s| s.span).collect();
        let nested = nested_claims(&items, &sentence_spans);
        let mut claims: Vec<Claim> = claims
            .into_iter()
            .zip(nested)
            .filter(|(_, n)| !n)
            .map(|(c, _)| c)
            .collect();
        claims.retain(|c| !c.content.trim().is_empty());
        claims.sort_by_key(|c| (c.content_span.start, c.content_span.end));
        claims.dedup_by(|b, a| a.content_span == b.content_span);
        for (i, c) in claims.iter_mut().enumerate() {
            c.id = format!("{}#{}", article.id, i + 1).into();
        }
        claims
    }

    fn speaker_of(
        &self,
        d: &Draft,
        mentions: &Mentions,
        recent_claim: Option<&Claim>,
        flags: &mut Vec<String>,
    ) -> Speaker {
        let recent = recent_claim.map(|c| &c.speaker);
        let p = &d.phrase;
        let text = d.speaker_text.clone();
        let at = self.seg.sentences[d.sentence].span.start;
        let headline = matches!(
            self.seg.sentences[d.sentence].kind,
            SentenceKind::Headline | SentenceKind::Bullet
        );
        let person = |name: String, role: Option<String>| Speaker {
            text: text.clone(),
            name: name.into(),
            kind: SpeakerKind::Person,
            role: role.map(Into::into),
            id: None,
        };
        // The organisation a reference ("the ministry", "airline") stands for, with the
        // reference as its role.
        let organisation = |name: &str| Speaker {
            text: text.clone(),
            name: name.into(),
            kind: SpeakerKind::Organisation,
            role: Some(strip_determiner(&text).into()),
            id: None,
        };
        match p.kind {
            PhraseKind::Person => {
                let name = p.name.clone().unwrap_or_default();
                let full = self.fullest_name(&name, mentions);
                // "Arvane said" after "Arvane Motors ...": a one-word name no person has
                // is the organisation named with it.
                if full == name {
                    if let Some(org) = self.org_short_form(&name) {
                        return Speaker {
                            text,
                            name: org.into(),
                            kind: SpeakerKind::Organisation,
                            role: p.role.as_deref().map(Into::into),
                            id: None,
                        };
                    }
                }
                Speaker {
                    role: p.role.as_deref().map(Into::into),
                    ..person(full, None)
                }
            }
            PhraseKind::Pronoun(g) => {
                if g == Gender::Plural {
                    if let Some(r) = recent.filter(|r| r.kind != SpeakerKind::Person) {
                        return Speaker { text, ..r.clone() };
                    }
                    // "Wyndford District Council has voted ..., in a move it says will
                    // save £1.2m": an organisation of this sentence or the one before.
                    if let Some(name) = self.org_before(d, 1) {
                        return Speaker {
                            text,
                            name: name.into(),
                            kind: SpeakerKind::Organisation,
                            role: None,
                            id: None,
                        };
                    }
                }
                // The last speaker, when close and compatible; else the nearest mention.
                if let Some(r) = recent.filter(|r| {
                    r.kind == SpeakerKind::Person && self.gender_ok(&r.name, g, mentions)
                }) {
                    return Speaker { text, ..r.clone() };
                }
                // "The minister said ... \"We checked,\" he added.", "A senior official
                // said ...": the last speaker, one unnamed person of a compatible gender, is
                // who the pronoun points back to (not a person named earlier), unless its
                // own sentence names one before it. It stays as unresolved as it was.
                let named_here = || {
                    mentions.iter().any(|m| {
                        m.sentence == d.sentence
                            && m.at < d.speaker_at
                            && self.gender_ok(&m.name, g, mentions)
                    })
                };
                if let Some(c) = recent_claim.filter(|c| {
                    g != Gender::Plural
                        && self
                            .rules
                            .lone_unnamed(&c.speaker)
                            .is_some_and(|h| h.gender.is_none_or(|hg| hg == g))
                        && !named_here()
                }) {
                    if c.flags.iter().any(|f| f == "unresolved-reference") {
                        flags.push("unresolved-reference".into());
                    }
                    return Speaker {
                        text,
                        ..c.speaker.clone()
                    };
                }
                // Else the first compatible person of this sentence (before the pronoun), then
                // of each earlier sentence: subjects come first in English.
                let here = d.sentence;
                let found = (0..=3usize)
                    .filter_map(|back| here.checked_sub(back))
                    .find_map(|sj| {
                        mentions.iter().find(|m| {
                            m.sentence == sj
                                && (sj < here || m.at < d.speaker_at)
                                && g != Gender::Plural
                                && self.gender_ok(&m.name, g, mentions)
                        })
                    });
                match found {
                    Some(m) => person(self.fullest_name(&m.name, mentions), m.role.clone()),
                    None => {
                        flags.push("unresolved-reference".into());
                        Speaker {
                            text: text.clone(),
                            name: text.into(),
                            kind: SpeakerKind::Anonymous,
                            role: None,
                            id: None,
                        }
                    }
                }
            }
            PhraseKind::RoleRef => {
                let role = p.role.clone().unwrap_or_default();
                match self.resolve_role(&role, at, headline, mentions) {
                    Some(m) => Speaker {
                        role: Some(strip_determiner(&role).into()),
                        ..person(self.fullest_name(&m.name, mentions), None)
                    },
                    None => {
                        // "the ministry said" after "the Ministry of Labour": the
                        // organisation with that word (the last speaker, else the first of
                        // this sentence, else the nearest before).
                        let head = p
                            .name
                            .as_deref()
                            .unwrap_or(&role)
                            .rsplit(' ')
                            .next()
                            .unwrap_or_default()
                            .to_lowercase();
                        let has =
                            |name: &str| name.split(' ').any(|w| w.eq_ignore_ascii_case(&head));
                        let named = p.name.is_some().then(|| {
                            recent
                                .filter(|r| r.kind == SpeakerKind::Organisation && has(&r.name))
                                .map(|r| r.name.as_str())
                                .or_else(|| {
                                    self.org_mentions()
                                        .iter()
                                        .find(|(n, a, s)| {
                                            *s == d.sentence && *a < d.speaker_at && has(n)
                                        })
                                        .map(|(n, _, _)| n.as_str())
                                })
                                .or_else(|| self.org_named(&head, d.speaker_at, headline))
                        });
                        if let Some(name) = named.flatten() {
                            return organisation(name);
                        }
                        let company = COMPANY_NOUNS.contains(&head.as_str());
                        if let Some(r) = recent.filter(|r| {
                            r.kind == SpeakerKind::Organisation
                                && p.name.is_some()
                                && !(company && public_body(&r.name))
                        }) {
                            return Speaker {
                                text,
                                role: Some(strip_determiner(&role).into()),
                                ..r.clone()
                            };
                        }
                        if p.name.is_some() {
                            // "the lender announced": the organisation named first in this
                            // sentence, else the nearest before (within three sentences).
                            // (A business noun, "the company", skips public bodies.)
                            let business =
                                company.then(|| self.business_named(d, headline)).flatten();
                            if let Some(name) = business.or_else(|| self.org_before(d, 3)) {
                                return organisation(name);
                            }
                            // "the company said": an organisation we cannot name.
                            return Speaker {
                                text: text.clone(),
                                name: strip_determiner(&text).into(),
                                kind: SpeakerKind::Organisation,
                                role: None,
                                id: None,
                            };
                        }
                        flags.push("unresolved-reference".into());
                        Speaker {
                            text: text.clone(),
                            name: strip_determiner(&text).into(),
                            kind: SpeakerKind::Anonymous,
                            role: Some(role.into()),
                            id: None,
                        }
                    }
                }
            }
            PhraseKind::Organisation
            | PhraseKind::Outlet
            | PhraseKind::Document
            | PhraseKind::Anonymous => {
                let kind = match p.kind {
                    PhraseKind::Organisation => SpeakerKind::Organisation,
                    PhraseKind::Outlet => SpeakerKind::Outlet,
                    PhraseKind::Document => SpeakerKind::Document,
                    _ => SpeakerKind::Anonymous,
                };
                // "A source close to the talks said ... the source added": a definite
                // description with the last speaker's head noun is that same source.
                if p.kind == PhraseKind::Anonymous && text.to_lowercase().starts_with("the ") {
                    let here = self.rules.unnamed_head(&text);
                    if let Some(r) = recent.filter(|r| {
                        r.kind == SpeakerKind::Anonymous
                            && here.is_some()
                            && self.rules.unnamed_head(&r.name) == here
                    }) {
                        return Speaker { text, ..r.clone() };
                    }
                }
                // "a ministry spokeswoman", "a spokesperson for the authority": the
                // organisation the spokesperson speaks for, when the article names it.
                if p.kind == PhraseKind::Anonymous {
                    if let Some(org) = self.spokesperson_org(p, at.max(d.speaker_at), headline) {
                        return Speaker {
                            text: text.clone(),
                            name: org.into(),
                            kind: SpeakerKind::Organisation,
                            role: p.name.as_deref().map(Into::into),
                            id: None,
                        };
                    }
                }
                // "airline says" (a headline), "police said": a bare lower-case noun for
                // an organisation is the one the article names with it (a business noun:
                // the business named first in this sentence, else the nearest before).
                if p.kind == PhraseKind::Organisation {
                    if let Some(noun) = p.name.as_deref().filter(|n| {
                        !n.contains(' ') && n.chars().all(|c| c.is_lowercase() || c == '-')
                    }) {
                        let company = COMPANY_NOUNS.contains(&noun);
                        let named = if company {
                            self.business_named(d, headline)
                        } else {
                            self.org_named(noun, d.speaker_at, headline)
                        };
                        if let Some(name) = named {
                            return organisation(name);
                        }
                    }
                }
                // Only an organisation keeps the words before its name as a role.
                let role = (p.kind == PhraseKind::Organisation)
                    .then(|| p.role.clone())
                    .flatten();
                // A short form or an acronym of an organisation the article names in full
                // ("Arvane", "MCT" for "Merrowgate Container Terminals").
                let full = (p.kind == PhraseKind::Organisation)
                    .then(|| p.name.as_deref().and_then(|n| self.org_short_form(n)))
                    .flatten();
                Speaker {
                    text,
                    name: full
                        .as_deref()
                        .or(p.name.as_deref())
                        .unwrap_or_default()
                        .into(),
                    kind,
                    role: role.map(Into::into),
                    id: None,
                }
            }
        }
    }

    fn gender_ok(&self, name: &str, g: Gender, mentions: &Mentions) -> bool {
        if g == Gender::Plural {
            return false;
        }
        let full = self.fullest_name(name, mentions);
        let first = full.split(' ').next().unwrap_or("").to_lowercase();
        let known = self.rules.given_names.get(&first).copied().or_else(|| {
            mentions
                .iter()
                .find(|m| m.name == full && m.gender.is_some())
                .and_then(|m| m.gender)
        });
        known.is_none_or(|k| k == g)
    }

    /// The longest name in the article that ends with `name`'s surname and shares its
    /// other words ("Umerov" → "Rustem Umerov").
    fn fullest_name(&self, name: &str, mentions: &Mentions) -> String {
        // `split(' ')` gives at least one word: the last is after the last space.
        let last = name.rsplit(' ').next().unwrap_or("");
        // Each distinct name once (see `Mentions::names`): the same answer as over every
        // mention, since the last of the longest is the same name.
        let names = || {
            mentions
                .names
                .iter()
                .map(|&(k, l)| (mentions.list[k].name.as_str(), l))
        };
        names()
            .filter(|&(n, l)| {
                // The mention's last word is `last`, and every word of `name` is one of its
                // words (without collecting them: this runs for every name).
                &n[l..] == last && name.split(' ').all(|w| n.split(' ').any(|x| x == w))
            })
            .map(|(n, _)| n)
            .max_by_key(|n| (n.split(' ').count(), std::cmp::Reverse(n.len())))
            .or_else(|| {
                // Family name first ("Chen" for "Chen Hua") or a given name used alone ("Arif"
                // for "Arif Wicaksono Hadi"), when only one person in the article has it.
                if name.contains(' ') {
                    return None;
                }
                let firsts: std::collections::BTreeSet<&str> = names()
                    .map(|(n, _)| n)
                    .filter(|n| n.contains(' ') && n.split(' ').next() == Some(last))
                    .collect();
                (firsts.len() == 1)
                    .then(|| firsts.into_iter().next())
                    .flatten()
            })
            .unwrap_or(name)
            .to_string()
    }

    /// The person a role reference ("the Russian leader", "the NSDC Secretary") means.
    fn resolve_role<'m>(
        &self,
        role: &str,
        at: usize,
        headline: bool,
        mentions: &'m [Mention],
    ) -> Option<&'m Mention> {
        let words: Vec<String> = role
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .filter(|w| w != "the")
            .collect();
        let head = words.last()?.clone();
        let modifiers: Vec<&String> = words[..words.len() - 1].iter().collect();
        // Acronyms ("the NSDC Secretary") are spelled out in the role they refer to.
        let acronyms: HashSet<String> = role
            .split_whitespace()
            .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase()))
            .map(str::to_lowercase)
            .collect();
        let leader = self.rules.leader_words.contains(&head);
        let whole = words.join(" ");
        let heads: Vec<&str> = std::iter::once(head.as_str())
            .chain(
                self.rules
                    .role_synonyms
                    .iter()
                    .filter(|g| g.contains(&head) || g.contains(&whole))
                    .flatten()
                    .map(String::as_str),
            )
            .collect();
        let fits = |m: &Mention| {
            let Some(r) = &m.role else { return false };
            let r = r.to_lowercase();
            let head_ok = heads.iter().any(|h| contains_word(&r, h))
                || (leader && self.rules.leader_words.iter().any(|l| contains_word(&r, l)));
            let mods_ok = modifiers.iter().all(|w| {
                r.contains(w.as_str())
                    || acronyms.contains(*w)
                    || m.name.to_lowercase().contains(w.as_str())
            });
            head_ok && (mods_ok || modifiers.iter().any(|w| r.contains(w.as_str())))
        };
        // The nearest person before with that role; headlines and bullets (and, failing all
        // else, body text) may name the person only later.
        let before = mentions.iter().rev().find(|m| m.at < at && fits(m));
        if before.is_some() {
            return before;
        }
        let _ = headline;
        mentions.iter().find(|m| fits(m))
    }

    /// Organisations named in the article (capitalised names with an organisation word:
    /// "Northwind Bank", "Skyline Air"), with offset and sentence, in text order.
    /// The organisation a reference in draft `d` points back to: the one named first in
    /// its sentence before the speaker, else the nearest named in the `back` sentences
    /// before.
    fn org_before(&self, d: &Draft, back: usize) -> Option<&str> {
        let here = d.sentence;
        let at = self.seg.sentences[here].span.start;
        let orgs = self.org_mentions();
        orgs.iter()
            .find(|(_, at2, s)| *s == here && *at2 < d.speaker_at)
            .or_else(|| {
                orgs.iter()
                    .rev()
                    .find(|(_, at2, s)| *at2 < at && here.saturating_sub(*s) <= back)
            })
            .map(|(name, _, _)| name.as_str())
    }

    fn org_mentions(&self) -> &[(String, usize, usize)] {
        self.orgs.get_or_init(|| self.find_org_mentions())
    }

    /// Organisations named in the article, in text order, with offset and sentence: a
    /// capitalised run with an organisation word after its first ("Northwind Bank",
    /// "Ministry of Labour"); a capitalised run followed by a lower-case organisation
    /// head ("the Skerra council", "the FNV Havens union", head kept); and a capitalised
    /// run introduced by a company noun ("operator Midshire Buses") or followed by one in
    /// an appositive ("Hollin & Pardy, the family-owned bakery chain"), when the run is
    /// no known person's name.
    fn find_org_mentions(&self) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        let rules = self.rules;
        let company = |t: &Tok| {
            t.word
                && !t.capitalised()
                && (COMPANY_NOUNS.contains(&t.lower.as_ref()) || rules.tok_org_head(t))
        };
        for (si, toks) in self.toks.iter().enumerate() {
            let mut i = 0;
            while i < toks.len() {
                if !toks[i].capitalised() {
                    i += 1;
                    continue;
                }
                let mut j = i;
                while j < toks.len()
                    && (toks[j].capitalised() && !possessive(toks[j].text)
                        || (j > i
                            && j + 1 < toks.len()
                            && toks[j + 1].capitalised()
                            && matches!(toks[j].lower.as_ref(), "of" | "for" | "and" | "&")))
                {
                    j += 1;
                }
                // (A sentence-initial "The" is no part of the name.)
                let run = &toks[i..j];
                if run.len() >= 2
                    && run.iter().skip(1).any(|t| rules.tok_org_head(t))
                    && !rules.titles.contains(&*run[0].lower)
                {
                    let from = if toks[i].is("the") && j > i + 2 {
                        i + 1
                    } else {
                        i
                    };
                    out.push((join_tokens(&toks[from..j]), toks[from].span.start, si));
                } else if let Some(name) = self.introduced_org(toks, i, j, &company) {
                    out.push((name, toks[i].span.start, si));
                }
                i = j.max(i + 1);
            }
        }
        out
    }

    /// The organisation name of the capitalised run `toks[i..j]` when a lower-case
    /// organisation noun stands right after it ("the Skerra council": the name with the
    /// head), right before it ("operator Midshire Buses") or heads an appositive after it
    /// ("Hollin & Pardy, the family-owned bakery chain,"). Not for a run that opens the
    /// sentence with a function word, holds a title, a weekday or month, or starts with a
    /// known given name (a person).
    fn introduced_org(
        &self,
        toks: &[Tok],
        i: usize,
        j: usize,
        company: &dyn Fn(&Tok) -> bool,
    ) -> Option<String> {
        let rules = self.rules;
        // A sentence-initial "The" is no part of the name.
        let i = if toks[i].is("the") && j > i + 1 {
            i + 1
        } else {
            i
        };
        let run = &toks[i..j];
        if run.is_empty()
            || run.len() > 4
            || run.iter().any(|t| {
                rules.tok_title(t)
                    || is_weekday(&t.lower)
                    || DETERMINERS.contains(&t.lower.as_ref())
                    || PREPOSITIONS.contains(&t.lower.as_ref())
                    || rules.pronouns.contains_key(&*t.lower)
                    || !t.word
                    || t.text.contains('.')
                    // (a capitalised month is no organisation's name)
                    || crate::load::infer::MONTH_NAMES.contains(&t.lower.as_ref())
            })
            || rules.given_names.contains_key(&*run[0].lower)
        {
            return None;
        }
        // "the Skerra council" (lower-case head, not itself followed by a name); one word
        // that reads as a nationality ("British airline") names no organisation.
        if let Some(h) = toks
            .get(j)
            .filter(|t| rules.tok_org_head(t) && !t.capitalised())
        {
            let named_after = toks.get(j + 1).is_some_and(|t| t.capitalised());
            let nationality = run.len() == 1
                && ["ish", "ese", "ian", "an", "ch", "i"]
                    .iter()
                    .any(|x| run[0].lower.ends_with(x));
            if !named_after && !nationality {
                return Some(format!("{} {}", join_tokens(run), h.text));
            }
        }
        // "operator Midshire Buses" (not sentence-initial: the noun is lower case).
        if i > 0 && company(&toks[i - 1]) && run.len() >= 2 {
            return Some(join_tokens(run));
        }
        // "Hollin & Pardy, the family-owned bakery chain": the appositive's head is the
        // last word before the next comma or period, within six words.
        if toks.get(j).is_some_and(|t| t.is(",")) && toks.get(j + 1).is_some_and(|t| t.is("the")) {
            let e = (j + 2..toks.len().min(j + 8)).find(|&k| !toks[k].word)?;
            if e > j + 2 && company(&toks[e - 1]) {
                return Some(join_tokens(run));
            }
        }
        None
    }

    /// The full name of the organisation that `name` shortens: a one-word name that opens
    /// the names of the article's organisations when they are all one name and its
    /// extensions ("Tembo" → "Tembo Mining plc"), or an acronym of capitals spelling the
    /// initials of exactly one ("MCT" → "Merrowgate Container Terminals"; small words
    /// such as "of" and "and" may be skipped). `None` for a name with a space, or when
    /// nothing or more than one organisation fits.
    fn org_short_form(&self, name: &str) -> Option<String> {
        if name.contains(' ') || name.is_empty() {
            return None;
        }
        let orgs = self.org_mentions();
        let acronym = name.chars().count() >= 2 && name.chars().all(|c| c.is_ascii_uppercase());
        let fits = |n: &str| {
            if n == name {
                return false;
            }
            if acronym {
                let initials: String = n
                    .split(' ')
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .filter_map(|w| w.chars().next())
                    .collect();
                initials == name
            } else {
                n.split(' ').next() == Some(name)
            }
        };
        let mut found: Vec<&str> = orgs
            .iter()
            .map(|(n, _, _)| n.as_str())
            .filter(|n| fits(n))
            .collect();
        found.sort_by_key(|n| n.len());
        found.dedup();
        let longest = *found.last()?;
        // One organisation: every candidate is a start of the longest.
        found
            .iter()
            .all(|n| longest.starts_with(n))
            .then(|| longest.to_string())
    }

    /// The organisation an unnamed spokesperson or press office speaks for: the phrase
    /// ("ministry spokeswoman", "spokesperson for the authority", "board's press office")
    /// has a spokesperson head and a lower-case organisation word, and the article names
    /// an organisation with that word ([`Ctx::org_named`]).
    fn spokesperson_org(&self, p: &Phrase, at: usize, forward: bool) -> Option<&str> {
        let name = p.name.as_deref()?;
        let words: Vec<&str> = name.split(' ').collect();
        let spokes = words.iter().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "spokesperson" | "spokesman" | "spokeswoman"
            )
        }) || name.to_lowercase().contains("press office");
        if !spokes {
            return None;
        }
        // "an Aurelle spokeswoman", "a Skyvane Systems spokesman", "a spokeswoman for
        // Norvik Air": the organisation the capitalised words before the head (or after
        // its "for"/"at"/"of") name, in full or by its short form.
        let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        let mut caps: Vec<&str> = words
            .iter()
            .map(|w| strip_possessive(w))
            .take_while(capitalised)
            .collect();
        if caps.is_empty() {
            if let Some(k) = words.iter().position(|w| matches!(*w, "for" | "at" | "of")) {
                let after = words[k + 1..].iter().skip_while(|w| **w == "the");
                caps = after.map(|w| strip_possessive(w)).collect();
                if !caps.iter().all(capitalised) {
                    caps.clear();
                }
            }
        }
        if !caps.is_empty() && !caps.iter().any(|w| self.rules.is_title(&w.to_lowercase())) {
            let named = caps.join(" ");
            let full = self.org_short_form(&named);
            let want = full.as_deref().unwrap_or(&named);
            if let Some((n, _, _)) = self.org_mentions().iter().find(|(n, _, _)| n == want) {
                return Some(n.as_str());
            }
        }
        let org_word = words.iter().map(|w| strip_possessive(w)).find(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && self.rules.org_heads.contains(*w)
                && !matches!(*w, "office" | "side" | "team" | "group")
        })?;
        self.org_named(org_word, at, forward)
    }

    /// The organisation of the article whose name holds `word` ("ministry" → "Ministry of
    /// Labour", "union" → "FNV Havens union"): the nearest named before offset `at`, else
    /// (with `forward`, for headlines) the first named after.
    fn org_named(&self, word: &str, at: usize, forward: bool) -> Option<&str> {
        let has = |name: &str| name.split(' ').any(|w| w.eq_ignore_ascii_case(word));
        let orgs = self.org_mentions();
        // A sentence's subject first ("The Hallworth Museum will return ..." over "at the
        // Iraq Museum" named since): the topic is what a later "the museum" means.
        let subject = |a: usize, si: usize| {
            self.toks.get(si).is_some_and(|toks| {
                let k = toks.iter().position(|t| t.span.start == a);
                k == Some(0) || (k == Some(1) && toks[0].is("the"))
            })
        };
        orgs.iter()
            .rev()
            .find(|(n, a, si)| *a < at && has(n) && subject(*a, *si))
            .or_else(|| orgs.iter().rev().find(|(n, a, _)| *a < at && has(n)))
            .or_else(|| {
                forward
                    .then(|| orgs.iter().find(|(n, _, _)| has(n)))
                    .flatten()
            })
            .map(|(n, _, _)| n.as_str())
    }

    /// The business a business noun in draft `d` ("the lender", "airline") stands for:
    /// the organisation named first in its sentence before the speaker unless it is a
    /// public body, else [`Ctx::company_named`].
    fn business_named(&self, d: &Draft, headline: bool) -> Option<&str> {
        self.org_before(d, 0)
            .filter(|n| !public_body(n))
            .or_else(|| self.company_named(d.speaker_at, headline))
    }

    /// The nearest organisation named before offset `at` that reads as a business ("the
    /// company said" after "Tembo Mining ..."): one with no public body's word in its
    /// name; with `forward` (headlines), else the first after.
    fn company_named(&self, at: usize, forward: bool) -> Option<&str> {
        let business = |name: &str| !public_body(name);
        let orgs = self.org_mentions();
        orgs.iter()
            .rev()
            .find(|(n, a, _)| *a < at && business(n))
            .or_else(|| {
                forward
                    .then(|| orgs.iter().find(|(n, _, _)| business(n)))
                    .flatten()
            })
            .map(|(n, _, _)| n.as_str())
    }

    /// People named in the article, in text order, with the role words before them.
    fn person_mentions(&self) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        // The last word of each name to the latest mention in `out` with it.
        let mut by_surname: HashMap<String, usize> = HashMap::default();
        let push = |out: &mut Vec<Mention>, by_surname: &mut HashMap<String, usize>, m: Mention| {
            let surname = m.name.rsplit(' ').next().unwrap_or_default();
            match by_surname.get_mut(surname) {
                Some(k) => *k = out.len(),
                None => {
                    by_surname.insert(surname.to_string(), out.len());
                }
            }
            out.push(m);
        };
        for (si, toks) in self.toks.iter().enumerate() {
            let mut i = 0;
            while i < toks.len() {
                if !toks[i].capitalised() || !self.rules.name_token(&toks[i]) {
                    i += 1;
                    continue;
                }
                // A surname alone ("Zelenskyy briefs ...") names the person named in full earlier.
                let alone = toks
                    .get(i + 1)
                    .is_none_or(|t| !self.rules.name_token(t) || !t.capitalised());
                if alone {
                    let bare = strip_possessive(toks[i].text);
                    if let Some(m) = by_surname.get(bare).map(|&k| out[k].clone()) {
                        push(
                            &mut out,
                            &mut by_surname,
                            Mention {
                                at: toks[i].span.start,
                                sentence: si,
                                ..m
                            },
                        );
                        i += 1;
                        continue;
                    }
                }
                let mut j = i;
                while j < toks.len()
                    && self.rules.name_token(&toks[j])
                    && (toks[j].capitalised() || (j + 1 < toks.len() && toks[j + 1].capitalised()))
                {
                    j += 1;
                }
                // A possessive name ("Trump's") still names a person.
                let possessive_end =
                    j < toks.len() && possessive(toks[j].text) && toks[j].capitalised();
                let n = j - i + usize::from(possessive_end);
                let first_known = self.rules.given_names.contains_key(&*toks[i].lower);
                let titled =
                    i > 0 && (self.rules.tok_title(&toks[i - 1]) || possessive(toks[i - 1].text));
                if n >= 2 && (first_known || titled || (j - i) >= 2) {
                    let name_toks = &toks[i..j];
                    let mut name = join_tokens(name_toks);
                    if possessive_end && j - i == 1 {
                        name = strip_possessive(toks[j].text).to_string();
                    }
                    let org_like = name_toks.iter().any(|t| self.rules.tok_org_head(t));
                    if !org_like
                        && !self.rules.organisations.contains(name.as_str())
                        && self.rules.outlet(&name).is_none()
                        && name.contains(' ')
                    {
                        // Role: title words right before the name.
                        let mut r = i;
                        while r > 0
                            && i - r < 12
                            && (self.rules.tok_title(&toks[r - 1])
                                || toks[r - 1].capitalised()
                                || possessive(toks[r - 1].text)
                                || toks[r - 1].is(".")
                                || matches!(
                                    toks[r - 1].lower.as_ref(),
                                    "of" | "the"
                                        | "top"
                                        | "and"
                                        | "for"
                                        | "to"
                                        | "former"
                                        | "new"
                                        | "chief"
                                        | "deputy"
                                        | "senior"
                                        | "special"
                                ))
                        {
                            r -= 1;
                        }
                        while r < i
                            && matches!(
                                toks[r].lower.as_ref(),
                                "of" | "the" | "and" | "for" | "to" | "."
                            )
                        {
                            r += 1;
                        }
                        // Or an appositive right after: "Rustem Umerov, the secretary of ..."
                        let mut role = (r < i).then(|| join_tokens(&toks[r..i]));
                        // "A new chief negotiator, national security council secretary Rustem
                        // Umerov" / "The head of the delegation, Rustem Umerov,": the
                        // description before the comma is a role too.
                        let lead_comma = (r.saturating_sub(4)..r).rev().find(|&k| toks[k].is(","));
                        if let Some(c) = lead_comma
                            .filter(|&c| toks[c + 1..r].iter().all(|t| t.word && !t.capitalised()))
                        {
                            let b = (0..c).rev().find(|&k| !toks[k].word).map_or(0, |k| k + 1);
                            let np = &toks[b..c];
                            let opens = matches!(
                                np.first().map(|t| t.lower.as_ref()),
                                Some("a" | "an" | "the")
                            ) || np.first().is_some_and(|t| possessive(t.text));
                            if !np.is_empty()
                                && np.len() <= 10
                                && opens
                                && np.iter().any(|t| self.rules.tok_title(t))
                            {
                                let lead = join_tokens(np);
                                role = Some(match role {
                                    Some(r0) => format!("{lead}, {r0}"),
                                    None => lead,
                                });
                            }
                        }
                        if role.is_none()
                            && toks.get(j).is_some_and(|t| t.is(","))
                            && toks.get(j + 1).is_some_and(|t| t.is("the"))
                        {
                            let e = (j + 1..toks.len())
                                .find(|&k| toks[k].is(",") || toks[k].is("."))
                                .unwrap_or(toks.len());
                            if e - j <= 12 {
                                role = Some(join_tokens(&toks[j + 1..e]));
                            }
                        }
                        let first = name.split(' ').next().unwrap_or("").to_lowercase();
                        let titled_gender =
                            (r..i).find_map(|k| match toks[k].lower.trim_end_matches('.') {
                                "mrs" | "ms" | "miss" | "madam" | "lady" | "queen" | "princess" => {
                                    Some(Gender::Female)
                                }
                                "mr" | "sir" | "lord" | "king" | "prince" => Some(Gender::Male),
                                _ => None,
                            });
                        let gender =
                            titled_gender.or_else(|| self.rules.given_names.get(&first).copied());
                        push(
                            &mut out,
                            &mut by_surname,
                            Mention {
                                name,
                                role,
                                at: toks[i].span.start,
                                gender,
                                sentence: si,
                            },
                        );
                    }
                }
                i = j.max(i + 1);
            }
            // Single surnames after a title ("Secretary Rubio", "Mr. Witkoff").
        }
        out
    }
}

/// Nouns for a business: "the company said" means the firm named before, and "operator
/// Midshire Buses" names one.
const COMPANY_NOUNS: &[&str] = &[
    "company",
    "firm",
    "operator",
    "group",
    "business",
    "carrier",
    "lender",
    "insurer",
    "retailer",
    "manufacturer",
    "carmaker",
    "automaker",
    "chipmaker",
    "miner",
    "start-up",
    "startup",
    "chain",
    "utility",
    "corporation",
    "airline",
    "maker",
    "producer",
    "developer",
    "supplier",
    "publisher",
    "broadcaster",
    "bank",
    "club",
];

/// Words of a public body's name: such an organisation is not what "the company" means.
const PUBLIC_BODIES: &[&str] = &[
    "ministry",
    "department",
    "council",
    "government",
    "police",
    "court",
    "agency",
    "authority",
    "board",
    "office",
    "commission",
    "committee",
    "union",
    "federation",
    "association",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "university",
    "hospital",
    "school",
    "museum",
    "service",
    "observatory",
    "institute",
    "army",
    "embassy",
    "bureau",
    "inspectorate",
    "tribunal",
    "county",
    "city",
    "district",
    "state",
    "party",
];

/// Whether an organisation's name has a public body's word ("Ministry of Labour").
fn public_body(name: &str) -> bool {
    name.split(' ')
        .any(|w| PUBLIC_BODIES.contains(&w.to_lowercase().as_str()))
}

/// Whether `hay` contains `needle` as whole words.
fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = hay[i + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// The people named in an article ([`Ctx::person_mentions`], in text order) and their
/// distinct names, which is what [`Ctx::fullest_name`] reads.
struct Mentions {
    list: Vec<Mention>,
    /// Each distinct name once, as (index in `list` of its last mention, byte where its
    /// last word starts), in the order of those last mentions.
    names: Vec<(usize, usize)>,
}

impl Mentions {
    fn new(list: Vec<Mention>) -> Self {
        let mut names = Vec::new();
        let mut seen: HashSet<&str> = HashSet::default();
        for (k, m) in list.iter().enumerate().rev() {
            if seen.insert(m.name.as_str()) {
                names.push((k, m.name.rfind(' ').map_or(0, |i| i + 1)));
            }
        }
        drop(seen);
        names.reverse();
        Mentions { list, names }
    }
}

impl std::ops::Deref for Mentions {
    type Target = [Mention];
    fn deref(&self) -> &[Mention] {
        &self.list
    }
}

/// A person named in the article.
#[derive(Clone, Debug)]
struct Mention {
    name: String,
    role: Option<String>,
    at: usize,
    gender: Option<Gender>,
    /// Index of the sentence it is in.
    sentence: usize,
}

/// What [`nested_claims`] needs of a claim.
struct NestItem<'a> {
    content: Span,
    speaker: &'a str,
    sentence: usize,
}

/// Which claims are part of another claim, and dropped: reported speech nested in the
/// same speaker's claim of the same sentence ("X said he expected Y"), and a claim inside
/// a statement of another sentence that runs over its whole sentence. Both are found by
/// sweeps over claims sorted by start, never all pairs, so one sentence with thousands of
/// quotations stays fast.
///
/// `items[i]` describes claim `i`; `sentences` are the article's sentence spans.
fn nested_claims(items: &[NestItem], sentences: &[Span]) -> Vec<bool> {
    let mut nested = vec![false; items.len()];
    let sentence_of = |i: usize| items[i].sentence;
    // Same sentence, same speaker, strictly containing: sorted by (start, end descending),
    // a claim is contained by an earlier span (not its own) that ends at or after it.
    let mut groups: HashMap<(usize, &str), Vec<usize>> = HashMap::default();
    for (i, it) in items.iter().enumerate() {
        groups.entry((it.sentence, it.speaker)).or_default().push(i);
    }
    for members in groups.values_mut() {
        let span = |i: usize| items[i].content;
        members.sort_by_key(|&i| (span(i).start, std::cmp::Reverse(span(i).end)));
        let mut max_end: Option<usize> = None;
        for run in members.chunk_by(|&a, &b| span(a) == span(b)) {
            let end = span(run[0]).end;
            if max_end.is_some_and(|m| m >= end) {
                for &i in run {
                    nested[i] = true;
                }
            }
            max_end = max_end.max(Some(end));
        }
    }
    // A statement that starts at or before the start of another claim's sentence and
    // contains it. Statements are claims whose content runs past their own sentence.
    let sentence_start = |i: usize| sentences.get(sentence_of(i)).map_or(0, |s| s.start);
    let sentence_end = |i: usize| sentences.get(sentence_of(i)).map_or(0, |s| s.end);
    let mut long: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].content.end > sentence_end(i))
        .collect();
    long.sort_by_key(|&i| items[i].content.start);
    // For each prefix of `long`, the two furthest ends from two different sentences.
    let mut best: Vec<[Option<(usize, usize)>; 2]> = Vec::with_capacity(long.len());
    let mut top: [Option<(usize, usize)>; 2] = [None, None];
    for &j in &long {
        let cand = (items[j].content.end, sentence_of(j));
        top = match top {
            [Some(a), b] if a.1 == cand.1 => [Some(a.max(cand)), b],
            [a, Some(b)] if b.1 == cand.1 => {
                let b = b.max(cand);
                if Some(b) > a {
                    [Some(b), a]
                } else {
                    [a, Some(b)]
                }
            }
            [a, b] => {
                if Some(cand) > a {
                    [Some(cand), a]
                } else if Some(cand) > b {
                    [a, Some(cand)]
                } else {
                    [a, b]
                }
            }
        };
        best.push(top);
    }
    for (i, flag) in nested.iter_mut().enumerate() {
        if *flag {
            continue;
        }
        let b = items[i].content;
        let limit = b.start.min(sentence_start(i));
        let n = long.partition_point(|&j| items[j].content.start <= limit);
        let Some(top) = n.checked_sub(1).and_then(|k| best.get(k)) else {
            continue;
        };
        *flag = top
            .iter()
            .flatten()
            .any(|&(end, s)| s != sentence_of(i) && end >= b.end);
    }
    nested
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    /// The character-list definition of [`super::tokenize`]: words (letters, digits, and `.`/`'`/`’`/`-` between them) and single punctuation marks.
    /// `chars` is a buffer for the sentence's characters, reused from call to call.
    fn tokenize_by_chars<'a>(
        text: &'a str,
        span: Span,
        quotes: &[crate::model::Quotation],
        chars: &mut Vec<(usize, char)>,
    ) -> Vec<Tok<'a>> {
        let s = &text[span.start..span.end];
        chars.clear();
        // At most one character per byte: no growth while extending.
        chars.reserve(s.len());
        chars.extend(s.char_indices());
        let chars = &chars[..];
        // About one token per four characters in news text; a little over is cheaper than
        // growing the vector several times.
        let mut out = Vec::with_capacity(chars.len() / 4 + 4);
        // Quotations are in text order and do not overlap, and tokens come in text order: the
        // candidate quotation of a token (the last one opening at or before it) only moves on.
        let mut next_quote = quotes.partition_point(|q| q.inner.start <= span.start);
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let start = pos;
            let mut j = i + 1;
            if c.is_alphanumeric() {
                while j < chars.len() {
                    let d = chars[j].1;
                    let joiner = matches!(d, '.' | '\'' | '’' | '-' | '‑' | '&' | ',' | '/');
                    let next_alnum = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                    // A comma or slash joins only digits (1,800; 24/7).
                    let digit_join = matches!(d, ',' | '/')
                        && chars[j - 1].1.is_ascii_digit()
                        && chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
                    if d.is_alphanumeric()
                        || (joiner && next_alnum && (!matches!(d, ',' | '/') || digit_join))
                    {
                        j += 1;
                    } else {
                        break;
                    }
                }
                // A plural possessive keeps its apostrophe ("the pilots' union").
                if j < chars.len()
                    && matches!(chars[j].1, '\'' | '’')
                    && chars[j - 1].1 == 's'
                    && chars.get(j + 1).is_none_or(|&(_, c)| c.is_whitespace())
                {
                    j += 1;
                }
                // Keep the final period of dotted abbreviations (U.S., a.m.), initials (J.) and
                // short titles before a name (Dr. Hill, Mrs. Bankole).
                if j < chars.len() && chars[j].1 == '.' {
                    let word = &s[start..chars[j].0];
                    let dotted =
                        word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
                    let short_cap = word.chars().count() <= 4
                        && word.chars().next().is_some_and(char::is_uppercase)
                        && word.chars().skip(1).all(char::is_lowercase)
                        && chars.get(j + 1).is_some_and(|&(_, c)| c == ' ')
                        && chars.get(j + 2).is_some_and(|&(_, c)| c.is_uppercase());
                    if dotted || short_cap {
                        j += 1;
                    }
                }
            }
            let end = chars.get(j).map_or(s.len(), |&(p, _)| p);
            let abs = Span::new(span.start + start, span.start + end);
            let t = &text[abs.start..abs.end];
            while quotes
                .get(next_quote)
                .is_some_and(|q| q.inner.start <= abs.start)
            {
                next_quote += 1;
            }
            let quote = next_quote
                .checked_sub(1)
                .filter(|&k| abs.end <= quotes[k].inner.end);
            out.push(Tok {
                span: abs,
                text: t,
                lower: Cow::Owned(t.to_lowercase()),
                word: c.is_alphanumeric(),
                quote,
                name: Default::default(),
                lex: Default::default(),
            });
            i = j;
        }
        out
    }

    /// What the passes read of a token.
    fn tok_view(toks: &[Tok]) -> Vec<(Span, String, String, bool, Option<usize>)> {
        toks.iter()
            .map(|t| {
                (
                    t.span,
                    t.text.to_string(),
                    t.lower.to_string(),
                    t.word,
                    t.quote,
                )
            })
            .collect()
    }

    fn tokenize_agrees(text: &str) {
        let rules = crate::rules::Rules::embedded().unwrap();
        let a = Article::new("t", "t.txt", Format::Text, text.to_string());
        let quotes = crate::segment::segment(&a, &rules.segment).quotations;
        for span in [
            Span::new(0, text.len()),
            Span::new(text.len() / 3, text.len()),
        ] {
            if !text.is_char_boundary(span.start) {
                continue;
            }
            assert_eq!(
                tok_view(&tokenize(text, span, &quotes)),
                tok_view(&tokenize_by_chars(text, span, &quotes, &mut Vec::new())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn tokenize_agrees_with_the_char_list_definition() {
        for text in [
            "",
            "U.S. officials met Dr. Hill at 9 a.m. on Dec. 3, 2025; 1,800 troops, 24/7.",
            "“The pilots’ union,” Mrs. Bankole said — ‘no’ «deal» at O’Neill's AT&T co-op.",
            "Łódź’s mayor J. Nowak, 34, said: \"İstanbul and 東京 aren't 1,2,3.\" ",
            "end.",
            "a. b.c. Zz. Abc. Abcd. Abcde. X.Y. x,y 1,x 1, 2 1/ 2 a/b 3/4 s' s’ s'a",
        ] {
            tokenize_agrees(text);
        }
    }

    /// `skip_left` as it was, scanning every skip phrase at every step.
    fn skip_left_by_scan(rules: &ExtractRules, toks: &[Tok], mut end: usize) -> usize {
        loop {
            let before = end;
            for s in &rules.skip {
                if end >= s.len()
                    && toks[end - s.len()..end]
                        .iter()
                        .zip(s)
                        .all(|(t, w)| &t.lower == w)
                {
                    end -= s.len();
                    break;
                }
            }
            if end > 0
                && toks[end - 1].word
                && toks[end - 1].lower.ends_with("ly")
                && !toks[end - 1].capitalised()
                && toks[end - 1].lower.len() > 4
            {
                end -= 1;
            }
            if end == before {
                return end;
            }
        }
    }

    #[test]
    fn skip_left_by_the_last_word_index_agrees_with_the_scan() {
        let rules = crate::rules::Rules::embedded().unwrap();
        let r = &rules.extract;
        assert!(r.skip_by_last.is_some());
        let mut phrases: Vec<String> = r.skip.iter().map(|p| p.join(" ")).collect();
        phrases.extend(
            [
                "The minister, who had reportedly also later said",
                "Officials in Kyiv have repeatedly and publicly insisted",
                "x",
                "",
            ]
            .map(String::from),
        );
        for text in &phrases {
            let text = format!("Olena Kovalenko {text} {text}");
            let toks = tokenize(&text, Span::new(0, text.len()), &[]);
            for end in 0..=toks.len() {
                assert_eq!(
                    r.skip_left(&toks, end),
                    skip_left_by_scan(r, &toks, end),
                    "{text:?} {end}"
                );
            }
        }
        // An empty phrase matches anywhere: no index, the whole list is scanned.
        assert!(skip_by_last(&[vec!["also".to_string()], vec![]]).is_none());
        assert_eq!(
            skip_by_last(&[vec!["has".into(), "also".into()], vec!["also".into()]])
                .and_then(|m| m.get("also").cloned()),
            Some(vec![0, 1])
        );
    }

    /// The attributed claims of `text` (narrative claims have their own tests, in
    /// `narrative.rs` and below).
    fn claims(text: &str) -> Vec<Claim> {
        all_claims(text)
            .into_iter()
            .filter(|c| c.quote != QuoteKind::Narrative)
            .collect()
    }

    fn all_claims(text: &str) -> Vec<Claim> {
        let rules = crate::rules::Rules::embedded().unwrap();
        let a = Article::new("t", "t.txt", Format::Text, text.to_string());
        let seg = crate::segment::segment(&a, &rules.segment);
        extract(&a, &seg, &rules.extract)
    }

    #[test]
    fn an_articles_own_dated_sentence_is_a_narrative_claim_after_the_attributed_ones() {
        let c = all_claims(
            "Talks set for Geneva\n\nThe envoys will meet in Geneva on Tuesday, officials said.\nThe two delegations met for the first time in Vienna on Monday morning.\n",
        );
        let narrative: Vec<&Claim> = c
            .iter()
            .filter(|c| c.quote == QuoteKind::Narrative)
            .collect();
        assert_eq!(narrative.len(), 1, "{c:#?}");
        let n = narrative[0];
        assert!(n.content.starts_with("The two delegations met"), "{n:#?}");
        assert_eq!(n.line, 4);
        assert_eq!(n.speaker.kind, SpeakerKind::Document);
        // Numbered after the attributed claims.
        assert_eq!(n.id, format!("t#{}", c.len()));
        assert!(
            c.iter()
                .any(|x| x.quote != QuoteKind::Narrative && x.content.contains("Geneva"))
        );
    }

    /// The claims of a text article with a first line (a headline or masthead) and a
    /// sentence, published by `outlet` as its metadata says.
    fn claims_of_outlet(first_line: &str, outlet: Option<&str>, sentence: &str) -> Vec<Claim> {
        let rules = crate::rules::Rules::embedded().unwrap();
        let mut a = Article::new(
            "t",
            "t.txt",
            Format::Text,
            format!("{first_line}\n\n{sentence}\n"),
        );
        crate::load::prepare(&mut a, &crate::load::LoadOptions::default(), &rules.load);
        a.meta.outlet = outlet.map(str::to_string);
        let seg = crate::segment::segment(&a, &rules.segment);
        extract(&a, &seg, &rules.extract)
    }

    fn one(text: &str) -> Claim {
        let c = claims(text);
        assert_eq!(c.len(), 1, "{c:#?}");
        c.into_iter().next().unwrap()
    }

    #[test]
    fn quote_then_speaker() {
        let c = one("\"We will win the league,\" Smith said.");
        assert_eq!(
            (c.speaker.name.as_str(), c.cue.as_str(), c.quote),
            ("Smith", "said", QuoteKind::Direct)
        );
        assert_eq!(c.content, "We will win the league");
        let c = one("“The plant will close in March,” said Maria Gonzalez.");
        assert_eq!(c.speaker.name, "Maria Gonzalez");
        assert_eq!(c.content, "The plant will close in March");
        let c =
            one("\"It was a hard game for all of us,\" the coach told reporters after the match.");
        assert_eq!(c.cue, "told");
        assert_eq!(c.content, "It was a hard game for all of us");
    }

    #[test]
    fn quote_over_several_sentences_is_one_claim() {
        let c = one("\"We lost. It hurts. We will be back next year,\" Coach Dana Ruiz said.");
        assert_eq!(c.content, "We lost. It hurts. We will be back next year");
        assert_eq!(c.speaker.name, "Dana Ruiz");
        assert_eq!(c.speaker.role.as_deref(), Some("Coach"));
    }

    #[test]
    fn speaker_then_content() {
        let c = one("Mayor Lin Wei said that the budget would rise by 4% next year.");
        assert_eq!(c.speaker.name, "Lin Wei");
        assert_eq!(c.content, "the budget would rise by 4% next year");
        assert_eq!(c.quote, QuoteKind::Indirect);
        let c = one("Chen told Reuters the factory would reopen in June.");
        assert_eq!(c.cited_outlet.as_deref(), Some("Reuters"));
        assert_eq!(c.content, "the factory would reopen in June");
        let c = one("The minister declared the season over.");
        assert_eq!(c.content, "the season over");
        let c = one("Okafor said on X: \"The club has let the fans down again.\"");
        assert_eq!(
            (c.quote, c.content.as_str()),
            (QuoteKind::Direct, "The club has let the fans down again")
        );
    }

    #[test]
    fn content_then_speaker() {
        let c =
            one("The bridge will reopen on Friday after repairs, city engineer Tom Baker said.");
        assert_eq!(c.speaker.name, "Tom Baker");
        assert_eq!(c.content, "The bridge will reopen on Friday after repairs");
        let c = one("Sales fell 12% in the third quarter, reports Bloomberg.");
        assert_eq!(
            (c.speaker.kind, c.cited_outlet.as_deref()),
            (SpeakerKind::Outlet, Some("Bloomberg"))
        );
    }

    #[test]
    fn according_to() {
        let c = one("According to the health ministry, 40 new cases were recorded.");
        assert_eq!(c.speaker.kind, SpeakerKind::Organisation);
        assert_eq!(c.content, "40 new cases were recorded");
        let c = one("The vote was postponed, according to CNN.");
        assert_eq!(
            (c.speaker.name.as_str(), c.cited_outlet.as_deref()),
            ("CNN", Some("CNN"))
        );
        assert_eq!(c.content, "The vote was postponed");
    }

    #[test]
    fn according_to_a_document_without_a_determiner() {
        for (text, speaker, content) in [
            (
                "Shares in Lumo fell 4% in Oslo on Monday, according to exchange data.",
                "exchange data",
                "Shares in Lumo fell 4% in Oslo on Monday",
            ),
            (
                "According to preliminary results, turnout was 61 per cent.",
                "preliminary results",
                "turnout was 61 per cent",
            ),
            (
                "The bakery lost 2 million pounds, according to its latest accounts.",
                "its latest accounts",
                "The bakery lost 2 million pounds",
            ),
            (
                "The thieves were gone within four minutes, according to the museum’s security log.",
                "museum’s security log",
                "The thieves were gone within four minutes",
            ),
            (
                "According to a draft of the bill, the royalty would rise to 7 percent.",
                "draft of the bill",
                "the royalty would rise to 7 percent",
            ),
        ] {
            let c = one(text);
            assert_eq!(c.speaker.kind, SpeakerKind::Document, "{text}");
            assert_eq!(c.speaker.name, speaker, "{text}");
            assert_eq!(c.content, content, "{text}");
        }
        // Not a document: a bare noun that heads no document.
        assert!(claims("Prices rose, according to market stalls.").is_empty());
    }

    #[test]
    fn a_document_named_by_its_publisher_keeps_the_participle_phrase() {
        for (text, speaker, content) in [
            (
                "Rents rose 9% last year, according to a survey published by the Harlow Tenants Trust on Monday.",
                "survey published by the Harlow Tenants Trust",
                "Rents rose 9% last year",
            ),
            (
                "According to figures obtained by the Courier under freedom of information rules, the trust spent 2 million pounds.",
                "figures obtained by the Courier under freedom of information rules",
                "the trust spent 2 million pounds",
            ),
        ] {
            let c = one(text);
            assert_eq!(c.speaker.kind, SpeakerKind::Document, "{text}");
            assert_eq!(c.speaker.name, speaker, "{text}");
            assert_eq!(c.content, content, "{text}");
        }
        // A publisher named only by a common noun is a back-reference: the head alone.
        let c = one("The vase was stolen in 1990, according to a report published by the museum.");
        assert_eq!(c.speaker.name, "report");
    }

    #[test]
    fn a_spokesperson_speaks_for_the_organisation_the_article_names() {
        let c = claims(
            "The Ministry of Transport has opened an inquiry. The review will take a year, a ministry spokeswoman said.",
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].speaker.name, "Ministry of Transport");
        assert_eq!(c[0].speaker.kind, SpeakerKind::Organisation);
        // "A spokesperson for the authority", with a lower-case name before the head.
        let c = claims(
            "Ships are queueing outside Farnley, where the Farnley Port Authority closed two berths. A spokesperson for the authority said the delays would last a week.",
        );
        assert_eq!(c[0].speaker.name, "Farnley Port Authority");
        // An organisation named before its lower-case head ("the Skerra council").
        let c = claims(
            "The Skerra council has cut the ferry grant. Officers were looking at options, a council spokesperson said.",
        );
        assert_eq!(c[0].speaker.name, "Skerra council");
        // No organisation with that word in the article: the phrase stays.
        let c = claims("The review will take a year, a ministry spokeswoman said.");
        assert_eq!(c[0].speaker.name, "ministry spokeswoman");
    }

    #[test]
    fn an_organisation_role_reference_is_the_organisation_named_with_that_word() {
        // "the company" skips a public body spoken of since and takes the business.
        let c = claims(
            "The state operator Velmar Railways said the line would reopen on Friday. At least 12 people were hurt, according to the Velmar Health Authority. About 300 passengers were on board, the company said.",
        );
        let last = c.last().map(|c| c.speaker.name.to_string());
        assert_eq!(last.as_deref(), Some("Velmar Railways"), "{c:?}");
        // A sentence's subject is the topic a later "the museum" means, not a museum
        // named since inside a phrase.
        let c = claims(
            "The Corran Museum will return six masks to Peru. The masks will be shown at the Lima Museum next year. The museum said it would review other objects.",
        );
        assert_eq!(
            c.last().map(|c| c.speaker.name.as_str()),
            Some("Corran Museum")
        );
        // A nationality before a lower-case noun names no organisation.
        let c = claims(
            "Skyway Air cancelled 40 flights. A British airline pilot was hurt. The airline said it would refund passengers.",
        );
        assert_eq!(
            c.last().map(|c| c.speaker.name.as_str()),
            Some("Skyway Air")
        );
    }

    #[test]
    fn a_short_form_of_an_organisation_is_its_full_name() {
        let c = claims(
            "Velmar Motors is recalling 5,000 cars, the safety board said. Velmar said repairs would take two hours.",
        );
        assert_eq!(
            c.last().map(|c| c.speaker.name.as_str()),
            Some("Velmar Motors")
        );
        assert_eq!(
            c.last().map(|c| c.speaker.kind),
            Some(SpeakerKind::Organisation)
        );
        // Two organisations open with the word: no guess.
        let c = claims(
            "Velmar Motors cut 300 jobs. Velmar Bank cut 200. Velmar said more cuts would follow.",
        );
        assert_eq!(c.last().map(|c| c.speaker.name.as_str()), Some("Velmar"));
    }

    #[test]
    fn two_claims_one_speaker() {
        let c = claims(
            "Top aide Ivan Petrov, who attended the talks, described the meeting as \"very useful and constructive,\" but noted that no agreement was reached.",
        );
        assert_eq!(c.len(), 2, "{c:#?}");
        assert_eq!(c[0].speaker.name, "Ivan Petrov");
        assert_eq!(c[0].speaker.role.as_deref(), Some("Top aide"));
        assert_eq!(c[0].quote, QuoteKind::Mixed);
        assert_eq!(c[1].speaker.name, "Ivan Petrov");
        assert_eq!(c[1].cue, "noted");
        assert_eq!(c[1].content, "no agreement was reached");
    }

    #[test]
    fn pronoun_resolves_to_the_previous_person() {
        let c = claims("Coach Maria Santos spoke after the game. \"We were too slow,\" she said.");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].speaker.name, "Maria Santos");
        assert_eq!(c[0].speaker.text, "she");
    }

    #[test]
    fn a_pronoun_after_an_unnamed_speaker_is_that_speaker() {
        // A role reference nobody in the article fills, then "he": the same minister, not
        // the mayor named earlier.
        let c = claims(
            "Mayor Tom Field visited the shelter. The minister said the plan was costed. \"We checked every figure,\" he added.",
        );
        assert_eq!(c.len(), 2, "{c:#?}");
        assert_eq!(c[1].speaker.name, "minister");
        assert_eq!(c[1].speaker.text, "he");
        assert_eq!(c[1].flags, ["unresolved-reference"]);
        // An anonymous source stays that source.
        let c = claims(
            "Mayor Tom Field visited the shelter. A senior official said the plan was costed. \"We checked every figure,\" he added.",
        );
        assert_eq!(c[1].speaker.name, "senior official");
        assert_eq!(c[1].speaker.kind, SpeakerKind::Anonymous);
        assert!(c[1].flags.is_empty());
        // A gender the noun rules out, or a group, is not pointed back to.
        let c = claims(
            "Mayor Tom Field visited the shelter. The company's spokeswoman said prices would rise. \"It is unavoidable,\" he added.",
        );
        assert_eq!(c[1].speaker.name, "Tom Field");
        let c = claims(
            "Mayor Tom Field visited the shelter. Officials said the camp was full. \"We need more beds,\" he said.",
        );
        assert_eq!(c[1].speaker.name, "Tom Field");
        // A person named before the pronoun in its own sentence comes first.
        let c = claims(
            "A local aid worker said nine people died. Mr. Tom Field said the talks would be led by Ana Sol, who, he added, \"has our full confidence\".",
        );
        assert!(
            c.iter()
                .all(|x| x.speaker.name != "local aid worker" || x.content.contains("nine")),
            "{c:#?}"
        );
    }

    #[test]
    fn the_same_noun_with_the_points_back_to_the_unnamed_source() {
        let c = claims(
            "A source familiar with the talks said no deal was near. \"They are far apart,\" the source added.",
        );
        assert_eq!(c.len(), 2, "{c:#?}");
        assert_eq!(c[1].speaker.name, "source familiar with the talks");
        assert_eq!(c[1].speaker.text, "the source");
    }

    #[test]
    fn unnamed_heads_tell_number_and_gender() {
        let rules = crate::rules::Rules::embedded().unwrap();
        let r = &rules.extract;
        let h = r.unnamed_head("senior company official").unwrap();
        assert_eq!(
            (h.noun.as_str(), h.plural, h.gender),
            ("official", false, None)
        );
        let h = r.unnamed_head("company's spokeswoman").unwrap();
        assert_eq!(h.gender, Some(Gender::Female));
        assert!(
            r.unnamed_head("two people familiar with the plan")
                .unwrap()
                .plural
        );
        assert!(r.unnamed_head("Officials").unwrap().plural);
        assert!(r.unnamed_head("the county").is_none());
    }

    #[test]
    fn ranks_are_titles_and_a_capitalised_particle_may_open_a_name() {
        let c = one("Sgt. Ana Sol said the road was closed.");
        assert_eq!(c.speaker.name, "Ana Sol");
        assert_eq!(c.speaker.role.as_deref(), Some("Sgt."));
        let c = one("Ben Roe said the vote would be held in June.");
        assert_eq!(c.speaker.name, "Ben Roe");
        assert_eq!(c.speaker.role, None);
        let c = one("Union negotiator Niek van der Zwaan said the strike would go ahead.");
        assert_eq!(c.speaker.name, "Niek van der Zwaan");
    }

    #[test]
    fn an_affiliation_after_according_to_is_the_sources() {
        let c = one(
            "According to Sgt. Ana Sol with the Riverton Police Department (RPD), the road was closed for hours.",
        );
        assert_eq!(c.speaker.name, "Ana Sol");
        assert_eq!(c.content, "the road was closed for hours");
        assert_eq!(
            c.speaker.role.as_deref(),
            Some("Sgt. (the Riverton Police Department)")
        );
        // Not an affiliation: lower-case words after the name stay content.
        let c = one("According to Ana Sol, the road was closed with the bridge.");
        assert_eq!(c.content, "the road was closed with the bridge");
    }

    #[test]
    fn a_bare_business_noun_and_a_named_spokesperson_are_the_business() {
        let c = claims(
            "Norvik Air cancels 40 flights after IT failure, airline says\n\nAbout 9,000 passengers were affected, a Norvik spokeswoman said.\n\n\"We are sorry,\" a Norvik Air spokesman said.\n\nHotels were booked, a spokeswoman for Norvik Air said.\n",
        );
        assert_eq!(c.len(), 4, "{c:#?}");
        for x in &c {
            assert_eq!(x.speaker.name, "Norvik Air", "{x:#?}");
            assert_eq!(x.speaker.kind, SpeakerKind::Organisation);
        }
        // A public body is no business: "the airline" does not become the ministry.
        let c = claims("The Transport Ministry said flights resumed, airline says.");
        assert!(
            c.iter()
                .all(|x| x.speaker.name != "Transport Ministry" || x.cue == "said"),
            "{c:#?}"
        );
    }

    #[test]
    fn a_patrol_is_an_organisation() {
        let c = one("Washington State Patrol confirmed the road was closed.");
        assert_eq!(c.speaker.kind, SpeakerKind::Organisation);
        assert_eq!(c.speaker.name, "Washington State Patrol");
    }

    #[test]
    fn an_object_and_a_relative_clause_after_the_cue_are_no_report() {
        let c = claims(
            "Shares fell after the company reported quarterly earnings that failed to meet forecasts.",
        );
        assert!(c.is_empty(), "{c:#?}");
        let c = one("The agency warned investors that the market was overheated.");
        assert_eq!(c.content, "the market was overheated");
        let c = one("She said last week that the plan was dead.");
        assert_eq!(c.content, "the plan was dead");
        let c = one("He said repeatedly that the plan was dead.");
        assert_eq!(c.content, "the plan was dead");
    }

    #[test]
    fn anonymous_sources_stay_anonymous() {
        let c = one("A source with knowledge of the talks said the offer was rejected.");
        assert_eq!(c.speaker.kind, SpeakerKind::Anonymous);
        assert_eq!(c.speaker.name, "source with knowledge of the talks");
        let c = one("The offer was rejected, two people familiar with the matter said.");
        assert_eq!(c.speaker.kind, SpeakerKind::Anonymous);
    }

    #[test]
    fn a_restrictive_relative_clause_before_the_cue_is_crossed() {
        let c =
            one("A senior company official who asked not to be named said the mine would close.");
        assert_eq!(c.speaker.kind, SpeakerKind::Anonymous);
        assert_eq!(c.speaker.name, "senior company official");
        assert_eq!(c.content, "the mine would close");
        let c = one("A doctor who treated the victims told reporters that the hospital was full.");
        assert_eq!(c.speaker.kind, SpeakerKind::Anonymous);
        assert_eq!(c.content, "the hospital was full");
        // A clause with its own punctuation is not a restrictive relative clause.
        assert!(claims("The man who, as he put it, said nothing left.").is_empty());
    }

    #[test]
    fn an_indefinite_description_with_a_name_after_a_preposition_is_unnamed() {
        let c = one("A senior official at the Ministry of Labour said the strike was illegal.");
        assert_eq!(c.speaker.kind, SpeakerKind::Anonymous);
        assert_eq!(c.speaker.name, "senior official at the Ministry of Labour");
        let c = one("An aide to Governor Ada Smith said the budget was final.");
        assert_eq!(c.speaker.kind, SpeakerKind::Anonymous);
        // A definite title before the name is still the person's role.
        let c = one("Secretary of State Marco Rubio said the talks were useful.");
        assert_eq!(c.speaker.name, "Marco Rubio");
    }

    #[test]
    fn a_parenthetical_between_speaker_and_cue_is_crossed() {
        let c = one("Labour Minister Moses Kabwe (retd) said the strike was lawful.");
        assert_eq!(c.speaker.name, "Moses Kabwe");
        assert_eq!(c.content, "the strike was lawful");
        let c = one("The United Democratic Alliance (UDA) said the count was flawed.");
        assert_eq!(c.speaker.kind, SpeakerKind::Organisation);
    }

    #[test]
    fn about_before_a_number_is_not_a_topic() {
        let c = one("The minister said about 6,400 people had been displaced.");
        assert_eq!(c.content, "about 6,400 people had been displaced");
        let c = one("The agency said up to 300 homes were flooded.");
        assert_eq!(c.content, "up to 300 homes were flooded");
        assert!(claims("The minister said about the floods that nothing was ready.").len() <= 1);
        assert!(claims("The minister spoke about 6 times.").is_empty());
    }

    #[test]
    fn a_possessive_pronoun_may_open_a_trailing_speaker() {
        let c = one("The minister will not attend the summit, his spokesman Oleg Tarasov said.");
        assert_eq!(c.speaker.name, "Oleg Tarasov");
        assert_eq!(c.content, "The minister will not attend the summit");
    }

    #[test]
    fn told_a_name_without_that() {
        let c = one("Timur Bekov told TRK 24 he would ask for an audit of the budget.");
        assert_eq!(c.content, "he would ask for an audit of the budget");
        let c = one("Bekov told reporters he would ask for an audit.");
        assert_eq!(c.content, "he would ask for an audit");
    }

    proptest::proptest! {
        /// `first_dash` is the earliest of five substring searches (the definition).
        #[test]
        fn first_dash_is_the_earliest_dash(head in "([ a-]|—|–|é){0,40}") {
            let want = [" - ", " — ", " – ", "—", "–"]
                .iter()
                .filter_map(|d| head.find(d).map(|at| (at, d.len())))
                .min();
            proptest::prop_assert_eq!(crate::segment::first_dash(&head), want);
        }
    }

    #[test]
    fn a_subordinate_clause_s_subject_starts_after_its_conjunction() {
        let c = one("A man was arrested after Riverton Police say he threw a brick.");
        assert_eq!(c.speaker.name.as_str(), "Riverton Police");
        let c = one("The driver was fined after city officials said he ignored the signs.");
        assert_eq!(c.speaker.text.as_str(), "city officials");
        let c = one("Talks stalled when Mayor Ana Ruiz said the budget was closed.");
        assert_eq!(c.speaker.name.as_str(), "Ana Ruiz");
    }

    #[test]
    fn a_colon_does_not_take_a_next_paragraph_that_names_its_own_speaker() {
        let c = claims(
            "Spokesman Sgt. Tom Reed said:\n\n\"We believe there was one shooter,\" Reed said. \"The inquiry goes on.\"",
        );
        assert!(!c.is_empty());
        assert!(c.iter().all(|c| !c.content.contains("Reed said")), "{c:#?}");
        // Without an attribution of its own, the next paragraph is the content.
        let c = one("The minister made a statement:\n\n\"The bridge will reopen in May.\"");
        assert_eq!(c.content, "The bridge will reopen in May");
    }

    #[test]
    fn retorting_is_a_cue() {
        let c = one("Ms Varga retorted that the plan had never been costed.");
        assert_eq!(c.cue.as_str(), "retorted");
    }

    #[test]
    fn a_wire_dateline_is_not_content() {
        assert_eq!(
            dateline_len("TASHKUL, April 14 (Orbis) - The council voted."),
            28
        );
        assert_eq!(
            dateline_len("WASHINGTON (Reuters) \u{2014} Talks ended."),
            25
        );
        assert_eq!(
            dateline_len("Kalundu, 4 March 2026 - Tembo confirms it."),
            24
        );
        assert_eq!(dateline_len("Putin, Trump - the two leaders met."), 0);
        assert_eq!(dateline_len("The vote - a first - passed."), 0);
        assert_eq!(dateline_len("\u{e9}\u{e9}\u{e9}".repeat(40).as_str()), 0);
        let c = one(
            "TASHKUL, April 14 (Orbis) - The council approved a budget of 412 million som, Governor Rustam Nazarov said.",
        );
        assert_eq!(
            c.content,
            "The council approved a budget of 412 million som"
        );
    }

    #[test]
    fn not_claims() {
        assert!(claims("The club signed a \"historic\" deal on Monday.").is_empty());
        assert!(claims("The company did not respond to a request for comment.").is_empty());
        assert!(claims("Earvin \"Magic\" Johnson watched from the stands.").is_empty());
        assert!(claims("Officials were expected to meet on Friday.").is_empty());
    }

    #[test]
    fn interrupted_quote_is_one_claim() {
        let c = claims(
            "\"We have done our part,\" Ng said. \"Now it is up to the regulators to act.\"",
        );
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(
            c[0].content,
            "We have done our part Now it is up to the regulators to act"
        );
    }

    #[test]
    fn surname_gets_the_full_name_from_the_article() {
        let c = claims("Finance Minister Amara Okafor met bankers. Okafor said rates would fall.");
        assert_eq!(c[0].speaker.name, "Amara Okafor");
    }

    #[test]
    fn told_outlet_that() {
        let c = one("Finance chief Omar Haddad told Bloomberg that the merger would close in May.");
        assert_eq!(
            (c.speaker.name.as_str(), c.cited_outlet.as_deref()),
            ("Omar Haddad", Some("Bloomberg"))
        );
        assert_eq!(c.content, "the merger would close in May");
    }

    #[test]
    fn told_the_articles_own_outlet() {
        let run = |first_line: &str, outlet: Option<&str>, sentence: &str| {
            let c = claims_of_outlet(first_line, outlet, sentence);
            let told: Vec<_> = c.iter().filter(|c| c.cue == "told").collect();
            assert_eq!(told.len(), 1, "{c:#?}");
            told[0].cited_outlet.clone()
        };
        let told = "Spokeswoman Ingrid Solvik told NordTV that the chief would not appear.";
        // The masthead names the outlet.
        assert_eq!(
            run("NordTV News · Economy", None, told).as_deref(),
            Some("NordTV")
        );
        let glas = "Vesna Tadic told Radio Glas that the count was fair.";
        assert_eq!(
            run("RADIO GLAS — LIVE", None, glas).as_deref(),
            Some("Radio Glas")
        );
        // The metadata names it, whole or as "the" and its last word.
        let bulletin = "A parent told the Bulletin that the school should have closed.";
        assert_eq!(
            run(
                "Outbreak closes school",
                Some("Ridgeway Health Bulletin"),
                bulletin
            )
            .as_deref(),
            Some("Ridgeway Health Bulletin")
        );
        // Its initials.
        assert_eq!(
            run(
                "Recount narrows lead",
                Some("Velmar Regional Service"),
                "Katarina Horvat told VRS that she would study the figures."
            )
            .as_deref(),
            Some("Velmar Regional Service")
        );
        // A headline is no masthead, and a committee no outlet.
        assert_eq!(
            run(
                "Trump says deal is close | World",
                None,
                "Ann Lee told Trump that the deal was close."
            )
            .as_deref(),
            None
        );
        assert_eq!(
            run(
                "NordTV News · Economy",
                None,
                "Ann Lee told the Committee that the deal was close."
            )
            .as_deref(),
            None
        );
        assert_eq!(
            run(
                "Local news",
                Some("Ridgeway Health Bulletin"),
                "Ann Lee told Parliament that the deal was close."
            )
            .as_deref(),
            None
        );
    }

    #[test]
    fn reported_on_a_date_that() {
        let c = one("Reuters reported on Dec. 2 that the deal had collapsed.");
        assert_eq!(c.speaker.kind, SpeakerKind::Outlet);
        assert_eq!(c.content, "the deal had collapsed");
        assert_eq!(c.cue_class, CueClass::Reporting);
    }

    #[test]
    fn a_product_recall_is_no_speech_but_a_recollection_is() {
        let c = one(
            "Arvane Motors is recalling about 48,000 hatchbacks because a pump can fail, \
             the National Vehicle Safety Board said on Monday.",
        );
        assert_eq!(c.speaker.name, "National Vehicle Safety Board");
        assert!(
            c.content.starts_with("Arvane Motors is recalling"),
            "{c:#?}"
        );
        assert!(claims("The company recalled 300 cars in May.").is_empty());
        let c = one("Ms. Obi recalled that the bridge had been closed for a week.");
        assert_eq!(c.speaker.name, "Obi");
        assert_eq!(c.content, "the bridge had been closed for a week");
    }

    #[test]
    fn it_is_the_organisation_of_its_sentence_or_the_one_before() {
        let c = one(
            "Wyndford District Council has voted to switch to fortnightly collections, in a \
             move it says will save £1.2m a year.",
        );
        assert_eq!(c.speaker.name, "Wyndford District Council");
        assert_eq!(c.speaker.kind, SpeakerKind::Organisation);
        // No organisation near: the pronoun stays an unresolved reference.
        let c = all_claims(
            "Residents marched to the town hall on Friday. The rain did not stop them. \
             They said the plan was unfair.",
        );
        let they = c
            .iter()
            .find(|c| c.speaker.text == "They")
            .expect("a claim");
        assert_ne!(they.speaker.kind, SpeakerKind::Organisation, "{they:#?}");
    }

    #[test]
    fn an_age_and_a_relative_clause_or_a_participle_stand_between_speaker_and_cue() {
        let c = one(
            "Pensioner Glenys Abbott, 81, who joined the protest, said: \"I have lived here \
             fifty years.\"",
        );
        assert_eq!(c.speaker.name, "Glenys Abbott");
        let c = one(
            "Tarrant, watching from the bank with her arm in a brace, called the win \
             \"the best thing I have ever seen.\"",
        );
        assert_eq!(c.speaker.name, "Tarrant");
        // After a whole clause the participle is the clause's: the outlet reports it.
        let c = one(
            "Zelenskyy held a two-hour conversation today with Steve Witkoff and Jared \
             Kushner, focusing on territorial issues, reports Axios.",
        );
        assert_eq!(c.speaker.name, "Axios");
    }

    #[test]
    fn a_trailing_cue_may_name_the_outlet_or_the_people_it_was_said_to() {
        let c = one("The pumps come from a factory in Kelmir, Kemal Ozdogan confirmed to Reuters.");
        assert_eq!(c.speaker.name, "Kemal Ozdogan");
        assert_eq!(c.content, "The pumps come from a factory in Kelmir");
        assert_eq!(c.cited_outlet.as_deref(), Some("Reuters"));
        let c = one("The plant will close in May, the mayor said to reporters.");
        assert_eq!(c.content, "The plant will close in May");
        // "this magazine" is the article's own outlet.
        let c = claims_of_outlet(
            "Pumps",
            Some("Autowerk Weekly"),
            "The pumps come from Kelmir, Kemal Ozdogan confirmed to this magazine.",
        );
        let c = c.iter().find(|c| c.cue == "confirmed").expect("a claim");
        assert_eq!(c.content, "The pumps come from Kelmir");
        assert_eq!(c.cited_outlet.as_deref(), Some("Autowerk Weekly"));
    }

    #[test]
    fn for_his_part_and_on_her_side_stand_between_speaker_and_cue() {
        let c =
            one("Foreign Minister Azman bin Yusof on his side stated that the meeting was warm.");
        assert_eq!(c.speaker.name, "Azman bin Yusof");
        assert_eq!(c.content, "the meeting was warm");
        let c = one("Mayor Ines Duarte for her part said the plan was fair.");
        assert_eq!(c.speaker.name, "Ines Duarte");
    }

    #[test]
    fn a_bare_organisation_noun_is_a_speaker_as_headlines_write_it() {
        let c = one("The plan is fine, safety board says.");
        assert_eq!(c.speaker.name, "safety board");
        assert_eq!(c.speaker.kind, SpeakerKind::Organisation);
        assert_eq!(c.content, "The plan is fine");
        let c = one("Two men were arrested after the raid, police say.");
        assert_eq!(c.speaker.name, "police");
        let c = claims("According to league figures, the club lost 12 games.");
        assert!(
            c.iter()
                .any(|c| c.speaker.name == "league figures"
                    && c.speaker.kind == SpeakerKind::Document),
            "{c:#?}"
        );
        assert!(!c.iter().any(|c| c.speaker.name == "league"), "{c:#?}");
    }

    #[test]
    fn reports_of_and_claims_of_are_nouns() {
        let c = one("The board said it had received reports of 17 fires since last spring.");
        assert_eq!(
            c.content,
            "it had received reports of 17 fires since last spring"
        );
        let c = one("The mayor said claims of fraud were baseless.");
        assert_eq!(c.content, "claims of fraud were baseless");
    }

    #[test]
    fn reported_on_a_topic_is_not_a_claim() {
        assert!(claims("The minister reported on the main results of the summit.").is_empty());
    }

    #[test]
    fn headline_with_trailing_says() {
        let c = claims(
            "Stadium plan will cost the city nothing, mayor says\n\nMayor Ines Duarte presented the plan on Monday.\n",
        );
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].speaker.name, "Ines Duarte");
        assert_eq!(c[0].content, "Stadium plan will cost the city nothing");
    }

    #[test]
    fn a_senior_manager_is_a_described_person_not_the_noun_after_the_cue() {
        assert!(!role_noun("senior") && !role_noun("junior") && role_noun("manager"));
        for text in [
            "A senior manager, who was not named, said the offer was 5.4%.",
            "A senior manager, who asked not to be named, said that the offer was 5.4%.",
            "A senior manager said the offer was 5.4%.",
        ] {
            let c = one(text);
            assert_eq!(c.speaker.name, "senior manager", "{text}: {c:#?}");
            assert_eq!(c.content, "the offer was 5.4%");
        }
        // A role reference headed by a title crosses the relative clause; the noun after
        // the cue is never the speaker.
        let c = one(
            "The senior official, who spoke on condition of anonymity, said the offer was 5.4%.",
        );
        assert_eq!(c.content, "the offer was 5.4%", "{c:#?}");
        assert_eq!(c.speaker.kind, SpeakerKind::Anonymous);
    }

    #[test]
    fn no_inverted_speaker_before_a_finite_verb() {
        let c = one("The plan will not work, said Councillor Ann Hewitt.");
        assert_eq!(c.speaker.name, "Ann Hewitt");
        let c = one(
            "Cllr Tobias Renwick-Akande (Lib), who chairs the transport committee, said the council had not been consulted.",
        );
        assert_eq!(c.speaker.name, "Tobias Renwick-Akande", "{c:#?}");
        assert_eq!(c.content, "the council had not been consulted");
    }

    #[test]
    fn a_name_of_an_organisation_is_the_person() {
        let c = one(
            "Professor Anselm Okonkwo-Grey of the University of Tarnmouth argued that the dating was premature.",
        );
        assert_eq!(c.speaker.name, "Anselm Okonkwo-Grey", "{c:#?}");
        let c = one("Tove Ringdal of the railway union said the curve was dangerous.");
        assert_eq!(c.speaker.name, "Tove Ringdal", "{c:#?}");
        // Not a person before "of": the organisation reading stays.
        let c = one("The Ministry of Labour said talks would resume on Wednesday.");
        assert_eq!(c.speaker.kind, SpeakerKind::Organisation, "{c:#?}");
    }

    #[test]
    fn a_clause_resumed_after_a_parenthetical_tag_is_one_content() {
        let c = one("Negotiations, he said, had been going nowhere since Christmas.");
        assert_eq!(
            c.content, "Negotiations had been going nowhere since Christmas",
            "{c:#?}"
        );
        let c = one("Season-ticket sales, the club added, have already passed last year's total.");
        assert_eq!(
            c.content,
            "Season-ticket sales have already passed last year's total"
        );
        // A participle after the tag is a cue of its own, not the clause's verb.
        let c = claims("Prices will rise sharply, he said, adding that wages would not.");
        assert_eq!(c[0].content, "Prices will rise sharply", "{c:#?}");
    }

    #[test]
    fn and_that_after_an_earlier_and_splits_the_claim() {
        let c = claims(
            "Hrytsenko said the union would let food and medical supplies through the picket lines, and that volunteers would unload them.",
        );
        assert_eq!(c.len(), 2, "{c:#?}");
        assert_eq!(c[1].content, "volunteers would unload them");
        let c = claims(
            "The general said his fighters would observe a truce but that they would not hand over their weapons.",
        );
        assert_eq!(c.len(), 2, "{c:#?}");
        let c = claims("Hrytsenko said the union would let food and medical supplies through.");
        assert_eq!(c.len(), 1, "{c:#?}");
    }

    #[test]
    fn put_something_at_a_quantity_is_an_estimate() {
        let c = one("Hagström put the cost to local businesses at about 41 million euros a day.");
        assert_eq!(c.cue, "put");
        assert_eq!(c.speaker.name, "Hagström");
        assert_eq!(
            c.content,
            "the cost to local businesses at about 41 million euros a day"
        );
        let c = one("MCT puts the number of workers who have walked out at about 1,400.");
        assert_eq!(c.cue, "puts");
        assert!(claims("Hagström put the proposal to the members at the meeting.").is_empty());
    }

    #[test]
    fn sentences_glued_by_a_missing_space_are_read_apart() {
        let c = claims(
            "Tveiten said the track had been renewed in 2019.\"The track was inspected eleven days ago,\" he said.",
        );
        assert_eq!(c.len(), 2, "{c:#?}");
        assert_eq!(c[0].content, "the track had been renewed in 2019");
        let c = claims(
            "Marit Sandell said the recorder had been sent to Tarnholm.First readings, she said, suggested the train was speeding.",
        );
        assert_eq!(
            c[0].content, "the recorder had been sent to Tarnholm",
            "{c:#?}"
        );
        // A decimal point is no sentence end.
        let c = one("Tveiten said the cost was 2.5 million.");
        assert_eq!(c.content, "the cost was 2.5 million");
    }

    #[test]
    fn a_tag_before_a_trailing_adverbial_ends_the_sentence() {
        let c = one(
            "The fire has now burned some 2,300 hectares, the county fire service said in its 8pm update.",
        );
        assert_eq!(c.speaker.name, "county fire service", "{c:#?}");
        assert_eq!(c.content, "The fire has now burned some 2,300 hectares");
        // More than an adverbial after the cue: the content follows it.
        let c = one("The county fire service said in its update that the fire had grown.");
        assert!(c.content.ends_with("the fire had grown"), "{c:#?}");
    }

    #[test]
    fn told_someone_then_a_subject_pronoun() {
        let c = one("Mr. Yeldachev told MPs he would not resign.");
        assert_eq!(c.content, "he would not resign", "{c:#?}");
        let c = one("Mr. Yeldachev told reporters that he would stay.");
        assert_eq!(c.content, "he would stay", "{c:#?}");
    }

    #[test]
    fn a_quoted_evaluation_in_a_relative_clause_is_a_claim() {
        let c = claims(
            "County commissioner Reuben Castellanos-Hoyt, who has called the response \"slow and badly coordinated\", said only about 350 firefighters had been on the lines.",
        );
        assert_eq!(c.len(), 2, "{c:#?}");
        assert_eq!(c[0].cue, "called");
        let c = claims(
            "County commissioner Reuben Castellanos-Hoyt, who has called the response slow, said only about 350 firefighters had been on the lines.",
        );
        assert_eq!(c.len(), 1, "{c:#?}");
    }

    #[test]
    fn appositives_reached_by_phone_and_one_of_are_crossed() {
        let c = one(
            "A local aid worker, reached by phone, told the paper that at least nine civilians had been killed.",
        );
        assert_eq!(c.speaker.name, "local aid worker", "{c:#?}");
        let c = one(
            "Cllr Mo Farouk-Evans (Green), one of the two councillors who voted against, said that the survey had been cherry-picked.",
        );
        assert_eq!(c.speaker.name, "Mo Farouk-Evans", "{c:#?}");
    }

    #[test]
    fn titles_before_names_are_roles() {
        let c = one("Secretary of the National Energy Council Ana Pereira said prices would fall.");
        assert_eq!(c.speaker.name, "Ana Pereira");
        assert_eq!(
            c.speaker.role.as_deref(),
            Some("Secretary of the National Energy Council")
        );
        let c = one(
            "Hugh Hill, a doctor at the clinic, said: \"This changes everything for our patients.\"",
        );
        assert_eq!(c.speaker.name, "Hugh Hill");
        assert_eq!(c.quote, QuoteKind::Direct);
    }

    #[test]
    fn role_reference_resolves_to_the_person() {
        let c = claims(
            "Russian President Vladimir Putin met the envoy. The Russian leader announced that talks would continue.",
        );
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].speaker.name, "Vladimir Putin");
    }

    #[test]
    fn unresolvable_pronoun_is_flagged() {
        let c = one("He said the road would reopen soon.");
        assert_eq!(c.speaker.kind, SpeakerKind::Anonymous);
        assert_eq!(c.flags, ["unresolved-reference"]);
    }

    #[test]
    fn outlet_in_the_speakers_role() {
        let c = one("CNN correspondent Maya Lee reported that the border had reopened.");
        assert_eq!(
            (c.speaker.name.as_str(), c.cited_outlet.as_deref()),
            ("Maya Lee", Some("CNN"))
        );
    }

    #[test]
    fn wire_credit_applies_to_every_claim() {
        let rules = crate::rules::Rules::embedded().unwrap();
        let mut a = Article::new(
            "t",
            "t.txt",
            Format::Text,
            "Officials said the port was closed.\nSource(s): AFP\n".to_string(),
        );
        crate::load::prepare(&mut a, &crate::load::LoadOptions::default(), &rules.load);
        let seg = crate::segment::segment(&a, &rules.segment);
        let c = extract(&a, &seg, &rules.extract);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].cited_outlet.as_deref(), Some("Agence France-Presse"));
    }

    #[test]
    fn cue_classes() {
        assert_eq!(
            one("The company claimed that its data were safe.").cue_class,
            CueClass::Distancing
        );
        assert_eq!(
            one("The ministry confirmed that the border was closed.").cue_class,
            CueClass::Assertive
        );
        assert_eq!(
            one("Analyst Ruth Obi described the results as mixed.").cue_class,
            CueClass::Evaluative
        );
        assert_eq!(
            one("The coach promised to field a full team on Sunday.").cue_class,
            CueClass::Expectation
        );
        assert_eq!(
            one("The president instructed the army to withdraw.").cue_class,
            CueClass::Directive
        );
    }

    #[test]
    fn titles_of_works_are_not_claims() {
        assert!(
            claims("The festival opened with the film \"The Long Road Home\" on Friday.")
                .is_empty()
        );
    }

    #[test]
    fn statement_after_a_colon() {
        let c = claims(
            "Coach Dan Reyes made a statement after the game:\n\nWe will appeal the decision and we expect to win.\n",
        );
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].speaker.name, "Dan Reyes");
        assert_eq!(c[0].line, 3);
        let c = one("Lin Wei's statement: the budget is balanced.");
        assert_eq!(c.speaker.name, "Lin Wei");
    }

    #[test]
    fn a_nominal_cue_after_a_possessive_object_is_the_possessors_claim() {
        // Relayed through an outlet: the claim is credited to it.
        let c = claims(
            "According to Reuters, the talks stalled over Moscow's demand to dissolve the joint border commission.\n",
        );
        let n = c.iter().find(|c| c.cue == "demand").expect("nominal claim");
        assert_eq!(n.speaker.name, "Moscow");
        assert_eq!(n.cue_class, CueClass::Directive);
        assert_eq!(n.content, "dissolve the joint border commission");
        assert_eq!(n.cited_outlet.as_deref(), Some("Reuters"));
        // A person, "that" and a distancing noun; the article's own sentence.
        let c = claims(
            "Officials rejected Maria Okafor's claim that the dam had been inspected twice.\n",
        );
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].speaker.name, "Maria Okafor");
        assert_eq!(c[0].cue_class, CueClass::Distancing);
        assert_eq!(c[0].content, "the dam had been inspected twice");
        assert_eq!(c[0].cited_outlet, None);
    }

    #[test]
    fn nominal_cues_that_are_not_claims_are_left_alone() {
        for text in [
            // A subject: its content would run into the sentence's verb.
            "Moscow's demand to dissolve the border commission was rejected by Kyiv.\n",
            // "call to" a person or a place, not a verb.
            "The mayor welcomed Lagos's call to the ministry in Abuja last week.\n",
            "Analysts discussed Ruto's call to Museveni about the pipeline.\n",
            // A relative clause.
            "Unions said nothing about Tata's demands that were sent in June.\n",
            // Not a speaker.
            "Traders ignored Monday's warning that prices would rise sharply.\n",
            // No "to" or "that".
            "Lawmakers debated Okafor's demand for a recount in three districts.\n",
        ] {
            let c = claims(text);
            assert!(
                c.iter()
                    .all(|c| !matches!(c.cue.as_str(), "demand" | "demands" | "call" | "warning")),
                "{text}: {c:#?}"
            );
        }
    }

    #[test]
    fn a_phrase_that_is_only_an_age_is_no_phrase() {
        // Fuzz crash: ", 34" stripped as an age left nothing to read.
        let text = "Okafor, 34, said";
        let toks = tokenize(text, Span::new(0, text.len()), &[]);
        assert_eq!(strip_nicknames(&toks[1..3]).map(|v| v.len()), None);
        let rules = crate::rules::Rules::embedded().unwrap();
        assert!(rules.extract.read_exact(&toks, 1, 3).is_none());
        assert!(strip_nicknames(&toks[..3]).is_some_and(|v| v.len() == 1));
    }

    #[test]
    fn quotes_reopened_at_each_paragraph_are_one_claim() {
        let text = "\"We waited two years for this result. It was worth it.\n\"Now the hard work starts,\" said Dr. Amal Nasser.\n";
        let c = claims(text);
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].speaker.name, "Amal Nasser");
        assert!(
            c[0].content.starts_with("We waited") && c[0].content.ends_with("starts"),
            "{}",
            c[0].content
        );
    }

    #[test]
    fn strip_possessive_is_trim_end_matches() {
        for s in [
            "Trump's",
            "Trump’s",
            "Trump's’s",
            "Trump’s's",
            "it's's",
            "'s",
            "Hill",
            "",
            "s'",
            "Jones'",
        ] {
            assert_eq!(
                strip_possessive(s),
                s.trim_end_matches("'s").trim_end_matches("’s"),
                "{s}"
            );
        }
        assert_eq!(strip_possessive("Kyiv's"), "Kyiv");
    }

    #[test]
    fn run_together_typo_before_a_pronoun() {
        let c = claims(
            "Prime Minister Tomas Berg spoke to the nation. He is reportedhe said that taxes would not rise.",
        );
        assert!(
            c.iter()
                .any(|c| c.speaker.name == "Tomas Berg" && c.content == "taxes would not rise"),
            "{c:#?}"
        );
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
            #[test]
            fn claims_lie_inside_the_article(text in "([A-Z][a-z]{0,8}|said|told|according to|he|the|that|[\"“”',.:;!?]| |\\n){0,120}") {
                let rules = crate::rules::Rules::embedded().unwrap();
                let a = Article::new("t", "t.txt", Format::Text, text.clone());
                let seg = crate::segment::segment(&a, &rules.segment);
                for c in extract(&a, &seg, &rules.extract) {
                    prop_assert!(c.span.end <= text.len() && c.content_span.end <= text.len());
                    prop_assert!(text.is_char_boundary(c.content_span.start) && text.is_char_boundary(c.content_span.end));
                    prop_assert!(c.content_span.start <= c.content_span.end);
                    prop_assert!(!c.content.trim().is_empty());
                    prop_assert!(c.line >= 1);
                }
            }

            /// The in-place tokenizer gives the character-list definition's tokens.
            #[test]
            fn tokenize_agrees_with_the_char_list_definition_on_any_text(
                text in "([A-Za-z]{1,6}|[0-9]{1,4}|[.,/'’&-]|\\.|s'|[\"“”‘«»]| |\\n|\\PC){0,60}",
            ) {
                tokenize_agrees(&text);
            }

            /// The sweeps of `nested_claims` decide exactly what the pairwise definition does.
            #[test]
            fn nested_claims_match_the_pairwise_definition(
                raw in proptest::collection::vec((0usize..40, 0usize..12, 0usize..2, 0usize..4), 0..40),
            ) {
                // Four sentences of ten bytes each.
                let sentences: Vec<Span> = (0..4).map(|k| Span::new(10 * k, 10 * k + 10)).collect();
                let items: Vec<NestItem> = raw
                    .iter()
                    .map(|&(start, len, who, sentence)| NestItem {
                        content: Span::new(start, start + len),
                        speaker: ["A", "B"][who],
                        sentence,
                    })
                    .collect();
                let naive: Vec<bool> = (0..items.len())
                    .map(|i| {
                        let b = &items[i];
                        (0..items.len()).filter(|&j| j != i).any(|j| {
                            let a = &items[j];
                            (a.speaker == b.speaker
                                && a.sentence == b.sentence
                                && a.content.contains(b.content)
                                && a.content != b.content)
                                || (a.content.end > sentences[a.sentence].end
                                    && a.sentence != b.sentence
                                    && a.content.contains(b.content)
                                    && a.content.start <= sentences[b.sentence].start)
                        })
                    })
                    .collect();
                prop_assert_eq!(nested_claims(&items, &sentences), naive);
            }
        }
    }
}
