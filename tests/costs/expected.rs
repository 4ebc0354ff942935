//! Each case's costs against its hand-worked `expected.json`.

use super::{costs_of, fixtures, load_ok};
use serde_json::Value;

/// Every case folder, sorted.
fn cases() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("expected.json").is_file())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

/// Where `actual` differs from `want`: every key of an expected object, recursively; arrays
/// element by element and of the same length; anything else equal.
fn differences(path: &str, want: &Value, actual: &Value, out: &mut Vec<String>) {
    match (want, actual) {
        (Value::Object(w), Value::Object(a)) => {
            for (k, wv) in w {
                match a.get(k) {
                    Some(av) => differences(&format!("{path}.{k}"), wv, av, out),
                    None => out.push(format!("{path}.{k} is absent, expected {wv}")),
                }
            }
        }
        (Value::Array(w), Value::Array(a)) => {
            if w.len() != a.len() {
                out.push(format!(
                    "{path} has {} items, expected {}: {actual}",
                    a.len(),
                    w.len()
                ));
            }
            for (i, (wv, av)) in w.iter().zip(a).enumerate() {
                differences(&format!("{path}[{i}]"), wv, av, out);
            }
        }
        _ if want != actual => out.push(format!("{path} is {actual}, expected {want}")),
        _ => {}
    }
}

fn check(case: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join(case).join("expected.json")).unwrap(),
    )
    .unwrap();
    let as_of = doc["as_of"].as_str().unwrap().parse().unwrap();
    let loaded = load_ok(&fixtures().join(case));
    let c = costs_of(&loaded, "t", as_of);
    let actual: Value = serde_json::from_str(&samdrift::views::costs::json(&c)).unwrap();
    let mut out = Vec::new();
    differences("", &doc["expected"], &actual, &mut out);
    out
}

#[test]
fn every_case_gives_its_hand_worked_costs() {
    let cases = cases();
    for must in [
        "leaving",
        "staying",
        "waived",
        "lifecycle-vs-change",
        "no-staffing",
        "no-saving",
        "partial-coverage",
    ] {
        assert!(cases.iter().any(|c| c == must), "case {must} is there");
    }
    let mut failures = Vec::new();
    for case in &cases {
        for p in check(case) {
            failures.push(format!("{case}: {p}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_comparison_catches_a_wrong_figure() {
    // The checker itself: a changed figure, a missing key and a longer array are reported.
    let want: Value = serde_json::json!({"a": 1, "b": [1, 2], "c": {"d": null}});
    let got: Value = serde_json::json!({"a": 2, "b": [1, 2, 3], "c": {}});
    let mut out = Vec::new();
    differences("", &want, &got, &mut out);
    assert_eq!(out.len(), 3, "{out:?}");
}

#[test]
fn json_is_byte_identical_run_to_run() {
    let as_of = "2026-06-01".parse().unwrap();
    for case in cases() {
        let one =
            samdrift::views::costs::json(&costs_of(&load_ok(&fixtures().join(&case)), "t", as_of));
        let two =
            samdrift::views::costs::json(&costs_of(&load_ok(&fixtures().join(&case)), "t", as_of));
        assert_eq!(one, two, "{case}");
    }
}

#[test]
fn a_waiver_judged_later_counts_again() {
    // On 2027-02-01 the waiver of a/exch has expired too: its gap is open, it leaves, and
    // its 20 hours join the change.
    let loaded = load_ok(&fixtures().join("waived"));
    let c = costs_of(&loaded, "t", "2027-02-01".parse().unwrap());
    assert_eq!(c.one_off.change.get(), 60000.0);
    assert_eq!(c.target_state.staying.get(), 0.0);
    assert_eq!(c.target_state.leaving.get(), 105000.0);
    assert!(c.notes.is_empty(), "{:?}", c.notes);
}
