//! `samdrift export cypher`: the whole multi-organisation graph as a Cypher script for Neo4j
//! (`cypher-shell -f estate.cypher`, or paste into the browser).
//!
//! Nodes: `(:Organisation {id})`, `(:Asset:<Layer> {ref: "org/id", …})` with one label per
//! layer (`Site`, `Network`, `Platform`, `Client`, `Service`), and `(:Component {ref:
//! "target/id"})` for each target component. Relations: `BELONGS_TO` (asset → org),
//! `RUNS_AT` (asset → its site), `DEPENDS_ON` (asset → asset, component → component),
//! `REALIZES` (asset → component of every target that has it). The script only MERGEs, so
//! running it twice changes nothing; rows go in `UNWIND` batches so large estates load fast.

use crate::graph::{EdgeKind, Graph};
use crate::model::{Asset, Layer, Num, Project};
use std::fmt::Write as _;

/// Rows per `UNWIND` statement.
const BATCH: usize = 500;

/// A Cypher string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn label(l: Layer) -> &'static str {
    match l {
        Layer::Sites => "Site",
        Layer::Networks => "Network",
        Layer::Platforms => "Platform",
        Layer::Clients => "Client",
        Layer::Services => "Service",
        Layer::Organisation => "Organisation",
    }
}

/// A map literal from the entries that have a value.
fn map(entries: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = entries
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

fn num(n: Num) -> String {
    n.to_string()
}

fn asset_props(p: &Project, a: &Asset) -> String {
    let s = |v: &str| Some(string(v));
    let tags = (!a.tags.is_empty()).then(|| {
        format!(
            "[{}]",
            a.tags
                .iter()
                .map(|t| string(t))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    let cost = a.yearly_cost();
    map(&[
        ("ref", s(&format!("{}/{}", p.org(a.org).id, a.id))),
        ("org", s(&p.org(a.org).id)),
        ("id", s(&a.id)),
        ("name", s(&a.name)),
        ("layer", s(a.layer.as_str())),
        ("kind", s(a.kind)),
        ("quantity", Some(a.quantity.to_string())),
        ("product", a.product.as_deref().map(string)),
        ("version", a.version.as_deref().map(string)),
        ("operator", a.operator.as_deref().map(string)),
        ("sla", a.sla.as_ref().map(|x| string(x))),
        ("service_window", a.service_window.as_deref().map(string)),
        ("security_level", a.security_level.map(|x| x.to_string())),
        (
            "end_of_support",
            a.end_of_support.map(|d| format!("date('{d}')")),
        ),
        (
            "contract_ends",
            a.contract
                .as_ref()
                .and_then(|c| c.ends)
                .map(|d| format!("date('{d}')")),
        ),
        (
            "supplier",
            a.contract
                .as_ref()
                .and_then(|c| c.supplier.as_deref())
                .map(string),
        ),
        ("annual_cost", (cost > 0.0).then(|| num(Num(cost)))),
        ("users", a.users.map(|u| u.to_string())),
        ("tags", tags),
        ("file", s(p.file(a.loc.file))),
        ("line", Some(a.loc.pos.line.to_string())),
    ])
}

fn batches(out: &mut String, rows: &[String], statement: &str) {
    for chunk in rows.chunks(BATCH) {
        let _ = writeln!(
            out,
            "UNWIND [\n  {}\n] AS row\n{statement};",
            chunk.join(",\n  ")
        );
    }
}

/// The Cypher script for the whole project.
pub fn cypher(p: &Project, g: &Graph) -> String {
    let mut out = String::from(
        "// samdrift: the estate as a Neo4j graph. Load with: cypher-shell -f FILE\n\
         CREATE CONSTRAINT samdrift_org IF NOT EXISTS FOR (o:Organisation) REQUIRE o.id IS UNIQUE;\n\
         CREATE CONSTRAINT samdrift_asset IF NOT EXISTS FOR (a:Asset) REQUIRE a.ref IS UNIQUE;\n\
         CREATE CONSTRAINT samdrift_component IF NOT EXISTS FOR (c:Component) REQUIRE c.ref IS UNIQUE;\n",
    );
    let orgs: Vec<String> = p
        .orgs
        .iter()
        .map(|o| {
            let m = o.meta.as_ref();
            map(&[
                ("id", Some(string(&o.id))),
                ("name", Some(string(o.name()))),
                (
                    "population",
                    m.and_then(|m| m.population).map(|v| v.to_string()),
                ),
                (
                    "employees",
                    m.and_then(|m| m.employees).map(|v| v.to_string()),
                ),
                (
                    "it_staff",
                    m.and_then(|m| m.it_staff).map(|v| v.to_string()),
                ),
                (
                    "operator",
                    m.and_then(|m| m.operator.as_deref()).map(string),
                ),
            ])
        })
        .collect();
    batches(
        &mut out,
        &orgs,
        "MERGE (o:Organisation {id: row.id}) SET o += row",
    );
    for layer in Layer::ALL {
        let rows: Vec<String> = p
            .assets
            .iter()
            .filter(|a| a.layer == layer)
            .map(|a| asset_props(p, a))
            .collect();
        batches(
            &mut out,
            &rows,
            &format!(
                "MERGE (a:Asset {{ref: row.ref}}) SET a:{}, a += row\n\
                 WITH a, row MATCH (o:Organisation {{id: row.org}}) MERGE (a)-[:BELONGS_TO]->(o)",
                label(layer)
            ),
        );
    }
    let mut runs_at = Vec::new();
    let mut depends = Vec::new();
    for (a, b, kind) in g.edges() {
        let pair = format!("[{}, {}]", string(&p.asset_ref(a)), string(&p.asset_ref(b)));
        match kind {
            EdgeKind::Site => runs_at.push(pair),
            EdgeKind::DependsOn => depends.push(pair),
        }
    }
    for (rows, rel) in [(&runs_at, "RUNS_AT"), (&depends, "DEPENDS_ON")] {
        batches(
            &mut out,
            rows,
            &format!(
                "MATCH (a:Asset {{ref: row[0]}}), (b:Asset {{ref: row[1]}}) MERGE (a)-[:{rel}]->(b)"
            ),
        );
    }
    let mut components = Vec::new();
    let mut comp_deps = Vec::new();
    let mut realizes = Vec::new();
    for t in &p.targets {
        for c in &t.components {
            let r = format!("{}/{}", t.id, c.id);
            components.push(map(&[
                ("ref", Some(string(&r))),
                ("target", Some(string(&t.id))),
                ("id", Some(string(&c.id))),
                ("name", Some(string(&c.name))),
                ("layer", Some(string(c.layer.as_str()))),
                ("kind", Some(string(c.kind))),
                ("product", c.product.as_deref().map(string)),
                ("establish_hours", Some(num(c.establish_hours))),
                ("establish_cost", Some(num(c.establish_cost))),
                ("annual_cost", Some(num(c.annual_cost))),
            ]));
            for d in &c.depends_on {
                comp_deps.push(format!(
                    "[{}, {}]",
                    string(&r),
                    string(&format!("{}/{}", t.id, d.value))
                ));
            }
        }
        for (i, a) in p.assets.iter().enumerate() {
            if let Some(c) = &a.realizes
                && t.component(c).is_some()
            {
                realizes.push(format!(
                    "[{}, {}]",
                    string(&p.asset_ref(crate::model::AssetIdx(i as u32))),
                    string(&format!("{}/{}", t.id, c.value))
                ));
            }
        }
    }
    batches(
        &mut out,
        &components,
        "MERGE (c:Component {ref: row.ref}) SET c += row",
    );
    batches(
        &mut out,
        &comp_deps,
        "MATCH (a:Component {ref: row[0]}), (b:Component {ref: row[1]}) MERGE (a)-[:DEPENDS_ON]->(b)",
    );
    batches(
        &mut out,
        &realizes,
        "MATCH (a:Asset {ref: row[0]}), (c:Component {ref: row[1]}) MERGE (a)-[:REALIZES]->(c)",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string("it's"), "'it\\'s'");
        assert_eq!(string("a\\b\nc"), "'a\\\\b\\nc'");
        assert_eq!(string("Gnosjö"), "'Gnosjö'");
    }
}
