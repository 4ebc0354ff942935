//! `samdrift report`: the static HTML site.

use super::gaps::parse_date;
use super::{Failure, Outcome, emit, load_valid, pick_target};
use crate::gaps;
use crate::graph::Graph;
use crate::model::Date;
use crate::report::{self, BuildOptions, Lang, Templates, output::Staging};
use crate::study::Study;
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
            let study = Study::new(p, &g, t, as_of);
            bar.inc(1);
            study
        })
        .collect::<Result<_, _>>()
        .map_err(|e| Failure::Message(e.to_string()))?;
    let repo_url = args
        .repo_url
        .clone()
        .or_else(|| std::env::var(REPO_URL_ENV).ok())
        .filter(|u| !u.trim().is_empty());
    let opts = BuildOptions {
        repo_url,
        lang: args.lang,
    };
    bar.set_prefix("building");
    let site = report::build(&studies, primary, &loaded.diagnostics, &opts);

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
