//! Diagnostics: the findings of a run, as data.
//!
//! A diagnostic is a located message with a severity and a stable kebab-case code.
//! Loading and validation push diagnostics instead of stopping, so one run reports every
//! problem it can see. This module owns the value and its one-line text form
//! (`file:line:col: error: message`); it does not decide what is wrong.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// A position in a source file: 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

/// One finding, located at a file (relative to the project root, `/`-separated) and,
/// where it has one, a position in that file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// Stable kebab-case code, e.g. `unknown-key`, `dangling-ref`, `dependency-cycle`; one
    /// of [`crate::codes::ALL`].
    pub code: &'static str,
    pub file: String,
    /// `None` for findings about a whole path (an unreadable file, a bad folder name).
    #[serde(flatten)]
    pub pos: Option<Pos>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The things the message names, typed, so that a view can word the diagnostic in
    /// another language (the HTML report in Swedish). Not part of the JSON outputs.
    #[serde(skip)]
    pub args: Box<[(&'static str, Arg)]>,
}

/// A value a diagnostic names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// An organisation, by id.
    Org(String),
    /// An asset: organisation id and asset id.
    Asset(String, String),
    /// A rule of the diagnostic's target, by id.
    Rule(String),
    /// A component, by id.
    Component(String),
    /// A target, by id.
    Target(String),
    /// Targets, by id.
    Targets(Vec<String>),
    /// Assets: organisation id and asset id each.
    Assets(Vec<(String, String)>),
    Date(chrono::NaiveDate),
    Count(usize),
    /// Text as written (a criterion id, a path).
    Text(String),
}

impl Diagnostic {
    pub fn error(
        code: &'static str,
        file: &str,
        pos: Option<Pos>,
        message: impl Into<String>,
    ) -> Self {
        debug_assert!(
            crate::codes::is_diagnostic(code),
            "diagnostic code `{code}` is not in codes::ALL"
        );
        Diagnostic {
            level: Level::Error,
            code,
            file: file.to_string(),
            pos,
            message: message.into(),
            hint: None,
            args: Box::default(),
        }
    }

    pub fn warning(
        code: &'static str,
        file: &str,
        pos: Option<Pos>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(code, file, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// Names `arg` as `name` (see [`Diagnostic::args`]).
    pub fn with_arg(mut self, name: &'static str, arg: Arg) -> Self {
        let mut args = std::mem::take(&mut self.args).into_vec();
        args.push((name, arg));
        self.args = args.into_boxed_slice();
        self
    }

    /// The order in which diagnostics are printed: by file, then position, then errors first.
    pub fn sort_key(&self) -> (&str, Pos, Level, &str) {
        (
            &self.file,
            self.pos.unwrap_or_default(),
            self.level,
            &self.message,
        )
    }
}

/// Whether a character must not reach a terminal as written: control characters (line
/// breaks, tabs, ESC), the Unicode line and paragraph separators, and the bidirectional
/// formatting characters that can make a line read differently from what it holds.
pub fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// User text made safe for one line of terminal output: line breaks and tabs become `\n`,
/// `\r`, `\t`, every other control or bidirectional character `\u{1b}`. Text without
/// them is returned as it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One line (`file:line:col: level: message [code]`), plus the hint on a line of its own
/// that starts with two spaces. Whatever user text the message quotes, control characters
/// and line breaks are escaped ([`escape`]), so a diagnostic never spans more lines than
/// that nor sends escape sequences to the terminal.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = escape(&self.file);
        match self.pos {
            Some(p) => write!(f, "{file}:{}:{}: ", p.line, p.col)?,
            None => write!(f, "{file}: ")?,
        }
        write!(
            f,
            "{}: {} [{}]",
            self.level.as_str(),
            escape(&self.message),
            self.code
        )?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {}", escape(h))?;
        }
        Ok(())
    }
}

/// Sorts diagnostics into print order and removes exact repeats.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

/// Words longer than this get no suggestion: no key, kind or id is anywhere near as long,
/// and comparing a long value (megabytes, in hostile input) with every candidate takes minutes.
const MAX_SUGGESTED_LEN: usize = 256;

/// Ids or values as a reader sees them in a message: each in backticks, joined by commas
/// (`` `a`, `b` ``).
pub fn ticked<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The English plural ending for a count: `""` for one, `"s"` otherwise.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The closest candidate to `word`, if one is close enough to be a useful suggestion.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    if word.len() > MAX_SUGGESTED_LEN {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// A "did you mean" hint, if a candidate is close.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The replacement a [`did_you_mean`] hint suggests, for an editor's quick fix.
pub fn suggestion(hint: &str) -> Option<&str> {
    hint.strip_prefix("did you mean `")?.strip_suffix("`?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["depends_on", "site", "quantity"];
        assert_eq!(closest("depnds_on", keys), Some("depends_on"));
        assert_eq!(closest("quantitty", keys), Some("quantity"));
        assert_eq!(closest("zzz", keys), None);
        let long = format!("depends_on{}", "x".repeat(5_000_000));
        assert_eq!(closest(&long, keys), None);
    }

    #[test]
    fn suggestions_read_back_from_hints() {
        let hint = did_you_mean("depnds_on", ["depends_on", "site"]).unwrap();
        assert_eq!(suggestion(&hint), Some("depends_on"));
        assert_eq!(suggestion("valid keys here: a, b"), None);
    }

    #[test]
    fn user_text_cannot_break_the_line_or_reach_the_terminal() {
        let d = Diagnostic::error(
            "unknown-key",
            "inventory/a/x\ny.yaml",
            Some(Pos::new(1, 1)),
            "unknown key `a\u{1b}[31mred\nnext\tline\u{202e}`",
        )
        .with_hint(Some("did you mean `b\r`?".into()));
        let text = d.to_string();
        assert_eq!(
            text,
            "inventory/a/x\\ny.yaml:1:1: error: unknown key `a\\u{1b}[31mred\\nnext\\tline\\u{202e}` [unknown-key]\n  hint: did you mean `b\\r`?"
        );
        assert_eq!(text.lines().count(), 2);
        assert!(matches!(escape("Gnosjö kommun"), Cow::Borrowed(_)));
    }

    #[test]
    fn display_is_one_line_plus_hint() {
        let d = Diagnostic::error(
            "unknown-key",
            "inventory/a/x.yaml",
            Some(Pos::new(3, 5)),
            "unknown key `depnds_on`",
        )
        .with_hint(Some("did you mean `depends_on`?".into()));
        assert_eq!(
            d.to_string(),
            "inventory/a/x.yaml:3:5: error: unknown key `depnds_on` [unknown-key]\n  hint: did you mean `depends_on`?"
        );
    }
}
