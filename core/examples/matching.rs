//! Match offers to seeks with explanations, as the finder's detail view and `kiertokit match` do.
//! Run: `cargo run -p kiertokit --example matching`

use kiertokit::matching::{Index, MatchOptions, sample_listings};

fn main() {
    let index = Index::new(sample_listings());
    let options = MatchOptions {
        today: Some("2025-06-01".into()),
        per_listing: Some(3),
        ..MatchOptions::default()
    };
    // Streamed seek by seek: memory stays bounded whatever the number of listings.
    let mut shown = 0;
    index.for_each_match_by_seek(&options, |m| {
        if shown < 5 {
            println!("{} → {}: {:.2}", m.offer, m.seek, m.score);
            for f in &m.factors {
                println!("    {:<10} {:.2}  {}", f.name, f.value, f.detail);
            }
            shown += 1;
        }
    });
}
