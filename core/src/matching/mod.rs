//! Material matching: listings of offered and sought materials, and finding them.
//!
//! This first slice has the listing type and a case-insensitive filter; the Finnish-aware
//! search index and matching replace `filter` behind the same shape.

mod ewc;
mod geo;
mod listing;
mod taxonomy;

pub use ewc::{EwcEntry, ewc, ewc_entries, normalize_ewc};
pub use geo::{Municipality, find_municipality, haversine_km, municipalities, regions};
pub use listing::{Listing, ListingKind, filter, sample_listings};
pub use taxonomy::{Category, categories, category, category_for_ewc};
