//! `samdrift gaps --format table`: the gap list for a terminal, grouped by organisation,
//! at most 80 columns wide, with totals.

use super::{Paint, amount, by_severity, count, fit};
use crate::gaps::{Analysis, Gap};
use crate::model::{Project, Target};
use std::fmt::Write as _;

/// The widest line the table writes (an 80-column terminal).
pub const WIDTH: usize = 80;

/// Column widths, shared by every organisation's table so they line up. `kind` is 0 when
/// the KIND column is left out: it is shown only when asset and rule ids fit whole beside it.
struct Columns {
    sev: usize,
    asset: usize,
    rule: usize,
    kind: usize,
    hours: usize,
    cost: usize,
}

const INDENT: usize = 2;
const GAP: usize = 2;

impl Columns {
    fn new(a: &Analysis) -> Columns {
        let open = || a.open();
        let widest =
            |f: &dyn Fn(&Gap) -> usize, min: usize| open().map(f).max().unwrap_or(0).max(min);
        let mut c = Columns {
            sev: widest(&|g| g.severity.as_str().len(), "SEVERITY".len()),
            asset: widest(
                &|g| g.asset.as_deref().unwrap_or("-").chars().count(),
                "ASSET".len(),
            ),
            rule: widest(&|g| g.rule.chars().count(), "RULE".len()),
            kind: widest(&|g| g.kind.as_str().len(), "KIND".len()),
            hours: widest(&|g| amount(g.hours).chars().count(), "HOURS".len()),
            cost: widest(&|g| amount(g.cost).chars().count(), "COST".len()),
        };
        let fixed = INDENT + c.sev + c.hours + c.cost + 4 * GAP;
        if fixed + c.kind + GAP + c.asset + c.rule > WIDTH {
            c.kind = 0;
        }
        let kind = if c.kind > 0 { c.kind + GAP } else { 0 };
        // Asset and rule share what is left; the wider gives way first.
        let room = WIDTH.saturating_sub(fixed + kind).max(2 * 6);
        if c.asset + c.rule > room {
            let half = room / 2;
            if c.asset <= half {
                c.rule = room - c.asset;
            } else if c.rule <= half {
                c.asset = room - c.rule;
            } else {
                c.asset = half;
                c.rule = room - half;
            }
        }
        c
    }

    fn row(&self, paint: Paint, g: Option<&Gap>) -> String {
        let cells = match g {
            Some(g) => [
                g.severity.as_str().to_string(),
                g.asset.as_deref().unwrap_or("-").to_string(),
                g.rule.clone(),
                g.kind.as_str().to_string(),
                amount(g.hours),
                amount(g.cost),
            ],
            None => ["SEVERITY", "ASSET", "RULE", "KIND", "HOURS", "COST"].map(str::to_string),
        };
        let sev = format!("{:<w$}", cells[0], w = self.sev);
        let sev = match g {
            Some(g) => paint.severity(g.severity, &sev),
            None => sev,
        };
        let kind = if self.kind > 0 {
            format!("{:<w$}{:GAP$}", cells[3], "", w = self.kind)
        } else {
            String::new()
        };
        let line = format!(
            "{:INDENT$}{sev}{:GAP$}{:<aw$}{:GAP$}{:<rw$}{:GAP$}{kind}{:>hw$}{:GAP$}{:>cw$}",
            "",
            "",
            fit(&cells[1], self.asset),
            "",
            fit(&cells[2], self.rule),
            "",
            cells[4],
            "",
            cells[5],
            aw = self.asset,
            rw = self.rule,
            hw = self.hours,
            cw = self.cost,
        );
        match g {
            Some(_) => line,
            None => paint.dim(&line),
        }
    }
}

/// Renders the table. With `paint.on`, severities and headings are coloured.
pub fn render(p: &Project, t: &Target, a: &Analysis, paint: Paint) -> String {
    let mut out = String::new();
    let cur = &t.currency;
    let _ = writeln!(
        out,
        "{}",
        paint.bold(&format!("Gaps against {}, as of {}", t.id, a.as_of))
    );
    let _ = writeln!(out, "{}", fit(&crate::diag::escape(&t.name), WIDTH));
    if a.orgs.is_empty() {
        let _ = writeln!(
            out,
            "\nNo organisation in the target's scope has an inventory."
        );
        return out;
    }
    let cols = Columns::new(a);
    for (o, gaps) in super::per_org(a) {
        let org = p.org(o);
        let sum = crate::gaps::Summary::of(gaps);
        let name = if org.name() == org.id {
            org.id.clone()
        } else {
            format!("{} ({})", org.id, crate::diag::escape(org.name()))
        };
        let totals = if sum.gaps == 0 {
            "no open gaps".to_string()
        } else {
            format!(
                "{}, {} h, {} {cur}",
                count(sum.gaps, "gap"),
                amount(sum.hours),
                amount(sum.cost)
            )
        };
        let waived = match sum.waived {
            0 => String::new(),
            n => format!("; {n} waived"),
        };
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}",
            paint.bold(&fit(&format!("{name}: {totals}{waived}"), WIDTH))
        );
        if sum.gaps > 0 {
            let _ = writeln!(out, "{}", cols.row(paint, None));
            for g in gaps.iter().filter(|g| !g.waived) {
                let _ = writeln!(out, "{}", cols.row(paint, Some(g)));
            }
        }
        for g in gaps.iter().filter(|g| g.waived) {
            let until = g
                .waiver_expires
                .map(|d| format!(" until {d}"))
                .unwrap_or_default();
            let line = format!(
                "{:INDENT$}waived{until}: {} · {}: {}",
                "",
                g.subject(),
                g.rule,
                g.waiver.as_deref().unwrap_or_default()
            );
            let _ = writeln!(out, "{}", paint.dim(&fit(&line, WIDTH)));
        }
    }
    let s = &a.summary;
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        paint.bold(&format!(
            "Total: {} in {}, {} h, {} {cur}",
            count(s.gaps, "open gap"),
            count(a.orgs.len(), "organisation"),
            amount(s.hours),
            amount(s.cost),
        ))
    );
    let mut parts: Vec<String> = by_severity(a.gaps.iter())
        .iter()
        .map(|&(s, n)| paint.severity(s, &format!("{n} {s}")))
        .collect();
    if s.waived > 0 {
        parts.push(paint.dim(&format!("{} waived (not counted)", s.waived)));
    }
    if !parts.is_empty() {
        let _ = writeln!(out, "By severity: {}", parts.join(", "));
    }
    out
}
