//! The waves pages: a study's migration plan (docs/format.md §5) as the report shows it, with a
//! Gantt-style timeline laid out for SVG.
//!
//! Built from the planner's typed plan and the gap rows: each item's reasons are the rows of
//! the gaps it closes, its placement is the planner's reason worded and linked by
//! [`PlanIndex`], its warnings the planner's. This module adds hours per organisation and
//! wave, the empty waves between the planned ones and the timeline's geometry; it does not
//! plan.

use super::items::{Because, ItemRef, PlanIndex, wave_path};
use super::rows::{Links, OrgLink, Src, component_href};
use super::sentence::{self, Sentence};
use crate::gaps::{Gap, tidy};
use crate::model::{Date, Num, OrgIdx, Severity, Target};
use crate::waves::{Calendar, ItemIdx, ItemKind, WarningFact, WarningKind, WavePlan};
use chrono::Datelike;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct WavesPage<'a> {
    pub lower_bound: u32,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub horizon: Date,
    /// The run date: the timeline's "today" line.
    pub as_of: Date,
    pub wave_months: Option<u32>,
    pub capacity_hours: Option<f64>,
    pub org_capacity_hours: Option<f64>,
    pub hours: f64,
    /// The waves with items, by number.
    pub waves: Vec<WaveView<'a>>,
    /// Every wave number from the first to the last planned one, the empty ones with why
    /// they are empty.
    pub calendar: Vec<WaveRow>,
    /// Hours per organisation (rows, shared establishment first) and wave (columns).
    pub matrix: Vec<MatrixRow>,
    pub gantt: Gantt,
    /// The plan's warnings, by kind.
    pub warnings: Vec<WarningGroup<'a>>,
    /// Items in a wave that starts on or after their end of support, latest first, each
    /// with the chain of reasons that holds it there: the first [`MAX_LATE`].
    pub late_items: Vec<LateItem>,
    /// Late items after the first [`MAX_LATE`] (all are among the warnings).
    pub late_more: usize,
    /// The chains of reasons that decide when the last wave ends, first item first.
    pub critical: Vec<Vec<ItemRef>>,
    /// Why each chain's first item is in its wave.
    pub critical_start: Vec<Because>,
    pub unplaced_items: Vec<ItemView>,
    pub late: usize,
    pub oversize: usize,
    pub unplaced: usize,
}

/// One wave number of the plan's calendar, with or without items.
#[derive(Serialize)]
pub struct WaveRow {
    pub number: u32,
    /// The last number of a run of past waves shown as one row.
    pub last: Option<u32>,
    pub start: Date,
    pub end: Date,
    pub items: usize,
    pub hours: f64,
    pub after_horizon: bool,
    /// Its page; `None` for an empty wave.
    pub href: Option<String>,
    /// Why an empty wave is empty.
    pub empty: Option<Sentence>,
}

#[derive(Serialize)]
pub struct WaveView<'a> {
    pub number: u32,
    pub anchor: String,
    pub start: Date,
    pub end: Date,
    pub hours: f64,
    pub after_horizon: bool,
    /// Made when a page shows them (or `report.json` is written).
    pub items: WaveItems<'a>,
}

/// What the rows of the wave pages are made from, when a page is rendered (and when
/// `report.json` is written), so that the views of every item are never in memory together.
pub struct ItemSource<'a> {
    pub idx: PlanIndex<'a>,
    p: &'a crate::model::Project,
    t: &'a Target,
    gaps: &'a [Gap],
    repo: Option<String>,
    lang: super::i18n::Lang,
    order: Vec<u32>,
}

impl<'a> ItemSource<'a> {
    /// The items of the plan `idx` indexes, linked as `links` links; `gaps` are the gaps of
    /// the analysis the plan was made from.
    pub fn new(idx: PlanIndex<'a>, links: &Links, t: &'a Target, gaps: &'a [Gap]) -> Self {
        ItemSource {
            p: idx.project(),
            idx,
            t,
            gaps,
            repo: links.repo.map(str::to_string),
            lang: links.lang,
            order: links.order.to_vec(),
        }
    }

    /// Item `i` as a row of its wave's page.
    pub fn view(&self, i: ItemIdx) -> ItemView {
        let links = Links {
            p: self.p,
            repo: self.repo.as_deref(),
            lang: self.lang,
            order: &self.order,
        };
        item_view(&self.idx, &links, self.t, self.gaps, i)
    }

    /// The plan's warning number `w` as the waves page lists it.
    pub fn warning_view(&self, w: u32) -> WarningView {
        let links = Links {
            p: self.p,
            repo: self.repo.as_deref(),
            lang: self.lang,
            order: &self.order,
        };
        let w = &self.idx.plan.warnings[w as usize];
        let src = self
            .idx
            .plan
            .item(w.item)
            .gaps
            .first()
            .map(|&gi| gap_src(&links, &self.gaps[gi]));
        WarningView {
            item: self.idx.item(w.item),
            kind: w.code(),
            text: self.idx.warning(w),
            message: w.message.clone(),
            src,
        }
    }
}

/// The items of one wave, in the plan's order; their views are made when asked for.
pub struct WaveItems<'a> {
    src: std::sync::Arc<ItemSource<'a>>,
    items: Vec<ItemIdx>,
}

impl WaveItems<'_> {
    /// The items, as indices into the plan.
    pub fn ids(&self) -> &[ItemIdx] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many are on a critical chain.
    pub fn critical(&self) -> usize {
        let idx = &self.src.idx;
        self.items
            .iter()
            .filter(|&&i| idx.item_ref(i).critical)
            .count()
    }

    /// The views of `items` (some of [`WaveItems::ids`]).
    pub fn views(&self, items: &[ItemIdx]) -> Vec<ItemView> {
        items.iter().map(|&i| self.src.view(i)).collect()
    }
}

/// Every item's view, made one at a time.
impl<'b> IntoIterator for &'b WaveItems<'_> {
    type Item = ItemView;
    type IntoIter = Box<dyn Iterator<Item = ItemView> + 'b>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.items.iter().map(|&i| self.src.view(i)))
    }
}

impl Serialize for WaveItems<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self)
    }
}

#[derive(Serialize)]
pub struct ItemView {
    /// The row's anchor on its wave's page: `item-<index>`.
    pub anchor: String,
    pub item: ItemRef,
    pub org: Option<OrgLink>,
    pub asset: Option<String>,
    /// Link to the asset's row on its organisation's page.
    pub href: Option<String>,
    pub component: Option<String>,
    pub component_name: Option<String>,
    pub component_href: Option<String>,
    pub action: &'static str,
    pub hours: f64,
    pub reasons: Vec<ItemReason>,
    /// Why the item is in this wave (or has none), linked to what held it back.
    pub because: Because,
    /// The move group's id (`cycle:<first item>`), when it is in one.
    pub move_group: Option<String>,
    /// The other items of its move group, which share its wave.
    pub moves_with: Vec<ItemRef>,
    /// The planner's warnings on this item, worded.
    pub warnings: Vec<ItemWarning>,
    /// Its asset's contract end as the plan counts it (renewals included).
    pub contract_end: Option<Date>,
    /// The date by which to give notice so that the contract ends as the asset leaves.
    pub notice_by: Option<Date>,
    pub src: Option<Src>,
}

#[derive(Serialize)]
pub struct ItemWarning {
    pub kind: &'static str,
    pub text: Sentence,
}

/// A gap an item closes.
#[derive(Serialize)]
pub struct ItemReason {
    pub rule: String,
    pub rule_title: String,
    pub severity: Severity,
    pub hours: f64,
    pub reason: Sentence,
}

#[derive(Serialize)]
pub struct MatrixRow {
    /// `None`: the shared establishment of components.
    pub org: Option<OrgLink>,
    pub cells: Vec<f64>,
    pub total: f64,
}

/// The plan's warnings of one kind.
#[derive(Serialize)]
pub struct WarningGroup<'a> {
    pub kind: &'static str,
    pub count: usize,
    /// Worded when a page shows them (or `report.json` is written): a large plan has tens
    /// of thousands.
    pub warnings: GroupWarnings<'a>,
}

/// The warnings of one kind, in page order; their views are made when asked for.
pub struct GroupWarnings<'a> {
    src: std::sync::Arc<ItemSource<'a>>,
    /// Indices into the plan's warnings.
    order: Vec<u32>,
}

impl GroupWarnings<'_> {
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The views of the first `n`.
    pub fn first(&self, n: usize) -> Vec<WarningView> {
        self.iter().take(n).collect()
    }

    /// Every warning's view, made one at a time.
    pub fn iter(&self) -> impl Iterator<Item = WarningView> + '_ {
        self.order.iter().map(|&w| self.src.warning_view(w))
    }
}

impl Serialize for GroupWarnings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[derive(Serialize)]
pub struct WarningView {
    pub item: ItemRef,
    pub kind: &'static str,
    /// The warning in the reader's words.
    pub text: Sentence,
    /// The planner's own words (English).
    pub message: String,
    pub src: Option<Src>,
}

/// A late item and why it is where it is.
#[derive(Serialize)]
pub struct LateItem {
    pub item: ItemRef,
    pub end_of_support: Option<Date>,
    /// Support has ended by the run date.
    pub unsupported: bool,
    /// Some plan could have had it on time: in its earliest possible wave it would be.
    pub avoidable: bool,
    /// Its earliest possible wave.
    pub earliest: Option<u32>,
    pub text: Sentence,
    /// What held back the item it waits for, and so on: the chain after `because.on`.
    pub chain: Vec<ItemRef>,
    pub because: Because,
}

/// The timeline's geometry, in SVG user units.
#[derive(Serialize, Default)]
pub struct Gantt {
    pub width: f64,
    pub height: f64,
    pub label_width: f64,
    pub axis: Vec<Tick>,
    pub rows: Vec<GanttRow>,
    pub horizon_x: Option<f64>,
    pub horizon: Option<Date>,
    /// Where the run date falls, when it falls on the timeline.
    pub today_x: Option<f64>,
}

#[derive(Serialize)]
pub struct Tick {
    pub x: f64,
    pub year: i32,
}

#[derive(Serialize)]
pub struct GanttRow {
    /// `None`: shared establishment; the wave row has `waves` set instead.
    pub org: Option<OrgLink>,
    pub waves: bool,
    pub y: f64,
    pub text_y: f64,
    pub bars: Vec<Bar>,
}

#[derive(Serialize)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub text_x: f64,
    pub text_y: f64,
    pub wave: u32,
    /// Site-relative link to the wave's page.
    pub href: String,
    pub hours: f64,
    /// 1–4: how full the bar is against capacity, for the shade.
    pub level: usize,
    pub late: bool,
}

/// Late items worded with their chains on the waves page; the rest are counted (every one
/// is among the plan's warnings).
pub const MAX_LATE: usize = 200;

const ROW_H: f64 = 30.0;
const LABEL_W: f64 = 190.0;
const CHART_W: f64 = 960.0;
const TOP: f64 = 44.0;

/// Hours as shown: float noise of sums snapped away.
fn h(n: Num) -> f64 {
    tidy(n.get()).get()
}

/// An item of the plan as a row of its wave's page.
pub fn item_view(idx: &PlanIndex, links: &Links, t: &Target, gaps: &[Gap], i: ItemIdx) -> ItemView {
    let plan = idx.plan;
    let p = links.p;
    let it = plan.item(i);
    let asset = match it.kind {
        ItemKind::Asset(a) => Some(a),
        _ => None,
    };
    let src = match it.kind {
        ItemKind::Establish { component } => t
            .components
            .get(component)
            .map(|c| links.src(p.file(t.file), Some(c.loc.pos.line))),
        _ => it.gaps.first().map(|&gi| gap_src(links, &gaps[gi])),
    };
    ItemView {
        anchor: format!("item-{}", i.0),
        item: idx.item(i),
        org: it.org.map(|o| links.org_link(o)),
        asset: asset.map(|a| p.asset(a).id.clone()),
        href: asset.map(|a| links.asset_link(a)),
        component: it.component.clone(),
        component_name: it
            .component
            .as_ref()
            .and_then(|c| t.component(c))
            .map(|c| c.name.clone()),
        component_href: it.component.as_deref().map(component_href),
        action: it.action.as_str(),
        hours: h(it.hours),
        reasons: it
            .gaps
            .iter()
            .map(|&gi| {
                let g = &gaps[gi];
                ItemReason {
                    rule: g.rule.clone(),
                    rule_title: t.rules[g.rule_idx].title.clone(),
                    severity: g.severity,
                    hours: g.hours.get(),
                    reason: sentence::finding(&g.finding, t),
                }
            })
            .collect(),
        because: idx.because(i),
        move_group: plan.group(it.group).name.clone(),
        moves_with: plan
            .group(it.group)
            .items
            .iter()
            .filter(|&&x| x != i)
            .map(|&x| idx.item(x))
            .collect(),
        warnings: idx
            .warnings_of(i)
            .map(|w| ItemWarning {
                kind: w.code(),
                text: idx.warning(w),
            })
            .collect(),
        contract_end: it.contract_end,
        notice_by: it.notice_by,
        src,
    }
}

/// Where a gap's asset (or, for a missing gap, its rule) is written (a gap row's `src`).
fn gap_src(links: &Links, g: &Gap) -> Src {
    links.src(g.file.as_deref().unwrap_or_default(), g.line)
}

/// Builds the waves pages of target `t` from its plan (indexed by `idx`); `gaps` are the
/// gaps of the analysis the plan was made from (an item's gaps index them).
pub fn page<'a>(
    src: &std::sync::Arc<ItemSource<'a>>,
    links: &Links,
    t: &Target,
    gaps: &[Gap],
    as_of: Date,
) -> WavesPage<'a> {
    let idx = &src.idx;
    let plan = idx.plan;
    let view = |i: ItemIdx| item_view(idx, links, t, gaps, i);
    let waves: Vec<WaveView> = plan
        .waves
        .iter()
        .map(|w| WaveView {
            number: w.number,
            anchor: format!("wave-{}", w.number),
            start: w.start,
            end: w.end,
            hours: h(w.hours),
            after_horizon: w.end > t.horizon,
            items: WaveItems {
                src: src.clone(),
                items: w.items.clone(),
            },
        })
        .collect();

    // Hours per org and wave; the shared establishment (no org) first, then by name.
    let mut cells: BTreeMap<Option<OrgIdx>, Vec<f64>> = BTreeMap::new();
    cells.insert(None, vec![0.0; plan.waves.len()]);
    for (wi, w) in plan.waves.iter().enumerate() {
        for &i in &w.items {
            let it = plan.item(i);
            let r = cells
                .entry(it.org)
                .or_insert_with(|| vec![0.0; plan.waves.len()]);
            r[wi] += h(it.hours);
        }
    }
    let mut matrix: Vec<MatrixRow> = cells
        .into_iter()
        .map(|(org, cells)| MatrixRow {
            org: org.map(|o| links.org_link(o)),
            total: cells.iter().sum(),
            cells,
        })
        .collect();
    matrix.sort_by(|a, b| match (&a.org, &b.org) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, _) => std::cmp::Ordering::Less,
        (_, None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => links.cmp_names(&x.name, &y.name),
    });

    let gantt = gantt(t, plan, &matrix, as_of);
    let count = |k: WarningKind| plan.warnings.iter().filter(|w| w.kind == k).count();
    // Latest wave first: those are the furthest past their end of support; then by end of
    // support, organisation and name. The first MAX_LATE are worded; the rest are counted.
    let mut late: Vec<(&crate::waves::Warning, Option<Date>)> = plan
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Late)
        .map(|w| match w.fact {
            WarningFact::Late { end_of_support, .. } => (w, Some(end_of_support)),
            _ => (w, None),
        })
        .collect();
    late.sort_by(|(a, ea), (b, eb)| {
        let (x, y) = (idx.item_ref(a.item), idx.item_ref(b.item));
        y.wave
            .cmp(&x.wave)
            .then(ea.cmp(eb))
            .then_with(|| {
                links.cmp_names(
                    x.org.as_deref().unwrap_or(""),
                    y.org.as_deref().unwrap_or(""),
                )
            })
            .then_with(|| links.cmp_names(&x.name, &y.name))
    });
    let late_more = late.len().saturating_sub(MAX_LATE);
    let late_items: Vec<LateItem> = late
        .into_iter()
        .take(MAX_LATE)
        .map(|(w, eos)| {
            let (avoidable, earliest) = match w.fact {
                WarningFact::Late {
                    avoidable,
                    earliest_possible,
                    ..
                } => (avoidable, earliest_possible),
                _ => (false, None),
            };
            LateItem {
                item: idx.item(w.item),
                end_of_support: eos,
                unsupported: eos.is_some_and(|d| d < as_of),
                avoidable,
                earliest,
                text: idx.warning(w),
                // The item it waits for is named by `because`; the chain goes on from there.
                chain: idx
                    .chain(w.item)
                    .iter()
                    .skip(2)
                    .map(|&i| idx.item(i))
                    .collect(),
                because: idx.because(w.item),
            }
        })
        .collect();
    WavesPage {
        lower_bound: plan.bounds.lower_bound,
        start: plan.waves.iter().map(|w| w.start).min(),
        end: plan.end(),
        horizon: t.horizon,
        as_of,
        wave_months: t.plan.as_ref().map(|pl| pl.wave_months),
        capacity_hours: t.plan.as_ref().map(|pl| pl.capacity_hours.get()),
        org_capacity_hours: t
            .plan
            .as_ref()
            .and_then(|pl| pl.org_capacity_hours.map(|h| h.get())),
        hours: plan.waves.iter().map(|w| h(w.hours)).sum(),
        calendar: calendar(t, plan),
        waves,
        matrix,
        gantt,
        warnings: warning_groups(src, links),
        late_items,
        late_more,
        critical: idx
            .critical_chains
            .iter()
            .map(|c| c.iter().map(|&i| idx.item(i)).collect())
            .collect(),
        critical_start: idx
            .critical_chains
            .iter()
            .filter_map(|c| c.first().map(|&i| idx.because(i)))
            .collect(),
        unplaced_items: plan.unplaced.iter().map(|&i| view(i)).collect(),
        late: count(WarningKind::Late),
        oversize: count(WarningKind::Oversize),
        unplaced: plan.unplaced.len(),
    }
}

/// The order of warning kinds on a page: what stops the plan first, then what makes it
/// late, then what makes it harder.
pub fn kind_rank(kind: &str) -> usize {
    [
        "unplaceable",
        "stranded",
        "late",
        "late-avoidable",
        "renewed",
        "oversize",
        "freeze-dropped",
    ]
    .iter()
    .position(|k| *k == kind)
    .unwrap_or(usize::MAX)
}

/// The plan's warnings grouped by kind (in [`kind_rank`] order), each group sorted by wave
/// (latest first), organisation and name. Every warning is kept.
fn warning_groups<'a>(
    src: &std::sync::Arc<ItemSource<'a>>,
    links: &Links,
) -> Vec<WarningGroup<'a>> {
    let idx = &src.idx;
    let mut groups: BTreeMap<(usize, &'static str), Vec<u32>> = BTreeMap::new();
    for (i, w) in idx.plan.warnings.iter().enumerate() {
        groups
            .entry((kind_rank(w.code()), w.code()))
            .or_default()
            .push(i as u32);
    }
    groups
        .into_iter()
        .map(|((_, kind), mut order)| {
            let item = |w: u32| idx.item_ref(idx.plan.warnings[w as usize].item);
            order.sort_by(|&a, &b| {
                let (a, b) = (item(a), item(b));
                b.wave
                    .cmp(&a.wave)
                    .then_with(|| {
                        links.cmp_names(
                            a.org.as_deref().unwrap_or(""),
                            b.org.as_deref().unwrap_or(""),
                        )
                    })
                    .then_with(|| links.cmp_names(&a.name, &b.name))
            });
            WarningGroup {
                kind,
                count: order.len(),
                warnings: GroupWarnings {
                    src: src.clone(),
                    order,
                },
            }
        })
        .collect()
}

/// Every wave number from 1 to the last planned one. The waves before the run date are
/// one row (they are past and hold nothing); an empty wave after it says why: the items of
/// the next planned wave could not come earlier, and their reasons say what held them.
fn calendar(t: &Target, plan: &WavePlan) -> Vec<WaveRow> {
    let (Some(settings), Some(last)) = (t.plan.as_ref(), plan.waves.last()) else {
        return Vec::new();
    };
    let cal = Calendar::new(settings, plan.run_date);
    let mut out = Vec::new();
    if plan.first_wave > 1 {
        let until = plan.first_wave - 1;
        out.push(WaveRow {
            number: 1,
            last: (until > 1).then_some(until),
            start: cal.start(1),
            end: cal.end(until),
            items: 0,
            hours: 0.0,
            after_horizon: false,
            href: None,
            empty: Some(Sentence::new("waves.past").with("date", sentence::date(plan.run_date))),
        });
    }
    for n in plan.first_wave..=last.number {
        match plan.waves.iter().find(|w| w.number == n) {
            Some(w) => out.push(WaveRow {
                number: n,
                last: None,
                start: w.start,
                end: w.end,
                items: w.items.len(),
                hours: h(w.hours),
                after_horizon: w.end > t.horizon,
                href: Some(wave_path(n, 1)),
                empty: None,
            }),
            None => {
                let next = plan.waves.iter().find(|w| w.number > n);
                let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
                for &i in next.map(|w| w.items.as_slice()).unwrap_or_default() {
                    *kinds.entry(plan.item(i).reason.hold.code()).or_default() += 1;
                }
                let reasons: Vec<Value> = kinds
                    .iter()
                    .map(|(k, c)| serde_json::json!({ "key": format!("empty.{k}"), "n": c }))
                    .collect();
                out.push(WaveRow {
                    number: n,
                    last: None,
                    start: cal.start(n),
                    end: cal.end(n),
                    items: 0,
                    hours: 0.0,
                    after_horizon: cal.end(n) > t.horizon,
                    href: None,
                    empty: Some(
                        Sentence::new("waves.empty")
                            .with("next", Value::from(next.map_or(0, |w| w.number)))
                            .with("reasons", Value::from(reasons)),
                    ),
                });
            }
        }
    }
    out
}

fn gantt(t: &Target, plan: &WavePlan, matrix: &[MatrixRow], as_of: Date) -> Gantt {
    let Some(start) = plan
        .waves
        .iter()
        .map(|w| w.start)
        .min()
        .or(t.plan.as_ref().map(|pl| pl.start))
    else {
        return Gantt::default();
    };
    let last = plan.waves.iter().map(|w| w.end).max().unwrap_or(start);
    let end = last.max(t.horizon);
    let days = ((end - start).num_days() + 1).max(1) as f64;
    let x_of = |d: Date| LABEL_W + (d - start).num_days() as f64 / days * CHART_W;
    let mut axis = Vec::new();
    for year in start.year()..=end.year() + 1 {
        if let Some(d) = Date::from_ymd_opt(year, 1, 1)
            && d >= start
            && d <= end
        {
            axis.push(Tick { x: x_of(d), year });
        }
    }
    let capacity = t.plan.as_ref().map_or(0.0, |pl| pl.capacity_hours.get());
    let org_capacity = t
        .plan
        .as_ref()
        .and_then(|pl| pl.org_capacity_hours.map(|h| h.get()))
        .unwrap_or(capacity);
    let level = |h: f64, cap: f64| {
        if cap <= 0.0 {
            3
        } else {
            1 + ((h / cap * 3.0).round() as usize).min(3)
        }
    };
    let bar = |wi: usize, y: f64, hours: f64, cap: f64| {
        let w = &plan.waves[wi];
        let x = x_of(w.start);
        let width = (x_of(w.end + chrono::Days::new(1)) - x - 2.0).max(2.0);
        Bar {
            x,
            y: y + 4.0,
            width,
            height: ROW_H - 8.0,
            text_x: x + width / 2.0,
            text_y: y + ROW_H / 2.0 + 4.0,
            wave: w.number,
            href: wave_path(w.number, 1),
            hours,
            level: level(hours, cap),
            late: w.end > t.horizon,
        }
    };
    let mut rows = Vec::new();
    let wave_bars = (0..plan.waves.len())
        .map(|wi| bar(wi, TOP, h(plan.waves[wi].hours), capacity))
        .collect();
    rows.push(GanttRow {
        org: None,
        waves: true,
        y: TOP,
        text_y: TOP + ROW_H / 2.0 + 4.0,
        bars: wave_bars,
    });
    for (ri, m) in matrix.iter().enumerate() {
        let y = TOP + ROW_H * (ri + 1) as f64;
        let cap = if m.org.is_some() {
            org_capacity
        } else {
            capacity
        };
        rows.push(GanttRow {
            org: m.org.clone(),
            waves: false,
            y,
            text_y: y + ROW_H / 2.0 + 4.0,
            bars: m
                .cells
                .iter()
                .enumerate()
                .filter(|(_, h)| **h > 0.0)
                .map(|(wi, h)| bar(wi, y, *h, cap))
                .collect(),
        });
    }
    Gantt {
        width: LABEL_W + CHART_W + 20.0,
        height: TOP + ROW_H * rows.len() as f64 + 10.0,
        label_width: LABEL_W,
        axis,
        rows,
        horizon_x: Some(x_of(t.horizon)),
        horizon: Some(t.horizon),
        today_x: (as_of >= start && as_of <= end).then(|| x_of(as_of)),
    }
}
