//! A project kept loaded for an editor (`samdrift lsp`): each file's parse is kept, so that
//! after an edit only the changed file is read again and the rest is reused.
//!
//! What a session holds after any sequence of changes is what [`super::load_with`] gives for
//! the same files and overlay: the same reading of each file, the same merging of an
//! organisation's files, the same checks of the whole project (`validate`). After an edit of
//! inventory files the checks run again only where the changed organisations' assets can
//! matter ([`Checks::update`]); after an edit of a target, those that concern the targets
//! ([`Checks::retarget`]). Only a change to the set of files (a file created or deleted, a
//! new organisation) loads everything again.
//!
//! Each change is counted, so that what is computed from the project later (the gap
//! analysis of an editor's chosen target) can ask which organisations changed since
//! ([`Session::changed_since`]) and redo only their part.

use super::{FileRole, Layout, Overlay, Parsed, assemble, classify, layout, merge_org, parse_file};
use crate::diag::{self, Diagnostic};
use crate::graph::Graph;
use crate::model::{FileId, OrgIdx, Project};
use crate::validate::Checks;
use rayon::prelude::*;
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A point in a session's history of changes, for [`Session::changed_since`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    session: u64,
    change: u64,
}

/// Tells sessions apart: a stamp of one means nothing to another.
static SESSIONS: AtomicU64 = AtomicU64::new(0);

/// What [`Session::reread`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reread {
    /// The path is not a file of the project: nothing changed.
    Unchanged,
    /// The file was read again; the rest was kept.
    File,
    /// The set of files changed, so everything was loaded again.
    Reloaded,
}

pub struct Session {
    root: PathBuf,
    layout: Layout,
    /// Each file's own reading, by index in `layout.found`.
    parsed: Vec<(Parsed, Vec<Diagnostic>)>,
    /// Each file's diagnostics once its organisation is merged (a second `organisation`).
    file_diags: Vec<Vec<Diagnostic>>,
    /// Each organisation's repeated-id errors.
    dup_diags: Vec<Vec<Diagnostic>>,
    /// Findings of the whole-project checks.
    checks: Checks,
    project: Project,
    /// This session, among those of the process.
    id: u64,
    /// Changes so far.
    change: u64,
    /// The last change that touched everything (a load, a target).
    all_changed: u64,
    /// The last change of each organisation's assets.
    org_changed: Vec<u64>,
    diagnostics: Vec<Diagnostic>,
    /// Paths that name project files by their place but are not loaded (symbolic links):
    /// changes to them do not load everything again.
    ignored: HashSet<String>,
}

impl Session {
    /// Loads the project at `root`, with the overlay's texts instead of the files on disk.
    pub fn open(root: &Path, overlay: &Overlay) -> Session {
        let layout = layout(root, overlay);
        let parsed: Vec<(Parsed, Vec<Diagnostic>)> = layout
            .found
            .par_iter()
            .enumerate()
            .map(|(i, f)| parse_file(FileId(i as u32), f, overlay))
            .collect();
        let mut s = Session {
            root: root.to_path_buf(),
            file_diags: vec![Vec::new(); layout.found.len()],
            dup_diags: Vec::new(),
            layout,
            parsed,
            checks: Checks::new(&mut Project::default()),
            project: Project::default(),
            id: SESSIONS.fetch_add(1, Ordering::Relaxed),
            change: 0,
            all_changed: 0,
            org_changed: Vec::new(),
            diagnostics: Vec::new(),
            ignored: HashSet::new(),
        };
        s.assemble_all();
        s
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The project as loaded and validated.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Every finding, sorted as `validate` prints them.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The dependency graph of the project.
    pub fn graph(&self) -> &Graph {
        self.checks.graph()
    }

    /// Where the session is in its history of changes.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            session: self.id,
            change: self.change,
        }
    }

    /// The organisations whose assets changed since `stamp` (sorted), or `None` when more
    /// changed than assets: the targets, the files, or `stamp` is not this session's.
    /// Organisations are the same as at `stamp` when this is `Some`.
    pub fn changed_since(&self, stamp: Stamp) -> Option<Vec<OrgIdx>> {
        if stamp.session != self.id || stamp.change < self.all_changed || stamp.change > self.change
        {
            return None;
        }
        Some(
            (0..self.org_changed.len())
                .filter(|&o| self.org_changed[o] > stamp.change)
                .map(|o| OrgIdx(o as u32))
                .collect(),
        )
    }

    /// Loads everything again (after files were created or deleted).
    pub fn reload(&mut self, overlay: &Overlay) {
        let (id, change) = (self.id, self.change + 1);
        *self = Session::open(&self.root, overlay);
        self.id = id;
        self.change = change;
        self.all_changed = change;
        self.org_changed = vec![change; self.project.orgs.len()];
    }

    /// Reads the files at `rels` (`/`-separated, relative to the root) again, from the
    /// overlay where it has them, else from disk, and checks the project again once.
    pub fn reread<S: AsRef<str>>(&mut self, rels: &[S], overlay: &Overlay) -> Reread {
        let mut indices = Vec::new();
        for rel in rels {
            let rel = rel.as_ref();
            match self.layout.found.iter().position(|f| f.rel == rel) {
                Some(i) => {
                    let gone = !overlay.contains_key(rel)
                        && std::fs::symlink_metadata(&self.layout.found[i].abs).is_err();
                    if gone {
                        self.reload(overlay);
                        return Reread::Reloaded;
                    }
                    indices.push(i);
                }
                None if self.ignored.contains(rel) || classify(rel).is_none() => {}
                None => {
                    self.reload(overlay);
                    for rel in rels {
                        let rel = rel.as_ref();
                        if classify(rel).is_some()
                            && !self.layout.found.iter().any(|f| f.rel == rel)
                        {
                            self.ignored.insert(rel.to_string());
                        }
                    }
                    return Reread::Reloaded;
                }
            }
        }
        if indices.is_empty() {
            return Reread::Unchanged;
        }
        let found = &self.layout.found;
        let fresh: Vec<_> = indices
            .par_iter()
            .map(|&i| parse_file(FileId(i as u32), &found[i], overlay))
            .collect();
        let mut orgs = Vec::new();
        let mut targets = false;
        for (&i, p) in indices.iter().zip(fresh) {
            self.parsed[i] = p;
            let f = &self.layout.found[i];
            match f.role {
                FileRole::Inventory => {
                    if let Ok(oi) = self.layout.org_names.binary_search(&f.owner) {
                        orgs.push(oi);
                    }
                }
                FileRole::Target => {
                    self.file_diags[i] = self.parsed[i].1.clone();
                    targets = true;
                }
            }
        }
        orgs.sort_unstable();
        orgs.dedup();
        self.change += 1;
        // Where the changed organisations' assets were when last checked.
        let changed: Vec<(OrgIdx, Range<u32>)> = orgs
            .iter()
            .map(|&oi| (OrgIdx(oi as u32), self.project.orgs[oi].assets.clone()))
            .collect();
        for oi in orgs {
            self.remerge_org(oi);
            self.org_changed[oi] = self.change;
        }
        if !changed.is_empty() {
            self.checks.update(&mut self.project, &changed);
        }
        if targets {
            self.all_changed = self.change;
            self.project.targets = self
                .layout
                .target_files
                .iter()
                .filter_map(|&t| match &self.parsed[t].0 {
                    Parsed::Target(Some(t)) => Some(t.as_ref().clone()),
                    _ => None,
                })
                .collect();
            self.project.targets.sort_by(|a, b| a.id.cmp(&b.id));
            self.checks.retarget(&mut self.project);
        }
        self.gather();
        Reread::File
    }

    /// Merges one organisation's files again and puts its assets in place of the old ones.
    fn remerge_org(&mut self, oi: usize) {
        let files = &self.layout.org_files[oi];
        let parsed = files.iter().map(|&j| self.parsed[j].clone()).collect();
        let org = merge_org(
            oi,
            &self.layout.org_names[oi],
            files,
            parsed,
            &self.layout.found,
        );
        for (j, d) in org.file_diags {
            self.file_diags[j] = d;
        }
        self.dup_diags[oi] = org.dup_diags;
        let range = self.project.orgs[oi].assets.clone();
        let (old, new) = (range.len() as i64, org.assets.len() as i64);
        self.project
            .assets
            .splice(range.start as usize..range.end as usize, org.assets);
        let o = &mut self.project.orgs[oi];
        o.meta = org.meta;
        o.unread = org.unread;
        o.assets.end = (o.assets.end as i64 + new - old) as u32;
        for o in &mut self.project.orgs[oi + 1..] {
            o.assets.start = (o.assets.start as i64 + new - old) as u32;
            o.assets.end = (o.assets.end as i64 + new - old) as u32;
        }
    }

    /// Builds the project from every file's reading.
    fn assemble_all(&mut self) {
        let l = &self.layout;
        let orgs: Vec<_> = l
            .org_files
            .par_iter()
            .enumerate()
            .map(|(oi, files)| {
                let parsed = files.iter().map(|&j| self.parsed[j].clone()).collect();
                merge_org(oi, &l.org_names[oi], files, parsed, &l.found)
            })
            .collect();
        let targets = l.target_files.iter().map(|&i| match &self.parsed[i] {
            (Parsed::Target(t), d) => (i, t.clone(), d.clone()),
            (_, d) => (i, None, d.clone()),
        });
        let (project, file_diags, dup_diags) =
            assemble(&l.found, l.org_names.clone(), orgs, targets);
        self.project = project;
        self.file_diags = file_diags;
        self.dup_diags = dup_diags;
        self.org_changed = vec![0; self.project.orgs.len()];
        self.checks = Checks::new(&mut self.project);
        self.gather();
    }

    /// Gathers every finding: the files', the organisations' and the checks'.
    fn gather(&mut self) {
        let mut all: Vec<Diagnostic> = self.layout.diagnostics.clone();
        all.extend(self.file_diags.iter().flatten().cloned());
        all.extend(self.dup_diags.iter().flatten().cloned());
        all.extend(self.checks.diagnostics().cloned());
        diag::sort(&mut all);
        self.diagnostics = all;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// The session's findings and assets are those of a fresh load of the same texts.
    fn same_as_fresh(s: &Session, overlay: &Overlay) {
        let fresh = super::super::load_with(s.root(), overlay);
        assert_eq!(s.diagnostics(), fresh.diagnostics.as_slice());
        let ids = |p: &Project| {
            p.assets
                .iter()
                .map(|a| {
                    let deps: Vec<_> = a.refs().map(|r| r.resolved).collect();
                    (format!("{}/{}", p.org(a.org).id, a.id), deps, a.loc)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(s.project()), ids(&fresh.project));
        let ranges = |p: &Project| p.orgs.iter().map(|o| o.assets.clone()).collect::<Vec<_>>();
        assert_eq!(ranges(s.project()), ranges(&fresh.project));
        let targets = |p: &Project| p.targets.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        assert_eq!(targets(s.project()), targets(&fresh.project));
    }

    #[test]
    fn an_edit_gives_what_a_fresh_load_gives() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "inventory/a/sites.yaml",
            "organisation: {name: A}\nsites:\n  - {id: dc, name: DC, kind: datacenter}\n",
        );
        write(
            root,
            "inventory/a/platforms.yaml",
            "platforms:\n  - {id: ad, name: AD, kind: directory, site: dc}\n  - {id: dns, name: DNS, kind: server, depends_on: [ad]}\n",
        );
        write(
            root,
            "inventory/b/all.yaml",
            "services:\n  - {id: app, name: App, kind: application, depends_on: [a/ad, a/dns]}\n",
        );
        write(
            root,
            "targets/t.yaml",
            "target: {name: T, horizon: 2027-12-31}\ncomponents:\n  - {id: c, name: C, layer: platforms, kind: directory}\n",
        );
        let mut overlay = Overlay::new();
        let mut s = Session::open(root, &overlay);
        same_as_fresh(&s, &overlay);
        assert!(s.diagnostics().is_empty(), "{:?}", s.diagnostics());

        // Removing `ad` leaves refs in both orgs dangling; the asset count of `a` shrinks.
        overlay.insert(
            "inventory/a/platforms.yaml".into(),
            "platforms:\n  - {id: dns, name: DNS, kind: server, depends_on: [ad, dns]}\n  - {id: dns, name: again, kind: server}\n".into(),
        );
        assert_eq!(
            s.reread(&["inventory/a/platforms.yaml"], &overlay),
            Reread::File
        );
        same_as_fresh(&s, &overlay);
        let codes: Vec<_> = s.diagnostics().iter().map(|d| d.code).collect();
        assert!(codes.contains(&"dangling-ref"), "{codes:?}");
        assert!(codes.contains(&"duplicate-id"), "{codes:?}");
        assert!(codes.contains(&"dependency-cycle"), "{codes:?}");

        // A syntax error, then the fix.
        // While the file cannot be read, refs into `a` from `a` and `b` are not reported:
        // the syntax error is the one thing to fix.
        overlay.insert("inventory/a/platforms.yaml".into(), "platforms: [\n".into());
        s.reread(&["inventory/a/platforms.yaml"], &overlay);
        same_as_fresh(&s, &overlay);
        let codes: Vec<_> = s.diagnostics().iter().map(|d| d.code).collect();
        assert_eq!(codes, ["yaml-syntax"], "{:?}", s.diagnostics());
        overlay.remove("inventory/a/platforms.yaml");
        s.reread(&["inventory/a/platforms.yaml"], &overlay);
        same_as_fresh(&s, &overlay);
        assert!(s.diagnostics().is_empty(), "{:?}", s.diagnostics());

        // A target edit, and a second `organisation`.
        overlay.insert(
            "targets/t.yaml".into(),
            "target: {name: T, horizon: 2027-12-31}\nrules:\n  - {id: r, expect: {moved_to: nothing}, action: migrate}\n".into(),
        );
        s.reread(&["targets/t.yaml"], &overlay);
        same_as_fresh(&s, &overlay);
        overlay.insert(
            "inventory/a/platforms.yaml".into(),
            "organisation: {name: A again}\n".into(),
        );
        s.reread(&["inventory/a/platforms.yaml"], &overlay);
        same_as_fresh(&s, &overlay);
    }

    #[test]
    fn new_and_deleted_files_load_everything_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "inventory/a/x.yaml",
            "sites:\n  - {id: dc, name: DC, kind: datacenter}\n",
        );
        let mut overlay = Overlay::new();
        let mut s = Session::open(root, &overlay);
        // An unsaved new file of a new organisation.
        overlay.insert(
            "inventory/c/new.yaml".into(),
            "services:\n  - {id: app, name: App, kind: application, site: a/dc, depends_on: [gone]}\n".into(),
        );
        assert_eq!(
            s.reread(&["inventory/c/new.yaml"], &overlay),
            Reread::Reloaded
        );
        same_as_fresh(&s, &overlay);
        assert!(s.project().find_asset("c", "app").is_some());
        assert_eq!(s.diagnostics().len(), 1);
        // Closed without saving: gone again.
        overlay.clear();
        assert_eq!(
            s.reread(&["inventory/c/new.yaml"], &overlay),
            Reread::Reloaded
        );
        assert!(s.diagnostics().is_empty());
        // Deleted from disk.
        fs::remove_file(root.join("inventory/a/x.yaml")).unwrap();
        assert_eq!(
            s.reread(&["inventory/a/x.yaml"], &overlay),
            Reread::Reloaded
        );
        same_as_fresh(&s, &overlay);
        // Not a project file.
        assert_eq!(s.reread(&["README.md"], &overlay), Reread::Unchanged);
        assert_eq!(
            s.reread(&["inventory/_drafts/x.yaml"], &overlay),
            Reread::Unchanged
        );
    }
}
