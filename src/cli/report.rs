//! `samdrift report`: the static HTML site.

use super::gaps::parse_date;
use super::{Failure, Outcome, emit, load_valid, pick_target};
use crate::gaps;
use crate::graph::Graph;
use crate::model::{Date, Project, Target};
use crate::report::{self, BuildOptions, Lang, Study, Templates, output::Staging};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The environment variable that gives the repository's web address for source links.
pub const REPO_URL_ENV: &str = "SAMDRIFT_REPO_URL";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The target to report on; may be left out when `targets/` holds exactly one. With
    /// several targets, a scenarios page compares them all.
    #[arg(long, value_name = "T")]
    target: Option<String>,
    /// The report folder; default `out/report` under the project root. It must be missing,
    /// empty, or a previous samdrift report, which is replaced.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The language of the report.
    #[arg(long, value_enum, default_value_t = Lang::Sv)]
    lang: Lang,
    /// The run date (YYYY-MM-DD; default today): waivers are judged as of it, and the plan
    /// starts from it (waves that end before it are past and hold nothing).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// A folder of templates, stylesheet or translation tables that override the embedded
    /// ones by file name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Web address of the repository's files (e.g. `https://host/org/repo/blob/main`):
    /// sources link to `URL/file#Lline`. Also read from SAMDRIFT_REPO_URL.
    #[arg(long, value_name = "URL")]
    repo_url: Option<String>,
    /// Also write `report.json`: every fact the pages show, as data.
    #[arg(long)]
    json: bool,
}

/// A progress bar on standard error, hidden when that is not a terminal. It starts as a
/// spinner (loading has no known length) and becomes a bar with [`bar_style`].
fn progress() -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {prefix:>10} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Clears the progress bar however the run ends, so an error message starts on a clean line.
struct ClearOnDrop(ProgressBar);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("  {prefix:>10} [{bar:30}] {pos}/{len} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// The plan of target `t`, read through the docs/format.md §5 contract (the JSON of
/// `samdrift waves`); `None` when the target has no `plan`.
fn plan_of(
    p: &Project,
    g: &Graph,
    t: &Target,
    a: &gaps::Analysis,
) -> Result<Option<report::plan::Planned>, Failure> {
    if t.plan.is_none() {
        return Ok(None);
    }
    let plan = crate::waves::plan(p, g, t, a).map_err(|e| Failure::Message(e.to_string()))?;
    let doc = crate::views::waves::doc(p, a, &plan);
    report::plan::Planned::from_contract(&doc)
        .map(Some)
        .map_err(Failure::Message)
}

pub fn run(root: &Path, args: &Args) -> Outcome {
    let templates = Templates::load(args.templates.as_deref()).map_err(Failure::Message)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| root.join("out").join("report"));
    let guard = ClearOnDrop(progress());
    let bar = &guard.0;
    bar.set_prefix("loading");
    let loaded = load_valid(root, true)?;
    let p = &loaded.project;
    let chosen = pick_target(p, args.target.as_deref())?;
    let primary = p
        .targets
        .iter()
        .position(|t| t.id == chosen.id)
        .unwrap_or_default();
    // Check the destination before the work, so a refused --out fails fast.
    let staging = Staging::new(&out, root).map_err(|e| Failure::Message(e.to_string()))?;

    bar.set_style(bar_style());
    bar.set_length(p.targets.len() as u64);
    bar.set_prefix("analysing");
    let g = Graph::build(p);
    let as_of = args.as_of.unwrap_or_else(gaps::today);
    let studies: Vec<Study> = p
        .targets
        .iter()
        .map(|t| {
            bar.set_message(t.id.clone());
            let analysis = gaps::analyse(p, &g, t, as_of);
            let plan = plan_of(p, &g, t, &analysis)?;
            bar.inc(1);
            Ok(Study {
                target: t,
                analysis,
                plan,
            })
        })
        .collect::<Result<_, Failure>>()?;
    let repo_url = args
        .repo_url
        .clone()
        .or_else(|| std::env::var(REPO_URL_ENV).ok())
        .filter(|u| !u.trim().is_empty());
    let opts = BuildOptions { as_of, repo_url };
    bar.set_prefix("building");
    let mut site = report::build(p, &g, &studies, primary, &opts);
    site.warnings.extend(
        loaded
            .diagnostics
            .iter()
            .map(|d| report::data::warning(d, opts.repo_url.as_deref())),
    );

    let pages = report::render::jobs(&site).len() as u64;
    bar.set_prefix("rendering");
    bar.set_message("");
    bar.set_position(0);
    bar.set_length(pages);
    let written = report::write_site(&site, &templates, args.lang, args.json, &staging, &|| {
        bar.inc(1)
    })
    .map_err(Failure::Message)?;
    let dir = staging
        .commit()
        .map_err(|e| Failure::Message(e.to_string()))?;
    drop(guard);
    eprintln!(
        "samdrift: wrote {} page{} ({:.1} MiB) for target `{}` to {}",
        written.pages,
        super::plural(written.pages),
        written.bytes as f64 / (1024.0 * 1024.0),
        site.target.id,
        dir.display()
    );
    emit(&format!("{}\n", dir.join("index.html").display()))?;
    Ok(0)
}
