//! The symbiosis coordinator's workspace: what a workshop or company visit produced, the
//! synergies followed up to an outcome, realised exchanges and their monitored impact.
//!
//! Built on the other engines: candidate synergies come from [`crate::matching`], their impact
//! from [`crate::impact`] and their priority from [`crate::scoring`]'s WSM or TOPSIS. Dates come
//! in as arguments (the core reads no clock). Formats and the follow-up loop: `docs/coordinator.md`.
//!
//! ```
//! use kiertokit::workspace::{parse_workspace, aggregate, Period};
//! use kiertokit::impact::Factors;
//! let read = parse_workspace(r#"{"version": 1, "name": "Demo"}"#).expect("a workspace");
//! assert!(read.is_clean());
//! let ws = read.value;
//! let report = aggregate(&ws, Factors::builtin().expect("built in"), &Period::default())
//!     .expect("a valid period");
//! assert_eq!(report.total.exchanges, 0);
//! ```

mod aggregate;
mod candidates;
mod merge;
mod model;
mod render;
mod summary;
mod survey;
#[cfg(test)]
mod tests;

pub use aggregate::{
    Aggregate, Figure, Figures, MAX_YEARS, Period, SynergyCounts, UNKNOWN, aggregate,
    exchange_slices,
};
pub use candidates::{Candidate, CandidateOptions, PriorityWeights, candidates, default_pathways};
pub use merge::{Conflict, Merged, merge};
pub use model::{
    Company, Contact, DropReason, Event, EventKind, Exchange, Note, StatusChange, Synergy,
    SynergyStatus, Unreadable, WORKSPACE_VERSION, Workspace, WorkspaceListing, latest_day,
    parse_workspace, set_status, to_json, undo_status,
};
pub use render::{ReportFormat, reason_label, render, status_label};
pub use summary::{
    Indicator, IndicatorTarget, IndicatorValue, PublicFigures, PublicSummary, PublicValue, Source,
    parse_indicators, parse_summary, summary,
};
pub use survey::{Applied, SurveyAnswer, SurveyOutcome, apply_survey, parse_survey};

/// Everything that can go wrong in the workspace engine (bad rows are diagnostics instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkspaceError {
    #[error("not a workspace: {0}")]
    /// The text is not a JSON workspace object.
    NotJson(String),
    #[error("unsupported workspace version {0}; this reader reads version 1")]
    /// The file is of a version this reader does not read.
    Version(String),
    #[error("`{0}` is not a date written YYYY-MM-DD")]
    /// A date given to an operation is not `YYYY-MM-DD`.
    Date(String),
    #[error("no synergy with id `{0}`")]
    /// No synergy has this id.
    UnknownId(String),
    #[error("synergy `{id}`: {date} is earlier than its last status change")]
    /// A status step dated before the synergy's last one.
    BeforeLastStep {
        /// The synergy's id.
        id: String,
        /// The date given.
        date: String,
    },
    #[error("synergy `{0}` has only its first status step, which cannot be taken back")]
    /// Undo asked of a synergy that has only its first step.
    OnlyStep(String),
    #[error("survey answer id `{0}` is already used by a different answer")]
    /// A survey answer reuses the id of a different answer.
    AnswerIdTaken(String),
    #[error("the period ends before it starts")]
    /// The period ends before it starts.
    EmptyPeriod,
    #[error(
        "the period {from} – {to} spans more than 100 years; give its start and end (a date in the workspace may be mistyped)"
    )]
    /// The period spans more than [`MAX_YEARS`] years.
    PeriodTooLong {
        /// First day of the period.
        from: String,
        /// Last day of the period.
        to: String,
    },
}
