//! The planner's cost at 1k, 10k and 100k assets: `cargo bench --bench waves`.
//!
//! Loading and gap analysis happen once per size, outside the measurement; what is timed is
//! `samdrift::waves::plan` alone (items, move groups, placement with its justification
//! rounds, reasons) on `estate-gen`'s compact estates. Each size prints its items, ordering edges, waves and bounds once.

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
    for assets in [1_000, 10_000, 100_000] {
        let spec = estate_gen::Spec::sized(assets, 42);
        let loaded = samdrift::load::load_files(&estate_gen::generate(&spec).files).unwrap();
        let p = &loaded.project;
        let t = &p.targets[0];
        let g = Graph::build(p);
        let a = gaps::analyse(p, &g, t, "2026-01-01".parse().unwrap());
        let w = samdrift::waves::plan(p, &g, t, &a).unwrap();
        let edges: usize = w.items.iter().map(|i| i.after.len()).sum();
        eprintln!(
            "{} assets: {} open gaps, {} items, {} ordering edges, {} move groups, {} waves up to wave {}, {:?}",
            p.assets.len(),
            a.open().count(),
            w.items.len(),
            edges,
            w.move_groups().count(),
            w.waves.len(),
            w.span(),
            w.bounds
        );
        group.bench_with_input(BenchmarkId::from_parameter(assets), &assets, |b, _| {
            b.iter(|| samdrift::waves::plan(black_box(p), &g, t, &a).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, plan);
criterion_main!(benches);
