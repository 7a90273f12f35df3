//! Rules as data: the TOML files in `rules/`, embedded in the binary as the defaults and
//! extended (or replaced) by a user's `--rules DIR`.
//!
//! This module owns finding, parsing, validating and merging rule files into typed
//! structs. It does not know what any rule means: each stage defines the struct for its
//! own files and compiles it (see `Rules::new`).
//!
//! Merging: for each file name, the embedded default comes first, then the user's file of
//! the same name; tables merge key by key, arrays are concatenated, other values are
//! replaced by the user's.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;

/// The rule files crosscheck knows, with their embedded default text.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "abbreviations.toml",
        include_str!("../rules/abbreviations.toml"),
    ),
    (
        "boilerplate.toml",
        include_str!("../rules/boilerplate.toml"),
    ),
    ("metadata.toml", include_str!("../rules/metadata.toml")),
    ("cues.toml", include_str!("../rules/cues.toml")),
    ("speakers.toml", include_str!("../rules/speakers.toml")),
    ("outlets.toml", include_str!("../rules/outlets.toml")),
    ("entities.toml", include_str!("../rules/entities.toml")),
    ("names.toml", include_str!("../rules/names.toml")),
    ("places.toml", include_str!("../rules/places.toml")),
    ("dates.toml", include_str!("../rules/dates.toml")),
    ("quantities.toml", include_str!("../rules/quantities.toml")),
    ("frames.toml", include_str!("../rules/frames.toml")),
    ("antonyms.toml", include_str!("../rules/antonyms.toml")),
];

/// Largest compiled size allowed for one pattern from a rules file.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// One rules file's text and where it came from.
#[derive(Clone, Debug)]
pub struct RuleSource {
    /// Shown in messages: `rules/cues.toml (built-in)` or the user's path.
    pub path: String,
    /// The TOML text.
    pub text: String,
}

/// The rule files in force, by file name, defaults first.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    files: BTreeMap<String, Vec<RuleSource>>,
}

impl RuleSet {
    /// Only the embedded defaults.
    pub fn embedded() -> Self {
        let mut set = RuleSet::default();
        for (name, text) in EMBEDDED {
            set.files
                .entry((*name).to_string())
                .or_default()
                .push(RuleSource {
                    path: format!("rules/{name} (built-in)"),
                    text: (*text).to_string(),
                });
        }
        set
    }

    /// The embedded defaults (unless `defaults` is false) plus every `*.toml` in `dir`.
    /// A file whose name crosscheck does not know is an error, so typos do not go unseen.
    pub fn load(dir: Option<&Path>, defaults: bool) -> Result<Self> {
        let mut set = if defaults {
            RuleSet::embedded()
        } else {
            RuleSet::default()
        };
        let Some(dir) = dir else { return Ok(set) };
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            if !EMBEDDED.iter().any(|(known, _)| *known == name) {
                let known: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
                return Err(Error::RuleInvalid {
                    path: path.display().to_string(),
                    rule: name,
                    message: format!("unknown rules file; known files are {}", known.join(", ")),
                });
            }
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            set.files.entry(name).or_default().push(RuleSource {
                path: path.display().to_string(),
                text,
            });
        }
        Ok(set)
    }

    /// Add `source` as the last source of rules file `name` (used by tests and fuzzers to
    /// build a set from text; `load` is the way for folders).
    pub fn push(&mut self, name: &str, source: RuleSource) {
        self.files.entry(name.to_string()).or_default().push(source);
    }

    /// Every source, by file name.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &[RuleSource])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// A stable digest of every rule text in force (for caches).
    pub fn digest(&self) -> u64 {
        let mut h = Fnv::new();
        for (name, sources) in &self.files {
            h.write(name.as_bytes());
            for s in sources {
                h.write(s.text.as_bytes());
            }
        }
        h.finish()
    }

    /// File `name` parsed into `T`, all sources merged. Each source is first checked on its
    /// own so that an error points at its file, line and column.
    pub fn get<T: DeserializeOwned + Default>(&self, name: &str) -> Result<T> {
        let Some(sources) = self.files.get(name) else {
            return Ok(T::default());
        };
        let mut merged = toml::Table::new();
        for source in sources {
            let table: toml::Table = parse_toml(source)?;
            parse_toml::<T>(source)?;
            merge_tables(&mut merged, table);
        }
        T::deserialize(merged).map_err(|e| Error::RuleInvalid {
            path: name.to_string(),
            rule: "(merged)".into(),
            message: e.to_string(),
        })
    }

    /// The path to name in messages about file `name` (its last source).
    pub fn path_of(&self, name: &str) -> String {
        self.files
            .get(name)
            .and_then(|s| s.last())
            .map_or_else(|| format!("rules/{name}"), |s| s.path.clone())
    }
}

fn parse_toml<T: DeserializeOwned>(source: &RuleSource) -> Result<T> {
    toml::from_str(&source.text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let (line, column) = line_column(&source.text, offset);
        Error::RuleSyntax {
            path: source.path.clone(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })
}

/// 1-based line and column (in chars) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn merge_tables(into: &mut toml::Table, from: toml::Table) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge_tables(a, b),
            (Some(toml::Value::Array(a)), toml::Value::Array(b)) => a.extend(b),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

/// Compile a pattern from a rules file with size limits (linear-time matching is the
/// `regex` crate's guarantee).
pub fn compile_regex(path: &str, pattern: &str) -> Result<regex::Regex> {
    regex::RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| Error::RuleInvalid {
            path: path.to_string(),
            rule: pattern.to_string(),
            message: e.to_string(),
        })
}

/// FNV-1a, for stable digests that do not depend on the Rust version.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(u64);

impl Fnv {
    /// A fresh hasher.
    pub fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    /// Feed bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator so that ("ab","c") and ("a","bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
    /// The digest.
    pub fn finish(&self) -> u64 {
        self.0
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}

/// Every stage's compiled rules.
#[derive(Debug)]
pub struct Rules {
    /// The sources they were built from.
    pub set: RuleSet,
    /// Loader rules (boilerplate, metadata inference).
    pub load: crate::load::LoadRules,
    /// Segmenter rules (abbreviations, bullets).
    pub segment: crate::segment::SegmentRules,
    /// Extractor rules (cues, speakers, outlets).
    pub extract: crate::extract::ExtractRules,
    /// Resolver rules (entities, places, dates).
    pub resolve: crate::resolve::ResolveRules,
    /// Comparer rules (frames, antonyms).
    pub compare: crate::compare::CompareRules,
}

impl Rules {
    /// Compile every stage's rules from `set`.
    pub fn new(set: RuleSet) -> Result<Self> {
        let resolve = crate::resolve::ResolveRules::compile(&set)?;
        let mut compare = crate::compare::CompareRules::compile(&set)?;
        // The comparer asks the gazetteer whether two places can be one ("Miami" is in
        // "Florida"), so that containment is never a contradiction.
        compare.set_lookup(std::sync::Arc::new(resolve.places.clone()));
        Ok(Rules {
            load: crate::load::LoadRules::compile(&set)?,
            segment: crate::segment::SegmentRules::compile(&set)?,
            extract: crate::extract::ExtractRules::compile(&set)?,
            resolve,
            compare,
            set,
        })
    }

    /// The embedded defaults, compiled.
    pub fn embedded() -> Result<Self> {
        Rules::new(RuleSet::embedded())
    }

    /// Compile, from `set`, only the parts of [`Rules::new`] that read rules file `name`,
    /// and return the first error: the checks `Rules::new` makes on that file at a fraction
    /// of the cost, since the stages that never see it are not compiled (the rules-loader
    /// fuzz target uses this). A part is the smallest compile step holding every use of the
    /// file: `metadata.toml` alone needs only the loader's metadata inference, `dates.toml`
    /// and `quantities.toml` only their resolver tables; an unknown name compiles
    /// everything.
    pub fn check_file(set: &RuleSet, name: &str) -> Result<()> {
        use crate::{compare, extract, load, resolve, segment};
        match name {
            "abbreviations.toml" => drop(segment::SegmentRules::compile(set)?),
            "boilerplate.toml" => drop(load::LoadRules::compile(set)?),
            "metadata.toml" => drop(load::infer::InferRules::compile(set)?),
            "cues.toml" | "speakers.toml" => drop(extract::ExtractRules::compile(set)?),
            "outlets.toml" => {
                drop(load::infer::InferRules::compile(set)?);
                drop(extract::ExtractRules::compile(set)?);
                drop(resolve::ResolveRules::compile(set)?);
            }
            "names.toml" | "entities.toml" | "places.toml" => {
                drop(resolve::ResolveRules::compile(set)?)
            }
            "dates.toml" => drop(resolve::dates::DateRules::compile(set)?),
            "quantities.toml" => drop(resolve::quantities::QuantityRules::compile(set)?),
            "frames.toml" | "antonyms.toml" => drop(compare::CompareRules::compile(set)?),
            _ => drop(Rules::new(set.clone())?),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_compile() {
        Rules::embedded().unwrap();
    }

    /// A stage's compiler, its result dropped.
    type Compile = fn(&RuleSet) -> Result<()>;

    /// The stage compilers `Rules::new` runs, by name.
    fn stages() -> Vec<(&'static str, Compile)> {
        vec![
            ("load", |s| crate::load::LoadRules::compile(s).map(drop)),
            ("segment", |s| {
                crate::segment::SegmentRules::compile(s).map(drop)
            }),
            ("extract", |s| {
                crate::extract::ExtractRules::compile(s).map(drop)
            }),
            ("resolve", |s| {
                crate::resolve::ResolveRules::compile(s).map(drop)
            }),
            ("compare", |s| {
                crate::compare::CompareRules::compile(s).map(drop)
            }),
        ]
    }

    /// `check_file` must see every stage that reads the file: for each file, a syntax
    /// error in it fails `check_file` exactly when it fails some stage of `Rules::new`, and
    /// the stages `check_file` is documented to compile are the ones that read it.
    #[test]
    fn check_file_covers_every_stage_reading_the_file() {
        let readers: BTreeMap<&str, &[&str]> = [
            ("abbreviations.toml", &["segment"][..]),
            ("boilerplate.toml", &["load"]),
            ("metadata.toml", &["load"]),
            ("cues.toml", &["extract"]),
            ("speakers.toml", &["extract"]),
            ("outlets.toml", &["load", "extract", "resolve"]),
            ("entities.toml", &["resolve"]),
            ("names.toml", &["resolve"]),
            ("places.toml", &["resolve"]),
            ("dates.toml", &["resolve"]),
            ("quantities.toml", &["resolve"]),
            ("frames.toml", &["compare"]),
            ("antonyms.toml", &["compare"]),
        ]
        .into();
        assert_eq!(readers.len(), EMBEDDED.len());
        for (name, _) in EMBEDDED {
            let mut set = RuleSet::default();
            set.push(
                name,
                RuleSource {
                    path: format!("test/{name}"),
                    text: "[[[ not toml".into(),
                },
            );
            let failing: Vec<&str> = stages()
                .into_iter()
                .filter(|(_, compile)| compile(&set).is_err())
                .map(|(stage, _)| stage)
                .collect();
            assert_eq!(failing, readers[name], "stages reading {name}");
            let err = Rules::check_file(&set, name).unwrap_err().to_string();
            assert!(err.starts_with(&format!("test/{name}:")), "{name}: {err}");
            // With a valid file, the empty rules compile wherever `Rules::new` does.
            assert!(
                Rules::check_file(&RuleSet::default(), name).is_ok(),
                "{name}"
            );
        }
        assert!(Rules::new(RuleSet::default()).is_ok());
    }

    #[test]
    fn check_file_reports_what_rules_new_reports() {
        // A bad pattern in one file, merged over the built-in rules: the same error both ways.
        for (name, text) in [
            ("boilerplate.toml", "line = [\"(unclosed\"]"),
            ("abbreviations.toml", "caption = [\"[z-a]\"]"),
        ] {
            let mut set = RuleSet::embedded();
            set.push(
                name,
                RuleSource {
                    path: format!("test/{name}"),
                    text: text.into(),
                },
            );
            let full = Rules::new(set.clone()).unwrap_err().to_string();
            let one = Rules::check_file(&set, name).unwrap_err().to_string();
            assert_eq!(full, one);
        }
        for (name, _) in EMBEDDED {
            Rules::check_file(&RuleSet::embedded(), name).unwrap();
        }
    }

    #[test]
    fn line_column_counts_chars() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("x", 0), (1, 1));
    }

    #[test]
    fn tables_merge_arrays_and_override_scalars() {
        let mut a: toml::Table = toml::from_str("x = [1]\n[t]\ny = 1\nz = [\"a\"]").unwrap();
        let b: toml::Table = toml::from_str("x = [2]\n[t]\ny = 2\nz = [\"b\"]").unwrap();
        merge_tables(&mut a, b);
        assert_eq!(a["x"].as_array().unwrap().len(), 2);
        assert_eq!(a["t"]["y"].as_integer(), Some(2));
        assert_eq!(a["t"]["z"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let set = RuleSet {
            files: [(
                "cues.toml".to_string(),
                vec![RuleSource {
                    path: "my/cues.toml".into(),
                    text: "[neutral]\nverbs = [\"said\"\n".into(),
                }],
            )]
            .into(),
        };
        let err = set.get::<toml::Table>("cues.toml").unwrap_err().to_string();
        assert!(err.starts_with("my/cues.toml:"), "{err}");
        assert!(err.contains(":2:") || err.contains(":3:"), "{err}");
    }

    #[test]
    fn bad_pattern_is_reported_with_its_file() {
        let err = compile_regex("x.toml", "(unclosed")
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.toml") && err.contains("(unclosed"), "{err}");
    }
}
