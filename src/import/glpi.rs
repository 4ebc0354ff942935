//! `samdrift import glpi`: the CSV that GLPI's search lists export (Computers, Network
//! devices, or the global list with an "Item type" column): `;`-separated by default,
//! every field quoted, the first row the column titles in the user's language.
//!
//! - A computer becomes a client by its type (`Laptop`, `Desktop`, `Thin client`, …) or, when
//!   its type says server, a `server` platform. Clients of the same kind, model and site (or
//!   location, when it names no site) are one asset with a `quantity` (800 laptops are one
//!   line), unless `--no-group`.
//! - A network device becomes a network asset by its type (switch → `lan`, router → `wan`,
//!   firewall, access point → `wlan`).
//! - Printers and phones become clients; other item types are reported and left out.
//! - The location becomes `site` when the organisation has a site of that id or name (the
//!   whole location or one of its ` > ` parts, the most specific first); otherwise it is kept
//!   as `x-glpi-location`.
//! - Rows whose status says the item is gone (retired, disposed, scrapped; in English,
//!   Swedish or French) are left out and not counted into a fleet's quantity, with one
//!   warning that counts them by status.

use super::sheet::{Cell, Table, norm};
use super::{Draft, Existing, Ids, Import, Problem, Value, slug};
use crate::model::Layer;
use std::collections::BTreeMap;

/// The GLPI columns samdrift reads; the others are kept as `x-glpi-…` on ungrouped assets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Name,
    ItemType,
    Type,
    Manufacturer,
    Model,
    Location,
    Serial,
    Status,
    Os,
}

const COLUMNS: &[(Col, &[&str])] = &[
    (Col::Name, &["name", "namn", "nom"]),
    (
        Col::ItemType,
        &[
            "item type",
            "itemtype",
            "objekttyp",
            "typ av objekt",
            "type d élément",
        ],
    ),
    (Col::Type, &["type", "typ", "computer type", "datortyp"]),
    (
        Col::Manufacturer,
        &["manufacturer", "tillverkare", "fabricant"],
    ),
    (
        Col::Model,
        &[
            "model",
            "modell",
            "modèle",
            "computer model",
            "network equipment model",
        ],
    ),
    (Col::Location, &["location", "plats", "lieu", "placering"]),
    (
        Col::Serial,
        &["serial number", "serienummer", "numéro de série"],
    ),
    (Col::Status, &["status", "statut"]),
    (
        Col::Os,
        &[
            "operating system name",
            "operating system",
            "operativsystem namn",
            "operativsystem",
            "système d exploitation nom",
        ],
    ),
];

/// What a row is, from its item type (or the `--itemtype` of the whole file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemType {
    Computer,
    NetworkEquipment,
    Printer,
    Phone,
}

impl ItemType {
    pub fn parse(text: &str) -> Option<ItemType> {
        let n = norm(text);
        let has = |ws: &[&str]| ws.iter().any(|w| n.contains(w));
        if has(&["computer", "dator", "ordinateur"]) {
            Some(ItemType::Computer)
        } else if has(&["network", "nätverk", "réseau", "networking"]) {
            Some(ItemType::NetworkEquipment)
        } else if has(&["printer", "skrivare", "imprimante"]) {
            Some(ItemType::Printer)
        } else if has(&["phone", "telefon", "téléphone"]) {
            Some(ItemType::Phone)
        } else {
            None
        }
    }
}

/// Options of a GLPI import.
#[derive(Clone, Copy, Debug)]
pub struct GlpiOptions {
    /// The item type of rows without an "Item type" column; guessed from the columns if unset.
    pub itemtype: Option<ItemType>,
    /// Group clients of the same kind, model and site into one asset with a quantity.
    pub group: bool,
}

/// The layer and kind for a row, from its item type and GLPI type.
fn kind_of(it: ItemType, ty: &str) -> (Layer, &'static str) {
    let n = norm(ty);
    let has = |ws: &[&str]| ws.iter().any(|w| n.contains(w));
    match it {
        ItemType::Computer if has(&["server", "serveur"]) => (Layer::Platforms, "server"),
        ItemType::Computer if has(&["laptop", "notebook", "portable", "bärbar"]) => {
            (Layer::Clients, "laptop")
        }
        ItemType::Computer if has(&["thin", "tunn"]) => (Layer::Clients, "thin-client"),
        ItemType::Computer if has(&["chromebook"]) => (Layer::Clients, "chromebook"),
        ItemType::Computer if has(&["tablet", "surfplatta", "tablette"]) => {
            (Layer::Clients, "tablet")
        }
        ItemType::Computer => (Layer::Clients, "desktop"),
        ItemType::NetworkEquipment if has(&["firewall", "brandvägg", "pare feu"]) => {
            (Layer::Networks, "firewall")
        }
        ItemType::NetworkEquipment if has(&["router", "routeur"]) => (Layer::Networks, "wan"),
        ItemType::NetworkEquipment
            if has(&[
                "access point",
                "accesspunkt",
                "wifi",
                "wireless",
                "trådlös",
                "borne",
            ]) =>
        {
            (Layer::Networks, "wlan")
        }
        ItemType::NetworkEquipment => (Layer::Networks, "lan"),
        ItemType::Printer => (Layer::Clients, "printer"),
        ItemType::Phone => (Layer::Clients, "phone"),
    }
}

/// Whether a GLPI status says the item has left the estate. GLPI's statuses are the
/// administrator's own dropdown values; these are the usual names for that in the three
/// languages samdrift reads ("In stock" or "Broken" items are still the organisation's).
fn retired(status: &str) -> bool {
    let n = norm(status);
    [
        "retired",
        "disposed",
        "scrapped",
        "decommissioned",
        "avvecklad",
        "avvecklat",
        "kasserad",
        "kasserat",
        "skrotad",
        "skrotat",
        "utrangerad",
        "utrangerat",
        "pensionerad",
        "retiré",
        "réformé",
        "rebut",
        "mis au rebut",
    ]
    .iter()
    .any(|w| n.split(' ').any(|part| part == *w) || n == *w)
}

/// A group of identical clients being counted.
struct Group {
    draft: usize,
    count: u64,
}

/// Turns a GLPI CSV table into drafts.
pub fn import(file: &str, t: &Table, opts: &GlpiOptions, existing: &Existing) -> Import {
    let mut out = Import::default();
    let cols: Vec<Option<Col>> = t
        .headers
        .iter()
        .map(|h| {
            let n = norm(h);
            COLUMNS
                .iter()
                .find(|(_, names)| names.iter().any(|x| norm(x) == n))
                .map(|(c, _)| *c)
        })
        .collect();
    let find = |c: Col| cols.iter().position(|x| *x == Some(c));
    let Some(name_col) = find(Col::Name) else {
        out.problems.push(Problem::error(
            file,
            Some(t.header_row),
            None,
            format!(
                "no `Name` column: is this a GLPI export? The columns are: {}",
                t.headers.join(", ")
            ),
        ));
        return out;
    };
    let file_type = opts.itemtype.unwrap_or_else(|| {
        // Network device lists have a firmware column; computer lists an operating system.
        if t.headers.iter().any(|h| norm(h).contains("firmware")) {
            ItemType::NetworkEquipment
        } else {
            ItemType::Computer
        }
    });
    let mut ids = Ids::default();
    let mut groups: BTreeMap<(&'static str, String, String), Group> = BTreeMap::new();
    let mut gone: BTreeMap<String, usize> = BTreeMap::new();
    for (row, cells) in &t.rows {
        let row = *row;
        let get = |c: Col| {
            find(c)
                .and_then(|i| cells.get(i))
                .map(Cell::text)
                .unwrap_or_default()
        };
        if cells.iter().all(|c| c.text().is_empty()) {
            continue;
        }
        let status = get(Col::Status);
        if retired(&status) {
            *gone.entry(status).or_default() += 1;
            continue;
        }
        let it = match find(Col::ItemType).map(|i| (i, get(Col::ItemType))) {
            Some((i, s)) if !s.is_empty() => match ItemType::parse(&s) {
                Some(it) => it,
                None => {
                    out.problems.push(Problem::warning(
                        file,
                        Some(row),
                        Some(t.first_col + i),
                        format!("item type `{s}` left out: samdrift imports computers, network devices, printers and phones"),
                    ));
                    continue;
                }
            },
            _ => file_type,
        };
        let (layer, kind) = kind_of(it, &get(Col::Type));
        let maker = get(Col::Manufacturer);
        let model = get(Col::Model);
        // GLPI models often repeat the maker ("HP" + "HP ProBook 450 G8").
        let model_name =
            if maker.is_empty() || model.to_lowercase().starts_with(&maker.to_lowercase()) {
                model.clone()
            } else {
                format!("{maker} {model}").trim().to_string()
            };
        let product = (!model_name.is_empty()).then(|| slug(&model_name));
        let location = get(Col::Location);
        let site = site_for(&location, existing);
        if opts.group && layer == Layer::Clients {
            // Clients at one site are one fleet, whichever room of it they are in.
            let place = site.clone().unwrap_or_else(|| location.clone());
            let key = (kind, product.clone().unwrap_or_default(), place);
            if let Some(g) = groups.get_mut(&key) {
                g.count += 1;
                continue;
            }
            let label = if model_name.is_empty() {
                kind.to_string()
            } else {
                model_name.clone()
            };
            let base = slug(&format!("{kind} {label}"));
            let id = ids.fresh(&base, existing);
            let mut d = Draft::new(layer, &id, &format!("{label} ({kind})"), kind);
            if let Some(p) = &product {
                d.set("product", Value::Str(p.clone()));
            }
            set_site(&mut d, site, &location);
            groups.insert(
                key,
                Group {
                    draft: out.drafts.len(),
                    count: 1,
                },
            );
            out.drafts.push(d);
            continue;
        }
        let name = get(Col::Name);
        if name.is_empty() {
            out.problems.push(Problem::error(
                file,
                Some(row),
                Some(t.first_col + name_col),
                format!("column `{}`: the name is empty", t.headers[name_col]),
            ));
            continue;
        }
        let base = slug(&name);
        if let Some(k) = existing.get(&base) {
            out.problems.push(Problem::error(
                file,
                Some(row),
                Some(t.first_col + name_col),
                format!(
                    "`{name}` is already in the inventory at {} (id `{base}`)",
                    k.at
                ),
            ));
            continue;
        }
        let id = ids.fresh(&base, existing);
        let mut d = Draft::new(layer, &id, &name, kind);
        if let Some(p) = &product {
            d.set("product", Value::Str(p.clone()));
        }
        set_site(&mut d, site, &location);
        for (key, c) in [
            ("x-glpi-serial", Col::Serial),
            ("x-glpi-status", Col::Status),
            ("x-glpi-os", Col::Os),
            ("x-glpi-type", Col::Type),
        ] {
            let v = get(c);
            if !v.is_empty() {
                d.set(key, Value::Str(v));
            }
        }
        for (i, h) in t.headers.iter().enumerate() {
            let v = cells.get(i).map(Cell::text).unwrap_or_default();
            if cols[i].is_none() && !v.is_empty() && !h.trim().is_empty() {
                d.set(&format!("x-glpi-{}", slug(h)), Value::Str(v));
            }
        }
        out.drafts.push(d);
    }
    for g in groups.values() {
        if g.count != 1 {
            out.drafts[g.draft].set("quantity", Value::Int(g.count));
        }
    }
    if !gone.is_empty() {
        let n: usize = gone.values().sum();
        let by: Vec<String> = gone.iter().map(|(s, k)| format!("`{s}`: {k}")).collect();
        out.problems.push(Problem::warning(
            file,
            None,
            None,
            format!(
                "{n} row{} left out as no longer in use, by status: {}",
                crate::diag::plural(n),
                by.join(", ")
            ),
        ));
    }
    out
}

/// The site a GLPI location names, trying the whole location, then each ` > ` part from
/// the most specific (`Stadshuset > Serverrum`: `Serverrum`, then `Stadshuset`).
fn site_for(location: &str, existing: &Existing) -> Option<String> {
    if location.is_empty() {
        return None;
    }
    std::iter::once(location)
        .chain(location.rsplit('>').map(str::trim))
        .find_map(|part| {
            existing
                .site_named(part)
                .or_else(|| existing.site_named(&slug(part)))
        })
        .map(str::to_string)
}

fn set_site(d: &mut Draft, site: Option<String>, location: &str) {
    match site {
        Some(s) => d.set("site", Value::Str(s)),
        None if !location.is_empty() => d.set("x-glpi-location", Value::Str(location.into())),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(
            kind_of(ItemType::Computer, "Laptop"),
            (Layer::Clients, "laptop")
        );
        assert_eq!(
            kind_of(ItemType::Computer, "Bärbar dator"),
            (Layer::Clients, "laptop")
        );
        assert_eq!(
            kind_of(ItemType::Computer, "Server"),
            (Layer::Platforms, "server")
        );
        assert_eq!(kind_of(ItemType::Computer, ""), (Layer::Clients, "desktop"));
        assert_eq!(
            kind_of(ItemType::NetworkEquipment, "Switch"),
            (Layer::Networks, "lan")
        );
        assert_eq!(
            kind_of(ItemType::NetworkEquipment, "Access point"),
            (Layer::Networks, "wlan")
        );
        assert_eq!(
            ItemType::parse("Network device"),
            Some(ItemType::NetworkEquipment)
        );
        assert_eq!(ItemType::parse("Dator"), Some(ItemType::Computer));
        assert_eq!(ItemType::parse("Monitor"), None);
    }

    #[test]
    fn statuses_of_items_that_are_gone() {
        for s in [
            "Retired",
            "Kasserad",
            "Avvecklad",
            "Retiré",
            "Mis au rebut",
            "Disposed",
        ] {
            assert!(retired(s), "{s}");
        }
        for s in ["In use", "I lager", "In stock", "Broken", "En service", ""] {
            assert!(!retired(s), "{s}");
        }
        assert!(!retired("Retirement planned 2026"));
    }
}
