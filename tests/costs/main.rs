//! Economics tests (docs/format.md §7): one binary, one module per concern.
//!
//! - `expected`: every case under `tests/fixtures/costs/<case>/` against its hand-worked
//!   `expected.json` (worked out from docs/format.md §7, not copied from the program's output).
//! - `invariants`: the figures add up on the shipped example data and on generated estates.
//! - `assessment`: `assessment`, `staffing` and `it_staff` are validated like everything else.
//! - `schema`: the example files validate against `samdrift schema`.
//! - `cli`: `samdrift costs` end to end: formats, languages, `--all-targets`, exit codes.
//!
//! To add a case: a folder with `inventory/`, `targets/t.yaml` (one target) and
//! `expected.json` = `{"as_of": "YYYY-MM-DD", "expected": {...}}`. Only the keys written in
//! `expected` are compared (objects recursively; arrays element by element, same length).

mod assessment;
mod cli;
mod expected;
mod invariants;
#[path = "../support/load.rs"]
mod load_support;
mod schema;

use samdrift::costs::{self, Costs};
use samdrift::gaps;
use samdrift::graph::Graph;
use samdrift::load::Loaded;
use samdrift::model::Date;
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

pub fn fixtures() -> PathBuf {
    root().join("tests/fixtures/costs")
}

/// Loads a project, failing the test on any load error.
pub fn load_ok(dir: &Path) -> Loaded {
    load_support::load_clean(dir, &dir.display().to_string())
}

/// The costs of target `t` of a loaded project, as of `as_of`.
pub fn costs_of(loaded: &Loaded, t: &str, as_of: Date) -> Costs {
    let p = &loaded.project;
    let t = p.target(t).expect("the target exists");
    let g = Graph::build(p);
    let a = gaps::analyse(p, &g, t, as_of);
    costs::compute(p, t, &a)
}
