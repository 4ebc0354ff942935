//! An organisation's dependency diagram, laid out for SVG by the program itself (no
//! Graphviz on the machine).
//!
//! Assets are drawn in horizontal bands by layer: services on top, then clients, platforms,
//! networks, sites, and other organisations' assets at the bottom, so most arrows ("needs")
//! point down. To stay legible on large estates, client assets of one kind are collapsed
//! into one fleet node, a layer with more than [`MAX_PER_LAYER`] assets is collapsed by
//! kind, and another organisation's assets become one node per organisation.
//!
//! Arrows are `depends_on`; where an asset stands (`site`) is not an arrow but a count on
//! its site ("23 tillgångar står här"), since nearly everything stands in the one server
//! room and a line from each would hide every other line. Names are wrapped onto two lines
//! sized to the box, never cut mid-word unless a single word is longer than the box; a
//! collapsed group is named by its members. Each line leaves and enters its boxes at its
//! own point, sorted by where the other end is, so lines into a busy box fan out instead
//! of meeting in one point. This module computes geometry only; the template draws it and
//! escapes every text.

use crate::graph::Graph;
use crate::model::{AssetIdx, Layer, OrgIdx, Project, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Assets of one layer drawn one by one; above this, the layer is collapsed by kind.
pub const MAX_PER_LAYER: usize = 36;
const PER_ROW: usize = 6;
const NODE_W: f64 = 178.0;
const NODE_H: f64 = 58.0;
const H_GAP: f64 = 18.0;
const ROW_GAP: f64 = 22.0;
const BAND_GAP: f64 = 26.0;
const LABEL_W: f64 = 118.0;
/// Room for text in a box: its width less the padding.
const TEXT_W: f64 = NODE_W - 18.0;
/// The font size of a box's name (as in the stylesheet). The line below it (kind, count)
/// is worded by the template and clipped to the box.
const NAME_PX: f64 = 12.5;

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
    /// Assets whose place (`site`) is counted on their site instead of drawn as a line.
    pub sites_hidden: usize,
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
    /// The label, in full (also the node's tooltip, `title`).
    pub label: String,
    pub title: String,
    /// The label wrapped to fit the box: one or two lines with their baselines.
    pub lines: Vec<Line>,
    /// For a site: how many of the organisation's assets stand there.
    pub located: usize,
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
pub struct Line {
    pub text: String,
    pub y: f64,
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
    /// The names of the assets a collapsed node stands for.
    members: Vec<String>,
    located: usize,
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

/// The width of `s` in pixels at font size `px`, estimated from the widths of the letters
/// of a sans-serif face (bold where `bold`): close enough to wrap a label before it reaches
/// the box's edge.
pub fn text_width(s: &str, px: f64, bold: bool) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '(' | ')' | '[' | ']'
            | 'I' | ' ' => 0.32,
            'f' | 'r' | 't' => 0.42,
            'm' | 'w' | '…' => 0.92,
            'M' | 'W' | 'Å' | 'Ä' | 'Ö' | 'O' | 'Q' | 'G' | 'C' | 'D' | 'H' | 'N' | 'U' => 0.78,
            c if c.is_uppercase() => 0.7,
            c if c.is_ascii_digit() => 0.64,
            _ => 0.6,
        })
        .sum();
    em * px * if bold { 1.1 } else { 1.0 }
}

/// `s` with an ellipsis, as long as fits in `width` pixels.
fn fit(s: &str, width: f64, px: f64, bold: bool) -> String {
    if text_width(s, px, bold) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        let mut next = out.clone();
        next.push(c);
        next.push('…');
        if text_width(&next, px, bold) > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// `s` wrapped at spaces into at most `lines` lines of `width` pixels; the last line ends
/// in an ellipsis when the text does not fit.
pub fn wrap(s: &str, width: f64, px: f64, bold: bool, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let words: Vec<&str> = s.split_whitespace().collect();
    for (wi, w) in words.iter().enumerate() {
        let next = if cur.is_empty() {
            w.to_string()
        } else {
            format!("{cur} {w}")
        };
        if text_width(&next, px, bold) <= width || cur.is_empty() && out.len() + 1 == lines {
            cur = next;
            continue;
        }
        if cur.is_empty() {
            // One word longer than the line: cut it.
            out.push(fit(w, width, px, bold));
            continue;
        }
        out.push(std::mem::take(&mut cur));
        if out.len() == lines {
            let rest = words[wi..].join(" ");
            let last = out.pop().unwrap_or_default();
            out.push(fit(&format!("{last} {rest}"), width, px, bold));
            return out;
        }
        cur = w.to_string();
    }
    if !cur.is_empty() {
        if out.len() == lines {
            let last = out.pop().unwrap_or_default();
            out.push(fit(&format!("{last} {cur}"), width, px, bold));
        } else {
            out.push(fit(&cur, width, px, bold));
        }
    }
    out
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
                Key::Kind(_, kind, _) => kind.to_string(),
                Key::Org(x) => p.org(*x).name().to_string(),
            },
            members: Vec::new(),
            located: 0,
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
        e.members.push(a.name.clone());
        k
    };
    for &i in &mine {
        add(&mut protos, i);
    }
    let mut external_seen = std::collections::HashSet::new();
    let mut sites_hidden = 0;
    for &i in &mine {
        let from = key_of(i);
        let x = p.asset(i);
        // Where it stands, in its own organisation: a count on the site, not a line.
        let site = x.site.as_ref().and_then(|r| r.resolved);
        if let Some(s) = site
            .filter(|&s| p.asset(s).org == o && !x.depends_on.iter().any(|r| r.resolved == Some(s)))
        {
            if let Some(proto) = protos.get_mut(&key_of(s)) {
                proto.located += 1;
            }
            sites_hidden += 1;
        }
        let needs: Vec<AssetIdx> = g
            .dependencies(i)
            .into_iter()
            .filter(|&d| {
                Some(d) != site
                    || p.asset(d).org != o
                    || x.depends_on.iter().any(|r| r.resolved == Some(d))
            })
            .collect();
        for d in needs {
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
            // A collapsed group is named by its members: "Lifecare, Procapita och 3 till"
            // is left to the template; here the first names that fit.
            let label = if collapsed && !external {
                let mut names = v.members.clone();
                names.sort();
                names.dedup();
                names.join(", ")
            } else {
                v.label.clone()
            };
            let lines = wrap(&label, TEXT_W, NAME_PX, true, 2)
                .into_iter()
                .enumerate()
                .map(|(li, text)| Line {
                    text,
                    y: ny + 18.0 + li as f64 * 15.0,
                })
                .collect();
            diagram.nodes.push(Node {
                x,
                y: ny,
                w: NODE_W,
                h: NODE_H,
                text_x: x + 9.0,
                text_y: ny + 18.0,
                sub_y: ny + 50.0,
                label: label.clone(),
                title: label,
                lines,
                located: v.located,
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
    // Each line gets its own point on each box's edge, sorted by where its other end is,
    // so the lines into a busy box fan out along its edge.
    #[derive(Clone, Copy, PartialEq)]
    enum Side {
        Top,
        Bottom,
    }
    /// A line between two placed boxes: its ends, how many dependencies it stands for, and
    /// the boxes' centres.
    type Placed<'k> = (&'k Key, &'k Key, usize, (f64, f64), (f64, f64));
    /// The lines at one edge of a box: the other end's x, the line and whether it leaves.
    type Port = Vec<(f64, usize, bool)>;
    let placed: Vec<Placed> = edges
        .iter()
        .filter_map(|((a, b), count)| Some((a, b, *count, *pos.get(a)?, *pos.get(b)?)))
        .collect();
    let sides = |y1: f64, y2: f64| {
        if y2 > y1 {
            (Side::Bottom, Side::Top)
        } else if y2 < y1 {
            (Side::Top, Side::Bottom)
        } else {
            (Side::Bottom, Side::Bottom)
        }
    };
    let mut ports: HashMap<(&Key, bool), Port> = HashMap::new();
    for (ei, (a, b, _, (x1, y1), (x2, y2))) in placed.iter().enumerate() {
        let (sa, sb) = sides(*y1, *y2);
        ports
            .entry((*a, sa == Side::Top))
            .or_default()
            .push((*x2, ei, true));
        ports
            .entry((*b, sb == Side::Top))
            .or_default()
            .push((*x1, ei, false));
    }
    let mut at: HashMap<(usize, bool), f64> = HashMap::new();
    for ((k, _), list) in &mut ports {
        list.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        let cx = pos.get(*k).map_or(0.0, |p| p.0);
        let span = (NODE_W - 24.0).min(14.0 * (list.len() as f64 - 1.0));
        for (n, (_, ei, from)) in list.iter().enumerate() {
            let off = if list.len() < 2 {
                0.0
            } else {
                -span / 2.0 + span * n as f64 / (list.len() as f64 - 1.0)
            };
            at.insert((*ei, *from), cx + off);
        }
    }
    for (ei, (_, _, count, (_, y1), (_, y2))) in placed.iter().enumerate() {
        let (y1, y2) = (*y1, *y2);
        let x1 = at.get(&(ei, true)).copied().unwrap_or_default();
        let x2 = at.get(&(ei, false)).copied().unwrap_or_default();
        let d = if y2 > y1 {
            let (sy, ey) = (y1 + NODE_H, y2);
            let m = (ey - sy) / 2.0;
            curve(x1, sy, sy + m, x2, ey - m, ey)
        } else if y2 < y1 {
            let (sy, ey) = (y1, y2 + NODE_H);
            let m = (sy - ey) / 2.0;
            curve(x1, sy, sy - m, x2, ey + m, ey)
        } else {
            let sy = y1 + NODE_H;
            curve(x1, sy, sy + 18.0, x2, sy + 18.0, sy)
        };
        diagram.edges.push(Edge { d, count: *count });
    }
    diagram.sites_hidden = sites_hidden;
    diagram.width = width;
    diagram.height = y - BAND_GAP + 10.0;
    diagram
}

/// The path of a line from (`x1`, `sy`) to (`x2`, `ey`), a cubic curve through the control
/// points (`x1`, `c1`) and (`x2`, `c2`): `M{x1},{sy} C{x1},{c1} {x2},{c2} {x2},{ey}`, each
/// number with one decimal.
fn curve(x1: f64, sy: f64, c1: f64, x2: f64, c2: f64, ey: f64) -> String {
    let mut d = String::with_capacity(64);
    for (lead, v) in [
        ("M", x1),
        (",", sy),
        (" C", x1),
        (",", c1),
        (" ", x2),
        (",", c2),
        (" ", x2),
        (",", ey),
    ] {
        d.push_str(lead);
        push_one_decimal(&mut d, v);
    }
    d
}

/// Writes `v` with one decimal, the bytes of `format!("{v:.1}")`. A diagram has thousands
/// of coordinates a page and Rust's exact float formatting is slow, so the usual case (not
/// negative, below a billion, not within a thousandth of a tie between two decimals) is
/// rounded here: ten times `v` is then within a millionth of its float product, so that
/// rounding it to a whole number is the exactly rounded decimal. Anything else is left to
/// `format!`.
fn push_one_decimal(out: &mut String, v: f64) {
    use std::fmt::Write;
    let t = v * 10.0;
    let r = t.round();
    if v.is_sign_positive() && v < 1e9 && (t - r).abs() < 0.499 {
        let n = r as u64;
        let _ = write!(out, "{}.{}", n / 10, n % 10);
    } else {
        let _ = write!(out, "{v:.1}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_is_what_format_writes() {
        let mut values = vec![
            0.0,
            -0.0,
            0.05,
            0.15,
            0.25,
            0.95,
            1.25,
            2.5,
            9.95,
            99.95,
            123.456,
            -1.25,
            -0.04,
            1e9,
            2e9,
            1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.049999999,
        ];
        // Coordinates as the layout makes them: a centre plus a share of a span.
        for n in 0..4000u32 {
            let span = 14.0 * f64::from(n % 9);
            values.push(f64::from(n) * 0.37 + span * f64::from(n % 7) / 6.0 - span / 2.0);
            values.push(f64::from(n) / 3.0);
            values.push(f64::from(n) * 0.05);
        }
        for v in values {
            let mut s = String::new();
            push_one_decimal(&mut s, v);
            assert_eq!(s, format!("{v:.1}"), "{v:e}");
        }
        let (x1, sy, c1, x2, c2, ey) = (10.0, 20.25, 30.04, 40.06, 50.0, 60.75);
        assert_eq!(
            curve(x1, sy, c1, x2, c2, ey),
            format!("M{x1:.1},{sy:.1} C{x1:.1},{c1:.1} {x2:.1},{c2:.1} {x2:.1},{ey:.1}")
        );
    }
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
