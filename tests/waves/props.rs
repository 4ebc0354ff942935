//! Invariants of every plan, checked on random estates from `estate-gen` (compact style)
//! and on tiny random projects (`tiny.rs`), against what `reference.rs` computes again.

use crate::reference::{self, Term};
use estate_gen::{Limit, Spec, Style};
use proptest::prelude::*;
use samdrift::gaps::Analysis;
use samdrift::model::{Action, Capacity, Date, Layer, OrgIdx, Project};
use samdrift::waves::calendar::overlaps;
use samdrift::waves::{GroupIdx, ItemAction, ItemKind, UnplacedKind, WarningKind, WavePlan};
use std::collections::{BTreeMap, BTreeSet};

const EPS: f64 = 1e-6;

/// Everything docs/format.md §5 promises about a plan made as of `run`; `Err` names the first
/// broken promise.
pub fn check(p: &Project, a: &Analysis, plan: &WavePlan, run: Date) -> Result<(), String> {
    let settings = p.targets[0].plan.as_ref().unwrap();
    let t = &p.targets[0];
    let wave_of = |i: samdrift::waves::ItemIdx| plan.item(i).wave;
    let first = reference::first_wave(settings, run);
    let earliest = reference::earliest(p, plan, run);
    let mut item_of: Vec<Option<usize>> = vec![None; p.assets.len()];
    for (i, it) in plan.items.iter().enumerate() {
        if let ItemKind::Asset(ai) = it.kind {
            item_of[ai.0 as usize] = Some(i);
        }
    }

    // Nothing in a past wave, and no past wave listed.
    if let Some(w) = plan.waves.iter().find(|w| w.number < first || w.end < run) {
        return Err(format!("wave {} ({}) is past on {run}", w.number, w.end));
    }
    for w in &plan.waves {
        if w.start != reference::wave_start(settings, w.number)
            || w.end != reference::wave_end(settings, w.number)
        {
            return Err(format!(
                "wave {} has the dates {} – {}",
                w.number, w.start, w.end
            ));
        }
    }

    // Every open gap is covered by exactly one item; waived gaps by none.
    let mut covered = vec![0u32; a.gaps.len()];
    for it in &plan.items {
        for &g in &it.gaps {
            covered[g] += 1;
        }
    }
    for (g, gap) in a.gaps.iter().enumerate() {
        let want = u32::from(!gap.waived);
        if covered[g] != want {
            return Err(format!(
                "gap {g} ({}/{:?} {}) is covered {} times",
                gap.org, gap.asset, gap.rule, covered[g]
            ));
        }
    }
    // One establish item per component.
    let establish = plan
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Establish { .. }))
        .count();
    if establish != p.targets[0].components.len() {
        return Err("not one establish item per component".into());
    }

    for it in &plan.items {
        let Some(w) = it.wave else {
            if !plan.unplaced.iter().any(|&u| plan.item(u).id == it.id) {
                return Err(format!(
                    "{} has no wave and is not listed as unplaced",
                    it.id
                ));
            }
            continue;
        };
        // Strict order along dependencies; move groups share a wave.
        for &b in &it.after {
            match wave_of(b) {
                Some(bw) if bw < w => {}
                other => {
                    return Err(format!(
                        "{} (wave {w}) must follow {} (wave {other:?})",
                        it.id,
                        plan.item(b).id
                    ));
                }
            }
        }
        for &m in &plan.group(it.group).items {
            if wave_of(m) != Some(w) {
                return Err(format!(
                    "{} and {} are in one move group",
                    it.id,
                    plan.item(m).id
                ));
            }
        }
        let ItemKind::Asset(ai) = it.kind else {
            continue;
        };
        let asset = p.asset(ai);
        let wave = plan.waves.iter().find(|x| x.number == w).unwrap();
        // Not in a wave that ends before the effective contract end; the notice date is the
        // deadline of the last end on or before the wave's end.
        let term = asset.contract.as_ref().and_then(|c| Term::of(c, run));
        if let Some(term) = &term {
            if wave.end < term.end {
                return Err(format!(
                    "{} is in wave {w} ending {}, before its contract ends {}",
                    it.id, wave.end, term.end
                ));
            }
            // Notice is due only where the asset leaves (docs/decisions.md).
            let leaves = matches!(
                it.action,
                ItemAction::Gap(
                    Action::Migrate | Action::Consolidate | Action::Replace | Action::Decommission
                )
            );
            let notice = term.notice_by(wave.end).filter(|_| leaves);
            if it.contract_end != Some(term.end) || it.notice_by != notice {
                return Err(format!(
                    "{}: contract end {:?} and notice by {:?}, should be {} and {:?}",
                    it.id, it.contract_end, it.notice_by, term.end, notice
                ));
            }
        }
        // The room empties before it closes: what stands in it moves first.
        if asset.layer == Layer::Sites {
            for (b, x) in p.assets.iter().enumerate() {
                if x.site.as_ref().and_then(|r| r.resolved) != Some(ai) {
                    continue;
                }
                if let Some(bi) = item_of[b].map(|i| &plan.items[i])
                    && bi.group != it.group
                    && bi.wave.is_none_or(|bw| bw >= w)
                {
                    return Err(format!(
                        "{} (wave {w}) closes before {} ({:?}) leaves it",
                        it.id, bi.id, bi.wave
                    ));
                }
            }
        }
        // Not in a wave overlapping a freeze that selects it, unless dropped with a warning.
        for (fi, f) in settings.freeze.iter().enumerate() {
            if f.select.matches(&p.org(asset.org).id, asset)
                && overlaps(f, wave.start, wave.end)
                && !plan.warnings.iter().any(|x| {
                    x.kind == WarningKind::FreezeDropped
                        && plan.item(x.item).id == it.id
                        && x.freeze() == Some(fi)
                })
            {
                return Err(format!(
                    "{} is in wave {w}, which overlaps freeze {fi}",
                    it.id
                ));
            }
        }
        // `late` exactly when the wave starts on or after the end of support (or that is
        // before the run date); avoidable exactly when it is not late in its earliest wave.
        let late = plan
            .warnings
            .iter()
            .find(|x| x.kind == WarningKind::Late && plan.item(x.item).id == it.id);
        let should = asset
            .end_of_support
            .is_some_and(|e| reference::late(settings, run, e, w));
        if late.is_some() != should {
            return Err(format!(
                "{}: late warning is {}, should be {should}",
                it.id,
                late.is_some()
            ));
        }
        if let (Some(late), Some(eos)) = (late, asset.end_of_support) {
            let i = plan.items.iter().position(|x| x.id == it.id).unwrap();
            let e = earliest[i].ok_or(format!("{} placed without an earliest wave", it.id))?;
            let avoidable = !reference::late(settings, run, eos, e);
            if late.avoidable() != Some(avoidable) || it.earliest_possible != Some(e) {
                return Err(format!(
                    "{}: avoidable {:?} with earliest {:?}, should be {avoidable} with {e}",
                    it.id,
                    late.avoidable(),
                    it.earliest_possible
                ));
            }
        }
    }

    // A contract whose notice date passed says so, on every item of its asset.
    for (i, it) in plan.items.iter().enumerate() {
        let ItemKind::Asset(ai) = it.kind else {
            continue;
        };
        let renewed = p
            .asset(ai)
            .contract
            .as_ref()
            .and_then(|c| Term::of(c, run))
            .is_some_and(|t| t.missed.is_some());
        let warned = plan
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::Renewed && w.item.0 as usize == i);
        if renewed != warned {
            return Err(format!("{}: renewed {renewed}, warned {warned}", it.id));
        }
    }

    // Stranded: exactly the item-less assets standing in a room whose item closes it.
    let mut want: BTreeSet<(usize, u32)> = BTreeSet::new();
    for (i, it) in plan.items.iter().enumerate() {
        let ItemKind::Asset(room) = it.kind else {
            continue;
        };
        if p.asset(room).layer != Layer::Sites {
            continue;
        }
        let closes = matches!(
            it.action,
            ItemAction::Gap(
                Action::Migrate | Action::Consolidate | Action::Replace | Action::Decommission
            )
        );
        for (b, x) in p.assets.iter().enumerate() {
            let has_item = item_of[b].is_some();
            if closes && !has_item && x.site.as_ref().and_then(|r| r.resolved) == Some(room) {
                want.insert((i, b as u32));
            }
        }
    }
    let got: BTreeSet<(usize, u32)> = plan
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Stranded)
        .map(|w| (w.item.0 as usize, w.asset().map_or(u32::MAX, |a| a.0)))
        .collect();
    if want != got {
        return Err(format!("stranded {got:?}, should be {want:?}"));
    }

    // Components with a capacity: what the items placed up to each wave use stays within it.
    for (ci, c) in t.components.iter().enumerate() {
        let Some(cap) = &c.capacity else { continue };
        let limit = cap.values();
        for wave in &plan.waves {
            let mut used = [0.0f64; 5];
            for it in plan
                .items
                .iter()
                .filter(|i| i.wave.is_some_and(|n| n <= wave.number))
            {
                let ItemKind::Asset(ai) = it.kind else {
                    continue;
                };
                if it.component.as_deref() != Some(c.id.as_str()) {
                    continue;
                }
                if let Some(u) = &p.asset(ai).capacity {
                    for (k, v) in u.values().into_iter().enumerate() {
                        used[k] += v.map_or(0.0, |v| v.get());
                    }
                }
            }
            for k in 0..5 {
                if let Some(l) = limit[k]
                    && used[k] > l.get() + EPS
                {
                    return Err(format!(
                        "component {ci} ({}) holds {} {} by wave {}, more than {}",
                        c.id,
                        used[k],
                        Capacity::KEYS[k],
                        wave.number,
                        l.get()
                    ));
                }
            }
        }
    }

    // An unplaced item is `blocked` exactly when it must follow one that is unplaced.
    for &u in &plan.unplaced {
        let it = plan.item(u);
        let blocked = plan
            .group(it.group)
            .items
            .iter()
            .flat_map(|&m| plan.item(m).after.iter())
            .any(|&b| plan.item(b).wave.is_none());
        if (it.unplaced == Some(UnplacedKind::Blocked)) != blocked {
            return Err(format!(
                "{} is {:?}, blocked: {blocked}",
                it.id, it.unplaced
            ));
        }
    }

    // Capacities hold, except for a single oversize group alone in its wave (or org share).
    let cap = settings.capacity_hours.get();
    for wave in &plan.waves {
        let mut groups: BTreeMap<GroupIdx, (f64, BTreeMap<OrgIdx, f64>)> = BTreeMap::new();
        for &i in &wave.items {
            let it = plan.item(i);
            let e = groups.entry(it.group).or_default();
            e.0 += it.hours.get();
            if let Some(o) = it.org {
                *e.1.entry(o).or_default() += it.hours.get();
            }
        }
        let total: f64 = groups.values().map(|g| g.0).sum();
        let oversize = groups.values().any(|g| g.0 > cap + EPS);
        if oversize && groups.len() > 1 {
            return Err(format!("wave {} shares an oversize group", wave.number));
        }
        if !oversize && total > cap + EPS {
            return Err(format!("wave {} has {total} of {cap} hours", wave.number));
        }
        // A wave with an oversize group holds nothing else, so its org shares hold too.
        if let Some(ocap) = settings.org_capacity_hours.map(|c| c.get())
            && !oversize
        {
            let orgs: BTreeSet<OrgIdx> =
                groups.values().flat_map(|g| g.1.keys().copied()).collect();
            for o in orgs {
                let shares: Vec<f64> = groups
                    .values()
                    .filter_map(|g| g.1.get(&o).copied())
                    .collect();
                let sum: f64 = shares.iter().sum();
                let big = shares.iter().any(|&h| h > ocap + EPS);
                let ok = if big {
                    shares.len() == 1
                } else {
                    sum <= ocap + EPS
                };
                if !ok {
                    return Err(format!(
                        "wave {} has {sum} hours of org {} against {ocap}",
                        wave.number,
                        p.org(o).id
                    ));
                }
            }
        }
    }

    // Never fewer waves than the bounds say any plan needs: waves with work against
    // `lower_bound`, the last wave's number against the best bound (contracts count time).
    if plan.unplaced.is_empty()
        && ((plan.waves.len() as u32) < plan.bounds.lower_bound || plan.span() < plan.bounds.best)
    {
        return Err(format!(
            "{} waves up to wave {}, below the bounds {:?}",
            plan.waves.len(),
            plan.span(),
            plan.bounds
        ));
    }
    if plan.bounds.best < plan.bounds.lower_bound {
        return Err("best bound below lower_bound".into());
    }
    Ok(())
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        1usize..4,
        20usize..90,
        any::<u64>(),
        0.0f64..1.0,
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(30.0f64..600.0),
        100.0f64..3000.0,
        prop_oneof![Just(1u32), Just(3), Just(4), Just(6), Just(12)],
    )
        .prop_map(
            |(
                orgs,
                assets_per_org,
                seed,
                cycle_rate,
                contracts,
                freezes,
                org_capacity,
                capacity,
                wave_months,
            )| Spec {
                style: Style::Compact,
                orgs,
                assets_per_org,
                seed,
                cycle_rate,
                contracts,
                freezes,
                org_capacity: org_capacity.map_or(Limit::Off, |h| Limit::Hours(h.round())),
                capacity: Some(capacity.round()),
                wave_months,
                cross_org_refs: true,
                cycles: true,
            },
        )
}

/// A run date from before the plan starts (2026-01-01) to well into it.
pub fn run_date() -> impl Strategy<Value = Date> {
    (0i64..900).prop_map(|d| "2025-10-01".parse::<Date>().unwrap() + chrono::Days::new(d as u64))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn plans_keep_every_promise(spec in spec(), run in run_date()) {
        let loaded = samdrift::load::load_files(&estate_gen::generate(&spec).files).unwrap();
        let (a, plan) = crate::plan_loaded_at(&loaded, run);
        prop_assert!(plan.unplaced.is_empty(), "unplaced: {}", plan.unplaced.len());
        if let Err(e) = check(&loaded.project, &a, &plan, run) {
            return Err(TestCaseError::fail(e));
        }
    }
}

/// The same input gives the same plan, byte for byte.
#[test]
fn planning_is_deterministic() {
    let spec = Spec::sized(2_000, 7);
    let loaded = samdrift::load::load_files(&estate_gen::generate(&spec).files).unwrap();
    let json = || {
        let (a, plan) = crate::plan_loaded(&loaded);
        let v = samdrift::views::waves::doc(&loaded.project, &a, &plan);
        samdrift::views::waves::json(&v)
    };
    assert_eq!(json(), json());
}

/// On generated estates the plan stays within 10% of the best bound, and within 10% of
/// `lower_bound` wherever no stronger bound (contracts, dependency layers, org shares)
/// proves that more waves are needed. Capacity is loose (the chain decides), tight (the
/// hours decide) and very tight.
#[test]
fn generated_estates_plan_close_to_the_bound() {
    for (assets, seed, capacities) in [
        (1_000, 1, &[4.0, 1.2, 0.5][..]),
        (3_000, 2, &[4.0, 1.2, 0.5][..]),
        (10_000, 3, &[1.2][..]),
    ] {
        for &capacity in capacities {
            for calendar in [true, false] {
                let mut spec = Spec::sized(assets, seed);
                spec.capacity = spec.capacity.map(|c| c * capacity / 1.2);
                spec.contracts = calendar;
                spec.freezes = calendar;
                let loaded =
                    samdrift::load::load_files(&estate_gen::generate(&spec).files).unwrap();
                let (a, plan) = crate::plan_loaded(&loaded);
                check(&loaded.project, &a, &plan, crate::as_of()).unwrap();
                let span = plan.span() as f64;
                let b = plan.bounds;
                eprintln!(
                    "{assets} assets, {capacity} h/asset, calendar {calendar}: {} items, {} waves up to wave {span}; {b:?}",
                    plan.items.len(),
                    plan.waves.len()
                );
                assert!(
                    span <= (b.best as f64 * 1.1).ceil(),
                    "{assets} assets, calendar {calendar}: {span} waves against {b:?}"
                );
                if b.best == b.lower_bound {
                    assert!(
                        span <= (b.lower_bound as f64 * 1.1).ceil(),
                        "{assets} assets: {span} waves against {b:?}"
                    );
                }
            }
        }
    }
}
