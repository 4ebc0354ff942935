//! Work items and the order between them (docs/format.md §5, "Work items" and "Item A must come
//! in a later wave than B").
//!
//! An asset's dependencies (`depends_on`) count through assets that have no item of their
//! own: when a service needs a server that needs nothing changed, but that server runs on a
//! platform that moves, the service still waits for the platform. Those see-through sets are
//! computed once per strongly connected component of the item-less assets, dependencies
//! first, and shared where a component adds nothing of its own, so the cost stays close to
//! linear in assets and edges.
//!
//! A `site` edge orders the other way (v1.2): a room empties before it closes, so a site's
//! item follows the items of what stands in it, directly; it orders nothing else. What
//! stands in a room that closes and has no item of its own is *stranded*.

use super::scc::{self, Csr, NONE};
use super::{Group, GroupIdx, Hold, Item, ItemAction, ItemIdx, ItemKind, Reason};
use crate::gaps::Analysis;
use crate::graph::Graph;
use crate::model::{AssetIdx, Num, Project, Target};
use std::collections::HashMap;

/// Items with their order, ready to be placed.
pub(super) struct Work {
    pub items: Vec<Item>,
    /// Dependencies first: every group a group must follow has a smaller index.
    pub groups: Vec<Group>,
    /// For each group, the groups it must follow, each with one item that makes it so.
    pub preds: Vec<Vec<(GroupIdx, ItemIdx)>>,
    /// (v1.2) Items that close a room, with each asset left standing in it (no item of its
    /// own), of any organisation, by item then asset.
    pub stranded: Vec<(ItemIdx, AssetIdx)>,
}

fn item(id: String, kind: ItemKind, action: ItemAction, hours: Num) -> Item {
    Item {
        id,
        kind,
        org: None,
        component: None,
        action,
        severity: None,
        hours,
        gaps: Vec::new(),
        after: Vec::new(),
        group: GroupIdx(0),
        wave: None,
        reason: Reason {
            hold: Hold::Horizon,
            earliest: None,
            message: String::new(),
        },
        unplaced: None,
        earliest_possible: None,
        contract_end: None,
        notice_by: None,
    }
}

/// The items of target `t`'s open gaps and the order between them. The estate's edges are
/// read from the assets' resolved refs, by kind (`site` and `depends_on` order differently),
/// so the general graph is not needed here.
pub(super) fn work(p: &Project, _g: &Graph, t: &Target, a: &Analysis) -> Work {
    let mut items: Vec<Item> = t
        .components
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let mut it = item(
                format!("establish:{}", c.id),
                ItemKind::Establish { component: ci },
                ItemAction::Establish,
                c.establish_hours,
            );
            it.component = Some(c.id.clone());
            it
        })
        .collect();
    let component_item: HashMap<&str, u32> = t
        .components
        .iter()
        .enumerate()
        .map(|(ci, c)| (c.id.as_str(), ci as u32))
        .collect();

    // One item per asset with open gaps, one per asset-less (`missing`) gap, in gap order.
    let mut asset_item = vec![NONE; p.assets.len()];
    for (gi, gap) in a.gaps.iter().enumerate() {
        if gap.waived {
            continue;
        }
        let Some(ai) = gap.asset_idx else {
            let mut it = item(
                format!("{}/missing:{}", gap.org, gap.rule),
                ItemKind::Missing { gap: gi },
                ItemAction::Gap(gap.action),
                gap.hours,
            );
            it.org = Some(gap.org_idx);
            it.severity = Some(gap.severity);
            it.component = gap.component.clone();
            it.gaps.push(gi);
            items.push(it);
            continue;
        };
        let slot = &mut asset_item[ai.0 as usize];
        if *slot == NONE {
            *slot = items.len() as u32;
            let mut it = item(
                p.asset_ref(ai),
                ItemKind::Asset(ai),
                ItemAction::Gap(gap.action),
                Num(0.0),
            );
            it.org = Some(p.asset(ai).org);
            items.push(it);
        }
        let it = &mut items[*slot as usize];
        it.gaps.push(gi);
        it.hours += gap.hours;
    }
    for it in &mut items {
        if matches!(it.kind, ItemKind::Asset(_)) {
            summarise(it, a);
        }
    }

    // The asset graph of `depends_on`, and what each item-less asset lets an item see through.
    let assets = Csr::from_lists(
        p.assets
            .iter()
            .map(|x| x.depends_on.iter().filter_map(|r| r.resolved).map(|d| d.0)),
    );
    let reach = see_through(&assets, &asset_item);
    // Containment: a room's item follows the items of what stands in it; what has no item
    // of its own is stranded when the room closes.
    let mut contents: Vec<(u32, u32)> = Vec::new();
    let mut stranded: Vec<(ItemIdx, AssetIdx)> = Vec::new();
    for (b, x) in p.assets.iter().enumerate() {
        let Some(site) = x.site.as_ref().and_then(|r| r.resolved) else {
            continue;
        };
        let room = asset_item[site.0 as usize];
        if room == NONE || site.0 as usize == b {
            continue;
        }
        match asset_item[b] {
            NONE if items[room as usize].action.ends_use() => {
                stranded.push((ItemIdx(room), AssetIdx(b as u32)));
            }
            NONE => {}
            it => contents.push((room, it)),
        }
    }
    contents.sort_unstable();
    stranded.sort_unstable();

    // Item → items it must follow.
    let mut after: Vec<Vec<u32>> = Vec::with_capacity(items.len());
    for (ii, it) in items.iter().enumerate() {
        let mut v: Vec<u32> = Vec::new();
        match it.kind {
            ItemKind::Establish { component } => {
                v.extend(
                    t.components[component]
                        .depends_on
                        .iter()
                        .filter_map(|d| component_item.get(d.value.as_str()).copied()),
                );
            }
            ItemKind::Asset(ai) => {
                for &d in assets.edges(ai.0) {
                    match asset_item[d as usize] {
                        NONE => v.extend_from_slice(reach.of(d)),
                        di => v.push(di),
                    }
                }
                v.extend(
                    it.gaps
                        .iter()
                        .filter_map(|&gi| a.gaps[gi].component.as_deref())
                        .filter_map(|c| component_item.get(c).copied()),
                );
            }
            ItemKind::Missing { .. } => {}
        }
        let from = contents.partition_point(|&(room, _)| room < ii as u32);
        v.extend(
            contents[from..]
                .iter()
                .take_while(|&&(room, _)| room == ii as u32)
                .map(|&(_, it)| it),
        );
        v.sort_unstable();
        v.dedup();
        v.retain(|&x| x != ii as u32);
        after.push(v);
    }

    // Move groups: strongly connected components of the item graph.
    let item_graph = Csr::from_lists(after.iter().map(|v| v.iter().copied()));
    let (comp, count) = scc::tarjan(&item_graph, |_| true);
    let mut groups: Vec<Group> = scc::members(&comp, count)
        .into_iter()
        .map(|m| Group {
            name: (m.len() > 1).then(|| format!("cycle:{}", items[m[0] as usize].id)),
            hours: m.iter().map(|&i| items[i as usize].hours).sum(),
            items: m.into_iter().map(ItemIdx).collect(),
            wave: None,
        })
        .collect();
    let mut preds: Vec<Vec<(GroupIdx, ItemIdx)>> = vec![Vec::new(); groups.len()];
    for (ii, (it, v)) in items.iter_mut().zip(after).enumerate() {
        let own = comp[ii];
        it.group = GroupIdx(own);
        it.after = v
            .into_iter()
            .filter(|&x| comp[x as usize] != own)
            .map(ItemIdx)
            .collect();
        preds[own as usize].extend(it.after.iter().map(|&x| (GroupIdx(comp[x.0 as usize]), x)));
    }
    for ps in &mut preds {
        ps.sort_unstable();
        ps.dedup_by_key(|(g, _)| *g);
    }
    for gr in &mut groups {
        gr.items.sort_unstable();
    }
    Work {
        items,
        groups,
        preds,
        stranded,
    }
}

/// An asset item's action, component and severity from its gaps (docs/format.md §5): those of
/// its most severe gap, ties to the earlier rule; the component of the first gap (in rule
/// order) that has one when that gap has none.
fn summarise(it: &mut Item, a: &Analysis) {
    let rule_order = |&gi: &usize| (a.gaps[gi].rule_idx, a.gaps[gi].expect_idx);
    let Some(&top) = it
        .gaps
        .iter()
        .min_by_key(|&&gi| (std::cmp::Reverse(a.gaps[gi].severity), rule_order(&gi)))
    else {
        return;
    };
    let gap = &a.gaps[top];
    it.action = ItemAction::Gap(gap.action);
    it.severity = Some(gap.severity);
    it.component = gap.component.clone().or_else(|| {
        let mut with: Vec<usize> = it
            .gaps
            .iter()
            .copied()
            .filter(|&gi| a.gaps[gi].component.is_some())
            .collect();
        with.sort_by_key(rule_order);
        with.first().and_then(|&gi| a.gaps[gi].component.clone())
    });
}

/// For every asset without an item: the items reachable from it through assets without items.
struct SeeThrough {
    comp: Vec<u32>,
    set_of: Vec<u32>,
    sets: Vec<Vec<u32>>,
}

impl SeeThrough {
    fn of(&self, asset: u32) -> &[u32] {
        match self.comp[asset as usize] {
            NONE => &[],
            c => &self.sets[self.set_of[c as usize] as usize],
        }
    }
}

fn see_through(assets: &Csr, asset_item: &[u32]) -> SeeThrough {
    let (comp, count) = scc::tarjan(assets, |n| asset_item[n as usize] == NONE);
    let members = scc::members(&comp, count);
    // Set 0 is the empty set; a component that adds nothing to one child's set shares it.
    let mut sets: Vec<Vec<u32>> = vec![Vec::new()];
    let mut set_of = vec![0u32; count as usize];
    for (c, m) in members.iter().enumerate() {
        let mut direct = Vec::new();
        let mut children = Vec::new();
        for &n in m {
            for &d in assets.edges(n) {
                match asset_item[d as usize] {
                    NONE if comp[d as usize] != c as u32 => {
                        let s = set_of[comp[d as usize] as usize];
                        if s != 0 {
                            children.push(s);
                        }
                    }
                    NONE => {}
                    it => direct.push(it),
                }
            }
        }
        children.sort_unstable();
        children.dedup();
        set_of[c] = if direct.is_empty() && children.len() <= 1 {
            children.first().copied().unwrap_or(0)
        } else {
            let mut u = direct;
            for &s in &children {
                u.extend_from_slice(&sets[s as usize]);
            }
            u.sort_unstable();
            u.dedup();
            sets.push(u);
            sets.len() as u32 - 1
        };
    }
    SeeThrough { comp, set_of, sets }
}
