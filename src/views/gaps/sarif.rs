//! `samdrift gaps --format sarif`: SARIF 2.1.0, so code-scanning UIs annotate the YAML.
//!
//! One run; one reporting descriptor per rule of the target; one result per gap, located at
//! the first line of the asset's mapping (for `missing` gaps: the rule's line in the target
//! file). Severity maps to the SARIF level: critical and high are `error`, medium `warning`,
//! low `note`. A waived gap is a result with an accepted external suppression, so a
//! code-scanning UI shows it as dismissed rather than dropping it. Each result carries a
//! partial fingerprint built from the gap's identity (org, asset, rule, expectation), so an
//! alert follows its gap from commit to commit even when lines move.
//!
//! Written with serde_json values rather than a SARIF crate: the subset used is small, and
//! the tests validate the output against the OASIS SARIF 2.1.0 schema.

use super::amount;
use crate::gaps::{Analysis, Gap};
use crate::model::{Per, Rule, Severity, Target};
use serde_json::{Value, json};

/// Options of the SARIF view.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Prepended to every file path, so paths are relative to the repository root when the
    /// project root is a sub-folder of it (e.g. `infra/`, with the trailing slash).
    pub uri_prefix: String,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn expectations(r: &Rule) -> String {
    r.expect
        .iter()
        .map(|e| e.key())
        .collect::<Vec<_>>()
        .join(", ")
}

fn descriptor(t: &Target, r: &Rule) -> Value {
    let per = match r.per {
        Per::Asset => "asset",
        Per::Unit => "unit",
    };
    let full = format!(
        "{} Expects: {}. Action: {}. Effort: {} h per {per}, external cost {} {} per {per}.",
        r.title,
        expectations(r),
        r.action.as_str(),
        amount(r.effort_hours),
        amount(r.cost),
        t.currency
    );
    json!({
        "id": r.id,
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {
            "severity": r.severity.as_str(),
            "action": r.action.as_str(),
            "tags": ["samdrift", r.action.as_str(), r.severity.as_str()],
        },
    })
}

fn result(t: &Target, g: &Gap, opts: &Options) -> Value {
    let text = format!(
        "{}: {} ({} h, {} {})",
        g.subject(),
        g.message,
        amount(g.hours),
        amount(g.cost),
        t.currency
    );
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": format!("{}{}", opts.uri_prefix, g.file.as_deref().unwrap_or_default())},
            "region": {"startLine": g.line.unwrap_or(1).max(1)},
        },
    });
    location["logicalLocations"] = json!([{
        "fullyQualifiedName": g.subject(),
        "kind": if g.asset.is_some() { "asset" } else { "organisation" },
    }]);
    let mut r = json!({
        "ruleId": g.rule,
        "ruleIndex": g.rule_idx,
        "level": level(g.severity),
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {
            "samdriftGap/v1": format!("{}/{}/{}/{}", g.org, g.asset.as_deref().unwrap_or(""), g.rule, g.expect),
        },
        "properties": {
            "org": g.org,
            "asset": g.asset,
            "kind": g.kind.as_str(),
            "expect": g.expect,
            "severity": g.severity.as_str(),
            "action": g.action.as_str(),
            "component": g.component,
            "hours": g.hours,
            "cost": g.cost,
        },
    });
    if g.waived {
        let until = g
            .waiver_expires
            .map(|d| format!(" (waived until {d})"))
            .unwrap_or_default();
        r["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": format!("{}{until}", g.waiver.as_deref().unwrap_or_default()),
        }]);
    }
    r
}

/// Renders the SARIF log.
pub fn render(t: &Target, a: &Analysis, opts: &Options) -> String {
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "samdrift",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": t.rules.iter().map(|r| descriptor(t, r)).collect::<Vec<_>>(),
            }},
            "automationDetails": {"id": format!("samdrift/{}/", t.id)},
            "columnKind": "unicodeCodePoints",
            "results": a.gaps.iter().map(|g| result(t, g, opts)).collect::<Vec<_>>(),
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}
