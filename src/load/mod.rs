//! Loading a project root: finding the files (docs/format.md §1), reading them in parallel, and
//! putting the pieces together into a [`Project`].
//!
//! Loading never stops at the first problem: it returns the project it could build together
//! with every diagnostic. Cross-file checks (refs, cycles) are `validate`'s job.

pub mod inventory;
pub mod read;
pub mod session;
pub mod target;

use crate::diag::{self, Diagnostic};
use crate::model::{Asset, FileId, Org, OrgIdx, Project, SourceFile};
use rayon::prelude::*;
use read::Reader;
use std::fs;
use std::path::{Path, PathBuf};

/// Largest file read, so that one runaway file cannot take the machine's memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The outcome of loading: the project as far as it could be built, and every finding.
#[derive(Debug, Default)]
pub struct Loaded {
    pub project: Project,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.level == diag::Level::Error)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FileRole {
    Inventory,
    Target,
}

struct Found {
    rel: String,
    abs: PathBuf,
    role: FileRole,
    /// For inventory files: the org folder name.
    owner: String,
}

fn rel_path(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn hidden(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_')
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Finds the inventory and target files under `root`, in sorted order, together with the
/// files of `overlay` that are not on disk (an editor's new, unsaved file).
fn discover(
    root: &Path,
    overlay: &Overlay,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Found>, Vec<String>) {
    let mut found = Vec::new();
    let mut orgs = Vec::new();
    let inv = root.join("inventory");
    match fs::symlink_metadata(&inv) {
        Ok(m) if m.is_dir() => {}
        _ => {
            diags.push(
                Diagnostic::error("no-inventory", "inventory", None, "no `inventory/` folder in the project root")
                    .with_hint(Some("run samdrift in the folder that holds `inventory/` and `targets/`, or pass --root DIR".into())),
            );
        }
    }
    let walker = walkdir::WalkDir::new(&inv)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !hidden(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| "inventory".into());
                if e.depth() > 0 || fs::symlink_metadata(&inv).is_ok() {
                    diags.push(Diagnostic::error(
                        "unreadable",
                        &path,
                        None,
                        format!("cannot read: {}", io_reason(&e)),
                    ));
                }
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = rel_path(root, entry.path());
        let name = entry.file_name().to_string_lossy().to_string();
        let ft = entry.file_type();
        if ft.is_symlink() {
            diags.push(
                Diagnostic::warning("symlink", &rel, None, "symbolic link not followed")
                    .with_arg("path", diag::Arg::Text(rel.clone())),
            );
            continue;
        }
        if entry.depth() == 1 {
            if ft.is_dir() {
                if crate::model::is_valid_id(&name) {
                    orgs.push(name);
                } else {
                    diags.push(
                        Diagnostic::error(
                            "invalid-org-id",
                            &rel,
                            None,
                            format!("organisation folder `{name}` is not a valid id"),
                        )
                        .with_hint(Some(format!(
                            "rename it to e.g. `{}`",
                            read::suggest_id(&name)
                        ))),
                    );
                }
            } else if ft.is_file() && is_yaml(&name) {
                diags.push(
                    Diagnostic::error(
                        "no-org",
                        &rel,
                        None,
                        "inventory files belong in a folder per organisation",
                    )
                    .with_hint(Some("move it to `inventory/<org>/`".into())),
                );
            } else if !ft.is_file() {
                diags.push(Diagnostic::error(
                    "not-a-file",
                    &rel,
                    None,
                    "not a regular file or folder",
                ));
            }
            continue;
        }
        let owner = rel.split('/').nth(1).unwrap_or_default().to_string();
        if !crate::model::is_valid_id(&owner) {
            continue;
        }
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            diags.push(Diagnostic::error(
                "not-a-file",
                &rel,
                None,
                "not a regular file or folder",
            ));
            continue;
        }
        if is_yaml(&name) {
            found.push(Found {
                rel,
                abs: entry.path().to_path_buf(),
                role: FileRole::Inventory,
                owner,
            });
        }
    }
    let tdir = root.join("targets");
    if let Ok(rd) = fs::read_dir(&tdir) {
        let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().to_string();
            if hidden(&name) || !is_yaml(&name) {
                continue;
            }
            let rel = rel_path(root, &e.path());
            match e.file_type() {
                Ok(ft) if ft.is_symlink() => {
                    diags.push(
                        Diagnostic::warning("symlink", &rel, None, "symbolic link not followed")
                            .with_arg("path", diag::Arg::Text(rel.clone())),
                    );
                }
                Ok(ft) if ft.is_file() => found.push(Found {
                    rel,
                    abs: e.path(),
                    role: FileRole::Target,
                    owner: String::new(),
                }),
                Ok(ft) if ft.is_dir() => {}
                _ => diags.push(Diagnostic::error(
                    "not-a-file",
                    &rel,
                    None,
                    "not a regular file or folder",
                )),
            }
        }
    }
    add_overlay_only(root, overlay, &mut found, &mut orgs);
    (found, orgs)
}

/// Where a `/`-separated path relative to the root belongs, by FORMAT.md §1: an inventory
/// file of an org (with the org id), a target file, or neither.
fn classify(rel: &str) -> Option<(FileRole, String)> {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts.last()?;
    if parts.iter().any(|p| p.is_empty() || hidden(p)) || !is_yaml(name) {
        return None;
    }
    match parts.as_slice() {
        ["targets", _] => Some((FileRole::Target, String::new())),
        ["inventory", org, _, ..] if crate::model::is_valid_id(org) => {
            Some((FileRole::Inventory, org.to_string()))
        }
        _ => None,
    }
}

/// Adds the overlay's files that discovery did not find on disk, in the order a walk of the
/// folders would have found them.
fn add_overlay_only(
    root: &Path,
    overlay: &Overlay,
    found: &mut Vec<Found>,
    orgs: &mut Vec<String>,
) {
    let mut added = false;
    for rel in overlay.keys() {
        if found.iter().any(|f| &f.rel == rel) {
            continue;
        }
        let Some((role, owner)) = classify(rel) else {
            continue;
        };
        if role == FileRole::Inventory && !orgs.contains(&owner) {
            orgs.push(owner.clone());
        }
        found.push(Found {
            rel: rel.clone(),
            abs: root.join(rel),
            role,
            owner,
        });
        added = true;
    }
    if added {
        // Inventory before targets, then folder by folder as `walkdir` sorts them.
        found.sort_by(|a, b| {
            (a.role == FileRole::Target)
                .cmp(&(b.role == FileRole::Target))
                .then_with(|| a.rel.split('/').cmp(b.rel.split('/')))
        });
    }
}

fn io_reason(e: &dyn std::fmt::Display) -> String {
    let s = e.to_string();
    // "Permission denied (os error 13)" reads better without the code.
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s.to_lowercase(),
    }
}

/// What one file contributed.
#[derive(Clone)]
enum Parsed {
    Inventory(inventory::InventoryDoc),
    Target(Option<Box<crate::model::Target>>),
    Failed,
}

/// Reads a file's text, locating invalid UTF-8 and refusing overlarge files.
fn read_text(f: &Found) -> Result<String, Diagnostic> {
    let meta = fs::metadata(&f.abs).map_err(|e| {
        Diagnostic::error(
            "unreadable",
            &f.rel,
            None,
            format!("cannot read: {}", io_reason(&e)),
        )
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            &f.rel,
            None,
            format!(
                "file is {} MiB; samdrift reads files up to {} MiB",
                meta.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    let bytes = fs::read(&f.abs).map_err(|e| {
        Diagnostic::error(
            "unreadable",
            &f.rel,
            None,
            format!("cannot read: {}", io_reason(&e)),
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let off = e.utf8_error().valid_up_to();
        let pos = crate::yaml::locate_byte(e.as_bytes(), off);
        Diagnostic::error(
            "invalid-utf8",
            &f.rel,
            Some(pos),
            "the file is not valid UTF-8",
        )
        .with_hint(Some("save the file as UTF-8".into()))
    })
}

/// Reads and parses one file: its text is the overlay's when the overlay has it, else the
/// file's on disk.
fn parse_file(id: FileId, f: &Found, overlay: &Overlay) -> (Parsed, Vec<Diagnostic>) {
    let owned;
    let text: &str = match overlay.get(&f.rel) {
        Some(t) if t.len() as u64 > MAX_FILE_BYTES => {
            let d = Diagnostic::error(
                "file-too-large",
                &f.rel,
                None,
                format!(
                    "file is {} MiB; samdrift reads files up to {} MiB",
                    t.len() >> 20,
                    MAX_FILE_BYTES >> 20
                ),
            );
            return (Parsed::Failed, vec![d]);
        }
        Some(t) => t,
        None => match read_text(f) {
            Ok(t) => {
                owned = t;
                &owned
            }
            Err(d) => return (Parsed::Failed, vec![d]),
        },
    };
    let (tree, soft) = match crate::yaml::parse_all(text) {
        Ok(t) => t,
        Err(e) => {
            return (
                Parsed::Failed,
                vec![Diagnostic::error(e.code, &f.rel, Some(e.pos), e.message)],
            );
        }
    };
    let mut r = Reader::new(id, &f.rel);
    r.diags.extend(
        soft.into_iter()
            .map(|e| Diagnostic::error(e.code, &f.rel, Some(e.pos), e.message)),
    );
    let parsed = match f.role {
        FileRole::Inventory => Parsed::Inventory(inventory::read(&mut r, tree.as_ref())),
        FileRole::Target => {
            let stem = f.rel.rsplit('/').next().unwrap_or_default();
            let stem = stem.trim_end_matches(".yaml").trim_end_matches(".yml");
            if !crate::model::is_valid_id(stem) {
                r.diags.push(
                    Diagnostic::error(
                        "invalid-target-id",
                        &f.rel,
                        None,
                        format!("target file name `{stem}` is not a valid id"),
                    )
                    .with_hint(Some(format!(
                        "rename it to e.g. `{}.yaml`",
                        read::suggest_id(stem)
                    ))),
                );
                Parsed::Failed
            } else {
                Parsed::Target(target::read(&mut r, stem, tree.as_ref()).map(Box::new))
            }
        }
    };
    (parsed, r.diags)
}

/// Sorts one org's assets by id (then by where they were written) and drops repeated ids:
/// the first written (by file order, then line) stays, and each repeat is an error.
fn sort_and_dedup(
    org: OrgIdx,
    name: &str,
    assets: Vec<Asset>,
    found: &[Found],
) -> (Vec<Asset>, Vec<Diagnostic>) {
    // Sort indices rather than the assets themselves, which are several hundred bytes each;
    // the index breaks ties, so the order is that of a stable sort.
    let mut order: Vec<u32> = (0..assets.len() as u32).collect();
    order.sort_unstable_by(|&x, &y| {
        let (a, b) = (&assets[x as usize], &assets[y as usize]);
        a.id.cmp(&b.id).then(a.loc.cmp(&b.loc)).then(x.cmp(&y))
    });
    let mut slots: Vec<Option<Asset>> = assets.into_iter().map(Some).collect();
    let mut kept: Vec<Asset> = Vec::with_capacity(slots.len());
    let mut diags = Vec::new();
    for i in order {
        let Some(mut a) = slots[i as usize].take() else {
            continue;
        };
        if let Some(prev) = kept.last()
            && prev.id == a.id
        {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    &found[a.id_loc.file.0 as usize].rel,
                    Some(a.id_loc.pos),
                    format!("id `{}` is used twice in organisation `{name}`", a.id),
                )
                .with_hint(Some(format!(
                    "first defined at {}:{}:{}",
                    found[prev.id_loc.file.0 as usize].rel,
                    prev.id_loc.pos.line,
                    prev.id_loc.pos.col
                ))),
            );
            continue;
        }
        a.org = org;
        kept.push(a);
    }
    (kept, diags)
}

/// What one organisation's files contributed: its metadata, its assets sorted by id without
/// repeats, the diagnostics of each of its files (by index in the found files), and the
/// repeated-id errors.
struct OrgLoaded {
    meta: Option<crate::model::OrgMeta>,
    assets: Vec<Asset>,
    file_diags: Vec<(usize, Vec<Diagnostic>)>,
    dup_diags: Vec<Diagnostic>,
    /// One of its files could not be read ([`Org::unread`]).
    unread: bool,
}

/// Reads one organisation's files (in parallel) and puts its assets in order.
fn load_org(
    oi: usize,
    name: &str,
    files: &[usize],
    found: &[Found],
    overlay: &Overlay,
) -> OrgLoaded {
    let parsed: Vec<(Parsed, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|&i| parse_file(FileId(i as u32), &found[i], overlay))
        .collect();
    merge_org(oi, name, files, parsed, found)
}

/// Puts together what an organisation's files contributed (`parsed`, in the order of
/// `files`): one `organisation`, the assets in order without repeats.
fn merge_org(
    oi: usize,
    name: &str,
    files: &[usize],
    parsed: Vec<(Parsed, Vec<Diagnostic>)>,
    found: &[Found],
) -> OrgLoaded {
    let mut meta: Option<crate::model::OrgMeta> = None;
    let mut file_diags = Vec::with_capacity(files.len());
    let count = parsed
        .iter()
        .map(|(p, _)| match p {
            Parsed::Inventory(doc) => doc.assets.len(),
            _ => 0,
        })
        .sum();
    let mut assets: Vec<Asset> = Vec::with_capacity(count);
    let unread = parsed.iter().any(|(p, _)| matches!(p, Parsed::Failed));
    for (&i, (p, mut diags)) in files.iter().zip(parsed) {
        let f = &found[i];
        if let Parsed::Inventory(doc) = p {
            if let Some(m) = doc.meta {
                if let Some(first) = &meta {
                    diags.push(
                        Diagnostic::error(
                            "duplicate-organisation",
                            &f.rel,
                            Some(m.loc.pos),
                            format!("`organisation` of `{}` is given twice", f.owner),
                        )
                        .with_hint(Some(format!(
                            "it is already given in {}:{}",
                            found[first.loc.file.0 as usize].rel, first.loc.pos.line
                        ))),
                    );
                } else {
                    meta = Some(m);
                }
            }
            assets.extend(doc.assets);
        }
        file_diags.push((i, diags));
    }
    let (assets, dup_diags) = sort_and_dedup(OrgIdx(oi as u32), name, assets, found);
    OrgLoaded {
        meta,
        assets,
        file_diags,
        dup_diags,
        unread,
    }
}

/// The files of a project, sorted into organisations and targets.
struct Layout {
    found: Vec<Found>,
    /// Sorted, without repeats.
    org_names: Vec<String>,
    /// The files of each org (indices in `found`), in `found` order.
    org_files: Vec<Vec<usize>>,
    target_files: Vec<usize>,
    /// What finding the files reported (bad folder names, symbolic links).
    diagnostics: Vec<Diagnostic>,
}

fn layout(root: &Path, overlay: &Overlay) -> Layout {
    let mut diagnostics = Vec::new();
    let (found, mut org_names) = discover(root, overlay, &mut diagnostics);
    org_names.sort();
    org_names.dedup();
    let mut org_files: Vec<Vec<usize>> = vec![Vec::new(); org_names.len()];
    let mut target_files: Vec<usize> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        match f.role {
            FileRole::Target => target_files.push(i),
            // An inventory file outside every org folder is not read.
            FileRole::Inventory => {
                if let Ok(oi) = org_names.binary_search(&f.owner) {
                    org_files[oi].push(i);
                }
            }
        }
    }
    Layout {
        found,
        org_names,
        org_files,
        target_files,
        diagnostics,
    }
}

/// Builds the project (not yet validated) from what the organisations and target files
/// contributed. Returns it with the diagnostics of each file (by index in `found`) and the
/// repeated-id errors of each organisation.
#[allow(clippy::type_complexity)]
fn assemble(
    found: &[Found],
    org_names: Vec<String>,
    orgs: Vec<OrgLoaded>,
    targets: impl Iterator<Item = (usize, Option<Box<crate::model::Target>>, Vec<Diagnostic>)>,
) -> (Project, Vec<Vec<Diagnostic>>, Vec<Vec<Diagnostic>>) {
    let mut project = Project {
        files: found
            .iter()
            .map(|f| SourceFile {
                path: f.rel.clone(),
            })
            .collect(),
        ..Project::default()
    };
    let mut per_file: Vec<Vec<Diagnostic>> = vec![Vec::new(); found.len()];
    for (i, target, diags) in targets {
        per_file[i] = diags;
        if let Some(t) = target {
            project.targets.push(*t);
        }
    }
    project
        .assets
        .reserve_exact(orgs.iter().map(|o| o.assets.len()).sum());
    let mut dup_diags = Vec::with_capacity(orgs.len());
    for (name, org) in org_names.into_iter().zip(orgs) {
        for (i, diags) in org.file_diags {
            per_file[i] = diags;
        }
        dup_diags.push(org.dup_diags);
        let start = project.assets.len() as u32;
        project.assets.extend(org.assets);
        let end = project.assets.len() as u32;
        project.orgs.push(Org {
            dir: format!("inventory/{name}"),
            id: name,
            meta: org.meta,
            assets: start..end,
            unread: org.unread,
        });
    }
    project.targets.sort_by(|a, b| a.id.cmp(&b.id));
    (project, per_file, dup_diags)
}

/// Texts that stand in for files: an editor's unsaved buffers, by `/`-separated path
/// relative to the root. A path here that is not on disk is loaded as if it were.
pub type Overlay = std::collections::HashMap<String, String>;

/// Loads the project at `root`: every file, every finding. Cross-file validation included.
///
/// Organisations are loaded in parallel, and so are the files of each; the result, and the
/// order of the diagnostics, are those of reading every file one after the other.
pub fn load(root: &Path) -> Loaded {
    load_with(root, &Overlay::new())
}

/// [`load`], with the texts of `overlay` read instead of the files on disk.
pub fn load_with(root: &Path, overlay: &Overlay) -> Loaded {
    let Layout {
        found,
        org_names,
        org_files,
        target_files,
        mut diagnostics,
    } = layout(root, overlay);
    let (orgs, targets) = rayon::join(
        || {
            org_files
                .par_iter()
                .enumerate()
                .map(|(oi, files)| load_org(oi, &org_names[oi], files, &found, overlay))
                .collect::<Vec<_>>()
        },
        || {
            target_files
                .par_iter()
                .map(|&i| (i, parse_file(FileId(i as u32), &found[i], overlay)))
                .collect::<Vec<_>>()
        },
    );

    let targets = targets
        .into_iter()
        .map(|(i, (parsed, diags))| match parsed {
            Parsed::Target(t) => (i, t, diags),
            _ => (i, None, diags),
        });
    let (mut project, per_file, dup_diags) = assemble(&found, org_names, orgs, targets);
    diagnostics.extend(per_file.into_iter().flatten());
    diagnostics.extend(dup_diags.into_iter().flatten());
    crate::validate::validate(&mut project, &mut diagnostics);
    diag::sort(&mut diagnostics);
    Loaded {
        project,
        diagnostics,
    }
}

/// Loads a project from in-memory files (`/`-separated paths relative to a root, and their
/// bytes), as `diff` does for a git revision. The files are written to a fresh temporary
/// folder and loaded from there, so they go through exactly the same code as a checkout.
pub fn load_files(files: &[(String, Vec<u8>)]) -> std::io::Result<Loaded> {
    let dir = tempfile::tempdir()?;
    fs::create_dir_all(dir.path().join("inventory"))?;
    for (path, bytes) in files {
        if path
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == "..")
        {
            continue;
        }
        let p = dir.path().join(path);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&p, bytes)?;
    }
    Ok(load(dir.path()))
}
