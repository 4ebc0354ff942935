//! The scenarios page: every target of the project side by side (its totals, its plan's
//! length and late or unplaced items), each from its own study.

use super::overview::{SeverityCount, Totals, severities, totals};
use super::rows::{Links, Src};
use crate::model::Date;
use crate::study::Study;
use crate::waves::{WarningKind, WavePlan};
use serde::Serialize;

/// One target in the side-by-side comparison.
#[derive(Serialize)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub current: bool,
    pub src: Src,
    pub organisations: usize,
    pub horizon: Date,
    pub currency: String,
    pub components: usize,
    pub totals: Totals,
    pub severities: Vec<SeverityCount>,
    pub waves: Option<usize>,
    pub end: Option<Date>,
    pub late: Option<usize>,
    pub unplaced: Option<usize>,
    /// Does the last wave end on or before the horizon?
    pub meets_horizon: Option<bool>,
}

/// Study `s` as one scenario; `current` marks the report's own target.
pub fn scenario(links: &Links, s: &Study, current: bool) -> Scenario {
    let t = s.target;
    let waves = s.plan.as_ref().map(summary);
    Scenario {
        id: t.id.clone(),
        name: t.name.clone(),
        current,
        src: links.src(links.p.file(t.file), Some(t.loc.pos.line)),
        organisations: s.gaps.orgs.len(),
        horizon: t.horizon,
        currency: t.currency.clone(),
        components: t.components.len(),
        totals: totals(s),
        severities: severities(&s.gaps),
        waves: waves.as_ref().map(|w| w.waves),
        end: waves.as_ref().and_then(|w| w.end),
        late: waves.as_ref().map(|w| w.late),
        unplaced: waves.as_ref().map(|w| w.unplaced),
        meets_horizon: waves
            .as_ref()
            .map(|w| w.unplaced == 0 && w.end.is_none_or(|e| e <= t.horizon)),
    }
}

/// What the comparison needs of a plan.
struct PlanSummary {
    waves: usize,
    end: Option<Date>,
    late: usize,
    unplaced: usize,
}

fn summary(p: &WavePlan) -> PlanSummary {
    PlanSummary {
        waves: p.waves.iter().filter(|w| !w.items.is_empty()).count(),
        end: p.end(),
        late: p
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::Late)
            .count(),
        unplaced: p.unplaced.len(),
    }
}
