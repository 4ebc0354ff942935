//! `samdrift import glpi`: GLPI's CSV export of a search list.

use super::{asset, fixture, load_clean, project, samdrift};
use samdrift::model::Layer;

#[test]
fn global_asset_list_groups_clients_and_keeps_servers_and_network_devices() {
    let dir = project();
    let f = fixture("glpi-alla-tillgangar.csv");
    let args = ["import", "glpi", f.to_str().unwrap(), "--org", "gislaved"];
    let r = samdrift(dir.path(), &args);
    // The computer without a name is a bad row.
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "{}:10:1: error: column `Name`: the name is empty",
            f.display()
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(":9:11: warning: item type `Monitor` left out"),
        "{}",
        r.stderr
    );
    // Two retired laptops and a scrapped switch are not counted.
    assert!(
        r.stderr.contains(
            "warning: 3 rows left out as no longer in use, by status: `Kasserad`: 1, `Retired`: 2"
        ),
        "{}",
        r.stderr
    );

    let mut skip = args.to_vec();
    skip.push("--skip-bad-rows");
    let r = samdrift(dir.path(), &skip);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let l = load_clean(dir.path());
    // Three laptops of one model on two floors of the town hall: one fleet at the site the
    // location names ("Stadshuset" is the id of the site `stadshuset`).
    let lt = asset(&l, "gislaved", "laptop-hp-probook-450-g8");
    assert_eq!(
        (lt.layer, lt.kind, lt.quantity),
        (Layer::Clients, "laptop", 3)
    );
    assert_eq!(lt.product.as_deref(), Some("hp-probook-450-g8"));
    assert_eq!(lt.site.as_ref().unwrap().id, "stadshuset");
    assert_eq!(
        asset(&l, "gislaved", "desktop-hp-elitedesk-800-g6").kind,
        "desktop"
    );
    let srv = asset(&l, "gislaved", "gis-srv-01");
    assert_eq!((srv.layer, srv.kind), (Layer::Platforms, "server"));
    assert_eq!(srv.product.as_deref(), Some("dell-inc-poweredge-r650"));
    assert_eq!(srv.site.as_ref().unwrap().id, "stadshuset");
    // "Skolan" names no site: the location is kept as it was written.
    assert!(asset(&l, "gislaved", "gis-ap-07").site.is_none());
    assert!(
        l.project.find_asset("gislaved", "gis-sw-02").is_none(),
        "retired"
    );
    assert_eq!(asset(&l, "gislaved", "gis-sw-01").kind, "lan");
    assert_eq!(asset(&l, "gislaved", "gis-ap-07").kind, "wlan");
}

#[test]
fn swedish_network_device_list_without_item_type() {
    let dir = project();
    // A site named like the most specific part of a GLPI location.
    std::fs::write(
        dir.path().join("inventory/gislaved/hall.yaml"),
        "sites:\n  - {id: serverrum, name: Serverrum, kind: server-room}\n",
    )
    .unwrap();
    let f = fixture("glpi-natverksenheter.csv");
    let r = samdrift(
        dir.path(),
        &[
            "import",
            "glpi",
            f.to_str().unwrap(),
            "--org",
            "gislaved",
            "--no-group",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let l = load_clean(dir.path());
    let fw = asset(&l, "gislaved", "fw-hall-01");
    assert_eq!((fw.layer, fw.kind), (Layer::Networks, "firewall"));
    assert_eq!(fw.site.as_ref().unwrap().id, "serverrum");
    assert_eq!(fw.product.as_deref(), Some("fortinet-fortigate-100f"));
    assert_eq!(asset(&l, "gislaved", "rt-wan-01").kind, "wan");
    let sw = asset(&l, "gislaved", "sw-skola-01");
    assert_eq!(sw.kind, "lan");
    assert!(sw.site.is_none());
    let text = std::fs::read_to_string(
        dir.path()
            .join("inventory/gislaved/glpi-natverksenheter.yaml"),
    )
    .unwrap();
    assert!(text.contains("x-glpi-firmware: \"7.2.8\""), "{text}");
    assert!(
        text.contains("x-glpi-location: Skolan > Teknikrum")
            || text.contains("x-glpi-location: \"Skolan > Teknikrum\""),
        "{text}"
    );
}
