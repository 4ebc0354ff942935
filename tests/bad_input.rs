//! Bad input, one class per test: the built binary runs `validate` on a tree written to a
//! temporary folder. Each test checks the exit code (1 for errors, 0 where the input is
//! accepted; never 101, a panic), that the problem is reported at its file and, where it has
//! one, its line and column, and that the run finishes quickly.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// A valid inventory file, so that a tree is a project even when the file under test is not.
const SITE: &str = "sites:\n  - {id: dc, name: Serverhall, kind: datacenter}\n";

/// How long one run may take. Tests build the binary unoptimised, so this is generous; a
/// hang (an alias bomb expanding, a FIFO being opened) takes far longer.
const QUICK: Duration = Duration::from_secs(20);

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl std::fmt::Debug for Out {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cut = |s: &str| s.chars().take(4000).collect::<String>();
        write!(
            f,
            "exit {} after {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.code,
            self.elapsed,
            cut(&self.stdout),
            cut(&self.stderr)
        )
    }
}

/// A project root in a temporary folder, with `inventory/` and `targets/`.
fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir_all(dir.path().join("inventory")).unwrap();
    std::fs::create_dir_all(dir.path().join("targets")).unwrap();
    for (path, bytes) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
    }
    dir
}

/// Runs samdrift with `--root root`, killing it and failing the test after `limit`.
fn samdrift(root: &Path, args: &[&str], limit: Duration) -> Out {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_samdrift"))
        .arg("--root")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("samdrift starts");
    // Drain both pipes while waiting, so a full pipe cannot stall the child.
    let drain = |mut r: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            String::from_utf8_lossy(&v).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("samdrift {args:?} did not finish within {limit:?}");
        }
        thread::sleep(Duration::from_millis(5));
    };
    let out = Out {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        elapsed: start.elapsed(),
    };
    assert_ne!(out.code, 101, "samdrift panicked: {out:?}");
    assert!(
        !out.stderr.contains("panicked"),
        "samdrift panicked: {out:?}"
    );
    assert!(out.code >= 0, "samdrift was killed by a signal: {out:?}");
    out
}

fn validate(root: &Path) -> Out {
    samdrift(root, &["validate"], QUICK)
}

/// The diagnostic line `file:line:col: level: … [code]`, as (line, col, whole line).
fn located(out: &Out, file: &str, level: &str, code: &str) -> (u32, u32, String) {
    for l in out.stdout.lines() {
        let Some(rest) = l.strip_prefix(file).and_then(|r| r.strip_prefix(':')) else {
            continue;
        };
        let mut parts = rest.splitn(3, ':');
        let (Some(line), Some(col), Some(tail)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(line), Ok(col)) = (line.parse::<u32>(), col.parse::<u32>()) else {
            continue;
        };
        if tail.starts_with(&format!(" {level}: ")) && tail.ends_with(&format!("[{code}]")) {
            return (line, col, l.to_string());
        }
    }
    panic!("no {level} [{code}] located in {file}: {out:?}");
}

/// The diagnostic line `file: level: … [code]` for findings about a whole path.
fn at_path(out: &Out, file: &str, level: &str, code: &str) -> String {
    out.stdout
        .lines()
        .find(|l| l.starts_with(&format!("{file}: {level}: ")) && l.ends_with(&format!("[{code}]")))
        .unwrap_or_else(|| panic!("no {level} [{code}] at {file}: {out:?}"))
        .to_string()
}

/// The hint printed under the diagnostic line `line`.
fn hint_after<'o>(out: &'o Out, line: &str) -> &'o str {
    let mut lines = out.stdout.lines();
    lines.find(|l| *l == line);
    lines
        .next()
        .and_then(|h| h.strip_prefix("  hint: "))
        .unwrap_or_else(|| panic!("no hint under {line:?}: {out:?}"))
}

fn assert_clean(out: &Out) {
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!out.stdout.contains(": error: "), "{out:?}");
}

#[test]
fn yaml_syntax_error() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        b"sites:\n  - id: dc\n    name: [Serverhall\n    kind: datacenter\n",
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, _, _) = located(&out, "inventory/a/x.yaml", "error", "yaml-syntax");
    assert!((3..=5).contains(&line), "{out:?}");
    assert!(out.elapsed < QUICK);
}

#[test]
fn tab_indentation() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        b"sites:\n  - id: dc\n\tname: Serverhall\n    kind: datacenter\n",
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        located(&out, "inventory/a/x.yaml", "error", "tab-indent").0,
        3
    );
}

#[test]
fn document_that_is_not_a_mapping() {
    let t = tree(&[
        ("inventory/a/list.yaml", b"- id: dc\n- id: sr\n"),
        ("inventory/a/scalar.yaml", b"just some text\n"),
        ("inventory/a/ok.yaml", SITE.as_bytes()),
        ("targets/t.yaml", b"[target]\n"),
    ]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    for (file, found) in [
        ("inventory/a/list.yaml", "a list"),
        ("inventory/a/scalar.yaml", "`just some text`"),
        ("targets/t.yaml", "a list"),
    ] {
        let (line, col, text) = located(&out, file, "error", "wrong-type");
        assert_eq!((line, col), (1, 1), "{text}");
        assert!(text.contains("must be a mapping"), "{text}");
        assert!(text.contains(found), "{text}");
    }
}

#[test]
fn nul_byte() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        b"sites:\n  - id: dc\n    name: Server\0hall\n    kind: datacenter\n",
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, col, _) = located(&out, "inventory/a/x.yaml", "error", "nul-byte");
    assert_eq!((line, col), (3, 17));
}

#[test]
fn invalid_utf8() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        b"sites:\n  - id: dc\n    name: G\xf6teborg\n    kind: datacenter\n",
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, col, text) = located(&out, "inventory/a/x.yaml", "error", "invalid-utf8");
    assert_eq!((line, col), (3, 12), "{text}");
}

#[test]
fn utf8_bom_is_accepted() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        "\u{feff}sites:\n  - {id: dc, name: Serverhall, kind: datacenter, sla: ok}\n".as_bytes(),
    )]);
    let out = validate(t.path());
    assert_clean(&out);
    assert!(out.stderr.contains("1 asset"), "{out:?}");
}

#[test]
fn empty_files_are_accepted() {
    let t = tree(&[
        ("inventory/a/empty.yaml", b""),
        ("inventory/a/comments.yaml", b"# nothing here yet\n\n"),
        ("inventory/a/blank.yml", b"\n\n   \n"),
        ("inventory/a/sites.yaml", SITE.as_bytes()),
    ]);
    let out = validate(t.path());
    assert_clean(&out);
    assert!(out.stdout.is_empty(), "{out:?}");
    assert!(out.stderr.contains("4 files"), "{out:?}");
}

#[test]
fn alias_bomb() {
    // Billion laughs: nine levels of ten aliases each would be 10^9 nodes.
    let mut s = String::from("x-lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        let refs = vec![format!("*a{p}"); 10].join(", ");
        s.push_str(&format!("x-lol{i}: &a{i} [{refs}]\n"));
    }
    s.push_str("sites: *a9\n");
    let t = tree(&[("inventory/a/x.yaml", s.as_bytes())]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, _, _) = located(&out, "inventory/a/x.yaml", "error", "alias-bomb");
    assert!((2..=11).contains(&line), "{out:?}");
    assert!(out.elapsed < Duration::from_secs(10), "{out:?}");
}

#[test]
fn deep_flow_nesting() {
    let mut s = String::from("sites: ");
    s.push_str(&"[".repeat(10_000));
    s.push_str(&"]".repeat(10_000));
    s.push('\n');
    let t = tree(&[("inventory/a/x.yaml", s.as_bytes())]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, _, text) = out
        .stdout
        .lines()
        .find(|l| l.contains("[too-deep]"))
        .map(|_| located(&out, "inventory/a/x.yaml", "error", "too-deep"))
        .unwrap_or_else(|| located(&out, "inventory/a/x.yaml", "error", "yaml-syntax"));
    assert_eq!(line, 1, "{text}");
}

#[test]
fn deep_block_nesting() {
    // 10,000 levels of block mappings, one more space of indentation each…
    let mut s = String::from("sites:\n");
    for i in 1..10_000 {
        s.push_str(&" ".repeat(i));
        s.push_str(&format!("k{i}:\n"));
    }
    // …and 10,000 levels of block sequences on one line.
    let mut seqs = String::from("sites:\n");
    seqs.push_str(&"- ".repeat(10_000));
    seqs.push_str("x\n");
    let t = tree(&[
        ("inventory/a/maps.yaml", s.as_bytes()),
        ("inventory/a/seqs.yaml", seqs.as_bytes()),
    ]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, _, _) = located(&out, "inventory/a/maps.yaml", "error", "too-deep");
    assert_eq!(line, 65, "{out:?}");
    let (line, _, _) = located(&out, "inventory/a/seqs.yaml", "error", "too-deep");
    assert_eq!(line, 2, "{out:?}");
}

#[test]
fn huge_scalar_finishes() {
    // A 50 MB note on a valid asset: accepted (or refused with an error), never a hang.
    let mut s =
        String::from("sites:\n  - id: dc\n    name: Serverhall\n    kind: datacenter\n    notes: ");
    s.push_str(&"lorem ipsum ".repeat(50_000_000 / 12));
    s.push('\n');
    let t = tree(&[("inventory/a/x.yaml", s.as_bytes())]);
    let out = samdrift(t.path(), &["validate"], Duration::from_secs(300));
    assert!(out.code == 0 || out.code == 1, "{out:?}");
    if out.code == 0 {
        assert!(out.stderr.contains("1 asset"), "{out:?}");
    } else {
        assert!(out.stdout.starts_with("inventory/a/x.yaml"), "{out:?}");
    }
}

#[test]
fn huge_scalar_in_messages_stays_quick() {
    // Where a long value is wrong (an unknown kind, a reference to nothing), the hint search
    // must not compare it at length against every candidate. (Keys cannot be long: YAML
    // limits implicit keys to 1024 characters.)
    let long = "x".repeat(1_000_000);
    let mut s = String::from(SITE);
    s.push_str(&format!("  - id: sr\n    name: Rum\n    kind: {long}\n"));
    s.push_str("networks:\n");
    for i in 0..300 {
        s.push_str(&format!("  - {{id: lan{i}, name: LAN, kind: lan}}\n"));
    }
    let refs: Vec<String> = (0..5).map(|i| format!("{long}{i}")).collect();
    s.push_str(&format!(
        "  - id: wlan\n    name: WLAN\n    kind: wlan\n    depends_on: [{}]\n",
        refs.join(", ")
    ));
    let t = tree(&[("inventory/a/x.yaml", s.as_bytes())]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    located(&out, "inventory/a/x.yaml", "error", "unknown-kind");
    located(&out, "inventory/a/x.yaml", "error", "dangling-ref");
    assert!(out.elapsed < Duration::from_secs(10), "{out:?}");
}

#[test]
#[cfg(unix)]
fn symlink_loop_is_not_followed() {
    let t = tree(&[("inventory/a/sites.yaml", SITE.as_bytes())]);
    std::os::unix::fs::symlink("..", t.path().join("inventory/a/loop")).unwrap();
    std::os::unix::fs::symlink("sites.yaml", t.path().join("inventory/a/again.yaml")).unwrap();
    let out = validate(t.path());
    assert_eq!(out.code, 0, "{out:?}");
    at_path(&out, "inventory/a/loop", "warning", "symlink");
    at_path(&out, "inventory/a/again.yaml", "warning", "symlink");
    assert!(
        out.stderr.contains("1 file, 1 organisation, 1 asset"),
        "{out:?}"
    );
}

#[test]
#[cfg(unix)]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let t = tree(&[
        ("inventory/a/sites.yaml", SITE.as_bytes()),
        ("inventory/a/secret.yaml", b"networks: []\n"),
    ]);
    let secret = t.path().join("inventory/a/secret.yaml");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    // As root, permissions do not stop reading: then the file is simply read.
    let blocked = std::fs::read(&secret).is_err();
    let out = validate(t.path());
    if blocked {
        assert_eq!(out.code, 1, "{out:?}");
        let line = at_path(&out, "inventory/a/secret.yaml", "error", "unreadable");
        assert!(line.contains("permission denied"), "{line}");
    } else {
        assert_eq!(out.code, 0, "{out:?}");
    }
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
}

/// Makes a FIFO with mkfifo(1); `false` where there is none.
#[cfg(unix)]
fn mkfifo(p: &Path) -> bool {
    Command::new("mkfifo")
        .arg(p)
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

#[test]
#[cfg(unix)]
fn fifo_is_not_a_regular_file() {
    let t = tree(&[("inventory/a/sites.yaml", SITE.as_bytes())]);
    let pipes: [PathBuf; 3] = [
        t.path().join("inventory/a/pipe.yaml"),
        t.path().join("inventory/pipe"),
        t.path().join("targets/pipe.yaml"),
    ];
    if !pipes.iter().all(|p| mkfifo(p)) {
        eprintln!("mkfifo is not available; skipped");
        return;
    }
    // Opening a FIFO for reading would block forever: the run must not try.
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    for p in [
        "inventory/a/pipe.yaml",
        "inventory/pipe",
        "targets/pipe.yaml",
    ] {
        at_path(&out, p, "error", "not-a-file");
    }
}

#[test]
fn files_that_are_not_yaml_are_ignored() {
    let t = tree(&[
        ("inventory/a/sites.yaml", SITE.as_bytes()),
        ("inventory/a/README.md", b"# Gislaved\n\tnot: [yaml\n"),
        ("inventory/a/export.json", b"{\"sites\": 1}"),
        ("inventory/a/photo.jpg", b"\xff\xd8\xff\xe0\0\0"),
        ("inventory/a/sites.yaml.bak", b"sites: [\n"),
        ("inventory/a/.hidden.yaml", b"sites: [\n"),
        ("inventory/a/_draft.yaml", b"sites: [\n"),
        ("targets/notes.txt", b"\0\0\0"),
    ]);
    let out = validate(t.path());
    assert_clean(&out);
    assert!(out.stdout.is_empty(), "{out:?}");
    assert!(out.stderr.contains("1 file, 1 organisation"), "{out:?}");
}

#[test]
fn unknown_key_suggests_the_closest() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        b"sites:\n  - id: dc\n    name: Serverhall\n    kind: datacenter\n  - id: sr\n    name: Rum\n    kind: server-room\n    depnds_on: [dc]\n",
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, col, text) = located(&out, "inventory/a/x.yaml", "error", "unknown-key");
    assert_eq!((line, col), (8, 5), "{text}");
    assert!(text.contains("`depnds_on`"), "{text}");
    assert_eq!(hint_after(&out, &text), "did you mean `depends_on`?");
}

#[test]
fn quoted_integer_is_a_type_error() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        b"clients:\n  - id: lap\n    name: Laptops\n    kind: laptop\n    quantity: \"5\"\n",
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, col, text) = located(&out, "inventory/a/x.yaml", "error", "wrong-type");
    assert_eq!((line, col), (5, 15), "{text}");
    assert!(text.contains("`quantity`"), "{text}");
    assert!(hint_after(&out, &text).contains("quotes"), "{out:?}");
}

#[test]
fn yaml_11_boolean_is_a_type_error() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        b"platforms:\n  - id: mail\n    name: Exchange\n    kind: email\n    contract:\n      supplier: Atea\n      auto_renew: no\n",
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, col, text) = located(&out, "inventory/a/x.yaml", "error", "wrong-type");
    assert_eq!((line, col), (7, 19), "{text}");
    assert!(
        text.contains("`auto_renew`") && text.contains("`no`"),
        "{text}"
    );
    assert!(hint_after(&out, &text).contains("YAML 1.2"), "{out:?}");
}

#[test]
fn duplicate_keys() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        b"sites:\n  - id: dc\n    name: Serverhall\n    kind: datacenter\n    name: Annan\n",
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, col, text) = located(&out, "inventory/a/x.yaml", "error", "duplicate-key");
    assert_eq!((line, col), (5, 5), "{text}");
    assert!(text.contains("line 3"), "{text}");
}

#[test]
fn multiple_documents() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        format!("{SITE}---\nnetworks: []\n").as_bytes(),
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, _, _) = located(&out, "inventory/a/x.yaml", "error", "multiple-documents");
    assert_eq!(line, 3, "{out:?}");
}

#[test]
fn other_commands_exit_2_on_bad_input() {
    let t = tree(&[("inventory/a/x.yaml", b"sites: [\n")]);
    for args in [&["graph"][..], &["impact", "a/dc"]] {
        let out = samdrift(t.path(), args, QUICK);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(out.stderr.contains("inventory/a/x.yaml:"), "{out:?}");
    }
}

#[test]
fn user_text_in_messages_stays_on_one_line() {
    // A key written with escapes: ESC, a line break, a tab. The diagnostic quotes it escaped.
    let t = tree(&[(
        "inventory/a/x.yaml",
        b"sites:\n  - id: dc\n    name: Serverhall\n    kind: datacenter\n    \"nam\\e[31m\\nx\\ty\": 1\n",
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    assert!(!out.stdout.contains('\u{1b}'), "{out:?}");
    for line in out.stdout.lines() {
        assert!(
            line.starts_with("inventory/a/x.yaml:") || line.starts_with("  hint: "),
            "a diagnostic spans lines: {out:?}"
        );
    }
    let (line, col, text) = located(&out, "inventory/a/x.yaml", "error", "unknown-key");
    assert_eq!((line, col), (5, 5));
    assert!(text.contains(r"nam\u{1b}[31m\nx\ty"), "{text}");
}

#[test]
fn control_characters_are_refused() {
    let t = tree(&[(
        "inventory/a/x.yaml",
        b"sites:\n  - id: dc\n    name: Server\x07hall\n    kind: datacenter\n",
    )]);
    let out = validate(t.path());
    assert_eq!(out.code, 1, "{out:?}");
    let (line, col, text) = located(&out, "inventory/a/x.yaml", "error", "control-character");
    assert_eq!((line, col), (3, 17), "{text}");
}

/// Names, products, suppliers and target texts written with YAML escapes (ESC sequences that
/// would recolour or clear the terminal, BEL, a right-to-left override) reach every terminal
/// view escaped as `\u{…}`: the tables of gaps, waves, costs and impact, and the Markdown
/// summaries that CI posts.
#[test]
fn control_characters_never_reach_the_terminal() {
    let inv = br#"organisation:
  name: "Org \e[31mRED"
platforms:
  - id: srv
    name: "Server \e[2J clear"
    kind: virtualization
    product: "Win\e]0;title\a"
    end_of_support: 2020-01-01
    annual_cost: 1000
    contract: {supplier: "Sup\e[4m", ends: 2027-06-30, annual_cost: 5}
services:
  - {id: app, name: "App\u202eevil", kind: application, depends_on: [srv]}
"#;
    let target = br#"target:
  name: "T \e[5m"
  horizon: 2027-12-31
components:
  - {id: shared-virt, name: "Gemensam \e[1m virt", layer: platforms, kind: virtualization}
rules:
  - id: virt-move
    title: "Virt \e[7m flyttas"
    select: {layer: platforms, kind: virtualization}
    expect: {moved_to: shared-virt}
    action: migrate
  - id: eos
    title: Support
    select: {layer: platforms}
    expect: {end_of_support_after: horizon}
    action: upgrade
plan: {start: 2027-01-01, wave_months: 3, capacity_hours: 1000}
"#;
    let dir = tree(&[("inventory/a/x.yaml", inv), ("targets/t.yaml", target)]);
    assert_clean(&validate(dir.path()));
    let runs: [&[&str]; 7] = [
        &["gaps", "--as-of", "2026-12-01"],
        &["gaps", "--format", "markdown", "--as-of", "2026-12-01"],
        &["waves", "--as-of", "2026-12-01"],
        &["waves", "--format", "markdown", "--as-of", "2026-12-01"],
        &["costs", "--as-of", "2026-12-01"],
        &["costs", "--lang", "sv", "--as-of", "2026-12-01"],
        &["impact", "a/srv"],
    ];
    for args in runs {
        let out = samdrift(dir.path(), args, QUICK);
        assert_eq!(out.code, 0, "{args:?}: {out:?}");
        let bad = out
            .stdout
            .chars()
            .find(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c));
        assert_eq!(bad, None, "{args:?} printed a control character: {out:?}");
    }
    // The escaped forms are there: the names are shown, not dropped.
    let gaps = samdrift(dir.path(), &["gaps", "--as-of", "2026-12-01"], QUICK);
    assert!(gaps.stdout.contains("Org \\u{1b}[31mRED"), "{gaps:?}");
    let impact = samdrift(dir.path(), &["impact", "a/srv"], QUICK);
    assert!(impact.stdout.contains("App\\u{202e}evil"), "{impact:?}");
}
