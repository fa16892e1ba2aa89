//! Kiertokit core: pure, deterministic engines for the Finnish circular economy.
//!
//! No I/O, clock or randomness: data, `now` and seeds come in as arguments, so the same
//! inputs give the same numbers natively and in WebAssembly.
//!
//! ```
//! use kiertokit::matching::{Listing, filter};
//! let listings: Vec<Listing> = kiertokit::matching::sample_listings();
//! let hits = filter(&listings, "puu");
//! assert!(!hits.is_empty());
//! ```

pub mod assessment;
pub mod csv;
pub mod date;
pub mod impact;
pub mod matching;
pub mod scoring;
pub mod sort;
pub mod strict;
pub mod vocab;
pub mod workspace;

pub use vocab::{Diagnostic, Lang, Quantity, Severity, Unit};
