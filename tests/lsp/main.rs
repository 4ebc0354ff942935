//! `samdrift lsp` driven over stdio as an editor drives it, on the fixture project
//! `tests/fixtures/lsp/estate` (two organisations, a target, names with åäö and a `𝄞`,
//! which is two UTF-16 units, before a dangling ref). Positions are the protocol's: 0-based
//! lines, UTF-16 characters.

mod client;
mod nvim;

use client::{Client, project};
use serde_json::{Value, json};

const BETA: &str = "inventory/beta/all.yaml";
const ALFA: &str = "inventory/alfa/infra.yaml";
const TARGET: &str = "targets/gemensam.yaml";

fn range(d: &Value) -> [u64; 4] {
    let r = &d["range"];
    [
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    ]
}

fn codes(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// (file name, range) of each location in a result, sorted.
fn places(v: &Value) -> Vec<(String, [u64; 4])> {
    let mut out: Vec<_> = v
        .as_array()
        .unwrap_or_else(|| panic!("a list of locations: {v}"))
        .iter()
        .map(|l| {
            let uri = l["uri"].as_str().unwrap();
            let name = uri.rsplit('/').take(3).collect::<Vec<_>>();
            (format!("{}/{}", name[1], name[0]), range(l))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn diagnostics_follow_unsaved_edits_across_files() {
    let dir = project("estate");
    let mut c = Client::start(dir.path(), json!({}));
    // On start: the dangling ref, after `𝄞` (two UTF-16 units) and `ä`, `Ä` (one each).
    let d = c.diagnostics(BETA, |l| !l.is_empty());
    assert_eq!(codes(&d), ["dangling-ref"]);
    assert_eq!(range(&d[0]), [1, 98, 1, 108]);
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(d[0]["source"], "samdrift");
    assert_eq!(
        d[0]["message"],
        "`depends_on` names `alfa/vmwre`, but `alfa` has no asset with id `vmwre`\nhint: did you mean `alfa/vmware`?"
    );

    // Fixed in the editor (not saved): cleared.
    c.open(BETA);
    c.edit(BETA, 2, [1, 103, 1, 108], "vmware");
    c.diagnostics(BETA, |l| l.is_empty());

    // An unsaved edit in another organisation's file breaks the ref to `alfa/ad`.
    c.open(ALFA);
    c.edit(ALFA, 2, [7, 8, 7, 10], "katalog");
    let d = c.diagnostics(BETA, |l| !l.is_empty());
    assert_eq!(codes(&d), ["dangling-ref"]);
    assert_eq!(range(&d[0]), [1, 89, 1, 96]);
    c.edit(ALFA, 3, [7, 8, 7, 15], "ad");
    c.diagnostics(BETA, |l| l.is_empty());

    // A cycle is a warning, at the first asset of the cycle.
    c.edit(ALFA, 4, [6, 65, 6, 75], "depends_on: [ad], site: hall");
    let d = c.diagnostics(ALFA, |l| !l.is_empty());
    assert_eq!(codes(&d), ["dependency-cycle"]);
    assert_eq!(d[0]["severity"], 2);
    assert_eq!(range(&d[0])[0], 7);

    // Malformed YAML: a located syntax error; then unknown key, wrong kind, duplicate id.
    c.replace(ALFA, 5, "sites: [\n");
    let d = c.diagnostics(ALFA, |l| !l.is_empty());
    assert_eq!(d[0]["code"], "yaml-syntax");
    // The refs into the unreadable file from the other organisation are not reported while
    // it cannot be read (docs/format.md §6.1; load::session's tests check the list).
    c.replace(
        ALFA,
        6,
        "sites:\n  - {id: hall, name: Hall, kind: datacenter, dependz_on: []}\nplatforms:\n  - {id: ad, name: AD, kind: datacentre}\n  - {id: vmware, name: V, kind: server}\n  - {id: hall, name: X, kind: server}\n",
    );
    let d = c.diagnostics(ALFA, |l| l.len() == 3);
    assert_eq!(codes(&d), ["unknown-key", "unknown-kind", "duplicate-id"]);
    assert_eq!(range(&d[0]), [1, 45, 1, 55]);
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("hint: did you mean `depends_on`?")
    );
    assert_eq!(range(&d[1]), [3, 29, 3, 39]);
    assert_eq!(range(&d[2]), [5, 9, 5, 13]);
    // The unknown key's quick fix.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": c.uri(ALFA)}, "range": d[0]["range"], "context": {"diagnostics": []}}),
    );
    let fixes = r["result"].as_array().unwrap();
    assert_eq!(fixes.len(), 1, "{r}");
    assert_eq!(fixes[0]["title"], "Replace with `depends_on`");
    let e = &fixes[0]["edit"]["changes"][c.uri(ALFA)][0];
    assert_eq!(
        (range(e), e["newText"].clone()),
        ([1, 45, 1, 55], json!("depends_on"))
    );

    // Closed without saving: the file on disk counts again.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": c.uri(ALFA)}}),
    );
    c.diagnostics(ALFA, |l| l.is_empty());
    assert!(c.shutdown().success());
}

#[test]
fn gaps_of_the_chosen_target_are_information() {
    let dir = project("estate");
    let mut c = Client::start(dir.path(), json!({"target": "gemensam"}));
    let d = c.diagnostics(ALFA, |l| !l.is_empty());
    // vmware's end of support is before the horizon; its move is waived. The gap is shown
    // where its finding is: the `end_of_support` value.
    assert_eq!(codes(&d), ["eos"]);
    assert_eq!(d[0]["severity"], 3);
    assert_eq!(range(&d[0]), [6, 134, 6, 144]);
    let m = d[0]["message"].as_str().unwrap();
    assert!(
        m.starts_with("gap against `gemensam` (medium end-of-support, rule `eos`)"),
        "{m}"
    );
    // Beta's virtualization does not realize... it does: no migrate gap; `virt` has none.
    let d = c.diagnostics(BETA, |l| !l.is_empty());
    assert_eq!(codes(&d), ["dangling-ref"]);
    // The setting switched off: the gaps go.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"samdrift": {"target": ""}}}),
    );
    c.diagnostics(ALFA, |l| l.is_empty());
    assert!(c.shutdown().success());
}

#[test]
fn definition_references_hover() {
    let dir = project("estate");
    let mut c = Client::start(dir.path(), json!({"target": "gemensam"}));
    c.diagnostics(BETA, |l| !l.is_empty());
    // `alfa/ad` in beta → `ad` in alfa.
    let r = c.at("textDocument/definition", BETA, 1, 92, json!({}));
    assert_eq!(
        places(&r["result"]),
        [("alfa/infra.yaml".into(), [7, 8, 7, 10])]
    );
    // `site: hall` → the site.
    let r = c.at("textDocument/definition", ALFA, 10, 11, json!({}));
    assert_eq!(
        places(&r["result"]),
        [("alfa/infra.yaml".into(), [2, 8, 2, 12])]
    );
    // `realizes: shared-virt` and `moved_to: shared-virt` → the component.
    let comp = ("targets/gemensam.yaml".to_string(), [4, 4, 4, 92]);
    let r = c.at("textDocument/definition", BETA, 7, 75, json!({}));
    assert_eq!(places(&r["result"]), std::slice::from_ref(&comp));
    let r = c.at("textDocument/definition", TARGET, 9, 25, json!({}));
    assert_eq!(places(&r["result"]), [comp]);
    // The waiver's rule, org and asset.
    let r = c.at("textDocument/definition", TARGET, 18, 12, json!({}));
    assert_eq!(
        places(&r["result"]),
        [("targets/gemensam.yaml".into(), [6, 4, 6, 6])]
    );
    let r = c.at("textDocument/definition", TARGET, 19, 10, json!({}));
    assert_eq!(
        places(&r["result"]),
        [("alfa/organisation.yaml".into(), [1, 2, 1, 6])]
    );
    let r = c.at("textDocument/definition", TARGET, 20, 12, json!({}));
    assert_eq!(
        places(&r["result"]),
        [("alfa/infra.yaml".into(), [6, 9, 6, 15])]
    );
    // A key names nothing.
    let r = c.at("textDocument/definition", ALFA, 10, 5, json!({}));
    assert_eq!(r["result"], Value::Null);

    // References of vmware: the refs naming it, the waiver, and (further away) what depends
    // on what depends on it.
    let r = c.at(
        "textDocument/references",
        ALFA,
        6,
        12,
        json!({"context": {"includeDeclaration": true}}),
    );
    assert_eq!(
        places(&r["result"]),
        [
            ("alfa/infra.yaml".into(), [6, 9, 6, 15]),
            ("alfa/infra.yaml".into(), [11, 17, 11, 23]),
            ("beta/all.yaml".into(), [1, 9, 1, 15]),
            ("beta/all.yaml".into(), [2, 8, 2, 16]),
            ("targets/gemensam.yaml".into(), [20, 11, 20, 17]),
        ]
    );
    // References of the component: who realizes it and which rule moves onto it.
    let r = c.at(
        "textDocument/references",
        TARGET,
        4,
        12,
        json!({"context": {"includeDeclaration": false}}),
    );
    assert_eq!(
        places(&r["result"]),
        [
            ("beta/all.yaml".into(), [7, 69, 7, 80]),
            ("targets/gemensam.yaml".into(), [9, 23, 9, 34]),
        ]
    );

    // Hover on vmware: what it is and its open gaps against the chosen target.
    let r = c.at("textDocument/hover", ALFA, 6, 12, json!({}));
    let md = r["result"]["contents"]["value"].as_str().unwrap();
    for part in [
        "**VMware på hallen** · `alfa/vmware`",
        "platforms · virtualization",
        "product: `vmware-vsphere`",
        "version: 7.0",
        "end of support: 2025-10-15",
        "Open gaps against `gemensam`:",
        "rule `eos`",
    ] {
        assert!(md.contains(part), "{part} not in {md}");
    }
    assert!(
        !md.contains("virt-shared"),
        "the waived gap is not open: {md}"
    );
    // On a ref: the asset it names, with its contract.
    let r = c.at("textDocument/hover", BETA, 1, 92, json!({}));
    let md = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(md.contains("**Katalogtjänst** · `alfa/ad`"), "{md}");
    assert!(
        md.contains("contract ends: 2026-06-30 (Åkerström IT)"),
        "{md}"
    );
    assert!(md.contains("No open gaps against `gemensam`."), "{md}");
    assert_eq!(range(&r["result"]), [1, 89, 1, 96]);
    assert!(c.shutdown().success());
}

fn labels(r: &Value) -> Vec<String> {
    let mut items: Vec<(String, String)> = r["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("a completion list: {r}"))
        .iter()
        .map(|i| {
            (
                i["sortText"].as_str().unwrap().to_string(),
                i["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    items.sort();
    items.into_iter().map(|(_, l)| l).collect()
}

#[test]
fn completion_rename_and_quick_fixes() {
    let dir = project("estate");
    let mut c = Client::start(dir.path(), json!({}));
    c.diagnostics(BETA, |l| !l.is_empty());
    // Refs: the org's own ids first, then `org/id`.
    c.open(BETA);
    c.edit(BETA, 2, [5, 23, 5, 23], ", ");
    let r = c.at("textDocument/completion", BETA, 5, 25, json!({}));
    assert_eq!(
        labels(&r),
        ["arende", "virt", "alfa/ad", "alfa/hall", "alfa/vmware"]
    );
    let first = &r["result"]["items"][0]["textEdit"]["range"];
    assert_eq!(first["start"], json!({"line": 5, "character": 25}));
    // Typed `alfa/v`: only that org's, and the edit replaces what was typed.
    c.edit(BETA, 3, [5, 25, 5, 25], "alfa/v");
    let r = c.at("textDocument/completion", BETA, 5, 31, json!({}));
    assert_eq!(labels(&r), ["alfa/vmware"]);
    assert_eq!(
        r["result"]["items"][0]["textEdit"]["range"]["start"],
        json!({"line": 5, "character": 25})
    );
    // `site` offers sites only.
    c.open(ALFA);
    c.edit(ALFA, 2, [10, 10, 10, 14], "");
    let r = c.at("textDocument/completion", ALFA, 10, 10, json!({}));
    assert_eq!(labels(&r), ["hall"]);
    // Kinds by layer.
    c.edit(ALFA, 3, [9, 10, 9, 19], "");
    let r = c.at("textDocument/completion", ALFA, 9, 10, json!({}));
    assert!(labels(&r).contains(&"directory".to_string()));
    assert!(!labels(&r).contains(&"laptop".to_string()));
    c.edit(ALFA, 4, [9, 10, 9, 10], "directory");
    c.edit(ALFA, 5, [10, 10, 10, 10], "hall");
    // In the target: components where a component is expected, rules in waivers.
    c.open(TARGET);
    c.edit(TARGET, 2, [9, 23, 9, 34], "");
    let r = c.at("textDocument/completion", TARGET, 9, 23, json!({}));
    assert_eq!(labels(&r), ["shared-virt"]);
    c.edit(TARGET, 3, [9, 23, 9, 23], "shared-virt");
    c.edit(TARGET, 4, [18, 10, 18, 21], "");
    let r = c.at("textDocument/completion", TARGET, 18, 10, json!({}));
    assert_eq!(labels(&r), ["eos", "virt-shared"]);
    c.edit(TARGET, 5, [18, 10, 18, 10], "virt-shared");
    c.edit(TARGET, 6, [20, 11, 20, 17], "");
    let r = c.at("textDocument/completion", TARGET, 20, 11, json!({}));
    assert_eq!(labels(&r), ["ad", "hall", "vmware"]);
    c.edit(TARGET, 7, [20, 11, 20, 11], "vmware");

    // Quick fix for the did-you-mean of a dangling ref.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": c.uri(BETA)}}),
    );
    let d = c.diagnostics(BETA, |l| !l.is_empty());
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": c.uri(BETA)}, "range": d[0]["range"], "context": {"diagnostics": d}}),
    );
    let a = &r["result"][0];
    assert_eq!(a["title"], "Replace with `alfa/vmware`");
    assert_eq!(a["kind"], "quickfix");
    let e = &a["edit"]["changes"][c.uri(BETA)][0];
    assert_eq!(e["newText"], "alfa/vmware");
    assert_eq!(range(e), [1, 98, 1, 108]);

    // Rename `ad`: the id, the plain and the `org/id` refs follow.
    let r = c.at("textDocument/prepareRename", BETA, 1, 92, json!({}));
    assert_eq!(r["result"]["placeholder"], "ad");
    assert_eq!(range(&r["result"]), [1, 94, 1, 96]);
    let r = c.at(
        "textDocument/rename",
        ALFA,
        7,
        9,
        json!({"newName": "katalog"}),
    );
    let changes = r["result"]["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 2, "{r}");
    let alfa = &changes[&c.uri(ALFA)];
    assert_eq!(alfa.as_array().unwrap().len(), 1);
    assert_eq!(range(&alfa[0]), [7, 8, 7, 10]);
    let beta = &changes[&c.uri(BETA)];
    assert_eq!(range(&beta[0]), [1, 94, 1, 96]);
    assert_eq!(beta[0]["newText"], "katalog");
    // Renaming vmware also renames the waiver's asset.
    let r = c.at(
        "textDocument/rename",
        ALFA,
        6,
        12,
        json!({"newName": "vsphere"}),
    );
    let target = &r["result"]["changes"][c.uri(TARGET)];
    assert_eq!(range(&target[0]), [20, 11, 20, 17]);
    // Not an id, or taken: refused.
    let r = c.at(
        "textDocument/rename",
        ALFA,
        7,
        9,
        json!({"newName": "Katalog"}),
    );
    assert_eq!(r["error"]["code"], -32602);
    let r = c.at(
        "textDocument/rename",
        ALFA,
        7,
        9,
        json!({"newName": "vmware"}),
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already has"),
        "{r}"
    );
    assert!(c.shutdown().success());
}

#[test]
fn bad_messages_are_answered_and_the_server_lives() {
    let dir = project("estate");
    let mut c = Client::spawn(dir.path());
    // Before initialize.
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002);
    // Not JSON; JSON that is no message; no Content-Length.
    c.raw(b"Content-Length: 9\r\n\r\n{not json");
    let r = c.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(r["id"], Value::Null);
    c.raw(b"Content-Length: 23\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5");
    c.wait_for(|m| m["error"]["code"] == -32700);
    c.send(&json!({"jsonrpc": "2.0", "id": 6, "params": []}));
    let r = c.wait_for(|m| m["id"] == 6);
    assert_eq!(r["error"]["code"], -32600);
    drop(c);

    let mut c = Client::start(dir.path(), json!({}));
    c.diagnostics(BETA, |l| !l.is_empty());
    let r = c.request("samdrift/unknown", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = c.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(r["error"]["code"], -32602);
    c.notify("samdrift/unknownNotification", json!({}));
    c.notify("textDocument/didChange", json!({"garbage": 1}));
    // An edit for a file never opened, and one past the end of the text, are harmless.
    c.edit("inventory/beta/nothing.yaml", 2, [0, 0, 0, 0], "x");
    c.open(BETA);
    c.edit(BETA, 2, [400, 0, 500, 3], "\n");
    c.diagnostics(BETA, |l| !l.is_empty());

    // A 50 MB file: read, and the server goes on answering.
    let notes = "Anteckningar om elevdatorerna på skolorna i Gnosjö. ".repeat(1000);
    let mut big = String::from("clients:\n");
    let mut i = 0;
    while big.len() < 50 << 20 {
        big.push_str(&format!(
            "  - {{id: pc-{i}, name: Elevdatorer {i}, kind: laptop, notes: \"{notes}\"}}\n"
        ));
        i += 1;
    }
    c.open_text("inventory/beta/stor.yaml", &big);
    drop(big);
    let r = c.at("textDocument/hover", BETA, 1, 92, json!({}));
    assert!(
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Katalogtjänst")
    );

    // Racing edits: many changes sent at once; the last one counts.
    let good = std::fs::read_to_string(dir.path().join(BETA))
        .unwrap()
        .replace("vmwre", "vmware");
    let bad = good.replace("alfa/ad", "alfa/add");
    for v in 3..=40 {
        c.replace(BETA, v, if v % 2 == 0 { &good } else { &bad });
    }
    // Answered after every edit before it: the last diagnostics published are the last
    // text's.
    let r = c.at("textDocument/hover", BETA, 1, 92, json!({}));
    assert!(
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Katalogtjänst")
    );
    let published = c.published(BETA);
    assert_eq!(published.last().map(Vec::len), Some(0), "{published:?}");
    c.replace(BETA, 41, &bad);
    let d = c.diagnostics(BETA, |l| l.len() == 1);
    assert_eq!(range(&d[0]), [1, 89, 1, 97]);
    c.replace(BETA, 42, &good);
    c.diagnostics(BETA, |l| l.is_empty());
    c.replace(BETA, 43, &bad);
    c.diagnostics(BETA, |l| l.len() == 1);

    // A file deleted while open stays as the editor has it; closed, it is gone (and so are
    // its diagnostics).
    std::fs::remove_file(dir.path().join(BETA)).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": c.uri(BETA), "type": 3}]}),
    );
    let r = c.at("textDocument/hover", BETA, 1, 9, json!({}));
    assert!(
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Ärendehantering")
    );
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": c.uri(BETA)}}),
    );
    c.diagnostics(BETA, |l| l.is_empty());
    let r = c.at("textDocument/hover", BETA, 1, 9, json!({}));
    assert_eq!(r["result"], Value::Null);

    // After shutdown, requests are refused; exit ends the process with 0.
    let r = c.request("shutdown", Value::Null);
    assert!(r.get("error").is_none());
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32600);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_code_one() {
    let dir = project("estate");
    let mut c = Client::start(dir.path(), json!({}));
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(1));
    // The end of the input also ends the server.
    let mut c = Client::start(dir.path(), json!({}));
    assert_eq!(c.wait_exit().code(), Some(1));
}
