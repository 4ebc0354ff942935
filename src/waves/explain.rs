//! From placements to the plan people read: each item's reason in words, the warnings, and
//! the waves with their dates and hours.

use super::build::Work;
use super::calendar;
use super::place::{Ctx, Facts, Outcome, Unplaced};
use super::{
    Bounds, Group, Hold, Item, ItemIdx, ItemKind, Reason, UnplacedKind, Warning, WarningFact, Wave,
    WavePlan,
};
use crate::model::{Capacity, Num, OrgIdx};
use std::collections::BTreeMap;

/// Puts the chosen placement into the plan.
pub(super) fn assemble(
    ctx: &Ctx,
    work: Work,
    facts: &[Facts],
    outcomes: Vec<Outcome>,
    bounds: Bounds,
) -> WavePlan {
    let Work {
        mut items,
        mut groups,
        stranded,
        ..
    } = work;
    let mut warnings = Vec::new();
    for (gi, f) in facts.iter().enumerate() {
        groups[gi].wave = outcomes[gi].wave();
        freeze_warnings(ctx, f, &groups[gi], &items, &mut warnings);
    }
    let mut late = Vec::new();
    let reasons: Vec<Reason> = outcomes
        .iter()
        .map(|o| describe(ctx, o, &outcomes, &items, &groups))
        .collect();
    for (gi, (outcome, reason)) in outcomes.iter().zip(reasons).enumerate() {
        let wave = groups[gi].wave;
        let unplaced = match outcome {
            Outcome::Placed { .. } => None,
            Outcome::Unplaced(Unplaced::Full(..)) => Some(UnplacedKind::Full),
            Outcome::Unplaced(Unplaced::Dependency(_)) => Some(UnplacedKind::Blocked),
            Outcome::Unplaced(Unplaced::Contract(..)) => Some(UnplacedKind::Contract),
            Outcome::Unplaced(Unplaced::NoRoom(_)) => Some(UnplacedKind::Horizon),
        };
        match wave {
            Some(n) => oversize_warnings(ctx, &facts[gi], n, &groups[gi], &items, &mut warnings),
            None => {
                let kind = unplaced.unwrap_or(UnplacedKind::Horizon);
                warnings.extend(groups[gi].items.iter().map(|&item| {
                    Warning::new(
                        item,
                        WarningFact::Unplaceable { kind },
                        reason.message.clone(),
                    )
                }))
            }
        }
        let possible = facts[gi].possible;
        for &ii in &groups[gi].items {
            let it = &mut items[ii.0 as usize];
            it.wave = wave;
            it.reason = reason.clone();
            it.unplaced = unplaced;
            it.earliest_possible = possible;
            let ItemKind::Asset(ai) = it.kind else {
                continue;
            };
            if let Some(term) = ctx.term(ai) {
                it.contract_end = Some(term.end);
                it.notice_by = wave
                    .filter(|_| it.action.ends_use())
                    .and_then(|n| term.notice_by(ctx.cal.end(n)));
                if let Some(missed) = term.missed {
                    warnings.push(Warning::new(
                        ii,
                        WarningFact::Renewed {
                            missed,
                            runs_to: term.end,
                            next_notice: term.notice_deadline(),
                        },
                        format!(
                            "notice was due {missed}; it now runs to {}{}",
                            term.end,
                            term.notice_deadline()
                                .map(|d| format!(" (next notice date {d})"))
                                .unwrap_or_default()
                        ),
                    ));
                }
            }
            if let (Some(n), Some(eos)) = (wave, ctx.p.asset(ai).end_of_support)
                && n > ctx.on_time_until(eos)
            {
                late.push((ii, n, eos, possible));
            }
        }
    }
    for (ii, n, eos, possible) in late {
        warnings.push(late_warning(ctx, &items, ii, n, eos, possible));
    }
    for (ii, asset) in stranded {
        let a = ctx.p.asset(asset);
        let it = &items[ii.0 as usize];
        let site = match it.kind {
            ItemKind::Asset(site) => site,
            _ => asset,
        };
        warnings.push(Warning::new(
                ii,
                WarningFact::Stranded { site, asset },
                format!(
                    "it closes the room ({}), but {} ({}, {}) stands in it and has no item of its own{}",
                    it.action.as_str(),
                    ctx.p.asset_ref(asset),
                    a.name,
                    a.kind,
                    if ctx.t.in_scope(&ctx.p.org(a.org).id) {
                        ""
                    } else {
                        "; its organisation is outside the target"
                    }
                ),
            ));
    }
    warnings.sort_by_key(|w| (w.item, w.kind, w.freeze(), w.asset()));

    let mut by_wave: BTreeMap<u32, Vec<ItemIdx>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for (ii, it) in items.iter().enumerate() {
        match it.wave {
            Some(n) => by_wave.entry(n).or_default().push(ItemIdx(ii as u32)),
            None => unplaced.push(ItemIdx(ii as u32)),
        }
    }
    let waves = by_wave
        .into_iter()
        .map(|(number, list)| {
            let mut org_hours: BTreeMap<OrgIdx, Num> = BTreeMap::new();
            for &ii in &list {
                let it = &items[ii.0 as usize];
                if let Some(o) = it.org {
                    *org_hours.entry(o).or_default() += it.hours;
                }
            }
            Wave {
                number,
                start: ctx.cal.start(number),
                end: ctx.cal.end(number),
                hours: list.iter().map(|&ii| items[ii.0 as usize].hours).sum(),
                org_hours: org_hours.into_iter().collect(),
                items: list,
            }
        })
        .collect();

    let plan = ctx.plan;
    WavePlan {
        target: ctx.t.id.clone(),
        run_date: ctx.run,
        first_wave: ctx.cal.first(),
        start: plan.start,
        wave_months: plan.wave_months,
        capacity_hours: plan.capacity_hours,
        org_capacity_hours: plan.org_capacity_hours,
        horizon_end: ctx.cal.horizon_end(),
        bounds,
        items,
        groups,
        waves,
        unplaced,
        warnings,
    }
}

/// A `late` warning: whether some plan could have had it on time, and if so, what kept it
/// from its earliest possible wave: the binding constraint, as its reason says, and when its
/// dependencies came later than they could have, what held back the one it waits for.
fn late_warning(
    ctx: &Ctx,
    items: &[Item],
    ii: ItemIdx,
    n: u32,
    eos: crate::model::Date,
    possible: Option<u32>,
) -> Warning {
    let cal = &ctx.cal;
    let it = &items[ii.0 as usize];
    let mut message = if eos < ctx.run {
        format!(
            "end of support was {eos}, before the run date {}; its wave {n} starts {}",
            ctx.run,
            cal.start(n)
        )
    } else {
        format!(
            "end of support is {eos}, but its wave {n} starts {}",
            cal.start(n)
        )
    };
    let until = ctx.on_time_until(eos);
    let avoidable = possible.is_some_and(|e| e <= until);
    match possible {
        Some(e) if avoidable => {
            message.push_str(&format!(
                "; avoidable: it would be on time in wave {e} ({} – {}), but {}",
                cal.start(e),
                cal.end(e),
                it.reason.message
            ));
            // Its dependencies came later than they could have: say what held back the
            // one it waits for (each item's own reason names its binding constraint).
            let waits = it
                .after
                .iter()
                .map(|&b| &items[b.0 as usize])
                .filter(|b| b.wave.is_some_and(|w| w + 1 > e))
                .max_by_key(|b| (b.wave, std::cmp::Reverse(b.id.as_str())));
            if let (
                Some(b),
                Hold::Capacity { .. }
                | Hold::OrgCapacity { .. }
                | Hold::Freeze { .. }
                | Hold::Oversize { .. }
                | Hold::Dependency { .. },
            ) = (waits, &it.reason.hold)
                && !matches!(b.reason.hold, Hold::Start)
            {
                message.push_str(&format!(
                    "; it must follow {} (wave {}), which is there because {}",
                    b.id,
                    b.wave.unwrap_or(0),
                    b.reason.message
                ));
            }
        }
        Some(e) if eos >= ctx.run => message.push_str(&format!(
            "; no plan can avoid it: its earliest possible wave, {e}, starts {}",
            cal.start(e)
        )),
        _ => message.push_str("; no plan can avoid it"),
    }
    Warning::new(
        ii,
        WarningFact::Late {
            end_of_support: eos,
            wave: n,
            wave_start: cal.start(n),
            earliest_possible: possible,
            avoidable,
        },
        message,
    )
}

/// The reason of a placement in words. Needs every group's wave and outcome.
fn describe(
    ctx: &Ctx,
    outcome: &Outcome,
    outcomes: &[Outcome],
    items: &[Item],
    groups: &[Group],
) -> Reason {
    let (p, cal) = (ctx.p, &ctx.cal);
    let id = |i: ItemIdx| items[i.0 as usize].id.as_str();
    let share = |org: Option<OrgIdx>| {
        org.map(|o| format!("{}'s share of ", p.org(o).id))
            .unwrap_or_default()
    };
    let (wave, earliest, hold) = match outcome {
        Outcome::Placed {
            wave,
            earliest,
            hold,
        } => (*wave, *earliest, hold.clone()),
        Outcome::Unplaced(why) => return describe_unplaced(ctx, *why, outcomes, items),
    };
    let before = wave.saturating_sub(1);
    let mut message = match &hold {
        Hold::Start if wave > 1 => format!(
            "nothing holds it back; waves before wave {wave} ended before the run date {}",
            ctx.run
        ),
        Hold::Start => "nothing holds it back".to_string(),
        Hold::Dependency { on } => {
            let on_wave = groups[items[on.0 as usize].group.0 as usize]
                .wave
                .unwrap_or(0);
            format!("it must follow {} (wave {on_wave})", id(*on))
        }
        Hold::Contract { asset, ends } => {
            let renewed = ctx
                .term(*asset)
                .filter(|t| t.renewals > 0)
                .and_then(|t| t.missed)
                .map(|d| format!(", renewed because notice was not given by {d}"))
                .unwrap_or_default();
            format!(
                "the contract of {} runs until {ends}{renewed}; wave {before} ends {}",
                p.asset_ref(*asset),
                cal.end(before)
            )
        }
        Hold::Freeze {
            freeze,
            asset,
            from,
        } => format!(
            "{} the freeze {} that selects {}",
            if *from < before {
                format!(
                    "waves {from}–{before} ({} – {}) overlap",
                    cal.start(*from),
                    cal.end(before)
                )
            } else {
                format!(
                    "wave {before} ({} – {}) overlaps",
                    cal.start(before),
                    cal.end(before)
                )
            },
            calendar::describe(&ctx.plan.freeze[*freeze]),
            p.asset_ref(*asset)
        ),
        Hold::Capacity { used } => format!(
            "wave {before} is full: {used} of {} hours booked",
            ctx.plan.capacity_hours
        ),
        Hold::OrgCapacity { org, used } => format!(
            "{}wave {before} is full: {used} of {} hours booked",
            share(Some(*org)),
            ctx.plan.org_capacity_hours.unwrap_or_default()
        ),
        Hold::Oversize { by: Some(by), org } => format!(
            "{}wave {before} is given to the oversize item {} alone",
            share(*org),
            id(*by)
        ),
        Hold::Oversize { by: None, org } => format!(
            "it is oversize and needs {}a wave to itself; wave {before} already has work",
            share(*org)
        ),
        Hold::Horizon | Hold::Full { .. } => String::new(),
    };
    // A freeze that shuts every wave back to the earliest allowed has said it already.
    let said = matches!(hold, Hold::Freeze { from, .. } if from == earliest);
    if wave > earliest && earliest > cal.first() && !said {
        message.push_str(&format!(
            " (dependencies and contract allow wave {earliest})"
        ));
    }
    Reason {
        hold,
        earliest: Some(earliest),
        message,
    }
}

/// What a component with a capacity has, in words: `20 racks`.
fn amount(key: usize, v: f64) -> String {
    let unit = match Capacity::KEYS[key] {
        "vcpu" => "vCPU",
        "ram_gb" => "GB of RAM",
        "storage_tb" => "TB of storage",
        "racks" => "racks",
        _ => "kW of power",
    };
    let unit = if unit == "racks" && (v - 1.0).abs() < 1e-9 {
        "rack"
    } else {
        unit
    };
    format!("{} {unit}", Num(v))
}

fn describe_unplaced(ctx: &Ctx, why: Unplaced, outcomes: &[Outcome], items: &[Item]) -> Reason {
    let end = ctx.cal.horizon_end();
    let (hold, earliest, message) = match why {
        Unplaced::Contract(asset, ends) => (
            Hold::Contract { asset, ends },
            None,
            format!(
                "the contract of {} runs until {ends}, after the planning horizon ({end})",
                ctx.p.asset_ref(asset)
            ),
        ),
        Unplaced::Dependency(on) => {
            // Name what blocks the chain at its root: a full hall, a contract, the horizon.
            let mut root = on;
            let mut steps = 0;
            while let Outcome::Unplaced(Unplaced::Dependency(next)) =
                &outcomes[items[root.0 as usize].group.0 as usize]
                && steps < items.len()
            {
                root = *next;
                steps += 1;
            }
            let root_id = &items[root.0 as usize].id;
            let cause = match &outcomes[items[root.0 as usize].group.0 as usize] {
                Outcome::Unplaced(Unplaced::Full(c, k, need, left)) => {
                    let capacity = ctx.limits[*c].map_or(0.0, |l| l[*k]);
                    let comp = &ctx.t.components[*c].id;
                    if *need > capacity + super::slots::EPS {
                        format!(
                            "{root_id} needs {}, more than all of {comp} ({})",
                            amount(*k, *need),
                            amount(*k, capacity)
                        )
                    } else {
                        format!(
                            "{comp} is full: {} left, {root_id} needs {}",
                            amount(*k, left.max(0.0)),
                            amount(*k, *need)
                        )
                    }
                }
                Outcome::Unplaced(Unplaced::Contract(..)) => {
                    format!("the contract of {root_id} runs past the planning horizon")
                }
                Outcome::Unplaced(Unplaced::NoRoom(_)) => {
                    format!("no wave up to the planning horizon has room for {root_id}")
                }
                _ => format!("{root_id} has no wave"),
            };
            let on_id = &items[on.0 as usize].id;
            let cause = if root == on {
                cause
            } else {
                format!("{on_id} is blocked by {root_id}: {cause}")
            };
            (
                Hold::Dependency { on },
                None,
                format!("it must follow {on_id}, which could not be placed ({cause})"),
            )
        }
        Unplaced::NoRoom(earliest) => (
            Hold::Horizon,
            Some(earliest),
            format!("no wave from wave {earliest} to the planning horizon ({end}) has room for it"),
        ),
        Unplaced::Full(component, key, need, left) => {
            let c = &ctx.t.components[component];
            let capacity = ctx.limits[component].map_or(0.0, |l| l[key]);
            let message = if need > capacity + super::slots::EPS {
                format!(
                    "it needs {} of {}, which holds {} in all: it can never fit",
                    amount(key, need),
                    c.id,
                    amount(key, capacity)
                )
            } else {
                format!(
                    "{} is full: it needs {}, and {} of {} are left after the items placed before it",
                    c.id,
                    amount(key, need),
                    Num(left.max(0.0)),
                    amount(key, capacity)
                )
            };
            (
                Hold::Full {
                    component,
                    key,
                    need: Num(need),
                    left: Num(left.max(0.0)),
                    capacity: Num(capacity),
                },
                None,
                message,
            )
        }
    };
    Reason {
        hold,
        earliest,
        message,
    }
}

fn freeze_warnings(
    ctx: &Ctx,
    f: &Facts,
    group: &Group,
    items: &[Item],
    warnings: &mut Vec<Warning>,
) {
    for &fi in &f.dropped {
        let fr = &ctx.plan.freeze[fi];
        for &ii in &group.items {
            let ItemKind::Asset(ai) = items[ii.0 as usize].kind else {
                continue;
            };
            let a = ctx.p.asset(ai);
            if fr.select.matches(&ctx.p.org(a.org).id, a) {
                warnings.push(Warning::new(
                    ii,
                    WarningFact::FreezeDropped { freeze: fi },
                    format!(
                        "the freeze {} would keep it out of every wave it could take (waves of {} months); it is ignored for this item",
                        calendar::describe(fr),
                        ctx.plan.wave_months
                    ),
                ));
            }
        }
    }
}

fn oversize_warnings(
    ctx: &Ctx,
    f: &Facts,
    wave: u32,
    group: &Group,
    items: &[Item],
    warnings: &mut Vec<Warning>,
) {
    let what = match &group.name {
        Some(name) => format!("the move group {name} ({} items)", group.items.len()),
        None => "it".to_string(),
    };
    if f.hours > ctx.cap + super::slots::EPS {
        warnings.push(Warning::new(
            f.first,
            WarningFact::Oversize {
                hours: Num(f.hours),
                capacity: ctx.plan.capacity_hours,
                org: None,
                wave,
                group: group.name.as_ref().map(|_| items[f.first.0 as usize].group),
            },
            format!(
                "{what} needs {} hours, more than capacity_hours ({}): it has wave {wave} to itself",
                Num(f.hours),
                ctx.plan.capacity_hours
            ),
        ));
        return;
    }
    let Some(ocap) = ctx.ocap else { return };
    for &(o, oh) in &f.orgs {
        if oh > ocap + super::slots::EPS {
            let org = &ctx.p.org(o).id;
            let item = group
                .items
                .iter()
                .copied()
                .find(|&i| items[i.0 as usize].org == Some(o))
                .unwrap_or(f.first);
            warnings.push(Warning::new(
                item,
                WarningFact::Oversize {
                    hours: Num(oh),
                    capacity: Num(ocap),
                    org: Some(o),
                    wave,
                    group: group.name.as_ref().map(|_| items[item.0 as usize].group),
                },
                format!(
                    "{what} needs {} hours of {org}, more than org_capacity_hours ({}): it has {org}'s share of wave {wave} to itself",
                    Num(oh),
                    Num(ocap)
                ),
            ));
        }
    }
}
