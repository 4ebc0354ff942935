//! Gap analysis: the estate judged against one target architecture (FORMAT.md §3.1, §4).
//!
//! A gap is one (organisation, asset or none, rule, expectation) that fails. This module
//! computes the gap list, applies waivers and adds up the work; it does not plan (see
//! `waves`) or format (see `views`). Output order is fixed by §4 so that every view is
//! byte-identical run to run.

use crate::diag::Diagnostic;
use crate::graph::Graph;
use crate::model::{
    Action, AssetIdx, Date, DateOrHorizon, Expectation, Layer, Num, OrgIdx, Per, Project, Rule,
    Severity, Target,
};
use serde::Serialize;
use std::collections::HashSet;

/// What kind of change a gap asks for (FORMAT.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GapKind {
    Migrate,
    Divergent,
    EndOfSupport,
    Noncompliant,
    Redundancy,
    Duplicate,
    Missing,
}

impl GapKind {
    pub const ALL: [GapKind; 7] = [
        GapKind::Migrate,
        GapKind::Divergent,
        GapKind::EndOfSupport,
        GapKind::Noncompliant,
        GapKind::Redundancy,
        GapKind::Duplicate,
        GapKind::Missing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GapKind::Migrate => "migrate",
            GapKind::Divergent => "divergent",
            GapKind::EndOfSupport => "end-of-support",
            GapKind::Noncompliant => "noncompliant",
            GapKind::Redundancy => "redundancy",
            GapKind::Duplicate => "duplicate",
            GapKind::Missing => "missing",
        }
    }

    fn of(e: &Expectation) -> GapKind {
        match e {
            Expectation::MovedTo(_) => GapKind::Migrate,
            Expectation::ProductIn(_) => GapKind::Divergent,
            Expectation::EndOfSupportAfter(_) => GapKind::EndOfSupport,
            Expectation::SlaAtLeast(_)
            | Expectation::SecurityLevelAtLeast(_)
            | Expectation::ServiceWindowIn(_)
            | Expectation::OperatorIn(_) => GapKind::Noncompliant,
            Expectation::SitesAtLeast(_) => GapKind::Redundancy,
            Expectation::MaxPerOrg(_) => GapKind::Duplicate,
            Expectation::MinPerOrg(_) => GapKind::Missing,
        }
    }
}

impl Serialize for GapKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One gap. Field order is the JSON contract of FORMAT.md §4; fields after `line` are extras.
#[derive(Clone, Debug, Serialize)]
pub struct Gap {
    pub org: String,
    pub asset: Option<String>,
    pub rule: String,
    pub kind: GapKind,
    pub severity: Severity,
    pub action: Action,
    pub component: Option<String>,
    pub hours: Num,
    pub cost: Num,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub waived: bool,
    /// The expectation key that failed, e.g. `product_in`.
    pub expect: &'static str,
    /// What is wrong, in words (English; views translate by `kind` and `expect`).
    pub message: String,
    /// The reason of the waiver that covers this gap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
    #[serde(skip)]
    pub org_idx: OrgIdx,
    #[serde(skip)]
    pub asset_idx: Option<AssetIdx>,
    #[serde(skip)]
    pub rule_idx: usize,
    #[serde(skip)]
    pub expect_idx: usize,
    /// The asset's layer, or the rule's selected layer for `missing` gaps.
    #[serde(skip)]
    pub layer: Option<Layer>,
}

#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Summary {
    pub gaps: usize,
    pub hours: Num,
    pub cost: Num,
}

/// The gap list of one target, in the order of FORMAT.md §4.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub target: String,
    pub gaps: Vec<Gap>,
    pub summary: Summary,
    /// Expired and unused waivers, orgs in scope without inventory, components nothing
    /// moves onto.
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
    /// The organisations analysed (in scope and with an inventory), sorted.
    #[serde(skip)]
    pub orgs: Vec<OrgIdx>,
}

impl Analysis {
    /// Gaps that count (not waived).
    pub fn open(&self) -> impl Iterator<Item = &Gap> {
        self.gaps.iter().filter(|g| !g.waived)
    }

    /// Is there an open gap at or above `sev`?
    pub fn fails_at(&self, sev: Severity) -> bool {
        self.open().any(|g| g.severity >= sev)
    }
}

/// Today's date in UTC, the default `--as-of` for waivers.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(secs as i64, 0).map_or_else(Date::default, |t| t.date_naive())
}

fn list(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn work(rule: &Rule, t: &Target, quantity: u64, missing: bool) -> (Num, Num) {
    let units = if rule.per == Per::Unit && !missing {
        quantity as f64
    } else {
        1.0
    };
    let hours = rule.effort_hours.get() * units;
    let cost = hours * t.hourly_rate.get() + rule.cost.get() * units;
    (Num(hours), Num(cost))
}

/// Judges the estate against target `t`. Waivers apply when they expire on or after `as_of`.
pub fn analyse(p: &Project, g: &Graph, t: &Target, as_of: Date) -> Analysis {
    let mut warnings = Vec::new();
    let target_file = p.file(t.file).to_string();
    let orgs: Vec<OrgIdx> = (0..p.orgs.len() as u32)
        .map(OrgIdx)
        .filter(|&o| t.in_scope(&p.org(o).id))
        .collect();
    for o in t.organisations.iter().flatten() {
        if p.org_by_id(o).is_none() {
            warnings.push(Diagnostic::warning(
                "org-without-inventory",
                &target_file,
                Some(o.loc.pos),
                format!("organisation `{}` is in the target's scope but has no inventory; it is not analysed", o.value),
            ));
        }
    }
    let mut gaps = Vec::new();
    for (ri, rule) in t.rules.iter().enumerate() {
        for (ei, e) in rule.expect.iter().enumerate() {
            for &o in &orgs {
                let org = &p.org(o).id;
                if !rule.select.allows_org(org) {
                    continue;
                }
                let range = p.org(o).assets.clone();
                let selected: Vec<AssetIdx> = range
                    .map(AssetIdx)
                    .filter(|&i| rule.select.matches(org, p.asset(i)))
                    .collect();
                let mut push = |asset: Option<AssetIdx>,
                                message: String,
                                component: Option<String>| {
                    let a = asset.map(|i| p.asset(i));
                    let (hours, cost) = work(rule, t, a.map_or(1, |a| a.quantity), asset.is_none());
                    gaps.push(Gap {
                        org: org.clone(),
                        asset: a.map(|a| a.id.clone()),
                        rule: rule.id.clone(),
                        kind: GapKind::of(e),
                        severity: rule.severity,
                        action: rule.action,
                        component,
                        hours,
                        cost,
                        file: Some(match a {
                            Some(a) => p.file(a.loc.file).to_string(),
                            None => target_file.clone(),
                        }),
                        line: Some(a.map_or(rule.loc.pos.line, |a| a.loc.pos.line)),
                        waived: false,
                        expect: e.key(),
                        message,
                        waiver: None,
                        org_idx: o,
                        asset_idx: asset,
                        rule_idx: ri,
                        expect_idx: ei,
                        layer: a.map(|a| a.layer).or(rule.select.layer),
                    });
                };
                match &e.value {
                    Expectation::MaxPerOrg(n) => {
                        let mut ranked = selected.clone();
                        ranked.sort_by_key(|&i| (p.asset(i).realizes.is_none(), &p.asset(i).id));
                        let total = ranked.len();
                        for &i in ranked.iter().skip(*n as usize) {
                            push(
                                Some(i),
                                format!("{total} selected assets where at most {n} are expected"),
                                None,
                            );
                        }
                    }
                    Expectation::MinPerOrg(n) => {
                        if (selected.len() as u64) < *n {
                            push(
                                None,
                                format!(
                                    "{} selected assets where at least {n} are expected",
                                    selected.len()
                                ),
                                None,
                            );
                        }
                    }
                    _ => {
                        for &i in &selected {
                            if let Some((msg, comp)) = check(p, g, t, i, &e.value) {
                                push(Some(i), msg, comp);
                            }
                        }
                    }
                }
            }
        }
    }
    gaps.sort_by(|a, b| {
        (&a.org, &a.asset, &a.rule, a.expect_idx).cmp(&(&b.org, &b.asset, &b.rule, b.expect_idx))
    });
    apply_waivers(p, t, as_of, &mut gaps, &mut warnings);
    unused_components(p, t, &mut warnings);
    let summary = Summary {
        gaps: gaps.iter().filter(|g| !g.waived).count(),
        hours: gaps.iter().filter(|g| !g.waived).map(|g| g.hours).sum(),
        cost: gaps.iter().filter(|g| !g.waived).map(|g| g.cost).sum(),
    };
    Analysis {
        target: t.id.clone(),
        gaps,
        summary,
        warnings,
        orgs,
    }
}

/// Checks one per-asset expectation; `Some((message, component))` when it fails.
fn check(
    p: &Project,
    g: &Graph,
    t: &Target,
    i: AssetIdx,
    e: &Expectation,
) -> Option<(String, Option<String>)> {
    let a = p.asset(i);
    match e {
        Expectation::MovedTo(c) => match &a.realizes {
            Some(r) if r.value == *c => None,
            Some(r) => Some((
                format!("realizes `{}`, not `{c}`: it must move onto `{c}`", r.value),
                Some(c.clone()),
            )),
            None => Some((format!("must move onto `{c}`"), Some(c.clone()))),
        },
        Expectation::ProductIn(ps) => match &a.product {
            Some(x) if ps.contains(x) => None,
            Some(x) => Some((format!("product `{x}` is not one of {}", list(ps)), None)),
            None => Some((
                format!("no `product` given; expected one of {}", list(ps)),
                None,
            )),
        },
        Expectation::EndOfSupportAfter(d) => {
            let limit = match d {
                DateOrHorizon::Horizon => t.horizon,
                DateOrHorizon::Date(d) => *d,
            };
            let eos = a.end_of_support?;
            (eos <= limit).then(|| {
                (
                    format!("end of support {eos} is on or before {limit}"),
                    None,
                )
            })
        }
        Expectation::SlaAtLeast(level) => {
            let need = t.sla_rank(level)?;
            match &a.sla {
                Some(s) if t.sla_rank(s).is_some_and(|r| r >= need) => None,
                Some(s) => Some((format!("SLA `{}` is below `{level}`", s.value), None)),
                None => Some((
                    format!("no `sla` given; at least `{level}` is expected"),
                    None,
                )),
            }
        }
        Expectation::SecurityLevelAtLeast(n) => match a.security_level {
            Some(l) if l >= *n => None,
            Some(l) => Some((format!("security level {l} is below {n}"), None)),
            None => Some((
                format!("no `security_level` given; at least {n} is expected"),
                None,
            )),
        },
        Expectation::ServiceWindowIn(ws) => match &a.service_window {
            Some(w) if ws.contains(w) => None,
            Some(w) => Some((
                format!("service window `{w}` is not one of {}", list(ws)),
                None,
            )),
            None => Some((
                format!("no `service_window` given; expected one of {}", list(ws)),
                None,
            )),
        },
        Expectation::OperatorIn(os) => match &a.operator {
            Some(o) if os.contains(o) => None,
            Some(o) => Some((format!("operator `{o}` is not one of {}", list(os)), None)),
            None => Some((
                format!("no `operator` given; expected one of {}", list(os)),
                None,
            )),
        },
        Expectation::SitesAtLeast(n) => {
            let mut sites: HashSet<AssetIdx> = g
                .requirements(i)
                .into_iter()
                .filter(|&x| p.asset(x).layer == Layer::Sites)
                .collect();
            if a.layer == Layer::Sites {
                sites.insert(i);
            }
            ((sites.len() as u64) < *n).then(|| {
                (
                    format!(
                        "reaches {} site{} where at least {n} are expected",
                        sites.len(),
                        crate::cli::plural(sites.len())
                    ),
                    None,
                )
            })
        }
        Expectation::MaxPerOrg(_) | Expectation::MinPerOrg(_) => None,
    }
}

fn apply_waivers(
    p: &Project,
    t: &Target,
    as_of: Date,
    gaps: &mut [Gap],
    warnings: &mut Vec<Diagnostic>,
) {
    let file = p.file(t.file).to_string();
    for w in &t.waivers {
        let covers = |g: &Gap| {
            g.rule == w.rule
                && g.org == w.org
                && w.asset.as_ref().is_none_or(|a| g.asset.as_ref() == Some(a))
        };
        let matched = gaps.iter().filter(|g| covers(g)).count();
        if w.expires < as_of {
            warnings.push(
                Diagnostic::warning(
                    "expired-waiver",
                    &file,
                    Some(w.loc.pos),
                    format!(
                        "the waiver of rule `{}` for `{}{}` expired on {}; its {matched} gap{} count again",
                        w.rule,
                        w.org,
                        w.asset.as_ref().map(|a| format!("/{a}")).unwrap_or_default(),
                        w.expires,
                        crate::cli::plural(matched)
                    ),
                )
                .with_hint(Some("renew it with a new `expires` date, or close the gaps".into())),
            );
            continue;
        }
        if matched == 0 {
            warnings.push(
                Diagnostic::warning(
                    "unused-waiver",
                    &file,
                    Some(w.loc.pos),
                    format!(
                        "the waiver of rule `{}` for `{}{}` matches no gap",
                        w.rule,
                        w.org,
                        w.asset
                            .as_ref()
                            .map(|a| format!("/{a}"))
                            .unwrap_or_default()
                    ),
                )
                .with_hint(Some("the deviation may be fixed: remove the waiver".into())),
            );
            continue;
        }
        for g in gaps.iter_mut().filter(|g| covers(g)) {
            if !g.waived {
                g.waived = true;
                g.waiver = Some(w.reason.clone());
            }
        }
    }
}

fn unused_components(p: &Project, t: &Target, warnings: &mut Vec<Diagnostic>) {
    let file = p.file(t.file);
    for c in &t.components {
        let moved_onto = t.rules.iter().any(|r| {
            r.expect
                .iter()
                .any(|e| e.value == Expectation::MovedTo(c.id.clone()))
        });
        let realized = p
            .assets
            .iter()
            .any(|a| a.realizes.as_ref().is_some_and(|r| r.value == c.id));
        let needed = t
            .components
            .iter()
            .any(|o| o.depends_on.iter().any(|d| d.value == c.id));
        if !moved_onto && !realized && !needed {
            warnings.push(
                Diagnostic::warning(
                    "unused-component",
                    file,
                    Some(c.loc.pos),
                    format!("nothing moves onto component `{}`: no rule has `moved_to: {}`, no asset realizes it and no component depends on it", c.id, c.id),
                )
                .with_hint(Some("add a rule that moves assets onto it, or remove it".into())),
            );
        }
    }
}
