//! Gap analysis tests: one binary, one module per concern.
//!
//! - `expected`: every case under `tests/fixtures/gaps/<case>/` against its hand-written
//!   `expected.json` (worked out from docs/format.md, not copied from the program's output).
//! - `formats`: insta snapshots of every output format.
//! - `sarif`: the SARIF output validated against the OASIS SARIF 2.1.0 schema.
//! - `props`: gap output does not depend on file order or on how assets are split into files.
//! - `diff`: `samdrift diff` on a throwaway git repository.
//!
//! To add a case: a folder with `inventory/`, `targets/` (one target) and `expected.json`.

mod diff;
mod expected;
mod formats;
mod props;
mod sarif;

use samdrift::gaps::{self, Analysis};
use samdrift::graph::Graph;
use samdrift::load::{self, Loaded};
use samdrift::model::Date;
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gaps")
}

/// Every case folder, sorted.
pub fn cases() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("expected.json").is_file())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

/// Loads a case, failing the test on any load error.
pub fn load_case(case: &str) -> Loaded {
    let loaded = load::load(&fixtures().join(case));
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.level == samdrift::diag::Level::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{case} does not load:\n{}",
        errors.join("\n")
    );
    loaded
}

/// The `as_of` date written in a case's expected.json.
pub fn as_of(case: &str) -> Date {
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join(case).join("expected.json")).unwrap(),
    )
    .unwrap();
    v["as_of"].as_str().unwrap().parse().unwrap()
}

/// Analyses a loaded project against its only target.
pub fn analyse(loaded: &Loaded, as_of: Date) -> Analysis {
    let p = &loaded.project;
    assert_eq!(p.targets.len(), 1, "a case has exactly one target");
    gaps::analyse(p, &Graph::build(p), &p.targets[0], as_of)
}
