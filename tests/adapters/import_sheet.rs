//! `samdrift import csv|xlsx`.

use super::{asset, fixture, load_clean, project, samdrift};
use samdrift::model::Num;
use std::fs;

#[test]
fn swedish_csv_becomes_an_inventory_file_that_loads() {
    let dir = project();
    let f = fixture("servrar.csv");
    let r = samdrift(
        dir.path(),
        &[
            "import",
            "csv",
            f.to_str().unwrap(),
            "--org",
            "gislaved",
            "--layer",
            "platforms",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("wrote inventory/gislaved/servrar.yaml: 5 assets"),
        "{}",
        r.stderr
    );
    // The unknown dependency is reported at its row and column, and kept as an x- field.
    assert!(
        r.stderr
            .contains("servrar.csv:6:7: warning: `Lagringsnätet` is not in the inventory yet"),
        "{}",
        r.stderr
    );
    let l = load_clean(dir.path());

    let v = asset(&l, "gislaved", "vmware-vsphere");
    assert_eq!(v.kind, "virtualization");
    assert_eq!(v.product.as_deref(), Some("vmware-vsphere"));
    assert_eq!(v.version.as_deref(), Some("7.0"));
    assert_eq!(v.quantity, 6);
    assert_eq!(v.site.as_ref().unwrap().id, "stadshuset");
    let c = v.contract.as_ref().unwrap();
    assert_eq!(c.supplier.as_deref(), Some("Atea"));
    assert_eq!(c.ends.unwrap().to_string(), "2025-06-30");
    assert_eq!(c.notice_months, Some(6));
    assert_eq!(c.auto_renew, Some(false));
    assert_eq!(v.annual_cost, Some(Num(1_234_567.5)));
    assert_eq!(v.end_of_support.unwrap().to_string(), "2025-10-02");
    assert_eq!(v.capacity.as_ref().unwrap().ram_gb, Some(Num(1536.0)));

    let ad = asset(&l, "gislaved", "active-directory");
    assert_eq!(ad.kind, "directory");
    assert_eq!(ad.version.as_deref(), Some("2019"));
    assert_eq!(ad.site.as_ref().unwrap().id, "stadshuset");
    assert_eq!(ad.notes.as_deref(), Some("Domän: kommun.local"));

    let ex = asset(&l, "gislaved", "exchange-2016");
    let deps: Vec<&str> = ex.depends_on.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(deps, ["vmware-vsphere", "active-directory"]);
    assert_eq!(ex.annual_cost, Some(Num(45_000.0)));
    assert_eq!(ex.notes.as_deref(), Some("# migreras till M365"));

    // Values that YAML could read as something else stay strings.
    let no = asset(&l, "gislaved", "no");
    assert_eq!(no.name, "no");
    assert_eq!(no.version.as_deref(), Some("1.0"));
    assert_eq!(no.notes.as_deref(), Some("yes"));
    let fil = asset(&l, "gislaved", "filserver");
    assert_eq!(fil.name, "*Filserver");
    assert_eq!(fil.kind, "file-service");
    assert_eq!(fil.notes.as_deref(), Some("- punkt, \"citat\" och: kolon"));
    assert!(fil.depends_on.is_empty());

    let text = fs::read_to_string(dir.path().join("inventory/gislaved/servrar.yaml")).unwrap();
    assert!(text.contains("name: \"no\""), "{text}");
    assert!(text.contains("version: \"7.0\""), "{text}");
    assert!(text.contains("x-kostnadsstalle: \"4711\""), "{text}");
    assert!(text.contains("x-depends_on: Lagringsnätet"), "{text}");
}

#[test]
fn a_csv_saved_as_windows_1252_reads_and_other_files_are_untouched() {
    let dir = project();
    let sites = dir.path().join("inventory/gislaved/sites.yaml");
    let before = fs::read(&sites).unwrap();
    // What Excel writes for "CSV (semikolonavgränsad)": Windows-1252, `;`, CRLF.
    let f = dir.path().join("datorer.csv");
    fs::write(
        &f,
        b"Namn;Typ;Antal;Leverant\xf6r\r\nB\xe4rbara datorer;b\xe4rbar dator;1 100;Atea\r\n",
    )
    .unwrap();
    let r = samdrift(
        dir.path(),
        &[
            "import",
            "csv",
            f.to_str().unwrap(),
            "--org",
            "gislaved",
            "--layer",
            "clients",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let l = load_clean(dir.path());
    let a = asset(&l, "gislaved", "barbara-datorer");
    assert_eq!(
        (a.name.as_str(), a.kind, a.quantity),
        ("Bärbara datorer", "laptop", 1100)
    );
    assert_eq!(
        a.contract.as_ref().unwrap().supplier.as_deref(),
        Some("Atea")
    );
    assert_eq!(fs::read(&sites).unwrap(), before);
    let files: Vec<_> = fs::read_dir(dir.path().join("inventory/gislaved"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        files.len(),
        2,
        "only the new file besides sites.yaml, no temporary left: {files:?}"
    );
}

#[test]
fn every_bad_row_is_reported_and_nothing_is_written() {
    let dir = project();
    let f = fixture("trasig.csv");
    let args = [
        "import",
        "csv",
        f.to_str().unwrap(),
        "--org",
        "gislaved",
        "--layer",
        "clients",
    ];
    let r = samdrift(dir.path(), &args);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let shown = f.display().to_string();
    for (row, col, what) in [
        (2, 3, "`tre` is not a whole number"),
        (3, 4, "`2025-13-01` is not a date"),
        (4, 1, "the name is empty"),
        (5, 2, "`gurka` is not a kind of `clients`"),
        (6, 5, "`-5` is not a number ≥ 0"),
        (6, 6, "`7` is not a whole number from 0 to 4"),
    ] {
        let prefix = format!("{shown}:{row}:{col}: error: ");
        assert!(
            r.stderr
                .lines()
                .any(|l| l.starts_with(&prefix) && l.contains(what)),
            "missing {prefix}…{what} in:\n{}",
            r.stderr
        );
    }
    assert!(
        r.stderr
            .contains("6 problems in the input; nothing written"),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("inventory/gislaved/trasig.yaml").exists());

    let mut skip = args.to_vec();
    skip.push("--skip-bad-rows");
    let r = samdrift(dir.path(), &skip);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("1 asset (6 bad rows skipped)"),
        "{}",
        r.stderr
    );
    let l = load_clean(dir.path());
    assert_eq!(asset(&l, "gislaved", "tunna-klienter").kind, "thin-client");
    assert_eq!(
        asset(&l, "gislaved", "tunna-klienter").security_level,
        Some(2)
    );
}

#[test]
fn english_csv_with_map_options() {
    let dir = project();
    let f = fixture("clients-en.csv");
    let r = samdrift(
        dir.path(),
        &[
            "import",
            "csv",
            f.to_str().unwrap(),
            "--org",
            "gislaved",
            "--layer",
            "clients",
            "--map",
            "Department=x-förvaltning",
            "--map",
            "Users=-",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let l = load_clean(dir.path());
    let a = asset(&l, "gislaved", "staff-laptops");
    assert_eq!(a.quantity, 1100);
    assert_eq!(a.users, None);
    assert_eq!(a.tags, ["personal", "kontor"]);
    let c = a.contract.as_ref().unwrap();
    assert_eq!(c.supplier.as_deref(), Some("Dustin"));
    assert_eq!(c.notice_months, Some(3));
    assert_eq!(c.auto_renew, Some(true));
    assert_eq!(c.annual_cost, Some(Num(2_310_000.0)));
    let text = fs::read_to_string(dir.path().join("inventory/gislaved/clients-en.yaml")).unwrap();
    assert!(text.contains("x-forvaltning: IT"), "{text}");
}

#[test]
fn an_existing_file_is_replaced_only_with_force_and_ids_are_never_reused() {
    let dir = project();
    let f = fixture("clients-en.csv");
    let args = [
        "import",
        "csv",
        f.to_str().unwrap(),
        "--org",
        "gislaved",
        "--layer",
        "clients",
    ];
    assert_eq!(samdrift(dir.path(), &args).code, 0);
    let path = dir.path().join("inventory/gislaved/clients-en.yaml");
    fs::write(&path, fs::read_to_string(&path).unwrap() + "# edited\n").unwrap();
    let r = samdrift(dir.path(), &args);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("exists; pass --force"), "{}", r.stderr);
    assert!(fs::read_to_string(&path).unwrap().ends_with("# edited\n"));

    // The same rows into another file would reuse ids: every such row is an error.
    let mut other = args.to_vec();
    other.extend(["--name", "igen"]);
    let r = samdrift(dir.path(), &other);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("id `staff-laptops` (made from the name) is already used at inventory/gislaved/clients-en.yaml:"), "{}", r.stderr);
    assert!(!dir.path().join("inventory/gislaved/igen.yaml").exists());

    let mut force = args.to_vec();
    force.push("--force");
    assert_eq!(samdrift(dir.path(), &force).code, 0);
    assert!(!fs::read_to_string(&path).unwrap().contains("# edited"));
    load_clean(dir.path());
}

#[test]
fn usage_errors_exit_2() {
    let dir = project();
    let f = fixture("clients-en.csv");
    let f = f.to_str().unwrap();
    for args in [
        vec!["import", "csv", f, "--layer", "clients"],
        vec![
            "import", "csv", f, "--org", "Gislaved", "--layer", "clients",
        ],
        vec![
            "import",
            "csv",
            f,
            "--org",
            "g",
            "--layer",
            "clients",
            "--map",
            "Name=nmae",
        ],
        vec![
            "import", "csv", f, "--org", "g", "--layer", "clients", "--kind", "firewall",
        ],
        vec![
            "import",
            "csv",
            "/no/such/file.csv",
            "--org",
            "g",
            "--layer",
            "clients",
        ],
    ] {
        let r = samdrift(dir.path(), &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
}

#[test]
fn xlsx_workbook_becomes_an_inventory_file_that_loads() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = project();
    let book = dir.path().join("Tjänster 2025.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Tjänster").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    // Row 1 is left empty: the header is the first row with content.
    let headers = [
        "Namn",
        "Beroende av",
        "Användare",
        "Årskostnad",
        "Leverantör",
        "Avtalet löper ut",
        "Automatisk förlängning",
        "SLA",
        "Ansvarig",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    ws.write_string(2, 0, "Ekonomisystem").unwrap();
    ws.write_string(2, 1, "Serverrum Stadshuset").unwrap();
    ws.write_number(2, 2, 250).unwrap();
    ws.write_number(2, 3, 480000.5).unwrap();
    ws.write_string(2, 4, "Visma").unwrap();
    ws.write_datetime_with_format(2, 5, ExcelDateTime::from_ymd(2026, 6, 30).unwrap(), &date)
        .unwrap();
    ws.write_boolean(2, 6, true).unwrap();
    ws.write_string(2, 7, "office-hours").unwrap();
    ws.write_string(2, 8, "Ekonomienheten").unwrap();
    ws.write_string(3, 0, "Procapita").unwrap();
    ws.write_string(3, 2, "många").unwrap();
    ws.write_string(4, 0, "Lärplattform").unwrap();
    ws.write_number(4, 2, 4200).unwrap();
    ws.write_string(4, 5, "30.06.2027").unwrap();
    wb.save(&book).unwrap();

    let args = [
        "import",
        "xlsx",
        book.to_str().unwrap(),
        "--org",
        "gislaved",
        "--layer",
        "services",
        "--kind",
        "application",
    ];
    let r = samdrift(dir.path(), &args);
    assert_eq!(r.code, 2, "{}", r.stderr);
    // Row and column as the spreadsheet shows them: row 4, column C.
    assert!(
        r.stderr
            .contains(":4:3: error: column `Användare`: `många` is not a whole number"),
        "{}",
        r.stderr
    );

    let mut skip = args.to_vec();
    skip.push("--skip-bad-rows");
    let r = samdrift(dir.path(), &skip);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("wrote inventory/gislaved/tjanster-2025.yaml: 2 assets"),
        "{}",
        r.stderr
    );
    let l = load_clean(dir.path());
    let e = asset(&l, "gislaved", "ekonomisystem");
    assert_eq!(e.users, Some(250));
    assert_eq!(e.annual_cost, Some(Num(480_000.5)));
    assert_eq!(e.sla.as_ref().unwrap().value, "office-hours");
    // A dependency on a site by its name.
    assert_eq!(e.depends_on[0].id, "stadshuset");
    let c = e.contract.as_ref().unwrap();
    assert_eq!(c.ends.unwrap().to_string(), "2026-06-30");
    assert_eq!(c.auto_renew, Some(true));
    let lp = asset(&l, "gislaved", "larplattform");
    assert_eq!(
        lp.contract.as_ref().unwrap().ends.unwrap().to_string(),
        "2027-06-30"
    );
}
