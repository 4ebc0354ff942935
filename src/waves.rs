//! Migration waves: the open gaps of one target turned into a dated plan (docs/format.md §5).
//!
//! The planner takes the gap analysis and makes **work items**: one per component to
//! establish (the steps of forming the joint organisation among them), one per asset with
//! open gaps, one per `missing` gap. Items that must wait for one another (a component before
//! what moves onto it, an asset's dependencies before the asset, what stands in a room before
//! the room's own item) are ordered; items on a cycle of these become one **move group** that
//! shares a wave. Each group is then placed in a wave that is not past on the run date and
//! that its dependencies, its assets' effective contract ends, the freezes, the hours and the
//! capacity of the components it moves onto allow. The planner aims first for the fewest
//! avoidable `late` items, the more severe counting first, then for the earliest last wave
//! (see `docs/waves.md` for the algorithm and its weaknesses).
//!
//! Every item carries the [`Reason`] for its wave: what kept it out of the wave before. Items
//! that cannot be placed are kept with their reason in [`WavePlan::unplaced`], never dropped.
//! The run date is the analysis's `as_of`: gaps and plan are judged on one day. This module
//! plans; it does not format (see `views::waves`) and never reaches back into loading or gap
//! analysis.

mod bounds;
mod build;
pub mod calendar;
pub mod compare;
pub mod contract;
mod explain;
pub mod fill;
mod order;
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

    /// Does the asset leave, its use ending (migrate, consolidate, replace, decommission;
    /// docs/format.md §7)? A site's item that does closes the room; an item that does
    /// needs notice on its asset's contract.
    pub fn ends_use(self) -> bool {
        matches!(
            self,
            ItemAction::Gap(
                Action::Migrate | Action::Consolidate | Action::Replace | Action::Decommission
            )
        )
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
    /// (v1.2) Why it has no wave, when it has none.
    pub unplaced: Option<UnplacedKind>,
    /// (v1.2) The earliest wave any plan could give it: the first that is not past, ends on
    /// or after its effective contract ends, and comes after the earliest waves of the items
    /// it must follow (capacity and freezes aside). `None` when there is none in the horizon.
    pub earliest_possible: Option<u32>,
    /// (v1.2) Its asset's effective contract end as of the run date.
    pub contract_end: Option<Date>,
    /// (v1.2) For a placed item whose asset leaves ([`ItemAction::ends_use`]) under a
    /// contract that renews itself: the date by which to give notice so that the contract
    /// ends as the item leaves. (An item that keeps its asset, say a reconfigured network,
    /// has none: its contract goes on; see docs/decisions.md.)
    pub notice_by: Option<Date>,
}

/// (v1.2) Why an item has no wave: the `kind` of an entry of `unplaced` (docs/format.md §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnplacedKind {
    /// Its move group fits in no wave: a component it moves onto has no room left for it
    /// (the hall is full), or could never hold it.
    Full,
    /// It must follow an item that could not be placed.
    Blocked,
    /// Its asset's contract ends after the planning horizon.
    Contract,
    /// No wave up to the planning horizon has room for its hours.
    Horizon,
}

impl UnplacedKind {
    pub const ALL: [UnplacedKind; 4] = [
        UnplacedKind::Full,
        UnplacedKind::Blocked,
        UnplacedKind::Contract,
        UnplacedKind::Horizon,
    ];

    /// The stable code of this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            UnplacedKind::Full => "full",
            UnplacedKind::Blocked => "blocked",
            UnplacedKind::Contract => "contract",
            UnplacedKind::Horizon => "horizon",
        }
    }
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
    /// Its asset's contract runs until `ends` (its effective end: renewals counted);
    /// earlier waves end before that.
    Contract { asset: AssetIdx, ends: Date },
    /// The wave before overlaps freeze `freeze` (index into `plan.freeze`), which selects
    /// `asset`; so does every wave from `from` on (back to the earliest wave dependencies and
    /// contract allowed), so the freeze answers "why not an earlier wave?" too.
    Freeze {
        freeze: usize,
        asset: AssetIdx,
        from: u32,
    },
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
    /// (v1.2) A component it moves onto (index into `Target::components`) has `left` of
    /// `capacity` of key `key` (index into [`crate::model::Capacity::KEYS`]) left for the
    /// `need` of its move group.
    Full {
        component: usize,
        key: usize,
        need: Num,
        left: Num,
        capacity: Num,
    },
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
            Hold::Full { .. } => "full",
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

/// The kinds of plan warnings, each with a stable code ([`WarningKind::as_str`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// The item's wave starts on or after its end of support (or that has passed by the
    /// run date).
    Late,
    /// The item (or move group) is larger than `capacity_hours` or `org_capacity_hours`.
    Oversize,
    /// A freeze would have blocked the item from every wave and was dropped for it.
    FreezeDropped,
    /// The item could not be placed within the horizon.
    Unplaceable,
    /// (v1.2) Its asset's contract renewed itself because the notice date passed.
    Renewed,
    /// (v1.2) The item closes a room in which an asset without an item of its own stands.
    Stranded,
}

impl WarningKind {
    pub const ALL: [WarningKind; 6] = [
        WarningKind::Late,
        WarningKind::Oversize,
        WarningKind::FreezeDropped,
        WarningKind::Unplaceable,
        WarningKind::Renewed,
        WarningKind::Stranded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::Late => "late",
            WarningKind::Oversize => "oversize",
            WarningKind::FreezeDropped => "freeze-dropped",
            WarningKind::Unplaceable => "unplaceable",
            WarningKind::Renewed => "renewed",
            WarningKind::Stranded => "stranded",
        }
    }
}

/// What a warning says, as data: a view can word it in any language (`Warning::message` is
/// the English wording, as the JSON of docs/format.md §5 carries it).
#[derive(Clone, Debug, PartialEq)]
pub enum WarningFact {
    /// The item's wave starts on or after its asset's end of support (or that is before the
    /// run date). `avoidable`: it would be on time in its earliest possible wave.
    Late {
        end_of_support: Date,
        wave: u32,
        wave_start: Date,
        earliest_possible: Option<u32>,
        avoidable: bool,
    },
    /// The item (or its move group, `group`) needs `hours`, more than `capacity` (of `org`'s
    /// share when given): it has wave `wave` (or that share) to itself.
    Oversize {
        hours: Num,
        capacity: Num,
        org: Option<OrgIdx>,
        wave: u32,
        group: Option<GroupIdx>,
    },
    /// Freeze `freeze` (index into `plan.freeze`) would keep the item out of every wave.
    FreezeDropped { freeze: usize },
    /// The item has no wave; its reason says why.
    Unplaceable { kind: UnplacedKind },
    /// (v1.2) Its asset's contract renewed: notice was due `missed`, it now runs to
    /// `runs_to`, and notice for that end is due `next_notice`.
    Renewed {
        missed: Date,
        runs_to: Date,
        next_notice: Option<Date>,
    },
    /// (v1.2) The item closes the room `site`, in which `asset` stands with no item of its
    /// own.
    Stranded { site: AssetIdx, asset: AssetIdx },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub item: ItemIdx,
    pub kind: WarningKind,
    /// In English.
    pub message: String,
    /// The same, as data.
    pub fact: WarningFact,
}

impl Warning {
    fn new(item: ItemIdx, fact: WarningFact, message: String) -> Warning {
        let kind = match fact {
            WarningFact::Late { .. } => WarningKind::Late,
            WarningFact::Oversize { .. } => WarningKind::Oversize,
            WarningFact::FreezeDropped { .. } => WarningKind::FreezeDropped,
            WarningFact::Unplaceable { .. } => WarningKind::Unplaceable,
            WarningFact::Renewed { .. } => WarningKind::Renewed,
            WarningFact::Stranded { .. } => WarningKind::Stranded,
        };
        Warning {
            item,
            kind,
            message,
            fact,
        }
    }

    /// For `late` (v1.2): whether some plan could have had the item on time.
    pub fn avoidable(&self) -> Option<bool> {
        match self.fact {
            WarningFact::Late { avoidable, .. } => Some(avoidable),
            _ => None,
        }
    }

    /// For `freeze-dropped`: the freeze (index into `plan.freeze`).
    pub fn freeze(&self) -> Option<usize> {
        match self.fact {
            WarningFact::FreezeDropped { freeze } => Some(freeze),
            _ => None,
        }
    }

    /// For `stranded` (v1.2): the asset left in the room.
    pub fn asset(&self) -> Option<AssetIdx> {
        match self.fact {
            WarningFact::Stranded { asset, .. } => Some(asset),
            _ => None,
        }
    }

    /// The code of `crate::codes` that names this warning for a reader: its kind, and
    /// `late-avoidable` for a late item some plan could have had on time.
    pub fn code(&self) -> &'static str {
        match self.avoidable() {
            Some(true) => "late-avoidable",
            _ => self.kind.as_str(),
        }
    }
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
    /// (v1.2) Items that are late in every plan: late even in their earliest possible wave.
    pub unavoidable_late: u32,
}

/// The plan of one target.
#[derive(Clone, Debug)]
pub struct WavePlan {
    pub target: String,
    /// (v1.2) The run date: waves that end before it are past and hold nothing.
    pub run_date: Date,
    /// The number of the first wave that is not past.
    pub first_wave: u32,
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

    /// (v1.2) The `late` warnings, and of them those some plan could have avoided.
    pub fn late(&self) -> (usize, usize) {
        let late = self.warnings.iter().filter(|w| w.kind == WarningKind::Late);
        let avoidable = late.clone().filter(|w| w.avoidable() == Some(true)).count();
        (late.count(), avoidable)
    }
}

/// Why no plan could be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    #[error("target `{0}` has no `plan:` section (start, wave_months, capacity_hours)")]
    NoPlan(String),
}

/// Plans the open gaps of `analysis` (made for target `t`) into waves, as of the analysis's
/// run date (`analysis.as_of`).
pub fn plan(p: &Project, g: &Graph, t: &Target, analysis: &Analysis) -> Result<WavePlan, Error> {
    let settings = t.plan.as_ref().ok_or_else(|| Error::NoPlan(t.id.clone()))?;
    let work = build::work(p, g, t, analysis);
    let ctx = place::Ctx::new(p, t, settings, analysis.as_of);
    let facts = place::facts(&ctx, &work.items, &work.groups, &work.preds);
    let bounds = bounds::bounds(&ctx, &facts);
    let outcomes = place::search(&ctx, &facts, &work.preds, bounds.best);
    Ok(explain::assemble(&ctx, work, &facts, outcomes, bounds))
}
