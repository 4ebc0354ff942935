//! Orders in which a pass takes the groups when deadlines come first (docs/format.md §5, v1.2:
//! the fewest avoidable `late` items, the more severe counting first).
//!
//! Each group with items that some plan has on time gets a deadline: the last wave in which
//! its most urgent such item is on time. A group must also be done a wave before each group
//! that follows it, so deadlines run back along the dependencies (one wave earlier per step):
//! an unchanged platform under a server that goes out of support next quarter inherits the
//! server's urgency. Groups are then taken earliest deadline first (known from scheduling as
//! EDF), the more severe first among equal deadlines, then longest chain first, in an order
//! that is always topological.

use super::place::Facts;
use super::{GroupIdx, ItemIdx};
use crate::model::Severity;
use std::cmp::Reverse;

/// Groups earliest (inherited) deadline first. `boost[g]` brings group g's own deadline that
/// many waves earlier, so that a group that ended up late in one pass goes sooner in the next.
///
/// The order is topological without a queue: a group's inherited deadline is at least one
/// wave before each successor's, a group without one has no successor with one, and among
/// groups without deadlines the inherited severity and the chain after a group only shrink
/// along the dependencies. So sorting by (deadline, severity, chain) puts every group after
/// all it must follow.
pub(super) fn deadline_first(
    facts: &[Facts],
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
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by_key(|&g| {
        (
            deadline[g],
            Reverse(severity[g]),
            Reverse(facts[g].tail),
            // Hours are never negative, so their bits order like the numbers.
            Reverse(facts[g].hours.max(0.0).to_bits()),
            g,
        )
    });
    order
}
