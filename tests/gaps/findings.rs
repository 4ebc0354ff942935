//! Every kind of finding through every view: the gap JSON, SARIF, Markdown, JUnit, the diff
//! views and the report's sentence in English and Swedish state the same facts, and point
//! at the same place. On the example data: every gap carries a finding, and SARIF regions
//! point at the judged field.
//!
//! `tests/fixtures/findings` fails every expectation in every way it can (one gap per code
//! of `src/codes.rs`' family `gap`, or more); its one load error (an SLA that is not one of
//! the target's levels) is what makes `sla-unknown`, so it is analysed in-process.

use samdrift::codes::{self, Family};
use samdrift::diag::Level;
use samdrift::gaps::{self, Analysis, Gap};
use samdrift::graph::Graph;
use samdrift::load::{self, Loaded};
use samdrift::model::Date;
use samdrift::report::i18n::{Lang, Locale};
use samdrift::report::{self, BuildOptions, Templates};
use samdrift::study::Study;
use samdrift::views::gaps::{self as view, diff, junit, markdown, sarif};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

use super::{Place, place};

fn root(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn as_of() -> Date {
    "2026-01-01".parse().unwrap()
}

fn fixture() -> Loaded {
    let loaded = load::load(&root("tests/fixtures/findings"));
    let errors: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .map(|d| d.code)
        .collect();
    assert!(
        errors.iter().all(|c| *c == "unknown-sla"),
        "the fixture has only its one known error: {:?}",
        loaded.diagnostics
    );
    loaded
}

/// A fact's value as the English CLI views write it.
fn plain(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().flat_map(plain).collect(),
        Value::String(s) => vec![s.clone()],
        other => vec![other.to_string()],
    }
}

/// The values of a finding that every view states, by code: all of the fact's values but
/// the lists that only the CLI message spells out (the sites reached, the assets kept),
/// whose count stands for them.
fn facts(finding: &Value) -> Vec<(&'static str, Value)> {
    let obj = finding.as_object().unwrap();
    let mut out = Vec::new();
    for (k, v) in obj {
        let k: &'static str = match k.as_str() {
            "code" | "field" | "line" | "column" | "kept" => continue,
            "sites" => {
                out.push(("n", Value::from(v.as_array().unwrap().len())));
                continue;
            }
            other => Box::leak(other.to_string().into_boxed_str()),
        };
        out.push((k, v.clone()));
    }
    out
}

fn html_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '`' => out.push_str("&#x60;"),
            '=' => out.push_str("&#x3D;"),
            c => out.push(c),
        }
    }
    out
}

fn locale(templates: &Templates, lang: Lang) -> Locale {
    Locale {
        lang,
        table: templates.table(lang),
        fallback: templates.table(Lang::En),
        currency: "SEK".into(),
    }
}

/// A value as the report writes it in a sentence: dates and numbers for the language,
/// components by name, lists joined.
fn worded(l: &Locale, code: &str, key: &str, v: &Value, t: &samdrift::model::Target) -> String {
    // Service levels, windows and operators are vocabulary: worded by the language's table.
    let vocab = match code {
        c if c.starts_with("sla-") => Some("sla"),
        c if c.starts_with("window-") => Some("window"),
        c if c.starts_with("operator-") => Some("operator"),
        _ => None,
    };
    match (key, v, vocab) {
        ("end_of_support" | "limit", Value::String(d), _) => l.date(d.parse().unwrap(), false),
        ("component", Value::String(c), _) => t.component(c).unwrap().name.clone(),
        (_, Value::Array(items), _) => {
            let items: Vec<Value> = items
                .iter()
                .map(|x| match vocab {
                    Some(kind) => serde_json::json!({"vocab": kind, "value": x}),
                    None => x.clone(),
                })
                .collect();
            l.alternatives(&items)
        }
        (_, Value::String(s), Some(kind)) => l.vocab(kind, s),
        (_, v, _) => worded_plain(l, v),
    }
}

fn worded_plain(l: &Locale, v: &Value) -> String {
    match v {
        Value::Number(n) => l.number(n.as_f64().unwrap(), 2),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn every_finding_kind_reads_the_same_in_every_view() {
    let loaded = fixture();
    let p = &loaded.project;
    let t = &p.targets[0];
    let g = Graph::build(p);
    let studies = Study::all(p, &g, as_of()).unwrap();
    let a = &studies[0].gaps;

    // Every code of a gap finding occurs.
    let seen: BTreeSet<&str> = a.gaps.iter().map(|g| g.finding.code()).collect();
    let all: BTreeSet<&str> = codes::ALL
        .iter()
        .filter(|c| c.family == Family::Gap)
        .map(|c| c.id)
        .collect();
    assert_eq!(seen, all, "the fixture makes every kind of finding");

    let json: Value = serde_json::from_str(&view::json(a)).unwrap();
    let sarif: Value =
        serde_json::from_str(&sarif::render(t, a, &sarif::Options::default())).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let md = markdown::render(p, t, a);
    let junit = junit::render(p, t, a);
    let nothing = Analysis {
        gaps: Vec::new(),
        summary: gaps::Summary::default(),
        ..a.clone()
    };
    let comparison = gaps::compare(&nothing, a);
    let sides = diff::Sides {
        from: "before".into(),
        from_commit: "0".repeat(40),
        to: None,
        to_commit: None,
    };
    let diff_json: Value = serde_json::from_str(&diff::json(&comparison, &sides)).unwrap();
    let diff_md = diff::markdown(&comparison, &sides, &t.currency, as_of());

    let templates = Templates::load(None).unwrap();
    let site = report::build(&studies, 0, &loaded.diagnostics, &BuildOptions::default());
    let org_pages = site.orgs.pages();
    let rows: Vec<&report::rows::GapRow> = org_pages.iter().flat_map(|o| &o.gaps).collect();
    assert_eq!(rows.len(), a.gaps.len());
    let pages: Vec<(Lang, String)> = [Lang::En, Lang::Sv]
        .into_iter()
        .map(|lang| {
            let hb = report::registry(&templates, lang, &t.currency).unwrap();
            let html = report::render::jobs(&site)
                .iter()
                .filter(|j| matches!(j, report::render::Job::Org(_)))
                .map(|j| report::render::render(&hb, &site, lang, j).unwrap().1)
                .collect();
            (lang, html)
        })
        .collect();

    for (i, gap) in a.gaps.iter().enumerate() {
        let j = &json["gaps"][i];
        let f = &j["finding"];
        let what = format!("{} {} ({})", gap.subject(), gap.rule, gap.finding.code());
        // The JSON: the finding's code, field, place and message.
        assert_eq!(f["code"], gap.finding.code(), "{what}");
        assert_eq!(j["message"], gap.message(), "{what}");
        let (line, column) = (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap());
        assert!(line > 0 && column > 0, "{what}");
        // SARIF: the same place and words.
        let r = &results[i];
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], line, "{what}");
        assert_eq!(region["startColumn"], column, "{what}");
        let sarif_text = r["message"]["text"].as_str().unwrap();
        let md_row = md
            .lines()
            .find(|l| {
                gap.asset
                    .as_ref()
                    .is_none_or(|x| l.contains(&format!("`{x}`")))
                    && l.contains(&format!("`{}`", gap.rule))
                    && l.contains(&markdown::cell(&gap.message()))
            })
            .unwrap_or_else(|| panic!("{what}: no Markdown row"));
        let diff_row = diff_md
            .lines()
            .find(|l| {
                l.contains(&format!("`{}`", gap.subject()))
                    && l.contains(&format!("`{}`", gap.rule))
                    && l.contains(&markdown::cell(&gap.message()))
            })
            .unwrap_or_else(|| panic!("{what}: no diff row"));
        assert_eq!(diff_json["added"][i]["finding"], *f, "{what}: diff JSON");
        // JUnit lists the open gaps of a failed case.
        let junit_line = format!("{}: {}", gap.subject(), gap.message());
        assert!(
            gap.waived || junit.contains(&xml_escape(&junit_line)),
            "{what}: JUnit"
        );
        for (key, v) in facts(f) {
            for text in plain(&v) {
                for (view, s) in [
                    ("SARIF", sarif_text),
                    ("Markdown", md_row),
                    ("diff", diff_row),
                    ("message", &gap.message()),
                ] {
                    assert!(s.contains(&text), "{what}: {view} `{s}` lacks {key} {text}");
                }
            }
        }
        // The report: the sentence of this gap's row, in both languages, states the same
        // values as the language writes them, and is what its organisation's page shows.
        // The organisation pages list gaps most severe first: find this gap's row.
        let row = *rows
            .iter()
            .find(|r| {
                r.org == gap.org
                    && r.asset == gap.asset
                    && r.rule == gap.rule
                    && r.code == gap.finding.code()
            })
            .unwrap_or_else(|| panic!("{what}: no row"));
        assert_eq!(row.code, gap.finding.code());
        for (lang, html) in &pages {
            let l = locale(&templates, *lang);
            let sentence = l.translate(&row.reason.key, &row.reason.args);
            assert!(!sentence.contains('{'), "{what}: {lang:?} `{sentence}`");
            assert_ne!(sentence, row.reason.key, "{what}: {lang:?} has a text");
            for (key, v) in facts(f) {
                // A count of none or one is in the words of its form ("en finns").
                let count = matches!(key, "n" | "selected");
                if count && v.as_u64().is_some_and(|n| n <= 1) {
                    continue;
                }
                let text = worded(&l, gap.finding.code(), key, &v, t);
                assert!(
                    sentence.contains(&text),
                    "{what}: {lang:?} `{sentence}` lacks {key} {text}"
                );
            }
            assert!(
                html.contains(&html_escape(&sentence)),
                "{what}: {lang:?} page"
            );
        }
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The example data: every gap of every target has a finding whose place is its field's
/// value (or the asset's mapping, or the `min_per_org` expectation), and SARIF points there.
#[test]
fn example_data_findings_point_at_the_judged_field() {
    let loaded = load::load(&root(""));
    assert!(!loaded.has_errors(), "the example data is valid");
    let p = &loaded.project;
    let g = Graph::build(p);
    assert!(p.targets.len() >= 3);
    let mut checked = 0;
    for t in &p.targets {
        let a = gaps::analyse(p, &g, t, as_of());
        let json: Value = serde_json::from_str(&view::json(&a)).unwrap();
        let sarif: Value =
            serde_json::from_str(&sarif::render(t, &a, &sarif::Options::default())).unwrap();
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        let gaps = json["gaps"].as_array().unwrap();
        assert!(!gaps.is_empty());
        assert_eq!(results.len(), gaps.len());
        for ((j, r), gap) in gaps.iter().zip(results).zip(&a.gaps) {
            let f = j
                .get("finding")
                .unwrap_or_else(|| panic!("no finding: {j}"));
            assert_eq!(f["code"], gap.finding.code());
            let loc = &r["locations"][0]["physicalLocation"];
            let file = loc["artifactLocation"]["uri"].as_str().unwrap();
            assert_eq!(Some(file), j["file"].as_str());
            let line = loc["region"]["startLine"].as_u64().unwrap() as usize;
            let column = loc["region"]["startColumn"].as_u64().unwrap() as usize;
            assert_eq!(
                (f["line"].as_u64(), f["column"].as_u64()),
                (Some(line as u64), Some(column as u64))
            );
            let text = std::fs::read_to_string(root(file)).unwrap();
            let what = format!("{}: {file}:{line}:{column}", gap_name(gap));
            match (place(&text, line, column), gap.finding.field, &gap.asset) {
                (Place::Value(k), _, None) => assert_eq!(k, "min_per_org", "{what}"),
                (Place::Value(k), Some(field), Some(_)) => assert_eq!(k, field, "{what}"),
                (Place::Mapping(id), field, Some(asset)) => {
                    assert_eq!(&id, asset, "{what}");
                    // Only a field that is not written (or none) puts it at the mapping.
                    assert!(
                        field.is_none()
                            || gap.finding.code().ends_with("-missing")
                            || gap.finding.code() == "not-moved"
                            || gap.finding.code() == "too-few-sites",
                        "{what}"
                    );
                }
                other => panic!("{what}: {other:?}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked} gaps checked");
}

fn gap_name(g: &Gap) -> String {
    format!("{} {} ({})", g.subject(), g.rule, g.finding.code())
}
