//! The migration-wave planner of docs/format.md v1.1, as it stood before the v1.2 rules
//! (commit 0cedd8d, `src/waves*`), kept so that `benches/waves.rs` can time it beside
//! today's planner in one run, on the same estate: the v1.2 planner must stay within 1.5×
//! of it. Unchanged but for this comment, the format reference's name in comments, and its
//! unit tests, which are left out. It reads the v1.2 model and ignores what it did not know
//! (the run date, renewals, capacity of components). Not part of the product; delete it
//! with the comparison.
#![allow(dead_code, unused_imports)]

//! Migration waves: the open gaps of one target turned into a dated plan (docs/format.md §5).
//!
//! The planner takes the gap analysis and makes **work items**: one per component to
//! establish, one per asset with open gaps, one per `missing` gap. Items that must wait for
//! one another (a component before what moves onto it, an asset's dependencies before the
//! asset) are ordered; items whose assets form a dependency cycle become one **move group**
//! that shares a wave. Each group is then placed in the earliest wave that its dependencies,
//! its assets' contracts, the freezes and the capacities allow, in an order that favours the
//! longest chains (see `docs/waves.md` for the algorithm and its weaknesses).
//!
//! Every item carries the [`Reason`] for its wave: what kept it out of the wave before. Items
//! that cannot be placed within the horizon are kept with their reason in
//! [`WavePlan::unplaced`], never dropped. This module plans; it does not format (see
//! `views::waves`) and never reaches back into loading or gap analysis.

mod bounds;
mod build;
pub mod calendar;
mod explain;
mod place;
mod scc;
mod slots;

use crate::gaps::Analysis;
use crate::graph::Graph;
use crate::model::{Action, AssetIdx, Date, Num, OrgIdx, Project, Severity, Target};
pub use calendar::{Calendar, HORIZON_YEARS};

/// Index of an item in [`WavePlan::items`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemIdx(pub u32);

/// Index of a group in [`WavePlan::groups`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupIdx(pub u32);

/// What an item is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// Setting up a target component (index into `Target::components`).
    Establish { component: usize },
    /// Closing every open gap of one asset.
    Asset(AssetIdx),
    /// A `min_per_org` gap: something the organisation lacks (index into `Analysis::gaps`).
    Missing { gap: usize },
}

/// What an item does: establish a component, or the action of its most severe gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemAction {
    Establish,
    Gap(Action),
}

impl ItemAction {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemAction::Establish => "establish",
            ItemAction::Gap(a) => a.as_str(),
        }
    }
}

/// One unit of work the plan places in a wave.
#[derive(Clone, Debug)]
pub struct Item {
    /// `establish:<component>`, `<org>/<asset>` or `<org>/missing:<rule>`.
    pub id: String,
    pub kind: ItemKind,
    pub org: Option<OrgIdx>,
    /// The component it moves onto (or establishes).
    pub component: Option<String>,
    pub action: ItemAction,
    /// The highest severity of its gaps; `None` for establish items.
    pub severity: Option<Severity>,
    pub hours: Num,
    /// The open gaps it closes, as indices into `Analysis::gaps`, in gap order.
    pub gaps: Vec<usize>,
    /// Items of other groups that must be in earlier waves, sorted.
    pub after: Vec<ItemIdx>,
    pub group: GroupIdx,
    /// The wave it is in; `None` when it could not be placed.
    pub wave: Option<u32>,
    /// Why it is in this wave and not the one before (or why it has none).
    pub reason: Reason,
}

/// Items that share a wave. Most groups hold one item; a group of several is a move group:
/// items whose assets form a dependency cycle.
#[derive(Clone, Debug)]
pub struct Group {
    /// Its items, in item order.
    pub items: Vec<ItemIdx>,
    /// `cycle:<first item>` for a move group; `None` for a group of one.
    pub name: Option<String>,
    pub hours: Num,
    pub wave: Option<u32>,
}

/// What held an item back from the wave before its own (or from every wave).
#[derive(Clone, Debug, PartialEq)]
pub enum Hold {
    /// Nothing: it is in the first wave.
    Start,
    /// It must come after `on` (in the wave before, or unplaced).
    Dependency { on: ItemIdx },
    /// Its asset's contract runs until `ends`; earlier waves end before that.
    Contract { asset: AssetIdx, ends: Date },
    /// The wave before overlaps freeze `freeze` (index into `plan.freeze`), which selects
    /// `asset`.
    Freeze { freeze: usize, asset: AssetIdx },
    /// The wave before had `used` of `capacity_hours` booked; this group did not fit.
    Capacity { used: Num },
    /// The wave before had `used` of `org_capacity_hours` booked for `org`.
    OrgCapacity { org: OrgIdx, used: Num },
    /// Oversize work needs a wave (or an org's share of one) to itself: the wave before was
    /// taken by `by`, or, when `by` is `None`, this item is the oversize one and the wave
    /// before already had other work. `org` names the org share, if that is what it was.
    Oversize {
        by: Option<ItemIdx>,
        org: Option<OrgIdx>,
    },
    /// No wave within the planning horizon can take it.
    Horizon,
}

impl Hold {
    /// The stable kebab-case code of this kind of reason.
    pub fn code(&self) -> &'static str {
        match self {
            Hold::Start => "start",
            Hold::Dependency { .. } => "dependency",
            Hold::Contract { .. } => "contract",
            Hold::Freeze { .. } => "freeze",
            Hold::Capacity { .. } => "capacity",
            Hold::OrgCapacity { .. } => "org-capacity",
            Hold::Oversize { .. } => "oversize",
            Hold::Horizon => "horizon",
        }
    }
}

/// Why an item is where it is, in data and in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub hold: Hold,
    /// The earliest wave its dependencies and contract allowed (before freezes and capacity).
    pub earliest: Option<u32>,
    /// One English sentence a person can check and challenge.
    pub message: String,
}

/// The kinds of plan warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum WarningKind {
    /// The item's wave starts on or after its end of support.
    Late,
    /// The item (or move group) is larger than `capacity_hours` or `org_capacity_hours`.
    Oversize,
    /// A freeze would have blocked the item from every wave and was dropped for it.
    FreezeDropped,
    /// The item could not be placed within the horizon.
    Unplaceable,
}

impl WarningKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::Late => "late",
            WarningKind::Oversize => "oversize",
            WarningKind::FreezeDropped => "freeze-dropped",
            WarningKind::Unplaceable => "unplaceable",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub item: ItemIdx,
    pub kind: WarningKind,
    pub message: String,
    /// For `freeze-dropped`: the freeze (index into `plan.freeze`).
    pub freeze: Option<usize>,
}

/// One wave that has items.
#[derive(Clone, Debug)]
pub struct Wave {
    pub number: u32,
    pub start: Date,
    pub end: Date,
    pub hours: Num,
    /// Hours per organisation, by org; establish work belongs to no org and is not here.
    pub org_hours: Vec<(OrgIdx, Num)>,
    /// In item order: establish items first (in component order), then by org and asset.
    pub items: Vec<ItemIdx>,
}

/// Lower bounds on the number of waves any valid plan needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bounds {
    /// The longest chain of groups that must follow one another.
    pub chain: u32,
    /// ⌈Σ min(group hours, capacity_hours) / capacity_hours⌉.
    pub hours: u32,
    /// docs/format.md §5: the larger of `chain` and `hours`.
    pub lower_bound: u32,
    /// Work that cannot start before wave k (it has a chain of k − 1 groups before it), or
    /// must be done k − 1 waves before the end, packed into the waves left for it.
    pub layers: u32,
    /// The same for each org's hours against `org_capacity_hours` (0 without it).
    pub org_hours: u32,
    /// What the calendar forces: contracts and freezes move a group's earliest wave, then
    /// the chain after it and the work that cannot come earlier are counted as above.
    /// Valid for the last wave's number, not for the count of waves with work.
    pub calendar: u32,
    /// The largest of all the above: no valid plan has fewer waves.
    pub best: u32,
}

/// The plan of one target.
#[derive(Clone, Debug)]
pub struct WavePlan {
    pub target: String,
    pub start: Date,
    pub wave_months: u32,
    pub capacity_hours: Num,
    pub org_capacity_hours: Option<Num>,
    /// The last day the planner looks at.
    pub horizon_end: Date,
    pub bounds: Bounds,
    pub items: Vec<Item>,
    pub groups: Vec<Group>,
    /// Waves with items, by number.
    pub waves: Vec<Wave>,
    /// Items without a wave, in item order.
    pub unplaced: Vec<ItemIdx>,
    /// Sorted by item, then kind.
    pub warnings: Vec<Warning>,
}

impl WavePlan {
    pub fn item(&self, i: ItemIdx) -> &Item {
        &self.items[i.0 as usize]
    }

    pub fn group(&self, g: GroupIdx) -> &Group {
        &self.groups[g.0 as usize]
    }

    /// Groups of more than one item, in group order.
    pub fn move_groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(|g| g.name.is_some())
    }

    /// The number of the last wave (0 when nothing is planned): how long the plan runs.
    pub fn span(&self) -> u32 {
        self.waves.last().map_or(0, |w| w.number)
    }

    /// The day the last wave ends.
    pub fn end(&self) -> Option<Date> {
        self.waves.last().map(|w| w.end)
    }

    pub fn hours(&self) -> Num {
        self.items.iter().map(|i| i.hours).sum()
    }
}

/// Why no plan could be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    #[error("target `{0}` has no `plan:` section (start, wave_months, capacity_hours)")]
    NoPlan(String),
}

/// Plans the open gaps of `analysis` (made for target `t`) into waves.
pub fn plan(p: &Project, g: &Graph, t: &Target, analysis: &Analysis) -> Result<WavePlan, Error> {
    let settings = t.plan.as_ref().ok_or_else(|| Error::NoPlan(t.id.clone()))?;
    let work = build::work(p, g, t, analysis);
    let ctx = place::Ctx::new(p, settings);
    let facts = place::facts(&ctx, &work.items, &work.groups, &work.preds);
    let bounds = bounds::bounds(&ctx, &facts);
    let outcomes = place::search(&ctx, &facts, &work.preds);
    Ok(explain::assemble(
        &ctx,
        t,
        work.items,
        work.groups,
        &facts,
        outcomes,
        bounds,
    ))
}
