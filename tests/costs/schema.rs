//! The shipped example files validate against `samdrift schema` (the JSON Schema editors
//! use), read by the jsonschema crate: the v1.2 fields (`it_staff` as a number, `staffing`,
//! `hours_per_fte`, `assessment`) are in it, and a wrong one is caught by it too.

use super::root;
use samdrift::yaml::{self, Node, Value as Y};
use serde_json::{Map, Number, Value};

/// A YAML 1.2 core-schema reading of a node, as editors' YAML servers type it.
fn to_json(n: &Node) -> Value {
    match &n.value {
        Y::Scalar(s) if !s.plain => Value::String(s.text.to_string()),
        Y::Scalar(s) => {
            let t = s.text.as_ref();
            if yaml::is_null(t) {
                Value::Null
            } else if t == "true" || t == "false" {
                Value::Bool(t == "true")
            } else if let Ok(i) = t.parse::<i64>() {
                Value::Number(i.into())
            } else if let Some(f) = t.parse::<f64>().ok().and_then(Number::from_f64) {
                Value::Number(f)
            } else {
                Value::String(t.to_string())
            }
        }
        Y::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Y::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    let key = k
                        .as_scalar()
                        .map(|s| s.text.to_string())
                        .unwrap_or_default();
                    (key, to_json(v))
                })
                .collect::<Map<_, _>>(),
        ),
    }
}

fn json_of(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let node = yaml::parse(&text).unwrap().unwrap();
    to_json(&node)
}

fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
}

#[test]
fn the_example_files_validate_against_the_schema() {
    let inventory = jsonschema::draft7::new(&samdrift::schema::inventory()).unwrap();
    let target = jsonschema::draft7::new(&samdrift::schema::target()).unwrap();
    let mut files = Vec::new();
    yaml_files(&root().join("inventory"), &mut files);
    let inventories = files.len();
    yaml_files(&root().join("targets"), &mut files);
    assert!(inventories > 10 && files.len() >= inventories + 4);
    let mut problems = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let v = json_of(f);
        let validator = if i < inventories { &inventory } else { &target };
        for e in validator.iter_errors(&v) {
            problems.push(format!("{}: {} at {}", f.display(), e, e.instance_path()));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_schema_catches_wrong_v12_fields() {
    let target = jsonschema::draft7::new(&samdrift::schema::target()).unwrap();
    let ok = serde_json::json!({
        "target": {"name": "T", "horizon": "2027-12-31",
                   "staffing": {"fte_cost": 720000, "shared_fte": 38}, "hours_per_fte": 1700},
        "assessment": [{"criterion": "potential", "title": "P", "score": 3, "weight": 1, "reason": "r"}]
    });
    assert!(target.is_valid(&ok));
    for bad in [
        serde_json::json!({"target": {"name": "T", "horizon": "2027-12-31", "staffing": {"shared_fte": 3}}}),
        serde_json::json!({"target": {"name": "T", "horizon": "2027-12-31", "hours_per_fte": 0}}),
        serde_json::json!({"target": {"name": "T", "horizon": "2027-12-31"},
                           "assessment": [{"criterion": "p", "score": 5}]}),
        serde_json::json!({"target": {"name": "T", "horizon": "2027-12-31"},
                           "assessment": [{"criterion": "p", "score": 2, "wieght": 1}]}),
    ] {
        assert!(!target.is_valid(&bad), "{bad}");
    }
    let inventory = jsonschema::draft7::new(&samdrift::schema::inventory()).unwrap();
    assert!(
        inventory.is_valid(&serde_json::json!({"organisation": {"name": "A", "it_staff": 4.5}}))
    );
    assert!(
        !inventory.is_valid(&serde_json::json!({"organisation": {"name": "A", "it_staff": -1}}))
    );
}
