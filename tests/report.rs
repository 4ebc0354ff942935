//! `samdrift report`: what a reader sees (escaping, languages, totals that agree with the
//! gap analysis) and what the report folder may and may not touch.
//!
//! The fixture `tests/fixtures/report/small` has two organisations and two targets; user
//! text in it holds markup (`<script>alert(1)</script>`, `<b>`, `"A & B"`) that must reach
//! the page as text. Add a case by adding a fixture folder and a test that runs the binary
//! on it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SMALL: &str = "tests/fixtures/report/small";

fn samdrift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samdrift"))
        .args(args)
        .output()
        .expect("run samdrift")
}

fn report(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "--root",
        SMALL,
        "report",
        "--target",
        "gemensam",
        "--as-of",
        "2026-01-01",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    samdrift(&args)
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(html_files(&p));
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn writes_every_page_type() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    let o = report(&out, &[]);
    ok(&o);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        out.join("index.html").to_str().unwrap()
    );
    for page in [
        "index.html",
        "org/alfa.html",
        "org/beta.html",
        "component/shared-dc.html",
        "component/shared-virt.html",
        "scenarios.html",
        "waves.html",
        "waves/wave-1.html",
        ".samdrift-report",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
}

#[test]
fn user_text_is_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    ok(&report(&out, &[]));
    let mut seen = false;
    for f in html_files(&out) {
        let html = fs::read_to_string(&f).unwrap();
        assert!(
            !html.contains("<script>alert(1)"),
            "{} has the asset name as markup",
            f.display()
        );
        assert!(!html.contains("<b>fet</b>"), "{}", f.display());
        assert!(!html.contains("<i>x</i>"), "{}", f.display());
        assert!(!html.contains("<till>"), "{}", f.display());
        assert!(!html.contains("<enligt plan>"), "{}", f.display());
        // The page's own script is the only script element.
        assert_eq!(html.matches("<script").count(), 1, "{}", f.display());
        seen |= html.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
    assert!(seen, "the asset name is shown as text somewhere");
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Gemensam drift &quot;A &amp; B&quot;"));
}

#[test]
fn templates_never_write_unescaped_values() {
    for (name, text) in samdrift::report::render::EMBEDDED {
        assert!(!text.contains("{{{"), "{name} uses a triple-stash");
        assert!(!text.contains("{{&"), "{name} disables escaping");
    }
}

#[test]
fn swedish_by_default_english_on_request() {
    let tmp = tempfile::tempdir().unwrap();
    let sv = tmp.path().join("sv");
    let en = tmp.path().join("en");
    ok(&report(&sv, &[]));
    ok(&report(&en, &["--lang", "en"]));
    let sv = fs::read_to_string(sv.join("index.html")).unwrap();
    let en = fs::read_to_string(en.join("index.html")).unwrap();
    assert!(sv.contains("<html lang=\"sv\">"));
    assert!(sv.contains("Sammanfattning"));
    // 1 500 000 + 100 × 1 000 + 200 × 1 000 establishing plus gaps: Swedish groups with a
    // non-breaking space and writes `kr` after the amount.
    assert!(sv.contains("1\u{a0}500\u{a0}000\u{a0}kr"), "{sv}");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Summary"));
    assert!(en.contains("SEK\u{a0}1,500,000"));
    assert!(sv.contains("31\u{a0}december 2027"));
    assert!(en.contains("31\u{a0}December 2027"));
}

#[test]
fn totals_agree_with_the_gap_analysis() {
    let loaded = samdrift::load::load(Path::new(SMALL));
    assert!(!loaded.has_errors());
    let p = &loaded.project;
    let g = samdrift::graph::Graph::build(p);
    let as_of = "2026-01-01".parse().unwrap();
    let studies = samdrift::study::Study::all(p, &g, as_of).unwrap();
    let site = samdrift::report::build(
        &studies,
        0,
        &loaded.diagnostics,
        &samdrift::report::BuildOptions {
            repo_url: Some("https://example.org/r/blob/main".into()),
            ..Default::default()
        },
    );
    let a = &studies[0].gaps;
    let t = &site.overview.totals;
    assert_eq!(t.gaps, a.summary.gaps);
    assert_eq!(t.gap_hours, a.summary.hours.get());
    assert_eq!(t.gap_cost, a.summary.cost.get());
    assert_eq!(t.waived, 1);
    assert_eq!(t.establish_hours, 300.0);
    // The change and the lifecycle replacements are the costs' own figures, kept apart;
    // together they are every open gap's cost and establishing the components.
    assert_eq!(t.one_off, studies[0].costs.one_off.change.get());
    assert_eq!(t.lifecycle, studies[0].costs.one_off.lifecycle.get());
    assert_eq!(
        t.one_off + t.lifecycle,
        a.summary.cost.get() + 1_500_000.0 + 300_000.0
    );
    assert_eq!(site.overview.heat.total.gaps, a.summary.gaps);
    let orgs = site.orgs.pages();
    let org_gaps: usize = orgs.iter().map(|o| o.totals.gaps).sum();
    assert_eq!(org_gaps, a.summary.gaps);
    // Both targets side by side, the current one marked.
    assert_eq!(site.scenarios.len(), 2);
    assert!(site.scenarios[0].current && !site.scenarios[1].current);
    // Sources carry file:line and, with a repository URL, a link.
    let missing = orgs[0].gaps.iter().find(|g| g.asset.is_none()).unwrap();
    assert_eq!(missing.src.file, "targets/gemensam.yaml");
    let gap = orgs[0].gaps.iter().find(|g| g.asset.is_some()).unwrap();
    assert_eq!(gap.src.file, "inventory/alfa/all.yaml");
    assert!(gap.src.line.is_some());
    assert!(
        gap.src
            .url
            .as_deref()
            .unwrap()
            .starts_with("https://example.org/r/blob/main/inventory/alfa/all.yaml#L")
    );
}

#[test]
fn runs_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    ok(&report(&a, &[]));
    ok(&report(&b, &[]));
    let fa = html_files(&a);
    assert_eq!(fa.len(), html_files(&b).len());
    for f in fa {
        let rel = f.strip_prefix(&a).unwrap();
        assert_eq!(
            fs::read(&f).unwrap(),
            fs::read(b.join(rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
}

#[test]
fn refuses_folders_it_must_not_touch() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proj");
    copy_dir(Path::new(SMALL), &root);
    let r = root.to_str().unwrap();
    for out in [
        root.clone(),
        root.join("inventory"),
        root.join("targets"),
        root.join("inventory/alfa"),
        tmp.path().to_path_buf(),
    ] {
        let o = samdrift(&[
            "--root",
            r,
            "report",
            "--target",
            "gemensam",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{} accepted", out.display());
        assert!(String::from_utf8_lossy(&o.stderr).contains("--out"));
    }
    // A foreign non-empty folder is refused and left as it was.
    let mine = tmp.path().join("mine");
    fs::create_dir_all(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "keep me").unwrap();
    let o = samdrift(&[
        "--root",
        r,
        "report",
        "--target",
        "gemensam",
        "--out",
        mine.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(fs::read_dir(&mine).unwrap().count(), 1);
    // The project is untouched: no stray temporary folders.
    let names: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["inventory", "targets"]);
}

#[test]
fn replaces_a_previous_report_and_keeps_it_when_a_run_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    ok(&report(&out, &[]));
    fs::write(out.join("extra.html"), "old").unwrap();
    ok(&report(&out, &["--lang", "en"]));
    assert!(
        !out.join("extra.html").exists(),
        "the old report is replaced whole"
    );
    assert!(
        fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("lang=\"en\"")
    );
    // A broken template fails the run after the folder was checked: the report stays.
    let tpl = tmp.path().join("tpl");
    fs::create_dir_all(&tpl).unwrap();
    fs::write(tpl.join("org.hbs"), "{{#if}}broken").unwrap();
    let o = report(&out, &["--templates", tpl.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("lang=\"en\"")
    );
    let beside: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(beside.len(), 2, "only the report and the template folder");
}

#[test]
fn templates_folder_overrides_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    fs::create_dir_all(tpl.join("i18n")).unwrap();
    // A partial table: only the changed label; the rest comes from the embedded table.
    fs::write(
        tpl.join("i18n/sv.json"),
        r#"{"nav.overview": "Sammanfattning"}"#,
    )
    .unwrap();
    fs::write(
        tpl.join("scenarios.hbs"),
        "{{> header chrome title=\"x\"}}<p id=\"custom\">{{t \"scenarios.title\"}}: {{len scenarios}}</p>{{> footer chrome}}",
    )
    .unwrap();
    let out = tmp.path().join("report");
    ok(&report(&out, &["--templates", tpl.to_str().unwrap()]));
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Sammanfattning"));
    assert!(index.contains("Organisationer"));
    let sc = fs::read_to_string(out.join("scenarios.html")).unwrap();
    assert!(sc.contains("<p id=\"custom\">Scenarier: 2</p>"), "{sc}");
    assert!(
        sc.contains("Sammanfattning"),
        "the custom label reaches the header too"
    );
}

#[test]
fn translation_tables_cover_every_label() {
    let t = samdrift::report::Templates::load(None).unwrap();
    let sv = t.table(samdrift::report::Lang::Sv);
    let en = t.table(samdrift::report::Lang::En);
    let sv_keys: Vec<&str> = sv.keys().collect();
    let en_keys: Vec<&str> = en.keys().collect();
    assert_eq!(sv_keys, en_keys, "sv and en have the same keys");
    // Every literal key a template names exists (alone or with plural forms).
    let has = |k: &str| {
        sv.get(k).is_some()
            || (sv.get(&format!("{k}.one")).is_some() && sv.get(&format!("{k}.other")).is_some())
    };
    for (name, text) in samdrift::report::render::EMBEDDED {
        for part in text
            .split("{{t \"")
            .skip(1)
            .chain(text.split("(t \"").skip(1))
        {
            let key = part.split('"').next().unwrap();
            let dynamic = [
                "layer",
                "kind",
                "severity",
                "action",
                "gapkind",
                "code",
                "wavewarning",
                "hold",
                "status",
                "figure",
                // Issue 11's pages; tests/report_pages.rs checks every value they take.
                "quality.fact",
                "quality.about",
                "quality.col.missing",
                "halls.key",
                "halls.amount",
                "contracts.mark",
            ];
            if dynamic.contains(&key) {
                continue;
            }
            assert!(has(key), "{name}: no translation for `{key}`");
        }
    }
    // No key is written twice (JSON readers keep one of them, silently).
    for lang in ["sv", "en"] {
        let text = fs::read_to_string(format!("templates/i18n/{lang}.json")).unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for line in text.lines() {
            if let Some(key) = line
                .trim_start()
                .strip_prefix('"')
                .and_then(|l| l.split('"').next())
            {
                assert!(
                    seen.insert(key.to_string()),
                    "{lang}.json has `{key}` twice"
                );
            }
        }
    }
    // A count is `{n}` and picks its form: every text with `{n}` is a `.one`/`.other`
    // pair (and may have `.zero`), so no page says "1 platser".
    for table in [&sv, &en] {
        for k in table.keys() {
            let text = table.get(k).unwrap();
            let form = k.rsplit('.').next().unwrap();
            let plural = ["zero", "one", "other"].contains(&form);
            if text.contains("{n}") {
                assert!(plural, "`{k}` counts {{n}} but has no .one/.other forms");
            }
            if plural {
                let base = &k[..k.len() - form.len() - 1];
                for f in ["one", "other"] {
                    assert!(table.get(&format!("{base}.{f}")).is_some(), "{base}.{f}");
                }
            }
        }
    }
    // Every vocabulary word of the model has a label.
    for l in samdrift::model::Layer::COMPONENT {
        assert!(has(&format!("layer.{l}")));
        assert!(has(&format!("layerword.{l}")));
        for k in l.kinds() {
            assert!(has(&format!("kind.{k}")), "kind.{k}");
        }
    }
    for a in samdrift::model::Action::ALL {
        assert!(has(&format!("action.{}", a.as_str())));
    }
    for s in samdrift::model::Severity::ALL {
        assert!(has(&format!("severity.{s}")));
    }
    for k in samdrift::gaps::GapKind::ALL {
        assert!(has(&format!("gapkind.{}", k.as_str())));
    }
}

#[test]
fn a_missing_root_or_target_is_a_usage_error() {
    let o = samdrift(&[
        "--root",
        SMALL,
        "report",
        "--out",
        "/tmp/never-written-report",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("choose one with --target"));
    let o = samdrift(&["--root", SMALL, "report", "--target", "gemensamm"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("gemensam"));
    assert!(!Path::new("/tmp/never-written-report").exists());
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn pages_are_self_contained() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    ok(&report(&out, &[]));
    for f in html_files(&out) {
        let html = fs::read_to_string(&f).unwrap();
        for bad in [
            "<link",
            " src=\"",
            "@import",
            "url(http",
            "@font-face",
            "<img",
        ] {
            assert!(!html.contains(bad), "{} has `{bad}`", f.display());
        }
        // Links leave the report only for a repository URL, which this run has not.
        assert!(!html.contains("href=\"http"), "{}", f.display());
        assert!(html.contains("@page { size: A4"), "{}", f.display());
    }
}

#[test]
fn report_json_agrees_with_gaps_and_waves() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    ok(&report(&out, &["--json"]));
    let site: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("report.json")).unwrap()).unwrap();
    let gaps = samdrift(&[
        "--root",
        SMALL,
        "gaps",
        "--target",
        "gemensam",
        "--as-of",
        "2026-01-01",
        "--format",
        "json",
    ]);
    let gaps: serde_json::Value = serde_json::from_slice(&gaps.stdout).unwrap();
    let totals = &site["overview"]["totals"];
    assert_eq!(totals["gaps"], gaps["summary"]["gaps"]);
    assert_eq!(
        totals["gap_hours"].as_f64(),
        gaps["summary"]["hours"].as_f64()
    );
    assert_eq!(
        totals["gap_cost"].as_f64(),
        gaps["summary"]["cost"].as_f64()
    );
    let listed: usize = site["orgs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["gaps"].as_array().unwrap().len())
        .sum();
    assert_eq!(listed, gaps["gaps"].as_array().unwrap().len());
    let waves = samdrift(&[
        "--root",
        SMALL,
        "waves",
        "--target",
        "gemensam",
        "--as-of",
        "2026-01-01",
        "--format",
        "json",
    ]);
    let waves: serde_json::Value = serde_json::from_slice(&waves.stdout).unwrap();
    let numbers = |v: &serde_json::Value| -> Vec<u64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|w| w["number"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(numbers(&site["waves"]["waves"]), numbers(&waves["waves"]));
    assert_eq!(site["waves"]["lower_bound"], waves["lower_bound"]);
}

/// The projects that together make every kind of warning and reason the report words: the
/// planner's cases (each with its run date), the report fixtures and the example data.
#[cfg(unix)]
fn wording_projects(tmp: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let cases = Path::new("tests/waves/cases");
    let mut dirs: Vec<PathBuf> = fs::read_dir(cases)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("targets").is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        let as_of = fs::read_to_string(d.join("as-of.txt"))
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|_| "2026-01-01".into());
        out.push((d, as_of));
    }
    out.push((PathBuf::from(SMALL), "2026-01-01".into()));
    out.push((
        PathBuf::from("tests/fixtures/report/horizon"),
        "2026-01-01".into(),
    ));
    // Every warning of loading and analysis, and a symbolic link the loader does not follow.
    let warnings = tmp.join("warnings");
    copy_dir(Path::new("tests/fixtures/report/warnings"), &warnings);
    std::os::unix::fs::symlink("all.yaml", warnings.join("inventory/alfa/link.yaml")).unwrap();
    out.push((warnings, "2026-05-01".into()));
    out.push((PathBuf::from("."), "2026-05-01".into()));
    out
}

/// Every object `{"key": .., "args": {..}}` in `v`: the report's sentences.
fn sentences(v: &serde_json::Value, out: &mut Vec<(String, serde_json::Value)>) {
    match v {
        serde_json::Value::Object(o) => {
            if let (Some(k), Some(args)) = (o.get("key").and_then(|k| k.as_str()), o.get("args"))
                && args.is_object()
            {
                out.push((k.to_string(), args.clone()));
            }
            o.values().for_each(|x| sentences(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| sentences(x, out)),
        _ => {}
    }
}

/// The keys a sentence's values name: nested sentences (`{"key": ..}`) and units of counts.
fn nested_keys(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(o) => {
            for name in ["key", "unit"] {
                if let Some(k) = o.get(name).and_then(|k| k.as_str()) {
                    out.push(k.to_string());
                }
            }
            o.values().for_each(|x| nested_keys(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| nested_keys(x, out)),
        _ => {}
    }
}

/// Every warning and every reason of the plan, every finding and every figure of the
/// conclusion is worded in both languages: its key (and every key nested in its values) has
/// a text in Swedish and in English, every placeholder is filled, and no English message of
/// the command line reaches a Swedish page. Fails on an untranslated string.
#[test]
#[cfg(unix)]
fn every_warning_and_reason_reads_in_both_languages() {
    use samdrift::report::{self, Lang, Templates, i18n::Locale};
    let tmp = tempfile::tempdir().unwrap();
    let templates = Templates::load(None).unwrap();
    let locale = |lang| Locale {
        lang,
        table: templates.table(lang),
        fallback: samdrift::report::i18n::Table::default(),
        currency: "SEK".into(),
    };
    let (sv, en) = (locale(Lang::Sv), locale(Lang::En));
    let has = |l: &Locale, k: &str| {
        l.table.get(k).is_some()
            || l.table.get(&format!("{k}.one")).is_some()
                && l.table.get(&format!("{k}.other")).is_some()
    };
    let mut holds = std::collections::BTreeSet::new();
    let mut keys_seen = std::collections::BTreeSet::new();
    let mut codes_seen = std::collections::BTreeSet::new();
    for (root, as_of) in wording_projects(tmp.path()) {
        let loaded = samdrift::load::load(&root);
        assert!(!loaded.has_errors(), "{}", root.display());
        let p = &loaded.project;
        let g = samdrift::graph::Graph::build(p);
        let studies = samdrift::study::Study::all(p, &g, as_of.parse().unwrap()).unwrap();
        for primary in 0..studies.len() {
            let site = report::build(
                &studies,
                primary,
                &loaded.diagnostics,
                &report::BuildOptions::default(),
            );
            let json = serde_json::to_value(&site).unwrap();
            let mut found = Vec::new();
            sentences(&json, &mut found);
            for (key, args) in &found {
                keys_seen.insert(key.clone());
                let mut nested = Vec::new();
                nested_keys(args, &mut nested);
                for l in [&sv, &en] {
                    let what = format!("{} ({:?})", root.display(), l.lang);
                    assert!(has(l, key), "{what}: no text for `{key}`");
                    for k in &nested {
                        assert!(has(l, k), "{what}: no text for `{k}` in `{key}`");
                    }
                    let text = l.translate(key, args.as_object().unwrap());
                    assert!(!text.contains('{'), "{what}: `{key}` reads `{text}`");
                }
            }
            for group in &site.warnings {
                codes_seen.insert(group.code);
                for w in &group.warnings {
                    assert!(
                        has(&sv, &format!("code.{}", w.code))
                            && has(&en, &format!("code.{}", w.code))
                    );
                }
            }
            if let Some(w) = &site.waves {
                for wave in &w.waves {
                    for it in &wave.items {
                        holds.insert(it.because.kind);
                    }
                }
                holds.extend(w.unplaced_items.iter().map(|it| it.because.kind));
            }
            // The Swedish pages carry none of the command line's English messages.
            let hb = report::registry(&templates, Lang::Sv, &site.target.currency).unwrap();
            let mut english = Vec::new();
            collect_messages(&json, &mut english);
            for job in report::render::jobs(&site) {
                let (path, html) = report::render::render(&hb, &site, Lang::Sv, &job).unwrap();
                for m in &english {
                    assert!(
                        !html.contains(&escape(m)),
                        "{}: {path} shows the English `{m}`",
                        root.display()
                    );
                }
                // A key shows where a text is missing (the page's own script aside).
                let body = html.split("<script>").next().unwrap_or_default();
                for raw in [
                    "hold.",
                    "wavewarn.",
                    "figure.",
                    "diag.",
                    "conclusion.",
                    "count.",
                ] {
                    assert!(
                        !body.contains(raw),
                        "{}: {path} shows a key `{raw}…`",
                        root.display()
                    );
                }
            }
        }
    }
    // Every reason the planner gives, every plan warning (the unplaced kinds in their
    // sentences) and every warning of loading and analysis occurred.
    for h in [
        "start",
        "dependency",
        "contract",
        "freeze",
        "capacity",
        "org-capacity",
        "oversize",
        "horizon",
        "full",
    ] {
        assert!(holds.contains(h), "no item was held by `{h}`: {holds:?}");
    }
    for c in samdrift::codes::ALL {
        use samdrift::codes::Family;
        let seen = codes_seen.contains(c.id)
            || keys_seen.contains(&format!("wavewarn.unplaceable.{}", c.id));
        match c.family {
            Family::Plan => assert!(seen, "no plan warning `{}`", c.id),
            Family::Analysis => assert!(seen, "no analysis warning `{}`", c.id),
            _ => {}
        }
    }
    for c in [
        "symlink",
        "org-without-inventory",
        "criterion-not-shared",
        "unknown-component",
        "unknown-org",
        "unknown-asset",
        "dependency-cycle",
    ] {
        assert!(codes_seen.contains(c), "no warning `{c}`: {codes_seen:?}");
    }
}

fn collect_messages(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(o) => {
            if let Some(m) = o.get("message").and_then(|m| m.as_str())
                && m.contains(' ')
            {
                out.push(m.to_string());
            }
            o.values().for_each(|x| collect_messages(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_messages(x, out)),
        _ => {}
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

/// The text of the overview's conclusion (the verdict and the key figures), tags removed,
/// one block per line.
fn conclusion_text(html: &str) -> String {
    let start = html.find("<section class=\"verdict").expect("a verdict");
    let end = html[start..]
        .find("</ul>\n</section>")
        .map(|e| start + e)
        .expect("the key figures");
    let mut out = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace('\u{a0}', " ")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The overview opens with the answer, in the reader's language: on time or not, the late and
/// unsupported items, the one-off and yearly cost, payback, person-years, the best
/// alternative and the cost data, each with its status.
#[test]
fn the_overview_states_the_conclusion_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    for (lang, name) in [("sv", "conclusion_sv"), ("en", "conclusion_en")] {
        let out = tmp.path().join(lang);
        ok(&report(&out, &["--lang", lang]));
        let html = fs::read_to_string(out.join("index.html")).unwrap();
        // The conclusion comes before any other section of the page.
        let verdict = html.find("class=\"verdict").unwrap();
        assert!(
            html.find("<section").unwrap() >= verdict - 9,
            "{lang}: the verdict is first"
        );
        insta::assert_snapshot!(name, conclusion_text(&html));
    }
}

/// On the example data the first screen of the overview says whether the plan finishes in
/// time, with the library's own dates: the last wave's end and the horizon.
#[test]
fn the_example_overview_answers_on_its_first_screen() {
    let loaded = samdrift::load::load(Path::new("."));
    let p = &loaded.project;
    let g = samdrift::graph::Graph::build(p);
    let as_of = "2026-05-01".parse().unwrap();
    let t = p.targets.iter().position(|t| t.id == "ggvvh-2027").unwrap();
    let studies = samdrift::study::Study::all(p, &g, as_of).unwrap();
    let plan = studies[t].plan.as_ref().unwrap();
    let end = plan.end().unwrap();
    let horizon = studies[t].target.horizon;
    let tmp = tempfile::tempdir().unwrap();
    for lang in ["sv", "en"] {
        let out = tmp.path().join(lang);
        let o = samdrift(&[
            "--root",
            ".",
            "report",
            "--target",
            "ggvvh-2027",
            "--as-of",
            "2026-05-01",
            "--lang",
            lang,
            "--out",
            out.to_str().unwrap(),
        ]);
        ok(&o);
        let html = fs::read_to_string(out.join("index.html")).unwrap();
        let text = conclusion_text(&html);
        let first = text.lines().take(3).collect::<Vec<_>>().join(" ");
        let (late, on_time) = match lang {
            "sv" => ("Planen blir inte klar i tid", "Planen blir klar i tid"),
            _ => (
                "The plan does not finish in time",
                "The plan finishes in time",
            ),
        };
        assert!(
            first.contains(if end > horizon { late } else { on_time }),
            "{lang}: {first}"
        );
        let date = |d: samdrift::model::Date| match lang {
            "sv" => d.to_string(),
            _ => d.format("%-d %b %Y").to_string(),
        };
        assert!(
            first.contains(&date(end)) && first.contains(&date(horizon)),
            "{lang}: {first}"
        );
    }
}
