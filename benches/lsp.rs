//! `samdrift lsp` driven over stdio as an editor drives it: the time from sending an edit of
//! one open file (`textDocument/didChange`, the whole text) to receiving the diagnostics
//! published for it, on the shipped example project and on a generated estate of about
//! 100,000 assets (290 organisations of 350), each without and with a target chosen (then
//! the gap analysis runs after every edit too).
//!
//! With a target, "edit and gaps" is the time until the gap analysis of the edited project
//! is done too (the server publishes an edit's diagnostics first, then analyses).
//!
//! `cargo bench --bench lsp`; `cargo bench --bench lsp -- example` for one project. The edit
//! alternates between adding a dangling ref to the file and taking it out again, so every
//! measured edit changes what the file's diagnostics say.

#[allow(dead_code)]
#[path = "../tests/lsp/client.rs"]
mod client;

use client::Client;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

/// Opens `rel` under the server and measures edits of it.
fn measure(c: &mut Criterion, group: &str, root: &Path, rel: &str, target: &str) {
    let mut client = Client::start(root, json!({"target": target}));
    // Answered once the project is loaded.
    client.at("textDocument/hover", rel, 0, 0, json!({}));
    let text = std::fs::read_to_string(root.join(rel)).expect("the file");
    let broken = text.replacen("depends_on: [", "depends_on: [no-such-asset, ", 1);
    assert_ne!(text, broken, "{rel} has a `depends_on: [` to edit");
    client.open_text(rel, &text);
    client.diagnostics(rel, |_| true);
    let mut version = 1;
    let mut g = c.benchmark_group(group);
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    let id = if target.is_empty() {
        "edit".to_string()
    } else {
        format!("edit, target {target}")
    };
    g.bench_function(BenchmarkId::from_parameter(id), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                version += 1;
                let bad = version % 2 == 0;
                let start = Instant::now();
                client.replace(rel, version, if bad { &broken } else { &text });
                client.diagnostics(rel, |l| {
                    bad == l.iter().any(|d| d["code"] == "dangling-ref")
                });
                total += start.elapsed();
            }
            total
        })
    });
    if !target.is_empty() {
        // Until the gap analysis of the edited project is done: a request sent right after
        // the edit is answered once the project is checked and analysed.
        g.bench_function(
            BenchmarkId::from_parameter(format!("edit and gaps, target {target}")),
            |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        version += 1;
                        let bad = version % 2 == 0;
                        let start = Instant::now();
                        client.replace(rel, version, if bad { &broken } else { &text });
                        client.at("textDocument/hover", rel, 0, 0, json!({}));
                        total += start.elapsed();
                        client.diagnostics(rel, |l| {
                            bad == l.iter().any(|d| d["code"] == "dangling-ref")
                        });
                    }
                    total
                })
            },
        );
    }
    g.finish();
    client.shutdown();
}

fn example(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rel = "inventory/gnosjo/infrastruktur.yaml";
    measure(c, "lsp example", root, rel, "");
    measure(c, "lsp example", root, rel, "ggvvh-2027");
}

fn estate_100k(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let spec = estate_gen::Spec::municipal(290, 350, 1);
    let stats = estate_gen::write(dir.path(), &spec).expect("estate written");
    eprintln!(
        "100k: {} assets in {} files ({:.1} MB)",
        stats.assets,
        stats.files,
        stats.bytes as f64 / 1e6
    );
    let rel = first_with_depends_on(dir.path());
    measure(c, "lsp 100k", dir.path(), &rel, "");
    measure(c, "lsp 100k", dir.path(), &rel, "national");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The same edits in process, without the protocol: [`Session::reread`] (the loader and
/// `validate`'s checks, kept up to date), then that and the gap analysis against `national`
/// kept up to date ([`gaps::Kept::update`]); for comparison, the whole analysis as a fresh
/// load gives it ([`gaps::analyse`] with the graph built).
fn in_process_100k(c: &mut Criterion) {
    use samdrift::gaps;
    use samdrift::load::{Overlay, session::Session};
    let dir = tempfile::tempdir().expect("temporary folder");
    let spec = estate_gen::Spec::municipal(290, 350, 1);
    estate_gen::write(dir.path(), &spec).expect("estate written");
    let rel = first_with_depends_on(dir.path());
    let text = std::fs::read_to_string(dir.path().join(&rel)).expect("the file");
    let broken = text.replacen("depends_on: [", "depends_on: [no-such-asset, ", 1);
    let mut overlay = Overlay::new();
    let mut s = Session::open(dir.path(), &overlay);
    let as_of = "2026-01-01".parse().expect("a date");
    let target = |s: &Session| s.project().target("national").expect("the target").clone();
    let mut kept = gaps::Kept::new(s.project(), s.graph(), &target(&s), as_of);
    let mut stamp = s.stamp();
    let mut version = 0u64;
    let mut edit = move |s: &mut Session| {
        version += 1;
        let t = if version.is_multiple_of(2) {
            &broken
        } else {
            &text
        };
        overlay.insert(rel.clone(), t.clone());
        s.reread(&[&rel], &overlay)
    };
    let mut g = c.benchmark_group("lsp 100k in process");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    g.bench_function("reread", |b| b.iter(|| edit(&mut s)));
    g.bench_function("reread and gaps", |b| {
        b.iter(|| {
            edit(&mut s);
            let changed = s.changed_since(stamp).expect("only inventory changed");
            let t = target(&s);
            let again = kept.update(s.project(), s.graph(), &t, as_of, &changed);
            stamp = s.stamp();
            again
        })
    });
    g.bench_function("whole analysis", |b| {
        b.iter(|| {
            let p = s.project();
            let graph = samdrift::graph::Graph::build(p);
            gaps::analyse(p, &graph, &target(&s), as_of)
        })
    });
    g.finish();
}

/// The first inventory file (in sorted order) that has a `depends_on` list, relative to
/// `root`.
fn first_with_depends_on(root: &Path) -> String {
    let mut files: Vec<_> = walk(&root.join("inventory"));
    files.sort();
    let rel = files
        .into_iter()
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("depends_on: [")))
        .expect("a file with depends_on");
    rel.strip_prefix(root)
        .expect("under the root")
        .to_string_lossy()
        .replace('\\', "/")
}

criterion_group!(benches, example, estate_100k, in_process_100k);
criterion_main!(benches);
