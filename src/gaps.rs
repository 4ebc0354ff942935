//! Gap analysis: the estate judged against one target architecture (docs/format.md §3.1, §4).
//!
//! A gap is one (organisation, asset or none, rule, expectation) that fails. This module
//! computes the gap list, applies waivers and adds up the work; the check that finds a gap
//! makes its [`Finding`] (what it found, where the judged field is written), from which
//! every view words the gap. It does not plan (see `waves`) or format (see `views`). Output
//! order is fixed by §4 so that every view is byte-identical run to run.
//!
//! [`analyse`] judges a project once; [`Kept`] keeps an analysis up to date while an editor's
//! project changes (`samdrift lsp`), judging again only the organisations whose gaps a
//! change can touch, with the same functions.

mod finding;

use crate::diag::{Arg, Diagnostic, plural};
use crate::graph::Graph;
use crate::model::{
    Action, Asset, AssetIdx, Date, DateOrHorizon, Expectation, Layer, Num, OrgIdx, Per, Project,
    Rule, Severity, Target,
};
use finding::list_ids;
pub use finding::{Fact, Finding, KEPT_LISTED};
use rayon::prelude::*;
use serde::Serialize;
use serde::ser::SerializeStruct;
use std::collections::HashMap;

/// What kind of change a gap asks for (docs/format.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GapKind {
    Migrate,
    Divergent,
    EndOfSupport,
    Noncompliant,
    Redundancy,
    Duplicate,
    Missing,
}

impl GapKind {
    pub const ALL: [GapKind; 7] = [
        GapKind::Migrate,
        GapKind::Divergent,
        GapKind::EndOfSupport,
        GapKind::Noncompliant,
        GapKind::Redundancy,
        GapKind::Duplicate,
        GapKind::Missing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GapKind::Migrate => "migrate",
            GapKind::Divergent => "divergent",
            GapKind::EndOfSupport => "end-of-support",
            GapKind::Noncompliant => "noncompliant",
            GapKind::Redundancy => "redundancy",
            GapKind::Duplicate => "duplicate",
            GapKind::Missing => "missing",
        }
    }

    fn of(e: &Expectation) -> GapKind {
        match e {
            Expectation::MovedTo(_) => GapKind::Migrate,
            Expectation::ProductIn(_) => GapKind::Divergent,
            Expectation::EndOfSupportAfter(_) => GapKind::EndOfSupport,
            Expectation::SlaAtLeast(_)
            | Expectation::SecurityLevelAtLeast(_)
            | Expectation::ServiceWindowIn(_)
            | Expectation::OperatorIn(_) => GapKind::Noncompliant,
            Expectation::SitesAtLeast(_) => GapKind::Redundancy,
            Expectation::MaxPerOrg(_) => GapKind::Duplicate,
            Expectation::MinPerOrg(_) => GapKind::Missing,
        }
    }
}

impl Serialize for GapKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One gap. Field order is the JSON contract of docs/format.md §4; fields after `line` are
/// extras (see the `Serialize` impl).
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub org: String,
    pub asset: Option<String>,
    pub rule: String,
    pub kind: GapKind,
    pub severity: Severity,
    pub action: Action,
    pub component: Option<String>,
    pub hours: Num,
    pub cost: Num,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub waived: bool,
    /// The expectation key that failed, e.g. `product_in`.
    pub expect: &'static str,
    /// What the check found and where the judged field is written; every view's words
    /// about the gap come from it.
    pub finding: Finding,
    /// The reason of the waiver that covers this gap.
    pub waiver: Option<String>,
    /// When that waiver expires.
    pub waiver_expires: Option<Date>,
    pub org_idx: OrgIdx,
    pub asset_idx: Option<AssetIdx>,
    pub rule_idx: usize,
    pub expect_idx: usize,
    /// The asset's layer, or the rule's selected layer for `missing` gaps.
    pub layer: Option<Layer>,
}

/// docs/format.md §4's fields in their order, then the extras: `waived`, `expect`, `message`
/// (the finding in English), `waiver` and `waiver_expires` when waived, and `finding`.
impl Serialize for Gap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let waived =
            usize::from(self.waiver.is_some()) + usize::from(self.waiver_expires.is_some());
        let mut st = s.serialize_struct("Gap", 15 + waived)?;
        st.serialize_field("org", &self.org)?;
        st.serialize_field("asset", &self.asset)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("action", &self.action)?;
        st.serialize_field("component", &self.component)?;
        st.serialize_field("hours", &self.hours)?;
        st.serialize_field("cost", &self.cost)?;
        st.serialize_field("file", &self.file)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("waived", &self.waived)?;
        st.serialize_field("expect", &self.expect)?;
        st.serialize_field("message", &self.finding.message())?;
        if let Some(w) = &self.waiver {
            st.serialize_field("waiver", w)?;
        }
        if let Some(d) = &self.waiver_expires {
            st.serialize_field("waiver_expires", d)?;
        }
        st.serialize_field("finding", &self.finding)?;
        st.end()
    }
}

impl Gap {
    /// What is wrong, in English (from the finding).
    pub fn message(&self) -> String {
        self.finding.message()
    }

    /// `org/asset`, or `org` for a gap without an asset.
    pub fn subject(&self) -> String {
        match &self.asset {
            Some(a) => format!("{}/{a}", self.org),
            None => self.org.clone(),
        }
    }
}

/// The totals of the open (unwaived) gaps. `waived` counts the others.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Summary {
    pub gaps: usize,
    pub hours: Num,
    pub cost: Num,
    pub waived: usize,
}

impl Summary {
    /// The totals of a list of gaps.
    pub fn of<'g>(gaps: impl IntoIterator<Item = &'g Gap>) -> Summary {
        let mut s = Summary::default();
        for g in gaps {
            if g.waived {
                s.waived += 1;
            } else {
                s.gaps += 1;
                s.hours.0 += g.hours.0;
                s.cost.0 += g.cost.0;
            }
        }
        s.hours = tidy(s.hours.0);
        s.cost = tidy(s.cost.0);
        s
    }
}

/// The gap list of one target, in the order of docs/format.md §4.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub target: String,
    pub gaps: Vec<Gap>,
    pub summary: Summary,
    /// Expired and unused waivers, orgs in scope without inventory, components nothing
    /// moves onto.
    pub warnings: Vec<Diagnostic>,
    /// The organisations analysed (in scope and with an inventory), sorted.
    #[serde(skip)]
    pub orgs: Vec<OrgIdx>,
    /// The date waivers were judged against.
    #[serde(skip)]
    pub as_of: Date,
}

impl Analysis {
    /// Gaps that count (not waived).
    pub fn open(&self) -> impl Iterator<Item = &Gap> {
        self.gaps.iter().filter(|g| !g.waived)
    }

    /// Is there an open gap at or above `sev`?
    pub fn fails_at(&self, sev: Severity) -> bool {
        self.open().any(|g| g.severity >= sev)
    }

    /// The gaps of organisation `o` (waived or not).
    pub fn of_org(&self, o: OrgIdx) -> &[Gap] {
        let from = self.gaps.partition_point(|g| g.org_idx < o);
        let to = self.gaps.partition_point(|g| g.org_idx <= o);
        &self.gaps[from..to]
    }
}

/// Snaps a number of hours or an amount to six decimals, so that float noise
/// (`0.2 × 800 = 160.00000000000003`) neither shows nor breaks whole numbers in JSON.
pub fn tidy(x: f64) -> Num {
    if x.abs() < 1e12 {
        Num((x * 1e6).round() / 1e6)
    } else {
        Num(x.round())
    }
}

/// Today's date in UTC, the default `--as-of` for waivers.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(secs as i64, 0).map_or_else(Date::default, |t| t.date_naive())
}

fn work(rule: &Rule, t: &Target, quantity: u64, missing: bool) -> (Num, Num) {
    let units = if rule.per == Per::Unit && !missing {
        quantity as f64
    } else {
        1.0
    };
    let hours = tidy(rule.effort_hours.get() * units);
    let cost = tidy(hours.get() * t.hourly_rate.get() + rule.cost.get() * units);
    (hours, cost)
}

/// Judges the estate against target `t`. Waivers apply when they expire on or after `as_of`.
pub fn analyse(p: &Project, g: &Graph, t: &Target, as_of: Date) -> Analysis {
    Kept::new(p, g, t, as_of).analysis
}

/// A gap analysis kept up to date while the project changes (an editor's project, see
/// `load::session`). Gaps are judged per organisation: after some organisations' assets
/// changed, [`Kept::update`] judges again those organisations and the ones whose assets'
/// reach of sites (`sites_at_least`, which follows refs across organisations) changed, with
/// the same functions as [`analyse`], and keeps the other organisations' gaps (moved with
/// their assets). Waivers are per organisation and are applied with its gaps; the warnings
/// and totals are made again from all gaps. What it holds after any sequence of updates is
/// what [`analyse`] gives for the project as it is.
pub struct Kept {
    analysis: Analysis,
    reach: Option<SiteReach>,
    /// Each organisation's assets when judged: its range in [`Project::assets`].
    ranges: Vec<std::ops::Range<u32>>,
}

impl Kept {
    /// Judges the estate against target `t`, as [`analyse`] does.
    pub fn new(p: &Project, g: &Graph, t: &Target, as_of: Date) -> Kept {
        let orgs: Vec<OrgIdx> = (0..p.orgs.len() as u32)
            .map(OrgIdx)
            .filter(|&o| t.in_scope(&p.org(o).id))
            .collect();
        let reach = most_sites(t).map(|n| SiteReach::new(p, g, n));
        let gaps = judge(p, t, reach.as_ref(), as_of, &orgs)
            .into_iter()
            .flatten()
            .collect();
        Kept {
            analysis: finish(p, t, as_of, orgs, gaps),
            reach,
            ranges: p.orgs.iter().map(|o| o.assets.clone()).collect(),
        }
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Judges the estate against `t` again, as [`Kept::new`] does, after more than some
    /// organisations' assets changed (the target, the files, `as_of`). Returns the
    /// organisations whose gaps differ from before in any way, or `None` when the target's
    /// id or the organisations analysed differ.
    pub fn renew(
        &mut self,
        p: &Project,
        g: &Graph,
        t: &Target,
        as_of: Date,
    ) -> Option<Vec<OrgIdx>> {
        let old = std::mem::replace(self, Kept::new(p, g, t, as_of));
        let (was, now) = (&old.analysis, &self.analysis);
        if was.target != now.target || was.orgs != now.orgs {
            return None;
        }
        Some(
            now.orgs
                .iter()
                .copied()
                .filter(|&o| was.of_org(o) != now.of_org(o))
                .collect(),
        )
    }

    /// Brings the analysis up to date with `p` (whose graph is `g`), in which the assets of
    /// the organisations in `changed` were replaced since the last analysis or update, and
    /// nothing else changed: not the organisations, the other assets, the files, nor the
    /// target when it has the same id as before. Returns the organisations judged again, or
    /// `None` when everything was (the target's id, `as_of` or the organisations differ).
    pub fn update(
        &mut self,
        p: &Project,
        g: &Graph,
        t: &Target,
        as_of: Date,
        changed: &[OrgIdx],
    ) -> Option<Vec<OrgIdx>> {
        let n = p.orgs.len();
        if t.id != self.analysis.target || as_of != self.analysis.as_of || n != self.ranges.len() {
            *self = Kept::new(p, g, t, as_of);
            return None;
        }
        let mut is_changed = vec![false; n];
        for o in changed.iter().filter(|o| (o.0 as usize) < n) {
            is_changed[o.0 as usize] = true;
        }
        for (x, o) in p.orgs.iter().enumerate() {
            is_changed[x] |= o.assets.len() != self.ranges[x].len();
        }
        let new_ranges: Vec<std::ops::Range<u32>> =
            p.orgs.iter().map(|o| o.assets.clone()).collect();
        let reach = most_sites(t).map(|most| SiteReach::new(p, g, most));
        let mut again = is_changed.clone();
        match (&reach, &self.reach) {
            (Some(new), Some(old)) => {
                // Where each asset of the last analysis is now (`u32::MAX`: one of a changed
                // organisation's, or gone).
                let before = self.ranges.last().map_or(0, |r| r.end) as usize;
                let mut now_at = vec![u32::MAX; before];
                for (x, r) in self.ranges.iter().enumerate() {
                    if !is_changed[x] {
                        for (k, i) in r.clone().enumerate() {
                            now_at[i as usize] = new_ranges[x].start + k as u32;
                        }
                    }
                }
                // An organisation is judged again when the sites one of its assets reaches
                // are not the same assets as before.
                for &o in &self.analysis.orgs {
                    let x = o.0 as usize;
                    if again[x] {
                        continue;
                    }
                    let shift = |i: u32| i - new_ranges[x].start + self.ranges[x].start;
                    again[x] = new_ranges[x].clone().any(|i| {
                        let (now, was) = (new.of(AssetIdx(i)), old.of(AssetIdx(shift(i))));
                        now.len() != was.len()
                            || now
                                .iter()
                                .zip(was)
                                .any(|(a, b)| now_at.get(b.0 as usize) != Some(&a.0))
                    });
                }
            }
            (None, None) => {}
            // The rules changed after all: everything is judged again.
            _ => again.iter_mut().for_each(|a| *a = true),
        }
        let redo: Vec<OrgIdx> = self
            .analysis
            .orgs
            .iter()
            .copied()
            .filter(|o| again[o.0 as usize])
            .collect();
        let mut fresh = judge(p, t, reach.as_ref(), as_of, &redo).into_iter();
        let old = std::mem::take(&mut self.analysis.gaps);
        let mut gaps: Vec<Gap> = Vec::with_capacity(old.len());
        let mut old = old.into_iter().peekable();
        for &o in &self.analysis.orgs {
            let x = o.0 as usize;
            // The org's gaps of the last analysis: kept, or dropped for the fresh ones.
            let shift = |i: AssetIdx| AssetIdx(i.0 - self.ranges[x].start + new_ranges[x].start);
            while let Some(mut gap) = old.next_if(|g| g.org_idx == o) {
                if !again[x] {
                    gap.asset_idx = gap.asset_idx.map(shift);
                    gaps.push(gap);
                }
            }
            if again[x] {
                gaps.extend(fresh.next().into_iter().flatten());
            }
        }
        let orgs = std::mem::take(&mut self.analysis.orgs);
        self.analysis = finish(p, t, as_of, orgs, gaps);
        self.reach = reach;
        self.ranges = new_ranges;
        Some(redo)
    }
}

/// The largest `sites_at_least` of the target's rules.
fn most_sites(t: &Target) -> Option<u64> {
    t.rules
        .iter()
        .flat_map(|r| r.expect.iter())
        .filter_map(|e| match e.value {
            Expectation::SitesAtLeast(n) => Some(n),
            _ => None,
        })
        .max()
}

/// The gaps of each organisation of `orgs`, waivers applied, each in §4 order.
fn judge(
    p: &Project,
    t: &Target,
    reach: Option<&SiteReach>,
    as_of: Date,
    orgs: &[OrgIdx],
) -> Vec<Vec<Gap>> {
    let target_file = p.file(t.file).to_string();
    // docs/format.md §4 order: org, asset id (none first), rule id, order of `expect`. Orgs and the
    // assets within an org are stored sorted by id, so their indices sort the same way.
    let mut by_id: Vec<usize> = (0..t.rules.len()).collect();
    by_id.sort_by(|&a, &b| t.rules[a].id.cmp(&t.rules[b].id));
    let mut rule_rank = vec![0; t.rules.len()];
    for (rank, &ri) in by_id.iter().enumerate() {
        rule_rank[ri] = rank;
    }
    let ctx = Ctx {
        p,
        t,
        reach,
        target_file: &target_file,
        rule_rank: &rule_rank,
    };
    // Organisations are independent: each is judged on its own thread, and its gaps come
    // back sorted, so joining them in org order gives the §4 order.
    orgs.par_iter()
        .map(|&o| {
            let mut gaps = org_gaps(&ctx, o);
            mark_waived(t, as_of, &p.org(o).id, &mut gaps);
            gaps
        })
        .collect()
}

/// The analysis of the gaps of `orgs` (joined in org order): its warnings and totals.
fn finish(p: &Project, t: &Target, as_of: Date, orgs: Vec<OrgIdx>, gaps: Vec<Gap>) -> Analysis {
    let mut warnings = Vec::new();
    let target_file = p.file(t.file);
    for o in t.organisations.iter().flatten() {
        if p.org_by_id(o).is_none() {
            warnings.push(Diagnostic::warning(
                "org-without-inventory",
                target_file,
                Some(o.loc.pos),
                format!("organisation `{}` is in the target's scope but has no inventory; it is not analysed", o.value),
            ).with_arg("org", Arg::Org(o.value.clone())).with_arg("target", Arg::Target(t.id.clone())));
        }
    }
    waiver_warnings(p, t, as_of, &gaps, &mut warnings);
    unused_components(p, t, &orgs, &gaps, &mut warnings);
    Analysis {
        target: t.id.clone(),
        summary: Summary::of(&gaps),
        gaps,
        warnings,
        orgs,
        as_of,
    }
}

/// What judging one organisation needs.
struct Ctx<'a> {
    p: &'a Project,
    t: &'a Target,
    reach: Option<&'a SiteReach>,
    target_file: &'a str,
    rule_rank: &'a [usize],
}

/// The gaps of one organisation, in §4 order.
fn org_gaps(cx: &Ctx, o: OrgIdx) -> Vec<Gap> {
    let (p, t) = (cx.p, cx.t);
    let org = &p.org(o).id;
    // The org's assets by layer (in id order), so a rule that selects a layer looks only there.
    let all: Vec<AssetIdx> = p.org(o).assets.clone().map(AssetIdx).collect();
    let mut by_layer: [Vec<AssetIdx>; 5] = Default::default();
    for &i in &all {
        by_layer[p.asset(i).layer as usize].push(i);
    }
    let mut gaps = Vec::new();
    for (ri, rule) in t.rules.iter().enumerate() {
        if !rule.select.allows_org(org) {
            continue;
        }
        let candidates = match rule.select.layer {
            Some(l) => &by_layer[l as usize],
            None => &all,
        };
        let selected: Vec<AssetIdx> = candidates
            .iter()
            .copied()
            .filter(|&i| rule.select.matches(org, p.asset(i)))
            .collect();
        for (ei, e) in rule.expect.iter().enumerate() {
            let mut push =
                |asset: Option<AssetIdx>, finding: Finding, component: Option<String>| {
                    let a = asset.map(|i| p.asset(i));
                    let (hours, cost) = work(rule, t, a.map_or(1, |a| a.quantity), asset.is_none());
                    gaps.push(Gap {
                        org: org.clone(),
                        asset: a.map(|a| a.id.clone()),
                        rule: rule.id.clone(),
                        kind: GapKind::of(e),
                        severity: rule.severity,
                        action: rule.action,
                        component,
                        hours,
                        cost,
                        file: Some(match a {
                            Some(a) => p.file(a.loc.file).to_string(),
                            None => cx.target_file.to_string(),
                        }),
                        line: Some(a.map_or(rule.loc.pos.line, |a| a.loc.pos.line)),
                        waived: false,
                        expect: e.key(),
                        finding,
                        waiver: None,
                        waiver_expires: None,
                        org_idx: o,
                        asset_idx: asset,
                        rule_idx: ri,
                        expect_idx: ei,
                        layer: a.map(|a| a.layer).or(rule.select.layer),
                    });
                };
            match &e.value {
                Expectation::MaxPerOrg(n) => {
                    let mut ranked = selected.clone();
                    ranked.sort_by_key(|&i| (p.asset(i).realizes.is_none(), &p.asset(i).id));
                    let keep = (*n).min(ranked.len() as u64) as usize;
                    let kept: Vec<String> = ranked[..keep]
                        .iter()
                        .take(KEPT_LISTED)
                        .map(|&i| p.asset(i).id.clone())
                        .collect();
                    for &i in &ranked[keep..] {
                        let fact = Fact::TooMany {
                            selected: ranked.len(),
                            max: *n,
                            kept: kept.clone(),
                        };
                        push(Some(i), whole(p.asset(i), fact), None);
                    }
                }
                Expectation::MinPerOrg(n) => {
                    if (selected.len() as u64) < *n {
                        let fact = Fact::TooFew {
                            selected: selected.len(),
                            min: *n,
                        };
                        let finding = Finding {
                            fact,
                            field: None,
                            at: e.loc,
                        };
                        push(None, finding, None);
                    }
                }
                _ => {
                    for &i in &selected {
                        if let Some((finding, comp)) = check(p, t, cx.reach, i, &e.value) {
                            push(Some(i), finding, comp);
                        }
                    }
                }
            }
        }
    }
    gaps.sort_by_key(|g| (g.asset_idx, cx.rule_rank[g.rule_idx], g.expect_idx));
    gaps
}

/// Which sites each asset reaches through `site` and `depends_on`, transitively, computed
/// once for the whole estate: per strongly connected component, in dependency order, each
/// component's set is its own sites joined with those of the components it needs. Sets stop
/// growing at `cap` members (the largest `sites_at_least` asked for), so this costs
/// O((assets + edges) × cap) instead of one graph search per asset. A set smaller than `cap`
/// is complete.
struct SiteReach {
    comp_of: Vec<u32>,
    /// The sites of component `c`: `sites[start[c]..start[c + 1]]`, sorted.
    sites: Vec<AssetIdx>,
    start: Vec<u32>,
}

impl SiteReach {
    fn new(p: &Project, g: &Graph, most: u64) -> SiteReach {
        let total = p.assets.iter().filter(|a| a.layer == Layer::Sites).count();
        let cap = (most.min(total as u64)) as usize;
        let comps = g.components();
        let mut comp_of = vec![u32::MAX; p.assets.len()];
        for (ci, c) in comps.iter().enumerate() {
            for &a in c {
                comp_of[a.0 as usize] = ci as u32;
            }
        }
        let mut r = SiteReach {
            comp_of,
            sites: Vec::with_capacity(comps.len()),
            start: Vec::with_capacity(comps.len() + 1),
        };
        r.start.push(0);
        let (mut set, mut deps) = (Vec::new(), Vec::new());
        for (ci, c) in comps.iter().enumerate() {
            // Members are sorted, so the set starts sorted.
            set.clear();
            set.extend(
                c.iter()
                    .copied()
                    .filter(|&a| p.asset(a).layer == Layer::Sites)
                    .take(cap),
            );
            'members: for &m in c {
                if set.len() >= cap {
                    break;
                }
                g.dependencies_into(m, &mut deps);
                for &d in &deps {
                    let dc = r.comp_of[d.0 as usize] as usize;
                    // Dependencies come first, so their sets are done (the check only guards).
                    if dc == ci || dc + 1 >= r.start.len() {
                        continue;
                    }
                    for &s in r.component(dc) {
                        if let Err(at) = set.binary_search(&s) {
                            set.insert(at, s);
                            if set.len() >= cap {
                                break 'members;
                            }
                        }
                    }
                }
            }
            r.sites.extend_from_slice(&set);
            r.start.push(r.sites.len() as u32);
        }
        r
    }

    /// The sites of component `c`.
    fn component(&self, c: usize) -> &[AssetIdx] {
        match (self.start.get(c), self.start.get(c + 1)) {
            (Some(&from), Some(&to)) => &self.sites[from as usize..to as usize],
            _ => &[],
        }
    }

    /// The sites `i` reaches (itself included when it is a site), up to the cap.
    fn of(&self, i: AssetIdx) -> &[AssetIdx] {
        self.comp_of
            .get(i.0 as usize)
            .map_or(&[], |&c| self.component(c as usize))
    }
}

/// A finding about the asset as a whole (`max_per_org`): located at its mapping.
fn whole(a: &Asset, fact: Fact) -> Finding {
    Finding {
        fact,
        field: None,
        at: a.loc,
    }
}

/// A finding about field `field` of `a`: located at its value, or at the asset's mapping
/// when the field is not written.
fn at_field(a: &Asset, field: &'static str, fact: Fact) -> Finding {
    Finding {
        fact,
        field: Some(field),
        at: a.field_loc(field),
    }
}

/// Checks one per-asset expectation; `Some((finding, component))` when it fails.
fn check(
    p: &Project,
    t: &Target,
    reach: Option<&SiteReach>,
    i: AssetIdx,
    e: &Expectation,
) -> Option<(Finding, Option<String>)> {
    let a = p.asset(i);
    let fail = |field, fact| Some((at_field(a, field, fact), None));
    match e {
        Expectation::MovedTo(c) => {
            let fact = match &a.realizes {
                Some(r) if r.value == *c => return None,
                Some(r) => Fact::RealizesOther {
                    component: c.clone(),
                    realizes: r.value.clone(),
                },
                None => Fact::NotMoved {
                    component: c.clone(),
                },
            };
            Some((at_field(a, "realizes", fact), Some(c.clone())))
        }
        Expectation::ProductIn(ps) => match &a.product {
            Some(x) if ps.contains(x) => None,
            Some(x) => fail(
                "product",
                Fact::ProductNotListed {
                    product: x.clone(),
                    expected: ps.clone(),
                },
            ),
            None => fail(
                "product",
                Fact::ProductMissing {
                    expected: ps.clone(),
                },
            ),
        },
        Expectation::EndOfSupportAfter(d) => {
            let limit = match d {
                DateOrHorizon::Horizon => t.horizon,
                DateOrHorizon::Date(d) => *d,
            };
            let eos = a.end_of_support?;
            if eos > limit {
                return None;
            }
            fail(
                "end_of_support",
                Fact::EndOfSupport {
                    end_of_support: eos,
                    limit,
                },
            )
        }
        Expectation::SlaAtLeast(level) => {
            let need = t.sla_rank(level)?;
            let required = level.clone();
            match &a.sla {
                Some(s) => match t.sla_rank(s) {
                    Some(r) if r >= need => None,
                    Some(_) => fail(
                        "sla",
                        Fact::SlaBelow {
                            sla: s.value.clone(),
                            required,
                        },
                    ),
                    None => fail(
                        "sla",
                        Fact::SlaUnknown {
                            sla: s.value.clone(),
                            required,
                        },
                    ),
                },
                None => fail("sla", Fact::SlaMissing { required }),
            }
        }
        Expectation::SecurityLevelAtLeast(n) => match a.security_level {
            Some(l) if l >= *n => None,
            Some(l) => fail(
                "security_level",
                Fact::SecurityBelow {
                    security_level: l,
                    required: *n,
                },
            ),
            None => fail("security_level", Fact::SecurityMissing { required: *n }),
        },
        Expectation::ServiceWindowIn(ws) => match &a.service_window {
            Some(w) if ws.contains(w) => None,
            Some(w) => fail(
                "service_window",
                Fact::WindowNotListed {
                    service_window: w.clone(),
                    expected: ws.clone(),
                },
            ),
            None => fail(
                "service_window",
                Fact::WindowMissing {
                    expected: ws.clone(),
                },
            ),
        },
        Expectation::OperatorIn(os) => match &a.operator {
            Some(o) if os.contains(o) => None,
            Some(o) => fail(
                "operator",
                Fact::OperatorNotListed {
                    operator: o.clone(),
                    expected: os.clone(),
                },
            ),
            None => fail(
                "operator",
                Fact::OperatorMissing {
                    expected: os.clone(),
                },
            ),
        },
        Expectation::SitesAtLeast(n) => {
            let sites = reach.map_or(&[][..], |r| r.of(i));
            if sites.len() as u64 >= *n {
                return None;
            }
            // The fields that lead to sites: `site` where written, else `depends_on`.
            let field = if a.site.is_none() && a.at.depends_on.is_some() {
                "depends_on"
            } else {
                "site"
            };
            fail(
                field,
                Fact::TooFewSites {
                    sites: sites.iter().map(|&s| p.asset_ref(s)).collect(),
                    required: *n,
                },
            )
        }
        Expectation::MaxPerOrg(_) | Expectation::MinPerOrg(_) => None,
    }
}

/// Does waiver `w` cover gap `g`? A waiver covers the gaps of its rule in its org, and with
/// `asset`, only that asset's (so a `missing` gap, which has no asset, is covered only by a
/// waiver without `asset`).
fn covers(w: &crate::model::Waiver, g: &Gap) -> bool {
    g.rule == w.rule
        && g.org == w.org
        && w.asset.as_ref().is_none_or(|a| g.asset.as_ref() == Some(a))
}

/// Marks the gaps of organisation `org` that its unexpired waivers cover. When several
/// waivers cover a gap, the first written gives the reason.
fn mark_waived(t: &Target, as_of: Date, org: &str, gaps: &mut [Gap]) {
    for w in t
        .waivers
        .iter()
        .filter(|w| w.org == org && w.expires >= as_of)
    {
        for g in gaps.iter_mut().filter(|g| covers(w, g)) {
            if !g.waived {
                g.waived = true;
                g.waiver = Some(w.reason.clone());
                g.waiver_expires = Some(w.expires);
            }
        }
    }
}

/// Warns about expired waivers and waivers that cover no gap (of all `gaps`, in org order).
fn waiver_warnings(
    p: &Project,
    t: &Target,
    as_of: Date,
    gaps: &[Gap],
    warnings: &mut Vec<Diagnostic>,
) {
    let file = p.file(t.file).to_string();
    for w in &t.waivers {
        // A waiver covers gaps of its own organisation only.
        let of_org: &[Gap] = match p.org_by_id(&w.org) {
            Some(o) => {
                let from = gaps.partition_point(|g| g.org_idx < o);
                &gaps[from..from + gaps[from..].partition_point(|g| g.org_idx <= o)]
            }
            None => &[],
        };
        let matched = of_org.iter().filter(|g| covers(w, g)).count();
        let whom = format!(
            "{}{}",
            w.org,
            w.asset
                .as_ref()
                .map(|a| format!("/{a}"))
                .unwrap_or_default()
        );
        if w.expires < as_of {
            warnings.push(
                Diagnostic::warning(
                    "expired-waiver",
                    &file,
                    Some(w.loc.pos),
                    format!(
                        "the waiver of rule `{}` for `{whom}` expired on {}; its {matched} gap{} count{} again",
                        w.rule,
                        w.expires,
                        plural(matched),
                        if matched == 1 { "s" } else { "" }
                    ),
                )
                .with_hint(Some("renew it with a new `expires` date, or close the gaps".into()))
                .with_arg("rule", Arg::Rule(w.rule.clone()))
                .with_arg("whom", waiver_subject(w))
                .with_arg("expires", Arg::Date(w.expires))
                .with_arg("n", Arg::Count(matched)),
            );
            continue;
        }
        if matched == 0 {
            warnings.push(
                Diagnostic::warning(
                    "unused-waiver",
                    &file,
                    Some(w.loc.pos),
                    format!(
                        "the waiver of rule `{}` for `{whom}` matches no gap",
                        w.rule
                    ),
                )
                .with_hint(Some("the deviation may be fixed: remove the waiver".into()))
                .with_arg("rule", Arg::Rule(w.rule.clone()))
                .with_arg("whom", waiver_subject(w)),
            );
        }
    }
}

/// Warns about components nothing moves onto: no gap (open or waived) moves an asset onto
/// it, no asset of an analysed org realizes it, and no component that is used depends on
/// it, directly or transitively.
fn unused_components(
    p: &Project,
    t: &Target,
    orgs: &[OrgIdx],
    gaps: &[Gap],
    warnings: &mut Vec<Diagnostic>,
) {
    let index: HashMap<&str, usize> = t
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut used = vec![false; t.components.len()];
    let named = gaps
        .iter()
        .filter_map(|g| g.component.as_deref())
        .chain(orgs.iter().flat_map(|&o| {
            p.org_assets(o)
                .iter()
                .filter_map(|a| a.realizes.as_ref().map(|r| r.value.as_str()))
        }));
    for c in named {
        if let Some(&i) = index.get(c) {
            used[i] = true;
        }
    }
    let mut stack: Vec<usize> = (0..used.len()).filter(|&i| used[i]).collect();
    while let Some(i) = stack.pop() {
        for d in &t.components[i].depends_on {
            if let Some(&j) = index.get(d.value.as_str())
                && !used[j]
            {
                used[j] = true;
                stack.push(j);
            }
        }
    }
    let file = p.file(t.file);
    // A step of forming the organisation (v1.2) is work in itself: nothing moves onto it, and
    // the last step (the handover) has nothing after it, so it is never unused.
    for (c, _) in t
        .components
        .iter()
        .zip(&used)
        .filter(|(c, u)| !**u && !c.is_organisation())
    {
        let movers: Vec<&str> = t
            .rules
            .iter()
            .filter(|r| {
                r.expect
                    .iter()
                    .any(|e| e.value == Expectation::MovedTo(c.id.clone()))
            })
            .map(|r| r.id.as_str())
            .collect();
        let hint = if movers.is_empty() {
            format!(
                "add a rule with `moved_to: {}`, or remove the component",
                c.id
            )
        } else {
            format!(
                "rule {} moves assets onto it but selects none in scope; check its `select`",
                list_ids(&movers, movers.len())
            )
        };
        warnings.push(
            Diagnostic::warning(
                "unused-component",
                file,
                Some(c.loc.pos),
                format!(
                    "nothing moves onto component `{}`: no gap moves an asset onto it, no asset in scope realizes it, and no component in use depends on it",
                    c.id
                ),
            )
            .with_hint(Some(hint))
            .with_arg("component", Arg::Component(c.id.clone())),
        );
    }
}

/// What a waiver is for: one asset, or the whole organisation.
fn waiver_subject(w: &crate::model::Waiver) -> Arg {
    match &w.asset {
        Some(a) => Arg::Asset(w.org.clone(), a.clone()),
        None => Arg::Org(w.org.clone()),
    }
}

/// A gap present in both analyses of a comparison whose work, severity or waiver changed.
#[derive(Clone, Debug, Serialize)]
pub struct Changed {
    pub before: Gap,
    pub after: Gap,
}

/// The gaps added and removed between two analyses of the same target (`samdrift diff`).
///
/// A gap's identity is (org, asset, rule, expectation key). A gap in both is `changed` when
/// its hours, cost, severity, action, component or waived state differ; a gap that only
/// moved (another file or line) is the same gap.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub target: String,
    pub added: Vec<Gap>,
    pub removed: Vec<Gap>,
    pub changed: Vec<Changed>,
    /// The totals of each side.
    pub before: Summary,
    pub after: Summary,
}

type GapKey<'a> = (&'a str, Option<&'a str>, &'a str, &'static str);

fn key(g: &Gap) -> GapKey<'_> {
    (&g.org, g.asset.as_deref(), &g.rule, g.expect)
}

/// Compares two analyses: `added` in the order of `after`, `removed` in the order of
/// `before`, `changed` in the order of `after`.
pub fn compare(before: &Analysis, after: &Analysis) -> Comparison {
    let old: HashMap<GapKey, &Gap> = before.gaps.iter().map(|g| (key(g), g)).collect();
    let new: HashMap<GapKey, &Gap> = after.gaps.iter().map(|g| (key(g), g)).collect();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for g in &after.gaps {
        match old.get(&key(g)) {
            None => added.push(g.clone()),
            Some(b) => {
                let differs = b.hours != g.hours
                    || b.cost != g.cost
                    || b.severity != g.severity
                    || b.action != g.action
                    || b.component != g.component
                    || b.waived != g.waived;
                if differs {
                    changed.push(Changed {
                        before: (*b).clone(),
                        after: g.clone(),
                    });
                }
            }
        }
    }
    let removed = before
        .gaps
        .iter()
        .filter(|g| !new.contains_key(&key(g)))
        .cloned()
        .collect();
    Comparison {
        target: after.target.clone(),
        added,
        removed,
        changed,
        before: before.summary,
        after: after.summary,
    }
}

impl Comparison {
    /// The gaps the change brings in: added open gaps, and gaps it un-waives (open after,
    /// waived before). `diff --fail-on` judges these alone.
    pub fn introduced(&self) -> impl Iterator<Item = &Gap> {
        self.added.iter().filter(|g| !g.waived).chain(
            self.changed
                .iter()
                .filter(|c| c.before.waived && !c.after.waived)
                .map(|c| &c.after),
        )
    }

    /// Does the change introduce an open gap at or above `sev`?
    pub fn fails_at(&self, sev: Severity) -> bool {
        self.introduced().any(|g| g.severity >= sev)
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_files;

    fn project(files: &[(&str, String)]) -> crate::load::Loaded {
        let owned: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect();
        let l = load_files(&owned).unwrap();
        assert!(!l.has_errors(), "{:?}", l.diagnostics);
        l
    }

    fn sites(l: &crate::load::Loaded, cap: u64, asset: &str) -> Vec<String> {
        let p = &l.project;
        let g = Graph::build(p);
        let r = SiteReach::new(p, &g, cap);
        r.of(p.find_asset("a", asset).unwrap())
            .iter()
            .map(|&i| p.asset(i).id.clone())
            .collect()
    }

    #[test]
    fn site_reach_follows_long_chains_and_cycles() {
        // p0000 → p0001 → … → p2999 → dc2, with a cycle back from p2999 to p1500.
        let n = 3000;
        let mut yaml = String::from(
            "sites:\n  - {id: dc1, name: A, kind: datacenter}\n  - {id: dc2, name: B, kind: datacenter}\nplatforms:\n",
        );
        for i in 0..n {
            let next = if i + 1 < n {
                format!("p{:04}, p1500", i + 1)
            } else {
                "p1500".into()
            };
            let site = if i == n - 1 { ", site: dc2" } else { "" };
            yaml.push_str(&format!(
                "  - {{id: p{i:04}, name: P, kind: server, depends_on: [{next}]{site}}}\n"
            ));
        }
        let l = project(&[("inventory/a/x.yaml", yaml)]);
        assert_eq!(sites(&l, 2, "p0000"), ["dc2"]);
        assert_eq!(sites(&l, 2, "p2999"), ["dc2"]);
        // A site reaches itself.
        assert_eq!(sites(&l, 2, "dc1"), ["dc1"]);
    }

    #[test]
    fn site_reach_stops_at_the_cap() {
        let yaml = "sites:\n  - {id: s1, name: S, kind: datacenter}\n  - {id: s2, name: S, kind: datacenter}\n  - {id: s3, name: S, kind: datacenter}\nservices:\n  - {id: app, name: A, kind: application, depends_on: [s1, s2, s3]}\n";
        let l = project(&[("inventory/a/x.yaml", yaml.to_string())]);
        assert_eq!(sites(&l, 5, "app").len(), 3);
        assert_eq!(sites(&l, 2, "app").len(), 2);
        assert!(sites(&l, 0, "app").is_empty());
    }

    #[test]
    fn tidy_snaps_float_noise() {
        assert_eq!(tidy(0.2 * 800.0).0, 160.0);
        assert_eq!(tidy(0.1 + 0.2).0, 0.3);
        assert_eq!(tidy(1e15 + 0.4).0, 1e15);
    }
}
