//! Gap output does not depend on how an estate is written down: the same assets, in any
//! order, split over any number of files and with the layer keys in any order, give
//! byte-identical JSON, apart from `file` and `line`, which must point at where each asset
//! was written in that layout.

use proptest::prelude::*;
use samdrift::load::load_files;
use samdrift::model::Layer;
use serde_json::Value;

const TARGET: &str = r#"target:
  name: Property
  horizon: 2027-12-31
  hourly_rate: 850
  sla_levels: [low, mid, high]
  service_windows: [w1, w2]
components:
  - {id: c-virt, name: Virt, layer: platforms, kind: virtualization}
  - {id: c-net, name: Net, layer: networks, kind: wan}
rules:
  - {id: r-move, select: {layer: platforms}, expect: {moved_to: c-virt}, action: migrate, effort: {hours: 3, per: unit}, cost: 10}
  - {id: r-prod, select: {layer: clients}, expect: {product_in: [p1]}, action: replace, effort: {hours: 0.3, per: unit}}
  - {id: r-eos, expect: {end_of_support_after: horizon}, action: upgrade, effort: {hours: 2}}
  - {id: r-comp, select: {layer: services}, expect: {sla_at_least: mid, security_level_at_least: 2, service_window_in: [w1], operator_in: [in-house]}, action: reconfigure, effort: {hours: 1}}
  - {id: r-sites, select: {layer: services}, expect: {sites_at_least: 2}, action: reconfigure, effort: {hours: 5}}
  - {id: r-max, select: {layer: networks}, expect: {max_per_org: 1}, action: consolidate, effort: {hours: 7}}
  - {id: r-min, select: {layer: sites}, expect: {min_per_org: 2}, action: procure, effort: {hours: 11}}
  - {id: r-tag, select: {tags: [t1]}, expect: {product_in: [p2]}, action: replace, effort: {hours: 1}}
waivers:
  - {rule: r-eos, org: o0, reason: Accepted, expires: 2030-01-01}
"#;

/// One asset, as the generator draws it.
#[derive(Clone, Debug)]
struct Spec {
    org: usize,
    layer: Layer,
    kind: &'static str,
    fields: Vec<String>,
    site: Option<usize>,
    deps: Vec<usize>,
}

fn pick<T: Copy>(options: &[T], n: usize) -> T {
    options[n % options.len()]
}

/// What the generator draws for one asset: org, layer, kind, ten field choices, site, deps.
type Raw = (usize, usize, usize, [usize; 10], usize, Vec<usize>);

/// The files of a layout, and where each asset is written (file, first line, number of lines).
type Written = (Vec<(String, Vec<u8>)>, Vec<(String, u32, u32)>);

fn spec() -> impl Strategy<Value = Raw> {
    (
        0..3usize,
        0..5usize,
        0..12usize,
        prop::array::uniform10(0..5usize),
        0..64usize,
        prop::collection::vec(0..64usize, 0..3),
    )
}

fn build(raw: Vec<Raw>) -> Vec<Spec> {
    let n = raw.len();
    raw.into_iter()
        .map(|(org, layer, kind, f, site, deps)| {
            let layer = Layer::ALL[layer];
            let mut fields = Vec::new();
            let opt = |k: &str, options: &[&str], n: usize| -> Option<String> {
                let v = pick(options, n);
                (!v.is_empty()).then(|| format!("{k}: {v}"))
            };
            fields.extend(opt("product", &["", "p1", "p2"], f[0]));
            fields.extend(opt("sla", &["", "low", "mid", "high"], f[1]));
            fields.extend(opt("security_level", &["", "0", "2", "3"], f[2]));
            fields.extend(opt("service_window", &["", "w1", "w2"], f[3]));
            fields.extend(opt("operator", &["", "in-house", "Atea"], f[4]));
            fields.extend(opt(
                "end_of_support",
                &["", "2026-01-01", "2027-12-31", "2029-01-01"],
                f[5],
            ));
            fields.extend(opt("quantity", &["", "0", "3", "40"], f[6]));
            fields.extend(opt("realizes", &["", "c-virt", "c-net"], f[7]));
            fields.extend(opt("tags", &["", "[t1]", "[t2]", "[t1, t2]"], f[8]));
            Spec {
                org,
                layer,
                kind: pick(layer.kinds(), kind),
                fields,
                site: (f[9] > 1).then_some(site % n),
                deps: deps.into_iter().map(|d| d % n).collect(),
            }
        })
        .collect()
}

/// How the estate is written down: an order, a file for each asset, and an order of the
/// layer keys in every file.
#[derive(Clone, Debug)]
struct Layout {
    keys: Vec<u32>,
    files: Vec<usize>,
    layer_order: usize,
}

fn layout(n: usize) -> impl Strategy<Value = Layout> {
    (
        prop::collection::vec(any::<u32>(), n),
        prop::collection::vec(0..4usize, n),
        0..120usize,
    )
        .prop_map(|(keys, files, layer_order)| Layout {
            keys,
            files,
            layer_order,
        })
}

fn id(i: usize) -> String {
    format!("a{i:02}")
}

fn org(o: usize) -> String {
    format!("o{o}")
}

fn reference(specs: &[Spec], from: usize, to: usize) -> String {
    if specs[from].org == specs[to].org {
        id(to)
    } else {
        format!("{}/{}", org(specs[to].org), id(to))
    }
}

/// The nth permutation of the five layers.
fn layer_permutation(mut n: usize) -> Vec<Layer> {
    let mut pool = Layer::ALL.to_vec();
    let mut out = Vec::new();
    while !pool.is_empty() {
        out.push(pool.remove(n % pool.len()));
        n /= pool.len() + 1;
    }
    out
}

/// Writes the estate in a layout: the files, and where each asset's mapping starts.
fn write(specs: &[Spec], l: &Layout) -> Written {
    let mut order: Vec<usize> = (0..specs.len()).collect();
    order.sort_by_key(|&i| (l.keys[i], i));
    let layers = layer_permutation(l.layer_order);
    let mut files = vec![("targets/t.yaml".to_string(), TARGET.as_bytes().to_vec())];
    let mut at = vec![(String::new(), 0, 0); specs.len()];
    let orgs: std::collections::BTreeSet<usize> = specs.iter().map(|s| s.org).collect();
    for o in orgs {
        for f in 0..4 {
            let path = format!("inventory/{}/f{f}.yaml", org(o));
            let mut text = String::new();
            let mut line = 1u32;
            for &layer in &layers {
                let here: Vec<usize> = order
                    .iter()
                    .copied()
                    .filter(|&i| specs[i].org == o && l.files[i] == f && specs[i].layer == layer)
                    .collect();
                if here.is_empty() {
                    continue;
                }
                text.push_str(&format!("{layer}:\n"));
                line += 1;
                for i in here {
                    let s = &specs[i];
                    let start = line;
                    let mut lines = vec![
                        format!("  - id: {}", id(i)),
                        format!("    name: Asset {i}"),
                        format!("    kind: {}", s.kind),
                    ];
                    lines.extend(s.fields.iter().map(|x| format!("    {x}")));
                    if let Some(site) = s.site.filter(|&t| specs[t].layer == Layer::Sites) {
                        lines.push(format!("    site: {}", reference(specs, i, site)));
                    }
                    if !s.deps.is_empty() {
                        let refs: Vec<String> =
                            s.deps.iter().map(|&d| reference(specs, i, d)).collect();
                        lines.push(format!("    depends_on: [{}]", refs.join(", ")));
                    }
                    line += lines.len() as u32;
                    at[i] = (path.clone(), start, lines.len() as u32);
                    text.push_str(&lines.join("\n"));
                    text.push('\n');
                }
            }
            if !text.is_empty() {
                files.push((path, text.into_bytes()));
            }
        }
    }
    (files, at)
}

/// The gap JSON of a layout, with `file` and `line` of asset gaps checked against where the
/// asset was written, and the finding's `line` against where its field was written (the
/// asset's first line when it judged no written field), then blanked.
fn gaps_json(specs: &[Spec], l: &Layout) -> String {
    let (files, at) = write(specs, l);
    let loaded = load_files(&files).unwrap();
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.level == samdrift::diag::Level::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let p = &loaded.project;
    let a = samdrift::gaps::analyse(
        p,
        &samdrift::graph::Graph::build(p),
        &p.targets[0],
        "2026-01-01".parse().unwrap(),
    );
    let mut v: Value = serde_json::from_str(&samdrift::views::gaps::json(&a)).unwrap();
    for g in v["gaps"].as_array_mut().unwrap() {
        if let Some(asset) = g["asset"].as_str() {
            let i: usize = asset[1..].parse().unwrap();
            assert_eq!(g["file"], at[i].0.as_str(), "file of {asset}");
            assert_eq!(g["line"], at[i].1, "line of {asset}");
            let (path, start, len) = &at[i];
            let f = &g["finding"];
            let line = f["line"].as_u64().unwrap() as u32;
            assert!((*start..start + len).contains(&line), "{asset}: {f}");
            let text = &files.iter().find(|(p, _)| p == path).unwrap().1;
            let written = std::str::from_utf8(text)
                .unwrap()
                .lines()
                .nth(line as usize - 1)
                .unwrap();
            match f["field"].as_str() {
                Some(field) if written.trim_start().starts_with(&format!("{field}:")) => {}
                _ => assert_eq!(line, *start, "{asset}: {f} at `{written}`"),
            }
            assert!(f["column"].as_u64().unwrap() > 0);
            g["file"] = Value::Null;
            g["line"] = Value::Null;
            g["finding"]["line"] = Value::Null;
            g["finding"]["column"] = Value::Null;
        }
    }
    serde_json::to_string_pretty(&v).unwrap()
}

fn estate_and_two_layouts() -> impl Strategy<Value = (Vec<Spec>, Layout, Layout)> {
    prop::collection::vec(spec(), 1..40).prop_flat_map(|raw| {
        let n = raw.len();
        (Just(build(raw)), layout(n), layout(n))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn gaps_do_not_depend_on_file_order_or_splitting((specs, one, two) in estate_and_two_layouts()) {
        let a = gaps_json(&specs, &one);
        let b = gaps_json(&specs, &two);
        prop_assert_eq!(a, b);
    }
}
