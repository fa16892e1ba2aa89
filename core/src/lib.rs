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

// The core does no I/O: printing is for the CLI and the widgets (tests may report coverage).
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]

pub mod assessment;
pub mod csv;
pub mod date;
pub mod impact;
pub mod matching;
pub mod scoring;
pub mod sort;
pub mod strict;
pub mod vocab;

pub use vocab::{Diagnostic, Lang, Quantity, Severity, Unit};
