//! Rendering the report's data model into HTML pages with handlebars.
//!
//! The templates, stylesheet, script and translation tables are embedded in the binary;
//! `--templates DIR` overrides any of them by file name (a translation table there is
//! merged over the embedded one, so a custom table may change a few labels). Every value is
//! written with handlebars' HTML escaping: templates use `{{ }}`, never `{{{ }}}`, and the
//! helpers return values that are escaped like any other. The one exception is `{{rows x}}`,
//! which writes the rows of a long table as [`html`] wrote them (escaping every value the
//! same way); it accepts only such rows. The stylesheet and script are partials (template
//! text, not data).

use super::component::ComponentPage;
use super::diagram::Diagram;
use super::html;
use super::i18n::{Lang, Locale, Table};
use super::items::wave_path;
use super::org::{AssetRow, OrgPage, OrgTotals};
use super::quality::QualityOrg;
use super::rows::{GapRow, ROWS_PER_PAGE, Src};
use super::site::{OrgEntry, Site, TargetInfo};
use super::waves::{WaveView, WavesPage};
use crate::codes;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, RenderErrorReason,
    ScopedJson,
};
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::path::Path;

/// The embedded templates, by file name.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("header.hbs", include_str!("../../templates/header.hbs")),
    ("footer.hbs", include_str!("../../templates/footer.hbs")),
    ("overview.hbs", include_str!("../../templates/overview.hbs")),
    ("org.hbs", include_str!("../../templates/org.hbs")),
    (
        "component.hbs",
        include_str!("../../templates/component.hbs"),
    ),
    ("waves.hbs", include_str!("../../templates/waves.hbs")),
    ("wave.hbs", include_str!("../../templates/wave.hbs")),
    (
        "scenarios.hbs",
        include_str!("../../templates/scenarios.hbs"),
    ),
    ("costs.hbs", include_str!("../../templates/costs.hbs")),
    ("quality.hbs", include_str!("../../templates/quality.hbs")),
    (
        "quality-org.hbs",
        include_str!("../../templates/quality-org.hbs"),
    ),
    ("halls.hbs", include_str!("../../templates/halls.hbs")),
    (
        "contracts.hbs",
        include_str!("../../templates/contracts.hbs"),
    ),
    ("since.hbs", include_str!("../../templates/since.hbs")),
    ("source.hbs", include_str!("../../templates/source.hbs")),
    ("pager.hbs", include_str!("../../templates/pager.hbs")),
    ("style.css", include_str!("../../templates/style.css")),
    ("script.js", include_str!("../../templates/script.js")),
    ("i18n/sv.json", include_str!("../../templates/i18n/sv.json")),
    ("i18n/en.json", include_str!("../../templates/i18n/en.json")),
];

/// The templates and tables in use: the embedded ones with any overrides applied.
pub struct Templates {
    files: Vec<(String, String)>,
    tables: Vec<(Lang, Table)>,
}

impl Templates {
    /// The embedded templates, overridden by the files of `dir` with the same names.
    pub fn load(dir: Option<&Path>) -> Result<Templates, String> {
        let mut files: Vec<(String, String)> = EMBEDDED
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut overrides: Vec<(String, String)> = Vec::new();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(format!("--templates {}: not a folder", dir.display()));
            }
            for e in walkdir::WalkDir::new(dir)
                .follow_links(false)
                .sort_by_file_name()
            {
                let e = e.map_err(|e| format!("--templates {}: {e}", dir.display()))?;
                if !e.file_type().is_file() {
                    continue;
                }
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(e.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let known = rel.ends_with(".hbs")
                    || rel.ends_with(".json")
                    || files.iter().any(|(n, _)| *n == rel);
                if !known {
                    continue;
                }
                let text = std::fs::read_to_string(e.path())
                    .map_err(|err| format!("{}: {err}", e.path().display()))?;
                overrides.push((rel, text));
            }
        }
        let mut tables = Vec::new();
        for lang in [Lang::Sv, Lang::En] {
            let name = format!("i18n/{}.json", lang.as_str());
            let embedded = files
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.clone());
            let mut table = Table::parse(embedded.as_deref().unwrap_or("{}"))
                .map_err(|e| format!("embedded {name}: {e}"))?;
            if let Some((_, t)) = overrides.iter().find(|(n, _)| *n == name) {
                table.merge(Table::parse(t).map_err(|e| format!("--templates {name}: {e}"))?);
            }
            tables.push((lang, table));
        }
        for (name, text) in overrides {
            match files.iter_mut().find(|(n, _)| *n == name) {
                Some(f) => f.1 = text,
                None => files.push((name, text)),
            }
        }
        Ok(Templates { files, tables })
    }

    pub fn table(&self, lang: Lang) -> Table {
        self.tables
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }

    /// A handlebars registry with every template and the helpers for `locale`.
    pub fn registry(&self, locale: Locale) -> Result<Registry, String> {
        let mut hb = Handlebars::new();
        hb.set_prevent_indent(true);
        for (name, text) in &self.files {
            if name.ends_with(".json") {
                continue;
            }
            let id = name.strip_suffix(".hbs").unwrap_or(name);
            hb.register_template_string(id, text)
                .map_err(|e| format!("template {name}: {e}"))?;
        }
        let locale = std::sync::Arc::new(locale);
        hb.register_helper("t", Box::new(Translate(locale.clone())));
        hb.register_helper("fmt_num", Box::new(Format(locale.clone(), Kind::Number)));
        hb.register_helper("fmt_money", Box::new(Format(locale.clone(), Kind::Money)));
        hb.register_helper("fmt_amount", Box::new(Format(locale.clone(), Kind::Amount)));
        hb.register_helper("fmt_cost", Box::new(Format(locale.clone(), Kind::Cost)));
        hb.register_helper("fmt_hours", Box::new(Format(locale.clone(), Kind::Hours)));
        hb.register_helper("vocab", Box::new(Vocab(locale.clone())));
        hb.register_helper("fmt_date", Box::new(Format(locale.clone(), Kind::Date)));
        hb.register_helper("sum", Box::new(Sum));
        hb.register_helper("rows", Box::new(RowsHelper));
        let labels = labels(&locale);
        Ok(Registry { hb, locale, labels })
    }
}

/// The templates ready to render in one language: the handlebars registry, the locale its
/// helpers use (also [`html`]'s) and the tables' column names.
pub struct Registry {
    pub hb: Handlebars<'static>,
    pub locale: std::sync::Arc<Locale>,
    labels: Value,
}

/// The key of a context value that holds rows written by [`html`]: `{{rows x}}` writes
/// only such a value, so a template cannot write another value unescaped by mistake.
const ROWS_KEY: &str = "rows_html";

/// Rows written by [`html`] (every value in them already escaped), as a context value.
fn rows_value(html: String) -> Value {
    let mut m = Map::new();
    m.insert(ROWS_KEY.into(), Value::String(html));
    Value::Object(m)
}

/// Rows written by `write` with the reader's locale, as a context value.
fn written(reg: &Registry, write: impl FnOnce(&mut html::Rows)) -> Value {
    let mut r = html::Rows::new(&reg.locale);
    write(&mut r);
    rows_value(r.finish())
}

/// A wave page's item rows; null when the page has none (`{{#if items}}`).
fn item_rows(reg: &Registry, items: &[super::waves::ItemView]) -> Value {
    if items.is_empty() {
        return Value::Null;
    }
    written(reg, |r| r.items(items))
}

/// `{{rows x}}`: the table rows [`html`] wrote for this page, written as they are.
struct RowsHelper;

impl HelperDef for RowsHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn handlebars::Output,
    ) -> handlebars::HelperResult {
        let html = h
            .param(0)
            .and_then(|p| p.value().get(ROWS_KEY))
            .and_then(Value::as_str)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("rows", 0))?;
        out.write(html)?;
        Ok(())
    }
}

fn param_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "none".into(),
        other => other.to_string(),
    }
}

/// `{{t "key" "more" name=value}}`: the translation of `key.more` (positional parts joined
/// by `.`), with `{name}` filled from the hash (and from an `args=object` hash value).
struct Translate(std::sync::Arc<Locale>);

impl HelperDef for Translate {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let key = h
            .params()
            .iter()
            .map(|p| param_text(p.value()))
            .collect::<Vec<_>>()
            .join(".");
        if key.is_empty() {
            return Err(RenderErrorReason::ParamNotFoundForIndex("t", 0).into());
        }
        let mut args = Map::new();
        for (k, v) in h.hash() {
            if *k == "args" {
                if let Value::Object(o) = v.value() {
                    args.extend(o.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            } else {
                args.insert(k.to_string(), v.value().clone());
            }
        }
        Ok(ScopedJson::Derived(Value::String(
            self.0.translate(&key, &args),
        )))
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Number,
    Money,
    /// Money rounded for a headline; a missing value is unknown.
    Amount,
    /// Money to the unit; a missing value is unknown.
    Cost,
    Hours,
    Date,
}

/// `{{fmt_num x [decimals]}}`, `{{fmt_money x [currency]}}` (exact, for tables that are
/// checked), `{{fmt_amount x [currency]}}` (rounded: `43,4 Mkr`), `{{fmt_cost x
/// [currency]}}` (exact), `{{fmt_hours x}}`, `{{fmt_date d ["long"]}}`: values written for
/// the language. A missing value reads as a dash, or as "unknown" (`cost.unknown`) for
/// `fmt_amount` and `fmt_cost`: a cost nobody wrote down is not zero.
struct Format(std::sync::Arc<Locale>, Kind);

impl HelperDef for Format {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let l = &self.0;
        let v = h.param(0).map(|p| p.value().clone()).unwrap_or(Value::Null);
        let second = h.param(1).map(|p| p.value().clone());
        let text = match (self.1, &v) {
            (Kind::Amount | Kind::Cost, Value::Null) => l.text("cost.unknown", None),
            (_, Value::Null) => "–".to_string(),
            (Kind::Amount, Value::Number(n)) => {
                let cur = second.as_ref().and_then(Value::as_str);
                l.amount(n.as_f64().unwrap_or(0.0), cur)
            }
            (Kind::Number, Value::Number(n)) => {
                let d = second.and_then(|d| d.as_u64()).unwrap_or(1) as usize;
                l.number(n.as_f64().unwrap_or(0.0), d)
            }
            (Kind::Money | Kind::Cost, Value::Number(n)) => {
                let cur = second.as_ref().and_then(Value::as_str);
                l.money(n.as_f64().unwrap_or(0.0), cur)
            }
            (Kind::Hours, Value::Number(n)) => l.hours(n.as_f64().unwrap_or(0.0)),
            (Kind::Date, Value::String(s)) => {
                let long = second.as_ref().and_then(Value::as_str) == Some("long");
                l.date_str(s, long)
            }
            (_, other) => param_text(other),
        };
        Ok(ScopedJson::Derived(Value::String(text)))
    }
}

/// `{{vocab "sla" value}}`: a vocabulary value in the reader's words (`vocab.value` of the
/// table), or the value as written when the table has no word for it (a supplier's name).
struct Vocab(std::sync::Arc<Locale>);

impl HelperDef for Vocab {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let vocab = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("vocab", 0))?;
        let text = match h.param(1).map(|p| p.value()) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(v)) => self.0.vocab(vocab, v),
            Some(other) => param_text(other),
        };
        Ok(ScopedJson::Derived(Value::String(text)))
    }
}

/// `{{sum a b ...}}`: numbers added (for page numbers and row counts).
struct Sum;

impl HelperDef for Sum {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let s: f64 = h.params().iter().filter_map(|p| p.value().as_f64()).sum();
        Ok(ScopedJson::Derived(json!(s)))
    }
}

/// What every page shares: the target, navigation and language.
#[derive(Serialize)]
struct Common<'a> {
    lang: Lang,
    generator: &'a str,
    as_of: String,
    target: &'a TargetInfo,
    waves: bool,
    scenarios: bool,
    warnings: usize,
    /// The pages of issue 11 (costs, data quality, …): which exist.
    pages: Pages,
}

/// Which of the optional pages the site has, for the navigation.
#[derive(Serialize)]
struct Pages {
    costs: bool,
    quality: bool,
    halls: bool,
    contracts: bool,
    since: bool,
}

/// A link to one page of a long list.
#[derive(Serialize)]
struct PageLink {
    number: usize,
    href: String,
    current: bool,
}

/// One page to render: its path in the site and what it shows.
pub enum Job<'a> {
    Overview,
    /// An organisation's page; its data is built for the page and dropped after it.
    Org(&'a OrgEntry),
    /// Page `n` (from 2) of an org's assets.
    OrgAssets(&'a OrgEntry, usize),
    /// Page `n` (from 2) of an org's gaps.
    OrgGaps(&'a OrgEntry, usize),
    Component(&'a ComponentPage),
    Waves,
    /// Page `n` (from 1) of one wave's items.
    Wave(&'a WaveView<'a>, usize),
    Scenarios,
    Costs,
    Quality,
    /// Page `n` (from 1) of an organisation's assets that lack facts.
    QualityOrg(&'a QualityOrg<'a>, usize),
    Halls,
    /// Page `n` (from 1) of the contract calendar.
    Contracts(usize),
    Since,
}

/// Every page of the site.
pub fn jobs<'a>(site: &'a Site) -> Vec<Job<'a>> {
    let mut jobs = vec![Job::Overview];
    for o in &site.orgs.entries {
        jobs.push(Job::Org(o));
        for n in 2..=o.assets.div_ceil(ROWS_PER_PAGE) {
            jobs.push(Job::OrgAssets(o, n));
        }
        for n in 2..=o.gaps.len().div_ceil(ROWS_PER_PAGE) {
            jobs.push(Job::OrgGaps(o, n));
        }
    }
    jobs.extend(site.components.iter().map(Job::Component));
    if let Some(w) = &site.waves {
        jobs.push(Job::Waves);
        for wave in &w.waves {
            for n in 1..=wave.items.len().div_ceil(ROWS_PER_PAGE).max(1) {
                jobs.push(Job::Wave(wave, n));
            }
        }
    }
    if !site.scenarios.is_empty() {
        jobs.push(Job::Scenarios);
    }
    jobs.push(Job::Costs);
    jobs.push(Job::Quality);
    for o in site.quality.orgs.iter().filter(|o| o.lacking > 0) {
        for n in 1..=o.rows.len().div_ceil(ROWS_PER_PAGE) {
            jobs.push(Job::QualityOrg(o, n));
        }
    }
    if site.halls.is_some() {
        jobs.push(Job::Halls);
    }
    if let Some(c) = &site.contracts {
        for n in 1..=c.rows.len().div_ceil(ROWS_PER_PAGE).max(1) {
            jobs.push(Job::Contracts(n));
        }
    }
    if site.since.is_some() {
        jobs.push(Job::Since);
    }
    jobs
}

fn quality_path(org: &str, page: usize) -> String {
    if page <= 1 {
        super::quality::href(org)
    } else {
        format!("quality/{org}-{page}.html")
    }
}

fn contracts_path(page: usize) -> String {
    if page <= 1 {
        "contracts.html".into()
    } else {
        format!("contracts-{page}.html")
    }
}

fn pages(count: usize, current: usize, href: impl Fn(usize) -> String) -> Vec<PageLink> {
    let n = count.div_ceil(ROWS_PER_PAGE);
    if n <= 1 {
        return Vec::new();
    }
    (1..=n)
        .map(|i| PageLink {
            number: i,
            href: href(i),
            current: i == current,
        })
        .collect()
}

/// The rows of page `page` (from 1) of a long list.
fn page_range(page: usize) -> std::ops::Range<usize> {
    let start = (page - 1) * ROWS_PER_PAGE;
    start..start + ROWS_PER_PAGE
}

fn chunk<T>(rows: &[T], page: usize) -> &[T] {
    let start = ((page - 1) * ROWS_PER_PAGE).min(rows.len());
    let end = (start + ROWS_PER_PAGE).min(rows.len());
    &rows[start..end]
}

/// The org fields every org page shows, without the long lists.
#[derive(Serialize)]
struct OrgHead<'a> {
    id: &'a str,
    name: &'a str,
    population: Option<u64>,
    employees: Option<u64>,
    it_staff: Option<crate::model::Num>,
    operator: Option<&'a str>,
    src: &'a Src,
    totals: &'a OrgTotals,
    waves: &'a [super::org::OrgWave],
    /// The first and last wave of its work.
    first_wave: Option<u32>,
    last_wave: Option<u32>,
    unplaced: usize,
}

fn org_head(o: &OrgPage) -> OrgHead<'_> {
    OrgHead {
        id: &o.id,
        name: &o.name,
        population: o.population,
        employees: o.employees,
        it_staff: o.it_staff,
        operator: o.operator.as_deref(),
        src: &o.src,
        totals: &o.totals,
        waves: &o.waves,
        first_wave: o.waves.first().map(|w| w.number),
        last_wave: o.waves.last().map(|w| w.number),
        unplaced: o.unplaced,
    }
}

fn asset_pages(o: &OrgPage, current: usize) -> Vec<PageLink> {
    pages(o.assets.len(), current, |i| {
        if i == 1 {
            format!("{}.html#assets", o.id)
        } else {
            format!("{}-assets-{i}.html", o.id)
        }
    })
}

fn gap_pages(o: &OrgPage, current: usize) -> Vec<PageLink> {
    pages(o.gaps.len(), current, |i| {
        if i == 1 {
            format!("{}.html#gaps", o.id)
        } else {
            format!("{}-gaps-{i}.html", o.id)
        }
    })
}

/// A gap table's settings and rows (written by [`html`]): one page of an org's gaps.
fn gap_table(reg: &Registry, o: &OrgPage, page: usize) -> Value {
    let rows = chunk::<GapRow>(&o.gaps, page);
    json!({
        "id": "gaps-table",
        "caption_key": "org.gaps.caption",
        "caption_args": { "name": o.name, "n": o.gaps.len() },
        "filters": true,
        "count": rows.len(),
        "rows": written(reg, |w| w.gaps(rows, "../")),
    })
}

/// An asset table's settings and rows: one page of an org's assets.
fn asset_table(reg: &Registry, o: &OrgPage, page: usize) -> Value {
    let rows = chunk::<AssetRow>(&o.assets, page);
    json!({
        "id": "assets-table",
        "caption_key": "org.assets.caption",
        "caption_args": { "name": o.name, "n": o.assets.len() },
        "rows": written(reg, |w| w.assets(rows, "../")),
    })
}

/// An organisation's diagram: its size and counts, and its bands, lines and boxes (written
/// by [`html`]).
fn diagram(reg: &Registry, d: &Diagram) -> Value {
    json!({
        "width": d.width,
        "height": d.height,
        "nodes": d.nodes.len(),
        "edges": d.edges.len(),
        "assets": d.assets,
        "collapsed": d.collapsed,
        "sites_hidden": d.sites_hidden,
        "svg": written(reg, |w| w.diagram(d, "../")),
    })
}

pub use super::site::MAX_WARNINGS;

/// Plan warnings listed per kind on the overview; all are on the waves page.
pub const OVERVIEW_PLAN_WARNINGS: usize = 8;

/// The waves page without the items (they are on the waves' own pages).
fn waves_head(w: &WavesPage) -> Value {
    let groups: Vec<Value> = w
        .warnings
        .iter()
        .map(|g| {
            json!({
                "code": g.kind,
                "count": g.count,
                "warnings": g.warnings.first(MAX_WARNINGS),
                "more": g.warnings.len().saturating_sub(MAX_WARNINGS),
            })
        })
        .collect();
    json!({
        "lower_bound": w.lower_bound,
        "start": w.start,
        "end": w.end,
        "horizon": w.horizon,
        "after_horizon": w.end.is_some_and(|e| e > w.horizon),
        "as_of": w.as_of,
        "wave_months": w.wave_months,
        "capacity_hours": w.capacity_hours,
        "org_capacity_hours": w.org_capacity_hours,
        "hours": w.hours,
        "waves": w.waves.len(),
        "calendar": &w.calendar,
        "matrix": &w.matrix,
        "numbers": w.waves.iter().map(|x| json!({"number": x.number, "href": wave_path(x.number, 1)})).collect::<Vec<_>>(),
        "gantt": &w.gantt,
        "warnings": groups,
        "late_items": &w.late_items,
        "late_more": w.late_more,
        "critical": w.critical.iter().zip(&w.critical_start).map(|(c, b)| json!({"items": c, "start": b})).collect::<Vec<_>>(),
        "unplaced_items": &w.unplaced_items,
        "late": w.late,
        "oversize": w.oversize,
        "unplaced": w.unplaced,
    })
}

/// The column names of the tables (`col.<name>`), each translated once per run: a table's
/// cells name their column for a phone (`data-label="{{@root.l.<name>}}"`), and a helper
/// call per cell would cost more than the row itself.
fn labels(locale: &Locale) -> Value {
    const COLUMNS: &[&str] = &[
        "org",
        "asset",
        "severity",
        "layer",
        "rule_reason",
        "action",
        "wave",
        "hours",
        "cost",
        "product",
        "quantity",
        "supplier",
        "contract_ends",
        "end_of_support",
        "annual_cost",
        "gaps",
        "depends_on",
        "item",
        "reasons",
        "placement",
        "kind",
        "kinds",
        "entries",
        "suppliers",
        "period",
        "items",
        "component",
        "moving",
        "establish_hours",
    ];
    let mut m = Map::new();
    for c in COLUMNS {
        let text = locale.translate(&format!("col.{c}"), &Map::new());
        m.insert((*c).to_string(), Value::String(text));
    }
    Value::Object(m)
}

/// What every page shows of the site (`site` in the templates), made once per run, not
/// once per page: in full on the overview, which counts the target's organisations, and
/// without that list on every other page and in the header and footer partials (a partial
/// copies its context, and the list has an entry per organisation).
pub struct Shared {
    full: Value,
    slim: Value,
}

/// What every page of `site` shows of the site (see [`Shared`]).
pub fn common(site: &Site, lang: Lang) -> Result<Shared, String> {
    let common = Common {
        lang,
        generator: &site.generator,
        as_of: site.as_of.to_string(),
        target: &site.target,
        waves: site.waves.is_some(),
        scenarios: !site.scenarios.is_empty(),
        warnings: site.warnings.iter().map(|g| g.count).sum(),
        pages: Pages {
            costs: true,
            quality: true,
            halls: site.halls.is_some(),
            contracts: site.contracts.is_some(),
            since: site.since.is_some(),
        },
    };
    let full = serde_json::to_value(&common).map_err(|e| e.to_string())?;
    let mut slim = full.clone();
    if let Some(t) = slim.get_mut("target").and_then(Value::as_object_mut) {
        t.remove("organisations");
    }
    Ok(Shared { full, slim })
}

/// Renders one page: its site-relative path and HTML.
pub fn render(
    reg: &Registry,
    site: &Site,
    lang: Lang,
    job: &Job,
) -> Result<(String, String), String> {
    render_with(reg, site, &common(site, lang)?, job)
}

/// Renders one page with `common` (see [`common`]).
pub fn render_with(
    reg: &Registry,
    site: &Site,
    common: &Shared,
    job: &Job,
) -> Result<(String, String), String> {
    let (path, template, base, page, data): (String, &str, &str, &str, Value) = match job {
        Job::Overview => (
            "index.html".into(),
            "overview",
            "",
            "overview",
            json!({
                "overview": &site.overview,
                "top_table": {
                    "id": "top-gaps",
                    "caption_key": "top.caption",
                    "caption_args": {},
                    "show_org": true,
                    "filters": false,
                    "gaps": &site.overview.top_gaps,
                },
                "warnings": site.warnings.iter().map(|g| {
                    // Plan warnings are all on the waves page: the overview shows a few.
                    let on_waves = site.waves.is_some()
                        && codes::get(g.code).is_some_and(|c| c.family == codes::Family::Plan);
                    let max = if on_waves { OVERVIEW_PLAN_WARNINGS } else { MAX_WARNINGS };
                    json!({
                        "code": g.code,
                        "count": g.count,
                        "on_waves": on_waves,
                        "warnings": &g.warnings[..g.warnings.len().min(max)],
                        "more": g.count.saturating_sub(max),
                    })
                }).collect::<Vec<_>>(),
                "components": site.components.iter().map(|c| json!({
                    "id": c.id, "name": c.name, "href": c.href, "layer": c.layer,
                    "assets": c.assets, "hours": c.hours,
                    "establish_hours": c.establish_hours, "annual_cost": c.annual_cost,
                })).collect::<Vec<_>>(),
            }),
        ),
        Job::Org(e) => {
            let o = &site.orgs.page(e);
            (
                format!("org/{}.html", o.id),
                "org",
                "../",
                "org",
                json!({
                    "org": org_head(o),
                    "layers": &o.layers,
                    "diagram": diagram(reg, &o.diagram),
                    "gap_table": gap_table(reg, o, 1),
                    "asset_table": asset_table(reg, o, 1),
                    "asset_pager": { "pages": asset_pages(o, 1), "label": "pager.assets" },
                    "gap_pager": { "pages": gap_pages(o, 1), "label": "pager.gaps" },
                }),
            )
        }
        Job::OrgAssets(e, n) => {
            let o = &site.orgs.page(e);
            (
                format!("org/{}-assets-{n}.html", o.id),
                "org",
                "../",
                "org",
                json!({
                    "org": org_head(o),
                    "asset_table": asset_table(reg, o, *n),
                    "asset_pager": { "pages": asset_pages(o, *n), "label": "pager.assets" },
                    "number": n,
                }),
            )
        }
        Job::OrgGaps(e, n) => {
            let o = &site.orgs.page(e);
            (
                format!("org/{}-gaps-{n}.html", o.id),
                "org",
                "../",
                "org",
                json!({
                    "org": org_head(o),
                    "gap_table": gap_table(reg, o, *n),
                    "gap_pager": { "pages": gap_pages(o, *n), "label": "pager.gaps" },
                    "number": n,
                }),
            )
        }
        Job::Component(c) => (
            format!("component/{}.html", c.id),
            "component",
            "../",
            "component",
            json!({ "component": c }),
        ),
        Job::Waves => (
            "waves.html".into(),
            "waves",
            "",
            "waves",
            json!({ "waves": site.waves.as_ref().map(waves_head) }),
        ),
        Job::Wave(w, n) => (
            wave_path(w.number, *n),
            "wave",
            "../",
            "waves",
            json!({
                "wave": {
                    "number": w.number,
                    "start": w.start,
                    "end": w.end,
                    "hours": w.hours,
                    "items": w.items.len(),
                    "after_horizon": w.after_horizon,
                    "critical": w.items.critical(),
                    "prev": site.waves.as_ref().and_then(|ws| {
                        ws.waves.iter().rev().find(|x| x.number < w.number).map(|x| x.number)
                    }),
                    "next": site.waves.as_ref().and_then(|ws| {
                        ws.waves.iter().find(|x| x.number > w.number).map(|x| x.number)
                    }),
                },
                "items": item_rows(reg, &w.items.views(chunk(w.items.ids(), *n))),
                "pager": {
                    "label": "pager.pages",
                    "pages": pages(w.items.len(), *n, |i| {
                        wave_path(w.number, i).trim_start_matches("waves/").to_string()
                    }),
                },
            }),
        ),
        Job::Scenarios => (
            "scenarios.html".into(),
            "scenarios",
            "",
            "scenarios",
            json!({ "scenarios": &site.scenarios, "decision": &site.decision }),
        ),
        Job::Costs => (
            "costs.html".into(),
            "costs",
            "",
            "costs",
            json!({ "c": &site.costs }),
        ),
        Job::Halls => (
            "halls.html".into(),
            "halls",
            "",
            "halls",
            json!({ "halls": &site.halls }),
        ),
        Job::Since => (
            "since.html".into(),
            "since",
            "",
            "since",
            json!({ "since": &site.since }),
        ),
        Job::Contracts(n) => {
            let c = site.contracts.as_ref();
            let total = c.map_or(0, |c| c.rows.len());
            (
                contracts_path(*n),
                "contracts",
                "",
                "contracts",
                json!({
                    "contracts": c.map(|c| json!({
                        "rows": written(reg, |r| r.contracts(chunk(&c.rows, *n))),
                        "total": total,
                        "notices": c.notices,
                        "renewed": c.renewed,
                        "next_notice": c.next_notice,
                        "timeline": (*n == 1).then_some(&c.timeline),
                    })),
                    "number": (*n > 1).then_some(*n),
                    "pager": {
                        "label": "pager.pages",
                        "pages": pages(total, *n, contracts_path),
                    },
                }),
            )
        }
        Job::Quality => (
            "quality.html".into(),
            "quality",
            "",
            "quality",
            json!({ "quality": {
                "facts": &site.quality.facts,
                "total": &site.quality.total,
                "assets": site.quality.assets,
                "lacking": site.quality.lacking,
                "orgs": site.quality.orgs.iter().map(|o| json!({
                    "org": &o.org, "href": &o.href, "assets": o.assets,
                    "counts": &o.counts, "lacking": o.lacking,
                })).collect::<Vec<_>>(),
            }}),
        ),
        Job::QualityOrg(o, n) => (
            quality_path(&o.org.id, *n),
            "quality-org",
            "../",
            "quality",
            json!({
                "facts": &site.quality.facts,
                "org": {
                    "org": &o.org, "assets": o.assets, "counts": &o.counts,
                    "lacking": o.lacking,
                },
                "rows": written(reg, |r| r.lacking(&o.rows.rows(page_range(*n)))),
                "number": (*n > 1).then_some(*n),
                "pager": {
                    "label": "pager.pages",
                    "pages": pages(o.rows.len(), *n, |i| {
                        quality_path(&o.org.id, i).trim_start_matches("quality/").to_string()
                    }),
                },
            }),
        ),
    };
    let mut ctx = match data {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    // What the header and footer partials get: small, since a partial copies its context.
    ctx.insert(
        "chrome".into(),
        json!({ "site": &common.slim, "base": base, "page": page }),
    );
    let site_value = match job {
        Job::Overview => common.full.clone(),
        _ => common.slim.clone(),
    };
    ctx.insert("site".into(), site_value);
    ctx.insert("l".into(), reg.labels.clone());
    ctx.insert("base".into(), Value::from(base));
    ctx.insert("page".into(), Value::from(page));
    // A Context made from the value itself: `render` would copy the whole value again.
    let html = reg
        .hb
        .render_with_context(template, &Context::from(Value::Object(ctx)))
        .map_err(|e| format!("rendering {path} with template {template}: {e}"))?;
    Ok((path, html))
}
