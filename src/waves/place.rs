//! Placing groups in waves under the constraints of docs/format.md §5.
//!
//! A *pass* takes the groups in a given order, which must be topological, and puts each in
//! the earliest wave that is not past, is after all its dependencies, does not end before its
//! assets' effective contract ends, does not overlap a freeze that selects one of its assets,
//! and has room in `capacity_hours` and in each of its orgs' `org_capacity_hours`; a group
//! that moves onto a component with a `capacity` must also fit in what is left of it, since a
//! hall fills and never empties. Early waves stay open, so groups taken later fill the holes
//! that earlier ones left (first fit). Room is found through segment trees ([`Slots`]), so a
//! pass costs O((groups + edges) log waves).
//!
//! [`search`] tries a few orders: deadlines first (see `order`), and longest chain first;
//! each is improved by *justification*: a pass over the reversed dependencies (latest first,
//! calendar ignored) turns the plan into a new order, which a forward pass turns into a new
//! plan. Deadline orders are also improved by feeding back how late each late group was. The
//! best plan by [`Score`] is kept.

use super::calendar::Calendar;
use super::contract::Term;
use super::order;
use super::slots::{EPS, Slots};
use super::{Group, GroupIdx, Hold, Item, ItemIdx, ItemKind};
use crate::model::{AssetIdx, Date, Num, OrgIdx, Plan, Project, Severity, Target};
use std::cmp::Reverse;
use std::collections::HashMap;

/// How many improving rounds [`search`] tries at most per start.
const ROUNDS: usize = 4;

/// What placement reads and never changes.
pub(super) struct Ctx<'a> {
    pub p: &'a Project,
    pub t: &'a Target,
    pub plan: &'a Plan,
    /// The run date: waves that end before it are past.
    pub run: Date,
    pub cal: Calendar,
    pub cap: f64,
    pub ocap: Option<f64>,
    /// `frozen[f][n - first]`: does wave `n` overlap freeze `f`?
    frozen: Vec<Vec<bool>>,
    /// Per component with a `capacity`: its limit per key of [`crate::model::Capacity::KEYS`] (infinite
    /// where it gives none).
    pub limits: Vec<Option<[f64; 5]>>,
    components: HashMap<&'a str, usize>,
}

impl<'a> Ctx<'a> {
    pub fn new(p: &'a Project, t: &'a Target, plan: &'a Plan, run: Date) -> Ctx<'a> {
        let cal = Calendar::new(plan, run);
        let frozen = plan
            .freeze
            .iter()
            .map(|f| {
                (cal.first()..=cal.last())
                    .map(|n| super::calendar::overlaps(f, cal.start(n), cal.end(n)))
                    .collect()
            })
            .collect();
        let limits = t
            .components
            .iter()
            .map(|c| c.capacity.as_ref().map(super::fill::limits))
            .collect();
        Ctx {
            p,
            t,
            plan,
            run,
            cap: plan.capacity_hours.get(),
            ocap: plan.org_capacity_hours.map(Num::get),
            cal,
            frozen,
            limits,
            components: t
                .components
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), i))
                .collect(),
        }
    }

    /// Does wave `n` overlap freeze `f`?
    pub fn frozen(&self, f: usize, n: u32) -> bool {
        n.checked_sub(self.cal.first())
            .and_then(|k| self.frozen[f].get(k as usize))
            .copied()
            .unwrap_or(false)
    }

    /// The last wave in which an end of support of `eos` is not late (docs/format.md §5: the wave
    /// starts before it, and it is not before the run date); 0 when none is.
    pub fn on_time_until(&self, eos: Date) -> u32 {
        if eos < self.run {
            return 0;
        }
        self.cal.first_starting_on_or_after(eos) - 1
    }

    /// The term of an asset's contract as of the run date.
    pub fn term(&self, a: AssetIdx) -> Option<Term> {
        self.p
            .asset(a)
            .contract
            .as_ref()
            .and_then(|c| Term::of(c, self.run))
    }

    fn is_big(&self, hours: f64) -> bool {
        hours > self.cap + EPS
    }

    fn is_org_big(&self, hours: f64) -> bool {
        self.ocap.is_some_and(|c| hours > c + EPS)
    }
}

/// What placement needs to know of one group.
#[derive(Default)]
pub(super) struct Facts {
    pub hours: f64,
    /// Hours per org, by org.
    pub orgs: Vec<(OrgIdx, f64)>,
    /// The earliest wave its contracts allow, and the contract that sets it.
    pub contract_wave: u32,
    pub contract: Option<(AssetIdx, Date)>,
    /// A contract that ends after the horizon: the group cannot be placed.
    pub beyond: Option<(AssetIdx, Date)>,
    pub eos: Option<Date>,
    /// Freezes that apply, each with the first of the group's assets it selects.
    pub freezes: Vec<(usize, AssetIdx)>,
    /// Freezes dropped because they would block every wave.
    pub dropped: Vec<usize>,
    /// The longest chain of groups ending here, and starting here (both count this group).
    pub depth: u32,
    pub tail: u32,
    /// The earliest wave any valid plan can give it: after its dependencies' earliest
    /// waves, not before its contracts allow, not in a freeze. `None` when it has none
    /// within the horizon.
    pub early: Option<u32>,
    /// (v1.2) The same without freezes: docs/format.md's earliest wave, against which `late` is
    /// judged avoidable or not.
    pub possible: Option<u32>,
    /// (v1.2) Its items with an end of support that some plan has on time: the last wave in
    /// which each is on time, and its severity.
    pub due: Vec<(u32, Severity)>,
    /// (v1.2) Its items that are late in every plan.
    pub unavoidable: u32,
    /// (v1.2) What it uses of each component with a `capacity`, per key.
    pub uses: Vec<(usize, [f64; 5])>,
    pub first: ItemIdx,
}

/// The facts of every group (`preds` lists what each must follow; groups come dependencies
/// first).
pub(super) fn facts(
    ctx: &Ctx,
    items: &[Item],
    groups: &[Group],
    preds: &[Vec<(GroupIdx, ItemIdx)>],
) -> Vec<Facts> {
    let p = ctx.p;
    let first = ctx.cal.first();
    let mut out: Vec<Facts> = Vec::with_capacity(groups.len());
    for (gi, gr) in groups.iter().enumerate() {
        let mut f = Facts {
            hours: gr.hours.get(),
            contract_wave: first,
            depth: 1,
            tail: 1,
            first: gr.items[0],
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
            if let (Some(c), Some(used)) = (
                it.component.as_deref().and_then(|c| ctx.components.get(c)),
                asset.capacity.as_ref(),
            ) && let Some(limit) = &ctx.limits[*c]
            {
                let u = super::fill::uses(limit, used);
                match f.uses.iter_mut().find(|(x, _)| x == c) {
                    Some((_, sum)) => sum.iter_mut().zip(u).for_each(|(s, v)| *s += v),
                    None => f.uses.push((*c, u)),
                }
            }
            if let Some(term) = ctx.term(ai) {
                let ends = term.end;
                match ctx.cal.first_ending_on_or_after(ends) {
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
            for (fi, fr) in ctx.plan.freeze.iter().enumerate() {
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
        f.uses.sort_by_key(|&(c, _)| c);
        drop_blocking_freezes(ctx, &mut f);
        f.early = (f.beyond.is_none()).then_some(f.contract_wave);
        f.possible = f.early;
        for &(pg, _) in &preds[gi] {
            let pf = &out[pg.0 as usize];
            f.depth = f.depth.max(pf.depth + 1);
            let after = |e: Option<u32>, pe: Option<u32>| match (e, pe) {
                (Some(e), Some(pe)) => Some(e.max(pe + 1)),
                _ => None,
            };
            f.early = after(f.early, pf.early);
            f.possible = after(f.possible, pf.possible);
        }
        f.possible = f.possible.filter(|&e| e <= ctx.cal.last());
        f.early = f.early.and_then(|e| {
            (e..=ctx.cal.last()).find(|&n| f.freezes.iter().all(|&(fi, _)| !ctx.frozen(fi, n)))
        });
        // Which of its items some plan could have on time, and which none can.
        if let Some(possible) = f.possible {
            for &ii in &gr.items {
                let it = &items[ii.0 as usize];
                let ItemKind::Asset(ai) = it.kind else {
                    continue;
                };
                if let Some(eos) = p.asset(ai).end_of_support {
                    let until = ctx.on_time_until(eos);
                    if until < possible {
                        f.unavoidable += 1;
                    } else {
                        f.due.push((until, it.severity.unwrap_or_default()));
                    }
                }
            }
        }
        out.push(f);
    }
    for gi in (0..groups.len()).rev() {
        let tail = out[gi].tail;
        for &(pg, _) in &preds[gi] {
            let pf = &mut out[pg.0 as usize];
            pf.tail = pf.tail.max(tail + 1);
        }
    }
    out
}

/// A freeze that would keep a group out of every wave from its earliest contract wave to the
/// horizon is dropped for it: first the freezes that do so alone, then, while the rest still
/// do together, the last one written.
fn drop_blocking_freezes(ctx: &Ctx, f: &mut Facts) {
    if f.freezes.is_empty() || f.beyond.is_some() {
        return;
    }
    let from = f.contract_wave;
    let open = |list: &[(usize, AssetIdx)]| {
        (from..=ctx.cal.last()).any(|n| list.iter().all(|&(fi, _)| !ctx.frozen(fi, n)))
    };
    if open(&f.freezes) {
        return;
    }
    let alone: Vec<usize> = f
        .freezes
        .iter()
        .filter(|&&x| !open(&[x]))
        .map(|&(fi, _)| fi)
        .collect();
    f.freezes.retain(|(fi, _)| !alone.contains(fi));
    f.dropped = alone;
    while !open(&f.freezes) {
        if let Some((fi, _)) = f.freezes.pop() {
            f.dropped.push(fi);
        }
    }
    f.dropped.sort_unstable();
}

/// Why a group could not be placed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Unplaced {
    /// A contract ends after the horizon.
    Contract(AssetIdx, Date),
    /// It must follow this item, which could not be placed.
    Dependency(ItemIdx),
    /// No wave from this one to the horizon has room.
    NoRoom(u32),
    /// A component it moves onto has too little of a key left: (component, key, need, left).
    Full(usize, usize, f64, f64),
}

/// Where a pass put a group, and why there.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Outcome {
    Placed {
        wave: u32,
        /// The earliest wave dependencies and contracts allowed.
        earliest: u32,
        hold: Hold,
    },
    Unplaced(Unplaced),
}

impl Outcome {
    pub fn wave(&self) -> Option<u32> {
        match self {
            Outcome::Placed { wave, .. } => Some(*wave),
            Outcome::Unplaced(_) => None,
        }
    }
}

/// The booked hours of one pass, and what is left of the components' capacity.
struct Book {
    total: Slots,
    orgs: Vec<Option<Slots>>,
    /// The first item of the oversize group that has a wave (or an org's share of it) alone.
    occupant: HashMap<(Option<OrgIdx>, u32), ItemIdx>,
    /// Per component with a `capacity`: what is left of it per key.
    room: Vec<[f64; 5]>,
}

impl Book {
    fn org(&mut self, ctx: &Ctx, o: OrgIdx) -> &mut Slots {
        let (first, waves) = (ctx.cal.first(), ctx.cal.len());
        let cap = ctx.ocap.unwrap_or(f64::INFINITY);
        self.orgs[o.0 as usize].get_or_insert_with(|| Slots::new(first, waves, cap))
    }

    fn org_count(&self, o: OrgIdx, n: u32) -> u32 {
        self.orgs[o.0 as usize].as_ref().map_or(0, |s| s.count(n))
    }
}

/// One pass: places the groups in `order`. `preds` says what each must follow; without
/// `calendar`, contracts, freezes and the components' capacity are ignored (for passes that
/// only make an order).
pub(super) fn pass(
    ctx: &Ctx,
    facts: &[Facts],
    preds: &[Vec<(GroupIdx, ItemIdx)>],
    order: &[usize],
    calendar: bool,
) -> Vec<Outcome> {
    let mut book = Book {
        total: Slots::new(ctx.cal.first(), ctx.cal.len(), ctx.cap),
        orgs: vec![None; ctx.p.orgs.len()],
        occupant: HashMap::new(),
        room: ctx
            .limits
            .iter()
            .map(|l| l.unwrap_or([f64::INFINITY; 5]))
            .collect(),
    };
    let mut out: Vec<Option<Outcome>> = vec![None; facts.len()];
    for &gi in order {
        let o = place(ctx, &mut book, &facts[gi], &preds[gi], &out, calendar);
        out[gi] = Some(o);
    }
    out.into_iter()
        .map(|o| o.unwrap_or(Outcome::Unplaced(Unplaced::NoRoom(0))))
        .collect()
}

/// Finds the wave for one group and books it.
fn place(
    ctx: &Ctx,
    book: &mut Book,
    f: &Facts,
    preds: &[(GroupIdx, ItemIdx)],
    done: &[Option<Outcome>],
    calendar: bool,
) -> Outcome {
    if calendar && let Some((a, ends)) = f.beyond {
        return Outcome::Unplaced(Unplaced::Contract(a, ends));
    }
    let first = ctx.cal.first();
    let mut dep_wave = first;
    let mut via = None;
    for &(pg, item) in preds {
        match done[pg.0 as usize].as_ref().and_then(Outcome::wave) {
            None => return Outcome::Unplaced(Unplaced::Dependency(item)),
            Some(n) if n + 1 > dep_wave => {
                dep_wave = n + 1;
                via = Some(item);
            }
            Some(_) => {}
        }
    }
    if calendar {
        for &(c, u) in &f.uses {
            let room = &book.room[c];
            if let Some(k) = (0..5).find(|&k| u[k] > room[k] + EPS) {
                return Outcome::Unplaced(Unplaced::Full(c, k, u[k], room[k]));
            }
        }
    }
    let contract_wave = if calendar { f.contract_wave } else { first };
    let earliest = dep_wave.max(contract_wave);
    let frozen = |n: u32| calendar && f.freezes.iter().any(|&(fi, _)| ctx.frozen(fi, n));
    let big = ctx.is_big(f.hours);
    let mut n = earliest;
    let wave = loop {
        let need = if big { ctx.cap } else { f.hours };
        let Some(mut m) = book.total.first_fit(n, need) else {
            return Outcome::Unplaced(Unplaced::NoRoom(earliest));
        };
        if let Some(ocap) = ctx.ocap {
            for &(o, oh) in &f.orgs {
                let need = if ctx.is_org_big(oh) { ocap } else { oh };
                match book.org(ctx, o).first_fit(m, need) {
                    Some(x) => m = m.max(x),
                    None => return Outcome::Unplaced(Unplaced::NoRoom(earliest)),
                }
            }
        }
        if m != n {
            n = m;
            continue;
        }
        let crowded = (big && book.total.count(n) > 0)
            || f.orgs
                .iter()
                .any(|&(o, oh)| ctx.is_org_big(oh) && book.org_count(o, n) > 0);
        if crowded || frozen(n) {
            n += 1;
            continue;
        }
        break n;
    };
    let hold = if wave > earliest {
        blocker(ctx, book, f, wave - 1, earliest, calendar)
    } else if earliest == first {
        Hold::Start
    } else if let (Some(on), true) = (via, dep_wave >= contract_wave) {
        Hold::Dependency { on }
    } else if let Some((asset, ends)) = f.contract {
        Hold::Contract { asset, ends }
    } else {
        Hold::Start
    };
    if calendar {
        for &(c, u) in &f.uses {
            book.room[c].iter_mut().zip(u).for_each(|(r, v)| *r -= v);
        }
    }
    if big {
        book.total.close(wave);
        book.occupant.insert((None, wave), f.first);
    } else {
        book.total.take(wave, f.hours);
    }
    for &(o, oh) in &f.orgs {
        if ctx.ocap.is_none() {
            break;
        }
        if ctx.is_org_big(oh) {
            book.org(ctx, o).close(wave);
            book.occupant.insert((Some(o), wave), f.first);
        } else {
            book.org(ctx, o).take(wave, oh);
        }
    }
    Outcome::Placed {
        wave,
        earliest,
        hold,
    }
}

/// What kept a group out of wave `n` (its earliest allowed wave `earliest`), as things stood
/// when it was placed.
fn blocker(ctx: &Ctx, book: &Book, f: &Facts, n: u32, earliest: u32, calendar: bool) -> Hold {
    if calendar && let Some(&(freeze, asset)) = f.freezes.iter().find(|&&(fi, _)| ctx.frozen(fi, n))
    {
        let mut from = n;
        while from > earliest && ctx.frozen(freeze, from - 1) {
            from -= 1;
        }
        return Hold::Freeze {
            freeze,
            asset,
            from,
        };
    }
    if book.total.is_closed(n) {
        return Hold::Oversize {
            by: book.occupant.get(&(None, n)).copied(),
            org: None,
        };
    }
    if ctx.is_big(f.hours) {
        return Hold::Oversize {
            by: None,
            org: None,
        };
    }
    let used = |s: &Slots, cap: f64| Num(cap - s.left(n));
    if book.total.left(n) + EPS < f.hours {
        return Hold::Capacity {
            used: used(&book.total, ctx.cap),
        };
    }
    if let Some(ocap) = ctx.ocap {
        for &(o, oh) in &f.orgs {
            let Some(s) = book.orgs[o.0 as usize].as_ref() else {
                continue;
            };
            if s.is_closed(n) {
                return Hold::Oversize {
                    by: book.occupant.get(&(Some(o), n)).copied(),
                    org: Some(o),
                };
            }
            if ctx.is_org_big(oh) {
                return Hold::Oversize {
                    by: None,
                    org: Some(o),
                };
            }
            if s.left(n) + EPS < oh {
                return Hold::OrgCapacity {
                    org: o,
                    used: used(s, ocap),
                };
            }
        }
    }
    Hold::Capacity {
        used: used(&book.total, ctx.cap),
    }
}

/// How good a pass is, lower is better (docs/format.md §5: the fewest avoidable `late` items,
/// the more severe counting first, then the earliest last wave): unplaced groups, avoidable
/// late items by severity (critical, high, medium, low), the last wave, all late items,
/// waves with work.
pub(super) type Score = (usize, [usize; 4], u32, usize, usize);

pub(super) fn score(ctx: &Ctx, facts: &[Facts], out: &[Outcome]) -> Score {
    let first = ctx.cal.first();
    let mut used = vec![false; ctx.cal.len() as usize];
    let (mut unplaced, mut span, mut late, mut avoidable) = (0, 0, 0, [0usize; 4]);
    for (f, o) in facts.iter().zip(out) {
        match o.wave() {
            None => unplaced += 1,
            Some(n) => {
                if let Some(u) = used.get_mut((n - first) as usize) {
                    *u = true;
                }
                span = span.max(n);
                late += f.unavoidable as usize;
                for &(until, sev) in &f.due {
                    if n > until {
                        late += 1;
                        avoidable[3 - sev as usize] += 1;
                    }
                }
            }
        }
    }
    let used = used.iter().filter(|&&u| u).count();
    (unplaced, avoidable, span, late, used)
}

/// Finds a good placement of every group: deadlines first, and longest chain first, each
/// improved by rounds while they help. A plan whose last wave meets `bound` (no plan ends
/// earlier) is not improved on for its length: only deadlines can still make it better.
/// Deterministic: every tie is broken by group index.
pub(super) fn search(
    ctx: &Ctx,
    facts: &[Facts],
    preds: &[Vec<(GroupIdx, ItemIdx)>],
    bound: u32,
) -> Vec<Outcome> {
    let n = facts.len();
    let mut succs: Vec<Vec<(GroupIdx, ItemIdx)>> = vec![Vec::new(); n];
    for (gi, ps) in preds.iter().enumerate() {
        for &(pg, _) in ps {
            succs[pg.0 as usize].push((GroupIdx(gi as u32), facts[gi].first));
        }
    }
    let mut best: Option<(Vec<Outcome>, Score)> = None;
    let keep = |out: Vec<Outcome>, s: Score, best: &mut Option<(Vec<Outcome>, Score)>| {
        if best.as_ref().is_none_or(|(_, b)| s < *b) {
            *best = Some((out, s));
        }
    };
    // Nothing is left to gain when every group is placed, none is avoidably late, and the
    // last wave is the earliest any plan can have.
    let optimal = |best: &Option<(Vec<Outcome>, Score)>| {
        best.as_ref()
            .is_some_and(|(_, s)| s.0 == 0 && s.1 == [0; 4] && s.2 <= bound)
    };
    let short = |best: &Option<(Vec<Outcome>, Score)>| {
        best.as_ref().is_some_and(|(_, s)| s.0 == 0 && s.2 <= bound)
    };

    // Deadlines first, with feedback: the groups of the most severe class that ended up
    // late get their deadlines brought forward by how late they were, and the order is made
    // again, while that helps.
    if facts.iter().any(|f| !f.due.is_empty()) {
        let mut boost = vec![0u32; n];
        let order = order::deadline_first(facts, &succs, &boost);
        let mut current = pass(ctx, facts, preds, &order, true);
        let mut current_score = score(ctx, facts, &current);
        for _ in 0..ROUNDS {
            let Some(class) = (0..4).find(|&k| current_score.1[k] > 0) else {
                break;
            };
            for (gi, o) in current.iter().enumerate() {
                if let Some(w) = o.wave() {
                    let worst = facts[gi]
                        .due
                        .iter()
                        .filter(|&&(_, sev)| 3 - sev as usize == class)
                        .map(|&(until, _)| w.saturating_sub(until));
                    boost[gi] += worst.max().unwrap_or(0);
                }
            }
            let order = order::deadline_first(facts, &succs, &boost);
            let next = pass(ctx, facts, preds, &order, true);
            let s = score(ctx, facts, &next);
            if s >= current_score {
                break;
            }
            (current, current_score) = (next, s);
        }
        if short(&Some((Vec::new(), current_score))) {
            keep(current, current_score, &mut best);
        } else {
            let (out, s) = justify(ctx, facts, preds, &succs, current, current_score);
            keep(out, s, &mut best);
        }
    }
    if optimal(&best) || short(&best) {
        return best.map(|(o, _)| o).unwrap_or_default();
    }

    // Longest chain first, largest (then smallest) first among equals.
    let hours_desc = |a: usize, b: usize| facts[b].hours.total_cmp(&facts[a].hours);
    let by_tail = |a: usize, b: usize| {
        let (fa, fb) = (&facts[a], &facts[b]);
        (Reverse(fa.tail), fa.eos.is_none(), fa.eos).cmp(&(
            Reverse(fb.tail),
            fb.eos.is_none(),
            fb.eos,
        ))
    };
    // Both starts also when a deadline plan exists: on the example data one start left two
    // more items out of a full hall (ggvvh-teknik as of 2026-12-01: 6 unplaced, not 4).
    for start in 0..2 {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            let size = if start == 0 {
                hours_desc(a, b)
            } else {
                hours_desc(b, a)
            };
            by_tail(a, b).then(size).then(a.cmp(&b))
        });
        let current = pass(ctx, facts, preds, &order, true);
        let current_score = score(ctx, facts, &current);
        let (out, s) = justify(ctx, facts, preds, &succs, current, current_score);
        keep(out, s, &mut best);
        if optimal(&best) {
            break;
        }
    }
    best.map(|(o, _)| o).unwrap_or_default()
}

/// Rounds of justification (known from project scheduling) while they improve the score: a
/// pass over the reversed dependencies, latest group first and calendar ignored, packs the
/// plan towards its end; the order in which that pass finished becomes the next forward
/// order. Returns the best plan found, which may be the one given.
fn justify(
    ctx: &Ctx,
    facts: &[Facts],
    preds: &[Vec<(GroupIdx, ItemIdx)>],
    succs: &[Vec<(GroupIdx, ItemIdx)>],
    mut current: Vec<Outcome>,
    mut current_score: Score,
) -> (Vec<Outcome>, Score) {
    let n = facts.len();
    let hours_desc = |a: usize, b: usize| facts[b].hours.total_cmp(&facts[a].hours);
    let mut order: Vec<usize> = (0..n).collect();
    for _ in 0..ROUNDS {
        // Backward: latest first, in reversed time; an unplaced group counts as latest.
        let late = |o: &Outcome| o.wave().map_or(Reverse(u32::MAX), Reverse);
        order.sort_by(|&a, &b| {
            late(&current[a])
                .cmp(&late(&current[b]))
                .then(hours_desc(a, b))
                .then(a.cmp(&b))
        });
        let back = pass(ctx, facts, succs, &order, false);
        if back.iter().any(|o| o.wave().is_none()) {
            break;
        }
        // Forward again: what the backward pass put last in reversed time goes first.
        let rev = |gi: usize| Reverse(back[gi].wave().unwrap_or(0));
        order.sort_by(|&a, &b| {
            rev(a)
                .cmp(&rev(b))
                .then(Reverse(facts[a].tail).cmp(&Reverse(facts[b].tail)))
                .then(hours_desc(a, b))
                .then(a.cmp(&b))
        });
        let next = pass(ctx, facts, preds, &order, true);
        let s = score(ctx, facts, &next);
        if s >= current_score {
            break;
        }
        current = next;
        current_score = s;
    }
    (current, current_score)
}
