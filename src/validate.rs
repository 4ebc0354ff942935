//! Checks that need the whole project: references between assets (inside and across orgs),
//! `site` refs that must name sites, SLA names against the targets, target scopes, and
//! dependency cycles (a warning: real estates have them; the planner handles them).
//!
//! Resolves every [`Ref`](crate::model::Ref) in place, so that validating a project again
//! after a change gives what a fresh load would. Reports; never removes anything.

use crate::diag::{self, Arg, Diagnostic};
use crate::model::{AssetIdx, Layer, Project};

pub fn validate(p: &mut Project, diags: &mut Vec<Diagnostic>) {
    resolve_refs(p, diags);
    check_against_targets(p, diags);
    check_assessments(p, diags);
    report_cycles(p, diags);
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

fn resolve_refs(p: &mut Project, diags: &mut Vec<Diagnostic>) {
    let mut resolutions: Vec<(usize, usize, Option<AssetIdx>)> = Vec::new();
    for (ai, a) in p.assets.iter().enumerate() {
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
                    diags.push(d);
                    // Validating again (an editor's project, after an edit) forgets what the
                    // ref named before.
                    resolutions.push((ai, ri, None));
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
                    resolutions.push((ai, ri, Some(t)));
                }
                Some(t) => resolutions.push((ai, ri, Some(t))),
            }
        }
    }
    for (ai, ri, t) in resolutions {
        let a = &mut p.assets[ai];
        let r = if a.site.is_some() {
            if ri == 0 {
                a.site.as_mut()
            } else {
                a.depends_on.get_mut(ri - 1)
            }
        } else {
            a.depends_on.get_mut(ri)
        };
        if let Some(r) = r {
            r.resolved = t;
        }
    }
}

fn check_against_targets(p: &Project, diags: &mut Vec<Diagnostic>) {
    let all_components: Vec<&str> = p
        .targets
        .iter()
        .flat_map(|t| t.components.iter().map(|c| c.id.as_str()))
        .collect();
    for a in &p.assets {
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

fn report_cycles(p: &Project, diags: &mut Vec<Diagnostic>) {
    let g = crate::graph::Graph::build(p);
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
