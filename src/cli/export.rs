//! `samdrift export FORMAT [-o FILE]`: the estate (and a target's migration) for other tools.

use super::{Failure, Outcome, emit, load_valid};
use crate::export::{self, archimate};
use crate::graph::Graph;
use crate::model::Project;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// cypher: a Neo4j script of the whole graph; graphml: the whole graph for any GraphML
    /// tool; archimate: an ArchiMate 3.1 exchange file of the estate, the target and its
    /// plateaus.
    #[arg(value_enum)]
    format: Format,
    /// Write here (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// The target (for archimate); may be left out when there is exactly one.
    #[arg(long, value_name = "TARGET")]
    target: Option<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Cypher,
    Graphml,
    Archimate,
}

pub fn run(root: &Path, args: &Args) -> Outcome {
    let loaded = load_valid(root, true)?;
    let p = &loaded.project;
    let text = match args.format {
        Format::Cypher => export::cypher::cypher(p, &Graph::build(p)),
        Format::Graphml => export::graphml(p, &Graph::build(p)),
        Format::Archimate => {
            let t = pick_target(p, args.target.as_deref())?;
            archimate::render(p, &archimate::Plan::baseline_and_target(p, t))
        }
    };
    match &args.output {
        Some(o) => {
            crate::import::atomic_write(o, text.as_bytes(), true)
                .map_err(|e| Failure::Message(format!("{}: {e}", o.display())))?;
            eprintln!("wrote {}", o.display());
        }
        None => emit(&text)?,
    }
    Ok(0)
}

/// The target named by `--target`, or the only one.
fn pick_target<'p>(p: &'p Project, id: Option<&str>) -> Result<&'p crate::model::Target, Failure> {
    let ids = || p.targets.iter().map(|t| t.id.as_str());
    match id {
        Some(id) => p.target(id).ok_or_else(|| {
            let hint = crate::diag::did_you_mean(id, ids())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            Failure::Message(format!("no target `{id}`{hint}"))
        }),
        None => match p.targets.as_slice() {
            [t] => Ok(t),
            [] => Err(Failure::Message("no target in targets/".into())),
            _ => Err(Failure::Message(format!(
                "there are several targets; pick one with --target ({})",
                ids().collect::<Vec<_>>().join(", ")
            ))),
        },
    }
}
