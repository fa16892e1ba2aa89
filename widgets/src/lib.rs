//! Kiertokit widgets: Leptos components, compiled into one WebAssembly module per widget and a
//! full module with all of them (cargo features; see xtask/src/build.rs).
//!
//! `embed` holds every `#[wasm_bindgen]` export; `loader.js` (in `widgets/js/`) finds the
//! placeholders on a partner page, creates a shadow root for each and calls those exports.
//! Widgets use `shared`, `i18n`, `host` and core, never each other.

#[cfg(feature = "application-check")]
mod application_check;
#[cfg(feature = "closing-survey")]
mod closing_survey;
#[cfg(feature = "coordinator-workbench")]
mod coordinator_workbench;
#[cfg(feature = "directory")]
mod directory;
mod embed;
#[cfg(feature = "finder")]
mod finder;
// Public for the browser tests only (the panic report); not part of the JS API.
#[doc(hidden)]
pub mod host;
// The helpers widgets share are a library: a one-widget module uses part of it, and the full
// build (every widget) is where unused helpers are caught.
#[cfg_attr(
    not(all(
        feature = "finder",
        feature = "self-assessment",
        feature = "impact-calculator",
        feature = "application-check",
        feature = "review-board",
        feature = "directory",
        feature = "closing-survey",
        feature = "situational-picture",
        feature = "coordinator-workbench"
    )),
    allow(dead_code)
)]
mod i18n;
#[cfg(feature = "impact-calculator")]
mod impact_calculator;
#[cfg(feature = "review-board")]
mod review_board;
#[cfg(feature = "self-assessment")]
mod self_assessment;
#[cfg_attr(
    not(all(
        feature = "finder",
        feature = "self-assessment",
        feature = "impact-calculator",
        feature = "application-check",
        feature = "review-board",
        feature = "directory",
        feature = "closing-survey",
        feature = "situational-picture",
        feature = "coordinator-workbench"
    )),
    allow(dead_code)
)]
mod shared;
#[cfg(feature = "situational-picture")]
mod situational_picture;

pub use embed::*;
