//! Canonical entities: the table in `rules/entities.toml` (plus every outlet of
//! `rules/outlets.toml`), and [`EntityIndex`], which assigns every speaker, cited outlet
//! and article outlet of a corpus to one canonical entity, clustering the names no rule
//! knows.
//!
//! Owns: entity ids and canonical names, alias lookup, the corpus clustering of person
//! names (with [`super::names::NameRules`]), roles bound to people, and the rows of
//! `crosscheck entities`. Does not own: how names are compared (`names`), or what the
//! extractor decided a speaker phrase is (`extract`).
//!
//! Clustering, in order (README.md ("Resolving") has the full account):
//! 1. An exact alias of a rule entity wins (case, accents, apostrophes, a leading "the"
//!    and dots in initials do not matter).
//! 2. Full names (given name and surname) are taken fullest first; each joins the one
//!    rule entity it can be (`NameRules::same_person` against any of its spellings), or
//!    else the one corpus cluster it can be (against every member: complete linkage, so
//!    no chains), or else starts a cluster. Two or more candidates: it starts its own
//!    cluster, marked ambiguous.
//! 3. A surname alone joins the one candidate with that surname mentioned in the same
//!    article; else the one candidate in the corpus and the rules; else the one whose
//!    roles match the mention's role; else it stays on its own, marked ambiguous.

use super::names::{NameRules, PersonName, key, looks_like_name_token, role_key, skeleton};
use crate::error::{Error, Result};
use crate::model::{Article, Claim, SharedStr, Span, SpeakerKind, Status};
use crate::rules::RuleSet;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A government, institution, company or group.
    #[serde(alias = "organization")]
    Organisation,
    /// A news outlet or wire service.
    Outlet,
}

impl EntityKind {
    /// The speaker kind for this entity kind.
    pub fn speaker_kind(self) -> SpeakerKind {
        match self {
            EntityKind::Person => SpeakerKind::Person,
            EntityKind::Organisation => SpeakerKind::Organisation,
            EntityKind::Outlet => SpeakerKind::Outlet,
        }
    }

    /// "person", "organisation" or "outlet".
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Outlet => "outlet",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityRule {
    #[serde(default)]
    id: Option<String>,
    kind: EntityKind,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    metonyms: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitiesFile {
    #[serde(default)]
    entity: Vec<EntityRule>,
}

/// The part of `rules/outlets.toml` the resolver reads (the extractor owns the file; other
/// keys are ignored here).
#[derive(Debug, Deserialize)]
struct OutletEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    wire: bool,
}

#[derive(Debug, Default, Deserialize)]
struct OutletsFile {
    #[serde(default)]
    outlet: Vec<OutletEntry>,
}

/// One canonical entity from the rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Stable id ("marco-rubio").
    pub id: String,
    /// Person, organisation or outlet.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Titles and descriptions that refer to it.
    pub roles: Vec<String>,
    /// Place id of its country, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Names that stand for it only as a speaker ("Moscow said").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metonyms: Vec<String>,
    /// A wire service (from `rules/outlets.toml`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub wire: bool,
}

/// A lowercase id made from a name: "Marco Rubio" → "marco-rubio".
pub fn slug(name: &str) -> String {
    let k = key(name);
    let mut out = String::with_capacity(k.len());
    for c in k.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The lookup key of a name: [`key`], a leading "the" dropped and runs of single letters
/// joined ("The U.S. State Department" → "us state department", "J. D. Vance" →
/// "jd vance").
pub fn entity_key(name: &str) -> String {
    let k = key(name);
    let k = k.strip_prefix("the ").unwrap_or(&k);
    let mut out: Vec<String> = Vec::new();
    let mut letters = String::new();
    for w in k.split(' ').filter(|w| !w.is_empty()) {
        if w.len() == 1 {
            letters.push_str(w);
        } else {
            if !letters.is_empty() {
                out.push(std::mem::take(&mut letters));
            }
            out.push(w.to_string());
        }
    }
    if !letters.is_empty() {
        out.push(letters);
    }
    out.join(" ")
}

/// Strip what an outlet credit carries around the name: "Source(s): Reuters",
/// "Sources: AP", "(Reuters)", "the Kyiv Independent's".
pub fn outlet_core(name: &str) -> &str {
    let mut s = name.trim();
    for p in [
        "Source(s):",
        "Sources:",
        "Source:",
        "source(s):",
        "sources:",
        "source:",
        "Via",
        "via",
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest.trim();
        }
    }
    s = s.trim_matches(|c: char| c == '(' || c == ')' || c == '.' || c.is_whitespace());
    for suffix in ["'s", "’s"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
        }
    }
    s
}

/// The compiled entity table.
#[derive(Clone, Debug)]
pub struct EntityTable {
    entities: Vec<Entity>,
    by_id: BTreeMap<String, usize>,
    by_key: BTreeMap<String, usize>,
    metonyms: BTreeMap<String, usize>,
    /// Parsed full-name spellings of people: (entity, name).
    person_forms: Vec<(usize, PersonName)>,
    /// Blocking key (surname skeleton or DM code) → indices into `person_forms`.
    person_block: BTreeMap<String, Vec<usize>>,
    /// Role key → entities.
    roles: BTreeMap<String, BTreeSet<usize>>,
    scanner: Option<AhoCorasick>,
    scan_targets: Vec<usize>,
}

/// Blocking keys of a surname: its skeleton and its Daitch-Mokotoff codes. Two surnames
/// that [`NameRules::surnames_match`] always share one.
fn block_keys(names: &NameRules, surname: &str) -> Vec<String> {
    let mut v = vec![format!("s:{}", skeleton(surname))];
    v.extend(
        names
            .dm_codes(surname)
            .into_iter()
            .map(|c| format!("d:{c}")),
    );
    v
}

impl EntityTable {
    /// Compile `entities.toml` and the outlets of `outlets.toml`. Duplicate ids merge;
    /// an alias claimed by two entities is an error.
    pub fn compile(set: &RuleSet, names: &NameRules) -> Result<Self> {
        let f: EntitiesFile = set.get("entities.toml")?;
        let o: OutletsFile = set.get("outlets.toml")?;
        let path = set.path_of("entities.toml");
        let mut entities: Vec<Entity> = Vec::new();
        let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
        let mut outlet_names: BTreeMap<String, usize> = BTreeMap::new();
        for out in o.outlet {
            let id = slug(&out.name);
            if id.is_empty() || by_id.contains_key(&id) {
                continue;
            }
            outlet_names.insert(entity_key(&out.name), entities.len());
            by_id.insert(id.clone(), entities.len());
            entities.push(Entity {
                id,
                kind: EntityKind::Outlet,
                name: out.name,
                aliases: out.aliases,
                roles: vec![],
                country: None,
                metonyms: vec![],
                wire: out.wire,
            });
        }
        for r in f.entity {
            let id = r.id.clone().unwrap_or_else(|| slug(&r.name));
            if id.is_empty() || r.name.trim().is_empty() {
                return Err(Error::RuleInvalid {
                    path,
                    rule: r.name,
                    message: "an entity needs a name (and an id made of letters or digits)".into(),
                });
            }
            let existing = by_id.get(&id).copied().or_else(|| {
                (r.kind == EntityKind::Outlet)
                    .then(|| outlet_names.get(&entity_key(&r.name)).copied())
                    .flatten()
            });
            match existing {
                Some(i) => {
                    let e = &mut entities[i];
                    if e.kind != r.kind {
                        return Err(Error::RuleInvalid {
                            path,
                            rule: id,
                            message: format!(
                                "defined as {} and as {}",
                                e.kind.as_str(),
                                r.kind.as_str()
                            ),
                        });
                    }
                    if e.name != r.name {
                        e.aliases.push(r.name);
                    }
                    e.aliases.extend(r.aliases);
                    e.roles.extend(r.roles);
                    e.metonyms.extend(r.metonyms);
                    if r.country.is_some() {
                        e.country = r.country;
                    }
                    by_id.entry(id).or_insert(i);
                }
                None => {
                    by_id.insert(id.clone(), entities.len());
                    entities.push(Entity {
                        id,
                        kind: r.kind,
                        name: r.name,
                        aliases: r.aliases,
                        roles: r.roles,
                        country: r.country,
                        metonyms: r.metonyms,
                        wire: false,
                    });
                }
            }
        }
        let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
        let mut metonyms = BTreeMap::new();
        let mut person_forms = Vec::new();
        let mut person_block: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut roles: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        let mut patterns: BTreeMap<String, usize> = BTreeMap::new();
        for (i, e) in entities.iter().enumerate() {
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                let k = entity_key(n);
                if k.is_empty() {
                    continue;
                }
                if let Some(j) = by_key.get(&k)
                    && *j != i
                {
                    return Err(Error::RuleInvalid {
                        path: path.clone(),
                        rule: n.clone(),
                        message: format!(
                            "the alias belongs to both {:?} and {:?}; keep it on one",
                            entities[*j].id, e.id
                        ),
                    });
                }
                by_key.insert(k, i);
                if e.kind != EntityKind::Outlet {
                    let written = n.strip_prefix("The ").unwrap_or(n);
                    let written = written.strip_prefix("the ").unwrap_or(written);
                    patterns.entry(written.to_string()).or_insert(i);
                }
                if e.kind == EntityKind::Person
                    && let Some(p) = names.parse(n)
                    && !p.is_surname_only()
                {
                    let idx = person_forms.len();
                    for b in block_keys(names, &p.surname)
                        .into_iter()
                        .chain(p.alt_surname.iter().flat_map(|a| block_keys(names, a)))
                    {
                        person_block.entry(b).or_default().push(idx);
                    }
                    person_forms.push((i, p));
                }
            }
            for m in &e.metonyms {
                metonyms.insert(entity_key(m), i);
            }
            for r in &e.roles {
                roles.entry(role_key(r)).or_default().insert(i);
            }
        }
        let (pats, scan_targets): (Vec<String>, Vec<usize>) = patterns.into_iter().unzip();
        let scanner = if pats.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&pats)
                    .map_err(|e| Error::RuleInvalid {
                        path: path.clone(),
                        rule: "(entity names)".into(),
                        message: e.to_string(),
                    })?,
            )
        };
        Ok(EntityTable {
            entities,
            by_id,
            by_key,
            metonyms,
            person_forms,
            person_block,
            roles,
            scanner,
            scan_targets,
        })
    }

    /// Every entity, in rule order (outlets of `outlets.toml` first).
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with id `id`.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|i| &self.entities[*i])
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        self.by_key.get(&entity_key(name)).copied()
    }

    /// The entity a name is an exact alias of ("Zelensky", "the Kremlin", "NYT").
    pub fn lookup(&self, name: &str) -> Option<&Entity> {
        self.index_of(name).map(|i| &self.entities[i])
    }

    /// The outlet a credit names ("Source(s): Reuters", "the Kyiv Independent", "NYT").
    pub fn outlet(&self, name: &str) -> Option<&Entity> {
        self.lookup(outlet_core(name))
            .filter(|e| e.kind == EntityKind::Outlet)
    }

    /// Entities with a role whose words include all of `role`'s and end with the same
    /// word ("the Russian leader" → Putin; "the president" → every president).
    pub fn with_role(&self, role: &str) -> Vec<&Entity> {
        self.role_matches(role)
            .into_iter()
            .map(|i| &self.entities[i])
            .collect()
    }

    fn role_matches(&self, role: &str) -> BTreeSet<usize> {
        let k = role_key(role);
        let mut out = BTreeSet::new();
        for (rk, ids) in &self.roles {
            if role_covers(rk, &k) {
                out.extend(ids.iter().copied());
            }
        }
        out
    }

    /// Rule people a parsed full name can be (against any of their spellings).
    fn person_candidates(&self, names: &NameRules, p: &PersonName) -> BTreeSet<usize> {
        let mut seen = BTreeSet::new();
        let mut out = BTreeSet::new();
        let keys = block_keys(names, &p.surname)
            .into_iter()
            .chain(p.alt_surname.iter().flat_map(|a| block_keys(names, a)));
        for b in keys {
            for &fi in self.person_block.get(&b).into_iter().flatten() {
                if !seen.insert(fi) {
                    continue;
                }
                let (ei, form) = &self.person_forms[fi];
                if names.same_person(p, form) {
                    out.insert(*ei);
                }
            }
        }
        out
    }

    /// Rule people whose surname a surname-only mention can be.
    fn surname_candidates(&self, names: &NameRules, surname: &str) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for b in block_keys(names, surname) {
            for &fi in self.person_block.get(&b).into_iter().flatten() {
                let (ei, form) = &self.person_forms[fi];
                if form
                    .surname_keys()
                    .any(|s| names.surnames_match(s, surname))
                {
                    out.insert(*ei);
                }
            }
        }
        out
    }

    /// Mentions of rule people and organisations in `text` (case-sensitive whole words,
    /// longest first): (entity, span).
    pub fn scan(&self, text: &str) -> Vec<(&Entity, Span)> {
        self.scan_idx(text)
            .into_iter()
            .map(|(i, s)| (&self.entities[i], s))
            .collect()
    }

    fn scan_idx(&self, text: &str) -> Vec<(usize, Span)> {
        let Some(m) = &self.scanner else {
            return vec![];
        };
        let mut out = Vec::new();
        for hit in m.find_iter(text) {
            let prev = text[..hit.start()].chars().next_back();
            let next = text[hit.end()..].chars().next();
            if prev.is_some_and(|c| c.is_alphanumeric() || c == '-')
                || next.is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            if let Some(&e) = self.scan_targets.get(hit.pattern().as_usize()) {
                out.push((e, Span::new(hit.start(), hit.end())));
            }
        }
        out
    }
}

/// True when role key `have` can be what role key `asked` refers to: every word of
/// `asked` is in `have` and both end with the same word.
fn role_covers(have: &str, asked: &str) -> bool {
    let h: Vec<&str> = have.split(' ').collect();
    let a: Vec<&str> = asked.split(' ').collect();
    if a.is_empty() || a.iter().all(|w| w.is_empty()) {
        return false;
    }
    h.last() == a.last() && a.iter().all(|w| h.contains(w))
}

static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^,\s+((?:the|a|an)\s+[^,;:()"“”\n]{2,90}?|\p{Lu}[\p{L}.]*(?:'s|’s)\s+[^,;:()"“”\n]{2,90}?)(?:,|;|\.\s|\.$|$)"#,
    )
    .expect("the appositive pattern is valid")
});

/// Words that are part of a role but cannot be one on their own.
const ROLE_FILLERS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "for",
    "top",
    "senior",
    "former",
    "special",
    "foreign",
    "defense",
    "defence",
    "national",
    "security",
    "state",
    "u.s.",
    "us",
    "uk",
    "u.k.",
    "eu",
    "un",
    "u.n.",
    "nato",
    "new",
    "then-",
    "ex-",
    "acting",
    "deputy",
    "chief",
    "high",
    "vice",
    "prime",
    "close",
    "longtime",
    "long-time",
    "north",
    "south",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sir",
    "dame",
    "lord",
    "lady",
    "miss",
];

fn is_possessive_word(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}

/// The role written just before a name ("U.S. Secretary of State Marco Rubio",
/// "Trump's son-in-law Jared Kushner", "the dictator Vladimir Putin").
pub fn role_before(names: &NameRules, text: &str, start: usize) -> Option<String> {
    let before = text.get(..start)?;
    let line = before.rsplit('\n').next().unwrap_or(before);
    let mut taken: Vec<&str> = Vec::new();
    let toks: Vec<&str> = line.split_whitespace().rev().collect();
    for (i, &t) in toks.iter().enumerate() {
        if taken.len() >= 10 {
            break;
        }
        // "Security and Defense Council": "and" between two role words.
        if t == "and"
            && !taken.is_empty()
            && toks
                .get(i + 1)
                .is_some_and(|p| names.is_role_word(p) && !is_possessive_word(p))
        {
            taken.push(t);
            continue;
        }
        if t.ends_with(',') || t.ends_with(';') || t.ends_with(':') {
            break;
        }
        // A sentence end (but not "U.S." or "Gen.").
        if t.ends_with('.') && !t[..t.len() - 1].contains('.') && !names.is_role_word(t) {
            break;
        }
        if names.is_role_word(t) {
            taken.push(t);
            continue;
        }
        let capital = t.chars().next().is_some_and(char::is_uppercase);
        if capital && !taken.is_empty() && looks_like_name_token(t) {
            taken.push(t);
            continue;
        }
        break;
    }
    taken.reverse();
    // Leading articles and connectors are not part of it.
    while taken.first().is_some_and(|w| {
        matches!(
            w.to_lowercase().trim_end_matches('.'),
            "the" | "a" | "an" | "of" | "and" | "mr" | "mrs" | "ms" | "dr"
        )
    }) {
        taken.remove(0);
    }

    let has_head = taken.iter().any(|w| {
        let l = w.to_lowercase();
        names.is_role_word(w)
            && !ROLE_FILLERS.contains(&l.as_str())
            && !l.ends_with("'s")
            && !l.ends_with("’s")
    });
    (has_head && !taken.is_empty()).then(|| taken.join(" "))
}

/// A role written as an appositive just after a name ("Rustem Umerov, the secretary of
/// Ukraine's National Security and Defense Council, said").
pub fn role_after(names: &NameRules, text: &str, end: usize) -> Option<String> {
    let after = text.get(end..)?;
    let c = APPOSITIVE.captures(after)?;
    let role = c.get(1)?.as_str().trim();
    let lower = role.to_lowercase();
    if [" who ", " which ", " said", " says", " told", " that "]
        .iter()
        .any(|w| lower.contains(w))
    {
        return None;
    }
    let has_head = role.split_whitespace().any(|w| {
        let l = w.to_lowercase();
        names.is_role_word(w) && !ROLE_FILLERS.contains(&l.as_str()) && !l.ends_with("'s")
    });
    if !has_head {
        return None;
    }
    let role = role
        .strip_prefix("the ")
        .or_else(|| role.strip_prefix("a "))
        .or_else(|| role.strip_prefix("an "))
        .unwrap_or(role);
    Some(role.to_string())
}

/// Where a row of the entity index comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// An entity of `rules/entities.toml` or `rules/outlets.toml`.
    Rules,
    /// A cluster of names no rule knows.
    Corpus,
}

/// One canonical entity as seen in a corpus: a row of `crosscheck entities`.
#[derive(Clone, Debug, Serialize)]
pub struct EntityRow {
    /// Canonical id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Person, organisation or outlet.
    pub kind: EntityKind,
    /// From the rules or clustered from the corpus.
    pub origin: Origin,
    /// Every spelling seen, with how often.
    pub variants: BTreeMap<String, usize>,
    /// Roles and descriptions seen with it (and, for rule entities, none added).
    pub roles: BTreeSet<String>,
    /// Articles it appears in.
    pub articles: BTreeSet<String>,
    /// Claims credited to it.
    pub claims: usize,
    /// Some mentions could be it or another entity and were left on their own; or, for a
    /// cluster, the name it holds could belong to several people.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
}

/// What the index decided for one claim's speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerResolution {
    /// Row in [`EntityIndex::rows`].
    pub row: usize,
    /// A role read from the speaker phrase ("Secretary of State" in "Secretary of State
    /// Marco Rubio"), for speakers whose role the extractor left empty.
    pub role: Option<String>,
    /// The name could belong to several entities.
    pub ambiguous: bool,
}

/// Canonical entities of a corpus and the speaker of each claim.
#[derive(Clone, Debug, Default)]
pub struct EntityIndex {
    /// One row per canonical entity seen, sorted by kind then name.
    pub rows: Vec<EntityRow>,
    /// Per claim (same order as the claims given), its speaker's resolution.
    pub speakers: Vec<Option<SpeakerResolution>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum RowRef {
    Rule(usize),
    Cluster(usize),
}

struct Cluster {
    kind: EntityKind,
    /// Parsed full names (people) that joined it.
    members: Vec<PersonName>,
    /// Surname-only clusters keep their surname key here.
    surname: Option<String>,
    key: String,
    ambiguous: bool,
}

struct PersonMention {
    claim: usize,
    article: SharedStr,
    form: String,
    parsed: PersonName,
    role: Option<String>,
    split_role: Option<String>,
}

/// What a person speaker's name is, before clustering (step 2 of [`EntityIndex::build`]).
enum PersonPlan {
    /// A rule entity, under `form`, with the role written and the role split off the
    /// name (when the speaker had none).
    Rule {
        entity: usize,
        form: String,
        role: Option<String>,
        split_role: Option<String>,
    },
    /// A role alone ("the Russian leader").
    RoleOnly(String),
    /// A name to cluster.
    Mention(PersonMention),
}

/// The plan for claim `ci`'s speaker when it is a person with a name; a function of the
/// claim alone.
fn plan_person(table: &EntityTable, names: &NameRules, ci: usize, c: &Claim) -> Option<PersonPlan> {
    let sp = &c.speaker;
    let name = sp.name.trim();
    if name.is_empty() || sp.kind != SpeakerKind::Person {
        return None;
    }
    if let Some(i) = table.index_of(name) {
        return Some(PersonPlan::Rule {
            entity: i,
            form: name.to_string(),
            role: sp.role.as_deref().map(str::to_string),
            split_role: None,
        });
    }
    let (split_role, core) = names.split_role(name);
    let role = sp
        .role
        .as_deref()
        .map(str::to_string)
        .or_else(|| split_role.clone());
    let Some(core) = core else {
        return role.map(PersonPlan::RoleOnly);
    };
    // The longest ending of the phrase that a rule knows as a full name
    // ("European Commission Ursula von der Leyen"): the rest is a role.
    let (core, split_role) = match table.index_of(&core) {
        Some(_) => (core, split_role),
        None => {
            let toks: Vec<&str> = core.split_whitespace().collect();
            (1..toks.len().saturating_sub(1))
                .find(|k| table.index_of(&toks[*k..].join(" ")).is_some())
                .map(|k| {
                    let prefix = toks[..k].join(" ");
                    let role = match &split_role {
                        Some(r) => format!("{r} {prefix}"),
                        None => prefix,
                    };
                    (toks[k..].join(" "), Some(role))
                })
                .unwrap_or((core, split_role))
        }
    };
    let role = sp
        .role
        .as_deref()
        .map(str::to_string)
        .or_else(|| split_role.clone());
    if let Some(i) = table.index_of(&core) {
        return Some(PersonPlan::Rule {
            entity: i,
            form: core,
            role,
            split_role: split_role.filter(|_| sp.role.is_none()),
        });
    }
    let parsed = names.parse(&core)?;
    Some(PersonPlan::Mention(PersonMention {
        claim: ci,
        article: c.article.clone(),
        form: core,
        parsed,
        role,
        split_role: split_role.filter(|_| sp.role.is_none()),
    }))
}

/// Builder state for [`EntityIndex::build`].
struct Builder<'a> {
    rules: &'a super::ResolveRules,
    clusters: Vec<Cluster>,
    cluster_block: BTreeMap<String, Vec<usize>>,
    cluster_by_key: BTreeMap<(EntityKind, String), usize>,
    variants: BTreeMap<RowRef, BTreeMap<String, usize>>,
    roles: BTreeMap<RowRef, BTreeSet<String>>,
    articles: BTreeMap<RowRef, BTreeSet<String>>,
    claims: BTreeMap<RowRef, usize>,
    mentioned: BTreeMap<String, BTreeSet<RowRef>>,
    article_roles: BTreeMap<String, BTreeMap<RowRef, BTreeSet<String>>>,
    speakers: Vec<Option<(RowRef, Option<String>, bool)>>,
}

impl<'a> Builder<'a> {
    // `see` and `add_role` run in claim order for every mention of the corpus (serial
    // work): a string is copied only when it is new to its map.
    fn see(&mut self, r: RowRef, variant: &str, article: &str) {
        let variant = variant.trim();
        let variants = self.variants.entry(r).or_default();
        match variants.get_mut(variant) {
            Some(n) => *n += 1,
            None => {
                variants.insert(variant.to_string(), 1);
            }
        }
        let articles = self.articles.entry(r).or_default();
        if !articles.contains(article) {
            articles.insert(article.to_string());
        }
        match self.mentioned.get_mut(article) {
            Some(set) => {
                set.insert(r);
            }
            None => {
                self.mentioned
                    .insert(article.to_string(), BTreeSet::from([r]));
            }
        }
    }

    fn add_role(&mut self, r: RowRef, role: &str, article: &str) {
        let role = role.trim();
        if role.is_empty() {
            return;
        }
        let roles = self.roles.entry(r).or_default();
        if !roles.contains(role) {
            roles.insert(role.to_string());
        }
        let key = role_key(role);
        match self.article_roles.get_mut(article) {
            Some(m) => {
                m.entry(r).or_default().insert(key);
            }
            None => {
                self.article_roles.insert(
                    article.to_string(),
                    BTreeMap::from([(r, BTreeSet::from([key]))]),
                );
            }
        }
    }

    fn new_cluster(&mut self, kind: EntityKind, key: String) -> usize {
        let i = self.clusters.len();
        self.clusters.push(Cluster {
            kind,
            members: vec![],
            surname: None,
            key: key.clone(),
            ambiguous: false,
        });
        self.cluster_by_key.insert((kind, key), i);
        i
    }

    /// An organisation or outlet no rule knows: one cluster per lookup key.
    fn keyed_cluster(&mut self, kind: EntityKind, name: &str) -> Option<RowRef> {
        let k = entity_key(name);
        if k.is_empty() {
            return None;
        }
        let i = match self.cluster_by_key.get(&(kind, k.clone())) {
            Some(i) => *i,
            None => self.new_cluster(kind, k),
        };
        Some(RowRef::Cluster(i))
    }

    fn outlet(&mut self, name: &str) -> Option<RowRef> {
        let table = &self.rules.entities;
        match table.outlet(name) {
            Some(e) => table.by_id.get(&e.id).map(|i| RowRef::Rule(*i)),
            None => self.keyed_cluster(EntityKind::Outlet, outlet_core(name)),
        }
    }

    fn add_member(&mut self, c: usize, p: PersonName) {
        let names = &self.rules.names;
        let keys: Vec<String> = block_keys(names, &p.surname)
            .into_iter()
            .chain(p.alt_surname.iter().flat_map(|a| block_keys(names, a)))
            .collect();
        for b in keys {
            let v = self.cluster_block.entry(b).or_default();
            if !v.contains(&c) {
                v.push(c);
            }
        }
        self.clusters[c].members.push(p);
    }

    /// Corpus person clusters a full name can join (complete linkage: every member is
    /// the same person), as the clusters stand now; with the clusters reachable through
    /// the name's blocks, so that [`Builder::settle`] can bring the answer up to date
    /// after more forms have joined.
    fn speculate(&self, p: &PersonName) -> Speculated {
        let names = &self.rules.names;
        let keys: Vec<String> = block_keys(names, &p.surname)
            .into_iter()
            .chain(p.alt_surname.iter().flat_map(|a| block_keys(names, a)))
            .collect();
        let mut reach = BTreeSet::new();
        let mut fits = BTreeSet::new();
        for b in &keys {
            for &c in self.cluster_block.get(b).into_iter().flatten() {
                let cl = &self.clusters[c];
                // `reach` takes every cluster reached; `fits` those every member fits.
                if cl.kind == EntityKind::Person
                    && !cl.members.is_empty()
                    && reach.insert(c)
                    && cl.members.iter().all(|m| names.same_person(p, m))
                {
                    fits.insert(c);
                }
            }
        }
        Speculated { keys, reach, fits }
    }

    /// The clusters full name `p` can join now, from what [`Builder::speculate`] saw
    /// earlier (`s`) and the clusters that grew since (`grown`: each one's member count
    /// then). A cluster that it reached then is checked against its new members only
    /// (adding members can only rule a cluster out); one it did not reach (new, or
    /// reachable through a block a new member brought) against all of them. The same
    /// set as a full check against the clusters as they stand.
    fn settle(
        &self,
        p: &PersonName,
        s: &Speculated,
        grown: &BTreeMap<usize, usize>,
    ) -> BTreeSet<usize> {
        let names = &self.rules.names;
        let mut out = BTreeSet::new();
        for b in &s.keys {
            for &c in self.cluster_block.get(b).into_iter().flatten() {
                let cl = &self.clusters[c];
                if cl.kind != EntityKind::Person || cl.members.is_empty() || out.contains(&c) {
                    continue;
                }
                let from = if s.reach.contains(&c) {
                    if !s.fits.contains(&c) {
                        continue;
                    }
                    grown.get(&c).copied().unwrap_or(cl.members.len())
                } else {
                    0
                };
                if cl.members[from..].iter().all(|m| names.same_person(p, m)) {
                    out.insert(c);
                }
            }
        }
        out
    }

    /// Corpus person clusters (with full names) whose surname a surname alone can be.
    fn cluster_surname_candidates(&self, surname: &str) -> BTreeSet<usize> {
        let names = &self.rules.names;
        let mut out = BTreeSet::new();
        for b in block_keys(names, surname) {
            for &c in self.cluster_block.get(&b).into_iter().flatten() {
                let cl = &self.clusters[c];
                if cl.kind == EntityKind::Person
                    && cl.members.iter().any(|m| {
                        !m.is_surname_only()
                            && m.surname_keys().any(|s| names.surnames_match(s, surname))
                    })
                {
                    out.insert(c);
                }
            }
        }
        out
    }

    fn row_roles(&self, r: RowRef) -> BTreeSet<String> {
        let mut out: BTreeSet<String> = self
            .roles
            .get(&r)
            .into_iter()
            .flatten()
            .map(|x| role_key(x))
            .collect();
        if let RowRef::Rule(i) = r {
            out.extend(
                self.rules.entities.entities[i]
                    .roles
                    .iter()
                    .map(|x| role_key(x)),
            );
        }
        out
    }
}

/// Words that may stand between the initials of an acronym's expansion: "Bureau *of*
/// Labor Statistics", "Centre *for* Disease Control".
const ACRONYM_GLUE: [&str; 9] = ["of", "for", "and", "the", "on", "in", "de", "&", "to"];

/// The full name an organisation speaker's short form stands for in its own article:
/// one or two capitalised words that begin a longer organisation speaker of the corpus
/// which the article names ("Arvane" where the article names "Arvane Motors"), or an
/// acronym whose expansion the article spells out ("RHPU" for "Ridgeway Health Protection
/// Unit"). A one-word "person" with no full name in the article ("Arvane expects ...")
/// is such a short form too. `None` when there is no such name, or more than one (then
/// the short form stays its own entity). Names the entity rules know are left to them.
/// One entry per claim.
fn org_long_forms(
    table: &EntityTable,
    names: &NameRules,
    claims: &[Claim],
    articles: &BTreeMap<&str, &Article>,
) -> Vec<Option<String>> {
    let bare = |name: &str| -> String {
        let n = name.trim();
        n.strip_prefix("the ")
            .or_else(|| n.strip_prefix("The "))
            .unwrap_or(n)
            .to_string()
    };
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let orgs = || {
        claims
            .iter()
            .filter(|c| c.speaker.kind == SpeakerKind::Organisation)
    };
    // Longer organisation names of the corpus, by their first word's key.
    let mut long: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in orgs() {
        let n = bare(&c.speaker.name);
        let words: Vec<&str> = n.split_whitespace().collect();
        if words.len() >= 2 && words.iter().all(|w| capitalised(w)) && table.index_of(&n).is_none()
        {
            long.entry(key(words[0])).or_default().insert(n.clone());
        }
    }
    let mut memo: BTreeMap<(&str, String), Option<String>> = BTreeMap::new();
    claims
        .iter()
        .map(|c| {
            let n = bare(&c.speaker.name);
            let words: Vec<&str> = n.split_whitespace().collect();
            let person = match c.speaker.kind {
                SpeakerKind::Organisation => false,
                SpeakerKind::Person if words.len() == 1 && !is_acronym(&n) => true,
                _ => return None,
            };
            if words.is_empty()
                || words.len() > 2
                || !words.iter().all(|w| capitalised(w))
                || table.index_of(&n).is_some()
                || table.metonyms.contains_key(&entity_key(&n))
            {
                return None;
            }
            let article = articles.get(c.article.as_str())?;
            if person
                && article
                    .content
                    .iter()
                    .any(|s| !full_names_in(names, article.slice(*s), &n).is_empty())
            {
                return None;
            }
            memo.entry((c.article.as_str(), n.clone()))
                .or_insert_with(|| {
                    let found: BTreeSet<String> = if is_acronym(&n) {
                        acronym_expansions(article, &n)
                    } else {
                        long.get(&key(words[0]))
                            .into_iter()
                            .flatten()
                            .filter(|l| {
                                let lw: Vec<&str> = l.split_whitespace().collect();
                                lw.len() > words.len()
                                    && lw
                                        .iter()
                                        .zip(&words)
                                        .all(|(a, b)| a.to_lowercase() == b.to_lowercase())
                                    && article
                                        .content
                                        .iter()
                                        .any(|s| article.slice(*s).contains(l.as_str()))
                            })
                            .cloned()
                            .collect()
                    };
                    let keys: BTreeSet<String> = found.iter().map(|f| entity_key(f)).collect();
                    if keys.len() == 1 {
                        found.into_iter().next()
                    } else {
                        None
                    }
                })
                .clone()
        })
        .collect()
}

/// Two to six capital letters: "RHPU", "NTSB".
fn is_acronym(name: &str) -> bool {
    (2..=6).contains(&name.chars().count()) && name.chars().all(|c| c.is_ascii_uppercase())
}

/// The runs of capitalised words in the article whose initials spell `acronym`, glue
/// words allowed between them ("Bureau of Labor Statistics" for "BLS"). A run stops at
/// a word that ends a clause (a full stop, comma, colon...).
fn acronym_expansions(article: &Article, acronym: &str) -> BTreeSet<String> {
    let letters: Vec<char> = acronym.chars().collect();
    let mut out = BTreeSet::new();
    for span in &article.content {
        let words: Vec<&str> = article.slice(*span).split_whitespace().collect();
        for i in 0..words.len() {
            let mut k = 0;
            let mut last = None;
            for (j, raw) in words.iter().enumerate().skip(i) {
                let w = raw.trim_start_matches(['"', '\u{201c}', '\u{2018}', '(', '\'']);
                let core = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                let first = core.chars().next();
                if first == Some(letters[k]) {
                    k += 1;
                    last = Some(j);
                } else if !(k > 0 && ACRONYM_GLUE.contains(&core)) {
                    break;
                }
                if k == letters.len() || core.len() != w.len() {
                    break;
                }
            }
            if k == letters.len()
                && let Some(j) = last
            {
                let run = words[i..=j].join(" ");
                out.insert(run.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
            }
        }
    }
    out
}

/// Full names written in `text` that end with `surname` ("Chidi Okafor" for "Okafor"),
/// titles in front left out.
fn full_names_in(names: &NameRules, text: &str, surname: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find(surname) {
        let s = from + pos;
        let e = s + surname.len();
        from = e;
        if text[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || text[e..].chars().next().is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let before = &text[..s];
        let line = before.rsplit('\n').next().unwrap_or(before);
        let toks: Vec<&str> = line.split_whitespace().rev().take(3).collect();
        let mut given: Vec<&str> = Vec::new();
        for t in toks {
            if t.ends_with([',', '.', ';', ':']) && !(t.len() == 2 && t.ends_with('.')) {
                break;
            }
            if looks_like_name_token(t) && !names.is_role_word(t) {
                given.push(t);
            } else {
                break;
            }
        }
        if given.is_empty() {
            continue;
        }
        given.reverse();
        out.push(format!("{} {surname}", given.join(" ")));
    }
    out
}

impl EntityIndex {
    /// Assign every speaker (and outlet) of `claims` to a canonical entity across the
    /// corpus. Deterministic: the same input gives the same rows in the same order.
    #[allow(clippy::too_many_lines)]
    pub fn build(articles: &[Article], claims: &[Claim], rules: &super::ResolveRules) -> Self {
        let table = &rules.entities;
        let names = &rules.names;
        let mut b = Builder {
            rules,
            clusters: vec![],
            cluster_block: BTreeMap::new(),
            cluster_by_key: BTreeMap::new(),
            variants: BTreeMap::new(),
            roles: BTreeMap::new(),
            articles: BTreeMap::new(),
            claims: BTreeMap::new(),
            mentioned: BTreeMap::new(),
            article_roles: BTreeMap::new(),
            speakers: vec![None; claims.len()],
        };
        // 1. Rule entities named in the text, with the roles written around them; the
        //    article's own outlet and wire.
        //    The scans, each article on its own, run on the thread pool; what they saw is
        //    added in article order.
        let scanned: Vec<Vec<Scanned>> = articles
            .par_iter()
            .map(|a| {
                let mut out = Vec::new();
                if a.status != Status::Ok {
                    return out;
                }
                for span in &a.content {
                    let text = a.slice(*span);
                    for (ei, s) in table.scan_idx(text) {
                        let person = table.entities[ei].kind == EntityKind::Person;
                        out.push(Scanned {
                            entity: ei,
                            form: &text[s.start..s.end],
                            before: person.then(|| role_before(names, text, s.start)).flatten(),
                            after: person.then(|| role_after(names, text, s.end)).flatten(),
                        });
                    }
                }
                out
            })
            .collect();
        for (a, seen) in articles.iter().zip(scanned) {
            if a.status != Status::Ok {
                continue;
            }
            for m in seen {
                let r = RowRef::Rule(m.entity);
                b.see(r, m.form, &a.id);
                for role in [m.before, m.after].into_iter().flatten() {
                    b.add_role(r, &role, &a.id);
                }
            }
            for o in [&a.meta.outlet, &a.meta.wire].into_iter().flatten() {
                if let Some(r) = b.outlet(o) {
                    b.see(r, outlet_core(o), &a.id);
                }
            }
        }
        // 2. Speakers: exact rule aliases, organisations, outlets; people left for 3-4.
        let mut full: Vec<PersonMention> = Vec::new();
        let mut surname_only: Vec<PersonMention> = Vec::new();
        let mut role_only: Vec<(usize, SharedStr, String)> = Vec::new();
        let article_text: BTreeMap<&str, &Article> =
            articles.iter().map(|a| (a.id.as_str(), a)).collect();
        // What each person speaker's name is (a rule entity, a role alone, a name to
        // cluster) depends on the name alone: worked out on the thread pool, then taken
        // in claim order.
        let long_forms = org_long_forms(table, names, claims, &article_text);
        let mut plans: Vec<Option<PersonPlan>> = claims
            .par_iter()
            .enumerate()
            .map(|(ci, c)| plan_person(table, names, ci, c))
            .collect();
        for (ci, c) in claims.iter().enumerate() {
            if let Some(o) = &c.cited_outlet
                && let Some(r) = b.outlet(o)
            {
                b.see(r, outlet_core(o), &c.article);
            }
            let sp = &c.speaker;
            let name = sp.name.trim();
            if name.is_empty() {
                continue;
            }
            match sp.kind {
                SpeakerKind::Anonymous | SpeakerKind::Document => continue,
                SpeakerKind::Outlet => {
                    if let Some(r) = b.outlet(name) {
                        b.see(r, outlet_core(name), &c.article);
                        b.speakers[ci] = Some((r, None, false));
                    }
                    continue;
                }
                SpeakerKind::Organisation => {
                    let r = table
                        .index_of(name)
                        .or_else(|| table.metonyms.get(&entity_key(name)).copied())
                        .map(RowRef::Rule)
                        .or_else(|| {
                            // Only names get an id of their own ("the German champions");
                            // descriptions ("both sides", "the two countries") do not.
                            let named = name
                                .split_whitespace()
                                .skip_while(|w| w.eq_ignore_ascii_case("the"))
                                .any(|w| w.chars().next().is_some_and(char::is_uppercase));
                            if !named {
                                return None;
                            }
                            match &long_forms[ci] {
                                // "Arvane" in an article that names "Arvane Motors": the
                                // full name is a mention of the article too.
                                Some(long) => {
                                    let r = b.keyed_cluster(EntityKind::Organisation, long);
                                    if let Some(r) = r {
                                        b.see(r, long, &c.article);
                                    }
                                    r
                                }
                                None => b.keyed_cluster(EntityKind::Organisation, name),
                            }
                        });
                    if let Some(r) = r {
                        b.see(r, name, &c.article);
                        b.speakers[ci] = Some((r, None, false));
                    }
                    continue;
                }
                SpeakerKind::Person => {
                    // "Arvane" in an article about "Arvane Motors": the company.
                    if let Some(long) = &long_forms[ci]
                        && let Some(r) = b.keyed_cluster(EntityKind::Organisation, long)
                    {
                        b.see(r, long, &c.article);
                        b.see(r, name, &c.article);
                        b.speakers[ci] = Some((r, None, false));
                        continue;
                    }
                }
            }
            match plans[ci].take() {
                Some(PersonPlan::Rule {
                    entity,
                    form,
                    role,
                    split_role,
                }) => {
                    let r = RowRef::Rule(entity);
                    b.see(r, &form, &c.article);
                    if let Some(role) = &role {
                        b.add_role(r, role, &c.article);
                    }
                    b.speakers[ci] = Some((r, split_role, false));
                }
                Some(PersonPlan::RoleOnly(role)) => role_only.push((ci, c.article.clone(), role)),
                Some(PersonPlan::Mention(m)) => {
                    if m.parsed.is_surname_only() {
                        surname_only.push(m);
                    } else {
                        full.push(m);
                    }
                }
                None => {}
            }
        }
        // Full names the articles spell out for surnames used alone.
        // Each mention's article is searched on its own: on the thread pool, gathered in
        // mention order (then sorted).
        let mut harvested: Vec<(String, String)> = surname_only
            .par_iter()
            .flat_map_iter(|m| {
                let mut out = Vec::new();
                if let Some(a) = article_text.get(m.article.as_str()) {
                    for span in &a.content {
                        for f in full_names_in(names, a.slice(*span), &m.form) {
                            if table.index_of(&f).is_none() {
                                out.push((m.article.to_string(), f));
                            }
                        }
                    }
                }
                out
            })
            .collect();
        harvested.sort();
        harvested.dedup();
        // 3. Full names, fullest and most frequent first.
        // Per form: (frequency, letters in its given names (an initial counts 1), name).
        let fullness = |p: &PersonName| p.given.iter().map(String::len).sum::<usize>();
        let mut forms: BTreeMap<String, (usize, usize, PersonName)> = BTreeMap::new();
        for m in &full {
            let e =
                forms
                    .entry(m.form.clone())
                    .or_insert((0, fullness(&m.parsed), m.parsed.clone()));
            e.0 += 1;
        }
        for (_, f) in &harvested {
            if let Some(p) = names.parse(f)
                && !p.is_surname_only()
            {
                forms.entry(f.clone()).or_insert((0, fullness(&p), p));
            }
        }
        let mut order: Vec<(&String, &(usize, usize, PersonName))> = forms.iter().collect();
        order.sort_by(|a, b2| {
            b2.1.1
                .cmp(&a.1.1)
                .then(
                    b2.0.split_whitespace()
                        .count()
                        .cmp(&a.0.split_whitespace().count()),
                )
                .then(b2.1.0.cmp(&a.1.0))
                .then(a.0.cmp(b2.0))
        });
        let mut form_row: BTreeMap<String, (RowRef, bool)> = BTreeMap::new();
        // The rule people each form can be, on the thread pool; the clustering that
        // follows depends on the forms before it and stays in order.
        let rule_cs: Vec<_> = order
            .par_iter()
            .map(|(_, (_, _, parsed))| table.person_candidates(names, parsed))
            .collect();
        let work: Vec<_> = order.into_iter().zip(rule_cs).collect();
        // A chunk of forms at a time, the clusters each form can join are worked out on
        // the thread pool against the clusters as they stand before the chunk; in form
        // order, each answer is then brought up to date with what the forms before it in
        // the chunk did (`settle`), which is little work, and the form joins or founds a
        // cluster. The result is that of taking the forms one by one.
        for chunk in work.chunks(SPECULATE) {
            let specs: Vec<Option<Speculated>> = chunk
                .par_iter()
                .map(|((_, (_, _, parsed)), rule_c)| rule_c.is_empty().then(|| b.speculate(parsed)))
                .collect();
            // Clusters that gained members in this chunk: their member count before.
            let mut grown: BTreeMap<usize, usize> = BTreeMap::new();
            for (((form, (_, _, parsed)), rule_c), spec) in chunk.iter().zip(specs) {
                let r = if rule_c.len() == 1 {
                    rule_c.iter().next().map(|i| (RowRef::Rule(*i), false))
                } else if rule_c.len() > 1 {
                    let c = b.new_cluster(EntityKind::Person, entity_key(form));
                    b.clusters[c].ambiguous = true;
                    b.add_member(c, parsed.clone());
                    Some((RowRef::Cluster(c), true))
                } else {
                    let cc = match &spec {
                        Some(s) => b.settle(parsed, s, &grown),
                        None => BTreeSet::new(),
                    };
                    if cc.len() == 1 {
                        let c = *cc.iter().next().unwrap_or(&0);
                        grown.entry(c).or_insert(b.clusters[c].members.len());
                        b.add_member(c, parsed.clone());
                        Some((RowRef::Cluster(c), false))
                    } else {
                        let c = b.new_cluster(EntityKind::Person, entity_key(form));
                        b.add_member(c, parsed.clone());
                        if cc.len() > 1 {
                            b.clusters[c].ambiguous = true;
                        }
                        Some((RowRef::Cluster(c), cc.len() > 1))
                    }
                };
                if let Some(r) = r {
                    form_row.insert((*form).clone(), r);
                }
            }
        }
        for (article, f) in &harvested {
            if let Some((r, _)) = form_row.get(f) {
                let r = *r;
                b.see(r, f, article);
            }
        }
        for m in &full {
            if let Some((r, amb)) = form_row.get(&m.form).copied() {
                b.see(r, &m.form, &m.article);
                if let Some(role) = &m.role {
                    b.add_role(r, role, &m.article);
                }
                b.speakers[m.claim] = Some((r, m.split_role.clone(), amb));
            }
        }
        // 4. Surnames alone, in context.
        // The entities a surname can be depend on the rules and the clusters of full
        // names, which no longer change: worked out on the thread pool.
        let all_cands: Vec<BTreeSet<RowRef>> = surname_only
            .par_iter()
            .map(|m| {
                let surname = &m.parsed.surname;
                let mut cands: BTreeSet<RowRef> = table
                    .surname_candidates(names, surname)
                    .into_iter()
                    .map(RowRef::Rule)
                    .collect();
                cands.extend(
                    b.cluster_surname_candidates(surname)
                        .into_iter()
                        .map(RowRef::Cluster),
                );
                cands
            })
            .collect();
        for (m, cands) in surname_only.iter().zip(all_cands) {
            let surname = &m.parsed.surname;
            let local: BTreeSet<RowRef> = cands
                .iter()
                .copied()
                .filter(|r| {
                    b.mentioned
                        .get(m.article.as_str())
                        .is_some_and(|s| s.contains(r))
                })
                .collect();
            let by_role = |b: &Builder, set: &BTreeSet<RowRef>| -> BTreeSet<RowRef> {
                let Some(role) = &m.role else {
                    return BTreeSet::new();
                };
                let k = role_key(role);
                set.iter()
                    .copied()
                    .filter(|r| b.row_roles(*r).iter().any(|have| role_covers(have, &k)))
                    .collect()
            };
            let chosen = if local.len() == 1 {
                local.iter().next().copied()
            } else if local.len() > 1 {
                let r = by_role(&b, &local);
                (r.len() == 1).then(|| r.iter().next().copied()).flatten()
            } else if cands.len() == 1 {
                cands.iter().next().copied()
            } else {
                let r = by_role(&b, &cands);
                (r.len() == 1).then(|| r.iter().next().copied()).flatten()
            };
            let (r, amb) = match chosen {
                Some(r) => (r, false),
                None => {
                    let k = entity_key(&m.form);
                    let c = match b.cluster_by_key.get(&(EntityKind::Person, k.clone())) {
                        Some(c) => *c,
                        None => {
                            let c = b.new_cluster(EntityKind::Person, k);
                            b.clusters[c].surname = Some(surname.clone());
                            c
                        }
                    };
                    let amb = cands.len() > 1;
                    if amb {
                        b.clusters[c].ambiguous = true;
                    }
                    (RowRef::Cluster(c), amb)
                }
            };
            b.see(r, &m.form, &m.article);
            if let Some(role) = &m.role {
                b.add_role(r, role, &m.article);
            }
            b.speakers[m.claim] = Some((r, m.split_role.clone(), amb));
        }
        // 5. Roles alone ("the Russian leader"): the one entity of the article with it.
        for (ci, article, role) in role_only {
            let k = role_key(&role);
            let mentioned = b
                .mentioned
                .get(article.as_str())
                .cloned()
                .unwrap_or_default();
            let fits: Vec<RowRef> = mentioned
                .into_iter()
                .filter(|r| match r {
                    RowRef::Rule(i) => table.entities[*i].kind == EntityKind::Person,
                    RowRef::Cluster(c) => b.clusters[*c].kind == EntityKind::Person,
                })
                .filter(|r| {
                    let local = b
                        .article_roles
                        .get(article.as_str())
                        .and_then(|m| m.get(r))
                        .is_some_and(|set| set.iter().any(|have| role_covers(have, &k)));
                    let rule = match r {
                        RowRef::Rule(i) => table.entities[*i]
                            .roles
                            .iter()
                            .any(|have| role_covers(&role_key(have), &k)),
                        RowRef::Cluster(_) => false,
                    };
                    local || rule
                })
                .collect();
            if fits.len() == 1 {
                let r = fits[0];
                b.see(r, &role, &article);
                b.speakers[ci] = Some((r, None, false));
            }
        }
        for (r, _, _) in b.speakers.iter().flatten() {
            *b.claims.entry(*r).or_default() += 1;
        }
        b.finish()
    }

    /// The row with id `id`.
    pub fn row(&self, id: &str) -> Option<&EntityRow> {
        self.rows.iter().find(|r| r.id == id)
    }
}

/// Full names clustered per speculative chunk in [`EntityIndex::build`] (step 3).
const SPECULATE: usize = 512;

/// What [`Builder::speculate`] saw for a full name: its block keys, the person clusters
/// it reached through them and those of these it could join.
struct Speculated {
    keys: Vec<String>,
    reach: BTreeSet<usize>,
    fits: BTreeSet<usize>,
}

/// A rule entity found in an article's text: its index, the words as written, and the
/// roles written before and after it (people only).
struct Scanned<'t> {
    entity: usize,
    form: &'t str,
    before: Option<String>,
    after: Option<String>,
}

impl Builder<'_> {
    fn finish(mut self) -> EntityIndex {
        let rules = self.rules;
        let table = &rules.entities;
        // Each row's maps are moved out, not copied: every ref is met once.
        let mut refs: BTreeSet<RowRef> = self.variants.keys().copied().collect();
        refs.extend(self.speakers.iter().flatten().map(|(r, _, _)| *r));
        // Canonical names of clusters: the fullest, then most frequent, then first
        // alphabetically spelling.
        let mut rows: Vec<(RowRef, EntityRow)> = Vec::new();
        let mut used_ids: BTreeSet<String> = table.by_id.keys().cloned().collect();
        let mut cluster_refs: Vec<RowRef> = Vec::new();
        for r in &refs {
            match r {
                RowRef::Rule(i) => {
                    let e = &table.entities[*i];
                    rows.push((
                        *r,
                        EntityRow {
                            id: e.id.clone(),
                            name: e.name.clone(),
                            kind: e.kind,
                            origin: Origin::Rules,
                            variants: self.variants.remove(r).unwrap_or_default(),
                            roles: self.roles.remove(r).unwrap_or_default(),
                            articles: self.articles.remove(r).unwrap_or_default(),
                            claims: self.claims.get(r).copied().unwrap_or(0),
                            ambiguous: false,
                        },
                    ));
                }
                RowRef::Cluster(_) => cluster_refs.push(*r),
            }
        }
        let mut cluster_rows: Vec<(RowRef, EntityRow)> = Vec::new();
        for r in cluster_refs {
            let RowRef::Cluster(c) = r else { continue };
            let cl = &self.clusters[c];
            let variants = self.variants.remove(&r).unwrap_or_default();
            let name = variants
                .iter()
                .max_by(|a, b| {
                    let ta = a.0.split_whitespace().count();
                    let tb = b.0.split_whitespace().count();
                    ta.cmp(&tb).then(a.1.cmp(b.1)).then(b.0.cmp(a.0))
                })
                .map(|(n, _)| n.clone())
                .unwrap_or_else(|| cl.key.clone());
            cluster_rows.push((
                r,
                EntityRow {
                    id: String::new(),
                    name,
                    kind: cl.kind,
                    origin: Origin::Corpus,
                    variants,
                    roles: self.roles.remove(&r).unwrap_or_default(),
                    articles: self.articles.remove(&r).unwrap_or_default(),
                    claims: self.claims.get(&r).copied().unwrap_or(0),
                    ambiguous: cl.ambiguous,
                },
            ));
        }
        // Ids for clusters, in name order so they do not depend on processing order.
        cluster_rows.sort_by(|a, b| a.1.name.cmp(&b.1.name).then(a.0.cmp(&b.0)));
        for (_, row) in &mut cluster_rows {
            let bare = row
                .name
                .strip_prefix("the ")
                .or_else(|| row.name.strip_prefix("The "))
                .unwrap_or(&row.name);
            let base = match slug(bare) {
                s if s.is_empty() => "entity".to_string(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while used_ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used_ids.insert(id.clone());
            row.id = id;
        }
        rows.extend(cluster_rows);
        rows.sort_by(|a, b| {
            a.1.kind
                .cmp(&b.1.kind)
                .then(a.1.name.cmp(&b.1.name))
                .then(a.1.id.cmp(&b.1.id))
        });
        let position: BTreeMap<RowRef, usize> =
            rows.iter().enumerate().map(|(i, (r, _))| (*r, i)).collect();
        let speakers = self
            .speakers
            .iter()
            .map(|s| {
                s.as_ref().and_then(|(r, role, amb)| {
                    position.get(r).map(|row| SpeakerResolution {
                        row: *row,
                        role: role.clone(),
                        ambiguous: *amb,
                    })
                })
            })
            .collect();
        EntityIndex {
            rows: rows.into_iter().map(|(_, r)| r).collect(),
            speakers,
        }
    }
}

/// The schema name of `crosscheck entities --format json`.
pub const ENTITIES_SCHEMA: &str = "crosscheck/entities/v1";

#[derive(Serialize)]
struct EntitiesDoc<'a> {
    schema: &'static str,
    entities: &'a [EntityRow],
}

/// `crosscheck entities --format json`: `{"schema": "crosscheck/entities/v1",
/// "entities": [rows]}`.
pub fn entities_json(rows: &[EntityRow]) -> String {
    let doc = EntitiesDoc {
        schema: ENTITIES_SCHEMA,
        entities: rows,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// One JSON object per entity and line.
pub fn entities_jsonl(rows: &[EntityRow]) -> String {
    let mut out = String::new();
    for r in rows {
        out.push_str(&serde_json::to_string(r).unwrap_or_default());
        out.push('\n');
    }
    out
}

fn variants_text(row: &EntityRow) -> String {
    row.variants
        .iter()
        .map(|(v, n)| {
            if *n > 1 {
                format!("{v} ×{n}")
            } else {
                v.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn kind_text(row: &EntityRow) -> String {
    let mut k = format!(
        "{}\n{}",
        row.kind.as_str(),
        match row.origin {
            Origin::Rules => "rules",
            Origin::Corpus => "corpus",
        }
    );
    if row.ambiguous {
        k.push_str("\nambiguous");
    }
    k
}

/// `crosscheck entities` for a terminal: one row per entity with its id, kind, origin,
/// spellings seen (with counts), roles, claims and articles. `width` is the table width.
pub fn entities_table(rows: &[EntityRow], width: u16, color: bool) -> String {
    use crate::report::{ellipsize, terminal_safe};
    use comfy_table::{Cell, ContentArrangement, Table, presets};
    if rows.is_empty() {
        return "No entities.\n".into();
    }
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(width);
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t.set_header([
        "entity",
        "kind",
        "variants seen",
        "roles",
        "claims",
        "articles",
    ]);
    for r in rows {
        let roles: Vec<&str> = r.roles.iter().map(String::as_str).collect();
        let articles: Vec<&str> = r.articles.iter().map(String::as_str).collect();
        t.add_row([
            Cell::new(terminal_safe(&format!("{}\n{}", r.name, r.id))),
            Cell::new(kind_text(r)),
            Cell::new(terminal_safe(&ellipsize(&variants_text(r), 200))),
            Cell::new(terminal_safe(&ellipsize(&roles.join("; "), 200))),
            Cell::new(r.claims.to_string()),
            Cell::new(terminal_safe(&ellipsize(&articles.join(", "), 200))),
        ]);
    }
    let rules = rows.iter().filter(|r| r.origin == Origin::Rules).count();
    format!(
        "{t}\n{} entities: {rules} from rules, {} clustered from the corpus. A wrong merge or \
         split is fixed by an [[entity]] in a rules file (see the Resolving section of README.md).\n",
        rows.len(),
        rows.len() - rules
    )
}

/// `crosscheck entities --format markdown`.
pub fn entities_markdown(rows: &[EntityRow]) -> String {
    use crate::report::markdown_escape;
    let mut out = String::from(
        "| entity | id | kind | origin | variants seen | roles | claims | articles |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let roles: Vec<&str> = r.roles.iter().map(String::as_str).collect();
        let articles: Vec<&str> = r.articles.iter().map(String::as_str).collect();
        out.push_str(&format!(
            "| {} | `{}` | {} | {}{} | {} | {} | {} | {} |\n",
            markdown_escape(&r.name),
            r.id,
            r.kind.as_str(),
            match r.origin {
                Origin::Rules => "rules",
                Origin::Corpus => "corpus",
            },
            if r.ambiguous { ", ambiguous" } else { "" },
            markdown_escape(&variants_text(r)),
            markdown_escape(&roles.join("; ")),
            r.claims,
            markdown_escape(&articles.join(", ")),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CueClass, Format, QuoteKind, Speaker};
    use crate::resolve::ResolveRules;

    fn rules() -> ResolveRules {
        ResolveRules::compile(&RuleSet::embedded()).unwrap()
    }

    /// The built-in rules plus one user file.
    fn with_user(name: &str, text: &str) -> RuleSet {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        RuleSet::load(Some(dir.path()), true).unwrap()
    }

    fn article(id: &str, text: &str) -> Article {
        Article::new(id, format!("{id}.txt"), Format::Text, text.to_string())
    }

    fn claim(article: &str, n: usize, name: &str, kind: SpeakerKind) -> Claim {
        Claim {
            id: format!("{article}#{n}").into(),
            article: article.into(),
            speaker: Speaker {
                text: name.into(),
                name: name.into(),
                kind,
                role: None,
                id: None,
            },
            cue: "said".into(),
            cue_class: CueClass::Neutral,
            quote: QuoteKind::Indirect,
            content: String::new(),
            content_span: Span::new(0, 0),
            span: Span::new(0, 0),
            line: 1,
            cited_outlet: None,
            date: None,
            date_source: None,
            places: vec![],
            quantities: vec![],
            flags: vec![],
        }
    }

    fn person(article: &str, n: usize, name: &str) -> Claim {
        claim(article, n, name, SpeakerKind::Person)
    }

    /// (speaker name given, canonical id) per claim.
    fn ids(articles: &[Article], claims: &[Claim]) -> Vec<(String, String)> {
        let r = rules();
        let idx = EntityIndex::build(articles, claims, &r);
        claims
            .iter()
            .zip(&idx.speakers)
            .map(|(c, s)| {
                (
                    c.speaker.name.to_string(),
                    s.as_ref()
                        .map_or("-".to_string(), |s| idx.rows[s.row].id.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn short_names_and_acronyms_join_the_organisation_their_article_names() {
        let articles = [
            article(
                "a",
                "Arvane Motors is recalling 48,000 cars. Arvane expects the recall to cost \
                 120 million crowns, the Ridgeway Health Protection Unit (RHPU) said. The \
                 RHPU added that Tembo would not comment.",
            ),
            article(
                "b",
                "Arvane said nothing. Greta Tembo spoke for Tembo Mining.",
            ),
            article(
                "c",
                "Both Kestrel Air and Kestrel Rail said Kestrel was fine.",
            ),
        ];
        let claims = [
            claim("a", 1, "Arvane Motors", SpeakerKind::Organisation),
            person("a", 2, "Arvane"),
            claim(
                "a",
                3,
                "the Ridgeway Health Protection Unit",
                SpeakerKind::Organisation,
            ),
            claim("a", 4, "the RHPU", SpeakerKind::Organisation),
            // Not named in full in its article: stays what it was.
            person("b", 1, "Arvane"),
            // A person's surname the article gives a full name: a person.
            claim("b", 2, "Tembo Mining", SpeakerKind::Organisation),
            person("b", 3, "Tembo"),
            // Two longer names begin with it: neither is chosen.
            claim("c", 1, "Kestrel Air", SpeakerKind::Organisation),
            claim("c", 2, "Kestrel Rail", SpeakerKind::Organisation),
            claim("c", 3, "Kestrel", SpeakerKind::Organisation),
        ];
        let got: Vec<String> = ids(&articles, &claims)
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        assert_eq!(got[1], got[0], "{got:?}");
        assert_eq!(got[0], "arvane-motors");
        assert_eq!(got[3], got[2]);
        assert_eq!(got[2], "ridgeway-health-protection-unit");
        assert_ne!(got[4], got[0]);
        assert_ne!(got[6], got[5]);
        assert_ne!(got[9], got[7]);
        assert_ne!(got[9], got[8]);
        // The resolved claim is the organisation's.
        let mut resolved = claims.to_vec();
        super::super::resolve_speakers(&articles, &mut resolved, &rules());
        assert_eq!(resolved[1].speaker.kind, SpeakerKind::Organisation);
        assert_eq!(resolved[1].speaker.name, "Arvane Motors");
        assert_eq!(resolved[4].speaker.kind, SpeakerKind::Person);
    }

    #[test]
    fn acronyms_are_spelled_by_capitalised_words_with_glue_between() {
        let a = article(
            "a",
            "The Bureau of Labor Statistics (BLS) said so. Later, Big Local Shops said BLS.",
        );
        let found = acronym_expansions(&a, "BLS");
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            ["Big Local Shops", "Bureau of Labor Statistics"]
        );
        // A run stops at the end of a clause.
        let b = article("b", "Ask Bob. Lee Smith said it.");
        assert!(acronym_expansions(&b, "BLS").is_empty());
    }

    #[test]
    fn table_loads_outlets_and_rejects_shared_aliases() {
        let r = rules();
        assert_eq!(
            r.entities.lookup("Zelensky").unwrap().id,
            "volodymyr-zelenskyy"
        );
        assert_eq!(r.entities.lookup("the Kremlin").unwrap().id, "kremlin");
        assert_eq!(r.entities.lookup("JD Vance").unwrap().id, "jd-vance");
        assert_eq!(r.entities.lookup("J.D. Vance").unwrap().id, "jd-vance");
        assert_eq!(
            r.entities.outlet("Source(s): Reuters").unwrap().name,
            "Reuters"
        );
        assert_eq!(r.entities.outlet("NYT").unwrap().name, "The New York Times");
        assert_eq!(
            r.entities.outlet("the Kyiv Independent's").unwrap().name,
            "The Kyiv Independent"
        );
        assert!(r.entities.outlet("Reuters").unwrap().wire);
        let set = with_user(
            "entities.toml",
            "[[entity]]\nid = \"x\"\nkind = \"person\"\nname = \"X Y\"\naliases = [\"Zelensky\"]\n",
        );
        let err = ResolveRules::compile(&set).unwrap_err().to_string();
        assert!(
            err.contains("Zelensky") && err.contains("volodymyr-zelenskyy"),
            "{err}"
        );
    }

    #[test]
    fn user_entries_with_an_existing_id_add_aliases() {
        let set = with_user(
            "entities.toml",
            "[[entity]]\nid = \"marco-rubio\"\nkind = \"person\"\nname = \"Marco Rubio\"\naliases = [\"Little Marco\"]\n",
        );
        let r = ResolveRules::compile(&set).unwrap();
        assert_eq!(r.entities.lookup("Little Marco").unwrap().id, "marco-rubio");
    }

    #[test]
    fn an_unknown_country_is_an_error() {
        let set = with_user(
            "entities.toml",
            "[[entity]]\nkind = \"person\"\nname = \"Ann Example\"\ncountry = \"atlantis\"\n",
        );
        let err = ResolveRules::compile(&set).unwrap_err().to_string();
        assert!(err.contains("atlantis"), "{err}");
    }

    #[test]
    fn rule_people_match_spelling_variants_and_titles() {
        let a = vec![article("a", "text")];
        let claims = vec![
            person("a", 1, "Volodymyr Zelensky"),
            person("a", 2, "Wolodymyr Zelenskyj"),
            person("a", 3, "Secretary of State Marco Rubio"),
            person("a", 4, "Stephen Witkoff"),
            person("a", 5, "Andriy Gnatov"),
            person("a", 6, "the dictator Vladimir Putin"),
            person("a", 7, "Trump's son-in-law Jared Kushner"),
            person("a", 11, "Brussels Ursula von der Leyen"),
            claim("a", 8, "the Kremlin", SpeakerKind::Organisation),
            claim("a", 9, "Moscow", SpeakerKind::Organisation),
            claim(
                "a",
                10,
                "A source with knowledge of the call",
                SpeakerKind::Anonymous,
            ),
            claim("a", 12, "both sides", SpeakerKind::Organisation),
        ];
        let got = ids(&a, &claims);
        let want = [
            "volodymyr-zelenskyy",
            "volodymyr-zelenskyy",
            "marco-rubio",
            "steve-witkoff",
            "andrii-hnatov",
            "vladimir-putin",
            "jared-kushner",
            "ursula-von-der-leyen",
            "kremlin",
            "russian-government",
            "-",
            "-",
        ];
        for ((name, id), w) in got.iter().zip(want) {
            assert_eq!(id, w, "{name}");
        }
    }

    #[test]
    fn unknown_names_cluster_across_articles() {
        let a = vec![
            article("a", "Bayern sporting director Tobias Reinhardt spoke."),
            article("b", "Reinhardt spoke again."),
            article("c", "Mr Reinhart was there."),
        ];
        let claims = vec![
            person("a", 1, "Tobias Reinhardt"),
            person("b", 1, "Reinhardt"),
            person("c", 1, "Tobias Reinhart"),
            person("c", 2, "Olena Kovalenko"),
            person("c", 3, "Olena Kovalenko"),
            person("a", 2, "Olena Kowalenko"),
        ];
        let got = ids(&a, &claims);
        assert_eq!(got[0].1, "tobias-reinhardt");
        assert_eq!(got[1].1, "tobias-reinhardt");
        assert_eq!(got[2].1, "tobias-reinhardt");
        assert_eq!(got[3].1, got[5].1);
        assert_eq!(got[3].1, "olena-kovalenko");
    }

    #[test]
    fn a_surname_alone_takes_the_full_name_in_its_article() {
        let a = vec![
            article(
                "a",
                "Nigeria striker Chidi Okafor has joined Bayern. Okafor said he was happy.",
            ),
            article("b", "Brentford manager Declan Hurley said it hurt."),
            article("c", "Hurley said it hurt."),
        ];
        let claims = vec![
            person("a", 1, "Okafor"),
            person("b", 1, "Hurley"),
            person("c", 1, "Hurley"),
        ];
        let got = ids(&a, &claims);
        assert_eq!(got[0].1, "chidi-okafor");
        assert_eq!(got[1].1, "declan-hurley");
        // One Hurley in the corpus: the surname joins him.
        assert_eq!(got[2].1, "declan-hurley");
        // A surname seen nowhere in full stays as it is.
        let a = vec![article("d", "Mbeki spoke.")];
        let got = ids(&a, &[person("d", 1, "Mbeki")]);
        assert_eq!(got[0].1, "mbeki");
    }

    #[test]
    fn people_who_share_a_surname_stay_apart_unless_something_tells_them_apart() {
        let a = vec![
            article("a", "Jared Kushner met Putin."),
            article("b", "Charles Kushner, the ambassador, spoke."),
            article("c", "Kushner spoke."),
            article("d", "Nothing here."),
        ];
        let mut claims = vec![
            person("a", 1, "Kushner"),
            person("b", 1, "Kushner"),
            person("c", 1, "Kushner"),
            person("d", 1, "Kushner"),
        ];
        claims[3].speaker.role = Some("Trump's son-in-law".into());
        let got = ids(&a, &claims);
        assert_eq!(got[0].1, "jared-kushner");
        assert_eq!(got[1].1, "charles-kushner");
        // Nothing distinguishes them: left on its own.
        assert_eq!(got[2].1, "kushner");
        // The role does.
        assert_eq!(got[3].1, "jared-kushner");
        // Two unknown Smiths: the bare surname does not pick one.
        let a = vec![article("x", "."), article("y", "."), article("z", ".")];
        let claims = vec![
            person("x", 1, "John Smith"),
            person("y", 1, "Mary Smith"),
            person("z", 1, "Smith"),
        ];
        let got = ids(&a, &claims);
        assert_ne!(got[0].1, got[1].1);
        assert_ne!(got[2].1, got[0].1);
        assert_ne!(got[2].1, got[1].1);
    }

    #[test]
    fn complete_linkage_prevents_chains() {
        // "J. Smith" could be John or Jane, but John and Jane are different people.
        let a = vec![article("a", ".")];
        let claims = vec![
            person("a", 1, "John Smith"),
            person("a", 2, "Jane Smith"),
            person("a", 3, "J. Smith"),
        ];
        let got = ids(&a, &claims);
        assert_ne!(got[0].1, got[1].1);
        assert_ne!(got[2].1, got[0].1);
        assert_ne!(got[2].1, got[1].1);
    }

    #[test]
    fn roles_alone_bind_to_the_one_entity_of_the_article_with_that_role() {
        let a = vec![
            article(
                "a",
                "Russian President Vladimir Putin met Witkoff in Moscow.",
            ),
            article("b", "Zelenskyy met Trump and Putin."),
        ];
        let claims = vec![
            person("a", 1, "the Russian leader"),
            person("b", 1, "the president"),
        ];
        let got = ids(&a, &claims);
        assert_eq!(got[0].1, "vladimir-putin");
        assert_eq!(got[1].1, "-");
    }

    #[test]
    fn roles_in_text_are_read_before_and_after_names() {
        let r = rules();
        let text = "talks with U.S. Secretary of State Marco Rubio in Florida";
        let s = text.find("Marco").unwrap();
        assert_eq!(
            role_before(&r.names, text, s).as_deref(),
            Some("U.S. Secretary of State")
        );
        let text = "Ukrainian President Volodymyr Zelenskyy held";
        assert_eq!(
            role_before(&r.names, text, text.find("Volodymyr").unwrap()).as_deref(),
            Some("Ukrainian President")
        );
        let text = "Zelensky said Putin was wrong";
        assert_eq!(
            role_before(&r.names, text, text.find("Putin").unwrap()),
            None
        );
        let text =
            "Rustem Umerov, the secretary of Ukraine's National Security and Defense Council, and";
        assert_eq!(
            role_after(&r.names, text, "Rustem Umerov".len()).as_deref(),
            Some("secretary of Ukraine's National Security and Defense Council")
        );
        let text = "Putin, who met them, said";
        assert_eq!(role_after(&r.names, text, 5), None);
    }

    #[test]
    fn entity_rows_show_variants_roles_and_articles() {
        let r = rules();
        let a = vec![
            article(
                "a",
                "President Volodymyr Zelensky said so. Zelensky added more.",
            ),
            article("b", "Ukrainian President Volodymyr Zelenskyy spoke."),
        ];
        let claims = vec![person("a", 1, "Volodymyr Zelensky")];
        let idx = EntityIndex::build(&a, &claims, &r);
        let row = idx.row("volodymyr-zelenskyy").unwrap();
        assert_eq!(row.articles.len(), 2);
        assert!(row.variants.contains_key("Zelensky"));
        assert!(row.variants.contains_key("Volodymyr Zelenskyy"));
        assert!(row.roles.contains("Ukrainian President"), "{:?}", row.roles);
        assert_eq!(row.claims, 1);
        assert_eq!(row.origin, Origin::Rules);
    }

    #[test]
    fn slugs_and_keys() {
        assert_eq!(slug("Sébastien Lecornu"), "sebastien-lecornu");
        assert_eq!(
            entity_key("The U.S. State Department"),
            "us state department"
        );
        assert_eq!(entity_key("J. D. Vance"), "jd vance");
        assert_eq!(outlet_core("Source(s): Reuters"), "Reuters");
    }
}
