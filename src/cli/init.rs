//! `samdrift init DIR`: a new project with one example organisation, one target, a CI
//! workflow and editor settings that validate the YAML against `samdrift schema`.
//!
//! The scaffold is what `samdrift validate` accepts with no error and no warning; a test
//! holds it to that.

use super::{Failure, Outcome};
use std::fs;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to create (or an empty one).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

const ORGANISATION: &str = r#"# An example organisation. Rename the folder (inventory/<org>) to your own org id and
# describe the estate: one file or many, each with any of the five layers.
organisation:
  name: Exempels kommun
  population: 15000
  employees: 1400
  it_staff: 8
  operator: in-house

sites:
  - id: stadshuset
    name: Serverrum Stadshuset
    kind: server-room
    capacity: {racks: 4, power_kw: 12}

networks:
  - id: wan
    name: Stadsnät
    kind: wan
    operator: Stadsnätsbolaget
  - id: brandvagg
    name: Brandvägg
    kind: firewall
    product: fortigate
    site: stadshuset
    depends_on: [wan]

platforms:
  - id: vsphere
    name: VMware vSphere
    kind: virtualization
    product: vmware-vsphere
    version: "7.0"
    quantity: 3
    site: stadshuset
    end_of_support: 2025-10-02
    contract: {supplier: Atea, ends: 2026-06-30, notice_months: 6, auto_renew: false, annual_cost: 240000}
  - id: ad
    name: Active Directory
    kind: directory
    depends_on: [vsphere]
  - id: exchange
    name: Exchange 2016
    kind: email
    product: exchange-2016
    end_of_support: 2025-10-14
    depends_on: [vsphere, ad]

clients:
  - id: elevdatorer
    name: Elevdatorer
    kind: chromebook
    quantity: 900
    tags: [skola]
  - id: personaldatorer
    name: Personaldatorer
    kind: laptop
    quantity: 1100
    depends_on: [ad]

services:
  - id: ekonomisystem
    name: Ekonomisystem
    kind: application
    users: 250
    sla: office-hours
    depends_on: [vsphere, ad]
"#;

const TARGET: &str = r#"# An example target architecture: what the shared operation provides, the rules an estate
# must meet, and how the migration is planned.
target:
  name: Gemensam it-drift
  horizon: 2027-12-31
  currency: SEK
  hourly_rate: 850
  sla_levels: [best-effort, office-hours, extended, 24x7]
  service_windows: [tue-night, sun-morning]

components:
  - id: gemensam-virt
    name: Gemensam virtualiseringsplattform
    layer: platforms
    kind: virtualization
    establish_hours: 400
    establish_cost: 1500000
    annual_cost: 600000
  - id: gemensam-epost
    name: Gemensam e-post
    layer: platforms
    kind: email
    product: microsoft-365
    establish_hours: 200

rules:
  - id: virt-gemensam
    title: Virtualisering flyttas till gemensam plattform
    select: {layer: platforms, kind: virtualization}
    expect: {moved_to: gemensam-virt}
    action: migrate
    severity: high
    effort: {hours: 80, per: asset}
  - id: epost-gemensam
    title: E-post flyttas till gemensam tjänst
    select: {layer: platforms, kind: email}
    expect: {moved_to: gemensam-epost}
    action: migrate
    effort: {hours: 2, per: unit}
  - id: support
    title: Inget utan leverantörsstöd vid målets horisont
    select: {layer: platforms}
    expect: {end_of_support_after: horizon}
    action: upgrade
    severity: critical
    effort: {hours: 40}

plan:
  start: 2026-01-01
  wave_months: 3
  capacity_hours: 600
  freeze:
    - {from: "08-01", to: "08-31", select: {tags: [skola]}}
"#;

const WORKFLOW: &str = r#"# Checks the inventory and the targets on every push and pull request.
name: samdrift
on: [push, pull_request]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
      # samdrift is built from its git repository: set the repository variable SAMDRIFT_GIT
      # (Settings → Secrets and variables → Actions → Variables) to its clone URL.
      - name: Install samdrift
        env:
          SAMDRIFT_GIT: ${{ vars.SAMDRIFT_GIT }}
        run: |
          if [ -z "$SAMDRIFT_GIT" ]; then
            echo "::error::set the repository variable SAMDRIFT_GIT to samdrift's git URL"
            exit 1
          fi
          cargo install --locked --git "$SAMDRIFT_GIT" samdrift
      - name: Validate the inventory and the targets
        run: samdrift validate
      - name: Fail on critical gaps
        run: samdrift gaps --fail-on critical
"#;

const SETTINGS: &str = r#"{
  "yaml.schemas": {
    "./.vscode/samdrift/inventory.schema.json": ["inventory/**/*.yaml", "inventory/**/*.yml"],
    "./.vscode/samdrift/target.schema.json": ["targets/*.yaml", "targets/*.yml"]
  }
}
"#;

const EXTENSIONS: &str = r#"{
  "recommendations": ["redhat.vscode-yaml"]
}
"#;

const README: &str = r#"# IT-inventering och målarkitektur

Den här katalogen är ett samdrift-projekt.

- `inventory/<org>/` – en mapp per organisation med dess IT-miljö i YAML
- `targets/` – en fil per målarkitektur

Kontrollera allt med `samdrift validate`. Redigerare som har YAML-stöd (VS Code med
redhat.vscode-yaml) kontrollerar filerna medan du skriver; schemat skrivs om med
`samdrift schema inventory > .vscode/samdrift/inventory.schema.json` och
`samdrift schema target > .vscode/samdrift/target.schema.json`.
"#;

/// The files of a new project, relative to its folder.
pub fn files() -> Vec<(&'static str, String)> {
    let pretty = |v: serde_json::Value| serde_json::to_string_pretty(&v).unwrap_or_default() + "\n";
    vec![
        (
            "inventory/exempel/organisation.yaml",
            ORGANISATION.to_string(),
        ),
        ("targets/gemensam-drift.yaml", TARGET.to_string()),
        (".github/workflows/samdrift.yml", WORKFLOW.to_string()),
        (".vscode/settings.json", SETTINGS.to_string()),
        (".vscode/extensions.json", EXTENSIONS.to_string()),
        (
            ".vscode/samdrift/inventory.schema.json",
            pretty(crate::schema::inventory()),
        ),
        (
            ".vscode/samdrift/target.schema.json",
            pretty(crate::schema::target()),
        ),
        (".gitignore", "out/\n".to_string()),
        ("README.md", README.to_string()),
    ]
}

/// Writes the scaffold into `dir`, which must not exist or be empty.
pub fn scaffold(dir: &Path) -> Result<(), String> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(format!(
                    "{}: the folder is not empty; samdrift init only writes into a new or empty folder",
                    dir.display()
                ));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    }
    for (rel, text) in files() {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

pub fn run(args: &Args) -> Outcome {
    scaffold(&args.dir).map_err(Failure::Message)?;
    eprintln!(
        "created a samdrift project in {}: run `samdrift validate --root {}`",
        args.dir.display(),
        args.dir.display()
    );
    Ok(0)
}
