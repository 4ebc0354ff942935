//! Checks that need the whole project: references between assets (inside and across orgs),
//! `site` refs that must name sites, SLA names against the targets, target scopes, and
//! dependency cycles (a warning: real estates have them; the planner handles them).
//!
//! Resolves every [`Ref`](crate::model::Ref) in place, so that validating a project again
//! after a change gives what a fresh load would. Reports; never removes anything.
//!
//! [`validate`] checks a project once. [`Checks`] is the same checks kept by part for a
//! project that changes (an editor's, through `load::session`): the findings about each
//! asset's refs and fields, about the targets, and the cycles. After some organisations'
//! assets were replaced, [`Checks::update`] checks again what that can affect (those
//! assets, the refs of other organisations that name them, the targets' waivers, and the
//! cycles of the dependency graph, built again) with the same functions, and keeps the
//! rest; after the targets changed, [`Checks::retarget`] checks again what concerns them
//! (not the refs, the graph or the cycles). Its findings are then those [`validate`] gives
//! for the changed project.

use crate::diag::{self, Arg, Diagnostic};
use crate::graph::Graph;
use crate::model::{AssetIdx, Layer, OrgIdx, Project};
use rayon::prelude::*;
use std::ops::Range;

pub fn validate(p: &mut Project, diags: &mut Vec<Diagnostic>) {
    diags.extend(Checks::new(p).into_diagnostics());
}

/// The findings of [`validate`], kept by what they are about.
pub struct Checks {
    /// Each asset's findings about its refs, by index in [`Project::assets`].
    refs: Vec<Vec<Diagnostic>>,
    /// Each asset's findings against the targets (SLA level, `realizes`).
    fields: Vec<Vec<Diagnostic>>,
    /// The targets' organisations and waivers.
    targets: Vec<Diagnostic>,
    /// Criteria scored in one target but not another.
    assessments: Vec<Diagnostic>,
    cycles: Vec<Diagnostic>,
    /// The dependency graph of the checked project.
    graph: Graph,
    /// Each organisation's assets with a ref that names an organisation (`org/id`), by
    /// place among the organisation's assets: those that can name another organisation.
    qualified: Vec<Vec<u32>>,
}

impl Checks {
    /// Checks the whole project (and resolves its refs).
    pub fn new(p: &mut Project) -> Checks {
        let all = 0..p.assets.len() as u32;
        let refs = resolve(p, all.clone());
        let fields = check_fields(p, all);
        let graph = Graph::build(p);
        let qualified = (0..p.orgs.len())
            .map(|o| qualified(p, OrgIdx(o as u32)))
            .collect();
        let mut c = Checks {
            refs,
            fields,
            targets: Vec::new(),
            assessments: Vec::new(),
            cycles: Vec::new(),
            graph,
            qualified,
        };
        check_targets(p, &mut c.targets);
        check_assessments(p, &mut c.assessments);
        report_cycles(p, &c.graph, &mut c.cycles);
        c
    }

    /// Checks again after the assets of the organisations in `changed` were replaced: each
    /// is given with the range its assets had in [`Project::assets`] when last checked.
    /// Everything else must be as it was then (the other organisations' assets as loaded,
    /// the same organisations, targets and files); the refs of the new assets need not be
    /// resolved.
    ///
    /// Checked again: the changed organisations' assets, the assets of other organisations
    /// with a ref naming one of them, the targets' organisations and waivers, and the cycles.
    /// The other assets' refs keep what they named, moved with the assets.
    pub fn update(&mut self, p: &mut Project, changed: &[(OrgIdx, Range<u32>)]) {
        let mut changed = changed.to_vec();
        changed.sort_by_key(|c| c.0);
        changed.dedup_by_key(|c| c.0);
        let old_total = self.refs.len() as i64;
        let new_total = p.assets.len() as i64;
        let grown: i64 = changed
            .iter()
            .map(|(o, old)| p.org(*o).assets.len() as i64 - old.len() as i64)
            .sum();
        let fits = changed.iter().all(|(o, old)| {
            (o.0 as usize) < p.orgs.len() && old.start <= old.end && old.end as i64 <= old_total
        });
        if !fits
            || old_total + grown != new_total
            || self.fields.len() != self.refs.len()
            || self.qualified.len() != p.orgs.len()
        {
            *self = Checks::new(p);
            return;
        }
        // Where each organisation's assets were when last checked.
        let mut old_ranges: Vec<Range<u32>> = Vec::with_capacity(p.orgs.len());
        let mut is_changed = vec![false; p.orgs.len()];
        let mut shift: i64 = 0;
        let mut next = changed.iter().peekable();
        for (x, org) in p.orgs.iter().enumerate() {
            match next.peek() {
                Some((o, old)) if o.0 as usize == x => {
                    old_ranges.push(old.clone());
                    is_changed[x] = true;
                    shift += org.assets.len() as i64 - old.len() as i64;
                    next.next();
                }
                _ => old_ranges.push(
                    (org.assets.start as i64 - shift) as u32
                        ..(org.assets.end as i64 - shift) as u32,
                ),
            }
        }
        // The per-asset findings follow the assets; the changed organisations' are made anew.
        for (o, old) in changed.iter().rev() {
            let n = p.org(*o).assets.len();
            let at = old.start as usize..old.end as usize;
            self.refs
                .splice(at.clone(), std::iter::repeat_with(Vec::new).take(n));
            self.fields
                .splice(at, std::iter::repeat_with(Vec::new).take(n));
        }
        // The other organisations' refs: resolved again where they name a changed
        // organisation, moved along where assets moved.
        let names: Vec<String> = changed.iter().map(|(o, _)| p.org(*o).id.clone()).collect();
        let new_ranges: Vec<Range<u32>> = p.orgs.iter().map(|o| o.assets.clone()).collect();
        let mut again: Vec<u32> = Vec::new();
        for (x, range) in new_ranges.iter().enumerate() {
            if is_changed[x] {
                continue;
            }
            for &k in &self.qualified[x] {
                let ai = range.start + k;
                let names_changed = p.assets.get(ai as usize).is_some_and(|a| {
                    a.refs()
                        .any(|r| r.org.as_ref().is_some_and(|o| names.contains(o)))
                });
                if names_changed {
                    again.push(ai);
                }
            }
        }
        let first_moved = changed
            .iter()
            .find(|(o, old)| p.org(*o).assets.len() != old.len())
            .map(|(o, _)| o.0 as usize);
        if let Some(first) = first_moved {
            // Where each asset of the last check is now (`u32::MAX`: one of a changed
            // organisation's).
            let mut now_at = vec![u32::MAX; old_total as usize];
            for (x, old) in old_ranges.iter().enumerate() {
                if !is_changed[x] {
                    for (k, i) in old.clone().enumerate() {
                        now_at[i as usize] = new_ranges[x].start + k as u32;
                    }
                }
            }
            let mut shift = |ai: u32, again: &mut Vec<u32>| {
                let Some(a) = p.assets.get_mut(ai as usize) else {
                    return;
                };
                let mut lost = false;
                for r in a.site.iter_mut().chain(a.depends_on.iter_mut()) {
                    if let Some(t) = r.resolved {
                        match now_at.get(t.0 as usize) {
                            Some(&n) if n != u32::MAX => r.resolved = Some(AssetIdx(n)),
                            _ => lost = true,
                        }
                    }
                }
                if lost {
                    again.push(ai);
                }
            };
            for (x, range) in new_ranges.iter().enumerate() {
                if is_changed[x] {
                    continue;
                }
                if x < first {
                    // Refs inside an organisation before the first that moved stay put.
                    for &k in &self.qualified[x] {
                        shift(range.start + k, &mut again);
                    }
                } else {
                    for ai in range.clone() {
                        shift(ai, &mut again);
                    }
                }
            }
            again.sort_unstable();
            again.dedup();
        }
        for ai in again {
            let (res, d) = resolve_one(p, ai as usize);
            apply(&mut p.assets[ai as usize], &res);
            self.refs[ai as usize] = d;
        }
        for (o, _) in &changed {
            let range = p.org(*o).assets.clone();
            let refs = resolve(p, range.clone());
            let fields = check_fields(p, range.clone());
            let at = range.start as usize..range.end as usize;
            self.refs.splice(at.clone(), refs);
            self.fields.splice(at, fields);
            self.qualified[o.0 as usize] = qualified(p, *o);
        }
        self.targets.clear();
        check_targets(p, &mut self.targets);
        self.graph = Graph::build(p);
        self.cycles.clear();
        report_cycles(p, &self.graph, &mut self.cycles);
    }

    /// Checks again after the targets changed, and nothing else since the last check: each
    /// asset against the targets, the targets' organisations and waivers, the criteria
    /// scored. Refs do not depend on the targets: they, the graph and its cycles are kept.
    pub fn retarget(&mut self, p: &mut Project) {
        if self.refs.len() != p.assets.len() || self.graph.node_count() != p.assets.len() {
            *self = Checks::new(p);
            return;
        }
        self.fields = check_fields(p, 0..p.assets.len() as u32);
        self.targets.clear();
        check_targets(p, &mut self.targets);
        self.assessments.clear();
        check_assessments(p, &mut self.assessments);
    }

    /// Every finding, in the order [`validate`] reports them.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.refs
            .iter()
            .flatten()
            .chain(self.fields.iter().flatten())
            .chain(&self.targets)
            .chain(&self.assessments)
            .chain(&self.cycles)
    }

    fn into_diagnostics(self) -> impl Iterator<Item = Diagnostic> {
        self.refs
            .into_iter()
            .flatten()
            .chain(self.fields.into_iter().flatten())
            .chain(self.targets)
            .chain(self.assessments)
            .chain(self.cycles)
    }

    /// The dependency graph of the project as last checked.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }
}

/// The assets of organisation `o` with a ref that names an organisation, by place among its
/// assets.
fn qualified(p: &Project, o: OrgIdx) -> Vec<u32> {
    p.org_assets(o)
        .iter()
        .enumerate()
        .filter(|(_, a)| a.refs().any(|r| r.org.is_some()))
        .map(|(k, _)| k as u32)
        .collect()
}

/// Resolves the refs of the assets in `range` (in parallel) and returns the findings about
/// each.
fn resolve(p: &mut Project, range: Range<u32>) -> Vec<Vec<Diagnostic>> {
    let found: Vec<(Vec<Option<AssetIdx>>, Vec<Diagnostic>)> = {
        let p: &Project = p;
        (range.start as usize..range.end as usize)
            .into_par_iter()
            .map(|ai| resolve_one(p, ai))
            .collect()
    };
    let mut out = Vec::with_capacity(found.len());
    for (ai, (res, d)) in (range.start as usize..).zip(found) {
        apply(&mut p.assets[ai], &res);
        out.push(d);
    }
    out
}

/// Sets what each ref of `a` names (its site first, then `depends_on` in order).
fn apply(a: &mut crate::model::Asset, res: &[Option<AssetIdx>]) {
    for (r, t) in a.site.iter_mut().chain(a.depends_on.iter_mut()).zip(res) {
        r.resolved = *t;
    }
}

/// The findings against the targets of each asset in `range`.
fn check_fields(p: &Project, range: Range<u32>) -> Vec<Vec<Diagnostic>> {
    let all_components: Vec<&str> = p
        .targets
        .iter()
        .flat_map(|t| t.components.iter().map(|c| c.id.as_str()))
        .collect();
    (range.start as usize..range.end as usize)
        .into_par_iter()
        .map(|ai| {
            let mut d = Vec::new();
            check_asset(p, &p.assets[ai], &all_components, &mut d);
            d
        })
        .collect()
}

/// (v1.2) The same criterion ids across targets make one decision table: a criterion scored
/// in one target but not in another that has an `assessment` is a warning at its id, naming
/// the closest id those other targets use instead (a typo splits a row of the table in two).
fn check_assessments(p: &Project, diags: &mut Vec<Diagnostic>) {
    let scored: Vec<&crate::model::Target> = p
        .targets
        .iter()
        .filter(|t| !t.assessment.is_empty())
        .collect();
    for t in &scored {
        let own = |id: &str| t.assessment.iter().any(|c| c.id.value == id);
        for c in &t.assessment {
            let lacking: Vec<&str> = scored
                .iter()
                .filter(|u| u.id != t.id && !u.assessment.iter().any(|x| x.id.value == c.id.value))
                .map(|u| u.id.as_str())
                .collect();
            if lacking.is_empty() {
                continue;
            }
            // Ids the other targets use that this one does not: what `c` may have meant.
            let mut elsewhere: Vec<(&str, &str)> = scored
                .iter()
                .filter(|u| u.id != t.id)
                .flat_map(|u| {
                    u.assessment
                        .iter()
                        .map(|x| (x.id.value.as_str(), u.id.as_str()))
                })
                .filter(|(id, _)| !own(id))
                .collect();
            elsewhere.sort_unstable();
            elsewhere.dedup_by_key(|(id, _)| *id);
            let hint = diag::closest(&c.id.value, elsewhere.iter().map(|(id, _)| *id))
                .map(|close| {
                    let users: Vec<&str> = scored
                        .iter()
                        .filter(|u| u.assessment.iter().any(|x| x.id.value == close))
                        .map(|u| u.id.as_str())
                        .collect();
                    format!("did you mean `{close}`? (scored in {})", users.join(", "))
                })
                .or_else(|| {
                    Some(format!(
                        "score it in {} too, or the decision table shows a gap there",
                        lacking
                            .iter()
                            .map(|u| format!("`{u}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                });
            diags.push(
                Diagnostic::warning(
                    "criterion-not-shared",
                    p.file(c.id.loc.file),
                    Some(c.id.loc.pos),
                    format!(
                        "criterion `{}` is scored in target `{}` but not in {}",
                        c.id.value,
                        t.id,
                        lacking
                            .iter()
                            .map(|u| format!("`{u}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .with_hint(hint)
                .with_arg("criterion", Arg::Text(c.id.value.clone()))
                .with_arg("target", Arg::Target(t.id.clone()))
                .with_arg(
                    "targets",
                    Arg::Targets(lacking.iter().map(|u| u.to_string()).collect()),
                ),
            );
        }
    }
}

/// What each ref of asset `ai` names (`None`: nothing), and the findings about them.
fn resolve_one(p: &Project, ai: usize) -> (Vec<Option<AssetIdx>>, Vec<Diagnostic>) {
    let a = &p.assets[ai];
    let mut resolutions = Vec::with_capacity(a.depends_on.len() + 1);
    let mut diags = Vec::new();
    let own_org = &p.org(a.org).id;
    for (ri, r) in a.refs().enumerate() {
        let org = r.org.as_deref().unwrap_or(own_org);
        let found = p.find_asset(org, &r.id);
        let file = p.file(r.loc.file);
        match found {
            None => {
                let d = match p.org_by_id(org) {
                    None => Diagnostic::error(
                        "dangling-ref",
                        file,
                        Some(r.loc.pos),
                        format!("`{r}` names organisation `{org}`, which has no inventory"),
                    )
                    .with_hint(diag::did_you_mean(
                        org,
                        p.orgs.iter().map(|o| o.id.as_str()),
                    )),
                    Some(o) => {
                        let ids = p.org_assets(o).iter().map(|x| x.id.as_str());
                        let hint = diag::did_you_mean(&r.id, ids).map(|h| match &r.org {
                            Some(_) => h.replacen('`', &format!("`{org}/"), 1),
                            None => h,
                        });
                        let field = if ri == 0 && a.site.is_some() {
                            "site"
                        } else {
                            "depends_on"
                        };
                        Diagnostic::error(
                            "dangling-ref",
                            file,
                            Some(r.loc.pos),
                            format!(
                                "`{field}` names `{r}`, but `{org}` has no asset with id `{}`",
                                r.id
                            ),
                        )
                        .with_hint(hint)
                    }
                };
                // An organisation with an unreadable file may well hold the asset: its
                // file's error is the one to fix, and a ref error per ref into it would
                // bury that error.
                if !p.org_by_id(org).is_some_and(|o| p.org(o).unread) {
                    diags.push(d);
                }
                // Validating again (an editor's project, after an edit) forgets what the
                // ref named before.
                resolutions.push(None);
            }
            Some(t) if ri == 0 && a.site.is_some() && p.asset(t).layer != Layer::Sites => {
                let target = p.asset(t);
                diags.push(
                        Diagnostic::error(
                            "site-not-a-site",
                            file,
                            Some(r.loc.pos),
                            format!("`site` must name a site, but `{r}` is in `{}` ({})", target.layer, target.kind),
                        )
                        .with_hint(Some("name it under `depends_on` instead, or point `site` at an entry of `sites`".into())),
                    );
                // Still a dependency: keep the edge so the graph stays truthful.
                resolutions.push(Some(t));
            }
            Some(t) => resolutions.push(Some(t)),
        }
    }
    (resolutions, diags)
}

/// Asset `a` against the targets: its SLA level in each target in scope that names levels,
/// and its `realizes` among `all_components` (every target's).
fn check_asset(
    p: &Project,
    a: &crate::model::Asset,
    all_components: &[&str],
    diags: &mut Vec<Diagnostic>,
) {
    let org = &p.org(a.org).id;
    if let Some(sla) = &a.sla {
        for t in p
            .targets
            .iter()
            .filter(|t| t.in_scope(org) && !t.sla_levels.is_empty())
        {
            if t.sla_rank(sla).is_none() {
                diags.push(
                    Diagnostic::error(
                        "unknown-sla",
                        p.file(sla.loc.file),
                        Some(sla.loc.pos),
                        format!(
                            "SLA level `{}` is not one of the `sla_levels` of target `{}`",
                            sla.value, t.id
                        ),
                    )
                    .with_hint(
                        diag::did_you_mean(sla, t.sla_levels.iter().map(String::as_str))
                            .or_else(|| Some(format!("levels: {}", t.sla_levels.join(", ")))),
                    ),
                );
            }
        }
    }
    if let Some(r) = &a.realizes
        && !p.targets.is_empty()
        && !all_components.contains(&r.value.as_str())
    {
        diags.push(
            Diagnostic::warning(
                "unknown-component",
                p.file(r.loc.file),
                Some(r.loc.pos),
                format!(
                    "`realizes` names `{}`, which is not a component of any target",
                    r.value
                ),
            )
            .with_hint(diag::did_you_mean(r, all_components.iter().copied()))
            .with_arg("asset", Arg::Asset(p.org(a.org).id.clone(), a.id.clone()))
            .with_arg("component", Arg::Text(r.value.clone())),
        );
    }
}

/// The targets' organisations and waivers: each must name an organisation with an
/// inventory, and a waiver's asset one of that organisation's.
fn check_targets(p: &Project, diags: &mut Vec<Diagnostic>) {
    let org_ids = || p.orgs.iter().map(|o| o.id.as_str());
    for t in &p.targets {
        let file = p.file(t.file);
        for o in t.organisations.iter().flatten() {
            if p.org_by_id(o).is_none() {
                diags.push(
                    Diagnostic::warning(
                        "org-without-inventory",
                        file,
                        Some(o.loc.pos),
                        format!(
                            "target `{}` includes organisation `{}`, which has no inventory",
                            t.id, o.value
                        ),
                    )
                    .with_hint(
                        diag::did_you_mean(o, org_ids())
                            .or_else(|| Some(format!("add a folder `inventory/{}/`", o.value))),
                    )
                    .with_arg("org", Arg::Org(o.value.clone()))
                    .with_arg("target", Arg::Target(t.id.clone())),
                );
            }
        }
        for w in &t.waivers {
            match p.org_by_id(&w.org) {
                None => diags.push(
                    Diagnostic::warning(
                        "unknown-org",
                        file,
                        Some(w.loc.pos),
                        format!(
                            "the waiver names organisation `{}`, which has no inventory",
                            w.org
                        ),
                    )
                    .with_hint(diag::did_you_mean(&w.org, org_ids()))
                    .with_arg("org", Arg::Text(w.org.clone()))
                    .with_arg("target", Arg::Target(t.id.clone())),
                ),
                Some(oi) => {
                    if let Some(asset) = &w.asset
                        && p.find_asset(&w.org, asset).is_none()
                        && !p.org(oi).unread
                    {
                        diags.push(
                            Diagnostic::warning(
                                "unknown-asset",
                                file,
                                Some(w.loc.pos),
                                format!(
                                    "the waiver names asset `{}/{asset}`, which does not exist",
                                    w.org
                                ),
                            )
                            .with_hint(diag::did_you_mean(
                                asset,
                                p.org_assets(oi).iter().map(|a| a.id.as_str()),
                            ))
                            .with_arg("org", Arg::Org(w.org.clone()))
                            .with_arg("asset", Arg::Text(asset.clone()))
                            .with_arg("target", Arg::Target(t.id.clone())),
                        );
                    }
                }
            }
        }
    }
}

fn report_cycles(p: &Project, g: &Graph, diags: &mut Vec<Diagnostic>) {
    for cycle in g.cycles() {
        let first = p.asset(cycle[0]);
        let names: Vec<String> = g
            .cycle_path(&cycle)
            .iter()
            .map(|&i| p.asset_ref(i))
            .collect();
        diags.push(
            Diagnostic::warning(
                "dependency-cycle",
                p.file(first.loc.file),
                Some(first.loc.pos),
                if cycle.len() > names.len() {
                    format!(
                        "dependency cycle: {} → {} (the cycle joins {} assets)",
                        names.join(" → "),
                        names[0],
                        cycle.len()
                    )
                } else {
                    format!("dependency cycle: {} → {}", names.join(" → "), names[0])
                },
            )
            .with_hint(Some(
                "the planner moves these assets together, as one move group in one wave".into(),
            ))
            .with_arg(
                "assets",
                Arg::Assets(
                    g.cycle_path(&cycle)
                        .iter()
                        .map(|&i| (p.org(p.asset(i).org).id.clone(), p.asset(i).id.clone()))
                        .collect(),
                ),
            )
            .with_arg("n", Arg::Count(cycle.len())),
        );
    }
}
