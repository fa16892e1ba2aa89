//! Assessment engine (see docs/architecture.md).
