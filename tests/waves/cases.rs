//! Hand-worked plans: each folder under `tests/waves/cases/` is a project (`inventory/`,
//! `targets/`) with `expected.txt`, the plan worked out by hand in a compact form:
//!
//! ```text
//! lower_bound 2 best 2 unavoidable_late 1
//! wave 1 2026-01-01 2026-03-31
//!   establish:net establish 100 start
//!   a/switch migrate 10 dependency establish:net [cycle:a/x] notice_by 2026-09-30
//! unplaced full a/y migrate 5 full
//! warning late a/z avoidable
//! warning stranded a/room b/printer
//! ```
//!
//! The run date is 2026-01-01, or the date in the case's `as-of.txt`. Set `UPDATE_EXPECT=1`
//! to write what the planner does instead (then read the diff!).

use samdrift::model::Project;
use samdrift::waves::{Hold, WarningKind, WavePlan};
use std::fmt::Write as _;
use std::path::Path;

/// The compact form of a plan that `expected.txt` holds.
pub fn compact(p: &Project, plan: &WavePlan) -> String {
    let mut out = format!(
        "lower_bound {} best {} unavoidable_late {}\n",
        plan.bounds.lower_bound, plan.bounds.best, plan.bounds.unavoidable_late
    );
    let item = |out: &mut String, i: samdrift::waves::ItemIdx| {
        let it = plan.item(i);
        let _ = write!(
            out,
            "{} {} {} {}",
            it.id,
            it.action.as_str(),
            it.hours,
            it.reason.hold.code()
        );
        match it.reason.hold {
            Hold::Dependency { on } | Hold::Oversize { by: Some(on), .. } => {
                let _ = write!(out, " {}", plan.item(on).id);
            }
            _ => {}
        }
        if let Some(g) = &plan.group(it.group).name {
            let _ = write!(out, " [{g}]");
        }
        if let Some(d) = it.notice_by {
            let _ = write!(out, " notice_by {d}");
        }
        out.push('\n');
    };
    for w in &plan.waves {
        let _ = writeln!(out, "wave {} {} {}", w.number, w.start, w.end);
        for &i in &w.items {
            out.push_str("  ");
            item(&mut out, i);
        }
    }
    for &i in &plan.unplaced {
        let kind = plan.item(i).unplaced.map_or("?", |k| k.as_str());
        let _ = write!(out, "unplaced {kind} ");
        item(&mut out, i);
    }
    for w in &plan.warnings {
        let _ = write!(out, "warning {} {}", w.kind.as_str(), plan.item(w.item).id);
        match (w.kind, w.avoidable(), w.asset()) {
            (WarningKind::Late, Some(true), _) => out.push_str(" avoidable"),
            (WarningKind::Late, _, _) => out.push_str(" unavoidable"),
            (_, _, Some(a)) => {
                let _ = write!(out, " {}", p.asset_ref(a));
            }
            _ => {}
        }
        out.push('\n');
    }
    out
}

fn check(dir: &Path) -> Result<(), String> {
    let loaded = samdrift::load::load(dir);
    let as_of = match std::fs::read_to_string(dir.join("as-of.txt")) {
        Ok(s) => s
            .trim()
            .parse()
            .map_err(|e| format!("{}: {e}", dir.display()))?,
        Err(_) => crate::as_of(),
    };
    let (a, plan) = crate::plan_loaded_at(&loaded, as_of);
    crate::props::check(&loaded.project, &a, &plan, as_of)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    let got = compact(&loaded.project, &plan);
    let path = dir.join("expected.txt");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &got).unwrap();
        return Ok(());
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "{}:\n--- expected\n{want}--- got\n{got}",
            dir.display()
        ))
    }
}

#[test]
fn hand_worked_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/waves/cases");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "the cases are missing");
    let failures: Vec<String> = dirs.iter().filter_map(|d| check(d).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
