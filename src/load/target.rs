//! Reading one target architecture file (docs/format.md §3).
//!
//! Checks what one file can check alone: shapes, types, vocabularies, and the references
//! inside the file (components, rules, SLA levels). Org names are checked by `validate`.

use super::read::{Fields, Reader};
use crate::diag;
use crate::model::{
    Action, Component, Criterion, DateOrHorizon, Expectation, Freeze, HOURS_PER_FTE, Layer, Num,
    Per, Plan, Rule, Selector, Severity, Spanned, Staffing, Target, Waiver,
};
use crate::yaml::{Node, Value};
use std::collections::HashMap;

pub const FILE_KEYS: [&str; 6] = [
    "target",
    "components",
    "rules",
    "waivers",
    "plan",
    "assessment",
];
pub const TARGET_KEYS: [&str; 9] = [
    "name",
    "organisations",
    "horizon",
    "currency",
    "hourly_rate",
    "sla_levels",
    "service_windows",
    "staffing",
    "hours_per_fte",
];
pub const STAFFING_KEYS: [&str; 3] = ["fte_cost", "shared_fte", "retained_fte_per_org"];
pub const CRITERION_KEYS: [&str; 5] = ["criterion", "title", "score", "weight", "reason"];
pub const COMPONENT_KEYS: [&str; 10] = [
    "id",
    "name",
    "layer",
    "kind",
    "product",
    "depends_on",
    "establish_hours",
    "establish_cost",
    "annual_cost",
    "capacity",
];
pub const RULE_KEYS: [&str; 8] = [
    "id", "title", "select", "expect", "action", "severity", "effort", "cost",
];
pub const SELECT_KEYS: [&str; 5] = ["layer", "kind", "org", "tags", "product"];
pub const EFFORT_KEYS: [&str; 2] = ["hours", "per"];
pub const WAIVER_KEYS: [&str; 5] = ["rule", "org", "asset", "reason", "expires"];
pub const PLAN_KEYS: [&str; 5] = [
    "start",
    "wave_months",
    "capacity_hours",
    "org_capacity_hours",
    "freeze",
];
pub const FREEZE_KEYS: [&str; 3] = ["from", "to", "select"];

/// Reads a target file. `None` when the file is too broken to make a target of (errors are
/// in the reader).
pub fn read(r: &mut Reader, id: &str, root: Option<&Node>) -> Option<Target> {
    let Some(root) = root else {
        r.error(
            "missing-field",
            crate::diag::Pos::new(1, 1),
            "a target file needs a `target:` mapping",
            None,
        );
        return None;
    };
    let f = r.map(root, "a target file", &FILE_KEYS)?;
    let tnode = r.required(&f, "target", "a target file")?;
    let t = r.map(tnode, "`target`", &TARGET_KEYS)?;
    let name = r
        .required(&t, "name", "`target`")
        .and_then(|v| r.string(v, "name"));
    let horizon = r
        .required(&t, "horizon", "`target`")
        .and_then(|v| r.date(v, "horizon"));
    let organisations = t.get("organisations").and_then(|v| {
        let list = r.strings(v, "organisations", false)?;
        Some(
            list.into_iter()
                .filter(|o| check_id(r, o, "organisations"))
                .collect::<Vec<_>>(),
        )
    });
    let sla_levels = strings(r, &t, "sla_levels");
    let service_windows = strings(r, &t, "service_windows");
    let complete = name.is_some() && horizon.is_some();
    let mut target = Target {
        id: id.to_string(),
        file: r.file,
        name: name.unwrap_or_default(),
        organisations,
        horizon: horizon.unwrap_or_default(),
        currency: t
            .get("currency")
            .and_then(|v| r.string(v, "currency"))
            .unwrap_or_else(|| "SEK".to_string()),
        hourly_rate: t
            .get("hourly_rate")
            .and_then(|v| r.num(v, "hourly_rate"))
            .unwrap_or_default(),
        sla_levels,
        service_windows,
        components: Vec::new(),
        rules: Vec::new(),
        waivers: Vec::new(),
        plan: None,
        staffing: t.get("staffing").and_then(|v| read_staffing(r, v)),
        hours_per_fte: t
            .get("hours_per_fte")
            .and_then(|v| read_hours_per_fte(r, v))
            .unwrap_or(Num(HOURS_PER_FTE)),
        assessment: Vec::new(),
        loc: r.loc(tnode.pos),
    };
    if let Some(n) = f.get("components").and_then(|v| r.list(v, "components")) {
        target.components = n.iter().filter_map(|c| read_component(r, c)).collect();
    }
    check_unique(
        r,
        target.components.iter().map(|c| (c.id.as_str(), c.loc.pos)),
        "component",
    );
    let component_ids: Vec<&str> = target.components.iter().map(|c| c.id.as_str()).collect();
    for c in &target.components {
        for d in &c.depends_on {
            if !component_ids.contains(&d.value.as_str()) {
                r.error(
                    "unknown-component",
                    d.loc.pos,
                    format!(
                        "component `{}` depends on `{}`, which is not a component of this target",
                        c.id, d.value
                    ),
                    diag::did_you_mean(&d.value, component_ids.iter().copied()),
                );
            }
        }
    }
    // Rule ids as written, also of rules too broken to keep, so a waiver naming a broken rule
    // is not reported a second time as naming an unknown one.
    let mut written_rules: Vec<String> = Vec::new();
    if let Some(n) = f.get("rules").and_then(|v| r.list(v, "rules")) {
        written_rules = n.iter().filter_map(written_id).collect();
        target.rules = n.iter().filter_map(|c| read_rule(r, c, &target)).collect();
    }
    check_unique(
        r,
        target.rules.iter().map(|c| (c.id.as_str(), c.loc.pos)),
        "rule",
    );
    if let Some(n) = f.get("waivers").and_then(|v| r.list(v, "waivers")) {
        target.waivers = n
            .iter()
            .filter_map(|c| read_waiver(r, c, &target, &written_rules))
            .collect();
    }
    if let Some(n) = f.get("plan") {
        target.plan = read_plan(r, n);
    }
    if let Some(n) = f.get("assessment").and_then(|v| r.list(v, "assessment")) {
        target.assessment = n.iter().filter_map(|c| read_criterion(r, c)).collect();
    }
    check_unique(
        r,
        target
            .assessment
            .iter()
            .map(|c| (c.id.value.as_str(), c.id.loc.pos)),
        "criterion",
    );
    complete.then_some(target)
}

/// `target.staffing` (v1.2): `fte_cost` required, the two staff counts default to 0.
fn read_staffing(r: &mut Reader, n: &Node) -> Option<Staffing> {
    let what = "`staffing`";
    let f = r.map(n, what, &STAFFING_KEYS)?;
    let fte_cost = r
        .required(&f, "fte_cost", what)
        .and_then(|v| r.num(v, "fte_cost"));
    let shared_fte = f.get("shared_fte").and_then(|v| r.num(v, "shared_fte"));
    let retained = f
        .get("retained_fte_per_org")
        .and_then(|v| r.num(v, "retained_fte_per_org"));
    Some(Staffing {
        fte_cost: fte_cost?,
        shared_fte: shared_fte.unwrap_or_default(),
        retained_fte_per_org: retained.unwrap_or_default(),
        loc: r.loc(n.pos),
    })
}

/// `hours_per_fte` (v1.2): hours are divided by it, so it must be more than 0.
fn read_hours_per_fte(r: &mut Reader, v: &Node) -> Option<Num> {
    let h = r.num(v, "hours_per_fte")?;
    if h.0 <= 0.0 {
        r.error(
            "wrong-type",
            v.pos,
            "`hours_per_fte` must be more than 0",
            Some(format!("the default is {HOURS_PER_FTE}")),
        );
        return None;
    }
    Some(h)
}

/// One item of `assessment` (v1.2): `criterion` and `score` required.
fn read_criterion(r: &mut Reader, n: &Node) -> Option<Criterion> {
    let what = "a criterion of `assessment`";
    let f = r.map(n, what, &CRITERION_KEYS)?;
    let id = r
        .required(&f, "criterion", what)
        .and_then(|v| r.id(v, "criterion"));
    let title = f.get("title").and_then(|v| r.string(v, "title"));
    let score = r
        .required(&f, "score", what)
        .and_then(|v| r.int(v, "score", 1, 4));
    let weight = f.get("weight").and_then(|v| r.num(v, "weight"));
    let reason = f.get("reason").and_then(|v| r.string(v, "reason"));
    let id = id?;
    Some(Criterion {
        title: title.unwrap_or_else(|| id.value.clone()),
        id,
        score: score? as u8,
        weight: weight.unwrap_or(Num(1.0)),
        reason,
        loc: r.loc(n.pos),
    })
}

fn strings(r: &mut Reader, f: &Fields, key: &str) -> Vec<String> {
    f.get(key)
        .and_then(|v| r.strings(v, key, false))
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.value)
        .collect()
}

fn check_id(r: &mut Reader, s: &Spanned<String>, field: &str) -> bool {
    if crate::model::is_valid_id(&s.value) {
        return true;
    }
    r.error(
        "invalid-id",
        s.loc.pos,
        format!("`{}` in `{field}` is not a valid id", s.value),
        None,
    );
    false
}

fn check_unique<'x>(
    r: &mut Reader,
    items: impl Iterator<Item = (&'x str, crate::diag::Pos)>,
    what: &str,
) {
    let mut seen: HashMap<&str, crate::diag::Pos> = HashMap::new();
    for (id, pos) in items {
        if let Some(first) = seen.get(id) {
            r.error(
                "duplicate-id",
                pos,
                format!(
                    "{what} id `{id}` is used twice (first at line {})",
                    first.line
                ),
                None,
            );
        } else {
            seen.insert(id, pos);
        }
    }
}

/// A layer by name: an asset layer for a selector; for a component (`component`), also
/// `organisation` (v1.2).
fn read_layer(r: &mut Reader, v: &Node, component: bool) -> Option<Layer> {
    let s = r.string(v, "layer")?;
    let l = if component {
        Layer::parse_component(&s)
    } else {
        Layer::parse(&s)
    };
    if l.is_none() {
        let names: Vec<&str> = if component {
            Layer::COMPONENT.map(Layer::as_str).to_vec()
        } else {
            Layer::ALL.map(Layer::as_str).to_vec()
        };
        let message = if s == Layer::Organisation.as_str() {
            "`organisation` is a layer of target components only; a selector picks assets"
                .to_string()
        } else {
            format!("`{s}` is not a layer")
        };
        r.error(
            "unknown-layer",
            v.pos,
            message,
            diag::did_you_mean(&s, names.iter().copied())
                .filter(|_| s != Layer::Organisation.as_str())
                .or_else(|| Some(format!("layers: {}", names.join(", ")))),
        );
    }
    l
}

/// Checks `kind` against `layer`'s vocabulary (or every layer's, when none is given).
fn check_kind(
    r: &mut Reader,
    layer: Option<Layer>,
    kind: &Spanned<String>,
) -> Option<&'static str> {
    let found = match layer {
        Some(l) => l.kind(&kind.value),
        None => Layer::ALL.into_iter().find_map(|l| l.kind(&kind.value)),
    };
    if found.is_none() {
        let vocab: Vec<&str> = match layer {
            Some(l) => l.kinds().to_vec(),
            None => Layer::ALL
                .iter()
                .flat_map(|l| l.kinds().iter().copied())
                .collect(),
        };
        let where_ = layer.map_or("any layer".to_string(), |l| format!("`{l}`"));
        r.error(
            "unknown-kind",
            kind.loc.pos,
            format!("`{}` is not a kind of {where_}", kind.value),
            diag::did_you_mean(&kind.value, vocab.iter().copied())
                .or_else(|| Some(format!("kinds: {}", vocab.join(", ")))),
        );
    }
    found
}

fn read_component(r: &mut Reader, n: &Node) -> Option<Component> {
    let what = "a component";
    let f = r.map(n, what, &COMPONENT_KEYS)?;
    let id = r.required(&f, "id", what).and_then(|v| r.id(v, "id"));
    let name = r
        .required(&f, "name", what)
        .and_then(|v| r.string(v, "name"));
    let layer = r
        .required(&f, "layer", what)
        .and_then(|v| read_layer(r, v, true));
    let kind = r
        .required(&f, "kind", what)
        .and_then(|v| r.spanned_string(v, "kind"));
    let kind = kind.and_then(|k| {
        if layer.is_some() {
            check_kind(r, layer, &k)
        } else {
            None
        }
    });
    let depends_on = f
        .get("depends_on")
        .and_then(|v| r.strings(v, "depends_on", false))
        .unwrap_or_default()
        .into_iter()
        .filter(|s| check_id(r, s, "depends_on"))
        .collect();
    let c = Component {
        id: id?.value,
        name: name.unwrap_or_default(),
        layer: layer?,
        kind: kind?,
        product: f.get("product").and_then(|v| r.string(v, "product")),
        depends_on,
        establish_hours: f
            .get("establish_hours")
            .and_then(|v| r.num(v, "establish_hours"))
            .unwrap_or_default(),
        establish_cost: f
            .get("establish_cost")
            .and_then(|v| r.num(v, "establish_cost"))
            .unwrap_or_default(),
        annual_cost: f
            .get("annual_cost")
            .and_then(|v| r.num(v, "annual_cost"))
            .unwrap_or_default(),
        capacity: f
            .get("capacity")
            .and_then(|v| super::inventory::read_capacity(r, v)),
        loc: r.loc(n.pos),
    };
    Some(c)
}

pub fn read_selector(r: &mut Reader, n: &Node) -> Option<Selector> {
    let f = r.map(n, "`select`", &SELECT_KEYS)?;
    let layer = f.get("layer").and_then(|v| read_layer(r, v, false));
    let kind = f
        .get("kind")
        .and_then(|v| r.strings(v, "kind", true))
        .map(|ks| {
            ks.iter()
                .filter(|k| check_kind(r, layer, k).is_some())
                .map(|k| k.value.clone())
                .collect::<Vec<_>>()
        });
    let org = f
        .get("org")
        .and_then(|v| r.strings(v, "org", true))
        .map(|l| l.into_iter().map(|s| s.value).collect());
    let tags = f
        .get("tags")
        .and_then(|v| r.strings(v, "tags", true))
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.value)
        .collect();
    let product = f
        .get("product")
        .and_then(|v| r.strings(v, "product", true))
        .map(|l| l.into_iter().map(|s| s.value).collect());
    Some(Selector {
        layer,
        kind,
        org,
        tags,
        product,
    })
}

fn read_rule(r: &mut Reader, n: &Node, t: &Target) -> Option<Rule> {
    let what = "a rule";
    let f = r.map(n, what, &RULE_KEYS)?;
    let id = r.required(&f, "id", what).and_then(|v| r.id(v, "id"));
    let title = f.get("title").and_then(|v| r.string(v, "title"));
    let select = match f.get("select") {
        Some(v) => read_selector(r, v),
        None => Some(Selector::default()),
    };
    let expect = r
        .required(&f, "expect", what)
        .and_then(|v| read_expect(r, v, t));
    let action = r.required(&f, "action", what).and_then(|v| {
        let s = r.string(v, "action")?;
        let a = Action::parse(&s);
        if a.is_none() {
            let names = Action::ALL.map(Action::as_str);
            r.error(
                "unknown-action",
                v.pos,
                format!("`{s}` is not an action"),
                diag::did_you_mean(&s, names)
                    .or_else(|| Some(format!("actions: {}", names.join(", ")))),
            );
        }
        a
    });
    let severity = match f.get("severity") {
        Some(v) => read_severity(r, v),
        None => Some(Severity::Medium),
    };
    let (effort_hours, per) = match f.get("effort") {
        Some(v) => read_effort(r, v)?,
        None => (Num(0.0), Per::Asset),
    };
    let cost = f
        .get("cost")
        .and_then(|v| r.num(v, "cost"))
        .unwrap_or_default();
    let id = id?;
    Some(Rule {
        title: title.unwrap_or_else(|| id.value.clone()),
        id: id.value,
        select: select?,
        expect: expect?,
        action: action?,
        severity: severity?,
        effort_hours,
        per,
        cost,
        loc: r.loc(n.pos),
    })
}

pub fn read_severity(r: &mut Reader, v: &Node) -> Option<Severity> {
    let s = r.string(v, "severity")?;
    let sev = Severity::parse(&s);
    if sev.is_none() {
        let names = Severity::ALL.map(Severity::as_str);
        r.error(
            "unknown-severity",
            v.pos,
            format!("`{s}` is not a severity"),
            diag::did_you_mean(&s, names)
                .or_else(|| Some(format!("severities: {}", names.join(", ")))),
        );
    }
    sev
}

fn read_effort(r: &mut Reader, v: &Node) -> Option<(Num, Per)> {
    let f = r.map(v, "`effort`", &EFFORT_KEYS)?;
    let hours = f
        .get("hours")
        .and_then(|v| r.num(v, "hours"))
        .unwrap_or_default();
    let per = match f.get("per") {
        None => Per::Asset,
        Some(p) => match r.string(p, "per")?.as_str() {
            "asset" => Per::Asset,
            "unit" => Per::Unit,
            other => {
                r.error(
                    "wrong-type",
                    p.pos,
                    format!("`per` must be `asset` or `unit`, found `{other}`"),
                    None,
                );
                return None;
            }
        },
    };
    Some((hours, per))
}

fn read_expect(r: &mut Reader, n: &Node, t: &Target) -> Option<Vec<Spanned<Expectation>>> {
    let f = r.map(n, "`expect`", &Expectation::KEYS)?;
    let mut out = Vec::new();
    let mut ok = true;
    for (key, v) in f.iter() {
        let e = match key {
            "moved_to" => r.string(v, key).and_then(|c| {
                // Assets move onto technical components only (v1.2).
                let technical = || {
                    t.components
                        .iter()
                        .filter(|c| !c.is_organisation())
                        .map(|c| c.id.as_str())
                };
                match t.component(&c) {
                    None => {
                        r.error(
                            "unknown-component",
                            v.pos,
                            format!(
                                "`moved_to` names `{c}`, which is not a component of this target"
                            ),
                            diag::did_you_mean(&c, technical()),
                        );
                        None
                    }
                    Some(comp) if comp.is_organisation() => {
                        r.error(
                            "organisation-component",
                            v.pos,
                            format!(
                                "`moved_to` names `{c}`, a component of layer `organisation` ({}): no asset moves onto a step of forming the organisation",
                                comp.kind
                            ),
                            Some(format!(
                                "make the components that need it `depends_on: [{c}]`, and move the assets onto one of them"
                            )),
                        );
                        None
                    }
                    Some(_) => Some(Expectation::MovedTo(c)),
                }
            }),
            "product_in" => r
                .strings(v, key, true)
                .map(|l| Expectation::ProductIn(l.into_iter().map(|s| s.value).collect())),
            "end_of_support_after" => match v.as_scalar() {
                Some(s) if s.text == "horizon" => {
                    Some(Expectation::EndOfSupportAfter(DateOrHorizon::Horizon))
                }
                _ => r
                    .date(v, key)
                    .map(|d| Expectation::EndOfSupportAfter(DateOrHorizon::Date(d))),
            },
            "sla_at_least" => r.string(v, key).and_then(|l| {
                if t.sla_rank(&l).is_none() {
                    let hint = if t.sla_levels.is_empty() {
                        Some("add `sla_levels` to `target`".to_string())
                    } else {
                        diag::did_you_mean(&l, t.sla_levels.iter().map(String::as_str))
                            .or_else(|| Some(format!("levels: {}", t.sla_levels.join(", "))))
                    };
                    r.error(
                        "unknown-sla",
                        v.pos,
                        format!("`{l}` is not one of the target's `sla_levels`"),
                        hint,
                    );
                    return None;
                }
                Some(Expectation::SlaAtLeast(l))
            }),
            "security_level_at_least" => r
                .int(v, key, 0, 4)
                .map(|n| Expectation::SecurityLevelAtLeast(n as u8)),
            "service_window_in" => r
                .strings(v, key, true)
                .map(|l| Expectation::ServiceWindowIn(l.into_iter().map(|s| s.value).collect())),
            "operator_in" => r
                .strings(v, key, true)
                .map(|l| Expectation::OperatorIn(l.into_iter().map(|s| s.value).collect())),
            "sites_at_least" => r.int(v, key, 0, u64::MAX).map(Expectation::SitesAtLeast),
            "max_per_org" => r.int(v, key, 0, u64::MAX).map(Expectation::MaxPerOrg),
            "min_per_org" => r.int(v, key, 0, u64::MAX).map(Expectation::MinPerOrg),
            _ => None,
        };
        match e {
            Some(e) => out.push(Spanned {
                value: e,
                loc: r.loc(v.pos),
            }),
            None => ok = false,
        }
    }
    // Keys written but not understood are reported as unknown already.
    let anything_written = matches!(&n.value, Value::Map(e) if e.iter().any(|(k, _)| {
        k.as_scalar().is_some_and(|k| !k.text.starts_with("x-"))
    }));
    if ok && out.is_empty() {
        if !anything_written {
            r.error(
                "missing-field",
                f.pos,
                "`expect` needs at least one expectation",
                Some(format!("expectations: {}", Expectation::KEYS.join(", "))),
            );
        }
        return None;
    }
    ok.then_some(out)
}

/// The `id` of a mapping, as written, whatever else is wrong with it.
fn written_id(n: &Node) -> Option<String> {
    match &n.value {
        Value::Map(entries) => entries.iter().find_map(|(k, v)| {
            let k = k.as_scalar()?;
            (k.text == "id").then(|| v.as_scalar().map(|s| s.text.to_string()))?
        }),
        _ => None,
    }
}

fn read_waiver(r: &mut Reader, n: &Node, t: &Target, written_rules: &[String]) -> Option<Waiver> {
    let what = "a waiver";
    let f = r.map(n, what, &WAIVER_KEYS)?;
    let rule = r.required(&f, "rule", what).and_then(|v| {
        let s = r.string(v, "rule")?;
        if written_rules.contains(&s) && !t.rules.iter().any(|x| x.id == s) {
            // The rule is reported already; the waiver is left out with it.
            return None;
        }
        if !t.rules.iter().any(|x| x.id == s) {
            r.error(
                "unknown-rule",
                v.pos,
                format!("the waiver names rule `{s}`, which this target does not have"),
                diag::did_you_mean(&s, written_rules.iter().map(String::as_str)),
            );
            return None;
        }
        Some(s)
    });
    let org = r.required(&f, "org", what).and_then(|v| r.id(v, "org"));
    let asset = f.get("asset").and_then(|v| r.id(v, "asset"));
    let reason = r
        .required(&f, "reason", what)
        .and_then(|v| r.string(v, "reason"));
    let expires = r
        .required(&f, "expires", what)
        .and_then(|v| r.date(v, "expires"));
    Some(Waiver {
        rule: rule?,
        org: org?.value,
        asset: asset.map(|a| a.value),
        reason: reason?,
        expires: expires?,
        loc: r.loc(n.pos),
    })
}

/// Parses a yearly day `MM-DD`.
fn month_day(r: &mut Reader, v: &Node, field: &str) -> Option<(u32, u32)> {
    let s = r.string(v, field)?;
    let parsed = s.split_once('-').and_then(|(m, d)| {
        if m.len() != 2 || d.len() != 2 {
            return None;
        }
        let (m, d) = (m.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
        // 2024 is a leap year, so 02-29 is accepted.
        crate::model::Date::from_ymd_opt(2024, m, d).map(|_| (m, d))
    });
    if parsed.is_none() {
        r.error(
            "bad-date",
            v.pos,
            format!("`{field}` must be a day of the year written MM-DD, found `{s}`"),
            Some("quote it: `from: \"06-15\"`".to_string()),
        );
    }
    parsed
}

fn read_plan(r: &mut Reader, n: &Node) -> Option<Plan> {
    let what = "`plan`";
    let f = r.map(n, what, &PLAN_KEYS)?;
    let start = r
        .required(&f, "start", what)
        .and_then(|v| r.date(v, "start"));
    let wave_months = r
        .required(&f, "wave_months", what)
        .and_then(|v| r.int(v, "wave_months", 1, 120));
    let capacity = r
        .required(&f, "capacity_hours", what)
        .and_then(|v| r.num(v, "capacity_hours"));
    if let (Some(c), Some(v)) = (capacity, f.get("capacity_hours"))
        && c.0 <= 0.0
    {
        r.error(
            "wrong-type",
            v.pos,
            "`capacity_hours` must be more than 0",
            None,
        );
        return None;
    }
    let org_capacity = f.get("org_capacity_hours").and_then(|v| {
        let c = r.num(v, "org_capacity_hours")?;
        if c.0 <= 0.0 {
            r.error(
                "wrong-type",
                v.pos,
                "`org_capacity_hours` must be more than 0",
                None,
            );
            return None;
        }
        Some(c)
    });
    let mut freeze = Vec::new();
    if let Some(list) = f.get("freeze").and_then(|v| r.list(v, "freeze")) {
        for item in list {
            let Some(ff) = r.map(item, "a freeze", &FREEZE_KEYS) else {
                continue;
            };
            let from = r
                .required(&ff, "from", "a freeze")
                .and_then(|v| month_day(r, v, "from"));
            let to = r
                .required(&ff, "to", "a freeze")
                .and_then(|v| month_day(r, v, "to"));
            let select = match ff.get("select") {
                Some(v) => read_selector(r, v),
                None => Some(Selector::default()),
            };
            if let (Some(from), Some(to), Some(select)) = (from, to, select) {
                freeze.push(Freeze {
                    from,
                    to,
                    select,
                    loc: r.loc(item.pos),
                });
            }
        }
    }
    Some(Plan {
        start: start?,
        wave_months: wave_months? as u32,
        capacity_hours: capacity?,
        org_capacity_hours: org_capacity,
        freeze,
        loc: r.loc(n.pos),
    })
}
