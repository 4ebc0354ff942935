//! Writing an import: the file name, the atomic write, and the check that the new file loads
//! without errors.

use super::Draft;
use crate::diag::{Diagnostic, Level};
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Where and how an import is written.
#[derive(Clone, Debug)]
pub struct WriteOptions<'a> {
    pub root: &'a Path,
    pub org: &'a str,
    /// File name inside `inventory/<org>/`, ending `.yaml` or `.yml`.
    pub file_name: &'a str,
    /// Replace an existing file of that name.
    pub force: bool,
    /// The comment at the top of the file (without `# `).
    pub comment: &'a str,
}

impl WriteOptions<'_> {
    /// The file, relative to the root with `/` separators, as the loader names it.
    pub fn rel_path(&self) -> String {
        format!("inventory/{}/{}", self.org, self.file_name)
    }
}

/// What [`write()`] did.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub assets: usize,
    /// Warnings the loader found in the new file (errors make [`write()`] fail).
    pub warnings: Vec<Diagnostic>,
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file. Without `overwrite`, an existing file is an error
/// (`AlreadyExists`) and is left as it was.
pub fn atomic_write(path: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // The temporary name starts with `.`, so a loader running meanwhile skips it.
    let mut tmp = tempfile::Builder::new()
        .prefix(".samdrift-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    let result = if overwrite {
        tmp.persist(path).map(|_| ())
    } else {
        tmp.persist_noclobber(path).map(|_| ())
    };
    result.map_err(|e| e.error)
}

/// A file name for an import of `source`: its stem as an id, with `.yaml`.
pub fn default_file_name(source: &Path) -> String {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    format!("{}.yaml", super::slug(&stem))
}

/// Checks a file name given with `--name`: a plain name the loader will read.
pub fn check_file_name(name: &str) -> Result<String, String> {
    let name = if name.ends_with(".yaml") || name.ends_with(".yml") {
        name.to_string()
    } else {
        format!("{name}.yaml")
    };
    if name.contains(['/', '\\']) || name.starts_with(['.', '_']) {
        return Err(format!(
            "--name {name}: give a plain file name that does not start with `.` or `_` (it is written to inventory/<org>/)"
        ));
    }
    Ok(name)
}

/// Renders the drafts, writes them to `inventory/<org>/<file_name>` and loads the project
/// again. When the project then has an error it did not have before (`existing.errors`),
/// in the new file or elsewhere, the file is taken back (the previous one restored under
/// `force`) and the new errors are returned.
pub fn write(
    opts: &WriteOptions,
    drafts: &[Draft],
    existing: &super::Existing,
) -> Result<Written, WriteError> {
    if !crate::model::is_valid_id(opts.org) {
        return Err(WriteError::Message(format!(
            "--org {}: not a valid organisation id (e.g. `{}`)",
            opts.org,
            super::slug(opts.org)
        )));
    }
    let dir = opts.root.join("inventory").join(opts.org);
    let path = dir.join(opts.file_name);
    let previous = match fs::read(&path) {
        Ok(b) if opts.force => Some(b),
        Ok(_) => {
            return Err(WriteError::Message(format!(
                "{} exists; pass --force to replace it",
                opts.rel_path()
            )));
        }
        Err(_) => None,
    };
    fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    let text = super::yaml::render(opts.comment, drafts);
    atomic_write(&path, text.as_bytes(), opts.force).map_err(|e| io_error(&path, e))?;

    let rel = opts.rel_path();
    let loaded = crate::load::load(opts.root);
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = loaded
        .diagnostics
        .into_iter()
        .filter(|d| d.file == rel || d.level == Level::Error)
        .partition(|d| d.level == Level::Error);
    let errors: Vec<Diagnostic> = errors
        .into_iter()
        .filter(|d| !existing.errors.contains(&d.to_string()))
        .collect();
    if !errors.is_empty() {
        let undo = match previous {
            Some(b) => atomic_write(&path, &b, true),
            None => fs::remove_file(&path),
        };
        if let Err(e) = undo {
            return Err(io_error(&path, e));
        }
        return Err(WriteError::Invalid(errors));
    }
    Ok(Written {
        path,
        assets: drafts.len(),
        warnings,
    })
}

/// Why [`write()`] wrote nothing.
#[derive(Debug)]
pub enum WriteError {
    Message(String),
    /// The rendered file did not load cleanly; it was taken back.
    Invalid(Vec<Diagnostic>),
}

fn io_error(path: &Path, e: io::Error) -> WriteError {
    WriteError::Message(format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        atomic_write(&p, b"one", false).unwrap();
        let e = atomic_write(&p, b"two", false).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&p).unwrap(), b"one");
        atomic_write(&p, b"three", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"three");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    fn opts<'a>(root: &'a Path, name: &'a str, force: bool) -> WriteOptions<'a> {
        WriteOptions {
            root,
            org: "o",
            file_name: name,
            force,
            comment: "test",
        }
    }

    #[test]
    fn a_file_that_brings_errors_is_taken_back() {
        use crate::import::{Draft, Existing};
        use crate::model::Layer;
        let dir = tempfile::tempdir().unwrap();
        let org = dir.path().join("inventory/o");
        fs::create_dir_all(&org).unwrap();
        fs::write(
            org.join("z.yaml"),
            "sites:\n  - {id: x, name: X, kind: cloud}\n",
        )
        .unwrap();
        let existing = Existing::load(dir.path(), "o", "inventory/o/a.yaml");

        // A dangling ref, reported in the new file.
        let mut d = Draft::new(Layer::Platforms, "p", "P", "server");
        d.depend_on("ghost");
        let e = write(&opts(dir.path(), "a.yaml", false), &[d], &existing).unwrap_err();
        assert!(
            matches!(e, WriteError::Invalid(ref v) if v[0].code == "dangling-ref"),
            "{e:?}"
        );
        assert!(!org.join("a.yaml").exists());

        // A repeated id is reported at the later file, here the one already there: still
        // the import's fault, still taken back, and the old content is restored.
        fs::write(org.join("a.yaml"), "# mine\n").unwrap();
        let d = Draft::new(Layer::Sites, "x", "X", "cloud");
        let e = write(&opts(dir.path(), "a.yaml", true), &[d], &existing).unwrap_err();
        assert!(
            matches!(e, WriteError::Invalid(ref v) if v[0].file == "inventory/o/z.yaml"),
            "{e:?}"
        );
        assert_eq!(fs::read_to_string(org.join("a.yaml")).unwrap(), "# mine\n");

        let d = Draft::new(Layer::Sites, "y", "Y", "cloud");
        let w = write(&opts(dir.path(), "a.yaml", true), &[d], &existing).unwrap();
        assert_eq!(w.assets, 1);
    }

    #[test]
    fn file_names() {
        assert_eq!(
            default_file_name(Path::new("x/Servrar 2025.xlsx")),
            "servrar-2025.yaml"
        );
        assert_eq!(check_file_name("servers").unwrap(), "servers.yaml");
        assert!(check_file_name("../x.yaml").is_err());
        assert!(check_file_name("_x.yaml").is_err());
    }
}
