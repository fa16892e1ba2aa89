//! Search listings as the finder does: Finnish inflection, compounds, filters.
//! Run: `cargo run -p kiertokit --example search -- listings.json betonia`
//! (without arguments: the shipped sample listings and the query `betonimursketta`).

use kiertokit::matching::{Index, Query, parse_listings, sample_listings};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (listings, query) = match args.as_slice() {
        [file, query, ..] => {
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| {
                eprintln!("cannot read {file}: {e}");
                std::process::exit(1);
            });
            // Bad rows come back as diagnostics; the good rows are used.
            let (listings, diagnostics) = parse_listings(&text).into_parts();
            for d in &diagnostics {
                eprintln!("row {}: {}: {}", d.row, d.field, d.message);
            }
            (listings, query.clone())
        }
        _ => (sample_listings(), "betonimursketta".to_owned()),
    };
    let index = Index::new(listings);
    let results = index.search(&Query {
        limit: 5,
        today: Some("2025-06-01".into()),
        ..Query::text(&query)
    });
    println!(
        "{} listings match `{query}`; the best {}:",
        results.total,
        results.hits.len()
    );
    for hit in &results.hits {
        let l = &index.listings()[hit.index];
        println!("  {:.2}  {}  {}", hit.score, l.id, l.title);
    }
}
