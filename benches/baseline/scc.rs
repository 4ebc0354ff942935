//! A compact directed graph and its strongly connected components, for the planner.
//!
//! The planner builds two graphs of its own: assets (to see through assets without work
//! items) and work items (to find move groups). Both are dense `u32` graphs in compressed
//! form, far cheaper than a general graph type at 100,000 nodes. Tarjan's algorithm runs
//! iteratively, so a long dependency chain cannot overflow the stack.

/// A directed graph in compressed sparse row form: the edges of node `n` are
/// `targets[offsets[n]..offsets[n + 1]]`.
#[derive(Clone, Debug, Default)]
pub struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    /// Builds the graph from one edge list per node.
    pub fn from_lists<I, L>(lists: I) -> Csr
    where
        I: IntoIterator<Item = L>,
        L: IntoIterator<Item = u32>,
    {
        let mut offsets = vec![0];
        let mut targets = Vec::new();
        for l in lists {
            targets.extend(l);
            offsets.push(targets.len() as u32);
        }
        Csr { offsets, targets }
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn edges(&self, n: u32) -> &[u32] {
        &self.targets[self.offsets[n as usize] as usize..self.offsets[n as usize + 1] as usize]
    }
}

/// Marks a node outside every component (left out by `include`).
pub const NONE: u32 = u32::MAX;

/// Tarjan's bookkeeping, with an explicit stack of (node, next edge) frames.
struct State {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    frames: Vec<(u32, u32)>,
    next: u32,
}

impl State {
    /// Gives `v` the next index and starts exploring it.
    fn visit(&mut self, v: u32) {
        self.index[v as usize] = self.next;
        self.low[v as usize] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack[v as usize] = true;
        self.frames.push((v, 0));
    }
}

/// Strongly connected components of the subgraph of nodes for which `include` holds (edges
/// to other nodes are ignored). Returns each node's component (`NONE` when left out) and the
/// number of components. Components are numbered dependencies first: when `n → m` and they
/// differ, `comp[m] < comp[n]`.
pub fn tarjan(g: &Csr, include: impl Fn(u32) -> bool) -> (Vec<u32>, u32) {
    let n = g.len();
    let mut st = State {
        index: vec![NONE; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        frames: Vec::new(),
        next: 0,
    };
    let mut comp = vec![NONE; n];
    let mut count = 0u32;
    for s in 0..n as u32 {
        if !include(s) || st.index[s as usize] != NONE {
            continue;
        }
        st.visit(s);
        while let Some(&(v, pos)) = st.frames.last() {
            if let Some(&w) = g.edges(v).get(pos as usize) {
                if let Some(frame) = st.frames.last_mut() {
                    frame.1 += 1;
                }
                if !include(w) {
                    continue;
                }
                if st.index[w as usize] == NONE {
                    st.visit(w);
                } else if st.on_stack[w as usize] {
                    st.low[v as usize] = st.low[v as usize].min(st.index[w as usize]);
                }
                continue;
            }
            st.frames.pop();
            if let Some(&(u, _)) = st.frames.last() {
                st.low[u as usize] = st.low[u as usize].min(st.low[v as usize]);
            }
            if st.low[v as usize] == st.index[v as usize] {
                while let Some(w) = st.stack.pop() {
                    st.on_stack[w as usize] = false;
                    comp[w as usize] = count;
                    if w == v {
                        break;
                    }
                }
                count += 1;
            }
        }
    }
    (comp, count)
}

/// The members of each component, in node order.
pub fn members(comp: &[u32], count: u32) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); count as usize];
    for (n, &c) in comp.iter().enumerate() {
        if c != NONE {
            out[c as usize].push(n as u32);
        }
    }
    out
}
