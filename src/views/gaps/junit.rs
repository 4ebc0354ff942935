//! `samdrift gaps --format junit`: JUnit XML for CI test dashboards.
//!
//! One test suite per analysed organisation, one test case per rule that applies to it (its
//! selector allows the organisation). A case fails when it has open gaps (the failure's
//! type is the rule's severity, its text lists the gaps); it is skipped when all its gaps
//! are waived (an accepted deviation, not a pass); otherwise it passes. No timestamps or
//! ids, so the XML is byte-identical run to run.
//!
//! The XML is the dialect of Jenkins' `junit-10.xsd`, which GitLab, Azure DevOps and most
//! dashboards read: counts of skipped cases on each `<testsuite>`, never on `<testsuites>`
//! (the schema does not allow it there). The tests validate the output against that schema.
//! Written with quick-xml, which does the escaping.

use super::{amount, count};
use crate::gaps::{Analysis, Gap};
use crate::model::{OrgIdx, Project, Target};
use crate::views::xml_safe;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::collections::HashMap;
use std::fmt::Write as _;

fn describe(t: &Target, gaps: &[&Gap]) -> String {
    let mut out = String::new();
    for g in gaps {
        let at = match (&g.file, g.line) {
            (Some(f), Some(l)) => format!(" [{f}:{l}]"),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{}: {} ({} h, {} {}){at}",
            g.subject(),
            g.message(),
            amount(g.hours),
            amount(g.cost),
            t.currency
        );
    }
    out
}

/// How one test case ended.
enum Status {
    Passed,
    /// `<failure>` or `<skipped>` with a message, a type and a text.
    Other {
        element: &'static str,
        message: String,
        kind: String,
        text: String,
    },
}

struct Case {
    name: String,
    classname: String,
    status: Status,
}

struct Suite {
    name: String,
    cases: Vec<Case>,
}

impl Suite {
    fn count(&self, element: &str) -> usize {
        self.cases
            .iter()
            .filter(|c| matches!(&c.status, Status::Other { element: e, .. } if *e == element))
            .count()
    }
}

fn write(name: &str, suites: &[Suite]) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 4);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
    let failures: usize = suites.iter().map(|s| s.count("failure")).sum();
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", xml_safe(name).as_ref()));
    root.push_attribute(("tests", tests.to_string().as_str()));
    root.push_attribute(("failures", failures.to_string().as_str()));
    root.push_attribute(("errors", "0"));
    w.write_event(Event::Start(root))?;
    for s in suites {
        let mut suite = BytesStart::new("testsuite");
        suite.push_attribute(("name", xml_safe(&s.name).as_ref()));
        suite.push_attribute(("tests", s.cases.len().to_string().as_str()));
        suite.push_attribute(("skipped", s.count("skipped").to_string().as_str()));
        suite.push_attribute(("errors", "0"));
        suite.push_attribute(("failures", s.count("failure").to_string().as_str()));
        w.write_event(Event::Start(suite))?;
        for c in &s.cases {
            let mut case = BytesStart::new("testcase");
            case.push_attribute(("name", xml_safe(&c.name).as_ref()));
            case.push_attribute(("classname", xml_safe(&c.classname).as_ref()));
            match &c.status {
                Status::Passed => w.write_event(Event::Empty(case))?,
                Status::Other {
                    element,
                    message,
                    kind,
                    text,
                } => {
                    w.write_event(Event::Start(case))?;
                    w.create_element(*element)
                        .with_attributes([
                            ("message", xml_safe(message).as_ref()),
                            ("type", xml_safe(kind).as_ref()),
                        ])
                        .write_text_content(BytesText::new(&xml_safe(text)))?;
                    w.write_event(Event::End(BytesEnd::new("testcase")))?;
                }
            }
        }
        w.write_event(Event::End(BytesEnd::new("testsuite")))?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuites")))?;
    Ok(w.into_inner())
}

/// Renders the report.
pub fn render(p: &Project, t: &Target, a: &Analysis) -> String {
    let mut by_case: HashMap<(OrgIdx, usize), Vec<&Gap>> = HashMap::new();
    for g in &a.gaps {
        by_case.entry((g.org_idx, g.rule_idx)).or_default().push(g);
    }
    let mut suites = Vec::new();
    for &o in &a.orgs {
        let org = p.org(o);
        let mut cases = Vec::new();
        for (ri, rule) in t.rules.iter().enumerate() {
            if !rule.select.allows_org(&org.id) {
                continue;
            }
            let gaps = by_case.remove(&(o, ri)).unwrap_or_default();
            let open: Vec<&Gap> = gaps.iter().copied().filter(|g| !g.waived).collect();
            let waived: Vec<&Gap> = gaps.iter().copied().filter(|g| g.waived).collect();
            let status = if !open.is_empty() {
                let hours: f64 = open.iter().map(|g| g.hours.get()).sum();
                Status::Other {
                    element: "failure",
                    message: format!(
                        "{}: {}, {} h",
                        rule.title,
                        count(open.len(), "gap"),
                        amount(crate::gaps::tidy(hours))
                    ),
                    kind: rule.severity.as_str().to_string(),
                    text: describe(t, &open),
                }
            } else if !waived.is_empty() {
                Status::Other {
                    element: "skipped",
                    message: format!("{} waived", count(waived.len(), "gap")),
                    kind: "waived".to_string(),
                    text: describe(t, &waived),
                }
            } else {
                Status::Passed
            };
            cases.push(Case {
                name: rule.id.clone(),
                classname: format!("{}.{}", t.id, org.id),
                status,
            });
        }
        suites.push(Suite {
            name: org.id.clone(),
            cases,
        });
    }
    // Writing to a Vec cannot fail.
    let bytes = write(&format!("samdrift gaps {}", t.id), &suites).unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default() + "\n"
}
