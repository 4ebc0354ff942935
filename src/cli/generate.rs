//! `samdrift generate DIR` (hidden): writes a synthetic estate for benchmarks and tests.

use super::{Failure, Outcome};
use crate::synth::{self, SynthConfig};
use std::fs;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to write to; it must be empty or not exist yet.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Number of organisations.
    #[arg(long, default_value_t = 5)]
    orgs: usize,
    /// Assets per organisation.
    #[arg(long, default_value_t = 350)]
    assets_per_org: usize,
    /// Seed of the generator: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// No refs across organisations.
    #[arg(long)]
    no_cross_org_refs: bool,
    /// No dependency cycles.
    #[arg(long)]
    no_cycles: bool,
}

pub fn run(args: &Args) -> Outcome {
    match fs::symlink_metadata(&args.dir) {
        Ok(m) if m.is_dir() => {
            if fs::read_dir(&args.dir)?.next().is_some() {
                return Err(Failure::Message(format!(
                    "{}: the folder is not empty; generate writes only into an empty or new folder",
                    args.dir.display()
                )));
            }
        }
        Ok(_) => {
            return Err(Failure::Message(format!(
                "{}: exists and is not a folder",
                args.dir.display()
            )));
        }
        Err(_) => fs::create_dir_all(&args.dir)?,
    }
    let cfg = SynthConfig {
        orgs: args.orgs,
        assets_per_org: args.assets_per_org,
        seed: args.seed,
        cross_org_refs: !args.no_cross_org_refs,
        cycles: !args.no_cycles,
    };
    let s = synth::write_estate(&args.dir, &cfg)?;
    eprintln!(
        "wrote {} assets of {} organisations in {} files ({:.1} MB) to {}; {} cross-organisation refs, {} cycles",
        s.assets,
        s.orgs,
        s.files,
        s.bytes as f64 / 1e6,
        args.dir.display(),
        s.cross_org_refs,
        s.cycles
    );
    Ok(0)
}
