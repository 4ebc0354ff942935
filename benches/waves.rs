//! The planner's cost at 1k, 10k and 100k assets: `cargo bench --bench waves`.
//!
//! Loading and gap analysis happen once per size, outside the measurement; what is timed is
//! `samdrift::waves::plan` alone (items, move groups, placement with its search rounds,
//! reasons) on `estate-gen`'s compact estates, as of 2026-01-01. Each size prints its items,
//! ordering edges, waves, late items and bounds once. To compare with an earlier planner, run
//! this bench on both commits back to back (docs/waves.md gives the v1.1 comparison).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use samdrift::gaps;
use samdrift::graph::Graph;
use std::hint::black_box;
use std::time::Duration;

fn plan(c: &mut Criterion) {
    let mut group = c.benchmark_group("waves::plan");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    // The default estates, and at 100k one with half the hours a wave (`tight`), where no
    // plan meets the bounds and every search round runs.
    for (assets, tight) in [
        (1_000, false),
        (10_000, false),
        (100_000, false),
        (100_000, true),
    ] {
        let mut spec = estate_gen::Spec::sized(assets, 42);
        if tight {
            spec.capacity = spec.capacity.map(|c| c / 2.0);
        }
        let name = format!("{assets}{}", if tight { "-tight" } else { "" });
        let loaded = samdrift::load::load_files(&estate_gen::generate(&spec).files).unwrap();
        let p = &loaded.project;
        let t = &p.targets[0];
        let g = Graph::build(p);
        let a = gaps::analyse(p, &g, t, "2026-01-01".parse().unwrap());
        let w = samdrift::waves::plan(p, &g, t, &a).unwrap();
        let edges: usize = w.items.iter().map(|i| i.after.len()).sum();
        let (late, avoidable) = w.late();
        eprintln!(
            "{name}: {} assets, {} open gaps, {} items, {} ordering edges, {} move groups, {} waves up to wave {}, {late} late ({avoidable} avoidable), {} unplaced, {:?}",
            p.assets.len(),
            a.open().count(),
            w.items.len(),
            edges,
            w.move_groups().count(),
            w.waves.len(),
            w.span(),
            w.unplaced.len(),
            w.bounds
        );
        group.bench_with_input(BenchmarkId::from_parameter(&name), &assets, |b, _| {
            b.iter(|| samdrift::waves::plan(black_box(p), &g, t, &a).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, plan);
criterion_main!(benches);
