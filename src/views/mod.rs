//! Views: text, JSON, XML and HTML renderings of values computed by the stages before.
//!
//! A view only formats; it never decides. Every format of a value is rendered from the same
//! value, so they cannot disagree.

pub mod costs;
pub mod gaps;
pub mod graph;
pub mod waves;

/// Text made safe for XML 1.0, which cannot hold most control characters even as
/// references: each one (YAML allows them as `"\e"` escapes) is written as `\u{1b}`.
/// Tabs and line breaks stay.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            c if bad(c) => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}
