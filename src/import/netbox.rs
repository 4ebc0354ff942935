//! `samdrift import netbox`: the JSON that NetBox's REST API returns for sites
//! (`/api/dcim/sites/`), racks (`/api/dcim/racks/`), devices (`/api/dcim/devices/`) and
//! virtual machines (`/api/virtualization/virtual-machines/`), as a list or as a page
//! (`{"count", "next", "previous", "results": [...]}`).
//!
//! - A site becomes a site; its kind is guessed from its name, facility and description
//!   (`datacenter`, `colocation`, `cloud`, else `server-room`).
//! - Racks are counted into their site's `capacity.racks` when the site is in the same import.
//! - A device becomes a network or platform asset by its role (`firewall`, `router`,
//!   `switch`, `access-point`, `server`, `storage`, …; `--role` for the rest), with `site`.
//! - A virtual machine becomes a `server` platform that depends on its cluster; the cluster
//!   (which these endpoints do not describe) becomes a `virtualization` platform of its own
//!   unless the organisation already has it.
//!
//! A list longer than one page comes as several page files: [`check_pages`] follows each
//! page's `next` (and `previous`) among the files given and refuses the import, naming the
//! missing page, when one is not there, so a truncated estate is never imported without
//! anyone noticing (NetBox caps a page at `MAX_PAGE_SIZE`, 1,000 by default, even for
//! `?limit=0`).
//!
//! Objects are taken in that order whatever the files' order, so one import of several
//! files resolves its own relations. A relation to something neither imported nor in the
//! inventory is reported and left out. Every object keeps its NetBox id as `x-netbox-id`.

use super::{Draft, Existing, Ids, Import, Problem, Value, slug};
use crate::model::Layer;
use serde_json::{Map, Value as J};
use std::collections::{BTreeMap, HashMap};

/// What a NetBox object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ObjectType {
    Site,
    Rack,
    Device,
    VirtualMachine,
}

/// A role mapping given with `--role ROLE=LAYER/KIND`: the role (as a slug), and the layer
/// and kind of its devices, or `None` (`ROLE=-`) to leave them out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleMap {
    pub role: String,
    pub target: Option<(Layer, &'static str)>,
}

/// Parses `--role ROLE=LAYER/KIND`, or `ROLE=-`.
pub fn parse_role(spec: &str) -> Result<RoleMap, String> {
    let Some((role, target)) = spec.rsplit_once('=') else {
        return Err(format!(
            "--role {spec}: write it as role=layer/kind, e.g. core-switch=networks/lan"
        ));
    };
    let role = slug(role);
    if target.trim() == "-" {
        return Ok(RoleMap { role, target: None });
    }
    let (layer, kind) = target.split_once('/').ok_or_else(|| {
        format!("--role {spec}: write the target as layer/kind, e.g. networks/lan")
    })?;
    let l = Layer::parse(layer.trim())
        .ok_or_else(|| format!("--role {spec}: `{layer}` is not a layer"))?;
    let k = l.kind(kind.trim()).ok_or_else(|| {
        format!(
            "--role {spec}: `{kind}` is not a kind of `{l}`; kinds of `{l}`: {}",
            l.kinds().join(", ")
        )
    })?;
    Ok(RoleMap {
        role,
        target: Some((l, k)),
    })
}

/// One input file: its name for messages and its text.
pub struct Input {
    pub file: String,
    pub text: String,
}

/// Where a page of a NetBox list sits in that list: read from its `next` and `previous`
/// URLs, since a page does not say its own.
#[derive(Clone, Debug, PartialEq)]
struct Page {
    /// The list: the URL's path and its query without `offset` and `limit`
    /// (`/api/dcim/devices/?site=x`).
    list: String,
    offset: u64,
    count: Option<u64>,
    results: usize,
    /// The `next` URL and the offset it asks for.
    next: Option<(String, u64)>,
    /// The `previous` URL and the offset it asks for.
    previous: Option<(String, u64)>,
}

/// A page URL's list (path and the other query parameters, sorted), offset and limit.
fn page_url(url: &str) -> Option<(String, u64, Option<u64>)> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path_start = rest.find('/')?;
    let (path, query) = rest[path_start..]
        .split_once('?')
        .unwrap_or((&rest[path_start..], ""));
    let (mut offset, mut limit) = (0, None);
    let mut other: Vec<&str> = Vec::new();
    for kv in query.split('&').filter(|kv| !kv.is_empty()) {
        match kv.split_once('=') {
            Some(("offset", v)) => offset = v.parse().ok()?,
            Some(("limit", v)) => limit = Some(v.parse().ok()?),
            _ => other.push(kv),
        }
    }
    other.sort_unstable();
    let list = match other.is_empty() {
        true => path.to_string(),
        false => format!("{path}?{}", other.join("&")),
    };
    Some((list, offset, limit))
}

/// The page a parsed file is, `None` for a plain list or a page that is the whole list.
fn page_of(v: &J) -> Option<Page> {
    let m = v.as_object()?;
    let url = |key: &str| {
        m.get(key)
            .and_then(J::as_str)
            .and_then(|u| page_url(u).map(|p| (u.to_string(), p)))
    };
    let next = url("next");
    let previous = url("previous");
    let results = m.get("results").and_then(J::as_array).map_or(0, Vec::len);
    // Its own offset: the next page's minus one page, or the previous page's plus one.
    let (list, offset) = match (&next, &previous) {
        (Some((_, (list, off, limit))), _) => (
            list.clone(),
            off.saturating_sub(limit.unwrap_or(results as u64)),
        ),
        (None, Some((_, (list, off, limit)))) => {
            (list.clone(), off + limit.unwrap_or(results as u64))
        }
        (None, None) => return None,
    };
    Some(Page {
        list,
        offset,
        count: m.get("count").and_then(J::as_u64),
        results,
        next: next.map(|(u, (_, off, _))| (u, off)),
        previous: previous.map(|(u, (_, off, _))| (u, off)),
    })
}

/// Follows the pages among the files: every page's `next` and `previous` must be one of
/// the files, and the pages of a list must hold its `count` objects. Each gap is an error
/// at the page that points past it, naming the page to fetch. An import with such errors
/// is refused as a whole, `--skip-bad-rows` or not: the estate would arrive truncated.
pub fn check_pages(inputs: &[Input]) -> Vec<Problem> {
    let mut pages: Vec<(usize, Page)> = Vec::new();
    for (i, inp) in inputs.iter().enumerate() {
        if let Ok(v) = serde_json::from_str::<J>(&inp.text)
            && let Some(p) = page_of(&v)
        {
            pages.push((i, p));
        }
    }
    let has = |list: &str, offset: u64| {
        pages
            .iter()
            .any(|(_, p)| p.list == list && p.offset == offset)
    };
    let mut problems = Vec::new();
    for (i, p) in &pages {
        let file = &inputs[*i].file;
        for (url, offset, which) in [
            p.next.as_ref().map(|(u, o)| (u, *o, "next")),
            p.previous.as_ref().map(|(u, o)| (u, *o, "previous")),
        ]
        .into_iter()
        .flatten()
        {
            if !has(&p.list, offset) {
                problems.push(Problem::error(
                    file,
                    Some(1),
                    Some(1),
                    format!(
                        "the {which} page is missing: {url} (offset {offset}); fetch it and give \
                         every page of the list to one import (NetBox returns at most \
                         MAX_PAGE_SIZE objects a page, 1,000 by default, even with ?limit=0)"
                    ),
                ));
            }
        }
    }
    // Every page there, but fewer objects than `count`: a page was cut short or changed.
    let mut lists: Vec<&str> = pages.iter().map(|(_, p)| p.list.as_str()).collect();
    lists.sort_unstable();
    lists.dedup();
    for list in lists {
        let mut of_list: Vec<&(usize, Page)> =
            pages.iter().filter(|(_, p)| p.list == list).collect();
        of_list.sort_by_key(|(_, p)| p.offset);
        of_list.dedup_by_key(|(_, p)| p.offset);
        let held: usize = of_list.iter().map(|(_, p)| p.results).sum();
        if let Some((i, p)) = of_list.first()
            && let Some(count) = p.count
            && (held as u64) < count
            && problems.is_empty()
        {
            problems.push(Problem::error(
                &inputs[*i].file,
                Some(1),
                Some(1),
                format!(
                    "the pages of {list} hold {held} of its {count} objects; fetch the list again"
                ),
            ));
        }
    }
    problems
}

/// An object found in an input, with where it starts.
struct Object<'a> {
    file: &'a str,
    line: usize,
    col: usize,
    ty: ObjectType,
    o: &'a Map<String, J>,
}

/// Options of a NetBox import.
#[derive(Clone, Debug, Default)]
pub struct NetboxOptions {
    /// `--role` mappings.
    pub roles: Vec<RoleMap>,
}

/// Parses every input and turns its objects into drafts. A file that is not NetBox JSON is
/// an error for the whole file.
pub fn import(inputs: &[Input], opts: &NetboxOptions, existing: &Existing) -> Import {
    let mut out = Import::default();
    let mut parsed: Vec<(usize, J)> = Vec::new();
    for (i, inp) in inputs.iter().enumerate() {
        match serde_json::from_str::<J>(&inp.text) {
            Ok(v) => parsed.push((i, v)),
            Err(e) => out.problems.push(Problem::error(
                &inp.file,
                Some(e.line()),
                Some(e.column()),
                format!("not valid JSON: {e}"),
            )),
        }
    }
    // The pages of a list in list order, whatever the order of the files.
    parsed.sort_by_cached_key(|(_, v)| page_of(v).map(|p| (p.list, p.offset)));
    let mut objects: Vec<Object> = Vec::new();
    let mut seen_pages: Vec<(String, u64)> = Vec::new();
    for (i, v) in &parsed {
        let inp = &inputs[*i];
        if let Some(p) = page_of(v) {
            if seen_pages.contains(&(p.list.clone(), p.offset)) {
                out.problems.push(Problem::warning(
                    &inp.file,
                    Some(1),
                    Some(1),
                    format!(
                        "the same page of {} (offset {}) as an earlier file; left out",
                        p.list, p.offset
                    ),
                ));
                continue;
            }
            seen_pages.push((p.list, p.offset));
        }
        let items = match v {
            J::Array(a) => Some(a),
            J::Object(m) => m.get("results").and_then(J::as_array),
            _ => None,
        };
        let Some(items) = items else {
            out.problems.push(Problem::error(
                &inp.file,
                Some(1),
                Some(1),
                "expected a list of NetBox objects or a page with `results`".into(),
            ));
            continue;
        };
        let positions = item_positions(&inp.text);
        for (n, item) in items.iter().enumerate() {
            let (line, col) = positions.get(n).copied().unwrap_or((1, 1));
            let Some(o) = item.as_object() else {
                out.problems.push(Problem::error(
                    &inp.file,
                    Some(line),
                    Some(col),
                    format!("item {} is not an object", n + 1),
                ));
                continue;
            };
            match detect(o) {
                Some(ty) => objects.push(Object {
                    file: &inp.file,
                    line,
                    col,
                    ty,
                    o,
                }),
                None => out.problems.push(Problem::error(
                    &inp.file,
                    Some(line),
                    Some(col),
                    "not a NetBox site, rack, device or virtual machine".into(),
                )),
            }
        }
    }
    objects.sort_by_key(|o| o.ty);
    let mut st = State {
        ids: Ids::default(),
        existing,
        sites: HashMap::new(),
        devices: HashMap::new(),
        clusters: HashMap::new(),
        racks: BTreeMap::new(),
    };
    for ob in &objects {
        match ob.ty {
            ObjectType::Site => site(&mut st, &mut out, ob),
            ObjectType::Rack => rack(&mut st, &mut out, ob),
            ObjectType::Device => device(&mut st, &mut out, ob, opts),
            ObjectType::VirtualMachine => vm(&mut st, &mut out, ob),
        }
    }
    for (site_key, (count, first)) in st.racks {
        match st.sites.get(&site_key) {
            Some(&i) => out.drafts[i].set_nested("capacity", "racks", Value::Int(count)),
            None => out.problems.push(Problem::warning(
                first.0,
                Some(first.1),
                Some(first.2),
                format!(
                    "{count} rack{} at site `{site_key}` left out: racks are counted into their site's capacity.racks, so import them together with the sites",
                    crate::diag::plural(count as usize)
                ),
            )),
        }
    }
    out
}

/// Import-wide lookups, by NetBox slug or name.
struct State<'e, 'a> {
    ids: Ids,
    existing: &'e Existing,
    /// Site slug → index of its draft.
    sites: HashMap<String, usize>,
    /// Device name (lowercase) → asset id.
    devices: HashMap<String, String>,
    /// Cluster name (lowercase) → asset id.
    clusters: HashMap<String, String>,
    /// Site slug → (racks, where the first was).
    racks: BTreeMap<String, (u64, (&'a str, usize, usize))>,
}

fn detect(o: &Map<String, J>) -> Option<ObjectType> {
    let url = o.get("url").and_then(J::as_str).unwrap_or_default();
    for (part, ty) in [
        ("/api/dcim/sites/", ObjectType::Site),
        ("/api/dcim/racks/", ObjectType::Rack),
        ("/api/dcim/devices/", ObjectType::Device),
        (
            "/api/virtualization/virtual-machines/",
            ObjectType::VirtualMachine,
        ),
    ] {
        if url.contains(part) {
            return Some(ty);
        }
    }
    let has = |k: &str| o.contains_key(k);
    if has("device_type") {
        Some(ObjectType::Device)
    } else if has("vcpus") || (has("cluster") && has("memory")) {
        Some(ObjectType::VirtualMachine)
    } else if has("u_height") {
        Some(ObjectType::Rack)
    } else if has("slug") && (has("facility") || has("time_zone") || has("physical_address")) {
        Some(ObjectType::Site)
    } else {
        None
    }
}

fn text<'a>(o: &'a Map<String, J>, key: &str) -> Option<&'a str> {
    o.get(key)
        .and_then(J::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A nested object's field: `site.slug`, `role.name`.
fn nested<'a>(o: &'a Map<String, J>, key: &str, field: &str) -> Option<&'a str> {
    o.get(key)
        .and_then(J::as_object)
        .and_then(|n| text(n, field))
}

/// `status` is `{"value": "active", "label": "Active"}` (NetBox 2.x and later) or a string.
fn status(o: &Map<String, J>) -> Option<&str> {
    nested(o, "status", "value").or_else(|| text(o, "status"))
}

fn name_of(o: &Map<String, J>) -> Option<&str> {
    text(o, "name").or_else(|| text(o, "display"))
}

/// The key of a nested site: its slug, else its name, as an id.
fn site_key(o: &Map<String, J>) -> Option<String> {
    nested(o, "site", "slug")
        .or_else(|| nested(o, "site", "name"))
        .map(slug)
}

/// Fields every imported object gets: NetBox id, status, tags, description.
fn common(d: &mut Draft, o: &Map<String, J>) {
    if let Some(id) = o.get("id").and_then(J::as_u64) {
        d.set("x-netbox-id", Value::Int(id));
    }
    if let Some(s) = status(o) {
        d.set("x-netbox-status", Value::Str(s.to_string()));
    }
    let tags: Vec<String> = o
        .get("tags")
        .and_then(J::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|t| {
                    t.as_object()
                        .and_then(|t| text(t, "slug").or_else(|| text(t, "name")))
                        .or_else(|| t.as_str())
                        .map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    if !tags.is_empty() {
        d.set("tags", Value::List(tags));
    }
    if let Some(desc) = text(o, "description") {
        d.set("notes", Value::Str(desc.to_string()));
    }
}

/// A new id for an object named `name`, or an error when the organisation already has it.
fn new_id(st: &mut State, out: &mut Import, ob: &Object, base: &str, what: &str) -> Option<String> {
    if let Some(k) = st.existing.get(base) {
        out.problems.push(Problem::error(
            ob.file,
            Some(ob.line),
            Some(ob.col),
            format!(
                "{what} `{base}` is already in the inventory at {}; {}",
                k.at,
                if what == "site" {
                    "pass --skip-bad-rows to keep that one (imported devices and VMs at this site will refer to it)"
                } else {
                    "replace that file with --force --name FILE, or pass --skip-bad-rows to leave this object out"
                }
            ),
        ));
        return None;
    }
    Some(st.ids.fresh(base, st.existing))
}

fn site(st: &mut State, out: &mut Import, ob: &Object) {
    let o = ob.o;
    let Some(name) = name_of(o) else {
        return missing_name(out, ob, "site");
    };
    let key = slug(text(o, "slug").unwrap_or(name));
    let Some(id) = new_id(st, out, ob, &key, "site") else {
        return;
    };
    let words = [Some(name), text(o, "facility"), text(o, "description")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let has = |ws: &[&str]| ws.iter().any(|w| words.contains(w));
    let kind = if has(&["colocation", "colo ", "samlokalis"]) {
        "colocation"
    } else if has(&["cloud", "azure", "aws", "moln"]) {
        "cloud"
    } else if has(&[
        "datacenter",
        "datacentre",
        "data center",
        "datorhall",
        "datahall",
    ]) {
        "datacenter"
    } else {
        "server-room"
    };
    let mut d = Draft::new(Layer::Sites, &id, name, kind);
    common(&mut d, o);
    if let Some(f) = text(o, "facility") {
        d.set("x-netbox-facility", Value::Str(f.to_string()));
    }
    if let Some(a) = text(o, "physical_address") {
        d.set("x-netbox-address", Value::Str(a.to_string()));
    }
    st.sites.insert(key, out.drafts.len());
    out.drafts.push(d);
}

fn rack<'a>(st: &mut State<'_, 'a>, out: &mut Import, ob: &Object<'a>) {
    let Some(key) = site_key(ob.o) else {
        out.problems.push(Problem::warning(
            ob.file,
            Some(ob.line),
            Some(ob.col),
            "rack without a site left out".into(),
        ));
        return;
    };
    let e = st
        .racks
        .entry(key)
        .or_insert((0, (ob.file, ob.line, ob.col)));
    e.0 += 1;
}

/// The site to write for an object's nested `site`, or a reported omission.
fn site_ref(st: &State, out: &mut Import, ob: &Object) -> Option<String> {
    let key = site_key(ob.o)?;
    if let Some(&i) = st.sites.get(&key) {
        return Some(out.drafts[i].id().to_string());
    }
    let name = nested(ob.o, "site", "name").unwrap_or(&key);
    if let Some(id) = st
        .existing
        .site_named(&key)
        .or_else(|| st.existing.site_named(name))
    {
        return Some(id.to_string());
    }
    out.problems.push(Problem::warning(
        ob.file,
        Some(ob.line),
        Some(ob.col),
        format!(
            "{}: site `{key}` is not in the inventory; the relation is left out (import the sites first)",
            name_of(ob.o).unwrap_or("object")
        ),
    ));
    None
}

/// The layer and kind for a device role, by `--role` or by the words in the role.
fn role_kind(role: &str, opts: &NetboxOptions) -> Option<Option<(Layer, &'static str)>> {
    let key = slug(role);
    if let Some(m) = opts.roles.iter().find(|m| m.role == key) {
        return Some(m.target);
    }
    let joined = key.replace(['-', '_', '.'], "");
    let words: Vec<&str> = key.split(['-', '_', '.']).collect();
    let any = |ws: &[&str]| {
        ws.iter()
            .any(|w| words.contains(w) || (w.len() > 4 && joined.contains(w)))
    };
    let found = if any(&["firewall", "fw", "brandvagg"]) {
        (Layer::Networks, "firewall")
    } else if any(&["vpn"]) {
        (Layer::Networks, "vpn")
    } else if any(&["wireless", "wlan", "wifi", "ap", "accesspoint"]) {
        (Layer::Networks, "wlan")
    } else if any(&["router", "wan", "edge", "mpls"]) {
        (Layer::Networks, "wan")
    } else if any(&["switch", "lan", "core", "distribution"]) {
        (Layer::Networks, "lan")
    } else if any(&["dns", "dhcp"]) {
        (Layer::Networks, "dns-dhcp")
    } else if any(&["storage", "san", "nas", "lagring"]) {
        (Layer::Platforms, "storage")
    } else if any(&["backup"]) {
        (Layer::Platforms, "backup")
    } else if any(&["server", "host", "hypervisor", "compute", "esxi"]) {
        (Layer::Platforms, "server")
    } else {
        return None;
    };
    Some(Some(found))
}

fn device(st: &mut State, out: &mut Import, ob: &Object, opts: &NetboxOptions) {
    let o = ob.o;
    let nb_id = o.get("id").and_then(J::as_u64).unwrap_or(0);
    let fallback = format!("device-{nb_id}");
    let name = name_of(o).unwrap_or(&fallback);
    // NetBox 4 calls it `role`, NetBox 3 `device_role`.
    let role = nested(o, "role", "slug")
        .or_else(|| nested(o, "device_role", "slug"))
        .or_else(|| nested(o, "role", "name"))
        .or_else(|| nested(o, "device_role", "name"))
        .unwrap_or("");
    let (layer, kind) = match role_kind(role, opts) {
        Some(Some(lk)) => lk,
        Some(None) => return,
        None => {
            out.problems.push(Problem::warning(
                ob.file,
                Some(ob.line),
                Some(ob.col),
                format!(
                    "device `{name}` left out: samdrift has no kind for role `{role}` (map it with --role {}=LAYER/KIND, or --role {}=- to silence this)",
                    slug(role),
                    slug(role)
                ),
            ));
            return;
        }
    };
    let Some(id) = new_id(st, out, ob, &slug(name), "device") else {
        return;
    };
    let mut d = Draft::new(layer, &id, name, kind);
    let product = nested(o, "device_type", "slug").map(slug).or_else(|| {
        let t = o.get("device_type")?.as_object()?;
        let maker = t
            .get("manufacturer")
            .and_then(J::as_object)
            .and_then(|m| text(m, "name"))
            .unwrap_or("");
        let model = text(t, "model")?;
        Some(slug(&format!("{maker} {model}")))
    });
    if let Some(p) = product {
        d.set("product", Value::Str(p));
    }
    if let Some(s) = site_ref(st, out, ob) {
        d.set("site", Value::Str(s));
    }
    common(&mut d, o);
    d.set("x-netbox-role", Value::Str(role.to_string()));
    for (key, field) in [
        ("x-netbox-rack", nested(o, "rack", "name")),
        ("x-netbox-platform", nested(o, "platform", "name")),
        ("x-netbox-cluster", nested(o, "cluster", "name")),
        ("x-netbox-serial", text(o, "serial")),
    ] {
        if let Some(v) = field {
            d.set(key, Value::Str(v.to_string()));
        }
    }
    st.devices.insert(name.to_lowercase(), id);
    out.drafts.push(d);
}

fn vm(st: &mut State, out: &mut Import, ob: &Object) {
    let o = ob.o;
    let Some(name) = name_of(o) else {
        return missing_name(out, ob, "virtual machine");
    };
    let Some(id) = new_id(st, out, ob, &slug(name), "virtual machine") else {
        return;
    };
    let mut d = Draft::new(Layer::Platforms, &id, name, "server");
    if let Some(p) = nested(o, "platform", "slug").or_else(|| nested(o, "platform", "name")) {
        d.set("product", Value::Str(slug(p)));
    }
    if let Some(s) = site_ref(st, out, ob) {
        d.set("site", Value::Str(s));
    }
    if let Some(c) = nested(o, "cluster", "name").or_else(|| nested(o, "cluster", "display")) {
        let cid = cluster(st, out, o, c);
        d.depend_on(&cid);
    }
    if let Some(host) = nested(o, "device", "name") {
        match st
            .devices
            .get(&host.to_lowercase())
            .cloned()
            .or_else(|| st.existing.get(&slug(host)).map(|_| slug(host)))
        {
            Some(h) => d.depend_on(&h),
            None => out.problems.push(Problem::warning(
                ob.file,
                Some(ob.line),
                Some(ob.col),
                format!("{name}: host device `{host}` is not in the inventory; the relation is left out (import the devices first)"),
            )),
        }
    }
    if let Some(v) = o.get("vcpus").and_then(J::as_f64) {
        d.set_nested("capacity", "vcpu", Value::Num(v));
    }
    if let Some(mb) = o.get("memory").and_then(J::as_f64) {
        d.set_nested(
            "capacity",
            "ram_gb",
            Value::Num((mb / 1024.0 * 100.0).round() / 100.0),
        );
    }
    common(&mut d, o);
    if let Some(r) = nested(o, "role", "slug").or_else(|| nested(o, "role", "name")) {
        d.set("x-netbox-role", Value::Str(r.to_string()));
    }
    if let Some(disk) = o.get("disk").and_then(J::as_u64) {
        // GB before NetBox 4.1, MB since: kept as written.
        d.set("x-netbox-disk", Value::Int(disk));
    }
    out.drafts.push(d);
}

/// The asset id of a VM's cluster: one the organisation has (by id or name), one made
/// earlier in this import, or a new `virtualization` platform.
fn cluster(st: &mut State, out: &mut Import, vm: &Map<String, J>, name: &str) -> String {
    let key = name.to_lowercase();
    if let Some(id) = st.clusters.get(&key) {
        return id.clone();
    }
    let base = slug(name);
    let known = st.existing.get(&base).map(|_| base.clone()).or_else(|| {
        st.existing
            .assets
            .iter()
            .find(|(_, k)| k.layer == Layer::Platforms && k.name.eq_ignore_ascii_case(name))
            .map(|(id, _)| id.clone())
    });
    let id = match known {
        Some(id) => id,
        None => {
            let id = st.ids.fresh(&base, st.existing);
            let mut d = Draft::new(Layer::Platforms, &id, name, "virtualization");
            if let Some(cid) = vm
                .get("cluster")
                .and_then(J::as_object)
                .and_then(|c| c.get("id"))
                .and_then(J::as_u64)
            {
                d.set("x-netbox-cluster-id", Value::Int(cid));
            }
            d.set(
                "notes",
                Value::Str("Made from the clusters of imported virtual machines".into()),
            );
            out.drafts.push(d);
            id
        }
    };
    st.clusters.insert(key, id.clone());
    id
}

fn missing_name(out: &mut Import, ob: &Object, what: &str) {
    out.problems.push(Problem::error(
        ob.file,
        Some(ob.line),
        Some(ob.col),
        format!("{what} without a name"),
    ));
}

/// The line and column where each item of the object list starts: the top-level array, or
/// the `results` array of a page. Used to locate problems; JSON parsers do not keep positions.
pub fn item_positions(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let start = b.iter().position(|c| !c.is_ascii_whitespace());
    let open = match start.map(|i| b[i]) {
        Some(b'[') => start,
        Some(b'{') => results_array(b),
        _ => None,
    };
    let Some(open) = open else {
        return Vec::new();
    };
    let mut starts = Vec::new();
    let (mut i, mut depth, mut in_str, mut expecting) = (open + 1, 0usize, false, true);
    while i < b.len() {
        let c = b[i];
        if in_str {
            match c {
                b'\\' => i += 1,
                b'"' => in_str = false,
                _ => {}
            }
        } else if !c.is_ascii_whitespace() {
            if depth == 0 && expecting && c != b']' {
                starts.push(i);
                expecting = false;
            }
            match c {
                b'"' => in_str = true,
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth == 0 => break,
                b']' | b'}' => depth -= 1,
                b',' if depth == 0 => expecting = true,
                _ => {}
            }
        }
        i += 1;
    }
    starts.into_iter().map(|off| line_col(text, off)).collect()
}

/// The index of the `[` that opens the `results` value of the top-level object.
fn results_array(b: &[u8]) -> Option<usize> {
    let (mut i, mut depth) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'"' => {
                let s = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let key = &b[s..i.min(b.len())];
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if depth == 1 && key == b"results" && b.get(j) == Some(&b':') {
                    j += 1;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    return (b.get(j) == Some(&b'[')).then_some(j);
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

fn line_col(text: &str, off: usize) -> (usize, usize) {
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_items() {
        let t = "[\n  {\"a\": \"[x]\"},\n  {\"b\": [1, 2]}\n]";
        assert_eq!(item_positions(t), vec![(2, 3), (3, 3)]);
        let t =
            "{\"count\": 2, \"next\": null,\n \"results\": [{\"x\": {\"results\": []}},\n  {}]}";
        assert_eq!(item_positions(t), vec![(2, 14), (3, 3)]);
        assert!(item_positions("[]").is_empty());
        assert!(item_positions("nonsense").is_empty());
    }

    #[test]
    fn pages_are_placed_by_their_links() {
        let page = |next: Option<&str>, prev: Option<&str>, n: usize| {
            let v = serde_json::json!({"count": 7, "next": next, "previous": prev,
                "results": vec![serde_json::json!({}); n]});
            page_of(&v)
        };
        let base = "https://nb.example/api/dcim/devices/";
        let p1 = page(Some(&format!("{base}?limit=3&offset=3")), None, 3).unwrap();
        assert_eq!((p1.list.as_str(), p1.offset), ("/api/dcim/devices/", 0));
        let p2 = page(
            Some(&format!("{base}?offset=6&limit=3")),
            Some(&format!("{base}?limit=3")),
            3,
        )
        .unwrap();
        assert_eq!(p2.offset, 3);
        let p3 = page(None, Some(&format!("{base}?limit=3&offset=3")), 1).unwrap();
        assert_eq!(p3.offset, 6);
        assert_eq!(page(None, None, 7), None, "a whole list");
        // Filters are part of the list; the order of the query does not matter.
        assert_eq!(
            page_url("https://nb/api/dcim/devices/?site=a&limit=5&role=x&offset=10"),
            Some(("/api/dcim/devices/?role=x&site=a".into(), 10, Some(5)))
        );
        let input = |file: &str, v: serde_json::Value| Input {
            file: file.into(),
            text: v.to_string(),
        };
        let one = |next: Option<String>, prev: Option<String>, n: usize| {
            serde_json::json!({"count": 7, "next": next, "previous": prev,
                "results": vec![serde_json::json!({}); n]})
        };
        let p1 = input("p1", one(Some(format!("{base}?limit=3&offset=3")), None, 3));
        let p2 = input(
            "p2",
            one(
                Some(format!("{base}?limit=3&offset=6")),
                Some(format!("{base}?limit=3")),
                3,
            ),
        );
        let p3 = input("p3", one(None, Some(format!("{base}?limit=3&offset=3")), 1));
        assert!(check_pages(&[p3, p1, p2]).is_empty());
        let p1 = input("p1", one(Some(format!("{base}?limit=3&offset=3")), None, 3));
        let p3 = input("p3", one(None, Some(format!("{base}?limit=3&offset=3")), 1));
        let missing = check_pages(&[p1, p3]);
        assert_eq!(missing.len(), 2, "{missing:?}");
        assert!(missing[0].message.contains("next page is missing"));
        assert!(missing[0].message.contains("offset=3"));
    }

    #[test]
    fn roles() {
        let o = NetboxOptions::default();
        let k = |r| role_kind(r, &o).flatten().map(|(_, k)| k);
        assert_eq!(k("core-switch"), Some("lan"));
        assert_eq!(k("net-wireless-accesspoint"), Some("wlan"));
        assert_eq!(k("Firewall"), Some("firewall"));
        assert_eq!(k("router"), Some("wan"));
        assert_eq!(k("server"), Some("server"));
        assert_eq!(k("san-storage"), Some("storage"));
        assert_eq!(k("pdu"), None);
        let o = NetboxOptions {
            roles: vec![parse_role("pdu=-").unwrap()],
        };
        assert_eq!(role_kind("PDU", &o), Some(None));
    }

    #[test]
    fn role_options() {
        let m = parse_role("Core Switch=networks/lan").unwrap();
        assert_eq!(m.role, "core-switch");
        assert_eq!(m.target, Some((Layer::Networks, "lan")));
        assert_eq!(parse_role("pdu=-").unwrap().target, None);
        assert!(parse_role("x=networks/server").is_err());
        assert!(parse_role("x").is_err());
    }
}
