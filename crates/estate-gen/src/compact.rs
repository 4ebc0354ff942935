//! The compact style: the planner's test estate, small files that load fast.
//!
//! Each organisation (`org000`, `org001`, …) is one file, `inventory/<org>/estate.yaml`, of
//! flow mappings: sites, a WAN, a firewall, an internet line, LANs and WLANs with
//! quantities, storage, virtualisation, a directory, mail, servers and databases, client
//! fleets and applications on the servers, with end-of-support dates, contracts, school and
//! care tags, a directory–server cycle in some organisations ([`Spec::cycle_rate`]) and a
//! few applications that use a neighbour's. `targets/gen.yaml` forms a joint organisation
//! (a board, then staff: docs/format.md v1.2's organisation layer), moves most of the estate onto
//! eight shared components and sets the plan from the spec (capacity, org capacity, wave
//! length, freezes). Contracts carry notice periods and, some, automatic renewal; storage and
//! virtualisation carry the capacity they use, and the shared storage and virtualisation
//! take a quarter more than all of it together (so the capacity is checked, and binds only
//! in estates built to make it bind).

use crate::rng::Rng;
use crate::{Limit, Spec, Stats};
use std::fmt::Write as _;

const TARGET: &str = r#"target:
  name: Generated target
  horizon: 2027-12-31
  hourly_rate: 850
  sla_levels: [best-effort, office-hours, extended, 24x7]
components:
  - {id: board, name: Board, layer: organisation, kind: governance, establish_hours: 200}
  - {id: staff, name: Staff, layer: organisation, kind: staffing, depends_on: [board], establish_hours: 300}
  - {id: dc, name: DC, layer: sites, kind: datacenter, depends_on: [staff], establish_hours: 300}
  - {id: wan, name: WAN, layer: networks, kind: wan, depends_on: [dc], establish_hours: 400}
  - {id: fw, name: FW, layer: networks, kind: firewall, depends_on: [wan], establish_hours: 200}
  - {id: storage, name: Storage, layer: platforms, kind: storage, depends_on: [dc], establish_hours: 300, capacity: {storage_tb: STORAGE_TB}}
  - {id: virt, name: Virt, layer: platforms, kind: virtualization, depends_on: [storage], establish_hours: 600, capacity: {vcpu: VCPU, ram_gb: RAM_GB}}
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

/// The files of a compact estate (`targets/gen.yaml`, then one file per org) and what they
/// hold.
pub fn files(spec: &Spec) -> (Vec<(String, Vec<u8>)>, Stats) {
    let mut rng = Rng::new(spec.seed ^ 0x5eed);
    let capacity = spec
        .capacity
        .unwrap_or_else(|| ((spec.orgs * spec.assets_per_org) as f64 * 1.2).max(200.0));
    let org_capacity = match spec.org_capacity {
        Limit::Auto => Some(spec.assets_per_org as f64 * 1.5),
        Limit::Hours(h) => Some(h),
        Limit::Off => None,
    };
    let mut stats = Stats {
        orgs: spec.orgs,
        files: 1 + spec.orgs,
        capacity_hours: capacity,
        ..Stats::default()
    };
    // The organisations first: the shared platforms are sized from what moves onto them.
    let mut uses = Uses::default();
    let mut orgs = Vec::with_capacity(spec.orgs);
    for o in 0..spec.orgs {
        let text = org(spec, o, &mut rng, &mut stats, &mut uses);
        stats.bytes += text.len() as u64;
        orgs.push((
            format!("inventory/org{o:03}/estate.yaml"),
            text.into_bytes(),
        ));
    }
    let room = |x: u64| (x + x / 4).max(1).to_string();
    let mut target = TARGET
        .replace("STORAGE_TB", &room(uses.storage_tb))
        .replace("VCPU", &room(uses.vcpu))
        .replace("RAM_GB", &room(uses.ram_gb));
    let _ = write!(
        target,
        "plan:\n  start: 2026-01-01\n  wave_months: {}\n  capacity_hours: {}\n",
        spec.wave_months, capacity
    );
    if let Some(c) = org_capacity {
        let _ = writeln!(target, "  org_capacity_hours: {c}");
    }
    if spec.freezes {
        target.push_str("  freeze:\n    - {from: \"06-15\", to: \"08-15\", select: {tags: [skola]}}\n    - {from: \"12-20\", to: \"01-06\", select: {tags: [vard]}}\n");
    }
    stats.bytes += target.len() as u64;
    let mut out = vec![("targets/gen.yaml".to_string(), target.into_bytes())];
    out.extend(orgs);
    stats.assets = stats.per_layer.iter().sum();
    (out, stats)
}

/// What the estate's storage and virtualisation use, summed over organisations.
#[derive(Default)]
struct Uses {
    storage_tb: u64,
    vcpu: u64,
    ram_gb: u64,
}

fn org(spec: &Spec, o: usize, rng: &mut Rng, stats: &mut Stats, uses: &mut Uses) -> String {
    let n = spec.assets_per_org.max(20);
    let mut y = format!("organisation: {{name: Org {o}}}\n");
    let line = |y: &mut String, id: &str, kind: &str, extra: String| {
        let _ = writeln!(y, "  - {{id: {id}, name: {id}, kind: {kind}{extra}}}");
    };
    let contract = |rng: &mut Rng| {
        if spec.contracts && rng.chance_at_most(0.3) {
            let ends = rng.date_mod(2025, 5);
            let notice = *rng.pick(&[0, 1, 3, 3, 6, 12]);
            let renew = if rng.chance_at_most(0.4) {
                format!(
                    ", auto_renew: true, renews_months: {}",
                    rng.pick(&[12, 12, 24, 36])
                )
            } else {
                String::new()
            };
            format!(", contract: {{ends: {ends}, notice_months: {notice}{renew}}}")
        } else {
            String::new()
        }
    };
    let eos = |rng: &mut Rng| {
        if rng.chance_at_most(0.5) {
            format!(", end_of_support: {}", rng.date_mod(2023, 9))
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
    let site = |rng: &mut Rng| format!("site{}", rng.below_mod(sites));

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
        let tags = if rng.chance_at_most(0.3) {
            ", tags: [skola]"
        } else {
            ""
        };
        let (s, e, q) = (site(rng), eos(rng), 4 + rng.below_mod(40));
        line(
            &mut y,
            &format!("lan{i}"),
            "lan",
            format!(", quantity: {q}, site: {s}, depends_on: [fw]{e}{tags}"),
        );
    }
    let wlans = 1 + n / 50;
    for i in 0..wlans {
        let tags = if rng.chance_at_most(0.4) {
            ", tags: [skola]"
        } else {
            ""
        };
        let (lan, e, q) = (rng.below_mod(lans), eos(rng), 10 + rng.below_mod(100));
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
        let tb = 10 + rng.below_mod(90) as u64;
        uses.storage_tb += tb;
        line(
            &mut y,
            &format!("storage{i}"),
            "storage",
            format!(", site: {s}{c}{e}, capacity: {{storage_tb: {tb}, racks: 1, power_kw: 3}}"),
        );
    }
    let virts = 1 + n / 100;
    for i in 0..virts {
        let (s, st, c, e, q) = (
            site(rng),
            rng.below_mod(storages),
            contract(rng),
            eos(rng),
            2 + rng.below_mod(6),
        );
        // A host has 32 cores and 512 GB; the entry's capacity is that of all its hosts.
        let (vcpu, ram) = (32 * q as u64, 512 * q as u64);
        uses.vcpu += vcpu;
        uses.ram_gb += ram;
        line(
            &mut y,
            &format!("virt{i}"),
            "virtualization",
            format!(
                ", quantity: {q}, site: {s}, depends_on: [storage{st}]{c}{e}, capacity: {{vcpu: {vcpu}, ram_gb: {ram}}}"
            ),
        );
    }
    let servers = 1 + n / 15;
    // The draw is made either way, so switching cycles off changes nothing else.
    let cycle = rng.chance_at_most(spec.cycle_rate) && spec.cycles;
    stats.cycles += usize::from(cycle);
    let (e, v) = (eos(rng), rng.below_mod(virts));
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
        format!(", depends_on: [ad, server{}]{c}{e}", rng.below_mod(servers)),
    );
    for i in 0..servers {
        let (v, c, e) = (rng.below_mod(virts), contract(rng), eos(rng));
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
        let tags = if rng.chance_at_most(0.3) {
            ", tags: [skola]"
        } else {
            ""
        };
        let (lan, e, q) = (rng.below_mod(lans), eos(rng), 5 + rng.below_mod(200));
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
    for (l, k) in [
        sites,
        3 + lans + wlans,
        storages + virts + 2 + servers,
        clients,
        services,
    ]
    .into_iter()
    .enumerate()
    {
        stats.per_layer[l] += k;
    }
    for i in 0..services {
        let mut deps = vec![format!("server{}", rng.below_mod(servers))];
        if rng.chance_at_most(0.5) {
            deps.push(format!("server{}", rng.below_mod(servers)));
        }
        if i > 0 && rng.chance_at_most(0.2) {
            // Integrations between applications.
            deps.push(format!("app{}", rng.below_mod(i)));
        }
        if o > 0 && rng.chance_at_most(0.02) {
            // A system run by a neighbour (drawn either way, like the cycle).
            let neighbour = rng.below_mod(o);
            if spec.cross_org_refs {
                deps.push(format!("org{neighbour:03}/app0"));
                stats.cross_org_refs += 1;
            }
        }
        deps.sort();
        deps.dedup();
        let tags = match rng.below_mod(6) {
            0 => ", tags: [vard]",
            1 => ", tags: [pu]",
            2 => ", tags: [skola]",
            _ => "",
        };
        let sla = if rng.chance_at_most(0.5) {
            ", sla: 24x7"
        } else {
            ""
        };
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
