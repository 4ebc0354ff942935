//! The overview page: the conclusion first (on time or not, late and unsupported items,
//! one-off and yearly cost, payback, person-years, the best alternative by the study's own
//! scoring, how much of it rests on known costs), then the details: totals, gaps by
//! severity, the heat map of organisations × layers and the most severe gaps.
//!
//! Every figure is read from the library's values: the plan ([`crate::waves::WavePlan`] through
//! [`PlanIndex`]), the costs ([`crate::costs::Costs`], docs/format.md §7), the gap analysis
//! and each target's assessment ([`crate::costs::compare::totals`]); this module only
//! compares them with the target's horizon and words what they mean.

use super::items::{Because, ItemRef, PlanIndex};
use super::rows::{GapRow, Links, OrgLink};
use super::sentence::{self, Sentence};
use crate::gaps::{Analysis, Fact, tidy};
use crate::model::{Date, Layer, Severity};
use crate::study::Study;
use crate::waves::{WarningFact, WarningKind};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Most gaps listed as the most severe on the overview.
pub const TOP_GAPS: usize = 12;

#[derive(Serialize)]
pub struct Overview {
    pub conclusion: Conclusion,
    pub heat: Heat,
    pub totals: Totals,
    pub severities: Vec<SeverityCount>,
    pub top_gaps: Vec<GapRow>,
}

/// How a figure stands: a traffic light (with its word, never colour alone).
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A fact to know, not a judgement.
    Info,
    Green,
    Amber,
    Red,
}

/// The answer a steering group asks for, in the first screen of the report.
#[derive(Serialize)]
pub struct Conclusion {
    /// The worst status of the schedule, late and unsupported figures.
    pub status: Status,
    /// The answer in one or two sentences.
    pub headline: Vec<Sentence>,
    pub figures: Vec<Figure>,
    /// The chain of items that decides when the last wave ends, first item first.
    pub critical: Vec<ItemRef>,
    /// Why the chain's first item is in its wave.
    pub critical_start: Option<Because>,
}

/// One key figure: its value, its status and what it means.
#[derive(Serialize)]
pub struct Figure {
    /// `schedule`, `late`, `unsupported`, `change`, `yearly`, `effort`, `best`, `coverage`;
    /// the title is `figure.<id>`.
    pub id: &'static str,
    pub status: Status,
    /// The figure, short.
    pub value: Sentence,
    /// One sentence saying what it means.
    pub text: Sentence,
    /// Where the details are (site-relative).
    pub href: Option<String>,
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
    /// The one-off cost of the change (docs/format.md §7 `one_off.change`): gaps other than
    /// end of support, and establishing the components.
    pub one_off: f64,
    /// Its part that is gaps (`one_off.change_gaps`) and their hours.
    pub change_gaps: f64,
    pub change_gap_hours: f64,
    /// The change's hours: its gaps' and establishing the components.
    pub change_hours: f64,
    /// End-of-support replacements due anyway (`one_off.lifecycle`), never added to the
    /// change.
    pub lifecycle: f64,
    pub lifecycle_hours: f64,
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
        one_off: c.one_off.change.get(),
        change_gaps: c.one_off.change_gaps.get(),
        change_gap_hours: tidy(c.one_off.change_hours.get() - c.one_off.establish_hours.get())
            .get(),
        change_hours: c.one_off.change_hours.get(),
        lifecycle: c.one_off.lifecycle.get(),
        lifecycle_hours: c.one_off.lifecycle_hours.get(),
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

/// The overview page of `studies[primary]`, whose plan (if any) is indexed by `idx`; `row`
/// makes the row of the analysis' gap of that index (with its wave); the other studies are
/// the alternatives it is compared with.
pub fn overview(
    links: &Links,
    studies: &[Study],
    primary: usize,
    row: impl Fn(usize) -> GapRow,
    idx: Option<&PlanIndex>,
) -> Overview {
    let s = &studies[primary];
    let a = &s.gaps;
    let mut top: Vec<usize> = (0..a.gaps.len()).filter(|&i| !a.gaps[i].waived).collect();
    top.sort_by(|&i, &j| {
        let (x, y) = (&a.gaps[i], &a.gaps[j]);
        y.severity
            .cmp(&x.severity)
            .then(y.hours.get().total_cmp(&x.hours.get()))
            .then_with(|| (&x.org, &x.asset, &x.rule).cmp(&(&y.org, &y.asset, &y.rule)))
    });
    Overview {
        conclusion: conclusion(studies, primary, idx),
        heat: heat(links, a),
        totals: totals(s),
        severities: severities(a),
        top_gaps: top.into_iter().take(TOP_GAPS).map(row).collect(),
    }
}

fn heat(links: &Links, a: &Analysis) -> Heat {
    let rows = &a.gaps;
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
    links.sort_by_name(&mut out_rows, |r| {
        r.org.as_ref().map_or("", |o| o.name.as_str())
    });
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

/// Assets with an open end-of-support gap whose support ended before `as_of`.
pub fn unsupported(a: &Analysis, as_of: Date) -> usize {
    a.open()
        .filter(|g| {
            matches!(g.finding.fact, Fact::EndOfSupport { end_of_support, .. } if end_of_support < as_of)
        })
        .filter_map(|g| g.asset_idx)
        .collect::<BTreeSet<_>>()
        .len()
}

/// Whole months from `from` to `to` (negative when `to` is earlier), rounded.
fn months(from: Date, to: Date) -> i64 {
    ((to - from).num_days() as f64 / 30.44).round() as i64
}

/// How many late items no plan could have had on time, and how many another order could:
/// a clause that reads well for all, none or some of them.
fn split(unavoidable: usize, avoidable: usize) -> Value {
    let key = match (unavoidable, avoidable) {
        (_, 0) => "late.split.none_avoidable",
        (0, _) => "late.split.all_avoidable",
        _ => "late.split.some_avoidable",
    };
    serde_json::json!({
        "key": key,
        "n": unavoidable + avoidable,
        "unavoidable": count(unavoidable, "count.late_unavoidable"),
        "avoidable": count(avoidable, "count.late_avoidable"),
    })
}

fn json_u32(v: Option<u32>) -> Value {
    v.map_or(Value::Null, Value::from)
}

fn count(n: usize, unit: &str) -> Value {
    sentence::count(n, unit)
}

/// Years (or person-years) to one decimal, with their unit in the right form.
fn years_count(years: f64, unit: &str) -> Value {
    serde_json::json!({ "count": (years * 10.0).round() / 10.0, "unit": unit })
}

/// The conclusion of `studies[primary]`.
fn conclusion(studies: &[Study], primary: usize, idx: Option<&PlanIndex>) -> Conclusion {
    let s = &studies[primary];
    let (t, c) = (s.target, &s.costs);
    let mut figures = Vec::new();
    let mut headline = Vec::new();
    let unsupported = unsupported(&s.gaps, s.as_of);
    let mut critical = Vec::new();
    let mut critical_start = None;

    // The schedule: the last wave against the horizon.
    let mut late_n = 0;
    let mut late_split: Option<(usize, usize)> = None;
    let mut stranded = 0;
    if let Some(idx) = idx {
        let plan = idx.plan;
        let late: Vec<_> = plan
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::Late)
            .collect();
        late_n = late.len();
        let (_, avoidable) = plan.late();
        late_split = Some((late_n - avoidable, avoidable));
        let passed = late
            .iter()
            .filter(|w| {
                matches!(w.fact, WarningFact::Late { end_of_support, .. } if end_of_support < plan.run_date)
            })
            .count();
        stranded = plan
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::Stranded)
            .count();
        let mut unplaced_kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
        for &i in &plan.unplaced {
            if let Some(k) = plan.item(i).unplaced {
                *unplaced_kinds.entry(k.as_str()).or_default() += 1;
            }
        }
        let unplaced_reasons: Vec<Value> = unplaced_kinds
            .iter()
            .map(|(k, n)| serde_json::json!({ "key": format!("unplaced.{k}"), "n": n }))
            .collect();
        let end = plan.end();
        let unplaced = plan.unplaced.len();
        let (status, value, text) = match end {
            _ if unplaced > 0 => (
                Status::Red,
                Sentence::new("figure.schedule.unplaced.value").with("n", Value::from(unplaced)),
                Sentence::new("figure.schedule.unplaced")
                    .with("n", Value::from(unplaced))
                    .with("reasons", Value::from(unplaced_reasons.clone()))
                    .with("horizon", sentence::date(t.horizon)),
            ),
            None => (
                Status::Green,
                Sentence::new("figure.schedule.nothing.value"),
                Sentence::new("figure.schedule.nothing"),
            ),
            Some(end) if end > t.horizon => (
                Status::Red,
                Sentence::new("figure.schedule.value").with("end", sentence::date(end)),
                Sentence::new("figure.schedule.late")
                    .with("end", sentence::date(end))
                    .with("horizon", sentence::date(t.horizon))
                    .with(
                        "months",
                        count(months(t.horizon, end).max(1) as usize, "count.months"),
                    )
                    .with("waves", count(plan.waves.len(), "count.waves")),
            ),
            Some(end) => (
                Status::Green,
                Sentence::new("figure.schedule.value").with("end", sentence::date(end)),
                Sentence::new("figure.schedule.on_time")
                    .with("end", sentence::date(end))
                    .with("horizon", sentence::date(t.horizon))
                    .with("waves", count(plan.waves.len(), "count.waves")),
            ),
        };
        headline.push(match (status, end) {
            // Why the items have no wave (a full hall is not a horizon), and when the rest
            // of the plan ends.
            (Status::Red, end) if unplaced > 0 => match end {
                Some(end) => {
                    Sentence::new("conclusion.unplaced-end").with("end", sentence::date(end))
                }
                None => Sentence::new("conclusion.unplaced"),
            }
            .with("n", Value::from(unplaced))
            .with("reasons", Value::from(unplaced_reasons))
            .with("horizon", sentence::date(t.horizon)),
            (Status::Red, Some(end)) => Sentence::new("conclusion.late")
                .with("end", sentence::date(end))
                .with("horizon", sentence::date(t.horizon))
                .with(
                    "months",
                    count(months(t.horizon, end).max(1) as usize, "count.months"),
                ),
            (_, Some(end)) => Sentence::new("conclusion.on_time")
                .with("end", sentence::date(end))
                .with("horizon", sentence::date(t.horizon)),
            (_, None) => Sentence::new("conclusion.nothing"),
        });
        figures.push(Figure {
            id: "schedule",
            status,
            value,
            text,
            href: Some("waves.html".into()),
        });
        figures.push(Figure {
            id: "late",
            status: if late_n > 0 {
                Status::Red
            } else {
                Status::Green
            },
            value: Sentence::new("figure.late.value").with("n", Value::from(late_n)),
            text: if late_n > 0 {
                Sentence::new("figure.late")
                    .with("n", Value::from(late_n))
                    .with("split", split(late_n - avoidable, avoidable))
                    .with(
                        "passed",
                        count(
                            passed,
                            if passed == late_n && passed > 0 {
                                "count.assets_passed_all"
                            } else {
                                "count.assets_passed"
                            },
                        ),
                    )
            } else {
                Sentence::new("figure.late.none")
            },
            href: Some("waves.html#late".into()),
        });
        if let Some(chain) = idx.critical_chains.first() {
            critical = chain.iter().map(|&i| idx.item(i)).collect();
            critical_start = chain.first().map(|&i| idx.because(i));
        }
    } else {
        headline.push(Sentence::new("conclusion.no_plan"));
    }
    if let Some((unavoidable, avoidable)) = late_split.filter(|_| late_n > 0) {
        headline.push(
            Sentence::new("conclusion.late_items")
                .with("n", Value::from(late_n))
                .with("split", split(unavoidable, avoidable))
                .with("unsupported", count(unsupported, "count.unsupported_today")),
        );
    }
    if stranded > 0 {
        headline.push(Sentence::new("conclusion.stranded").with("n", Value::from(stranded)));
    }
    // The first notice the plan needs: a contract that must be given notice so that it ends
    // as its asset leaves.
    if let Some(idx) = idx {
        let plan = idx.plan;
        let notices: Vec<(Date, crate::waves::ItemIdx)> = plan
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| Some((it.notice_by?, crate::waves::ItemIdx(i as u32))))
            .collect();
        let renewed = plan
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::Renewed)
            .count();
        if let Some(&(date, first)) = notices.iter().min() {
            let item = idx.item(first);
            let soon = (date - s.as_of).num_days() <= 365;
            figures.push(Figure {
                id: "notice",
                status: if renewed > 0 || date < s.as_of {
                    Status::Red
                } else if soon {
                    Status::Amber
                } else {
                    Status::Info
                },
                value: Sentence::new("figure.notice.value").with("date", sentence::date(date)),
                text: Sentence::new("figure.notice")
                    .with("date", sentence::date(date))
                    .with("asset", Value::from(item.name.clone()))
                    .with("org", Value::from(item.org.clone().unwrap_or_default()))
                    .with("wave", json_u32(item.wave))
                    .with("notices", count(notices.len(), "count.notices"))
                    .with("renewed", count(renewed, "count.renewed")),
                href: item.href.clone(),
            });
        }
    }

    figures.push(Figure {
        id: "unsupported",
        status: if unsupported > 0 {
            Status::Red
        } else {
            Status::Green
        },
        value: Sentence::new("figure.unsupported.value").with("n", Value::from(unsupported)),
        text: Sentence::new("figure.unsupported")
            .with("n", Value::from(unsupported))
            .with("as_of", sentence::date(s.as_of)),
        href: None,
    });

    // Money: the change once, the lifecycle beside it, the yearly cost and saving.
    let py = &c.person_years;
    figures.push(Figure {
        id: "change",
        status: Status::Info,
        value: Sentence::new("figure.change.value")
            .with("amount", sentence::amount(c.one_off.change.get())),
        text: Sentence::new("figure.change")
            .with("amount", sentence::amount(c.one_off.change.get()))
            .with("establish", sentence::amount(c.one_off.establish.get()))
            .with("lifecycle", sentence::amount(c.one_off.lifecycle.get())),
        href: Some("#h-totals".into()),
    });
    let saving = c.saving.get();
    let (status, text) = match c.payback_years {
        _ if saving <= 0.0 => (
            Status::Red,
            Sentence::new("figure.yearly.more")
                .with("today", sentence::amount(c.today.total.get()))
                .with("target", sentence::amount(c.target_state.total.get()))
                .with("more", sentence::amount(-saving)),
        ),
        Some(years) => (
            if years <= 5.0 {
                Status::Green
            } else {
                Status::Amber
            },
            Sentence::new("figure.yearly.saving")
                .with("today", sentence::amount(c.today.total.get()))
                .with("target", sentence::amount(c.target_state.total.get()))
                .with("saving", sentence::amount(saving))
                .with("years", years_count(years, "count.years")),
        ),
        None => (
            Status::Amber,
            Sentence::new("figure.yearly.saving_no_change")
                .with("saving", sentence::amount(saving)),
        ),
    };
    figures.push(Figure {
        id: "yearly",
        status,
        value: Sentence::new(if saving > 0.0 {
            "figure.yearly.value.saving"
        } else {
            "figure.yearly.value.more"
        })
        .with("amount", sentence::amount(saving.abs())),
        text: if c.staffing.is_some() {
            text
        } else {
            Sentence {
                key: format!("{}.no_staff", text.key),
                ..text
            }
        },
        href: Some("#h-totals".into()),
    });
    figures.push(Figure {
        id: "effort",
        status: Status::Info,
        value: Sentence::new("figure.effort.value")
            .with("years", years_count(py.change.get(), "count.person_years")),
        text: Sentence::new("figure.effort")
            .with("hours", sentence::hours(c.one_off.change_hours.get()))
            .with("years", years_count(py.change.get(), "count.person_years"))
            .with("per_fte", sentence::hours(py.hours_per_fte.get()))
            .with(
                "lifecycle",
                years_count(py.lifecycle.get(), "count.person_years"),
            )
            .with(
                "lifecycle_hours",
                sentence::hours(c.one_off.lifecycle_hours.get()),
            ),
        href: None,
    });

    // The best alternative by the study's own scoring.
    if studies.len() > 1 {
        let scored: Vec<(usize, f64, f64)> = studies
            .iter()
            .enumerate()
            .filter_map(|(i, x)| {
                crate::costs::compare::totals(x.target).map(|(a, m)| (i, a.get(), m.get()))
            })
            .collect();
        if let Some(best) = scored.iter().map(|x| x.1).max_by(f64::total_cmp) {
            let top: Vec<&(usize, f64, f64)> = scored.iter().filter(|x| x.1 == best).collect();
            let names: Vec<Value> = top
                .iter()
                .map(|x| Value::from(studies[x.0].target.name.clone()))
                .collect();
            let is_best = top.iter().any(|x| x.0 == primary);
            let on_time = studies
                .iter()
                .filter(|x| {
                    x.plan.as_ref().is_some_and(|pl| {
                        pl.unplaced.is_empty() && pl.end().is_none_or(|e| e <= x.target.horizon)
                    })
                })
                .count();
            let planned = studies.iter().filter(|x| x.plan.is_some()).count();
            figures.push(Figure {
                id: "best",
                status: if is_best {
                    Status::Green
                } else {
                    Status::Amber
                },
                value: Sentence::new("figure.best.value")
                    .with("names", sentence::all(names.clone())),
                text: Sentence::new(if top.len() > 1 {
                    "figure.best.tie"
                } else {
                    "figure.best"
                })
                .with("names", sentence::all(names))
                .with("score", Value::from(best))
                .with("max", Value::from(top[0].2))
                .with("alternatives", Value::from(studies.len()))
                .with(
                    "on_time",
                    serde_json::json!({
                        "key": "figure.best.on_time",
                        "n": on_time,
                        "planned": planned,
                    }),
                ),
                href: Some("scenarios.html".into()),
            });
        }
    }

    // How much of it rests on known costs.
    let cov = &c.coverage;
    let share = if cov.assets == 0 {
        1.0
    } else {
        cov.with_cost as f64 / cov.assets as f64
    };
    figures.push(Figure {
        id: "coverage",
        status: if cov.is_complete() {
            Status::Green
        } else if share >= 0.5 {
            Status::Amber
        } else {
            Status::Red
        },
        value: Sentence::new("figure.coverage.value")
            .with("with_cost", Value::from(cov.with_cost))
            .with("assets", Value::from(cov.assets)),
        text: Sentence::new(if cov.is_complete() {
            "figure.coverage.complete"
        } else {
            "figure.coverage"
        })
        .with("with_cost", Value::from(cov.with_cost))
        .with("total", Value::from(cov.assets))
        .with("percent", Value::from((share * 100.0).round())),
        href: None,
    });

    let status = figures
        .iter()
        .filter(|f| matches!(f.id, "schedule" | "late" | "unsupported"))
        .map(|f| f.status)
        .max()
        .unwrap_or(Status::Info);
    Conclusion {
        status,
        headline,
        figures,
        critical,
        critical_start,
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
