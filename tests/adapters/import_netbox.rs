//! `samdrift import netbox`: sites, racks, devices and virtual machines, one file at a time
//! or together; the inventory loads cleanly after each.

use super::{asset, fixture, load_clean, samdrift};
use samdrift::model::{Layer, Num};
use std::path::Path;

fn import(root: &Path, files: &[&str], extra: &[&str]) -> super::Run {
    let paths: Vec<String> = files
        .iter()
        .map(|f| fixture(f).to_str().unwrap().to_string())
        .collect();
    let mut args = vec!["import", "netbox"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--org", "kommun"]);
    args.extend(extra);
    samdrift(root, &args)
}

#[test]
fn one_file_at_a_time_validates_after_each() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();

    let r = import(root, &["netbox-sites.json"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let l = load_clean(root);
    let s = asset(&l, "kommun", "stadshuset");
    assert_eq!((s.layer, s.kind), (Layer::Sites, "datacenter"));
    assert_eq!(s.tags, ["produktion"]);
    assert_eq!(asset(&l, "kommun", "azure-sc").kind, "cloud");

    // Racks alone cannot reach their site's file: reported, nothing else to write.
    let r = import(root, &["netbox-racks.json"], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("2 racks at site `stadshuset` left out"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing to import"), "{}", r.stderr);

    let r = import(root, &["netbox-devices.json"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The access point's site was never imported, and PDUs have no kind: both reported with
    // the line of the object in the JSON file.
    let devices = fixture("netbox-devices.json").display().to_string();
    assert!(r.stderr.contains(&format!("{devices}:")), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("ap-skola-01: site `skolan` is not in the inventory"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("device `pdu-r01-a` left out: samdrift has no kind for role `pdu`"),
        "{}",
        r.stderr
    );
    let l = load_clean(root);
    let sw = asset(&l, "kommun", "sw-core-01");
    assert_eq!((sw.layer, sw.kind), (Layer::Networks, "lan"));
    assert_eq!(sw.product.as_deref(), Some("c9500-48y4c"));
    assert_eq!(sw.site.as_ref().unwrap().id, "stadshuset");
    assert_eq!(asset(&l, "kommun", "fw-01").kind, "firewall");
    assert_eq!(asset(&l, "kommun", "esx-01").kind, "server");
    // NetBox 3 calls the role `device_role`.
    assert_eq!(asset(&l, "kommun", "sw-acc-02").kind, "lan");
    let ap = asset(&l, "kommun", "ap-skola-01");
    assert_eq!(ap.kind, "wlan");
    assert!(ap.site.is_none());
    assert!(l.project.find_asset("kommun", "pdu-r01-a").is_none());

    let r = import(root, &["netbox-virtual-machines.json"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let l = load_clean(root);
    // The cluster is not an endpoint imported here: it becomes an asset of its own.
    let cl = asset(&l, "kommun", "kluster-stadshuset");
    assert_eq!((cl.layer, cl.kind), (Layer::Platforms, "virtualization"));
    let app = asset(&l, "kommun", "ekonomi-app01");
    let deps: Vec<&str> = app.depends_on.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(deps, ["kluster-stadshuset", "esx-01"]);
    assert_eq!(app.site.as_ref().unwrap().id, "stadshuset");
    assert_eq!(app.product.as_deref(), Some("windows-server-2019"));
    let cap = app.capacity.as_ref().unwrap();
    assert_eq!((cap.vcpu, cap.ram_gb), (Some(Num(4.0)), Some(Num(16.0))));
    assert_eq!(app.tags, ["ekonomi"]);
    let db = asset(&l, "kommun", "ekonomi-db01");
    assert_eq!(db.depends_on.len(), 1);

    // Importing the same objects again into another file would duplicate them.
    let r = import(root, &["netbox-sites.json"], &["--name", "igen"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "site `stadshuset` is already in the inventory at inventory/kommun/netbox-sites.yaml:"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn several_files_at_once_resolve_their_own_relations() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Given out of order on purpose: objects are taken sites, racks, devices, VMs.
    let r = import(
        root,
        &[
            "netbox-virtual-machines.json",
            "netbox-devices.json",
            "netbox-racks.json",
            "netbox-sites.json",
        ],
        &[
            "--name",
            "netbox",
            "--role",
            "pdu=-",
            "--role",
            "access-point=networks/wlan",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("pdu-r01-a"), "{}", r.stderr);
    // The school's rack has no site in this import.
    assert!(
        r.stderr.contains("1 rack at site `skolan` left out"),
        "{}",
        r.stderr
    );
    let l = load_clean(root);
    let s = asset(&l, "kommun", "stadshuset");
    assert_eq!(s.capacity.as_ref().unwrap().racks, Some(Num(2.0)));
    assert_eq!(
        asset(&l, "kommun", "esx-02").site.as_ref().unwrap().id,
        "stadshuset"
    );
    let text = std::fs::read_to_string(root.join("inventory/kommun/netbox.yaml")).unwrap();
    assert!(text.starts_with("# Imported by samdrift from NetBox (netbox-virtual-machines.json, netbox-devices.json, netbox-racks.json, netbox-sites.json)."), "{text}");
    assert!(
        text.contains("x-netbox-address: \"Stortorget 1\\n332 80 Gislaved\""),
        "{text}"
    );
}

#[test]
fn json_that_is_not_netbox_is_rejected_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"results\": [\n  {\"id\": 1},\n  {\"id\": 2,}\n]}").unwrap();
    let r = samdrift(
        dir.path(),
        &["import", "netbox", bad.to_str().unwrap(), "--org", "x"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bad.json:3:"), "{}", r.stderr);
    assert!(r.stderr.contains("not valid JSON"), "{}", r.stderr);
    std::fs::write(&bad, "{\"results\": [\n  {\"id\": 1, \"foo\": 2}\n]}").unwrap();
    let r = samdrift(
        dir.path(),
        &["import", "netbox", bad.to_str().unwrap(), "--org", "x"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("bad.json:2:3: error: not a NetBox site, rack, device or virtual machine"),
        "{}",
        r.stderr
    );
    std::fs::write(&bad, "{\"detail\": \"Invalid token.\"}").unwrap();
    let r = samdrift(
        dir.path(),
        &["import", "netbox", bad.to_str().unwrap(), "--org", "x"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("bad.json:1:1: error: expected a list of NetBox objects or a page"),
        "{}",
        r.stderr
    );
}

/// A list in two pages: both given, the import follows `next` and takes every device; one
/// missing, it is refused (exit 2, nothing written) naming the page to fetch, also with
/// `--skip-bad-rows`.
#[test]
fn pages_are_followed_and_a_missing_page_refuses_the_import() {
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let whole = import(one.path(), &["netbox-devices.json"], &["--name", "d"]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    // Given in any order.
    let paged = import(
        two.path(),
        &["netbox-devices-page-2.json", "netbox-devices-page-1.json"],
        &["--name", "d"],
    );
    assert_eq!(paged.code, 0, "{}", paged.stderr);
    let read = |root: &Path| {
        let t = std::fs::read_to_string(root.join("inventory/kommun/d.yaml")).unwrap();
        t.lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(read(one.path()), read(two.path()), "the same devices");
    assert_eq!(load_clean(two.path()).project.assets.len(), 6);
    let root = two.path();

    for extra in [&[][..], &["--skip-bad-rows"]] {
        let mut args = vec!["--name", "missing"];
        args.extend(extra);
        let r = import(root, &["netbox-devices-page-1.json"], &args);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains(
                "the next page is missing: https://netbox.kommun.example/api/dcim/devices/?limit=4&offset=4"
            ),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("nothing written"), "{}", r.stderr);
        assert!(!root.join("inventory/kommun/missing.yaml").exists());
    }
    let r = import(
        root,
        &["netbox-devices-page-2.json"],
        &["--name", "missing"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("the previous page is missing"),
        "{}",
        r.stderr
    );
}
