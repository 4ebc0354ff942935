//! Writing the report folder safely.
//!
//! The site is written into a fresh temporary folder beside `--out` and moved into place
//! only when every file is written, so a failed run leaves the previous report as it was.
//! samdrift deletes or replaces nothing but `--out` itself, and only when `--out` is
//! missing, empty, or a previous samdrift report (it holds the [`MARKER`] file). It refuses
//! an `--out` that is, contains or lies inside the project root's inventory or targets, or
//! that contains the project root.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as a samdrift report, safe to replace.
pub const MARKER: &str = ".samdrift-report";

/// Why a report folder cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("--out {0}: {1}")]
    Refused(String, String),
    #[error("{0}: {1}")]
    Io(String, io::Error),
}

fn io_err(path: &Path, e: io::Error) -> OutputError {
    OutputError::Io(path.display().to_string(), e)
}

/// An absolute, symlink-free form of `p` that need not exist yet: the longest existing
/// ancestor is canonicalized and the rest appended.
fn resolve(p: &Path) -> Result<PathBuf, OutputError> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map_err(|e| io_err(p, e))?.join(p)
    };
    let mut existing = abs.as_path();
    let mut rest: Vec<Component> = Vec::new();
    loop {
        if let Ok(c) = fs::canonicalize(existing) {
            let mut out = c;
            for part in rest.iter().rev() {
                match part {
                    Component::Normal(s) => out.push(s),
                    Component::CurDir => {}
                    Component::ParentDir => {
                        out.pop();
                    }
                    _ => {}
                }
            }
            return Ok(out);
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return Ok(abs),
        }
    }
}

/// A report being written: files go into a temporary folder until [`Staging::commit`].
pub struct Staging {
    tmp: tempfile::TempDir,
    out: PathBuf,
    shown: String,
}

impl Staging {
    /// Checks that `out` may be written for the project at `root` and creates the
    /// temporary folder beside it.
    pub fn new(out: &Path, root: &Path) -> Result<Staging, OutputError> {
        let shown = out.display().to_string();
        let refuse = |why: &str| Err(OutputError::Refused(shown.clone(), why.to_string()));
        if out.as_os_str().is_empty() {
            return refuse("is empty");
        }
        if let Ok(m) = fs::symlink_metadata(out) {
            if m.file_type().is_symlink() {
                return refuse("is a symbolic link; give the folder itself");
            }
            if !m.is_dir() {
                return refuse("exists and is not a folder");
            }
        }
        let target = resolve(out)?;
        let root = resolve(root)?;
        let inventory = root.join("inventory");
        let targets = root.join("targets");
        for (p, what) in [
            (&root, "the project root"),
            (&inventory, "the inventory folder"),
            (&targets, "the targets folder"),
        ] {
            if target == *p {
                return refuse(&format!("is {what}"));
            }
            if p.starts_with(&target) {
                return refuse(&format!("contains {what}"));
            }
        }
        for (p, what) in [
            (&inventory, "the inventory folder"),
            (&targets, "the targets folder"),
        ] {
            if target.starts_with(p) {
                return refuse(&format!("is inside {what}"));
            }
        }
        if target.is_dir() {
            let mut entries = fs::read_dir(&target).map_err(|e| io_err(&target, e))?;
            let empty = entries.next().is_none();
            if !empty && !target.join(MARKER).is_file() {
                return refuse(
                    "exists, is not empty and is not a samdrift report; choose another folder or empty it",
                );
            }
        }
        let Some(parent) = target.parent() else {
            return refuse("has no parent folder");
        };
        fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        let tmp = tempfile::Builder::new()
            .prefix(".samdrift-report-tmp-")
            .tempdir_in(parent)
            .map_err(|e| io_err(parent, e))?;
        Ok(Staging {
            tmp,
            out: target,
            shown,
        })
    }

    /// The folder files are written into.
    pub fn dir(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes one file at `rel` (`/`-separated, inside the report).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.tmp.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| io_err(&path, e))
    }

    /// A new file at `rel` in the report, to write into.
    pub fn create(&self, rel: &str) -> Result<fs::File, OutputError> {
        let path = self.tmp.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        }
        fs::File::create(&path).map_err(|e| io_err(&path, e))
    }

    /// Marks the report and moves it into place, replacing the previous report.
    pub fn commit(self) -> Result<PathBuf, OutputError> {
        let marker = format!(
            "{{\"generator\": \"samdrift\", \"version\": \"{}\"}}\n",
            env!("CARGO_PKG_VERSION")
        );
        self.write(MARKER, marker.as_bytes())?;
        let out = self.out.clone();
        let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
        // Move the previous report aside first, so it can be put back if the swap fails.
        let old = if out.exists() {
            let aside = tempfile::Builder::new()
                .prefix(".samdrift-report-old-")
                .tempdir_in(&parent)
                .map_err(|e| io_err(&parent, e))?
                .keep();
            fs::rename(&out, &aside).map_err(|e| {
                let _ = fs::remove_dir(&aside);
                io_err(&out, e)
            })?;
            Some(aside)
        } else {
            None
        };
        let tmp = self.tmp.keep();
        if let Err(e) = fs::rename(&tmp, &out) {
            if let Some(old) = &old {
                let _ = fs::rename(old, &out);
            }
            let _ = fs::remove_dir_all(&tmp);
            return Err(io_err(Path::new(&self.shown), e));
        }
        if let Some(old) = old {
            // The previous report, checked above to be one: only it is removed.
            let _ = fs::remove_dir_all(old);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir_all(d.path().join("inventory/a")).unwrap();
        fs::create_dir_all(d.path().join("targets")).unwrap();
        d
    }

    fn refused(out: &Path, root: &Path) -> String {
        match Staging::new(out, root) {
            Err(OutputError::Refused(_, why)) => why,
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => panic!("{} was accepted", out.display()),
        }
    }

    #[test]
    fn refuses_project_folders() {
        let d = project();
        let r = d.path();
        assert_eq!(refused(r, r), "is the project root");
        assert_eq!(refused(&r.join("inventory"), r), "is the inventory folder");
        assert_eq!(refused(&r.join("targets"), r), "is the targets folder");
        assert_eq!(
            refused(&r.join("targets/../inventory/a"), r),
            "is inside the inventory folder"
        );
        assert_eq!(refused(r.parent().unwrap(), r), "contains the project root");
        fs::create_dir_all(r.join("docs")).unwrap();
        fs::write(r.join("docs/readme.txt"), "mine").unwrap();
        assert!(refused(&r.join("docs"), r).contains("not a samdrift report"));
        fs::write(r.join("file"), "x").unwrap();
        assert_eq!(refused(&r.join("file"), r), "exists and is not a folder");
    }

    #[test]
    fn replaces_a_previous_report_and_keeps_it_on_failure() {
        let d = project();
        let r = d.path();
        let out = r.join("out/report");
        let s = Staging::new(&out, r).unwrap();
        s.write("index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        // A run that fails before commit leaves the previous report intact.
        let s = Staging::new(&out, r).unwrap();
        s.write("index.html", b"half").unwrap();
        drop(s);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        let s = Staging::new(&out, r).unwrap();
        s.write("index.html", b"two").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        // Nothing is left beside the report.
        let beside: Vec<_> = fs::read_dir(r.join("out")).unwrap().collect();
        assert_eq!(beside.len(), 1);
    }
}
