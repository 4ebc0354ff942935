//! The command line: argument definitions and one function per command.
//!
//! Each command loads the project, runs the library's stages and prints a view. Exit codes
//! (docs/format.md §6): 0 success; 1 `validate` found errors or `--fail-on` was met; 2 usage
//! errors, unreadable files, and invalid input given to any command but `validate`.

mod completions;
mod costs;
mod diff;
mod export;
mod gaps;
mod graph;
mod import;
mod init;
mod lsp;
mod report;
mod schema;
mod validate;
mod waves;

use crate::diag::{Diagnostic, Level};
use crate::load::{self, Loaded};
use crate::model::{Project, Target};
use clap::{Parser, Subcommand};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "samdrift",
    version,
    about = "Plan joint IT operations for several municipalities from YAML inventories",
    after_help = "The format of inventory and target files, the outputs and the exit codes: \
                  docs/format.md in the samdrift repository."
)]
pub struct Cli {
    /// The project root: the folder holding `inventory/` and `targets/`.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load everything and print every problem as `file:line:col: level: message`.
    Validate(validate::Args),
    /// Print the dependency graph.
    Graph(graph::GraphArgs),
    /// List everything that depends on an asset, transitively (its blast radius).
    Impact(graph::ImpactArgs),
    /// Print the JSON Schema of inventory and target files, for editors.
    Schema(schema::Args),
    /// List the gaps between the estate and a target architecture (docs/format.md §4).
    Gaps(gaps::Args),
    /// Write a static HTML report (overview, organisations, components, waves, scenarios).
    Report(report::Args),
    /// Plan the open gaps of a target into dated migration waves (docs/format.md §5).
    Waves(waves::Args),
    /// Yearly cost today and in a target, one-off cost, saving and payback (docs/format.md §7).
    Costs(costs::Args),
    /// List the gaps added, removed and changed between two git revisions.
    Diff(diff::Args),
    /// Write a new inventory file from a spreadsheet, NetBox or GLPI.
    Import(import::Args),
    /// Write the estate and the plan for another tool (Neo4j, GraphML, ArchiMate).
    Export(export::Args),
    /// Create a new project: an example organisation, a target, CI and editor settings.
    Init(init::Args),
    /// Run the language server over stdio: diagnostics as you type, go to definition,
    /// references, hover, completion, rename and quick fixes in an editor.
    Lsp(lsp::Args),
    /// Print a shell completion script.
    Completions(completions::CompletionArgs),
    /// Print the man page.
    Man(completions::ManArgs),
}

/// What ends a command early. Findings that are the command's output are not failures.
#[derive(Debug)]
pub enum Failure {
    /// The input is invalid: print these diagnostics, exit 2.
    Invalid(Vec<Diagnostic>),
    /// Anything else that stops the run (bad arguments, unreadable paths): exit 2.
    Message(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Message(e.to_string())
    }
}

/// The outcome of a command: its exit code.
pub type Outcome = Result<u8, Failure>;

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let result = match &cli.command {
        Command::Validate(a) => validate::run(&cli.root, a),
        Command::Graph(a) => graph::run_graph(&cli.root, a),
        Command::Impact(a) => graph::run_impact(&cli.root, a),
        Command::Schema(a) => schema::run(a),
        Command::Gaps(a) => gaps::run(&cli.root, a),
        Command::Report(a) => report::run(&cli.root, a),
        Command::Waves(a) => waves::run(&cli.root, a),
        Command::Costs(a) => costs::run(&cli.root, a),
        Command::Diff(a) => diff::run(&cli.root, a),
        Command::Import(a) => import::run(&cli.root, a),
        Command::Export(a) => export::run(&cli.root, a),
        Command::Init(a) => init::run(a),
        Command::Lsp(a) => lsp::run(&cli.root, a),
        Command::Completions(a) => completions::run_completions(a),
        Command::Man(a) => completions::run_man(a),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Invalid(diags)) => {
            let mut err = io::stderr().lock();
            for d in &diags {
                let _ = writeln!(err, "{d}");
            }
            let n = diags.iter().filter(|d| d.level == Level::Error).count();
            let _ = writeln!(
                err,
                "samdrift: {n} error{} in the input; run `samdrift validate` for details",
                plural(n)
            );
            2
        }
        Err(Failure::Message(m)) => {
            let _ = writeln!(io::stderr(), "samdrift: error: {}", crate::diag::escape(&m));
            2
        }
    }
}

pub use crate::diag::plural;

/// Loads the project for a command other than `validate`: errors stop the run (exit 2);
/// warnings are printed to standard error unless `quiet`.
pub fn load_valid(root: &Path, quiet: bool) -> Result<Loaded, Failure> {
    check_root(root)?;
    let loaded = load::load(root);
    if loaded.has_errors() {
        return Err(Failure::Invalid(
            loaded
                .diagnostics
                .into_iter()
                .filter(|d| d.level == Level::Error)
                .collect(),
        ));
    }
    if !quiet {
        let mut err = io::stderr().lock();
        for d in &loaded.diagnostics {
            let _ = writeln!(err, "{d}");
        }
    }
    Ok(loaded)
}

fn check_root(root: &Path) -> Result<(), Failure> {
    if !root.is_dir() {
        return Err(Failure::Message(format!(
            "--root {}: not a folder",
            root.display()
        )));
    }
    Ok(())
}

/// Writes a command's output to standard output. A closed pipe (`| head`) is not an error.
pub fn emit(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The target a command works on: the one named by `--target`, or the only one there is.
pub fn pick_target<'p>(p: &'p Project, id: Option<&str>) -> Result<&'p Target, Failure> {
    let ids = || p.targets.iter().map(|t| t.id.as_str());
    let listed = || ids().collect::<Vec<_>>().join(", ");
    match id {
        Some(id) => p.target(id).ok_or_else(|| {
            let hint = crate::diag::did_you_mean(id, ids())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            Failure::Message(if p.targets.is_empty() {
                format!("no target `{id}`: `targets/` holds no target file")
            } else {
                format!("no target `{id}`{hint}; the targets are: {}", listed())
            })
        }),
        None => match p.targets.as_slice() {
            [t] => Ok(t),
            [] => Err(Failure::Message(
                "no target in `targets/`: add a target architecture file `targets/<id>.yaml`"
                    .into(),
            )),
            _ => Err(Failure::Message(format!(
                "{} targets in `targets/`; choose one with --target: {}",
                p.targets.len(),
                listed()
            ))),
        },
    }
}

/// Colour for standard output: only on a terminal, and never when `NO_COLOR` is set.
pub fn paint() -> crate::views::gaps::Paint {
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    crate::views::gaps::Paint {
        on: !no_color && io::stdout().is_terminal(),
    }
}

/// Prints the loader's warnings and a stage's own to standard error, sorted, each finding
/// once (a stage may report what the loader already did, at the same place).
pub fn print_warnings(loaded: &[Diagnostic], more: &[Diagnostic]) {
    let mut all: Vec<Diagnostic> = loaded.to_vec();
    for d in more {
        if !all
            .iter()
            .any(|x| x.code == d.code && x.file == d.file && x.pos == d.pos)
        {
            all.push(d.clone());
        }
    }
    crate::diag::sort(&mut all);
    let mut err = io::stderr().lock();
    for d in &all {
        let _ = writeln!(err, "{d}");
    }
}
