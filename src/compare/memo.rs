//! Memoised pair judgements, for incremental runs (`--cache DIR`, see `cache`).
//!
//! Owns: the fingerprints of prepared claims and of the families' items, the table of
//! judgements of one run (which pairs were judged and what each judge said), its compact
//! binary form, and [`judge_pairs`], which the families call instead of judging every
//! candidate pair themselves. Does not own: deciding which pairs are candidates (the
//! families), turning judgements into findings (`assemble`), nor where the table is
//! stored (`cache`).
//!
//! A judge reads its two items, their prepared claims (with everything the corpus-wide
//! passes put there: weak anchors, stories, surname ids), the claims' articles and the
//! rules. An item's fingerprint is a SHA-256 (cut to 128 bits) of all of that but the
//! rules (the cache keys the whole table by the rules' digest and the version): its
//! prepared claim's every field, the whole claim, the whole article, and the item's own
//! fields except its index. So a stored judgement is used only for a pair of items whose
//! fingerprints are both unchanged, and it is then what the judge would say. Anything
//! corpus-wide that a new article changes (a speaker resolved differently, an anchor
//! turned weak, an article's story) changes the fingerprints of the claims it touches,
//! and their pairs are judged again.

use super::{Ctx, Judgement, Prep};
use crate::model::FindingKind;
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// A 128-bit fingerprint.
pub(crate) type Fp = [u8; 16];

/// Which judge a table of judgements belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Site {
    /// `quotes::judge`.
    Quotes = 1,
    /// `polarity::judge_framed`.
    PolarityFramed = 2,
    /// `polarity::judge_plain`.
    PolarityPlain = 3,
    /// `polarity::judge_pivot`.
    PolarityPivot = 4,
}

/// One judge's table from a stored run: where each item fingerprint stands, and the
/// encoded pairs (by indices into the items), sorted by item, then partner.
#[derive(Default)]
struct Old {
    index: FxHashMap<Fp, u32>,
    count: u64,
    bytes: Vec<u8>,
}

/// One judge's table of this run: item fingerprints and the encoded pairs.
#[derive(Default)]
struct New {
    items: Vec<Fp>,
    count: u64,
    bytes: Vec<u8>,
}

/// The judgements of one run, to reuse in the next (see the module doc).
#[derive(Default)]
pub struct Judgements {
    old: BTreeMap<u8, Old>,
    new: Mutex<BTreeMap<u8, New>>,
    hits: std::sync::atomic::AtomicUsize,
    judged: std::sync::atomic::AtomicUsize,
}

impl std::fmt::Debug for Judgements {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Judgements")
            .field("tables", &self.old.len())
            .field("reused", &self.reused())
            .field("judged", &self.judged())
            .finish_non_exhaustive()
    }
}

impl Judgements {
    /// Judgements taken from the stored table in this run.
    pub fn reused(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Pairs judged afresh in this run.
    pub fn judged(&self) -> usize {
        self.judged.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// This run's judgements in their stored form (only those made or reused in this
    /// run: the table never grows beyond one corpus).
    pub fn to_bytes(&self) -> Vec<u8> {
        let new = self.new.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = Vec::new();
        out.extend_from_slice(&(new.len() as u32).to_le_bytes());
        for (site, t) in new.iter() {
            out.push(*site);
            out.extend_from_slice(&(t.items.len() as u32).to_le_bytes());
            for fp in &t.items {
                out.extend_from_slice(fp);
            }
            out.extend_from_slice(&t.count.to_le_bytes());
            out.extend_from_slice(&(t.bytes.len() as u64).to_le_bytes());
            out.extend_from_slice(&t.bytes);
        }
        out
    }

    /// Read a table written by [`Judgements::to_bytes`] (as the previous run's); None
    /// when the bytes are not such a table.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader { b: bytes, at: 0 };
        let tables = r.u32()?;
        let mut old = BTreeMap::new();
        for _ in 0..tables {
            let site = r.u8()?;
            let n = r.u32()? as usize;
            let mut index = FxHashMap::default();
            index.reserve(n.min(bytes.len() / 16));
            for i in 0..n {
                let fp: Fp = r.take(16)?.try_into().ok()?;
                index.entry(fp).or_insert(i as u32);
            }
            let count = r.u64()? as usize;
            let len = r.u64()? as usize;
            let body = r.take(len)?.to_vec();
            // Checked once here, so that the merge in `judge_pairs` reads sound bytes.
            let mut p = Reader { b: &body, at: 0 };
            let mut last: Option<u64> = None;
            for _ in 0..count {
                let (key, _) = next_pair(&mut p)?;
                if last.is_some_and(|l| l >= key) {
                    return None;
                }
                last = Some(key);
            }
            if p.at != body.len() {
                return None;
            }
            old.insert(
                site,
                Old {
                    index,
                    count: count as u64,
                    bytes: body,
                },
            );
        }
        (r.at == bytes.len()).then(|| Judgements {
            old,
            ..Judgements::default()
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// `rule` as a `&'static str`: the judges' rule names are static strings; one read back
/// from a table is kept for the rest of the process (there are a handful).
fn intern(rule: &str) -> &'static str {
    static RULES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut rules = RULES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(r) = rules.iter().find(|r| **r == rule) {
        return r;
    }
    let r: &'static str = Box::leak(rule.to_string().into_boxed_str());
    rules.push(r);
    r
}

fn encode(j: &Option<Judgement>, out: &mut Vec<u8>) {
    match j {
        None => out.push(0),
        Some(Judgement::Same(c)) => {
            out.push(1);
            out.extend_from_slice(&c.to_bits().to_le_bytes());
        }
        Some(Judgement::Differ {
            confidence,
            kind,
            rule,
        }) => {
            out.push(2);
            out.extend_from_slice(&confidence.to_bits().to_le_bytes());
            out.push(FindingKind::ALL.iter().position(|k| k == kind).unwrap_or(0) as u8);
            let r = &rule.as_bytes()[..rule.len().min(255)];
            out.push(r.len() as u8);
            out.extend_from_slice(r);
        }
    }
}

/// The next stored pair: its key (`a << 32 | b`) and where its judgement starts; the
/// reader is left after the judgement.
fn next_pair(r: &mut Reader) -> Option<(u64, usize)> {
    let a = r.u32()?;
    let b = r.u32()?;
    let at = r.at;
    match r.u8()? {
        0 => {}
        1 => {
            r.take(8)?;
        }
        2 => {
            r.take(9)?;
            let n = r.u8()? as usize;
            r.take(n)?;
        }
        _ => return None,
    }
    Some((u64::from(a) << 32 | u64::from(b), at))
}

fn decode(r: &mut Reader) -> Option<Option<Judgement>> {
    Some(match r.u8()? {
        0 => None,
        1 => Some(Judgement::Same(f64::from_bits(r.u64()?))),
        2 => {
            let confidence = f64::from_bits(r.u64()?);
            let kind = *FindingKind::ALL.get(r.u8()? as usize)?;
            let n = r.u8()? as usize;
            let rule = std::str::from_utf8(r.take(n)?).ok()?;
            Some(Judgement::Differ {
                confidence,
                kind,
                rule: intern(rule),
            })
        }
        _ => return None,
    })
}

/// Writes into a hasher (for serialising straight into it).
struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Feed `s` to `h`, length first (so that consecutive fields cannot run together).
pub(crate) fn put(h: &mut Sha256, s: &[u8]) {
    h.update((s.len() as u64).to_le_bytes());
    h.update(s);
}

fn put_opt(h: &mut Sha256, s: Option<&str>) {
    match s {
        Some(s) => {
            h.update([1]);
            put(h, s.as_bytes());
        }
        None => h.update([0]),
    }
}

fn cut(h: Sha256) -> Fp {
    let d = h.finalize();
    let mut fp = [0u8; 16];
    fp.copy_from_slice(&d[..16]);
    fp
}

/// The fingerprint of an article: all of it, as serialised.
pub(crate) fn article_fp(a: &crate::model::Article) -> Fp {
    let mut h = Sha256::new();
    // Serialising a loaded article cannot fail (plain data); if it did, the article's
    // claims would only share fingerprints with the same failure.
    let _ = serde_json::to_writer(HashWriter(&mut h), a);
    cut(h)
}

/// The fingerprint of a prepared claim: its article's, the whole claim, and every field
/// the corpus-wide passes and `prepare` set (tokens are a function of the content).
pub(crate) fn prep_fp(p: &Prep, article: Option<&Fp>) -> Fp {
    let mut h = Sha256::new();
    match article {
        Some(fp) => {
            h.update([1]);
            h.update(fp);
        }
        None => h.update([0]),
    }
    {
        let mut w = HashWriter(&mut h);
        let _ = serde_json::to_writer(&mut w, p.claim);
    }
    put(&mut h, p.source.as_bytes());
    put(&mut h, p.speaker.as_bytes());
    h.update((p.anchors.len() as u64).to_le_bytes());
    for a in &p.anchors {
        put(&mut h, a.key.as_bytes());
        put(&mut h, a.display.as_bytes());
        h.update((a.pos as u64).to_le_bytes());
        h.update((a.end as u64).to_le_bytes());
        h.update([u8::from(a.place), u8::from(a.locative), u8::from(a.weak)]);
    }
    put_opt(&mut h, p.event_date);
    h.update((p.places.len() as u64).to_le_bytes());
    for (k, d) in &p.places {
        put(&mut h, k.as_bytes());
        put(&mut h, d.as_bytes());
    }
    h.update([u8::from(p.hedged)]);
    put_opt(&mut h, p.speaker_anchor.as_deref());
    put_opt(&mut h, p.speaker_surname.as_deref());
    h.update((p.story.len() as u64).to_le_bytes());
    for s in p.story.iter() {
        put(&mut h, s.as_bytes());
    }
    cut(h)
}

/// Judge the candidate `pairs` of `items` (item indices, `a < b`) with `judge`, reusing
/// the stored judgement of a pair whose two items' fingerprints are unchanged; returns
/// the pairs with a judgement, in the order of `pairs`. `fields` feeds an item's own
/// fields (all but its prep index) to its fingerprint; `prep_of` gives its prep index.
/// Without a memo (no `--cache`) this is `pairs` judged in batches on the current thread
/// pool, gathered in the order of `pairs`.
pub(crate) fn judge_pairs<I: Sync>(
    ctx: &Ctx,
    site: Site,
    items: &[I],
    prep_of: impl Fn(&I) -> usize + Sync,
    fields: impl Fn(&I, &mut Sha256) + Sync,
    pairs: impl Iterator<Item = (usize, usize)>,
    judge: impl Fn(usize, usize) -> Option<Judgement> + Sync,
) -> super::Judged {
    use rayon::prelude::*;
    let Some(memo) = ctx.memo else {
        return judge_in_batches(pairs, &judge);
    };
    let fps: Vec<Fp> = items
        .par_iter()
        .map(|it| {
            let mut h = Sha256::new();
            h.update(ctx.preps[prep_of(it)].fp);
            fields(it, &mut h);
            cut(h)
        })
        .collect();
    let old = memo.old.get(&(site as u8));
    let at: Vec<Option<u32>> = match old {
        Some(o) => fps.iter().map(|f| o.index.get(f).copied()).collect(),
        None => vec![None; fps.len()],
    };
    let mut new = New::default();
    let mut out = super::Judged::default();
    let (mut hits, mut judged) = (0usize, 0usize);
    // The stored pairs are sorted by (item, partner), and so are `pairs`; the items of
    // unchanged claims keep their order, so one pass over the stored pairs meets each
    // pair that can be reused (a pair met out of order is only judged again).
    let mut cursor = old.map(|o| Reader { b: &o.bytes, at: 0 });
    let mut left = old.map_or(0, |o| o.count);
    let advance = |cursor: &mut Option<Reader>, left: &mut u64| -> Option<(u64, usize)> {
        if *left == 0 {
            return None;
        }
        *left -= 1;
        cursor.as_mut().and_then(next_pair)
    };
    let mut head = advance(&mut cursor, &mut left);
    for (a, b) in pairs {
        let stored = match (old, at[a], at[b]) {
            (Some(o), Some(x), Some(y)) => {
                let key = u64::from(x) << 32 | u64::from(y);
                while head.is_some_and(|(k, _)| k < key) {
                    head = advance(&mut cursor, &mut left);
                }
                match head {
                    Some((k, pos)) if k == key => decode(&mut Reader {
                        b: &o.bytes,
                        at: pos,
                    }),
                    _ => None,
                }
            }
            _ => None,
        };
        let j = match stored {
            Some(j) => {
                hits += 1;
                j
            }
            None => {
                judged += 1;
                judge(a, b)
            }
        };
        new.bytes.extend_from_slice(&(a as u32).to_le_bytes());
        new.bytes.extend_from_slice(&(b as u32).to_le_bytes());
        encode(&j, &mut new.bytes);
        new.count += 1;
        if let Some(j) = j {
            out.push(a, b, j);
        }
    }
    new.items = fps;
    use std::sync::atomic::Ordering::Relaxed;
    memo.hits.fetch_add(hits, Relaxed);
    memo.judged.fetch_add(judged, Relaxed);
    memo.new
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(site as u8, new);
    out
}

/// Pairs taken from the (serial) candidate iterator at a time: enough to keep every
/// worker busy, few enough that the batch and its judgements stay small (a few MB).
const BATCH: usize = 1 << 15;

/// `pairs` judged by `judge` on the current thread pool, a batch at a time; the judged
/// pairs are kept in the order of `pairs`, whatever the number of threads.
pub(crate) fn judge_in_batches(
    mut pairs: impl Iterator<Item = (usize, usize)>,
    judge: &(impl Fn(usize, usize) -> Option<Judgement> + Sync),
) -> super::Judged {
    use rayon::prelude::*;
    let mut out = super::Judged::default();
    let mut batch: Vec<(usize, usize)> = Vec::with_capacity(BATCH);
    loop {
        batch.clear();
        batch.extend(pairs.by_ref().take(BATCH));
        if batch.is_empty() {
            return out;
        }
        let judged: Vec<Option<Judgement>> = batch
            .par_iter()
            .with_min_len(256)
            .map(|&(a, b)| judge(a, b))
            .collect();
        for (&(a, b), j) in batch.iter().zip(judged) {
            if let Some(j) = j {
                out.push(a, b, j);
            }
        }
    }
}

/// Feed a list of words to `h`.
pub(crate) fn put_words<S: AsRef<str>>(h: &mut Sha256, words: impl ExactSizeIterator<Item = S>) {
    h.update((words.len() as u64).to_le_bytes());
    for w in words {
        put(h, w.as_ref().as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::compare::{compare_all, compare_all_memo};
    use crate::model::{Claim, QuoteKind};

    fn claims() -> Vec<Claim> {
        let q = "We will not sign any deal that closes the northern harbour";
        vec![
            claim("a", 1, "Maria Lopez", QuoteKind::Direct, q),
            claim(
                "b",
                1,
                "Maria Lopez",
                QuoteKind::Direct,
                "We will not sign any deal that closes the southern harbour",
            ),
            claim(
                "a",
                2,
                "Someone",
                QuoteKind::Indirect,
                "no agreement was reached at the Geneva talks with Okafor",
            ),
            claim(
                "b",
                2,
                "Someone",
                QuoteKind::Indirect,
                "an agreement was reached at the Geneva talks with Okafor",
            ),
            claim(
                "c",
                1,
                "Someone",
                QuoteKind::Indirect,
                "the Harlow council approved the new budget for the river port",
            ),
        ]
    }

    /// Through the stored form, as the cache does between runs.
    fn stored(j: &Judgements) -> Judgements {
        Judgements::from_bytes(&j.to_bytes()).expect("reads back")
    }

    #[test]
    fn memoised_runs_find_what_cold_runs_find_as_the_corpus_grows() {
        let rules = rules();
        let arts = vec![
            article("a", "Alpha News", None, "2025-12-01"),
            article("b", "Beta Times", None, "2025-12-02"),
            article("c", "Gamma Post", None, "2025-12-03"),
            article("d", "Delta Daily", None, "2025-12-04"),
        ];
        let mut cs = claims();
        let first = Judgements::default();
        let got = compare_all_memo(&arts, &cs, &rules, &first);
        assert_eq!(got, compare_all(&arts, &cs, &rules));
        assert!(first.judged() > 0 && first.reused() == 0, "{first:?}");

        // A new article: a misattribution of the quote and a contradiction of the budget
        // claim. The unchanged pairs come from the memo.
        cs.push(claim(
            "d",
            1,
            "Tom Berg",
            QuoteKind::Direct,
            "We will not sign any deal that closes the northern harbour",
        ));
        cs.push(claim(
            "d",
            2,
            "Someone",
            QuoteKind::Indirect,
            "the Harlow council rejected the new budget for the river port",
        ));
        let second = stored(&first);
        let got = compare_all_memo(&arts, &cs, &rules, &second);
        let want = compare_all(&arts, &cs, &rules);
        assert_eq!(got, want);
        assert!(second.reused() > 0, "{second:?}");
        assert!(second.judged() > 0, "{second:?}");

        // Speaker resolution changed an existing claim (a new name variant elsewhere):
        // its pairs are judged again, and the findings follow.
        cs[1].speaker.name = "Tom Berg".into();
        let third = stored(&second);
        let got = compare_all_memo(&arts, &cs, &rules, &third);
        let want2 = compare_all(&arts, &cs, &rules);
        assert_ne!(want, want2, "the speaker change matters");
        assert_eq!(got, want2);
        assert!(third.judged() > 0, "{third:?}");

        // Unchanged: every judgement is reused.
        let fourth = stored(&third);
        assert_eq!(compare_all_memo(&arts, &cs, &rules, &fourth), want2);
        assert_eq!(fourth.judged(), 0, "{fourth:?}");
        assert!(fourth.reused() > 0);
    }

    #[test]
    fn judgements_round_trip_exactly_and_damage_is_refused() {
        let j = Judgements::default();
        let mut t = New {
            items: vec![[1; 16], [2; 16], [3; 16]],
            ..New::default()
        };
        let cases = [
            None,
            Some(Judgement::Same(0.1 + 0.2)),
            Some(Judgement::Differ {
                confidence: 0.6 + 0.3 * (2.0 / 7.0),
                kind: FindingKind::Misattribution,
                rule: "misattribution",
            }),
        ];
        for (k, c) in cases.iter().enumerate() {
            t.bytes.extend_from_slice(&(k as u32).to_le_bytes());
            t.bytes.extend_from_slice(&(2u32).to_le_bytes());
            encode(c, &mut t.bytes);
            t.count += 1;
        }
        j.new.lock().unwrap().insert(Site::Quotes as u8, t);
        let bytes = j.to_bytes();
        let back = Judgements::from_bytes(&bytes).expect("reads back");
        let old = &back.old[&(Site::Quotes as u8)];
        assert_eq!(old.index.len(), 3);
        let mut r = Reader {
            b: &old.bytes,
            at: 0,
        };
        for (k, c) in cases.iter().enumerate() {
            let (key, pos) = next_pair(&mut r).expect("a pair");
            assert_eq!(key, (k as u64) << 32 | 2);
            let got = decode(&mut Reader {
                b: &old.bytes,
                at: pos,
            })
            .expect("decodes");
            match (c, &got) {
                (None, None) => {}
                (Some(Judgement::Same(x)), Some(Judgement::Same(y))) => {
                    assert_eq!(x.to_bits(), y.to_bits())
                }
                (
                    Some(Judgement::Differ {
                        confidence: x,
                        kind: k1,
                        rule: r1,
                    }),
                    Some(Judgement::Differ {
                        confidence: y,
                        kind: k2,
                        rule: r2,
                    }),
                ) => {
                    assert_eq!(x.to_bits(), y.to_bits());
                    assert_eq!((k1, r1), (k2, r2));
                }
                _ => panic!("{c:?} read back as {got:?}"),
            }
        }
        // Cut short, or one byte too many: not a table.
        assert!(Judgements::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Judgements::from_bytes(&longer).is_none());
        assert!(Judgements::from_bytes(b"garbage").is_none());
    }
}
