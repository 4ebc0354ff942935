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
use super::org::{OrgPage, org_page};
use super::overview::{Overview, overview};
use super::quality::{self, QualityPage};
use super::rows::{GapRow, Links, OrgLink, Src};
use super::scenario::{Scenario, scenario};
use super::since::SincePage;
use super::waves::{WavesPage, page as waves_page};
use crate::diag::Diagnostic;
use crate::model::{Date, Layer, OrgIdx};
use crate::study::Study;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::ops::Range;

/// Options that change links and order (not facts).
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Web address of the repository's files: sources link to `URL/file#Lline`.
    pub repo_url: Option<String>,
    /// The language the lists are sorted for ([`super::collate`]): Swedish puts Å, Ä, Ö
    /// after Z. The words themselves are chosen when the pages are rendered.
    pub lang: Lang,
}

/// The whole report. The organisations' pages (and the data-quality lists) are built when
/// they are rendered or serialized, one at a time, so their rows are never all in memory.
#[derive(Serialize)]
pub struct Site<'a> {
    pub generator: String,
    pub as_of: Date,
    pub target: TargetInfo,
    pub overview: Overview,
    pub orgs: OrgPages<'a>,
    pub components: Vec<ComponentPage>,
    /// `None` when the target has no `plan`.
    pub waves: Option<WavesPage<'a>>,
    /// Every target side by side; empty when the project has only one.
    pub scenarios: Vec<Scenario>,
    pub warnings: Vec<Warning>,
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

/// The organisations' pages, built one at a time: when a page is rendered, and when
/// `report.json` is written (serialized as the list of every [`OrgPage`]).
pub struct OrgPages<'a> {
    /// One per organisation, by name.
    pub entries: Vec<OrgEntry>,
    study: &'a Study<'a>,
    repo: Option<String>,
    lang: Lang,
}

/// What the site keeps of an organisation until its page is built.
#[derive(Clone)]
pub struct OrgEntry {
    pub link: OrgLink,
    pub org: OrgIdx,
    /// Its gaps: a run of the analysis' gaps (ordered by org first, docs/format.md §4).
    pub gaps: Range<usize>,
    pub assets: usize,
}

impl<'a> OrgPages<'a> {
    fn new(links: Links<'_>, study: &'a Study<'a>) -> OrgPages<'a> {
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
        }
    }

    fn links(&self) -> Links<'_> {
        Links {
            p: self.study.project,
            repo: self.repo.as_deref(),
            lang: self.lang,
        }
    }

    /// The page of organisation `e` (one of `entries`).
    pub fn page(&self, e: &OrgEntry) -> OrgPage {
        let (t, a) = (self.study.target, &self.study.gaps);
        let gaps = &a.gaps[e.gaps.clone()];
        let links = self.links();
        let rows: Vec<GapRow> = gaps.iter().map(|g| GapRow::new(&links, t, g)).collect();
        org_page(&links, self.study.graph, e.org, gaps, &rows)
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
    /// The layers as translation keys, for sentences.
    pub layer_names: Vec<Value>,
    pub src: Src,
}

/// A warning shown to the reader: its code (see [`crate::codes`], translated as a title)
/// and the message.
#[derive(Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
    pub src: Option<Src>,
}

/// A diagnostic of the run (loading, analysis) as the report shows it.
pub fn warning(d: &Diagnostic, repo_url: Option<&str>) -> Warning {
    Warning {
        code: d.code,
        message: d.message.clone(),
        src: Some(Src::new(&d.file, d.pos.map(|p| p.line), repo_url)),
    }
}

/// Builds the report for `studies[primary]`, comparing every study when there are several.
/// `load_warnings` are the warnings of loading the project (all studies share it).
pub fn build<'a>(
    studies: &'a [Study<'a>],
    primary: usize,
    load_warnings: &[Diagnostic],
    opts: &BuildOptions,
) -> Site<'a> {
    let study = &studies[primary];
    let (p, t, a) = (study.project, study.target, &study.gaps);
    let links = Links {
        p,
        repo: opts.repo_url.as_deref(),
        lang: opts.lang,
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
        layer_names: layers
            .iter()
            .map(|l| json!({ "key": format!("layer.{l}") }))
            .collect(),
        layers: layers.into_iter().collect(),
        src: links.src(p.file(t.file), Some(t.loc.pos.line)),
    };

    let orgs = OrgPages::new(links, study);
    let mut components: Vec<ComponentPage> = t
        .components
        .par_iter()
        .map(|c| component_page(&links, t, a, c))
        .collect();
    links.sort_by_name(&mut components, |c| &c.name);
    let overview = overview(&links, study);
    let waves = study
        .plan
        .as_ref()
        .map(|plan| waves_page(&links, study, plan));
    let scenarios = if studies.len() > 1 {
        studies
            .iter()
            .enumerate()
            .map(|(i, s)| scenario(&links, s, i == primary))
            .collect()
    } else {
        Vec::new()
    };
    let mut warnings: Vec<Warning> = a.warnings.iter().map(|d| warning(d, links.repo)).collect();
    if let Some(w) = &waves {
        warnings.extend(w.warnings.iter().map(|w| Warning {
            code: w.kind,
            message: w.message.clone(),
            src: w.src.clone(),
        }));
    }
    warnings.extend(load_warnings.iter().map(|d| warning(d, links.repo)));
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
        costs: costs::page(&links, study),
        quality: quality::page(&links, p, &a.orgs),
        halls: study
            .plan
            .as_ref()
            .and_then(|plan| halls::page(&links, t, plan)),
        contracts: study
            .plan
            .as_ref()
            .and_then(|plan| contracts::page(&links, t, plan, study.as_of)),
        since: None,
        decision: (studies.len() > 1)
            .then(|| decision(&links, studies, primary))
            .flatten(),
    }
}
