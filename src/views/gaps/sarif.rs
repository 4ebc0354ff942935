//! `samdrift gaps --format sarif`: SARIF 2.1.0, so code-scanning UIs annotate the YAML.
//!
//! One run; one reporting descriptor per rule of the target; one result per gap, located at
//! the line and column of the field the rule judged (where it is not written: the asset's
//! mapping; for `missing` gaps: the `min_per_org` expectation in the target file), with the
//! finding's words as its message. Severity maps to the SARIF level: critical and high are `error`, medium `warning`,
//! low `note`. A waived gap is a result with an accepted external suppression, so a
//! code-scanning UI shows it as dismissed rather than dropping it. Each result carries a
//! partial fingerprint built from the gap's identity (org, asset, rule, expectation), so an
//! alert follows its gap from commit to commit even when lines move.
//!
//! Written with its own serde structs rather than a SARIF crate (`serde-sarif` generates its
//! types from the schema at build time, a heavy build for the dozen objects used here); the
//! tests validate the output against the OASIS SARIF 2.1.0 schema.

use super::amount;
use crate::gaps::{Analysis, Gap};
use crate::model::{Date, Num, Per, Rule, Severity, Target};
use serde::Serialize;

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

// The SARIF 2.1.0 objects samdrift writes, in the spec's names (camelCase), written
// straight from the analysis without an intermediate JSON tree.

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    automation_details: Id,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
struct Id {
    id: String,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
    properties: DescriptorProperties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct DescriptorProperties<'a> {
    severity: &'static str,
    action: &'static str,
    tags: [&'a str; 3],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    partial_fingerprints: Fingerprints,
    properties: ResultProperties<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression; 1]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    logical_locations: [LogicalLocation<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    fully_qualified_name: String,
    kind: &'a str,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "samdriftGap/v1")]
    gap: String,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    org: &'a str,
    asset: Option<&'a str>,
    kind: &'static str,
    expect: &'static str,
    severity: &'static str,
    action: &'static str,
    component: Option<&'a str>,
    hours: Num,
    cost: Num,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

fn descriptor<'a>(t: &Target, r: &'a Rule) -> Descriptor<'a> {
    let per = match r.per {
        Per::Asset => "asset",
        Per::Unit => "unit",
    };
    let expects: Vec<&str> = r.expect.iter().map(|e| e.key()).collect();
    let full = format!(
        "{}. Expects: {}. Action: {}. Effort: {} h per {per}, external cost {} {} per {per}.",
        r.title.trim_end_matches('.'),
        expects.join(", "),
        r.action.as_str(),
        amount(r.effort_hours),
        amount(r.cost),
        t.currency
    );
    Descriptor {
        id: &r.id,
        short_description: Text {
            text: r.title.clone(),
        },
        full_description: Text { text: full },
        default_configuration: Configuration {
            level: level(r.severity),
        },
        properties: DescriptorProperties {
            severity: r.severity.as_str(),
            action: r.action.as_str(),
            tags: ["samdrift", r.action.as_str(), r.severity.as_str()],
        },
    }
}

fn justification(reason: &str, until: Option<Date>) -> String {
    match until {
        Some(d) => format!("{reason} (waived until {d})"),
        None => reason.to_string(),
    }
}

fn result<'a>(t: &Target, g: &'a Gap, opts: &Options) -> SarifResult<'a> {
    let text = format!(
        "{}: {} ({} h, {} {})",
        g.subject(),
        g.finding.message(),
        amount(g.hours),
        amount(g.cost),
        t.currency
    );
    SarifResult {
        rule_id: &g.rule,
        rule_index: g.rule_idx,
        level: level(g.severity),
        message: Text { text },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: format!(
                        "{}{}",
                        opts.uri_prefix,
                        g.file.as_deref().unwrap_or_default()
                    ),
                },
                region: Region {
                    start_line: g.finding.pos().line.max(1),
                    start_column: g.finding.pos().col.max(1),
                },
            },
            logical_locations: [LogicalLocation {
                fully_qualified_name: g.subject(),
                kind: if g.asset.is_some() {
                    "asset"
                } else {
                    "organisation"
                },
            }],
        }],
        partial_fingerprints: Fingerprints {
            gap: format!(
                "{}/{}/{}/{}",
                g.org,
                g.asset.as_deref().unwrap_or(""),
                g.rule,
                g.expect
            ),
        },
        properties: ResultProperties {
            org: &g.org,
            asset: g.asset.as_deref(),
            kind: g.kind.as_str(),
            expect: g.expect,
            severity: g.severity.as_str(),
            action: g.action.as_str(),
            component: g.component.as_deref(),
            hours: g.hours,
            cost: g.cost,
        },
        suppressions: g.waived.then(|| {
            [Suppression {
                kind: "external",
                status: "accepted",
                justification: justification(
                    g.waiver.as_deref().unwrap_or_default(),
                    g.waiver_expires,
                ),
            }]
        }),
    }
}

/// Renders the SARIF log.
pub fn render(t: &Target, a: &Analysis, opts: &Options) -> String {
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "samdrift",
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: t.rules.iter().map(|r| descriptor(t, r)).collect(),
                },
            },
            automation_details: Id {
                id: format!("samdrift/{}/", t.id),
            },
            column_kind: "unicodeCodePoints",
            results: a.gaps.iter().map(|g| result(t, g, opts)).collect(),
        }],
    };
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}
