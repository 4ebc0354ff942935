//! Load (read, parse, check) and graph-building time on synthetic estates of about 1k, 10k
//! and 100k assets (3, 29 and 290 organisations of 350 assets; `estate-gen`'s municipal style).
//!
//! `cargo bench --bench load`; `cargo bench --bench load -- 100k` for one size. Each estate is
//! written once to a temporary folder before its benchmarks run.

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use samdrift::graph::Graph;
use samdrift::load;
use std::hint::black_box;
use std::time::Duration;

const SIZES: [(&str, usize); 3] = [("1k", 3), ("10k", 29), ("100k", 290)];

fn bench(c: &mut Criterion) {
    for (name, orgs) in SIZES {
        let dir = tempfile::tempdir().expect("temporary folder");
        let stats = estate_gen::write(dir.path(), &estate_gen::Spec::municipal(orgs, 350, 1))
            .expect("estate written");
        let loaded = load::load(dir.path());
        assert!(!loaded.has_errors(), "the synthetic estate has errors");
        assert_eq!(loaded.project.assets.len(), stats.assets);
        eprintln!(
            "{name}: {} assets in {} files ({:.1} MB)",
            stats.assets,
            stats.files,
            stats.bytes as f64 / 1e6
        );

        let mut g = c.benchmark_group("load");
        g.sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(if orgs > 100 { 12 } else { 3 }))
            .sampling_mode(SamplingMode::Flat);
        g.bench_with_input(BenchmarkId::from_parameter(name), dir.path(), |b, p| {
            b.iter(|| black_box(load::load(p)))
        });
        g.finish();

        let mut g = c.benchmark_group("graph_build");
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        g.bench_with_input(
            BenchmarkId::from_parameter(name),
            &loaded.project,
            |b, p| b.iter(|| black_box(Graph::build(p))),
        );
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
