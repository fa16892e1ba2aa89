use crate::vocab::Quantity;
use serde::{Deserialize, Serialize};

/// Whether a listing offers a material or seeks one (ValueFlows: an Intent's provider/receiver).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListingKind {
    Offer,
    Seek,
}

/// One offered or sought material.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    pub id: String,
    pub kind: ListingKind,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub category: String,
    pub quantity: Quantity,
    pub municipality: String,
}

/// Listings whose title, description, category or municipality contain `query`, ignoring case.
pub fn filter<'a>(listings: &'a [Listing], query: &str) -> Vec<&'a Listing> {
    let needle = query.trim().to_lowercase();
    listings
        .iter()
        .filter(|l| {
            needle.is_empty()
                || [&l.title, &l.description, &l.category, &l.municipality]
                    .iter()
                    .any(|field| field.to_lowercase().contains(&needle))
        })
        .collect()
}

/// The built-in demo listings (fictional companies, real municipalities).
pub fn sample_listings() -> Vec<Listing> {
    serde_json::from_str(include_str!("../../data/sample-listings.json")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_ignores_case_and_matches_every_text_field() {
        let listings = sample_listings();
        assert!(listings.len() >= 10, "sample data must load");
        let hits = filter(&listings, "PUU");
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|l| {
            let all = format!("{} {} {} {}", l.title, l.description, l.category, l.municipality);
            all.to_lowercase().contains("puu")
        }));
    }

    #[test]
    fn empty_query_keeps_everything() {
        let listings = sample_listings();
        assert_eq!(filter(&listings, "  ").len(), listings.len());
        assert!(filter(&listings, "zzzz-no-such-thing").is_empty());
    }
}
