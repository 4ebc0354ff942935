//! `samdrift lsp`: a language server for inventory and target files, over stdio.
//!
//! The server holds the editor's open files as an overlay on the project folder and a
//! [`Session`] of the library's loader: after an edit only the edited file is read again,
//! and the session checks again what the edit can affect, giving what `samdrift validate`
//! gives. With a target chosen, the gap analysis is kept up to date the same way
//! ([`crate::gaps::Kept`]): only the organisations whose gaps the edit can change are judged
//! again, and only their findings are made again. Diagnostics are sent for the files whose
//! findings changed. Every diagnostic comes from the library (the loader, `validate`, and
//! with a chosen target the gap analysis); this module only places findings in the editor
//! and answers navigation requests from the loaded project.
//!
//! Messages are handled one at a time in arrival order. Edits that arrive while the
//! project is being checked are applied together before the next check, so a fast typist
//! gets one check per pause, not one per keystroke.

mod diagnostics;
mod features;
mod syntax;
pub mod text;
pub mod transport;

use crate::load::Overlay;
use crate::load::session::{Reread, Session, Stamp};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lt;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use text::Text;
use transport::Incoming;

/// How the session ended: after `shutdown` then `exit` (0), or otherwise (1), as the
/// protocol asks.
/// `root` fixes the project root; without it, the root is the client's workspace folder (or
/// the folder above it that holds `inventory/`).
pub fn run(
    input: impl BufRead + Send + 'static,
    output: impl Write,
    root: Option<PathBuf>,
) -> io::Result<u8> {
    let rx = transport::spawn_reader(input);
    let mut s = Server::new(output);
    s.fixed_root = root;
    // Messages are handled as they come; when none waits, the project is checked and its
    // diagnostics published, and then, if still none waits, the gap analysis runs. So edits
    // typed quickly are checked together, and the gap analysis of a large estate never
    // holds back the diagnostics of an edit.
    let mut waiting: Option<Incoming> = None;
    loop {
        let msg = match waiting.take() {
            Some(m) => m,
            None => match rx.recv() {
                Ok(m) => m,
                Err(_) => return Ok(1),
            },
        };
        if let Some(code) = s.handle(msg)? {
            return Ok(code);
        }
        if let Ok(m) = rx.try_recv() {
            waiting = Some(m);
            continue;
        }
        s.check()?;
        if let Ok(m) = rx.try_recv() {
            waiting = Some(m);
            continue;
        }
        s.analyse()?;
    }
}

/// The chosen target and the gap analysis against it.
pub(crate) struct Gaps {
    pub target: String,
    /// The analysis, kept up to date with the session's changes.
    pub kept: Option<crate::gaps::Kept>,
    /// The session's state when the analysis was last brought up to date.
    pub stamp: Option<Stamp>,
    /// The project or the target changed since the analysis.
    pub stale: bool,
}

impl Gaps {
    pub fn analysis(&self) -> Option<&crate::gaps::Analysis> {
        self.kept.as_ref().map(crate::gaps::Kept::analysis)
    }
}

pub(crate) struct Server<W: Write> {
    out: W,
    fixed_root: Option<PathBuf>,
    initialized: bool,
    shutdown: bool,
    root: PathBuf,
    /// The open files under the root, by path relative to it.
    overlay: Overlay,
    /// Line tables of files read for positions, by relative path.
    texts: std::cell::RefCell<HashMap<String, std::rc::Rc<Text>>>,
    session: Option<Session>,
    /// Files to read again before the next answer, and whether everything must be.
    pending: BTreeSet<String>,
    reload: bool,
    /// Open files changed since diagnostics were last published.
    edited: BTreeSet<String>,
    gaps: Gaps,
    /// What was last published, by relative path.
    published: HashMap<String, Vec<diagnostics::Finding>>,
    /// The findings of the last gap analysis, by relative path.
    gap_findings: diagnostics::GapFindings,
    /// Files whose gap findings changed since diagnostics were last published.
    gaps_changed: BTreeSet<String>,
    /// The checks' findings when diagnostics were last published, by relative path.
    published_checks: HashMap<String, Vec<diagnostics::Finding>>,
    /// Each target file's target when it last loaded, for completion while it is half-typed.
    last_targets: HashMap<String, crate::model::Target>,
    next_request: i32,
}

impl<W: Write> Server<W> {
    fn new(out: W) -> Self {
        Server {
            out,
            fixed_root: None,
            initialized: false,
            shutdown: false,
            root: PathBuf::from("."),
            overlay: Overlay::new(),
            texts: Default::default(),
            session: None,
            pending: BTreeSet::new(),
            reload: false,
            edited: BTreeSet::new(),
            gaps: Gaps {
                target: String::new(),
                kept: None,
                stamp: None,
                stale: true,
            },
            published: HashMap::new(),
            gap_findings: Default::default(),
            gaps_changed: BTreeSet::new(),
            published_checks: HashMap::new(),
            last_targets: HashMap::new(),
            next_request: 0,
        }
    }

    fn send(&mut self, m: Message) -> io::Result<()> {
        transport::write(&mut self.out, m)
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) -> io::Result<()> {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )))
    }

    fn reply(
        &mut self,
        id: RequestId,
        result: Result<Value, (ErrorCode, String)>,
    ) -> io::Result<()> {
        let r = match result {
            Ok(v) => Response {
                id,
                response_result: Ok(v),
            },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(r))
    }

    /// Handles one message; `Some(code)` when the server must stop.
    fn handle(&mut self, msg: Incoming) -> io::Result<Option<u8>> {
        match msg {
            Incoming::Invalid(v) => transport::write_value(&mut self.out, &v)?,
            Incoming::Message(Message::Request(r)) => self.request(r)?,
            Incoming::Message(Message::Notification(n)) => {
                if n.method == "exit" {
                    return Ok(Some(if self.shutdown { 0 } else { 1 }));
                }
                if self.initialized && !self.shutdown {
                    self.notification(n)?;
                }
            }
            // Answers to the server's own requests (registering file watching).
            Incoming::Message(Message::Response(_)) => {}
        }
        Ok(None)
    }

    fn request(&mut self, r: Request) -> io::Result<()> {
        let id = r.id.clone();
        if r.method == "initialize" {
            if self.initialized {
                return self.reply(
                    id,
                    Err((
                        ErrorCode::InvalidRequest,
                        "initialize was sent twice".into(),
                    )),
                );
            }
            let result = match serde_json::from_value::<lt::InitializeParams>(r.params) {
                Ok(p) => {
                    let watch = self.initialize(&p);
                    self.reply(id, Ok(capabilities()))?;
                    if watch {
                        self.watch_files()?;
                    }
                    return Ok(());
                }
                Err(e) => Err((
                    ErrorCode::InvalidParams,
                    format!("invalid initialize params: {e}"),
                )),
            };
            return self.reply(id, result);
        }
        if !self.initialized {
            return self.reply(
                id,
                Err((
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized".into(),
                )),
            );
        }
        if self.shutdown {
            return self.reply(
                id,
                Err((
                    ErrorCode::InvalidRequest,
                    "the server is shutting down".into(),
                )),
            );
        }
        if r.method == "shutdown" {
            self.shutdown = true;
            return self.reply(id, Ok(Value::Null));
        }
        self.refresh()?;
        let result = features::dispatch(self, &r.method, r.params);
        self.reply(id, result)
    }

    /// Takes the root and settings from `initialize`; returns whether to ask the client to
    /// watch the project's files.
    fn initialize(&mut self, p: &lt::InitializeParams) -> bool {
        #[allow(deprecated)]
        let given = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or_else(|| p.root_uri.clone())
            .and_then(|u| u.to_file_path().ok())
            .or_else(|| p.root_path.as_ref().map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        self.root = match &self.fixed_root {
            Some(r) => std::path::absolute(r).unwrap_or_else(|_| r.clone()),
            None => find_root(&given),
        };
        if let Some(opts) = &p.initialization_options {
            self.settings(opts);
        }
        self.initialized = true;
        self.reload = true;
        p.capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false)
    }

    fn watch_files(&mut self) -> io::Result<()> {
        let watchers = ["**/*.yaml", "**/*.yml"]
            .map(|g| lt::FileSystemWatcher {
                glob_pattern: lt::GlobPattern::String(g.to_string()),
                kind: None,
            })
            .to_vec();
        let reg = lt::Registration {
            id: "samdrift-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(lt::DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        self.next_request += 1;
        let id = RequestId::from(format!("samdrift-{}", self.next_request));
        self.send(Message::Request(Request::new(
            id,
            "client/registerCapability".into(),
            lt::RegistrationParams {
                registrations: vec![reg],
            },
        )))
    }

    /// Reads `{"target": "id"}`, also nested as `{"samdrift": {"target": …}}`.
    fn settings(&mut self, v: &Value) {
        let v = v.get("samdrift").unwrap_or(v);
        if let Some(t) = v.get("target") {
            let t = t.as_str().unwrap_or_default().to_string();
            if t != self.gaps.target {
                self.gaps.target = t;
                self.gaps.stale = true;
                self.edited.extend(self.published.keys().cloned());
            }
        }
    }

    fn notification(&mut self, n: Notification) -> io::Result<()> {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lt::DidOpenTextDocumentParams>(n.params)
                    && let Some(rel) = self.rel(&p.text_document.uri)
                {
                    if self.overlay.get(&rel) != Some(&p.text_document.text) {
                        self.changed(&rel);
                    }
                    self.overlay.insert(rel.clone(), p.text_document.text);
                    self.texts.get_mut().remove(&rel);
                    self.edited.insert(rel);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lt::DidChangeTextDocumentParams>(n.params)
                    && let Some(rel) = self.rel(&p.text_document.uri)
                    && let Some(old) = self.overlay.remove(&rel)
                {
                    let mut t = Text::new(old);
                    for c in p.content_changes {
                        t.apply(c.range, &c.text);
                    }
                    self.overlay.insert(rel.clone(), t.into_string());
                    self.texts.get_mut().remove(&rel);
                    self.changed(&rel);
                    self.edited.insert(rel);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lt::DidCloseTextDocumentParams>(n.params)
                    && let Some(rel) = self.rel(&p.text_document.uri)
                    && self.overlay.remove(&rel).is_some()
                {
                    self.texts.get_mut().remove(&rel);
                    self.changed(&rel);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                if let Ok(p) = serde_json::from_value::<lt::DidChangeWatchedFilesParams>(n.params) {
                    for c in p.changes {
                        if let Some(rel) = self.rel(&c.uri) {
                            self.texts.get_mut().remove(&rel);
                            if c.typ == lt::FileChangeType::CHANGED {
                                if !self.overlay.contains_key(&rel) {
                                    self.changed(&rel);
                                }
                            } else {
                                self.reload = true;
                            }
                        }
                    }
                }
            }
            "workspace/didChangeConfiguration" => {
                if let Ok(p) = serde_json::from_value::<lt::DidChangeConfigurationParams>(n.params)
                {
                    self.settings(&p.settings);
                }
            }
            // didSave changes nothing the overlay does not have; cancellation is not needed
            // when every answer is quick; unknown notifications are ignored, as the
            // protocol asks.
            _ => {}
        }
        Ok(())
    }

    fn changed(&mut self, rel: &str) {
        self.pending.insert(rel.to_string());
    }

    /// The path of a URI relative to the root, for files under it.
    fn rel(&self, uri: &lt::Url) -> Option<String> {
        let path = uri.to_file_path().ok()?;
        let r = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = r
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    }

    pub(crate) fn uri(&self, rel: &str) -> Option<lt::Url> {
        lt::Url::from_file_path(self.root.join(rel)).ok()
    }

    /// The text of a project file: the editor's when it is open, else the file on disk.
    pub(crate) fn text(&self, rel: &str) -> Option<std::rc::Rc<Text>> {
        if let Some(t) = self.texts.borrow().get(rel) {
            return Some(t.clone());
        }
        let t = match self.overlay.get(rel) {
            Some(t) => Text::new(t.clone()),
            None => {
                let p = self.root.join(rel);
                let meta = std::fs::metadata(&p).ok()?;
                if !meta.is_file() || meta.len() > crate::load::MAX_FILE_BYTES {
                    return None;
                }
                Text::new(String::from_utf8_lossy(&std::fs::read(&p).ok()?).into_owned())
            }
        };
        let t = std::rc::Rc::new(t);
        self.texts.borrow_mut().insert(rel.to_string(), t.clone());
        Some(t)
    }

    /// Brings the project up to date with the edits received, and publishes its diagnostics
    /// (with the gap findings of the last analysis, which [`Server::analyse`] renews).
    fn check(&mut self) -> io::Result<()> {
        if !self.initialized || self.shutdown {
            return Ok(());
        }
        let mut changed = false;
        if self.reload || self.session.is_none() {
            self.reload = false;
            self.pending.clear();
            self.texts.get_mut().clear();
            self.session = Some(Session::open(&self.root, &self.overlay));
            changed = true;
        } else if !self.pending.is_empty() {
            let rels: Vec<String> = std::mem::take(&mut self.pending).into_iter().collect();
            for r in &rels {
                if !self.overlay.contains_key(r) {
                    self.texts.get_mut().remove(r);
                }
            }
            if let Some(s) = &mut self.session {
                match s.reread(&rels, &self.overlay) {
                    Reread::Unchanged => {}
                    Reread::File => changed = true,
                    Reread::Reloaded => {
                        self.texts.get_mut().clear();
                        changed = true;
                    }
                }
            }
        }
        if changed {
            self.gaps.stale = true;
            if let Some(s) = &self.session {
                let p = s.project();
                for t in &p.targets {
                    self.last_targets
                        .insert(p.file(t.file).to_string(), t.clone());
                }
            }
        }
        if changed || !self.edited.is_empty() {
            self.publish()?;
        }
        Ok(())
    }

    /// Brings everything up to date: the project, then the gap analysis.
    fn refresh(&mut self) -> io::Result<()> {
        self.check()?;
        self.analyse()
    }

    /// The gap analysis against the chosen target, when there is one, and its findings
    /// published where they changed.
    fn analyse(&mut self) -> io::Result<()> {
        let Some(s) = &self.session else {
            return Ok(());
        };
        if !self.gaps.stale || !self.initialized || self.shutdown {
            return Ok(());
        }
        self.gaps.stale = false;
        let p = s.project();
        // The organisations judged again (`None`: all of them, or no analysis).
        let mut again = None;
        match p.target(&self.gaps.target) {
            None => {
                self.gaps.kept = None;
                self.gaps.stamp = None;
            }
            Some(t) => {
                // Only what changed since the last analysis is judged again.
                let as_of = crate::gaps::today();
                let changed = self.gaps.stamp.and_then(|st| s.changed_since(st));
                match (&mut self.gaps.kept, changed) {
                    (Some(k), Some(orgs)) if k.analysis().target == t.id => {
                        again = k.update(p, s.graph(), t, as_of, &orgs);
                    }
                    // More changed (the target, the files): all is judged again, and the
                    // findings made again where gaps differ.
                    (Some(k), None) => again = k.renew(p, s.graph(), t, as_of),
                    _ => self.gaps.kept = Some(crate::gaps::Kept::new(p, s.graph(), t, as_of)),
                }
                self.gaps.stamp = Some(s.stamp());
            }
        }
        let changed = self.gap_findings.update(s, &self.gaps, again.as_deref());
        self.gaps_changed.extend(changed);
        self.publish()
    }

    /// Sends the diagnostics of each file whose findings changed since they were last sent
    /// (the checks' or the gap analysis'), and of each edited file.
    fn publish(&mut self) -> io::Result<()> {
        let Some(s) = &self.session else {
            return Ok(());
        };
        let checks = diagnostics::checks(s);
        let edited = std::mem::take(&mut self.edited);
        // Only where the checks or the gap findings changed can a file's findings differ
        // from what was sent; an edited file's are sent anyway (its positions may have
        // moved; the editor learns its edit was checked).
        let mut files: BTreeSet<String> = std::mem::take(&mut self.gaps_changed);
        files.extend(edited.iter().cloned());
        for (rel, now) in &checks {
            if self.published_checks.get(rel) != Some(now) {
                files.insert(rel.clone());
            }
        }
        for rel in self.published_checks.keys() {
            if !checks.contains_key(rel) {
                files.insert(rel.clone());
            }
        }
        for rel in files {
            let now = diagnostics::merge(checks.get(&rel), self.gap_findings.get(&rel));
            if now.as_ref() != self.published.get(&rel) || edited.contains(&rel) {
                let list = now.as_deref().unwrap_or_default();
                if let Some(uri) = self.uri(&rel) {
                    let text = self.text(&rel).unwrap_or_default();
                    let diagnostics = list.iter().map(|f| f.to_lsp(&text)).collect();
                    self.notify(
                        "textDocument/publishDiagnostics",
                        lt::PublishDiagnosticsParams {
                            uri,
                            diagnostics,
                            version: None,
                        },
                    )?;
                }
            }
            match now {
                Some(list) => self.published.insert(rel, list),
                None => self.published.remove(&rel),
            };
        }
        self.published_checks = checks;
        Ok(())
    }
}

/// The folder holding `inventory/` at or above `start` (the start itself when none does).
fn find_root(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|a| a.join("inventory").is_dir())
        .unwrap_or(start)
        .to_path_buf()
}

fn capabilities() -> Value {
    let caps = lt::ServerCapabilities {
        text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
            lt::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lt::TextDocumentSyncKind::INCREMENTAL),
                save: None,
                ..Default::default()
            },
        )),
        definition_provider: Some(lt::OneOf::Left(true)),
        references_provider: Some(lt::OneOf::Left(true)),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lt::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), "/".into(), "[".into(), ",".into()]),
            ..Default::default()
        }),
        rename_provider: Some(lt::OneOf::Right(lt::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(lt::CodeActionProviderCapability::Options(
            lt::CodeActionOptions {
                code_action_kinds: Some(vec![lt::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..Default::default()
    };
    serde_json::json!({
        "capabilities": caps,
        "serverInfo": {"name": "samdrift", "version": env!("CARGO_PKG_VERSION")},
    })
}
