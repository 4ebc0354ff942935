//! Sentences of the report: a translation key and typed values for its placeholders, made
//! from the library's typed facts (a gap's finding, a plan warning) and worded by `i18n`.
//!
//! Values are marked by type (`{"date": …}`, `{"hours": …}`), never guessed from their
//! text. This module owns which key and which values state a fact; it computes no fact.

use crate::diag::{Arg, Diagnostic};
use crate::gaps::{Fact, Finding};
use crate::model::{Date, Project, Target};
use serde::Serialize;
use serde_json::{Map, Value, json};

/// A translation key and its placeholder values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sentence {
    pub key: String,
    pub args: Map<String, Value>,
}

impl Sentence {
    pub fn new(key: impl Into<String>) -> Sentence {
        Sentence {
            key: key.into(),
            args: Map::new(),
        }
    }

    /// Sets placeholder `name`.
    pub fn with(mut self, name: &str, value: Value) -> Sentence {
        self.args.insert(name.to_string(), value);
        self
    }
}

/// A date placeholder.
pub fn date(d: Date) -> Value {
    json!({ "date": d.to_string() })
}

/// An hours placeholder.
pub fn hours(h: f64) -> Value {
    json!({ "hours": h })
}

/// A value of vocabulary `vocab` (`sla`, `window`, `operator`): worded by the language's
/// table where it has a word for it (`operator.in-house` is "egen drift"), else as written.
pub fn vocab(vocab: &str, value: &str) -> Value {
    json!({ "vocab": vocab, "value": value })
}

/// Alternatives: `A, B or C` in the reader's language.
pub fn any(values: Vec<Value>) -> Value {
    json!({ "any": values })
}

/// Several things together: `A, B and C` in the reader's language.
pub fn all(values: Vec<Value>) -> Value {
    json!({ "all": values })
}

/// A count with its unit (`count.units`: `1 enhet`, `800 enheter`).
pub fn count(n: usize, unit: &str) -> Value {
    json!({ "count": n, "unit": unit })
}

/// A quantity of a capacity (`vcpu`, `racks`, …): the number with its unit, `capacity.<key>`.
pub fn quantity(v: f64, key: &str) -> Value {
    json!({ "count": v, "unit": format!("capacity.{key}") })
}

/// An amount of money for a reader (`43,4 Mkr`).
pub fn amount(v: f64) -> Value {
    json!({ "amount": v })
}

/// A gap's finding as a sentence: key `finding.<code>`, placeholders named as the fact's
/// fields (`n` for a count, which picks the plural form). A component is named by its name
/// in target `t`; service levels, windows and operators are vocabulary values.
pub fn finding(f: &Finding, t: &Target) -> Sentence {
    let s = Sentence::new(format!("finding.{}", f.code()));
    let text = |x: &str| Value::from(x);
    let list = |v: &[String]| any(v.iter().map(|x| text(x)).collect());
    let words = |kind: &str, v: &[String]| any(v.iter().map(|x| vocab(kind, x)).collect());
    let component = |c: &str| text(t.component(c).map_or(c, |c| c.name.as_str()));
    match &f.fact {
        Fact::NotMoved { component: c } => s.with("component", component(c)),
        Fact::RealizesOther {
            component: c,
            realizes,
        } => s
            .with("component", component(c))
            .with("realizes", text(realizes)),
        Fact::ProductNotListed { product, expected } => s
            .with("product", text(product))
            .with("expected", list(expected)),
        Fact::ProductMissing { expected } => s.with("expected", list(expected)),
        Fact::EndOfSupport {
            end_of_support,
            limit,
        } => s
            .with("end_of_support", date(*end_of_support))
            .with("limit", date(*limit)),
        Fact::SlaBelow { sla, required } | Fact::SlaUnknown { sla, required } => s
            .with("sla", vocab("sla", sla))
            .with("required", vocab("sla", required)),
        Fact::SlaMissing { required } => s.with("required", vocab("sla", required)),
        Fact::SecurityBelow {
            security_level,
            required,
        } => s
            .with("security_level", Value::from(*security_level))
            .with("required", Value::from(*required)),
        Fact::SecurityMissing { required } => s.with("required", Value::from(*required)),
        Fact::WindowNotListed {
            service_window,
            expected,
        } => s
            .with("service_window", vocab("window", service_window))
            .with("expected", words("window", expected)),
        Fact::WindowMissing { expected } => s.with("expected", words("window", expected)),
        Fact::OperatorNotListed { operator, expected } => s
            .with("operator", vocab("operator", operator))
            .with("expected", words("operator", expected)),
        Fact::OperatorMissing { expected } => s.with("expected", words("operator", expected)),
        Fact::TooFewSites { sites, required } => s
            .with("n", Value::from(sites.len()))
            .with("required", Value::from(*required)),
        // `max_per_org: 0` forbids the kind outright: "none may exist", not "at most 0".
        Fact::TooMany {
            selected, max: 0, ..
        } => Sentence::new("forbidden").with("n", Value::from(*selected)),
        Fact::TooMany { selected, max, .. } => s
            .with("n", Value::from(*selected))
            .with("max", Value::from(*max)),
        Fact::TooFew { selected, min } => s
            .with("n", Value::from(*selected))
            .with("min", Value::from(*min)),
    }
}

/// A warning of loading or analysis as a sentence: key `diag.<code>`, its placeholders the
/// things it names ([`Diagnostic::args`]) by the names a person knows them by: an
/// organisation's, asset's, component's or target's name, a rule's title in target `t`.
/// Ids the project does not know (a misspelt organisation) are shown as written.
pub fn diagnostic(d: &Diagnostic, p: &Project, t: &Target) -> Sentence {
    let org_name = |o: &str| {
        p.org_by_id(o)
            .map_or_else(|| o.to_string(), |i| p.org(i).name().to_string())
    };
    let asset_name = |o: &str, a: &str| match p.find_asset(o, a) {
        Some(x) => format!("{} ({})", p.asset(x).name, org_name(o)),
        None => format!("{o}/{a}"),
    };
    let target_name = |id: &str| {
        p.targets
            .iter()
            .find(|x| x.id == id)
            .map_or_else(|| id.to_string(), |x| x.name.clone())
    };
    let mut s = Sentence::new(format!("diag.{}", d.code));
    for (name, arg) in &d.args {
        let v = match arg {
            Arg::Org(o) => Value::from(org_name(o)),
            Arg::Asset(o, a) => Value::from(asset_name(o, a)),
            Arg::Rule(r) => Value::from(
                t.rules
                    .iter()
                    .find(|x| x.id == *r)
                    .map_or_else(|| r.clone(), |x| x.title.clone()),
            ),
            Arg::Component(c) => Value::from(
                p.targets
                    .iter()
                    .find_map(|x| x.component(c))
                    .map_or_else(|| c.clone(), |x| x.name.clone()),
            ),
            Arg::Target(id) => Value::from(target_name(id)),
            Arg::Targets(ids) => any(ids.iter().map(|x| Value::from(target_name(x))).collect()),
            Arg::Assets(list) => Value::from(
                list.iter()
                    .map(|(o, a)| asset_name(o, a))
                    .collect::<Vec<_>>()
                    .join(" → "),
            ),
            Arg::Date(d) => date(*d),
            Arg::Count(n) => Value::from(*n),
            Arg::Text(x) => Value::from(x.clone()),
        };
        s = s.with(name, v);
    }
    s
}
