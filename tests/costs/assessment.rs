//! `assessment`, `staffing`, `hours_per_fte` and `it_staff` (docs/format.md v1.2) are validated
//! like everything else: located errors with hints, and a warning (with the closest id used
//! elsewhere) for a criterion scored in one target but not another.

use samdrift::diag::{Diagnostic, Level};
use samdrift::load::{Loaded, load_files};

const ORG: &str = "organisation: {name: A, it_staff: 4.5}\n";

fn target(extra_target: &str, assessment: &str) -> String {
    format!("target:\n  name: T\n  horizon: 2027-12-31\n{extra_target}{assessment}")
}

fn load(files: &[(&str, String)]) -> Loaded {
    let mut all: Vec<(String, Vec<u8>)> =
        vec![("inventory/a/org.yaml".into(), ORG.as_bytes().to_vec())];
    all.extend(
        files
            .iter()
            .map(|(p, s)| (p.to_string(), s.as_bytes().to_vec())),
    );
    load_files(&all).unwrap()
}

fn find<'l>(l: &'l Loaded, code: &str) -> Vec<&'l Diagnostic> {
    l.diagnostics.iter().filter(|d| d.code == code).collect()
}

fn one<'l>(l: &'l Loaded, code: &str) -> &'l Diagnostic {
    let found = find(l, code);
    assert_eq!(found.len(), 1, "one `{code}` in {:#?}", l.diagnostics);
    found[0]
}

const SCORED: &str = "assessment:\n  - criterion: potential\n    title: Potential\n    score: 3\n    reason: Large\n";

#[test]
fn a_clean_assessment_and_staffing_load() {
    let l = load(&[(
        "targets/t.yaml",
        target(
            "  staffing: {fte_cost: 720000, shared_fte: 38}\n  hours_per_fte: 1600\n",
            SCORED,
        ),
    )]);
    assert!(l.diagnostics.is_empty(), "{:#?}", l.diagnostics);
    let t = &l.project.targets[0];
    let s = t.staffing.as_ref().unwrap();
    assert_eq!(s.fte_cost.get(), 720000.0);
    assert_eq!(s.shared_fte.get(), 38.0);
    assert_eq!(s.retained_fte_per_org.get(), 0.0, "default 0");
    assert_eq!(t.hours_per_fte.get(), 1600.0);
    let c = &t.assessment[0];
    assert_eq!((c.id.value.as_str(), c.score), ("potential", 3));
    assert_eq!(c.weight.get(), 1.0, "default weight 1");
    assert_eq!(c.reason.as_deref(), Some("Large"));
    assert_eq!(c.id.loc.pos.line, 7);
    let meta = l.project.orgs[0].meta.as_ref().unwrap();
    assert_eq!(
        meta.it_staff.unwrap().get(),
        4.5,
        "a number, not only an integer"
    );
}

#[test]
fn defaults_without_staffing() {
    let l = load(&[("targets/t.yaml", target("", ""))]);
    let t = &l.project.targets[0];
    assert!(t.staffing.is_none());
    assert_eq!(t.hours_per_fte.get(), 1700.0);
    assert!(t.assessment.is_empty());
}

#[test]
fn a_misspelt_key_is_located_with_a_suggestion() {
    let l = load(&[(
        "targets/t.yaml",
        target(
            "",
            "assessment:\n  - criterion: potential\n    score: 3\n    wieght: 2\n",
        ),
    )]);
    let d = one(&l, "unknown-key");
    assert_eq!(d.level, Level::Error);
    assert_eq!(d.file, "targets/t.yaml");
    assert_eq!(d.pos.map(|p| (p.line, p.col)), Some((7, 5)));
    assert!(d.message.contains("`wieght`"), "{}", d.message);
    assert_eq!(d.hint.as_deref(), Some("did you mean `weight`?"));

    let l = load(&[(
        "targets/t.yaml",
        target(
            "  staffing: {fte_cost: 1, shared_ftes: 3}\n  hours_per_ft: 1600\n",
            "",
        ),
    )]);
    let hints: Vec<_> = find(&l, "unknown-key")
        .iter()
        .map(|d| d.hint.clone().unwrap_or_default())
        .collect();
    assert!(
        hints.contains(&"did you mean `shared_fte`?".to_string()),
        "{hints:?}"
    );
    assert!(
        hints.contains(&"did you mean `hours_per_fte`?".to_string()),
        "{hints:?}"
    );
}

#[test]
fn wrong_values_are_located_errors() {
    for (bad, code, line, needle) in [
        ("    score: 5\n", "wrong-type", 6, "an integer from 1 to 4"),
        ("    score: 0\n", "wrong-type", 6, "an integer from 1 to 4"),
        (
            "    score: \"3\"\n",
            "wrong-type",
            6,
            "an integer from 1 to 4",
        ),
        (
            "    score: 2\n    weight: -1\n",
            "wrong-type",
            7,
            "a number ≥ 0",
        ),
        ("    title: No score\n", "missing-field", 5, "`score`"),
    ] {
        let l = load(&[(
            "targets/t.yaml",
            target("", &format!("assessment:\n  - criterion: potential\n{bad}")),
        )]);
        let d = one(&l, code);
        assert_eq!(d.level, Level::Error, "{bad}");
        assert_eq!(d.pos.map(|p| p.line), Some(line), "{bad}: {d}");
        assert!(d.message.contains(needle), "{bad}: {}", d.message);
    }
    let l = load(&[(
        "targets/t.yaml",
        target(
            "",
            "assessment:\n  - criterion: Potential Score\n    score: 2\n",
        ),
    )]);
    assert_eq!(one(&l, "invalid-id").pos.map(|p| p.line), Some(5));
    let l = load(&[(
        "targets/t.yaml",
        target(
            "",
            &format!("{SCORED}  - criterion: potential\n    score: 2\n"),
        ),
    )]);
    let d = one(&l, "duplicate-id");
    assert_eq!(d.pos.map(|p| p.line), Some(9));
    assert!(
        d.message.contains("criterion id `potential`"),
        "{}",
        d.message
    );
}

#[test]
fn staffing_needs_fte_cost_and_a_positive_person_year() {
    let l = load(&[(
        "targets/t.yaml",
        target("  staffing: {shared_fte: 3}\n", ""),
    )]);
    let d = one(&l, "missing-field");
    assert!(d.message.contains("`fte_cost`"), "{}", d.message);
    assert_eq!(d.pos.map(|p| p.line), Some(4));
    let l = load(&[("targets/t.yaml", target("  hours_per_fte: 0\n", ""))]);
    let d = one(&l, "wrong-type");
    assert!(d.message.contains("more than 0"), "{}", d.message);
}

#[test]
fn it_staff_is_a_number_of_zero_or_more() {
    for (bad, ok) in [
        ("4.5", true),
        ("0", true),
        ("-1", false),
        ("many", false),
        ("\"3\"", false),
    ] {
        let files = vec![(
            "inventory/b/org.yaml".to_string(),
            format!("organisation: {{name: B, it_staff: {bad}}}\n").into_bytes(),
        )];
        let l = load_files(&files).unwrap();
        let errors = l
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .count();
        assert_eq!(errors == 0, ok, "it_staff: {bad}: {:#?}", l.diagnostics);
        if !ok {
            let d = one(&l, "wrong-type");
            assert_eq!(d.pos.map(|p| (p.line, p.col)), Some((1, 35)), "{bad}");
        }
    }
}

#[test]
fn a_criterion_scored_in_one_target_only_is_a_warning_naming_the_closest() {
    let second =
        "assessment:\n  - criterion: potentail\n    score: 2\n  - criterion: risk\n    score: 1\n";
    let l = load(&[
        ("targets/a.yaml", target("", SCORED)),
        ("targets/b.yaml", target("", second)),
    ]);
    assert!(!l.has_errors(), "{:#?}", l.diagnostics);
    let found = find(&l, "criterion-not-shared");
    assert_eq!(found.len(), 3, "{found:#?}");
    let typo = found
        .iter()
        .find(|d| d.file == "targets/b.yaml" && d.message.contains("`potentail`"))
        .unwrap();
    assert_eq!(typo.level, Level::Warning);
    assert_eq!(typo.pos.map(|p| (p.line, p.col)), Some((5, 16)));
    assert_eq!(
        typo.message,
        "criterion `potentail` is scored in target `b` but not in `a`"
    );
    assert_eq!(
        typo.hint.as_deref(),
        Some("did you mean `potential`? (scored in a)")
    );
    let back = found.iter().find(|d| d.file == "targets/a.yaml").unwrap();
    assert_eq!(
        back.hint.as_deref(),
        Some("did you mean `potentail`? (scored in b)")
    );
    let lone = found.iter().find(|d| d.message.contains("`risk`")).unwrap();
    assert_eq!(
        lone.hint.as_deref(),
        Some("score it in `a` too, or the decision table shows a gap there")
    );
    // A target without an assessment is not part of the scoring: no warning.
    let l = load(&[
        ("targets/a.yaml", target("", SCORED)),
        ("targets/c.yaml", target("", "")),
    ]);
    assert!(find(&l, "criterion-not-shared").is_empty());
}

#[test]
fn the_decision_table_says_what_does_not_compare() {
    let a = "assessment:\n  - {criterion: potential, score: 3, weight: 2}\n  - {criterion: risk, score: 1}\n";
    let b = "assessment:\n  - {criterion: potential, score: 4}\n";
    let l = load(&[
        ("targets/a.yaml", target("  currency: EUR\n", a)),
        ("targets/b.yaml", target("", b)),
        ("targets/c.yaml", target("", "")),
    ]);
    assert!(!l.has_errors(), "{:#?}", l.diagnostics);
    let p = &l.project;
    let g = samdrift::graph::Graph::build(p);
    let c = samdrift::costs::compare::compare(p, &g, "2026-06-01".parse().unwrap());
    assert_eq!(c.targets, ["a", "b", "c"]);
    assert_eq!(c.criteria.len(), 2);
    assert_eq!(c.criteria[1].criterion, "risk");
    assert!(c.criteria[1].scores[1].is_none(), "b does not score risk");
    let total = |i: usize| c.alternatives[i].weighted_total.map(|n| n.get());
    assert_eq!(total(0), Some(7.0), "3 × 2 + 1 × 1");
    assert_eq!(c.alternatives[0].max_total.map(|n| n.get()), Some(12.0));
    assert_eq!(total(1), Some(4.0));
    assert_eq!(total(2), None, "c has no assessment");
    assert!(
        c.alternatives.iter().all(|a| a.plan.is_none()),
        "no plan sections"
    );
    let notes: Vec<String> = c.notes.iter().map(|n| n.message()).collect();
    assert_eq!(
        notes,
        [
            "`c` has no `assessment`: no weighted total",
            "criterion `potential` has different weights (2 in `a`, 1 in `b`): the weighted totals do not compare",
            "criterion `risk` is not scored in `b`: their weighted totals leave it out",
            "the targets use different currencies (EUR, SEK): their amounts do not compare",
            "`a`, `b`, `c` have no `plan`: no wave figures",
        ]
    );
}
