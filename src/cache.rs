//! The extraction cache of `--cache DIR`: each article's claims (the output of `segment`
//! and `extract`), stored under a key made of the crosscheck version, the digest of the
//! rules in force and everything about the loaded article that extraction reads (id,
//! format, text, content spans, first line, metadata). An unchanged article under the same
//! rules and version is never re-extracted; anything else is a miss and is extracted
//! afresh. `resolve` and `compare` always run over the whole corpus.
//!
//! Layout: `DIR/v1/ab/abcdef….json`, one file per article, written to a temporary file
//! and renamed, so parallel runs and interrupted runs never leave half an entry. An entry
//! that cannot be read or parsed is a miss. Old entries are never removed automatically:
//! delete the folder to reclaim space.
//!
//! Owns: keys, entries and hit counting. Does not own: running the stages (`pipeline`).

use crate::error::{Error, Result};
use crate::model::{Article, Claim};
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const ENTRY_SCHEMA: &str = "crosscheck/cache/v1";

#[derive(Serialize, Deserialize)]
struct Entry {
    schema: String,
    claims: Vec<Claim>,
}

/// How the cache did in one run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Articles whose claims came from the cache.
    pub hits: usize,
    /// Articles extracted afresh.
    pub misses: usize,
    /// Entries that could not be written (the run goes on without them).
    pub write_errors: usize,
}

/// An open extraction cache.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    salt: [u8; 32],
    hits: AtomicUsize,
    misses: AtomicUsize,
    write_errors: AtomicUsize,
}

impl Cache {
    /// Open (creating it if needed) the cache in `dir` for the rules in `rules`.
    pub fn open(dir: &Path, rules: &RuleSet) -> Result<Self> {
        let root = dir.join("v1");
        std::fs::create_dir_all(&root).map_err(|e| Error::io(&root, e))?;
        let mut h = Sha256::new();
        h.update(b"crosscheck-cache/v1\0");
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update([0]);
        h.update(rules.digest().to_le_bytes());
        Ok(Cache {
            dir: root,
            salt: h.finalize().into(),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            write_errors: AtomicUsize::new(0),
        })
    }

    /// The key of `article`: 64 hex digits.
    pub fn key(&self, article: &Article) -> String {
        let mut h = Sha256::new();
        let mut field = |b: &[u8]| {
            h.update((b.len() as u64).to_le_bytes());
            h.update(b);
        };
        field(&self.salt);
        field(article.id.as_bytes());
        field(format!("{:?}", article.format).as_bytes());
        field(article.text.as_bytes());
        let spans: Vec<u8> = article
            .content
            .iter()
            .flat_map(|s| [(s.start as u64).to_le_bytes(), (s.end as u64).to_le_bytes()])
            .flatten()
            .collect();
        field(&spans);
        field(&(article.first_line as u64).to_le_bytes());
        field(
            serde_json::to_string(&article.meta)
                .unwrap_or_default()
                .as_bytes(),
        );
        crate::baseline::hex(&h.finalize())
    }

    fn path_of(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    /// The claims of `article` from the cache, or from `extract` (then stored).
    pub fn get_or_extract(
        &self,
        article: &Article,
        extract: impl FnOnce() -> Vec<Claim>,
    ) -> Vec<Claim> {
        let key = self.key(article);
        let path = self.path_of(&key);
        if let Some(claims) = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Entry>(&b).ok())
            .filter(|e| e.schema == ENTRY_SCHEMA)
            .map(|e| e.claims)
        {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return claims;
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let claims = extract();
        if self.store(&path, &claims).is_err() {
            self.write_errors.fetch_add(1, Ordering::Relaxed);
        }
        claims
    }

    fn store(&self, path: &Path, claims: &[Claim]) -> std::io::Result<()> {
        let entry = Entry {
            schema: ENTRY_SCHEMA.into(),
            claims: claims.to_vec(),
        };
        let bytes = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        std::fs::create_dir_all(parent)?;
        let mut tmp = tempfile_in(parent)?;
        std::io::Write::write_all(&mut tmp.1, &bytes)?;
        drop(tmp.1);
        std::fs::rename(&tmp.0, path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp.0);
        })
    }

    /// Hits, misses and write errors so far.
    pub fn stats(&self) -> Stats {
        Stats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            write_errors: self.write_errors.load(Ordering::Relaxed),
        }
    }
}

/// A new file in `dir` with a name no other writer uses.
fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".tmp-{}-{n}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    fn claim(article: &str) -> Claim {
        serde_json::from_value(serde_json::json!({
            "id": format!("{article}#1"), "article": article,
            "speaker": {"text": "she", "name": "Ana Diaz", "kind": "person"},
            "cue": "said", "cue_class": "neutral", "quote": "indirect",
            "content": "the bridge reopens on Monday", "content_span": [0, 5], "span": [0, 9],
            "line": 1, "cited_outlet": null, "date": null
        }))
        .unwrap()
    }

    #[test]
    fn second_lookup_is_a_hit_and_skips_extraction() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), &RuleSet::embedded()).unwrap();
        let a = Article::new("a", "a.txt", Format::Text, "Ana Diaz said so.".into());
        let first = cache.get_or_extract(&a, || vec![claim("a")]);
        let second = cache.get_or_extract(&a, || panic!("extracted twice"));
        assert_eq!(first, second);
        assert_eq!(
            cache.stats(),
            Stats {
                hits: 1,
                misses: 1,
                write_errors: 0
            }
        );
    }

    #[test]
    fn keys_change_with_text_id_metadata_and_rules() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), &RuleSet::embedded()).unwrap();
        let a = Article::new("a", "a.txt", Format::Text, "x said y".into());
        let k = cache.key(&a);
        let mut b = a.clone();
        b.text.push('!');
        assert_ne!(cache.key(&b), k);
        let mut b = a.clone();
        b.id = "b".into();
        assert_ne!(cache.key(&b), k);
        let mut b = a.clone();
        b.meta.published = Some("2025-12-03".into());
        assert_ne!(cache.key(&b), k);
        let mut b = a.clone();
        b.path = "elsewhere/a.txt".into();
        assert_eq!(cache.key(&b), k, "the path is not read by extraction");
        let other = Cache::open(dir.path(), &RuleSet::default()).unwrap();
        assert_ne!(other.key(&a), k);
    }

    #[test]
    fn a_corrupt_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), &RuleSet::embedded()).unwrap();
        let a = Article::new("a", "a.txt", Format::Text, "x said y".into());
        let path = cache.path_of(&cache.key(&a));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "{not json").unwrap();
        let claims = cache.get_or_extract(&a, || vec![claim("a")]);
        assert_eq!(claims.len(), 1);
        assert_eq!(cache.stats().misses, 1);
        // And it was repaired.
        assert_eq!(cache.get_or_extract(&a, Vec::new).len(), 1);
    }
}
