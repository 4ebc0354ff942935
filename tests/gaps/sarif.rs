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
            category: None,
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

/// Rules as GitHub code scanning needs them (its rule GH2012: `help` on every rule).
#[test]
fn every_rule_has_help() {
    for case in cases() {
        let log = sarif_of(&case, "");
        for rule in log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
        {
            let text = rule["help"]["text"].as_str().unwrap_or_default();
            let id = rule["id"].as_str().unwrap();
            assert!(
                text.contains(id) && text.contains("A gap when"),
                "{case}/{id}: {text}"
            );
            assert!(rule["help"]["markdown"].as_str().is_some(), "{case}/{id}");
        }
    }
}

/// `primaryLocationLineHash` is what GitHub matches alerts by: one per gap, and the same
/// when the lines of the file move.
#[test]
fn fingerprints_follow_the_gap_not_the_line() {
    let fingerprints = |log: &Value| -> Vec<(String, u64)> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let h = r["partialFingerprints"]["primaryLocationLineHash"]
                    .as_str()
                    .unwrap()
                    .to_string();
                let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap();
                (h, line)
            })
            .collect()
    };
    let before = fingerprints(&sarif_of("lifecycle", ""));
    let mut hashes: Vec<&str> = before.iter().map(|(h, _)| h.as_str()).collect();
    for h in &hashes {
        let (hex, n) = h.split_once(':').unwrap();
        assert!(hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()) && n == "1");
    }
    hashes.sort();
    hashes.dedup();
    assert_eq!(hashes.len(), before.len(), "one fingerprint per gap");

    // The same project with three comment lines on top of every inventory file.
    let dir = tempfile::tempdir().unwrap();
    copy(&fixtures().join("lifecycle"), dir.path());
    for org in std::fs::read_dir(dir.path().join("inventory")).unwrap() {
        for f in std::fs::read_dir(org.unwrap().path()).unwrap() {
            let f = f.unwrap().path();
            let text = std::fs::read_to_string(&f).unwrap();
            std::fs::write(&f, format!("# a\n# b\n# c\n{text}")).unwrap();
        }
    }
    let loaded = samdrift::load::load(dir.path());
    let a = analyse(&loaded, as_of("lifecycle"));
    let text = sarif::render(&loaded.project.targets[0], &a, &sarif::Options::default());
    let after = fingerprints(&serde_json::from_str(&text).unwrap());
    assert_eq!(before.len(), after.len());
    for ((h1, l1), (h2, l2)) in before.iter().zip(&after) {
        assert_eq!(h1, h2);
        assert_eq!(l1 + 3, *l2, "the lines did move");
    }
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// A file named with a space, `#` and åäö is a valid `uri-reference` that names that file.
#[test]
fn artifact_uris_are_percent_encoded() {
    assert_eq!(
        sarif::uri_path("infra/inventory/alpha/Infra struktur #1 åäö.yaml"),
        "infra/inventory/alpha/Infra%20struktur%20%231%20%C3%A5%C3%A4%C3%B6.yaml"
    );
    assert_eq!(sarif::uri_path("a/100%?x:y"), "a/100%25%3Fx%3Ay");
    let dir = tempfile::tempdir().unwrap();
    copy(&fixtures().join("lifecycle"), dir.path());
    let org = dir.path().join("inventory/alpha");
    std::fs::rename(
        org.join("clients.yaml"),
        org.join("Infra struktur #1 åäö.yaml"),
    )
    .unwrap();
    let loaded = samdrift::load::load(dir.path());
    let a = analyse(&loaded, as_of("lifecycle"));
    let opts = sarif::Options {
        uri_prefix: "drift & nät/".into(),
        category: None,
    };
    let log: Value =
        serde_json::from_str(&sarif::render(&loaded.project.targets[0], &a, &opts)).unwrap();
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(
            &"drift%20&%20n%C3%A4t/inventory/alpha/Infra%20struktur%20%231%20%C3%A5%C3%A4%C3%B6.yaml"
        ),
        "{uris:?}"
    );
    let schema: Value =
        serde_json::from_str(include_str!("../schemas/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    assert!(validator.is_valid(&log));
    // RFC 3986, strictly (the schema's format check is lenient): a path of unreserved
    // characters, sub-delimiters, `/`, `@`, `:` and `%XX`; decoded, the file's path.
    for uri in &uris {
        let b = uri.as_bytes();
        let mut i = 0;
        let mut decoded = Vec::new();
        while i < b.len() {
            if b[i] == b'%' {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
                decoded.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
                continue;
            }
            assert!(
                b[i].is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b[i]),
                "{uri}: `{}`",
                b[i] as char
            );
            decoded.push(b[i]);
            i += 1;
        }
        let path = String::from_utf8(decoded).unwrap();
        let path = path.strip_prefix("drift & nät/").unwrap();
        assert!(dir.path().join(path).is_file(), "{path}");
    }
}

/// A category in the file overrides the one of GitHub's upload step, so none is written
/// unless asked for.
#[test]
fn a_category_only_when_asked_for() {
    let log = sarif_of("lifecycle", "");
    assert!(log["runs"][0].get("automationDetails").is_none());
    let loaded = load_case("lifecycle");
    let a = analyse(&loaded, as_of("lifecycle"));
    let opts = sarif::Options {
        uri_prefix: String::new(),
        category: Some("samdrift/lifecycle".into()),
    };
    let log: Value =
        serde_json::from_str(&sarif::render(&loaded.project.targets[0], &a, &opts)).unwrap();
    assert_eq!(
        log["runs"][0]["automationDetails"]["id"],
        "samdrift/lifecycle"
    );
}

/// Microsoft's SARIF Multitool with GitHub's rules (`validate --rule-kind "Gh;Sarif"`), the
/// check GitHub documents for uploads. CI installs it from npm (`@microsoft/sarif-multitool`)
/// and sets `SAMDRIFT_SARIF_MULTITOOL` to its binary; without it the test prints a notice,
/// unless `SAMDRIFT_REQUIRE_EXTERNAL` is set.
#[test]
fn github_rules_of_the_sarif_multitool() {
    let Some(tool) = std::env::var_os("SAMDRIFT_SARIF_MULTITOOL") else {
        assert!(
            std::env::var_os("SAMDRIFT_REQUIRE_EXTERNAL").is_none(),
            "SAMDRIFT_REQUIRE_EXTERNAL is set but SAMDRIFT_SARIF_MULTITOOL is not"
        );
        eprintln!("notice: SAMDRIFT_SARIF_MULTITOOL is not set; the SARIF Multitool was not run");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for case in cases() {
        let log = sarif_of(&case, "");
        let file = dir.path().join(format!("{case}.sarif"));
        std::fs::write(&file, serde_json::to_string_pretty(&log).unwrap()).unwrap();
        let out = std::process::Command::new(&tool)
            .current_dir(dir.path())
            .args(["validate", "--rule-kind", "Gh;Sarif", "--output"])
            .arg(format!("{case}.validation.sarif"))
            .arg(format!("{case}.sarif"))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{case}: {text}");
        assert!(text.contains("1 files scanned"), "{case}: {text}");
        let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error ")).collect();
        assert!(errors.is_empty(), "{case}:\n{}", errors.join("\n"));
    }
}

#[test]
fn the_category_flag() {
    let run = |format: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_samdrift"))
            .arg("--root")
            .arg(fixtures().join("lifecycle"))
            .args([
                "gaps",
                "--format",
                format,
                "--sarif-category",
                "infra/samdrift",
            ])
            .output()
            .unwrap()
    };
    let out = run("sarif");
    assert_eq!(out.status.code(), Some(0));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["runs"][0]["automationDetails"]["id"], "infra/samdrift");
    let out = run("json");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format sarif only"));
}
