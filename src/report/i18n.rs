//! Languages of the report: translation tables and number, money and date formatting.
//!
//! Every label a reader sees comes from a table (`templates/i18n/<lang>.json`, a flat map
//! of keys to strings with `{name}` placeholders); templates name keys, never words. This
//! module owns looking keys up and formatting values for a language; it does not know what
//! the pages say.

use crate::model::Date;
use chrono::Datelike;
use serde_json::Value;
use std::collections::BTreeMap;

/// A language the report can be written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish (the default).
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Thousands separator and decimal mark.
    fn marks(self) -> (char, char) {
        match self {
            // Swedish: a non-breaking space groups thousands and a comma marks decimals.
            Lang::Sv => ('\u{a0}', ','),
            Lang::En => (',', '.'),
        }
    }
}

/// A translation table: flat keys to strings.
#[derive(Clone, Debug, Default)]
pub struct Table {
    entries: BTreeMap<String, String>,
}

impl Table {
    /// Parses a table from JSON text: one object of string values.
    pub fn parse(text: &str) -> Result<Table, String> {
        let v: BTreeMap<String, String> = serde_json::from_str(text)
            .map_err(|e| format!("not a flat JSON object of strings: {e}"))?;
        Ok(Table { entries: v })
    }

    /// Adds the entries of `other`, which win over this table's.
    pub fn merge(&mut self, other: Table) {
        self.entries.extend(other.entries);
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(String::as_str)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

/// Everything needed to write values for a reader: the language, its table, a fallback
/// table (English) for keys a custom table lacks, and the currency of amounts.
#[derive(Clone, Debug)]
pub struct Locale {
    pub lang: Lang,
    pub table: Table,
    pub fallback: Table,
    pub currency: String,
}

impl Locale {
    /// The text of `key`; with a count `n`, the `key.zero` form when `n` is 0 and the table
    /// has one, the `key.one` form when `n` is 1 and `key.other` otherwise, where the table
    /// has them. Unknown keys read as the key itself, so a
    /// missing translation shows instead of vanishing.
    pub fn text(&self, key: &str, n: Option<f64>) -> String {
        let plural = n.map(|n| if n == 1.0 { "one" } else { "other" });
        let lookup = |t: &Table| {
            n.filter(|n| *n == 0.0)
                .and_then(|_| t.get(&format!("{key}.zero")))
                .or_else(|| plural.and_then(|p| t.get(&format!("{key}.{p}"))))
                .or_else(|| t.get(key))
                .map(str::to_string)
        };
        lookup(&self.table)
            .or_else(|| lookup(&self.fallback))
            .unwrap_or_else(|| key.to_string())
    }

    /// Translates `key` and fills its `{name}` placeholders from `args`.
    pub fn translate(&self, key: &str, args: &serde_json::Map<String, Value>) -> String {
        let n = args.get("n").and_then(Value::as_f64);
        let template = self.text(key, n);
        fill(&template, |name| args.get(name).map(|v| self.value(v)))
    }

    /// A placeholder value in words: numbers grouped, `{"date": ..}` as a date,
    /// `{"key": ..}` translated, lists joined. A string is text as it is, even when it
    /// looks like a date: values say their type.
    pub fn value(&self, v: &Value) -> String {
        match v {
            Value::Null => "–".into(),
            Value::Bool(b) => self.text(if *b { "yes" } else { "no" }, None),
            Value::Number(n) => self.number(n.as_f64().unwrap_or(0.0), 2),
            Value::String(s) => s.clone(),
            Value::Array(a) => a
                .iter()
                .map(|x| self.value(x))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Object(o) => {
                if let Some(d) = o.get("date").and_then(Value::as_str) {
                    self.date_str(d, false)
                } else if let Some(k) = o.get("key").and_then(Value::as_str) {
                    // A nested sentence: its other fields fill its placeholders.
                    self.translate(k, o)
                } else if let Some(m) = o.get("money").and_then(Value::as_f64) {
                    self.money(m, None)
                } else if let Some(m) = o.get("amount").and_then(Value::as_f64) {
                    self.amount(m, None)
                } else if let Some(h) = o.get("hours").and_then(Value::as_f64) {
                    self.hours(h)
                } else if let (Some(v), Some(x)) = (
                    o.get("vocab").and_then(Value::as_str),
                    o.get("value").and_then(Value::as_str),
                ) {
                    self.vocab(v, x)
                } else if let Some([m, d]) = o
                    .get("day_month")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                {
                    let month = self.text(&format!("month.{}", m.as_u64().unwrap_or(1)), None);
                    format!("{}\u{a0}{month}", d.as_u64().unwrap_or(1))
                } else if let Some(items) = o.get("any").and_then(Value::as_array) {
                    self.joined(items, "list.or")
                } else if let Some(items) = o.get("all").and_then(Value::as_array) {
                    self.joined(items, "list.and")
                } else if let (Some(n), Some(unit)) = (
                    o.get("count").and_then(Value::as_f64),
                    o.get("unit").and_then(Value::as_str),
                ) {
                    self.count(n, unit)
                } else {
                    String::new()
                }
            }
        }
    }

    /// A number with at most `decimals` decimals (trailing zeros dropped), grouped by
    /// thousands.
    pub fn number(&self, v: f64, decimals: usize) -> String {
        let mut out = String::new();
        self.write_number(&mut out, v, decimals);
        out
    }

    /// [`Locale::number`] appended to `out` (a report writes thousands of them).
    pub fn write_number(&self, out: &mut String, v: f64, decimals: usize) {
        if !v.is_finite() {
            out.push('–');
            return;
        }
        let (sep, dec) = self.lang.marks();
        let a = v.abs();
        let mut whole = [0u8; 20];
        let formatted: String;
        let (int, frac) = if a.fract() == 0.0 && a < 1e15 {
            // A whole number (most counts, hours and amounts): its digits as `format!`
            // writes them, without float formatting.
            let mut n = a as u64;
            let mut i = whole.len();
            loop {
                i -= 1;
                whole[i] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            (std::str::from_utf8(&whole[i..]).unwrap_or("0"), "")
        } else {
            formatted = format!("{:.*}", decimals, a);
            let (int, frac) = formatted.split_once('.').unwrap_or((&formatted, ""));
            (int, frac.trim_end_matches('0'))
        };
        let zero = int.bytes().all(|b| b == b'0') && frac.is_empty();
        if v < 0.0 && !zero {
            // A true minus sign reads better than a hyphen in both languages.
            out.push('\u{2212}');
        }
        let n = int.len();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (n - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(dec);
            out.push_str(frac);
        }
    }

    /// An amount of money, rounded to whole units: `1 234 567 kr`, `SEK 1,234,567`.
    pub fn money(&self, v: f64, currency: Option<&str>) -> String {
        let mut out = String::new();
        self.write_money(&mut out, v, currency);
        out
    }

    /// [`Locale::money`] appended to `out`.
    pub fn write_money(&self, out: &mut String, v: f64, currency: Option<&str>) {
        let cur = currency.unwrap_or(&self.currency);
        match (self.lang, cur) {
            (Lang::Sv, "SEK") => {
                self.write_number(out, v.round(), 0);
                out.push_str("\u{a0}kr");
            }
            (Lang::Sv, c) => {
                self.write_number(out, v.round(), 0);
                out.push('\u{a0}');
                out.push_str(c);
            }
            (Lang::En, c) => {
                out.push_str(c);
                out.push('\u{a0}');
                self.write_number(out, v.round(), 0);
            }
        }
    }

    /// An amount for a reader who needs its size, not its last krona: millions with one
    /// decimal (billions too: `7,5 mdkr`), thousands whole, with the unit of its size
    /// (`43,4 Mkr`, `850 tkr`, `450 kr`; `SEK 43.4 million`, `SEK 850,000`, `SEK 450`). Tables meant for checking use
    /// [`Locale::money`].
    pub fn amount(&self, v: f64, currency: Option<&str>) -> String {
        if !v.is_finite() {
            return "–".into();
        }
        let cur = currency.unwrap_or(&self.currency);
        if v.abs() >= 999_950_000.0 {
            let b = self.number(v / 1e9, 1);
            return match (self.lang, cur) {
                (Lang::Sv, "SEK") => format!("{b}\u{a0}mdkr"),
                (Lang::Sv, c) => format!("{b}\u{a0}mdr\u{a0}{c}"),
                (Lang::En, c) => format!("{c}\u{a0}{b}\u{a0}billion"),
            };
        }
        if v.abs() >= 999_950.0 {
            let m = self.number(v / 1e6, 1);
            return match (self.lang, cur) {
                (Lang::Sv, "SEK") => format!("{m}\u{a0}Mkr"),
                (Lang::Sv, c) => format!("{m}\u{a0}milj.\u{a0}{c}"),
                (Lang::En, c) => format!("{c}\u{a0}{m}\u{a0}million"),
            };
        }
        if v.abs() >= 1_000.0 {
            let k = (v / 1_000.0).round();
            return match (self.lang, cur) {
                (Lang::Sv, "SEK") => format!("{}\u{a0}tkr", self.number(k, 0)),
                _ => self.money(k * 1_000.0, Some(cur)),
            };
        }
        self.money(v, Some(cur))
    }

    /// A value of a vocabulary (`sla`, `window`, `operator`, …) in the reader's words: the
    /// table's `<vocab>.<value>` when it has one, else the value as written (a supplier's
    /// name, a level the table does not know).
    pub fn vocab(&self, vocab: &str, value: &str) -> String {
        let key = format!("{vocab}.{value}");
        self.table
            .get(&key)
            .or_else(|| self.fallback.get(&key))
            .map_or_else(|| value.to_string(), str::to_string)
    }

    /// Alternatives in words: `A`, `A eller B`, `A, B eller C` (`list.or`).
    pub fn alternatives(&self, items: &[Value]) -> String {
        self.joined(items, "list.or")
    }

    /// Values in words joined by the word of key `last` (`list.or`, `list.and`) before the
    /// last one: `A, B och C`.
    fn joined(&self, items: &[Value], last: &str) -> String {
        let words: Vec<String> = items.iter().map(|x| self.value(x)).collect();
        match words.split_last() {
            None => String::new(),
            Some((end, [])) => end.clone(),
            Some((end, rest)) => format!("{} {} {end}", rest.join(", "), self.text(last, None)),
        }
    }

    /// A count with its unit in the right form: `unit` is a key with `.one`/`.other` forms
    /// and `{n}` (`1 enhet`, `800 enheter`).
    pub fn count(&self, n: f64, unit: &str) -> String {
        let mut args = serde_json::Map::new();
        args.insert("n".into(), serde_json::json!(n));
        self.translate(unit, &args)
    }

    /// Hours with at most one decimal and the unit: `1 234,5 h`.
    /// Hours for a reader: whole hours from 100 up (`1 895 h`, an estimate is no more
    /// precise than that), one decimal below (`2,5 h`).
    pub fn hours(&self, v: f64) -> String {
        let mut out = String::new();
        self.write_hours(&mut out, v);
        out
    }

    /// [`Locale::hours`] appended to `out`.
    pub fn write_hours(&self, out: &mut String, v: f64) {
        let decimals = if v.abs() >= 100.0 { 0 } else { 1 };
        self.write_number(out, v, decimals);
        out.push_str("\u{a0}h");
    }

    /// A date: short (`2027-12-31` in Swedish, `31 Dec 2027` in English) or long
    /// (`31 december 2027`).
    pub fn date(&self, d: Date, long: bool) -> String {
        let month = self.text(&format!("month.{}", d.month()), None);
        match (self.lang, long) {
            (Lang::Sv, false) => d.format("%Y-%m-%d").to_string(),
            (Lang::En, false) => {
                let short: String = month.chars().take(3).collect();
                format!("{}\u{a0}{short}\u{a0}{}", d.day(), d.year())
            }
            (_, true) => format!("{}\u{a0}{month} {}", d.day(), d.year()),
        }
    }

    /// A date written as `YYYY-MM-DD`; other text is returned as it is.
    pub fn date_str(&self, s: &str, long: bool) -> String {
        match s.parse::<Date>() {
            Ok(d) => self.date(d, long),
            Err(_) => s.to_string(),
        }
    }
}

/// Replaces `{name}` in `template` with `value(name)`; unknown names stay as written.
fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if after[..close]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                let name = &after[..close];
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(lang: Lang) -> Locale {
        let mut table = Table::default();
        table.entries.insert("month.12".into(), "december".into());
        table.entries.insert("gaps.one".into(), "{n} gap".into());
        table.entries.insert("gaps.other".into(), "{n} gaps".into());
        Locale {
            lang,
            table,
            fallback: Table::default(),
            currency: "SEK".into(),
        }
    }

    #[test]
    fn swedish_numbers_use_nbsp_and_comma() {
        let sv = locale(Lang::Sv);
        assert_eq!(sv.money(1234567.0, None), "1\u{a0}234\u{a0}567\u{a0}kr");
        assert_eq!(sv.number(1234.5, 1), "1\u{a0}234,5");
        assert_eq!(sv.number(999.0, 0), "999");
        assert_eq!(sv.number(-1500.0, 0), "\u{2212}1\u{a0}500");
        assert_eq!(sv.hours(48.0), "48\u{a0}h");
        let en = locale(Lang::En);
        assert_eq!(en.money(1234567.0, None), "SEK\u{a0}1,234,567");
        assert_eq!(en.number(0.25, 2), "0.25");
    }

    #[test]
    fn dates_and_plurals() {
        let sv = locale(Lang::Sv);
        let d = Date::from_ymd_opt(2027, 12, 31).unwrap();
        assert_eq!(sv.date(d, false), "2027-12-31");
        assert_eq!(sv.date(d, true), "31\u{a0}december 2027");
        let mut args = serde_json::Map::new();
        args.insert("n".into(), Value::from(1));
        assert_eq!(sv.translate("gaps", &args), "1 gap");
        args.insert("n".into(), Value::from(2500));
        assert_eq!(sv.translate("gaps", &args), "2\u{a0}500 gaps");
        assert_eq!(sv.translate("nothing.here", &args), "nothing.here");
    }

    #[test]
    fn amounts_are_rounded_to_what_a_reader_can_trust() {
        let sv = locale(Lang::Sv);
        assert_eq!(sv.amount(43_053_938.0, None), "43,1\u{a0}Mkr");
        assert_eq!(sv.amount(103_162_000.0, None), "103,2\u{a0}Mkr");
        assert_eq!(sv.amount(-2_947_000.0, None), "\u{2212}2,9\u{a0}Mkr");
        assert_eq!(sv.amount(999_999.0, None), "1\u{a0}Mkr");
        assert_eq!(sv.amount(7_474_500_000.0, None), "7,5\u{a0}mdkr");
        assert_eq!(sv.amount(850_400.0, None), "850\u{a0}tkr");
        assert_eq!(sv.amount(-45_000.0, None), "\u{2212}45\u{a0}tkr");
        assert_eq!(sv.amount(450.0, None), "450\u{a0}kr");
        assert_eq!(sv.amount(0.0, None), "0\u{a0}kr");
        assert_eq!(
            sv.amount(2_500_000.0, Some("EUR")),
            "2,5\u{a0}milj.\u{a0}EUR"
        );
        let en = locale(Lang::En);
        assert_eq!(en.amount(43_053_938.0, None), "SEK\u{a0}43.1\u{a0}million");
        assert_eq!(en.amount(850_400.0, None), "SEK\u{a0}850,000");
        assert_eq!(
            en.amount(-2_947_000.0, None),
            "SEK\u{a0}\u{2212}2.9\u{a0}million"
        );
    }

    #[test]
    fn vocabulary_and_counts() {
        let mut sv = locale(Lang::Sv);
        sv.table
            .entries
            .insert("operator.in-house".into(), "egen drift".into());
        assert_eq!(sv.vocab("operator", "in-house"), "egen drift");
        assert_eq!(sv.vocab("operator", "Advania"), "Advania");
        assert_eq!(sv.count(1.0, "gaps"), "1 gap");
        assert_eq!(sv.count(3.0, "gaps"), "3 gaps");
        let v = serde_json::json!({"vocab": "operator", "value": "in-house"});
        assert_eq!(sv.value(&v), "egen drift");
        assert_eq!(
            sv.value(&serde_json::json!({"count": 1, "unit": "gaps"})),
            "1 gap"
        );
        assert_eq!(
            sv.value(&serde_json::json!({"amount": 1.5e6})),
            "1,5\u{a0}Mkr"
        );
    }

    #[test]
    fn whole_numbers_read_as_float_formatting_writes_them() {
        let sv = locale(Lang::Sv);
        let en = locale(Lang::En);
        for v in [
            0.0_f64,
            -0.0,
            1.0,
            -1.0,
            7.0,
            999.0,
            1000.0,
            -1500.0,
            123_456_789.0,
            4.0e14,
            2.0e15,
            0.4,
            -0.04,
            2.25,
            1234.5,
            1e-9,
            -1e-9,
            999_999.96,
        ] {
            for d in [0, 1, 2] {
                for l in [&sv, &en] {
                    let (sep, dec) = l.lang.marks();
                    let s = format!("{:.*}", d, v.abs());
                    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
                    let frac = frac.trim_end_matches('0');
                    let mut want = String::new();
                    for (i, c) in int.chars().enumerate() {
                        if i > 0 && (int.len() - i).is_multiple_of(3) {
                            want.push(sep);
                        }
                        want.push(c);
                    }
                    if !frac.is_empty() {
                        want.push(dec);
                        want.push_str(frac);
                    }
                    if v < 0.0 && !want.chars().all(|c| c == '0' || c == sep || c == dec) {
                        want.insert(0, '\u{2212}');
                    }
                    assert_eq!(l.number(v, d), want, "{v} with {d} decimals");
                }
            }
        }
        assert_eq!(sv.number(f64::NAN, 1), "–");
    }

    #[test]
    fn hours_are_whole_from_a_hundred() {
        let sv = locale(Lang::Sv);
        assert_eq!(sv.hours(1894.8), format!("{}\u{a0}h", sv.number(1895.0, 0)));
        assert!(!sv.hours(1894.8).contains(','));
        assert_eq!(sv.hours(2.5), "2,5\u{a0}h");
        assert_eq!(sv.hours(40.0), "40\u{a0}h");
    }

    #[test]
    fn fill_keeps_unknown_and_stray_braces() {
        assert_eq!(
            fill("a {x} {y} {", |n| (n == "x").then(|| "1".into())),
            "a 1 {y} {"
        );
    }
}
