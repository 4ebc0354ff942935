//! A real editor's client: headless Neovim starts `samdrift lsp` on the fixture project and
//! must show the dangling ref at its line and column. Neovim converts the protocol's UTF-16
//! positions to byte columns itself, so a wrong encoding shows as a wrong column.
//!
//! Without `nvim` on the PATH the test says so and passes, except when
//! `SAMDRIFT_REQUIRE_NVIM=1` (CI sets it, after installing Debian's neovim): then it fails.

use super::client::project;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn neovim_shows_a_dangling_ref_at_its_line_and_column() {
    let required = std::env::var("SAMDRIFT_REQUIRE_NVIM").is_ok_and(|v| v == "1");
    let found = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            !required,
            "nvim is not installed, and SAMDRIFT_REQUIRE_NVIM=1 forbids skipping"
        );
        eprintln!("skipped: nvim is not installed (set SAMDRIFT_REQUIRE_NVIM=1 to fail instead)");
        return;
    }
    let dir = project("estate");
    let out = dir.path().join("nvim-diagnostics.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/nvim.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("SAMDRIFT_ROOT", dir.path())
        .env("SAMDRIFT_OUT", &out)
        .env("SAMDRIFT_BIN", env!("CARGO_BIN_EXE_samdrift"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "nvim exited with {status}");
    let shown = std::fs::read_to_string(&out).expect("nvim wrote the diagnostics");
    // Line 2 of the file; `alfa/vmwre` starts at byte 103: 97 characters before it, of which
    // `Ä`, `ö`, `ä` take two bytes and `𝄞` four.
    assert_eq!(
        shown,
        "1:103:`depends_on` names `alfa/vmwre`, but `alfa` has no asset with id `vmwre` | hint: did you mean `alfa/vmware`?\n"
    );
    let line = std::fs::read_to_string(dir.path().join("inventory/beta/all.yaml")).unwrap();
    let line = line.lines().nth(1).unwrap();
    assert!(line[103..].starts_with("alfa/vmwre"));
}
