//! The contract calendar: every contract of an asset the plan takes out of use, with the
//! date by which notice must be given so that it ends as the asset leaves, the contract's
//! (effective) end, the wave the asset leaves in, its yearly cost, and whether it has renewed
//! already because a notice date passed (the planner's `renewed` warnings); as a sorted table
//! and on a timeline.
//!
//! The dates are the planner's (`Item::contract_end`, `Item::notice_by`, the `renewed`
//! warning's facts, docs/format.md §5); this module sorts them, lays out the timeline and adds
//! links. It computes no date.

use super::rows::{Links, OrgLink};
use crate::model::{Date, OrgIdx, Target};
use crate::waves::{ItemKind, WarningFact, WavePlan};
use chrono::Datelike;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct ContractsPage {
    pub rows: Vec<ContractRow>,
    /// Rows with a notice date.
    pub notices: usize,
    /// Rows whose contract renewed because notice was not given in time.
    pub renewed: usize,
    /// The first notice date on or after the run date.
    pub next_notice: Option<Date>,
    pub timeline: Timeline,
}

/// One contract.
#[derive(Serialize)]
pub struct ContractRow {
    pub item: String,
    pub org: Option<OrgLink>,
    pub asset: String,
    pub name: String,
    pub href: String,
    pub supplier: Option<String>,
    /// The wave the asset leaves in; `None` when the item has no wave.
    pub wave: Option<u32>,
    pub wave_start: Option<Date>,
    /// The contract's end as written.
    pub ends: Option<Date>,
    /// Its end as of the run date, renewals counted (the planner's).
    pub effective_end: Option<Date>,
    /// The date by which to give notice so that it ends as the asset leaves.
    pub notice_by: Option<Date>,
    pub auto_renew: bool,
    pub notice_months: Option<u64>,
    pub renews_months: u64,
    pub annual_cost: Option<f64>,
    pub renewed: Option<Renewed>,
    /// The notice date is before the run date.
    pub overdue: bool,
}

/// The planner's `renewed` warning: notice was due `missed`; it now runs to `runs_to`.
#[derive(Serialize, Clone, Copy)]
pub struct Renewed {
    pub missed: Date,
    pub runs_to: Date,
    pub next_notice: Option<Date>,
}

/// The calendar as SVG: one row per organisation, markers by month.
#[derive(Serialize, Default)]
pub struct Timeline {
    pub width: f64,
    pub height: f64,
    pub label_width: f64,
    pub axis: Vec<Tick>,
    pub rows: Vec<TimelineRow>,
    pub today_x: Option<f64>,
    pub horizon_x: Option<f64>,
    pub horizon: Option<Date>,
}

#[derive(Serialize)]
pub struct Tick {
    pub x: f64,
    pub year: i32,
}

#[derive(Serialize)]
pub struct TimelineRow {
    pub org: Option<OrgLink>,
    pub y: f64,
    pub text_y: f64,
    pub marks: Vec<Mark>,
}

/// The contracts of one organisation with one kind of date in one month.
#[derive(Serialize)]
pub struct Mark {
    /// `notice`, `end` or `renewed`.
    pub kind: &'static str,
    pub x: f64,
    pub y: f64,
    /// For `renewed`: where the renewal runs to.
    pub to_x: Option<f64>,
    pub month: Date,
    pub count: usize,
    /// A diamond at (x, y), for notice dates.
    pub diamond: String,
}

const ROW_H: f64 = 28.0;
const LABEL_W: f64 = 190.0;
const CHART_W: f64 = 900.0;
const TOP: f64 = 26.0;

/// The contract calendar of target `t`'s plan, or `None` when no asset the plan takes out
/// of use has a contract.
pub fn page(links: &Links, t: &Target, plan: &WavePlan, as_of: Date) -> Option<ContractsPage> {
    let p = links.p;
    let mut renewed: BTreeMap<u32, Renewed> = BTreeMap::new();
    for w in &plan.warnings {
        if let WarningFact::Renewed {
            missed,
            runs_to,
            next_notice,
        } = w.fact
        {
            renewed.insert(
                w.item.0,
                Renewed {
                    missed,
                    runs_to,
                    next_notice,
                },
            );
        }
    }
    let wave_start = |n: u32| plan.waves.iter().find(|w| w.number == n).map(|w| w.start);
    let mut rows: Vec<(Option<OrgIdx>, ContractRow)> = plan
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let ItemKind::Asset(a) = it.kind else {
                return None;
            };
            let asset = p.asset(a);
            let c = asset.contract.as_ref()?;
            let r = renewed.get(&(i as u32)).copied();
            if !it.action.ends_use() && r.is_none() {
                return None;
            }
            Some((
                it.org,
                ContractRow {
                    item: it.id.clone(),
                    org: it.org.map(|o| links.org_link(o)),
                    asset: asset.id.clone(),
                    name: asset.name.clone(),
                    href: links.asset_link(a),
                    supplier: c.supplier.clone(),
                    wave: it.wave,
                    wave_start: it.wave.and_then(wave_start),
                    ends: c.ends,
                    effective_end: it.contract_end,
                    notice_by: it.notice_by,
                    auto_renew: c.auto_renew.unwrap_or(false),
                    notice_months: c.notice_months,
                    renews_months: c.renewal_months(),
                    annual_cost: c.annual_cost.map(|x| x.get()),
                    overdue: it.notice_by.is_some_and(|d| d < as_of),
                    renewed: r,
                },
            ))
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    // The date to act on first: the notice date, else the contract's end.
    rows.sort_by(|(_, x), (_, y)| {
        let key = |r: &ContractRow| {
            (
                r.notice_by.is_none(),
                r.notice_by.or(r.effective_end).or(r.ends),
            )
        };
        key(x).cmp(&key(y)).then_with(|| x.item.cmp(&y.item))
    });
    let timeline = timeline(t, &rows, as_of);
    let rows: Vec<ContractRow> = rows.into_iter().map(|(_, r)| r).collect();
    Some(ContractsPage {
        notices: rows.iter().filter(|r| r.notice_by.is_some()).count(),
        renewed: rows.iter().filter(|r| r.renewed.is_some()).count(),
        next_notice: rows
            .iter()
            .filter_map(|r| r.notice_by)
            .filter(|d| *d >= as_of)
            .min(),
        rows,
        timeline,
    })
}

fn month(d: Date) -> Date {
    d.with_day(1).unwrap_or(d)
}

fn timeline(t: &Target, rows: &[(Option<OrgIdx>, ContractRow)], as_of: Date) -> Timeline {
    let dates = rows.iter().flat_map(|(_, r)| {
        [
            r.notice_by,
            r.effective_end.or(r.ends),
            r.renewed.map(|x| x.missed),
            r.renewed.map(|x| x.runs_to),
        ]
        .into_iter()
        .flatten()
    });
    let (Some(lo), Some(hi)) = (dates.clone().min(), dates.max()) else {
        return Timeline::default();
    };
    let start = month(lo.min(as_of));
    let end = hi.max(t.horizon).max(as_of);
    let days = ((end - start).num_days() + 1).max(1) as f64;
    let x_of = |d: Date| LABEL_W + (d - start).num_days() as f64 / days * CHART_W;
    let axis = (start.year()..=end.year() + 1)
        .filter_map(|y| Date::from_ymd_opt(y, 1, 1))
        .filter(|d| *d >= start && *d <= end)
        .map(|d| Tick {
            x: x_of(d),
            year: d.year(),
        })
        .collect();
    // Marks per organisation, kind and month, in the organisations' first-seen order.
    let mut orgs: Vec<(Option<OrgIdx>, Option<OrgLink>)> = Vec::new();
    let mut marks: BTreeMap<(usize, &'static str, Date), (usize, Option<Date>)> = BTreeMap::new();
    for (o, r) in rows {
        let ri = match orgs.iter().position(|(x, _)| x == o) {
            Some(i) => i,
            None => {
                orgs.push((*o, r.org.clone()));
                orgs.len() - 1
            }
        };
        let mut add = |kind: &'static str, d: Date, to: Option<Date>| {
            let e = marks.entry((ri, kind, month(d))).or_insert((0, None));
            e.0 += 1;
            e.1 = e.1.max(to);
        };
        if let Some(x) = &r.renewed {
            add("renewed", x.missed, Some(x.runs_to));
        }
        if let Some(d) = r.notice_by {
            add("notice", d, None);
        }
        if let Some(d) = r.effective_end.or(r.ends) {
            add("end", d, None);
        }
    }
    let mut out: Vec<TimelineRow> = orgs
        .iter()
        .enumerate()
        .map(|(i, (_, link))| {
            let y = TOP + ROW_H * i as f64;
            TimelineRow {
                org: link.clone(),
                y,
                text_y: y + ROW_H / 2.0 + 4.0,
                marks: Vec::new(),
            }
        })
        .collect();
    for ((ri, kind, m), (count, to)) in marks {
        let row = &mut out[ri];
        let (x, y) = (x_of(m), row.y + ROW_H / 2.0);
        row.marks.push(Mark {
            kind,
            diamond: format!(
                "M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z",
                y - 6.0,
                x + 6.0,
                y + 6.0,
                x - 6.0
            ),
            x,
            y,
            to_x: to.map(x_of),
            month: m,
            count,
        });
    }
    Timeline {
        width: LABEL_W + CHART_W + 20.0,
        height: TOP + ROW_H * out.len() as f64 + 10.0,
        label_width: LABEL_W,
        axis,
        rows: out,
        today_x: Some(x_of(as_of)),
        horizon_x: Some(x_of(t.horizon)),
        horizon: Some(t.horizon),
    }
}
