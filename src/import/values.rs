//! Reading cell text the way Swedish and English spreadsheets write it: `1 234,50`,
//! `1,234.50`, `2025-06-30`, `ja`/`nej`, and text files saved as Windows-1252.

use crate::model::Date;

/// A number written with a decimal comma or point and optional thousands separators (space,
/// no-break space, `'`, or the other of `.`/`,`), optionally followed by `kr`, `SEK` or `:-`.
/// When both `.` and `,` occur, the last one is the decimal separator; a lone `,` is a decimal
/// comma (Swedish), a lone `.` a decimal point.
pub fn number(text: &str) -> Option<f64> {
    let mut t = text.trim().to_lowercase();
    for suffix in [":-", "kr", "sek", "kronor"] {
        if let Some(s) = t.strip_suffix(suffix) {
            t = s.trim_end().to_string();
        }
    }
    let t: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let (neg, t) = match t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        Some(rest) => (true, rest.to_string()),
        None => (false, t),
    };
    let decimal = match (t.rfind(','), t.rfind('.')) {
        (Some(c), Some(p)) => Some(if c > p { ',' } else { '.' }),
        (Some(_), None) => {
            // `1,234,567` has more than one comma: thousands separators.
            if t.matches(',').count() > 1 {
                None
            } else {
                Some(',')
            }
        }
        (None, Some(_)) => {
            if t.matches('.').count() > 1 {
                None
            } else {
                Some('.')
            }
        }
        (None, None) => None,
    };
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '0'..='9' => s.push(c),
            c if Some(c) == decimal => s.push('.'),
            ',' | '.' => {}
            _ => return None,
        }
    }
    if s.is_empty() || s == "." {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some(if neg { -v } else { v })
}

/// A whole number ≥ 0 (`1 234`, `12,0`, and `1,100` with an English thousands comma, since a
/// count is never 1.1).
pub fn whole(text: &str) -> Option<u64> {
    let t = text.trim();
    let groups: Vec<&str> = t.split(',').collect();
    let thousands = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    let v = if thousands {
        groups.concat().parse::<f64>().ok()?
    } else {
        number(t)?
    };
    (v >= 0.0 && v.fract() == 0.0 && v < 9.0e15).then_some(v as u64)
}

/// A date: `2025-06-30` (a time after it is ignored), `2025/06/30`, `20250630`, or the
/// day-first `30.06.2025`.
pub fn date(text: &str) -> Option<Date> {
    let t = text.trim();
    let day = t.split([' ', 'T']).next().unwrap_or_default();
    if let Some(d) = crate::load::read::parse_date(&day.replace('/', "-")) {
        return Some(d);
    }
    if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        return Date::parse_from_str(day, "%Y%m%d").ok();
    }
    let parts: Vec<&str> = day.split('.').collect();
    if parts.len() == 3 && parts[2].len() == 4 {
        let (d, m, y) = (
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        );
        return Date::from_ymd_opt(y, m, d);
    }
    None
}

/// `ja`/`nej`, `yes`/`no`, `true`/`false`, `1`/`0`, `x` (a ticked cell).
pub fn boolean(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "sant" | "1" | "x" => Some(true),
        "nej" | "n" | "no" | "false" | "falskt" | "0" => Some(false),
        _ => None,
    }
}

/// A list written in one cell: items separated by `,`, `;` or line breaks.
pub fn list(text: &str) -> Vec<String> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Text from bytes: UTF-8 (a byte-order mark is dropped), or else Windows-1252, which is what
/// Excel writes when a Swedish user saves "CSV" without choosing UTF-8. The flag tells which.
pub fn decode_text(bytes: &[u8]) -> (String, bool) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (bytes.iter().map(|&b| cp1252(b)).collect(), true),
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_and_english_numbers() {
        assert_eq!(number("1 234,50"), Some(1234.5));
        assert_eq!(number("1\u{a0}234,50 kr"), Some(1234.5));
        assert_eq!(number("1.234,50"), Some(1234.5));
        assert_eq!(number("1,234.50"), Some(1234.5));
        assert_eq!(number("12,5"), Some(12.5));
        assert_eq!(number("12.5"), Some(12.5));
        assert_eq!(number("1 200 000:-"), Some(1_200_000.0));
        assert_eq!(number("1,234,567"), Some(1_234_567.0));
        assert_eq!(number("-3"), Some(-3.0));
        assert_eq!(number("tre"), None);
        assert_eq!(number(""), None);
        assert_eq!(number("1e5"), None);
        assert_eq!(whole("1 234"), Some(1234));
        assert_eq!(whole("12,0"), Some(12));
        assert_eq!(whole("12,5"), None);
        assert_eq!(whole("1,100"), Some(1100));
        assert_eq!(whole("-1"), None);
    }

    #[test]
    fn dates() {
        let d = |s| date(s).map(|d| d.to_string());
        assert_eq!(d("2025-06-30"), Some("2025-06-30".into()));
        assert_eq!(d("2025-06-30 00:00:00"), Some("2025-06-30".into()));
        assert_eq!(d("2025/06/30"), Some("2025-06-30".into()));
        assert_eq!(d("20250630"), Some("2025-06-30".into()));
        assert_eq!(d("30.06.2025"), Some("2025-06-30".into()));
        assert_eq!(d("2025-02-30"), None);
        assert_eq!(d("juni 2025"), None);
    }

    #[test]
    fn windows_1252_fallback() {
        let (s, fallback) = decode_text(b"namn;leverant\xf6r\n");
        assert_eq!(s, "namn;leverantör\n");
        assert!(fallback);
        let (s, fallback) = decode_text("\u{feff}namn".as_bytes());
        assert_eq!(s, "namn");
        assert!(!fallback);
    }
}
