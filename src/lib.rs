//! samdrift: plan joint IT operations for several municipalities from YAML inventories.
//!
//! The data flows one way: files → [`model`] (by [`load`], checked by [`validate`]) →
//! [`graph`] → [`gaps`] → [`waves`] → [`costs`] → views; a [`study::Study`] keeps one
//! target's results together for the documents built from them (`report`). See
//! `docs/architecture.md`. Each stage takes the previous stage's value and never
//! reaches back. Findings are data ([`diag::Diagnostic`]); errors are only for what stops
//! a run.

pub mod cli;
pub mod codes;
pub mod costs;
pub mod diag;
pub mod export;
pub mod gaps;
pub mod git;
pub mod graph;
pub mod import;
pub mod load;
pub mod lsp;
pub mod model;
pub mod quality;
pub mod report;
pub mod schema;
pub mod study;
pub mod validate;
pub mod views;
pub mod waves;
pub mod yaml;
