//! `samdrift gaps --format markdown`: a summary for a CI job summary or a merge-request
//! comment (GitHub and GitLab flavoured Markdown).
//!
//! A totals table per organisation and severity first, then each organisation's gaps in a
//! collapsed `<details>` block, then waived gaps and warnings. The gap rows are capped at
//! [`MAX_ROWS`] so the text stays within what a comment may hold (GitHub: 65,536
//! characters); the JSON and SARIF outputs always hold every gap.

use super::{amount, by_severity, count};
use crate::diag::Diagnostic;
use crate::gaps::{Analysis, Gap, Summary};
use crate::model::{Project, Severity, Target};
use std::fmt::Write as _;

/// Most gap rows written in the per-organisation details.
pub const MAX_ROWS: usize = 250;

/// Escapes text for a Markdown table cell: no pipes, no line breaks, no raw HTML.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if crate::diag::unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// An id as inline code (ids cannot hold backticks or pipes).
pub fn code(s: &str) -> String {
    format!("`{s}`")
}

/// The warnings as a Markdown list, or nothing.
pub fn warnings(out: &mut String, warnings: &[Diagnostic]) {
    if warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n**Warnings**\n");
    for w in warnings {
        let at = match w.pos {
            Some(p) => format!("{}:{}", w.file, p.line),
            None => w.file.clone(),
        };
        let _ = writeln!(out, "- {}: {} ({})", code(&at), cell(&w.message), w.code);
    }
}

/// Renders the summary.
pub fn render(p: &Project, t: &Target, a: &Analysis) -> String {
    let mut out = String::new();
    let cur = &t.currency;
    let s = &a.summary;
    let _ = writeln!(
        out,
        "### samdrift: {} against {}\n",
        count(s.gaps, "open gap"),
        code(&t.id)
    );
    let waived = match s.waived {
        0 => String::new(),
        n => format!(" · {n} waived"),
    };
    let _ = writeln!(
        out,
        "{} · as of {} · **{} h** · **{} {cur}**{waived}",
        cell(&t.name),
        a.as_of,
        amount(s.hours),
        amount(s.cost)
    );
    if a.orgs.is_empty() {
        let _ = writeln!(
            out,
            "\nNo organisation in the target's scope has an inventory."
        );
        warnings(&mut out, &a.warnings);
        return out;
    }
    let _ = writeln!(
        out,
        "\n| Organisation | Critical | High | Medium | Low | Gaps | Hours | Cost ({cur}) | Waived |"
    );
    let _ = writeln!(out, "|:--|--:|--:|--:|--:|--:|--:|--:|--:|");
    let per_org: Vec<(usize, Vec<&Gap>)> = super::per_org(a)
        .into_iter()
        .map(|(o, gaps)| (o.0 as usize, gaps.iter().collect()))
        .collect();
    let row = |name: String, gaps: &[&Gap], sum: &Summary, bold: bool| {
        let sev = by_severity(gaps.iter().copied());
        let n = |x: Severity| sev.iter().find(|(s, _)| *s == x).map_or(0, |&(_, k)| k);
        let b = |x: String| if bold { format!("**{x}**") } else { x };
        format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            b(name),
            b(n(Severity::Critical).to_string()),
            b(n(Severity::High).to_string()),
            b(n(Severity::Medium).to_string()),
            b(n(Severity::Low).to_string()),
            b(sum.gaps.to_string()),
            b(amount(sum.hours)),
            b(amount(sum.cost)),
            b(sum.waived.to_string()),
        )
    };
    for (o, gaps) in &per_org {
        let org = &p.orgs[*o];
        let _ = writeln!(
            out,
            "{}",
            row(
                cell(org.name()),
                gaps,
                &Summary::of(gaps.iter().copied()),
                false
            )
        );
    }
    let all: Vec<&Gap> = a.gaps.iter().collect();
    let _ = writeln!(out, "{}", row("Total".into(), &all, s, true));

    let mut shown = 0;
    for (o, gaps) in &per_org {
        let open: Vec<&&Gap> = gaps.iter().filter(|g| !g.waived).collect();
        if open.is_empty() {
            continue;
        }
        let org = &p.orgs[*o];
        let _ = writeln!(
            out,
            "\n<details><summary><b>{}</b>: {}</summary>\n",
            cell(org.name()),
            count(open.len(), "open gap")
        );
        let _ = writeln!(
            out,
            "| Severity | Asset | Rule | Kind | Hours | Cost | What |\n|:--|:--|:--|:--|--:|--:|:--|"
        );
        for g in &open {
            if shown == MAX_ROWS {
                break;
            }
            shown += 1;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                g.severity,
                g.asset.as_deref().map_or("–".into(), code),
                code(&g.rule),
                g.kind.as_str(),
                amount(g.hours),
                amount(g.cost),
                cell(&g.message())
            );
        }
        let _ = writeln!(out, "\n</details>");
    }
    let open_total = a.open().count();
    if shown < open_total {
        let _ = writeln!(
            out,
            "\n{} more not listed here; the JSON and SARIF outputs hold every gap.",
            count(open_total - shown, "gap")
        );
    }
    let waived: Vec<&Gap> = a.gaps.iter().filter(|g| g.waived).collect();
    if !waived.is_empty() {
        let _ = writeln!(
            out,
            "\n<details><summary>{} (accepted deviations, not counted)</summary>\n",
            count(waived.len(), "waived gap")
        );
        let _ = writeln!(
            out,
            "| Organisation | Asset | Rule | Until | Reason |\n|:--|:--|:--|:--|:--|"
        );
        for g in waived.iter().take(MAX_ROWS) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                code(&g.org),
                g.asset.as_deref().map_or("–".into(), code),
                code(&g.rule),
                g.waiver_expires.map(|d| d.to_string()).unwrap_or_default(),
                cell(g.waiver.as_deref().unwrap_or_default())
            );
        }
        let _ = writeln!(out, "\n</details>");
    }
    warnings(&mut out, &a.warnings);
    out
}
