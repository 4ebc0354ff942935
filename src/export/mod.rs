//! Exports: the estate, the target and (once the planner lands) the migration plan, in the
//! formats of the tools people plan in.
//!
//! Each format is a function from values computed by earlier stages to text; like the views,
//! an export only formats and never decides. Formats of the whole graph ([`cypher`],
//! GraphML through [`crate::views::graph`]) take the project and its graph; [`archimate`]
//! takes a [`archimate::Plan`] of plateaus; [`items`] takes one row per wave item, so the
//! jira-csv and csv exports are one conversion away from the planner's waves. Writing the
//! text (to standard output or atomically to `-o FILE`) is the command line's job.

pub mod archimate;
pub mod cypher;
pub mod items;

use crate::graph::Graph;
use crate::model::Project;

/// The whole multi-organisation graph as GraphML (the same rendering as `samdrift graph
/// --format graphml` with no `--org`).
pub fn graphml(p: &Project, g: &Graph) -> String {
    let sub = crate::views::graph::subgraph(p, g, None);
    crate::views::graph::graphml(p, &sub)
}
