//! Importers: spreadsheets (CSV, xlsx), NetBox and GLPI exports into a new inventory file.
//!
//! Every importer turns its input into [`Draft`] assets plus [`Problem`]s (rejected rows,
//! omitted relations), without touching the disk. [`write()`] then renders the drafts as one
//! YAML file in docs/format.md's shape ([`yaml`]), writes it atomically under `inventory/<org>/`,
//! and loads the project again to prove that the new file brings no error; if it does, the
//! file is taken back. Importers never overwrite a file unless asked to and never touch
//! other files.
//!
//! Relations (`site`, `depends_on`) are only written to assets that exist: in the same
//! import or already in the organisation ([`Existing`]). Anything else is reported as an
//! omission, so an import never leaves a dangling ref.

pub mod glpi;
pub mod netbox;
pub mod sheet;
pub mod values;
pub mod write;
pub mod yaml;

use crate::diag::Level;
use crate::model::{Date, Layer};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

pub use write::{WriteOptions, Written, atomic_write, write};

/// A value of an imported field, typed the way docs/format.md wants it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Int(u64),
    Num(f64),
    Bool(bool),
    Date(Date),
    List(Vec<String>),
    Map(Vec<(String, Value)>),
}

/// One asset about to be written: its layer and its fields in the order they are written.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub layer: Layer,
    pub fields: Vec<(String, Value)>,
}

impl Draft {
    pub fn new(layer: Layer, id: &str, name: &str, kind: &str) -> Draft {
        Draft {
            layer,
            fields: vec![
                ("id".into(), Value::Str(id.into())),
                ("name".into(), Value::Str(name.into())),
                ("kind".into(), Value::Str(kind.into())),
            ],
        }
    }

    pub fn id(&self) -> &str {
        match self.get("id") {
            Some(Value::Str(s)) => s,
            _ => "",
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets a top-level field, replacing an earlier value of the same key.
    pub fn set(&mut self, key: &str, value: Value) {
        set_in(&mut self.fields, key, value);
    }

    /// Sets `key` inside the mapping `parent` (`contract`, `capacity`), creating it.
    pub fn set_nested(&mut self, parent: &str, key: &str, value: Value) {
        if !matches!(self.get(parent), Some(Value::Map(_))) {
            self.set(parent, Value::Map(Vec::new()));
        }
        if let Some((_, Value::Map(m))) = self.fields.iter_mut().find(|(k, _)| k == parent) {
            set_in(m, key, value);
        }
    }

    /// Adds a ref to `depends_on` unless it is there already.
    pub fn depend_on(&mut self, target: &str) {
        if let Some((_, Value::List(l))) = self.fields.iter_mut().find(|(k, _)| k == "depends_on") {
            if !l.iter().any(|x| x == target) {
                l.push(target.to_string());
            }
            return;
        }
        self.set("depends_on", Value::List(vec![target.to_string()]));
    }
}

fn set_in(fields: &mut Vec<(String, Value)>, key: &str, value: Value) {
    match fields.iter_mut().find(|(k, _)| k == key) {
        Some(slot) => slot.1 = value,
        None => fields.push((key.to_string(), value)),
    }
}

/// A finding of an import, located in the input: `FILE:ROW:COL` for a spreadsheet (row 1
/// is the header), `FILE:LINE:COL` of the object for JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub level: Level,
    pub file: String,
    pub row: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn error(file: &str, row: Option<usize>, col: Option<usize>, msg: String) -> Problem {
        Problem {
            level: Level::Error,
            file: file.to_string(),
            row,
            col,
            message: msg,
        }
    }

    pub fn warning(file: &str, row: Option<usize>, col: Option<usize>, msg: String) -> Problem {
        Problem {
            level: Level::Warning,
            ..Problem::error(file, row, col, msg)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(r) = self.row {
            write!(f, ":{r}")?;
            if let Some(c) = self.col {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}: {}", self.level.as_str(), self.message)
    }
}

/// What an importer produced: the assets to write and every finding. Rows with an error
/// are not among the drafts.
#[derive(Debug, Default)]
pub struct Import {
    pub drafts: Vec<Draft>,
    pub problems: Vec<Problem>,
}

impl Import {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.level == Level::Error)
            .count()
    }
}

/// An asset already in the organisation, outside the file being written.
#[derive(Clone, Debug)]
pub struct Known {
    pub layer: Layer,
    pub name: String,
    /// `file:line` where it is defined.
    pub at: String,
}

/// The organisation's assets as they are before the import, so that importers can point
/// relations at them and avoid reusing their ids.
#[derive(Clone, Debug, Default)]
pub struct Existing {
    pub assets: BTreeMap<String, Known>,
    /// `org/id` of every asset of the other organisations.
    pub others: HashSet<String>,
    /// The errors the project had before the import (as printed), so that [`write()`] can
    /// tell the ones the new file brings, wherever they are reported.
    pub errors: HashSet<String>,
}

impl Existing {
    /// Loads the project at `root` and keeps `org`'s assets, except those of `exclude`
    /// (the file the import replaces, relative to the root).
    pub fn load(root: &Path, org: &str, exclude: &str) -> Existing {
        let mut out = Existing::default();
        if !root.join("inventory").is_dir() {
            return out;
        }
        let loaded = crate::load::load(root);
        out.errors = loaded
            .diagnostics
            .iter()
            .filter(|d| d.level == crate::diag::Level::Error && d.file != exclude)
            .map(|d| d.to_string())
            .collect();
        let p = &loaded.project;
        for (i, a) in p.assets.iter().enumerate() {
            if p.org(a.org).id != org {
                out.others
                    .insert(p.asset_ref(crate::model::AssetIdx(i as u32)));
            }
        }
        if let Some(o) = p.org_by_id(org) {
            for a in p.org_assets(o) {
                let file = p.file(a.loc.file);
                if file == exclude {
                    continue;
                }
                out.assets.insert(
                    a.id.clone(),
                    Known {
                        layer: a.layer,
                        name: a.name.clone(),
                        at: format!("{file}:{}", a.loc.pos.line),
                    },
                );
            }
        }
        out
    }

    pub fn get(&self, id: &str) -> Option<&Known> {
        self.assets.get(id)
    }

    /// The id of a site whose id or name (case-insensitively) is `key`.
    pub fn site_named(&self, key: &str) -> Option<&str> {
        let key = key.trim();
        self.assets
            .iter()
            .filter(|(_, k)| k.layer == Layer::Sites)
            .find(|(id, k)| id.as_str() == key || k.name.eq_ignore_ascii_case(key))
            .map(|(id, _)| id.as_str())
    }
}

/// Hands out ids derived from names, unique within one import and unused by the
/// organisation's other files.
#[derive(Default)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// Marks an id as used; `false` if it already was.
    pub fn claim(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_string())
    }

    pub fn is_taken(&self, id: &str) -> bool {
        self.taken.contains(id)
    }

    /// `base`, or `base-2`, `base-3`, … whichever is free (and not in `existing`).
    pub fn fresh(&mut self, base: &str, existing: &Existing) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while self.taken.contains(&id) || existing.get(&id).is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

/// A valid id made from free text: lowercase, `å`/`ä` → `a`, `ö` → `o`, other characters → `-`,
/// runs of `-` collapsed.
pub fn slug(s: &str) -> String {
    if !s.chars().any(char::is_alphanumeric) {
        return "asset".to_string();
    }
    let raw = crate::load::read::suggest_id(s.trim());
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c == '-' && out.ends_with('-') {
            continue;
        }
        // "Dell Inc. R650" → `dell-inc-r650`, not `dell-inc.-r650`.
        if c == '-' && out.ends_with('.') {
            out.pop();
        }
        out.push(c);
    }
    let out = out.trim_end_matches(['-', '.', '_']).to_string();
    if out.is_empty() {
        "asset".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("Gnosjö  Kommun!"), "gnosjo-kommun");
        assert_eq!(slug("  VMware vSphere 7.0 "), "vmware-vsphere-7.0");
        assert_eq!(slug("***"), "asset");
        assert_eq!(slug("Dell Inc. PowerEdge"), "dell-inc-poweredge");
        for s in ["Å", "-x-", "Server (primär)", "ÄÖÅ 1 234"] {
            assert!(crate::model::is_valid_id(&slug(s)), "{s}");
        }
    }

    #[test]
    fn problems_print_file_row_col() {
        let p = Problem::error("a.csv", Some(4), Some(3), "bad".into());
        assert_eq!(p.to_string(), "a.csv:4:3: error: bad");
        let p = Problem::warning("a.json", Some(7), None, "left out".into());
        assert_eq!(p.to_string(), "a.json:7: warning: left out");
    }

    #[test]
    fn fresh_ids_skip_taken_and_existing() {
        let mut existing = Existing::default();
        existing.assets.insert(
            "sw-2".into(),
            Known {
                layer: Layer::Networks,
                name: "x".into(),
                at: "f:1".into(),
            },
        );
        let mut ids = Ids::default();
        assert_eq!(ids.fresh("sw", &existing), "sw");
        assert_eq!(ids.fresh("sw", &existing), "sw-3");
    }
}
