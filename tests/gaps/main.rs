//! Gap analysis tests: one binary, one module per concern.
//!
//! - `expected`: every case under `tests/fixtures/gaps/<case>/` against its hand-written
//!   `expected.json` (worked out from docs/format.md, not copied from the program's output).
//! - `formats`: insta snapshots of every output format.
//! - `sarif`: the SARIF output validated against the OASIS SARIF 2.1.0 schema.
//! - `props`: gap output does not depend on file order or on how assets are split into files.
//! - `diff`: `samdrift diff` on a throwaway git repository.
//! - `findings`: every kind of finding through every view, and findings on the example data.
//!
//! To add a case: a folder with `inventory/`, `targets/` (one target) and `expected.json`.

mod diff;
mod expected;
mod findings;
mod formats;
#[path = "../support/load.rs"]
mod load_support;
mod props;
mod sarif;
#[path = "../support/git.rs"]
mod support;

use samdrift::gaps::{self, Analysis};
use samdrift::graph::Graph;
use samdrift::load::Loaded;
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
    load_support::load_clean(&fixtures().join(case), case)
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

/// What a position (1-based line and column, in characters) in a YAML text is: the start of
/// an asset's mapping (`- id: x` or `- {id: x`), or the value of a key (also as an item of a
/// block list under the key).
#[derive(Debug, PartialEq)]
pub enum Place {
    Mapping(String),
    Value(String),
    Other(String),
}

pub fn place(text: &str, line: usize, column: usize) -> Place {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines[line - 1];
    let before: String = at.chars().take(column - 1).collect();
    let here: String = at.chars().skip(column - 1).collect();
    // A mapping in a list: `- id: x`, `- {id: x, …}`, `- <<: *base` with `id:` below.
    if before.trim() == "-" && (here.starts_with('{') || here.contains(": ")) {
        let indent = before.len();
        let id_in = |l: &str| {
            let rest = &l[l.find("id: ")? + 4..];
            Some(
                rest.chars()
                    .take_while(|c| !matches!(c, ',' | '}' | ' '))
                    .collect::<String>(),
            )
        };
        let first = std::iter::once(here.as_str()).chain(
            lines[line..]
                .iter()
                .copied()
                .take_while(|l| l.len() - l.trim_start().len() >= indent),
        );
        for l in first {
            let has_id =
                l.trim_start().trim_start_matches('{').starts_with("id: ") || l.contains("{id: ");
            if has_id && let Some(id) = id_in(l) {
                return Place::Mapping(id);
            }
        }
        return Place::Other(at.to_string());
    }
    let key_of = |s: &str| -> Option<String> {
        let s = s.trim_end().strip_suffix(':')?;
        let key = s
            .rsplit(|c: char| matches!(c, '-' | '{' | ',') || c.is_whitespace())
            .next()?;
        Some(key.to_string())
    };
    if let Some(k) = key_of(&before) {
        return Place::Value(k);
    }
    if before.trim() == "-" {
        // An item of a block list: the key is on the nearest line above that is indented less.
        let indent = before.len() - before.trim_start().len();
        for l in lines[..line - 1].iter().rev() {
            let i = l.len() - l.trim_start().len();
            if i < indent && !l.trim().is_empty() {
                if let Some(k) = key_of(l) {
                    return Place::Value(k);
                }
                break;
            }
        }
    }
    Place::Other(at.to_string())
}
