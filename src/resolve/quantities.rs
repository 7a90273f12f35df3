//! Quantities (`rules/quantities.toml`): numbers written in digits or words, ordinals,
//! hyphenated compounds ("28-point", "two-hour", "6th"), scales ("85 million"),
//! currencies and percentages, each with the singular noun it counts.
//!
//! Owns: reading numbers and their unit nouns. Does not own: deciding which quantities of
//! two claims are about the same thing (`compare`).

use crate::error::Result;
use crate::model::{Quantity, SharedStr, Span};
use crate::rules::RuleSet;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuantitiesFile {
    #[serde(default)]
    skip_words: Vec<String>,
    #[serde(default)]
    not_units: Vec<String>,
    #[serde(default)]
    percent: Vec<String>,
    #[serde(default)]
    numbers: BTreeMap<String, f64>,
    #[serde(default)]
    ordinals: BTreeMap<String, f64>,
    #[serde(default)]
    scales: BTreeMap<String, f64>,
    #[serde(default)]
    currencies: BTreeMap<String, String>,
    #[serde(default)]
    plurals: BTreeMap<String, String>,
}

/// The compiled `rules/quantities.toml`.
#[derive(Clone, Debug, Default)]
pub struct QuantityRules {
    skip_words: BTreeSet<String>,
    not_units: BTreeSet<String>,
    percent: Vec<String>,
    numbers: BTreeMap<String, f64>,
    ordinals: BTreeMap<String, f64>,
    scales: BTreeMap<String, f64>,
    currencies: BTreeMap<String, String>,
    plurals: BTreeMap<String, String>,
}

/// Words that make a number a time of day, not a quantity.
const TIME_WORDS: &[&str] = &[
    "am", "pm", "a.m", "p.m", "gmt", "utc", "cet", "cest", "est", "edt", "pst", "pdt", "bst",
    "o'clock", "hrs", "local",
];

/// A token: a run of letters/digits with inner hyphens, dots, commas or apostrophes, or a
/// currency sign or percent sign on its own.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        US\$ | [$€£¥₴₽%]
      | \d[\d,]*(?:\.\d+)?(?:[-\p{L}]+)*
      | \p{L}[\p{L}'’]*(?:[-.][\p{L}]+)*\.?
      | [:/]",
    )
    .expect("the token pattern is valid")
});

#[derive(Clone, Debug)]
struct Tok<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl QuantityRules {
    /// Compile `quantities.toml` from `set`.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let f: QuantitiesFile = set.get("quantities.toml")?;
        let lower = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect();
        let lower_map = |m: BTreeMap<String, f64>| {
            m.into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect::<BTreeMap<_, _>>()
        };
        Ok(QuantityRules {
            skip_words: lower(f.skip_words),
            not_units: lower(f.not_units),
            percent: f.percent.into_iter().map(|s| s.to_lowercase()).collect(),
            numbers: lower_map(f.numbers),
            ordinals: lower_map(f.ordinals),
            scales: lower_map(f.scales),
            currencies: f.currencies,
            plurals: f
                .plurals
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
                .collect(),
        })
    }

    /// The value of a number word or compound ("twenty-eight" = 28, "a dozen" = 12,
    /// "two hundred" = 200, "28" = 28, "1,500" = 1500), cardinal or ordinal.
    pub fn number(&self, s: &str) -> Option<f64> {
        let s = s.trim().to_lowercase();
        let s = s.strip_prefix("a ").unwrap_or(&s);
        if let Some(v) = parse_digits(s) {
            return Some(v);
        }
        let words: Vec<&str> = s
            .split(|c: char| c == '-' || c.is_whitespace())
            .filter(|w| !w.is_empty() && *w != "and")
            .collect();
        if words.is_empty() {
            return None;
        }
        self.words_value(&words)
    }

    /// True for a cardinal or ordinal number word ("two", "third", "hundred").
    pub fn is_number_word(&self, w: &str) -> bool {
        let w = w.to_lowercase();
        self.numbers.contains_key(&w) || self.ordinals.contains_key(&w)
    }

    fn words_value(&self, words: &[&str]) -> Option<f64> {
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        for w in words {
            if let Some(v) = self.numbers.get(*w).or_else(|| self.ordinals.get(*w)) {
                if *v == 100.0 && *w != "dozen" {
                    current = if current == 0.0 {
                        100.0
                    } else {
                        current * 100.0
                    };
                } else {
                    current += v;
                }
                any = true;
            } else if let Some(scale) = self.scales.get(*w) {
                if *scale == 100.0 {
                    current = if current == 0.0 {
                        100.0
                    } else {
                        current * 100.0
                    };
                } else {
                    total += if current == 0.0 { 1.0 } else { current } * scale;
                    current = 0.0;
                }
                any = true;
            } else {
                return None;
            }
        }
        any.then_some(total + current)
    }

    /// The singular of an English noun: irregular plurals from the rules, then
    /// `-ies` → `-y`, `-sses`/`-xes`/`-ches`/`-shes` → drop `es`, else drop a final `s`
    /// (not after `s`, `u` or `i`: "status", "analysis").
    pub fn singular(&self, noun: &str) -> String {
        let n = noun.to_lowercase();
        if let Some(s) = self.plurals.get(&n) {
            return s.clone();
        }
        if n.len() > 4 && n.ends_with("ies") {
            return format!("{}y", &n[..n.len() - 3]);
        }
        for suffix in ["sses", "xes", "ches", "shes", "zzes"] {
            if n.ends_with(suffix) {
                return n[..n.len() - 2].to_string();
            }
        }
        if n.len() > 3
            && n.ends_with('s')
            && !n.ends_with("ss")
            && !n.ends_with("us")
            && !n.ends_with("is")
        {
            return n[..n.len() - 1].to_string();
        }
        n
    }

    fn is_percent(&self, toks: &[Tok], i: usize) -> usize {
        for p in &self.percent {
            let parts: Vec<&str> = p.split_whitespace().collect();
            if parts.is_empty() {
                continue;
            }
            let ok = parts.iter().enumerate().all(|(j, part)| {
                toks.get(i + j)
                    .is_some_and(|t| t.text.to_lowercase() == *part)
            });
            if ok {
                return parts.len();
            }
        }
        0
    }

    /// Every quantity in `text` (whose first byte is at `base` in the article), skipping
    /// numbers inside any of the `exclude` spans (dates), years standing alone and times
    /// of day.
    pub fn find(&self, text: &str, base: usize, exclude: &[Span]) -> Vec<Quantity> {
        let toks: Vec<Tok> = TOKEN
            .find_iter(text)
            .map(|m| Tok {
                text: m.as_str(),
                start: m.start(),
                end: m.end(),
            })
            .collect();
        let excluded = |t: &Tok| {
            exclude
                .iter()
                .any(|s| s.start < base + t.end && base + t.start < s.end)
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if excluded(t) {
                i += 1;
                continue;
            }
            match self.read_at(text, &toks, i) {
                Some((q, next)) => {
                    out.push(Quantity {
                        span: Span::new(base + q.span.start, base + q.span.end),
                        ..q
                    });
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    /// Read a quantity starting at token `i`: returns it (span relative to `text`) and the
    /// index of the next token to look at.
    fn read_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(Quantity, usize)> {
        let t = &toks[i];
        let mut j = i;
        let mut currency: Option<String> = None;
        if let Some(c) = self.currencies.get(t.text) {
            currency = Some(c.clone());
            j += 1;
        }
        let first = toks.get(j)?;
        if currency.is_some() && first.start != t.end {
            return None;
        }
        let lower = first.text.to_lowercase();
        let mut unit: Option<String> = None;
        let mut is_word_number = false;
        let mut is_ordinal = false;
        let mut value;
        let mut end_tok = j;
        let starts_digit = first.text.starts_with(|c: char| c.is_ascii_digit());
        if starts_digit {
            // Times "21:11", dates "12/02" and numbers glued to letters ("G7") are skipped.
            if toks
                .get(j + 1)
                .is_some_and(|n| (n.text == ":" || n.text == "/") && n.start == first.end)
            {
                return None;
            }
            let (num, rest) = split_number(first.text);
            value = parse_digits(num)?;
            if !rest.is_empty() {
                let rest_l = rest.to_lowercase();
                let rest_l = rest_l.trim_start_matches('-');
                if matches!(rest_l, "st" | "nd" | "rd" | "th") {
                    is_ordinal = true;
                } else if let Some(s) = self.scales.get(rest_l) {
                    value *= s;
                } else if rest.starts_with('-') {
                    unit = Some(self.compound_unit(rest_l));
                } else {
                    return None;
                }
            }
        } else {
            // Word numbers, possibly hyphenated with the unit: "two-hour", "twenty-eight".
            let parts: Vec<&str> = lower.split('-').collect();
            let nums: Vec<&str> = parts
                .iter()
                .copied()
                .take_while(|p| self.is_number_word(p))
                .collect();
            if nums.is_empty() {
                // "a dozen"
                if (lower == "a" || lower == "an")
                    && toks
                        .get(j + 1)
                        .is_some_and(|n| n.text.eq_ignore_ascii_case("dozen"))
                {
                    return self.finish(text, toks, i, j + 1, 12.0, currency, None, true, false);
                }
                return None;
            }
            is_word_number = true;
            is_ordinal = nums.len() == 1 && self.ordinals.contains_key(nums[0]);
            // "twenty eight", "two hundred and five", "one hundred thousand"
            let mut words: Vec<String> = nums.iter().map(|s| s.to_string()).collect();
            if nums.len() == parts.len() {
                let mut k = j + 1;
                while let Some(n) = toks.get(k) {
                    let nl = n.text.to_lowercase();
                    let is_num = self.numbers.contains_key(&nl)
                        || (self.scales.contains_key(&nl) && nl != "mln" && nl != "bn");
                    if is_num {
                        words.push(nl);
                        end_tok = k;
                        k += 1;
                    } else if nl == "and"
                        && toks
                            .get(k + 1)
                            .is_some_and(|m| self.numbers.contains_key(&m.text.to_lowercase()))
                        && words.last().is_some_and(|w| self.scales.contains_key(w))
                    {
                        k += 1;
                    } else {
                        break;
                    }
                }
            }
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            value = self.words_value(&refs)?;
            if nums.len() < parts.len() {
                unit = Some(self.compound_unit(&parts[nums.len()..].join("-")));
            }
        }
        // A scale word after digits: "85 million".
        if starts_digit
            && unit.is_none()
            && let Some(n) = toks.get(end_tok + 1)
            && let Some(s) = self.scales.get(&n.text.to_lowercase())
        {
            value *= s;
            end_tok += 1;
        }
        self.finish(
            text,
            toks,
            i,
            end_tok,
            value,
            currency,
            unit,
            is_word_number,
            is_ordinal,
        )
    }

    fn compound_unit(&self, rest: &str) -> String {
        // "point" from "-point", "year-old" from "-year-old", "hour" from "hour-long".
        let rest = rest.trim_start_matches('-').to_lowercase();
        let rest = rest.strip_suffix("-long").unwrap_or(&rest);
        match rest.split_once('-') {
            Some((first, "old")) => format!("{}-old", self.singular(first)),
            Some(_) => rest.to_string(),
            None => self.singular(rest),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        mut end_tok: usize,
        value: f64,
        currency: Option<String>,
        mut unit: Option<String>,
        is_word_number: bool,
        is_ordinal: bool,
    ) -> Option<(Quantity, usize)> {
        let first_digit = toks
            .get(i)
            .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()));
        if unit.is_none() {
            let pct = self.is_percent(toks, end_tok + 1);
            if pct > 0
                && toks
                    .get(end_tok + 1)
                    .is_some_and(|n| n.text == "%" || n.start > toks[end_tok].end)
            {
                unit = Some("percent".into());
                end_tok += pct;
            }
        }
        if unit.is_none() && currency.is_none() {
            // The noun after the number, over adjectives such as "earlier".
            let mut k = end_tok + 1;
            let mut skipped = 0;
            while let Some(n) = toks.get(k) {
                let nl = n.text.to_lowercase();
                let nl = nl.trim_end_matches('.');
                if TIME_WORDS.contains(&nl) {
                    return None;
                }
                if self.skip_words.contains(nl) && skipped < 2 {
                    skipped += 1;
                    k += 1;
                    continue;
                }
                let plain = n.text.chars().all(|c| c.is_alphabetic() || c == '-');
                let lowercase = n.text.chars().next().is_some_and(char::is_lowercase);
                if plain && lowercase && !self.not_units.contains(nl) && !self.is_number_word(nl) {
                    unit = Some(self.singular(nl));
                    end_tok = k;
                }
                break;
            }
        }
        // Years standing alone ("in 2025") are dates, not quantities.
        if first_digit
            && unit.is_none()
            && currency.is_none()
            && !is_ordinal
            && (1800.0..=2100.0).contains(&value)
            && toks.get(i).is_some_and(|t| t.text.len() == 4)
        {
            return None;
        }
        if currency.is_some() && unit.is_none() {
            unit = currency;
        }
        // A word number or an ordinal means nothing without its noun ("one of them",
        // "at first").
        if (is_word_number || is_ordinal) && unit.is_none() {
            return None;
        }
        let start = toks.get(i)?.start;
        let end = toks.get(end_tok)?.end;
        Some((
            Quantity {
                text: text.get(start..end)?.to_string(),
                value,
                // Units are few: one shared copy of each.
                unit: unit.as_deref().map(SharedStr::pooled),
                span: Span::new(start, end),
            },
            end_tok + 1,
        ))
    }
}

/// Split "28-point" into ("28", "-point"), "6th" into ("6", "th"), "1,500" into
/// ("1,500", "").
fn split_number(s: &str) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|(i, c)| {
            !(c.is_ascii_digit()
                || ((*c == ',' || *c == '.')
                    && s[i + 1..].starts_with(|d: char| d.is_ascii_digit())))
        })
        .map_or(s.len(), |(i, _)| i);
    (&s[..end], &s[end..])
}

/// "1,500" → 1500, "2.5" → 2.5.
fn parse_digits(s: &str) -> Option<f64> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let cleaned: String = s.chars().filter(|c| *c != ',').collect();
    cleaned.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> QuantityRules {
        QuantityRules::compile(&RuleSet::embedded()).unwrap()
    }

    fn found(text: &str) -> Vec<(String, f64, Option<String>)> {
        rules()
            .find(text, 0, &[])
            .into_iter()
            .map(|q| (q.text, q.value, q.unit.map(String::from)))
            .collect()
    }

    fn q(text: &str, v: f64, unit: Option<&str>) -> (String, f64, Option<String>) {
        (text.to_string(), v, unit.map(str::to_string))
    }

    #[test]
    fn hyphenated_compounds_give_their_unit() {
        assert_eq!(
            found("the 28-point peace plan"),
            vec![q("28-point", 28.0, Some("point"))]
        );
        assert_eq!(
            found("a two-hour conversation"),
            vec![q("two-hour", 2.0, Some("hour"))]
        );
        assert_eq!(
            found("The 24-year-old striker"),
            vec![q("24-year-old", 24.0, Some("year-old"))]
        );
    }

    #[test]
    fn digits_and_words_count_the_following_noun() {
        assert_eq!(
            found("27 points divided into four packages"),
            vec![
                q("27 points", 27.0, Some("point")),
                q("four packages", 4.0, Some("package"))
            ]
        );
        assert_eq!(
            found("rejected two earlier bids"),
            vec![q("two earlier bids", 2.0, Some("bid"))]
        );
        assert_eq!(
            found("twenty-eight countries signed"),
            vec![q("twenty-eight countries", 28.0, Some("country"))]
        );
        assert_eq!(
            found("one hundred and twenty people were evacuated"),
            vec![q("one hundred and twenty people", 120.0, Some("person"))]
        );
    }

    #[test]
    fn ordinals_scales_currencies_and_percent() {
        assert_eq!(
            found("their 6th meeting"),
            vec![q("6th meeting", 6.0, Some("meeting"))]
        );
        assert_eq!(
            found("the third round of talks"),
            vec![q("third round", 3.0, Some("round"))]
        );
        assert_eq!(
            found("a deal worth 85 million euros"),
            vec![q("85 million euros", 85e6, Some("euro"))]
        );
        assert_eq!(
            found("a $50 billion fund"),
            vec![q("$50 billion", 50e9, Some("dollar"))]
        );
        assert_eq!(
            found("inflation rose 3.5% in May and 4 percent in June"),
            vec![
                q("3.5%", 3.5, Some("percent")),
                q("4 percent", 4.0, Some("percent"))
            ]
        );
        assert_eq!(
            found("about 1,500 troops"),
            vec![q("1,500 troops", 1500.0, Some("troop"))]
        );
    }

    #[test]
    fn times_years_pronoun_one_and_bare_ordinals_are_not_quantities() {
        assert!(found("at 10 a.m. local time").is_empty());
        assert!(found("updated 21:11 GMT").is_empty());
        assert!(found("in 2025 the plan").is_empty());
        assert!(found("One of them said no one would go").is_empty());
        assert!(found("at first he refused").is_empty());
        assert!(found("for the first time").is_empty());
    }

    #[test]
    fn numbers_without_a_noun_keep_no_unit() {
        assert_eq!(
            found("the score was 3 to 1"),
            vec![q("3", 3.0, None), q("1", 1.0, None)]
        );
    }

    #[test]
    fn excluded_spans_are_skipped() {
        let r = rules();
        let text = "on Dec. 2 they discussed 20 points";
        let got = r.find(text, 0, &[Span::new(3, 9)]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].value, 20.0);
    }

    #[test]
    fn singular_handles_common_plurals() {
        let r = rules();
        for (p, s) in [
            ("points", "point"),
            ("countries", "country"),
            ("packages", "package"),
            ("taxes", "tax"),
            ("matches", "match"),
            ("people", "person"),
            ("status", "status"),
            ("crises", "crisis"),
            ("hours", "hour"),
            ("euros", "euro"),
        ] {
            assert_eq!(r.singular(p), s);
        }
    }

    #[test]
    fn number_reads_words_and_digits() {
        let r = rules();
        assert_eq!(r.number("two"), Some(2.0));
        assert_eq!(r.number("twenty-eight"), Some(28.0));
        assert_eq!(r.number("a dozen"), Some(12.0));
        assert_eq!(r.number("1,500"), Some(1500.0));
        assert_eq!(r.number("three million"), Some(3e6));
        assert_eq!(r.number("seventh"), Some(7.0));
        assert_eq!(r.number("many"), None);
    }
}
