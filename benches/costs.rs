//! `samdrift costs` against `samdrift gaps` on the same generated estate, in one run:
//! `cargo bench --bench costs`.
//!
//! The estate is `estate-gen`'s municipal style at about 1k, 10k and 100k assets (the same
//! as `benches/gaps.rs`), judged against its `national` target with `staffing` added, so
//! every staff figure is computed too. Loading and the graph happen once per size, outside
//! the measurement. Timed, per size:
//! - `gaps`: `gaps::analyse` and the §4 JSON, what `samdrift gaps --format json` does after
//!   loading;
//! - `costs`: `gaps::analyse`, `costs::compute` and the §7 JSON, what `samdrift costs
//!   --format json` does after loading;
//! - `compute`: `costs::compute` alone, on an analysis made beforehand.
//!
//! The criterion of issue 10 is `costs` within 1.2× `gaps` at 100k assets.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use samdrift::graph::Graph;
use samdrift::model::{Num, Staffing};
use samdrift::{costs, gaps};
use std::hint::black_box;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("costs");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for orgs in [3, 29, 290] {
        let dir = tempfile::tempdir().expect("temporary folder");
        estate_gen::write(dir.path(), &estate_gen::Spec::municipal(orgs, 350, 7))
            .expect("estate written");
        let mut loaded = samdrift::load::load(dir.path());
        assert!(!loaded.has_errors(), "the synthetic estate has errors");
        let t = &mut loaded.project.targets[0];
        t.staffing = Some(Staffing {
            fte_cost: Num(720000.0),
            shared_fte: Num(orgs as f64 * 6.0),
            retained_fte_per_org: Num(2.0),
            loc: t.loc,
        });
        let p = &loaded.project;
        let t = &p.targets[0];
        let g = Graph::build(p);
        let as_of = "2026-01-01".parse().expect("a date");
        let a = gaps::analyse(p, &g, t, as_of);
        let c = costs::compute(p, t, &a);
        eprintln!(
            "{} assets: {} open gaps, {} leave, today {} a year, target {}",
            p.assets.len(),
            a.open().count(),
            c.target_state.leaving,
            c.today.total,
            c.target_state.total
        );
        let n = p.assets.len();
        group.bench_with_input(BenchmarkId::new("gaps", n), &n, |b, _| {
            b.iter(|| {
                let a = gaps::analyse(black_box(p), &g, t, as_of);
                samdrift::views::gaps::json(&a)
            })
        });
        group.bench_with_input(BenchmarkId::new("costs", n), &n, |b, _| {
            b.iter(|| {
                let a = gaps::analyse(black_box(p), &g, t, as_of);
                samdrift::views::costs::json(&costs::compute(p, t, &a))
            })
        });
        group.bench_with_input(BenchmarkId::new("compute", n), &n, |b, _| {
            b.iter(|| costs::compute(black_box(p), t, &a))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
