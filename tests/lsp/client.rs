//! A language client for the tests: starts `samdrift lsp`, talks to it over its standard
//! input and output as an editor does, and waits for what it sends back.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long any answer may take before a test fails (the machine is shared and slow).
pub const WAIT: Duration = Duration::from_secs(60);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Messages received but not yet looked at.
    inbox: Vec<Value>,
    next_id: i64,
    pub root: PathBuf,
}

/// `file://` URI of a path.
pub fn uri(p: &Path) -> String {
    url_of(p)
}

fn url_of(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                s.push(b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

fn read_frames(out: impl Read, tx: std::sync::mpsc::Sender<Value>) {
    let mut r = BufReader::new(out);
    loop {
        let mut len = None;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse::<usize>().ok();
            }
        }
        let Some(len) = len else { return };
        let mut body = vec![0; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let v: Value = serde_json::from_slice(&body).expect("the server sends JSON");
        if tx.send(v).is_err() {
            return;
        }
    }
}

impl Client {
    /// Starts the server, without initializing it.
    pub fn spawn(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_samdrift"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("samdrift lsp starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            inbox: Vec::new(),
            next_id: 0,
            root: root.to_path_buf(),
        }
    }

    /// Starts and initializes the server on `root`, with `options` as initializationOptions.
    pub fn start(root: &Path, options: Value) -> Client {
        let mut c = Client::spawn(root);
        let r = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": {},
                "initializationOptions": options,
            }),
        );
        assert!(
            r["result"]["capabilities"]["definitionProvider"] == json!(true),
            "{r}"
        );
        c.notify("initialized", json!({}));
        c
    }

    pub fn uri(&self, rel: &str) -> String {
        uri(&self.root.join(rel))
    }

    /// Sends raw bytes.
    pub fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, v: &Value) {
        let text = serde_json::to_string(v).unwrap();
        self.raw(format!("Content-Length: {}\r\n\r\n{text}", text.len()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (the whole response object).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Waits for a message from the server matching `f`; earlier ones stay in the inbox.
    pub fn wait_for(&mut self, f: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.inbox.iter().position(&f) {
            return self.inbox.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if f(&m) => return m,
                Ok(m) => self.inbox.push(m),
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "no matching message in {WAIT:?}; received: {:#?}",
                        self.inbox
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output; received: {:#?}", self.inbox)
                }
            }
        }
    }

    /// Waits for diagnostics published for `rel` that satisfy `f`, and returns them. Earlier
    /// publications for the file are dropped.
    pub fn diagnostics(&mut self, rel: &str, f: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let uri = self.uri(rel);
        loop {
            let m = self.wait_for(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            });
            let list = m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if f(&list) {
                return list;
            }
        }
    }

    /// The diagnostics published for `rel` that are in the inbox, oldest first (taken out).
    pub fn published(&mut self, rel: &str) -> Vec<Vec<Value>> {
        let uri = self.uri(rel);
        let mut out = Vec::new();
        self.inbox.retain(|m| {
            let this =
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
            if this {
                out.push(
                    m["params"]["diagnostics"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default(),
                );
            }
            !this
        });
        out
    }

    pub fn open(&mut self, rel: &str) {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        self.open_text(rel, &text);
    }

    pub fn open_text(&mut self, rel: &str, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    /// Replaces the range (0-based line, UTF-16 character) with `text`.
    pub fn edit(&mut self, rel: &str, version: i64, range: [u32; 4], text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{
                    "range": {"start": {"line": range[0], "character": range[1]},
                              "end": {"line": range[2], "character": range[3]}},
                    "text": text,
                }],
            }),
        );
    }

    /// Replaces the whole text.
    pub fn replace(&mut self, rel: &str, version: i64, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// A request at a position of a file.
    pub fn at(
        &mut self,
        method: &str,
        rel: &str,
        line: u32,
        character: u32,
        extra: Value,
    ) -> Value {
        let mut params = json!({
            "textDocument": {"uri": self.uri(rel)},
            "position": {"line": line, "character": character},
        });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.request(method, params)
    }

    /// `shutdown`, then `exit`; the exit status.
    pub fn shutdown(mut self) -> ExitStatus {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.stdin.take();
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> ExitStatus {
        self.stdin.take();
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Copies a fixture project into a fresh temporary folder.
pub fn project(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lsp")
        .join(name);
    copy(&src, dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}
