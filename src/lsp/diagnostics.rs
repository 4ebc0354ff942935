//! Findings as the editor shows them: every diagnostic of the loaded project (what
//! `samdrift validate` prints), and with a chosen target its open gaps (information) and the
//! analysis' warnings, grouped by the file they concern.

use super::Gaps;
use super::text::Text;
use crate::diag::{Diagnostic, Level, Pos};
use crate::gaps::Gap;
use crate::load::session::Session;
use crate::model::{Loc, OrgIdx};
use lsp_types as lt;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// One finding in a file, before it is placed in the editor's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: lt::DiagnosticSeverity,
    pub code: String,
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: Option<String>,
    /// Marks the whole rest of the line (a gap about an item that lacks the judged field),
    /// rather than the token at `pos`.
    pub line: bool,
}

impl Finding {
    pub fn of(d: &Diagnostic) -> Finding {
        Finding {
            severity: match d.level {
                Level::Error => lt::DiagnosticSeverity::ERROR,
                Level::Warning => lt::DiagnosticSeverity::WARNING,
            },
            code: d.code.to_string(),
            pos: d.pos,
            message: d.message.clone(),
            hint: d.hint.clone(),
            line: false,
        }
    }

    pub fn range(&self, text: &Text) -> lt::Range {
        match self.pos {
            None => lt::Range::default(),
            Some(p) if self.line => {
                let start = text.position(p);
                let line = text.line(start.line as usize);
                let end: usize = line.chars().map(char::len_utf16).sum();
                lt::Range::new(
                    start,
                    lt::Position::new(start.line, (end as u32).max(start.character)),
                )
            }
            Some(p) => text.token_range(p),
        }
    }

    pub fn to_lsp(&self, text: &Text) -> lt::Diagnostic {
        let message = match &self.hint {
            Some(h) => format!("{}\nhint: {h}", self.message),
            None => self.message.clone(),
        };
        lt::Diagnostic {
            range: self.range(text),
            severity: Some(self.severity),
            code: Some(lt::NumberOrString::String(self.code.clone())),
            source: Some("samdrift".into()),
            message,
            ..Default::default()
        }
    }
}

/// Where a gap is shown: the field its finding judged (where that is not written, the
/// asset's mapping; for `missing`: the rule's `min_per_org`), as SARIF places it.
pub fn gap_loc(g: &Gap) -> Loc {
    g.finding.at
}

/// How a gap reads in the editor.
pub fn gap_message(g: &Gap, target: &str) -> String {
    let component = g
        .component
        .as_ref()
        .map(|c| format!(" → `{c}`"))
        .unwrap_or_default();
    format!(
        "gap against `{target}` ({} {}, rule `{}`{component}): {}",
        g.severity.as_str(),
        g.kind.as_str(),
        g.rule,
        g.message()
    )
}

/// Every finding of the session: what `samdrift validate` reports, by relative path.
pub fn checks(s: &Session) -> HashMap<String, Vec<Finding>> {
    let mut out: HashMap<String, Vec<Finding>> = HashMap::new();
    for d in s.diagnostics() {
        out.entry(d.file.clone()).or_default().push(Finding::of(d));
    }
    out
}

/// The chosen target's open gaps (information) and the analysis' warnings, by relative
/// path. A gap about an asset is shown in the asset's file, one of its organisation's; the
/// warnings and the gaps without an asset (`missing`) in the target's file.
#[derive(Default)]
pub struct GapFindings {
    by_file: HashMap<String, Vec<Finding>>,
    /// The files holding findings that are no one organisation's.
    shared: BTreeSet<String>,
}

impl GapFindings {
    pub fn get(&self, file: &str) -> Option<&Vec<Finding>> {
        self.by_file.get(file)
    }

    /// Makes the findings again from the analysis of `gaps`: all of them (`again` is
    /// `None`), or those of the organisations in `again` (judged again since the findings
    /// were last made) and the shared ones. Returns the files whose findings may have
    /// changed.
    pub fn update(
        &mut self,
        s: &Session,
        gaps: &Gaps,
        again: Option<&[OrgIdx]>,
    ) -> BTreeSet<String> {
        let p = s.project();
        let mut dirty: BTreeSet<String> = BTreeSet::new();
        let found = match (gaps.analysis(), p.target(&gaps.target), again) {
            (Some(a), Some(t), Some(again)) => Some((a, t, again)),
            (Some(a), Some(t), None) => {
                dirty.extend(self.by_file.drain().map(|(f, _)| f));
                self.shared.clear();
                Some((a, t, &a.orgs[..]))
            }
            _ => None,
        };
        let Some((a, t, again)) = found else {
            dirty.extend(self.by_file.drain().map(|(f, _)| f));
            self.shared.clear();
            return dirty;
        };
        let mut judged = vec![false; p.orgs.len()];
        for o in again {
            if let Some(j) = judged.get_mut(o.0 as usize) {
                *j = true;
            }
        }
        // Out: the shared files' findings and those of the organisations judged again.
        let dirs: Vec<String> = again
            .iter()
            .map(|&o| format!("{}/", p.org(o).dir))
            .collect();
        self.by_file.retain(|f, _| {
            let gone = self.shared.contains(f) || dirs.iter().any(|d| f.starts_with(d.as_str()));
            if gone {
                dirty.insert(f.clone());
            }
            !gone
        });
        self.shared.clear();
        // In, in the order of the analysis: the warnings, then the open gaps.
        for d in &a.warnings {
            self.shared.insert(d.file.clone());
            dirty.insert(d.file.clone());
            self.by_file
                .entry(d.file.clone())
                .or_default()
                .push(Finding::of(d));
        }
        // The gaps to show, worded on every core, then filed in order.
        let shown: Vec<&Gap> = a
            .open()
            .filter(|g| {
                g.asset_idx.is_none() || judged.get(g.org_idx.0 as usize).copied().unwrap_or(true)
            })
            .collect();
        let worded: Vec<(usize, Finding)> = shown
            .par_iter()
            .map(|g| {
                let loc = gap_loc(g);
                let finding = Finding {
                    severity: lt::DiagnosticSeverity::INFORMATION,
                    code: g.rule.clone(),
                    pos: Some(loc.pos),
                    message: gap_message(g, &t.id),
                    hint: None,
                    // The judged value is one token; an asset without the field is its line.
                    line: g.asset_idx.is_some_and(|i| p.asset(i).loc == loc),
                };
                (loc.file.0 as usize, finding)
            })
            .collect();
        // By file, in the order of the analysis (after the warnings already filed).
        let mut per_file: Vec<Vec<Finding>> = vec![Vec::new(); p.files.len()];
        let mut shared = vec![false; p.files.len()];
        for (g, (file, finding)) in shown.iter().zip(worded) {
            if let Some(list) = per_file.get_mut(file) {
                list.push(finding);
                shared[file] |= g.asset_idx.is_none();
            }
        }
        for (i, list) in per_file.into_iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            let file = &p.files[i].path;
            if shared[i] {
                self.shared.insert(file.clone());
            }
            dirty.insert(file.clone());
            self.by_file.entry(file.clone()).or_default().extend(list);
        }
        dirty
    }
}

/// What a file shows: the checks' findings with the gap findings added (a warning the
/// checks already give is not repeated); `None` when there is nothing.
pub fn merge(checks: Option<&Vec<Finding>>, gaps: Option<&Vec<Finding>>) -> Option<Vec<Finding>> {
    let mut f: Vec<Finding> = checks.cloned().unwrap_or_default();
    for x in gaps.into_iter().flatten() {
        if x.severity == lt::DiagnosticSeverity::INFORMATION || !f.contains(x) {
            f.push(x.clone());
        }
    }
    (!f.is_empty()).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gaps::Kept;
    use crate::load::Overlay;

    /// After edits, the gap findings made again for the organisations judged again are those
    /// made from scratch, and every file whose findings changed is among those returned.
    #[test]
    fn findings_updated_per_organisation_are_those_made_anew() {
        let dir = tempfile::tempdir().unwrap();
        let estate = estate_gen::generate(&estate_gen::Spec::municipal(5, 60, 2));
        estate.write(dir.path()).unwrap();
        let text = |rel: &str| {
            let (_, b) = estate.files.iter().find(|(r, _)| r == rel).unwrap();
            String::from_utf8(b.clone()).unwrap()
        };
        let mut overlay = Overlay::new();
        let mut s = Session::open(dir.path(), &overlay);
        let as_of = "2026-01-01".parse().unwrap();
        let t = s.project().target("national").unwrap().clone();
        let mut gaps = Gaps {
            target: "national".into(),
            kept: Some(Kept::new(s.project(), s.graph(), &t, as_of)),
            stamp: Some(s.stamp()),
            stale: false,
        };
        let mut found = GapFindings::default();
        found.update(&s, &gaps, None);
        let orgs: Vec<String> = s.project().orgs.iter().map(|o| o.id.clone()).collect();
        let edits = [
            (
                format!("inventory/{}/platforms.yaml", orgs[0]),
                "sla: office-hours",
                "sla: 24x7",
            ),
            (
                format!("inventory/{}/network.yaml", orgs[1]),
                "kind: firewall",
                "kind: lan",
            ),
            (
                format!("inventory/{}/organisation.yaml", orgs[2]),
                "  - id: dc-000",
                "  - id: dc-x",
            ),
            (
                format!("inventory/{}/services/verksamhet.yaml", orgs[3]),
                "tags: [",
                "tags: [vard-omsorg, ",
            ),
            (
                format!("inventory/{}/platforms.yaml", orgs[0]),
                "sla: 24x7",
                "sla: office-hours",
            ),
            // Everything is judged again; the findings are made again where gaps differ.
            (
                "targets/national.yaml".into(),
                "sites_at_least: 2",
                "sites_at_least: 3",
            ),
            (
                "targets/national.yaml".into(),
                "severity: low",
                "severity: medium",
            ),
        ];
        let mut changes = 0;
        for (rel, from, to) in edits {
            let now = overlay.get(&rel).cloned().unwrap_or_else(|| text(&rel));
            assert!(now.contains(from), "{rel}: {from}");
            overlay.insert(rel.clone(), now.replace(from, to));
            s.reread(&[&rel], &overlay);
            let t = s.project().target("national").unwrap().clone();
            let kept = gaps.kept.as_mut().unwrap();
            let again = match s.changed_since(gaps.stamp.unwrap()) {
                Some(orgs) => kept.update(s.project(), s.graph(), &t, as_of, &orgs),
                None => kept.renew(s.project(), s.graph(), &t, as_of),
            };
            let again = again.unwrap();
            assert!(
                again.len() < orgs.len() || rel.starts_with("targets/"),
                "{again:?}"
            );
            gaps.stamp = Some(s.stamp());
            let before = found.by_file.clone();
            let dirty = found.update(&s, &gaps, Some(&again));
            let mut fresh = GapFindings::default();
            fresh.update(&s, &gaps, None);
            assert_eq!(found.by_file, fresh.by_file, "{rel}");
            assert_eq!(found.shared, fresh.shared, "{rel}");
            for f in before.keys().chain(fresh.by_file.keys()) {
                if before.get(f) != fresh.by_file.get(f) {
                    changes += 1;
                    assert!(dirty.contains(f), "{rel}: {f} changed");
                }
            }
        }
        assert!(changes >= 5, "{changes}");
    }
}
