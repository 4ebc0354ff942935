//! Where in a file the cursor is: the YAML scalar under it and its path from the root
//! (`waivers[2].asset`), read with the library's YAML reader; and, for completion while the
//! file is half-typed and does not parse, the field being written, read from the lines.
//!
//! This module only finds places. What a value means (which asset a ref names, whether it
//! is valid) is the loaded project's answer.

use super::text::{Text, token_len};
use crate::diag::Pos;
use crate::yaml::{Node, Value};

/// One step of a path from the root of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A scalar of a file with where it is.
#[derive(Clone, Debug)]
pub struct Hit {
    pub path: Vec<Seg>,
    /// The scalar is a mapping key (not a value).
    pub is_key: bool,
    pub text: String,
    pub pos: Pos,
    /// The scalar entries of the closest mapping holding it (its item: an asset, a waiver).
    pub item: Vec<(String, String)>,
}

impl Hit {
    /// The path's keys, with `[]` for each list index: `["waivers", "[]", "asset"]`.
    pub fn keys(&self) -> Vec<&str> {
        self.path
            .iter()
            .map(|s| match s {
                Seg::Key(k) => k.as_str(),
                Seg::Index(_) => "[]",
            })
            .collect()
    }

    /// A scalar entry of the item.
    pub fn sibling(&self, key: &str) -> Option<&str> {
        self.item
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn scalar_entries(n: &Node) -> Vec<(String, String)> {
    match &n.value {
        Value::Map(entries) => entries
            .iter()
            .filter_map(|(k, v)| {
                Some((
                    k.as_scalar()?.text.to_string(),
                    v.as_scalar()?.text.to_string(),
                ))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A visitor of scalars: the node, its path, whether it is a key, its item's entries; it
/// returns `true` to stop.
type Visit<'f, 'a> = dyn FnMut(&Node<'a>, &[Seg], bool, &[(String, String)]) -> bool + 'f;

/// Visits every scalar (keys and values) in document order, with its path and the scalar
/// entries of the closest mapping holding it; stops when `f` returns `true`.
fn walk<'a>(
    n: &Node<'a>,
    path: &mut Vec<Seg>,
    item: &[(String, String)],
    f: &mut Visit<'_, 'a>,
) -> bool {
    match &n.value {
        Value::Scalar(_) => f(n, path, false, item),
        Value::Seq(items) => {
            for (i, c) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                let stop = walk(c, path, item, f);
                path.pop();
                if stop {
                    return true;
                }
            }
            false
        }
        Value::Map(entries) => {
            let own = scalar_entries(n);
            for (k, v) in entries {
                let Some(key) = k.as_scalar() else { continue };
                path.push(Seg::Key(key.text.to_string()));
                let stop = f(k, path, true, &own) || walk(v, path, &own, f);
                path.pop();
                if stop {
                    return true;
                }
            }
            false
        }
    }
}

/// The scalar under (or just after) the cursor, if the file parses.
pub fn scalar_at(text: &Text, at: Pos) -> Option<Hit> {
    let (root, _) = crate::yaml::parse_all(text.as_str()).ok()?;
    let root = root?;
    let line = text.line(at.line.saturating_sub(1) as usize);
    let mut hit = None;
    walk(&root, &mut Vec::new(), &[], &mut |n, path, is_key, item| {
        if n.pos.line != at.line || n.pos.col > at.col {
            return false;
        }
        let rest: String = line
            .chars()
            .skip(n.pos.col.saturating_sub(1) as usize)
            .collect();
        if at.col > n.pos.col + token_len(&rest) as u32 {
            return false;
        }
        let Some(s) = n.as_scalar() else { return false };
        hit = Some(Hit {
            path: path.to_vec(),
            is_key,
            text: s.text.to_string(),
            pos: n.pos,
            item: item.to_vec(),
        });
        true
    });
    hit
}

/// Every scalar value of a file with its path (keys left out), for finding the places that
/// name something (a waiver's `asset`).
pub fn values(text: &str) -> Vec<Hit> {
    let Ok((Some(root), _)) = crate::yaml::parse_all(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&root, &mut Vec::new(), &[], &mut |n, path, is_key, item| {
        if !is_key && let Some(s) = n.as_scalar() {
            out.push(Hit {
                path: path.to_vec(),
                is_key,
                text: s.text.to_string(),
                pos: n.pos,
                item: item.to_vec(),
            });
        }
        false
    });
    out
}

/// What is being typed at the cursor, read from the lines (the file may not parse).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Typing {
    /// The top-level key the cursor is under (`platforms`, `rules`, `waivers`).
    pub section: Option<String>,
    /// The key whose value is being typed (`depends_on`, `kind`, `moved_to`).
    pub key: Option<String>,
    /// The characters of the value typed so far, before the cursor.
    pub prefix: String,
    /// The character column (1-based) where the prefix starts.
    pub start_col: u32,
    /// Scalar `key: value` pairs of the item being written (its `layer`, its `org`).
    pub item: Vec<(String, String)>,
}

impl Typing {
    pub fn sibling(&self, key: &str) -> Option<&str> {
        self.item
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// The key a value at the end of `before` belongs to, reading flow collections (`{…}`,
/// `[…]`) on the line; `None` when the cursor is not in a value. The flag is true inside a
/// list, where a plain `- item` also counts.
fn key_on_line(before: &str) -> (Option<String>, bool) {
    // A stack of open collections: (is a list, the key it is the value of, the last key in it).
    let mut stack: Vec<(bool, Option<String>, Option<String>)> = vec![(false, None, None)];
    let chars: Vec<char> = before.chars().collect();
    let mut i = 0;
    let mut word = String::new();
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' | '\'' => {
                let rest: String = chars[i..].iter().collect();
                i += token_len(&rest).max(1);
                word.clear();
                continue;
            }
            '#' if i == 0 || chars[i - 1] == ' ' => return (None, false),
            '[' | '{' => {
                let key = stack.last().and_then(|f| f.2.clone());
                stack.push((c == '[', key, None));
            }
            ']' | '}' => {
                if stack.len() > 1 {
                    stack.pop();
                }
                if let Some(top) = stack.last_mut() {
                    top.2 = None;
                }
            }
            ',' => {
                if let Some(top) = stack.last_mut()
                    && !top.0
                {
                    top.2 = None;
                }
            }
            ':' if chars.get(i + 1).is_none_or(|n| n.is_whitespace()) && !word.is_empty() => {
                if let Some(top) = stack.last_mut() {
                    top.2 = Some(word.clone());
                }
            }
            _ => {}
        }
        if is_word(c) {
            word.push(c);
        } else if c != ':' {
            word.clear();
        }
        i += 1;
    }
    match stack.last() {
        Some((true, key, _)) => (key.clone(), true),
        Some((false, _, Some(k))) => (Some(k.clone()), false),
        _ => (None, false),
    }
}

/// The `key: value` scalar pairs written on a line (block or flow).
fn pairs(line: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ':' && chars.get(i + 1).is_some_and(|c| *c == ' ') {
            let mut k = i;
            while k > 0 && is_word(chars[k - 1]) {
                k -= 1;
            }
            let key: String = chars[k..i].iter().collect();
            let mut v = i + 1;
            while v < chars.len() && chars[v] == ' ' {
                v += 1;
            }
            let rest: String = chars[v..].iter().collect();
            let n = token_len(&rest);
            let value: String = rest.chars().take(n).collect();
            let value = value.trim_matches(['"', '\'']).to_string();
            if !key.is_empty() && !value.starts_with(['[', '{']) {
                out.push((key, value));
            }
        }
        i += 1;
    }
    out
}

/// Reads what is being typed at `at` (1-based line, character column of the cursor).
pub fn typing(text: &Text, at: Pos) -> Typing {
    let li = at.line.saturating_sub(1) as usize;
    let line = text.line(li);
    let before: String = line
        .chars()
        .take(at.col.saturating_sub(1) as usize)
        .collect();
    let prefix: String = {
        let mut p: Vec<char> = before
            .chars()
            .rev()
            .take_while(|&c| is_word(c) || c == '/')
            .collect();
        p.reverse();
        p.into_iter().collect()
    };
    let start_col = at.col - prefix.chars().count() as u32;
    let head: String = before
        .chars()
        .take(before.chars().count() - prefix.chars().count())
        .collect();
    let (mut key, in_list) = key_on_line(&head);
    let trimmed = head.trim_start();
    let own_indent = indent(line);
    // A block list item (`  - dns`) or a value on its own line: the key is on a line above.
    if key.is_none() && !in_list && (trimmed == "- " || trimmed == "-" || trimmed.is_empty()) {
        for l in (0..li).rev() {
            let above = text.line(l);
            if above.trim().is_empty() || above.trim_start().starts_with('#') {
                continue;
            }
            if indent(above) < own_indent
                || (trimmed.starts_with('-') && indent(above) <= own_indent)
            {
                let t = above.trim_end();
                if let Some(k) = t.strip_suffix(':') {
                    let k = k.trim_start().trim_start_matches("- ").trim();
                    if k.chars().all(is_word) {
                        key = Some(k.to_string());
                    }
                }
                break;
            }
        }
    }
    // The section: the closest line above (or this one) that starts a top-level key.
    let mut section = None;
    for l in (0..=li).rev() {
        let t = text.line(l);
        if indent(t) == 0 && !t.starts_with(['-', '#']) {
            if let Some((k, _)) = t.split_once(':')
                && k.chars().all(is_word)
                && !(l == li && key.as_deref() == Some(k))
            {
                section = Some(k.to_string());
            }
            if l != li || section.is_some() {
                break;
            }
        }
    }
    // The item: from the line starting it (`- `) to the next at its indent or less.
    let mut first = li;
    loop {
        let t = text.line(first);
        if t.trim_start().starts_with("- ") || indent(t) == 0 || first == 0 {
            break;
        }
        first -= 1;
    }
    let item_indent = indent(text.line(first));
    let mut item = pairs(text.line(first));
    for l in first + 1..text.line_count() {
        let t = text.line(l);
        if t.trim().is_empty() {
            continue;
        }
        if indent(t) <= item_indent {
            break;
        }
        item.extend(pairs(t));
    }
    // Pairs on the cursor's own line come first: in `select: {layer: x, kind: |}` the
    // select's `layer` is meant, not the rule's.
    let mut own = pairs(line);
    own.extend(item);
    Typing {
        section,
        key,
        prefix,
        start_col,
        item: own,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, marker: &str) -> (Text, Pos) {
        // The cursor is where `|` is; it is removed from the text.
        let i = text.find(marker).unwrap();
        let before = &text[..i];
        let line = before.matches('\n').count() as u32 + 1;
        let col = before.rsplit('\n').next().unwrap().chars().count() as u32 + 1;
        (Text::new(text.replacen(marker, "", 1)), Pos::new(line, col))
    }

    #[test]
    fn scalar_under_the_cursor() {
        let (t, p) = at(
            "platforms:\n  - {id: ad, name: AD, kind: directory, depends_on: [dns, gnosjö/s|rv]}\n",
            "|",
        );
        let h = scalar_at(&t, p).unwrap();
        assert_eq!(h.keys(), ["platforms", "[]", "depends_on", "[]"]);
        assert_eq!(h.text, "gnosjö/srv");
        assert_eq!(h.sibling("id"), Some("ad"));
        let (t, p) = at("waivers:\n  - rule: r\n    org: a\n    asset: x|y\n", "|");
        let h = scalar_at(&t, p).unwrap();
        assert_eq!(h.keys(), ["waivers", "[]", "asset"]);
        assert_eq!((h.sibling("org"), h.pos), (Some("a"), Pos::new(4, 12)));
        assert!(scalar_at(&t, Pos::new(4, 5)).unwrap().is_key);
    }

    #[test]
    fn typing_in_flow_and_block() {
        let (t, p) = at(
            "platforms:\n  - {id: ad, kind: directory, depends_on: [dns, gn|\n",
            "|",
        );
        let ty = typing(&t, p);
        assert_eq!(ty.section.as_deref(), Some("platforms"));
        assert_eq!(ty.key.as_deref(), Some("depends_on"));
        assert_eq!((ty.prefix.as_str(), ty.start_col), ("gn", 49));
        assert_eq!(ty.sibling("id"), Some("ad"));

        let (t, p) = at(
            "components:\n  - id: x\n    layer: platforms\n    kind: vir|\n    name: X\n",
            "|",
        );
        let ty = typing(&t, p);
        assert_eq!(ty.section.as_deref(), Some("components"));
        assert_eq!(ty.key.as_deref(), Some("kind"));
        assert_eq!(ty.sibling("layer"), Some("platforms"));

        let (t, p) = at("sites:\n  - id: a\n    depends_on:\n      - |\n", "|");
        let ty = typing(&t, p);
        assert_eq!(ty.key.as_deref(), Some("depends_on"));
        assert_eq!(ty.section.as_deref(), Some("sites"));

        let (t, p) = at(
            "rules:\n  - id: r\n    select: {layer: clients, kind: |}\n",
            "|",
        );
        let ty = typing(&t, p);
        assert_eq!(ty.key.as_deref(), Some("kind"));
        assert_eq!(ty.sibling("layer"), Some("clients"));

        let (t, p) = at("target:\n  organisations: [a, |]\n", "|");
        assert_eq!(typing(&t, p).key.as_deref(), Some("organisations"));
        let (t, p) = at("target:\n  name: \"x, y\" # a: b|\n", "|");
        assert_eq!(typing(&t, p).key, None);
    }
}
