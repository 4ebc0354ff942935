//! The figures add up, whatever the estate: on the shipped example data (every target) and
//! on a generated municipal estate with staffing added.

use super::{load_ok, root};
use samdrift::costs::{self, Costs};
use samdrift::gaps::{self, Analysis};
use samdrift::graph::Graph;
use samdrift::model::{Num, Staffing};

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() < 0.01, "{what}: {a} ≠ {b}");
}

fn check(c: &Costs, a: &Analysis) {
    let id = &c.target;
    for o in &c.orgs {
        close(
            o.assets_today.get(),
            o.leaving.get() + o.realized.get() + o.staying.get(),
            &format!(
                "{id}/{}: today's assets = leaving + realized + staying",
                o.org
            ),
        );
        close(
            o.today.get(),
            o.assets_today.get() + o.staff_today.map_or(0.0, Num::get),
            &format!("{id}/{}: today = assets + staff", o.org),
        );
        assert!(o.coverage.with_cost <= o.coverage.assets);
    }
    let sum = |f: &dyn Fn(&costs::OrgCosts) -> f64| c.orgs.iter().map(f).sum::<f64>();
    close(
        c.today.assets.get(),
        sum(&|o| o.assets_today.get()),
        "today's assets",
    );
    close(
        c.today.total.get(),
        c.today.assets.get() + c.today.staff.map_or(0.0, Num::get),
        "today's total",
    );
    close(
        c.target_state.staying.get(),
        sum(&|o| o.staying.get()),
        "staying",
    );
    close(
        c.target_state.total.get(),
        c.target_state.components.get()
            + c.target_state.staying.get()
            + c.target_state.staff.map_or(0.0, Num::get),
        "the target's total",
    );
    close(
        c.saving.get(),
        c.today.total.get() - c.target_state.total.get(),
        "saving",
    );
    close(
        c.one_off.change.get(),
        c.one_off.change_gaps.get() + c.one_off.establish.get(),
        "change",
    );
    // Every open gap is in exactly one of the two one-off parts.
    close(
        c.one_off.change_gaps.get() + c.one_off.lifecycle.get(),
        a.summary.cost.get(),
        "change gaps + lifecycle = the open gaps' cost",
    );
    close(
        c.one_off.change_hours.get() - c.one_off.establish_hours.get()
            + c.one_off.lifecycle_hours.get(),
        a.summary.hours.get(),
        "hours",
    );
    match c.payback_years {
        Some(y) => {
            assert!(c.saving.get() > 0.0);
            close(y * c.saving.get(), c.one_off.change.get(), "payback");
        }
        None => assert!(c.saving.get() <= 0.0),
    }
    assert_eq!(c.today.staff.is_some(), c.staffing.is_some());
    assert_eq!(c.target_state.staff.is_some(), c.staffing.is_some());
    let covered: usize = c.orgs.iter().map(|o| o.coverage.with_cost).sum();
    assert_eq!(covered, c.coverage.with_cost);
}

#[test]
fn the_example_data_adds_up_for_every_target() {
    let loaded = load_ok(&root());
    let p = &loaded.project;
    assert!(p.targets.len() >= 4, "the four alternatives of the study");
    let g = Graph::build(p);
    for t in &p.targets {
        assert!(t.staffing.is_some(), "{} has staffing", t.id);
        assert_eq!(t.assessment.len(), 7, "{} scores seven criteria", t.id);
        let a = gaps::analyse(p, &g, t, "2026-05-01".parse().unwrap());
        check(&costs::compute(p, t, &a), &a);
    }
}

#[test]
fn a_generated_estate_adds_up() {
    let dir = tempfile::tempdir().unwrap();
    estate_gen::write(dir.path(), &estate_gen::Spec::municipal(6, 150, 11)).unwrap();
    let mut loaded = load_ok(dir.path());
    let p = &mut loaded.project;
    let t = &mut p.targets[0];
    t.staffing = Some(Staffing {
        fte_cost: Num(700000.0),
        shared_fte: Num(20.0),
        retained_fte_per_org: Num(1.5),
        loc: t.loc,
    });
    let p = &loaded.project;
    let g = Graph::build(p);
    let t = &p.targets[0];
    let a = gaps::analyse(p, &g, t, "2026-01-01".parse().unwrap());
    let c = costs::compute(p, t, &a);
    assert!(c.target_state.leaving.get() > 0.0, "something leaves");
    check(&c, &a);
}
