//! What an editor's project keeps up to date is what a fresh computation gives: after any
//! sequence of edits of a generated estate (assets removed, repeated, renamed and added,
//! refs and sites pointed elsewhere, inside and across organisations, judged fields changed,
//! syntax broken and mended, files closed, created, the target edited), a
//! [`Session`] holds the project and findings of a fresh [`load_with`] of the same texts, and
//! a [`Kept`] gap analysis brought up to date as the language server does it holds what
//! [`gaps::analyse`] gives for that fresh project.

use proptest::prelude::*;
use samdrift::gaps::{self, Kept};
use samdrift::graph::Graph;
use samdrift::load::session::Session;
use samdrift::load::{Overlay, load_with};
use samdrift::model::Date;
use std::path::Path;

const TARGET: &str = "targets/national.yaml";

/// One change to the texts. Indices pick a file, an asset block or a value modulo what
/// there is.
#[derive(Clone, Debug)]
enum Edit {
    /// Takes an asset's block out.
    Remove { file: usize, asset: usize },
    /// Writes an asset's block twice.
    Repeat { file: usize, asset: usize },
    /// Gives an asset another id (one of the estate's, or a new one).
    Rename {
        file: usize,
        asset: usize,
        to: usize,
    },
    /// Adds a ref to an asset's `depends_on`.
    Depend {
        file: usize,
        asset: usize,
        to: usize,
    },
    /// Points an asset's `site` elsewhere.
    Site {
        file: usize,
        asset: usize,
        to: usize,
    },
    /// Changes a judged field of an asset.
    Field {
        file: usize,
        asset: usize,
        field: usize,
        value: usize,
    },
    /// Adds an asset at the end of a file, depending on something.
    Add { file: usize, to: usize },
    /// Gives the first site of the organisation of a file another id, so that what was
    /// there reaches no site through it (also from other organisations).
    Unsite { file: usize },
    /// Breaks the file's YAML.
    Break { file: usize },
    /// Closes the file: the text on disk counts again.
    Close { file: usize },
    /// Writes a new file into an organisation (everything is loaded again).
    Create { file: usize },
    /// Changes the target (rules, waivers, scope).
    Target { edit: usize },
}

/// An estate written to a folder, its inventory files and the assets they define.
struct Estate {
    dir: tempfile::TempDir,
    files: Vec<String>,
    /// (organisation, id) of every asset as generated.
    ids: Vec<(String, String)>,
}

fn estate(seed: u64) -> Estate {
    let dir = tempfile::tempdir().unwrap();
    let spec = estate_gen::Spec::municipal(6, 45, seed);
    let generated = estate_gen::generate(&spec);
    generated.write(dir.path()).unwrap();
    let mut files = Vec::new();
    let mut ids = Vec::new();
    for (rel, bytes) in &generated.files {
        let Some(org) = rel
            .strip_prefix("inventory/")
            .and_then(|r| r.split('/').next())
        else {
            continue;
        };
        files.push(rel.clone());
        for line in String::from_utf8_lossy(bytes).lines() {
            if let Some(id) = line.strip_prefix("  - id: ") {
                ids.push((org.to_string(), id.trim().to_string()));
            }
        }
    }
    files.sort();
    Estate { dir, files, ids }
}

/// The organisation of an inventory file.
fn org_of(rel: &str) -> &str {
    rel.split('/').nth(1).unwrap_or_default()
}

/// How a file of organisation `from` names asset `to` (or an asset that does not exist).
fn name(e: &Estate, from: &str, to: usize) -> String {
    match e.ids.get(to % (e.ids.len() + 2)) {
        Some((org, id)) if org == from => id.clone(),
        Some((org, id)) => format!("{org}/{id}"),
        None if to.is_multiple_of(2) => "no-such-asset".into(),
        None => "nowhere/x".into(),
    }
}

/// The line ranges of the asset blocks of a file (`  - id: …` up to the next item or key).
fn blocks(lines: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, l) in lines.iter().enumerate() {
        let item = l.starts_with("  - ");
        let top = !l.starts_with(' ') && !l.is_empty();
        if (item || top)
            && let Some(s) = start.take()
        {
            out.push((s, i));
        }
        if l.starts_with("  - id: ") {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, lines.len()));
    }
    out
}

/// Sets `key: value` in block `(s, e)` of `lines`: replaces the line, or adds one after the id.
fn set(lines: &mut Vec<String>, (s, e): (usize, usize), key: &str, value: &str) {
    let prefix = format!("    {key}:");
    let line = format!("    {key}: {value}");
    match (s..e).find(|&i| lines[i].starts_with(&prefix)) {
        // A block list under the key goes with it.
        Some(i) => {
            let mut j = i + 1;
            while j < e && lines[j].starts_with("      ") {
                j += 1;
            }
            lines.splice(i..j, [line]);
        }
        None => lines.insert(s + 1, line),
    }
}

/// The kind an asset added to a file of this layer takes.
fn kind_for(lines: &[String]) -> &'static str {
    for l in lines {
        match l.trim_end() {
            "sites:" => return "datacenter",
            "networks:" => return "lan",
            "platforms:" => return "server",
            "clients:" => return "desktop",
            "services:" => return "application",
            _ => {}
        }
    }
    "application"
}

const FIELDS: [(&str, &[&str]); 8] = [
    (
        "realizes",
        &["shared-virt", "shared-storage", "shared-nothing"],
    ),
    (
        "product",
        &["microsoft-365", "exchange-2016", "hyper-v", "\"\""],
    ),
    (
        "sla",
        &[
            "24x7",
            "extended",
            "office-hours",
            "best-effort",
            "platinum",
        ],
    ),
    ("operator", &["in-house", "Telia", "CGI"]),
    (
        "end_of_support",
        &["2024-01-01", "2031-06-30", "2027-02-30"],
    ),
    ("security_level", &["1", "3", "4", "9"]),
    ("service_window", &["tue-night", "sun-morning", "never"]),
    ("tags", &["[vard-omsorg]", "[skola, socialtjanst]", "[]"]),
];

const TARGET_EDITS: [(&str, &str); 7] = [
    (", extended, 24x7]", ", extended]"),
    ("  - id: shared-virt\n", "  - id: shared-vm\n"),
    ("sites_at_least: 2", "sites_at_least: 1"),
    ("sites_at_least: 2", "sites_at_least: 3"),
    ("org: gislaved", "org: hylte"),
    ("    asset: mail-087\n", "    asset: mail-000\n"),
    ("expires: 2028-06-30", "expires: 2025-01-01"),
];

/// The text of `rel` now: the editor's, or the file on disk.
fn text(root: &Path, overlay: &Overlay, rel: &str) -> String {
    match overlay.get(rel) {
        Some(t) => t.clone(),
        None => std::fs::read_to_string(root.join(rel)).unwrap_or_default(),
    }
}

/// Applies one edit to the overlay; returns the paths it changed.
fn apply(e: &Estate, overlay: &mut Overlay, edit: &Edit) -> Vec<String> {
    let root = e.dir.path();
    let pick = |f: usize| e.files[f % e.files.len()].clone();
    let edit_lines = |overlay: &mut Overlay, rel: &str, f: &dyn Fn(&mut Vec<String>)| {
        let mut lines: Vec<String> = text(root, overlay, rel).lines().map(String::from).collect();
        f(&mut lines);
        overlay.insert(rel.to_string(), lines.join("\n") + "\n");
    };
    let in_block = |lines: &Vec<String>, asset: usize| {
        let b = blocks(lines);
        (!b.is_empty()).then(|| b[asset % b.len()])
    };
    match *edit {
        Edit::Remove { file, asset } => {
            let rel = pick(file);
            edit_lines(overlay, &rel, &|l| {
                if let Some((s, t)) = in_block(l, asset) {
                    l.drain(s..t);
                }
            });
            vec![rel]
        }
        Edit::Repeat { file, asset } => {
            let rel = pick(file);
            edit_lines(overlay, &rel, &|l| {
                if let Some((s, t)) = in_block(l, asset) {
                    let copy: Vec<String> = l[s..t].to_vec();
                    l.splice(t..t, copy);
                }
            });
            vec![rel]
        }
        Edit::Rename { file, asset, to } => {
            let rel = pick(file);
            let id = match e.ids.get(to % (e.ids.len() + 1)) {
                Some((_, id)) => id.clone(),
                None => format!("renamed-{to}"),
            };
            edit_lines(overlay, &rel, &|l| {
                if let Some((s, _)) = in_block(l, asset) {
                    l[s] = format!("  - id: {id}");
                }
            });
            vec![rel]
        }
        Edit::Depend { file, asset, to } => {
            let rel = pick(file);
            let target = name(e, org_of(&rel), to);
            edit_lines(overlay, &rel, &|l| {
                let Some((s, t)) = in_block(l, asset) else {
                    return;
                };
                match (s..t).find(|&i| l[i].starts_with("    depends_on:")) {
                    Some(i) if l[i].contains('[') => {
                        l[i] = l[i].replacen('[', &format!("[{target}, "), 1);
                    }
                    Some(i) => l.insert(i + 1, format!("      - {target}")),
                    None => l.insert(s + 1, format!("    depends_on: [{target}]")),
                }
            });
            vec![rel]
        }
        Edit::Site { file, asset, to } => {
            let rel = pick(file);
            let target = name(e, org_of(&rel), to);
            edit_lines(overlay, &rel, &|l| {
                if let Some(b) = in_block(l, asset) {
                    set(l, b, "site", &target);
                }
            });
            vec![rel]
        }
        Edit::Field {
            file,
            asset,
            field,
            value,
        } => {
            let rel = pick(file);
            let (key, values) = FIELDS[field % FIELDS.len()];
            let v = values[value % values.len()];
            edit_lines(overlay, &rel, &|l| {
                if let Some(b) = in_block(l, asset) {
                    set(l, b, key, v);
                }
            });
            vec![rel]
        }
        Edit::Add { file, to } => {
            let rel = pick(file);
            let target = name(e, org_of(&rel), to);
            edit_lines(overlay, &rel, &|l| {
                if blocks(l).is_empty() {
                    return;
                }
                let kind = kind_for(l);
                l.push(format!("  - id: added-{to}"));
                l.push(format!("    name: Added {to}"));
                l.push(format!("    kind: {kind}"));
                l.push(format!("    depends_on: [{target}]"));
                l.push("    tags: [vard-omsorg]".into());
            });
            vec![rel]
        }
        Edit::Unsite { file } => {
            let rel = format!("inventory/{}/organisation.yaml", org_of(&pick(file)));
            edit_lines(overlay, &rel, &|l| {
                if let Some(i) = l.iter().position(|x| x.starts_with("  - id: ")) {
                    l[i] = format!("{}-moved", l[i]);
                }
            });
            vec![rel]
        }
        Edit::Break { file } => {
            let rel = pick(file);
            let now = text(root, overlay, &rel);
            let mut broken = now.replacen("  - id:", "  - [id:", 1);
            if broken == now {
                broken.push_str("oops: [\n");
            }
            overlay.insert(rel.clone(), broken);
            vec![rel]
        }
        Edit::Close { file } => {
            let rel = pick(file);
            overlay.remove(&rel);
            vec![rel]
        }
        Edit::Create { file } => {
            let org = org_of(&pick(file)).to_string();
            let rel = format!("inventory/{org}/extra.yaml");
            overlay.insert(
                rel.clone(),
                "services:\n  - {id: extra, name: Extra, kind: application, depends_on: [dc-000]}\n"
                    .into(),
            );
            vec![rel]
        }
        Edit::Target { edit } => {
            let (from, to) = TARGET_EDITS[edit % TARGET_EDITS.len()];
            let t = text(root, overlay, TARGET).replacen(from, to, 1);
            overlay.insert(TARGET.into(), t);
            vec![TARGET.into()]
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = 0..10_000usize;
    prop_oneof![
        3 => (n.clone(), n.clone()).prop_map(|(file, asset)| Edit::Remove { file, asset }),
        2 => (n.clone(), n.clone()).prop_map(|(file, asset)| Edit::Repeat { file, asset }),
        2 => (n.clone(), n.clone(), n.clone()).prop_map(|(file, asset, to)| Edit::Rename { file, asset, to }),
        4 => (n.clone(), n.clone(), n.clone()).prop_map(|(file, asset, to)| Edit::Depend { file, asset, to }),
        2 => (n.clone(), n.clone(), n.clone()).prop_map(|(file, asset, to)| Edit::Site { file, asset, to }),
        4 => (n.clone(), n.clone(), n.clone(), n.clone())
            .prop_map(|(file, asset, field, value)| Edit::Field { file, asset, field, value }),
        3 => (n.clone(), n.clone()).prop_map(|(file, to)| Edit::Add { file, to }),
        2 => n.clone().prop_map(|file| Edit::Unsite { file }),
        1 => n.clone().prop_map(|file| Edit::Break { file }),
        2 => n.clone().prop_map(|file| Edit::Close { file }),
        1 => n.clone().prop_map(|file| Edit::Create { file }),
        1 => n.prop_map(|edit| Edit::Target { edit }),
    ]
}

/// The analysis as every view sees it, indices included.
fn shown(a: &gaps::Analysis) -> String {
    format!("{a:?}")
}

/// Applies the steps (each one or more edits, then one reread) to the estate of `seed` and
/// compares after each.
fn check(seed: u64, steps: &[Vec<Edit>]) {
    check_estate(&estate(seed), steps);
}

fn check_estate(e: &Estate, steps: &[Vec<Edit>]) {
    let root = e.dir.path();
    let as_of: Date = "2026-01-01".parse().unwrap();
    let mut overlay = Overlay::new();
    let mut s = Session::open(root, &overlay);
    let target = |s: &Session| s.project().target("national").cloned();
    let mut kept = target(&s).map(|t| Kept::new(s.project(), s.graph(), &t, as_of));
    let mut stamp = s.stamp();
    for (n, step) in steps.iter().enumerate() {
        let mut rels = Vec::new();
        for edit in step {
            rels.extend(apply(e, &mut overlay, edit));
        }
        s.reread(&rels, &overlay);

        let fresh = load_with(root, &overlay);
        assert_eq!(
            s.diagnostics(),
            fresh.diagnostics.as_slice(),
            "findings after step {n}: {step:?}"
        );
        assert_eq!(
            format!("{:?}", s.project()),
            format!("{:?}", fresh.project),
            "project after step {n}: {step:?}"
        );

        // As the language server does: only what changed since, unless more changed.
        let t = target(&s);
        kept = match (kept, &t, s.changed_since(stamp)) {
            (Some(mut k), Some(t), Some(orgs)) => {
                k.update(s.project(), s.graph(), t, as_of, &orgs);
                Some(k)
            }
            (Some(mut k), Some(t), None) => {
                k.renew(s.project(), s.graph(), t, as_of);
                Some(k)
            }
            (None, Some(t), _) => Some(Kept::new(s.project(), s.graph(), t, as_of)),
            (_, None, _) => None,
        };
        stamp = s.stamp();
        if let (Some(k), Some(t)) = (&kept, fresh.project.target("national")) {
            let g = Graph::build(&fresh.project);
            let want = gaps::analyse(&fresh.project, &g, t, as_of);
            assert_eq!(
                shown(k.analysis()),
                shown(&want),
                "gaps after step {n}: {step:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn edits_give_what_a_fresh_load_gives(
        seed in 1..4u64,
        steps in prop::collection::vec(prop::collection::vec(edit(), 1..3), 1..10),
    ) {
        check(seed, &steps);
    }
}

/// An organisation whose assets reach another's sites is judged again when those change,
/// though its own files did not.
#[test]
fn a_site_elsewhere_judges_again_who_reaches_it() {
    let e = estate(1);
    let root = e.dir.path();
    let as_of: Date = "2026-01-01".parse().unwrap();
    let file = |rel: &str| e.files.iter().position(|f| f == rel).unwrap();
    // An application of `jonkoping` (vård: two sites expected) that runs on `gislaved`'s storage.
    let storage = e
        .ids
        .iter()
        .position(|(o, id)| o == "gislaved" && id.starts_with("stor-"))
        .unwrap();
    let mut overlay = Overlay::new();
    apply(
        &e,
        &mut overlay,
        &Edit::Add {
            file: file("inventory/jonkoping/services/verksamhet.yaml"),
            to: storage,
        },
    );
    let mut s = Session::open(root, &overlay);
    let t = s.project().target("national").unwrap().clone();
    let mut kept = Kept::new(s.project(), s.graph(), &t, as_of);
    let jonkoping = s.project().org_by_id("jonkoping").unwrap();
    let gislaved = s.project().org_by_id("gislaved").unwrap();
    let stamp = s.stamp();
    let before = vard(kept.analysis());
    let rels = apply(
        &e,
        &mut overlay,
        &Edit::Unsite {
            file: file("inventory/gislaved/network.yaml"),
        },
    );
    s.reread(&rels, &overlay);
    let changed = s.changed_since(stamp).unwrap();
    assert_eq!(changed, [gislaved]);
    let again = kept
        .update(s.project(), s.graph(), &t, as_of, &changed)
        .expect("only gislaved changed");
    assert!(
        again.contains(&jonkoping) && again.contains(&gislaved),
        "{again:?}"
    );
    assert!(again.len() < s.project().orgs.len(), "{again:?}");
    let fresh = load_with(root, &overlay);
    let g = Graph::build(&fresh.project);
    let want = gaps::analyse(&fresh.project, &g, &fresh.project.targets[0], as_of);
    assert_eq!(shown(kept.analysis()), shown(&want));
    // The application reaches fewer sites.
    assert_ne!(vard(kept.analysis()), before);
}

/// The `vard-redundancy` gaps of `jonkoping`: asset and message.
fn vard(a: &gaps::Analysis) -> Vec<(Option<String>, String)> {
    a.gaps
        .iter()
        .filter(|g| g.org == "jonkoping" && g.rule == "vard-redundancy")
        .map(|g| (g.asset.clone(), g.message()))
        .collect()
}

/// Edits that move every later organisation's assets (an asset more, one fewer) and refs
/// across organisations, in one step and over several.
#[test]
fn assets_that_move_keep_their_refs() {
    let steps = vec![
        vec![
            Edit::Add { file: 0, to: 3 },
            Edit::Remove { file: 20, asset: 1 },
        ],
        vec![Edit::Depend {
            file: 30,
            asset: 2,
            to: 5,
        }],
        vec![Edit::Remove { file: 0, asset: 0 }],
        vec![Edit::Close { file: 0 }, Edit::Close { file: 20 }],
    ];
    for seed in 1..3 {
        check(seed, &steps);
    }
}

/// Where asset `id` of organisation `org` is written: (file, block) as [`Edit`]s count them.
fn find(e: &Estate, org: &str, id: &str) -> (usize, usize) {
    for (f, rel) in e.files.iter().enumerate() {
        if org_of(rel) != org {
            continue;
        }
        let text = std::fs::read_to_string(e.dir.path().join(rel)).unwrap();
        let lines: Vec<String> = text.lines().map(String::from).collect();
        if let Some(b) = blocks(&lines)
            .iter()
            .position(|&(s, _)| lines[s] == format!("  - id: {id}"))
        {
            return (f, b);
        }
    }
    panic!("no {org}/{id}")
}

/// A waiver names an asset of one organisation: when that asset is renamed, taken out or
/// written twice, the waiver's finding follows, as do refs into it from other organisations.
#[test]
fn a_waived_asset_edited() {
    let e = estate(1);
    let (org, id) = e
        .ids
        .iter()
        .find(|(o, id)| o == "gislaved" && id.starts_with("mail-"))
        .cloned()
        .unwrap();
    let rel = e.dir.path().join(TARGET);
    let t = std::fs::read_to_string(&rel).unwrap();
    std::fs::write(&rel, t.replace("asset: mail-087", &format!("asset: {id}"))).unwrap();
    let (file, asset) = find(&e, &org, &id);
    let to = e.ids.iter().position(|x| x.0 == org && x.1 == id).unwrap();
    let (other, app) = find(&e, "hylte", "app-000");
    check_estate(
        &e,
        &[
            vec![Edit::Depend {
                file: other,
                asset: app,
                to,
            }],
            vec![Edit::Rename {
                file,
                asset,
                to: e.ids.len(),
            }],
            vec![Edit::Close { file }],
            vec![Edit::Repeat { file, asset }],
            vec![Edit::Remove { file, asset }],
            vec![Edit::Close { file }],
        ],
    );
}
