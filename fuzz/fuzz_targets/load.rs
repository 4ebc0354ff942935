//! One file's bytes through the YAML parser and both readers (inventory and target), as
//! `load` does for each file: no panic, no hang, and every finding located inside the file.
//!
//! `cargo +nightly fuzz run load fuzz/corpus/load fuzz/seeds/load -- -dict=fuzz/yaml.dict`
#![no_main]

use libfuzzer_sys::fuzz_target;
use samdrift::diag::{Diagnostic, Pos};
use samdrift::load::{inventory, read::Reader, target};
use samdrift::model::{FileId, is_valid_id};
use samdrift::yaml;

/// Lines as YAML counts them: `\n`, `\r\n` and a lone `\r` each end one.
fn line_count(text: &str) -> u32 {
    let b = text.as_bytes();
    let mut n = 1;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

fn check_pos(p: Pos, lines: u32, what: &dyn std::fmt::Debug) {
    assert!(
        p.line >= 1 && p.line <= lines && p.col >= 1,
        "position {p:?} outside the file ({lines} lines): {what:?}"
    );
}

fn check_diags(diags: &[Diagnostic], lines: u32) {
    for d in diags {
        if let Some(p) = d.pos {
            check_pos(p, lines, d);
        }
        assert!(!d.message.is_empty());
    }
}

fuzz_target!(|data: &[u8]| {
    let text = match std::str::from_utf8(data) {
        Ok(t) => t,
        Err(e) => {
            let p = yaml::locate_byte(data, e.valid_up_to());
            assert!(p.line >= 1 && p.col >= 1);
            return;
        }
    };
    let lines = line_count(text);
    let tree = match yaml::parse(text) {
        Ok(t) => t,
        Err(e) => {
            check_pos(e.pos, lines, &e);
            return;
        }
    };
    if let Some(t) = &tree {
        check_pos(t.pos, lines, &"document");
    }

    let mut r = Reader::new(FileId(0), "inventory/a/x.yaml");
    let doc = inventory::read(&mut r, tree.as_ref());
    check_diags(&r.diags, lines);
    for a in &doc.assets {
        assert!(is_valid_id(&a.id), "{a:?}");
        assert!(a.layer.kinds().contains(&a.kind), "{a:?}");
        for dep in a.refs() {
            assert!(is_valid_id(&dep.id) && dep.org.as_deref().is_none_or(is_valid_id));
            check_pos(dep.loc.pos, lines, dep);
        }
        check_pos(a.loc.pos, lines, a);
    }

    let mut r = Reader::new(FileId(0), "targets/t.yaml");
    let t = target::read(&mut r, "t", tree.as_ref());
    check_diags(&r.diags, lines);
    if let Some(t) = t {
        for c in &t.components {
            assert!(is_valid_id(&c.id));
        }
        for rule in &t.rules {
            assert!(!rule.expect.is_empty());
        }
    }
});
