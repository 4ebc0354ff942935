//! The changes page (`samdrift report --since REV`): what changed since the report the group
//! last saw. Gaps closed, added and changed are the library's gap comparison
//! ([`crate::gaps::compare`], as `samdrift diff`) of the target at REV and now; items that
//! moved between waves are the library's plan comparison ([`crate::waves::compare`]).
//!
//! This module adds names, links into the current report and the summary sentences. It
//! compares nothing itself.

use super::rows::{Links, ROWS_PER_PAGE, Src};
use super::sentence::{self, Sentence};
use crate::gaps::{Comparison, Gap, GapKind};
use crate::model::{Date, Project, Severity, Target};
use crate::study::Study;
use crate::waves::compare;
use serde::Serialize;
use serde_json::Value;

/// The revision compared with.
#[derive(Clone, Debug, Serialize)]
pub struct Revision {
    /// As given (`main`, `v1.2`, `HEAD~3`).
    pub rev: String,
    /// The commit it names, shortened.
    pub commit: String,
    /// The commit's date (`YYYY-MM-DD`) and subject line, when git gives them.
    pub date: Option<String>,
    pub subject: Option<String>,
}

#[derive(Serialize)]
pub struct SincePage {
    pub revision: Revision,
    /// The target did not exist at the revision: every gap counts as added.
    pub new_target: bool,
    pub before: Totals,
    pub after: Totals,
    pub summary: Vec<Sentence>,
    pub added: List<SinceGap>,
    /// Gaps closed (or no longer found).
    pub removed: List<SinceGap>,
    pub changed: List<ChangedGap>,
    /// Items that moved to another wave; `None` when either side has no plan.
    pub moved: Option<List<MovedItem>>,
    pub new_items: usize,
    pub done_items: usize,
    pub end_before: Option<Date>,
    pub end_after: Option<Date>,
}

/// Rows listed per table; the rest are counted (all are in `report.json`).
pub const MAX_LISTED: usize = ROWS_PER_PAGE;

/// A list as the page shows it: the first [`MAX_LISTED`] rows and how many there are.
#[derive(Serialize)]
pub struct List<T> {
    pub rows: Vec<T>,
    pub total: usize,
    pub more: usize,
}

fn list<T>(mut rows: Vec<T>) -> List<T> {
    let total = rows.len();
    rows.truncate(MAX_LISTED);
    List {
        more: total - rows.len(),
        rows,
        total,
    }
}

#[derive(Serialize, Clone, Copy)]
pub struct Totals {
    pub gaps: usize,
    pub hours: f64,
    pub cost: f64,
    pub waived: usize,
}

fn totals(s: &crate::gaps::Summary) -> Totals {
    Totals {
        gaps: s.gaps,
        hours: s.hours.get(),
        cost: s.cost.get(),
        waived: s.waived,
    }
}

/// A gap on the changes page, linked into the current report where its asset still exists.
#[derive(Serialize)]
pub struct SinceGap {
    pub org: String,
    pub org_name: String,
    pub org_href: Option<String>,
    pub asset: Option<String>,
    pub asset_name: Option<String>,
    pub href: Option<String>,
    pub rule: String,
    pub rule_title: String,
    pub kind: GapKind,
    pub severity: Severity,
    pub reason: Sentence,
    pub hours: f64,
    pub cost: f64,
    pub waived: bool,
    /// Where it is (or was) written.
    pub src: Src,
}

/// A gap in both whose weight or state changed.
#[derive(Serialize)]
pub struct ChangedGap {
    pub gap: SinceGap,
    /// What changed, each as a sentence (`since.change.<what>`).
    pub changes: Vec<Sentence>,
}

#[derive(Serialize)]
pub struct MovedItem {
    pub id: String,
    pub name: Option<String>,
    pub href: Option<String>,
    pub org_name: Option<String>,
    pub before: Option<u32>,
    pub after: Option<u32>,
    pub before_start: Option<Date>,
    pub after_start: Option<Date>,
    /// It moved to a later wave, or lost its wave.
    pub later: bool,
}

/// `g`, found in project `p` against target `t`, as a row linked into the current report.
fn gap_row(links: &Links, p: &Project, t: &Target, g: &Gap) -> SinceGap {
    let now = links.p;
    let asset = g.asset_idx.map(|i| p.asset(i));
    let here = g.asset.as_deref().and_then(|a| now.find_asset(&g.org, a));
    SinceGap {
        org: g.org.clone(),
        org_name: p.org(g.org_idx).name().to_string(),
        org_href: now.org_by_id(&g.org).map(|o| links.org_link(o).href),
        asset: g.asset.clone(),
        asset_name: asset.map(|a| a.name.clone()),
        href: here.map(|i| links.asset_link(i)),
        rule: g.rule.clone(),
        rule_title: t
            .rules
            .get(g.rule_idx)
            .map_or_else(|| g.rule.clone(), |r| r.title.clone()),
        kind: g.kind,
        severity: g.severity,
        reason: sentence::finding(&g.finding, t),
        hours: g.hours.get(),
        cost: g.cost.get(),
        waived: g.waived,
        src: links.src(g.file.as_deref().unwrap_or_default(), g.line),
    }
}

fn by_weight(x: &SinceGap, y: &SinceGap) -> std::cmp::Ordering {
    y.severity
        .cmp(&x.severity)
        .then_with(|| (&x.org, &x.asset, &x.rule).cmp(&(&y.org, &y.asset, &y.rule)))
}

fn changes(b: &Gap, a: &Gap) -> Vec<Sentence> {
    let key = |s: Severity| serde_json::json!({ "key": format!("severity.{s}") });
    let mut out = Vec::new();
    if b.severity != a.severity {
        out.push(
            Sentence::new("since.change.severity")
                .with("before", key(b.severity))
                .with("after", key(a.severity)),
        );
    }
    if b.hours != a.hours {
        out.push(
            Sentence::new("since.change.hours")
                .with("before", sentence::hours(b.hours.get()))
                .with("after", sentence::hours(a.hours.get())),
        );
    }
    if b.cost != a.cost {
        out.push(
            Sentence::new("since.change.cost")
                .with("before", serde_json::json!({ "money": b.cost.get() }))
                .with("after", serde_json::json!({ "money": a.cost.get() })),
        );
    }
    if b.action != a.action || b.component != a.component {
        out.push(
            Sentence::new("since.change.action")
                .with(
                    "before",
                    serde_json::json!({ "key": format!("action.{}", b.action.as_str()) }),
                )
                .with(
                    "after",
                    serde_json::json!({ "key": format!("action.{}", a.action.as_str()) }),
                ),
        );
    }
    if b.waived != a.waived {
        out.push(Sentence::new(if a.waived {
            "since.change.waived"
        } else {
            "since.change.unwaived"
        }));
    }
    out
}

/// The changes page: `now` is the report's study, `before` the same target's study at the
/// revision (`None` when the target did not exist there), `gaps` the comparison of their
/// analyses.
pub fn page(
    links: &Links,
    now: &Study,
    before: Option<&Study>,
    gaps: &Comparison,
    revision: Revision,
) -> SincePage {
    let old_p = before.map_or(links.p, |b| b.project);
    let old_t = before.map_or(now.target, |b| b.target);
    let mut added: Vec<SinceGap> = gaps
        .added
        .iter()
        .map(|g| gap_row(links, now.project, now.target, g))
        .collect();
    added.sort_by(by_weight);
    let mut removed: Vec<SinceGap> = gaps
        .removed
        .iter()
        .map(|g| gap_row(links, old_p, old_t, g))
        .collect();
    removed.sort_by(by_weight);
    let changed: Vec<ChangedGap> = gaps
        .changed
        .iter()
        .map(|c| ChangedGap {
            gap: gap_row(links, now.project, now.target, &c.after),
            changes: changes(&c.before, &c.after),
        })
        .collect();
    let plans = match (before.and_then(|b| b.plan.as_ref()), now.plan.as_ref()) {
        (Some(b), Some(a)) => Some((b, a, compare::compare(b, a))),
        _ => None,
    };
    let moved = plans.as_ref().map(|(b, a, c)| {
        let start = |plan: &crate::waves::WavePlan, n: Option<u32>| {
            n.and_then(|n| plan.waves.iter().find(|w| w.number == n).map(|w| w.start))
        };
        let mut rows: Vec<MovedItem> = c
            .moved
            .iter()
            .map(|m| {
                let it = a.item(m.item);
                let asset = match it.kind {
                    crate::waves::ItemKind::Asset(x) => Some(x),
                    _ => None,
                };
                MovedItem {
                    id: m.id.clone(),
                    name: asset.map(|x| links.p.asset(x).name.clone()).or_else(|| {
                        it.component
                            .as_deref()
                            .and_then(|c| now.target.component(c))
                            .map(|c| c.name.clone())
                    }),
                    href: asset.map(|x| links.asset_link(x)),
                    org_name: it.org.map(|o| links.p.org(o).name().to_string()),
                    before: m.before,
                    after: m.after,
                    before_start: start(b, m.before),
                    after_start: start(a, m.after),
                    later: match (m.before, m.after) {
                        (Some(x), Some(y)) => y > x,
                        (Some(_), None) => true,
                        _ => false,
                    },
                }
            })
            .collect();
        rows.sort_by(|x, y| {
            (x.after.is_none(), x.after, &x.id).cmp(&(y.after.is_none(), y.after, &y.id))
        });
        list(rows)
    });
    let (b, a) = (totals(&gaps.before), totals(&gaps.after));
    let mut summary = vec![
        Sentence::new("since.summary.gaps")
            .with("n", Value::from(gaps.removed.len()))
            .with("added", Value::from(gaps.added.len()))
            .with("changed", Value::from(gaps.changed.len())),
        Sentence::new("since.summary.open")
            .with("n", Value::from(a.gaps))
            .with("before", Value::from(b.gaps))
            .with("hours", sentence::hours(a.hours))
            .with("hours_before", sentence::hours(b.hours)),
    ];
    if let Some((_, _, c)) = &plans {
        summary.push(
            Sentence::new("since.summary.moved")
                .with("n", Value::from(c.moved.len()))
                .with("later", Value::from(c.later())),
        );
        if c.end_before != c.end_after {
            summary.push(
                Sentence::new("since.summary.end")
                    .with("after", c.end_after.map_or(Value::Null, sentence::date))
                    .with("before", c.end_before.map_or(Value::Null, sentence::date)),
            );
        }
        if c.late_before != c.late_after {
            summary.push(
                Sentence::new("since.summary.late")
                    .with("n", Value::from(c.late_after.0))
                    .with("before", Value::from(c.late_before.0)),
            );
        }
    }
    SincePage {
        revision,
        new_target: before.is_none(),
        before: b,
        after: a,
        summary,
        added: list(added),
        removed: list(removed),
        changed: list(changed),
        new_items: plans.as_ref().map_or(0, |(_, _, c)| c.added.len()),
        done_items: plans.as_ref().map_or(0, |(_, _, c)| c.removed.len()),
        end_before: plans.as_ref().and_then(|(_, _, c)| c.end_before),
        end_after: plans.as_ref().and_then(|(_, _, c)| c.end_after),
        moved,
    }
}

/// One line for the terminal: `3 gaps closed, 2 added, 1 changed; 5 items moved between waves`.
pub fn short(s: &SincePage) -> String {
    let mut out = format!(
        "since {} ({}): {} gap{} closed, {} added, {} changed",
        s.revision.rev,
        s.revision.commit,
        s.removed.total,
        if s.removed.total == 1 { "" } else { "s" },
        s.added.total,
        s.changed.total
    );
    if let Some(m) = &s.moved {
        out.push_str(&format!(
            "; {} item{} moved to another wave",
            m.total,
            if m.total == 1 { "" } else { "s" }
        ));
    }
    out
}
