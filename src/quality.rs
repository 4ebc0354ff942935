//! Data quality: which assets lack the facts the study's figures rest on, per organisation,
//! so the group knows what to ask each municipality.
//!
//! Four facts are asked for, each of the assets it applies to (docs/decisions.md, "Data
//! quality"):
//!
//! | fact | asked of | why |
//! |---|---|---|
//! | cost (`annual_cost` or `contract.annual_cost`) | every asset | without it the yearly figures count the asset as 0 (the same test as the costs' coverage) |
//! | `end_of_support` | every asset but sites | without it no end-of-support gap and no late item can be found |
//! | `sla` | every asset but clients | service levels are judged on what people depend on, not on end-user devices |
//! | `operator` | every asset | who runs it today: who must hand it over (the organisation's `operator` is not inherited, as in the rules) |
//!
//! Computed from the model only, for the organisations a study analyses; views list it.

use crate::model::{Asset, AssetIdx, Layer, OrgIdx, Project};
use serde::Serialize;

/// A fact an asset may lack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fact {
    Cost,
    EndOfSupport,
    Sla,
    Operator,
}

impl Fact {
    pub const ALL: [Fact; 4] = [Fact::Cost, Fact::EndOfSupport, Fact::Sla, Fact::Operator];

    pub fn as_str(self) -> &'static str {
        match self {
            Fact::Cost => "cost",
            Fact::EndOfSupport => "end-of-support",
            Fact::Sla => "sla",
            Fact::Operator => "operator",
        }
    }

    /// Is this fact asked of assets of `layer`?
    pub fn applies(self, layer: Layer) -> bool {
        match self {
            Fact::Cost | Fact::Operator => true,
            Fact::EndOfSupport => layer != Layer::Sites,
            Fact::Sla => layer != Layer::Clients,
        }
    }

    /// Does `a` lack this fact (when it is asked of it)?
    pub fn lacks(self, a: &Asset) -> bool {
        self.applies(a.layer)
            && match self {
                Fact::Cost => !crate::costs::has_cost(a),
                Fact::EndOfSupport => a.end_of_support.is_none(),
                Fact::Sla => a.sla.is_none(),
                Fact::Operator => a.operator.is_none(),
            }
    }
}

/// How many assets a fact is asked of, and how many lack it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    pub asked: usize,
    pub missing: usize,
}

/// One organisation's data quality.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgQuality {
    pub org: OrgIdx,
    pub assets: usize,
    /// In [`Fact::ALL`] order.
    pub counts: [Count; 4],
    /// Assets that lack at least one fact, in inventory order, with what they lack.
    pub lacking: Vec<(AssetIdx, Vec<Fact>)>,
}

/// The facts lacking in every organisation of `orgs`, in that order.
pub fn check(p: &Project, orgs: &[OrgIdx]) -> Vec<OrgQuality> {
    orgs.iter()
        .map(|&o| {
            let org = p.org(o);
            let mut q = OrgQuality {
                org: o,
                assets: org.assets.len(),
                counts: [Count::default(); 4],
                lacking: Vec::new(),
            };
            for (k, a) in p.org_assets(o).iter().enumerate() {
                let mut missing = Vec::new();
                for (i, f) in Fact::ALL.into_iter().enumerate() {
                    if f.applies(a.layer) {
                        q.counts[i].asked += 1;
                    }
                    if f.lacks(a) {
                        q.counts[i].missing += 1;
                        missing.push(f);
                    }
                }
                if !missing.is_empty() {
                    q.lacking
                        .push((AssetIdx(org.assets.start + k as u32), missing));
                }
            }
            q
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_facts_are_asked_of_which_layers() {
        assert!(Fact::Cost.applies(Layer::Sites));
        assert!(!Fact::EndOfSupport.applies(Layer::Sites));
        assert!(Fact::EndOfSupport.applies(Layer::Clients));
        assert!(!Fact::Sla.applies(Layer::Clients));
        assert!(Fact::Sla.applies(Layer::Services));
        assert!(Fact::Operator.applies(Layer::Clients));
    }
}
