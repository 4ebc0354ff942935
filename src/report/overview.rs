//! The overview page: totals, gaps by severity, the heat map of organisations × layers and
//! the most severe gaps, from one study's gap analysis and target.
//!
//! Sums of gaps come from the analysis' summary, yearly and one-off costs from the study's
//! costs (docs/format.md §7), so the page agrees with `samdrift gaps` and `samdrift costs`.

use super::rows::{GapRow, Links, OrgLink};
use crate::gaps::Analysis;
use crate::gaps::Gap;
use crate::model::{Layer, Severity};
use crate::study::Study;
use serde::Serialize;
use std::collections::HashMap;

/// Most gaps listed as the most severe on the overview.
pub const TOP_GAPS: usize = 12;

#[derive(Serialize)]
pub struct Overview {
    pub heat: Heat,
    pub totals: Totals,
    pub severities: Vec<SeverityCount>,
    pub top_gaps: Vec<GapRow>,
}

#[derive(Serialize, Default, Clone, Copy)]
pub struct Totals {
    pub gaps: usize,
    pub waived: usize,
    pub gap_hours: f64,
    pub gap_cost: f64,
    pub establish_hours: f64,
    /// External one-off cost of establishing the components.
    pub establish_cost: f64,
    /// Internal cost of the establish hours (hours × hourly rate).
    pub establish_work_cost: f64,
    pub hours: f64,
    pub one_off: f64,
    pub annual_today: f64,
    /// The components' annual cost.
    pub annual_target: f64,
    /// What stays local a year: the assets that stay in the target (docs/format.md §7).
    pub annual_remaining: f64,
    /// `annual_target` + `annual_remaining`.
    pub annual_target_total: f64,
    /// `annual_target_total` − `annual_today`.
    pub annual_change: f64,
}

#[derive(Serialize)]
pub struct SeverityCount {
    pub severity: Severity,
    pub gaps: usize,
    pub hours: f64,
}

/// Gaps per organisation × layer.
#[derive(Serialize)]
pub struct Heat {
    /// The columns: each layer, then `None` for gaps of no layer when there are any.
    pub columns: Vec<Option<Layer>>,
    pub rows: Vec<HeatRow>,
    pub total: HeatRow,
    pub max: usize,
}

#[derive(Serialize, Clone)]
pub struct HeatRow {
    pub org: Option<OrgLink>,
    pub cells: Vec<HeatCell>,
    pub gaps: usize,
    pub hours: f64,
}

#[derive(Serialize, Clone, Default)]
pub struct HeatCell {
    pub gaps: usize,
    pub hours: f64,
    /// 0 (no gap) to 5 (the most gaps of any cell), for the colour.
    pub level: usize,
    pub worst: Option<Severity>,
}

/// Open gaps' totals of one study, with establishment and run costs.
/// The totals of study `s`: its gaps as the analysis sums them, the establishment of its
/// components, and the yearly costs of its [`Costs`](crate::costs::Costs) (assets and
/// components; staff costs are not on these pages).
pub fn totals(s: &Study) -> Totals {
    let (t, a, c) = (s.target, &s.gaps, &s.costs);
    let rate = t.hourly_rate.get();
    let gap_hours = a.summary.hours.get();
    let gap_cost = a.summary.cost.get();
    let establish_hours = c.one_off.establish_hours.get();
    let establish_cost: f64 = t.components.iter().map(|c| c.establish_cost.get()).sum();
    let annual_today = c.today.assets.get();
    let annual_target = c.target_state.components.get();
    let annual_remaining = c.target_state.staying.get();
    Totals {
        gaps: a.summary.gaps,
        waived: a.summary.waived,
        gap_hours,
        gap_cost,
        establish_hours,
        establish_cost,
        establish_work_cost: establish_hours * rate,
        hours: gap_hours + establish_hours,
        one_off: (c.one_off.change + c.one_off.lifecycle).get(),
        annual_today,
        annual_target,
        annual_remaining,
        annual_target_total: annual_target + annual_remaining,
        annual_change: annual_target + annual_remaining - annual_today,
    }
}

pub fn severities(a: &Analysis) -> Vec<SeverityCount> {
    Severity::ALL
        .iter()
        .rev()
        .map(|&s| SeverityCount {
            severity: s,
            gaps: a.open().filter(|g| g.severity == s).count(),
            hours: a
                .open()
                .filter(|g| g.severity == s)
                .map(|g| g.hours.get())
                .sum(),
        })
        .collect()
}

/// The overview page of study `s`. Gap rows are made for the gaps it lists only: the rows
/// of every gap of a large estate do not fit in memory together.
pub fn overview(links: &Links, s: &Study) -> Overview {
    let a = &s.gaps;
    let mut top: Vec<&Gap> = a.open().collect();
    top.sort_by(|x, y| {
        y.severity
            .cmp(&x.severity)
            .then(y.hours.get().total_cmp(&x.hours.get()))
            .then_with(|| (&x.org, &x.asset, &x.rule).cmp(&(&y.org, &y.asset, &y.rule)))
    });
    Overview {
        heat: heat(links, a, &a.gaps),
        totals: totals(s),
        severities: severities(a),
        top_gaps: top
            .into_iter()
            .take(TOP_GAPS)
            .map(|g| GapRow::new(links, s.target, g))
            .collect(),
    }
}

fn heat(links: &Links, a: &Analysis, rows: &[Gap]) -> Heat {
    let mut columns: Vec<Option<Layer>> = Layer::ALL.iter().map(|&l| Some(l)).collect();
    if rows.iter().any(|r| r.layer.is_none()) {
        columns.push(None);
    }
    let col = |l: Option<Layer>| columns.iter().position(|c| *c == l).unwrap_or(0);
    let mut by_org: HashMap<&str, Vec<HeatCell>> = HashMap::new();
    let mut total = vec![HeatCell::default(); columns.len()];
    for r in rows.iter().filter(|r| !r.waived) {
        let cells = by_org
            .entry(r.org.as_str())
            .or_insert_with(|| vec![HeatCell::default(); columns.len()]);
        for c in [&mut cells[col(r.layer)], &mut total[col(r.layer)]] {
            c.gaps += 1;
            c.hours += r.hours.get();
            c.worst = c.worst.max(Some(r.severity));
        }
    }
    let mut out_rows: Vec<HeatRow> = a
        .orgs
        .iter()
        .map(|&o| {
            let cells = by_org
                .remove(links.p.org(o).id.as_str())
                .unwrap_or_else(|| vec![HeatCell::default(); columns.len()]);
            HeatRow {
                org: Some(links.org_link(o)),
                gaps: cells.iter().map(|c| c.gaps).sum(),
                hours: cells.iter().map(|c| c.hours).sum(),
                cells,
            }
        })
        .collect();
    let max = out_rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.gaps))
        .max()
        .unwrap_or(0);
    for r in &mut out_rows {
        for c in &mut r.cells {
            c.level = level(c.gaps, max);
        }
    }
    let total = HeatRow {
        org: None,
        gaps: total.iter().map(|c| c.gaps).sum(),
        hours: total.iter().map(|c| c.hours).sum(),
        cells: total,
    };
    Heat {
        columns,
        rows: out_rows,
        total,
        max,
    }
}

/// 0 for no gaps, else 1–5 on a square-root scale of `n` against `max`, so that one cell
/// with thousands of client gaps does not wash every other cell out.
fn level(n: usize, max: usize) -> usize {
    if n == 0 || max == 0 {
        return 0;
    }
    let f = (n as f64).sqrt() / (max as f64).sqrt();
    1 + ((f * 4.0).round() as usize).min(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_levels() {
        assert_eq!(level(0, 10), 0);
        assert_eq!(level(10, 10), 5);
        assert_eq!(level(1, 10000), 1);
        assert!(level(2500, 10000) >= 3);
    }
}
