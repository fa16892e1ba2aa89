//! Scoring engine (see docs/architecture.md).
