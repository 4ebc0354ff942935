//! `samdrift graph` and `samdrift impact`.

use super::{Failure, Outcome, emit, load_valid};
use crate::graph::Graph;
use crate::views::graph as view;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct GraphArgs {
    /// Only this organisation's assets (and the assets of other orgs they touch).
    #[arg(long, value_name = "ORG")]
    org: Option<String>,
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    format: GraphFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum GraphFormat {
    Dot,
    Json,
    Graphml,
}

#[derive(clap::Args, Debug)]
pub struct ImpactArgs {
    /// The asset, as `org/id` (or `id` when there is one organisation).
    #[arg(value_name = "REF")]
    reference: String,
    #[arg(long, value_enum, default_value_t = ImpactFormat::Table)]
    format: ImpactFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ImpactFormat {
    Table,
    Json,
}

pub fn run_graph(root: &Path, args: &GraphArgs) -> Outcome {
    let loaded = load_valid(root, true)?;
    let p = &loaded.project;
    if let Some(o) = &args.org
        && p.org_by_id(o).is_none()
    {
        let hint = crate::diag::did_you_mean(o, p.orgs.iter().map(|o| o.id.as_str()))
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        return Err(Failure::Message(format!("no organisation `{o}`{hint}")));
    }
    let g = Graph::build(p);
    let sub = view::subgraph(p, &g, args.org.as_deref());
    let text = match args.format {
        GraphFormat::Dot => view::dot(p, &sub),
        GraphFormat::Json => view::json(p, &sub),
        GraphFormat::Graphml => view::graphml(p, &sub),
    };
    emit(&text)?;
    Ok(0)
}

pub fn run_impact(root: &Path, args: &ImpactArgs) -> Outcome {
    let loaded = load_valid(root, true)?;
    let p = &loaded.project;
    let (org, id) = match args.reference.split_once('/') {
        Some((o, i)) => (o.to_string(), i.to_string()),
        None if p.orgs.len() == 1 => (p.orgs[0].id.clone(), args.reference.clone()),
        None => {
            return Err(Failure::Message(format!(
                "write the asset as `org/id`, e.g. `{}/{}`",
                p.orgs.first().map_or("org", |o| &o.id),
                args.reference
            )));
        }
    };
    let Some(i) = p.find_asset(&org, &id) else {
        let hint = match p.org_by_id(&org) {
            Some(o) => {
                crate::diag::did_you_mean(&id, p.org_assets(o).iter().map(|a| a.id.as_str()))
            }
            None => crate::diag::did_you_mean(&org, p.orgs.iter().map(|o| o.id.as_str())),
        };
        return Err(Failure::Message(format!(
            "no asset `{org}/{id}`{}",
            hint.map(|h| format!(" ({h})")).unwrap_or_default()
        )));
    };
    let g = Graph::build(p);
    let imp = view::impact(p, &g, i);
    let text = match args.format {
        ImpactFormat::Table => view::impact_text(p, &imp),
        ImpactFormat::Json => {
            serde_json::to_string_pretty(&imp).map_err(|e| Failure::Message(e.to_string()))? + "\n"
        }
    };
    emit(&text)?;
    Ok(0)
}
