//! The report's data model: every fact the pages show, computed once from the project, the
//! gap analyses and the wave plans, in plain serializable structs.
//!
//! Pages are views of this value (and `report.json` is this value), so the HTML cannot
//! disagree with the JSON outputs: totals are sums of the same gaps `samdrift gaps` prints.
//! This module decides what is shown and in which order; it never formats words or numbers
//! (see `i18n`) and never writes markup (see the templates).

use super::diagram::{self, Diagram};
use super::plan::{self, WavesPage};
use crate::diag::Diagnostic;
use crate::gaps::{Analysis, Gap, GapKind};
use crate::graph::Graph;
use crate::model::{
    Asset, AssetIdx, Date, DateOrHorizon, Expectation, Layer, OrgIdx, Project, Severity, Target,
};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Rows of an asset or gap list per HTML page; longer lists continue on further pages.
pub const ROWS_PER_PAGE: usize = 1000;
/// Most gaps listed as the most severe on the overview.
pub const TOP_GAPS: usize = 12;

/// One target with what was computed for it.
pub struct Study<'a> {
    pub target: &'a Target,
    pub analysis: Analysis,
    pub plan: Option<plan::Planned>,
}

/// Options that change facts or links (not the language).
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The date waivers are judged at.
    pub as_of: Date,
    /// Web address of the repository's files: sources link to `URL/file#Lline`.
    pub repo_url: Option<String>,
}

/// Where a fact was written: `file:line`, and a web link when a repository URL is known.
#[derive(Clone, Debug, Serialize)]
pub struct Src {
    pub file: String,
    pub line: Option<u32>,
    pub url: Option<String>,
}

impl Src {
    pub fn new(file: &str, line: Option<u32>, repo_url: Option<&str>) -> Src {
        let url = repo_url.map(|base| {
            let mut u = format!("{}/{}", base.trim_end_matches('/'), encode_path(file));
            if let Some(l) = line {
                u.push_str(&format!("#L{l}"));
            }
            u
        });
        Src {
            file: file.to_string(),
            line,
            url,
        }
    }
}

/// Percent-encodes a relative path for a URL, keeping `/` and unreserved characters.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The whole report.
#[derive(Serialize)]
pub struct Site {
    pub generator: String,
    pub as_of: Date,
    pub target: TargetInfo,
    pub overview: Overview,
    pub orgs: Vec<OrgPage>,
    pub components: Vec<ComponentPage>,
    /// `None` when the target has no `plan`.
    pub waves: Option<WavesPage>,
    /// Every target side by side; empty when the project has only one.
    pub scenarios: Vec<Scenario>,
    pub warnings: Vec<Warning>,
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

#[derive(Clone, Serialize)]
pub struct OrgLink {
    pub id: String,
    pub name: String,
    pub href: String,
}

/// A finding shown to the reader: its code (translated as a title) and the message.
#[derive(Serialize)]
pub struct Warning {
    pub code: String,
    pub message: String,
    pub src: Option<Src>,
}

/// Why a gap exists, as a translation key and its placeholder values.
#[derive(Clone, Serialize)]
pub struct Reason {
    pub key: String,
    pub args: Map<String, Value>,
}

/// One gap as the pages show it.
#[derive(Clone, Serialize)]
pub struct GapRow {
    pub org: String,
    pub org_name: String,
    pub asset: Option<String>,
    pub asset_name: Option<String>,
    pub asset_href: Option<String>,
    pub layer: Option<Layer>,
    pub rule: String,
    pub rule_title: String,
    pub kind: GapKind,
    pub severity: Severity,
    /// 0 (low) to 3 (critical), for sorting.
    pub severity_rank: usize,
    pub action: crate::model::Action,
    pub component: Option<String>,
    pub component_name: Option<String>,
    pub hours: f64,
    pub cost: f64,
    pub waived: bool,
    pub waiver: Option<String>,
    pub reason: Reason,
    /// The analysis' own words (English), as in `samdrift gaps`.
    pub message: String,
    pub src: Src,
    pub rule_src: Src,
}

#[derive(Serialize)]
pub struct Overview {
    pub heat: Heat,
    pub totals: Totals,
    pub severities: Vec<SeverityCount>,
    pub top_gaps: Vec<GapRow>,
}

#[derive(Serialize, Default, Clone, Copy)]
pub struct Totals {
    pub gaps: usize,
    pub waived: usize,
    pub gap_hours: f64,
    pub gap_cost: f64,
    pub establish_hours: f64,
    /// External one-off cost of establishing the components.
    pub establish_cost: f64,
    /// Internal cost of the establish hours (hours × hourly rate).
    pub establish_work_cost: f64,
    pub hours: f64,
    pub one_off: f64,
    pub annual_today: f64,
    /// The components' annual cost.
    pub annual_target: f64,
    /// What stays local a year: assets that neither move onto a component, are
    /// consolidated or decommissioned, nor already are a component.
    pub annual_remaining: f64,
    /// `annual_target` + `annual_remaining`.
    pub annual_target_total: f64,
    /// `annual_target_total` − `annual_today`.
    pub annual_change: f64,
}

#[derive(Serialize)]
pub struct SeverityCount {
    pub severity: Severity,
    pub gaps: usize,
    pub hours: f64,
}

/// Gaps per organisation × layer.
#[derive(Serialize)]
pub struct Heat {
    /// The columns: each layer, then `None` for gaps of no layer when there are any.
    pub columns: Vec<Option<Layer>>,
    pub rows: Vec<HeatRow>,
    pub total: HeatRow,
    pub max: usize,
}

#[derive(Serialize, Clone)]
pub struct HeatRow {
    pub org: Option<OrgLink>,
    pub cells: Vec<HeatCell>,
    pub gaps: usize,
    pub hours: f64,
}

#[derive(Serialize, Clone, Default)]
pub struct HeatCell {
    pub gaps: usize,
    pub hours: f64,
    /// 0 (no gap) to 5 (the most gaps of any cell), for the colour.
    pub level: usize,
    pub worst: Option<Severity>,
}

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
    pub assets: Vec<AssetRow>,
    pub gaps: Vec<GapRow>,
    pub diagram: Diagram,
}

#[derive(Serialize, Default)]
pub struct OrgTotals {
    pub entries: usize,
    pub quantity: u64,
    pub annual_cost: f64,
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
    pub suppliers: Vec<String>,
    pub kinds: Vec<KindCount>,
    pub gaps: usize,
    pub hours: f64,
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
    pub annual_cost: f64,
    pub realizes: Option<String>,
    pub depends_on: Vec<String>,
    pub gaps: usize,
    pub worst: Option<Severity>,
    pub src: Src,
}

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
    /// What the moving assets cost a year today.
    pub annual_today: f64,
}

#[derive(Serialize, Clone)]
pub struct ComponentLink {
    pub id: String,
    pub name: String,
    pub href: String,
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
    pub annual_cost: f64,
    pub waived: bool,
    pub src: Src,
}

/// One target in the side-by-side comparison.
#[derive(Serialize)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub current: bool,
    pub src: Src,
    pub organisations: usize,
    pub horizon: Date,
    pub currency: String,
    pub components: usize,
    pub totals: Totals,
    pub severities: Vec<SeverityCount>,
    pub waves: Option<usize>,
    pub end: Option<Date>,
    pub late: Option<usize>,
    pub unplaced: Option<usize>,
    /// Does the last wave end on or before the horizon?
    pub meets_horizon: Option<bool>,
}

/// Site-relative link to an org page.
pub fn org_href(org: &str) -> String {
    format!("org/{org}.html")
}

/// Site-relative link to a component page.
pub fn component_href(c: &str) -> String {
    format!("component/{c}.html")
}

/// Site-relative link to an asset's row on its org's (possibly continued) asset list.
pub fn asset_href(org: &str, id: &str, index_in_org: usize) -> String {
    let page = index_in_org / ROWS_PER_PAGE;
    if page == 0 {
        format!("org/{org}.html#a-{id}")
    } else {
        format!("org/{org}-assets-{}.html#a-{id}", page + 1)
    }
}

struct Ctx<'a> {
    p: &'a Project,
    g: &'a Graph,
    repo: Option<&'a str>,
    /// Gaps per (org, rule, expectation) of the primary analysis, for `max_per_org` reasons.
    per_expectation: HashMap<(OrgIdx, usize, usize), usize>,
}

impl Ctx<'_> {
    fn src(&self, file: &str, line: Option<u32>) -> Src {
        Src::new(file, line, self.repo)
    }

    fn asset_src(&self, a: &Asset) -> Src {
        self.src(self.p.file(a.loc.file), Some(a.loc.pos.line))
    }

    fn asset_link(&self, i: AssetIdx) -> String {
        let a = self.p.asset(i);
        let org = self.p.org(a.org);
        asset_href(&org.id, &a.id, (i.0 - org.assets.start) as usize)
    }

    fn org_link(&self, o: OrgIdx) -> OrgLink {
        let org = self.p.org(o);
        OrgLink {
            id: org.id.clone(),
            name: org.name().to_string(),
            href: org_href(&org.id),
        }
    }
}

/// Builds the report for `studies[primary]`, comparing every study when there are several.
pub fn build(
    p: &Project,
    g: &Graph,
    studies: &[Study],
    primary: usize,
    opts: &BuildOptions,
) -> Site {
    let study = &studies[primary];
    let t = study.target;
    let a = &study.analysis;
    let mut per_expectation = HashMap::new();
    for gap in &a.gaps {
        *per_expectation
            .entry((gap.org_idx, gap.rule_idx, gap.expect_idx))
            .or_insert(0) += 1;
    }
    let cx = Ctx {
        p,
        g,
        repo: opts.repo_url.as_deref(),
        per_expectation,
    };
    let rows: Vec<GapRow> = a.gaps.par_iter().map(|gap| gap_row(&cx, t, gap)).collect();

    let mut layers: BTreeSet<Layer> = t.components.iter().map(|c| c.layer).collect();
    layers.extend(t.rules.iter().filter_map(|r| r.select.layer));
    let target = TargetInfo {
        id: t.id.clone(),
        name: t.name.clone(),
        horizon: t.horizon,
        currency: t.currency.clone(),
        hourly_rate: t.hourly_rate.get(),
        organisations: a.orgs.iter().map(|&o| cx.org_link(o)).collect(),
        components: t.components.len(),
        rules: t.rules.len(),
        waivers: t.waivers.len(),
        layer_names: layers
            .iter()
            .map(|l| json!({ "key": format!("layer.{l}") }))
            .collect(),
        layers: layers.into_iter().collect(),
        src: cx.src(p.file(t.file), Some(t.loc.pos.line)),
    };

    // Gaps are ordered by org first (docs/format.md §4): each org's rows are one run.
    let mut runs: HashMap<&str, std::ops::Range<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        runs.entry(r.org.as_str()).or_insert(i..i).end = i + 1;
    }
    let orgs: Vec<OrgPage> = a
        .orgs
        .par_iter()
        .map(|&o| {
            let run = runs.get(p.org(o).id.as_str()).cloned().unwrap_or(0..0);
            org_page(&cx, o, a, &rows[run])
        })
        .collect();
    let components = t
        .components
        .par_iter()
        .map(|c| component_page(&cx, t, a, c))
        .collect();
    let overview = overview(&cx, study, &rows);
    let waves = study
        .plan
        .as_ref()
        .map(|pl| plan::page(p, t, &rows, pl, opts.repo_url.as_deref()));
    let scenarios = if studies.len() > 1 {
        studies
            .iter()
            .enumerate()
            .map(|(i, s)| scenario(&cx, s, i == primary))
            .collect()
    } else {
        Vec::new()
    };
    let mut warnings: Vec<Warning> = a.warnings.iter().map(|d| warning(d, cx.repo)).collect();
    if let Some(w) = &waves {
        warnings.extend(w.warnings.iter().map(|w| Warning {
            code: format!("wave-{}", w.kind),
            message: w.message.clone(),
            src: w.src.clone(),
        }));
    }
    Site {
        generator: format!("samdrift {}", env!("CARGO_PKG_VERSION")),
        as_of: opts.as_of,
        target,
        overview,
        orgs,
        components,
        waves,
        scenarios,
        warnings,
    }
}

/// A finding of the run (loading, analysis) as the report shows it.
pub fn warning(d: &Diagnostic, repo_url: Option<&str>) -> Warning {
    Warning {
        code: d.code.to_string(),
        message: d.message.clone(),
        src: Some(Src::new(&d.file, d.pos.map(|p| p.line), repo_url)),
    }
}

/// Open gaps' totals of one study, with establishment and run costs.
fn totals(p: &Project, t: &Target, a: &Analysis) -> Totals {
    let rate = t.hourly_rate.get();
    let gap_hours: f64 = a.open().map(|g| g.hours.get()).sum();
    let gap_cost: f64 = a.open().map(|g| g.cost.get()).sum();
    let establish_hours: f64 = t.components.iter().map(|c| c.establish_hours.get()).sum();
    let establish_cost: f64 = t.components.iter().map(|c| c.establish_cost.get()).sum();
    let annual_today: f64 = a
        .orgs
        .iter()
        .flat_map(|&o| p.org_assets(o))
        .map(Asset::yearly_cost)
        .sum();
    let annual_target: f64 = t.components.iter().map(|c| c.annual_cost.get()).sum();
    let leaving: std::collections::HashSet<AssetIdx> = a
        .open()
        .filter(|g| {
            matches!(g.kind, GapKind::Migrate | GapKind::Duplicate)
                || g.action == crate::model::Action::Decommission
        })
        .filter_map(|g| g.asset_idx)
        .collect();
    let annual_remaining: f64 = a
        .orgs
        .iter()
        .flat_map(|&o| p.org(o).assets.clone().map(AssetIdx))
        .filter(|i| !leaving.contains(i))
        .map(|i| p.asset(i))
        .filter(|x| x.realizes.as_ref().is_none_or(|r| t.component(r).is_none()))
        .map(Asset::yearly_cost)
        .sum();
    Totals {
        gaps: a.summary.gaps,
        waived: a.gaps.len() - a.summary.gaps,
        gap_hours,
        gap_cost,
        establish_hours,
        establish_cost,
        establish_work_cost: establish_hours * rate,
        hours: gap_hours + establish_hours,
        one_off: gap_cost + establish_cost + establish_hours * rate,
        annual_today,
        annual_target,
        annual_remaining,
        annual_target_total: annual_target + annual_remaining,
        annual_change: annual_target + annual_remaining - annual_today,
    }
}

fn severities(a: &Analysis) -> Vec<SeverityCount> {
    Severity::ALL
        .iter()
        .rev()
        .map(|&s| SeverityCount {
            severity: s,
            gaps: a.open().filter(|g| g.severity == s).count(),
            hours: a
                .open()
                .filter(|g| g.severity == s)
                .map(|g| g.hours.get())
                .sum(),
        })
        .collect()
}

fn overview(cx: &Ctx, s: &Study, rows: &[GapRow]) -> Overview {
    let a = &s.analysis;
    let mut top: Vec<&GapRow> = rows.iter().filter(|r| !r.waived).collect();
    top.sort_by(|x, y| {
        y.severity
            .cmp(&x.severity)
            .then(y.hours.total_cmp(&x.hours))
            .then_with(|| (&x.org, &x.asset, &x.rule).cmp(&(&y.org, &y.asset, &y.rule)))
    });
    Overview {
        heat: heat(cx, a, rows),
        totals: totals(cx.p, s.target, a),
        severities: severities(a),
        top_gaps: top.into_iter().take(TOP_GAPS).cloned().collect(),
    }
}

fn heat(cx: &Ctx, a: &Analysis, rows: &[GapRow]) -> Heat {
    let mut columns: Vec<Option<Layer>> = Layer::ALL.iter().map(|&l| Some(l)).collect();
    if rows.iter().any(|r| r.layer.is_none()) {
        columns.push(None);
    }
    let col = |l: Option<Layer>| columns.iter().position(|c| *c == l).unwrap_or(0);
    let mut by_org: HashMap<&str, Vec<HeatCell>> = HashMap::new();
    let mut total = vec![HeatCell::default(); columns.len()];
    for r in rows.iter().filter(|r| !r.waived) {
        let cells = by_org
            .entry(r.org.as_str())
            .or_insert_with(|| vec![HeatCell::default(); columns.len()]);
        for c in [&mut cells[col(r.layer)], &mut total[col(r.layer)]] {
            c.gaps += 1;
            c.hours += r.hours;
            c.worst = c.worst.max(Some(r.severity));
        }
    }
    let mut out_rows: Vec<HeatRow> = a
        .orgs
        .iter()
        .map(|&o| {
            let cells = by_org
                .remove(cx.p.org(o).id.as_str())
                .unwrap_or_else(|| vec![HeatCell::default(); columns.len()]);
            HeatRow {
                org: Some(cx.org_link(o)),
                gaps: cells.iter().map(|c| c.gaps).sum(),
                hours: cells.iter().map(|c| c.hours).sum(),
                cells,
            }
        })
        .collect();
    let max = out_rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.gaps))
        .max()
        .unwrap_or(0);
    for r in &mut out_rows {
        for c in &mut r.cells {
            c.level = level(c.gaps, max);
        }
    }
    let total = HeatRow {
        org: None,
        gaps: total.iter().map(|c| c.gaps).sum(),
        hours: total.iter().map(|c| c.hours).sum(),
        cells: total,
    };
    Heat {
        columns,
        rows: out_rows,
        total,
        max,
    }
}

/// 0 for no gaps, else 1–5 on a square-root scale of `n` against `max`, so that one cell
/// with thousands of client gaps does not wash every other cell out.
fn level(n: usize, max: usize) -> usize {
    if n == 0 || max == 0 {
        return 0;
    }
    let f = (n as f64).sqrt() / (max as f64).sqrt();
    1 + ((f * 4.0).round() as usize).min(4)
}

fn gap_row(cx: &Ctx, t: &Target, gap: &Gap) -> GapRow {
    let p = cx.p;
    let rule = &t.rules[gap.rule_idx];
    let asset = gap.asset_idx.map(|i| (i, p.asset(i)));
    GapRow {
        org: gap.org.clone(),
        org_name: p.org(gap.org_idx).name().to_string(),
        asset: gap.asset.clone(),
        asset_name: asset.map(|(_, x)| x.name.clone()),
        asset_href: asset.map(|(i, _)| cx.asset_link(i)),
        layer: gap.layer,
        rule: gap.rule.clone(),
        rule_title: rule.title.clone(),
        kind: gap.kind,
        severity: gap.severity,
        severity_rank: gap.severity as usize,
        action: gap.action,
        component: gap.component.clone(),
        component_name: gap
            .component
            .as_ref()
            .and_then(|c| t.component(c))
            .map(|c| c.name.clone()),
        hours: gap.hours.get(),
        cost: gap.cost.get(),
        waived: gap.waived,
        waiver: gap.waiver.clone(),
        reason: reason(cx, t, gap),
        message: gap.message.clone(),
        src: cx.src(gap.file.as_deref().unwrap_or_default(), gap.line),
        rule_src: cx.src(p.file(t.file), Some(rule.loc.pos.line)),
    }
}

fn date(d: Date) -> Value {
    json!({ "date": d.to_string() })
}

/// The gap's reason as a translation key with values, recomputed from the model (the
/// analysis' message is English prose).
fn reason(cx: &Ctx, t: &Target, gap: &Gap) -> Reason {
    let p = cx.p;
    let rule = &t.rules[gap.rule_idx];
    let e = &rule.expect[gap.expect_idx].value;
    let asset = gap.asset_idx.map(|i| p.asset(i));
    let mut args = Map::new();
    let mut put = |k: &str, v: Value| {
        args.insert(k.to_string(), v);
    };
    let key = match (e, asset) {
        (Expectation::MovedTo(c), Some(x)) => {
            put(
                "component",
                Value::from(t.component(c).map_or(c.as_str(), |c| c.name.as_str())),
            );
            match &x.realizes {
                Some(r) => {
                    put("realizes", Value::from(r.value.as_str()));
                    "reason.moved_to.other"
                }
                None => "reason.moved_to",
            }
        }
        (Expectation::ProductIn(ps), Some(x)) => {
            put("expected", Value::from(ps.clone()));
            match &x.product {
                Some(pr) => {
                    put("product", Value::from(pr.as_str()));
                    "reason.product_in"
                }
                None => "reason.product_in.none",
            }
        }
        (Expectation::EndOfSupportAfter(d), Some(x)) => {
            let limit = match d {
                DateOrHorizon::Horizon => t.horizon,
                DateOrHorizon::Date(d) => *d,
            };
            put("limit", date(limit));
            if let Some(eos) = x.end_of_support {
                put("eos", date(eos));
            }
            "reason.end_of_support"
        }
        (Expectation::SlaAtLeast(l), Some(x)) => {
            put("level", Value::from(l.as_str()));
            match &x.sla {
                Some(s) => {
                    put("sla", Value::from(s.value.as_str()));
                    "reason.sla"
                }
                None => "reason.sla.none",
            }
        }
        (Expectation::SecurityLevelAtLeast(n), Some(x)) => {
            put("need", Value::from(*n));
            match x.security_level {
                Some(l) => {
                    put("level", Value::from(l));
                    "reason.security"
                }
                None => "reason.security.none",
            }
        }
        (Expectation::ServiceWindowIn(ws), Some(x)) => {
            put("expected", Value::from(ws.clone()));
            match &x.service_window {
                Some(w) => {
                    put("window", Value::from(w.as_str()));
                    "reason.window"
                }
                None => "reason.window.none",
            }
        }
        (Expectation::OperatorIn(os), Some(x)) => {
            put("expected", Value::from(os.clone()));
            match &x.operator {
                Some(o) => {
                    put("operator", Value::from(o.as_str()));
                    "reason.operator"
                }
                None => "reason.operator.none",
            }
        }
        (Expectation::SitesAtLeast(n), Some(_)) => {
            let i = gap.asset_idx.unwrap_or(AssetIdx(0));
            let mut sites: BTreeSet<AssetIdx> =
                cx.g.requirements(i)
                    .into_iter()
                    .filter(|&s| p.asset(s).layer == Layer::Sites)
                    .collect();
            if p.asset(i).layer == Layer::Sites {
                sites.insert(i);
            }
            put("n", Value::from(sites.len()));
            put("need", Value::from(*n));
            "reason.sites"
        }
        (Expectation::MaxPerOrg(n), _) => {
            let over = cx
                .per_expectation
                .get(&(gap.org_idx, gap.rule_idx, gap.expect_idx))
                .copied()
                .unwrap_or(1);
            put("n", Value::from(*n as usize + over));
            put("max", Value::from(*n));
            "reason.max_per_org"
        }
        (Expectation::MinPerOrg(n), _) => {
            let org = &p.org(gap.org_idx).id;
            let selected = p
                .org_assets(gap.org_idx)
                .iter()
                .filter(|x| rule.select.matches(org, x))
                .count();
            put("n", Value::from(selected));
            put("min", Value::from(*n));
            "reason.min_per_org"
        }
        _ => "reason.other",
    };
    Reason {
        key: key.to_string(),
        args,
    }
}

fn org_page(cx: &Ctx, o: OrgIdx, a: &Analysis, rows: &[GapRow]) -> OrgPage {
    let p = cx.p;
    let org = p.org(o);
    let assets = p.org_assets(o);
    let gaps: Vec<GapRow> = rows.to_vec();
    // Per asset: open gap count and worst severity.
    let mut per_asset: HashMap<&str, (usize, Option<Severity>)> = HashMap::new();
    for g in a.gaps.iter().filter(|g| g.org_idx == o && !g.waived) {
        if let Some(id) = &g.asset {
            let e = per_asset.entry(id.as_str()).or_default();
            e.0 += 1;
            e.1 = e.1.max(Some(g.severity));
        }
    }
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
            let lgaps = gaps.iter().filter(|g| !g.waived && g.layer == Some(l));
            LayerSummary {
                layer: l,
                entries: of_layer.len(),
                quantity: of_layer.iter().map(|x| x.quantity).sum(),
                annual_cost: of_layer.iter().map(|x| x.yearly_cost()).sum(),
                suppliers: suppliers.into_iter().collect(),
                kinds: kinds
                    .into_iter()
                    .map(|(kind, (entries, quantity))| KindCount {
                        kind,
                        entries,
                        quantity,
                    })
                    .collect(),
                gaps: lgaps.clone().count(),
                hours: lgaps.map(|g| g.hours).sum(),
            }
        })
        .collect();
    let asset_rows: Vec<AssetRow> = assets
        .iter()
        .map(|x| {
            let (n, worst) = per_asset.get(x.id.as_str()).copied().unwrap_or_default();
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
                annual_cost: x.yearly_cost(),
                realizes: x.realizes.as_ref().map(|r| r.value.clone()),
                depends_on: x.refs().map(|r| r.to_string()).collect(),
                gaps: n,
                worst,
                src: cx.asset_src(x),
            }
        })
        .collect();
    let open: Vec<&GapRow> = gaps.iter().filter(|g| !g.waived).collect();
    let totals = OrgTotals {
        entries: assets.len(),
        quantity: assets.iter().map(|x| x.quantity).sum(),
        annual_cost: assets.iter().map(Asset::yearly_cost).sum(),
        gaps: open.len(),
        waived: gaps.len() - open.len(),
        hours: open.iter().map(|g| g.hours).sum(),
        cost: open.iter().map(|g| g.cost).sum(),
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
    let diagram = diagram::org_diagram(p, cx.g, o, &worst, &|i| cx.asset_link(i));
    let src = match &org.meta {
        Some(m) => cx.src(p.file(m.loc.file), Some(m.loc.pos.line)),
        None => cx.src(&org.dir, None),
    };
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
        assets: asset_rows,
        gaps,
        diagram,
    }
}

fn component_page(
    cx: &Ctx,
    t: &Target,
    a: &Analysis,
    c: &crate::model::Component,
) -> ComponentPage {
    let p = cx.p;
    let link = |id: &str| ComponentLink {
        id: id.to_string(),
        name: t.component(id).map_or(id, |c| c.name.as_str()).to_string(),
        href: component_href(id),
    };
    let move_row = |i: AssetIdx, hours: f64, cost: f64, waived: bool| {
        let x = p.asset(i);
        MoveRow {
            org: p.org(x.org).id.clone(),
            asset: x.id.clone(),
            name: x.name.clone(),
            href: cx.asset_link(i),
            kind: x.kind,
            product: x.product.clone(),
            quantity: x.quantity,
            hours,
            cost,
            annual_cost: x.yearly_cost(),
            waived,
            src: cx.asset_src(x),
        }
    };
    let realized_by = a
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
                org: cx.org_link(gap.org_idx),
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
        src: cx.src(p.file(t.file), Some(c.loc.pos.line)),
        realized_by,
        assets: open().count(),
        quantity: open().map(|r| r.quantity).sum(),
        hours: open().map(|r| r.hours).sum(),
        cost: open().map(|r| r.cost).sum(),
        annual_today: open().map(|r| r.annual_cost).sum(),
        orgs,
    }
}

fn scenario(cx: &Ctx, s: &Study, current: bool) -> Scenario {
    let t = s.target;
    let waves = s.plan.as_ref().map(plan::summary);
    Scenario {
        id: t.id.clone(),
        name: t.name.clone(),
        current,
        src: cx.src(cx.p.file(t.file), Some(t.loc.pos.line)),
        organisations: s.analysis.orgs.len(),
        horizon: t.horizon,
        currency: t.currency.clone(),
        components: t.components.len(),
        totals: totals(cx.p, t, &s.analysis),
        severities: severities(&s.analysis),
        waves: waves.as_ref().map(|w| w.waves),
        end: waves.as_ref().and_then(|w| w.end),
        late: waves.as_ref().map(|w| w.late),
        unplaced: waves.as_ref().map(|w| w.unplaced),
        meets_horizon: waves
            .as_ref()
            .map(|w| w.unplaced == 0 && w.end.is_none_or(|e| e <= t.horizon)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_links_are_encoded() {
        let s = Src::new(
            "inventory/gnosjo/tjänster.yaml",
            Some(12),
            Some("https://example.org/repo/blob/main/"),
        );
        assert_eq!(
            s.url.as_deref(),
            Some("https://example.org/repo/blob/main/inventory/gnosjo/tj%C3%A4nster.yaml#L12")
        );
        assert!(Src::new("x.yaml", Some(1), None).url.is_none());
    }

    #[test]
    fn heat_levels() {
        assert_eq!(level(0, 10), 0);
        assert_eq!(level(10, 10), 5);
        assert_eq!(level(1, 10000), 1);
        assert!(level(2500, 10000) >= 3);
    }

    #[test]
    fn assets_past_the_first_page_link_to_later_pages() {
        assert_eq!(asset_href("a", "x", 0), "org/a.html#a-x");
        assert_eq!(
            asset_href("a", "x", ROWS_PER_PAGE),
            "org/a-assets-2.html#a-x"
        );
    }
}
