//! The shipped example data (`inventory/`, `targets/`) planned as of 2026-12-01, the day the
//! v1.2 rules were asked for: what issue 9 says a steering group must be able to defend.

use samdrift::model::{Date, Layer};
use samdrift::waves::{Hold, ItemKind, UnplacedKind, WarningKind, WavePlan};

fn run() -> Date {
    "2026-12-01".parse().unwrap()
}

/// Each target's plan, checked against every promise of docs/format.md §5; with each, the
/// project with that target alone (`check` reads the first target).
fn plans() -> Vec<(String, samdrift::model::Project, WavePlan)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = samdrift::load::load(root);
    assert!(!loaded.has_errors(), "the example data has errors");
    let p = &loaded.project;
    let g = samdrift::graph::Graph::build(p);
    let mut out = Vec::new();
    for t in &p.targets {
        let a = samdrift::gaps::analyse(p, &g, t, run());
        let plan = samdrift::waves::plan(p, &g, t, &a).unwrap();
        let mut one = p.clone();
        one.targets = vec![t.clone()];
        crate::props::check(&one, &a, &plan, run()).unwrap_or_else(|e| panic!("{}: {e}", t.id));
        out.push((t.id.clone(), one, plan));
    }
    assert!(out.len() >= 3);
    out
}

/// Is the item held back by capacity or a freeze, itself or through the items it waits for?
fn binding(plan: &WavePlan, i: samdrift::waves::ItemIdx, depth: usize) -> bool {
    let it = plan.item(i);
    match it.reason.hold {
        Hold::Capacity { .. }
        | Hold::OrgCapacity { .. }
        | Hold::Freeze { .. }
        | Hold::Oversize { .. } => true,
        Hold::Dependency { on } => {
            depth < 50
                && plan.item(on).wave > plan.item(on).earliest_possible
                && binding(plan, on, depth + 1)
        }
        _ => false,
    }
}

#[test]
fn nothing_before_the_run_date_and_rooms_empty_before_they_close() {
    for (id, p, plan) in plans() {
        let p = &p;
        for w in &plan.waves {
            assert!(w.end >= run(), "{id}: wave {} ended {}", w.number, w.end);
        }
        for it in plan.items.iter().filter(|i| i.wave.is_some()) {
            let ItemKind::Asset(room) = it.kind else {
                continue;
            };
            if p.asset(room).layer != Layer::Sites {
                continue;
            }
            for other in &plan.items {
                let ItemKind::Asset(x) = other.kind else {
                    continue;
                };
                if p.asset(x).site.as_ref().and_then(|r| r.resolved) == Some(room) {
                    assert!(
                        other.wave.is_some_and(|w| w < it.wave.unwrap_or(0)),
                        "{id}: {} (wave {:?}) closes before {} (wave {:?})",
                        it.id,
                        it.wave,
                        other.id,
                        other.wave
                    );
                }
            }
        }
    }
}

#[test]
fn every_avoidable_late_item_names_a_binding_constraint() {
    for (id, _, plan) in plans() {
        for w in plan.warnings.iter().filter(|w| w.kind == WarningKind::Late) {
            if w.avoidable() == Some(true) {
                assert!(
                    binding(&plan, w.item, 0),
                    "{id}: {} is avoidably late without a binding constraint: {}",
                    plan.item(w.item).id,
                    plan.item(w.item).reason.message
                );
            }
        }
    }
}

#[test]
fn hyltes_advania_contract_renewed_and_says_when_to_give_notice() {
    let mut seen = 0;
    for (id, p, plan) in plans() {
        let p = &p;
        let dc = p.find_asset("hylte", "advania-dc").unwrap();
        let item = plan
            .items
            .iter()
            .position(|i| i.kind == ItemKind::Asset(dc));
        let Some(i) = item else { continue };
        seen += 1;
        let w = plan
            .warnings
            .iter()
            .find(|w| w.kind == WarningKind::Renewed && w.item.0 as usize == i)
            .unwrap_or_else(|| panic!("{id}: no renewal warning on hylte/advania-dc"));
        assert_eq!(
            w.message,
            "notice was due 2026-03-31; it now runs to 2029-03-31 (next notice date 2028-03-31)"
        );
        let it = &plan.items[i];
        assert_eq!(it.contract_end, Some("2029-03-31".parse().unwrap()));
        if it.wave.is_some() && it.action.ends_use() {
            assert_eq!(it.notice_by, Some("2028-03-31".parse().unwrap()), "{id}");
        }
    }
    assert!(seen >= 2, "hylte/advania-dc has an item in {seen} targets");
}

#[test]
fn the_organisation_comes_first_and_a_hall_fills() {
    let mut full = 0;
    for (id, p, plan) in plans() {
        let t = &p.targets[0];
        let first = plan.waves.first().unwrap();
        assert!(
            first.items.iter().all(|&i| {
                matches!(plan.item(i).kind, ItemKind::Establish { component } if t.components[component].is_organisation())
                    || plan.item(i).org.is_some()
            }),
            "{id}: technical components before the organisation exists"
        );
        assert!(t.components.iter().any(|c| c.is_organisation()), "{id}");
        full += plan
            .unplaced
            .iter()
            .filter(|&&u| plan.item(u).unplaced == Some(UnplacedKind::Full))
            .count();
    }
    assert!(full > 0, "no hall binds in any target");
}
