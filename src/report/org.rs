//! An organisation's page: what it has (assets by layer and kind, suppliers, yearly cost),
//! its gaps, and its dependency diagram.

use super::diagram::{self, Diagram};
use super::rows::{GapRow, Links, Src, org_href};
use crate::gaps::{Gap, Summary};
use crate::graph::Graph;
use crate::model::{Asset, AssetIdx, Date, Layer, OrgIdx, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Serialize)]
pub struct OrgPage {
    pub id: String,
    pub name: String,
    pub href: String,
    pub population: Option<u64>,
    pub employees: Option<u64>,
    pub it_staff: Option<crate::model::Num>,
    pub operator: Option<String>,
    pub src: Src,
    pub layers: Vec<LayerSummary>,
    pub totals: OrgTotals,
    pub assets: Vec<AssetRow>,
    pub gaps: Vec<GapRow>,
    pub diagram: Diagram,
}

#[derive(Serialize, Default)]
pub struct OrgTotals {
    pub entries: usize,
    pub quantity: u64,
    pub annual_cost: f64,
    pub gaps: usize,
    pub waived: usize,
    pub hours: f64,
    pub cost: f64,
}

#[derive(Serialize)]
pub struct LayerSummary {
    pub layer: Layer,
    pub entries: usize,
    pub quantity: u64,
    pub annual_cost: f64,
    pub suppliers: Vec<String>,
    pub kinds: Vec<KindCount>,
    pub gaps: usize,
    pub hours: f64,
}

#[derive(Serialize)]
pub struct KindCount {
    pub kind: &'static str,
    pub entries: usize,
    pub quantity: u64,
}

#[derive(Serialize)]
pub struct AssetRow {
    pub id: String,
    pub anchor: String,
    pub name: String,
    pub layer: Layer,
    pub kind: &'static str,
    pub product: Option<String>,
    pub version: Option<String>,
    pub quantity: u64,
    pub operator: Option<String>,
    pub supplier: Option<String>,
    pub contract_ends: Option<Date>,
    pub end_of_support: Option<Date>,
    pub annual_cost: f64,
    pub realizes: Option<String>,
    pub depends_on: Vec<String>,
    pub gaps: usize,
    pub worst: Option<Severity>,
    pub src: Src,
}

/// The page of organisation `o`: its gaps are `gaps` (in §4 order), shown as `rows`.
pub fn org_page(links: &Links, graph: &Graph, o: OrgIdx, gaps: &[Gap], rows: &[GapRow]) -> OrgPage {
    let p = links.p;
    let org = p.org(o);
    let assets = p.org_assets(o);
    // Per asset: open gap count and worst severity.
    let mut per_asset: HashMap<&str, (usize, Option<Severity>)> = HashMap::new();
    for g in gaps.iter().filter(|g| !g.waived) {
        if let Some(id) = &g.asset {
            let e = per_asset.entry(id.as_str()).or_default();
            e.0 += 1;
            e.1 = e.1.max(Some(g.severity));
        }
    }
    let layers = Layer::ALL
        .iter()
        .map(|&l| {
            let of_layer: Vec<&Asset> = assets.iter().filter(|x| x.layer == l).collect();
            let mut kinds: BTreeMap<&'static str, (usize, u64)> = BTreeMap::new();
            let mut suppliers = BTreeSet::new();
            for x in &of_layer {
                let k = kinds.entry(x.kind).or_default();
                k.0 += 1;
                k.1 += x.quantity;
                if let Some(op) = x.operator.as_deref().filter(|o| *o != "in-house") {
                    suppliers.insert(op.to_string());
                }
                if let Some(s) = x.contract.as_ref().and_then(|c| c.supplier.as_ref()) {
                    suppliers.insert(s.clone());
                }
            }
            let lgaps = rows.iter().filter(|g| !g.waived && g.layer == Some(l));
            LayerSummary {
                layer: l,
                entries: of_layer.len(),
                quantity: of_layer.iter().map(|x| x.quantity).sum(),
                annual_cost: of_layer.iter().map(|x| x.yearly_cost()).sum(),
                suppliers: suppliers.into_iter().collect(),
                kinds: kinds
                    .into_iter()
                    .map(|(kind, (entries, quantity))| KindCount {
                        kind,
                        entries,
                        quantity,
                    })
                    .collect(),
                gaps: lgaps.clone().count(),
                hours: lgaps.map(|g| g.hours).sum(),
            }
        })
        .collect();
    let asset_rows: Vec<AssetRow> = assets
        .iter()
        .map(|x| {
            let (n, worst) = per_asset.get(x.id.as_str()).copied().unwrap_or_default();
            AssetRow {
                id: x.id.clone(),
                anchor: format!("a-{}", x.id),
                name: x.name.clone(),
                layer: x.layer,
                kind: x.kind,
                product: x.product.clone(),
                version: x.version.clone(),
                quantity: x.quantity,
                operator: x.operator.clone(),
                supplier: x.contract.as_ref().and_then(|c| c.supplier.clone()),
                contract_ends: x.contract.as_ref().and_then(|c| c.ends),
                end_of_support: x.end_of_support,
                annual_cost: x.yearly_cost(),
                realizes: x.realizes.as_ref().map(|r| r.value.clone()),
                depends_on: x.refs().map(|r| r.to_string()).collect(),
                gaps: n,
                worst,
                src: links.asset_src(x),
            }
        })
        .collect();
    // The organisation's totals as `samdrift gaps` adds them up.
    let sum = Summary::of(gaps);
    let totals = OrgTotals {
        entries: assets.len(),
        quantity: assets.iter().map(|x| x.quantity).sum(),
        annual_cost: assets.iter().map(Asset::yearly_cost).sum(),
        gaps: sum.gaps,
        waived: sum.waived,
        hours: sum.hours.get(),
        cost: sum.cost.get(),
    };
    let worst: HashMap<AssetIdx, Severity> = (org.assets.clone())
        .map(AssetIdx)
        .filter_map(|i| {
            per_asset
                .get(p.asset(i).id.as_str())
                .and_then(|(_, w)| *w)
                .map(|w| (i, w))
        })
        .collect();
    let diagram = diagram::org_diagram(p, graph, o, &worst, &|i| links.asset_link(i));
    let src = match &org.meta {
        Some(m) => links.src(p.file(m.loc.file), Some(m.loc.pos.line)),
        None => links.src(&org.dir, None),
    };
    let meta = org.meta.as_ref();
    OrgPage {
        id: org.id.clone(),
        name: org.name().to_string(),
        href: org_href(&org.id),
        population: meta.and_then(|m| m.population),
        employees: meta.and_then(|m| m.employees),
        it_staff: meta.and_then(|m| m.it_staff),
        operator: meta.and_then(|m| m.operator.clone()),
        src,
        layers,
        totals,
        assets: asset_rows,
        gaps: rows.to_vec(),
        diagram,
    }
}
