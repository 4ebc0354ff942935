//! The hall-planning page: how each shared component with a `capacity` (a hall's racks and
//! power, a platform's vCPU, memory or storage) fills over the waves, as a chart and a
//! table, and what could not be placed for want of room.
//!
//! The use per wave is the library's [`crate::waves::fill`] of the study's plan (what the
//! planner placed against); this module lays the chart out and adds links. It plans nothing.

use super::rows::{ComponentLink, Links};
use crate::model::{Capacity, Date, Target};
use crate::waves::fill::{self, Fill};
use crate::waves::{Hold, ItemKind, WavePlan};
use serde::Serialize;

#[derive(Serialize)]
pub struct HallsPage {
    pub halls: Vec<HallView>,
    /// Components whose room ran out: some item that moves onto them has no wave.
    pub full: usize,
}

/// One component with a capacity.
#[derive(Serialize)]
pub struct HallView {
    pub component: ComponentLink,
    pub anchor: String,
    /// Items moving onto it with a capacity of their own (placed or not).
    pub items: usize,
    /// One per key the component limits, in `Capacity::KEYS` order.
    pub keys: Vec<KeyFill>,
    /// The waves that add to it.
    pub rows: Vec<HallRow>,
    /// Items the planner could not place because it had no room left for them.
    pub not_placed: Vec<NotPlaced>,
    pub full: bool,
}

/// An item left out for want of room: what its move group needs of a key, and what was left.
#[derive(Serialize)]
pub struct NotPlaced {
    pub id: String,
    pub name: Option<String>,
    pub href: Option<String>,
    pub org: Option<String>,
    pub key: &'static str,
    pub need: f64,
    pub left: f64,
}

/// One key (`racks`, `power_kw`, …) of a component: its capacity, its use, and the chart.
#[derive(Serialize)]
pub struct KeyFill {
    pub key: &'static str,
    pub capacity: f64,
    /// Used after the last wave.
    pub used: f64,
    /// What the unplaced items would have needed.
    pub unplaced: f64,
    pub chart: Chart,
}

#[derive(Serialize)]
pub struct HallRow {
    pub number: u32,
    pub href: String,
    pub start: Date,
    pub end: Date,
    /// Per key, in `keys` order.
    pub cells: Vec<RowCell>,
}

#[derive(Serialize)]
pub struct RowCell {
    pub added: f64,
    pub used: f64,
    /// Used of the capacity, 0–100.
    pub percent: f64,
}

/// A bar chart of the use after each wave against the capacity, in SVG user units.
#[derive(Serialize)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// The capacity line.
    pub capacity_y: f64,
    pub bars: Vec<ChartBar>,
    /// The unplaced need, stacked on the last bar's use, when there is any.
    pub unplaced: Option<ChartBar>,
    pub baseline: f64,
}

#[derive(Serialize)]
pub struct ChartBar {
    pub number: u32,
    pub x: f64,
    pub width: f64,
    pub label_x: f64,
    pub label_y: f64,
    /// Earlier waves' use.
    pub before_y: f64,
    pub before_h: f64,
    /// This wave's.
    pub added_y: f64,
    pub added_h: f64,
    pub used: f64,
    pub added: f64,
    pub over: bool,
}

const CHART_W: f64 = 520.0;
const CHART_H: f64 = 150.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 22.0;
const LEFT: f64 = 8.0;

fn chart(f: &Fill, k: usize, capacity: f64) -> Chart {
    let last = f.waves.last().map_or(0.0, |w| w.used[k]);
    let need = f.unplaced[k];
    let top = capacity.max(last + need).max(f64::MIN_POSITIVE);
    let scale = |v: f64| v / top * CHART_H;
    let slots = f.waves.len() + usize::from(need > 0.0);
    let slot = if slots == 0 {
        CHART_W
    } else {
        CHART_W / slots as f64
    };
    let width = (slot * 0.7).min(48.0);
    let base = TOP + CHART_H;
    let bar = |i: usize, number: u32, before: f64, added: f64| {
        let x = LEFT + slot * i as f64 + (slot - width) / 2.0;
        ChartBar {
            number,
            x,
            width,
            label_x: x + width / 2.0,
            label_y: base + 15.0,
            before_y: base - scale(before),
            before_h: scale(before),
            added_y: base - scale(before + added),
            added_h: scale(added),
            used: before + added,
            added,
            over: before + added > capacity * (1.0 + 1e-9),
        }
    };
    let bars = f
        .waves
        .iter()
        .enumerate()
        .map(|(i, w)| bar(i, w.number, w.used[k] - w.added[k], w.added[k]))
        .collect();
    Chart {
        width: LEFT * 2.0 + CHART_W,
        height: TOP + CHART_H + BOTTOM,
        capacity_y: base - scale(capacity),
        unplaced: (need > 0.0).then(|| bar(f.waves.len(), 0, last, need)),
        bars,
        baseline: base,
    }
}

/// The hall page of target `t`'s plan, or `None` when no component has a capacity.
pub fn page(links: &Links, t: &Target, plan: &WavePlan) -> Option<HallsPage> {
    let fills = fill::fill(links.p, t, plan);
    if fills.is_empty() {
        return None;
    }
    let halls: Vec<HallView> = fills
        .iter()
        .map(|f| {
            let c = &t.components[f.component];
            let keyed: Vec<(usize, f64)> = f
                .capacity
                .iter()
                .enumerate()
                .filter_map(|(k, v)| v.map(|v| (k, v.get())))
                .collect();
            let keys = keyed
                .iter()
                .map(|&(k, cap)| KeyFill {
                    key: Capacity::KEYS[k],
                    capacity: cap,
                    used: f.waves.last().map_or(0.0, |w| w.used[k]),
                    unplaced: f.unplaced[k],
                    chart: chart(f, k, cap),
                })
                .collect();
            let rows = f
                .waves
                .iter()
                .zip(&plan.waves)
                .filter(|(w, _)| keyed.iter().any(|&(k, _)| w.added[k] > 0.0))
                .map(|(w, pw)| HallRow {
                    number: w.number,
                    href: format!("waves/wave-{}.html", w.number),
                    start: pw.start,
                    end: pw.end,
                    cells: keyed
                        .iter()
                        .map(|&(k, cap)| RowCell {
                            added: w.added[k],
                            used: w.used[k],
                            percent: if cap > 0.0 {
                                w.used[k] / cap * 100.0
                            } else {
                                0.0
                            },
                        })
                        .collect(),
                })
                .collect();
            let not_placed: Vec<NotPlaced> = plan
                .unplaced
                .iter()
                .map(|&i| plan.item(i))
                .filter_map(|it| match it.reason.hold {
                    Hold::Full {
                        component,
                        key,
                        need,
                        left,
                        ..
                    } if component == f.component => {
                        let asset = match it.kind {
                            ItemKind::Asset(a) => Some(a),
                            _ => None,
                        };
                        Some(NotPlaced {
                            id: it.id.clone(),
                            name: asset.map(|a| links.p.asset(a).name.clone()),
                            href: asset.map(|a| links.asset_link(a)),
                            org: it.org.map(|o| links.p.org(o).name().to_string()),
                            key: Capacity::KEYS.get(key).copied().unwrap_or(""),
                            need: need.get(),
                            left: left.get(),
                        })
                    }
                    _ => None,
                })
                .collect();
            HallView {
                component: links.component_link(t, &c.id),
                anchor: format!("hall-{}", c.id),
                items: f.items,
                keys,
                rows,
                full: !not_placed.is_empty(),
                not_placed,
            }
        })
        .collect();
    Some(HallsPage {
        full: halls.iter().filter(|h| h.full).count(),
        halls,
    })
}
