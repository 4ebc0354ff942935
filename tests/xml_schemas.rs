//! The XML outputs against the schemas of the tools that read them, with `xmllint`:
//!
//! - GraphML (`graph --format graphml`, `export graphml`) against the GraphML 1.0 schema
//!   (`graphml.xsd` with its `xlink.xsd`, as shipped in Debian's `libjgrapht-java`);
//! - JUnit (`gaps --format junit`) against Jenkins' `junit-10.xsd` (as shipped in the
//!   `pytest` source distribution on PyPI, which tests its own JUnit output with it).
//!
//! The schemas are not committed: `.ci/run` installs them from those packages into a folder
//! and sets `SAMDRIFT_XSD_DIR`. Without it (or without `xmllint`) the tests print a notice and
//! pass, unless `SAMDRIFT_REQUIRE_EXTERNAL` is set, as CI sets it: there they fail.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The schema `name` from `SAMDRIFT_XSD_DIR`, or `None` (with a notice) when the schemas
/// are not installed here and CI did not ask for them.
fn schema(name: &str) -> Option<PathBuf> {
    let required = std::env::var_os("SAMDRIFT_REQUIRE_EXTERNAL").is_some();
    let dir = std::env::var_os("SAMDRIFT_XSD_DIR").map(PathBuf::from);
    let path = dir.map(|d| d.join(name)).filter(|p| p.is_file());
    let xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    match (path, xmllint) {
        (Some(p), true) => Some(p),
        (p, x) => {
            let why = if p.is_none() {
                format!("{name} is not in SAMDRIFT_XSD_DIR")
            } else {
                "xmllint is not installed".to_string()
            };
            assert!(!required, "SAMDRIFT_REQUIRE_EXTERNAL is set but {why}");
            let _ = x;
            eprintln!("notice: {why}; the {name} check was not run");
            None
        }
    }
}

/// `xmllint --schema`: `Ok` when the document is valid, else xmllint's errors.
fn xmllint(xsd: &Path, xml: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .arg(&file)
        .output()
        .unwrap();
    match out.status.success() {
        true => Ok(()),
        false => Err(String::from_utf8_lossy(&out.stderr).into_owned()),
    }
}

fn samdrift(root: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_samdrift"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "samdrift {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The fixture trees of the gap tests, and the shipped example data.
fn gap_cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/fixtures/gaps"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    v.sort();
    v
}

#[test]
fn graphml_is_valid_graphml_1_0() {
    let Some(xsd) = schema("graphml.xsd") else {
        return;
    };
    let mut checked = 0;
    for (root, args) in [
        (repo().to_path_buf(), &["graph", "--format", "graphml"][..]),
        (
            repo().to_path_buf(),
            &["graph", "--format", "graphml", "--org", "gnosjo"],
        ),
        (repo().to_path_buf(), &["export", "graphml"]),
        (
            repo().join("tests/fixtures/validate/clean"),
            &["export", "graphml"],
        ),
    ] {
        let xml = samdrift(&root, args);
        assert!(xml.contains("<node id="), "{args:?}");
        if let Err(e) = xmllint(&xsd, &xml) {
            panic!("{args:?} on {}:\n{e}", root.display());
        }
        checked += 1;
    }
    assert_eq!(checked, 4);
}

#[test]
fn the_graphml_check_catches_an_invalid_id() {
    let Some(xsd) = schema("graphml.xsd") else {
        return;
    };
    let xml = samdrift(repo(), &["graph", "--format", "graphml", "--org", "gnosjo"]);
    // What samdrift wrote before: the `org/asset` reference as the node id.
    let broken = xml.replacen("<node id=\"gnosjo:", "<node id=\"gnosjo/", 1);
    assert_ne!(broken, xml);
    let e = xmllint(&xsd, &broken).unwrap_err();
    assert!(e.contains("NMTOKEN"), "{e}");
}

#[test]
fn junit_is_valid_against_jenkins_junit_10() {
    let Some(xsd) = schema("junit-10.xsd") else {
        return;
    };
    let mut runs: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for t in std::fs::read_dir(repo().join("targets")).unwrap() {
        let stem = t
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        runs.push((repo().to_path_buf(), vec!["--target".into(), stem]));
    }
    for case in gap_cases() {
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
                .unwrap();
        let as_of = expected["as_of"].as_str().unwrap().to_string();
        runs.push((case, vec!["--as-of".into(), as_of]));
    }
    assert!(runs.len() > 5);
    let mut skipped = false;
    for (root, more) in &runs {
        let mut args = vec!["gaps", "--format", "junit"];
        args.extend(more.iter().map(String::as_str));
        let xml = samdrift(root, &args);
        skipped |= xml.contains("<skipped");
        if let Err(e) = xmllint(&xsd, &xml) {
            panic!("{args:?} on {}:\n{e}", root.display());
        }
    }
    assert!(
        skipped,
        "a case with waived gaps (skipped test cases) was checked"
    );
}

#[test]
fn the_junit_check_catches_skipped_on_testsuites() {
    let Some(xsd) = schema("junit-10.xsd") else {
        return;
    };
    let xml = samdrift(
        &repo().join("tests/fixtures/gaps/waivers"),
        &["gaps", "--format", "junit", "--as-of", "2025-01-01"],
    );
    assert!(xml.contains("<skipped"));
    let broken = xml.replacen("<testsuites ", "<testsuites skipped=\"2\" ", 1);
    let e = xmllint(&xsd, &broken).unwrap_err();
    assert!(e.contains("skipped"), "{e}");
}
