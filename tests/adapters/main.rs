//! Integration tests of the adapters: every importer on fixture files that follow the real
//! tools' formats (tests/fixtures/import/), the exports, `init`, completions and the man page.
//!
//! Each importer test writes into a fresh temporary project and then loads it with
//! `samdrift::load::load`, asserting zero errors: an import must never leave an inventory
//! that does not validate. To add a case, add a fixture file and a test to the module of its
//! adapter.

mod export;
mod import_glpi;
mod import_netbox;
mod import_sheet;
mod init;
#[path = "../support/load.rs"]
mod load_support;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fixture file.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A project with one organisation, `gislaved`, that has a site `stadshuset` named
/// "Serverrum Stadshuset".
pub fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("inventory/gislaved");
    std::fs::create_dir_all(&org).unwrap();
    std::fs::write(
        org.join("sites.yaml"),
        "organisation:\n  name: Gislaveds kommun\nsites:\n  - id: stadshuset\n    name: Serverrum Stadshuset\n    kind: server-room\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("targets")).unwrap();
    dir
}

/// The output of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `samdrift --root ROOT ARGS…`.
pub fn samdrift(root: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_samdrift"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Loads the project and fails the test on any error, printing them all.
pub fn load_clean(root: &Path) -> samdrift::load::Loaded {
    load_support::load_clean(root, "the project")
}

/// An asset of the loaded project, by org and id.
pub fn asset<'a>(l: &'a samdrift::load::Loaded, org: &str, id: &str) -> &'a samdrift::model::Asset {
    let p = &l.project;
    let i = p.find_asset(org, id).unwrap_or_else(|| {
        panic!(
            "no asset {org}/{id}; assets: {:?}",
            p.assets.iter().map(|a| &a.id).collect::<Vec<_>>()
        )
    });
    p.asset(i)
}
