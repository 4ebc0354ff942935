//! `samdrift diff`: the gaps a change adds, removes and changes, as a table, JSON or
//! Markdown (for a merge-request comment).

use super::markdown::{cell, code};
use super::{Paint, amount, count, delta, fit};
use crate::gaps::{Changed, Comparison, Gap, Summary};
use crate::model::{Date, Num};
use serde::Serialize;
use std::fmt::Write as _;

/// What was compared: two revisions, or a revision and the working tree.
#[derive(Clone, Debug, Serialize)]
pub struct Sides {
    /// The first revision, as given (`main`, `HEAD~1`).
    pub from: String,
    /// The commit it names.
    pub from_commit: String,
    /// The second revision as given; `None` for the working tree.
    pub to: Option<String>,
    pub to_commit: Option<String>,
}

impl Sides {
    fn label_before(&self) -> String {
        format!("{} ({})", self.from, short(&self.from_commit))
    }

    fn label_after(&self) -> String {
        match (&self.to, &self.to_commit) {
            (Some(r), Some(c)) => format!("{r} ({})", short(c)),
            (Some(r), None) => r.clone(),
            _ => "the working tree".into(),
        }
    }
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(10)]
}

/// The JSON document of `samdrift diff --format json`.
#[derive(Serialize)]
struct Document<'a> {
    target: &'a str,
    #[serde(flatten)]
    sides: &'a Sides,
    added: &'a [Gap],
    removed: &'a [Gap],
    changed: &'a [Changed],
    summary: DiffSummary,
}

#[derive(Serialize)]
struct DiffSummary {
    added: usize,
    removed: usize,
    changed: usize,
    /// Added open gaps plus gaps the change un-waives: what `--fail-on` judges.
    introduced: usize,
    /// Change of the open gaps' totals, after minus before.
    gaps: i64,
    hours: Num,
    cost: Num,
    before: Summary,
    after: Summary,
}

fn summary(c: &Comparison) -> DiffSummary {
    DiffSummary {
        added: c.added.len(),
        removed: c.removed.len(),
        changed: c.changed.len(),
        introduced: c.introduced().count(),
        gaps: c.after.gaps as i64 - c.before.gaps as i64,
        hours: crate::gaps::tidy(c.after.hours.get() - c.before.hours.get()),
        cost: crate::gaps::tidy(c.after.cost.get() - c.before.cost.get()),
        before: c.before,
        after: c.after,
    }
}

pub fn json(c: &Comparison, sides: &Sides) -> String {
    let doc = Document {
        target: &c.target,
        sides,
        added: &c.added,
        removed: &c.removed,
        changed: &c.changed,
        summary: summary(c),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// What changed in a gap, in words: `hours 80 → 120, waived → open`.
fn what_changed(ch: &Changed) -> String {
    let (b, a) = (&ch.before, &ch.after);
    let mut parts = Vec::new();
    if b.severity != a.severity {
        parts.push(format!("severity {} → {}", b.severity, a.severity));
    }
    if b.hours != a.hours {
        parts.push(format!("hours {} → {}", amount(b.hours), amount(a.hours)));
    }
    if b.cost != a.cost {
        parts.push(format!("cost {} → {}", amount(b.cost), amount(a.cost)));
    }
    if b.action != a.action {
        parts.push(format!(
            "action {} → {}",
            b.action.as_str(),
            a.action.as_str()
        ));
    }
    if b.component != a.component {
        parts.push(format!(
            "component {} → {}",
            b.component.as_deref().unwrap_or("none"),
            a.component.as_deref().unwrap_or("none")
        ));
    }
    if b.waived != a.waived {
        parts.push(
            if a.waived {
                "open → waived"
            } else {
                "waived → open"
            }
            .to_string(),
        );
    }
    parts.join(", ")
}

fn state(g: &Gap) -> &'static str {
    if g.waived { " (waived)" } else { "" }
}

/// Renders the comparison for a terminal, at most 80 columns wide.
pub fn table(c: &Comparison, sides: &Sides, currency: &str, as_of: Date, paint: Paint) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        paint.bold(&format!(
            "Gaps against {} from {} to {}, as of {as_of}",
            c.target,
            sides.label_before(),
            sides.label_after()
        ))
    );
    let (b, a) = (&c.before, &c.after);
    let _ = writeln!(
        out,
        "{} added, {} removed, {} changed",
        c.added.len(),
        c.removed.len(),
        c.changed.len()
    );
    let _ = writeln!(
        out,
        "Open gaps {} → {} ({}), {} → {} h ({}), {} → {} {currency} ({})",
        b.gaps,
        a.gaps,
        delta(a.gaps as f64 - b.gaps as f64),
        amount(b.hours),
        amount(a.hours),
        delta(a.hours.get() - b.hours.get()),
        amount(b.cost),
        amount(a.cost),
        delta(a.cost.get() - b.cost.get()),
    );
    let line = |mark: &str, g: &Gap, tail: String| {
        let head = format!(
            "{mark} {:<8}  {}  {}  {}",
            g.severity.as_str(),
            g.subject(),
            g.rule,
            tail
        );
        fit(&head, 80)
    };
    let work = |g: &Gap| {
        format!(
            "{}, {} h, {} {currency}{}",
            g.kind.as_str(),
            amount(g.hours),
            amount(g.cost),
            state(g)
        )
    };
    if !c.added.is_empty() {
        let _ = writeln!(out, "\n{}", paint.bold("Added"));
        for g in &c.added {
            let _ = writeln!(out, "{}", paint.red(&line("+", g, work(g))));
        }
    }
    if !c.removed.is_empty() {
        let _ = writeln!(out, "\n{}", paint.bold("Removed"));
        for g in &c.removed {
            let _ = writeln!(out, "{}", paint.green(&line("-", g, work(g))));
        }
    }
    if !c.changed.is_empty() {
        let _ = writeln!(out, "\n{}", paint.bold("Changed"));
        for ch in &c.changed {
            let _ = writeln!(out, "{}", line("~", &ch.after, what_changed(ch)));
        }
    }
    if c.is_empty() {
        let _ = writeln!(out, "\nNo gap was added, removed or changed.");
    }
    out
}

fn gap_rows(out: &mut String, gaps: &[Gap]) {
    let _ = writeln!(
        out,
        "| Severity | Asset | Rule | Kind | Hours | Cost | What |\n|:--|:--|:--|:--|--:|--:|:--|"
    );
    for g in gaps.iter().take(super::markdown::MAX_ROWS) {
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {} | {} | {} | {} |",
            g.severity,
            state(g),
            code(&g.subject()),
            code(&g.rule),
            g.kind.as_str(),
            amount(g.hours),
            amount(g.cost),
            cell(&g.message())
        );
    }
    if gaps.len() > super::markdown::MAX_ROWS {
        let _ = writeln!(
            out,
            "\n{} more not listed here; `--format json` holds them all.",
            count(gaps.len() - super::markdown::MAX_ROWS, "gap")
        );
    }
}

/// Renders the comparison as Markdown, for a merge-request comment.
pub fn markdown(c: &Comparison, sides: &Sides, currency: &str, as_of: Date) -> String {
    let mut out = String::new();
    let introduced = c.introduced().count();
    let _ = writeln!(
        out,
        "### samdrift diff: {} added, {} removed, {} changed against {}\n",
        c.added.len(),
        c.removed.len(),
        c.changed.len(),
        code(&c.target)
    );
    let _ = writeln!(
        out,
        "{} → {} · as of {as_of}\n",
        cell(&sides.label_before()),
        cell(&sides.label_after())
    );
    let (b, a) = (&c.before, &c.after);
    let _ = writeln!(
        out,
        "| | Open gaps | Hours | Cost ({currency}) |\n|:--|--:|--:|--:|"
    );
    let _ = writeln!(
        out,
        "| Before | {} | {} | {} |",
        b.gaps,
        amount(b.hours),
        amount(b.cost)
    );
    let _ = writeln!(
        out,
        "| After | {} | {} | {} |",
        a.gaps,
        amount(a.hours),
        amount(a.cost)
    );
    let _ = writeln!(
        out,
        "| **Change** | **{}** | **{}** | **{}** |",
        delta(a.gaps as f64 - b.gaps as f64),
        delta(a.hours.get() - b.hours.get()),
        delta(a.cost.get() - b.cost.get())
    );
    if c.is_empty() {
        let _ = writeln!(out, "\nNo gap was added, removed or changed.");
        return out;
    }
    if introduced > 0 {
        let _ = writeln!(
            out,
            "\nThis change introduces {}.",
            count(introduced, "open gap")
        );
    }
    if !c.added.is_empty() {
        let _ = writeln!(out, "\n#### Added ({})\n", c.added.len());
        gap_rows(&mut out, &c.added);
    }
    if !c.removed.is_empty() {
        let _ = writeln!(out, "\n#### Removed ({})\n", c.removed.len());
        gap_rows(&mut out, &c.removed);
    }
    if !c.changed.is_empty() {
        let _ = writeln!(
            out,
            "\n#### Changed ({})\n\n| Asset | Rule | Change |\n|:--|:--|:--|",
            c.changed.len()
        );
        for ch in c.changed.iter().take(super::markdown::MAX_ROWS) {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                code(&ch.after.subject()),
                code(&ch.after.rule),
                cell(&what_changed(ch))
            );
        }
    }
    out
}
