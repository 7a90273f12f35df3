//! The resolver inside the whole pipeline (load → segment → extract → resolve) on small
//! articles written for this test: two outlets, one event, names spelled differently.
//! Assertions look claims up by what they say, so they hold whatever else the extractor
//! finds.

use crosscheck::model::Claim;
use crosscheck::pipeline::{self, Options};
use crosscheck::rules::Rules;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn claim_with<'a>(claims: &'a [Claim], article: &str, words: &str) -> &'a Claim {
    claims
        .iter()
        .find(|c| c.article == article && c.content.contains(words))
        .unwrap_or_else(|| {
            let all: Vec<(&str, &str)> = claims
                .iter()
                .map(|c| (c.article.as_str(), c.content.as_str()))
                .collect();
            panic!("no claim in {article} containing {words:?}; claims: {all:?}")
        })
}

#[test]
fn the_same_people_dates_and_places_across_two_outlets() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "first.md",
        "---\ntitle: Envoys meet in Geneva\noutlet: NYT\ndate: 2025-11-24\n---\n\n\
         Ukrainian Foreign Minister Andrii Sybiha said on Sunday that the talks in Geneva were useful.\n\n\
         \"We will meet again on Thursday,\" Sybiha told reporters.\n\n\
         Kremlin spokesman Dmitry Peskov said Moscow had not received the 19-point draft.\n",
    );
    write(
        dir.path(),
        "second.md",
        "---\ntitle: Geneva talks\noutlet: the Guardian\ndate: 2025-11-25\n---\n\n\
         Andriy Sybiga said the delegations spent two days in Switzerland.\n\n\
         Dmitri Peskov told journalists yesterday that the Kremlin had seen no text.\n",
    );
    let rules = Rules::embedded().unwrap();
    let corpus = pipeline::run(&[dir.path().to_path_buf()], &Options::default(), &rules).unwrap();
    let first = corpus
        .articles
        .iter()
        .find(|a| a.path.ends_with("first.md"))
        .unwrap();
    let second = corpus
        .articles
        .iter()
        .find(|a| a.path.ends_with("second.md"))
        .unwrap();
    assert_eq!(first.meta.outlet.as_deref(), Some("The New York Times"));
    assert_eq!(second.meta.outlet.as_deref(), Some("The Guardian"));

    let c = claim_with(&corpus.claims, &first.id, "talks in Geneva were useful");
    assert_eq!(c.speaker.id.as_deref(), Some("andrii-sybiha"));
    assert_eq!(c.speaker.name, "Andrii Sybiha");
    // Monday 24 November: "said on Sunday" is the 23rd.
    assert_eq!(c.date.as_deref(), Some("2025-11-23"));
    assert_eq!(c.places[0].id.as_deref(), Some("geneva"));

    let c = claim_with(&corpus.claims, &first.id, "meet again on Thursday");
    assert_eq!(c.speaker.id.as_deref(), Some("andrii-sybiha"));
    assert_eq!(c.date.as_deref(), Some("2025-11-27"));

    let c = claim_with(&corpus.claims, &first.id, "19-point draft");
    assert_eq!(c.speaker.id.as_deref(), Some("dmitry-peskov"));
    assert_eq!(c.quantities[0].value, 19.0);
    assert_eq!(c.quantities[0].unit.as_deref(), Some("point"));

    let c = claim_with(&corpus.claims, &second.id, "two days in Switzerland");
    assert_eq!(c.speaker.id.as_deref(), Some("andrii-sybiha"));
    assert_eq!(c.places[0].id.as_deref(), Some("switzerland"));
    assert!(rules.resolve.places_compatible("switzerland", "geneva"));

    let c = claim_with(&corpus.claims, &second.id, "had seen no text");
    assert_eq!(c.speaker.id.as_deref(), Some("dmitry-peskov"));
    assert_eq!(c.date.as_deref(), Some("2025-11-24"));
    assert_eq!(
        c.date_source.as_deref(),
        Some("attribution, relative to publication (yesterday)")
    );
}
