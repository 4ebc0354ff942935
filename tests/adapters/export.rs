//! `samdrift export cypher|graphml|archimate`.

use super::samdrift;
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Two organisations with a cross-org dependency and a target with two components.
fn estate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "inventory/gislaved/estate.yaml",
        "organisation: {name: Gislaveds kommun, population: 29700}\n\
         sites:\n  - {id: hall, name: \"Hall 'A' \\\\ B\", kind: datacenter}\n\
         platforms:\n  - {id: vsphere, name: VMware vSphere, kind: virtualization, site: hall, quantity: 6, end_of_support: 2025-10-02, realizes: shared-virt}\n\
         \x20 - {id: ad, name: Active Directory, kind: directory, depends_on: [vsphere]}\n\
         services:\n  - {id: ekonomi, name: Ekonomisystem, kind: application, depends_on: [ad, gnosjo/mail], tags: [ekonomi]}\n",
    );
    w(
        "inventory/gnosjo/estate.yaml",
        "platforms:\n  - {id: mail, name: Exchange 2016, kind: email, product: exchange-2016}\n\
         clients:\n  - {id: laptops, name: Bärbara datorer, kind: laptop, quantity: 800, depends_on: [mail]}\n",
    );
    w(
        "targets/ggvvh.yaml",
        "target: {name: Gemensam drift, horizon: 2027-12-31}\n\
         components:\n  - {id: shared-net, name: Gemensamt nät, layer: networks, kind: wan, establish_hours: 100}\n\
         \x20 - {id: shared-virt, name: Gemensam virtualisering, layer: platforms, kind: virtualization, depends_on: [shared-net], establish_hours: 400}\n",
    );
    dir
}

fn export(root: &Path, args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend(args);
    let r = samdrift(root, &all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn cypher_merges_every_node_and_relation() {
    let dir = estate();
    let text = export(dir.path(), &["cypher"]);
    assert!(text.contains(
        "CREATE CONSTRAINT samdrift_asset IF NOT EXISTS FOR (a:Asset) REQUIRE a.ref IS UNIQUE;"
    ));
    assert!(
        !text.contains("CREATE ("),
        "only MERGE, so loading twice changes nothing"
    );
    // One statement per batch, each ends with `;`.
    let statements = text.lines().filter(|l| l.ends_with(';')).count();
    assert_eq!(statements, 3 + 1 + 4 + 2 + 3, "{text}");
    assert!(text.contains("SET a:Platform, a += row"));
    assert!(text.contains("name: 'Hall \\'A\\' \\\\ B'"), "{text}");
    assert!(
        text.contains("end_of_support: date('2025-10-02')"),
        "{text}"
    );
    assert!(
        text.contains("['gislaved/ekonomi', 'gnosjo/mail']"),
        "cross-org edge: {text}"
    );
    assert!(
        text.contains("['gislaved/vsphere', 'gislaved/hall']"),
        "site edge: {text}"
    );
    assert!(
        text.contains("['gislaved/vsphere', 'ggvvh/shared-virt']"),
        "realizes: {text}"
    );
    assert!(
        text.contains("['ggvvh/shared-virt', 'ggvvh/shared-net']"),
        "{text}"
    );
}

#[test]
fn graphml_holds_the_whole_graph_and_output_goes_to_a_file() {
    let dir = estate();
    let out = dir.path().join("estate.graphml");
    let r = samdrift(
        dir.path(),
        &["export", "graphml", "-o", out.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    let mut nodes = 0;
    let mut edges = 0;
    let mut reader = Reader::from_str(&text);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "node" => nodes += 1,
                "edge" => edges += 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!((nodes, edges), (6, 5));
}

/// The structure of an exchange file: elements by id and type, relationships, and the
/// order of the model's children.
struct Model {
    children: Vec<String>,
    elements: BTreeMap<String, String>,
    relationships: Vec<(String, String, String)>,
    refs: Vec<String>,
    prop_defs: HashSet<String>,
    prop_refs: Vec<String>,
}

fn parse(text: &str) -> Model {
    let mut m = Model {
        children: Vec::new(),
        elements: BTreeMap::new(),
        relationships: Vec::new(),
        refs: Vec::new(),
        prop_defs: HashSet::new(),
        prop_refs: Vec::new(),
    };
    let mut reader = Reader::from_str(text);
    let mut depth = 0;
    loop {
        let ev = reader.read_event().unwrap();
        let (e, empty) = match &ev {
            Event::Start(e) => (e.clone(), false),
            Event::Empty(e) => (e.clone(), true),
            Event::End(_) => {
                depth -= 1;
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let attr = |k: &str| {
            e.try_get_attribute(k)
                .unwrap()
                // Identifiers and types hold no escapes.
                .map(|a| a.value.to_string())
        };
        let name = e.name().as_ref().to_string();
        if depth == 0 {
            assert_eq!(name, "model");
            assert_eq!(
                attr("xmlns").as_deref(),
                Some("http://www.opengroup.org/xsd/archimate/3.0/")
            );
            assert!(attr("identifier").is_some());
        }
        if depth == 1 {
            m.children.push(name.clone());
        }
        match name.as_str() {
            "element" => {
                m.elements
                    .insert(attr("identifier").unwrap(), attr("xsi:type").unwrap());
            }
            "relationship" => {
                m.relationships.push((
                    attr("xsi:type").unwrap(),
                    attr("source").unwrap(),
                    attr("target").unwrap(),
                ));
                m.elements
                    .insert(attr("identifier").unwrap(), "relationship".into());
            }
            "item" => m.refs.extend(attr("identifierRef")),
            "propertyDefinition" => {
                m.prop_defs.insert(attr("identifier").unwrap());
            }
            "property" => m.prop_refs.push(attr("propertyDefinitionRef").unwrap()),
            _ => {}
        }
        if !empty {
            depth += 1;
        }
    }
    m
}

#[test]
fn archimate_exchange_file_has_the_estate_target_and_plateaus() {
    let dir = estate();
    let text = export(dir.path(), &["archimate"]);
    let m = parse(&text);
    // The order ModelType's sequence requires.
    assert_eq!(
        m.children,
        [
            "name",
            "documentation",
            "elements",
            "relationships",
            "organizations",
            "propertyDefinitions"
        ]
    );
    let count = |ty: &str| m.elements.values().filter(|t| *t == ty).count();
    assert_eq!(count("Facility"), 1);
    assert_eq!(
        count("SystemSoftware"),
        4,
        "vsphere, ad, mail and the shared-virt component"
    );
    assert_eq!(count("CommunicationNetwork"), 1);
    assert_eq!(count("Device"), 1);
    assert_eq!(count("ApplicationComponent"), 1);
    assert_eq!(count("Plateau"), 2);
    assert_eq!(count("Gap"), 1);
    assert_eq!(count("WorkPackage"), 0, "no plan, no work");
    check_structure(&m, &text);
    let serving: Vec<_> = m
        .relationships
        .iter()
        .filter(|r| r.0 == "Serving")
        .collect();
    // vsphere → ad, ad → ekonomi, mail → ekonomi, mail → laptops, shared-net → shared-virt.
    assert_eq!(serving.len(), 5, "{serving:?}");
    assert_eq!(
        m.relationships
            .iter()
            .filter(|r| r.0 == "Triggering")
            .count(),
        1
    );
    if let Ok(xsd) = std::env::var("SAMDRIFT_ARCHIMATE_XSD") {
        validate_with_xmllint(&text, &xsd);
    }
}

/// Identifiers are unique (the map would have swallowed a repeat), every reference points
/// at one, and every relationship is one ArchiMate's table allows between its ends' types.
fn check_structure(m: &Model, text: &str) {
    let ids = m.elements.len() + 1; // and the model's own
    assert_eq!(ids, text.matches(" identifier=\"id-").count());
    for (ty, s, t) in &m.relationships {
        let (Some(st), Some(tt)) = (m.elements.get(s), m.elements.get(t)) else {
            panic!("{ty} {s} → {t}: an end does not exist");
        };
        assert!(
            samdrift::export::archimate::allowed(ty, st, tt),
            "{ty} from {st} {s} to {tt} {t} is not allowed"
        );
    }
    for r in &m.refs {
        assert!(m.elements.contains_key(r), "folder item {r}");
    }
    for r in &m.prop_refs {
        assert!(m.prop_defs.contains(r), "property {r}");
    }
}

/// With a plan: one plateau per wave between the baseline and the target, a work package
/// per placed item, each triggering its wave's plateau.
#[test]
fn archimate_has_a_plateau_per_wave_and_its_work_packages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/waves");
    let r = samdrift(&root, &["export", "archimate", "--as-of", "2026-01-01"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = r.stdout;
    let m = parse(&text);
    check_structure(&m, &text);

    let loaded = super::load_clean(&root);
    let p = &loaded.project;
    let t = &p.targets[0];
    let g = samdrift::graph::Graph::build(p);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let a = samdrift::gaps::analyse(p, &g, t, date);
    let plan = samdrift::waves::plan(p, &g, t, &a).unwrap();
    assert!(plan.waves.len() > 1 && !plan.unplaced.is_empty());

    let of = |ty: &str| -> Vec<&String> {
        m.elements
            .iter()
            .filter(|(_, t)| *t == ty)
            .map(|(id, _)| id)
            .collect()
    };
    let plateaus = of("Plateau");
    assert_eq!(plateaus.len(), plan.waves.len() + 2);
    assert_eq!(of("Gap").len(), plan.waves.len() + 1);
    let placed = plan.items.len() - plan.unplaced.len();
    assert_eq!(of("WorkPackage").len(), placed);

    // Plateaus trigger one another in a chain: the baseline has none before it, the
    // target none after it.
    let chain: Vec<(&String, &String)> = m
        .relationships
        .iter()
        .filter(|(ty, s, t)| {
            ty == "Triggering" && m.elements[s] == "Plateau" && m.elements[t] == "Plateau"
        })
        .map(|(_, s, t)| (s, t))
        .collect();
    assert_eq!(chain.len(), plan.waves.len() + 1);
    let baseline: Vec<_> = plateaus
        .iter()
        .filter(|p| !chain.iter().any(|(_, t)| t == *p))
        .collect();
    let target: Vec<_> = plateaus
        .iter()
        .filter(|p| !chain.iter().any(|(s, _)| s == *p))
        .collect();
    assert_eq!((baseline.len(), target.len()), (1, 1));

    // Every work package leads to exactly one plateau, which is a wave's.
    for w in of("WorkPackage") {
        let to: Vec<&String> = m
            .relationships
            .iter()
            .filter(|(ty, s, t)| ty == "Triggering" && s == w && m.elements[t] == "Plateau")
            .map(|(_, _, t)| t)
            .collect();
        assert_eq!(to.len(), 1, "{w}: {to:?}");
        assert!(
            to[0] != *baseline[0] && to[0] != *target[0],
            "{w} → {}",
            to[0]
        );
    }
    // Work packages per plateau are the waves' items.
    let mut per_plateau: Vec<usize> = plateaus
        .iter()
        .filter(|p| **p != *baseline[0] && **p != *target[0])
        .map(|p| {
            m.relationships
                .iter()
                .filter(|(ty, s, t)| {
                    ty == "Triggering" && t == *p && m.elements[s] == "WorkPackage"
                })
                .count()
        })
        .collect();
    let mut per_wave: Vec<usize> = plan.waves.iter().map(|w| w.items.len()).collect();
    per_plateau.sort();
    per_wave.sort();
    assert_eq!(per_plateau, per_wave);
    // A work package triggers those that must follow it: one per placed `after` pair.
    let follows = plan
        .items
        .iter()
        .filter(|it| it.wave.is_some())
        .flat_map(|it| it.after.iter().filter(|&&x| plan.item(x).wave.is_some()))
        .count();
    let wp_wp = m
        .relationships
        .iter()
        .filter(|(ty, s, t)| {
            ty == "Triggering" && m.elements[s] == "WorkPackage" && m.elements[t] == "WorkPackage"
        })
        .count();
    assert_eq!(wp_wp, follows);
    assert!(text.contains("Not planned within the horizon (2): b/far, b/next."));
    if let Ok(xsd) = std::env::var("SAMDRIFT_ARCHIMATE_XSD") {
        validate_with_xmllint(&text, &xsd);
    }
}

/// Validates against The Open Group's XSD when the test run is given one
/// (`SAMDRIFT_ARCHIMATE_XSD=path/archimate3_Model.xsd cargo test`; xmllint from Debian's
/// libxml2-utils). The XSD is not shipped: no package registry carries it (see
/// docs/adapters.md for where to get it).
fn validate_with_xmllint(text: &str, xsd: &str) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("model.xml");
    std::fs::write(&f, text).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema", xsd])
        .arg(&f)
        .output()
        .expect("xmllint");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn archimate_needs_a_target_when_there_are_several() {
    let dir = estate();
    std::fs::copy(
        dir.path().join("targets/ggvvh.yaml"),
        dir.path().join("targets/other.yaml"),
    )
    .unwrap();
    let r = samdrift(dir.path(), &["export", "archimate"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("choose one with --target: ggvvh, other"),
        "{}",
        r.stderr
    );
    let r = samdrift(dir.path(), &["export", "archimate", "--target", "ggvhh"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `ggvvh`"), "{}", r.stderr);
    assert_eq!(
        samdrift(dir.path(), &["export", "archimate", "--target", "other"]).code,
        0
    );
}
