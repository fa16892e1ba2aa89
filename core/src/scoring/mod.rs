//! Application scoring: programmes, eligibility, rubrics, reviews, ranking and selection.
//!
//! ```
//! use kiertokit::scoring::{builtin, evaluate, parse_applications, parse_reviews, ScoreOptions};
//! let programme = builtin("reilu-kiertotalous-2021").expect("built in");
//! let apps = parse_applications(r#"[{"id":"a1","organisation":"Lahden kaupunki",
//!   "organisationType":"municipal-organisation",
//!   "answers":{"contactPerson":"Maija","description":"Kierrätyskeskus","resultsBy":"30.4.2022"}}]"#).value;
//! let reviews = parse_reviews("reviewer,application,criterion,score\nR1,a1,impact,4\nR1,a1,cross-administrative,3\n").value;
//! let report = evaluate(&programme, &apps, reviews, &ScoreOptions::default());
//! assert_eq!(report.selection.selected, ["a1"]);
//! ```

mod agreement;
mod assign;
#[cfg(test)]
mod call_texts;
mod conflicts;
mod eligibility;
mod evaluate;
mod programme;
mod rank;
mod reviews;
mod select;
mod stability;
mod time;

pub use agreement::{LOW_AGREEMENT, MeasurementLevel, alpha_from_table, krippendorff_alpha};
pub use assign::{
    Assignment, AssignmentOptions, Shortfall, ShortfallCause, assign, reviewer_sheet,
};
pub use conflicts::{
    Conflict, ConflictKind, Declaration, Reviewer, blocked, email_domain, find_conflicts,
    parse_declarations, parse_reviewers,
};
pub use eligibility::{
    Application, FailedRule, LATE, ORG_TYPE, Partner, PartnerRole, REGION, TOPIC, TeamMember,
    blinded, check, co_applicants, parse_applications, parse_date, partner_role, passes, region_of,
    standard_text,
};
pub use evaluate::{
    AgreementReport, CriterionAgreement, CriterionScore, DeadlineStatus, ExcludedReviewer,
    Explanation, Now, RankedApplication, Report, ScoreOptions, SelectionSummary, SelfCheck,
    SelfCheckRequest, WeakCriterion, evaluate, self_check, weighted_score,
};
pub use programme::{
    Basis, Check, Criterion, Deadline, FORMAT, Level, Programme, Quota, QuotaDimension,
    QuoteSource, Rule, builtin, builtin_names, parse_programme,
};
pub use rank::{
    AlternativeScore, Candidate, DecisionMatrix, MatrixScores, Method, Normalisation, Ordering,
    TOLERANCE, order, rank_matrix, splitmix64, ticket, topsis, weighted_sum,
};
pub use reviews::{
    Aggregation, DisagreementFlag, Review, aggregate, disagreements, parse_reviews,
    parse_reviews_csv, parse_reviews_json, standardise, validate_reviews,
};
pub use select::{Decision, Pick, Selection, counts_toward, select};
pub use stability::{ApplicationStability, Scenario, Stability, Standing, WEIGHT_STEP, stability};
pub use time::{format_helsinki, format_utc, helsinki_offset, parse_helsinki, parse_instant};

/// Errors of the scoring engine (bad partner rows come back as diagnostics instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoringError {
    #[error("invalid time: {0}")]
    /// A date or time that cannot be read or does not exist in Helsinki time.
    Time(String),
    #[error("invalid decision matrix: {0}")]
    /// A decision matrix whose sizes or values do not fit together.
    Matrix(String),
    #[error("unknown programme `{0}`")]
    /// No built-in programme has this name.
    UnknownProgramme(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn app(i: usize, region: usize, eligible: bool) -> Application {
        Application {
            id: format!("h{i:02}"),
            organisation: format!("Kunta {i}"),
            organisation_type: if eligible {
                "municipal-organisation"
            } else {
                "company"
            }
            .into(),
            region: Some(["Uusimaa", "Pirkanmaa", "Lappi"][region % 3].into()),
            answers: [
                ("contactPerson".into(), "X".into()),
                ("description".into(), "Y".into()),
                ("resultsBy".into(), "2022-03-31".into()),
            ]
            .into(),
            ..Application::default()
        }
    }

    fn reviews_for(scores: &[(u8, u8)]) -> Vec<Review> {
        scores
            .iter()
            .enumerate()
            .flat_map(|(i, (a, b))| {
                [("impact", *a), ("cross-administrative", *b)].map(|(c, s)| Review {
                    reviewer: "R1".into(),
                    application: format!("h{i:02}"),
                    criterion: c.into(),
                    score: Some(f64::from(s)),
                    row: 0,
                })
            })
            .collect()
    }

    fn setup() -> impl Strategy<Value = (Vec<Application>, Vec<Review>)> {
        prop::collection::vec((0u8..=5, 0u8..=5, 0usize..3, any::<bool>()), 1..24).prop_map(|v| {
            let apps = v
                .iter()
                .enumerate()
                .map(|(i, (_, _, r, e))| app(i, *r, *e))
                .collect();
            let revs = reviews_for(&v.iter().map(|(a, b, _, _)| (*a, *b)).collect::<Vec<_>>());
            (apps, revs)
        })
    }

    fn quotas(cap: usize, floor: usize) -> Vec<Quota> {
        let q = |id: &str, v: &str, min, max| Quota {
            id: id.into(),
            dimension: QuotaDimension::Region,
            value: v.into(),
            min,
            max,
            text: Default::default(),
        };
        vec![
            q("cap-uusimaa", "Uusimaa", None, Some(cap)),
            q("floor-lappi", "Lappi", Some(floor), None),
        ]
    }

    proptest! {
        #[test]
        fn ranking_does_not_depend_on_input_order((apps, revs) in setup(), seed in any::<u64>(), rot in 0usize..24) {
            let p = builtin("reilu-kiertotalous-2021").expect("built in");
            let o = ScoreOptions { seed, ..ScoreOptions::default() };
            let a = evaluate(&p, &apps, revs.clone(), &o);
            let mut apps2 = apps.clone();
            apps2.rotate_left(rot % apps.len());
            apps2.reverse();
            let mut revs2 = revs;
            revs2.reverse();
            let b = evaluate(&p, &apps2, revs2, &o);
            prop_assert_eq!(a.ranking, b.ranking);
            prop_assert_eq!(a.selection, b.selection);
        }

        #[test]
        fn selection_respects_n_caps_floors_and_eligibility((apps, revs) in setup(), max in 1usize..8, cap in 0usize..4, floor in 0usize..3) {
            let p = builtin("reilu-kiertotalous-2021").expect("built in");
            let o = ScoreOptions { max_selected: Some(max), quotas: Some(quotas(cap, floor)), ..ScoreOptions::default() };
            let r = evaluate(&p, &apps, revs, &o);
            prop_assert!(r.selection.selected.len() <= max);
            let chosen: Vec<&Application> = apps.iter().filter(|a| r.selection.selected.contains(&a.id)).collect();
            prop_assert!(chosen.iter().all(|a| a.organisation_type == "municipal-organisation"));
            let in_region = |reg: &str| chosen.iter().filter(|a| a.region.as_deref() == Some(reg)).count();
            prop_assert!(in_region("Uusimaa") <= cap);
            let met = in_region("Lappi") >= floor;
            prop_assert_eq!(met, r.selection.unmet_floors.is_empty());
            // A floor is feasible when enough eligible Lappi applications exist and fit under N.
            let lappi = r.explanations.iter().filter(|e| e.eligible && e.score.is_some() && apps.iter().any(|a| a.id == e.application && a.region.as_deref() == Some("Lappi"))).count();
            if lappi >= floor && floor <= max { prop_assert!(met); }
        }

        #[test]
        fn raising_one_criterion_never_lowers_the_weighted_sum(scores in prop::collection::vec(prop::option::of(0.0f64..=5.0), 1..6), w in prop::collection::vec(0.01f64..10.0, 6), j in 0usize..6, up in 0.0f64..5.0) {
            let j = j % scores.len();
            let w = &w[..scores.len()];
            let before = weighted_score(&scores, w);
            let mut raised = scores.clone();
            raised[j] = Some(raised[j].unwrap_or(0.0).max(0.0) + up);
            if scores[j].is_some() {
                prop_assert!(weighted_score(&raised, w).unwrap_or(0.0) >= before.unwrap_or(0.0) - 1e-12);
            }
            let m: Vec<Vec<f64>> = vec![scores.iter().map(|s| s.unwrap_or(0.0)).collect(), raised.iter().map(|s| s.unwrap_or(0.0)).collect()];
            let ws = weighted_sum(&m, w, &[], Normalisation::None).expect("valid");
            prop_assert!(ws[1] >= ws[0] - 1e-12);
        }

        #[test]
        fn a_blocked_review_counts_nowhere_and_changes_nothing_else(
            (apps, _) in setup(),
            scores in prop::collection::vec(0u8..=5, 6 * 24),
            blocks in prop::collection::vec((0usize..3, 0usize..24), 0..6),
        ) {
            let p = builtin("reilu-kiertotalous-2021").expect("built in");
            let mut revs = Vec::new();
            for (i, a) in apps.iter().enumerate() {
                for r in 0..3 {
                    for (c, crit) in ["impact", "cross-administrative"].iter().enumerate() {
                        revs.push(Review {
                            reviewer: format!("R{r}"),
                            application: a.id.clone(),
                            criterion: (*crit).into(),
                            score: Some(f64::from(scores[(i * 3 + r) * 2 + c])),
                            row: 0,
                        });
                    }
                }
            }
            let conflicts: Vec<Conflict> = blocks
                .iter()
                .filter(|(_, a)| *a < apps.len())
                .map(|(r, a)| Conflict {
                    reviewer: format!("R{r}"),
                    application: apps[*a].id.clone(),
                    reasons: vec![ConflictKind::SameOrganisation { organisation: apps[*a].organisation.clone() }],
                })
                .collect();
            let with = evaluate(&p, &apps, revs.clone(), &ScoreOptions { conflicts: conflicts.clone(), ..ScoreOptions::default() });
            let kept: Vec<Review> = revs.into_iter().filter(|r| !blocked(&conflicts, &r.reviewer, &r.application)).collect();
            let without = evaluate(&p, &apps, kept, &ScoreOptions::default());
            prop_assert_eq!(&with.ranking, &without.ranking);
            prop_assert_eq!(&with.selection, &without.selection);
            prop_assert_eq!(&with.agreement, &without.agreement);
            prop_assert_eq!(&with.disagreements, &without.disagreements);
            for (a, b) in with.explanations.iter().zip(&without.explanations) {
                prop_assert_eq!(&a.criterion_scores, &b.criterion_scores);
                let blocked_here: BTreeSet<&str> = conflicts.iter().filter(|c| c.application == a.application).map(|c| c.reviewer.as_str()).collect();
                let shown: BTreeSet<&str> = a.excluded_reviews.iter().map(|x| x.reviewer.as_str()).collect();
                prop_assert_eq!(&shown, &blocked_here);
                prop_assert!(a.excluded_reviews.iter().all(|x| x.rows == 2));
                if !shown.is_empty() {
                    for r in &shown {
                        prop_assert!(a.reason.en.as_deref().unwrap_or_default().contains(r));
                    }
                }
            }
        }

        #[test]
        fn parsers_never_panic(s in ".{0,200}") {
            let _ = parse_programme(&s);
            let _ = parse_applications(&s);
            let _ = parse_reviews(&s);
            let _ = parse_reviewers(&s);
            let _ = parse_declarations(&s);
            let _ = parse_instant(&s);
            let _ = parse_helsinki(&s);
        }
    }
}
