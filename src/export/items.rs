//! Wave items as rows, for `samdrift export jira-csv` and `samdrift export csv`.
//!
//! The planner's waves become [`ItemRow`]s in one conversion (one row per wave item); the
//! two writers here only format rows. Jira's CSV importer maps the columns by their titles:
//! Summary, Description, Issue Type, Fix Version, Component, Original Estimate (in seconds,
//! as Jira's importer expects) and Labels.

/// One wave item, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRow {
    /// The item id: `establish:<component>`, `<org>/<asset>`, `<org>/missing:<rule>`.
    pub id: String,
    pub summary: String,
    /// The reasons: one line per gap.
    pub description: String,
    pub wave: u32,
    /// The wave's dates, `2025-01-01–2025-03-31`.
    pub wave_span: String,
    /// `None` for establish items, which belong to no organisation.
    pub org: Option<String>,
    pub action: String,
    pub hours: f64,
    pub cost: f64,
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

/// Rows for Jira's CSV importer: each wave is a fix version (`Wave 1`), each org a component.
pub fn jira_csv(rows: &[ItemRow]) -> String {
    let mut w = writer();
    let _ = w.write_record([
        "Issue Type",
        "Summary",
        "Description",
        "Fix Version",
        "Component",
        "Original Estimate",
        "Labels",
    ]);
    for r in rows {
        let seconds = (r.hours * 3600.0).round() as u64;
        let _ = w.write_record([
            "Task",
            &r.summary,
            &r.description,
            &format!("Wave {}", r.wave),
            r.org.as_deref().unwrap_or(""),
            &seconds.to_string(),
            &format!("samdrift {}", r.action),
        ]);
    }
    finish(w)
}

/// Plain rows for a spreadsheet.
pub fn csv(rows: &[ItemRow]) -> String {
    let mut w = writer();
    let _ = w.write_record([
        "wave",
        "wave_dates",
        "id",
        "org",
        "action",
        "summary",
        "description",
        "hours",
        "cost",
    ]);
    for r in rows {
        let _ = w.write_record([
            &r.wave.to_string(),
            &r.wave_span,
            &r.id,
            r.org.as_deref().unwrap_or(""),
            &r.action,
            &r.summary,
            &r.description,
            &fmt_num(r.hours),
            &fmt_num(r.cost),
        ]);
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> ItemRow {
        ItemRow {
            id: "gnosjo/exchange".into(),
            summary: "Migrate Exchange 2016, \"mail\"".into(),
            description: "end-of-support: 2025-10-14\nmigrate to shared-mail".into(),
            wave: 2,
            wave_span: "2025-04-01–2025-06-30".into(),
            org: Some("gnosjo".into()),
            action: "migrate".into(),
            hours: 1.5,
            cost: 1275.0,
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
    }

    #[test]
    fn plain_rows() {
        let text = csv(&[row()]);
        assert!(
            text.starts_with("wave,wave_dates,id,org,action,summary,description,hours,cost\r\n")
        );
        assert!(text.contains(",1.5,1275\r\n"));
    }
}
