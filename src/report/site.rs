//! The whole report as data ([`Site`], also written as `report.json`), built from the
//! studies of a project: every page's facts, in plain serializable structs.
//!
//! [`build`] turns the library's typed values (each [`Study`]'s gap analysis and plan, the
//! run's warnings) into the pages' data by calling one page builder per page. Pages are
//! views of this value, so the HTML cannot disagree with the JSON outputs: totals are sums
//! of the same gaps `samdrift gaps` prints, and each gap's words come from its finding. This
//! module decides what the site holds; it never formats words or numbers (see `i18n`) and
//! never writes markup (see the templates).

use super::component::{ComponentPage, component_page};
use super::contracts::{self, ContractsPage};
use super::costs::{self, CostsPage};
use super::decision::{Decision, decision};
use super::halls::{self, HallsPage};
use super::i18n::Lang;
use super::items::{ItemRef, PlanIndex};
use super::org::{OrgPage, org_page};
use super::overview::{Overview, overview};
use super::quality::{self, QualityPage};
use super::rows::{GapRow, Links, OrgLink, Src};
use super::scenario::{Scenario, scenario};
use super::sentence::{self, Sentence};
use super::since::SincePage;
use super::waves::{ItemSource, WavesPage, page as waves_page};
use crate::diag::Diagnostic;
use crate::model::{Date, Layer, OrgIdx, Target};
use crate::study::Study;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Warnings listed per kind; the rest of a kind are counted, with where to find them (the
/// waves page keeps every plan warning in `report.json`).
pub const MAX_WARNINGS: usize = 200;

/// Options that change links and order (not facts).
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Web address of the repository's files: sources link to `URL/file#Lline`.
    pub repo_url: Option<String>,
    /// The language the lists are sorted for ([`super::collate`]): Swedish puts Å, Ä, Ö
    /// after Z. The words themselves are chosen when the pages are rendered.
    pub lang: Lang,
}

/// The whole report.
#[derive(Serialize)]
pub struct Site<'a> {
    pub generator: String,
    pub as_of: Date,
    pub target: TargetInfo,
    pub overview: Overview,
    /// Built one at a time, when rendered or serialized.
    pub orgs: OrgPages<'a>,
    pub components: Vec<ComponentPage>,
    /// `None` when the target has no `plan`.
    pub waves: Option<WavesPage<'a>>,
    /// Every target side by side; empty when the project has only one.
    pub scenarios: Vec<Scenario>,
    /// Every warning of the run, grouped by code.
    pub warnings: Vec<WarningGroup>,
    /// Yearly and one-off costs (the study's [`crate::costs::Costs`]).
    pub costs: CostsPage,
    /// The study's decision table, when the project has several targets.
    pub decision: Option<Decision>,
    /// What the inventory lacks, per organisation.
    pub quality: QualityPage<'a>,
    /// How the components with a capacity fill over the waves; `None` without a plan or
    /// without such components.
    pub halls: Option<HallsPage>,
    /// Notice dates of the contracts of assets the plan takes out of use.
    pub contracts: Option<ContractsPage>,
    /// What changed since a revision (`report --since REV`); set by the caller after
    /// [`build`], which does not know the revision.
    pub since: Option<SincePage>,
}

/// The organisations' pages, built one at a time (when a page is rendered, and when
/// `report.json` is written), so that the rows of every organisation are never in memory
/// together.
pub struct OrgPages<'a> {
    /// One per organisation, by name.
    pub entries: Vec<OrgEntry>,
    study: &'a Study<'a>,
    repo: Option<String>,
    lang: Lang,
    order: Vec<u32>,
    /// Per gap of the analysis: the wave and row link of the plan item that closes it.
    planned: Vec<Planned>,
}

/// The wave and row link of the plan item that closes a gap; `None` when none does.
pub type Planned = Option<(Option<u32>, Option<String>)>;

/// The row of gap `g`, with the wave of the item that closes it.
fn gap_row(links: &Links, t: &Target, g: &crate::gaps::Gap, planned: &Planned) -> GapRow {
    let mut r = GapRow::new(links, t, g);
    if let Some((wave, href)) = planned {
        r.wave = *wave;
        r.item_href = href.clone();
        r.planned = true;
    }
    r
}

/// What the site keeps of an organisation until its pages are built.
#[derive(Clone)]
pub struct OrgEntry {
    pub link: OrgLink,
    pub org: OrgIdx,
    /// Its gaps: a run of the analysis' gaps (ordered by org first, docs/format.md §4).
    pub gaps: std::ops::Range<usize>,
    pub assets: usize,
}

impl<'a> OrgPages<'a> {
    fn new(links: &Links, study: &'a Study<'a>, planned: Vec<Planned>) -> OrgPages<'a> {
        let a = &study.gaps;
        let mut entries: Vec<OrgEntry> = a
            .orgs
            .iter()
            .map(|&o| OrgEntry {
                link: links.org_link(o),
                org: o,
                gaps: a.gaps.partition_point(|g| g.org_idx < o)
                    ..a.gaps.partition_point(|g| g.org_idx <= o),
                assets: links.p.org(o).assets.len(),
            })
            .collect();
        links.sort_by_name(&mut entries, |e| &e.link.name);
        OrgPages {
            entries,
            study,
            repo: links.repo.map(str::to_string),
            lang: links.lang,
            order: links.order.to_vec(),
            planned,
        }
    }

    /// The page of organisation `e` (one of `entries`).
    pub fn page(&self, e: &OrgEntry) -> OrgPage {
        let (p, t, a) = (self.study.project, self.study.target, &self.study.gaps);
        let links = Links {
            p,
            repo: self.repo.as_deref(),
            lang: self.lang,
            order: &self.order,
        };
        let gaps = &a.gaps[e.gaps.clone()];
        let rows: Vec<GapRow> = gaps
            .iter()
            .zip(&self.planned[e.gaps.clone()])
            .map(|(g, planned)| gap_row(&links, t, g, planned))
            .collect();
        let id = &p.org(e.org).id;
        let mut page = org_page(
            &links,
            t,
            self.study.graph,
            e.org,
            gaps,
            rows,
            self.study.costs.orgs.iter().find(|c| c.org == *id),
        );
        if let Some(plan) = &self.study.plan {
            for w in page.waves.iter_mut() {
                if let Some(pw) = plan.waves.iter().find(|x| x.number == w.number) {
                    w.start = Some(pw.start);
                    w.end = Some(pw.end);
                }
            }
        }
        page
    }

    /// Every page, built now (for tests).
    pub fn pages(&self) -> Vec<OrgPage> {
        self.entries.iter().map(|e| self.page(e)).collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Serialize for OrgPages<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.entries.len()))?;
        for e in &self.entries {
            seq.serialize_element(&self.page(e))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
pub struct TargetInfo {
    pub id: String,
    pub name: String,
    pub horizon: Date,
    pub currency: String,
    pub hourly_rate: f64,
    pub organisations: Vec<OrgLink>,
    pub components: usize,
    pub rules: usize,
    pub waivers: usize,
    pub layers: Vec<Layer>,
    /// The layers as words for a sentence (`layerword.<layer>`, joined: "A, B och C").
    pub layer_names: Value,
    pub src: Src,
}

/// A warning shown to the reader, in the reader's words: its code (see [`crate::codes`],
/// translated as its group's title), what it is about and the sentence.
#[derive(Serialize)]
pub struct Warning {
    pub code: &'static str,
    /// What it is about, by name: a plan item (linked to its row), or nothing when the
    /// sentence names it.
    pub item: Option<ItemRef>,
    pub text: Sentence,
    /// The English message, as the command line prints it.
    pub message: String,
    pub src: Option<Src>,
}

/// The warnings of one code.
#[derive(Serialize)]
pub struct WarningGroup {
    pub code: &'static str,
    pub count: usize,
    pub warnings: Vec<Warning>,
}

/// A diagnostic of the run (loading, analysis) as the report shows it.
pub fn warning(d: &Diagnostic, links: &Links, t: &Target) -> Warning {
    Warning {
        code: d.code,
        item: None,
        text: sentence::diagnostic(d, links.p, t),
        message: d.message.clone(),
        src: Some(links.src(&d.file, d.pos.map(|p| p.line))),
    }
}

/// The order of warning codes on the overview: what stops or delays the plan, then what
/// changes the figures (waivers, components), then what is wrong in the files.
fn code_rank(code: &str) -> usize {
    const ORDER: &[&str] = &[
        "unplaceable",
        "stranded",
        "late",
        "late-avoidable",
        "renewed",
        "oversize",
        "freeze-dropped",
        "expired-waiver",
        "org-without-inventory",
        "dependency-cycle",
        "unused-component",
        "unused-waiver",
        "unknown-org",
        "unknown-asset",
        "unknown-component",
        "criterion-not-shared",
        "symlink",
    ];
    ORDER.iter().position(|c| *c == code).unwrap_or(ORDER.len())
}

/// Groups `warnings` by code, weightiest code first; within a group the order given is
/// kept. Every warning is kept.
fn group(warnings: Vec<Warning>) -> Vec<WarningGroup> {
    let mut groups: BTreeMap<(usize, &'static str), Vec<Warning>> = BTreeMap::new();
    for w in warnings {
        groups
            .entry((code_rank(w.code), w.code))
            .or_default()
            .push(w);
    }
    groups
        .into_iter()
        .map(|((_, code), warnings)| WarningGroup {
            code,
            count: warnings.len(),
            warnings,
        })
        .collect()
}

/// Builds the report for `studies[primary]`, comparing every study when there are several.
/// `load_warnings` are the warnings of loading the project (all studies share it).
pub fn build<'a>(
    studies: &'a [Study<'a>],
    primary: usize,
    load_warnings: &[Diagnostic],
    opts: &BuildOptions,
) -> Site<'a> {
    let order = Links::asset_order(studies[primary].project, opts.lang);
    build_ordered(studies, primary, load_warnings, opts, &order)
}

/// [`build`] with the asset lists' order already made (`Links::asset_order` of the
/// project in `opts.lang`), so that a caller can make it while the studies are made.
pub fn build_ordered<'a>(
    studies: &'a [Study<'a>],
    primary: usize,
    load_warnings: &[Diagnostic],
    opts: &BuildOptions,
    order: &[u32],
) -> Site<'a> {
    let study = &studies[primary];
    let (p, t, a) = (study.project, study.target, &study.gaps);
    let links = Links {
        p,
        repo: opts.repo_url.as_deref(),
        lang: opts.lang,
        order,
    };
    // The pages' builders below read the studies and write only their own page, so the
    // plan's pages (the plan index first) and the other pages are built side by side.
    let plan = study.plan.as_ref();
    let (main, (costs, quality, halls, contracts)) = rayon::join(
        || plan_pages(studies, primary, load_warnings, &links),
        || {
            let ((costs, quality), (halls, contracts)) = rayon::join(
                || {
                    rayon::join(
                        || costs::page(&links, study),
                        || quality::page(&links, p, &a.orgs),
                    )
                },
                || {
                    rayon::join(
                        || plan.and_then(|plan| halls::page(&links, t, plan)),
                        || plan.and_then(|plan| contracts::page(&links, t, plan, study.as_of)),
                    )
                },
            );
            (costs, quality, halls, contracts)
        },
    );
    let (overview, orgs, components, waves, warnings) = main;
    let scenarios = if studies.len() > 1 {
        studies
            .iter()
            .enumerate()
            .map(|(i, s)| scenario(&links, s, i == primary))
            .collect()
    } else {
        Vec::new()
    };
    let mut layers: BTreeSet<Layer> = t.components.iter().map(|c| c.layer).collect();
    layers.extend(t.rules.iter().filter_map(|r| r.select.layer));
    let target = TargetInfo {
        id: t.id.clone(),
        name: t.name.clone(),
        horizon: t.horizon,
        currency: t.currency.clone(),
        hourly_rate: t.hourly_rate.get(),
        organisations: {
            let mut v: Vec<OrgLink> = a.orgs.iter().map(|&o| links.org_link(o)).collect();
            links.sort_by_name(&mut v, |o| &o.name);
            v
        },
        components: t.components.len(),
        rules: t.rules.len(),
        waivers: t.waivers.len(),
        layer_names: sentence::all(
            layers
                .iter()
                .map(|l| json!({ "key": format!("layerword.{l}") }))
                .collect(),
        ),
        layers: layers.into_iter().collect(),
        src: links.src(p.file(t.file), Some(t.loc.pos.line)),
    };

    Site {
        generator: format!("samdrift {}", env!("CARGO_PKG_VERSION")),
        as_of: study.as_of,
        target,
        overview,
        orgs,
        components,
        waves,
        scenarios,
        warnings,
        costs,
        quality,
        halls,
        contracts,
        since: None,
        decision: (studies.len() > 1)
            .then(|| decision(&links, studies, primary))
            .flatten(),
    }
}

/// The pages [`build_ordered`] makes from the plan index: the overview, the organisations'
/// and components' pages, the waves page, and the warnings (the plan's first ones of each
/// kind and every warning of loading and of the analysis).
fn plan_pages<'a>(
    studies: &'a [Study<'a>],
    primary: usize,
    load_warnings: &[Diagnostic],
    links: &Links,
) -> (
    Overview,
    OrgPages<'a>,
    Vec<ComponentPage>,
    Option<WavesPage<'a>>,
    Vec<WarningGroup>,
) {
    let study = &studies[primary];
    let (p, t, a) = (study.project, study.target, &study.gaps);
    let items = study.plan.as_ref().map(|plan| {
        let idx = PlanIndex::new(p, t, plan, &a.gaps);
        std::sync::Arc::new(ItemSource::new(idx, links, t, &a.gaps))
    });
    let idx = items.as_deref().map(|s| &s.idx);
    // Each gap row says when its item is done.
    let mut planned: Vec<Planned> = vec![None; a.gaps.len()];
    if let Some(idx) = idx {
        for (i, it) in idx.plan.items.iter().enumerate() {
            let r = idx.item_ref(crate::waves::ItemIdx(i as u32));
            for &gi in &it.gaps {
                if let Some(p) = planned.get_mut(gi) {
                    *p = Some((r.wave, r.href.clone()));
                }
            }
        }
    }

    let (overview, (components, waves)) = rayon::join(
        || {
            overview(
                links,
                studies,
                primary,
                |i| gap_row(links, t, &a.gaps[i], &planned[i]),
                idx,
            )
        },
        || {
            rayon::join(
                || {
                    let mut components: Vec<ComponentPage> = t
                        .components
                        .par_iter()
                        .map(|c| component_page(links, t, a, c))
                        .collect();
                    links.sort_by_name(&mut components, |c| &c.name);
                    components
                },
                || {
                    items
                        .as_ref()
                        .map(|src| waves_page(src, links, t, &a.gaps, study.as_of))
                },
            )
        },
    );
    let orgs = OrgPages::new(links, study, planned);
    let mut warnings: Vec<Warning> = Vec::new();
    let mut plan_counts: Vec<(&'static str, usize)> = Vec::new();
    if let Some(w) = &waves {
        // The summary shows a few of each plan warning and the waves page all of them: the
        // site keeps the first ones of each kind here, and the count.
        for g in &w.warnings {
            plan_counts.push((g.kind, g.count));
            warnings.extend(g.warnings.iter().take(MAX_WARNINGS).map(|w| Warning {
                code: w.kind,
                item: Some(w.item),
                text: w.text,
                message: w.message,
                src: w.src,
            }));
        }
    }
    // Loading and the analysis may both warn of one thing at one place (an organisation of
    // the target without inventory): it is shown once.
    let mut seen = std::collections::HashSet::new();
    for d in load_warnings.iter().chain(&a.warnings) {
        if seen.insert((d.code, d.file.as_str(), d.pos)) {
            warnings.push(warning(d, links, t));
        }
    }
    let mut warnings = group(warnings);
    for g in &mut warnings {
        if let Some(&(_, n)) = plan_counts.iter().find(|(k, _)| *k == g.code) {
            g.count = n;
        }
    }
    (overview, orgs, components, waves, warnings)
}
