//! Browser helpers every widget uses: number and date formatting, focus, storage, files.
//! Widgets import these and core, never each other, so each compiles alone into its module.

pub mod browser;
pub mod chart;
pub mod csv;
pub mod experts;
pub mod finland;
pub mod focus;
pub mod format;
pub mod load;
pub mod mail;
pub mod storage;
