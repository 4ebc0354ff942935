//! `samdrift export archimate`: an ArchiMate 3.1 Model Exchange File (The Open Group's XML
//! format, namespace `http://www.opengroup.org/xsd/archimate/3.0/`) that Archi and other
//! tools open.
//!
//! What it holds:
//! - the estate of the target's organisations: sites as `Facility` (`Location` for cloud),
//!   networks as `CommunicationNetwork` (firewalls as `Device`, DNS/DHCP as
//!   `TechnologyService`), servers and storage as `Node`, other platforms as
//!   `SystemSoftware`, clients as `Device`, services as `ApplicationComponent`; one folder
//!   per organisation;
//! - the target's components, typed the same way, in a folder of their own;
//! - the migration as a [`Plan`]: `Plateau`s in time order (baseline first, target last),
//!   a `Gap` between each two consecutive plateaus, and the `WorkPackage`s that take the
//!   estate from one plateau to the next.
//!
//! Relationships: `Serving` from what is needed to what needs it (`Association` when that is
//! a site); `site` and `realizes` as `Association`;
//! plateaus `Aggregation` their members and `Triggering` the next plateau; a work package
//! `Triggering` the plateau it leads to and the work packages that must follow it, and
//! `Association` with its gap and with what it touches. Every relationship is one that
//! [`allowed`] (ArchiMate's relationship table) permits. Identifiers are positional
//! (`id-a12`), so one project always gives the same file.
//!
//! [`Plan::baseline_and_target`] is the plan without waves; [`Plan::with_waves`] adds one
//! plateau per wave of the planner between them, with one work package per item, through
//! [`Plan::insert_wave`].

use super::items::ItemRow;
use crate::model::{AssetIdx, Layer, Project, Target};
use crate::waves::{ItemIdx, ItemKind, WavePlan};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::collections::HashMap;
use std::io;

/// Something a plateau holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Member {
    Asset(AssetIdx),
    /// Index into the target's components.
    Component(usize),
}

/// Work that takes the estate from one plateau to the next.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkPackage {
    pub name: String,
    pub documentation: String,
    pub hours: f64,
    /// What the work touches.
    pub members: Vec<Member>,
    /// Work that must be done first, as (plateau, work package) indices into the plan.
    pub after: Vec<(usize, usize)>,
}

/// A stable state of the architecture.
#[derive(Clone, Debug, PartialEq)]
pub struct Plateau {
    pub name: String,
    pub documentation: String,
    pub members: Vec<Member>,
    /// The work that leads to this plateau from the one before it.
    pub work: Vec<WorkPackage>,
}

/// The migration of one target: plateaus in time order.
#[derive(Clone, Debug)]
pub struct Plan<'a> {
    pub target: &'a Target,
    pub plateaus: Vec<Plateau>,
}

impl<'a> Plan<'a> {
    /// Two plateaus: the baseline (every asset of the target's organisations) and the target
    /// (its components, and the assets that already are one of them).
    pub fn baseline_and_target(p: &Project, t: &'a Target) -> Plan<'a> {
        let in_scope: Vec<AssetIdx> = (0..p.assets.len() as u32)
            .map(AssetIdx)
            .filter(|&i| t.in_scope(&p.org(p.asset(i).org).id))
            .collect();
        let baseline = Plateau {
            name: "Nuläge (baseline)".into(),
            documentation: "The estate as inventoried.".into(),
            members: in_scope.iter().map(|&i| Member::Asset(i)).collect(),
            work: Vec::new(),
        };
        let mut members: Vec<Member> = (0..t.components.len()).map(Member::Component).collect();
        members.extend(
            in_scope
                .iter()
                .filter(|&&i| {
                    p.asset(i)
                        .realizes
                        .as_ref()
                        .is_some_and(|c| t.component(c).is_some())
                })
                .map(|&i| Member::Asset(i)),
        );
        let target = Plateau {
            name: format!("Målbild: {}", t.name),
            documentation: format!("The target architecture, to be reached by {}.", t.horizon),
            members,
            work: Vec::new(),
        };
        Plan {
            target: t,
            plateaus: vec![baseline, target],
        }
    }

    /// Inserts a wave's plateau before the target plateau (waves are added in order).
    pub fn insert_wave(&mut self, wave: Plateau) {
        let at = self.plateaus.len().saturating_sub(1);
        self.plateaus.insert(at, wave);
    }

    /// The baseline, one plateau per wave of `plan` (made for `t`) with one work package
    /// per item, and the target. `rows` are the plan's [`ItemRow`]s (from
    /// [`super::items::rows`]), which give each work package its name and documentation.
    /// A wave's plateau aggregates what its work touches: the components it establishes or
    /// moves onto and the assets it changes. Unplaced items have no plateau to lead to; the
    /// target plateau's documentation lists them.
    pub fn with_waves(p: &Project, t: &'a Target, plan: &WavePlan, rows: &[ItemRow]) -> Plan<'a> {
        let mut out = Plan::baseline_and_target(p, t);
        let by_item: HashMap<ItemIdx, &ItemRow> = rows.iter().map(|r| (r.item, r)).collect();
        let component = |id: &str| t.components.iter().position(|c| c.id == id);
        // Where each placed item's work package is: wave n (its position) is plateau n + 1.
        let mut at: HashMap<ItemIdx, (usize, usize)> = HashMap::new();
        for (n, w) in plan.waves.iter().enumerate() {
            for (k, &i) in w.items.iter().enumerate() {
                at.insert(i, (n + 1, k));
            }
        }
        for w in &plan.waves {
            let mut members: Vec<Member> = Vec::new();
            let work: Vec<WorkPackage> = w
                .items
                .iter()
                .map(|&i| {
                    let it = plan.item(i);
                    let mut touches = Vec::new();
                    match it.kind {
                        ItemKind::Establish { component } => {
                            touches.push(Member::Component(component))
                        }
                        ItemKind::Asset(a) => {
                            touches.push(Member::Asset(a));
                            touches.extend(
                                it.component
                                    .as_deref()
                                    .and_then(component)
                                    .map(Member::Component),
                            );
                        }
                        ItemKind::Missing { .. } => touches.extend(
                            it.component
                                .as_deref()
                                .and_then(component)
                                .map(Member::Component),
                        ),
                    }
                    for m in &touches {
                        if !members.contains(m) {
                            members.push(*m);
                        }
                    }
                    let row = by_item.get(&i);
                    WorkPackage {
                        name: row.map_or_else(|| it.id.clone(), |r| r.summary.clone()),
                        documentation: row.map(|r| r.description.clone()).unwrap_or_default(),
                        hours: it.hours.get(),
                        members: touches,
                        after: it.after.iter().filter_map(|x| at.get(x).copied()).collect(),
                    }
                })
                .collect();
            out.insert_wave(Plateau {
                name: format!("Våg {}: {} – {}", w.number, w.start, w.end),
                documentation: format!(
                    "Wave {} of the plan, {} – {}: {} work package{}, {} hours. It aggregates \
                     the components its work establishes or moves onto and the assets it \
                     changes.",
                    w.number,
                    w.start,
                    w.end,
                    w.items.len(),
                    crate::diag::plural(w.items.len()),
                    w.hours
                ),
                members,
                work,
            });
        }
        if !plan.unplaced.is_empty() {
            let target = out.plateaus.last_mut().expect("the target plateau");
            target.documentation.push_str(&format!(
                " Not planned within the horizon ({}): {}.",
                plan.unplaced.len(),
                plan.unplaced
                    .iter()
                    .map(|&i| plan.item(i).id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out
    }
}

/// The ArchiMate element type of an asset or component.
pub fn element_type(layer: Layer, kind: &str) -> &'static str {
    match (layer, kind) {
        (Layer::Sites, "cloud") => "Location",
        (Layer::Sites, _) => "Facility",
        (Layer::Networks, "firewall") => "Device",
        (Layer::Networks, "dns-dhcp") => "TechnologyService",
        (Layer::Networks, _) => "CommunicationNetwork",
        (Layer::Platforms, "server" | "storage") => "Node",
        (Layer::Platforms, _) => "SystemSoftware",
        (Layer::Clients, _) => "Device",
        (Layer::Services, _) => "ApplicationComponent",
        // (v1.2) Steps of forming the joint organisation are business-layer elements.
        (Layer::Organisation, "agreement") => "Contract",
        (Layer::Organisation, "staffing") => "BusinessRole",
        (Layer::Organisation, "procurement") => "BusinessProcess",
        (Layer::Organisation, "handover") => "BusinessEvent",
        (Layer::Organisation, _) => "BusinessCollaboration",
    }
}

/// The business-layer element types [`element_type`] gives organisation components.
const BUSINESS: [&str; 5] = [
    "Contract",
    "BusinessRole",
    "BusinessProcess",
    "BusinessEvent",
    "BusinessCollaboration",
];

/// The relationship for "`consumer` depends on `provider`": `Serving`, which ArchiMate's
/// relationship table (as Archi ships it) allows between every pair of the element types
/// above; a dependency on a site (a `Facility` or `Location`) is an `Association`, as a
/// `site` is, and so is one to or from an organisation component (a business element).
fn dependency_relation(provider: &str, consumer: &str) -> &'static str {
    // A component that needs a step of forming the organisation (or the other way round) is
    // associated with it: technology does not serve a business role in ArchiMate's sense.
    if matches!(provider, "Facility" | "Location")
        || BUSINESS.contains(&provider)
        || BUSINESS.contains(&consumer)
    {
        "Association"
    } else {
        "Serving"
    }
}

/// Whether ArchiMate's relationship table allows relationship `rel` from an element of
/// type `source` to one of type `target`, for the element types this export writes (the
/// table as Archi ships it, `com.archimatetool.model/model/relationships.xml`):
/// - `Association` between any two elements;
/// - `Aggregation` from a plateau to any estate or target element (not to a work package,
///   gap or plateau, which is why a work package `Triggering` its plateau instead);
/// - `Triggering` from a plateau to a plateau, from a work package to a plateau or a work
///   package (never to a gap, which only takes `Association`);
/// - `Serving` between the estate's element types as `dependency_relation` uses it.
///
/// `Serving` from a work package to a plateau or gap is not allowed.
pub fn allowed(rel: &str, source: &str, target: &str) -> bool {
    const MIGRATION: [&str; 3] = ["Plateau", "Gap", "WorkPackage"];
    let estate = |ty: &str| !MIGRATION.contains(&ty);
    match rel {
        "Association" => true,
        "Aggregation" => source == "Plateau" && estate(target),
        "Triggering" => matches!(
            (source, target),
            ("Plateau", "Plateau") | ("WorkPackage", "Plateau" | "WorkPackage")
        ),
        "Serving" => estate(source) && estate(target) && !matches!(source, "Facility" | "Location"),
        _ => false,
    }
}

const PROPERTIES: [&str; 8] = [
    "samdrift-ref",
    "layer",
    "kind",
    "product",
    "version",
    "quantity",
    "end-of-support",
    "hours",
];

fn prop_id(name: &str) -> String {
    let i = PROPERTIES.iter().position(|p| *p == name).unwrap_or(0);
    format!("propid-{}", i + 1)
}

struct Rel {
    ty: &'static str,
    source: String,
    target: String,
    name: Option<&'static str>,
}

fn asset_id(i: AssetIdx) -> String {
    format!("id-a{}", i.0)
}

fn member_id(m: Member) -> String {
    match m {
        Member::Asset(i) => asset_id(i),
        Member::Component(j) => format!("id-c{j}"),
    }
}

type W = Writer<Vec<u8>>;

fn text_el(w: &mut W, tag: &str, text: &str) -> io::Result<()> {
    w.create_element(tag)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

fn element(
    w: &mut W,
    id: &str,
    ty: &str,
    name: &str,
    doc: Option<&str>,
    props: &[(&str, String)],
) -> io::Result<()> {
    w.create_element("element")
        .with_attributes([("identifier", id), ("xsi:type", ty)])
        .write_inner_content(|w| {
            text_el(w, "name", name)?;
            if let Some(d) = doc.filter(|d| !d.is_empty()) {
                text_el(w, "documentation", d)?;
            }
            if !props.is_empty() {
                w.create_element("properties").write_inner_content(|w| {
                    for (k, v) in props {
                        w.create_element("property")
                            .with_attribute(("propertyDefinitionRef", prop_id(k).as_str()))
                            .write_inner_content(|w| text_el(w, "value", v))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

fn folder(w: &mut W, label: &str, refs: &[String]) -> io::Result<()> {
    if refs.is_empty() {
        return Ok(());
    }
    w.create_element("item").write_inner_content(|w| {
        text_el(w, "label", label)?;
        for r in refs {
            w.create_element("item")
                .with_attribute(("identifierRef", r.as_str()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The exchange file for a plan.
pub fn render(p: &Project, plan: &Plan) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing to a Vec cannot fail.
    let _ = write_model(&mut w, p, plan);
    String::from_utf8(w.into_inner()).unwrap_or_default() + "\n"
}

fn write_model(w: &mut W, p: &Project, plan: &Plan) -> io::Result<()> {
    let t = plan.target;
    let in_scope: Vec<AssetIdx> = (0..p.assets.len() as u32)
        .map(AssetIdx)
        .filter(|&i| t.in_scope(&p.org(p.asset(i).org).id))
        .collect();
    let is_in = |i: AssetIdx| t.in_scope(&p.org(p.asset(i).org).id);
    let mut rels: Vec<Rel> = Vec::new();
    for &i in &in_scope {
        let a = p.asset(i);
        let consumer = element_type(a.layer, a.kind);
        if let Some(s) = a
            .site
            .as_ref()
            .and_then(|r| r.resolved)
            .filter(|&s| is_in(s))
        {
            rels.push(Rel {
                ty: "Association",
                source: asset_id(i),
                target: asset_id(s),
                name: Some("site"),
            });
        }
        for d in a
            .depends_on
            .iter()
            .filter_map(|r| r.resolved)
            .filter(|&d| is_in(d))
        {
            let b = p.asset(d);
            rels.push(Rel {
                ty: dependency_relation(element_type(b.layer, b.kind), consumer),
                source: asset_id(d),
                target: asset_id(i),
                name: None,
            });
        }
        if let Some(c) = &a.realizes
            && let Some(j) = t.components.iter().position(|x| x.id == c.value)
        {
            rels.push(Rel {
                ty: "Association",
                source: asset_id(i),
                target: format!("id-c{j}"),
                name: Some("realizes"),
            });
        }
    }
    for (j, c) in t.components.iter().enumerate() {
        for d in &c.depends_on {
            if let Some(k) = t.components.iter().position(|x| x.id == d.value) {
                let b = &t.components[k];
                rels.push(Rel {
                    ty: dependency_relation(
                        element_type(b.layer, b.kind),
                        element_type(c.layer, c.kind),
                    ),
                    source: format!("id-c{k}"),
                    target: format!("id-c{j}"),
                    name: None,
                });
            }
        }
    }
    for (n, pl) in plan.plateaus.iter().enumerate() {
        for m in &pl.members {
            rels.push(Rel {
                ty: "Aggregation",
                source: format!("id-p{n}"),
                target: member_id(*m),
                name: None,
            });
        }
        if n > 0 {
            rels.push(Rel {
                ty: "Triggering",
                source: format!("id-p{}", n - 1),
                target: format!("id-p{n}"),
                name: None,
            });
            for end in [n - 1, n] {
                rels.push(Rel {
                    ty: "Association",
                    source: format!("id-g{n}"),
                    target: format!("id-p{end}"),
                    name: None,
                });
            }
        }
        for (k, wp) in pl.work.iter().enumerate() {
            let wid = format!("id-w{n}-{k}");
            rels.push(Rel {
                ty: "Triggering",
                source: wid.clone(),
                target: format!("id-p{n}"),
                name: None,
            });
            rels.push(Rel {
                ty: "Association",
                source: wid.clone(),
                target: format!("id-g{n}"),
                name: None,
            });
            for &(m, j) in &wp.after {
                rels.push(Rel {
                    ty: "Triggering",
                    source: format!("id-w{m}-{j}"),
                    target: wid.clone(),
                    name: None,
                });
            }
            for m in &wp.members {
                rels.push(Rel {
                    ty: "Association",
                    source: wid.clone(),
                    target: member_id(*m),
                    name: None,
                });
            }
        }
    }

    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("model");
    root.push_attribute(("xmlns", "http://www.opengroup.org/xsd/archimate/3.0/"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute((
        "xsi:schemaLocation",
        "http://www.opengroup.org/xsd/archimate/3.0/ http://www.opengroup.org/xsd/archimate/3.1/archimate3_Model.xsd",
    ));
    root.push_attribute(("identifier", "id-model"));
    w.write_event(Event::Start(root))?;
    text_el(w, "name", &format!("samdrift: {}", t.name))?;
    text_el(
        w,
        "documentation",
        &format!(
            "Exported by samdrift from target `{}` and the inventories of its organisations.",
            t.id
        ),
    )?;

    w.write_event(Event::Start(BytesStart::new("elements")))?;
    for &i in &in_scope {
        let a = p.asset(i);
        let mut props = vec![
            ("samdrift-ref", p.asset_ref(i)),
            ("layer", a.layer.to_string()),
            ("kind", a.kind.to_string()),
            ("quantity", a.quantity.to_string()),
        ];
        if let Some(x) = &a.product {
            props.push(("product", x.clone()));
        }
        if let Some(x) = &a.version {
            props.push(("version", x.clone()));
        }
        if let Some(d) = a.end_of_support {
            props.push(("end-of-support", d.to_string()));
        }
        element(
            w,
            &asset_id(i),
            element_type(a.layer, a.kind),
            &a.name,
            a.notes.as_deref(),
            &props,
        )?;
    }
    for (j, c) in t.components.iter().enumerate() {
        let mut props = vec![
            ("samdrift-ref", format!("{}/{}", t.id, c.id)),
            ("layer", c.layer.to_string()),
            ("kind", c.kind.to_string()),
            ("hours", c.establish_hours.to_string()),
        ];
        if let Some(x) = &c.product {
            props.push(("product", x.clone()));
        }
        element(
            w,
            &format!("id-c{j}"),
            element_type(c.layer, c.kind),
            &c.name,
            None,
            &props,
        )?;
    }
    for (n, pl) in plan.plateaus.iter().enumerate() {
        element(
            w,
            &format!("id-p{n}"),
            "Plateau",
            &pl.name,
            Some(&pl.documentation),
            &[],
        )?;
        if n > 0 {
            let prev = &plan.plateaus[n - 1];
            let hours: f64 = pl.work.iter().map(|wp| wp.hours).sum();
            let doc = (!pl.work.is_empty()).then(|| {
                format!(
                    "Closed by {} work package{}, {} hours.",
                    pl.work.len(),
                    crate::diag::plural(pl.work.len()),
                    crate::gaps::tidy(hours)
                )
            });
            element(
                w,
                &format!("id-g{n}"),
                "Gap",
                &format!("Gap: {} → {}", prev.name, pl.name),
                doc.as_deref(),
                &[],
            )?;
        }
        for (k, wp) in pl.work.iter().enumerate() {
            element(
                w,
                &format!("id-w{n}-{k}"),
                "WorkPackage",
                &wp.name,
                Some(&wp.documentation),
                &[("hours", crate::model::Num(wp.hours).to_string())],
            )?;
        }
    }
    w.write_event(Event::End(BytesEnd::new("elements")))?;

    if !rels.is_empty() {
        w.write_event(Event::Start(BytesStart::new("relationships")))?;
        for (n, r) in rels.iter().enumerate() {
            let id = format!("id-r{n}");
            let el = w.create_element("relationship").with_attributes([
                ("identifier", id.as_str()),
                ("source", r.source.as_str()),
                ("target", r.target.as_str()),
                ("xsi:type", r.ty),
            ]);
            match r.name {
                Some(name) => {
                    el.write_inner_content(|w| text_el(w, "name", name))?;
                }
                None => {
                    el.write_empty()?;
                }
            }
        }
        w.write_event(Event::End(BytesEnd::new("relationships")))?;
    }

    w.write_event(Event::Start(BytesStart::new("organizations")))?;
    for (oi, o) in p.orgs.iter().enumerate() {
        if !t.in_scope(&o.id) {
            continue;
        }
        let refs: Vec<String> = in_scope
            .iter()
            .filter(|&&i| p.asset(i).org.0 as usize == oi)
            .map(|&i| asset_id(i))
            .collect();
        folder(w, &format!("Nuläge: {}", o.name()), &refs)?;
    }
    let comps: Vec<String> = (0..t.components.len())
        .map(|j| format!("id-c{j}"))
        .collect();
    folder(w, &format!("Målarkitektur: {}", t.name), &comps)?;
    let mut migration = Vec::new();
    for (n, pl) in plan.plateaus.iter().enumerate() {
        migration.push(format!("id-p{n}"));
        if n > 0 {
            migration.push(format!("id-g{n}"));
        }
        migration.extend((0..pl.work.len()).map(|k| format!("id-w{n}-{k}")));
    }
    folder(w, "Migrering", &migration)?;
    w.write_event(Event::End(BytesEnd::new("organizations")))?;

    w.write_event(Event::Start(BytesStart::new("propertyDefinitions")))?;
    for name in PROPERTIES {
        w.create_element("propertyDefinition")
            .with_attributes([("identifier", prop_id(name).as_str()), ("type", "string")])
            .write_inner_content(|w| text_el(w, "name", name))?;
    }
    w.write_event(Event::End(BytesEnd::new("propertyDefinitions")))?;
    w.write_event(Event::End(BytesEnd::new("model")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_types() {
        assert_eq!(
            element_type(Layer::Platforms, "virtualization"),
            "SystemSoftware"
        );
        assert_eq!(element_type(Layer::Platforms, "server"), "Node");
        assert_eq!(element_type(Layer::Clients, "laptop"), "Device");
        assert_eq!(element_type(Layer::Sites, "cloud"), "Location");
        assert_eq!(
            dependency_relation("SystemSoftware", "ApplicationComponent"),
            "Serving"
        );
        assert_eq!(
            dependency_relation("CommunicationNetwork", "Node"),
            "Serving"
        );
        assert_eq!(dependency_relation("Facility", "Node"), "Association");
        assert_eq!(element_type(Layer::Organisation, "agreement"), "Contract");
        assert_eq!(
            dependency_relation("BusinessRole", "Facility"),
            "Association"
        );
        assert_eq!(
            dependency_relation("Facility", "BusinessEvent"),
            "Association"
        );
    }

    #[test]
    fn allowed_relationships() {
        // What the exporter writes for dependencies is allowed.
        let types = [
            "Facility",
            "Location",
            "CommunicationNetwork",
            "Device",
            "TechnologyService",
            "Node",
            "SystemSoftware",
            "ApplicationComponent",
            // Organisation components (v1.2).
            "Contract",
            "BusinessRole",
            "BusinessProcess",
            "BusinessEvent",
            "BusinessCollaboration",
        ];
        for p in types {
            for c in types {
                assert!(allowed(dependency_relation(p, c), p, c), "{p} → {c}");
            }
        }
        assert!(allowed("Triggering", "WorkPackage", "Plateau"));
        assert!(allowed("Triggering", "WorkPackage", "WorkPackage"));
        assert!(allowed("Association", "WorkPackage", "Gap"));
        assert!(allowed("Aggregation", "Plateau", "Node"));
        // Archi's table: no Serving from a work package, no Triggering of a gap, a plateau
        // does not aggregate work packages.
        assert!(!allowed("Serving", "WorkPackage", "Plateau"));
        assert!(!allowed("Serving", "WorkPackage", "Gap"));
        assert!(!allowed("Triggering", "WorkPackage", "Gap"));
        assert!(!allowed("Aggregation", "Plateau", "WorkPackage"));
    }
}
