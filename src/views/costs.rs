//! Renderings of the economics (`samdrift costs`): JSON (docs/format.md §7), a terminal table,
//! and CSV for the economists' spreadsheet; and the decision table of every target
//! (`costs --all-targets`) as JSON and a table.
//!
//! Everything is rendered from [`Costs`] or [`Comparison`]; nothing here computes a figure.
//! Tables and CSV speak English or Swedish; JSON is always the contract's English.

use crate::costs::compare::{Alternative, CompareNote, Comparison};
use crate::costs::{Costs, Note};
use crate::diag::ticked;
use crate::model::{Layer, Num};
use crate::views::gaps::amount;
use std::fmt::Write as _;

/// The language of tables, CSV headers and notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Sv,
}

impl Lang {
    fn pick(self, en: &'static str, sv: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Sv => sv,
        }
    }
}

/// `samdrift costs --format json`.
pub fn json(c: &Costs) -> String {
    // Serializing plain data to a string cannot fail.
    serde_json::to_string_pretty(c).unwrap_or_default() + "\n"
}

/// `samdrift costs --all-targets --format json`.
pub fn comparison_json(c: &Comparison) -> String {
    serde_json::to_string_pretty(c).unwrap_or_default() + "\n"
}

/// Money for people: whole units with a space every three digits.
fn money(n: Num) -> String {
    amount(Num(n.get().round()))
}

/// Hours for people: whole hours, grouped like money (the CSV keeps the exact figure).
fn hours(n: Num) -> String {
    money(n)
}

/// Full-time equivalents: whole when whole (52), else with the language's decimal mark (4,5).
fn fte(n: Num, lang: Lang) -> String {
    if n.get().fract() == 0.0 {
        money(n)
    } else {
        decimal(n.get(), lang)
    }
}

fn money_or_dash(n: Option<Num>) -> String {
    n.map_or_else(|| "–".to_string(), money)
}

/// A figure with one decimal (two below 0.1, so that a small figure does not read as 0),
/// with the language's decimal mark.
fn decimal(x: f64, lang: Lang) -> String {
    let s = if x != 0.0 && x.abs() < 0.095 {
        format!("{x:.2}")
    } else {
        format!("{x:.1}")
    };
    match lang {
        Lang::En => s,
        Lang::Sv => s.replace('.', ","),
    }
}

fn layer_name(l: Layer, lang: Lang) -> &'static str {
    match (lang, l) {
        (Lang::En, _) => l.as_str(),
        (Lang::Sv, Layer::Sites) => "platser",
        (Lang::Sv, Layer::Networks) => "nät",
        (Lang::Sv, Layer::Platforms) => "plattformar",
        (Lang::Sv, Layer::Clients) => "klienter",
        (Lang::Sv, Layer::Services) => "tjänster",
        (Lang::Sv, Layer::Organisation) => "organisation",
    }
}

/// A note in the table's language (English is the library's own wording).
pub fn note(n: &Note, lang: Lang) -> String {
    if lang == Lang::En {
        return n.message();
    }
    match n {
        Note::NoStaffing => "målet saknar `staffing`: personalkostnaderna är utelämnade både \
            idag och i målet, så besparingen saknar it-driftens största kostnad"
            .into(),
        Note::NoItStaff { orgs } => format!(
            "{} saknar `it_staff`: dagens personalkostnad utelämnar {} medan målets personal \
             räknas fullt ut, så besparingen är underskattad",
            ticked(orgs),
            if orgs.len() == 1 { "den" } else { "dem" }
        ),
        Note::PartialCoverage {
            org,
            with_cost,
            assets,
            layers,
        } => format!(
            "{org}: {with_cost} av {assets} tillgångar har en kostnad; årssiffrorna räknar \
             övriga som 0 ({})",
            layers
                .iter()
                .map(|(l, w, n)| format!("{} {w} av {n}", layer_name(*l, lang)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Note::LikeForLike { assets, cost } => format!(
            "{assets} tillgång{} som byts mot likvärdig (ett `replace`-gap utan komponent) \
             stannar i målet med sin årskostnad ({} tillsammans), som uppskattning av vad \
             ersättaren kostar",
            if *assets == 1 { "" } else { "ar" },
            money(*cost)
        ),
        Note::NoSaving { saving } if saving.get() == 0.0 => {
            "målet kostar lika mycket per år som idag: ingen återbetalning".into()
        }
        Note::NoSaving { saving } => format!(
            "målet kostar {} mer per år än idag: ingen återbetalning",
            money(Num(-saving.get()))
        ),
        Note::Waived { gaps, staying } => {
            let mut s = format!("{gaps} undantagna gap räknas inte i engångskostnaden");
            if *staying > 0 {
                s += &format!(
                    "; {staying} tillgång{} som ett undantaget gap skulle ta ur målet stannar \
                     med sin kostnad",
                    if *staying == 1 { "" } else { "ar" }
                );
            }
            s
        }
    }
}

/// A note of the decision table in the table's language.
pub fn compare_note(n: &CompareNote, lang: Lang) -> String {
    if lang == Lang::En {
        return n.message();
    }
    match n {
        CompareNote::Unscored { targets } => {
            format!(
                "{} saknar `assessment`: ingen viktad summa",
                ticked(targets)
            )
        }
        CompareNote::NotScored { criterion, targets } => format!(
            "kriteriet `{criterion}` är inte bedömt i {}: deras viktade summor saknar det",
            ticked(targets)
        ),
        CompareNote::Weights { criterion, weights } => format!(
            "kriteriet `{criterion}` har olika vikt ({}): de viktade summorna går inte att \
             jämföra",
            weights
                .iter()
                .map(|(w, t)| format!("{} i `{t}`", amount(*w)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        CompareNote::Currencies { currencies } => format!(
            "målen använder olika valutor ({}): beloppen går inte att jämföra",
            currencies.join(", ")
        ),
        CompareNote::NoPlan { targets } => {
            format!("{} saknar `plan`: inga vågsiffror", ticked(targets))
        }
    }
}

/// Writes `text` as a list item (`  - `) wrapped at 80 columns, continuation lines
/// indented under the text.
fn bullet(out: &mut String, text: &str) {
    const WIDTH: usize = 80;
    let mut line = String::from("  -");
    for word in text.split(' ') {
        if line.chars().count() + 1 + word.chars().count() > WIDTH && line.trim() != "-" {
            let _ = writeln!(out, "{line}");
            line = String::from("   ");
        }
        line.push(' ');
        line.push_str(word);
    }
    let _ = writeln!(out, "{line}");
}

/// Label column and number columns of the tables.
const LABEL: usize = 30;
const COL: usize = 14;

fn row(out: &mut String, label: &str, cols: &[String]) {
    let mut line = format!("  {label:<width$}", width = LABEL - 2);
    for c in cols {
        let _ = write!(line, "{c:>COL$}");
    }
    let _ = writeln!(out, "{}", line.trim_end());
}

/// `samdrift costs` for a terminal: the yearly cost today and in the target, the one-off
/// cost, payback, each organisation, and the notes.
pub fn table(c: &Costs, lang: Lang) -> String {
    let l = |en, sv| lang.pick(en, sv);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} – {}",
        l("Costs of", "Kostnader för"),
        c.target,
        crate::diag::escape(&c.name)
    );
    let _ = writeln!(
        out,
        "{} {}, {} {}\n",
        l("amounts in", "belopp i"),
        c.currency,
        l("open gaps as of", "öppna gap per"),
        c.as_of
    );
    let _ = writeln!(
        out,
        "{:<LABEL$}{:>COL$}{:>COL$}",
        l("YEARLY COST", "ÅRLIG KOSTNAD"),
        l("today", "idag"),
        l("target", "i målet")
    );
    let t = &c.target_state;
    row(
        &mut out,
        l("assets", "tillgångar"),
        &[money(c.today.assets), String::new()],
    );
    row(
        &mut out,
        l("  staying", "  som stannar"),
        &[money(t.staying), money(t.staying)],
    );
    row(
        &mut out,
        l("  leaving", "  som lämnar"),
        &[money(t.leaving), "–".into()],
    );
    row(
        &mut out,
        l("  replaced by components", "  ersätts av komponenter"),
        &[money(t.realized), "–".into()],
    );
    row(
        &mut out,
        l("components", "gemensamma komponenter"),
        &["–".into(), money(t.components)],
    );
    row(
        &mut out,
        l("staff", "personal"),
        &[money_or_dash(c.today.staff), money_or_dash(t.staff)],
    );
    if let Some(s) = &c.staffing {
        row(
            &mut out,
            l("  full-time equivalents", "  årsarbetskrafter"),
            &[fte(s.today_fte, lang), fte(s.target_fte, lang)],
        );
    }
    row(
        &mut out,
        l("total", "summa"),
        &[money(c.today.total), money(t.total)],
    );
    row(
        &mut out,
        l("saving per year", "besparing per år"),
        &[String::new(), money(c.saving)],
    );
    let o = &c.one_off;
    let py = &c.person_years;
    let _ = writeln!(
        out,
        "\n{:<LABEL$}{:>COL$}{:>COL$}{:>COL$}",
        l("ONE-OFF COST", "ENGÅNGSKOSTNAD"),
        l("cost", "kostnad"),
        l("hours", "timmar"),
        l("person-years", "personår")
    );
    row(
        &mut out,
        l("change", "förändring"),
        &[
            money(o.change),
            hours(o.change_hours),
            decimal(py.change.get(), lang),
        ],
    );
    row(
        &mut out,
        l("  gaps", "  gap"),
        &[money(o.change_gaps), hours(o.change_gap_hours)],
    );
    row(
        &mut out,
        l("  establishing components", "  etablera komponenter"),
        &[money(o.establish), hours(o.establish_hours)],
    );
    row(
        &mut out,
        l("lifecycle (due anyway)", "livscykel (byts ändå)"),
        &[
            money(o.lifecycle),
            hours(o.lifecycle_hours),
            decimal(py.lifecycle.get(), lang),
        ],
    );
    let _ = writeln!(
        out,
        "  {}",
        l(
            "(change and lifecycle are shown apart, never added)",
            "(förändring och livscykel visas var för sig, aldrig summerade)"
        )
    );
    let payback = match c.payback_years {
        Some(y) => format!(
            "{} {}",
            decimal(y, lang),
            l(
                "years (change / saving per year)",
                "år (förändring / besparing per år)"
            )
        ),
        None => l("none (no saving)", "ingen (ingen besparing)").to_string(),
    };
    let _ = writeln!(out, "\n{} {payback}\n", l("Payback:", "Återbetalningstid:"));
    org_table(&mut out, c, lang);
    let _ = writeln!(out, "\n{}", l("Notes", "Noter"));
    if c.notes.is_empty() {
        let _ = writeln!(out, "  {}", l("none", "inga"));
    }
    for n in &c.notes {
        bullet(&mut out, &note(n, lang));
    }
    out
}

fn org_table(out: &mut String, c: &Costs, lang: Lang) {
    let l = |en, sv| lang.pick(en, sv);
    let head = [
        l("TODAY", "IDAG"),
        l("STAFF", "PERSONAL"),
        l("STAYING", "STANNAR"),
        l("LEAVING", "LÄMNAR"),
        l("COSTED", "MED KOSTNAD"),
    ];
    let w = c
        .orgs
        .iter()
        .map(|o| o.org.chars().count())
        .max()
        .unwrap_or(0)
        .max(l("ORGANISATION", "ORGANISATION").len());
    let cols = [12usize, 12, 12, 12, 13];
    let mut line = format!("{:<w$}", l("ORGANISATION", "ORGANISATION"));
    for (h, cw) in head.iter().zip(cols) {
        let _ = write!(line, "{h:>cw$}");
    }
    let _ = writeln!(out, "{line}");
    for o in &c.orgs {
        let vals = [
            money(o.today),
            money_or_dash(o.staff_today),
            money(o.staying),
            money(o.leaving),
            format!("{}/{}", o.coverage.with_cost, o.coverage.assets),
        ];
        let mut line = format!("{:<w$}", o.org);
        for (v, cw) in vals.iter().zip(cols) {
            let _ = write!(line, "{v:>cw$}");
        }
        let _ = writeln!(out, "{line}");
    }
}

/// The CSV columns, English and Swedish.
const CSV_COLUMNS: [(&str, &str); 21] = [
    ("org", "Organisation"),
    ("name", "Namn"),
    ("it_staff_fte", "IT-personal (årsarbetskrafter)"),
    ("assets_today", "Tillgångar idag"),
    ("staff_today", "Personal idag"),
    ("today", "Årskostnad idag"),
    ("leaving", "Lämnar"),
    ("replaced_by_components", "Ersätts av komponenter"),
    ("staying", "Stannar"),
    ("components", "Gemensamma komponenter"),
    ("staff_target", "Personal i målet"),
    ("target", "Årskostnad i målet"),
    ("saving", "Besparing per år"),
    ("change", "Förändring (engång)"),
    ("change_hours", "Förändring timmar"),
    ("lifecycle", "Livscykel (engång)"),
    ("lifecycle_hours", "Livscykel timmar"),
    ("payback_years", "Återbetalningstid (år)"),
    ("assets", "Tillgångar (antal)"),
    ("assets_with_cost", "Tillgångar med kostnad"),
    ("currency", "Valuta"),
];

/// `samdrift costs --format csv`: one row per organisation, a row for what is shared (the
/// components and the joint staff), and a total row. Swedish (`--lang sv`) writes the
/// headers in Swedish, separates fields with `;` and writes decimal commas, with a UTF-8
/// byte-order mark: what a spreadsheet set to Swedish opens without an import dialogue.
pub fn csv(c: &Costs, lang: Lang) -> String {
    let delimiter = match lang {
        Lang::En => b',',
        Lang::Sv => b';',
    };
    let num = |n: Num| {
        let s = n.to_string();
        match lang {
            Lang::En => s,
            Lang::Sv => s.replace('.', ","),
        }
    };
    let opt = |n: Option<Num>| n.map(num).unwrap_or_default();
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let header: Vec<&str> = CSV_COLUMNS
        .iter()
        .map(|(en, sv)| lang.pick(en, sv))
        .collect();
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    for o in &c.orgs {
        let target = o.staying.get() + o.staff_target.map_or(0.0, Num::get);
        let _ = w.write_record([
            o.org.clone(),
            o.name.clone(),
            opt(o.it_staff),
            num(o.assets_today),
            opt(o.staff_today),
            num(o.today),
            num(o.leaving),
            num(o.realized),
            num(o.staying),
            String::new(),
            opt(o.staff_target),
            num(crate::gaps::tidy(target)),
            String::new(),
            num(o.change),
            num(o.change_hours),
            num(o.lifecycle),
            num(o.lifecycle_hours),
            String::new(),
            o.coverage.assets.to_string(),
            o.coverage.with_cost.to_string(),
            c.currency.clone(),
        ]);
    }
    let shared_staff = c
        .staffing
        .as_ref()
        .map(|s| crate::gaps::tidy(s.shared_fte.get() * s.fte_cost.get()));
    let shared_target = c.target_state.components.get() + shared_staff.map_or(0.0, Num::get);
    let _ = w.write_record([
        lang.pick("(shared)", "(gemensamt)").to_string(),
        lang.pick(
            "components and joint staff",
            "komponenter och gemensam personal",
        )
        .to_string(),
        c.staffing
            .as_ref()
            .map(|s| num(s.shared_fte))
            .unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        num(c.target_state.components),
        opt(shared_staff),
        num(crate::gaps::tidy(shared_target)),
        String::new(),
        num(c.one_off.establish),
        num(c.one_off.establish_hours),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        c.currency.clone(),
    ]);
    let _ = w.write_record([
        lang.pick("(total)", "(totalt)").to_string(),
        c.name.clone(),
        c.staffing
            .as_ref()
            .map(|s| num(s.today_fte))
            .unwrap_or_default(),
        num(c.today.assets),
        opt(c.today.staff),
        num(c.today.total),
        num(c.target_state.leaving),
        num(c.target_state.realized),
        num(c.target_state.staying),
        num(c.target_state.components),
        opt(c.target_state.staff),
        num(c.target_state.total),
        num(c.saving),
        num(c.one_off.change),
        num(c.one_off.change_hours),
        num(c.one_off.lifecycle),
        num(c.one_off.lifecycle_hours),
        c.payback_years
            .map(|y| match lang {
                Lang::En => y.to_string(),
                Lang::Sv => y.to_string().replace('.', ","),
            })
            .unwrap_or_default(),
        c.coverage.assets.to_string(),
        c.coverage.with_cost.to_string(),
        c.currency.clone(),
    ]);
    let bytes = w.into_inner().unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    match lang {
        Lang::En => text,
        Lang::Sv => format!("\u{feff}{text}"),
    }
}

/// Column letters of the decision table: A, B, … Z, AA, AB, …
fn letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// `samdrift costs --all-targets` for a terminal: the targets as lettered columns, the
/// criteria with their scores (weight in brackets), the weighted totals, the computed
/// figures, then every reason, and the notes.
pub fn comparison_table(c: &Comparison, lang: Lang) -> String {
    let l = |en, sv| lang.pick(en, sv);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} – {} {}, {} {}\n",
        l("Decision table", "Beslutstabell"),
        c.alternatives.len(),
        l("targets", "mål"),
        l("open gaps as of", "öppna gap per"),
        c.as_of
    );
    for (i, a) in c.alternatives.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}  {} – {}",
            letter(i),
            a.target,
            crate::diag::escape(&a.name)
        );
    }
    let letters: Vec<String> = (0..c.alternatives.len()).map(letter).collect();
    let _ = writeln!(out);
    let mut head = format!("{:<LABEL$}", l("CRITERION (WEIGHT)", "KRITERIUM (VIKT)"));
    for x in &letters {
        let _ = write!(head, "{x:>COL$}");
    }
    let _ = writeln!(out, "{head}");
    let short = |s: &str, n: usize| -> String {
        if s.chars().count() <= n {
            s.to_string()
        } else {
            let mut t: String = s.chars().take(n - 1).collect();
            t.push('…');
            t
        }
    };
    for r in &c.criteria {
        let weight = r
            .scores
            .iter()
            .flatten()
            .map(|s| s.weight)
            .next()
            .unwrap_or(Num(1.0));
        let label = format!("{} ({})", short(&r.criterion, LABEL - 8), amount(weight));
        let cols: Vec<String> = r
            .scores
            .iter()
            .map(|s| match s {
                Some(s) if s.weight == weight => s.score.to_string(),
                Some(s) => format!("{} ({})", s.score, amount(s.weight)),
                None => "–".into(),
            })
            .collect();
        row(&mut out, &label, &cols);
    }
    let each = |f: &dyn Fn(&Alternative) -> String| -> Vec<String> {
        c.alternatives.iter().map(f).collect()
    };
    row(
        &mut out,
        l("weighted total (of max)", "viktad summa (av max)"),
        &each(&|a| match (a.weighted_total, a.max_total) {
            (Some(t), Some(m)) => format!("{}/{}", amount(t), amount(m)),
            _ => "–".into(),
        }),
    );
    let _ = writeln!(out, "\n{}", l("COMPUTED", "BERÄKNAT"));
    row(
        &mut out,
        l("one-off change", "förändring (engång)"),
        &each(&|a| money(a.one_off.change)),
    );
    row(
        &mut out,
        l("one-off lifecycle", "livscykel (engång)"),
        &each(&|a| money(a.one_off.lifecycle)),
    );
    row(
        &mut out,
        l("yearly cost today", "årskostnad idag"),
        &each(&|a| money(a.today)),
    );
    row(
        &mut out,
        l("yearly cost in target", "årskostnad i målet"),
        &each(&|a| money(a.target_state)),
    );
    row(
        &mut out,
        l("saving per year", "besparing per år"),
        &each(&|a| money(a.saving)),
    );
    row(
        &mut out,
        l("payback (years)", "återbetalningstid (år)"),
        &each(&|a| a.payback_years.map_or("–".into(), |y| decimal(y, lang))),
    );
    row(
        &mut out,
        l("person-years, change", "personår, förändring"),
        &each(&|a| decimal(a.person_years.change.get(), lang)),
    );
    row(
        &mut out,
        l("person-years, lifecycle", "personår, livscykel"),
        &each(&|a| decimal(a.person_years.lifecycle.get(), lang)),
    );
    row(
        &mut out,
        l("last wave ends", "sista vågen slutar"),
        &each(&|a| match &a.plan {
            Some(p) => p.last_wave_end.map_or("–".into(), |d| d.to_string()),
            None => l("no plan", "ingen plan").into(),
        }),
    );
    row(
        &mut out,
        l("horizon", "målet nås senast"),
        &each(&|a| {
            a.plan
                .as_ref()
                .map_or("–".into(), |p| p.horizon.to_string())
        }),
    );
    row(
        &mut out,
        l("within horizon", "inom målåret"),
        &each(&|a| match &a.plan {
            Some(p) if p.within_horizon => l("yes", "ja").into(),
            Some(_) => l("no", "nej").into(),
            None => "–".into(),
        }),
    );
    row(
        &mut out,
        l("late items (avoidable)", "sena poster (undvikbara)"),
        &each(&|a| {
            a.plan.as_ref().map_or("–".into(), |p| {
                format!("{} ({})", p.late, p.avoidable_late)
            })
        }),
    );
    row(
        &mut out,
        l("unplaced items", "ej placerade poster"),
        &each(&|a| {
            a.plan
                .as_ref()
                .map_or("–".into(), |p| p.unplaced.to_string())
        }),
    );
    row(
        &mut out,
        l("open critical gaps", "öppna kritiska gap"),
        &each(&|a| a.open_critical_gaps.to_string()),
    );
    if c.criteria
        .iter()
        .any(|r| r.scores.iter().flatten().any(|s| s.reason.is_some()))
    {
        let _ = writeln!(out, "\n{}", l("REASONS", "MOTIVERINGAR"));
        for r in &c.criteria {
            let _ = writeln!(out, "  {} ({})", crate::diag::escape(&r.title), r.criterion);
            for (x, s) in letters.iter().zip(&r.scores) {
                if let Some(s) = s {
                    let _ = writeln!(
                        out,
                        "    {x} {}: {}",
                        s.score,
                        crate::diag::escape(s.reason.as_deref().unwrap_or("–"))
                    );
                }
            }
        }
    }
    let _ = writeln!(out, "\n{}", l("Notes", "Noter"));
    let mut any = false;
    for n in &c.notes {
        any = true;
        bullet(&mut out, &compare_note(n, lang));
    }
    for (x, a) in letters.iter().zip(&c.alternatives) {
        for n in &a.notes {
            any = true;
            bullet(&mut out, &format!("{x} ({}): {}", a.target, note(n, lang)));
        }
    }
    if !any {
        let _ = writeln!(out, "  {}", l("none", "inga"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_wrap_at_80_columns() {
        let mut out = String::new();
        let text = "word ".repeat(40);
        bullet(&mut out, text.trim());
        assert!(out.lines().count() > 1);
        assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
        assert!(out.starts_with("  - word"));
        assert!(
            out.lines().skip(1).all(|l| l.starts_with("    word")),
            "{out}"
        );
    }

    #[test]
    fn letters_run_past_z() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(decimal(4.104, Lang::En), "4.1");
        assert_eq!(decimal(4.104, Lang::Sv), "4,1");
        assert_eq!(decimal(0.0, Lang::Sv), "0,0");
        assert_eq!(decimal(0.00625, Lang::En), "0.01");
        assert_eq!(decimal(0.143125, Lang::En), "0.1");
    }

    #[test]
    fn table_hours_are_whole_and_staff_keeps_its_fraction() {
        assert_eq!(hours(Num(1894.75)), "1 895");
        assert_eq!(fte(Num(52.0), Lang::Sv), "52");
        assert_eq!(fte(Num(4.5), Lang::Sv), "4,5");
        assert_eq!(fte(Num(4.5), Lang::En), "4.5");
    }
}
