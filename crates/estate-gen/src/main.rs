//! `cargo run -p estate-gen -- DIR [options]`: writes a synthetic estate into an empty or
//! new folder, for benchmarks, tests and trying samdrift on a large estate.

use clap::{Parser, ValueEnum};
use estate_gen::{Limit, Spec, Style};
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum StyleArg {
    /// Realistic municipalities and a national target (the load, gap and report benches).
    Municipal,
    /// One small file per organisation and a compact target (the planner's tests).
    Compact,
}

/// Write a synthetic estate (inventories and one target) into an empty or new folder.
#[derive(Parser, Debug)]
#[command(name = "estate-gen", version)]
struct Args {
    /// The folder to write to; it must be empty or not exist yet.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    #[arg(long, value_enum, default_value_t = StyleArg::Municipal)]
    style: StyleArg,
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
    /// Compact style: the chance that an organisation has a directory–server cycle.
    #[arg(long, default_value_t = 0.3)]
    cycle_rate: f64,
    /// No contracts.
    #[arg(long)]
    no_contracts: bool,
    /// No freezes in the plan.
    #[arg(long)]
    no_freezes: bool,
    /// `plan.capacity_hours` (default: sized from the estate).
    #[arg(long, value_name = "HOURS")]
    capacity: Option<f64>,
    /// `plan.org_capacity_hours` (default: sized from the estate).
    #[arg(long, value_name = "HOURS", conflicts_with = "no_org_capacity")]
    org_capacity: Option<f64>,
    /// No `plan.org_capacity_hours`.
    #[arg(long)]
    no_org_capacity: bool,
    /// `plan.wave_months`.
    #[arg(long, default_value_t = 3)]
    wave_months: u32,
}

fn run(args: &Args) -> Result<(), String> {
    let at = |e: std::io::Error| format!("{}: {e}", args.dir.display());
    match fs::symlink_metadata(&args.dir) {
        Ok(m) if m.is_dir() => {
            if fs::read_dir(&args.dir).map_err(at)?.next().is_some() {
                return Err(format!(
                    "{}: the folder is not empty; estate-gen writes only into an empty or new folder",
                    args.dir.display()
                ));
            }
        }
        Ok(_) => {
            return Err(format!(
                "{}: exists and is not a folder",
                args.dir.display()
            ));
        }
        Err(_) => fs::create_dir_all(&args.dir).map_err(at)?,
    }
    let spec = Spec {
        style: match args.style {
            StyleArg::Municipal => Style::Municipal,
            StyleArg::Compact => Style::Compact,
        },
        orgs: args.orgs,
        assets_per_org: args.assets_per_org,
        seed: args.seed,
        cross_org_refs: !args.no_cross_org_refs,
        cycles: !args.no_cycles,
        cycle_rate: args.cycle_rate,
        contracts: !args.no_contracts,
        freezes: !args.no_freezes,
        capacity: args.capacity,
        org_capacity: match (args.org_capacity, args.no_org_capacity) {
            (Some(h), _) => Limit::Hours(h),
            (None, true) => Limit::Off,
            (None, false) => Limit::Auto,
        },
        wave_months: args.wave_months,
    };
    let s = estate_gen::write(&args.dir, &spec).map_err(at)?;
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
    Ok(())
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("estate-gen: {e}");
            ExitCode::from(2)
        }
    }
}
