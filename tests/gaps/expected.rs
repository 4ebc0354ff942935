//! Each case's gaps, summary and warnings against its hand-written `expected.json`.

use super::{analyse, as_of, cases, fixtures, load_case};
use serde_json::Value;

/// The fields docs/format.md §4 requires on every gap, plus the ones every expected gap states.
const REQUIRED: [&str; 13] = [
    "org",
    "asset",
    "rule",
    "kind",
    "severity",
    "action",
    "component",
    "hours",
    "cost",
    "file",
    "line",
    "waived",
    "expect",
];

fn check(case: &str) -> Vec<String> {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join(case).join("expected.json")).unwrap(),
    )
    .unwrap();
    let loaded = load_case(case);
    let a = analyse(&loaded, as_of(case));
    let actual: Value = serde_json::from_str(&samdrift::views::gaps::json(&a)).unwrap();
    let mut problems = Vec::new();
    assert_eq!(
        actual["target"], "t",
        "{case}: the target id is the file stem"
    );
    let (want, got) = (
        expected["gaps"].as_array().unwrap(),
        actual["gaps"].as_array().unwrap(),
    );
    for (i, w) in want.iter().enumerate() {
        for key in REQUIRED {
            assert!(
                w.get(key).is_some(),
                "{case}: expected gap {i} lacks `{key}`"
            );
        }
        let Some(g) = got.get(i) else {
            problems.push(format!("gap {i} missing: {w}"));
            continue;
        };
        for (key, value) in w.as_object().unwrap() {
            if g.get(key) != Some(value) {
                problems.push(format!(
                    "gap {i} ({} {} {}): `{key}` is {}, expected {value}",
                    w["org"],
                    w["asset"],
                    w["rule"],
                    g.get(key).map_or("absent".into(), Value::to_string)
                ));
            }
        }
        if !w["waived"].as_bool().unwrap() && (g.get("waiver").is_some()) {
            problems.push(format!("gap {i}: an open gap names a waiver"));
        }
    }
    for g in got.iter().skip(want.len()) {
        problems.push(format!("unexpected gap: {g}"));
    }
    if actual["summary"] != expected["summary"] {
        problems.push(format!(
            "summary is {}, expected {}",
            actual["summary"], expected["summary"]
        ));
    }
    let warnings = |v: &Value| {
        let mut w: Vec<(String, String, u64)> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["file"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                )
            })
            .collect();
        w.sort();
        w
    };
    if warnings(&actual["warnings"]) != warnings(&expected["warnings"]) {
        problems.push(format!(
            "warnings are {:?}, expected {:?}",
            warnings(&actual["warnings"]),
            warnings(&expected["warnings"])
        ));
    }
    problems
}

#[test]
fn every_case_gives_its_hand_written_gaps() {
    let cases = cases();
    assert!(cases.len() >= 6, "the fixture cases are there");
    let mut failures = Vec::new();
    for case in &cases {
        for p in check(case) {
            failures.push(format!("{case}: {p}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn json_is_byte_identical_run_to_run() {
    for case in cases() {
        let one = samdrift::views::gaps::json(&analyse(&load_case(&case), as_of(&case)));
        let two = samdrift::views::gaps::json(&analyse(&load_case(&case), as_of(&case)));
        assert_eq!(one, two, "{case}");
    }
}

#[test]
fn fail_on_counts_open_gaps_only() {
    use samdrift::model::Severity;
    // waivers: the only critical gap is waived; an open high gap remains.
    let a = analyse(&load_case("waivers"), as_of("waivers"));
    assert!(!a.fails_at(Severity::Critical));
    assert!(a.fails_at(Severity::High));
    assert!(a.fails_at(Severity::Low));
    // A day later the first waiver has expired; the org-wide eos waiver still covers the
    // laptops, now with its own reason.
    let later = analyse(&load_case("waivers"), "2026-07-01".parse().unwrap());
    assert_eq!(later.summary.waived, 3);
    let laptops = later
        .gaps
        .iter()
        .find(|g| g.org == "delta" && g.asset.as_deref() == Some("laptops"))
        .unwrap();
    assert_eq!(
        laptops.waiver.as_deref(),
        Some("All clients are replaced in 2026")
    );
    let expired = later
        .warnings
        .iter()
        .filter(|w| w.code == "expired-waiver")
        .count();
    assert_eq!(expired, 2);
}
