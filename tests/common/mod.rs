//! Synthetic corpora for the report and CI tests: articles, claims and findings built by
//! hand (the comparer is not needed), plus helpers to validate against JSON Schemas.
#![allow(dead_code)]

use crosscheck::model::{
    Article, Claim, CueClass, Finding, FindingKind, Format, QuoteKind, Span, Speaker, SpeakerKind,
};
use crosscheck::pipeline::Corpus;

/// Builds a corpus by hand.
#[derive(Default)]
pub struct Synth {
    pub corpus: Corpus,
}

impl Synth {
    pub fn new() -> Self {
        Synth::default()
    }

    /// Add an article with the given metadata.
    pub fn article(
        &mut self,
        id: &str,
        path: &str,
        outlet: Option<&str>,
        published: Option<&str>,
        text: &str,
    ) -> &mut Self {
        let format = if path.ends_with(".md") {
            Format::Markdown
        } else {
            Format::Text
        };
        let mut a = Article::new(id, path, format, text.to_string());
        a.meta.outlet = outlet.map(str::to_string);
        a.meta.published = published.map(str::to_string);
        a.meta.title = text.lines().next().map(str::to_string);
        self.corpus.articles.push(a);
        self
    }

    /// Set the wire service of the last article.
    pub fn wire(&mut self, wire: &str) -> &mut Self {
        if let Some(a) = self.corpus.articles.last_mut() {
            a.meta.wire = Some(wire.to_string());
        }
        self
    }

    /// Add a claim of `article` whose content is the first occurrence of `content` in its
    /// text; its span is the line holding it. Returns the claim id.
    pub fn claim(&mut self, article: &str, speaker: &str, content: &str) -> String {
        self.claim_with(article, speaker, content, None, None)
    }

    /// As [`Synth::claim`], with a date and a cited outlet.
    pub fn claim_with(
        &mut self,
        article: &str,
        speaker: &str,
        content: &str,
        date: Option<&str>,
        cited: Option<&str>,
    ) -> String {
        let a = self
            .corpus
            .articles
            .iter()
            .find(|a| a.id == article)
            .expect("article exists");
        let start = a.text.find(content).expect("content is in the text");
        let end = start + content.len();
        let line_start = a.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = a.text[end..].find('\n').map_or(a.text.len(), |i| end + i);
        let n = self
            .corpus
            .claims
            .iter()
            .filter(|c| c.article == article)
            .count()
            + 1;
        let id = format!("{article}#{n}");
        let claim = Claim {
            id: id.as_str().into(),
            article: article.into(),
            speaker: Speaker {
                text: speaker.to_string(),
                name: speaker.into(),
                kind: SpeakerKind::Person,
                role: None,
                id: None,
            },
            cue: "said".into(),
            cue_class: CueClass::Neutral,
            quote: QuoteKind::Indirect,
            content: content.to_string(),
            content_span: Span::new(start, end),
            span: Span::new(line_start, line_end),
            line: a.line_of(start),
            cited_outlet: cited.map(Into::into),
            date: date.map(Into::into),
            date_source: date.map(|_| "absolute".into()),
            places: vec![],
            quantities: vec![],
            flags: vec![],
        };
        self.corpus.claims.push(claim);
        id
    }

    /// Add a finding over `claims`. Returns its id.
    pub fn finding(
        &mut self,
        kind: FindingKind,
        topic: &str,
        claims: &[&str],
        confidence: f64,
    ) -> String {
        let id = format!("F-{:010x}", self.corpus.findings.len() + 1);
        self.corpus.findings.push(Finding {
            id: id.clone(),
            kind,
            topic: topic.into(),
            claims: claims.iter().map(|&s| s.into()).collect(),
            detail: format!("{} between the claims", kind.as_str()).into(),
            rule: format!("test-{}", kind.as_str()).into(),
            confidence,
            sources: claims.len(),
        });
        id
    }

    pub fn build(&self) -> Corpus {
        self.corpus.clone()
    }
}

pub const HERALD: &str = "Bridge to reopen in March\n\nMayor Ana Diaz said the harbour bridge will reopen on 14 March.\nShe said the repairs cost 4 million euros.\n";
pub const POST: &str = "Harbour bridge: new date\n\nThe harbour bridge will reopen on 21 March, Mayor Ana Diaz said on Tuesday.\nRepairs cost 4 million euros, according to the council.\n";
pub const STAR: &str = "Mayor on the bridge\n\n\"We will reopen the harbour bridge in April,\" Ana Diaz told the Coastal Press.\n";

/// Three articles about a bridge: a contradiction on the date, an agreement on the cost,
/// a misquote.
pub fn sample() -> Corpus {
    let mut s = Synth::new();
    s.article(
        "herald",
        "news/herald.txt",
        Some("Harbour Herald"),
        Some("2025-03-03"),
        HERALD,
    );
    s.article(
        "post",
        "news/post.md",
        Some("Valley Post"),
        Some("2025-03-04"),
        POST,
    )
    .wire("Coastal Press");
    s.article(
        "star",
        "news/star.txt",
        Some("Evening Star"),
        Some("2025-03-05"),
        STAR,
    );
    let h1 = s.claim_with(
        "herald",
        "Ana Diaz",
        "the harbour bridge will reopen on 14 March",
        Some("2025-03-14"),
        None,
    );
    let h2 = s.claim("herald", "Ana Diaz", "the repairs cost 4 million euros");
    let p1 = s.claim_with(
        "post",
        "Ana Diaz",
        "The harbour bridge will reopen on 21 March",
        Some("2025-03-21"),
        None,
    );
    let p2 = s.claim("post", "council", "Repairs cost 4 million euros");
    let s1 = s.claim_with(
        "star",
        "Ana Diaz",
        "We will reopen the harbour bridge in April",
        None,
        Some("Coastal Press"),
    );
    s.finding(
        FindingKind::Contradiction,
        "date the harbour bridge reopens",
        &[&h1, &p1],
        0.9,
    );
    s.finding(
        FindingKind::Agreement,
        "cost of the repairs",
        &[&h2, &p2],
        0.8,
    );
    s.finding(
        FindingKind::Misquote,
        "date the harbour bridge reopens",
        &[&p1, &s1],
        0.6,
    );
    s.build()
}

/// Text meant to attack whoever reads a report.
pub const SCRIPT_PAYLOAD: &str =
    "<script>document.body.setAttribute('data-pwned','script')</script>";
pub const IMG_PAYLOAD: &str =
    "\"><img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">";

/// Two articles whose every piece of text is hostile, with a contradiction between them.
pub fn hostile() -> Corpus {
    let mut s = Synth::new();
    let text_a = format!(
        "Title {SCRIPT_PAYLOAD}\n\nMinister Ola Berg said {SCRIPT_PAYLOAD} the dam holds 40 litres [click](https://evil.example/x) \u{1b}]0;pwned\u{7}\u{1b}[2J.\n"
    );
    let text_b = format!(
        "Other {IMG_PAYLOAD}\n\nMinister Ola Berg said {IMG_PAYLOAD} the dam holds 90 litres | =HYPERLINK(\"x\").\n"
    );
    s.article(
        "evil-a",
        "news/evil\"><img src=x onerror=alert(1)>.txt",
        Some("<b>Bad</b> \"Outlet\""),
        Some("2025-01-01"),
        &text_a,
    );
    s.article(
        "evil-b",
        "news/b.txt",
        Some("Other <i>Outlet</i>"),
        Some("2025-01-02"),
        &text_b,
    );
    let a = s.claim_with(
        "evil-a",
        "Ola <script>Berg</script>",
        &format!(
            "{SCRIPT_PAYLOAD} the dam holds 40 litres [click](https://evil.example/x) \u{1b}]0;pwned\u{7}\u{1b}[2J"
        ),
        Some("2025-01-01"),
        Some("<svg onload=alert(1)>"),
    );
    let b = s.claim(
        "evil-b",
        "Ola Berg",
        &format!("{IMG_PAYLOAD} the dam holds 90 litres"),
    );
    s.finding(
        FindingKind::Contradiction,
        &format!("volume {SCRIPT_PAYLOAD} {IMG_PAYLOAD}"),
        &[&a, &b],
        0.9,
    );
    s.build()
}

/// A JSON Schema validator for the file at `path` (relative to the crate root).
pub fn validator(path: &str) -> jsonschema::Validator {
    let schema = schema(path);
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// The schema file at `path` (relative to the crate root).
pub fn schema(path: &str) -> serde_json::Value {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(full).expect("schema file")).expect("json")
}

/// Panics with every error when `instance` does not validate.
pub fn assert_valid(v: &jsonschema::Validator, instance: &serde_json::Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid:\n{}",
        errors.join("\n")
    );
}

/// The SARIF 2.1.0 schema validator (the schema copied into tests/schemas/).
pub fn sarif_validator() -> jsonschema::Validator {
    let schema = schema("tests/schemas/sarif-schema-2.1.0.json");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .expect("SARIF schema compiles")
}

/// A validator for one JSON Lines record of the report.
pub fn record_validator() -> jsonschema::Validator {
    let mut s = schema("schemas/report-v1.schema.json");
    let obj = s.as_object_mut().expect("object");
    for k in [
        "type",
        "required",
        "properties",
        "additionalProperties",
        "title",
    ] {
        obj.remove(k);
    }
    obj.insert("$ref".into(), serde_json::json!("#/$defs/record"));
    jsonschema::validator_for(&s).expect("record schema compiles")
}
