//! Exports: the estate, the target and its migration plan (the planner's waves), in the
//! formats of the tools people plan in.
//!
//! Each format is a function from values computed by earlier stages to text; like the views,
//! an export only formats and never decides. Formats of the whole graph ([`cypher`],
//! GraphML through [`crate::views::graph`]) take the project and its graph; [`archimate`]
//! takes a [`archimate::Plan`] of plateaus; [`items::rows`] is the one conversion from the
//! planner's [`crate::waves::WavePlan`] to rows, which the jira-csv and csv writers format
//! and the ArchiMate work packages take their names from. Writing the
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
