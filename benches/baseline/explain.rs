//! From placements to the plan people read: each item's reason in words, the warnings, and
//! the waves with their dates and hours.

use super::calendar;
use super::place::{Ctx, Facts, Outcome, Unplaced};
use super::{
    Bounds, Group, Hold, Item, ItemIdx, ItemKind, Reason, Warning, WarningKind, Wave, WavePlan,
};
use crate::model::{Num, OrgIdx, Target};
use std::collections::BTreeMap;

/// Puts the chosen placement into the plan.
pub(super) fn assemble(
    ctx: &Ctx,
    t: &Target,
    mut items: Vec<Item>,
    mut groups: Vec<Group>,
    facts: &[Facts],
    outcomes: Vec<Outcome>,
    bounds: Bounds,
) -> WavePlan {
    let mut warnings = Vec::new();
    for (gi, f) in facts.iter().enumerate() {
        groups[gi].wave = outcomes[gi].wave();
        freeze_warnings(ctx, f, &groups[gi], &items, &mut warnings);
    }
    for (gi, outcome) in outcomes.into_iter().enumerate() {
        let reason = describe(ctx, outcome, &items, &groups);
        let wave = groups[gi].wave;
        match wave {
            Some(n) => oversize_warnings(ctx, &facts[gi], n, &groups[gi], &items, &mut warnings),
            None => warnings.extend(groups[gi].items.iter().map(|&item| Warning {
                item,
                kind: WarningKind::Unplaceable,
                message: reason.message.clone(),
                freeze: None,
            })),
        }
        for &ii in &groups[gi].items {
            let it = &mut items[ii.0 as usize];
            it.wave = wave;
            it.reason = reason.clone();
            if let (Some(n), ItemKind::Asset(ai)) = (wave, it.kind)
                && let Some(eos) = ctx.p.asset(ai).end_of_support
                && ctx.cal.start(n) >= eos
            {
                warnings.push(Warning {
                    item: ii,
                    kind: WarningKind::Late,
                    message: format!(
                        "end of support is {eos}, but its wave {n} starts {}",
                        ctx.cal.start(n)
                    ),
                    freeze: None,
                });
            }
        }
    }
    warnings.sort_by_key(|w| (w.item, w.kind, w.freeze));

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
        target: t.id.clone(),
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

/// The reason of a placement in words. Needs every group's wave.
fn describe(ctx: &Ctx, outcome: Outcome, items: &[Item], groups: &[Group]) -> Reason {
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
        } => (wave, earliest, hold),
        Outcome::Unplaced(why) => return describe_unplaced(ctx, why, items),
    };
    let before = wave.saturating_sub(1);
    let mut message = match &hold {
        Hold::Start => "nothing holds it back".to_string(),
        Hold::Dependency { on } => {
            let on_wave = groups[items[on.0 as usize].group.0 as usize]
                .wave
                .unwrap_or(0);
            format!("it must follow {} (wave {on_wave})", id(*on))
        }
        Hold::Contract { asset, ends } => format!(
            "the contract of {} runs until {ends}; wave {before} ends {}",
            p.asset_ref(*asset),
            cal.end(before)
        ),
        Hold::Freeze { freeze, asset } => format!(
            "wave {before} ({} – {}) overlaps the freeze {} that selects {}",
            cal.start(before),
            cal.end(before),
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
        Hold::Horizon => String::new(),
    };
    if wave > earliest && earliest > 1 {
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

fn describe_unplaced(ctx: &Ctx, why: Unplaced, items: &[Item]) -> Reason {
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
        Unplaced::Dependency(on) => (
            Hold::Dependency { on },
            None,
            format!(
                "it must follow {}, which could not be placed",
                items[on.0 as usize].id
            ),
        ),
        Unplaced::NoRoom(earliest) => (
            Hold::Horizon,
            Some(earliest),
            format!("no wave from wave {earliest} to the planning horizon ({end}) has room for it"),
        ),
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
                warnings.push(Warning {
                    item: ii,
                    kind: WarningKind::FreezeDropped,
                    message: format!(
                        "the freeze {} would keep it out of every wave it could take (waves of {} months); it is ignored for this item",
                        calendar::describe(fr),
                        ctx.plan.wave_months
                    ),
                    freeze: Some(fi),
                });
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
        warnings.push(Warning {
            item: f.first,
            kind: WarningKind::Oversize,
            message: format!(
                "{what} needs {} hours, more than capacity_hours ({}): it has wave {wave} to itself",
                Num(f.hours),
                ctx.plan.capacity_hours
            ),
            freeze: None,
        });
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
            warnings.push(Warning {
                item,
                kind: WarningKind::Oversize,
                message: format!(
                    "{what} needs {} hours of {org}, more than org_capacity_hours ({}): it has {org}'s share of wave {wave} to itself",
                    Num(oh),
                    Num(ocap)
                ),
                freeze: None,
            });
        }
    }
}
