//! Lower bounds on the number of waves: FORMAT.md §5's `lower_bound`, and stronger ones that
//! show how far from the best possible plan the planner is.

use super::Bounds;
use super::place::{Ctx, Facts};
use crate::model::OrgIdx;
use std::collections::BTreeMap;

/// Waves needed for `hours` at `cap` per wave.
fn waves_for(hours: f64, cap: f64) -> u32 {
    (hours / cap - 1e-9).ceil().max(0.0) as u32
}

/// Work that sits at depth ≥ k (it has a chain of k − 1 groups before it) is in waves ≥ k,
/// so k − 1 waves come before all of it; likewise work with a tail ≥ k has k − 1 waves after
/// it. `work` yields (depth, tail, hours ≤ cap) per group.
fn layered(chain: u32, cap: f64, work: impl Iterator<Item = (u32, u32, f64)>) -> u32 {
    let mut by_depth = vec![0.0; chain as usize + 1];
    let mut by_tail = vec![0.0; chain as usize + 1];
    for (depth, tail, hours) in work {
        by_depth[depth as usize] += hours;
        by_tail[tail as usize] += hours;
    }
    let mut best = 0;
    for layer in [by_depth, by_tail] {
        let mut rest = 0.0;
        for k in (1..layer.len()).rev() {
            rest += layer[k];
            if rest > 0.0 {
                best = best.max(k as u32 - 1 + waves_for(rest, cap));
            }
        }
    }
    best
}

/// Every bound is valid for the waves with work (`contracts` only for the last wave's
/// number), because each wave holds at most `cap` hours or one oversize group, counted
/// here as `cap`.
pub(super) fn bounds(ctx: &Ctx, facts: &[Facts]) -> Bounds {
    let cap = ctx.cap;
    let clipped = |f: &Facts| f.hours.min(cap);
    let chain = facts.iter().map(|f| f.depth).max().unwrap_or(0);
    let hours = waves_for(facts.iter().map(clipped).sum(), cap);
    let mut b = Bounds {
        chain,
        hours,
        lower_bound: chain.max(hours),
        ..Bounds::default()
    };
    for f in facts {
        if f.beyond.is_none() {
            b.contracts = b.contracts.max(f.contract_wave + f.tail - 1);
        }
    }
    b.layers = layered(
        chain,
        cap,
        facts.iter().map(|f| (f.depth, f.tail, clipped(f))),
    );
    if let Some(ocap) = ctx.ocap {
        let mut per_org: BTreeMap<OrgIdx, Vec<(u32, u32, f64)>> = BTreeMap::new();
        for f in facts {
            for &(o, oh) in &f.orgs {
                per_org
                    .entry(o)
                    .or_default()
                    .push((f.depth, f.tail, oh.min(ocap)));
            }
        }
        b.org_hours = per_org
            .into_values()
            .map(|v| layered(chain, ocap, v.into_iter()))
            .max()
            .unwrap_or(0);
    }
    b.best = [b.lower_bound, b.layers, b.org_hours, b.contracts]
        .into_iter()
        .max()
        .unwrap_or(0);
    b
}
