//! `samdrift diff` on a throwaway git repository whose project root is a sub-folder.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

const TARGET: &str = "target:
  name: Diff
  horizon: 2027-12-31
  hourly_rate: 100
rules:
  - id: eos
    select: {layer: platforms}
    expect: {end_of_support_after: horizon}
    action: upgrade
    severity: high
    effort: {hours: 10}
  - id: product
    select: {layer: clients}
    expect: {product_in: [std]}
    action: replace
    severity: low
    effort: {hours: 1, per: unit}
waivers:
  - {rule: product, org: acme, asset: tablets, reason: Kept until 2027, expires: 2030-01-01}
";

const INVENTORY: &str = "platforms:
  - {id: old-db, name: Old DB, kind: database, end_of_support: 2025-01-01}
  - {id: old-files, name: Old files, kind: file-service, end_of_support: 2026-01-01}
clients:
  - {id: laptops, name: Laptops, kind: laptop, product: odd, quantity: 10}
  - {id: tablets, name: Tablets, kind: tablet, product: odd, quantity: 5}
";

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let r = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        r.git(&["init", "-q"]);
        r.write("infra/targets/t.yaml", TARGET);
        r.write("infra/inventory/acme/all.yaml", INVENTORY);
        r.write("README.md", "not part of the project\n");
        r.commit("base");
        r
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("infra")
    }

    fn git(&self, args: &[&str]) -> String {
        crate::support::git(self.dir.path(), args)
    }

    fn write(&self, path: &str, text: &str) {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn samdrift(&self, args: &[&str]) -> Output {
        run(&self.root(), args)
    }
}

fn run(root: &Path, args: &[&str]) -> Output {
    crate::support::samdrift(root, args)
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `org/asset/rule` of each gap in a list.
fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let g = if g.get("after").is_some() {
                &g["after"]
            } else {
                g
            };
            format!(
                "{}/{}/{}",
                g["org"].as_str().unwrap(),
                g["asset"].as_str().unwrap_or("-"),
                g["rule"].as_str().unwrap()
            )
        })
        .collect()
}

/// The change under test: fixes old-files, breaks a new server, changes the laptops' work
/// and takes the tablets' waiver away.
fn change(r: &Repo) {
    r.write(
        "infra/inventory/acme/all.yaml",
        &INVENTORY
            .replace("end_of_support: 2026-01-01", "end_of_support: 2030-01-01")
            .replace("quantity: 10", "quantity: 12")
            .replace(
                "clients:",
                "  - {id: new-app, name: New app server, kind: server, end_of_support: 2026-06-30}\nclients:",
            ),
    );
    r.write(
        "infra/targets/t.yaml",
        &TARGET.replace(
            "  - {rule: product, org: acme, asset: tablets",
            "  - {rule: product, org: acme, asset: nothing",
        ),
    );
}

#[test]
fn working_tree_against_a_revision() {
    let r = Repo::new();
    change(&r);
    let status = r.git(&["status", "--porcelain"]);
    let index = std::fs::read(r.dir.path().join(".git/index")).unwrap();

    let out = r.samdrift(&["diff", "HEAD", "--format", "json", "--as-of", "2026-01-01"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["target"], "t");
    assert_eq!(v["from"], "HEAD");
    assert_eq!(v["to"], Value::Null);
    assert_eq!(ids(&v["added"]), ["acme/new-app/eos"]);
    assert_eq!(ids(&v["removed"]), ["acme/old-files/eos"]);
    assert_eq!(
        ids(&v["changed"]),
        ["acme/laptops/product", "acme/tablets/product"]
    );
    assert_eq!(v["changed"][0]["before"]["hours"], 10);
    assert_eq!(v["changed"][0]["after"]["hours"], 12);
    assert_eq!(v["changed"][1]["before"]["waived"], true);
    assert_eq!(v["changed"][1]["after"]["waived"], false);
    // Added new-app (high) and un-waived tablets (low) are what the change introduces.
    assert_eq!(v["summary"]["introduced"], 2);
    // Before: old-db, old-files, laptops (tablets waived): 3 gaps, 30 h.
    // After: new-app, old-db, laptops 12 h, tablets 5 h: 4 gaps, 37 h.
    assert_eq!(v["summary"]["before"]["gaps"], 3);
    assert_eq!(v["summary"]["after"]["hours"], 37);
    assert_eq!(v["summary"]["hours"], 7);

    // Reading the revision touched neither the working tree nor the index.
    assert_eq!(r.git(&["status", "--porcelain"]), status);
    assert_eq!(
        std::fs::read(r.dir.path().join(".git/index")).unwrap(),
        index
    );

    // --fail-on judges only what the change introduces.
    let code = |sev: &str| {
        r.samdrift(&["diff", "HEAD", "--fail-on", sev, "--as-of", "2026-01-01"])
            .status
            .code()
    };
    assert_eq!(code("critical"), Some(0));
    assert_eq!(code("high"), Some(1));
    assert_eq!(code("low"), Some(1));

    // Without the change, the old gaps (old-db is high) do not fail a diff.
    r.git(&["stash", "-q"]);
    let out = r.samdrift(&["diff", "HEAD", "--fail-on", "low", "--as-of", "2026-01-01"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No gap was added, removed or changed"));
}

#[test]
fn two_revisions_ignore_the_working_tree() {
    let r = Repo::new();
    change(&r);
    r.commit("change");
    // A broken working tree does not matter when both sides are revisions.
    r.write("infra/inventory/acme/all.yaml", "platforms: [oops\n");
    let out = r.samdrift(&[
        "diff",
        "HEAD~1",
        "HEAD",
        "--format",
        "json",
        "--as-of",
        "2026-01-01",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["to"], "HEAD");
    assert_eq!(ids(&v["added"]), ["acme/new-app/eos"]);
    assert_eq!(ids(&v["removed"]), ["acme/old-files/eos"]);
    // The Markdown names both sides.
    let md = r.samdrift(&[
        "diff",
        "HEAD~1",
        "HEAD",
        "--format",
        "markdown",
        "--as-of",
        "2026-01-01",
    ]);
    let text = String::from_utf8_lossy(&md.stdout);
    assert!(text.contains("#### Added (1)"), "{text}");
    assert!(
        text.contains("This change introduces 2 open gaps."),
        "{text}"
    );
}

#[test]
fn errors_exit_2() {
    let r = Repo::new();
    let out = r.samdrift(&["diff", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`no-such-branch` names no commit"));
    let out = r.samdrift(&["diff", "--", "--output=/tmp/x"]);
    assert_eq!(out.status.code(), Some(2));

    // An invalid project at the old revision cannot be compared.
    r.write("infra/inventory/acme/all.yaml", "platforms: [oops\n");
    r.commit("broken");
    r.write("infra/inventory/acme/all.yaml", INVENTORY);
    let out = r.samdrift(&["diff", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("inventory/acme/all.yaml:"), "{err}");
    assert!(err.contains("the project at `HEAD`"), "{err}");

    // Outside a git repository.
    let plain = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(plain.path().join("inventory")).unwrap();
    let out = run(plain.path(), &["diff", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in a git work tree"));
}

#[test]
fn a_target_new_in_the_change_adds_every_gap() {
    let r = Repo::new();
    r.write("infra/targets/t.yaml", "");
    std::fs::remove_file(r.root().join("targets/t.yaml")).unwrap();
    r.commit("no target yet");
    r.write("infra/targets/t.yaml", TARGET);
    let out = r.samdrift(&["diff", "HEAD", "--format", "json", "--as-of", "2026-01-01"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["added"].as_array().unwrap().len(), 4);
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist at `HEAD`"));
}
