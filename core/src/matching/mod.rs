//! Material matching: listings of offered and sought materials, and finding them.
//!
//! This first slice has the listing type and a case-insensitive filter; the Finnish-aware
//! search index and matching replace `filter` behind the same shape.

mod listing;

pub use listing::{Listing, ListingKind, filter, sample_listings};
