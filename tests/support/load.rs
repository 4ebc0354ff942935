//! Loading for tests: a project that must load without errors, every error printed when it
//! does not. Shared by the test crates (`#[path]` module).

use samdrift::load::Loaded;
use std::path::Path;

/// Loads the project at `dir`; fails the test naming `what` and listing every error.
pub fn load_clean(dir: &Path, what: &str) -> Loaded {
    let loaded = samdrift::load::load(dir);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.level == samdrift::diag::Level::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not load:\n{}",
        errors.join("\n")
    );
    loaded
}
