//! The finding of a gap: what the check that failed found, as typed facts, and where the
//! judged field is written.
//!
//! A check makes its finding once; every view renders from it: the English message of the
//! table, Markdown, JUnit, SARIF and diff views ([`Finding::message`]), the SARIF region
//! and the gap JSON's `finding` object ([`Finding::pos`]), and the report's sentence in
//! each language (by [`Fact::code`] and the fact's values). This module owns the facts and
//! their English wording; it does not decide what fails (see `gaps`).

use crate::diag::{Pos, plural};
use crate::model::{Date, Loc};
use serde::Serialize;
use serde::ser::SerializeStruct;

/// What a failed expectation found. The code of each variant is in [`crate::codes`]
/// (family `gap`); its fields are the facts every view states, and the gap JSON's
/// `finding` names them as they are named here.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// `moved_to`: the asset does not realize the component.
    NotMoved { component: String },
    /// `moved_to`: the asset realizes another component.
    RealizesOther { component: String, realizes: String },
    /// `product_in`: the product is not listed.
    ProductNotListed {
        product: String,
        expected: Vec<String>,
    },
    /// `product_in`: no product is given.
    ProductMissing { expected: Vec<String> },
    /// `end_of_support_after`: support ends on or before the limit.
    EndOfSupport { end_of_support: Date, limit: Date },
    /// `sla_at_least`: the SLA ranks below the required level.
    SlaBelow { sla: String, required: String },
    /// `sla_at_least`: the SLA is not one of the target's `sla_levels`.
    SlaUnknown { sla: String, required: String },
    /// `sla_at_least`: no SLA is given.
    SlaMissing { required: String },
    /// `security_level_at_least`: the level is below the required one.
    SecurityBelow { security_level: u8, required: u8 },
    /// `security_level_at_least`: no level is given.
    SecurityMissing { required: u8 },
    /// `service_window_in`: the window is not listed.
    WindowNotListed {
        service_window: String,
        expected: Vec<String>,
    },
    /// `service_window_in`: no window is given.
    WindowMissing { expected: Vec<String> },
    /// `operator_in`: the operator is not listed.
    OperatorNotListed {
        operator: String,
        expected: Vec<String>,
    },
    /// `operator_in`: no operator is given.
    OperatorMissing { expected: Vec<String> },
    /// `sites_at_least`: the asset reaches fewer sites than required; `sites` are the ones
    /// it reaches (`org/id`), all of them.
    TooFewSites { sites: Vec<String>, required: u64 },
    /// `max_per_org`: the organisation has more selected assets than allowed and this one is
    /// not among those kept. `kept` are the first three kept (`min(max, selected)` are kept
    /// in all), in the rule's order: `realizes` first, then by id.
    TooMany {
        selected: usize,
        max: u64,
        kept: Vec<String>,
    },
    /// `min_per_org`: the organisation has fewer selected assets than required.
    TooFew { selected: usize, min: u64 },
}

/// How many kept ids a [`Fact::TooMany`] names.
pub const KEPT_LISTED: usize = 3;

impl Fact {
    /// The stable kebab-case code (see [`crate::codes`]).
    pub fn code(&self) -> &'static str {
        match self {
            Fact::NotMoved { .. } => "not-moved",
            Fact::RealizesOther { .. } => "realizes-other",
            Fact::ProductNotListed { .. } => "product-not-listed",
            Fact::ProductMissing { .. } => "product-missing",
            Fact::EndOfSupport { .. } => "end-of-support-before",
            Fact::SlaBelow { .. } => "sla-below",
            Fact::SlaUnknown { .. } => "sla-unknown",
            Fact::SlaMissing { .. } => "sla-missing",
            Fact::SecurityBelow { .. } => "security-below",
            Fact::SecurityMissing { .. } => "security-missing",
            Fact::WindowNotListed { .. } => "window-not-listed",
            Fact::WindowMissing { .. } => "window-missing",
            Fact::OperatorNotListed { .. } => "operator-not-listed",
            Fact::OperatorMissing { .. } => "operator-missing",
            Fact::TooFewSites { .. } => "too-few-sites",
            Fact::TooMany { .. } => "too-many",
            Fact::TooFew { .. } => "too-few",
        }
    }

    /// The fact in English, as `samdrift gaps` has always worded it.
    pub fn message(&self) -> String {
        let are = |n: u64| if n == 1 { "is" } else { "are" };
        match self {
            Fact::NotMoved { component } => format!("must move onto `{component}`"),
            Fact::RealizesOther {
                component,
                realizes,
            } => {
                format!("realizes `{realizes}`, not `{component}`: it must move onto `{component}`")
            }
            Fact::ProductNotListed { product, expected } => {
                format!(
                    "product `{product}` is not one of {}",
                    crate::diag::ticked(expected)
                )
            }
            Fact::ProductMissing { expected } => {
                format!(
                    "no `product` given; expected one of {}",
                    crate::diag::ticked(expected)
                )
            }
            Fact::EndOfSupport {
                end_of_support,
                limit,
            } => format!("end of support {end_of_support} is on or before {limit}"),
            Fact::SlaBelow { sla, required } => format!("SLA `{sla}` is below `{required}`"),
            Fact::SlaUnknown { sla, required } => format!(
                "SLA `{sla}` is not one of the target's `sla_levels`; at least `{required}` is expected"
            ),
            Fact::SlaMissing { required } => {
                format!("no `sla` given; at least `{required}` is expected")
            }
            Fact::SecurityBelow {
                security_level,
                required,
            } => format!("security level {security_level} is below {required}"),
            Fact::SecurityMissing { required } => {
                format!("no `security_level` given; at least {required} is expected")
            }
            Fact::WindowNotListed {
                service_window,
                expected,
            } => format!(
                "service window `{service_window}` is not one of {}",
                crate::diag::ticked(expected)
            ),
            Fact::WindowMissing { expected } => format!(
                "no `service_window` given; expected one of {}",
                crate::diag::ticked(expected)
            ),
            Fact::OperatorNotListed { operator, expected } => {
                format!(
                    "operator `{operator}` is not one of {}",
                    crate::diag::ticked(expected)
                )
            }
            Fact::OperatorMissing { expected } => {
                format!(
                    "no `operator` given; expected one of {}",
                    crate::diag::ticked(expected)
                )
            }
            Fact::TooFewSites { sites, required } => {
                let which = if sites.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", list_ids(sites, sites.len()))
                };
                format!(
                    "reaches {} site{}{which} where at least {required} {} expected",
                    sites.len(),
                    plural(sites.len()),
                    are(*required)
                )
            }
            Fact::TooMany {
                selected,
                max,
                kept,
            } => {
                let kept = match (*max).min(*selected as u64) as usize {
                    0 => String::new(),
                    n => format!("; kept: {}", list_ids(kept, n)),
                };
                if *max == 0 {
                    format!(
                        "{selected} selected asset{} where none is allowed",
                        plural(*selected)
                    )
                } else {
                    format!(
                        "{selected} selected asset{} where at most {max} {} expected{kept}",
                        plural(*selected),
                        are(*max)
                    )
                }
            }
            Fact::TooFew { selected, min } => format!(
                "{selected} selected asset{} where at least {min} {} expected",
                plural(*selected),
                are(*min)
            ),
        }
    }
}

/// A finding: the fact, the field it judged and where that field is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub fact: Fact,
    /// The asset field the rule judged (`end_of_support`); `None` when the rule judged the
    /// asset or the organisation as a whole (`max_per_org`, `min_per_org`).
    pub field: Option<&'static str>,
    /// Where the judged value is written. Where it is not written: the asset's mapping; for
    /// `min_per_org` (no asset): the expectation in the target file. Always in the gap's file.
    pub at: Loc,
}

impl Finding {
    pub fn code(&self) -> &'static str {
        self.fact.code()
    }

    /// The finding in English: the gap's `message`.
    pub fn message(&self) -> String {
        self.fact.message()
    }

    /// Line and column of the judged field in the gap's file.
    pub fn pos(&self) -> Pos {
        self.at.pos
    }
}

impl Fact {
    /// Writes the fact's values as fields of `st`, named as the variant's fields.
    fn write<S: SerializeStruct>(&self, st: &mut S) -> Result<(), S::Error> {
        match self {
            Fact::NotMoved { component } => st.serialize_field("component", component),
            Fact::RealizesOther {
                component,
                realizes,
            } => {
                st.serialize_field("component", component)?;
                st.serialize_field("realizes", realizes)
            }
            Fact::ProductNotListed { product, expected } => {
                st.serialize_field("product", product)?;
                st.serialize_field("expected", expected)
            }
            Fact::ProductMissing { expected }
            | Fact::WindowMissing { expected }
            | Fact::OperatorMissing { expected } => st.serialize_field("expected", expected),
            Fact::EndOfSupport {
                end_of_support,
                limit,
            } => {
                st.serialize_field("end_of_support", &Day(*end_of_support))?;
                st.serialize_field("limit", &Day(*limit))
            }
            Fact::SlaBelow { sla, required } | Fact::SlaUnknown { sla, required } => {
                st.serialize_field("sla", sla)?;
                st.serialize_field("required", required)
            }
            Fact::SlaMissing { required } => st.serialize_field("required", required),
            Fact::SecurityBelow {
                security_level,
                required,
            } => {
                st.serialize_field("security_level", security_level)?;
                st.serialize_field("required", required)
            }
            Fact::SecurityMissing { required } => st.serialize_field("required", required),
            Fact::WindowNotListed {
                service_window,
                expected,
            } => {
                st.serialize_field("service_window", service_window)?;
                st.serialize_field("expected", expected)
            }
            Fact::OperatorNotListed { operator, expected } => {
                st.serialize_field("operator", operator)?;
                st.serialize_field("expected", expected)
            }
            Fact::TooFewSites { sites, required } => {
                st.serialize_field("sites", sites)?;
                st.serialize_field("required", required)
            }
            Fact::TooMany {
                selected,
                max,
                kept,
            } => {
                st.serialize_field("selected", selected)?;
                st.serialize_field("max", max)?;
                st.serialize_field("kept", kept)
            }
            Fact::TooFew { selected, min } => {
                st.serialize_field("selected", selected)?;
                st.serialize_field("min", min)
            }
        }
    }
}

/// A date serialized as `YYYY-MM-DD` without the formatting machinery (a gap list holds
/// tens of thousands of them).
struct Day(Date);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use chrono::Datelike;
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        if !(0..=9999).contains(&y) {
            return s.collect_str(&self.0);
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let y = y as u32;
        let b = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ];
        s.serialize_str(std::str::from_utf8(&b).unwrap_or_default())
    }
}

/// The JSON form: `code`, `field`, `line`, `column`, then the fact's values.
impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Finding", 7)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("field", &self.field)?;
        st.serialize_field("line", &self.at.pos.line)?;
        st.serialize_field("column", &self.at.pos.col)?;
        self.fact.write(&mut st)?;
        st.end()
    }
}

/// The first three of `total` ids in backticks, then how many more.
pub(crate) fn list_ids<S: AsRef<str>>(ids: &[S], total: usize) -> String {
    let listed = crate::diag::ticked(&ids[..ids.len().min(KEPT_LISTED)]);
    match total.checked_sub(KEPT_LISTED).filter(|&more| more > 0) {
        Some(more) if listed.is_empty() => format!("{more} more"),
        Some(more) => format!("{listed}, {more} more"),
        None => listed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_keep_their_wording() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let f = Fact::TooMany {
            selected: 6,
            max: 4,
            kept: s(&["a", "b", "c"]),
        };
        assert_eq!(
            f.message(),
            "6 selected assets where at most 4 are expected; kept: `a`, `b`, `c`, 1 more"
        );
        let f = Fact::TooMany {
            selected: 2,
            max: 0,
            kept: vec![],
        };
        // `max_per_org: 0` forbids the kind: "none", not "at most 0".
        assert_eq!(f.message(), "2 selected assets where none is allowed");
        let f = Fact::TooFewSites {
            sites: s(&["a/dc"]),
            required: 2,
        };
        assert_eq!(
            f.message(),
            "reaches 1 site (`a/dc`) where at least 2 are expected"
        );
        let f = Fact::TooFew {
            selected: 0,
            min: 1,
        };
        assert_eq!(
            f.message(),
            "0 selected assets where at least 1 is expected"
        );
    }

    #[test]
    fn days_serialize_as_dates() {
        for d in ["2027-12-31", "0999-01-09", "2025-10-02"] {
            let day = Day(d.parse().unwrap());
            assert_eq!(serde_json::to_string(&day).unwrap(), format!("\"{d}\""));
        }
    }

    #[test]
    fn json_has_code_place_and_facts() {
        let f = Finding {
            fact: Fact::EndOfSupport {
                end_of_support: "2025-10-02".parse().unwrap(),
                limit: "2027-12-31".parse().unwrap(),
            },
            field: Some("end_of_support"),
            at: Loc {
                file: crate::model::FileId(0),
                pos: Pos::new(14, 21),
            },
        };
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"code":"end-of-support-before","field":"end_of_support","line":14,"column":21,"end_of_support":"2025-10-02","limit":"2027-12-31"}"#
        );
    }
}
