//! The two pictures of the HTML report, drawn as inline SVG by crosscheck itself (no
//! library, no script, no external asset):
//!
//! - [`timeline`]: one per topic; each claim is a dot at its resolved date (the article's
//!   publication date when the claim has none), on a lane per outlet, coloured by outlet,
//!   labelled with its value; claims that contradict each other are joined by a red
//!   dashed line, so contradicting values stand visibly apart.
//! - [`relay_graph`]: who is quoted through whom, in three columns: the outlet that
//!   published the article → the outlet it relays the claim through (a cited outlet, or
//!   the wire service the whole article is credited to) → the speaker. Three "sources"
//!   that are one wire story show as three edges into one middle node.
//!
//! Owns: layout and drawing. Every piece of text is escaped with [`esc`]; output is
//! deterministic (sorted maps, fixed number formatting).

use super::Index;
use crate::model::{Article, Claim, FindingKind, Status};
use crate::pipeline::Corpus;
use std::collections::{BTreeMap, BTreeSet};

/// Escape text for HTML and SVG, in element content and in quoted attributes alike.
/// Control characters (but tab and line breaks) and bidirectional overrides are dropped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || super::is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Ten colours that stay apart for most readers (Tableau 10).
pub const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7", "#9c755f",
    "#e15759", "#bab0ac",
];

/// A colour per outlet name, the same in every picture of one report.
#[derive(Clone, Debug, Default)]
pub struct OutletColors {
    index: BTreeMap<String, usize>,
}

impl OutletColors {
    /// Colours for every outlet named in `corpus` (publishing, cited or wire), in name order.
    pub fn new(corpus: &Corpus) -> Self {
        let mut names = BTreeSet::new();
        for a in &corpus.articles {
            names.insert(outlet_of(a).to_string());
            if let Some(w) = &a.meta.wire {
                names.insert(w.clone());
            }
        }
        for c in &corpus.claims {
            if let Some(o) = &c.cited_outlet {
                names.insert(o.to_string());
            }
        }
        OutletColors {
            index: names.into_iter().enumerate().map(|(i, n)| (n, i)).collect(),
        }
    }
    /// The colour of `outlet`.
    pub fn color(&self, outlet: &str) -> &'static str {
        let i = self.index.get(outlet).copied().unwrap_or(PALETTE.len() - 1);
        PALETTE[i % PALETTE.len()]
    }
}

/// The article's outlet, or "?".
pub fn outlet_of(a: &Article) -> &str {
    a.meta.outlet.as_deref().unwrap_or("?")
}

/// Days since 1970-01-01 of an ISO date's first ten characters (`YYYY-MM-DD`).
pub fn day_number(iso: &str) -> Option<i64> {
    let d = iso.get(..10)?;
    let mut parts = d.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || d.len() != 10 {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The date a claim is placed at: its own, else its article's publication date.
pub fn claim_date<'a>(c: &'a Claim, a: &'a Article) -> Option<&'a str> {
    c.date.as_deref().filter(|d| day_number(d).is_some()).or(a
        .meta
        .published
        .as_deref()
        .filter(|d| day_number(d).is_some()))
}

/// Lowercase words of letters and digits.
fn word_keys(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A short label for a claim: its quantities when it has some; else the words that set it
/// apart from the claims it is compared with (`others`); else its first words.
pub fn claim_label(c: &Claim, others: &[&Claim]) -> String {
    if !c.quantities.is_empty() {
        let q: Vec<&str> = c.quantities.iter().map(|q| q.text.as_str()).collect();
        return super::ellipsize(&q.join(", "), 28);
    }
    let other_sets: Vec<BTreeSet<String>> = others
        .iter()
        .map(|o| word_keys(&o.content).into_iter().collect())
        .collect();
    let differing: Vec<String> = word_keys(&c.content)
        .into_iter()
        .filter(|w| other_sets.iter().any(|o| !o.contains(w)))
        .take(4)
        .collect();
    if !others.is_empty() && !differing.is_empty() {
        return super::ellipsize(&differing.join(" "), 28);
    }
    let words: Vec<&str> = c.content.split_whitespace().take(5).collect();
    super::ellipsize(&words.join(" "), 28)
}

/// The timeline of one topic: the claims of its findings (`findings`: kind and claim ids).
pub fn timeline(
    findings: &[(FindingKind, &crate::model::ClaimIds)],
    index: &Index<'_>,
    colors: &OutletColors,
) -> String {
    // Claims in first-seen order, deduplicated.
    let mut seen = BTreeSet::new();
    let mut claims: Vec<(&Claim, &Article)> = vec![];
    for (_, ids) in findings {
        for id in ids.iter() {
            if let Some(c) = index.claim(id) {
                if let Some(a) = index.article(&c.article) {
                    if seen.insert(c.id.as_str()) {
                        claims.push((c, a));
                    }
                }
            }
        }
    }
    if claims.is_empty() {
        return String::new();
    }
    let lanes: Vec<&str> = claims
        .iter()
        .map(|(_, a)| outlet_of(a))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let days: Vec<Option<i64>> = claims
        .iter()
        .map(|(c, a)| claim_date(c, a).and_then(day_number))
        .collect();
    let dated: Vec<i64> = days.iter().flatten().copied().collect();
    let any_undated = days.iter().any(Option::is_none);
    let (left, right, top, lane_h) = (160.0, 30.0, 34.0, 34.0);
    let width = 760.0;
    let undated_w = if any_undated { 90.0 } else { 0.0 };
    let plot_w = width - left - right - undated_w;
    let height = top + lane_h * lanes.len() as f64 + 36.0;
    let (dmin, dmax) = (
        dated.iter().min().copied().unwrap_or(0),
        dated.iter().max().copied().unwrap_or(0),
    );
    let x_of = |d: Option<i64>| -> f64 {
        match d {
            None => width - right - undated_w / 2.0,
            Some(_) if dmax == dmin => left + plot_w / 2.0,
            Some(d) => left + 10.0 + (plot_w - 20.0) * (d - dmin) as f64 / (dmax - dmin) as f64,
        }
    };
    let lane_of = |a: &Article| lanes.iter().position(|l| *l == outlet_of(a)).unwrap_or(0);
    let mut svg = format!(
        "<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title>Timeline: each claim at its date, one lane per outlet</title>"
    );
    // Lanes and their outlet names.
    for (i, lane) in lanes.iter().enumerate() {
        let y = top + lane_h * i as f64 + lane_h / 2.0;
        svg.push_str(&format!(
            "<line x1=\"{left:.0}\" y1=\"{y:.1}\" x2=\"{:.0}\" y2=\"{y:.1}\" class=\"lane\"/>\
             <circle cx=\"12\" cy=\"{y:.1}\" r=\"5\" fill=\"{}\"/>\
             <text x=\"22\" y=\"{:.1}\" class=\"lane-label\">{}</text>",
            width - right,
            colors.color(lane),
            y + 4.0,
            esc(&super::ellipsize(lane, 20))
        ));
    }
    // Date axis.
    let axis_y = top + lane_h * lanes.len() as f64 + 8.0;
    svg.push_str(&format!(
        "<line x1=\"{left:.0}\" y1=\"{axis_y:.1}\" x2=\"{:.0}\" y2=\"{axis_y:.1}\" class=\"axis\"/>",
        left + plot_w
    ));
    let mut ticks: BTreeMap<i64, String> = BTreeMap::new();
    for ((c, a), d) in claims.iter().zip(&days) {
        if let (Some(d), Some(s)) = (d, claim_date(c, a)) {
            ticks.entry(*d).or_insert_with(|| s[..10].to_string());
        }
    }
    // At most five tick labels, spread over the range.
    let tick_list: Vec<(i64, String)> = ticks.into_iter().collect();
    let step = tick_list.len().div_ceil(5).max(1);
    for (i, (d, label)) in tick_list.iter().enumerate() {
        if i % step != 0 && i + 1 != tick_list.len() {
            continue;
        }
        let x = x_of(Some(*d));
        svg.push_str(&format!(
            "<line x1=\"{x:.1}\" y1=\"{axis_y:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"axis\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" class=\"tick\">{}</text>",
            axis_y + 4.0,
            axis_y + 18.0,
            esc(label)
        ));
    }
    if any_undated {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\">undated</text>",
            width - right - undated_w / 2.0,
            axis_y + 18.0
        ));
    }
    // Positions, nudging dots that would sit on each other.
    let mut taken: BTreeMap<(usize, i64), usize> = BTreeMap::new();
    let mut pos: BTreeMap<&str, (f64, f64, usize)> = BTreeMap::new();
    for ((c, a), d) in claims.iter().zip(&days) {
        let lane = lane_of(a);
        let base = x_of(*d);
        let slot = taken.entry((lane, base.round() as i64)).or_default();
        let x = base + 14.0 * *slot as f64;
        let y = top + lane_h * lane as f64 + lane_h / 2.0;
        pos.insert(c.id.as_str(), (x, y, *slot));
        *slot += 1;
    }
    // Contradictions: a red dashed line between each pair of their claims.
    for (kind, ids) in findings {
        if *kind != FindingKind::Contradiction {
            continue;
        }
        let pts: Vec<(f64, f64)> = ids
            .iter()
            .filter_map(|id| pos.get(&**id).map(|p| (p.0, p.1)))
            .collect();
        for w in pts.windows(2) {
            svg.push_str(&format!(
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"contradiction\"/>",
                w[0].0, w[0].1, w[1].0, w[1].1
            ));
        }
    }
    let contradicting: BTreeSet<&str> = findings
        .iter()
        .filter(|(k, _)| *k == FindingKind::Contradiction)
        .flat_map(|(_, ids)| ids.iter().map(AsRef::as_ref))
        .collect();
    for (c, a) in &claims {
        let Some(&(x, y, slot)) = pos.get(c.id.as_str()) else {
            continue;
        };
        let date = claim_date(c, a).unwrap_or("undated");
        let label_y = if slot % 2 == 0 { y - 9.0 } else { y + 17.0 };
        // Labels near an edge grow inwards so they are not cut.
        let anchor = if x > width * 0.7 {
            "end"
        } else if x < left + 60.0 {
            "start"
        } else {
            "middle"
        };
        // What sets the claim apart, against the claims it disagrees with.
        let others: Vec<&Claim> = findings
            .iter()
            .filter(|(k, _)| *k != FindingKind::Agreement)
            .filter(|(_, ids)| ids.iter().any(|i| **i == *c.id))
            .flat_map(|(_, ids)| ids.iter())
            .filter(|id| ***id != *c.id)
            .filter_map(|id| index.claim(id))
            .collect();
        svg.push_str(&format!(
            "<g class=\"point{}\"><title>{}</title>\
             <circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{}\"/>\
             <text x=\"{x:.1}\" y=\"{label_y:.1}\" class=\"value\" text-anchor=\"{anchor}\">{}</text></g>",
            if contradicting.contains(c.id.as_str()) {
                " contradicting"
            } else {
                ""
            },
            esc(&format!(
                "{} · {} · {}: {}",
                outlet_of(a),
                date,
                c.speaker.name,
                super::ellipsize(&c.content, 200)
            )),
            colors.color(outlet_of(a)),
            esc(&claim_label(c, &others))
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Most nodes drawn per column; the rest are merged into one "others" node.
pub const MAX_NODES: usize = 30;

/// A node of the relay graph: its column and name.
type Node = (Col, String);

/// The three columns of the relay graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Outlet,
    Relay,
    Speaker,
}

/// The relay graph of every claim in the corpus, and the relays that more than one
/// publishing outlet goes through (name, number of outlets), most first.
pub fn relay_graph(
    corpus: &Corpus,
    index: &Index<'_>,
    colors: &OutletColors,
) -> (String, Vec<(String, usize)>) {
    // Raw paths per claim.
    let mut paths: Vec<(String, Option<String>, String)> = vec![];
    for c in &corpus.claims {
        let Some(a) = index.article(&c.article) else {
            continue;
        };
        if a.status != Status::Ok {
            continue;
        }
        let outlet = outlet_of(a).to_string();
        let relay = c
            .cited_outlet
            .as_deref()
            .map(str::to_string)
            .or_else(|| a.meta.wire.clone())
            .filter(|r| *r != outlet);
        paths.push((outlet, relay, c.speaker.name.to_string()));
    }
    if paths.is_empty() {
        return (
            "<p class=\"empty\">No claims to draw.</p>".to_string(),
            vec![],
        );
    }
    // Node weights per column, then keep the heaviest.
    let mut weight: BTreeMap<(Col, &str), usize> = BTreeMap::new();
    for (o, r, s) in &paths {
        *weight.entry((Col::Outlet, o)).or_default() += 1;
        if let Some(r) = r {
            *weight.entry((Col::Relay, r)).or_default() += 1;
        }
        *weight.entry((Col::Speaker, s)).or_default() += 1;
    }
    let mut kept: BTreeMap<Col, Vec<(&str, usize)>> = BTreeMap::new();
    for (&(col, name), &w) in &weight {
        kept.entry(col).or_default().push((name, w));
    }
    let others = |n: usize| format!("({n} others)");
    let mut names: BTreeMap<Col, Vec<String>> = BTreeMap::new();
    let mut rename: BTreeMap<(Col, String), String> = BTreeMap::new();
    for (col, list) in &mut kept {
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let mut shown: Vec<String> = list
            .iter()
            .take(MAX_NODES)
            .map(|(n, _)| n.to_string())
            .collect();
        if list.len() > MAX_NODES {
            let label = others(list.len() - MAX_NODES);
            for (n, _) in &list[MAX_NODES..] {
                rename.insert((*col, n.to_string()), label.clone());
            }
            shown.push(label);
        }
        names.insert(*col, shown);
    }
    let name_in = |col: Col, n: &str| -> String {
        rename
            .get(&(col, n.to_string()))
            .cloned()
            .unwrap_or_else(|| n.to_string())
    };
    // Edges with counts.
    let mut edges: BTreeMap<(Node, Node), usize> = BTreeMap::new();
    let mut relay_outlets: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (o, r, s) in &paths {
        let o2 = (Col::Outlet, name_in(Col::Outlet, o));
        let s2 = (Col::Speaker, name_in(Col::Speaker, s));
        match r {
            Some(r) => {
                let r2 = (Col::Relay, name_in(Col::Relay, r));
                relay_outlets
                    .entry(r.clone())
                    .or_default()
                    .insert(o.clone());
                *edges.entry((o2, r2.clone())).or_default() += 1;
                *edges.entry((r2, s2)).or_default() += 1;
            }
            None => *edges.entry((o2, s2)).or_default() += 1,
        }
    }
    let rows = names.values().map(Vec::len).max().unwrap_or(1);
    let (top, row_h) = (40.0, 24.0);
    let height = top + row_h * rows as f64 + 10.0;
    let width = 900.0;
    let col_x = |c: Col| match c {
        Col::Outlet => 200.0,
        Col::Relay => 450.0,
        Col::Speaker => 700.0,
    };
    let node_y = |c: Col, name: &str| -> f64 {
        let list = names.get(&c).map(Vec::as_slice).unwrap_or(&[]);
        let i = list.iter().position(|n| n == name).unwrap_or(0);
        let offset = (rows - list.len()) as f64 * row_h / 2.0;
        top + offset + row_h * i as f64 + row_h / 2.0
    };
    let mut svg = format!(
        "<svg class=\"relay\" role=\"img\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title>Relay graph: publishing outlet, relaying outlet, speaker</title>\
         <text x=\"200\" y=\"18\" class=\"col-head\" text-anchor=\"end\">Published by</text>\
         <text x=\"450\" y=\"18\" class=\"col-head\" text-anchor=\"middle\">Relayed through</text>\
         <text x=\"700\" y=\"18\" class=\"col-head\">Speaker</text>"
    );
    for (((fc, from), (tc, to)), count) in &edges {
        let (x1, y1) = (col_x(*fc), node_y(*fc, from));
        let (x2, y2) = (col_x(*tc), node_y(*tc, to));
        let mid = (x1 + x2) / 2.0;
        let stroke = colors.color(from);
        let w = 1.0 + (*count as f64).ln() * 1.5;
        let class = if *fc == Col::Outlet && *tc == Col::Speaker {
            "edge direct"
        } else {
            "edge"
        };
        svg.push_str(&format!(
            "<path class=\"{class}\" d=\"M{x1:.1} {y1:.1} C{mid:.1} {y1:.1} {mid:.1} {y2:.1} {x2:.1} {y2:.1}\" \
             stroke=\"{stroke}\" stroke-width=\"{w:.1}\" fill=\"none\"><title>{} → {}: {count} claim{}</title></path>",
            esc(from),
            esc(to),
            if *count == 1 { "" } else { "s" }
        ));
    }
    for (col, list) in &names {
        for name in list {
            let (x, y) = (col_x(*col), node_y(*col, name));
            let w = weight.get(&(*col, name.as_str())).copied();
            let (anchor, tx, ty) = match col {
                Col::Outlet => ("end", x - 10.0, y + 4.0),
                Col::Relay => ("middle", x, y - 8.0),
                Col::Speaker => ("start", x + 10.0, y + 4.0),
            };
            let fill = match col {
                Col::Speaker => "#555",
                _ => colors.color(name),
            };
            svg.push_str(&format!(
                "<g class=\"node\"><title>{}{}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{fill}\"/>\
                 <text x=\"{tx:.1}\" y=\"{ty:.1}\" text-anchor=\"{anchor}\">{}</text></g>",
                esc(name),
                w.map(|w| format!(": {w} claim{}", if w == 1 { "" } else { "s" }))
                    .unwrap_or_default(),
                esc(&super::ellipsize(name, 28))
            ));
        }
    }
    svg.push_str("</svg>");
    let mut shared: Vec<(String, usize)> = relay_outlets
        .into_iter()
        .filter(|(_, outlets)| outlets.len() > 1)
        .map(|(r, outlets)| (r, outlets.len()))
        .collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    (svg, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_escapes_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\" onclick='y'>&</a>"),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(esc("a\u{0}b\u{202e}c\nd"), "abc\nd");
    }

    #[test]
    fn day_numbers_match_the_calendar() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2025-12-03"), Some(20_425));
        assert_eq!(
            day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(),
            2
        );
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("Dec 3"), None);
        assert_eq!(day_number("2025-12-03T10:00:00Z"), Some(20_425));
    }
}
