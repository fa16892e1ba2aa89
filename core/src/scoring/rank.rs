//! Ranking methods (weighted sum, TOPSIS) and deterministic tie-breaking.

use super::ScoringError;
use serde::{Deserialize, Serialize};

/// Scores closer than this are treated as tied (no float near-tie flips).
pub const TOLERANCE: f64 = 1e-9;

/// How a decision-matrix column is normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Normalisation {
    /// x / ‖column‖₂ (cost criteria: handled by the ideal for TOPSIS, 1 − r for weighted sum).
    #[default]
    Vector,
    /// (x − min) / (max − min) for benefit, (max − x) / (max − min) for cost; constant columns → 1.
    MinMax,
    /// pymcdm's `linear_normalization` ("max"): x / max for benefit, min / x for cost. Values must
    /// be ≥ 0, and > 0 in cost columns; an all-zero benefit column → 0.
    #[serde(alias = "max")]
    Linear,
    /// Raw values (weighted sum only; every criterion must be a benefit).
    None,
}

/// Ranking method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Method {
    #[default]
    /// Weighted sum of the normalised criterion values (the default).
    WeightedSum,
    /// TOPSIS: closeness to the ideal and distance from the worst alternative.
    Topsis,
}

/// A plain decision matrix: alternatives × criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionMatrix {
    #[serde(default)]
    /// Names of the alternatives, in row order; numbered when absent.
    pub alternatives: Vec<String>,
    #[serde(default)]
    /// Names of the criteria, in column order (labels only; may be left out).
    pub criteria: Vec<String>,
    /// One row per alternative, one value per criterion.
    pub values: Vec<Vec<f64>>,
    /// One weight per criterion, non-negative with a positive sum; normalised by the sum.
    pub weights: Vec<f64>,
    /// `true` = benefit (more is better), `false` = cost; all benefit when absent.
    #[serde(default)]
    pub benefit: Vec<bool>,
    #[serde(default)]
    /// Weighted sum or TOPSIS.
    pub method: Method,
    #[serde(default)]
    /// How each criterion's values are put on one scale.
    pub normalisation: Normalisation,
}

/// Scores of a decision matrix, in input order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixScores {
    /// The method used.
    pub method: Method,
    /// The normalisation used.
    pub normalisation: Normalisation,
    /// One score per alternative, in input order.
    pub scores: Vec<AlternativeScore>,
}

/// One alternative's score and 1-based rank (ties share the best rank).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlternativeScore {
    /// The alternative's name.
    pub alternative: String,
    /// Its score; higher is better.
    pub score: f64,
    /// Its 1-based rank.
    pub rank: usize,
}

fn check(values: &[Vec<f64>], weights: &[f64], benefit: &[bool]) -> Result<(), ScoringError> {
    let n = weights.len();
    if n == 0 {
        return Err(ScoringError::Matrix("no criteria".into()));
    }
    if values.is_empty() {
        return Err(ScoringError::Matrix("no alternatives".into()));
    }
    if let Some(i) = values.iter().position(|r| r.len() != n) {
        return Err(ScoringError::Matrix(format!(
            "row {} has {} values for {n} weights",
            i + 1,
            values[i].len()
        )));
    }
    if !benefit.is_empty() && benefit.len() != n {
        return Err(ScoringError::Matrix(format!(
            "{} benefit flags for {n} criteria",
            benefit.len()
        )));
    }
    if values.iter().flatten().any(|x| !x.is_finite()) {
        return Err(ScoringError::Matrix("values must be finite numbers".into()));
    }
    if weights.iter().any(|w| !w.is_finite() || *w < 0.0) || weights.iter().sum::<f64>() <= 0.0 {
        return Err(ScoringError::Matrix(
            "weights must be non-negative with a positive sum".into(),
        ));
    }
    Ok(())
}

fn is_benefit(benefit: &[bool], j: usize) -> bool {
    benefit.get(j).copied().unwrap_or(true)
}

/// Normalised matrix (cost columns already turned so that larger is better, except for vector
/// normalisation under TOPSIS, which keeps raw direction and flips the ideal instead).
fn normalise(
    values: &[Vec<f64>],
    benefit: &[bool],
    norm: Normalisation,
    flip_vector_costs: bool,
) -> Vec<Vec<f64>> {
    let n = values.first().map_or(0, Vec::len);
    let mut out = values.to_vec();
    for j in 0..n {
        let col: Vec<f64> = values.iter().map(|r| r[j]).collect();
        let b = is_benefit(benefit, j);
        match norm {
            Normalisation::Vector => {
                let len = libm::sqrt(col.iter().map(|x| x * x).sum());
                for (i, x) in col.iter().enumerate() {
                    let r = if len > 0.0 { x / len } else { 0.0 };
                    out[i][j] = if !b && flip_vector_costs { 1.0 - r } else { r };
                }
            }
            Normalisation::MinMax => {
                let lo = col.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = col.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                for (i, x) in col.iter().enumerate() {
                    out[i][j] = if hi - lo <= 0.0 {
                        1.0
                    } else if b {
                        (x - lo) / (hi - lo)
                    } else {
                        (hi - x) / (hi - lo)
                    };
                }
            }
            Normalisation::Linear => {
                let lo = col.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = col.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                for (i, x) in col.iter().enumerate() {
                    out[i][j] = match (b, hi > 0.0) {
                        (true, true) => x / hi,
                        (true, false) => 0.0,
                        // `check_linear` guarantees x > 0 here.
                        (false, _) => lo / x,
                    };
                }
            }
            Normalisation::None => {}
        }
    }
    out
}

/// Linear normalisation divides by column values: negatives, and zeros in cost columns, have
/// no meaning there (pymcdm would return inf or NaN).
fn check_linear(
    values: &[Vec<f64>],
    benefit: &[bool],
    norm: Normalisation,
) -> Result<(), ScoringError> {
    if norm != Normalisation::Linear {
        return Ok(());
    }
    for row in values {
        for (j, x) in row.iter().enumerate() {
            if *x < 0.0 || (*x <= 0.0 && !is_benefit(benefit, j)) {
                return Err(ScoringError::Matrix(
                    "linear normalisation needs values ≥ 0, and > 0 in cost columns".into(),
                ));
            }
        }
    }
    Ok(())
}

fn unit_weights(weights: &[f64]) -> Vec<f64> {
    let s: f64 = weights.iter().sum();
    weights.iter().map(|w| w / s).collect()
}

/// Weighted sum Σ w_j r_ij with weights scaled to sum 1.
pub fn weighted_sum(
    values: &[Vec<f64>],
    weights: &[f64],
    benefit: &[bool],
    norm: Normalisation,
) -> Result<Vec<f64>, ScoringError> {
    check(values, weights, benefit)?;
    check_linear(values, benefit, norm)?;
    if norm == Normalisation::None && benefit.iter().any(|b| !b) {
        return Err(ScoringError::Matrix(
            "cost criteria need a normalisation (vector, minMax or linear)".into(),
        ));
    }
    let r = normalise(values, benefit, norm, true);
    let w = unit_weights(weights);
    Ok(r.iter()
        .map(|row| row.iter().zip(&w).map(|(x, w)| x * w).sum())
        .collect())
}

/// TOPSIS closeness D⁻ / (D⁺ + D⁻); 0.5 when an alternative is both ideal and anti-ideal.
pub fn topsis(
    values: &[Vec<f64>],
    weights: &[f64],
    benefit: &[bool],
    norm: Normalisation,
) -> Result<Vec<f64>, ScoringError> {
    check(values, weights, benefit)?;
    check_linear(values, benefit, norm)?;
    if norm == Normalisation::None {
        return Err(ScoringError::Matrix(
            "TOPSIS needs a normalisation (vector, minMax or linear)".into(),
        ));
    }
    let w = unit_weights(weights);
    let v: Vec<Vec<f64>> = normalise(values, benefit, norm, false)
        .into_iter()
        .map(|row| row.iter().zip(&w).map(|(x, w)| x * w).collect())
        .collect();
    let n = w.len();
    let (mut best, mut worst) = (vec![0.0; n], vec![0.0; n]);
    for j in 0..n {
        let hi = v.iter().map(|r| r[j]).fold(f64::NEG_INFINITY, f64::max);
        let lo = v.iter().map(|r| r[j]).fold(f64::INFINITY, f64::min);
        // Min–max and linear already turned costs around; vector normalisation keeps raw direction.
        let cost = norm == Normalisation::Vector && !is_benefit(benefit, j);
        (best[j], worst[j]) = if cost { (lo, hi) } else { (hi, lo) };
    }
    let dist =
        |r: &[f64], t: &[f64]| libm::sqrt(r.iter().zip(t).map(|(a, b)| (a - b) * (a - b)).sum());
    Ok(v.iter()
        .map(|r| {
            let (dp, dm) = (dist(r, &best), dist(r, &worst));
            if dp + dm > 0.0 { dm / (dp + dm) } else { 0.5 }
        })
        .collect())
}

/// Scores a decision matrix with its own method and normalisation.
pub fn rank_matrix(m: &DecisionMatrix) -> Result<MatrixScores, ScoringError> {
    let scores = match m.method {
        Method::WeightedSum => weighted_sum(&m.values, &m.weights, &m.benefit, m.normalisation)?,
        Method::Topsis => topsis(&m.values, &m.weights, &m.benefit, m.normalisation)?,
    };
    if !m.alternatives.is_empty() && m.alternatives.len() != scores.len() {
        return Err(ScoringError::Matrix(format!(
            "{} names for {} rows",
            m.alternatives.len(),
            scores.len()
        )));
    }
    let scores = scores
        .iter()
        .enumerate()
        .map(|(i, s)| AlternativeScore {
            alternative: m
                .alternatives
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("A{}", i + 1)),
            score: *s,
            rank: 1 + scores.iter().filter(|o| **o > s + TOLERANCE).count(),
        })
        .collect();
    Ok(MatrixScores {
        method: m.method,
        normalisation: m.normalisation,
        scores,
    })
}

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, pure and identical on every platform.
pub fn splitmix64(state: u64) -> u64 {
    let mut z = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a of an id, so the lottery ticket depends on the id and not on input order.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The lottery ticket of `id` under `seed`; higher tickets win.
pub fn ticket(seed: u64, id: &str) -> u64 {
    splitmix64(seed ^ fnv1a(id))
}

/// An item to order: total score, then tie-break keys (criterion scores by descending weight).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The item's id, also the lottery's seed input.
    pub id: String,
    /// The total score; higher first.
    pub score: f64,
    /// Tie-break keys, compared in order, higher first.
    pub keys: Vec<f64>,
}

/// Result of [`order`]: indices best first, and the ids whose place the lottery decided.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ordering {
    /// Indices into the candidates given, best first.
    pub order: Vec<usize>,
    /// Ids whose place among equals the seeded lottery decided.
    pub by_lottery: Vec<String>,
}

/// Orders candidates: score (ties within [`TOLERANCE`]) → each key in turn → seeded lottery →
/// id. Near-ties are grouped by chaining sorted values, which is independent of input order and
/// never hands `sort` an inconsistent comparison.
pub fn order(cands: &[Candidate], seed: u64) -> Ordering {
    let depth = cands.iter().map(|c| c.keys.len()).max().unwrap_or(0);
    let mut out = Ordering::default();
    let idx: Vec<usize> = (0..cands.len()).collect();
    order_level(cands, seed, idx, 0, depth, &mut out);
    out
}

fn key(c: &Candidate, level: usize) -> f64 {
    if level == 0 {
        c.score
    } else {
        c.keys.get(level - 1).copied().unwrap_or(f64::NEG_INFINITY)
    }
}

fn order_level(
    cands: &[Candidate],
    seed: u64,
    mut idx: Vec<usize>,
    level: usize,
    depth: usize,
    out: &mut Ordering,
) {
    if idx.len() <= 1 {
        out.order.extend(idx);
        return;
    }
    if level > depth {
        // Every score and key tied: the seeded lottery decides, the id only if tickets collide.
        crate::sort::sort_by(&mut idx, |&a, &b| {
            ticket(seed, &cands[b].id)
                .cmp(&ticket(seed, &cands[a].id))
                .then_with(|| cands[a].id.cmp(&cands[b].id))
        });
        out.by_lottery
            .extend(idx.iter().map(|&i| cands[i].id.clone()));
        out.order.extend(idx);
        return;
    }
    crate::sort::sort_by(&mut idx, |&a, &b| {
        key(&cands[b], level).total_cmp(&key(&cands[a], level))
    });
    let mut group = Vec::new();
    for i in idx {
        if let Some(&last) = group.last()
            && (key(&cands[last], level) - key(&cands[i], level)).abs() > TOLERANCE
        {
            order_level(
                cands,
                seed,
                std::mem::take(&mut group),
                level + 1,
                depth,
                out,
            );
        }
        group.push(i);
    }
    order_level(cands, seed, group, level + 1, depth, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: &[f64], want: &[f64], tol: f64) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < tol, "got {got:?}, want {want:?}");
        }
    }

    #[test]
    fn topsis_vector_reproduces_tzeng_and_huang_2011() {
        // Matrix as used by scikit-criteria's TOPSIS test, citing Tzeng & Huang (2011),
        // "Multiple Attribute Decision Making: Methods and Applications", CRC Press.
        let m = vec![
            vec![5., 8., 4.],
            vec![7., 6., 8.],
            vec![8., 8., 6.],
            vec![7., 4., 6.],
        ];
        let s = topsis(&m, &[0.3, 0.4, 0.3], &[], Normalisation::Vector).expect("valid");
        close(&s, &[0.5037, 0.6581, 0.7482, 0.3340], 5e-5);
    }

    #[test]
    fn topsis_reproduces_opricovic_and_tzeng_2004_with_both_normalisations() {
        // Opricovic & Tzeng (2004), EJOR 156:445–455, numerical example: A1 (1, 3000),
        // A2 (2, 3750), A3 (5, 4500), equal weights. The first criterion is taken as a cost and
        // the second as a benefit: the only orientation that gives all six published values.
        let m = vec![vec![1., 3000.], vec![2., 3750.], vec![5., 4500.]];
        let b = [false, true];
        let mm = topsis(&m, &[0.5, 0.5], &b, Normalisation::MinMax).expect("valid");
        close(&mm, &[0.500, 0.617, 0.500], 5e-4);
        let v = topsis(&m, &[0.5, 0.5], &b, Normalisation::Vector).expect("valid");
        close(&v, &[0.762, 0.722, 0.238], 5e-4);
    }

    #[test]
    fn weighted_sum_matches_a_hand_computed_vector() {
        // Raw rubric scores, weights 0.5/0.3/0.2: 0.5·4 + 0.3·2 + 0.2·5 = 3.6, 0.5·3 + 0.3·5 + 0.2·0 = 3.0.
        let s = weighted_sum(
            &[vec![4., 2., 5.], vec![3., 5., 0.]],
            &[5., 3., 2.],
            &[],
            Normalisation::None,
        )
        .expect("valid");
        close(&s, &[3.6, 3.0], 1e-12);
        let mm = weighted_sum(
            &[vec![1., 10.], vec![3., 30.]],
            &[1., 1.],
            &[true, false],
            Normalisation::MinMax,
        )
        .expect("valid");
        close(&mm, &[0.5, 0.5], 1e-12);
    }

    #[test]
    fn linear_normalisation_divides_by_the_column_maximum_or_into_its_minimum() {
        // Benefit column 2, 4, 8 → 0.25, 0.5, 1; cost column 1, 2, 4 → 1, 0.5, 0.25 (min / x).
        let m = vec![vec![2.0, 1.0], vec![4.0, 2.0], vec![8.0, 4.0]];
        let b = [true, false];
        let r = normalise(&m, &b, Normalisation::Linear, true);
        assert_eq!(r, [vec![0.25, 1.0], vec![0.5, 0.5], vec![1.0, 0.25]]);
        // Equal weights: (0.25 + 1) / 2, (0.5 + 0.5) / 2, (1 + 0.25) / 2.
        let ws = weighted_sum(&m, &[1.0, 1.0], &b, Normalisation::Linear).expect("valid");
        for (got, want) in ws.iter().zip([0.625, 0.5, 0.625]) {
            assert!((got - want).abs() < 1e-12, "{ws:?}");
        }
        // TOPSIS: weighted rows (⅛, ½), (¼, ¼), (½, ⅛); ideal (½, ½), anti-ideal (⅛, ⅛):
        // A1 and A3 are ⅜ from both (0.5), A2 is √2·¼ and √2·⅛ away (⅓).
        let t = topsis(&m, &[1.0, 1.0], &b, Normalisation::Linear).expect("valid");
        for (got, want) in t.iter().zip([0.5, 1.0 / 3.0, 0.5]) {
            assert!((got - want).abs() < 1e-12, "{t:?}");
        }
        assert!(weighted_sum(&[vec![0.0, 1.0]], &[1.0, 1.0], &b, Normalisation::Linear).is_ok());
        assert!(weighted_sum(&[vec![1.0, 0.0]], &[1.0, 1.0], &b, Normalisation::Linear).is_err());
        assert!(topsis(&[vec![-1.0, 1.0]], &[1.0, 1.0], &b, Normalisation::Linear).is_err());
        let json: Normalisation = serde_json::from_str("\"max\"").expect("alias");
        assert_eq!(json, Normalisation::Linear);
    }

    #[test]
    fn malformed_matrices_are_errors() {
        assert!(topsis(&[vec![1.0]], &[], &[], Normalisation::Vector).is_err());
        assert!(
            topsis(
                &[vec![1.0, 2.0], vec![1.0]],
                &[1.0, 1.0],
                &[],
                Normalisation::Vector
            )
            .is_err()
        );
        assert!(weighted_sum(&[vec![f64::NAN]], &[1.0], &[], Normalisation::None).is_err());
        assert!(weighted_sum(&[vec![1.0]], &[1.0], &[false], Normalisation::None).is_err());
        assert!(topsis(&[vec![1.0]], &[-1.0], &[], Normalisation::MinMax).is_err());
    }

    #[test]
    fn ties_fall_to_criteria_then_to_a_reported_lottery() {
        let c = |id: &str, score: f64, keys: &[f64]| Candidate {
            id: id.into(),
            score,
            keys: keys.to_vec(),
        };
        let cands = vec![
            c("a", 3.0, &[3.0]),
            c("b", 3.0 + 1e-12, &[4.0]),
            c("c", 3.0, &[3.0]),
            c("d", 4.0, &[0.0]),
        ];
        let o = order(&cands, 42);
        assert_eq!(&o.order[..2], &[3, 1]);
        assert_eq!(o.by_lottery.len(), 2);
        assert_eq!(order(&cands, 42), o);
        let mut rev = cands.clone();
        rev.reverse();
        let ids = |o: &Ordering, cs: &[Candidate]| {
            o.order
                .iter()
                .map(|&i| cs[i].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&order(&rev, 42), &rev), ids(&o, &cands));
    }

    #[test]
    fn splitmix_matches_its_reference_output() {
        // First output of SplitMix64 seeded with 0 (reference implementation by Vigna).
        assert_eq!(splitmix64(0), 0xe220_a839_7b1d_cdaf);
    }
}
