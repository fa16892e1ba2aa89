//! The directory engine: curated lists of experts, funding calls and circular-economy
//! companies, searched with the finder's index and matched to a need. See `docs/directory.md`.
//!
//! - [`parse_directory`] reads the versioned JSON (`{"version": 1, "kind": …, "entries": […]}`)
//!   or CSV; bad rows become diagnostics.
//! - [`Directory::search`]: text relevance from [`crate::matching::Index`], facet filters and
//!   counts per kind.
//! - [`match_experts`] explains each expert's fit to a [`Need`].
//! - [`call_timing`], [`precheck`] (the scoring engine's eligibility rules) and [`ics`] for
//!   funding calls.

mod entry;
mod experts;
mod funding;
mod read;
mod search;
#[cfg(test)]
mod tests;

pub use entry::{BusinessModel, CallStatus, Company, Entries, Expert, FundingCall, Kind, Skill};
pub use experts::{ExpertMatch, Need, match_experts};
pub use funding::{
    Applicant, CallState, CallTiming, Precheck, call_rules, call_timing, ics, precheck,
};
pub use read::{FORMAT_VERSION, parse_csv, parse_directory, parse_json, to_json};
pub use search::{Directory, DirectoryHit, DirectoryQuery, DirectoryResults, WHOLE_COUNTRY};
