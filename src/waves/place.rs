//! Placing groups in waves: the constraints of FORMAT.md §5, the reasons, the bounds.
//!
//! Groups are taken longest remaining chain first (ties: earliest end of support, then the
//! most hours, then item order). That order is topological, since a group always has a
//! longer chain behind it than anything that must follow it. Each group goes into the
//! earliest wave that is after all its dependencies, does not end before its assets'
//! contracts, does not overlap a freeze that selects one of its assets, and has room in
//! `capacity_hours` and in each of its orgs' `org_capacity_hours`. Early waves stay open, so
//! small groups taken later fill the holes that big ones left (first fit). Free-capacity
//! queries go through segment trees, so the cost is O((items + edges) log waves).

use super::build::Work;
use super::calendar::{self, Calendar};
use super::slots::{EPS, Slots};
use super::{
    Bounds, GroupIdx, Hold, ItemIdx, ItemKind, Reason, Warning, WarningKind, Wave, WavePlan,
};
use crate::model::{AssetIdx, Date, Num, OrgIdx, Plan, Project, Target};
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

/// What the placement needs to know of one group.
#[derive(Default)]
struct Facts {
    /// Hours per org, by org.
    orgs: Vec<(OrgIdx, f64)>,
    /// The earliest wave its contracts allow, and the contract that sets it.
    contract_wave: u32,
    contract: Option<(AssetIdx, Date)>,
    /// A contract that ends after the horizon: the group cannot be placed.
    beyond: Option<(AssetIdx, Date)>,
    eos: Option<Date>,
    /// Freezes that apply (after dropping those that would block every wave), each with the
    /// first of its assets it selects.
    freezes: Vec<(usize, AssetIdx)>,
    depth: u32,
    tail: u32,
}

struct Planner<'a> {
    p: &'a Project,
    plan: &'a Plan,
    cal: Calendar,
    cap: f64,
    ocap: Option<f64>,
    /// `frozen[f][n]`: does wave `n` overlap freeze `f`?
    frozen: Vec<Vec<bool>>,
    total: Slots,
    orgs: Vec<Option<Slots>>,
    /// The first item of the oversize group that has a wave (or an org's share of it) to
    /// itself.
    occupant: HashMap<(Option<OrgIdx>, u32), ItemIdx>,
}

pub(super) fn place(p: &Project, t: &Target, plan: &Plan, work: Work) -> WavePlan {
    let Work {
        mut items,
        mut groups,
        preds,
    } = work;
    let cal = Calendar::new(plan);
    let horizon = cal.waves();
    let frozen: Vec<Vec<bool>> = plan
        .freeze
        .iter()
        .map(|f| {
            std::iter::once(false)
                .chain((1..=horizon).map(|n| calendar::overlaps(f, cal.start(n), cal.end(n))))
                .collect()
        })
        .collect();
    let mut pl = Planner {
        p,
        plan,
        cap: plan.capacity_hours.get(),
        ocap: plan.org_capacity_hours.map(Num::get),
        total: Slots::new(horizon, plan.capacity_hours.get()),
        orgs: vec![None; p.orgs.len()],
        occupant: HashMap::new(),
        cal,
        frozen,
    };
    let mut warnings = Vec::new();

    // Facts per group: orgs, contracts, end of support, freezes, chain lengths.
    let mut facts: Vec<Facts> = Vec::with_capacity(groups.len());
    for (gi, gr) in groups.iter().enumerate() {
        let mut f = Facts {
            contract_wave: 1,
            depth: 1,
            tail: 1,
            ..Facts::default()
        };
        for &ii in &gr.items {
            let it = &items[ii.0 as usize];
            if let Some(o) = it.org {
                f.orgs.push((o, it.hours.get()));
            }
            let ItemKind::Asset(ai) = it.kind else {
                continue;
            };
            let asset = p.asset(ai);
            if let Some(ends) = asset.contract.as_ref().and_then(|c| c.ends) {
                match pl.cal.first_ending_on_or_after(ends) {
                    Some(n) if n > f.contract_wave => {
                        f.contract_wave = n;
                        f.contract = Some((ai, ends));
                    }
                    Some(_) => {}
                    None => f.beyond = f.beyond.or(Some((ai, ends))),
                }
            }
            f.eos = match (f.eos, asset.end_of_support) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            let org = &p.org(asset.org).id;
            for (fi, fr) in plan.freeze.iter().enumerate() {
                if fr.select.matches(org, asset) && !f.freezes.iter().any(|&(x, _)| x == fi) {
                    f.freezes.push((fi, ai));
                }
            }
        }
        f.orgs.sort_by_key(|&(o, _)| o);
        f.orgs.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        f.freezes.sort_unstable();
        for &(pg, _) in &preds[gi] {
            f.depth = f.depth.max(facts[pg.0 as usize].depth + 1);
        }
        facts.push(f);
    }
    for gi in (0..groups.len()).rev() {
        let tail = facts[gi].tail;
        for &(pg, _) in &preds[gi] {
            let pf = &mut facts[pg.0 as usize];
            pf.tail = pf.tail.max(tail + 1);
        }
    }
    for (gi, f) in facts.iter_mut().enumerate() {
        pl.drop_blocking_freezes(f, &groups[gi].items, &items, &mut warnings);
    }

    let bounds = bounds(&pl, &facts, &groups);

    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&facts[a], &facts[b]);
        (Reverse(fa.tail), fa.eos.is_none(), fa.eos)
            .cmp(&(Reverse(fb.tail), fb.eos.is_none(), fb.eos))
            .then(groups[b].hours.get().total_cmp(&groups[a].hours.get()))
            .then(a.cmp(&b))
    });

    for gi in order {
        let f = &facts[gi];
        let hours = groups[gi].hours.get();
        let (wave, reason) = match pl.place(gi, f, hours, &preds[gi], &groups) {
            Ok(placed) => placed,
            Err(reason) => {
                let reason = pl.describe_unplaced(reason, &items);
                for &ii in &groups[gi].items {
                    warnings.push(Warning {
                        item: ii,
                        kind: WarningKind::Unplaceable,
                        message: reason.message.clone(),
                        freeze: None,
                    });
                    items[ii.0 as usize].reason = reason.clone();
                }
                continue;
            }
        };
        groups[gi].wave = Some(wave);
        let reason = pl.describe(reason, wave, &items, &groups);
        pl.oversize_warnings(gi, f, hours, wave, &groups, &items, &mut warnings);
        for &ii in &groups[gi].items {
            let it = &mut items[ii.0 as usize];
            it.wave = Some(wave);
            it.reason = reason.clone();
            if let ItemKind::Asset(ai) = it.kind
                && let Some(eos) = p.asset(ai).end_of_support
                && pl.cal.start(wave) >= eos
            {
                warnings.push(Warning {
                    item: ii,
                    kind: WarningKind::Late,
                    message: format!(
                        "end of support is {eos}, but its wave {wave} starts {}",
                        pl.cal.start(wave)
                    ),
                    freeze: None,
                });
            }
        }
    }
    warnings.sort_by_key(|w| (w.item, w.kind, w.freeze));

    let mut by_wave: BTreeMap<u32, Vec<ItemIdx>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for (ii, it) in items.iter().enumerate() {
        match it.wave {
            Some(n) => by_wave.entry(n).or_default().push(ItemIdx(ii as u32)),
            None => unplaced.push(ItemIdx(ii as u32)),
        }
    }
    let waves = by_wave
        .into_iter()
        .map(|(number, list)| {
            let mut org_hours: BTreeMap<OrgIdx, Num> = BTreeMap::new();
            for &ii in &list {
                let it = &items[ii.0 as usize];
                if let Some(o) = it.org {
                    *org_hours.entry(o).or_default() += it.hours;
                }
            }
            Wave {
                number,
                start: pl.cal.start(number),
                end: pl.cal.end(number),
                hours: list.iter().map(|&ii| items[ii.0 as usize].hours).sum(),
                org_hours: org_hours.into_iter().collect(),
                items: list,
            }
        })
        .collect();

    WavePlan {
        target: t.id.clone(),
        start: plan.start,
        wave_months: plan.wave_months,
        capacity_hours: plan.capacity_hours,
        org_capacity_hours: plan.org_capacity_hours,
        horizon_end: pl.cal.horizon_end(),
        bounds,
        items,
        groups,
        waves,
        unplaced,
        warnings,
    }
}

/// Why a group could not be placed.
enum Unplaced {
    Contract(AssetIdx, Date),
    Dependency(ItemIdx),
    NoRoom(u32),
}

/// Why a group is in its wave, before it is put in words.
struct Placed {
    earliest: u32,
    hold: Hold,
}

impl Planner<'_> {
    fn org_slots(&mut self, o: OrgIdx) -> &mut Slots {
        let (waves, cap) = (self.cal.waves(), self.ocap.unwrap_or(f64::INFINITY));
        self.orgs[o.0 as usize].get_or_insert_with(|| Slots::new(waves, cap))
    }

    fn is_frozen(&self, f: &Facts, n: u32) -> Option<(usize, AssetIdx)> {
        f.freezes
            .iter()
            .copied()
            .find(|&(fi, _)| self.frozen[fi][n as usize])
    }

    /// A freeze that would keep a group out of every wave from its earliest contract wave to
    /// the horizon is dropped for it: first the freezes that do so alone, then, while the
    /// rest still do together, the last one written.
    fn drop_blocking_freezes(
        &self,
        f: &mut Facts,
        members: &[ItemIdx],
        items: &[super::Item],
        warnings: &mut Vec<Warning>,
    ) {
        if f.freezes.is_empty() || f.beyond.is_some() {
            return;
        }
        let from = f.contract_wave;
        let open = |list: &[(usize, AssetIdx)]| {
            (from..=self.cal.waves())
                .any(|n| list.iter().all(|&(fi, _)| !self.frozen[fi][n as usize]))
        };
        if open(&f.freezes) {
            return;
        }
        let mut dropped: Vec<usize> = f
            .freezes
            .iter()
            .filter(|&&x| !open(&[x]))
            .map(|&(fi, _)| fi)
            .collect();
        f.freezes.retain(|(fi, _)| !dropped.contains(fi));
        while !open(&f.freezes) {
            if let Some((fi, _)) = f.freezes.pop() {
                dropped.push(fi);
            }
        }
        for fi in dropped {
            let fr = &self.plan.freeze[fi];
            for &ii in members {
                let it = &items[ii.0 as usize];
                let ItemKind::Asset(ai) = it.kind else {
                    continue;
                };
                let a = self.p.asset(ai);
                if fr.select.matches(&self.p.org(a.org).id, a) {
                    warnings.push(Warning {
                        item: ii,
                        kind: WarningKind::FreezeDropped,
                        message: format!(
                            "the freeze {} overlaps every wave it could take (wave_months {}); it is ignored for this item",
                            calendar::describe(fr),
                            self.plan.wave_months
                        ),
                        freeze: Some(fi),
                    });
                }
            }
        }
    }

    /// Finds the wave for group `gi` and books it.
    fn place(
        &mut self,
        gi: usize,
        f: &Facts,
        hours: f64,
        preds: &[(GroupIdx, ItemIdx)],
        groups: &[super::Group],
    ) -> Result<(u32, Placed), Unplaced> {
        if let Some((a, ends)) = f.beyond {
            return Err(Unplaced::Contract(a, ends));
        }
        let mut dep_wave = 1;
        let mut via = None;
        for &(pg, item) in preds {
            match groups[pg.0 as usize].wave {
                None => return Err(Unplaced::Dependency(item)),
                Some(n) if n + 1 > dep_wave => {
                    dep_wave = n + 1;
                    via = Some(item);
                }
                Some(_) => {}
            }
        }
        let earliest = dep_wave.max(f.contract_wave);
        let big = hours > self.cap + EPS;
        let ocap = self.ocap.unwrap_or(f64::INFINITY);
        let mut n = earliest;
        let wave = loop {
            if n > self.cal.waves() {
                return Err(Unplaced::NoRoom(earliest));
            }
            let need = if big { self.cap } else { hours };
            let Some(mut m) = self.total.first_fit(n, need) else {
                return Err(Unplaced::NoRoom(earliest));
            };
            if self.ocap.is_some() {
                for &(o, oh) in &f.orgs {
                    let need = if oh > ocap + EPS { ocap } else { oh };
                    match self.org_slots(o).first_fit(m, need) {
                        Some(x) => m = m.max(x),
                        None => return Err(Unplaced::NoRoom(earliest)),
                    }
                }
            }
            if m != n {
                n = m;
                continue;
            }
            let crowded = (big && self.total.count(n) > 0)
                || (self.ocap.is_some()
                    && f.orgs.iter().any(|&(o, oh)| {
                        oh > ocap + EPS
                            && self.orgs[o.0 as usize]
                                .as_ref()
                                .is_some_and(|s| s.count(n) > 0)
                    }));
            if crowded || self.is_frozen(f, n).is_some() {
                n += 1;
                continue;
            }
            break n;
        };
        let hold = if wave > earliest {
            self.blocker(f, hours, wave - 1)
        } else if earliest == 1 {
            Hold::Start
        } else if let (Some(on), true) = (via, dep_wave >= f.contract_wave) {
            Hold::Dependency { on }
        } else if let Some((asset, ends)) = f.contract {
            Hold::Contract { asset, ends }
        } else {
            Hold::Start
        };
        // Book the wave.
        let g = groups[gi].items[0];
        if big {
            self.total.close(wave);
            self.occupant.insert((None, wave), g);
        } else {
            self.total.take(wave, hours);
        }
        if self.ocap.is_some() {
            for &(o, oh) in &f.orgs {
                if oh > ocap + EPS {
                    self.org_slots(o).close(wave);
                    self.occupant.insert((Some(o), wave), g);
                } else {
                    self.org_slots(o).take(wave, oh);
                }
            }
        }
        Ok((wave, Placed { earliest, hold }))
    }

    /// What kept a group of `hours` out of wave `n`, as things stood when it was placed.
    fn blocker(&self, f: &Facts, hours: f64, n: u32) -> Hold {
        if let Some((freeze, asset)) = self.is_frozen(f, n) {
            return Hold::Freeze { freeze, asset };
        }
        let occupant = |org: Option<OrgIdx>| self.occupant.get(&(org, n)).copied();
        if self.total.is_closed(n) {
            return Hold::Oversize {
                by: occupant(None),
                org: None,
            };
        }
        let big = hours > self.cap + EPS;
        if big {
            return Hold::Oversize {
                by: None,
                org: None,
            };
        }
        if self.total.left(n) + EPS < hours {
            return Hold::Capacity {
                used: Num(self.cap - self.total.left(n)),
            };
        }
        if let Some(ocap) = self.ocap {
            for &(o, oh) in &f.orgs {
                let Some(s) = self.orgs[o.0 as usize].as_ref() else {
                    continue;
                };
                if s.is_closed(n) {
                    return Hold::Oversize {
                        by: occupant(Some(o)),
                        org: Some(o),
                    };
                }
                if oh > ocap + EPS {
                    return Hold::Oversize {
                        by: None,
                        org: Some(o),
                    };
                }
                if s.left(n) + EPS < oh {
                    return Hold::OrgCapacity {
                        org: o,
                        used: Num(ocap - s.left(n)),
                    };
                }
            }
        }
        Hold::Capacity {
            used: Num(self.cap - self.total.left(n)),
        }
    }

    fn describe(
        &self,
        placed: Placed,
        wave: u32,
        items: &[super::Item],
        groups: &[super::Group],
    ) -> Reason {
        let id = |i: ItemIdx| items[i.0 as usize].id.as_str();
        let before = wave.saturating_sub(1);
        let mut message = match &placed.hold {
            Hold::Start => "nothing holds it back".to_string(),
            Hold::Dependency { on } => {
                let on_wave = groups[items[on.0 as usize].group.0 as usize]
                    .wave
                    .unwrap_or(0);
                format!("it must follow {} (wave {on_wave})", id(*on))
            }
            Hold::Contract { asset, ends } => format!(
                "the contract of {} runs until {ends}; wave {before} ends {}",
                self.p.asset_ref(*asset),
                self.cal.end(before)
            ),
            Hold::Freeze { freeze, asset } => format!(
                "wave {before} ({} – {}) overlaps the freeze {} that selects {}",
                self.cal.start(before),
                self.cal.end(before),
                calendar::describe(&self.plan.freeze[*freeze]),
                self.p.asset_ref(*asset)
            ),
            Hold::Capacity { used } => format!(
                "wave {before} is full: {used} of {} hours booked",
                self.plan.capacity_hours
            ),
            Hold::OrgCapacity { org, used } => format!(
                "{}'s share of wave {before} is full: {used} of {} hours booked",
                self.p.org(*org).id,
                self.ocap.map_or(Num(0.0), Num)
            ),
            Hold::Oversize { by: Some(by), org } => format!(
                "{}wave {before} is given to the oversize item {} alone",
                org.map(|o| format!("{}'s share of ", self.p.org(o).id))
                    .unwrap_or_default(),
                id(*by)
            ),
            Hold::Oversize { by: None, org } => format!(
                "it is oversize and needs {}a wave to itself; wave {before} already has work",
                org.map(|o| format!("{}'s share of ", self.p.org(o).id))
                    .unwrap_or_default(),
            ),
            Hold::Horizon => String::new(),
        };
        if wave > placed.earliest && placed.earliest > 1 {
            message.push_str(&format!(
                " (dependencies and contract allow wave {})",
                placed.earliest
            ));
        }
        Reason {
            hold: placed.hold,
            earliest: Some(placed.earliest),
            message,
        }
    }

    fn describe_unplaced(&self, why: Unplaced, items: &[super::Item]) -> Reason {
        let (hold, earliest, message) = match why {
            Unplaced::Contract(asset, ends) => (
                Hold::Contract { asset, ends },
                None,
                format!(
                    "the contract of {} runs until {ends}, after the planning horizon ({})",
                    self.p.asset_ref(asset),
                    self.cal.horizon_end()
                ),
            ),
            Unplaced::Dependency(on) => (
                Hold::Dependency { on },
                None,
                format!(
                    "it must follow {}, which could not be placed",
                    items[on.0 as usize].id
                ),
            ),
            Unplaced::NoRoom(earliest) => (
                Hold::Horizon,
                Some(earliest),
                format!(
                    "no wave from wave {earliest} to the planning horizon ({}) has room for it",
                    self.cal.horizon_end()
                ),
            ),
        };
        Reason {
            hold,
            earliest,
            message,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn oversize_warnings(
        &self,
        gi: usize,
        f: &Facts,
        hours: f64,
        wave: u32,
        groups: &[super::Group],
        items: &[super::Item],
        warnings: &mut Vec<Warning>,
    ) {
        let gr = &groups[gi];
        let first = gr.items[0];
        let what = match &gr.name {
            Some(name) => format!("the move group {name} ({} items)", gr.items.len()),
            None => "it".to_string(),
        };
        if hours > self.cap + EPS {
            warnings.push(Warning {
                item: first,
                kind: WarningKind::Oversize,
                message: format!(
                    "{what} needs {} hours, more than capacity_hours ({}): it has wave {wave} to itself",
                    Num(hours),
                    self.plan.capacity_hours
                ),
                freeze: None,
            });
            return;
        }
        let Some(ocap) = self.ocap else { return };
        for &(o, oh) in &f.orgs {
            if oh > ocap + EPS {
                let first = gr
                    .items
                    .iter()
                    .copied()
                    .find(|&i| items[i.0 as usize].org == Some(o))
                    .unwrap_or(first);
                warnings.push(Warning {
                    item: first,
                    kind: WarningKind::Oversize,
                    message: format!(
                        "{what} needs {} hours of {}, more than org_capacity_hours ({}): it has {}'s share of wave {wave} to itself",
                        Num(oh),
                        self.p.org(o).id,
                        Num(ocap),
                        self.p.org(o).id
                    ),
                    freeze: None,
                });
            }
        }
    }
}

/// Lower bounds on the waves any valid plan needs (FORMAT.md §5 and stronger ones).
fn bounds(pl: &Planner, facts: &[Facts], groups: &[super::Group]) -> Bounds {
    let cap = pl.cap;
    let waves_for = |h: f64, cap: f64| (h / cap - 1e-9).ceil().max(0.0) as u32;
    let clipped = |gi: usize| groups[gi].hours.get().min(cap);
    let chain = facts.iter().map(|f| f.depth).max().unwrap_or(0);
    let hours = waves_for((0..groups.len()).map(clipped).sum(), cap);
    let mut b = Bounds {
        chain,
        hours,
        lower_bound: chain.max(hours),
        ..Bounds::default()
    };
    let mut by_depth = vec![0.0; chain as usize + 1];
    let mut by_tail = vec![0.0; chain as usize + 1];
    for (gi, f) in facts.iter().enumerate() {
        by_depth[f.depth as usize] += clipped(gi);
        by_tail[f.tail as usize] += clipped(gi);
        if f.beyond.is_none() {
            b.contracts = b.contracts.max(f.contract_wave + f.tail - 1);
        }
    }
    for layer in [by_depth, by_tail] {
        let mut rest = 0.0;
        for k in (1..layer.len()).rev() {
            rest += layer[k];
            b.layers = b.layers.max(k as u32 - 1 + waves_for(rest, cap));
        }
    }
    if let Some(ocap) = pl.ocap {
        let mut per_org: BTreeMap<OrgIdx, f64> = BTreeMap::new();
        for f in facts {
            for &(o, oh) in &f.orgs {
                *per_org.entry(o).or_default() += oh.min(ocap);
            }
        }
        b.org_hours = per_org
            .values()
            .map(|&h| waves_for(h, ocap))
            .max()
            .unwrap_or(0);
    }
    b.best = [b.lower_bound, b.layers, b.org_hours, b.contracts]
        .into_iter()
        .max()
        .unwrap_or(0);
    b
}
