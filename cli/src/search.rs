//! `search`, `match` and `allocate`: listings from a JSON or CSV file, JSON on stdout.

use crate::args::{Args, read_file};
use crate::{Failure, Outcome, Output, Report, json};
use kiertokit::matching::{Index, Listing, Match, MatchOptions, Query, parse_listings};
use std::io::Write;

/// Reads listings (JSON or CSV, detected), reporting diagnostics; fails when nothing usable.
fn load(args: &Args, report: &mut Report) -> Result<Vec<Listing>, Failure> {
    let path = args.require("listings")?;
    let text = read_file(path)?;
    let (listings, diagnostics) = parse_listings(&text).into_parts();
    report.diagnostics(path, &diagnostics);
    if listings.is_empty() && Report::has_errors(&diagnostics) {
        return Err(Failure::Input(format!("{path}: no usable listings")));
    }
    Ok(listings)
}

fn options(args: &Args) -> Result<MatchOptions, Failure> {
    let mut opts = MatchOptions {
        today: args.today()?,
        ..MatchOptions::default()
    };
    if let Some(v) = args.get("min-score") {
        opts.min_score = kiertokit::vocab::parse_decimal(v)
            .filter(|x| (0.0..=1.0).contains(x))
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "`--min-score` must be a number in [0, 1], not `{v}`"
                ))
            })?;
    }
    Ok(opts)
}

pub fn search(args: &[String], report: &mut Report) -> Outcome {
    let args = Args::parse(
        args,
        &["include-closed"],
        &["listings", "query", "top", "today"],
    )?;
    let query = Query {
        include_closed: args.flag("include-closed"),
        limit: args.number("top", 20)?,
        today: args.today()?,
        ..Query::text(args.require("query")?)
    };
    let index = Index::new(load(&args, report)?);
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
    json(hits)
}

fn match_json(m: &Match) -> serde_json::Value {
    serde_json::json!({
        "offer": m.offer,
        "seek": m.seek,
        "score": m.score,
        "distance_km": m.distance_km,
        "factors": m.factors,
    })
}

/// `match`: the best `--top K` (10) offers per seek, best first overall, or with `--all` every
/// admissible pair seek by seek; written as each match is explained, never held all at once.
pub fn matches(args: &[String], stdout: &mut dyn Write, report: &mut Report) -> Outcome {
    let args = Args::parse(
        args,
        &["all"],
        &["listings", "top", "min-score", "today", "format"],
    )?;
    let lines = match args.get("format").unwrap_or("json") {
        "json" => false,
        "jsonl" => true,
        other => {
            return Err(Failure::Usage(format!(
                "`--format` must be json or jsonl, not `{other}`"
            )));
        }
    };
    if args.flag("all") && args.get("top").is_some() {
        return Err(Failure::Usage(
            "`--all` and `--top` exclude each other".into(),
        ));
    }
    let mut opts = options(&args)?;
    let top = args.number("top", 10)?;
    opts.per_listing = (!args.flag("all")).then_some(top);
    let index = Index::new(load(&args, report)?);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
    let mut first = true;
    let mut failed: Option<std::io::Error> = None;
    let mut write = |m: Match| {
        if failed.is_some() {
            return;
        }
        let value = match_json(&m);
        let sep = match (lines, first) {
            (true, _) => "",
            (false, true) => "[\n",
            (false, false) => ",\n",
        };
        first = false;
        let written =
            write!(out, "{sep}{value}").and_then(|()| if lines { writeln!(out) } else { Ok(()) });
        if let Err(e) = written {
            failed = Some(e);
        }
    };
    if args.flag("all") {
        index.for_each_match_by_seek(&opts, &mut write);
    } else {
        index.for_each_match(&opts, &mut write);
    }
    let end = match (lines, first) {
        (true, _) => "",
        (false, true) => "[]\n",
        (false, false) => "\n]\n",
    };
    let finished = write!(out, "{end}").and_then(|()| out.flush());
    match failed.map_or(finished, Err) {
        Ok(()) => Ok(Output::Streamed),
        // A closed pipe (`| head`) is the reader's choice, not an input problem.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Output::Streamed),
        Err(e) => Err(Failure::Input(format!("cannot write the matches: {e}"))),
    }
}

/// `allocate`: supply over demand along each seek's `--top K` (10) best offers, or along every
/// admissible pair with `--all` (memory then grows with the pairs).
pub fn allocate(args: &[String], report: &mut Report) -> Outcome {
    let args = Args::parse(args, &["all"], &["listings", "min-score", "today", "top"])?;
    if args.flag("all") && args.get("top").is_some() {
        return Err(Failure::Usage(
            "`--all` and `--top` exclude each other".into(),
        ));
    }
    let mut opts = options(&args)?;
    opts.per_listing = (!args.flag("all")).then_some(args.number("top", 10)?);
    let allocation = Index::new(load(&args, report)?).allocate(&opts);
    json(allocation)
}

/// `import materiaalitori FILE`: Materiaalitori's listing JSON as our versioned listings file.
pub fn import(args: &[String], report: &mut Report) -> Outcome {
    let [source, path] = args else {
        return Err(Failure::Usage(
            "usage: kiertokit import materiaalitori FILE".into(),
        ));
    };
    if source != "materiaalitori" {
        return Err(Failure::Usage(format!(
            "unknown import source `{source}`; the one source is materiaalitori"
        )));
    }
    let text = read_file(path)?;
    let (listings, diagnostics) = kiertokit::matching::from_materiaalitori(&text).into_parts();
    report.diagnostics(path, &diagnostics);
    if listings.is_empty() && Report::has_errors(&diagnostics) {
        return Err(Failure::Input(format!("{path}: no usable listings")));
    }
    let file: serde_json::Value = serde_json::from_str(&kiertokit::matching::to_json(&listings))
        .map_err(|e| Failure::Input(format!("cannot write the listings: {e}")))?;
    Ok(Output::Json(file))
}
