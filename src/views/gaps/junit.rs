//! `samdrift gaps --format junit`: JUnit XML for CI test dashboards.
//!
//! One test suite per analysed organisation, one test case per rule that applies to it (its
//! selector allows the organisation). A case fails when it has open gaps (the failure's
//! type is the rule's severity, its text lists the gaps); it is skipped when all its gaps
//! are waived (an accepted deviation, not a pass); otherwise it passes. No timestamps or
//! ids, so the XML is byte-identical run to run.

use super::{amount, count};
use crate::gaps::{Analysis, Gap};
use crate::model::{OrgIdx, Project, Target};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
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

/// Renders the report.
pub fn render(p: &Project, t: &Target, a: &Analysis) -> String {
    let mut report = Report::new(format!("samdrift gaps {}", t.id));
    let mut by_case: HashMap<(OrgIdx, usize), Vec<&Gap>> = HashMap::new();
    for g in &a.gaps {
        by_case.entry((g.org_idx, g.rule_idx)).or_default().push(g);
    }
    for &o in &a.orgs {
        let org = p.org(o);
        let mut suite = TestSuite::new(org.id.as_str());
        for (ri, rule) in t.rules.iter().enumerate() {
            if !rule.select.allows_org(&org.id) {
                continue;
            }
            let gaps = by_case.remove(&(o, ri)).unwrap_or_default();
            let open: Vec<&Gap> = gaps.iter().copied().filter(|g| !g.waived).collect();
            let waived: Vec<&Gap> = gaps.iter().copied().filter(|g| g.waived).collect();
            let status = if !open.is_empty() {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                let hours: f64 = open.iter().map(|g| g.hours.get()).sum();
                s.set_message(format!(
                    "{}: {}, {} h",
                    rule.title,
                    count(open.len(), "gap"),
                    amount(crate::gaps::tidy(hours))
                ))
                .set_type(rule.severity.as_str())
                .set_description(describe(t, &open));
                s
            } else if !waived.is_empty() {
                let mut s = TestCaseStatus::skipped();
                s.set_message(format!("{} waived", count(waived.len(), "gap")))
                    .set_type("waived")
                    .set_description(describe(t, &waived));
                s
            } else {
                TestCaseStatus::success()
            };
            let mut case = TestCase::new(rule.id.as_str(), status);
            case.set_classname(format!("{}.{}", t.id, org.id));
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    report.to_string().unwrap_or_default()
}
