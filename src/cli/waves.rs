//! `samdrift waves`: the migration plan of one target (FORMAT.md §5).

use super::{Failure, Outcome, emit, load_valid};
use crate::gaps;
use crate::graph::Graph;
use crate::model::{Date, Project, Target};
use crate::views::waves as view;
use crate::waves;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The target architecture, an id from `targets/` (may be left out when there is one).
    #[arg(long, value_name = "T")]
    target: Option<String>,
    /// Judge waivers as on this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Markdown,
    Csv,
}

/// The target named by `--target`, or the only one.
fn choose_target<'a>(p: &'a Project, id: Option<&str>) -> Result<&'a Target, Failure> {
    let ids = || p.targets.iter().map(|t| t.id.as_str());
    match id {
        Some(id) => p.target(id).ok_or_else(|| {
            let hint = crate::diag::did_you_mean(id, ids())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            Failure::Message(format!("no target `{id}` in targets/{hint}"))
        }),
        None => match p.targets.as_slice() {
            [t] => Ok(t),
            [] => Err(Failure::Message("no target in targets/".into())),
            _ => Err(Failure::Message(format!(
                "there are several targets; choose one with --target ({})",
                ids().collect::<Vec<_>>().join(", ")
            ))),
        },
    }
}

pub fn run(root: &Path, args: &Args) -> Outcome {
    let loaded = load_valid(root, true)?;
    let p = &loaded.project;
    let t = choose_target(p, args.target.as_deref())?;
    let g = Graph::build(p);
    let analysis = gaps::analyse(p, &g, t, args.as_of.unwrap_or_else(gaps::today));
    for w in &analysis.warnings {
        eprintln!("{w}");
    }
    let plan = waves::plan(p, &g, t, &analysis).map_err(|e| Failure::Message(e.to_string()))?;
    let doc = view::doc(p, &analysis, &plan);
    let text = match args.format {
        Format::Table => view::table(&doc),
        Format::Json => view::json(&doc),
        Format::Markdown => view::markdown(&doc),
        Format::Csv => view::csv(&doc),
    };
    emit(&text)?;
    Ok(0)
}
