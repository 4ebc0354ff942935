//! `samdrift validate`: every problem, sorted by file and line; exit 1 when any is an error.

use super::{Failure, Outcome, emit, plural};
use crate::diag::Level;
use crate::load;
use std::fmt::Write as _;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format: one line per problem, or a JSON list.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

pub fn run(root: &Path, args: &Args) -> Outcome {
    if !root.is_dir() {
        return Err(Failure::Message(format!(
            "--root {}: not a folder",
            root.display()
        )));
    }
    let loaded = load::load(root);
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .count();
    let warnings = loaded.diagnostics.len() - errors;
    match args.format {
        Format::Text => {
            let mut out = String::new();
            for d in &loaded.diagnostics {
                let _ = writeln!(out, "{d}");
            }
            emit(&out)?;
            let p = &loaded.project;
            eprintln!(
                "{} file{}, {} organisation{}, {} asset{}, {} target{}: {errors} error{}, {warnings} warning{}",
                p.files.len(),
                plural(p.files.len()),
                p.orgs.len(),
                plural(p.orgs.len()),
                p.assets.len(),
                plural(p.assets.len()),
                p.targets.len(),
                plural(p.targets.len()),
                plural(errors),
                plural(warnings)
            );
        }
        Format::Json => {
            let v = serde_json::json!({
                "diagnostics": loaded.diagnostics,
                "summary": {"errors": errors, "warnings": warnings, "files": loaded.project.files.len(),
                            "organisations": loaded.project.orgs.len(), "assets": loaded.project.assets.len(),
                            "targets": loaded.project.targets.len()},
            });
            emit(
                &(serde_json::to_string_pretty(&v).map_err(|e| Failure::Message(e.to_string()))?
                    + "\n"),
            )?;
        }
    }
    Ok(u8::from(errors > 0))
}
