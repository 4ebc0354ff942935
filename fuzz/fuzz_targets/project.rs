//! A whole project through `load_files` (discovery, parallel load, validation) and the graph:
//! the input is split at 0x1E bytes into up to five files of two organisations and a target.
//!
//! `cargo +nightly fuzz run project fuzz/corpus/project fuzz/seeds/project`
#![no_main]

use libfuzzer_sys::fuzz_target;
use samdrift::graph::Graph;
use samdrift::model::AssetIdx;

const NAMES: [&str; 5] = [
    "inventory/a/x.yaml",
    "inventory/a/sub/y.yml",
    "inventory/b/z.yaml",
    "targets/t.yaml",
    "inventory/c/w.yaml",
];

fuzz_target!(|data: &[u8]| {
    let files: Vec<(String, Vec<u8>)> = data
        .split(|&b| b == 0x1E)
        .zip(NAMES)
        .map(|(bytes, name)| (name.to_string(), bytes.to_vec()))
        .collect();
    let Ok(loaded) = samdrift::load::load_files(&files) else {
        return;
    };
    let p = &loaded.project;
    // Orgs sorted, each a contiguous, id-sorted range of assets without repeats.
    assert!(p.orgs.windows(2).all(|w| w[0].id < w[1].id));
    let mut next = 0;
    for (oi, o) in p.orgs.iter().enumerate() {
        assert_eq!(o.assets.start, next);
        next = o.assets.end;
        let assets = &p.assets[o.assets.start as usize..o.assets.end as usize];
        assert!(assets.windows(2).all(|w| w[0].id < w[1].id));
        assert!(assets.iter().all(|a| a.org.0 as usize == oi));
    }
    assert_eq!(next as usize, p.assets.len());
    for a in &p.assets {
        for r in a.refs() {
            if let Some(t) = r.resolved {
                assert!((t.0 as usize) < p.assets.len());
                assert_eq!(p.asset(t).id, r.id);
            }
        }
    }
    let g = Graph::build(p);
    assert_eq!(g.node_count(), p.assets.len());
    let cycles = g.cycles();
    let order = g.components_in_dependency_order();
    assert_eq!(order.iter().map(Vec::len).sum::<usize>(), p.assets.len());
    for c in &cycles {
        assert!(!c.is_empty());
    }
    for i in 0..p.assets.len().min(20) {
        let _ = g.impact(AssetIdx(i as u32));
        let _ = g.requirements(AssetIdx(i as u32));
    }
    // Findings are sorted and located in the files given.
    assert!(
        loaded
            .diagnostics
            .windows(2)
            .all(|w| w[0].sort_key() <= w[1].sort_key())
    );
});
