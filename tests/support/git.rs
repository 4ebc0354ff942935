//! Git for tests: runs `git -C dir args` with a fixed identity and no user or system
//! configuration, so a test's repository is the same on every machine. Shared by the test
//! crates that build throwaway repositories (`#[path]` module).

use std::path::Path;
use std::process::{Command, Output};

/// Runs git in `dir` and returns its standard output; fails the test when git fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Runs the built samdrift with `--root root` as a git repository's user would, with no user
/// or system git configuration (what `diff` and `report --since` read through git).
pub fn samdrift(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samdrift"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap()
}
