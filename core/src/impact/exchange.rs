//! Impact of one material exchange: CO2e avoided, virgin material saved, euros saved.

use super::ImpactError;
use super::factors::{FactorKind, Factors, Found, Pathway, Resolved, Vehicle};
use crate::vocab::{Code, Quantity, Unit};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which factor an unknown estimate lacks: a stable `code` with the data a UI needs to say it
/// in its own language. `Display` gives the English text used in `reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Missing {
    /// No emission factor for treating the category's material in `pathway`.
    TreatmentFactor {
        /// The material category it is missing for.
        category: String,
        /// The pathway it is missing for.
        pathway: Pathway,
    },
    /// No ratio of virgin material displaced per tonne of secondary material.
    SubstitutionRatio {
        /// The material category it is missing for.
        category: String,
    },
    /// No emission factor for producing the virgin material that is displaced.
    VirginFactor {
        /// The material category it is missing for.
        category: String,
    },
    /// No emission factor for preparing the secondary material for use.
    SecondaryProcessingFactor {
        /// The material category it is missing for.
        category: String,
    },
    /// No emission factor per t·km for `vehicle`.
    TransportFactor {
        /// The material category it is missing for.
        category: String,
        /// The vehicle it is missing for.
        vehicle: Vehicle,
    },
    /// No gate fee for `pathway`.
    GateFee {
        /// The material category it is missing for.
        category: String,
        /// The pathway it is missing for.
        pathway: Pathway,
    },
    /// The inputs are so large that the result is outside the range of computable numbers.
    OutOfRange {
        /// The material category it is missing for.
        category: String,
    },
    /// The quantities on the two sides do not convert to tonnes (pieces without a mass).
    NotInTonnes {
        /// The material category it is missing for.
        category: String,
    },
    /// The exchange's inputs are invalid (a unit, an amount), so nothing can be computed.
    InvalidInput {
        /// The material category it is missing for.
        category: String,
    },
}

impl Missing {
    /// The material category the factor is missing for.
    pub fn category(&self) -> &str {
        match self {
            Missing::TreatmentFactor { category, .. }
            | Missing::SubstitutionRatio { category }
            | Missing::VirginFactor { category }
            | Missing::SecondaryProcessingFactor { category }
            | Missing::TransportFactor { category, .. }
            | Missing::GateFee { category, .. }
            | Missing::OutOfRange { category }
            | Missing::NotInTonnes { category }
            | Missing::InvalidInput { category } => category,
        }
    }
}

/// Why a term does not apply, as a stable `code`; `Display` gives the English `reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inapplicable {
    /// Material recovery is the same on both sides (or on neither).
    NoRecoveryChange,
    /// No prices were given for the material-value term.
    NoPrices,
    /// No extra logistics cost was given.
    NoLogisticsCost,
    /// The recycling factor already credits the displaced virgin production.
    CreditedInRecyclingFactor,
}

impl fmt::Display for Inapplicable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Inapplicable::NoRecoveryChange => "no change in material recovery",
            Inapplicable::NoPrices => "no prices given",
            Inapplicable::NoLogisticsCost => "no logistics cost given",
            Inapplicable::CreditedInRecyclingFactor => {
                "displaced virgin production is already credited in the recycling factor"
            }
        })
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::OutOfRange { .. } => {
                return f.write_str("the inputs are too large: the result cannot be computed");
            }
            Missing::NotInTonnes { .. } => {
                return f.write_str("the two quantities do not convert to tonnes");
            }
            Missing::InvalidInput { .. } => {
                return f
                    .write_str("the exchange's inputs are invalid: its impact cannot be computed");
            }
            _ => {}
        }
        let what = match self {
            Missing::OutOfRange { .. }
            | Missing::NotInTonnes { .. }
            | Missing::InvalidInput { .. } => String::new(),
            Missing::TreatmentFactor { pathway, .. } => format!("{} treatment", pathway.id()),
            Missing::SubstitutionRatio { .. } => "substitution ratio".to_owned(),
            Missing::VirginFactor { .. } => "virgin production".to_owned(),
            Missing::SecondaryProcessingFactor { .. } => "secondary processing".to_owned(),
            Missing::TransportFactor { vehicle, .. } => format!("{} transport", vehicle.id()),
            Missing::GateFee { pathway, .. } => format!("{} gate fee", pathway.id()),
        };
        write!(f, "no {what} factor for `{}`", self.category())
    }
}

/// A number with its low–high range, or why it is unknown, or why it does not apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Estimate {
    /// Computed: the central value and its range.
    Known {
        /// The central value.
        value: f64,
        /// The low end of the range.
        low: f64,
        /// The high end of the range.
        high: f64,
    },
    /// A factor is missing: never reported as 0. `reason` is English text; `missing` says the
    /// same as data (empty when the reason came from elsewhere, e.g. older JSON).
    Unknown {
        /// Why, in English.
        reason: String,
        /// Which factors are missing, as data.
        #[serde(default)]
        missing: Vec<Missing>,
    },
    /// The term does not apply to this exchange (e.g. no material recovery); adds nothing.
    /// `code` says the same as `reason` as data (absent in older JSON).
    NotApplicable {
        /// Why, in English.
        reason: String,
        /// Why, as data.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<Inapplicable>,
    },
}

impl Estimate {
    /// A known value; an overflowed one (±∞, NaN) is unknown instead, never "known, null".
    pub fn exact(value: f64) -> Estimate {
        Estimate::range(value, value, value)
    }

    fn range(value: f64, low: f64, high: f64) -> Estimate {
        if value.is_finite() && low.is_finite() && high.is_finite() {
            Estimate::Known { value, low, high }
        } else {
            Estimate::missing(Missing::OutOfRange {
                category: String::new(),
            })
        }
    }

    /// Unknown for a reason that has no [`Missing`] code.
    pub fn unknown(reason: impl Into<String>) -> Estimate {
        Estimate::Unknown {
            reason: reason.into(),
            missing: Vec::new(),
        }
    }

    /// Not applicable, with its code and English reason.
    pub fn not_applicable(why: Inapplicable) -> Estimate {
        Estimate::NotApplicable {
            reason: why.to_string(),
            code: Some(why),
        }
    }

    /// Unknown because `missing` is not in the factor set.
    pub fn missing(missing: Missing) -> Estimate {
        Estimate::Unknown {
            reason: missing.to_string(),
            missing: vec![missing],
        }
    }

    /// The central value, if known.
    pub fn value(&self) -> Option<f64> {
        match self {
            Estimate::Known { value, .. } => Some(*value),
            _ => None,
        }
    }

    /// True when a factor was missing (never when the term does not apply).
    pub fn is_unknown(&self) -> bool {
        matches!(self, Estimate::Unknown { .. })
    }

    /// (value, low, high) treating not-applicable as an exact zero; None when unknown.
    fn parts(&self) -> Option<(f64, f64, f64)> {
        match self {
            Estimate::Known { value, low, high } => Some((*value, *low, *high)),
            Estimate::NotApplicable { .. } => Some((0.0, 0.0, 0.0)),
            Estimate::Unknown { .. } => None,
        }
    }

    /// Σ sign·term; unknown if any term is unknown, not applicable if all are.
    fn combine(terms: &[(f64, &Estimate)]) -> Estimate {
        let mut reasons: Vec<&str> = Vec::new();
        let mut missing: Vec<Missing> = Vec::new();
        for (_, e) in terms {
            if let Estimate::Unknown { reason, missing: m } = e {
                reasons.push(reason);
                for x in m {
                    if !missing.contains(x) {
                        missing.push(x.clone());
                    }
                }
            }
        }
        if !reasons.is_empty() {
            return Estimate::Unknown {
                reason: reasons.join("; "),
                missing,
            };
        }
        if let Some((_, first @ Estimate::NotApplicable { .. })) = terms.first()
            && terms
                .iter()
                .all(|(_, e)| matches!(e, Estimate::NotApplicable { .. }))
        {
            return (*first).clone();
        }
        let (mut v, mut lo, mut hi) = (0.0, 0.0, 0.0);
        for (sign, e) in terms {
            let Some((ev, el, eh)) = e.parts() else {
                continue;
            };
            v += sign * ev;
            // A negative sign swaps which end of the term makes the total low.
            let (a, b) = (sign * el, sign * eh);
            lo += a.min(b);
            hi += a.max(b);
        }
        Estimate::range(v, lo, hi)
    }
}

/// Market prices for valuing the displaced virgin material.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prices {
    /// Price of the virgin material, EUR per tonne.
    pub virgin_eur_per_t: f64,
    /// Price of the secondary material, EUR per tonne.
    pub secondary_eur_per_t: f64,
}

/// One exchange as the widget or the finder describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeInput {
    /// Category id (`wood`), material id (`hdpe`) or EWC code (`170101`, `17 01 01`).
    pub material: String,
    /// Mass in `t` or `kg`; volumes and pieces are refused, not converted.
    pub quantity: Quantity,
    /// What happens to the material today.
    pub baseline: Pathway,
    /// What happens with the exchange.
    pub alternative: Pathway,
    /// Extra road distance the exchange adds beyond the haul to the usual treatment facility
    /// (which WARM's pathway factors already include), loaded leg; empty running is in the
    /// transport factor.
    #[serde(default)]
    pub distance_km: f64,
    /// The vehicle of that extra distance.
    #[serde(default)]
    pub vehicle: Vehicle,
    /// Prices for the material-value term; without them the term is reported as not applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prices: Option<Prices>,
    /// Extra logistics cost of the exchange in euros; without it the term is not applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logistics_eur: Option<f64>,
}

/// The terms that make up the totals, each with its own range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// m·(EF_baseline − EF_alternative), kg CO2e.
    pub treatment_kg: Estimate,
    /// Virgin production displaced minus secondary processing, kg CO2e.
    pub substitution_kg: Estimate,
    /// t·km·EF_transport, kg CO2e (subtracted).
    pub transport_kg: Estimate,
    /// m·(cost_baseline − cost_alternative), gate fees plus taxes, EUR.
    pub treatment_eur: Estimate,
    /// m·ratio·price_virgin − m·price_secondary, EUR.
    pub material_eur: Estimate,
    /// Extra logistics, EUR (subtracted).
    pub logistics_eur: Estimate,
}

/// Result of [`exchange`]: totals, their terms, and the factors behind them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeImpact {
    /// The material as given.
    pub material: String,
    /// The category the material resolved to.
    pub category: String,
    /// The quantity in tonnes.
    pub quantity_t: f64,
    /// Tonne-kilometres of the extra distance.
    pub tonne_km: f64,
    /// Greenhouse gas emissions avoided, kg CO2e.
    pub co2e_avoided_kg: Estimate,
    /// Virgin material saved, tonnes.
    pub virgin_saved_t: Estimate,
    /// Money saved, euros.
    pub euros_saved: Estimate,
    /// The terms behind the totals.
    pub breakdown: Breakdown,
    /// Ids of every factor used, in the order used.
    pub factors_used: Vec<String>,
    /// Unit conversions applied, stated so none is silent.
    pub conversions: Vec<String>,
    /// Caveats of this estimate (factors to verify for the lot), in English.
    pub notes: Vec<String>,
}

/// Collects factor ids and conversions while the terms are computed.
struct Trace<'a> {
    factors: &'a Factors,
    resolved: Resolved,
    used: Vec<String>,
    conversions: Vec<String>,
    notes: Vec<String>,
}

impl Trace<'_> {
    fn find(
        &mut self,
        kind: FactorKind,
        pathway: Option<Pathway>,
        vehicle: Option<Vehicle>,
    ) -> Option<Found> {
        let found = self
            .factors
            .lookup(&self.resolved, kind, pathway, vehicle)?;
        for id in &found.ids {
            if !self.used.contains(id) {
                self.used.push(id.clone());
                // A factor flagged for verification is never used silently.
                if self.factors.get(id).is_some_and(|f| f.verify) {
                    self.notes.push(format!(
                        "verify `{id}` for this lot: it may not apply (its scope is in docs/factors.md)"
                    ));
                }
            }
        }
        for c in &found.conversions {
            if !self.conversions.contains(c) {
                self.conversions.push(c.clone());
            }
        }
        Some(found)
    }

    fn category(&self) -> String {
        self.resolved.category.clone()
    }

    fn note(&mut self, text: String) {
        if !self.notes.contains(&text) {
            self.notes.push(text);
        }
    }

    /// m × factor, or unknown naming the missing factor.
    fn per_tonne(
        &mut self,
        m: f64,
        kind: FactorKind,
        pathway: Option<Pathway>,
        missing: Missing,
    ) -> Estimate {
        match self.find(kind, pathway, None) {
            Some(f) => scaled(m, &f),
            None => Estimate::missing(missing),
        }
    }
}

/// m × factor with the range kept in order whatever the sign of m.
fn scaled(m: f64, f: &Found) -> Estimate {
    let (a, b) = (m * f.low, m * f.high);
    Estimate::range(m * f.value, a.min(b), a.max(b))
}

/// Said whenever transport is counted: WARM's pathway factors already include the usual haul.
pub const TRANSPORT_NOTE: &str = "transport counts only the extra road distance the exchange \
    adds beyond the haul to the usual treatment facility, which WARM's pathway factors already \
    include; distance_km must be that difference, not the whole route";

/// Mass in tonnes; anything but kg or t is a unit error, not a guess at density.
pub fn tonnes(q: &Quantity) -> Result<f64, ImpactError> {
    let t = match q.unit {
        Unit::Tonne => q.amount,
        Unit::Kg => q.amount / 1000.0,
        other => {
            return Err(ImpactError::UnitMismatch {
                what: "quantity".to_owned(),
                expected: "t or kg".to_owned(),
                found: other.symbol().to_owned(),
            });
        }
    };
    if !t.is_finite() || t < 0.0 {
        return Err(ImpactError::InvalidInput {
            field: "quantity".to_owned(),
            code: Code::OutOfRange,
            reason: format!("must be a finite mass ≥ 0, got {}", q.amount),
        });
    }
    Ok(t)
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

/// Impact of one exchange by WARM's rule: baseline pathway − alternative pathway − transport.
///
/// The published WARM vector (10 kg of desktop computers, landfill 0.02 → recycling −1.49
/// MTCO2E/short ton) with those two values given as overrides; the shipped factors are WARM v15
/// at four decimals.
///
/// ```
/// use kiertokit::impact::{exchange, ExchangeInput, FactorOverride, FactorUnit, Factors, Pathway, Vehicle};
/// use kiertokit::{Quantity, Unit};
/// let published = |id: &str, value| FactorOverride {
///     id: id.into(), value, unit: FactorUnit::MtCo2ePerShortTon, low: None, high: None,
///     source: Some("published WARM vector".into()), year: None, note: None,
/// };
/// let factors = Factors::builtin().expect("shipped data is valid").with_overrides(&[
///     published("warm15.desktop_computers.landfill", 0.02),
///     published("warm15.desktop_computers.recycling", -1.49),
/// ]).expect("known ids, matching units");
/// let input = ExchangeInput {
///     material: "desktop_computers".into(),
///     quantity: Quantity { amount: 10.0, unit: Unit::Kg },
///     baseline: Pathway::Landfill,
///     alternative: Pathway::Recycling,
///     distance_km: 0.0,
///     vehicle: Vehicle::FullTrailer,
///     prices: None,
///     logistics_eur: None,
/// };
/// let impact = exchange(&input, &factors).expect("valid input");
/// let kg = impact.co2e_avoided_kg.value().expect("known");
/// assert!((kg - 16.644901).abs() < 1e-6);
/// ```
pub fn exchange(input: &ExchangeInput, factors: &Factors) -> Result<ExchangeImpact, ImpactError> {
    let m = tonnes(&input.quantity)?;
    let km = non_negative("distance_km", input.distance_km)?;
    if let Some(p) = input.prices {
        non_negative("prices.virgin_eur_per_t", p.virgin_eur_per_t)?;
        non_negative("prices.secondary_eur_per_t", p.secondary_eur_per_t)?;
    }
    if let Some(l) = input.logistics_eur {
        non_negative("logistics_eur", l)?;
    }
    let resolved = factors.resolve(&input.material)?;
    let mut t = Trace {
        factors,
        notes: resolved.note.iter().cloned().collect(),
        resolved,
        used: Vec::new(),
        conversions: Vec::new(),
    };
    let (base, alt) = (input.baseline, input.alternative);

    // Treatment: m·(EF_baseline − EF_alternative).
    let base_kg = t.per_tonne(
        m,
        FactorKind::Treatment,
        Some(base),
        Missing::TreatmentFactor {
            category: t.category(),
            pathway: base,
        },
    );
    let alt_kg = t.per_tonne(
        m,
        FactorKind::Treatment,
        Some(alt),
        Missing::TreatmentFactor {
            category: t.category(),
            pathway: alt,
        },
    );
    let treatment_kg = Estimate::combine(&[(1.0, &base_kg), (-1.0, &alt_kg)]);

    // Substitution and virgin saved apply to material recovery only; recovery on both sides cancels.
    let recovery = |p: Pathway| p == Pathway::Recycling;
    let net_recovery = f64::from(u8::from(recovery(alt))) - f64::from(u8::from(recovery(base)));
    let (substitution_kg, virgin_saved_t, ratio) = if net_recovery == 0.0 {
        let na = Estimate::not_applicable(Inapplicable::NoRecoveryChange);
        (na.clone(), na, None)
    } else {
        let ratio = t.find(FactorKind::Substitution, None, None);
        let virgin_saved = match &ratio {
            Some(r) => scaled(net_recovery * m, r),
            None => Estimate::missing(Missing::SubstitutionRatio {
                category: t.category(),
            }),
        };
        let recovered_side = if net_recovery > 0.0 { alt } else { base };
        let credited = t
            .factors
            .lookup(
                &t.resolved,
                FactorKind::Treatment,
                Some(recovered_side),
                None,
            )
            .is_some_and(|f| f.includes_substitution);
        let sub = if credited {
            Estimate::not_applicable(Inapplicable::CreditedInRecyclingFactor)
        } else {
            let virgin = match (&ratio, t.find(FactorKind::Virgin, None, None)) {
                (Some(r), Some(v)) => {
                    let corners = [
                        r.low * v.low,
                        r.low * v.high,
                        r.high * v.low,
                        r.high * v.high,
                    ];
                    let lo = corners.iter().copied().fold(f64::INFINITY, f64::min);
                    let hi = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    Estimate::range(m * r.value * v.value, m * lo, m * hi)
                }
                (None, _) => Estimate::missing(Missing::SubstitutionRatio {
                    category: t.category(),
                }),
                (_, None) => Estimate::missing(Missing::VirginFactor {
                    category: t.category(),
                }),
            };
            let secondary = t.per_tonne(
                m,
                FactorKind::SecondaryProcessing,
                None,
                Missing::SecondaryProcessingFactor {
                    category: t.category(),
                },
            );
            Estimate::combine(&[(net_recovery, &virgin), (-net_recovery, &secondary)])
        };
        (sub, virgin_saved, ratio)
    };

    // Transport: t·km × EF; zero distance needs no factor.
    let tonne_km = m * km;
    if !tonne_km.is_finite() {
        return Err(ImpactError::InvalidInput {
            field: "distance_km".to_owned(),
            code: Code::NotComputable,
            reason: "quantity × distance is too large".to_owned(),
        });
    }
    let transport_kg = if tonne_km == 0.0 {
        Estimate::exact(0.0)
    } else {
        t.note(TRANSPORT_NOTE.to_owned());
        match t.find(FactorKind::Transport, None, Some(input.vehicle)) {
            Some(f) => scaled(tonne_km, &f),
            None => Estimate::missing(Missing::TransportFactor {
                category: t.category(),
                vehicle: input.vehicle,
            }),
        }
    };
    let co2e_avoided_kg = Estimate::combine(&[
        (1.0, &treatment_kg),
        (1.0, &substitution_kg),
        (-1.0, &transport_kg),
    ]);

    // Euros: avoided gate fees and taxes, material value, minus extra logistics.
    let cost = |t: &mut Trace<'_>, p: Pathway| {
        let category = t.category();
        let fee = t.per_tonne(
            m,
            FactorKind::GateFee,
            Some(p),
            Missing::GateFee {
                category,
                pathway: p,
            },
        );
        // Tax is law: a pathway without a tax factor is untaxed, not unknown; the Waste Tax
        // Act (1126/2010, 1 §) does not apply to hazardous waste at all.
        let tax = if t.resolved.hazardous == Some(true) {
            if t.factors
                .lookup(&t.resolved, FactorKind::Tax, Some(p), None)
                .is_some()
            {
                t.note(format!(
                    "hazardous waste (EWC entry marked *): no {} tax counted, the Waste Tax Act \
                     1126/2010 does not apply to hazardous waste (1 §)",
                    p.id()
                ));
            }
            Estimate::exact(0.0)
        } else {
            match t.find(FactorKind::Tax, Some(p), None) {
                Some(f) => scaled(m, &f),
                None => Estimate::exact(0.0),
            }
        };
        Estimate::combine(&[(1.0, &fee), (1.0, &tax)])
    };
    let base_eur = cost(&mut t, base);
    let alt_eur = cost(&mut t, alt);
    let treatment_eur = Estimate::combine(&[(1.0, &base_eur), (-1.0, &alt_eur)]);
    let material_eur = match (input.prices, net_recovery != 0.0) {
        (_, false) => Estimate::not_applicable(Inapplicable::NoRecoveryChange),
        (None, true) => Estimate::not_applicable(Inapplicable::NoPrices),
        (Some(p), true) => match &ratio {
            Some(r) => {
                let s = net_recovery * m;
                let a = s * r.low * p.virgin_eur_per_t;
                let b = s * r.high * p.virgin_eur_per_t;
                let sec = s * p.secondary_eur_per_t;
                Estimate::range(
                    s * r.value * p.virgin_eur_per_t - sec,
                    a.min(b) - sec,
                    a.max(b) - sec,
                )
            }
            None => Estimate::missing(Missing::SubstitutionRatio {
                category: t.category(),
            }),
        },
    };
    let logistics_eur = match input.logistics_eur {
        Some(l) => Estimate::exact(l),
        None => Estimate::not_applicable(Inapplicable::NoLogisticsCost),
    };
    let euros_saved = Estimate::combine(&[
        (1.0, &treatment_eur),
        (1.0, &material_eur),
        (-1.0, &logistics_eur),
    ]);

    Ok(ExchangeImpact {
        material: input.material.clone(),
        category: t.resolved.category.clone(),
        quantity_t: m,
        tonne_km,
        co2e_avoided_kg,
        virgin_saved_t,
        euros_saved,
        breakdown: Breakdown {
            treatment_kg,
            substitution_kg,
            transport_kg,
            treatment_eur,
            material_eur,
            logistics_eur,
        },
        factors_used: t.used,
        conversions: t.conversions,
        notes: t.notes,
    })
}
