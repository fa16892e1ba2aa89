use crate::Outcome;
use crate::args::{Args, read_file};
use kiertokit::matching::{Listing, filter};
use std::io::Write;

pub fn search(args: &[String], _stderr: &mut dyn Write) -> Outcome {
    let args = Args::parse(args, &["include-closed"])?;
    let text = read_file(args.require("listings")?)?;
    let query = args.require("query")?;
    let top = args.number("top", 20)?;
    let listings: Vec<Listing> =
        serde_json::from_str(&text).map_err(|e| format!("listings are not valid JSON: {e}"))?;
    let hits: Vec<_> = filter(&listings, query)
        .into_iter()
        .take(top)
        .map(|l| serde_json::json!({"id": l.id, "score": 1.0, "title": l.title}))
        .collect();
    Ok(hits.into())
}

pub fn matches(_args: &[String], _stderr: &mut dyn Write) -> Outcome {
    Err("`match` is not available yet".into())
}

pub fn allocate(_args: &[String], _stderr: &mut dyn Write) -> Outcome {
    Err("`allocate` is not available yet".into())
}
