//! A study: what the pre-study group's documents are made from, for one target.
//!
//! [`Study::new`] runs the stages after loading in their one order (the gap analysis, then
//! the plan and the costs) and keeps their typed results together with what they were made
//! from (the project, its graph, the target, the run date), so that every document built
//! from a study (the HTML report; CLI, benches and tests build it the same way) shows the
//! same facts. This module computes nothing itself.

use crate::costs::{self, Costs};
use crate::gaps::{self, Analysis};
use crate::graph::Graph;
use crate::model::{Date, Project, Target};
use crate::waves::{self, WavePlan};

/// One target studied: the estate judged against it and its plan.
pub struct Study<'p> {
    pub project: &'p Project,
    pub graph: &'p Graph,
    pub target: &'p Target,
    /// The run date: waivers are judged at it.
    pub as_of: Date,
    /// The gap analysis (docs/format.md §4).
    pub gaps: Analysis,
    /// The migration plan (docs/format.md §5); `None` when the target has no `plan:`.
    pub plan: Option<WavePlan>,
    /// Yearly costs today and in the target, one-off cost, payback (docs/format.md §7).
    pub costs: Costs,
}

impl<'p> Study<'p> {
    /// Judges the estate against `target` at `as_of`, plans its open gaps and costs them.
    pub fn new(
        project: &'p Project,
        graph: &'p Graph,
        target: &'p Target,
        as_of: Date,
    ) -> Result<Study<'p>, waves::Error> {
        let gaps = gaps::analyse(project, graph, target, as_of);
        let plan = match &target.plan {
            Some(_) => Some(waves::plan(project, graph, target, &gaps)?),
            None => None,
        };
        let costs = costs::compute(project, target, &gaps);
        Ok(Study {
            project,
            graph,
            target,
            as_of,
            gaps,
            plan,
            costs,
        })
    }

    /// A study of every target of the project, in target order.
    pub fn all(
        project: &'p Project,
        graph: &'p Graph,
        as_of: Date,
    ) -> Result<Vec<Study<'p>>, waves::Error> {
        project
            .targets
            .iter()
            .map(|t| Study::new(project, graph, t, as_of))
            .collect()
    }
}
