//! Views: text, JSON, XML and HTML renderings of values computed by the stages before.
//!
//! A view only formats; it never decides. Every format of a value is rendered from the same
//! value, so they cannot disagree.

pub mod costs;
pub mod gaps;
pub mod graph;
pub mod waves;
