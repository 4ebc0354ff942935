//! Tests of the migration-wave planner (docs/format.md §5), one module per concern:
//!
//! - `cases`: hand-worked fixtures, one folder per constraint under `tests/waves/cases/`;
//! - `props`: invariants on random estates (proptest);
//! - `cli`: the `waves` command end to end.
//!
//! See `tests/waves/README.md` for how to add a case.

mod cases;
mod cli;
mod example;
mod props;
mod reference;
mod tiny;

use samdrift::gaps::{self, Analysis};
use samdrift::graph::Graph;
use samdrift::load::Loaded;
use samdrift::model::Date;
use samdrift::waves::{self, WavePlan};

/// The day waivers are judged at in every test, so results do not change with the calendar.
pub fn as_of() -> Date {
    "2026-01-01".parse().unwrap()
}

/// Loads, analyses and plans the project's only target; panics on invalid input.
pub fn plan_loaded(l: &Loaded) -> (Analysis, WavePlan) {
    plan_loaded_at(l, as_of())
}

/// The same, as of the run date `as_of`.
pub fn plan_loaded_at(l: &Loaded, as_of: Date) -> (Analysis, WavePlan) {
    let errors: Vec<String> = l
        .diagnostics
        .iter()
        .filter(|d| d.level == samdrift::diag::Level::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "invalid input:\n{}", errors.join("\n"));
    let p = &l.project;
    let t = &p.targets[0];
    let g = Graph::build(p);
    let a = gaps::analyse(p, &g, t, as_of);
    let plan = waves::plan(p, &g, t, &a).unwrap();
    (a, plan)
}
