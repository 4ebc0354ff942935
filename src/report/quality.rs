//! The data-quality pages: per organisation, which assets lack a cost, an end of support, a
//! service level or an operator (counts on `quality.html`, the assets with a link to their
//! `file:line` on `quality/<org>.html`), so the group knows what to ask each municipality.
//!
//! The facts are the library's ([`crate::quality`]); this module adds links and sources.

use super::rows::{Links, OrgLink, Src};
use crate::model::{Layer, OrgIdx};
use crate::quality::{self, Count, Fact, OrgQuality};
use serde::Serialize;

/// The summary page.
#[derive(Serialize)]
pub struct QualityPage {
    /// The facts asked for, in column order (`cost`, `end-of-support`, `sla`, `operator`).
    pub facts: Vec<&'static str>,
    pub orgs: Vec<QualityOrg>,
    /// Every organisation together, per fact.
    pub total: Vec<Count>,
    pub assets: usize,
    /// Assets that lack at least one fact.
    pub lacking: usize,
}

/// One organisation: its counts (on the summary) and its assets that lack something (on
/// its own page).
#[derive(Serialize)]
pub struct QualityOrg {
    pub org: OrgLink,
    /// `quality/<org>.html`.
    pub href: String,
    pub assets: usize,
    /// Per fact, in `facts` order.
    pub counts: Vec<Count>,
    /// Assets that lack at least one fact.
    pub lacking: usize,
    pub rows: Vec<LackRow>,
}

/// An asset that lacks facts.
#[derive(Serialize)]
pub struct LackRow {
    pub id: String,
    pub name: String,
    pub href: String,
    pub layer: Layer,
    pub kind: &'static str,
    /// The facts it lacks, by code.
    pub missing: Vec<&'static str>,
    pub src: Src,
}

/// Site-relative link to an organisation's data-quality page.
pub fn href(org: &str) -> String {
    format!("quality/{org}.html")
}

fn org_view(links: &Links, q: OrgQuality) -> QualityOrg {
    let p = links.p;
    let org = links.org_link(q.org);
    let mut view = QualityOrg {
        href: href(&org.id),
        org,
        assets: q.assets,
        counts: q.counts.to_vec(),
        lacking: q.lacking.len(),
        rows: q
            .lacking
            .into_iter()
            .map(|(i, missing)| {
                let a = p.asset(i);
                LackRow {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    href: links.asset_link(i),
                    layer: a.layer,
                    kind: a.kind,
                    missing: missing.into_iter().map(Fact::as_str).collect(),
                    src: links.asset_src(a),
                }
            })
            .collect(),
    };
    links.sort_by_name(&mut view.rows, |r| &r.name);
    view
}

/// The data-quality pages of the organisations `orgs` (those the study analyses).
pub fn page(links: &Links, orgs: &[OrgIdx]) -> QualityPage {
    let checked = quality::check(links.p, orgs);
    let mut total = vec![Count::default(); Fact::ALL.len()];
    for q in &checked {
        for (t, c) in total.iter_mut().zip(&q.counts) {
            t.asked += c.asked;
            t.missing += c.missing;
        }
    }
    let mut orgs: Vec<QualityOrg> = checked.into_iter().map(|q| org_view(links, q)).collect();
    links.sort_by_name(&mut orgs, |o| &o.org.name);
    QualityPage {
        facts: Fact::ALL.iter().map(|f| f.as_str()).collect(),
        assets: orgs.iter().map(|o| o.assets).sum(),
        lacking: orgs.iter().map(|o| o.lacking).sum(),
        orgs,
        total,
    }
}
