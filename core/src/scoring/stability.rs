//! Rank stability: does the selection survive weights moved ±20 %, one reviewer left out, and
//! the other ranking method? Each application is called robust or borderline, in plain words.

use super::eligibility::Application;
use super::evaluate::{ScoreOptions, evaluate};
use super::programme::Programme;
use super::rank::Method;
use super::reviews::Review;
use crate::vocab::Text;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How far each weight is moved, both ways.
pub const WEIGHT_STEP: f64 = 0.2;

/// One changed condition the selection is recomputed under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Scenario {
    /// One criterion's weight times `factor` (0.8 or 1.2), the others as set.
    Weight {
        /// The criterion's id.
        criterion: String,
        /// What its weight is multiplied by.
        factor: f64,
    },
    /// Every review by this reviewer left out.
    WithoutReviewer {
        /// The reviewer's id.
        reviewer: String,
    },
    /// The other method: TOPSIS (vector normalisation) for weighted sum, and back.
    Method {
        /// The method used instead.
        method: Method,
    },
}

/// Where an application stands across the scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Standing {
    /// Selected now and in every scenario.
    RobustlySelected,
    /// Selected now, but not in some scenarios.
    BorderlineSelected,
    /// Not selected now, but selected in some scenarios.
    BorderlineOut,
    /// Not selected now nor in any scenario.
    RobustlyOut,
}

/// One application's stability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationStability {
    /// The application's id.
    pub application: String,
    /// Where it stands across the scenarios.
    pub standing: Standing,
    /// The scenarios (indices into [`Stability::scenarios`]) that flip its selection.
    pub flipped_by: Vec<usize>,
    /// Its standing in words, in fi/sv/en.
    pub text: Text,
}

/// The scenarios tried and every eligible, scored application's standing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stability {
    /// Every scenario recomputed, in order.
    pub scenarios: Vec<Scenario>,
    /// Selections per scenario, in scenario order.
    pub selections: Vec<Vec<String>>,
    /// Every eligible, scored application, in ranked order.
    pub applications: Vec<ApplicationStability>,
}

fn scenario_text(p: &Programme, s: &Scenario) -> Text {
    match s {
        Scenario::Weight { criterion, factor } => {
            let c = p.criterion(criterion);
            let name = |lang: crate::Lang| c.map_or(criterion.as_str(), |c| c.name.get(lang));
            let pct = libm::round((factor - 1.0) * 100.0) as i64;
            let sign = if pct < 0 { "−" } else { "+" };
            let n = pct.abs();
            Text::new(
                &format!(
                    "kriteerin ”{}” painoarvoa muutetaan {sign}{n} %",
                    name(crate::Lang::Fi)
                ),
                &format!(
                    "vikten för ”{}” ändras med {sign}{n} %",
                    name(crate::Lang::Sv)
                ),
                &format!(
                    "the weight of “{}” changes by {sign}{n} %",
                    name(crate::Lang::En)
                ),
            )
        }
        Scenario::WithoutReviewer { reviewer } => Text::new(
            &format!("arvioijan {reviewer} arviot jätetään pois"),
            &format!("bedömningarna av {reviewer} lämnas bort"),
            &format!("the reviews by {reviewer} are left out"),
        ),
        Scenario::Method { method } => match method {
            Method::Topsis => Text::new(
                "menetelmänä on TOPSIS",
                "metoden är TOPSIS",
                "the method is TOPSIS",
            ),
            Method::WeightedSum => Text::new(
                "menetelmänä on painotettu summa",
                "metoden är viktad summa",
                "the method is the weighted sum",
            ),
        },
    }
}

fn join(parts: &[&str], and: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

fn standing_text(p: &Programme, standing: Standing, flips: &[&Scenario], total: usize) -> Text {
    let list = |lang: crate::Lang, and: &str| {
        let texts: Vec<String> = flips
            .iter()
            .map(|s| scenario_text(p, s).get(lang).to_owned())
            .collect();
        join(&texts.iter().map(String::as_str).collect::<Vec<_>>(), and)
    };
    let (fi, sv, en) = (
        list(crate::Lang::Fi, "ja"),
        list(crate::Lang::Sv, "och"),
        list(crate::Lang::En, "and"),
    );
    match standing {
        Standing::RobustlySelected => Text::new(
            &format!("Vakaa valinta: pysyy valittuna kaikissa {total} kokeilussa."),
            &format!("Stabilt val: förblir vald i alla {total} försök."),
            &format!("Robust: stays selected in all {total} trials."),
        ),
        Standing::BorderlineSelected => Text::new(
            &format!("Rajatapaus: valittu, mutta putoaa pois, kun {fi}."),
            &format!("Gränsfall: vald, men faller bort när {sv}."),
            &format!("Borderline: selected, but drops out when {en}."),
        ),
        Standing::BorderlineOut => Text::new(
            &format!("Rajatapaus: ei valittu, mutta nousee valituksi, kun {fi}."),
            &format!("Gränsfall: inte vald, men blir vald när {sv}."),
            &format!("Borderline: not selected, but gets in when {en}."),
        ),
        Standing::RobustlyOut => Text::new(
            &format!("Ei valittu missään {total} kokeilusta."),
            &format!("Inte vald i något av de {total} försöken."),
            &format!("Not selected in any of the {total} trials."),
        ),
    }
}

/// Recomputes the selection under each scenario and calls each application robust or
/// borderline. Conflicts, quotas and the maximum in `options` hold in every scenario.
pub fn stability(
    programme: &Programme,
    applications: &[Application],
    reviews: &[Review],
    options: &ScoreOptions,
) -> Stability {
    let base = evaluate(programme, applications, reviews.to_vec(), options);
    let reviewers: BTreeSet<&str> = reviews.iter().map(|r| r.reviewer.as_str()).collect();
    let mut scenarios = Vec::new();
    for c in &programme.criteria {
        for factor in [1.0 - WEIGHT_STEP, 1.0 + WEIGHT_STEP] {
            scenarios.push(Scenario::Weight {
                criterion: c.id.clone(),
                factor,
            });
        }
    }
    scenarios.extend(reviewers.iter().map(|r| Scenario::WithoutReviewer {
        reviewer: (*r).to_owned(),
    }));
    scenarios.push(Scenario::Method {
        method: match options.method {
            Method::WeightedSum => Method::Topsis,
            Method::Topsis => Method::WeightedSum,
        },
    });
    let selections: Vec<Vec<String>> = scenarios
        .iter()
        .map(|s| {
            let mut o = options.clone();
            let mut revs = reviews.to_vec();
            match s {
                Scenario::Weight { criterion, factor } => {
                    let w = o
                        .weights
                        .get(criterion)
                        .copied()
                        .or_else(|| programme.criterion(criterion).map(|c| c.weight))
                        .unwrap_or(1.0);
                    o.weights.insert(criterion.clone(), w * factor);
                }
                Scenario::WithoutReviewer { reviewer } => revs.retain(|r| &r.reviewer != reviewer),
                Scenario::Method { method } => o.method = *method,
            }
            evaluate(programme, applications, revs, &o)
                .selection
                .selected
        })
        .collect();
    let chosen: BTreeSet<&str> = base.selection.selected.iter().map(String::as_str).collect();
    let mut flips: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, sel) in selections.iter().enumerate() {
        let now: BTreeSet<&str> = sel.iter().map(String::as_str).collect();
        for id in chosen.symmetric_difference(&now) {
            flips.entry(id).or_default().push(k);
        }
    }
    let applications = base
        .ranking
        .iter()
        .map(|r| {
            let id = r.application.as_str();
            let flipped_by = flips.get(id).cloned().unwrap_or_default();
            let standing = match (r.selected, flipped_by.is_empty()) {
                (true, true) => Standing::RobustlySelected,
                (true, false) => Standing::BorderlineSelected,
                (false, false) => Standing::BorderlineOut,
                (false, true) => Standing::RobustlyOut,
            };
            let which: Vec<&Scenario> = flipped_by.iter().map(|&k| &scenarios[k]).collect();
            ApplicationStability {
                application: id.to_owned(),
                standing,
                text: standing_text(programme, standing, &which, scenarios.len()),
                flipped_by,
            }
        })
        .collect();
    Stability {
        scenarios,
        selections,
        applications,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::builtin;

    fn app(id: &str) -> Application {
        Application {
            id: id.into(),
            organisation: format!("{id} kunta"),
            organisation_type: "municipal-organisation".into(),
            answers: [
                ("contactPerson".into(), "X".into()),
                ("description".into(), "Y".into()),
                ("resultsBy".into(), "2022-04-01".into()),
            ]
            .into(),
            ..Application::default()
        }
    }

    fn review(r: &str, a: &str, c: &str, s: f64) -> Review {
        Review {
            reviewer: r.into(),
            application: a.into(),
            criterion: c.into(),
            score: Some(s),
            row: 0,
        }
    }

    #[test]
    fn a_clear_winner_is_robust_and_a_near_tie_at_the_cut_is_borderline() {
        let p = builtin("reilu-kiertotalous-2021").expect("built in");
        let apps: Vec<Application> = ["a", "b", "c"].iter().map(|i| app(i)).collect();
        // a is far ahead; b (strong on impact) and c (strong on cooperation) are level at the cut.
        let mut reviews = Vec::new();
        for r in ["R1", "R2"] {
            reviews.push(review(r, "a", "impact", 5.0));
            reviews.push(review(r, "a", "cross-administrative", 5.0));
            reviews.push(review(r, "b", "impact", 4.0));
            reviews.push(review(r, "b", "cross-administrative", 2.0));
            reviews.push(review(r, "c", "impact", 2.0));
            reviews.push(review(r, "c", "cross-administrative", 4.0));
        }
        // R1 leans to b, so the ranking has no exact tie.
        reviews.push(review("R1", "b", "impact", 5.0));
        let o = ScoreOptions {
            max_selected: Some(2),
            ..ScoreOptions::default()
        };
        let s = stability(&p, &apps, &reviews, &o);
        assert_eq!(s.scenarios.len(), 2 * 2 + 2 + 1);
        let standing = |id: &str| {
            s.applications
                .iter()
                .find(|x| x.application == id)
                .map(|x| x.standing)
        };
        assert_eq!(standing("a"), Some(Standing::RobustlySelected));
        assert_eq!(standing("b"), Some(Standing::BorderlineSelected));
        assert_eq!(standing("c"), Some(Standing::BorderlineOut));
        let c = s
            .applications
            .iter()
            .find(|x| x.application == "c")
            .expect("c");
        let en = c.text.en.as_deref().unwrap_or_default();
        assert_eq!(
            en,
            "Borderline: not selected, but gets in when the weight of “Impact” changes by −20 % \
             and the weight of “Cross-administrative implementation” changes by +20 %."
        );
        let fi = s.applications[0].text.fi.as_deref().unwrap_or_default();
        assert_eq!(fi, "Vakaa valinta: pysyy valittuna kaikissa 7 kokeilussa.");
    }

    #[test]
    fn borderline_means_exactly_that_some_scenario_flips_it() {
        let p = builtin("reilu-kiertotalous-2021").expect("built in");
        let apps: Vec<Application> = (0..6).map(|i| app(&format!("h{i}"))).collect();
        let mut reviews = Vec::new();
        for (i, a) in apps.iter().enumerate() {
            for (j, r) in ["R1", "R2", "R3"].iter().enumerate() {
                let s = ((i * 7 + j * 3) % 6) as f64;
                reviews.push(review(r, &a.id, "impact", s));
                reviews.push(review(r, &a.id, "cross-administrative", 5.0 - s));
            }
        }
        let o = ScoreOptions {
            max_selected: Some(3),
            ..ScoreOptions::default()
        };
        let s = stability(&p, &apps, &reviews, &o);
        for a in &s.applications {
            let in_base = matches!(
                a.standing,
                Standing::RobustlySelected | Standing::BorderlineSelected
            );
            for (k, sel) in s.selections.iter().enumerate() {
                let flipped = sel.contains(&a.application) != in_base;
                assert_eq!(
                    flipped,
                    a.flipped_by.contains(&k),
                    "{} in scenario {k}",
                    a.application
                );
            }
        }
    }
}
