//! Gap analysis and its JSON view on synthetic estates of about 1k, 10k and 100k assets
//! (`estate-gen`'s municipal style, judged against its `national` target):
//! `cargo bench --bench gaps`.
//!
//! Loading and the graph happen once per size, outside the measurement; what is timed is
//! `gaps::analyse` alone, and `gaps::analyse` followed by the §4 JSON rendering.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use samdrift::gaps;
use samdrift::graph::Graph;
use std::hint::black_box;
use std::time::Duration;

fn analyse(c: &mut Criterion) {
    let mut group = c.benchmark_group("gaps");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for orgs in [3, 29, 290] {
        let dir = tempfile::tempdir().expect("temporary folder");
        estate_gen::write(dir.path(), &estate_gen::Spec::municipal(orgs, 350, 7))
            .expect("estate written");
        let loaded = samdrift::load::load(dir.path());
        assert!(!loaded.has_errors(), "the synthetic estate has errors");
        let p = &loaded.project;
        let t = &p.targets[0];
        let g = Graph::build(p);
        let as_of = "2026-01-01".parse().expect("a date");
        let a = gaps::analyse(p, &g, t, as_of);
        eprintln!(
            "{} assets: {} gaps ({} open)",
            p.assets.len(),
            a.gaps.len(),
            a.open().count()
        );
        let n = p.assets.len();
        group.bench_with_input(BenchmarkId::new("analyse", n), &n, |b, _| {
            b.iter(|| gaps::analyse(black_box(p), &g, t, as_of))
        });
        group.bench_with_input(BenchmarkId::new("analyse+json", n), &n, |b, _| {
            b.iter(|| {
                let a = gaps::analyse(black_box(p), &g, t, as_of);
                samdrift::views::gaps::json(&a)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, analyse);
criterion_main!(benches);
