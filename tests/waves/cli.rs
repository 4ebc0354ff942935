//! `samdrift waves` end to end: formats, exit codes, and the JSON contract of docs/format.md §5.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/waves/cases")
        .join(name)
}

fn waves(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samdrift"))
        .arg("--root")
        .arg(root)
        .arg("waves")
        .args(["--as-of", "2026-01-01"])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn json_follows_the_contract() {
    let o = waves(&case("dependency"), &["--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["target"], "t");
    assert_eq!(v["lower_bound"], 4);
    let w = &v["waves"][1];
    assert_eq!(w["number"], 2);
    assert_eq!(w["start"], "2026-04-01");
    assert_eq!(w["end"], "2026-06-30");
    assert_eq!(w["hours"], 210);
    let establish = &w["items"][0];
    for (k, want) in [
        ("id", "establish:virt".into()),
        ("org", serde_json::Value::Null),
        ("asset", serde_json::Value::Null),
        ("component", "virt".into()),
        ("action", "establish".into()),
        ("hours", 200.into()),
        ("after", serde_json::json!(["establish:net"])),
    ] {
        assert_eq!(establish[k], want, "{k}");
    }
    let host = &v["waves"][2]["items"][0];
    assert_eq!(host["id"], "a/host");
    assert_eq!(host["org"], "a");
    assert_eq!(host["asset"], "host");
    assert_eq!(host["component"], "virt");
    assert_eq!(host["action"], "upgrade");
    assert_eq!(
        host["after"],
        serde_json::json!(["establish:virt", "a/wan"])
    );
    assert_eq!(host["reason"]["kind"], "dependency");
    assert_eq!(host["reason"]["on"], "establish:virt");
    assert_eq!(host["gaps"].as_array().unwrap().len(), 2);
    // The service sees the host through a VM without gaps.
    assert_eq!(
        v["waves"][3]["items"][0]["after"],
        serde_json::json!(["a/host"])
    );
    let warning = &v["warnings"][0];
    assert_eq!(warning["item"], "a/host");
    assert_eq!(warning["kind"], "late");
    assert!(warning["message"].as_str().unwrap().contains("2026-06-30"));
}

#[test]
fn json_names_move_groups_and_unplaced_items() {
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&waves(&case("cycle"), &["--format", "json"]))).unwrap();
    assert_eq!(v["move_groups"][1]["id"], "cycle:a/ad");
    assert_eq!(
        v["move_groups"][1]["items"],
        serde_json::json!(["a/ad", "a/dns"])
    );
    assert_eq!(v["waves"][0]["items"][2]["move_group"], "cycle:a/ad");
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&waves(&case("unplaceable"), &["--format", "json"]))).unwrap();
    assert_eq!(v["unplaced"][0]["id"], "a/far");
    assert_eq!(v["unplaced"][0]["reason"]["kind"], "contract");
    assert_eq!(v["unplaced"][1]["reason"]["on"], "a/far");
    assert_eq!(v["summary"]["unplaced"], 2);
}

#[test]
fn csv_has_one_row_per_item() {
    let o = waves(&case("freeze"), &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..4], ["wave", "start", "end", "item"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let school = rows.iter().find(|r| &r[3] == "a/school").unwrap();
    assert_eq!(&school[0], "4");
    assert_eq!(&school[12], "freeze");
    assert!(school[13].contains("06-15..08-15"), "{}", &school[13]);
}

#[test]
fn table_and_markdown_show_every_wave() {
    for format in ["table", "markdown"] {
        let o = waves(&case("contract"), &["--format", format]);
        assert_eq!(o.status.code(), Some(0));
        let text = stdout(&o);
        for n in 1..=4 {
            assert!(text.contains(&format!("Wave {n}")), "{format}: {text}");
        }
        assert!(text.contains("the contract of a/x runs until 2026-08-15"));
    }
}

#[test]
fn output_is_the_same_run_to_run() {
    let a = waves(&case("oversize"), &["--format", "json"]);
    let b = waves(&case("oversize"), &["--format", "json"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn usage_problems_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inventory/a")).unwrap();
    std::fs::create_dir_all(root.join("targets")).unwrap();
    std::fs::write(
        root.join("inventory/a/x.yaml"),
        "services:\n  - {id: s, name: S, kind: application}\n",
    )
    .unwrap();
    let target = "target: {name: T, horizon: 2027-12-31}\n";
    std::fs::write(root.join("targets/one.yaml"), target).unwrap();
    let o = waves(root, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("has no `plan:` section"));
    std::fs::write(root.join("targets/two.yaml"), target).unwrap();
    let o = waves(root, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("choose one with --target: one, two"));
    let o = waves(root, &["--target", "twoo"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `two`?"));
}

/// A freeze that shuts several waves in a row names them all, back to the earliest wave the
/// item's dependencies allowed: the reader's "why not wave 2?" has its answer.
#[test]
fn a_freeze_over_several_waves_names_them_all() {
    let o = waves(&case("freeze-span"), &["--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let school = v["waves"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["items"].as_array().unwrap().iter().map(move |i| (w, i)))
        .find(|(_, i)| i["id"] == "a/school")
        .unwrap();
    assert_eq!(school.0["number"], 4);
    assert_eq!(
        school.1["reason"]["message"],
        "waves 2–3 (2026-04-01 – 2026-09-30) overlap the freeze 05-01..09-15 that selects a/school"
    );
}
