//! The HTML report (`samdrift report`): a static, self-contained site for a pre-study
//! group, rendered from one data model.
//!
//! - [`data`] computes every fact the pages show ([`data::Site`], also written as
//!   `report.json`), from the project, the gap analyses and the wave plans;
//! - [`diagram`] and [`plan`] lay out the SVG diagrams as numbers;
//! - [`i18n`] owns the languages: translation tables and number and date formats;
//! - [`render`] turns the model into pages with the (embedded or overriding) templates;
//! - [`output`] writes the folder safely, replacing only a previous report.
//!
//! The report never computes gaps or plans itself, so it cannot disagree with
//! `samdrift gaps` or `samdrift waves`.

pub mod data;
pub mod diagram;
pub mod i18n;
pub mod output;
pub mod plan;
pub mod render;

use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

pub use data::{BuildOptions, Site, Study, build};
pub use i18n::Lang;
pub use render::Templates;

/// What a run wrote.
#[derive(Debug, Default)]
pub struct Written {
    pub pages: usize,
    pub bytes: u64,
    /// The largest page and its size in bytes.
    pub largest: (String, u64),
}

/// The handlebars registry for `lang`, amounts in `currency`.
pub fn registry(
    templates: &Templates,
    lang: Lang,
    currency: &str,
) -> Result<handlebars::Handlebars<'static>, String> {
    templates.registry(i18n::Locale {
        lang,
        table: templates.table(lang),
        fallback: templates.table(Lang::En),
        currency: currency.to_string(),
    })
}

/// Renders every page of `site` in `lang` into `staging` (in parallel), and `report.json`
/// (the data model) when `json`. `tick` is called once per page written.
pub fn write_site(
    site: &Site,
    templates: &Templates,
    lang: Lang,
    json: bool,
    staging: &output::Staging,
    tick: &(dyn Fn() + Sync),
) -> Result<Written, String> {
    let hb = registry(templates, lang, &site.target.currency)?;
    let jobs = render::jobs(site);
    let bytes = AtomicU64::new(0);
    let sizes: Vec<(String, u64)> = jobs
        .par_iter()
        .map(|job| {
            let (path, html) = render::render(&hb, site, lang, job)?;
            staging
                .write(&path, html.as_bytes())
                .map_err(|e| e.to_string())?;
            bytes.fetch_add(html.len() as u64, Ordering::Relaxed);
            tick();
            Ok((path, html.len() as u64))
        })
        .collect::<Result<_, String>>()?;
    if json {
        let data = serde_json::to_vec(site).map_err(|e| e.to_string())?;
        staging
            .write("report.json", &data)
            .map_err(|e| e.to_string())?;
    }
    let largest = sizes
        .iter()
        .max_by_key(|(_, n)| *n)
        .cloned()
        .unwrap_or_default();
    Ok(Written {
        pages: sizes.len(),
        bytes: bytes.load(Ordering::Relaxed),
        largest,
    })
}
