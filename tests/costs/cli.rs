//! `samdrift costs` end to end: the JSON contract of docs/format.md §7, the table and CSV in both
//! languages, `--all-targets`, and exit codes (docs/format.md §6).

use super::{fixtures, root};
use std::path::Path;
use std::process::{Command, Output};

fn costs(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samdrift"))
        .arg("--root")
        .arg(dir)
        .arg("costs")
        .args(args)
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn json_has_the_contract_fields_in_order() {
    let text = ok(&costs(
        &fixtures().join("leaving"),
        &["--format", "json", "--as-of", "2026-06-01"],
    ));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["target"], "t");
    assert_eq!(v["currency"], "SEK");
    // docs/format.md §7's fields, in its order, at the top of the document.
    let mut last = 0;
    for key in [
        "target",
        "currency",
        "today",
        "target_state",
        "saving",
        "payback_years",
        "one_off",
        "orgs",
        "notes",
    ] {
        let at = text
            .find(&format!("\n  \"{key}\":"))
            .unwrap_or_else(|| panic!("`{key}` at the top level"));
        assert!(at > last, "`{key}` comes after the one before");
        last = at;
    }
    for key in ["total", "assets", "staff"] {
        assert!(v["today"].get(key).is_some(), "today.{key}");
    }
    for key in ["total", "components", "staying", "staff"] {
        assert!(v["target_state"].get(key).is_some(), "target_state.{key}");
    }
    for key in ["change", "lifecycle", "change_hours", "lifecycle_hours"] {
        assert!(v["one_off"].get(key).is_some(), "one_off.{key}");
    }
    for key in ["org", "today", "staying", "staff_today", "coverage"] {
        assert!(v["orgs"][0].get(key).is_some(), "orgs[].{key}");
    }
    assert!(v["notes"].is_array());
}

#[test]
fn the_table_reads_in_both_languages() {
    let dir = fixtures().join("leaving");
    let en = ok(&costs(&dir, &["--as-of", "2026-06-01"]));
    assert!(en.starts_with("Costs of t – Leaving\n"), "{en}");
    for line in [
        "  total                            3 170 000     2 140 000",
        "  saving per year                                1 030 000",
        "Payback: 0.2 years (change / saving per year)",
    ] {
        assert!(en.contains(line), "{line:?} in\n{en}");
    }
    assert!(en.lines().all(|l| l.chars().count() <= 80), "{en}");
    let sv = ok(&costs(&dir, &["--as-of", "2026-06-01", "--lang", "sv"]));
    for line in [
        "ÅRLIG KOSTNAD",
        "  summa                            3 170 000     2 140 000",
        "Återbetalningstid: 0,2 år (förändring / besparing per år)",
    ] {
        assert!(sv.contains(line), "{line:?} in\n{sv}");
    }
    let none = ok(&costs(
        &fixtures().join("no-saving"),
        &["--as-of", "2026-06-01"],
    ));
    assert!(none.contains("Payback: none (no saving)"), "{none}");
    assert!(none.contains("there is no payback"), "{none}");
}

#[test]
fn csv_is_for_the_spreadsheet_in_english_or_swedish() {
    let dir = fixtures().join("leaving");
    let en = ok(&costs(&dir, &["--format", "csv", "--as-of", "2026-06-01"]));
    let mut r = csv::Reader::from_reader(en.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header[0], "org");
    assert_eq!(header.len(), 21);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len(), 4, "a, b, shared, total");
    assert_eq!(&rows[1][col("it_staff_fte")], "1.5");
    assert_eq!(&rows[0][col("today")], "2170000");
    assert_eq!(&rows[2][col("components")], "300000");
    assert_eq!(&rows[2][col("staff_target")], "1200000", "2 shared FTE");
    assert_eq!(&rows[3][col("saving")], "1030000");
    assert_eq!(&rows[3][col("payback_years")], "0.1650485436893204");

    let sv = ok(&costs(
        &dir,
        &["--format", "csv", "--as-of", "2026-06-01", "--lang", "sv"],
    ));
    let body = sv
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header[0], "Organisation");
    assert!(
        header.contains(&"Årskostnad idag".to_string()),
        "{header:?}"
    );
    assert!(header.contains(&"Återbetalningstid (år)".to_string()));
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(&rows[1][2], "1,5", "decimal comma");
    assert_eq!(&rows[3][0], "(totalt)");
}

#[test]
fn all_targets_is_the_decision_table() {
    let o = costs(
        &root(),
        &["--all-targets", "--format", "json", "--as-of", "2026-05-01"],
    );
    let v: serde_json::Value = serde_json::from_str(&ok(&o)).unwrap();
    let targets: Vec<&str> = v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(
        targets,
        [
            "ggvvh-2027",
            "ggvvh-it-avdelning",
            "ggvvh-samordning",
            "ggvvh-teknik"
        ]
    );
    let criteria = v["criteria"].as_array().unwrap();
    assert_eq!(
        criteria.len(),
        7,
        "the study's seven criteria, one row each"
    );
    for row in criteria {
        let scores = row["scores"].as_array().unwrap();
        assert_eq!(scores.len(), 4);
        for s in scores {
            let n = s["score"].as_u64().unwrap();
            assert!((1..=4).contains(&n));
            assert!(s["reason"].is_string());
        }
    }
    let totals: Vec<u64> = v["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["weighted_total"].as_u64().unwrap())
        .collect();
    assert_eq!(
        totals,
        [22, 22, 15, 21],
        "seven scores of weight 1 each, summed"
    );
    for a in v["alternatives"].as_array().unwrap() {
        let t = a["target"].as_str().unwrap();
        assert_eq!(a["max_total"], 28, "{t}");
        for key in [
            "weighted_total",
            "saving",
            "one_off",
            "person_years",
            "open_critical_gaps",
        ] {
            assert!(!a[key].is_null(), "{t}: {key}");
        }
        let plan = &a["plan"];
        for key in [
            "last_wave",
            "last_wave_end",
            "horizon",
            "within_horizon",
            "late",
            "avoidable_late",
        ] {
            assert!(plan.get(key).is_some(), "{t}: plan.{key}");
        }
    }
    let table = ok(&costs(&root(), &["--all-targets", "--as-of", "2026-05-01"]));
    assert!(table.contains("  weighted total (of max)"), "{table}");
    assert!(table.contains("REASONS"), "{table}");
}

#[test]
fn exit_codes_follow_format_md() {
    let dir = fixtures().join("leaving");
    let code = |o: Output| o.status.code();
    assert_eq!(
        code(costs(&root(), &["--all-targets", "--format", "csv"])),
        Some(2),
        "csv has no decision table"
    );
    assert_eq!(
        code(costs(&root(), &["--all-targets", "--target", "ggvvh-2027"])),
        Some(2)
    );
    assert_eq!(
        code(costs(&root(), &[])),
        Some(2),
        "several targets, none chosen"
    );
    assert_eq!(code(costs(&dir, &["--target", "nope"])), Some(2));
    assert_eq!(code(costs(&dir, &["--as-of", "2026-13-01"])), Some(2));
    assert_eq!(code(costs(&dir, &["--lang", "de"])), Some(2));
    assert_eq!(code(costs(&dir, &["--format", "xml"])), Some(2));
    assert_eq!(code(costs(&root().join("no-such-folder"), &[])), Some(2));
    // Invalid input given to a command other than validate: exit 2 with the errors.
    let bad = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(bad.path().join("inventory/a")).unwrap();
    std::fs::create_dir_all(bad.path().join("targets")).unwrap();
    std::fs::write(
        bad.path().join("targets/t.yaml"),
        "target:\n  name: T\n  horizon: 2027-12-31\n  staffing: {fte_cost: -5}\n",
    )
    .unwrap();
    let o = costs(bad.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("targets/t.yaml:4:"), "{err}");
}
