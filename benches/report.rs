//! Benchmarks of `samdrift report` on a generated estate: building the data model (gap
//! analysis and plan included) and rendering every page in memory.
//!
//! `SAMDRIFT_BENCH_ASSETS` sets the estate's size (default 20,000 assets in 20
//! organisations); `cargo bench --bench report` runs it.

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use samdrift::report::{self, BuildOptions, Lang, Study, Templates};
use std::fmt::Write as _;
use std::hint::black_box;

/// A plausible estate: per org a few sites, networks, platforms that depend on them, client
/// fleets and applications that depend on platforms; one target with a plan.
fn estate(assets: usize) -> Vec<(String, Vec<u8>)> {
    let orgs = (assets / 1000).max(1);
    let per_org = assets / orgs;
    let mut files = Vec::new();
    for o in 0..orgs {
        let mut y = format!(
            "organisation:\n  name: Kommun {o}\n  employees: {}\n",
            500 + o * 37
        );
        let sites = 3;
        let nets = per_org / 20;
        let plats = per_org / 4;
        let clients = per_org / 10;
        let apps = per_org - sites - nets - plats - clients;
        y.push_str("sites:\n");
        for i in 0..sites {
            let kind = ["datacenter", "server-room", "colocation"][i % 3];
            let _ = writeln!(
                y,
                "  - {{id: site-{i}, name: Plats {i}, kind: {kind}, annual_cost: 120000}}"
            );
        }
        y.push_str("networks:\n");
        for i in 0..nets {
            let kind = ["lan", "wlan", "firewall", "wan", "dns-dhcp"][i % 5];
            let _ = writeln!(
                y,
                "  - {{id: net-{i}, name: Nät {i}, kind: {kind}, site: site-{}, quantity: {}, end_of_support: 202{}-06-30}}",
                i % sites,
                1 + i % 40,
                5 + i % 5
            );
        }
        y.push_str("platforms:\n");
        for i in 0..plats {
            let kind = [
                "virtualization",
                "storage",
                "backup",
                "directory",
                "email",
                "database",
                "server",
            ][i % 7];
            let _ = writeln!(
                y,
                "  - {{id: plat-{i}, name: Plattform {i}, kind: {kind}, site: site-{}, depends_on: [net-{}], product: p{}, annual_cost: {}}}",
                i % sites,
                i % nets.max(1),
                i % 4,
                10000 + i * 13
            );
        }
        y.push_str("clients:\n");
        for i in 0..clients {
            let kind = [
                "laptop",
                "desktop",
                "chromebook",
                "tablet",
                "phone",
                "printer",
            ][i % 6];
            let _ = writeln!(
                y,
                "  - {{id: cl-{i}, name: Klienter {i}, kind: {kind}, quantity: {}, depends_on: [plat-{}], end_of_support: 2025-10-14}}",
                10 + i % 300,
                (i * 7) % plats.max(1)
            );
        }
        y.push_str("services:\n");
        for i in 0..apps {
            let _ = writeln!(
                y,
                "  - {{id: app-{i}, name: System {i}, kind: application, depends_on: [plat-{}, plat-{}], tags: [{}], sla: office-hours}}",
                (i * 3) % plats.max(1),
                (i * 11) % plats.max(1),
                ["skola", "vard-omsorg", "kritisk"][i % 3]
            );
        }
        files.push((format!("inventory/org-{o:03}/all.yaml"), y.into_bytes()));
    }
    let target = "target:\n  name: Gemensam drift\n  horizon: 2028-12-31\n  hourly_rate: 900\n  sla_levels: [best-effort, office-hours, extended]\ncomponents:\n  - {id: dc, name: Hall, layer: sites, kind: datacenter, establish_hours: 500, annual_cost: 1000000}\n  - {id: virt, name: Virtualisering, layer: platforms, kind: virtualization, depends_on: [dc], establish_hours: 800, annual_cost: 2000000}\n  - {id: klient, name: Klienter, layer: clients, kind: laptop, establish_hours: 400, annual_cost: 900000}\nrules:\n  - {id: virt, title: Virtualisering flyttas, select: {layer: platforms, kind: virtualization}, expect: {moved_to: virt}, action: migrate, severity: high, effort: {hours: 20}}\n  - {id: eos, title: Support efter målåret, select: {}, expect: {end_of_support_after: horizon}, action: replace, severity: high, effort: {hours: 0.5, per: unit}}\n  - {id: klient, title: Klienter i gemensam plattform, select: {layer: clients, kind: [laptop, desktop]}, expect: {moved_to: klient}, action: migrate, effort: {hours: 0.2, per: unit}}\n  - {id: vard, title: Vård har utökad nivå, select: {layer: services, tags: [vard-omsorg]}, expect: {sla_at_least: extended}, action: reconfigure, effort: {hours: 8}}\n  - {id: dc, title: En hall per kommun, select: {layer: sites}, expect: {max_per_org: 1}, action: consolidate, effort: {hours: 60}}\nplan:\n  start: 2026-01-01\n  wave_months: 3\n  capacity_hours: 20000\n";
    files.push((
        "targets/gemensam.yaml".to_string(),
        target.as_bytes().to_vec(),
    ));
    files
}

fn bench(c: &mut Criterion) {
    let assets: usize = std::env::var("SAMDRIFT_BENCH_ASSETS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let loaded = samdrift::load::load_files(&estate(assets)).expect("load");
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics.first());
    let p = &loaded.project;
    let g = samdrift::graph::Graph::build(p);
    let as_of = "2026-01-01".parse().unwrap();
    let opts = BuildOptions {
        as_of,
        repo_url: None,
    };
    let studies = || -> Vec<Study> {
        p.targets
            .iter()
            .map(|t| {
                let analysis = samdrift::gaps::analyse(p, &g, t, as_of);
                let plan = samdrift::waves::plan(p, &g, t, &analysis).ok().map(|plan| {
                    let doc = samdrift::views::waves::doc(p, &analysis, &plan);
                    report::plan::Planned::from_contract(&doc).expect("plan contract")
                });
                Study {
                    target: t,
                    analysis,
                    plan,
                }
            })
            .collect()
    };
    let mut group = c.benchmark_group(format!("report-{}k-assets", p.assets.len() / 1000));
    group.sample_size(10);
    group.bench_function("analyse+plan", |b| b.iter(|| black_box(studies())));
    let st = studies();
    group.bench_function("build", |b| {
        b.iter(|| black_box(report::build(p, &g, &st, 0, &opts)))
    });
    let site = report::build(p, &g, &st, 0, &opts);
    let templates = Templates::load(None).unwrap();
    let hb = report::registry(&templates, Lang::Sv, &site.target.currency).unwrap();
    let jobs = report::render::jobs(&site);
    group.bench_function("render", |b| {
        b.iter(|| {
            let bytes: usize = jobs
                .par_iter()
                .map(|j| {
                    report::render::render(&hb, &site, Lang::Sv, j)
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
