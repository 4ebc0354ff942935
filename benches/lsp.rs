//! `samdrift lsp` driven over stdio as an editor drives it: the time from sending an edit of
//! one open file (`textDocument/didChange`, the whole text) to receiving the diagnostics
//! published for it, on the shipped example project and on a generated estate of about
//! 100,000 assets (290 organisations of 350), each without and with a target chosen (then
//! the gap analysis runs after every edit too).
//!
//! With a target, "edit and gaps" is the time until the gap analysis of the edited project
//! is done too (the server publishes an edit's diagnostics first, then analyses).
//!
//! `cargo bench --bench lsp`; `cargo bench --bench lsp -- example` for one project. Each
//! edit alternates between two texts of a file, so every measured edit changes what the
//! file's diagnostics say:
//! - "edit": a dangling ref added to an asset's `depends_on` and taken out again;
//! - "asset added" (100k): an asset added at the end of the file, which depends on the
//!   file's first asset and on nothing (a dangling ref), and taken out again: the
//!   organisation's asset count changes, so every later organisation's assets move;
//! - "target edited" (100k): a waiver's organisation renamed (a warning of `validate`, and
//!   the waiver no longer applies) and back: the whole project is checked and judged again.
//!
//! "in process" times the same edits without the protocol: `Session::reread` (the loader
//! and `validate`'s checks kept up to date), and that with the gap analysis kept up to date
//! (`gaps::Kept::update`); for comparison, the whole analysis as a fresh load gives it.

#[allow(dead_code)]
#[path = "../tests/lsp/client.rs"]
mod client;

use client::Client;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

/// Two texts of one file, and the code of a diagnostic that only the second one gives.
struct Edit {
    name: &'static str,
    rel: String,
    text: String,
    changed: String,
    code: &'static str,
}

impl Edit {
    /// A dangling ref added to the first `depends_on: [` of `rel`.
    fn dangling(root: &Path, rel: &str) -> Edit {
        let text = std::fs::read_to_string(root.join(rel)).expect("the file");
        let changed = text.replacen("depends_on: [", "depends_on: [no-such-asset, ", 1);
        assert_ne!(text, changed, "{rel} has a `depends_on: [` to edit");
        Edit {
            name: "edit",
            rel: rel.to_string(),
            text,
            changed,
            code: "dangling-ref",
        }
    }

    /// An asset added at the end of `rel` (of the layer of the file's last list).
    fn asset_added(root: &Path, rel: &str) -> Edit {
        let text = std::fs::read_to_string(root.join(rel)).expect("the file");
        let kind = text
            .lines()
            .rev()
            .find_map(|l| match l.trim_end() {
                "sites:" => Some("datacenter"),
                "networks:" => Some("lan"),
                "platforms:" => Some("server"),
                "clients:" => Some("desktop"),
                "services:" => Some("application"),
                _ => None,
            })
            .expect("a layer list");
        let first = text
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("- id: "))
            .expect("an asset");
        let changed = format!(
            "{text}  - {{id: bench-added, name: Added, kind: {kind}, depends_on: [{first}, no-such-asset]}}\n"
        );
        Edit {
            name: "asset added",
            rel: rel.to_string(),
            text,
            changed,
            code: "dangling-ref",
        }
    }

    /// A waiver's organisation renamed in the target `rel`.
    fn waiver(root: &Path, rel: &str, org: &str) -> Edit {
        let text = std::fs::read_to_string(root.join(rel)).expect("the file");
        let from = format!("org: {org}\n");
        let changed = text.replacen(&from, &format!("org: {org}-x\n"), 1);
        assert_ne!(text, changed, "{rel} has a waiver for {org}");
        Edit {
            name: "target edited",
            rel: rel.to_string(),
            text,
            changed,
            code: "unknown-org",
        }
    }
}

/// Opens the edited file under the server and measures edits of it.
fn measure(c: &mut Criterion, group: &str, root: &Path, edit: &Edit, target: &str) {
    let rel = edit.rel.as_str();
    let mut client = Client::start(root, json!({"target": target}));
    // Answered once the project is loaded.
    client.at("textDocument/hover", rel, 0, 0, json!({}));
    client.open_text(rel, &edit.text);
    client.diagnostics(rel, |_| true);
    let mut version = 1;
    let mut g = c.benchmark_group(group);
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    let id = if target.is_empty() {
        edit.name.to_string()
    } else {
        format!("{}, target {target}", edit.name)
    };
    let has = |l: &[serde_json::Value]| l.iter().any(|d| d["code"] == edit.code);
    g.bench_function(BenchmarkId::from_parameter(id), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                version += 1;
                let bad = version % 2 == 0;
                let start = Instant::now();
                client.replace(rel, version, if bad { &edit.changed } else { &edit.text });
                client.diagnostics(rel, |l| bad == has(l));
                total += start.elapsed();
            }
            total
        })
    });
    if !target.is_empty() {
        // Until the gap analysis of the edited project is done: a request sent right after
        // the edit is answered once the project is checked and analysed.
        g.bench_function(
            BenchmarkId::from_parameter(format!("{} and gaps, target {target}", edit.name)),
            |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        version += 1;
                        let bad = version % 2 == 0;
                        let start = Instant::now();
                        client.replace(rel, version, if bad { &edit.changed } else { &edit.text });
                        client.at("textDocument/hover", rel, 0, 0, json!({}));
                        total += start.elapsed();
                        client.diagnostics(rel, |l| bad == has(l));
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
    let edit = Edit::dangling(root, "inventory/gnosjo/infrastruktur.yaml");
    measure(c, "lsp example", root, &edit, "");
    measure(c, "lsp example", root, &edit, "ggvvh-2027");
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
    let edit = Edit::dangling(dir.path(), &rel);
    measure(c, "lsp 100k", dir.path(), &edit, "");
    measure(c, "lsp 100k", dir.path(), &edit, "national");
    let added = Edit::asset_added(dir.path(), &rel);
    measure(c, "lsp 100k", dir.path(), &added, "national");
    let target = Edit::waiver(dir.path(), "targets/national.yaml", "gislaved");
    measure(c, "lsp 100k", dir.path(), &target, "national");
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

/// The same edits in process, without the protocol.
fn in_process_100k(c: &mut Criterion) {
    use samdrift::gaps;
    use samdrift::load::{Overlay, session::Session};
    let dir = tempfile::tempdir().expect("temporary folder");
    let spec = estate_gen::Spec::municipal(290, 350, 1);
    estate_gen::write(dir.path(), &spec).expect("estate written");
    let rel = first_with_depends_on(dir.path());
    let edits = [
        Edit::dangling(dir.path(), &rel),
        Edit::asset_added(dir.path(), &rel),
        Edit::waiver(dir.path(), "targets/national.yaml", "gislaved"),
    ];
    let mut overlay = Overlay::new();
    let mut s = Session::open(dir.path(), &overlay);
    let as_of = "2026-01-01".parse().expect("a date");
    let target = |s: &Session| s.project().target("national").expect("the target").clone();
    let mut kept = gaps::Kept::new(s.project(), s.graph(), &target(&s), as_of);
    let mut stamp = s.stamp();
    let mut version = 0u64;
    let mut apply = move |s: &mut Session, e: &Edit| {
        version += 1;
        let t = if version.is_multiple_of(2) {
            &e.changed
        } else {
            &e.text
        };
        overlay.insert(e.rel.clone(), t.clone());
        s.reread(&[&e.rel], &overlay)
    };
    let mut g = c.benchmark_group("lsp 100k in process");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for e in &edits {
        g.bench_function(format!("{}: reread", e.name), |b| {
            b.iter(|| apply(&mut s, e))
        });
        g.bench_function(format!("{}: reread and gaps", e.name), |b| {
            b.iter(|| {
                apply(&mut s, e);
                let t = target(&s);
                let again = match s.changed_since(stamp) {
                    Some(changed) => kept.update(s.project(), s.graph(), &t, as_of, &changed),
                    None => kept.renew(s.project(), s.graph(), &t, as_of),
                };
                stamp = s.stamp();
                again
            })
        });
    }
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
