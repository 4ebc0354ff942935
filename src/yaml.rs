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

fn scan_error(e: ScanError, end: Pos) -> ParseError {
    let m = e.marker();
    ParseError {
        pos: Pos::new(m.line() as u32, m.col() as u32 + 1).min(end),
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

/// Checks text for what the YAML parser would report badly or not at all: NUL bytes and
/// tabs used for indentation, each located exactly.
fn precheck(text: &str) -> Result<(), ParseError> {
    // Nearly every file has neither: two fast scans, and the line loop only when needed.
    let bytes = text.as_bytes();
    if !bytes.contains(&0) && !bytes.contains(&b'\t') {
        return Ok(());
    }
    for (i, line) in text.split('\n').enumerate() {
        let lineno = i as u32 + 1;
        if let Some(c) = line.find('\0') {
            let col = line[..c].chars().count() as u32 + 1;
            return Err(err(
                Pos::new(lineno, col),
                "nul-byte",
                "the file contains a NUL byte",
            ));
        }
        let indent_end = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(t) = line[..indent_end].find('\t') {
            let rest = line[indent_end..].trim_end_matches('\r');
            // A tab on an otherwise blank line or before a comment is harmless; before content
            // it is a YAML error that parsers locate poorly.
            if !rest.is_empty() && !rest.starts_with('#') {
                return Err(err(
                    Pos::new(lineno, t as u32 + 1),
                    "tab-indent",
                    "tab character used for indentation; YAML indents with spaces",
                ));
            }
        }
    }
    Ok(())
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
        let (ev, span) = ev.map_err(|e| scan_error(e, end))?;
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
                let plain = style == ScalarStyle::Plain && tag.is_none();
                if let Some(tag) = &tag {
                    check_tag(tag, pos)?;
                }
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
                if let Some(tag) = tag {
                    check_tag(tag, pos)?;
                }
                if b.stack.len() >= MAX_DEPTH {
                    return Err(err(
                        pos,
                        "too-deep",
                        format!("nesting deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let is_map = matches!(ev, Event::MappingStart(..));
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

fn check_tag(tag: &saphyr_parser::Tag, pos: Pos) -> Result<(), ParseError> {
    if tag.is_yaml_core_schema() {
        return Ok(());
    }
    Err(err(
        pos,
        "unsupported-tag",
        format!(
            "unsupported tag `{}{}`; samdrift reads plain YAML only",
            tag.handle, tag.suffix
        ),
    ))
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
        let e = parse("clients:\n  - {id# :\n").unwrap_err();
        assert_eq!(e.pos, Pos::new(3, 1));
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
