//! The numbers family: quantities in quantity frames ("28-point plan", "27 points",
//! "about 1,100 jobs") compared across articles.
//!
//! An item is a quantity whose unit a quantity frame lists, with one of the frame's
//! keywords within the frame's window. Items are blocked by frame and unit. Two items are
//! about the same thing unless named qualifiers next to the numbers differ ("the EU's
//! 12-point plan" vs "the US 28-point plan"). Equal values agree; different values are
//! an **update** when a change word ("reduced to", "now", "originally") stands near either
//! number or the claims' own dates differ, else a **contradiction** (`numeric`).
//! Approximate numbers ("about 300") agree within the tolerance and contradict only
//! beyond twice the tolerance.
//!
//! A number whose unit no frame lists is an **open quantity** ("6,400 people had been
//! displaced"): it is compared with the same unit in the same story by its context, the
//! stemmed content words around it. Equal values agree on one shared context stem;
//! different values need two (`[numbers] open_*` in `rules/frames.toml`), since a shared
//! unit and one word ("300 tonnes of copper a day" / "118,000 tonnes of copper in 2025")
//! do not make two numbers about the same thing.

use super::text::{Tok, stem};
use super::{
    Ctx, Family, FamilyOut, FrameKind, Judgement, assemble, candidate_pairs, named_apart,
    same_story, unit_key,
};
use crate::model::FindingKind;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// The frame index of an open quantity (in no frame of the rules).
const OPEN: usize = usize::MAX;
/// How far (in tokens) from an open quantity its context words are looked for.
const OPEN_REACH: usize = 10;

struct Item {
    prep: usize,
    /// Index into the rules' frames, or [`OPEN`].
    frame: usize,
    /// Open quantities: the context stems around the number with a word as written
    /// (folded) for each, sorted by stem; empty for framed quantities.
    context: Vec<(String, String)>,
    value: f64,
    unit: String,
    qualifiers: BTreeSet<String>,
    approx: bool,
    /// Timeline rank: 0 past ("originally"), 1 plain, 2 changed ("reduced to"), 3 now.
    rank: u8,
    changing: bool,
}

/// Numbers written in digits in `toks` with the unit noun after them, for claims the
/// resolver gave no quantities: (token position, value, unit).
fn fallback(toks: &[Tok]) -> Vec<(usize, f64, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        i += 1;
        let (num, rest) = match t.norm.split_once('-') {
            Some((n, u)) => (n, Some(u)),
            None => (t.norm.as_str(), None),
        };
        let mut digits: String = num.chars().filter(|c| *c != ',').collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
            continue;
        }
        // "1,400" is tokenized "1" and "400": groups of three digits right after a comma
        // belong to the number.
        let at = i - 1;
        let mut end = t.end;
        while rest.is_none()
            && !digits.contains('.')
            && toks.get(i).is_some_and(|n| {
                n.start == end + 1
                    && n.norm.len() == 3
                    && n.norm.bytes().all(|b| b.is_ascii_digit())
            })
        {
            digits.push_str(&toks[i].norm);
            end = toks[i].end;
            i += 1;
        }
        let Ok(value) = digits.parse::<f64>() else {
            continue;
        };
        // A word after a comma is no unit ("about 1,400, far below"): the unit is then
        // empty, and the figure counts what its clause names before it, if anything.
        let unit = match rest {
            Some(u) => u.to_string(),
            None => match toks.get(i) {
                Some(n) if n.breaks => String::new(),
                Some(n) => n.norm.to_string(),
                None => String::new(),
            },
        };
        out.push((at, value, unit_key(&unit)));
    }
    out
}

/// Token position of the quantity written `text` in `toks` (by byte offset in content).
fn position(content: &str, toks: &[Tok], text: &str) -> Option<usize> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let lower = content.to_lowercase();
    let at = lower.find(&text.to_lowercase())?;
    toks.iter().position(|t| t.end as usize > at)
}

fn format_value(v: f64, unit: &str) -> String {
    let n = if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v}")
    };
    if unit == "percent" {
        return format!("{n} %");
    }
    let unit = if (v - 1.0).abs() < 1e-9 || unit.ends_with('s') || unit == "people" {
        unit.to_string()
    } else if let Some(s) = unit
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{s}ies")
    } else {
        format!("{unit}s")
    };
    format!("{n} {unit}")
}

struct Numbers<'c, 'a> {
    ctx: &'c Ctx<'a>,
    items: Vec<Item>,
}

impl Family for Numbers<'_, '_> {
    fn prep(&self, i: usize) -> usize {
        self.items[i].prep
    }
    fn value(&self, i: usize) -> String {
        let it = &self.items[i];
        let v = format_value(it.value, &it.unit);
        if it.approx { format!("about {v}") } else { v }
    }
    fn topic(&self, items: &[usize]) -> String {
        let Some(&first) = items.first() else {
            return String::new();
        };
        let unit = format_value(2.0, &self.items[first].unit);
        let unit = unit.trim_start_matches("2 ");
        let Some(f) = self.ctx.rules.frames.get(self.items[first].frame) else {
            let what = if unit == "%" {
                "percentage".to_string()
            } else {
                format!("number of {unit}")
            };
            // An open quantity: its unit and the context words all items share.
            let shared: Vec<&str> = self.items[first]
                .context
                .iter()
                .filter(|(st, _)| {
                    items
                        .iter()
                        .all(|&i| self.items[i].context.iter().any(|(o, _)| o == st))
                })
                .map(|(_, w)| w.as_str())
                .collect();
            return if shared.is_empty() {
                what
            } else {
                format!("{what} ({})", shared.join(", "))
            };
        };
        let base = f.topic.replace("{units}", unit);
        // Qualifiers every item shares make the topic precise.
        let mut shared: Option<BTreeSet<String>> = None;
        for &i in items {
            let q = &self.items[i].qualifiers;
            shared = Some(match shared {
                None => q.clone(),
                Some(s) => s.intersection(q).cloned().collect(),
            });
        }
        let shared = shared.unwrap_or_default();
        if shared.is_empty() {
            base
        } else {
            let names: Vec<String> = shared
                .iter()
                .map(|k| display(self.ctx, self.items[first].prep, k))
                .collect();
            format!("{base} ({})", names.join(", "))
        }
    }
    fn agreement_rule(&self) -> &'static str {
        "numeric-agreement"
    }
    fn update_rule(&self) -> &'static str {
        "numeric-update"
    }
    fn timeline(&self, i: usize) -> (u8, String) {
        let it = &self.items[i];
        let p = &self.ctx.preps[it.prep];
        let date = p
            .event_date
            .or_else(|| p.article.and_then(|a| a.meta.published.as_deref()))
            .unwrap_or("");
        (it.rank, date.to_string())
    }
}

fn display(ctx: &Ctx, prep: usize, key: &str) -> String {
    ctx.preps[prep]
        .anchors
        .iter()
        .find(|a| a.key == key)
        .map_or_else(|| key.to_string(), |a| a.display.to_string())
}

/// Compare every quantity in a quantity frame.
pub(crate) fn run(ctx: &Ctx) -> FamilyOut {
    // Each claim's items depend on that claim alone: built on the thread pool, gathered
    // in claim order.
    let per_prep: Vec<Vec<Item>> = ctx
        .preps
        .par_iter()
        .enumerate()
        .map(|(pi, _)| items_of(ctx, pi))
        .collect();
    let mut items: Vec<Item> = Vec::with_capacity(per_prep.iter().map(Vec::len).sum());
    for v in per_prep {
        items.extend(v);
    }
    // A compound unit is compared as its head when that is a unit too ("2,300
    // dockworkers" / "1,400 workers").
    let heads: Vec<(usize, String)> = {
        let units: BTreeSet<&str> = items
            .iter()
            .filter(|it| it.frame == OPEN)
            .map(|it| it.unit.as_str())
            .collect();
        let heads = unit_heads(&units);
        items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.frame == OPEN)
            .filter_map(|(k, it)| heads.get(it.unit.as_str()).map(|h| (k, h.to_string())))
            .collect()
    };
    for (k, h) in heads {
        items[k].unit = h;
    }
    // Blocked by frame, unit and story: the claim's own anchors, its person speaker and
    // its article's main anchors.
    let keyed = items.iter().enumerate().flat_map(|(k, it)| {
        let p = &ctx.preps[it.prep];
        let mut subjects: BTreeSet<&str> = p.strong().map(|a| a.key.as_str()).collect();
        subjects.extend(p.story.iter().map(String::as_str));
        if subjects.is_empty() {
            subjects.insert("");
        }
        let speaker = p
            .speaker_surname
            .as_deref()
            .map(|s| (format!("{}|{}|speaker:{s}", it.frame, it.unit), k));
        subjects
            .into_iter()
            .map(|s| (format!("{}|{}|{s}", it.frame, it.unit), k))
            .chain(speaker)
            .collect::<Vec<_>>()
    });
    let pairs = candidate_pairs(keyed, |k| {
        ((items[k].value * 1000.0).round() as i64, items[k].prep)
    });
    // Judged in batches on the thread pool, kept in pair order.
    let judged = super::memo::judge_in_batches(pairs, &|a, b| judge(ctx, &items[a], &items[b]));
    // Open quantities are compared, but do not make a claim checkable on their own.
    let checkable = items
        .iter()
        .filter(|it| it.frame != OPEN)
        .map(|it| it.prep)
        .collect();
    let fam = Numbers { ctx, items };
    let mut out = assemble(ctx, &fam, fam.items.len(), judged);
    out.checkable = checkable;
    out
}

/// The items of claim `pi`: its quantities in quantity frames, then its open
/// quantities.
fn items_of(ctx: &Ctx, pi: usize) -> Vec<Item> {
    let lex = &ctx.rules.lex;
    let p = &ctx.preps[pi].tokd();
    let mut items: Vec<Item> = Vec::new();
    // A figure with no unit noun after it counts what "the number of X" before it
    // names; units that count the same things are compared as one.
    let counted = |pos: usize, unit: Option<String>| {
        let word = |u: &String| {
            !u.is_empty() && u.chars().all(char::is_alphabetic) && !lex.stopwords.contains(u)
        };
        let unit = match unit {
            Some(u) if word(&u) => u,
            u => counted_noun(&p.toks, pos, lex).or(u)?,
        };
        Some(lex.same_unit.get(&unit).cloned().unwrap_or(unit))
    };
    let quantities: Vec<(usize, f64, String)> = if p.claim.quantities.is_empty() {
        fallback(&p.toks)
            .into_iter()
            .filter_map(|(pos, value, unit)| Some((pos, value, counted(pos, Some(unit))?)))
            .collect()
    } else {
        p.claim
            .quantities
            .iter()
            .filter_map(|q| {
                let pos = position(&p.claim.content, &p.toks, &q.text)?;
                let unit = counted(pos, q.unit.as_deref().map(unit_key))?;
                Some((pos, q.value, unit))
            })
            .collect()
    };
    let mut framed = vec![false; quantities.len()];
    for (fi, f) in ctx.rules.frames.iter().enumerate() {
        if f.kind != FrameKind::Quantity {
            continue;
        }
        let hits = f.hits(&p.toks);
        for (qi, (pos, value, unit)) in quantities.iter().enumerate() {
            if !f.units.contains(unit) || !value.is_finite() {
                continue;
            }
            let lo = pos.saturating_sub(f.window);
            let hi = pos + f.window + 1;
            let Some(&kw) = hits
                .iter()
                .filter(|&&h| h >= lo && h < hi && h != *pos)
                .min_by_key(|&&h| h.abs_diff(*pos))
            else {
                continue;
            };
            // Names in the phrase that holds the number and its keyword ("the EU's
            // 12-point plan", "the Washington plan has 28 points").
            let (qlo, qhi) = (kw.min(*pos).saturating_sub(3), kw.max(*pos) + 1);
            let qualifiers = p
                .strong()
                .filter(|a| a.pos >= qlo && a.pos < qhi)
                .map(|a| a.key.to_string())
                .collect();
            let approx = lex.approximate.any_in(&p.toks, pos.saturating_sub(3), *pos);
            // A frame's own keyword ("jobs will be cut") is not a change word.
            let near = |list: &super::text::WordList| {
                list.positions(&p.toks)
                    .iter()
                    .any(|&(i, _)| i >= lo && i < hi && !hits.contains(&i))
            };
            let now = near(&lex.now);
            let change = near(&lex.change);
            let past = near(&lex.past);
            let (rank, changing) = timeline_rank(now, change, past);
            framed[qi] = true;
            items.push(Item {
                prep: pi,
                frame: fi,
                context: Vec::new(),
                value: *value,
                unit: unit.clone(),
                qualifiers,
                approx,
                rank,
                changing,
            });
        }
    }
    if lex.open_window > 0 {
        let first_open = items.len();
        let mut changed = BTreeSet::new();
        open_items(
            ctx,
            pi,
            &p.toks,
            &quantities,
            &framed,
            &mut items,
            &mut changed,
        );
        // A claim that reports a change ("rose to 61 from 38", "35 percent, up from 10
        // percent") gives both its figures of that unit as a change.
        let open = items.get_mut(first_open..).unwrap_or_default();
        for it in open.iter_mut() {
            if changed.contains(&it.unit) && !it.changing {
                it.changing = true;
            }
        }
    }
    items
}

/// Whether punctuation separates token `i` from the one before it: the comma of a
/// thousands group ("7,200" is "7" and "200") does not.
fn breaks(toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else {
        return true;
    };
    let group = t.norm.len() == 3
        && t.norm.bytes().all(|b| b.is_ascii_digit())
        && i.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|p| {
            p.end + 1 == t.start && p.norm.bytes().last().is_some_and(|b| b.is_ascii_digit())
        });
    t.breaks && !group
}

/// How far back (in tokens) from a bare figure "the number of X" is looked for.
const COUNTED_REACH: usize = 16;

/// The noun a bare figure counts when its clause names it before it ("the number of
/// ships waiting ... rose to 61 from 38", "puts the number of workers who have walked out
/// at about 1,400"): the unit key of the word after "number of", if that is a content
/// word and no punctuation stands between it and the figure.
fn counted_noun(toks: &[Tok], pos: usize, lex: &super::Lexicon) -> Option<String> {
    let lo = pos.saturating_sub(COUNTED_REACH);
    let mut j = pos;
    while j > lo {
        if breaks(toks, j) {
            return None;
        }
        j -= 1;
        if toks[j].norm == "number" && toks.get(j + 1).is_some_and(|t| t.norm == "of") {
            let t = toks.get(j + 2)?;
            return (j + 2 < pos && super::content_word(t, &t.norm, lex))
                .then(|| unit_key(&t.norm));
        }
    }
    None
}

/// Compound units and their heads among `units`: "dockworker" → "worker" when both are
/// units of open quantities (the head at least five letters, the rest at least three).
fn unit_heads<'u>(units: &BTreeSet<&'u str>) -> std::collections::HashMap<&'u str, &'u str> {
    let mut heads = std::collections::HashMap::new();
    for &u in units {
        let head = u
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i >= 3 && u.len() - i >= 5)
            .find_map(|i| units.get(&u[i..]).copied());
        if let Some(h) = head {
            heads.insert(u, h);
        }
    }
    heads
}

/// An item's timeline rank (0 past, "originally"; 1 plain; 2 changed, "reduced to"; 3
/// now) and whether any change word stands near it, from the words found near it.
fn timeline_rank(now: bool, change: bool, past: bool) -> (u8, bool) {
    let rank = if now {
        3
    } else if change && !past {
        2
    } else if past {
        0
    } else {
        1
    };
    (rank, now || change || past)
}

/// Items for the quantities of claim `pi` that no frame took (`framed`, one flag per
/// quantity): a unit that is a word (not a stopword) and at least one context stem. Its
/// qualifiers are all the claim's names, not only those next to the number. The units
/// of figures with a change word before them go into `changed`.
fn open_items(
    ctx: &Ctx,
    pi: usize,
    toks: &[Tok],
    quantities: &[(usize, f64, String)],
    framed: &[bool],
    items: &mut Vec<Item>,
    changed: &mut BTreeSet<String>,
) {
    let lex = &ctx.rules.lex;
    let p = &ctx.preps[pi];
    for (&(pos, value, ref unit), &taken) in quantities.iter().zip(framed) {
        // Written in digits: "two sides" and "the first payments" are wording, not figures.
        let digits = toks
            .get(pos)
            .is_some_and(|t| t.norm.contains(|c: char| c.is_ascii_digit()));
        let word_unit = digits
            && unit.chars().count() >= 3
            && unit.chars().all(char::is_alphabetic)
            && !lex.stopwords.contains(unit)
            && !lex.anchor_ignore.contains(unit);
        if taken || !word_unit || !value.is_finite() {
            continue;
        }
        // The number's own further tokens ("6,400" is "6" and "400"), then the unit as
        // written: neither is context.
        let mut after = pos + 1;
        while toks
            .get(after)
            .is_some_and(|t| t.norm.chars().all(|c| c.is_ascii_digit()))
        {
            after += 1;
        }
        // A unit written in two words ("45.2 per cent") ends at its second.
        let unit_at = if toks.get(after).is_some_and(|t| t.norm == "per")
            && toks.get(after + 1).is_some_and(|t| t.norm == "cent")
        {
            after + 1
        } else {
            after
        };
        let content_word = |at: usize| {
            let t = &toks[at];
            (at < pos || at > unit_at)
                && unit_key(&t.norm) != *unit
                && super::content_word(t, &t.norm, lex)
                && !lex.approximate.any_in(toks, at, at + 1)
        };
        // Up to `open_window` content words each side, within the number's clause (a
        // comma or dash ends it) and OPEN_REACH tokens. A figure set off by commas on
        // both sides ("the share of the vote, 50.3 per cent, was ...") is an apposition
        // to the phrase before it: that phrase is its clause on the left.
        let appositive = toks[pos].breaks && toks.get(unit_at + 1).is_some_and(|t| t.breaks);
        let mut crossings = usize::from(appositive);
        let mut picked: Vec<usize> = Vec::new();
        let mut lo = pos;
        while lo > 0 && pos - lo < OPEN_REACH {
            if breaks(toks, lo) {
                if crossings == 0 {
                    break;
                }
                crossings -= 1;
            }
            lo -= 1;
            if content_word(lo) {
                picked.push(lo);
                if picked.len() == lex.open_window {
                    break;
                }
            }
        }
        let left = picked.len();
        let mut hi = after;
        while hi < toks.len() && hi - pos <= OPEN_REACH && !breaks(toks, hi) {
            if content_word(hi) {
                picked.push(hi);
                if picked.len() - left == lex.open_window {
                    hi += 1;
                    break;
                }
            }
            hi += 1;
        }
        let mut context: Vec<(String, String)> = picked
            .iter()
            .map(|&at| (stem(&toks[at].norm), toks[at].norm.to_string()))
            .collect();
        context.sort();
        context.dedup_by(|a, b| a.0 == b.0);
        // Change words only before the number: after it, "had been" is a passive
        // ("6,400 people had been displaced"), not a revision. Recorded even for a
        // figure with no context ("..., up from 10 percent on Monday").
        let change = lex.change.any_in(toks, lo, pos);
        if change {
            changed.insert(unit.clone());
        }
        if context.is_empty() {
            continue;
        }
        let approx = lex.approximate.any_in(toks, pos.saturating_sub(3), pos);
        let near = |list: &super::text::WordList| list.any_in(toks, lo, hi);
        let (now, past) = (near(&lex.now), near(&lex.past));
        let (mut rank, mut changing) = timeline_rank(now, change, past);
        // In a change ("rose to 61 from 38 earlier in the week"), the figure after "from"
        // is the older one and the figure after "to" the newer, whatever else is near.
        let mut before = pos;
        while before > lo && lex.approximate.any_in(toks, before - 1, before) {
            before -= 1;
        }
        match before.checked_sub(1).map(|b| toks[b].norm.as_str()) {
            Some("from") if change => (rank, changing) = (0, true),
            Some("to") if change => (rank, changing) = (2, true),
            _ => {}
        }
        items.push(Item {
            prep: pi,
            frame: OPEN,
            context,
            value,
            unit: unit.clone(),
            // Every name in the claim: two open quantities about differently named things
            // ("support for the Vinlandu bridge" / "for the Vedrako road") are not compared.
            qualifiers: p.strong().map(|a| a.key.to_string()).collect(),
            approx,
            rank,
            changing,
        });
    }
}

fn judge(ctx: &Ctx, a: &Item, b: &Item) -> Option<Judgement> {
    if a.prep == b.prep {
        return None;
    }
    // Named qualifiers next to the numbers must not tell the things apart.
    // (Open quantities: every name in the claim; `named_apart` below decides, which
    // lets the parties of one story through.)
    let shared = a.qualifiers.intersection(&b.qualifiers).count();
    if a.frame != OPEN && !a.qualifiers.is_empty() && !b.qualifiers.is_empty() && shared == 0 {
        return None;
    }
    let (pa, pb) = (&ctx.preps[a.prep], &ctx.preps[b.prep]);
    // The same story: a name in common, or two of the articles' main names.
    if !same_story(pa, pb) {
        return None;
    }
    // Two claims that each name things, none in common, count different things ("the
    // Gortoel ring road would cost 28 million euros" / "the Rigor ring road ... 13
    // million euros"), whatever their articles share.
    if named_apart(pa, pb) {
        return None;
    }
    let lex = &ctx.rules.lex;
    // For open quantities: the context stems shared, and whether the two contexts are
    // the same words ("turnout was 54.2 percent" and "turnout was 45.2 per cent": all
    // that either says about its number is the same).
    let (open_shared, same_context) = if a.frame == OPEN {
        let sa: BTreeSet<&str> = a.context.iter().map(|(st, _)| st.as_str()).collect();
        let sb: BTreeSet<&str> = b.context.iter().map(|(st, _)| st.as_str()).collect();
        let shared = sa.intersection(&sb).count();
        if shared < lex.open_agree {
            return None;
        }
        (Some(shared), !sa.is_empty() && sa == sb)
    } else {
        (None, false)
    };
    let tol = lex.tolerance;
    let big = a.value.abs().max(b.value.abs());
    let rel = if big == 0.0 {
        0.0
    } else {
        (a.value - b.value).abs() / big
    };
    let approx = a.approx || b.approx;
    let equal = if approx { rel <= tol } else { rel < 1e-9 };
    let bonus = if shared > 0 { 0.1 } else { 0.0 };
    if equal {
        return Some(Judgement::Same(
            0.65 + bonus + if approx { 0.0 } else { 0.05 },
        ));
    }
    if approx && rel <= 2.0 * tol {
        return None;
    }
    // A count of things differs on the stems that make two counts agree; an amount
    // (a measure) needs more.
    let differ = if lex.measures.contains(&a.unit) {
        lex.open_differ
    } else {
        lex.open_agree
    };
    if open_shared.is_some_and(|n| n < differ) && !same_context {
        return None;
    }
    let dated_apart = matches!((pa.event_date, pb.event_date), (Some(x), Some(y)) if x != y);
    if a.changing || b.changing || dated_apart {
        return Some(Judgement::Differ {
            confidence: 0.75 + bonus,
            kind: FindingKind::Update,
            rule: "numeric-update",
        });
    }
    let mut conf = 0.75 + bonus;
    if approx {
        conf -= 0.1;
    }
    Some(Judgement::Differ {
        confidence: conf,
        kind: FindingKind::Contradiction,
        rule: "numeric-contradiction",
    })
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::compare::DEFAULT_MIN_CONFIDENCE as DEFAULT;
    use crate::model::{FindingKind, QuoteKind};

    fn arts() -> Vec<crate::model::Article> {
        vec![
            article("a", "Alpha News", None, "2025-03-01"),
            article("b", "Beta Times", None, "2025-03-02"),
            article("c", "Gamma Post", None, "2025-03-03"),
        ]
    }

    fn c(art: &str, n: usize, content: &str, q: &str, v: f64, unit: &str) -> crate::model::Claim {
        // Each article quotes its own (unnamed) source: one person saying both would
        // put two claims in one story.
        qty(
            claim(
                art,
                n,
                &format!("Source {art}"),
                QuoteKind::Indirect,
                content,
            ),
            q,
            v,
            unit,
        )
    }

    #[test]
    fn different_numbers_for_one_plan_contradict() {
        let claims = [
            c(
                "a",
                1,
                "the plan for Kyiv has 28 points",
                "28 points",
                28.0,
                "point",
            ),
            c(
                "b",
                1,
                "the 27-point document was sent to Kyiv",
                "27-point",
                27.0,
                "point",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].rule, "numeric-contradiction");
        assert_eq!(k[0].topic, "number of points in the plan");
        let claims = [
            c(
                "a",
                1,
                "the draft accord has 14 articles",
                "14 articles",
                14.0,
                "article",
            ),
            c(
                "b",
                1,
                "the 16-article draft",
                "16-article",
                16.0,
                "article",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(
            of(&f, FindingKind::Contradiction)[0].topic,
            "number of articles in the plan"
        );
        assert!(k[0].detail.contains("28 points") && k[0].detail.contains("27 points"));
        assert!(k[0].confidence >= DEFAULT);
    }

    #[test]
    fn open_quantities_compare_by_unit_and_context() {
        // No frame lists "displaced" or "tonne": the context words decide.
        let claims = [
            c(
                "a",
                1,
                "about 6,400 people had been displaced by the floods in Karasu",
                "6,400 people",
                6400.0,
                "people",
            ),
            c(
                "b",
                1,
                "floods in Karasu displaced 9,600 people",
                "9,600 people",
                9600.0,
                "people",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].rule, "numeric-contradiction");
        assert!(k[0].topic.starts_with("number of"), "{}", k[0].topic);
        // Equal values agree on one shared context word.
        let claims = [
            c(
                "a",
                1,
                "the stoppage at Mbeza was costing about 300 tonnes of copper a day",
                "300 tonnes",
                300.0,
                "tonne",
            ),
            c(
                "b",
                1,
                "losses at Mbeza amount to approximately 300 tonnes of copper per day",
                "300 tonnes",
                300.0,
                "tonne",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Agreement).len(), 1, "{f:#?}");
    }

    #[test]
    fn open_quantities_need_two_context_words_to_differ() {
        // One shared word ("copper") does not make a daily loss and a year's output one
        // quantity.
        let claims = [
            c(
                "a",
                1,
                "the stoppage at Mbeza was costing 300 tonnes of copper a day",
                "300 tonnes",
                300.0,
                "tonne",
            ),
            c(
                "b",
                1,
                "the Mbeza mine produced 118,000 tonnes of copper in 2025",
                "118,000 tonnes",
                118000.0,
                "tonne",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        assert!(of(&f, FindingKind::Update).is_empty(), "{f:#?}");
    }

    #[test]
    fn open_quantities_with_the_same_one_word_context_differ() {
        // All either claim says about its number is "turnout": one quantity, two values;
        // "per cent" written in two words is the unit, not context.
        let claims = [
            c(
                "a",
                1,
                "in Velmar turnout was 54.2 percent",
                "54.2 percent",
                54.2,
                "percent",
            ),
            c(
                "b",
                1,
                "in Velmar turnout was 45.2 per cent",
                "45.2 per cent",
                45.2,
                "percent",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 1, "{f:#?}");
    }

    #[test]
    fn an_appositive_figure_takes_the_phrase_before_it_as_context() {
        // "the vote, 50.3 per cent, was ...": the figure is the share of the vote.
        let claims = [
            c(
                "a",
                1,
                "the mayor took 50.3 percent of the vote in the run-off",
                "50.3 percent",
                50.3,
                "percent",
            ),
            c(
                "b",
                1,
                "the mayor's share of the vote, 50.3 per cent, was the narrowest since 1994",
                "50.3 per cent",
                50.3,
                "percent",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Agreement).len(), 1, "{f:#?}");
        // Without the second comma the figure opens its own clause: no context on the
        // left, and the words after it are about something else.
        let claims = [
            c(
                "a",
                1,
                "the mayor took 50.3 percent of the vote in the run-off",
                "50.3 percent",
                50.3,
                "percent",
            ),
            c(
                "b",
                1,
                "in the vote, 50.3 per cent of pensioners stayed at home",
                "50.3 per cent",
                50.3,
                "percent",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Agreement).is_empty(), "{f:#?}");
    }

    #[test]
    fn open_quantities_about_differently_named_things_are_not_compared() {
        let claims = [
            c(
                "a",
                1,
                "25 percent of residents support the Vinlandu bridge",
                "25 percent",
                25.0,
                "percent",
            ),
            c(
                "b",
                1,
                "14 percent of residents support the Vedrako road",
                "14 percent",
                14.0,
                "percent",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        // Numbers written as words are wording, not figures.
        let claims = [
            c(
                "a",
                1,
                "the two sides sat down together in Oslo",
                "two sides",
                2.0,
                "side",
            ),
            c(
                "b",
                1,
                "the three sides sat down together in Oslo",
                "three sides",
                3.0,
                "side",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    /// A claim whose figures the resolver did not read (digits are read from its text).
    fn bare(art: &str, n: usize, content: &str) -> crate::model::Claim {
        claim(
            art,
            n,
            &format!("Source {art}"),
            QuoteKind::Indirect,
            content,
        )
    }

    #[test]
    fn a_bare_figure_counts_the_noun_after_number_of() {
        let lex = &crate::compare::CompareRules::default().lex;
        let toks = crate::compare::text::tokenize(
            "the number of ships waiting outside the port rose to 61 from 38",
        );
        let at = |w: &str| toks.iter().position(|t| t.norm == w).unwrap();
        assert_eq!(
            super::counted_noun(&toks, at("61"), lex).as_deref(),
            Some("ship")
        );
        assert_eq!(
            super::counted_noun(&toks, at("38"), lex).as_deref(),
            Some("ship")
        );
        // Near misses: punctuation between, or no "number of".
        let toks = crate::compare::text::tokenize("the number of ships is unknown, but 61 waited");
        let at = |w: &str| toks.iter().position(|t| t.norm == w).unwrap();
        assert_eq!(super::counted_noun(&toks, at("61"), lex), None);
        let toks = crate::compare::text::tokenize("the queue of ships rose to 61");
        let at = |w: &str| toks.iter().position(|t| t.norm == w).unwrap();
        assert_eq!(super::counted_noun(&toks, at("61"), lex), None);
        // "38 vessels" and "ships ... from 38": one count (same_units), which changed.
        let claims = [
            bare("a", 1, "38 vessels were waiting at anchor outside the port"),
            bare(
                "b",
                1,
                "the number of ships waiting outside the port rose to 61 from 38",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        let u = of(&f, FindingKind::Update);
        assert_eq!(u.len(), 1, "{f:#?}");
        assert!(u[0].topic.starts_with("number of ships"), "{}", u[0].topic);
    }

    #[test]
    fn a_thousands_comma_is_no_clause_break() {
        let toks = crate::compare::text::tokenize("rose to 7,200 from 4,800, after");
        let at = |w: &str| toks.iter().position(|t| t.norm == w).unwrap();
        assert!(!super::breaks(&toks, at("200")) && !super::breaks(&toks, at("800")));
        assert!(super::breaks(&toks, at("after")));
        // "2, 300": a comma and a space is punctuation.
        let toks = crate::compare::text::tokenize("2, 300");
        assert!(super::breaks(&toks, 1));
    }

    #[test]
    fn compound_units_are_compared_as_their_heads() {
        let units: std::collections::BTreeSet<&str> =
            ["dockworker", "worker", "homeowner", "owner", "scar", "car"].into();
        let heads = super::unit_heads(&units);
        assert_eq!(heads.get("dockworker"), Some(&"worker"));
        assert_eq!(heads.get("homeowner"), Some(&"owner"));
        // A head of fewer than five letters is no head ("scar" is no kind of "car").
        assert_eq!(heads.get("scar"), None);
        assert_eq!(heads.len(), 2);
    }

    #[test]
    fn a_count_of_things_differs_on_one_shared_word_an_amount_on_two() {
        // Two counts of strikers: one shared word ("walked") is enough.
        let claims = [
            bare(
                "a",
                1,
                "about 2,300 dockworkers walked off the job at the port",
            ),
            bare("b", 1, "only 1,400 workers have walked out so far"),
        ];
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert!(
            k[0].topic.starts_with("number of workers"),
            "{}",
            k[0].topic
        );
        // Near miss: counts of one noun that share no word are about different things.
        let claims = [
            bare("a", 1, "27 homes were destroyed by the blaze"),
            bare("b", 1, "some 300 homes lost power overnight"),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        assert!(of(&f, FindingKind::Update).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_claim_reporting_a_change_gives_both_its_figures_as_a_change() {
        // "35 percent, up from 10 percent": the other source's 10 percent is the older
        // figure, not a contradiction.
        let claims = [
            bare(
                "a",
                1,
                "the fire was 10 percent contained by Monday morning",
            ),
            bare(
                "b",
                1,
                "the fire was 35 percent contained by Wednesday morning, up from 10 percent on Monday",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        assert_eq!(of(&f, FindingKind::Update).len(), 1, "{f:#?}");
    }

    #[test]
    fn a_figure_set_against_an_earlier_one_makes_an_update() {
        let told = |second: &str| {
            [
                c(
                    "a",
                    1,
                    "Orvik Steel could cut up to 600 jobs at its Dunmore plant",
                    "600 jobs",
                    600.0,
                    "job",
                ),
                c("b", 1, second, "350 jobs", 350.0, "job"),
            ]
        };
        // "fewer than the 600 it had warned of": the claim tells both figures.
        let f = find_all(
            &arts(),
            &told(
                "Orvik Steel will cut 350 jobs at its Dunmore plant, fewer than the 600 it had warned of",
            ),
        );
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        assert_eq!(of(&f, FindingKind::Update).len(), 1, "{f:#?}");
        // Without it, the two figures contradict.
        let f = find_all(
            &arts(),
            &told("Orvik Steel will cut 350 jobs at its Dunmore plant"),
        );
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 1, "{f:#?}");
    }

    #[test]
    fn change_words_make_an_update_with_a_timeline() {
        let claims = [
            c(
                "a",
                1,
                "the 28-point plan, in its original form, was harsh",
                "28-point",
                28.0,
                "point",
            ),
            c(
                "b",
                1,
                "the plan had been reduced to 20 points",
                "20 points",
                20.0,
                "point",
            ),
            c(
                "c",
                1,
                "the document now contains 27 points",
                "27 points",
                27.0,
                "point",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        let u = of(&f, FindingKind::Update);
        assert_eq!(u.len(), 1, "{f:#?}");
        assert_eq!(u[0].claims.len(), 3);
        let d = u[0].detail.to_string();
        let (i28, i20, i27) = (
            d.find("28 points").unwrap(),
            d.find("20 points").unwrap(),
            d.find("27 points").unwrap(),
        );
        assert!(i28 < i20 && i20 < i27, "{d}");
    }

    #[test]
    fn same_number_agrees_across_sources_and_counts_a_relayed_wire_once() {
        let claims = [
            c(
                "a",
                1,
                "the 28-point plan was drafted in October",
                "28-point",
                28.0,
                "point",
            ),
            c("b", 1, "a plan of 28 points", "28 points", 28.0, "point"),
        ];
        let f = find_all(&arts(), &claims);
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1);
        assert_eq!(ag[0].sources, 2);
        let same = [
            article("a", "Alpha News", Some("Wire"), "2025-03-01"),
            article("b", "Beta Times", Some("Wire"), "2025-03-01"),
        ];
        // One wire copied by two outlets: an agreement of one source, never two.
        let relayed = find_all(&same, &claims);
        let relay = of(&relayed, FindingKind::Agreement);
        assert_eq!(relay.len(), 1, "{relay:#?}");
        assert_eq!(relay[0].sources, 1);
        assert!(
            relay[0].detail.contains("relay one source (wire)"),
            "{relay:#?}"
        );
    }

    #[test]
    fn the_same_number_about_different_things_is_not_compared() {
        // Different units, and a unit in no frame.
        let claims = [
            c("a", 1, "the plan has 20 points", "20 points", 20.0, "point"),
            c(
                "b",
                1,
                "20 people were killed in the strike",
                "20 people",
                20.0,
                "people",
            ),
            c(
                "c",
                1,
                "the team scored 20 points in the final",
                "20 points",
                20.0,
                "point",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Agreement).is_empty(), "{f:#?}");
        // Named qualifiers that differ.
        let claims = [
            c(
                "a",
                1,
                "the Brussels plan has 12 points",
                "12 points",
                12.0,
                "point",
            ),
            c(
                "b",
                1,
                "the Washington plan has 28 points",
                "28 points",
                28.0,
                "point",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn the_same_number_in_unrelated_stories_is_not_compared() {
        let claims = [
            c(
                "a",
                1,
                "the Harlow plan has 12 points, Mayor Ruth Abel said",
                "12 points",
                12.0,
                "point",
            ),
            c(
                "a",
                2,
                "Abel said Harlow would vote in May",
                "x",
                0.0,
                "none",
            ),
            c("b", 1, "the plan has 12 points", "12 points", 12.0, "point"),
            c(
                "b",
                2,
                "Governor Ted Okafor said Tarn County would start in June",
                "x",
                0.0,
                "none",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Agreement).is_empty(), "{f:#?}");
    }

    #[test]
    fn approximate_numbers_agree_within_tolerance() {
        let claims = [
            c(
                "a",
                1,
                "about 1,100 jobs could be cut",
                "1,100 jobs",
                1100.0,
                "job",
            ),
            c(
                "b",
                1,
                "1,050 jobs will be cut",
                "1,050 jobs",
                1050.0,
                "job",
            ),
            c(
                "c",
                1,
                "some 2,000 jobs will be cut",
                "2,000 jobs",
                2000.0,
                "job",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Agreement).len(), 1, "{f:#?}");
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert!(k[0].claims.iter().any(|c| &**c == "c#1"));
    }

    #[test]
    fn digits_are_read_when_the_resolver_gave_no_quantity() {
        let claims = [
            claim("a", 1, "X", QuoteKind::Indirect, "the plan has 28 points"),
            claim("b", 1, "Y", QuoteKind::Indirect, "the 27-point document"),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 1, "{f:#?}");
    }

    #[test]
    fn digit_groups_after_commas_are_one_number() {
        let toks = crate::compare::text::tokenize(
            "about 1,400 workers, then 2, 300 more and 4.5 percent, 61, far below 38",
        );
        let got: Vec<(f64, String)> = super::fallback(&toks)
            .into_iter()
            .map(|(_, v, u)| (v, u))
            .collect();
        // "2, 300" (a space after the comma) is two numbers.
        assert_eq!(
            got,
            vec![
                (1400.0, "worker".to_string()),
                (2.0, String::new()),
                (300.0, "more".to_string()),
                (4.5, "percent".to_string()),
                (61.0, String::new()),
                (38.0, String::new()),
            ]
        );
    }

    #[test]
    fn one_person_giving_two_numbers_for_one_thing_is_one_story() {
        let mut a = claim(
            "a",
            1,
            "Ana Diaz",
            QuoteKind::Indirect,
            "the repairs to the bridge will cost 4 million euros",
        );
        a = qty(a, "4 million euros", 4_000_000.0, "euro");
        let mut b = claim(
            "b",
            1,
            "Ana Diaz",
            QuoteKind::Indirect,
            "the repairs to the bridge will cost 9 million euros",
        );
        b = qty(b, "9 million euros", 9_000_000.0, "euro");
        // The other article also tells something else, so its story is not empty.
        let other = claim(
            "b",
            2,
            "Evening Star",
            QuoteKind::Narrative,
            "Residents queued at the town hall on Thursday",
        );
        let f = find_all(&arts(), &[a, b, other]);
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 1, "{f:#?}");
    }

    #[test]
    fn claims_naming_different_things_do_not_compare_their_numbers() {
        // Both articles are about Anna Berg and the Valmora council (their stories
        // meet), but each cost names its own road.
        let story = |art: &str, n: usize| {
            claim(
                art,
                n,
                &format!("Source {art}"),
                QuoteKind::Indirect,
                "Anna Berg met the Valmora council about the roads",
            )
        };
        let cost = |art: &str, road: &str, v: f64| {
            qty(
                claim(
                    art,
                    2,
                    &format!("Source {art}"),
                    QuoteKind::Indirect,
                    &format!("the {road} ring road would cost {v} million euros"),
                ),
                &format!("{v} million euros"),
                v * 1e6,
                "euro",
            )
        };
        let claims = [
            story("a", 1),
            cost("a", "Gortoel", 28.0),
            story("b", 1),
            cost("b", "Rigor", 13.0),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        // The same road: the figures contradict.
        let claims = [
            story("a", 1),
            cost("a", "Gortoel", 28.0),
            story("b", 1),
            cost("b", "Gortoel", 13.0),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 1, "{f:#?}");
        // Names that the other article's story holds are parties of one story, not
        // different things: "gives Valmora" and "after Berg objected" still compare.
        let claims = [
            story("a", 1),
            qty(
                claim(
                    "a",
                    2,
                    "Source a",
                    QuoteKind::Indirect,
                    "the 14-point draft gives Valmora more roads",
                ),
                "14-point",
                14.0,
                "point",
            ),
            story("b", 1),
            qty(
                claim(
                    "b",
                    2,
                    "Source b",
                    QuoteKind::Indirect,
                    "the draft has 12 points after Berg objected",
                ),
                "12 points",
                12.0,
                "point",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 1, "{f:#?}");
    }

    #[test]
    fn a_claim_naming_no_one_joins_the_story_of_the_people_its_article_quotes() {
        // Article b's contents name only Velimirovic, but it quotes Horvat twice: its
        // story is theirs, as article a's is, so the turnouts are compared.
        let said = |art: &str, n: usize, who: &str, content: &str| {
            claim(art, n, who, QuoteKind::Indirect, content)
        };
        let turnout = |art: &str, n: usize, v: f64| {
            qty(
                said(
                    art,
                    n,
                    &format!("Clerk {art}"),
                    &format!("turnout was {v} percent"),
                ),
                &format!("{v} percent"),
                v,
                "percent",
            )
        };
        let mut claims = vec![
            said("a", 1, "Source a", "Velimirovic beat Horvat in the run-off"),
            turnout("a", 2, 54.2),
            said("b", 1, "Katarina Horvat", "Velimirovic stole the election"),
            said(
                "b",
                2,
                "Katarina Horvat",
                "the ballot boxes were left unlocked",
            ),
            turnout("b", 3, 45.2),
        ];
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 1, "{f:#?}");
        // Quoted once, Horvat does not make the story.
        claims.remove(3);
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }
}
