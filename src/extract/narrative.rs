//! Narrative claims: the article's own statements that the comparer can check against
//! other articles ("Witkoff to meet Putin on Tuesday", "the 28-point plan", "talks in
//! Florida on Nov. 30"), credited to the article's outlet.
//!
//! Owns: choosing which sentences become narrative claims (`[narrative]` in
//! `rules/cues.toml`) and building those claims. Does not own: attributed claims (the
//! rest of `extract`), nor what a narrative claim is compared on (`compare`).
//!
//! A body sentence or bullet becomes a narrative claim when it has at least `min_words`
//! words and a *checkable detail* that no attributed claim's content covers: a number, a
//! date word, or a capitalised word right after a word of place ("in Florida", "from
//! Miami"). So a sentence that only frames a quotation ("Rubio told reporters after the
//! talks") gives none, and one that reports a dated event around a quotation ("officials
//! held what both sides called productive talks on Sunday") gives one.

use super::{Ctx, ExtractRules, WordSet, lowercase};
use crate::model::{
    Claim, CueClass, QuoteKind, SentenceKind, SharedStr, Span, Speaker, SpeakerKind,
};
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::collections::HashSet;

/// `[narrative]` in `cues.toml`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NarrativeFile {
    /// Words that mark a date or a time ("Monday", "Dec", "yesterday"): an entry with a
    /// capital matches only capitalised, one in lowercase matches in any case.
    #[serde(default)]
    words: Vec<String>,
    /// Words after which a capitalised word is a place ("in", "from").
    #[serde(default)]
    places_after: Vec<String>,
    /// Fewest words a narrative sentence has.
    #[serde(default)]
    min_words: usize,
}

/// `[narrative]`, compiled.
#[derive(Debug, Default)]
pub(super) struct Narrative {
    cased: WordSet,
    any_case: FxHashSet<String>,
    places_after: WordSet,
    min_words: usize,
    /// Exact pre-test for `any_case`, so that most words skip the lower-casing and the
    /// look-up: the ASCII first bytes of its entries (bit per byte) ...
    any_case_first: u128,
    /// ... and their lengths in bytes (bit `n` for length `n` < 64; `any_case_long` for the
    /// longer ones). An ASCII word lower-cases to an ASCII word of the same length, whose
    /// first byte is the word's first byte in lower case.
    any_case_lens: u64,
    any_case_long: bool,
}

impl Narrative {
    pub(super) fn new(f: &NarrativeFile) -> Self {
        let capital = |w: &String| w.chars().next().is_some_and(char::is_uppercase);
        let any_case: FxHashSet<String> = f
            .words
            .iter()
            .filter(|w| !capital(w))
            .map(|w| w.to_lowercase())
            .collect();
        let mut any_case_first = 0u128;
        let mut any_case_lens = 0u64;
        let mut any_case_long = false;
        for w in &any_case {
            if let Some(&b) = w.as_bytes().first().filter(|b| b.is_ascii()) {
                any_case_first |= 1u128 << b;
            }
            match w.len() {
                n @ 0..64 => any_case_lens |= 1u64 << n,
                _ => any_case_long = true,
            }
        }
        Narrative {
            cased: f.words.iter().filter(|w| capital(w)).cloned().collect(),
            any_case,
            places_after: f.places_after.iter().map(|w| w.to_lowercase()).collect(),
            min_words: f.min_words.max(1),
            any_case_first,
            any_case_lens,
            any_case_long,
        }
    }

    /// Whether `w` in lower case is one of `any_case`.
    fn in_any_case(&self, w: &str) -> bool {
        if let Some(&b) = w.as_bytes().first().filter(|b| b.is_ascii()) {
            if self.any_case_first & (1u128 << b.to_ascii_lowercase()) == 0 {
                return false;
            }
            if w.is_ascii() {
                let fits = match w.len() {
                    n @ 0..64 => self.any_case_lens & (1u64 << n) != 0,
                    _ => self.any_case_long,
                };
                if !fits {
                    return false;
                }
            }
        }
        self.any_case.contains(&*lowercase(w))
    }

    /// Whether `w` is one of `cased`, whose entries all open with a capital letter
    /// (`checkable` tests the capital from the first byte, then looks `w` up).
    #[cfg(test)]
    fn in_cased(&self, w: &str) -> bool {
        w.chars().next().is_some_and(char::is_uppercase) && self.cased.contains(w)
    }

    /// Whether `text` (a sentence) is long enough and has a checkable detail outside the
    /// byte ranges `covered` (the attributed contents, relative to `text`): a number, a
    /// date word, or a capitalised word after a word of place. A detail of the
    /// attribution itself does not count: one that follows a cue word of the sentence's
    /// claims (`cues`, lowercase) within three words, none of them quoted content ("Varga
    /// said in Tarnow", "Ravid reported on Dec. 2 that"): where and when something was
    /// said is not what was said.
    fn checkable<C: std::borrow::Borrow<str> + std::hash::Hash + Eq, S: std::hash::BuildHasher>(
        &self,
        text: &str,
        covered: &[(usize, usize)],
        cues: &HashSet<C, S>,
    ) -> bool {
        let free = |at: usize| !covered.iter().any(|&(s, e)| s <= at && at < e);
        // The words are read one at a time and the answer is known at the first qualifying
        // detail once the sentence has `min_words` words: the rest is not split. Only the four
        // words before the current one are looked back at: word `j` is kept in `last[j % 8]`.
        let mut last: [(usize, &str); 8] = [(0, ""); 8];
        let mut n = 0;
        let mut found = false;
        let mut words = Words::new(text);
        while let Some((at, w)) = words.next() {
            let i = n;
            last[i % 8] = (at, w);
            n += 1;
            if !found {
                // Whether the word opens with a capital, read from its first byte when
                // that is ASCII (`in_cased`, in the tests, is `cap` and the look-up).
                let cap = match w.as_bytes().first() {
                    Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                    _ => w.chars().next().is_some_and(char::is_uppercase),
                };
                let detail = words.digit
                    || (cap && self.cased.contains(w))
                    || self.in_any_case(w)
                    || (i > 0 && cap && self.places_after.contains_lower(last[(i - 1) % 8].1));
                let of_attribution = || {
                    // (No cue words, no attribution: most sentences.)
                    !cues.is_empty()
                        && (i.saturating_sub(4)..i)
                            .rev()
                            .take_while(|&j| free(last[j % 8].0))
                            .any(|j| cues.contains(&*lowercase(last[j % 8].1)))
                };
                found = detail && free(at) && !of_attribution();
            }
            if found && n >= self.min_words {
                return true;
            }
        }
        false
    }
}

/// The words of `text` with their byte offsets: runs of letters, digits and apostrophes.
/// ASCII bytes are classified directly; other characters are decoded one at a time.
#[cfg(test)]
fn words(text: &str) -> Vec<(usize, &str)> {
    Words::new(text).collect()
}

/// The iterator behind [`words`].
struct Words<'t> {
    text: &'t str,
    i: usize,
    /// Whether the last word given has an ASCII digit.
    digit: bool,
}

impl<'t> Words<'t> {
    fn new(text: &'t str) -> Self {
        Words {
            text,
            i: 0,
            digit: false,
        }
    }
}

impl<'t> Iterator for Words<'t> {
    type Item = (usize, &'t str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'t str)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = self.i;
        // Skip to the first word character, then take the run of them: the character that
        // ends the word is skipped as well. ASCII bytes are classified by a table, in a
        // tight loop for the letters of a word; other characters are decoded.
        self.i = n;
        let start = loop {
            let &b = bytes.get(i)?;
            match BYTE_CLASS[usize::from(b)] {
                WORD | DIGIT => break i,
                GAP => i += 1,
                _ => match wide_char_at(text, i) {
                    (true, _) => break i,
                    (false, len) => i += len,
                },
            }
        };
        i = start;
        // The classes of the word's ASCII bytes, or-ed: its digits.
        let mut seen = GAP;
        loop {
            while let Some(&b) = bytes.get(i) {
                let k = BYTE_CLASS[usize::from(b)];
                if k & WORD == 0 {
                    break;
                }
                seen |= k;
                i += 1;
            }
            self.digit = seen == DIGIT;
            let Some(&b) = bytes.get(i) else {
                return Some((start, &text[start..]));
            };
            let len = if b.is_ascii() {
                1
            } else {
                match wide_char_at(text, i) {
                    (true, len) => {
                        i += len;
                        continue;
                    }
                    (false, len) => len,
                }
            };
            self.i = i + len;
            return Some((start, &text[start..i]));
        }
    }
}

/// Classes of bytes for [`Words`]: an ASCII word character (a letter or the apostrophe;
/// an ASCII digit, whose class has the `WORD` bit too), another ASCII byte, or a byte of a
/// longer character (decoded).
const GAP: u8 = 0;
const WORD: u8 = 1;
const DIGIT: u8 = 3;
const WIDE: u8 = 4;

/// [`GAP`], [`WORD`], [`DIGIT`] or [`WIDE`], by byte.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() || c == b'\'' {
            WORD
        } else {
            GAP
        };
        b += 1;
    }
    t
};

/// Whether the (non-ASCII) character at byte `i` of `text` is a word character (a letter,
/// a digit or a curly apostrophe), and its length in bytes.
fn wide_char_at(text: &str, i: usize) -> (bool, usize) {
    match text.get(i..).and_then(|r| r.chars().next()) {
        Some(c) => (c.is_alphanumeric() || c == '\u{2019}', c.len_utf8()),
        None => (false, 1),
    }
}

impl ExtractRules {
    /// The speaker of an article's narrative claims: its outlet, or the document itself
    /// ("the article") when it has none.
    fn narrative_speaker(&self, outlet: Option<&str>) -> Speaker {
        match outlet.filter(|o| !o.trim().is_empty()) {
            Some(o) => Speaker {
                text: String::new(),
                name: self.outlet(o).unwrap_or(o).into(),
                kind: SpeakerKind::Outlet,
                role: None,
                id: None,
            },
            None => Speaker {
                text: String::new(),
                name: "the article".into(),
                kind: SpeakerKind::Document,
                role: None,
                id: None,
            },
        }
    }
}

impl Ctx<'_> {
    /// Append the article's narrative claims to `claims` (the attributed ones), numbered
    /// after them so that their ids do not move. A wire the article is credited to is the
    /// narrative claims' cited outlet.
    pub(super) fn narrative_claims(&self, claims: &mut Vec<Claim>) {
        let rules = self.rules;
        let article = self.article;
        // Content spans of the attributed claims with their cues, in text order.
        let mut covered: Vec<(Span, SharedStr)> = claims
            .iter()
            .map(|c| (c.content_span, c.cue.clone()))
            .collect();
        covered.sort_by_key(|(s, _)| (s.start, s.end));
        let speaker = rules.narrative_speaker(article.meta.outlet.as_deref());
        let wire = article
            .meta
            .wire
            .as_deref()
            .map(|w| rules.outlet(w).unwrap_or(w).to_string());
        let first = claims.len();
        // Per sentence, reused: the contents that overlap it and their claims' cue words.
        let mut inside: Vec<(usize, usize)> = Vec::new();
        let mut cues: FxHashSet<std::borrow::Cow<str>> = FxHashSet::default();
        for sentence in &self.seg.sentences {
            if !matches!(sentence.kind, SentenceKind::Body | SentenceKind::Bullet) {
                continue;
            }
            let span = sentence.span;
            let text = article.slice(span);
            // Contents that overlap this sentence, relative to its start, and the cue
            // words of their claims.
            let from = covered.partition_point(|c| c.0.end <= span.start);
            inside.clear();
            cues.clear();
            for (c, cue) in covered[from..]
                .iter()
                .take_while(|c| c.0.start < span.end)
                .filter(|c| c.0.end > span.start)
            {
                inside.push((
                    c.start.saturating_sub(span.start),
                    c.end.min(span.end) - span.start,
                ));
                cues.extend(cue.split_whitespace().map(lowercase));
            }
            if !rules.narrative.checkable(text, &inside, &cues) {
                continue;
            }
            let skip = super::dateline_len(text);
            let content = text[skip..].trim_end_matches(['.', ' ']).to_string();
            let content_span = Span::new(span.start + skip, span.start + skip + content.len());
            claims.push(Claim {
                id: SharedStr::default(),
                article: article.id.as_str().into(),
                speaker: speaker.clone(),
                cue: SharedStr::default(),
                cue_class: CueClass::Neutral,
                quote: QuoteKind::Narrative,
                content,
                content_span,
                span,
                line: article.line_of(content_span.start),
                cited_outlet: wire.as_deref().map(SharedStr::pooled),
                date: None,
                date_source: None,
                places: vec![],
                quantities: vec![],
                flags: vec![],
            });
        }
        for (i, c) in claims.iter_mut().enumerate().skip(first) {
            c.id = format!("{}#{}", article.id, i + 1).into();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Narrative {
        let f: NarrativeFile = toml::from_str(
            r#"
            min_words = 6
            words = ["Monday", "May", "today"]
            places_after = ["in", "from"]
            "#,
        )
        .unwrap_or_default();
        Narrative::new(&f)
    }

    fn none() -> HashSet<String> {
        HashSet::new()
    }

    #[test]
    fn where_and_when_something_was_said_is_not_checkable() {
        let r = rules();
        let said: HashSet<String> = ["said".to_string()].into();
        let s = "\"We will not trade our water for promises,\" Varga said in Tarnow.";
        let quote = (1, s.find(",\"").unwrap_or(0));
        assert!(!r.checkable(s, &[quote], &said));
        // Without the cue nearby, the same place is the sentence's own detail.
        let s = "\"We will not trade our water,\" Varga said, as talks opened in Tarnow.";
        let quote = (1, s.find(",\"").unwrap_or(0));
        assert!(r.checkable(s, &[quote], &said));
        // Quoted content between the cue and the detail: the detail is the content's.
        let called: HashSet<String> = ["called".to_string()].into();
        let s = "Officials held what both sides called productive talks on Monday.";
        let content = (
            s.find("productive").unwrap_or(0),
            s.find(" on").unwrap_or(0),
        );
        assert!(r.checkable(s, &[content], &called));
    }

    #[test]
    fn a_number_a_date_word_or_a_place_makes_a_sentence_checkable() {
        let r = rules();
        assert!(r.checkable("The plan now has 28 points in all.", &[], &none()));
        assert!(r.checkable(
            "The envoys will travel to the capital on Monday.",
            &[],
            &none()
        ));
        assert!(r.checkable(
            "The ministers will all meet again today, aides confirmed.",
            &[],
            &none()
        ));
        assert!(r.checkable(
            "Officials met the delegation in Florida at last.",
            &[],
            &none()
        ));
        // "may" is a month only with its capital; a capital after a non-place word is not
        // a place; short sentences are left out.
        assert!(!r.checkable(
            "The talks may resume later this week, aides hope.",
            &[],
            &none()
        ));
        assert!(!r.checkable("The envoys met Macron and spoke for a while.", &[], &none()));
        assert!(!r.checkable("Talks resumed on Monday.", &[], &none()));
    }

    #[test]
    fn a_detail_inside_an_attributed_content_does_not_count() {
        let r = rules();
        let s = "Rubio said the talks in Florida were productive and useful.";
        let content = (s.find("the talks").unwrap_or(0), s.len());
        assert!(!r.checkable(s, &[content], &none()));
        let s = "Officials held what both sides called productive talks on Monday.";
        let content = (
            s.find("productive").unwrap_or(0),
            s.find(" on").unwrap_or(0),
        );
        assert!(r.checkable(s, &[content], &none()));
    }

    #[test]
    fn words_keep_their_offsets() {
        assert_eq!(
            words("On Dec. 2, Witkoff’s trip"),
            vec![
                (0, "On"),
                (3, "Dec"),
                (8, "2"),
                (11, "Witkoff’s"),
                (23, "trip")
            ]
        );
    }

    /// The char-by-char definition the byte-level `words` must agree with.
    fn words_by_chars(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
        for (i, c) in text.char_indices() {
            match (is_word(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, &text[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, &text[s..]));
        }
        out
    }

    #[test]
    fn words_agree_with_the_char_definition() {
        for s in [
            "",
            "   ",
            "Kyiv’s 2,800 troops — «ceasefire» ‘now’ in Łódź, São Paulo and Zürich.",
            "Ünal met O'Neill at 9:30 a.m. in İstanbul; 東京 and Москва too…",
            "x",
            "é",
            "end with ’",
        ] {
            assert_eq!(words(s), words_by_chars(s), "{s}");
        }
    }

    /// Date words with a capital, in lower case, non-ASCII and long, for the pre-tests.
    fn mixed_rules() -> Narrative {
        let f: NarrativeFile = toml::from_str(
            r#"
            min_words = 3
            words = ["Monday", "today", "tonight", "über", "ötzi", "straße", "Éte",
                     "averyveryveryveryveryveryveryveryveryveryveryveryveryverylongword"]
            places_after = ["in"]
            "#,
        )
        .unwrap_or_default();
        Narrative::new(&f)
    }

    #[test]
    fn date_word_pre_tests_agree_with_the_look_ups() {
        let r = mixed_rules();
        for w in [
            "today",
            "Today",
            "TODAY",
            "tonight",
            "Tonight",
            "the",
            "toda",
            "todays",
            "über",
            "Über",
            "ÜBER",
            "Ötzi",
            "Straße",
            "STRASSE",
            "Monday",
            "monday",
            "Éte",
            "éte",
            "AVERYVERYVERYVERYVERYVERYVERYVERYVERYVERYVERYVERYVERYVERYLONGWORD",
            "İ",
            "x",
        ] {
            assert_eq!(r.in_any_case(w), r.any_case.contains(&*lowercase(w)), "{w}");
            assert_eq!(r.in_cased(w), r.cased.contains(w), "{w}");
        }
        assert!(r.in_any_case("Today") && r.in_any_case("ÜBER") && r.in_cased("Monday"));
        assert!(!r.in_any_case("the") && !r.in_cased("monday"));
    }

    /// The lazy `checkable` against its definition: enough words, and some word a detail
    /// outside the covered ranges and not within four free words after a cue word.
    fn checkable_by_definition(
        r: &Narrative,
        text: &str,
        covered: &[(usize, usize)],
        cues: &HashSet<String>,
    ) -> bool {
        let words = words(text);
        if words.len() < r.min_words {
            return false;
        }
        let free = |at: usize| !covered.iter().any(|&(s, e)| s <= at && at < e);
        let of_attribution = |i: usize| {
            (i.saturating_sub(4)..i)
                .rev()
                .take_while(|&j| free(words[j].0))
                .any(|j| cues.contains(&*lowercase(words[j].1)))
        };
        words.iter().enumerate().any(|(i, &(at, w))| {
            let detail = w.bytes().any(|b| b.is_ascii_digit())
                || r.cased.contains(w)
                || r.any_case.contains(&*lowercase(w))
                || (i > 0
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && r.places_after.contains(&*lowercase(words[i - 1].1)));
            detail && free(at) && !of_attribution(i)
        })
    }

    proptest::proptest! {
        #[test]
        fn words_agree_with_the_char_definition_on_any_text(s in "\\PC{0,80}") {
            proptest::prop_assert_eq!(words(&s), words_by_chars(&s));
        }

        #[test]
        fn words_tell_their_ascii_digits(s in "[a-z0-9 ,.'’é٣]{0,40}") {
            let mut it = Words::new(&s);
            while let Some((_, w)) = it.next() {
                proptest::prop_assert_eq!(it.digit, w.bytes().any(|b| b.is_ascii_digit()), "{}", w);
            }
        }

        #[test]
        fn any_case_pre_test_agrees_with_the_look_up(w in "(today|TONIGHT|[tT][a-zäöüßÜ]{0,8}|\\PC{1,8})") {
            let r = mixed_rules();
            proptest::prop_assert_eq!(r.in_any_case(&w), r.any_case.contains(&*lowercase(&w)));
            proptest::prop_assert_eq!(r.in_cased(&w), r.cased.contains(&w));
        }

        #[test]
        fn checkable_agrees_with_its_definition(
            s in "((Monday|today|said|told|in|Paris|the|talks|12|a|[A-Z][a-z]{0,5}|[a-z]{1,6})[ ,.]){0,14}",
            a in 0usize..80,
            b in 0usize..80,
        ) {
            let r = mixed_rules();
            let cues: HashSet<String> = ["said".to_string(), "told".to_string()].into();
            let covered = [(a.min(b), a.max(b))];
            proptest::prop_assert_eq!(
                r.checkable(&s, &covered, &cues),
                checkable_by_definition(&r, &s, &covered, &cues)
            );
            proptest::prop_assert_eq!(
                r.checkable(&s, &[], &cues),
                checkable_by_definition(&r, &s, &[], &cues)
            );
        }
    }
}
