//! An organisation's page: what it has (assets by layer and kind, suppliers, yearly cost and
//! how much of it is known), when its work is done (its gaps' waves), its gaps (most severe
//! first, then by wave), and its dependency diagram.

use super::diagram::{self, Diagram};
use super::items::wave_path;
use super::rows::{GapRow, Links, Src, org_href};
use crate::costs::{OrgCosts, has_cost};
use crate::gaps::{Gap, Summary, tidy};
use crate::graph::Graph;
use crate::model::{Asset, AssetIdx, Date, Layer, OrgIdx, Severity, Target};
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
    /// When its work is done: hours and gaps per wave (empty without a plan).
    pub waves: Vec<OrgWave>,
    /// Open gaps that no wave takes (their item could not be placed).
    pub unplaced: usize,
    pub assets: Vec<AssetRow>,
    pub gaps: Vec<GapRow>,
    pub diagram: Diagram,
}

/// The organisation's work in one wave.
#[derive(Serialize)]
pub struct OrgWave {
    pub number: u32,
    /// The wave's dates (filled from the plan by the site).
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub href: String,
    pub gaps: usize,
    pub hours: f64,
}

#[derive(Serialize, Default)]
pub struct OrgTotals {
    pub entries: usize,
    pub quantity: u64,
    pub annual_cost: f64,
    /// Entries that carry a cost (`annual_cost` or `contract.annual_cost`).
    pub with_cost: usize,
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
    /// Entries of the layer that carry a cost.
    pub with_cost: usize,
    pub suppliers: Vec<String>,
    pub kinds: Vec<KindCount>,
    pub gaps: usize,
    pub hours: f64,
}

#[derive(Serialize)]
pub struct DependencyLink {
    pub name: String,
    /// The organisation's name when it is another one's.
    pub org: Option<String>,
    pub href: String,
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
    /// Its yearly cost; `None` when neither `annual_cost` nor `contract.annual_cost` is
    /// written (unknown, not zero).
    pub annual_cost: Option<f64>,
    pub realizes: Option<String>,
    pub realizes_name: Option<String>,
    /// What it depends on, by name and link.
    pub depends_on: Vec<DependencyLink>,
    pub gaps: usize,
    pub worst: Option<Severity>,
    pub src: Src,
}

/// The page of organisation `o`: its gaps are `gaps` (in §4 order), shown as `rows` (each
/// with its wave when there is a plan); `costs` are its figures of the study's costs.
#[allow(clippy::too_many_arguments)]
pub fn org_page(
    links: &Links,
    t: &Target,
    graph: &Graph,
    o: OrgIdx,
    gaps: &[Gap],
    rows: Vec<GapRow>,
    costs: Option<&OrgCosts>,
) -> OrgPage {
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
    let layer_cov = |l: Layer| {
        costs
            .map(|c| c.coverage.layers.0[l as usize].with_cost)
            .unwrap_or_else(|| {
                assets
                    .iter()
                    .filter(|x| x.layer == l && has_cost(x))
                    .count()
            })
    };
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
            let mut suppliers: Vec<String> = suppliers.into_iter().collect();
            links.sort_by_name(&mut suppliers, |s| s);
            let mut kinds: Vec<KindCount> = kinds
                .into_iter()
                .map(|(kind, (entries, quantity))| KindCount {
                    kind,
                    entries,
                    quantity,
                })
                .collect();
            // Most units first: what the layer mostly is.
            kinds.sort_by(|a, b| b.quantity.cmp(&a.quantity).then(a.kind.cmp(b.kind)));
            let lgaps = rows.iter().filter(|g| !g.waived && g.layer == Some(l));
            LayerSummary {
                layer: l,
                entries: of_layer.len(),
                quantity: of_layer.iter().map(|x| x.quantity).sum(),
                annual_cost: of_layer.iter().map(|x| x.yearly_cost()).sum(),
                with_cost: layer_cov(l),
                suppliers,
                kinds,
                gaps: lgaps.clone().count(),
                hours: lgaps.map(|g| g.hours).sum(),
            }
        })
        .collect();
    let name_of = |i: AssetIdx| {
        let x = p.asset(i);
        DependencyLink {
            name: x.name.clone(),
            org: (x.org != o).then(|| p.org(x.org).name().to_string()),
            href: links.asset_link(i),
        }
    };
    let mut asset_rows: Vec<(u32, AssetRow)> = assets
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let i = org.assets.start + k as u32;
            let (n, worst) = per_asset.get(x.id.as_str()).copied().unwrap_or_default();
            let pos = links.order.get(i as usize).copied().unwrap_or(k as u32);
            (
                pos,
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
                    annual_cost: has_cost(x).then(|| x.yearly_cost()),
                    realizes: x.realizes.as_ref().map(|r| r.value.clone()),
                    realizes_name: x
                        .realizes
                        .as_ref()
                        .and_then(|r| t.component(&r.value))
                        .map(|c| c.name.clone()),
                    depends_on: x
                        .depends_on
                        .iter()
                        .filter_map(|r| r.resolved)
                        .map(name_of)
                        .collect(),
                    gaps: n,
                    worst,
                    src: links.asset_src(x),
                },
            )
        })
        .collect();
    // In the list's order (by layer, services on top as in the diagram, then by name), which
    // the links to the rows also follow.
    asset_rows.sort_by_key(|(pos, _)| *pos);
    let asset_rows: Vec<AssetRow> = asset_rows.into_iter().map(|(_, r)| r).collect();
    // The organisation's totals as `samdrift gaps` adds them up.
    let sum = Summary::of(gaps);
    let totals = OrgTotals {
        entries: assets.len(),
        quantity: assets.iter().map(|x| x.quantity).sum(),
        annual_cost: assets.iter().map(Asset::yearly_cost).sum(),
        with_cost: costs.map_or_else(
            || assets.iter().filter(|x| has_cost(x)).count(),
            |c| c.coverage.with_cost,
        ),
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
    // When its work is done: its open gaps by the wave that closes them.
    let mut waves: BTreeMap<u32, (usize, f64)> = BTreeMap::new();
    let mut unplaced = 0;
    for r in rows.iter().filter(|r| !r.waived && r.planned) {
        match r.wave {
            Some(w) => {
                let e = waves.entry(w).or_default();
                e.0 += 1;
                e.1 += r.hours;
            }
            None => unplaced += 1,
        }
    }
    // Its gaps: most severe first, then by wave (unplaced last), then by asset name.
    let mut gap_rows = rows;
    gap_rows.sort_by(|a, b| {
        a.waived
            .cmp(&b.waived)
            .then(b.severity.cmp(&a.severity))
            .then(a.wave.unwrap_or(u32::MAX).cmp(&b.wave.unwrap_or(u32::MAX)))
            .then_with(|| {
                links.cmp_names(
                    a.asset_name.as_deref().unwrap_or(""),
                    b.asset_name.as_deref().unwrap_or(""),
                )
            })
            .then_with(|| a.rule.cmp(&b.rule))
    });
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
        waves: waves
            .into_iter()
            .map(|(number, (gaps, hours))| OrgWave {
                number,
                start: None,
                end: None,
                href: wave_path(number, 1),
                gaps,
                hours: tidy(hours).get(),
            })
            .collect(),
        unplaced,
        assets: asset_rows,
        gaps: gap_rows,
        diagram,
    }
}
