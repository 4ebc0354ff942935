//! The study's decision table on the scenarios page: every target side by side with its
//! scores on the study's criteria (weights and reasons), the weighted total, and beside them
//! the figures samdrift computes for it (`samdrift costs --all-targets`); the best-scored
//! alternative marked, and whether the computed figures support the scoring.
//!
//! The table is the library's [`Comparison`], assembled from the studies the report already
//! made ([`compare::table`]), and the judgement is [`Comparison::verdict`]; this module adds
//! links and words them as translatable sentences. It computes no figure.

use super::rows::{Links, Src};
use super::sentence::{self, Sentence};
use crate::costs::compare::{self, CompareNote, Comparison, Figure, Verdict};
use crate::study::Study;
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
pub struct Decision {
    /// The library's decision table, as `samdrift costs --all-targets --format json`.
    pub table: Comparison,
    /// One per alternative, in `table.alternatives` order.
    pub columns: Vec<Column>,
    /// The table's width in columns (the criterion column and one per alternative).
    pub span: usize,
    /// The criteria rows as the page shows them (the scores of `table.criteria`).
    pub criteria: Vec<CriterionView>,
    pub verdict: Verdict,
    /// What the verdict says, first the headline, then one sentence per computed figure.
    pub headline: Sentence,
    pub checks: Vec<CheckView>,
    /// Per computed figure, which columns lead it (for marking cells), by figure code.
    pub leads: Leads,
    /// The table's notes, worded by `decision.note.<kind>`.
    pub notes: Vec<Sentence>,
}

/// One criterion's row.
#[derive(Serialize)]
pub struct CriterionView {
    pub criterion: String,
    pub title: String,
    /// Its weight when every target that scores it weighs it alike.
    pub weight: Option<f64>,
    /// One per alternative; `None` where it is not scored.
    pub cells: Vec<Option<ScoreView>>,
}

#[derive(Serialize)]
pub struct ScoreView {
    pub score: u8,
    /// Its weight, when the row has no common one.
    pub weight: Option<f64>,
    pub reason: Option<String>,
}

/// An alternative's column head.
#[derive(Serialize)]
pub struct Column {
    pub id: String,
    pub name: String,
    /// The report's own target.
    pub current: bool,
    /// Among the best-scored alternatives.
    pub best: bool,
    pub src: Src,
    /// Its cost notes, worded like the costs page's.
    pub notes: Vec<Sentence>,
}

/// One computed figure set beside the scoring.
#[derive(Serialize)]
pub struct CheckView {
    pub figure: Figure,
    pub agrees: bool,
    pub text: Sentence,
}

/// Per column, whether it leads the figure.
#[derive(Serialize, Default)]
pub struct Leads {
    /// The best-scored alternatives.
    pub best: Vec<bool>,
    pub saving: Vec<bool>,
    pub change: Vec<bool>,
    pub horizon: Vec<bool>,
    pub avoidable_late: Vec<bool>,
    pub open_critical: Vec<bool>,
}

fn names(c: &Comparison, which: &[usize]) -> Value {
    Value::from(
        which
            .iter()
            .map(|&i| c.alternatives[i].name.clone())
            .collect::<Vec<_>>(),
    )
}

fn money(x: f64) -> Value {
    sentence::amount(x)
}

/// The sentence for one check: who leads the figure and by how much.
fn check_text(c: &Comparison, figure: Figure, leaders: &[usize], agrees: bool) -> Sentence {
    let key = match figure {
        Figure::Saving => "saving",
        Figure::Change => "change",
        Figure::Horizon => "horizon",
        Figure::AvoidableLate => "avoidable-late",
        Figure::OpenCritical => "open-critical",
    };
    let first = &c.alternatives[leaders[0]];
    let within = first.plan.as_ref().is_some_and(|p| p.within_horizon);
    let key = if figure == Figure::Horizon && !within {
        "horizon-late"
    } else {
        key
    };
    let s = Sentence::new(format!(
        "decision.check.{key}.{}",
        if agrees { "agrees" } else { "differs" }
    ))
    .with("who", names(c, leaders));
    match figure {
        Figure::Saving => s.with("saving", money(first.saving.get())),
        Figure::Change => s.with("change", money(first.one_off.change.get())),
        Figure::Horizon => match first.plan.as_ref().and_then(|p| p.last_wave_end) {
            Some(d) => s.with("end", sentence::date(d)),
            None => s.with("end", Value::Null),
        },
        Figure::AvoidableLate => s.with(
            "n",
            Value::from(first.plan.as_ref().map_or(0, |p| p.avoidable_late)),
        ),
        Figure::OpenCritical => s.with("n", Value::from(first.open_critical_gaps)),
    }
}

/// A note of the decision table as a sentence: key `decision.note.<kind>`.
pub fn note(n: &CompareNote) -> Sentence {
    let list = |v: &[String]| Value::from(v.to_vec());
    match n {
        CompareNote::Unscored { targets } => Sentence::new("decision.note.unscored")
            .with("n", Value::from(targets.len()))
            .with("targets", list(targets)),
        CompareNote::NotScored { criterion, targets } => Sentence::new("decision.note.not-scored")
            .with("criterion", Value::from(criterion.as_str()))
            .with("targets", list(targets)),
        CompareNote::Weights { criterion, weights } => Sentence::new("decision.note.weights")
            .with("criterion", Value::from(criterion.as_str()))
            .with(
                "weights",
                Value::from(
                    weights
                        .iter()
                        .map(|(w, t)| format!("{} ({t})", w.get()))
                        .collect::<Vec<_>>(),
                ),
            ),
        CompareNote::Currencies { currencies } => {
            Sentence::new("decision.note.currencies").with("currencies", list(currencies))
        }
        CompareNote::NoPlan { targets } => Sentence::new("decision.note.no-plan")
            .with("n", Value::from(targets.len()))
            .with("targets", list(targets)),
    }
}

/// The decision table of `studies` (every target of the project, in target order);
/// `primary` is the report's own target.
pub fn decision(links: &Links, studies: &[Study], primary: usize) -> Option<Decision> {
    let first = studies.first()?;
    let alternatives = studies
        .iter()
        .map(|s| {
            compare::alternative(
                s.target,
                &s.gaps,
                s.costs.clone(),
                s.plan.as_ref().map(|p| compare::figures(s.target, p)),
            )
        })
        .collect();
    let table = compare::table(first.project, first.as_of, alternatives);
    let verdict = table.verdict();
    let n = table.alternatives.len();
    let columns = studies
        .iter()
        .enumerate()
        .map(|(i, s)| Column {
            id: s.target.id.clone(),
            name: s.target.name.clone(),
            current: i == primary,
            best: verdict.best.contains(&i),
            src: links.src(links.p.file(s.target.file), Some(s.target.loc.pos.line)),
            notes: s
                .costs
                .notes
                .iter()
                .map(|x| super::costs::note(x, links))
                .collect(),
        })
        .collect();
    let mut leads = Leads {
        best: (0..n).map(|i| verdict.best.contains(&i)).collect(),
        ..Leads::default()
    };
    for l in [
        &mut leads.saving,
        &mut leads.change,
        &mut leads.horizon,
        &mut leads.avoidable_late,
        &mut leads.open_critical,
    ] {
        *l = vec![false; n];
    }
    for c in &verdict.checks {
        let row = match c.figure {
            Figure::Saving => &mut leads.saving,
            Figure::Change => &mut leads.change,
            Figure::Horizon => &mut leads.horizon,
            Figure::AvoidableLate => &mut leads.avoidable_late,
            Figure::OpenCritical => &mut leads.open_critical,
        };
        for &i in &c.leaders {
            row[i] = true;
        }
    }
    let headline = match verdict.best.first() {
        None => Sentence::new("decision.verdict.unscored"),
        Some(&b) => {
            let agree = verdict.checks.iter().filter(|c| c.agrees).count();
            let key = if verdict.checks.is_empty() {
                "decision.verdict.nothing"
            } else if agree == verdict.checks.len() {
                "decision.verdict.supports"
            } else if agree == 0 {
                "decision.verdict.against"
            } else {
                "decision.verdict.partly"
            };
            let a = &table.alternatives[b];
            Sentence::new(key)
                .with("n", Value::from(verdict.best.len()))
                .with("best", names(&table, &verdict.best))
                .with(
                    "total",
                    Value::from(a.weighted_total.map_or(0.0, |x| x.get())),
                )
                .with("max", Value::from(a.max_total.map_or(0.0, |x| x.get())))
                .with("agree", Value::from(agree))
                .with("checks", Value::from(verdict.checks.len()))
        }
    };
    let checks = verdict
        .checks
        .iter()
        .map(|c| CheckView {
            figure: c.figure,
            agrees: c.agrees,
            text: check_text(&table, c.figure, &c.leaders, c.agrees),
        })
        .collect();
    let notes = table.notes.iter().map(note).collect();
    let criteria = table
        .criteria
        .iter()
        .map(|r| {
            let mut w = r.scores.iter().flatten().map(|s| s.weight.get());
            let first = w.next();
            let weight = first.filter(|f| w.all(|x| x == *f));
            CriterionView {
                criterion: r.criterion.clone(),
                title: r.title.clone(),
                weight,
                cells: r
                    .scores
                    .iter()
                    .map(|s| {
                        s.as_ref().map(|s| ScoreView {
                            score: s.score,
                            weight: weight.is_none().then(|| s.weight.get()),
                            reason: s.reason.clone(),
                        })
                    })
                    .collect(),
            }
        })
        .collect();
    Some(Decision {
        span: n + 1,
        table,
        columns,
        criteria,
        verdict,
        headline,
        checks,
        leads,
        notes,
    })
}
