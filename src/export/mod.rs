//! Exports: the estate, the target and (once the planner lands) the migration plan, in the
//! formats of the tools people plan in.
//!
//! Each format is a function from values computed by earlier stages to text; like the views,
//! an export only formats and never decides. Formats of the whole graph ([`cypher`],
//! GraphML through [`crate::views::graph`]) take the project and its graph; [`archimate`]
//! takes a [`archimate::Plan`] of plateaus; [`items`] takes one row per wave item, so the
//! jira-csv and csv exports are one conversion away from the planner's waves.

pub mod archimate;
pub mod cypher;
pub mod items;

use crate::graph::Graph;
use crate::model::Project;
use std::io;
use std::path::Path;

/// The whole multi-organisation graph as GraphML (the same rendering as `samdrift graph
/// --format graphml` with no `--org`).
pub fn graphml(p: &Project, g: &Graph) -> String {
    let sub = crate::views::graph::subgraph(p, g, None);
    crate::views::graph::graphml(p, &sub)
}

/// Writes an export to `path` atomically (replacing it), or to standard output without one.
/// A closed pipe on standard output is not an error.
pub fn write_output(path: Option<&Path>, text: &str) -> io::Result<()> {
    match path {
        Some(p) => crate::import::atomic_write(p, text.as_bytes(), true),
        None => {
            use io::Write as _;
            let mut out = io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                r => r,
            }
        }
    }
}
