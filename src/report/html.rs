//! The rows of the report's long tables written in Rust: organisation gaps and assets, wave
//! items, data-quality lists and the contract calendar.
//!
//! A page of these tables holds a thousand rows; through a handlebars template per row they
//! were most of the report's time. Each writer here writes exactly the markup the row
//! templates wrote (same tags, attributes, whitespace and words), every value escaped as
//! handlebars escapes it ([`escape`]); the templates keep the rest of each page (head,
//! caption, filters, pager) and insert the rows with `{{rows …}}` (a helper of the render
//! module). So a `--templates` override changes a table's head but not its rows.
//!
//! This module owns row markup only; words and numbers come from [`Locale`].

use super::contracts::ContractRow;
use super::diagram::Diagram;
use super::i18n::Locale;
use super::org::AssetRow;
use super::quality::LackRow;
use super::rows::{GapRow, Src};
use super::waves::ItemView;
use crate::model::Date;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Appends `s` to `out`, escaped as handlebars escapes a `{{value}}`: `&`, `<`, `>`, `"`,
/// `'`, `` ` `` and `=` become character references.
pub fn escape(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'&' => "&amp;",
            b'\'' => "&#x27;",
            b'`' => "&#x60;",
            b'=' => "&#x3D;",
            _ => continue,
        };
        // Every escaped character is ASCII, so `i` is a character boundary.
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// A JSON number as handlebars writes it (`24.0`, `3`); a value JSON cannot hold (NaN,
/// infinity) is null, written as nothing.
fn json_f64(out: &mut String, x: f64) {
    if let Some(n) = serde_json::Number::from_f64(x) {
        let _ = write!(out, "{n}");
    }
}

/// Whether a string value is true for `{{#if}}`: present and not empty.
fn some(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.is_empty())
}

/// A finite number, or `None` for what JSON holds as null.
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Rows being written for one page: the markup so far and the reader's locale.
pub struct Rows<'a> {
    out: String,
    l: &'a Locale,
    /// The column names (`col.<name>`), escaped, as the cells' `data-label`.
    labels: Labels,
    /// Texts of the page translated and escaped once: by key, or by key and count (most
    /// cells repeat a few words: a severity, a layer, "wave 3").
    words: HashMap<String, String>,
    /// Room to spell a key or a value in without a new allocation.
    scratch: String,
}

/// The column names a row's cells carry for a phone, translated and escaped once.
struct Labels(Vec<(&'static str, String)>);

impl Labels {
    fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

const LABEL_KEYS: &[&str] = &[
    "col.asset",
    "col.severity",
    "col.rule_reason",
    "col.action",
    "col.wave",
    "col.hours",
    "col.cost",
    "col.product",
    "col.quantity",
    "col.supplier",
    "col.contract_ends",
    "col.end_of_support",
    "col.annual_cost",
    "col.gaps",
    "col.depends_on",
    "col.item",
    "col.reasons",
    "col.placement",
    "col.layer",
    "col.kind",
    "col.source",
    "col.org",
    "quality.col.lacks",
    "contracts.col.notice_by",
    "contracts.col.ends",
    "contracts.col.renews",
    "contracts.col.wave",
    "contracts.col.status",
];

impl<'a> Rows<'a> {
    pub fn new(l: &'a Locale) -> Rows<'a> {
        let labels = LABEL_KEYS
            .iter()
            .map(|k| {
                let mut s = String::new();
                escape(&mut s, &l.translate(k, &Map::new()));
                (*k, s)
            })
            .collect();
        Rows {
            out: String::new(),
            l,
            labels: Labels(labels),
            words: HashMap::new(),
            scratch: String::new(),
        }
    }

    /// The markup written.
    pub fn finish(self) -> String {
        self.out
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn text(&mut self, s: &str) {
        escape(&mut self.out, s);
    }

    fn opt(&mut self, s: &Option<String>) {
        if let Some(s) = s {
            escape(&mut self.out, s);
        }
    }

    /// A thing's name, or its id where it has none (a component the target does not know).
    fn name_or_id(&mut self, name: &Option<String>, id: &Option<String>) {
        self.opt(if some(name) { name } else { id });
    }

    /// A list's asset cell: its name linked (`prefix` + `href`), its id beside it, the name
    /// also as the sort value and the column name for a phone.
    fn asset_cell(&mut self, prefix: &str, name: &str, href: &str, id: &str) {
        self.raw("<td data-label=\"");
        self.label("col.asset");
        self.raw("\" data-v=\"");
        self.text(name);
        self.raw("\"><a href=\"");
        self.raw(prefix);
        self.text(href);
        self.raw("\">");
        self.text(name);
        self.raw("</a> <span class=\"id\">");
        self.text(id);
        self.raw("</span></td>");
    }

    fn label(&mut self, key: &str) {
        let Rows { out, labels, .. } = self;
        out.push_str(labels.get(key));
    }

    /// `{{t "key"}}`.
    fn t(&mut self, key: &str) {
        if let Some(w) = self.words.get(key) {
            self.out.push_str(w);
            return;
        }
        let mut w = String::new();
        escape(&mut w, &self.l.translate(key, &Map::new()));
        self.out.push_str(&w);
        self.words.insert(key.to_string(), w);
    }

    /// `{{t "prefix" value}}`: the key `prefix.value`.
    fn t2(&mut self, prefix: &str, value: &str) {
        let mut key = std::mem::take(&mut self.scratch);
        key.clear();
        key.push_str(prefix);
        key.push('.');
        key.push_str(value);
        self.t(&key);
        self.scratch = key;
    }

    /// `{{t key name=n}}` with a count or number `n`.
    fn t_num(&mut self, key: &str, name: &str, n: u64) {
        let mut k = std::mem::take(&mut self.scratch);
        k.clear();
        let _ = write!(k, "{key}\u{0}{name}\u{0}{n}");
        match self.words.get(&k) {
            Some(w) => self.out.push_str(w),
            None => {
                let mut args = Map::new();
                args.insert(name.to_string(), n.into());
                let mut w = String::new();
                escape(&mut w, &self.l.translate(key, &args));
                self.out.push_str(&w);
                self.words.insert(k.clone(), w);
            }
        }
        self.scratch = k;
    }

    /// `{{t key args=args}}`.
    fn t_args(&mut self, key: &str, args: &Map<String, Value>) {
        let s = self.l.translate(key, args);
        self.text(&s);
    }

    /// `{{t key name=value}}`.
    fn t_with(&mut self, key: &str, name: &str, value: Value) {
        let mut args = Map::new();
        args.insert(name.to_string(), value);
        self.t_args(key, &args);
    }

    fn uint(&mut self, n: u64) {
        let _ = write!(self.out, "{n}");
    }

    fn date(&mut self, d: Option<Date>) {
        if let Some(d) = d {
            let _ = write!(self.out, "{d}");
        }
    }

    /// `{{fmt_date d}}`.
    fn fmt_date(&mut self, d: Option<Date>) {
        let s = self.fmt_date_text(d);
        self.text(&s);
    }

    fn fmt_date_text(&self, d: Option<Date>) -> String {
        match d {
            Some(d) => self.l.date_str(&d.to_string(), false),
            None => "–".to_string(),
        }
    }

    /// `{{fmt_num n}}` of a count: digits, separators and a minus sign, nothing to escape.
    fn fmt_count(&mut self, n: u64) {
        self.l.write_number(&mut self.out, n as f64, 1);
    }

    /// `{{fmt_hours h}}`: digits, separators and a unit, nothing to escape.
    fn fmt_hours(&mut self, h: f64) {
        match finite(h) {
            Some(h) => self.l.write_hours(&mut self.out, h),
            None => self.raw("–"),
        }
    }

    /// `{{fmt_money x}}`.
    fn fmt_money(&mut self, x: Option<f64>) {
        match x.and_then(finite) {
            Some(x) => self.money(x),
            None => self.raw("–"),
        }
    }

    /// `{{fmt_cost x}}`: a missing value is unknown.
    fn fmt_cost(&mut self, x: Option<f64>) {
        match x.and_then(finite) {
            Some(x) => self.money(x),
            None => self.t("cost.unknown"),
        }
    }

    /// An amount of money; the currency is the target's (text from a file), so it is
    /// escaped.
    fn money(&mut self, x: f64) {
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        self.l.write_money(&mut s, x, None);
        self.text(&s);
        self.scratch = s;
    }

    /// The source partial with a `dir<wbr>name` path (`source.hbs`).
    fn src(&mut self, s: &Src) {
        let cut = s.file.rfind('/').map_or(0, |i| i + 1);
        let (dir, name) = s.file.split_at(cut);
        match &s.url {
            Some(url) if !url.is_empty() => {
                self.raw("<a class=\"src\" href=\"");
                self.text(url);
                self.raw("\">");
            }
            _ => self.raw("<code class=\"src\">"),
        }
        self.text(dir);
        self.raw("<wbr>");
        self.text(name);
        self.line(s.line);
        self.raw(if some(&s.url) { "</a>" } else { "</code>" });
    }

    /// `{{#if line}}:{{line}}{{/if}}`.
    fn line(&mut self, line: Option<u32>) {
        if let Some(n) = line.filter(|n| *n != 0) {
            self.raw(":");
            self.uint(n.into());
        }
    }

    /// Links separated by commas, each `(href, name, org)` written as `<a
    /// href="{base}{href}">{name}</a>`, followed by ` <span class="muted">({org})</span>`
    /// when it names an organisation.
    fn link_list<'x>(
        &mut self,
        base: &str,
        links: impl ExactSizeIterator<Item = (Option<&'x str>, &'x str, Option<&'x str>)>,
    ) {
        let n = links.len();
        for (i, (href, name, org)) in links.enumerate() {
            self.raw("<a href=\"");
            self.text(base);
            self.text(href.unwrap_or(""));
            self.raw("\">");
            self.text(name);
            self.raw("</a>");
            if let Some(org) = org.filter(|o| !o.is_empty()) {
                self.raw(" <span class=\"muted\">(");
                self.text(org);
                self.raw(")</span>");
            }
            if i + 1 < n {
                self.raw(", ");
            }
        }
    }

    /// The rows of an organisation's gap table (`org.hbs`, `#gaps-table`); links are
    /// relative to `base`.
    pub fn gaps(&mut self, rows: &[GapRow], base: &str) {
        for r in rows {
            let layer = r.layer.map(|l| l.as_str());
            self.raw("<tr data-severity=\"");
            self.raw(r.severity.as_str());
            self.raw("\" data-layer=\"");
            self.raw(layer.unwrap_or(""));
            self.raw("\"");
            if r.waived {
                self.raw(" class=\"waived\"");
            }
            self.raw(">\n<td data-v=\"");
            self.opt(&r.asset_name);
            self.raw("\" data-label=\"");
            self.label("col.asset");
            self.raw("\">");
            if some(&r.asset_href) {
                self.raw("<a href=\"");
                self.text(base);
                self.opt(&r.asset_href);
                self.raw("\">");
                self.opt(&r.asset_name);
                self.raw("</a> <span class=\"id\">");
                self.opt(&r.asset);
                self.raw("</span>");
            } else {
                self.raw("<span class=\"muted\">");
                self.t("gap.no_asset");
                self.raw("</span>");
            }
            self.raw("<br><span class=\"muted small\">");
            self.t2("layer", layer.unwrap_or("none"));
            self.raw("</span> ");
            self.src(&r.src);
            self.raw("</td>\n<td class=\"nowrap\" data-v=\"");
            self.uint(r.severity_rank as u64);
            self.raw("\" data-label=\"");
            self.label("col.severity");
            self.raw("\"><span class=\"sev sev-");
            self.raw(r.severity.as_str());
            self.raw("\">");
            self.t2("severity", r.severity.as_str());
            self.raw("</span></td>\n<td data-label=\"");
            self.label("col.rule_reason");
            self.raw("\"><strong>");
            self.text(&r.rule_title);
            self.raw("</strong> <span class=\"id\">");
            self.text(&r.rule);
            self.raw("</span><br>");
            self.t2("gapkind", r.kind.as_str());
            self.raw(": ");
            self.t_args(&r.reason.key, &r.reason.args);
            self.raw(" ");
            self.src(&r.finding_src);
            if r.waived {
                self.raw("<br><em class=\"waiver\">");
                self.t("gap.waived");
                self.raw(": ");
                self.opt(&r.waiver);
                self.raw("</em>");
            }
            self.raw("</td>\n<td data-label=\"");
            self.label("col.action");
            self.raw("\">");
            self.t2("action", r.action.as_str());
            if some(&r.component) {
                self.raw(" → ");
                if some(&r.component_name) {
                    self.raw("<a href=\"");
                    self.text(base);
                    self.raw("component/");
                    self.opt(&r.component);
                    self.raw(".html\">");
                    self.opt(&r.component_name);
                    self.raw("</a>");
                } else {
                    self.opt(&r.component);
                }
            }
            self.raw("</td>\n<td class=\"nowrap\" data-v=\"");
            if let Some(w) = r.wave {
                self.uint(w.into());
            }
            self.raw("\" data-label=\"");
            self.label("col.wave");
            self.raw("\">");
            match r.wave.filter(|w| *w != 0) {
                Some(w) => {
                    self.raw("<a href=\"");
                    self.text(base);
                    self.opt(&r.item_href);
                    self.raw("\">");
                    self.t_num("waves.wave", "number", w as u64);
                    self.raw("</a>");
                }
                None if r.planned => {
                    self.raw("<span class=\"warn warn-unplaceable\">");
                    self.t("gap.unplaced");
                    self.raw("</span>");
                }
                None => self.raw("–"),
            }
            self.raw("</td>\n<td class=\"num\" data-v=\"");
            json_f64(&mut self.out, r.hours);
            self.raw("\" data-label=\"");
            self.label("col.hours");
            self.raw("\">");
            self.fmt_hours(r.hours);
            self.raw("</td>\n<td class=\"num\" data-v=\"");
            json_f64(&mut self.out, r.cost);
            self.raw("\" data-label=\"");
            self.label("col.cost");
            self.raw("\">");
            self.fmt_money(Some(r.cost));
            self.raw("</td>\n</tr>\n");
        }
    }

    /// The rows of an organisation's asset table (`org.hbs`, `#assets-table`).
    pub fn assets(&mut self, rows: &[AssetRow], base: &str) {
        for r in rows {
            self.raw("<tr id=\"");
            self.text(&r.anchor);
            self.raw("\">\n<td data-v=\"");
            self.text(&r.name);
            self.raw("\" data-label=\"");
            self.label("col.asset");
            self.raw("\">");
            self.text(&r.name);
            self.raw(" <span class=\"id\">");
            self.text(&r.id);
            self.raw("</span>");
            if some(&r.realizes) {
                self.raw(" <span class=\"tag\">");
                self.t("asset.realizes");
                self.raw(" <a href=\"");
                self.text(base);
                self.raw("component/");
                self.opt(&r.realizes);
                self.raw(".html\">");
                self.name_or_id(&r.realizes_name, &r.realizes);
                self.raw("</a></span>");
            }
            self.raw("<br><span class=\"muted small\">");
            self.t2("kind", r.kind);
            self.raw("</span> ");
            self.src(&r.src);
            self.raw("</td>\n<td data-label=\"");
            self.label("col.product");
            self.raw("\">");
            self.opt(&r.product);
            if some(&r.version) {
                self.raw(" ");
                self.opt(&r.version);
            }
            self.raw("</td>\n<td class=\"num\" data-v=\"");
            self.uint(r.quantity);
            self.raw("\" data-label=\"");
            self.label("col.quantity");
            self.raw("\">");
            self.fmt_count(r.quantity);
            self.raw("</td>\n<td data-label=\"");
            self.label("col.supplier");
            self.raw("\">");
            if some(&r.supplier) {
                self.opt(&r.supplier);
            } else if let Some(op) = r.operator.as_deref().filter(|o| !o.is_empty()) {
                let s = self.l.vocab("operator", op);
                self.text(&s);
            }
            self.raw("</td>\n<td class=\"nowrap\" data-v=\"");
            self.date(r.contract_ends);
            self.raw("\" data-label=\"");
            self.label("col.contract_ends");
            self.raw("\">");
            if r.contract_ends.is_some() {
                self.fmt_date(r.contract_ends);
            }
            self.raw("</td>\n<td class=\"nowrap\" data-v=\"");
            self.date(r.end_of_support);
            self.raw("\" data-label=\"");
            self.label("col.end_of_support");
            self.raw("\">");
            if r.end_of_support.is_some() {
                self.fmt_date(r.end_of_support);
            }
            self.raw("</td>\n<td class=\"num\" data-v=\"");
            let cost = r.annual_cost.and_then(finite);
            if let Some(c) = cost {
                json_f64(&mut self.out, c);
            }
            self.raw("\" data-label=\"");
            self.label("col.annual_cost");
            self.raw("\">");
            match cost {
                None => {
                    self.raw("<span class=\"unknown\">");
                    self.t("cost.unknown");
                    self.raw("</span>");
                }
                Some(c) => self.fmt_money(Some(c)),
            }
            self.raw("</td>\n<td class=\"num\" data-v=\"");
            self.uint(r.gaps as u64);
            self.raw("\" data-label=\"");
            self.label("col.gaps");
            self.raw("\">");
            if r.gaps != 0 {
                self.raw("<span class=\"sev sev-");
                self.raw(r.worst.map_or("", |w| w.as_str()));
                self.raw("\">");
                self.uint(r.gaps as u64);
                self.raw("</span>");
            }
            self.raw("</td>\n<td class=\"deps\" data-label=\"");
            self.label("col.depends_on");
            self.raw("\">");
            self.link_list(
                base,
                r.depends_on
                    .iter()
                    .map(|d| (Some(d.href.as_str()), d.name.as_str(), d.org.as_deref())),
            );
            self.raw("</td>\n</tr>\n");
        }
    }

    /// The rows of a wave's item table (`wave.hbs`, `#items-table`); pages are one folder
    /// down (`../`).
    pub fn items(&mut self, rows: &[ItemView]) {
        for r in rows {
            self.raw("<tr id=\"");
            self.text(&r.anchor);
            self.raw("\"");
            if r.item.critical {
                self.raw(" class=\"critical\"");
            }
            self.raw(">\n<td data-v=\"");
            self.text(&r.item.name);
            self.raw("\" data-label=\"");
            self.label("col.item");
            self.raw("\">");
            if some(&r.href) {
                self.raw("<a href=\"../");
                self.opt(&r.href);
                self.raw("\">");
                self.text(&r.item.name);
                self.raw("</a>");
            } else if some(&r.component_href) {
                self.raw("<a href=\"../");
                self.opt(&r.component_href);
                self.raw("\">");
                self.text(&r.item.name);
                self.raw("</a>");
            } else {
                self.text(&r.item.name);
            }
            self.raw("<br>");
            match &r.org {
                Some(o) => {
                    self.raw("<a href=\"../");
                    self.text(&o.href);
                    self.raw("\" class=\"small\">");
                    self.text(&o.name);
                    self.raw("</a>");
                }
                None => {
                    self.raw("<span class=\"small muted\">");
                    self.t("waves.shared");
                    self.raw("</span>");
                }
            }
            self.raw(" <span class=\"id\">");
            self.text(&r.item.id);
            self.raw("</span>");
            if r.item.critical {
                self.raw(" <span class=\"tag crit\">");
                self.t("critical.tag");
                self.raw("</span>");
            }
            for w in &r.warnings {
                self.raw("<br><span class=\"warn warn-");
                self.text(w.kind);
                self.raw("\">");
                self.t2("wavewarning", w.kind);
                self.raw("</span> ");
                self.t_args(&w.text.key, &w.text.args);
            }
            if let Some(src) = &r.src {
                self.raw("<br>");
                self.src(src);
            }
            self.raw("</td>\n<td data-label=\"");
            self.label("col.action");
            self.raw("\">");
            self.t2("action", r.action);
            if some(&r.component) && r.org.is_some() {
                self.raw(" → <a href=\"../");
                self.opt(&r.component_href);
                self.raw("\">");
                self.name_or_id(&r.component_name, &r.component);
                self.raw("</a>");
            }
            if r.notice_by.is_some() {
                self.raw("<br><span class=\"tag\">");
                let date = self.fmt_date_text(r.notice_by);
                self.t_with("waves.notice", "date", Value::String(date));
                self.raw("</span>");
            }
            self.raw("</td>\n<td data-label=\"");
            self.label("col.reasons");
            self.raw("\">");
            if !r.reasons.is_empty() {
                self.raw("<ul class=\"reasons\">");
                for x in &r.reasons {
                    self.raw("<li><span class=\"sev sev-");
                    self.raw(x.severity.as_str());
                    self.raw("\">");
                    self.t2("severity", x.severity.as_str());
                    self.raw("</span> ");
                    self.text(&x.rule_title);
                    self.raw(": ");
                    self.t_args(&x.reason.key, &x.reason.args);
                    self.raw("</li>");
                }
                self.raw("</ul>");
            } else if some(&r.component) {
                self.t("waves.establish");
            }
            self.raw("</td>\n<td class=\"num\" data-v=\"");
            json_f64(&mut self.out, r.hours);
            self.raw("\" data-label=\"");
            self.label("col.hours");
            self.raw("\">");
            self.fmt_hours(r.hours);
            self.raw("</td>\n<td data-label=\"");
            self.label("col.placement");
            self.raw("\">");
            let b = &r.because;
            self.t_args(&b.text.key, &b.text.args);
            if let Some(on) = &b.on {
                self.raw(" <a href=\"../");
                self.opt(&on.href);
                self.raw("\">");
                self.text(&on.name);
                self.raw("</a>");
                if some(&on.org) {
                    self.raw(" <span class=\"muted\">(");
                    self.opt(&on.org);
                    self.raw(")</span>");
                }
                self.raw(" <span class=\"when\">");
                self.t_with("waves.short", "number", on.wave.into());
                self.raw("</span>");
            }
            if let Some(e) = b.earliest_possible.filter(|e| *e != 0) {
                self.raw("<br><span class=\"small muted\">");
                if b.wave == Some(e) {
                    self.t("because.earliest_here");
                } else {
                    self.t_num("because.earliest", "number", e as u64);
                }
                self.raw("</span>");
            }
            if !r.moves_with.is_empty() {
                self.raw("<br>");
                self.t("waves.move_group");
                self.raw(" ");
                self.link_list(
                    "../",
                    r.moves_with
                        .iter()
                        .map(|m| (m.href.as_deref(), m.name.as_str(), None)),
                );
            }
            self.raw("</td>\n</tr>");
        }
    }

    /// The bands, lines and boxes of an organisation's dependency diagram (inside the
    /// `<svg>` of `org.hbs`); links are relative to `base`.
    pub fn diagram(&mut self, d: &Diagram, base: &str) {
        for b in &d.bands {
            self.raw("<g class=\"band\"><rect x=\"2\" y=\"");
            json_f64(&mut self.out, b.y);
            self.raw("\" width=\"");
            json_f64(&mut self.out, b.width);
            self.raw("\" height=\"");
            json_f64(&mut self.out, b.height);
            self.raw("\" rx=\"6\"/><text x=\"12\" y=\"");
            json_f64(&mut self.out, b.text_y);
            self.raw("\" class=\"band-label\">");
            match b.layer {
                Some(l) => self.t2("layer", l.as_str()),
                None => self.t("diagram.other_orgs"),
            }
            self.raw("</text></g>\n");
        }
        self.raw("<g class=\"edges\">");
        for e in &d.edges {
            self.raw("<path d=\"");
            self.text(&e.d);
            self.raw("\" marker-end=\"url(#arrow)\"");
            if e.count > 1 {
                self.raw(" class=\"multi\"");
            }
            self.raw("><title>");
            self.t_num("diagram.edge", "n", e.count as u64);
            self.raw("</title></path>");
        }
        self.raw("</g>\n");
        for (i, n) in d.nodes.iter().enumerate() {
            self.raw("<g class=\"node");
            if n.collapsed {
                self.raw(" collapsed");
            }
            if n.external {
                self.raw(" external");
            }
            if let Some(w) = n.worst {
                self.raw(" n-");
                self.raw(w.as_str());
            }
            self.raw("\"><clipPath id=\"clip-");
            self.uint(i as u64);
            self.raw("\"><rect x=\"");
            self.node_box(n);
            self.raw("\"/></clipPath>");
            if some(&n.href) {
                self.raw("<a href=\"");
                self.text(base);
                self.opt(&n.href);
                self.raw("\">");
            }
            self.raw("<title>");
            self.text(&n.title);
            if let Some(w) = n.worst {
                self.raw(" – ");
                let severity = self
                    .l
                    .translate(&format!("severity.{}", w.as_str()), &Map::new());
                self.t_with("diagram.worst", "severity", Value::String(severity));
            }
            if n.located != 0 {
                self.raw(" – ");
                self.t_num("diagram.located", "n", n.located as u64);
            }
            self.raw("</title><rect x=\"");
            self.node_box(n);
            self.raw("\" rx=\"5\"/>");
            for line in &n.lines {
                self.raw("<text x=\"");
                json_f64(&mut self.out, n.text_x);
                self.raw("\" y=\"");
                json_f64(&mut self.out, line.y);
                self.raw("\" class=\"nl\">");
                self.text(&line.text);
                self.raw("</text>");
            }
            self.raw("<text x=\"");
            json_f64(&mut self.out, n.text_x);
            self.raw("\" y=\"");
            json_f64(&mut self.out, n.sub_y);
            self.raw("\" class=\"ns\" clip-path=\"url(#clip-");
            self.uint(i as u64);
            self.raw(")\">");
            let kind = n.kind.unwrap_or("none");
            if n.external {
                self.t_num("diagram.external", "n", n.entries as u64);
            } else if n.collapsed {
                self.t2("kind", kind);
                self.raw(" · ");
                self.t_num("diagram.entries", "n", n.entries as u64);
                if n.quantity > n.entries as u64 {
                    self.raw(" · ");
                    self.t_num("count.units", "n", n.quantity);
                }
            } else {
                self.t2("kind", kind);
                if n.quantity > 1 {
                    self.raw(" × ");
                    self.fmt_count(n.quantity);
                }
                if n.located != 0 {
                    self.raw(" · ");
                    self.t_num("diagram.located", "n", n.located as u64);
                }
            }
            self.raw("</text>");
            if some(&n.href) {
                self.raw("</a>");
            }
            self.raw("</g>\n");
        }
    }

    /// `{{x}}" y="{{y}}" width="{{w}}" height="{{h}}` of a diagram box.
    fn node_box(&mut self, n: &super::diagram::Node) {
        json_f64(&mut self.out, n.x);
        self.raw("\" y=\"");
        json_f64(&mut self.out, n.y);
        self.raw("\" width=\"");
        json_f64(&mut self.out, n.w);
        self.raw("\" height=\"");
        json_f64(&mut self.out, n.h);
    }

    /// The rows of an organisation's data-quality list (`quality-org.hbs`).
    pub fn lacking(&mut self, rows: &[LackRow]) {
        for r in rows {
            self.raw("<tr>");
            self.asset_cell("../", &r.name, &r.href, &r.id);
            self.raw("<td data-label=\"");
            self.label("col.layer");
            self.raw("\">");
            self.t2("layer", r.layer.as_str());
            self.raw("</td><td data-label=\"");
            self.label("col.kind");
            self.raw("\">");
            self.t2("kind", r.kind);
            self.raw("</td><td data-label=\"");
            self.label("quality.col.lacks");
            self.raw("\">");
            for m in &r.missing {
                self.raw("<span class=\"lack\">");
                self.t2("quality.fact", m);
                self.raw("</span> ");
            }
            self.raw("</td><td data-label=\"");
            self.label("col.source");
            self.raw("\">");
            // This list shows the whole path, without a break.
            match &r.src.url {
                Some(url) if !url.is_empty() => {
                    self.raw("<a class=\"src\" href=\"");
                    self.text(url);
                    self.raw("\">");
                }
                _ => self.raw("<code class=\"src\">"),
            }
            self.text(&r.src.file);
            self.line(r.src.line);
            self.raw(if some(&r.src.url) { "</a>" } else { "</code>" });
            self.raw("</td></tr>\n");
        }
    }

    /// The rows of the contract calendar (`contracts.hbs`, `#contracts-table`).
    pub fn contracts(&mut self, rows: &[ContractRow]) {
        for r in rows {
            self.raw("<tr");
            if r.renewed.is_some() {
                self.raw(" class=\"renewed\"");
            }
            self.raw("><td data-label=\"");
            self.label("contracts.col.notice_by");
            self.raw("\" class=\"date\" data-v=\"");
            self.date(r.notice_by);
            self.raw("\">");
            if r.notice_by.is_some() {
                self.raw("<strong>");
                self.fmt_date(r.notice_by);
                self.raw("</strong>");
            } else {
                self.raw("–");
            }
            self.raw("</td><td data-label=\"");
            self.label("col.org");
            self.raw("\">");
            if let Some(o) = &r.org {
                self.raw("<a href=\"");
                self.text(&o.href);
                self.raw("\">");
                self.text(&o.name);
                self.raw("</a>");
            }
            self.raw("</td>");
            self.asset_cell("", &r.name, &r.href, &r.asset);
            self.raw("<td data-label=\"");
            self.label("col.supplier");
            self.raw("\">");
            self.opt(&r.supplier);
            self.raw("</td><td data-label=\"");
            self.label("contracts.col.ends");
            self.raw("\" class=\"date\" data-v=\"");
            self.date(r.effective_end);
            self.raw("\">");
            if r.effective_end.is_some() {
                self.fmt_date(r.effective_end);
            } else {
                self.fmt_date(r.ends);
            }
            if r.renewed.is_some() {
                self.raw("<br><span class=\"muted\">");
                let date = self.fmt_date_text(r.ends);
                self.t_with("contracts.written", "date", Value::String(date));
                self.raw("</span>");
            }
            self.raw("</td><td data-label=\"");
            self.label("contracts.col.renews");
            self.raw("\">");
            if r.auto_renew {
                let mut args = Map::new();
                args.insert("months".into(), r.renews_months.into());
                args.insert("notice".into(), r.notice_months.into());
                self.t_args("contracts.renews", &args);
            } else {
                self.t("contracts.no_renewal");
            }
            self.raw("</td><td data-label=\"");
            self.label("contracts.col.wave");
            self.raw("\" class=\"num\" data-v=\"");
            if let Some(w) = r.wave {
                self.uint(w.into());
            }
            self.raw("\">");
            match r.wave.filter(|w| *w != 0) {
                Some(w) => {
                    self.raw("<a href=\"waves/wave-");
                    self.uint(w.into());
                    self.raw(".html\">");
                    self.t_num("waves.wave", "number", w as u64);
                    self.raw("</a><br><span class=\"muted\">");
                    self.fmt_date(r.wave_start);
                    self.raw("</span>");
                }
                None => self.t("contracts.no_wave"),
            }
            self.raw("</td><td data-label=\"");
            self.label("col.annual_cost");
            self.raw("\" class=\"num\" data-v=\"");
            if let Some(c) = r.annual_cost.and_then(finite) {
                json_f64(&mut self.out, c);
            }
            self.raw("\">");
            self.fmt_cost(r.annual_cost);
            self.raw("</td><td data-label=\"");
            self.label("contracts.col.status");
            self.raw("\">");
            if let Some(rn) = &r.renewed {
                self.raw("<span class=\"bad\">");
                let mut args = Map::new();
                args.insert(
                    "missed".into(),
                    Value::String(self.fmt_date_text(Some(rn.missed))),
                );
                args.insert(
                    "runs_to".into(),
                    Value::String(self.fmt_date_text(Some(rn.runs_to))),
                );
                self.t_args("contracts.status.renewed", &args);
                self.raw("</span>");
            } else if r.overdue {
                self.raw("<span class=\"bad\">");
                self.t("contracts.status.overdue");
                self.raw("</span>");
            } else if r.notice_by.is_some() {
                self.t("contracts.status.notice");
            } else {
                self.t("contracts.status.ends");
            }
            self.raw("</td></tr>\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_handlebars_does() {
        let mut s = String::new();
        escape(&mut s, "a<b & \"c\" 'd' `e` f=g> åäö");
        assert_eq!(
            s,
            "a&lt;b &amp; &quot;c&quot; &#x27;d&#x27; &#x60;e&#x60; f&#x3D;g&gt; åäö"
        );
        let hb = handlebars::Handlebars::new();
        let text = "<script>alert('x & \"y\"')</script> = `z` ö";
        let want = hb
            .render_template("{{v}}", &serde_json::json!({ "v": text }))
            .unwrap();
        let mut got = String::new();
        escape(&mut got, text);
        assert_eq!(got, want);
    }

    #[test]
    fn numbers_are_written_as_json_writes_them() {
        let mut s = String::new();
        json_f64(&mut s, 24.0);
        s.push(' ');
        json_f64(&mut s, 1_280_000.5);
        s.push(' ');
        json_f64(&mut s, f64::NAN);
        assert_eq!(s, "24.0 1280000.5 ");
    }
}
