//! Wave items as rows, for `samdrift export jira-csv` and `samdrift export csv`.
//!
//! The planner's waves become [`ItemRow`]s in one conversion, [`rows`] (one row per wave
//! item, then the unplaced items); the two writers here only format rows. Jira's CSV
//! importer maps the columns by their titles: Summary, Description, Issue Type, Fix Version,
//! Component, Original Estimate (in seconds, as Jira's importer expects), Due Date and
//! Labels; the samdrift columns can be mapped to custom fields or left out.

use crate::gaps::Analysis;
use crate::model::{Date, Project, Target};
use crate::waves::{ItemIdx, ItemKind, WavePlan};
use std::fmt::Write as _;

/// One wave item, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRow {
    /// The planner's item it was made from.
    pub item: ItemIdx,
    /// The item id: `establish:<component>`, `<org>/<asset>`, `<org>/missing:<rule>`.
    pub id: String,
    pub summary: String,
    /// Why it is in its wave (or unplaced), one line per gap it closes, and what it follows.
    pub description: String,
    /// `None` when the item could not be placed.
    pub wave: Option<u32>,
    /// The wave's first and last day.
    pub wave_dates: Option<(Date, Date)>,
    /// `None` for establish items, which belong to no organisation.
    pub org: Option<String>,
    pub action: String,
    pub hours: f64,
    /// Hours × the target's hourly rate, plus the rules' costs (the establish cost for an
    /// establish item).
    pub cost: f64,
    /// The ids of the items that must be done in earlier waves.
    pub after: Vec<String>,
    /// The kind of reason for its wave: `start`, `dependency`, … `horizon`.
    pub reason: String,
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The rows of a plan made for target `t` from analysis `a`: the items of each wave in wave
/// order, then the unplaced items (with no wave).
pub fn rows(p: &Project, t: &Target, a: &Analysis, plan: &WavePlan) -> Vec<ItemRow> {
    let placed = plan
        .waves
        .iter()
        .flat_map(|w| w.items.iter().map(move |&i| (i, Some(w))));
    let unplaced = plan.unplaced.iter().map(|&i| (i, None));
    placed
        .chain(unplaced)
        .map(|(i, w)| row(p, t, a, plan, i, w))
        .collect()
}

fn row(
    p: &Project,
    t: &Target,
    a: &Analysis,
    plan: &WavePlan,
    i: ItemIdx,
    wave: Option<&crate::waves::Wave>,
) -> ItemRow {
    let it = plan.item(i);
    let action = it.action.as_str();
    let component_name = |id: &str| t.component(id).map_or(id, |c| c.name.as_str()).to_string();
    let (summary, cost) = match it.kind {
        ItemKind::Establish { component } => {
            let c = &t.components[component];
            (
                format!("Establish {}", c.name),
                c.establish_hours.get() * t.hourly_rate.get() + c.establish_cost.get(),
            )
        }
        ItemKind::Asset(ai) => {
            let asset = p.asset(ai);
            let onto = it
                .component
                .as_deref()
                .map(|c| format!(" to {}", component_name(c)))
                .unwrap_or_default();
            (
                format!(
                    "{} {} ({}){onto}",
                    capitalised(action),
                    asset.name,
                    p.org(asset.org).id
                ),
                it.gaps.iter().map(|&g| a.gaps[g].cost.get()).sum(),
            )
        }
        ItemKind::Missing { gap } => {
            let g = &a.gaps[gap];
            (
                format!(
                    "{} for {}: {}",
                    capitalised(action),
                    g.org,
                    t.rules[g.rule_idx].title
                ),
                g.cost.get(),
            )
        }
    };
    let after: Vec<String> = it.after.iter().map(|&x| plan.item(x).id.clone()).collect();
    let mut description = match wave {
        Some(w) => format!("Wave {}: {}", w.number, it.reason.message),
        None => format!("Unplaced: {}", it.reason.message),
    };
    if let Some(g) = &plan.group(it.group).name {
        let _ = write!(description, "\nMove group {g}: planned together");
    }
    for &gi in &it.gaps {
        let g = &a.gaps[gi];
        let _ = write!(
            description,
            "\n{} ({}, {} h): {}",
            g.rule,
            g.severity.as_str(),
            g.hours,
            g.message()
        );
    }
    if !after.is_empty() {
        let _ = write!(description, "\nAfter: {}", after.join(", "));
    }
    ItemRow {
        item: i,
        id: it.id.clone(),
        summary,
        description,
        wave: wave.map(|w| w.number),
        wave_dates: wave.map(|w| (w.start, w.end)),
        org: it.org.map(|o| p.org(o).id.clone()),
        action: action.to_string(),
        hours: it.hours.get(),
        cost: crate::gaps::tidy(cost).get(),
        after,
        reason: it.reason.hold.code().to_string(),
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    // Writing into a Vec cannot fail.
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn fmt_num(v: f64) -> String {
    crate::model::Num(v).to_string()
}

/// Rows for Jira's CSV importer: each wave is a fix version (`Wave 1`; empty for an
/// unplaced item, which is labelled `unplaced`), each org a component, the wave's last day
/// the due date (`yyyy-MM-dd`). Jira takes one label per column (a cell holding
/// `samdrift migrate` would be one label with a space in it, which Jira refuses), so the
/// labels `samdrift`, the action and `unplaced` are three columns all titled `Labels`; the
/// third is empty for a placed item.
pub fn jira_csv(rows: &[ItemRow]) -> String {
    let mut w = writer();
    let _ = w.write_record([
        "Issue Type",
        "Summary",
        "Description",
        "Fix Version",
        "Component",
        "Original Estimate",
        "Due Date",
        "Labels",
        "Labels",
        "Labels",
        "samdrift id",
        "samdrift after",
    ]);
    for r in rows {
        let seconds = (r.hours * 3600.0).round() as u64;
        let _ = w.write_record([
            "Task",
            &r.summary,
            &r.description,
            &r.wave.map(|n| format!("Wave {n}")).unwrap_or_default(),
            r.org.as_deref().unwrap_or(""),
            &seconds.to_string(),
            &r.wave_dates
                .map(|(_, end)| end.to_string())
                .unwrap_or_default(),
            "samdrift",
            &r.action,
            if r.wave.is_none() { "unplaced" } else { "" },
            &r.id,
            &r.after.join(" "),
        ]);
    }
    finish(w)
}

/// Plain rows for a spreadsheet; an unplaced item has an empty wave.
pub fn csv(rows: &[ItemRow]) -> String {
    let mut w = writer();
    let _ = w.write_record([
        "wave",
        "wave_start",
        "wave_end",
        "id",
        "org",
        "action",
        "summary",
        "description",
        "hours",
        "cost",
        "after",
        "reason",
    ]);
    for r in rows {
        let (start, end) = r
            .wave_dates
            .map(|(s, e)| (s.to_string(), e.to_string()))
            .unwrap_or_default();
        let _ = w.write_record([
            &r.wave.map(|n| n.to_string()).unwrap_or_default(),
            &start,
            &end,
            &r.id,
            r.org.as_deref().unwrap_or(""),
            &r.action,
            &r.summary,
            &r.description,
            &fmt_num(r.hours),
            &fmt_num(r.cost),
            &r.after.join(" "),
            &r.reason,
        ]);
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> ItemRow {
        ItemRow {
            item: ItemIdx(3),
            id: "gnosjo/exchange".into(),
            summary: "Migrate Exchange 2016, \"mail\"".into(),
            description: "end-of-support: 2025-10-14\nmigrate to shared-mail".into(),
            wave: Some(2),
            wave_dates: Some((
                Date::from_ymd_opt(2025, 4, 1).unwrap(),
                Date::from_ymd_opt(2025, 6, 30).unwrap(),
            )),
            org: Some("gnosjo".into()),
            action: "migrate".into(),
            hours: 1.5,
            cost: 1275.0,
            after: vec!["establish:shared-mail".into(), "gnosjo/ad".into()],
            reason: "dependency".into(),
        }
    }

    #[test]
    fn jira_rows_quote_and_estimate_in_seconds() {
        let text = jira_csv(&[row()]);
        let mut r = ::csv::Reader::from_reader(text.as_bytes());
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[1], "Migrate Exchange 2016, \"mail\"");
        assert_eq!(
            &rec[2],
            "end-of-support: 2025-10-14\nmigrate to shared-mail"
        );
        assert_eq!(&rec[3], "Wave 2");
        assert_eq!(&rec[4], "gnosjo");
        assert_eq!(&rec[5], "5400");
        assert_eq!(&rec[6], "2025-06-30");
        assert_eq!((&rec[7], &rec[8], &rec[9]), ("samdrift", "migrate", ""));
        assert_eq!(&rec[10], "gnosjo/exchange");
        assert_eq!(&rec[11], "establish:shared-mail gnosjo/ad");
    }

    #[test]
    fn unplaced_rows_have_no_wave() {
        let mut r = row();
        r.wave = None;
        r.wave_dates = None;
        let text = jira_csv(std::slice::from_ref(&r));
        let rec = ::csv::Reader::from_reader(text.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        assert_eq!((&rec[3], &rec[6]), ("", ""));
        assert_eq!(
            (&rec[7], &rec[8], &rec[9]),
            ("samdrift", "migrate", "unplaced")
        );
        let text = csv(&[r]);
        assert!(text.contains("\r\n,,,gnosjo/exchange,"), "{text}");
    }

    /// The rows of a real plan (tests/fixtures/export/waves: every kind of item, unplaced
    /// ones too), written and read back, are the plan's items: same count, ids, waves and
    /// hours, placed items in wave order and the unplaced ones after them.
    #[test]
    fn csv_rows_are_the_plans_items() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/waves");
        let loaded = crate::load::load(&root);
        assert!(!loaded.has_errors());
        let p = &loaded.project;
        let t = &p.targets[0];
        let g = crate::graph::Graph::build(p);
        let a = crate::gaps::analyse(p, &g, t, Date::from_ymd_opt(2026, 1, 1).unwrap());
        let plan = crate::waves::plan(p, &g, t, &a).unwrap();
        assert!(plan.waves.len() > 1 && !plan.unplaced.is_empty());

        let text = csv(&rows(p, t, &a, &plan));
        let read: Vec<::csv::StringRecord> = ::csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
        let expected: Vec<(String, String, String, String, String)> = plan
            .waves
            .iter()
            .flat_map(|w| w.items.iter().map(move |&i| (Some(w), i)))
            .chain(plan.unplaced.iter().map(|&i| (None, i)))
            .map(|(w, i)| {
                let it = plan.item(i);
                (
                    it.wave.map(|n| n.to_string()).unwrap_or_default(),
                    w.map(|w| w.start.to_string()).unwrap_or_default(),
                    w.map(|w| w.end.to_string()).unwrap_or_default(),
                    it.id.clone(),
                    it.hours.to_string(),
                )
            })
            .collect();
        let got: Vec<(String, String, String, String, String)> = read
            .iter()
            .map(|r| {
                (
                    r[0].to_string(),
                    r[1].to_string(),
                    r[2].to_string(),
                    r[3].to_string(),
                    r[8].to_string(),
                )
            })
            .collect();
        assert_eq!(got.len(), plan.items.len());
        assert_eq!(got, expected);
        let hours: f64 = read.iter().map(|r| r[8].parse::<f64>().unwrap()).sum();
        assert_eq!(hours, plan.hours().get());
        // Jira: one row per item too, the fix version the wave.
        let jira = jira_csv(&rows(p, t, &a, &plan));
        let fix: Vec<String> = ::csv::Reader::from_reader(jira.as_bytes())
            .records()
            .map(|r| r.unwrap()[3].to_string())
            .collect();
        let waves: Vec<String> = expected
            .iter()
            .map(|e| {
                if e.0.is_empty() {
                    String::new()
                } else {
                    format!("Wave {}", e.0)
                }
            })
            .collect();
        assert_eq!(fix, waves);
    }

    #[test]
    fn plain_rows() {
        let text = csv(&[row()]);
        assert!(text.starts_with(
            "wave,wave_start,wave_end,id,org,action,summary,description,hours,cost,after,reason\r\n"
        ));
        assert!(text.contains(",1.5,1275,establish:shared-mail gnosjo/ad,dependency\r\n"));
    }
}
