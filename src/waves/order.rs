//! Orders in which a pass takes the groups when deadlines come first (FORMAT.md §5, v1.2:
//! the fewest avoidable `late` items, the more severe counting first).
//!
//! Each group with items that some plan has on time gets a deadline: the last wave in which
//! its most urgent such item is on time. A group must also be done a wave before each group
//! that follows it, so deadlines run back along the dependencies (one wave earlier per step):
//! an unchanged platform under a server that goes out of support next quarter inherits the
//! server's urgency. Groups are then taken earliest deadline first (known from scheduling as
//! EDF), the more severe first among equal deadlines, then longest chain first, in an order
//! that is always topological (Kahn's algorithm with a priority queue).

use super::place::Facts;
use super::{GroupIdx, ItemIdx};
use crate::model::Severity;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The order key of a group: smaller goes first.
type Key = (i64, Reverse<Severity>, Reverse<u32>, Reverse<u64>, u32);

/// Groups earliest (inherited) deadline first. `boost[g]` brings group g's own deadline that
/// many waves earlier, so that a group that ended up late in one pass goes sooner in the next.
pub(super) fn deadline_first(
    facts: &[Facts],
    preds: &[Vec<(GroupIdx, ItemIdx)>],
    succs: &[Vec<(GroupIdx, ItemIdx)>],
    boost: &[u32],
) -> Vec<usize> {
    let n = facts.len();
    // Groups are numbered dependencies first, so successors have larger indices: one pass
    // from the end sees every successor's deadline before its predecessors'.
    let mut deadline = vec![i64::MAX; n];
    let mut severity = vec![Severity::Low; n];
    for g in (0..n).rev() {
        let f = &facts[g];
        let mut d = f
            .due
            .iter()
            .map(|&(until, _)| i64::from(until) - i64::from(boost[g]))
            .min()
            .unwrap_or(i64::MAX);
        let mut s = f.due.iter().map(|&(_, s)| s).max().unwrap_or(Severity::Low);
        for &(sg, _) in &succs[g] {
            let sg = sg.0 as usize;
            if deadline[sg] != i64::MAX {
                d = d.min(deadline[sg] - 1);
            }
            s = s.max(severity[sg]);
        }
        deadline[g] = d;
        severity[g] = s;
    }
    let key = |g: usize| -> Key {
        (
            deadline[g],
            Reverse(severity[g]),
            Reverse(facts[g].tail),
            // Hours are never negative, so their bits order like the numbers.
            Reverse(facts[g].hours.max(0.0).to_bits()),
            g as u32,
        )
    };
    topological(preds, succs, key)
}

/// Kahn's algorithm: every group after the groups it must follow, the smallest key first
/// among those whose predecessors are all taken.
pub(super) fn topological<K: Ord>(
    preds: &[Vec<(GroupIdx, ItemIdx)>],
    succs: &[Vec<(GroupIdx, ItemIdx)>],
    key: impl Fn(usize) -> K,
) -> Vec<usize> {
    let n = preds.len();
    let mut waiting: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut ready: BinaryHeap<Reverse<(K, usize)>> = (0..n)
        .filter(|&g| waiting[g] == 0)
        .map(|g| Reverse((key(g), g)))
        .collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse((_, g))) = ready.pop() {
        order.push(g);
        for &(sg, _) in &succs[g] {
            let sg = sg.0 as usize;
            waiting[sg] -= 1;
            if waiting[sg] == 0 {
                ready.push(Reverse((key(sg), sg)));
            }
        }
    }
    order
}
