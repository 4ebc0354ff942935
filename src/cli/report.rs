//! `samdrift report`: the static HTML site.

use super::gaps::parse_date;
use super::{Failure, Outcome, emit, load_valid, pick_target};
use crate::gaps;
use crate::git::Repo;
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
    /// Add a page of what changed since this git revision (a commit, branch or tag: the
    /// report the group last saw): gaps closed and added, items moved between waves.
    #[arg(long, value_name = "REV")]
    since: Option<String>,
}

/// The project as it was at `--since REV`.
struct Then {
    revision: report::since::Revision,
    loaded: crate::load::Loaded,
}

/// Reads the project at `rev`, with errors that say they are about `--since`.
fn then(root: &Path, rev: &str) -> Result<Then, Failure> {
    let at = |e: String| Failure::Message(format!("--since {rev}: {e}"));
    let repo = Repo::discover(root).map_err(at)?;
    let commit = repo.commit(rev).map_err(at)?;
    let loaded = super::diff::load_at(&repo, rev, &commit).map_err(|f| match f {
        Failure::Message(m) => at(m),
        other => other,
    })?;
    let described = repo.describe(&commit).ok();
    Ok(Then {
        revision: report::since::Revision {
            rev: rev.to_string(),
            commit: commit[..commit.len().min(10)].to_string(),
            date: described.as_ref().map(|d| d.0.clone()),
            subject: described.map(|d| d.1).filter(|s| !s.is_empty()),
        },
        loaded,
    })
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
    // Check the destination and the revision before the work, so that they fail fast.
    let staging = Staging::new(&out, root).map_err(|e| Failure::Message(e.to_string()))?;
    let then = match &args.since {
        Some(rev) => {
            bar.set_message(format!("--since {rev}"));
            Some(then(root, rev)?)
        }
        None => None,
    };

    bar.set_style(bar_style());
    bar.set_length(p.targets.len() as u64);
    bar.set_prefix("analysing");
    let g = Graph::build(p);
    let as_of = args.as_of.unwrap_or_else(gaps::today);
    // The order of the asset lists needs only the project: it is made on the other core
    // while the studies (mostly one core's work: the plan) are made.
    let (studies, order) = rayon::join(
        || {
            p.targets
                .iter()
                .map(|t| {
                    bar.set_message(t.id.clone());
                    let study = Study::new(p, &g, t, as_of);
                    bar.inc(1);
                    study
                })
                .collect::<Result<Vec<Study>, _>>()
        },
        || report::rows::Links::asset_order(p, args.lang),
    );
    let studies = studies.map_err(|e| Failure::Message(e.to_string()))?;
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
    let mut site =
        report::site::build_ordered(&studies, primary, &loaded.diagnostics, &opts, &order);
    let mut since_line = None;
    if let Some(then) = &then {
        let old_p = &then.loaded.project;
        let old_g = Graph::build(old_p);
        let old = old_p
            .target(&chosen.id)
            .map(|t| Study::new(old_p, &old_g, t, as_of))
            .transpose()
            .map_err(|e| Failure::Message(e.to_string()))?;
        let now = &studies[primary];
        let empty = gaps::Analysis {
            target: chosen.id.clone(),
            gaps: Vec::new(),
            summary: gaps::Summary::default(),
            warnings: Vec::new(),
            orgs: Vec::new(),
            as_of,
        };
        let c = gaps::compare(old.as_ref().map_or(&empty, |o| &o.gaps), &now.gaps);
        let links = report::rows::Links {
            p,
            repo: opts.repo_url.as_deref(),
            lang: opts.lang,
            order: &order,
        };
        let page = report::since::page(&links, now, old.as_ref(), &c, then.revision.clone());
        since_line = Some(report::since::short(&page));
        site.since = Some(page);
    }

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
    if let Some(line) = since_line {
        eprintln!("samdrift: {line}");
    }
    emit(&format!("{}\n", dir.join("index.html").display()))?;
    // The report is in place. Freeing the site, the studies, the graph and the project
    // one allocation at a time would take about a twentieth of the run on a large estate,
    // for memory the process hands back as it exits right after this command: they are
    // left to the exit. (Only here, once the command has succeeded; an error path frees
    // them as usual, and nothing in them holds a file or lock that needs a drop.)
    std::mem::forget(site);
    std::mem::forget(studies);
    std::mem::forget(g);
    std::mem::forget(then);
    std::mem::forget(loaded);
    Ok(0)
}
