//! The costs page: what IT costs a year today and in the target, per organisation, what the
//! change costs once beside the lifecycle replacements due anyway, the saving and payback,
//! person-years, and how much of it rests on known costs.
//!
//! Every figure is the library's [`Costs`] value of the study (docs/format.md §7, the figures
//! of `samdrift costs`), carried into the page as it is; this module adds links, the coverage
//! grid's layout and the notes as translatable sentences. It computes no cost.

use super::rows::{Links, OrgLink};
use super::sentence::{self, Sentence};
use crate::costs::{Costs, Coverage, Note, OrgCosts};
use crate::model::{Layer, Num, OrgIdx};
use crate::study::Study;
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
pub struct CostsPage {
    /// The library's figures, as `samdrift costs --format json` prints them.
    pub costs: Costs,
    /// One per organisation, by name as the reader's language sorts them.
    pub orgs: Vec<OrgCostsView>,
    /// The coverage grid's columns: the layers any analysed asset is in.
    pub layers: Vec<Layer>,
    /// The coverage of every organisation together, one cell per column.
    pub coverage: Vec<Cell>,
    /// Is every asset's cost known?
    pub complete: bool,
    /// The notes, worded by `costs.note.<kind>`.
    pub notes: Vec<Sentence>,
    /// `-costs.saving` when the target costs more a year than today (for "costs X more").
    pub more_per_year: Option<f64>,
}

/// An organisation's row: its link, its figures (its row of `costs.orgs`) and its coverage
/// per column.
#[derive(Serialize)]
pub struct OrgCostsView {
    pub org: OrgLink,
    pub costs: OrgCosts,
    pub coverage: Vec<Cell>,
    pub complete: bool,
}

/// How many assets of one layer carry a cost.
#[derive(Serialize)]
pub struct Cell {
    pub assets: usize,
    pub with_cost: usize,
    /// `none` (no asset of the layer), `full`, `part` or `empty` (no asset with a cost).
    pub state: &'static str,
}

fn cells(c: &Coverage, layers: &[Layer]) -> Vec<Cell> {
    layers
        .iter()
        .map(|&l| {
            let x = c.layers.0[l as usize];
            Cell {
                assets: x.assets,
                with_cost: x.with_cost,
                state: match (x.assets, x.with_cost) {
                    (0, _) => "none",
                    (n, w) if w == n => "full",
                    (_, 0) => "empty",
                    _ => "part",
                },
            }
        })
        .collect()
}

/// A note of the costs as a sentence: key `costs.note.<kind>`, placeholders typed.
pub fn note(n: &Note, links: &Links) -> Sentence {
    let money = |x: Num| sentence::amount(x.get());
    let orgs = |ids: &[String]| -> Value {
        Value::from(
            ids.iter()
                .map(|id| {
                    links
                        .p
                        .orgs
                        .iter()
                        .find(|o| &o.id == id)
                        .map_or(id.clone(), |o| o.name().to_string())
                })
                .collect::<Vec<_>>(),
        )
    };
    match n {
        Note::NoStaffing => Sentence::new("costs.note.no-staffing"),
        Note::NoItStaff { orgs: ids } => Sentence::new("costs.note.no-it-staff")
            .with("n", Value::from(ids.len()))
            .with("orgs", orgs(ids)),
        Note::PartialCoverage {
            org,
            with_cost,
            assets,
            layers,
        } => Sentence::new("costs.note.partial-coverage")
            .with("org", orgs(std::slice::from_ref(org)))
            .with("with_cost", Value::from(*with_cost))
            .with("n", Value::from(*assets))
            .with(
                "layers",
                Value::from(
                    layers
                        .iter()
                        .map(|(l, _, _)| serde_json::json!({ "key": format!("layer.{l}") }))
                        .collect::<Vec<_>>(),
                ),
            ),
        Note::LikeForLike { assets, cost } => Sentence::new("costs.note.like-for-like")
            .with("n", Value::from(*assets))
            .with("cost", money(*cost)),
        Note::NoSaving { saving } if saving.get() == 0.0 => Sentence::new("costs.note.no-saving"),
        Note::NoSaving { saving } => {
            Sentence::new("costs.note.costs-more").with("more", money(Num(-saving.get())))
        }
        Note::Waived { gaps, staying } => Sentence::new(if *staying > 0 {
            "costs.note.waived-staying"
        } else {
            "costs.note.waived"
        })
        .with("n", Value::from(*gaps))
        .with("staying", Value::from(*staying)),
    }
}

/// The costs page of study `s`.
pub fn page(links: &Links, s: &Study) -> CostsPage {
    let c = &s.costs;
    let layers: Vec<Layer> = c.coverage.layers.iter().map(|(l, _)| l).collect();
    let mut orgs: Vec<OrgCostsView> = s
        .gaps
        .orgs
        .iter()
        .zip(&c.orgs)
        .map(|(&o, oc): (&OrgIdx, _)| OrgCostsView {
            org: links.org_link(o),
            costs: oc.clone(),
            coverage: cells(&oc.coverage, &layers),
            complete: oc.coverage.is_complete(),
        })
        .collect();
    links.sort_by_name(&mut orgs, |o| &o.org.name);
    CostsPage {
        orgs,
        coverage: cells(&c.coverage, &layers),
        complete: c.coverage.is_complete(),
        notes: c.notes.iter().map(|n| note(n, links)).collect(),
        layers,
        more_per_year: (c.saving.get() < 0.0).then(|| -c.saving.get()),
        costs: c.clone(),
    }
}
