//! The plan's items as the pages name, link and explain them: what an item is called (the
//! asset's or component's name, never its plan id), where its row is (its wave's page), why
//! it is in its wave (the planner's reason as a sentence that names and links what held it
//! back), the chain of reasons behind it, and the critical path (the chains that decide when
//! the last wave ends).
//!
//! Everything here follows the planner's own values ([`WavePlan`]: each item's wave and
//! reason, the warnings); nothing is planned again. Built once per report and shared by the
//! overview, organisation and wave pages.

use super::rows::ROWS_PER_PAGE;
use super::sentence::{self, Sentence};
use crate::gaps::tidy;
use crate::model::Date;
use crate::model::{Capacity, Project, Target};
use crate::waves::{Hold, ItemIdx, ItemKind, Warning, WarningFact, WavePlan};
use serde::Serialize;
use serde_json::{Value, json};

/// An item as a reader meets it: its name, organisation, wave and where its row is.
#[derive(Clone, Debug, Serialize)]
pub struct ItemRef {
    /// Index into the plan's items (the row's anchor is `item-<index>`).
    pub index: u32,
    /// The plan's id (`gnosjo/ad`, `establish:shared-ad`), for those who check the JSON.
    pub id: String,
    /// What a person calls it: the asset's or component's name, or the rule's title for
    /// something an organisation lacks.
    pub name: String,
    pub org: Option<String>,
    pub wave: Option<u32>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// Site-relative link to its row on its wave's page; `None` when it has no wave.
    pub href: Option<String>,
    /// On a chain of reasons that decides when the last wave ends.
    pub critical: bool,
}

/// Why an item is in its wave (or has none): the planner's reason in the reader's words,
/// and the item that held it back, linked, when the reason is another item.
#[derive(Clone, Debug, Serialize)]
pub struct Because {
    /// The reason's code (`dependency`, `contract`, `capacity`, …).
    pub kind: &'static str,
    pub text: Sentence,
    pub on: Option<ItemRef>,
    /// The planner's own words (English), as `samdrift waves` prints them.
    pub message: String,
    /// Its wave, and the earliest wave any plan could give it (its dependencies' earliest
    /// waves and its contract; capacity and freezes aside): when they are equal, no plan
    /// does it sooner.
    pub wave: Option<u32>,
    pub earliest_possible: Option<u32>,
}

/// The plan of a report, indexed for naming and linking its items.
pub struct PlanIndex<'a> {
    pub plan: &'a WavePlan,
    t: &'a Target,
    p: &'a Project,
    refs: Vec<ItemRef>,
    /// The items of every longest chain of reasons that ends in the last wave, from the
    /// first wave on.
    pub critical_chains: Vec<Vec<ItemIdx>>,
    /// Each item's warnings, as indices into the plan's warnings.
    warnings_of: Vec<Vec<u32>>,
}

/// Site-relative path of page `page` (from 1) of wave `number`.
pub fn wave_path(number: u32, page: usize) -> String {
    if page <= 1 {
        format!("waves/wave-{number}.html")
    } else {
        format!("waves/wave-{number}-{page}.html")
    }
}

impl<'a> PlanIndex<'a> {
    /// The index of `plan` of project `p`, made for target `t` from the analysis whose gaps
    /// are `gaps`.
    pub fn new(
        p: &'a Project,
        t: &'a Target,
        plan: &'a WavePlan,
        gaps: &[crate::gaps::Gap],
    ) -> PlanIndex<'a> {
        let mut refs: Vec<ItemRef> = plan
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let name = match it.kind {
                    ItemKind::Asset(a) => p.asset(a).name.clone(),
                    ItemKind::Establish { component } => t
                        .components
                        .get(component)
                        .map_or_else(|| it.id.clone(), |c| c.name.clone()),
                    ItemKind::Missing { gap } => gaps
                        .get(gap)
                        .and_then(|g| t.rules.get(g.rule_idx))
                        .map_or_else(|| it.id.clone(), |r| r.title.clone()),
                };
                ItemRef {
                    index: i as u32,
                    id: it.id.clone(),
                    name,
                    org: it.org.map(|o| p.org(o).name().to_string()),
                    wave: it.wave,
                    start: None,
                    end: None,
                    href: None,
                    critical: false,
                }
            })
            .collect();
        for w in &plan.waves {
            for (pos, &i) in w.items.iter().enumerate() {
                let r = &mut refs[i.0 as usize];
                r.start = Some(w.start);
                r.end = Some(w.end);
                r.href = Some(format!(
                    "{}#item-{}",
                    wave_path(w.number, pos / ROWS_PER_PAGE + 1),
                    i.0
                ));
            }
        }
        let mut warnings_of = vec![Vec::new(); plan.items.len()];
        for (wi, w) in plan.warnings.iter().enumerate() {
            warnings_of[w.item.0 as usize].push(wi as u32);
        }
        let mut index = PlanIndex {
            plan,
            t,
            p,
            refs,
            critical_chains: Vec::new(),
            warnings_of,
        };
        index.critical_chains = index.critical();
        for chain in index.critical_chains.clone() {
            for i in chain {
                index.refs[i.0 as usize].critical = true;
            }
        }
        index
    }

    /// Item `i` as a reader meets it.
    pub fn item(&self, i: ItemIdx) -> ItemRef {
        self.refs[i.0 as usize].clone()
    }

    /// The project the plan is of.
    pub fn project(&self) -> &'a Project {
        self.p
    }

    /// Item `i` as a reader meets it, borrowed.
    pub fn item_ref(&self, i: ItemIdx) -> &ItemRef {
        &self.refs[i.0 as usize]
    }

    /// The plan's warnings on item `i`.
    pub fn warnings_of(&self, i: ItemIdx) -> impl Iterator<Item = &'a Warning> + '_ {
        self.warnings_of[i.0 as usize]
            .iter()
            .map(|&w| &self.plan.warnings[w as usize])
    }

    /// The item that held `i` back from the wave before its own, when that is an item.
    pub fn held_by(&self, i: ItemIdx) -> Option<ItemIdx> {
        match self.plan.item(i).reason.hold {
            Hold::Dependency { on } | Hold::Oversize { by: Some(on), .. } => Some(on),
            _ => None,
        }
    }

    /// The chain of reasons behind `i`: `i`, the item that held it back, the item that held
    /// that one back, and so on to an item held by something else (capacity, a contract, the
    /// start). Waves fall along the chain, so it ends; the bound only guards a broken plan.
    pub fn chain(&self, i: ItemIdx) -> Vec<ItemIdx> {
        let mut out = vec![i];
        let mut at = i;
        while let Some(on) = self.held_by(at) {
            if out.contains(&on) || out.len() > self.plan.items.len() {
                break;
            }
            out.push(on);
            at = on;
        }
        out
    }

    /// The longest chains of reasons that end in the last wave, each from its first item
    /// on: what decides when the plan ends. Items of the last wave held back by capacity or
    /// a contract are chains of their own; only chains longer than one item are kept.
    fn critical(&self) -> Vec<Vec<ItemIdx>> {
        let Some(last) = self.plan.waves.last() else {
            return Vec::new();
        };
        let chains: Vec<Vec<ItemIdx>> = last.items.iter().map(|&i| self.chain(i)).collect();
        let longest = chains.iter().map(Vec::len).max().unwrap_or(0);
        if longest < 2 {
            return Vec::new();
        }
        let mut out: Vec<Vec<ItemIdx>> = chains
            .into_iter()
            .filter(|c| c.len() == longest)
            .map(|mut c| {
                c.reverse();
                c
            })
            .collect();
        out.dedup();
        out
    }

    /// Why item `i` is in its wave (or has none), in the reader's words.
    pub fn because(&self, i: ItemIdx) -> Because {
        let it = self.plan.item(i);
        let p = self.p;
        let prev = it.wave.map(|w| w.saturating_sub(1));
        let asset_name = |a| Value::from(p.asset(a).name.clone());
        let capacity = self.plan.capacity_hours.get();
        let mut on = None;
        let text = match &it.reason.hold {
            Hold::Start if it.wave.is_some_and(|w| w > 1 && w == self.plan.first_wave) => {
                Sentence::new("hold.start-past").with("date", sentence::date(self.plan.run_date))
            }
            Hold::Start => Sentence::new("hold.start"),
            Hold::Dependency { on: o } => {
                on = Some(self.item(*o));
                Sentence::new(if it.wave.is_some() {
                    "hold.dependency"
                } else {
                    "hold.blocked"
                })
            }
            Hold::Contract { asset, ends } if it.wave.is_none() => {
                Sentence::new("hold.contract-beyond")
                    .with("asset", asset_name(*asset))
                    .with("ends", sentence::date(*ends))
            }
            Hold::Contract { asset, ends } => {
                // A contract that renewed itself because its notice date passed says so.
                let missed = self.warnings_of(i).find_map(|w| match w.fact {
                    WarningFact::Renewed { missed, .. } => Some(missed),
                    _ => None,
                });
                match missed {
                    Some(missed) => Sentence::new("hold.contract-renewed")
                        .with("missed", sentence::date(missed)),
                    None => Sentence::new("hold.contract"),
                }
                .with("asset", asset_name(*asset))
                .with("ends", sentence::date(*ends))
            }
            Hold::Freeze {
                freeze,
                asset,
                from,
            } => {
                let f = self.t.plan.as_ref().and_then(|pl| pl.freeze.get(*freeze));
                let (key, waves) = if let Some(prev) = prev.filter(|&w| *from < w) {
                    ("hold.freeze-waves", json!(format!("{from}–{prev}")))
                } else {
                    ("hold.freeze", json!(prev))
                };
                Sentence::new(key)
                    .with("asset", asset_name(*asset))
                    .with("from", f.map_or(Value::Null, |f| day_month(f.from)))
                    .with("to", f.map_or(Value::Null, |f| day_month(f.to)))
                    .with("wave", waves)
            }
            Hold::Capacity { used } => Sentence::new("hold.capacity")
                .with("wave", json!(prev))
                .with("used", sentence::hours(tidy(used.get()).get()))
                .with("capacity", sentence::hours(capacity)),
            Hold::OrgCapacity { org, used } => Sentence::new("hold.org-capacity")
                .with("wave", json!(prev))
                .with("org", Value::from(p.org(*org).name()))
                .with("used", sentence::hours(tidy(used.get()).get()))
                .with(
                    "capacity",
                    sentence::hours(self.plan.org_capacity_hours.map_or(capacity, |h| h.get())),
                ),
            Hold::Oversize { by: Some(b), .. } => {
                on = Some(self.item(*b));
                Sentence::new("hold.oversize-by").with("wave", json!(prev))
            }
            Hold::Oversize { by: None, .. } => {
                Sentence::new("hold.oversize").with("capacity", sentence::hours(capacity))
            }
            Hold::Horizon => {
                Sentence::new("hold.horizon").with("end", sentence::date(self.plan.horizon_end))
            }
            Hold::Full {
                component,
                key,
                need,
                left,
                capacity,
            } => {
                let unit = |v: f64| sentence::quantity(tidy(v).get(), Capacity::KEYS[*key]);
                let name = self
                    .t
                    .components
                    .get(*component)
                    .map_or(Value::Null, |c| Value::from(c.name.clone()));
                Sentence::new(if need.get() > capacity.get() {
                    "hold.full-never"
                } else {
                    "hold.full"
                })
                .with("component", name)
                .with("need", unit(need.get()))
                .with("left", unit(left.get().max(0.0)))
                .with("capacity", unit(capacity.get()))
            }
        };
        Because {
            kind: it.reason.hold.code(),
            text,
            on,
            message: it.reason.message.clone(),
            wave: it.wave,
            earliest_possible: it.earliest_possible,
        }
    }

    /// A plan warning in the reader's words, from its facts ([`WarningFact`]).
    pub fn warning(&self, w: &Warning) -> Sentence {
        let p = self.p;
        let run = self.plan.run_date;
        match &w.fact {
            WarningFact::Late {
                end_of_support,
                wave,
                wave_start,
                earliest_possible,
                avoidable,
            } => {
                let key = if *avoidable {
                    "wavewarn.late-avoidable"
                } else if *end_of_support < run {
                    "wavewarn.late-passed"
                } else {
                    "wavewarn.late"
                };
                Sentence::new(key)
                    .with("eos", sentence::date(*end_of_support))
                    .with("wave", Value::from(*wave))
                    .with("start", sentence::date(*wave_start))
                    .with("earliest", json!(earliest_possible))
            }
            WarningFact::Oversize {
                hours,
                capacity,
                org,
                wave,
                ..
            } => Sentence::new(if org.is_some() {
                "wavewarn.oversize-org"
            } else {
                "wavewarn.oversize"
            })
            .with("hours", sentence::hours(tidy(hours.get()).get()))
            .with("capacity", sentence::hours(capacity.get()))
            .with(
                "org",
                org.map_or(Value::Null, |o| Value::from(p.org(o).name())),
            )
            .with("wave", Value::from(*wave)),
            WarningFact::FreezeDropped { freeze } => {
                let f = self.t.plan.as_ref().and_then(|pl| pl.freeze.get(*freeze));
                Sentence::new("wavewarn.freeze-dropped")
                    .with("from", f.map_or(Value::Null, |f| day_month(f.from)))
                    .with("to", f.map_or(Value::Null, |f| day_month(f.to)))
            }
            WarningFact::Unplaceable { kind } => {
                Sentence::new(format!("wavewarn.unplaceable.{}", kind.as_str()))
            }
            WarningFact::Renewed {
                missed,
                runs_to,
                next_notice,
            } => Sentence::new(if next_notice.is_some() {
                "wavewarn.renewed"
            } else {
                "wavewarn.renewed-last"
            })
            .with("missed", sentence::date(*missed))
            .with("runs_to", sentence::date(*runs_to))
            .with("next", next_notice.map_or(Value::Null, sentence::date)),
            WarningFact::Stranded { site, asset } => Sentence::new("wavewarn.stranded")
                .with("site", Value::from(p.asset(*site).name.clone()))
                .with("asset", Value::from(p.asset(*asset).name.clone())),
        }
    }
}

/// A yearly day (`(month, day)`) as a placeholder value.
pub fn day_month((m, d): (u32, u32)) -> Value {
    json!({ "day_month": [m, d] })
}
