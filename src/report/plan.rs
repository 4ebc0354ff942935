//! The waves page: a migration plan (docs/format.md §5) as the report shows it, with a
//! Gantt-style timeline laid out for SVG.
//!
//! The report reads a plan through the JSON contract of `samdrift waves --format json`
//! ([`Planned`]), not through the planner's Rust types, so the two stay decoupled: any plan
//! that serializes to §5 can be shown. This module adds what the page needs (each item's
//! reasons from the gap analysis, hours per organisation and wave, the timeline's geometry);
//! it does not plan.

use super::data::{GapRow, OrgLink, Reason, Src, asset_href, component_href, org_href};
use crate::model::{Date, Project, Severity, Target};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A plan as `samdrift waves --format json` prints it (docs/format.md §5).
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Planned {
    pub target: String,
    pub lower_bound: usize,
    pub waves: Vec<PlannedWave>,
    #[serde(default)]
    pub warnings: Vec<PlannedWarning>,
    /// Extra: items the planner could not place.
    #[serde(default)]
    pub unplaced: Vec<PlannedItem>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct PlannedWave {
    pub number: usize,
    pub start: Date,
    pub end: Date,
    pub hours: f64,
    pub items: Vec<PlannedItem>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct PlannedItem {
    pub id: String,
    pub org: Option<String>,
    pub asset: Option<String>,
    pub component: Option<String>,
    pub action: String,
    pub hours: f64,
    #[serde(default)]
    pub after: Vec<String>,
    /// Extra: why the item is in its wave (or unplaced).
    #[serde(default)]
    pub reason: Option<PlannedReason>,
    /// Extra: the dependency cycle the item moves with.
    #[serde(default)]
    pub move_group: Option<String>,
}

/// Why an item sits where it does, as the planner says it.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct PlannedReason {
    /// `start`, `dependency`, `contract`, `freeze`, `capacity`, `org-capacity`, `oversize`
    /// or `horizon`.
    pub kind: String,
    #[serde(default)]
    pub on: Option<String>,
    #[serde(default)]
    pub earliest: Option<u32>,
    #[serde(default)]
    pub message: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct PlannedWarning {
    pub item: Option<String>,
    pub kind: String,
    pub message: String,
}

impl Planned {
    /// Reads any value that serializes to the §5 JSON contract (the planner's plan).
    pub fn from_contract<T: Serialize>(plan: &T) -> Result<Planned, String> {
        let v = serde_json::to_value(plan).map_err(|e| e.to_string())?;
        serde_json::from_value(v)
            .map_err(|e| format!("the plan does not follow docs/format.md §5: {e}"))
    }
}

/// What the scenario comparison needs of a plan.
pub struct PlanSummary {
    pub waves: usize,
    pub end: Option<Date>,
    pub late: usize,
    pub unplaced: usize,
}

pub fn summary(p: &Planned) -> PlanSummary {
    PlanSummary {
        waves: p.waves.iter().filter(|w| !w.items.is_empty()).count(),
        end: p.waves.iter().map(|w| w.end).max(),
        late: p.warnings.iter().filter(|w| w.kind == "late").count(),
        unplaced: p.unplaced.len().max(
            p.warnings
                .iter()
                .filter(|w| w.kind.starts_with("unplace"))
                .count(),
        ),
    }
}

#[derive(Serialize)]
pub struct WavesPage {
    pub lower_bound: usize,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub horizon: Date,
    pub wave_months: Option<u32>,
    pub capacity_hours: Option<f64>,
    pub org_capacity_hours: Option<f64>,
    pub hours: f64,
    pub waves: Vec<WaveView>,
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
pub struct WaveView {
    pub number: usize,
    pub anchor: String,
    pub start: Date,
    pub end: Date,
    pub hours: f64,
    pub after_horizon: bool,
    pub items: Vec<ItemView>,
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
    pub action: String,
    pub hours: f64,
    pub after: Vec<String>,
    pub reasons: Vec<ItemReason>,
    /// Why the item is in this wave, as the planner says it.
    pub placement: Option<PlannedReason>,
    pub move_group: Option<String>,
    pub warnings: Vec<String>,
    pub src: Option<Src>,
}

#[derive(Serialize)]
pub struct ItemReason {
    pub rule: String,
    pub rule_title: String,
    pub severity: Severity,
    pub hours: f64,
    pub reason: Reason,
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
    pub kind: String,
    /// The warning in translatable form, where the report can word it itself.
    pub text: Option<Reason>,
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
    pub wave: usize,
    pub hours: f64,
    /// 1–4: how full the bar is against capacity, for the shade.
    pub level: usize,
    pub late: bool,
}

const ROW_H: f64 = 30.0;
const LABEL_W: f64 = 190.0;
const CHART_W: f64 = 960.0;
const TOP: f64 = 28.0;

/// Builds the waves page of target `t` from its plan.
pub fn page(
    p: &Project,
    t: &Target,
    gaps: &[GapRow],
    plan: &Planned,
    repo: Option<&str>,
) -> WavesPage {
    // Gaps by work item id, for the items' reasons.
    let mut by_item: HashMap<String, Vec<&GapRow>> = HashMap::new();
    for g in gaps.iter().filter(|g| !g.waived) {
        let id = match &g.asset {
            Some(x) => format!("{}/{x}", g.org),
            None => format!("{}/missing:{}", g.org, g.rule),
        };
        by_item.entry(id).or_default().push(g);
    }
    let mut item_warnings: HashMap<&str, Vec<String>> = HashMap::new();
    for w in &plan.warnings {
        if let Some(i) = &w.item {
            item_warnings
                .entry(i.as_str())
                .or_default()
                .push(w.kind.clone());
        }
    }
    let org_link = |id: &str| OrgLink {
        id: id.to_string(),
        name: p.org_by_id(id).map_or(id, |o| p.org(o).name()).to_string(),
        href: org_href(id),
    };
    let item_src = |item: &str| -> Option<Src> {
        if let Some(c) = item.strip_prefix("establish:") {
            let comp = t.component(c)?;
            return Some(Src::new(p.file(t.file), Some(comp.loc.pos.line), repo));
        }
        let gaps = by_item.get(item)?;
        let g = gaps.first()?;
        Some(g.src.clone())
    };
    let item_view = |it: &PlannedItem| -> ItemView {
        let asset = match (&it.org, &it.asset) {
            (Some(o), Some(x)) => p.find_asset(o, x),
            _ => None,
        };
        ItemView {
            id: it.id.clone(),
            org: it.org.as_deref().map(org_link),
            asset: it.asset.clone(),
            asset_name: asset.map(|i| p.asset(i).name.clone()),
            href: asset.map(|i| {
                let x = p.asset(i);
                let o = p.org(x.org);
                asset_href(&o.id, &x.id, (i.0 - o.assets.start) as usize)
            }),
            component: it.component.clone(),
            component_name: it
                .component
                .as_ref()
                .and_then(|c| t.component(c))
                .map(|c| c.name.clone()),
            component_href: it.component.as_deref().map(component_href),
            action: it.action.clone(),
            hours: it.hours,
            after: it.after.clone(),
            reasons: by_item
                .get(&it.id)
                .map(|gs| {
                    gs.iter()
                        .map(|g| ItemReason {
                            rule: g.rule.clone(),
                            rule_title: g.rule_title.clone(),
                            severity: g.severity,
                            hours: g.hours,
                            reason: g.reason.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            placement: it.reason.clone(),
            move_group: it.move_group.clone(),
            warnings: item_warnings
                .get(it.id.as_str())
                .cloned()
                .unwrap_or_default(),
            src: item_src(&it.id),
        }
    };
    let waves: Vec<WaveView> = plan
        .waves
        .iter()
        .map(|w| WaveView {
            number: w.number,
            anchor: format!("wave-{}", w.number),
            start: w.start,
            end: w.end,
            hours: w.hours,
            after_horizon: w.end > t.horizon,
            items: w.items.iter().map(item_view).collect(),
        })
        .collect();

    // Hours per org and wave.
    let mut rows: BTreeMap<Option<String>, Vec<f64>> = BTreeMap::new();
    rows.insert(None, vec![0.0; waves.len()]);
    for (wi, w) in plan.waves.iter().enumerate() {
        for it in &w.items {
            let r = rows
                .entry(it.org.clone())
                .or_insert_with(|| vec![0.0; plan.waves.len()]);
            r[wi] += it.hours;
        }
    }
    let matrix: Vec<MatrixRow> = rows
        .into_iter()
        .map(|(org, cells)| MatrixRow {
            org: org.as_deref().map(org_link),
            total: cells.iter().sum(),
            cells,
        })
        .collect();

    let gantt = gantt(t, plan, &matrix);
    let placed: HashMap<&str, (&PlannedWave, &PlannedItem)> = plan
        .waves
        .iter()
        .flat_map(|w| w.items.iter().map(move |i| (i.id.as_str(), (w, i))))
        .collect();
    let count = |k: &str| {
        plan.warnings
            .iter()
            .filter(|w| w.kind.starts_with(k))
            .count()
    };
    WavesPage {
        lower_bound: plan.lower_bound,
        start: plan.waves.iter().map(|w| w.start).min(),
        end: plan.waves.iter().map(|w| w.end).max(),
        horizon: t.horizon,
        wave_months: t.plan.as_ref().map(|pl| pl.wave_months),
        capacity_hours: t.plan.as_ref().map(|pl| pl.capacity_hours.get()),
        org_capacity_hours: t
            .plan
            .as_ref()
            .and_then(|pl| pl.org_capacity_hours.map(|h| h.get())),
        hours: plan.waves.iter().map(|w| w.hours).sum(),
        waves,
        matrix,
        gantt,
        warnings: plan
            .warnings
            .iter()
            .map(|w| WarningView {
                item: w.item.clone(),
                kind: w.kind.clone(),
                text: w
                    .item
                    .as_deref()
                    .and_then(|i| warning_text(p, t, &placed, &w.kind, i)),
                message: w.message.clone(),
                src: w.item.as_deref().and_then(item_src),
            })
            .collect(),
        unplaced_items: plan.unplaced.iter().map(item_view).collect(),
        late: count("late"),
        oversize: count("oversize"),
        unplaced: count("unplace"),
    }
}

/// `late` and `oversize` warnings in translatable form, from the plan and the model.
fn warning_text(
    p: &Project,
    t: &Target,
    index: &HashMap<&str, (&PlannedWave, &PlannedItem)>,
    kind: &str,
    item: &str,
) -> Option<Reason> {
    let (wave, it) = *index.get(item)?;
    let mut args = serde_json::Map::new();
    args.insert("wave".into(), wave.number.into());
    args.insert(
        "start".into(),
        serde_json::json!({ "date": wave.start.to_string() }),
    );
    let key = match kind {
        "late" => {
            let a = p.find_asset(it.org.as_deref()?, it.asset.as_deref()?)?;
            let eos = p.asset(a).end_of_support?;
            args.insert("eos".into(), serde_json::json!({ "date": eos.to_string() }));
            "wavewarn.late"
        }
        "oversize" => {
            args.insert("hours".into(), serde_json::json!({ "hours": it.hours }));
            let cap = t.plan.as_ref()?.capacity_hours.get();
            args.insert("capacity".into(), serde_json::json!({ "hours": cap }));
            "wavewarn.oversize"
        }
        _ => return None,
    };
    Some(Reason {
        key: key.into(),
        args,
    })
}

fn gantt(t: &Target, plan: &Planned, matrix: &[MatrixRow]) -> Gantt {
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
        .map(|wi| bar(wi, TOP, plan.waves[wi].hours, capacity))
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
