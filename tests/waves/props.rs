//! Invariants of every plan, checked on random estates from `estate-gen` (compact style).

use estate_gen::{Limit, Spec, Style};
use proptest::prelude::*;
use samdrift::gaps::Analysis;
use samdrift::model::{OrgIdx, Project};
use samdrift::waves::calendar::overlaps;
use samdrift::waves::{GroupIdx, ItemKind, WarningKind, WavePlan};
use std::collections::{BTreeMap, BTreeSet};

const EPS: f64 = 1e-6;

/// Everything FORMAT.md §5 promises about a plan; `Err` names the first broken promise.
pub fn check(p: &Project, a: &Analysis, plan: &WavePlan) -> Result<(), String> {
    let settings = p.targets[0].plan.as_ref().unwrap();
    let wave_of = |i: samdrift::waves::ItemIdx| plan.item(i).wave;

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
        // Not in a wave that ends before the contract does.
        if let Some(ends) = asset.contract.as_ref().and_then(|c| c.ends)
            && wave.end < ends
        {
            return Err(format!(
                "{} is in wave {w} ending {}, before its contract ends {ends}",
                it.id, wave.end
            ));
        }
        // Not in a wave overlapping a freeze that selects it, unless dropped with a warning.
        for (fi, f) in settings.freeze.iter().enumerate() {
            if f.select.matches(&p.org(asset.org).id, asset)
                && overlaps(f, wave.start, wave.end)
                && !plan.warnings.iter().any(|x| {
                    x.kind == WarningKind::FreezeDropped
                        && plan.item(x.item).id == it.id
                        && x.freeze == Some(fi)
                })
            {
                return Err(format!(
                    "{} is in wave {w}, which overlaps freeze {fi}",
                    it.id
                ));
            }
        }
        // `late` exactly when the wave starts on or after the end of support.
        let late = plan
            .warnings
            .iter()
            .any(|x| x.kind == WarningKind::Late && plan.item(x.item).id == it.id);
        let should = asset.end_of_support.is_some_and(|e| wave.start >= e);
        if late != should {
            return Err(format!(
                "{}: late warning is {late}, should be {should}",
                it.id
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn plans_keep_every_promise(spec in spec()) {
        let loaded = samdrift::load::load_files(&estate_gen::generate(&spec).files).unwrap();
        let (a, plan) = crate::plan_loaded(&loaded);
        prop_assert!(plan.unplaced.is_empty(), "unplaced: {}", plan.unplaced.len());
        if let Err(e) = check(&loaded.project, &a, &plan) {
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
                check(&loaded.project, &a, &plan).unwrap();
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

/// A tiny random project: services with hours, dependencies between them, and sometimes a
/// chain of two components that some of them move onto. Small enough to plan by brute force.
#[derive(Clone, Debug)]
struct Tiny {
    /// (org 0 or 1, hours, indices of services it depends on, moves onto a component)
    services: Vec<(usize, u32, Vec<usize>, bool)>,
    components: bool,
    capacity: u32,
    org_capacity: Option<u32>,
}

fn tiny() -> impl Strategy<Value = Tiny> {
    let service = (
        0usize..2,
        1u32..12,
        proptest::collection::vec(0usize..8, 0..3),
        any::<bool>(),
    );
    (
        proptest::collection::vec(service, 1..7),
        any::<bool>(),
        5u32..20,
        proptest::option::of(3u32..12),
    )
        .prop_map(|(services, components, capacity, org_capacity)| Tiny {
            services,
            components,
            capacity,
            org_capacity,
        })
}

fn tiny_files(t: &Tiny) -> Vec<(String, Vec<u8>)> {
    let services = &t.services;
    let mut target = String::from(
        "target: {name: T, horizon: 2027-12-31, sla_levels: [low, high]}\nrules:\n  - {id: r, title: t, select: {layer: services}, expect: {sla_at_least: high}, action: reconfigure, effort: {hours: 1, per: unit}}\n",
    );
    if t.components {
        target = target.replace(
            "rules:\n",
            "components:\n  - {id: c1, name: C, layer: platforms, kind: server, establish_hours: 4}\n  - {id: c2, name: C, layer: platforms, kind: database, depends_on: [c1], establish_hours: 3}\nrules:\n  - {id: m, title: t, select: {layer: services, tags: [m]}, expect: {moved_to: c2}, action: migrate, effort: {hours: 1}}\n",
        );
    }
    target.push_str(&format!(
        "plan: {{start: 2026-01-01, wave_months: 3, capacity_hours: {}{}}}\n",
        t.capacity,
        t.org_capacity
            .map_or(String::new(), |c| format!(", org_capacity_hours: {c}"))
    ));
    let mut orgs: [String; 2] = [String::from("services:\n"), String::from("services:\n")];
    for (i, (org, q, deps, moves)) in services.iter().enumerate() {
        let deps: Vec<String> = deps
            .iter()
            .filter(|&&d| d < services.len() && d != i)
            .map(|&d| format!("{}/s{d}", ["a", "b"][services[d].0]))
            .collect();
        orgs[*org].push_str(&format!(
            "  - {{id: s{i}, name: S, kind: application, quantity: {q}, depends_on: [{}]{}}}\n",
            deps.join(", "),
            if *moves { ", tags: [m]" } else { "" }
        ));
    }
    vec![
        ("targets/t.yaml".into(), target.into_bytes()),
        ("inventory/a/x.yaml".into(), orgs[0].clone().into_bytes()),
        ("inventory/b/x.yaml".into(), orgs[1].clone().into_bytes()),
    ]
}

/// The fewest waves any valid plan of these groups has, by exhaustive search (no calendar).
fn optimum(plan: &WavePlan, cap: f64, ocap: Option<f64>) -> u32 {
    struct G {
        hours: f64,
        orgs: BTreeMap<OrgIdx, f64>,
        preds: Vec<usize>,
    }
    let gs: Vec<G> = plan
        .groups
        .iter()
        .map(|g| {
            let mut orgs = BTreeMap::new();
            let mut preds = BTreeSet::new();
            for &i in &g.items {
                let it = plan.item(i);
                if let Some(o) = it.org {
                    *orgs.entry(o).or_insert(0.0) += it.hours.get();
                }
                preds.extend(it.after.iter().map(|&a| plan.item(a).group.0 as usize));
            }
            G {
                hours: g.hours.get(),
                orgs,
                preds: preds.into_iter().collect(),
            }
        })
        .collect();
    fn fits(gs: &[G], wave: &[usize], g: usize, cap: f64, ocap: Option<f64>) -> bool {
        let big = |h: f64, c: f64| h > c + EPS;
        if big(gs[g].hours, cap) || wave.iter().any(|&x| big(gs[x].hours, cap)) {
            return wave.is_empty();
        }
        if wave.iter().map(|&x| gs[x].hours).sum::<f64>() + gs[g].hours > cap + EPS {
            return false;
        }
        let Some(ocap) = ocap else { return true };
        gs[g].orgs.iter().all(|(o, &h)| {
            let others: Vec<f64> = wave
                .iter()
                .filter_map(|&x| gs[x].orgs.get(o).copied())
                .collect();
            if big(h, ocap) || others.iter().any(|&x| big(x, ocap)) {
                others.is_empty()
            } else {
                others.iter().sum::<f64>() + h <= ocap + EPS
            }
        })
    }
    fn search(
        gs: &[G],
        at: &mut Vec<u32>,
        waves: &mut Vec<Vec<usize>>,
        limit: u32,
        cap: f64,
        ocap: Option<f64>,
    ) -> bool {
        let g = at.len();
        if g == gs.len() {
            return true;
        }
        let lo = gs[g].preds.iter().map(|&p| at[p] + 1).max().unwrap_or(1);
        for w in lo..=limit {
            if fits(gs, &waves[w as usize], g, cap, ocap) {
                at.push(w);
                waves[w as usize].push(g);
                if search(gs, at, waves, limit, cap, ocap) {
                    return true;
                }
                waves[w as usize].pop();
                at.pop();
            }
        }
        false
    }
    let mut best = plan.span();
    while best > 1 {
        let mut waves = vec![Vec::new(); best as usize];
        if search(&gs, &mut Vec::new(), &mut waves, best - 1, cap, ocap) {
            best -= 1;
        } else {
            break;
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// No valid plan has fewer waves than the bounds claim; the planner is compared with the
    /// true optimum found by exhaustive search.
    #[test]
    fn bounds_hold_against_the_optimum(t in tiny()) {
        let loaded = samdrift::load::load_files(&tiny_files(&t)).unwrap();
        let (_, plan) = crate::plan_loaded(&loaded);
        prop_assume!(plan.groups.len() <= 9);
        let opt = optimum(&plan, t.capacity as f64, t.org_capacity.map(f64::from));
        prop_assert!(plan.bounds.best <= opt, "bounds {:?} above the optimum {opt}", plan.bounds);
        prop_assert!(plan.span() >= opt);
        prop_assert!(
            plan.span() as f64 <= (opt as f64 * 1.1).ceil(),
            "{} waves where {opt} suffice",
            plan.span()
        );
    }
}
