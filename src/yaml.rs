//! The one place that parses YAML.
//!
//! Text goes in; a located tree of [`Node`]s comes out, or located errors. Everything else in
//! samdrift reads that tree, so the parser behind it (`saphyr-parser`, an event parser that
//! reports the span of every event) can change without touching the model.
//!
//! The tree keeps every scalar exactly as written, with its style, so the reader of a field
//! decides its type: that is how `version: 7.0` stays the string `7.0`, `auto_renew: no` is a
//! type error rather than `false` (YAML 1.2), and `quantity: "5"` is a type error rather than 5.
//!
//! Guards that keep bad input from hanging or eating memory: one document per file, nesting
//! at most [`MAX_DEPTH`] levels, alias expansion at most [`MAX_ALIAS_NODES`] nodes, only the
//! YAML core tags, no duplicate keys in a mapping. Merge keys (`<<`) are applied here.

use crate::diag::Pos;
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};
use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 64;
/// Most nodes that aliases may add to a document by expansion.
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// A YAML node with the position where it was written (for an alias: where the anchor was).
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    pub pos: Pos,
    pub value: Value<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Scalar(Scalar<'a>),
    Seq(Vec<Node<'a>>),
    /// Entries in the order written, merge keys already applied, no duplicate keys.
    Map(Vec<(Node<'a>, Node<'a>)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar<'a> {
    pub text: Cow<'a, str>,
    /// `true` for plain (unquoted, untagged) scalars, the only ones that can be null,
    /// booleans or numbers in YAML 1.2.
    pub plain: bool,
}

impl<'a> Node<'a> {
    /// A short name of what this node is, for type errors ("a mapping", "the string `x`").
    pub fn describe(&self) -> String {
        match &self.value {
            Value::Seq(_) => "a list".to_string(),
            Value::Map(_) => "a mapping".to_string(),
            Value::Scalar(s) if s.plain && is_null(&s.text) => "null".to_string(),
            Value::Scalar(s) => {
                let mut t: String = s.text.chars().take(40).collect();
                if s.text.chars().count() > 40 {
                    t.push('…');
                }
                if s.plain {
                    format!("`{t}`")
                } else {
                    format!("the string `\"{t}\"`")
                }
            }
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(s) if s.plain && is_null(&s.text))
    }

    pub fn as_scalar(&self) -> Option<&Scalar<'a>> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// Number of nodes in this subtree.
    fn size(&self) -> usize {
        match &self.value {
            Value::Scalar(_) => 1,
            Value::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Value::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.size() + v.size())
                    .sum::<usize>()
            }
        }
    }
}

/// YAML 1.2 core schema null.
pub fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// A parse failure, located in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub pos: Pos,
    pub message: String,
    pub code: &'static str,
}

fn pos_of(span: &Span) -> Pos {
    Pos::new(span.start.line() as u32, span.start.col() as u32 + 1)
}

fn scan_error(text: &str, e: ScanError, end: Pos) -> ParseError {
    let m = e.marker();
    let pos = Pos::new(m.line() as u32, m.col() as u32 + 1).min(end);
    // The scanner names a tab where it notices it, often at the start of the scalar or the
    // line before: point at the tab itself.
    if e.info().contains("tab")
        && let Some(tab) = indent_tab(text, pos)
    {
        return err(
            tab,
            "tab-indent",
            "tab character used for indentation; YAML indents with spaces",
        );
    }
    ParseError {
        pos: relocate(text, e.info(), pos),
        message: format!("YAML syntax error: {}", e.info()),
        code: "yaml-syntax",
    }
}

/// The position just after the last character of `text`, counting line breaks as YAML does
/// (`\n`, `\r\n` or a lone `\r`).
fn end_of(text: &str) -> Pos {
    let last_break = text.rfind(['\n', '\r']);
    let breaks =
        text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count();
    let last_line = last_break.map_or(text, |i| &text[i + 1..]);
    Pos::new(breaks as u32 + 1, last_line.chars().count() as u32 + 1)
}

fn err(pos: Pos, code: &'static str, message: impl Into<String>) -> ParseError {
    ParseError {
        pos,
        message: message.into(),
        code,
    }
}

/// Whether `c` may appear in a YAML stream as written (YAML 1.2 §5.1 `c-printable`): tab,
/// line breaks, and every other character but the C0 and C1 control characters, DEL and the
/// non-characters U+FFFE and U+FFFF. (Escapes such as `"\e"` in double quotes are fine: they
/// are written with printable characters.)
fn printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{85}')
        || !(c.is_control() || c == '\u{fffe}' || c == '\u{ffff}')
}

/// The Unicode name of the common control characters, for messages.
fn control_name(c: char) -> Option<&'static str> {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
        "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    match c as u32 {
        n @ 0..=31 => Some(C0[n as usize]),
        0x7f => Some("DEL"),
        _ => None,
    }
}

/// Checks text for characters YAML does not allow in a stream (NUL, the other control
/// characters), each located exactly: the YAML parser reports them badly or not at all.
fn precheck(text: &str) -> Result<(), ParseError> {
    // Nearly every file has none: one fast scan over the bytes, and the slow search only when
    // a suspect byte is there (a C0 control, DEL, or the lead byte of C1 controls and of
    // U+FFFE/U+FFFF).
    let suspect = |b: &u8| {
        (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7f | 0xc2 | 0xef)
    };
    if !text.as_bytes().iter().any(suspect) {
        return Ok(());
    }
    let Some((at, c)) = text.char_indices().find(|&(_, c)| !printable(c)) else {
        return Ok(());
    };
    let pos = locate_byte(text.as_bytes(), at);
    let code = format!("U+{:04X}", c as u32);
    if c == '\0' {
        return Err(err(pos, "nul-byte", "the file contains a NUL byte"));
    }
    let name = control_name(c)
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    let escape = match c as u32 {
        n @ 0..=0xff => format!("\\x{n:02x}"),
        n => format!("\\u{n:04x}"),
    };
    Err(err(
        pos,
        "control-character",
        format!(
            "the control character {code}{name} is not allowed in YAML; \
             write it as the escape \"{escape}\" inside double quotes, or remove it"
        ),
    ))
}

/// The lines of a text, without their line breaks, numbered from 1.
fn numbered(text: &str) -> impl Iterator<Item = (u32, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i as u32 + 1, l.trim_end_matches('\r')))
}

/// Where a line's content starts (1-based column), `None` for a blank or comment line.
fn content_start(line: &str) -> Option<u32> {
    let rest = line.trim_start_matches([' ', '\t']);
    (!rest.is_empty() && !rest.starts_with('#')).then(|| (line.len() - rest.len()) as u32 + 1)
}

/// The first tab in the indentation of a line, from the line of `from` on: preferably on a
/// line with content (a tab before nothing or a comment is harmless), else on any line.
fn indent_tab(text: &str, from: Pos) -> Option<Pos> {
    let lines = || {
        numbered(text)
            .skip(from.line.saturating_sub(1) as usize)
            .take(64)
    };
    let tab =
        |line: &str| line[..line.len() - line.trim_start_matches([' ', '\t']).len()].find('\t');
    lines()
        .filter(|(_, l)| content_start(l).is_some())
        .find_map(|(n, l)| tab(l).map(|t| Pos::new(n, t as u32 + 1)))
        .or_else(|| lines().find_map(|(n, l)| tab(l).map(|t| Pos::new(n, t as u32 + 1))))
}

/// The last line with content before line `line`, at its first character.
fn content_before(text: &str, line: u32) -> Option<Pos> {
    numbered(text)
        .take(line.saturating_sub(1) as usize)
        .filter_map(|(n, l)| content_start(l).map(|c| Pos::new(n, c)))
        .last()
}

/// The first line after line `line` that `pick` accepts, at its first character.
fn line_after(text: &str, line: u32, pick: impl Fn(&str) -> bool) -> Option<Pos> {
    numbered(text)
        .skip(line as usize)
        .find(|(_, l)| pick(l))
        .and_then(|(n, l)| content_start(l).map(|c| Pos::new(n, c)))
}

/// Moves a scanner error to the line that is wrong. The scanner notices many mistakes only
/// at the next token, often on the line after: a key without `:` is reported where the next
/// line starts, an unclosed bracket at the end of the file, a badly indented line of a
/// quoted scalar at its opening quote.
fn relocate(text: &str, info: &str, pos: Pos) -> Pos {
    let Some(line) = numbered(text)
        .nth(pos.line.saturating_sub(1) as usize)
        .map(|(_, l)| l)
    else {
        return content_before(text, pos.line).unwrap_or(pos);
    };
    let before: String = line
        .chars()
        .take(pos.col.saturating_sub(1) as usize)
        .collect();
    let at_line_start = before.trim().is_empty();
    // At the end: nothing but white space from the start of the error's line on (the
    // scanner ran out of text looking for what should have come).
    let at_end = at_line_start
        && numbered(text)
            .skip(pos.line.saturating_sub(1) as usize)
            .all(|(_, l)| l.trim().is_empty());
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let moved = if at_end || (info.contains("simple key expect ':'") && at_line_start) {
        content_before(text, pos.line)
    } else if info.contains("comment intercepting the multiline text") {
        line_after(text, pos.line, |l| content_start(l).is_some())
    } else if info.contains("unexpected document indicator") {
        line_after(text, pos.line, |l| {
            (l.starts_with("---") || l.starts_with("..."))
                && l[3..].chars().next().is_none_or(char::is_whitespace)
        })
    } else if info.contains("invalid indentation in quoted scalar") {
        line_after(text, pos.line, |l| {
            content_start(l).is_some() && indent(l) <= indent(line)
        })
    } else {
        None
    };
    moved.unwrap_or(pos)
}

/// Parses one YAML file's text. `Ok(None)` for an empty file (no document, or only comments).
/// The first error stops the parse; see [`parse_all`] to keep going past duplicate keys.
pub fn parse(text: &str) -> Result<Option<Node<'_>>, ParseError> {
    let (doc, mut errors) = parse_all(text)?;
    match errors.is_empty() {
        true => Ok(doc),
        false => Err(errors.swap_remove(0)),
    }
}

/// Parses one YAML file's text, returning the tree together with the errors that do not stop
/// the parse (a duplicate key: the first value is kept). A syntax error stops it.
#[allow(clippy::type_complexity)]
pub fn parse_all(text: &str) -> Result<(Option<Node<'_>>, Vec<ParseError>), ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    precheck(text)?;
    // Without a final line break the scanner puts the end of the text on the line after the
    // last one; what is found there (an error, an empty value) is located at the end instead.
    let end = if text.is_empty() || text.ends_with(['\n', '\r']) {
        Pos::new(u32::MAX, u32::MAX)
    } else {
        end_of(text)
    };
    let mut b = Builder::default();
    let mut parser = Parser::new_from_str(text);
    let mut doc: Option<Node> = None;
    let mut docs = 0;
    while let Some(ev) = parser.next_event() {
        let (ev, span) = ev.map_err(|e| scan_error(text, e, end))?;
        let pos = pos_of(&span).min(end);
        match ev {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                docs += 1;
                if docs > 1 {
                    return Err(err(
                        pos,
                        "multiple-documents",
                        "a file holds one YAML document; found a second `---`",
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let plain = match &tag {
                    None => style == ScalarStyle::Plain,
                    // `!!int 5`, `!!null ~`: typed as written, read like a plain scalar.
                    Some(tag) => check_tag(tag, Kind::Scalar, pos)? == Core::Typed,
                };
                b.push(
                    Node {
                        pos,
                        value: Value::Scalar(Scalar { text, plain }),
                    },
                    anchor,
                    &mut doc,
                )?;
            }
            Event::Alias(id) => {
                let node = b
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| err(pos, "yaml-alias", "alias to an unknown anchor"))?;
                b.alias_nodes += node.size();
                if b.alias_nodes > MAX_ALIAS_NODES {
                    return Err(err(
                        pos,
                        "alias-bomb",
                        format!(
                            "aliases expand to more than {MAX_ALIAS_NODES} nodes; this looks like an alias bomb"
                        ),
                    ));
                }
                b.push(node, 0, &mut doc)?;
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                if let Some(tag) = tag {
                    check_tag(tag, if is_map { Kind::Map } else { Kind::Seq }, pos)?;
                }
                if b.stack.len() >= MAX_DEPTH {
                    return Err(err(
                        pos,
                        "too-deep",
                        format!("nesting deeper than {MAX_DEPTH} levels"),
                    ));
                }
                b.stack.push(Open {
                    pos,
                    anchor,
                    is_map,
                    start: b.items.len(),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let open = b
                    .stack
                    .pop()
                    .ok_or_else(|| err(pos, "yaml-syntax", "unbalanced collection end"))?;
                let items = b.items.drain(open.start..);
                let value = if open.is_map {
                    Value::Map(build_map(items, &mut b.soft_errors)?)
                } else {
                    Value::Seq(items.collect())
                };
                b.push(
                    Node {
                        pos: open.pos,
                        value,
                    },
                    open.anchor,
                    &mut doc,
                )?;
            }
        }
    }
    Ok((doc, b.soft_errors))
}

/// The prefix of the YAML core tags: `!!str` is `tag:yaml.org,2002:str`.
const CORE: &str = "tag:yaml.org,2002:";

/// What a node is, for checking that its tag fits it.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Scalar,
    Seq,
    Map,
}

/// What an accepted tag makes of a node.
#[derive(Debug, PartialEq)]
enum Core {
    /// `!!str` or the non-specific `!`: a string, whatever it looks like.
    Str,
    /// `!!int`, `!!float`, `!!bool`, `!!null`: read by the field like a plain scalar.
    Typed,
    /// `!!seq`, `!!map` on the collection they name.
    Collection,
}

/// The tag as written, for messages: `!!binary`, `!local`, `!<tag:example.com,2000:x>`.
fn tag_text(tag: &saphyr_parser::Tag) -> String {
    if tag.handle == CORE {
        format!("!!{}", tag.suffix)
    } else if tag.handle == "!" {
        format!("!{}", tag.suffix)
    } else {
        format!("!<{}{}>", tag.handle, tag.suffix)
    }
}

/// Accepts the tags of the YAML 1.2 core schema (`!!str`, `!!int`, `!!float`, `!!bool`,
/// `!!null`, `!!seq`, `!!map`, in short or verbatim form `!<tag:yaml.org,2002:str>`) and the
/// non-specific `!`; refuses every other tag, and a core tag on the wrong kind of node.
fn check_tag(tag: &saphyr_parser::Tag, kind: Kind, pos: Pos) -> Result<Core, ParseError> {
    let full = format!("{}{}", tag.handle, tag.suffix);
    let core = match full.strip_prefix(CORE) {
        Some("str") => Some((Core::Str, Kind::Scalar)),
        Some("int" | "float" | "bool" | "null") => Some((Core::Typed, Kind::Scalar)),
        Some("seq") => Some((Core::Collection, Kind::Seq)),
        Some("map") => Some((Core::Collection, Kind::Map)),
        _ if tag.handle.is_empty() && tag.suffix == "!" => Some((Core::Str, kind)),
        _ => None,
    };
    let written = tag_text(tag);
    match core {
        Some((core, k)) if k == kind => Ok(core),
        Some(_) => Err(err(
            pos,
            "unsupported-tag",
            format!(
                "the tag `{written}` does not fit a {}",
                match kind {
                    Kind::Scalar => "single value",
                    Kind::Seq => "list",
                    Kind::Map => "mapping",
                }
            ),
        )),
        None => Err(err(
            pos,
            "unsupported-tag",
            format!(
                "unsupported tag `{written}`; samdrift reads the YAML core tags only \
                 (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq`, `!!map`)"
            ),
        )),
    }
}

/// A collection being read: its items are `Builder::items[start..]`.
struct Open {
    pos: Pos,
    anchor: usize,
    is_map: bool,
    start: usize,
}

#[derive(Default)]
struct Builder<'a> {
    stack: Vec<Open>,
    /// The items of every open collection, innermost last, in one buffer, so that each
    /// finished collection is one allocation of exactly its size.
    items: Vec<Node<'a>>,
    anchors: HashMap<usize, Node<'a>>,
    alias_nodes: usize,
    soft_errors: Vec<ParseError>,
}

impl<'a> Builder<'a> {
    fn push(
        &mut self,
        node: Node<'a>,
        anchor: usize,
        doc: &mut Option<Node<'a>>,
    ) -> Result<(), ParseError> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        if self.stack.is_empty() {
            *doc = Some(node);
        } else {
            self.items.push(node);
        }
        Ok(())
    }
}

/// Mappings up to this many keys find duplicates by a linear scan (no allocation); larger
/// ones through a hash map.
const SMALL_MAP: usize = 16;

fn key_text<'n>(n: &'n Node) -> Option<&'n str> {
    match &n.value {
        Value::Scalar(s) => Some(&s.text),
        _ => None,
    }
}

/// The keys of a mapping being built, for finding duplicates.
struct Keys<'a> {
    index: Option<HashMap<Cow<'a, str>, Pos>>,
}

impl<'a> Keys<'a> {
    /// Where `key` was first written among `entries`, if it was.
    fn find(&self, entries: &[(Node<'a>, Node<'a>)], key: &str) -> Option<Pos> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => entries
                .iter()
                .find(|(k, _)| key_text(k) == Some(key))
                .map(|(k, _)| k.pos),
        }
    }

    /// Notes that `entries` just grew by one entry.
    fn added(&mut self, entries: &[(Node<'a>, Node<'a>)]) {
        match &mut self.index {
            Some(index) => {
                if let Some((k, _)) = entries.last()
                    && let Value::Scalar(s) = &k.value
                {
                    index.entry(s.text.clone()).or_insert(k.pos);
                }
            }
            None if entries.len() > SMALL_MAP => {
                let mut index = HashMap::with_capacity(entries.len() * 2);
                for (k, _) in entries {
                    if let Value::Scalar(s) = &k.value {
                        index.entry(s.text.clone()).or_insert(k.pos);
                    }
                }
                self.index = Some(index);
            }
            None => {}
        }
    }
}

/// Pairs up a mapping's keys and values, rejects duplicate keys and applies merge keys:
/// entries written in the mapping win over merged ones, earlier merged mappings over later.
fn build_map<'a>(
    mut items: impl ExactSizeIterator<Item = Node<'a>>,
    soft: &mut Vec<ParseError>,
) -> Result<Vec<(Node<'a>, Node<'a>)>, ParseError> {
    let mut own: Vec<(Node, Node)> = Vec::with_capacity(items.len() / 2);
    let mut merged: Vec<(Node, Node)> = Vec::new();
    let mut keys = Keys { index: None };
    while let (Some(k), Some(v)) = (items.next(), items.next()) {
        let Value::Scalar(key) = &k.value else {
            return Err(err(
                k.pos,
                "complex-key",
                "mapping keys must be plain strings",
            ));
        };
        if key.plain && key.text == "<<" {
            match v.value {
                Value::Map(entries) => merged.extend(entries),
                Value::Seq(maps) => {
                    for m in maps {
                        match m.value {
                            Value::Map(entries) => merged.extend(entries),
                            _ => {
                                return Err(err(
                                    m.pos,
                                    "bad-merge",
                                    "a merge key (`<<`) takes a mapping or a list of mappings",
                                ));
                            }
                        }
                    }
                }
                Value::Scalar(_) => {
                    return Err(err(
                        v.pos,
                        "bad-merge",
                        "a merge key (`<<`) takes a mapping or a list of mappings",
                    ));
                }
            }
            continue;
        }
        if let Some(first) = keys.find(&own, &key.text) {
            soft.push(err(
                k.pos,
                "duplicate-key",
                format!(
                    "duplicate key `{}` (first written at line {}, column {})",
                    key.text, first.line, first.col
                ),
            ));
            continue;
        }
        own.push((k, v));
        keys.added(&own);
    }
    for (k, v) in merged {
        let Some(key) = key_text(&k) else { continue };
        if keys.find(&own, key).is_none() {
            own.push((k, v));
            keys.added(&own);
        }
    }
    Ok(own)
}

/// The 1-based line and column of a byte offset in `bytes` (columns count characters
/// of the valid prefix), used to locate invalid UTF-8.
pub fn locate_byte(bytes: &[u8], offset: usize) -> Pos {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u32
        + 1;
    Pos::new(line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_keys<'a>(n: &'a Node) -> Vec<&'a str> {
        match &n.value {
            Value::Map(e) => e
                .iter()
                .map(|(k, _)| k.as_scalar().map(|s| s.text.as_ref()).unwrap_or("?"))
                .collect(),
            _ => vec![],
        }
    }

    #[test]
    fn scalars_keep_text_and_style() {
        let doc = parse("a: 7.0\nb: 'no'\nc: no\n").unwrap().unwrap();
        let Value::Map(e) = &doc.value else { panic!() };
        let a = e[0].1.as_scalar().unwrap();
        assert_eq!((a.text.as_ref(), a.plain), ("7.0", true));
        assert!(!e[1].1.as_scalar().unwrap().plain);
        assert_eq!(e[2].1.as_scalar().unwrap().text, "no");
        assert_eq!(e[2].1.pos, Pos::new(3, 4));
    }

    #[test]
    fn empty_and_bom_are_fine() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("# only a comment\n").unwrap(), None);
        assert!(parse("\u{feff}a: 1\n").unwrap().is_some());
    }

    #[test]
    fn duplicate_keys_are_located() {
        let e = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!((e.code, e.pos), ("duplicate-key", Pos::new(3, 1)));
    }

    #[test]
    fn merge_keys_apply_and_own_keys_win() {
        let doc = parse("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n")
            .unwrap()
            .unwrap();
        let Value::Map(e) = &doc.value else { panic!() };
        let m = &e[1].1;
        assert_eq!(map_keys(m), vec!["y", "x"]);
        let Value::Map(me) = &m.value else { panic!() };
        assert_eq!(me[0].1.as_scalar().unwrap().text, "3");
    }

    #[test]
    fn alias_bomb_is_an_error_not_a_hang() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            s.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert_eq!(parse(&s).unwrap_err().code, "alias-bomb");
    }

    #[test]
    fn deep_nesting_is_an_error() {
        // The scanner itself stops deep flow collections; either way it is a located error.
        let s = "[".repeat(10_000) + &"]".repeat(10_000);
        let e = parse(&s).unwrap_err();
        assert!(
            e.code == "too-deep" || e.message.contains("recursion"),
            "{e:?}"
        );
        let s = "a:\n".to_string()
            + &(1..100)
                .map(|i| format!("{}b{i}:\n", " ".repeat(i)))
                .collect::<String>();
        assert_eq!(parse(&s).unwrap_err().code, "too-deep");
    }

    #[test]
    fn tabs_and_nul_are_located() {
        let e = parse("a:\n\tb: 1\n").unwrap_err();
        assert_eq!((e.code, e.pos), ("tab-indent", Pos::new(2, 1)));
        let e = parse("a: 1\nb: x\0y\n").unwrap_err();
        assert_eq!((e.code, e.pos), ("nul-byte", Pos::new(2, 5)));
    }

    #[test]
    fn tabs_where_yaml_allows_them() {
        // A script pasted into a block scalar, a tab after the indentation of a quoted or
        // plain continuation line, tabs between flow items.
        let doc = parse("a: |\n  if x;\n  \tthen y\nb: \"one\n \ttwo\"\nc: one\n \ttwo\nd: [1,\t2]\ne: {f: 1,\tg: 2}\n")
            .unwrap()
            .unwrap();
        let Value::Map(e) = &doc.value else { panic!() };
        assert_eq!(e[0].1.as_scalar().unwrap().text, "if x;\n\tthen y\n");
        assert_eq!(e[1].1.as_scalar().unwrap().text, "one two");
        assert_eq!(e[2].1.as_scalar().unwrap().text, "one two");
    }

    #[test]
    fn tab_errors_point_at_the_tab() {
        let e = parse("a:\n  b: 1\n\tc: 2\n").unwrap_err();
        assert_eq!((e.code, e.pos), ("tab-indent", Pos::new(3, 1)));
        let e = parse("foo: |\n\t\nbar: 1\n").unwrap_err();
        assert_eq!((e.code, e.pos), ("tab-indent", Pos::new(2, 1)));
    }

    #[test]
    fn syntax_errors_are_on_the_offending_line() {
        // A key without `:` is noticed at the next line; an unclosed quote's bad line.
        assert_eq!(
            parse("top1:\n  key1: val1\ntop2\n").unwrap_err().pos.line,
            3
        );
        assert_eq!(parse("- item1\n&node\n- item2\n").unwrap_err().pos.line, 2);
        assert_eq!(parse("quoted: \"a\nb\nc\"\n").unwrap_err().pos.line, 2);
        assert_eq!(parse("---\n'\n...\n'\n").unwrap_err().pos.line, 3);
        assert_eq!(
            parse("x: 1\nplain: a\n  b # c\n  d\n")
                .unwrap_err()
                .pos
                .line,
            4
        );
    }

    #[test]
    fn control_characters_are_refused_where_they_are() {
        let e = parse("a: 1\nb: x\u{7}y\n").unwrap_err();
        assert_eq!((e.code, e.pos), ("control-character", Pos::new(2, 5)));
        assert!(e.message.contains("U+0007 (BEL)"), "{}", e.message);
        let e = parse("a: ö\u{9b}\n").unwrap_err();
        assert_eq!((e.code, e.pos), ("control-character", Pos::new(1, 5)));
        // Written as escapes they are fine (and the diagnostics escape them on output).
        let doc = parse("\"a\\e\": \"\\x07\"\n").unwrap().unwrap();
        let Value::Map(e) = &doc.value else { panic!() };
        assert_eq!(e[0].0.as_scalar().unwrap().text, "a\u{1b}");
        assert!(parse("a: x\u{85}y\n").is_ok(), "NEL is allowed");
    }

    #[test]
    fn only_core_tags() {
        for bad in [
            "a: !!python/object:os.System {}\n",
            "a: !!foo x\n",
            "a: !!binary aGVq\n",
            "a: !!set {x}\n",
            "a: !local x\n",
            "%TAG !e! tag:example.com,2000:\n---\na: !e!x y\n",
            "%TAG !! tag:example.com,2000:\n---\na: !!str y\n",
            "a: !!str [1]\n",
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.code, "unsupported-tag", "{bad}");
        }
        let e = parse("a: !!python/object:os.System {}\n").unwrap_err();
        assert!(
            e.message.contains("`!!python/object:os.System`"),
            "{}",
            e.message
        );
        for good in [
            "a: !<tag:yaml.org,2002:str> x\n",
            "a: !!int 5\n",
            "a: ! 5\n",
            "a: !!map {b: 1}\n",
            "a: !<tag:yaml.org,2002:seq> [1]\n",
        ] {
            assert!(parse(good).is_ok(), "{good}");
        }
        let doc = parse("a: !<tag:yaml.org,2002:str> 5\nb: !!int 5\n")
            .unwrap()
            .unwrap();
        let Value::Map(e) = &doc.value else { panic!() };
        assert!(!e[0].1.as_scalar().unwrap().plain, "a string");
        assert!(e[1].1.as_scalar().unwrap().plain, "read as a number");
    }

    #[test]
    fn unknown_tags_and_second_documents_are_rejected() {
        assert_eq!(
            parse("a: !include other.yaml\n").unwrap_err().code,
            "unsupported-tag"
        );
        assert!(parse("a: !!str 5\n").is_ok());
        assert_eq!(
            parse("a: 1\n---\nb: 2\n").unwrap_err().code,
            "multiple-documents"
        );
    }

    #[test]
    fn positions_at_the_end_stay_in_the_file() {
        // Two lines, no final line break: the scanner would say line 3.
        let e = parse("clients:\n  - {id# :").unwrap_err();
        assert_eq!((e.code, e.pos), ("yaml-syntax", Pos::new(2, 11)));
        // With one, the scanner gives up on the line after; the error is where the unclosed
        // mapping is.
        let e = parse("clients:\n  - {id# :\n").unwrap_err();
        assert_eq!(e.pos, Pos::new(2, 3));
        // An empty document or value at the very end.
        assert_eq!(parse("--- ").unwrap().unwrap().pos, Pos::new(1, 5));
        let doc = parse("a: 1\nb:").unwrap().unwrap();
        let Value::Map(e) = &doc.value else { panic!() };
        assert!(e[1].1.is_null());
        assert!(e[1].1.pos <= Pos::new(2, 3), "{:?}", e[1].1.pos);
        assert_eq!(end_of("a\r\nb\rcd"), Pos::new(3, 3));
        assert_eq!(end_of(""), Pos::new(1, 1));
    }

    #[test]
    fn locates_invalid_utf8() {
        let bytes: Vec<u8> = b"a: 1\nbb: \xff\n".to_vec();
        let off = String::from_utf8(bytes.clone())
            .unwrap_err()
            .utf8_error()
            .valid_up_to();
        assert_eq!(locate_byte(&bytes, off), Pos::new(2, 5));
    }
}
