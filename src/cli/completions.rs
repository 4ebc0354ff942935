//! `samdrift completions SHELL` and `samdrift man`: generated from the clap definition, so
//! they list exactly the commands and flags the binary has.

use super::{Cli, Failure, Outcome, emit};
use clap::CommandFactory;

#[derive(clap::Args, Debug)]
pub struct CompletionArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run_completions(args: &CompletionArgs) -> Outcome {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "samdrift", &mut buf);
    emit(&String::from_utf8_lossy(&buf))?;
    Ok(0)
}

#[derive(clap::Args, Debug)]
pub struct ManArgs {
    /// A command whose page to print (`samdrift man import`) [default: the main page].
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

/// The man page (roff) of samdrift, or of one of its commands as `samdrift-COMMAND`.
pub fn run_man(args: &ManArgs) -> Outcome {
    let cmd = Cli::command();
    let page = match &args.command {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                let hint = crate::diag::did_you_mean(name, names.iter().copied())
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                return Err(Failure::Message(format!("no command `{name}`{hint}")));
            };
            // clap names are `&'static str` without its `string` feature; this runs once per
            // process, so the leak is one short string.
            let full: &'static str = Box::leak(format!("samdrift-{name}").into_boxed_str());
            sub.clone().name(full)
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .map_err(|e| Failure::Message(e.to_string()))?;
    emit(&String::from_utf8_lossy(&buf))?;
    Ok(0)
}
