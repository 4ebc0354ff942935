//! The data-quality pages: per organisation, which assets lack a cost, an end of support, a
//! service level or an operator (counts on `quality.html`, the assets with a link to their
//! `file:line` on `quality/<org>.html`), so the group knows what to ask each municipality.
//!
//! The facts are the library's ([`crate::quality`]); this module adds links and sources.

use super::rows::{Links, OrgLink, Src};
use crate::model::{AssetIdx, Layer, OrgIdx};
use crate::quality::{self, Count, Fact, OrgQuality};
use serde::Serialize;

/// The summary page.
#[derive(Serialize)]
pub struct QualityPage<'a> {
    /// The facts asked for, in column order (`cost`, `end-of-support`, `sla`, `operator`).
    pub facts: Vec<&'static str>,
    /// By name.
    pub orgs: Vec<QualityOrg<'a>>,
    /// Every organisation together, per fact.
    pub total: Vec<Count>,
    pub assets: usize,
    /// Assets that lack at least one fact.
    pub lacking: usize,
}

/// One organisation: its counts (on the summary) and its assets that lack something (on
/// its own pages).
#[derive(Serialize)]
pub struct QualityOrg<'a> {
    pub org: OrgLink,
    /// `quality/<org>.html`.
    pub href: String,
    pub assets: usize,
    /// Per fact, in `facts` order.
    pub counts: Vec<Count>,
    /// Assets that lack at least one fact.
    pub lacking: usize,
    pub rows: LackRows<'a>,
}

/// The assets of an organisation that lack facts, by name; their rows are made when a page
/// shows them (or `report.json` lists them).
pub struct LackRows<'a> {
    p: &'a crate::model::Project,
    repo: Option<String>,
    lang: crate::report::Lang,
    assets: Vec<(AssetIdx, Vec<Fact>)>,
}

impl LackRows<'_> {
    pub fn len(&self) -> usize {
        self.assets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.assets.is_empty()
    }

    /// The rows of `range` (clamped to the list).
    pub fn rows(&self, range: std::ops::Range<usize>) -> Vec<LackRow> {
        let end = range.end.min(self.assets.len());
        let start = range.start.min(end);
        self.assets[start..end]
            .iter()
            .map(|(i, missing)| self.row(*i, missing))
            .collect()
    }

    fn row(&self, i: AssetIdx, missing: &[Fact]) -> LackRow {
        let links = Links {
            p: self.p,
            repo: self.repo.as_deref(),
            lang: self.lang,
        };
        let a = self.p.asset(i);
        LackRow {
            id: a.id.clone(),
            name: a.name.clone(),
            href: links.asset_link(i),
            layer: a.layer,
            kind: a.kind,
            missing: missing.iter().map(|f| f.as_str()).collect(),
            src: links.asset_src(a),
        }
    }
}

impl Serialize for LackRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.assets.len()))?;
        for (i, missing) in &self.assets {
            seq.serialize_element(&self.row(*i, missing))?;
        }
        seq.end()
    }
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

fn org_view<'a>(links: &Links, p: &'a crate::model::Project, q: OrgQuality) -> QualityOrg<'a> {
    let org = links.org_link(q.org);
    let mut named: Vec<(&str, (AssetIdx, Vec<Fact>))> = q
        .lacking
        .into_iter()
        .map(|x| (p.asset(x.0).name.as_str(), x))
        .collect();
    links.sort_by_name(&mut named, |n| n.0);
    let assets: Vec<(AssetIdx, Vec<Fact>)> = named.into_iter().map(|n| n.1).collect();
    QualityOrg {
        href: href(&org.id),
        org,
        assets: q.assets,
        counts: q.counts.to_vec(),
        lacking: assets.len(),
        rows: LackRows {
            p,
            repo: links.repo.map(str::to_string),
            lang: links.lang,
            assets,
        },
    }
}

/// The data-quality pages of the organisations `orgs` (those the study analyses) of project
/// `p` (the one `links` link into).
pub fn page<'a>(links: &Links, p: &'a crate::model::Project, orgs: &[OrgIdx]) -> QualityPage<'a> {
    let checked = quality::check(links.p, orgs);
    let mut total = vec![Count::default(); Fact::ALL.len()];
    for q in &checked {
        for (t, c) in total.iter_mut().zip(&q.counts) {
            t.asked += c.asked;
            t.missing += c.missing;
        }
    }
    let mut orgs: Vec<QualityOrg> = checked.into_iter().map(|q| org_view(links, p, q)).collect();
    links.sort_by_name(&mut orgs, |o| &o.org.name);
    QualityPage {
        facts: Fact::ALL.iter().map(|f| f.as_str()).collect(),
        assets: orgs.iter().map(|o| o.assets).sum(),
        lacking: orgs.iter().map(|o| o.lacking).sum(),
        orgs,
        total,
    }
}
