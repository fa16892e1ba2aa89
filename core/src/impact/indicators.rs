//! Circularity indicators: MCI, WBCSD CTI, Eurostat CMU, resource productivity.

use super::ImpactError;
use crate::vocab::Code;
use serde::{Deserialize, Serialize};

fn fraction(field: &str, v: f64) -> Result<f64, ImpactError> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(ImpactError::InvalidInput {
            field: field.to_owned(),
            code: Code::OutOfRange,
            reason: format!("must be a fraction between 0 and 1, got {v}"),
        })
    }
}

fn positive(field: &str, v: f64) -> Result<f64, ImpactError> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(ImpactError::InvalidInput {
            field: field.to_owned(),
            code: Code::OutOfRange,
            reason: format!("must be a finite number > 0, got {v}"),
        })
    }
}

fn non_negative(field: &str, v: f64) -> Result<f64, ImpactError> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(ImpactError::InvalidInput {
            field: field.to_owned(),
            code: Code::OutOfRange,
            reason: format!("must be a finite number ≥ 0, got {v}"),
        })
    }
}

/// A computed value that must be finite: overflow is the input being out of range.
fn computed(field: &str, v: f64) -> Result<f64, ImpactError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(ImpactError::InvalidInput {
            field: field.to_owned(),
            code: Code::NotComputable,
            reason: "too large: the result is outside the range of computable numbers".to_owned(),
        })
    }
}

// Tolerance for fractions that should sum to at most 1 but carry float noise.
const SUM_TOLERANCE: f64 = 1e-9;

fn at_most_one(field: &str, parts: &[f64]) -> Result<(), ImpactError> {
    let sum: f64 = parts.iter().sum();
    if sum <= 1.0 + SUM_TOLERANCE {
        Ok(())
    } else {
        Err(ImpactError::InvalidInput {
            field: field.to_owned(),
            code: Code::OutOfRange,
            reason: format!("fractions sum to {sum:.4}, more than 1"),
        })
    }
}

fn one() -> f64 {
    1.0
}

/// Utility of a product relative to the industry average: X = (L/L_av)·(U/U_av).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Utility {
    /// L: the product's lifetime.
    #[serde(default = "one")]
    pub lifetime: f64,
    /// L_av: the industry-average lifetime.
    #[serde(default = "one")]
    pub lifetime_average: f64,
    /// U: the product's intensity of use (functional units a year).
    #[serde(default = "one")]
    pub intensity: f64,
    /// U_av: the industry-average intensity of use.
    #[serde(default = "one")]
    pub intensity_average: f64,
}

impl Default for Utility {
    fn default() -> Utility {
        Utility {
            lifetime: 1.0,
            lifetime_average: 1.0,
            intensity: 1.0,
            intensity_average: 1.0,
        }
    }
}

/// Inputs of the Ellen MacArthur Foundation Material Circularity Indicator for one product.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MciInput {
    /// M: product mass (any mass unit, used consistently).
    pub mass: f64,
    /// F_R: fraction of feedstock from recycled sources.
    #[serde(default)]
    pub recycled_input: f64,
    /// F_U: fraction of feedstock from reused sources.
    #[serde(default)]
    pub reused_input: f64,
    /// F_S: fraction of biological feedstock from sustained production.
    #[serde(default)]
    pub sustained_input: f64,
    /// C_R: fraction of mass collected for recycling at end of use.
    #[serde(default)]
    pub recycled_output: f64,
    /// C_U: fraction of mass going to component reuse.
    #[serde(default)]
    pub reused_output: f64,
    /// C_C: fraction of biological mass composted.
    #[serde(default)]
    pub composted_output: f64,
    /// C_E: fraction of biological mass to energy recovery.
    #[serde(default)]
    pub energy_recovery_output: f64,
    /// E_C: efficiency of the recycling process at end of use; omitted means EMF's 1 (no
    /// losses), which the result then lists in `defaults_used`.
    #[serde(default)]
    pub recycling_efficiency_output: Option<f64>,
    /// E_F: efficiency of the process producing recycled feedstock; omitted means 1, listed
    /// in `defaults_used`.
    #[serde(default)]
    pub recycling_efficiency_input: Option<f64>,
    /// Lifetime and intensity of use against the industry average.
    #[serde(default)]
    pub utility: Utility,
}

/// MCI and its intermediate terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mci {
    /// V: virgin feedstock mass.
    pub virgin: f64,
    /// W_0: unrecoverable waste mass.
    pub waste_unrecoverable: f64,
    /// W_C: waste from recycling at end of use.
    pub waste_recycling_output: f64,
    /// W_F: waste from producing recycled feedstock.
    pub waste_recycling_input: f64,
    /// W = W_0 + (W_C + W_F) / 2: the unrecoverable waste MCI counts.
    pub waste: f64,
    /// LFI: the linear flow index.
    pub lfi: f64,
    /// X: the utility.
    pub utility_x: f64,
    /// F(X) = 0.9 / X.
    pub utility_factor: f64,
    /// MCI = max(0, 1 − LFI·F(X)).
    pub mci: f64,
    /// Inputs that were omitted and taken as 1 although they affect the result (an efficiency
    /// of 1 means a loss-free recycling process, the optimistic end).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defaults_used: Vec<String>,
}

/// The product-level MCI (EMF 2019 methodology).
///
/// V = M(1−F_R−F_U−F_S); W0 = M(1−C_R−C_U−C_C−C_E); W_C = M(1−E_C)C_R;
/// W_F = M(1−E_F)F_R/E_F; W = W0 + (W_F+W_C)/2; LFI = (V+W)/(2M + (W_F−W_C)/2);
/// F(X) = 0.9/X; MCI = max(0, 1 − LFI·F(X)).
pub fn mci(input: &MciInput) -> Result<Mci, ImpactError> {
    let m = positive("mass", input.mass)?;
    let fr = fraction("recycled_input", input.recycled_input)?;
    let fu = fraction("reused_input", input.reused_input)?;
    let fs = fraction("sustained_input", input.sustained_input)?;
    let cr = fraction("recycled_output", input.recycled_output)?;
    let cu = fraction("reused_output", input.reused_output)?;
    let cc = fraction("composted_output", input.composted_output)?;
    let ce = fraction("energy_recovery_output", input.energy_recovery_output)?;
    let ec = fraction(
        "recycling_efficiency_output",
        input.recycling_efficiency_output.unwrap_or(1.0),
    )?;
    let ef = fraction(
        "recycling_efficiency_input",
        input.recycling_efficiency_input.unwrap_or(1.0),
    )?;
    at_most_one("inputs", &[fr, fu, fs])?;
    at_most_one("outputs", &[cr, cu, cc, ce])?;
    let u = input.utility;
    let l = positive("utility.lifetime", u.lifetime)?;
    let lav = positive("utility.lifetime_average", u.lifetime_average)?;
    let i = positive("utility.intensity", u.intensity)?;
    let iav = positive("utility.intensity_average", u.intensity_average)?;

    // Per unit of mass first: the index is a ratio, so it must not depend on the scale.
    let virgin1 = 1.0 - fr - fu - fs;
    let w01 = 1.0 - cr - cu - cc - ce;
    let wc1 = (1.0 - ec) * cr;
    // No recycled feedstock means no feedstock-recycling waste, whatever E_F is.
    let wf1 = if fr == 0.0 {
        0.0
    } else {
        if ef == 0.0 {
            return Err(ImpactError::InvalidInput {
                field: "recycling_efficiency_input".to_owned(),
                code: Code::OutOfRange,
                reason: "must be > 0 when recycled_input > 0".to_owned(),
            });
        }
        computed("recycling_efficiency_input", (1.0 - ef) * fr / ef)?
    };
    // A default only matters where its flow exists: E_C with C_R > 0, E_F with F_R > 0.
    let mut defaults_used = Vec::new();
    if input.recycling_efficiency_output.is_none() && cr > 0.0 {
        defaults_used.push("recycling_efficiency_output".to_owned());
    }
    if input.recycling_efficiency_input.is_none() && fr > 0.0 {
        defaults_used.push("recycling_efficiency_input".to_owned());
    }
    let waste1 = w01 + (wf1 + wc1) / 2.0;
    let lfi = computed(
        "recycling_efficiency_input",
        (virgin1 + waste1) / (2.0 + (wf1 - wc1) / 2.0),
    )?;
    let x = computed("utility", (l / lav) * (i / iav))?;
    if x <= 0.0 {
        return Err(ImpactError::InvalidInput {
            field: "utility".to_owned(),
            code: Code::NotComputable,
            reason: "the lifetime and intensity ratios are too small to compute".to_owned(),
        });
    }
    let fx = computed("utility", 0.9 / x)?;
    let mass = |v: f64| computed("mass", m * v);
    Ok(Mci {
        virgin: mass(virgin1)?,
        waste_unrecoverable: mass(w01)?,
        waste_recycling_output: mass(wc1)?,
        waste_recycling_input: mass(wf1)?,
        waste: mass(waste1)?,
        lfi,
        utility_x: x,
        utility_factor: fx,
        mci: (1.0 - lfi * fx).max(0.0),
        defaults_used,
    })
}

/// One product of a company's portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductMciInput {
    /// The product's id.
    pub id: String,
    /// Weight of the product in the company total (e.g. annual mass sold); defaults to its mass.
    #[serde(default)]
    pub weight: Option<f64>,
    /// Its MCI inputs.
    pub product: MciInput,
}

/// Company-level MCI: the weighted average of its products' MCIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyMci {
    /// Each product with its weight and result.
    pub products: Vec<ProductMci>,
    /// The weighted average MCI.
    pub mci: f64,
}

/// One product's MCI in the company result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductMci {
    /// The product's id.
    pub id: String,
    /// Its weight as used (its mass when none was given).
    pub weight: f64,
    /// Its MCI and intermediate terms.
    #[serde(flatten)]
    pub result: Mci,
}

/// Σ w_i·MCI_i / Σ w_i over the products, w = annual mass unless given.
pub fn company_mci(products: &[ProductMciInput]) -> Result<CompanyMci, ImpactError> {
    let mut out = Vec::with_capacity(products.len());
    for p in products {
        let result = mci(&p.product).map_err(|e| e.within(&p.id))?;
        let weight = non_negative("weight", p.weight.unwrap_or(p.product.mass))
            .map_err(|e| e.within(&p.id))?;
        out.push(ProductMci {
            id: p.id.clone(),
            weight,
            result,
        });
    }
    // Weights relative to the largest, so that the sums cannot overflow.
    let top = out.iter().map(|p| p.weight).fold(0.0, f64::max);
    let (mut sum, mut weights) = (0.0, 0.0);
    for p in &out {
        let w = if top > 0.0 { p.weight / top } else { 0.0 };
        sum += w * p.result.mci;
        weights += w;
    }
    if weights <= 0.0 {
        return Err(ImpactError::InvalidInput {
            field: "products".to_owned(),
            code: Code::Empty,
            reason: "need at least one product with weight > 0".to_owned(),
        });
    }
    Ok(CompanyMci {
        products: out,
        mci: sum / weights,
    })
}

/// An inflow of material with the share that is circular (non-virgin, or renewable and sustainably sourced).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inflow {
    /// An id for the report (optional).
    #[serde(default)]
    pub id: String,
    /// Mass of the inflow.
    pub mass: f64,
    /// Share of it that is circular, 0–1.
    pub circular_share: f64,
}

/// An outflow with its recovery potential and the share actually recovered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outflow {
    /// An id for the report (optional).
    #[serde(default)]
    pub id: String,
    /// Mass of the outflow.
    pub mass: f64,
    /// Share that could be recovered, 0–1.
    pub recovery_potential: f64,
    /// Share actually recovered, 0–1 (at most the potential).
    pub actual_recovery: f64,
}

/// A company's material inflows and outflows for [`cti`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CtiInput {
    /// Material coming in.
    pub inflows: Vec<Inflow>,
    /// Material going out.
    pub outflows: Vec<Outflow>,
}

/// WBCSD Circular Transition Indicators, material flows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Cti {
    /// Total inflow mass.
    pub inflow_mass: f64,
    /// Total outflow mass.
    pub outflow_mass: f64,
    /// Circular share of the inflow, 0–1.
    pub circular_inflow: f64,
    /// Circular share of the outflow, 0–1.
    pub circular_outflow: f64,
    /// Mass-weighted average of the two.
    pub material_circularity: f64,
}

/// % circular inflow, % circular outflow and their mass-weighted average, as fractions.
pub fn cti(input: &CtiInput) -> Result<Cti, ImpactError> {
    for f in &input.inflows {
        non_negative("inflows.mass", f.mass)?;
    }
    for f in &input.outflows {
        non_negative("outflows.mass", f.mass)?;
    }
    // Masses relative to the largest, so that sums cannot overflow; shares are ratios.
    let top = input
        .inflows
        .iter()
        .map(|f| f.mass)
        .chain(input.outflows.iter().map(|f| f.mass))
        .fold(0.0, f64::max);
    let scale = if top > 0.0 { top } else { 1.0 };
    let (mut min, mut cin) = (0.0, 0.0);
    for f in &input.inflows {
        min += f.mass / scale;
        cin += f.mass / scale * fraction("inflows.circular_share", f.circular_share)?;
    }
    let (mut mout, mut cout) = (0.0, 0.0);
    for f in &input.outflows {
        let p = fraction("outflows.recovery_potential", f.recovery_potential)?;
        let a = fraction("outflows.actual_recovery", f.actual_recovery)?;
        mout += f.mass / scale;
        cout += f.mass / scale * p * a;
    }
    let min = positive("inflows (total mass)", min)?;
    let mout = positive("outflows (total mass)", mout)?;
    let circular_inflow = cin / min;
    let circular_outflow = cout / mout;
    Ok(Cti {
        inflow_mass: computed("inflows (total mass)", min * scale)?,
        outflow_mass: computed("outflows (total mass)", mout * scale)?,
        circular_inflow,
        circular_outflow,
        material_circularity: (cin + cout) / (min + mout),
    })
}

/// Eurostat circular material use rate: U / (DMC + U).
pub fn circular_material_use(u_t: f64, dmc_t: f64) -> Result<f64, ImpactError> {
    let u = non_negative("u_t", u_t)?;
    let d = non_negative("dmc_t", dmc_t)?;
    if u == 0.0 {
        positive("dmc_t + u_t", d)?;
        return Ok(0.0);
    }
    // 1 / (1 + DMC/U): the same ratio without a sum that could overflow.
    Ok(1.0 / (1.0 + d / u))
}

/// Resource productivity: GDP / DMC (EUR per tonne, in the GDP's price basis).
pub fn resource_productivity(gdp_eur: f64, dmc_t: f64) -> Result<f64, ImpactError> {
    computed(
        "gdp_eur",
        non_negative("gdp_eur", gdp_eur)? / positive("dmc_t", dmc_t)?,
    )
}

/// One year of national material accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MaterialAccounts {
    /// The year of the accounts.
    pub year: u16,
    /// GDP in chain-linked (constant-price) euros, so years compare.
    pub gdp_eur: f64,
    /// Domestic material consumption, t.
    pub dmc_t: f64,
    /// Circular use of materials U (waste recycled domestically, minus imports plus exports), t.
    pub u_t: f64,
    /// Statistics release the values come from, e.g. "Eurostat env_ac_cur, 2025-11".
    pub vintage: String,
}

/// The accounts of 2015 and of a later year, for [`targets_2035`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetsInput {
    /// The 2015 accounts (the targets' base year).
    pub baseline_2015: MaterialAccounts,
    /// The accounts of the year to assess.
    pub current: MaterialAccounts,
}

/// Progress against Finland's 2035 targets (Government resolution 2021).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Targets2035 {
    /// Circular material use rate of the current year, 0–1.
    pub cmu: f64,
    /// The same for 2015.
    pub cmu_2015: f64,
    /// Twice the 2015 rate.
    pub cmu_target: f64,
    /// Share of the way from the 2015 level to the target: 0 = no change, 1 = reached.
    pub cmu_progress: f64,
    /// Resource productivity of the current year, EUR per tonne.
    pub productivity: f64,
    /// The same for 2015.
    pub productivity_2015: f64,
    /// Twice the 2015 productivity.
    pub productivity_target: f64,
    /// Share of the way from the 2015 productivity to the target.
    pub productivity_progress: f64,
    /// Primary raw-material use (DMC) no higher than in 2015.
    pub dmc_within_2015: bool,
    /// The statistics releases the accounts come from.
    pub vintages: Vec<String>,
}

/// CMU and resource productivity now, against 2015 and the doubled 2035 targets.
pub fn targets_2035(input: &TargetsInput) -> Result<Targets2035, ImpactError> {
    let (b, c) = (&input.baseline_2015, &input.current);
    let cmu_2015 = circular_material_use(b.u_t, b.dmc_t).map_err(|e| e.within("baseline_2015"))?;
    let cmu = circular_material_use(c.u_t, c.dmc_t).map_err(|e| e.within("current"))?;
    let rp_2015 =
        resource_productivity(b.gdp_eur, b.dmc_t).map_err(|e| e.within("baseline_2015"))?;
    let rp = resource_productivity(c.gdp_eur, c.dmc_t).map_err(|e| e.within("current"))?;
    // Progress = (now − 2015)/(target − 2015), and target − 2015 = the 2015 value itself.
    let progress = |now: f64, base: f64| if base > 0.0 { (now - base) / base } else { 0.0 };
    Ok(Targets2035 {
        cmu,
        cmu_2015,
        cmu_target: 2.0 * cmu_2015,
        cmu_progress: progress(cmu, cmu_2015),
        productivity: rp,
        productivity_2015: rp_2015,
        productivity_target: 2.0 * rp_2015,
        productivity_progress: progress(rp, rp_2015),
        dmc_within_2015: c.dmc_t <= b.dmc_t,
        vintages: vec![b.vintage.clone(), c.vintage.clone()],
    })
}
