//! Synthetic estates for samdrift's benchmarks and tests: inventories and one target, as
//! YAML text a user could have written, deterministic for a given [`Spec`].
//!
//! Two styles share one random number generator ([`rng::Rng`]) and one [`Spec`]:
//!
//! - [`Style::Municipal`] (`municipal`): realistic Swedish municipalities, six block-YAML
//!   files per organisation and a national target whose rules use every expectation key;
//!   the load, gap and report benchmarks use it.
//! - [`Style::Compact`] (`compact`): one flow-YAML file per organisation and a small target
//!   that moves most of it onto eight components; the planner's property tests and
//!   benchmark use it.
//!
//! The output depends only on the spec: the same spec gives the same bytes. This crate is a
//! development tool (`publish = false`): it is not part of samdrift's library, and writes
//! text only, so it does not depend on samdrift.

mod compact;
mod municipal;
pub mod rng;

use std::fs;
use std::io;
use std::path::Path;

pub use municipal::org_ids;

/// The shape of the estate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Realistic municipalities and `targets/national.yaml`.
    Municipal,
    /// The planner's test estate: `org000`… and `targets/gen.yaml`.
    Compact,
}

/// A per-organisation or plan limit of the target's `plan`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Limit {
    /// Sized by the style from the estate (municipal: from the estimated work of the
    /// busiest organisation; compact: 1.5 h per asset of an organisation).
    Auto,
    Hours(f64),
    /// Not written.
    Off,
}

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    pub style: Style,
    /// Number of organisations (folders under `inventory/`).
    pub orgs: usize,
    /// Assets per organisation (compact: at least 20; municipal: a few more where the
    /// cross-organisation e-archive cycle is added).
    pub assets_per_org: usize,
    pub seed: u64,
    /// Let some services depend on other organisations' assets (`org/id` refs).
    pub cross_org_refs: bool,
    /// Add dependency cycles (municipal: at fixed organisations; compact: at
    /// [`Spec::cycle_rate`]).
    pub cycles: bool,
    /// Compact style: the chance that an organisation's directory and a server depend on
    /// each other.
    pub cycle_rate: f64,
    /// Assets get contracts (municipal: with supplier, notice, auto-renewal and cost;
    /// compact: an end date).
    pub contracts: bool,
    /// The plan has a school-summer and a year-end care freeze.
    pub freezes: bool,
    /// `plan.capacity_hours`; `None`: sized by the style (municipal: about twelve waves of
    /// the estimated work; compact: 1.2 h per asset, at least 200).
    pub capacity: Option<f64>,
    /// `plan.org_capacity_hours`.
    pub org_capacity: Limit,
    /// `plan.wave_months`.
    pub wave_months: u32,
}

impl Spec {
    /// A municipal estate with every feature on: contracts, freezes, cycles and refs across
    /// organisations, the plan sized from the work.
    pub fn municipal(orgs: usize, assets_per_org: usize, seed: u64) -> Spec {
        Spec {
            style: Style::Municipal,
            orgs,
            assets_per_org,
            seed,
            cross_org_refs: true,
            cycles: true,
            cycle_rate: 0.3,
            contracts: true,
            freezes: true,
            capacity: None,
            org_capacity: Limit::Auto,
            wave_months: 3,
        }
    }

    /// A compact estate of about `assets` assets in organisations of about 1,000 (fewer for
    /// small estates), with capacity for roughly a three-year plan.
    pub fn sized(assets: usize, seed: u64) -> Spec {
        let per = assets.clamp(50, 1000);
        let orgs = assets.div_ceil(per);
        Spec {
            style: Style::Compact,
            orgs,
            assets_per_org: per,
            seed,
            cross_org_refs: true,
            cycles: true,
            cycle_rate: 0.3,
            contracts: true,
            freezes: true,
            capacity: Some((assets as f64 * 1.2).max(200.0)),
            org_capacity: Limit::Hours(per as f64 * 1.5),
            wave_months: 3,
        }
    }
}

impl Default for Spec {
    /// Five municipalities of 350 assets, seed 1.
    fn default() -> Self {
        Spec::municipal(5, 350, 1)
    }
}

/// What an estate holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub orgs: usize,
    pub files: usize,
    pub assets: usize,
    /// Assets per layer, in docs/format.md order (sites, networks, platforms, clients, services).
    pub per_layer: [usize; 5],
    pub bytes: u64,
    /// `depends_on` entries naming another organisation's asset.
    pub cross_org_refs: usize,
    /// Dependency cycles written (each is one strongly connected component).
    pub cycles: usize,
    /// The target's `plan.capacity_hours`.
    pub capacity_hours: f64,
}

/// A generated estate: files (paths relative to the project root, `/`-separated) and what
/// they hold.
#[derive(Clone, Debug)]
pub struct Estate {
    pub files: Vec<(String, Vec<u8>)>,
    pub stats: Stats,
}

impl Estate {
    /// Writes the files under `dir`, creating folders; existing files of the same names are
    /// overwritten and nothing else is touched.
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        for (rel, bytes) in &self.files {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(path, bytes)?;
        }
        Ok(())
    }
}

/// Generates the estate of `spec`.
pub fn generate(spec: &Spec) -> Estate {
    let (files, stats) = match spec.style {
        Style::Municipal => municipal::files(spec),
        Style::Compact => compact::files(spec),
    };
    Estate { files, stats }
}

/// Generates the estate of `spec` and writes it under `dir` (see [`Estate::write`]).
pub fn write(dir: &Path, spec: &Spec) -> io::Result<Stats> {
    let estate = generate(spec);
    estate.write(dir)?;
    Ok(estate.stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs() -> Vec<Spec> {
        let mut compact = Spec::sized(300, 4);
        compact.orgs = 3;
        vec![Spec::municipal(3, 60, 1), compact]
    }

    #[test]
    fn same_spec_same_bytes_other_seed_other_bytes() {
        for spec in specs() {
            assert_eq!(generate(&spec).files, generate(&spec).files);
            let other = Spec {
                seed: spec.seed + 1,
                ..spec.clone()
            };
            assert_ne!(generate(&spec).files, generate(&other).files);
        }
    }

    #[test]
    fn stats_count_what_was_generated() {
        for spec in specs() {
            let e = generate(&spec);
            assert_eq!(e.stats.files, e.files.len());
            let bytes: usize = e.files.iter().map(|(_, b)| b.len()).sum();
            assert_eq!(e.stats.bytes, bytes as u64);
            assert_eq!(e.stats.assets, e.stats.per_layer.iter().sum::<usize>());
            // Every asset is one `- id:` or `- {id:` entry.
            let written: usize = e
                .files
                .iter()
                .filter(|(p, _)| p.starts_with("inventory/"))
                .map(|(_, b)| {
                    let t = std::str::from_utf8(b).unwrap();
                    t.matches("\n  - id: ").count() + t.matches("\n  - {id: ").count()
                })
                .sum();
            assert_eq!(written, e.stats.assets, "{:?}", spec.style);
        }
    }

    #[test]
    fn switches_remove_what_they_name() {
        for spec in specs() {
            let off = Spec {
                contracts: false,
                freezes: false,
                cycles: false,
                cross_org_refs: false,
                org_capacity: Limit::Off,
                capacity: Some(1234.0),
                wave_months: 2,
                ..spec.clone()
            };
            let e = generate(&off);
            let all: String = e
                .files
                .iter()
                .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
                .collect();
            assert!(!all.contains("contract"), "{:?}", spec.style);
            assert!(!all.contains("freeze"));
            assert!(!all.contains("org_capacity_hours"));
            assert!(all.contains("capacity_hours: 1234\n"));
            assert!(all.contains("wave_months: 2\n"));
            assert_eq!((e.stats.cycles, e.stats.cross_org_refs), (0, 0));
        }
    }

    #[test]
    fn writes_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let spec = Spec::municipal(2, 30, 5);
        let stats = write(dir.path(), &spec).unwrap();
        for (rel, bytes) in generate(&spec).files {
            assert_eq!(fs::read(dir.path().join(rel)).unwrap(), bytes);
        }
        assert_eq!(stats.files, 13);
    }
}
