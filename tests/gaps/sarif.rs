//! The SARIF output against the OASIS SARIF 2.1.0 schema (`tests/schemas/`, errata 01, as
//! published in the OASIS sarif-spec repository), and its locations against the YAML.

use super::{Place, analyse, as_of, cases, fixtures, load_case, place};
use samdrift::views::gaps::sarif;
use serde_json::Value;

fn sarif_of(case: &str, prefix: &str) -> Value {
    let loaded = load_case(case);
    let a = analyse(&loaded, as_of(case));
    let text = sarif::render(
        &loaded.project.targets[0],
        &a,
        &sarif::Options {
            uri_prefix: prefix.into(),
        },
    );
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_case_is_valid_sarif_2_1_0() {
    let schema: Value =
        serde_json::from_str(include_str!("../schemas/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    for case in cases() {
        let log = sarif_of(&case, "");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{case}:\n{}", errors.join("\n"));
    }
}

#[test]
fn the_schema_check_catches_a_broken_log() {
    let schema: Value =
        serde_json::from_str(include_str!("../schemas/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let mut log = sarif_of("waivers", "");
    assert!(validator.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&log));
}

/// Each result points at the field its rule judged: the value's line and column when the
/// field is written, else the start of the asset's mapping; a `missing` gap points at the
/// `min_per_org` expectation of its rule in the target.
#[test]
fn results_point_at_the_judged_field() {
    for case in cases() {
        let log = sarif_of(&case, "");
        let loaded = load_case(&case);
        let gaps: Value = serde_json::from_str(&samdrift::views::gaps::json(&analyse(
            &loaded,
            as_of(&case),
        )))
        .unwrap();
        let gaps = gaps["gaps"].as_array().unwrap();
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let results = run["results"].as_array().unwrap();
        assert!(!results.is_empty(), "{case} has gaps");
        assert_eq!(results.len(), gaps.len());
        for (r, g) in results.iter().zip(gaps) {
            let loc = &r["locations"][0]["physicalLocation"];
            let file = loc["artifactLocation"]["uri"].as_str().unwrap();
            let line = loc["region"]["startLine"].as_u64().unwrap() as usize;
            let column = loc["region"]["startColumn"].as_u64().unwrap() as usize;
            assert_eq!(g["finding"]["line"], line, "{case}: the gap JSON agrees");
            assert_eq!(
                g["finding"]["column"], column,
                "{case}: the gap JSON agrees"
            );
            let text = std::fs::read_to_string(fixtures().join(&case).join(file)).unwrap();
            let what = format!("{case}: {file}:{line}:{column}");
            match (
                place(&text, line, column),
                g["finding"]["field"].as_str(),
                r["properties"]["asset"].as_str(),
            ) {
                (Place::Value(k), _, None) => assert_eq!(k, "min_per_org", "{what}"),
                (Place::Value(k), Some(field), Some(_)) => assert_eq!(k, field, "{what}"),
                // Not written (or judged as a whole): the asset's mapping.
                (Place::Mapping(id), _, Some(asset)) => assert_eq!(id, asset, "{what}"),
                other => panic!("{what}: {other:?}"),
            }
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], r["ruleId"], "{case}: ruleIndex");
        }
    }
}

#[test]
fn waived_gaps_are_suppressed_results() {
    let log = sarif_of("waivers", "");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&str> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .map(|r| r["partialFingerprints"]["samdriftGap/v1"].as_str().unwrap())
        .collect();
    assert_eq!(
        suppressed,
        [
            "delta//min-backup/min_per_org",
            "delta/desktops/eos/end_of_support_after",
            "delta/laptops/eos/end_of_support_after"
        ]
    );
    assert_eq!(results.len(), 6, "waived gaps stay visible");
}

#[test]
fn paths_can_be_made_relative_to_the_repository() {
    let log = sarif_of("lifecycle", "infra/");
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap();
    assert_eq!(uri, "infra/inventory/alpha/platforms.yaml");
}
