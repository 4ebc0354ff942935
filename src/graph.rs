//! The dependency graph of the whole estate, across organisations.
//!
//! Nodes are assets; an edge A → B means "A needs B to work" (B is A's `site` or is in A's
//! `depends_on`). petgraph stays behind this module: callers speak in [`AssetIdx`].
//!
//! Cycles are not errors. Real estates have them (a directory server that needs DNS, a DNS
//! server that authenticates against the directory); they are found as strongly connected
//! components (Kosaraju, iterative, so deep chains cannot overflow the stack) and reported as
//! warnings; the planner moves each one as a single move group.

use crate::model::{AssetIdx, Project};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::VecDeque;
use std::sync::OnceLock;

/// Why an edge exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    Site,
    DependsOn,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Site => "site",
            EdgeKind::DependsOn => "depends_on",
        }
    }
}

pub struct Graph {
    g: DiGraph<AssetIdx, EdgeKind, u32>,
    /// The strongly connected components in dependency order, each sorted: found once, when
    /// first asked for (by the cycles of `validate` or the site reach of `gaps`).
    components: OnceLock<Vec<Vec<AssetIdx>>>,
}

fn ni(i: AssetIdx) -> NodeIndex<u32> {
    NodeIndex::new(i.0 as usize)
}

fn ai(n: NodeIndex<u32>) -> AssetIdx {
    AssetIdx(n.index() as u32)
}

impl Graph {
    /// Builds the graph from resolved refs (dangling refs have no edge).
    pub fn build(p: &Project) -> Graph {
        let edges: usize = p
            .assets
            .iter()
            .map(|a| a.depends_on.len() + usize::from(a.site.is_some()))
            .sum();
        let mut g = DiGraph::with_capacity(p.assets.len(), edges);
        for i in 0..p.assets.len() {
            g.add_node(AssetIdx(i as u32));
        }
        for (i, a) in p.assets.iter().enumerate() {
            let from = NodeIndex::new(i);
            if let Some(t) = a.site.as_ref().and_then(|r| r.resolved) {
                g.add_edge(from, ni(t), EdgeKind::Site);
            }
            for t in a.depends_on.iter().filter_map(|r| r.resolved) {
                g.add_edge(from, ni(t), EdgeKind::DependsOn);
            }
        }
        Graph {
            g,
            components: OnceLock::new(),
        }
    }

    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }

    /// Every edge as (from, to, kind), in a stable order: by from, then as written.
    pub fn edges(&self) -> Vec<(AssetIdx, AssetIdx, EdgeKind)> {
        let mut out: Vec<_> = self
            .g
            .raw_edges()
            .iter()
            .map(|e| (ai(e.source()), ai(e.target()), e.weight))
            .collect();
        out.sort_by_key(|e| (e.0, e.2, e.1));
        out.dedup();
        out
    }

    /// What `i` needs directly, sorted and without repeats.
    pub fn dependencies(&self, i: AssetIdx) -> Vec<AssetIdx> {
        self.neighbours(i, Direction::Outgoing)
    }

    /// [`Graph::dependencies`] into `out` (emptied first), for loops over many assets.
    pub fn dependencies_into(&self, i: AssetIdx, out: &mut Vec<AssetIdx>) {
        out.clear();
        out.extend(
            self.g
                .neighbors_directed(ni(i), Direction::Outgoing)
                .map(ai),
        );
        out.sort();
        out.dedup();
    }

    /// What needs `i` directly, sorted and without repeats.
    pub fn dependents(&self, i: AssetIdx) -> Vec<AssetIdx> {
        self.neighbours(i, Direction::Incoming)
    }

    fn neighbours(&self, i: AssetIdx, dir: Direction) -> Vec<AssetIdx> {
        let mut v: Vec<AssetIdx> = self.g.neighbors_directed(ni(i), dir).map(ai).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Everything reachable from `start` following edges in `dir` (not `start` itself unless
    /// a cycle leads back to it), in breadth-first order.
    fn reach(&self, start: AssetIdx, dir: Direction) -> Vec<AssetIdx> {
        let mut seen = vec![false; self.g.node_count()];
        let mut out = Vec::new();
        let mut queue = VecDeque::from([ni(start)]);
        while let Some(n) = queue.pop_front() {
            for m in self.g.neighbors_directed(n, dir) {
                if !seen[m.index()] {
                    seen[m.index()] = true;
                    out.push(ai(m));
                    queue.push_back(m);
                }
            }
        }
        out
    }

    /// Everything that depends on `i`, transitively: the blast radius of taking it down.
    pub fn impact(&self, i: AssetIdx) -> Vec<AssetIdx> {
        let mut v = self.reach(i, Direction::Incoming);
        v.retain(|&x| x != i);
        v.sort();
        v
    }

    /// Everything `i` needs, transitively (including `i` only through a cycle).
    pub fn requirements(&self, i: AssetIdx) -> Vec<AssetIdx> {
        let mut v = self.reach(i, Direction::Outgoing);
        v.sort();
        v
    }

    /// Dependency cycles: strongly connected components of more than one asset, or an asset
    /// that depends on itself. Each is sorted; the list is sorted by first member.
    pub fn cycles(&self) -> Vec<Vec<AssetIdx>> {
        let mut out: Vec<Vec<AssetIdx>> = self
            .components()
            .iter()
            .filter(|c| c.len() > 1 || self.g.contains_edge(ni(c[0]), ni(c[0])))
            .cloned()
            .collect();
        out.sort();
        out
    }

    /// A closed path through one cycle (as returned by [`Graph::cycles`]), starting and
    /// ending at its first member, so a message can show how the assets depend on each other.
    pub fn cycle_path(&self, cycle: &[AssetIdx]) -> Vec<AssetIdx> {
        let start = cycle[0];
        let inside = |n: NodeIndex<u32>| cycle.binary_search(&ai(n)).is_ok();
        let mut prev: std::collections::HashMap<NodeIndex<u32>, NodeIndex<u32>> =
            Default::default();
        let mut queue = VecDeque::from([ni(start)]);
        while let Some(n) = queue.pop_front() {
            let mut next: Vec<NodeIndex<u32>> =
                self.g.neighbors(n).filter(|&m| inside(m)).collect();
            next.sort();
            for m in next {
                if m == ni(start) {
                    let mut path = vec![ai(n)];
                    let mut cur = n;
                    while let Some(&p) = prev.get(&cur) {
                        path.push(ai(p));
                        cur = p;
                    }
                    path.reverse();
                    return path;
                }
                if m != ni(start) && !prev.contains_key(&m) {
                    prev.insert(m, n);
                    queue.push_back(m);
                }
            }
        }
        cycle.to_vec()
    }

    /// Strongly connected components in dependency order (a component comes after every
    /// component it depends on). Each is sorted.
    pub fn components_in_dependency_order(&self) -> Vec<Vec<AssetIdx>> {
        self.components().to_vec()
    }

    /// [`Graph::components_in_dependency_order`], borrowed.
    pub fn components(&self) -> &[Vec<AssetIdx>] {
        // Kosaraju yields components in reverse topological order of the graph A → B
        // ("A needs B"): a component comes before the ones that point at it, i.e. after
        // none of its dependencies... so dependencies come first, as wanted.
        self.components.get_or_init(|| {
            petgraph::algo::kosaraju_scc(&self.g)
                .into_iter()
                .map(|c| {
                    let mut v: Vec<AssetIdx> = c.into_iter().map(ai).collect();
                    v.sort();
                    v
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::load::load_files;

    fn project(files: &[(&str, &str)]) -> crate::load::Loaded {
        let owned: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect();
        load_files(&owned).unwrap()
    }

    #[test]
    fn impact_and_cycles() {
        let l = project(&[(
            "inventory/a/x.yaml",
            "sites:\n  - {id: dc, name: DC, kind: datacenter}\nplatforms:\n  - {id: ad, name: AD, kind: directory, site: dc, depends_on: [dns]}\n  - {id: dns, name: DNS, kind: server, depends_on: [ad]}\nservices:\n  - {id: app, name: App, kind: application, depends_on: [ad]}\n",
        )]);
        let p = &l.project;
        let g = super::Graph::build(p);
        let dc = p.find_asset("a", "dc").unwrap();
        let impact: Vec<String> = g.impact(dc).into_iter().map(|i| p.asset_ref(i)).collect();
        assert_eq!(impact, ["a/ad", "a/app", "a/dns"]);
        let cycles: Vec<Vec<String>> = g
            .cycles()
            .into_iter()
            .map(|c| c.into_iter().map(|i| p.asset_ref(i)).collect())
            .collect();
        assert_eq!(cycles, vec![vec!["a/ad".to_string(), "a/dns".to_string()]]);
        assert!(l.diagnostics.iter().any(|d| d.code == "dependency-cycle"));
        // Dependency order: dc before ad/dns before app.
        let order: Vec<Vec<String>> = g
            .components_in_dependency_order()
            .into_iter()
            .map(|c| c.into_iter().map(|i| p.asset_ref(i)).collect())
            .collect();
        let pos = |s: &str| order.iter().position(|c| c.iter().any(|x| x == s)).unwrap();
        assert!(pos("a/dc") < pos("a/ad"));
        assert!(pos("a/ad") < pos("a/app"));
        assert_eq!(pos("a/ad"), pos("a/dns"));
    }
}
