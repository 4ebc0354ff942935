//! Reading one inventory file (docs/format.md §2) into organisation metadata and assets.
//!
//! Works on one file alone, so files can be read in parallel; ids, refs and everything that
//! needs the whole estate are checked later by `validate`.

use super::read::{Fields, Reader};
use crate::model::{Asset, Capacity, Contract, FieldPos, Layer, OrgIdx, OrgMeta, Ref};
use crate::yaml::Node;

/// What one inventory file contributes.
#[derive(Clone, Default)]
pub struct InventoryDoc {
    pub meta: Option<OrgMeta>,
    pub assets: Vec<Asset>,
}

pub const FILE_KEYS: [&str; 6] = [
    "organisation",
    "sites",
    "networks",
    "platforms",
    "clients",
    "services",
];
pub const ORG_KEYS: [&str; 5] = ["name", "population", "employees", "it_staff", "operator"];
pub const ASSET_KEYS: [&str; 20] = [
    "id",
    "name",
    "kind",
    "product",
    "version",
    "quantity",
    "site",
    "depends_on",
    "realizes",
    "operator",
    "sla",
    "service_window",
    "security_level",
    "end_of_support",
    "contract",
    "annual_cost",
    "users",
    "capacity",
    "tags",
    "notes",
];
pub const CONTRACT_KEYS: [&str; 6] = [
    "supplier",
    "ends",
    "notice_months",
    "auto_renew",
    "renews_months",
    "annual_cost",
];
pub const CAPACITY_KEYS: [&str; 5] = crate::model::Capacity::KEYS;

pub fn read(r: &mut Reader, root: Option<&Node>) -> InventoryDoc {
    let mut doc = InventoryDoc::default();
    let Some(root) = root else { return doc };
    let Some(f) = r.map(root, "an inventory file", &FILE_KEYS) else {
        return doc;
    };
    if let Some(n) = f.get("organisation") {
        doc.meta = read_org(r, n);
    }
    for layer in Layer::ALL {
        let Some(n) = f.get(layer.as_str()) else {
            continue;
        };
        let Some(items) = r.list(n, layer.as_str()) else {
            continue;
        };
        doc.assets.reserve(items.len());
        for item in items {
            if let Some(a) = read_asset(r, item, layer) {
                doc.assets.push(a);
            }
        }
    }
    doc
}

fn read_org(r: &mut Reader, n: &Node) -> Option<OrgMeta> {
    let f = r.map(n, "`organisation`", &ORG_KEYS)?;
    let name = r
        .required(&f, "name", "`organisation`")
        .and_then(|v| r.string(v, "name"));
    let mut meta = OrgMeta {
        name: name.unwrap_or_default(),
        loc: r.loc(n.pos),
        ..OrgMeta::default()
    };
    meta.population = f
        .get("population")
        .and_then(|v| r.int(v, "population", 0, u64::MAX));
    meta.employees = f
        .get("employees")
        .and_then(|v| r.int(v, "employees", 0, u64::MAX));
    meta.it_staff = f.get("it_staff").and_then(|v| r.num(v, "it_staff"));
    meta.operator = f.get("operator").and_then(|v| r.string(v, "operator"));
    Some(meta)
}

/// Parses `id` or `org/id`, reporting a malformed ref at its token.
pub fn read_ref(r: &mut Reader, n: &Node, field: &str) -> Option<Ref> {
    let s: &str = match n.as_scalar() {
        Some(s) if !n.is_null() => &s.text,
        _ => {
            // Not a string: let the string reader report it.
            let _ = r.string(n, field);
            return None;
        }
    };
    let (org, id) = match s.split_once('/') {
        Some((o, i)) => (Some(o), i),
        None => (None, s),
    };
    let ok = org.is_none_or(crate::model::is_valid_id) && crate::model::is_valid_id(id);
    if !ok {
        r.error(
            "invalid-ref",
            n.pos,
            format!("`{s}` is not a valid reference"),
            Some(
                "a reference is an asset id in the same organisation (`id`) or `org/id`"
                    .to_string(),
            ),
        );
        return None;
    }
    Some(Ref {
        org: org.map(str::to_string),
        id: id.to_string(),
        loc: r.loc(n.pos),
        resolved: None,
    })
}

/// How messages name an asset of a layer.
fn asset_what(layer: Layer) -> &'static str {
    match layer {
        Layer::Sites => "an asset of `sites`",
        Layer::Networks => "an asset of `networks`",
        Layer::Platforms => "an asset of `platforms`",
        Layer::Clients => "an asset of `clients`",
        Layer::Services => "an asset of `services`",
        // Assets are read per layer list, and `organisation` is not one.
        Layer::Organisation => "an asset",
    }
}

fn read_asset(r: &mut Reader, n: &Node, layer: Layer) -> Option<Asset> {
    let what = asset_what(layer);
    let f: Fields = r.map(n, what, &ASSET_KEYS)?;
    let id = r.required(&f, "id", what).and_then(|v| r.id(v, "id"));
    let name = r
        .required(&f, "name", what)
        .and_then(|v| r.string(v, "name"));
    let kind = r.required(&f, "kind", what).and_then(|v| {
        let k = r.string(v, "kind")?;
        match layer.kind(&k) {
            Some(k) => Some(k),
            None => {
                let other = Layer::ALL.into_iter().find(|l| l.kind(&k).is_some());
                let hint = match other {
                    Some(l) => Some(format!("`{k}` is a kind of `{l}`; move the asset there")),
                    None => {
                        crate::diag::did_you_mean(&k, layer.kinds().iter().copied()).or_else(|| {
                            Some(format!("kinds of `{layer}`: {}", layer.kinds().join(", ")))
                        })
                    }
                };
                r.error(
                    "unknown-kind",
                    v.pos,
                    format!("`{k}` is not a kind of `{layer}`"),
                    hint,
                );
                None
            }
        }
    });
    let mut a = Asset {
        org: OrgIdx(0),
        id: String::new(),
        name: name.unwrap_or_default(),
        layer,
        kind: kind.unwrap_or(""),
        product: None,
        version: None,
        quantity: 1,
        site: None,
        depends_on: Vec::new(),
        realizes: None,
        operator: None,
        sla: None,
        service_window: None,
        security_level: None,
        end_of_support: None,
        contract: None,
        annual_cost: None,
        users: None,
        capacity: None,
        tags: Vec::new(),
        notes: None,
        loc: r.loc(n.pos),
        id_loc: r.loc(n.pos),
        at: FieldPos::default(),
    };
    for (key, v) in f.iter() {
        if v.is_null() {
            continue;
        }
        match key {
            "product" => {
                a.product = r.string(v, key);
                a.at.product = Some(v.pos);
            }
            "version" => a.version = r.string(v, key),
            "quantity" => a.quantity = r.int(v, key, 0, u64::MAX).unwrap_or(1),
            "site" => a.site = read_ref(r, v, key),
            "depends_on" => {
                a.at.depends_on = Some(v.pos);
                if let Some(items) = r.list(v, key) {
                    a.depends_on = items.iter().filter_map(|i| read_ref(r, i, key)).collect();
                }
            }
            "realizes" => a.realizes = r.id(v, key),
            "operator" => {
                a.operator = r.string(v, key);
                a.at.operator = Some(v.pos);
            }
            "sla" => a.sla = r.spanned_string(v, key),
            "service_window" => {
                a.service_window = r.string(v, key);
                a.at.service_window = Some(v.pos);
            }
            "security_level" => {
                a.security_level = r.int(v, key, 0, 4).map(|x| x as u8);
                a.at.security_level = Some(v.pos);
            }
            "end_of_support" => {
                a.end_of_support = r.date(v, key);
                a.at.end_of_support = Some(v.pos);
            }
            "contract" => a.contract = read_contract(r, v),
            "annual_cost" => a.annual_cost = r.num(v, key),
            "users" => a.users = r.int(v, key, 0, u64::MAX),
            "capacity" => a.capacity = read_capacity(r, v),
            "tags" => a.tags = r.string_list(v, key).unwrap_or_default(),
            "notes" => a.notes = r.string(v, key),
            _ => {}
        }
    }
    // An asset without a usable id or kind cannot take part in the estate; its errors are
    // reported and it is left out so that it causes no follow-on errors.
    let id = id?;
    kind?;
    a.id_loc = id.loc;
    a.id = id.value;
    Some(a)
}

fn read_contract(r: &mut Reader, n: &Node) -> Option<Contract> {
    let f = r.map(n, "`contract`", &CONTRACT_KEYS)?;
    Some(Contract {
        supplier: f.get("supplier").and_then(|v| r.string(v, "supplier")),
        ends: f.get("ends").and_then(|v| r.date(v, "ends")),
        notice_months: f
            .get("notice_months")
            .and_then(|v| r.int(v, "notice_months", 0, 1200)),
        auto_renew: f.get("auto_renew").and_then(|v| r.bool(v, "auto_renew")),
        renews_months: f
            .get("renews_months")
            .and_then(|v| r.int(v, "renews_months", 1, 1200)),
        annual_cost: f.get("annual_cost").and_then(|v| r.num(v, "annual_cost")),
    })
}

/// A `capacity` mapping, of an asset or (v1.2) of a target component.
pub fn read_capacity(r: &mut Reader, n: &Node) -> Option<Capacity> {
    let f = r.map(n, "`capacity`", &CAPACITY_KEYS)?;
    Some(Capacity {
        vcpu: f.get("vcpu").and_then(|v| r.num(v, "vcpu")),
        ram_gb: f.get("ram_gb").and_then(|v| r.num(v, "ram_gb")),
        storage_tb: f.get("storage_tb").and_then(|v| r.num(v, "storage_tb")),
        racks: f.get("racks").and_then(|v| r.num(v, "racks")),
        power_kw: f.get("power_kw").and_then(|v| r.num(v, "power_kw")),
    })
}
