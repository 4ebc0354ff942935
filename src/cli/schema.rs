//! `samdrift schema`: JSON Schema for editors.

use super::{Failure, Outcome, emit};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Which files: inventory, target, or one schema that accepts both.
    #[arg(value_enum, default_value_t = Which::Both)]
    which: Which,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    Both,
    Inventory,
    Target,
}

pub fn run(args: &Args) -> Outcome {
    let v = match args.which {
        Which::Both => crate::schema::combined(),
        Which::Inventory => crate::schema::inventory(),
        Which::Target => crate::schema::target(),
    };
    emit(&(serde_json::to_string_pretty(&v).map_err(|e| Failure::Message(e.to_string()))? + "\n"))?;
    Ok(0)
}
