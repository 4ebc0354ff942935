//! Reading the project as it was at a git revision, for `samdrift diff`.
//!
//! Runs the `git` command: `rev-parse` to find the repository and name the commit,
//! `ls-tree -r -z` to list the files under the project root at that commit, and one
//! `cat-file --batch` to read them all. It never checks anything out and never touches the
//! working tree or the index, so it is safe on a dirty work tree and in CI. The project root
//! may be a sub-folder of the repository.
//!
//! This module only reads bytes; the files go through the loader exactly as a checkout does
//! (see [`crate::load::load_files`]).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A git repository and where the project root lies in it.
#[derive(Clone, Debug)]
pub struct Repo {
    /// The top of the work tree.
    pub top: PathBuf,
    /// The project root relative to `top`, `/`-separated, with a trailing `/` (or empty).
    pub prefix: String,
}

/// A file of the project at a revision: its path relative to the project root, and bytes.
pub type File = (String, Vec<u8>);

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(dir)
        // Reading must not take the index lock or refresh the index.
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null());
    c
}

/// Runs a git command to completion, returning its standard output or its error message.
fn run(mut c: Command) -> Result<Vec<u8>, String> {
    let out = c.output().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "`git` is not installed (or not on PATH)".to_string(),
        _ => format!("cannot run git: {e}"),
    })?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let msg = String::from_utf8_lossy(&out.stderr);
        let msg = msg
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("failed");
        Err(msg
            .trim()
            .trim_start_matches("fatal: ")
            .trim_start_matches("error: ")
            .to_string())
    }
}

impl Repo {
    /// The repository that holds `root`.
    pub fn discover(root: &Path) -> Result<Repo, String> {
        let mut c = git(root);
        c.args(["rev-parse", "--show-toplevel", "--show-prefix"]);
        let out =
            run(c).map_err(|e| format!("{}: not in a git work tree ({e})", root.display()))?;
        let text = String::from_utf8_lossy(&out);
        let mut lines = text.lines();
        let top = lines.next().unwrap_or_default().trim().to_string();
        let prefix = lines.next().unwrap_or_default().trim().to_string();
        if top.is_empty() {
            return Err(format!("{}: not in a git work tree", root.display()));
        }
        Ok(Repo {
            top: PathBuf::from(top),
            prefix,
        })
    }

    /// The full commit id a revision names.
    pub fn commit(&self, rev: &str) -> Result<String, String> {
        if rev.starts_with('-') || rev.is_empty() || rev.contains('\0') {
            return Err(format!("`{rev}` is not a revision"));
        }
        let mut c = git(&self.top);
        c.args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
            .arg(format!("{rev}^{{commit}}"));
        match run(c) {
            Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_string()),
            Err(_) => Err(format!("`{rev}` names no commit in {}", self.top.display())),
        }
    }

    /// The day `commit` was made (`YYYY-MM-DD`, committer date) and its subject line.
    pub fn describe(&self, commit: &str) -> Result<(String, String), String> {
        let mut c = git(&self.top);
        c.args([
            "log",
            "-1",
            "--format=%cs%x00%s",
            "--end-of-options",
            commit,
        ]);
        let out = run(c)?;
        let text = String::from_utf8_lossy(&out);
        let (date, subject) = text
            .trim_end()
            .split_once('\0')
            .unwrap_or((text.trim(), ""));
        Ok((date.to_string(), subject.to_string()))
    }

    /// The project's inventory and target files at `commit` (paths relative to the project
    /// root). Symbolic links and submodules are left out, as a checkout's would be.
    pub fn files(&self, commit: &str) -> Result<Vec<File>, String> {
        let tree = format!("{commit}:{}", self.prefix.trim_end_matches('/'));
        let mut c = git(&self.top);
        c.args(["ls-tree", "-r", "-z", "--end-of-options", &tree]);
        let listing = run(c).map_err(|_| {
            format!(
                "the project folder `{}` does not exist at commit {}",
                if self.prefix.is_empty() {
                    "."
                } else {
                    &self.prefix
                },
                &commit[..commit.len().min(10)]
            )
        })?;
        let mut wanted: Vec<(String, String)> = Vec::new();
        for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            let entry = String::from_utf8_lossy(entry);
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let mut meta = meta.split(' ');
            let (Some(mode), Some(kind), Some(oid)) = (meta.next(), meta.next(), meta.next())
            else {
                continue;
            };
            let in_project = path.starts_with("inventory/") || path.starts_with("targets/");
            let yaml = path.ends_with(".yaml") || path.ends_with(".yml");
            if kind == "blob" && mode != "120000" && in_project && yaml {
                wanted.push((path.to_string(), oid.to_string()));
            }
        }
        self.read_blobs(wanted)
    }

    /// Reads blobs with one `git cat-file --batch`.
    fn read_blobs(&self, wanted: Vec<(String, String)>) -> Result<Vec<File>, String> {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = git(&self.top);
        c.args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().map_err(|e| format!("cannot run git: {e}"))?;
        let mut stdin = child.stdin.take().ok_or("cannot write to git")?;
        let oids: Vec<String> = wanted.iter().map(|(_, o)| o.clone()).collect();
        // Write the requests from another thread so that neither side waits on a full pipe.
        let writer = std::thread::spawn(move || {
            for o in oids {
                if writeln!(stdin, "{o}").is_err() {
                    break;
                }
            }
        });
        let stdout = child.stdout.take().ok_or("cannot read from git")?;
        let mut r = BufReader::new(stdout);
        let result = read_batch(&mut r, wanted);
        // Closing our end makes git stop (broken pipe) if it still had something to say.
        drop(r);
        let _ = writer.join();
        let _ = child.wait();
        result
    }
}

/// Reads `cat-file --batch` answers: `<oid> blob <size>\n<bytes>\n` for each request.
fn read_batch(r: &mut impl BufRead, wanted: Vec<(String, String)>) -> Result<Vec<File>, String> {
    let mut out = Vec::with_capacity(wanted.len());
    for (path, oid) in wanted {
        let unreadable = || format!("cannot read `{path}` ({oid}) from git");
        let mut header = String::new();
        if r.read_line(&mut header).map_err(|e| e.to_string())? == 0 {
            return Err(unreadable());
        }
        let mut parts = header.split_whitespace();
        let (Some(got), Some("blob"), Some(size)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(unreadable());
        };
        let size: u64 = size.parse().map_err(|_| unreadable())?;
        if got != oid {
            return Err(unreadable());
        }
        if size > crate::load::MAX_FILE_BYTES {
            return Err(format!(
                "`{path}` is {} MiB at that revision; samdrift reads files up to {} MiB",
                size >> 20,
                crate::load::MAX_FILE_BYTES >> 20
            ));
        }
        let mut bytes = vec![0; size as usize];
        r.read_exact(&mut bytes).map_err(|e| e.to_string())?;
        let mut newline = [0u8; 1];
        r.read_exact(&mut newline).map_err(|e| e.to_string())?;
        out.push((path, bytes));
    }
    Ok(out)
}

/// The project root relative to the top of the git work tree holding it, `/`-separated with
/// a trailing `/` (empty at the top), found by looking for `.git` in the folders above; `None`
/// outside a repository. Needs no `git` command, so `gaps` can use it to make SARIF paths
/// relative to the repository.
pub fn prefix_of(root: &Path) -> Option<String> {
    let root = root.canonicalize().ok()?;
    let mut dir: &Path = &root;
    loop {
        if dir.join(".git").exists() {
            let rel = root.strip_prefix(dir).ok()?;
            let mut s: String = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join("/");
            if !s.is_empty() {
                s.push('/');
            }
            return Some(s);
        }
        dir = dir.parent()?;
    }
}
