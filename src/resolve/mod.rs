//! Stage 4, `resolve`: turn surface mentions into canonical entities, places, dates and
//! quantities across the whole corpus.
//!
//! Owns: speaker canonical names and ids, outlet names, claim dates (absolute and relative
//! to the article's publication date), places and quantities in claim content. Does not
//! own: finding claims (`extract`) or comparing them (`compare`).
//!
//! The parts, each with its rules file:
//! - [`entities`]: the entity table (`entities.toml`, `outlets.toml`) and the corpus
//!   clustering of names ([`entities::EntityIndex`]);
//! - [`names`]: how two personal names are compared (`names.toml`);
//! - [`places`]: the gazetteer with containment (`places.toml`);
//! - [`dates`]: absolute and relative dates (`dates.toml`);
//! - [`quantities`]: numbers and their unit nouns (`quantities.toml`).
//!
//! What the comparer uses: [`resolve`] (fills the claims), [`ResolveRules::places_compatible`],
//! [`ResolveRules::entity`] / [`ResolveRules::lookup`], [`ResolveRules::parse_date`],
//! [`dates::DateRange::from_iso`] (reads `Claim.date`) and [`relay_chain`].

pub mod dates;
pub mod entities;
pub mod names;
pub mod places;
pub mod quantities;

use crate::error::{Error, Result};
use crate::model::{Article, Claim, Interner, SharedStr, Span, SpeakerKind, Status};
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub use entities::{Entity, EntityIndex, EntityKind, EntityRow};

/// The resolver's compiled rules.
#[derive(Debug)]
pub struct ResolveRules {
    /// Name comparison (`names.toml`).
    pub names: names::NameRules,
    /// Entity table (`entities.toml` and the outlets of `outlets.toml`).
    pub entities: entities::EntityTable,
    /// Gazetteer (`places.toml`).
    pub places: places::Gazetteer,
    /// Dates (`dates.toml`).
    pub dates: dates::DateRules,
    /// Quantities (`quantities.toml`).
    pub quantities: quantities::QuantityRules,
}

impl ResolveRules {
    /// Compile the resolver's rule files. An entity's `country` must be a place id.
    pub fn compile(set: &RuleSet) -> Result<Self> {
        let names = names::NameRules::compile(set)?;
        let entities = entities::EntityTable::compile(set, &names)?;
        let places = places::Gazetteer::compile(set)?;
        for e in entities.entities() {
            if let Some(c) = &e.country
                && places.get(c).is_none()
            {
                return Err(Error::RuleInvalid {
                    path: set.path_of("entities.toml"),
                    rule: e.id.clone(),
                    message: format!(
                        "country {c:?} is not a place id in places.toml (see `id = ...` there)"
                    ),
                });
            }
        }
        Ok(ResolveRules {
            names,
            entities,
            places,
            dates: dates::DateRules::compile(set)?,
            quantities: quantities::QuantityRules::compile(set)?,
        })
    }

    /// True when two gazetteer ids are the same place or one contains the other:
    /// ("florida", "miami") and ("europe", "brussels") are compatible, ("moscow", "kyiv")
    /// are not.
    pub fn places_compatible(&self, a_id: &str, b_id: &str) -> bool {
        self.places.compatible(a_id, b_id)
    }

    /// The rule entity with id `id`.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.get(id)
    }

    /// The rule entity a name is an alias of ("Zelensky", "NYT", "the Kremlin").
    pub fn lookup(&self, name: &str) -> Option<&Entity> {
        self.entities.lookup(name)
    }

    /// Whether two personal names can be the same person, by the rules of `names.toml`
    /// (no corpus context).
    pub fn same_person(&self, a: &str, b: &str) -> bool {
        self.names.same_person_str(a, b)
    }

    /// Resolve a date phrase ("Dec. 2", "last Tuesday", "two weeks ago") against a
    /// publication date `YYYY-MM-DD` (or none).
    pub fn parse_date(&self, phrase: &str, published: Option<&str>) -> Option<dates::DateMention> {
        self.dates
            .parse_phrase(phrase, published.and_then(dates::parse_published))
    }
}

/// Compile only the embedded resolver rules and compare two places: for callers without
/// rules at hand. With user rules, use [`ResolveRules::places_compatible`].
pub fn places_compatible(a_id: &str, b_id: &str) -> bool {
    static GAZ: std::sync::OnceLock<Option<places::Gazetteer>> = std::sync::OnceLock::new();
    GAZ.get_or_init(|| places::Gazetteer::compile(&RuleSet::embedded()).ok())
        .as_ref()
        .is_some_and(|g| g.compatible(a_id, b_id))
}

/// Canonical outlet names on every article: `meta.outlet` and `meta.wire` become the
/// entity table's names ("NYT" → "The New York Times", "Source(s): Reuters" →
/// "Reuters"). Unknown outlets keep their name, trimmed of the credit wording.
pub fn resolve_articles(articles: &mut [Article], rules: &ResolveRules) {
    for a in articles {
        for field in [&mut a.meta.outlet, &mut a.meta.wire] {
            if let Some(v) = field.as_mut() {
                *v = canonical_outlet(v, rules);
            }
        }
    }
}

/// The canonical name of an outlet as written ("Source(s): Reuters" → "Reuters").
pub fn canonical_outlet(name: &str, rules: &ResolveRules) -> String {
    match rules.entities.outlet(name) {
        Some(e) => e.name.clone(),
        None => entities::outlet_core(name).to_string(),
    }
}

/// Who relays a claim to the reader: the article's outlet, the wire it credits, the
/// outlet the claim cites, and the speaker (canonical after [`resolve`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct RelayChain {
    /// The outlet that published the article.
    pub outlet: Option<String>,
    /// The wire service the whole article is credited to.
    pub wire: Option<String>,
    /// The outlet the claim is relayed through ("told Axios").
    pub cited: Option<String>,
    /// The speaker's entity id, or name when it has none.
    pub speaker: Option<String>,
}

impl RelayChain {
    /// The outlet closest to the speaker: the cited outlet, else the wire, else the
    /// publishing outlet. Two claims with the same origin are one source, not two.
    pub fn origin(&self) -> Option<&str> {
        self.cited
            .as_deref()
            .or(self.wire.as_deref())
            .or(self.outlet.as_deref())
    }

    /// "Kyiv Independent → Axios → steve-witkoff".
    pub fn render(&self) -> String {
        [&self.outlet, &self.wire, &self.cited, &self.speaker]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

/// The relay chain of `claim` in `article` (outlet names canonical).
pub fn relay_chain(article: &Article, claim: &Claim, rules: &ResolveRules) -> RelayChain {
    let canon = |o: Option<&str>| o.map(|n| canonical_outlet(n, rules));
    let speaker = match claim.speaker.kind {
        SpeakerKind::Anonymous => None,
        _ => Some(
            claim
                .speaker
                .id
                .as_ref()
                .unwrap_or(&claim.speaker.name)
                .to_string(),
        ),
    };
    RelayChain {
        outlet: canon(article.meta.outlet.as_deref()),
        wire: canon(article.meta.wire.as_deref()),
        cited: canon(claim.cited_outlet.as_deref()),
        speaker,
    }
}

/// Resolve every claim's speaker, cited outlet, date, places and quantities, in place:
/// - `speaker.name` becomes the canonical name and `speaker.id` the entity id (people,
///   organisations, outlets; anonymous sources and documents are left as they are);
///   `speaker.role` is kept, or filled from the speaker phrase when the extractor left
///   the role inside the name; an ambiguous name gets the flag `ambiguous-speaker`;
/// - `cited_outlet` becomes the outlet's canonical name;
/// - `date` / `date_source`: the first date written in the content (one not written as
///   a possessive, "Sunday's vote", when there is one), else the first in the rest of
///   the attribution (its source then starts with "attribution, ");
/// - `places` and `quantities`: those in the content.
pub fn resolve(articles: &[Article], claims: &mut [Claim], rules: &ResolveRules) {
    resolve_speakers(articles, claims, rules);
    resolve_local(articles, claims, rules);
}

/// The corpus-wide part of [`resolve`]: speakers' canonical names, ids, roles and the
/// `ambiguous-speaker` flag, from the clustering of every name in the corpus
/// ([`EntityIndex`]). Run it before [`resolve_local`] (the clustering reads cited outlets
/// as written).
pub fn resolve_speakers(articles: &[Article], claims: &mut [Claim], rules: &ResolveRules) {
    let index = EntityIndex::build(articles, claims, rules);
    apply_index(&index, claims);
}

/// The per-article part of [`resolve`]: each claim's cited outlet, date, places and
/// quantities. It reads the claim's spans, content and cited outlet and its own article
/// (text, publication date), never the speaker nor any other article, so the result for
/// one article's claims is a function of that article and its extracted claims (what
/// `--cache` relies on to reuse it). `claims` may be any subset of the corpus's claims.
pub fn resolve_local(articles: &[Article], claims: &mut [Claim], rules: &ResolveRules) {
    let by_id: BTreeMap<&str, &Article> = articles
        .iter()
        .filter(|a| a.status == Status::Ok)
        .map(|a| (a.id.as_str(), a))
        .collect();
    // Date mentions of each article with claims, then each claim on its own: both in
    // parallel on the caller's thread pool; each result depends only on its input.
    let with_claims: BTreeSet<&str> = claims.iter().map(|c| c.article.as_str()).collect();
    let mentions: BTreeMap<&str, Vec<dates::DateMention>> = by_id
        .par_iter()
        .filter(|(id, _)| with_claims.contains(*id))
        .map(|(&id, article)| {
            let published = article
                .meta
                .published
                .as_deref()
                .and_then(dates::parse_published);
            (id, rules.dates.find(&article.text, published))
        })
        .collect();
    claims.par_iter_mut().for_each(|c| {
        if let Some(o) = &c.cited_outlet {
            c.cited_outlet = Some(SharedStr::pooled(&canonical_outlet(o, rules)));
        }
        let article = by_id.get(c.article.as_str()).copied();
        let found = mentions.get(c.article.as_str());
        if let (Some(article), Some(found)) = (article, found) {
            resolve_claim(c, article, found, rules);
        }
    });
}

/// Set speaker name, id, role and flags from a built index.
fn apply_index(index: &EntityIndex, claims: &mut [Claim]) {
    // One shared copy of each row's name and id, and of each role, for all the claims
    // that take them.
    let shared: Vec<(SharedStr, SharedStr)> = index
        .rows
        .iter()
        .map(|r| (r.name.as_str().into(), r.id.as_str().into()))
        .collect();
    let roles = Interner::default();
    for (c, s) in claims.iter_mut().zip(&index.speakers) {
        let Some(s) = s else { continue };
        let (Some(row), Some((name, id))) = (index.rows.get(s.row), shared.get(s.row)) else {
            continue;
        };
        c.speaker.name = name.clone();
        c.speaker.id = Some(id.clone());
        // A one-word "person" the index found to be a short name of an organisation.
        if c.speaker.kind == SpeakerKind::Person && row.kind == EntityKind::Organisation {
            c.speaker.kind = SpeakerKind::Organisation;
        }
        if c.speaker.role.is_none() {
            c.speaker.role = roles.get_opt(s.role.as_deref());
        }
        if s.ambiguous && !c.flags.iter().any(|f| f == "ambiguous-speaker") {
            c.flags.push("ambiguous-speaker".into());
        }
    }
}

fn inside(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end && !outer.is_empty()
}

fn resolve_claim(
    c: &mut Claim,
    article: &Article,
    found: &[dates::DateMention],
    rules: &ResolveRules,
) {
    // Date: the content first, then the attribution around it. Mentions are in text
    // order, so each search starts at the first mention that can lie inside.
    let from = |start: usize| {
        let i = found.partition_point(|m| m.span.start < start);
        found.get(i..).unwrap_or_default()
    };
    // A possessive date ("the recount of Sunday's run-off will take place on
    // Wednesday") names another event: a plain date of the content comes first.
    let content_mentions = || {
        from(c.content_span.start)
            .iter()
            .take_while(|m| m.span.start < c.content_span.end)
            .filter(|m| inside(c.content_span, m.span))
    };
    // A date right after a reporting verb in the content ("..., Nazarov said on
    // Tuesday") dates the saying: taken only when the content has no other, and then
    // as the attribution's.
    let in_content = content_mentions()
        .find(|m| !m.possessive && !m.saying)
        .or_else(|| content_mentions().find(|m| !m.saying));
    let said_in_content = || content_mentions().next();
    let in_attribution = || {
        from(c.span.start)
            .iter()
            .take_while(|m| m.span.start < c.span.end)
            .find(|m| inside(c.span, m.span) && !inside(c.content_span, m.span))
    };
    let (mention, prefix) = match in_content {
        Some(m) => (Some(m), ""),
        None => (in_attribution().or_else(said_in_content), "attribution, "),
    };
    if let Some(m) = mention {
        c.date = m
            .value
            .map(|v| v.iso())
            .or_else(|| m.day_without_year.clone())
            .as_deref()
            .map(SharedStr::pooled);
        c.date_source = Some(SharedStr::pooled(&match (&m.value, &m.day_without_year) {
            (None, Some(_)) => format!("{prefix}month and day, no year (no publication date)"),
            _ => format!("{prefix}{}", m.source),
        }));
    }
    // Places and quantities in the content (as it stands in the article).
    let text = article.slice(c.content_span);
    let (text, base) = if text.is_empty() {
        (c.content.as_str(), c.content_span.start)
    } else {
        (text, c.content_span.start)
    };
    c.places = rules.places.find(text, base);
    let date_spans: Vec<Span> = from(c.content_span.start)
        .iter()
        .take_while(|m| m.span.start < c.content_span.end)
        .filter(|m| inside(c.content_span, m.span))
        .map(|m| m.span)
        .collect();
    c.quantities = rules.quantities.find(text, base, &date_spans);
    // Held by every claim to the end of the run: no growth slack (on a large corpus the
    // vectors' spare room was tens of megabytes).
    c.places.shrink_to_fit();
    c.quantities.shrink_to_fit();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CueClass, Format, QuoteKind, Speaker};

    fn rules() -> ResolveRules {
        ResolveRules::compile(&RuleSet::embedded()).unwrap()
    }

    /// A claim whose content is `content` as found in `text`.
    fn claim_in(article: &Article, n: usize, speaker: &str, content: &str) -> Claim {
        let start = article.text.find(content).unwrap();
        let span = Span::new(start, start + content.len());
        // The attribution: the whole line holding the content.
        let line_start = article.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = article.text[start..]
            .find('\n')
            .map_or(article.text.len(), |i| start + i);
        Claim {
            id: format!("{}#{n}", article.id).into(),
            article: article.id.as_str().into(),
            speaker: Speaker {
                text: speaker.into(),
                name: speaker.into(),
                kind: SpeakerKind::Person,
                role: None,
                id: None,
            },
            cue: "said".into(),
            cue_class: CueClass::Neutral,
            quote: QuoteKind::Indirect,
            content: content.into(),
            content_span: span,
            span: Span::new(line_start, line_end),
            line: 1,
            cited_outlet: None,
            date: None,
            date_source: None,
            places: vec![],
            quantities: vec![],
            flags: vec![],
        }
    }

    fn article(id: &str, published: Option<&str>, text: &str) -> Article {
        let mut a = Article::new(id, format!("{id}.txt"), Format::Text, text.into());
        a.meta.published = published.map(str::to_string);
        a
    }

    #[test]
    fn resolve_fills_speaker_date_places_and_quantities() {
        let r = rules();
        let a = article(
            "kyiv",
            Some("2025-12-01"),
            "Zelenskyy in Paris Monday to see Macron\n\
             Umerov said the delegation discussed the 28-point plan in Florida on Sunday.\n\
             Witkoff will meet Putin in Moscow on Tuesday, President Zelensky said.\n",
        );
        let mut claims = vec![
            claim_in(
                &a,
                1,
                "Umerov",
                "the delegation discussed the 28-point plan in Florida on Sunday",
            ),
            claim_in(
                &a,
                2,
                "President Zelensky",
                "Witkoff will meet Putin in Moscow on Tuesday",
            ),
        ];
        claims[1].cited_outlet = Some("Source(s): Reuters".into());
        resolve(std::slice::from_ref(&a), &mut claims, &r);
        let c = &claims[0];
        assert_eq!(c.speaker.name, "Rustem Umerov");
        assert_eq!(c.speaker.id.as_deref(), Some("rustem-umerov"));
        assert_eq!(c.date.as_deref(), Some("2025-11-30"));
        assert_eq!(
            c.date_source.as_deref(),
            Some("weekday on or before publication")
        );
        assert_eq!(c.places.len(), 1);
        assert_eq!(c.places[0].id.as_deref(), Some("florida"));
        assert_eq!(c.quantities.len(), 1);
        assert_eq!(c.quantities[0].unit.as_deref(), Some("point"));
        assert_eq!(a.slice(c.quantities[0].span), "28-point");
        let c = &claims[1];
        assert_eq!(c.speaker.name, "Volodymyr Zelenskyy");
        assert_eq!(c.speaker.role.as_deref(), Some("President"));
        assert_eq!(c.date.as_deref(), Some("2025-12-02"));
        assert_eq!(c.places[0].id.as_deref(), Some("moscow"));
        assert_eq!(c.cited_outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn the_attribution_date_is_used_when_the_content_has_none() {
        let r = rules();
        let a = article(
            "x",
            Some("2025-12-03"),
            "The plan needs more work, Rubio said on Tuesday.\n",
        );
        let mut claims = vec![claim_in(&a, 1, "Rubio", "The plan needs more work")];
        resolve(std::slice::from_ref(&a), &mut claims, &r);
        assert_eq!(claims[0].date.as_deref(), Some("2025-12-02"));
        assert_eq!(
            claims[0].date_source.as_deref(),
            Some("attribution, weekday on or before publication")
        );
    }

    #[test]
    fn a_plain_date_of_the_content_comes_before_a_possessive_one() {
        let r = rules();
        let text = "The recount of Sunday's run-off will take place at the town hall on \
                    Wednesday, the chair said.\nSunday's run-off was close, she said.\n";
        let a = article("x", Some("2026-03-10"), text);
        let mut claims = vec![
            claim_in(
                &a,
                1,
                "the chair",
                "The recount of Sunday's run-off will take place at the town hall on Wednesday",
            ),
            claim_in(&a, 2, "she", "Sunday's run-off was close"),
        ];
        resolve(std::slice::from_ref(&a), &mut claims, &r);
        assert_eq!(claims[0].date.as_deref(), Some("2026-03-11"));
        // Only a possessive date: it is the claim's.
        assert_eq!(claims[1].date.as_deref(), Some("2026-03-08"));
    }

    #[test]
    fn a_date_after_a_reporting_verb_in_the_content_dates_the_saying() {
        let r = rules();
        // Tuesday 14 April 2026; a narrative claim holds its own attribution.
        let text = "The council has approved a budget for homes destroyed by last \
                    month's floods, Governor Nazarov said on Tuesday.\nThe council approved \
                    the budget on Monday, Nazarov told reporters on Tuesday.\nThe council \
                    approved it, the governor said on Tuesday.\n";
        let a = article("x", Some("2026-04-14"), text);
        let mut claims = vec![
            claim_in(
                &a,
                1,
                "Herald",
                "The council has approved a budget for homes destroyed by last month's floods, \
                 Governor Nazarov said on Tuesday",
            ),
            claim_in(
                &a,
                2,
                "Herald",
                "The council approved the budget on Monday, Nazarov told reporters on Tuesday",
            ),
            claim_in(
                &a,
                3,
                "Herald",
                "The council approved it, the governor said on Tuesday",
            ),
        ];
        for c in &mut claims {
            c.span = c.content_span;
        }
        resolve(std::slice::from_ref(&a), &mut claims, &r);
        // The possessive month names the floods; the saying's Tuesday is not the content's.
        assert_eq!(claims[0].date.as_deref(), Some("2026-03-01/2026-03-31"));
        assert_eq!(claims[1].date.as_deref(), Some("2026-04-13"));
        // Only the saying's date: taken, as the attribution's.
        assert_eq!(claims[2].date.as_deref(), Some("2026-04-14"));
        assert!(
            claims[2]
                .date_source
                .as_deref()
                .is_some_and(|s| s.starts_with("attribution, "))
        );
    }

    #[test]
    fn no_publication_date_leaves_relative_dates_unresolved() {
        let r = rules();
        let a = article("x", None, "Talks ended yesterday, Peskov said.\n");
        let mut claims = vec![claim_in(&a, 1, "Peskov", "Talks ended yesterday")];
        resolve(std::slice::from_ref(&a), &mut claims, &r);
        assert_eq!(claims[0].date, None);
        assert!(
            claims[0]
                .date_source
                .as_deref()
                .unwrap()
                .starts_with("unresolved: relative date without a publication date")
        );
        assert_eq!(claims[0].speaker.id.as_deref(), Some("dmitry-peskov"));
    }

    #[test]
    fn outlets_and_relay_chains_are_canonical() {
        let r = rules();
        let mut arts = vec![article("x", None, "text")];
        arts[0].meta.outlet = Some("the Kyiv Independent".into());
        arts[0].meta.wire = Some("Source(s): AP".into());
        resolve_articles(&mut arts, &r);
        assert_eq!(arts[0].meta.outlet.as_deref(), Some("The Kyiv Independent"));
        assert_eq!(arts[0].meta.wire.as_deref(), Some("Associated Press"));
        let mut c = claim_in(&arts[0], 1, "Witkoff", "text");
        c.cited_outlet = Some("Axios".into());
        c.speaker.id = Some("steve-witkoff".into());
        let chain = relay_chain(&arts[0], &c, &r);
        assert_eq!(chain.origin(), Some("Axios"));
        assert_eq!(
            chain.render(),
            "The Kyiv Independent → Associated Press → Axios → steve-witkoff"
        );
    }

    #[test]
    fn public_helpers_for_the_comparer() {
        let r = rules();
        assert!(r.places_compatible("florida", "hallandale-beach"));
        assert!(!r.places_compatible("moscow", "kyiv"));
        assert!(places_compatible("brussels", "belgium"));
        assert_eq!(r.entity("marco-rubio").unwrap().name, "Marco Rubio");
        assert_eq!(r.lookup("Rubio").unwrap().id, "marco-rubio");
        assert!(r.same_person("Andrii Hnatov", "Andriy Gnatov"));
        let d = r.parse_date("Dec. 2", Some("2025-12-04")).unwrap();
        assert_eq!(d.value.unwrap().iso(), "2025-12-02");
    }

    #[test]
    fn the_local_part_depends_on_each_article_alone() {
        // What `--cache` relies on: `resolve_local` over one article's claims gives what
        // it gives over the whole corpus, and it does not read what `resolve_speakers`
        // sets.
        let r = rules();
        let a = article(
            "a",
            Some("2025-12-01"),
            "Umerov said 28 people met in Florida on Sunday.\n",
        );
        let b = article(
            "b",
            Some("2025-12-03"),
            "Peskov said talks in Moscow ended yesterday with 3 deals.\n",
        );
        let arts = vec![a.clone(), b.clone()];
        let raw = vec![
            claim_in(&a, 1, "Umerov", "28 people met in Florida on Sunday"),
            claim_in(
                &b,
                1,
                "Peskov",
                "talks in Moscow ended yesterday with 3 deals",
            ),
        ];
        let mut whole = raw.clone();
        resolve(&arts, &mut whole, &r);
        let mut split = raw.clone();
        resolve_speakers(&arts, &mut split, &r);
        for i in [1, 0] {
            resolve_local(&arts, &mut split[i..=i], &r);
        }
        assert_eq!(split, whole);
        // Without the speakers resolved first, the local fields are the same.
        let mut local_only = raw.clone();
        resolve_local(&arts, &mut local_only, &r);
        for (x, y) in local_only.iter().zip(&whole) {
            assert_eq!(
                (
                    &x.date,
                    &x.date_source,
                    &x.places,
                    &x.quantities,
                    &x.cited_outlet
                ),
                (
                    &y.date,
                    &y.date_source,
                    &y.places,
                    &y.quantities,
                    &y.cited_outlet
                )
            );
        }
        assert_eq!(whole[1].date.as_deref(), Some("2025-12-02"));
    }

    #[test]
    fn resolving_is_deterministic() {
        let r = rules();
        let a = article(
            "a",
            Some("2025-12-01"),
            "Olena Kovalenko said prices rose. Kovalenko added that 3 banks failed.\n",
        );
        let make = || {
            vec![
                claim_in(&a, 1, "Olena Kovalenko", "prices rose"),
                claim_in(&a, 2, "Kovalenko", "3 banks failed"),
            ]
        };
        let mut one = make();
        let mut two = make();
        resolve(std::slice::from_ref(&a), &mut one, &r);
        resolve(std::slice::from_ref(&a), &mut two, &r);
        assert_eq!(one, two);
        assert_eq!(one[1].speaker.id.as_deref(), Some("olena-kovalenko"));
    }
}
