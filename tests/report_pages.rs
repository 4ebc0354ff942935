//! The pages of issue 11 (costs, the decision table, data quality, hall planning, the contract
//! calendar, `report --since REV`): their figures are the library's values, every text they
//! can show exists in both languages, and `--since` works on a throwaway git repository.

use samdrift::costs::{self, Note, compare};
use samdrift::graph::Graph;
use samdrift::model::{Capacity, Num};
use samdrift::quality::Fact;
use samdrift::report::{self, BuildOptions, Lang, Templates};
use samdrift::study::Study;
use samdrift::waves::{Hold, ItemKind, WarningFact};
use serde_json::Value;
use std::path::{Path, PathBuf};

#[path = "support/git.rs"]
mod support;
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn as_of() -> samdrift::model::Date {
    "2026-05-01".parse().unwrap()
}

fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

/// The example data's studies, the report's site for `target`, and the rendered pages.
fn with_site(target: &str, f: impl FnOnce(&[Study], usize, &report::Site, &[(String, String)])) {
    let loaded = samdrift::load::load(&root());
    assert!(!loaded.has_errors());
    let p = &loaded.project;
    let g = Graph::build(p);
    let studies = Study::all(p, &g, as_of()).unwrap();
    let primary = p.targets.iter().position(|t| t.id == target).unwrap();
    let site = report::build(
        &studies,
        primary,
        &loaded.diagnostics,
        &BuildOptions::default(),
    );
    let templates = Templates::load(None).unwrap();
    let hb = report::registry(&templates, Lang::Sv, &site.target.currency).unwrap();
    let pages: Vec<(String, String)> = report::render::jobs(&site)
        .iter()
        .map(|j| report::render::render(&hb, &site, Lang::Sv, j).unwrap())
        .collect();
    f(&studies, primary, &site, &pages);
}

fn page<'a>(pages: &'a [(String, String)], path: &str) -> &'a str {
    &pages
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no page {path}"))
        .1
}

fn sv_money(v: f64) -> String {
    let t = Templates::load(None).unwrap();
    let l = report::i18n::Locale {
        lang: Lang::Sv,
        table: t.table(Lang::Sv),
        fallback: t.table(Lang::En),
        currency: "SEK".into(),
    };
    l.money(v, None)
}

#[test]
fn no_page_shows_a_placeholder_or_a_key() {
    for target in ["ggvvh-2027", "ggvvh-teknik"] {
        with_site(target, |_, _, _, pages| {
            for (path, html) in pages {
                let body = html.split("</style>").nth(1).unwrap_or(html);
                let body = body.split("<script>").next().unwrap_or(body);
                let mut rest = body;
                while let Some(i) = rest.find('{') {
                    let word: String = rest[i + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                        .collect();
                    assert!(
                        word.is_empty() || !rest[i + 1 + word.len()..].starts_with('}'),
                        "{target}: {path} shows the placeholder {{{word}}}"
                    );
                    rest = &rest[i + 1..];
                }
                for key in [
                    "costs.",
                    "decision.",
                    "quality.",
                    "halls.",
                    "contracts.",
                    "since.",
                ] {
                    assert!(
                        !body.contains(&format!(">{key}")),
                        "{target}: {path} shows a `{key}` key"
                    );
                }
            }
        });
    }
}

#[test]
fn the_costs_page_shows_the_library_costs() {
    with_site("ggvvh-2027", |studies, primary, site, pages| {
        let s = &studies[primary];
        // The page carries the study's costs as they are: the figures of `samdrift costs`.
        let again = costs::compute(s.project, s.target, &s.gaps);
        assert_eq!(json(&site.costs.costs), json(&again));
        assert_eq!(site.costs.orgs.len(), again.orgs.len());
        let html = page(pages, "costs.html");
        // Exact amounts in the tables: today's assets and every organisation's.
        assert!(html.contains(&sv_money(again.today.assets.get())));
        for o in &again.orgs {
            assert!(html.contains(&sv_money(o.assets_today.get())), "{}", o.org);
        }
        // Change and lifecycle are both shown and never added up.
        let sum = again.one_off.change.get() + again.one_off.lifecycle.get();
        assert!(html.contains(&sv_money(again.one_off.change.get())));
        assert!(html.contains(&sv_money(again.one_off.lifecycle.get())));
        assert!(!html.contains(&sv_money(sum)));
        // Incomplete costs are said so, with the coverage.
        assert!(!again.coverage.is_complete());
        assert!(html.contains(&format!(
            "{} av {} tillgångar har en kostnad",
            again.coverage.with_cost, again.coverage.assets
        )));
        assert_eq!(site.costs.notes.len(), again.notes.len());
    });
}

#[test]
fn the_decision_table_is_the_library_comparison() {
    with_site("ggvvh-2027", |studies, _, site, pages| {
        let s = &studies[0];
        let g = Graph::build(s.project);
        let direct = compare::compare(s.project, &g, as_of());
        let d = site.decision.as_ref().expect("several targets");
        // Assembled from the studies, the table equals `samdrift costs --all-targets`.
        assert_eq!(json(&d.table), json(&direct));
        let v = direct.verdict();
        assert_eq!(d.verdict.best, v.best);
        // The best total is marked, and its share is the highest.
        let share = |i: usize| {
            let a = &direct.alternatives[i];
            a.weighted_total.unwrap().get() / a.max_total.unwrap().get()
        };
        for (i, _) in direct.alternatives.iter().enumerate() {
            assert!(share(i) <= share(v.best[0]) + 1e-9);
        }
        for c in &v.checks {
            let agrees = c.leaders.iter().any(|l| v.best.contains(l));
            assert_eq!(c.agrees, agrees);
        }
        let html = page(pages, "scenarios.html");
        for a in &direct.alternatives {
            assert!(html.contains(&a.name), "{}", a.target);
        }
        // Every criterion with its title, and the verdict sentence.
        for r in &direct.criteria {
            assert!(html.contains(&r.title), "{}", r.criterion);
        }
        assert!(html.contains("class=\"verdict"));
        assert!(html.contains("högst viktad summa"));
    });
}

#[test]
fn data_quality_counts_what_each_asset_lacks() {
    with_site("ggvvh-2027", |studies, primary, site, pages| {
        let s = &studies[primary];
        let p = s.project;
        let q = &site.quality;
        let mut lacking = 0;
        for o in &q.orgs {
            let idx = p.org_by_id(&o.org.id).unwrap();
            let assets = p.org_assets(idx);
            assert_eq!(o.assets, assets.len());
            for (i, f) in Fact::ALL.into_iter().enumerate() {
                let missing = assets.iter().filter(|a| f.lacks(a)).count();
                assert_eq!(o.counts[i].missing, missing, "{} {f:?}", o.org.id);
            }
            // Cost coverage is the costs' own.
            let c = s.costs.orgs.iter().find(|c| c.org == o.org.id).unwrap();
            assert_eq!(
                o.counts[0].missing,
                c.coverage.assets - c.coverage.with_cost
            );
            for r in &o.rows {
                let a = &assets[assets.iter().position(|a| a.id == r.id).unwrap()];
                let want: Vec<&str> = Fact::ALL
                    .into_iter()
                    .filter(|f| f.lacks(a))
                    .map(Fact::as_str)
                    .collect();
                assert_eq!(r.missing, want, "{}", r.id);
            }
            lacking += o.rows.len();
            if !o.rows.is_empty() {
                let html = page(pages, &o.href);
                assert!(html.contains(&o.rows.rows(0..1)[0].src.file));
            }
        }
        assert_eq!(lacking, q.lacking);
    });
}

#[test]
fn the_hall_fill_adds_up_the_placed_items() {
    with_site("ggvvh-teknik", |studies, primary, site, pages| {
        let s = &studies[primary];
        let plan = s.plan.as_ref().unwrap();
        let halls = site.halls.as_ref().expect("components with a capacity");
        for h in &halls.halls {
            let c = s.target.component(&h.component.id).unwrap();
            let cap = c.capacity.as_ref().unwrap();
            for k in &h.keys {
                let ki = Capacity::KEYS.iter().position(|x| *x == k.key).unwrap();
                assert_eq!(Some(Num(k.capacity)), cap.values()[ki]);
                // Independently: every placed asset item moving onto it, its asset's value.
                let used: f64 = plan
                    .waves
                    .iter()
                    .flat_map(|w| &w.items)
                    .map(|&i| plan.item(i))
                    .filter(|it| it.component.as_deref() == Some(c.id.as_str()))
                    .filter_map(|it| match it.kind {
                        ItemKind::Asset(a) => s.project.asset(a).capacity.as_ref(),
                        _ => None,
                    })
                    .filter_map(|x| x.values()[ki].map(Num::get))
                    .sum();
                assert!((k.used - used).abs() < 1e-9, "{} {}", c.id, k.key);
                assert!(
                    k.used <= k.capacity + 1e-9,
                    "a hall never holds more than it has"
                );
            }
            let full: Vec<&str> = plan
                .unplaced
                .iter()
                .map(|&i| plan.item(i))
                .filter(|it| matches!(it.reason.hold, Hold::Full { component, .. } if s.target.components[component].id == c.id))
                .map(|it| it.id.as_str())
                .collect();
            let listed: Vec<&str> = h.not_placed.iter().map(|n| n.id.as_str()).collect();
            assert_eq!(listed, full);
        }
        // Hall A in 1 Teknik is full (docs/waves.md).
        assert!(halls.full >= 1);
        assert!(page(pages, "halls.html").contains("Fick inte plats"));
    });
}

#[test]
fn the_contract_calendar_has_every_notice_date_in_order() {
    with_site("ggvvh-2027", |studies, primary, site, pages| {
        let s = &studies[primary];
        let plan = s.plan.as_ref().unwrap();
        let c = site.contracts.as_ref().expect("contracts");
        let notices: Vec<&str> = plan
            .items
            .iter()
            .filter(|it| it.notice_by.is_some())
            .map(|it| it.id.as_str())
            .collect();
        for id in &notices {
            assert!(c.rows.iter().any(|r| r.item == *id), "{id}");
        }
        assert_eq!(c.notices, notices.len());
        let renewed = plan
            .warnings
            .iter()
            .filter(|w| matches!(w.fact, WarningFact::Renewed { .. }))
            .count();
        assert_eq!(c.renewed, renewed);
        // Sorted by the date to act on: notice dates first, in order.
        let dates: Vec<_> = c.rows.iter().filter_map(|r| r.notice_by).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
        assert!(c.rows[..dates.len()].iter().all(|r| r.notice_by.is_some()));
        let html = page(pages, "contracts.html");
        assert!(html.contains("Säg upp senast"));
    });
}

#[test]
fn every_text_the_new_pages_can_show_exists_in_both_languages() {
    let t = Templates::load(None).unwrap();
    let mut keys: Vec<String> = Vec::new();
    for f in Fact::ALL {
        for k in ["quality.fact", "quality.about", "quality.col.missing"] {
            keys.push(format!("{k}.{}", f.as_str()));
        }
    }
    for k in Capacity::KEYS {
        keys.push(format!("halls.key.{k}"));
        keys.push(format!("halls.amount.{k}.one"));
        keys.push(format!("halls.amount.{k}.other"));
    }
    for m in ["notice", "end", "renewed"] {
        keys.push(format!("contracts.mark.{m}.one"));
        keys.push(format!("contracts.mark.{m}.other"));
    }
    let notes = [
        Note::NoStaffing,
        Note::NoItStaff {
            orgs: vec!["a".into()],
        },
        Note::PartialCoverage {
            org: "a".into(),
            with_cost: 1,
            assets: 2,
            layers: Vec::new(),
        },
        Note::LikeForLike {
            assets: 2,
            cost: Num(1.0),
        },
        Note::NoSaving { saving: Num(0.0) },
        Note::NoSaving { saving: Num(-1.0) },
        Note::Waived {
            gaps: 2,
            staying: 0,
        },
        Note::Waived {
            gaps: 2,
            staying: 1,
        },
    ];
    let loaded = samdrift::load::load(&root());
    let order = report::rows::Links::asset_order(&loaded.project, Lang::Sv);
    let links = report::rows::Links {
        p: &loaded.project,
        repo: None,
        lang: Lang::Sv,
        order: &order,
    };
    for n in &notes {
        keys.push(report::costs::note(n, &links).key);
    }
    let compare_notes = [
        compare::CompareNote::Unscored {
            targets: vec!["a".into()],
        },
        compare::CompareNote::NotScored {
            criterion: "c".into(),
            targets: vec!["a".into()],
        },
        compare::CompareNote::Weights {
            criterion: "c".into(),
            weights: Vec::new(),
        },
        compare::CompareNote::Currencies {
            currencies: Vec::new(),
        },
        compare::CompareNote::NoPlan {
            targets: vec!["a".into()],
        },
    ];
    for n in &compare_notes {
        keys.push(report::decision::note(n).key);
    }
    for f in ["saving", "change", "horizon", "horizon-late"] {
        for a in ["agrees", "differs"] {
            keys.push(format!("decision.check.{f}.{a}"));
        }
    }
    for f in ["avoidable-late", "open-critical"] {
        for a in ["agrees", "differs"] {
            keys.push(format!("decision.check.{f}.{a}.one"));
        }
    }
    keys.push("decision.verdict.unscored".into());
    for v in ["nothing", "supports", "partly", "against"] {
        keys.push(format!("decision.verdict.{v}.one"));
        keys.push(format!("decision.verdict.{v}.other"));
    }
    for k in [
        "since.change.severity",
        "since.change.hours",
        "since.change.cost",
        "since.change.action",
        "since.change.waived",
        "since.change.unwaived",
        "since.summary.gaps.one",
        "since.summary.open.one",
        "since.summary.moved.one",
        "since.summary.end",
        "since.summary.late.one",
    ] {
        keys.push(k.into());
    }
    for lang in [Lang::Sv, Lang::En] {
        let table = t.table(lang);
        for k in &keys {
            let has = table.get(k).is_some()
                || (table.get(&format!("{k}.one")).is_some()
                    && table.get(&format!("{k}.other")).is_some());
            assert!(has, "{lang:?}: no text for `{k}`");
        }
    }
}

// `report --since REV` on a throwaway git repository.

const TARGET: &str = "target:
  name: Since
  horizon: 2027-12-31
  hourly_rate: 100
plan:
  start: 2026-01-01
  wave_months: 3
  capacity_hours: 40
rules:
  - id: eos
    title: Supported platforms
    select: {layer: platforms}
    expect: {end_of_support_after: horizon}
    action: upgrade
    severity: high
    effort: {hours: 30}
";

const BEFORE: &str = "platforms:
  - {id: old-db, name: Gamla databasen, kind: database, end_of_support: 2025-01-01}
  - {id: old-files, name: Gamla filservern, kind: file-service, end_of_support: 2026-01-01}
";

const AFTER: &str = "platforms:
  - {id: old-db, name: Gamla databasen, kind: database, end_of_support: 2025-01-01}
  - {id: old-files, name: Gamla filservern, kind: file-service, end_of_support: 2030-01-01}
  - {id: old-mail, name: Gamla e-posten, kind: email, end_of_support: 2024-06-30}
";

fn git(dir: &Path, args: &[&str]) {
    support::git(dir, args);
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn samdrift(root: &Path, args: &[&str]) -> Output {
    support::samdrift(root, args)
}

#[test]
fn report_since_a_revision_shows_what_changed() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    write(dir, "infra/targets/t.yaml", TARGET);
    write(dir, "infra/inventory/acme/all.yaml", BEFORE);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "before"]);
    write(dir, "infra/inventory/acme/all.yaml", AFTER);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "after"]);
    let root = dir.join("infra");
    let out = dir.join("report");
    let o = samdrift(
        &root,
        &[
            "report",
            "--as-of",
            "2026-02-01",
            "--since",
            "HEAD~1",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    // The short summary: old-files was fixed, old-mail is new.
    assert!(
        stderr.contains("since HEAD~1 (") && stderr.contains("1 gap closed, 1 added, 0 changed"),
        "{stderr}"
    );
    let html = std::fs::read_to_string(out.join("since.html")).unwrap();
    assert!(html.contains("Ändringar sedan HEAD~1"));
    assert!(html.contains("Gamla filservern"), "the closed gap");
    assert!(html.contains("Gamla e-posten"), "the added gap");
    assert!(html.contains("Ett gap stängt") && html.contains("Ett gap tillkommet"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("since.html"),
        "the page is in the navigation"
    );

    // A revision that names no commit, and a folder outside git: located, exit 2.
    let o = samdrift(
        &root,
        &["report", "--since", "nope", "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("--since nope: `nope` names no commit"),
        "{stderr}"
    );
    let plain = tempfile::tempdir().unwrap();
    write(plain.path(), "targets/t.yaml", TARGET);
    write(plain.path(), "inventory/acme/all.yaml", BEFORE);
    let o = samdrift(
        plain.path(),
        &[
            "report",
            "--since",
            "HEAD",
            "--out",
            plain.path().join("r").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--since HEAD: "));
    // The previous report is untouched by a failed run.
    assert!(out.join("since.html").exists());
}

/// `max_per_org: 0` forbids a kind outright: the sentence says none may exist, in both
/// languages, and never "at most 0".
#[test]
fn a_forbidden_kind_reads_as_none_allowed() {
    use samdrift::gaps::{Fact as GapFact, Finding};
    let t = Templates::load(None).unwrap();
    let loaded = samdrift::load::load(&root());
    let target = loaded.project.target("ggvvh-2027").unwrap();
    for (lang, none, one) in [
        (
            Lang::Sv,
            "2 finns; ingen får finnas",
            "en finns; högst 1 får finnas",
        ),
        (
            Lang::En,
            "2 exist; none may exist",
            "one exists; at most 1 may exist",
        ),
    ] {
        let l = report::i18n::Locale {
            lang,
            table: t.table(lang),
            fallback: t.table(Lang::En),
            currency: "SEK".into(),
        };
        let say = |selected, max| {
            let f = Finding {
                fact: GapFact::TooMany {
                    selected,
                    max,
                    kept: vec![],
                },
                field: None,
                at: Default::default(),
            };
            let s = report::sentence::finding(&f, target);
            l.translate(&s.key, &s.args)
        };
        assert_eq!(say(2, 0), none);
        assert_eq!(say(1, 1), one);
    }
}

/// Items left out because a hall is full are said to be so in the conclusion, not put down to
/// the planning horizon; the conclusion also says when the rest of the plan ends.
#[test]
fn the_conclusion_says_why_items_have_no_wave() {
    with_site("ggvvh-teknik", |studies, primary, _, pages| {
        let plan = studies[primary].plan.as_ref().unwrap();
        assert!(!plan.unplaced.is_empty(), "hall A binds in ggvvh-teknik");
        let index = page(pages, "index.html");
        let conclusion = index
            .split("Planen blir inte klar")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .unwrap_or_else(|| panic!("no conclusion on unplaced items"));
        assert!(
            conclusion.contains("ryms inte i fulla komponenter"),
            "{conclusion}"
        );
        assert!(
            conclusion.contains("resten av planen slutar"),
            "{conclusion}"
        );
        assert!(!conclusion.contains("planeringshorisont"), "{conclusion}");
    });
}
