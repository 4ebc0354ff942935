//! `samdrift costs`: the yearly cost today and in a target, the one-off cost, saving and
//! payback (docs/format.md §7); with `--all-targets`, every target side by side with the
//! study's scoring (the decision table).

use super::gaps::parse_date;
use super::{Failure, Outcome, emit, load_valid, pick_target, print_warnings};
use crate::costs;
use crate::gaps;
use crate::graph::Graph;
use crate::model::Date;
use crate::views::costs as view;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The target architecture: a file stem in `targets/` (may be left out when there is
    /// exactly one).
    #[arg(long, value_name = "T", conflicts_with = "all_targets")]
    target: Option<String>,
    /// Every target side by side: the criteria of `assessment` with scores, weights and
    /// reasons, the weighted total, and the computed cost and plan figures (json or table).
    #[arg(long)]
    all_targets: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Judge waivers as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// The language of the table and of the CSV headers (`sv`: also `;` and decimal comma).
    #[arg(long, value_enum, default_value_t = Lang::En)]
    lang: Lang,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// For a terminal.
    Table,
    /// docs/format.md §7.
    Json,
    /// One row per organisation, for the economists' spreadsheet.
    Csv,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    En,
    Sv,
}

pub fn run(root: &Path, args: &Args) -> Outcome {
    if args.all_targets && args.format == Format::Csv {
        return Err(Failure::Message(
            "`--all-targets` prints `--format table` or `json`, not csv".into(),
        ));
    }
    let lang = match args.lang {
        Lang::En => view::Lang::En,
        Lang::Sv => view::Lang::Sv,
    };
    let loaded = load_valid(root, true)?;
    let p = &loaded.project;
    let as_of = args.as_of.unwrap_or_else(gaps::today);
    let g = Graph::build(p);
    if args.all_targets {
        if p.targets.is_empty() {
            return Err(Failure::Message(
                "no target in `targets/`: add a target architecture file `targets/<id>.yaml`"
                    .into(),
            ));
        }
        print_warnings(&loaded.diagnostics, &[]);
        let c = costs::compare::compare(p, &g, as_of);
        let text = match args.format {
            Format::Json => view::comparison_json(&c),
            _ => view::comparison_table(&c, lang),
        };
        emit(&text)?;
        return Ok(0);
    }
    let t = pick_target(p, args.target.as_deref())?;
    let a = gaps::analyse(p, &g, t, as_of);
    print_warnings(&loaded.diagnostics, &a.warnings);
    let c = costs::compute(p, t, &a);
    let text = match args.format {
        Format::Table => view::table(&c, lang),
        Format::Json => view::json(&c),
        Format::Csv => view::csv(&c, lang),
    };
    emit(&text)?;
    Ok(0)
}
