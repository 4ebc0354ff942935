//! Findings as the editor shows them: every diagnostic of the loaded project (what
//! `samdrift validate` prints), and with a chosen target its open gaps (information) and the
//! analysis' warnings, grouped by the file they concern.

use super::Gaps;
use super::text::Text;
use crate::diag::{Diagnostic, Level, Pos};
use crate::gaps::Gap;
use crate::load::session::Session;
use crate::model::Loc;
use lsp_types as lt;
use std::collections::HashMap;

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

/// The chosen target's open gaps (information) and the analysis' warnings, by relative path.
pub fn gap_findings(s: &Session, gaps: &Gaps) -> HashMap<String, Vec<Finding>> {
    let mut out: HashMap<String, Vec<Finding>> = HashMap::new();
    let p = s.project();
    let (Some(a), Some(t)) = (gaps.analysis(), p.target(&gaps.target)) else {
        return out;
    };
    for d in &a.warnings {
        out.entry(d.file.clone()).or_default().push(Finding::of(d));
    }
    for g in a.open() {
        let loc = gap_loc(g);
        out.entry(p.file(loc.file).to_string())
            .or_default()
            .push(Finding {
                severity: lt::DiagnosticSeverity::INFORMATION,
                code: g.rule.clone(),
                pos: Some(loc.pos),
                message: gap_message(g, &t.id),
                hint: None,
                // The judged value is one token; an asset without the field is its line.
                line: g.asset_idx.is_some_and(|i| p.asset(i).loc == loc),
            });
    }
    out
}

/// The checks' findings with the gap findings added (a warning the checks already give is
/// not repeated).
pub fn merge(
    mut checks: HashMap<String, Vec<Finding>>,
    gaps: &HashMap<String, Vec<Finding>>,
) -> HashMap<String, Vec<Finding>> {
    for (file, list) in gaps {
        let f = checks.entry(file.clone()).or_default();
        for x in list {
            if x.severity == lt::DiagnosticSeverity::INFORMATION || !f.contains(x) {
                f.push(x.clone());
            }
        }
    }
    checks
}
