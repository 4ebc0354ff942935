//! Lower bounds on the number of waves: docs/format.md §5's `lower_bound`, and stronger ones that
//! show how far from the best possible plan the planner is.

use super::Bounds;
use super::place::{Ctx, Facts};
use crate::model::OrgIdx;
use std::collections::BTreeMap;

/// Waves needed for `hours` at `cap` per wave.
fn waves_for(hours: f64, cap: f64) -> u32 {
    (hours / cap - 1e-9).ceil().max(0.0) as u32
}

/// Work whose earliest wave is k (by its chain of dependencies, or by the calendar) sits in
/// waves ≥ k, so k − 1 waves come before all of it; likewise work with a tail ≥ k has k − 1
/// waves after it. `work` yields (earliest wave, tail, hours ≤ cap) per group.
fn layered(cap: f64, work: impl Iterator<Item = (u32, u32, f64)>) -> u32 {
    let mut by_early: Vec<f64> = Vec::new();
    let mut by_tail: Vec<f64> = Vec::new();
    let add = |v: &mut Vec<f64>, k: u32, h: f64| {
        if v.len() <= k as usize {
            v.resize(k as usize + 1, 0.0);
        }
        v[k as usize] += h;
    };
    for (early, tail, hours) in work {
        add(&mut by_early, early, hours);
        add(&mut by_tail, tail, hours);
    }
    let mut best = 0;
    for layer in [by_early, by_tail] {
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

/// Every bound holds for the waves with work, `calendar` for the last wave's number, because
/// each wave holds at most `cap` hours or one oversize group, counted here as `cap`.
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
    b.layers = layered(cap, facts.iter().map(|f| (f.depth, f.tail, clipped(f))));
    // The calendar: contracts and freezes move a group's earliest wave, and what follows it.
    let placeable = || facts.iter().filter_map(|f| f.early.map(|e| (e, f)));
    b.calendar = placeable()
        .map(|(e, f)| e + f.tail - 1)
        .max()
        .unwrap_or(0)
        .max(layered(
            cap,
            placeable().map(|(e, f)| (e, f.tail, clipped(f))),
        ));
    if let Some(ocap) = ctx.ocap {
        let mut per_org: BTreeMap<OrgIdx, Vec<(u32, u32, u32, f64)>> = BTreeMap::new();
        for f in facts {
            for &(o, oh) in &f.orgs {
                per_org.entry(o).or_default().push((
                    f.depth,
                    f.early.unwrap_or(0),
                    f.tail,
                    oh.min(ocap),
                ));
            }
        }
        for work in per_org.values() {
            let org = layered(ocap, work.iter().map(|&(d, _, t, h)| (d, t, h)));
            b.org_hours = b.org_hours.max(org);
            let early = work.iter().filter(|w| w.1 > 0);
            b.calendar = b
                .calendar
                .max(layered(ocap, early.map(|&(_, e, t, h)| (e, t, h))));
        }
    }
    b.best = [b.lower_bound, b.layers, b.org_hours, b.calendar]
        .into_iter()
        .max()
        .unwrap_or(0);
    b.unavoidable_late = facts.iter().map(|f| f.unavoidable).sum();
    b
}
