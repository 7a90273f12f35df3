//! The corpus manifest, `crosscheck.toml`: metadata per file (outlet, published, url,
//! title, language, wire), keyed by path relative to the manifest, with `[defaults]` for
//! every file under it and folder keys (`"reuters/"`) for every file in a folder.
//!
//! ```toml
//! [defaults]
//! language = "en"
//!
//! [files."reuters/"]              # every file under reuters/
//! outlet = "Reuters"
//!
//! [files."reuters/port-strike.txt"]
//! published = 2024-03-02          # a TOML date or a string
//! url = "https://example.org/port-strike"
//! ```
//!
//! Found by looking in each given folder (or a given file's folder) and then its parents,
//! stopping at the first `crosscheck.toml` or at a folder holding `.git`; `--manifest FILE`
//! replaces the search. A file takes the fields of its own key first, then of the deepest
//! folder key, then `[defaults]`. A manifest that does not parse, has an unknown key or a
//! date that is not a date stops the run with its file, line and column.
//!
//! Does not own: precedence against other sources (`load::set_field`).

use super::{Field, LoadRules, clean_value};
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The manifest's file name.
pub const FILE_NAME: &str = "crosscheck.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    #[serde(default)]
    defaults: Entry,
    #[serde(default)]
    files: BTreeMap<String, toml::Spanned<Entry>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    title: Option<toml::Spanned<String>>,
    outlet: Option<toml::Spanned<String>>,
    published: Option<toml::Spanned<DateValue>>,
    url: Option<toml::Spanned<String>>,
    language: Option<toml::Spanned<String>>,
    wire: Option<toml::Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum DateValue {
    Date(toml::value::Datetime),
    Text(String),
}

/// A parsed manifest.
#[derive(Clone, Debug, Default)]
pub struct Manifest {
    /// As shown in messages.
    pub path: String,
    /// The folder its keys are relative to (canonical when it exists).
    pub dir: PathBuf,
    defaults: Vec<(Field, String)>,
    files: BTreeMap<String, Vec<(Field, String)>>,
}

impl Manifest {
    /// Read and check the manifest at `path`.
    pub fn read(path: &Path, rules: &LoadRules) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let dir = path.parent().map_or_else(
            || PathBuf::from("."),
            |p| {
                if p.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    p.to_path_buf()
                }
            },
        );
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        parse(&text, &super::display_path(path), dir, rules)
    }

    /// The `[defaults]` fields.
    pub fn defaults(&self) -> &[(Field, String)] {
        &self.defaults
    }

    /// The fields for the file at `rel` (relative to the manifest, `/` separators): its own
    /// key's, then the deepest folder key's, then the defaults, per field.
    pub fn fields(&self, rel: &str) -> Vec<(Field, String)> {
        let mut layers: Vec<&[(Field, String)]> = Vec::new();
        if let Some(f) = self.files.get(rel) {
            layers.push(f);
        }
        let mut dir = rel;
        while let Some(i) = dir.rfind('/') {
            dir = &dir[..i];
            if let Some(f) = self.files.get(dir) {
                layers.push(f);
            }
        }
        layers.push(&self.defaults);
        let mut out: Vec<(Field, String)> = Vec::new();
        for layer in layers {
            for (field, value) in layer {
                if !out.iter().any(|(f, _)| f == field) {
                    out.push((*field, value.clone()));
                }
            }
        }
        out.sort_by_key(|(f, _)| *f);
        out
    }
}

/// A key as stored: `/` separators, no leading `./`, no trailing `/`.
fn normalize_key(k: &str) -> String {
    let k = k.trim().replace('\\', "/");
    let mut k = k.as_str();
    while let Some(rest) = k.strip_prefix("./") {
        k = rest;
    }
    k.trim_end_matches('/').to_string()
}

/// Parse manifest `text` (shown as `path`) whose keys are relative to `dir`.
pub fn parse(text: &str, path: &str, dir: PathBuf, rules: &LoadRules) -> Result<Manifest> {
    let at = |offset: usize, message: String| {
        let (line, column) = crate::rules::line_column(text, offset);
        Error::Manifest {
            path: path.to_string(),
            line,
            column,
            message,
        }
    };
    let file: ManifestFile = toml::from_str(text).map_err(|e| {
        at(
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_string(),
        )
    })?;
    let entry_fields = |e: &Entry| -> Result<Vec<(Field, String)>> {
        let mut out = Vec::new();
        let strings = [
            (Field::Title, &e.title),
            (Field::Outlet, &e.outlet),
            (Field::Url, &e.url),
            (Field::Language, &e.language),
            (Field::Wire, &e.wire),
        ];
        for (field, value) in strings {
            if let Some(v) = value {
                let clean = clean_value(field, v.get_ref(), &rules.infer)
                    .map_err(|m| at(v.span().start, m))?;
                out.push((field, clean));
            }
        }
        if let Some(p) = &e.published {
            let raw = match p.get_ref() {
                DateValue::Date(d) => d.to_string(),
                DateValue::Text(s) => s.clone(),
            };
            let clean = clean_value(Field::Published, &raw, &rules.infer)
                .map_err(|m| at(p.span().start, m))?;
            out.push((Field::Published, clean));
        }
        out.sort_by_key(|(f, _)| *f);
        Ok(out)
    };
    let defaults = entry_fields(&file.defaults)?;
    let mut files = BTreeMap::new();
    for (key, entry) in &file.files {
        let k = normalize_key(key);
        if k.is_empty() || k.split('/').any(|part| part == "..") {
            return Err(at(
                entry.span().start,
                format!("file key {key:?} must be a path inside the manifest's folder"),
            ));
        }
        files.insert(k, entry_fields(entry.get_ref())?);
    }
    Ok(Manifest {
        path: path.to_string(),
        dir,
        defaults,
        files,
    })
}

/// The manifests for `paths`: for each folder given (or each file's folder), the first
/// `crosscheck.toml` in it or its parents, not looking above a folder holding `.git`.
/// Sorted, without repeats.
pub fn find(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            continue;
        }
        let start = if p.is_dir() {
            p.clone()
        } else {
            match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            }
        };
        let Ok(start) = std::fs::canonicalize(&start) else {
            continue;
        };
        let mut dir: Option<&Path> = Some(&start);
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                found.push(candidate);
                break;
            }
            if d.join(".git").exists() {
                break;
            }
            dir = d.parent();
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The manifest fields for the file at `path`: from the manifest whose folder holds it most
/// closely; none when no manifest holds it.
pub fn fields_for(manifests: &[Manifest], path: &Path) -> Vec<(Field, String)> {
    if manifests.is_empty() {
        return vec![];
    }
    let Ok(file) = std::fs::canonicalize(path) else {
        return vec![];
    };
    let best = manifests
        .iter()
        .filter_map(|m| file.strip_prefix(&m.dir).ok().map(|rel| (m, rel)))
        .max_by_key(|(m, _)| m.dir.components().count());
    match best {
        Some((m, rel)) => m.fields(&super::display_path(rel)),
        None => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn rules() -> LoadRules {
        LoadRules::compile(&RuleSet::embedded()).unwrap()
    }

    fn get(fields: &[(Field, String)], f: Field) -> Option<&str> {
        fields
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn file_key_beats_folder_key_beats_defaults() {
        let text = r#"
[defaults]
language = "en"
outlet = "Unknown Gazette"

[files."wire/"]
outlet = "Reuters"

[files."wire/deep/b.txt"]
published = 2024-02-03
title = "Harbour reopens"
"#;
        let m = parse(text, "crosscheck.toml", PathBuf::from("/x"), &rules()).unwrap();
        let f = m.fields("wire/deep/b.txt");
        assert_eq!(get(&f, Field::Outlet), Some("Reuters"));
        assert_eq!(get(&f, Field::Published), Some("2024-02-03"));
        assert_eq!(get(&f, Field::Language), Some("en"));
        let g = m.fields("other/c.txt");
        assert_eq!(get(&g, Field::Outlet), Some("Unknown Gazette"));
        assert_eq!(get(&g, Field::Title), None);
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let text = "[defaults]\noutlet = \"BBC\"\ntitle = \n";
        let e = parse(text, "c/crosscheck.toml", PathBuf::from("/x"), &rules())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c/crosscheck.toml:3:"), "{e}");
    }

    #[test]
    fn unknown_keys_and_bad_dates_are_errors() {
        let e = parse(
            "[files.\"a.txt\"]\noutlett = \"BBC\"\n",
            "m.toml",
            PathBuf::from("/x"),
            &rules(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("m.toml:2:") && e.contains("outlett"), "{e}");
        let e = parse(
            "[defaults]\npublished = \"soon\"\n",
            "m.toml",
            PathBuf::from("/x"),
            &rules(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("m.toml:2:13:"), "{e}");
    }

    #[test]
    fn keys_may_not_leave_the_folder() {
        let e = parse(
            "[files.\"../x.txt\"]\noutlet = \"BBC\"\n",
            "m.toml",
            PathBuf::from("/x"),
            &rules(),
        );
        assert!(e.is_err());
    }
}
