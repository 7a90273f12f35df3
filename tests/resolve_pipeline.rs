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

/// Throughput: `cargo test --release --test resolve_pipeline -- --ignored --nocapture`.
#[test]
#[ignore]
fn resolve_scales_to_many_claims() {
    use crosscheck::model::{Article, CueClass, Format, QuoteKind, Span, Speaker, SpeakerKind};
    let rules = Rules::embedded().unwrap();
    let given = [
        "Anna", "Boris", "Chen", "Dmytro", "Elena", "Farid", "Grace", "Hiro", "Ivan", "Jana",
    ];
    let family = [
        "Kowalski",
        "Petrenko",
        "Haddad",
        "Novak",
        "Tanaka",
        "Okafor",
        "Silva",
        "Berg",
        "Larsen",
        "Moreau",
        "Rossi",
        "Schneider",
        "Ivanova",
        "Kovacs",
        "Nielsen",
        "Popescu",
        "Horvat",
        "Jensen",
        "Meyer",
        "Costa",
    ];
    let mut articles = Vec::new();
    let mut claims = Vec::new();
    for a in 0..2000 {
        let text = format!(
            "On Tuesday {} {} said the 12-point plan was agreed in Geneva on Dec. 2, two days later than expected.\n",
            given[a % 10],
            family[a % 20]
        )
        .repeat(25);
        let mut art = Article::new(format!("a{a}"), format!("a{a}.txt"), Format::Text, text);
        art.meta.published = Some("2025-12-03".into());
        let line = art.text.find('\n').unwrap() + 1;
        for n in 0..25 {
            let name = match n % 3 {
                0 => format!("{} {}", given[(a + n) % 10], family[(a * 7 + n) % 20]),
                1 => family[(a * 7 + n) % 20].to_string(),
                _ => "Zelensky".to_string(),
            };
            let start = n * line;
            claims.push(Claim {
                id: format!("a{a}#{n}").into(),
                article: art.id.as_str().into(),
                speaker: Speaker {
                    text: name.clone(),
                    name: name.into(),
                    kind: SpeakerKind::Person,
                    role: None,
                    id: None,
                },
                cue: "said".into(),
                cue_class: CueClass::Neutral,
                quote: QuoteKind::Indirect,
                content: String::new(),
                content_span: Span::new(start + 30, start + line - 1),
                span: Span::new(start, start + line - 1),
                line: n + 1,
                cited_outlet: Some("Reuters".into()),
                date: None,
                date_source: None,
                places: vec![],
                quantities: vec![],
                flags: vec![],
            });
        }
        articles.push(art);
    }
    let t = std::time::Instant::now();
    crosscheck::resolve::resolve(&articles, &mut claims, &rules.resolve);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "resolved {} claims in {} articles in {secs:.2} s ({:.0} claims/s)",
        claims.len(),
        articles.len(),
        claims.len() as f64 / secs
    );
    assert!(claims.iter().all(|c| c.speaker.id.is_some()));
}
