//! A generator of random but plausible estates for the planner's property tests and benchmark.
//!
//! Each organisation gets sites, networks, platforms, clients and services that depend on
//! one another the way a municipality's do (services on servers and databases, servers on
//! virtualisation and storage, everything on a site), with end-of-support dates, contracts,
//! school and care tags, a few dependency cycles and a few dependencies across orgs. The
//! target moves most of it onto eight shared components. Output is YAML text, loaded the way
//! a user's files are. Deterministic: the same `Spec` gives the same bytes.

#![allow(dead_code)]

use std::fmt::Write as _;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Spec {
    pub orgs: usize,
    /// Roughly how many assets each org has.
    pub assets_per_org: usize,
    pub seed: u64,
    /// Chance that an org's directory and one of its servers depend on each other.
    pub cycle_rate: f64,
    /// Assets get contracts that end between 2025 and 2029.
    pub contracts: bool,
    /// The plan has a school-summer and a year-end care freeze.
    pub freezes: bool,
    /// `org_capacity_hours` (none when `None`).
    pub org_capacity: Option<f64>,
    /// `capacity_hours`.
    pub capacity: f64,
    pub wave_months: u32,
}

impl Spec {
    /// An estate of about `assets` assets in orgs of about 1,000 (fewer for small estates),
    /// with capacity for roughly a three-year plan.
    pub fn sized(assets: usize, seed: u64) -> Spec {
        let per = assets.clamp(50, 1000);
        let orgs = assets.div_ceil(per);
        Spec {
            orgs,
            assets_per_org: per,
            seed,
            cycle_rate: 0.3,
            contracts: true,
            freezes: true,
            org_capacity: Some(per as f64 * 1.5),
            capacity: (assets as f64 * 1.2).max(200.0),
            wave_months: 3,
        }
    }
}

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn date(&mut self, from_year: i32, years: i32) -> String {
        format!(
            "{}-{:02}-{:02}",
            from_year + self.below(years as usize) as i32,
            1 + self.below(12),
            1 + self.below(28)
        )
    }
}

const TARGET: &str = r#"target:
  name: Generated target
  horizon: 2027-12-31
  hourly_rate: 850
  sla_levels: [best-effort, office-hours, extended, 24x7]
components:
  - {id: dc, name: DC, layer: sites, kind: datacenter, establish_hours: 300}
  - {id: wan, name: WAN, layer: networks, kind: wan, depends_on: [dc], establish_hours: 400}
  - {id: fw, name: FW, layer: networks, kind: firewall, depends_on: [wan], establish_hours: 200}
  - {id: storage, name: Storage, layer: platforms, kind: storage, depends_on: [dc], establish_hours: 300}
  - {id: virt, name: Virt, layer: platforms, kind: virtualization, depends_on: [storage], establish_hours: 600}
  - {id: ad, name: AD, layer: platforms, kind: directory, depends_on: [virt, fw], establish_hours: 400}
  - {id: mail, name: Mail, layer: platforms, kind: email, depends_on: [ad], establish_hours: 300}
  - {id: klient, name: Klient, layer: clients, kind: laptop, depends_on: [ad, mail], establish_hours: 400}
rules:
  - {id: wan-move, title: t, select: {layer: networks, kind: wan}, expect: {moved_to: wan}, action: migrate, severity: high, effort: {hours: 60}}
  - {id: fw-move, title: t, select: {layer: networks, kind: firewall}, expect: {moved_to: fw}, action: migrate, severity: high, effort: {hours: 40}}
  - {id: storage-move, title: t, select: {layer: platforms, kind: storage}, expect: {moved_to: storage}, action: migrate, effort: {hours: 60}}
  - {id: virt-move, title: t, select: {layer: platforms, kind: virtualization}, expect: {moved_to: virt}, action: migrate, effort: {hours: 30, per: unit}}
  - {id: ad-move, title: t, select: {layer: platforms, kind: directory}, expect: {moved_to: ad}, action: consolidate, severity: critical, effort: {hours: 160}}
  - {id: mail-move, title: t, select: {layer: platforms, kind: email}, expect: {moved_to: mail}, action: migrate, effort: {hours: 120}}
  - {id: klient-move, title: t, select: {layer: clients, kind: [laptop, desktop]}, expect: {moved_to: klient}, action: migrate, effort: {hours: 0.2, per: unit}}
  - {id: platform-eos, title: t, select: {layer: platforms}, expect: {end_of_support_after: horizon}, action: upgrade, severity: high, effort: {hours: 40}}
  - {id: net-eos, title: t, select: {layer: networks, kind: [lan, wlan]}, expect: {end_of_support_after: 2028-06-30}, action: replace, effort: {hours: 0.25, per: unit}}
  - {id: care-sla, title: t, select: {layer: services, tags: [vard]}, expect: {sla_at_least: extended}, action: reconfigure, severity: high, effort: {hours: 16}}
  - {id: pu-security, title: t, select: {layer: services, tags: [pu]}, expect: {security_level_at_least: 3}, action: reconfigure, effort: {hours: 40}}
  - {id: one-room, title: t, select: {layer: sites, kind: [datacenter, server-room]}, expect: {max_per_org: 1}, action: consolidate, effort: {hours: 60}}
  - {id: two-internet, title: t, select: {layer: networks, kind: internet}, expect: {min_per_org: 2}, action: procure, effort: {hours: 40}}
waivers:
  - {rule: care-sla, org: org000, reason: generated, expires: 2099-12-31}
"#;

/// The files of the estate: `targets/gen.yaml` and one file per org.
pub fn files(spec: &Spec) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng(spec.seed ^ 0x5eed);
    let mut target = TARGET.to_string();
    let _ = write!(
        target,
        "plan:\n  start: 2026-01-01\n  wave_months: {}\n  capacity_hours: {}\n",
        spec.wave_months, spec.capacity
    );
    if let Some(c) = spec.org_capacity {
        let _ = writeln!(target, "  org_capacity_hours: {c}");
    }
    if spec.freezes {
        target.push_str("  freeze:\n    - {from: \"06-15\", to: \"08-15\", select: {tags: [skola]}}\n    - {from: \"12-20\", to: \"01-06\", select: {tags: [vard]}}\n");
    }
    let mut out = vec![("targets/gen.yaml".to_string(), target.into_bytes())];
    for o in 0..spec.orgs {
        out.push((
            format!("inventory/org{o:03}/estate.yaml"),
            org(spec, o, &mut rng).into_bytes(),
        ));
    }
    out
}

fn org(spec: &Spec, o: usize, rng: &mut Rng) -> String {
    let n = spec.assets_per_org.max(20);
    let mut y = format!("organisation: {{name: Org {o}}}\n");
    let line = |y: &mut String, id: &str, kind: &str, extra: String| {
        let _ = writeln!(y, "  - {{id: {id}, name: {id}, kind: {kind}{extra}}}");
    };
    let contract = |rng: &mut Rng| {
        if spec.contracts && rng.chance(0.3) {
            format!(", contract: {{ends: {}}}", rng.date(2025, 5))
        } else {
            String::new()
        }
    };
    let eos = |rng: &mut Rng| {
        if rng.chance(0.5) {
            format!(", end_of_support: {}", rng.date(2023, 9))
        } else {
            String::new()
        }
    };

    let sites = 1 + n / 200;
    y.push_str("sites:\n");
    for i in 0..sites {
        let kind = if i == 0 { "datacenter" } else { "server-room" };
        let c = contract(rng);
        line(&mut y, &format!("site{i}"), kind, c);
    }
    let site = |rng: &mut Rng| format!("site{}", rng.below(sites));

    y.push_str("networks:\n");
    let c = contract(rng);
    let s = site(rng);
    line(&mut y, "wan", "wan", format!(", site: {s}{c}"));
    let s = site(rng);
    line(
        &mut y,
        "fw",
        "firewall",
        format!(", site: {s}, depends_on: [wan]"),
    );
    line(&mut y, "internet", "internet", String::new());
    let lans = 1 + n / 20;
    for i in 0..lans {
        let tags = if rng.chance(0.3) {
            ", tags: [skola]"
        } else {
            ""
        };
        let (s, e, q) = (site(rng), eos(rng), 4 + rng.below(40));
        line(
            &mut y,
            &format!("lan{i}"),
            "lan",
            format!(", quantity: {q}, site: {s}, depends_on: [fw]{e}{tags}"),
        );
    }
    let wlans = 1 + n / 50;
    for i in 0..wlans {
        let tags = if rng.chance(0.4) {
            ", tags: [skola]"
        } else {
            ""
        };
        let (lan, e, q) = (rng.below(lans), eos(rng), 10 + rng.below(100));
        line(
            &mut y,
            &format!("wlan{i}"),
            "wlan",
            format!(", quantity: {q}, depends_on: [lan{lan}]{e}{tags}"),
        );
    }

    y.push_str("platforms:\n");
    let storages = 1 + n / 200;
    for i in 0..storages {
        let (s, c, e) = (site(rng), contract(rng), eos(rng));
        line(
            &mut y,
            &format!("storage{i}"),
            "storage",
            format!(", site: {s}{c}{e}"),
        );
    }
    let virts = 1 + n / 100;
    for i in 0..virts {
        let (s, st, c, e, q) = (
            site(rng),
            rng.below(storages),
            contract(rng),
            eos(rng),
            2 + rng.below(6),
        );
        line(
            &mut y,
            &format!("virt{i}"),
            "virtualization",
            format!(", quantity: {q}, site: {s}, depends_on: [storage{st}]{c}{e}"),
        );
    }
    let servers = 1 + n / 15;
    let cycle = rng.chance(spec.cycle_rate);
    let (e, v) = (eos(rng), rng.below(virts));
    let dir_deps = if cycle {
        format!("[virt{v}, server0]")
    } else {
        format!("[virt{v}]")
    };
    line(
        &mut y,
        "ad",
        "directory",
        format!(", depends_on: {dir_deps}{e}"),
    );
    let (c, e) = (contract(rng), eos(rng));
    line(
        &mut y,
        "mail",
        "email",
        format!(", depends_on: [ad, server{}]{c}{e}", rng.below(servers)),
    );
    for i in 0..servers {
        let (v, c, e) = (rng.below(virts), contract(rng), eos(rng));
        let deps = if i == 0 && cycle {
            format!("[virt{v}, ad]")
        } else {
            format!("[virt{v}]")
        };
        let kind = if i % 3 == 0 { "database" } else { "server" };
        line(
            &mut y,
            &format!("server{i}"),
            kind,
            format!(", depends_on: {deps}{c}{e}"),
        );
    }

    y.push_str("clients:\n");
    let clients = 1 + n / 20;
    for i in 0..clients {
        let kind = ["laptop", "desktop", "printer", "phone"][i % 4];
        let tags = if rng.chance(0.3) {
            ", tags: [skola]"
        } else {
            ""
        };
        let (lan, e, q) = (rng.below(lans), eos(rng), 5 + rng.below(200));
        line(
            &mut y,
            &format!("client{i}"),
            kind,
            format!(", quantity: {q}, depends_on: [lan{lan}, ad]{e}{tags}"),
        );
    }

    y.push_str("services:\n");
    let used = sites + 3 + lans + wlans + storages + virts + 2 + servers + clients;
    let services = n.saturating_sub(used).max(1);
    for i in 0..services {
        let mut deps = vec![format!("server{}", rng.below(servers))];
        if rng.chance(0.5) {
            deps.push(format!("server{}", rng.below(servers)));
        }
        if i > 0 && rng.chance(0.2) {
            // Integrations between applications.
            deps.push(format!("app{}", rng.below(i)));
        }
        if o > 0 && rng.chance(0.02) {
            // A system run by a neighbour.
            deps.push(format!("org{:03}/app0", rng.below(o)));
        }
        deps.sort();
        deps.dedup();
        let tags = match rng.below(6) {
            0 => ", tags: [vard]",
            1 => ", tags: [pu]",
            2 => ", tags: [skola]",
            _ => "",
        };
        let sla = if rng.chance(0.5) { ", sla: 24x7" } else { "" };
        let c = contract(rng);
        line(
            &mut y,
            &format!("app{i}"),
            "application",
            format!(", depends_on: [{}]{tags}{sla}{c}", deps.join(", ")),
        );
    }
    y
}
