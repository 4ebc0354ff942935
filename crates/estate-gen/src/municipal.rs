//! The municipal style: realistic Swedish municipalities and a national shared-operations
//! target, every file valid per docs/format.md.
//!
//! Each organisation gets six files (`organisation.yaml` with the sites, `network.yaml`,
//! `platforms.yaml`, `clients.yaml`, `services/verksamhet.yaml`, `services/stod.yaml`) in
//! block YAML, with real municipality names, products, suppliers and applications. The
//! proportions follow a real municipality: a few sites, about 10% networks, 35% platforms,
//! 15% clients (with quantities) and 35% services; dependencies point at lower layers
//! (services → platforms → networks → sites), so the graph is acyclic unless
//! [`Spec::cycles`] asks for a few cycles, which this style places at fixed organisations
//! (every eighth org's DNS and directory, two applications of another, and an e-archive
//! shared by two neighbours). `targets/national.yaml` has eight components and thirteen
//! rules, one or more per expectation key, and its plan capacity is sized from the
//! estimated work so that the plan takes about twelve waves.

use crate::rng::Rng;
use crate::{Limit, Spec, Stats};
use chrono::NaiveDate;
use std::fmt::Write as _;

/// Real Swedish municipalities (id, name); beyond the list, ids get a number.
const MUNICIPALITIES: &[(&str, &str)] = &[
    ("gislaved", "Gislaveds kommun"),
    ("gnosjo", "Gnosjö kommun"),
    ("varnamo", "Värnamo kommun"),
    ("vaggeryd", "Vaggeryds kommun"),
    ("hylte", "Hylte kommun"),
    ("jonkoping", "Jönköpings kommun"),
    ("vetlanda", "Vetlanda kommun"),
    ("eksjo", "Eksjö kommun"),
    ("savsjo", "Sävsjö kommun"),
    ("tranas", "Tranås kommun"),
    ("nassjo", "Nässjö kommun"),
    ("habo", "Habo kommun"),
    ("mullsjo", "Mullsjö kommun"),
    ("aneby", "Aneby kommun"),
    ("ljungby", "Ljungby kommun"),
    ("alvesta", "Alvesta kommun"),
    ("vaxjo", "Växjö kommun"),
    ("tingsryd", "Tingsryds kommun"),
    ("uppvidinge", "Uppvidinge kommun"),
    ("lessebo", "Lessebo kommun"),
    ("markaryd", "Markaryds kommun"),
    ("almhult", "Älmhults kommun"),
    ("halmstad", "Halmstads kommun"),
    ("falkenberg", "Falkenbergs kommun"),
    ("varberg", "Varbergs kommun"),
    ("kungsbacka", "Kungsbacka kommun"),
    ("laholm", "Laholms kommun"),
    ("boras", "Borås stad"),
    ("ulricehamn", "Ulricehamns kommun"),
    ("tranemo", "Tranemo kommun"),
    ("svenljunga", "Svenljunga kommun"),
    ("mark", "Marks kommun"),
    ("herrljunga", "Herrljunga kommun"),
    ("vargarda", "Vårgårda kommun"),
    ("alingsas", "Alingsås kommun"),
    ("lerum", "Lerums kommun"),
    ("partille", "Partille kommun"),
    ("molndal", "Mölndals stad"),
    ("harryda", "Härryda kommun"),
    ("kungalv", "Kungälvs kommun"),
    ("stenungsund", "Stenungsunds kommun"),
    ("tjorn", "Tjörns kommun"),
    ("orust", "Orusts kommun"),
    ("uddevalla", "Uddevalla kommun"),
    ("trollhattan", "Trollhättans stad"),
    ("vanersborg", "Vänersborgs kommun"),
    ("lidkoping", "Lidköpings kommun"),
    ("skara", "Skara kommun"),
    ("falkoping", "Falköpings kommun"),
    ("skovde", "Skövde kommun"),
    ("mariestad", "Mariestads kommun"),
    ("tidaholm", "Tidaholms kommun"),
    ("hjo", "Hjo kommun"),
    ("karlsborg", "Karlsborgs kommun"),
    ("toreboda", "Töreboda kommun"),
    ("gullspang", "Gullspångs kommun"),
    ("tibro", "Tibro kommun"),
    ("essunga", "Essunga kommun"),
    ("grastorp", "Grästorps kommun"),
    ("vara", "Vara kommun"),
    ("gotene", "Götene kommun"),
    ("kalmar", "Kalmar kommun"),
    ("nybro", "Nybro kommun"),
    ("emmaboda", "Emmaboda kommun"),
    ("torsas", "Torsås kommun"),
    ("morbylanga", "Mörbylånga kommun"),
    ("borgholm", "Borgholms kommun"),
    ("oskarshamn", "Oskarshamns kommun"),
    ("vastervik", "Västerviks kommun"),
    ("hultsfred", "Hultsfreds kommun"),
    ("vimmerby", "Vimmerby kommun"),
    ("monsteras", "Mönsterås kommun"),
];

/// The org ids that [`crate::write`] uses, in order.
pub fn org_ids(n: usize) -> Vec<String> {
    (0..n).map(|i| org_id_name(i).0).collect()
}

fn org_id_name(i: usize) -> (String, String) {
    let (id, name) = MUNICIPALITIES[i % MUNICIPALITIES.len()];
    let round = i / MUNICIPALITIES.len();
    if round == 0 {
        (id.to_string(), name.to_string())
    } else {
        (
            format!("{id}-{}", round + 1),
            format!("{name} {}", round + 1),
        )
    }
}

const SUPPLIERS: &[&str] = &[
    "Atea",
    "Tietoevry",
    "CGI",
    "Dustin",
    "Telia",
    "Advania",
    "Sopra Steria",
    "Visma",
    "Evry",
    "Iver",
];
const PLACES: &[&str] = &[
    "Kommunhuset",
    "Stadshuset",
    "Centralskolan",
    "Gymnasiet",
    "Vårdcentralen",
    "Äldreboendet Solgården",
    "Äldreboendet Björkhagen",
    "Biblioteket",
    "Räddningsstationen",
    "Badhuset",
    "Förskolan Ekorren",
    "Förskolan Lärkan",
    "Tekniska kontoret",
    "Socialkontoret",
    "Hemtjänsten Norr",
    "Hemtjänsten Söder",
    "Kulturhuset",
    "Reningsverket",
    "Norra skolan",
    "Södra skolan",
];
const TAGS: &[&str] = &[
    "skola",
    "vard-omsorg",
    "socialtjanst",
    "kommunledning",
    "samhallsbyggnad",
    "kultur-fritid",
    "teknik",
    "hr-ekonomi",
];
const SLAS: [(&str, u32); 4] = [
    ("best-effort", 25),
    ("office-hours", 40),
    ("extended", 25),
    ("24x7", 10),
];
const WINDOWS: [(&str, u32); 3] = [("tue-night", 40), ("sun-morning", 30), ("thu-evening", 10)];

/// The products of a kind, with weights and a few versions each.
fn products(kind: &str) -> &'static [(&'static str, u32, &'static [&'static str])] {
    match kind {
        "datacenter" | "server-room" => &[],
        "colocation" => &[("tele2-colo", 1, &[]), ("conapto", 1, &[])],
        "cloud" => &[("azure-sweden-central", 2, &[]), ("aws-eu-north-1", 1, &[])],
        "wan" => &[("telia-wan", 2, &[]), ("ip-only-stadsnat", 1, &[])],
        "lan" => &[
            ("cisco-catalyst", 3, &["16.12", "17.9"]),
            ("hpe-aruba-cx", 2, &["10.10"]),
            ("extreme-exos", 1, &["31.7"]),
        ],
        "wlan" => &[("cisco-meraki", 2, &[]), ("aruba-instant", 2, &["8.10"])],
        "firewall" => &[
            ("fortigate", 3, &["7.0", "7.2", "7.4"]),
            ("palo-alto", 2, &["10.2", "11.1"]),
            ("checkpoint", 1, &["R81"]),
        ],
        "internet" => &[("sunet", 1, &[]), ("telia-internet", 2, &[])],
        "vpn" => &[
            ("cisco-anyconnect", 1, &["4.10"]),
            ("fortigate-ssl-vpn", 1, &[]),
        ],
        "dns-dhcp" => &[
            ("infoblox", 1, &["9.0"]),
            ("windows-dns-dhcp", 2, &["2016", "2019"]),
        ],
        "virtualization" => &[
            ("vmware-vsphere", 6, &["6.7", "7.0", "8.0"]),
            ("hyper-v", 3, &["2016", "2019", "2022"]),
            ("proxmox-ve", 1, &["8.1"]),
            ("nutanix-ahv", 1, &["6.5"]),
        ],
        "storage" => &[
            ("netapp-ontap", 3, &["9.8", "9.12"]),
            ("dell-powerstore", 2, &["3.5"]),
            ("hpe-nimble", 2, &["6.1"]),
            ("pure-flasharray", 1, &["6.4"]),
        ],
        "backup" => &[
            ("veeam-backup", 5, &["11", "12"]),
            ("commvault", 2, &["11.28"]),
            ("ibm-spectrum-protect", 1, &["8.1"]),
        ],
        "directory" => &[
            ("active-directory", 6, &["2012r2", "2016", "2019"]),
            ("entra-id", 2, &[]),
        ],
        "email" => &[
            ("exchange-2016", 9, &["CU23"]),
            ("exchange-2019", 5, &["CU14"]),
            ("microsoft-365", 6, &[]),
        ],
        "database" => &[
            ("mssql-2016", 3, &["SP3"]),
            ("mssql-2019", 4, &["CU25"]),
            ("mssql-2022", 2, &["CU12"]),
            ("oracle-19c", 1, &["19.21"]),
            ("postgresql", 1, &["13", "15", "16"]),
        ],
        "file-service" => &[
            ("windows-file-server", 3, &["2016", "2019"]),
            ("netapp-cifs", 1, &[]),
        ],
        "print-service" => &[
            ("papercut-mf", 3, &["22.1"]),
            ("windows-print-server", 2, &["2016"]),
            ("uniflow", 1, &["2022.1"]),
        ],
        "monitoring" => &[
            ("zabbix", 2, &["6.0", "7.0"]),
            ("prtg", 2, &["23.4"]),
            ("scom-2019", 1, &[]),
            ("op5-monitor", 1, &["9"]),
        ],
        "container" => &[("openshift", 1, &["4.14"]), ("rke2", 1, &["1.28"])],
        "server" => &[
            ("windows-server-2012r2", 2, &[]),
            ("windows-server-2016", 5, &[]),
            ("windows-server-2019", 5, &[]),
            ("windows-server-2022", 3, &[]),
            ("rhel-8", 1, &["8.9"]),
            ("ubuntu-22.04", 1, &[]),
        ],
        "collaboration" => &[
            ("microsoft-365", 4, &[]),
            ("sharepoint-2016", 2, &["SP1"]),
            ("google-workspace", 1, &[]),
        ],
        "desktop" => &[
            ("dell-optiplex", 2, &["7090"]),
            ("hp-elitedesk", 1, &["800 G6"]),
        ],
        "laptop" => &[
            ("lenovo-thinkpad", 3, &["T14 Gen 2", "T14 Gen 4"]),
            ("hp-elitebook", 2, &["840 G8"]),
            ("macbook-air", 1, &["M2"]),
        ],
        "chromebook" => &[("acer-chromebook", 2, &[]), ("lenovo-chromebook", 1, &[])],
        "tablet" => &[("ipad", 3, &["9", "10"]), ("samsung-galaxy-tab", 1, &[])],
        "phone" => &[
            ("iphone", 3, &["13", "14", "15"]),
            ("samsung-galaxy", 2, &[]),
        ],
        "printer" => &[("ricoh-mfp", 2, &[]), ("canon-mfp", 1, &[])],
        "telephony" => &[("telia-touchpoint", 2, &[]), ("teams-telephony", 1, &[])],
        "thin-client" => &[("igel", 1, &["11"])],
        _ => &[],
    }
}

/// Business applications of a municipality: (name, product, tag).
const APPLICATIONS: &[(&str, &str, &str)] = &[
    ("Integrationsplattform", "frends", "kommunledning"),
    ("E-tjänsteplattform", "open-eplatform", "kommunledning"),
    ("Intranät", "sitevision", "kommunledning"),
    ("Webbplats", "sitevision", "kommunledning"),
    (
        "Verksamhetssystem socialtjänst",
        "procapita",
        "socialtjanst",
    ),
    ("Journalsystem vård och omsorg", "lifecare", "vard-omsorg"),
    ("Treserva", "treserva", "socialtjanst"),
    ("Lönesystem", "visma-lon", "hr-ekonomi"),
    ("Personalsystem", "heroma", "hr-ekonomi"),
    ("Ekonomisystem", "raindance", "hr-ekonomi"),
    ("Ekonomisystem Unit4", "unit4-erp", "hr-ekonomi"),
    ("Diarium och ärendehantering", "public-360", "kommunledning"),
    ("Ärendehantering Ciceron", "ciceron", "kommunledning"),
    ("Dokumenthantering", "w3d3", "kommunledning"),
    ("Ärendehantering Platina", "platina", "kommunledning"),
    ("Skolplattform", "schoolsoft", "skola"),
    ("Lärplattform", "unikum", "skola"),
    ("Elevadministration", "ist-extens", "skola"),
    ("Barn- och elevregister", "tieto-education", "skola"),
    ("Bygglov", "byggr", "samhallsbyggnad"),
    ("Miljö och hälsa", "edp-vision", "samhallsbyggnad"),
    ("Schemaläggning", "medvind", "vard-omsorg"),
    ("Bemanning vård", "timecare", "vard-omsorg"),
    ("Digitala lås hemtjänst", "phoniro", "vard-omsorg"),
    ("Trygghetslarm", "tunstall", "vard-omsorg"),
    ("Bibliotekssystem", "book-it", "kultur-fritid"),
    ("Kulturskola", "stratsys", "kultur-fritid"),
    ("Lokalbokning", "interbook-go", "kultur-fritid"),
    ("Måltidssystem", "mashie", "skola"),
    ("Fastighetssystem", "vitec", "teknik"),
    ("Felanmälan", "infracontrol", "teknik"),
    ("Geodata", "geosecma", "samhallsbyggnad"),
    ("E-arkiv", "sydarkivera", "kommunledning"),
    ("Växelfunktion", "telia-touchpoint-app", "kommunledning"),
    ("Beslutsstöd", "hypergene", "hr-ekonomi"),
    ("Ekonomiskt bistånd", "viva", "socialtjanst"),
    (
        "Hälso- och sjukvård dokumentation",
        "cosmic-link",
        "vard-omsorg",
    ),
    ("Vattenverk SCADA", "abb-800xa", "teknik"),
];

fn tier(kind: &str) -> u8 {
    match kind {
        "storage" | "server" => 0,
        "virtualization" => 1,
        "backup" | "directory" | "database" | "file-service" | "monitoring" | "container" => 2,
        _ => 3,
    }
}

/// Which earlier platform kinds a platform of `kind` runs on.
fn platform_needs(kind: &str) -> &'static [&'static str] {
    match kind {
        "virtualization" => &["storage", "server"],
        "backup" => &["storage", "virtualization"],
        "directory" | "database" | "monitoring" | "container" => &["virtualization"],
        "file-service" => &["virtualization", "storage"],
        "email" | "collaboration" => &["directory", "virtualization"],
        "print-service" => &["directory"],
        _ => &[],
    }
}

fn id_prefix(kind: &str) -> &'static str {
    match kind {
        "datacenter" => "dc",
        "server-room" => "sr",
        "colocation" => "colo",
        "cloud" => "cloud",
        "wan" => "wan",
        "lan" => "lan",
        "wlan" => "wlan",
        "firewall" => "fw",
        "internet" => "inet",
        "vpn" => "vpn",
        "dns-dhcp" => "dns",
        "virtualization" => "virt",
        "storage" => "stor",
        "backup" => "bkp",
        "directory" => "ad",
        "email" => "mail",
        "database" => "db",
        "file-service" => "fil",
        "print-service" => "print",
        "monitoring" => "mon",
        "container" => "k8s",
        "server" => "srv",
        "collaboration" => "collab",
        "desktop" => "pc",
        "laptop" => "lap",
        "chromebook" => "cb",
        "tablet" => "tab",
        "phone" => "mob",
        "printer" => "skr",
        "telephony" => "tel",
        "thin-client" => "tc",
        _ => "app",
    }
}

fn kind_name(kind: &str) -> &'static str {
    match kind {
        "datacenter" => "Serverhall",
        "server-room" => "Serverrum",
        "colocation" => "Colocation",
        "cloud" => "Molnregion",
        "wan" => "Stadsnät WAN",
        "lan" => "LAN",
        "wlan" => "WLAN",
        "firewall" => "Brandvägg",
        "internet" => "Internetanslutning",
        "vpn" => "Distansåtkomst VPN",
        "dns-dhcp" => "DNS/DHCP",
        "virtualization" => "Virtualiseringskluster",
        "storage" => "Lagringssystem",
        "backup" => "Säkerhetskopiering",
        "directory" => "Katalogtjänst",
        "email" => "E-post",
        "database" => "Databasserver",
        "file-service" => "Filserver",
        "print-service" => "Utskriftstjänst",
        "monitoring" => "Övervakning",
        "container" => "Containerplattform",
        "server" => "Fysisk server",
        "collaboration" => "Samarbetsplattform",
        "desktop" => "Stationära datorer",
        "laptop" => "Bärbara datorer",
        "chromebook" => "Chromebooks",
        "tablet" => "Surfplattor",
        "phone" => "Mobiltelefoner",
        "printer" => "Skrivare",
        "telephony" => "Telefoni",
        "thin-client" => "Tunna klienter",
        _ => "Tillämpning",
    }
}

/// The layer keys of docs/format.md §2, in order.
const LAYERS: [&str; 5] = ["sites", "networks", "platforms", "clients", "services"];

/// Does a plain scalar read as null in YAML 1.2 (so a string field must quote it)?
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// A date `days` after 2023-01-01.
fn day(days: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).expect("valid") + chrono::Days::new(days)
}

/// Writes `s` as a YAML scalar for a string field: plain where that reads back as the same
/// text (a string field takes `7.0` or `2016` as written), else double-quoted.
fn scalar(out: &mut String, s: &str) {
    let plain = !s.is_empty()
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`', ' ',
        ])
        && !s.ends_with(' ')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains(['\n', '\t', '\\', '"'])
        && !is_null(s);
    if plain {
        out.push_str(s);
    } else {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

#[derive(Clone, Debug)]
struct Contract {
    supplier: &'static str,
    ends: NaiveDate,
    notice_months: u64,
    auto_renew: bool,
    annual_cost: u64,
}

/// One asset as the generator builds it.
#[derive(Clone, Debug, Default)]
struct Gen {
    id: String,
    name: String,
    kind: &'static str,
    product: Option<&'static str>,
    version: Option<&'static str>,
    quantity: Option<u64>,
    site: Option<String>,
    depends_on: Vec<String>,
    realizes: Option<&'static str>,
    operator: Option<&'static str>,
    sla: Option<&'static str>,
    service_window: Option<&'static str>,
    security_level: Option<u8>,
    end_of_support: Option<NaiveDate>,
    contract: Option<Contract>,
    annual_cost: Option<u64>,
    users: Option<u64>,
    capacity: Option<String>,
    tags: Vec<&'static str>,
    notes: Option<String>,
    cmdb: Option<u64>,
}

impl Gen {
    fn write(&self, out: &mut String) {
        out.push_str("  - id: ");
        out.push_str(&self.id);
        out.push_str("\n    name: ");
        scalar(out, &self.name);
        let _ = write!(out, "\n    kind: {}\n", self.kind);
        if let Some(p) = self.product {
            let _ = writeln!(out, "    product: {p}");
        }
        if let Some(v) = self.version {
            out.push_str("    version: ");
            scalar(out, v);
            out.push('\n');
        }
        if let Some(q) = self.quantity {
            let _ = writeln!(out, "    quantity: {q}");
        }
        if let Some(s) = &self.site {
            let _ = writeln!(out, "    site: {s}");
        }
        if !self.depends_on.is_empty() {
            if self.depends_on.len() > 2 {
                out.push_str("    depends_on:\n");
                for d in &self.depends_on {
                    let _ = writeln!(out, "      - {d}");
                }
            } else {
                let _ = writeln!(out, "    depends_on: [{}]", self.depends_on.join(", "));
            }
        }
        if let Some(r) = self.realizes {
            let _ = writeln!(out, "    realizes: {r}");
        }
        if let Some(o) = self.operator {
            out.push_str("    operator: ");
            scalar(out, o);
            out.push('\n');
        }
        if let Some(s) = self.sla {
            let _ = writeln!(out, "    sla: {s}");
        }
        if let Some(w) = self.service_window {
            let _ = writeln!(out, "    service_window: {w}");
        }
        if let Some(l) = self.security_level {
            let _ = writeln!(out, "    security_level: {l}");
        }
        if let Some(d) = self.end_of_support {
            let _ = writeln!(out, "    end_of_support: {d}");
        }
        if let Some(c) = &self.contract {
            out.push_str("    contract:\n      supplier: ");
            scalar(out, c.supplier);
            let _ = write!(
                out,
                "\n      ends: {}\n      notice_months: {}\n      auto_renew: {}\n      annual_cost: {}\n",
                c.ends, c.notice_months, c.auto_renew, c.annual_cost
            );
        }
        if let Some(c) = self.annual_cost {
            let _ = writeln!(out, "    annual_cost: {c}");
        }
        if let Some(u) = self.users {
            let _ = writeln!(out, "    users: {u}");
        }
        if let Some(c) = &self.capacity {
            let _ = writeln!(out, "    capacity: {c}");
        }
        if !self.tags.is_empty() {
            let _ = writeln!(out, "    tags: [{}]", self.tags.join(", "));
        }
        if let Some(n) = &self.notes {
            if n.contains('\n') {
                out.push_str("    notes: |\n");
                for line in n.lines() {
                    let _ = writeln!(out, "      {line}");
                }
            } else {
                out.push_str("    notes: ");
                scalar(out, n);
                out.push('\n');
            }
        }
        if let Some(c) = self.cmdb {
            let _ = writeln!(out, "    x-cmdb-id: CI{c:06}");
        }
    }
}

/// The rules' effort, used to size the plan's capacity so that it takes 10–20 waves.
#[derive(Default)]
struct Effort {
    hours: f64,
    directories: u64,
    firewalls: u64,
}

const HORIZON: &str = "2029-12-31";
const CLIENT_EOS: &str = "2027-06-30";

impl Effort {
    /// The hours of the gaps `a` will have against `targets/national.yaml` (an estimate:
    /// `sites_at_least` is taken to fail half the time).
    fn add(&mut self, layer: usize, a: &Gen) {
        let horizon: NaiveDate = HORIZON.parse().expect("valid");
        let eos_before = |d: NaiveDate| a.end_of_support.is_some_and(|e| e <= d);
        match layer {
            1 if a.kind == "firewall" => {
                self.firewalls += 1;
                if !matches!(a.operator, Some("in-house" | "Telia")) {
                    self.hours += 8.0;
                }
            }
            2 => {
                self.hours += match (a.kind, a.realizes) {
                    ("virtualization", None) => 120.0,
                    ("storage", None) => 80.0,
                    ("backup", None) => 40.0,
                    ("email", _) if a.product != Some("microsoft-365") => 200.0,
                    _ => 0.0,
                };
                if a.kind == "directory" {
                    self.directories += 1;
                }
                if eos_before(horizon) {
                    self.hours += 16.0;
                }
                if matches!(a.kind, "virtualization" | "storage" | "database")
                    && !matches!(a.service_window, Some("tue-night" | "sun-morning"))
                {
                    self.hours += 4.0;
                }
            }
            3 if matches!(a.kind, "desktop" | "laptop" | "chromebook")
                && eos_before(CLIENT_EOS.parse().expect("valid")) =>
            {
                self.hours += 0.25 * a.quantity.unwrap_or(1) as f64;
            }
            4 => {
                if a.tags.contains(&"vard-omsorg") {
                    if !matches!(a.sla, Some("extended" | "24x7")) {
                        self.hours += 24.0;
                    }
                    self.hours += 20.0;
                }
                if a.tags.contains(&"socialtjanst") && a.security_level.is_none_or(|l| l < 3) {
                    self.hours += 24.0;
                }
            }
            _ => {}
        }
    }

    fn finish_org(&mut self) -> f64 {
        let mut h = self.hours;
        h += 60.0 * self.directories.saturating_sub(1) as f64;
        if self.firewalls < 2 {
            h += 40.0;
        }
        *self = Effort::default();
        h
    }
}

/// Sizes of the layers for `n` assets: a few sites, ~10% networks, ~15% clients, and the rest
/// split between platforms and services.
fn layer_sizes(n: usize) -> [usize; 5] {
    let sites = if n >= 20 {
        (n / 50).clamp(2, 8)
    } else {
        n.min(1)
    };
    let networks = (n as f64 * 0.10).round() as usize;
    let clients = (n as f64 * 0.15).round() as usize;
    let rest = n.saturating_sub(sites + networks + clients);
    let platforms = rest / 2;
    [sites, networks, platforms, clients, rest - platforms]
}

/// Kinds of each layer's assets, in order. The first few of a layer are the basics every
/// municipality has, so that dependencies have something to point at.
fn layer_kinds(rng: &mut Rng, sizes: &[usize; 5]) -> [Vec<&'static str>; 5] {
    let fill = |rng: &mut Rng, n: usize, base: &[&'static str], w: &[(&'static str, u32)]| {
        (0..n)
            .map(|i| base.get(i).copied().unwrap_or_else(|| rng.weighted(w)))
            .collect::<Vec<_>>()
    };
    [
        fill(
            rng,
            sizes[0],
            &["datacenter", "server-room"],
            &[
                ("server-room", 6),
                ("datacenter", 1),
                ("colocation", 1),
                ("cloud", 1),
            ],
        ),
        fill(
            rng,
            sizes[1],
            &[
                "wan", "internet", "firewall", "lan", "dns-dhcp", "vpn", "wlan", "firewall",
            ],
            &[("lan", 6), ("wlan", 5), ("firewall", 1), ("vpn", 1)],
        ),
        fill(
            rng,
            sizes[2],
            &[
                "storage",
                "server",
                "virtualization",
                "directory",
                "database",
                "backup",
                "file-service",
                "monitoring",
                "email",
                "print-service",
                "container",
                "collaboration",
            ],
            &[
                ("server", 30),
                ("database", 20),
                ("virtualization", 7),
                ("storage", 7),
                ("file-service", 8),
                ("monitoring", 5),
                ("backup", 5),
                ("directory", 3),
                ("print-service", 5),
                ("container", 5),
                ("email", 2),
                ("collaboration", 2),
            ],
        ),
        fill(
            rng,
            sizes[3],
            &["laptop", "desktop", "phone", "printer", "telephony"],
            &[
                ("laptop", 5),
                ("desktop", 4),
                ("chromebook", 3),
                ("tablet", 3),
                ("phone", 3),
                ("printer", 3),
                ("telephony", 1),
                ("thin-client", 1),
            ],
        ),
        vec!["application"; sizes[4]],
    ]
}

fn pick_product(rng: &mut Rng, kind: &str) -> (Option<&'static str>, Option<&'static str>) {
    let list = products(kind);
    if list.is_empty() {
        return (None, None);
    }
    let weights: Vec<(usize, u32)> = list.iter().enumerate().map(|(i, p)| (i, p.1)).collect();
    let (product, _, versions) = list[rng.weighted(&weights)];
    let version = (!versions.is_empty()).then(|| *rng.pick(versions));
    (Some(product), version)
}

/// The common, randomly present fields of an asset.
fn fill_common(rng: &mut Rng, a: &mut Gen, contract_p: f64, contracts: bool) {
    a.operator = if rng.chance(0.85) {
        Some(if rng.chance(0.65) {
            "in-house"
        } else {
            *rng.pick(SUPPLIERS)
        })
    } else {
        None
    };
    if rng.chance(0.9) {
        a.sla = Some(rng.weighted(&SLAS));
    }
    if rng.chance(0.8) {
        a.service_window = Some(rng.weighted(&WINDOWS));
    }
    if rng.chance(0.85) {
        a.security_level = Some(rng.below(5) as u8);
    }
    if rng.chance(0.7) {
        a.end_of_support = Some(day(rng.below(10 * 365)));
    }
    if contracts && rng.chance(contract_p) {
        // Contracts end between 2024 and the spring of 2029.
        a.contract = Some(Contract {
            supplier: a
                .operator
                .filter(|o| *o != "in-house")
                .unwrap_or_else(|| *rng.pick(SUPPLIERS)),
            ends: day(365 + rng.below(5 * 365 + 90)),
            notice_months: *rng.pick(&[3, 6, 6, 9, 12]),
            auto_renew: rng.chance(0.4),
            annual_cost: rng.range(2, 400) * 5_000,
        });
    }
    if rng.chance(0.3) {
        a.annual_cost = Some(rng.range(1, 200) * 1_000);
    }
    if rng.chance(0.06) {
        a.notes = Some(if rng.chance(0.3) {
            "Upphandlad via SKI: avtalet förlängs årsvis.\nKontakt: systemförvaltare".to_string()
        } else {
            format!("Flyttad från {} {}", rng.pick(PLACES), 2015 + rng.below(9))
        });
    }
    if rng.chance(0.05) {
        a.cmdb = Some(rng.below(1_000_000));
    }
}

/// One organisation's assets, per layer.
struct OrgEstate {
    layers: [Vec<Gen>; 5],
    cross_refs: usize,
    cycles: usize,
}

struct OrgCtx<'c> {
    index: usize,
    cfg: &'c Spec,
    ids: &'c [String],
    /// Platforms other organisations may depend on, per earlier org: (id, kind).
    shared: &'c [Vec<String>],
}

fn gen_org(ctx: &OrgCtx) -> OrgEstate {
    let cfg = ctx.cfg;
    let mut rng = Rng::new(cfg.seed ^ (ctx.index as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F));
    let sizes = layer_sizes(cfg.assets_per_org);
    let kinds = layer_kinds(&mut rng, &sizes);
    let ids: [Vec<String>; 5] = std::array::from_fn(|l| {
        kinds[l]
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{}-{i:03}", id_prefix(k)))
            .collect()
    });
    let of_kind = |l: usize, kind: &str, before: usize| -> Vec<usize> {
        kinds[l][..before.min(kinds[l].len())]
            .iter()
            .enumerate()
            .filter(|(_, k)| **k == kind)
            .map(|(i, _)| i)
            .collect()
    };
    let pick_of = |rng: &mut Rng, l: usize, kind: &str, before: usize| -> Option<String> {
        let c = of_kind(l, kind, before);
        (!c.is_empty()).then(|| ids[l][*rng.pick(&c)].clone())
    };
    let main_sites: Vec<usize> = (0..sizes[0])
        .filter(|&i| matches!(kinds[0][i], "datacenter" | "server-room"))
        .collect();
    let pick_site = |rng: &mut Rng| -> Option<String> {
        if main_sites.is_empty() {
            None
        } else if rng.chance(0.6) {
            Some(ids[0][main_sites[0]].clone())
        } else {
            Some(ids[0][*rng.pick(&main_sites)].clone())
        }
    };
    let mut out = OrgEstate {
        layers: Default::default(),
        cross_refs: 0,
        cycles: 0,
    };

    // Sites.
    for (i, &kind) in kinds[0].iter().enumerate() {
        let mut a = Gen {
            id: ids[0][i].clone(),
            kind,
            ..Gen::default()
        };
        a.name = match kind {
            "cloud" => "Molntjänster Azure".to_string(),
            "colocation" => format!(
                "Colocation {}",
                rng.pick(&["Tele2", "Conapto", "GlobalConnect"])
            ),
            _ => format!("{} {}", kind_name(kind), PLACES[i % PLACES.len()]),
        };
        (a.product, a.version) = pick_product(&mut rng, kind);
        fill_common(&mut rng, &mut a, 0.3, cfg.contracts);
        a.security_level = Some(rng.range(1, 3) as u8);
        a.end_of_support = None;
        a.capacity = Some(format!(
            "{{racks: {}, power_kw: {}}}",
            rng.range(1, 20),
            rng.range(4, 120)
        ));
        a.tags = vec!["teknik"];
        out.layers[0].push(a);
    }

    // Networks: each depends only on earlier networks of kinds it needs.
    let directory_id = of_kind(2, "directory", sizes[2])
        .first()
        .map(|&i| ids[2][i].clone());
    let dns_ids = of_kind(1, "dns-dhcp", sizes[1]);
    let cycle_dns =
        cfg.cycles && ctx.index.is_multiple_of(8) && directory_id.is_some() && !dns_ids.is_empty();
    for (i, &kind) in kinds[1].iter().enumerate() {
        let mut a = Gen {
            id: ids[1][i].clone(),
            kind,
            ..Gen::default()
        };
        a.name = match kind {
            "lan" | "wlan" | "firewall" => {
                format!("{} {}", kind_name(kind), PLACES[i % PLACES.len()])
            }
            _ => kind_name(kind).to_string(),
        };
        (a.product, a.version) = pick_product(&mut rng, kind);
        fill_common(&mut rng, &mut a, 0.6, cfg.contracts);
        a.site = pick_site(&mut rng);
        let needs: &[&str] = match kind {
            "firewall" => &["internet", "wan"],
            "lan" => &["firewall"],
            "wlan" | "dns-dhcp" => &["lan"],
            "vpn" => &["firewall"],
            _ => &[],
        };
        for need in needs {
            if let Some(d) = pick_of(&mut rng, 1, need, i) {
                a.depends_on.push(d);
            }
        }
        if cycle_dns && i == dns_ids[0] {
            // The classic: DNS servers that authenticate against the directory they serve.
            a.depends_on.push(directory_id.clone().expect("checked"));
            out.cycles += 1;
        }
        if kind == "wlan" && rng.chance(0.5) {
            a.tags.push("skola");
        }
        out.layers[1].push(a);
    }

    // Platforms: each runs on lower-tier platforms, a network and a site.
    let core_lan = of_kind(1, "lan", sizes[1]);
    for (i, &kind) in kinds[2].iter().enumerate() {
        let mut a = Gen {
            id: ids[2][i].clone(),
            kind,
            ..Gen::default()
        };
        (a.product, a.version) = pick_product(&mut rng, kind);
        a.name = match a.product {
            Some(p) if rng.chance(0.5) => format!("{} {p} {}", kind_name(kind), i),
            _ => format!("{} {}", kind_name(kind), i),
        };
        fill_common(&mut rng, &mut a, 0.5, cfg.contracts);
        a.site = pick_site(&mut rng);
        for need in platform_needs(kind) {
            if rng.chance(0.85)
                && let Some(d) = pick_of(&mut rng, 2, need, i)
            {
                a.depends_on.push(d);
            }
        }
        debug_assert!(
            a.depends_on.iter().all(|d| tier(
                kinds[2][ids[2].iter().position(|x| x == d).unwrap_or(0)]
            ) < tier(kind))
        );
        if !core_lan.is_empty() && rng.chance(0.7) {
            a.depends_on.push(ids[1][*rng.pick(&core_lan)].clone());
        }
        if kind == "directory" && !dns_ids.is_empty() && (cycle_dns || rng.chance(0.3)) {
            let dns = ids[1][dns_ids[0]].clone();
            if !a.depends_on.contains(&dns) {
                a.depends_on.push(dns);
            }
        }
        match kind {
            "virtualization" | "storage" | "server" => {
                a.quantity = Some(rng.range(2, 8));
                a.capacity = Some(match kind {
                    "storage" => format!("{{storage_tb: {}}}", rng.range(10, 400)),
                    _ => format!(
                        "{{vcpu: {}, ram_gb: {}}}",
                        rng.range(4, 64) * 8,
                        rng.range(4, 64) * 64
                    ),
                });
            }
            "database" if rng.chance(0.3) => {
                a.capacity = Some(format!(
                    "{{vcpu: {}, ram_gb: {}}}",
                    rng.range(2, 16),
                    rng.range(8, 256)
                ));
            }
            _ => {}
        }
        // A few pilot organisations already run on the shared platforms.
        if ctx.index % 7 == 3 {
            a.realizes = match kind {
                "email" if a.product == Some("microsoft-365") => Some("shared-email"),
                "backup" if rng.chance(0.5) => Some("shared-backup"),
                _ => None,
            };
        }
        if rng.chance(0.2) {
            a.tags.push(*rng.pick(TAGS));
        }
        out.layers[2].push(a);
    }

    // Clients: fleets with quantities.
    let wlan = of_kind(1, "wlan", sizes[1]);
    for (i, &kind) in kinds[3].iter().enumerate() {
        let mut a = Gen {
            id: ids[3][i].clone(),
            kind,
            ..Gen::default()
        };
        let place = PLACES[i % PLACES.len()];
        a.name = format!("{} {place}", kind_name(kind));
        (a.product, a.version) = pick_product(&mut rng, kind);
        fill_common(&mut rng, &mut a, 0.3, cfg.contracts);
        a.sla = None;
        a.service_window = None;
        a.quantity = Some(match kind {
            "laptop" | "phone" => rng.range(20, 1500),
            "desktop" => rng.range(20, 800),
            "chromebook" => rng.range(100, 2000),
            "tablet" => rng.range(20, 600),
            "printer" => rng.range(5, 200),
            "thin-client" => rng.range(10, 300),
            _ => rng.range(1, 4),
        });
        a.users = a.quantity.map(|q| q * rng.range(1, 3));
        let net =
            if matches!(kind, "laptop" | "chromebook" | "tablet" | "phone") && !wlan.is_empty() {
                Some(ids[1][*rng.pick(&wlan)].clone())
            } else if !core_lan.is_empty() {
                Some(ids[1][*rng.pick(&core_lan)].clone())
            } else {
                None
            };
        a.depends_on.extend(net);
        let needs: &[&str] = match kind {
            "desktop" | "laptop" | "thin-client" => &["directory"],
            "printer" => &["print-service"],
            "telephony" => &["collaboration"],
            _ => &[],
        };
        for need in needs {
            a.depends_on.extend(pick_of(&mut rng, 2, need, sizes[2]));
        }
        a.tags = match kind {
            "chromebook" => vec!["skola"],
            "thin-client" => vec!["vard-omsorg"],
            _ if place.contains("skola") || place.contains("Gymnasiet") => vec!["skola"],
            _ if place.contains("Äldreboende") || place.contains("Hemtjänst") => {
                vec!["vard-omsorg"]
            }
            _ => vec![*rng.pick(TAGS)],
        };
        out.layers[3].push(a);
    }

    // Services: applications on platforms; a few need the base integration services, a few
    // another organisation's platforms.
    let hosts = [
        "database",
        "virtualization",
        "server",
        "container",
        "file-service",
    ];
    let cycle_services = cfg.cycles && ctx.index % 8 == 4 && sizes[4] >= 6;
    for i in 0..sizes[4] {
        let (app, product, tag) = APPLICATIONS[i % APPLICATIONS.len()];
        let round = i / APPLICATIONS.len();
        let mut a = Gen {
            id: ids[4][i].clone(),
            name: if round == 0 {
                app.to_string()
            } else {
                format!("{app} ({})", round + 1)
            },
            kind: "application",
            product: Some(product),
            ..Gen::default()
        };
        if rng.chance(0.5) {
            a.version = Some(*rng.pick(&["2.1", "5.4", "2023.2", "10", "7.0", "R12"]));
        }
        fill_common(&mut rng, &mut a, 0.7, cfg.contracts);
        let n = rng.range(1, 3);
        for _ in 0..n {
            let kind = *rng.pick(&hosts);
            if let Some(d) = pick_of(&mut rng, 2, kind, sizes[2])
                && !a.depends_on.contains(&d)
            {
                a.depends_on.push(d);
            }
        }
        if i > 4 && rng.chance(0.25) {
            a.depends_on.push(ids[4][rng.below(4) as usize].clone());
        }
        if rng.chance(0.3) {
            a.depends_on
                .extend(pick_of(&mut rng, 2, "directory", sizes[2]));
        }
        if cfg.cross_org_refs && ctx.index > 0 && rng.chance(0.03) {
            let lo = ctx.index.saturating_sub(5);
            let j = lo + rng.below((ctx.index - lo) as u64) as usize;
            if !ctx.shared[j].is_empty() {
                let target = rng.pick(&ctx.shared[j]);
                a.depends_on.push(format!("{}/{target}", ctx.ids[j]));
                out.cross_refs += 1;
            }
        }
        if cycle_services && i == sizes[4] - 1 {
            // Two applications that call each other.
            a.depends_on.push(ids[4][0].clone());
            out.layers[4][0].depends_on.push(a.id.clone());
            out.cycles += 1;
        }
        a.users = Some(rng.range(5, 5000));
        a.tags.push(tag);
        if rng.chance(0.15) {
            let extra = *rng.pick(TAGS);
            if extra != tag {
                a.tags.push(extra);
            }
        }
        out.layers[4].push(a);
    }

    // Across organisations: a cycle through a shared e-archive, written on both sides.
    if cfg.cycles && cfg.cross_org_refs && ctx.ids.len() > 1 {
        let partner = |j: usize| &ctx.ids[j];
        if ctx.index.is_multiple_of(10) && ctx.index + 1 < ctx.ids.len() {
            out.layers[4].push(Gen {
                id: "samverkan-arkiv".into(),
                name: "Samverkan e-arkiv".into(),
                kind: "application",
                product: Some("sydarkivera"),
                depends_on: vec![format!("{}/arkiv-lagring", partner(ctx.index + 1))],
                operator: Some("in-house"),
                sla: Some("office-hours"),
                tags: vec!["kommunledning"],
                ..Gen::default()
            });
            out.cross_refs += 1;
            out.cycles += 1;
        }
        if ctx.index % 10 == 1 {
            out.layers[2].push(Gen {
                id: "arkiv-lagring".into(),
                name: "Lagring för gemensamt e-arkiv".into(),
                kind: "storage",
                product: Some("netapp-ontap"),
                depends_on: vec![format!("{}/samverkan-arkiv", partner(ctx.index - 1))],
                operator: Some("in-house"),
                sla: Some("extended"),
                ..Gen::default()
            });
            out.cross_refs += 1;
        }
    }
    out
}

/// Adds one file to the estate and counts it.
fn push_file(files: &mut Vec<(String, Vec<u8>)>, path: String, text: String, stats: &mut Stats) {
    stats.files += 1;
    stats.bytes += text.len() as u64;
    files.push((path, text.into_bytes()));
}

fn layer_section(out: &mut String, key: &str, assets: &[Gen]) {
    if assets.is_empty() {
        return;
    }
    out.push_str(key);
    out.push_str(":\n");
    for a in assets {
        a.write(out);
    }
}

/// The files of a municipal estate (`inventory/<org>/…` in org order, then
/// `targets/national.yaml`) and what they hold.
pub fn files(cfg: &Spec) -> (Vec<(String, Vec<u8>)>, Stats) {
    let ids = org_ids(cfg.orgs);
    let mut stats = Stats {
        orgs: cfg.orgs,
        ..Stats::default()
    };
    let mut shared: Vec<Vec<String>> = Vec::with_capacity(cfg.orgs);
    let mut hours_total = 0.0;
    let mut hours_max_org: f64 = 0.0;
    let mut first_email: Option<String> = None;
    let mut effort = Effort::default();
    let mut files = Vec::new();
    for (index, org) in ids.iter().enumerate() {
        let ctx = OrgCtx {
            index,
            cfg,
            ids: &ids,
            shared: &shared,
        };
        let est = gen_org(&ctx);
        stats.cross_org_refs += est.cross_refs;
        stats.cycles += est.cycles;
        for (l, assets) in est.layers.iter().enumerate() {
            stats.per_layer[l] += assets.len();
            stats.assets += assets.len();
            for a in assets {
                effort.add(l, a);
            }
        }
        let h = effort.finish_org();
        hours_total += h;
        hours_max_org = hours_max_org.max(h);
        if index == 0 {
            first_email = est.layers[2]
                .iter()
                .find(|a| a.kind == "email" && a.product != Some("microsoft-365"))
                .map(|a| a.id.clone());
        }
        shared.push(
            est.layers[2]
                .iter()
                .filter(|a| matches!(a.kind, "database" | "file-service" | "container"))
                .map(|a| a.id.clone())
                .collect(),
        );

        let base = format!("inventory/{org}");
        let (_, name) = org_id_name(index);
        let mut rng = Rng::new(cfg.seed.wrapping_add(index as u64));
        let population = rng.range(3_000, 150_000);
        let employees = population / rng.range(9, 13);
        let mut text = format!(
            "# {name}: organisation och platser\norganisation:\n  name: {name}\n  population: {population}\n  employees: {employees}\n  it_staff: {}\n  operator: ",
            (employees / 150).max(2)
        );
        let operator = if rng.chance(0.7) {
            "in-house"
        } else {
            *rng.pick(SUPPLIERS)
        };
        scalar(&mut text, operator);
        text.push('\n');
        layer_section(&mut text, "sites", &est.layers[0]);
        push_file(
            &mut files,
            format!("{base}/organisation.yaml"),
            text,
            &mut stats,
        );
        let mut sections = [
            ("network.yaml", 1, 0..est.layers[1].len()),
            ("platforms.yaml", 2, 0..est.layers[2].len()),
            ("clients.yaml", 3, 0..est.layers[3].len()),
            ("services/verksamhet.yaml", 4, 0..est.layers[4].len() / 2),
            (
                "services/stod.yaml",
                4,
                est.layers[4].len() / 2..est.layers[4].len(),
            ),
        ];
        for (file, layer, range) in sections.iter_mut() {
            let mut text = String::with_capacity(range.len() * 400 + 64);
            let key = LAYERS[*layer];
            let _ = writeln!(text, "# {name}: {key}");
            layer_section(&mut text, key, &est.layers[*layer][range.clone()]);
            push_file(&mut files, format!("{base}/{file}"), text, &mut stats);
        }
    }
    let establish = 6_400.0;
    // About twelve waves of work; contracts ending up to the spring of 2029 add a few more.
    let capacity = cfg
        .capacity
        .unwrap_or_else(|| (((hours_total + establish) / 12.0 / 100.0).ceil() * 100.0).max(400.0));
    let org_capacity = match cfg.org_capacity {
        Limit::Auto => Some(((hours_max_org / 8.0 / 10.0).ceil() * 10.0).max(80.0)),
        Limit::Hours(h) => Some(h),
        Limit::Off => None,
    };
    stats.capacity_hours = capacity;
    let text = target_text(&ids, first_email.as_deref(), cfg, capacity, org_capacity);
    push_file(
        &mut files,
        "targets/national.yaml".to_string(),
        text,
        &mut stats,
    );
    (files, stats)
}

fn target_text(
    ids: &[String],
    first_email: Option<&str>,
    cfg: &Spec,
    capacity: f64,
    org_capacity: Option<f64>,
) -> String {
    let mut t = String::new();
    let _ = write!(
        t,
        r#"# Gemensam it-drift: alla kommuner på en nationell plattform.
target:
  name: Nationell gemensam it-drift
  horizon: {HORIZON}
  currency: SEK
  hourly_rate: 850
  sla_levels: [best-effort, office-hours, extended, 24x7]
  service_windows: [tue-night, sun-morning]

components:
  - id: shared-dc-a
    name: Gemensam datacenterhall A
    layer: sites
    kind: datacenter
    establish_hours: 1200
    establish_cost: 4000000
    annual_cost: 3000000
  - id: shared-dc-b
    name: Gemensam datacenterhall B
    layer: sites
    kind: datacenter
    establish_hours: 1200
    establish_cost: 4000000
    annual_cost: 3000000
  - id: shared-net
    name: Gemensamt stamnät
    layer: networks
    kind: wan
    depends_on: [shared-dc-a, shared-dc-b]
    establish_hours: 1000
    establish_cost: 2500000
    annual_cost: 1800000
  - id: shared-storage
    name: Gemensam lagring
    layer: platforms
    kind: storage
    product: netapp-ontap
    depends_on: [shared-net]
    establish_hours: 600
    establish_cost: 3000000
    annual_cost: 900000
  - id: shared-virt
    name: Gemensam virtualiseringsplattform
    layer: platforms
    kind: virtualization
    product: vmware-vsphere
    depends_on: [shared-storage]
    establish_hours: 800
    establish_cost: 2000000
    annual_cost: 1500000
  - id: shared-backup
    name: Gemensam säkerhetskopiering
    layer: platforms
    kind: backup
    product: veeam-backup
    depends_on: [shared-storage, shared-dc-b]
    establish_hours: 400
    establish_cost: 800000
    annual_cost: 400000
  - id: shared-directory
    name: Gemensam katalogtjänst
    layer: platforms
    kind: directory
    product: active-directory
    depends_on: [shared-virt]
    establish_hours: 600
    establish_cost: 300000
    annual_cost: 250000
  - id: shared-email
    name: Gemensam e-post och samarbete
    layer: platforms
    kind: email
    product: microsoft-365
    depends_on: [shared-directory]
    establish_hours: 600
    establish_cost: 500000
    annual_cost: 2200000

rules:
  - id: virt-shared
    title: Virtualisering flyttas till gemensam plattform
    select: {{layer: platforms, kind: virtualization}}
    expect: {{moved_to: shared-virt}}
    action: migrate
    severity: high
    effort: {{hours: 120, per: asset}}
    cost: 20000
  - id: storage-shared
    title: Lagring flyttas till gemensam lagring
    select: {{layer: platforms, kind: storage}}
    expect: {{moved_to: shared-storage}}
    action: migrate
    severity: high
    effort: {{hours: 80}}
  - id: backup-shared
    title: Säkerhetskopiering i gemensam tjänst
    select: {{layer: platforms, kind: backup}}
    expect: {{moved_to: shared-backup}}
    action: migrate
    effort: {{hours: 40}}
  - id: email-m365
    title: E-post i Microsoft 365
    select: {{layer: platforms, kind: email}}
    expect: {{product_in: [microsoft-365]}}
    action: replace
    severity: high
    effort: {{hours: 200}}
    cost: 50000
  - id: one-directory
    title: En katalogtjänst per kommun
    select: {{layer: platforms, kind: directory}}
    expect: {{max_per_org: 1}}
    action: consolidate
    effort: {{hours: 60}}
  - id: firewall-pair
    title: Redundanta brandväggar
    select: {{layer: networks, kind: firewall}}
    expect: {{min_per_org: 2}}
    action: procure
    severity: high
    effort: {{hours: 40}}
    cost: 150000
  - id: firewall-operator
    title: Brandväggar drivs av kommunen eller stamnätsleverantören
    select: {{layer: networks, kind: firewall}}
    expect: {{operator_in: [in-house, Telia]}}
    action: reconfigure
    severity: low
    effort: {{hours: 8}}
  - id: eos-platforms
    title: Plattformar med support efter målbilden
    select: {{layer: platforms}}
    expect: {{end_of_support_after: horizon}}
    action: upgrade
    severity: high
    effort: {{hours: 16}}
  - id: eos-clients
    title: Klienter byts innan supporten tar slut
    select: {{layer: clients, kind: [desktop, laptop, chromebook]}}
    expect: {{end_of_support_after: {CLIENT_EOS}}}
    action: replace
    effort: {{hours: 0.25, per: unit}}
    cost: 9000
  - id: vard-sla
    title: Vård och omsorg har utökad servicenivå
    select: {{layer: services, tags: [vard-omsorg]}}
    expect: {{sla_at_least: extended}}
    action: reconfigure
    severity: critical
    effort: {{hours: 24}}
  - id: vard-redundancy
    title: Vård och omsorg går på två platser
    select: {{layer: services, tags: [vard-omsorg]}}
    expect: {{sites_at_least: 2}}
    action: reconfigure
    severity: critical
    effort: {{hours: 40}}
  - id: socialtjanst-security
    title: Socialtjänstens system når säkerhetsnivå 3
    select: {{layer: services, tags: [socialtjanst]}}
    expect: {{security_level_at_least: 3}}
    action: reconfigure
    severity: high
    effort: {{hours: 24}}
  - id: platform-windows
    title: Gemensamma servicefönster för plattformar
    select: {{layer: platforms, kind: [virtualization, storage, database]}}
    expect: {{service_window_in: [tue-night, sun-morning]}}
    action: reconfigure
    severity: low
    effort: {{hours: 4}}
"#
    );
    if let Some(first) = ids.first() {
        let _ = write!(
            t,
            "\nwaivers:\n  - rule: one-directory\n    org: {first}\n    reason: Skolans katalog avvecklas separat 2028\n    expires: 2028-06-30\n"
        );
        if let Some(mail) = first_email {
            let _ = write!(
                t,
                "  - rule: email-m365\n    org: {first}\n    asset: {mail}\n    reason: Ersätts i samband med ny e-postupphandling\n    expires: 2029-06-30\n"
            );
        }
    }
    let _ = write!(
        t,
        "\nplan:\n  start: 2026-01-01\n  wave_months: {}\n  capacity_hours: {capacity}\n",
        cfg.wave_months
    );
    if let Some(h) = org_capacity {
        let _ = writeln!(t, "  org_capacity_hours: {h}");
    }
    if cfg.freezes {
        t.push_str(concat!(
            "  freeze:\n",
            "    - {from: \"06-15\", to: \"08-15\", select: {tags: [skola]}}\n",
            "    - {from: \"12-20\", to: \"01-06\", select: {tags: [vard-omsorg]}}\n",
        ));
    }
    t
}
