//! Kiertokit widgets: Leptos components compiled into one WebAssembly module.
//!
//! `embed` holds every `#[wasm_bindgen]` export; `loader.js` (in `widgets/js/`) finds the
//! placeholders on a partner page, creates a shadow root for each and calls those exports.

// A module built with only some widgets' exports leaves the others' code unused (LTO drops it).
#![cfg_attr(
    not(all(
        feature = "finder",
        feature = "self-assessment",
        feature = "impact-calculator",
        feature = "application-check",
        feature = "review-board",
        feature = "closing-survey",
        feature = "situational-picture"
    )),
    allow(dead_code, unused_imports)
)]

mod application_check;
mod closing_survey;
mod embed;
mod finder;
// Public for the browser tests only (the panic report); not part of the JS API.
#[doc(hidden)]
pub mod host;
mod i18n;
mod impact_calculator;
mod review_board;
mod self_assessment;
mod situational_picture;

pub use embed::*;
