//! An organisation's dependency diagram, laid out for SVG by the program itself (no
//! Graphviz on the machine).
//!
//! Assets are drawn in horizontal bands by layer: services on top, then clients, platforms,
//! networks, sites, and other organisations' assets at the bottom, so most arrows ("needs")
//! point down. To stay legible on large estates, client assets of one kind are collapsed
//! into one fleet node, a layer with more than [`MAX_PER_LAYER`] assets is collapsed by
//! kind, and another organisation's assets become one node per organisation. This module
//! computes geometry only; the template draws it and escapes every text.

use crate::graph::Graph;
use crate::model::{AssetIdx, Layer, OrgIdx, Project, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Assets of one layer drawn one by one; above this, the layer is collapsed by kind.
pub const MAX_PER_LAYER: usize = 36;
const PER_ROW: usize = 6;
const NODE_W: f64 = 178.0;
const NODE_H: f64 = 46.0;
const H_GAP: f64 = 18.0;
const ROW_GAP: f64 = 22.0;
const BAND_GAP: f64 = 26.0;
const LABEL_W: f64 = 118.0;
const LABEL_CHARS: usize = 22;

#[derive(Serialize, Default)]
pub struct Diagram {
    pub width: f64,
    pub height: f64,
    pub bands: Vec<Band>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Assets drawn (each collapsed node counts its members).
    pub assets: usize,
    /// Nodes that stand for several assets.
    pub collapsed: usize,
}

#[derive(Serialize)]
pub struct Band {
    /// `None`: other organisations.
    pub layer: Option<Layer>,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub text_y: f64,
}

#[derive(Serialize)]
pub struct Node {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub text_x: f64,
    pub text_y: f64,
    pub sub_y: f64,
    /// The label, shortened to fit; `title` has it in full.
    pub label: String,
    pub title: String,
    pub kind: Option<&'static str>,
    /// For a collapsed group of services: the tag they share.
    pub group: Option<String>,
    pub quantity: u64,
    /// How many assets the node stands for (1 for a single asset).
    pub entries: usize,
    pub collapsed: bool,
    pub external: bool,
    pub worst: Option<Severity>,
    pub href: Option<String>,
}

#[derive(Serialize)]
pub struct Edge {
    pub d: String,
    /// How many asset-to-asset dependencies the line stands for.
    pub count: usize,
}

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum Key {
    Asset(AssetIdx),
    /// Assets of one layer and kind (for services, also of one first tag).
    Kind(Layer, &'static str, Option<String>),
    Org(OrgIdx),
}

struct Proto {
    band: usize,
    label: String,
    kind: Option<&'static str>,
    quantity: u64,
    entries: usize,
    worst: Option<Severity>,
}

const BANDS: [Option<Layer>; 6] = [
    Some(Layer::Services),
    Some(Layer::Clients),
    Some(Layer::Platforms),
    Some(Layer::Networks),
    Some(Layer::Sites),
    None,
];

fn band_of(l: Layer) -> usize {
    BANDS.iter().position(|b| *b == Some(l)).unwrap_or(0)
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= LABEL_CHARS {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(LABEL_CHARS - 1).collect();
        t.push('…');
        t
    }
}

/// Lays out the diagram of org `o`. `worst` has the most severe open gap of each asset;
/// `link` gives an asset's page link.
pub fn org_diagram(
    p: &Project,
    g: &Graph,
    o: OrgIdx,
    worst: &HashMap<AssetIdx, Severity>,
    link: &dyn Fn(AssetIdx) -> String,
) -> Diagram {
    let range = p.org(o).assets.clone();
    let mine: Vec<AssetIdx> = range.clone().map(AssetIdx).collect();
    let mut per_layer: HashMap<Layer, usize> = HashMap::new();
    let mut per_kind: HashMap<(Layer, &str), usize> = HashMap::new();
    for &i in &mine {
        let a = p.asset(i);
        *per_layer.entry(a.layer).or_default() += 1;
        *per_kind.entry((a.layer, a.kind)).or_default() += 1;
    }
    let key_of = |i: AssetIdx| -> Key {
        let a = p.asset(i);
        if a.org != o {
            return Key::Org(a.org);
        }
        let collapse = (a.layer == Layer::Clients && per_kind[&(a.layer, a.kind)] > 1)
            || per_layer[&a.layer] > MAX_PER_LAYER;
        if collapse {
            let tag = (a.layer == Layer::Services && per_layer[&a.layer] > MAX_PER_LAYER)
                .then(|| a.tags.first().cloned())
                .flatten();
            Key::Kind(a.layer, a.kind, tag)
        } else {
            Key::Asset(i)
        }
    };
    let mut protos: BTreeMap<Key, Proto> = BTreeMap::new();
    let mut edges: BTreeMap<(Key, Key), usize> = BTreeMap::new();
    let add = |protos: &mut BTreeMap<Key, Proto>, i: AssetIdx| -> Key {
        let k = key_of(i);
        let a = p.asset(i);
        let w = worst.get(&i).copied();
        let e = protos.entry(k.clone()).or_insert_with(|| Proto {
            band: match &k {
                Key::Org(_) => BANDS.len() - 1,
                _ => band_of(a.layer),
            },
            label: match &k {
                Key::Asset(_) => a.name.clone(),
                Key::Kind(_, kind, tag) => tag.clone().unwrap_or_else(|| kind.to_string()),
                Key::Org(x) => p.org(*x).name().to_string(),
            },
            kind: match &k {
                Key::Org(_) => None,
                _ => Some(a.kind),
            },
            quantity: 0,
            entries: 0,
            worst: None,
        });
        e.quantity += a.quantity;
        e.entries += 1;
        e.worst = e.worst.max(w);
        k
    };
    for &i in &mine {
        add(&mut protos, i);
    }
    let mut external_seen = std::collections::HashSet::new();
    for &i in &mine {
        let from = key_of(i);
        for d in g.dependencies(i) {
            let to = if p.asset(d).org == o {
                key_of(d)
            } else {
                if external_seen.insert(d) {
                    add(&mut protos, d)
                } else {
                    key_of(d)
                }
            };
            if from != to {
                *edges.entry((from.clone(), to)).or_default() += 1;
            }
        }
    }

    // Order nodes band by band: the first by label, later ones by the mean position of
    // their neighbours in bands above, which keeps most lines short and uncrossed.
    let mut neighbours: HashMap<&Key, Vec<&Key>> = HashMap::new();
    for (a, b) in edges.keys() {
        neighbours.entry(a).or_default().push(b);
        neighbours.entry(b).or_default().push(a);
    }
    let mut pos: HashMap<Key, (f64, f64)> = HashMap::new();
    let mut diagram = Diagram::default();
    let inner_w = PER_ROW as f64 * (NODE_W + H_GAP) - H_GAP;
    let width = LABEL_W + inner_w + 20.0;
    let mut y = 10.0;
    for (bi, band) in BANDS.iter().enumerate() {
        let mut keys: Vec<(&Key, &Proto)> = protos.iter().filter(|(_, v)| v.band == bi).collect();
        if keys.is_empty() {
            continue;
        }
        let bary = |k: &Key| -> Option<f64> {
            let xs: Vec<f64> = neighbours
                .get(k)
                .into_iter()
                .flatten()
                .filter_map(|n| pos.get(*n).map(|p| p.0))
                .collect();
            (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
        };
        let mut scored: Vec<(f64, &Key, &Proto)> = keys
            .drain(..)
            .map(|(k, v)| (bary(k).unwrap_or(f64::MAX), k, v))
            .collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.2.label.cmp(&b.2.label)));
        let rows = scored.len().div_ceil(PER_ROW);
        let band_h = rows as f64 * (NODE_H + ROW_GAP) - ROW_GAP + 40.0;
        diagram.bands.push(Band {
            layer: *band,
            y,
            width: width - 4.0,
            height: band_h,
            text_y: y + 18.0,
        });
        for (n, (_, k, v)) in scored.iter().enumerate() {
            let row = n / PER_ROW;
            let in_row = (scored.len() - row * PER_ROW).min(PER_ROW);
            let row_w = in_row as f64 * (NODE_W + H_GAP) - H_GAP;
            let x0 = LABEL_W + (inner_w - row_w) / 2.0;
            let x = x0 + (n % PER_ROW) as f64 * (NODE_W + H_GAP);
            let ny = y + 28.0 + row as f64 * (NODE_H + ROW_GAP);
            pos.insert((*k).clone(), (x + NODE_W / 2.0, ny));
            let external = matches!(k, Key::Org(_));
            let collapsed = !matches!(k, Key::Asset(_));
            if collapsed && !external {
                diagram.collapsed += 1;
            }
            if !external {
                diagram.assets += v.entries;
            }
            diagram.nodes.push(Node {
                x,
                y: ny,
                w: NODE_W,
                h: NODE_H,
                text_x: x + 10.0,
                text_y: ny + 19.0,
                sub_y: ny + 36.0,
                label: shorten(&v.label),
                title: v.label.clone(),
                kind: v.kind,
                group: match k {
                    Key::Kind(_, _, tag) => tag.clone(),
                    _ => None,
                },
                quantity: v.quantity,
                entries: v.entries,
                collapsed,
                external,
                worst: v.worst,
                href: match k {
                    Key::Asset(i) => Some(link(*i)),
                    Key::Kind(..) => None,
                    Key::Org(x) => Some(super::rows::org_href(&p.org(*x).id)),
                },
            });
        }
        y += band_h + BAND_GAP;
    }
    for ((a, b), count) in &edges {
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (pos.get(a), pos.get(b)) else {
            continue;
        };
        let d = if y2 > y1 {
            let (sy, ey) = (y1 + NODE_H, y2);
            let m = (ey - sy) / 2.0;
            format!(
                "M{x1:.1},{sy:.1} C{x1:.1},{:.1} {x2:.1},{:.1} {x2:.1},{ey:.1}",
                sy + m,
                ey - m
            )
        } else if y2 < y1 {
            let (sy, ey) = (y1, y2 + NODE_H);
            let m = (sy - ey) / 2.0;
            format!(
                "M{x1:.1},{sy:.1} C{x1:.1},{:.1} {x2:.1},{:.1} {x2:.1},{ey:.1}",
                sy - m,
                ey + m
            )
        } else {
            let sy = y1 + NODE_H;
            format!(
                "M{x1:.1},{sy:.1} C{x1:.1},{:.1} {x2:.1},{:.1} {x2:.1},{sy:.1}",
                sy + 18.0,
                sy + 18.0
            )
        };
        diagram.edges.push(Edge { d, count: *count });
    }
    diagram.width = width;
    diagram.height = y - BAND_GAP + 10.0;
    diagram
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_files;

    #[test]
    fn fleets_collapse_and_other_orgs_become_one_node() {
        let mut clients = String::from("clients:\n");
        for i in 0..5 {
            clients.push_str(&format!(
                "  - {{id: pc{i}, name: PC {i}, kind: laptop, quantity: 100, depends_on: [ad]}}\n"
            ));
        }
        let files = vec![
            (
                "inventory/a/x.yaml".to_string(),
                format!("{clients}platforms:\n  - {{id: ad, name: AD, kind: directory, depends_on: [b/dns, b/dc]}}\n").into_bytes(),
            ),
            (
                "inventory/b/x.yaml".to_string(),
                b"sites:\n  - {id: dc, name: DC, kind: datacenter}\nnetworks:\n  - {id: dns, name: DNS, kind: dns-dhcp}\n".to_vec(),
            ),
        ];
        let l = load_files(&files).unwrap();
        let p = &l.project;
        let g = Graph::build(p);
        let d = org_diagram(p, &g, OrgIdx(0), &HashMap::new(), &|_| String::new());
        // One laptop fleet, AD, and organisation b.
        assert_eq!(
            d.nodes.len(),
            3,
            "{:?}",
            d.nodes.iter().map(|n| &n.label).collect::<Vec<_>>()
        );
        let fleet = d.nodes.iter().find(|n| n.collapsed && !n.external).unwrap();
        assert_eq!((fleet.entries, fleet.quantity), (5, 500));
        assert_eq!(d.edges.len(), 2);
        assert_eq!(d.edges.iter().map(|e| e.count).sum::<usize>(), 7);
        assert_eq!(d.assets, 6);
    }
}
