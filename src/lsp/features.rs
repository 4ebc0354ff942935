//! The requests: go to definition, find references, hover, completion, rename and quick
//! fixes, each answered from the loaded project (refs as `validate` resolved them, the
//! dependency graph of `impact`, the gap analysis of the chosen target).

use super::Server;
use super::diagnostics::gap_message;
use super::syntax::{self, Hit};
use super::text::{Text, unquoted};
use crate::diag::Pos;
use crate::model::{
    Action, AssetIdx, Expectation, FileId, Layer, Loc, OrgIdx, Project, Severity, Target,
};
use lsp_server::ErrorCode;
use lsp_types as lt;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

type Answer = Result<Value, (ErrorCode, String)>;

fn params<P: DeserializeOwned>(v: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(v)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn json(v: impl serde::Serialize) -> Answer {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

/// Answers one request.
pub(super) fn dispatch<W: Write>(s: &mut Server<W>, method: &str, p: Value) -> Answer {
    let s: &Server<W> = s;
    match method {
        "textDocument/definition" => {
            let p: lt::GotoDefinitionParams = params(p)?;
            json(
                definition(s, &p.text_document_position_params)
                    .map(lt::GotoDefinitionResponse::Array),
            )
        }
        "textDocument/references" => {
            let p: lt::ReferenceParams = params(p)?;
            json(references(
                s,
                &p.text_document_position,
                p.context.include_declaration,
            ))
        }
        "textDocument/hover" => {
            let p: lt::HoverParams = params(p)?;
            json(hover(s, &p.text_document_position_params))
        }
        "textDocument/completion" => {
            let p: lt::CompletionParams = params(p)?;
            json(completion(s, &p.text_document_position).map(lt::CompletionResponse::List))
        }
        "textDocument/prepareRename" => {
            let p: lt::TextDocumentPositionParams = params(p)?;
            json(prepare_rename(s, &p))
        }
        "textDocument/rename" => {
            let p: lt::RenameParams = params(p)?;
            rename(s, &p.text_document_position, &p.new_name).and_then(json)
        }
        "textDocument/codeAction" => {
            let p: lt::CodeActionParams = params(p)?;
            json(code_actions(s, &p))
        }
        _ => Err((
            ErrorCode::MethodNotFound,
            format!("unknown method `{method}`"),
        )),
    }
}

/// The cursor: its file, that file's text and id in the project, and the scalar under it.
struct At {
    rel: String,
    file: Option<FileId>,
    text: Rc<Text>,
    pos: Pos,
}

fn at<W: Write>(s: &Server<W>, tdp: &lt::TextDocumentPositionParams) -> Option<At> {
    let rel = s.rel(&tdp.text_document.uri)?;
    let text = s.text(&rel)?;
    let pos = text.pos(tdp.position);
    let file = project(s).and_then(|p| {
        p.files
            .iter()
            .position(|f| f.path == rel)
            .map(|i| FileId(i as u32))
    });
    Some(At {
        rel,
        file,
        text,
        pos,
    })
}

fn project<W: Write>(s: &Server<W>) -> Option<&Project> {
    s.session.as_ref().map(|x| x.project())
}

/// What a name in a file stands for.
#[derive(Clone, Debug, PartialEq)]
enum Sym {
    Asset(AssetIdx),
    /// A component of one target, or (from `realizes`) of any.
    Component(Option<usize>, String),
    Rule(usize, String),
    Org(OrgIdx),
}

fn layer_key(k: &str) -> bool {
    Layer::parse(k).is_some()
}

/// The symbol the scalar `hit` of file `file` names.
fn symbol(p: &Project, file: FileId, rel: &str, hit: &Hit) -> Option<Sym> {
    if hit.is_key {
        return None;
    }
    let here = Loc { file, pos: hit.pos };
    let keys = hit.keys();
    if rel.starts_with("inventory/") {
        return match keys.as_slice() {
            [l, "[]", "id"] if layer_key(l) => p
                .assets
                .iter()
                .position(|a| a.id_loc == here)
                .map(|i| Sym::Asset(AssetIdx(i as u32))),
            [l, "[]", "site"] | [l, "[]", "depends_on", "[]"] if layer_key(l) => p
                .assets
                .iter()
                .flat_map(|a| a.refs())
                .find(|r| r.loc == here)
                .and_then(|r| r.resolved)
                .map(Sym::Asset),
            [l, "[]", "realizes"] if layer_key(l) => Some(Sym::Component(None, hit.text.clone())),
            _ => None,
        };
    }
    let ti = p.targets.iter().position(|t| t.file == file)?;
    let org = |id: &str| p.org_by_id(id).map(Sym::Org);
    match keys.as_slice() {
        ["components", "[]", "id"]
        | ["components", "[]", "depends_on", "[]"]
        | ["rules", "[]", "expect", "moved_to"] => Some(Sym::Component(Some(ti), hit.text.clone())),
        ["rules", "[]", "id"] | ["waivers", "[]", "rule"] => Some(Sym::Rule(ti, hit.text.clone())),
        ["waivers", "[]", "org"]
        | ["target", "organisations", "[]"]
        | ["rules", "[]", "select", "org"]
        | ["rules", "[]", "select", "org", "[]"] => org(&hit.text),
        ["waivers", "[]", "asset"] => p.find_asset(hit.sibling("org")?, &hit.text).map(Sym::Asset),
        _ => None,
    }
}

/// The symbol under the cursor, with the scalar naming it.
fn symbol_at<W: Write>(
    s: &Server<W>,
    tdp: &lt::TextDocumentPositionParams,
) -> Option<(At, Hit, Sym)> {
    let at = at(s, tdp)?;
    let p = project(s)?;
    let hit = syntax::scalar_at(&at.text, at.pos)?;
    let sym = symbol(p, at.file?, &at.rel, &hit)?;
    Some((at, hit, sym))
}

impl<W: Write> Server<W> {
    /// A place in the project as the editor's location, the token at `loc` marked.
    fn location(&self, loc: Loc) -> Option<lt::Location> {
        let rel = project(self)?.file(loc.file).to_string();
        let text = self.text(&rel)?;
        Some(lt::Location::new(self.uri(&rel)?, unquoted(&text, loc.pos)))
    }

    /// The first line of a file.
    fn file_start(&self, rel: &str) -> Option<lt::Location> {
        Some(lt::Location::new(self.uri(rel)?, lt::Range::default()))
    }
}

fn org_location<W: Write>(s: &Server<W>, p: &Project, o: OrgIdx) -> Option<lt::Location> {
    let org = p.org(o);
    match &org.meta {
        Some(m) => s.location(m.loc),
        None => {
            let prefix = format!("{}/", org.dir);
            let f = p.files.iter().find(|f| f.path.starts_with(&prefix))?;
            s.file_start(&f.path)
        }
    }
}

fn targets_of(p: &Project, t: Option<usize>) -> impl Iterator<Item = &Target> {
    p.targets
        .iter()
        .enumerate()
        .filter(move |(i, _)| t.is_none_or(|t| t == *i))
        .map(|(_, t)| t)
}

fn definition<W: Write>(
    s: &Server<W>,
    tdp: &lt::TextDocumentPositionParams,
) -> Option<Vec<lt::Location>> {
    let (_, _, sym) = symbol_at(s, tdp)?;
    let p = project(s)?;
    let out: Vec<lt::Location> = match sym {
        Sym::Asset(i) => s.location(p.asset(i).id_loc).into_iter().collect(),
        Sym::Component(t, id) => targets_of(p, t)
            .filter_map(|t| t.component(&id))
            .filter_map(|c| s.location(c.loc))
            .collect(),
        Sym::Rule(t, id) => p.targets[t]
            .rules
            .iter()
            .filter(|r| r.id == id)
            .filter_map(|r| s.location(r.loc))
            .collect(),
        Sym::Org(o) => org_location(s, p, o).into_iter().collect(),
    };
    (!out.is_empty()).then_some(out)
}

/// The waivers of the project's targets, as written: each with its scalar entries and the
/// places of its values, by target file.
fn waiver_values<W: Write>(s: &Server<W>, p: &Project, key: &str) -> Vec<(String, Hit)> {
    let mut out = Vec::new();
    for t in &p.targets {
        let rel = p.file(t.file).to_string();
        let Some(text) = s.text(&rel) else { continue };
        for h in syntax::values(text.as_str()) {
            if h.keys() == ["waivers", "[]", key] {
                out.push((rel.clone(), h));
            }
        }
    }
    out
}

fn hit_location<W: Write>(s: &Server<W>, rel: &str, pos: Pos) -> Option<lt::Location> {
    let text = s.text(rel)?;
    Some(lt::Location::new(s.uri(rel)?, unquoted(&text, pos)))
}

fn references<W: Write>(
    s: &Server<W>,
    tdp: &lt::TextDocumentPositionParams,
    declaration: bool,
) -> Option<Vec<lt::Location>> {
    let (_, _, sym) = symbol_at(s, tdp)?;
    let p = project(s)?;
    let mut out = Vec::new();
    match sym {
        Sym::Asset(i) => {
            let a = p.asset(i);
            if declaration {
                out.extend(s.location(a.id_loc));
            }
            // The refs naming it, then the waivers, then what depends on it further away:
            // the blast radius of `samdrift impact`.
            let mut direct = Vec::new();
            for (j, b) in p.assets.iter().enumerate() {
                for r in b.refs().filter(|r| r.resolved == Some(i)) {
                    out.extend(s.location(r.loc));
                    direct.push(AssetIdx(j as u32));
                }
            }
            let org = &p.org(a.org).id;
            for (rel, h) in waiver_values(s, p, "asset") {
                if h.text == a.id && h.sibling("org") == Some(org) {
                    out.extend(hit_location(s, &rel, h.pos));
                }
            }
            let g = crate::graph::Graph::build(p);
            for j in g.impact(i) {
                if !direct.contains(&j) {
                    out.extend(s.location(p.asset(j).id_loc));
                }
            }
        }
        Sym::Component(t, id) => {
            for tt in targets_of(p, t) {
                if let Some(c) = tt.component(&id)
                    && declaration
                {
                    out.extend(s.location(c.loc));
                }
            }
            for a in &p.assets {
                if let Some(r) = a.realizes.as_ref().filter(|r| r.value == id) {
                    out.extend(s.location(r.loc));
                }
            }
            for tt in targets_of(p, t) {
                for r in &tt.rules {
                    for e in &r.expect {
                        if e.value == Expectation::MovedTo(id.clone()) {
                            out.extend(s.location(e.loc));
                        }
                    }
                }
                for c in &tt.components {
                    for d in c.depends_on.iter().filter(|d| d.value == id) {
                        out.extend(s.location(d.loc));
                    }
                }
            }
        }
        Sym::Rule(t, id) => {
            let target = &p.targets[t];
            if declaration {
                for r in target.rules.iter().filter(|r| r.id == id) {
                    out.extend(s.location(r.loc));
                }
            }
            let rel = p.file(target.file);
            for (f, h) in waiver_values(s, p, "rule") {
                if f == rel && h.text == id {
                    out.extend(hit_location(s, &f, h.pos));
                }
            }
        }
        Sym::Org(o) => {
            if declaration {
                out.extend(org_location(s, p, o));
            }
        }
    }
    Some(out)
}

fn hover<W: Write>(s: &Server<W>, tdp: &lt::TextDocumentPositionParams) -> Option<lt::Hover> {
    let (at, hit, sym) = symbol_at(s, tdp)?;
    let p = project(s)?;
    let mut md = String::new();
    match sym {
        Sym::Asset(i) => {
            let a = p.asset(i);
            md.push_str(&format!("**{}** · `{}`\n\n", a.name, p.asset_ref(i)));
            md.push_str(&format!("{} · {}", a.layer, a.kind));
            if a.quantity != 1 {
                md.push_str(&format!(" · {} units", a.quantity));
            }
            md.push_str("\n\n");
            if let Some(prod) = &a.product {
                md.push_str(&format!("- product: `{prod}`\n"));
            }
            if let Some(v) = &a.version {
                md.push_str(&format!("- version: {v}\n"));
            }
            if let Some(d) = a.end_of_support {
                md.push_str(&format!("- end of support: {d}\n"));
            }
            if let Some(c) = &a.contract {
                let who = c
                    .supplier
                    .as_ref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default();
                match c.ends {
                    Some(d) => md.push_str(&format!("- contract ends: {d}{who}\n")),
                    None => md.push_str(&format!("- contract{who}: no end date\n")),
                }
            }
            if !s.gaps.target.is_empty() {
                let open: Vec<_> = s
                    .gaps
                    .analysis()
                    .into_iter()
                    .flat_map(|x| x.open())
                    .filter(|g| g.asset_idx == Some(i))
                    .collect();
                if open.is_empty() {
                    md.push_str(&format!("\nNo open gaps against `{}`.\n", s.gaps.target));
                } else {
                    md.push_str(&format!("\nOpen gaps against `{}`:\n", s.gaps.target));
                    for g in open {
                        md.push_str(&format!("- {}\n", gap_message(g, &s.gaps.target)));
                    }
                }
            }
        }
        Sym::Component(t, id) => {
            for tt in targets_of(p, t) {
                let Some(c) = tt.component(&id) else { continue };
                md.push_str(&format!(
                    "**{}** · component `{}` of target `{}`\n\n{} · {}\n\n",
                    c.name, c.id, tt.id, c.layer, c.kind
                ));
                if let Some(prod) = &c.product {
                    md.push_str(&format!("- product: `{prod}`\n"));
                }
                md.push_str(&format!(
                    "- establish: {} h, {} {}\n- annual cost: {} {}\n",
                    c.establish_hours, c.establish_cost, tt.currency, c.annual_cost, tt.currency
                ));
            }
        }
        Sym::Rule(t, id) => {
            let r = p.targets[t].rules.iter().find(|r| r.id == id)?;
            md.push_str(&format!(
                "**{}** · rule `{}`\n\n{} · severity {}\n",
                r.title,
                r.id,
                r.action.as_str(),
                r.severity
            ));
        }
        Sym::Org(o) => {
            let org = p.org(o);
            md.push_str(&format!(
                "**{}** · organisation `{}`\n\n{} assets\n",
                org.name(),
                org.id,
                org.assets.len()
            ));
        }
    }
    Some(lt::Hover {
        contents: lt::HoverContents::Markup(lt::MarkupContent {
            kind: lt::MarkupKind::Markdown,
            value: md,
        }),
        range: Some(unquoted(&at.text, hit.pos)),
    })
}

/// The range of the id in a ref token (`org/id` → `id`), or of the whole scalar.
fn id_range(text: &Text, pos: Pos) -> lt::Range {
    let mut r = unquoted(text, pos);
    let line = text.line(r.start.line as usize);
    let token: String = line
        .encode_utf16()
        .skip(r.start.character as usize)
        .take((r.end.character - r.start.character) as usize)
        .map(|u| char::from_u32(u as u32).unwrap_or('?'))
        .collect();
    if let Some(i) = token.find('/') {
        r.start.character += i as u32 + 1;
    }
    r
}

fn prepare_rename<W: Write>(
    s: &Server<W>,
    tdp: &lt::TextDocumentPositionParams,
) -> Option<lt::PrepareRenameResponse> {
    let (at, hit, sym) = symbol_at(s, tdp)?;
    let Sym::Asset(i) = sym else { return None };
    Some(lt::PrepareRenameResponse::RangeWithPlaceholder {
        range: id_range(&at.text, hit.pos),
        placeholder: project(s)?.asset(i).id.clone(),
    })
}

fn rename<W: Write>(
    s: &Server<W>,
    tdp: &lt::TextDocumentPositionParams,
    new: &str,
) -> Result<Option<lt::WorkspaceEdit>, (ErrorCode, String)> {
    let Some((_, _, Sym::Asset(i))) = symbol_at(s, tdp) else {
        return Err((
            ErrorCode::InvalidParams,
            "only an asset id can be renamed here".into(),
        ));
    };
    let p = project(s).ok_or((ErrorCode::InternalError, "no project".into()))?;
    if !crate::model::is_valid_id(new) {
        return Err((
            ErrorCode::InvalidParams,
            format!(
                "`{new}` is not a valid id: ids use lowercase a-z, 0-9, `.`, `_` and `-`, starting with a letter or digit"
            ),
        ));
    }
    let a = p.asset(i);
    let org = &p.org(a.org).id;
    if a.id != new && p.find_asset(org, new).is_some() {
        return Err((
            ErrorCode::RequestFailed,
            format!("organisation `{org}` already has an asset `{new}`"),
        ));
    }
    let mut changes: HashMap<lt::Url, Vec<lt::TextEdit>> = HashMap::new();
    let mut edit = |rel: &str, pos: Pos| {
        if let (Some(uri), Some(text)) = (s.uri(rel), s.text(rel)) {
            changes
                .entry(uri)
                .or_default()
                .push(lt::TextEdit::new(id_range(&text, pos), new.to_string()));
        }
    };
    edit(p.file(a.id_loc.file), a.id_loc.pos);
    for b in &p.assets {
        for r in b.refs().filter(|r| r.resolved == Some(i)) {
            edit(p.file(r.loc.file), r.loc.pos);
        }
    }
    for (rel, h) in waiver_values(s, p, "asset") {
        if h.text == a.id && h.sibling("org") == Some(org) {
            edit(&rel, h.pos);
        }
    }
    for v in changes.values_mut() {
        v.sort_by_key(|e| (e.range.start.line, e.range.start.character));
        v.dedup();
    }
    Ok(Some(lt::WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }))
}

/// The most completion items sent for refs into other organisations; the list is marked
/// incomplete beyond it, so the editor asks again as more is typed.
const MAX_OTHER_ITEMS: usize = 500;

struct Items {
    range: lt::Range,
    items: Vec<lt::CompletionItem>,
    incomplete: bool,
}

impl Items {
    fn add(
        &mut self,
        label: &str,
        kind: lt::CompletionItemKind,
        detail: Option<String>,
        group: u8,
    ) {
        if self.items.iter().any(|i| i.label == label) {
            return;
        }
        self.items.push(lt::CompletionItem {
            label: label.to_string(),
            kind: Some(kind),
            detail,
            sort_text: Some(format!("{group}{label}")),
            filter_text: Some(label.to_string()),
            text_edit: Some(lt::CompletionTextEdit::Edit(lt::TextEdit::new(
                self.range,
                label.to_string(),
            ))),
            ..Default::default()
        });
    }

    fn words<'a>(
        &mut self,
        words: impl IntoIterator<Item = &'a str>,
        kind: lt::CompletionItemKind,
    ) {
        for w in words {
            self.add(w, kind, None, 0);
        }
    }
}

fn completion<W: Write>(
    s: &Server<W>,
    tdp: &lt::TextDocumentPositionParams,
) -> Option<lt::CompletionList> {
    let at = at(s, tdp)?;
    let p = project(s)?;
    let ty = syntax::typing(&at.text, at.pos);
    let key = ty.key.as_deref()?;
    let start = at.text.position(Pos::new(at.pos.line, ty.start_col));
    let mut out = Items {
        range: lt::Range::new(start, tdp.position),
        items: Vec::new(),
        incomplete: false,
    };
    let section = ty.section.as_deref().unwrap_or_default();
    let value = lt::CompletionItemKind::VALUE;
    let reference = lt::CompletionItemKind::REFERENCE;
    if let Some(org) = at
        .rel
        .strip_prefix("inventory/")
        .and_then(|r| r.split('/').next())
    {
        let layer = Layer::parse(section);
        match key {
            "site" | "depends_on" if layer.is_some() => {
                let sites_only = key == "site";
                let me = ty.sibling("id");
                let fits = |a: &crate::model::Asset| !sites_only || a.layer == Layer::Sites;
                let own = p.org_by_id(org);
                if let Some(o) = own {
                    for a in p.org_assets(o).iter().filter(|a| {
                        fits(a) && Some(a.id.as_str()) != me && a.id.starts_with(&ty.prefix)
                    }) {
                        out.add(
                            &a.id,
                            reference,
                            Some(format!("{} · {}", a.name, a.kind)),
                            0,
                        );
                    }
                }
                // Other organisations' assets as `org/id`: those of the org typed before a
                // `/`, else those whose org or id starts with what is typed.
                let prefix = ty.prefix.as_str();
                let (po, pi) = match prefix.split_once('/') {
                    Some((o, i)) => (Some(o), i),
                    None => (None, prefix),
                };
                let mut n = 0;
                'orgs: for (oi, o) in p.orgs.iter().enumerate() {
                    if Some(OrgIdx(oi as u32)) == own || po.is_some_and(|po| po != o.id) {
                        continue;
                    }
                    for a in p.org_assets(OrgIdx(oi as u32)).iter().filter(|a| fits(a)) {
                        let wanted = match po {
                            Some(_) => a.id.starts_with(pi),
                            None => o.id.starts_with(prefix) || a.id.starts_with(prefix),
                        };
                        if !wanted {
                            continue;
                        }
                        if n == MAX_OTHER_ITEMS {
                            out.incomplete = true;
                            break 'orgs;
                        }
                        n += 1;
                        let label = format!("{}/{}", o.id, a.id);
                        out.add(
                            &label,
                            reference,
                            Some(format!("{} · {}", a.name, a.kind)),
                            1,
                        );
                    }
                }
            }
            "kind" => {
                if let Some(l) = layer {
                    out.words(l.kinds().iter().copied(), value);
                }
            }
            "realizes" => {
                for t in &p.targets {
                    for c in &t.components {
                        out.add(&c.id, reference, Some(format!("{} · {}", c.name, t.id)), 0);
                    }
                }
            }
            "sla" | "service_window" => {
                for t in p.targets.iter().filter(|t| t.in_scope(org)) {
                    let list = if key == "sla" {
                        &t.sla_levels
                    } else {
                        &t.service_windows
                    };
                    out.words(list.iter().map(String::as_str), value);
                }
            }
            _ => {}
        }
    } else if at.rel.starts_with("targets/") {
        let target = p
            .targets
            .iter()
            .find(|t| Some(t.file) == at.file)
            .or_else(|| s.last_targets.get(&at.rel));
        let components = |out: &mut Items| {
            for c in target.iter().flat_map(|t| &t.components) {
                out.add(
                    &c.id,
                    reference,
                    Some(format!("{} · {} · {}", c.name, c.layer, c.kind)),
                    0,
                );
            }
        };
        match (section, key) {
            ("components", "depends_on") | ("rules", "moved_to") => components(&mut out),
            (_, "kind") => {
                let layers: Vec<Layer> = match ty.sibling("layer").and_then(Layer::parse) {
                    Some(l) => vec![l],
                    None => Layer::ALL.to_vec(),
                };
                for l in layers {
                    out.words(l.kinds().iter().copied(), value);
                }
            }
            (_, "layer") => out.words(Layer::ALL.map(Layer::as_str), value),
            ("rules", "action") => out.words(Action::ALL.map(Action::as_str), value),
            ("rules", "severity") => out.words(Severity::ALL.map(Severity::as_str), value),
            ("rules", "sla_at_least") => out.words(
                target
                    .iter()
                    .flat_map(|t| t.sla_levels.iter().map(String::as_str)),
                value,
            ),
            ("waivers", "rule") => {
                for r in target.iter().flat_map(|t| &t.rules) {
                    out.add(&r.id, reference, Some(r.title.clone()), 0);
                }
            }
            ("waivers", "org") | ("target", "organisations") | ("rules", "org") | (_, "org") => {
                for o in p.orgs.iter() {
                    out.add(
                        &o.id,
                        lt::CompletionItemKind::MODULE,
                        Some(o.name().to_string()),
                        0,
                    );
                }
            }
            ("waivers", "asset") => {
                if let Some(o) = ty.sibling("org").and_then(|o| p.org_by_id(o)) {
                    for a in p.org_assets(o) {
                        out.add(
                            &a.id,
                            reference,
                            Some(format!("{} · {}", a.name, a.kind)),
                            0,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    Some(lt::CompletionList {
        is_incomplete: out.incomplete,
        items: out.items,
    })
}

fn code_actions<W: Write>(
    s: &Server<W>,
    cp: &lt::CodeActionParams,
) -> Option<Vec<lt::CodeActionOrCommand>> {
    let rel = s.rel(&cp.text_document.uri)?;
    let text = s.text(&rel)?;
    let session = s.session.as_ref()?;
    let mut out = Vec::new();
    for d in session.diagnostics().iter().filter(|d| d.file == rel) {
        let (Some(pos), Some(hint)) = (d.pos, d.hint.as_deref()) else {
            continue;
        };
        let Some(fix) = crate::diag::suggestion(hint) else {
            continue;
        };
        let line = pos.line.saturating_sub(1);
        if line < cp.range.start.line || line > cp.range.end.line {
            continue;
        }
        let range = unquoted(&text, pos);
        let mut changes = HashMap::new();
        changes.insert(
            cp.text_document.uri.clone(),
            vec![lt::TextEdit::new(range, fix.to_string())],
        );
        let shown = super::diagnostics::Finding::of(d);
        out.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
            title: format!("Replace with `{fix}`"),
            kind: Some(lt::CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![shown.to_lsp(&text)]),
            edit: Some(lt::WorkspaceEdit {
                changes: Some(changes),
                ..Default::default()
            }),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    Some(out)
}
