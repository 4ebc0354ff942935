//! `samdrift waves`: the migration plan of one target (docs/format.md §5).

use super::gaps::parse_date;
use super::{Failure, Outcome, emit, load_valid, pick_target, print_warnings};
use crate::gaps;
use crate::graph::Graph;
use crate::model::Date;
use crate::views::waves as view;
use crate::waves;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The target architecture: a file stem in `targets/` (may be left out when there is
    /// exactly one).
    #[arg(long, value_name = "T")]
    target: Option<String>,
    /// The run date (YYYY-MM-DD; default today): waivers are judged as of it, and the plan
    /// starts from it (waves that end before it are past and hold nothing).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// By wave, for a terminal.
    Table,
    /// JSON: the plan of docs/format.md §5, with reasons, gaps, move groups, unplaced
    /// items and bounds.
    Json,
    /// For the pre-study report.
    Markdown,
    /// One row per item, for a spreadsheet.
    Csv,
}

pub fn run(root: &Path, args: &Args) -> Outcome {
    let loaded = load_valid(root, true)?;
    let p = &loaded.project;
    let t = pick_target(p, args.target.as_deref())?;
    let g = Graph::build(p);
    let analysis = gaps::analyse(p, &g, t, args.as_of.unwrap_or_else(gaps::today));
    print_warnings(&loaded.diagnostics, &analysis.warnings);
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
