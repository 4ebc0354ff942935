//! Economics (docs/format.md §7): what the estate costs a year today and in one target, what the
//! change costs once, what it saves, and how soon it pays back.
//!
//! Computed from the project, the target and that target's gap analysis (open gaps as of
//! the run date), never from a view. An asset **leaves** the target when one of its open
//! gaps has action `migrate`, `consolidate`, `replace` or `decommission`; an asset that
//! `realizes` a component of the target is replaced by that component's `annual_cost`; every
//! other asset **stays** with its cost. One-off cost is kept in two parts that are never
//! added: `change` (the work of the target) and `lifecycle` (end-of-support replacements due
//! anyway). Staff costs come from `organisation.it_staff` and `target.staffing`; without
//! `staffing` they are left out on both sides. Every figure built on incomplete input says
//! so in [`Costs::notes`]. The side-by-side comparison of every target is [`compare`].
//!
//! `docs/costs.md` gives every formula and a worked example.

pub mod compare;

use crate::gaps::{Analysis, GapKind, tidy};
use crate::model::{Action, Date, Layer, Num, Project, Target};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// Does this open gap take its asset out of the target (docs/format.md §7)? Its action is
/// `migrate`, `consolidate` or `decommission`, or it is `replace` onto a component.
///
/// docs/format.md §7 counts every `replace` as leaving. A `replace` that names no component is a
/// like-for-like replacement (new switches at end of support, the standard printer): the
/// new thing is in no component, so the old one's yearly cost is the best estimate of what
/// it will cost, and it stays (docs/decisions.md, "Costs").
pub fn leaves(g: &crate::gaps::Gap) -> bool {
    match g.action {
        Action::Migrate | Action::Consolidate | Action::Decommission => true,
        Action::Replace => g.component.is_some(),
        Action::Upgrade | Action::Procure | Action::Reconfigure => false,
    }
}

/// Is this open gap a like-for-like replacement (`replace` onto no component)?
fn like_for_like(g: &crate::gaps::Gap) -> bool {
    g.action == Action::Replace && g.component.is_none()
}

/// The economics of one target. Field order is the JSON of docs/format.md §7; fields after
/// `notes` are extras.
#[derive(Clone, Debug, Serialize)]
pub struct Costs {
    pub target: String,
    pub currency: String,
    pub today: Today,
    pub target_state: TargetState,
    /// `today.total − target_state.total`, per year.
    pub saving: Num,
    /// `one_off.change / saving`, not rounded; `null` when the saving is not positive.
    pub payback_years: Option<f64>,
    pub one_off: OneOff,
    /// The organisations analysed (in scope, with an inventory), by id.
    pub orgs: Vec<OrgCosts>,
    /// Sentences on what the figures leave out (always present; English).
    #[serde(serialize_with = "note_messages")]
    pub notes: Vec<Note>,
    /// The run date: waivers are judged as of it.
    pub as_of: Date,
    pub name: String,
    /// One-off hours in person-years.
    pub person_years: PersonYears,
    /// Cost coverage of every analysed asset together.
    pub coverage: Coverage,
    /// The staffing the staff figures use; `null` without `target.staffing`.
    pub staffing: Option<StaffingUsed>,
    /// Each component's yearly and one-off cost, in the order written.
    pub components: Vec<ComponentCost>,
}

/// Yearly cost today, of the organisations analysed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Today {
    /// `assets` + `staff`.
    pub total: Num,
    /// Every asset's `annual_cost` + `contract.annual_cost` (each × 1, not × quantity).
    pub assets: Num,
    /// Σ `it_staff` × `fte_cost`; `null` without `staffing`.
    pub staff: Option<Num>,
}

/// Yearly cost in the target.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TargetState {
    /// `components` + `staying` + `staff`.
    pub total: Num,
    /// Every component's `annual_cost`.
    pub components: Num,
    /// The cost of the assets that stay.
    pub staying: Num,
    /// (`shared_fte` + `retained_fte_per_org` × orgs) × `fte_cost`; `null` without `staffing`.
    pub staff: Option<Num>,
    /// Today's cost of the assets that leave (extra).
    pub leaving: Num,
    /// Today's cost of the assets that realize a component and are replaced by its cost
    /// (extra).
    pub realized: Num,
}

/// One-off cost: the change and the lifecycle replacements, never added together.
#[derive(Clone, Debug, Default, Serialize)]
pub struct OneOff {
    /// Open gaps of every kind but `end-of-support`, plus every component's
    /// `establish_hours` × `hourly_rate` + `establish_cost`.
    pub change: Num,
    /// Open `end-of-support` gaps: replacements due anyway.
    pub lifecycle: Num,
    /// Hours of the change gaps plus every component's `establish_hours`.
    pub change_hours: Num,
    pub lifecycle_hours: Num,
    /// The part of `change` that is gaps (extra).
    pub change_gaps: Num,
    /// The hours of those gaps (extra): `change_hours` less `establish_hours`.
    pub change_gap_hours: Num,
    /// The part of `change` that is establishing components (extra).
    pub establish: Num,
    pub establish_hours: Num,
}

/// Hours in person-years (`hours / hours_per_fte`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct PersonYears {
    pub change: Num,
    pub lifecycle: Num,
    pub hours_per_fte: Num,
}

/// `target.staffing` as the figures used it.
#[derive(Clone, Debug, Serialize)]
pub struct StaffingUsed {
    pub fte_cost: Num,
    pub shared_fte: Num,
    pub retained_fte_per_org: Num,
    /// The organisations `retained_fte_per_org` is counted for: those analysed.
    pub orgs: usize,
    /// Full-time equivalents in the target: `shared_fte` + `retained_fte_per_org` × `orgs`.
    pub target_fte: Num,
    /// Σ `it_staff` of the organisations that give it.
    pub today_fte: Num,
}

/// One organisation's figures.
#[derive(Clone, Debug, Serialize)]
pub struct OrgCosts {
    pub org: String,
    /// The whole yearly cost today: its assets plus its staff.
    pub today: Num,
    /// What its staying assets cost a year.
    pub staying: Num,
    /// `it_staff` × `fte_cost`; `null` without `staffing` or without `it_staff`.
    pub staff_today: Option<Num>,
    pub coverage: Coverage,
    pub name: String,
    pub it_staff: Option<Num>,
    /// Its assets' yearly cost today (`today` without staff).
    pub assets_today: Num,
    pub leaving: Num,
    pub realized: Num,
    /// `retained_fte_per_org` × `fte_cost`; `null` without `staffing`.
    pub staff_target: Option<Num>,
    /// Its open gaps of every kind but `end-of-support` (establishing components belongs to
    /// no organisation).
    pub change: Num,
    pub change_hours: Num,
    pub lifecycle: Num,
    pub lifecycle_hours: Num,
}

/// How many assets carry a cost, of how many (per layer: only layers with assets).
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Coverage {
    pub assets: usize,
    pub with_cost: usize,
    pub layers: Layers,
}

impl Coverage {
    pub fn is_complete(&self) -> bool {
        self.with_cost == self.assets
    }

    fn add(&mut self, layer: Layer, has_cost: bool) {
        self.assets += 1;
        let l = &mut self.layers.0[layer as usize];
        l.assets += 1;
        if has_cost {
            self.with_cost += 1;
            l.with_cost += 1;
        }
    }

    fn merge(&mut self, o: &Coverage) {
        self.assets += o.assets;
        self.with_cost += o.with_cost;
        for (a, b) in self.layers.0.iter_mut().zip(&o.layers.0) {
            a.assets += b.assets;
            a.with_cost += b.with_cost;
        }
    }
}

/// Coverage of one layer.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct LayerCoverage {
    pub assets: usize,
    pub with_cost: usize,
}

/// Coverage by layer, in [`Layer::ALL`] order; serialized as a map of the layers that have
/// assets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layers(pub [LayerCoverage; 5]);

impl Layers {
    /// The layers with assets, in layer order.
    pub fn iter(&self) -> impl Iterator<Item = (Layer, LayerCoverage)> + '_ {
        Layer::ALL
            .into_iter()
            .zip(self.0)
            .filter(|(_, c)| c.assets > 0)
    }
}

impl Serialize for Layers {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (l, c) in self.iter() {
            m.serialize_entry(l.as_str(), &c)?;
        }
        m.end()
    }
}

/// One component's costs.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentCost {
    pub id: String,
    pub name: String,
    pub layer: String,
    pub annual_cost: Num,
    pub establish_hours: Num,
    pub establish_cost: Num,
    /// `establish_hours` × `hourly_rate` + `establish_cost`.
    pub establish: Num,
    /// Assets (`org/id`) of the analysed organisations that realize it: their cost today is
    /// replaced by its `annual_cost`.
    pub realized_by: Vec<String>,
}

/// What a figure leaves out, as data; [`Note::message`] words it in English, views
/// translate by variant.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// The target has no `staffing`: staff costs are left out on both sides.
    NoStaffing,
    /// `staffing` is given, but these organisations have no `it_staff`: today's staff cost
    /// leaves them out while the target's counts them.
    NoItStaff { orgs: Vec<String> },
    /// Not every asset of an organisation carries a cost; `layers` lists the layers with
    /// assets without one: (layer, with cost, assets).
    PartialCoverage {
        org: String,
        with_cost: usize,
        assets: usize,
        layers: Vec<(Layer, usize, usize)>,
    },
    /// Assets with an open `replace` gap that names no component: replaced like for like,
    /// they stay with their cost (`cost` a year together).
    LikeForLike { assets: usize, cost: Num },
    /// The target does not cost less a year than today: there is no payback.
    NoSaving { saving: Num },
    /// Waived gaps: their cost is not in the one-off figures; `staying` of their assets stay
    /// although an open gap would have taken them out.
    Waived { gaps: usize, staying: usize },
}

impl Note {
    /// The note as one English sentence.
    pub fn message(&self) -> String {
        match self {
            Note::NoStaffing => "the target has no `staffing`: staff costs are left out of \
                today's and the target's yearly cost, so the saving leaves out the largest \
                cost of IT"
                .into(),
            Note::NoItStaff { orgs } => format!(
                "{} {} no `it_staff`: today's staff cost leaves {} out while the target's \
                 staff is counted in full, so the saving is understated",
                crate::diag::ticked(orgs),
                if orgs.len() == 1 { "has" } else { "have" },
                if orgs.len() == 1 { "it" } else { "them" },
            ),
            Note::PartialCoverage {
                org,
                with_cost,
                assets,
                layers,
            } => format!(
                "{org}: {with_cost} of {assets} assets carry a cost; the yearly figures count \
                 the others as 0 ({})",
                layers
                    .iter()
                    .map(|(l, w, n)| format!("{l} {w} of {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Note::LikeForLike { assets, cost } => format!(
                "{assets} asset{} replaced like for like (a `replace` gap onto no component) \
                 stay{} in the target with {} yearly cost ({cost} together), the estimate of \
                 what {} replacement{} will cost",
                crate::diag::plural(*assets),
                if *assets == 1 { "s" } else { "" },
                if *assets == 1 { "its" } else { "their" },
                if *assets == 1 { "its" } else { "their" },
                crate::diag::plural(*assets),
            ),
            Note::NoSaving { saving } if saving.get() == 0.0 => {
                "the target costs as much a year as today: there is no payback".into()
            }
            Note::NoSaving { saving } => format!(
                "the target costs {} more a year than today: there is no payback",
                Num(-saving.get())
            ),
            Note::Waived { gaps, staying } => {
                let mut s = format!(
                    "{gaps} waived gap{} {} left out of the one-off cost",
                    crate::diag::plural(*gaps),
                    if *gaps == 1 { "is" } else { "are" }
                );
                if *staying > 0 {
                    s += &format!(
                        "; {staying} asset{} that a waived gap would take out of the target \
                         stay{} with {} cost",
                        crate::diag::plural(*staying),
                        if *staying == 1 { "s" } else { "" },
                        if *staying == 1 { "its" } else { "their" }
                    );
                }
                s
            }
        }
    }
}

pub(crate) fn note_messages<S: Serializer>(notes: &[Note], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(notes.iter().map(Note::message))
}

/// Does the asset carry a cost (`annual_cost` or `contract.annual_cost`, 0 included)? A cost
/// not written is unknown, not zero (the coverage counts these).
pub fn has_cost(a: &crate::model::Asset) -> bool {
    a.annual_cost.is_some() || a.contract.as_ref().is_some_and(|c| c.annual_cost.is_some())
}

/// What happens to an asset in the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fate {
    Stays,
    Leaves,
    Realized,
}

/// Computes docs/format.md §7 for target `t` from its gap analysis `a` (made for `t`).
pub fn compute(p: &Project, t: &Target, a: &Analysis) -> Costs {
    let rate = t.hourly_rate.get();
    // Which assets an open gap takes out, and each org's one-off work, in one pass over the
    // gaps. Indices are global asset indices; only analysed orgs have gaps.
    let mut leaving = vec![false; p.assets.len()];
    let mut waived_leaving = vec![false; p.assets.len()];
    let mut replaced = vec![false; p.assets.len()];
    let mut per_org = vec![[0.0f64; 4]; p.orgs.len()];
    let mut waived = 0usize;
    for g in &a.gaps {
        if g.waived {
            waived += 1;
            if let Some(i) = g.asset_idx
                && leaves(g)
            {
                waived_leaving[i.0 as usize] = true;
            }
            continue;
        }
        if let Some(i) = g.asset_idx {
            if leaves(g) {
                leaving[i.0 as usize] = true;
            } else if like_for_like(g) {
                replaced[i.0 as usize] = true;
            }
        }
        let w = &mut per_org[g.org_idx.0 as usize];
        if g.kind == GapKind::EndOfSupport {
            w[2] += g.cost.get();
            w[3] += g.hours.get();
        } else {
            w[0] += g.cost.get();
            w[1] += g.hours.get();
        }
    }
    let staffing = t.staffing.as_ref();
    let fte_cost = staffing.map(|s| s.fte_cost.get());
    let mut orgs = Vec::with_capacity(a.orgs.len());
    let mut no_it_staff = Vec::new();
    let mut notes = Vec::new();
    let mut coverage = Coverage::default();
    let mut realized_by: Vec<Vec<String>> = vec![Vec::new(); t.components.len()];
    let mut waived_staying = 0usize;
    // Assets that stay through a like-for-like replacement: how many, and their cost.
    let mut like = (0usize, 0.0f64);
    for &o in &a.orgs {
        let org = p.org(o);
        let (mut assets_today, mut staying, mut left, mut realized) = (0.0, 0.0, 0.0, 0.0);
        let mut cov = Coverage::default();
        for (k, x) in p.org_assets(o).iter().enumerate() {
            let i = org.assets.start as usize + k;
            let cost = x.yearly_cost();
            cov.add(x.layer, has_cost(x));
            assets_today += cost;
            let component = x
                .realizes
                .as_ref()
                .and_then(|r| t.components.iter().position(|c| c.id == r.value));
            let fate = if component.is_some() {
                Fate::Realized
            } else if leaving[i] {
                Fate::Leaves
            } else {
                Fate::Stays
            };
            match fate {
                Fate::Realized => realized += cost,
                Fate::Leaves => left += cost,
                Fate::Stays => {
                    staying += cost;
                    if waived_leaving[i] {
                        waived_staying += 1;
                    }
                    if replaced[i] {
                        like.0 += 1;
                        like.1 += cost;
                    }
                }
            }
            if let Some(c) = component {
                realized_by[c].push(format!("{}/{}", org.id, x.id));
            }
        }
        let it_staff = org.meta.as_ref().and_then(|m| m.it_staff);
        let staff_today = match (fte_cost, it_staff) {
            (Some(c), Some(n)) => Some(n.get() * c),
            (Some(_), None) => {
                no_it_staff.push(org.id.clone());
                None
            }
            (None, _) => None,
        };
        if !cov.is_complete() {
            notes.push(Note::PartialCoverage {
                org: org.id.clone(),
                with_cost: cov.with_cost,
                assets: cov.assets,
                layers: cov
                    .layers
                    .iter()
                    .filter(|(_, c)| c.with_cost < c.assets)
                    .map(|(l, c)| (l, c.with_cost, c.assets))
                    .collect(),
            });
        }
        coverage.merge(&cov);
        let w = per_org[o.0 as usize];
        orgs.push(OrgCosts {
            org: org.id.clone(),
            today: tidy(assets_today + staff_today.unwrap_or(0.0)),
            staying: tidy(staying),
            staff_today: staff_today.map(tidy),
            coverage: cov,
            name: org.name().to_string(),
            it_staff,
            assets_today: tidy(assets_today),
            leaving: tidy(left),
            realized: tidy(realized),
            staff_target: staffing.map(|s| tidy(s.retained_fte_per_org.get() * s.fte_cost.get())),
            change: tidy(w[0]),
            change_hours: tidy(w[1]),
            lifecycle: tidy(w[2]),
            lifecycle_hours: tidy(w[3]),
        });
    }
    let sum = |f: &dyn Fn(&OrgCosts) -> f64| tidy(orgs.iter().map(f).sum());
    let assets_today = sum(&|o| o.assets_today.get());
    let staff_today = staffing.map(|_| sum(&|o| o.staff_today.map_or(0.0, Num::get)));
    let today = Today {
        total: tidy(assets_today.get() + staff_today.map_or(0.0, Num::get)),
        assets: assets_today,
        staff: staff_today,
    };
    let n_orgs = a.orgs.len();
    let target_fte =
        staffing.map(|s| s.shared_fte.get() + s.retained_fte_per_org.get() * n_orgs as f64);
    let components_cost = tidy(t.components.iter().map(|c| c.annual_cost.get()).sum());
    let staying = sum(&|o| o.staying.get());
    let target_staff = staffing.map(|s| tidy(target_fte.unwrap_or(0.0) * s.fte_cost.get()));
    let target_state = TargetState {
        total: tidy(components_cost.get() + staying.get() + target_staff.map_or(0.0, Num::get)),
        components: components_cost,
        staying,
        staff: target_staff,
        leaving: sum(&|o| o.leaving.get()),
        realized: sum(&|o| o.realized.get()),
    };
    let components: Vec<ComponentCost> = t
        .components
        .iter()
        .zip(realized_by)
        .map(|(c, by)| ComponentCost {
            id: c.id.clone(),
            name: c.name.clone(),
            layer: c.layer.as_str().to_string(),
            annual_cost: c.annual_cost,
            establish_hours: c.establish_hours,
            establish_cost: c.establish_cost,
            establish: tidy(c.establish_hours.get() * rate + c.establish_cost.get()),
            realized_by: by,
        })
        .collect();
    let establish = tidy(components.iter().map(|c| c.establish.get()).sum());
    let establish_hours = tidy(components.iter().map(|c| c.establish_hours.get()).sum());
    let change_gaps = sum(&|o| o.change.get());
    let change_gap_hours = sum(&|o| o.change_hours.get());
    let one_off = OneOff {
        change: tidy(change_gaps.get() + establish.get()),
        lifecycle: sum(&|o| o.lifecycle.get()),
        change_hours: tidy(change_gap_hours.get() + establish_hours.get()),
        lifecycle_hours: sum(&|o| o.lifecycle_hours.get()),
        change_gaps,
        change_gap_hours,
        establish,
        establish_hours,
    };
    let saving = tidy(today.total.get() - target_state.total.get());
    let payback_years = (saving.get() > 0.0).then(|| one_off.change.get() / saving.get());
    let hpf = t.hours_per_fte.get();
    let person_years = PersonYears {
        change: tidy(one_off.change_hours.get() / hpf),
        lifecycle: tidy(one_off.lifecycle_hours.get() / hpf),
        hours_per_fte: t.hours_per_fte,
    };
    // Notes in a fixed order: staff first, then coverage (by org), then the result.
    let mut head = Vec::new();
    match staffing {
        None => head.push(Note::NoStaffing),
        Some(_) if !no_it_staff.is_empty() => head.push(Note::NoItStaff { orgs: no_it_staff }),
        Some(_) => {}
    }
    head.append(&mut notes);
    if like.0 > 0 {
        head.push(Note::LikeForLike {
            assets: like.0,
            cost: tidy(like.1),
        });
    }
    if saving.get() <= 0.0 {
        head.push(Note::NoSaving { saving });
    }
    if waived > 0 {
        head.push(Note::Waived {
            gaps: waived,
            staying: waived_staying,
        });
    }
    Costs {
        target: t.id.clone(),
        currency: t.currency.clone(),
        today,
        target_state,
        saving,
        payback_years,
        one_off,
        orgs,
        notes: head,
        as_of: a.as_of,
        name: t.name.clone(),
        person_years,
        coverage,
        staffing: staffing.map(|s| StaffingUsed {
            fte_cost: s.fte_cost,
            shared_fte: s.shared_fte,
            retained_fte_per_org: s.retained_fte_per_org,
            orgs: n_orgs,
            target_fte: tidy(target_fte.unwrap_or(0.0)),
            today_fte: tidy(
                a.orgs
                    .iter()
                    .filter_map(|&o| p.org(o).meta.as_ref().and_then(|m| m.it_staff))
                    .map(Num::get)
                    .sum(),
            ),
        }),
        components,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gaps::Gap;
    use crate::model::{OrgIdx, Severity};

    fn gap(action: Action, kind: GapKind, component: Option<&str>) -> Gap {
        Gap {
            org: "a".into(),
            asset: Some("x".into()),
            rule: "r".into(),
            kind,
            severity: Severity::Medium,
            action,
            component: component.map(str::to_string),
            hours: Num(0.0),
            cost: Num(0.0),
            file: None,
            line: None,
            waived: false,
            expect: "moved_to",
            finding: crate::gaps::Finding {
                fact: crate::gaps::Fact::NotMoved {
                    component: component.unwrap_or("c").to_string(),
                },
                field: Some("realizes"),
                at: Default::default(),
            },
            waiver: None,
            waiver_expires: None,
            org_idx: OrgIdx(0),
            asset_idx: None,
            rule_idx: 0,
            expect_idx: 0,
            layer: None,
        }
    }

    #[test]
    fn which_gaps_take_an_asset_out() {
        for a in [Action::Migrate, Action::Consolidate, Action::Decommission] {
            assert!(leaves(&gap(a, GapKind::Duplicate, None)), "{a:?}");
        }
        for a in [Action::Upgrade, Action::Procure, Action::Reconfigure] {
            assert!(!leaves(&gap(a, GapKind::Migrate, Some("c"))), "{a:?}");
        }
        // `replace` leaves only onto a component; otherwise it is like for like.
        assert!(leaves(&gap(Action::Replace, GapKind::Migrate, Some("c"))));
        let eos = gap(Action::Replace, GapKind::EndOfSupport, None);
        assert!(!leaves(&eos));
        assert!(like_for_like(&eos));
    }

    #[test]
    fn layers_serialize_in_layer_order_without_empty_ones() {
        let mut c = Coverage::default();
        c.add(Layer::Services, false);
        c.add(Layer::Sites, true);
        c.add(Layer::Sites, false);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"assets":3,"with_cost":1,"layers":{"sites":{"assets":2,"with_cost":1},"services":{"assets":1,"with_cost":0}}}"#
        );
        assert!(!c.is_complete());
    }

    #[test]
    fn notes_read_as_sentences_in_singular_and_plural() {
        let one = Note::Waived {
            gaps: 1,
            staying: 0,
        };
        assert_eq!(
            one.message(),
            "1 waived gap is left out of the one-off cost"
        );
        let two = Note::Waived {
            gaps: 2,
            staying: 2,
        };
        assert_eq!(
            two.message(),
            "2 waived gaps are left out of the one-off cost; 2 assets that a waived gap would \
             take out of the target stay with their cost"
        );
        let more = Note::NoSaving {
            saving: Num(-1500.0),
        };
        assert_eq!(
            more.message(),
            "the target costs 1500 more a year than today: there is no payback"
        );
        let orgs = Note::NoItStaff {
            orgs: vec!["a".into(), "b".into()],
        };
        assert!(orgs.message().starts_with("`a`, `b` have no `it_staff`: "));
    }
}
