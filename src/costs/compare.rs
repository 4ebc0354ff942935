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
    Some(figures(t, &plan))
}

/// The figures of `plan`, made for target `t` (the report passes the plan of its study).
pub fn figures(t: &Target, plan: &waves::WavePlan) -> PlanFigures {
    let (late, avoidable_late) = plan.late();
    let last_wave_end = plan.end();
    PlanFigures {
        waves: plan.waves.len(),
        last_wave: plan.span(),
        last_wave_end,
        horizon: t.horizon,
        within_horizon: plan.unplaced.is_empty() && last_wave_end.is_none_or(|e| e <= t.horizon),
        late,
        avoidable_late,
        unplaced: plan.unplaced.len(),
    }
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
    table(p, as_of, alternatives)
}

/// The decision table of `alternatives`, one per target of `p` in target order, made
/// elsewhere from each target's analysis, costs and plan (the report makes them from its
/// studies, so nothing is computed twice): the criteria rows and the notes.
pub fn table(p: &Project, as_of: Date, alternatives: Vec<Alternative>) -> Comparison {
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
    let notes = notes(p, &criteria, &alternatives);
    Comparison {
        as_of,
        targets,
        criteria,
        alternatives,
        notes,
    }
}

/// One target's column: its assessment's totals beside `c` (its costs, from analysis `a`)
/// and `plan` (its plan's figures).
pub fn alternative(
    t: &Target,
    a: &gaps::Analysis,
    c: Costs,
    plan: Option<PlanFigures>,
) -> Alternative {
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
                crate::diag::ticked(targets),
                has(targets.len())
            ),
            CompareNote::NotScored { criterion, targets } => format!(
                "criterion `{criterion}` is not scored in {}: their weighted totals leave it out",
                crate::diag::ticked(targets)
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
                crate::diag::ticked(targets),
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

/// A computed figure the decision table sets beside the study's scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Figure {
    /// The largest yearly saving.
    Saving,
    /// The smallest one-off change.
    Change,
    /// Within the horizon, then the earliest last wave (targets with a plan).
    Horizon,
    /// The fewest avoidable late items (targets with a plan).
    AvoidableLate,
    /// The fewest open critical gaps.
    OpenCritical,
}

/// Which alternatives are best on one computed figure.
#[derive(Clone, Debug, Serialize)]
pub struct Check {
    pub figure: Figure,
    /// The alternatives best on it (indices into `Comparison::alternatives`), ties together.
    pub leaders: Vec<usize>,
    /// Is a best-scored alternative among them?
    pub agrees: bool,
}

/// Do the computed figures support the scoring? The best-scored alternatives and, per
/// figure, which alternatives lead it.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    /// The alternatives with the highest weighted total as a share of the best total their
    /// criteria allow (the totals themselves when every target has the same criteria and
    /// weights), ties together; empty when no target has an `assessment`.
    pub best: Vec<usize>,
    /// Empty when fewer than two alternatives or none is scored. Money figures are left out
    /// when the targets use different currencies; plan figures when fewer than two have a plan.
    pub checks: Vec<Check>,
}

impl Verdict {
    /// Every check agrees with the scoring.
    pub fn supports(&self) -> bool {
        self.checks.iter().all(|c| c.agrees)
    }
}

/// The indices of `keys` (some `None`: left out) that are best, `better(a, b)` ordering
/// best first.
fn leaders<K: Copy>(keys: &[Option<K>], cmp: impl Fn(K, K) -> std::cmp::Ordering) -> Vec<usize> {
    let best = keys.iter().flatten().copied().min_by(|a, b| cmp(*a, *b));
    match best {
        Some(b) => (0..keys.len())
            .filter(|&i| keys[i].is_some_and(|k| cmp(k, b).is_eq()))
            .collect(),
        None => Vec::new(),
    }
}

impl Comparison {
    /// The scoring against the computed figures (see [`Verdict`]).
    pub fn verdict(&self) -> Verdict {
        let alts = &self.alternatives;
        let share: Vec<Option<f64>> = alts
            .iter()
            .map(|a| match (a.weighted_total, a.max_total) {
                (Some(t), Some(m)) if m.get() > 0.0 => Some(t.get() / m.get()),
                _ => None,
            })
            .collect();
        // Round the shares so that equal totals of equal maxima compare equal.
        let best = leaders(&share, |a: f64, b: f64| {
            let r = |x: f64| (x * 1e9).round();
            r(b).total_cmp(&r(a))
        });
        let mut checks = Vec::new();
        if alts.len() < 2 || best.is_empty() {
            return Verdict { best, checks };
        }
        // A figure on which every alternative that has it ties tells them apart in nothing:
        // it is left out rather than said to speak for all of them.
        let mut push = |figure: Figure, leaders: Vec<usize>, compared: usize| {
            if !leaders.is_empty() && leaders.len() < compared {
                let agrees = leaders.iter().any(|l| best.contains(l));
                checks.push(Check {
                    figure,
                    leaders,
                    agrees,
                });
            }
        };
        let one_currency = !self
            .notes
            .iter()
            .any(|n| matches!(n, CompareNote::Currencies { .. }));
        if one_currency {
            let saving: Vec<Option<f64>> = alts.iter().map(|a| Some(a.saving.get())).collect();
            push(
                Figure::Saving,
                leaders(&saving, |a, b| b.total_cmp(&a)),
                alts.len(),
            );
            let change: Vec<Option<f64>> =
                alts.iter().map(|a| Some(a.one_off.change.get())).collect();
            push(
                Figure::Change,
                leaders(&change, |a, b| a.total_cmp(&b)),
                alts.len(),
            );
        }
        if alts.iter().filter(|a| a.plan.is_some()).count() >= 2 {
            // Within the horizon first, then the earliest end (no end: nothing to do).
            let horizon: Vec<Option<(bool, Option<Date>)>> = alts
                .iter()
                .map(|a| {
                    a.plan
                        .as_ref()
                        .map(|p| (!p.within_horizon, p.last_wave_end))
                })
                .collect();
            let planned = horizon.iter().flatten().count();
            push(
                Figure::Horizon,
                leaders(&horizon, |a, b| a.cmp(&b)),
                planned,
            );
            let late: Vec<Option<usize>> = alts
                .iter()
                .map(|a| a.plan.as_ref().map(|p| p.avoidable_late))
                .collect();
            push(
                Figure::AvoidableLate,
                leaders(&late, |a, b| a.cmp(&b)),
                planned,
            );
        }
        let critical: Vec<Option<usize>> =
            alts.iter().map(|a| Some(a.open_critical_gaps)).collect();
        push(
            Figure::OpenCritical,
            leaders(&critical, |a, b| a.cmp(&b)),
            alts.len(),
        );
        Verdict { best, checks }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alt(
        id: &str,
        total: Option<f64>,
        saving: f64,
        change: f64,
        end: Option<&str>,
    ) -> Alternative {
        Alternative {
            target: id.into(),
            name: id.into(),
            currency: "SEK".into(),
            weighted_total: total.map(Num),
            max_total: total.map(|_| Num(28.0)),
            today: Num(100.0),
            target_state: Num(100.0 - saving),
            saving: Num(saving),
            payback_years: None,
            one_off: OneOff {
                change: Num(change),
                ..OneOff::default()
            },
            person_years: PersonYears::default(),
            plan: end.map(|e| PlanFigures {
                waves: 3,
                last_wave: 3,
                last_wave_end: Some(e.parse().unwrap()),
                horizon: "2027-12-31".parse().unwrap(),
                within_horizon: e <= "2027-12-31",
                late: 0,
                avoidable_late: 0,
                unplaced: 0,
            }),
            open_gaps: 0,
            open_critical_gaps: 0,
            notes: Vec::new(),
        }
    }

    fn table(alternatives: Vec<Alternative>) -> Comparison {
        Comparison {
            as_of: "2026-01-01".parse().unwrap(),
            targets: alternatives.iter().map(|a| a.target.clone()).collect(),
            criteria: Vec::new(),
            alternatives,
            notes: Vec::new(),
        }
    }

    #[test]
    fn the_best_scored_alternative_against_the_figures() {
        let c = table(vec![
            alt("a", Some(22.0), -100.0, 500.0, Some("2028-06-30")),
            alt("b", Some(15.0), 40.0, 10.0, Some("2027-06-30")),
            alt("c", Some(22.0), -200.0, 900.0, Some("2028-12-31")),
        ]);
        let v = c.verdict();
        assert_eq!(v.best, vec![0, 2], "a tie is kept");
        let by = |f: Figure| v.checks.iter().find(|c| c.figure == f).unwrap();
        assert_eq!(by(Figure::Saving).leaders, vec![1]);
        assert!(!by(Figure::Saving).agrees);
        assert_eq!(by(Figure::Change).leaders, vec![1]);
        assert_eq!(by(Figure::Horizon).leaders, vec![1]);
        // Everyone has no critical gap and no avoidable late item: ties of all tell the
        // alternatives apart in nothing and are left out.
        assert!(!v.checks.iter().any(|c| c.figure == Figure::OpenCritical));
        assert!(!v.checks.iter().any(|c| c.figure == Figure::AvoidableLate));
        assert!(!v.supports());
        // A tie of some is kept: b and c have no critical gap, a has one.
        let mut c = c;
        c.alternatives[0].open_critical_gaps = 1;
        let v = c.verdict();
        let critical = v.checks.iter().find(|c| c.figure == Figure::OpenCritical);
        assert_eq!(critical.map(|c| c.leaders.clone()), Some(vec![1, 2]));
    }

    #[test]
    fn figures_that_agree_support_the_scoring() {
        let c = table(vec![
            alt("a", Some(25.0), 100.0, 5.0, Some("2027-06-30")),
            alt("b", Some(15.0), 40.0, 10.0, None),
        ]);
        let v = c.verdict();
        assert_eq!(v.best, vec![0]);
        assert!(v.supports());
        // One plan only: no plan checks.
        assert!(!v.checks.iter().any(|c| c.figure == Figure::Horizon));
        let unscored = table(vec![
            alt("a", None, 1.0, 1.0, None),
            alt("b", None, 2.0, 1.0, None),
        ]);
        assert!(unscored.verdict().best.is_empty());
        assert!(unscored.verdict().checks.is_empty());
    }
}
