//! `samdrift diff REV [REV2]`: the gaps a change adds, removes and changes, so a merge
//! request shows what it fixes and what it breaks. With `--fail-on`, exit 1 only when the
//! change introduces an open gap at or above a severity (pre-existing gaps never fail it).
//!
//! Both sides are analysed on the same date (today or `--as-of`), so a waiver that expires
//! between the two commits is not mistaken for a change.

use super::gaps::{parse_date, severity_parser};
use super::{Failure, Outcome, emit, load_valid, paint, pick_target};
use crate::diag::Level;
use crate::gaps::{self, Analysis, Summary};
use crate::git::Repo;
use crate::graph::Graph;
use crate::load::Loaded;
use crate::model::{Date, Severity};
use crate::views::gaps::diff::{self as view, Sides};
use std::io::Write as _;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The revision to compare from: a commit, branch or tag (e.g. `origin/main`).
    #[arg(value_name = "REV")]
    rev: String,
    /// The revision to compare to; the working tree when left out.
    #[arg(value_name = "REV2")]
    rev2: Option<String>,
    /// The target architecture (may be left out when there is exactly one).
    #[arg(long, value_name = "T")]
    target: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Exit 1 when the change adds (or un-waives) an open gap of this severity or higher.
    #[arg(long, value_name = "SEV", value_parser = severity_parser())]
    fail_on: Option<Severity>,
    /// Judge waivers as of this date (YYYY-MM-DD) instead of today, on both sides.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Markdown,
}

/// Loads the project as it was at `commit`; invalid input there stops the run.
pub(super) fn load_at(repo: &Repo, rev: &str, commit: &str) -> Result<Loaded, Failure> {
    let files = repo.files(commit).map_err(Failure::Message)?;
    let loaded = crate::load::load_files(&files)?;
    if loaded.has_errors() {
        let mut err = std::io::stderr().lock();
        let errors: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .collect();
        for d in &errors {
            let _ = writeln!(err, "{d}");
        }
        return Err(Failure::Message(format!(
            "the project at `{rev}` ({}) has {} error{}, so its gaps cannot be computed",
            &commit[..commit.len().min(10)],
            errors.len(),
            super::plural(errors.len())
        )));
    }
    Ok(loaded)
}

pub fn run(root: &Path, args: &Args) -> Outcome {
    if !root.is_dir() {
        return Err(Failure::Message(format!(
            "--root {}: not a folder",
            root.display()
        )));
    }
    let repo = Repo::discover(root).map_err(Failure::Message)?;
    let from_commit = repo.commit(&args.rev).map_err(Failure::Message)?;
    let to_commit = match &args.rev2 {
        Some(r) => Some(repo.commit(r).map_err(Failure::Message)?),
        None => None,
    };
    let before = load_at(&repo, &args.rev, &from_commit)?;
    let after = match (&args.rev2, &to_commit) {
        (Some(r), Some(c)) => load_at(&repo, r, c)?,
        _ => load_valid(root, true)?,
    };
    let t = pick_target(&after.project, args.target.as_deref())?;
    let as_of = args.as_of.unwrap_or_else(gaps::today);
    let new = gaps::analyse(&after.project, &Graph::build(&after.project), t, as_of);
    let old = match before.project.target(&t.id) {
        Some(old_t) => gaps::analyse(
            &before.project,
            &Graph::build(&before.project),
            old_t,
            as_of,
        ),
        None => {
            eprintln!(
                "samdrift: note: target `{}` does not exist at `{}`; every gap counts as added",
                t.id, args.rev
            );
            Analysis {
                target: t.id.clone(),
                gaps: Vec::new(),
                summary: Summary::default(),
                warnings: Vec::new(),
                orgs: Vec::new(),
                as_of,
            }
        }
    };
    let c = gaps::compare(&old, &new);
    let sides = Sides {
        from: args.rev.clone(),
        from_commit,
        to: args.rev2.clone(),
        to_commit,
    };
    let text = match args.format {
        Format::Table => view::table(&c, &sides, &t.currency, as_of, paint()),
        Format::Json => view::json(&c, &sides),
        Format::Markdown => view::markdown(&c, &sides, &t.currency, as_of),
    };
    emit(&text)?;
    Ok(u8::from(args.fail_on.is_some_and(|s| c.fails_at(s))))
}
