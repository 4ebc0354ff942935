//! (v1.2) Components that fill: what the items of a plan use of each component with a
//! `capacity`, wave by wave (docs/format.md §5, "Components that fill").
//!
//! [`uses`] is the one rule of what an item uses (the planner places by it); [`fill`] adds
//! up a finished plan with it, so the report's hall chart shows the use the planner placed
//! against. A hall fills and never empties: the use after a wave is that of every item placed
//! in it and in the waves before.

use super::{ItemKind, WavePlan};
use crate::model::{Capacity, Num, Project, Target};

/// What an item whose asset has capacity `used` uses of a component whose limits per key of
/// [`Capacity::KEYS`] are `limit` (infinite where the component gives none): the asset's
/// value of each key the component limits (0 where the asset gives none), nothing of the
/// others.
pub fn uses(limit: &[f64; 5], used: &Capacity) -> [f64; 5] {
    let mut u = [0.0; 5];
    for (k, v) in used.values().into_iter().enumerate() {
        if limit[k].is_finite() {
            u[k] = v.map_or(0.0, Num::get);
        }
    }
    u
}

/// The limits per key of a component's capacity (infinite where it gives none).
pub fn limits(c: &Capacity) -> [f64; 5] {
    c.values().map(|v| v.map_or(f64::INFINITY, Num::get))
}

/// How one component with a `capacity` fills over the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Fill {
    /// Index into `Target::components`.
    pub component: usize,
    /// Its capacity per key of [`Capacity::KEYS`]; `None` for a key it does not limit.
    pub capacity: [Option<Num>; 5],
    /// Per wave of the plan (in `plan.waves` order): what the wave's items use of it, and
    /// what is used after the wave (this wave's and every earlier one's).
    pub waves: Vec<WaveFill>,
    /// What the items that could not be placed would have used of it.
    pub unplaced: [f64; 5],
    /// How many items (placed and unplaced) move onto it with a capacity of their own.
    pub items: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WaveFill {
    pub number: u32,
    pub added: [f64; 5],
    pub used: [f64; 5],
}

/// The fill of every component of `t` that has a `capacity`, over `plan` (made for `t`), in
/// component order.
pub fn fill(p: &Project, t: &Target, plan: &WavePlan) -> Vec<Fill> {
    let mut out: Vec<Fill> = Vec::new();
    for (ci, c) in t.components.iter().enumerate() {
        let Some(cap) = &c.capacity else {
            continue;
        };
        let limit = limits(cap);
        let use_of = |i: &super::ItemIdx| -> Option<[f64; 5]> {
            let it = plan.item(*i);
            let ItemKind::Asset(a) = it.kind else {
                return None;
            };
            if it.component.as_deref() != Some(c.id.as_str()) {
                return None;
            }
            p.asset(a).capacity.as_ref().map(|x| uses(&limit, x))
        };
        let add = |sum: &mut [f64; 5], u: [f64; 5]| {
            for (s, v) in sum.iter_mut().zip(u) {
                *s += v;
            }
        };
        let mut items = 0;
        let mut used = [0.0; 5];
        let mut waves = Vec::with_capacity(plan.waves.len());
        for w in &plan.waves {
            let mut added = [0.0; 5];
            for u in w.items.iter().filter_map(use_of) {
                items += 1;
                add(&mut added, u);
            }
            add(&mut used, added);
            waves.push(WaveFill {
                number: w.number,
                added,
                used,
            });
        }
        let mut unplaced = [0.0; 5];
        for u in plan.unplaced.iter().filter_map(use_of) {
            items += 1;
            add(&mut unplaced, u);
        }
        out.push(Fill {
            component: ci,
            capacity: cap.values(),
            waves,
            unplaced,
            items,
        });
    }
    out
}
