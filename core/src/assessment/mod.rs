//! Self-assessment (KIERTO-kartoitus): questionnaires as versioned JSON, scoring, maturity
//! levels, red flags, recommendations, what-if, comparison, share links and saved answers.
//!
//! ```
//! use kiertokit::assessment::{Answer, Answers, Questionnaire, decode_share, encode_share, score};
//! let q = Questionnaire::default_builtin();
//! let mut answers = Answers::new();
//! answers.insert("strategy-goals".into(), Answer::number(3.0));
//! let result = score(&q, &answers);
//! assert!(result.overall.is_some_and(|s| (0.0..=100.0).contains(&s)));
//! let link = encode_share(&q, &answers);
//! assert_eq!(decode_share(&q, &link).map(|s| s.answers), Ok(answers));
//! ```
//!
//! Formulas, file shapes and the share-link layout are documented in `docs/assessment.md`.

mod answer;
mod export;
mod handoff;
mod load;
mod model;
mod score;
mod services;
mod share;

pub use export::{to_csv, to_json};
pub use handoff::{Handoff, HandoffOptions, SideStream, handoff, side_stream};
pub use load::default_levels;
pub use model::{
    Answer, AnswerRecommendation, Answers, Band, BusinessModel, Choice, Condition, LevelDef,
    LevelGate, ProfileKeys, Question, QuestionKind, Questionnaire, RedFlagDef, SideStreamKeys,
    Test, Theme, ThemeKind, ThemeRecommendation, YesNoPoints,
};
pub use score::{
    Action, Assessment, Comparison, Completeness, DataGap, Delta, Gain, GateReason, GateReport,
    Level, ModelFit, PracticeFlag, Profile, QuestionnaireRef, Recommendation, ScoreOptions, Source,
    ThemeDelta, ThemeResult, Weakness, WhatIf, compare, score, score_with, visible_questions,
    what_if, what_if_with,
};
pub use services::{Service, ServiceKind, ServiceRef, Services, day_number, region_name};
pub use share::{
    Recovered, RecoveryStatus, STORAGE_FORMAT, STORAGE_VERSION, ShareError, SharedAnswers, Stored,
    decode_share, encode_share, recover_storage, to_storage, to_storage_kept,
};

#[cfg(test)]
mod tests;
