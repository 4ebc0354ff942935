//! The HTML report (`samdrift report`): a static, self-contained site for a pre-study
//! group, built from the library's [`Study`](crate::study::Study) values.
//!
//! - [`site`] builds the report's data ([`site::Site`], also written as `report.json`) from
//!   the studies, with one page builder per page: [`overview`], [`org`], [`component`],
//!   [`waves`] and [`scenario`];
//! - [`rows`] holds what pages share (links, sources, the gap row) and [`sentence`] turns
//!   a gap's finding or a plan warning into a translation key with typed values; both are
//!   leaves that import no other report module;
//! - [`diagram`] lays out an organisation's dependency diagram as numbers;
//! - [`i18n`] owns the languages: translation tables and number and date formats;
//! - [`render`] turns the data into pages with the (embedded or overriding) templates, and
//!   [`html`] writes the rows of the long tables (a template per row was most of the time);
//! - [`output`] writes the folder safely, replacing only a previous report.
//!
//! The report never computes gaps or plans itself, and words each gap from the finding the
//! gap analysis made, so it cannot disagree with `samdrift gaps` or `samdrift waves`.

pub mod collate;
pub mod component;
pub mod contracts;
pub mod costs;
pub mod decision;
pub mod diagram;
pub mod halls;
pub mod html;
pub mod i18n;
pub mod items;
pub mod org;
pub mod output;
pub mod overview;
pub mod quality;
pub mod render;
pub mod rows;
pub mod scenario;
pub mod sentence;
pub mod since;
pub mod site;
pub mod waves;

use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

pub use i18n::Lang;
pub use render::Templates;
pub use site::{BuildOptions, Site, build};

/// What a run wrote.
#[derive(Debug, Default)]
pub struct Written {
    pub pages: usize,
    pub bytes: u64,
    /// The largest page and its size in bytes.
    pub largest: (String, u64),
}

/// The handlebars registry for `lang`, amounts in `currency`, with its locale.
pub fn registry(
    templates: &Templates,
    lang: Lang,
    currency: &str,
) -> Result<render::Registry, String> {
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
    let common = render::common(site, lang)?;
    let bytes = AtomicU64::new(0);
    let sizes: Vec<(String, u64)> = jobs
        .par_iter()
        .map(|job| {
            let (path, html) = render::render_with(&hb, site, &common, job)?;
            staging
                .write(&path, html.as_bytes())
                .map_err(|e| e.to_string())?;
            bytes.fetch_add(html.len() as u64, Ordering::Relaxed);
            tick();
            Ok((path, html.len() as u64))
        })
        .collect::<Result<_, String>>()?;
    if json {
        // Streamed to the file, not made in memory first.
        let file = staging.create("report.json").map_err(|e| e.to_string())?;
        let mut w = std::io::BufWriter::new(file);
        serde_json::to_writer(&mut w, site).map_err(|e| e.to_string())?;
        std::io::Write::flush(&mut w).map_err(|e| e.to_string())?;
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

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    /// The report's modules import one another without a cycle, and the shared leaves
    /// (`rows`, `sentence`, `i18n`, `collate`) import no page builder.
    #[test]
    fn modules_import_one_another_without_a_cycle() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report");
        let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            if name == "mod" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let used = text
                .match_indices("super::")
                .map(|(i, _)| {
                    text[i + 7..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .filter(|m| !m.is_empty() && dir.join(format!("{m}.rs")).is_file())
                .collect();
            uses.insert(name, used);
        }
        // The leaves: `sentence`, `i18n` and `collate` (languages and their order), and
        // `rows`, which only uses them.
        let leaves = ["sentence", "i18n", "collate"];
        for m in ["rows", "sentence", "i18n", "collate"] {
            assert!(
                uses[m].iter().all(|u| leaves.contains(&u.as_str())),
                "{m} imports {:?}",
                uses[m]
            );
        }
        // Depth-first search for a cycle.
        fn visit(
            m: &str,
            uses: &BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<String>,
            done: &mut BTreeSet<String>,
        ) {
            assert!(!path.iter().any(|p| p == m), "import cycle: {path:?} → {m}");
            if done.contains(m) {
                return;
            }
            path.push(m.to_string());
            for n in &uses[m] {
                visit(n, uses, path, done);
            }
            path.pop();
            done.insert(m.to_string());
        }
        let mut done = BTreeSet::new();
        for m in uses.keys() {
            visit(m, &uses, &mut Vec::new(), &mut done);
        }
        assert!(uses["site"].contains("waves") && uses["render"].contains("site"));
    }
}
