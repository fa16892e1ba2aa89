//! `search`, `match` and `allocate`: listings from a JSON or CSV file, JSON on stdout.

use crate::Outcome;
use crate::args::{Args, read_file};
use kiertokit::Severity;
use kiertokit::matching::{Index, Listing, MatchOptions, Query, parse_listings};
use std::io::Write;

/// Reads listings (JSON or CSV, detected), printing diagnostics; fails when nothing usable.
fn load(args: &Args, stderr: &mut dyn Write) -> Result<Vec<Listing>, String> {
    let path = args.require("listings")?;
    let text = read_file(path)?;
    let (listings, diagnostics) = parse_listings(&text);
    for d in &diagnostics {
        let _ = writeln!(stderr, "{path}: {d}");
    }
    let fatal = diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error && d.row == 0);
    if listings.is_empty() && (fatal || !diagnostics.is_empty()) {
        return Err(format!("{path}: no usable listings"));
    }
    Ok(listings)
}

fn options(args: &Args) -> Result<MatchOptions, String> {
    let mut opts = MatchOptions {
        today: args.get("today").map(str::to_owned),
        ..MatchOptions::default()
    };
    if let Some(v) = args.get("min-score") {
        opts.min_score = kiertokit::vocab::parse_decimal(v)
            .filter(|x| (0.0..=1.0).contains(x))
            .ok_or(format!(
                "`--min-score` must be a number in [0, 1], not `{v}`"
            ))?;
    }
    Ok(opts)
}

pub fn search(args: &[String], stderr: &mut dyn Write) -> Outcome {
    let args = Args::parse(args, &["include-closed"])?;
    let listings = load(&args, stderr)?;
    let query = Query {
        include_closed: args.flag("include-closed"),
        limit: args.number("top", 20)?,
        today: args.get("today").map(str::to_owned),
        ..Query::text(args.require("query")?)
    };
    let index = Index::new(listings);
    let results = index.search(&query);
    let hits: Vec<_> = results
        .hits
        .iter()
        .filter_map(|h| {
            let l = index.listings().get(h.index)?;
            Some(serde_json::json!({
                "id": h.id,
                "score": h.score,
                "kind": l.kind,
                "title": l.title,
                "category": l.category,
                "municipality": l.municipality,
            }))
        })
        .collect();
    Ok(hits.into())
}

pub fn matches(args: &[String], stderr: &mut dyn Write) -> Outcome {
    let args = Args::parse(args, &[])?;
    let listings = load(&args, stderr)?;
    let opts = options(&args)?;
    let index = Index::new(listings);
    let mut found = index.all_matches(&opts);
    if let Some(top) = args.get("top").map(|_| args.number("top", 0)).transpose()? {
        found.truncate(top);
    }
    let out: Vec<_> = found
        .iter()
        .map(|m| {
            serde_json::json!({
                "offer": m.offer,
                "seek": m.seek,
                "score": m.score,
                "distance_km": m.distance_km,
                "factors": m.factors,
            })
        })
        .collect();
    Ok(out.into())
}

pub fn allocate(args: &[String], stderr: &mut dyn Write) -> Outcome {
    let args = Args::parse(args, &[])?;
    let listings = load(&args, stderr)?;
    let opts = options(&args)?;
    let allocation = Index::new(listings).allocate(&opts);
    serde_json::to_value(allocation).map_err(|e| e.to_string())
}
