//! Two plans of one target compared (the report's `--since REV`): the items that moved to
//! another wave, that are new and that are gone, matched by item id (`establish:<component>`,
//! `<org>/<asset>`, `<org>/missing:<rule>`), and how the plan's end and late items changed.

use super::{ItemIdx, WavePlan};
use crate::model::Date;
use std::collections::HashMap;

/// An item in both plans whose wave differs (`None`: no wave).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub id: String,
    /// The item in the plan after.
    pub item: ItemIdx,
    pub before: Option<u32>,
    pub after: Option<u32>,
}

/// What changed between two plans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanChanges {
    /// Items whose wave changed, in the plan after's item order.
    pub moved: Vec<Moved>,
    /// Items only in the plan after (their index there).
    pub added: Vec<ItemIdx>,
    /// Ids of the items only in the plan before (their work is done or no longer needed).
    pub removed: Vec<String>,
    pub end_before: Option<Date>,
    pub end_after: Option<Date>,
    /// (late, avoidable) before and after.
    pub late_before: (usize, usize),
    pub late_after: (usize, usize),
}

impl PlanChanges {
    /// Moved to a later wave (or out of every wave).
    pub fn later(&self) -> usize {
        self.moved
            .iter()
            .filter(|m| match (m.before, m.after) {
                (Some(b), Some(a)) => a > b,
                (Some(_), None) => true,
                _ => false,
            })
            .count()
    }
}

/// Compares the plan `before` with the plan `after`.
pub fn compare(before: &WavePlan, after: &WavePlan) -> PlanChanges {
    let old: HashMap<&str, Option<u32>> = before
        .items
        .iter()
        .map(|it| (it.id.as_str(), it.wave))
        .collect();
    let mut seen: HashMap<&str, ()> = HashMap::with_capacity(after.items.len());
    let mut moved = Vec::new();
    let mut added = Vec::new();
    for (i, it) in after.items.iter().enumerate() {
        seen.insert(it.id.as_str(), ());
        match old.get(it.id.as_str()) {
            None => added.push(ItemIdx(i as u32)),
            Some(&w) if w != it.wave => moved.push(Moved {
                id: it.id.clone(),
                item: ItemIdx(i as u32),
                before: w,
                after: it.wave,
            }),
            Some(_) => {}
        }
    }
    let removed = before
        .items
        .iter()
        .filter(|it| !seen.contains_key(it.id.as_str()))
        .map(|it| it.id.clone())
        .collect();
    PlanChanges {
        moved,
        added,
        removed,
        end_before: before.end(),
        end_after: after.end(),
        late_before: before.late(),
        late_after: after.late(),
    }
}
