//! Every WARM-derived factor in `core/data/factors.json` recomputed from EPA's WARM v15 openLCA
//! matrices (USEPA/WARMer at 0ba5c8a, MIT) in the committed extract
//! `tools/warm15/warmer-v15-extract.json`, written by `tools/warm15/derive.py --extract`.
//!
//! Net factor of a process k: x = A⁻¹f with f = one short ton (907.18474 kg) of k's reference
//! product, then Σ c·(B x) with the WARMv15 GHG characterisation c, in MTCO2E per short ton.

use kiertokit::impact::{FactorUnit, Factors, KG_PER_SHORT_TON};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const WARMER_COMMIT: &str = "0ba5c8a85816bf08aa8fde7d09e8c1e8bddd9636";

struct Warm {
    processes: Vec<String>,
    /// Dense technology matrix, row-major (products × processes).
    a: Vec<Vec<f64>>,
    /// Sparse interventions: (flow, process, amount).
    b: Vec<(usize, usize, f64)>,
    characterisation: Vec<f64>,
}

fn extract() -> Warm {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools/warm15/warmer-v15-extract.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("extract: {e}"));
    assert_eq!(
        v.pointer("/provenance/commit").and_then(Value::as_str),
        Some(WARMER_COMMIT),
        "the extract must come from the pinned WARMer commit"
    );
    assert_eq!(
        v.pointer("/short_ton_kg").and_then(Value::as_f64),
        Some(KG_PER_SHORT_TON)
    );
    let strings = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap_or_else(|| panic!("no {key}"))
            .iter()
            .map(|s| {
                s.as_str()
                    .unwrap_or_else(|| panic!("{key}: {s}"))
                    .to_owned()
            })
            .collect()
    };
    let processes = strings("processes");
    let flows = strings("flows");
    let n = processes.len();
    let triplets = |key: &str, rows: usize| -> Vec<(usize, usize, f64)> {
        v[key]
            .as_array()
            .unwrap_or_else(|| panic!("no {key}"))
            .iter()
            .map(|t| {
                let idx = |i: usize| {
                    t[i].as_u64()
                        .and_then(|x| usize::try_from(x).ok())
                        .unwrap_or_else(|| panic!("{key}: {t}"))
                };
                let (i, j) = (idx(0), idx(1));
                assert!(i < rows && j < n, "{key}: {t} out of range");
                let x = t[2].as_f64().unwrap_or_else(|| panic!("{key}: {t}"));
                (i, j, x)
            })
            .collect()
    };
    let mut a = vec![vec![0.0; n]; n];
    for (i, j, x) in triplets("a", n) {
        a[i][j] = x;
    }
    let b = triplets("b", flows.len());
    let characterisation: Vec<f64> = v["characterisation"]
        .as_array()
        .unwrap_or_else(|| panic!("no characterisation"))
        .iter()
        .map(|x| {
            x.as_f64()
                .unwrap_or_else(|| panic!("characterisation: {x}"))
        })
        .collect();
    assert_eq!(characterisation.len(), flows.len());
    Warm {
        processes,
        a,
        b,
        characterisation,
    }
}

impl Warm {
    /// MTCO2E per short ton of process `k`'s reference product.
    fn net_factor(&self, k: usize) -> f64 {
        let n = self.processes.len();
        // Only processes k depends on, directly or not, carry a non-zero x.
        let mut closure = BTreeSet::from([k]);
        let mut stack = vec![k];
        while let Some(j) = stack.pop() {
            for i in 0..n {
                if self.a[i][j] != 0.0 && closure.insert(i) {
                    stack.push(i);
                }
            }
        }
        let idx: Vec<usize> = closure.into_iter().collect();
        let size = idx.len();
        let mut m: Vec<Vec<f64>> = idx
            .iter()
            .map(|&i| {
                let mut row: Vec<f64> = idx.iter().map(|&j| self.a[i][j]).collect();
                row.push(if i == k { KG_PER_SHORT_TON } else { 0.0 });
                row
            })
            .collect();
        // Gaussian elimination with partial pivoting on [A | f].
        for col in 0..size {
            let pivot = (col..size)
                .max_by(|&r, &s| m[r][col].abs().total_cmp(&m[s][col].abs()))
                .unwrap_or(col);
            m.swap(col, pivot);
            let p = m[col][col];
            assert!(
                p != 0.0,
                "singular technology matrix at {}",
                self.processes[k]
            );
            let (top, below) = m.split_at_mut(col + 1);
            let pivot_row = &top[col];
            for row in below.iter_mut() {
                let factor = row[col] / p;
                if factor != 0.0 {
                    for (cell, above) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                        *cell -= factor * above;
                    }
                }
            }
        }
        let mut x = vec![0.0; size];
        for r in (0..size).rev() {
            let s: f64 = (r + 1..size).map(|c| m[r][c] * x[c]).sum();
            x[r] = (m[r][size] - s) / m[r][r];
        }
        let scale: std::collections::BTreeMap<usize, f64> =
            idx.iter().copied().zip(x.iter().copied()).collect();
        self.b
            .iter()
            .filter_map(|&(f, p, amount)| {
                scale
                    .get(&p)
                    .map(|xp| self.characterisation[f] * amount * xp)
            })
            .sum()
    }

    fn index(&self, name: &str) -> usize {
        self.processes
            .iter()
            .position(|p| p == name)
            .unwrap_or_else(|| panic!("WARMer v15 has no process `{name}`"))
    }
}

#[test]
fn every_warm_derived_factor_equals_its_recomputation_from_warmer_v15() {
    let warm = extract();
    let factors = Factors::builtin_with_provenance().unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for f in factors.factors() {
        let Some(process) = &f.warm_process else {
            continue;
        };
        assert_eq!(f.unit, FactorUnit::MtCo2ePerShortTon, "{}", f.id);
        let derived = warm.net_factor(warm.index(process));
        // Shipped at four decimals: the derivation rounds to exactly the shipped value.
        let rounded = (derived * 1e4).round() / 1e4;
        assert!(
            (rounded - f.value).abs() < 1e-9,
            "{}: shipped {} but WARMer v15 `{process}` gives {derived:.6}",
            f.id,
            f.value
        );
        checked += 1;
    }
    let warm_ids = factors
        .factors()
        .iter()
        .filter(|f| f.source.contains("WARM"))
        .count();
    assert_eq!(
        checked, warm_ids,
        "every WARM-sourced factor names its process"
    );
    assert!(checked >= 40, "{checked}");
}

// Source: WARM's published mixed paper (general) recycling factor, −3.55 MTCO2E/short ton.
#[test]
fn the_recomputation_reproduces_a_published_warm_factor() {
    let warm = extract();
    let v = warm.net_factor(warm.index("MSW recycling of Mixed Paper (general)"));
    assert!((v - -3.55).abs() < 0.005, "{v}");
}

#[test]
fn digestion_and_landfill_use_the_stated_warm_variants() {
    let factors = Factors::builtin_with_provenance().unwrap_or_else(|e| panic!("{e}"));
    for f in factors.factors() {
        let Some(process) = &f.warm_process else {
            continue;
        };
        let id = f.id.as_str();
        if id.ends_with(".anaerobic_digestion") {
            assert!(
                process.ends_with("; Dry digestion, Cured"),
                "{id}: {process}"
            );
            let said = format!(
                "{} {}",
                f.note.clone().unwrap_or_default(),
                f.basis.clone().unwrap_or_default()
            );
            assert!(
                said.contains("Dry digestion, Cured"),
                "{id} must state the variant"
            );
        }
        if process.starts_with("MSW landfilling of ") && process.contains(';') {
            assert!(
                process.ends_with(
                    "; National average LFG recovery, typical collection, National average conditions"
                ),
                "{id}: {process}"
            );
        }
    }
}
