//! Rendering imported assets as an inventory file (docs/format.md §2), in block style.
//!
//! A string is written plain only when no YAML reader could take it for anything else: it
//! starts with a letter, holds only letters, digits, spaces and `-._/()+`, and is not a word
//! that YAML 1.1 readers take for a boolean or null (`no`, `on`, `null`, …). Everything else
//! is double-quoted with escapes, so `1.0`, `*x`, `# a`, `a: b` and `no` stay strings.

use super::{Draft, Value};
use crate::load::inventory::{ASSET_KEYS, CAPACITY_KEYS, CONTRACT_KEYS};
use crate::model::Layer;
use std::fmt::Write as _;

/// Words that a YAML 1.1 or 1.2 reader would not read as a string when plain.
const RESERVED: [&str; 11] = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
];

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    first.is_alphabetic()
        && !s.ends_with(' ')
        && s.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '_' | '/' | '(' | ')' | '+')
        })
        && !RESERVED.contains(&s.to_lowercase().as_str())
}

/// A string as a YAML scalar that reads back as exactly that string.
pub fn scalar(s: &str) -> String {
    if plain_ok(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Fields in the order docs/format.md lists them, user extensions (`x-…`) last in the order given.
fn ordered<'a>(fields: &'a [(String, Value)], keys: &[&str]) -> Vec<(&'a str, &'a Value)> {
    let mut v: Vec<(&str, &Value)> = fields.iter().map(|(k, v)| (k.as_str(), v)).collect();
    v.sort_by_key(|(k, _)| keys.iter().position(|x| x == k).unwrap_or(keys.len()));
    v
}

fn number(v: f64) -> String {
    // `Display` for f64 never uses an exponent and gives the shortest exact form.
    format!("{v}")
}

fn value(out: &mut String, indent: usize, key: &str, v: &Value) {
    let pad = " ".repeat(indent);
    match v {
        Value::Str(s) => {
            let _ = writeln!(out, "{pad}{key}: {}", scalar(s));
        }
        Value::Int(n) => {
            let _ = writeln!(out, "{pad}{key}: {n}");
        }
        Value::Num(n) => {
            let _ = writeln!(out, "{pad}{key}: {}", number(*n));
        }
        Value::Bool(b) => {
            let _ = writeln!(out, "{pad}{key}: {b}");
        }
        Value::Date(d) => {
            let _ = writeln!(out, "{pad}{key}: {}", d.format("%Y-%m-%d"));
        }
        Value::List(items) => {
            if items.is_empty() {
                return;
            }
            let _ = writeln!(out, "{pad}{key}:");
            for i in items {
                let _ = writeln!(out, "{pad}  - {}", scalar(i));
            }
        }
        Value::Map(entries) => {
            if entries.is_empty() {
                return;
            }
            let _ = writeln!(out, "{pad}{key}:");
            let keys: &[&str] = match key {
                "contract" => &CONTRACT_KEYS,
                "capacity" => &CAPACITY_KEYS,
                _ => &[],
            };
            for (k, v) in ordered(entries, keys) {
                value(out, indent + 2, k, v);
            }
        }
    }
}

/// The whole file: a comment naming the source, then the layers in docs/format.md order.
pub fn render(comment: &str, drafts: &[Draft]) -> String {
    let mut out = String::new();
    for line in comment.lines() {
        let _ = writeln!(out, "# {line}");
    }
    for layer in Layer::ALL {
        let mut first = true;
        for d in drafts.iter().filter(|d| d.layer == layer) {
            if first {
                let _ = writeln!(out, "\n{layer}:");
                first = false;
            }
            for (i, (k, v)) in ordered(&d.fields, &ASSET_KEYS).into_iter().enumerate() {
                let mut item = String::new();
                value(&mut item, 4, k, v);
                if i == 0 {
                    // The first field opens the list item: `  - id: x`.
                    out.push_str("  - ");
                    out.push_str(&item[4..]);
                } else {
                    out.push_str(&item);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, Value as Y};

    fn read_back(s: &str) -> String {
        let text = format!("k: {}\n", scalar(s));
        let tree = yaml::parse(&text).unwrap().unwrap();
        let Y::Map(entries) = tree.value else {
            panic!("not a map: {text}")
        };
        let sc = entries[0].1.as_scalar().unwrap().clone();
        // A plain scalar must not look like another type.
        if sc.plain {
            assert!(!yaml::is_null(&sc.text), "{text}");
        }
        sc.text.to_string()
    }

    #[test]
    fn every_string_reads_back_as_itself() {
        for s in [
            "no",
            "No",
            "off",
            "yes",
            "y",
            "true",
            "null",
            "~",
            "",
            " lead",
            "trail ",
            "1.0",
            "1 234,50",
            "2025-06-30",
            "0x1f",
            "*star",
            "&anchor",
            "!tag",
            "# hash",
            "a #b",
            "a: b",
            "a:b",
            "key:",
            "- dash",
            "[x]",
            "{x}",
            "a, b",
            "'q'",
            "\"dq\"",
            "back\\slash",
            "line\nbreak",
            "tab\there",
            "%percent",
            "@at",
            "`tick`",
            "|pipe",
            ">fold",
            "?q",
            "Gnosjö kommun",
            "VMware vSphere",
            "e3",
            ".inf",
            "-",
            "é",
            "\u{7}bell",
            "\u{2028}",
        ] {
            assert_eq!(read_back(s), s, "{s:?} as {}", scalar(s));
        }
    }

    #[test]
    fn random_strings_read_back_as_themselves() {
        // Strings built from the characters YAML gives meaning to, plus letters, digits,
        // spaces and non-ASCII; a fixed xorshift seed keeps the test deterministic.
        let alphabet: Vec<char> = "ab Z09.-_:#*&!|>'\"%@`?,[]{}~=<\\/()+\n\tåö€\u{85}\u{2028}"
            .chars()
            .collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..3000 {
            let len = (next() % 8) as usize;
            let s: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            assert_eq!(read_back(&s), s, "{s:?} as {}", scalar(&s));
        }
    }

    #[test]
    fn ordinary_names_stay_plain() {
        assert_eq!(scalar("Gnosjö kommun"), "Gnosjö kommun");
        assert_eq!(scalar("vmware-vsphere"), "vmware-vsphere");
        assert_eq!(scalar("HP ProBook 450 G8"), "HP ProBook 450 G8");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("7.0"), "\"7.0\"");
    }
}
