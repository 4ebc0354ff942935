//! `samdrift lsp`: the language server over standard input and output (see `crate::lsp`).

use super::Outcome;
use std::io;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Accepted for editors that pass it; stdio is the only transport.
    #[arg(long)]
    stdio: bool,
}

/// The project root is the editor's workspace folder (or the folder above it that holds
/// `inventory/`); `--root DIR` fixes it instead.
pub fn run(root: &Path, _args: &Args) -> Outcome {
    let fixed = (root != Path::new(".")).then(|| root.to_path_buf());
    let code = crate::lsp::run(io::BufReader::new(io::stdin()), io::stdout().lock(), fixed)?;
    Ok(code)
}
