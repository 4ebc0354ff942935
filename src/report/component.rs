//! A component's page: what it depends on and is needed by, the assets that already are it
//! and those that must move onto it, by organisation, with their work and yearly cost.

use super::rows::{ComponentLink, Links, OrgLink, Src, component_href};
use crate::costs::has_cost;
use crate::gaps::Analysis;
use crate::model::{AssetIdx, Component, Layer, Target};
use serde::Serialize;

#[derive(Serialize)]
pub struct ComponentPage {
    pub id: String,
    pub name: String,
    pub href: String,
    pub layer: Layer,
    pub kind: &'static str,
    pub product: Option<String>,
    pub depends_on: Vec<ComponentLink>,
    pub needed_by: Vec<ComponentLink>,
    pub establish_hours: f64,
    pub establish_cost: f64,
    pub annual_cost: f64,
    pub src: Src,
    /// Assets that already are this component.
    pub realized_by: Vec<MoveRow>,
    /// Assets that must move onto it, by organisation.
    pub orgs: Vec<ComponentOrg>,
    pub assets: usize,
    pub quantity: u64,
    pub hours: f64,
    pub cost: f64,
    /// What the moving assets cost a year today (those whose cost is known).
    pub annual_today: f64,
    /// Moving assets whose yearly cost is known.
    pub with_cost: usize,
}

#[derive(Serialize)]
pub struct ComponentOrg {
    pub org: OrgLink,
    pub assets: Vec<MoveRow>,
    pub quantity: u64,
    pub hours: f64,
    pub cost: f64,
}

#[derive(Serialize)]
pub struct MoveRow {
    pub org: String,
    pub asset: String,
    pub name: String,
    pub href: String,
    pub kind: &'static str,
    pub product: Option<String>,
    pub quantity: u64,
    pub hours: f64,
    pub cost: f64,
    /// Its yearly cost today; `None` when unknown.
    pub annual_cost: Option<f64>,
    pub waived: bool,
    pub src: Src,
}

/// The page of component `c` of target `t`: what it takes in, from the analysis `a`.
pub fn component_page(links: &Links, t: &Target, a: &Analysis, c: &Component) -> ComponentPage {
    let p = links.p;
    let link = |id: &str| links.component_link(t, id);
    let move_row = |i: AssetIdx, hours: f64, cost: f64, waived: bool| {
        let x = p.asset(i);
        MoveRow {
            org: p.org(x.org).id.clone(),
            asset: x.id.clone(),
            name: x.name.clone(),
            href: links.asset_link(i),
            kind: x.kind,
            product: x.product.clone(),
            quantity: x.quantity,
            hours,
            cost,
            annual_cost: has_cost(x).then(|| x.yearly_cost()),
            waived,
            src: links.asset_src(x),
        }
    };
    let realized_by: Vec<MoveRow> = a
        .orgs
        .iter()
        .flat_map(|&o| p.org(o).assets.clone().map(AssetIdx))
        .filter(|&i| {
            p.asset(i)
                .realizes
                .as_ref()
                .is_some_and(|r| r.value == c.id)
        })
        .map(|i| move_row(i, 0.0, 0.0, false))
        .collect();
    let mut orgs: Vec<ComponentOrg> = Vec::new();
    for gap in a
        .gaps
        .iter()
        .filter(|g| g.component.as_deref() == Some(c.id.as_str()))
    {
        let Some(i) = gap.asset_idx else { continue };
        let row = move_row(i, gap.hours.get(), gap.cost.get(), gap.waived);
        if orgs.last().is_none_or(|o| o.org.id != row.org) {
            orgs.push(ComponentOrg {
                org: links.org_link(gap.org_idx),
                assets: Vec::new(),
                quantity: 0,
                hours: 0.0,
                cost: 0.0,
            });
        }
        let o = orgs.last_mut().expect("pushed above");
        if !row.waived {
            o.quantity += row.quantity;
            o.hours += row.hours;
            o.cost += row.cost;
        }
        o.assets.push(row);
    }
    links.sort_by_name(&mut orgs, |o| &o.org.name);
    for o in &mut orgs {
        links.sort_by_name(&mut o.assets, |r| &r.name);
    }
    let mut realized_by: Vec<MoveRow> = realized_by;
    links.sort_by_name(&mut realized_by, |r| &r.name);
    let open = || {
        orgs.iter()
            .flat_map(|o| o.assets.iter())
            .filter(|r| !r.waived)
    };
    ComponentPage {
        id: c.id.clone(),
        name: c.name.clone(),
        href: component_href(&c.id),
        layer: c.layer,
        kind: c.kind,
        product: c.product.clone(),
        depends_on: c.depends_on.iter().map(|d| link(&d.value)).collect(),
        needed_by: t
            .components
            .iter()
            .filter(|o| o.depends_on.iter().any(|d| d.value == c.id))
            .map(|o| link(&o.id))
            .collect(),
        establish_hours: c.establish_hours.get(),
        establish_cost: c.establish_cost.get(),
        annual_cost: c.annual_cost.get(),
        src: links.src(p.file(t.file), Some(c.loc.pos.line)),
        realized_by,
        assets: open().count(),
        quantity: open().map(|r| r.quantity).sum(),
        hours: open().map(|r| r.hours).sum(),
        cost: open().map(|r| r.cost).sum(),
        annual_today: open().filter_map(|r| r.annual_cost).sum(),
        with_cost: open().filter(|r| r.annual_cost.is_some()).count(),
        orgs,
    }
}
