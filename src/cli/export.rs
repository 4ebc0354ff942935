//! `samdrift export FORMAT [-o FILE]`: the estate (and a target's migration) for other tools.

use super::gaps::parse_date;
use super::{Failure, Outcome, emit, load_valid, pick_target, print_warnings};
use crate::export::{self, archimate, items};
use crate::gaps;
use crate::graph::Graph;
use crate::model::Date;
use crate::waves;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// cypher: a Neo4j script of the whole graph; graphml: the whole graph for any GraphML
    /// tool; archimate: an ArchiMate 3.1 exchange file of the estate, the target and its
    /// plateaus (one per wave when the target has a plan); jira-csv and csv: one row per
    /// wave item of the target's plan.
    #[arg(value_enum)]
    format: Format,
    /// Write here (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// The target (for archimate, jira-csv and csv); may be left out when there is exactly
    /// one.
    #[arg(long, value_name = "TARGET")]
    target: Option<String>,
    /// The run date (YYYY-MM-DD; default today): waivers are judged as of it, and the plan
    /// starts from it (waves that end before it are past and hold nothing).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Cypher,
    Graphml,
    Archimate,
    JiraCsv,
    Csv,
}

pub fn run(root: &Path, args: &Args) -> Outcome {
    let loaded = load_valid(root, true)?;
    let p = &loaded.project;
    let text = match args.format {
        Format::Cypher => export::cypher::cypher(p, &Graph::build(p)),
        Format::Graphml => export::graphml(p, &Graph::build(p)),
        Format::Archimate | Format::JiraCsv | Format::Csv => {
            let t = pick_target(p, args.target.as_deref())?;
            let g = Graph::build(p);
            let analysis = gaps::analyse(p, &g, t, args.as_of.unwrap_or_else(gaps::today));
            print_warnings(&loaded.diagnostics, &analysis.warnings);
            let plan = waves::plan(p, &g, t, &analysis);
            match (args.format, plan) {
                // Without a `plan:` section the exchange file still has the baseline and
                // the target.
                (Format::Archimate, Err(waves::Error::NoPlan(_))) => {
                    eprintln!(
                        "note: target `{}` has no `plan:` section; no wave plateaus",
                        t.id
                    );
                    archimate::render(p, &archimate::Plan::baseline_and_target(p, t))
                }
                (_, Err(e)) => return Err(Failure::Message(e.to_string())),
                (format, Ok(plan)) => {
                    let rows = items::rows(p, t, &analysis, &plan);
                    match format {
                        Format::JiraCsv => items::jira_csv(&rows),
                        Format::Csv => items::csv(&rows),
                        _ => archimate::render(p, &archimate::Plan::with_waves(p, t, &plan, &rows)),
                    }
                }
            }
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
