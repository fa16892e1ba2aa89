//! The whole review pipeline (eligibility → reviews → ranking → selection → explanations) and
//! the applicant-side self-check.

use super::agreement::{LOW_AGREEMENT, MeasurementLevel, krippendorff_alpha};
use super::conflicts::{Conflict, ConflictKind};
use super::eligibility::{Application, FailedRule, check};
use super::programme::{Programme, Quota};
use super::rank::{self, Candidate, Method, Normalisation};
use super::reviews::{
    Aggregation, DisagreementFlag, Review, aggregate, disagreements, standardise, validate_reviews,
};
use super::select::{Decision, Pick, select};
use super::{ScoringError, time};
use crate::Code;
use crate::vocab::{Diagnostic, Lang, Text};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Knobs of [`evaluate`]; `Default` gives the programme's own settings with the weighted sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScoreOptions {
    /// Weighted sum or TOPSIS.
    pub method: Method,
    /// Used by TOPSIS (weighted sum works on the 0–5 rubric scale directly).
    pub normalisation: Normalisation,
    /// How reviewers' scores of one criterion are combined (mean, median or trimmed mean).
    pub aggregation: Aggregation,
    /// Per-reviewer z-score standardisation before aggregation.
    pub standardise: bool,
    /// Seed of the tie-break lottery; reported with the result.
    pub seed: u64,
    /// Score range (points) at which reviewers are flagged as disagreeing.
    pub disagreement_range: f64,
    /// Alpha below which agreement is flagged as low.
    pub low_agreement: f64,
    /// Overrides of the programme's weights, by criterion id.
    pub weights: BTreeMap<String, f64>,
    /// Overrides of the programme's maximum.
    pub max_selected: Option<usize>,
    /// Overrides of the programme's quotas.
    pub quotas: Option<Vec<Quota>>,
    /// Blocked (reviewer, application) pairs: their reviews count nowhere, and say so.
    pub conflicts: Vec<Conflict>,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            method: Method::WeightedSum,
            normalisation: Normalisation::Vector,
            aggregation: Aggregation::Mean,
            standardise: false,
            seed: 2021,
            disagreement_range: 3.0,
            low_agreement: LOW_AGREEMENT,
            weights: BTreeMap::new(),
            max_selected: None,
            quotas: None,
            conflicts: Vec::new(),
        }
    }
}

/// Everything the review board needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The programme's id.
    pub programme: String,
    /// The programme definition's version.
    pub version: String,
    /// The ranking method used.
    pub method: Method,
    /// TOPSIS's normalisation (`None` with the weighted sum).
    pub normalisation: Option<Normalisation>,
    /// How reviewers' scores were combined.
    pub aggregation: Aggregation,
    /// Whether reviewers' scores were standardised first.
    pub standardised: bool,
    /// The tie-break lottery's seed.
    pub seed: u64,
    /// Whether the lottery decided any place.
    pub lottery_used: bool,
    /// Eligible, scored applications, best first.
    pub ranking: Vec<RankedApplication>,
    /// Who is selected and what the quotas cost.
    pub selection: SelectionSummary,
    /// How well reviewers agree.
    pub agreement: AgreementReport,
    /// Applications where reviewers' scores are far apart.
    pub disagreements: Vec<DisagreementFlag>,
    /// One explanation per application, eligible or not.
    pub explanations: Vec<Explanation>,
    /// Problems found in the inputs.
    pub diagnostics: Vec<Diagnostic>,
}

/// One place in the ranking (eligible, scored applications only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RankedApplication {
    /// Place, from 1.
    pub rank: usize,
    /// The application's id.
    pub application: String,
    /// Its total score.
    pub score: f64,
    /// Whether it is selected.
    pub selected: bool,
}

/// The selection and what quotas cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectionSummary {
    /// The maximum that applied.
    pub max_selected: usize,
    /// Ids of the selected applications, in ranking order.
    pub selected: Vec<String>,
    /// Score of the top N without quotas minus the score of the selection.
    pub score_given_up: f64,
    /// Ids of the quota floors that could not be met.
    pub unmet_floors: Vec<String>,
}

/// Krippendorff's alpha on the raw scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgreementReport {
    /// Interval alpha over every criterion.
    pub interval: Option<f64>,
    /// Ordinal alpha over every criterion.
    pub ordinal: Option<f64>,
    /// Whether agreement is below the flag level.
    pub low: bool,
    /// The same per criterion.
    pub per_criterion: Vec<CriterionAgreement>,
}

/// Krippendorff's alpha of one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionAgreement {
    /// The criterion's id.
    pub criterion: String,
    /// Interval alpha.
    pub interval: Option<f64>,
    /// Ordinal alpha.
    pub ordinal: Option<f64>,
    /// Whether agreement is below the flag level.
    pub low: bool,
}

/// Why an application ended where it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The application's id.
    pub application: String,
    /// The applicant organisation.
    pub organisation: String,
    /// Whether every eligibility rule passed.
    pub eligible: bool,
    /// The rules it failed, with their reason codes.
    pub failed: Vec<FailedRule>,
    /// Aggregated score per criterion.
    pub criterion_scores: Vec<CriterionScore>,
    /// Total score (eligible applications only).
    pub score: Option<f64>,
    /// Place in the ranking.
    pub rank: Option<usize>,
    /// Whether it is selected.
    pub selected: bool,
    /// The decision and its reason code.
    pub decision: Option<Decision>,
    /// Whether the tie-break lottery decided its place.
    pub decided_by_lottery: bool,
    /// The explanation in fi/sv/en.
    pub reason: Text,
    /// Reviewers whose reviews of this application were left out for a conflict of interest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_reviews: Vec<ExcludedReviewer>,
}

/// A reviewer left out of one application's scores and agreement, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExcludedReviewer {
    /// The reviewer's id.
    pub reviewer: String,
    /// The conflicts found or declared.
    pub reasons: Vec<ConflictKind>,
    /// How many review rows were left out.
    pub rows: usize,
}

/// One criterion's aggregated score for an application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionScore {
    /// The criterion's id.
    pub criterion: String,
    /// Aggregated score; `None` when every reviewer marked n/a or nobody scored it.
    pub score: Option<f64>,
    /// Reviews that scored it.
    pub reviews: usize,
    /// Reviews that marked it not applicable.
    pub not_applicable: usize,
}

fn effective_weights(p: &Programme, o: &ScoreOptions) -> Vec<f64> {
    p.criteria
        .iter()
        .map(|c| {
            o.weights
                .get(&c.id)
                .copied()
                .filter(|w| w.is_finite() && *w >= 0.0)
                .unwrap_or(c.weight)
        })
        .collect()
}

/// Weighted mean of the available criterion scores (n/a criteria drop out and the remaining
/// weights are rescaled), on the 0–5 rubric scale.
pub fn weighted_score(scores: &[Option<f64>], weights: &[f64]) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for (s, w) in scores.iter().zip(weights) {
        if let Some(s) = s {
            num += s * w;
            den += w;
        }
    }
    (den > 0.0).then(|| num / den)
}

/// Runs the full pipeline. Reviews that do not fit are dropped with diagnostics.
pub fn evaluate(
    programme: &Programme,
    applications: &[Application],
    reviews: Vec<Review>,
    options: &ScoreOptions,
) -> Report {
    let ids: BTreeSet<&str> = applications.iter().map(|a| a.id.as_str()).collect();
    // Conflicted reviews go before anything else, so no score or agreement figure sees them.
    let mut excluded: BTreeMap<String, Vec<ExcludedReviewer>> = BTreeMap::new();
    let reviews: Vec<Review> = reviews
        .into_iter()
        .filter(|r| {
            let Some(c) = options
                .conflicts
                .iter()
                .find(|c| c.reviewer == r.reviewer && c.application == r.application)
            else {
                return true;
            };
            let list = excluded.entry(r.application.clone()).or_default();
            match list.iter_mut().find(|x| x.reviewer == r.reviewer) {
                Some(x) => x.rows += 1,
                None => list.push(ExcludedReviewer {
                    reviewer: r.reviewer.clone(),
                    reasons: c.reasons.clone(),
                    rows: 1,
                }),
            }
            false
        })
        .collect();
    for list in excluded.values_mut() {
        crate::sort::sort_by(list, |a, b| a.reviewer.cmp(&b.reviewer));
    }
    let (raw, mut diagnostics) = validate_reviews(programme, &ids, reviews).into_parts();
    let used = if options.standardise {
        standardise(&raw)
    } else {
        raw.clone()
    };
    let weights = effective_weights(programme, options);
    let max = options.max_selected.unwrap_or(programme.max_selected);
    let quotas = options
        .quotas
        .clone()
        .unwrap_or_else(|| programme.quotas.clone());

    // Cells: application → criterion → (scores, n/a count).
    let mut cells: BTreeMap<(&str, &str), (Vec<f64>, usize)> = BTreeMap::new();
    for r in &used {
        let e = cells
            .entry((r.application.as_str(), r.criterion.as_str()))
            .or_default();
        match r.score {
            Some(x) => e.0.push(x),
            None => e.1 += 1,
        }
    }
    let crit_scores: Vec<Vec<CriterionScore>> = applications
        .iter()
        .map(|a| {
            programme
                .criteria
                .iter()
                .map(|c| {
                    let (xs, na) = cells
                        .get(&(a.id.as_str(), c.id.as_str()))
                        .cloned()
                        .unwrap_or_default();
                    CriterionScore {
                        criterion: c.id.clone(),
                        score: aggregate(&xs, options.aggregation),
                        reviews: xs.len() + na,
                        not_applicable: na,
                    }
                })
                .collect()
        })
        .collect();
    let failed: Vec<Vec<FailedRule>> = applications.iter().map(|a| check(programme, a)).collect();

    // Rankable: eligible with at least one score.
    let rankable: Vec<usize> = (0..applications.len())
        .filter(|&i| failed[i].is_empty() && crit_scores[i].iter().any(|c| c.score.is_some()))
        .collect();
    let score_of =
        |i: usize| -> Vec<Option<f64>> { crit_scores[i].iter().map(|c| c.score).collect() };
    let totals: Vec<f64> = match options.method {
        Method::WeightedSum => rankable
            .iter()
            .map(|&i| weighted_score(&score_of(i), &weights).unwrap_or(0.0))
            .collect(),
        Method::Topsis => topsis_totals(
            &rankable.iter().map(|&i| score_of(i)).collect::<Vec<_>>(),
            &weights,
            options.normalisation,
            &mut diagnostics,
        ),
    };
    let by_weight = programme.criteria_by_weight();
    let cands: Vec<Candidate> = rankable
        .iter()
        .zip(&totals)
        .map(|(&i, &score)| Candidate {
            id: applications[i].id.clone(),
            score,
            keys: by_weight
                .iter()
                .map(|&c| crit_scores[i][c].score.unwrap_or(-1.0))
                .collect(),
        })
        .collect();
    let ordering = rank::order(&cands, options.seed);
    let ranked_picks: Vec<Pick> = ordering
        .order
        .iter()
        .map(|&k| {
            let a = &applications[rankable[k]];
            Pick {
                id: a.id.clone(),
                score: totals[k],
                region: a.region.clone(),
                themes: a.themes.clone(),
                organisation_type: a.organisation_type.clone(),
            }
        })
        .collect();
    let sel = select(&ranked_picks, max, &quotas);
    for f in &sel.unmet_floors {
        diagnostics.push(Diagnostic::warning(
            0,
            "quotas",
            Code::QuotaUnreachable,
            format!("floor `{f}` cannot be met with the eligible applications"),
        ));
    }

    // Rank positions: ties within tolerance share no place; order already broke them.
    let mut place: BTreeMap<&str, (usize, f64, Decision)> = BTreeMap::new();
    let ranking: Vec<RankedApplication> = ranked_picks
        .iter()
        .zip(&sel.decisions)
        .enumerate()
        .map(|(pos, (p, d))| {
            place.insert(p.id.as_str(), (pos + 1, p.score, d.clone()));
            RankedApplication {
                rank: pos + 1,
                application: p.id.clone(),
                score: p.score,
                selected: d.is_selected(),
            }
        })
        .collect();
    let lottery: BTreeSet<&str> = ordering.by_lottery.iter().map(String::as_str).collect();
    let explanations = applications
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let p = place.get(a.id.as_str());
            let eligible = failed[i].is_empty();
            let mut reason = reason_text(eligible, p.map(|x| &x.2), max, p.map(|x| x.0), &quotas);
            let left_out = excluded.get(&a.id).cloned().unwrap_or_default();
            if !left_out.is_empty() {
                reason = exclusion_note(reason, &left_out);
            }
            Explanation {
                application: a.id.clone(),
                organisation: a.organisation.clone(),
                eligible,
                failed: failed[i].clone(),
                criterion_scores: crit_scores[i].clone(),
                score: p.map(|x| x.1),
                rank: p.map(|x| x.0),
                selected: p.is_some_and(|x| x.2.is_selected()),
                decision: p.map(|x| x.2.clone()),
                decided_by_lottery: lottery.contains(a.id.as_str()),
                reason,
                excluded_reviews: left_out,
            }
        })
        .collect();
    Report {
        programme: programme.id.clone(),
        version: programme.version.clone(),
        method: options.method,
        normalisation: (options.method == Method::Topsis).then_some(options.normalisation),
        aggregation: options.aggregation,
        standardised: options.standardise,
        seed: options.seed,
        lottery_used: !ordering.by_lottery.is_empty(),
        selection: SelectionSummary {
            max_selected: max,
            selected: ranking
                .iter()
                .filter(|r| r.selected)
                .map(|r| r.application.clone())
                .collect(),
            score_given_up: sel.score_given_up,
            unmet_floors: sel.unmet_floors.clone(),
        },
        ranking,
        agreement: agreement(programme, &raw, options.low_agreement),
        disagreements: disagreements(&raw, options.disagreement_range),
        explanations,
        diagnostics,
    }
}

/// TOPSIS over aggregated scores; an n/a cell takes its column's mean so it neither helps nor hurts.
fn topsis_totals(
    rows: &[Vec<Option<f64>>],
    weights: &[f64],
    norm: Normalisation,
    diags: &mut Vec<Diagnostic>,
) -> Vec<f64> {
    if rows.is_empty() {
        return Vec::new();
    }
    let means: Vec<f64> = (0..weights.len())
        .map(|j| {
            let xs: Vec<f64> = rows.iter().filter_map(|r| r[j]).collect();
            if xs.is_empty() {
                0.0
            } else {
                xs.iter().sum::<f64>() / xs.len() as f64
            }
        })
        .collect();
    let m: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| r.iter().zip(&means).map(|(x, m)| x.unwrap_or(*m)).collect())
        .collect();
    let norm = if norm == Normalisation::None {
        Normalisation::Vector
    } else {
        norm
    };
    match rank::topsis(&m, weights, &[], norm) {
        Ok(s) => s,
        Err(e) => {
            diags.push(Diagnostic::error(
                0,
                "weights",
                Code::InvalidSetting,
                e.to_string(),
            ));
            vec![0.0; rows.len()]
        }
    }
}

fn agreement(p: &Programme, raw: &[Review], low: f64) -> AgreementReport {
    let units_for = |crit: Option<&str>| -> Vec<Vec<f64>> {
        let mut cells: BTreeMap<(&str, &str), Vec<f64>> = BTreeMap::new();
        for r in raw.iter().filter(|r| crit.is_none_or(|c| c == r.criterion)) {
            if let Some(x) = r.score {
                cells
                    .entry((r.application.as_str(), r.criterion.as_str()))
                    .or_default()
                    .push(x);
            }
        }
        cells.into_values().collect()
    };
    let is_low = |a: Option<f64>| a.is_some_and(|a| a < low);
    let all = units_for(None);
    let interval = krippendorff_alpha(&all, MeasurementLevel::Interval);
    let per_criterion = p
        .criteria
        .iter()
        .map(|c| {
            let u = units_for(Some(&c.id));
            let iv = krippendorff_alpha(&u, MeasurementLevel::Interval);
            CriterionAgreement {
                criterion: c.id.clone(),
                interval: iv,
                ordinal: krippendorff_alpha(&u, MeasurementLevel::Ordinal),
                low: is_low(iv),
            }
        })
        .collect();
    AgreementReport {
        interval,
        ordinal: krippendorff_alpha(&all, MeasurementLevel::Ordinal),
        low: is_low(interval),
        per_criterion,
    }
}

/// Adds to `reason` whose reviews were left out for a conflict of interest.
fn exclusion_note(reason: Text, left_out: &[ExcludedReviewer]) -> Text {
    let names = left_out
        .iter()
        .map(|x| x.reviewer.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let add = |base: Option<String>, note: String| {
        Some(
            format!("{} {note}", base.unwrap_or_default())
                .trim()
                .to_owned(),
        )
    };
    Text {
        fi: add(
            reason.fi,
            format!(
                "Esteellisyyden vuoksi näiden arvioijien arviot jätettiin pois pisteistä ja yhtäpitävyyden laskennasta: {names}."
            ),
        ),
        sv: add(
            reason.sv,
            format!(
                "På grund av jäv lämnades dessa bedömares bedömningar utanför poängen och beräkningen av samstämmigheten: {names}."
            ),
        ),
        en: add(
            reason.en,
            format!(
                "Left out of the scores and the agreement figures for a conflict of interest: reviews by {names}."
            ),
        ),
    }
}

fn reason_text(
    eligible: bool,
    d: Option<&Decision>,
    max: usize,
    rank: Option<usize>,
    quotas: &[Quota],
) -> Text {
    let r = rank.unwrap_or(0);
    // Users and screen readers get the quota's own text, never its internal id.
    let name = |id: &str, lang: Lang| {
        quotas
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.text.get(lang))
            .filter(|t| !t.is_empty())
            .map_or_else(
                || id.to_owned(),
                |t| match lang {
                    Lang::En => format!("“{t}”"),
                    Lang::Fi | Lang::Sv => format!("”{t}”"),
                },
            )
    };
    match (eligible, d) {
        (false, _) => Text::new(
            "Ei valittu: hakemus ei täytä hakuehtoja.",
            "Inte vald: ansökan uppfyller inte villkoren.",
            "Not selected: the application does not meet the eligibility rules.",
        ),
        (true, None) => Text::new(
            "Ei valittu: hakemuksella ei ole arvioita.",
            "Inte vald: ansökan har inga bedömningar.",
            "Not selected: the application has no review scores.",
        ),
        (true, Some(Decision::Selected)) => Text::new(
            &format!("Valittu: sijalla {r}, enintään {max} valitaan."),
            &format!("Vald: på plats {r}, högst {max} väljs."),
            &format!("Selected: ranked {r}, at most {max} are selected."),
        ),
        (true, Some(Decision::SelectedForFloor(q))) => Text::new(
            &format!(
                "Valittu kiintiön {} vähimmäismäärän täyttämiseksi (sija {r}).",
                name(q, Lang::Fi)
            ),
            &format!(
                "Vald för att uppfylla minimikvoten {} (plats {r}).",
                name(q, Lang::Sv)
            ),
            &format!(
                "Selected to meet the floor of quota {} (ranked {r}).",
                name(q, Lang::En)
            ),
        ),
        (true, Some(Decision::BelowCutoff)) => Text::new(
            &format!("Ei valittu: sija {r}, mutta vain {max} valitaan."),
            &format!("Inte vald: plats {r}, men endast {max} väljs."),
            &format!("Not selected: ranked {r}, but only {max} are selected."),
        ),
        (true, Some(Decision::CapFull(q))) => Text::new(
            &format!(
                "Ei valittu: kiintiön {} enimmäismäärä on täynnä (sija {r}).",
                name(q, Lang::Fi)
            ),
            &format!(
                "Inte vald: maxkvoten {} är fylld (plats {r}).",
                name(q, Lang::Sv)
            ),
            &format!(
                "Not selected: the cap of quota {} is full (ranked {r}).",
                name(q, Lang::En)
            ),
        ),
        (true, Some(Decision::DisplacedByFloor(q))) => Text::new(
            &format!(
                "Ei valittu: paikka siirtyi kiintiön {} vähimmäismäärän täyttämiseen (sija {r}).",
                name(q, Lang::Fi)
            ),
            &format!(
                "Inte vald: platsen gick till minimikvoten {} (plats {r}).",
                name(q, Lang::Sv)
            ),
            &format!(
                "Not selected: the place went to meet the floor of quota {} (ranked {r}).",
                name(q, Lang::En)
            ),
        ),
    }
}

/// `now` as the widgets send it: seconds since 1970 UTC or an RFC 3339 string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Now {
    /// Seconds since 1970-01-01 UTC.
    Seconds(i64),
    /// An RFC 3339 timestamp.
    Text(String),
}

impl Now {
    /// The instant as seconds since 1970 UTC.
    pub fn utc(&self) -> Result<i64, ScoringError> {
        match self {
            Now::Seconds(s) => Ok(*s),
            Now::Text(t) => time::parse_instant(t),
        }
    }
}

/// The applicant's answers, self-ratings (criterion id → 0–5, `null` for n/a) and the time now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelfCheckRequest {
    /// The applicant's application.
    pub application: Application,
    /// Self-ratings by criterion id, 0–5 (`null`: not applicable).
    #[serde(default)]
    pub ratings: BTreeMap<String, Option<f64>>,
    /// The time now, passed in (the core reads no clock).
    pub now: Now,
    /// Ratings below this are weak; 3 when absent.
    #[serde(default)]
    pub weak_below: Option<f64>,
}

/// What makes an application ineligible or weak, and how long is left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelfCheck {
    /// The programme's id.
    pub programme: String,
    /// Whether every eligibility rule passes.
    pub eligible: bool,
    /// The rules it fails.
    pub failed: Vec<FailedRule>,
    /// Criteria rated below the weak level.
    pub weak: Vec<WeakCriterion>,
    /// Criteria not rated yet.
    pub unrated: Vec<String>,
    /// Weighted self-rating on the 0–5 scale.
    pub self_score: Option<f64>,
    /// The deadline and the time left.
    pub deadline: DeadlineStatus,
}

/// A criterion rated weak, with what to aim for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeakCriterion {
    /// The criterion's id.
    pub criterion: String,
    /// Its name in fi/sv/en.
    pub name: Text,
    /// `None` when rated n/a on a criterion that does not allow it.
    pub rating: Option<f64>,
    /// The descriptor of the level rated.
    pub descriptor: Text,
    /// Descriptor of the next level up: what to aim for.
    pub next_level: Option<Text>,
}

/// The deadline and the time left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineStatus {
    /// The deadline as Helsinki wall-clock time.
    pub local: String,
    /// The deadline in UTC (RFC 3339).
    pub utc: String,
    /// Seconds left (negative after the deadline).
    pub seconds_left: i64,
    /// Whether the call has closed.
    pub closed: bool,
}

/// The applicant-side check: failed rules, weak criteria and time left. Deadline past: `closed`.
pub fn self_check(
    programme: &Programme,
    req: &SelfCheckRequest,
) -> Result<SelfCheck, ScoringError> {
    let now = req.now.utc()?;
    let deadline = programme.deadline.utc()?;
    let mut app = req.application.clone();
    app.submitted_at = None;
    let failed = check(programme, &app);
    let weak_below = req.weak_below.filter(|w| w.is_finite()).unwrap_or(3.0);
    let mut weak = Vec::new();
    let mut unrated = Vec::new();
    let mut ratings = Vec::new();
    for c in &programme.criteria {
        let level = |s: u8| {
            c.levels
                .iter()
                .find(|l| l.score == s)
                .map(|l| l.descriptor.clone())
        };
        match req.ratings.get(&c.id) {
            None => {
                unrated.push(c.id.clone());
                ratings.push(None);
            }
            Some(None) => {
                ratings.push(None);
                if !c.allow_na {
                    weak.push(WeakCriterion {
                        criterion: c.id.clone(),
                        name: c.name.clone(),
                        rating: None,
                        descriptor: Text::default(),
                        next_level: level(0),
                    });
                }
            }
            Some(Some(x)) => {
                let x = x.clamp(0.0, 5.0);
                ratings.push(Some(x));
                if x < weak_below {
                    let s = libm::floor(x) as u8;
                    weak.push(WeakCriterion {
                        criterion: c.id.clone(),
                        name: c.name.clone(),
                        rating: Some(x),
                        descriptor: level(s).unwrap_or_default(),
                        next_level: level(s.saturating_add(1)),
                    });
                }
            }
        }
    }
    let weights: Vec<f64> = programme.criteria.iter().map(|c| c.weight).collect();
    Ok(SelfCheck {
        programme: programme.id.clone(),
        eligible: failed.is_empty(),
        failed,
        weak,
        unrated,
        self_score: weighted_score(&ratings, &weights),
        deadline: DeadlineStatus {
            local: time::format_helsinki(deadline),
            utc: time::format_utc(deadline),
            seconds_left: deadline - now,
            closed: now > deadline,
        },
    })
}
