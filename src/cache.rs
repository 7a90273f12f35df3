//! The extraction cache of `--cache DIR`: each article's claims (the output of `segment`
//! and `extract`), stored under a key made of the crosscheck version, the digest of the
//! rules in force and everything about the loaded article that extraction reads (id,
//! format, text, content spans, first line, metadata). An unchanged article under the same
//! rules and version is never re-extracted; anything else is a miss and is extracted
//! afresh. The per-article part of `resolve` is stored too (`DIR/v1/local.pack`, one
//! file: the last run's results by article key, see [`Local`]); speaker clustering and
//! `compare` run over the whole corpus unless the run memo (below) holds it.
//!
//! Layout: `DIR/v1/ab/abcdef….json`, one file per article, written to a temporary file
//! and renamed, so parallel runs and interrupted runs never leave half an entry. An entry
//! that cannot be read or parsed is a miss. Old entries are never removed automatically:
//! delete the folder to reclaim space.
//!
//! The run memo (`DIR/v1/run.memo`, one file, the last run only) stores the whole
//! result of `resolve` and `compare` (every finding, before the confidence threshold),
//! keyed by the version, the rules' digest and the sequence of every article's key and
//! status: a run over an unchanged corpus skips resolving and comparing. The file opens
//! with one line naming its schema and key, so a run over another corpus reads one line
//! of it and no more; it is read before any extraction entry. A memo or pack that does
//! not parse is ignored (counted in [`Stats::corrupt`], the caller warns) and rewritten.
//!
//! Owns: keys, entries, the run memo and hit counting. Does not own: running the stages
//! (`pipeline`).

use crate::error::{Error, Result};
use crate::model::{Article, Claim, Finding, Place, Quantity, SharedStr};
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const ENTRY_SCHEMA: &str = "crosscheck/cache/v1";
const RUN_SCHEMA: &str = "crosscheck/cache/run/v1";
const LOCAL_SCHEMA: &str = "crosscheck/cache/local/v1";
/// Bumped whenever a memoised judge (`compare::memo`) changes what it says.
const JUDGE_SCHEMA: &str = "crosscheck/cache/judge/v2";

/// What the per-article part of `resolve` ([`crate::resolve::resolve_local`]) set on
/// one claim: a function of the claim's article and its extracted claims, so of the
/// article's [`Cache::key`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Local {
    /// The canonical cited outlet.
    pub cited_outlet: Option<String>,
    /// The claim's date.
    pub date: Option<String>,
    /// Where the date came from.
    pub date_source: Option<String>,
    /// Places in the content.
    pub places: Vec<Place>,
    /// Quantities in the content.
    pub quantities: Vec<Quantity>,
}

impl Local {
    /// What `resolve_local` set on `c`.
    pub fn of(c: &Claim) -> Self {
        Local {
            cited_outlet: c.cited_outlet.as_deref().map(str::to_string),
            date: c.date.as_deref().map(str::to_string),
            date_source: c.date_source.as_deref().map(str::to_string),
            places: c.places.clone(),
            quantities: c.quantities.clone(),
        }
    }

    /// Set it on `c` (a claim as extracted, with the same article key).
    pub fn apply(self, c: &mut Claim) {
        c.cited_outlet = self.cited_outlet.as_deref().map(SharedStr::pooled);
        c.date = self.date.as_deref().map(SharedStr::pooled);
        c.date_source = self.date_source.as_deref().map(SharedStr::pooled);
        c.places = self.places;
        c.quantities = self.quantities;
    }

    /// Whether JSON holds it exactly (no NaN or infinite quantity).
    fn storable(&self) -> bool {
        self.quantities.iter().all(|q| q.value.is_finite())
    }
}

/// The run memo's body (after its first line).
#[derive(Serialize, Deserialize)]
struct RunEntry {
    claims: Vec<Claim>,
    findings: Vec<Finding>,
}

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
    /// Entries (or the run memo) that were there but could not be read: ignored, rebuilt.
    pub corrupt: usize,
    /// Whether the run memo held this corpus (resolving and comparing were skipped).
    pub run_hit: bool,
}

/// An open extraction cache.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    salt: [u8; 32],
    hits: AtomicUsize,
    misses: AtomicUsize,
    write_errors: AtomicUsize,
    corrupt: AtomicUsize,
    run_hit: std::sync::atomic::AtomicBool,
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
            corrupt: AtomicUsize::new(0),
            run_hit: std::sync::atomic::AtomicBool::new(false),
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
        self.get_or_extract_keyed(&self.key(article), extract)
    }

    /// [`Cache::get_or_extract`] for an article whose [`Cache::key`] is `key`.
    pub fn get_or_extract_keyed(
        &self,
        key: &str,
        extract: impl FnOnce() -> Vec<Claim>,
    ) -> Vec<Claim> {
        let path = self.path_of(key);
        if let Ok(bytes) = std::fs::read(&path) {
            match serde_json::from_slice::<Entry>(&bytes) {
                Ok(e) if e.schema == ENTRY_SCHEMA => {
                    self.hits.fetch_add(1, Ordering::Relaxed);
                    return e.claims;
                }
                _ => {
                    self.corrupt.fetch_add(1, Ordering::Relaxed);
                }
            }
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
        write_atomically(path, &bytes)
    }

    /// The key of a whole corpus for the run memo: 64 hex digits over the salt and, in
    /// order, each article's [`Cache::key`] and status. Everything `resolve` and
    /// `compare` read of the articles is in their keys; their claims are a function of
    /// the keys (extraction is).
    pub fn run_key(&self, articles: &[Article]) -> String {
        self.run_key_of(articles, &self.keys(articles))
    }

    /// Every article's [`Cache::key`], in order (in parallel on the current pool).
    pub fn keys(&self, articles: &[Article]) -> Vec<String> {
        use rayon::prelude::*;
        articles.par_iter().map(|a| self.key(a)).collect()
    }

    /// [`Cache::run_key`] from the articles' keys (`keys[i]` is `articles[i]`'s).
    pub fn run_key_of(&self, articles: &[Article], keys: &[String]) -> String {
        let mut h = Sha256::new();
        h.update(b"run\0");
        h.update(self.salt);
        h.update((articles.len() as u64).to_le_bytes());
        for (a, k) in articles.iter().zip(keys) {
            h.update(k.as_bytes());
            let status = format!("{:?}", a.status);
            h.update((status.len() as u64).to_le_bytes());
            h.update(status.as_bytes());
        }
        crate::baseline::hex(&h.finalize())
    }

    fn run_path(&self) -> PathBuf {
        self.dir.join("run.memo")
    }

    /// The resolved claims and every finding (before the threshold) of the corpus with
    /// run key `key`, when the memo holds it.
    pub fn load_run(&self, key: &str) -> Option<(Vec<Claim>, Vec<Finding>)> {
        let bytes = std::fs::read(self.run_path()).ok()?;
        let head = format!("{RUN_SCHEMA} {key}\n");
        if !bytes.starts_with(head.as_bytes()) {
            // Another corpus (or an older schema): a plain miss, unless the first line
            // is not even a memo's.
            if !bytes.starts_with(format!("{RUN_SCHEMA} ").as_bytes()) {
                self.corrupt.fetch_add(1, Ordering::Relaxed);
            }
            return None;
        }
        match serde_json::from_slice::<RunEntry>(&bytes[head.len()..]) {
            Ok(e) => {
                self.run_hit.store(true, Ordering::Relaxed);
                Some((e.claims, e.findings))
            }
            Err(_) => {
                self.corrupt.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// Remember the resolved claims and every finding of the corpus with run key `key`
    /// (replacing the previous run's memo).
    pub fn store_run(&self, key: &str, claims: &[Claim], findings: &[Finding]) {
        #[derive(Serialize)]
        struct RunRef<'a> {
            claims: &'a [Claim],
            findings: &'a [Finding],
        }
        let mut bytes = format!("{RUN_SCHEMA} {key}\n").into_bytes();
        let ok = serde_json::to_writer(&mut bytes, &RunRef { claims, findings }).is_ok()
            && write_atomically(&self.run_path(), &bytes).is_ok();
        if !ok {
            self.write_errors.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn local_path(&self) -> PathBuf {
        self.dir.join("local.pack")
    }

    /// The per-article resolve results of the last run that stored them, by article key
    /// (empty when there are none or the file cannot be read; a damaged file is counted
    /// in [`Stats::corrupt`]).
    pub fn load_locals(&self) -> HashMap<String, Vec<Local>> {
        let Ok(bytes) = std::fs::read(self.local_path()) else {
            return HashMap::new();
        };
        let head = format!("{LOCAL_SCHEMA}\n");
        let parsed = bytes
            .strip_prefix(head.as_bytes())
            .and_then(|body| serde_json::from_slice::<HashMap<String, Vec<Local>>>(body).ok());
        parsed.unwrap_or_else(|| {
            self.corrupt.fetch_add(1, Ordering::Relaxed);
            HashMap::new()
        })
    }

    /// Remember the per-article resolve results of this run, by article key (replacing
    /// the previous run's).
    pub fn store_locals(&self, locals: &BTreeMap<&str, Vec<Local>>) {
        let keep: BTreeMap<&str, &Vec<Local>> = locals
            .iter()
            .filter(|(_, v)| v.iter().all(Local::storable))
            .map(|(k, v)| (*k, v))
            .collect();
        let mut bytes = format!("{LOCAL_SCHEMA}\n").into_bytes();
        let ok = serde_json::to_writer(&mut bytes, &keep).is_ok()
            && write_atomically(&self.local_path(), &bytes).is_ok();
        if !ok {
            self.write_errors.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn judge_path(&self) -> PathBuf {
        self.dir.join("judge.memo")
    }

    /// The comparer's judgements of the last run that stored them under the same
    /// version and rules (empty when there are none; a damaged file is counted in
    /// [`Stats::corrupt`]). Binary: a first line `crosscheck/cache/judge/v2 <salt>`,
    /// then the table of `compare::memo::Judgements::to_bytes`.
    pub fn load_judgements(&self) -> crate::compare::memo::Judgements {
        use crate::compare::memo::Judgements;
        let Ok(bytes) = std::fs::read(self.judge_path()) else {
            return Judgements::default();
        };
        let head = format!("{JUDGE_SCHEMA} {}\n", crate::baseline::hex(&self.salt));
        let Some(body) = bytes.strip_prefix(head.as_bytes()) else {
            // Another version or other rules: a plain miss, unless the first line is not
            // even a judgement table's.
            if !bytes.starts_with(format!("{JUDGE_SCHEMA} ").as_bytes()) {
                self.corrupt.fetch_add(1, Ordering::Relaxed);
            }
            return Judgements::default();
        };
        Judgements::from_bytes(body).unwrap_or_else(|| {
            self.corrupt.fetch_add(1, Ordering::Relaxed);
            Judgements::default()
        })
    }

    /// Remember this run's judgements (replacing the previous run's).
    pub fn store_judgements(&self, judgements: &crate::compare::memo::Judgements) {
        let mut bytes =
            format!("{JUDGE_SCHEMA} {}\n", crate::baseline::hex(&self.salt)).into_bytes();
        bytes.extend_from_slice(&judgements.to_bytes());
        if write_atomically(&self.judge_path(), &bytes).is_err() {
            self.write_errors.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Hits, misses and write errors so far.
    pub fn stats(&self) -> Stats {
        Stats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            write_errors: self.write_errors.load(Ordering::Relaxed),
            corrupt: self.corrupt.load(Ordering::Relaxed),
            run_hit: self.run_hit.load(Ordering::Relaxed),
        }
    }
}

/// Write `bytes` to `path` through a temporary file in the same folder and a rename, so
/// readers never see half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let Some(parent) = path.parent() else {
        return Ok(());
    };
    std::fs::create_dir_all(parent)?;
    let mut tmp = tempfile_in(parent)?;
    let written = std::io::Write::write_all(&mut tmp.1, bytes);
    drop(tmp.1);
    written
        .and_then(|()| std::fs::rename(&tmp.0, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp.0);
        })
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
                ..Stats::default()
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
    fn the_run_memo_is_keyed_by_every_article_and_survives_damage() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), &RuleSet::embedded()).unwrap();
        let a = Article::new("a", "a.txt", Format::Text, "Ana Diaz said so.".into());
        let b = Article::new("b", "b.txt", Format::Text, "Bo Lin said no.".into());
        let key = cache.run_key(&[a.clone(), b.clone()]);
        assert_ne!(
            key,
            cache.run_key(std::slice::from_ref(&a)),
            "an article removed"
        );
        assert_ne!(key, cache.run_key(&[b.clone(), a.clone()]), "another order");
        let mut b2 = b.clone();
        b2.text.push('!');
        assert_ne!(key, cache.run_key(&[a.clone(), b2]), "an article edited");
        assert!(cache.load_run(&key).is_none());
        cache.store_run(&key, &[claim("a")], &[]);
        let (claims, findings) = cache.load_run(&key).unwrap();
        assert_eq!((claims, findings.len()), (vec![claim("a")], 0));
        assert!(cache.stats().run_hit);
        // Another corpus: a plain miss, not damage.
        assert!(cache.load_run(&cache.run_key(&[a])).is_none());
        assert_eq!(cache.stats().corrupt, 0);
        // A body cut short: damage, counted.
        let path = cache.run_path();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        assert!(cache.load_run(&key).is_none());
        assert_eq!(cache.stats().corrupt, 1);
    }

    #[test]
    fn per_article_resolve_results_round_trip_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), &RuleSet::embedded()).unwrap();
        assert!(cache.load_locals().is_empty(), "nothing stored yet");
        assert_eq!(cache.stats().corrupt, 0, "a missing file is no damage");
        let mut c = claim("a");
        c.date = Some("2025-12-02".into());
        c.quantities = vec![Quantity {
            text: "0.1 percent".into(),
            value: 0.1 + 0.2,
            unit: Some("percent".into()),
            span: crate::model::Span::new(0, 11),
        }];
        let mut nan = c.clone();
        nan.quantities[0].value = f64::NAN;
        let mut now = BTreeMap::new();
        now.insert("k1", vec![Local::of(&c)]);
        now.insert("k2", vec![Local::of(&nan)]);
        now.insert("k3", vec![]);
        cache.store_locals(&now);
        let back = cache.load_locals();
        assert_eq!(back.get("k1"), Some(&vec![Local::of(&c)]), "floats exact");
        assert!(
            !back.contains_key("k2"),
            "a value JSON cannot hold is left out"
        );
        assert_eq!(back.get("k3"), Some(&vec![]));
        let mut fresh = claim("a");
        back["k1"][0].clone().apply(&mut fresh);
        assert_eq!(fresh, c);
        // Damage: ignored, counted.
        std::fs::write(cache.local_path(), "crosscheck/cache/local/v1\n{\"k1\": [").unwrap();
        assert!(cache.load_locals().is_empty());
        assert_eq!(cache.stats().corrupt, 1);
        std::fs::write(cache.local_path(), "garbage").unwrap();
        assert!(cache.load_locals().is_empty());
        assert_eq!(cache.stats().corrupt, 2);
    }

    #[test]
    fn keys_from_the_pool_match_one_by_one_keys() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), &RuleSet::embedded()).unwrap();
        let arts = [
            Article::new("a", "a.txt", Format::Text, "Ana Diaz said so.".into()),
            Article::new("b", "b.txt", Format::Text, "Bo Lin said no.".into()),
        ];
        let keys = cache.keys(&arts);
        assert_eq!(keys, vec![cache.key(&arts[0]), cache.key(&arts[1])]);
        assert_eq!(cache.run_key_of(&arts, &keys), cache.run_key(&arts));
        let a = &arts[0];
        let first = cache.get_or_extract_keyed(&keys[0], || vec![claim("a")]);
        assert_eq!(cache.get_or_extract(a, || panic!("a hit")), first);
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
        assert_eq!(cache.stats().corrupt, 1);
        // And it was repaired.
        assert_eq!(cache.get_or_extract(&a, Vec::new).len(), 1);
    }
}
