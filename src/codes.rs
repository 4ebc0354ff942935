//! Every code samdrift gives a finding, in one list: diagnostics of loading and validation,
//! warnings of the gap analysis, the findings of gaps, and the warnings of the plan.
//!
//! A code is a stable kebab-case id that tools and tests may match on (`[unknown-key]` in
//! `samdrift validate`, `finding.code` in the gap JSON, `warnings[].kind` in the waves JSON).
//! Each has one line here, with a description; the tests check that every code has a title
//! (`code.<id>`) in both report languages (`templates/i18n/`), that a gap finding also has
//! its sentence (`finding.<id>`) and a plan warning its badge (`wavewarning.<id>`), and that
//! no code is used in the sources without being listed. Adding a code is one line here and
//! its texts in `en.json` and `sv.json`.

/// Which stage gives a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Reading, parsing and validating the files (`samdrift validate`): errors and warnings.
    Input,
    /// The gap analysis' warnings about the target: waivers, scope, components.
    Analysis,
    /// What a failed expectation found: a gap's finding ([`crate::gaps::Fact`]).
    Gap,
    /// A warning on an item of the migration plan ([`crate::waves::WarningKind`], and
    /// `late-avoidable`, [`crate::waves::Warning::code`]), or why an item has no wave
    /// ([`crate::waves::UnplacedKind`]).
    Plan,
}

/// One code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    pub id: &'static str,
    pub family: Family,
    /// What the code means, in English.
    pub description: &'static str,
}

const fn code(family: Family, id: &'static str, description: &'static str) -> Code {
    Code {
        id,
        family,
        description,
    }
}

use Family::{Analysis, Gap, Input, Plan};

/// Every code, grouped by family.
#[rustfmt::skip]
pub const ALL: &[Code] = &[
    // Files and YAML.
    code(Input, "no-inventory", "the project root has no `inventory/` folder"),
    code(Input, "unreadable", "a file or folder cannot be read"),
    code(Input, "not-a-file", "a path is neither a regular file nor a folder"),
    code(Input, "symlink", "a symbolic link, which is not followed"),
    code(Input, "file-too-large", "a file larger than samdrift reads"),
    code(Input, "invalid-utf8", "a file that is not UTF-8 text"),
    code(Input, "no-org", "an inventory file outside an organisation's folder"),
    code(Input, "invalid-org-id", "an organisation folder whose name is not a valid id"),
    code(Input, "invalid-target-id", "a target file whose stem is not a valid id"),
    code(Input, "yaml-syntax", "the file is not well-formed YAML"),
    code(Input, "multiple-documents", "a file with more than one YAML document"),
    code(Input, "yaml-alias", "an alias to an anchor that is not defined"),
    code(Input, "alias-bomb", "aliases that would expand beyond the allowed size"),
    code(Input, "too-deep", "nesting deeper than samdrift reads"),
    code(Input, "tab-indent", "a tab in indentation"),
    code(Input, "nul-byte", "a NUL byte in the text"),
    code(Input, "control-character", "a control character YAML does not allow in the text"),
    code(Input, "unsupported-tag", "a YAML tag other than the core tags"),
    code(Input, "complex-key", "a mapping key that is not a plain string"),
    code(Input, "bad-merge", "a merge key (`<<`) whose value is not a mapping or a list of them"),
    code(Input, "duplicate-key", "a key written twice in one mapping"),
    // The shape of inventories and targets.
    code(Input, "unknown-key", "a key docs/format.md does not allow in that mapping"),
    code(Input, "missing-field", "a required field is not given"),
    code(Input, "wrong-type", "a value of the wrong type (a string for a number, ...)"),
    code(Input, "bad-date", "a date that is not a real `YYYY-MM-DD` date"),
    code(Input, "invalid-id", "an id that does not match `^[a-z0-9][a-z0-9._-]*$`"),
    code(Input, "invalid-ref", "a reference that is not `id` or `org/id`"),
    code(Input, "unknown-kind", "a kind that is not in its layer's vocabulary"),
    code(Input, "unknown-layer", "a layer that is not one of docs/format.md's"),
    code(Input, "unknown-action", "a rule action that is not one of docs/format.md's"),
    code(Input, "unknown-severity", "a severity that is not low, medium, high or critical"),
    code(Input, "duplicate-organisation", "`organisation` written in more than one file of an organisation"),
    code(Input, "duplicate-id", "an id used twice in one organisation or target"),
    // References and the estate as a whole.
    code(Input, "dangling-ref", "a reference that names no asset"),
    code(Input, "site-not-a-site", "`site` names an asset that is not a site"),
    code(Input, "unknown-sla", "an SLA that is not one of the `sla_levels` that apply"),
    code(Input, "unknown-component", "a component id that the target does not define"),
    code(Input, "organisation-component", "`moved_to` names a component of layer `organisation`, onto which no asset moves"),
    code(Input, "unknown-rule", "a waiver names a rule the target does not have"),
    code(Input, "unknown-org", "a waiver names an organisation without inventory"),
    code(Input, "unknown-asset", "a waiver names an asset the organisation does not have"),
    code(Input, "dependency-cycle", "assets that depend on one another in a cycle"),
    code(Input, "org-without-inventory", "an organisation in a target's scope has no inventory"),
    code(Input, "criterion-not-shared", "an assessment criterion scored in some targets but not in others"),
    // The gap analysis.
    code(Analysis, "expired-waiver", "a waiver whose expiry date has passed; its gaps count again"),
    code(Analysis, "unused-waiver", "a waiver that covers no gap"),
    code(Analysis, "unused-component", "a component that nothing moves onto, realizes or depends on"),
    // Findings of gaps, by expectation (docs/format.md §3.1).
    code(Gap, "not-moved", "`moved_to`: the asset does not realize the component"),
    code(Gap, "realizes-other", "`moved_to`: the asset realizes another component"),
    code(Gap, "product-not-listed", "`product_in`: the product is not one of the list"),
    code(Gap, "product-missing", "`product_in`: no product is given"),
    code(Gap, "end-of-support-before", "`end_of_support_after`: support ends on or before the limit"),
    code(Gap, "sla-below", "`sla_at_least`: the SLA ranks below the required level"),
    code(Gap, "sla-unknown", "`sla_at_least`: the SLA is not one of the target's levels"),
    code(Gap, "sla-missing", "`sla_at_least`: no SLA is given"),
    code(Gap, "security-below", "`security_level_at_least`: the level is below the required one"),
    code(Gap, "security-missing", "`security_level_at_least`: no security level is given"),
    code(Gap, "window-not-listed", "`service_window_in`: the window is not one of the list"),
    code(Gap, "window-missing", "`service_window_in`: no service window is given"),
    code(Gap, "operator-not-listed", "`operator_in`: the operator is not one of the list"),
    code(Gap, "operator-missing", "`operator_in`: no operator is given"),
    code(Gap, "too-few-sites", "`sites_at_least`: the asset reaches fewer sites than required"),
    code(Gap, "too-many", "`max_per_org`: more selected assets than allowed; this one is not kept"),
    code(Gap, "too-few", "`min_per_org`: fewer selected assets than required"),
    // Warnings of the migration plan (docs/format.md §5).
    code(Plan, "late", "the item's wave starts on or after its end of support"),
    code(Plan, "oversize", "the item needs more than a wave's capacity and gets a wave to itself"),
    code(Plan, "freeze-dropped", "a freeze would block the item from every wave and is ignored for it"),
    code(Plan, "unplaceable", "no wave within the planning horizon can take the item"),
    code(Plan, "renewed", "the asset's contract renewed itself because a notice date passed"),
    code(Plan, "stranded", "the item closes a room in which an asset without an item of its own stands"),
    // A `late` warning that some plan could have avoided (`avoidable: true`).
    code(Plan, "late-avoidable", "the item is late, but would be on time in its earliest possible wave"),
    // Why an item has no wave (`unplaced[].kind`).
    code(Plan, "full", "a component the item moves onto has no room left for its move group"),
    code(Plan, "blocked", "the item must follow an item that could not be placed"),
    code(Plan, "contract", "the asset's contract ends after the planning horizon"),
    code(Plan, "horizon", "no wave up to the planning horizon has room for the item"),
];

/// The code with this id.
pub fn get(id: &str) -> Option<&'static Code> {
    ALL.iter().find(|c| c.id == id)
}

/// Is `id` a listed code of a stage that makes diagnostics (input or analysis)?
pub fn is_diagnostic(id: &str) -> bool {
    get(id).is_some_and(|c| matches!(c.family, Input | Analysis))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gaps::Fact;
    use crate::waves::{UnplacedKind, WarningKind};
    use std::collections::{BTreeMap, BTreeSet};

    fn table(lang: &str) -> BTreeMap<String, String> {
        let text = match lang {
            "en" => include_str!("../templates/i18n/en.json"),
            _ => include_str!("../templates/i18n/sv.json"),
        };
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = BTreeSet::new();
        for c in ALL {
            assert!(seen.insert(c.id), "{} is listed twice", c.id);
            assert!(
                c.id.split('-').all(|w| !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "{} is not kebab-case",
                c.id
            );
            assert!(!c.description.is_empty() && !c.description.ends_with('.'));
        }
    }

    #[test]
    fn every_code_has_its_texts_in_english_and_swedish() {
        for lang in ["en", "sv"] {
            let t = table(lang);
            for c in ALL {
                let mut keys = vec![format!("code.{}", c.id)];
                match c.family {
                    Gap => keys.push(format!("finding.{}", c.id)),
                    Plan => keys.push(format!("wavewarning.{}", c.id)),
                    Input | Analysis => {}
                }
                // A text with a count is a `.one`/`.other` pair (`.zero` optional).
                for k in keys {
                    let text = |k: &str| t.get(k).is_some_and(|v| !v.trim().is_empty());
                    assert!(
                        text(&k) || (text(&format!("{k}.one")) && text(&format!("{k}.other"))),
                        "{lang}.json has no `{k}`"
                    );
                }
            }
            // And no text for a code that does not exist.
            for k in t.keys() {
                for (prefix, family) in [
                    ("code.", None),
                    ("finding.", Some(Gap)),
                    ("wavewarning.", Some(Plan)),
                ] {
                    if let Some(id) = k.strip_prefix(prefix) {
                        let id = [".zero", ".one", ".other"]
                            .iter()
                            .find_map(|p| id.strip_suffix(p))
                            .unwrap_or(id);
                        let c =
                            get(id).unwrap_or_else(|| panic!("{lang}.json: `{k}` names no code"));
                        assert!(family.is_none_or(|f| f == c.family), "{lang}.json: `{k}`");
                    }
                }
            }
        }
    }

    /// One fact of each kind; the match makes a new kind of fact fail to compile here until
    /// it is added.
    fn one_of_each_fact() -> Vec<Fact> {
        let s = |x: &str| x.to_string();
        let d = chrono::NaiveDate::MIN;
        let all = vec![
            Fact::NotMoved { component: s("c") },
            Fact::RealizesOther {
                component: s("c"),
                realizes: s("d"),
            },
            Fact::ProductNotListed {
                product: s("p"),
                expected: vec![],
            },
            Fact::ProductMissing { expected: vec![] },
            Fact::EndOfSupport {
                end_of_support: d,
                limit: d,
            },
            Fact::SlaBelow {
                sla: s("a"),
                required: s("b"),
            },
            Fact::SlaUnknown {
                sla: s("a"),
                required: s("b"),
            },
            Fact::SlaMissing { required: s("b") },
            Fact::SecurityBelow {
                security_level: 1,
                required: 2,
            },
            Fact::SecurityMissing { required: 2 },
            Fact::WindowNotListed {
                service_window: s("w"),
                expected: vec![],
            },
            Fact::WindowMissing { expected: vec![] },
            Fact::OperatorNotListed {
                operator: s("o"),
                expected: vec![],
            },
            Fact::OperatorMissing { expected: vec![] },
            Fact::TooFewSites {
                sites: vec![],
                required: 2,
            },
            Fact::TooMany {
                selected: 2,
                max: 1,
                kept: vec![],
            },
            Fact::TooFew {
                selected: 0,
                min: 1,
            },
        ];
        for f in &all {
            match f {
                Fact::NotMoved { .. }
                | Fact::RealizesOther { .. }
                | Fact::ProductNotListed { .. }
                | Fact::ProductMissing { .. }
                | Fact::EndOfSupport { .. }
                | Fact::SlaBelow { .. }
                | Fact::SlaUnknown { .. }
                | Fact::SlaMissing { .. }
                | Fact::SecurityBelow { .. }
                | Fact::SecurityMissing { .. }
                | Fact::WindowNotListed { .. }
                | Fact::WindowMissing { .. }
                | Fact::OperatorNotListed { .. }
                | Fact::OperatorMissing { .. }
                | Fact::TooFewSites { .. }
                | Fact::TooMany { .. }
                | Fact::TooFew { .. } => {}
            }
        }
        all
    }

    #[test]
    fn gap_codes_are_the_facts_codes() {
        let facts: BTreeSet<&str> = one_of_each_fact().iter().map(Fact::code).collect();
        let listed: BTreeSet<&str> = ALL
            .iter()
            .filter(|c| c.family == Gap)
            .map(|c| c.id)
            .collect();
        assert_eq!(facts, listed);
    }

    #[test]
    fn plan_codes_are_the_warning_and_unplaced_kinds() {
        for k in WarningKind::ALL {
            // A new kind fails to compile here until it is added to `ALL` and the codes.
            match k {
                WarningKind::Late
                | WarningKind::Oversize
                | WarningKind::FreezeDropped
                | WarningKind::Unplaceable
                | WarningKind::Renewed
                | WarningKind::Stranded => {}
            }
        }
        for k in UnplacedKind::ALL {
            match k {
                UnplacedKind::Full
                | UnplacedKind::Blocked
                | UnplacedKind::Contract
                | UnplacedKind::Horizon => {}
            }
        }
        let kinds: BTreeSet<&str> = WarningKind::ALL
            .iter()
            .map(|k| k.as_str())
            .chain(UnplacedKind::ALL.iter().map(|k| k.as_str()))
            .chain(["late-avoidable"])
            .collect();
        let listed: BTreeSet<&str> = ALL
            .iter()
            .filter(|c| c.family == Plan)
            .map(|c| c.id)
            .collect();
        assert_eq!(kinds, listed);
    }

    /// Every code literal handed to a diagnostic in the sources (`error("code"`,
    /// `warning("code"`, `err(pos, "code"`, `code: "code"`) is listed, so a code cannot be
    /// added in one place and forgotten here; the constructors also check at run time.
    #[test]
    fn every_code_in_the_sources_is_listed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = BTreeSet::new();
        for e in walkdir::WalkDir::new(&root).sort_by_file_name() {
            let e = e.unwrap();
            if e.path().extension().is_none_or(|x| x != "rs") {
                continue;
            }
            // Comments may name codes that are not used.
            let text: String = std::fs::read_to_string(e.path())
                .unwrap()
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with("//") {
                        "\n"
                    } else {
                        l
                    }
                })
                .flat_map(|l| [l, "\n"])
                .collect();
            for call in ["error(", "warning(", "err(", "code: "] {
                for (at, _) in text.match_indices(call) {
                    // A whole name: `err(`, not `unwrap_err(`.
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = text[at + call.len()..].trim_start();
                    // `err(pos, "code"`: skip the first argument (balanced parentheses).
                    let rest = if call == "err(" && !rest.starts_with('"') {
                        let mut depth = 0i32;
                        let comma = rest.char_indices().find(|&(_, c)| {
                            match c {
                                '(' => depth += 1,
                                ')' => depth -= 1,
                                _ => {}
                            }
                            depth < 0 || (c == ',' && depth == 0)
                        });
                        let comma = comma.filter(|_| depth == 0);
                        comma.map_or("", |(i, _)| rest[i + 1..].trim_start())
                    } else {
                        rest
                    };
                    let Some(lit) = rest.strip_prefix('"') else {
                        continue;
                    };
                    let Some(end) = lit.find('"') else { continue };
                    let id = &lit[..end];
                    let looks_like_code = !id.is_empty()
                        && id
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                        && !id.starts_with('-');
                    if looks_like_code {
                        found.insert((id.to_string(), e.path().display().to_string()));
                    }
                }
            }
        }
        assert!(
            found.iter().any(|(id, _)| id == "unknown-key"),
            "the scan finds codes"
        );
        for (id, file) in found {
            assert!(
                get(&id).is_some(),
                "{file} uses code `{id}`, which is not in codes::ALL"
            );
        }
    }
}
