//! Kiertokit core: pure, deterministic engines for the Finnish circular economy.
//!
//! No I/O, clock or randomness: data, `now` and seeds come in as arguments, so the same
//! inputs give the same numbers natively and in WebAssembly.
//!
//! Quick start — search listings and match offers to seeks, as the finder and the CLI do
//! (more in `core/examples/`: `cargo run -p kiertokit --example search`):
//!
//! ```
//! use kiertokit::matching::{Index, MatchOptions, Query, parse_listings};
//!
//! // Partner data: the good rows are kept, bad ones come back as diagnostics.
//! let json = r#"[
//!   {"id": "o1", "kind": "offer", "title": "Betonimurske BEM II", "category": "construction",
//!    "quantity": {"amount": 500, "unit": "t"}, "municipality": "Vantaa", "ewc": "170101"},
//!   {"id": "s1", "kind": "seek", "title": "Murskattua betonia täyttöön", "category": "construction",
//!    "quantity": {"amount": 300, "unit": "t"}, "municipality": "Espoo", "ewc": "170101"},
//!   {"id": "", "kind": "offer"}
//! ]"#;
//! let (listings, diagnostics) = parse_listings(json).into_parts();
//! assert_eq!(listings.len(), 2);
//! assert!(!diagnostics.is_empty());
//!
//! let index = Index::new(listings);
//! // Inflected Finnish finds the base form: `betonia` (partitive) finds `betoni…` listings.
//! let found = index.search(&Query::text("betonia"));
//! assert_eq!(found.total, 2);
//!
//! // Every offer against every seek, best first, each with its explained factors.
//! let matches = index.matches_for_id("s1", &MatchOptions::default());
//! assert_eq!(matches[0].offer, "o1");
//! assert!(matches[0].factors.iter().any(|f| f.name == "distance"));
//! ```

// The core does no I/O: printing is for the CLI and the widgets (tests may report coverage).
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]
// Every public item says what it is; the few files still marked `allow` are documented next.
#![warn(missing_docs)]

pub mod assessment;
pub mod csv;
pub mod date;
pub mod directory;
pub mod impact;
pub mod matching;
pub mod scoring;
pub mod sort;
pub mod strict;
pub mod vocab;
pub mod workspace;

pub use vocab::{Code, Diagnostic, Lang, Parsed, Quantity, Severity, Unit};
