//! Snapshots of every output format (insta), and properties of the text views.
//!
//! The snapshots were read line by line against the fixtures and `expected.json` when they
//! were written; `cargo insta review` shows a change side by side.

use super::{analyse, as_of, cases, load_case};
use samdrift::views::gaps::{self as view, Paint};

fn snapshot_all(case: &str) {
    let loaded = load_case(case);
    let a = analyse(&loaded, as_of(case));
    let p = &loaded.project;
    let t = &p.targets[0];
    insta::assert_snapshot!(
        format!("{case}-table"),
        view::table::render(p, t, &a, Paint { on: false })
    );
    insta::assert_snapshot!(format!("{case}-json"), view::json(&a));
    insta::assert_snapshot!(format!("{case}-markdown"), view::markdown::render(p, t, &a));
    insta::assert_snapshot!(
        format!("{case}-sarif"),
        view::sarif::render(t, &a, &view::sarif::Options::default())
    );
    insta::assert_snapshot!(format!("{case}-junit"), view::junit::render(p, t, &a));
}

#[test]
fn per_org() {
    snapshot_all("per-org");
}

#[test]
fn waivers() {
    snapshot_all("waivers");
}

#[test]
fn lifecycle() {
    snapshot_all("lifecycle");
}

#[test]
fn the_table_fits_80_columns() {
    for case in cases() {
        let loaded = load_case(&case);
        let a = analyse(&loaded, as_of(&case));
        let p = &loaded.project;
        let text = view::table::render(p, &p.targets[0], &a, Paint { on: false });
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{case}: `{line}`");
        }
    }
}

#[test]
fn colour_only_when_asked() {
    let loaded = load_case("waivers");
    let a = analyse(&loaded, as_of("waivers"));
    let p = &loaded.project;
    let plain = view::table::render(p, &p.targets[0], &a, Paint { on: false });
    let coloured = view::table::render(p, &p.targets[0], &a, Paint { on: true });
    assert!(!plain.contains('\x1b'));
    assert!(coloured.contains("\x1b[31mhigh"));
    // Without the escapes, the coloured table is the plain one.
    let mut stripped = String::new();
    let mut rest = coloured.as_str();
    while let Some(i) = rest.find('\x1b') {
        stripped.push_str(&rest[..i]);
        let end = rest[i..].find('m').unwrap();
        rest = &rest[i + end + 1..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, plain);
}

#[test]
fn markdown_cells_cannot_break_the_table() {
    assert_eq!(
        view::markdown::cell("a | b <script>\nc & d"),
        "a \\| b &lt;script&gt; c &amp; d"
    );
}
