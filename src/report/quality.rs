//! The data-quality pages: per organisation, which assets lack a cost, an end of support, a
//! service level or an operator (counts on `quality.html`, the assets with a link to their
//! `file:line` on `quality/<org>.html`), so the group knows what to ask each municipality.
//!
//! The facts are the library's ([`crate::quality`]); this module adds links and sources.

use super::i18n::Lang;
use super::rows::{Links, OrgLink, Src};
use crate::model::{AssetIdx, Layer, OrgIdx, Project};
use crate::quality::{self, Count, Fact, OrgQuality};
use serde::Serialize;
use std::sync::Arc;

/// The summary page.
#[derive(Serialize)]
pub struct QualityPage<'a> {
    /// The facts asked for, in column order (`cost`, `end-of-support`, `sla`, `operator`).
    pub facts: Vec<&'static str>,
    pub orgs: Vec<QualityOrg<'a>>,
    /// Every organisation together, per fact.
    pub total: Vec<Count>,
    pub assets: usize,
    /// Assets that lack at least one fact.
    pub lacking: usize,
}

/// One organisation: its counts (on the summary) and its assets that lack something (on
/// its own page).
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
    /// Made when a page shows them (or `report.json` is written).
    pub rows: LackRows<'a>,
}

/// What the rows are made from: the links' settings, shared by every organisation.
struct RowSource<'a> {
    p: &'a Project,
    repo: Option<String>,
    lang: Lang,
    order: Vec<u32>,
}

/// The assets of an organisation that lack facts, by name, with what each lacks; their rows
/// are made when asked for, so that the rows of every organisation are never in memory
/// together.
pub struct LackRows<'a> {
    src: Arc<RowSource<'a>>,
    lacking: Vec<(AssetIdx, Vec<Fact>)>,
}

impl LackRows<'_> {
    pub fn len(&self) -> usize {
        self.lacking.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lacking.is_empty()
    }

    /// The rows `range` (in the list's order).
    pub fn rows(&self, range: std::ops::Range<usize>) -> Vec<LackRow> {
        let end = range.end.min(self.lacking.len());
        let start = range.start.min(end);
        self.lacking[start..end]
            .iter()
            .map(|(i, missing)| self.row(*i, missing))
            .collect()
    }

    fn row(&self, i: AssetIdx, missing: &[Fact]) -> LackRow {
        let s = &self.src;
        let links = Links {
            p: s.p,
            repo: s.repo.as_deref(),
            lang: s.lang,
            order: &s.order,
        };
        let a = s.p.asset(i);
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

/// Every row, made one at a time.
impl<'b> IntoIterator for &'b LackRows<'_> {
    type Item = LackRow;
    type IntoIter = Box<dyn Iterator<Item = LackRow> + 'b>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.lacking.iter().map(|(i, m)| self.row(*i, m)))
    }
}

impl Serialize for LackRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self)
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

fn org_view<'a>(links: &Links, src: &Arc<RowSource<'a>>, q: OrgQuality) -> QualityOrg<'a> {
    let p = src.p;
    let org = links.org_link(q.org);
    let mut lacking = q.lacking;
    // As `sort_by_name` sorts (a stable sort by name in the reader's order).
    lacking.sort_by(|(x, _), (y, _)| links.cmp_names(&p.asset(*x).name, &p.asset(*y).name));
    QualityOrg {
        href: href(&org.id),
        org,
        assets: q.assets,
        counts: q.counts.to_vec(),
        lacking: lacking.len(),
        rows: LackRows {
            src: src.clone(),
            lacking,
        },
    }
}

/// The data-quality pages of the organisations `orgs` (those the study analyses) of
/// project `p` (the one `links` links into).
pub fn page<'a>(links: &Links, p: &'a Project, orgs: &[OrgIdx]) -> QualityPage<'a> {
    let checked = quality::check(links.p, orgs);
    let mut total = vec![Count::default(); Fact::ALL.len()];
    for q in &checked {
        for (t, c) in total.iter_mut().zip(&q.counts) {
            t.asked += c.asked;
            t.missing += c.missing;
        }
    }
    let src = Arc::new(RowSource {
        p,
        repo: links.repo.map(str::to_string),
        lang: links.lang,
        order: links.order.to_vec(),
    });
    let mut orgs: Vec<QualityOrg> = checked
        .into_iter()
        .map(|q| org_view(links, &src, q))
        .collect();
    links.sort_by_name(&mut orgs, |o| &o.org.name);
    QualityPage {
        facts: Fact::ALL.iter().map(|f| f.as_str()).collect(),
        assets: orgs.iter().map(|o| o.assets).sum(),
        lacking: orgs.iter().map(|o| o.lacking).sum(),
        orgs,
        total,
    }
}
