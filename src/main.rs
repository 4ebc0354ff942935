//! The `samdrift` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = samdrift::cli::Cli::parse();
    ExitCode::from(samdrift::cli::run(cli))
}
