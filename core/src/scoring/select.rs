//! Selection of at most N ranked applications under quota caps and floors.
//!
//! Caps: greedy in rank order, skipping a candidate that would overfill a cap. Floors: greedy
//! repair afterwards, per floor in definition order: swap in the best-ranked unselected matching
//! candidate, dropping the lowest-ranked selected one that neither matches the floor nor is needed
//! by another floor, as long as every cap still holds. This is not an exact 0-1 program: it keeps
//! the cost of each swap small but may miss a cheaper combination when floors overlap; unmet
//! floors are reported, never silently ignored.

use super::programme::{Quota, QuotaDimension};
use serde::{Deserialize, Serialize};

/// A ranked, eligible candidate with the attributes quotas count.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pick {
    /// The application's id.
    pub id: String,
    /// Its score; higher ranks first.
    pub score: f64,
    /// Its region, for regional quotas.
    pub region: Option<String>,
    /// Its theme ids, for theme quotas.
    pub themes: Vec<String>,
    /// Its organisation type id, for quotas by type.
    pub organisation_type: String,
}

/// What happened to one candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "status", content = "quota")]
pub enum Decision {
    /// Selected on its rank.
    Selected,
    /// Brought in to meet the floor of this quota.
    SelectedForFloor(String),
    /// Ranked below the last place.
    BelowCutoff,
    /// Would have overfilled the cap of this quota.
    CapFull(String),
    /// Replaced by a candidate needed for the floor of this quota.
    DisplacedByFloor(String),
}

impl Decision {
    /// True for both ways of being selected.
    pub fn is_selected(&self) -> bool {
        matches!(self, Decision::Selected | Decision::SelectedForFloor(_))
    }
}

/// The outcome of [`select`], aligned with the ranked input.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// One decision per candidate, in the ranked order given.
    pub decisions: Vec<Decision>,
    /// Ids of floors that could not be met.
    pub unmet_floors: Vec<String>,
    /// Score of the top N without quotas minus the score of the selection.
    pub score_given_up: f64,
}

/// Whether `pick` counts toward `quota`.
pub fn counts_toward(quota: &Quota, pick: &Pick) -> bool {
    let v = quota.value.as_str();
    match quota.dimension {
        QuotaDimension::Region => pick
            .region
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case(v)),
        QuotaDimension::Theme => pick.themes.iter().any(|t| t.eq_ignore_ascii_case(v)),
        QuotaDimension::OrganisationType => pick.organisation_type.eq_ignore_ascii_case(v),
    }
}

fn count(quota: &Quota, picks: &[Pick], chosen: &[bool]) -> usize {
    picks
        .iter()
        .zip(chosen)
        .filter(|(p, c)| **c && counts_toward(quota, p))
        .count()
}

fn caps_hold(quotas: &[Quota], picks: &[Pick], chosen: &[bool]) -> bool {
    quotas
        .iter()
        .all(|q| q.max.is_none_or(|m| count(q, picks, chosen) <= m))
}

/// Selects at most `max` of `ranked` (best first) respecting `quotas`.
pub fn select(ranked: &[Pick], max: usize, quotas: &[Quota]) -> Selection {
    let n = ranked.len();
    let mut chosen = vec![false; n];
    let mut decisions = vec![Decision::BelowCutoff; n];
    let mut taken = 0;
    for i in 0..n {
        if taken >= max {
            break;
        }
        chosen[i] = true;
        if let Some(q) = quotas
            .iter()
            .find(|q| q.max.is_some_and(|m| count(q, ranked, &chosen) > m))
        {
            chosen[i] = false;
            decisions[i] = Decision::CapFull(q.id.clone());
        } else {
            decisions[i] = Decision::Selected;
            taken += 1;
        }
    }
    let mut unmet = Vec::new();
    for q in quotas {
        let Some(min) = q.min else { continue };
        while count(q, ranked, &chosen) < min {
            if !repair_once(ranked, max, quotas, q, &mut chosen, &mut decisions) {
                unmet.push(q.id.clone());
                break;
            }
        }
    }
    let best: f64 = ranked.iter().take(max).map(|p| p.score).sum();
    let got: f64 = ranked
        .iter()
        .zip(&chosen)
        .filter(|(_, c)| **c)
        .map(|(p, _)| p.score)
        .sum();
    Selection {
        decisions,
        unmet_floors: unmet,
        score_given_up: (best - got).max(0.0),
    }
}

/// One swap (or addition) toward the floor of `q`; false when none keeps the other quotas.
fn repair_once(
    ranked: &[Pick],
    max: usize,
    quotas: &[Quota],
    q: &Quota,
    chosen: &mut [bool],
    decisions: &mut [Decision],
) -> bool {
    let taken = chosen.iter().filter(|c| **c).count();
    let candidates: Vec<usize> = (0..ranked.len())
        .filter(|&i| !chosen[i] && counts_toward(q, &ranked[i]))
        .collect();
    for c in candidates {
        if taken < max {
            chosen[c] = true;
            if caps_hold(quotas, ranked, chosen) {
                decisions[c] = Decision::SelectedForFloor(q.id.clone());
                return true;
            }
            chosen[c] = false;
            continue;
        }
        // Victims from the bottom of the selection: not in this floor, not needed by another.
        let victims: Vec<usize> = (0..ranked.len())
            .rev()
            .filter(|&v| chosen[v] && !counts_toward(q, &ranked[v]))
            .collect();
        for v in victims {
            let needed = quotas.iter().any(|o| {
                o.min
                    .is_some_and(|m| counts_toward(o, &ranked[v]) && count(o, ranked, chosen) <= m)
            });
            if needed {
                continue;
            }
            chosen[v] = false;
            chosen[c] = true;
            if caps_hold(quotas, ranked, chosen) {
                decisions[v] = Decision::DisplacedByFloor(q.id.clone());
                decisions[c] = Decision::SelectedForFloor(q.id.clone());
                return true;
            }
            chosen[v] = true;
            chosen[c] = false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Text;

    fn pick(id: &str, score: f64, region: &str) -> Pick {
        Pick {
            id: id.into(),
            score,
            region: Some(region.into()),
            ..Pick::default()
        }
    }

    fn quota(id: &str, region: &str, min: Option<usize>, max: Option<usize>) -> Quota {
        Quota {
            id: id.into(),
            dimension: QuotaDimension::Region,
            value: region.into(),
            min,
            max,
            text: Text::default(),
        }
    }

    #[test]
    fn caps_skip_candidates_and_floors_swap_in_the_best_missing_one() {
        let ranked = [
            pick("a", 5.0, "Uusimaa"),
            pick("b", 4.0, "Uusimaa"),
            pick("c", 3.0, "Uusimaa"),
            pick("d", 2.0, "Lappi"),
            pick("e", 1.0, "Kainuu"),
        ];
        let s = select(
            &ranked,
            3,
            &[
                quota("cap", "Uusimaa", None, Some(2)),
                quota("floor", "Kainuu", Some(1), None),
            ],
        );
        assert_eq!(
            s.decisions,
            [
                Decision::Selected,
                Decision::Selected,
                Decision::CapFull("cap".into()),
                Decision::DisplacedByFloor("floor".into()),
                Decision::SelectedForFloor("floor".into()),
            ]
        );
        // Top three without quotas: 5 + 4 + 3 = 12; selected 5 + 4 + 1 = 10.
        assert!((s.score_given_up - 2.0).abs() < 1e-12);
        assert!(s.unmet_floors.is_empty());
    }

    #[test]
    fn an_impossible_floor_is_reported() {
        let s = select(
            &[pick("a", 1.0, "Uusimaa")],
            1,
            &[quota("f", "Lappi", Some(1), None)],
        );
        assert_eq!(s.unmet_floors, ["f"]);
        assert!(s.decisions[0].is_selected());
    }
}
