//! Text positions for the language server: samdrift's 1-based line and character column
//! ([`Pos`]) against the protocol's 0-based line and UTF-16 offset, edits of an editor's
//! buffer, and the extent of the YAML token a position points at.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as in YAML and in the protocol. A byte order mark
//! at the start is not part of line 1 (the YAML reader skips it; editors do not show it).

use crate::diag::Pos;
use lsp_types::{Position, Range};

/// A text with the byte offset of each line's start.
#[derive(Clone, Debug, Default)]
pub struct Text {
    text: String,
    starts: Vec<usize>,
}

impl Text {
    pub fn new(text: String) -> Text {
        let mut starts = vec![text.strip_prefix('\u{feff}').map_or(0, |_| 3)];
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if b.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Text { text, starts }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Line `i` (0-based) without its line break; empty past the end.
    pub fn line(&self, i: usize) -> &str {
        let Some(&start) = self.starts.get(i) else {
            return "";
        };
        let end = self.starts.get(i + 1).copied().unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// The protocol's position of a samdrift position (clamped to the line).
    pub fn position(&self, p: Pos) -> Position {
        let line = p.line.saturating_sub(1) as usize;
        let chars = p.col.saturating_sub(1) as usize;
        let utf16: usize = self
            .line(line)
            .chars()
            .take(chars)
            .map(char::len_utf16)
            .sum();
        Position::new(line as u32, utf16 as u32)
    }

    /// The samdrift position (character column) of a protocol position.
    pub fn pos(&self, p: Position) -> Pos {
        let line = self.line(p.line as usize);
        let mut units = 0usize;
        let mut chars = 0u32;
        for c in line.chars() {
            if units >= p.character as usize {
                break;
            }
            units += c.len_utf16();
            chars += 1;
        }
        Pos::new(p.line + 1, chars + 1)
    }

    /// The byte offset of a protocol position, clamped to the text.
    pub fn offset(&self, p: Position) -> usize {
        let Some(&start) = self.starts.get(p.line as usize) else {
            return self.text.len();
        };
        let line = self.line(p.line as usize);
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            if units >= p.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line.len()
    }

    /// The range of the token at `p`: a scalar (quoted or plain), a flow collection on one
    /// line, or the rest of the line for anything else.
    pub fn token_range(&self, p: Pos) -> Range {
        let start = self.position(p);
        let line = self.line(p.line.saturating_sub(1) as usize);
        let from = p.col.saturating_sub(1) as usize;
        let rest: String = line.chars().skip(from).collect();
        let len = token_len(&rest);
        let len = if len == 0 {
            rest.trim_end().chars().count()
        } else {
            len
        };
        let units: usize = rest.chars().take(len).map(char::len_utf16).sum();
        Range::new(
            start,
            Position::new(start.line, start.character + units as u32),
        )
    }

    /// Applies one change sent by the editor: a range and its new text, or the whole text.
    pub fn apply(&mut self, range: Option<Range>, new: &str) {
        match range {
            None => *self = Text::new(new.to_string()),
            Some(r) => {
                let a = self.offset(r.start);
                let b = self.offset(r.end).max(a);
                let mut t = std::mem::take(&mut self.text);
                t.replace_range(a..b, new);
                *self = Text::new(t);
            }
        }
    }
}

/// The length in characters of the YAML token at the start of `s`.
pub fn token_len(s: &str) -> usize {
    let Some(first) = s.chars().next() else {
        return 0;
    };
    match first {
        '"' | '\'' => {
            let v: Vec<char> = s.chars().collect();
            let mut i = 1;
            while i < v.len() {
                match v[i] {
                    '\\' if first == '"' => i += 1,
                    '\'' if first == '\'' && v.get(i + 1) == Some(&'\'') => i += 1,
                    c if c == first => return i + 1,
                    _ => {}
                }
                i += 1;
            }
            v.len()
        }
        '[' | '{' => {
            let mut depth = 0i32;
            for (n, c) in s.chars().enumerate() {
                match c {
                    '[' | '{' => depth += 1,
                    ']' | '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return n + 1;
                        }
                    }
                    _ => {}
                }
            }
            s.trim_end().chars().count()
        }
        _ => {
            let mut n = 0;
            let mut prev = ' ';
            let v: Vec<char> = s.chars().collect();
            for (i, &c) in v.iter().enumerate() {
                let ends = matches!(c, ',' | ']' | '}')
                    || (c == ':' && v.get(i + 1).is_none_or(|n| n.is_whitespace()))
                    || (c == '#' && prev.is_whitespace());
                if ends {
                    break;
                }
                n = i + 1;
                prev = c;
            }
            // Trailing blanks are not part of a plain scalar.
            n - v[..n]
                .iter()
                .rev()
                .take_while(|c| c.is_whitespace())
                .count()
        }
    }
}

/// The range of the text between a token's quotes (the token itself when it is plain).
pub fn unquoted(text: &Text, p: Pos) -> Range {
    let r = text.token_range(p);
    let line = text.line(p.line.saturating_sub(1) as usize);
    let first = line.chars().nth(p.col.saturating_sub(1) as usize);
    if matches!(first, Some('"' | '\'')) && r.end.character >= r.start.character + 2 {
        Range::new(
            Position::new(r.start.line, r.start.character + 1),
            Position::new(r.end.line, r.end.character - 1),
        )
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns() {
        // `ä` is one UTF-16 unit, `𝄞` two; columns count characters.
        let t = Text::new("a: 1\r\nnamn: Gnosjö 𝄞 x\rlast".to_string());
        assert_eq!(t.line_count(), 3);
        assert_eq!(t.line(1), "namn: Gnosjö 𝄞 x");
        assert_eq!(t.position(Pos::new(2, 16)), Position::new(1, 16));
        assert_eq!(t.pos(Position::new(1, 16)), Pos::new(2, 16));
        assert_eq!(t.position(Pos::new(2, 14)), Position::new(1, 13));
        assert_eq!(t.pos(Position::new(1, 13)), Pos::new(2, 14));
        assert_eq!(t.line(2), "last");
        assert_eq!(t.offset(Position::new(1, 16)), 6 + "namn: Gnosjö 𝄞 ".len());
        // Past the end: clamped.
        assert_eq!(t.offset(Position::new(9, 0)), t.as_str().len());
        assert_eq!(t.offset(Position::new(0, 99)), 4);
    }

    #[test]
    fn edits_in_utf16() {
        let mut t = Text::new("site: gnösjo-dc\nx: 1\n".to_string());
        t.apply(
            Some(Range::new(Position::new(0, 8), Position::new(0, 9))),
            "o",
        );
        assert_eq!(t.as_str(), "site: gnosjo-dc\nx: 1\n");
        t.apply(
            Some(Range::new(Position::new(1, 0), Position::new(2, 0))),
            "",
        );
        assert_eq!(t.as_str(), "site: gnosjo-dc\n");
        t.apply(None, "new");
        assert_eq!(t.as_str(), "new");
    }

    #[test]
    fn tokens() {
        assert_eq!(token_len("ad, dns]"), 2);
        assert_eq!(token_len("gnosjo/ad}"), 9);
        assert_eq!(token_len("depnds_on: [x]"), 9);
        assert_eq!(token_len("\"a, b\" # c"), 6);
        assert_eq!(token_len("'it''s' x"), 4 + 3);
        assert_eq!(token_len("Gemensam hall # note"), 13);
        assert_eq!(token_len("{id: x, kind: y} # c"), 16);
        assert_eq!(token_len("http://x:80"), 11);
        assert_eq!(token_len(""), 0);
        let t = Text::new("  depends_on: [\"åd\", dns]\n".to_string());
        assert_eq!(
            unquoted(&t, Pos::new(1, 16)),
            Range::new(Position::new(0, 16), Position::new(0, 18))
        );
    }

    #[test]
    fn bom_is_not_on_line_one() {
        let t = Text::new("\u{feff}a: b\n".to_string());
        assert_eq!(t.line(0), "a: b");
        assert_eq!(t.position(Pos::new(1, 4)), Position::new(0, 3));
    }
}
