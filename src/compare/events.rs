//! The events family: the date and the place of an event (a meeting, a vote, an
//! announcement) as different articles give them.
//!
//! An item is a claim whose content holds one of an event frame's keywords and at least
//! `min_shared` named participants (anchors that are not places). Items are blocked by
//! frame and each pair of participants, so two claims are compared only when they name
//! the same participants. Then:
//!
//! - **date**: the claim's resolved date counts only when the content holds exactly one
//!   date expression (so "reported on Dec. 2 that they would meet" gives no event date).
//!   Same day: agreement; different days: contradiction (`date-contradiction`), or an
//!   update when a change word says the event moved ("postponed"). Dates further apart
//!   than `events.max_gap_days`, places that cannot be the same, or a word marking
//!   another occurrence ("another meeting", "a second round") mean different events.
//! - **place**: places compatible through the gazetteer (equal or one inside the other):
//!   agreement; otherwise contradiction (`place-contradiction`), when each claim names
//!   one place and their dates (if any) are the same day.

use super::{Ctx, Family, FamilyOut, FrameKind, Judged, Judgement, assemble, candidate_pairs};
use crate::model::FindingKind;
use std::collections::{BTreeSet, HashMap};

struct Item {
    prep: usize,
    frame: usize,
    participants: BTreeSet<String>,
    /// Dated statements: the stems of the content words (see [`statement_words`]).
    words: BTreeSet<String>,
    /// Place keys.
    places: Vec<String>,
    date: Option<String>,
    changing: bool,
}

/// A readable form of an anchor key no anchor displays (a speaker's folded surname).
fn display_key(k: &str) -> String {
    let k = k.strip_prefix("id:").unwrap_or(k);
    let mut c = k.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD`.
pub(crate) fn day_number(iso: &str) -> Option<i64> {
    let mut it = iso.get(..10)?.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The month and day (`MM-DD`) of a resolved date that names one day (`YYYY-MM-DD`, or
/// `--MM-DD` without a year); `None` for ranges and anything else.
fn month_day(s: &str) -> Option<&str> {
    match s.strip_prefix("--") {
        Some(md) => (md.len() == 5).then_some(md),
        None => (s.len() == 10).then(|| s.get(5..)).flatten(),
    }
}

/// Whether two resolved dates name the same day: equal, or one is a day without a year
/// (`--MM-DD`, from an article with no publication date) and the other falls on that
/// month and day. Ranges ("2025-12-01/2025-12-07") only equal themselves.
pub(crate) fn same_day(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    (a.starts_with("--") || b.starts_with("--"))
        && month_day(a).is_some()
        && month_day(a) == month_day(b)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum What {
    Date,
    Place,
    /// Where a participant was on a day ([`whereabouts`] items).
    Whereabouts,
    /// When something a claim states will happen or happened, by the words that say
    /// what ([`dated_statement`] items).
    Statement,
}

struct Events<'c, 'a> {
    ctx: &'c Ctx<'a>,
    items: Vec<Item>,
    what: What,
}

impl Family for Events<'_, '_> {
    fn prep(&self, i: usize) -> usize {
        self.items[i].prep
    }
    fn value(&self, i: usize) -> String {
        let it = &self.items[i];
        match self.what {
            What::Date | What::Statement => it.date.clone().unwrap_or_default(),
            What::Place | What::Whereabouts => {
                let p = &self.ctx.preps[it.prep];
                it.places
                    .iter()
                    .map(|k| {
                        p.places
                            .iter()
                            .find(|(key, _)| key == k)
                            .map(|(_, d)| d.to_string())
                            .or_else(|| {
                                p.anchors
                                    .iter()
                                    .find(|a| &a.key == k)
                                    .map(|a| a.display.to_string())
                            })
                            .unwrap_or_else(|| k.clone())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
    }
    fn topic(&self, items: &[usize]) -> String {
        let Some(&first) = items.first() else {
            return String::new();
        };
        if self.what == What::Statement {
            let content = &self.ctx.preps[self.items[first].prep].claim.content;
            return format!("date of “{}”", super::text::clip(content, 10));
        }
        let mut shared: Option<BTreeSet<String>> = None;
        for &i in items {
            let p = &self.items[i].participants;
            let next: BTreeSet<String> = match &shared {
                None => p.clone(),
                Some(s) => s.intersection(p).cloned().collect(),
            };
            // Keep at least the participants the first two share.
            if next.len() < 2 && shared.as_ref().is_some_and(|s| s.len() >= 2) {
                break;
            }
            shared = Some(next);
        }
        let mut names: Vec<String> = shared
            .unwrap_or_default()
            .iter()
            .map(|k| {
                items
                    .iter()
                    .map(|&i| &self.ctx.preps[self.items[i].prep])
                    .find_map(|p| {
                        p.anchors
                            .iter()
                            .find(|a| &a.key == k)
                            .map(|a| a.display.to_string())
                    })
                    .unwrap_or_else(|| display_key(k))
            })
            .collect();
        names.sort();
        let Some(f) = self.ctx.rules.frames.get(self.items[first].frame) else {
            let day = self.items[first].date.as_deref().unwrap_or_default();
            return format!("whereabouts of {} on {day}", names.join(", "));
        };
        let what = match self.what {
            What::Date | What::Statement => "date",
            What::Place | What::Whereabouts => "place",
        };
        format!("{what} of the {} ({})", f.topic, names.join(", "))
    }
    fn agreement_rule(&self) -> &'static str {
        match self.what {
            What::Date | What::Statement => "date-agreement",
            What::Place => "place-agreement",
            What::Whereabouts => "whereabouts-agreement",
        }
    }
    fn update_rule(&self) -> &'static str {
        match self.what {
            What::Date | What::Statement => "date-update",
            What::Place => "place-update",
            What::Whereabouts => "whereabouts-update",
        }
    }
    fn timeline(&self, i: usize) -> (u8, String) {
        let p = &self.ctx.preps[self.items[i].prep];
        let published = p
            .article
            .and_then(|a| a.meta.published.as_deref())
            .unwrap_or("");
        (1, format!("{published}|{:012}", self.items[i].prep))
    }
}

/// Where the first of several events told in one content ends (a token position), when
/// a clause boundary separates its date from the next date: "X met Y in Florida on Nov. 30,
/// and Z held another meeting a day later" is read as a meeting on Nov. 30 (the claim's
/// date, which comes from the content's first date expression). A boundary is a semicolon,
/// or a comma followed by one of `events.clause_joins`; the last one before the second
/// date expression is taken. `None` when the content has fewer than two date expressions
/// or no such boundary separates the first two.
fn first_clause_end(p: &super::Tokd, lex: &super::Lexicon) -> Option<usize> {
    let starts = super::date_expression_starts(&p.toks, lex);
    let (&first, &second) = (starts.first()?, starts.get(1)?);
    let content = p.claim.content.as_str();
    (first + 1..=second).rev().find(|&i| {
        let gap = content
            .get(p.toks[i - 1].end as usize..p.toks[i].start as usize)
            .unwrap_or("");
        gap.contains(';') || (gap.contains(',') && lex.clause_joins.contains(&p.toks[i].norm))
    })
}

/// The part of a claim's content that tells its event (a token position where it ends)
/// and the event's date: the whole content with its one date expression, or the first
/// clause (see [`first_clause_end`]) with the claim's date, or the whole content undated.
fn extent<'p>(p: &'p super::Tokd, lex: &super::Lexicon) -> (usize, Option<&'p str>) {
    match p.event_date {
        Some(d) => (p.toks.len(), Some(d)),
        None => match first_clause_end(p, lex) {
            Some(e) => (e, p.claim.date.as_deref().filter(|d| !d.is_empty())),
            None => (p.toks.len(), None),
        },
    }
}

/// The keys of the places an event happens at, in a claim's first `end` tokens: strong
/// anchors written where something happens ("in Florida", "visited Moscow"), each once.
fn locative_places(p: &super::Prep, end: usize) -> Vec<String> {
    let mut places: Vec<String> = Vec::new();
    for a in p.strong().filter(|a| a.locative && a.pos < end) {
        if !places.iter().any(|x| *x == a.key) {
            places.push(a.key.to_string());
        }
    }
    places
}

/// The whereabouts item of claim `pi`, if it puts named participants at a place on one
/// day (see `events.presence` in `rules/frames.toml`): `end` and `date` are its
/// [`extent`], `event_word` whether an event frame's keyword lies in it. Participants are
/// anchors that are not places nor possessives ("Trump's envoy" does not put Trump
/// anywhere).
fn whereabouts(
    p: &super::Tokd,
    lex: &super::Lexicon,
    pi: usize,
    (end, date): (usize, &str),
    event_word: bool,
) -> Option<Item> {
    // One day, not a month or a week ("in October" puts nobody anywhere on a day).
    month_day(date)?;
    let places: Vec<&super::Anchor> = p.strong().filter(|a| a.locative && a.pos < end).collect();
    if places.is_empty() {
        return None;
    }
    // "Zelenskyy in Paris", "Macron at the Elysee": the participant right before the place.
    let next_to_place = |a: &super::Anchor| {
        places.iter().any(|b| {
            b.pos > a.end
                && b.pos - a.end <= 2
                && p.toks[a.end..b.pos]
                    .iter()
                    .all(|t| t.norm == "the" || lex.locative.contains(&t.norm))
        })
    };
    let told = event_word || lex.presence.any_in(&p.toks, 0, end);
    // Only participants named in the content: "he expected the meetings in Geneva
    // would ..." does not put the speaker in Geneva.
    let participants: BTreeSet<String> = p
        .strong()
        .filter(|a| !a.place && a.pos < end)
        .filter(|a| {
            !a.end
                .checked_sub(1)
                .and_then(|k| p.toks.get(k))
                .is_some_and(|t| t.possessive())
        })
        .filter(|a| told || next_to_place(a))
        .map(|a| a.key.to_string())
        .collect();
    if participants.is_empty() {
        return None;
    }
    Some(Item {
        prep: pi,
        frame: usize::MAX,
        participants,
        words: BTreeSet::new(),
        places: locative_places(p, end),
        date: Some(date.to_string()),
        changing: false,
    })
}

/// Confidence of a whereabouts agreement: one shared participant, the same day and the
/// same place (or one inside the other), with no event frame to say what happened there.
pub const WHEREABOUTS: f64 = 0.65;

/// Compare the dates and places of events.
pub(crate) fn run(ctx: &Ctx) -> FamilyOut {
    let lex = &ctx.rules.lex;
    let mut items: Vec<Item> = Vec::new();
    let mut wb: Vec<Item> = Vec::new();
    let mut st: Vec<Item> = Vec::new();
    for (pi, p) in ctx.preps.iter().enumerate() {
        let p = &p.tokd();
        // The event's extent: the whole content, or its first clause when that clause
        // alone is dated (see `first_clause_end`).
        let (end, date) = extent(p, lex);
        let mut event_word = false;
        for (fi, f) in ctx.rules.frames.iter().enumerate() {
            if f.kind != FrameKind::Event {
                continue;
            }
            let hits: Vec<usize> = f.hits(&p.toks).into_iter().filter(|&h| h < end).collect();
            let Some(&k) = hits.first() else { continue };
            event_word = true;
            // "another meeting", "a second round": a different occurrence.
            if hits
                .iter()
                .any(|&h| lex.distinct.any_in(&p.toks, h.saturating_sub(3), h + 1))
            {
                continue;
            }
            // Places written where the event happens are its places; any other named
            // place ("U.S. envoys", "Ukraine's push") is a party to it.
            let inside = |a: &&super::Anchor| a.pos < end;
            let mut participants: BTreeSet<String> = p
                .strong()
                .filter(inside)
                .filter(|a| !a.locative)
                .map(|a| a.key.to_string())
                .collect();
            participants.extend(p.speaker_anchor.iter().map(|s| s.to_string()));
            if participants.len() < f.min_shared {
                continue;
            }
            let places = locative_places(p, end);
            let changing = lex
                .change
                .any_in(&p.toks, k.saturating_sub(f.window), k + f.window + 1);
            items.push(Item {
                prep: pi,
                frame: fi,
                participants,
                words: BTreeSet::new(),
                places,
                date: date.map(str::to_string),
                changing,
            });
            break;
        }
        if let Some(d) = date {
            wb.extend(whereabouts(p, lex, pi, (end, d), event_word));
            st.extend(dated_statement(p, lex, pi, (end, d)));
        }
    }
    let mut out = FamilyOut::default();
    for what in [What::Date, What::Place, What::Whereabouts, What::Statement] {
        let items = match what {
            What::Whereabouts => &wb,
            What::Statement => &st,
            What::Date | What::Place => &items,
        };
        let sub: Vec<usize> = (0..items.len())
            .filter(|&i| match what {
                What::Date => items[i].date.is_some(),
                What::Place => !items[i].places.is_empty(),
                What::Whereabouts | What::Statement => true,
            })
            .collect();
        // Dated statements are blocked by their rarest words (as plain statements).
        let df = if what == What::Statement {
            super::word_counts(items.iter().map(|it| &it.words))
        } else {
            HashMap::new()
        };
        let keyed = sub.iter().enumerate().flat_map(|(k, &i)| {
            let it = &items[i];
            if what == What::Statement {
                // Every word few statements use (two shared words must meet in some
                // block), and the three rarest whatever their counts.
                return super::rarest_first(&it.words, &df)
                    .into_iter()
                    .enumerate()
                    .filter(|&(r, (_, n))| r < 3 || n <= super::FULL_BLOCK)
                    .map(|(_, (w, _))| (format!("stmt|{w}"), k))
                    .collect::<Vec<_>>();
            }
            let ps: Vec<&String> = it.participants.iter().collect();
            let mut keys = Vec::new();
            let min_shared = ctx.rules.frames.get(it.frame).map_or(1, |f| f.min_shared);
            if min_shared <= 1 {
                keys.extend(ps.iter().map(|p| (format!("{}|{p}", it.frame), k)));
            } else {
                for x in 0..ps.len() {
                    for y in x + 1..ps.len() {
                        keys.push((format!("{}|{}|{}", it.frame, ps[x], ps[y]), k));
                    }
                }
            }
            keys
        });
        let pairs = candidate_pairs(keyed, |k| (items[sub[k]].date.clone(), items[sub[k]].prep));
        let mut judged = Judged::default();
        for (a, b) in pairs {
            if let Some(j) = judge(ctx, &items[sub[a]], &items[sub[b]], what) {
                judged.push(a, b, j);
            }
        }
        let fam_items: Vec<Item> = sub
            .iter()
            .map(|&i| {
                let it = &items[i];
                Item {
                    prep: it.prep,
                    frame: it.frame,
                    participants: it.participants.clone(),
                    words: it.words.clone(),
                    places: it.places.clone(),
                    date: it.date.clone(),
                    changing: it.changing,
                }
            })
            .collect();
        // Whereabouts say where someone was, not what happened, and a dated statement's
        // words may say it loosely: they do not make a claim checkable (nor, alone,
        // single-source).
        if !matches!(what, What::Whereabouts | What::Statement) {
            out.checkable.extend(fam_items.iter().map(|it| it.prep));
        }
        let fam = Events {
            ctx,
            items: fam_items,
            what,
        };
        let mut o = assemble(ctx, &fam, fam.items.len(), judged);
        if what == What::Whereabouts {
            // Told already when an event's place agreement holds all its claims.
            let told = |f: &crate::model::Finding| {
                out.findings.iter().any(|e| {
                    e.rule == "place-agreement" && f.claims.iter().all(|c| e.claims.contains(c))
                })
            };
            o.findings.retain(|f| !told(f));
        }
        out.findings.extend(o.findings);
        out.same.extend(o.same);
    }
    out
}

/// Words that never count in a dated statement: modal and auxiliary forms, which
/// reported speech shifts ("owners can book" is told "owners would be able to book").
const STATEMENT_SKIP: &[&str] = &[
    "able", "can", "could", "may", "might", "must", "shall", "should", "will", "would",
];

/// Dated statements: at least this many content words in common...
pub const STATEMENT_SHARED: usize = 2;
/// ... and at least this share of the shorter statement's words.
pub const STATEMENT_OVERLAP: f64 = 0.5;

/// The content words of a claim's first `end` tokens, stemmed: not stop words, names
/// (anchors, or capitalised inside the sentence), numbers, dates, nor words of fewer
/// than three letters.
fn statement_words(p: &super::Tokd, lex: &super::Lexicon, end: usize) -> BTreeSet<String> {
    let toks = &p.toks[..end.min(p.toks.len())];
    let named = |i: usize| {
        p.anchors
            .iter()
            .any(|a| a.pos <= i && i < a.end.max(a.pos + 1))
    };
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(n) = lex.dates.match_at(toks, i) {
            i += n.max(1);
            continue;
        }
        let t = &toks[i];
        let norm = super::text::strip_possessive(&t.norm);
        if super::content_word(t, norm, lex)
            && !named(i)
            && !STATEMENT_SKIP.contains(&norm)
            && lex.negations.match_at(toks, i).is_none()
        {
            out.insert(super::text::stem(norm));
        }
        i += 1;
    }
    out
}

/// The dated-statement item of claim `pi`: what its content says happens on its one
/// date ("owners can book a free repair from March 3"). `end` and `date` are its
/// [`extent`]. A hedge does not unsay a date ("repairs could be booked from March 5":
/// reported speech backshifts "can" and "will"); a statement needs two words to compare.
fn dated_statement(
    p: &super::Tokd,
    lex: &super::Lexicon,
    pi: usize,
    (end, date): (usize, &str),
) -> Option<Item> {
    // One day: a range ("three weeks ago", "in April") says too little to contradict.
    if date.len() != 10 || day_number(date).is_none() {
        return None;
    }
    let words = statement_words(p, lex, end);
    if words.len() < STATEMENT_SHARED {
        return None;
    }
    let changing = lex.change.any_in(&p.toks, 0, end);
    Some(Item {
        prep: pi,
        frame: usize::MAX,
        participants: BTreeSet::new(),
        words,
        places: Vec::new(),
        date: Some(date.to_string()),
        changing,
    })
}

/// Whether a date lies after the claim's article was published (`None` without a
/// publication date).
fn ahead(p: &super::Prep, date: &str) -> Option<bool> {
    let published = p.article?.meta.published.as_deref()?;
    Some(day_number(date)? > day_number(published)?)
}

/// Two dated statements say the same thing happens when their words overlap (at least
/// [`STATEMENT_SHARED`] words and [`STATEMENT_OVERLAP`] of the shorter one), in one story,
/// from two articles, naming no different things, both ahead of or both behind their
/// articles' dates ("will return to work on Monday" is not "stopped work on Friday").
/// Then the same day agrees; days apart (within `events.max_gap_days`) contradict, or
/// make an update when a change word says it moved.
fn judge_statement(ctx: &Ctx, a: &Item, b: &Item) -> Option<Judgement> {
    let (pa, pb) = (&ctx.preps[a.prep], &ctx.preps[b.prep]);
    if pa.claim.article == pb.claim.article
        || !super::same_story(pa, pb)
        || super::named_apart(pa, pb)
    {
        return None;
    }
    let shared = a.words.intersection(&b.words).count();
    let shorter = a.words.len().min(b.words.len()).max(1);
    let overlap = shared as f64 / shorter as f64;
    if shared < STATEMENT_SHARED || overlap < STATEMENT_OVERLAP {
        return None;
    }
    let (da, db) = (a.date.as_deref()?, b.date.as_deref()?);
    if ahead(pa, da)? != ahead(pb, db)? {
        return None;
    }
    if same_day(da, db) {
        return Some(Judgement::Same(0.5 + 0.3 * overlap));
    }
    let gap = (day_number(da)? - day_number(db)?).abs();
    if gap > ctx.rules.lex.max_gap_days {
        return None;
    }
    let confidence = 0.45 + 0.3 * overlap;
    if a.changing || b.changing {
        return Some(Judgement::Differ {
            confidence,
            kind: FindingKind::Update,
            rule: "date-update",
        });
    }
    Some(Judgement::Differ {
        confidence,
        kind: FindingKind::Contradiction,
        rule: "date-contradiction",
    })
}

fn judge(ctx: &Ctx, a: &Item, b: &Item, what: What) -> Option<Judgement> {
    if a.prep == b.prep || a.frame != b.frame {
        return None;
    }
    if what == What::Statement {
        return judge_statement(ctx, a, b);
    }
    let narrow = |x: &[String]| x.iter().any(|p| !ctx.rules.too_broad(p));
    let Some(f) = ctx.rules.frames.get(a.frame) else {
        // Whereabouts: agreements only.
        let same_place = a
            .places
            .iter()
            .any(|p| b.places.iter().any(|q| ctx.rules.places_compatible(p, q)));
        let agree = a
            .participants
            .intersection(&b.participants)
            .next()
            .is_some()
            && same_day(a.date.as_deref()?, b.date.as_deref()?)
            && same_place
            && narrow(&a.places)
            && narrow(&b.places);
        return agree.then_some(Judgement::Same(WHEREABOUTS));
    };
    let shared = a.participants.intersection(&b.participants).count();
    if shared < f.min_shared {
        return None;
    }
    let compatible = |x: &[String], y: &[String]| {
        x.iter()
            .any(|p| y.iter().any(|q| ctx.rules.places_compatible(p, q)))
    };
    let both_placed = !a.places.is_empty() && !b.places.is_empty();
    // Each names someone the other does not ("Witkoff to meet Putin" against "Witkoff to
    // meet Zelensky"): two meetings of one story, whose dates and places may differ.
    let distinct_events =
        !a.participants.is_subset(&b.participants) && !b.participants.is_subset(&a.participants);
    let extra = 0.05 * (shared.saturating_sub(f.min_shared)).min(3) as f64;
    match what {
        What::Statement => None,
        What::Date => {
            let (da, db) = (a.date.as_deref()?, b.date.as_deref()?);
            if both_placed && !compatible(&a.places, &b.places) {
                return None;
            }
            if same_day(da, db) {
                // A day without a year agrees a little less surely.
                let yearless = if da == db { 0.0 } else { 0.05 };
                return Some(Judgement::Same(0.75 + extra - yearless));
            }
            if distinct_events {
                return None;
            }
            let gap = (day_number(da)? - day_number(db)?).abs();
            if gap > ctx.rules.lex.max_gap_days {
                return None;
            }
            if a.changing || b.changing {
                return Some(Judgement::Differ {
                    confidence: 0.7 + extra,
                    kind: FindingKind::Update,
                    rule: "date-update",
                });
            }
            Some(Judgement::Differ {
                confidence: 0.7 + extra,
                kind: FindingKind::Contradiction,
                rule: "date-contradiction",
            })
        }
        What::Place | What::Whereabouts => {
            if !both_placed {
                return None;
            }
            if let (Some(da), Some(db)) = (&a.date, &b.date) {
                if !same_day(da, db) {
                    return None;
                }
            }
            if compatible(&a.places, &b.places) {
                // "in Europe" and "in Paris" do not contradict, nor confirm each other.
                return (narrow(&a.places) && narrow(&b.places))
                    .then_some(Judgement::Same(0.7 + extra));
            }
            if a.places.len() != 1 || b.places.len() != 1 || distinct_events {
                return None;
            }
            let (kind, rule) = if a.changing || b.changing {
                (FindingKind::Update, "place-update")
            } else {
                (FindingKind::Contradiction, "place-contradiction")
            };
            Some(Judgement::Differ {
                confidence: 0.7 + extra,
                kind,
                rule,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::compare::DEFAULT_MIN_CONFIDENCE as DEFAULT;
    use crate::model::{FindingKind, QuoteKind};

    fn arts() -> Vec<crate::model::Article> {
        vec![
            article("a", "Alpha News", None, "2025-12-01"),
            article("b", "Beta Times", None, "2025-12-02"),
            article("c", "Gamma Post", None, "2025-12-03"),
        ]
    }

    fn c(art: &str, n: usize, content: &str) -> crate::model::Claim {
        claim(art, n, "Someone", QuoteKind::Indirect, content)
    }

    #[test]
    fn a_day_without_a_year_is_the_same_day_as_a_full_date_on_it() {
        assert!(same_day("--12-02", "2025-12-02"));
        assert!(same_day("2025-12-02", "--12-02"));
        assert!(same_day("--12-02", "--12-02"));
        assert!(!same_day("--12-02", "2025-12-03"));
        assert!(!same_day("2024-12-02", "2025-12-02"));
        assert!(!same_day("--12-01", "2025-12-01/2025-12-07"));
        assert!(!same_day("--1", "2025-12-01"));
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            day_number("2025-12-02").unwrap() - day_number("2025-11-30").unwrap(),
            2
        );
        assert_eq!(
            day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(),
            2
        );
        assert_eq!(day_number("nonsense"), None);
    }

    #[test]
    fn relative_and_absolute_dates_of_one_meeting_agree() {
        let claims = [
            dated(
                c("a", 1, "Witkoff will meet Putin on Tuesday"),
                "2025-12-02",
            ),
            dated(
                c("b", 1, "Witkoff and Kushner met Putin in Moscow on Dec. 2"),
                "2025-12-02",
            ),
            dated(
                c(
                    "c",
                    1,
                    "Vladimir Putin received Steve Witkoff for talks the next day",
                ),
                "2025-12-02",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{f:#?}");
        assert_eq!(ag[0].claims.len(), 3);
        assert_eq!(ag[0].topic, "date of the meeting (Putin, Witkoff)");
    }

    #[test]
    fn different_days_contradict() {
        let claims = [
            dated(
                c("a", 1, "Witkoff will meet Putin on Tuesday"),
                "2025-12-02",
            ),
            dated(c("b", 1, "Witkoff met Putin on Wednesday"), "2025-12-03"),
        ];
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].rule, "date-contradiction");
        assert!(k[0].confidence >= DEFAULT);
    }

    #[test]
    fn date_of_announcement_is_not_date_of_event() {
        // The resolver dated the claim from the attribution ("reported on Dec. 2"); the
        // content has no date expression, so the date is not the meeting's.
        let claims = [
            dated(
                c(
                    "a",
                    1,
                    "Witkoff and Kushner were expected to meet Zelensky in Europe",
                ),
                "2025-12-02",
            ),
            dated(
                c("b", 1, "Witkoff and Kushner will meet Zelensky on Thursday"),
                "2025-12-04",
            ),
            // Two date expressions: ambiguous.
            dated(
                c(
                    "c",
                    1,
                    "Zelensky announced on Monday that Witkoff and Kushner will meet him on Friday",
                ),
                "2025-12-01",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn different_occurrences_are_not_compared() {
        let claims = [
            dated(
                c("a", 1, "Umerov and Witkoff met in Florida on Sunday"),
                "2025-11-30",
            ),
            dated(
                c("b", 1, "Umerov and Witkoff held another meeting on Monday"),
                "2025-12-01",
            ),
            dated(c("c", 1, "Umerov and Witkoff met in August"), "2025-08-15"),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn different_sub_topics_of_one_event_need_shared_participants() {
        // One summit, two different meetings on its margins.
        let claims = [
            dated(
                c("a", 1, "Macron met Scholz in Brussels on Thursday"),
                "2025-12-04",
            ),
            dated(
                c("b", 1, "Macron met Meloni in Brussels on Friday"),
                "2025-12-05",
            ),
        ];
        assert!(of(&find_all(&arts(), &claims), FindingKind::Contradiction).is_empty());
    }

    #[test]
    fn places_contradict_unless_one_contains_the_other() {
        let claims = [
            place(c("a", 1, "Rubio met Umerov in Miami"), "Miami"),
            place(c("b", 1, "Rubio and Umerov held talks in Geneva"), "Geneva"),
            place(c("c", 1, "Rubio met Umerov in Florida"), "Florida"),
        ];
        let f = find_all(&arts(), &claims);
        // With equality only, Miami/Florida/Geneva all differ.
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 3, "{f:#?}");
        // With a gazetteer, Miami is in Florida.
        let mut r = rules();
        r.set_lookup(std::sync::Arc::new(|a: &str, b: &str| {
            a == "miami" && b == "florida"
        }));
        let f = crate::compare::compare_all(&arts(), &claims, &r);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].claims.len(), 3);
        assert_eq!(k[0].rule, "place-contradiction");
        assert!(k[0].topic.starts_with("place of the meeting"));
    }

    #[test]
    fn the_speaker_takes_part_when_the_content_refers_back() {
        let mut a = c("a", 1, "he would meet Yelena Sarkis in Vienna on March 17");
        a.speaker.name = "Tomas Hollander".into();
        let claims = [
            dated(a, "2026-03-17"),
            dated(
                c(
                    "b",
                    1,
                    "Hollander and Sarkis will meet in Vienna on March 17",
                ),
                "2026-03-17",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let rules: Vec<&str> = of(&f, FindingKind::Agreement)
            .iter()
            .map(|f| f.rule.as_str())
            .collect();
        assert_eq!(rules, ["date-agreement", "place-agreement"], "{f:#?}");
        assert_eq!(f[0].topic, "date of the meeting (Hollander, Sarkis)");
    }

    #[test]
    fn a_postponed_meeting_is_an_update() {
        let claims = [
            dated(c("a", 1, "Ruiz will meet Okafor on Tuesday"), "2025-12-02"),
            dated(
                c(
                    "b",
                    1,
                    "the meeting of Ruiz and Okafor was postponed to Friday",
                ),
                "2025-12-05",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        assert_eq!(of(&f, FindingKind::Update).len(), 1, "{f:#?}");
    }

    #[test]
    fn the_first_of_two_events_in_one_sentence_is_dated_by_its_own_clause() {
        // The resolver dates a claim by its content's first date expression.
        let claims = [
            dated(
                c(
                    "a",
                    1,
                    "Okafor and Lindqvist discussed the ceasefire with Ruiz in Lagos on March 3, and Okafor and Ruiz held another meeting a day later",
                ),
                "2026-03-03",
            ),
            dated(
                c("b", 1, "Ruiz and Okafor held talks on Tuesday"),
                "2026-03-03",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{f:#?}");
        assert_eq!(ag[0].rule, "date-agreement");
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn two_dates_without_a_clause_boundary_date_no_event() {
        // "on Monday ... on Friday" in one clause: which date is the meeting's is unknown,
        // so the claim's (first) date must not contradict the other article's.
        let claims = [
            dated(
                c(
                    "a",
                    1,
                    "Ruiz said on Monday that Okafor will meet Lindqvist on Friday",
                ),
                "2026-03-02",
            ),
            dated(
                c("b", 1, "Okafor and Lindqvist will meet on Friday"),
                "2026-03-06",
            ),
            // A comma inside a list of names is not a clause boundary either.
            dated(
                c(
                    "c",
                    1,
                    "Okafor met Lindqvist, Ruiz, and Amadi on Monday before talks on Friday",
                ),
                "2026-03-02",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn whereabouts_on_one_day_agree() {
        let claims = [
            dated(
                c("a", 1, "Okafor in Lisbon Monday to see Amadi"),
                "2026-03-02",
            ),
            dated(
                c(
                    "b",
                    1,
                    "Okafor spoke about the talks with Ruiz, which took place the day before in Lisbon",
                ),
                "2026-03-02",
            ),
        ];
        let f = find_all(&arts(), &claims);
        let ag = of(&f, FindingKind::Agreement);
        assert_eq!(ag.len(), 1, "{f:#?}");
        assert_eq!(ag[0].rule, "whereabouts-agreement");
        assert_eq!(ag[0].topic, "whereabouts of Okafor on 2026-03-02");
        assert!(ag[0].confidence >= DEFAULT);
    }

    #[test]
    fn whereabouts_never_contradict_and_need_one_day() {
        let claims = [
            dated(
                c("a", 1, "Okafor in Lisbon Monday to see Amadi"),
                "2026-03-02",
            ),
            // Another place the same day: people travel.
            dated(
                c("b", 1, "Okafor arrived in Madrid on Monday"),
                "2026-03-02",
            ),
            // A month is not a day.
            dated(
                c("c", 1, "Okafor traveled to Lisbon in March"),
                "2026-03-01/2026-03-31",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(
            f.iter().all(|f| f.rule != "whereabouts-agreement"),
            "{f:#?}"
        );
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn a_possessive_or_an_unrelated_mention_puts_nobody_anywhere() {
        let claims = [
            // Amadi's envoy was in Lisbon, not Amadi.
            dated(
                c("a", 1, "Amadi's envoy arrived in Lisbon on Monday"),
                "2026-03-02",
            ),
            dated(c("b", 1, "Amadi in Lisbon Monday"), "2026-03-02"),
            // No word of presence and the name is not next to the place.
            dated(
                c("c", 1, "Amadi said on Monday that prices in Lisbon rose"),
                "2026-03-02",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(
            f.iter().all(|f| f.rule != "whereabouts-agreement"),
            "{f:#?}"
        );
    }

    fn said_on(art: &str, n: usize, content: &str, date: &str) -> crate::model::Claim {
        let mut c = claim(
            art,
            n,
            &format!("Clerk {art}"),
            QuoteKind::Indirect,
            content,
        );
        c.date = Some(date.into());
        c
    }

    /// Two outlets' statements of when free repairs start: December 8 and December 10.
    fn repair_dates() -> [crate::model::Claim; 2] {
        [
            said_on(
                "a",
                1,
                "owners would be able to book a free repair from December 8",
                "2025-12-08",
            ),
            said_on(
                "b",
                1,
                "repairs could be booked from December 10 at any workshop",
                "2025-12-10",
            ),
        ]
    }

    #[test]
    fn statements_saying_the_same_thing_happens_on_different_days_contradict() {
        // No event frame, no participants: the words say what happens.
        let claims = repair_dates();
        let f = find_all(&arts(), &claims);
        let k = of(&f, FindingKind::Contradiction);
        assert_eq!(k.len(), 1, "{f:#?}");
        assert_eq!(k[0].rule, "date-contradiction");
        assert!(
            k[0].topic.starts_with("date of “owners would be able"),
            "{}",
            k[0].topic
        );
        // The same day agrees.
        let mut same = claims.clone();
        same[1].content = "repairs could be booked from December 8 at any workshop".into();
        same[1].date = Some("2025-12-08".into());
        let f = find_all(&arts(), &same);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        assert_eq!(of(&f, FindingKind::Agreement).len(), 1, "{f:#?}");
    }

    #[test]
    fn the_day_a_claim_was_said_on_dates_no_event() {
        // Dated by their contents, these contradict (see above); dated by their
        // attributions ("..., she said on Monday", the content's date unread), the day
        // each was said says nothing about when repairs start.
        let mut claims = repair_dates();
        let f = find_all(&arts(), &claims);
        assert_eq!(of(&f, FindingKind::Contradiction).len(), 1, "{f:#?}");
        for c in &mut claims {
            c.date_source = Some("attribution, weekday on or before publication".into());
        }
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
    }

    #[test]
    fn dated_statements_need_shared_words_and_the_same_side_of_publication() {
        // One word in common is not the same thing.
        let claims = [
            said_on(
                "a",
                1,
                "the strike began on Monday at the mine",
                "2025-11-24",
            ),
            said_on("b", 1, "the strike will end on Friday", "2025-12-05"),
        ];
        assert!(of(&find_all(&arts(), &claims), FindingKind::Contradiction).is_empty());
        // What will happen is not what happened (published 1 and 2 December).
        let claims = [
            said_on(
                "a",
                1,
                "workers will return to work on Thursday",
                "2025-12-04",
            ),
            said_on("b", 1, "workers stopped work on Friday", "2025-11-28"),
        ];
        assert!(of(&find_all(&arts(), &claims), FindingKind::Contradiction).is_empty());
        // A week is not a day.
        let claims = [
            said_on(
                "a",
                1,
                "the repair shops opened for owners last week",
                "2025-11-24/2025-11-30",
            ),
            said_on(
                "b",
                1,
                "the repair shops opened for owners on Tuesday",
                "2025-11-25",
            ),
        ];
        assert!(of(&find_all(&arts(), &claims), FindingKind::Contradiction).is_empty());
        // A change word makes it an update ("postponed").
        let claims = [
            said_on(
                "a",
                1,
                "the vote on the budget will take place on December 8",
                "2025-12-08",
            ),
            said_on(
                "b",
                1,
                "the vote on the budget was postponed to December 12",
                "2025-12-12",
            ),
        ];
        let f = find_all(&arts(), &claims);
        assert!(of(&f, FindingKind::Contradiction).is_empty(), "{f:#?}");
        assert_eq!(of(&f, FindingKind::Update).len(), 1, "{f:#?}");
    }
}
