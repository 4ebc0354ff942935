//! `samdrift init`, `samdrift completions`, `samdrift man`.

use super::samdrift;

#[test]
fn init_scaffolds_a_project_that_validates_clean() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("nytt");
    let r = samdrift(dir.path(), &["init", root.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let loaded = samdrift::load::load(&root);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.project.orgs.len(), 1);
    assert_eq!(loaded.project.targets.len(), 1);
    let r = samdrift(&root, &["validate"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join(".vscode/settings.json")).unwrap())
            .unwrap();
    let schemas = settings["yaml.schemas"].as_object().unwrap();
    for (path, globs) in schemas {
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root.join(path)).unwrap()).unwrap();
        assert!(schema["$schema"].is_string(), "{path}");
        assert!(
            globs
                .as_array()
                .unwrap()
                .iter()
                .any(|g| g.as_str().unwrap().starts_with("inventory/")
                    || g.as_str().unwrap().starts_with("targets/"))
        );
    }
    let wf = std::fs::read_to_string(root.join(".github/workflows/samdrift.yml")).unwrap();
    assert!(wf.contains("samdrift validate"));

    // Not again into a folder that has files.
    let r = samdrift(dir.path(), &["init", root.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not empty"), "{}", r.stderr);
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = samdrift(dir.path(), &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("import"), "{shell}");
        assert!(r.stdout.contains("skip-bad-rows"), "{shell}");
    }
    let r = samdrift(dir.path(), &["completions", "tcsh"]);
    assert_eq!(r.code, 2);
    let r = samdrift(dir.path(), &["man"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with(".ie \\n(.g .ds Aq") || r.stdout.contains(".TH samdrift"),
        "{}",
        &r.stdout[..200]
    );
    assert!(r.stdout.contains("import"));
    let r = samdrift(dir.path(), &["man", "import"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains(".TH samdrift-import"),
        "{}",
        &r.stdout[..300]
    );
    let r = samdrift(dir.path(), &["man", "imprt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `import`"));
}
