//! Renderings of the dependency graph (`samdrift graph`) and of an impact set
//! (`samdrift impact`).

use crate::graph::Graph;
use crate::model::{AssetIdx, Layer, Project};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;
use std::collections::BTreeMap;

/// The part of the graph a view shows: the assets of the chosen orgs, plus the assets of
/// other orgs that they touch (marked external).
pub struct Subgraph {
    pub nodes: Vec<(AssetIdx, bool)>,
    pub edges: Vec<(AssetIdx, AssetIdx, &'static str)>,
}

pub fn subgraph(p: &Project, g: &Graph, org: Option<&str>) -> Subgraph {
    let inside = |i: AssetIdx| org.is_none_or(|o| p.org(p.asset(i).org).id == o);
    let edges: Vec<_> = g
        .edges()
        .into_iter()
        .filter(|(a, b, _)| inside(*a) || inside(*b))
        .map(|(a, b, k)| (a, b, k.as_str()))
        .collect();
    let mut nodes: Vec<(AssetIdx, bool)> = (0..p.assets.len() as u32)
        .map(AssetIdx)
        .filter(|&i| inside(i))
        .map(|i| (i, false))
        .collect();
    let mut external: Vec<AssetIdx> = edges
        .iter()
        .flat_map(|(a, b, _)| [*a, *b])
        .filter(|&i| !inside(i))
        .collect();
    external.sort();
    external.dedup();
    nodes.extend(external.into_iter().map(|i| (i, true)));
    nodes.sort();
    Subgraph { nodes, edges }
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: String,
    org: &'a str,
    asset: &'a str,
    name: &'a str,
    layer: Layer,
    kind: &'a str,
    quantity: u64,
    file: &'a str,
    line: u32,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    external: bool,
}

#[derive(Serialize)]
struct JsonEdge {
    from: String,
    to: String,
    kind: &'static str,
}

pub fn json(p: &Project, s: &Subgraph) -> String {
    let nodes: Vec<JsonNode> = s
        .nodes
        .iter()
        .map(|&(i, external)| {
            let a = p.asset(i);
            JsonNode {
                id: p.asset_ref(i),
                org: &p.org(a.org).id,
                asset: &a.id,
                name: &a.name,
                layer: a.layer,
                kind: a.kind,
                quantity: a.quantity,
                file: p.file(a.loc.file),
                line: a.loc.pos.line,
                external,
            }
        })
        .collect();
    let edges: Vec<JsonEdge> = s
        .edges
        .iter()
        .map(|&(a, b, kind)| JsonEdge {
            from: p.asset_ref(a),
            to: p.asset_ref(b),
            kind,
        })
        .collect();
    let v = serde_json::json!({"nodes": nodes, "edges": edges});
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Graphviz DOT, one cluster per organisation, nodes shaped by layer.
pub fn dot(p: &Project, s: &Subgraph) -> String {
    let mut out = String::from(
        "digraph samdrift {\n  rankdir=LR;\n  node [fontname=\"sans-serif\", fontsize=10];\n",
    );
    let mut by_org: BTreeMap<&str, Vec<(AssetIdx, bool)>> = BTreeMap::new();
    for &(i, ext) in &s.nodes {
        by_org
            .entry(&p.org(p.asset(i).org).id)
            .or_default()
            .push((i, ext));
    }
    for (n, (org, nodes)) in by_org.iter().enumerate() {
        let oi = p.org_by_id(org);
        let label = oi.map_or(org.to_string(), |o| p.org(o).name().to_string());
        out.push_str(&format!(
            "  subgraph cluster_{n} {{\n    label=\"{}\";\n",
            dot_escape(&label)
        ));
        for &(i, ext) in nodes {
            let a = p.asset(i);
            let shape = match a.layer {
                Layer::Sites => "house",
                Layer::Networks => "hexagon",
                Layer::Platforms => "box",
                Layer::Clients => "component",
                Layer::Services => "ellipse",
                Layer::Organisation => "note",
            };
            let qty = if a.quantity != 1 {
                format!(" ×{}", a.quantity)
            } else {
                String::new()
            };
            let style = if ext { ", style=dashed" } else { "" };
            out.push_str(&format!(
                "    \"{}\" [label=\"{}{}\\n{}\", shape={shape}{style}];\n",
                dot_escape(&p.asset_ref(i)),
                dot_escape(&a.name),
                dot_escape(&qty),
                a.kind
            ));
        }
        out.push_str("  }\n");
    }
    for &(a, b, kind) in &s.edges {
        let style = if kind == "site" {
            " [style=dotted]"
        } else {
            ""
        };
        out.push_str(&format!(
            "  \"{}\" -> \"{}\"{style};\n",
            dot_escape(&p.asset_ref(a)),
            dot_escape(&p.asset_ref(b))
        ));
    }
    out.push_str("}\n");
    out
}

/// The GraphML id of an asset: `org:asset`. GraphML ids are `xs:NMTOKEN`, which has no `/`;
/// org and asset ids (`[a-z0-9._-]`) never hold a `:`, so the id is unique and reads back.
/// The samdrift reference (`org/asset`) is kept as the node's `ref` data.
fn graphml_id(p: &Project, i: AssetIdx) -> String {
    let a = p.asset(i);
    format!("{}:{}", p.org(a.org).id, a.id)
}

/// GraphML, valid against the GraphML 1.0 schema: node attributes for the samdrift
/// reference, org, name, layer, kind and quantity.
pub fn graphml(p: &Project, s: &Subgraph) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let write = |w: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut root = BytesStart::new("graphml");
        root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
        w.write_event(Event::Start(root))?;
        let keys = [
            ("ref", "node"),
            ("org", "node"),
            ("name", "node"),
            ("layer", "node"),
            ("kind", "node"),
            ("quantity", "node"),
            ("external", "node"),
            ("edge_kind", "edge"),
        ];
        for (id, domain) in keys {
            let ty = match id {
                "quantity" => "long",
                "external" => "boolean",
                _ => "string",
            };
            w.create_element("key")
                .with_attributes([
                    ("id", id),
                    ("for", domain),
                    ("attr.name", id),
                    ("attr.type", ty),
                ])
                .write_empty()?;
        }
        let mut graph = BytesStart::new("graph");
        graph.push_attribute(("id", "samdrift"));
        graph.push_attribute(("edgedefault", "directed"));
        w.write_event(Event::Start(graph))?;
        for &(i, ext) in &s.nodes {
            let a = p.asset(i);
            let id = graphml_id(p, i);
            let reference = p.asset_ref(i);
            w.create_element("node")
                .with_attribute(("id", id.as_str()))
                .write_inner_content(|w| {
                    let qty = a.quantity.to_string();
                    let data = [
                        ("ref", reference.as_str()),
                        ("org", p.org(a.org).id.as_str()),
                        ("name", a.name.as_str()),
                        ("layer", a.layer.as_str()),
                        ("kind", a.kind),
                        ("quantity", qty.as_str()),
                        ("external", if ext { "true" } else { "false" }),
                    ];
                    for (k, v) in data {
                        w.create_element("data")
                            .with_attribute(("key", k))
                            .write_text_content(BytesText::new(&super::xml_safe(v)))?;
                    }
                    Ok(())
                })?;
        }
        for &(a, b, kind) in &s.edges {
            let (from, to) = (graphml_id(p, a), graphml_id(p, b));
            w.create_element("edge")
                .with_attributes([("source", from.as_str()), ("target", to.as_str())])
                .write_inner_content(|w| {
                    w.create_element("data")
                        .with_attribute(("key", "edge_kind"))
                        .write_text_content(BytesText::new(kind))?;
                    Ok(())
                })?;
        }
        w.write_event(Event::End(BytesEnd::new("graph")))?;
        w.write_event(Event::End(BytesEnd::new("graphml")))?;
        Ok(())
    };
    // Writing to a Vec cannot fail.
    let _ = write(&mut w);
    String::from_utf8(w.into_inner()).unwrap_or_default() + "\n"
}

/// The blast radius of an asset, grouped by org and layer.
#[derive(Serialize)]
pub struct Impact {
    pub asset: String,
    pub name: String,
    pub dependents: Vec<Dependent>,
    pub summary: ImpactSummary,
}

#[derive(Serialize)]
pub struct Dependent {
    pub org: String,
    pub asset: String,
    pub name: String,
    pub layer: Layer,
    pub kind: &'static str,
    pub quantity: u64,
    pub users: Option<u64>,
    pub file: String,
    pub line: u32,
}

#[derive(Serialize)]
pub struct ImpactSummary {
    pub assets: usize,
    pub organisations: usize,
    pub users: u64,
}

pub fn impact(p: &Project, g: &Graph, i: AssetIdx) -> Impact {
    let mut dependents: Vec<Dependent> = g
        .impact(i)
        .into_iter()
        .map(|d| {
            let a = p.asset(d);
            Dependent {
                org: p.org(a.org).id.clone(),
                asset: a.id.clone(),
                name: a.name.clone(),
                layer: a.layer,
                kind: a.kind,
                quantity: a.quantity,
                users: a.users,
                file: p.file(a.loc.file).to_string(),
                line: a.loc.pos.line,
            }
        })
        .collect();
    dependents.sort_by(|a, b| (&a.org, a.layer, &a.asset).cmp(&(&b.org, b.layer, &b.asset)));
    let mut orgs: Vec<&str> = dependents.iter().map(|d| d.org.as_str()).collect();
    orgs.dedup();
    let summary = ImpactSummary {
        assets: dependents.len(),
        organisations: orgs.len(),
        users: dependents
            .iter()
            .filter(|d| d.layer == Layer::Services)
            .filter_map(|d| d.users)
            .sum(),
    };
    Impact {
        asset: p.asset_ref(i),
        name: p.asset(i).name.clone(),
        dependents,
        summary,
    }
}

pub fn impact_text(p: &Project, imp: &Impact) -> String {
    let mut out = format!(
        "{} ({}): {} asset{} in {} organisation{} depend on it",
        imp.asset,
        crate::diag::escape(&imp.name),
        imp.summary.assets,
        crate::diag::plural(imp.summary.assets),
        imp.summary.organisations,
        crate::diag::plural(imp.summary.organisations)
    );
    if imp.summary.users > 0 {
        out.push_str(&format!(", services with {} users", imp.summary.users));
    }
    out.push('\n');
    let mut last_org = "";
    let mut last_layer = None;
    for d in &imp.dependents {
        if d.org != last_org {
            let name = p.org_by_id(&d.org).map_or(d.org.clone(), |o| {
                crate::diag::escape(p.org(o).name()).into_owned()
            });
            out.push_str(&format!("\n{} ({name})\n", d.org));
            last_org = &d.org;
            last_layer = None;
        }
        if last_layer != Some(d.layer) {
            out.push_str(&format!("  {}\n", d.layer));
            last_layer = Some(d.layer);
        }
        let qty = if d.quantity != 1 {
            format!(" ×{}", d.quantity)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "    {:<28} {}{qty} [{}]  {}:{}\n",
            d.asset,
            crate::diag::escape(&d.name),
            d.kind,
            crate::diag::escape(&d.file),
            d.line
        ));
    }
    out
}
