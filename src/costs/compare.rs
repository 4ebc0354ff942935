//! Every target of the project side by side: the study's decision table (`costs
//! --all-targets`, the report's scenarios page).
//!
//! One row per criterion of the targets' `assessment` (score, weight and reason per
//! target), the weighted total, and beside them what samdrift computes for each target:
//! one-off change and lifecycle cost, yearly saving, payback, person-years, the plan's last
//! wave against the horizon, late items and open critical gaps. The plan figures come from
//! [`plan_figures`], the one function here that depends on the planner.

use super::{Costs, OneOff, PersonYears};
use crate::gaps::{self, tidy};
use crate::graph::Graph;
use crate::model::{Date, Num, Project, Severity, Target};
use crate::waves;
use serde::Serialize;

/// The decision table. `targets` fixes the column order of every row.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub as_of: Date,
    /// Target ids, sorted.
    pub targets: Vec<String>,
    /// Criteria in the order first written (by target order, then within the target).
    pub criteria: Vec<CriterionRow>,
    /// One per target, in `targets` order.
    pub alternatives: Vec<Alternative>,
    /// Sentences on what does not compare (always present; English).
    #[serde(serialize_with = "compare_messages")]
    pub notes: Vec<CompareNote>,
}

/// One criterion across the targets.
#[derive(Clone, Debug, Serialize)]
pub struct CriterionRow {
    pub criterion: String,
    /// The title written with it in the first target that scores it.
    pub title: String,
    /// One per target, in `Comparison::targets` order; `null` where it is not scored.
    pub scores: Vec<Option<Score>>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Score {
    pub score: u8,
    pub weight: Num,
    pub reason: Option<String>,
}

/// One target's column of the table.
#[derive(Clone, Debug, Serialize)]
pub struct Alternative {
    pub target: String,
    pub name: String,
    pub currency: String,
    /// Σ score × weight over its criteria; `null` without an `assessment`.
    pub weighted_total: Option<Num>,
    /// Σ 4 × weight: the best total its criteria allow.
    pub max_total: Option<Num>,
    pub today: Num,
    pub target_state: Num,
    pub saving: Num,
    pub payback_years: Option<f64>,
    pub one_off: OneOff,
    pub person_years: PersonYears,
    /// `null` when the target has no `plan`.
    pub plan: Option<PlanFigures>,
    pub open_gaps: usize,
    pub open_critical_gaps: usize,
    /// The notes of its cost figures.
    #[serde(serialize_with = "super::note_messages")]
    pub notes: Vec<super::Note>,
}

/// What the plan says about reaching the target.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PlanFigures {
    /// Waves with work.
    pub waves: usize,
    /// The number of the last wave with work (0 when nothing is planned).
    pub last_wave: u32,
    pub last_wave_end: Option<Date>,
    pub horizon: Date,
    /// The last wave ends on or before the horizon and every item has a wave.
    pub within_horizon: bool,
    /// Items in a wave that starts on or after their end of support.
    pub late: usize,
    /// Late items some plan could have had on time (`avoidable` on the planner's `late`
    /// warnings, docs/format.md §5 (v1.2)).
    pub avoidable_late: usize,
    /// Items that could not be placed.
    pub unplaced: usize,
}

/// The plan of `t` in figures, `None` when it has no `plan`.
///
/// The one place that depends on the planner's API. The plan is made as of the analysis's
/// run date (`a.as_of`); `avoidable_late` counts the `late` warnings marked `avoidable`.
pub fn plan_figures(p: &Project, g: &Graph, t: &Target, a: &gaps::Analysis) -> Option<PlanFigures> {
    let plan = waves::plan(p, g, t, a).ok()?;
    let (late, avoidable_late) = plan.late();
    let last_wave_end = plan.end();
    Some(PlanFigures {
        waves: plan.waves.len(),
        last_wave: plan.span(),
        last_wave_end,
        horizon: t.horizon,
        within_horizon: plan.unplaced.is_empty() && last_wave_end.is_none_or(|e| e <= t.horizon),
        late,
        avoidable_late,
        unplaced: plan.unplaced.len(),
    })
}

/// The weighted total and the best possible total of a target's assessment.
pub fn totals(t: &Target) -> Option<(Num, Num)> {
    if t.assessment.is_empty() {
        return None;
    }
    let total = t
        .assessment
        .iter()
        .map(|c| f64::from(c.score) * c.weight.get())
        .sum();
    let max = t.assessment.iter().map(|c| 4.0 * c.weight.get()).sum();
    Some((tidy(total), tidy(max)))
}

/// Compares every target of the project, judged as of `as_of`.
pub fn compare(p: &Project, g: &Graph, as_of: Date) -> Comparison {
    let targets: Vec<String> = p.targets.iter().map(|t| t.id.clone()).collect();
    let mut criteria: Vec<CriterionRow> = Vec::new();
    for (ti, t) in p.targets.iter().enumerate() {
        for c in &t.assessment {
            let row = match criteria.iter().position(|r| r.criterion == c.id.value) {
                Some(i) => &mut criteria[i],
                None => {
                    criteria.push(CriterionRow {
                        criterion: c.id.value.clone(),
                        title: c.title.clone(),
                        scores: vec![None; targets.len()],
                    });
                    let last = criteria.len() - 1;
                    &mut criteria[last]
                }
            };
            row.scores[ti] = Some(Score {
                score: c.score,
                weight: c.weight,
                reason: c.reason.clone(),
            });
        }
    }
    let alternatives: Vec<Alternative> = p
        .targets
        .iter()
        .map(|t| {
            let a = gaps::analyse(p, g, t, as_of);
            let costs = super::compute(p, t, &a);
            let plan = plan_figures(p, g, t, &a);
            alternative(t, &a, costs, plan)
        })
        .collect();
    let notes = notes(p, &criteria, &alternatives);
    Comparison {
        as_of,
        targets,
        criteria,
        alternatives,
        notes,
    }
}

fn alternative(t: &Target, a: &gaps::Analysis, c: Costs, plan: Option<PlanFigures>) -> Alternative {
    let totals = totals(t);
    Alternative {
        target: t.id.clone(),
        name: t.name.clone(),
        currency: t.currency.clone(),
        weighted_total: totals.map(|x| x.0),
        max_total: totals.map(|x| x.1),
        today: c.today.total,
        target_state: c.target_state.total,
        saving: c.saving,
        payback_years: c.payback_years,
        person_years: c.person_years,
        plan,
        open_gaps: a.summary.gaps,
        open_critical_gaps: a
            .open()
            .filter(|g| g.severity == Severity::Critical)
            .count(),
        notes: c.notes,
        one_off: c.one_off,
    }
}

fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What keeps the columns from comparing, as data; [`CompareNote::message`] words it in
/// English, views translate by variant.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareNote {
    /// Targets without an `assessment`.
    Unscored { targets: Vec<String> },
    /// A criterion some scored targets leave out.
    NotScored {
        criterion: String,
        targets: Vec<String>,
    },
    /// A criterion weighted differently across targets: (weight, target).
    Weights {
        criterion: String,
        weights: Vec<(Num, String)>,
    },
    /// Targets in different currencies.
    Currencies { currencies: Vec<String> },
    /// Targets without a `plan`.
    NoPlan { targets: Vec<String> },
}

fn has(n: usize) -> &'static str {
    if n == 1 { "has" } else { "have" }
}

impl CompareNote {
    pub fn message(&self) -> String {
        match self {
            CompareNote::Unscored { targets } => format!(
                "{} {} no `assessment`: no weighted total",
                quoted(targets),
                has(targets.len())
            ),
            CompareNote::NotScored { criterion, targets } => format!(
                "criterion `{criterion}` is not scored in {}: their weighted totals leave it out",
                quoted(targets)
            ),
            CompareNote::Weights { criterion, weights } => format!(
                "criterion `{criterion}` has different weights ({}): the weighted totals do not \
                 compare",
                weights
                    .iter()
                    .map(|(w, t)| format!("{w} in `{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            CompareNote::Currencies { currencies } => format!(
                "the targets use different currencies ({}): their amounts do not compare",
                currencies.join(", ")
            ),
            CompareNote::NoPlan { targets } => format!(
                "{} {} no `plan`: no wave figures",
                quoted(targets),
                has(targets.len())
            ),
        }
    }
}

fn compare_messages<S: serde::Serializer>(notes: &[CompareNote], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(notes.iter().map(CompareNote::message))
}

/// What keeps the columns from comparing, in a fixed order.
fn notes(p: &Project, criteria: &[CriterionRow], alts: &[Alternative]) -> Vec<CompareNote> {
    let mut out = Vec::new();
    let unscored: Vec<String> = p
        .targets
        .iter()
        .filter(|t| t.assessment.is_empty())
        .map(|t| t.id.clone())
        .collect();
    if !unscored.is_empty() {
        out.push(CompareNote::Unscored { targets: unscored });
    }
    let scored: Vec<usize> = (0..p.targets.len())
        .filter(|&i| !p.targets[i].assessment.is_empty())
        .collect();
    for row in criteria {
        let missing: Vec<String> = scored
            .iter()
            .filter(|&&i| row.scores[i].is_none())
            .map(|&i| p.targets[i].id.clone())
            .collect();
        if !missing.is_empty() {
            out.push(CompareNote::NotScored {
                criterion: row.criterion.clone(),
                targets: missing,
            });
        }
        let weights: Vec<(Num, String)> = row
            .scores
            .iter()
            .zip(&p.targets)
            .filter_map(|(s, t)| s.as_ref().map(|s| (s.weight, t.id.clone())))
            .collect();
        if weights.iter().any(|w| w.0 != weights[0].0) {
            out.push(CompareNote::Weights {
                criterion: row.criterion.clone(),
                weights,
            });
        }
    }
    let mut currencies: Vec<String> = alts.iter().map(|a| a.currency.clone()).collect();
    currencies.sort_unstable();
    currencies.dedup();
    if currencies.len() > 1 {
        out.push(CompareNote::Currencies { currencies });
    }
    let unplanned: Vec<String> = alts
        .iter()
        .filter(|a| a.plan.is_none())
        .map(|a| a.target.clone())
        .collect();
    if !unplanned.is_empty() {
        out.push(CompareNote::NoPlan { targets: unplanned });
    }
    out
}
