//! Material matching: listings of offered and sought materials, and finding them.
//!
//! Listings and their JSON/CSV import, Finnish/Swedish/English text analysis, the search
//! [`Index`] with filters and facets, explained offer–seek matching and allocation.
//! `filter` stays as the plain substring baseline. See `docs/matching.md`.

pub(crate) mod allocate;
#[cfg(test)]
mod collision_tests;
mod error;
mod ewc;
mod exchange;
mod explain;
mod geo;
mod import;
#[cfg(test)]
mod inflection_tests;
mod listing;
/// Category and region names and the EWC labels' words, written by `build.rs` from the data files.
mod names {
    include!(concat!(env!("OUT_DIR"), "/names.rs"));
}
pub mod materiaalitori;
mod pairs;
#[cfg(test)]
mod proptests;
mod score;
mod search;
#[cfg(test)]
mod swedish_inflection_tests;
mod taxonomy;
pub mod text;

pub use allocate::{Allocation, Flow, Remainder, allocate};
pub use error::MatchingError;
pub use ewc::{
    CheckedEwc, EwcCode, EwcEntry, EwcLabels, WrittenEwc, check_entry, ewc, ewc_entries,
    ewc_hazardous, ewc_labels, normalize_ewc,
};
pub use exchange::{Exchange, PieceMass, exchangeable, piece_mass, quantity_tonnes};
pub use geo::{
    Municipality, find_municipality, haversine_km, is_municipality, municipalities, region_name,
    regions,
};
pub use import::{
    FORMAT_VERSION, ListingFile, from_materiaalitori, parse_csv, parse_json, parse_listings,
    sample_listings, to_json, validate,
};
pub use listing::{Coordinates, Listing, ListingKind, Recurrence, Status, day_number, filter};
pub use materiaalitori::{looks_like_materiaalitori, parse_materiaalitori};
pub use score::{Factor, Facts, Match, MatchOptions, Weights, material_similarity};
pub use search::{Facets, Hit, Index, Query, SearchResults};
pub use taxonomy::{Category, categories, category, category_for_ewc, category_name};
