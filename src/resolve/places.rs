//! The gazetteer (`rules/places.toml`): places with aliases and containment, place
//! mentions in text, and [`Gazetteer::compatible`] (one place contains the other).
//!
//! Owns: place ids, names and the containment graph. Does not own: deciding whether two
//! claims' places contradict (`compare`), which only asks this module whether they are
//! compatible.

use crate::error::{Error, Result};
use crate::model::{Place, SharedStr, Span};
use crate::rules::RuleSet;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceRule {
    id: String,
    name: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default, rename = "in")]
    parents: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    #[serde(default)]
    place: Vec<PlaceRule>,
}

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceInfo {
    /// Stable id ("miami").
    pub id: String,
    /// Canonical name ("Miami").
    pub name: String,
    /// "city", "country", ... (informational).
    pub kind: String,
    /// Ids of the places that directly contain it.
    pub parents: Vec<String>,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Adjective and people ("Ukrainian", "Ukrainians"): words for the place that are not
    /// mentions of it.
    pub demonyms: Vec<String>,
}

/// The compiled gazetteer.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    places: BTreeMap<String, PlaceInfo>,
    /// Every place that contains each place, transitively.
    ancestors: BTreeMap<String, BTreeSet<String>>,
    /// Lowercase ASCII key of every name and alias → id.
    by_key: BTreeMap<String, String>,
    /// Lowercase ASCII key of every demonym → id.
    demonyms: BTreeMap<String, String>,
    matcher: Option<AhoCorasick>,
    /// Pattern index → place id.
    pattern_ids: Vec<SharedStr>,
}

/// Capitalised words that may follow a place name without making it part of a longer
/// proper name ("in Paris Monday").
const CALENDAR_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// Capitalised words that may stand before a place name at the start of a sentence.
const LEADING_WORDS: &[&str] = &[
    "In",
    "At",
    "From",
    "To",
    "The",
    "And",
    "But",
    "For",
    "On",
    "With",
    "By",
    "Near",
    "Outside",
    "Inside",
    "Across",
    "Around",
    "Throughout",
    "Into",
    "Via",
    "Like",
    "Both",
    "Neither",
    "Either",
    "Unlike",
    "Against",
    "Between",
    "Within",
    "While",
    "After",
    "Before",
    "Since",
    "As",
    "If",
    "When",
    "Where",
    "Of",
    "Over",
    "Under",
    "Beyond",
    "Including",
    "Only",
    "Even",
    "Also",
    "Meanwhile",
    "Then",
    "Now",
    "Today",
    "Yesterday",
    "Tomorrow",
    "That",
    "This",
];

/// Prepositions that make a place mention a location ("in Moscow", "to Florida").
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "to",
    "from",
    "into",
    "across",
    "throughout",
    "around",
    "toward",
    "towards",
    "via",
    "within",
    "visit",
    "visited",
    "visiting",
    "reach",
    "reached",
    "left",
    "leave",
    "leaving",
    "arrived",
    "arrive",
    "arriving",
];

/// Lowercase ASCII lookup key of a place name ("the U.S." → "us", "Kyiv" → "kyiv").
fn place_key(s: &str) -> String {
    let k = crate::resolve::names::key(s);
    let k = k.strip_prefix("the ").unwrap_or(&k).to_string();
    // "U.S." → "u s" → "us"
    let parts: Vec<&str> = k.split(' ').collect();
    if parts.len() > 1 && parts.iter().all(|p| p.len() == 1) {
        parts.concat()
    } else {
        k
    }
}

impl Gazetteer {
    /// Compile `places.toml` from `set`: unknown parents and containment cycles are errors.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let f: PlacesFile = set.get("places.toml")?;
        let path = set.path_of("places.toml");
        let mut places: BTreeMap<String, PlaceInfo> = BTreeMap::new();
        for r in f.place {
            if r.id.trim().is_empty() || r.name.trim().is_empty() {
                return Err(Error::RuleInvalid {
                    path,
                    rule: r.id,
                    message: "a place needs an id and a name".into(),
                });
            }
            match places.get_mut(&r.id) {
                Some(p) => {
                    if p.name != r.name {
                        p.aliases.push(r.name);
                    }
                    p.aliases.extend(r.aliases);
                    p.parents.extend(r.parents);
                    p.demonyms.extend(r.demonyms);
                }
                None => {
                    places.insert(
                        r.id.clone(),
                        PlaceInfo {
                            id: r.id,
                            name: r.name,
                            kind: r.kind.unwrap_or_else(|| "place".into()),
                            parents: r.parents,
                            aliases: r.aliases,
                            demonyms: r.demonyms,
                        },
                    );
                }
            }
        }
        for p in places.values() {
            for parent in &p.parents {
                if !places.contains_key(parent) {
                    return Err(Error::RuleInvalid {
                        path: path.clone(),
                        rule: p.id.clone(),
                        message: format!("`in` names {parent:?}, which is not a place id"),
                    });
                }
            }
        }
        let mut ancestors = BTreeMap::new();
        for id in places.keys() {
            let mut seen = BTreeSet::new();
            let mut stack: Vec<&str> = places[id].parents.iter().map(String::as_str).collect();
            while let Some(p) = stack.pop() {
                if p == id {
                    return Err(Error::RuleInvalid {
                        path: path.clone(),
                        rule: id.clone(),
                        message: "the place contains itself through its `in` chain".into(),
                    });
                }
                if seen.insert(p.to_string())
                    && let Some(info) = places.get(p)
                {
                    stack.extend(info.parents.iter().map(String::as_str));
                }
            }
            ancestors.insert(id.clone(), seen);
        }
        let mut by_key = BTreeMap::new();
        let mut patterns: BTreeMap<String, String> = BTreeMap::new();
        for p in places.values() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                let k = place_key(n);
                if k.is_empty() {
                    continue;
                }
                if let Some(other) = by_key.get(&k)
                    && other != &p.id
                {
                    return Err(Error::RuleInvalid {
                        path: path.clone(),
                        rule: n.clone(),
                        message: format!(
                            "the name is used by both {other:?} and {:?}; make it unique",
                            p.id
                        ),
                    });
                }
                by_key.insert(k, p.id.clone());
                let written = n.strip_prefix("the ").unwrap_or(n);
                patterns.insert(written.to_string(), p.id.clone());
            }
        }
        let mut demonyms = BTreeMap::new();
        for p in places.values() {
            for d in &p.demonyms {
                let k = place_key(d);
                if let Some(other) = demonyms.insert(k, p.id.clone())
                    && other != p.id
                {
                    return Err(Error::RuleInvalid {
                        path: path.clone(),
                        rule: d.clone(),
                        message: format!(
                            "the demonym is used by both {other:?} and {:?}; make it unique",
                            p.id
                        ),
                    });
                }
            }
        }
        let (pats, pattern_ids): (Vec<String>, Vec<String>) = patterns.into_iter().unzip();
        let matcher = if pats.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&pats)
                    .map_err(|e| Error::RuleInvalid {
                        path: path.clone(),
                        rule: "(place names)".into(),
                        message: e.to_string(),
                    })?,
            )
        };
        Ok(Gazetteer {
            places,
            ancestors,
            by_key,
            demonyms,
            matcher,
            pattern_ids: pattern_ids.into_iter().map(SharedStr::from).collect(),
        })
    }

    /// The place with id `id`.
    pub fn get(&self, id: &str) -> Option<&PlaceInfo> {
        self.places.get(id)
    }

    /// The place a name refers to ("Kiev", "the U.S.", "Hallandale Beach"), ignoring case,
    /// accents and a leading "the".
    pub fn lookup(&self, name: &str) -> Option<&PlaceInfo> {
        self.by_key
            .get(&place_key(name))
            .and_then(|id| self.places.get(id))
    }

    /// The place a demonym is of ("Ukrainian", "Americans"), ignoring case and accents.
    pub fn demonym(&self, word: &str) -> Option<&PlaceInfo> {
        self.demonyms
            .get(&place_key(word))
            .and_then(|id| self.places.get(id))
    }

    /// Every place in the gazetteer, by id.
    pub fn places(&self) -> impl Iterator<Item = &PlaceInfo> {
        self.places.values()
    }

    /// True when `outer` contains `inner`, directly or through intermediate places.
    pub fn contains(&self, outer: &str, inner: &str) -> bool {
        self.ancestors.get(inner).is_some_and(|a| a.contains(outer))
    }

    /// Two places never contradict when they are the same or one contains the other
    /// ("florida" / "miami"; "europe" / "brussels"); "moscow" / "kyiv" are not compatible.
    /// Unknown ids are compatible only with themselves.
    pub fn compatible(&self, a: &str, b: &str) -> bool {
        a == b || self.contains(a, b) || self.contains(b, a)
    }

    /// Every place that contains `id`, nearest first is not guaranteed (sorted by id).
    pub fn ancestors(&self, id: &str) -> impl Iterator<Item = &str> {
        self.ancestors
            .get(id)
            .into_iter()
            .flat_map(|s| s.iter().map(String::as_str))
    }

    /// Place mentions in `text` (whose first byte is at `base` in the article), longest
    /// names first. Skipped: possessives ("Kyiv's push": an actor, not a location),
    /// hyphenated compounds ("U.S.-backed", "Russian-U.S."), and names that are part of a
    /// longer proper name ("Kyiv Independent", "Washington Post", "Michael Jordan"); a
    /// demonym before a place does not make a longer name ("the Ukrainian Donbas").
    pub fn find(&self, text: &str, base: usize) -> Vec<Place> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for hit in m.find_iter(text) {
            let (s, e) = (hit.start(), hit.end());
            let before = &text[..s];
            let after = &text[e..];
            let prev = before.chars().next_back();
            let next = after.chars().next();
            // Mid-word, or after a hyphen ("Russian-U.S.") or an apostrophe.
            if prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')) {
                continue;
            }
            let matched = &text[s..e];
            let ends_with_dot = matched.ends_with('.');
            if next.is_some_and(|c| c.is_alphanumeric()) && !ends_with_dot {
                continue;
            }
            if after.starts_with('-') && after[1..].chars().next().is_some_and(char::is_alphabetic)
            {
                continue;
            }
            if after.starts_with("'s") || after.starts_with("’s") {
                continue;
            }
            // Part of a longer proper name: a capitalised word follows or precedes.
            let next_word: String = after
                .trim_start_matches([' ', '\u{a0}'])
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            let spaced_after = after.starts_with(' ') || after.starts_with('\u{a0}');
            if spaced_after
                && next_word.chars().next().is_some_and(char::is_uppercase)
                && !CALENDAR_WORDS.contains(&next_word.as_str())
            {
                continue;
            }
            let prev_word: String = {
                let t = before.trim_end_matches([' ', '\u{a0}']);
                let w: String = t.chars().rev().take_while(|c| c.is_alphabetic()).collect();
                w.chars().rev().collect()
            };
            let spaced_before = before.ends_with(' ') || before.ends_with('\u{a0}');
            if spaced_before
                && prev_word.chars().next().is_some_and(char::is_uppercase)
                && !LEADING_WORDS.contains(&prev_word.as_str())
                && !CALENDAR_WORDS.contains(&prev_word.as_str())
                // "the Ukrainian Donbas": a demonym before a place is not a longer name.
                && self.demonym(&prev_word).is_none()
            {
                continue;
            }
            let id = self.pattern_ids.get(hit.pattern().as_usize()).cloned();
            out.push(Place {
                text: SharedStr::pooled(matched),
                id,
                span: Span::new(base + s, base + e),
            });
        }
        out
    }
}

/// True when the place mention at `span` of `text` is introduced by a locative word
/// ("in Moscow", "talks at Mar-a-Lago", "traveled to Florida"), i.e. it says where
/// something happened rather than naming an actor ("Moscow said") or a nationality
/// ("U.S. envoys").
pub fn is_locative(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).unwrap_or("");
    let word: String = before
        .trim_end()
        .trim_end_matches("the")
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .chars()
        .rev()
        .collect::<String>()
        .to_lowercase();
    LOCATIVE.contains(&word.as_str())
}

/// The comparer's view of places: its keys are `place:ID` for places the gazetteer
/// resolved, and any other key (an unresolved name) is compatible only with itself.
impl crate::compare::Lookup for Gazetteer {
    fn places_compatible(&self, a: &str, b: &str) -> bool {
        match (a.strip_prefix("place:"), b.strip_prefix("place:")) {
            (Some(x), Some(y)) => self.compatible(x, y),
            _ => a == b,
        }
    }

    fn demonym_of(&self, word: &str) -> Option<&str> {
        self.demonym(word).map(|p| p.name.as_str())
    }

    fn too_broad(&self, a: &str) -> bool {
        a.strip_prefix("place:")
            .and_then(|id| self.get(id))
            .is_some_and(|p| p.kind == "continent")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::compile(&RuleSet::embedded()).unwrap()
    }

    #[test]
    fn containment_is_transitive() {
        let g = gaz();
        assert!(g.contains("florida", "hallandale-beach"));
        assert!(g.contains("united-states", "miami"));
        assert!(g.contains("north-america", "miami"));
        assert!(g.contains("belgium", "brussels"));
        assert!(g.contains("ukraine", "kyiv"));
        assert!(g.contains("ukraine", "pokrovsk"));
        assert!(g.contains("donbas", "kramatorsk"));
        assert!(g.contains("switzerland", "geneva"));
        assert!(!g.contains("miami", "florida"));
    }

    #[test]
    fn compatible_places_do_not_contradict() {
        let g = gaz();
        assert!(g.compatible("florida", "miami"));
        assert!(g.compatible("miami", "florida"));
        assert!(g.compatible("europe", "brussels"));
        assert!(g.compatible("russia", "moscow"));
        assert!(!g.compatible("moscow", "kyiv"));
        assert!(!g.compatible("geneva", "paris"));
        assert!(!g.compatible("florida", "texas"));
        assert!(g.compatible("nowhere", "nowhere"));
        assert!(!g.compatible("nowhere", "kyiv"));
    }

    #[test]
    fn aliases_resolve_to_one_place() {
        let g = gaz();
        for (name, id) in [
            ("Kiev", "kyiv"),
            ("Kyiv", "kyiv"),
            ("US", "united-states"),
            ("U.S.", "united-states"),
            ("the United States", "united-states"),
            ("America", "united-states"),
            ("UK", "united-kingdom"),
            ("Britain", "united-kingdom"),
            ("Odessa", "odesa"),
            ("Donbass", "donbas"),
            ("Genève", "geneva"),
            ("Washington", "district-of-columbia"),
        ] {
            assert_eq!(g.lookup(name).map(|p| p.id.as_str()), Some(id), "{name}");
        }
        assert!(g.lookup("Atlantis").is_none());
    }

    #[test]
    fn find_skips_possessives_compounds_and_longer_names() {
        let g = gaz();
        let text = "Talks in Moscow on Dec. 2 followed talks in Hallandale Beach, Florida, \
                    and a U.S.-backed plan; Kyiv's push was reported by the Kyiv Independent \
                    and The Washington Post. Zelenskyy was in Paris Monday.";
        let found: Vec<(String, Option<String>)> = g
            .find(text, 0)
            .into_iter()
            .map(|p| (p.text.to_string(), p.id.map(String::from)))
            .collect();
        let names: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            names,
            vec!["Moscow", "Hallandale Beach", "Florida", "Paris"]
        );
        assert_eq!(found[1].1.as_deref(), Some("hallandale-beach"));
    }

    #[test]
    fn demonyms_name_their_country_and_do_not_lengthen_a_place_name() {
        let g = gaz();
        assert_eq!(
            g.demonym("Ukrainian").map(|p| p.id.as_str()),
            Some("ukraine")
        );
        assert_eq!(
            g.demonym("americans").map(|p| p.id.as_str()),
            Some("united-states")
        );
        assert!(g.demonym("Donbas").is_none());
        // A demonym before a place is not part of a longer name; a name before it is.
        let names =
            |t: &str| -> Vec<String> { g.find(t, 0).into_iter().map(|p| p.text.into()).collect() };
        assert_eq!(names("surrender the Ukrainian Donbas"), vec!["Donbas"]);
        assert!(names("the Kyiv Independent reported").is_empty());
    }

    #[test]
    fn one_demonym_for_two_places_is_an_error() {
        let mut set = RuleSet::embedded();
        set.push(
            "places.toml",
            crate::rules::RuleSource {
                path: "user/places.toml".into(),
                text: "[[place]]\nid = \"ruritania\"\nname = \"Ruritania\"\ndemonyms = [\"Ukrainian\"]\n".into(),
            },
        );
        let e = Gazetteer::compile(&set).unwrap_err().to_string();
        assert!(
            e.contains("Ukrainian") && e.contains("make it unique"),
            "{e}"
        );
    }

    #[test]
    fn spans_are_offset_by_base() {
        let g = gaz();
        let p = g.find("met in Geneva.", 100);
        assert_eq!(p[0].span, Span::new(107, 113));
    }

    #[test]
    fn locative_mentions_follow_prepositions() {
        let text = "They met in Moscow. Moscow said no. U.S. envoys flew to the United States.";
        let g = gaz();
        let found = g.find(text, 0);
        let loc: Vec<bool> = found.iter().map(|p| is_locative(text, p.span)).collect();
        let names: Vec<&str> = found.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(names, vec!["Moscow", "Moscow", "U.S.", "United States"]);
        assert_eq!(loc, vec![true, false, false, true]);
    }

    #[test]
    fn the_comparer_sees_containment_through_place_keys() {
        use crate::compare::Lookup;
        let g = gaz();
        assert!(g.places_compatible("place:paris", "place:europe"));
        assert!(g.places_compatible("place:europe", "place:paris"));
        assert!(!g.places_compatible("place:paris", "place:moscow"));
        assert!(!g.places_compatible("elysee", "place:paris"));
        assert!(g.places_compatible("elysee", "elysee"));
        assert!(g.too_broad("place:europe"));
        assert!(!g.too_broad("place:paris") && !g.too_broad("place:donbas"));
    }
}
