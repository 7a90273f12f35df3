//! Words for the comparer: tokens with byte offsets, folding, inflection-tolerant word and
//! phrase matching, and word lists from the rules files.
//!
//! Owns: how claim content is split into words and how rule words are matched against
//! them. Does not own: what any word list means (the families decide that).

use compact_str::CompactString;
use std::collections::{HashMap, HashSet};

/// One word of a claim's content: 40 bytes and, for words of up to 24 bytes folded
/// (nearly all), no heap allocation. The comparer keeps every claim's tokens at once, so
/// the word as written is not copied: [`Tok::text`] slices it from the tokenized text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    /// Lowercase, accent-folded, typographic apostrophes made ASCII (stored inline up to
    /// 24 bytes).
    pub norm: CompactString,
    /// Byte offset of the first byte in the text that was tokenized (claim contents are
    /// far shorter than 4 GiB; a larger offset saturates and [`Tok::text`] gives "").
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Two or more letters, all uppercase ("NATO", "U.S").
    pub acronym: bool,
    /// First word of a sentence or after an opening quotation mark.
    pub initial: bool,
    /// A comma, semicolon, colon, dash or bracket separates it from the previous word.
    pub breaks: bool,
}

impl Tok {
    /// The word as written: its bytes in `src`, the text that was tokenized ("" when
    /// `src` is another text).
    pub fn text<'s>(&self, src: &'s str) -> &'s str {
        src.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    /// A possessive ("Trump's"): it ends a name and says whose, not who.
    pub fn possessive(&self) -> bool {
        self.norm.ends_with("'s")
    }
}

/// Lowercase, ASCII-folded form of `s` (matching keys only, never shown).
pub fn fold(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02bc}' => '\'',
            c => c,
        })
        .collect();
    deunicode::deunicode(&s).to_lowercase()
}

/// [`fold`] into a [`CompactString`]. An ASCII word (the common case) only needs
/// lowercasing, done in place without the intermediate strings.
pub(crate) fn fold_compact(s: &str) -> CompactString {
    if s.is_ascii() {
        let mut c = CompactString::from(s);
        c.make_ascii_lowercase();
        c
    } else {
        CompactString::from(fold(s))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '.' | '\u{2010}' | '\u{2011}')
}

/// Split `s` into words. A word is a run of letters and digits, with apostrophes, hyphens
/// and full stops kept inside it when a letter or digit follows ("U.S", "wouldn't",
/// "28-point").
pub fn tokenize(s: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let mut last_end = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !is_word_char(c) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let (_, cj) = chars[j];
            if is_word_char(cj) {
                j += 1;
            } else if is_joiner(cj) && chars.get(j + 1).is_some_and(|&(_, n)| is_word_char(n)) {
                j += 2;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(s.len(), |&(b, _)| b);
        let text = &s[start..end];
        let between = &s[last_end..start];
        let prev_sig = between.chars().rev().find(|c| !c.is_whitespace());
        let initial = out.is_empty()
            || matches!(
                prev_sig,
                Some(
                    '.' | '!'
                        | '?'
                        | '"'
                        | '\u{201c}'
                        | '\u{201d}'
                        | '\u{2018}'
                        | ':'
                        | '\u{2022}'
                        | '('
                )
            );
        let breaks = between.chars().any(|c| {
            matches!(
                c,
                ',' | ';' | ':' | '\u{2014}' | '\u{2013}' | '(' | ')' | '.' | '!' | '?'
            )
        }) || between.contains(" - ");
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let cap = text.chars().next().is_some_and(char::is_uppercase);
        let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        out.push(Tok {
            norm: fold_compact(text),
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
            cap,
            acronym,
            initial,
            breaks,
        });
        last_end = end;
        i = j;
    }
    // The comparer keeps every claim's tokens at once: no spare capacity.
    out.shrink_to_fit();
    out
}

/// A text's tokens (see [`tokenize`]) in about two bytes a token instead of the 40 of a
/// [`Tok`], for keeping every claim's tokens at once: each token's offset from the end of
/// the previous one, its length and its four flags, as variable-length integers. The
/// folded form is not stored: it is a function of the word as written, worked out again
/// by [`Words::toks`] (which gives back exactly the tokens [`tokenize`] gave, for texts
/// under 4 GiB).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words(Box<[u8]>);

impl Words {
    /// The compact form of `toks`, the tokens of some text.
    pub fn of(toks: &[Tok]) -> Words {
        let mut out: Vec<u8> = Vec::with_capacity(toks.len() * 2);
        let mut last = 0u32;
        for t in toks {
            let flags = u64::from(t.cap)
                | (u64::from(t.acronym) << 1)
                | (u64::from(t.initial) << 2)
                | (u64::from(t.breaks) << 3);
            push_varint(&mut out, u64::from(t.start.wrapping_sub(last)));
            push_varint(
                &mut out,
                (u64::from(t.end.wrapping_sub(t.start)) << 4) | flags,
            );
            last = t.end;
        }
        Words(out.into_boxed_slice())
    }

    /// The tokens again; `src` is the text that was tokenized.
    pub fn toks(&self, src: &str) -> Vec<Tok> {
        let mut out = Vec::with_capacity(self.0.len() / 2);
        out.extend(self.iter(src));
        out
    }

    /// The tokens one at a time; `src` is the text that was tokenized.
    pub fn iter<'w>(&'w self, src: &'w str) -> impl Iterator<Item = Tok> + 'w {
        self.spans().map(move |(start, end, flags)| Tok {
            norm: fold_compact(src.get(start as usize..end as usize).unwrap_or_default()),
            start,
            end,
            cap: flags & 1 != 0,
            acronym: flags & 2 != 0,
            initial: flags & 4 != 0,
            breaks: flags & 8 != 0,
        })
    }

    /// Each token's start, end and flags (cap, acronym, initial, breaks as bits 0-3).
    pub fn spans(&self) -> impl Iterator<Item = (u32, u32, u8)> + '_ {
        let mut pos = 0usize;
        let mut last = 0u32;
        std::iter::from_fn(move || {
            if pos >= self.0.len() {
                return None;
            }
            let gap = read_varint(&self.0, &mut pos);
            let rest = read_varint(&self.0, &mut pos);
            // Both were written from `u32` differences: the casts give them back.
            let start = last.wrapping_add(gap as u32);
            let end = start.wrapping_add((rest >> 4) as u32);
            last = end;
            Some((start, end, (rest & 0xf) as u8))
        })
    }
}

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &[u8], pos: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*pos) {
        *pos += 1;
        if shift < 64 {
            v |= u64::from(b & 0x7f) << shift;
        }
        shift += 7;
        if b & 0x80 == 0 {
            break;
        }
    }
    v
}

/// The first `n` words of `s` (an ellipsis when there were more), for topics.
pub fn clip(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{}...", words[..n].join(" "))
    }
}

/// `norm` without a possessive `'s` or trailing apostrophe.
pub fn strip_possessive(norm: &str) -> &str {
    norm.strip_suffix("'s")
        .or_else(|| norm.strip_suffix('\''))
        .unwrap_or(norm)
}

/// Whether token `norm` is `word` or an inflected form of it (+s, +es, +d, +ed, +ing, and
/// the e-dropping +ing).
pub fn word_matches(norm: &str, word: &str) -> bool {
    let norm = strip_possessive(norm);
    if norm == word {
        return true;
    }
    if let Some(rest) = norm.strip_prefix(word) {
        if matches!(rest, "s" | "es" | "d" | "ed" | "ing" | "ings") {
            return true;
        }
    }
    if let Some(stem) = word.strip_suffix('e') {
        if norm.strip_prefix(stem) == Some("ing") {
            return true;
        }
    }
    false
}

/// A word or phrase from a rules file, folded and split into words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase(pub Vec<String>);

impl Phrase {
    /// Parse an entry as written in a rules file.
    pub fn new(s: &str) -> Self {
        Phrase(tokenize(s).into_iter().map(|t| t.norm.into()).collect())
    }

    /// Whether the phrase starts at token `i`. A single word matches inflected forms; the
    /// words of a phrase must match exactly, except the last, which may be inflected.
    /// "n't" matches any token ending in it.
    pub fn matches_at(&self, toks: &[Tok], i: usize) -> bool {
        if self.0.is_empty() || i + self.0.len() > toks.len() {
            return false;
        }
        if self.0.len() == 1 && self.0[0] == "n't" {
            return toks[i].norm.ends_with("n't");
        }
        let last = self.0.len() - 1;
        self.0.iter().enumerate().all(|(k, w)| {
            let t = &toks[i + k].norm;
            if k == last {
                word_matches(t, w)
            } else {
                strip_possessive(t) == w
            }
        })
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the phrase has no word.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A list of words and phrases from a rules file, indexed by first word so that matching
/// costs a few hash lookups per token whatever the list's length.
#[derive(Clone, Debug, Default)]
pub struct WordList {
    phrases: Vec<Phrase>,
    by_first: HashMap<String, Vec<usize>>,
}

impl WordList {
    /// Compile the entries of a rules file.
    pub fn new(entries: &[String]) -> Self {
        let phrases: Vec<Phrase> = entries.iter().map(|e| Phrase::new(e)).collect();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, p) in phrases.iter().enumerate() {
            let Some(first) = p.0.first() else { continue };
            by_first.entry(first.clone()).or_default().push(k);
            // "make" is found from "making" through the stem "mak".
            if p.0.len() == 1 {
                if let Some(stem) = first.strip_suffix('e').filter(|s| !s.is_empty()) {
                    by_first.entry(stem.to_string()).or_default().push(k);
                }
            }
        }
        WordList { phrases, by_first }
    }

    /// The entry (its index in the rules file's list) and length of the longest entry
    /// that starts at token `i`, if any.
    pub fn longest_at(&self, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        let t = toks.get(i)?;
        let base = strip_possessive(&t.norm);
        let mut best: Option<(usize, usize)> = None;
        let mut consider = |key: &str| {
            for &k in self.by_first.get(key).into_iter().flatten() {
                let p = &self.phrases[k];
                if p.matches_at(toks, i) && best.is_none_or(|(_, n)| p.len() > n) {
                    best = Some((k, p.len()));
                }
            }
        };
        consider(base);
        for suf in ["s", "es", "d", "ed", "ing", "ings"] {
            if let Some(stem) = base.strip_suffix(suf).filter(|s| !s.is_empty()) {
                consider(stem);
            }
        }
        if t.norm.ends_with("n't") {
            consider("n't");
        }
        best
    }

    /// The length of the longest entry that starts at token `i`, if any.
    pub fn match_at(&self, toks: &[Tok], i: usize) -> Option<usize> {
        self.longest_at(toks, i).map(|(_, n)| n)
    }

    /// Start positions of every match (leftmost-longest, not overlapping).
    pub fn positions(&self, toks: &[Tok]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some(n) = self.match_at(toks, i) {
                out.push((i, n));
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Whether any entry occurs in `toks`.
    pub fn any(&self, toks: &[Tok]) -> bool {
        (0..toks.len()).any(|i| self.match_at(toks, i).is_some())
    }

    /// Whether any entry occurs within tokens `lo..hi`.
    pub fn any_in(&self, toks: &[Tok], lo: usize, hi: usize) -> bool {
        let hi = hi.min(toks.len());
        (lo..hi).any(|i| self.match_at(toks, i).is_some_and(|n| i + n <= hi))
    }

    /// True when the list has no entry.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

/// A set of single folded words, matched exactly (for stop words and anchors to ignore).
#[derive(Clone, Debug, Default)]
pub struct WordSet(HashSet<String>);

impl WordSet {
    /// From rules-file entries.
    pub fn new(entries: &[String]) -> Self {
        WordSet(entries.iter().map(|e| fold(e.trim())).collect())
    }
    /// Whether `norm` is in the set.
    pub fn contains(&self, norm: &str) -> bool {
        self.0.contains(norm)
    }
}

/// Two words that differ only in spelling ("organisation"/"organization").
pub fn spelling_variant(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Cheap byte tests first: this runs inside word alignments.
    if a.len() < 5
        || b.len() < 5
        || a.len().abs_diff(b.len()) > 4
        || a.as_bytes()[0] != b.as_bytes()[0]
    {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 5 || lb < 5 || la.abs_diff(lb) > 1 || a.chars().next() != b.chars().next() {
        return false;
    }
    if a.chars().any(|c| c.is_ascii_digit()) || b.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if a.ends_with("n't") != b.ends_with("n't") {
        return false;
    }
    strsim::levenshtein(a, b) <= 1
}

/// A crude stem for comparing statements word by word: the folded word without a
/// possessive and common inflections.
pub fn stem(norm: &str) -> String {
    let w = strip_possessive(norm);
    let mut base = w.to_string();
    for suf in ["ings", "ing", "ied", "ies", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suf) {
            if s.chars().count() >= 3 && !w.ends_with("ss") {
                base = match suf {
                    "ied" | "ies" => format!("{s}y"),
                    _ => s.to_string(),
                };
                break;
            }
        }
    }
    let trimmed = base.trim_end_matches('e');
    if trimmed.chars().count() >= 3 {
        trimmed.to_string()
    } else {
        base
    }
}

/// A set of words held as one sorted, deduplicated boxed slice: the same order and
/// answers as a `BTreeSet` of them, without its nodes (a few hundred bytes each; on a
/// large corpus every claim's plain statement and every pivot keeps one set, and every
/// quote whose attribution is checked).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Stems(Box<[CompactString]>);

impl Stems {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The words in order.
    pub fn iter(&self) -> std::slice::Iter<'_, CompactString> {
        self.0.iter()
    }

    /// Whether `w` is one of the words.
    pub fn contains(&self, w: &str) -> bool {
        self.0.binary_search_by(|x| x.as_str().cmp(w)).is_ok()
    }

    /// Number of words both sets hold.
    pub fn shared(&self, other: &Stems) -> usize {
        shared_sorted(&self.0, &other.0)
    }
}

/// Number of items two sorted, duplicate-free lists share (one merge pass): the words of
/// two [`Stems`], or two lists of word numbers.
pub(crate) fn shared_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

impl FromIterator<CompactString> for Stems {
    fn from_iter<T: IntoIterator<Item = CompactString>>(iter: T) -> Self {
        let mut v: Vec<CompactString> = iter.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        Stems(v.into_boxed_slice())
    }
}

impl<'a> IntoIterator for &'a Stems {
    type Item = &'a CompactString;
    type IntoIter = std::slice::Iter<'a, CompactString>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_answer_as_a_btreeset_does() {
        use std::collections::BTreeSet;
        let words = |s: &str| -> Vec<CompactString> { s.split(' ').map(Into::into).collect() };
        let (x, y) = (
            words("talk ~3 cease =1 talk fire zone"),
            words("fire =1 agre talk talk"),
        );
        let (sx, sy): (Stems, Stems) = (x.iter().cloned().collect(), y.iter().cloned().collect());
        let (bx, by): (BTreeSet<CompactString>, BTreeSet<CompactString>) =
            (x.into_iter().collect(), y.into_iter().collect());
        assert_eq!(sx.iter().collect::<Vec<_>>(), bx.iter().collect::<Vec<_>>());
        assert_eq!(sx.len(), bx.len());
        assert_eq!(sx.shared(&sy), bx.intersection(&by).count());
        assert_eq!(sy.shared(&sx), 3);
        assert!(sx.contains("~3") && !sx.contains("agre"));
        assert_eq!(Stems::default().shared(&sx), 0);
    }

    #[test]
    fn words_give_back_the_tokens() {
        let long = format!("{} end", "word ".repeat(300));
        for s in [
            "",
            "   ",
            "Putin said: \"We will not, (ever) sign\" - the U.S. deal's 28-point plan.",
            "Zelenskyy met Macron in Sèvres; l’État and ŠKODA’s ÉLAN wouldn't",
            "NATO. \u{201c}No\u{201d} \u{2022} 12.5 per cent — in Kyiv\u{2019}s centre",
            long.as_str(),
        ] {
            let toks = tokenize(s);
            let words = Words::of(&toks);
            assert_eq!(words.toks(s), toks, "{s}");
            assert_eq!(words.iter(s).count(), toks.len());
        }
    }

    #[test]
    fn tokens_keep_abbreviations_contractions_and_hyphens() {
        let t = tokenize(
            "The U.S. envoys \u{201c}promised they wouldn\u{2019}t go\u{201d}, a 28-point plan.",
        );
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            [
                "the", "u.s", "envoys", "promised", "they", "wouldn't", "go", "a", "28-point",
                "plan"
            ]
        );
        assert!(t[0].initial && t[0].cap);
        assert!(t[1].acronym);
        assert!(t[3].initial, "after an opening quotation mark");
        assert!(t[7].breaks, "after a comma");
        assert_eq!(t[2].text("The U.S. envoys"), "envoys");
    }

    #[test]
    fn tokens_are_compact_and_slice_their_text() {
        assert!(std::mem::size_of::<Tok>() <= 40);
        let src = "Zelenskyy\u{2019}s ORGANISATION \u{e9}lys\u{e9}e talks";
        let t = tokenize(src);
        let texts: Vec<&str> = t.iter().map(|t| t.text(src)).collect();
        assert_eq!(
            texts,
            [
                "Zelenskyy\u{2019}s",
                "ORGANISATION",
                "\u{e9}lys\u{e9}e",
                "talks"
            ]
        );
        // The compact fold is the same as `fold`, ASCII or not.
        for (tok, text) in t.iter().zip(texts) {
            assert_eq!(tok.norm, fold(text));
        }
        assert_eq!(t[0].norm, "zelenskyy's");
        assert_eq!(t[2].norm, "elysee");
        // Short words live inline, not on the heap.
        assert!(t.iter().all(|t| !t.norm.is_heap_allocated()));
        assert_eq!(t[0].text("other"), "");
    }

    #[test]
    fn inflected_forms_match() {
        assert!(word_matches("meetings", "meeting"));
        assert!(word_matches("meets", "meet"));
        assert!(word_matches("reduced", "reduce"));
        assert!(word_matches("reducing", "reduce"));
        assert!(word_matches("putin's", "putin"));
        assert!(!word_matches("meat", "meet"));
        assert!(!word_matches("planet", "plan"));
    }

    #[test]
    fn phrases_match_consecutive_words() {
        let toks = tokenize("The talks were held the next day in Geneva; they didn't agree.");
        let l = WordList::new(&["the next day".into(), "n't".into(), "talk".into()]);
        let pos = l.positions(&toks);
        assert_eq!(pos, vec![(1, 1), (4, 3), (10, 1)]);
    }

    #[test]
    fn stems() {
        assert_eq!(stem("meetings"), "meet");
        assert_eq!(stem("agreed"), stem("agree"));
        assert_eq!(stem("reduced"), stem("reduce"));
        assert_eq!(stem("progress"), "progress");
        assert_eq!(stem("parties"), "party");
        assert_eq!(stem("is"), "is");
    }
}
