//! `samdrift gaps`: the gap list of one target, in one of five formats; with `--fail-on`,
//! exit 1 when an open gap at or above a severity exists.

use super::{Outcome, emit, load_valid, paint, pick_target, print_warnings};
use crate::gaps;
use crate::graph::Graph;
use crate::model::{Date, Severity};
use crate::views::gaps as view;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The target architecture: a file stem in `targets/` (may be left out when there is
    /// exactly one).
    #[arg(long, value_name = "T")]
    pub target: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Exit 1 when an open (unwaived) gap of this severity or higher exists.
    #[arg(long, value_name = "SEV", value_parser = severity_parser())]
    pub fail_on: Option<Severity>,
    /// Judge waivers as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// With `--format sarif`: write this code-scanning category into the file
    /// (`automationDetails.id`). Left out, the file has none, so the `category` of GitHub's
    /// upload step applies.
    #[arg(long, value_name = "CATEGORY")]
    pub sarif_category: Option<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Grouped by organisation, for a terminal.
    Table,
    /// JSON: the gap list of the format reference, docs/format.md §4.
    Json,
    /// A summary for a CI job summary or a merge-request comment.
    Markdown,
    /// SARIF 2.1.0, for code-scanning UIs.
    Sarif,
    /// JUnit XML, one test case per organisation and rule.
    Junit,
}

/// `low`, `medium`, `high` or `critical`, listed in `--help` and in errors.
pub fn severity_parser() -> impl clap::builder::TypedValueParser<Value = Severity> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(Severity::ALL.map(Severity::as_str))
        .map(|s: String| Severity::parse(&s).unwrap_or_default())
}

/// A `YYYY-MM-DD` date argument.
pub fn parse_date(s: &str) -> Result<Date, String> {
    crate::load::read::parse_date(s)
        .ok_or_else(|| format!("`{s}` is not a date written YYYY-MM-DD"))
}

pub fn run(root: &Path, args: &Args) -> Outcome {
    if args.sarif_category.is_some() && args.format != Format::Sarif {
        return Err(super::Failure::Message(
            "--sarif-category applies to --format sarif only".into(),
        ));
    }
    let loaded = load_valid(root, true)?;
    let p = &loaded.project;
    let t = pick_target(p, args.target.as_deref())?;
    let g = Graph::build(p);
    let a = gaps::analyse(p, &g, t, args.as_of.unwrap_or_else(gaps::today));
    print_warnings(&loaded.diagnostics, &a.warnings);
    let text = match args.format {
        Format::Table => view::table::render(p, t, &a, paint()),
        Format::Json => view::json(&a),
        Format::Markdown => view::markdown::render(p, t, &a),
        Format::Sarif => view::sarif::render(
            t,
            &a,
            &view::sarif::Options {
                uri_prefix: crate::git::prefix_of(root).unwrap_or_default(),
                category: args.sarif_category.clone(),
            },
        ),
        Format::Junit => view::junit::render(p, t, &a),
    };
    emit(&text)?;
    Ok(u8::from(args.fail_on.is_some_and(|s| a.fails_at(s))))
}
