//! Renderings of a migration plan (`samdrift waves`): a terminal table, JSON (docs/format.md §5),
//! Markdown for the pre-study report, and CSV for the steering group's spreadsheet.
//!
//! All four are built from [`Doc`], the plan with names resolved, so they cannot disagree.

use crate::gaps::{Analysis, GapKind};
use crate::model::{Date, Num, Project, Severity};
use crate::waves::{Hold, Item, ItemIdx, ItemKind, WavePlan};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The plan as the JSON of docs/format.md §5; fields after `warnings` are extras.
#[derive(Serialize)]
pub struct Doc<'a> {
    pub target: &'a str,
    pub lower_bound: u32,
    pub waves: Vec<DocWave<'a>>,
    pub warnings: Vec<DocWarning<'a>>,
    /// Items that could not be placed, with the reason.
    pub unplaced: Vec<DocItem<'a>>,
    pub move_groups: Vec<DocGroup<'a>>,
    pub bounds: DocBounds,
    pub plan: DocSettings,
    pub summary: DocSummary,
}

#[derive(Serialize)]
pub struct DocWave<'a> {
    pub number: u32,
    pub start: Date,
    pub end: Date,
    pub hours: Num,
    pub items: Vec<DocItem<'a>>,
    /// Hours per organisation (establish work belongs to none).
    pub org_hours: BTreeMap<&'a str, Num>,
}

#[derive(Serialize)]
pub struct DocItem<'a> {
    pub id: &'a str,
    /// Unplaced items only (v1.2): `full`, `blocked`, `contract` or `horizon`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// Unplaced items only: why it has no wave (the reason's message).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<&'a str>,
    pub org: Option<&'a str>,
    pub asset: Option<&'a str>,
    pub component: Option<&'a str>,
    pub action: &'static str,
    pub hours: Num,
    pub after: Vec<&'a str>,
    /// (v1.2) For an asset whose contract renews itself: the date by which to give notice
    /// so that the contract ends as the item leaves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice_by: Option<Date>,
    /// (v1.2) The asset's effective contract end as of the run date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_end: Option<Date>,
    /// (v1.2) The earliest wave any plan could give it (capacity and freezes aside).
    pub earliest_possible: Option<u32>,
    pub reason: DocReason<'a>,
    pub severity: Option<Severity>,
    pub move_group: Option<&'a str>,
    pub gaps: Vec<DocGap<'a>>,
}

#[derive(Serialize)]
pub struct DocReason<'a> {
    /// `start`, `dependency`, `contract`, `freeze`, `capacity`, `org-capacity`, `oversize`,
    /// `horizon` or (v1.2) `full`.
    pub kind: &'static str,
    /// The item it waits for (`dependency`, `oversize`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<&'a str>,
    /// The earliest wave dependencies and contracts allowed.
    pub earliest: Option<u32>,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct DocGap<'a> {
    pub rule: &'a str,
    pub kind: GapKind,
    pub severity: Severity,
    pub hours: Num,
}

#[derive(Serialize)]
pub struct DocWarning<'a> {
    pub item: &'a str,
    pub kind: &'static str,
    /// `late` only (v1.2): whether some plan could have had the item on time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avoidable: Option<bool>,
    /// `stranded` only (v1.2): the asset left in the room, `org/id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct DocGroup<'a> {
    pub id: &'a str,
    pub items: Vec<&'a str>,
    pub hours: Num,
    pub wave: Option<u32>,
}

/// The bounds of [`crate::waves::Bounds`] but `lower_bound`, which stands at the top.
#[derive(Serialize)]
pub struct DocBounds {
    pub chain: u32,
    pub hours: u32,
    pub layers: u32,
    pub org_hours: u32,
    pub calendar: u32,
    pub best: u32,
    /// (v1.2) Late items no plan could avoid.
    pub unavoidable_late: u32,
}

#[derive(Serialize)]
pub struct DocSettings {
    /// (v1.2) The run date: waves that end before it are past and not listed.
    pub run_date: Date,
    /// The number of the first wave that is not past.
    pub first_wave: u32,
    pub start: Date,
    pub wave_months: u32,
    pub capacity_hours: Num,
    pub org_capacity_hours: Option<Num>,
    pub horizon_end: Date,
}

#[derive(Serialize)]
pub struct DocSummary {
    pub items: usize,
    pub hours: Num,
    /// Waves with items.
    pub waves: usize,
    /// The number of the last wave: how long the plan runs.
    pub last_wave: u32,
    pub end: Option<Date>,
    pub unplaced: usize,
    /// (v1.2) Items with a `late` warning, and of them those some plan could have avoided.
    pub late: usize,
    pub avoidable_late: usize,
}

/// Resolves the names of a plan made from `a`.
pub fn doc<'a>(p: &'a Project, a: &'a Analysis, plan: &'a WavePlan) -> Doc<'a> {
    let item = |i: ItemIdx| doc_item(p, a, plan, plan.item(i));
    Doc {
        target: &plan.target,
        lower_bound: plan.bounds.lower_bound,
        waves: plan
            .waves
            .iter()
            .map(|w| DocWave {
                number: w.number,
                start: w.start,
                end: w.end,
                hours: w.hours,
                items: w.items.iter().map(|&i| item(i)).collect(),
                org_hours: w
                    .org_hours
                    .iter()
                    .map(|&(o, h)| (p.org(o).id.as_str(), h))
                    .collect(),
            })
            .collect(),
        warnings: plan
            .warnings
            .iter()
            .map(|w| DocWarning {
                item: &plan.item(w.item).id,
                kind: w.kind.as_str(),
                avoidable: w.avoidable(),
                asset: w.asset().map(|a| p.asset_ref(a)),
                message: &w.message,
            })
            .collect(),
        unplaced: plan.unplaced.iter().map(|&i| item(i)).collect(),
        move_groups: plan
            .move_groups()
            .map(|g| DocGroup {
                id: g.name.as_deref().unwrap_or_default(),
                items: g.items.iter().map(|&i| plan.item(i).id.as_str()).collect(),
                hours: g.hours,
                wave: g.wave,
            })
            .collect(),
        bounds: DocBounds {
            chain: plan.bounds.chain,
            hours: plan.bounds.hours,
            layers: plan.bounds.layers,
            org_hours: plan.bounds.org_hours,
            calendar: plan.bounds.calendar,
            best: plan.bounds.best,
            unavoidable_late: plan.bounds.unavoidable_late,
        },
        plan: DocSettings {
            run_date: plan.run_date,
            first_wave: plan.first_wave,
            start: plan.start,
            wave_months: plan.wave_months,
            capacity_hours: plan.capacity_hours,
            org_capacity_hours: plan.org_capacity_hours,
            horizon_end: plan.horizon_end,
        },
        summary: DocSummary {
            items: plan.items.len(),
            hours: plan.hours(),
            waves: plan.waves.len(),
            last_wave: plan.span(),
            end: plan.end(),
            unplaced: plan.unplaced.len(),
            late: plan.late().0,
            avoidable_late: plan.late().1,
        },
    }
}

fn doc_item<'a>(p: &'a Project, a: &'a Analysis, plan: &'a WavePlan, it: &'a Item) -> DocItem<'a> {
    let asset = match it.kind {
        ItemKind::Asset(ai) => Some(p.asset(ai).id.as_str()),
        _ => None,
    };
    let on = match it.reason.hold {
        Hold::Dependency { on } | Hold::Oversize { by: Some(on), .. } => {
            Some(plan.item(on).id.as_str())
        }
        _ => None,
    };
    DocItem {
        id: &it.id,
        kind: it.unplaced.map(|k| k.as_str()),
        message: it.unplaced.map(|_| it.reason.message.as_str()),
        org: it.org.map(|o| p.org(o).id.as_str()),
        asset,
        component: it.component.as_deref(),
        action: it.action.as_str(),
        hours: it.hours,
        after: it.after.iter().map(|&i| plan.item(i).id.as_str()).collect(),
        notice_by: it.notice_by,
        contract_end: it.contract_end,
        earliest_possible: it.earliest_possible,
        reason: DocReason {
            kind: it.reason.hold.code(),
            on,
            earliest: it.reason.earliest,
            message: &it.reason.message,
        },
        severity: it.severity,
        move_group: plan.group(it.group).name.as_deref(),
        gaps: it
            .gaps
            .iter()
            .map(|&gi| {
                let g = &a.gaps[gi];
                DocGap {
                    rule: &g.rule,
                    kind: g.kind,
                    severity: g.severity,
                    hours: g.hours,
                }
            })
            .collect(),
    }
}

pub fn json(d: &Doc) -> String {
    serde_json::to_string_pretty(d).unwrap_or_default() + "\n"
}

fn headline(d: &Doc) -> String {
    let s = &d.summary;
    let span = match (d.waves.first(), s.end) {
        (Some(first), Some(end)) => format!(
            "{} wave{} with work up to wave {}, {} – {end}",
            s.waves,
            crate::diag::plural(s.waves),
            s.last_wave,
            first.start
        ),
        _ => "no waves".to_string(),
    };
    let past = if d.plan.first_wave > 1 {
        format!(
            " (as of {}: waves before wave {} are past)",
            d.plan.run_date, d.plan.first_wave
        )
    } else {
        String::new()
    };
    format!(
        "{span}{past}; lower bound {} (chain {}, hours {}; {} counting layers, org shares and the calendar); {} item{}, {} hours; {} late ({} avoidable; {} item{} late in any plan){}",
        d.lower_bound,
        d.bounds.chain,
        d.bounds.hours,
        d.bounds.best,
        s.items,
        crate::diag::plural(s.items),
        s.hours,
        s.late,
        s.avoidable_late,
        d.bounds.unavoidable_late,
        crate::diag::plural(d.bounds.unavoidable_late as usize),
        if s.unplaced > 0 {
            format!("; {} unplaced", s.unplaced)
        } else {
            String::new()
        }
    )
}

/// What follows an item's reason in the table and Markdown: the notice date, if any.
fn notice(it: &DocItem) -> String {
    it.notice_by
        .map(|d| format!(" (give notice by {d})"))
        .unwrap_or_default()
}

/// A warning's kind as shown: `late` says whether it was avoidable.
fn warning_kind(w: &DocWarning) -> String {
    match w.avoidable {
        Some(true) => format!("{} (avoidable)", w.kind),
        Some(false) => format!("{} (unavoidable)", w.kind),
        None => w.kind.to_string(),
    }
}

fn org_line(w: &DocWave) -> String {
    w.org_hours
        .iter()
        .map(|(o, h)| format!("{o} {h}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn group_tag(it: &DocItem) -> String {
    it.move_group.map(|g| format!("[{g}] ")).unwrap_or_default()
}

/// The plan for a terminal: one block per wave, then unplaced items and warnings.
pub fn table(d: &Doc) -> String {
    let width = d
        .waves
        .iter()
        .flat_map(|w| &w.items)
        .chain(&d.unplaced)
        .map(|i| i.id.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    let mut out = format!("Migration waves for {}: {}\n", d.target, headline(d));
    let row = |out: &mut String, it: &DocItem| {
        let _ = writeln!(
            out,
            "  {:<width$}  {:<12} {:>8} h  {}{}: {}{}",
            it.id,
            it.action,
            it.hours.to_string(),
            group_tag(it),
            it.kind.unwrap_or(it.reason.kind),
            crate::diag::escape(it.reason.message),
            notice(it)
        );
    };
    for w in &d.waves {
        let _ = write!(
            out,
            "\nWave {}  {} – {}  {} h",
            w.number, w.start, w.end, w.hours
        );
        if !w.org_hours.is_empty() {
            let _ = write!(out, "  ({})", org_line(w));
        }
        out.push('\n');
        for it in &w.items {
            row(&mut out, it);
        }
    }
    if !d.unplaced.is_empty() {
        let _ = writeln!(out, "\nUnplaced ({})", d.unplaced.len());
        for it in &d.unplaced {
            row(&mut out, it);
        }
    }
    if !d.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings ({})", d.warnings.len());
        for w in &d.warnings {
            let _ = writeln!(
                out,
                "  {:<18} {}: {}",
                warning_kind(w),
                w.item,
                crate::diag::escape(w.message)
            );
        }
    }
    out
}

fn md(s: &str) -> String {
    crate::diag::escape(s).replace('|', "\\|")
}

/// The plan as Markdown, for the pre-study report.
pub fn markdown(d: &Doc) -> String {
    let mut out = format!("# Migration waves: {}\n\n{}\n", d.target, headline(d));
    let table = |out: &mut String, items: &[DocItem]| {
        out.push_str("\n| item | action | hours | after | reason |\n|---|---|--:|---|---|\n");
        for it in items {
            let after = it
                .after
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {}**{}**: {}{} |",
                it.id,
                it.action,
                it.hours,
                after,
                md(&group_tag(it)),
                it.kind.unwrap_or(it.reason.kind),
                md(it.reason.message),
                md(&notice(it))
            );
        }
    };
    for w in &d.waves {
        let _ = writeln!(
            out,
            "\n## Wave {}: {} – {} ({} hours)",
            w.number, w.start, w.end, w.hours
        );
        if !w.org_hours.is_empty() {
            let _ = writeln!(out, "\nHours per organisation: {}", org_line(w));
        }
        table(&mut out, &w.items);
    }
    if !d.unplaced.is_empty() {
        out.push_str("\n## Unplaced\n");
        table(&mut out, &d.unplaced);
    }
    if !d.warnings.is_empty() {
        out.push_str("\n## Warnings\n\n| item | kind | message |\n|---|---|---|\n");
        for w in &d.warnings {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                w.item,
                warning_kind(w),
                md(w.message)
            );
        }
    }
    out
}

/// One row per item, unplaced items last with an empty wave: the steering group's sheet.
pub fn csv(d: &Doc) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut warnings: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut late: BTreeMap<&str, &str> = BTreeMap::new();
    for x in &d.warnings {
        let kinds = warnings.entry(x.item).or_default();
        if !kinds.contains(&x.kind) {
            kinds.push(x.kind);
        }
        match x.avoidable {
            Some(true) => late.insert(x.item, "avoidable"),
            Some(false) => late.insert(x.item, "unavoidable"),
            None => None,
        };
    }
    let header = [
        "wave",
        "start",
        "end",
        "item",
        "org",
        "asset",
        "component",
        "action",
        "severity",
        "hours",
        "move_group",
        "after",
        "reason",
        "reason_detail",
        "warnings",
        "unplaced",
        "late",
        "contract_end",
        "notice_by",
    ];
    let mut rows: Vec<[String; 19]> = Vec::new();
    let mut push = |wave: Option<&DocWave>, it: &DocItem| {
        rows.push([
            wave.map(|w| w.number.to_string()).unwrap_or_default(),
            wave.map(|w| w.start.to_string()).unwrap_or_default(),
            wave.map(|w| w.end.to_string()).unwrap_or_default(),
            it.id.to_string(),
            it.org.unwrap_or_default().to_string(),
            it.asset.unwrap_or_default().to_string(),
            it.component.unwrap_or_default().to_string(),
            it.action.to_string(),
            it.severity
                .map(|s| s.as_str())
                .unwrap_or_default()
                .to_string(),
            it.hours.to_string(),
            it.move_group.unwrap_or_default().to_string(),
            it.after.join(" "),
            it.reason.kind.to_string(),
            it.reason.message.to_string(),
            warnings.get(it.id).map(|k| k.join(" ")).unwrap_or_default(),
            it.kind.unwrap_or_default().to_string(),
            late.get(it.id).copied().unwrap_or_default().to_string(),
            it.contract_end.map(|x| x.to_string()).unwrap_or_default(),
            it.notice_by.map(|x| x.to_string()).unwrap_or_default(),
        ]);
    };
    for wave in &d.waves {
        for it in &wave.items {
            push(Some(wave), it);
        }
    }
    for it in &d.unplaced {
        push(None, it);
    }
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for r in &rows {
        let _ = w.write_record(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
