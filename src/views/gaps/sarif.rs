//! `samdrift gaps --format sarif`: SARIF 2.1.0, so code-scanning UIs annotate the YAML.
//!
//! One run; one reporting descriptor per rule of the target; one result per gap, located at
//! the line and column of the field the rule judged (where it is not written: the asset's
//! mapping; for `missing` gaps: the `min_per_org` expectation in the target file), with the
//! finding's words as its message. Severity maps to the SARIF level: critical and high are
//! `error`, medium `warning`, low `note`. A waived gap is a result with an accepted external suppression, so a
//! code-scanning UI shows it as dismissed rather than dropping it.
//!
//! Written for GitHub code scanning as well as the SARIF standard: every rule has `help`
//! (what it checks, how to close or waive a gap); each result's
//! `partialFingerprints.primaryLocationLineHash` (the one key GitHub reads) is a hash of the
//! gap's identity (org, asset, rule, expectation), so an alert follows its gap from commit
//! to commit even when lines move (`samdriftGap/v1` holds the identity as text); artifact
//! URIs are percent-encoded relative references (a space, `#`, `%` or `å` in a path); and
//! `automationDetails` is written only when a category is asked for, since a category in
//! the file overrides the one given to GitHub's upload step.
//!
//! Written with its own serde structs rather than a SARIF crate (`serde-sarif` generates its
//! types from the schema at build time, a heavy build for the dozen objects used here); the
//! tests validate the output against the OASIS SARIF 2.1.0 schema.

use super::amount;
use crate::gaps::{Analysis, Gap};
use crate::model::{Date, DateOrHorizon, Expectation, Num, Per, Rule, Severity, Target};
use serde::Serialize;
use std::fmt::Write as _;

/// Options of the SARIF view.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Prepended to every file path, so paths are relative to the repository root when the
    /// project root is a sub-folder of it (e.g. `infra/`, with the trailing slash).
    pub uri_prefix: String,
    /// `runs[0].automationDetails.id`, the code-scanning category; `None` writes none, so
    /// that the upload step's category applies.
    pub category: Option<String>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    automation_details: Option<Id>,
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
    help: Help,
    default_configuration: Configuration,
    properties: DescriptorProperties<'a>,
}

/// A rule's help: plain text (GitHub requires it) and the same as Markdown.
#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
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
#[serde(rename_all = "camelCase")]
struct Fingerprints {
    /// The key GitHub code scanning reads: `<16 hex digits>:1`, a hash of the gap identity.
    primary_location_line_hash: String,
    /// The gap identity as text (`org/asset/rule/expectation`).
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
    let (text, markdown) = help(t, r);
    Descriptor {
        id: &r.id,
        short_description: Text {
            text: r.title.clone(),
        },
        full_description: Text { text: full },
        help: Help { text, markdown },
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

/// A list written for a sentence: `a`, `a or b`, `a, b or c`, each in backticks.
fn either(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// When an expectation gives a gap, and what closes it, in the words of the format
/// reference (docs/format.md, "Expectations").
fn expectation_help(t: &Target, e: &Expectation) -> (String, String) {
    match e {
        Expectation::MovedTo(c) => (
            format!("it does not say `realizes: {c}`"),
            format!("move it onto the shared component `{c}` and set `realizes: {c}` on the asset"),
        ),
        Expectation::ProductIn(list) => (
            format!("its `product` is missing or not {}", either(list)),
            format!("replace it with {} and update `product`", either(list)),
        ),
        Expectation::EndOfSupportAfter(d) => {
            let date = match d {
                DateOrHorizon::Horizon => format!("{} (the target's horizon)", t.horizon),
                DateOrHorizon::Date(d) => d.to_string(),
            };
            (
                format!("its `end_of_support` is on or before {date}"),
                format!(
                    "upgrade or replace it so that support lasts past {date}, and update `end_of_support`"
                ),
            )
        }
        Expectation::SlaAtLeast(l) => (
            format!("its `sla` is missing or ranks below `{l}` in `sla_levels`"),
            format!("agree a service level of at least `{l}` and write it as `sla`"),
        ),
        Expectation::SecurityLevelAtLeast(n) => (
            format!("its `security_level` is missing or below {n}"),
            format!(
                "raise the information security level to {n} or more and write it as `security_level`"
            ),
        ),
        Expectation::ServiceWindowIn(list) => (
            format!("its `service_window` is missing or not {}", either(list)),
            format!(
                "move its maintenance to {} and write it as `service_window`",
                either(list)
            ),
        ),
        Expectation::OperatorIn(list) => (
            format!("its `operator` is missing or not {}", either(list)),
            format!("let {} run it and write that as `operator`", either(list)),
        ),
        Expectation::SitesAtLeast(n) => (
            format!(
                "fewer than {n} distinct sites are reachable from it through `site` and `depends_on`"
            ),
            format!(
                "make it depend on {n} or more sites (a second site, a standby in another room)"
            ),
        ),
        Expectation::MaxPerOrg(n) => (
            format!(
                "its organisation has more than {n} selected assets (those with `realizes` are kept first, then by id)"
            ),
            format!("consolidate onto {n} per organisation and remove or re-scope the others"),
        ),
        Expectation::MinPerOrg(n) => (
            format!("its organisation has fewer than {n} selected assets"),
            format!("add assets until the organisation has {n}"),
        ),
    }
}

/// The help of a rule: what it selects, when an asset has a gap, what closes it, and how to
/// accept a deviation (a waiver), as plain text and as Markdown.
fn help(t: &Target, r: &Rule) -> (String, String) {
    let mut select = Vec::new();
    if let Some(l) = r.select.layer {
        select.push(format!("layer `{}`", l.as_str()));
    }
    if let Some(k) = &r.select.kind {
        select.push(format!("kind {}", either(k)));
    }
    if let Some(o) = &r.select.org {
        select.push(format!("organisation {}", either(o)));
    }
    if !r.select.tags.is_empty() {
        let tags: Vec<String> = r.select.tags.iter().map(|t| format!("`{t}`")).collect();
        select.push(format!("tags {}", tags.join(" and ")));
    }
    if let Some(p) = &r.select.product {
        select.push(format!("product {}", either(p)));
    }
    let selected = match select.is_empty() {
        true => "every asset of the organisations in scope".to_string(),
        false => format!("assets with {}", select.join(", ")),
    };
    let per = match r.per {
        Per::Asset => "asset",
        Per::Unit => "unit",
    };
    let mut md = format!(
        "**{}** (target `{}`, severity {}, action {})\n\nSelects {selected}.\n\n",
        r.title.trim_end_matches('.'),
        t.id,
        r.severity.as_str(),
        r.action.as_str()
    );
    for e in &r.expect {
        let (when, fix) = expectation_help(t, &e.value);
        let _ = writeln!(md, "- A gap when {when}. To close it: {fix}.");
    }
    let _ = write!(
        md,
        "\nEach gap is planned as {} h of work per {per} and {} {} of external cost per {per}. \
         To accept a deviation for now, add a waiver to the target `{}`:\n\n\
         ```yaml\nwaivers:\n  - rule: {}\n    org: <organisation>\n    asset: <asset id>    # optional\n    reason: <why>\n    expires: <YYYY-MM-DD>\n```\n",
        amount(r.effort_hours),
        amount(r.cost),
        t.currency,
        t.id,
        r.id
    );
    let text = md
        .replace("**", "")
        .replace("```yaml\n", "")
        .replace("```\n", "")
        .replace('`', "");
    (text, md)
}

/// FNV-1a, 64 bits: a stable hash (the same on every platform and release), for
/// fingerprints. Not for security.
fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A path as a relative URI reference (RFC 3986): each `/`-separated segment
/// percent-encoded except for the unreserved characters and the sub-delimiters that are safe
/// in a path, so a space, `#`, `?`, `%` or `å` cannot end the path or break `uri-reference`.
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b'@' => {
                out.push(b as char)
            }
            // Everything else, `:` included (in the first segment it would read as a URI
            // scheme), and each byte of a non-ASCII character.
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
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
                    uri: uri_path(&format!(
                        "{}{}",
                        opts.uri_prefix,
                        g.file.as_deref().unwrap_or_default()
                    )),
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
        partial_fingerprints: {
            let gap = format!(
                "{}/{}/{}/{}",
                g.org,
                g.asset.as_deref().unwrap_or(""),
                g.rule,
                g.expect
            );
            Fingerprints {
                primary_location_line_hash: format!("{:016x}:1", fnv1a(&gap)),
                gap,
            }
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
            automation_details: opts.category.as_ref().map(|c| Id { id: c.clone() }),
            column_kind: "unicodeCodePoints",
            results: a.gaps.iter().map(|g| result(t, g, opts)).collect(),
        }],
    };
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}
