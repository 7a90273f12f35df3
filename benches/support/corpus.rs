//! A deterministic generator of news corpora for the benchmarks: N articles of realistic
//! variety, to a target total size.
//!
//! The text is the fixture articles (`fixtures/articles`, `fixtures/varied`,
//! `fixtures/heldout`, `fixtures/event`) read at run time and recombined: each generated
//! *story* takes one fixture's paragraphs (dropping and reordering a few per outlet, and
//! mixing in paragraphs of two other fixtures), renames its people consistently (the
//! names of the people quoted in the fixtures come from the gold annotations in
//! `tests/gold`, their gender from `rules/speakers.toml`, so that pronouns still fit),
//! varies its numbers, and adds paragraphs written from templates that cover every
//! quotation pattern: direct quotes with the speaker after, before and inside, indirect
//! "X said that", "according to X", "X told Outlet", mixed quotes, quotes of several
//! sentences and of several paragraphs, pronoun attributions, anonymous and organisation
//! sources, bullets and generated headlines. A story is covered by 2 to 6 outlets, so the
//! comparer has work to do; now and then one outlet gets a number, a word or a speaker
//! wrong. Files are Markdown with YAML front matter, plain text with a byline, HTML with
//! meta tags and page furniture, and a few JSON Lines wire feeds.
//!
//! Everything is drawn from a seeded PRNG: the same seed and size give the same bytes.
//!
//! Used by `benches/extract.rs` (through `#[path]`) and `examples/gencorpus.rs`.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 0x5eed_c0de_2026_0007;

/// SplitMix64: small, fast, and good enough to pick words.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    /// One of `words`.
    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
    /// One element of `xs`.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A hash of several numbers, for values that must be the same wherever they are drawn.
fn mix(parts: &[u64]) -> u64 {
    let mut r = Rng::new(0x243f_6a88_85a3_08d3);
    for p in parts {
        r.0 ^= p.wrapping_mul(0xff51_afd7_ed55_8ccd);
        r.next_u64();
    }
    r.next_u64()
}

fn hash_str(s: &str) -> u64 {
    // FNV-1a.
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Full,
    Last,
}

#[derive(Clone, Debug)]
enum Piece {
    Lit(String),
    Person(usize, Part),
    /// A year (kept), a day of the month, or a run of digits (varied, same length).
    Year(String),
    Day(String),
    Digits {
        text: String,
        group: bool,
    },
    /// A capitalised word inside a sentence that no rules file knows: a place, a company,
    /// a party. Each story gives it a made-up replacement.
    Word(String),
    /// A common word ("dam", "church"): each story keeps it or swaps it for another.
    Noun(String),
}

type Template = Vec<Piece>;

#[derive(Debug)]
struct Fixture {
    stem: String,
    headline: Template,
    body: Vec<Template>,
    trailer: Option<Template>,
    people: Vec<Gender>,
}

/// Fixture text, cut into templates, and the word lists: everything the generator needs.
#[derive(Debug)]
pub struct Generator {
    fixtures: Vec<Fixture>,
    /// The common words of every fixture by class, sorted (see [`common_words`]).
    vocab: Vec<Vec<String>>,
}

/// What a generated file holds.
#[derive(Clone, Debug)]
pub struct Doc {
    /// Path relative to the corpus folder, with the extension that gives the format.
    pub path: String,
    /// The file's content.
    pub text: String,
    /// Articles in it (more than one for JSON Lines).
    pub articles: usize,
}

/// Totals of a generated corpus.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Files written.
    pub files: usize,
    /// Articles in them.
    pub articles: usize,
    /// Bytes in them.
    pub bytes: usize,
    /// Stories (each covered by several outlets).
    pub stories: usize,
}

/// Parse a size such as `10MB`, `1.5 MB`, `512KB`, `100M` or `2000000` (bytes). Units are
/// decimal (1 MB = 1,000,000 bytes); `MiB` and `KiB` are binary.
pub fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let num: f64 = num.parse().ok()?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "kib" => 1024.0,
        "m" | "mb" => 1e6,
        "mib" => 1024.0 * 1024.0,
        "g" | "gb" => 1e9,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some((num * mult).round() as usize)
}

/// The folders of fixture articles recombined.
pub const FIXTURE_DIRS: &[&str] = &["articles", "varied", "heldout", "event"];

const MONTH_WORDS: &[&str] = &[
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Aug.",
    "Sept.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
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
];

const MONTHS: &[&str] = &[
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
];
const MONTHS_SHORT: &[&str] = &[
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const FEMALE: &[&str] = &[
    "Amara",
    "Beatriz",
    "Chiara",
    "Dalia",
    "Elif",
    "Fatou",
    "Greta",
    "Hana",
    "Ines",
    "Jana",
    "Kalinda",
    "Leonor",
    "Marisol",
    "Nadia",
    "Oksana",
    "Paula",
    "Rania",
    "Saoirse",
    "Tamar",
    "Ulla",
    "Vesna",
    "Wanjiru",
    "Ximena",
    "Yara",
    "Zofia",
    "Agnieszka",
    "Birgit",
    "Carmen",
    "Deepa",
    "Esi",
    "Freya",
    "Gulnara",
    "Hiroko",
    "Isla",
    "Joanna",
    "Katya",
];
const MALE: &[&str] = &[
    "Aleksander",
    "Bogdan",
    "Cyrus",
    "Diego",
    "Emeka",
    "Florin",
    "Goran",
    "Hamid",
    "Ivo",
    "Jakob",
    "Kofi",
    "Luca",
    "Mehmet",
    "Nikolai",
    "Osman",
    "Pavel",
    "Rashid",
    "Soren",
    "Tariq",
    "Umar",
    "Viktor",
    "Wendell",
    "Xavier",
    "Yusuf",
    "Zoltan",
    "Anders",
    "Bruno",
    "Casimir",
    "Dario",
    "Eamon",
    "Farhan",
    "Gideon",
    "Hugo",
    "Ilya",
    "Jonah",
    "Kenji",
];
const LAST: &[&str] = &[
    "Abernathy",
    "Bakshi",
    "Castellano",
    "Drozdov",
    "Eriksen",
    "Fonseca",
    "Gallagher",
    "Horvath",
    "Ibekwe",
    "Jovanovic",
    "Kowalczuk",
    "Lindgren",
    "Mbeki",
    "Nakashima",
    "Oyelaran",
    "Petrescu",
    "Quaresma",
    "Rautio",
    "Saldana",
    "Tkachenko",
    "Uchenna",
    "Valdivia",
    "Wojcik",
    "Yamada",
    "Zielinski",
    "Achterberg",
    "Brennan",
    "Chaudhry",
    "Dufresne",
    "Ekwueme",
    "Fairbanks",
    "Grimaldi",
    "Haugen",
    "Iqbal",
    "Jaramillo",
    "Kaminski",
    "Lachance",
    "Moretti",
    "Ndlovu",
    "Oduya",
    "Pellegrini",
    "Radulescu",
    "Sandoval",
    "Thorsen",
    "Urquhart",
    "Vasquez",
    "Whitmore",
    "Yilmaz",
];
const OUTLETS: &[&str] = &[
    "Reuters",
    "Associated Press",
    "Agence France-Presse",
    "Bloomberg",
    "BBC",
    "The Guardian",
    "Financial Times",
    "Al Jazeera",
    "Euronews",
    "Deutsche Welle",
    "Sky News",
    "Politico",
    "Harbour Herald",
    "Valley Post",
    "Evening Star",
    "Northern Ledger",
    "City Courier",
    "Coastal Press",
    "Morning Tribune",
    "Daily Compass",
    "Plains Gazette",
    "River Times",
    "Island Observer",
    "Metro Wire",
];
const WIRES: &[&str] = &["Reuters", "Associated Press", "Agence France-Presse"];
const ROLES: &[&str] = &[
    "the mayor",
    "the finance minister",
    "a spokesperson for the council",
    "the chief executive",
    "the union leader",
    "a senior official",
    "the head of the agency",
    "the opposition leader",
    "an economist at the central bank",
    "the project director",
];
const ORGS: &[&str] = &[
    "city council",
    "transport ministry",
    "regional authority",
    "health board",
    "port authority",
    "teachers' union",
    "water company",
    "planning commission",
];
const THINGS: &[&str] = &[
    "budget",
    "harbour bridge",
    "hospital wing",
    "rail line",
    "housing plan",
    "water tariff",
    "school programme",
    "flood barrier",
    "wind farm",
    "ring road",
    "pension reform",
    "tram extension",
];
const CITIES: &[&str] = &[
    "Lisbon", "Gdansk", "Mombasa", "Porto", "Leeds", "Lyon", "Bergen", "Cork", "Tampere",
    "Valencia", "Brno", "Durban", "Adelaide", "Halifax",
];
const PHRASES: &[&str] = &[
    "a disaster for the region and its {n} families",
    "long overdue",
    "the best deal we could get in {n} years",
    "a betrayal of working families",
    "reckless and unfunded",
    "a historic step",
    "nothing short of a scandal",
];

impl Generator {
    /// Read the fixtures, gold annotations and name lists under the repository `root`.
    pub fn from_repo(root: &Path) -> io::Result<Generator> {
        let (female, male) = given_names(&root.join("rules/speakers.toml"))?;
        let stop = known_words(root)?;
        let mut people_of: HashMap<String, Vec<String>> = HashMap::new();
        for dir in FIXTURE_DIRS {
            let gold = root.join("tests/gold").join(format!("{dir}.json"));
            let text = std::fs::read_to_string(&gold)?;
            let v: serde_json::Value = serde_json::from_str(&text).map_err(io::Error::other)?;
            if let Some(arts) = v.get("articles").and_then(|a| a.as_object()) {
                for (stem, a) in arts {
                    let claims = a.get("claims").and_then(|c| c.as_array());
                    for c in claims.into_iter().flatten() {
                        if c.get("speaker_kind").and_then(|k| k.as_str()) == Some("person")
                            && let Some(s) = c.get("speaker").and_then(|s| s.as_str())
                        {
                            let list = people_of.entry(stem.clone()).or_default();
                            if !list.iter().any(|x| x == s) {
                                list.push(s.to_string());
                            }
                        }
                    }
                }
            }
        }
        let mut texts = Vec::new();
        for dir in FIXTURE_DIRS {
            let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures").join(dir))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
                .collect();
            files.sort();
            for path in files {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                texts.push((stem, std::fs::read_to_string(&path)?));
            }
        }
        let vocab_list = common_words(texts.iter().flat_map(|(_, t)| fixture_lines(t)), &stop);
        let vocab: HashSet<String> = vocab_list.iter().cloned().collect();
        let mut fixtures = Vec::new();
        for (stem, text) in texts {
            let names = people_of.get(&stem).cloned().unwrap_or_default();
            if let Some(f) = Fixture::parse(stem, &text, &names, &female, &male, &stop, &vocab) {
                fixtures.push(f);
            }
        }
        if fixtures.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "no fixture articles under {}",
                    root.join("fixtures").display()
                ),
            ));
        }
        Ok(Generator {
            fixtures,
            vocab: (0..WORD_CLASSES)
                .map(|c| {
                    vocab_list
                        .iter()
                        .filter(|w| word_class(w) == c)
                        .cloned()
                        .collect()
                })
                .collect(),
        })
    }

    /// The generator for this repository (the benches' and examples' own checkout).
    pub fn here() -> io::Result<Generator> {
        Generator::from_repo(Path::new(env!("CARGO_MANIFEST_DIR")))
    }

    /// Fixture articles read.
    pub fn fixtures(&self) -> usize {
        self.fixtures.len()
    }

    /// Generate files until their total size reaches `target` bytes, handing each to
    /// `sink` in order.
    pub fn generate(
        &self,
        target: usize,
        seed: u64,
        mut sink: impl FnMut(Doc) -> io::Result<()>,
    ) -> io::Result<Stats> {
        let mut stats = Stats::default();
        let mut story = 0usize;
        while stats.bytes < target {
            for doc in self.story(seed, story) {
                stats.files += 1;
                stats.articles += doc.articles;
                stats.bytes += doc.text.len();
                sink(doc)?;
                if stats.bytes >= target {
                    break;
                }
            }
            story += 1;
        }
        stats.stories = story;
        Ok(stats)
    }

    /// All files of a corpus of about `target` bytes, in memory.
    pub fn docs(&self, target: usize, seed: u64) -> Vec<Doc> {
        let mut out = Vec::new();
        self.generate(target, seed, |d| {
            out.push(d);
            Ok(())
        })
        .expect("collecting in memory cannot fail");
        out
    }

    /// Write a corpus of about `target` bytes under `dir` (created; files already there
    /// are left alone, so use an empty folder).
    pub fn write_dir(&self, dir: &Path, target: usize, seed: u64) -> io::Result<Stats> {
        std::fs::create_dir_all(dir)?;
        let mut made = HashSet::new();
        self.generate(target, seed, |doc| {
            let path = dir.join(&doc.path);
            if let Some(parent) = path.parent()
                && made.insert(parent.to_path_buf())
            {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, doc.text)
        })
    }

    /// The files of story number `n`.
    fn story(&self, seed: u64, n: usize) -> Vec<Doc> {
        let mut r = Rng::new(mix(&[seed, n as u64]));
        let s = Story::new(self, &mut r, seed, n);
        let outlets = r.range(2, 6);
        let mut chosen: Vec<&str> = Vec::new();
        while chosen.len() < outlets {
            let o = r.word(OUTLETS);
            if !chosen.contains(&o) {
                chosen.push(o);
            }
        }
        let group = n / 250;
        if r.chance(0.04) {
            // A wire feed: every outlet's article as one JSON Lines file.
            let mut text = String::new();
            for (k, outlet) in chosen.iter().enumerate() {
                let a = s.article(self, &mut r, outlet, k);
                let rec = serde_json::json!({
                    "id": format!("s{n}-{k}"),
                    "title": a.title,
                    "outlet": outlet,
                    "published": a.date,
                    "text": a.paragraphs.join("\n\n"),
                });
                text.push_str(&rec.to_string());
                text.push('\n');
            }
            return vec![Doc {
                path: format!("g{group:03}/s{n:06}-feed.jsonl"),
                text,
                articles: chosen.len(),
            }];
        }
        chosen
            .iter()
            .enumerate()
            .map(|(k, outlet)| {
                let a = s.article(self, &mut r, outlet, k);
                let roll = r.below(100);
                let (ext, text) = if roll < 60 {
                    ("md", a.markdown(&mut r))
                } else if roll < 90 {
                    ("txt", a.plain(&mut r))
                } else {
                    ("html", a.html(&mut r))
                };
                Doc {
                    path: format!("g{group:03}/s{n:06}-{k}-{}.{ext}", slug(outlet)),
                    text,
                    articles: 1,
                }
            })
            .collect()
    }
}

fn slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' || c == '-' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The given names of `rules/speakers.toml`, to tell a fixture person's gender.
fn given_names(path: &Path) -> io::Result<(HashSet<String>, HashSet<String>)> {
    let text = std::fs::read_to_string(path)?;
    let table: toml::Table = toml::from_str(&text).map_err(io::Error::other)?;
    let list = |key: &str| -> HashSet<String> {
        table
            .get(key)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    Ok((list("female_names"), list("male_names")))
}

/// Every word of the rules files (names, titles, organisations, outlets, cues, units,
/// antonyms...), and the months and weekdays: words the generator leaves alone, so that
/// "Prime Minister", "Reuters", "million" or "approved" still mean what they meant.
fn known_words(root: &Path) -> io::Result<HashSet<String>> {
    fn walk(v: &toml::Value, out: &mut HashSet<String>) {
        match v {
            toml::Value::String(s) => {
                for w in s
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                {
                    out.insert(w.to_string());
                    out.insert(w.to_lowercase());
                }
            }
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            toml::Value::Table(t) => t.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out: HashSet<String> = MONTHS
        .iter()
        .chain(WEEKDAYS)
        .map(|s| s.to_string())
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("rules"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let table: toml::Table = toml::from_str(&text).map_err(io::Error::other)?;
        walk(&toml::Value::Table(table), &mut out);
    }
    Ok(out)
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "to", "ve", "sa", "du", "ne", "pi", "gor", "lan", "bes", "tor", "vin",
    "mar", "el", "an", "os", "ri", "zel", "dra", "mun", "ko",
];

/// A made-up surname.
fn surname(bits: u64) -> String {
    let mut r = Rng::new(bits);
    let mut s = String::new();
    for _ in 0..r.range(2, 3) {
        s.push_str(r.word(SYLLABLES));
    }
    s.push_str(r.word(&[
        "ski", "son", "ez", "ova", "elli", "ard", "berg", "ic", "ou", "ani",
    ]));
    capitalise(&s)
}

/// A made-up capitalised word for `word` in the story of `seed`: the same within a story.
fn pseudo_word(seed: u64, word: &str) -> String {
    let mut r = Rng::new(mix(&[seed, hash_str(word)]));
    let mut s = String::new();
    for _ in 0..r.range(2, 3) {
        s.push_str(r.word(SYLLABLES));
    }
    for suffix in ["ian", "ese", "ish"] {
        if word.ends_with(suffix) {
            s.push_str(suffix);
        }
    }
    capitalise(&s)
}

/// A fixture's non-empty lines, front matter left out.
fn fixture_lines(text: &str) -> Vec<&str> {
    let mut body = text;
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        body = &rest[end + 5..];
    }
    body.lines()
        .map(|l| l.trim_end_matches('\r').trim())
        .filter(|l| !l.is_empty())
        .collect()
}

/// A person of a fixture, as the text names them.
struct NameForms {
    full: Option<String>,
    last: String,
}

impl Fixture {
    fn parse(
        stem: String,
        text: &str,
        names: &[String],
        female: &HashSet<String>,
        male: &HashSet<String>,
        stop: &HashSet<String>,
        vocab: &HashSet<String>,
    ) -> Option<Fixture> {
        let lines = fixture_lines(text);
        let (&head, rest) = lines.split_first()?;
        let lex = Lexicon {
            proper: lines
                .iter()
                .flat_map(|l| proper_names(l, stop))
                .map(str::to_string)
                .collect(),
            vocab: vocab.clone(),
        };
        // People: full names first; a lone surname joins the full name it ends, if any.
        let mut forms: Vec<NameForms> = Vec::new();
        let mut people = Vec::new();
        let mut sorted: Vec<&String> = names.iter().collect();
        sorted.sort_by_key(|n| std::cmp::Reverse(n.split_whitespace().count()));
        for n in sorted {
            let toks: Vec<&str> = n.split_whitespace().collect();
            let Some(&last) = toks.last() else { continue };
            if toks.len() == 1 {
                if forms.iter().any(|f| f.last == last) {
                    continue;
                }
                forms.push(NameForms {
                    full: None,
                    last: last.to_string(),
                });
                people.push(Gender::Unknown);
            } else {
                if forms.iter().any(|f| f.full.as_deref() == Some(n.as_str())) {
                    continue;
                }
                let first = toks[0];
                people.push(if female.contains(first) {
                    Gender::Female
                } else if male.contains(first) {
                    Gender::Male
                } else {
                    Gender::Unknown
                });
                forms.push(NameForms {
                    full: Some(n.clone()),
                    last: last.to_string(),
                });
            }
        }
        let headline = templatize(head.trim_start_matches('#').trim(), &forms, &lex);
        let mut body = Vec::new();
        let mut trailer = None;
        for (i, line) in rest.iter().enumerate() {
            let early = i < 3;
            if early && (line.starts_with("By ") || line.starts_with("Updated ") || line.len() < 25)
            {
                continue; // byline, update time, desk name: each article gets its own
            }
            if line.starts_with("Source(s):") {
                trailer = Some(templatize(line, &forms, &lex));
                continue;
            }
            body.push(templatize(line, &forms, &lex));
        }
        if body.is_empty() {
            return None;
        }
        Some(Fixture {
            stem,
            headline,
            body,
            trailer,
            people,
        })
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Cut `line` into literal text, names of the fixture's people and numbers.
/// The words of `line` (runs of letters) with their byte spans.
fn words(line: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut rest = line.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if c.is_alphabetic() {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = line.len();
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphabetic() {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, end, &line[start..end]))
    })
}

/// Capitalised words inside a sentence (not its first word) that the rules do not know:
/// places, companies, parties. Acronyms stay.
fn proper_names<'a>(line: &'a str, stop: &HashSet<String>) -> Vec<&'a str> {
    let mut out = Vec::new();
    for (start, _, word) in words(line) {
        let mut cs = word.chars();
        let first_upper = cs.next().is_some_and(char::is_uppercase);
        let prev = line[..start].trim_end().chars().next_back();
        let sentence_start = match prev {
            None => true,
            Some(c) => {
                ".!?:;\"\u{201c}\u{201d}'\u{2018}\u{2019}(\u{2014}\u{2013}-\u{2022}#|".contains(c)
                    || c.is_ascii_digit()
            }
        };
        if first_upper
            && cs.any(char::is_lowercase)
            && word.chars().count() >= 3
            && !sentence_start
            && !stop.contains(word)
            && !stop.contains(&word.to_lowercase())
        {
            out.push(word);
        }
    }
    out
}

/// Short words that hold a sentence together: never swapped.
const FUNCTION_WORDS: &[&str] = &[
    "that",
    "this",
    "with",
    "from",
    "have",
    "has",
    "were",
    "would",
    "could",
    "should",
    "will",
    "they",
    "their",
    "there",
    "about",
    "after",
    "before",
    "which",
    "while",
    "when",
    "where",
    "what",
    "been",
    "being",
    "into",
    "than",
    "then",
    "them",
    "these",
    "those",
    "some",
    "such",
    "also",
    "very",
    "more",
    "most",
    "over",
    "under",
    "just",
    "because",
    "until",
    "since",
    "only",
    "other",
    "each",
    "every",
    "both",
    "many",
    "much",
    "your",
    "ours",
    "does",
    "done",
    "doing",
    "even",
    "here",
    "must",
    "shall",
    "upon",
    "within",
    "without",
    "through",
    "against",
    "between",
    "among",
    "during",
    "whether",
    "either",
    "neither",
    "though",
    "although",
    "whose",
    "whom",
    "himself",
    "herself",
    "itself",
    "themselves",
    "yourself",
    "ourselves",
    "again",
    "already",
    "still",
    "never",
    "always",
    "once",
    "twice",
    "nothing",
    "anything",
    "something",
    "everything",
    "nobody",
    "anyone",
    "someone",
    "everyone",
];

/// The class of a common word, by its ending, so that a swap keeps the grammar roughly:
/// adverbs for adverbs, past forms for past forms, plurals for plurals.
fn word_class(w: &str) -> usize {
    if w.ends_with("ly") {
        0
    } else if w.ends_with("ed") {
        1
    } else if w.ends_with("ing") {
        2
    } else if w.ends_with('s') {
        3
    } else {
        4
    }
}
const WORD_CLASSES: usize = 5;
/// Percent of common words that a story keeps as they are.
const SWAP_PERCENT: u64 = 65;

/// The fixtures' lowercase words of four letters or more that no rules file knows and
/// that are not function words: what each story swaps for others of the same class, so
/// that two stories built from one fixture do not share their sentences.
fn common_words<'a>(lines: impl Iterator<Item = &'a str>, stop: &HashSet<String>) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    for line in lines {
        for (_, _, w) in words(line) {
            if w.len() >= 4
                && w.chars().all(|c| c.is_ascii_lowercase())
                && !stop.contains(w)
                && !FUNCTION_WORDS.contains(&w)
            {
                out.insert(w.to_string());
            }
        }
    }
    out.into_iter().collect()
}

/// Words the templates make up anew in each story.
struct Lexicon {
    /// This fixture's proper names (see [`proper_names`]).
    proper: HashSet<String>,
    /// Every fixture's common words (see [`common_words`]).
    vocab: HashSet<String>,
}

fn templatize(line: &str, forms: &[NameForms], lex: &Lexicon) -> Template {
    let bytes = line.as_bytes();
    // (start, end, piece) of every name and number, then the non-overlapping ones.
    let mut hits: Vec<(usize, usize, Piece)> = Vec::new();
    let bounded = |s: usize, e: usize| {
        (s == 0 || !is_word_byte(bytes[s - 1])) && (e == bytes.len() || !is_word_byte(bytes[e]))
    };
    for (idx, f) in forms.iter().enumerate() {
        for (form, part) in [
            (f.full.as_deref(), Part::Full),
            (Some(&*f.last), Part::Last),
        ] {
            let Some(form) = form else { continue };
            for (s, m) in line.match_indices(form) {
                if bounded(s, s + m.len()) {
                    hits.push((s, s + m.len(), Piece::Person(idx, part)));
                }
            }
        }
    }
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let attached = (s > 0 && bytes[s - 1].is_ascii_alphabetic())
            || (i < bytes.len() && bytes[i].is_ascii_alphabetic());
        if attached {
            continue; // "G7", "A380", "3rd", "COVID-19"-like tokens stay
        }
        let digits = &line[s..i];
        let group = s >= 2 && matches!(bytes[s - 1], b',' | b'.') && bytes[s - 2].is_ascii_digit();
        let before = line[..s].trim_end();
        let piece = if !group
            && digits.len() == 4
            && (digits.starts_with("19") || digits.starts_with("20"))
        {
            Piece::Year(digits.to_string())
        } else if !group && digits.len() <= 2 && MONTH_WORDS.iter().any(|m| before.ends_with(m)) {
            Piece::Day(digits.to_string())
        } else {
            Piece::Digits {
                text: digits.to_string(),
                group,
            }
        };
        hits.push((s, i, piece));
    }
    // The fixture's made-up-able proper names, wherever they stand, and common words.
    for (start, end, word) in words(line) {
        if lex.proper.contains(word) {
            hits.push((start, end, Piece::Word(word.to_string())));
        } else if lex.vocab.contains(word) {
            hits.push((start, end, Piece::Noun(word.to_string())));
        }
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e, piece) in hits {
        if s < at {
            continue;
        }
        if s > at {
            out.push(Piece::Lit(line[at..s].to_string()));
        }
        out.push(piece);
        at = e;
    }
    if at < line.len() {
        out.push(Piece::Lit(line[at..].to_string()));
    }
    out
}

/// One person of a story's cast.
#[derive(Clone, Debug)]
struct Person {
    first: &'static str,
    last: String,
    gender: Gender,
    role: &'static str,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
    fn pronoun(&self) -> &'static str {
        match self.gender {
            Gender::Female => "she",
            _ => "he",
        }
    }
}

fn person_for(seed: u64, key: u64, gender: Gender) -> Person {
    let mut r = Rng::new(mix(&[seed, key]));
    let gender = match gender {
        Gender::Unknown if r.chance(0.5) => Gender::Female,
        Gender::Unknown => Gender::Male,
        g => g,
    };
    let first = r.word(if gender == Gender::Female {
        FEMALE
    } else {
        MALE
    });
    let last = if r.chance(0.5) {
        r.pick(LAST).to_string()
    } else {
        // Half the surnames are made up, so that names rarely repeat across stories.
        surname(r.next_u64())
    };
    Person {
        first,
        last,
        gender,
        role: r.word(ROLES),
    }
}

/// A fact of a story, told through one quotation pattern.
#[derive(Clone, Debug)]
struct Fact {
    pattern: usize,
    speaker: usize,
    other: usize,
    clause: usize,
    quotes: [usize; 3],
    phrase: usize,
    outlet: &'static str,
    n: u32,
    m: u32,
}

const PATTERNS: usize = 18;

struct Story {
    seed: u64,
    n: usize,
    base: usize,
    extra: [usize; 2],
    year: u32,
    month: usize,
    day: u32,
    city: &'static str,
    /// A made-up place that names this story's project, council and town.
    place: String,
    thing: &'static str,
    org: &'static str,
    weekday: &'static str,
    wire: &'static str,
    cast: Vec<Person>,
    facts: Vec<Fact>,
}

/// One outlet's article of a story, before it is given a file format.
struct ArticleText {
    outlet: String,
    title: String,
    date: String,
    author: String,
    paragraphs: Vec<String>,
    wire: Option<&'static str>,
}

impl Story {
    fn new(g: &Generator, r: &mut Rng, seed: u64, n: usize) -> Story {
        let nf = g.fixtures.len();
        let base = r.below(nf);
        let extra = [r.below(nf), r.below(nf)];
        let story_seed = mix(&[seed, n as u64, 0x57]);
        let cast: Vec<Person> = (0..4)
            .map(|i| person_for(story_seed, 1000 + i, Gender::Unknown))
            .collect();
        let facts = (0..r.range(5, 9))
            .map(|_| Fact {
                pattern: r.below(PATTERNS),
                speaker: r.below(cast.len()),
                other: r.below(cast.len()),
                clause: r.below(CLAUSES),
                quotes: [r.below(QUOTES), r.below(QUOTES), r.below(QUOTES)],
                phrase: r.below(PHRASES.len()),
                outlet: r.word(OUTLETS),
                n: r.range(2, 95) as u32,
                m: r.range(2, 40) as u32,
            })
            .collect();
        Story {
            seed: story_seed,
            n,
            base,
            extra,
            year: 2025 + r.below(2) as u32,
            month: r.below(12),
            day: r.range(1, 26) as u32,
            city: r.word(CITIES),
            place: pseudo_word(story_seed, "place"),
            thing: r.word(THINGS),
            org: r.word(ORGS),
            weekday: r.word(WEEKDAYS),
            wire: r.word(WIRES),
            cast,
            facts,
        }
    }

    /// The person `idx` of fixture `f`, renamed for this story.
    fn fixture_person(&self, g: &Generator, f: usize, idx: usize) -> Person {
        person_for(
            self.seed,
            ((f as u64) << 16) | idx as u64,
            g.fixtures[f].people[idx],
        )
    }

    fn render(&self, g: &Generator, f: usize, t: &Template, salt: u64, out: &mut String) {
        for p in t {
            match p {
                Piece::Lit(s) | Piece::Year(s) => out.push_str(s),
                Piece::Person(idx, part) => {
                    let person = self.fixture_person(g, f, *idx);
                    match part {
                        Part::Full => {
                            out.push_str(person.first);
                            out.push(' ');
                            out.push_str(&person.last);
                        }
                        Part::Last => out.push_str(&person.last),
                    }
                }
                Piece::Word(w) => out.push_str(&pseudo_word(self.seed, w)),
                Piece::Noun(w) => {
                    let h = mix(&[self.seed, hash_str(w), 0x4e]);
                    let class = &g.vocab[word_class(w)];
                    if h % 100 < SWAP_PERCENT || class.is_empty() {
                        out.push_str(w);
                    } else {
                        out.push_str(&class[(h >> 8) as usize % class.len()]);
                    }
                }
                Piece::Day(d) => {
                    let v = 1 + mix(&[self.seed, salt, hash_str(d)]) % 28;
                    let _ = write!(out, "{v}");
                }
                Piece::Digits { text, group } => {
                    let mut r = Rng::new(mix(&[self.seed, salt, hash_str(text)]));
                    for (i, _) in text.char_indices() {
                        let d = if i == 0 && !group && text.len() > 1 {
                            r.range(1, 9)
                        } else {
                            r.below(10)
                        };
                        out.push(char::from(b'0' + d as u8));
                    }
                }
            }
        }
    }

    fn article(&self, g: &Generator, r: &mut Rng, outlet: &str, k: usize) -> ArticleText {
        let base = &g.fixtures[self.base];
        let mut paragraphs: Vec<String> = Vec::new();
        for (i, t) in base.body.iter().enumerate() {
            if i > 0 && r.chance(0.15) {
                continue;
            }
            // Now and then an outlet gets this paragraph's numbers wrong.
            let salt = if r.chance(0.04) { 1 + k as u64 } else { 0 };
            let mut p = String::new();
            self.render(g, self.base, t, salt, &mut p);
            paragraphs.push(p);
        }
        if paragraphs.len() > 3 && r.chance(0.3) {
            let i = r.range(1, paragraphs.len() - 2);
            paragraphs.swap(i, i + 1);
        }
        for &f in &self.extra {
            if r.chance(0.6) {
                let fx = &g.fixtures[f];
                let t = r.pick(&fx.body);
                let mut p = String::new();
                self.render(g, f, t, 0, &mut p);
                let at = r.range(1, paragraphs.len());
                paragraphs.insert(at, p);
            }
        }
        for fact in &self.facts {
            if !r.chance(0.7) {
                continue;
            }
            let twist = r.chance(0.08);
            let parts = self.fact(fact, twist, r);
            let at = r.range(1.min(paragraphs.len()), paragraphs.len());
            for (j, p) in parts.into_iter().enumerate() {
                paragraphs.insert(at + j, p);
            }
        }
        let wire = r.chance(0.1).then_some(self.wire);
        if let Some(t) = &base.trailer
            && r.chance(0.5)
        {
            let mut p = String::new();
            self.render(g, self.base, t, 0, &mut p);
            paragraphs.push(p);
        } else if let Some(w) = wire {
            paragraphs.push(format!("Source(s): {w}"));
        }
        let title = match r.below(10) {
            0..=5 => {
                let mut t = String::new();
                self.render(g, self.base, &base.headline, 0, &mut t);
                t
            }
            6..=7 => {
                let f = r.pick(&self.facts);
                let p = &self.cast[f.speaker];
                format!("{} says {}", p.full(), self.clause(f, false))
            }
            _ => format!("{} {} {} row deepens", self.place, self.org, self.thing),
        };
        let day = self.day + r.below(3) as u32;
        let reporter = person_for(self.seed, 9000 + k as u64, Gender::Unknown);
        ArticleText {
            outlet: outlet.to_string(),
            title,
            date: format!("{}-{:02}-{day:02}", self.year, self.month + 1),
            author: reporter.full(),
            paragraphs,
            wire,
        }
    }

    fn clause(&self, f: &Fact, twist: bool) -> String {
        let (t, o, c) = (
            &format!("{} {}", self.place, self.thing),
            &format!("{} {}", self.place, self.org),
            &self.place,
        );
        let n = if twist { f.n + 1 + f.m % 7 } else { f.n };
        let m = f.m;
        match f.clause {
            0 => format!("the {t} would cost {n} million euros"),
            1 => format!("{n},{m:03} people had signed the petition against the {t}"),
            2 => format!(
                "the {o} had {} the {t} by {n} votes to {m}",
                if twist { "rejected" } else { "approved" }
            ),
            3 => format!(
                "work on the {t} would start in {}",
                MONTHS[(f.n as usize + usize::from(twist)) % 12]
            ),
            4 => format!("the {t} was {n} percent over budget"),
            5 => format!(
                "talks about the {t} would resume on {}",
                WEEKDAYS[(f.m as usize + usize::from(twist)) % 7]
            ),
            6 => format!(
                "the {o} {} raise fees in {c} this year",
                if twist { "would" } else { "would not" }
            ),
            _ => format!("the {t} had been delayed {n} times since {}", 2000 + m % 25),
        }
    }

    fn quote(&self, q: usize, n: u32, twist: bool) -> String {
        let (t, c) = (&format!("{} {}", self.place, self.thing), &self.place);
        match q {
            0 => format!("We will not accept a {t} that leaves {n} families behind"),
            1 => format!("This is the best chance in {n} years to get the {t} right"),
            2 => format!(
                "Nobody in {c} should pay for a {t} they never asked for{}",
                if twist { " again" } else { "" }
            ),
            3 => format!("The numbers are clear: {n} percent of residents support the {t}"),
            4 => format!(
                "We were not consulted on the {t}, and we will not be {}",
                if twist { "ignored" } else { "silenced" }
            ),
            5 => format!("I have never seen anything like it in {n} years of {c} politics"),
            6 => format!("The {t} is ready, the money is there and the work starts in {n} days"),
            _ => format!("Every week of delay costs {c} another {n} thousand euros"),
        }
    }

    /// The paragraphs that tell `f` (most patterns take one).
    fn fact(&self, f: &Fact, twist: bool, r: &mut Rng) -> Vec<String> {
        // A twist is a changed number or word, or now and then a changed speaker.
        let swap = twist && r.chance(0.3);
        let p = &self.cast[if swap {
            (f.speaker + 1) % self.cast.len()
        } else {
            f.speaker
        }];
        let other = &self.cast[f.other];
        let (full, last, role) = (p.full(), p.last.as_str(), p.role);
        let clause = self.clause(f, twist && !swap);
        let q = |i: usize| self.quote(f.quotes[i], f.n + i as u32, twist && !swap && i == 0);
        let (lq, rq) = if r.chance(0.5) {
            ("\u{201c}", "\u{201d}")
        } else {
            ("\"", "\"")
        };
        let phrase = PHRASES[f.phrase].replace("{n}", &f.m.to_string());
        let outlet = f.outlet;
        let one = |s: String| vec![s];
        match f.pattern {
            0 => one(format!("{lq}{},{rq} {full} said.", q(0))),
            1 => one(format!("{lq}{},{rq} said {full}, {role}.", q(0))),
            2 => one(format!("{full}, {role}, said: {lq}{}.{rq}", q(0))),
            3 => {
                let second = lower_first(&q(1));
                one(format!("{lq}{},{rq} {last} said, {lq}{second}.{rq}", q(0)))
            }
            4 => one(format!("{full} said that {clause}.")),
            5 => one(format!(
                "{} {full} said on {} {clause}.",
                capitalise(role.trim_start_matches("the ").trim_start_matches("a ")),
                self.weekday
            )),
            6 => one(format!("According to {full}, {clause}.")),
            7 => one(format!("{}, according to {outlet}.", capitalise(&clause))),
            8 => one(format!("{full} told {outlet} that {clause}.")),
            9 => one(format!("{lq}{},{rq} {last} told {outlet}.", q(0))),
            10 => one(format!(
                "{last} said the {} {} was {lq}{phrase}{rq}.",
                self.place, self.thing
            )),
            11 => one(format!(
                "{lq}{}. {}. {},{rq} {full} said.",
                q(0),
                q(1),
                q(2)
            )),
            12 => vec![
                format!("{lq}{}. {}.", q(0), q(1)),
                format!("{lq}{},{rq} {last} added.", q(2)),
            ],
            13 => vec![
                format!("{full} set out the {} {}'s position:", self.place, self.org),
                format!("- {}", capitalise(&clause)),
                format!("- {}", capitalise(&self.clause(&self.shift(f), false))),
                format!(
                    "- {}",
                    capitalise(&self.clause(&self.shift(&self.shift(f)), false))
                ),
            ],
            14 => vec![
                format!(
                    "{full} spoke to reporters in {} on {}.",
                    self.place, self.weekday
                ),
                format!("{lq}{},{rq} {} said.", q(0), p.pronoun()),
            ],
            15 => one(format!(
                "{}, a person familiar with the matter said, asking not to be named.",
                capitalise(&clause)
            )),
            16 => one(format!(
                "The {} {} said in a statement that {clause}.",
                self.place, self.org
            )),
            _ => one(format!(
                "{full} claimed {clause}, but {} denied it.",
                other.full()
            )),
        }
    }

    fn shift(&self, f: &Fact) -> Fact {
        let mut g = f.clone();
        g.clause = (f.clause + 3) % CLAUSES;
        g.n = f.n + 5;
        g
    }
}

const CLAUSES: usize = 8;
const QUOTES: usize = 8;

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    // Keep "I" and names: lower only common sentence openers.
    for w in ["We ", "This ", "Nobody ", "The ", "Every "] {
        if let Some(rest) = s.strip_prefix(w) {
            return format!("{}{rest}", w.to_lowercase());
        }
    }
    s.to_string()
}

fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{201c}' => out.push_str("&ldquo;"),
            '\u{201d}' => out.push_str("&rdquo;"),
            _ => out.push(c),
        }
    }
    out
}

impl ArticleText {
    fn markdown(&self, r: &mut Rng) -> String {
        let mut s = String::with_capacity(4096);
        let _ = writeln!(s, "---");
        let _ = writeln!(s, "title: {}", yaml_str(&self.title));
        let _ = writeln!(s, "outlet: {}", yaml_str(&self.outlet));
        let _ = writeln!(s, "published: {}", self.date);
        if r.chance(0.5) {
            let _ = writeln!(s, "author: {}", yaml_str(&self.author));
        }
        if r.chance(0.3) {
            let _ = writeln!(
                s,
                "url: https://example.org/{}/{}",
                slug(&self.outlet),
                slug(&self.title)
            );
        }
        let _ = writeln!(s, "---\n");
        let _ = writeln!(s, "# {}\n", self.title);
        for p in &self.paragraphs {
            s.push_str(p);
            // Bullets sit on consecutive lines; other paragraphs are separated.
            s.push_str(if p.starts_with("- ") { "\n" } else { "\n\n" });
        }
        s
    }

    fn plain(&self, r: &mut Rng) -> String {
        let mut s = String::with_capacity(4096);
        s.push_str(&self.title);
        s.push('\n');
        if r.chance(0.6) {
            let _ = writeln!(s, "By {} | {}", self.author, self.outlet);
        }
        let dateline = r.chance(0.3);
        let sep = if r.chance(0.5) { "\n" } else { "\n\n" };
        s.push('\n');
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i == 0 && dateline {
                let (y, m, d) = parse_date(&self.date);
                let _ = write!(
                    s,
                    "{}, {} {d} ({}) \u{2014} ",
                    r.pick(CITIES).to_uppercase(),
                    MONTHS_SHORT[m - 1],
                    self.outlet
                );
                let _ = y;
            }
            if let Some(rest) = p.strip_prefix("- ") {
                s.push_str("\u{2022} ");
                s.push_str(rest);
                s.push('\n');
            } else {
                s.push_str(p);
                s.push_str(sep);
            }
        }
        s
    }

    fn html(&self, r: &mut Rng) -> String {
        let mut s = String::with_capacity(6144);
        let title = html_escape(&self.title);
        let outlet = html_escape(&self.outlet);
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{title} | {outlet}</title>\n\
             <meta property=\"og:title\" content=\"{title}\">\n\
             <meta property=\"og:site_name\" content=\"{outlet}\">\n\
             <meta property=\"article:published_time\" content=\"{}T08:00:00Z\">\n\
             <style>.hero {{ display: block; }}</style>\n\
             <script>window.dataLayer = [\"<p>tracking</p>\"];</script>\n</head>\n<body>\n\
             <header class=\"site-header\"><nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a></nav></header>\n\
             <div class=\"cookie-banner\">We use cookies. Accept all?</div>\n<main>\n<article>\n\
             <header>\n<h1>{title}</h1>\n<p class=\"byline\">By {}</p>\n</header>\n",
            self.date,
            html_escape(&self.author)
        );
        let mut in_list = false;
        for p in &self.paragraphs {
            if let Some(item) = p.strip_prefix("- ") {
                if !in_list {
                    s.push_str("<ul>\n");
                    in_list = true;
                }
                let _ = writeln!(s, "<li>{}</li>", html_escape(item));
                continue;
            }
            if in_list {
                s.push_str("</ul>\n");
                in_list = false;
            }
            let _ = writeln!(s, "<p>{}</p>", html_escape(p));
        }
        if in_list {
            s.push_str("</ul>\n");
        }
        if r.chance(0.5) {
            s.push_str(
                "<figure><img src=\"photo.jpg\" alt=\"Photo\"><figcaption>Photo: file image</figcaption></figure>\n",
            );
        }
        s.push_str(
            "</article>\n<aside><h2>Most read</h2><p>A story about something else</p></aside>\n\
             </main>\n<footer><p>&copy; 2026 All rights reserved.</p></footer>\n</body>\n</html>\n",
        );
        s
    }
}

fn parse_date(d: &str) -> (u32, usize, u32) {
    let mut it = d.split('-').map(|x| x.parse::<u32>().unwrap_or(1));
    let y = it.next().unwrap_or(2026);
    let m = it.next().unwrap_or(1) as usize;
    let day = it.next().unwrap_or(1);
    (y, m.clamp(1, 12), day)
}
