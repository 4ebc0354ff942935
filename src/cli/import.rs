//! `samdrift import csv|xlsx|netbox|glpi`: write a new inventory file from another tool's data.
//!
//! Problems go to standard error as `FILE:ROW:COL: error: message`, all at once. When any
//! row is rejected nothing is written (exit 2) unless `--skip-bad-rows`.

use super::{Failure, Outcome};
use crate::diag::Level;
use crate::import::{
    self, Existing, Import, WriteOptions, glpi, netbox, sheet,
    write::{WriteError, check_file_name, default_file_name},
};
use crate::model::Layer;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    source: Source,
}

#[derive(clap::Subcommand, Debug)]
enum Source {
    /// A spreadsheet saved as CSV: column titles in the first row, one asset per row.
    Csv(CsvArgs),
    /// A workbook (xlsx, xlsm, xls, ods): column titles in the first row, one asset per row.
    Xlsx(XlsxArgs),
    /// JSON from NetBox's REST API: sites, racks, devices, virtual machines.
    Netbox(NetboxArgs),
    /// CSV exported from a GLPI search list: computers and network devices.
    Glpi(GlpiArgs),
}

#[derive(clap::Args, Debug)]
struct Common {
    /// The organisation to import into (its folder under inventory/ is made if missing).
    #[arg(long, value_name = "ORG")]
    org: String,
    /// The file name under inventory/<org>/ [default: the input's name, as .yaml].
    #[arg(long, value_name = "FILE")]
    name: Option<String>,
    /// Replace that file if it exists.
    #[arg(long)]
    force: bool,
    /// Write the rows that could be read even when some could not.
    #[arg(long)]
    skip_bad_rows: bool,
}

#[derive(clap::Args, Debug)]
struct SheetArgs {
    /// The spreadsheet.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    common: Common,
    /// The layer every row belongs to.
    #[arg(long, value_enum)]
    layer: LayerArg,
    /// The kind of rows that do not give one (e.g. laptop).
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// Read a column as a field: `--map "Kostnad/år=annual_cost"`, `--map Avdelning=x-avdelning`,
    /// or `--map Skräp=-` to leave it out. Repeatable.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    map: Vec<String>,
}

#[derive(clap::Args, Debug)]
struct CsvArgs {
    #[command(flatten)]
    sheet: SheetArgs,
    /// The field separator [default: guessed from the first line: `;`, `,` or tab].
    #[arg(long, value_name = "CHAR")]
    delimiter: Option<char>,
}

#[derive(clap::Args, Debug)]
struct XlsxArgs {
    #[command(flatten)]
    sheet: SheetArgs,
    /// The worksheet to read [default: the first].
    #[arg(long = "sheet", value_name = "NAME")]
    worksheet: Option<String>,
}

#[derive(clap::Args, Debug)]
struct NetboxArgs {
    /// API responses saved as JSON (a list or a page with `results`); several files are
    /// imported together.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    common: Common,
    /// The layer and kind of devices with a role: `--role core-switch=networks/lan`, or
    /// `--role pdu=-` to leave them out. Repeatable.
    #[arg(long = "role", value_name = "ROLE=LAYER/KIND")]
    roles: Vec<String>,
}

#[derive(clap::Args, Debug)]
struct GlpiArgs {
    /// The CSV file GLPI exported.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    common: Common,
    /// What the rows are, when the export has no "Item type" column [default: guessed].
    #[arg(long, value_enum)]
    itemtype: Option<ItemTypeArg>,
    /// One asset per computer, instead of one per kind, model and site with a quantity.
    #[arg(long)]
    no_group: bool,
    /// The field separator [default: guessed from the first line].
    #[arg(long, value_name = "CHAR")]
    delimiter: Option<char>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LayerArg {
    Sites,
    Networks,
    Platforms,
    Clients,
    Services,
}

impl From<LayerArg> for Layer {
    fn from(l: LayerArg) -> Layer {
        match l {
            LayerArg::Sites => Layer::Sites,
            LayerArg::Networks => Layer::Networks,
            LayerArg::Platforms => Layer::Platforms,
            LayerArg::Clients => Layer::Clients,
            LayerArg::Services => Layer::Services,
        }
    }
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ItemTypeArg {
    Computer,
    NetworkEquipment,
    Printer,
    Phone,
}

pub fn run(root: &Path, args: &Args) -> Outcome {
    super::check_root(root)?;
    let (common, first_input) = match &args.source {
        Source::Csv(a) => (&a.sheet.common, &a.sheet.file),
        Source::Xlsx(a) => (&a.sheet.common, &a.sheet.file),
        Source::Netbox(a) => (&a.common, &a.files[0]),
        Source::Glpi(a) => (&a.common, &a.file),
    };
    if !crate::model::is_valid_id(&common.org) {
        return Err(Failure::Message(format!(
            "--org {}: not a valid organisation id (e.g. `{}`)",
            common.org,
            import::slug(&common.org)
        )));
    }
    let file_name = match &common.name {
        Some(n) => check_file_name(n).map_err(Failure::Message)?,
        None => default_file_name(first_input),
    };
    let opts = WriteOptions {
        root,
        org: &common.org,
        file_name: &file_name,
        force: common.force,
        comment: "",
    };
    let rel = opts.rel_path();
    if !common.force && root.join(&rel).exists() {
        return Err(Failure::Message(format!(
            "{rel} exists; pass --force to replace it, or --name to write another file"
        )));
    }
    let existing = Existing::load(root, &common.org, &rel);
    let (result, source) = match &args.source {
        Source::Csv(a) => {
            let delim = delimiter(a.delimiter)?;
            let t = sheet::read_csv(&a.sheet.file, delim).map_err(Failure::Message)?;
            (
                sheet::import(
                    &shown(&a.sheet.file),
                    &t,
                    &sheet_options(&a.sheet)?,
                    &existing,
                ),
                "CSV",
            )
        }
        Source::Xlsx(a) => {
            let t = sheet::read_workbook(&a.sheet.file, a.worksheet.as_deref())
                .map_err(Failure::Message)?;
            (
                sheet::import(
                    &shown(&a.sheet.file),
                    &t,
                    &sheet_options(&a.sheet)?,
                    &existing,
                ),
                "a workbook",
            )
        }
        Source::Netbox(a) => {
            let mut inputs = Vec::new();
            for f in &a.files {
                let text = std::fs::read_to_string(f)
                    .map_err(|e| Failure::Message(format!("{}: {e}", f.display())))?;
                inputs.push(netbox::Input {
                    file: shown(f),
                    text,
                });
            }
            let missing = netbox::check_pages(&inputs);
            if !missing.is_empty() {
                let mut err = io::stderr().lock();
                for p in &missing {
                    let _ = writeln!(err, "{p}");
                }
                let _ = writeln!(
                    err,
                    "samdrift: pages of a NetBox list are missing; nothing written (give every page to one import)"
                );
                return Ok(2);
            }
            let mut opts = netbox::NetboxOptions::default();
            for r in &a.roles {
                opts.roles
                    .push(netbox::parse_role(r).map_err(Failure::Message)?);
            }
            (netbox::import(&inputs, &opts, &existing), "NetBox")
        }
        Source::Glpi(a) => {
            let t = sheet::read_csv(&a.file, delimiter(a.delimiter)?).map_err(Failure::Message)?;
            let opts = glpi::GlpiOptions {
                itemtype: a.itemtype.map(|i| match i {
                    ItemTypeArg::Computer => glpi::ItemType::Computer,
                    ItemTypeArg::NetworkEquipment => glpi::ItemType::NetworkEquipment,
                    ItemTypeArg::Printer => glpi::ItemType::Printer,
                    ItemTypeArg::Phone => glpi::ItemType::Phone,
                }),
                group: !a.no_group,
            };
            (glpi::import(&shown(&a.file), &t, &opts, &existing), "GLPI")
        }
    };
    let inputs: Vec<String> = match &args.source {
        Source::Netbox(a) => a.files.iter().map(|f| file_name_of(f)).collect(),
        _ => vec![file_name_of(first_input)],
    };
    let comment = format!(
        "Imported by samdrift from {source} ({}).\nEdit freely; importing again with --force replaces this file.",
        inputs.join(", ")
    );
    finish(
        &WriteOptions {
            comment: &comment,
            ..opts
        },
        result,
        common.skip_bad_rows,
        &existing,
    )
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

fn file_name_of(p: &Path) -> String {
    p.file_name()
        .map_or_else(|| shown(p), |n| n.to_string_lossy().to_string())
}

fn delimiter(c: Option<char>) -> Result<Option<u8>, Failure> {
    match c {
        None => Ok(None),
        Some(c) if c.is_ascii() => Ok(Some(c as u8)),
        Some(c) => Err(Failure::Message(format!(
            "--delimiter {c}: give a single ASCII character"
        ))),
    }
}

fn sheet_options(a: &SheetArgs) -> Result<sheet::SheetOptions, Failure> {
    let layer = Layer::from(a.layer);
    let kind = match &a.kind {
        Some(k) => {
            Some(sheet::kind_in(layer, k).map_err(|m| Failure::Message(format!("--kind: {m}")))?)
        }
        None => None,
    };
    let map = a
        .map
        .iter()
        .map(|m| sheet::parse_map(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::Message)?;
    Ok(sheet::SheetOptions { layer, kind, map })
}

/// Reports the problems and writes the file when the import may be written.
fn finish(
    opts: &WriteOptions,
    mut result: Import,
    skip_bad_rows: bool,
    existing: &Existing,
) -> Outcome {
    result
        .problems
        .sort_by(|a, b| (&a.file, a.row, a.col).cmp(&(&b.file, b.row, b.col)));
    let mut err = io::stderr().lock();
    for p in &result.problems {
        let _ = writeln!(err, "{p}");
    }
    let errors = result.errors();
    if errors > 0 && !skip_bad_rows {
        let _ = writeln!(
            err,
            "samdrift: {errors} problem{} in the input; nothing written (fix them, or pass --skip-bad-rows to import the other rows)",
            super::plural(errors)
        );
        return Ok(2);
    }
    if result.drafts.is_empty() {
        let _ = writeln!(err, "samdrift: nothing to import; nothing written");
        return Ok(2);
    }
    match import::write(opts, &result.drafts, existing) {
        Ok(w) => {
            for d in &w.warnings {
                let _ = writeln!(err, "{d}");
            }
            let skipped = if errors > 0 {
                format!(" ({errors} bad row{} skipped)", super::plural(errors))
            } else {
                String::new()
            };
            let _ = writeln!(
                err,
                "wrote {}: {} asset{}{skipped}",
                opts.rel_path(),
                w.assets,
                super::plural(w.assets)
            );
            Ok(0)
        }
        Err(WriteError::Message(m)) => Err(Failure::Message(m)),
        Err(WriteError::Invalid(diags)) => {
            for d in diags.iter().filter(|d| d.level == Level::Error) {
                let _ = writeln!(err, "{d}");
            }
            Err(Failure::Message(format!(
                "the imported file did not load cleanly, so it was not kept ({}); please report this",
                opts.rel_path()
            )))
        }
    }
}
