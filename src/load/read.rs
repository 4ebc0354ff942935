//! Typed reading of a YAML tree, collecting every error instead of stopping at the first.
//!
//! Each reader takes a node and the name of the field it came from, returns the typed value
//! or `None`, and records a located diagnostic when the node is not what the field needs.
//! Scalar typing follows YAML 1.2: only plain scalars are numbers, booleans or null.

use crate::diag::{self, Diagnostic, Pos};
use crate::model::{self, Date, FileId, Loc, Num, Spanned};
use crate::yaml::{Node, Value};

/// The reader of one file: where it is, and what has gone wrong so far.
pub struct Reader<'p> {
    pub file: FileId,
    pub path: &'p str,
    pub diags: Vec<Diagnostic>,
}

/// A mapping's entries, after unknown keys have been reported.
pub struct Fields<'n, 'a> {
    pub pos: Pos,
    entries: Vec<(&'n str, &'n Node<'a>)>,
}

impl<'n, 'a> Fields<'n, 'a> {
    pub fn get(&self, key: &str) -> Option<&'n Node<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .filter(|v| !v.is_null())
    }

    /// Entries in the order written (unknown and `x-*` keys excluded).
    pub fn iter(&self) -> impl Iterator<Item = (&'n str, &'n Node<'a>)> + '_ {
        self.entries.iter().copied()
    }
}

impl<'p> Reader<'p> {
    pub fn new(file: FileId, path: &'p str) -> Self {
        Reader {
            file,
            path,
            diags: Vec::new(),
        }
    }

    pub fn loc(&self, pos: Pos) -> Loc {
        Loc {
            file: self.file,
            pos,
        }
    }

    pub fn error(
        &mut self,
        code: &'static str,
        pos: Pos,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        self.diags
            .push(Diagnostic::error(code, self.path, Some(pos), message).with_hint(hint));
    }

    pub fn warning(
        &mut self,
        code: &'static str,
        pos: Pos,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        self.diags
            .push(Diagnostic::warning(code, self.path, Some(pos), message).with_hint(hint));
    }

    fn type_error(&mut self, node: &Node, field: &str, expected: &str) {
        let msg = format!("`{field}` must be {expected}, found {}", node.describe());
        let hint = match &node.value {
            Value::Scalar(s)
                if !s.plain && (expected.contains("number") || expected.contains("integer")) =>
            {
                Some("remove the quotes: a quoted value is a string".to_string())
            }
            Value::Scalar(s) if s.plain && expected == "true or false" => Some(
                "YAML 1.2 booleans are `true` and `false`; `yes`, `no`, `on` and `off` are strings"
                    .to_string(),
            ),
            _ => None,
        };
        self.error("wrong-type", node.pos, msg, hint);
    }

    /// Reads a mapping, reporting every key not in `allowed` (keys starting `x-` are user
    /// extensions and skipped). `what` names the mapping in messages ("an asset").
    pub fn map<'n, 'a>(
        &mut self,
        node: &'n Node<'a>,
        what: &str,
        allowed: &[&str],
    ) -> Option<Fields<'n, 'a>> {
        let Value::Map(entries) = &node.value else {
            self.error(
                "wrong-type",
                node.pos,
                format!("{what} must be a mapping, found {}", node.describe()),
                None,
            );
            return None;
        };
        let mut out = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let key = k.as_scalar().map(|s| s.text.as_ref()).unwrap_or_default();
            if key.starts_with("x-") {
                continue;
            }
            if allowed.contains(&key) {
                out.push((key, v));
            } else {
                let hint = diag::did_you_mean(key, allowed.iter().copied())
                    .or_else(|| Some(format!("valid keys here: {}", allowed.join(", "))));
                self.error(
                    "unknown-key",
                    k.pos,
                    format!("unknown key `{key}` in {what}"),
                    hint,
                );
            }
        }
        Some(Fields {
            pos: node.pos,
            entries: out,
        })
    }

    /// Reports a missing required field at the mapping.
    pub fn required<'n, 'a>(
        &mut self,
        f: &Fields<'n, 'a>,
        key: &str,
        what: &str,
    ) -> Option<&'n Node<'a>> {
        let v = f.get(key);
        if v.is_none() {
            self.error(
                "missing-field",
                f.pos,
                format!("{what} is missing required field `{key}`"),
                None,
            );
        }
        v
    }

    /// A string, taken as written.
    pub fn string(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Scalar(s) if !(s.plain && crate::yaml::is_null(&s.text)) => {
                Some(s.text.to_string())
            }
            _ => {
                self.type_error(node, field, "a string");
                None
            }
        }
    }

    pub fn spanned_string(&mut self, node: &Node, field: &str) -> Option<Spanned<String>> {
        let loc = self.loc(node.pos);
        self.string(node, field).map(|value| Spanned { value, loc })
    }

    /// An id matching `^[a-z0-9][a-z0-9._-]*$`.
    pub fn id(&mut self, node: &Node, field: &str) -> Option<Spanned<String>> {
        let s = self.spanned_string(node, field)?;
        if model::is_valid_id(&s.value) {
            Some(s)
        } else {
            let suggestion = suggest_id(&s.value);
            self.error(
                "invalid-id",
                node.pos,
                format!("`{}` is not a valid id", s.value),
                Some(format!("ids use lowercase a-z, 0-9, `.`, `_` and `-`, starting with a letter or digit, e.g. `{suggestion}`")),
            );
            None
        }
    }

    /// A whole number in `min..=max`, written as a plain decimal scalar.
    pub fn int(&mut self, node: &Node, field: &str, min: u64, max: u64) -> Option<u64> {
        let expected = if max == u64::MAX {
            format!("an integer ≥ {min}")
        } else {
            format!("an integer from {min} to {max}")
        };
        let v = match &node.value {
            Value::Scalar(s) if s.plain => s
                .text
                .strip_prefix('+')
                .unwrap_or(&s.text)
                .parse::<u64>()
                .ok(),
            _ => None,
        };
        match v {
            Some(v) if (min..=max).contains(&v) => Some(v),
            _ => {
                self.type_error(node, field, &expected);
                None
            }
        }
    }

    /// A non-negative finite number (integer or decimal), written plain.
    pub fn num(&mut self, node: &Node, field: &str) -> Option<Num> {
        let v = match &node.value {
            Value::Scalar(s) if s.plain && is_yaml_number(&s.text) => s.text.parse::<f64>().ok(),
            _ => None,
        };
        match v {
            Some(v) if v.is_finite() && v >= 0.0 => Some(Num(v)),
            _ => {
                self.type_error(node, field, "a number ≥ 0");
                None
            }
        }
    }

    pub fn bool(&mut self, node: &Node, field: &str) -> Option<bool> {
        match &node.value {
            Value::Scalar(s) if s.plain => match s.text.as_ref() {
                "true" | "True" | "TRUE" => return Some(true),
                "false" | "False" | "FALSE" => return Some(false),
                _ => {}
            },
            _ => {}
        }
        self.type_error(node, field, "true or false");
        None
    }

    /// A calendar date, `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node, field: &str) -> Option<Date> {
        if let Value::Scalar(s) = &node.value {
            if let Some(d) = parse_date(&s.text) {
                return Some(d);
            }
            if s.text.len() == 10 && s.text.as_bytes()[4] == b'-' {
                self.error(
                    "bad-date",
                    node.pos,
                    format!("`{field}`: `{}` is not a real date", s.text),
                    None,
                );
                return None;
            }
        }
        self.error(
            "bad-date",
            node.pos,
            format!(
                "`{field}` must be a date written YYYY-MM-DD, found {}",
                node.describe()
            ),
            Some("write dates as e.g. 2027-12-31".to_string()),
        );
        None
    }

    /// A list of strings. With `single_ok`, a single string stands for a list of one.
    pub fn strings(
        &mut self,
        node: &Node,
        field: &str,
        single_ok: bool,
    ) -> Option<Vec<Spanned<String>>> {
        match &node.value {
            Value::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for item in items {
                    match self.spanned_string(item, field) {
                        Some(s) => out.push(s),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            Value::Scalar(_) if single_ok => self.spanned_string(node, field).map(|s| vec![s]),
            _ => {
                self.type_error(
                    node,
                    field,
                    if single_ok {
                        "a string or a list of strings"
                    } else {
                        "a list of strings"
                    },
                );
                None
            }
        }
    }

    /// A list of strings, without their positions: `strings(node, field, false)` for fields
    /// whose items are never located one by one.
    pub fn string_list(&mut self, node: &Node, field: &str) -> Option<Vec<String>> {
        let Value::Seq(items) = &node.value else {
            return self.strings(node, field, false).map(|_| Vec::new());
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            match self.string(item, field) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// A list of items of any shape.
    pub fn list<'n, 'a>(&mut self, node: &'n Node<'a>, field: &str) -> Option<&'n [Node<'a>]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.type_error(node, field, "a list");
                None
            }
        }
    }
}

/// A plain scalar that YAML 1.2's core schema reads as a decimal number.
fn is_yaml_number(t: &str) -> bool {
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int)
        && frac.is_none_or(digits)
        && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()));
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exp_ok
}

/// Parses exactly `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = s[0..4].parse::<i32>().ok()?;
    let m = s[5..7].parse::<u32>().ok()?;
    let d = s[8..10].parse::<u32>().ok()?;
    if !s[0..4]
        .bytes()
        .chain(s[5..7].bytes())
        .chain(s[8..10].bytes())
        .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    Date::from_ymd_opt(y, m, d)
}

/// A valid id close to what was written, for hints.
pub fn suggest_id(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') => c,
            _ => '-',
        };
        out.push(c);
    }
    let out = out.trim_start_matches(['.', '_', '-']).to_string();
    if out.is_empty() {
        "my-id".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_numbers() {
        for ok in ["0", "12", "-3", "1.5", ".5", "5.", "1e3", "2.5E-2", "+7"] {
            assert!(is_yaml_number(ok), "{ok}");
        }
        for bad in [
            "", ".", "1_000", "0x1f", "1,5", "e3", "1e", "inf", ".nan", "1 000",
        ] {
            assert!(!is_yaml_number(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(parse_date("2027-12-31").is_some());
        assert!(parse_date("2027-02-30").is_none());
        assert!(parse_date("2027-1-31").is_none());
        assert!(parse_date("27-01-31").is_none());
    }

    #[test]
    fn id_suggestions() {
        assert_eq!(suggest_id("Gnosjö Kommun"), "gnosjo-kommun");
        assert_eq!(suggest_id("_x"), "x");
    }
}
