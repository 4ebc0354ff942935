//! JSON Schema (draft-07) of inventory and target files, for editors (`samdrift schema`).
//!
//! Built from the same vocabularies the loader checks against (layers, kinds, actions,
//! severities, expectation keys), so the schema cannot drift from the loader. The loader
//! stays the authority: some rules (a `site` naming a site, SLA names) need the whole project.

use crate::model::{Action, Expectation, Layer, Severity};
use serde_json::{Map, Value, json};

const ID_PATTERN: &str = "^[a-z0-9][a-z0-9._-]*$";
const REF_PATTERN: &str = "^([a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$";
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

fn object(props: Value, required: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": props,
        "required": required,
        "patternProperties": {"^x-": {}},
        "additionalProperties": false,
    })
}

fn string_or_list() -> Value {
    json!({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})
}

/// An asset's `capacity` (what it uses) and a component's (what it can take in).
fn capacity() -> Value {
    object(
        json!({
            "vcpu": {"type": "number", "minimum": 0},
            "ram_gb": {"type": "number", "minimum": 0},
            "storage_tb": {"type": "number", "minimum": 0},
            "racks": {"type": "number", "minimum": 0},
            "power_kw": {"type": "number", "minimum": 0},
        }),
        &[],
    )
}

fn asset(layer: Layer) -> Value {
    let kinds = layer.kinds();
    object(
        json!({
            "id": {"type": "string", "pattern": ID_PATTERN, "description": "Unique within the organisation."},
            "name": {"type": "string", "description": "Human name."},
            "kind": {"enum": kinds, "description": format!("Kind of {layer}.")},
            "product": {"type": "string", "description": "Product identifier, e.g. vmware-vsphere, microsoft-365."},
            "version": {"type": "string"},
            "quantity": {"type": "integer", "minimum": 0, "default": 1, "description": "Units this entry stands for."},
            "site": {"type": "string", "pattern": REF_PATTERN, "description": "The site it runs at: `id` or `org/id` of a site."},
            "depends_on": {"type": "array", "items": {"type": "string", "pattern": REF_PATTERN}, "description": "What it needs to work."},
            "realizes": {"type": "string", "pattern": ID_PATTERN, "description": "The target component this asset is (or becomes)."},
            "operator": {"type": "string", "description": "`in-house` or a supplier name."},
            "sla": {"type": "string", "description": "Service level name, from the target's sla_levels."},
            "service_window": {"type": "string"},
            "security_level": {"type": "integer", "minimum": 0, "maximum": 4},
            "end_of_support": {"type": "string", "pattern": DATE_PATTERN},
            "contract": object(json!({
                "supplier": {"type": "string"},
                "ends": {"type": "string", "pattern": DATE_PATTERN},
                "notice_months": {"type": "integer", "minimum": 0},
                "auto_renew": {"type": "boolean"},
                "renews_months": {"type": "integer", "minimum": 1, "default": 12, "description": "The length of one automatic renewal in months."},
                "annual_cost": {"type": "number", "minimum": 0},
            }), &[]),
            "annual_cost": {"type": "number", "minimum": 0},
            "users": {"type": "integer", "minimum": 0},
            "capacity": capacity(),
            "tags": {"type": "array", "items": {"type": "string"}},
            "notes": {"type": "string"},
        }),
        &["id", "name", "kind"],
    )
}

/// The schema of an inventory file.
pub fn inventory() -> Value {
    let mut props = Map::new();
    props.insert(
        "organisation".into(),
        object(
            json!({
                "name": {"type": "string"},
                "population": {"type": "integer", "minimum": 0},
                "employees": {"type": "integer", "minimum": 0},
                "it_staff": {"type": "number", "minimum": 0, "description": "IT staff today in full-time equivalents (4.5 allowed)."},
                "operator": {"type": "string"},
            }),
            &["name"],
        ),
    );
    for l in Layer::ALL {
        props.insert(
            l.as_str().into(),
            json!({"type": "array", "items": asset(l)}),
        );
    }
    let mut s = object(Value::Object(props), &[]);
    s["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    s["title"] = json!("samdrift inventory file");
    s["description"] = json!(
        "What one organisation runs today: inventory/<org>/**/*.yaml. The format reference \
         is docs/format.md in the samdrift repository (§1 a project, §2 inventory files)."
    );
    s
}

fn selector() -> Value {
    let all_kinds: Vec<&str> = Layer::ALL
        .iter()
        .flat_map(|l| l.kinds().iter().copied())
        .collect();
    object(
        json!({
            "layer": {"enum": Layer::ALL.map(Layer::as_str)},
            "kind": {"anyOf": [{"enum": all_kinds}, {"type": "array", "items": {"enum": all_kinds}}]},
            "org": string_or_list(),
            "tags": string_or_list(),
            "product": string_or_list(),
        }),
        &[],
    )
}

/// The schema of a target file.
pub fn target() -> Value {
    let component_kinds: Vec<&str> = Layer::COMPONENT
        .iter()
        .flat_map(|l| l.kinds().iter().copied())
        .collect();
    let expect = {
        let mut p = Map::new();
        for k in Expectation::KEYS {
            let v = match k {
                "moved_to" | "sla_at_least" => json!({"type": "string"}),
                "end_of_support_after" => {
                    json!({"anyOf": [{"const": "horizon"}, {"type": "string", "pattern": DATE_PATTERN}]})
                }
                "security_level_at_least" => json!({"type": "integer", "minimum": 0, "maximum": 4}),
                "sites_at_least" | "max_per_org" | "min_per_org" => {
                    json!({"type": "integer", "minimum": 0})
                }
                _ => string_or_list(),
            };
            p.insert(k.into(), v);
        }
        let mut o = object(Value::Object(p), &[]);
        o["minProperties"] = json!(1);
        o
    };
    let mut s = object(
        json!({
            "target": object(json!({
                "name": {"type": "string"},
                "organisations": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
                "horizon": {"type": "string", "pattern": DATE_PATTERN},
                "currency": {"type": "string", "default": "SEK"},
                "hourly_rate": {"type": "number", "minimum": 0, "default": 0},
                "sla_levels": {"type": "array", "items": {"type": "string"}, "description": "Ordered, lowest first."},
                "service_windows": {"type": "array", "items": {"type": "string"}},
                "staffing": object(json!({
                    "fte_cost": {"type": "number", "minimum": 0, "description": "Yearly cost of one full-time IT employee."},
                    "shared_fte": {"type": "number", "minimum": 0, "default": 0, "description": "The joint organisation's staff in the target."},
                    "retained_fte_per_org": {"type": "number", "minimum": 0, "default": 0, "description": "Staff each organisation keeps."},
                }), &["fte_cost"]),
                "hours_per_fte": {"type": "number", "exclusiveMinimum": 0, "default": 1700, "description": "Hours of one person-year."},
            }), &["name", "horizon"]),
            "assessment": {"type": "array", "description": "The study's scoring of this alternative; the same criterion ids across targets make one decision table.", "items": object(json!({
                "criterion": {"type": "string", "pattern": ID_PATTERN},
                "title": {"type": "string"},
                "score": {"type": "integer", "minimum": 1, "maximum": 4, "description": "1..4, 4 is best."},
                "weight": {"type": "number", "minimum": 0, "default": 1},
                "reason": {"type": "string"},
            }), &["criterion", "score"])},
            "components": {"type": "array", "items": object(json!({
                "id": {"type": "string", "pattern": ID_PATTERN},
                "name": {"type": "string"},
                "layer": {"enum": Layer::COMPONENT.map(Layer::as_str), "description": "An asset layer, or `organisation` for a step of forming the joint organisation."},
                "kind": {"enum": component_kinds},
                "product": {"type": "string"},
                "depends_on": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
                "establish_hours": {"type": "number", "minimum": 0},
                "establish_cost": {"type": "number", "minimum": 0},
                "annual_cost": {"type": "number", "minimum": 0},
                "capacity": capacity(),
            }), &["id", "name", "layer", "kind"])},
            "rules": {"type": "array", "items": object(json!({
                "id": {"type": "string", "pattern": ID_PATTERN},
                "title": {"type": "string"},
                "select": selector(),
                "expect": expect,
                "action": {"enum": Action::ALL.map(Action::as_str)},
                "severity": {"enum": Severity::ALL.map(Severity::as_str), "default": "medium"},
                "effort": object(json!({
                    "hours": {"type": "number", "minimum": 0},
                    "per": {"enum": ["asset", "unit"], "default": "asset"},
                }), &[]),
                "cost": {"type": "number", "minimum": 0},
            }), &["id", "expect", "action"])},
            "waivers": {"type": "array", "items": object(json!({
                "rule": {"type": "string"},
                "org": {"type": "string", "pattern": ID_PATTERN},
                "asset": {"type": "string", "pattern": ID_PATTERN},
                "reason": {"type": "string"},
                "expires": {"type": "string", "pattern": DATE_PATTERN},
            }), &["rule", "org", "reason", "expires"])},
            "plan": object(json!({
                "start": {"type": "string", "pattern": DATE_PATTERN},
                "wave_months": {"type": "integer", "minimum": 1},
                "capacity_hours": {"type": "number", "exclusiveMinimum": 0},
                "org_capacity_hours": {"type": "number", "exclusiveMinimum": 0},
                "freeze": {"type": "array", "items": object(json!({
                    "from": {"type": "string", "pattern": "^[0-9]{2}-[0-9]{2}$"},
                    "to": {"type": "string", "pattern": "^[0-9]{2}-[0-9]{2}$"},
                    "select": selector(),
                }), &["from", "to"])},
            }), &["start", "wave_months", "capacity_hours"]),
        }),
        &["target"],
    );
    s["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    s["title"] = json!("samdrift target architecture file");
    s["description"] = json!(
        "One target architecture: targets/<target>.yaml. The format reference is \
         docs/format.md in the samdrift repository (§3 target files)."
    );
    s
}

/// One schema that accepts either kind of file (their top-level keys do not overlap).
pub fn combined() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "samdrift inventory or target file",
        "description": "The format reference is docs/format.md in the samdrift repository.",
        "oneOf": [inventory(), target()],
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn schemas_name_every_kind_and_key() {
        let inv = super::inventory().to_string();
        for l in crate::model::Layer::ALL {
            for k in l.kinds() {
                assert!(inv.contains(&format!("\"{k}\"")), "{k}");
            }
        }
        for k in crate::load::inventory::ASSET_KEYS {
            assert!(inv.contains(&format!("\"{k}\"")), "{k}");
        }
        let t = super::target().to_string();
        for k in crate::model::Expectation::KEYS {
            assert!(t.contains(&format!("\"{k}\"")), "{k}");
        }
        for k in crate::load::inventory::CONTRACT_KEYS {
            assert!(inv.contains(&format!("\"{k}\"")), "{k}");
        }
        use crate::load::target as tk;
        for k in tk::FILE_KEYS
            .iter()
            .chain(&tk::TARGET_KEYS)
            .chain(&tk::STAFFING_KEYS)
            .chain(&tk::CRITERION_KEYS)
            .chain(&tk::COMPONENT_KEYS)
            .chain(crate::model::Layer::Organisation.kinds())
        {
            assert!(t.contains(&format!("\"{k}\"")), "{k}");
        }
    }
}
