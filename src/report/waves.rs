//! The waves page: a study's migration plan (docs/format.md §5) as the report shows it, with a
//! Gantt-style timeline laid out for SVG.
//!
//! Built from the planner's typed plan and the gap rows: each item's reasons are the rows of
//! the gaps it closes, its placement is the planner's reason, its warnings the planner's.
//! This module adds hours per organisation and wave and the timeline's geometry; it does
//! not plan.

use super::i18n::Lang;
use super::rows::{Links, OrgLink, Src, component_href};
use super::sentence::{self, Sentence};
use crate::gaps::{Gap, tidy};
use crate::model::{Date, Num, OrgIdx, Project, Severity, Target};
use crate::study::Study;
use crate::waves::{Hold, Item, ItemIdx, ItemKind, WarningKind, WavePlan};
use chrono::Datelike;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Serialize)]
pub struct WavesPage<'a> {
    pub lower_bound: u32,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub horizon: Date,
    pub wave_months: Option<u32>,
    pub capacity_hours: Option<f64>,
    pub org_capacity_hours: Option<f64>,
    pub hours: f64,
    pub waves: Vec<WaveView<'a>>,
    /// Hours per organisation (rows, shared establishment first) and wave (columns).
    pub matrix: Vec<MatrixRow>,
    pub gantt: Gantt,
    pub warnings: Vec<WarningView>,
    pub unplaced_items: Vec<ItemView>,
    pub late: usize,
    pub oversize: usize,
    pub unplaced: usize,
}

#[derive(Serialize)]
pub struct WaveView<'a> {
    pub number: u32,
    pub anchor: String,
    pub start: Date,
    pub end: Date,
    pub hours: f64,
    pub after_horizon: bool,
    pub items: Items<'a>,
}

/// A wave's items, whose views are made when a page shows them (or `report.json` lists
/// them): the views of every item of a large plan do not fit in memory together.
pub struct Items<'a> {
    ids: &'a [ItemIdx],
    views: Arc<ItemViews<'a>>,
}

impl Items<'_> {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The views of the items in `range` (clamped to the list).
    pub fn views(&self, range: std::ops::Range<usize>) -> Vec<ItemView> {
        let end = range.end.min(self.ids.len());
        let start = range.start.min(end);
        self.ids[start..end]
            .iter()
            .map(|&i| self.views.view(i))
            .collect()
    }
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.ids.len()))?;
        for &i in self.ids {
            seq.serialize_element(&self.views.view(i))?;
        }
        seq.end()
    }
}

/// What an item's view is made from.
pub struct ItemViews<'a> {
    p: &'a Project,
    repo: Option<String>,
    lang: Lang,
    t: &'a Target,
    plan: &'a WavePlan,
    /// The analysis' gaps the plan was made from (an item's gaps index them).
    gaps: &'a [Gap],
    /// The kinds of the planner's warnings, per item.
    item_warnings: Vec<Vec<&'static str>>,
}

impl<'a> ItemViews<'a> {
    fn links(&self) -> Links<'_> {
        Links {
            p: self.p,
            repo: self.repo.as_deref(),
            lang: self.lang,
        }
    }

    /// Where item `it` is written: its component, or its first gap.
    fn src(&self, it: &Item) -> Option<Src> {
        let links = self.links();
        match it.kind {
            ItemKind::Establish { component } => {
                let comp = self.t.components.get(component)?;
                Some(links.src(self.p.file(self.t.file), Some(comp.loc.pos.line)))
            }
            _ => it.gaps.first().map(|&gi| {
                let g = &self.gaps[gi];
                links.src(g.file.as_deref().unwrap_or_default(), g.line)
            }),
        }
    }

    /// The view of item `i`.
    pub fn view(&self, i: ItemIdx) -> ItemView {
        let (links, t, plan, p) = (self.links(), self.t, self.plan, self.p);
        let it = plan.item(i);
        let asset = match it.kind {
            ItemKind::Asset(a) => Some(a),
            _ => None,
        };
        let on = match it.reason.hold {
            Hold::Dependency { on } | Hold::Oversize { by: Some(on), .. } => {
                Some(plan.item(on).id.clone())
            }
            _ => None,
        };
        ItemView {
            id: it.id.clone(),
            org: it.org.map(|o| links.org_link(o)),
            asset: asset.map(|a| p.asset(a).id.clone()),
            asset_name: asset.map(|a| p.asset(a).name.clone()),
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
            after: it.after.iter().map(|&a| plan.item(a).id.clone()).collect(),
            reasons: it
                .gaps
                .iter()
                .map(|&gi| {
                    let g = &self.gaps[gi];
                    ItemReason {
                        rule: g.rule.clone(),
                        rule_title: t
                            .rules
                            .get(g.rule_idx)
                            .map_or_else(|| g.rule.clone(), |r| r.title.clone()),
                        severity: g.severity,
                        hours: g.hours.get(),
                        reason: sentence::finding(&g.finding, t),
                    }
                })
                .collect(),
            placement: Placement {
                kind: it.reason.hold.code(),
                on,
                earliest: it.reason.earliest,
                message: it.reason.message.clone(),
            },
            move_group: plan.group(it.group).name.clone(),
            warnings: self.item_warnings[i.0 as usize].clone(),
            src: self.src(it),
        }
    }
}

#[derive(Serialize)]
pub struct ItemView {
    pub id: String,
    pub org: Option<OrgLink>,
    pub asset: Option<String>,
    pub asset_name: Option<String>,
    pub href: Option<String>,
    pub component: Option<String>,
    pub component_name: Option<String>,
    pub component_href: Option<String>,
    pub action: &'static str,
    pub hours: f64,
    pub after: Vec<String>,
    pub reasons: Vec<ItemReason>,
    /// Why the item is in this wave, as the planner says it.
    pub placement: Placement,
    pub move_group: Option<String>,
    /// The kinds of the planner's warnings on this item.
    pub warnings: Vec<&'static str>,
    pub src: Option<Src>,
}

/// The planner's reason for an item's wave (or for its having none).
#[derive(Serialize)]
pub struct Placement {
    /// The reason's code: `start`, `dependency`, `contract`, `freeze`, `capacity`,
    /// `org-capacity`, `oversize` or `horizon`.
    pub kind: &'static str,
    /// The item it waits for (`dependency`, `oversize`).
    pub on: Option<String>,
    pub earliest: Option<u32>,
    /// The planner's own words (English).
    pub message: String,
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

#[derive(Serialize)]
pub struct WarningView {
    pub item: Option<String>,
    pub kind: &'static str,
    /// The warning in translatable form, where the report can word it itself.
    pub text: Option<Sentence>,
    /// The planner's own words (English).
    pub message: String,
    pub src: Option<Src>,
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
    pub hours: f64,
    /// 1–4: how full the bar is against capacity, for the shade.
    pub level: usize,
    pub late: bool,
}

const ROW_H: f64 = 30.0;
const LABEL_W: f64 = 190.0;
const CHART_W: f64 = 960.0;
const TOP: f64 = 28.0;

/// Hours as shown: float noise of sums snapped away.
fn h(n: Num) -> f64 {
    tidy(n.get()).get()
}

/// Builds the waves page of study `s` from its plan `plan`; `links` link into `s.project`.
pub fn page<'a>(links: &Links, s: &'a Study<'a>, plan: &'a WavePlan) -> WavesPage<'a> {
    let (t, gaps) = (s.target, &s.gaps.gaps[..]);
    let mut item_warnings: Vec<Vec<&'static str>> = vec![Vec::new(); plan.items.len()];
    for w in &plan.warnings {
        item_warnings[w.item.0 as usize].push(w.kind.as_str());
    }
    let views = Arc::new(ItemViews {
        p: s.project,
        repo: links.repo.map(str::to_string),
        lang: links.lang,
        t,
        plan,
        gaps,
        item_warnings,
    });
    let item_src = |it: &Item| views.src(it);
    let item_view = |i: ItemIdx| views.view(i);
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
            items: Items {
                ids: &w.items,
                views: views.clone(),
            },
        })
        .collect();

    // Hours per org and wave; the shared establishment (no org) first.
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
    let matrix: Vec<MatrixRow> = cells
        .into_iter()
        .map(|(org, cells)| MatrixRow {
            org: org.map(|o| links.org_link(o)),
            total: cells.iter().sum(),
            cells,
        })
        .collect();

    let gantt = gantt(t, plan, &matrix);
    let count = |k: WarningKind| plan.warnings.iter().filter(|w| w.kind == k).count();
    WavesPage {
        lower_bound: plan.bounds.lower_bound,
        start: plan.waves.iter().map(|w| w.start).min(),
        end: plan.end(),
        horizon: t.horizon,
        wave_months: t.plan.as_ref().map(|pl| pl.wave_months),
        capacity_hours: t.plan.as_ref().map(|pl| pl.capacity_hours.get()),
        org_capacity_hours: t
            .plan
            .as_ref()
            .and_then(|pl| pl.org_capacity_hours.map(|h| h.get())),
        hours: plan.waves.iter().map(|w| h(w.hours)).sum(),
        waves,
        matrix,
        gantt,
        warnings: plan
            .warnings
            .iter()
            .map(|w| {
                let it = plan.item(w.item);
                WarningView {
                    item: Some(it.id.clone()),
                    kind: w.kind.as_str(),
                    text: warning_text(links, plan, it, w.kind),
                    message: w.message.clone(),
                    src: item_src(it),
                }
            })
            .collect(),
        unplaced_items: plan.unplaced.iter().map(|&i| item_view(i)).collect(),
        late: count(WarningKind::Late),
        oversize: count(WarningKind::Oversize),
        unplaced: plan.unplaced.len(),
    }
}

/// `late` and `oversize` warnings in translatable form: the item's wave from the plan, its
/// end of support or hours and the plan's capacity.
fn warning_text(links: &Links, plan: &WavePlan, it: &Item, kind: WarningKind) -> Option<Sentence> {
    let number = it.wave?;
    let wave = plan.waves.iter().find(|w| w.number == number)?;
    let s = Sentence::new("")
        .with("wave", Value::from(wave.number))
        .with("start", sentence::date(wave.start));
    match kind {
        WarningKind::Late => {
            let ItemKind::Asset(a) = it.kind else {
                return None;
            };
            let eos = links.p.asset(a).end_of_support?;
            Some(Sentence {
                key: "wavewarn.late".into(),
                ..s.with("eos", sentence::date(eos))
            })
        }
        WarningKind::Oversize => Some(Sentence {
            key: "wavewarn.oversize".into(),
            ..s.with("hours", sentence::hours(h(it.hours)))
                .with("capacity", sentence::hours(plan.capacity_hours.get()))
        }),
        // The v1.2 kinds carry their facts (`Warning::fact`); the page words them with issue
        // 11's report.
        WarningKind::FreezeDropped
        | WarningKind::Unplaceable
        | WarningKind::Renewed
        | WarningKind::Stranded => None,
    }
}

fn gantt(t: &Target, plan: &WavePlan, matrix: &[MatrixRow]) -> Gantt {
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
    }
}
