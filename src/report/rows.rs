//! What several pages of the report share: links to pages and sources, and the gap row.
//!
//! A leaf of the report's modules: it imports library values and [`super::sentence`] only,
//! so that every page builder can use it and none has to import another.

use super::i18n::Lang;
use super::sentence::{self, Sentence};
use crate::gaps::{Gap, GapKind};
use crate::model::{Action, Asset, AssetIdx, Layer, OrgIdx, Project, Severity, Target};
use serde::Serialize;

/// Rows of an asset or gap list per HTML page; longer lists continue on further pages.
pub const ROWS_PER_PAGE: usize = 1000;

/// Where a fact was written: `file:line`, and a web link when a repository URL is known.
/// Serialized with `dir` and `name` too: `file` split after its last `/`, so a page can let
/// a narrow column break the path there (`inventory/gnosjo/` and `infrastruktur.yaml`).
#[derive(Clone, Debug)]
pub struct Src {
    pub file: String,
    pub line: Option<u32>,
    pub url: Option<String>,
}

impl Serialize for Src {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let cut = self.file.rfind('/').map_or(0, |i| i + 1);
        let mut st = s.serialize_struct("Src", 5)?;
        st.serialize_field("file", &self.file)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("url", &self.url)?;
        st.serialize_field("dir", &self.file[..cut])?;
        st.serialize_field("name", &self.file[cut..])?;
        st.end()
    }
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

#[derive(Clone, Serialize)]
pub struct OrgLink {
    pub id: String,
    pub name: String,
    pub href: String,
}

#[derive(Serialize, Clone)]
pub struct ComponentLink {
    pub id: String,
    pub name: String,
    pub href: String,
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

/// Links to pages and sources of one project, and the language its lists are sorted for.
#[derive(Clone, Copy)]
pub struct Links<'a> {
    pub p: &'a Project,
    /// Web address of the repository's files: sources link to `URL/file#Lline`.
    pub repo: Option<&'a str>,
    /// The reader's language: lists are sorted as it sorts text ([`super::collate`]).
    pub lang: Lang,
    /// Each asset's place in its organisation's asset list (by [`AssetIdx`]), which decides
    /// the list page its row is on; empty: the order of the inventory.
    pub order: &'a [u32],
}

impl Links<'_> {
    /// Sorts `items` by the name `key` gives, as the reader's language sorts names.
    pub fn sort_by_name<T>(&self, items: &mut [T], key: impl Fn(&T) -> &str) {
        super::collate::sort_by_text(self.lang, items, key);
    }

    /// `a` against `b` as the reader's language sorts names.
    pub fn cmp_names(&self, a: &str, b: &str) -> std::cmp::Ordering {
        super::collate::cmp(self.lang, a, b)
    }

    pub fn src(&self, file: &str, line: Option<u32>) -> Src {
        Src::new(file, line, self.repo)
    }

    pub fn asset_src(&self, a: &Asset) -> Src {
        self.src(self.p.file(a.loc.file), Some(a.loc.pos.line))
    }

    pub fn asset_link(&self, i: AssetIdx) -> String {
        let a = self.p.asset(i);
        let org = self.p.org(a.org);
        let pos = match self.order.get(i.0 as usize) {
            Some(&pos) => pos,
            None => i.0 - org.assets.start,
        };
        asset_href(&org.id, &a.id, pos as usize)
    }

    /// The order of every organisation's asset list: by layer (services first, as the
    /// diagram draws them), then by name as the reader's language sorts names. Returns each
    /// asset's place in its organisation's list, by [`AssetIdx`].
    pub fn asset_order(p: &Project, lang: Lang) -> Vec<u32> {
        use rayon::prelude::*;
        let per_org: Vec<Vec<(u32, u32)>> = p
            .orgs
            .par_iter()
            .map(|org| {
                let mut idx: Vec<u32> = org.assets.clone().collect();
                idx.sort_by(|&a, &b| {
                    let (x, y) = (p.asset(AssetIdx(a)), p.asset(AssetIdx(b)));
                    y.layer
                        .cmp(&x.layer)
                        .then_with(|| super::collate::cmp(lang, &x.name, &y.name))
                        .then(x.id.cmp(&y.id))
                });
                idx.into_iter()
                    .enumerate()
                    .map(|(pos, a)| (a, pos as u32))
                    .collect()
            })
            .collect();
        let mut order = vec![0; p.assets.len()];
        for (a, pos) in per_org.into_iter().flatten() {
            order[a as usize] = pos;
        }
        order
    }

    pub fn org_link(&self, o: OrgIdx) -> OrgLink {
        let org = self.p.org(o);
        OrgLink {
            id: org.id.clone(),
            name: org.name().to_string(),
            href: org_href(&org.id),
        }
    }

    pub fn component_link(&self, t: &Target, id: &str) -> ComponentLink {
        ComponentLink {
            id: id.to_string(),
            name: t.component(id).map_or(id, |c| c.name.as_str()).to_string(),
            href: component_href(id),
        }
    }
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
    /// The finding's code (`end-of-support-before`).
    pub code: &'static str,
    pub severity: Severity,
    /// 0 (low) to 3 (critical), for sorting.
    pub severity_rank: usize,
    pub action: Action,
    pub component: Option<String>,
    pub component_name: Option<String>,
    pub hours: f64,
    pub cost: f64,
    pub waived: bool,
    pub waiver: Option<String>,
    /// The finding as a sentence in the reader's language.
    pub reason: Sentence,
    /// The finding in English, as in `samdrift gaps`.
    pub message: String,
    /// Where the gap's asset (or, for a missing gap, its rule) is written.
    pub src: Src,
    /// Where the field the finding judged is written.
    pub finding_src: Src,
    pub rule_src: Src,
    /// The wave of the plan item that closes it (`None` without a plan or a wave).
    pub wave: Option<u32>,
    /// Link to that item's row on its wave's page.
    pub item_href: Option<String>,
    /// Whether a plan item closes it (a waived gap has none; an unplaced item no wave).
    pub planned: bool,
}

impl GapRow {
    pub fn new(links: &Links, t: &Target, gap: &Gap) -> GapRow {
        let p = links.p;
        let rule = &t.rules[gap.rule_idx];
        let asset = gap.asset_idx.map(|i| (i, p.asset(i)));
        GapRow {
            org: gap.org.clone(),
            org_name: p.org(gap.org_idx).name().to_string(),
            asset: gap.asset.clone(),
            asset_name: asset.map(|(_, x)| x.name.clone()),
            asset_href: asset.map(|(i, _)| links.asset_link(i)),
            layer: gap.layer,
            rule: gap.rule.clone(),
            rule_title: rule.title.clone(),
            kind: gap.kind,
            code: gap.finding.code(),
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
            reason: sentence::finding(&gap.finding, t),
            message: gap.message(),
            src: links.src(gap.file.as_deref().unwrap_or_default(), gap.line),
            finding_src: links.src(p.file(gap.finding.at.file), Some(gap.finding.pos().line)),
            rule_src: links.src(p.file(t.file), Some(rule.loc.pos.line)),
            wave: None,
            item_href: None,
            planned: false,
        }
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
    fn assets_past_the_first_page_link_to_later_pages() {
        assert_eq!(asset_href("a", "x", 0), "org/a.html#a-x");
        assert_eq!(
            asset_href("a", "x", ROWS_PER_PAGE),
            "org/a-assets-2.html#a-x"
        );
    }
}
