//! Unit tests for the loader: decoding, format detection, precedence, boilerplate and
//! inference rules, each on text written for the test.

use super::*;
use crate::model::Status;

fn rules() -> &'static LoadRules {
    static RULES: std::sync::OnceLock<LoadRules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| LoadRules::compile(&RuleSet::embedded()).unwrap())
}

fn text_article(text: &str) -> Article {
    let mut a = Article::new("a", "a.txt", Format::Text, text.into());
    prepare(&mut a, &LoadOptions::default(), rules());
    a
}

fn content(a: &Article) -> String {
    a.content.iter().map(|s| &a.text[s.start..s.end]).collect()
}

fn load_one(name: &str, bytes: &[u8]) -> Article {
    let path = Path::new(name);
    let mut v = load_bytes(
        "x",
        name,
        bytes,
        format_of(path),
        &LoadOptions::default(),
        rules(),
        &[],
    );
    assert_eq!(v.len(), 1);
    v.remove(0)
}

#[test]
fn bom_is_dropped_and_utf16_decoded() {
    assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap().0, "hi");
    assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap().0, "hi");
    assert_eq!(decode(b"\xFE\xFF\0h\0i").unwrap().0, "hi");
}

#[test]
fn utf16_with_nul_characters_is_binary() {
    assert!(decode(b"\xFF\xFEh\0\0\0").is_err());
}

#[test]
fn odd_utf16_is_padded_with_a_warning() {
    let (text, problems) = decode(b"\xFF\xFEh\0i").unwrap();
    assert!(text.starts_with('h'));
    assert_eq!(problems.len(), 1);
}

#[test]
fn invalid_utf8_is_lossy_with_a_warning_at_its_line() {
    let (text, problems) = decode(b"ok\nbad \xFF here").unwrap();
    assert!(text.contains('\u{FFFD}'));
    assert_eq!(problems[0].line, Some(2));
    let (_, problems) = decode(b"a\n\n\xFF").unwrap();
    assert_eq!(problems[0].line, Some(3));
    let (_, problems) = decode(b"a\r\xC3").unwrap();
    assert_eq!(problems[0].line, Some(2));
}

#[test]
fn nul_bytes_mean_binary() {
    assert!(decode(b"abc\0def").unwrap_err().contains("binary"));
}

#[test]
fn sniffing_formats_by_content() {
    assert_eq!(sniff("<!DOCTYPE html><p>x</p>"), Format::Html);
    assert_eq!(sniff("  <!-- c --> <HTML lang=en>"), Format::Html);
    assert_eq!(sniff("{\"text\": \"x\"}\n{\"text\": \"y\"}"), Format::Jsonl);
    assert_eq!(sniff("---\ntitle: x\n---\nBody"), Format::Markdown);
    assert_eq!(sniff("{not json} said the mayor"), Format::Text);
    assert_eq!(sniff("Plain words."), Format::Text);
}

#[test]
fn a_txt_file_holding_html_is_read_as_html() {
    let a = load_one(
        "page.txt",
        b"<html><body><p>The mayor resigned on Friday.</p></body></html>",
    );
    assert_eq!(a.format, Format::Html);
    assert!(!content(&a).contains("<p>"));
}

#[test]
fn empty_and_white_space_files_are_skipped_with_a_reason() {
    let a = load_one("e.txt", b"");
    assert_eq!(a.status, Status::Skipped);
    assert_eq!(a.problems[0].message, "empty file");
    let a = load_one("w.txt", b" \n\t\r\n \xC2\xA0\n");
    assert_eq!(a.status, Status::Skipped);
    assert!(
        a.problems[0].message.contains("no text"),
        "{:?}",
        a.problems
    );
}

#[test]
fn crlf_and_lone_cr_lines_are_lines() {
    let a = load_one(
        "c.txt",
        b"Title of the piece here\r\nBody one.\r\nBody two.\r\n",
    );
    assert_eq!(a.meta.title.as_deref(), Some("Title of the piece here"));
    assert_eq!(a.line_of(a.text.find("Body two").unwrap()), 3);
    let a = load_one("r.txt", b"Title of the piece here\rBody one.\rBody two.\r");
    assert_eq!(a.meta.title.as_deref(), Some("Title of the piece here"));
    assert_eq!(a.line_of(a.text.find("Body two").unwrap()), 3);
}

#[test]
fn month_names_and_abbreviations() {
    assert_eq!(infer::month_number("Dec."), Some(12));
    assert_eq!(infer::month_number("September"), Some(9));
    assert_eq!(infer::month_number("Sept"), Some(9));
    assert_eq!(infer::month_number("Ma"), None);
    assert_eq!(infer::month_number("Monday"), None);
}

#[test]
fn dates_in_every_common_form_are_normalised() {
    let r = rules();
    let n = |s: &str| infer::normalize_date(s, &r.infer);
    assert_eq!(n("2025-12-01").as_deref(), Some("2025-12-01"));
    assert_eq!(n("2025-12-01T08:00:00Z").as_deref(), Some("2025-12-01"));
    assert_eq!(n("2025/3/4").as_deref(), Some("2025-03-04"));
    assert_eq!(n("December 5, 2025").as_deref(), Some("2025-12-05"));
    assert_eq!(n("5 December 2025").as_deref(), Some("2025-12-05"));
    assert_eq!(
        n("Mon, 01 Dec 2025 10:00:00 GMT").as_deref(),
        Some("2025-12-01")
    );
    assert_eq!(n("Dec. 5th, 2025").as_deref(), Some("2025-12-05"));
    assert_eq!(n("2025-02-30"), None);
    assert_eq!(n("yesterday"), None);
    assert_eq!(n("March 3"), None);
}

#[test]
fn dateline_gives_published_date() {
    let a = text_article("Europe\n2025.12.01 21:11 GMT+8\n\nText here.\n");
    assert_eq!(a.meta.published.as_deref(), Some("2025-12-01"));
    assert_eq!(a.meta.source.get("published"), Some(&FieldSource::Inferred));
}

#[test]
fn datelines_in_several_forms() {
    for (text, want) in [
        (
            " date 2024-06-30 Bridge reopens after repairs\nBody.\n",
            "2024-06-30",
        ),
        (
            "Harbour dredging starts\nPublication date: March 4, 2023\nBody.\n",
            "2023-03-04",
        ),
        (
            "Harbour dredging starts\nPublished 4 March 2023\nBody.\n",
            "2023-03-04",
        ),
        (
            "Harbour dredging starts\nUpdated Jan. 5, 2026 7:45 a.m. ET\nBody.\n",
            "2026-01-05",
        ),
        (
            "Harbour dredging starts\nDecember 5, 2025\nBody.\n",
            "2025-12-05",
        ),
        (
            "Harbour dredging starts\nFriday, 5 December 2025\nBody.\n",
            "2025-12-05",
        ),
        ("PARIS, Dec 3, 2025 (AFP) - Talks resumed.\n", "2025-12-03"),
        (
            "Ferry fares rise\nLast updated 14 April 2026, 18:05 local time\nBody.\n",
            "2026-04-14",
        ),
        (
            "PRESS RELEASE\n\nSan Remo, 4 March 2026 - Orla Foods confirms a recall.\n",
            "2026-03-04",
        ),
        (
            "PRESS RELEASE\nLeeds, March 4, 2026 \u{2014} The trust said beds were full.\n",
            "2026-03-04",
        ),
        (
            "Harbour dredging starts\nBy Harbour staff | 14.04.2026\nBody.\n",
            "2026-04-14",
        ),
        ("Harbour dredging starts\n03.11.2025\nBody.\n", "2025-11-03"),
        (
            "Harbour dredging starts\nBy Jane Roe \u{b7} Monday 10 August 2026, 18:45\nBody.\n",
            "2026-08-10",
        ),
        (
            "The Daily Post - National - Tuesday, 11 August 2026\n\nHarbour dredging starts\n",
            "2026-08-11",
        ),
        (
            "Harbour dredging starts\nBy Jane Roe | March 4, 2026\nBody.\n",
            "2026-03-04",
        ),
        (
            "Page last updated at 09:15 GMT, Tuesday, 3 March 2026 10:15 UK\n\nFerry fares rise\n",
            "2026-03-03",
        ),
        (
            "Ferry fares rise\nTue 3 Mar 2026 08.07 EDT\nBody.\n",
            "2026-03-03",
        ),
        (
            "VALDORA, Kestria, March 18, 2026 (KNA/AFP) \u{2013} Police arrested a man.\n",
            "2026-03-18",
        ),
        (
            "TARNOW (City Wire / Orbis - 23rd November, 2025) A suspect was arrested.\n",
            "2025-11-23",
        ),
    ] {
        let a = text_article(text);
        assert_eq!(a.meta.published.as_deref(), Some(want), "{text:?}");
    }
}

#[test]
fn a_relayed_dateline_credits_the_wire_it_comes_from() {
    // "(KNA/AFP)": the national agency relays AFP's story; AFP is the source.
    let a = text_article(
        "VALDORA, Kestria, March 18, 2026 (KNA/AFP) \u{2013} Police arrested a man.\n",
    );
    assert_eq!(a.meta.wire.as_deref(), Some("Agence France-Presse"));
    let a =
        text_article("TARNOW (City Wire / Orbis - 23rd November, 2025) A suspect was arrested.\n");
    assert_eq!(a.meta.wire.as_deref(), Some("Orbis"));
    // A closing credit in parentheses names the wire and is not content.
    let a = text_article("Budget passes\nThe council passed the budget.\n(With PTI inputs)\n");
    assert_eq!(a.meta.wire.as_deref(), Some("Press Trust of India"));
    assert!(!content(&a).contains("inputs"));
}

#[test]
fn a_dateline_without_a_year_leaves_the_date_unresolved() {
    let a = text_article("Striker joins club\nLONDON, March 3 (Reuters) - The striker signed.\n");
    assert_eq!(a.meta.published, None);
    assert_eq!(a.meta.wire.as_deref(), Some("Reuters"));
}

#[test]
fn a_date_after_a_dash_inside_a_sentence_is_no_masthead() {
    // The date closes a byline or masthead line only: a sentence going on after it is
    // body text.
    let a = text_article("Harbour dredging starts\nWork began - on 4 March 2026 - at dawn.\n");
    assert_eq!(a.meta.published, None);
}

#[test]
fn a_place_and_date_without_a_dash_are_not_a_dateline() {
    // A sentence that opens with a place and a date is body text, not a dateline.
    let a = text_article("Harbour dredging starts\nIn Leeds, 4 March 2026 was a busy day.\n");
    assert_eq!(a.meta.published, None);
}

#[test]
fn dates_deep_in_the_body_are_not_publication_dates() {
    let mut text = String::from("Museum returns bronzes\n");
    for i in 0..20 {
        text.push_str(&format!("Paragraph {i} of the story.\n"));
    }
    text.push_str("December 5, 2025\n");
    let a = text_article(&text);
    assert_eq!(a.meta.published, None);
}

#[test]
fn title_skips_labels_datelines_and_outlet_lines() {
    let a = text_article(
        "Europe\n2025.12.01 21:11 GMT+8\nCGTN\nTalks bring progress but more work needed\nBody.\n",
    );
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Talks bring progress but more work needed")
    );
    let a = text_article(" date 2024-06-30 Bridge reopens after repairs\nBody.\n");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Bridge reopens after repairs")
    );
    let a = text_article("By Jane Roe | Metro desk\nCity buys new buses\nBody.\n");
    assert_eq!(a.meta.title.as_deref(), Some("City buys new buses"));
    // Menus and breadcrumbs with other separators, twice or more.
    let a = text_article("News  ·  Sport  ·  Business  ·  What's On\nCity buys new buses\nBody.\n");
    assert_eq!(a.meta.title.as_deref(), Some("City buys new buses"));
    let a = text_article("CITY TIMES / News / Transport\nCity buys new buses\nBody.\n");
    assert_eq!(a.meta.title.as_deref(), Some("City buys new buses"));
    // One slash is a headline's.
    let a = text_article("Bus / tram strike called off\nBody.\n");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Bus / tram strike called off")
    );
}

#[test]
fn a_date_line_with_a_separated_time_and_a_station_key() {
    let a = text_article("City buys new buses\nMon 31 Aug 2026 · 19:05\nBody.\n");
    assert_eq!(a.meta.published.as_deref(), Some("2026-08-31"));
    let a = load_one(
        "a.md",
        b"---\ntitle: City buys new buses\nstation: Harbour FM\n---\nBody.\n",
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("Harbour FM"));
}

#[test]
fn a_masthead_line_names_the_outlet_and_is_not_the_title() {
    let a = text_article(
        "KARASU DAILY HERALD\nHome | Region | Business | Sport\nCouncil approves flood budget\nBody text here.\n",
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("Karasu Daily Herald"));
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Council approves flood budget")
    );
    let a = text_article(
        "THE PORTWELL GAZETTE\nSport > Rugby Union\nPortwell go down after defeat\nBody.\n",
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("The Portwell Gazette"));
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Portwell go down after defeat")
    );
    let a = text_article("TRK 24 NEWS | LIVE\nFloods live: payments questioned\nBody.\n");
    assert_eq!(a.meta.outlet.as_deref(), Some("TRK 24 News"));
    // Capitals that end with no outlet word, or a line in mixed case, name no outlet.
    let a = text_article("FOR IMMEDIATE RELEASE\nMine suspends operations today\nBody.\n");
    assert_eq!(a.meta.outlet, None);
    let a = text_article("Storm Daily News\nMine suspends operations today\nBody.\n");
    assert_eq!(a.meta.outlet, None);
    // Only the first line: capitals further down are a shouted headline, not a masthead.
    let a = text_article("Mine suspends operations\nWORKERS WALK OUT AT DAWN NEWS\nBody.\n");
    assert_eq!(a.meta.outlet, None);
}

#[test]
fn skip_links_time_stamps_and_running_text_are_not_titles() {
    let a = text_article("Skip to main content Skip to navigation\n\nFerry fares rise\nBody.\n");
    assert_eq!(a.meta.title.as_deref(), Some("Ferry fares rise"));
    let a =
        text_article("Page last updated at 09:15 GMT, Tuesday, 3 March 2026\n\nFerry fares rise\n");
    assert_eq!(a.meta.title.as_deref(), Some("Ferry fares rise"));
    // An article that opens with its first paragraph has no headline to take.
    let a = text_article(
        "The ferry company raised its fares by a tenth on Monday, blaming the price of fuel and new port charges.\nIt said more rises could follow.\n",
    );
    assert_eq!(a.meta.title, None);
    let a = text_article(
        "Coach Ana Reyes said the draw was fair and that her side had chances to win it. The team stays second.\n",
    );
    assert_eq!(a.meta.title, None);
    // Nor is a short sentence further down the body.
    let a = text_article(
        "The ferry company raised its fares by a tenth on Monday, blaming the price of fuel.\nThe mayor objected.\n",
    );
    assert_eq!(a.meta.title, None);
    // A long headline without a full stop is still one.
    let a = text_article(
        "Council approves new ferry timetable for the islands after months of talks with the operator and unions\nBody.\n",
    );
    assert!(a.meta.title.is_some());
}

#[test]
fn a_long_first_line_is_clipped_for_the_title() {
    let long = "word ".repeat(200);
    let a = text_article(&long);
    let t = a.meta.title.unwrap();
    assert!(t.chars().count() <= 301 && t.ends_with('…'), "{t}");
}

#[test]
fn outlet_from_a_request_for_comment() {
    let a = text_article(
        "Ministry denies report\nThe ministry did not respond to the Kyiv Independent's request for comment.\n",
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("The Kyiv Independent"));
    let a = text_article(
        "Ministry denies report\nThe ministry did not respond to a request for comment from Axios.\n",
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("Axios"));
    let a = text_article(
        "Strikes hit depot\nShelling continued overnight. Reuters could not independently verify the claims.\n",
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("Reuters"));
}

#[test]
fn unknown_names_are_never_taken_for_outlets() {
    let a = text_article(
        "Mayor resigns\nNOTICE\nThe council did not respond to the Springfield Shopper's request for comment.\n",
    );
    assert_eq!(a.meta.outlet, None);
    assert!(!a.meta.source.contains_key("outlet"));
}

#[test]
fn outlet_from_a_line_with_only_its_name_or_a_byline() {
    let a = text_article("Talks bring progress\nCGTN\nBody text here.\n");
    assert_eq!(a.meta.outlet.as_deref(), Some("CGTN"));
    let a = text_article("Talks bring progress\nBy Jane Roe | BBC News\nBody text here.\n");
    assert_eq!(a.meta.outlet.as_deref(), Some("BBC"));
}

#[test]
fn wire_credits_in_several_forms() {
    for (text, want) in [
        ("Flood waters rise\nBody.\nSource(s): Reuters\n", "Reuters"),
        (
            "Flood waters rise\nBody.\nSources: AFP, Reuters\n",
            "Agence France-Presse",
        ),
        (
            "Flood waters rise\nNASHVILLE, Tenn. (AP) — Water rose.\n",
            "Associated Press",
        ),
        (
            "Flood waters rise\nBody.\nWith AFP\n",
            "Agence France-Presse",
        ),
    ] {
        let a = text_article(text);
        assert_eq!(a.meta.wire.as_deref(), Some(want), "{text:?}");
    }
    let a = text_article("Flood waters rise\nBody.\nSources: interviews with residents\n");
    assert_eq!(a.meta.wire, None);
}

#[test]
fn a_dateline_credits_a_wire_that_the_rules_do_not_know() {
    let a = text_article(
        "Accord agreed on the river\nGENEVA, March 11 (CPA) — Negotiators agreed on a draft.\n",
    );
    assert_eq!(a.meta.wire.as_deref(), Some("CPA"));
    // A known agency is stored by its canonical name, as before.
    let a = text_article("Storm hits coast\nMIAMI, Oct. 2 (AP) — The storm hit.\n");
    assert_eq!(a.meta.wire.as_deref(), Some("Associated Press"));
    // Only the dateline's credit is taken so freely: a "Sources:" line must name an outlet.
    let a = text_article("Storm hits coast\nThe storm hit.\nSources: Coastal Watch\n");
    assert_eq!(a.meta.wire, None);
    // A lowercase aside in parentheses is not a credit.
    let a = text_article("Storm hits coast\nMIAMI, Oct. 2 (pictured) — The storm hit.\n");
    assert_eq!(a.meta.wire, None);
    // A place with no comma before the credit: a known outlet, or any acronym.
    let a = text_article("Storm hits coast\nLONDON (Reuters) - The storm hit.\n");
    assert_eq!(a.meta.wire.as_deref(), Some("Reuters"));
    let a = text_article("Bridge shut for months\nARDENMOUTH (OPA) — The bridge shut.\n");
    assert_eq!(a.meta.wire.as_deref(), Some("OPA"));
    // Without a comma, a word that is neither is no credit.
    let a = text_article("Storm hits coast\nNOTE (Updated) - The storm hit.\n");
    assert_eq!(a.meta.wire, None);
}

#[test]
fn footer_and_banner_are_not_content() {
    let text = "Title of the story\nBody sentence.\nBy staying online, you consent to the use of cookies files.\nSource(s): Reuters\nRELATED STORIES\nOther story\n";
    let a = text_article(text);
    let c = content(&a);
    assert!(c.contains("Body sentence."));
    assert!(!c.contains("cookies"));
    assert!(!c.contains("Other story"));
    assert_eq!(a.meta.wire.as_deref(), Some("Reuters"));
}

#[test]
fn boilerplate_lines_of_many_kinds_are_dropped() {
    let text = "\
Farmers protest fuel tax
We use cookies to improve your experience. Accept all
Photo: Tractors on the ring road (Jan Novak)
(Getty Images/AFP)
Share this article
Facebook | Twitter | WhatsApp
Advertisement
Subscribe to our newsletter for updates
This article is also available in Ukrainian.
Would you like to switch?
Farmers drove tractors into the capital on Tuesday.
Read more: Fuel prices explained
(Reporting by Jan Novak; Editing by Ana Ruiz)
Skip to main content Skip to navigation
Credit: City Police Department
This transcript has been automatically generated and may not be accurate.
The comments posted here are not on behalf of the newspaper. Users own them.
A comment that follows the disclaimer.
";
    let a = text_article(text);
    let c = content(&a);
    let lines: Vec<&str> = c
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>();
    assert_eq!(
        lines,
        [
            "Farmers protest fuel tax",
            "Farmers drove tractors into the capital on Tuesday."
        ]
    );
}

#[test]
fn footers_end_the_content_only_when_they_are_the_whole_line() {
    let text = "Court rules on copyright\nCopyright lawyers said the ruling was narrow.\nRelated stories have appeared before.\nThe judge spoke.\nCopyright © 2025 Example Media\nFooter link\n";
    let c = content(&text_article(text));
    assert!(c.contains("Copyright lawyers said"));
    assert!(c.contains("Related stories have appeared"));
    assert!(c.contains("The judge spoke."));
    assert!(!c.contains("Footer link"));
    let c = content(&text_article("Vote held\nBody.\nMost read\nOther\n"));
    assert!(!c.contains("Other"));
}

#[test]
fn precedence_flag_over_front_matter_over_inference() {
    let r = rules();
    let opts = LoadOptions {
        outlet: Some("Kyiv Independent".into()),
        published: Some("2024-01-02".into()),
        ..LoadOptions::default()
    };
    let text = "---\noutlet: BBC\npublished: 2023-05-06\ntitle: Given title here\n---\nCNN\n2022-01-01\nBody text.\n";
    let v = load_bytes(
        "m",
        "m.md",
        text.as_bytes(),
        Some(Format::Markdown),
        &opts,
        r,
        &[],
    );
    let m = &v[0].meta;
    assert_eq!(m.outlet.as_deref(), Some("The Kyiv Independent"));
    assert_eq!(m.source["outlet"], FieldSource::Flag);
    assert_eq!(m.published.as_deref(), Some("2024-01-02"));
    assert_eq!(m.title.as_deref(), Some("Given title here"));
    assert_eq!(m.source["title"], FieldSource::FrontMatter);
    // Manifest fields beat front matter but not flags.
    let manifest = [
        (Field::Outlet, "Reuters".to_string()),
        (Field::Title, "Manifest title".to_string()),
        (Field::Language, "en".to_string()),
    ];
    let v = load_bytes(
        "m",
        "m.md",
        text.as_bytes(),
        Some(Format::Markdown),
        &opts,
        r,
        &manifest,
    );
    let m = &v[0].meta;
    assert_eq!(m.outlet.as_deref(), Some("The Kyiv Independent"));
    assert_eq!(m.title.as_deref(), Some("Manifest title"));
    assert_eq!(m.source["title"], FieldSource::Manifest);
    assert_eq!(m.source["language"], FieldSource::Manifest);
}

#[test]
fn set_field_keeps_the_higher_source() {
    let mut m = Metadata::default();
    assert!(set_field(
        &mut m,
        Field::Title,
        "A",
        FieldSource::FrontMatter
    ));
    assert!(!set_field(&mut m, Field::Title, "B", FieldSource::Inferred));
    assert!(!set_field(
        &mut m,
        Field::Title,
        "C",
        FieldSource::FrontMatter
    ));
    assert!(set_field(&mut m, Field::Title, "D", FieldSource::Flag));
    assert!(!set_field(&mut m, Field::Url, "  ", FieldSource::Flag));
    assert_eq!(m.title.as_deref(), Some("D"));
}

#[test]
fn bad_published_values_become_warnings() {
    let text = "---\npublished: next week\n---\nBody text.\n";
    let v = load_bytes(
        "m",
        "m.md",
        text.as_bytes(),
        Some(Format::Markdown),
        &LoadOptions::default(),
        rules(),
        &[],
    );
    assert_eq!(v[0].meta.published, None);
    assert!(v[0].problems[0].message.contains("next week"));
}

#[test]
fn bad_published_flag_is_a_usage_error() {
    let opts = LoadOptions {
        published: Some("someday".into()),
        ..LoadOptions::default()
    };
    let err = load(&[], &opts, rules()).unwrap_err();
    assert!(matches!(err, Error::Usage(_)), "{err}");
}

#[test]
fn language_tags_keep_their_primary_subtag() {
    assert_eq!(normalize_language("en-US"), "en");
    assert_eq!(normalize_language("uk_UA"), "uk");
    assert_eq!(normalize_language("English"), "English");
}

#[test]
fn duplicate_ids_get_suffixes() {
    let mut v = vec![
        Article::new("a", "x/a.txt", Format::Text, "x".into()),
        Article::new("a", "y/a.txt", Format::Text, "x".into()),
        Article::new("a~2", "a~2.txt", Format::Text, "x".into()),
    ];
    make_ids_unique(&mut v);
    let ids: Vec<&str> = v.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "a~3", "a~2"]);
}

#[test]
fn clip_cuts_at_a_word() {
    assert_eq!(clip("short", 10), "short");
    assert_eq!(clip("one two three four", 12), "one two…");
}

#[test]
fn user_rules_can_add_outlet_patterns() {
    let mut set = RuleSet::embedded();
    set.push(
        "metadata.toml",
        crate::rules::RuleSource {
            path: "my/metadata.toml".into(),
            text: "outlet = ['(?m)^Filed for (?P<outlet>.+)$']\n".into(),
        },
    );
    let r = LoadRules::compile(&set).unwrap();
    let mut a = Article::new(
        "a",
        "a.txt",
        Format::Text,
        "Title of it\nBody.\nFiled for Politico\n".into(),
    );
    prepare(&mut a, &LoadOptions::default(), &r);
    assert_eq!(a.meta.outlet.as_deref(), Some("Politico"));
}

#[test]
fn a_bad_user_pattern_names_its_file() {
    let mut set = RuleSet::embedded();
    set.push(
        "boilerplate.toml",
        crate::rules::RuleSource {
            path: "my/boilerplate.toml".into(),
            text: "line = ['(unclosed']\n".into(),
        },
    );
    let e = LoadRules::compile(&set).unwrap_err().to_string();
    assert!(e.contains("my/boilerplate.toml"), "{e}");
}

#[test]
fn bylines_are_not_content_but_sentences_starting_with_by_are() {
    let text = "Storm closes schools\nBy Tom Reed\nBY ANA RUIZ and Li Wei\nBy Jane Roe | BBC News\nBy Monday, the river had fallen.\nBy contrast, the north stayed dry.\n";
    let a = text_article(text);
    let c = content(&a);
    assert!(
        !c.contains("Tom Reed") && !c.contains("ANA RUIZ") && !c.contains("Jane Roe"),
        "{c}"
    );
    assert!(c.contains("By Monday, the river had fallen."));
    assert!(c.contains("By contrast"));
    assert_eq!(a.meta.outlet.as_deref(), Some("BBC"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn markupish() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_string()),
                Just("</p>".to_string()),
                Just("<article>".to_string()),
                Just("<nav>".to_string()),
                Just("<script>".to_string()),
                Just("&amp;".to_string()),
                Just("&#8220;".to_string()),
                Just("---\n".to_string()),
                Just("+++\n".to_string()),
                Just("title: x\n".to_string()),
                Just("{\"text\": \"a\"}\n".to_string()),
                Just("\r\n".to_string()),
                Just("\r".to_string()),
                Just("é".to_string()),
                Just("“".to_string()),
                Just("[a](b)".to_string()),
                Just("**".to_string()),
                "[a-zA-Z .,]{0,12}".prop_map(|s| s),
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_bytes_in_any_format_keep_the_invariants(
            bytes in proptest::collection::vec(any::<u8>(), 0..300),
            which in 0usize..5,
        ) {
            let r = rules();
            let format = [None, Some(Format::Text), Some(Format::Markdown), Some(Format::Html), Some(Format::Jsonl)][which];
            for a in load_bytes("p", "p", &bytes, format, &LoadOptions::default(), r, &[]) {
                prop_assert!(check_invariants(&a).is_ok(), "{:?}", check_invariants(&a));
            }
        }

        #[test]
        fn markup_like_text_keeps_the_invariants(text in markupish(), which in 0usize..5) {
            let r = rules();
            let format = [None, Some(Format::Text), Some(Format::Markdown), Some(Format::Html), Some(Format::Jsonl)][which];
            for a in load_bytes("p", "p", text.as_bytes(), format, &LoadOptions::default(), r, &[]) {
                prop_assert!(check_invariants(&a).is_ok(), "{:?}", check_invariants(&a));
                if a.format == Format::Html {
                    prop_assert_eq!(a.text.len(), text.len());
                }
            }
        }
    }
}

#[test]
fn an_article_over_the_size_limit_is_skipped_with_its_size() {
    let opts = LoadOptions {
        max_article_bytes: 1000,
        ..LoadOptions::default()
    };
    let text = "The council said the bridge would reopen on Monday. ".repeat(40);
    let a = load_bytes("big", "big.txt", text.as_bytes(), None, &opts, rules(), &[]);
    assert_eq!(a[0].status, Status::Skipped);
    let message = &a[0].problems[0].message;
    assert!(
        message.contains("too large: 2 KiB of text, over the limit of 1000 bytes"),
        "{message}"
    );
    let unlimited = LoadOptions {
        max_article_bytes: 0,
        ..LoadOptions::default()
    };
    let a = load_bytes(
        "big",
        "big.txt",
        text.as_bytes(),
        None,
        &unlimited,
        rules(),
        &[],
    );
    assert_eq!(a[0].status, Status::Ok);
}

#[test]
fn sizes_read_in_binary_units() {
    assert_eq!(human_size(512), "512 bytes");
    assert_eq!(human_size(2048), "2 KiB");
    assert_eq!(human_size(5 * 1024 * 1024 + 300 * 1024), "5.3 MiB");
    assert_eq!(human_size(50 << 20), "50 MiB");
}

#[test]
fn next_line_end_takes_lf_crlf_and_lone_cr_within_the_bound() {
    let b = b"ab\ncd\r\nef\rgh";
    assert_eq!(next_line_end(b, 0, b.len()), 3);
    assert_eq!(next_line_end(b, 3, b.len()), 7);
    assert_eq!(next_line_end(b, 7, b.len()), 10);
    assert_eq!(next_line_end(b, 10, b.len()), b.len());
    // A `\r\n` cut by the bound ends at the `\r`.
    assert_eq!(next_line_end(b, 3, 6), 6);
    assert_eq!(next_line_end(b, 3, 5), 5);
    assert_eq!(next_line_end(b, 4, 4), 4);
}
