//! Benchmarks of `samdrift report` on a synthetic estate (`estate-gen`'s municipal style, organisations of
//! 3,500 assets): loading the project (what `samdrift gaps` also does, for the ratio), the
//! gap analysis and plan of every target, building the report's data model from the
//! studies, and rendering every page in memory as `samdrift report` does (the site's shared
//! values once, pages in parallel, long tables' rows written by `report::html`).
//!
//! `SAMDRIFT_BENCH_ASSETS` sets the estate's size (default 20,000 assets; 101,500 is the
//! 29-organisation estate of `docs/report.md`); `cargo bench --bench report` runs it.

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use samdrift::report::{self, BuildOptions, Lang, Templates};
use samdrift::study::Study;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let assets: usize = std::env::var("SAMDRIFT_BENCH_ASSETS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let spec = estate_gen::Spec::municipal(assets.div_ceil(3500).max(1), 3500, 1);
    estate_gen::write(dir.path(), &spec).expect("estate written");
    let loaded = samdrift::load::load(dir.path());
    let load_group = format!("report-{}k-assets", loaded.project.assets.len() / 1000);
    {
        let mut g = c.benchmark_group(&load_group);
        g.sample_size(10);
        g.bench_function("load", |b| {
            b.iter(|| black_box(samdrift::load::load(dir.path())))
        });
        g.finish();
    }
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics.first());
    let p = &loaded.project;
    let g = samdrift::graph::Graph::build(p);
    let as_of = "2026-01-01".parse().unwrap();
    let opts = BuildOptions::default();
    let studies = || Study::all(p, &g, as_of).expect("every target plans");
    let mut group = c.benchmark_group(load_group);
    group.sample_size(10);
    group.bench_function("analyse+plan", |b| b.iter(|| black_box(studies())));
    let st = studies();
    group.bench_function("build", |b| {
        b.iter(|| black_box(report::build(&st, 0, &loaded.diagnostics, &opts)))
    });
    let site = report::build(&st, 0, &loaded.diagnostics, &opts);
    let templates = Templates::load(None).unwrap();
    let hb = report::registry(&templates, Lang::Sv, &site.target.currency).unwrap();
    let jobs = report::render::jobs(&site);
    group.bench_function("render", |b| {
        b.iter(|| {
            let common = report::render::common(&site, Lang::Sv).unwrap();
            let bytes: usize = jobs
                .par_iter()
                .map(|j| {
                    report::render::render_with(&hb, &site, &common, j)
                        .unwrap()
                        .1
                        .len()
                })
                .sum();
            black_box(bytes)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
