//! Candidate synergies of a workspace: the matching engine's pairs, each with the impact
//! engine's estimate and a priority from the scoring engine's WSM or TOPSIS.

use super::model::Workspace;
use crate::impact::{self, Estimate, ExchangeInput, Factors, Missing, Pathway};
use crate::matching::{self, Factor, Index, Listing, MatchOptions, quantity_tonnes};
use crate::scoring::{self, DecisionMatrix, Method, Normalisation, ScoringError};
use crate::vocab::{Quantity, Unit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Weights of the priority criteria; normalised by their sum, editable by the coordinator.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriorityWeights {
    /// CO2e avoided a year (benefit).
    pub co2e: f64,
    /// Tonnes a year kept in use (benefit).
    pub tonnes: f64,
    /// The match score (benefit).
    pub score: f64,
    /// Distance between the two sides (cost).
    pub distance: f64,
}

impl Default for PriorityWeights {
    fn default() -> PriorityWeights {
        PriorityWeights {
            co2e: 0.35,
            tonnes: 0.25,
            score: 0.3,
            distance: 0.1,
        }
    }
}

/// Knobs of [`candidates`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CandidateOptions {
    /// The matching engine's options (today, minimum score, match weights).
    pub matching: MatchOptions,
    /// Weighted sum or TOPSIS for the priority.
    pub method: Method,
    /// How the criteria are put on one scale before ranking.
    pub normalisation: Normalisation,
    /// The weights of CO2e, tonnes, match score and distance in the priority.
    pub weights: PriorityWeights,
    /// Keep the best K after ranking (the priority is computed over all candidates).
    pub top: Option<usize>,
    /// Leave out pairs that already are a synergy in the workspace.
    pub skip_existing: bool,
}

impl Default for CandidateOptions {
    fn default() -> CandidateOptions {
        CandidateOptions {
            matching: MatchOptions::default(),
            method: Method::WeightedSum,
            normalisation: Normalisation::MinMax,
            weights: PriorityWeights::default(),
            top: None,
            skip_existing: false,
        }
    }
}

/// One candidate synergy, ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The offer's listing id.
    pub offer: String,
    /// The seek's listing id.
    pub seek: String,
    /// The match score in [0, 1].
    pub score: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Distance between the two sites in km, when both could be placed.
    pub distance_km: Option<f64>,
    /// The matching engine's explanation.
    pub explanation: Vec<Factor>,
    /// What both sides can exchange a year, in tonnes (the smaller side); `None` when a side
    /// does not convert to tonnes.
    pub tonnes_per_year: Option<f64>,
    /// Impact of that yearly amount moving from `baseline` to `alternative`.
    pub baseline: Pathway,
    /// The pathway the material goes to instead.
    pub alternative: Pathway,
    /// Greenhouse gas emissions avoided a year, kg CO2e.
    pub co2e_avoided_kg: Estimate,
    /// Virgin material saved a year, tonnes.
    pub virgin_saved_t: Estimate,
    /// Money saved a year, euros.
    pub euros_saved: Estimate,
    /// Ids of the impact factors behind the estimates.
    pub factors_used: Vec<String>,
    /// Priority from the ranking engine, and 1-based rank (ties share the best rank).
    pub priority: f64,
    /// The 1-based rank.
    pub rank: usize,
    /// The synergy this pair already is, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synergy: Option<String>,
}

/// Today's pathway and the new one assumed for a listing's material when nothing else is
/// known: landfill, and the first recovery pathway the factor set has for it.
pub fn default_pathways(material: &str, factors: &Factors) -> (Pathway, Pathway) {
    let have = factors.pathways(material).unwrap_or_default();
    let alternative = [
        Pathway::Recycling,
        Pathway::Composting,
        Pathway::AnaerobicDigestion,
        Pathway::Incineration,
    ]
    .into_iter()
    .find(|p| have.contains(p))
    .unwrap_or(Pathway::Recycling);
    (Pathway::Landfill, alternative)
}

/// The material key the impact engine reads for a listing: its EWC entry when the factor set
/// knows it, else its category.
fn material_of(l: &Listing, factors: &Factors) -> String {
    l.ewc_code()
        .map(|c| c.as_str().to_owned())
        .filter(|e| factors.resolve(e).is_ok())
        .unwrap_or_else(|| l.category.clone())
}

fn yearly_tonnes(l: &Listing) -> Option<f64> {
    quantity_tonnes(l.quantity, &l.category, &l.title).map(|t| t * l.recurrence.per_year())
}

/// Ranked candidate synergies among the workspace's valid listings (closed and expired ones
/// are left to the matching engine's rules), leaving out pairs within one company. Errors only
/// when the ranking weights are unusable.
pub fn candidates(
    ws: &Workspace,
    factors: &Factors,
    opts: &CandidateOptions,
) -> Result<Vec<Candidate>, ScoringError> {
    let listings: Vec<Listing> = ws
        .listings
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            matching::validate(i + 1, &l.listing)
                .iter()
                .all(|d| d.severity != crate::Severity::Error)
        })
        .map(|(_, l)| l.listing.clone())
        .collect();
    let index = Index::new(listings);
    let companies: BTreeMap<&str, &str> = ws
        .listings
        .iter()
        .filter_map(|l| Some((l.listing.id.as_str(), l.company.as_deref()?)))
        .collect();
    let company = |id: &str| companies.get(id).copied();
    let synergies: BTreeMap<(&str, &str), &str> = ws
        .synergies
        .iter()
        .map(|s| ((s.offer.as_str(), s.seek.as_str()), s.id.as_str()))
        .collect();
    let mut out = Vec::new();
    for m in index.all_matches(&opts.matching) {
        // A company's own offer and need are not a synergy between companies.
        if company(&m.offer).is_some() && company(&m.offer) == company(&m.seek) {
            continue;
        }
        let existing = synergies
            .get(&(m.offer.as_str(), m.seek.as_str()))
            .map(|id| (*id).to_owned());
        if opts.skip_existing && existing.is_some() {
            continue;
        }
        let (Some(offer), Some(seek)) = (
            index.listings().get(m.offer_index),
            index.listings().get(m.seek_index),
        ) else {
            continue;
        };
        let tonnes = yearly_tonnes(offer)
            .zip(yearly_tonnes(seek))
            .map(|(a, b)| a.min(b));
        let material = material_of(offer, factors);
        let (baseline, alternative) = default_pathways(&material, factors);
        let unknown = |why: Missing| Estimate::missing(why);
        let no_tonnes = || {
            unknown(Missing::NotInTonnes {
                category: String::new(),
            })
        };
        let (co2e, virgin, euros, used) = match tonnes {
            None => (no_tonnes(), no_tonnes(), no_tonnes(), Vec::new()),
            Some(t) => {
                let input = ExchangeInput {
                    material,
                    quantity: Quantity {
                        amount: t,
                        unit: Unit::Tonne,
                    },
                    baseline,
                    alternative,
                    distance_km: m.distance_km.unwrap_or(0.0),
                    vehicle: Default::default(),
                    prices: None,
                    logistics_eur: None,
                };
                match impact::exchange(&input, factors) {
                    Ok(r) => (
                        r.co2e_avoided_kg,
                        r.virgin_saved_t,
                        r.euros_saved,
                        r.factors_used,
                    ),
                    Err(_) => {
                        let invalid = || {
                            unknown(Missing::InvalidInput {
                                category: String::new(),
                            })
                        };
                        (invalid(), invalid(), invalid(), Vec::new())
                    }
                }
            }
        };
        out.push(Candidate {
            offer: m.offer,
            seek: m.seek,
            score: m.score,
            distance_km: m.distance_km,
            explanation: m.factors,
            tonnes_per_year: tonnes,
            baseline,
            alternative,
            co2e_avoided_kg: co2e,
            virgin_saved_t: virgin,
            euros_saved: euros,
            factors_used: used,
            priority: 0.0,
            rank: 0,
            synergy: existing,
        });
    }
    if out.is_empty() {
        return Ok(out);
    }
    // Unknown CO2e or tonnes rank as none (0); the candidate still shows them as unknown.
    // Unknown distance ranks as the farthest seen: it is the least certain.
    let farthest = out
        .iter()
        .filter_map(|c| c.distance_km)
        .fold(opts.matching.default_radius_km, f64::max);
    let matrix = DecisionMatrix {
        alternatives: out
            .iter()
            .map(|c| format!("{} → {}", c.offer, c.seek))
            .collect(),
        criteria: ["co2e", "tonnes", "score", "distance"]
            .map(String::from)
            .to_vec(),
        values: out
            .iter()
            .map(|c| {
                vec![
                    c.co2e_avoided_kg.value().unwrap_or(0.0),
                    c.tonnes_per_year.unwrap_or(0.0),
                    c.score,
                    c.distance_km.unwrap_or(farthest),
                ]
            })
            .collect(),
        weights: vec![
            opts.weights.co2e,
            opts.weights.tonnes,
            opts.weights.score,
            opts.weights.distance,
        ],
        benefit: vec![true, true, true, false],
        method: opts.method,
        normalisation: opts.normalisation,
    };
    let ranked = scoring::rank_matrix(&matrix)?;
    for (c, s) in out.iter_mut().zip(&ranked.scores) {
        c.priority = s.score;
        c.rank = s.rank;
    }
    crate::sort::sort_by(&mut out, |a, b| {
        a.rank
            .cmp(&b.rank)
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.offer.cmp(&b.offer))
            .then_with(|| a.seek.cmp(&b.seek))
    });
    if let Some(k) = opts.top {
        out.truncate(k);
    }
    Ok(out)
}
