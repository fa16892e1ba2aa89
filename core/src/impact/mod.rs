//! Impact engine (see docs/architecture.md).
