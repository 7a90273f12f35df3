//! The resolver on small hand-written articles of several topics and name origins, with
//! claims built by hand (as the extractor would give them): canonical speakers across
//! articles, outlets, dates, places and quantities.

use crosscheck::model::{Article, Claim, CueClass, Format, QuoteKind, Span, Speaker, SpeakerKind};
use crosscheck::resolve::{self, ResolveRules};
use crosscheck::rules::RuleSet;

fn rules() -> ResolveRules {
    ResolveRules::compile(&RuleSet::embedded()).unwrap()
}

fn article(id: &str, published: Option<&str>, outlet: Option<&str>, text: &str) -> Article {
    let mut a = Article::new(id, format!("{id}.txt"), Format::Text, text.to_string());
    a.meta.published = published.map(str::to_string);
    a.meta.outlet = outlet.map(str::to_string);
    a
}

/// A claim whose content is the first occurrence of `content` in the article, its
/// attribution the sentence (line) around it.
fn claim(a: &Article, n: usize, speaker: &str, kind: SpeakerKind, content: &str) -> Claim {
    let start = a
        .text
        .find(content)
        .unwrap_or_else(|| panic!("{content:?} not in {}", a.id));
    let line_start = a.text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = a.text[start..]
        .find('\n')
        .map_or(a.text.len(), |i| start + i);
    Claim {
        id: format!("{}#{n}", a.id).into(),
        article: a.id.as_str().into(),
        speaker: Speaker {
            text: speaker.into(),
            name: speaker.into(),
            kind,
            role: None,
            id: None,
        },
        cue: "said".into(),
        cue_class: CueClass::Neutral,
        quote: QuoteKind::Indirect,
        content: content.into(),
        content_span: Span::new(start, start + content.len()),
        span: Span::new(line_start, line_end),
        line: a.line_of(start),
        cited_outlet: None,
        date: None,
        date_source: None,
        places: vec![],
        quantities: vec![],
        flags: vec![],
    }
}

fn person(a: &Article, n: usize, speaker: &str, content: &str) -> Claim {
    claim(a, n, speaker, SpeakerKind::Person, content)
}

fn place_ids(c: &Claim) -> Vec<&str> {
    c.places.iter().filter_map(|p| p.id.as_deref()).collect()
}

fn quantities(c: &Claim) -> Vec<(f64, Option<&str>)> {
    c.quantities
        .iter()
        .map(|q| (q.value, q.unit.as_deref()))
        .collect()
}

#[test]
fn ukraine_talks_across_three_outlets() {
    // Monday 1 December 2025, Tuesday 2 December, Wednesday 3 December.
    let a = article(
        "kyiv",
        Some("2025-12-01"),
        Some("the Kyiv Independent"),
        "Umerov says Florida talks were productive\n\
         Rustem Umerov said the delegation discussed the 28-point plan with Witkoff in Hallandale Beach on Sunday.\n\
         Witkoff will meet Putin in Moscow on Tuesday, President Volodymyr Zelensky said.\n",
    );
    let b = article(
        "moscow",
        Some("2025-12-03"),
        Some("NYT"),
        "Kremlin aide Yuri Ushakov said the Dec. 2 meeting with Steve Witkoff in Moscow was useful.\n\
         Ushakov said the sides discussed 27 points divided into four packages.\n\
         Zelenskyy said a day later that Ukraine was ready to work.\n",
    );
    let c = article(
        "brief",
        Some("2025-12-02"),
        Some("Source(s): Reuters"),
        "Yermak resigned. Andriy Sybiha, the foreign minister, said the plan must respect Ukraine's borders.\n\
         Zelenskiy said the team would brief him tomorrow.\n",
    );
    let articles = vec![a.clone(), b.clone(), c.clone()];
    let mut claims = vec![
        person(&a, 1, "Umerov", "Florida talks were productive"),
        person(
            &a,
            2,
            "Rustem Umerov",
            "the delegation discussed the 28-point plan with Witkoff in Hallandale Beach on Sunday",
        ),
        person(
            &a,
            3,
            "President Volodymyr Zelensky",
            "Witkoff will meet Putin in Moscow on Tuesday",
        ),
        person(
            &b,
            1,
            "Kremlin aide Yuri Ushakov",
            "the Dec. 2 meeting with Steve Witkoff in Moscow was useful",
        ),
        person(
            &b,
            2,
            "Ushakov",
            "the sides discussed 27 points divided into four packages",
        ),
        person(&b, 3, "Zelenskyy", "Ukraine was ready to work"),
        person(
            &c,
            1,
            "Andriy Sybiha",
            "the plan must respect Ukraine's borders",
        ),
        person(&c, 2, "Zelenskiy", "the team would brief him tomorrow"),
    ];
    claims[6].cited_outlet = Some("Source(s): Reuters".into());
    let r = rules();
    let mut arts = articles;
    resolve::resolve_articles(&mut arts, &r);
    resolve::resolve(&arts, &mut claims, &r);

    assert_eq!(arts[0].meta.outlet.as_deref(), Some("The Kyiv Independent"));
    assert_eq!(arts[1].meta.outlet.as_deref(), Some("The New York Times"));
    assert_eq!(arts[2].meta.outlet.as_deref(), Some("Reuters"));

    let ids: Vec<&str> = claims
        .iter()
        .map(|c| c.speaker.id.as_deref().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![
            "rustem-umerov",
            "rustem-umerov",
            "volodymyr-zelenskyy",
            "yuri-ushakov",
            "yuri-ushakov",
            "volodymyr-zelenskyy",
            "andrii-sybiha",
            "volodymyr-zelenskyy",
        ]
    );
    assert_eq!(claims[2].speaker.name, "Volodymyr Zelenskyy");
    assert_eq!(claims[2].speaker.role.as_deref(), Some("President"));
    assert_eq!(claims[3].speaker.role.as_deref(), Some("Kremlin aide"));
    assert_eq!(claims[6].cited_outlet.as_deref(), Some("Reuters"));

    // Dates: Sunday before Monday 1 Dec; Tuesday ahead (future tense); Dec. 2 absolute;
    // "a day later" with no date just before falls back on publication; "tomorrow".
    let dates: Vec<Option<&str>> = claims.iter().map(|c| c.date.as_deref()).collect();
    assert_eq!(
        dates,
        vec![
            None,
            Some("2025-11-30"),
            Some("2025-12-02"),
            Some("2025-12-02"),
            None,
            Some("2025-12-04"),
            None,
            Some("2025-12-03"),
        ]
    );
    assert_eq!(
        claims[5].date_source.as_deref(),
        Some("attribution, relative to publication (a day later; no date mentioned just before)")
    );
    assert_eq!(
        claims[7].date_source.as_deref(),
        Some("relative to publication (tomorrow)")
    );

    // Places: Hallandale Beach lies in Florida, so the first two claims never clash.
    assert_eq!(place_ids(&claims[0]), vec!["florida"]);
    assert_eq!(place_ids(&claims[1]), vec!["hallandale-beach"]);
    assert!(r.places_compatible("florida", "hallandale-beach"));
    assert_eq!(place_ids(&claims[2]), vec!["moscow"]);
    assert!(!r.places_compatible("moscow", "hallandale-beach"));
    // "Ukraine's borders": a possessive is an actor, not a location.
    assert!(claims[6].places.is_empty());

    assert_eq!(quantities(&claims[1]), vec![(28.0, Some("point"))]);
    assert_eq!(
        quantities(&claims[4]),
        vec![(27.0, Some("point")), (4.0, Some("package"))]
    );
}

#[test]
fn sports_transfer_with_unknown_names() {
    // Monday 3 March 2025.
    let a = article(
        "transfer",
        Some("2025-03-03"),
        None,
        "LONDON, March 3 (Reuters) - Nigeria striker Chidi Okafor has joined Bayern Munich in a deal worth up to 85 million euros, the German champions said on Monday.\n\
         Okafor said he had scored 19 Premier League goals last season.\n\
         Brentford manager Declan Hurley said losing him would hurt.\n",
    );
    let b = article(
        "reaction",
        Some("2025-03-04"),
        None,
        "Hurley said two earlier bids were rejected a week ago.\n\
         Chidi Okafour said he wanted to win things in Munich.\n",
    );
    let mut claims = vec![
        claim(
            &a,
            1,
            "the German champions",
            SpeakerKind::Organisation,
            "Nigeria striker Chidi Okafor has joined Bayern Munich in a deal worth up to 85 million euros",
        ),
        person(
            &a,
            2,
            "Okafor",
            "he had scored 19 Premier League goals last season",
        ),
        person(
            &a,
            3,
            "Brentford manager Declan Hurley",
            "losing him would hurt",
        ),
        person(&b, 1, "Hurley", "two earlier bids were rejected a week ago"),
        person(&b, 2, "Chidi Okafour", "he wanted to win things in Munich"),
    ];
    let r = rules();
    resolve::resolve(&[a.clone(), b.clone()], &mut claims, &r);
    assert_eq!(claims[1].speaker.id.as_deref(), Some("chidi-okafor"));
    assert_eq!(claims[1].speaker.name, "Chidi Okafor");
    assert_eq!(claims[4].speaker.id.as_deref(), Some("chidi-okafor"));
    assert_eq!(claims[2].speaker.id.as_deref(), Some("declan-hurley"));
    assert_eq!(claims[2].speaker.role.as_deref(), Some("Brentford manager"));
    assert_eq!(claims[3].speaker.id.as_deref(), Some("declan-hurley"));
    // The organisation keeps a stable id of its own.
    assert_eq!(claims[0].speaker.id.as_deref(), Some("german-champions"));
    assert_eq!(claims[0].date.as_deref(), Some("2025-03-03"));
    assert_eq!(quantities(&claims[0]), vec![(85e6, Some("euro"))]);
    assert_eq!(quantities(&claims[1]), vec![(19.0, Some("goal"))]);
    // "last season" is no calendar date.
    assert_eq!(claims[1].date, None);
    // "a week ago": about a week, so a range of a week around it.
    assert_eq!(claims[3].date.as_deref(), Some("2025-02-22/2025-02-28"));
    assert_eq!(quantities(&claims[3]), vec![(2.0, Some("bid"))]);
    assert_eq!(place_ids(&claims[4]), vec!["munich"]);
}

#[test]
fn middle_east_arabic_transliterations() {
    let a = article(
        "cairo",
        Some("2025-10-08"),
        Some("Al Jazeera"),
        "Egyptian President Abdel Fattah el-Sisi said talks in Sharm el-Sheikh were going well.\n\
         Senior Hamas official Khalil al-Hayya said the group had handed over its list on Monday.\n",
    );
    let b = article(
        "gaza",
        Some("2025-10-09"),
        Some("BBC News"),
        "Sisi said Egypt would host a summit next week.\n\
         Khalil al-Haya said two days later that the ceasefire would hold.\n\
         Hayya added that 20 hostages would be freed within 72 hours.\n",
    );
    let mut claims = vec![
        person(
            &a,
            1,
            "Egyptian President Abdel Fattah el-Sisi",
            "talks in Sharm el-Sheikh were going well",
        ),
        person(
            &a,
            2,
            "Senior Hamas official Khalil al-Hayya",
            "the group had handed over its list on Monday",
        ),
        person(&b, 1, "Sisi", "Egypt would host a summit next week"),
        person(&b, 2, "Khalil al-Haya", "the ceasefire would hold"),
        person(&b, 3, "Hayya", "20 hostages would be freed within 72 hours"),
    ];
    let r = rules();
    let mut arts = vec![a, b];
    resolve::resolve_articles(&mut arts, &r);
    resolve::resolve(&arts, &mut claims, &r);
    assert_eq!(arts[1].meta.outlet.as_deref(), Some("BBC"));
    assert_eq!(
        claims[0].speaker.id.as_deref(),
        Some("abdel-fattah-el-sisi")
    );
    assert_eq!(
        claims[2].speaker.id.as_deref(),
        Some("abdel-fattah-el-sisi")
    );
    let hayya = claims[1].speaker.id.clone().unwrap();
    assert_eq!(claims[3].speaker.id.as_deref(), Some(hayya.as_str()));
    assert_eq!(claims[4].speaker.id.as_deref(), Some(hayya.as_str()));
    assert_eq!(
        claims[1].speaker.role.as_deref(),
        Some("Senior Hamas official")
    );
    assert_eq!(place_ids(&claims[0]), vec!["sharm-el-sheikh"]);
    assert!(r.places_compatible("egypt", "sharm-el-sheikh"));
    // Wednesday 8 October 2025: the Monday before.
    assert_eq!(claims[1].date.as_deref(), Some("2025-10-06"));
    assert_eq!(claims[2].date.as_deref(), Some("2025-10-13/2025-10-19"));
    assert_eq!(
        quantities(&claims[4]),
        vec![(20.0, Some("hostage")), (72.0, Some("hour"))]
    );
}

#[test]
fn chinese_and_korean_names_keep_family_names_first() {
    let a = article(
        "beijing",
        Some("2025-11-20"),
        None,
        "Chinese Foreign Minister Wang Yi said the two sides held a third round of talks in Beijing.\n\
         Foreign Ministry spokesperson Wang Wenbin said the meeting was constructive.\n\
         South Korean President Lee Jae Myung said he would visit Tokyo in December.\n",
    );
    let b = article(
        "seoul",
        Some("2025-11-21"),
        None,
        "Lee Jae-myung said the summit in Gyeongju had gone well.\n\
         Wang said on Thursday that China wanted stability.\n",
    );
    let mut claims = vec![
        person(
            &a,
            1,
            "Chinese Foreign Minister Wang Yi",
            "the two sides held a third round of talks in Beijing",
        ),
        person(
            &a,
            2,
            "Foreign Ministry spokesperson Wang Wenbin",
            "the meeting was constructive",
        ),
        person(
            &a,
            3,
            "South Korean President Lee Jae Myung",
            "he would visit Tokyo in December",
        ),
        person(
            &b,
            1,
            "Lee Jae-myung",
            "the summit in Gyeongju had gone well",
        ),
        person(&b, 2, "Wang", "China wanted stability"),
    ];
    let r = rules();
    resolve::resolve(&[a, b], &mut claims, &r);
    assert_eq!(claims[0].speaker.id.as_deref(), Some("wang-yi"));
    assert_eq!(claims[1].speaker.id.as_deref(), Some("wang-wenbin"));
    assert_eq!(claims[2].speaker.id.as_deref(), Some("lee-jae-myung"));
    assert_eq!(claims[3].speaker.id.as_deref(), Some("lee-jae-myung"));
    // "Wang" alone could be either Wang: kept apart and flagged.
    assert_ne!(claims[4].speaker.id.as_deref(), Some("wang-yi"));
    assert_ne!(claims[4].speaker.id.as_deref(), Some("wang-wenbin"));
    assert!(claims[4].flags.iter().any(|f| f == "ambiguous-speaker"));
    assert_eq!(
        quantities(&claims[0]),
        vec![(2.0, Some("side")), (3.0, Some("round"))]
    );
    assert_eq!(place_ids(&claims[0]), vec!["beijing"]);
    // Thursday 20 November: the same day ("said on Thursday" in an article of the 21st).
    assert_eq!(claims[4].date.as_deref(), Some("2025-11-20"));
    // "would visit ... in December": the December ahead.
    assert_eq!(claims[2].date.as_deref(), Some("2025-12-01/2025-12-31"));
}

#[test]
fn business_names_with_accents_and_titles() {
    let a = article(
        "merger",
        Some("2024-06-12"),
        None,
        "Chief executive María González said the merger would create 1,200 jobs.\n\
         Analysts at the bank said the deal valued the firm at $4.5 billion.\n",
    );
    let b = article(
        "merger2",
        Some("2024-06-13"),
        None,
        "Maria Gonzalez said yesterday that no plants would close.\n\
         Gonzalez said the company expected to close the deal in 2025.\n\
         Union leader Tom Schmidt said 300 workers were worried, while John Smith said nothing.\n",
    );
    let mut claims = vec![
        person(
            &a,
            1,
            "Chief executive María González",
            "the merger would create 1,200 jobs",
        ),
        claim(
            &a,
            2,
            "Analysts at the bank",
            SpeakerKind::Anonymous,
            "the deal valued the firm at $4.5 billion",
        ),
        person(&b, 1, "Maria Gonzalez", "no plants would close"),
        person(
            &b,
            2,
            "Gonzalez",
            "the company expected to close the deal in 2025",
        ),
        person(
            &b,
            3,
            "Union leader Tom Schmidt",
            "300 workers were worried",
        ),
        person(&b, 4, "John Smith", "nothing"),
    ];
    let r = rules();
    resolve::resolve(&[a, b], &mut claims, &r);
    let id = claims[0].speaker.id.clone().unwrap();
    assert_eq!(claims[2].speaker.id.as_deref(), Some(id.as_str()));
    assert_eq!(claims[3].speaker.id.as_deref(), Some(id.as_str()));
    assert_eq!(claims[0].speaker.role.as_deref(), Some("Chief executive"));
    assert_ne!(claims[4].speaker.id, claims[5].speaker.id);
    // Anonymous sources are never given an entity.
    assert_eq!(claims[1].speaker.id, None);
    assert_eq!(claims[1].speaker.name, "Analysts at the bank");
    assert_eq!(quantities(&claims[0]), vec![(1200.0, Some("job"))]);
    assert_eq!(quantities(&claims[1]), vec![(4.5e9, Some("dollar"))]);
    assert_eq!(claims[2].date.as_deref(), Some("2024-06-12"));
    assert_eq!(claims[3].date.as_deref(), Some("2025-01-01/2025-12-31"));
    assert_eq!(quantities(&claims[4]), vec![(300.0, Some("worker"))]);
}

#[test]
fn an_article_without_a_date_says_why_its_dates_are_unresolved() {
    let a = article(
        "undated",
        None,
        None,
        "Peskov said the talks on Sunday were useful and would resume next week.\n\
         Lavrov said the treaty was signed on 5 December 2024 in Minsk.\n",
    );
    let mut claims = vec![
        person(
            &a,
            1,
            "Peskov",
            "the talks on Sunday were useful and would resume next week",
        ),
        person(
            &a,
            2,
            "Lavrov",
            "the treaty was signed on 5 December 2024 in Minsk",
        ),
    ];
    let r = rules();
    resolve::resolve(&[a], &mut claims, &r);
    assert_eq!(claims[0].date, None);
    assert_eq!(
        claims[0].date_source.as_deref(),
        Some("unresolved: weekday without a publication date (Sunday)")
    );
    assert_eq!(claims[1].date.as_deref(), Some("2024-12-05"));
    assert_eq!(claims[1].date_source.as_deref(), Some("absolute"));
    assert_eq!(claims[0].speaker.id.as_deref(), Some("dmitry-peskov"));
    assert_eq!(claims[1].speaker.id.as_deref(), Some("sergei-lavrov"));
    assert_eq!(place_ids(&claims[1]), vec!["minsk"]);
}

#[test]
fn a_user_rule_splits_or_joins_what_clustering_decided() {
    // Two spellings the matcher keeps apart (-a ending): a rule joins them.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("entities.toml"),
        "[[entity]]\nid = \"ismail-haniyeh\"\nkind = \"person\"\nname = \"Ismail Haniyeh\"\n\
         aliases = [\"Ismail Haniya\", \"Haniyeh\", \"Haniya\"]\nroles = [\"Hamas leader\"]\ncountry = \"palestine\"\n",
    )
    .unwrap();
    let with = ResolveRules::compile(&RuleSet::load(Some(dir.path()), true).unwrap()).unwrap();
    let without = rules();
    let a = article(
        "x",
        None,
        None,
        "Ismail Haniyeh spoke. Ismail Haniya spoke.\n",
    );
    let make = || {
        vec![
            person(&a, 1, "Ismail Haniyeh", "Ismail Haniyeh spoke"),
            person(&a, 2, "Ismail Haniya", "Ismail Haniya spoke"),
        ]
    };
    let mut c1 = make();
    resolve::resolve(std::slice::from_ref(&a), &mut c1, &without);
    assert_ne!(c1[0].speaker.id, c1[1].speaker.id);
    let mut c2 = make();
    resolve::resolve(std::slice::from_ref(&a), &mut c2, &with);
    assert_eq!(c2[0].speaker.id.as_deref(), Some("ismail-haniyeh"));
    assert_eq!(c2[1].speaker.id.as_deref(), Some("ismail-haniyeh"));
}
