//! The synthetic estates of `crates/estate-gen` load as a user's files do: without errors,
//! with the cycles they claim, the proportions of a municipality, and rules that use every
//! expectation key. (The generator itself, its determinism and switches, is tested in its
//! own crate, which does not depend on samdrift.)

use estate_gen::{Spec, Style};
use samdrift::diag::Level;
use samdrift::load::{Loaded, load, load_files};

fn errors(l: &Loaded) -> Vec<String> {
    l.diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .map(|d| d.to_string())
        .collect()
}

fn small(cycles: bool) -> Spec {
    Spec {
        cycles,
        ..Spec::municipal(12, 120, 7)
    }
}

#[test]
fn municipal_estate_loads_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    let stats = estate_gen::write(dir.path(), &small(true)).unwrap();
    let loaded = load(dir.path());
    let errs = errors(&loaded);
    assert!(errs.is_empty(), "{}", errs.join("\n"));
    let p = &loaded.project;
    assert_eq!(p.assets.len(), stats.assets);
    assert_eq!(p.orgs.len(), 12);
    assert_eq!(p.files.len(), stats.files);
    assert_eq!(p.targets.len(), 1);
    let t = &p.targets[0];
    assert_eq!(t.rules.len(), 13);
    let kinds: std::collections::BTreeSet<&str> = t
        .rules
        .iter()
        .flat_map(|r| r.expect.iter().map(|e| e.value.key()))
        .collect();
    assert_eq!(kinds.len(), samdrift::model::Expectation::KEYS.len());
    assert!(stats.cross_org_refs > 0);
    // The only warnings are the cycles asked for.
    let cycles = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "dependency-cycle")
        .count();
    assert_eq!(cycles, stats.cycles);
    assert!(cycles >= 3, "{cycles}");
    let other: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code != "dependency-cycle")
        .map(|d| d.to_string())
        .collect();
    assert!(other.is_empty(), "{}", other.join("\n"));
    // Proportions of a municipality.
    let share = |l: usize| stats.per_layer[l] as f64 / stats.assets as f64;
    assert!((0.08..0.12).contains(&share(1)));
    assert!((0.3..0.4).contains(&share(2)));
    assert!((0.13..0.17).contains(&share(3)));
    assert!((0.3..0.4).contains(&share(4)));
}

#[test]
fn municipal_estate_has_no_cycles_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let stats = estate_gen::write(dir.path(), &small(false)).unwrap();
    assert_eq!(stats.cycles, 0);
    let loaded = load(dir.path());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
}

#[test]
fn tiny_municipal_estates_are_valid() {
    for n in [0, 1, 2, 5, 13, 25] {
        let e = estate_gen::generate(&Spec::municipal(3, n, 1));
        let loaded = load_files(&e.files).unwrap();
        let errs = errors(&loaded);
        assert!(errs.is_empty(), "n={n}: {}", errs.join("\n"));
    }
}

#[test]
fn compact_estates_load_with_the_cycles_they_claim() {
    for (assets, seed) in [(300, 1), (2_000, 7)] {
        let spec = Spec::sized(assets, seed);
        assert_eq!(spec.style, Style::Compact);
        let e = estate_gen::generate(&spec);
        let loaded = load_files(&e.files).unwrap();
        let errs = errors(&loaded);
        assert!(errs.is_empty(), "{}", errs.join("\n"));
        assert_eq!(loaded.project.assets.len(), e.stats.assets);
        let cycles = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code == "dependency-cycle")
            .count();
        assert_eq!(cycles, e.stats.cycles);
        assert_eq!(loaded.project.targets[0].id, "gen");
    }
}

#[test]
fn every_switch_off_still_loads() {
    for spec in [Spec::municipal(4, 80, 3), Spec::sized(400, 3)] {
        let off = Spec {
            contracts: false,
            freezes: false,
            cycles: false,
            cross_org_refs: false,
            org_capacity: estate_gen::Limit::Off,
            ..spec
        };
        let loaded = load_files(&estate_gen::generate(&off).files).unwrap();
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    }
}
