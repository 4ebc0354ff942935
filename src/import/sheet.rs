//! `samdrift import csv|xlsx`: a spreadsheet with one asset per row.
//!
//! The first row names the columns, in Swedish or English (`namn`/`name`, `antal`/`quantity`,
//! `leverantör`/`supplier`, `avtalet löper ut`/`contract end`, …), compared without case,
//! punctuation or units in parentheses; `--map column=field` names the rest. Columns that
//! name no field are kept as `x-<column>` fields. Every cell that cannot be read is reported
//! with its row and column, all at once; such a row is not imported.

use super::{Draft, Existing, Ids, Import, Problem, Value, slug, values};
use crate::model::{Date, Layer};
use std::collections::HashMap;
use std::path::Path;

/// One cell as the spreadsheet holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    Bool(bool),
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a person reads it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => format!("{}", *n as i64),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// A sheet: a header row and data rows, each with its 1-based row number in the file and
/// the 1-based column number of its first cell.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub header_row: usize,
    pub first_col: usize,
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// Reads a CSV file. The delimiter is guessed from the header line (`;`, `,` or tab) unless
/// given; text that is not UTF-8 is read as Windows-1252.
pub fn read_csv(path: &Path, delimiter: Option<u8>) -> Result<Table, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (text, _) = values::decode_text(&bytes);
    let delim = delimiter.unwrap_or_else(|| guess_delimiter(&text));
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut t = Table {
        header_row: 1,
        first_col: 1,
        ..Table::default()
    };
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
        let cells: Vec<String> = rec.iter().map(str::to_string).collect();
        if i == 0 {
            t.headers = cells;
        } else {
            t.rows
                .push((i + 1, cells.into_iter().map(Cell::Text).collect()));
        }
    }
    Ok(t)
}

fn guess_delimiter(text: &str) -> u8 {
    let line = text.lines().next().unwrap_or_default();
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|&d| line.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',')
}

/// Reads one sheet of a workbook (xlsx, xlsm, xls, ods): `sheet`, or the first. The header
/// is the first non-empty row.
pub fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Table, String> {
    use calamine::{Data, Reader};
    let shown = path.display();
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| format!("{shown}: {e}"))?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                format!(
                    "{shown}: no sheet `{s}`; the sheets are: {}",
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| format!("{shown}: the workbook has no sheets"))?,
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| format!("{shown}: sheet `{name}`: {e}"))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut t = Table {
        first_col: col0 as usize + 1,
        ..Table::default()
    };
    for (i, row) in range.rows().enumerate() {
        let number = row0 as usize + i + 1;
        let cells: Vec<Cell> = row
            .iter()
            .map(|c| match c {
                Data::Empty => Cell::Empty,
                Data::String(s) => Cell::Text(s.clone()),
                Data::Int(n) => Cell::Number(*n as f64),
                Data::Float(f) => Cell::Number(*f),
                Data::Bool(b) => Cell::Bool(*b),
                Data::DateTime(d) => d
                    .as_datetime()
                    .map(|dt| Cell::Date(dt.date()))
                    .unwrap_or(Cell::Number(d.as_f64())),
                Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
                Data::Error(e) => Cell::Text(format!("#{e:?}")),
            })
            .collect();
        if t.headers.is_empty() {
            if cells.iter().all(Cell::is_empty) {
                continue;
            }
            t.header_row = number;
            t.headers = cells.iter().map(Cell::text).collect();
        } else {
            t.rows.push((number, cells));
        }
    }
    Ok(t)
}

/// A field a column can fill.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// A field of docs/format.md §2.1, by its path (`name`, `contract.ends`, `capacity.vcpu`).
    Known(&'static str),
    /// A user extension, `x-…`.
    Extra(String),
    /// Left out (`--map column=-`).
    Ignore,
}

/// Fields and the column names they are recognised by (besides their own name).
const FIELDS: &[(&str, &[&str])] = &[
    ("id", &["asset id", "tillgångs id", "identitet", "nyckel"]),
    (
        "name",
        &["namn", "benämning", "systemnamn", "tjänst", "system"],
    ),
    (
        "kind",
        &["typ", "type", "slag", "sort", "kategori", "category"],
    ),
    ("product", &["produkt", "produktnamn"]),
    ("version", &["ver", "utgåva"]),
    (
        "quantity",
        &["antal", "count", "qty", "st", "antal st", "number"],
    ),
    (
        "site",
        &["plats", "placering", "location", "datacenter", "datorhall"],
    ),
    (
        "depends_on",
        &[
            "beroende av",
            "beror på",
            "beroenden",
            "depends on",
            "dependencies",
            "kräver",
        ],
    ),
    (
        "realizes",
        &["realiserar", "målkomponent", "target component"],
    ),
    (
        "operator",
        &[
            "driftas av",
            "drift",
            "driftansvarig",
            "operatör",
            "operated by",
        ],
    ),
    ("sla", &["servicenivå", "service level", "sla nivå"]),
    (
        "service_window",
        &["servicefönster", "underhållsfönster", "maintenance window"],
    ),
    (
        "security_level",
        &[
            "säkerhetsnivå",
            "skyddsnivå",
            "informationssäkerhetsnivå",
            "security",
        ],
    ),
    (
        "end_of_support",
        &[
            "supportslut",
            "slut på support",
            "support upphör",
            "support till",
            "eos",
            "end of life",
            "eol",
        ],
    ),
    (
        "contract.supplier",
        &["leverantör", "supplier", "vendor", "avtalspart"],
    ),
    (
        "contract.ends",
        &[
            "avtalet löper ut",
            "avtal löper ut",
            "avtalsslut",
            "avtalet upphör",
            "avtal till",
            "avtalets slutdatum",
            "contract end",
            "contract ends",
            "contract end date",
        ],
    ),
    (
        "contract.notice_months",
        &[
            "uppsägningstid",
            "uppsägningstid mån",
            "uppsägningstid månader",
            "notice",
            "notice period",
            "notice months",
        ],
    ),
    (
        "contract.auto_renew",
        &[
            "automatisk förlängning",
            "förlängs automatiskt",
            "auto renew",
            "auto renewal",
        ],
    ),
    (
        "contract.annual_cost",
        &[
            "avtalskostnad",
            "årlig avtalskostnad",
            "avtalskostnad per år",
            "contract cost",
            "contract annual cost",
        ],
    ),
    (
        "annual_cost",
        &[
            "årskostnad",
            "årlig kostnad",
            "kostnad per år",
            "kostnad år",
            "driftkostnad",
            "yearly cost",
            "cost per year",
        ],
    ),
    (
        "users",
        &["användare", "antal användare", "number of users"],
    ),
    (
        "capacity.vcpu",
        &["vcpu", "vcpus", "virtuella cpu er", "cpu"],
    ),
    (
        "capacity.ram_gb",
        &["ram", "ram gb", "minne", "minne gb", "memory", "memory gb"],
    ),
    (
        "capacity.storage_tb",
        &["lagring", "lagring tb", "storage", "storage tb", "disk tb"],
    ),
    ("capacity.racks", &["rack", "racks", "antal rack"]),
    (
        "capacity.power_kw",
        &["effekt", "effekt kw", "power", "power kw", "kw"],
    ),
    ("tags", &["taggar", "etiketter", "labels", "tag"]),
    (
        "notes",
        &[
            "anteckningar",
            "kommentar",
            "kommentarer",
            "noteringar",
            "beskrivning",
            "description",
            "comment",
            "comments",
            "övrigt",
        ],
    ),
];

/// Field paths, for `--map` and messages.
pub fn field_names() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().map(|(f, _)| *f)
}

/// Lowercase, letters and digits only, words separated by one space; a unit or note in
/// parentheses is kept as a word (`RAM (GB)` → `ram gb`).
pub(crate) fn norm(s: &str) -> String {
    let mut out = String::new();
    for w in s
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The field a column header names, if any.
pub fn recognise(header: &str) -> Option<&'static str> {
    let h = norm(header);
    if h.is_empty() {
        return None;
    }
    FIELDS
        .iter()
        .find(|(f, syns)| norm(f) == h || syns.iter().any(|s| norm(s) == h))
        .map(|(f, _)| *f)
}

/// Parses one `--map column=field` option. The field is a field path, `x-…`, or `-`.
pub fn parse_map(spec: &str) -> Result<(String, Field), String> {
    let Some((col, field)) = spec.rsplit_once('=') else {
        return Err(format!("--map {spec}: write it as column=field"));
    };
    let field = field.trim();
    let f = if field == "-" || field == "ignore" {
        Field::Ignore
    } else if let Some(rest) = field.strip_prefix("x-") {
        Field::Extra(format!("x-{}", slug(rest)))
    } else if let Some(f) = field_names().find(|f| *f == field) {
        Field::Known(f)
    } else {
        let hint = crate::diag::did_you_mean(field, field_names())
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        return Err(format!(
            "--map {spec}: `{field}` is not a field{hint}; fields are {}, x-…, or - to leave a column out",
            field_names().collect::<Vec<_>>().join(", ")
        ));
    };
    Ok((norm(col), f))
}

/// Swedish and English words for kinds, beyond the kinds' own names.
const KIND_WORDS: &[(&str, &str)] = &[
    ("datorhall", "datacenter"),
    ("datacenter", "datacenter"),
    ("serverrum", "server-room"),
    ("samlokalisering", "colocation"),
    ("colo", "colocation"),
    ("moln", "cloud"),
    ("molntjänst", "cloud"),
    ("stadsnät", "wan"),
    ("lokalt nätverk", "lan"),
    ("nätverk", "lan"),
    ("switch", "lan"),
    ("trådlöst", "wlan"),
    ("trådlöst nätverk", "wlan"),
    ("wifi", "wlan"),
    ("brandvägg", "firewall"),
    ("internetanslutning", "internet"),
    ("dns", "dns-dhcp"),
    ("dhcp", "dns-dhcp"),
    ("virtualisering", "virtualization"),
    ("lagring", "storage"),
    ("säkerhetskopiering", "backup"),
    ("katalogtjänst", "directory"),
    ("e post", "email"),
    ("epost", "email"),
    ("mail", "email"),
    ("databas", "database"),
    ("filtjänst", "file-service"),
    ("filserver", "file-service"),
    ("utskriftstjänst", "print-service"),
    ("utskrift", "print-service"),
    ("övervakning", "monitoring"),
    ("kontainer", "container"),
    ("containerplattform", "container"),
    ("fysisk server", "server"),
    ("samarbete", "collaboration"),
    ("stationär dator", "desktop"),
    ("stationär", "desktop"),
    ("bärbar dator", "laptop"),
    ("bärbar", "laptop"),
    ("surfplatta", "tablet"),
    ("ipad", "tablet"),
    ("mobiltelefon", "phone"),
    ("telefon", "phone"),
    ("mobil", "phone"),
    ("skrivare", "printer"),
    ("telefoni", "telephony"),
    ("tunn klient", "thin-client"),
    ("applikation", "application"),
    ("verksamhetssystem", "application"),
    ("system", "application"),
    ("tjänst", "application"),
];

/// The kind a cell names, for `layer`; or a message saying why not.
pub fn kind_in(layer: Layer, text: &str) -> Result<&'static str, String> {
    let n = norm(text);
    let direct = Layer::ALL
        .iter()
        .flat_map(|l| l.kinds().iter().map(move |k| (*l, *k)))
        .find(|(_, k)| norm(k) == n);
    let found = direct.map(|(_, k)| k).or_else(|| {
        KIND_WORDS
            .iter()
            .find(|(w, _)| norm(w) == n)
            .map(|(_, k)| *k)
    });
    match found {
        Some(k) if layer.kind(k).is_some() => Ok(layer.kind(k).unwrap_or(k)),
        Some(k) => {
            let other = Layer::ALL
                .into_iter()
                .find(|l| l.kind(k).is_some())
                .map_or(String::new(), |l| {
                    format!(" of `{l}`; import those rows with --layer {l}")
                });
            Err(format!("`{}` is a kind{other}", text.trim()))
        }
        None => Err(format!(
            "`{}` is not a kind of `{layer}`; kinds of `{layer}`: {}",
            text.trim(),
            layer.kinds().join(", ")
        )),
    }
}

/// Options of a spreadsheet import.
#[derive(Clone, Debug)]
pub struct SheetOptions {
    pub layer: Layer,
    /// The kind of rows whose kind cell is empty (or of every row when no column has kinds).
    pub kind: Option<&'static str>,
    /// `--map` entries: normalised column name → field.
    pub map: Vec<(String, Field)>,
}

/// A reference written in a cell, kept until every row's id is known.
struct PendingRef {
    draft: usize,
    field: &'static str,
    text: String,
    row: usize,
    col: usize,
}

/// Turns a table into drafts. `file` names the input in problems.
pub fn import(file: &str, t: &Table, opts: &SheetOptions, existing: &Existing) -> Import {
    let mut out = Import::default();
    let col_no = |i: usize| t.first_col + i;
    // Which field each column fills.
    let mut fields: Vec<Field> = Vec::with_capacity(t.headers.len());
    let mut seen: HashMap<Field, usize> = HashMap::new();
    for (i, h) in t.headers.iter().enumerate() {
        let n = norm(h);
        let f = match opts.map.iter().find(|(c, _)| *c == n) {
            Some((_, f)) => f.clone(),
            None => match recognise(h) {
                Some(f) => Field::Known(f),
                None if n.is_empty() => Field::Extra(format!("x-column-{}", col_no(i))),
                None => Field::Extra(format!("x-{}", slug(h))),
            },
        };
        if f != Field::Ignore {
            if let Some(&prev) = seen.get(&f) {
                out.problems.push(Problem::error(
                    file,
                    Some(t.header_row),
                    Some(col_no(i)),
                    format!(
                        "columns {} and {} both fill `{}`; leave one out with --map \"{h}=-\"",
                        col_no(prev),
                        col_no(i),
                        field_label(&f)
                    ),
                ));
            }
            seen.insert(f.clone(), i);
        }
        fields.push(f);
    }
    for (col, _) in &opts.map {
        if !t.headers.iter().any(|h| norm(h) == *col) {
            out.problems.push(Problem::error(
                file,
                Some(t.header_row),
                None,
                format!("--map names a column `{col}` that the sheet does not have; its columns are: {}", t.headers.join(", ")),
            ));
        }
    }
    let col_of = |name: &'static str| fields.iter().position(|f| *f == Field::Known(name));
    if col_of("name").is_none() {
        out.problems.push(Problem::error(
            file,
            Some(t.header_row),
            None,
            format!(
                "no column gives the asset's name (namn/name); the columns are: {} (use --map COLUMN=name)",
                t.headers.join(", ")
            ),
        ));
    }
    if col_of("kind").is_none() && opts.kind.is_none() {
        out.problems.push(Problem::error(
            file,
            Some(t.header_row),
            None,
            format!(
                "no column gives the kind (typ/kind): pass --kind, one of {}",
                opts.layer.kinds().join(", ")
            ),
        ));
    }
    if out.errors() > 0 {
        return out;
    }

    let mut ids = Ids::default();
    let mut pending: Vec<PendingRef> = Vec::new();
    // Ids written in an id column, claimed first so derived ids step around them.
    if let Some(c) = col_of("id") {
        for (_, cells) in &t.rows {
            let id = cells.get(c).map(Cell::text).unwrap_or_default();
            if crate::model::is_valid_id(&id) && existing.get(&id).is_none() {
                ids.claim(&id);
            }
        }
    }
    let mut explicit_seen: HashMap<String, usize> = HashMap::new();
    for (row, cells) in &t.rows {
        let row = *row;
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let cell = |i: usize| cells.get(i).cloned().unwrap_or(Cell::Empty);
        let mut errors: Vec<Problem> = Vec::new();
        let mut err = |i: usize, msg: String| {
            errors.push(Problem::error(file, Some(row), Some(col_no(i)), msg))
        };
        let name_col = col_of("name").unwrap_or(0);
        let name = cell(name_col).text();
        if name.is_empty() {
            err(
                name_col,
                format!("column `{}`: the name is empty", t.headers[name_col]),
            );
        }
        let kind = match col_of("kind").map(|c| (c, cell(c))) {
            Some((c, k)) if !k.is_empty() => match kind_in(opts.layer, &k.text()) {
                Ok(k) => Some(k),
                Err(m) => {
                    err(c, format!("column `{}`: {m}", t.headers[c]));
                    None
                }
            },
            Some((c, _)) if opts.kind.is_none() => {
                err(
                    c,
                    format!(
                        "column `{}`: the kind is empty (or pass --kind)",
                        t.headers[c]
                    ),
                );
                None
            }
            _ => opts.kind,
        };
        let id = match col_of("id").map(|c| (c, cell(c).text())) {
            Some((c, id)) if !id.is_empty() => {
                if !crate::model::is_valid_id(&id) {
                    err(
                        c,
                        format!(
                            "column `{}`: `{id}` is not a valid id (e.g. `{}`)",
                            t.headers[c],
                            slug(&id)
                        ),
                    );
                    None
                } else if let Some(k) = existing.get(&id) {
                    err(
                        c,
                        format!(
                            "column `{}`: id `{id}` is already used at {}",
                            t.headers[c], k.at
                        ),
                    );
                    None
                } else if let Some(prev) = explicit_seen.insert(id.clone(), row) {
                    err(
                        c,
                        format!(
                            "column `{}`: id `{id}` is already used in row {prev}",
                            t.headers[c]
                        ),
                    );
                    None
                } else {
                    Some(id)
                }
            }
            _ if !name.is_empty() => {
                let base = slug(&name);
                match existing.get(&base) {
                    Some(k) => {
                        err(
                            name_col,
                            format!(
                                "id `{base}` (made from the name) is already used at {}; give the row an id in an id column",
                                k.at
                            ),
                        );
                        None
                    }
                    None => Some(ids.fresh(&base, existing)),
                }
            }
            _ => None,
        };
        let mut d = Draft::new(
            opts.layer,
            id.as_deref().unwrap_or(""),
            &name,
            kind.unwrap_or(""),
        );
        for (i, f) in fields.iter().enumerate() {
            let c = cell(i);
            if c.is_empty() {
                continue;
            }
            let head = &t.headers[i];
            match f {
                Field::Ignore | Field::Known("id" | "name" | "kind") => {}
                Field::Extra(key) => d.set(key, Value::Str(c.text())),
                Field::Known(path @ ("site" | "depends_on")) => pending.push(PendingRef {
                    draft: out.drafts.len(),
                    field: path,
                    text: c.text(),
                    row,
                    col: col_no(i),
                }),
                Field::Known(path) => match convert(path, &c) {
                    Ok(v) => match path.split_once('.') {
                        Some((parent, key)) => d.set_nested(parent, key, v),
                        None => d.set(path, v),
                    },
                    Err(m) => err(i, format!("column `{head}`: {m}")),
                },
            }
        }
        if errors.is_empty() {
            out.drafts.push(d);
        } else {
            pending.retain(|p| p.draft != out.drafts.len());
            out.problems.extend(errors);
        }
    }
    resolve_refs(file, &mut out, pending, existing);
    out
}

fn field_label(f: &Field) -> &str {
    match f {
        Field::Known(k) => k,
        Field::Extra(k) => k,
        Field::Ignore => "-",
    }
}

/// Reads a cell for a field of docs/format.md §2.1 (refs aside).
fn convert(path: &str, c: &Cell) -> Result<Value, String> {
    let text = c.text();
    let whole = |min: u64, max: u64| -> Result<Value, String> {
        let v = match c {
            Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 => Some(*n as u64),
            _ => values::whole(&text),
        };
        match v {
            Some(v) if (min..=max).contains(&v) => Ok(Value::Int(v)),
            _ if max == u64::MAX => Err(format!("`{text}` is not a whole number ≥ {min}")),
            _ => Err(format!(
                "`{text}` is not a whole number from {min} to {max}"
            )),
        }
    };
    let amount = || -> Result<Value, String> {
        let v = match c {
            Cell::Number(n) => Some(*n),
            _ => values::number(&text),
        };
        match v {
            Some(v) if v >= 0.0 && v.is_finite() => Ok(Value::Num(v)),
            _ => Err(format!(
                "`{text}` is not a number ≥ 0 (write e.g. 1 234,50)"
            )),
        }
    };
    match path {
        "quantity" | "users" => whole(0, u64::MAX),
        "security_level" => whole(0, 4),
        "contract.notice_months" => whole(0, 1200),
        "annual_cost" | "contract.annual_cost" => amount(),
        p if p.starts_with("capacity.") => amount(),
        "end_of_support" | "contract.ends" => match c {
            Cell::Date(d) => Ok(Value::Date(*d)),
            _ => values::date(&text)
                .map(Value::Date)
                .ok_or_else(|| format!("`{text}` is not a date (write e.g. 2025-06-30)")),
        },
        "contract.auto_renew" => match c {
            Cell::Bool(b) => Ok(Value::Bool(*b)),
            _ => values::boolean(&text)
                .map(Value::Bool)
                .ok_or_else(|| format!("`{text}` is not yes or no (ja/nej)")),
        },
        "realizes" => {
            if crate::model::is_valid_id(&text) {
                Ok(Value::Str(text))
            } else {
                Err(format!(
                    "`{text}` is not a component id (e.g. `{}`)",
                    slug(&text)
                ))
            }
        }
        "product" => Ok(Value::Str(slug(&text))),
        "tags" => Ok(Value::List(values::list(&text))),
        _ => Ok(Value::Str(text)),
    }
}

/// Points `site` and `depends_on` cells at assets of this import or of the organisation,
/// by id or by name. A cell naming nothing known is kept as `x-site`/`x-depends_on` and
/// reported, never written as a dangling ref.
fn resolve_refs(file: &str, out: &mut Import, pending: Vec<PendingRef>, existing: &Existing) {
    let mut by_key: HashMap<String, (String, Layer)> = HashMap::new();
    for d in &out.drafts {
        let name = match d.get("name") {
            Some(Value::Str(s)) => s.to_lowercase(),
            _ => String::new(),
        };
        by_key.insert(d.id().to_string(), (d.id().to_string(), d.layer));
        by_key.entry(name).or_insert((d.id().to_string(), d.layer));
    }
    for (id, k) in &existing.assets {
        by_key.insert(id.clone(), (id.clone(), k.layer));
        by_key
            .entry(k.name.to_lowercase())
            .or_insert((id.clone(), k.layer));
    }
    for p in pending {
        let items = if p.field == "site" {
            vec![p.text.trim().to_string()]
        } else {
            values::list(&p.text)
        };
        let mut unknown = Vec::new();
        for item in items {
            let found = by_key
                .get(&item)
                .or_else(|| by_key.get(&item.to_lowercase()))
                .cloned()
                .or_else(|| {
                    // `org/id` in another organisation.
                    existing
                        .others
                        .contains(&item)
                        .then(|| (item.clone(), Layer::Sites))
                });
            let d = &mut out.drafts[p.draft];
            match found {
                Some((id, layer)) if p.field == "site" => {
                    if layer == Layer::Sites || id.contains('/') {
                        d.set("site", Value::Str(id));
                    } else {
                        out.problems.push(Problem::warning(
                            file,
                            Some(p.row),
                            Some(p.col),
                            format!("site `{item}` is a {layer} asset, not a site; kept as x-site"),
                        ));
                        unknown.push(item);
                    }
                }
                Some((id, _)) if id != d.id() => d.depend_on(&id),
                Some(_) => {}
                None => {
                    out.problems.push(Problem::warning(
                        file,
                        Some(p.row),
                        Some(p.col),
                        format!(
                            "`{item}` is not in the inventory yet; the relation is kept as x-{} only",
                            p.field
                        ),
                    ));
                    unknown.push(item);
                }
            }
        }
        if !unknown.is_empty() {
            let key = format!("x-{}", p.field);
            out.drafts[p.draft].set(&key, Value::Str(unknown.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_swedish_and_english() {
        assert_eq!(recognise("Namn"), Some("name"));
        assert_eq!(recognise("Antal"), Some("quantity"));
        assert_eq!(recognise("Leverantör"), Some("contract.supplier"));
        assert_eq!(recognise("Avtalet löper ut"), Some("contract.ends"));
        assert_eq!(recognise("Contract end"), Some("contract.ends"));
        assert_eq!(recognise("RAM (GB)"), Some("capacity.ram_gb"));
        assert_eq!(recognise("end_of_support"), Some("end_of_support"));
        assert_eq!(
            recognise("contract.annual_cost"),
            Some("contract.annual_cost")
        );
        assert_eq!(recognise("Kostnadsställe"), None);
    }

    #[test]
    fn kinds_in_swedish() {
        assert_eq!(kind_in(Layer::Clients, "Bärbar dator"), Ok("laptop"));
        assert_eq!(kind_in(Layer::Networks, "Brandvägg"), Ok("firewall"));
        assert_eq!(kind_in(Layer::Clients, "thin client"), Ok("thin-client"));
        assert!(
            kind_in(Layer::Clients, "firewall")
                .unwrap_err()
                .contains("--layer networks")
        );
        assert!(kind_in(Layer::Clients, "gurka").is_err());
    }

    #[test]
    fn map_options() {
        assert_eq!(
            parse_map("Kostnad/år=annual_cost").unwrap(),
            ("kostnad år".to_string(), Field::Known("annual_cost"))
        );
        assert_eq!(
            parse_map("Avdelning=x-Förvaltning").unwrap().1,
            Field::Extra("x-forvaltning".into())
        );
        assert_eq!(parse_map("Skräp=-").unwrap().1, Field::Ignore);
        assert!(
            parse_map("a=nmae")
                .unwrap_err()
                .contains("did you mean `name`")
        );
        assert!(parse_map("nothing").is_err());
    }
}
