//! Integration tests live in `tests/tests/`; fixtures in `tests/fixtures/`.
//!
//! The library part holds only what `fuzz/` shares with the tests: the fuzz entries.

pub mod fuzz;
