//! The model: organisations, their assets, and target architectures, as loaded and checked.
//!
//! Values here are plain data with the location each came from, so every later stage (graph,
//! gaps, waves, views) can point back at the YAML line. The model owns the vocabularies of
//! docs/format.md (layers, kinds, actions, severities). It does not read files (see `load`) and
//! does not judge an estate against a target (see `gaps`).

use crate::diag::Pos;
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use std::fmt;

/// A date in the calendar (`YYYY-MM-DD`).
pub type Date = NaiveDate;

/// The five layers of assets, in the order of docs/format.md §2, and (v1.2) `organisation`, which
/// only target components have: a step of forming the joint organisation (docs/format.md §3.1).
/// `Organisation` comes last so that the asset layers keep discriminants 0..5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    Sites,
    Networks,
    Platforms,
    Clients,
    Services,
    Organisation,
}

impl Layer {
    /// The layers of assets (and of rule selectors).
    pub const ALL: [Layer; 5] = [
        Layer::Sites,
        Layer::Networks,
        Layer::Platforms,
        Layer::Clients,
        Layer::Services,
    ];

    /// The layers a target component may have: the asset layers and `organisation`.
    pub const COMPONENT: [Layer; 6] = [
        Layer::Sites,
        Layer::Networks,
        Layer::Platforms,
        Layer::Clients,
        Layer::Services,
        Layer::Organisation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Sites => "sites",
            Layer::Networks => "networks",
            Layer::Platforms => "platforms",
            Layer::Clients => "clients",
            Layer::Services => "services",
            Layer::Organisation => "organisation",
        }
    }

    /// An asset layer by name (`organisation` is not one: see [`Layer::parse_component`]).
    pub fn parse(s: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// A component's layer by name: an asset layer or `organisation`.
    pub fn parse_component(s: &str) -> Option<Layer> {
        Layer::COMPONENT.into_iter().find(|l| l.as_str() == s)
    }

    /// The kinds an asset of this layer may have (docs/format.md §2.2).
    pub fn kinds(self) -> &'static [&'static str] {
        match self {
            Layer::Sites => &["datacenter", "server-room", "colocation", "cloud"],
            Layer::Networks => &[
                "wan", "lan", "wlan", "firewall", "internet", "vpn", "dns-dhcp",
            ],
            Layer::Platforms => &[
                "virtualization",
                "storage",
                "backup",
                "directory",
                "email",
                "database",
                "file-service",
                "print-service",
                "monitoring",
                "container",
                "server",
                "collaboration",
            ],
            Layer::Clients => &[
                "desktop",
                "laptop",
                "chromebook",
                "tablet",
                "phone",
                "printer",
                "telephony",
                "thin-client",
            ],
            Layer::Services => &["application"],
            Layer::Organisation => &[
                "governance",
                "agreement",
                "staffing",
                "procurement",
                "handover",
            ],
        }
    }

    /// The interned kind string if `kind` belongs to this layer.
    pub fn kind(self, kind: &str) -> Option<&'static str> {
        self.kinds().iter().copied().find(|k| *k == kind)
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Layer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Does `id` match `^[a-z0-9][a-z0-9._-]*$`?
pub fn is_valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|&c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

/// Index of a source file in [`Project::files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// Where a value was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    pub file: FileId,
    pub pos: Pos,
}

/// A value with the place it was written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Spanned<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A number of hours or an amount of money. Serialized as an integer when it is whole, so
/// JSON reads `80`, not `80.0`.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Default)]
pub struct Num(pub f64);

impl Num {
    pub fn get(self) -> f64 {
        self.0
    }
}

impl std::ops::Add for Num {
    type Output = Num;
    fn add(self, o: Num) -> Num {
        Num(self.0 + o.0)
    }
}

impl std::ops::AddAssign for Num {
    fn add_assign(&mut self, o: Num) {
        self.0 += o.0;
    }
}

impl std::iter::Sum for Num {
    fn sum<I: Iterator<Item = Num>>(it: I) -> Num {
        Num(it.map(|n| n.0).sum())
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Round away float noise (0.1 + 0.2, 0.2 × 800) first, so output is stable and a
        // value that is whole after rounding is written as an integer.
        let v = if self.0.abs() < 9.0e9 {
            (self.0 * 1e6).round() / 1e6
        } else {
            self.0
        };
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            write!(f, "{}", v as i64)
        } else {
            write!(f, "{}", (v * 100.0).round() / 100.0)
        }
    }
}

/// A source file of the project, relative to the root with `/` separators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
}

/// Everything loaded from a project root.
#[derive(Clone, Debug, Default)]
pub struct Project {
    pub files: Vec<SourceFile>,
    /// Organisations sorted by id.
    pub orgs: Vec<Org>,
    /// All assets of all orgs, grouped by org in org order and sorted by id within an org.
    pub assets: Vec<Asset>,
    /// Targets sorted by id.
    pub targets: Vec<Target>,
}

/// Index of an asset in [`Project::assets`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssetIdx(pub u32);

/// Index of an organisation in [`Project::orgs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrgIdx(pub u32);

impl Project {
    pub fn file(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].path
    }

    pub fn asset(&self, i: AssetIdx) -> &Asset {
        &self.assets[i.0 as usize]
    }

    pub fn org(&self, i: OrgIdx) -> &Org {
        &self.orgs[i.0 as usize]
    }

    pub fn org_by_id(&self, id: &str) -> Option<OrgIdx> {
        self.orgs
            .binary_search_by(|o| o.id.as_str().cmp(id))
            .ok()
            .map(|i| OrgIdx(i as u32))
    }

    /// The assets of one org, sorted by id.
    pub fn org_assets(&self, o: OrgIdx) -> &[Asset] {
        let org = self.org(o);
        &self.assets[org.assets.start as usize..org.assets.end as usize]
    }

    /// Finds an asset by org and id.
    pub fn find_asset(&self, org: &str, id: &str) -> Option<AssetIdx> {
        let o = self.org_by_id(org)?;
        let range = self.org(o).assets.clone();
        let slice = &self.assets[range.start as usize..range.end as usize];
        slice
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .map(|i| AssetIdx(range.start + i as u32))
    }

    /// `org/id` of an asset.
    pub fn asset_ref(&self, i: AssetIdx) -> String {
        let a = self.asset(i);
        format!("{}/{}", self.org(a.org).id, a.id)
    }

    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.id == id)
    }
}

/// An organisation: one folder under `inventory/`.
#[derive(Clone, Debug)]
pub struct Org {
    pub id: String,
    /// The folder, relative to the root (`inventory/<id>`).
    pub dir: String,
    pub meta: Option<OrgMeta>,
    /// Range of this org's assets in [`Project::assets`].
    pub assets: std::ops::Range<u32>,
    /// One of its inventory files could not be read (a syntax error, not UTF-8, too large):
    /// its asset list is incomplete, so a ref that names none of its assets is not reported
    /// (the file's own error is; the refs are checked again once it reads).
    pub unread: bool,
}

impl Org {
    /// The human name, falling back to the id.
    pub fn name(&self) -> &str {
        self.meta.as_ref().map_or(&self.id, |m| &m.name)
    }
}

#[derive(Clone, Debug, Default)]
pub struct OrgMeta {
    pub name: String,
    pub population: Option<u64>,
    pub employees: Option<u64>,
    /// IT staff today in full-time equivalents (v1.2: a number, `4.5` allowed).
    pub it_staff: Option<Num>,
    pub operator: Option<String>,
    pub loc: Loc,
}

/// A reference to an asset as written: `id` in the same org or `org/id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ref {
    pub org: Option<String>,
    pub id: String,
    pub loc: Loc,
    /// The asset it names, filled in by validation; `None` while unresolved or dangling.
    pub resolved: Option<AssetIdx>,
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.org {
            Some(o) => write!(f, "{o}/{}", self.id),
            None => f.write_str(&self.id),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contract {
    pub supplier: Option<String>,
    pub ends: Option<Date>,
    pub notice_months: Option<u64>,
    pub auto_renew: Option<bool>,
    /// (v1.2) The length of one renewal in months; `None` is the default, 12.
    pub renews_months: Option<u64>,
    pub annual_cost: Option<Num>,
}

impl Contract {
    /// The length of one renewal in months (docs/format.md §2.1: default 12).
    pub fn renewal_months(&self) -> u64 {
        self.renews_months.unwrap_or(12)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Capacity {
    pub vcpu: Option<Num>,
    pub ram_gb: Option<Num>,
    pub storage_tb: Option<Num>,
    pub racks: Option<Num>,
    pub power_kw: Option<Num>,
}

impl Capacity {
    /// The keys of a capacity, in docs/format.md order.
    pub const KEYS: [&'static str; 5] = ["vcpu", "ram_gb", "storage_tb", "racks", "power_kw"];

    /// The values by key, in the order of [`Capacity::KEYS`].
    pub fn values(&self) -> [Option<Num>; 5] {
        [
            self.vcpu,
            self.ram_gb,
            self.storage_tb,
            self.racks,
            self.power_kw,
        ]
    }
}

/// One item of a layer list in an inventory file.
#[derive(Clone, Debug)]
pub struct Asset {
    pub org: OrgIdx,
    pub id: String,
    pub name: String,
    pub layer: Layer,
    pub kind: &'static str,
    pub product: Option<String>,
    pub version: Option<String>,
    pub quantity: u64,
    pub site: Option<Ref>,
    pub depends_on: Vec<Ref>,
    pub realizes: Option<Spanned<String>>,
    pub operator: Option<String>,
    pub sla: Option<Spanned<String>>,
    pub service_window: Option<String>,
    pub security_level: Option<u8>,
    pub end_of_support: Option<Date>,
    pub contract: Option<Contract>,
    pub annual_cost: Option<Num>,
    pub users: Option<u64>,
    pub capacity: Option<Capacity>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    /// The first line of the asset's mapping.
    pub loc: Loc,
    /// Where the `id` value was written.
    pub id_loc: Loc,
    /// Where the values of fields that rules judge were written (in the asset's file).
    pub at: FieldPos,
}

/// Where an asset's judged fields were written: the position of each value in the asset's
/// file, `None` when the field is not given. `sla`, `realizes`, `site` and each `depends_on`
/// entry carry their own location.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldPos {
    pub product: Option<Pos>,
    pub operator: Option<Pos>,
    pub service_window: Option<Pos>,
    pub security_level: Option<Pos>,
    pub end_of_support: Option<Pos>,
    /// The `depends_on` list.
    pub depends_on: Option<Pos>,
}

impl Asset {
    /// The yearly run cost of this asset today: its own `annual_cost` plus its contract's.
    pub fn yearly_cost(&self) -> f64 {
        self.annual_cost.map_or(0.0, Num::get)
            + self
                .contract
                .as_ref()
                .and_then(|c| c.annual_cost)
                .map_or(0.0, Num::get)
    }

    /// Where field `field` is written, or the asset's mapping when it is not (or is not one
    /// whose position is kept).
    pub fn field_loc(&self, field: &str) -> Loc {
        let pos = match field {
            "product" => self.at.product,
            "operator" => self.at.operator,
            "service_window" => self.at.service_window,
            "security_level" => self.at.security_level,
            "end_of_support" => self.at.end_of_support,
            "depends_on" => self.at.depends_on,
            "sla" => self.sla.as_ref().map(|s| s.loc.pos),
            "realizes" => self.realizes.as_ref().map(|r| r.loc.pos),
            "site" => self.site.as_ref().map(|s| s.loc.pos),
            _ => None,
        };
        pos.map_or(self.loc, |pos| Loc {
            file: self.loc.file,
            pos,
        })
    }

    /// Every ref this asset depends on: its site first, then `depends_on` in order.
    pub fn refs(&self) -> impl Iterator<Item = &Ref> {
        self.site.iter().chain(self.depends_on.iter())
    }
}

/// A target architecture: one file under `targets/`.
#[derive(Clone, Debug)]
pub struct Target {
    pub id: String,
    pub file: FileId,
    pub name: String,
    /// `None`: every org.
    pub organisations: Option<Vec<Spanned<String>>>,
    pub horizon: Date,
    pub currency: String,
    pub hourly_rate: Num,
    pub sla_levels: Vec<String>,
    pub service_windows: Vec<String>,
    pub components: Vec<Component>,
    pub rules: Vec<Rule>,
    pub waivers: Vec<Waiver>,
    pub plan: Option<Plan>,
    /// (v1.2) Staff in the target, for the yearly cost of docs/format.md §7.
    pub staffing: Option<Staffing>,
    /// (v1.2) Hours of one person-year (default 1700).
    pub hours_per_fte: Num,
    /// (v1.2) The study's scoring of this alternative, in the order written.
    pub assessment: Vec<Criterion>,
    pub loc: Loc,
}

/// The default of `hours_per_fte`.
pub const HOURS_PER_FTE: f64 = 1700.0;

/// `target.staffing` (docs/format.md §3): the staff the target needs, for §7.
#[derive(Clone, Debug, PartialEq)]
pub struct Staffing {
    /// Yearly cost of one full-time IT employee.
    pub fte_cost: Num,
    /// The joint organisation's staff in the target.
    pub shared_fte: Num,
    /// Staff each organisation keeps.
    pub retained_fte_per_org: Num,
    pub loc: Loc,
}

/// One scored criterion of `assessment` (docs/format.md §3.6): 1..4, 4 is best.
#[derive(Clone, Debug, PartialEq)]
pub struct Criterion {
    /// The criterion's id; the same ids across targets make one decision table.
    pub id: Spanned<String>,
    /// Its title; the id when none is written.
    pub title: String,
    /// 1..=4.
    pub score: u8,
    /// Default 1.
    pub weight: Num,
    pub reason: Option<String>,
    pub loc: Loc,
}

impl Target {
    /// Is this org analysed by the target?
    pub fn in_scope(&self, org: &str) -> bool {
        self.organisations
            .as_ref()
            .is_none_or(|l| l.iter().any(|o| o.value == org))
    }

    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// Rank of an SLA level (0 = lowest), if it is one of `sla_levels`.
    pub fn sla_rank(&self, level: &str) -> Option<usize> {
        self.sla_levels.iter().position(|l| l == level)
    }
}

/// Something the shared target provides.
#[derive(Clone, Debug)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub layer: Layer,
    pub kind: &'static str,
    pub product: Option<String>,
    pub depends_on: Vec<Spanned<String>>,
    pub establish_hours: Num,
    pub establish_cost: Num,
    pub annual_cost: Num,
    /// (v1.2) What it can take in: the items moving onto it use it up (docs/format.md §5).
    pub capacity: Option<Capacity>,
    pub loc: Loc,
}

impl Component {
    /// (v1.2) A step of forming the joint organisation: nothing moves onto it.
    pub fn is_organisation(&self) -> bool {
        self.layer == Layer::Organisation
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    Migrate,
    Replace,
    Upgrade,
    Consolidate,
    Procure,
    Reconfigure,
    Decommission,
}

impl Action {
    pub const ALL: [Action; 7] = [
        Action::Migrate,
        Action::Replace,
        Action::Upgrade,
        Action::Consolidate,
        Action::Procure,
        Action::Reconfigure,
        Action::Decommission,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Migrate => "migrate",
            Action::Replace => "replace",
            Action::Upgrade => "upgrade",
            Action::Consolidate => "consolidate",
            Action::Procure => "procure",
            Action::Reconfigure => "reconfigure",
            Action::Decommission => "decommission",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

impl Serialize for Action {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How severe a gap is, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Severity {
    Low,
    #[default]
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Which assets a rule looks at; every given key must match.
#[derive(Clone, Debug, Default)]
pub struct Selector {
    pub layer: Option<Layer>,
    pub kind: Option<Vec<String>>,
    pub org: Option<Vec<String>>,
    pub tags: Vec<String>,
    pub product: Option<Vec<String>>,
}

impl Selector {
    /// Does the selector pick this asset of this org? (Org scope of a target is applied apart.)
    pub fn matches(&self, org: &str, a: &Asset) -> bool {
        self.layer.is_none_or(|l| l == a.layer)
            && self
                .kind
                .as_ref()
                .is_none_or(|ks| ks.iter().any(|k| k == a.kind))
            && self
                .org
                .as_ref()
                .is_none_or(|os| os.iter().any(|o| o == org))
            && self.tags.iter().all(|t| a.tags.contains(t))
            && self
                .product
                .as_ref()
                .is_none_or(|ps| a.product.as_ref().is_some_and(|p| ps.contains(p)))
    }

    /// Does the selector allow this org at all?
    pub fn allows_org(&self, org: &str) -> bool {
        self.org
            .as_ref()
            .is_none_or(|os| os.iter().any(|o| o == org))
    }
}

/// `end_of_support_after`: the target's horizon or a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrHorizon {
    Horizon,
    Date(Date),
}

/// One expectation of a rule (docs/format.md §3.1).
#[derive(Clone, Debug, PartialEq)]
pub enum Expectation {
    MovedTo(String),
    ProductIn(Vec<String>),
    EndOfSupportAfter(DateOrHorizon),
    SlaAtLeast(String),
    SecurityLevelAtLeast(u8),
    ServiceWindowIn(Vec<String>),
    OperatorIn(Vec<String>),
    SitesAtLeast(u64),
    MaxPerOrg(u64),
    MinPerOrg(u64),
}

impl Expectation {
    pub const KEYS: [&'static str; 10] = [
        "moved_to",
        "product_in",
        "end_of_support_after",
        "sla_at_least",
        "security_level_at_least",
        "service_window_in",
        "operator_in",
        "sites_at_least",
        "max_per_org",
        "min_per_org",
    ];

    /// The key this expectation is written with.
    pub fn key(&self) -> &'static str {
        match self {
            Expectation::MovedTo(_) => "moved_to",
            Expectation::ProductIn(_) => "product_in",
            Expectation::EndOfSupportAfter(_) => "end_of_support_after",
            Expectation::SlaAtLeast(_) => "sla_at_least",
            Expectation::SecurityLevelAtLeast(_) => "security_level_at_least",
            Expectation::ServiceWindowIn(_) => "service_window_in",
            Expectation::OperatorIn(_) => "operator_in",
            Expectation::SitesAtLeast(_) => "sites_at_least",
            Expectation::MaxPerOrg(_) => "max_per_org",
            Expectation::MinPerOrg(_) => "min_per_org",
        }
    }

    /// Per-org expectations look at an org's selected assets together.
    pub fn is_per_org(&self) -> bool {
        matches!(self, Expectation::MaxPerOrg(_) | Expectation::MinPerOrg(_))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Per {
    #[default]
    Asset,
    Unit,
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub select: Selector,
    /// In the order written.
    pub expect: Vec<Spanned<Expectation>>,
    pub action: Action,
    pub severity: Severity,
    pub effort_hours: Num,
    pub per: Per,
    pub cost: Num,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct Waiver {
    pub rule: String,
    pub org: String,
    pub asset: Option<String>,
    pub reason: String,
    pub expires: Date,
    pub loc: Loc,
}

/// A yearly day range `MM-DD`..`MM-DD`, inclusive; it wraps the new year when `to` < `from`.
#[derive(Clone, Debug)]
pub struct Freeze {
    pub from: (u32, u32),
    pub to: (u32, u32),
    pub select: Selector,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub start: Date,
    pub wave_months: u32,
    pub capacity_hours: Num,
    pub org_capacity_hours: Option<Num>,
    pub freeze: Vec<Freeze>,
    pub loc: Loc,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("gnosjo"));
        assert!(is_valid_id("exchange-2016.a_b"));
        assert!(!is_valid_id("Gnosjo"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("gnosjö"));
    }

    #[test]
    fn num_serializes_whole_numbers_as_integers() {
        assert_eq!(serde_json::to_string(&Num(80.0)).unwrap(), "80");
        assert_eq!(serde_json::to_string(&Num(0.5)).unwrap(), "0.5");
        assert_eq!(serde_json::to_string(&Num(0.1 + 0.2)).unwrap(), "0.3");
        assert_eq!(
            serde_json::to_string(&Num(159.99999999999997)).unwrap(),
            "160"
        );
    }
}
